"""The benchmark script still runs: a tiny corpus, each run in its own interpreter, a median line."""

import re
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_pipeline.py"


def test_bench_reports_each_run_and_their_median():
    result = subprocess.run([sys.executable, str(BENCH), "--sizes", "6", "--repeat", "2", "--until", "text"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "stages: clean, text; workers: 2"
    runs = [line for line in lines if re.match(r"\s+6 pages, \d+ articles \|", line)]
    assert len(runs) == 2 and all("errors 0" in line for line in runs)
    assert re.search(r"6 pages: median end to end \d+ articles/s over 2 runs", lines[-1])
