"""Train the NER tagger's CRF on NewsFANE Gold and write the shipped model files.

Usage:
    .venv/bin/python tools/train_ner.py            # derive lists, train, score held-out, write files
    .venv/bin/python tools/train_ner.py --tune     # grid over CRF params: train on %5 in {0,1,2}, score %5 == 3

Sentences whose index (file order, from 0) is 4 modulo 5 are the held-out
test split: never trained or tuned on. Writes into marsad/data/models/:
ner.gazetteer.tsv (public name lists, plus the training split's entity
names), ner.vocab.tsv and ner.contexts.tsv (unlabelled training text),
ner.crfsuite (the model), ner.weights.tsv (its weights as text, what
inference reads) and ner.metrics.json (held-out scores). While training,
each fold's features see only the other folds' entity names (jackknife).
Deterministic: L-BFGS with fixed parameters and no randomness, so two runs
write identical files. --tune leaves dev-split lists in the model
directory: run without it afterwards.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

import pycrfsuite

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from marsad.entities import tagger  # noqa: E402
from marsad.text.normalize import normalize_key  # noqa: E402

DATA = Path("/work/shared/data")
CORPUS = DATA / "newsfane-gold" / "NewsFANE_Gold_2014_170K.txt"
# Chosen with --tune on the dev split (index % 5 == 3); see docs/ner.md.
PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 100, "feature.possible_transitions": True}
TUNE_GRID = [
    {"c1": c1, "c2": c2, "max_iterations": 100, "feature.possible_transitions": True}
    for c1 in (0.02, 0.05, 0.1, 0.2) for c2 in (0.01, 0.05)
] + [{**PARAMS, "max_iterations": iterations} for iterations in (200, 500)]
# Administrative words some city lists put before the name ("ولاية قندهار").
ADMIN_PREFIXES = ("ولايه", "محافظه", "مقاطعه", "مدينه", "اقليم", "منطقه", "بلديه")
NAME_TOKEN_MIN_COUNT = 2
CONTEXT_MIN_COUNT = 2


def clean_name(name: str) -> str:
    """A list entry as a gazetteer key: no bracketed notes, normalised, "" when unusable.

    Example: clean_name("كييف (مدينة)") == "كييف"
    """
    name = re.sub(r"\(.*?\)", " ", name).replace("-", " ")
    key = normalize_key(name)
    if not key or re.search(r"[0-9a-z,]", key):
        return ""
    return key


def read_json(relative: str):
    return json.loads((DATA / relative).read_text(encoding="utf-8"))


def collect_places() -> set[tuple[str, str]]:
    """(kind, name) rows for countries, cities and regions from the public lists."""
    rows = set()
    for country in read_json("countries-ar/countries.json"):
        arabic = country["translations"]["ara"]
        rows.update(("LOC", arabic[field]) for field in ("common", "official"))
    with (DATA / "world-cities-ar" / "world-cities.csv").open(encoding="utf-8-sig") as handle:
        for record in csv.DictReader(handle):
            rows.update({("LOC", record["CityNameAr"]), ("LOC", record["CountryNameAr"])})
    rows.update(("LOC", name) for name in read_json("arwikicats-labels/cities_full.json").values())
    rows.update(("GEO", name) for name in read_json("arwikicats-labels/P17_2_final_ll.json").values())
    return rows


def collect_people() -> set[tuple[str, str]]:
    """(kind, name) rows: PER full names, FIRST given names, NAME tokens of person names."""
    rows = set()
    for name in read_json("arwikicats-labels/peoples.json").values():
        rows.add(("PER", name))
        words = clean_name(name).split()
        if len(words) > 1:
            rows.add(("FIRST", words[0]))
    counts: Counter[str] = Counter()
    path = DATA / "wikidata-name-translit" / "wd_arabic.normalized.aligned.tokens"
    for line in path.read_text(encoding="utf-8").splitlines():
        _english, arabic, count = line.split("\t")
        counts[arabic.replace(" ", "")] += int(count)
    rows.update(("NAME", token) for token, count in counts.items() if count >= NAME_TOKEN_MIN_COUNT)
    return rows


def collect_nationalities() -> set[tuple[str, str]]:
    """(kind, name) rows: NAT demonyms in all forms, LOC for their countries."""
    rows = set()
    forms = ("male", "males", "female", "females", "the_male", "the_female")
    for entry in read_json("arwikicats-labels/nationalities_data.json").values():
        rows.update(("NAT", entry[form]) for form in forms if entry.get(form))
        if entry.get("ar"):
            rows.add(("LOC", entry["ar"]))
    return rows


def collect_peoples() -> set[tuple[str, str]]:
    """(NATP, name) rows: demonyms naming a people, as plural nouns ("الفرنسيين", "فرنسيون").

    A singular nisba ("الفرنسي") is mostly an adjective and tagged O; the
    plural names a group, which NewsFANE tags MISC.
    """
    rows = set()
    for entry in read_json("arwikicats-labels/nationalities_data.json").values():
        male = clean_name(entry.get("male") or "")
        if male.endswith("ي"):
            rows.update(("NATP", article + male + ending) for article in ("", "ال") for ending in ("ين", "ون"))
        males = clean_name(entry.get("males") or "")
        if males:
            rows.update({("NATP", males), ("NATP", "ال" + males)})
    return rows


def build_gazetteer() -> list[tuple[str, str]]:
    """Sorted, cleaned (kind, key) rows of every derived list, admin prefixes also stripped."""
    rows = set()
    for kind, name in collect_places() | collect_people() | collect_nationalities() | collect_peoples():
        key = clean_name(name)
        if len(key) < 2:
            continue
        rows.add((kind, key))
        first, _, rest = key.partition(" ")
        if kind == "LOC" and first in ADMIN_PREFIXES and rest:
            rows.add((kind, rest))
    return sorted(rows)


def write_table(name: str, comment: str, header: str, rows: list[tuple]) -> None:
    lines = [f"# {comment}", header, *("\t".join(map(str, row)) for row in rows)]
    (tagger.MODEL_DIR / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_gazetteer(rows) -> int:
    """Write ner.gazetteer.tsv from (kind, key) rows; returns its row count."""
    rows = sorted(rows)
    write_table(tagger.GAZETTEER_FILE,
                "One known name per row: kind<TAB>normalised name. Kinds PER, FIRST, NAME, LOC, GEO, "
                "NAT, NATP are derived by tools/train_ner.py from countries-ar, world-cities-ar, "
                "arwikicats-labels and wikidata-name-translit; TPER, TORG, TLOC, "
                "TMISC are the entity names of the NER training split (never the held-out split).",
                "kind\tname", rows)
    return len(rows)


def collect_training_names(sentences) -> set[tuple[str, str]]:
    """("T" + type, key) rows: the entity names of labelled training sentences.

    Example: ("TORG", "الزمالك") for a sentence tagged "B-ORG" on الزمالك.
    """
    rows = set()
    for words, tags in sentences:
        keys = [tagger.key_of(word) for word in words]
        for start, end, kind in tagger.extract_spans(tags):
            if end - start <= tagger.MAX_NAME_TOKENS:
                rows.add(("T" + kind, " ".join(keys[start:end])))
    return rows


def jackknife_rows(sentences, folds, public: set) -> list[tuple[list[list[str]], list[str]]]:
    """CRF (features, tags) of the sentences in ``folds``, each fold seeing only the other folds' names.

    The training-name list would otherwise hold every training name, and the
    CRF would trust it blindly; built from the other folds, its features are
    as reliable in training as on new text. Leaves the gazetteer written with
    the names of all ``folds``, as inference sees it.
    """
    by_fold = {fold: [pair for index, pair in enumerate(sentences) if index % 5 == fold] for fold in sorted(folds)}
    rows = []
    for fold, pairs in by_fold.items():
        others = [pair for other, other_pairs in by_fold.items() if other != fold for pair in other_pairs]
        write_gazetteer(public | collect_training_names(others))
        tagger.clear_caches()
        rows += [(tagger.extract_features(words), tags) for words, tags in pairs]
    write_gazetteer(public | collect_training_names([pair for pairs in by_fold.values() for pair in pairs]))
    tagger.clear_caches()
    return rows


def write_vocabulary(sentences: list[tuple[list[str], list[str]]]) -> int:
    """Write ner.vocab.tsv (training words and counts, labels unused); returns its row count."""
    counts = Counter(tagger.key_of(word) for words, _tags in sentences for word in words)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    write_table(tagger.VOCABULARY_FILE,
                "One word of the NER training text per row: normalised word<TAB>count. "
                "Decides whether a leading و/ب/ل/ك/ف is split off.",
                "word\tcount", rows)
    return len(rows)


def typical_neighbours(sentences) -> list[tuple[str, str, str]]:
    """(word, most frequent left neighbour, most frequent right neighbour) per training word seen twice.

    Clitics, punctuation and digits are skipped when looking for a neighbour,
    and ties go to the alphabetically first word, so the list is deterministic.
    A word's usual company sorts it into a class even where this occurrence has
    no cue: club names follow فريق and نادي, papers follow صحيفة.
    """
    left: dict[str, Counter] = {}
    right: dict[str, Counter] = {}
    for words, _tags in sentences:
        keys = [tagger.key_of(word) for word in words]
        content = [key for key in keys if len(key) > 1 and key[0].isalpha()]
        for before, after in zip(content, content[1:]):
            right.setdefault(before, Counter())[after] += 1
            left.setdefault(after, Counter())[before] += 1
    counts = Counter(key for words, _tags in sentences for key in map(tagger.key_of, words))
    rows = []
    for word in sorted(word for word, count in counts.items() if count >= CONTEXT_MIN_COUNT):
        rows.append((word, most_common(left.get(word)), most_common(right.get(word))))
    return rows


def most_common(counter: Counter | None) -> str:
    """The most frequent key of ``counter``, ties to the first in sort order; "" when empty or seen once."""
    if not counter:
        return ""
    word, count = min(counter.items(), key=lambda item: (-item[1], item[0]))
    return word if count >= CONTEXT_MIN_COUNT else ""


def write_contexts(sentences) -> int:
    """Write ner.contexts.tsv from unlabelled training text; returns its row count."""
    rows = typical_neighbours(sentences)
    write_table(tagger.CONTEXTS_FILE,
                "One word of the NER training text per row: normalised word<TAB>its most frequent left "
                "neighbour<TAB>its most frequent right neighbour (empty when none is seen twice). Labels unused.",
                "word\tleft\tright", rows)
    return len(rows)


def split_corpus(sentences, train_folds, test_fold):
    """(train, test) sentences: train where index % 5 in train_folds, test where it equals test_fold."""
    train = [pair for index, pair in enumerate(sentences) if index % 5 in train_folds]
    test = [pair for index, pair in enumerate(sentences) if index % 5 == test_fold]
    return train, test


def train_model(rows, params: dict, path: Path) -> float:
    """Train a CRF on (features, tags) rows into ``path``; returns seconds taken."""
    began = time.perf_counter()
    trainer = pycrfsuite.Trainer(verbose=False)
    for features, tags in rows:
        trainer.append(features, tags)
    trainer.set_params(params)
    trainer.train(str(path))
    return time.perf_counter() - began


def evaluate_model(path: Path, test) -> dict:
    """Span scores of the CRF at ``path`` on (words, tags) pairs."""
    model = pycrfsuite.Tagger()
    model.open(str(path))
    predicted = [model.tag(tagger.extract_features(words)) for words, _tags in test]
    model.close()
    return tagger.score_spans([tags for _words, tags in test], predicted)


def evaluate_shipped(test) -> dict:
    """Span scores of the shipped model through tag_words, the pruned decoder used at run time."""
    tagger.clear_caches()
    predicted = [tagger.tag_words(words) for words, _tags in test]
    return tagger.score_spans([tags for _words, tags in test], predicted)


def print_scores(scores: dict) -> None:
    for kind, numbers in scores.items():
        print(f"  {kind:8} P={numbers['precision']:.4f} R={numbers['recall']:.4f} "
              f"F1={numbers['f1']:.4f} n={numbers['support']}")


def tune(sentences) -> None:
    """Print dev-split (index % 5 == 3) scores for each parameter set of TUNE_GRID."""
    train, dev = split_corpus(sentences, {0, 1, 2}, 3)
    write_contexts(train)
    rows = jackknife_rows(sentences, {0, 1, 2}, set(build_gazetteer()))
    path = tagger.MODEL_DIR / "ner.tune.crfsuite"
    for params in TUNE_GRID:
        seconds = train_model(rows, params, path)
        scores = evaluate_model(path, dev)
        print(f"c1={params['c1']} c2={params['c2']}: overall F1={scores['overall']['f1']:.4f} "
              f"({seconds:.0f}s)")
        print_scores(scores)
    path.unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tune", action="store_true", help="grid-search params on the dev split")
    arguments = parser.parse_args()
    sentences = tagger.read_newsfane(CORPUS)
    if arguments.tune:
        tune(sentences)
        return
    train, test = split_corpus(sentences, {0, 1, 2, 3}, 4)
    print(f"vocabulary rows: {write_vocabulary(train)}")
    print(f"context rows: {write_contexts(train)}")
    rows = jackknife_rows(sentences, {0, 1, 2, 3}, set(build_gazetteer()))
    print(f"gazetteer rows: {len(tagger.read_table(tagger.GAZETTEER_FILE))}")
    seconds = train_model(rows, PARAMS, tagger.MODEL_DIR / tagger.MODEL_FILE)
    print(f"weight rows: {tagger.write_weights()}")
    tagger.clear_caches()
    print("held-out, exact CRF Viterbi:")
    print_scores(evaluate_model(tagger.MODEL_DIR / tagger.MODEL_FILE, test))
    scores = evaluate_shipped(test)
    print(f"trained on {len(train)} sentences in {seconds:.1f}s; held-out ({len(test)} sentences):")
    print_scores(scores)
    metrics = {"split": "held-out: sentence index % 5 == 4", "params": PARAMS,
               "decoder": {"sure_o_margin": tagger.SURE_O_MARGIN,
                           "candidate_margin": tagger.CANDIDATE_MARGIN},
               "train_sentences": len(train), "test_sentences": len(test), "scores": scores}
    (tagger.MODEL_DIR / tagger.METRICS_FILE).write_text(
        json.dumps(metrics, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
