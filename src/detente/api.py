"""The library API: what the CLI, the web API and workers call.

from detente.api import Detente
dt = Detente()                                   # detente.db, or DETENTE_DB
for item in dt.code(["article.html"]):           # pure: nothing is stored
    ...
summary = dt.ingest(["news/"])                   # parse, code and store
rows = list(dt.events(source="RUS", target="AFG"))
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import IO, TYPE_CHECKING, Any

from detente.errors import InputError
from detente.ingest import DEFAULT_MAX_BYTES, read_jsonl_stream, read_paths
from detente.pipeline import Options, Pipeline
from detente.records import Article, CodedArticle
from detente.store import RebuildSummary, Store

if TYPE_CHECKING:
    from detente.formats import ImportSummary

Progress = Callable[[str, int], None]  # (what happened: "stored" | "skipped" | "failed", events)


@dataclass
class IngestSummary:
    articles: int = 0  # newly stored
    skipped: int = 0  # already in the store (same content hash)
    events: int = 0
    errors: list[InputError] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.errors)


def read_inputs(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    date: dt.date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: IO[str] | None = None,
) -> Iterator[Article | InputError]:
    """Articles (or one error per bad document) from paths; "-" means JSONL on standard input;
    http(s) URLs of pages, feeds and sitemaps and WARC files are read by `detente.sources`."""
    from detente.sources import Sources

    paths: list[str | os.PathLike[str]] = []
    with Sources(max_bytes=max_bytes, date=date) as sources:  # one polite fetcher for all URLs
        for item in inputs:
            if sources.reads(item):
                if paths:
                    yield from read_paths(paths, max_bytes=max_bytes, date=date)
                    paths = []
                yield from sources.read(item)
            elif str(item) == "-":
                if paths:
                    yield from read_paths(paths, max_bytes=max_bytes, date=date)
                    paths = []
                import sys

                yield from read_jsonl_stream(
                    stdin or sys.stdin, origin="stdin", max_bytes=max_bytes, date=date
                )
            else:
                paths.append(item)
        if paths:
            yield from read_paths(paths, max_bytes=max_bytes, date=date)


class Detente:
    def __init__(self, db: str | os.PathLike[str] | None = None, options: Options | None = None) -> None:
        self._db = db
        self.options = options or Options()

    @cached_property
    def pipeline(self) -> Pipeline:
        return Pipeline(self.options)

    @cached_property
    def store(self) -> Store:
        return Store(self._db)

    def code(
        self,
        inputs: Iterable[str | os.PathLike[str]],
        *,
        date: dt.date | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> Iterator[CodedArticle | InputError]:
        """Code documents without storing anything; bad documents come back as InputError."""
        yield from self.code_articles(read_inputs(inputs, date=date, max_bytes=max_bytes))

    def code_articles(self, items: Iterable[Article | InputError]) -> Iterator[CodedArticle | InputError]:
        """Code a stream of articles, passing errors through in order (on `options.workers`
        processes when more than one; the results are the same, in the same order)."""
        if self.options.workers > 1:
            from detente.parallel import code_in_processes

            yield from code_in_processes(items, self.options, self.options.workers)
            return
        pending: list[Article] = []
        for item in items:
            if isinstance(item, InputError):
                yield from self.pipeline.code_articles(pending)
                pending = []
                yield item
                continue
            pending.append(item)
            if len(pending) >= self.options.batch_size:
                yield from self.pipeline.code_articles(pending)
                pending = []
        yield from self.pipeline.code_articles(pending)

    def code_text(self, text: str, *, date: dt.date | None = None, title: str | None = None) -> CodedArticle:
        from detente.ingest import article_from_text

        art = article_from_text(text, origin="text", date=date)
        if title:
            art = Article.create(art.text, title, date=art.date, origin="text")
        return self.pipeline.code_article(art)

    def ingest(
        self,
        inputs: Iterable[str | os.PathLike[str]],
        *,
        date: dt.date | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
        progress: Progress | None = None,
    ) -> IngestSummary:
        """Code and store documents. Idempotent: articles already stored are skipped, not recoded."""
        return self.ingest_articles(read_inputs(inputs, date=date, max_bytes=max_bytes), progress=progress)

    def ingest_articles(
        self, items: Iterable[Article | InputError], *, progress: Progress | None = None
    ) -> IngestSummary:
        """Code and store articles read elsewhere (the web API's uploads and pages), as `ingest`."""
        summary = IngestSummary()

        def fresh() -> Iterator[Article | InputError]:
            for item in items:
                if isinstance(item, Article) and self.store.has_article(item.id):
                    self.store.add_copy(item)  # the same text from another document: one more copy
                    summary.skipped += 1
                    if progress:
                        progress("skipped", 0)
                    continue
                yield item

        for item in self.code_articles(fresh()):
            if isinstance(item, InputError):
                summary.errors.append(item)
                if progress:
                    progress("failed", 0)
                continue
            result = self.store.add(item)
            if result.stored:
                summary.articles += 1
                summary.events += result.events
                if progress:
                    progress("stored", result.events)
            else:
                summary.skipped += 1
                if progress:
                    progress("skipped", 0)
        return summary

    def events(self, **filters: Any) -> Iterator[dict[str, Any]]:
        return self.store.events(**filters)

    def article(self, article_id: str) -> dict[str, Any] | None:
        art = self.store.article(article_id)
        if art is not None:
            art["events"] = list(self.store.events(article_id=art["id"]))
        return art

    # --- store: merged events, formats, rebuild (docs/store.md, docs/formats.md) ---------------------
    def mentions(self, event_id: int) -> list[dict[str, Any]]:
        """Every mention of a merged event: article, sentence, spans, evidence and copies."""
        return self.store.mentions(event_id)

    def rebuild(
        self, *, story_threshold: float | None = None, window_days: int | None = None
    ) -> RebuildSummary:
        """Recompute story clusters and merged events from the stored mentions with new settings."""
        return self.store.rebuild(story_threshold=story_threshold, window_days=window_days)

    def export(self, fmt: str, out: str | os.PathLike[str] | IO[str] | None = None, **filters: Any) -> int:
        """Write merged events as gdelt, icews, plover, csv or parquet; returns how many."""
        from detente.formats import export_events

        return export_events(self.store, fmt, out, **filters)

    def import_files(
        self, fmt: str, paths: Iterable[str | os.PathLike[str]], progress: Callable[[int], None] | None = None
    ) -> ImportSummary:
        """Stream GDELT 2.0 or ICEWS event files into the store (idempotent by event id)."""
        from detente.formats import import_files

        return import_files(self.store, fmt, paths, progress=progress)
