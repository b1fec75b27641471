import pytest

from marsad.text.sentences import split_sentences


def _split(text):
    return [text[s.start:s.end] for s in split_sentences(text)]


@pytest.mark.parametrize("text, expected", [
    ("وصل الوفد. ثم بدأت المحادثات.", ["وصل الوفد.", "ثم بدأت المحادثات."]),
    ("هل تنجح الهدنة؟ لا أحد يعرف!", ["هل تنجح الهدنة؟", "لا أحد يعرف!"]),
    ("قال الوزير، في مؤتمر صحفي، إن الحوار مستمر؛ وأضاف أنه متفائل.",
     ["قال الوزير، في مؤتمر صحفي، إن الحوار مستمر؛ وأضاف أنه متفائل."]),
    ("الفقرة الأولى\nالفقرة الثانية", ["الفقرة الأولى", "الفقرة الثانية"]),
    ("ارتفع المؤشر 2.5 نقطة أمس.", ["ارتفع المؤشر 2.5 نقطة أمس."]),
])
def test_split_sentences(text, expected):
    assert _split(text) == expected


def test_quote_spanning_sentences_stays_one_sentence():
    text = "وقال الرئيس: «لن نتراجع. سنواصل الضغط». ثم غادر القاعة."
    assert _split(text) == ["وقال الرئيس: «لن نتراجع. سنواصل الضغط».", "ثم غادر القاعة."]


def test_straight_quotes_spanning_sentences():
    text = 'وكتب الوزير: "انتهت الجولة. نحن ننتظر الرد." وغادر.'
    assert _split(text) == ['وكتب الوزير: "انتهت الجولة. نحن ننتظر الرد."', "وغادر."]


def test_unclosed_quote_does_not_swallow_the_paragraph():
    text = "قال المتحدث «الحوار مفتوح. ثم أضاف أن الرد قريب. والجلسة انتهت."
    assert len(_split(text)) == 3


def test_offsets_skip_surrounding_space():
    text = "  جملة أولى.   جملة ثانية.  "
    sentences = split_sentences(text)
    assert [(s.start, s.end) for s in sentences] == [(2, 12), (15, 26)]


def test_abbreviation_does_not_end_a_sentence():
    assert _split("قال د. أحمد إن الأمر انتهى. ثم ذهب.") == ["قال د. أحمد إن الأمر انتهى.", "ثم ذهب."]


@pytest.mark.parametrize("text, expected", [
    ("قال: «لن نتراجع. هذا موقفنا» ثم غادر.", ["قال: «لن نتراجع. هذا موقفنا» ثم غادر."]),
    ("قال: «لن نتراجع. هذا موقفنا. ثم غادر.", ["قال: «لن نتراجع.", "هذا موقفنا.", "ثم غادر."]),
    ('قال: "لن نتراجع. هذا موقفنا" ثم غادر.', ['قال: "لن نتراجع. هذا موقفنا" ثم غادر.']),
])
def test_only_quotation_marks_decide_whether_a_quote_closes(text, expected):
    assert [text[s.start:s.end] for s in split_sentences(text)] == expected
