"""PLOVER events: triggers found per sentence, typed, with actors, targets, place, quantities and date.

Precision first: gold keeps the salient events a reader would put on a
timeline. So a sentence gives at most one event per type; the title (which
retells the lead) gives none; a trigger that is the object of another event
("رفض اقتراح ترامب"), background ("منذ الغزو"), a description inside a
restrictive relative clause ("المبعوث الذي زار واشنطن"), a hypothesis ("قد
تنسحب", "من المحتمل أن يلتقي") or an event noun nobody is said to carry out
("محادثات السلام مهمة") is not an event of its own; a negated trigger, or one
under a negated verb of saying or believing ("لا يرون أن موسكو مستعدة"), is
kept only as ``negated=True``. Arguments come from entity mentions: the subject
after a verb (VSO) or before it (SVO), the speaker of a reported clause or a
quote (``doc.quotes`` when the quotes layer ran) for speech acts, the previous
sentence's actor for a verb without a subject, targets after على/إلى/مع/ضد.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress
from operator import attrgetter
from typing import Collection

from marsad.document import Document, Event, Mention, Sentence, Token
from marsad.entities.kb import load_kb
from marsad.events.dates import DateMention, find_sentence_dates, load_date_lexicon
from marsad.events.lexicon import (Trigger, first_word_index, inflect, load_cue_forms, load_cues, participle_index,
                                   word_key, word_readings)
from marsad.quotes.marks import find_quoted_spans
from marsad.text.normalize import remove_diacritics
from marsad.text.numbers import find_numbers, load_number_words
from marsad.text.tokens import split_proclitics, token_keys, token_starts, without_conjunction

# Speech acts: said by someone, so the speaker of a reported clause is their actor.
SPEECH_ACT_TYPES = frozenset({"AGREE", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "SUPPORT"})
# Types whose trigger takes an event as its object: "رفض اقتراح", "اقترح محادثات".
GOVERNING_TYPES = frozenset({"AGREE", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "SUPPORT"})
# Types whose report may count something (drones, prisoners, troops, days of truce); words
# (praise, accusation, rejection, meetings) are not counted.
COUNTED_TYPES = frozenset({"ASSAULT", "AID", "CONCEDE", "COOPERATE", "MOBILIZE", "COERCE", "RETREAT",
                           "PROTEST", "SANCTION", "REQUEST", "THREATEN"})
# Types whose actors and targets are all participants: "التقى روبيو لافروف" is a meeting of both.
SYMMETRIC_TYPES = frozenset({"CONSULT", "COOPERATE"})
# Types whose content is itself conditional or modal ("لا يمكن قبولها", "هدد ... إذا"): a modal
# before them does not make them hypothetical.
MODAL_CONTENT_TYPES = frozenset({"THREATEN", "REQUEST", "REJECT"})
_OBJECT_REACH = 10  # words after a governing trigger in which a noun trigger is its object
_SUBJECT_REACH = 6  # words after a verb in which its subject stands
_MAX_GAP = 2  # words allowed between the words of a phrase trigger
_BRIDGE_REACH = 9  # words from a speech verb to its إن/أن: "قال المتحدث باسم الكرملين دميتري بيسكوف للصحفيين إن"
_LIGHT_FAR = 12  # words before an event noun past which no light verb is looked for, even across a date
_LIGHT_REACH = 3  # words before an event noun in which its light verb stands (شن ... هجوما)
_MODAL_REACH = 12  # words before a verb, up to punctuation, in which a modal makes it hypothetical
_RELATIVE_REACH = 3  # words after a relative pronoun in which its clause's verb stands
_PLANNING_REACH = 5  # words before a meeting noun in which a verbal noun arranging it stands
_MATRIX_REACH = 6  # words before a complementizer in which a negation governs the clause
_CLAUSE_WORDS = frozenset({"الذي", "التي", "الذين", "اللذين", "اللتين"})
_COMPLEMENTIZERS = frozenset({"ان", "انه", "انها", "انهم", "بان", "بانه", "بانها"})
_MODALS = frozenset({"يمكن", "يمكننا", "تستطيع", "يستطيع", "نستطيع", "يمكنها", "يمكنه", "تمكن"})
_COMMAS = frozenset({"،", ","})
_BOUNDARIES = frozenset({"،", ",", ";", "؛", ":", "-", "–", "—", "(", ")"})


@dataclass
class Hit:
    """A trigger matched at token indexes ``first``..``last`` of a sentence's word list."""

    trigger: Trigger
    first: int
    last: int
    negated: bool = False
    modality: str = "asserted"
    type: str = ""
    background: bool = False  # "منذ الغزو": a past the story starts from
    object_clause: bool = False  # "طلب ... أن يوافق": a verb in another trigger's complement
    nominal: bool = False  # an event noun, or a verb read as its verbal noun ("للتفاوض")
    predicate: bool = False  # a noun that is its own predicate: readiness, "لابد أن", "لا يمكن قبول"
    intent: bool = False  # "ربما نلتقي": a meeting a speaker holds possible, coded AGREE
    participle: bool = False  # "، متهما موسكو": a circumstantial participle, done by the sentence's subject
    governed: bool = False  # a verb-shaped word after a preposition: its verbal noun ("بعد تفاوض")


@dataclass
class Clause:
    """A sentence's words with their normalised forms, its mentions and (once asked) its dates."""

    sentence: Sentence
    text: str
    words: list[Token]
    keys: list[str]
    bare: list[str] = field(default_factory=list)  # keys without a leading و/ف
    published: str | None = None
    mentions: list[tuple[int, Mention, bool]] = field(default_factory=list)  # (word, mention, prepositional)
    dates: list[DateMention] | None = None  # read on first use: most sentences hold no event
    quantities: list[dict] | None = None  # likewise
    cue_kinds: frozenset[str] | None = None  # modality cue kinds (future, conditional) it holds
    speech: list[int] | None = None  # indices of its speech-verb words, read on first use


@dataclass
class Discourse:
    """What one sentence hands to the next: the document's lookups and who spoke or acted last."""

    token_starts: list[int]
    mention_starts: list[int]
    quotes: list[tuple[int, int, str]]  # (start, end, speaker) of quotes with a known speaker
    published: str | None
    speaker: list[str] = field(default_factory=list)
    actor: list[str] = field(default_factory=list)


def find_events(doc: Document, dates: dict[int, list[DateMention]] | None = None) -> list[Event]:
    """PLOVER events of ``doc``, one per type per sentence, in text order, dated from their sentence.

    Needs doc.tokens and doc.sentences; reads doc.mentions and doc.quotes when present. The
    title line is skipped: it retells the lead.

    ``dates``, when given, receives the date mentions of each sentence read (by its start), so a
    caller needing them again does not read them twice.

    Example: for "اقترح بوتين محادثات مع أوكرانيا." the result holds one REQUEST
    with actors ["Vladimir Putin"] and targets ["Ukraine"] (mentions from the entity layer).
    """
    discourse = start_discourse(doc)
    events: list[Event] = []
    for sentence in doc.sentences:
        if sentence.start < doc.body_start or not _may_hold_event(doc, sentence, discourse):
            continue
        clause = build_clause(doc, sentence, discourse)
        made = [(hit, make_event(doc, clause, hit, discourse)) for hit in select_hits(clause, find_hits(clause))]
        made = [(hit, event) for hit, event in made if event is not None]
        _continue_subjects(clause, made)
        found = [event for _, event in made]
        discourse.speaker = _last_speaker(clause) or discourse.speaker
        discourse.actor = next((e.actors for e in found if e.actors and not e.negated), discourse.actor)
        events += found
        if dates is not None and clause.dates is not None:
            dates[sentence.start] = clause.dates
    return events


def _continue_subjects(clause: Clause, made: list[tuple[Hit, Event]]) -> None:
    """"رفض المكتب المقترح، واتهم حماس بالمماطلة": a verb joined by "، و" to an earlier event of its
    sentence keeps that event's subject; the one name after it, then ب or إلى, is its object."""
    for (_, earlier), (hit, event) in zip(made, made[1:]):
        object_ = _object_after_joined_verb(clause, hit)
        if object_ and earlier.actors and event.actors == object_:
            event.actors, event.targets = list(earlier.actors), object_


def _object_after_joined_verb(clause: Clause, hit: Hit) -> list[str]:
    """The names of the one mention after a verb joined by "، و" when ب or إلى follows it, else []."""
    first, after = hit.first, hit.last + 1
    joined = first > 0 and clause.keys[first - 1] in ("،", ",") and clause.keys[first].startswith("و")
    if hit.nominal or not joined:
        return []
    named = [m for i, m, prep in clause.mentions if i == after and not prep]
    rest = clause.keys[after + 1] if after + 1 < len(clause.keys) else ""
    return mention_names(named[0]) if named and (rest[:1] == "ب" or rest == "الي") else []


def _may_hold_event(doc: Document, sentence: Sentence, discourse: Discourse) -> bool:
    # Most sentences hold neither a trigger nor a speech verb: one cached lookup per word skips them.
    first, last = bisect_left(discourse.token_starts, sentence.start), bisect_left(discourse.token_starts, sentence.end)
    return any(map(_word_matters, map(attrgetter("text"), doc.tokens[first:last])))


@lru_cache(maxsize=200_000)
def _word_matters(word: str) -> bool:
    return bool(word_triggers(word)) or _is_speech_word(word) or word_key(word) in participle_index()


@lru_cache(maxsize=200_000)
def _is_speech_word(word: str) -> bool:
    """Whether some reading of a surface word is a speech verb ("وقال"); cached: asked of every word."""
    return bool(word_readings(word) & load_cue_forms("speech"))


def start_discourse(doc: Document) -> Discourse:
    """The lookups find_events needs once per document; quotes only when the quotes layer ran."""
    mention_starts = [m.start for m in doc.mentions]
    quotes = [(q.start, q.end, q.speaker) for q in getattr(doc, "quotes", None) or []
              if q.speaker and not _names_inside(doc, mention_starts, q, q.speaker)]
    # A second article on a page ("<page>#2") has no publication date of its own: a relative
    # date ("أمس") cannot be resolved against the page's, so only absolute dates are read there.
    published = None if doc.part_of else doc.published
    return Discourse(token_starts(doc), mention_starts, quotes, published)


def _same_date(event: Event, other: Event) -> bool:
    # A vague period ("هذا العام", "خلال الشهرين الماضيين") holds many events: only a day, a month
    # or a year named outright ("عام 2022") identifies one.
    if event.date != other.date:
        return False
    return len(event.date or "") >= 7 or all((e.date_how or "").startswith("explicit") for e in (event, other))


def _names_inside(doc: Document, mention_starts: list[int], quote, name: str) -> bool:
    # A speaker is not the subject of their own reported clause ("قال إن أوكرانيا يجب ..." is
    # not said by Ukraine): such an attribution is doubtful, so the clause rules decide.
    inside = doc.mentions[bisect_left(mention_starts, quote.start):bisect_left(mention_starts, quote.end)]
    return any(name in (m.name, m.stands_for) for m in inside)


def drop_repeats(events: list[Event]) -> list[Event]:
    """Events without later retellings: a later event of the same type and date that shares an
    actor with a kept one is the same event told again (the lead usually states it first, fullest).

    Example: REQUEST by Putin in sentence 2 and again in sentence 9 -> only sentence 2's.
    """
    kept: list[Event] = []
    for event in events:
        if event.actors and any(_same_event(event, other) for other in kept):
            continue
        if not event.actors and event.place and any(_same_venue(event, other) for other in kept):
            continue  # "ولم تدع أوكرانيا إلى اجتماع الرياض": the Riyadh meeting told again
        kept.append(event)
    return kept


def _same_venue(event: Event, other: Event) -> bool:
    """Whether an event naming no actor retells an earlier one of its type held at the same place."""
    return event.type == other.type and event.negated == other.negated and event.place == other.place \
        and (event.date_how == "story-day" or _same_date(event, other))


def _same_event(event: Event, other: Event) -> bool:
    """Whether the later ``event`` retells the earlier ``other``: same type; the same date, or
    no date of its own (only guessed from the story's day); and the same first actor, or first
    actors each among the other's ("Putin" and "Putin, Russia"); for a meeting, the same
    partners too."""
    if event.type != other.type or event.negated != other.negated:
        return False
    if event.date_how != "story-day" and not _same_date(event, other):
        return False
    mine, theirs = event.actors, other.actors
    if event.type in SYMMETRIC_TYPES:
        # A meeting retold names the same partners: Rubio meeting Dmitriev is not Rubio meeting Sybiha.
        mine, theirs = mine + event.targets, theirs + other.targets
        # Partners named in both must be the same, or one side's a part of the other's: meeting
        # "Russian and Ukrainian officials" and meeting "Ukraine's Sybiha" are two meetings.
        if event.targets and other.targets and not (set(event.targets) <= set(theirs)
                                                    or set(other.targets) <= set(mine)):
            return False
    # The first actor is who the sentence is about; later ones are the states behind it.
    return bool(theirs) and (mine[0] == theirs[0] or (mine[0] in theirs and theirs[0] in mine))


def build_clause(doc: Document, sentence: Sentence, discourse: Discourse | None = None) -> Clause:
    """The words of ``sentence`` (Arabic, Latin, numbers, punctuation) and its mentions."""
    discourse = discourse or start_discourse(doc)
    first, last = bisect_left(discourse.token_starts, sentence.start), bisect_left(discourse.token_starts, sentence.end)
    words, keys = doc.tokens[first:last], token_keys(doc)[first:last]
    if "symbol" in map(attrgetter("kind"), words):  # rare: most sentences are words and punctuation
        kept = [i for i, t in enumerate(words) if t.kind != "symbol"]
        words, keys = [words[i] for i in kept], [keys[i] for i in kept]
    bare = list(map(_bare_key, keys))  # in C, a cached lookup per word: asked of every word
    clause = Clause(sentence, doc.text[sentence.start:sentence.end], words, keys, bare,
                    discourse.published)
    starts = list(map(attrgetter("start"), words))
    # A dateline ("القاهرة (رويترز) - ") names where and who filed the story: no argument of its events.
    opening = sentence.start + _dateline_length(doc, sentence, clause.text)
    low, high = bisect_left(discourse.mention_starts, opening), bisect_left(discourse.mention_starts, sentence.end)
    for mention in doc.mentions[low:high]:
        index = max(bisect_left(starts, mention.start + 1) - 1, 0)
        clause.mentions.append((index, mention, _is_prepositional(doc, clause, index, mention)))
    return clause


@lru_cache(maxsize=200_000)
def _bare_key(key: str) -> str:
    return without_conjunction(key, min_stem=2)


_DATELINE = re.compile(r"[^\s()\-–—،,.:«\"“]+(?:\s+[^\s()\-–—،,.:«\"“]+){0,2}\s*(?:\([^()\n]{2,40}\)\s*)?[-–—]\s")


def _dateline_length(doc: Document, sentence: Sentence, text: str) -> int:
    """Characters of the dateline opening a paragraph: a place of one to three words, maybe an agency
    in brackets, and a dash ("موسكو (أ ف ب) - ", "واشنطن - "); 0 when there is none ("وقال بوتين - ")."""
    # The cheap tests first: a dateline opens its paragraph and has a dash.
    if doc.text[sentence.start - 1:sentence.start] not in ("", "\n") or not any(dash in text for dash in "-–—"):
        return 0
    match = _DATELINE.match(text)
    if not match:
        return 0
    place = next((m for m in doc.mentions if m.start == sentence.start), None)
    return match.end() if place is not None and place.type == "LOC" else 0


def _is_prepositional(doc: Document, clause: Clause, index: int, mention: Mention) -> bool:
    # "لأوكرانيا", "بروسيا": a preposition glued to the mention's word; "مع روسيا": before it.
    # "للأمم المتحدة" (ل + الأمم) has no text for the article's dropped alef, so the mention keeps its ل.
    glued = word_key(doc.text[clause.words[index].start:mention.start])
    before_article = glued[:-2] if glued.endswith("ال") else glued  # "بال" -> "ب"; a lone "ل" stays
    if before_article.endswith(("ل", "ب", "ك")) or glued.endswith("لل") or word_key(mention.text).startswith("لل"):
        return True
    member = load_cues()["member"]
    if index > 1 and clause.bare[index - 1] in ("من", "في") and \
            (clause.keys[index - 2] in member or clause.bare[index - 2] in member):  # "وفد" is no و + "فد"
        return False  # "وفد من حركة حماس", "مسؤول في الكرملين": the body they belong to acts
    return index > 0 and clause.bare[index - 1] in _prepositions()


@lru_cache(maxsize=1)
def _prepositions() -> frozenset[str]:
    return load_cues()["target_preposition"] | load_cues()["place_preposition"]


def find_hits(clause: Clause) -> list[Hit]:
    """Every trigger match in the clause's words, with negation and modality read.

    A verb whose perfect is not also its verbal noun is no trigger with an article or a
    preposition on it: "بحذر" is "cautiously", not "warned".
    """
    hits = []
    # Most words open no trigger: the (cached) lookup runs over the words in C, the rules only where one does.
    opened = list(map(word_triggers, map(attrgetter("text"), clause.words)))
    for position in compress(range(len(opened)), opened):
        for trigger, nominal in opened[position]:
            # "بعد تفاوض طويل": the verbal noun, not "تفاوضوا", so something must carry it out
            governed = not nominal and position > 0 and _noun_after_preposition(clause, trigger, position)
            last = _match_rest(clause, trigger, position)
            if last is not None:
                hits.append(Hit(trigger, position, last, nominal=nominal or governed, governed=governed))
    # "…، متهما موسكو بـ": a second predicate of the sentence's subject, right after a comma
    # (after the trigger hits of its word, as _unique keeps the first of equal hits)
    for position in compress(range(1, len(clause.keys)), map(_COMMAS.__contains__, clause.keys)):
        for trigger in participle_index().get(clause.keys[position], ()):
            last = _match_rest(clause, trigger, position)
            if last is not None:
                hits.append(Hit(trigger, position, last, participle=True))
    return [_read_hit(clause, hit) for hit in _unique(hits)]


@lru_cache(maxsize=200_000)
def word_triggers(word: str) -> tuple[tuple[Trigger, bool], ...]:
    """The triggers whose first word ``word`` may be, each with whether it is read as a noun.

    Cached by surface word: a corpus repeats its words, so each is analysed once.

    Example: word_triggers("بحذر") == () and word_triggers("وحذر")[0][0].type == "THREATEN"
    """
    index, key = first_word_index(), word_key(word)
    # No verb form ends in ة: "ضربة" is the noun, though its key (ضربه) reads as "hit him".
    noun_only = remove_diacritics(word).endswith("ة")
    found = []
    for reading in word_readings(word):
        for trigger in index.get(reading, ()):
            if noun_only and trigger.pos.startswith("verb"):
                continue
            nominal = trigger.pos == "noun" or _is_nominal(key, trigger)
            if not (nominal and trigger.pos.startswith("verb") and not trigger.words[0] & _verbal_nouns(trigger)):
                found.append((trigger, nominal))
    return tuple(found)


def _noun_after_preposition(clause: Clause, trigger: Trigger, position: int) -> bool:
    """Whether a form V/VI verb spelled like its verbal noun (تبادل، تفاوض) follows a preposition,
    which no verb follows: "بعد تفاوض طويل", "وسط تبادل الأسرى"."""
    return bool(_verbal_nouns(trigger)) and word_key(clause.words[position].text) in _verbal_nouns(trigger) \
        and not load_cues()["preposition"].isdisjoint((clause.keys[position - 1], clause.bare[position - 1]))


def _verbal_nouns(trigger: Trigger) -> frozenset[str]:
    # Forms V and VI (تفاوض، تبادل، توصل) have a verbal noun spelled like the perfect.
    lemma = word_key(trigger.pattern.split()[0])
    return frozenset({lemma}) if lemma.startswith("ت") else frozenset()


def _is_nominal(key: str, trigger: Trigger) -> bool:
    """Whether a verb-shaped word is its verbal noun: "للتفاوض", "بالتفاوض", "التفاوض"."""
    lemma = word_key(trigger.pattern.split()[0])
    return any(stem == lemma and (clitic[-1:] in ("ل", "ب") or clitic.endswith("ال"))
               for clitic, stem in split_proclitics(key))


def _match_rest(clause: Clause, trigger: Trigger, position: int) -> int | None:
    verb, position = position, _subject_end(clause, trigger, position)
    # "ونظيره البولندي" or "، يوم الجمعة،" may stand between the subject and the object
    gap = _MAX_GAP + (4 if position > verb else 0)
    for forms in trigger.words[1:]:
        following = range(position + 1, min(position + 2 + gap, len(clause.words)))
        if gap > _MAX_GAP:  # not into a reported clause: "أعلن زيلنسكي أن روسيا خرقت الهدنة"
            following = range(following.start, next((i for i in following if clause.bare[i] in _COMPLEMENTIZERS),
                                                    following.stop))
        gap = _MAX_GAP
        position = next((i for i in following if word_readings(clause.words[i].text) & forms), None)
        if position is None:
            return None
    return position


def _subject_end(clause: Clause, trigger: Trigger, position: int) -> int:
    """The last word of the subject named right after a verb phrase's verb, so that its object may
    follow it: "وقع وزير الخارجية التركي هاكان فيدان ونظيره السوري اتفاقا"; else the verb itself.

    The subject starts with a title or a name right after the verb ("وقع انفجار بعد اتفاق" has
    none) and goes on while names follow within 3 words of each other.
    """
    if len(trigger.words) < 2 or not trigger.pos.startswith("verb") or position + 1 >= len(clause.words):
        return position
    after = position + 1
    end = after if _titled_between(clause, position, after + 1) else position
    for index, mention, prep in clause.mentions:
        if position < index <= end + (3 if end > position else 1) and not prep:
            end = max(end, _last_word(clause, index, mention))
    return end


def _last_word(clause: Clause, index: int, mention: Mention) -> int:
    while index + 1 < len(clause.words) and clause.words[index + 1].start < mention.end:
        index += 1
    return index


def _unique(hits: list[Hit]) -> list[Hit]:
    # One hit per word: a longer phrase beats a single word of the same type, and a verb reading
    # beats a noun one ("ورفضتها" is "and she rejected it", not "and its rejection").
    hits.sort(key=lambda h: (h.first, -(h.last - h.first), h.nominal))
    seen: set[tuple[int, str]] = set()
    result = []
    for hit in hits:
        if (hit.first, hit.trigger.type) not in seen:
            seen.add((hit.first, hit.trigger.type))
            result.append(hit)
    return result


def _read_hit(clause: Clause, hit: Hit) -> Hit:
    hit.negated = is_negated(clause, hit.first) or is_under_negated_matrix(clause, hit.first)
    hit.modality = read_modality(clause, hit)
    hit.type = hit.trigger.type
    before = clause.bare[max(hit.first - 3, 0):hit.first]
    hit.background = bool(set(before) & load_cues()["background"]) or _after_an_interval(clause, hit.first)
    # "طلب أن يوافق": a complement; "وأنه سيتحدث": a further reported clause, not a complement.
    hit.object_clause = bool(before) and before[-1] in _COMPLEMENTIZERS and clause.keys[hit.first - 1][0] != "و"
    hit.predicate = (hit.trigger.modality != "asserted" or len(hit.trigger.words) > 1) and not hit.governed
    if hit.negated and hit.type == "AGREE" and _refuses(clause, hit.first):
        # "لن نقبل", "لا يمكننا قبولها": a refusal stated now is a rejection.
        hit.type, hit.negated, hit.modality, hit.predicate = "REJECT", False, "asserted", True
    elif hit.trigger.modality == "willingness" and _cue_follows(clause.bare, hit, "hostile"):
        # "مستعدة للرد"، "جاهزون للقتال": ready to strike back is a threat, not an agreement
        hit.type = "THREATEN"
    return hit


def _cue_follows(words: list[str], hit: Hit, kind: str) -> bool:
    """Whether one of the two words after the trigger, proclitics split off, is a ``kind`` cue:
    the "hostile" in "مستعدة للرد", the "verbal_manner" in "هجوما لاذعا"."""
    cues = load_cues()[kind]
    return any(stem in cues for word in words[hit.last + 1:hit.last + 3] for _, stem in split_proclitics(word))


def _after_an_interval(clause: Clause, position: int) -> bool:
    """Whether the trigger is what something came an interval after: "بعد أسابيع من قمة ألاسكا",
    "بعد يوم من تعليق خطط لعقد قمة". The earlier event is the story's background, told (and dated)
    where it happened, not news of this sentence."""
    durations = load_cues()["duration"]
    for i in range(position - 1, max(position - 7, 1), -1):
        if clause.keys[i] in _BOUNDARIES or clause.keys[i] in ("،", ","):
            return False
        if clause.bare[i] == "من" and clause.bare[i - 1] in durations and clause.bare[i - 2] == "بعد":
            return True
    return False


def is_negated(clause: Clause, position: int) -> bool:
    """Whether a negation word stands right before the trigger, or before a modal or copula before it.

    Example: "لم يوافق" is negated; "لا يمكننا قبولها" and "لم يكن تهديدا" are negated through
    the verb between.
    """
    negation = load_cues()["negation"]
    before = clause.bare[max(position - 2, 0):position]
    if before and before[-1] in negation:
        return True
    return len(before) == 2 and before[0] in negation and (before[1] in _MODALS or before[1] in load_cues()["copula"])


def is_under_negated_matrix(clause: Clause, position: int) -> bool:
    """Whether the trigger's clause hangs on a negated verb: "لا يرون أي مؤشر على أن موسكو مستعدة",
    "لا يستبعد أن يتفقا": the speaker does not assert it, so it is no event."""
    start = _clause_start(clause, position)
    if start == 0:
        return False
    negation = load_cues()["negation"]
    return any(k in negation for k in clause.bare[max(start - 1 - _MATRIX_REACH, 0):start - 1])


def _refuses(clause: Clause, position: int) -> bool:
    before = set(clause.bare[max(position - 2, 0):position])
    return bool(before & {"لن", "لا"})


def read_modality(clause: Clause, hit: Hit) -> str:
    """willingness or obligation (from the lexicon), future, conditional or asserted.

    Example: "سيلتقي" and "من المقرر أن يجتمع" are future; "إذا وافقت" is conditional.
    """
    if hit.trigger.modality != "asserted":
        return hit.trigger.modality
    word = clause.keys[hit.first]
    if any(stem[0] == "س" and stem[1:] in hit.trigger.words[0] for _, stem in split_proclitics(word)):
        return "future"
    kinds = _cue_kinds(clause)
    return next((kind for kind in ("future", "conditional") if kind in kinds), "asserted")


def _cue_kinds(clause: Clause) -> frozenset[str]:
    # Read once per sentence: every trigger of the sentence asks.
    if clause.cue_kinds is None:
        clause.cue_kinds = frozenset(kind for kind in ("future", "conditional")
                                     if _holds_cue(clause.bare, kind))
    return clause.cue_kinds


def _holds_cue(words: list[str], kind: str) -> bool:
    """Whether the words (without a leading و/ف) hold a cue of ``kind``, one word or a phrase."""
    single, phrases = _split_cues(kind)
    if single.intersection(words):
        return True
    text = f" {' '.join(words)} "
    return any(f" {phrase} " in text for phrase in phrases)


@lru_cache(maxsize=None)
def _split_cues(kind: str) -> tuple[frozenset[str], tuple[str, ...]]:
    cues = load_cues()[kind]
    return frozenset(c for c in cues if " " not in c), tuple(c for c in cues if " " in c)


def select_hits(clause: Clause, hits: list[Hit]) -> list[Hit]:
    """The hits that are events, only the first of each type in the sentence: not the object
    of an earlier trigger or of a word that stops it, not background, not a description in a
    restrictive relative clause, not hypothetical, and, for an event noun, carried out by someone.

    Example: in "رفض بوتين اقتراح ترامب" only REJECT is kept.
    """
    kept: list[Hit] = []
    for hit in hits:
        if any(h.first == hit.first for h in kept) or hit.background or _is_object(clause, hit, hits):
            continue
        if _is_hypothetical(clause, hit) and not _as_intent_to_meet(hit):
            continue
        if _is_blocked(clause, hit) or _is_relative_description(clause, hit) or _asks_anonymity(clause, hit):
            continue
        if hit.nominal and hit.first and clause.bare[hit.first - 1] in load_cues()["generic"]:
            continue  # "كل ضربة روسية", "أي هجوم": any such event, none in particular
        if hit.nominal and _more_of(clause, hit) and _find_light_verb(clause, hit) is None:
            continue  # "تحتاج الخطة إلى مزيد من المشاورات": more wanted, none held
        if hit.nominal and not hit.predicate and not _is_carried_out(clause, hit):
            continue
        planning = _find_planning(clause, hit)
        if planning is not None:
            # "لم يتم تحديد موعد للقمة": no arrangement made, so no intent stated.
            hit.negated = hit.negated or is_negated(clause, planning)
            hit.type, hit.modality, hit.intent = "AGREE", "willingness", True
        if all(h.type != hit.type for h in kept):
            kept.append(hit)
    return kept


def _more_of(clause: Clause, hit: Hit) -> bool:
    """Whether an event noun follows "مزيد من" / "المزيد من" (more of)."""
    return hit.first > 1 and clause.bare[hit.first - 1] == "من" and clause.bare[hit.first - 2] in ("مزيد", "المزيد")


def _is_object(clause: Clause, hit: Hit, hits: list[Hit]) -> bool:
    if not hit.nominal and not hit.object_clause and not _bare_lemma(clause, hit):
        return False
    return any(g.type in GOVERNING_TYPES and g.type != hit.type and not g.negated
               and g.first < hit.first <= g.last + _OBJECT_REACH
               and not _has_boundary(clause, g.last + 1, hit.first) for g in hits)


def _bare_lemma(clause: Clause, hit: Hit) -> bool:
    """Whether a verb trigger is written as its bare lemma with no clitic, which is also its verbal
    noun ("فرض"، "قصف"): after a rejection or a demand it is what is rejected or demanded
    ("رفضت المجر فرض عقوبات"); "وفرض" with و is a coordinated verb."""
    return hit.trigger.pos == "verb" and clause.keys[hit.first] == word_key(hit.trigger.pattern.split()[0])


def _is_blocked(clause: Clause, hit: Hit) -> bool:
    """Whether the trigger is the object of a word that stops or delays it: "وقف الضربات"."""
    blocking = load_cue_forms("blocking")
    return any(word_readings(w.text) & blocking for w in clause.words[max(hit.first - 2, 0):hit.first])


def _asks_anonymity(clause: Clause, hit: Hit) -> bool:
    """Whether the trigger asks that a source stay unnamed ("، طالبا عدم نشر اسمه"): a reporting
    formula, no demand made in the story."""
    following = " ".join(clause.keys[hit.last + 1:hit.last + 5])
    return any(following.startswith(phrase) for phrase in load_cues().get("anonymity", ()))


def _is_hypothetical(clause: Clause, hit: Hit) -> bool:
    """Whether a modal or a condition comes before the trigger: "تستطيع الانسحاب", "من المحتمل أن
    يلتقي", "قد تنسحب", "إذا وافقت"; threats, demands and refusals are modal by nature."""
    if hit.type in MODAL_CONTENT_TYPES or hit.trigger.modality != "asserted":
        return False
    window = clause.bare[_segment_start(clause, hit.first):hit.first]
    if _holds_cue(window, "modal") or _holds_cue(window, "conditional"):
        return True
    previous = clause.keys[hit.first - 1] if hit.first else ""
    return without_conjunction(previous, min_stem=2) == "قد" and _is_imperfect(clause.keys[hit.first], hit.trigger)


def _as_intent_to_meet(hit: Hit) -> bool:
    """Whether a hypothetical meeting verb is an intent to meet, and if so retype it AGREE.

    A meeting a speaker calls possible ("من المحتمل أن يلتقي", "ربما نلتقي") did not take place
    and is not scheduled: reported, it is the speaker's stated willingness to meet (CAMEO 036,
    "express intent to meet", is AGREE in PLOVER). make_event drops it when nobody says it.
    A meeting noun under a condition ("إذا نجحت المحادثات") is the condition, not an intent.
    """
    if hit.type != "CONSULT" or hit.nominal or hit.negated:
        return False
    hit.type, hit.modality, hit.intent = "AGREE", "willingness", True
    return True


def _find_planning(clause: Clause, hit: Hit) -> int | None:
    """Where the verbal noun arranging a meeting noun stands ("لتحديد موعد المحادثات", "التحضير
    للقمة"), or None: an arranged meeting is not yet held nor scheduled, so an intent to meet."""
    if hit.type != "CONSULT" or not hit.nominal:
        return None
    planning = load_cue_forms("planning")
    for i in range(hit.first - 1, max(hit.first - 1 - _PLANNING_REACH, -1), -1):
        if clause.keys[i] in _BOUNDARIES:
            return None
        if word_readings(clause.words[i].text) & planning:
            return i
    return None


def _segment_start(clause: Clause, position: int) -> int:
    """The first word after the last punctuation or coordinated complementizer ("وأنه") before
    ``position``, at most _MODAL_REACH back."""
    for i in range(position - 1, max(position - 1 - _MODAL_REACH, -1), -1):
        key = clause.keys[i]
        if key in _BOUNDARIES or (key[0] == "و" and key[1:] in _COMPLEMENTIZERS):
            return i + 1
    return max(position - _MODAL_REACH, 0)


def _is_imperfect(key: str, trigger: Trigger) -> bool:
    # "قد تنسحب" (may withdraw) against "قد انسحبت" (has withdrawn).
    return any(reading[:1] in "يتن" and reading not in _perfect_only(trigger)
               for reading in word_readings(key) & trigger.words[0])


@lru_cache(maxsize=512)
def _perfect_only(trigger: Trigger) -> frozenset[str]:
    return frozenset(inflect(trigger.pattern.split()[0], "verb", []))


def _is_relative_description(clause: Clause, hit: Hit) -> bool:
    """Whether the trigger describes its antecedent in a restrictive relative clause ("المبعوث
    الذي زار واشنطن", "الاتفاق الذي اقترحته"): known background, unless the clause dates it
    ("الخطة التي طرحتها الشهر الماضي"). After a comma ("الرئيس، الذي رفض") it is news."""
    for i in range(hit.first - 1, max(hit.first - 1 - _RELATIVE_REACH, -1), -1):
        key = clause.keys[i]
        if key in _BOUNDARIES:
            return False
        if without_conjunction(key, min_stem=2) in load_cues()["relative"]:
            restrictive = i == 0 or clause.keys[i - 1] not in _COMMAS
            return restrictive and not _dates_clause(clause, i)
    return False


def _dates_clause(clause: Clause, relative: int) -> bool:
    """Whether a date finer than "this year", or an explicit one, stands in the relative clause."""
    end = next((i for i in range(relative + 1, len(clause.keys)) if clause.keys[i] in _BOUNDARIES), len(clause.keys))
    low = clause.words[relative].start - clause.sentence.start
    high = (clause.words[end].start if end < len(clause.words) else clause.sentence.end) - clause.sentence.start
    return any(low <= m.start < high and (len(m.value) >= 7 or m.how.startswith("explicit"))
               for m in clause_dates(clause))


def _is_carried_out(clause: Clause, hit: Hit) -> bool:
    """Whether an event noun reports an event: carried by a light or holding verb ("شن هجوما",
    "عقد اجتماعا", "جرت المحادثات"), a meeting with its participants ("محادثات مع"), its agent
    right after it ("اقتراح بوتين"), a passive auxiliary right before it ("تم التوصل") or a date
    right after it ("غزو عام 2022").

    A negated light verb negates the event: "لم تجر أوكرانيا محادثات".
    """
    light = _find_light_verb(clause, hit)
    if light is None and hit.first and word_readings(clause.words[hit.first - 1].text) & load_cue_forms("passive"):
        light = hit.first - 1  # "تم التوصل": the passive of a verb, an event done
    if light is not None:
        hit.negated = hit.negated or is_negated(clause, light)
        return True
    cues = load_cues()
    after = set(clause.bare[hit.last + 1:hit.last + 5])
    if hit.type in ("CONSULT", "COOPERATE") and after & cues["participant"]:
        return True
    if hit.type == "ASSAULT" and _has_casualties(clause, hit):
        return True  # "قتل شخصان في هجوم بمسيرة": an attack that happened
    return bool(after & cues["holding"]) or _has_agent(clause, hit) or _is_dated_noun(clause, hit)


def _demonym_after(clause: Clause, hit: Hit) -> str | None:
    """The state a nationality adjective right after an event noun names: "قصف روسي" -> Russia."""
    if hit.last + 1 >= len(clause.keys):
        return None
    return load_kb().demonyms.get(clause.keys[hit.last + 1])


def _has_casualties(clause: Clause, hit: Hit) -> bool:
    """Whether the sentence counts the dead or wounded before the attack noun: "قتل شخصان في هجوم"."""
    casualty = load_cue_forms("casualty")
    return any(word_readings(word.text) & casualty for word in clause.words[max(hit.first - 6, 0):hit.first])


def _find_light_verb(clause: Clause, hit: Hit) -> int | None:
    """The light or holding verb carrying the event noun, within _LIGHT_REACH words before it. A
    date (with its commas), the later words of a name and the verb's own عن do not count: "شنت روسيا
    الليلة الماضية هجوما", "أعلنت المفوضية الأوروبية، يوم الأربعاء، عن حزمة مساعدات"."""
    found = _light_verb_within(clause, hit, frozenset())
    if found is None and any(_is_light(clause, i) for i in range(max(hit.first - _LIGHT_FAR, 0), hit.first)):
        found = _light_verb_within(clause, hit, _transparent_words(clause, dated=False))  # no date read yet
        if found is None and clause.dates != []:
            found = _light_verb_within(clause, hit, _transparent_words(clause, dated=True))
    return found


def _is_light(clause: Clause, index: int) -> bool:
    return clause.bare[index] in load_cues()["holding"] or bool(word_readings(clause.words[index].text)
                                                                  & load_cue_forms("light"))


def _light_verb_within(clause: Clause, hit: Hit, transparent: Collection[int]) -> int | None:
    budget, i = _LIGHT_REACH, hit.first - 1
    while i >= 0 and budget > 0:
        if clause.keys[i] in _BOUNDARIES and i not in transparent:
            return None
        if _is_light(clause, i):
            return i
        budget -= i not in transparent
        i -= 1
    return None


def _transparent_words(clause: Clause, dated: bool) -> set[int]:
    """Indices of the words a light verb reaches across without counting them; the words of dates
    only when ``dated`` (reading a sentence's dates costs more than the rest)."""
    dated = _date_words(clause) if dated else set()
    commas = {i for i, key in enumerate(clause.keys) if key in ("،", ",") and (i - 1 in dated or i + 1 in dated)}
    starts = [word.start for word in clause.words]
    inner = {j for i, mention, _ in clause.mentions for j in range(i + 1, bisect_left(starts, mention.end))}
    more = {j for i, key in enumerate(clause.bare[:-1]) if key in ("مزيد", "المزيد") and clause.bare[i + 1] == "من"
            for j in (i, i + 1)}  # "شنت روسيا المزيد من الهجمات"
    return dated | commas | inner | more | _asides(clause) | {i for i, key in enumerate(clause.bare) if key == "عن"}


def _asides(clause: Clause) -> set[int]:
    """Indices of words in parentheses, and of "بقيادة" with the name after it: "أعلنت قوات الدعم
    السريع بقيادة محمد حمدان دقلو (حميدتي) موافقتها"."""
    aside, depth = set(), 0
    for i, key in enumerate(clause.keys):
        depth += key == "("
        if depth:
            aside.add(i)
        depth -= key == ")" and depth > 0
    led_by = load_cues()["led_by"]
    for i, _, _ in clause.mentions:
        if i and clause.bare[i - 1] in led_by:
            aside |= {i - 1, i}
    return aside


def _date_words(clause: Clause) -> set[int]:
    """Indices of the clause's words inside its date expressions."""
    spans = [(clause.sentence.start + m.start, clause.sentence.start + m.end) for m in clause_dates(clause)]
    return {i for i, word in enumerate(clause.words) if any(lo <= word.start < hi for lo, hi in spans)}


def _has_agent(clause: Clause, hit: Hit) -> bool:
    # A noun in construct with its agent ("اقتراح بوتين", "غزو موسكو") has no article.
    if any(clitic.endswith("ال") for clitic, stem in split_proclitics(clause.keys[hit.first])
           if stem in hit.trigger.words[0]):
        return False
    in_construct = any(i == hit.last + 1 and not prep for i, _, prep in clause.mentions)
    return in_construct or _owner_after(clause, hit) is not None


def _is_dated_noun(clause: Clause, hit: Hit) -> bool:
    months = _month_keys()
    following = clause.words[hit.last + 1:hit.last + 7]
    return any((w.kind == "number" and _is_year(w.text)) or without_conjunction(word_key(w.text), min_stem=2) in months
               for w in following)


@lru_cache(maxsize=1)
def _month_keys() -> frozenset[str]:
    return frozenset(load_date_lexicon().months)


def _has_boundary(clause: Clause, start: int, end: int) -> bool:
    # A relative clause or a new comma-clause starts a new predication.
    return any(clause.keys[i] in _CLAUSE_WORDS or clause.keys[i] in {"،", ";", "؛"}
               for i in range(start, end))


def make_event(doc: Document, clause: Clause, hit: Hit, discourse: Discourse) -> Event | None:
    """The Event for one kept hit: evidence sentence, arguments, quantities and the sentence's
    date nearest the trigger; None for an obligation ("يجب أن") nobody is reported to demand, or a
    possible meeting ("ربما يلتقي") nobody is reported to hold possible."""
    sentence = clause.sentence
    word = clause.words[hit.first]
    speaker = find_speaker(clause, hit.first, discourse)
    if (hit.modality == "obligation" or hit.intent) and not speaker:
        return None
    if hit.modality == "obligation" and _asked(clause, hit.first):
        return None  # "لماذا يجب أن ندفع الثمن؟": a question, not a demand
    event = Event(type=hit.type, start=sentence.start, end=sentence.end,
                  evidence=doc.text[sentence.start:sentence.end],
                  trigger=doc.text[word.start:clause.words[hit.last].end], trigger_start=word.start,
                  negated=hit.negated, modality=hit.modality)
    event.actors = find_actors(clause, hit, speaker, discourse)
    if hit.type == "ASSAULT" and not hit.nominal and not speaker and _done_by_person(clause, event.actors) \
            and word_key(hit.trigger.pattern.split()[0]) in load_cues()["verbal_attack"]:
        event.type = "ACCUSE"  # "هاجم ترامب وسائل الإعلام": a person attacking attacks in words
    elif hit.type == "ASSAULT" and hit.nominal and _cue_follows(clause.keys, hit, "verbal_manner") \
            and _done_by_person(clause, event.actors):
        event.type = "ACCUSE"  # "شن بوتين هجوما لاذعا على الحكومات الأوروبية"
    event.targets = find_targets(clause, hit, event.actors)
    if hit.modality == "obligation":
        # "قال إن روسيا يجب أن توافق": whom the demand is made of is its subject.
        obliged = [n for n in find_subject(clause, hit, speaker) if n not in event.actors]
        event.targets = list(dict.fromkeys(obliged + event.targets))[:2]
    event.place = find_place(clause, hit, event.actors + event.targets)
    if not event.negated:  # a negated event did not happen: no date or count to read
        event.quantities = find_quantities(doc, clause, hit) if hit.type in COUNTED_TYPES else []
        date_event(clause, event, hit)
    return event


def _asked(clause: Clause, position: int) -> bool:
    """Whether the trigger stands in a question: the first sentence-ending mark after it is "؟"/"?"."""
    after = clause.text[clause.words[position].end - clause.sentence.start:]
    return next((c for c in after if c in ".!؟?"), "") in ("؟", "?")


def _done_by_person(clause: Clause, actors: list[str]) -> bool:
    """Whether the first actor is a person named in the clause (not a state, army or body)."""
    return bool(actors) and any(m.type == "PER" and actors[0] in mention_names(m) for _, m, _ in clause.mentions)


def clause_dates(clause: Clause) -> list[DateMention]:
    """The sentence's dated mentions (offsets within the sentence), "since" dates left out: they
    date a state, not an event. Read once per sentence, with the sentence's own tense.

    Example: for "التقى الوفدان أمس الجمعة" published 2025-05-17 -> one mention valued "2025-05-16".
    """
    if clause.dates is None:
        # Names are never counted: a year before one labels a noun ("صفقة 2022 روسيا وأوكرانيا").
        names = frozenset(m.start - clause.sentence.start for _, m, _ in clause.mentions if not m.stands_for)
        found = find_sentence_dates(clause.text, clause.published, clause.keys, names)
        clause.dates = [m for m in found if m.value and not m.how.startswith("since-")]
    return clause.dates


def date_event(clause: Clause, event: Event, hit: Hit | None = None) -> Event:
    """``event`` dated by its sentence's date expression nearest the trigger, when there is one.

    A date before "قال ... إن" is the day the statement was made: it dates a speech act of the
    speaker, not an event the speaker reports ("قال يوم الأربعاء إن المحادثات استمرت ...").

    Example: "اقترح بوتين يوم الأحد محادثات" published Monday 2025-05-12 -> "2025-05-11".
    """
    mentions = clause_dates(clause)
    start = _clause_start(clause, hit.first) if hit is not None else 0
    if start and hit.type not in SPEECH_ACT_TYPES and _is_reported(clause, start):
        inside = clause.words[start].start - clause.sentence.start
        mentions = [m for m in mentions if m.start >= inside]
    trigger = (event.trigger_start or event.start) - event.start
    # "زار كييف وقال إن "الدعم سيستمر العام المقبل"": a date in quoted words the trigger is not in
    # is the speaker's, not the event's.
    quoted = [span for span in find_quoted_spans(clause.text) if not span.start <= trigger < span.end]
    mentions = [m for m in mentions if not any(span.start <= m.start < span.end for span in quoted)]
    if mentions:
        nearest = min(mentions, key=lambda m: abs(m.start - trigger))
        event.date, event.date_how = nearest.value, nearest.how
        if hit is not None and _done_already(clause, hit):
            event.date = _not_after(event.date, event.date_how, clause.published)
    return event


def _done_already(clause: Clause, hit: Hit) -> bool:
    """Whether the trigger is a verb in the perfect, outside any future or condition: "أعلنت"."""
    if hit.nominal or hit.modality != "asserted" or not hit.trigger.pos == "verb":
        return False
    readings = word_readings(clause.words[hit.first].text) & hit.trigger.words[0]
    return bool(readings) and readings <= _perfect_only(hit.trigger)


def _not_after(value: str | None, how: str, published: str | None) -> str | None:
    """A day and month read without a year, moved a year back when that put a past act after the
    publication day: "في الفاتح من نوفمبر أعلنت" published in August is last November."""
    if not value or not published or how != "explicit-day-month" or len(value) != 10 or value <= published:
        return value
    year = int(value[:4]) - 1
    return f"{year}{value[4:]}" if f"{year}{value[4:]}" <= published else value


def _is_reported(clause: Clause, start: int) -> bool:
    # "قال ... إن": a speech verb before the complementizer; "من المقرر أن" is no statement.
    speech = _speech_positions(clause)
    return bool(speech) and speech[0] < start - 1


def mention_names(mention: Mention) -> list[str]:
    """Canonical names a mention stands for: its entity, and the state behind a capital or demonym.

    Example: a mention "موسكو" linked to "Moscow" standing for "Russia" gives ["Moscow", "Russia"].
    """
    names = [mention.name] if mention.name else []
    if mention.stands_for and mention.stands_for not in names:
        names.append(mention.stands_for)
    return names or [mention.text]


def find_actors(clause: Clause, hit: Hit, speaker: list[str], discourse: Discourse) -> list[str]:
    """Who did it: the reporting speaker for speech acts, then the clause's subject; a verb with
    no subject of its own ("وقد اقترح أيضا ...") is done by the previous sentence's actor.

    Example: in "قال زيلينسكي إن أوكرانيا مستعدة للتفاوض" the AGREE has actors
    ["Volodymyr Zelenskyy", "Ukraine"].
    """
    if hit.modality == "obligation":
        return speaker  # "قال إن روسيا يجب أن تنسحب": Russia is whom the demand is made of
    if hit.participle:
        return _quoted_before(clause, hit.first, discourse) or speaker or _last_speaker(clause, hit.first) \
            or _opening_subject(clause, hit.first)
    subject = find_subject(clause, hit, speaker)
    names = (speaker + subject) if hit.type in SPEECH_ACT_TYPES else (subject or speaker)
    if not names and not hit.nominal and not _first_person(clause, hit):
        # "قالت الوزارة إن …، ونفت استهداف المدنيين": the sentence's speaker before the previous one's actor
        names = _last_speaker(clause, hit.first) or discourse.actor or discourse.speaker
    return list(dict.fromkeys(names))


def find_speaker(clause: Clause, position: int, discourse: Discourse) -> list[str]:
    """The speaker when the trigger is in a quote or a reported clause "قال X إن/أن ...", else [].

    A quote of the quotes layer names its speaker; else "وأضاف أن ..." without a named
    subject continues the previous sentence's speaker, and "زيلينسكي، الذي قال إن ..." takes
    the relative pronoun's antecedent.
    """
    offset = clause.words[position].start
    quoted = [speaker for start, end, speaker in discourse.quotes if start <= offset < end]
    if quoted:
        return [quoted[-1]]
    verbs = [v for v in reversed(_speech_positions(clause)) if v < position]
    if not verbs:
        # "وأنه سيتحدث ...": a sentence that goes on with the previous one's reported speech.
        opens = clause.keys[:1] and clause.bare[0] in _COMPLEMENTIZERS
        return discourse.speaker if opens else []
    if _bridge(clause, verbs[0], position) is None or _contrast_between(clause, verbs[0], position):
        return []
    for verb in verbs:
        bridge = _bridge(clause, verb, position)
        named = [m for i, m, prep in clause.mentions if verb < i < (bridge or position) and not prep]
        antecedent = _antecedent(clause, verb)
        if named or antecedent:
            return mention_names(named[0]) if named else antecedent
    # "القادة الأوروبيون … أجروا اتصالا، وأكدوا أن": the subject opening the sentence speaks.
    opening = [(i, m) for i, m, prep in clause.mentions if i < verbs[-1] and not prep]
    if opening:
        return _with_apposition(clause, opening[0])
    # "ويرى مراقبون أن": a subject written but unnamed is no one, not the previous speaker.
    return [] if clause.bare[verbs[0] + 1] in load_cues()["unnamed"] else discourse.speaker


def _contrast_between(clause: Clause, verb: int, position: int) -> bool:
    """Whether "في حين" or "بينما" opens a new clause between the speech verb and the trigger: "كتب
    دميترييف أن …، في حين نفى بيسكوف" (Peskov's denial is not in Dmitriev's words)."""
    return any(clause.bare[i] == "بينما" or (clause.bare[i] == "حين" and clause.bare[i - 1] == "في")
               for i in range(verb + 1, position))


def _bridge(clause: Clause, verb: int, position: int) -> int | None:
    """The complementizer, colon or quote mark that opens the verb's reported words, within
    _BRIDGE_REACH words of it and before any relative pronoun: past one, "إنها" belongs to the
    relative clause ("يشير إلى التغييرات التي قيل إنها")."""
    relative = load_cues()["relative"]
    for i in range(verb + 1, min(position, verb + 1 + _BRIDGE_REACH)):
        if clause.bare[i] in _COMPLEMENTIZERS or clause.keys[i] in {"ان", "انه", "انها", ":", "«", "“", '"'}:
            return i
        if clause.bare[i] in relative:
            return None
    return None


def _antecedent(clause: Clause, position: int) -> list[str]:
    """Names of the mention before a relative pronoun right before ``position``:
    "الرئيس الروسي، الذي رفض" -> the president."""
    relative = load_cues()["relative"]
    near = [i for i in range(max(position - 2, 0), position) if clause.keys[i] in relative]
    if not near:
        return []
    before = [m for i, m, _ in clause.mentions if i < near[-1] and i >= near[-1] - 4]
    return mention_names(before[-1]) if before else []


def find_subject(clause: Clause, hit: Hit, speaker: list[str] | None = None) -> list[str]:
    """The trigger's subject: a relative pronoun's antecedent, the mention right before a verb
    (SVO), the first mention of a reported clause for a predicate noun or adjective ("أن أوكرانيا،
    مع حلفائها، مستعدة"), the agent after "من قبل", the mention after it (VSO, "اقتراح بوتين"),
    else the nearest mention before it; "أنه التقى" is the speaker himself."""
    verb = not hit.nominal and hit.trigger.pos.startswith("verb")
    antecedent = _antecedent(clause, hit.first)
    if antecedent:
        return antecedent
    start = _clause_start(clause, hit.first)
    before = [(i, m) for i, m, prep in clause.mentions if start <= i < hit.first and not prep]
    if verb and before and hit.first - _last_word(clause, *before[-1]) <= 2 + _particles(clause, hit.first):
        return _with_coordination(clause, before[-1])
    if not verb and start > 0 and before:
        return mention_names(before[0][1])
    if verb and speaker and (_first_person(clause, hit) or _pronoun_subject(clause, start, before)):
        return speaker
    agent = _agent(clause, hit)
    if agent:
        return agent
    state = _demonym_after(clause, hit) if hit.nominal or _bare_lemma(clause, hit) else None
    if state:
        return [state]  # "قصف روسي", "هجوم أوكراني": the adjective names who did it
    if hit.nominal and hit.type in SYMMETRIC_TYPES:
        participants = _participants(clause, hit)
        if participants:
            return participants
    inside = [(i, m) for i, m, prep in clause.mentions if hit.first < i < hit.last and not prep]
    if verb and inside:
        return _with_apposition(clause, inside[0])  # "فرضت واشنطن عقوبات": the subject within the phrase
    reach = _SUBJECT_REACH if verb else 2
    after = [(i, m) for i, m, prep in clause.mentions if hit.last < i <= hit.last + reach and not prep]
    after = [(i, m) for i, m in after if not _has_boundary(clause, hit.last + 1, i) or i - hit.last <= 3]
    if after and verb and after[0][1].type == "LOC" and _titled_between(clause, hit.last, after[0][0]):
        return []  # "زار الوزير كييف": the unnamed minister visited; Kyiv is the object
    if after and _venue_after(clause, hit) is after[0][1]:
        return []  # "قمة ألاسكا"، "محادثات جنيف": where they met, not who
    if after:
        return _with_apposition(clause, after[0])
    if len(before) > 1:  # "قوات الدعم السريع بقيادة دقلو (حميدتي)": the body, not the aside
        asides = _asides(clause)
        before = [(i, m) for i, m in before if i not in asides] or before
    return _with_coordination(clause, before[-1]) if before else []


def _quoted_before(clause: Clause, position: int, discourse: Discourse) -> list[str]:
    """The speaker of the sentence's last quote before ``position`` (the quotes layer's reading):
    "وكتب على منصة إكس أن «…»، متهماً روسيا" goes on with the writer."""
    offset = clause.words[position].start
    speakers = [s for start, end, s in discourse.quotes if clause.sentence.start <= start and end <= offset]
    return speakers[-1:]


def _opening_subject(clause: Clause, position: int) -> list[str]:
    """The first name of the sentence before ``position`` not after a preposition: the subject a
    participle shares ("انتقدت المجر الحزمة، متهمة ..." -> Hungary)."""
    before = [(i, m) for i, m, prep in clause.mentions if i < position and not prep]
    return _with_coordination(clause, before[0]) if before else []


def _venue_after(clause: Clause, hit: Hit) -> Mention | None:
    """The place a meeting noun names right after it as where it was held: a city or region, not
    a state, which may be a party ("قمة ألاسكا"، "محادثات جنيف"; but "محادثات أوكرانيا وروسيا")."""
    if not hit.nominal or hit.type != "CONSULT":
        return None
    mention = next((m for i, m, prep in clause.mentions if i == hit.last + 1 and not prep), None)
    entity = load_kb().entities.get(mention.entity_id or "") if mention is not None else None
    return mention if mention is not None and mention.type == "LOC" and (entity is None or entity.kind != "country") \
        else None


def _titled_between(clause: Clause, verb: int, named: int) -> bool:
    """Whether a person's title stands between the verb and a name: "زار الوزير كييف"."""
    titles = load_cues()["person_title"]
    return any(w in titles or (w.startswith("ال") and w[2:] in titles)  # "وزير" is no و + "زير"
               for i in range(verb + 1, named) for w in (clause.keys[i], clause.bare[i]))


def _participants(clause: Clause, hit: Hit) -> list[str]:
    """Who met, for a meeting noun: the mentions after its "بين" ("محادثات بين بوتين وترامب")."""
    words = load_cues()["participant"] - {"مع"}
    for i in range(hit.last + 1, min(hit.last + 6, len(clause.keys))):
        if clause.bare[i] in words:
            named = [m for j, m, _ in clause.mentions if i < j <= i + 6]
            return list(dict.fromkeys(n for m in named[:2] for n in mention_names(m)))
    return []


def _first_person(clause: Clause, hit: Hit) -> bool:
    """Whether the verb is "we" (نقترح): its subject is the speaker of the quote."""
    forms = hit.trigger.words[0]
    return any(r[0] == "ن" and "ي" + r[1:] in forms for r in word_readings(clause.words[hit.first].text) & forms)


def _pronoun_subject(clause: Clause, start: int, before: list) -> bool:
    # "قال روبيو إنه التقى": the pronoun on إن/أن is the speaker.
    return start > 0 and clause.bare[start - 1] in {"انه", "بانه"} and not before


def _particles(clause: Clause, position: int) -> int:
    # "روسيا قد اقترحت", "روسيا لم توافق": particles between subject and verb.
    return sum(1 for k in clause.bare[max(position - 2, 0):position] if k in {"قد", "لقد", "لم", "لن", "لا"})


def _agent(clause: Clause, hit: Hit) -> list[str]:
    """The agent of a passive or a nominal: "غزو ... من قبل موسكو"; of an event noun, also the
    name that ل joins to it: "أول لقاء لزيلينسكي", "اجتماعا لمجلس الأمن"."""
    for i in range(hit.last + 1, min(hit.last + 8, len(clause.keys) - 1)):
        if clause.keys[i] == "قبل" and clause.keys[i - 1] == "من":
            named = [m for j, m, _ in clause.mentions if i < j <= i + 3]
            return mention_names(named[0]) if named else []
    owner = _owner_after(clause, hit) if hit.nominal else None
    return mention_names(owner) if owner else []


def _owner_after(clause: Clause, hit: Hit) -> Mention | None:
    """The name ل joins to an event noun, right after it: "لقاء لزيلينسكي" (Zelensky's meeting)."""
    return next((m for j, m, _ in clause.mentions if j == hit.last + 1 and clause.keys[j].startswith("ل")
                 and not clause.keys[j].startswith("ال")), None)


def _with_coordination(clause: Clause, chosen: tuple[int, Mention]) -> list[str]:
    """A subject before its verb with the mention it is joined to: "روسيا وأوكرانيا تفاوضتا"."""
    index, mention = chosen
    names = mention_names(mention)
    earlier = [(i, m) for i, m, prep in clause.mentions if i == index - 1 and not prep]
    if earlier and _glued_and(clause, index, mention):
        names = mention_names(earlier[0][1]) + names
    return names


def _clause_start(clause: Clause, position: int) -> int:
    # A reported clause begins after its complementizer: "قال بوتين إن روسيا ..." -> روسيا.
    for i in range(position - 1, -1, -1):
        if clause.bare[i] in _COMPLEMENTIZERS or clause.keys[i] in {"ان", "انه"}:
            return i + 1
    return 0


def _with_apposition(clause: Clause, chosen: tuple[int, Mention]) -> list[str]:
    """The chosen mention's names, preferring a named person right after a title phrase
    ("الرئيس الروسي فلاديمير بوتين"), plus a mention joined by و right after it ("ويتكوف وكوشنر")."""
    index, mention = chosen
    following = [(i, m) for i, m, _ in clause.mentions if m.start >= mention.end and i <= index + 4]
    head = chosen
    # "قائد قوات الدعم السريع محمد حمدان دقلو": the body names whom the title is of; the person acts.
    titled = mention.stands_for or (index > 0 and clause.bare[index - 1] in load_cues()["person_title"])
    if titled and following and not following[0][1].stands_for and following[0][1].type == "PER":
        head = following[0]
    names = mention_names(head[1]) + mention_names(mention)
    partner = [(i, m) for i, m, _ in clause.mentions if m.start > head[1].end and i <= head[0] + 3]
    if partner and _glued_and(clause, *partner[0]):
        names += mention_names(partner[0][1])
    return list(dict.fromkeys(names))


def _glued_and(clause: Clause, index: int, mention: Mention) -> bool:
    word = clause.words[index]
    return mention.start == word.start + 1 and word.text[0] == "و"


def find_targets(clause: Clause, hit: Hit, actors: list[str]) -> list[str]:
    """To whom: mentions after the trigger, after a preposition or as direct object, not actors.

    Example: in "اتهمت أوكرانيا روسيا بانتهاك الهدنة" the target is Russia.
    """
    targets: list[str] = []
    places = load_cues()["place_preposition"]
    for index, mention, _ in clause.mentions:
        # inside a phrase trigger too: "حمّل الوزير قوات الدعم السريع مسؤولية"
        if index <= hit.first or index > hit.last + 12 or _has_boundary(clause, hit.last + 1, index):
            continue
        if clause.bare[index - 1] in places or _in_actor_title(clause, mention, actors) \
                or mention is _venue_after(clause, hit):
            continue
        names = mention_names(mention)
        if not set(names) & set(actors) and (mention.type != "MISC" or mention.stands_for):
            targets += [n for n in names if n not in targets]
        if len(targets) >= 2:
            break
    if not targets and hit.type in SYMMETRIC_TYPES:
        targets = _partner_before(clause, hit, actors)
    return targets


def _partner_before(clause: Clause, hit: Hit, actors: list[str]) -> list[str]:
    """A meeting's partner named with "مع" before the trigger: "بحث ماكرون مع زيلينسكي في اتصال
    هاتفي" -> Zelenskyy."""
    for index, mention, _ in clause.mentions:
        if index < hit.first and index > 0 and clause.bare[index - 1] == "مع" \
                and not _has_boundary(clause, index, hit.first):
            names = [n for n in mention_names(mention) if n not in actors]
            if names:
                return names[:2]
    return []


def _in_actor_title(clause: Clause, mention: Mention, actors: list[str]) -> bool:
    """Whether the mention is the body in an actor's title: inside the title mention ("الأمين العام
    للأمم المتحدة") or right before the actor's name ("الأمين العام لحلف الناتو مارك روته")."""
    for _, other, _ in clause.mentions:
        if other is mention or other.type != "PER" or not set(mention_names(other)) & set(actors):
            continue
        inside = other.start <= mention.start and mention.end <= other.end
        offset = clause.sentence.start
        if inside or (mention.end < other.start and not clause.text[mention.end - offset:other.start - offset].strip()):
            return True
    return False


def find_place(clause: Clause, hit: Hit, arguments: list[str]) -> str | None:
    """Where: the first place mention after "في" in the sentence that is not an argument.

    Example: "اجتمع الوفدان في إسطنبول" has place "Istanbul".
    """
    venue = _venue_after(clause, hit)
    if venue is not None:
        return venue.name or venue.text
    places = load_cues()["place_preposition"]
    for index, mention, _ in clause.mentions:
        name = mention.name or mention.text
        if mention.type == "LOC" and index > 0 and clause.bare[index - 1] in places and name not in arguments:
            return name
    return None


def find_quantities(doc: Document, clause: Clause, hit: Hit) -> list[dict]:
    """Counted things in the sentence: drones, prisoners, days ("30 يوما"), not years.

    Example: "هجوم بـ40 طائرة مسيرة" gives [{"text": "40 طائرة", "value": 40, "unit": "طايره", ...}].
    """
    if clause.quantities is None:
        clause.quantities = _read_quantities(clause) if _may_count(clause) else []
    return [dict(q) for q in clause.quantities]


def _read_quantities(clause: Clause) -> list[dict]:
    start = clause.sentence.start
    quantities = []
    years = [(m.start, m.end) for m in clause_dates(clause)]
    for number in find_numbers(clause.text):
        if not number.unit and 1900 <= number.value <= 2100:
            continue
        if any(low <= number.start < high for low, high in years):  # "اتفاق 2015 النووي": a year
            continue
        quantities.append({"text": number.text, "value": number.value, "unit": number.unit,
                           "start": start + number.start, "end": start + number.end})
    return quantities


def _may_count(clause: Clause) -> bool:
    # Most sentences hold no number at all: skip the number reader for them.
    words = _counting_words()
    if not words.isdisjoint(clause.keys) or not words.isdisjoint(k[1:] for k in clause.keys if k[:1] in "وبل"):
        return True
    return any(_may_be_count(clause, i) for i, word in enumerate(clause.words) if word.kind == "number")


def _may_be_count(clause: Clause, index: int) -> bool:
    # A four-digit 19xx/20xx counts only before a word ("2000 صاروخ"); ending its clause, a year.
    if clause.words[index].kind != "number":
        return False
    following = clause.keys[index + 1] if index + 1 < len(clause.keys) else "."
    return not _is_year(clause.words[index].text) or not (following in _BOUNDARIES or following in ".؟?!")


def _is_year(text: str) -> bool:
    return len(text) == 4 and text[:2] in ("19", "20")


@lru_cache(maxsize=1)
def _counting_words() -> frozenset[str]:
    return frozenset(word for word, entry in load_number_words().items() if entry.kind != "not-unit")


def _last_speaker(clause: Clause, before: int | None = None) -> list[str]:
    """The named subject of the sentence's first speech verb (before word ``before`` when given)."""
    for position in _speech_positions(clause):
        if before is not None and position >= before:
            break
        named = [m for i, m, prep in clause.mentions if position < i <= position + _SUBJECT_REACH and not prep]
        if named:
            return mention_names(named[0])
    return []


def _speech_positions(clause: Clause) -> list[int]:
    """Indices of the clause's speech-verb words, ascending; read once per sentence (the cached
    test mapped in C over its words), as the speaker and actor rules each ask."""
    if clause.speech is None:
        clause.speech = list(compress(range(len(clause.words)),
                                      map(_is_speech_word, map(attrgetter("text"), clause.words))))
    return clause.speech
