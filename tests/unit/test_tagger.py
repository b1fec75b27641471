"""The CRF NER tagger: held-out score of the shipped model, tagging, clitic splitting, scoring."""

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
