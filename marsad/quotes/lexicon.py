"""The quote layer's data: speech verbs and attribution cues, loaded once.

Both files live in ``marsad/data/lexicons/`` with a header saying what a row
means; entries are stored as written and looked up by ``normalize_key``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from marsad.lexicons import LEXICON_DIR, LexiconError, read_table
from marsad.text.normalize import normalize_key

VERB_KINDS = ("verb", "participle", "hearsay", "venue", "act", "relay", "passive")
CUE_KINDS = ("complementizer", "suffix", "content", "according", "source_from", "title", "group",
             "anonymous", "side", "adjunct", "relative", "break", "dangling", "term", "medium", "irrealis",
             "temporal", "concessive", "topic", "of_phrase", "continues",
             "pronoun_particle", "honorific", "statement", "body", "recap",
             "circumstance", "resumptive")


@dataclass(frozen=True)
class SpeechVerb:
    lemma: str
    kind: str  # one of VERB_KINDS
    plural: bool = False  # قالوا، مؤكدين: an unnamed subject is a group
    takes_object: bool = False  # اتهم X، شكر X: the first complement is the quote's target


@dataclass(frozen=True)
class Cues:
    """Attribution cues by kind: each a dict from normalised phrase to its value."""

    by_kind: dict[str, dict[str, str]]

    def get(self, kind: str) -> dict[str, str]:
        return self.by_kind.get(kind, {})


def _read_rows(name: str, columns: int) -> list[tuple[int, list[str]]]:
    rows = read_table(LEXICON_DIR / name)
    if rows and len(rows[0][1]) != columns:
        raise LexiconError(f"{name}: expected {columns} columns, the header names {len(rows[0][1])}.")
    return [(number, list(row.values())) for number, row in rows]


@lru_cache(maxsize=1)
def load_speech_verbs() -> dict[str, SpeechVerb]:
    """Speech-verb forms by normalised key: {"قالت" key: SpeechVerb("قال", "verb"), ...}.

    Raises:
        LexiconError: the file is missing or a row has an unknown kind.
    """
    verbs = {}
    for number, (form, lemma, kind, count, takes_object) in _read_rows("speech_verbs.tsv", 5):
        if kind not in VERB_KINDS:
            raise LexiconError(f"Unknown kind {kind!r} in speech_verbs.tsv line {number}. Valid: {', '.join(VERB_KINDS)}.")
        verbs[normalize_key(form)] = SpeechVerb(lemma, kind, count == "pl", takes_object == "yes")
    return verbs


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    """Attribution cues of attribution.tsv grouped by kind, keys normalised.

    Example: load_cues().get("according")[normalize_key("وفقا ل")] == "either"

    Raises:
        LexiconError: the file is missing or a row has an unknown kind.
    """
    by_kind: dict[str, dict[str, str]] = {}
    for number, (kind, phrase, value) in _read_rows("attribution.tsv", 3):
        if kind not in CUE_KINDS:
            raise LexiconError(f"Unknown kind {kind!r} in attribution.tsv line {number}. Valid: {', '.join(CUE_KINDS)}.")
        by_kind.setdefault(kind, {})[normalize_key(phrase)] = value
    return Cues(by_kind)


@lru_cache(maxsize=1)
def complementizers() -> frozenset[str]:
    """Normalised complementizer words with their pronoun-suffixed forms: "ان", "انه", "بانها", ..."""
    cues = load_cues()
    words = set()
    for base, value in cues.get("complementizer").items():
        words.add(base)
        if value == "suffixes":
            words.update(base + suffix for suffix in cues.get("suffix"))
    return frozenset(words)
