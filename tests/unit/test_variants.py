"""Spelling variants of transliterated names: pairs written by hand, with measured precision and recall."""

import pytest

from marsad.entities.variants import VariantIndex, are_variants, edit_distance, name_skeleton

# Two spellings of one name, as Arabic news and machine translation write them.
SAME = [
    ("زيلنسكي", "زيلينسكي"), ("زيلينسكي", "زيلينسكى"), ("ترامب", "ترمب"), ("روبيو", "روبنيو"),
    ("ديمترييف", "دميترييف"), ("دميترييف", "دميتريف"), ("أردوغان", "اردوغان"), ("أردوغان", "إردوغان"),
    ("كيلوغ", "كيلوج"), ("بيسكوف", "بسكوف"), ("سيبيها", "سيبها"), ("أوشاكوف", "اوشاكوف"),
    ("شولتس", "شولز"), ("ميرتس", "ميرز"), ("لافروف", "لافرووف"), ("ستولتنبرغ", "ستولتنبرج"),
    ("غوتيريش", "جوتيريش"), ("بلينكن", "بلنكن"), ("ماكرون", "ماكرونن"), ("نتنياهو", "نتانياهو"),
    ("كوشنر", "كوشنير"), ("ويتكوف", "ويتكووف"), ("يرماك", "ييرماك"), ("ميدفيديف", "مدفيديف"),
    ("شويغو", "شويجو"), ("غازبروم", "جازبروم"), ("إسطنبول", "اسطنبول"), ("ستارمر", "ستارمير"),
    ("فولوديمير", "فولودومير"), ("ديمتري", "دميتري"), ("سيرغي", "سيرجي"), ("ميلوني", "ميلونى"),
    ("أوربان", "اوربان"), ("لوكاشينكو", "لوكاشنكو"), ("بودانوف", "بودانوڤ"), ("هيغسيث", "هيجسيث"),
    ("فيدان", "فيدن"), ("زاخاروفا", "زخاروفا"), ("ميدينسكي", "مدينسكي"), ("ريابكوف", "ريابكووف"),
    ("الجولاني", "جولاني"), ("البغدادي", "البغدادى"),  # with and without the article
]
# Different names (or a name and an ordinary word) that look alike.
DIFFERENT = [
    ("بوتين", "بوتان"), ("ترامب", "تراب"), ("روسيا", "روسي"), ("كيري", "كير"), ("ماكرون", "ماكرو"),
    ("لافروف", "لافرون"), ("بايدن", "بايرن"), ("أوباما", "أوبرا"), ("بيسكوف", "بيستوف"),
    ("فيدان", "ميدان"), ("ستارمر", "ستارك"), ("روبيو", "روبي"), ("كوشنر", "كوشين"),
    ("سميث", "سميح"), ("جونسون", "جاكسون"), ("أحمد", "حامد"), ("علي", "عالية"),
    ("ميرتس", "ميرسي"), ("كالاس", "كالاو"), ("روته", "روتا"), ("مودي", "مدير"),
    ("بلينكن", "بلين"), ("زيلنسكي", "زيلكو"), ("أوشاكوف", "أوستروف"), ("شويغو", "شيكاغو"),
    ("نتنياهو", "نتيجة"), ("ميلوني", "مليون"), ("هاريس", "باريس"), ("فانس", "فرنسا"),
    ("ستوب", "ستيف"), ("والتز", "والدة"), ("بوشيلين", "بوشكين"), ("مينسك", "مينا"),
    ("البرهان", "الرهائن"), ("السيسي", "الساسة"),  # the article is no shared first letter
    ("زيلينسكي", "زيلينسكا"), ("زاخاروف", "زاخاروفا"), ("إيفانوف", "إيفانوفا"),  # a man and a woman
    ("كارني", "كارنيغي"), ("ماكين", "ماكينزي"),  # two letters more make another name (Carney, Carnegie)
]


@pytest.mark.parametrize("a, b", SAME)
def test_spellings_of_one_name_are_variants(a, b):
    assert are_variants(a, b)


@pytest.mark.parametrize("a, b", DIFFERENT)
def test_different_names_are_not_variants(a, b):
    assert not are_variants(a, b)


@pytest.mark.xfail(strict=True, reason="known weakness: a long vowel separates some native Arabic names")
def test_native_arabic_names_differing_by_a_long_vowel():
    assert not are_variants("محمد", "محمود")


def test_precision_and_recall_over_all_pairs():
    true_positive = sum(are_variants(a, b) for a, b in SAME)
    false_positive = sum(are_variants(a, b) for a, b in DIFFERENT)
    precision = true_positive / max(1, true_positive + false_positive)
    recall = true_positive / len(SAME)
    assert len(SAME) + len(DIFFERENT) >= 50
    assert precision >= 0.95 and recall >= 0.9, (precision, recall)


@pytest.mark.parametrize("word, skeleton", [
    ("زيلينسكي", "زلنسك"), ("ترامب", "ترمب"), ("كيلوغ", "كلج"), ("أوشاكوف", "اشكف"),
])
def test_name_skeleton_keeps_first_letter_and_consonants(word, skeleton):
    assert name_skeleton(word) == skeleton


@pytest.mark.parametrize("a, b, distance", [("روبيو", "روبنيو", 1), ("بوتين", "بوتين", 0), ("abc", "xyz", 3)])
def test_edit_distance(a, b, distance):
    assert edit_distance(a, b) == distance


def test_index_finds_a_variant_without_scanning():
    index = VariantIndex()
    index.add("زيلنسكي", "per:z")
    index.add("بوتين", "per:p")
    assert [payload for _, payload in index.lookup("زيلينسكى")] == ["per:z"]
    assert index.lookup("بوتان") == []


@pytest.mark.parametrize("word, name", [("وتكشف", "ويتكوف"), ("وتكلف", "ويتكوف")])
def test_one_consonant_more_needs_the_same_start(word, name):
    assert not are_variants(word, name)
