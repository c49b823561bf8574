"""`detente` on the command line: a thin layer over `detente.api.Detente`.

Every command reads and writes through the library API; this module only parses options,
draws progress and formats output. Machine output (JSON lines, CSV) goes to stdout;
progress, summaries and errors go to stderr.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
import time
from typing import TYPE_CHECKING, Any

import click
from rich import box
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from detente import __version__
from detente.errors import DetenteError, InputError
from detente.options import (
    coder_option,
    date_option,
    db_option,
    fast_option,
    max_bytes_option,
    model_option,
    parse_date,
    recogniser_option,
    workers_option,
)

if TYPE_CHECKING:
    from detente.pipeline import Options

err = Console(stderr=True)
EXIT_SOME_FAILED = 1


class _RateColumn(ProgressColumn):
    """Items per second over the last few seconds (rich's own estimate, also used for the ETA)."""

    def __init__(self, unit: str = "articles") -> None:
        super().__init__()
        self.unit = unit

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(
            f"{speed:,.1f} {self.unit}/s" if speed else f"– {self.unit}/s", style="progress.data.speed"
        )


def _progress(enabled: bool, unit: str = "articles", counts: bool = True) -> Progress:
    """A progress bar on stderr: done/total (total when known), rate, elapsed time and ETA.

    `counts` adds the task's `events` and `failed` fields.
    """
    columns: list[str | ProgressColumn] = [
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
    ]
    if counts:
        columns.append(TextColumn("{task.fields[events]} events, {task.fields[failed]} failed"))
    columns += [_RateColumn(unit), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn()]
    return Progress(*columns, console=err, disable=not enabled, transient=False, speed_estimate_period=30)


def _document_total(inputs: tuple[str, ...]) -> int | None:
    """How many documents the inputs hold, when that is cheap to count (for the ETA)."""
    from detente.ingest.count import count_documents

    try:
        return count_documents(inputs)
    except Exception:  # counting is only for the bar; the readers report real problems
        return None


def _elapsed(t0: float) -> str:
    seconds = time.perf_counter() - t0
    return f"{seconds:.1f}s" if seconds < 120 else f"{int(seconds // 60)}m{int(seconds % 60):02d}s"


def _report_error(e: InputError) -> None:
    # One plain line per bad document, never wrapped, so scripts can grep it.
    click.secho(f"error: {e}", err=True, fg="red")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="detente")
def main() -> None:
    """Detente: turn news about international affairs into coded political events.

    \b
    Examples:
      detente code article.html --date 2023-09-30      # events as JSON lines, nothing stored
      detente ingest news/                             # code and store a folder of articles
      detente events --source RUS --target AFG         # query the stored events
      detente show 3f2a9c                              # an article with its actors and events
    """


@main.command("code")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@date_option
@max_bytes_option
@click.option("--min-confidence", type=float, default=0.0, show_default=True, help="Drop events below this.")
@coder_option
@model_option
@workers_option
@fast_option
@recogniser_option
def code_cmd(
    inputs: tuple[str, ...],
    date: dt.date | None,
    max_bytes: int,
    min_confidence: float,
    coder: str,
    model: str,
    workers: int,
    fast: bool,
    recogniser: bool,
) -> None:
    """Code documents and print one JSON event per line; store nothing.

    INPUT is a text or HTML file, a JSONL file ({"id","text","date","title","url"} per line),
    a directory (read recursively), or - for JSONL on standard input. For JSONL input,
    doc_id is the input's "id". Bad documents are reported on stderr, one line each, and the
    exit status is 1 if any failed.

    \b
    Examples:
      detente code article.txt --date 2023-09-30
      detente code page.html | jq .cameo
      cat docs.jsonl | detente code -
    """
    from detente.api import Detente
    from detente.pipeline import Options

    options = Options(
        min_confidence=min_confidence,
        coder=coder,
        model=model,
        workers=workers,
        fast=fast,
        recogniser=recogniser,
    )
    api = Detente(options=options)
    failed = events = articles = 0
    out = sys.stdout
    t0 = time.perf_counter()
    with _progress(err.is_terminal) as progress:
        total = _document_total(inputs) if err.is_terminal else None
        task = progress.add_task("coding", total=total, events=0, failed=0)
        try:
            for item in api.code(inputs, date=date, max_bytes=max_bytes):
                if isinstance(item, InputError):
                    failed += 1
                    _report_error(item)
                else:
                    for problem in item.problems:
                        click.secho(f"warning: {problem}", err=True, fg="yellow")
                    for event in item.events:
                        out.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
                    events += len(item.events)
                    articles += 1
                    out.flush()
                progress.update(task, advance=1, events=events, failed=failed)
        except DetenteError as e:
            raise click.ClickException(str(e)) from e
    err.print(
        f"coded {articles} articles: {events} events; {failed} failed; {_elapsed(t0)}",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )
    if failed:
        sys.exit(EXIT_SOME_FAILED)


@main.command("ingest")
@click.argument("inputs", nargs=-1, required=True, metavar="PATH...")
@date_option
@db_option
@max_bytes_option
@coder_option
@model_option
@workers_option
@fast_option
@recogniser_option
@click.option(
    "--dask",
    "dask",
    metavar="tcp://HOST:PORT|local",
    default=None,
    help="Code on Dask distributed workers that write to a shared PostgreSQL store: a scheduler "
    "address, or local for a cluster of --workers processes on this machine (docs/cluster.md).",
)
@click.option(
    "--batch-size",
    type=click.IntRange(1, 10_000),
    default=32,
    show_default=True,
    help="Articles parsed together; with --workers or --dask also the unit of work a process takes.",
)
def ingest_cmd(
    inputs: tuple[str, ...],
    date: dt.date | None,
    db: str | None,
    max_bytes: int,
    coder: str,
    model: str,
    workers: int,
    fast: bool,
    recogniser: bool,
    dask: str | None,
    batch_size: int,
) -> None:
    """Code documents and store articles, sentences, actors and events.

    Storing is idempotent: an article whose content is already stored is skipped, so running
    the same command twice stores nothing new. Each article is stored in one transaction.

    \b
    Examples:
      detente ingest news/ --date 2023-09-30
      detente ingest corpus.jsonl --workers 2
      DETENTE_DB=events.db detente ingest feed.jsonl
      detente ingest corpus.jsonl --db postgresql://host/db --dask tcp://scheduler:8786
    """
    from detente.api import Detente
    from detente.pipeline import Options

    if dask is not None:
        options = Options(batch_size=batch_size, coder=coder, model=model, fast=fast, recogniser=recogniser)
        _ingest_dask(inputs, date, db, max_bytes, options, workers, dask)
        return
    api = Detente(
        db,
        Options(
            batch_size=batch_size, coder=coder, model=model, workers=workers, fast=fast, recogniser=recogniser
        ),
    )
    t0 = time.perf_counter()
    with _progress(err.is_terminal) as progress:
        total = _document_total(inputs) if err.is_terminal else None
        task = progress.add_task("coding", total=total, events=0, failed=0)
        counts = {"events": 0, "failed": 0}

        def tick(what: str, events: int) -> None:
            counts["events"] += events
            counts["failed"] += what == "failed"
            progress.update(task, advance=1, events=counts["events"], failed=counts["failed"])

        try:
            summary = api.ingest(inputs, date=date, max_bytes=max_bytes, progress=tick)
        except DetenteError as e:
            raise click.ClickException(str(e)) from e
    for e in summary.errors:
        _report_error(e)
    err.print(
        f"stored {summary.articles} articles with {summary.events} events; "
        f"{summary.skipped} already stored; {summary.failed} failed; {_elapsed(t0)}  [{api.store.url}]",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )
    if summary.failed:
        sys.exit(EXIT_SOME_FAILED)


def _ingest_dask(
    inputs: tuple[str, ...],
    date: dt.date | None,
    db: str | None,
    max_bytes: int,
    options: Options,
    workers: int,
    scheduler: str,
) -> None:
    """`detente ingest --dask`: the same pipeline on Dask workers (detente.distributed)."""
    from detente.api import read_inputs
    from detente.distributed import ingest_dask

    t0 = time.perf_counter()
    with _progress(err.is_terminal) as progress:
        total = _document_total(inputs) if err.is_terminal else None
        task = progress.add_task(f"coding on dask {scheduler}", total=total, events=0, failed=0)
        counts = {"events": 0, "failed": 0}

        def tick(what: str, events: int) -> None:
            counts["events"] += events
            counts["failed"] += what == "failed"
            progress.update(task, advance=1, events=counts["events"], failed=counts["failed"])

        def report(e: InputError) -> None:
            progress.console.print(Text(f"error: {e}", style="red"), soft_wrap=True)

        try:
            summary = ingest_dask(
                read_inputs(inputs, date=date, max_bytes=max_bytes),
                scheduler=scheduler,
                db=db,
                options=options,
                workers=workers,
                progress=tick,
                report=report if err.is_terminal else _report_error,
            )
        except DetenteError as e:
            raise click.ClickException(str(e)) from e
    from detente.store import database_url

    err.print(
        f"stored {summary.articles} articles with {summary.events} events; "
        f"{summary.skipped} already stored; {summary.failed} failed; {_elapsed(t0)}"
        + (f" on {summary.workers} dask workers" if summary.workers else ", nothing sent to dask")
        + f"  [{database_url(db)}]",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )
    if summary.failed:
        sys.exit(EXIT_SOME_FAILED)


EVENT_COLUMNS = [
    "date",
    "source",
    "cameo",
    "target",
    "goldstein",
    "plover",
    "location",
    "modality",
    "confidence",
    "trigger",
    "doc_id",
    "mentions",
    "sources",
    "articles",
]
ORIGINS = ["detente", "gdelt", "icews"]


def _flat(ev: dict[str, Any]) -> dict[str, Any]:
    return {
        "date": ev["date"] or "",
        "source": (ev["source"] or {}).get("code", ""),
        "cameo": ev["cameo"],
        "target": (ev["target"] or {}).get("code", "") if ev["target"] else "",
        "goldstein": ev["goldstein"],
        "plover": ev["plover"] or "",
        "location": (ev["location"] or {}).get("name", "") if ev["location"] else "",
        "modality": ev["modality"]
        + (" negated" if ev["negated"] else "")
        + (" historical" if ev["historical"] else ""),
        "confidence": ev["confidence"],
        "trigger": (ev["evidence"] or {}).get("trigger", {}).get("text", ""),
        "doc_id": ev["doc_id"],
        "mentions": ev.get("num_mentions", 1),
        "sources": ev.get("num_sources", 1),
        "articles": ev.get("num_articles", 1),
    }


@main.command("events")
@click.option("--source", metavar="CODE", help="Source actor code or country (RUS, RUSGOV, IGOUNO).")
@click.option("--target", metavar="CODE", help="Target actor code or country.")
@click.option("--since", callback=parse_date, metavar="YYYY-MM-DD", help="Events on or after this date.")
@click.option("--until", callback=parse_date, metavar="YYYY-MM-DD", help="Events on or before this date.")
@click.option("--no-historical", is_flag=True, help="Leave out background events about the past.")
@click.option("--limit", type=int, default=None, help="At most this many events.")
@click.option("--min-mentions", type=int, default=None, help="Only events mentioned at least this often.")
@click.option("--origin", type=click.Choice(ORIGINS), help="Only events of this origin.")
@click.option("--mentions", "with_mentions", is_flag=True, help="jsonl: add every mention of each event.")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True
)
@db_option
def events_cmd(
    source: str | None,
    target: str | None,
    since: dt.date | None,
    until: dt.date | None,
    no_historical: bool,
    limit: int | None,
    min_mentions: int | None,
    origin: str | None,
    with_mentions: bool,
    fmt: str,
    db: str | None,
) -> None:
    """List stored events, newest first: merged events with their counts of mentions, sources
    (distinct publishers) and articles, and the sentence of their first mention.

    \b
    Examples:
      detente events --source RUS --target AFG
      detente events --min-mentions 3 --format jsonl --mentions
      detente events --since 2023-01-01 --format csv > events.csv
    """
    from detente.api import Detente
    from detente.store import event_dict

    api = Detente(db)
    try:
        rows = [
            event_dict(r)
            for r in api.events(
                source=source,
                target=target,
                since=since,
                until=until,
                limit=limit,
                min_mentions=min_mentions,
                origin=origin,
                include_historical=not no_historical,
            )
        ]
    except DetenteError as e:
        raise click.ClickException(str(e)) from e
    if fmt == "jsonl":
        for r in rows:
            if with_mentions:
                r["mentions"] = [_mention_json(m) for m in api.mentions(r["id"])]
            sys.stdout.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
    elif fmt == "csv":
        w = csv.DictWriter(sys.stdout, fieldnames=EVENT_COLUMNS)
        w.writeheader()
        for r in rows:
            w.writerow(_flat(r))
    else:
        Console().print(_events_table(rows))


def _events_table(rows: list[dict[str, Any]]) -> Table:
    """A compact table that stays readable in an 80-column terminal."""
    table = Table(title=f"{len(rows)} events", box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("date", no_wrap=True)
    table.add_column("source", no_wrap=True)
    table.add_column("cameo", no_wrap=True)
    table.add_column("target", no_wrap=True)
    table.add_column("where", overflow="ellipsis", max_width=14)
    table.add_column("how", overflow="ellipsis", max_width=12)
    table.add_column("trigger", overflow="ellipsis", max_width=16)
    table.add_column("n", justify="right", no_wrap=True)
    for r in rows:
        f = _flat(r)
        table.add_row(
            *(
                Text(str(v))
                for v in (
                    f["date"],
                    f["source"],
                    f["cameo"],
                    f["target"],
                    f["location"],
                    f["modality"].replace("asserted", "").strip() or "·",
                    f["trigger"],
                    f["mentions"],
                )
            )
        )
    return table


@main.command("show")
@click.argument("article_id")
@db_option
def show_cmd(article_id: str, db: str | None) -> None:
    """Show a stored article with its actors and event triggers highlighted, and its events.

    ARTICLE_ID is the article's id (or its first characters) or the doc_id it was given.

    \b
    Example:
      detente show 3f2a9c
    """
    from detente.api import Detente
    from detente.store import event_dict

    api = Detente(db)
    try:
        art = api.article(article_id)
    except DetenteError as e:
        raise click.ClickException(str(e)) from e
    if art is None:
        raise click.ClickException(f"no stored article {article_id!r} (see `detente events` for ids)")
    con = Console()
    con.print(Text(art["title"] or "(no title)", style="bold"))
    meta = " · ".join(str(x) for x in (art["date"], art["publisher"], art["url"], art["id"]) if x)
    con.print(Text(meta, style="dim"))
    events = [event_dict(r) for r in art["events"]]
    by_sentence: dict[int, list[tuple[int, int, str]]] = {}
    for m in art["mentions"]:
        by_sentence.setdefault(m["sentence_idx"], []).append((m["start"], m["end"], "bold cyan"))
    for ev in events:
        trig = ev["evidence"]["trigger"]
        by_sentence.setdefault(ev["sentence_index"], []).append(
            (trig["start"], trig["end"], "bold black on yellow")
        )
    paragraph = -1
    line = Text()
    body = art.get("text") or ""
    end = None
    for s in art["sentences"]:
        if s["paragraph"] != paragraph and paragraph != -1:
            con.print(line)
            con.print()
            line = Text()
        elif end is not None:
            # the article's own spacing between sentences ("[" and "bold red]" may be two sentences)
            gap = body[end : s["start"]] if end <= s["start"] <= len(body) else " "
            line.append(gap if gap.strip() == "" and "\n" not in gap else " ")
        paragraph = s["paragraph"]
        end = s["start"] + len(s["text"])
        t = Text(s["text"])  # plain text: article content is never parsed as markup
        for start, end, style in by_sentence.get(s["idx"], []):
            t.stylize(style, start, end)
        line.append_text(t)
    con.print(line)
    con.print()
    table = Table(title=f"{len(events)} events", show_lines=False)
    for col in ("sentence", "source", "cameo", "target", "date", "location", "modality", "rule"):
        table.add_column(col, overflow="fold")
    for ev in sorted(events, key=lambda e: (e["sentence_index"], e["id"])):
        flat = _flat(ev)
        table.add_row(
            *(
                Text(str(v))
                for v in (
                    ev["sentence_index"],
                    flat["source"],
                    ev["cameo"],
                    flat["target"],
                    flat["date"],
                    flat["location"],
                    flat["modality"],
                    ev["evidence"]["rule"],
                )
            )
        )
    con.print(table)


def _mention_json(m: dict[str, Any]) -> dict[str, Any]:
    """A mention as `detente events --mentions` prints it: where it was read, and why."""
    keep = ("id", "article_id", "doc_id", "sentence_idx", "sentence", "date", "modality", "confidence")
    keep += ("rule",)
    out: dict[str, Any] = {k: m[k] for k in keep}
    for side in ("source", "target", "trigger"):
        if m[f"{side}_text"] is not None:
            out[side] = {"text": m[f"{side}_text"], "start": m[f"{side}_start"], "end": m[f"{side}_end"]}
    out["copies"] = [{k: c[k] for k in ("doc_id", "url", "publisher", "date", "origin")} for c in m["copies"]]
    return out


@main.command("export")
@click.option(
    "--format", "fmt", type=click.Choice(["gdelt", "icews", "plover", "csv", "parquet"]), required=True
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Output file (default: stdout).")
@click.option("--source", metavar="CODE", help="Source actor code or country.")
@click.option("--target", metavar="CODE", help="Target actor code or country.")
@click.option("--since", callback=parse_date, metavar="YYYY-MM-DD", help="Events on or after this date.")
@click.option("--until", callback=parse_date, metavar="YYYY-MM-DD", help="Events on or before this date.")
@click.option("--no-historical", is_flag=True, help="Leave out background events about the past.")
@click.option("--min-mentions", type=int, default=None, help="Only events mentioned at least this often.")
@click.option("--origin", type=click.Choice(ORIGINS), help="Only events of this origin.")
@db_option
def export_cmd(
    fmt: str,
    output: str | None,
    source: str | None,
    target: str | None,
    since: dt.date | None,
    until: dt.date | None,
    no_historical: bool,
    min_mentions: int | None,
    origin: str | None,
    db: str | None,
) -> None:
    """Export merged events as a GDELT 2.0 event table, ICEWS, PLOVER JSON lines, CSV or Parquet.

    Events imported from a GDELT or ICEWS file are written back in that format exactly as they
    were read. Column mappings: docs/formats.md.

    \b
    Examples:
      detente export --format gdelt -o events.tsv
      detente export --format plover --source RUS --since 2023-01-01 > rus.jsonl
      detente export --format parquet -o events.parquet
    """
    from detente.api import Detente

    api = Detente(db)
    t0 = time.perf_counter()
    with _progress(err.is_terminal, unit="events", counts=False) as progress:
        task = progress.add_task("exporting", total=None)
        try:
            n = api.export(
                fmt,
                output,
                source=source,
                target=target,
                since=since,
                until=until,
                min_mentions=min_mentions,
                origin=origin,
                include_historical=not no_historical,
                progress=lambda done: progress.update(task, completed=done),
            )
        except DetenteError as e:
            raise click.ClickException(str(e)) from e
    err.print(
        f"exported {n} events as {fmt}" + (f" to {output}" if output else "") + f"; {_elapsed(t0)}",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )


@main.command("import")
@click.argument("fmt", type=click.Choice(["gdelt", "icews"]), metavar="gdelt|icews")
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False), metavar="FILE..."
)
@db_option
def import_cmd(fmt: str, files: tuple[str, ...], db: str | None) -> None:
    """Import GDELT 2.0 event files or ICEWS event files into the store.

    Files may be plain, .gz or .zip. Rows are streamed in batches, so memory stays small for
    files of millions of rows; an event already imported (same event id) is skipped, so an
    interrupted import can be run again. Unreadable lines are reported and skipped (exit status 1).

    \b
    Examples:
      detente import gdelt 20240101*.export.CSV.zip
      detente import icews events.2015.20180710092545.tab
    """
    from detente.api import Detente

    api = Detente(db)
    t0 = time.perf_counter()
    with _progress(err.is_terminal, unit="rows", counts=False) as progress:
        task = progress.add_task("importing", total=None)
        try:
            summary = api.import_files(fmt, files, progress=lambda n: progress.update(task, completed=n))
        except DetenteError as e:
            raise click.ClickException(str(e)) from e
    for bad in summary.examples:
        click.secho(f"error: {bad}", err=True, fg="red")
    if summary.bad > len(summary.examples):
        more = summary.bad - len(summary.examples)
        click.secho(f"error: {more} more unreadable lines", err=True, fg="red")
    err.print(
        f"imported {summary.new} events from {summary.files} files; {summary.duplicates} already stored; "
        f"{summary.bad} unreadable lines; {_elapsed(t0)}  [{api.store.url}]",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )
    if summary.bad:
        sys.exit(EXIT_SOME_FAILED)


def _register() -> None:
    from detente.analysis.command import COMMANDS as ANALYSIS_COMMANDS
    from detente.evaluate.command import evaluate_cmd
    from detente.learn.command import train_cmd
    from detente.sources.command import watch_cmd
    from detente.web.command import COMMANDS as WEB_COMMANDS

    main.add_command(evaluate_cmd)
    main.add_command(train_cmd)
    main.add_command(watch_cmd)
    for command in [*ANALYSIS_COMMANDS, *WEB_COMMANDS]:
        main.add_command(command)


_register()

if __name__ == "__main__":  # pragma: no cover
    main()
