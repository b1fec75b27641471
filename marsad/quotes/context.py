"""The per-article view the quote finders share: token keys, mentions, quotes and triggers by token."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from functools import lru_cache, partial
from itertools import compress

from marsad.document import Document, Mention
from marsad.quotes.lexicon import SpeechVerb, complementizers, load_cues, load_speech_verbs
from marsad.quotes.marks import QuotedSpan, find_quoted_spans
from marsad.text.normalize import normalize_key
from marsad.text.tokens import token_keys, token_starts, without_conjunction

SPEAKER_TYPES = {"PER", "ORG", "LOC", "GPE"}  # MISC (platforms, plans) never speaks
CLITICS = "وف"


@dataclass
class Speaker:
    """Who spoke: ``name`` None for an anonymous or unnamed speaker; ``how`` says how it was found."""

    name: str | None
    entity_id: str | None = None
    start: int | None = None
    end: int | None = None
    how: str = ""


@dataclass
class Context:
    doc: Document
    keys: list[str]
    sentence_of: list[int]  # token index -> sentence index (-1 outside any sentence)
    paragraph_of: list[int]
    mention_at: dict[int, Mention]  # first token index -> mention
    mention_end: dict[int, Mention]  # last token index -> mention
    entity_at: dict[int, Mention]  # first token index -> mention of a person, body or place, named or a demonym
    quoted: list[QuotedSpan]  # every quoted span, real quote or not
    triggers: dict[int, SpeechVerb] = field(default_factory=dict)
    starts: list[int] = field(default_factory=list)  # token start offsets, for bisect
    in_mention: list[bool] = field(default_factory=list)  # token inside any mention (of any type)
    in_quote: list[bool] = field(default_factory=list)  # token inside a quoted span of three words or more
    sentence_tokens: list[tuple[int, int]] = field(default_factory=list)  # sentence -> token range

    def token_at(self, offset: int) -> int:
        """Index of the token that contains or follows character ``offset``."""
        index = bisect_right(self.starts, offset) - 1
        if index >= 0 and self.doc.tokens[index].end > offset:
            return index
        return index + 1

    def bare(self, index: int) -> str:
        """The token's key without a leading و/ف when that proclitic is plausible."""
        return without_conjunction(self.keys[index])

    def cue(self, kind: str, index: int) -> str | None:
        """The value of cue ``kind`` for the token, bare or as written, else None."""
        by_word, key = _cue_memo(kind), self.keys[index]
        value = by_word.get(key, _UNSEEN)
        if value is _UNSEEN:
            if len(by_word) > _CUE_MEMO_WORDS:
                by_word.clear()
            value = by_word[key] = _cue_of_word(load_cues().get(kind), key)
        return value

    def sentence_bounds(self, index: int) -> tuple[int, int]:
        """First and past-the-last token index of the token's sentence."""
        sentence = self.sentence_of[index]
        if sentence < 0:
            return index, index + 1
        return self.sentence_tokens[sentence]


_UNSEEN = object()
_CUE_MEMO_WORDS = 100_000  # distinct words remembered per cue kind before the memo starts over


@lru_cache(maxsize=None)
def _cue_memo(kind: str) -> dict[str, str | None]:
    """Cue ``kind``'s value by word key, filled as words are asked: the rules ask it of the same
    words in every article, so each word is read once, not on every ask."""
    return {}


def _cue_of_word(table: dict[str, str], key: str) -> str | None:
    bare = without_conjunction(key)
    for candidate in (key, bare, bare[2:] if bare.startswith("ال") else None):
        if candidate in table:
            return table[candidate]
    return None


def build_context(doc: Document) -> Context:
    """The shared view of ``doc``; its tokens and sentences come from the text stage."""
    keys = token_keys(doc)
    starts = token_starts(doc)  # the text stage's list, shared with the entity and event stages: never changed here
    sentence_of, sentence_tokens = _sentence_index(doc, starts)
    context = Context(doc, keys, sentence_of, _paragraph_index(doc, starts), {}, {}, {}, find_quoted_spans(doc.text),
                      starts=starts, sentence_tokens=sentence_tokens)
    _index_mentions(context)
    context.quoted = [piece for span in context.quoted for piece in _split_interrupted(context, span)]
    _index_triggers(context)
    return context


def _split_interrupted(context: Context, span: QuotedSpan) -> list[QuotedSpan]:
    """A quote broken by its attribution ("«نحن مستعدون، قال بوتين، للحوار»") as its two pieces."""
    verbs = load_speech_verbs()
    tokens = context.doc.tokens
    lo, hi = context.token_at(span.start), context.token_at(span.end)
    for comma in range(lo + 1, hi - 3):
        verb = verbs.get(context.bare(comma + 1)) if context.keys[comma] in ("،", ",") else None
        if verb is None or verb.kind == "hearsay":
            continue
        for close in range(comma + 3, min(hi, comma + 8)):
            if context.keys[close] in ("،", ",") and any(comma + 2 <= i < close for i in context.mention_at):
                first = QuotedSpan(span.open_mark, span.start, tokens[comma].start, True)
                second = QuotedSpan(tokens[close].start, tokens[close].end, span.end, span.closed)
                return [first, QuotedSpan(second.open_mark, _skip_space(context.doc.text, second.start),
                                          second.end, second.closed)]
    return [span]


def _skip_space(text: str, start: int) -> int:
    while start < len(text) and text[start].isspace():
        start += 1
    return start


def _sentence_index(doc: Document, starts: list[int]) -> tuple[list[int], list[tuple[int, int]]]:
    result = [-1] * len(starts)
    ranges = []
    for number, sentence in enumerate(doc.sentences):
        lo = bisect_right(starts, sentence.start - 1)
        hi = bisect_right(starts, sentence.end - 1)
        result[lo:hi] = [number] * (hi - lo)
        ranges.append((lo, hi))
    return result, ranges


def _paragraph_index(doc: Document, starts: list[int]) -> list[int]:
    """Token index -> number of line breaks before the token."""
    breaks = [match.start() for match in re.finditer("\n", doc.text)]
    return list(map(partial(bisect_right, breaks), starts))  # in C: asked of every token


def _index_mentions(context: Context) -> None:
    context.in_mention = [False] * len(context.keys)
    for mention in context.doc.mentions:
        first, after = context.token_at(mention.start), context.token_at(mention.end)
        for index in range(first, max(first + 1, after)):
            if index < len(context.keys):
                context.in_mention[index] = True
        if mention.type in SPEAKER_TYPES and (mention.name or mention.stands_for):
            context.entity_at.setdefault(first, mention)
        if mention.type not in SPEAKER_TYPES or not (mention.name or _is_side(mention)):
            continue  # platforms and plans never speak; "القادة الأوروبيون" names no one
        last = max(first, after - 1)
        context.mention_at.setdefault(first, mention)
        context.mention_end[last] = mention


def _is_side(mention: Mention) -> bool:
    """True for a demonym phrase that stands for a state ("الجانب الروسي" -> Russia)."""
    words = mention.text.split()
    return bool(mention.stands_for and words and normalize_key(words[0]) in load_cues().get("side"))


def _index_triggers(context: Context) -> None:
    inside = context.in_quote = _quoted_token_mask(context)
    # Most words are no verb: the cached test per word runs in C over the keys, the rules only where one may be.
    for index in compress(range(len(context.keys)), map(_may_be_speech_verb, context.keys)):
        verb = _verb_at(context, index)
        if verb and verb.kind == "verb" and not verb.takes_object and _is_passive(context.doc.tokens[index].text):
            verb = replace(verb, kind="passive")  # "وأُعلن أن": announced, by nobody named
        if verb and not inside[index] and not _is_irrealis(context, index) and _acts_as_verb(context, index, verb):
            context.triggers[index] = verb


@lru_cache(maxsize=200_000)
def _may_be_speech_verb(key: str) -> bool:
    """Whether a word key is a speech verb as written or without its first letter (a proclitic)."""
    verbs = load_speech_verbs()
    return key in verbs or key[1:] in verbs


def _verb_at(context: Context, index: int) -> SpeechVerb | None:
    """The speech verb the token is, as written or after a proclitic; a venue verb only before في ("ورد" else "و+رد")."""
    verbs, key = load_speech_verbs(), context.keys[index]
    before_fi = context.keys[index + 1:index + 2] == ["في"]
    for candidate in (key, key[1:] if len(key) > 2 and key[0] in CLITICS else ""):
        verb = verbs.get(candidate)
        if verb is not None and (verb.kind != "venue" or before_fi):
            return verb
    return None


def _is_irrealis(context: Context, index: int) -> bool:
    """True when the word before the verb makes it no assertion ("طلبت منه أن يكتب"، "عندما يرى أن"),
    unless a temporal word precedes that ("قبل أن يكتب")."""
    if index == 0 or context.cue("irrealis", index - 1) is None:
        return False
    return not (index > 1 and context.keys[index - 1] == "ان" and context.cue("temporal", index - 2) is not None)


def _is_passive(text: str) -> bool:
    """True for a verb written with a damma on its first letter ("وُصف"، "أُعلن"): passive, so nobody named speaks."""
    letters = text[1:] if len(text) > 2 and text[0] in "وف" and text[1] != "\u064f" else text
    return len(letters) > 1 and letters[1] == "\u064f"


def _acts_as_verb(context: Context, index: int, verb: SpeechVerb) -> bool:
    """False for a participle used as an adjective ("تحولا لافتا"، "قال مجددا"): one opens a clause only
    after a comma or و, or right before إن/أن, a colon or إلى/على/ب أن. False for the passive of a
    verb whose object is a person ("وُصف اللقاء بأنه"): its subject is what was described, not words."""
    if verb.kind != "passive" and _is_passive(context.doc.tokens[index].text):
        return False
    if verb.kind != "participle":
        return True
    before = context.keys[index - 1] if index > 0 else "."
    if before in ("،", ",", ":", ";", "؛", ".") or (context.keys[index][0] == "و" and context.keys[index] not in load_speech_verbs()):
        return True
    ahead = context.keys[index + 1:index + 3]
    if ahead and (ahead[0] == ":" or ahead[0] in complementizers()):
        return True
    return len(ahead) == 2 and ahead[0] in ("الي", "علي", "من") and ahead[1] in complementizers()


def _quoted_token_mask(context: Context) -> list[bool]:
    """True for tokens inside a quoted span of three words or more (a speech verb there is quoted)."""
    mask = [False] * len(context.keys)
    for span in context.quoted:
        lo, hi = context.token_at(span.start), context.token_at(span.end)
        if hi - lo >= 3:
            for index in range(lo, hi):
                mask[index] = True
    return mask
