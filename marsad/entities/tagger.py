"""Statistical named-entity tagger: a CRF trained on NewsFANE Gold, tags PER/ORG/LOC/MISC.

The model (``data/models/ner.crfsuite``) is made by ``tools/train_ner.py``;
docs/ner.md has the recipe and the held-out scores. Features are the word,
its normalised key, character prefixes and suffixes, its shape, its
proclitic-stripped stem, the words two either side, cue words
(``ner.triggers.tsv``) and gazetteer matches (``ner.gazetteer.tsv``, derived
from public name lists). The training text splits the conjunction و and the
prepositions ب ل ك ف off as tokens and drops hamza; ``tag_tokens`` does the
same to raw tokens and maps the tags back.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pycrfsuite

from marsad.document import Token
from marsad.errors import MarsadError
from marsad.text.normalize import normalize_key
from marsad.text.tokens import split_proclitics

MODEL_DIR = Path(__file__).resolve().parent.parent / "data" / "models"
MODEL_FILE = "ner.crfsuite"
GAZETTEER_FILE = "ner.gazetteer.tsv"
VOCABULARY_FILE = "ner.vocab.tsv"
TRIGGERS_FILE = "ner.triggers.tsv"
CLASSES_FILE = "ner.classes.tsv"
METRICS_FILE = "ner.metrics.json"
COARSE_TYPES = ("PER", "ORG", "LOC", "MISC")
PROCLITIC_LETTERS = "وفبلك"
MAX_NAME_TOKENS = 6


class TaggerDataError(MarsadError):
    """A tagger model or data file is missing or malformed."""


@dataclass(frozen=True)
class Gazetteer:
    """Known names: whole names (word tuples) and single words, each with its kinds."""

    names: dict[tuple[str, ...], tuple[str, ...]]
    lengths: dict[str, tuple[int, ...]]  # first word -> name lengths, longest first
    words: dict[str, tuple[str, ...]]


def read_table(name: str, directory: Path = MODEL_DIR) -> list[list[str]]:
    """Rows of a model-directory TSV after its comment line and header.

    Example: read_table("ner.classes.tsv")[0] == ["Politician", "PER"]
    """
    path = directory / name
    if not path.exists():
        raise TaggerDataError(f"Tagger data file {path} is missing. Rebuild it with: make model")
    lines = path.read_text(encoding="utf-8").splitlines()
    body = [line for line in lines if line and not line.startswith("#")]
    return [line.split("\t") for line in body[1:]]


@lru_cache(maxsize=1)
def load_triggers() -> dict[str, str]:
    """Normalised cue word -> cue class: load_triggers()["الرييس"] == "PER_TITLE"."""
    return {normalize_key(word): cue for word, cue in read_table(TRIGGERS_FILE)}


@lru_cache(maxsize=1)
def load_class_map() -> dict[str, str]:
    """NewsFANE fine class -> coarse type: load_class_map()["Politician"] == "PER"."""
    return {fine: coarse for fine, coarse in read_table(CLASSES_FILE)}


@lru_cache(maxsize=1)
def load_vocabulary() -> dict[str, int]:
    """Training-text word -> count, which decides whether a leading و/ب/ل is a clitic."""
    return {word: int(count) for word, count in read_table(VOCABULARY_FILE)}


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The derived name lists: load_gazetteer().words["روسيا"] contains "LOC"."""
    kinds: dict[tuple[str, ...], set[str]] = {}
    for kind, name in read_table(GAZETTEER_FILE):
        kinds.setdefault(tuple(name.split(" ")), set()).add(kind)
    names = {words: tuple(sorted(found)) for words, found in kinds.items()}
    lengths: dict[str, set[int]] = {}
    for words in names:
        lengths.setdefault(words[0], set()).add(len(words))
    return Gazetteer(
        names=names,
        lengths={first: tuple(sorted(found, reverse=True)) for first, found in lengths.items()},
        words={words[0]: found for words, found in names.items() if len(words) == 1},
    )


@lru_cache(maxsize=1)
def load_tagger() -> pycrfsuite.Tagger:
    """The shipped CRF model, opened once."""
    path = MODEL_DIR / MODEL_FILE
    if not path.exists():
        raise TaggerDataError(f"NER model {path} is missing. Train it with: make model")
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


@lru_cache(maxsize=1)
def load_active_features() -> frozenset[str]:
    """Feature strings that carry a non-zero weight in the shipped model.

    The rest change no tag, so leaving them out only saves time.
    """
    return frozenset(feature for feature, _label in load_tagger().info().state_features)


def clear_caches() -> None:
    """Forget loaded data and features, after training rewrote the model directory."""
    for cached in (load_triggers, load_class_map, load_vocabulary, load_gazetteer,
                   load_tagger, load_active_features, _word_features, _views_of, _active_views_of,
                   split_clitics):
        cached.cache_clear()


def key_of(word: str) -> str:
    """The lookup key of a word, or the word itself when normalising empties it: "أُوكرانيا" -> "اوكرانيا"."""
    return normalize_key(word) or word


def _shape(key: str) -> str:
    first = key[0]
    if key.isdigit():
        return "digit"
    if "\u0600" <= first <= "\u06ff":
        return "arabic"
    return "latin" if first.isalpha() else "punct"


@lru_cache(maxsize=200_000)
def _word_features(key: str) -> tuple[str, ...]:
    gazetteer = load_gazetteer()
    features = [
        "bias", "w=" + key, "p2=" + key[:2], "p3=" + key[:3],
        "s1=" + key[-1:], "s2=" + key[-2:], "s3=" + key[-3:], "s4=" + key[-4:],
        "shape=" + _shape(key), "len=" + str(min(len(key), 8)),
    ]
    cue = load_triggers().get(key)
    if cue:
        features.append("cue=" + cue)
    features.extend("g=" + kind for kind in gazetteer.words.get(key, ()))
    readings = split_proclitics(key)
    if len(readings) > 1:
        features.append("stem=" + readings[1][1])
    for _clitics, stem in readings[1:]:
        features.extend(f"gs={kind}" for kind in gazetteer.words.get(stem, ()) if kind != "NAME")
    return tuple(dict.fromkeys(features))


def _context_features(key: str, offset: int) -> tuple[str, ...]:
    # Neighbours contribute their word, cue class and gazetteer kinds; far ones only word and cue.
    prefix = f"{offset}:"
    features = [prefix + "w=" + key]
    cue = load_triggers().get(key)
    if cue:
        features.append(prefix + "cue=" + cue)
    if abs(offset) == 1:
        features.extend(prefix + "g=" + kind for kind in load_gazetteer().words.get(key, ()))
        features.extend((prefix + "p2=" + key[:2], prefix + "s2=" + key[-2:]))
        readings = split_proclitics(key)
        if len(readings) > 1:
            features.append(prefix + "stem=" + readings[1][1])
    return tuple(features)


@lru_cache(maxsize=200_000)
def _views_of(key: str) -> tuple[tuple[str, ...], ...]:
    """A word's own features, then its features as seen from 2 and 1 words after it, 1 and 2 before."""
    return (_word_features(key), *(_context_features(key, offset) for offset in (-2, -1, 1, 2)))


# What a missing neighbour looks like past either end of the sentence.
_EDGE_VIEWS = ((), ("-2:edge",), ("-1:edge",), ("1:edge",), ("2:edge",))


def _gazetteer_spans(keys: list[str]) -> list[list[str]]:
    """Per word, the features of the longest known names that cover it ("G=LOC", "G=LOC:B")."""
    gazetteer = load_gazetteer()
    marks: list[list[str]] = [[] for _ in keys]
    for start, key in enumerate(keys):
        for length in gazetteer.lengths.get(key, ()):
            if length == 1 or start + length > len(keys):
                continue
            kinds = gazetteer.names.get(tuple(keys[start:start + length]))
            if kinds:
                for kind in kinds:
                    marks[start].append(f"G={kind}:B")
                    for inside in range(start, start + length):
                        marks[inside].append(f"G={kind}")
                break
    return marks


def _keep_active(features: tuple[str, ...], active: frozenset[str]) -> tuple[str, ...]:
    return tuple(feature for feature in features if feature in active)


@lru_cache(maxsize=200_000)
def _active_views_of(key: str) -> tuple[tuple[str, ...], ...]:
    active = load_active_features()
    return tuple(_keep_active(view, active) for view in _views_of(key))


def _tagging_features(words: list[str]) -> list[list[str]]:
    """extract_features() without the features the model gives no weight: same tags, faster."""
    keys = [key_of(word) for word in words]
    active = load_active_features()
    spans = _gazetteer_spans(keys)
    views = [_EDGE_VIEWS, _EDGE_VIEWS, *map(_active_views_of, keys), _EDGE_VIEWS, _EDGE_VIEWS]
    padded = ["", *keys, ""]
    rows = []
    for index, key in enumerate(keys):
        row = [*views[index + 2][0], *spans[index],
               *views[index][1], *views[index + 1][2], *views[index + 3][3], *views[index + 4][4]]
        for bigram in ("b-=" + padded[index] + "|" + key, "b+=" + key + "|" + padded[index + 2]):
            if bigram in active:
                row.append(bigram)
        rows.append(row)
    return rows


def extract_features(words: list[str]) -> list[list[str]]:
    """CRF feature strings per word of one sentence (words in training-corpus style).

    Example: "w=بوتين" in extract_features(["زار", "بوتين"])[1]
    """
    keys = [key_of(word) for word in words]
    spans = _gazetteer_spans(keys)
    views = [_EDGE_VIEWS, _EDGE_VIEWS, *map(_views_of, keys), _EDGE_VIEWS, _EDGE_VIEWS]
    padded = ["", *keys, ""]
    rows = []
    for index, key in enumerate(keys):
        # views[index + 2] is this word; the window runs from index to index + 4.
        rows.append([
            *views[index + 2][0], *spans[index],
            *views[index][1], *views[index + 1][2], *views[index + 3][3], *views[index + 4][4],
            "b-=" + padded[index] + "|" + key, "b+=" + key + "|" + padded[index + 2],
        ])
    return rows


def tag_words(words: list[str]) -> list[str]:
    """BIO tags (B-PER, I-LOC, O …) for one sentence's words, split as in the training corpus.

    Example: tag_words(["زار", "بوتين", "موسكو"]) == ["O", "B-PER", "B-LOC"]
    """
    if not words:
        return []
    return load_tagger().tag(_tagging_features(words))


@lru_cache(maxsize=100_000)
def split_clitics(key: str) -> tuple[str, ...]:
    """A normalised word split as the training corpus splits it: "وبروسيا" -> ("و", "ب", "روسيا").

    A leading و/ف/ب/ل/ك is split off when the whole word is (almost) never
    seen in the training text but the rest is a known word or name, or, for
    و, the rest starts with the article.
    """
    if len(key) < 3 or key[0] not in PROCLITIC_LETTERS:
        return (key,)
    vocabulary = load_vocabulary()
    rest = key[1:]
    if vocabulary.get(key, 0) > 1:
        return (key,)
    known = vocabulary.get(rest, 0) > 0 or rest in load_gazetteer().words
    if known or (key[0] == "و" and rest.startswith("ال")):
        return (key[0], *split_clitics(rest))
    return (key,)


def _repair_bio(tags: list[str]) -> list[str]:
    """Tags where every I-X follows B-X or I-X: an orphan I-X becomes B-X."""
    repaired = []
    previous = "O"
    for tag in tags:
        if tag.startswith("I-") and previous[2:] != tag[2:]:
            tag = "B-" + tag[2:]
        repaired.append(tag)
        previous = tag
    return repaired


def tag_tokens(tokens: list[Token]) -> list[str]:
    """BIO tags for the marsad tokens of one sentence, one per token.

    Each raw token is normalised and split like the training text; a token
    takes the tag of its last piece (the word after its proclitics).

    Example: [tag for tag in tag_tokens(tokenize("وصل ماكرون إلى باريس"))] == ["O", "B-PER", "O", "B-LOC"]
    """
    pieces: list[str] = []
    last_piece: list[int] = []
    for token in tokens:
        pieces.extend(split_clitics(key_of(token.text)))
        last_piece.append(len(pieces) - 1)
    piece_tags = tag_words(pieces)
    return _repair_bio([piece_tags[index] for index in last_piece])


def read_newsfane(path: Path) -> list[tuple[list[str], list[str]]]:
    """Sentences of the NewsFANE Gold file as (words, coarse BIO tags), in file order.

    Strips the BOM and the left-to-right marks; maps fine classes through
    ``ner.classes.tsv``.

    Raises:
        TaggerDataError: a tag whose class is not in ``ner.classes.tsv``.
    """
    class_map = load_class_map()
    sentences: list[tuple[list[str], list[str]]] = []
    words: list[str] = []
    tags: list[str] = []
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), 1):
        word, _, tag = line.partition("\t")
        if not word.strip():
            if words:
                sentences.append((words, tags))
            words, tags = [], []
            continue
        words.append(word.replace("\u200e", ""))
        tags.append(_coarse_tag(tag.strip(), class_map, path, number))
    if words:
        sentences.append((words, tags))
    return sentences


def _coarse_tag(tag: str, class_map: dict[str, str], path: Path, number: int) -> str:
    if tag == "O":
        return tag
    fine = tag[2:]
    if fine not in class_map:
        valid = ", ".join(sorted(class_map))
        raise TaggerDataError(f"Unknown NewsFANE class '{fine}' in {path} line {number}. "
                              f"Add it to {CLASSES_FILE}; known: {valid}.")
    return tag[:2] + class_map[fine]


def is_held_out(index: int) -> bool:
    """Whether sentence ``index`` (file order, from 0) is in the held-out test split."""
    return index % 5 == 4


def extract_spans(tags: list[str]) -> set[tuple[int, int, str]]:
    """(start, end, type) of each entity in a BIO sequence, CoNLL style (an orphan I- opens one).

    Example: extract_spans(["B-PER", "I-PER", "O", "I-LOC"]) == {(0, 2, "PER"), (3, 4, "LOC")}
    """
    spans = set()
    start, kind = None, None
    for index, tag in enumerate([*tags, "O"]):
        inside = tag.startswith("I-") and tag[2:] == kind
        if start is not None and not inside:
            spans.add((start, index, kind))
            start, kind = None, None
        if tag != "O" and not inside:
            start, kind = index, tag[2:]
    return spans


def score_spans(gold: list[list[str]], predicted: list[list[str]]) -> dict[str, dict[str, float]]:
    """Exact-match span precision, recall and F1 per type and "overall" (micro-averaged).

    Example: score_spans([["B-PER"]], [["B-PER"]])["PER"]["f1"] == 1.0
    """
    counts = {kind: [0, 0, 0] for kind in (*COARSE_TYPES, "overall")}  # true pos, gold, predicted
    for gold_tags, predicted_tags in zip(gold, predicted, strict=True):
        gold_spans, predicted_spans = extract_spans(gold_tags), extract_spans(predicted_tags)
        for kind_counts, spans in ((1, gold_spans), (2, predicted_spans)):
            for span in spans:
                counts[span[2]][kind_counts] += 1
                counts["overall"][kind_counts] += 1
        for span in gold_spans & predicted_spans:
            counts[span[2]][0] += 1
            counts["overall"][0] += 1
    return {kind: _f1(*numbers) for kind, numbers in counts.items()}


def _f1(true_positives: int, gold: int, predicted: int) -> dict[str, float]:
    precision = true_positives / predicted if predicted else 0.0
    recall = true_positives / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4),
            "f1": round(f1, 4), "support": gold}


def load_metrics() -> dict:
    """The held-out scores recorded when the shipped model was trained (``ner.metrics.json``)."""
    path = MODEL_DIR / METRICS_FILE
    if not path.exists():
        raise TaggerDataError(f"NER metrics {path} are missing. Train the model with: make model")
    return json.loads(path.read_text(encoding="utf-8"))
