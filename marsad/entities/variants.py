"""Spelling variants of transliterated names: "زيلنسكي" and "زيلينسكي" are one name.

A name's *skeleton* keeps its consonants: long vowels (ا و ي) inside the
word, hamza and doubled letters go, and letters that transliterate one
foreign sound are folded (غ/ج/ق for g, ت/ط, س/ص, ز/ذ/ظ, د/ض, ه/ح/ة). Two
names are variants when their skeletons are equal, or differ by one edit
(a letter added or dropped) in a long enough skeleton with the same first
letter; skeleton-equal words
whose spellings are far apart are rejected. Lookup uses a deletion
neighbourhood (as SymSpell), so no scan over all names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from marsad.lexicons import read_lexicon
from marsad.text.normalize import normalize_key

_FOLD = str.maketrans({"غ": "ج", "ق": "ج", "گ": "ج", "ط": "ت", "ص": "س", "ذ": "ز", "ظ": "ز",
                       "ض": "د", "ح": "ه", "ة": "ه", "ى": "ي", "أ": "ا", "إ": "ا", "آ": "ا",
                       "ؤ": "و", "ئ": "ي", "ء": "", "ڤ": "ف", "پ": "ب", "چ": "ج"})
_VOWELS = set("اوي")
MIN_SKELETON = 4  # shorter skeletons only match exactly


@lru_cache(maxsize=100_000)
def name_skeleton(word: str) -> str:
    """The consonant skeleton of a (one-word) name.

    Example: name_skeleton("زيلينسكي") == name_skeleton("زيلنسكي") == "زلنسك"
    """
    key = normalize_key(word).translate(_FOLD).replace(" ", "").replace("تس", "ز")
    if not key:
        return ""
    body = "".join(c for c in key[1:] if c not in _VOWELS)
    letters = key[0] + body
    return "".join(c for i, c in enumerate(letters) if i == 0 or c != letters[i - 1])


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Levenshtein distance, cut off at ``limit + 1``: edit_distance("روبيو", "روبنيو") == 1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def are_variants(a: str, b: str) -> bool:
    """Whether two one-word names are spellings of one name.

    Example: are_variants("ديمترييف", "دميترييف") is True; are_variants("بوتين", "بوتان") is False
    """
    ka, kb = _without_article(normalize_key(a)), _without_article(normalize_key(b))
    if ka == kb:
        return True
    if _other_gender(ka, kb):
        return False
    sa, sb = name_skeleton(ka), name_skeleton(kb)
    if not sa or sa[0] != sb[:1] or edit_distance(ka, kb, 3) > max(2, min(len(ka), len(kb)) // 3):
        return False
    if sa == sb:
        return len(sa) >= MIN_SKELETON or _is_insertion(ka, kb) or _folded(ka) == _folded(kb)
    if min(len(ka), len(kb)) >= 5 and abs(len(ka) - len(kb)) == 1 and ka[:2] == kb[:2] and _is_insertion(ka, kb):
        return True  # one letter more or less in a long name: "روبيو"/"روبنيو"; not two: "كارني"/"كارنيغي"
    # One consonant more or less, never a different one: "باسيشنيك"/"باشنيك", not "جونسون"/"جاكسون";
    # and the same first two letters, so a verb with و ("وتكشف") is not "ويتكوف".
    return (min(len(sa), len(sb)) >= MIN_SKELETON and len(sa) != len(sb) and edit_distance(sa, sb, 1) <= 1
            and ka[:2] == kb[:2] and _same_ending(ka, kb))


def _other_gender(ka: str, kb: str) -> bool:
    """Whether one is the man's and the other the woman's form of a Slavic surname ("زاخاروف",
    "زاخاروفا"): two people."""
    return any((ka.endswith(male) and kb.endswith(female)) or (kb.endswith(male) and ka.endswith(female))
               for male, female in _gendered_endings())


@lru_cache(maxsize=1)
def _gendered_endings() -> tuple[tuple[str, str], ...]:
    return tuple((normalize_key(row["masculine"]), normalize_key(row["feminine"]))
                 for row in read_lexicon("entity_gendered_surname_endings"))


def _without_article(key: str) -> str:
    # The article is no part of a name's spelling: "البرهان" is compared as "برهان", so the
    # first-letter guards see "ب" and "الرهائن" (ر) is no variant of it.
    return key[2:] if key.startswith("ال") and len(key) > 4 else key


def _folded(key: str) -> str:
    return key.translate(_FOLD).replace("تس", "ز")


def _is_insertion(ka: str, kb: str) -> bool:
    # Only letters added, none replaced: "ترمب" in "ترامب", but not "بوتين" -> "بوتان".
    short, long = sorted((ka, kb), key=len)
    letters = iter(long)
    return short != long and all(c in letters for c in short) and short[-1] == long[-1]


def _same_ending(ka: str, kb: str) -> bool:
    # Arabic inflects at the end: "روسي"/"روسيا", "عمل"/"عملت" differ there; names keep their last letter.
    return ka[-1] == kb[-1] or {ka[-1], kb[-1]} <= {"ه", "ا"}


def _deletions(skeleton: str) -> set[str]:
    return {skeleton[:i] + skeleton[i + 1:] for i in range(1, len(skeleton))}


@dataclass
class VariantIndex:
    """One-word names by skeleton and by skeleton-with-one-letter-deleted."""

    exact: dict[str, list[tuple[str, object]]] = field(default_factory=dict)
    deleted: dict[str, set[str]] = field(default_factory=dict)
    _memo: dict[str, list] = field(default_factory=dict, repr=False)

    def add(self, word: str, payload: object) -> None:
        skeleton = name_skeleton(word)
        if len(skeleton) < 3:
            return
        self.exact.setdefault(skeleton, []).append((word, payload))
        self._memo.clear()
        if len(skeleton) >= MIN_SKELETON:
            for deletion in _deletions(skeleton):
                self.deleted.setdefault(deletion, set()).add(skeleton)

    def lookup(self, word: str) -> list[tuple[str, object]]:
        """(known spelling, payload) of every indexed name ``word`` is a variant of.

        Example: an index holding "زيلنسكي" looks up "زيلينسكى" as [("زيلنسكي", payload)].
        """
        if word not in self._memo:
            if len(self._memo) > 200_000:
                self._memo.clear()
            self._memo[word] = self._lookup(word)
        return self._memo[word]

    def _lookup(self, word: str) -> list[tuple[str, object]]:
        skeleton = name_skeleton(word)
        keys = {skeleton} | self.deleted.get(skeleton, set())
        if len(skeleton) >= MIN_SKELETON:
            for deletion in _deletions(skeleton):
                keys |= {deletion} | self.deleted.get(deletion, set())
        found = [(known, payload) for k in keys for known, payload in self.exact.get(k, [])]
        return [(known, payload) for known, payload in found if are_variants(word, known)]
