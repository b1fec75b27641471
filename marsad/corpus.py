"""The stored corpus as analysts use it: ingest, process, iterate, export.

``marsad.open("marsad.db")`` returns a ``Corpus``; the CLI commands are thin
wrappers over its methods.
"""

from __future__ import annotations

from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from marsad.analysis import analyze_page_for_store, analyze_pages_for_store
from marsad.document import Document
from marsad.errors import InputError
from marsad.ingest import Page, read_inputs
from marsad.pipeline import warm_up
from marsad.settings import using_kb
from marsad.store import Store
from marsad.store.sqlite import StoredPage

BATCH_SIZE = 200  # pages stored per transaction
CHUNK_SIZE = 8  # pages per round trip to a worker process


@dataclass
class IngestReport:
    """What happened to each input: counts and the one-line errors."""

    new: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    new_versions: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    processed: int = 0

    def add(self, page: Page, status: str) -> None:
        {"new": self.new, "unchanged": self.unchanged, "new version": self.new_versions}[status].append(page.id)
        self.notes.extend(f"{page.origin}: {note}" for note in page.notes)


Progress = Callable[[int], None]


class Corpus:
    """A marsad database of pages and analysed articles."""

    def __init__(self, path: str | Path = "marsad.db"):
        self.store = Store(path)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> "Corpus":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def __iter__(self) -> Iterator[Document]:
        return iter(self.documents())

    def __len__(self) -> int:
        return self.store.counts()["articles"]

    def documents(self) -> list[Document]:
        """Every article, unknown entities merged across articles into one entity per person or body."""
        from marsad.entities.linking import merge_unknown_entities
        return merge_unknown_entities(list(self.store.documents()))

    def get(self, doc_id: str) -> Document | None:
        return self.store.document(doc_id)

    def ingest(self, paths: Iterable[str], meta: str | None = None, report: IngestReport | None = None) -> IngestReport:
        """Store every readable input (batch by batch); bad inputs become error lines."""
        report = report or IngestReport()
        batch: list[Page] = []
        for item in read_inputs(paths, meta):
            if isinstance(item, InputError):
                report.errors.append(str(item))
                continue
            batch.append(item)
            if len(batch) >= BATCH_SIZE:
                self._store_batch(batch, report)
                batch = []
        self._store_batch(batch, report)
        return report

    def _store_batch(self, batch: list[Page], report: IngestReport) -> None:
        for page, status in zip(batch, self.store.add_pages(batch)):
            report.add(page, status)

    def process(self, workers: int = 1, progress: Progress | None = None,
                report: IngestReport | None = None, kb: Iterable[str] = ()) -> IngestReport:
        """Analyse every page not yet through all stages; resumable after an interruption.

        Args:
            kb: JSON Lines files of the user's own entities, added to the knowledge base.
        """
        with using_kb(kb):
            return self._process(workers, progress, report or IngestReport())

    def _process(self, workers: int, progress: Progress | None, report: IngestReport) -> IngestReport:
        pending = self.store.pending_pages()
        jobs = ((stored, self._partial(stored)) for stored in pending)
        batch: list[tuple[StoredPage, list]] = []
        for stored, result in _map(jobs, workers):
            if isinstance(result, str):
                report.errors.append(result)
            else:
                batch.append((stored, result))
            if progress:
                progress(1)
            if len(batch) >= BATCH_SIZE:
                self._save(batch, report)
                batch = []
        self._save(batch, report)
        return report

    def _partial(self, stored: StoredPage) -> list[Document] | None:
        return self.store.partial_articles(stored.page.id, stored.version) or None

    def _save(self, batch: list[tuple[StoredPage, list[Document]]], report: IngestReport) -> None:
        if batch:
            self.store.save_articles(batch)
            report.processed += sum(len(docs) for _, docs in batch)

    def pending(self) -> int:
        return len(self.store.pending_keys())

    def export(self, fmt: str, output: str | Path) -> Path:
        from marsad.export import export_corpus
        return export_corpus(self.documents(), fmt, Path(output))


def _map(jobs: Iterator[tuple[StoredPage, list | None]], workers: int) -> Iterator:
    """(stored page, analysed articles or error) pairs, in order; with workers, chunks of pages
    stream through a process pool, a bounded number in flight."""
    if workers <= 1:
        for stored, done in jobs:
            yield stored, analyze_page_for_store(stored.page, done)
        return
    warm_up()  # workers fork with the knowledge base and models already loaded
    with ProcessPoolExecutor(max_workers=workers) as pool:
        in_flight: deque = deque()
        for chunk in _chunks(jobs, CHUNK_SIZE):
            in_flight.append((chunk, pool.submit(analyze_pages_for_store, [(s.page, d) for s, d in chunk])))
            if len(in_flight) >= workers * 4:
                yield from _results(*in_flight.popleft())
        while in_flight:
            yield from _results(*in_flight.popleft())


def _chunks(jobs: Iterator, size: int) -> Iterator[list]:
    chunk = []
    for job in jobs:
        chunk.append(job)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _results(chunk: list, future) -> Iterator:
    for (stored, _), result in zip(chunk, future.result()):
        yield stored, result
