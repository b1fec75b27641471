"""An on-disk cache of data marsad derives at start-up (the knowledge base's indexes).

Building them from the shipped files takes a noticeable part of a second in
every new process; a pickle of the result loads in a tenth of that. An entry
is keyed by marsad's version and by the path, size and modification time of
every file it was built from, so editing a KB file or adding ``--kb`` rebuilds
it. Set ``MARSAD_CACHE=off`` to never read or write the cache; any problem
with it (unreadable, stale, a read-only home) silently means "build again".
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Callable, Iterable, TypeVar

T = TypeVar("T")


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
        with path.open("rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    value = build()
    _store(path, value)
    return value


def _store(path: Path, value: object) -> None:
    """Write atomically, so a concurrent reader sees the old entry or the new one, never half."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".part") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
    except OSError:
        pass  # a read-only or full disk only costs the next process a rebuild
