"""The marsad command line: thin wrappers over ``marsad.corpus.Corpus``.

Exit codes: 0 all went well; 1 an error stopped the command; 2 bad usage;
3 the command finished but some inputs were rejected (each named on stderr).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from marsad import queries
from marsad.corpus import Corpus, IngestReport
from marsad.errors import MarsadError
from marsad.settings import USER_KB

app = typer.Typer(help="marsad (مرصد): Arabic news articles in, a sourced dossier out.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)
EXIT_PARTIAL = 3

DbOption = typer.Option("marsad.db", "--db", help="SQLite database file (created when missing).")
KbOption = typer.Option([], "--kb", help=USER_KB.help + "; repeat for several files.")


def _open(db: str) -> Corpus:
    try:
        return Corpus(db)
    except MarsadError as error:
        _fail(error)


def _fail(error: Exception) -> None:
    err.print(f"[red]Error:[/red] {error}", highlight=False)
    raise typer.Exit(1)


def _progress() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                    console=err, transient=True, disable=not err.is_terminal)


@app.command()
def ingest(paths: list[str] = typer.Argument(..., help="Files, folders, .jsonl, feeds or URLs."),
           db: str = DbOption,
           meta: Optional[str] = typer.Option(None, "--meta", help="meta.jsonl with doc, published, source, url."),
           workers: int = typer.Option(min(2, os.cpu_count() or 1), "--workers", help="Worker processes."),
           analyze: bool = typer.Option(True, "--analyze/--no-analyze", help="Analyse after storing."),
           kb: list[Path] = KbOption) -> None:
    """Store articles and analyse them. Re-ingesting the same content is a no-op.

    Example: marsad ingest examples/ --db marsad.db
    """
    with _open(db) as corpus:
        try:
            report = corpus.ingest(paths, meta)
            if analyze:
                _process(corpus, workers, report, kb)
        except MarsadError as error:
            _fail(error)
    _print_report(report)


@app.command()
def process(db: str = DbOption,
            workers: int = typer.Option(min(2, os.cpu_count() or 1), "--workers", help="Worker processes."),
            kb: list[Path] = KbOption) -> None:
    """Analyse stored pages not yet through every stage (resumes an interrupted run).

    Example: marsad process --db marsad.db
    """
    with _open(db) as corpus:
        report = _process(corpus, workers, IngestReport(), kb)
    _print_report(report)


def _process(corpus: Corpus, workers: int, report: IngestReport, kb: list[Path]) -> IngestReport:
    with _progress() as progress:
        task = progress.add_task("analysing", total=corpus.pending())
        try:
            return corpus.process(workers, lambda n: progress.advance(task, n), report, [str(p) for p in kb])
        except MarsadError as error:
            _fail(error)


def _print_report(report: IngestReport) -> None:
    for line in report.notes:
        err.print(f"[yellow]Note:[/yellow] {line}", highlight=False)
    for line in report.errors:
        err.print(f"[red]Error:[/red] {line}", highlight=False)
    out.print(f"{len(report.new)} new, {len(report.new_versions)} new versions, "
              f"{len(report.unchanged)} unchanged (no-op), {len(report.errors)} rejected; "
              f"{report.processed} articles analysed.", highlight=False)
    if report.errors:
        raise typer.Exit(EXIT_PARTIAL)


@app.command()
def export(fmt: str = typer.Option("dossier", "--format", "-f", help="dossier, jsonl or csv."),
           output: Path = typer.Option(..., "-o", "--output", help="File (dossier, jsonl) or folder (csv)."),
           db: str = DbOption) -> None:
    """Write the analysed corpus: dossier.jsonl, full JSON Lines, or CSV tables.

    Example: marsad export --format dossier -o dossier.jsonl
    """
    with _open(db) as corpus:
        try:
            path = corpus.export(fmt, output)
        except MarsadError as error:
            _fail(error)
    out.print(f"wrote {path}", highlight=False)


@app.command()
def stats(db: str = DbOption) -> None:
    """A summary: counts, one line per article, the most mentioned entities, speakers and event types.

    Example: marsad stats --db marsad.db
    """
    with _open(db) as corpus:
        counts = corpus.store.counts()
        docs = corpus.documents()
    summary = queries.summarize_corpus(docs)
    counts.update({layer: summary.layer_counts[layer] for layer in ("entities", "quotes", "events")})
    out.print(" · ".join(f"{value} {name}" for name, value in counts.items()), highlight=False)
    out.print(Text("\narticles", style="bold"))
    for doc in docs:
        out.print(Text(f"  {doc.published or '????-??-??'}  {doc.id}  [{doc.source or '?'}]  {(doc.title or '')[:70]}"
                       f"  ({len(doc.entities)} entities, {len(doc.quotes)} quotes, {len(doc.events)} events)"))
    for heading, ranked in (("most mentioned", summary.top_entities), ("most quoted", summary.top_speakers),
                            ("event types", summary.event_types)):
        if ranked:
            out.print(Text(f"\n{heading}: ", style="bold") + Text(", ".join(f"{name} ({n})" for name, n in ranked)))


@app.command()
def show(doc_id: str = typer.Argument(..., help="Document id (file name without extension)."),
         db: str = DbOption) -> None:
    """The clean article, with the furniture the cleaner dropped struck through.

    Example: marsad show 001_b030459cc2d28130
    """
    with _open(db) as corpus:
        doc = corpus.get(doc_id)
    if doc is None:
        _fail(MarsadError(f"no document '{doc_id}' in {db}; `marsad stats` lists what is there"))
    out.print(Text(f"{doc.id}  {doc.published or ''}  {doc.source or ''}", style="bold"))
    for line in queries.page_lines(doc):
        if line.fate == "dropped":
            out.print(Text(line.text, style="strike dim red") + Text(f"  [{line.cue}]", style="dim"))
        elif line.fate == "kept":
            out.print(Text(line.text))
        else:
            out.print(Text(line.text, style="dim cyan") + Text("  [other article]", style="dim"))


@app.command()
def entities(db: str = DbOption,
             entity_type: Optional[str] = typer.Option(None, "--type", help="PER, ORG, LOC or MISC."),
             limit: int = typer.Option(50, "--limit", help="How many rows.")) -> None:
    """Linked entities: mentions, type and the documents they appear in.

    Example: marsad entities --type PER --limit 20
    """
    with _open(db) as corpus:
        rows = queries.summarize_entities(corpus)
    table = Table("entity", "type", "mentions", "documents", "surface forms", title="entities")
    for row in [r for r in rows if not entity_type or r.type == entity_type.upper()][:limit]:
        table.add_row(row.name, row.type, str(row.mentions), str(len(row.documents)),
                      "، ".join(sorted(row.surface_forms))[:80])
    out.print(table)


@app.command()
def entity(name: str = typer.Argument(..., help="Canonical name, alias or part of one (Peskov, بيسكوف)."),
           db: str = DbOption) -> None:
    """One entity: its aliases, roles, and every mention in context.

    Example: marsad entity "Peskov"
    """
    with _open(db) as corpus:
        docs = corpus.documents()
    summaries = [s for s in queries.summarize_entities(docs) if queries.matches_name(name, s.name, s.surface_forms)]
    if not summaries:
        _fail(MarsadError(f"no entity matching '{name}'; `marsad entities` lists them"))
    for summary in summaries:
        out.print(Text(f"{summary.name} ({summary.type})", style="bold"))
        out.print(Text(f"  surface forms: {'، '.join(sorted(summary.surface_forms))}"))
        for line in _profile_lines(summary.name):
            out.print(Text(f"  {line}"))
        for found in queries.mentions_of(docs, summary.name):
            out.print(Text(f"  [{found.doc} {found.published or ''}] {found.sentence}"))


def _profile_lines(name: str) -> list[str]:
    """Aliases and dated roles from the knowledge base, when it knows the entity."""
    from marsad.entities.stage import entity_profile

    known = entity_profile(name)
    if known is None:
        return ["not in the knowledge base (found in the text only)"]
    lines = [f"aliases: {'، '.join(known.aliases[:20])}"]
    lines += [f"role: {role.title} ({role.start or '?'} – {role.end or 'now'})" for role in known.roles]
    return lines


@app.command()
def quotes(db: str = DbOption,
           speaker: Optional[str] = typer.Option(
               None, "--speaker", help="Any part of the speaker's name, or of a spelling the article uses (بيسكوف).")
           ) -> None:
    """Who said what: quotes with speaker, source and date.

    Example: marsad quotes --speaker "Peskov"
    """
    with _open(db) as corpus:
        rows = queries.find_quotes_by(corpus, speaker)
    for row in rows:
        quote, doc = row.quote, row.doc
        marks = "«»" if quote.direct else "()"
        out.print(Text(f"{doc.published or '????-??-??'}  {quote.speaker or 'unattributed'}"
                       f"  [{doc.source or doc.id}] {quote.verb or ''}", style="bold"))
        out.print(Text(f"  {marks[0]}{quote.text}{marks[1]}"))
    out.print(f"{len(rows)} quotes", highlight=False)


@app.command()
def timeline(db: str = DbOption,
             actor: Optional[str] = typer.Option(None, "--actor", help="Any part of an actor's name."),
             event_type: Optional[str] = typer.Option(None, "--type", help="A PLOVER type: AGREE, REQUEST, ...")) -> None:
    """Events in the order they happened, with actors, targets and the source sentence.

    Example: marsad timeline --actor Russia --type ASSAULT
    """
    with _open(db) as corpus:
        rows = queries.build_timeline(corpus, actor, event_type)
    for row in rows:
        event = row.event
        targets = f" -> {', '.join(event.targets)}" if event.targets else ""
        flags = "".join(f" [{flag}]" for flag in (event.modality if event.modality != "asserted" else "",
                                                   "negated" if event.negated else "") if flag)
        out.print(Text(f"{row.date or 'undated':10}  {event.type:9} {', '.join(event.actors) or '?'}{targets}{flags}",
                       style="bold"))
        out.print(Text(f"            {event.evidence}  [{row.doc.source or row.doc.id}]"))
    out.print(f"{len(rows)} events", highlight=False)


def main() -> None:
    try:
        app()
    except MarsadError as error:  # a library error that escaped a command
        err.print(f"[red]Error:[/red] {error}", highlight=False)
        sys.exit(1)


if __name__ == "__main__":
    main()
