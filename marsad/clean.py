"""Page cleaning: a raw news page (plain-text scrape or HTML) -> its article(s).

Scraped pages interleave the story with furniture: ads, bylines, share bars,
comment forms, author boxes, image credits, tag lists, related-article lists.
Each line is matched against the cues of ``data/lexicons/furniture.tsv`` (one
regex per row, with a kind saying what the match means), then a small state
machine follows the page: a related-articles heading opens a list of short
headlines; a "read also" headline followed by full paragraphs is a second
article when they share its words, come after the article's footer, or follow
an "outlet (city)" stub. Outlet lines count only between title and first
paragraph; a scene caption right after an image credit goes with it.
HTML goes through trafilatura first, then through the same line filter.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from marsad.errors import InputError
from marsad.lexicons import LexiconError, read_table
from marsad.text.normalize import NormalizedView, remove_diacritics

_LEXICONS = Path(__file__).parent / "data" / "lexicons"
KINDS = ("line", "footer", "heading", "inline", "dateline", "header", "image", "author", "foreign")
_CAPTURES = ("byline", "source", "date")

# The cue key folds what varies between outlets' spellings of the same cue; chained
# str.replace is several times faster than str.translate on paragraph-long lines.
_FOLD_LETTERS = (("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ٱ", "ا"), ("ى", "ي"), ("ة", "ه"))
_FOLD_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_INDIC_DIGIT = re.compile("[٠-٩۰-۹]")
_BULLET = re.compile(r"^[\s•·▪►◄●■◆*\-–—]+")
_CLOSERS = "\"'”“»«)’ "
_SENTENCE_END = ".!?؟…:؛"
_SENTENCE_PUNCT = re.compile(r"[.!?؟:؛]")
_ARABIC_RUN = re.compile(r"[\u0620-\u064a]+")
_LETTER_RUN = re.compile(r"[^\W\d_]+")
_WORD = re.compile(r"\w+")
_DATELINE_PREFIX = re.compile(r"^(.{4,80}?)\s(?:-|–|—|--)\s")
# The label a page's author metadata may keep: "بقلم: ليلى حسن" names ليلى حسن.
_BYLINE_LABEL = re.compile(r"^\s*(بقلم|كتب|كتبت|إعداد|اعداد|تحرير|by)\s*:?\s+", re.IGNORECASE)
_PROCLITIC = re.compile(r"^(وال|بال|فال|كال|لل|ال|و|ف|ب)(?=\w{3})")

HEADLINE_MAX_WORDS = 25  # longer lines without a full stop are run-on paragraphs, not headlines
BULLET_MAX_WORDS = 30  # a bulleted list item may run a little longer than a bare headline
STRAY_MIN_WORDS = 6  # shorter unpunctuated lines are the article's own sub-headings
STRAY_MAX_OVERLAP = 0.5  # measured on sample pages: stray headlines share 0.33-0.45 of their stems, sub-headings 0.67
UNPUNCTUATED_ITEM_MAX_WORDS = 12  # where paragraphs lack full stops, longer lines are paragraphs
LEDE_PARAGRAPHS = 2  # the top of a story (standfirst, original headline) is never a stray
CARRIED_PARAGRAPHS = 2  # a carried story shows at least this many full paragraphs under its headline
FULL_PARAGRAPH_MIN_WORDS = 25  # and each runs this long; a story resumed after a list may be shorter
CARRIED_MIN_OVERLAP = 0.5  # its headline's stems found in them: 0.8+ for a carried story, ~0.3 for a related see-also
CAPTION_MIN_WORDS = 5  # shorter unpunctuated lines after an image are the story's own sub-headings
AUTHOR_NAME_MAX_WORDS = 4  # the name line under an "Author" heading, or opening a one-line author box
MENU_ITEM_MAX_WORDS = 2  # a site's section menu at the top of a page: one or two words a line ...
MENU_MIN_ITEMS = 3  # ... and at least this many such lines in a row before the title


class CleanError(LexiconError):
    """A cleaning data file (furniture.tsv, clean_months.tsv, clean_share_words.tsv …) is malformed."""


@dataclass(frozen=True)
class Cue:
    """One furniture cue: a regex over a line's cue key and what a match means."""

    name: str
    kind: str
    max_words: int
    pattern: re.Pattern


@dataclass
class CleanArticle:
    """One article of a page: title, body paragraphs in order, and what was read off the page."""

    title: str | None
    paragraphs: list[str]
    byline: str | None = None
    source: str | None = None
    published: str | None = None
    dropped: list[dict] = field(default_factory=list)
    raw_lines: list[dict] = field(default_factory=list)


@dataclass
class _Line:
    text: str
    key: str
    words: int
    bullet: bool
    cue: Cue | None = None
    fate: str = "body"  # body, title or drop
    part: int = 0
    dropped_by: str | None = None


def cue_key(text: str) -> str:
    """The form cues are matched in: bullet, diacritics and tatweel off, letters folded, lower case.

    Example: cue_key("• إقرأ أيضاً:") == "اقرا ايضا:"
    """
    folded = remove_diacritics(_BULLET.sub("", text))
    for letter, plain in _FOLD_LETTERS:
        if letter in folded:
            folded = folded.replace(letter, plain)
    if _INDIC_DIGIT.search(folded):
        folded = folded.translate(_FOLD_DIGITS)
    return " ".join(folded.lower().split())


def _read_tsv(name: str, header: tuple[str, ...]) -> list[tuple[int, list[str]]]:
    """(line number, fields in ``header`` order) of each data row of a cleaning lexicon."""
    try:
        rows = read_table(_LEXICONS / name, header)
    except LexiconError as error:
        raise CleanError(str(error)) from error
    return [(number, [row[column] for column in header]) for number, row in rows]


@cache
def load_months() -> dict[str, int]:
    """Month number by the cue key of each month name in clean_months.tsv: {"ايار": 5, …}."""
    months: dict[str, int] = {}
    for lineno, (name, number) in _read_tsv("clean_months.tsv", ("name", "month")):
        if not number.isdigit() or not 1 <= int(number) <= 12:
            raise CleanError(f"clean_months.tsv line {lineno}: month {number!r} is not 1-12.")
        months[cue_key(name)] = int(number)
    return months


@cache
def _month_alternation() -> str:
    names = sorted(load_months(), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(name) for name in names) + ")"


def _load_words(name: str) -> tuple[str, ...]:
    """The cue keys of the first column of a one-word-a-row lexicon, without repeats, in file order."""
    words = dict.fromkeys(cue_key(word) for _, (word, _comment) in _read_tsv(name, ("word", "comment")))
    words.pop("", None)
    return tuple(words)


@cache
def load_share_words() -> tuple[str, ...]:
    """Share-bar words and phrases of clean_share_words.tsv, as cue keys: ("شارك", "طباعه", …)."""
    return _load_words("clean_share_words.tsv")


@cache
def load_bio_words() -> frozenset[str]:
    """Words that end the author's name in a biography (clean_bio_words.tsv): {"صحفيه", "covers", …}."""
    return frozenset(_load_words("clean_bio_words.tsv"))


def _share_alternation() -> str:
    # Longest first, so "ارسل الي صديق" is taken whole rather than as "ارسل" and two stray words.
    return "(?:" + "|".join(re.escape(word) for word in sorted(load_share_words(), key=len, reverse=True)) + ")"


def _expand_placeholders(pattern: str) -> str:
    """The pattern with <MONTH> and <SHARE> spelled out; their lexicons are read only when used."""
    if "<MONTH>" in pattern:
        pattern = pattern.replace("<MONTH>", _month_alternation())
    if "<SHARE>" in pattern:
        pattern = pattern.replace("<SHARE>", _share_alternation())
    return pattern


def _compile_cue(lineno: int, fields: list[str]) -> Cue:
    name, kind, max_words, pattern, _comment = fields
    if kind not in KINDS:
        raise CleanError(f"Unknown cue kind {kind!r} in furniture.tsv line {lineno}. Valid: {', '.join(KINDS)}.")
    if not max_words.isdigit():
        raise CleanError(f"furniture.tsv line {lineno}: max_words {max_words!r} is not a whole number.")
    try:
        compiled = re.compile(_expand_placeholders(pattern))
    except re.error as exc:
        raise CleanError(f"furniture.tsv line {lineno}: cue {name!r} has a bad regex: {exc}.") from exc
    return Cue(name, kind, int(max_words), compiled)


@cache
def load_cues() -> tuple[Cue, ...]:
    """The furniture cues of furniture.tsv, in file order (the first match wins)."""
    header = ("cue", "kind", "max_words", "pattern", "comment")
    return tuple(_compile_cue(lineno, fields) for lineno, fields in _read_tsv("furniture.tsv", header))


@cache
def load_openers() -> re.Pattern:
    """One regex of the running-text openers of clean_openers.tsv, anchored at the line start."""
    rows = _read_tsv("clean_openers.tsv", ("opener", "comment"))
    for lineno, (opener, _comment) in rows:
        try:
            re.compile(opener)
        except re.error as exc:
            raise CleanError(f"clean_openers.tsv line {lineno}: bad regex {opener!r}: {exc}.") from exc
    return re.compile("^(?:" + "|".join(f"(?:{opener})" for _, (opener, _c) in rows) + ")")


def _is_running(line: _Line) -> bool:
    """Whether the line opens like running text ("وأضاف …", "من جانبه …"), not like a headline."""
    return bool(load_openers().match(line.key))


@cache
def _date_patterns() -> tuple[re.Pattern, ...]:
    month = _month_alternation()
    return (re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"),
            re.compile(r"(?<!\d)(?P<d>\d{1,2})[/.](?P<m>\d{1,2})[/.](?P<y>\d{4})"),
            re.compile(rf"(?<!\d)(?P<d>\d{{1,2}})\s+(?P<name>{month})(?:\s*/\s*{month})?\s*،?\s*(?P<y>\d{{4}})"),
            re.compile(rf"\b(?P<name>{month})\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}})"))


def parse_date(text: str) -> str | None:
    """The ISO date a text states (ISO, d/m/Y, day month-name year, or English month day, year), or None.

    Example: parse_date("السبت 17 أيار/مايو 2025") == "2025-05-17"
    """
    key = cue_key(text)
    for pattern in _date_patterns():
        for match in pattern.finditer(key):
            month = load_months()[match["name"]] if "name" in match.groupdict() else int(match["m"])
            try:
                return datetime.date(int(match["y"]), month, int(match["d"])).isoformat()
            except ValueError:
                continue  # 31/02 and the like: not a date, look further
    return None


def _is_headline(line: _Line) -> bool:
    """A headline: short, and not closed by sentence punctuation."""
    limit = BULLET_MAX_WORDS if line.bullet else HEADLINE_MAX_WORDS
    tail = line.text.rstrip(_CLOSERS)
    return line.words <= limit and bool(tail) and tail[-1] not in _SENTENCE_END


def _match_cue(line: _Line, arabic_page: bool, in_header: bool) -> Cue | None:
    for cue in _eligible_cues(line.words, arabic_page, in_header):
        if cue.pattern.search(line.key):
            return cue
    return None


_ELIGIBLE: dict[tuple[int, bool, bool], tuple[tuple[Cue, ...], tuple[Cue, ...]]] = {}


def _eligible_cues(words: int, arabic_page: bool, in_header: bool) -> tuple[Cue, ...]:
    """The cues that may match a line of ``words`` words, in file order; few for a long line.

    Kept per line shape with the cue tuple they came from, so reloaded cues are honoured.
    """
    cues = load_cues()
    shape = (words, arabic_page, in_header)
    held = _ELIGIBLE.get(shape)
    if held is None or held[0] is not cues:
        if len(_ELIGIBLE) > 4096:
            _ELIGIBLE.clear()
        held = _ELIGIBLE[shape] = (cues, tuple(
            cue for cue in cues if words <= cue.max_words and (cue.kind != "foreign" or arabic_page)
            and (cue.kind != "header" or in_header)))
    return held[1]


def _is_full_paragraph(line: _Line) -> bool:
    """A long line closed by sentence punctuation: a paragraph, never a headline."""
    tail = line.text.rstrip(_CLOSERS)
    return line.words >= FULL_PARAGRAPH_MIN_WORDS and tail[-1:] in _SENTENCE_END


_MENU = Cue("navigation", "line", MENU_ITEM_MAX_WORDS, re.compile(""))


def _match_cues(lines: list[_Line], arabic_page: bool) -> None:
    """Set each line's cue; header cues only between the first kept line (the title) and the first paragraph."""
    for line in _leading_menu(lines):
        line.cue = _MENU
    title_seen = paragraph_seen = False
    for line in lines:
        if line.cue is _MENU:
            continue
        line.cue = _match_cue(line, arabic_page, title_seen and not paragraph_seen)
        if line.cue is None:
            paragraph_seen = paragraph_seen or (title_seen and not _is_title(line))
            title_seen = True


def _leading_menu(lines: list[_Line]) -> list[_Line]:
    """The section menu opening a page: a run of lines of one or two words without punctuation
    ("الرئيسية", "أخبار", "سياسة", "اقتصاد") before anything longer, at least MENU_MIN_ITEMS of them
    no other cue names (so a two-word title above "فريق التحرير" and "إعلان" stays)."""
    run = []
    for line in lines:
        if line.words > MENU_ITEM_MAX_WORDS or _SENTENCE_PUNCT.search(line.text):
            break
        if _match_cue(line, True, False) is None:  # "إعلان", "فريق التحرير": furniture of their own
            run.append(line)
    return run if len(run) >= MENU_MIN_ITEMS else []


def _read_lines(raw: str) -> list[_Line]:
    lines = []
    for text in raw.splitlines():
        text = text.strip()
        if text:
            lines.append(_Line(text, cue_key(text), len(text.split()), bool(_BULLET.match(text))))
    return lines


def _is_arabic_page(raw: str) -> bool:
    """Whether most letters of the page are Arabic (then lines in another script are furniture)."""
    sample = raw[:2000]  # enough to tell the script, and cheap
    arabic = sum(map(len, _ARABIC_RUN.findall(sample)))
    # Arabic letters are letters, and no space is one: Arabic letters that make half the characters
    # besides spaces make half the letters too, without counting the letters (the costly search).
    if arabic and 2 * arabic >= len(sample) - sample.count(" ") - sample.count("\n"):
        return True
    letters = sum(map(len, _LETTER_RUN.findall(sample)))
    return letters > 0 and arabic >= 0.5 * letters


class _Labeller:
    """Walks a page's lines once, dropping furniture and cutting it into articles (parts)."""

    def __init__(self, lines: list[_Line], punctuated: bool = True) -> None:
        self.lines = lines
        self.punctuated = punctuated  # the page ends its paragraphs with full stops
        self.part = 0
        self.footer_seen = False  # a footer cue (source, tags, share bar) came after the last paragraph
        self.paragraph_seen = False  # a caption follows an image inside the story, not above the title
        self.after_image = False
        self.in_list = False
        self.pending: list[_Line] = []  # headlines under the open heading
        self.stubs: list[_Line] = []  # "outlet (city)" stubs after those headlines

    def visit(self, index: int) -> None:
        line = self.lines[index]
        after_image, self.after_image = self.after_image, False
        if line.cue is not None:
            self._visit_cue(line, line.cue)
        elif self.in_list and not self.stubs and self._is_list_item(line):
            self._drop(line, "list_headline")
            self.pending.append(line)
        elif after_image and self.paragraph_seen and _is_caption(line):
            self._drop(line, "image_caption")
        else:
            if self.in_list:
                self.close_list(index)
            line.part = self.part
            self.footer_seen = False  # a share bar above the story is not its end
            self.paragraph_seen = self.paragraph_seen or not _is_title(line)

    def _is_list_item(self, line: _Line) -> bool:
        """A headline under a heading; on a page without full stops, only a bulleted or short one."""
        if not _is_title(line) or _is_running(line):
            return False
        return self.punctuated or line.bullet or line.words <= UNPUNCTUATED_ITEM_MAX_WORDS

    def _visit_cue(self, line: _Line, cue: Cue) -> None:
        self._drop(line, cue.name)
        if cue.kind in ("heading", "author"):
            self.in_list, self.pending, self.stubs = True, [], []
        elif cue.kind == "footer":
            self.footer_seen = True
        elif cue.kind == "dateline" and self.pending:
            self.stubs.append(line)
        elif cue.kind == "image":
            self.after_image = True

    def close_list(self, index: int | None) -> None:
        """End the open list; its last headline titles a second article when one follows at index."""
        carried = bool(self.stubs) or (self.footer_seen and len(self.pending) == 1) or self._opens_story(index)
        if index is not None and self.pending and carried:
            self.part += 1
            title = self.pending[-1]
            title.fate, title.part, title.dropped_by = "title", self.part, None
            for stub in self.stubs:
                stub.part = self.part
        self.in_list, self.pending, self.stubs = False, [], []

    def _opens_story(self, index: int | None) -> bool:
        """Whether the one headline under the heading heads the full paragraphs from index on.

        A story resumed after a see-also headline opens like running text or does not share its words.
        """
        if index is None or len(self.pending) != 1:
            return False
        following = [line for line in self.lines[index:] if line.cue is None][:CARRIED_PARAGRAPHS]
        if len(following) < CARRIED_PARAGRAPHS or not all(map(_is_full_paragraph, following)):
            return False
        overlap = headline_overlap(self.pending[0].key, [line.key for line in following])
        return not _is_running(following[0]) and overlap >= CARRIED_MIN_OVERLAP

    def _drop(self, line: _Line, cue_name: str) -> None:
        line.fate, line.part, line.dropped_by = "drop", self.part, cue_name


def _is_caption(line: _Line) -> bool:
    """A scene description under a photo: a headline-like line of a few words, not running text."""
    return line.words >= CAPTION_MIN_WORDS and _is_headline(line) and not _is_running(line)


def _is_punctuated(lines: list[_Line]) -> bool:
    """Whether most long lines of the page end with sentence punctuation."""
    long_lines = [line for line in lines if line.words > UNPUNCTUATED_ITEM_MAX_WORDS]
    ended = sum(line.text.rstrip(_CLOSERS)[-1:] in _SENTENCE_END for line in long_lines)
    return ended >= 0.5 * len(long_lines)


def _label_lines(lines: list[_Line], arabic_page: bool = True) -> list[_Line]:
    """The lines with fate (body/title/drop), article part and the cue that dropped them."""
    _match_cues(lines, arabic_page)
    labeller = _Labeller(lines, _is_punctuated(lines))
    for index in range(len(lines)):
        labeller.visit(index)
    labeller.close_list(None)
    return lines


def _stems(key: str) -> frozenset[str]:
    """Crude content stems of a line: proclitics off, words of three letters or more, first four letters."""
    return frozenset(filter(None, map(_word_stem, _WORD.findall(key))))


@lru_cache(maxsize=100_000)
def _word_stem(word: str) -> str:
    # Cached per word, not per line: pages repeat words, and a cache of whole lines would only pay
    # off where the same paragraph comes back (as in the benchmark's recombined pages).
    word = _PROCLITIC.sub("", word)
    return word[:4] if len(word) >= 3 else ""


def headline_overlap(line_key: str, other_keys: list[str]) -> float:
    """Share of a line's content stems found in the other lines (0.0 when it has none).

    Example: headline_overlap("يقول الوزير إن الحوار ممكن", ["وأكد الوزير أن الحوار مستمر."]) == 0.5
    """
    own = _stems(line_key)
    if not own:
        return 0.0
    rest = set().union(*map(_stems, other_keys)) if other_keys else set()
    return len(own & rest) / len(own)


def _is_stray_candidate(line: _Line, before: _Line | None, after: _Line | None) -> bool:
    """An unpunctuated mid-length line sitting between two full paragraphs."""
    if line.bullet or line.words < STRAY_MIN_WORDS or not _is_headline(line) or _is_running(line):
        return False
    if _SENTENCE_PUNCT.search(line.text):
        return False
    return all(near is not None and not _is_headline(near) for near in (before, after))


def _drop_stray_headlines(body: list[_Line]) -> None:
    """Drop headlines of other stories pasted between paragraphs without a cue."""
    paragraphs_seen = 0
    for index, line in enumerate(body):
        before = body[index - 1] if index else None
        after = body[index + 1] if index + 1 < len(body) else None
        paragraphs_seen += not _is_headline(line)
        if paragraphs_seen < LEDE_PARAGRAPHS or not _is_stray_candidate(line, before, after):
            continue
        others = [other.key for other in body if other is not line]
        if headline_overlap(line.key, others) < STRAY_MAX_OVERLAP:
            line.fate, line.dropped_by = "drop", "stray_headline"


def _capture(line: _Line, group: str) -> str | None:
    """A named group of the line's cue, read back in the line's original spelling."""
    if line.cue is None or group not in line.cue.pattern.groupindex:
        return None
    original = _BULLET.sub("", line.text)
    view = NormalizedView.of(original)
    match = line.cue.pattern.search(view.text)
    if match and match[group]:
        start, end = view.span(*match.span(group))
        return original[start:end].strip() or None
    match = line.cue.pattern.search(line.key)  # the view folds a few more letters than the key
    return match[group].strip() if match and match[group] else None


def _first_capture(lines: list[_Line], group: str) -> str | None:
    for line in lines:
        value = _capture(line, group)
        if value:
            return value
    return None


def _name_from_bio(bio: str) -> str | None:
    """The author's name opening a biography: the words before a bio word or punctuation, or None.

    Example: _name_from_bio("سارة علي صحفية تغطي الشؤون الأوروبية.") == "سارة علي"
    """
    words: list[str] = []
    for word in bio.split():
        bare = word.strip(".,،:;()\"'")
        if not bare or cue_key(bare) in load_bio_words() or (bare.isascii() and not bare[:1].isupper()):
            break
        words.append(bare)
        if bare != word:
            break  # a comma or full stop closes the name
    return " ".join(words) if 0 < len(words) <= AUTHOR_NAME_MAX_WORDS else None


def _name_line(line: _Line) -> str | None:
    """A short line without sentence punctuation (the name under an "Author" heading), bullet off."""
    if line.words > AUTHOR_NAME_MAX_WORDS or _SENTENCE_PUNCT.search(line.text):
        return None
    return _BULLET.sub("", line.text).strip() or None


def _author_from_box(lines: list[_Line]) -> str | None:
    """The author named by an author box: the line under its heading, or the name opening its bio."""
    for index, line in enumerate(lines):
        if line.cue is None:
            continue
        if "author" in line.cue.pattern.groupindex:
            name = _name_from_bio(line.text.split(":", 1)[-1])
        elif line.cue.kind == "author" and index + 1 < len(lines):
            name = _name_line(lines[index + 1])
        else:
            continue
        if name:
            return name
    return None


def _header_date(lines: list[_Line]) -> str | None:
    """The first date stated on a dropped line above the article's first paragraph (outlet, byline lines)."""
    for line in lines:
        if line.fate == "body":
            return None
        if line.fate == "drop" and (date := parse_date(line.text)):
            return date
    return None


def _dateline_date(paragraphs: list[str]) -> str | None:
    """The date of an opening dateline ("موسكو، 17 مايو 2025 - …"), never one inside the story."""
    match = _DATELINE_PREFIX.match(paragraphs[0]) if paragraphs else None
    return parse_date(match[1]) if match else None


def _published(own: list[_Line], dropped: list[_Line], paragraphs: list[str]) -> str | None:
    """A labelled date, else one in the page header, else one in the opening dateline."""
    stated = _first_capture(dropped, "date")
    return (parse_date(stated) if stated else None) or _header_date(own) or _dateline_date(paragraphs)


def _fate_for(line: _Line, part: int) -> str:
    return line.fate if line.part == part else "other"


def _build_article(lines: list[_Line], part: int) -> CleanArticle:
    own = [line for line in lines if line.part == part]
    titles = [line.text for line in own if line.fate == "title"]
    paragraphs = [line.text for line in own if line.fate == "body"]
    dropped = [line for line in own if line.fate == "drop"]
    return CleanArticle(
        title=titles[0] if titles else None,
        paragraphs=paragraphs,
        byline=_first_capture(dropped, "byline") or _author_from_box(own),
        source=_first_capture(dropped, "source"),
        published=_published(own, dropped, paragraphs),
        dropped=[{"text": line.text, "cue": line.dropped_by} for line in dropped],
        raw_lines=[{"text": line.text, "fate": _fate_for(line, part), "cue": line.dropped_by} for line in lines],
    )


def _is_title(line: _Line) -> bool:
    """A headline, or a short question or exclamation (headlines may ask: "هل تنجح الوساطة؟")."""
    tail = line.text.rstrip(_CLOSERS)
    return _is_headline(line) or (line.words <= HEADLINE_MAX_WORDS and tail[-1:] in ("؟", "?", "!"))


def _mark_title(lines: list[_Line]) -> None:
    """The main article's title: its first kept line, when that line is a headline."""
    first = next((line for line in lines if line.fate == "body"), None)
    if first is not None and first.part == 0 and _is_title(first):
        first.fate = "title"


def _clean_text(raw: str) -> list[CleanArticle]:
    """Articles of a plain-text page, main first, without title lookup by metadata."""
    lines = _label_lines(_read_lines(raw), _is_arabic_page(raw))
    _mark_title(lines)
    parts = sorted({line.part for line in lines if line.fate in ("body", "title")})
    for part in parts:
        _drop_stray_headlines([line for line in lines if line.part == part and line.fate == "body"])
    return [_build_article(lines, part) for part in parts]


def _extract_html(html: str) -> tuple[str, dict]:
    """Main text (one paragraph a line) and metadata of an HTML page, by trafilatura."""
    import trafilatura  # imported here: plain-text cleaning must not pay for it

    # No extensive date search: htmldate then guesses (a bare year becomes 1 January).
    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                            include_tables=False,
                                            date_extraction_params={"extensive_search": False,
                                                                    "original_date": True})
    if extracted is None or not (extracted.text or "").strip():
        raise InputError("HTML page", "trafilatura found no article text in it; "
                         "check that it is a full article page, or pass the text with html=False.")
    meta = {"title": extracted.title, "author": extracted.author,
            "sitename": extracted.sitename, "date": extracted.date}
    return extracted.text, meta


def _apply_metadata(article: CleanArticle, meta: dict) -> CleanArticle:
    """Fill what the text did not state from the page's metadata; the metadata title wins."""
    title = (meta.get("title") or "").strip()
    if title:
        if article.title and cue_key(article.title) != cue_key(title):
            article.paragraphs.insert(0, article.title)
        article.title = title
    article.byline = article.byline or _BYLINE_LABEL.sub("", meta.get("author") or "").strip() or None
    article.source = article.source or meta.get("sitename")
    article.published = article.published or meta.get("date")
    return article


def clean_page(raw: str, *, html: bool = False) -> list[CleanArticle]:
    """The articles of a raw news page: the main one first, a carried "read also" story second.

    Args:
        raw: the page, as plain text (one paragraph a line) or as HTML.
        html: extract the text with trafilatura first, and use the page's metadata.
    Returns:
        One CleanArticle per article on the page; [] for a page with no text.
    Raises:
        InputError: an HTML page holds no article text.
        CleanError: a lexicon file is malformed.

    Example: clean_page("عنوان الخبر\\nإعلان\\nقال الوزير إن المحادثات مستمرة.")[0].paragraphs
    == ["قال الوزير إن المحادثات مستمرة."]
    """
    if not html:
        return _clean_text(raw)
    text, meta = _extract_html(raw)
    articles = _clean_text(text)
    if articles:
        _apply_metadata(articles[0], meta)
    return articles
