"""Speaker resolution: the subject after a speech verb, titles, pronouns and continuation.

Order of evidence: a name in the subject phrase ("قال بيسكوف"); an
indefinite official ("قال مسؤول") is anonymous, so null; a title without a
name ("وقال المتحدث") is the person last named with a title of that class;
no subject at all ("وأضاف"، "وقال إن") continues the previous speaker. A
state or organisation speaks as the entity named in the text (الكرملين).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from marsad.document import Mention
from marsad.quotes.context import Context, Speaker
from marsad.entities.kb import KnowledgeBase, load_kb
from marsad.quotes.lexicon import load_cues
from marsad.settings import user_kb_files
from marsad.text.normalize import normalize_key, remove_diacritics
from marsad.text.tokens import without_conjunction

_SUBJECT_REACH = 6  # tokens looked back for a subject before the verb ("كان بوتين قد قال")
_SUBJECT_SLOT = 5  # first tokens of a clause where its subject stands ("وكان الرئيس الأوكراني فولوديمير زيلينسكي")
_STATEMENT_REACH = 6  # tokens from a statement noun to the body it names ("بيان صادر عن وزارة الخارجية")
_NAME_AFTER_OFFICE = 6  # tokens from an official's noun to their name ("مسؤولة السياسة الخارجية في الاتحاد كايا كالاس")


@dataclass
class TitleRecord:
    position: int
    head: str
    kind: str  # title class: leader, spokesperson, official, ...
    adjective: str | None
    speaker: Speaker


@dataclass
class Resolver:
    """Speaker state while reading an article top to bottom."""

    context: Context
    titles: list[TitleRecord] = field(default_factory=list)
    last: Speaker | None = None
    last_index: int = -1  # token index of the verb that named ``last``
    by_sentence: dict[int, Speaker] = field(default_factory=dict)
    known_titles: list[TitleRecord] = field(default_factory=list)  # offices the KB says named people hold

    @classmethod
    def of(cls, context: Context) -> "Resolver":
        resolver = cls(context)
        for first, mention in sorted(context.mention_at.items()):
            if mention.type == "PER":
                resolver.remember_title(first, speaker_of(mention, "title"))
                resolver.known_titles += _held_titles(first, mention, context.doc.published)
        return resolver

    def remember_title(self, first: int, speaker: Speaker) -> None:
        """Record the title just before token ``first`` ("المتحدث باسم الكرملين بيسكوف") as naming ``speaker``."""
        head_index = first if _is_title(self.context, first) else _title_before(self.context, first)
        if head_index is not None:
            head, kind = _title_head(self.context, head_index)
            adjective = _adjective_after(self.context, head_index)
            self.titles.append(TitleRecord(first, head, kind, adjective, speaker))

    def heard(self, index: int, speaker: Speaker) -> None:
        self.last, self.last_index = speaker, index
        self.by_sentence[self.context.sentence_of[index]] = speaker

    def resolve_title(self, index: int, position: int) -> Speaker:
        """The person last named with the title at token ``index`` (same class and nationality), else null."""
        head, kind = _title_head(self.context, index)
        adjective = _adjective_after(self.context, index)
        for record in reversed(self.titles):
            if record.position >= position or kind not in (record.kind, record.head):
                continue
            if adjective and record.adjective and adjective != record.adjective:
                continue
            found = record.speaker
            return Speaker(found.name, found.entity_id, found.start, found.end, "title")
        return self._known_holder(kind, adjective, position) or Speaker(None, how="title_unresolved")

    def _known_holder(self, kind: str, adjective: str | None, position: int) -> Speaker | None:
        """The person last named before ``position`` whom the KB knows to hold a title of ``kind``
        ("قال غروسي … وأضاف المدير العام"); with a nationality, only an office of that state."""
        for record in reversed(self.known_titles):
            if record.position < position and kind in (record.kind, record.head) \
                    and (adjective is None or adjective == record.adjective):
                found = record.speaker
                return Speaker(found.name, found.entity_id, found.start, found.end, "title_known")
        return None


def _held_titles(first: int, mention: Mention, published: str | None) -> list[TitleRecord]:
    """Title records for the offices the KB says the person of ``mention`` held on ``published``."""
    if not mention.entity_id:
        return []
    return [TitleRecord(first, head, kind, state, speaker_of(mention, "title_known"))
            for head, kind, state in _offices_held(_kb(), mention.entity_id, published)]


def _kb() -> KnowledgeBase:
    """The knowledge base the entity stage linked with: the built-in one plus the user's files."""
    return load_kb(user_kb_files())


@lru_cache(maxsize=4096)
def _offices_held(kb: KnowledgeBase, entity_id: str, published: str | None) -> tuple[tuple[str, str, str | None], ...]:
    """(title head, title class, state) of each office the KB entity held on ``published``; read
    once per person and day: every mention of a person asks."""
    entity = kb.entities.get(entity_id)
    offices = []
    for role in entity.roles if entity is not None else ():
        words = [normalize_key(word) for word in role.title.split()]
        head, kind = _title_of_key(words[0]) if words else ("", "")
        if kind and role.held_on(published):
            offices.append((head, kind, next((found for word in words[1:] if (found := _demonym_state(word))), None)))
    return tuple(offices)


def speaker_of(mention: Mention, how: str) -> Speaker:
    """The speaker a mention names: its canonical name, or the state a "side" phrase stands for."""
    name = mention.name or mention.stands_for or mention.text
    return Speaker(name, mention.entity_id, mention.start, mention.end, how)


def is_possessor(context: Context, first: int) -> bool:
    """True when the mention at token ``first`` owns a title ("مبعوث بوتين", "المتحدث باسم الكرملين")."""
    if first == 0:
        return False
    key = context.bare(first - 1)
    if key in ("باسم", "ل"):
        return True
    # A title with its own possessive suffix takes no other owner: "رئيسه محمد تكالة" names him.
    owned = remove_diacritics(context.doc.tokens[first - 1].text).endswith(("ه", "ها", "هم"))  # ه, not ة
    return _is_title(context, first - 1) and not key.startswith("ال") and not owned


def subject_after(resolver: Resolver, lo: int, hi: int) -> Speaker | None:
    """The speaker named between a verb and its complementizer (tokens lo..hi), or None for "no subject".

    Example: in "قال المتحدث باسم الكرملين دميتري بيسكوف إن" the subject is Peskov.
    """
    context = resolver.context
    while lo < hi and context.doc.tokens[lo].kind == "punct":
        lo += 1
    if lo < hi and context.cue("resumptive", lo) is not None:
        lo += 1  # "أكدت فيه الأمم المتحدة أن": the subject follows the pronoun; "قال فيها إن": none written
    honorific = context.cue("honorific", lo) if lo < hi else None
    if honorific == "prefix":
        lo += 1  # "وقال معالي الوزير": the title after the honorific heads the subject
    if lo >= hi or honorific == "pronoun" or context.cue("adjunct", lo) is not None or context.keys[lo].startswith("لل"):
        return None  # "وأضاف في وقت لاحق"، "قال للصحفيين"، "وأكد سموه": no subject written
    if context.cue("statement", lo) is not None:
        return _statement_source(context, lo, hi)
    if lo not in context.mention_at and context.cue("body", lo) is not None and context.bare(lo).startswith("ال"):
        found = _body_named_before(context, lo)
        if found is not None:
            return found
    named = _first_named(context, lo, hi)
    group = context.cue("group", lo) is not None
    if group and named == lo and context.mention_at[lo].type == "PER":
        named = None  # "مسؤولان أميركيان" taken for a name: a group word heads no person's name
    if group or _is_title(context, lo):
        return _titled_subject(resolver, lo, named)
    if lo in context.mention_at and not is_possessor(context, lo):
        return _mention_speaker(context, lo)
    if named is not None and context.mention_at[named].type == "PER":
        return _mention_speaker(context, named)
    return Speaker(None, how="unnamed_subject")


def _statement_source(context: Context, lo: int, hi: int) -> Speaker:
    """"وذكر بيان للكرملين أن"، "أفاد بيان صادر عن الجيش بأن": a statement speaks for the person or
    body it names in its next few words; an unnamed one ("وقال البيان") is null."""
    for position in range(lo + 1, min(hi, lo + _STATEMENT_REACH)):
        mention = context.mention_at.get(position)
        if mention is not None and mention.type in ("PER", "ORG"):
            return speaker_of(mention, "statement")
    return Speaker(None, how="statement")


def _body_named_before(context: Context, lo: int) -> Speaker | None:
    """"وقالت وزارة الدفاع الروسية … وأوضحت الوزارة": a definite body noun names the body last named
    with that noun at its head; None when no such body was named."""
    heads = _heads(context, lo)
    for position in sorted((p for p in context.mention_at if p < lo), reverse=True):
        mention = context.mention_at[position]
        if mention.type == "ORG" and mention.name and heads & _heads(context, position):
            return speaker_of(mention, "body")
    return None


def _heads(context: Context, index: int) -> set[str]:
    """The token's key without article, as written and without a proclitic: "وزارة" begins with و itself."""
    return {key[2:] if key.startswith("ال") else key for key in (context.keys[index], context.bare(index))}


def _titled_subject(resolver: Resolver, lo: int, named: int | None) -> Speaker:
    context = resolver.context
    if named is not None and context.mention_at[named].type == "PER" and _names_title(context, lo, named):
        speaker = _mention_speaker(context, named)
        resolver.remember_title(named, speaker)
        return speaker
    key = context.bare(lo)
    if context.cue("group", lo) is not None:
        return _named_body(context, lo) or Speaker(None, how="group")
    if not key.startswith("ال") and context.cue("anonymous", lo) is not None:
        if named is not None and context.mention_at[named].type == "PER" and named - lo <= _NAME_AFTER_OFFICE \
                and not any(context.cue("relative", i) is not None for i in range(lo, named)):
            # "مسؤولة السياسة الخارجية في الاتحاد كايا كالاس": named after all ("… التي حضرها روبيو" is another)
            return _mention_speaker(context, named)
        speaker = Speaker(None, how="anonymous")
        resolver.titles.append(TitleRecord(lo, *_title_head(context, lo), None, speaker))
        return speaker
    if not key.startswith("ال") and named is not None:
        return _mention_speaker(context, named)  # "قال رئيس الوزراء نتنياهو"
    return resolver.resolve_title(lo, lo)


def _names_title(context: Context, lo: int, named: int) -> bool:
    """True when the name stands in apposition to the title at ``lo`` ("وزير الخارجية ماركو روبيو"),
    not in a later phrase ("مسؤول كبير في الناتو التقى روبيو")."""
    return named - lo <= 8 and not any(context.cue("adjunct", i) is not None for i in range(lo + 1, named))


def subject_before(resolver: Resolver, index: int) -> Speaker | None:
    """A subject written before the verb ("كان بوتين قد قال", "زيلنسكي، الذي قال", "مصدر في الوفد قال"), else None."""
    context = resolver.context
    sentence = context.sentence_of[index]
    position, steps, in_complement = index - 1, 0, False
    while position >= 0 and context.sentence_of[position] == sentence and steps < _SUBJECT_REACH:
        key = context.bare(position)
        if position in context.mention_end and not in_complement \
                and not _after_preposition(context, context.mention_end[position]):
            return speaker_of(context.mention_end[position], "subject_before")
        if _heads_speaker(context, position):
            return _titled_subject(resolver, position, None)
        if position in context.mention_end:  # "مسؤول في البيت الأبيض": the name belongs to the complement
            position = context.token_at(context.mention_end[position].start)
        elif context.cue("of_phrase", position) is not None:
            in_complement = True
        elif context.cue("relative", position) is not None:
            # "زيلينسكي، الذي قال": the antecedent is the speaker, when the verb agrees with the pronoun;
            # "إسطنبول التي يقول إن" (which he says) is an object relative.
            if (key in _FEMININE_RELATIVES) != _is_feminine_verb(context.bare(index)):
                return None
        elif key not in ("قد", "،", ",", "كان", "كانت") and not _is_adjective(key) \
                and not (in_complement and context.doc.tokens[position].kind == "arabic"):
            return None  # past a complement ("مصدرا مطلعا على المحادثات قال") a modifier may stand before it
        position -= 1
        steps += 1
    return None


_FEMININE_RELATIVES = ("التي", "اللتان", "اللواتي")


def _after_preposition(context: Context, mention: Mention) -> bool:
    """Whether "في"/"من" stands before the mention: "قصفت مواقع في خاركيف، قالت إنها" (Kharkiv
    is where, not who spoke)."""
    first = context.token_at(mention.start)
    return first > 0 and context.cue("of_phrase", first - 1) is not None


def _is_feminine_verb(key: str) -> bool:
    """Whether a verb's form is feminine: "قالت", "أكدت", "تقول" (not "قال", "يقول")."""
    return key.endswith("ت") or (key.startswith("ت") and not key.endswith(("ون", "وا")))


def _heads_speaker(context: Context, index: int) -> bool:
    """True for a title, group or anonymous noun ("المتحدث"، "مسؤولون"، "مصدرا")."""
    return _is_title(context, index) or any(context.cue(kind, index) is not None for kind in ("group", "anonymous"))


def framed_subject(resolver: Resolver, index: int) -> Speaker | None:
    """The subject set before the verb by "كان X قد قال" or "أما X فقال", else None."""
    context = resolver.context
    lo, _ = context.sentence_bounds(index)
    joined = context.keys[index][:1] == "ف" or context.keys[index - 1] == "فقد"
    after_qad = index > lo and context.bare(index - 1) == "قد"
    for position in range(index - 2, max(lo, index - 25) - 1, -1):
        opens = (after_qad and context.bare(position) in ("كان", "كانت")) or (joined and context.cue("topic", position))
        if opens:
            found = subject_after(resolver, position + 1, index)
            if found is None or found.how == "unnamed_subject":
                return None
            return Speaker(found.name, found.entity_id, found.start, found.end, "subject_before") if found.name else found
    return None


def sentence_subject(resolver: Resolver, lo: int, hi: int) -> Speaker | None:
    """The speaker named in subject position of the clause at token ``lo``: among its first words,
    after a fronted phrase ("وفي واشنطن،"), outside quotes, not after a preposition, not owning a title.

    Example: in "وفي واشنطن، رحب الرئيس الأمريكي دونالد ترامب بالتطور" it is Trump, not Washington.
    """
    context = resolver.context
    start = next((i + 1 for i in range(lo, min(hi, lo + 5)) if context.keys[i] in ("،", ",")), lo)
    for position in range(start, min(hi, start + _SUBJECT_SLOT)):
        if context.in_quote[position]:
            return None
        if position in context.mention_at and _is_free(context, position):
            return _mention_speaker(context, position)
        if position > start and not (_is_title(context, position) or context.bare(position) in ("قد", "كان", "كانت")
                                     or context.keys[position].startswith("ال")):
            return None  # "وجاء الاجتماع بين بوتين": a name after the subject phrase is a complement
    return None


def _is_free(context: Context, position: int) -> bool:
    """True when the mention at ``position`` is not a complement: no preposition before or on it, not a possessor."""
    if is_possessor(context, position):
        return False
    if _joined_preposition(context, position):
        return False  # "لبوتين"، "بالكرملين"
    return position == 0 or context.cue("adjunct", position - 1) is None


def _joined_preposition(context: Context, position: int) -> bool:
    """True when the mention at token ``position`` is written after a joined ب/ل/ك ("لرويترز")."""
    mention, token = context.mention_at[position], context.doc.tokens[position]
    prefix = context.doc.text[token.start:mention.start]
    return any(letter in prefix for letter in "بلك")


def _is_adjective(key: str) -> bool:
    """A definite attributive word that may stand between a name or title and its verb ("الروس", "الخاص")."""
    return key.startswith("ال") and key not in load_cues().get("dangling") and len(key) > 3


def nearest_person(context: Context, index: int, first: bool = False) -> Speaker | None:
    """The nearest (or with ``first`` the first) named speaker before token ``index`` in its sentence."""
    lo, _ = context.sentence_bounds(index)
    found = [start for start in context.mention_at if lo <= start < index and not is_possessor(context, start)]
    people = [start for start in found if context.mention_at[start].type == "PER"]
    pool = found if first else people
    if not pool:
        return None
    chosen = min(pool) if first else max(pool)
    return _mention_speaker(context, chosen)


def _mention_speaker(context: Context, first: int) -> Speaker:
    return speaker_of(context.mention_at[first], "subject")


def _named_body(context: Context, lo: int) -> Speaker | None:
    """The body a group word names after all: it opens the name ("الوكالة الدولية للطاقة الذرية"), or
    the name follows it, maybe after one word ("وكالة رويترز", "وكالة أنباء تاس"); None for "مصادر",
    "مسؤولون أوكرانيون"."""
    opening = context.mention_at.get(lo)
    if opening is not None and opening.name and opening.type != "PER":
        return _mention_speaker(context, lo)  # a group word opens a body's name, never a person's ("مسؤولان أميركيان")
    for after in (lo + 1, lo + 2):
        following = context.mention_at.get(after)
        if following is not None and _joined_preposition(context, after):
            break  # "مصدر مطلع لرويترز": the body the words were told to, not the source
        if following is not None and following.name and following.type == "ORG":
            return _mention_speaker(context, after)
        if after >= len(context.keys) or context.doc.tokens[after].kind != "arabic" or context.in_mention[after]:
            break
    return None


def _first_named(context: Context, lo: int, hi: int) -> int | None:
    starts = [s for s in context.mention_at if lo <= s < hi and not is_possessor(context, s)]
    people = [s for s in starts if context.mention_at[s].type == "PER"]
    return min(people) if people else (min(starts) if starts else None)


def _is_title(context: Context, index: int) -> bool:
    return _title_head(context, index)[1] != ""


def _title_head(context: Context, index: int) -> tuple[str, str]:
    """(head word without article or proclitic, title class or "") of the token at ``index``.

    The word as written is tried first: a title may itself begin with و ("وزير", "وكيل"),
    which the cheap proclitic reading would strip ("زير").
    """
    return _title_of_word(context.keys[index])


@lru_cache(maxsize=100_000)
def _title_of_word(key: str) -> tuple[str, str]:
    # Both readings cached together per word: every name and subject slot asks of its words.
    written = _title_of_key(key)
    return written if written[1] else _title_of_key(without_conjunction(key))


@lru_cache(maxsize=4096)
def _title_of_key(key: str) -> tuple[str, str]:
    titles = load_cues().get("title")
    for candidate in (key, key[2:] if key.startswith("ال") else key, key[1:] if key.startswith("لل") else key,
                      key[3:] if key.startswith("لل") else key):
        if candidate in titles:
            head = candidate[2:] if candidate.startswith("ال") else candidate
            return head, titles[candidate]
    return key, ""


def _adjective_after(context: Context, index: int) -> str | None:
    """The state a nationality adjective after a title names ("الرئيس الروسي" -> Russia), for agreement.

    The adjective may follow the title's portfolio ("وزير الخارجية الأميركي"), so a few definite
    words are read; "الخارجية" ends like a nisba adjective but names no state, hence the demonym list.
    """
    for position in range(index + 1, min(index + 4, len(context.keys))):
        key = context.keys[position]
        if not key.startswith("ال"):
            return None
        state = _demonym_state(key)
        if state:
            return state
    return None


@lru_cache(maxsize=4096)
def _demonym_state(key: str) -> str | None:
    """The state of a definite demonym key ("الروسيه" -> Russia), either spelling ("الاميركي"): the
    KB's demonyms carry the entity layer's respellings, definite forms included."""
    demonyms = load_kb().demonyms
    return demonyms.get(key) or demonyms.get(key[2:])


def _title_before(context: Context, first: int) -> int | None:
    """The title word heading the apposition before a name, skipping adjectives; None when absent."""
    position = first - 1
    steps = 0
    while position >= 0 and steps < 4:
        if _is_title(context, position):
            if position > 0 and _is_title(context, position - 1) and not context.bare(position - 1).startswith("ال"):
                return position - 1  # "مبعوث الرئيس X": the envoy, not the president
            return position
        key = context.keys[position]
        if not (key.startswith("ال") or key in ("،", ",", "باسم")):
            return None
        position -= 1
        steps += 1
    return None


def side_of(entity_id: str | None) -> str | None:
    """The state an entity speaks for: its own ``stands_for``, else the state its titles name
    ("وزير الخارجية الأمريكي" -> United States, "المتحدث باسم الكرملين" -> Russia); None if unknown.
    """
    return _side_in(_kb(), entity_id)


@lru_cache(maxsize=1024)
def _side_in(kb: KnowledgeBase, entity_id: str | None) -> str | None:
    entity = kb.entities.get(entity_id) if entity_id else None
    if entity is None:
        return None
    if entity.stands_for:
        return entity.stands_for
    for role in entity.roles:
        for word in role.title.split():
            key = normalize_key(word)
            key = key[2:] if key.startswith("ال") else key
            owner = [kb.entities[i] for i in kb.aliases.phrases.get((normalize_key(word),), []) if i in kb.entities]
            found = kb.demonyms.get(key) or next((e.stands_for for e in owner if e.stands_for), None)
            if found:
                return found
    return None
