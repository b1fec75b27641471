"""An on-disk cache of data marsad derives at start-up (the knowledge base's indexes).

Building them from the shipped files takes a noticeable part of a second in
every new process; a pickle of the result loads in a tenth of that. An entry
is keyed by marsad's version and by the path, size and modification time of
every file it was built from, so editing a KB file or adding ``--kb`` rebuilds
it; only the newest few entries of each name are kept. Set ``MARSAD_CACHE=off``
to never read or write the cache; any problem with it (unreadable, stale, a
read-only home) silently means "build again".
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import re
import tempfile
from pathlib import Path
from typing import Callable, Iterable, TypeVar

T = TypeVar("T")

KEPT_PER_NAME = 3  # entries of one name kept: a few KB variants (--kb files), not every past build


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "marsad"


def _key(name: str, sources: Iterable[Path]) -> str:
    from marsad import __version__

    digest = hashlib.sha256(f"{name}\0{__version__}".encode())
    for source in sources:
        stat = source.stat()
        digest.update(f"\0{source.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}".encode())
    return f"{name}-{digest.hexdigest()[:20]}.pickle"


def load_or_build(name: str, sources: Iterable[Path], build: Callable[[], T]) -> T:
    """``build()``'s result, from the cache when the ``sources`` are unchanged since it was stored.

    Example: load_or_build("kb", kb_files, lambda: build_kb(...))
    """
    sources = list(sources)
    if os.environ.get("MARSAD_CACHE", "").lower() in ("off", "0", "no"):
        return build()
    try:
        path = cache_dir() / _key(name, sources)
    except OSError:  # a source is missing: let build() say which, in its own words
        return build()
    try:
        return _load(path)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    value = build()
    _store(path, value)
    _prune(path, name)
    return value


def _load(path: Path) -> object:
    # Unpickling creates hundreds of thousands of containers: without this the collector runs
    # over them again and again while they load, a third of the load time.
    enabled = gc.isenabled()
    gc.disable()
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    finally:
        if enabled:
            gc.enable()


def _prune(written: Path, name: str) -> None:
    """Delete all but the newest entries of ``name`` (always keeping the one just ``written``):
    each edit of a source leaves one behind."""
    pattern = re.compile(rf"{re.escape(name)}-[0-9a-f]{{20}}\.pickle")
    try:
        others = sorted((p for p in written.parent.iterdir() if pattern.fullmatch(p.name) and p != written),
                        key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for stale in others[KEPT_PER_NAME - 1:]:
            stale.unlink(missing_ok=True)
    except OSError:
        pass  # another process pruned first, or a read-only cache: nothing lost


def _store(path: Path, value: object) -> None:
    """Write atomically, so a concurrent reader sees the old entry or the new one, never half."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".part") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
    except OSError:
        pass  # a read-only or full disk only costs the next process a rebuild
