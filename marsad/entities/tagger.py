"""Statistical named-entity tagger: a CRF trained on NewsFANE Gold, tags PER/ORG/LOC/MISC.

The model (``data/models/ner.crfsuite``) is made by ``tools/train_ner.py``;
docs/ner.md has the recipe and the held-out scores. Features are the word,
its normalised key, character prefixes and suffixes, its shape, its
proclitic-stripped stem, the words two either side, cue words
(``ner.triggers.tsv``) up to four words back, the word's usual neighbours in
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
from itertools import accumulate
from operator import add, itemgetter
from pathlib import Path

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
def load_class_map() -> dict[str, str]:
    """NewsFANE fine class -> coarse type: load_class_map()["Politician"] == "PER"."""
    return {fine: coarse for fine, coarse in read_table(CLASSES_FILE)}


@lru_cache(maxsize=1)
def load_vocabulary() -> dict[str, int]:
    """Training-text word -> count, which decides whether a leading و/ب/ل is a clitic."""
    return {word: int(count) for word, count in read_table(VOCABULARY_FILE)}


@lru_cache(maxsize=1)
def load_contexts() -> dict[str, tuple[str, str]]:
    """Training-text word -> (its most frequent left neighbour, right neighbour), "" for none."""
    return {word: (left, right) for word, left, right in read_table(CONTEXTS_FILE)}


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
                   load_tagger, load_weights, score_features, _word_features, _views_of, _scored_views,
                   _edge_scores, _sure_o_offset, _after_o_offsets, cue_of, load_bigram_scores, split_clitics, _pieces_of, _lane_struct):
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
    for start in [start for start, key in enumerate(keys) if key in gazetteer.lengths]:
        for length in gazetteer.lengths[keys[start]]:
            kinds = gazetteer.names.get(tuple(keys[start:start + length])) if start + length <= len(keys) else None
            if kinds:
                found.append((start, length, kinds))
                break
    return found


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
    return rows


# --- Decoding ---------------------------------------------------------------
# A word's feature weights are summed once per word type and kept as one
# Python int that packs a fixed-point score per label (LANE_BITS bits each,
# offset by LANE_BIAS so no lane goes negative). Summing the five views that
# make a word's score is then five integer additions instead of a loop over
# labels, and "this word is surely O" is a handful of integer operations. Only
# the words that fail that test are unpacked and decoded with Viterbi.

LANE_BITS = 32
LANE_MASK = (1 << LANE_BITS) - 1
LANE_BIAS = 1 << 24
SCALE = 1024  # fixed-point steps per unit of weight
# A word whose O score beats every other label's by this much is tagged O
# without decoding; chosen on the dev split (docs/ner.md).
SURE_O_MARGIN = 3.0
# Labels scoring this far below O are dropped from an uncertain word's Viterbi step.
CANDIDATE_MARGIN = 3.0


@dataclass(frozen=True)
class Weights:
    """The CRF's weights: labels (O first), feature -> packed scores, packed transitions."""

    labels: tuple[str, ...]
    state: dict[str, tuple[int, ...]]  # feature -> fixed-point score per label
    transitions: tuple[tuple[int, ...], ...]  # [from label][to label], fixed point
    broadcast: int  # lane 0's value copied into every other lane by one multiplication
    high_bits: int  # the top bit of every lane but lane 0


def _fixed(weight: float) -> int:
    return round(weight * SCALE)


def pack_scores(scores) -> int:
    """One int holding a fixed-point score per label: pack_scores([0, 1]) == LANE_BIAS + ((LANE_BIAS + 1) << 32)."""
    packed = 0
    for lane, score in enumerate(scores):
        packed |= (LANE_BIAS + score) << (LANE_BITS * lane)
    return packed


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
    return load_or_build("ner-weights", [MODEL_DIR / WEIGHTS_FILE], _build_weights)


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
    others = range(len(labels) - 1)
    return Weights(labels=labels, state={feature: tuple(s) for feature, s in state.items()},
                   transitions=tuple(map(tuple, transitions)),
                   broadcast=sum(1 << (LANE_BITS * lane) for lane in others),
                   high_bits=sum(1 << (LANE_BITS * lane + LANE_BITS - 1) for lane in others))


@lru_cache(maxsize=100_000)
def score_features(features: tuple[str, ...]) -> int:
    """The packed per-label score of a bag of features (unknown ones weigh nothing)."""
    weights = load_weights()
    totals = [0] * len(weights.labels)
    for feature in features:
        for lane, weight in enumerate(weights.state.get(feature, ())):
            totals[lane] += weight
    return pack_scores(totals)


@lru_cache(maxsize=200_000)
def _scored_views(key: str) -> tuple[int, ...]:
    """_views_of(key) with each view summed into its packed score."""
    return tuple(map(score_features, _views_of(key)))


@lru_cache(maxsize=1)
def _edge_scores() -> tuple[int, ...]:
    return tuple(map(score_features, _EDGE_VIEWS))


@lru_cache(maxsize=1)
def _sure_o_offset() -> int:
    # Lane k of broadcast * (lane 0 + offset) - lanes 1.. reaches the lane's top bit
    # exactly when score(O) - score(k) >= SURE_O_MARGIN.
    return (1 << (LANE_BITS - 1)) - _fixed(SURE_O_MARGIN)


@lru_cache(maxsize=1)
def _after_o_offsets() -> int:
    # As _sure_o_offset, one offset per lane, for a word that follows a sure-O word: its
    # path comes from O, so each label's margin shrinks by how much less the step O -> label
    # earns than O -> O (an I- label after O loses about 11).
    moves = load_weights().transitions
    base = _sure_o_offset()
    return sum((base + moves[0][0] - moves[0][lane]) << (LANE_BITS * (lane - 1)) for lane in range(1, len(moves)))


def _sure_o_words(scores: list[int], weights: Weights) -> list[bool]:
    """Per word, whether O beats every other label by SURE_O_MARGIN (lane 0 holds O).

    Right after a sure-O word the labels are compared with the step from O
    counted, so a word is not kept uncertain just because I-X scores well
    where no name has started.
    """
    offset, after_o, broadcast, high = _sure_o_offset(), _after_o_offsets(), weights.broadcast, weights.high_bits
    alone = [(broadcast * ((packed & LANE_MASK) + offset) - (packed >> LANE_BITS)) & high == high
             for packed in scores]
    after = [(broadcast * (packed & LANE_MASK) + after_o - (packed >> LANE_BITS)) & high == high
             for packed in scores]
    sure, previous = [], False
    for sure_alone, sure_after_o in zip(alone, after):
        previous = sure_alone or (previous and sure_after_o)
        sure.append(previous)
    return sure


def unpack_scores(packed: int, count: int) -> list[int]:
    """Per-label scores relative to O's from a packed sum (the biases cancel)."""
    base = packed & LANE_MASK
    return [((packed >> (LANE_BITS * lane)) & LANE_MASK) - base for lane in range(count)]


def _word_scores(keys: list[str]) -> list[int]:
    """Each word's packed score: its own view, its neighbours' views of it, names and bigrams.

    The sums run as map() over shifted lists, which keeps the per-word work in C.
    """
    edge = _edge_scores()
    views = [edge, edge, edge, edge, *map(_scored_views, keys), edge, edge]
    count = len(keys)
    # views[offset + i] is the word that gives word i view number ``view`` (see extract_features).
    totals = map(add, map(itemgetter(0), views[4:count + 4]), map(itemgetter(1), views[2:count + 2]))
    for offset, view in ((3, 2), (5, 3), (6, 4), (1, 5), (0, 6)):
        totals = map(add, totals, map(itemgetter(view), views[offset:count + offset]))
    scores = list(totals)
    for index, features in _name_marks(keys):
        scores[index] += score_features(tuple(features))
    bigrams = load_bigram_scores()
    padded = ["", *keys, ""]
    for index in [index for index, pair in enumerate(zip(padded, padded[1:])) if pair in bigrams]:
        as_next, as_previous = bigrams[(padded[index], padded[index + 1])]
        if index < count:
            scores[index] += as_next
        if index > 0:
            scores[index - 1] += as_previous
    return scores


@lru_cache(maxsize=1)
def load_bigram_scores() -> dict[tuple[str, str], tuple[int, int]]:
    """Word pair -> packed score of "b-=first|second" (for the second) and "b+=first|second" (for the first)."""
    return load_or_build("ner-bigrams", [MODEL_DIR / WEIGHTS_FILE], _build_bigram_scores)


def _build_bigram_scores() -> dict[tuple[str, str], tuple[int, int]]:
    pairs = set()
    for feature in load_weights().state:
        if feature.startswith(("b-=", "b+=")):
            pairs.add(tuple(feature[3:].split("|", 1)))
    return {pair: (score_features(("b-=" + "|".join(pair),)), score_features(("b+=" + "|".join(pair),)))
            for pair in pairs}


def _decode(scores: list[int], weights: Weights) -> list[str]:
    """Viterbi over the labels each word can still take; a surely-O word takes only O.

    ``states`` holds, for each label of the current run of uncertain words, its
    (label, best path score, labels of the run), labels ascending. A sure-O word
    ends the run: its best path is written out and the next run starts after an O.
    """
    count, floor = len(weights.labels), -_fixed(CANDIDATE_MARGIN)
    lanes: list[int] = []
    states: list[tuple[int, int, list[int]]] = []
    for packed, sure_o in zip(scores, _sure_o_words(scores, weights)):
        if sure_o:
            if states:
                lanes.extend(_best_run(states, weights.transitions, into_o=True))
                states = []
            lanes.append(0)
            continue
        emissions = _lane_values(packed, count)
        threshold = emissions[0] + floor  # O itself always passes: floor is negative
        candidates = [lane for lane, score in enumerate(emissions) if score > threshold]
        states = _advance(states, candidates, emissions, weights.transitions, after_o=bool(lanes))
    lanes.extend(_best_run(states, weights.transitions, into_o=False))
    return [weights.labels[lane] for lane in lanes]


def _lane_values(packed: int, count: int) -> tuple[int, ...]:
    """Every label's lane of a packed score, biases included, read in one C call.

    The bias is the same in every lane of a word, so comparing paths through
    the word gives what unpack_scores' O-relative scores would give.
    """
    return _lane_struct(count).unpack((packed & ((1 << (LANE_BITS * count)) - 1)).to_bytes(4 * count, "little"))


@lru_cache(maxsize=4)
def _lane_struct(count: int) -> struct.Struct:
    return struct.Struct(f"<{count}I")  # LANE_BITS == 32: one unsigned int per lane


def _advance(states, candidates, emissions, moves, after_o: bool):
    """The Viterbi states one word further: each candidate label keeps its best predecessor.

    Ties go to the larger path, as comparing (score, path) tuples decides them.
    """
    if not states:
        entry = moves[0] if after_o else (0,) * len(emissions)
        return [(lane, entry[lane] + emissions[lane], [lane]) for lane in candidates]
    advanced = []
    for lane in candidates:
        if len(states) == 1:  # one way in: nothing to compare
            previous, score, path = states[0]
            advanced.append((lane, score + moves[previous][lane] + emissions[lane], [*path, lane]))
            continue
        best, path = max([(score + moves[previous][lane], path) for previous, score, path in states])
        advanced.append((lane, best + emissions[lane], [*path, lane]))
    return advanced


def _best_run(states, moves, into_o: bool) -> list[int]:
    """The labels of the best path through ``states``, counting the step into O when one follows."""
    if not states:
        return []
    # The first best in label order wins a tie.
    return max(states, key=lambda state: state[1] + (moves[state[0]][0] if into_o else 0))[2]


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
    token_pieces = [_pieces_of(token.text) for token in tokens]  # never empty: at least the word
    pieces = [piece for split in token_pieces for piece in split]
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
