"""PLOVER events: triggers found per sentence, typed, with actors, targets, place and quantities.

Precision first: gold keeps the salient events a reader would put on a
timeline, so a sentence gives at most one event per type, a trigger that is
the object of another event ("رفض اقتراح ترامب": the proposal is what was
rejected) or background ("منذ الغزو") is not an event of its own, and a
negated trigger is kept only as ``negated=True``. Arguments come from entity
mentions: the subject after a verb (VSO) or before it (SVO), the speaker of a
reported clause ("قال بوتين إن ...") for speech acts, targets after على/إلى/مع/ضد.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache

from marsad.document import Document, Event, Mention, Sentence, Token
from marsad.events.lexicon import Trigger, first_word_index, load_cues, word_readings
from marsad.text.normalize import normalize_key
from marsad.text.numbers import find_numbers, load_number_words
from marsad.text.tokens import split_proclitics

# Speech acts: said by someone, so the speaker of a reported clause is their actor.
SPEECH_ACT_TYPES = frozenset({"AGREE", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "SUPPORT"})
# Types whose trigger takes an event as its object: "رفض اقتراح", "اقترح محادثات".
GOVERNING_TYPES = frozenset({"AGREE", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "SUPPORT"})
_OBJECT_REACH = 10  # words after a governing trigger in which a noun trigger is its object
_SUBJECT_REACH = 6  # words after a verb in which its subject stands
_MAX_GAP = 2  # words allowed between the words of a phrase trigger
_CLAUSE_WORDS = frozenset({"الذي", "التي", "الذين", "اللذين", "اللتين"})
_COMPLEMENTIZERS = frozenset({"ان", "انه", "انها", "انهم", "بان", "بانه", "بانها"})
_MODALS = frozenset({"يمكن", "يمكننا", "تستطيع", "يستطيع", "نستطيع", "يمكنها", "يمكنه", "تمكن"})


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


@dataclass
class Clause:
    """A sentence's words with their normalised forms and the mentions inside it."""

    sentence: Sentence
    words: list[Token]
    keys: list[str]
    mentions: list[tuple[int, Mention, bool]] = field(default_factory=list)  # (word, mention, prepositional)


def find_events(doc: Document) -> list[Event]:
    """PLOVER events of ``doc``, one per type per sentence, in text order.

    Needs doc.tokens and doc.sentences; reads doc.mentions and doc.quotes when present.

    Example: for "اقترح بوتين محادثات مع أوكرانيا." the result holds one REQUEST
    with actors ["Vladimir Putin"] and targets ["Ukraine"] (mentions from the entity layer).
    """
    events: list[Event] = []
    previous_speaker: list[str] = []
    token_starts = [t.start for t in doc.tokens]
    for sentence in doc.sentences:
        clause = build_clause(doc, sentence, token_starts)
        for hit in select_hits(clause, find_hits(clause)):
            events.append(make_event(doc, clause, hit, previous_speaker))
        previous_speaker = _last_speaker(clause) or previous_speaker
    return events


def drop_repeats(events: list[Event]) -> list[Event]:
    """Events without later retellings: one event per type, first actor and date in a document,
    the first telling kept (the lead usually states it first, fullest).

    Example: REQUEST by Putin in sentence 2 and again in sentence 9 -> only sentence 2's.
    """
    seen: set[tuple[str, str, str | None]] = set()
    kept = []
    for event in events:
        key = (event.type, event.actors[0] if event.actors else "", event.date)
        if event.actors and key in seen:
            continue
        seen.add(key)
        kept.append(event)
    return kept


def build_clause(doc: Document, sentence: Sentence, token_starts: list[int] | None = None) -> Clause:
    """The words of ``sentence`` (Arabic, Latin, numbers, punctuation) and its mentions."""
    token_starts = token_starts if token_starts is not None else [t.start for t in doc.tokens]
    first, last = bisect_left(token_starts, sentence.start), bisect_left(token_starts, sentence.end)
    words = [t for t in doc.tokens[first:last] if t.kind != "symbol"]
    clause = Clause(sentence, words, [normalize_key(t.text) for t in words])
    starts = [t.start for t in words]
    for mention in doc.mentions:
        if sentence.start <= mention.start < sentence.end:
            index = max(bisect_left(starts, mention.start + 1) - 1, 0)
            clause.mentions.append((index, mention, _is_prepositional(doc, clause, index, mention)))
    clause.mentions.sort(key=lambda item: item[1].start)
    return clause


def _is_prepositional(doc: Document, clause: Clause, index: int, mention: Mention) -> bool:
    # "لأوكرانيا", "بروسيا": a preposition glued to the mention's word; "مع روسيا": before it.
    glued = normalize_key(doc.text[clause.words[index].start:mention.start])
    if glued.rstrip("ال").endswith(("ل", "ب", "ك")) or glued.endswith("لل"):
        return True
    return index > 0 and _bare(clause.keys[index - 1]) in _prepositions()


@lru_cache(maxsize=1)
def _prepositions() -> frozenset[str]:
    return load_cues()["target_preposition"] | load_cues()["place_preposition"]


def _bare(key: str) -> str:
    return key[1:] if len(key) > 2 and key[0] in "وف" else key


def find_hits(clause: Clause) -> list[Hit]:
    """Every trigger match in the clause's words, with negation and modality read."""
    index = first_word_index()
    hits = []
    for position, word in enumerate(clause.words):
        for reading in word_readings(word.text):
            for trigger in index.get(reading, ()):
                last = _match_rest(clause, trigger, position)
                if last is not None:
                    hits.append(_read_hit(clause, Hit(trigger, position, last)))
    return _unique(hits)


def _match_rest(clause: Clause, trigger: Trigger, position: int) -> int | None:
    for forms in trigger.words[1:]:
        following = range(position + 1, min(position + 2 + _MAX_GAP, len(clause.words)))
        position = next((i for i in following if word_readings(clause.words[i].text) & forms), None)
        if position is None:
            return None
    return position


def _unique(hits: list[Hit]) -> list[Hit]:
    # One hit per word: a longer phrase beats a single word of the same type.
    hits.sort(key=lambda h: (h.first, -(h.last - h.first)))
    seen: set[tuple[int, str]] = set()
    result = []
    for hit in hits:
        if (hit.first, hit.trigger.type) not in seen:
            seen.add((hit.first, hit.trigger.type))
            result.append(hit)
    return result


def _read_hit(clause: Clause, hit: Hit) -> Hit:
    hit.negated = is_negated(clause, hit.first)
    hit.modality = read_modality(clause, hit)
    hit.type = hit.trigger.type
    before = [_bare(k) for k in clause.keys[max(hit.first - 3, 0):hit.first]]
    hit.background = bool(set(before) & load_cues()["background"])
    hit.object_clause = bool(before) and before[-1] in _COMPLEMENTIZERS
    if hit.negated and hit.type == "AGREE" and _refuses(clause, hit.first):
        # "لن نقبل", "لا يمكننا قبولها": a refusal stated now is a rejection.
        hit.type, hit.negated, hit.modality = "REJECT", False, "asserted"
    return hit


def is_negated(clause: Clause, position: int) -> bool:
    """Whether a negation word stands right before the trigger, or before a modal before it.

    Example: "لم يوافق" is negated; "لا يمكننا قبولها" is negated through the modal.
    """
    negation = load_cues()["negation"]
    before = [_bare(k) for k in clause.keys[max(position - 2, 0):position]]
    if before and before[-1] in negation:
        return True
    return len(before) == 2 and before[0] in negation and before[1] in _MODALS


def _refuses(clause: Clause, position: int) -> bool:
    before = {_bare(k) for k in clause.keys[max(position - 2, 0):position]}
    return bool(before & {"لن", "لا"})


def read_modality(clause: Clause, hit: Hit) -> str:
    """willingness (from the lexicon), future, conditional or asserted.

    Example: "سيلتقي" and "من المقرر أن يجتمع" are future; "إذا وافقت" is conditional.
    """
    if hit.trigger.modality == "willingness":
        return "willingness"
    cues = load_cues()
    text = " ".join(clause.keys)
    word = normalize_key(clause.words[hit.first].text)
    if any(stem[0] == "س" and stem[1:] in hit.trigger.words[0] for _, stem in split_proclitics(word)):
        return "future"
    if any(_has_phrase(text, cue) for cue in cues["future"]):
        return "future"
    if any(_has_phrase(text, cue) for cue in cues["conditional"]):
        return "conditional"
    return "asserted"


def _has_phrase(text: str, phrase: str) -> bool:
    return f" {phrase} " in f" {text} " or f" و{phrase} " in f" {text} "


def select_hits(clause: Clause, hits: list[Hit]) -> list[Hit]:
    """The hits that are events: not the object of an earlier trigger, not background,
    and only the first of each type in the sentence.

    Example: in "رفض بوتين اقتراح ترامب" only REJECT is kept.
    """
    kept: list[Hit] = []
    for hit in hits:
        if any(h.first == hit.first for h in kept) or _is_object(clause, hit, hits) or hit.background:
            continue
        if hit.type == "CONSULT" and hit.trigger.pos == "noun" and not _meeting_took_place(clause, hit):
            continue
        if all(h.type != hit.type for h in kept):
            kept.append(hit)
    return kept


def _is_object(clause: Clause, hit: Hit, hits: list[Hit]) -> bool:
    if hit.trigger.pos.startswith("verb") and not hit.object_clause and not _is_nominal(clause, hit):
        return False
    return any(g.type in GOVERNING_TYPES and g.type != hit.type and not g.negated
               and g.first < hit.first <= g.last + _OBJECT_REACH
               and not _has_boundary(clause, g.last + 1, hit.first) for g in hits)


def _is_nominal(clause: Clause, hit: Hit) -> bool:
    """Whether a verb-shaped trigger is a verbal noun: "للتفاوض", "بالتفاوض", "التفاوض"."""
    forms = hit.trigger.words[0]
    return any(clitic[-1:] in ("ل", "ب") or clitic.endswith("ال") for clitic, stem
               in split_proclitics(normalize_key(clause.words[hit.first].text)) if stem in forms)


def _meeting_took_place(clause: Clause, hit: Hit) -> bool:
    """Whether a meeting noun reports a meeting: held (عقد، جرت، لإجراء) or with named
    participants (مع، بين); "محادثات السلام" alone is a topic, not an event."""
    cues = load_cues()
    before = {_bare(k) for k in clause.keys[max(hit.first - 3, 0):hit.first]}
    after = {_bare(k) for k in clause.keys[hit.last + 1:hit.last + 5]}
    own = {_bare(k) for k in clause.keys[hit.last + 1:hit.last + 2]}
    return bool(before & cues["holding"] or (after | own) & cues["participant"])


def _has_boundary(clause: Clause, start: int, end: int) -> bool:
    # A relative clause or a new comma-clause starts a new predication.
    return any(clause.keys[i] in _CLAUSE_WORDS or clause.keys[i] in {"،", ";", "؛"}
               for i in range(start, end))


def make_event(doc: Document, clause: Clause, hit: Hit, previous_speaker: list[str]) -> Event:
    """The Event for one kept hit: evidence sentence, arguments, quantities and date."""
    sentence = clause.sentence
    word = clause.words[hit.first]
    actor_items = find_actors(clause, hit, previous_speaker)
    event = Event(type=hit.type, start=sentence.start, end=sentence.end,
                  evidence=doc.text[sentence.start:sentence.end],
                  trigger=doc.text[word.start:clause.words[hit.last].end], trigger_start=word.start,
                  negated=hit.negated, modality=hit.modality)
    event.actors = actor_items
    event.targets = find_targets(clause, hit, event.actors)
    event.place = find_place(clause, hit, event.actors + event.targets)
    event.quantities = find_quantities(doc, clause, hit)
    return event


def mention_names(mention: Mention) -> list[str]:
    """Canonical names a mention stands for: its entity, and the state behind a capital or demonym.

    Example: a mention "موسكو" linked to "Moscow" standing for "Russia" gives ["Moscow", "Russia"].
    """
    names = [mention.name] if mention.name else []
    if mention.stands_for and mention.stands_for not in names:
        names.append(mention.stands_for)
    return names or [mention.text]


def find_actors(clause: Clause, hit: Hit, previous_speaker: list[str]) -> list[str]:
    """Who did it: the reporting speaker for speech acts, then the clause's subject.

    Example: in "قال زيلينسكي إن أوكرانيا مستعدة للتفاوض" the AGREE has actors
    ["Volodymyr Zelenskyy", "Ukraine"].
    """
    speaker = find_speaker(clause, hit.first, previous_speaker)
    subject = find_subject(clause, hit, speaker)
    names = (speaker + subject) if hit.type in SPEECH_ACT_TYPES else (subject or speaker)
    return list(dict.fromkeys(names))


def find_speaker(clause: Clause, position: int, previous_speaker: list[str]) -> list[str]:
    """The speaker when the trigger is in a reported clause "قال X إن/أن ...", else [].

    "وأضاف أن ..." without a named subject continues the previous sentence's speaker;
    "زيلينسكي، الذي قال إن ..." takes the relative pronoun's antecedent.
    """
    speech = load_cues()["speech"]
    verbs = [v for v in range(position - 1, -1, -1) if word_readings(clause.words[v].text) & speech]
    if not verbs:
        # "وأنه سيتحدث ...": a sentence that goes on with the previous one's reported speech.
        opens = clause.keys[:1] and _bare(clause.keys[0]) in _COMPLEMENTIZERS
        return previous_speaker if opens else []
    if _bridge(clause, verbs[0], position) is None:
        return []
    for verb in verbs:
        bridge = _bridge(clause, verb, position)
        named = [m for i, m, prep in clause.mentions if verb < i < (bridge or position) and not prep]
        antecedent = _antecedent(clause, verb)
        if named or antecedent:
            return mention_names(named[0]) if named else antecedent
    return previous_speaker


def _bridge(clause: Clause, verb: int, position: int) -> int | None:
    return next((i for i in range(verb + 1, position) if _bare(clause.keys[i]) in _COMPLEMENTIZERS
                 or clause.keys[i] in {"ان", "انه", "انها", ":", "«", "“", '"'}), None)


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
    (SVO), the agent after "من قبل", the mention after it (VSO, "اقتراح بوتين"), else the
    nearest mention before it; "أنه التقى" is the speaker himself."""
    verb = hit.trigger.pos.startswith("verb")
    antecedent = _antecedent(clause, hit.first)
    if antecedent:
        return antecedent
    start = _clause_start(clause, hit.first)
    before = [(i, m) for i, m, prep in clause.mentions if start <= i < hit.first and not prep]
    if verb and before and hit.first - before[-1][0] <= 2 + _particles(clause, hit.first):
        return _with_coordination(clause, before[-1])
    if verb and speaker and (_first_person(clause, hit) or _pronoun_subject(clause, start, before)):
        return speaker
    agent = _agent(clause, hit)
    if agent:
        return agent
    reach = _SUBJECT_REACH if verb else 2
    after = [(i, m) for i, m, prep in clause.mentions if hit.last < i <= hit.last + reach and not prep]
    after = [(i, m) for i, m in after if not _has_boundary(clause, hit.last + 1, i) or i - hit.last <= 3]
    if after:
        return _with_apposition(clause, after[0])
    return _with_coordination(clause, before[-1]) if before else []


def _first_person(clause: Clause, hit: Hit) -> bool:
    """Whether the verb is "we" (نقترح): its subject is the speaker of the quote."""
    forms = hit.trigger.words[0]
    return any(r[0] == "ن" and "ي" + r[1:] in forms for r in word_readings(clause.words[hit.first].text) & forms)


def _pronoun_subject(clause: Clause, start: int, before: list) -> bool:
    # "قال روبيو إنه التقى": the pronoun on إن/أن is the speaker.
    return start > 0 and _bare(clause.keys[start - 1]) in {"انه", "بانه"} and not before


def _particles(clause: Clause, position: int) -> int:
    # "روسيا قد اقترحت", "روسيا لم توافق": particles between subject and verb.
    return sum(1 for k in clause.keys[max(position - 2, 0):position] if _bare(k) in {"قد", "لقد", "لم", "لن", "لا"})


def _agent(clause: Clause, hit: Hit) -> list[str]:
    """The agent of a passive or a nominal: "غزو ... من قبل موسكو"."""
    for i in range(hit.last + 1, min(hit.last + 8, len(clause.keys) - 1)):
        if clause.keys[i] == "قبل" and clause.keys[i - 1] == "من":
            named = [m for j, m, _ in clause.mentions if i < j <= i + 3]
            return mention_names(named[0]) if named else []
    return []


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
        if _bare(clause.keys[i]) in _COMPLEMENTIZERS or clause.keys[i] in {"ان", "انه"}:
            return i + 1
    return 0


def _with_apposition(clause: Clause, chosen: tuple[int, Mention]) -> list[str]:
    """The chosen mention's names, preferring a named person right after a title phrase
    ("الرئيس الروسي فلاديمير بوتين"), plus a mention joined by و right after it ("ويتكوف وكوشنر")."""
    index, mention = chosen
    following = [(i, m) for i, m, _ in clause.mentions if m.start >= mention.end and i <= index + 4]
    head = chosen
    if mention.stands_for and following and not following[0][1].stands_for:
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
    for index, mention, _ in clause.mentions:
        if index <= hit.last or index > hit.last + 12 or _has_boundary(clause, hit.last + 1, index):
            continue
        names = mention_names(mention)
        if _bare(clause.keys[index - 1]) in load_cues()["place_preposition"]:
            continue
        if not set(names) & set(actors) and (mention.type != "MISC" or mention.stands_for):
            targets += [n for n in names if n not in targets]
        if len(targets) >= 2:
            break
    return targets


def find_place(clause: Clause, hit: Hit, arguments: list[str]) -> str | None:
    """Where: the first place mention after "في" in the sentence that is not an argument.

    Example: "اجتمع الوفدان في إسطنبول" has place "Istanbul".
    """
    places = load_cues()["place_preposition"]
    for index, mention, _ in clause.mentions:
        name = mention.name or mention.text
        if mention.type == "LOC" and index > 0 and _bare(clause.keys[index - 1]) in places and name not in arguments:
            return name
    return None


def find_quantities(doc: Document, clause: Clause, hit: Hit) -> list[dict]:
    """Counted things in the sentence: drones, prisoners, days ("30 يوما"), not years.

    Example: "هجوم بـ40 طائرة مسيرة" gives [{"text": "40 طائرة", "value": 40, "unit": "طايره", ...}].
    """
    if not _may_count(clause):
        return []
    start = clause.sentence.start
    quantities = []
    for number in find_numbers(doc.text[start:clause.sentence.end]):
        if not number.unit and 1900 <= number.value <= 2100:
            continue
        quantities.append({"text": number.text, "value": number.value, "unit": number.unit,
                           "start": start + number.start, "end": start + number.end})
    return quantities


def _may_count(clause: Clause) -> bool:
    # Most sentences hold no number at all: skip the number reader for them.
    words = _counting_words()
    return any(w.kind == "number" or k in words or (k[:1] in "وبل" and k[1:] in words)
               for w, k in zip(clause.words, clause.keys))


@lru_cache(maxsize=1)
def _counting_words() -> frozenset[str]:
    return frozenset(word for word, entry in load_number_words().items() if entry.kind != "not-unit")


def _last_speaker(clause: Clause) -> list[str]:
    speech = load_cues()["speech"]
    for position, word in enumerate(clause.words):
        if word_readings(word.text) & speech:
            named = [m for i, m, prep in clause.mentions if position < i <= position + _SUBJECT_REACH and not prep]
            if named:
                return mention_names(named[0])
    return []
