"""Lexicon files: TSV tables under ``marsad/data/``, one entry per line.

Lines starting with "#" are comments; the first other line is the header
naming the columns. Every stage reads its data through ``read_table`` so a
malformed file fails the same way everywhere: with the file, the line and
the columns it expected.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from marsad.errors import MarsadError

DATA_DIR = Path(__file__).resolve().parent / "data"
LEXICON_DIR = DATA_DIR / "lexicons"


class LexiconError(MarsadError):
    """A data file is missing or has a malformed row."""


def read_table(path: Path, columns: tuple[str, ...] | None = None) -> list[tuple[int, dict[str, str]]]:
    """(line number, row keyed by the header) for each data row of a TSV file.

    Args:
        path: the file.
        columns: the header it must have, when the caller depends on it.
    Raises:
        LexiconError: the file is missing, its header is not ``columns``, or a row has the wrong cell count.

    Example: read_table(LEXICON_DIR / "weekdays.tsv")[0][1]["name"] == "الأحد"
    """
    if not path.exists():
        raise LexiconError(f"Data file {path} is missing; reinstall marsad or restore the file.")
    header: list[str] | None = None
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            if columns and tuple(cells) != tuple(columns):
                raise LexiconError(f"{path.name} line {number}: header must be the columns {', '.join(columns)}.")
        elif len(cells) != len(header):
            raise LexiconError(f"{path.name} line {number}: {len(cells)} tab-separated cells, "
                               f"expected {len(header)} ({', '.join(header)}).")
        else:
            rows.append((number, dict(zip(header, cells))))
    return rows


@lru_cache(maxsize=None)
def read_lexicon(name: str) -> tuple[dict[str, str], ...]:
    """Rows of ``data/lexicons/<name>.tsv``, read once.

    Example: read_lexicon("number_words")[0]["word"] == "واحد"
    """
    return tuple(row for _, row in read_table(LEXICON_DIR / f"{name}.tsv"))
