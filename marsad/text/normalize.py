"""Arabic normalisation for lookup keys, with a map back to the original text.

Normalisation is never applied to ``doc.text``: stages search a normalised
*view* and translate hits back to original offsets with ``NormalizedView``.
One small function per rule, as in CAMeL Tools' ``normalize_alef_ar``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

# Harakat, shadda, sukun, superscript alef, Quranic marks, and tatweel: removed.
_DROPPED = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200c-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")

_CHAR_MAP = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ې": "ي",
    "ة": "ه", "ۀ": "ه", "ہ": "ه",
    "ک": "ك", "ڪ": "ك", "گ": "ك",
    "ؤ": "و", "ئ": "ي",
    "ڤ": "ف", "پ": "ب", "چ": "ج",
    "٠": "0", "١": "1", "٢": "2", "٣": "3", "٤": "4",
    "٥": "5", "٦": "6", "٧": "7", "٨": "8", "٩": "9",
    "۰": "0", "۱": "1", "۲": "2", "۳": "3", "۴": "4",
    "۵": "5", "۶": "6", "۷": "7", "۸": "8", "۹": "9",
    "٪": "%", "٫": ".", "٬": ",",
})


def remove_diacritics(text: str) -> str:
    """Text without harakat, tatweel and invisible direction marks: "مُحَمَّد" -> "محمد"."""
    return _DROPPED.sub("", text)


def normalize_alef(text: str) -> str:
    """Hamzated and madda alef forms to bare alef: "أوكرانيا" -> "اوكرانيا"."""
    return text.translate(str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا"}))


def normalize_digits(text: str) -> str:
    """Arabic-Indic and Persian digits to Western ones: "٢٠٢٥" -> "2025"."""
    return text.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789"))


def _fold_char(char: str) -> str:
    folded = char.translate(_CHAR_MAP)
    if folded == char and not ("\u0600" <= char <= "\u06ff"):
        # NFKC folds presentation forms and full-width Latin; lower() folds case.
        folded = unicodedata.normalize("NFKC", char).lower()
    return folded


@lru_cache(maxsize=200_000)
def normalize_key(text: str) -> str:
    """The lookup key of a string: the scorer's normalisation without dropping punctuation.

    Removes diacritics and tatweel, folds alef/ya/ta-marbuta/hamza-seat
    variants and Persian letters, digits to Western, Latin to lower case,
    and collapses white space.

    Example: normalize_key("الرئيسُ  الأوكرانيّ") == "الرييس الاوكراني"
    """
    stripped = remove_diacritics(text)
    folded = stripped.translate(_CHAR_MAP).lower()
    if not unicodedata.is_normalized("NFKC", folded):  # presentation forms, ligatures, full-width Latin
        folded = "".join(_fold_char(c) for c in stripped)
    return " ".join(folded.split())


def _fold_by_char(original: str) -> tuple[str, tuple[int, ...]]:
    """The folded text and each folded character's source offset, character by character."""
    chars: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(original):
        if _DROPPED.match(char):
            continue
        for out in _fold_char(char):
            chars.append(out)
            offsets.append(index)
    return "".join(chars), tuple(offsets)


def _fold_in_place(text: str) -> tuple[str, Sequence[int]] | None:
    """Folded text and offsets when every kept character folds to exactly one (the usual case), else None."""
    if _DROPPED.search(text):
        offsets: list[int] = []
        previous = 0
        for match in _DROPPED.finditer(text):
            offsets.extend(range(previous, match.start()))
            previous = match.end()
        offsets.extend(range(previous, len(text)))
        kept = _DROPPED.sub("", text)
    else:
        offsets, kept = range(len(text)), text
    folded = kept.translate(_CHAR_MAP).lower()
    if len(folded) != len(kept) or not unicodedata.is_normalized("NFKC", folded):
        return None
    return folded, offsets


@dataclass(frozen=True)
class NormalizedView:
    """A normalised copy of a text and, per normalised character, its source offset.

    ``view.text[i]`` came from ``original[view.offsets[i]]``; ``span(start, end)``
    turns a hit in the view into original character offsets.
    """

    original: str
    text: str
    offsets: Sequence[int]

    @classmethod
    def of(cls, original: str) -> "NormalizedView":
        folded = _fold_in_place(original) or _fold_by_char(original)
        return cls(original, *folded)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) offsets of the view's text[start:end]."""
        if start >= end:
            position = self.offsets[start] if start < len(self.offsets) else len(self.original)
            return position, position
        return self.offsets[start], self.offsets[end - 1] + 1
