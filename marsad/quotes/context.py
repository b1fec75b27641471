"""The per-article view the quote finders share: token keys, mentions, quotes and triggers by token."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from marsad.document import Document, Mention
from marsad.quotes.lexicon import SpeechVerb, load_cues, load_speech_verbs
from marsad.quotes.marks import QuotedSpan, find_quoted_spans
from marsad.text.normalize import normalize_key

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
    quoted: list[QuotedSpan]  # every quoted span, real quote or not
    triggers: dict[int, SpeechVerb] = field(default_factory=dict)
    starts: list[int] = field(default_factory=list)  # token start offsets, for bisect
    in_mention: list[bool] = field(default_factory=list)  # token inside any mention (of any type)
    sentence_tokens: list[tuple[int, int]] = field(default_factory=list)  # sentence -> token range

    def token_at(self, offset: int) -> int:
        """Index of the token that contains or follows character ``offset``."""
        index = bisect_right(self.starts, offset) - 1
        if index >= 0 and self.doc.tokens[index].end > offset:
            return index
        return index + 1

    def bare(self, index: int) -> str:
        """The token's key without a leading و/ف when that proclitic is plausible."""
        key = self.keys[index]
        return key[1:] if len(key) > 3 and key[0] in CLITICS else key

    def cue(self, kind: str, index: int) -> str | None:
        """The value of cue ``kind`` for the token, bare or as written, else None."""
        table = load_cues().get(kind)
        key, bare = self.keys[index], self.bare(index)
        for candidate in (key, bare, bare[2:] if bare.startswith("ال") else None):
            if candidate in table:
                return table[candidate]
        return None

    def sentence_bounds(self, index: int) -> tuple[int, int]:
        """First and past-the-last token index of the token's sentence."""
        sentence = self.sentence_of[index]
        if sentence < 0:
            return index, index + 1
        return self.sentence_tokens[sentence]


def build_context(doc: Document) -> Context:
    """The shared view of ``doc``; its tokens and sentences come from the text stage."""
    keys = [normalize_key(token.text) for token in doc.tokens]
    starts = [token.start for token in doc.tokens]
    sentence_of, sentence_tokens = _sentence_index(doc, starts)
    context = Context(doc, keys, sentence_of, _paragraph_index(doc), {}, {}, find_quoted_spans(doc.text),
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


def _paragraph_index(doc: Document) -> list[int]:
    result, paragraph, last = [], 0, 0
    for token in doc.tokens:
        paragraph += doc.text.count("\n", last, token.start)
        last = token.start
        result.append(paragraph)
    return result


def _index_mentions(context: Context) -> None:
    context.in_mention = [False] * len(context.keys)
    for mention in context.doc.mentions:
        first = context.token_at(mention.start)
        for index in range(first, max(first + 1, context.token_at(mention.end))):
            if index < len(context.keys):
                context.in_mention[index] = True
        if mention.type not in SPEAKER_TYPES or not (mention.name or _is_side(mention)):
            continue  # platforms and plans never speak; "القادة الأوروبيون" names no one
        first = context.token_at(mention.start)
        last = max(first, context.token_at(mention.end) - 1)
        context.mention_at.setdefault(first, mention)
        context.mention_end[last] = mention


def _is_side(mention: Mention) -> bool:
    """True for a demonym phrase that stands for a state ("الجانب الروسي" -> Russia)."""
    words = mention.text.split()
    return bool(mention.stands_for and words and normalize_key(words[0]) in load_cues().get("side"))


def _index_triggers(context: Context) -> None:
    verbs = load_speech_verbs()
    inside = _quoted_token_mask(context)
    for index, key in enumerate(context.keys):
        verb = verbs.get(key) or (verbs.get(key[1:]) if len(key) > 2 and key[0] in CLITICS else None)
        if verb and not inside[index]:
            context.triggers[index] = verb


def _quoted_token_mask(context: Context) -> list[bool]:
    """True for tokens inside a quoted span of three words or more (a speech verb there is quoted)."""
    mask = [False] * len(context.keys)
    for span in context.quoted:
        lo, hi = context.token_at(span.start), context.token_at(span.end)
        if hi - lo >= 3:
            for index in range(lo, hi):
                mask[index] = True
    return mask
