"""Mention finding: gazetteer with clitics, longest match, variants, title cues, roles, demonym phrases."""

import pytest

from marsad.document import Document
from marsad.entities import mentions as mentions_module
from marsad.entities.mentions import find_mentions
from marsad.text.layer import text_stage


def mentions_of(text, published="2025-05-10"):
    return find_mentions(text_stage(Document(id="t", text=text, published=published)))


def spans(text, published="2025-05-10"):
    return [(m.start, m.end, m.text, m.name, m.source) for m in mentions_of(text, published)]


@pytest.mark.parametrize("text, surface, name", [
    ("التقى وبوتين أمس", "بوتين", "Vladimir Putin"),
    ("سافر الوفد لروسيا", "روسيا", "Russia"),
    ("وقال مصدر في والكرملين", "الكرملين", "Kremlin"),
    ("وصل الوزير إلى بكييف", "كييف", "Kyiv"),
    ("رحب بالاتحاد الأوروبي", "الاتحاد الأوروبي", "European Union"),
])
def test_proclitic_is_outside_the_mention(text, surface, name):
    start = text.index(surface)
    assert (start, start + len(surface), surface, name, "gazetteer") in spans(text)


def test_longest_alias_wins():
    text = "قال حلف شمال الأطلسي إن فلاديمير بوتين يرفض"
    found = spans(text)
    assert [(m[2], m[3]) for m in found] == [("حلف شمال الأطلسي", "NATO"), ("فلاديمير بوتين", "Vladimir Putin")]
    assert found[1][:2] == (text.index("فلاديمير"), text.index("فلاديمير") + len("فلاديمير بوتين"))


@pytest.mark.parametrize("text", [
    "قال الرجل إن الوقت قد حان الآن لأي حل في البحر",
    "كيف يمكن أن يكون هذا أي شيء مرة أخرى",
])
def test_ordinary_words_are_not_tagged(text):
    assert mentions_of(text) == []


def test_latin_abbreviation_needs_capitals():
    assert [m.name for m in mentions_of("أعلنت US و EU موقفهما")] == ["United States", "European Union"]
    assert mentions_of("tell us more") == []


def test_variant_spelling_links_to_known_person():
    text = "وصرح زيلينيسكي للصحفيين"
    assert spans(text) == [(5, 14, "زيلينيسكي", "Volodymyr Zelenskyy", "variant")]


def test_title_cue_marks_unknown_name():
    text = "قال السيناتور كارل هيلمان إن الاتفاق ضعيف"
    found = mentions_of(text)
    assert [(m.start, m.end, m.text, m.type, m.source) for m in found] == [(14, 25, "كارل هيلمان", "PER", "title")]


def test_title_cue_skips_title_words_and_places():
    text = "وقال وزير الخارجية الفنلندي ماتي هيلكو إن"
    found = [m for m in mentions_of(text) if m.source == "title"]
    assert [(m.text, m.type) for m in found] == [("ماتي هيلكو", "PER")]


@pytest.mark.parametrize("text", ["وقال الرئيس إن الحرب ستنتهي", "وأكد الوزير أمس أن المحادثات مستمرة",
                                  "وقال المتحدث مرارًا إن بلاده مستعدة", "وزار السفير المطعم الجديد"])
def test_title_cue_without_a_name_finds_nothing(text):
    assert [m for m in mentions_of(text) if m.source == "title"] == []


def test_title_followed_by_known_name_is_not_a_role_mention():
    found = mentions_of("قال الرئيس الروسي فلاديمير بوتين")
    assert [(m.text, m.source) for m in found] == [("فلاديمير بوتين", "gazetteer")]


def test_role_title_alone_is_a_role_mention():
    found = mentions_of("قال الرئيس الأمريكي للصحفيين")
    assert [(m.text, m.source, m.entity_id) for m in found] == [("الرئيس الأمريكي", "role", "per:donald_trump")]


def test_role_title_resolves_by_date():
    found = mentions_of("قال الرئيس الأمريكي للصحفيين", published="2022-04-01")
    assert found[0].entity_id == "per:joe_biden"


@pytest.mark.parametrize("text, phrase, country, kind", [
    ("رفض الجانب الروسي العرض", "الجانب الروسي", "Russia", "ORG"),
    ("وصل الوفد الأوكراني إلى المدينة", "الوفد الأوكراني", "Ukraine", "ORG"),
    ("انسحبت القوات الروسية من القرية", "القوات الروسية", "Russia", "ORG"),
    ("واتهم مسؤولون أوكرانيون الجيش بالتقصير", "مسؤولون أوكرانيون", "Ukraine", "ORG"),  # indefinite head
    ("وقال دبلوماسي فرنسي للصحفيين إن الاجتماع انتهى", "دبلوماسي فرنسي", "France", "ORG"),
    ("ووصل وفد تركي إلى المدينة مساء أمس", "وفد تركي", "Turkey", "ORG"),
    ("وقال الجانب الأميركي إن المحادثات كانت مثمرة", "الجانب الأميركي", "United States", "ORG"),  # respelled
])
def test_demonym_phrase_stands_for_country(text, phrase, country, kind):
    found = mentions_of(text)
    start = text.index(phrase)
    assert [(m.start, m.end, m.stands_for, m.type, m.entity_id) for m in found] == [
        (start, start + len(phrase), country, kind, None)]


def test_capital_mention_stands_for_country():
    found = mentions_of("ردت موسكو على الاقتراح")
    assert [(m.name, m.stands_for) for m in found] == [("Moscow", "Russia")]


def test_tagger_names_pass_guards(monkeypatch):
    class FakeTagger:
        @staticmethod
        def tag_tokens(tokens):
            return ["B-PER" if t.text in ("كارلوس", "قال") else "I-PER" if t.text == "منديث" else "O" for t in tokens]

        @staticmethod
        def split_clitics(key):
            return (key,)

    monkeypatch.setattr(mentions_module, "_tagger", FakeTagger)
    found = mentions_of("قال كارلوس منديث كلاما")
    assert [(m.start, m.end, m.text, m.source) for m in found] == [(4, 16, "كارلوس منديث", "tagger")]


def test_tagger_lone_adjectives_and_nisba_plurals_are_dropped(monkeypatch):
    class FakeTagger:
        @staticmethod
        def tag_tokens(tokens):
            return ["B-PER" if t.text in ("الأوروبيين", "هائل") else "O" for t in tokens]

        @staticmethod
        def split_clitics(key):
            return (key,)

    monkeypatch.setattr(mentions_module, "_tagger", FakeTagger)
    assert mentions_of("حذر الأوروبيين من ضرر هائل") == []


@pytest.mark.parametrize("text, tagged", [
    ("وافق الطرفان على هدنة مدتها ستون يوما", ("مدتها", "ستون")),
    ("وصل عشرة آلاف لاجئ إلى الحدود", ("عشرة", "آلاف")),
])
def test_tagged_spans_opening_or_ending_with_a_number_word_are_dropped(monkeypatch, text, tagged):
    class FakeTagger:
        @staticmethod
        def tag_tokens(tokens):
            return ["B-LOC" if t.text == tagged[0] else "I-LOC" if t.text == tagged[1] else "O" for t in tokens]

        @staticmethod
        def split_clitics(key):
            return (key,)

    monkeypatch.setattr(mentions_module, "_tagger", FakeTagger)
    assert [m for m in mentions_of(text) if m.source == "tagger"] == []


class _NoNameTagger:
    """A tagger that reads every word as outside a name."""

    @staticmethod
    def tag_tokens(tokens):
        return ["O"] * len(tokens)

    @staticmethod
    def split_clitics(key):
        return (key,)


@pytest.mark.parametrize("text", [
    "التقى مدير مكتب التنسيق بالوفد أمس",       # construct noun followed by a definite noun
    "وأعلن رئيس هيئة الموانئ خطة جديدة",
    "وصف الرئيس الفرنسي زيارته بأنها ناجحة",     # a function word with a pronoun suffix
    "واختتم الوزير حديثه بالشكر",                # an ordinary noun with a pronoun suffix
    "وقال رئيس صندوق التقاعد إن العجز كبير",
])
def test_title_cue_never_takes_an_ordinary_noun(text):
    assert [m.text for m in mentions_of(text) if m.source == "title"] == []


def test_title_cue_lone_word_needs_the_tagger(monkeypatch):
    monkeypatch.setattr(mentions_module, "_tagger", _NoNameTagger)
    assert [m for m in mentions_of("وقال السفير تيموثي للصحفيين") if m.source == "title"] == []
    found = [m for m in mentions_of("وقال السفير تيموثي بلاكمور للصحفيين") if m.source == "title"]
    assert [m.text for m in found] == ["تيموثي بلاكمور"]


@pytest.mark.parametrize("text, name", [
    ("وقال وزير الخارجية الكويتي سالم العبدالرزاق إن", "سالم العبدالرزاق"),   # family name with the article
    ("وصرح المفوض الأوروبي للزراعة يانوش فويتشيخوفسكي بأن", "يانوش فويتشيخوفسكي"),  # "للزراعة" is the portfolio
    ("وتحدث المبعوث الأممي إلى ليبيا هانز كرونبرغ عن", "هانز كرونبرغ"),      # "إلى ليبيا" belongs to the title
])
def test_title_cue_reaches_the_name_past_the_portfolio(text, name):
    assert [m.text for m in mentions_of(text) if m.source == "title"] == [name]


@pytest.mark.parametrize("text, absent", [
    ("قالت إنه لا يعني شيئاً بالنسبة إلينا الآن", "إلينا"),          # ال + a city name is no reading
    ("أبدى اهتماماً كبيراً بالفكرة", "كبيراً"),                      # a clitic reading of an ordinary word
    ("أصيب جندياً روسياً في القصف", "روسياً"),                        # adjective tanween on a country
    ("استمر القصف طوال الليل حتى منتصف ليل الخميس", "ليل"),         # "night", not Lille
    ("وأكد المستشار أن الدعم مالي وعسكري", "مالي"),                  # "financial", not Mali
])
def test_ordinary_words_spelt_like_places_are_not_places(text, absent):
    assert absent not in [m.text for m in mentions_of(text)]


@pytest.mark.parametrize("text, absent", [
    ("وتكشف الوثيقة عن خلافات عميقة", "وتكشف"),     # a verb one consonant from "ويتكوف"
    ("وقدم الوفد رؤيته للتسوية", "رؤيته"),          # a noun with a pronoun, one vowel from "روته"
])
def test_variant_lookup_skips_inflected_ordinary_words(text, absent):
    assert [m for m in mentions_of(text) if m.source == "variant"] == []


def test_blocked_phrase_is_not_its_inner_alias():
    text = "اجتمع مجلس الأمن القومي في البيت الأبيض لمناقشة السياسة الخارجية الروسية"
    assert [m.name for m in mentions_of(text) if m.entity_id] == ["White House"]


@pytest.mark.parametrize("text, name", [
    ("وقالت الرئاسة الروسية إن الموعد لم يحدد", "Kremlin"),
    ("وأعلنت الرئاسة الأوكرانية أن الوفد وصل", "Office of the President of Ukraine"),
    ("ونفت الرئاسة الفرنسية وجود خلاف", "Élysée Palace"),
])
def test_presidency_links_to_the_presidential_office(text, name):
    assert [m.name for m in mentions_of(text)] == [name]


def test_name_inside_a_longer_name_after_lam_is_nested():
    from marsad.entities.kb import load_kb
    from marsad.entities.mentions import Stream, find_gazetteer_mentions, find_nested_mentions, load_cues
    text = "ناقش مجلس الأمن التابع للأمم المتحدة القرار"
    stream = Stream.of(text_stage(Document(id="t", text=text)))
    outer = find_gazetteer_mentions(stream, load_kb(), load_cues())
    nested = find_nested_mentions(stream, load_kb(), outer)
    assert [(m.name, m.source) for m in outer] == [("United Nations Security Council", "gazetteer")]
    assert [(m.name, m.text, m.source) for m in nested] == [("United Nations", "للأمم المتحدة", "nested")]


def test_tagger_nisba_plural_without_article_is_dropped(monkeypatch):
    class FakeTagger(_NoNameTagger):
        @staticmethod
        def tag_tokens(tokens):
            return ["B-MISC" if t.text in ("فرنسيين", "وألمانيين") else "O" for t in tokens]

    monkeypatch.setattr(mentions_module, "_tagger", FakeTagger)
    assert mentions_of("التقى صحفيين فرنسيين وألمانيين أمس") == []


def test_surname_spelt_like_a_small_city_stays_in_the_name():
    text = "وقال المتحدث باسم الحكومة وانغ جيان إن"
    found = mentions_of(text)
    assert [(m.text, m.source) for m in found if m.type == "PER"] == [("وانغ جيان", "title")]
    assert [m for m in found if m.type == "LOC"] == []


def test_tagger_person_made_of_ordinary_words_is_dropped(monkeypatch):
    class FakeTagger(_NoNameTagger):
        @staticmethod
        def tag_tokens(tokens):
            return ["B-PER" if t.text == "طالب" else "I-PER" if t.text == "بإعادتهم" else "O" for t in tokens]

    monkeypatch.setattr(mentions_module, "_tagger", FakeTagger)
    assert mentions_of("وقدم الوفد قائمة و طالب بإعادتهم فورا") == []


@pytest.mark.parametrize("text, name", [
    # Machine translation renders platform names and first names literally or oddly.
    ("ونشر الرئيس الأمريكي رسالة طويلة على الحقيقة الاجتماعية مساء السبت.", "Truth Social"),
    ("واستقبل الرئيس التركي تاييب أردوغان الوفدين في أنقرة.", "Recep Tayyip Erdoğan"),
    ("وقالت المتحدثة كارولين ليفيت إن البيت الأبيض ينتظر الرد.", "Karoline Leavitt"),
])
def test_machine_translation_spellings_link(text, name):
    from marsad.entities.stage import entities_stage
    doc = entities_stage(text_stage(Document(id="mt", text=text, published="2025-06-01")))
    assert name in {entity.name for entity in doc.entities}


@pytest.mark.parametrize("text, expected", [
    ("ورفض الروس العرض الأخير.", [("الروس", "Russia")]),
    ("جرت المحادثات بين الروس والأوكرانيين في جدة.", [("الروس", "Russia"), ("الأوكرانيين", "Ukraine")]),
    ("وقال الأمريكيون إن الخطة جاهزة.", [("الأمريكيون", "United States")]),
    ("أفرجت السلطات عن الأسرى الأوكرانيين.", []),  # after a definite noun: an adjective
    ("التقى الوفد الوسطاء المصريين والقطريين.", []),  # joined to an adjective: an adjective too
])
def test_a_people_named_by_its_plural_stands_for_its_country(text, expected):
    found = [m for m in mentions_of(text) if m.source == "demonym" and m.type == "MISC"]
    assert [(m.text, m.stands_for) for m in found] == expected
    assert all(text[m.start:m.end] == m.text for m in found)


@pytest.mark.parametrize("text, name", [
    # "علي" (Ali) shares its key with "على" (on): written with ي after a title, it is a name
    ("وقال وزير الخارجية الموريتاني علي ولد أحمد إن بلاده ترحب.", "علي ولد أحمد"),
    # a first name spelt like a town (Messaad, Algeria) that the tagger reads as a person's
    ("وقال المبعوث الأمريكي مسعد خليل إن الحل قريب.", "مسعد خليل"),
    ("والتقى الوزير بالسفير مسعد خليل أمس.", "مسعد خليل"),
])
def test_a_name_after_a_title_though_its_first_word_is_a_preposition_or_a_town(text, name):
    assert [m.text for m in mentions_of(text) if m.type == "PER"] == [name]


@pytest.mark.parametrize("text", ["وقال إن القرار يعتمد علي الطرفين معا.", "وسافر الوفد إلى مسعد للقاء المحافظ."])
def test_the_preposition_and_the_town_stay_what_they_are(text):
    assert [m for m in mentions_of(text) if m.type == "PER"] == []


def test_a_word_of_its_own_is_not_read_as_clitic_and_town():
    # "فرانس" (as in "فرانس برس") is no ف + "رانس" (Reims); "وبرلين" is و + Berlin
    found = mentions_of("وقالت وكالة فرانس برس إن الوفد وصل إلى وارسو وبرلين.")
    assert "Reims" not in [m.name for m in found]
    assert "Berlin" in [m.name for m in found]


def test_a_surname_spelt_like_a_known_one_after_another_first_name_is_another_person():
    # "سيكورسكي" is one consonant from "سيرسكي" (Syrskyi), but "رادوسلاف" is not his first name
    found = mentions_of("وقال وزير الخارجية البولندي رادوسلاف سيكورسكي إن بلاده ستستضيف القمة.")
    assert [(m.text, m.entity_id) for m in found if m.type == "PER"] == [("رادوسلاف سيكورسكي", None)]


def test_a_name_is_no_pronoun_suffix_on_a_two_letter_stem():
    # "هانا" is no ها + نا: after a title it is a first name
    found = mentions_of("وقالت المبعوثة الأممية هانا كورتيس إن الحوار سيستأنف.")
    assert [m.text for m in found if m.type == "PER"] == ["هانا كورتيس"]


def test_a_body_tagged_with_a_demonym_at_its_end_is_kept(monkeypatch):
    class FakeTagger(_NoNameTagger):
        @staticmethod
        def tag_tokens(tokens):
            return ["B-ORG" if t.text == "مجلس" else "I-ORG" if t.text in ("النواب", "الليبي") else "O"
                    for t in tokens]

    monkeypatch.setattr(mentions_module, "_tagger", FakeTagger)
    assert [m.text for m in mentions_of("صوت مجلس النواب الليبي على القانون")] == ["مجلس النواب الليبي"]


@pytest.mark.parametrize("tagged, kept", [
    (("حسن", "عبد", "الله"), ["حسن عبد الله"]),  # three words: an ordinary first or last word is allowed
    (("القرار", "ضروري"), []),  # two ordinary words: no name
])
def test_a_long_tagged_person_name_may_start_with_an_ordinary_word(monkeypatch, tagged, kept):
    class FakeTagger(_NoNameTagger):
        @staticmethod
        def tag_tokens(tokens):
            return ["B-PER" if t.text == tagged[0] else "I-PER" if t.text in tagged[1:] else "O" for t in tokens]

    monkeypatch.setattr(mentions_module, "_tagger", FakeTagger)
    found = mentions_of("وقال محافظ البنك حسن عبد الله للصحفيين إن القرار ضروري")
    assert [m.text for m in found if m.source == "tagger"] == kept


@pytest.mark.parametrize("text, alone_at", [
    ("وقال رئيس الوزراء نيكول باشينيان إن الاتفاق مهم، ثم عاد باشينيان إلى يريفان.", 56),
    ("باشينيان يزور باريس\nوصل نيكول باشينيان إلى باريس أمس.", 0),  # the headline comes first
    ("التقى نيكول باشينيان الصحفيين، وقالوا لباشينيان إن الوقت ضيق.", 39),  # after the clitic ل
])
def test_surname_alone_names_the_person_the_article_names_in_full(text, alone_at):
    surname = "باشينيان"
    assert text[alone_at:alone_at + len(surname)] == surname
    assert (alone_at, alone_at + len(surname), surname, "Nikol Pashinyan", "surname") in spans(text)


@pytest.mark.parametrize("text, word", [
    ("حضر جيمي كارتر وروزالين كارتر الحفل، وتحدث كارتر طويلا.", "كارتر"),  # two people share it
    ("التقى محمد بن سلمان وفدا أمريكيا، ثم عاد سلمان إلى الرياض.", "سلمان"),  # after بن: not his surname
    ("استقبل عبد الله الثاني الوفد، وكان الثاني في الترتيب.", "الثاني"),  # an ordinal, not a surname
])
def test_surname_not_taken_where_it_may_name_someone_else(text, word):
    at = text.rindex(word)
    assert not [m for m in spans(text) if m[0] <= at < m[1] and m[4] == "surname"]


@pytest.mark.parametrize("text, place", [
    ("وسيمر الطريق عبر إقليم نخجوان قبل أن يصل إلى الحدود.", "نخجوان"),
    ("ووصل الوزير إلى جزيرة لامبيدوزا صباحا.", "لامبيدوزا"),
])
def test_a_place_named_once_after_its_kind_is_kept(text, place):
    found = [m for m in mentions_of(text) if m.text == place]
    assert found and found[0].type == "LOC"


@pytest.mark.parametrize("text, word", [
    ("ورحب الرئيس الفرنسي بالاتفاق.", "بالاتفاق"),
    ("ورحب المستشار الألماني بالهدنة.", "بالهدنة"),
])
def test_a_preposition_on_a_noun_after_a_title_is_no_name(text, word):
    assert not [m for m in mentions_of(text) if m.text == word]


@pytest.mark.parametrize("text, body, country", [
    ("وأعلنت وزارة الدفاع البريطانية أنها أرسلت طائرات.", "وزارة الدفاع البريطانية", "United Kingdom"),
    ("وقالت وزارة الإعلام الباكستانية إن القوات ملتزمة بالهدنة.", "وزارة الإعلام الباكستانية", "Pakistan"),
])
def test_a_national_body_the_tagger_finds_stands_for_its_country(text, body, country):
    found = [m for m in mentions_of(text) if m.text == body]
    assert found and (found[0].type, found[0].stands_for) == ("ORG", country)


def test_surname_of_a_name_the_kb_lacks_joins_that_name():
    from marsad.entities.stage import entities_stage
    text = "وقال وزير المالية طارق سليم البدراني إن العجز كبير، وأضاف البدراني أن الإصلاح ضروري."
    doc = entities_stage(text_stage(Document(id="t", text=text)))
    assert [(e.name, e.mentions) for e in doc.entities if e.type == "PER"] == \
        [("طارق سليم البدراني", ["طارق سليم البدراني", "البدراني"])]


@pytest.mark.parametrize("text", [
    "وأعلن نائب وزير الدفاع الروسي أن القوات ستنسحب.",  # the deputy, not the minister
    "أكد المتحدث باسم الكرملين ألكسندر فومين أن القوات ستنسحب.",  # a name the KB lacks follows the title
])
def test_a_role_title_that_is_not_the_holders_is_no_role_mention(text):
    assert not [m for m in mentions_of(text, "2022-03-29") if m.source == "role"]


def test_weapons_named_with_a_demonym_stand_for_their_state():
    [mention] = [m for m in mentions_of("واستهدفت مسيرات أوكرانية مصفاة نفط قرب الحدود.") if m.source == "demonym"]
    assert (mention.text, mention.stands_for) == ("مسيرات أوكرانية", "Ukraine")
