"""The CRF NER tagger: held-out score of the shipped model, tagging, clitic splitting, scoring,
and the lists tools/train_ner.py derives."""

import importlib.util
from collections import Counter
from pathlib import Path

import pytest

from marsad.entities import tagger
from marsad.entities.tagger import (
    TaggerDataError, extract_spans, is_held_out, read_newsfane, score_spans, split_clitics,
    tag_tokens, tag_words,
)
from marsad.text.tokens import tokenize

CORPUS = Path("/work/shared/data/newsfane-gold/NewsFANE_Gold_2014_170K.txt")
TOLERANCE = 0.002
SCRIPT = Path(__file__).resolve().parents[2] / "tools" / "train_ner.py"
SPEC = importlib.util.spec_from_file_location("train_ner", SCRIPT)
train_ner = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(train_ner)


def _entities(sentence: str) -> list[tuple[str, str]]:
    """(entity text, type) pairs the tagger finds in a raw sentence."""
    tokens = tokenize(sentence)
    tags = tag_tokens(tokens)
    return [(sentence[tokens[start].start:tokens[end - 1].end], kind)
            for start, end, kind in sorted(extract_spans(tags))]


@pytest.mark.skipif(not CORPUS.exists(), reason="NewsFANE Gold is not in /work/shared/data")
def test_held_out_scores_match_recorded_metrics():
    sentences = read_newsfane(CORPUS)
    held_out = [pair for index, pair in enumerate(sentences) if is_held_out(index)]
    predicted = [tag_words(words) for words, _tags in held_out]
    scores = score_spans([tags for _words, tags in held_out], predicted)
    recorded = tagger.load_metrics()["scores"]
    for kind in (*tagger.COARSE_TYPES, "overall"):
        assert scores[kind]["f1"] == pytest.approx(recorded[kind]["f1"], abs=TOLERANCE), kind
    assert scores["overall"]["f1"] >= 0.80


@pytest.mark.parametrize("sentence, expected", [
    ("التقى الرئيس الفرنسي إيمانويل ماكرون في باريس بوفد من الأمم المتحدة",
     [("إيمانويل ماكرون", "PER"), ("باريس", "LOC"), ("الأمم المتحدة", "ORG")]),
    ("وأكد بوتين أن روسيا لن تتراجع", [("بوتين", "PER"), ("روسيا", "LOC")]),
    ("أعلنت شركة مايكروسوفت عن أرباحها في نيويورك", [("مايكروسوفت", "ORG"), ("نيويورك", "LOC")]),
    ("وصل الرئيس الأوكراني فولوديمير زيلينسكي إلى واشنطن",
     [("فولوديمير زيلينسكي", "PER"), ("واشنطن", "LOC")]),
])
def test_tag_tokens_finds_entities(sentence, expected):
    assert _entities(sentence) == expected


def test_tag_tokens_keeps_conjunction_token_whole():
    # "وبغداد" is و + بغداد: the tag maps back onto the whole raw token.
    sentence = "سيزور الوزير القاهرة وبغداد"
    assert ("وبغداد", "LOC") in _entities(sentence)


def test_tag_tokens_returns_one_tag_per_token():
    tokens = tokenize("قال المتحدث: «لن نوقع» وغادر.")
    assert len(tag_tokens(tokens)) == len(tokens)


def test_tag_words_of_empty_sentence_is_empty():
    assert tag_words([]) == []


@pytest.mark.parametrize("word, pieces", [
    ("وبروسيا", ("و", "ب", "روسيا")),
    ("والصين", ("و", "الصين")),
    ("لروسيا", ("ل", "روسيا")),
    ("وزير", ("وزير",)),
    ("لبنان", ("لبنان",)),
    ("بان", ("بان",)),
])
def test_split_clitics_follows_training_corpus(word, pieces):
    assert split_clitics(word) == pieces


@pytest.mark.parametrize("tags, spans", [
    (["B-PER", "I-PER", "O", "B-LOC"], {(0, 2, "PER"), (3, 4, "LOC")}),
    (["O", "I-ORG", "I-ORG"], {(1, 3, "ORG")}),
    (["B-PER", "B-PER"], {(0, 1, "PER"), (1, 2, "PER")}),
    (["B-PER", "I-LOC"], {(0, 1, "PER"), (1, 2, "LOC")}),
])
def test_extract_spans_is_conll_style(tags, spans):
    assert extract_spans(tags) == spans


def test_score_spans_counts_exact_matches_only():
    gold = [["B-PER", "I-PER", "O", "B-LOC"]]
    predicted = [["B-PER", "O", "O", "B-LOC"]]
    scores = score_spans(gold, predicted)
    assert scores["LOC"]["f1"] == 1.0
    assert scores["PER"]["f1"] == 0.0
    assert scores["overall"]["precision"] == 0.5
    assert scores["overall"]["recall"] == 0.5


def test_read_newsfane_maps_classes_and_strips_marks(tmp_path):
    path = tmp_path / "gold.txt"
    path.write_text("\ufeff\u200eزار\tO\n\u200eعادل\tB-Artist\n\u200eامام\tI-Artist\n\t\n"
                    "\u200eالعرب\tB-Group\n", encoding="utf-8")
    assert read_newsfane(path) == [
        (["زار", "عادل", "امام"], ["O", "B-PER", "I-PER"]),
        (["العرب"], ["B-MISC"]),
    ]


def test_read_newsfane_rejects_unknown_class(tmp_path):
    path = tmp_path / "gold.txt"
    path.write_text("\u200eزار\tB-Alien\n", encoding="utf-8")
    with pytest.raises(TaggerDataError, match="Unknown NewsFANE class 'Alien'.*line 1"):
        read_newsfane(path)


@pytest.mark.parametrize("index, held_out", [(0, False), (3, False), (4, True), (9, True), (10, False)])
def test_is_held_out_takes_every_fifth_sentence(index, held_out):
    assert is_held_out(index) is held_out


@pytest.mark.parametrize("scores", [[0, 0, 0], [5, -3, 1024], [-2048, 7, 0]])
def test_unpack_scores_gives_scores_relative_to_o(scores):
    packed = tagger.pack_scores(scores)
    assert tagger.unpack_scores(packed, len(scores)) == [score - scores[0] for score in scores]


@pytest.mark.parametrize("sentence", [
    "قال وزير الخارجية الروسي سيرغي لافروف إن موسكو مستعدة للحوار",
    "وصل الرئيس الأوكراني إلى أنقرة للقاء أردوغان",
])
def test_pruned_decoder_agrees_with_exact_crf(sentence):
    words = [piece for token in tokenize(sentence) for piece in split_clitics(tagger.key_of(token.text))]
    exact = tagger.load_tagger().tag(tagger.extract_features(words))
    assert tag_words(words) == exact


@pytest.mark.parametrize("word, cue", [
    ("الرييس", "PER_TITLE"),
    ("للهييه", "ORG_HEAD"),   # ل + الهيئة: the cue of the stem
    ("والوزاره", "ORG_HEAD"),
    ("بعنوان", "MISC_HEAD"),
    ("بيت", ""),
])
def test_cue_of_reads_through_proclitics(word, cue):
    assert tagger.cue_of(word) == cue


def test_cue_word_marks_the_words_three_and_four_after_it():
    rows = tagger.extract_features(["اعلنت", "وزارة", "السياحة", "الفلسطينية", "الجديدة", "امس"])
    assert "-3:cue=ORG_HEAD" in rows[4] and "-4:cue=ORG_HEAD" in rows[5]
    assert not any(feature.startswith(("-3:", "-4:")) for feature in rows[3])


def test_word_features_carry_typical_neighbours(monkeypatch):
    monkeypatch.setattr(tagger, "load_contexts", lambda: {"الغرافه": ("فريق", "على")})
    tagger._word_features.cache_clear()
    try:
        features = tagger._word_features("الغرافه")
    finally:
        tagger._word_features.cache_clear()
    assert "cl=فريق" in features and "cr=على" in features


def _o_leading(margin_units: float, i_loc_gap: float) -> int:
    """A packed score where O beats the B- labels by ``margin_units`` and I-LOC by ``i_loc_gap``."""
    labels = tagger.load_weights().labels
    scores = [0 if label == "O" else -tagger._fixed(i_loc_gap if label == "I-LOC" else margin_units)
              for label in labels]
    return tagger.pack_scores(scores)


def test_word_after_sure_o_ignores_inside_labels_no_name_can_reach():
    weights = tagger.load_weights()
    sure, close_inside = _o_leading(20, 20), _o_leading(20, 1)
    # Alone, I-LOC one unit behind O keeps the word open; after a sure-O word, O -> I-LOC costs too much.
    assert tagger._sure_o_words([close_inside], weights) == [False]
    assert tagger._sure_o_words([sure, close_inside], weights) == [True, True]


def test_word_after_sure_o_keeps_close_begin_labels_open():
    weights = tagger.load_weights()
    labels = weights.labels
    close_begin = tagger.pack_scores([0 if label == "O" else -tagger._fixed(0.5 if label == "B-PER" else 20)
                                      for label in labels])
    assert tagger._sure_o_words([_o_leading(20, 20), close_begin], weights) == [True, False]


def test_training_names_take_each_span_with_its_type():
    sentences = [(["فاز", "نادي", "الزمالك", "في", "القاهرة"], ["O", "B-ORG", "I-ORG", "O", "B-LOC"])]
    assert train_ner.collect_training_names(sentences) == {("TORG", "نادي الزمالك"), ("TLOC", "القاهره")}


def test_typical_neighbours_skip_clitics_and_need_two_sightings():
    sentences = [
        (["فاز", "فريق", "الغرافة", "على", "منافسه"], ["O"] * 5),
        (["خسر", "فريق", "الغرافة", "و", "على"], ["O"] * 5),
    ]
    rows = {word: (left, right) for word, left, right in train_ner.typical_neighbours(sentences)}
    assert rows["الغرافه"] == ("فريق", "علي")  # "و" is skipped as a clitic
    assert rows["فريق"] == ("", "الغرافه")    # فاز and خسر are seen once each
    assert "فاز" not in rows


@pytest.mark.parametrize("counts, expected", [
    ({"فريق": 2, "نادي": 2}, "فريق"),  # a tie goes to the first in sort order
    ({"نادي": 3, "فريق": 2}, "نادي"),
    ({"فريق": 1}, ""),
])
def test_most_common_is_deterministic(counts, expected):
    assert train_ner.most_common(Counter(counts)) == expected


@pytest.mark.skipif(not (train_ner.DATA / "arwikicats-labels").exists(), reason="public lists not in /work/shared/data")
@pytest.mark.parametrize("name", ["الفرنسيين", "فرنسيون", "المصريين"])
def test_peoples_list_holds_plural_demonyms(name):
    assert ("NATP", name) in train_ner.collect_peoples()


def test_packed_scores_add_lane_by_lane_when_lanes_go_negative():
    first, second = [0, -5000, 7, 0], [100, 3, -9000, 100]
    total = tagger.pack_scores(first) + tagger.pack_scores(second)
    assert tagger.unpack_scores(total, 4) == [a - first[0] + b - second[0] for a, b in zip(first, second)]



def test_score_features_is_the_packed_sum_of_the_features_weights():
    weights = tagger.load_weights()
    features = ("bias", "w=بوتين", "p2=بو", "no such feature", "bias")
    totals = [sum(weights.state.get(f, (0,) * len(weights.labels))[lane] for f in features)
              for lane in range(len(weights.labels))]
    assert tagger.score_features(features) == tagger.pack_scores(totals)


@pytest.mark.parametrize("tags, repaired", [
    (["O", "I-PER", "I-PER"], ["O", "B-PER", "I-PER"]),
    (["I-LOC", "O"], ["B-LOC", "O"]),
    (["B-ORG", "I-LOC", "I-LOC"], ["B-ORG", "B-LOC", "I-LOC"]),
    (["B-PER", "I-PER", "O", "B-LOC"], ["B-PER", "I-PER", "O", "B-LOC"]),
])
def test_repair_bio_opens_orphan_inside_tags(tags, repaired):
    assert tagger._repair_bio(tags) == repaired


@pytest.mark.parametrize("indices, runs", [([], []), ([2, 3, 7], [[2, 4], [7, 8]]), ([0, 1, 2], [[0, 3]])])
def test_runs_group_consecutive_indices(indices, runs):
    assert tagger._runs(indices) == runs


@pytest.mark.parametrize("first_path, second_path", [(["B-LOC"], ["B-PER"]), (["B-PER", "B-LOC"], ["B-LOC", "B-PER"])])
def test_viterbi_step_breaks_a_tie_towards_the_larger_path(first_path, second_path):
    weights = tagger.load_weights()
    lane, moves = weights.labels.index, weights.transitions
    paths = [[lane(label) for label in path] for path in (first_path, second_path)]
    previous, inside = [path[-1] for path in paths], lane("I-PER")
    # Both predecessors reach I-PER with the same score: (score, path) comparison takes the larger path.
    totals = [1000 - moves[before][inside] for before in previous]
    _totals, advanced = tagger._advance(previous, totals, paths, [inside], [0] * len(weights.labels))
    assert advanced == [[*max(paths), inside]]


@pytest.mark.parametrize("word, topic", [
    ("المباراه", "SPORT"),
    ("والمباراه", "SPORT"),   # و + المباراة: the topic of the stem
    ("للمنتخب", "SPORT"),
    ("الحكومه", ""),
])
def test_topic_of_reads_through_proclitics(word, topic):
    assert tagger.topic_of(word) == topic


@pytest.mark.parametrize("keys, topic", [
    (["فاز", "منتخب", "قطر", "على", "ضيفه"], "SPORT"),
    (["زار", "وزير", "الخارجيه", "قطر"], ""),
])
def test_sentence_topic_comes_from_any_topic_word(keys, topic):
    assert tagger.sentence_topic(keys) == topic


def test_sport_sentence_gives_every_word_topic_features():
    # A country in a sentence about a match often names the national team.
    rows = tagger.extract_features(["تعادل", "قطر", "مع", "عمان", "في", "المباراة"])
    assert {"T=SPORT", "T=SPORT|w=قطر", "T=SPORT|p2=قط", "T=SPORT|g=LOC"} <= set(rows[1])
    assert "T=SPORT" in rows[2]


def test_sentence_without_topic_word_has_no_topic_features():
    rows = tagger.extract_features(["زار", "الوزير", "قطر", "امس"])
    assert not any(feature.startswith("T=") for row in rows for feature in row)


@pytest.mark.parametrize("sentence", [
    "فاز منتخب قطر على عمان بهدفين في المباراة النهائية",
    "تعادل الاتحاد مع الشباب في الدوري السعودي",
])
def test_pruned_decoder_agrees_with_exact_crf_in_sport_sentences(sentence):
    # The decoder adds the topic scores itself: they must equal the training features'.
    words = [piece for token in tokenize(sentence) for piece in split_clitics(tagger.key_of(token.text))]
    packed = tagger._word_scores([tagger.key_of(word) for word in words])
    assert packed == [tagger.score_features(tuple(row)) for row in tagger.extract_features(words)]
    assert tag_words(words) == tagger.load_tagger().tag(tagger.extract_features(words))
