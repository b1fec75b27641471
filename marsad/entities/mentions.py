"""Entity mentions in a document's token stream, with offsets that leave attached clitics out.

Six finders, most certain first; a later one never takes a token an
earlier one took:

1. gazetteer: KB aliases, longest first, after proclitics (و ف ب ل ك ال);
   and demonym phrases ("الجانب الروسي") that stand for a country;
2. variant: one-word names spelled differently from the KB ("زيلينسكى");
3. title cue: a name nobody listed after a title ("السيناتور X");
4. role title: a title alone ("الرئيس الروسي"), later resolved by date;
5. tagger: the statistical tagger's names, behind guards;
6. surname: the last word of a full name found above, alone elsewhere in
   the article ("نيكول باشينيان" … "وقال باشينيان").
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, repeat

from marsad.cache import load_or_build
from marsad.document import Document, Mention, Token
from marsad.entities.kb import KB_DIR, KnowledgeBase, PhraseIndex, load_kb, read_kb_table
from marsad.entities.variants import VariantIndex, are_variants, edit_distance
from marsad.lexicons import LEXICON_DIR, read_lexicon
from marsad.text.normalize import NormalizedView, normalize_key, remove_diacritics
from marsad.text.numbers import load_number_words
from marsad.text.tokens import split_proclitics, token_keys, token_starts, without_conjunction

try:  # the statistical tagger needs its trained model; without it, gazetteer and rules still work
    from marsad.entities import tagger as _tagger
except Exception:  # noqa: BLE001 - any import failure (missing pycrfsuite, model) means no tagger
    _tagger = None

MAX_SKIPPED = 4  # title words between a cue and the name: "وزير الخارجية الأمريكي الأسبق X"
MAX_NAME_TOKENS = 4  # "مشعل الأحمد الجابر الصباح"


@dataclass
class Stream:
    """The document's tokens, their lookup keys, and which tokens a mention already took."""

    doc: Document
    tokens: list[Token]
    keys: list[str]
    texts: list[str]
    starts: list[int]  # each token's start offset: bisected to find the token at an offset
    taken: list[Mention | None]
    tags: list[str] | None = None  # the tagger's BIO tag per token, once asked for

    @classmethod
    def of(cls, doc: Document) -> "Stream":
        return cls(doc, doc.tokens, token_keys(doc), [t.text for t in doc.tokens], token_starts(doc),
                   [None] * len(doc.tokens))

    def take(self, mention: Mention, first: int, count: int) -> Mention:
        for index in range(first, first + count):
            self.taken[index] = mention
        return mention

    def is_free(self, first: int, count: int) -> bool:
        return first + count <= len(self.tokens) and all(m is None for m in self.taken[first:first + count])



@dataclass(frozen=True)
class Cues:
    titles: PhraseIndex  # payload: the type of the name a title introduces
    title_words: frozenset[str]
    heads: PhraseIndex  # payload: the type of a demonym phrase
    blocked: PhraseIndex  # phrases that hold an alias but name something else
    relatives: frozenset[str]  # "الذي", "التي": may follow a name, unlike a construct's definite noun
    not_person: frozenset[str]  # words (almost) never inside a person's name
    org_heads: frozenset[str] = frozenset()  # "شركة": a word before an organisation's name, not part of it


_CUE_LEXICONS = ("entity_titles", "entity_demonym_heads", "entity_blocked_phrases", "entity_title_words",
                 "entity_relative_words", "entity_org_heads")


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    """Title cues, words allowed between a title and a name, demonym-phrase heads and guards."""
    # Kept in the start-up cache: tokenising every cue phrase is a good part of a process's start.
    sources = [LEXICON_DIR / f"{name}.tsv" for name in _CUE_LEXICONS] + [KB_DIR / "person_stopwords.tsv"]
    return load_or_build("entity-cues", sources, _build_cues)


def _build_cues() -> Cues:
    titles, heads, blocked = PhraseIndex(), PhraseIndex(), PhraseIndex()
    for row in read_lexicon("entity_titles"):
        titles.add(row["cue"], row["type"])
    for row in read_lexicon("entity_demonym_heads"):
        heads.add(row["head"], row["type"])
    for row in read_lexicon("entity_blocked_phrases"):
        blocked.add(row["phrase"], "blocked")
    words = frozenset(normalize_key(row["word"]) for row in read_lexicon("entity_title_words"))
    relatives = frozenset(normalize_key(row["word"]) for row in read_lexicon("entity_relative_words"))
    not_person = frozenset(normalize_key(row["word"]) for row in read_kb_table(KB_DIR / "person_stopwords.tsv"))
    org_heads = frozenset(normalize_key(row["word"]) for row in read_lexicon("entity_org_heads"))
    return Cues(titles, words, heads, blocked, relatives, not_person, org_heads)


@lru_cache(maxsize=8)
def variant_index(kb: KnowledgeBase) -> VariantIndex:
    """One-word Arabic aliases of people, for spelling-variant lookup."""
    index = VariantIndex()
    for entity in kb.entities.values():
        if entity.type != "PER":
            continue
        for alias in entity.aliases:
            key = normalize_key(alias)
            if " " not in key and len(key) >= 4 and not key.isascii() and not kb.is_common_word(key):
                index.add(key, entity.id)
    return index


def make_mention(stream: Stream, first: int, count: int, clitic: str, stem: str, **fields) -> Mention:
    """A mention over tokens [first, first+count), its start moved past the first token's clitics.

    Example: for "والكرملين" read as ("و", "الكرملين") the mention text is "الكرملين".
    """
    token = stream.tokens[first]
    skipped = len(stream.keys[first]) - len(stem)  # "للبيت" read as "البيت" skips one ل, not two
    start = token.start + (_original_offset(token.text, skipped) if skipped > 0 else 0)
    end = stream.tokens[first + count - 1].end
    return Mention(start, end, stream.doc.text[start:end], **fields)


@lru_cache(maxsize=50_000)
def _original_offset(text: str, normalized: int) -> int:
    offsets = NormalizedView.of(text).offsets
    return offsets[normalized] if normalized < len(offsets) else 0


def find_gazetteer_mentions(stream: Stream, kb: KnowledgeBase, cues: Cues) -> list[Mention]:
    """KB aliases and demonym phrases, longest match first, left to right."""
    found = []
    next_free = 0
    starts = PhraseIndex.start_positions_of_any((kb.aliases, cues.heads, cues.blocked), stream.keys)
    for index in starts:
        if index < next_free:
            continue
        mention, count = _gazetteer_mention_at(stream, kb, cues, index)
        if mention is not None:
            found.append(stream.take(mention, index, count))
        next_free = index + count
    return found


def _gazetteer_mention_at(stream: Stream, kb: KnowledgeBase, cues: Cues, index: int) -> tuple[Mention | None, int]:
    alias = kb.aliases.match(stream.keys, stream.texts, index)
    blocked = cues.blocked.match(stream.keys, stream.texts, index)
    if blocked and (not alias or blocked[0] > alias[0]):
        return None, blocked[0]  # "مجلس الأمن القومي" is no "مجلس الأمن"
    if alias and not is_plausible_alias(stream, kb, index, alias):
        alias = None
    phrase = _match_demonym_phrase(stream, kb, cues, index)
    if phrase and (not alias or phrase[0] > alias[0]):
        count, clitic, stem, kind, country = phrase
        return make_mention(stream, index, count, clitic, stem, type=kind, source="demonym",
                            stands_for=country), count
    if alias:
        count, clitic, stem, payloads = alias
        entity = kb.candidates(payloads)[0]
        return make_mention(stream, index, count, clitic, stem, type=entity.type, entity_id=entity.id,
                            name=entity.name, source="gazetteer", stands_for=entity.stands_for), count
    return None, 0


def is_plausible_alias(stream: Stream, kb: KnowledgeBase, index: int, alias: tuple) -> bool:
    """Whether a one-word alias match is the name, not an ordinary word that contains it.

    Rejected: a reading that strips the article ("إلينا" is not ال + "ينا"), a
    clitic reading of an ordinary word ("كبيراً" is not ك + "بيرا"), and a
    country with adjective tanween ("جندياً أوكرانياً" is Ukrainian, not Ukraine).
    """
    count, clitic, stem, _ = alias
    if count > 1:
        return True
    if clitic.endswith(("ال", "لل")) and not stem.startswith("ال"):
        return False
    if clitic and kb.is_common_word(stream.keys[index]):
        return False
    if clitic and _is_whole_word(stream.keys[index]):
        return False  # "فرانس" (of فرانس برس) is a word of its own, not ف + "رانس" (Reims)
    text = stream.texts[index]
    return not (stem.endswith("يا") and text.endswith(("اً", "ًا")))


def _is_whole_word(key: str) -> bool:
    """Whether the tagger's training text has the word, clitic letter and all, more than once."""
    return _tagger is not None and hasattr(_tagger, "load_vocabulary") and _tagger.load_vocabulary().get(key, 0) > 1


def _match_demonym_phrase(stream: Stream, kb: KnowledgeBase, cues: Cues, index: int):
    """(token count, clitic, stem, type, country) for "الجانب الروسي"-like phrases at ``index``."""
    head = cues.heads.match(stream.keys, stream.texts, index)
    if not head:
        return None
    count, clitic, stem, payloads = head
    after = index + count
    if after >= len(stream.keys) or stream.keys[after] not in kb.demonyms:
        return None
    return count + 1, clitic, stem, payloads[0], kb.demonyms[stream.keys[after]]


def find_variant_mentions(stream: Stream, kb: KnowledgeBase, cues: Cues) -> list[Mention]:
    """One-word names the KB knows under another spelling: "زيلينسكى", "روبنيو" (not "رؤيته" for "روته")."""
    found = []
    long_enough = map((3).__lt__, map(len, stream.keys))  # four letters or more: the short words go in C
    for i in compress(range(len(stream.keys)), long_enough):
        if stream.taken[i] is not None or stream.tokens[i].kind != "arabic":
            continue
        match = _name_variant(kb, cues, stream.keys[i])
        if match and not _after_other_first_name(stream, kb, cues, i, match[2]):
            clitic, stem, entity = match
            found.append(stream.take(make_mention(stream, i, 1, clitic, stem, type=entity.type, entity_id=entity.id,
                                                  name=entity.name, source="variant"), i, 1))
    return found


def _after_other_first_name(stream: Stream, kb: KnowledgeBase, cues: Cues, index: int, entity) -> bool:
    """Whether the word before is a first name the entity does not have: "رادوسلاف سيكورسكي" is no
    spelling of "أولكسندر سيرسكي" (Syrskyi) but another man."""
    before = index - 1
    if before < 0 or stream.taken[before] is not None or not is_name_word(stream, kb, cues, before) \
            or tagger_tags(stream)[before] != "B-PER":
        return False
    firsts = {normalize_key(alias).split()[0] for alias in entity.aliases if " " in alias.strip()}
    return not any(are_variants(stream.keys[before], first) for first in firsts)


_variant_memo: dict[tuple[int, str], tuple | None] = {}
_name_variant_memo: dict[tuple[int, int, str], tuple | None] = {}


def _name_variant(kb: KnowledgeBase, cues: Cues, key: str):
    """match_variant for a word that is neither a non-name word nor an inflected ordinary word, else None.

    Memoised per word: every token of every document asks.
    """
    memo_key = (id(kb), id(cues), key)
    if memo_key not in _name_variant_memo:
        if len(_name_variant_memo) > 200_000:
            _name_variant_memo.clear()
        plausible = key not in cues.not_person and not is_inflected_word(kb, cues, key)
        _name_variant_memo[memo_key] = match_variant(kb, key) if plausible else None
    return _name_variant_memo[memo_key]


def match_variant(kb: KnowledgeBase, key: str):
    """(clitic, stem, entity) when a word is a spelling variant of exactly one KB person, else None."""
    memo_key = (id(kb), key)
    if memo_key not in _variant_memo:
        if len(_variant_memo) > 200_000:
            _variant_memo.clear()
        _variant_memo[memo_key] = _match_variant(kb, key)
    return _variant_memo[memo_key]


def _match_variant(kb: KnowledgeBase, key: str):
    if kb.is_common_word(key):
        return None
    index = variant_index(kb)
    for clitic, stem in split_proclitics(key):
        found = _closest_spellings(stem, index.lookup(stem)) if len(stem) >= 4 else []
        ids = {payload for _, payload in found}
        if len(ids) == 1 and stem not in kb.demonyms:
            return clitic, stem, kb.entities[ids.pop()]
    return None


def _closest_spellings(word: str, found: list[tuple[str, object]]) -> list[tuple[str, object]]:
    """The known spellings nearest ``word``: "زيلينيسكي" is one letter from "زيلينسكي" (him) and
    two from "زيلينسكا" (his wife), so it is his."""
    if len({payload for _, payload in found}) < 2:
        return found
    distances = [edit_distance(word, known, 3) for known, _ in found]
    return [pair for pair, distance in zip(found, distances) if distance == min(distances)]


def find_cue_mentions(stream: Stream, kb: KnowledgeBase, cues: Cues) -> list[Mention]:
    """Names nobody listed, after a title cue: "السيناتور جون سميث" -> "جون سميث" (PER)."""
    found = []
    for i in cues.titles.start_positions(stream.keys):
        cue = cues.titles.match(stream.keys, stream.texts, i)
        if not cue:
            continue
        first = _skip_title_words(stream, kb, cues, i + cue[0])
        count = _count_name_tokens(stream, kb, cues, first) if first is not None else 0
        if count and not _preposition_on_noun(kb, stream.keys[first]) \
                and is_cue_name(stream, cues, first, count, cue[3][0]):
            found.append(stream.take(make_mention(stream, first, count, "", stream.keys[first], type=cue[3][0],
                                                  source="title"), first, count))
    return found


def _preposition_on_noun(kb: KnowledgeBase, key: str) -> bool:
    """Whether the word is a preposition on a definite common noun: "ورحب الرئيس بالاتفاق" names no
    one after the title (a name in apposition to a title takes no preposition)."""
    return any(clitic[-1:] in ("ب", "ل", "ك") and stem.startswith("ال") and kb.is_common_word(stem)
               for clitic, stem in split_proclitics(key))


def _skip_title_words(stream: Stream, kb: KnowledgeBase, cues: Cues, index: int) -> int | None:
    """The first token after a title's modifiers ("الخارجية", "الروسي", "باسم الكرملين")."""
    for _ in range(MAX_SKIPPED + 1):
        if index >= len(stream.keys):
            return None
        mention = stream.taken[index]
        if mention is not None and mention.type == "PER":
            return None  # the name is already known
        if mention is not None and _is_lone_city(stream, kb, index) and tagger_tags(stream)[index] == "B-PER":
            return index  # "المبعوث الأمريكي مسعد بولس": a first name spelt like a town
        if mention is not None:
            index = _end_token(stream, index, mention)
        elif stream.keys[index] in cues.title_words or stream.keys[index] in kb.demonyms \
                or stream.keys[index].startswith("لل"):
            index += 1  # "للتجارة", "للشؤون": what the title is for
        else:
            return index
    return None


def _end_token(stream: Stream, index: int, mention: Mention) -> int:
    while index < len(stream.taken) and stream.taken[index] is mention:
        index += 1
    return index


def _count_name_tokens(stream: Stream, kb: KnowledgeBase, cues: Cues, first: int) -> int:
    count = 0
    while count < MAX_NAME_TOKENS and first + count < len(stream.tokens):
        index = first + count
        if _is_lone_city(stream, kb, index) and (count or tagger_tags(stream)[index] == "B-PER"):
            # "لين جيان": a surname spelt like a small city ("جيان") belongs to the name; so does a
            # first name the tagger reads as one ("المبعوث مسعد بولس", not the town Messaad)
            count += 1
            continue
        if not (stream.is_free(index, 1) and (is_name_word(stream, kb, cues, index)
                                              or count and is_article_surname(stream, kb, cues, index)
                                              or count and is_tagged_surname(stream, cues, index))):
            break
        count += 1
    return count


def _is_lone_city(stream: Stream, kb: KnowledgeBase, index: int) -> bool:
    mention = stream.taken[index]
    if mention is None or mention.source != "gazetteer" or mention.entity_id not in kb.entities:
        return False
    entity = kb.entities[mention.entity_id]
    return entity.kind == "city" and not entity.stands_for and _end_token(stream, index, mention) == index + 1


def is_tagged_surname(stream: Stream, cues: Cues, index: int) -> bool:
    """Whether an ordinary-looking word continues a name because the tagger reads it so: "عباس كامل"."""
    key = stream.keys[index]
    return (tagger_tags(stream)[index] == "I-PER" and stream.tokens[index].kind == "arabic"
            and key not in cues.title_words and key not in cues.relatives and not cues.titles.can_start(key))


def is_article_surname(stream: Stream, kb: KnowledgeBase, cues: Cues, index: int) -> bool:
    """Whether a word with the article continues a name: "بدر البوسعيدي", "مشعل الأحمد".

    Arab family names often carry ال; such a word is taken after a first name
    when neither it nor its bare form is an ordinary word, title word or demonym.
    """
    key = stream.keys[index]
    bare = key[2:]
    return (key.startswith("ال") and len(bare) >= 3 and stream.tokens[index].kind == "arabic"
            and "\u064b" not in stream.texts[index] and not kb.is_common_word(key) and bare not in kb.common_words
            and key not in cues.not_person and bare not in cues.not_person and key not in kb.demonyms
            and key not in cues.title_words and key not in cues.relatives)


def is_name_word(stream: Stream, kb: KnowledgeBase, cues: Cues, index: int) -> bool:
    """Whether a token may be part of a person's name: Arabic or Latin, no ordinary word."""
    key = stream.keys[index]
    token = stream.tokens[index]
    if token.kind == "latin":
        return token.text[:1].isupper()
    if "\u064b" in token.text or key.startswith("ال"):
        return False  # tanween ("مرارًا") and the article ("المطعم") mark ordinary words, not names
    ordinary = (kb.is_common_word(key) or key in cues.not_person) and not is_name_spelling(token.text)
    return (token.kind == "arabic" and len(key) >= 2 and not ordinary
            and key not in kb.demonyms and key not in cues.title_words
            and not is_inflected_word(kb, cues, key)
            and cues.titles.match(stream.keys, stream.texts, index) is None)


def is_name_spelling(text: str) -> bool:
    """Whether a token is written as a name whose key an ordinary word shares: "علي" (Ali), not "على" (on)."""
    return remove_diacritics(text) in _name_spellings()


@lru_cache(maxsize=1)
def _name_spellings() -> frozenset[str]:
    return frozenset(row["name"] for row in read_lexicon("entity_name_spellings"))


def is_inflected_word(kb: KnowledgeBase, cues: Cues, key: str) -> bool:
    """Whether a word is an ordinary word with a clitic or a pronoun suffix: "بأنها", "حديثه", "رؤيته".

    A name seldom carries a pronoun; the stem, with its feminine ة restored, is
    looked up bare and after proclitics. A word without such a suffix is left
    alone: "بدر" is no ب + "در", "فيصل" no ف + "يصل".
    """
    return any(stem in kb.common_words or stem in cues.not_person for stem in _suffix_stems(key))


@lru_cache(maxsize=100_000)
def _suffix_stems(key: str) -> tuple[str, ...]:
    """The stems a word may have under a pronoun suffix, bare and after proclitics; () for most words."""
    stems: list[str] = []
    for suffix in _PRONOUN_SUFFIXES:
        if key.endswith(suffix) and len(key) - len(suffix) >= 3:  # "هانا" is no ها + نا
            bare = key[:-len(suffix)]
            stems += [bare, bare[:-1] + "ه" if bare.endswith("ت") else bare]
            stems += [stem for clitic, stem in split_proclitics(bare) if clitic]
    return tuple(stems)


_PRONOUN_SUFFIXES = ("هما", "هم", "هن", "ها", "ه", "كم", "نا")


def is_cue_name(stream: Stream, cues: Cues, first: int, count: int, kind: str = "PER") -> bool:
    """Whether the words after a title are a name, not a noun of a construct phrase or a word the tagger rejects.

    "رئيس صندوق الثروة": a lone word followed by a definite noun heads a
    construct phrase; a lone word after a person's title that the tagger
    reads as outside any name ("وصفها الرئيس بأنها") is an ordinary word.
    A place cue ("مخيم X") is sure enough without the tagger.
    """
    if count > 1 or stream.tokens[first].kind != "arabic":
        return True
    after = first + 1
    if after < len(stream.keys) and stream.taken[after] is None and stream.keys[after].startswith("ال") \
            and stream.keys[after] not in cues.relatives:
        return False
    return kind != "PER" or tagger_tags(stream)[first] != "O"


def find_title_mentions(stream: Stream, kb: KnowledgeBase) -> list[Mention]:
    """Role titles standing alone ("قال الرئيس الروسي"), for linking to the holder by date."""
    found = []
    next_free = 0
    for i in kb.titles.start_positions(stream.keys):
        match = kb.titles.match(stream.keys, stream.texts, i) if i >= next_free else None
        if not match or not stream.is_free(i, 1) or (i and without_conjunction(stream.keys[i - 1]) in _subordinate_titles()):
            continue  # "نائب وزير الدفاع الروسي": the deputy, not the minister
        next_free = i + match[0]  # "مساعد الرئيس الروسي" holds no second title "الرئيس الروسي"
        count, clitic, stem, payloads = match
        after = stream.taken[i + count] if i + count < len(stream.taken) else None
        if after is not None and after.type == "PER":
            continue  # "الرئيس الروسي فلاديمير بوتين": the name speaks for itself
        holders = kb.holders(payloads, stream.doc.published)
        if holders:
            found.append(make_mention(stream, i, count, clitic, stem, type="PER", source="role",
                                      entity_id=" ".join(h.id for h in holders)))
    return found


@lru_cache(maxsize=1)
def _subordinate_titles() -> frozenset[str]:
    return frozenset(normalize_key(row["word"]) for row in read_lexicon("entity_subordinate_titles"))


def _drop_named_roles(stream: Stream, found: list[Mention]) -> list[Mention]:
    """Role titles right before a person's name found by any finder are no mention of their own:
    "وزير الدفاع الروسي ألكسندر فومين" names Fomin, whoever the KB says held the title."""
    person_starts = {m.start for m in found if m.type == "PER" and m.source != "role"}
    starts, kept = stream.starts, []
    for mention in found:
        if mention.source == "role":
            after = bisect_left(starts, mention.end)
            if after < len(starts) and starts[after] in person_starts:
                continue
        kept.append(mention)
    return kept


def tagger_tags(stream: Stream) -> list[str]:
    """The tagger's BIO tag of every token, sentence by sentence, computed once ("O" without a tagger).

    Example: for "وصل ماكرون إلى باريس" the tags are ["O", "B-PER", "O", "B-LOC"].
    """
    if stream.tags is None:
        stream.tags = ["O"] * len(stream.tokens)
        if _tagger is not None and hasattr(_tagger, "tag_tokens"):
            for first, last in _sentence_token_ranges(stream):
                try:
                    tags = _tagger.tag_tokens(stream.tokens[first:last])
                except Exception:  # noqa: BLE001 - a tagger without its model adds nothing
                    break
                count = min(len(tags), last - first)
                stream.tags[first:first + count] = tags[:count]
    return stream.tags


def find_tagger_mentions(stream: Stream, kb: KnowledgeBase, cues: Cues) -> list[Mention]:
    """Names the statistical tagger finds in free tokens, behind guards against ordinary words."""
    tags = tagger_tags(stream)
    found = []
    for first, count, kind in _spans(tags):
        mention = _accept_tagged(stream, kb, cues, first, count, kind)
        if mention:
            found.append(mention)
    return _drop_lone_words(stream, found)


def _drop_lone_words(stream: Stream, found: list[Mention]) -> list[Mention]:
    """Tagged one-word names kept only as a surname of a longer name or when tagged twice.

    One-word tagger names are mostly adjectives and nouns ("هائل"); a real
    one seldom stands alone: "سميث" follows "جون سميث", or recurs, or a place
    follows its kind ("إقليم نخجوان", "مدينة زابوريجيا").
    """
    surnames = {normalize_key(m.text).split()[-1] for m in stream.taken if m is not None and " " in m.text.strip()}
    counts: dict[str, int] = {}
    for mention in found:
        counts[normalize_key(mention.text)] = counts.get(normalize_key(mention.text), 0) + 1
    kept = []
    for mention in found:
        key = normalize_key(mention.text)
        if " " in key or key in surnames or counts[key] > 1 or _after_place_head(stream, mention):
            kept.append(mention)
        else:
            _release(stream, mention)
    return kept


def _after_place_head(stream: Stream, mention: Mention) -> bool:
    """Whether a tagged place follows a word for a kind of place: "إقليم", "مدينة", "نهر"."""
    index = bisect_right(stream.starts, mention.start) - 1
    return mention.type == "LOC" and index > 0 and hasattr(_tagger, "cue_of") \
        and _tagger.cue_of(stream.keys[index - 1]) == "LOC_HEAD"


def _release(stream: Stream, mention: Mention) -> None:
    for index, taken in enumerate(stream.taken):
        if taken is mention:
            stream.taken[index] = None


def _sentence_token_ranges(stream: Stream) -> list[tuple[int, int]]:
    """(first, past-the-last) token index of each sentence that holds tokens."""
    starts = stream.starts
    ranges = [(bisect_left(starts, s.start), bisect_left(starts, s.end)) for s in stream.doc.sentences]
    return [(first, last) for first, last in ranges if first < last]


def _spans(tags: list[str]) -> list[tuple[int, int, str]]:
    spans: list[tuple[int, int, str]] = []
    for i, tag in [(i, tag) for i, tag in enumerate(tags) if tag != "O"]:  # most tags are O
        if tag.startswith("B-") or (tag.startswith("I-") and (not spans or spans[-1][0] + spans[-1][1] != i)):
            spans.append((i, 1, tag[2:]))
        elif tag.startswith("I-") and spans[-1][2] == tag[2:]:
            spans[-1] = (spans[-1][0], spans[-1][1] + 1, spans[-1][2])
    return spans


def _accept_tagged(stream: Stream, kb: KnowledgeBase, cues: Cues, first: int, count: int, kind: str) -> Mention | None:
    if kind not in ("PER", "ORG", "LOC", "MISC") or not stream.is_free(first, count):
        return None
    key = stream.keys[first]
    pieces = _tagger.split_clitics(key) if hasattr(_tagger, "split_clitics") else (key,)
    stem = pieces[-1]
    words = [stem] + stream.keys[first + 1:first + count]
    edges = [(w, stream.texts[i]) for w, i in ((words[0], first), (words[-1], first + count - 1))]
    # A body's name may end in a demonym ("مجلس النواب الليبي"); no name starts with one.
    national_body = kind == "ORG" and count > 1 and words[-1] in kb.demonyms
    named_body = national_body and words[0] in _national_body_heads()  # "وزارة الدفاع البريطانية"
    # A person's name of three words or more ("حسن عبد الله") may start or end with an ordinary word.
    long_name = kind == "PER" and count >= 3
    if any(not w or (kb.is_common_word(w) and not is_name_spelling(text) and not long_name) or w in _number_words()
           or (w in kb.demonyms and not (national_body and i))
           for i, (w, text) in enumerate(edges) if not (named_body and i)):
        return None  # "مدتها ستون" (its length, sixty) is no place
    if count == 1 and (stem.startswith("ال") and stem.endswith(("ي", "يه")) or stem.endswith(("يين", "يون"))):
        return None  # a nisba adjective or plural ("الأوروبيين", "أوروبيين"), not a name
    if kind == "PER" and any((w in cues.not_person and not is_name_spelling(text)) or is_inflected_word(kb, cues, w)
                             for w, text in edges):
        return None  # "طالب بإعادتهم" (demanded their return) is a verb phrase, not a person
    if len(stem) < 2 or not all(stream.tokens[i].kind in ("arabic", "latin") for i in range(first, first + count)):
        return None
    if count > 1 and kind == "ORG" and stem in cues.org_heads:
        first, count, stem = first + 1, count - 1, stream.keys[first + 1]  # "شركة فولكس فاغن": the name follows
    mention = make_mention(stream, first, count, "", stem, type=kind, source="tagger",
                           stands_for=kb.demonyms[words[-1]] if named_body else None)
    return stream.take(mention, first, count)


@lru_cache(maxsize=1)
def _national_body_heads() -> frozenset[str]:
    return frozenset(normalize_key(row["head"]) for row in read_lexicon("entity_national_body_heads"))


@lru_cache(maxsize=1)
def _number_words() -> frozenset[str]:
    """Numbers written in words ("ستون", "عشرة", "ألف"): never the first or last word of a name."""
    counting = ("unit", "teen-unit", "ten", "hundred", "scale", "scale-plural", "scale-dual")
    return frozenset(word for word, entry in load_number_words().items() if entry.kind in counting)


def find_people_mentions(stream: Stream, kb: KnowledgeBase) -> list[Mention]:
    """A people named by its plural demonym, standing for its country: "ورفض الروس" -> Russia.

    Not where the plural is an adjective (``_modifies_noun_before``): after a definite noun
    ("الأسرى الأوكرانيين") or joined by و to an adjective ("المصريين والقطريين").
    """
    found = []
    for index in kb.peoples.start_positions(stream.keys):
        match = kb.peoples.match(stream.keys, stream.texts, index)
        if not match or not stream.is_free(index, 1):
            continue
        _count, clitic, stem, countries = match
        if index > 0 and _modifies_noun_before(stream, kb, index, clitic):
            continue
        mention = make_mention(stream, index, 1, clitic, stem, type="MISC", source="demonym", stands_for=countries[0])
        found.append(stream.take(mention, index, 1))
    return found


def _modifies_noun_before(stream: Stream, kb: KnowledgeBase, index: int, clitic: str) -> bool:
    """Whether the plural demonym is an adjective: after a definite noun ("الأسرى الأوكرانيين"), or
    joined by و to an adjective demonym ("الوسطاء المصريين والقطريين"), not to a people ("الروس والأوكرانيين")."""
    before = stream.keys[index - 1]
    if clitic.startswith("و"):
        return before in kb.demonyms and stream.taken[index - 1] is None
    bare = before[1:] if before[:1] in ("و", "ف") and len(before) > 3 else before
    return bare.startswith(("ال", "لل"))


def find_surname_mentions(stream: Stream, kb: KnowledgeBase, cues: Cues, mentions: list[Mention]) -> list[Mention]:
    """A known person's surname alone, once the document names them in full: "وقال باشينيان" with
    "نيكول باشينيان" in the article (before or after: a headline often comes first).

    A surname two people of the article share ("دونالد ترامب", "ميلانيا ترامب") names neither, and
    an ordinary word is never taken for one.
    """
    owners = _surname_owners(kb, cues, mentions)
    endings = tuple(owners)  # a surname ends its word, whatever proclitics come before it
    found = []
    # Most words end in no surname: they are skipped in C.
    ends_in_one = map(str.endswith, stream.keys, repeat(endings)) if owners else ()
    for index in compress(range(len(stream.keys)), ends_in_one):
        key = stream.keys[index]
        if stream.taken[index] is not None or stream.tokens[index].kind != "arabic":
            continue
        for clitic, stem in split_proclitics(key):
            owner = owners.get(stem)
            if owner and not clitic.endswith(("ال", "لل")):
                # A name the KB lacks is linked later, as the tagger's own surnames are.
                source = "surname" if owner.entity_id and owner.source == "gazetteer" else "tagger"
                mention = make_mention(stream, index, 1, clitic, stem, type="PER", entity_id=owner.entity_id,
                                       name=owner.name, source=source)
                found.append(stream.take(mention, index, 1))
                break
    return found


def _surname_owners(kb: KnowledgeBase, cues: Cues, mentions: list[Mention]) -> dict[str, Mention]:
    """Surname key -> the full-name mention (KB, tagger or title cue) it stands for, for surnames only one
    person has here."""
    owners: dict[str, Mention | None] = {}
    for mention in mentions:
        words = normalize_key(mention.text).split()
        if mention.type != "PER" or mention.source not in ("gazetteer", "tagger", "title") or len(words) < 2 \
                or words[-2] in _name_particles():
            continue
        surname = words[-1]
        # "الثاني" (عبد الله الثاني) and "الأسد" are ordinary words too, alone.
        if len(surname) < 3 or kb.is_common_word(surname) or surname in cues.not_person:
            continue
        held = owners.get(surname, mention)
        identity = mention.entity_id or " ".join(words)  # a name the KB lacks is known by its words
        same = held is not None and (held.entity_id or normalize_key(held.text)) == identity
        owners[surname] = mention if same else None
    return {surname: mention for surname, mention in owners.items() if mention is not None}


@lru_cache(maxsize=1)
def _name_particles() -> frozenset[str]:
    return frozenset(normalize_key(row["word"]) for row in read_lexicon("entity_name_particles"))


def find_nested_mentions(stream: Stream, kb: KnowledgeBase, mentions: list[Mention]) -> list[Mention]:
    """Named entities inside a longer name after ل: "مجلس الأمن التابع للأمم المتحدة" also names the UN.

    They come with source "nested" and take no token: the outer name stays the mention there.
    """
    found = []
    spans = {id(m): [] for m in mentions if m.source == "gazetteer"}
    for index, taken in enumerate(stream.taken):
        if taken is not None and id(taken) in spans:
            spans[id(taken)].append(index)
    for mention in mentions:
        indices = spans.get(id(mention), [])
        for index in indices[1:]:
            match = kb.aliases.match(stream.keys, stream.texts, index)
            if match and match[1] in ("ل", "لل") and index + match[0] == indices[-1] + 1:
                entity = kb.candidates(match[3])[0]
                if entity.id != mention.entity_id:
                    found.append(make_mention(stream, index, match[0], match[1], match[2], type=entity.type,
                                              entity_id=entity.id, name=entity.name, source="nested"))
                break
    return found


def find_mentions(doc: Document, kb: KnowledgeBase | None = None) -> list[Mention]:
    """Every entity mention in ``doc`` (which needs tokens and sentences), ordered by offset.

    Example: for "قال الرئيس الروسي فلاديمير بوتين" the mentions are
    [Mention(18, 32, "فلاديمير بوتين", "PER", "per:vladimir_putin", ...)]
    """
    kb = kb or load_kb()
    cues = load_cues()
    stream = Stream.of(doc)
    found = find_gazetteer_mentions(stream, kb, cues)
    found += find_nested_mentions(stream, kb, found)
    found += find_variant_mentions(stream, kb, cues)
    found += find_cue_mentions(stream, kb, cues)
    found += find_title_mentions(stream, kb)
    found += find_people_mentions(stream, kb)
    found += find_tagger_mentions(stream, kb, cues)
    found += find_surname_mentions(stream, kb, cues, found)
    found = _drop_named_roles(stream, found)
    owners = {id(m) for m in stream.taken if m is not None}
    # A later finder may take a token over (a city inside a name): the earlier mention goes.
    kept = [m for m in found if id(m) in owners or m.source in ("nested", "role")]
    return sorted(kept, key=lambda m: (m.start, -m.end))
