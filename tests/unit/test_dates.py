"""Arabic date expressions resolved against the publication date.

Weekdays of the publication dates used below: 2025-04-04 Friday,
2025-04-22 Tuesday, 2025-05-11 Sunday, 2025-05-14 Wednesday,
2025-05-17 Saturday, 2025-07-02 Wednesday.
"""

import pytest

from marsad.events.dates import (
    DateError,
    detect_tense,
    find_dates,
    find_sentence_dates,
    infer_year,
    resolve_sentence_date,
    week_value,
)

CASES = [
    # (sentence, published, expected span text, value, how) of the first mention
    # weekdays: bare, with يوم, qualified, same day as publication
    ("أعلن الوزير يوم الاثنين استقالته من منصبه", "2025-04-22", "يوم الاثنين", "2025-04-21", "weekday-past"),
    ("أفرج عن الأسرى الثلاثاء بعد مفاوضات طويلة", "2025-05-17", "الثلاثاء", "2025-05-13", "weekday-past"),
    ("وقعت الاشتباكات الجمعة الماضية قرب الحدود", "2025-05-17", "الجمعة الماضية", "2025-05-16", "weekday-past"),
    ("افتتح المعرض يوم الجمعة بحضور الوزراء", "2025-04-04", "يوم الجمعة", "2025-04-04", "weekday-same-day"),
    ("زار الرئيس المدينة الجمعة الماضية", "2025-04-04", "الجمعة الماضية", "2025-03-28", "weekday-past"),
    ("تعقد اللجنة اجتماعها الخميس المقبل", "2025-05-17", "الخميس المقبل", "2025-05-22", "weekday-future"),
    ("يعود الفريق السبت القادم إلى بلاده", "2025-05-17", "السبت القادم", "2025-05-24", "weekday-future"),
    ("وصلت القافلة صباح الأحد إلى المخيم", "2025-04-22", "صباح الأحد", "2025-04-20", "weekday-past"),
    ("وَصَلَ الوَفْدُ يَوْمَ الأَحَدِ إلى المدينة", "2025-05-17", "يَوْمَ الأَحَدِ", "2025-05-11", "weekday-past"),
    ("وصل الوفد يوم الاثنين إلى العاصمة", None, "يوم الاثنين", None, "weekday"),
    # yesterday, today, tomorrow and their parts of day
    ("التقى الوفدان أمس الجمعة في العاصمة", "2025-05-17", "أمس الجمعة", "2025-05-16", "yesterday"),
    ("هطلت أمطار غزيرة أمس على المنطقة", "2025-05-17", "أمس", "2025-05-16", "yesterday"),
    ("عاد اللاجئون إلى قراهم بالأمس", "2025-05-17", "بالأمس", "2025-05-16", "yesterday"),
    ("أكد المتحدث يوم أمس أن المحادثات مستمرة", "2025-05-17", "يوم أمس", "2025-05-16", "yesterday"),
    ("عقد المجلس جلسة طارئة مساء أمس", "2025-05-17", "مساء أمس", "2025-05-16", "yesterday"),
    ("نفى المتحدث أمس (الثلاثاء) صحة التقارير", "2025-07-02", "أمس (الثلاثاء)", "2025-07-01", "yesterday"),
    ("أعلن الجيش أمس الأربعاء انسحابه من البلدة", "2025-05-17", "أمس الأربعاء", "2025-05-14", "weekday-past"),
    ("وصل المبعوث أمس الأول إلى العاصمة", "2025-05-17", "أمس الأول", "2025-05-15", "day-before-yesterday"),
    ("أعلنت الشركة أول من أمس عن خطتها", "2025-05-17", "أول من أمس", "2025-05-15", "day-before-yesterday"),
    ("تبدأ الجولة الثانية من المحادثات اليوم في جنيف", "2025-05-17", "اليوم", "2025-05-17", "today"),
    ("أعلن الجيش صباح اليوم إسقاط طائرة", "2025-05-17", "صباح اليوم", "2025-05-17", "today"),
    ("وصل الوفد اليوم الأحد إلى أنقرة", "2025-05-11", "اليوم الأحد", "2025-05-11", "today"),
    ("يصل الوزير غداً إلى بغداد", "2025-05-17", "غداً", "2025-05-18", "tomorrow"),
    ("يلتقي الجانبان غدا لبحث الملف", "2025-12-31", "غدا", "2026-01-01", "tomorrow"),
    ("تعرضت المدينة لقصف عنيف الليلة الماضية", "2025-07-02", "الليلة الماضية", "2025-07-01", "last-night"),
    # weeks, months, years relative to publication
    ("زار الوفد المنطقة الأسبوع الماضي", "2025-04-22", "الأسبوع الماضي", "2025-04", "relative-week"),
    ("انخفضت الأسعار الأسبوع الماضي بشكل ملحوظ", "2025-04-04", "الأسبوع الماضي", "2025-03", "relative-week"),
    ("تجرى الانتخابات الأسبوع المقبل في موعدها", "2025-04-22", "الأسبوع المقبل", "2025", "relative-week"),
    ("اجتمع الوزراء هذا الأسبوع في بروكسل", "2025-04-04", "هذا الأسبوع", "2025", "relative-week"),
    ("ارتفعت الصادرات الشهر الماضي إلى مستوى قياسي", "2025-01-10", "الشهر الماضي", "2024-12", "relative-month"),
    ("يفتتح المطار الجديد الشهر المقبل", "2025-12-03", "الشهر المقبل", "2026-01", "relative-month"),
    ("تراجع النمو الاقتصادي العام الماضي", "2025-01-10", "العام الماضي", "2024", "relative-year"),
    ("تراجعت الصادرات خلال الشهرين الماضيين", "2025-04-04", "الشهرين الماضيين", "2025", "span-months"),
    # ago
    ("اندلع الحريق قبل يومين في الغابة", "2025-05-17", "قبل يومين", "2025-05-15", "ago-day"),
    ("غادر السفير البلاد قبل ثلاثة أيام", "2025-05-17", "قبل ثلاثة أيام", "2025-05-14", "ago-day"),
    ("وصلت المساعدات منذ أسبوع إلى المدينة", "2025-05-17", "منذ أسبوع", "2025-05-10", "ago-week"),
    ("انتخب رئيس البلدية قبل عامين", "2025-05-17", "قبل عامين", "2023", "ago-year"),
    ("استقال المدير قبل 5 أشهر", "2025-05-17", "قبل 5 أشهر", "2024-12", "ago-month"),
    # explicit dates, every month series, year inferred from publication
    ("وقع الطرفان الاتفاق في 16 مايو في القاهرة", "2025-05-20", "16 مايو", "2025-05-16", "explicit-day-month"),
    ("بدأ الإضراب في 28 ديسمبر واستمر أسبوعا", "2025-01-10", "28 ديسمبر", "2024-12-28", "explicit-day-month"),
    ("صدر القرار في 16 مايو 2025 بعد نقاش طويل", "2025-06-01", "16 مايو 2025", "2025-05-16", "explicit-day-month-year"),
    ("وعقد الاجتماع الجمعة 16 مايو 2025 في أنقرة", None, "الجمعة 16 مايو 2025", "2025-05-16", "explicit-day-month-year"),
    ("تأسست الجمعية في مايو 2025 بمبادرة أهلية", "2025-09-01", "مايو 2025", "2025-05", "explicit-month-year"),
    ("اندلعت الحرب في فبراير/شباط 2022 وما زالت مستمرة", "2025-01-10", "فبراير/شباط 2022", "2022-02", "explicit-month-year"),
    ("في يونيو / حزيران، أعلن الرئيس خطته", "2025-05-11", "يونيو / حزيران", "2024-06", "explicit-month"),
    ("أجريت الانتخابات في ١٦ أيار ٢٠٢٥ وسط إقبال ضعيف", None, "١٦ أيار ٢٠٢٥", "2025-05-16", "explicit-day-month-year"),
    ("انطلق المهرجان في 5 جويلية 2024 بتونس", None, "5 جويلية 2024", "2024-07-05", "explicit-day-month-year"),
    ("عادت الحكومة إلى العاصمة في أوت 2023", None, "أوت 2023", "2023-08", "explicit-month-year"),
    ("سجلت الوزارة في أفريل 2024 ارتفاعا في الأسعار", None, "أفريل 2024", "2024-04", "explicit-month-year"),
    ("انطلقت الحملة في جانفي 2025 في العاصمة", None, "جانفي 2025", "2025-01", "explicit-month-year"),
    ("ولد الشاعر في 3 كانون الثاني 1950 في دمشق", None, "3 كانون الثاني 1950", "1950-01-03", "explicit-day-month-year"),
    ("تعطلت الرحلات في تشرين الأول 2023 بسبب العاصفة", None, "تشرين الأول 2023", "2023-10", "explicit-month-year"),
    ("افتتح المصنع في 12 دجنبر 2021 بالدار البيضاء", None, "12 دجنبر 2021", "2021-12-12", "explicit-day-month-year"),
    ("أقر البرلمان القانون في مارس الماضي", "2025-05-11", "مارس الماضي", "2025-03", "month-past"),
    ("انتهى الموسم مايو الماضي بخسارة", "2025-05-11", "مايو الماضي", "2024-05", "month-past"),
    ("تنطلق البطولة في يونيو المقبل", "2025-05-11", "يونيو المقبل", "2025-06", "month-future"),
    ("تراجعت الأسعار في مارس", "2025-05-11", "مارس", "2025-03", "explicit-month"),
    # years and numeric dates
    ("افتتح الجسر عام 2022 بتمويل أجنبي", "2025-01-10", "عام 2022", "2022", "explicit-year"),
    ("شارك الفريق في البطولة في 2014 لأول مرة", "2025-01-10", "2014", "2014", "explicit-year"),
    ("نشر البيان بتاريخ 16/5/2025 على موقع الوزارة", None, "16/5/2025", "2025-05-16", "numeric-date"),
    ("دخل القانون حيز التنفيذ في 2025-05-16 رسميا", None, "2025-05-16", "2025-05-16", "numeric-date"),
    ("صدر التعميم بتاريخ ١٦/٥/٢٠٢٥", None, "١٦/٥/٢٠٢٥", "2025-05-16", "numeric-date"),
    # a day written as an ordinal, and a day of a month named relative to publication
    ("افتتح المؤتمر في الثالث من مارس بحضور الوفود", "2025-05-17", "الثالث من مارس", "2025-03-03", "explicit-day-month"),
    ("انسحبت القوات في الحادي والعشرين من يناير 2024", None, "الحادي والعشرين من يناير 2024", "2024-01-21",
     "explicit-day-month-year"),
    ("عقدت القمة يوم 12 من الشهر الجاري في الدوحة", "2025-05-17", "يوم 12 من الشهر الجاري", "2025-05-12",
     "day-of-relative-month"),
    ("وقعت الحكومة الاتفاق في الخامس من الشهر الماضي", "2025-05-17", "الخامس من الشهر الماضي", "2025-04-05",
     "day-of-relative-month"),
    ("التقى الرئيسان في الفاتح من أوت", "2025-08-20", "الفاتح من أوت", "2025-08-01", "explicit-day-month"),
    # "since" dates are marked, not dropped
    ("تحتل القوات المدينة منذ ديسمبر 2019", None, "ديسمبر 2019", "2019-12", "since-explicit-month-year"),
    ("لم يلتق الزعيمان منذ عام 2022", None, "عام 2022", "2022", "since-explicit-year"),
]


@pytest.mark.parametrize("sentence,published,text,value,how", CASES)
def test_find_dates_first_mention(sentence, published, text, value, how):
    mention = find_dates(sentence, published)[0]
    assert (mention.text, mention.value, mention.how) == (text, value, how)
    assert (mention.start, mention.end) == (sentence.index(text), sentence.index(text) + len(text))


@pytest.mark.parametrize("sentence,published,text,start,end", [
    ("أعلنت هدنة من 8 إلى 11 مايو في كامل البلاد", "2025-05-20", "من 8 إلى 11 مايو", "2025-05-08", "2025-05-11"),
    ("أغلقت المدارس بين 8 و11 مايو بسبب الحر", "2025-05-20", "بين 8 و11 مايو", "2025-05-08", "2025-05-11"),
    ("تمتد العطلة من 30 أبريل إلى 3 مايو 2026", None, "من 30 أبريل إلى 3 مايو 2026", "2026-04-30", "2026-05-03"),
])
def test_find_dates_range(sentence, published, text, start, end):
    mention = find_dates(sentence, published)[0]
    assert (mention.text, mention.value, mention.range_end) == (text, start, end)
    assert mention.how.startswith("range-day-month")


@pytest.mark.parametrize("sentence", [
    "مارس الوزير ضغوطا كبيرة على الحكومة",
    "سقطت 2000 قذيفة على المدينة",
    "وصل الوفد قبل يوم من الاجتماع",
    "انتقد الرئيس سياسات الحكومة بشدة",
])
def test_find_dates_ignores_non_dates(sentence):
    assert [m for m in find_dates(sentence, "2025-05-17") if m.value] == []


@pytest.mark.parametrize("sentence,year", [
    # a year follows the noun it labels; the end, punctuation, the article or a particle follows it
    ("قال إن مسودة 2022 لم تعد صالحة", "2022"),
    ("انسحبت واشنطن من اتفاق 2015 النووي", "2015"),
    ("فازت الأرجنتين ببطولة 2022 في قطر", "2022"),
    ("يستعد الحزب لانتخابات 2024.", "2024"),
    ("ما زالت أزمة 1998، بعد عقود، تلقي بظلالها", "1998"),
    ("اعتبر المحللون مفاوضات 2019 والاتفاق الذي تلاها فاشلين", "2019"),
    ("منحت الجائزة في دورة 2005 للكاتب الشاب", "2005"),  # "لل" is ل + the article
    ("توفي الشاعر 1940 م في القاهرة", "1940"),  # م: ميلادي
])
def test_year_after_a_noun_it_labels(sentence, year):
    [mention] = find_dates(sentence, "2025-05-17")
    assert (mention.text, mention.value, mention.how) == (year, year, "explicit-year")
    assert mention.start == sentence.index(year)


@pytest.mark.parametrize("sentence", [
    "أسقطت الدفاعات الجوية 1200 مسيرة و1999 صاروخا",  # a counted noun follows: a count
    "نشرت روسيا نحو 2000 جندي على الحدود",  # a count cue before it
    "أرسلت القوات الروسية 2000 جندي إلى الجبهة",  # a definite subject, then the count
    "بلغ عدد القتلى 2000، بحسب الوزارة",  # the counted noun stands before it
    "ارتفع عدد الأسرى المفرج عنهم إلى 2000",
    "تلقى المستشفى 2000 من الجرحى",  # "من" after a number is partitive
    "تراجعت البطالة بواقع 2000 في المدينة",  # a count cue: "بواقع"
    "انتهى العام بـ2021 إصابة",  # glued to a preposition: no word right before it
])
def test_counts_are_not_years(sentence):
    assert find_dates(sentence, "2025-05-17") == []


def test_a_name_after_a_number_shows_it_is_a_year():
    # Names are never counted: "صفقة 2022 روسيا وأوكرانيا" is the deal of 2022 the two negotiated.
    sentence = "تحدث الرئيس عن صفقة 2022 روسيا وأوكرانيا تفاوضتا عليها"
    assert find_sentence_dates(sentence, "2025-05-17") == []
    [mention] = find_sentence_dates(sentence, "2025-05-17", names=frozenset({sentence.index("روسيا")}))
    assert (mention.text, mention.value) == ("2022", "2022")


@pytest.mark.parametrize("sentence,published,tense,value", [
    ("يجتمع المجلس الخميس", "2025-05-17", "future", "2025-05-22"),
    ("يجتمع المجلس الخميس", "2025-05-17", None, "2025-05-15"),
    ("يجتمع المجلس السبت", "2025-05-17", "future", "2025-05-17"),
    ("تبدأ المرحلة في يونيو", "2025-05-11", None, "2024-06"),
    ("تبدأ المرحلة في يونيو", "2025-05-11", "future", "2025-06"),
    ("عقدت القمة في 20 مايو", "2025-05-25", "past", "2025-05-20"),
    ("تعقد القمة في 20 مايو", "2025-05-25", "future", "2026-05-20"),
])
def test_find_dates_tense(sentence, published, tense, value):
    assert find_dates(sentence, published, tense=tense)[0].value == value


@pytest.mark.parametrize("sentence,published,value,how", [
    ("سيلتقي الرئيسان يوم الخميس في أنقرة", "2025-05-17", "2025-05-22", "weekday-future"),
    ("من المقرر أن يصل الوفد الاثنين", "2025-05-17", "2025-05-19", "weekday-future"),
    ("سوف تعقد القمة يوم السبت", "2025-05-14", "2025-05-17", "weekday-future"),
    ("ستعقد القمة في 20 مايو في الرياض", "2025-05-25", "2026-05-20", "explicit-day-month"),
    ("ناقش الوزراء السياسة الزراعية يوم الخميس", "2025-05-17", "2025-05-15", "weekday-past"),
    ("قال الوزير الأحد إن البلاد تعاني منذ عام 2022", "2025-05-17", "2025-05-11", "weekday-past"),
    ("أعلن الرئيس يوم السبت إنهاء الحرب التي بدأت عام 2022", "2025-05-11", "2025-05-10", "weekday-past"),
    ("تعاني المدينة من الحصار منذ ديسمبر 2019 وفي مارس 2024 فتح معبر", None, "2024-03", "explicit-month-year"),
])
def test_resolve_sentence_date(sentence, published, value, how):
    mention = resolve_sentence_date(sentence, published)
    assert (mention.value, mention.how) == (value, how)


@pytest.mark.parametrize("sentence", [
    "تعاني البلاد من الجفاف منذ ديسمبر 2019",
    "قال الوزير إن المحادثات بناءة",
])
def test_resolve_sentence_date_none(sentence):
    assert resolve_sentence_date(sentence, "2025-05-17") is None


@pytest.mark.parametrize("sentence,tense", [
    ("سيلتقي الرئيسان قريبا", "future"),
    ("وستواصل القوات تقدمها", "future"),
    ("يعتزم الوزير زيارة المنطقة", "future"),
    ("قال الوزير إن السياسة الأمريكية تغيرت", None),
    ("مرت ستة أعوام على الاتفاق", None),
    ("التقى السيد الرئيس نظيره", None),
])
def test_detect_tense(sentence, tense):
    assert detect_tense(sentence) == tense


@pytest.mark.parametrize("monday,value", [("2025-04-14", "2025-04"), ("2025-03-31", "2025"), ("2024-12-30", "2025")])
def test_week_value(monday, value):
    from datetime import date
    assert week_value(date.fromisoformat(monday)) == value


def test_infer_year_nearest_for_unknown_tense():
    from datetime import date
    assert infer_year(date(2025, 1, 10), 12, 28, None) == 2024
    assert infer_year(date(2025, 12, 20), 1, 3, None) == 2026


@pytest.mark.parametrize("published,tense", [("17/05/2025", None), ("2025-05-17", "soon")])
def test_find_dates_rejects_bad_arguments(published, tense):
    with pytest.raises(DateError):
        find_dates("وصل الوفد أمس", published, tense=tense)


def test_published_may_carry_a_time():
    assert find_dates("وصل الوفد أمس", "2025-05-17T23:10:00+03:00")[0].value == "2025-05-16"


def test_impossible_day_has_no_value():
    mention = find_dates("تقرر الاجتماع في 31 أبريل", "2025-03-01")[0]
    assert (mention.text, mention.value) == ("31 أبريل", None)


def test_find_dates_finds_every_mention_in_order():
    sentence = "وصل الوفد أمس بعد جولة بدأت في 3 مايو وتنتهي الأسبوع المقبل"
    found = find_dates(sentence, "2025-05-17")
    assert [(m.text, m.value) for m in found] == [
        ("أمس", "2025-05-16"), ("3 مايو", "2025-05-03"), ("الأسبوع المقبل", "2025-05")]


@pytest.mark.parametrize("sentence, keys, value", [
    ("سيلتقي الوفدان الخميس", None, "2025-05-22"),  # future tense read from the sentence
    ("سيلتقي الوفدان الخميس", ["سيلتقي", "الوفدان", "الخميس"], "2025-05-22"),
    ("التقى الوفدان في العاصمة", None, None),
    ("أعلن الوزير في 2025-05-01 القرار", ["اعلن", "الوزير", "في"], "2025-05-01"),  # digits found in the text
])
def test_find_sentence_dates(sentence, keys, value):
    found = find_sentence_dates(sentence, "2025-05-17", keys)
    assert (found[0].value if found else None) == value


@pytest.mark.parametrize("text", [
    "وصل الوفد امس الجمعه الي انقره",
    "في 16 مايو 2025 التقى الوفدان، وفي 2025-06-02 عادا",
    "اعلن الجيش يوم الاثنين الماضي انه صد هجوما منذ ثلاثه ايام",
    "وقع الاتفاق بين 3 و 5 يونيو من عام 2024، وبعد اسبوعين انهار",
    "الامسيه الثقافيه لم تحمل تاريخا، ولا ماي ولا مايوركا",
    "فالخميس المقبل موعد الجوله، وفي صباح الاحد تبدا",
    "عاد في الثالث من مايو، ثم يوم 3 من الشهر الماضي، ومن 5 الي 7 يونيو",
    "قتل قبل ثلاثه ايام، وخلال عام 2022 ومطلع مارس المقبل، والاثنين15 مايو",
    "ابريل 2024 شهد هدنه، والعام الماضي لا، ومساء الاحد 16 مايو نعم، و12/05/2024 ايضا",
])
def test_date_matches_are_the_patterns_own(text):
    # The word pre-check only skips words that open no date: every match stays as finditer finds it.
    from marsad.events.dates import _pattern, find_date_matches
    expected = [(m.span(), m.groupdict()) for m in _pattern().finditer(text)]
    assert [(m.span(), m.groupdict()) for m in find_date_matches(text)] == expected


@pytest.mark.parametrize("sentence", ["حل الفريق في المركز الثالث من حيث النقاط", "كان الثاني من بين المرشحين"])
def test_an_ordinal_without_a_month_is_no_date(sentence):
    assert find_dates(sentence, "2025-05-17") == []


@pytest.mark.parametrize("sentence, value", [
    # the future marker is in the reported clause: the announcement was last Saturday
    ("أعلن الوزير مساء الخميس أن القوات ستنسحب من المدينة.", "2025-05-15"),
    ("وقال الكرملين يوم الخميس إنه سيرسل وفدا إلى إسطنبول.", "2025-05-15"),
    # a marker earlier in the sentence carries the clause after أن, and the date inside it
    ("ومن المقرر أن يلتقي الوزيران يوم الاثنين في جنيف.", "2025-05-19"),
    ("وقال الوزير إنه سيلتقي نظيره يوم الاثنين في جنيف.", "2025-05-19"),
])
def test_the_future_reaches_only_its_own_clause_and_those_after_it(sentence, value):
    assert find_sentence_dates(sentence, "2025-05-17")[0].value == value
