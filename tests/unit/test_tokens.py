import pytest

from marsad.document import Document
from marsad.text.tokens import split_proclitics, token_keys, token_starts, tokenize, without_conjunction


def _texts(text):
    return [(t.text, t.kind) for t in tokenize(text)]


def test_tokens_keep_offsets():
    text = "قال لافروف: «نحن مستعدون»."
    for token in tokenize(text):
        assert text[token.start:token.end] == token.text


@pytest.mark.parametrize("text, expected", [
    ("أسقطت 35 مسيّرة", [("أسقطت", "arabic"), ("35", "number"), ("مسيّرة", "arabic")]),
    ("نحو ٤٠ طائرة", [("نحو", "arabic"), ("٤٠", "number"), ("طائرة", "arabic")]),
    ("بنسبة 12.5%", [("بنسبة", "arabic"), ("12.5%", "number")]),
    ("منصة X الأمريكية", [("منصة", "arabic"), ("X", "latin"), ("الأمريكية", "arabic")]),
    ("كتب Zelenskyy's post", [("كتب", "arabic"), ("Zelenskyy's", "latin"), ("post", "latin")]),
    ("هل انتهى؟ نعم،", [("هل", "arabic"), ("انتهى", "arabic"), ("؟", "punct"), ("نعم", "arabic"), ("،", "punct")]),
])
def test_tokenize_kinds(text, expected):
    assert _texts(text) == expected


@pytest.mark.parametrize("mark", ["«", "»", "“", "”", '"', "„", "‘", "’"])
def test_every_quotation_mark_is_its_own_token(mark):
    assert _texts(f"قال{mark}نعم") == [("قال", "arabic"), (mark, "punct"), ("نعم", "arabic")]


@pytest.mark.parametrize("word, reading", [
    ("وبوتين", ("و", "بوتين")),
    ("لروسيا", ("ل", "روسيا")),
    ("والكرملين", ("و", "الكرملين")),
    ("بالكرملين", ("بال", "كرملين")),
    ("للرئيس", ("ل", "الرئيس")),
    ("فكييف", ("ف", "كييف")),
])
def test_split_proclitics_offers_the_reading(word, reading):
    assert reading in split_proclitics(word)


def test_split_proclitics_keeps_the_bare_word_first_and_short_stems_whole():
    assert split_proclitics("وزير")[0] == ("", "وزير")
    assert ("و", "ل") not in split_proclitics("ول")


def test_token_keys_are_the_normalised_tokens_and_follow_a_new_token_list():
    doc = Document(id="d", text="قالَ الرئيسُ: «نعم»")
    doc.tokens = tokenize(doc.text)
    assert token_keys(doc) == ["قال", "الرييس", ":", "«", "نعم", "»"]
    assert token_keys(doc) is token_keys(doc)  # worked out once, shared by the stages
    doc.text = "وأكد بوتين"
    doc.tokens = tokenize(doc.text)
    assert token_keys(doc) == ["واكد", "بوتين"]


def test_token_starts_are_the_tokens_offsets_and_follow_a_new_token_list():
    doc = Document(id="d", text="قال الرئيس: نعم")
    doc.tokens = tokenize(doc.text)
    assert token_starts(doc) == [0, 4, 10, 12]
    assert token_starts(doc) is token_starts(doc)
    doc.tokens = tokenize("وأكد بوتين")
    assert token_starts(doc) == [0, 5]


@pytest.mark.parametrize("key, min_stem, bare", [
    ("ونائب", 3, "نائب"),  # و + نائب
    ("فقال", 3, "قال"),
    ("وزن", 3, "وزن"),  # too short to lose a letter: a word of its own
    ("وقد", 2, "قد"),
    ("قد", 2, "قد"),
    ("سيادة", 3, "سيادة"),
])
def test_without_conjunction_drops_only_a_leading_wa_or_fa(key, min_stem, bare):
    assert without_conjunction(key, min_stem) == bare
