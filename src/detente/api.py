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
from typing import IO, Any

from detente.errors import InputError
from detente.ingest import DEFAULT_MAX_BYTES, read_jsonl_stream, read_paths
from detente.pipeline import Options, Pipeline
from detente.records import Article, CodedArticle
from detente.store import Store

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
    """Articles (or one error per bad document) from paths; "-" means JSONL on standard input."""
    paths: list[str | os.PathLike[str]] = []
    for item in inputs:
        if str(item) == "-":
            if paths:
                yield from read_paths(paths, max_bytes=max_bytes, date=date)
                paths = []
            import sys

            yield from read_jsonl_stream(stdin or sys.stdin, origin="stdin", max_bytes=max_bytes, date=date)
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
        """Code a stream of articles, passing errors through in order."""
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
        summary = IngestSummary()

        def fresh() -> Iterator[Article | InputError]:
            for item in read_inputs(inputs, date=date, max_bytes=max_bytes):
                if isinstance(item, Article) and self.store.has_article(item.id):
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
