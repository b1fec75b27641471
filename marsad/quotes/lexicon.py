"""The quote layer's data: speech verbs and attribution cues, loaded once.

Both files live in ``marsad/data/lexicons/`` with a header saying what a row
means; entries are stored as written and looked up by ``normalize_key``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from marsad.errors import MarsadError
from marsad.text.normalize import normalize_key

LEXICON_DIR = Path(__file__).resolve().parent.parent / "data" / "lexicons"
VERB_KINDS = ("verb", "participle", "hearsay")
CUE_KINDS = ("complementizer", "suffix", "content", "according", "source_from", "title", "group",
             "anonymous", "side", "adjunct", "relative", "break", "dangling", "term", "medium")


class LexiconError(MarsadError):
    """A quote lexicon is missing or has a malformed row."""


@dataclass(frozen=True)
class SpeechVerb:
    lemma: str
    kind: str  # verb, participle or hearsay


@dataclass(frozen=True)
class Cues:
    """Attribution cues by kind: each a dict from normalised phrase to its value."""

    by_kind: dict[str, dict[str, str]]

    def get(self, kind: str) -> dict[str, str]:
        return self.by_kind.get(kind, {})


def _read_rows(name: str, columns: int) -> list[tuple[int, list[str]]]:
    path = LEXICON_DIR / name
    if not path.exists():
        raise LexiconError(f"Quote lexicon {path} is missing; reinstall marsad or restore the file.")
    rows = []
    lines = [(n, line.rstrip("\n")) for n, line in enumerate(path.read_text("utf-8").splitlines(), 1)]
    body = [(n, line) for n, line in lines if line.strip() and not line.startswith("#")]
    for number, line in body[1:]:  # the first non-comment line names the columns
        cells = line.split("\t")
        if len(cells) != columns:
            raise LexiconError(f"{name} line {number}: expected {columns} tab-separated cells, got {len(cells)}.")
        rows.append((number, cells))
    return rows


@lru_cache(maxsize=1)
def load_speech_verbs() -> dict[str, SpeechVerb]:
    """Speech-verb forms by normalised key: {"قالت" key: SpeechVerb("قال", "verb"), ...}.

    Raises:
        LexiconError: the file is missing or a row has an unknown kind.
    """
    verbs = {}
    for number, (form, lemma, kind) in _read_rows("speech_verbs.tsv", 3):
        if kind not in VERB_KINDS:
            raise LexiconError(f"Unknown kind {kind!r} in speech_verbs.tsv line {number}. Valid: {', '.join(VERB_KINDS)}.")
        verbs[normalize_key(form)] = SpeechVerb(lemma, kind)
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
