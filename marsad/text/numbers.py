"""Numbers written in digits or in Arabic words, with the noun they count.

"نحو 40 طائرة مسيرة" gives 40 counting "طايره"; "خمسة وعشرين ألفا" gives
25000; "3 آلاف" and "2.5 مليون" mix digits and scale words; "يومين" is 2 days.
Ordinals (الثالث، الأولى) are not numbers. Number words, scales, dual nouns
and the words that never count are rows of ``data/lexicons/number_words.tsv``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from marsad.document import Token
from marsad.lexicons import LexiconError, read_lexicon
from marsad.text.normalize import normalize_digits, normalize_key
from marsad.text.tokens import split_proclitics, tokenize

_KINDS = ("unit", "ten", "teen-unit", "hundred", "scale", "scale-plural", "scale-dual",
          "dual", "percent", "not-unit")
# Clitics a number word may carry: conjunctions and prepositions, never the article
# ("الاثنين" is Monday, not two).
_NUMBER_CLITICS = frozenset({"", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل"})
# d/m/yyyy and yyyy-mm-dd are dates, not three numbers.
_NUMERIC_DATE = re.compile(r"\d{1,4}[/\-.]\d{1,2}[/\-.]\d{1,4}")


@dataclass
class NumberMention:
    """A number in the text; ``unit`` is the normalised noun it counts, or "%"."""

    start: int
    end: int
    text: str
    value: float | int
    unit: str | None = None


@dataclass(frozen=True)
class NumberWord:
    value: int
    kind: str
    unit: str | None


@lru_cache(maxsize=1)
def load_number_words() -> dict[str, NumberWord]:
    """Normalised number word -> its value, kind and counted unit; loaded once.

    Example: load_number_words()["ثلاثه"].value == 3
    """
    words: dict[str, NumberWord] = {}
    for row in read_lexicon("number_words"):
        if row["kind"] not in _KINDS:
            raise LexiconError(f"Unknown kind {row['kind']!r} for {row['word']!r} in "
                               f"number_words.tsv. Valid: {', '.join(_KINDS)}.")
        unit = normalize_key(row["unit"]) or None
        words.setdefault(normalize_key(row["word"]), NumberWord(int(row["value"]), row["kind"], unit))
    return words


def parse_digits(text: str) -> float | int | None:
    """The value of a digit string, or None: "1,500" -> 1500, "٢٫٥" -> 2.5, "20%" -> 20.

    A comma or dot followed by exactly three digits (more than once, or a comma)
    separates thousands; otherwise a dot or Arabic decimal mark is a decimal point.
    """
    digits = normalize_digits(text).replace("\u066b", ".").replace("\u066c", ",").rstrip("%٪")
    if re.fullmatch(r"\d{1,3}(,\d{3})+", digits) or re.fullmatch(r"\d{1,3}(\.\d{3}){2,}", digits):
        return int(digits.replace(",", "").replace(".", ""))
    digits = digits.replace(",", ".")
    if re.fullmatch(r"\d+", digits):
        return int(digits)
    if re.fullmatch(r"\d+\.\d+", digits):
        return float(digits)
    return None


def _read_word(token: Token) -> tuple[str, NumberWord] | None:
    # The bare word first, then each clitic reading without the article.
    words = load_number_words()
    for clitic, stem in split_proclitics(normalize_key(token.text), 2):
        entry = words.get(stem)
        if entry and clitic in _NUMBER_CLITICS:
            return clitic, entry
    return None


def _classify(tokens: list[Token], index: int) -> tuple[str, float | int, bool] | None:
    """(kind, value, joined-by-و) of the token at ``index``, or None if it is no number part."""
    token = tokens[index]
    if token.kind == "number":
        value = parse_digits(token.text)
        previous = tokens[index - 1] if index else None
        waw = bool(previous and previous.end == token.start and previous.text == "و")
        return ("digit", value, waw) if value is not None else None
    if token.kind != "arabic":
        return None
    reading = _read_word(token)
    if reading is None or reading[1].kind in ("percent", "not-unit"):
        return None
    clitic, entry = reading
    return entry.kind, entry.value, clitic.startswith("و")


@dataclass
class _Reading:
    """A number being read token by token: completed scale groups plus the open group."""

    total: float = 0
    group: float = 0
    last_kind: str = ""
    last_scale: float = float("inf")
    unit: str | None = None

    @property
    def value(self) -> float:
        return self.total + self.group


def _starts(kind: str) -> bool:
    return kind in ("digit", "unit", "ten", "hundred", "scale", "scale-dual", "dual", "teen-unit")


def _joins(reading: _Reading, kind: str, value: float, waw: bool) -> bool:
    """Whether a part continues the number: units before tens, scales after counts."""
    last = reading.last_kind
    if waw:
        if last in ("scale", "scale-plural", "scale-dual"):
            return kind in ("digit", "unit", "ten", "hundred", "teen-unit")
        if last == "hundred":
            return kind in ("unit", "ten", "teen-unit")
        return last == "unit" and kind == "ten" and value >= 20
    if kind in ("scale", "scale-plural"):
        return last in ("digit", "unit", "ten", "hundred", "teen") and value < reading.last_scale
    if kind == "ten" and value == 10:
        return last in ("unit", "teen-unit")  # خمسة عشر, أحد عشر
    return kind == "hundred" and last == "unit" and value == 100  # ثلاث مئة


def _add(reading: _Reading, kind: str, value: float, joined: bool) -> None:
    if kind == "ten" and value == 10 and joined:
        reading.group += 10
        kind = "teen"
    elif kind == "hundred" and joined:
        reading.group *= 100
    elif kind in ("scale", "scale-plural"):
        reading.total += (reading.group or 1) * value
        reading.group, reading.last_scale = 0, value
    elif kind == "scale-dual":
        reading.total += value
        reading.last_scale = value / 2
    else:
        reading.group += value
    reading.last_kind = kind


def _glued_waw(tokens: list[Token], index: int) -> bool:
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    return bool(tokens[index].text == "و" and following and following.kind == "number"
                and following.start == tokens[index].end)


def _read_number(tokens: list[Token], first: int) -> tuple[int, _Reading] | None:
    """(index after the last token, reading) of the number starting at ``first``, or None."""
    part = _classify(tokens, first)
    if part is None or not _starts(part[0]):
        return None
    reading = _Reading()
    _add(reading, part[0], part[1], False)
    if part[0] == "dual":
        reading.unit = _read_word(tokens[first])[1].unit
        return first + 1, reading
    index = first + 1
    while index < len(tokens):
        # "و500": the conjunction is a token of its own, glued to the digits.
        step = 2 if _glued_waw(tokens, index) else 1
        part = _classify(tokens, index + step - 1)
        if part is None or not _joins(reading, *part):
            break
        _add(reading, part[0], part[1], True)
        index += step
    if reading.last_kind == "teen-unit":
        return None  # أحد without عشر is "someone", not one
    return index, reading


def _unit_after(tokens: list[Token], index: int) -> str | None:
    """The normalised word after a number: the counted noun, "%" or None."""
    if index < len(tokens) and tokens[index].text in ("%", "٪"):
        return "%"
    if index >= len(tokens) or tokens[index].kind != "arabic":
        return None
    words = load_number_words()
    key = normalize_key(tokens[index].text)
    entry = words.get(key)
    if entry and entry.kind == "percent" and key.startswith("بال"):
        return "%"
    if key == "في" and index + 1 < len(tokens) and normalize_key(tokens[index + 1].text) in ("الميه", "المايه"):
        return "%"
    if entry and entry.kind in ("not-unit", "unit", "ten", "hundred", "scale", "scale-dual"):
        return None
    return key


def _start_offset(tokens: list[Token], first: int) -> int:
    """Start of the number's span, after any clitic letters glued to it ("بألف" -> "ألف")."""
    token = tokens[first]
    reading = _read_word(token) if token.kind == "arabic" else None
    if reading and token.text.startswith(reading[0]):
        return token.start + len(reading[0])
    return token.start


def find_numbers(text: str) -> list[NumberMention]:
    """Numbers in ``text``, in digits or words, with the noun each counts.

    Example: find_numbers("أطلقت 3 آلاف طائرة")[0].value == 3000
    """
    tokens = tokenize(text)
    dates = [match.span() for match in _NUMERIC_DATE.finditer(normalize_digits(text))]
    mentions: list[NumberMention] = []
    index = 0
    while index < len(tokens):
        if any(start <= tokens[index].start < end for start, end in dates):
            index += 1
            continue
        found = _read_number(tokens, index)
        if found is None:
            index += 1
            continue
        end_index, reading = found
        mentions.append(_make_mention(text, tokens, index, end_index, reading))
        index = end_index
    return mentions


def _make_mention(text: str, tokens: list[Token], first: int, after: int, reading: _Reading) -> NumberMention:
    start = _start_offset(tokens, first)
    end = tokens[after - 1].end
    if after < len(tokens) and tokens[after].text in ("%", "٪") and tokens[after].start == end:
        end, after = tokens[after].end, after + 1  # "٢٠٪": the tokenizer leaves ٪ apart
    value = reading.value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    unit = reading.unit or ("%" if text[start:end].endswith(("%", "٪")) else _unit_after(tokens, after))
    return NumberMention(start, end, text[start:end], value, unit)
