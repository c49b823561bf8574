"""The formats analysts use: export merged events, import the incumbents' event files.

Export: GDELT 2.0 event table, ICEWS, PLOVER/POLECAT JSON lines, CSV, Parquet.
Import: GDELT 2.0 and ICEWS files, streamed into the same store with bounded memory.
Column mappings: docs/formats.md.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any

from detente.errors import DetenteError
from detente.formats import gdelt, icews, plover, table
from detente.formats.common import BadLine

if TYPE_CHECKING:
    from detente.store import Store

EXPORT_FORMATS = ("gdelt", "icews", "plover", "csv", "parquet")
IMPORT_FORMATS = ("gdelt", "icews")
MAX_REPORTED = 20  # bad lines kept for the report; the rest are only counted
_PLOVER_BATCH = 500

__all__ = ["EXPORT_FORMATS", "IMPORT_FORMATS", "BadLine", "ImportSummary", "export_events", "import_files"]


class FormatError(DetenteError):
    code = "E501"


@dataclass
class ImportSummary:
    files: int = 0
    rows: int = 0  # good rows read
    new: int = 0  # stored now
    duplicates: int = 0  # already in the store (same origin and event id)
    bad: int = 0  # lines that could not be read
    examples: list[BadLine] = field(default_factory=list)  # the first MAX_REPORTED bad lines


def import_files(
    store: Store,
    fmt: str,
    paths: Iterable[str | os.PathLike[str]],
    *,
    progress: Callable[[int], None] | None = None,
) -> ImportSummary:
    """Stream GDELT or ICEWS files into the store; bad lines are counted and skipped."""
    readers = {"gdelt": gdelt.read, "icews": icews.read}
    if fmt not in readers:
        raise FormatError(f"cannot import {fmt!r}; importable formats: {', '.join(IMPORT_FORMATS)}")
    summary = ImportSummary()

    def rows() -> Iterator[dict[str, Any]]:
        for path in paths:
            if not os.path.isfile(path):
                raise FormatError(f"{os.fspath(path)}: no such file")
            summary.files += 1
            for item in readers[fmt](path):
                if isinstance(item, BadLine):
                    summary.bad += 1
                    if len(summary.examples) < MAX_REPORTED:
                        summary.examples.append(item)
                    continue
                summary.rows += 1
                if progress and summary.rows % 10_000 == 0:
                    progress(summary.rows)
                yield item

    summary.new, summary.duplicates = store.import_events(prefetched(rows()))
    if progress:
        progress(summary.rows)
    return summary


def prefetched(items: Iterator[Any], chunk: int = 2000, depth: int = 4) -> Iterator[Any]:
    """Run a generator in a background thread, handing over chunks of its items.

    Reading and parsing a file then overlaps the database's work on the previous rows: the
    sqlite3 and psycopg drivers release the GIL while the database works. At most `depth`
    chunks wait, so memory stays bounded. An error in the generator is raised here.
    """
    handoff: queue.Queue[Any] = queue.Queue(maxsize=depth)
    done, stop = object(), threading.Event()

    def work() -> None:
        try:
            buffer: list[Any] = []
            for item in items:
                if stop.is_set():
                    return
                buffer.append(item)
                if len(buffer) >= chunk:
                    handoff.put(buffer)
                    buffer = []
            handoff.put(buffer)
            handoff.put(done)
        except BaseException as exc:  # handed to the consumer, which raises it
            handoff.put(exc)

    worker = threading.Thread(target=work, name="detente-import-reader", daemon=True)
    worker.start()
    try:
        while (got := handoff.get()) is not done:
            if isinstance(got, BaseException):
                raise got
            yield from got
    finally:
        stop.set()
        while worker.is_alive():  # unblock a worker waiting to hand over a chunk
            with contextlib.suppress(queue.Empty):
                handoff.get(timeout=0.05)
        worker.join()


def export_events(
    store: Store,
    fmt: str,
    out: str | os.PathLike[str] | IO[str] | None = None,
    *,
    progress: Callable[[int], None] | None = None,
    **filters: Any,
) -> int:
    """Write the store's merged events (filtered as `Store.events`) in a format; the number written.

    `out` is a path, an open text stream, or None for standard output; Parquet needs a path.
    `progress` is called with the number of rows read so far, every PROGRESS_EVERY rows.
    """
    if fmt not in EXPORT_FORMATS:
        raise FormatError(f"cannot export {fmt!r}; formats: {', '.join(EXPORT_FORMATS)}")
    rows = store.export_rows(**filters)
    if progress is not None:
        rows = _counting(rows, progress)
    if fmt == "parquet":
        if out is None or hasattr(out, "write"):
            raise FormatError("Parquet is binary: give an output file (-o events.parquet)")
        return table.write_parquet(rows, os.fspath(out))  # type: ignore[arg-type]
    if out is None or hasattr(out, "write"):
        return _write_text(store, fmt, rows, out or sys.stdout)  # type: ignore[arg-type]
    with open(out, "w", encoding="utf-8", newline="") as stream:  # type: ignore[arg-type]
        return _write_text(store, fmt, rows, stream)


PROGRESS_EVERY = 1000


def _counting(rows: Iterator[dict[str, Any]], progress: Callable[[int], None]) -> Iterator[dict[str, Any]]:
    n = 0
    for n, row in enumerate(rows, 1):
        yield row
        if n % PROGRESS_EVERY == 0:
            progress(n)
    progress(n)


def _write_text(store: Store, fmt: str, rows: Iterator[dict[str, Any]], out: IO[str]) -> int:
    if fmt == "csv":
        return table.write_csv(rows, out)
    if fmt == "plover":
        return _write_plover(store, rows, out)
    n = 0
    if fmt == "icews":
        out.write(icews.HEADER + "\n")
    to_line = gdelt.to_line if fmt == "gdelt" else icews.to_line
    for row in rows:
        out.write(to_line(row) + "\n")
        n += 1
    return n


def _write_plover(store: Store, rows: Iterator[dict[str, Any]], out: IO[str]) -> int:
    n = 0
    batch: list[dict[str, Any]] = []

    def flush() -> None:
        sources = store.sources([r["id"] for r in batch if r["origin"] == "detente"])
        for r in batch:
            out.write(json.dumps(plover.to_dict(r, sources.get(r["id"], [])), ensure_ascii=False) + "\n")

    for row in rows:
        batch.append(row)
        n += 1
        if len(batch) >= _PLOVER_BATCH:
            flush()
            batch = []
    if batch:
        flush()
    return n
