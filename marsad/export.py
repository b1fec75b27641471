"""Exports: the scored ``dossier.jsonl`` (CONTRACT.md), full JSON Lines, and CSV tables.

Fields a layer does not produce yet are empty lists, never invented.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any, Callable, Iterable

from marsad.document import Document
from marsad.errors import ExportError

FORMATS = ("dossier", "jsonl", "csv")


def dossier_record(doc: Document) -> dict[str, Any]:
    """One ``dossier.jsonl`` line: the article, its entities, quotes and events."""
    return {
        "doc": doc.id,
        "title": doc.title,
        "published": doc.published,
        "source": doc.source,
        "url": doc.url,
        "text": doc.body,
        "entities": [{"name": e.name, "type": e.type, "mentions": e.mentions} for e in doc.entities],
        "quotes": [_quote_record(doc, q) for q in doc.quotes],
        # A negated event ("لم يوافق") stays in the document, flagged, but did not happen.
        "events": [_event_record(e) for e in doc.events if not e.negated],
    }


def _quote_record(doc: Document, quote) -> dict[str, Any]:
    sentence = doc.sentence_at(quote.start)
    return {"speaker": quote.speaker, "text": quote.text, "direct": quote.direct, "verb": quote.verb,
            "medium": quote.medium, "target": quote.target, "start": quote.start, "end": quote.end,
            "sentence": doc.sentence_text(sentence) if sentence else None}


def _event_record(event) -> dict[str, Any]:
    return {"type": event.type, "actors": event.actors, "targets": event.targets, "date": event.date,
            "date_how": event.date_how, "evidence": event.evidence, "start": event.start, "end": event.end,
            "trigger": event.trigger, "place": event.place, "quantities": event.quantities,
            "negated": event.negated, "modality": event.modality}


def export_corpus(docs: Iterable[Document], fmt: str, output: Path) -> Path:
    """Write ``docs`` as ``fmt`` (dossier, jsonl: a file; csv: a folder of tables); returns the path."""
    writers: dict[str, Callable[[Iterable[Document], Path], None]] = {
        "dossier": lambda d, o: _write_jsonl((dossier_record(doc) for doc in d), o),
        "jsonl": lambda d, o: _write_jsonl((_full_record(doc) for doc in d), o),
        "csv": _write_csv_tables,
    }
    if fmt not in writers:
        raise ExportError(f"Unknown export format '{fmt}'. Valid: {', '.join(FORMATS)}.")
    try:
        writers[fmt](docs, output)
    except OSError as error:
        raise ExportError(f"cannot write {output} ({error.strerror}); check the folder exists and is writable") from error
    return output


def _full_record(doc: Document) -> dict[str, Any]:
    return doc.to_dict(tokens=False)  # tokens are derivable from text, and most of the volume


def _write_jsonl(records: Iterable[dict], output: Path) -> None:
    temporary = output.with_name(output.name + ".part")
    with temporary.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    temporary.replace(output)  # a failed export never leaves half a file behind


TABLES: dict[str, tuple[list[str], Callable[[Document], Iterable[list]]]] = {
    "documents.csv": (["doc", "title", "published", "source", "url", "byline", "characters", "entities", "quotes", "events"],
                      lambda d: [[d.id, d.title, d.published, d.source, d.url, d.byline, len(d.body),
                                  len(d.entities), len(d.quotes), len(d.events)]]),
    "entities.csv": (["doc", "name", "type", "mentions"],
                     lambda d: [[d.id, e.name, e.type, " | ".join(e.mentions)] for e in d.entities]),
    # start/end and the sentence point a quote back to where it was said, as the dossier does.
    "quotes.csv": (["doc", "published", "source", "speaker", "direct", "verb", "medium", "target", "text",
                    "start", "end", "sentence"],
                   lambda d: [[d.id, d.published, d.source, q.speaker, q.direct, q.verb, q.medium, q.target, q.text,
                               q.start, q.end, _sentence_of(d, q.start)] for q in d.quotes]),
    "events.csv": (["doc", "date", "type", "actors", "targets", "place", "quantities", "negated", "modality",
                    "source", "evidence"],
                   lambda d: [[d.id, e.date, e.type, " | ".join(e.actors), " | ".join(e.targets), e.place,
                               json.dumps(e.quantities, ensure_ascii=False) if e.quantities else "",
                               e.negated, e.modality, d.source, e.evidence] for e in d.events]),
}


def _sentence_of(doc: Document, offset: int) -> str:
    sentence = doc.sentence_at(offset)
    return doc.sentence_text(sentence) if sentence else ""


def _write_csv_tables(docs: Iterable[Document], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    handles = {name: (folder / name).open("w", encoding="utf-8-sig", newline="") for name in TABLES}
    try:
        writers = {name: csv.writer(handle) for name, handle in handles.items()}
        for name, (header, _) in TABLES.items():
            writers[name].writerow(header)
        for doc in docs:
            for name, (_, rows) in TABLES.items():
                writers[name].writerows(rows(doc))
    finally:
        for handle in handles.values():
            handle.close()
