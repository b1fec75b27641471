"""The knowledge base: canonical entities, their aliases and dated roles, as data.

``marsad/data/kb/`` holds generated files (``places.jsonl``, ``people.jsonl``,
``demonyms.tsv``, ``common_words.tsv``, ``person_stopwords.tsv``; rebuilt by
``tools/build_kb.py``) and
hand-kept ones (``places_extra.jsonl``, ``story_actors.jsonl``). Later files
extend earlier ones: an entry whose id is already known adds its aliases and
replaces its name, type and roles. Users add their own JSONL with
``load_kb(extra=[path])``. Like spaCy's KnowledgeBase, lookup goes from a
normalised alias to candidate entities; a role title ("الرئيس الروسي")
resolves to whoever held it on the article's date.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress
from pathlib import Path
from typing import Any, Iterable

from marsad.cache import load_or_build
from marsad.errors import MarsadError
from marsad.text.normalize import normalize_key
from marsad.lexicons import LEXICON_DIR, LexiconError, read_lexicon, read_table
from marsad.text.tokens import split_proclitics, tokenize

KB_DIR = Path(__file__).resolve().parent.parent / "data" / "kb"
KB_FILES = ("places.jsonl", "people.jsonl", "places_extra.jsonl", "story_actors.jsonl")
# Names what build_kb makes of the files; change it when that changes, so a cached KB built by the
# earlier code is not loaded (the cache is keyed by the files, not by the code).
KB_FORM = "demonym-respellings"
KB_LEXICONS = ("entity_spelling_variants", "entity_stopwords")  # lexicons the KB's indexes are built with
TYPES = ("PER", "ORG", "LOC", "MISC")
_HAND_KEPT_RANK = 10


class KnowledgeBaseError(MarsadError):
    """A knowledge-base file is missing or has a malformed entry."""


@dataclass(frozen=True)
class Role:
    title: str
    start: str | None = None  # ISO date the holder took the title
    end: str | None = None  # ISO date they left it; None while in office

    def held_on(self, date: str | None) -> bool:
        """Whether the role was held on ``date`` (current holders when no date is known)."""
        if date is None:
            return self.end is None
        return (self.start or "") <= date[:10] and (self.end is None or date[:10] < self.end)


@dataclass
class KBEntity:
    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    stands_for: str | None = None
    rank: float = 0.0
    kind: str = ""
    country: str | None = None  # the country a city lies in ("Amman" -> "Jordan")


class _StartsMemo(dict):
    """Word key -> the readings of it that can start a phrase; a missing word is read on lookup.

    One dict lookup per token, even the first time a word is seen: start_positions
    runs over every token of every document.
    """

    def __init__(self, lengths: dict[str, tuple[int, ...]]) -> None:
        super().__init__()
        self.lengths = lengths  # the index's own dict, so phrases added later are seen

    def __missing__(self, key: str) -> tuple[tuple[str, str, tuple[int, ...]], ...]:
        lengths = self.lengths
        starts = tuple((clitic, stem, lengths[stem]) for clitic, stem in _readings_shortest_clitic_first(key)
                       if stem in lengths)
        if len(self) < 500_000:
            self[key] = starts
        return starts


@lru_cache(maxsize=200_000)
def _readings_shortest_clitic_first(key: str) -> tuple[tuple[str, str], ...]:
    """split_proclitics(key), shortest proclitic first: "والكرملين" is و + "الكرملين" before وال + "كرملين".

    Sorted once per word: the memo of every phrase index asks about every new word.
    """
    return tuple(sorted(split_proclitics(key), key=lambda reading: len(reading[0])))


@dataclass
class PhraseIndex:
    """Phrases as tuples of normalised token keys, found by their first key, longest first."""

    phrases: dict[tuple[str, ...], list[Any]] = field(default_factory=dict)
    lengths: dict[str, tuple[int, ...]] = field(default_factory=dict)
    upper_only: set[tuple[str, ...]] = field(default_factory=set)
    _memo: dict[str, tuple] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._memo = _StartsMemo(self.lengths)

    def add(self, phrase: str, payload: Any) -> None:
        tokens = tokenize(phrase)
        keys = tuple(normalize_key(t.text) for t in tokens)
        if not keys:
            return
        bucket = self.phrases.setdefault(keys, [])
        if payload not in bucket:
            bucket.append(payload)
        self.lengths[keys[0]] = tuple(sorted(set(self.lengths.get(keys[0], ())) | {len(keys)}, reverse=True))
        self._memo.clear()
        if len(phrase) <= 4 and phrase.isascii() and phrase.isupper():
            self.upper_only.add(keys)  # "US", "EU", "X": not the English words "us", "eu", "x"

    def _starts(self, key: str) -> tuple[tuple[str, str, tuple[int, ...]], ...]:
        # Per distinct word, the readings that can start a phrase: most words have none.
        return self._memo[key]

    def can_start(self, key: str) -> bool:
        """Whether some phrase may start at a word with this key (after its proclitics)."""
        return bool(self._starts(key))

    def start_positions(self, keys: list[str]) -> list[int]:
        """Indices of the keys where some phrase may start: [1] for ["قال", "الرئيس"] when "الرئيس ..." is indexed."""
        # The test runs in C over the keys (the memo reads a word it has not seen on lookup): it is
        # asked of every token of every document.
        return list(compress(range(len(keys)), map(self._memo.__getitem__, keys)))

    @staticmethod
    def start_positions_of_any(indexes: tuple["PhraseIndex", ...], keys: list[str]) -> list[int]:
        """Indices of the keys where a phrase of any of the indexes may start, ascending."""
        return sorted(set().union(*(index.start_positions(keys) for index in indexes)))

    def match(self, keys: list[str], texts: list[str], start: int) -> tuple[int, str, str, list[Any]] | None:
        """The longest phrase at ``start``: (token count, first token's proclitics, its stem, payloads).

        Example: a KB with "فلاديمير بوتين" matches ["وفلاديمير", "بوتين"] at 0 as (2, "و", "فلاديمير", [...]).
        """
        for clitic, stem, lengths in self._memo[keys[start]]:  # self._starts, inlined: called per candidate word
            for length in lengths:
                phrase = (stem, *keys[start + 1:start + length])
                if len(phrase) == length and phrase in self.phrases:
                    if phrase in self.upper_only and not all(t.isupper() or not t.isalpha()
                                                              for t in texts[start:start + length]):
                        continue
                    return length, clitic, stem, self.phrases[phrase]
        return None


@dataclass(eq=False)  # hashed by identity, so per-KB caches work
class KnowledgeBase:
    entities: dict[str, KBEntity]
    aliases: PhraseIndex
    titles: PhraseIndex  # payload: (entity id, Role)
    demonyms: dict[str, str]  # normalised demonym form -> country canonical name
    common_words: frozenset[str]
    by_name: dict[str, str] = field(default_factory=dict)  # canonical name -> id
    peoples: PhraseIndex = field(default_factory=PhraseIndex)  # "الروس" -> "Russia": a people by its plural

    def candidates(self, payloads: list[str]) -> list[KBEntity]:
        """Entities behind an alias, the most likely first (hand-kept, then bigger places)."""
        return sorted((self.entities[i] for i in payloads), key=lambda e: -e.rank)

    def holders(self, title_payloads: list[tuple[str, Role]], date: str | None) -> list[KBEntity]:
        """Who held a title on ``date``: "الرئيس الأمريكي" on 2025-05-01 -> [Donald Trump]."""
        ids = [entity_id for entity_id, role in title_payloads if role.held_on(date)]
        return [self.entities[i] for i in dict.fromkeys(ids)]

    def is_common_word(self, key: str) -> bool:
        """Whether a normalised word is an ordinary word, bare or after و/ف/ال."""
        if key in self.common_words:
            return True
        return any(stem in self.common_words for clitic, stem in split_proclitics(key)
                   if clitic in ("و", "ف", "ال", "وال", "فال"))


def read_entities(path: Path) -> list[dict]:
    """Entries of a KB JSONL file; lines holding only a "_comment" are skipped.

    Raises:
        KnowledgeBaseError: the file is missing or a line is not a valid entry.
    """
    if not path.exists():
        raise KnowledgeBaseError(f"Knowledge-base file {path} not found; run `make kb` or fix the path.")
    entries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as error:
            raise KnowledgeBaseError(f"{path.name} line {number}: not JSON ({error}).") from error
        if "_comment" in entry:
            continue
        _check_entry(entry, path, number)
        entries.append(entry)
    return entries


def _check_entry(entry: dict, path: Path, number: int) -> None:
    missing = [key for key in ("id", "name", "type") if not entry.get(key)]
    if missing:
        raise KnowledgeBaseError(f"{path.name} line {number}: missing {', '.join(missing)}. "
                                 'Each entry needs {"id", "name", "type", "aliases"}.')
    if entry["type"] not in TYPES:
        raise KnowledgeBaseError(f"{path.name} line {number}: unknown type {entry['type']!r}. "
                                 f"Valid: {', '.join(TYPES)}.")


def merge_entries(groups: Iterable[tuple[list[dict], bool]]) -> dict[str, KBEntity]:
    """Entities by id; a later entry adds aliases and replaces name, type, roles and stands_for."""
    entities: dict[str, KBEntity] = {}
    for entries, hand_kept in groups:
        for entry in entries:
            entity = entities.get(entry["id"]) or KBEntity(entry["id"], entry["name"], entry["type"])
            entity.name, entity.type = entry["name"], entry["type"]
            entity.aliases = list(dict.fromkeys([entry["name"], *entry.get("aliases", []),
                                                 *entry.get("case_sensitive_aliases", []), *entity.aliases]))
            entity.roles = [Role(r["title"], r.get("from"), r.get("to")) for r in entry.get("roles", [])] or entity.roles
            entity.stands_for = entry.get("stands_for") or entity.stands_for
            entity.rank = max(entity.rank, _HAND_KEPT_RANK if hand_kept else _rank_of(entry))
            entity.kind = entry.get("kind", entity.kind)
            entity.country = entry.get("country") or entity.country
            entities[entity.id] = entity
    return entities


def _rank_of(entry: dict) -> float:
    # Countries before regions before cities; bigger cities first.
    return float(entry.get("rank", 0)) + min(entry.get("population", 0), 50_000_000) / 100_000_000


def spelling_variants(phrase: str, variants: dict[str, str]) -> list[str]:
    """The phrase and its respellings: "الرئيس الأمريكي" -> [..., "الرئيس الأميركي"]."""
    forms = [phrase]
    for word in phrase.split():
        if word in variants:
            forms += [form.replace(word, variants[word]) for form in forms]
    return list(dict.fromkeys(forms))


def build_kb(entities: dict[str, KBEntity], demonym_rows: list[dict], common_rows: list[dict]) -> KnowledgeBase:
    """The lookup structures over merged entities."""
    variants = {row["spelling"]: row["variant"] for row in read_lexicon("entity_spelling_variants")}
    aliases, titles = PhraseIndex(), PhraseIndex()
    for entity in entities.values():
        for alias in entity.aliases:
            for form in spelling_variants(alias, variants):
                aliases.add(form, entity.id)
        for role in entity.roles:
            for form in spelling_variants(role.title, variants):
                titles.add(form, (entity.id, role))
    # "الأميركي" is as common as "الأمريكي": a demonym gets the respellings an alias or title gets.
    demonyms = {normalize_key(form): row["country"] for row in demonym_rows
                for form in spelling_variants(row["form"], variants)}
    stop = {normalize_key(row["word"]) for row in read_lexicon("entity_stopwords")}
    common = frozenset({normalize_key(row["word"]) for row in common_rows} | stop)
    kb = KnowledgeBase(entities, aliases, titles, demonyms, common)
    kb.by_name = {e.name: e.id for e in entities.values()}
    for row in demonym_rows:
        if row.get("people") == "yes" and row["form"].startswith("ال"):
            for form in spelling_variants(row["form"], variants):
                kb.peoples.add(form, row["country"])
    _link_capitals(kb)
    return kb


def _link_capitals(kb: KnowledgeBase) -> None:
    # A capital stands for its country in events ("موسكو" acting for Russia).
    for country in [e for e in kb.entities.values() if e.kind == "country"]:
        capital_id = kb.by_name.get(getattr(country, "capital", None) or "")
        if capital_id and not kb.entities[capital_id].stands_for:
            kb.entities[capital_id].stands_for = country.name


def read_kb_table(path: Path) -> list[dict[str, str]]:
    """Rows of a KB TSV (comment lines, then a header line) as dicts."""
    try:
        return [row for _, row in read_table(path)]
    except LexiconError as error:
        raise KnowledgeBaseError(f"{error} Rebuild the knowledge base with `make kb`.") from error


def load_kb(extra: Iterable[Path] = ()) -> KnowledgeBase:
    """The knowledge base: built-in files plus ``extra`` JSONL files of the user's own entities.

    Raises:
        KnowledgeBaseError: a file is missing or malformed.

    Example: load_kb().entities["per:vladimir_putin"].name == "Vladimir Putin"
    """
    return _load_kb(tuple(str(Path(p)) for p in extra))


@lru_cache(maxsize=8)
def _load_kb(extra: tuple[str, ...]) -> KnowledgeBase:
    sources = [KB_DIR / name for name in (*KB_FILES, "demonyms.tsv", "common_words.tsv")]
    sources += [LEXICON_DIR / f"{name}.tsv" for name in KB_LEXICONS] + [Path(p) for p in extra]
    missing = [path for path in sources if not path.exists()]
    if missing:
        raise KnowledgeBaseError(f"Knowledge-base file {missing[0]} not found; run `make kb` or check --kb.")
    return load_or_build(f"kb-{KB_FORM}", sources, lambda: _build_kb(extra))


def _build_kb(extra: tuple[str, ...]) -> KnowledgeBase:
    groups = [(read_entities(KB_DIR / name), name in ("places_extra.jsonl", "story_actors.jsonl"))
              for name in KB_FILES]
    groups += [(read_entities(Path(path)), True) for path in extra]
    entities = merge_entries(groups)
    for entries, _ in groups:
        for entry in entries:
            if entry.get("capital"):
                setattr(entities[entry["id"]], "capital", entry["capital"])
    return build_kb(entities, read_kb_table(KB_DIR / "demonyms.tsv"), read_kb_table(KB_DIR / "common_words.tsv"))
