"""Tests for marsad.clean: furniture cues, article splitting, title/byline/source/date, HTML."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from marsad import clean
from marsad.clean import CleanError, clean_page, cue_key, headline_overlap, load_cues, parse_date

SHARED = Path(__file__).resolve().parents[3] / "shared"
HTML_SAMPLES = SHARED / "data" / "html-cleaning-samples"

P1 = "قال وزير الخارجية إن المحادثات بين الوفدين ستستأنف الأسبوع المقبل في العاصمة بعد توقف دام شهرين."
P2 = "وأضاف الوزير أن الجانبين اتفقا على تبادل قوائم الأسرى قبل الجولة المقبلة من المحادثات."
P3 = "وأشار إلى أن الوسطاء يعملون على تقريب المواقف بشأن وقف إطلاق النار في المنطقة الحدودية."
P4 = "ويرى محللون أن الجولة المقبلة ستكون حاسمة لمستقبل المحادثات بين الطرفين."


def _page(*lines: str) -> str:
    return "\n\n".join(lines)


def _kept(article) -> str:
    return "\n".join(([article.title] if article.title else []) + article.paragraphs)


# One line per cue of furniture.tsv, each written for this test, and the cue that must drop it.
CUE_CASES = [
    ("إعلان", "ad"),
    ("Advertisement", "ad"),
    ("كتبت سارة محمود 3 دقائق للقراءة", "byline_meta"),
    ("قسم الاقتصاد — 6 دقائق للقراءة", "reading_time"),
    ("⏱ 2 دقائق", "reading_time"),
    ("قراءة في 7 دقائق", "reading_time"),
    ("بقلم: أحمد يوسف", "byline"),
    ("هيئة التحرير", "editorial_team"),
    ("الأحد 11 مايو 2025 - 10:30 ص", "date_line"),
    ("نشر في: 17/05/2025 12:30", "numeric_date_line"),
    ("تاريخ النشر: الثلاثاء 3 كانون الأول 2024", "published_label"),
    ("afp 11223344 jpeg", "image_file"),
    ("مصدر الصورة: وكالة الأنباء", "image_credit"),
    ("صورة أرشيفية", "image_archive"),
    ("شاركها.", "share_bar"),
    ("شارك الخبر على فيسبوك", "share_target"),
    ("شارك هذا المقال مع أصدقائك:", "share_target"),
    ("طباعة مشاركة السلام المفاوضات", "print_share"),
    ("فيسبوك تويتر واتساب تيليجرام", "share_bar"),
    ("تعليقات (12)", "comment_count"),
    ("بريدك الإلكتروني لن ينشر، والحقول المعلّمة إلزامية", "comment_form_email"),
    ("أضف تعليقك", "comment_prompt"),
    ("التعليقات", "comment_count"),
    ("لن يتم نشر بريدك الإلكتروني علناً.", "comment_form_email"),
    ("الحقول المطلوبة مشار إليها بعلامة *", "comment_form_fields"),
    ("البريد الإلكتروني *", "comment_form_label"),
    ("Leave a Comment", "leave_reply"),
    ("نرجو مراجعة التعليقات قبل النشر والالتزام بإرشادات الاستخدام.", "comment_policy"),
    ("المقالات المنشورة لا تعبر بالضرورة عن رأي الموقع.", "opinion_disclaimer"),
    ("الوسوم: المفاوضات السلام الهدنة", "tags"),
    ("كلمات مفتاحية", "tags_heading"),
    ("عن الكاتب: هالة يوسف محررة الشؤون الدولية في الموقع.", "author_box"),
    ("شاهد الفيديو: لحظة وصول الوفود إلى القاعة", "video_inline"),
    ("تابعوا الأخبار العاجلة عبر تطبيق الموقع على هواتفكم", "follow_app_promo"),
    ("المصدر: وكالة الأنباء الوطنية", "source"),
    ("عن الكاتب", "author_heading"),
    ("المزيد من الكاتب", "more_from_author"),
    ("Sara Smith is a senior correspondent covering diplomacy, conflict and human rights.", "author_bio"),
    ("موضوعات ذات صلة", "related_heading"),
    ("طالع أيضاً:", "read_also_heading"),
    ("الأكثر قراءة", "popular_heading"),
    ("You may also like", "related_heading_en"),
    ("اقرأ أيضا: الوسطاء يعلنون موعد الجولة الجديدة", "read_also_inline"),
    ("الرياض (جنيف)", "agency_stub"),
    ("القاهرة - وكالات", "city_agency_stub"),
    ("تابعونا على قناتنا في تيليجرام لمزيد من الأخبار", "follow_promo"),
    ("حمل تطبيق الموقع الآن", "app_promo"),
    ("© 2025 جميع الحقوق محفوظة", "copyright"),
    ("(الصورة: وكالة الأنباء)", "image_credit"),
    ("(رويترز 5566 jpg)", "image_file"),
    ("الوزيران يتصافحان قبل بدء الجلسة (أ ف ب)", "image_agency_caption"),
    ("الرئيسية » أخبار العالم » أوروبا", "breadcrumb"),
    ("منذ ساعتين", "time_ago"),
    ("عدد القراءات: 2300", "view_count"),
    ("المقال التالي", "prev_next"),
    ("تحرير: سلوى ناصر", "byline"),
    ("Photo by staff", "foreign_line"),
]


@pytest.mark.parametrize("line, cue", CUE_CASES)
def test_cue_drops_line(line, cue):
    article = clean_page(_page(P1, line, P2))[0]
    assert article.paragraphs == [P1, P2]
    assert article.dropped == [{"text": line, "cue": cue}]


# Header cues only count between the title and the first paragraph: written for this test.
HEADER_CASES = [
    ("صحيفة النهار الجديد | قسم السياسة", "outlet_line", "صحيفة النهار الجديد"),
    ("موقع الحدث اليومي", "outlet_line", "موقع الحدث اليومي"),
]


def test_every_cue_has_a_case():
    cases = {cue for _, cue in CUE_CASES} | {cue for _, cue, _source in HEADER_CASES}
    assert {cue.name for cue in load_cues()} == cases


@pytest.mark.parametrize("line, cue, source", HEADER_CASES)
def test_header_cue_drops_line_under_the_title(line, cue, source):
    article = clean_page(_page("الوسطاء يقتربون من اتفاق", line, P1, P2))[0]
    assert article.paragraphs == [P1, P2]
    assert article.dropped == [{"text": line, "cue": cue}]
    assert article.source == source


@pytest.mark.parametrize("line, _cue, _source", HEADER_CASES)
def test_header_cue_line_inside_the_story_is_kept(line, _cue, _source):
    assert clean_page(_page("الوسطاء يقتربون من اتفاق", P1, line, P2))[0].paragraphs == [P1, line, P2]


@pytest.mark.parametrize("line", [
    "🖨 اطبع | 📧 أرسل لصديق",
    "شارك عبر: تيليغرام • لينكد إن • نسخ الرابط",
    "طباعة   ✉ إرسال   حفظ",
    "Share via: Facebook | X",
    "رابط مختصر",
    "حجم الخط",
])
def test_share_bar_of_share_words_and_separators_is_dropped(line):
    article = clean_page(_page(P1, line, P2))[0]
    assert article.paragraphs == [P1, P2]
    assert article.dropped == [{"text": line, "cue": "share_bar"}]


@pytest.mark.parametrize("line", [
    "فيسبوك تحت المجهر",  # a sub-heading naming a network, with other words
    "شارك الوزير في اجتماع عبر فيسبوك",
    "طباعة العملة الجديدة",
])
def test_line_with_other_words_than_share_words_is_kept(line):
    assert clean_page(_page(P1, line, P2))[0].paragraphs == [P1, line, P2]


def test_subheading_with_a_byline_word_but_no_colon_is_kept():
    assert clean_page(_page(P1, "تحرير الرهائن", P2))[0].paragraphs == [P1, "تحرير الرهائن", P2]


@pytest.mark.parametrize("line, byline", [
    ("كتب: منى حسن | 5 دقائق للقراءة", "منى حسن"),
    ("المحرر: عادل سالم — وقت القراءة: 3 د", "عادل سالم"),
    ("كتبت: ريما فارس · الأحد 2 مارس 2025", "ريما فارس"),
])
def test_byline_glued_to_date_or_reading_time(line, byline):
    article = clean_page(_page("الوسطاء يقتربون من اتفاق", line, P1, P2))[0]
    assert article.paragraphs == [P1, P2]
    assert article.byline == byline


def test_short_report_line_starting_with_kataba_is_kept():
    line = "كتب الرئيس على منصته 3 رسائل متتالية"
    assert clean_page(_page(P1, line, P2))[0].paragraphs == [P1, line, P2]


# A carried story: a headline and full paragraphs (25 words or more) that share its words.
CARRIED_TITLE = "وزير الخارجية يبحث مع نظيره التركي ملف الأسرى في أنقرة"
CARRIED_P1 = ("بحث وزير الخارجية مع نظيره التركي في أنقرة أمس ملف الأسرى والمحتجزين، في إطار الجهود "
              "التي تبذلها تركيا للتوسط بين الطرفين منذ أشهر، وفق بيان صدر عن الوزارة عقب اللقاء.")
CARRIED_P2 = ("وأوضح البيان أن الوزيرين اتفقا على مواصلة التشاور بشأن ملف الأسرى، وعلى عقد لقاء جديد "
              "في أنقرة خلال الأسابيع المقبلة لبحث آلية التبادل وضمانات تنفيذها من الجانبين.")
RESUMED_P1 = ("لكن الوفد المفاوض أبدى تحفظه على بعض البنود المطروحة، مؤكداً أن أي اتفاق نهائي يحتاج "
              "إلى ضمانات مكتوبة وآلية رقابة واضحة يتفق عليها الطرفان قبل التوقيع عليه رسمياً.")
RESUMED_P2 = ("وأشار مصدر مطلع إلى أن الجولة المقبلة قد تعقد في العاصمة نفسها، وأن الوسطاء يعملون على "
              "تقريب وجهات النظر بشأن الخرائط وخطوط التماس قبل موعدها المحدد في نهاية الشهر.")


def test_read_also_headline_over_full_paragraphs_is_a_second_article():
    page = _page("الوسطاء يقتربون من اتفاق", P1, P2, "إقرأ أيضاً:", CARRIED_TITLE, CARRIED_P1, CARRIED_P2,
                 "الوسوم: الأسرى")
    main, second = clean_page(page)
    assert main.paragraphs == [P1, P2]
    assert (second.title, second.paragraphs) == (CARRIED_TITLE, [CARRIED_P1, CARRIED_P2])
    assert second.dropped == [{"text": "الوسوم: الأسرى", "cue": "tags"}]


def test_unrelated_read_also_headline_before_resumed_story_is_dropped():
    headline = "افتتاح مهرجان الموسيقى العربية بمشاركة فرق من عشر دول"
    page = _page("الوسطاء يقتربون من اتفاق", P1, "اقرأ أيضاً:", headline, RESUMED_P1, RESUMED_P2)
    [article] = clean_page(page)
    assert article.paragraphs == [P1, RESUMED_P1, RESUMED_P2]
    assert article.dropped[-1] == {"text": headline, "cue": "list_headline"}


def test_headline_list_before_full_paragraphs_stays_furniture():
    page = _page("الوسطاء يقتربون من اتفاق", P1, "اقرأ أيضاً:", "خبر قصير عن الطقس", CARRIED_TITLE,
                 CARRIED_P1, CARRIED_P2)
    [article] = clean_page(page)
    assert article.paragraphs == [P1, CARRIED_P1, CARRIED_P2]


def test_question_headline_in_a_list_is_dropped():
    page = _page(P1, P2, "أخبار ذات صلة", "▪ ماذا بعد فشل الجولة؟", "▪ الوسطاء يعودون إلى العاصمة")
    assert clean_page(page)[0].paragraphs == [P1, P2]


def test_tag_heading_drops_one_tag_a_line():
    page = _page(P1, P2, "الوسوم", "الأسرى", "وقف إطلاق النار", "الوساطة")
    [article] = clean_page(page)
    assert article.paragraphs == [P1, P2]
    assert [d["cue"] for d in article.dropped] == ["tags_heading"] + ["list_headline"] * 3


@pytest.mark.parametrize("after, kept", [
    ("الوزير يصافح نظيره أمام مقر الاجتماع صباح اليوم", False),  # a scene caption
    ("مواقف متباعدة", True),  # a short sub-heading
    (P3, True),
])
def test_caption_after_an_image_credit(after, kept):
    article = clean_page(_page("الوسطاء يقتربون من اتفاق", P1, "رويترز 998877 jpg", after, P2))[0]
    assert (after in article.paragraphs) is kept
    if not kept:
        assert article.dropped[-1] == {"text": after, "cue": "image_caption"}


@pytest.mark.parametrize("box, byline", [
    (["Author", "• Omar Haddad"], "Omar Haddad"),
    (["عن الكاتب", "سلمى ناصر"], "سلمى ناصر"),
    (["عن الكاتب: هالة يوسف محررة الشؤون الدولية في الموقع."], "هالة يوسف"),
    (["عن الكاتب: فريق التحرير في الموقع يتابع الأخبار على مدار الساعة."], "فريق التحرير"),
    (["About the author: John Smith writes about diplomacy for the site."], "John Smith"),
])
def test_byline_from_author_box(box, byline):
    article = clean_page(_page(P1, P2, *box))[0]
    assert article.paragraphs == [P1, P2]
    assert article.byline == byline


def test_stated_byline_wins_over_author_box():
    article = clean_page(_page("بقلم: أحمد يوسف", P1, P2, "Author", "• Omar Haddad"))[0]
    assert article.byline == "أحمد يوسف"


@pytest.mark.parametrize("line, iso", [
    ("نُشر في: 3 مارس 2025 - 10:15 صباحاً | آخر تحديث: 3 مارس 2025 - 14:40 مساءً", "2025-03-03"),
    ("صحيفة النهار الجديد | الاثنين 3 مارس 2025", "2025-03-03"),
    ("Posted in: Politics | March 3, 2025", "2025-03-03"),
])
def test_publication_date_read_off_the_page_header(line, iso):
    article = clean_page(_page("الوسطاء يقتربون من اتفاق", line, P1, P2))[0]
    assert article.paragraphs == [P1, P2]
    assert article.published == iso


def test_clean_article_passes_unchanged():
    title = "الوسطاء يقتربون من اتفاق لتبادل الأسرى"
    subheading = "مواقف متباعدة"
    page = _page(title, P1, P2, subheading, P3, P4)
    [article] = clean_page(page)
    assert article.title == title
    assert article.paragraphs == [P1, P2, subheading, P3, P4]
    assert article.dropped == []


@pytest.mark.parametrize("line", [
    "كتب الرئيس في تدوينة طويلة أن بلاده لن تتراجع عن شروطها، وأن الحوار هو الطريق الوحيد.",
    "شارك آلاف المحتجين في مسيرة وسط العاصمة للمطالبة بإنهاء الحرب فوراً.",
    "المصدر الدبلوماسي قال إن اللقاء سيعقد في موعده رغم الخلافات.",
])
def test_paragraph_starting_like_a_cue_is_kept(line):
    assert clean_page(_page(P1, line, P2))[0].paragraphs == [P1, line, P2]


def test_related_heading_drops_headline_list():
    page = _page(P1, P2, "أخبار ذات صلة", "• الوسطاء يصلون إلى العاصمة", "• انطلاق معرض الكتاب الدولي")
    [article] = clean_page(page)
    assert article.paragraphs == [P1, P2]
    assert [d["cue"] for d in article.dropped] == ["related_heading", "list_headline", "list_headline"]


def test_read_also_mid_body_drops_headline_and_resumes():
    page = _page(P1, "اقرأ أيضاً:", "ارتفاع أسعار الذهب في الأسواق العالمية", P2, P3)
    [article] = clean_page(page)
    assert article.paragraphs == [P1, P2, P3]


SECOND_TITLE = "الوسطاء: جولة جديدة من المحادثات خلال أيام"
SECOND_P1 = "أعلن الوسطاء أمس أن جولة جديدة من المحادثات ستعقد خلال أيام في العاصمة، بعد اتصالات مكثفة مع الطرفين."
SECOND_P2 = "وقال متحدث باسم الوسطاء إن الجولة ستبحث ملف الأسرى ووقف إطلاق النار، مؤكداً أن الأجواء إيجابية."


@pytest.mark.parametrize("between", [
    ["المصدر: وكالة الأنباء", "إقرأ أيضاً:", SECOND_TITLE],  # after the footer
    ["إقرأ أيضاً:", SECOND_TITLE, "الصحيفة (القاهرة)"],  # an outlet (city) stub opens it
])
def test_carried_story_becomes_second_article(between):
    page = _page(P1, P2, *between, SECOND_P1, SECOND_P2, "مقالات مشابهة", "• خبر قصير أول", "• خبر قصير ثان")
    main, second = clean_page(page)
    assert main.paragraphs == [P1, P2]
    assert second.title == SECOND_TITLE
    assert second.paragraphs == [SECOND_P1, SECOND_P2]
    assert all(d["cue"] != "agency_stub" for d in main.dropped)
    assert {"text": "• خبر قصير أول", "cue": "list_headline"} in second.dropped
    assert [line["fate"] for line in main.raw_lines][:2] == ["body", "body"]
    assert main.raw_lines[-1]["fate"] == "other"


@pytest.mark.parametrize("resume", [
    "وأكد الوزير أن الوفدين سيلتقيان مجدداً بعد العيد",  # a speech verb after wa
    "وكان الوفد قد وصل إلى العاصمة مساء أمس",  # a verb after wa
    "من جانبه رحب المبعوث الأممي بنتائج الجولة",  # a linking phrase
])
def test_running_text_ends_a_headline_list(resume):
    page = _page(P1, "اقرأ أيضاً", "ارتفاع أسعار الذهب في الأسواق العالمية", resume, P2)
    assert clean_page(page)[0].paragraphs == [P1, resume, P2]


UNPUNCTUATED = [
    "استقبل الرئيس اليوم وفد الوساطة الدولية في القصر الرئاسي بحضور وزير الخارجية ورئيس الوزراء",
    "وتناول اللقاء سبل دفع المفاوضات المتعثرة بين الطرفين والتوصل إلى وقف دائم لإطلاق النار",
    "استعرض الجانبان نتائج الجولة الماضية من المحادثات والخطوات المطلوبة من كل طرف خلال الفترة المقبلة",
]


def test_page_without_full_stops_keeps_paragraphs_after_a_list():
    page = _page("الرئيس يستقبل وفد الوساطة", UNPUNCTUATED[0], UNPUNCTUATED[1], "اقرأ أيضا", "وزير الخارجية يلتقي نظيره في باريس",
                 UNPUNCTUATED[2])
    [article] = clean_page(page)
    assert article.paragraphs == UNPUNCTUATED
    assert article.dropped[-1] == {"text": "وزير الخارجية يلتقي نظيره في باريس", "cue": "list_headline"}


def test_share_bar_above_the_story_does_not_split_it():
    page = _page("طباعة", P1, "اقرأ أيضاً:", "ارتفاع أسعار الذهب في الأسواق العالمية", P2, P3)
    [article] = clean_page(page)
    assert article.paragraphs == [P1, P2, P3]


def test_publication_label_without_a_date_is_kept():
    line = "نشر في الصحيفة مقال عن الوساطة"
    assert clean_page(_page(P1, line, P2))[0].paragraphs == [P1, line, P2]


def test_stray_headline_between_paragraphs_is_dropped():
    stray = "مهرجان السينما يفتتح دورته الجديدة بعرض فيلم وثائقي طويل"
    [article] = clean_page(_page(P1, P2, stray, P3, P4))
    assert article.paragraphs == [P1, P2, P3, P4]
    assert article.dropped == [{"text": stray, "cue": "stray_headline"}]


def test_subheading_sharing_the_story_words_is_kept():
    subheading = "الوزير يؤكد أن المحادثات بين الوفدين ستستأنف"
    [article] = clean_page(_page(P1, P2, subheading, P3, P4))
    assert subheading in article.paragraphs


def test_original_headline_in_the_lede_is_kept():
    line = "مهرجان السينما يفتتح دورته الجديدة بعرض فيلم وثائقي طويل"
    [article] = clean_page(_page("عنوان", P1, line, P2, P3))
    assert article.paragraphs == [P1, line, P2, P3]


@pytest.mark.parametrize("key, others, expected", [
    ("يقول الوزير إن الحوار ممكن", ["وأكد الوزير أن الحوار مستمر."], 0.5),
    ("انطلاق معرض الكتاب", ["قال الوزير إن المحادثات مستمرة."], 0.0),
    ("في من", ["في من"], 0.0),
])
def test_headline_overlap(key, others, expected):
    assert headline_overlap(cue_key(key), [cue_key(o) for o in others]) == pytest.approx(expected)


@pytest.mark.parametrize("lines, title", [
    (["gettyimages 99887766 jpg", "الوسطاء يقتربون من اتفاق", P1], "الوسطاء يقتربون من اتفاق"),
    ([P1, P2], None),
    (["هل تنجح الوساطة؟", P1], "هل تنجح الوساطة؟"),
])
def test_title(lines, title):
    assert clean_page(_page(*lines))[0].title == title


def test_byline_source_and_date_are_read_off_the_page():
    page = _page("عنوان الخبر", "بقلم: أحمد يوسف", "الجمعة 16 أيار/مايو 2025", P1, P2, "المصدر: صدى الأخبار")
    article = clean_page(page)[0]
    assert (article.byline, article.source, article.published) == ("أحمد يوسف", "صدى الأخبار", "2025-05-16")


def test_dateline_date_in_first_paragraph():
    article = clean_page("موسكو، 3 ديسمبر 2025 - " + P1)[0]
    assert article.published == "2025-12-03"


def test_date_inside_the_story_is_not_the_publication_date():
    assert clean_page(_page(P1, "وكانت الحرب قد بدأت في 24 فبراير 2022 وما زالت مستمرة.", P2))[0].published is None


@pytest.mark.parametrize("text, iso", [
    ("2025-05-17", "2025-05-17"),
    ("17/5/2025", "2025-05-17"),
    ("١٧/٠٥/٢٠٢٥", "2025-05-17"),
    ("السبت 17 أيار/مايو 2025", "2025-05-17"),
    ("3 كانون الثاني 2024", "2024-01-03"),
    ("5 جانفي 2023", "2023-01-05"),
    ("12 تشرين الأول، 2022", "2022-10-12"),
    ("Posted on March 3, 2025", "2025-03-03"),
    ("31/02/2025", None),
    ("الأسبوع المقبل", None),
])
def test_parse_date(text, iso):
    assert parse_date(text) == iso


def test_foreign_lines_kept_on_a_page_in_another_script():
    page = "Peace talks resume\n\nThe delegations met on Monday in Geneva, officials said."
    article = clean_page(page)[0]
    assert article.paragraphs == ["The delegations met on Monday in Geneva, officials said."]


def test_empty_page_has_no_article():
    assert clean_page("  \n\n ") == []


def test_malformed_openers_file_raises(tmp_path, monkeypatch):
    (tmp_path / "clean_openers.tsv").write_text("opener\tcomment\n(وقال\tnote\n", encoding="utf-8")
    monkeypatch.setattr(clean, "_LEXICONS", tmp_path)
    clean.load_openers.cache_clear()
    try:
        with pytest.raises(CleanError, match="clean_openers.tsv line 2: bad regex"):
            clean.load_openers()
    finally:
        monkeypatch.undo()
        clean.load_openers.cache_clear()


@pytest.mark.parametrize("row, message", [
    ("bad\tblock\t3\t^x$\tnote", "Unknown cue kind 'block'"),
    ("bad\tline\tmany\t^x$\tnote", "max_words 'many'"),
    ("bad\tline\t3\t^(x$\tnote", "bad regex"),
    ("bad\tline\t3", "expected 5"),
])
def test_malformed_furniture_file_raises(tmp_path, monkeypatch, row, message):
    (tmp_path / "furniture.tsv").write_text("cue\tkind\tmax_words\tpattern\tcomment\n" + row + "\n", encoding="utf-8")
    (tmp_path / "clean_months.tsv").write_text("name\tmonth\nمايو\t5\n", encoding="utf-8")
    monkeypatch.setattr(clean, "_LEXICONS", tmp_path)
    for cached in (clean.load_cues, clean.load_months, clean._month_alternation, clean._date_patterns):
        cached.cache_clear()
    try:
        with pytest.raises(CleanError, match=re.escape(message)):
            load_cues()
    finally:
        monkeypatch.undo()
        for cached in (clean.load_cues, clean.load_months, clean._month_alternation, clean._date_patterns):
            cached.cache_clear()


def test_missing_share_words_file_raises(tmp_path, monkeypatch):
    (tmp_path / "furniture.tsv").write_text("cue\tkind\tmax_words\tpattern\tcomment\n"
                                            "bar\tfooter\t5\t^(<SHARE>)$\tnote\n", encoding="utf-8")
    monkeypatch.setattr(clean, "_LEXICONS", tmp_path)
    for cached in (clean.load_cues, clean.load_share_words):
        cached.cache_clear()
    try:
        with pytest.raises(CleanError, match="clean_share_words.tsv is missing"):
            load_cues()
    finally:
        monkeypatch.undo()
        for cached in (clean.load_cues, clean.load_share_words):
            cached.cache_clear()


@pytest.mark.skipif(not HTML_SAMPLES.is_dir(), reason="shared HTML samples not present")
def test_html_page_keeps_the_story_and_drops_comment_policy():
    html = (HTML_SAMPLES / "cnn_arabic_2013_syria_clashes.html").read_text(encoding="utf-8", errors="replace")
    expected = (HTML_SAMPLES / "cnn_arabic_2013_syria_clashes.expected.txt").read_text(encoding="utf-8")
    [article] = clean_page(html, html=True)
    kept = _kept(article)
    paragraphs = [p.strip() for p in expected.splitlines() if p.strip()]
    assert sum(p in kept for p in paragraphs) >= 0.9 * len(paragraphs)
    assert article.title and article.title not in article.paragraphs
    assert article.source == "CNNArabic"
    assert article.published is None  # the page states no date; htmldate's guess is not taken
    assert all("التعليقات" not in p and "لا تعبر عن رأي" not in p for p in article.paragraphs)
    assert {d["cue"] for d in article.dropped} == {"comment_policy"}


def test_html_author_metadata_loses_its_label():
    article = clean.CleanArticle(title="عنوان", paragraphs=[P1])
    clean._apply_metadata(article, {"author": "بقلم: هالة يوسف"})
    assert article.byline == "هالة يوسف"


def test_html_without_text_raises():
    from marsad.errors import InputError

    with pytest.raises(InputError, match="no article text"):
        clean_page("<html><body></body></html>", html=True)


def test_a_section_menu_above_the_title_is_dropped():
    page = "الرئيسية\nمحليات\nدوليات\nرياضة\nالوسطاء يعلنون موعد الجولة المقبلة\n" + P1 + "\n" + P2
    article = clean_page(page)[0]
    assert article.title == "الوسطاء يعلنون موعد الجولة المقبلة" and article.paragraphs == [P1, P2]
    assert [d["cue"] for d in article.dropped] == ["navigation"] * 4


def test_a_short_title_above_other_furniture_is_no_menu():
    page = "هدنة هشة\nفريق التحرير\nإعلان\n" + P1 + "\n" + P2
    assert clean_page(page)[0].title == "هدنة هشة"


@pytest.mark.parametrize("raw, arabic", [
    ("قال الوزير إن المحادثات مستمرة.\nوأضاف أن الجولة المقبلة في القاهرة.", True),
    ("The minister said talks go on.\nقال الوزير", False),
    ("قال الوزير abc def", True),  # 10 Arabic letters of 16: half the letters, though not of the text
    ("قال الوزير 2025 - 12 - 01 ... !!! ??? the", True),  # punctuation is no letter
    ("2025 - 12 - 01", False),  # no letters at all
])
def test_arabic_page_is_one_whose_letters_are_mostly_arabic(raw, arabic):
    assert clean._is_arabic_page(raw) is arabic
