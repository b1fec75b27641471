"""Quotes: quotation marks, reported clauses, speakers, verbs and media, on sentences written for these tests."""

from __future__ import annotations

import re

import pytest

from marsad.document import Document, Mention
from marsad.quotes import find_quotes, quotes_stage
from marsad.quotes.lexicon import CUE_KINDS, VERB_KINDS, load_cues, load_speech_verbs
from marsad.quotes.marks import find_quoted_spans
from marsad.text.layer import text_stage
from marsad.settings import using_kb
from marsad.text.normalize import normalize_key

NAMES = {
    "بوتين": ("PER", "Vladimir Putin"), "فلاديمير بوتين": ("PER", "Vladimir Putin"),
    "زيلينسكي": ("PER", "Volodymyr Zelenskyy"), "فولوديمير زيلينسكي": ("PER", "Volodymyr Zelenskyy"),
    "بيسكوف": ("PER", "Dmitry Peskov"), "دميتري بيسكوف": ("PER", "Dmitry Peskov"),
    "ماكرون": ("PER", "Emmanuel Macron"), "ميرتس": ("PER", "Friedrich Merz"),
    "الكرملين": ("ORG", "Kremlin"), "موسكو": ("LOC", "Moscow"), "باريس": ("LOC", "Paris"),
    "برلين": ("LOC", "Berlin"), "الناتو": ("ORG", "NATO"), "إكس": ("MISC", "X"),
}


def make_doc(text: str, extra: dict[str, tuple[str, str | None, str | None]] | None = None) -> Document:
    """A text-stage document with hand-made mentions of NAMES (longest match first)."""
    doc = text_stage(Document(id="t", text=text))
    taken: list[tuple[int, int]] = []
    table = {k: (t, n, None) for k, (t, n) in NAMES.items()} | (extra or {})
    for surface in sorted(table, key=len, reverse=True):
        for match in re.finditer(re.escape(surface), text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            kind, name, stands_for = table[surface]
            doc.mentions.append(Mention(match.start(), match.end(), surface, kind, name and name.lower(),
                                        name, "test", stands_for))
            taken.append((match.start(), match.end()))
    return doc


def quotes_of(text: str, **kwargs) -> list[tuple[str, bool, str | None]]:
    return [(q.text, q.direct, q.speaker) for q in find_quotes(make_doc(text, **kwargs))]


# --- quotation marks -------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("قال: «الطريق ما زال طويلا».", ["الطريق ما زال طويلا"]),
    ("قال: “الطريق ما زال طويلا”.", ["الطريق ما زال طويلا"]),
    ('قال: "الطريق ما زال طويلا".', ["الطريق ما زال طويلا"]),
    ("قال: „الطريق ما زال طويلا“.", ["الطريق ما زال طويلا"]),
    ("قال: ‘الطريق ما زال طويلا’.", ["الطريق ما زال طويلا"]),
    ("صرح أن”الطريق ما زال طويلا”، ثم غادر.", ["الطريق ما زال طويلا"]),  # closing glyph used as opening
    ('قال “الطريق ما زال طويلا" ثم غادر.', ["الطريق ما زال طويلا"]),  # mixed pair
    ("«نحن هنا دائما» و«لن نغادر أبدا».", ["نحن هنا دائما", "لن نغادر أبدا"]),
    ("«قال لنا “نحن هنا دائما” ثم سكت».", ["قال لنا “نحن هنا دائما” ثم سكت"]),  # nested: outermost only
])
def test_quoted_span_text_is_exactly_between_the_marks(text, expected):
    assert [text[s.start:s.end] for s in find_quoted_spans(text)] == expected


def test_unclosed_quote_ends_at_the_next_opening_mark_and_a_stray_attribution_is_dropped():
    text = '"وقال الوزير: "الوضع صعب جدا اليوم. "لكننا سنواصل العمل معا".'
    spans = find_quoted_spans(text)
    assert [(text[s.start:s.end], s.closed) for s in spans] == [
        ("وقال الوزير:", False), ("الوضع صعب جدا اليوم.", False), ("لكننا سنواصل العمل معا", True)]
    assert [q[0] for q in quotes_of(text)] == ["الوضع صعب جدا اليوم.", "لكننا سنواصل العمل معا"]


def test_a_quote_left_open_runs_to_the_paragraph_end_and_the_next_paragraph_keeps_the_speaker():
    text = "قال بوتين: «سنبقى على موقفنا الثابت.\n«ولن نقبل أي إملاءات من الخارج»."
    assert quotes_of(text) == [("سنبقى على موقفنا الثابت.", True, "Vladimir Putin"),
                               ("ولن نقبل أي إملاءات من الخارج", True, "Vladimir Putin")]


def test_a_quote_closed_only_in_the_next_paragraph_goes_on_there():
    # the other convention: no mark reopens the quote, only its end closes it
    text = "قال بوتين: «سنبقى على موقفنا الثابت.\nولن نقبل أي إملاءات من الخارج»، ثم غادر القاعة."
    assert quotes_of(text) == [("سنبقى على موقفنا الثابت.", True, "Vladimir Putin"),
                               ("ولن نقبل أي إملاءات من الخارج", True, "Vladimir Putin")]


def test_a_stray_closing_mark_continues_nothing_after_a_closed_quote():
    text = "قال بوتين: «سنبقى على موقفنا الثابت».\nوتبقى الكلمة الأخيرة» للميدان كما يقول الجنرالات."
    assert [q[0] for q in quotes_of(text)] == ["سنبقى على موقفنا الثابت"]


def test_offsets_index_the_document_text():
    text = "وقال ماكرون: «أوروبا يجب أن تستعد»."
    quote = find_quotes(make_doc(text))[0]
    assert (quote.start, quote.end) == (text.index("أوروبا"), text.index("»"))
    assert text[quote.speaker_start:quote.speaker_end] == "ماكرون"


def test_apostrophe_in_a_latin_name_is_not_a_quote_mark():
    assert find_quoted_spans("التقى O’Brien بالوفد أمس") == []


@pytest.mark.parametrize("text", [
    "وصف بيسكوف الخطة بأنها «مثيرة للقلق».",  # two words
    "نشرت صحيفة «الحياة الجديدة اليوم» تقريرا.",  # a newspaper's name
    "تحدث عن «العملية العسكرية الخاصة» مجددا.",  # a definite term
    "كتب على منصة «إكس» منشورا.",  # a name
    # titles of works, battles and hashtags, however long: named by the word before the mark
    "وألقى الشاعر قصيدة «في هذه المدينة ما يستحق أن نبقى لأجله» في الأمسية.",
    "وصدرت للكاتبة رواية «حين عاد النهر إلى مجراه القديم» العام الماضي.",
    "وتصدر وسم «أوقفوا الحرب الآن ودون أي شروط مسبقة» المنصات.",
    "وشارك اللواء في معركة «استعادة الأرض والكرامة والحرية للجميع» قبل عامين.",
])
def test_quoted_terms_and_titles_are_not_quotes(text):
    assert [q for q in quotes_of(text) if q[1]] == []


def test_quote_interrupted_by_its_attribution_gives_two_pieces_of_one_speaker():
    text = "«نحن مستعدون للحوار، قال بوتين، لكن بشروط واضحة جدا»."
    assert quotes_of(text) == [("نحن مستعدون للحوار", True, "Vladimir Putin"),
                               ("لكن بشروط واضحة جدا", True, "Vladimir Putin")]


# --- reported speech ----------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("قال ماكرون إن أوروبا ستدعم الحل السياسي.", "أوروبا ستدعم الحل السياسي"),
    ("وأكدت باريس أنها لن تغير موقفها الحالي.", "لن تغير موقفها الحالي"),
    ("وأشار ماكرون إلى أن المفاوضات ما زالت ممكنة.", "المفاوضات ما زالت ممكنة"),
    ("وشدد ماكرون على أن الحوار هو الطريق الوحيد.", "الحوار هو الطريق الوحيد"),
    ("نفى الكرملين بأن الوفد غادر القاعة غاضبا.", "الوفد غادر القاعة غاضبا"),
    ("وقال ميرتس: إن الوقت ينفد أمام الجميع.", "الوقت ينفد أمام الجميع"),
    ("وقال ميرتس: الوقت ينفد أمام الجميع.", "الوقت ينفد أمام الجميع"),
    ("أعلنت برلين أنها سترسل مساعدات جديدة، دون أن تحدد قيمتها.", "سترسل مساعدات جديدة"),
])
def test_reported_clause_runs_from_the_complementizer_to_the_clause_end(text, expected):
    assert [q[0] for q in quotes_of(text) if not q[1]] == [expected]


def test_participle_starts_a_new_clause_of_the_same_speaker():
    text = "أكد بيسكوف أن موسكو تريد السلام، مضيفا أن الشروط معروفة للجميع."
    assert quotes_of(text) == [("موسكو تريد السلام", False, "Dmitry Peskov"),
                               ("الشروط معروفة للجميع", False, "Dmitry Peskov")]


def test_conjoined_complementizer_splits_two_reported_clauses():
    text = "وقال زيلينسكي إنه سيزور باريس قريبا، وإن الوفد جاهز للسفر."
    assert [q[0] for q in quotes_of(text)] == ["سيزور باريس قريبا", "الوفد جاهز للسفر"]


def test_a_verb_inside_the_reported_words_does_not_cut_the_clause():
    text = "قال بيسكوف إن بوتين كان يشير إلى محادثات ممكنة مع كييف."
    assert quotes_of(text) == [("بوتين كان يشير إلى محادثات ممكنة مع كييف", False, "Dmitry Peskov")]


@pytest.mark.parametrize("text", [
    "يقال إن الاتفاق بات قريبا جدا.",  # impersonal: nobody speaks
    "ويذكر أن الطرفين التقيا العام الماضي.",
    "يدعو بوتين منذ سنوات إلى نزع سلاح الجيش وتقديم ضمانات مكتوبة ومحددة بأن الحلف لن يتوسع.",  # أن too far
])
def test_no_reported_quote_without_a_speaker_frame(text):
    assert quotes_of(text) == []


# --- speakers -----------------------------------------------------------------------------

@pytest.mark.parametrize("text, speaker, how", [
    ("قال المتحدث باسم الكرملين دميتري بيسكوف إن اللقاء ممكن قريبا.", "Dmitry Peskov", "subject"),
    ("أعلن الكرملين أن اللقاء ممكن قريبا.", "Kremlin", "subject"),
    ("قال مستشار بوتين، دميتري بيسكوف، إن اللقاء ممكن قريبا.", "Dmitry Peskov", "subject"),  # بوتين owns the title
    ("قال مسؤول كبير في الناتو إن اللقاء ممكن قريبا.", None, "anonymous"),
    ("قال مسؤولون أوروبيون إن اللقاء ممكن قريبا.", None, "group"),
    ("وكان بوتين قد صرح أن اللقاء ممكن قريبا.", "Vladimir Putin", "subject_before"),
    ("رحب زيلينسكي، الذي قال إن اللقاء ممكن قريبا، بالمبادرة.", "Volodymyr Zelenskyy", "subject_before"),
])
def test_speaker_of_a_reported_clause(text, speaker, how):
    quote = find_quotes(make_doc(text))[0]
    assert (quote.speaker, quote.how) == (speaker, how)


@pytest.mark.parametrize("text, extra, speaker", [
    # a group word that opens a body's name, or stands right before it, names that body
    ("أكدت الوكالة الأوروبية للأدوية أن اللقاح آمن تماما.", {"الوكالة الأوروبية للأدوية": ("ORG", "EMA", None)}, "EMA"),
    ("ذكرت صحيفة الغارديان أن الحكومة ستستقيل قريبا.", {"الغارديان": ("ORG", "The Guardian", None)}, "The Guardian"),
    ("أفادت وكالة أنباء شينخوا أن الوفد وصل إلى بكين.", {"شينخوا": ("ORG", "Xinhua", None)}, "Xinhua"),
    ("قالت مصادر في باريس إن الوفد وصل مساء أمس.", {"باريس": ("LOC", "Paris", None)}, None),  # a place: no body
    # a place after "في" right before the verb is where, not who: the pronoun verb goes on with the subject
    ("وكانت ألمانيا قد أرسلت معدات إلى مخازن في ليون، قالت إنها \"معدات طبية\" للمستشفيات.",
     {"ألمانيا": ("LOC", "Germany", None), "ليون": ("LOC", "Lyon", None)}, "Germany"),
])
def test_a_group_word_before_a_named_body_gives_that_body(text, extra, speaker):
    assert [q[2] for q in quotes_of(text, extra=extra)] == [speaker]


@pytest.mark.parametrize("text, speaker", [
    ("وقال ماكرون إن فرنسا «لن تتخلى عن حلفائها أبدا».", "Emmanuel Macron"),
    ("انتقد ميرتس الخطة، وقال في مؤتمر صحفي إن برلين «ترفض أي حل مفروض».", "Friedrich Merz"),
    ("انتقد ميرتس الخطة، وقال إن برلين «ترفض أي حل مفروض من الخارج على الإطلاق».", "Friedrich Merz"),
])
def test_a_direct_quote_inside_a_reported_clause_takes_the_verbs_speaker(text, speaker):
    found = quotes_of(text)
    assert {who for _text, _direct, who in found} == {speaker}
    assert any(direct for _text, direct, _who in found)


def test_a_direct_quote_that_is_the_whole_reported_clause_stands_for_it():
    found = quotes_of("وقال ماكرون إن «فرنسا لن تتخلى عن حلفائها أبدا».")
    assert found == [("فرنسا لن تتخلى عن حلفائها أبدا", True, "Emmanuel Macron")]


def test_continuation_and_pronoun_verbs_keep_the_previous_speaker():
    text = "قال ماكرون إن أوروبا موحدة تماما.\nوأضاف أن الدعم سيستمر طويلا.\nوقال إن باريس ستستضيف القمة."
    assert [q[2] for q in quotes_of(text)] == ["Emmanuel Macron"] * 3


def test_title_alone_refers_to_the_person_named_with_that_title():
    text = ("قال المتحدث باسم الكرملين دميتري بيسكوف إن الموعد لم يحدد.\n"
            "قال ماكرون إن باريس مستعدة للاستضافة.\nوأوضح المتحدث أن الوفد سيصل غدا.")
    assert [q[2] for q in quotes_of(text)] == ["Dmitry Peskov", "Emmanuel Macron", "Dmitry Peskov"]


def test_title_with_a_nationality_adjective_must_agree():
    text = ("التقى الرئيس الروسي فلاديمير بوتين نظيره الفرنسي ماكرون.\n"
            "وقال الرئيس الفرنسي إن اللقاء كان مثمرا جدا.")
    assert quotes_of(text)[0][2] is None  # only a Russian president was named: no guess


def test_anonymous_official_stays_null_when_mentioned_again():
    text = "قال مسؤول أوروبي إن العقوبات ستستمر طويلا.\nوأضاف المسؤول أن القرار نهائي وحاسم."
    assert [q[2] for q in quotes_of(text)] == [None, None]


@pytest.mark.parametrize("text", [
    "«سنواصل العمل مع شركائنا»، قال ماكرون.",
    "«سنواصل العمل مع شركائنا»، هكذا ختم ماكرون كلمته.",
    "«سنواصل العمل مع شركائنا» كتب ماكرون على إكس.",
    "وقال ماكرون في كلمة مساء أمس «سنواصل العمل مع شركائنا».",
    "قال ماكرون إن فرنسا «ستواصل العمل مع شركائها» دائما.",
])
def test_direct_quote_speaker_from_a_verb_before_after_or_around_it(text):
    quotes = [q for q in quotes_of(text) if q[1]]
    assert [q[2] for q in quotes] == ["Emmanuel Macron"]


def test_second_quote_without_a_verb_keeps_the_speaker_of_the_first():
    text = "قال ماكرون: «الحرب يجب أن تنتهي». «ولا بديل عن التفاوض المباشر»."
    assert [q[2] for q in quotes_of(text)] == ["Emmanuel Macron", "Emmanuel Macron"]


def test_a_side_phrase_speaks_for_its_state_and_plain_demonym_phrases_do_not():
    extra = {"الجانب الروسي": ("ORG", None, "Russia"), "القادة الأوروبيون": ("ORG", None, "Europe")}
    assert quotes_of("وأكد الجانب الروسي أن المحادثات ستستمر.", extra=extra)[0][2] == "Russia"
    assert quotes_of("وأكد القادة الأوروبيون أن المحادثات ستستمر.", extra=extra)[0][2] is None


def test_a_source_fronted_by_wifqan_li_speaks_for_the_participle_after_it():
    text = "ووفقًا لـ ماكرون، فإن أوروبا مستعدة للمساعدة، مشيرًا إلى أن الاجتماع المقبل سيعقد في باريس."
    assert ("الاجتماع المقبل سيعقد في باريس", False, "Emmanuel Macron") in quotes_of(text)


def test_an_army_speaks_for_its_state():
    extra = {"الجيش الأوكراني": ("ORG", None, "Ukraine")}
    assert quotes_of("وأعلن الجيش الأوكراني أنه صد هجوما واسعا قرب المدينة.", extra=extra)[0][2] == "Ukraine"


# --- verb, medium, verb-less attribution -----------------------------------------------------

@pytest.mark.parametrize("text, verb", [
    ("نفت موسكو أن قواتها قصفت المدينة.", "نفى"),
    ("وقالت موسكو إن قواتها لم تقصف المدينة.", "قال"),
    ("وزعمت موسكو أن قواتها لم تقصف المدينة.", "زعم"),
])
def test_verb_is_recorded_as_its_lemma(text, verb):
    assert find_quotes(make_doc(text))[0].verb == verb


@pytest.mark.parametrize("text, medium", [
    ("وكتب ماكرون في منشور على إكس أن الدعم مستمر دائما.", "X post"),
    ("وقال بيسكوف خلال مؤتمر صحفي إن الدعم غير مقبول أبدا.", "press conference"),
    ("وقال ماكرون في مقابلة تلفزيونية إن الدعم مستمر دائما.", "TV interview"),
    ("وكتب بيسكوف على تليغرام أن الدعم غير مقبول أبدا.", "Telegram"),
    ("وقال ماكرون إن الدعم مستمر دائما.", None),
])
def test_medium_is_read_from_the_cue_lexicon(text, medium):
    assert find_quotes(make_doc(text))[0].medium == medium


@pytest.mark.parametrize("text, speaker", [
    ("«سيصل الوفد إلى برلين يوم الخميس»، بحسب ماكرون.", "Emmanuel Macron"),
    ("«سيصل الوفد إلى برلين الخميس»، حسبما نقلت وكالة أنباء عن بيسكوف.", "Dmitry Peskov"),
])
def test_verbless_attribution_credits_an_unattributed_direct_quote(text, speaker):
    quote = find_quotes(make_doc(text))[0]
    assert (quote.direct, quote.speaker, quote.how.startswith("according")) == (True, speaker, True)


@pytest.mark.parametrize("text, speaker", [
    ("سيصل الوفد إلى برلين يوم الخميس، بحسب ماكرون.", "Emmanuel Macron"),
    ("وفقا لبيسكوف، سيصل الوفد إلى برلين يوم الخميس.", "Dmitry Peskov"),
])
def test_verbless_attribution_reports_a_whole_statement(text, speaker):
    assert quotes_of(text) == [("سيصل الوفد إلى برلين يوم الخميس", False, speaker)]


@pytest.mark.parametrize("text", [
    "وحرص ماكرون، بحسب مكتبه، على زيارة برلين قبل القمة.",
    "وصل الوفد، بحسب مصادر، إلى برلين.",
])
def test_verbless_attribution_around_an_aside_or_without_a_named_source_is_no_quote(text):
    assert quotes_of(text) == []


def test_content_noun_opens_a_clause_of_the_sentence_subject():
    text = "وجه بوتين تحذيرا مفاده أن موسكو سترد بقوة على أي هجوم."
    assert quotes_of(text) == [("موسكو سترد بقوة على أي هجوم", False, "Vladimir Putin")]


def test_stage_sets_doc_quotes():
    doc = quotes_stage(make_doc("قال ماكرون إن أوروبا ستدعم الحل."))
    assert [q.text for q in doc.quotes] == ["أوروبا ستدعم الحل"]


# --- lexicons -----------------------------------------------------------------------------

def test_speech_verb_lexicon_has_forms_of_every_kind():
    verbs = load_speech_verbs()
    assert {v.kind for v in verbs.values()} == set(VERB_KINDS)
    assert verbs[normalize_key("مؤكداً")].lemma == "أكد" and verbs[normalize_key("مؤكداً")].kind == "participle"


@pytest.mark.parametrize("text, quoted", [
    ("وتوقع ماكرون أن تستمر المحادثات أسابيع أخرى.", "تستمر المحادثات أسابيع أخرى"),
    ("وأخبر ماكرون الصحفيين أن الهجوم كان واسعا جدا.", "الهجوم كان واسعا جدا"),
])
def test_expecting_and_telling_report_speech(text, quoted):
    assert quotes_of(text) == [(quoted, False, "Emmanuel Macron")]


def test_an_expressed_feeling_in_quotes_is_the_speakers():
    text = 'وأعرب ماكرون عن "خيبة أمل عميقة" إزاء القرار، محذرا من أن "الملايين سيدفعون الثمن".'
    assert [(q[0], q[2]) for q in quotes_of(text) if q[1]] == [
        ("خيبة أمل عميقة", "Emmanuel Macron"), ("الملايين سيدفعون الثمن", "Emmanuel Macron")]


def test_a_comment_with_bil_qawl_is_a_statement():
    assert quotes_of("وعلق ماكرون على الخطة بالقول إن بعض بنودها قابلة للنقاش.") == [
        ("بعض بنودها قابلة للنقاش", False, "Emmanuel Macron")]


def test_attribution_lexicon_has_every_kind():
    assert set(load_cues().by_kind) == set(CUE_KINDS)


# --- speech verbs that are not assertions ---------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("وقال ماكرون إن القمة تمثل تحولا لافتا في موقف أوروبا.", "القمة تمثل تحولا لافتا في موقف أوروبا"),
    ("وقال بيسكوف مجددا إن الحوار ممكن مع باريس.", "الحوار ممكن مع باريس"),
])
def test_a_participle_used_as_adjective_or_adverb_neither_cuts_nor_blocks_a_clause(text, expected):
    assert [q[0] for q in quotes_of(text)] == [expected]


@pytest.mark.parametrize("text", [
    "طلب ماكرون من ميرتس أن يكتب في رسالته أن الدعم مستمر.",  # subjunctive: asked to write
    "عندما يرى الحلف أن أمنه مهدد يطلب مشاورات عاجلة.",  # a general case, nobody speaks
    "وُصف اللقاء بأنه الأهم منذ سنوات طويلة.",  # passive: nobody named
    "وطالب زيلينسكي بأن تنسحب القوات من أراضي بلاده.",  # a demand reports no words
])
def test_irrealis_passive_and_demand_verbs_open_no_quote(text):
    assert quotes_of(text) == []


def test_a_temporal_conjunction_keeps_the_verb_a_speech_verb_and_ends_the_clause_before_it():
    text = "قال ماكرون إن الحوار ضروري جدا، قبل أن يكتب على إكس: «لن نتراجع عن دعمنا أبدا»."
    quotes = find_quotes(make_doc(text))
    assert [(q.text, q.speaker, q.verb, q.medium) for q in quotes] == [
        ("الحوار ضروري جدا", "Emmanuel Macron", "قال", None),
        ("لن نتراجع عن دعمنا أبدا", "Emmanuel Macron", "كتب", "X post")]


# --- clause boundaries ----------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("قال بيسكوف إن الوفد سيصل غدا، وهو ما لم تؤكده باريس.", ["الوفد سيصل غدا"]),
    ("وأشار ماكرون إلى أن الهدنة انتهكت، على حد قوله، عشرات المرات.", ["الهدنة انتهكت، على حد قوله، عشرات المرات"]),
    ("وقال ميرتس إن اللقاء ما زال بعيدا، وإن كان الطرفان قد ناقشاه.", ["اللقاء ما زال بعيدا، وإن كان الطرفان قد ناقشاه"]),
    ("وأكد ماكرون على دعمه الكامل، وأن الحدود لن تتغير بالقوة.", ["الحدود لن تتغير بالقوة"]),
    ("أكد بيسكوف أن الوفد سيصل غدا، وشكر باريس على الاستضافة.", ["الوفد سيصل غدا"]),
    ("قال بيسكوف إن الوفد سيصل غدا، مكتفيا بالقول إن الموعد سري.", ["الوفد سيصل غدا", "الموعد سري"]),
    ("وحذر ماكرون يوم الجمعة، بعد لقاء في برلين، من أن الوقت ينفد.", ["الوقت ينفد"]),
    ("وأعلن ماكرون خطة جديدة، على أن تمولها برلين وباريس معا.", []),
])
def test_reported_clause_boundaries(text, expected):
    assert [q[0] for q in quotes_of(text)] == expected


def test_a_quoted_format_name_after_bisigha_is_a_term():
    assert quotes_of("عقد اللقاء بصيغة «ثلاثة مقابل ثلاثة» في برلين.") == []


def test_headline_quotes_restate_the_body_and_are_dropped():
    text = "بوتين يقول إن الحرب ستنتهي قريبا\nقال بوتين إن الحرب ستنتهي قريبا جدا."
    doc = make_doc(text)
    doc.body_start = text.index("\n") + 1
    assert [q.text for q in find_quotes(doc)] == ["الحرب ستنتهي قريبا جدا"]


# --- speakers: subjects written before the verb, pronouns, continuation ------------------------

@pytest.mark.parametrize("text, speaker, how", [
    ("وكان الرئيس الفرنسي ماكرون، الذي التقى ميرتس في برلين، قد أعلن أن الدعم مستمر.", "Emmanuel Macron", "subject_before"),
    ("وكان مسؤول في الكرملين قد أعلن أن الموعد لم يحدد.", None, "anonymous"),
    ("لكن مصدرا في الوفد الفرنسي قال لوسائل الإعلام إن الاجتماع تأجل.", None, "anonymous"),
    ("أما ماكرون فاتهم بوتين بأنه يماطل في المفاوضات.", "Emmanuel Macron", "subject_before"),
    ("أما ماكرون، الذي وصل متأخرا، فقد كتب أن الاجتماع تأجل.", "Emmanuel Macron", "subject_before"),
    ("وكان زيلينسكي قد زار برلين والتقى ميرتس، بعدما أعلن أن المحادثات ستستمر.", "Volodymyr Zelenskyy", "pronoun"),
    ("وفي باريس، رحب ماكرون بالاتفاق، وقال إن المحادثات ستستمر.", "Emmanuel Macron", "pronoun"),
    ("التقى القادة ماكرون وميرتس، وأكدوا أن الدعم مستمر.", None, "group"),
    ("وجاء في بيان صادر عن الكرملين أن الموعد لم يحدد بعد.", "Kremlin", "venue"),
    ("وجاء في البيان الختامي أن الموعد لم يحدد بعد.", None, "venue"),
    ("وردّ بيسكوف بأن الموعد لم يحدد بعد.", "Dmitry Peskov", "subject"),
])
def test_speaker_written_before_the_verb_or_implied(text, speaker, how):
    quote = find_quotes(make_doc(text))[0]
    assert (quote.speaker, quote.how) == (speaker, how)


@pytest.mark.parametrize("text, speakers", [
    ("قال بوتين إن روسيا مستعدة للحوار.\nوالتقى ماكرون ميرتس في برلين.\nوكتب أن أوروبا موحدة.",
     ["Vladimir Putin", "Emmanuel Macron"]),  # a person named since the last speaker writes on
    ("قال بوتين إن روسيا مستعدة للحوار.\nوالتقى ماكرون ميرتس في برلين.\nوأضاف أن الحوار ممكن.",
     ["Vladimir Putin", "Vladimir Putin"]),  # "وأضاف" goes on with the last speaker
    ("قال ماكرون إن الدعم مستمر، لكنه طالب بالمزيد من الضمانات.\nوأضاف أن أوروبا موحدة.",
     ["Emmanuel Macron", "Emmanuel Macron"]),  # "لكنه طالب": the pronoun is the subject
    ("«لدينا موقف ثابت من المفاوضات»، قال بوتين. «نأمل أن يرد ماكرون بالمثل».\nوأضاف أن الحوار ممكن.",
     ["Vladimir Putin", "Vladimir Putin", "Vladimir Putin"]),  # a name inside a quote is no new subject
])
def test_continuation_across_sentences(text, speakers):
    assert [q[2] for q in quotes_of(text)] == speakers


def test_a_place_after_a_masculine_verb_is_its_object_not_its_speaker():
    text = "قال بوتين إن اللقاء كان جيدا.\nوحذر باريس من أن «التصعيد سيضر الجميع دون استثناء»."
    quote = find_quotes(make_doc(text))[-1]
    assert (quote.speaker, quote.target) == ("Vladimir Putin", "Paris")


# --- targets --------------------------------------------------------------------------------

PLACES = {"روسيا": ("LOC", "Russia", None), "الصين": ("LOC", "China", None),
          "الجانب الروسي": ("ORG", None, "Russia"), "الاتهامات الأمريكية": ("ORG", None, "United States")}


@pytest.mark.parametrize("text, target", [
    ("اتهم زيلينسكي روسيا بأنها تماطل في المفاوضات.", "Russia"),  # object of اتهم
    ("قال ماكرون إن موسكو تماطل في المفاوضات.", "Moscow"),  # the clause opens with it
    ("نفى الكرملين الاتهامات الأمريكية، مؤكدا أن الوفد سيحضر الاجتماع.", "United States"),  # demonym phrase
    ("شكر بوتين الصين على دعمها، قائلا إن العلاقات ممتازة جدا.", "China"),  # object of the verb before
    ("وحذر ميرتس في برلين من أن روسيا تختبر أوروبا.", "Russia"),  # "في برلين" is where, not whom
    ("أكد الجانب الروسي أن روسيا مستعدة للحوار.", None),  # the speaker's own side
    ("قال ماكرون إن الوفد سيصل غدا.", None),  # about no entity
    ("قال ماكرون: «موسكو تماطل في المفاوضات دائما».", None),  # direct quote, verb with no object
])
def test_target_of_a_quote(text, target):
    assert find_quotes(make_doc(text, extra=PLACES))[0].target == target


# --- media ----------------------------------------------------------------------------------

@pytest.mark.parametrize("phrase, medium", [
    ("في منشور على إكس", "X post"),
    ("في منشور على تويتر", "X post"),
    ("في منشور على تلغرام", "Telegram"),
    ("في منشور على فيسبوك", "Facebook post"),
    ("على منصة تروث سوشيال", "Truth Social"),
    ("على منصته", "social media post"),
    ("في مقابلة تلفزيونية", "TV interview"),
    ("في مقابلة مع قناة فرنسية", "TV interview"),
    ("في مؤتمر صحفي", "press conference"),
    ("في مؤتمر صحافي مشترك", "press conference"),
    ("في بيان", "statement"),
    ("في تصريحات للصحفيين", "to reporters"),
    ("في رسالة إلى القادة", "letter"),
    ("في خطاب أمام البرلمان", "speech"),
    ("في تصريح لقناة محلية", "TV interview"),
    ("في حديث لوكالة أنباء ألمانية", "news agency interview"),
    ("في تصريحات لصحيفة يومية", "newspaper interview"),
    ("في تصريحات خاصة لموقعنا", "exclusive interview"),
    ("لقناة محلية", "TV interview"),
    ("لصحيفة يومية", "newspaper interview"),
])
def test_medium_cues(phrase, medium):
    assert find_quotes(make_doc(f"وقال ماكرون {phrase} إن الدعم مستمر دائما."))[0].medium == medium


def test_medium_is_read_before_the_reported_words_not_inside_them():
    assert find_quotes(make_doc("وقال ماكرون إن البيان الختامي لم يصدر بعد."))[0].medium is None


def test_a_venue_verb_needs_fi_and_otherwise_is_no_speech_verb():
    assert quotes_of("وجاء الرد سريعا بأن الموعد مناسب للجميع.") == []


def test_person_in_apposition_after_an_according_title_is_the_source():
    text = ("قال الرئيس الأمريكي دونالد ترامب إن الحرب يجب أن تنتهي. "
            "وأسقطت الدفاعات الجوية عشرين مسيرة فوق المدينة خلال الليل، حسبما ذكر رئيس الإقليم، سيرغي كاراس.")
    mentions = {"دونالد ترامب": ("PER", "Donald Trump", None), "كاراس": ("PER", "Sergei Karas", None)}
    quotes = {q.text: q.speaker for q in find_quotes(make_doc(text, mentions))}
    assert quotes["وأسقطت الدفاعات الجوية عشرين مسيرة فوق المدينة خلال الليل"] == "Sergei Karas"


@pytest.mark.parametrize("text, speaker", [
    # a relay names the medium, then the source after عن: the source spoke
    ("ونقلت وكالة تاس عن بيسكوف قوله إن الموعد لم يحدد بعد.", "Dmitry Peskov"),
    ("نقلت قناة الجزيرة عن المتحدث باسم الكرملين دميتري بيسكوف قوله إن اللقاء ممكن.", "Dmitry Peskov"),
    ("ونقلت وكالة تاس عن مصدر مطلع قوله إن الموعد لم يحدد بعد.", None),  # an unnamed source
    ("ونقلت وكالة تاس أن الموعد لم يحدد بعد.", "TASS"),  # no source: the medium reports
])
def test_a_relayed_statement_is_the_sources(text, speaker):
    extra = {"وكالة تاس": ("ORG", "TASS", None), "قناة الجزيرة": ("ORG", "Al Jazeera", None)}
    assert [q[2] for q in quotes_of(text, extra=extra)] == [speaker]


def test_a_relay_verb_moving_things_is_no_quote():
    assert quotes_of("ونقلت الطائرات المساعدات إلى المدينة أمس.") == []


@pytest.mark.parametrize("text, speaker, quoted", [
    ("وبحسب الكرملين، فإن الاجتماع سيعقد في جنيف الأسبوع المقبل.", "Kremlin",
     "الاجتماع سيعقد في جنيف الأسبوع المقبل"),
    # the relative "ما" and its verb stand between the cue and the source
    ("وبحسب ما أوردته الكرملين، فإن الاجتماع سيعقد في جنيف الأسبوع المقبل.", "Kremlin",
     "الاجتماع سيعقد في جنيف الأسبوع المقبل"),
    ("ووفقا لما أعلنه الكرملين، فإن الاجتماع سيعقد في جنيف الأسبوع المقبل.", "Kremlin",
     "الاجتماع سيعقد في جنيف الأسبوع المقبل"),
])
def test_a_statement_credited_by_bhasab_is_the_clause_after_fa_inna(text, speaker, quoted):
    assert quotes_of(text) == [(quoted, False, speaker)]


@pytest.mark.parametrize("text", ["وبحسب الخطة، فإن الانسحاب سيبدأ خلال ثلاثة أشهر من التوقيع.",
                                  "وبحسب مصادر دبلوماسية، فإن الاجتماع سيعقد في جنيف الأسبوع المقبل."])
def test_according_to_a_plan_or_unnamed_sources_is_no_quote(text):
    assert quotes_of(text) == []


@pytest.mark.parametrize("text, speaker", [
    # an official's noun, their office, then their name: the name speaks
    ("وقالت مسؤولة الشؤون الخارجية في الحزب ماري لوران إن الحزب سيصوت ضد القرار.", "Marie Laurent"),
    # a name further on, inside a relative clause, is someone else
    ("«لن نتراجع عن موقفنا أبدا»، قال مسؤول كبير في الحلف على هامش الاجتماع الذي حضره ماكرون.", None),
    # a title with its own possessive suffix takes no owner: the name after it is the holder
    ("انتقد الحزب القرار، وقال رئيسه ماكرون في بيان إن الجلسة غير قانونية.", "Emmanuel Macron"),
    # a feminine relative pronoun before a feminine verb: its antecedent speaks
    ("التقى الوفد الوزيرة ماري لوران، التي أكدت أن الانتخابات ستجري في موعدها.", "Marie Laurent"),
    # before a masculine verb it is an object relative ("which he says"): not the antecedent
    ("يقترح بوتين عقد المحادثات في باريس التي يقول إن الاتفاق فيها ممكن.", "Vladimir Putin"),
])
def test_a_speaker_named_after_an_office_a_title_or_a_relative_pronoun(text, speaker):
    extra = {"ماري لوران": ("PER", "Marie Laurent", None)}
    assert [q[2] for q in quotes_of(text, extra=extra)] == [speaker]


def test_a_paragraph_opening_with_a_quote_and_mudifan_goes_on_with_the_last_speaker():
    text = ("قال ماكرون في خطاب مساء السبت: «لن نتخلى عن حلفائنا أبدا.\n"
            "«نحن نريد السلام، لكن ليس بأي ثمن»، مضيفا أن باريس تنتظر ردا من موسكو.")
    assert [who for _text, _direct, who in quotes_of(text)] == ["Emmanuel Macron"] * 3


# --- titles: one that begins with و, a nationality after the portfolio ---------------------------

OFFICIALS = {"ماركو روبيو": ("PER", "Marco Rubio", None), "إيفيت كوبر": ("PER", "Yvette Cooper", None)}


@pytest.mark.parametrize("text, speaker", [
    # "وزير" is the title, not و + "زير": the title alone later names the minister
    ("قالت وزيرة الخارجية البريطانية إيفيت كوبر إن لندن ستفرض عقوبات جديدة.\nوتحدث ماكرون عن القمة.\n"
     "وقالت الوزيرة إن العقوبات تستهدف قطاع الطاقة.", "Yvette Cooper"),
    # the nationality stands after the portfolio ("وزير الخارجية الأميركي"), not on "الخارجية"
    ("قال وزير الخارجية الأميركي ماركو روبيو إن واشنطن لن تنتظر طويلا.\nوالتقى ماكرون ميرتس في باريس.\n"
     "وقال الوزير الأمريكي إن الوقت ينفد أمام الطرفين.", "Marco Rubio"),
])
def test_a_title_alone_names_the_minister_introduced_with_it(text, speaker):
    assert quotes_of(text, extra=OFFICIALS)[-1][2] == speaker


def test_a_minister_of_another_state_is_not_the_one_named():
    text = ("قال وزير الخارجية الأميركي ماركو روبيو إن واشنطن لن تنتظر طويلا.\n"
            "وقال الوزير الروسي إن موسكو لا تستعجل أي اتفاق.")
    assert quotes_of(text, extra=OFFICIALS)[-1][2] is None


# --- conjunctions ending in أن ----------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    # "بعد أن"/"قبل أن" open a time clause; an أن inside it is that clause's, not the verb's
    ("وأعلنت باريس حالة الطوارئ في المدينة بعد أن تبين أن السدود مهددة بالانهيار.", []),
    ("وأعلن الناتو انسحابه من القاعدة قبل أن يتضح أن المسلحين غادروها.", []),
    # after the aside's comma the verb's own إن still opens its words
    ("وقال بوتين، بعد أن التقى ماكرون في الكرملين، إن روسيا مستعدة لمناقشة الهدنة.",
     ["روسيا مستعدة لمناقشة الهدنة"]),
])
def test_an_an_inside_a_time_clause_opens_no_reported_words(text, expected):
    assert [q[0] for q in quotes_of(text)] == expected


# --- who the words were told to -----------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "وقال مصدر مطلع لرويترز إن الوفدين سيلتقيان مجددا يوم الأحد.",
    "وقال مصدر مطلع لوكالة رويترز إن الوفد سيعود إلى باريس.",
    "وقالت مصادر لقناة العربية إن واشنطن تضغط على الطرفين.",
])
def test_a_body_the_anonymous_source_spoke_to_is_not_the_speaker(text):
    extra = {"رويترز": ("ORG", "Reuters", None), "وكالة رويترز": ("ORG", "Reuters", None),
             "قناة العربية": ("ORG", "Al Arabiya", None)}
    assert [q[2] for q in quotes_of(text, extra=extra)] == [None]


def test_a_group_word_before_a_body_still_names_it():
    extra = {"رويترز": ("ORG", "Reuters", None)}
    assert quotes_of("وقالت وكالة رويترز إن الوفد سيعود إلى باريس.", extra=extra)[0][2] == "Reuters"


@pytest.mark.parametrize("text", [
    "وقال ماكرون إن الاتفاق قريب.\nلكن مصدرا مطلعا على المحادثات قال إن خلافات جوهرية لا تزال قائمة.",
    "وقال ماكرون إن الاتفاق قريب.\nغير أن مسؤولا مقربا من الوفد قال إن الطريق ما زال طويلا.",
])
def test_an_anonymous_source_with_a_modifier_and_a_complement_is_not_the_last_speaker(text):
    assert [q[2] for q in quotes_of(text)] == ["Emmanuel Macron", None]


def test_a_place_after_ala_is_no_subject_before_the_verb():
    text = "وسيطر الجيش على باريس، قال إنه قتل العشرات من المسلحين."
    assert quotes_of(text)[0][2] != "Paris"


@pytest.mark.parametrize("text, expected", [
    ("وكما قال ماكرون، فإن أوروبا يجب أن تتحمل مسؤولية أمنها بنفسها.",
     [("أوروبا يجب أن تتحمل مسؤولية أمنها بنفسها", False, "Emmanuel Macron")]),
    ("وحسبما أوضح بيسكوف، فإن الوفد لن يغادر قبل توقيع الاتفاق.",
     [("الوفد لن يغادر قبل توقيع الاتفاق", False, "Dmitry Peskov")]),
])
def test_fa_inna_after_the_comma_opens_the_words_a_kama_qala_phrase_credits(text, expected):
    assert quotes_of(text) == expected


# --- a bare title resolved through the offices the knowledge base knows ------------------------

def _doc_with_kb_people(text: str, people: dict[str, str]) -> Document:
    """A text-stage document (published 2025-05-12) whose mentions carry real KB ids."""
    doc = text_stage(Document(id="t", text=text, published="2025-05-12"))
    for surface, entity_id in people.items():
        for match in re.finditer(surface, text):
            doc.mentions.append(Mention(match.start(), match.end(), surface, "PER", entity_id,
                                        entity_id, "test"))
    doc.mentions.sort(key=lambda mention: mention.start)
    return doc


@pytest.mark.parametrize("text, people, speaker", [
    # named without his title, then "the director general" adds: the KB knows he holds that office
    ("وقال غروسي إن الوكالة تحتاج إلى ضمانات.\nوأضاف المدير العام: «لا يمكننا التحقق من أي شيء دون وصول كامل».",
     {"غروسي": "per:rafael_grossi"}, "per:rafael_grossi"),
    ("قال بيسكوف إن الموعد لم يحدد.\nوأوضح المتحدث أن الوفد سيصل غدا إلى إسطنبول.",
     {"بيسكوف": "per:dmitry_peskov"}, "per:dmitry_peskov"),
    # nobody named holds a spokesperson's office: still no guess
    ("قال ماكرون إن الموعد لم يحدد.\nوأوضح المتحدث أن الوفد سيصل غدا إلى إسطنبول.",
     {"ماكرون": "per:emmanuel_macron"}, None),
])
def test_a_bare_title_names_the_person_the_kb_knows_holds_it(text, people, speaker):
    assert find_quotes(_doc_with_kb_people(text, people))[-1].speaker == speaker


# --- passive speech verbs ---------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("وأفيد بأن القوات انسحبت من المدينة فجر اليوم.", [("القوات انسحبت من المدينة فجر اليوم", False, None)]),
    ("وأُعلن في باريس أن جولة جديدة من المحادثات ستعقد الأسبوع المقبل.",
     [("جولة جديدة من المحادثات ستعقد الأسبوع المقبل", False, None)]),
    # a passive between a speaker and "وأضاف" names nobody to go on with
    ("قال ماكرون إن الدعم مستمر.\nوأفيد بأن الوفد وصل إلى برلين.\nوأضاف أن أوروبا موحدة.",
     [("الدعم مستمر", False, "Emmanuel Macron"), ("الوفد وصل إلى برلين", False, None),
      ("أوروبا موحدة", False, "Emmanuel Macron")]),
])
def test_a_passive_speech_verb_reports_words_of_nobody_named(text, expected):
    assert quotes_of(text) == expected


# --- scare quotes in the writer's own sentence ---------------------------------------------------

@pytest.mark.parametrize("text", [
    'وارتفعت أسعار الخبز بنسبة "خمسين في المئة" خلال شهر واحد.',
    "وتحولت المفاوضات إلى ما يشبه «حوار الطرشان بين الجانبين» وفق مراقبين.",
    "وانتشرت على الجدران عبارة «لا للحرب لا للجوع» في أحياء المدينة.",
])
def test_a_short_quoted_phrase_the_narration_runs_through_is_no_quote(text):
    assert quotes_of(text) == []


@pytest.mark.parametrize("text", [
    # a long quote joined by و is somebody's words even with nobody named in its sentence
    'ولا تزال المسيرات تضرب المدن و"لا تزال هناك خلافات عميقة بين الطرفين حول قائمة الأهداف المحظورة".',
    # after a colon: words said, even short ones
    "وكتبت على لافتة: «لا للحرب أبدا».",
])
def test_an_unattributed_quote_that_is_not_a_narrated_phrase_stays(text):
    assert len(quotes_of(text)) == 1


def test_a_short_quote_inside_someones_reported_words_stays_theirs():
    text = "وقال ماكرون إن الأسعار ارتفعت بنسبة «خمسين في المئة» خلال شهر واحد."
    assert ("خمسين في المئة", True, "Emmanuel Macron") in quotes_of(text)


@pytest.mark.parametrize("text, lemma", [
    ("ونبّه ماكرون إلى أن الوقت ينفد أمام المفاوضين.", "نبه"),
    ("واستبعد بيسكوف أن يعقد لقاء بين الرئيسين قريبا.", "استبعد"),
    ("وألمح ميرتس إلى أن برلين قد تعيد النظر في موقفها.", "ألمح"),
    ("وأوردت وكالة رويترز أن الاتحاد يعد حزمة عقوبات جديدة.", "أورد"),
    ("وبيّنت الدراسة أن الأسعار ارتفعت بشكل حاد هذا العام.", "بين"),
    ("ولفتوا إلى أن الأزمة تتفاقم يوما بعد يوم.", "لفت"),
])
def test_more_speech_verbs_open_reported_clauses(text, lemma):
    quotes = find_quotes(make_doc(text))
    assert [q.verb for q in quotes] == [lemma]


def test_a_bare_title_names_a_person_the_users_own_kb_file_says_holds_it(tmp_path):
    # a spokesman known only to the user's --kb file: the quote layer reads the same KB the entity stage linked with
    mine = tmp_path / "mine.jsonl"
    mine.write_text('{"id": "per:yusuf_haddad", "name": "Yusuf Haddad", "type": "PER", "aliases": ["يوسف حداد"],'
                    ' "roles": [{"title": "المتحدث باسم الوزارة", "from": "2020-01-01", "to": null}]}\n',
                    encoding="utf-8")
    text = "قال يوسف حداد إن الموعد لم يحدد.\nوأوضح المتحدث أن الوفد سيصل غدا إلى إسطنبول."
    with using_kb([mine]):
        assert find_quotes(_doc_with_kb_people(text, {"يوسف حداد": "per:yusuf_haddad"}))[-1].speaker == "per:yusuf_haddad"


# --- round two: wire, Gulf, interview and statement styles ---------------------------------

@pytest.mark.parametrize("text, quoted, direct", [
    ("وغرّد ماكرون: «أوروبا لن تتخلى عن حلفائها أبدا».", "أوروبا لن تتخلى عن حلفائها أبدا", True),
    ("وغرد ميرتس بأن برلين ستزيد دعمها العسكري لكييف.", "برلين ستزيد دعمها العسكري لكييف", False),
])
def test_tweeting_is_a_speech_verb(text, quoted, direct):
    quotes = find_quotes(make_doc(text))
    assert [(q.text, q.direct, q.verb, q.speaker is not None) for q in quotes] == [(quoted, direct, "غرد", True)]


def test_words_written_on_a_banner_have_no_speaker():
    text = "ورفع المحتجون لافتات كتب عليها «لا للحرب ونعم للخبز والحرية والعدالة» أمام البرلمان."
    assert quotes_of(text) == []


@pytest.mark.parametrize("text, speaker", [
    # an honorific with its pronoun ("سموه"، "فخامته") is the subject: the person the story is about
    ("واستقبل بوتين في الكرملين وفدا من رجال الأعمال.\nوأكد فخامته أن موسكو منفتحة على الاستثمارات الأجنبية.",
     "Vladimir Putin"),
    # an honorific before a title: the bare title still names the person last given it
    ("قال المتحدث باسم الكرملين دميتري بيسكوف إن الموعد لم يحدد.\nوأضاف سعادة المتحدث أن الوفد سيصل غدا.",
     "Dmitry Peskov"),
])
def test_a_gulf_honorific_is_no_new_speaker(text, speaker):
    assert quotes_of(text)[-1][2] == speaker


@pytest.mark.parametrize("text, speaker", [
    ("وذكر بيان نشره الكرملين أن بوتين سيزور باريس الشهر المقبل.", "Kremlin"),
    ("وأفاد بيان صادر عن الكرملين بأن بوتين سيزور باريس الشهر المقبل.", "Kremlin"),
    ("وقال بيان إن بوتين سيزور باريس الشهر المقبل.", None),
])
def test_a_statement_speaks_for_the_body_it_names(text, speaker):
    assert [q[2] for q in quotes_of(text)] == [speaker]


MINISTRY = {"وزارة الدفاع الروسية": ("ORG", "Ministry of Defence (Russia)", "Russia")}


@pytest.mark.parametrize("text, speakers", [
    ("وقالت وزارة الدفاع الروسية إن قواتها تقدمت.\nوأوضحت الوزارة أن الدفاعات الجوية أسقطت عشرين مسيرة.",
     ["Ministry of Defence (Russia)", "Ministry of Defence (Russia)"]),
    # no ministry named before: the definite noun names nobody
    ("وقال الكرملين إن المحادثات مستمرة.\nوقالت الوزارة إن الدفاعات الجوية أسقطت عشرين مسيرة.", ["Kremlin", None]),
])
def test_a_definite_body_noun_names_the_body_last_named_with_it(text, speakers):
    assert [q[2] for q in quotes_of(text, extra=MINISTRY)] == speakers


@pytest.mark.parametrize("text", [
    "ونشر ماكرون رسالة مصورة قال فيها إن أوروبا لن تتخلى عن أوكرانيا.",
    "وألقى ماكرون كلمة أمام البرلمان أكد فيها أن أوروبا لن تتخلى عن أوكرانيا.",
])
def test_a_verb_with_a_resumptive_fiha_speaks_for_the_sentence_subject(text):
    # "رسالة قال فيها": the verb is in a relative clause on the message; its speaker issued the message
    assert quotes_of(text) == [("أوروبا لن تتخلى عن أوكرانيا", False, "Emmanuel Macron")]


def test_going_on_with_no_speaker_yet_is_the_subject_of_the_sentence_before():
    text = "وتحدث ماكرون مطولا عن أزمة الطاقة في أوروبا.\nوتابع: «علينا أن نستثمر في الطاقة النووية من جديد»."
    assert quotes_of(text) == [("علينا أن نستثمر في الطاقة النووية من جديد", True, "Emmanuel Macron")]


@pytest.mark.parametrize("text", [
    "وقال ماكرون إن أوروبا تمر بمرحلة صعبة.\nومضى قائلا إن الوحدة هي السبيل الوحيد للخروج منها.",
    "وقال ماكرون إن أوروبا تمر بمرحلة صعبة.\nوعاد قائلا: «الوحدة هي السبيل الوحيد للخروج منها».",
])
def test_a_participle_after_a_subjectless_verb_goes_on_with_the_speaker(text):
    assert [q[2] for q in quotes_of(text)] == ["Emmanuel Macron", "Emmanuel Macron"]


@pytest.mark.parametrize("text", [
    "«لن نقبل بأي حل يفرض علينا من الخارج». بهذه الكلمات افتتح ماكرون القمة الأوروبية.",
    "«لن نقبل بأي حل يفرض علينا من الخارج».\nهكذا لخص ماكرون موقف بلاده أمام القمة.",
])
def test_a_recap_sentence_after_a_quote_names_its_speaker(text):
    assert quotes_of(text) == [("لن نقبل بأي حل يفرض علينا من الخارج", True, "Emmanuel Macron")]


def test_a_long_circumstance_between_subject_and_inna_keeps_the_clause():
    text = ("وقال ماكرون في كلمة ألقاها أمام السفراء الفرنسيين المجتمعين في قصر الإليزيه بالعاصمة باريس "
            "إن أوروبا يجب أن تستعد للأسوأ.")
    assert quotes_of(text) == [("أوروبا يجب أن تستعد للأسوأ", False, "Emmanuel Macron")]


def test_two_unnamed_officials_are_no_person_even_if_tagged_as_one():
    # the entity layer may take "مسؤولان أميركيان" for a name: a dual of an official's noun names nobody
    extra = {"مسؤولان أميركيان": ("PER", "مسؤولان أميركيان", None)}
    text = "وقال مسؤولان أميركيان لرويترز إن الضربة استهدفت مخزنا للذخيرة."
    assert quotes_of(text, extra=extra) == [("الضربة استهدفت مخزنا للذخيرة", False, None)]


def test_an_inna_inside_a_name_opens_no_clause():
    extra = {"إن بي سي": ("ORG", "NBC News", None)}
    text = "«الحرب يجب أن تنتهي هذا العام»، قال ماكرون في مقابلة مع شبكة إن بي سي الأميركية."
    assert quotes_of(text, extra=extra) == [("الحرب يجب أن تنتهي هذا العام", True, "Emmanuel Macron")]


def test_a_subject_after_a_resumptive_fih_speaks():
    text = "يأتي ذلك في الوقت الذي أكد فيه ماكرون أن أوروبا لن تتخلى عن أوكرانيا."
    assert quotes_of(text) == [("أوروبا لن تتخلى عن أوكرانيا", False, "Emmanuel Macron")]
