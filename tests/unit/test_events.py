"""PLOVER events: trigger morphology, typing, precision rules, arguments and dates."""

from __future__ import annotations

import pytest

from marsad.document import Document, Event, Mention, Quote
from marsad.events import lexicon
from marsad.events.lexicon import PloverLexiconError, inflect, load_cue_forms, load_triggers, load_types, word_readings
from marsad.events.plover import build_clause, drop_repeats, find_events, is_negated, word_triggers
from marsad.events.stage import events_stage, find_lead_day
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
    "فرنسا": ("France", "LOC", None),
    "بولندا": ("Poland", "LOC", None),
    "مسؤولون أوكرانيون": (None, "ORG", "Ukraine"),
    "دبلوماسي ألماني": (None, "ORG", "Germany"),
    "حلف الناتو": ("NATO", "ORG", None),
    "مارك روته": ("Mark Rutte", "PER", None),
}


def make_doc(text: str, published: str | None = None, **fields) -> Document:
    """A document with its text layer and hand-made mentions of every ENTITIES surface."""
    doc = text_stage(Document(id="t", text=text, published=published, **fields))
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


@pytest.mark.parametrize("lemma, present, form", [
    ("اتهم", "يتهم", "متهما"), ("حذر", "يحذر", "محذره"), ("دعا", "يدعو", "داعيا"), ("رفض", "يرفض", "رافضين"),
])
def test_participle_forms(lemma, present, form):
    assert form in lexicon.participle_forms(lemma, present)


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
    # signing with the subject named between the verb and the thing signed
    ("وقع الرئيس الأمريكي ترامب ونظيره البولندي، يوم الجمعة، معاهدة للدفاع.", ["AGREE"]),
    ("ووقع وزير الطاقة التركي مذكرة تفاهم مع كييف.", ["AGREE"]),
    ("وعرضت ألمانيا استضافة جولة جديدة من المحادثات.", ["REQUEST"]),  # an offer is a proposal
    ("وقال بوتين إن روسيا مستعدة للرد بقوة على أي هجوم.", ["THREATEN"]),  # ready to strike back
    ("وشدد ترامب على ضرورة وقف القتال فورا.", ["REQUEST"]),  # insisting on the need is a demand
    ("وقصفت روسيا مدينة خاركيف بهدف ترويع السكان.", ["ASSAULT"]),  # the aim comes after the act
    ("وأعلنت السلطات الروسية مصادرة أصول شركات غربية.", ["COERCE"]),
    ("ورفضت المجر فرض عقوبات جديدة على روسيا.", ["REJECT"]),  # the bare lemma is what is rejected
    ("وفرض الاتحاد الأوروبي عقوبات جديدة على روسيا.", ["SANCTION"]),
    ("وفرض ترامب رسوما جمركية على الواردات الصينية.", ["SANCTION"]),  # tariffs as pressure
    ("وشن ترامب هجوما حادا على الرئيس الروسي.", ["ACCUSE"]),  # a person's sharp attack is in words
    ("وعقد الوفدان جولة مشاورات جديدة في جنيف.", ["CONSULT"]),
    ("وشنت روسيا المزيد من الهجمات على كييف.", ["ASSAULT"]),  # "المزيد من" between the light verb and its noun
    ("وتوغلت القوات الأوكرانية في منطقة كورسك الروسية.", ["ASSAULT"]),  # an incursion
])
def test_sentence_gives_its_event_types(text, types):
    assert [e.type for e in kept(make_doc(text))] == types


@pytest.mark.parametrize("text", [
    "محادثات السلام مهمة للجميع.",  # a topic, not a meeting that took place
    "تغير كل شيء منذ الغزو.",  # background
    "لم يوافق الكرملين على الهدنة.",  # negated: no AGREE
    "وقع انفجار في كييف بعد ساعات من توقيع الاتفاق.",  # وقع "happened": no subject named after it
    "وأعلن زيلينسكي مساء اليوم أن روسيا انتهكت الهدنة.",  # "أعلن … الهدنة" does not reach into the أن clause
    "وألغى ترامب القمة المقررة مع بوتين.",  # a cancelled meeting did not take place
    "وقرر الطرفان تأجيل المحادثات إلى الأسبوع المقبل.",
    "وأعرب الوزير عن أمله في عقد لقاء قريب بين بوتين وزيلينسكي.",  # a hope, not a meeting
    "وجاءت العقوبات بعد أسابيع من محادثات جنيف.",  # what came weeks before is background
    "وتسعى روسيا إلى كسب الوقت بهدف مواصلة قصف المدن.",  # an aim, not an attack reported
    "وتحسنت الأجواء بعد تفاوض طويل.",  # a verb-shaped noun after بعد, carried out by no one
    "وتفرض البلدية رسوم تسجيل على الشركات الجديدة.",  # fees, not customs tariffs
    "وتحتاج الخطة إلى مزيد من المشاورات بين الحلفاء.",  # more wanted, none held
    "ووفقا لبيان صادر عن الوزارة، فإن المحادثات ستستمر.",  # صادر عن: issued by, not confiscated
    "وقال زيلينسكي إنه يتوقع التواصل مع الوفد الأمريكي بعد محادثاتهم مع بوتين.",  # an expectation
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
    # an indefinite "officials + demonym" subject, and the state after it is the object, not its name
    ("واتهم مسؤولون أوكرانيون روسيا بقصف الموانئ.", ["Ukraine"], ["Russia"]),
    ("وانتقد دبلوماسي ألماني بولندا بسبب تصريحاتها.", ["Germany"], ["Poland"]),
    # the object inside a phrase trigger, after the subject: "حمّل X Y مسؤولية"
    ("وحمل الرئيس الأمريكي ترامب روسيا مسؤولية الهجوم.", ["Donald Trump"], ["Russia"]),
    # a meeting's partner named with مع before the meeting noun
    ("وبحث ترامب مع بوتين في اتصال هاتفي سبل إنهاء الحرب.", ["Donald Trump"], ["Vladimir Putin"]),
    # an unnamed title is the subject: the place after it is the object
    ("وزار الوزير كييف ثم عاد.", [], ["Kyiv", "Ukraine"]),
    # a verb joined after a written statement has its writer for subject
    ("وكتب زيلينسكي على منصة إكس: «عاد أبطالنا»، وشكر الفرق التي عملت على الصفقة.", ["Volodymyr Zelenskyy"], []),
    # "في حين" opens a clause of its own: the denial is not in the first speaker's words
    ("وكتب ترامب أن الاتفاق قريب جدا، في حين نفى بوتين وجود أي اتفاق.", ["Vladimir Putin"], []),
    # the body in the actor's title is not whom the act is aimed at
    ("ودعا الأمين العام لحلف الناتو مارك روته الدول الأعضاء إلى زيادة الإنفاق.", ["Mark Rutte"], []),
])
def test_actors_and_targets(text, actors, targets):
    event = kept(make_doc(text))[0]
    assert (event.actors, event.targets) == (actors, targets)


@pytest.mark.parametrize("text, actors, targets", [
    # "للأمم" is ل + الأمم: the UN follows a preposition, it is not the subject
    ("ودعا الأمين العام للأمم المتحدة أنطونيو غوتيريش الطرفين إلى وقف القتال.", ["António Guterres"], []),
    ("وطالب الأمين العام للأمم المتحدة روسيا بالانسحاب.", ["António Guterres"], ["Russia"]),
    # a three-word name right before its verb is the subject (SVO), not the state named after the verb
    ("لكن الرئيس التركي رجب طيب أردوغان هدد اليونان بالرد.", ["Recep Tayyip Erdoğan", "Turkey"], ["Greece"]),
    # "برئاسة X" and a parenthesis are asides: the light verb reaches across them, the body acts
    ("وأعلن حلف الناتو برئاسة مارك روته (الأمين العام) موافقته على الخطة الجديدة.", ["NATO"], []),
    # كتب is a statement: the verb joined after it has the writer for subject
    ("وكتب الرئيس الأوكراني فولوديمير زيلينسكي على تليغرام: «عاد أبطالنا»، مؤكدا أن بلاده لن تنسى أحدا، وشكر الفرق.",
     ["Volodymyr Zelenskyy", "Ukraine"], []),
])
def test_actors_and_targets_through_the_entity_layer(text, actors, targets):
    from marsad.entities.stage import entities_stage
    event = kept(entities_stage(text_stage(Document(id="t", text=text))))[0]
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
    [event] = kept(make_doc("شنت روسيا هجوما في كييف بـ 40 طائرة."))
    assert event.place == "Kyiv"
    assert [(q["text"], q["value"], q["unit"], q["start"]) for q in event.quantities] == [("40", 40, "طايره", 27)]


def test_meeting_counts_nothing():
    [event] = kept(make_doc("التقى روبيو بوتين في جنيف لمدة 3 ساعات."))
    assert (event.place, event.quantities) == ("Geneva", [])


@pytest.mark.parametrize("text, modality", [
    ("سيلتقي بوتين ترامب في جنيف.", "future"),
    ("من المقرر أن يجتمع الوفد الأوكراني مع روبيو.", "future"),
    ("هدد ترامب روسيا بعقوبات إذا رفضت الهدنة.", "conditional"),
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


def test_a_meeting_named_only_by_its_venue_retells_the_one_held_there():
    held = Event("CONSULT", 0, 5, "a", actors=["Marco Rubio"], place="Riyadh", date="2025-02-18")
    named = Event("CONSULT", 9, 15, "b", place="Riyadh", date="2025-02-18", date_how="story-day")
    elsewhere = Event("CONSULT", 20, 25, "c", place="Geneva", date="2025-02-18", date_how="story-day")
    assert drop_repeats([held, named, elsewhere]) == [held, elsewhere]


@pytest.mark.parametrize("word", ["بحذر", "والحذر"])  # "cautiously", "caution": not "warned"
def test_verb_with_article_or_preposition_is_no_trigger(word):
    assert all(trigger.type != "THREATEN" for trigger, _ in word_triggers(word))


def test_verbal_noun_of_a_form_v_verb_is_read_as_a_noun():
    [(trigger, nominal)] = [(t, n) for t, n in word_triggers("للتفاوض") if t.type == "CONSULT"]
    assert nominal and trigger.pattern == "تفاوض"


def test_light_verb_cue_matches_its_inflections():
    assert {"شنت", "يشنون", "اصدر"} <= load_cue_forms("light")


@pytest.mark.parametrize("text, types", [
    ("شنت روسيا هجوما على كييف.", ["ASSAULT"]),  # a light verb carries the noun
    ("أصدر ترامب تحذيرا إلى روسيا.", ["THREATEN"]),
    ("جاء اقتراح بوتين بعد أسبوع من المشاورات.", ["REQUEST"]),  # its agent right after it
    ("تغيرت أوروبا كثيرا بعد غزو عام 2022.", ["ASSAULT"]),  # a date right after it
    ("انتهت المحادثات بين بوتين وترامب دون نتيجة.", ["CONSULT"]),  # its participants
    ("أشاد الوزير بالخطة التي اقترحتها ألمانيا الشهر الماضي.", ["SUPPORT", "REQUEST"]),  # dated relative
    ("قد انسحبت القوات من المدينة.", ["RETREAT"]),  # قد + perfect: has withdrawn
    ("طرحت ألمانيا خطة ورفضتها أوكرانيا.", ["REQUEST", "REJECT"]),
    ("قال بوتين إن المحادثات يجب أن تستمر وأنه سيتحدث إلى ترامب غدا.", ["REQUEST", "CONSULT"]),
])
def test_event_rules_keep(text, types):
    assert [e.type for e in kept(make_doc(text, published="2025-05-12"))] == types


@pytest.mark.parametrize("text", [
    "تحدث التقرير عن آثار الهجمات على الاقتصاد.",  # an event noun nobody carries out here
    "تابع المراقبون الوضع بحذر.",  # "cautiously"
    "قال المبعوث الذي زار موسكو إن الطقس بارد.",  # restrictive relative clause: background
    "قد تنسحب القوات من المدينة.",  # may withdraw
    "من المحتمل أن يلتقي بوتين ترامب.",  # likely to meet
    "تستطيع فرنسا أن تنسحب من الاتفاق.",  # can withdraw
    "تراجع التوتر بعد وقف الضربات الجوية.",  # the strikes stopped
    "يجب أن توافق روسيا على الهدنة.",  # an obligation nobody is reported to demand
])
def test_event_rules_drop(text):
    assert kept(make_doc(text)) == []


def test_title_line_retells_the_lead_and_gives_no_event():
    text = "بوتين يقترح محادثات\nقال الكرملين إن الطقس بارد."
    assert find_events(make_doc(text, body_start=text.index("\n") + 1)) == []


@pytest.mark.parametrize("text, trigger", [
    ("لا يرى المراقبون أي مؤشر على أن موسكو مستعدة للتفاوض.", "مستعدة"),  # negated matrix verb
    ("لم تجر أوكرانيا محادثات مع روسيا.", "محادثات"),  # negated light verb
])
def test_negation_reaches_the_trigger(text, trigger):
    [event] = find_events(make_doc(text))
    assert (event.trigger, event.negated) == (trigger, True)


@pytest.mark.parametrize("text, position", [("لم يكن تهديدا للجيران.", 2), ("لم يتم التوصل إلى اتفاق.", 2)])
def test_negation_through_a_copula(text, position):
    doc = make_doc(text)
    assert is_negated(build_clause(doc, doc.sentences[0]), position)


def test_obligation_in_reported_speech_is_the_speakers_demand():
    [event] = kept(make_doc("قال زيلينسكي إن روسيا يجب أن توافق على الهدنة."))
    assert (event.type, event.actors, event.targets) == ("REQUEST", ["Volodymyr Zelenskyy"], ["Russia"])


def test_quote_of_the_quotes_layer_gives_the_speaker():
    text = "وأضاف: «روسيا مستعدة للتفاوض»."
    doc = make_doc(text)
    start, end = text.index("روسيا"), text.index("»")
    doc.quotes = [Quote(start, end, text[start:end], True, speaker="Dmitry Peskov")]
    [event] = kept(doc)
    assert (event.type, event.actors) == ("AGREE", ["Dmitry Peskov", "Russia"])


def test_verb_without_a_subject_takes_the_previous_actor():
    events = kept(make_doc("رفض بوتين الهدنة. وقد اقترح أيضا محادثات مع أوكرانيا."))
    assert [(e.type, e.actors[0]) for e in events] == [("REJECT", "Vladimir Putin"), ("REQUEST", "Vladimir Putin")]


def test_predicate_adjective_takes_the_first_mention_of_its_clause():
    [event] = kept(make_doc("أكد زيلينسكي أن أوكرانيا، مع فرنسا، مستعدة للتفاوض."))
    assert event.actors == ["Volodymyr Zelenskyy", "Ukraine"]


def test_second_article_on_a_page_resolves_no_relative_date():
    doc = make_doc("اقترح بوتين أمس محادثات مع أوكرانيا.", published="2025-05-12", part_of="page")
    [event] = events_stage(doc).events
    assert (event.type, event.date) == ("REQUEST", None)


def test_lead_day_is_the_first_day_the_body_names():
    doc = make_doc("أعلن الكرملين يوم الأحد ذلك. ثم وصل الوفد الخميس الماضي.", published="2025-05-12")
    assert find_lead_day(doc) == "2025-05-11"


def test_meetings_with_other_partners_are_not_retellings():
    first = Event("CONSULT", 0, 5, "a", actors=["Marco Rubio"], targets=["Sergey Lavrov"], date="2025-04-04")
    other = Event("CONSULT", 9, 15, "b", actors=["Marco Rubio"], targets=["Andrii Sybiha"], date="2025-04-04",
                  date_how="story-day")
    again = Event("CONSULT", 20, 25, "c", actors=["Sergey Lavrov"], targets=["Marco Rubio"], date="2025-04-04",
                  date_how="story-day")
    assert drop_repeats([first, other, again]) == [first, other]


def test_meeting_other_partners_of_the_same_state_is_no_retelling():
    first = Event("CONSULT", 0, 5, "a", actors=["Marco Rubio"], targets=["Russia", "Ukraine"], date="2025-04-04",
                  date_how="story-day")
    other = Event("CONSULT", 9, 15, "b", actors=["Marco Rubio"], targets=["Ukraine", "Andrii Sybiha"],
                  date="2025-04-04", date_how="story-day")
    again = Event("CONSULT", 20, 25, "c", actors=["Marco Rubio"], targets=["Andrii Sybiha"], date="2025-04-04",
                  date_how="story-day")
    assert drop_repeats([first, other, again]) == [first, other]


def test_undated_retelling_of_a_dated_event_is_dropped():
    first = Event("REQUEST", 0, 5, "a", actors=["Vladimir Putin", "Russia"], date="2025-05-10")
    again = Event("REQUEST", 9, 15, "b", actors=["Vladimir Putin"], date="2025-05-11", date_how="story-day")
    other = Event("REQUEST", 20, 25, "c", actors=["Ukraine", "Russia"], date="2025-05-11", date_how="story-day")
    assert drop_repeats([first, again, other]) == [first, other]


def test_hours_before_a_meeting_take_the_meetings_day():
    text = "أعلن الكرملين اليوم ذلك. والتقى روبيو بوتين يوم الأحد. وقبل ساعات من الاجتماع، حذر ترامب روسيا."
    events = events_stage(make_doc(text, published="2025-05-14")).events
    assert [(e.type, e.date, e.date_how) for e in events][-1] == ("THREATEN", "2025-05-11", "meeting-day")


@pytest.mark.parametrize("text, kind, date", [
    ("قال بوتين يوم الأحد إن روسيا مستعدة للتفاوض.", "AGREE", "2025-05-11"),  # his statement: that day
    ("قال بوتين يوم الأحد إن القوات انسحبت من المدينة.", "RETREAT", None),  # what he reports: undated
])
def test_statement_date_dates_the_speech_act_only(text, kind, date):
    [event] = kept(make_doc(text, published="2025-05-12"))
    assert (event.type, event.date) == (kind, date)


@pytest.mark.parametrize("text, date, how", [
    # a year labelling the deal dates the talks about it; a count does not
    ("ذكر بوتين مسودة الاتفاق 2022 روسيا وأوكرانيا تفاوضتا بعد الغزو.", "2022", "explicit-year"),
    ("أطلقت روسيا 2000 صاروخ على المدن. والتقى روبيو بوتين يوم الأحد.", "2025-05-11", "story-day"),
])
def test_year_after_a_noun_dates_the_event(text, date, how):
    event = events_stage(make_doc(text, published="2025-05-12")).events[0]
    assert (event.date, event.date_how) == (date, how)


@pytest.mark.parametrize("text, quantities", [
    ("أطلقت روسيا 2000 صاروخ على المدن.", [("2000", 2000)]),  # a count before its noun
    ("هاجمت روسيا مواقع اتفاق 2015 الأوكرانية.", []),  # a year after the noun it labels
    ("هاجمت روسيا المدينة عام 2015.", []),
])
def test_four_digit_counts_and_years(text, quantities):
    [event] = kept(make_doc(text))
    assert [(q["text"], q["value"]) for q in event.quantities] == quantities


@pytest.mark.parametrize("text, trigger, actor", [
    ("قال بوتين إنه من الممكن أن يلتقي زيلينسكي قريبا.", "يلتقي", "Vladimir Putin"),  # a possible meeting
    ("قال زيلينسكي إنه إذا نجحت المحادثات فربما نلتقي بوفد روسيا.", "نلتقي", "Volodymyr Zelenskyy"),
    ("وأشار بوتين إلى أن الاتصالات مستمرة لتحديد موعد جولة جديدة من المحادثات مع أوكرانيا.", "المحادثات",
     "Vladimir Putin"),  # a meeting being arranged
])
def test_stated_intent_to_meet_is_agree(text, trigger, actor):
    events = kept(make_doc(text))
    assert [(e.type, e.trigger, e.modality) for e in events] == [("AGREE", trigger, "willingness")]
    assert events[0].actors[0] == actor


@pytest.mark.parametrize("text, types", [
    ("حدد الطرفان موعدا لجولة جديدة من المحادثات بين روسيا والصين.", ["CONSULT"]),  # set: scheduled
    ("وقال بوتين إنه لم يتم تحديد موعد لعقد اجتماع بين روسيا والصين.", []),  # no date set: nothing
    ("ربما يلتقي بوتين ترامب الشهر المقبل.", []),  # a possible meeting nobody is said to state
    ("وقال الوزير إنه تم التوصل إلى تفاهم مع روسيا.", ["AGREE"]),  # passive: an agreement reached
    ("تم تأجيل المحادثات إلى الأسبوع المقبل.", []),  # the passive is of the postponing
])
def test_meeting_plans_and_passives(text, types):
    assert [e.type for e in kept(make_doc(text))] == types


@pytest.mark.parametrize("text", [
    "وقال مسؤول في موسكو، طالبا عدم نشر اسمه، إن الوفد وصل.",
    "وأكد دبلوماسيون طلبوا عدم الكشف عن هوياتهم أن الاتفاق قريب.",
])
def test_asking_to_stay_unnamed_is_no_request(text):
    assert [e.type for e in kept(make_doc(text))] == []


@pytest.mark.parametrize("text, names", [
    ("موسكو (رويترز) - اتهمت أوكرانيا روسيا بالمماطلة.", ["Ukraine", "Russia"]),  # a dateline names no argument
    ("موسكو - اتهمت أوكرانيا روسيا بالمماطلة.", ["Ukraine", "Russia"]),
    ("ووصل إلى موسكو - بحسب الكرملين - وفد من أوكرانيا.", ["Moscow", "Kremlin", "Ukraine"]),  # no dateline
])
def test_a_dateline_opening_the_paragraph_is_left_out_of_the_clause(text, names):
    doc = make_doc(text)
    clause = build_clause(doc, doc.sentences[0])
    assert [mention.name for _, mention, _ in clause.mentions] == names


@pytest.mark.parametrize("text, actors, targets", [
    # a lone ل glued to a name is a preposition: the one spoken to is no speaker
    ("وقال مسؤول لفرنسا إن أوكرانيا ترفض الخطة.", ["Ukraine"], []),
    ("وجهت ألمانيا تحذيرا شديد اللهجة لروسيا.", ["Germany"], ["Russia"]),
    # ل joining a name to an event noun makes it the noun's agent: "Zelensky's meeting"
    ("وكان ذلك أول لقاء لزيلينسكي مع ترامب.", ["Volodymyr Zelenskyy"], ["Donald Trump"]),
])
def test_a_glued_lam_is_a_preposition_except_after_an_event_noun(text, actors, targets):
    event = kept(make_doc(text))[-1]
    assert (event.actors, event.targets) == (actors, targets)


@pytest.mark.parametrize("text, kind", [
    ("شنت روسيا الليلة الماضية هجوما كبيرا على أوكرانيا.", "ASSAULT"),  # a date between verb and noun
    ("عقدت فرنسا يوم الاثنين الماضي محادثات مع ألمانيا.", "CONSULT"),
])
def test_a_date_between_the_light_verb_and_its_event_noun_does_not_count(text, kind):
    assert [e.type for e in kept(make_doc(text, published="2025-05-25"))] == [kind]


def test_a_verb_without_a_subject_takes_the_speaker_earlier_in_its_sentence():
    text = "اتهم زيلينسكي روسيا بالتصعيد.\nوقال الكرملين إن القوات ضربت أهدافا عسكرية، ونفى استهداف المدنيين."
    rejection = next(e for e in kept(make_doc(text)) if e.type == "REJECT")
    assert rejection.actors[0] == "Kremlin"


@pytest.mark.parametrize("text, kind, actors", [
    # feminine and plural speech verbs name the speaker too
    ("وأكدت ألمانيا أن فرنسا مستعدة للتفاوض.", "AGREE", ["Germany", "France"]),
    # a speech verb with no subject after it: the subject opening the sentence speaks
    ("ترامب وروبيو أجريا اتصالا مع زيلينسكي، وأكدوا أن روسيا يجب أن تنسحب.", "REQUEST", ["Donald Trump", "Marco Rubio"]),
    # a complementizer past a relative pronoun is the relative clause's, not the speech verb's
    ("وكان بوتين يشير إلى الخطة، والتي قيل إنها رفضتها أوكرانيا.", "REJECT", ["Ukraine"]),
])
def test_the_speaker_of_the_clause_an_event_is_reported_in(text, kind, actors):
    event = next(e for e in kept(make_doc(text)) if e.type == kind)
    assert event.actors == actors


def test_a_title_noun_before_a_body_and_a_name_makes_the_person_the_actor():
    [event] = kept(make_doc("ورحب أمين حلف الناتو مارك روته بالمبادرة الفرنسية."))
    assert (event.type, event.actors) == ("SUPPORT", ["Mark Rutte", "NATO"])


@pytest.mark.parametrize("text", [
    "وقال بوتين: «كل ضربة أوكرانية تثبت أن كييف لا تريد السلام».",  # every strike: none in particular
    "وحذرت ألمانيا من أن أي هجوم على الحلف سيقابل برد حازم.",
])
def test_an_event_noun_after_a_quantifier_is_no_event(text):
    assert "ASSAULT" not in [e.type for e in kept(make_doc(text))]


def test_a_word_ending_in_ta_marbuta_is_no_verb():
    # "ضربة" folds to the key of "ضربه" (hit him): the noun, carried out by the light verb
    [event] = kept(make_doc("وجهت روسيا ضربة قوية لأوكرانيا."))
    assert (event.type, event.trigger, event.actors) == ("ASSAULT", "ضربة", ["Russia"])


def test_the_subject_inside_a_phrase_trigger_is_its_actor():
    # "فرض عقوبة" spans its own subject: "فرضت ألمانيا عقوبات"
    [event] = kept(make_doc("فرضت ألمانيا عقوبات جديدة على روسيا."))
    assert (event.type, event.actors, event.targets) == ("SANCTION", ["Germany"], ["Russia"])


def test_an_announced_aid_package_is_carried_out_across_a_dated_aside():
    text = "أعلنت ألمانيا، يوم الأربعاء، عن حزمة مساعدات جديدة لأوكرانيا."
    [event] = kept(make_doc(text, published="2025-06-11"))
    assert (event.type, event.actors, event.targets, event.date) == ("AID", ["Germany"], ["Ukraine"], "2025-06-11")


@pytest.mark.parametrize("text, kind, actors, targets", [
    ("رفض بوتين الهدنة، واتهم أوكرانيا بانتهاكها.", "ACCUSE", ["Vladimir Putin"], ["Ukraine"]),
    ("رفض بوتين الهدنة، ودعا أوكرانيا إلى التفاوض.", "REQUEST", ["Vladimir Putin"], ["Ukraine"]),
    ("رحب زيلينسكي بالقرار، واتهمت روسيا كييف بالتصعيد.", "ACCUSE", ["Russia"], ["Kyiv", "Ukraine"]),  # own subject
])
def test_a_verb_joined_by_comma_and_wa_keeps_the_sentences_subject(text, kind, actors, targets):
    event = next(e for e in kept(make_doc(text)) if e.type == kind)
    assert (event.actors, event.targets) == (actors, targets)


@pytest.mark.parametrize("text", ["أطلقت روسيا عشرات المسيرات على أوكرانيا.", "أطلقت روسيا قذائف على أوكرانيا."])
def test_firing_drones_or_shells_is_an_assault(text):
    assert [(e.type, e.actors) for e in kept(make_doc(text))] == [("ASSAULT", ["Russia"])]


@pytest.mark.parametrize("text, kind", [
    ("هاجم ترامب وسائل الإعلام بشدة في خطابه.", "ACCUSE"),  # a person attacking attacks in words
    ("هاجمت روسيا أوكرانيا بالمسيرات.", "ASSAULT"),  # a state attacks
])
def test_an_attack_by_a_person_is_an_attack_in_words(text, kind):
    assert [e.type for e in kept(make_doc(text))] == [kind]


def test_a_date_in_quoted_words_does_not_date_an_event_outside_them():
    doc = make_doc('وزار ترامب موسكو، وقال إن "الاتفاق سيوقع العام المقبل".', published="2025-08-09")
    visit = next(e for e in kept(doc) if e.type == "CONSULT")
    assert visit.date is None
    inside = make_doc('وقال ترامب إن روسيا "ستوقع الاتفاق العام المقبل".', published="2025-08-09")
    assert [e.date for e in kept(inside) if e.type == "AGREE"] == ["2026"]


def test_an_obligation_asked_as_a_question_is_no_demand():
    from marsad import pipeline
    asked = pipeline.run(Document(id="t", text='وتساءل ترامب: "لماذا يجب أن ندفع نحن ثمن هذه الحرب؟"'))
    told = pipeline.run(Document(id="t", text='وقال ترامب: "يجب أن تدفع أوروبا ثمن هذه الحرب".'))
    assert [e.type for e in asked.events] == [] and [e.type for e in told.events] == ["REQUEST"]


@pytest.mark.parametrize("text, expected", [
    # a circumstantial participle after a comma is a second act of the sentence's subject
    ("رفضت ألمانيا الخطة، داعية روسيا إلى الانسحاب.",
     [("REJECT", ["Germany"], []), ("REQUEST", ["Germany"], ["Russia"])]),
    ("وقال زيلينسكي إن الهدنة انهارت، متهما روسيا بخرقها.", [("ACCUSE", ["Volodymyr Zelenskyy"], ["Russia"])]),
    # not without the comma, nor as a noun: "المتهمين" are the accused
    ("وبدأت في كييف محاكمة المتهمين بالتجسس لصالح روسيا.", []),
])
def test_a_participle_after_a_comma_is_an_act_of_the_sentence_subject(text, expected):
    assert [(e.type, e.actors, e.targets) for e in kept(make_doc(text))] == expected


def test_a_city_after_a_meeting_noun_is_where_it_met():
    from marsad.entities.stage import entities_stage
    doc = entities_stage(text_stage(Document(id="t", text="وانتهت محادثات جنيف دون اتفاق.")))
    [event] = kept(doc)
    assert (event.type, event.actors, event.targets, event.place) == ("CONSULT", [], [], "Geneva")
    states = entities_stage(text_stage(Document(id="t", text="وبدأت محادثات روسيا وأوكرانيا في إسطنبول.")))
    assert kept(states)[0].actors == ["Russia", "Ukraine"]  # states after it are the parties


def test_an_unnamed_written_subject_of_a_speech_verb_is_no_one():
    told = kept(make_doc("قال زيلينسكي إن أوكرانيا مستعدة للسلام. وأضاف أن المحادثات جرت في جنيف."))
    seen = kept(make_doc("قال زيلينسكي إن أوكرانيا مستعدة للسلام. ويرى مراقبون أن المحادثات جرت في جنيف."))
    assert [e.actors for e in told if e.type == "CONSULT"] == [["Volodymyr Zelenskyy"]]
    assert [e.actors for e in seen if e.type == "CONSULT"] == [[]]


def test_a_past_act_dated_by_day_and_month_is_not_after_publication():
    past = kept(make_doc("واقترح بوتين في 20 سبتمبر عقد قمة مع ترامب.", published="2025-08-09"))
    coming = kept(make_doc("وسيقترح بوتين في 20 سبتمبر عقد قمة مع ترامب.", published="2025-08-09"))
    assert (past[0].date, coming[0].date) == ("2024-09-20", "2025-09-20")


@pytest.mark.parametrize("text, expected", [
    # a nationality adjective after the attack noun names who attacked
    ("وأسفر قصف روسي استهدف حيا سكنيا عن مقتل ثلاثة مدنيين.", [("ASSAULT", ["Russia"])]),
    # the dead counted before the attack noun show it happened
    ("وقتل شخصان في هجوم بمسيرة على مدينة كورسك.", [("ASSAULT", [])]),
    # an attack only talked about is no event
    ("وتحدث التقرير عن الهجوم الروسي.", []),
])
def test_attack_nouns_read_their_state_and_casualties(text, expected):
    assert [(e.type, e.actors) for e in kept(make_doc(text))] == expected
