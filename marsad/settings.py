"""Settings, each declared once with its help text (datasette's ``Setting``).

A setting travels in the environment so that worker processes, which run
the stages, see what the command line or the Python API chose.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator


@dataclass(frozen=True)
class Setting:
    name: str
    environment: str
    help: str


USER_KB = Setting("kb", "MARSAD_KB",
                  "JSON Lines files of the user's own entities ({id, name, type, aliases, roles}), "
                  "added to the built-in knowledge base")
SETTINGS = (USER_KB,)


def user_kb_files() -> tuple[Path, ...]:
    """The user's knowledge-base files in force (none by default)."""
    value = os.environ.get(USER_KB.environment, "")
    return tuple(Path(part) for part in value.split(os.pathsep) if part)


@contextmanager
def using_kb(paths: Iterable[str | Path]) -> Iterator[None]:
    """Within the block, stages (and workers started in it) use these knowledge-base files too."""
    previous = os.environ.get(USER_KB.environment)
    joined = os.pathsep.join(str(Path(p).resolve()) for p in paths)
    if joined:
        os.environ[USER_KB.environment] = joined
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(USER_KB.environment, None)
        else:
            os.environ[USER_KB.environment] = previous
