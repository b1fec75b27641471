"""Questions analysts ask of a corpus: which entities, who said what, what happened when.

Plain functions over analysed Documents; the CLI and (later) the web layer
call them, so neither holds query logic of its own.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from marsad.document import Document, Event, Quote
from marsad.ingest import looks_like_html
from marsad.text.normalize import normalize_key


@dataclass
class EntitySummary:
    name: str
    type: str
    mentions: int = 0
    documents: list[str] = field(default_factory=list)
    surface_forms: set[str] = field(default_factory=set)


@dataclass
class PageLine:
    """One line of an article's page and what the cleaner made of it: "kept", "dropped" or "other"."""

    text: str
    fate: str
    cue: str = ""


def page_lines(doc: Document) -> list[PageLine]:
    """The page's lines, each kept, dropped as furniture (with its cue) or in another article.

    A text page is shown line by line as given; an HTML page has no text lines of its own, so
    its kept lines come first, then what was dropped from the extracted text.
    """
    dropped = {line["text"].strip(): line.get("cue") or "" for line in doc.dropped}
    if looks_like_html(doc.raw):
        kept = [PageLine(line.strip(), "kept") for line in doc.text.splitlines() if line.strip()]
        return kept + [PageLine(text, "dropped", cue) for text, cue in dropped.items()]
    lines = []
    for line in (doc.raw or doc.text).splitlines():
        stripped = line.strip()
        if stripped in dropped:
            lines.append(PageLine(stripped, "dropped", dropped[stripped]))
        elif stripped:
            lines.append(PageLine(stripped, "kept" if stripped in doc.text else "other"))
    return lines


def summarize_entities(docs: Iterable[Document]) -> list[EntitySummary]:
    """Every linked entity with its mention count, documents and surface forms, most mentioned first."""
    summaries: dict[str, EntitySummary] = {}
    for doc in docs:
        counts: dict[str, int] = defaultdict(int)
        for mention in doc.mentions:
            if mention.name:
                counts[mention.name] += 1
        for entity in doc.entities:
            summary = summaries.setdefault(entity.name, EntitySummary(entity.name, entity.type))
            summary.mentions += counts.get(entity.name, 0) or len(entity.mentions)
            summary.documents.append(doc.id)
            summary.surface_forms.update(entity.mentions)
    return sorted(summaries.values(), key=lambda s: (-s.mentions, s.name))


def matches_name(query: str, name: str | None, aliases: Iterable[str] = ()) -> bool:
    """Whether ``query`` names this entity: a case- and spelling-insensitive part of its name or an alias.

    Example: matches_name("peskov", "Dmitry Peskov") and matches_name("بيسكوف", "Dmitry Peskov", ["بيسكوف"])
    """
    if not name:
        return False
    key = normalize_key(query)
    return any(key in normalize_key(candidate) for candidate in (name, *aliases))


@dataclass
class MentionInContext:
    doc: str
    published: str | None
    surface: str
    sentence: str


def mentions_of(docs: Iterable[Document], name: str) -> list[MentionInContext]:
    """Each mention of the entity called ``name`` (canonical or surface), with its sentence."""
    found = []
    for doc in docs:
        for mention in doc.mentions:
            if matches_name(name, mention.name, [mention.text]):
                sentence = doc.sentence_at(mention.start)
                context = doc.sentence_text(sentence) if sentence else doc.text[mention.start:mention.end]
                found.append(MentionInContext(doc.id, doc.published, mention.text, context))
    return found


@dataclass
class QuoteRow:
    doc: Document
    quote: Quote


def _surface_forms(doc: Document) -> dict[str, list[str]]:
    """Each entity's canonical name -> the spellings the document uses for it."""
    return {entity.name: entity.mentions for entity in doc.entities}


def find_quotes_by(docs: Iterable[Document], speaker: str | None = None) -> list[QuoteRow]:
    """Quotes, optionally only those of ``speaker`` (part of the canonical name or of a spelling
    the article uses: "Peskov" or "بيسكوف"), by date."""
    rows = []
    for doc in docs:
        spellings = _surface_forms(doc) if speaker else {}
        rows += [QuoteRow(doc, quote) for quote in doc.quotes
                 if speaker is None or matches_name(speaker, quote.speaker, spellings.get(quote.speaker or "", ()))]
    return sorted(rows, key=lambda row: (row.doc.published or "", row.doc.id, row.quote.start))


@dataclass
class TimelineRow:
    date: str | None
    doc: Document
    event: Event


def build_timeline(docs: Iterable[Document], actor: str | None = None, event_type: str | None = None) -> list[TimelineRow]:
    """Events ordered by the date they happened (undated ones last), filtered by actor (any part of
    its name or of a spelling the article uses) and type."""
    rows = []
    for doc in docs:
        spellings = _surface_forms(doc) if actor else {}
        for event in doc.events:
            if event_type and event.type != event_type.upper():
                continue
            if actor and not any(matches_name(actor, name, spellings.get(name, ())) for name in event.actors):
                continue
            rows.append(TimelineRow(event.date, doc, event))
    return sorted(rows, key=lambda row: (row.date is None, row.date or "", row.doc.published or "", row.doc.id))


@dataclass
class CorpusSummary:
    layer_counts: dict[str, int]
    top_entities: list[tuple[str, int]]
    top_speakers: list[tuple[str, int]]
    event_types: list[tuple[str, int]]


def summarize_corpus(docs: list[Document], top: int = 10) -> CorpusSummary:
    """Annotation counts and the most frequent entities, speakers and event types."""
    layers = {layer: sum(len(getattr(doc, layer)) for doc in docs) for layer in ("entities", "quotes", "events")}
    entities = [(s.name, s.mentions) for s in summarize_entities(docs)[:top]]
    speakers = Counter(q.speaker for doc in docs for q in doc.quotes if q.speaker).most_common(top)
    types = Counter(e.type for doc in docs for e in doc.events if not e.negated).most_common()
    return CorpusSummary(layers, entities, speakers, types)
