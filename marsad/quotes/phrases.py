"""Multi-word cue matching over token keys, with the regexes built once per process."""

from __future__ import annotations

import re
from functools import lru_cache

from marsad.quotes.context import CLITICS, Context
from marsad.quotes.lexicon import load_cues


@lru_cache(maxsize=None)
def _phrases(kind: str) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Phrases of cue ``kind`` as word tuples by first word, longest first so the fullest cue wins."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for phrase in load_cues().get(kind):
        words = tuple(phrase.split())
        by_first.setdefault(words[0], []).append(words)
    return {first: tuple(sorted(group, key=len, reverse=True)) for first, group in by_first.items()}


@lru_cache(maxsize=None)
def cue_first_words(kind: str) -> frozenset[str]:
    """First words of the cues of ``kind``: a cheap test before ``phrase_at``."""
    return frozenset(_phrases(kind))


def _word_matches(context: Context, index: int, word: str, first: bool, last: bool) -> bool:
    key = context.keys[index]
    if last and len(word) == 1:  # "وفقا ل": a one-letter preposition is written joined to the next word
        return key.startswith(word) or (first and key[:1] in CLITICS and key[1:].startswith(word))
    return key == word or (first and key[:1] in CLITICS and key[1:] == word)


def phrase_at(context: Context, kind: str, index: int) -> int:
    """Length in tokens of the longest cue of ``kind`` starting at token ``index``, or 0.

    Example: phrase_at(context, "according", i) == 2 where the text reads "وفقاً لوكالة ..." at i.
    """
    key = context.keys[index]
    table = _phrases(kind)
    candidates = table.get(key, ()) + (table.get(key[1:], ()) if key[:1] in CLITICS else ())
    for words in candidates:
        end = index + len(words)
        if end > len(context.keys):
            continue
        if all(_word_matches(context, index + n, word, n == 0, n == len(words) - 1)
               for n, word in enumerate(words)):
            return len(words)
    return 0


@lru_cache(maxsize=1)
def _medium_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    media = load_cues().get("medium")
    alternatives = "|".join(re.escape(phrase) for phrase in sorted(media, key=len, reverse=True))
    return re.compile(rf"(?:^| )[وفبل]?({alternatives})(?= |$)"), media


def find_medium(context: Context, lo: int, hi: int) -> str | None:
    """The medium named in tokens lo..hi ("في منشور على إكس" -> "X post"), or None.

    Example: find_medium(context, 0, 8) == "press conference" for "وقال بيسكوف خلال مؤتمر صحفي إن …".
    """
    pattern, media = _medium_pattern()
    found = [match.group(1) for match in pattern.finditer(" ".join(context.keys[lo:hi]))]
    return media[max(found, key=len)] if found else None  # the most specific cue: "على إكس" over "منشور"
