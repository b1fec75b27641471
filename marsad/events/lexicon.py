"""The PLOVER trigger lexicon and cue words, read once from ``data/plover/*.tsv``.

A trigger row gives a lemma and its part of speech; the inflected forms it
matches (perfect and imperfect verb forms, feminine, dual and plural nouns)
are generated here, so "اقترح" also finds "اقترحت", "يقترحون" and "سيقترح"
once the reader has taken clitics off. Matching is on ``normalize_key``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from marsad.lexicons import LexiconError
from marsad.lexicons import read_table as read_data_table
from marsad.text.normalize import normalize_key
from marsad.text.tokens import split_proclitics

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "plover"
POS = ("verb", "verb_present", "noun", "adj")
MODALITIES = ("asserted", "willingness", "obligation")

_PERFECT_SUFFIXES = ("", "ت", "ا", "وا", "تا", "نا", "تم")
_PRESENT_PREFIXES = ("ي", "ت", "ن", "ا")
_PRESENT_SUFFIXES = ("", "ون", "ان", "ين", "وا", "ن", "ا")
# Object and possessive pronouns a trigger may carry: "اقترحها", "مطالبته".
_ENCLITICS = ("هما", "هم", "ها", "ه", "كم", "نا", "ني", "ك")


class PloverLexiconError(LexiconError):
    """A PLOVER data file is missing or has a malformed row."""


@dataclass(frozen=True)
class Trigger:
    """One lexicon row; ``words`` holds, per word of the pattern, the forms it matches."""

    type: str
    pattern: str
    pos: str
    modality: str
    words: tuple[frozenset[str], ...]
    line: int
    participles: frozenset[str] = frozenset()  # a verb's circumstantial participle ("، متهما موسكو")


def read_table(name: str) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) pairs of ``data/plover/<name>.tsv`` keyed by its header.

    Raises:
        PloverLexiconError: the file is missing or a row has the wrong number of cells.

    Example: read_table("types")[0][1]["type"] == "AGREE"
    """
    try:
        return read_data_table(DATA_DIR / f"{name}.tsv")
    except LexiconError as error:
        raise PloverLexiconError(str(error)) from error


@lru_cache(maxsize=1)
def load_types() -> tuple[str, ...]:
    """The 16 PLOVER types in types.tsv order. Example: load_types()[0] == "AGREE"."""
    return tuple(row["type"] for _, row in read_table("types"))


@lru_cache(maxsize=1)
def load_cues() -> dict[str, frozenset[str]]:
    """Cue words by kind (negation, speech, future, ...), normalised.

    Example: "لم" in load_cues()["negation"]
    """
    cues: dict[str, set[str]] = {}
    for _, row in read_table("cues"):
        cues.setdefault(row["kind"], set()).add(normalize_key(row["cue"]))
    return {kind: frozenset(words) for kind, words in cues.items()}


@lru_cache(maxsize=None)
def load_cue_forms(kind: str) -> frozenset[str]:
    """Every form a cue of ``kind`` matches: a "perfect/imperfect" verb cue with its inflections,
    any other cue with its noun forms, all normalised; read against ``word_readings``.

    Example: "شنت" in load_cue_forms("light") (from the row "شن/يشن")
    """
    forms: set[str] = set()
    for _, row in read_table("cues"):
        if row["kind"] == kind:
            perfect, _, present = row["cue"].partition("/")
            forms |= inflect(perfect, "verb", [present]) if present else inflect(perfect, "noun", [])
    return frozenset(forms)


@lru_cache(maxsize=1)
def load_triggers() -> tuple[Trigger, ...]:
    """Every trigger row of triggers.tsv with its generated forms.

    Raises:
        PloverLexiconError: a row names an unknown type, part of speech or modality.

    Example: any("يقترحون" in t.words[0] for t in load_triggers() if t.pattern == "اقترح")
    """
    return tuple(_make_trigger(number, row) for number, row in read_table("triggers"))


def _make_trigger(number: int, row: dict[str, str]) -> Trigger:
    _check_choice(number, "type", row["type"], load_types())
    _check_choice(number, "pos", row["pos"], POS)
    _check_choice(number, "modality", row["modality"], MODALITIES)
    first, *rest = row["pattern"].split()
    extra = [] if row["forms"] == "-" else row["forms"].split("|")
    words = [frozenset(inflect(first, row["pos"], extra))]
    for word in rest:
        words.append(frozenset(f for alt in word.split("|") for f in inflect(alt, "noun", [])))
    verb = row["pos"] == "verb"
    participles = frozenset(f for e in extra for f in participle_forms(first, e)) if verb else frozenset()
    return Trigger(row["type"], row["pattern"], row["pos"], row["modality"], tuple(words), number, participles)


def _check_choice(number: int, column: str, value: str, valid: tuple[str, ...]) -> None:
    if value not in valid:
        raise PloverLexiconError(
            f"Unknown {column} {value!r} in plover/triggers.tsv line {number}. Valid: {', '.join(valid)}.")


def inflect(lemma: str, pos: str, extra: list[str]) -> set[str]:
    """The normalised forms a lemma matches, by part of speech.

    Example: "يلتقون" in inflect("التقى", "verb", ["يلتقي"])
    """
    key, extra_keys = normalize_key(lemma), [normalize_key(e) for e in extra]
    if pos == "verb":
        return _perfect_forms(key) | {f for e in extra_keys for f in _present_forms(e)}
    if pos == "verb_present":
        return {f for e in extra_keys for f in _present_forms(e)}
    forms = _noun_forms(key)
    for plural in extra_keys:
        forms |= {plural, plural + "ا"}
    return forms


def participle_forms(lemma: str, present: str) -> set[str]:
    """A verb's circumstantial active participle (indefinite, accusative: masculine, feminine, plural).

    Derived verbs take م for the imperfect's prefix (يتهم -> متهما); a three-letter lemma also
    gets فاعل (رفض -> رافضا, دعا -> داعيا), since unvowelled script does not tell form I from
    form II (حذّر -> محذرا): the unused reading is a word news does not write.

    Example: "متهما" in participle_forms("اتهم", "يتهم") and "داعيه" in participle_forms("دعا", "يدعو")
    """
    key, imperfect = normalize_key(lemma), normalize_key(present)
    stems = {"م" + imperfect[1:]}
    if len(key) == 3:
        stems.add(key[0] + "ا" + key[1] + "ي" if key.endswith(("ا", "ي")) else key[0] + "ا" + key[1:])
    return {stem + ending for stem in stems for ending in ("ا", "ه", "ين")} | \
        {stem[:-1] + ending for stem in stems if stem.endswith("ي") for ending in ("يه", "ين")}


def _perfect_forms(lemma: str) -> set[str]:
    if lemma.endswith(("ي", "ا")) and len(lemma) > 2:
        # Defective verbs drop the last letter: دعا -> دعت, دعوا; التقى -> التقت, التقيا.
        base = lemma[:-1]
        return {lemma, base + "ت", base + "وا", base + "يا", base + "يت", base + "تا", base + "ينا"}
    return {lemma + suffix for suffix in _PERFECT_SUFFIXES}


def _present_forms(present: str) -> set[str]:
    stem = present[1:]
    forms = {prefix + stem for prefix in _PRESENT_PREFIXES}
    if stem.endswith(("ي", "و")):
        # يلتقي, يدعو: plural and jussive forms drop the final weak letter.
        base = stem[:-1]
        return forms | {p + base + s for p in _PRESENT_PREFIXES for s in ("", "ون", "ان", "ين", "وا")}
    return forms | {p + stem + s for p in _PRESENT_PREFIXES for s in _PRESENT_SUFFIXES}


def _noun_forms(lemma: str) -> set[str]:
    if lemma.endswith("ه"):
        base = lemma[:-1]
        return {lemma, base + "ات", base + "تان", base + "تين"}
    return {lemma, lemma + "ا", lemma + "ه", lemma + "ات", lemma + "ان", lemma + "ين", lemma + "ون"}


@lru_cache(maxsize=1)
def participle_index() -> dict[str, tuple[Trigger, ...]]:
    """Verb triggers by each form of their circumstantial participle: participle_index()["متهما"]."""
    index: dict[str, list[Trigger]] = {}
    for trigger in load_triggers():
        for form in trigger.participles:
            index.setdefault(form, []).append(trigger)
    return {form: tuple(triggers) for form, triggers in index.items()}


@lru_cache(maxsize=200_000)
def word_key(word: str) -> str:
    """``normalize_key`` of one word, cached: a corpus repeats its words. Example: word_key("أعلنَ") == "اعلن"."""
    return normalize_key(word)


@lru_cache(maxsize=100_000)
def word_readings(word: str) -> frozenset[str]:
    """Every normalised stem a surface word may be: clitics, future س and pronouns off.

    Example: "اقترح" in word_readings("واقترحها") and "يلتقي" in word_readings("وسيلتقي")
    """
    readings: set[str] = set()
    for proclitics, stem in split_proclitics(normalize_key(word)):
        for form in _future_readings(stem):
            # Both clitics off a short word is too greedy: "فائدة" is not ف + أيد + ه.
            readings |= _enclitic_readings(form, 4 if proclitics else 3)
    return frozenset(readings)


def _future_readings(stem: str) -> tuple[str, ...]:
    if len(stem) > 3 and stem[0] == "س" and stem[1] in "يتنا":
        return stem, stem[1:]
    return (stem,)


def _enclitic_readings(form: str, min_stem: int) -> set[str]:
    readings = {form}
    for clitic in _ENCLITICS:
        if form.endswith(clitic) and len(form) - len(clitic) >= min_stem:
            bare = form[:-len(clitic)]
            readings.add(bare)
            if bare.endswith("ت"):
                # مطالبته: the ta marbuta is written ت before a pronoun.
                readings.add(bare[:-1] + "ه")
    return readings


@lru_cache(maxsize=1)
def first_word_index() -> dict[str, tuple[Trigger, ...]]:
    """Triggers by each form of their first word. Example: first_word_index()["رفضت"]"""
    index: dict[str, list[Trigger]] = {}
    for trigger in load_triggers():
        for form in trigger.words[0]:
            index.setdefault(form, []).append(trigger)
    return {form: tuple(triggers) for form, triggers in index.items()}
