"""Tokenisation with character offsets, and proclitic splitting for matching.

Tokens keep their offsets into the original text (never bare strings).
Arabic words, Latin words, numbers in Western or Arabic-Indic digits
(with decimal and thousands separators and a trailing %), and every
punctuation mark, including all quotation-mark styles, are tokens.
"""

from __future__ import annotations

import re
from functools import lru_cache
from operator import attrgetter
from typing import Callable

from marsad.document import Document, Token
from marsad.text.normalize import normalize_key

_ARABIC_LETTERS = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06fa-\u06ff"
_ARABIC_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u0640"
_DIGITS = "0-9\u0660-\u0669\u06f0-\u06f9"

_TOKEN = re.compile(
    rf"(?P<number>[{_DIGITS}]+(?:[.,\u066b\u066c][{_DIGITS}]+)*%?)"
    rf"|(?P<arabic>[{_ARABIC_LETTERS}][{_ARABIC_LETTERS}{_ARABIC_MARKS}]*)"
    r"|(?P<latin>[A-Za-z\u00c0-\u024f](?:[A-Za-z\u00c0-\u024f0-9]|['’\-](?=[A-Za-z]))*)"
    r"|(?P<punct>[\"'«»“”„‟‘’‚‹›《》「」『』.,;:!?()\[\]{}\-–—…/\\،؛؟٪%*•·|])"
    r"|(?P<symbol>\S)"
)

QUOTE_MARKS = "\"'«»“”„‟‘’‚‹›《》「」『』"

# One proclitic combination per line, longest first: conjunction, preposition, article.
_PROCLITICS = (
    "وبال", "وكال", "وفال", "فبال", "فكال", "ولل", "فلل", "بال", "كال", "فال", "وال", "لل",
    "ال", "وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك",
)


def tokenize(text: str) -> list[Token]:
    """Tokens of ``text`` with offsets.

    Example: tokenize("قال بوتين: «نعم»")[2].text == ":"
    """
    # The columns are read off the matches by map(), in C: tokenising runs over every article.
    matches = list(_TOKEN.finditer(text))
    kinds = map(attrgetter("lastgroup"), matches)  # every alternative of _TOKEN is a group named by its kind
    return list(map(Token, map(re.Match.start, matches), map(re.Match.end, matches), map(re.Match.group, matches),
                    kinds))


_key_of = lru_cache(maxsize=200_000)(normalize_key)  # news repeats its words: one fold per distinct word


def token_keys(doc: Document) -> list[str]:
    """The ``normalize_key`` of each of the document's tokens; read-only, shared by every stage.

    Worked out once per token list: the entity, quote and event stages all look words up by key.

    Example: token_keys(doc) == ["قال", "الرييس"] for a document reading "قال الرئيس".
    """
    return _per_token(doc, "_token_keys", lambda tokens: list(map(_key_of, map(attrgetter("text"), tokens))))


def token_starts(doc: Document) -> list[int]:
    """The start offset of each of the document's tokens, ascending (to bisect); read-only, shared.

    Worked out once per token list: the entity and event stages both find tokens by offset.

    Example: token_starts(doc) == [0, 4] for a document reading "قال الرئيس".
    """
    return _per_token(doc, "_token_starts", lambda tokens: list(map(attrgetter("start"), tokens)))


def _per_token(doc: Document, name: str, work_out: Callable[[list[Token]], list]) -> list:
    # Held on the document with the token list it was worked out from: a new list is worked out again.
    held = doc.__dict__.get(name)
    if held is None or held[0] is not doc.tokens:
        held = doc.__dict__[name] = (doc.tokens, work_out(doc.tokens))
    return held[1]


def without_conjunction(key: str, min_stem: int = 3) -> str:
    """The (normalised) word without a leading و or ف when at least ``min_stem`` letters stay:
    the cheap reading for cue words, whose stems are never that short.

    Example: without_conjunction("ونائب") == "نائب"; without_conjunction("وزن") == "وزن"
    """
    return key[1:] if len(key) > min_stem and key[0] in "وف" else key


@lru_cache(maxsize=100_000)
def split_proclitics(word: str, min_stem: int = 2) -> tuple[tuple[str, str], ...]:
    """Every (proclitics, stem) reading of a (normalised) word, the bare word first.

    Matching tries each reading against a lexicon, so "وبوتين" finds "بوتين"
    and "لروسيا" finds "روسيا"; the lexicon decides which reading is real.
    "للرئيس" (ل + ال + رئيس) reads as ("لل", "رئيس") and, restoring the
    article's alef that the writing drops, as ("ل", "الرئيس").

    Example: ("و", "بوتين") in split_proclitics("وبوتين")
    """
    readings = [("", word)]
    for clitic in _PROCLITICS:
        if word.startswith(clitic) and len(word) - len(clitic) >= min_stem:
            stem = word[len(clitic):]
            readings.append((clitic, stem))
            if clitic.endswith("لل"):
                # ل + ال: the article's alef is dropped in writing.
                readings.append((clitic[:-1], "ال" + stem))
            if clitic.endswith("ال") and len(clitic) > 2:
                readings.append((clitic[:-2], "ال" + stem))
    return tuple(dict.fromkeys(readings))
