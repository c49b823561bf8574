"""Sources: where articles come from besides files, each kind in its own module.

- `http`: the polite fetcher every network source shares (rate limit, robots, timeouts, sizes,
  conditional requests, retries);
- `feeds`, `sitemaps`: RSS/Atom feeds and XML sitemaps to `Item`s (`items`);
- `pages`: fetched pages to Articles through the HTML ingest; URLs as `detente ingest` reads them;
- `warc`: WARC files to Articles, streamed;
- `state`, `watch`: `detente watch`, incremental polling with its state in the store.

Files, directories and JSONL stay in `detente.ingest`. Like the ingest readers, every reader
here yields `Article | InputError`: one bad document or address is one error, the rest goes on.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

from detente.errors import InputError
from detente.records import Article
from detente.sources.http import Fetcher, FetchSettings

__all__ = ["FetchSettings", "Sources", "is_url", "source_kind"]


def is_url(item: str) -> bool:
    return item.startswith(("http://", "https://"))


def source_kind(item: str | os.PathLike[str]) -> str | None:
    """'url' or 'warc' for inputs read here; None for what `detente.ingest` reads."""
    text = str(item)
    if is_url(text):
        return "url"
    from detente.sources.warc import is_warc

    path = Path(text)
    if path.is_file() and is_warc(path):
        return "warc"
    return None


class Sources:
    """Reads URLs and WARC files for `read_inputs`, sharing one polite fetcher between URLs."""

    def __init__(self, *, max_bytes: int, date: dt.date | None = None, fetch: FetchSettings | None = None):
        self.max_bytes = max_bytes
        self.date = date
        self.fetch = fetch
        self._fetcher: Fetcher | None = None

    def reads(self, item: str | os.PathLike[str]) -> bool:
        return source_kind(item) is not None

    def read(self, item: str | os.PathLike[str]) -> Iterator[Article | InputError]:
        """Articles (or one error per bad document) from a URL or a WARC file."""
        kind = source_kind(item)
        if kind == "url":
            from detente.sources.pages import read_url

            if self._fetcher is None:
                self._fetcher = Fetcher(self.fetch)
            yield from read_url(str(item), self._fetcher, date=self.date, max_bytes=self.max_bytes)
        elif kind == "warc":
            from detente.sources.warc import read_warc

            yield from read_warc(item, max_bytes=self.max_bytes, date=self.date)
        else:
            raise ValueError(f"{item} is neither a URL nor a WARC file")

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()
            self._fetcher = None

    def __enter__(self) -> Sources:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
