"""End to end: the CLI on the sample corpus, scored by the shared scorer against pinned floors.

Floors live in tests/baseline.json (like trafilatura's eval gate): a layer that
falls below its floor fails the build.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("MARSAD_SHARED", ROOT.parent / "shared"))
SEEDS = SHARED / "corpus" / "seeds"
pytestmark = [pytest.mark.e2e,
              pytest.mark.skipif(not SEEDS.is_dir() and not os.environ.get("CI"), reason="../shared not present")]


def _marsad(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "marsad.cli", *args], capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def scores(tmp_path_factory):
    work = tmp_path_factory.mktemp("seeds")
    db, dossier = work / "seeds.db", work / "dossier.jsonl"
    ingest = _marsad("ingest", str(SEEDS), "--db", str(db))
    assert ingest.returncode == 0, ingest.stderr
    exported = _marsad("export", "--format", "dossier", "-o", str(dossier), "--db", str(db))
    assert exported.returncode == 0, exported.stderr
    result = subprocess.run([sys.executable, str(SHARED / "tools" / "score.py"), "--gold", str(SHARED / "gold" / "seeds"),
                             "--pred", str(dossier), "--json"], capture_output=True, text=True, check=True)
    return json.loads(result.stdout), dossier


def _metric(scores: dict, dotted: str) -> float:
    value = scores
    for part in dotted.split("."):
        value = value[part]
    return value


FLOORS = {k: v for k, v in json.loads((ROOT / "tests" / "baseline.json").read_text()).items() if not k.startswith("_")}


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_layer_meets_its_floor(scores, metric):
    measured = _metric(scores[0], metric)
    assert measured >= FLOORS[metric] - 1e-9, f"{metric} fell to {measured:.3f} (floor {FLOORS[metric]})"


def test_every_seed_is_scored(scores):
    assert scores[0]["docs_missing"] == [] and scores[0]["docs_scored"] == 5


def test_two_article_page_is_split(scores):
    ids = [json.loads(line)["doc"] for line in scores[1].read_text(encoding="utf-8").splitlines()]
    assert "001_b030459cc2d28130#2" in ids


def test_reingesting_the_seeds_is_a_no_op(tmp_path):
    db = tmp_path / "again.db"
    assert _marsad("ingest", str(SEEDS), "--db", str(db), "--no-analyze").returncode == 0
    again = _marsad("ingest", str(SEEDS), "--db", str(db), "--no-analyze")
    assert "0 new" in again.stdout and "5 unchanged" in again.stdout
