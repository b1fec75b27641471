"""Direct quotes and reported speech with their speakers.

Reading order: quoted spans of three words or more that are not a quoted name
or term; then each speech verb (قال، أكد، مضيفاً …) with its subject and its
complementizer (إن/أن/بأن) or colon, which opens a reported clause running to
the sentence end, the next speech verb, a conjoined "وأن" (a second clause of
the same speaker) or a break cue ("، دون أن"); then direct quotes take the
speaker of the clause around them, of the verb before or after them, or of
the quote before them; last, verb-less attribution ("بحسب X") and
"مفاده أن" clauses that no verb already covered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress

from marsad.document import Document, Mention, Quote
from marsad.quotes.context import CLITICS, Context, Speaker, build_context
from marsad.quotes.lexicon import SpeechVerb, complementizers, load_cues, load_speech_verbs
from marsad.quotes.marks import QuotedSpan
from marsad.quotes.phrases import cue_first_words, find_medium, phrase_at
from marsad.quotes.speakers import (Resolver, framed_subject, nearest_person, sentence_subject, side_of, speaker_of,
                                    subject_after, subject_before)
from marsad.text.normalize import normalize_key

_WINDOW = 30  # most tokens between a speech verb and its complementizer
_FREE_WORDS = 8  # more unnamed words than this before إن/أن (with no comma) is not a subject phrase
_SUBJECT_WORDS = 4  # ... unless at most this many form the subject and an adjunct ("في كلمة ألقاها أمام …") follows
_CIRCUMSTANCE_WORDS = 16  # ... with no more unnamed words than this in all
_OBJECT_PREPOSITIONS = ("الي", "علي", "عن")  # a speech verb's own complement (دعا إلى، شدد على، أعرب عن)
_MIN_WORDS = 3  # a quoted span shorter than this is a term, not a quote
_MIN_STATEMENT_WORDS = 5  # an attributed clause shorter than this is a fragment cut out around an aside
_PHRASE_WORDS = 5  # an unattributed quote this short inside the writer's sentence is a phrase, not words said
_RECAP_REACH = 8  # tokens from a recap's verb to the end of its subject ("هكذا لخص الأمين العام أنطونيو غوتيريش")
_WORD_KINDS = ("arabic", "latin", "number")
_DASHES = ("—", "–", "-", "ــ", "ـ")


@dataclass
class Frame:
    """A speech verb and what follows it: subject tokens up to ``stop``, then a complementizer, colon or quote."""

    index: int
    verb: SpeechVerb
    stop: int
    opener: int | None = None  # token index of the complementizer or colon
    quote: QuotedSpan | None = None
    speaker: Speaker | None = None
    carried: list[QuotedSpan] = field(default_factory=list)  # direct quotes making up its reported clause
    target: str | None = None  # the object of اتهم/شكر/حذر …, or of such a verb earlier in the sentence


def find_quotes(doc: Document) -> list[Quote]:
    """Direct and reported quotes of ``doc`` with speakers, as offsets into ``doc.text``.

    Needs ``doc.tokens`` and ``doc.sentences`` (text stage) and uses ``doc.mentions``.

    Example: for "وقال بوتين إن روسيا مستعدة للحوار." the one quote is
    Quote(text="روسيا مستعدة للحوار", direct=False, speaker=<Putin's mention name>, verb="قال").
    """
    context = build_context(doc)
    resolver = Resolver.of(context)
    directs = [span for span in context.quoted if _is_quote(context, span)]
    frames, reported = _read_speech_verbs(context, resolver, directs)
    quotes = reported + _attribute_direct(context, resolver, directs, frames, reported)
    quotes += _verbless_quotes(context, resolver, quotes)
    quotes = [quote for quote in quotes if quote.start >= doc.body_start  # a headline restates the body
              and not _is_narrated_phrase(context, quote)]
    return sorted(quotes, key=lambda quote: (quote.start, -quote.end))


def quotes_stage(doc: Document) -> Document:
    """``doc`` with ``doc.quotes`` set by ``find_quotes``."""
    doc.quotes = find_quotes(doc)
    return doc


# --- direct quotes -------------------------------------------------------------------------


def _token_range(context: Context, start: int, end: int) -> tuple[int, int]:
    return context.token_at(start), context.token_at(end)


def _word_count(context: Context, lo: int, hi: int) -> int:
    return sum(1 for token in context.doc.tokens[lo:hi] if token.kind in _WORD_KINDS)


def _is_quote(context: Context, span: QuotedSpan) -> bool:
    """True when a quoted span is somebody's words: three words or more, not a name, term or title."""
    lo, hi = _token_range(context, span.start, span.end)
    words = _word_count(context, lo, hi)
    if words < _MIN_WORDS or (not span.closed and context.doc.text[span.end - 1] == ":"):
        return False
    if _is_named_term(context, span.open_mark) or _covered_by_mentions(context, lo, hi):
        return False
    keys = [context.bare(i) for i in range(lo, hi) if context.doc.tokens[i].kind in _WORD_KINDS]
    return not (words <= 4 and all(key.startswith("ال") for key in keys))  # "العملية العسكرية الخاصة"


def _is_named_term(context: Context, open_mark: int) -> bool:
    """True when a word before the opening mark names what is quoted ("صحيفة «…»", "ما يسمى «…»")."""
    mark = context.token_at(open_mark)
    return any(mark - back >= 0 and phrase_at(context, "term", mark - back) == back for back in (1, 2))


def _is_narrated_phrase(context: Context, quote: Quote) -> bool:
    """True for a short quoted phrase the writer's own sentence runs through, with nobody to say it
    ("ارتفعت الأسعار بنسبة «خمسين في المئة» خلال شهر"، "ما يشبه «حوار الطرشان»"): a scare quote."""
    if not quote.direct or quote.how != "unattributed":
        return False
    lo, hi = _token_range(context, quote.start, quote.end)
    before = lo - 2  # the word before the opening mark
    if _word_count(context, lo, hi) > _PHRASE_WORDS or before < 0 or context.sentence_of[before] != context.sentence_of[lo]:
        return False
    return context.doc.tokens[before].kind == "arabic" and len(context.keys[before]) > 1  # not a lone "و"


def _covered_by_mentions(context: Context, lo: int, hi: int) -> bool:
    """True when every word of the span belongs to a mention (a quoted name: «تليغرام»)."""
    return all(context.in_mention[i] for i in range(lo, hi) if context.doc.tokens[i].kind in _WORD_KINDS)


# --- speech verbs and reported clauses -----------------------------------------------------


def _read_speech_verbs(context: Context, resolver: Resolver,
                       directs: list[QuotedSpan]) -> tuple[list[Frame], list[Quote]]:
    """Every speech verb's frame, in reading order, and the reported clauses they open."""
    opening = {context.token_at(span.open_mark): span for span in directs}
    quoted = {context.token_at(span.open_mark): span for span in context.quoted}
    frames, reported = [], []
    for index, verb in sorted(context.triggers.items()):
        if verb.kind == "hearsay" or context.sentence_of[index] < 0:
            continue
        start = context.doc.tokens[index].start
        if any(q.start <= start < q.end for q in reported[-3:]):
            continue  # "قال إن بوتين كان يشير إلى": a verb inside the reported words is theirs
        frame = _frame(context, index, verb, opening, quoted)
        frame.speaker = _speaker_for(resolver, frame)
        if verb.kind != "passive":  # "وأفيد بأن" names nobody a later "وأضاف" could go on with
            resolver.heard(index, frame.speaker)
        frame.target = _object_target(context, frame) or _sentence_object(context, frames, frame)
        frames.append(frame)
        reported.extend(_reported_clauses(context, frame, directs))
    return frames, reported


def _frame(context: Context, index: int, verb: SpeechVerb, opening: dict[int, QuotedSpan],
           quoted: dict[int, QuotedSpan]) -> Frame:
    _, sentence_end = context.sentence_bounds(index)
    limit = min(sentence_end, index + 1 + _WINDOW)
    openers = complementizers()
    aside = False  # inside "بعد أن …" up to its comma: an إن/أن there belongs to that clause
    for j in range(index + 1, limit):
        if j in opening:
            return Frame(index, verb, j, quote=opening[j])
        if j in context.triggers:
            return Frame(index, verb, j)
        if context.keys[j] in ("،", ","):
            aside = False
        elif _ends_conjunction(context, j):
            aside = True
        elif aside:
            continue
        elif (context.keys[j] in openers and not context.in_mention[j]) or _opens_after_object(context, j):
            # an إن inside a name ("شبكة إن بي سي") is no complementizer
            # "نقلت وكالة … عن نائب وزير الخارجية … قوله إن": a relay names a medium and a source first
            subject = verb.kind == "relay" or _is_subject_phrase(context, index, j)
            return Frame(index, verb, j, opener=j if subject else None, quote=opening.get(j + 1) if subject else None)
        if context.keys[j] == ":":
            # a colon before quotation marks introduces them, even a short quote ("وأضاف: «سيستمر العمل»")
            return Frame(index, verb, j, opener=None if j + 1 in quoted else j, quote=opening.get(j + 1))
    return Frame(index, verb, limit)


def _ends_conjunction(context: Context, j: int) -> bool:
    """True when the أن at ``j`` ends a conjunction ("بعد أن"، "قبل أن"، "دون أن"): it opens a
    subordinate clause, not the verb's reported words ("أعلنت الحكومة الطوارئ بعد أن تبين أن …")."""
    return context.keys[j] in complementizers() \
        and any(j - back >= 0 and phrase_at(context, "break", j - back) == back + 1 for back in (1, 2))


def _opens_after_object(context: Context, j: int) -> bool:
    """A complementizer joined by و or ف after a comma opens the reported clause: "وأكدوا على دعمهم،
    وأن الحدود …"; "وكما قال ماكرون، فإن أوروبا …" (the فإن that answers كما/حسبما)."""
    key = context.keys[j]
    return context.keys[j - 1] in ("،", ",") and key[:1] in ("و", "ف") and key[1:] in complementizers() \
        and not (key[0] == "و" and _is_concessive(context, j))


def _sentence_object(context: Context, frames: list[Frame], frame: Frame) -> str | None:
    """"شكر بوتين الصين، قائلا إن": a participle's target is the object of the verb before it in the sentence."""
    if frame.verb.kind != "participle" or not frames or _name(frames[-1].speaker) != _name(frame.speaker):
        return None
    previous = frames[-1]
    return previous.target if context.sentence_of[previous.index] == context.sentence_of[frame.index] else None


def _name(speaker: Speaker | None) -> str | None:
    return speaker.name if speaker is not None else None


def _is_subject_phrase(context: Context, index: int, opener: int) -> bool:
    """False when too many unnamed words stand between verb and إن/أن for them to be its subject."""
    before, two_before = context.keys[opener - 1], context.keys[opener - 2]
    if before == "علي" and two_before in ("،", ","):
        return False  # "، على أن تمولها": provided that, no reported words
    if before in ("،", ",", "من") or (before in ("الي", "علي") and two_before not in ("،", ",")):
        return True  # "، إن" or the verb's own preposition ("حذر … من أن"), not "، على أن" (provided that)
    tokens = context.doc.tokens
    free = [i for i in range(index + 1, opener) if tokens[i].kind in _WORD_KINDS and not context.in_mention[i]]
    return len(free) <= _FREE_WORDS or _is_long_circumstance(context, free)


def _is_long_circumstance(context: Context, free: list[int]) -> bool:
    """True when the unnamed words before إن/أن are a short subject phrase and then where or how it was
    said ("وقال الأمين العام … في كلمة ألقاها أمام الاجتماع الطارئ لوزراء الخارجية العرب في القاهرة إن"),
    not a verb's object ("أعلن الجيش حالة الطوارئ …")."""
    if len(free) > _CIRCUMSTANCE_WORDS or any(context.bare(i) in _OBJECT_PREPOSITIONS for i in free):
        return False  # "يدعو بوتين منذ سنوات إلى … بأن": the verb's own complement, its أن no reported clause
    first = next((n for n, i in enumerate(free) if context.cue("circumstance", i) is not None), None)
    return first is not None and first <= _SUBJECT_WORDS


def _speaker_for(resolver: Resolver, frame: Frame) -> Speaker:
    """The speaker of a speech verb: its subject, a subject before it, or the one speaking already."""
    if frame.verb.kind == "participle":
        return _participle_speaker(resolver, frame)
    if frame.verb.kind == "venue":
        return _venue_speaker(resolver.context, frame)
    if frame.verb.kind == "relay":
        return _relay_speaker(resolver, frame)
    if frame.verb.kind == "passive":
        return Speaker(None, how="passive")  # "وأفيد بأن": the text names no speaker
    found = framed_subject(resolver, frame.index) or _written_subject(resolver, frame)
    if found is None and frame.verb.plural:
        return Speaker(None, how="group")  # "وأكدوا": a plural subject names no one person
    return found or _implied_speaker(resolver, frame)


def _relay_speaker(resolver: Resolver, frame: Frame) -> Speaker:
    """"نقلت وكالة تاس عن ريابكوف قوله إن": the source after عن; "نقلت وكالة تاس أن": the medium."""
    context, end = resolver.context, frame.opener if frame.opener is not None else frame.stop
    source = next((i for i in range(frame.index + 1, end) if context.cue("source_from", i) is not None), None)
    if source is None:
        return framed_subject(resolver, frame.index) or _written_subject(resolver, frame) \
            or _implied_speaker(resolver, frame)
    return subject_after(resolver, source + 1, end) or Speaker(None, how="unnamed_source")


def _fronted_source(resolver: Resolver, lo: int, hi: int) -> Speaker | None:
    """The source an attribution opening the sentence names: "ووفقًا لـ ترامب، فإن …، مشيرًا إلى أن"."""
    context = resolver.context
    length = phrase_at(context, "according", lo)
    if not length:
        return None
    found = _according_speaker(context, resolver, *_according_name(context, lo, length, hi))
    return found if found.name else None


def _participle_speaker(resolver: Resolver, frame: Frame) -> Speaker:
    """"، مضيفا": the speaker heard last in the sentence, else the sentence's subject; for "مضيفا" and
    "متابعا" after a quote that opens its paragraph ("«…»، مضيفا أن"), the speaker going on."""
    context, index = resolver.context, frame.index
    lo, _ = context.sentence_bounds(index)
    found = resolver.by_sentence.get(context.sentence_of[index]) or _fronted_source(resolver, lo, index) \
        or sentence_subject(resolver, lo, index) or nearest_person(context, index, first=True)
    if found is None and _continues(frame.verb):
        return _relabel(resolver.last, "continuation") or Speaker(None, how="participle_unresolved")
    if found is None and index - lo == 1:  # "ومضى قائلا": the one word before is a verb whose subject is a pronoun
        return _implied_speaker(resolver, frame)
    return _relabel(found, "participle") or Speaker(None, how="participle_unresolved")


def _venue_speaker(context: Context, frame: Frame) -> Speaker:
    """"وجاء في بيان للكرملين أن": the person or body the venue names, else null."""
    for position in range(frame.index + 2, min(frame.stop, frame.index + 6)):
        mention = context.mention_at.get(position)
        if mention is not None and mention.type in ("PER", "ORG"):
            return speaker_of(mention, "venue")
    return Speaker(None, how="venue")


def _written_subject(resolver: Resolver, frame: Frame) -> Speaker | None:
    """The subject written around the verb: before it ("كان بوتين قد قال"), after it, or before it again."""
    context, index = resolver.context, frame.index
    if index > 0 and context.cue("pronoun_particle", index - 1) is not None:
        return None  # "لكنه طالب بالاطلاع": the pronoun is the subject, whatever word follows the verb
    before_first = index > 0 and (context.bare(index - 1) == "قد" or index - 1 in context.mention_end)
    found = subject_before(resolver, index) if before_first and _may_follow_subject(context, index) else None
    if found is None:
        found = subject_after(resolver, index + 1, frame.stop)
        found = None if found is not None and _is_object_place(context, frame, found) else found
    if found is None and _may_follow_subject(context, index):
        found = subject_before(resolver, index)
    return found


def _is_object_place(context: Context, frame: Frame, found: Speaker) -> bool:
    """True when a place follows a masculine singular verb ("وحذر كييف من"): a state or city
    takes a feminine verb ("وحذرت كييف"), so this one is the object, not the subject."""
    mention = context.mention_at.get(context.token_at(found.start)) if found.start is not None else None
    if mention is None or mention.type != "LOC" or frame.verb.plural:
        return False
    key = context.bare(frame.index)
    return key == normalize_key(frame.verb.lemma) or key.startswith("ي")


def _implied_speaker(resolver: Resolver, frame: Frame) -> Speaker:
    """No subject written ("وقال إن"، "وأضاف"): the sentence's speaker or subject, else the speaker going on."""
    context, index = resolver.context, frame.index
    lo, _ = context.sentence_bounds(index)
    found = resolver.by_sentence.get(context.sentence_of[index]) or sentence_subject(resolver, lo, index) \
        or nearest_person(context, index)
    if found is not None:
        return _relabel(found, "pronoun")
    if _continues(frame.verb):  # "وأضاف": the last speaker; with none yet, the one the story was about
        found = _relabel(resolver.last, "continuation") or _newer_subject(resolver, lo)
        return found or Speaker(None, how="unresolved")
    return _newer_subject(resolver, lo) or _relabel(resolver.last, "continuation") or Speaker(None, how="unresolved")


def _continues(verb: SpeechVerb) -> bool:
    """True for verbs that go on with the last speaker whatever came between ("وأضاف"، "وتابع")."""
    return normalize_key(verb.lemma) in load_cues().get("continues")


def _newer_subject(resolver: Resolver, lo: int) -> Speaker | None:
    """The subject of the sentence before token ``lo`` when it was named after the last speaker
    ("قال بوتين …. والتقى ترامب زيلينسكي. وكتب أن": Trump)."""
    context = resolver.context
    if lo == 0 or context.sentence_of[lo - 1] < 0:
        return None
    previous_lo, previous_hi = context.sentence_bounds(lo - 1)
    found = sentence_subject(resolver, previous_lo, previous_hi)
    if found is None or context.token_at(found.start) <= resolver.last_index:
        return None
    return _relabel(found, "sentence_subject")


def _relabel(speaker: Speaker | None, how: str) -> Speaker | None:
    if speaker is None:
        return None
    return Speaker(speaker.name, speaker.entity_id, speaker.start, speaker.end, how)


def _may_follow_subject(context: Context, index: int) -> bool:
    """A verb written with و/ف opens a new clause; without it a subject may stand before it."""
    key = context.keys[index]
    joined = key[:1] in CLITICS and key[1:] in load_speech_verbs()
    return not joined or (index > 0 and context.bare(index - 1) == "قد")


def _reported_clauses(context: Context, frame: Frame, directs: list[QuotedSpan]) -> list[Quote]:
    if frame.opener is None or frame.verb.kind == "act":
        return []
    start = frame.opener + 1
    if context.keys[frame.opener] == ":" and start < len(context.keys) and context.keys[start] in complementizers():
        start += 1  # "قال: إن ..."
    quotes = []
    for lo, hi in _clause_segments(context, start, directs):
        begin, end = context.doc.tokens[lo].start, context.doc.tokens[hi - 1].end
        if not _is_mostly_direct(begin, end, directs):
            quotes.append(_make_quote(context, begin, end, False, frame.speaker, frame))
        else:  # "قال إن إسرائيل «ستتخذ …»": the direct quote stands for the clause, with its speaker
            frame.carried += [span for span in directs if span.start < end and span.end > begin]
    return quotes


def _clause_segments(context: Context, start: int, directs: list[QuotedSpan]) -> list[tuple[int, int]]:
    """Token ranges of the reported clauses from ``start``: split at "وأن", ended by a verb or a break cue."""
    if start >= len(context.keys):
        return []
    _, sentence_end = context.sentence_bounds(start)
    inside = _inside_directs(context, directs, start, sentence_end)
    conjoined = _conjoined_complementizers()
    # Only a lone "و" before a quote needs the quotes' positions: most clauses have none.
    has_and = "و" in context.keys[start:sentence_end]
    quote_opens = {context.token_at(span.open_mark) for span in directs} if has_and else set()
    segments, lo, index = [], start, start
    while index < sentence_end:
        if index > lo and context.keys[index] == "و" and index + 1 in quote_opens:
            break  # "… خطوات ملموسة و«…»": a direct quote joined on stands for itself
        if index > lo and index not in inside:
            if context.keys[index] in conjoined and not _is_concessive(context, index):
                segments.append((lo, index))
                lo = index + 1
            elif _ends_clause(context, index):
                break
        index += 1
    segments.append((lo, index))
    return [trimmed for lo, hi in segments if (trimmed := _trim(context, lo, hi))]


@lru_cache(maxsize=1)
def _conjoined_complementizers() -> frozenset[str]:
    """"وأن", "وإن" …: a complementizer joined by و, which opens a second clause of the same speaker."""
    return frozenset("و" + word for word in complementizers())


def _is_concessive(context: Context, index: int) -> bool:
    """True for "وإن كان" / "وإن لم" (even though): the clause goes on, no second one starts."""
    following = index + 1
    return following < len(context.keys) and context.cue("concessive", following) is not None


def _ends_clause(context: Context, index: int) -> bool:
    if index in context.triggers and _starts_new_clause(context, index):
        return True
    text = context.doc.tokens[index].text
    spaced = context.doc.text[context.doc.tokens[index].start - 1:context.doc.tokens[index].start].isspace()
    if text in _DASHES and spaced:
        return True
    length = phrase_at(context, "break", index) if context.keys[index - 1] in ("،", ",") else 0
    return length > 0 and not _is_parenthetical(context, index + length)


def _is_parenthetical(context: Context, index: int) -> bool:
    """True when a break phrase is closed by a comma two words on ("، على حد قوله، …"): an aside inside the clause."""
    _, sentence_end = context.sentence_bounds(index)
    return any(context.keys[i] in ("،", ",") for i in range(index, min(index + 3, sentence_end - 1)))


def _starts_new_clause(context: Context, index: int) -> bool:
    """True when a speech verb opens a new clause ("، مضيفا"، "وأكد"، "، والتي قال") rather than
    standing inside the reported words ("إن بوتين كان يشير إلى")."""
    if context.triggers[index].kind in ("participle", "hearsay") or not _may_follow_subject(context, index):
        return True
    before = context.keys[index - 1]
    return before in ("،", ",", ";", "؛") or context.cue("dangling", index - 1) is not None


def _inside_directs(context: Context, directs: list[QuotedSpan], lo: int, hi: int) -> set[int]:
    inside = set()
    for span in directs:
        first, last = _token_range(context, span.start, span.end)
        if last > lo and first < hi:
            inside.update(range(first - 1, last + 1))
    return inside


def _trim(context: Context, lo: int, hi: int) -> tuple[int, int] | None:
    """The range without trailing punctuation and dangling words ("، ولكنه"); None when under two words."""
    while hi > lo:
        token = context.doc.tokens[hi - 1]
        two = " ".join(context.keys[hi - 2:hi]) if hi - 2 >= lo else ""
        if token.kind == "punct" and token.text not in "»”\"’“":
            hi -= 1
        elif two and two in _dangling():
            hi -= 2
        elif context.keys[hi - 1] in _dangling():
            hi -= 1
        else:
            break
    return (lo, hi) if _word_count(context, lo, hi) >= 2 else None


def _dangling() -> dict[str, str]:
    return load_cues().get("dangling")


def _is_mostly_direct(begin: int, end: int, directs: list[QuotedSpan]) -> bool:
    """True when a reported clause is just a direct quote (``قال إن «…»``): the direct one stands for it."""
    covered = sum(min(end, span.end) - max(begin, span.start) for span in directs
                  if span.start < end and span.end > begin)
    return covered >= 0.8 * (end - begin)


def _make_quote(context: Context, start: int, end: int, direct: bool, speaker: Speaker | None,
                frame: Frame | None) -> Quote:
    speaker = speaker or Speaker(None, how="unattributed")
    quote = Quote(start, end, context.doc.text[start:end], direct, speaker.name, speaker.entity_id,
                  speaker.start, speaker.end, frame.verb.lemma if frame else None, None, None, speaker.how)
    quote.medium = _medium_of(context, frame, start)
    if frame is not None:
        quote.target = frame.target or (None if direct else _clause_target(context, start, speaker))
    return quote


def _medium_of(context: Context, frame: Frame | None, start: int) -> str | None:
    """The medium named between the verb's clause start and its reported words, else in the sentence."""
    if frame is None:
        lo, hi = context.sentence_bounds(context.token_at(start))
        return find_medium(context, lo, hi) if lo < len(context.keys) else None
    lo, _ = context.sentence_bounds(frame.index)
    if frame.verb.kind != "participle":
        lo = max([lo] + [i + 1 for i in context.triggers if lo <= i < frame.index])  # "قال … قبل أن يكتب على إكس:"
    return find_medium(context, lo, frame.stop + 1)


def _clause_target(context: Context, start: int, speaker: Speaker) -> str | None:
    """The entity a reported clause is about when it opens with it ("إن موسكو تماطل" -> Moscow), not the speaker."""
    return _target_name(context, context.entity_at.get(context.token_at(start)), speaker)


def _target_name(context: Context, mention: Mention | None, speaker: Speaker | None) -> str | None:
    """The mention's canonical name (a demonym phrase: its state), unless it is the speaker or the speaker's own side."""
    if mention is None:
        return None
    name = mention.name or mention.stands_for
    return None if {name, mention.stands_for} & _sides_of(context, speaker) else name


def _sides_of(context: Context, speaker: Speaker | None) -> set[str]:
    """The speaker's name and the state it speaks for ("بيسكوف" -> Peskov, Russia)."""
    if speaker is None or speaker.name is None:
        return set()
    mention = context.mention_at.get(context.token_at(speaker.start)) if speaker.start is not None else None
    side = (mention.stands_for if mention is not None else None) or side_of(speaker.entity_id)
    return {speaker.name} | ({side} if side else set())


def _object_target(context: Context, frame: Frame) -> str | None:
    """The entity a verb like اتهم/شكر/حذر/نفى takes as object ("اتهم زيلينسكي روسيا"), after its subject."""
    if not frame.verb.takes_object:
        return None
    speaker = frame.speaker
    first = frame.index + 1
    if speaker is not None and speaker.end is not None and context.token_at(speaker.end) < frame.stop:
        first = max(first, context.token_at(speaker.end))  # "وصفت رئيسة المفوضية X الحادث": past the subject phrase
    for position in range(first, frame.stop):
        mention = context.entity_at.get(position)
        if mention is None or (position > frame.index + 1 and context.cue("adjunct", position - 1) is not None):
            continue  # "في موسكو": where it was said, no object
        return _target_name(context, mention, speaker)
    return None


# --- who said the direct quotes -----------------------------------------------------------


def _attribute_direct(context: Context, resolver: Resolver, directs: list[QuotedSpan], frames: list[Frame],
                      reported: list[Quote]) -> list[Quote]:
    """A Quote for each direct quote, its speaker taken from the evidence nearest to it."""
    by_quote = {id(span): frame for frame in frames for span in frame.carried}
    by_quote |= {id(frame.quote): frame for frame in frames if frame.quote is not None}
    by_index = {frame.index: frame for frame in frames}
    result: list[Quote] = []
    for span in directs:
        frame = by_quote.get(id(span)) or _verb_after(context, span, by_index)
        around = next((q for q in reported if q.start <= span.start and span.end <= q.end), None)
        if around is not None:
            quote = _copy_speaker(context, span, around)
        elif frame is not None:
            quote = _make_quote(context, span.start, span.end, True, frame.speaker, frame)
        elif (recap := _recap_speaker(context, resolver, span)) is not None:
            quote = _make_quote(context, span.start, span.end, True, recap, None)
        else:
            earlier = _previous_quote(context, span, reported + result)
            quote = _copy_speaker(context, span, earlier, "continuation") if earlier else \
                _make_quote(context, span.start, span.end, True, None, None)
        result.append(quote)
    return result


def _verb_after(context: Context, span: QuotedSpan, by_index: dict[int, Frame]) -> Frame | None:
    """The frame of a speech verb right after a closed quote ("«…»، قال بوتين")."""
    if not span.closed:
        return None
    index = context.token_at(span.end) + 1
    paragraph = context.paragraph_of[index - 1]
    while index < len(context.keys) and context.doc.tokens[index].kind == "punct" and context.keys[index] in "،,.":
        index += 1
    if index < len(context.keys) and context.bare(index) == "هكذا":
        index += 1  # "«…»، هكذا قال لافروف"
    frame = by_index.get(index)
    if frame is None or index >= len(context.keys) or context.paragraph_of[index] != paragraph:
        return None
    return frame


def _recap_speaker(context: Context, resolver: Resolver, span: QuotedSpan) -> Speaker | None:
    """Who the sentence after a quote says spoke, when it opens with a recap ("«…». بهذه الكلمات افتتح
    نتنياهو الاجتماع"، "«…».\nهكذا لخص غوتيريش موقفه"): the subject of its verb, whatever the verb."""
    if not span.closed:
        return None
    index = context.token_at(span.end) + 1
    while index < len(context.keys) and context.doc.tokens[index].kind == "punct" and context.keys[index] in "،,.":
        index += 1
    length = phrase_at(context, "recap", index) if index < len(context.keys) else 0
    if not length:
        return None
    verb = index + length
    _, sentence_end = context.sentence_bounds(verb) if verb < len(context.keys) else (verb, verb)
    found = subject_after(resolver, verb + 1, min(sentence_end, verb + _RECAP_REACH))
    return _relabel(found, "recap") if found is not None and found.name else None


def _previous_quote(context: Context, span: QuotedSpan, quotes: list[Quote]) -> Quote | None:
    """The quote before ``span`` in its paragraph, or ending the paragraph before when ``span`` opens its own."""
    text = context.doc.text
    paragraph_start = text.rfind("\n", 0, span.start) + 1
    earlier = [q for q in quotes if q.end <= span.start]
    if not earlier:
        return None
    last = max(earlier, key=lambda q: q.end)
    if last.start >= paragraph_start:
        return last
    opens_paragraph = not text[paragraph_start:span.open_mark].strip()
    previous_start = text.rfind("\n", 0, max(paragraph_start - 1, 0)) + 1
    return last if opens_paragraph and last.start >= previous_start else None


def _copy_speaker(context: Context, span: QuotedSpan, source: Quote, how: str | None = None) -> Quote:
    return Quote(span.start, span.end, context.doc.text[span.start:span.end], True, source.speaker,
                 source.speaker_id, source.speaker_start, source.speaker_end, source.verb, source.medium,
                 source.target, how or source.how)


# --- attribution without a speech verb before the clause ----------------------------------


def _verbless_quotes(context: Context, resolver: Resolver, existing: list[Quote]) -> list[Quote]:
    """Clauses opened by "مفاده أن", and statements credited by "بحسب X" / "وفقاً لـ X" / "حسبما قال X".

    The attribution phrase first gives its speaker to a direct quote no verb claimed; otherwise
    the clause it attaches to is a reported quote when it is a whole statement by a named source.
    """
    found: list[Quote] = []
    # Most articles hold no such cue at all: the cached test per word runs in C over the keys.
    for index in compress(range(len(context.keys)), map(_may_open_attribution, context.keys)):
        if context.sentence_of[index] < 0:
            continue
        quote = _content_quote(context, resolver, index)
        if quote is None:
            source = _according_quote(context, resolver, index)
            _credit_directs(context, source, existing)
            if _is_attributed_statement(context, source, existing + found):
                found.append(source)
        elif not _overlaps(quote, existing + found):
            found.append(quote)
    return found


@lru_cache(maxsize=200_000)
def _may_open_attribution(key: str) -> bool:
    """Whether a word key is the first word of an "according" or "content" cue, as written or after a proclitic."""
    firsts = cue_first_words("according") | cue_first_words("content")
    return key in firsts or key[1:] in firsts


def _is_attributed_statement(context: Context, quote: Quote | None, others: list[Quote]) -> bool:
    """A clause credited by "بحسب X" / "وفقاً لـ X" to a named source: a whole statement, not a fragment.

    Unnamed sources ("بحسب مصادر دبلوماسية") are left out: such clauses are mostly background the
    writer vouches for, and the sample gold never marks them as quotes.
    """
    if quote is None or quote.speaker is None or _overlaps(quote, others):
        return False
    lo, hi = _token_range(context, quote.start, quote.end)
    return _word_count(context, lo, hi) >= _MIN_STATEMENT_WORDS


def _credit_directs(context: Context, source: Quote | None, quotes: list[Quote]) -> None:
    """Give the speaker an attribution phrase names to the unattributed direct quotes of its sentence."""
    if source is None or source.speaker is None:
        return
    sentence = context.sentence_of[context.token_at(source.start)]
    for quote in quotes:
        if quote.direct and quote.how == "unattributed" and context.sentence_of[context.token_at(quote.start)] == sentence:
            quote.speaker, quote.speaker_id, quote.how = source.speaker, source.speaker_id, source.how
            quote.speaker_start, quote.speaker_end = source.speaker_start, source.speaker_end


def _overlaps(quote: Quote, others: list[Quote]) -> bool:
    return any(min(quote.end, o.end) - max(quote.start, o.start) > 0.3 * (quote.end - quote.start)
               for o in others)


def _according_quote(context: Context, resolver: Resolver, index: int) -> Quote | None:
    length = phrase_at(context, "according", index)
    if not length or (index > 0 and phrase_at(context, "according", index - 1)):
        return None
    lo, hi = context.sentence_bounds(index)
    name_start, name_end = _according_name(context, index, length, hi)
    speaker = _according_speaker(context, resolver, name_start, name_end)
    frame = _frame_of_verb(context, name_start, name_end)
    if index <= lo + 1 and name_end < hi:
        opening = name_end + 1
        if opening < hi and context.keys[opening] in ("فان", "فانه", "فانها"):
            opening += 1  # "بحسب X، فإن clause": the clause after فإن, as after "قال إن"
        clause = _trim(context, opening, hi)  # "بحسب X، clause"
    else:
        clause = _trim(context, lo, index)  # "clause، بحسب X"
    if clause is None:
        return None
    start, end = context.doc.tokens[clause[0]].start, context.doc.tokens[clause[1] - 1].end
    quote = _make_quote(context, start, end, False, speaker, frame)
    quote.how = "according:" + speaker.how
    return quote


def _according_name(context: Context, index: int, length: int, hi: int) -> tuple[int, int]:
    """Token span of the name after the attribution cue of ``length`` words at ``index``."""
    name_start = index + length - (1 if _ends_joined(context, index, length) else 0)
    return name_start, _phrase_end(context, name_start, hi)


def _ends_joined(context: Context, index: int, length: int) -> bool:
    """True when the cue's last word is a preposition joined to the name ("وفقا لبيسكوف")."""
    last = index + length - 1
    return length > 1 and len(context.keys[last]) > 1 and context.keys[last][0] == "ل" and last in context.mention_at


def _phrase_end(context: Context, lo: int, hi: int) -> int:
    """End of the name phrase after an attribution cue: the next comma or the sentence end.

    A person named in apposition after the comma belongs to the phrase: in "حسبما ذكر رئيس
    الجمهورية، ليونيد باشنيك" the name, not an earlier holder of the title, is the source.
    """
    for index in range(lo, hi):
        if context.keys[index] in ("،", ",") and index > lo and not _apposed_person(context, index + 1, hi):
            return index
    return hi


def _apposed_person(context: Context, first: int, hi: int) -> bool:
    """True when a person's name (maybe after an unlisted first name) starts at token ``first``."""
    for index in range(first, min(first + 2, hi)):
        mention = context.mention_at.get(index)
        if mention is not None:
            return mention.type == "PER"
        if context.doc.tokens[index].kind != "arabic":
            return False
    return False


def _frame_of_verb(context: Context, lo: int, hi: int) -> Frame | None:
    """A pseudo-frame for "حسبما قال X", so the quote records the verb."""
    for index in range(lo, min(hi, lo + 2)):
        if index in context.triggers:
            return Frame(index, context.triggers[index], hi)
    return None


_RELATIVE_MA = ("ما", "لما", "حسبما", "كما")  # "what" opening the relative clause of an attribution


def _according_speaker(context: Context, resolver: Resolver, lo: int, hi: int) -> Speaker:
    """Who a cue credits: the source after "عن" when a medium relays ("نقلت وكالة … عن X"), else the first name."""
    for index in range(lo, hi):
        if context.cue("source_from", index) is not None and index > lo:
            lo = index + 1
            break
    while lo < hi and (lo in context.triggers or context.bare(lo) in ("ما", "به", "بها")
                       or (lo > 0 and context.bare(lo - 1) in _RELATIVE_MA and lo not in context.mention_at)):
        lo += 1  # "بحسب ما أوردته صحيفة X"، "وفقا لما أفادت به": the relative's verb comes before the source
    if lo < hi and lo in context.mention_at and context.bare(lo - 1) == "ل":
        return speaker_of(context.mention_at[lo], "subject")  # "وفقًا لـ Trump": the cue's own ل, no owner
    found = subject_after(resolver, lo, hi)
    return found or Speaker(None, how="unnamed_source")


def _content_quote(context: Context, resolver: Resolver, index: int) -> Quote | None:
    """"تحذيرا مفاده أن …": the clause after أن, spoken by the sentence's subject."""
    if context.cue("content", index) is None or index + 1 >= len(context.keys):
        return None
    if context.keys[index + 1] not in complementizers():
        return None
    segments = _clause_segments(context, index + 2, [])
    if not segments:
        return None
    sentence = context.sentence_of[index]
    speaker = resolver.by_sentence.get(sentence) or nearest_person(context, index, first=True)
    lo, hi = segments[0][0], segments[-1][1]
    quote = _make_quote(context, context.doc.tokens[lo].start, context.doc.tokens[hi - 1].end, False,
                        speaker, None)
    quote.how = "content:" + (speaker.how if speaker else "unresolved")
    return quote
