"""PLOVER events: trigger morphology, typing, precision rules, arguments and dates."""

from __future__ import annotations

import pytest

from marsad.document import Document, Event, Mention
from marsad.events import lexicon
from marsad.events.lexicon import PloverLexiconError, inflect, load_triggers, load_types, word_readings
from marsad.events.plover import drop_repeats, find_events
from marsad.events.stage import events_stage
from marsad.text.layer import text_stage

# Surface form (without clitics) -> (canonical name, type, state it stands for).
ENTITIES = {
    "بوتين": ("Vladimir Putin", "PER", None),
    "زيلينسكي": ("Volodymyr Zelenskyy", "PER", None),
    "ترامب": ("Donald Trump", "PER", None),
    "روبيو": ("Marco Rubio", "PER", None),
    "روسيا": ("Russia", "LOC", None),
    "أوكرانيا": ("Ukraine", "LOC", None),
    "الصين": ("China", "LOC", None),
    "ألمانيا": ("Germany", "LOC", None),
    "الولايات المتحدة": ("United States", "LOC", None),
    "موسكو": ("Moscow", "LOC", "Russia"),
    "الكرملين": ("Kremlin", "ORG", "Russia"),
    "بروكسل": ("Brussels", "LOC", None),
    "جنيف": ("Geneva", "LOC", None),
    "كييف": ("Kyiv", "LOC", "Ukraine"),
    "الوفد الأوكراني": (None, "MISC", "Ukraine"),
}


def make_doc(text: str, published: str | None = None) -> Document:
    """A document with its text layer and hand-made mentions of every ENTITIES surface."""
    doc = text_stage(Document(id="t", text=text, published=published))
    for surface, (name, kind, stands_for) in ENTITIES.items():
        start = text.find(surface)
        while start >= 0:
            covered = any(m.start <= start < m.end for m in doc.mentions)
            if not covered:
                doc.mentions.append(Mention(start, start + len(surface), surface, kind, name, name,
                                            "test", stands_for))
            start = text.find(surface, start + 1)
    doc.mentions.sort(key=lambda m: m.start)
    return doc


def kept(doc: Document) -> list[Event]:
    return [e for e in find_events(doc) if not e.negated]


@pytest.mark.parametrize("word, lemma, pos, extra", [
    ("واقترحها", "اقترح", "verb", ["يقترح"]),
    ("وسيلتقون", "التقى", "verb", ["يلتقي"]),
    ("دعت", "دعا", "verb", ["يدعو"]),
    ("مطالبته", "مطالبة", "noun", []),
    ("للمحادثات", "محادثة", "noun", []),
    ("مستعدة", "مستعد", "adj", []),
    ("والهجمات", "هجوم", "noun", ["هجمات"]),
])
def test_inflected_word_reads_as_lemma(word, lemma, pos, extra):
    assert word_readings(word) & inflect(lemma, pos, extra)


@pytest.mark.parametrize("word", ["بايدن", "فائدة", "قبل"])
def test_lookalike_words_are_not_triggers(word):
    index = lexicon.first_word_index()
    assert not any(reading in index for reading in word_readings(word))


def test_lexicon_rows_use_the_sixteen_types():
    assert len(load_types()) == 16
    assert {t.type for t in load_triggers()} == set(load_types())


def test_unknown_type_in_a_row_says_what_is_valid():
    row = {"type": "ATTACK", "pattern": "هاجم", "pos": "verb", "forms": "يهاجم", "modality": "asserted"}
    with pytest.raises(PloverLexiconError, match="Unknown type 'ATTACK'.*Valid: AGREE"):
        lexicon._make_trigger(12, row)


@pytest.mark.parametrize("text, types", [
    ("اقترح بوتين محادثات مع أوكرانيا.", ["REQUEST"]),
    ("رفض بوتين اقتراح ترامب.", ["REJECT"]),
    ("نفى الكرملين الاتهامات الأمريكية.", ["REJECT"]),
    ("اتهمت أوكرانيا روسيا بانتهاك الهدنة.", ["ACCUSE"]),
    ("قصفت روسيا مدينة خاركيف بعشرين صاروخا.", ["ASSAULT"]),
    ("التقى روبيو نظيره الأوكراني في بروكسل.", ["CONSULT"]),
    ("جرت المحادثات في جنيف يوم الجمعة.", ["CONSULT"]),
    ("شكر بوتين الصين على جهودها.", ["SUPPORT"]),
    ("أفرجت روسيا عن خمسين أسيرا.", ["CONCEDE"]),
    ("بدأ تبادل الأسرى بين البلدين صباح اليوم.", ["COOPERATE"]),
    ("أرسلت ألمانيا أسلحة إلى أوكرانيا.", ["AID"]),
    ("انسحبت القوات الروسية من المدينة.", ["RETREAT"]),
    ("هدد ترامب روسيا بعقوبات قاسية.", ["THREATEN"]),
    ("تظاهر الآلاف في كييف ضد الحكومة.", ["PROTEST"]),
    ("فرضت الولايات المتحدة عقوبات جديدة على روسيا.", ["SANCTION"]),
    ("أعلنت روسيا استدعاء المجندين للخدمة.", ["MOBILIZE"]),
    ("اعتقلت الشرطة عشرة أشخاص.", ["COERCE"]),
    ("أكد زيلينسكي أن أوكرانيا مستعدة للتفاوض.", ["AGREE"]),
    ("لا يمكننا قبول هذه الشروط.", ["REJECT"]),
])
def test_sentence_gives_its_event_types(text, types):
    assert [e.type for e in kept(make_doc(text))] == types


@pytest.mark.parametrize("text", [
    "محادثات السلام مهمة للجميع.",  # a topic, not a meeting that took place
    "تغير كل شيء منذ الغزو.",  # background
    "لم يوافق الكرملين على الهدنة.",  # negated: no AGREE
])
def test_sentence_gives_no_event(text):
    assert kept(make_doc(text)) == []


def test_negated_trigger_is_flagged():
    [event] = find_events(make_doc("لم يوافق الكرملين على الهدنة."))
    assert (event.type, event.negated, event.trigger) == ("AGREE", True, "يوافق")


def test_one_event_per_type_per_sentence():
    doc = make_doc("هاجمت روسيا أوكرانيا وقصفت كييف.")
    assert [e.type for e in kept(doc)] == ["ASSAULT"]


def test_evidence_is_the_sentence_with_offsets():
    text = "وصل الوفد. اتهمت أوكرانيا روسيا بالمماطلة. ثم غادر."
    [event] = kept(make_doc(text))
    assert (event.start, event.end) == (11, 42)
    assert event.evidence == "اتهمت أوكرانيا روسيا بالمماطلة."
    assert (event.trigger, event.trigger_start) == ("اتهمت", 11)


@pytest.mark.parametrize("text, actors, targets", [
    ("اتهمت أوكرانيا روسيا بانتهاك الهدنة.", ["Ukraine"], ["Russia"]),  # SVO
    ("اقترح بوتين محادثات مع أوكرانيا.", ["Vladimir Putin"], ["Ukraine"]),  # VSO
    ("قال زيلينسكي إن أوكرانيا مستعدة للتفاوض.", ["Volodymyr Zelenskyy", "Ukraine"], []),
    ("أعلن الكرملين أن موسكو ترفض الخطة.", ["Kremlin", "Russia", "Moscow"], []),
    ("اتصل ترامب بالرئيس الروسي، الذي رفض الهدنة.", ["Donald Trump"], []),
    ("تحدث بوتين عن غزو أوكرانيا من قبل موسكو.", ["Moscow", "Russia"], ["Ukraine"]),
    ("قال روبيو إنه التقى بوتين في موسكو.", ["Marco Rubio"], ["Vladimir Putin"]),
    ("اقترح الوفد الأوكراني عقد قمة.", ["Ukraine"], []),
])
def test_actors_and_targets(text, actors, targets):
    event = kept(make_doc(text))[0]
    assert (event.actors, event.targets) == (actors, targets)


def test_first_person_verb_in_a_quote_takes_the_speaker():
    [event] = kept(make_doc("وقال بوتين «نقترح أن تستأنف كييف المفاوضات».")
                   )
    assert event.type == "REQUEST" and event.actors[0] == "Vladimir Putin"


def test_continued_reported_speech_keeps_the_speaker():
    doc = make_doc("قال بوتين إن الحرب طويلة. وأنه سيتحدث إلى ترامب غدا.")
    [event] = kept(doc)
    assert (event.type, event.actors, event.modality) == ("CONSULT", ["Vladimir Putin"], "future")


def test_place_and_quantities():
    [event] = kept(make_doc("التقى روبيو بوتين في جنيف لمدة 3 ساعات."))
    assert event.place == "Geneva"
    assert [(q["text"], q["value"], q["unit"], q["start"]) for q in event.quantities] == [("3", 3, "ساعات", 31)]


@pytest.mark.parametrize("text, modality", [
    ("سيلتقي بوتين ترامب في جنيف.", "future"),
    ("من المقرر أن يجتمع الوفد الأوكراني مع روبيو.", "future"),
    ("قد تنسحب القوات إذا وافقت روسيا.", "conditional"),
    ("أبدى بوتين استعدادا للقاء زيلينسكي.", "willingness"),
    ("رفض بوتين الخطة.", "asserted"),
])
def test_modality(text, modality):
    assert kept(make_doc(text))[0].modality == modality


def test_stage_dates_events_against_publication():
    doc = make_doc("اقترح بوتين يوم الأحد محادثات مع أوكرانيا.", published="2025-05-12")
    [event] = events_stage(doc).events
    assert (event.type, event.date) == ("REQUEST", "2025-05-11")
    assert event.date_how


def test_undated_sentence_takes_the_story_day():
    text = "التقى روبيو بوتين يوم الأحد. شكر بوتين الصين على جهودها."
    events = events_stage(make_doc(text, published="2025-05-12")).events
    assert [(e.type, e.date, e.date_how) for e in events][1] == ("SUPPORT", "2025-05-11", "story-day")


def test_retelling_of_the_same_event_is_dropped():
    first = Event("REQUEST", 0, 5, "a", actors=["Vladimir Putin"], date="2025-05-11")
    again = Event("REQUEST", 9, 15, "b", actors=["Vladimir Putin"], date="2025-05-11")
    other = Event("REQUEST", 20, 25, "c", actors=["Vladimir Putin"], date="2024-06")
    assert drop_repeats([first, again, other]) == [first, other]
