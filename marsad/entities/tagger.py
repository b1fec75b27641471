"""Statistical named-entity tagger: a CRF trained on NewsFANE Gold, tags PER/ORG/LOC/MISC.

The model (``data/models/ner.crfsuite``) is made by ``tools/train_ner.py``;
docs/ner.md has the recipe and the held-out scores. Features are the word,
its normalised key, character prefixes and suffixes, its shape, its
proclitic-stripped stem, the words two either side, cue words
(``ner.triggers.tsv``) up to four words back, the sentence's topic
(``ner.topics.tsv``: in a sentence about sport a country often names a
team), the word's usual neighbours in
the training text (``ner.contexts.tsv``) and gazetteer matches
(``ner.gazetteer.tsv``: public name lists and the training split's entity
names). The training text splits the conjunction و and the
prepositions ب ل ك ف off as tokens and drops hamza; ``tag_tokens`` does the
same to raw tokens and maps the tags back. Decoding does not call
pycrfsuite's ``tag``: a pruned Viterbi over packed per-label scores (see the
"Decoding" section below and docs/ner.md, Speed).
"""

from __future__ import annotations

import json
import struct
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, chain, compress
from operator import add, attrgetter, itemgetter, not_
from pathlib import Path
from typing import Callable

import pycrfsuite

from marsad.cache import load_or_build
from marsad.document import Token
from marsad.errors import MarsadError
from marsad.text.normalize import normalize_key
from marsad.text.tokens import split_proclitics

MODEL_DIR = Path(__file__).resolve().parent.parent / "data" / "models"
MODEL_FILE = "ner.crfsuite"
GAZETTEER_FILE = "ner.gazetteer.tsv"
VOCABULARY_FILE = "ner.vocab.tsv"
CONTEXTS_FILE = "ner.contexts.tsv"
TRIGGERS_FILE = "ner.triggers.tsv"
TOPICS_FILE = "ner.topics.tsv"
CLASSES_FILE = "ner.classes.tsv"
METRICS_FILE = "ner.metrics.json"
WEIGHTS_FILE = "ner.weights.tsv"  # the model's weights as text, what inference reads
COARSE_TYPES = ("PER", "ORG", "LOC", "MISC")
PROCLITIC_LETTERS = "وفبلك"
MAX_NAME_TOKENS = 6


class TaggerDataError(MarsadError):
    """A tagger model or data file is missing or malformed."""


@dataclass(frozen=True)
class Gazetteer:
    """Known names: whole names (word tuples) and single words, each with its kinds."""

    names: dict[tuple[str, ...], tuple[str, ...]]
    lengths: dict[str, tuple[int, ...]]  # first word -> lengths of its multi-word names, longest first
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
def load_topics() -> dict[str, str]:
    """Normalised topic word -> topic: load_topics()["المباراه"] == "SPORT"."""
    return {normalize_key(word): topic for word, topic in read_table(TOPICS_FILE)}


@lru_cache(maxsize=1)
def load_class_map() -> dict[str, str]:
    """NewsFANE fine class -> coarse type: load_class_map()["Politician"] == "PER"."""
    return {fine: coarse for fine, coarse in read_table(CLASSES_FILE)}


@lru_cache(maxsize=1)
def load_vocabulary() -> dict[str, int]:
    """Training-text word -> count, which decides whether a leading و/ب/ل is a clitic."""
    return load_or_build("ner-vocabulary", [MODEL_DIR / VOCABULARY_FILE],
                         lambda: {word: int(count) for word, count in read_table(VOCABULARY_FILE)})


@lru_cache(maxsize=1)
def load_contexts() -> dict[str, tuple[str, str]]:
    """Training-text word -> (its most frequent left neighbour, right neighbour), "" for none."""
    return load_or_build("ner-contexts", [MODEL_DIR / CONTEXTS_FILE],
                         lambda: {word: (left, right) for word, left, right in read_table(CONTEXTS_FILE)})


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The derived name lists: load_gazetteer().words["روسيا"] contains "LOC"."""
    return load_or_build("ner-gazetteer", [MODEL_DIR / GAZETTEER_FILE], _build_gazetteer)


def _build_gazetteer() -> Gazetteer:
    kinds: dict[tuple[str, ...], set[str]] = {}
    for kind, name in read_table(GAZETTEER_FILE):
        kinds.setdefault(tuple(name.split(" ")), set()).add(kind)
    names = {words: tuple(sorted(found)) for words, found in kinds.items()}
    lengths: dict[str, set[int]] = {}
    for words in names:
        if len(words) > 1:
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


def clear_caches() -> None:
    """Forget loaded data and features, after training rewrote the model directory."""
    for cached in (load_triggers, load_class_map, load_vocabulary, load_contexts, load_gazetteer,
                   load_tagger, load_weights, load_packed_state, score_features, _word_features, _views_of,
                   _scored_views, _edge_scores, _name_openings, _sure_o_tests, _moves_into, _lane_reader,
                   _lone_word_steps, _inside_labels, cue_of, load_bigram_scores, split_clitics, _pieces_of,
                   load_topics, topic_of, _topic_features, _scored_topic_view):
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
def cue_of(key: str) -> str:
    """The cue class of a word or, failing that, of its proclitic-stripped stem; "" for none.

    Example: cue_of("للهييه") == "ORG_HEAD" (ل + الهيئة)
    """
    triggers = load_triggers()
    for _clitics, stem in split_proclitics(key):
        if stem in triggers:
            return triggers[stem]
    return ""


@lru_cache(maxsize=200_000)
def topic_of(key: str) -> str:
    """The topic of a word or of its proclitic-stripped stem ("" for none): topic_of("والمباراه") == "SPORT"."""
    topics = load_topics()
    for _clitics, stem in split_proclitics(key):
        if stem in topics:
            return topics[stem]
    return ""


def sentence_topic(keys: list[str]) -> str:
    """The topic of a sentence: its first word with a topic gives it, "" when none has one.

    Example: sentence_topic(["فاز", "الاهلي", "على", "الزمالك"]) == "SPORT"
    """
    return next(filter(None, map(topic_of, keys)), "")


@lru_cache(maxsize=200_000)
def _topic_features(key: str, topic: str) -> tuple[str, ...]:
    """A word's features in a sentence about ``topic``: the topic alone, with the word, its first two letters, its kinds.

    In sport a country ("قطر") or a common word ("الاتحاد") often names a team (ORG).
    Example: "T=SPORT|g=LOC" in _topic_features("قطر", "SPORT")
    """
    prefix = "T=" + topic
    kinds = load_gazetteer().words.get(key, ())
    return (prefix, prefix + "|w=" + key, prefix + "|p2=" + key[:2], *(prefix + "|g=" + kind for kind in kinds))


@lru_cache(maxsize=200_000)
def _word_features(key: str) -> tuple[str, ...]:
    gazetteer = load_gazetteer()
    features = [
        "bias", "w=" + key, "p2=" + key[:2], "p3=" + key[:3],
        "s1=" + key[-1:], "s2=" + key[-2:], "s3=" + key[-3:], "s4=" + key[-4:],
        "shape=" + _shape(key), "len=" + str(min(len(key), 8)),
    ]
    cue = cue_of(key)
    if cue:
        features.append("cue=" + cue)
    features.extend("g=" + kind for kind in gazetteer.words.get(key, ()))
    left, right = load_contexts().get(key, ("", ""))
    features.extend(("cl=" + left, "cr=" + right))
    readings = split_proclitics(key)
    if len(readings) > 1:
        features.append("stem=" + readings[1][1])
    for _clitics, stem in readings[1:]:
        features.extend(f"gs={kind}" for kind in gazetteer.words.get(stem, ()) if kind != "NAME")
    return tuple(dict.fromkeys(features))


def _context_features(key: str, offset: int) -> tuple[str, ...]:
    # Neighbours contribute their word, cue class and gazetteer kinds; at ±2 only word and cue; at -3/-4 only a cue.
    prefix = f"{offset}:"
    cue = cue_of(key)
    if abs(offset) > 2:  # a cue 3 or 4 words back reaches into long names: "وزارة السياحة الاسرائيلية"
        return (prefix + "cue=" + cue,) if cue else ()
    features = [prefix + "w=" + key]
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
    """A word's own features, then its features as seen from 2 and 1 words after it, 1 and 2 before, 3 and 4 after."""
    return (_word_features(key), *(_context_features(key, offset) for offset in (-2, -1, 1, 2, -3, -4)))


# What a missing neighbour looks like past either end of the sentence.
_EDGE_VIEWS = ((), ("-2:edge",), ("-1:edge",), ("1:edge",), ("2:edge",), (), ())


def _gazetteer_spans(keys: list[str]) -> list[list[str]]:
    """Per word, the features of the longest known names that cover it ("G=LOC", "G=LOC:B")."""
    marks: list[list[str]] = [[] for _ in keys]
    for index, features in _name_marks(keys):
        marks[index] = features
    return marks


def _name_marks(keys: list[str]) -> list[tuple[int, list[str]]]:
    """(word index, "G=…" features) for the words inside gazetteer names, in word order.

    Sparse, because most sentences hold few names: the decoder adds only these.
    """
    marks: dict[int, list[str]] = {}
    for start, length, kinds in _known_names(keys):
        for kind in kinds:
            marks.setdefault(start, []).append(f"G={kind}:B")
            for inside in range(start, start + length):
                marks.setdefault(inside, []).append(f"G={kind}")
    return sorted(marks.items())


def _known_names(keys: list[str]) -> list[tuple[int, int, tuple[str, ...]]]:
    """(start, length, kinds) of the longest multi-word gazetteer name starting at each word that starts one."""
    gazetteer = load_gazetteer()
    found = []
    # A name can start only where the word and the next open one; that test runs in C.
    pairs = zip(keys, keys[1:])
    for start in compress(range(len(keys)), map(_name_openings().__contains__, pairs)):
        for length in gazetteer.lengths[keys[start]]:
            kinds = gazetteer.names.get(tuple(keys[start:start + length])) if start + length <= len(keys) else None
            if kinds:
                found.append((start, length, kinds))
                break
    return found


@lru_cache(maxsize=1)
def _name_openings() -> frozenset[tuple[str, str]]:
    """The first two words of every multi-word gazetteer name (a few milliseconds to build)."""
    return frozenset(words[:2] for words in load_gazetteer().names if len(words) > 1)


def extract_features(words: list[str]) -> list[list[str]]:
    """CRF feature strings per word of one sentence (words in training-corpus style).

    Example: "w=بوتين" in extract_features(["زار", "بوتين"])[1]
    """
    keys = [key_of(word) for word in words]
    spans = _gazetteer_spans(keys)
    views = [*[_EDGE_VIEWS] * 4, *map(_views_of, keys), _EDGE_VIEWS, _EDGE_VIEWS]
    padded = ["", *keys, ""]
    rows = []
    for index, key in enumerate(keys):
        # views[index + 4] is this word; the window runs from index (4 before) to index + 6.
        rows.append([
            *views[index + 4][0], *spans[index],
            *views[index + 2][1], *views[index + 3][2], *views[index + 5][3], *views[index + 6][4],
            *views[index + 1][5], *views[index][6],
            "b-=" + padded[index] + "|" + key, "b+=" + key + "|" + padded[index + 2],
        ])
    topic = sentence_topic(keys)
    if topic:
        for row, key in zip(rows, keys):
            row.extend(_topic_features(key, topic))
    return rows


# --- Decoding ---------------------------------------------------------------
# A word's feature weights are summed once per word type and kept as one
# Python int that packs, for every label but O, the label's fixed-point score
# minus O's (LANE_BITS bits a lane, label 1 in the lowest). Summing the views
# that make a word's score is then a few integer additions instead of a loop
# over labels. A lane may be negative: Python ints do not overflow, and a sum
# whose lanes are all small is read correctly once LANE_BIAS is added to every
# lane. "This word is surely O" is one addition and one mask on the sum (see
# _sure_o_tests). Only the words that fail it are unpacked and decoded with Viterbi.

LANE_BITS = 32
LANE_MASK = (1 << LANE_BITS) - 1
LANE_BIAS = 1 << (LANE_BITS - 1)  # added to each lane before it is read, so no lane is negative
SCALE = 1024  # fixed-point steps per unit of weight
# A word whose O score beats every other label's by this much is tagged O
# without decoding; chosen by 4-fold cross-validation on the training folds,
# within the speed budget (docs/ner.md).
SURE_O_MARGIN = 4.0
# Labels scoring this far below O are dropped from an uncertain word's Viterbi step.
CANDIDATE_MARGIN = 4.0
# The same as a floor on a lane read with LANE_BIAS added (O's lane reads LANE_BIAS itself).
CANDIDATE_FLOOR = LANE_BIAS - round(CANDIDATE_MARGIN * SCALE)
# Part of the on-disk cache names of weights and packed scores: bump it when
# their form changes, so an entry written by older code is never read.
PACKED_FORM = "relative-to-o"


@dataclass(frozen=True)
class Weights:
    """The CRF's weights: labels (O first), feature -> per-label scores, transitions."""

    labels: tuple[str, ...]
    state: dict[str, tuple[int, ...]]  # feature -> fixed-point score per label
    transitions: tuple[tuple[int, ...], ...]  # [from label][to label], fixed point


def _fixed(weight: float) -> int:
    return round(weight * SCALE)


def pack_scores(scores) -> int:
    """One int holding each label's score minus O's (scores[0]): pack_scores([3, 1, 5]) == -2 + (2 << 32)."""
    return sum((score - scores[0]) << (LANE_BITS * (lane - 1)) for lane, score in enumerate(scores) if lane)


def _every_lane(values) -> int:
    """One int with values[i] in lane i: what is added to a packed score lane by lane."""
    return sum(value << (LANE_BITS * lane) for lane, value in enumerate(values))


def write_weights(model_path: Path = MODEL_DIR / MODEL_FILE, out_path: Path = MODEL_DIR / WEIGHTS_FILE) -> int:
    """Write the CRF's weights as TSV (state and transition rows); returns the row count.

    Inference reads this file rather than parsing the model's dump, which takes half a second.
    """
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_path))
    info = tagger.info()
    rows = [f"state\t{feature}\t{label}\t{weight!r}" for (feature, label), weight in sorted(info.state_features.items())]
    rows += [f"transition\t{before}\t{after}\t{weight!r}" for (before, after), weight in sorted(info.transitions.items())]
    out_path.write_text("kind\tfrom\tto\tweight\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return len(rows)


def _read_weight_rows() -> list[list[str]]:
    path = MODEL_DIR / WEIGHTS_FILE
    if not path.exists():
        raise TaggerDataError(f"NER weights {path} are missing. Rebuild them with: make model")
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()[1:]]


@lru_cache(maxsize=1)
def load_weights() -> Weights:
    """The shipped model's weights in the decoder's fixed-point form, read once."""
    return load_or_build(f"ner-weights-{PACKED_FORM}", [MODEL_DIR / WEIGHTS_FILE], _build_weights)


def _build_weights() -> Weights:
    rows = _read_weight_rows()
    labels = ("O", *sorted({row[2] for row in rows if row[0] == "state"} - {"O"}))
    lane = {label: index for index, label in enumerate(labels)}
    state: dict[str, list[int]] = {}
    transitions = [[0] * len(labels) for _ in labels]
    for kind, source, label, weight in rows:
        if kind == "state":
            state.setdefault(source, [0] * len(labels))[lane[label]] = _fixed(float(weight))
        else:
            transitions[lane[source]][lane[label]] = _fixed(float(weight))
    return Weights(labels=labels, state={feature: tuple(s) for feature, s in state.items()},
                   transitions=tuple(map(tuple, transitions)))


@lru_cache(maxsize=1)
def load_packed_state() -> dict[str, int]:
    """Feature -> its packed score (``pack_scores`` of its per-label weights), read once."""
    return load_or_build(f"ner-packed-state-{PACKED_FORM}", [MODEL_DIR / WEIGHTS_FILE],
                         lambda: {feature: pack_scores(scores) for feature, scores in load_weights().state.items()})


@lru_cache(maxsize=100_000)
def score_features(features: tuple[str, ...]) -> int:
    """The packed per-label score of a bag of features (unknown ones weigh nothing)."""
    return _packed_sum(features)


def _packed_sum(features: tuple[str, ...]) -> int:
    # pack_scores is linear, so the sum of the features' packed scores is the packed sum of
    # their weights: one C-level sum per new bag, not a loop over features and labels.
    return sum(filter(None, map(load_packed_state().get, features)))


@lru_cache(maxsize=200_000)
def _scored_views(key: str) -> tuple[int, ...]:
    """_views_of(key) with each view summed into its packed score (the views are the word's
    own: not cached again one by one)."""
    return tuple(map(_packed_sum, _views_of(key)))


@lru_cache(maxsize=200_000)
def _scored_topic_view(key: str, topic: str) -> int:
    """_topic_features(key, topic) summed into its packed score."""
    return score_features(_topic_features(key, topic))


@lru_cache(maxsize=1)
def _edge_scores() -> tuple[int, ...]:
    return tuple(map(score_features, _EDGE_VIEWS))


@lru_cache(maxsize=1)
def _sure_o_tests() -> tuple[int, int, int]:
    """(alone, after_o, top_bits): a word is surely O when (packed + alone) & top_bits == 0.

    Lane k of packed + alone is LANE_BIAS + score(k) - score(O) + margin - 1, below
    its top bit exactly when score(O) - score(k) >= SURE_O_MARGIN. ``after_o`` is the
    same test for a word that follows a sure-O word: its path comes from O, so each
    label's margin shrinks by how much less the step O -> label earns than O -> O
    (an I- label after O loses about 11).
    """
    moves = load_weights().transitions
    margin, others = _fixed(SURE_O_MARGIN), range(1, len(moves))
    alone = _every_lane([LANE_BIAS + margin - 1 for _ in others])
    after_o = _every_lane([LANE_BIAS + margin - (moves[0][0] - moves[0][lane]) - 1 for lane in others])
    return alone, after_o, _every_lane([LANE_BIAS for _ in others])


def _sure_o_words(scores: list[int], weights: Weights) -> list[bool]:
    """Per word, whether O beats every other label by SURE_O_MARGIN.

    Right after a sure-O word the labels are compared with the step from O
    counted, so a word is not kept uncertain just because I-X scores well
    where no name has started.
    """
    alone, after_o, top_bits = _sure_o_tests()
    sure = [not (packed + alone) & top_bits for packed in scores]
    # Left to right, so that sure[index - 1] is final when word ``index`` is tested.
    for index in [*compress(range(len(sure)), map(not_, sure))]:
        if index and sure[index - 1] and not (scores[index] + after_o) & top_bits:
            sure[index] = True
    return sure


def unpack_scores(packed: int, count: int) -> list[int]:
    """Per-label scores relative to O's from a packed sum: unpack_scores(pack_scores([3, 1, 5]), 3) == [0, -2, 2]."""
    biased = packed + _every_lane([LANE_BIAS] * (count - 1))
    return [0, *(((biased >> (LANE_BITS * lane)) & LANE_MASK) - LANE_BIAS for lane in range(count - 1))]


def _word_scores(keys: list[str]) -> list[int]:
    """Each word's packed score: its own view, its neighbours' views of it, names and bigrams.

    The sums run as map() over shifted columns, which keeps the per-word work in C.
    """
    edge, size = _edge_scores(), len(keys)
    # One column per view; word i's view sits at index i + 4 (four edge views pad the start, two the end).
    own, back2, back1, ahead1, ahead2, back3, back4 = zip(edge, edge, edge, edge, *map(_scored_views, keys), edge, edge)
    # Word i is seen by the words 2 and 1 before it (back2, back1) and 1 and 2 after it (ahead1, ahead2).
    scores = list(map(add, map(add, map(add, map(add, own[4:size + 4], back2[2:size + 2]), back1[3:size + 3]),
                               ahead1[5:size + 5]), ahead2[6:size + 6]))
    # The views from 3 and 4 words back are a cue's, zero for every other word: add only those.
    for index in compress(range(size), back3[1:size + 1]):
        scores[index] += back3[index + 1]
    for index in compress(range(size), back4[:size]):
        scores[index] += back4[index]
    for index, features in _name_marks(keys):
        scores[index] += score_features(tuple(features))
    topic = sentence_topic(keys)
    if topic:
        scores = list(map(add, scores, map(_scored_topic_view, keys, [topic] * size)))
    bigrams = load_bigram_scores()
    padded = ["", *keys, ""]
    pairs = list(zip(padded, padded[1:]))
    # Few pairs are known bigrams: find them in C, then add their scores.
    for index in compress(range(len(pairs)), map(bigrams.__contains__, pairs)):
        as_next, as_previous = bigrams[pairs[index]]
        if index < size:
            scores[index] += as_next
        if index > 0:
            scores[index - 1] += as_previous
    return scores


@lru_cache(maxsize=1)
def load_bigram_scores() -> dict[tuple[str, str], tuple[int, int]]:
    """Word pair -> packed score of "b-=first|second" (for the second) and "b+=first|second" (for the first)."""
    return load_or_build(f"ner-bigrams-{PACKED_FORM}", [MODEL_DIR / WEIGHTS_FILE], _build_bigram_scores)


def _build_bigram_scores() -> dict[tuple[str, str], tuple[int, int]]:
    pairs = set()
    for feature in load_weights().state:
        if feature.startswith(("b-=", "b+=")):
            pairs.add(tuple(feature[3:].split("|", 1)))
    return {pair: (score_features(("b-=" + "|".join(pair),)), score_features(("b+=" + "|".join(pair),)))
            for pair in pairs}


def _decode(scores: list[int], weights: Weights) -> list[str]:
    """Viterbi over the labels each word can still take; a surely-O word takes only O.

    Sure-O words cut the sentence into runs of uncertain words; each run is
    decoded on its own, entered from O unless it starts the sentence and left
    into O unless it ends it. Between sure-O words that is exact Viterbi.
    """
    sure = _sure_o_words(scores, weights)
    if all(sure):  # about one sentence in fifteen: nothing to decode
        return ["O"] * len(scores)
    lanes = [0] * len(scores)
    for start, end in _runs(compress(range(len(sure)), map(not_, sure))):
        lanes[start:end] = _best_path(scores[start:end], weights, after_o=start > 0, into_o=end < len(scores))
    return list(map(weights.labels.__getitem__, lanes))


def _runs(indices) -> list[list[int]]:
    """[start, end) of each stretch of consecutive indices: _runs([2, 3, 7]) == [[2, 4], [7, 8]]."""
    runs: list[list[int]] = []
    for index in indices:
        if runs and runs[-1][1] == index:
            runs[-1][1] = index + 1
        else:
            runs.append([index, index + 1])
    return runs


def _best_path(scores: list[int], weights: Weights, after_o: bool, into_o: bool) -> list[int]:
    """The label lanes of the best path through one run of uncertain words.

    At each word, ``lanes`` are the labels it can take (ascending), with the
    best path score into each (``totals``) and that path (``paths``).
    """
    count, moves = len(weights.labels), weights.transitions
    if len(scores) == 1:  # most runs: one word between sure-O words, no predecessors to compare
        return [_best_lone_label(scores[0], count, after_o, into_o)]
    lanes: list[int] = []
    for packed in scores:
        emissions = _lane_values(packed, count)
        candidates = list(compress(range(count), map(CANDIDATE_FLOOR.__lt__, emissions)))
        if not lanes:
            entry = moves[0] if after_o else (0,) * count
            totals = [entry[lane] + emissions[lane] for lane in candidates]
            paths = [[lane] for lane in candidates]
        else:
            totals, paths = _advance(lanes, totals, paths, candidates, emissions)
        lanes = candidates
    if into_o:
        totals = list(map(add, totals, map(_moves_into()[0].__getitem__, lanes)))
    return paths[totals.index(max(totals))]  # the first best in label order wins a tie


def _best_lone_label(packed: int, count: int, after_o: bool, into_o: bool) -> int:
    """The best label lane of a one-word run: its score plus the steps in and out (the first best wins a tie)."""
    emissions, steps = _lane_values(packed, count), _lone_word_steps(after_o, into_o)
    candidates = list(compress(range(count), map(CANDIDATE_FLOOR.__lt__, emissions)))
    totals = [emissions[lane] + steps[lane] for lane in candidates]
    return candidates[totals.index(max(totals))]


@lru_cache(maxsize=4)
def _lone_word_steps(after_o: bool, into_o: bool) -> tuple[int, ...]:
    """Per label, the transition scores into it from O (after_o) plus out of it into O (into_o)."""
    moves = load_weights().transitions
    return tuple((moves[0][lane] if after_o else 0) + (moves[lane][0] if into_o else 0) for lane in range(len(moves)))


def _lane_values(packed: int, count: int) -> tuple[int, ...]:
    """Every label's score with LANE_BIAS added (O's is LANE_BIAS itself), read in one C call.

    Every score of a word is off its true value by the same amount (O's), so
    comparing paths through the word gives what the true scores would give.
    """
    biases, size, unpack = _lane_reader(count)
    # With every lane in range the biased sum fits ``size`` bytes; to_bytes raises if one is not.
    return (LANE_BIAS, *unpack((packed + biases).to_bytes(size, "little")))


@lru_cache(maxsize=4)
def _lane_reader(count: int) -> tuple[int, int, Callable[[bytes], tuple[int, ...]]]:
    """(LANE_BIAS in every lane, bytes of a packed score, its unpacker) for ``count`` labels."""
    lanes = count - 1  # O has no lane
    # LANE_BITS == 32: one unsigned int per lane.
    return _every_lane([LANE_BIAS] * lanes), LANE_BITS // 8 * lanes, struct.Struct(f"<{lanes}I").unpack


@lru_cache(maxsize=1)
def _moves_into() -> tuple[tuple[int, ...], ...]:
    """The transition weights by target label: _moves_into()[to][from]."""
    return tuple(zip(*load_weights().transitions))


def _advance(lanes, totals, paths, candidates, emissions):
    """(totals, paths) one word further: each candidate label keeps its best predecessor.

    ``lanes``, ``totals`` and ``paths`` describe the previous word's labels.
    A tie goes to the larger path, as comparing (score, path) pairs would decide it.
    """
    into = _moves_into()
    steps_from = itemgetter(*lanes) if len(lanes) > 1 else lambda column: (column[lanes[0]],)
    new_totals, new_paths = [], []
    for lane in candidates:
        # Scores by predecessor, summed in C; the best is usually unique.
        through = list(map(add, totals, steps_from(into[lane])))
        best = max(through)
        if through.count(best) == 1:
            path = paths[through.index(best)]
        else:
            path = max(path for score, path in zip(through, paths) if score == best)
        new_totals.append(best + emissions[lane])
        new_paths.append([*path, lane])
    return new_totals, new_paths


def tag_words(words: list[str]) -> list[str]:
    """BIO tags (B-PER, I-LOC, O …) for one sentence's words, split as in the training corpus.

    Example: tag_words(["زار", "بوتين", "موسكو"]) == ["O", "B-PER", "B-LOC"]
    """
    if not words:
        return []
    return _decode(_word_scores([key_of(word) for word in words]), load_weights())


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
    """Tags where every I-X follows B-X or I-X: an orphan I-X becomes B-X.

    Example: _repair_bio(["O", "I-PER", "I-PER"]) == ["O", "B-PER", "I-PER"]
    """
    repaired = list(tags)
    # Only I- tags can change; most sentences have none or a few, found in C. A repair
    # keeps the type, so each I- tag is checked against its unrepaired predecessor.
    for index in compress(range(len(tags)), map(_inside_labels().__contains__, tags)):
        if index == 0 or tags[index - 1][2:] != tags[index][2:]:
            repaired[index] = "B-" + tags[index][2:]
    return repaired


@lru_cache(maxsize=1)
def _inside_labels() -> frozenset[str]:
    return frozenset(label for label in load_weights().labels if label.startswith("I-"))


def tag_tokens(tokens: list[Token]) -> list[str]:
    """BIO tags for the marsad tokens of one sentence, one per token.

    Each raw token is normalised and split like the training text; a token
    takes the tag of its last piece (the word after its proclitics).

    Example: [tag for tag in tag_tokens(tokenize("وصل ماكرون إلى باريس"))] == ["O", "B-PER", "O", "B-LOC"]
    """
    token_pieces = list(map(_pieces_of, map(attrgetter("text"), tokens)))  # never empty: at least the word
    pieces = list(chain.from_iterable(token_pieces))
    if not pieces:
        return []
    piece_tags = _decode(_word_scores(pieces), load_weights())
    if len(pieces) > len(tokens):  # clitics were split off: each token takes its last piece's tag
        piece_tags = [piece_tags[end - 1] for end in accumulate(map(len, token_pieces))]
    return _repair_bio(piece_tags)


@lru_cache(maxsize=200_000)
def _pieces_of(text: str) -> tuple[str, ...]:
    """A raw token's normalised pieces, split as the training text: "وبروسيا" -> ("و", "ب", "روسيا")."""
    return split_clitics(key_of(text))


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
