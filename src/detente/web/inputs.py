"""Documents that arrive over HTTP (pasted text, uploaded files, fetched pages) as Articles.

The same readers as files on disk (detente.ingest), chosen by the upload's name or content
type; a bad document becomes an InputError naming it, and the other documents go on.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import PurePosixPath

from detente.errors import InputError
from detente.ingest import DEFAULT_MAX_BYTES, article_from_html, article_from_text, read_jsonl_stream
from detente.ingest.decode import check_size, decode_bytes
from detente.ingest.html import looks_like_html
from detente.records import Article

JSONL_SUFFIXES = (".jsonl", ".ndjson")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")


def from_text(
    text: str, *, origin: str = "text", date: dt.date | None = None, title: str | None = None
) -> Article:
    """An Article from pasted text (HTML is read as a page); InputError when nothing is left."""
    check_size(len(text.encode("utf-8", "surrogatepass")), DEFAULT_MAX_BYTES, origin)
    if looks_like_html(text):
        art = article_from_html(text, origin=origin, date=date)
        return Article.create(art.text, title, date=art.date, origin=origin, url=art.url) if title else art
    return article_from_text(text, origin=origin, date=date, title=title)


def from_bytes(
    data: bytes,
    *,
    name: str,
    content_type: str = "",
    date: dt.date | None = None,
    url: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Article | InputError]:
    """What an uploaded file or a fetched page holds: one Article or error, or one per JSONL line."""
    suffix = PurePosixPath(name).suffix.lower()
    kind = content_type.split(";", 1)[0].strip().lower()
    try:
        if suffix in JSONL_SUFFIXES or kind in ("application/x-ndjson", "application/jsonl"):
            yield from read_jsonl_stream(io.BytesIO(data), origin=name, max_bytes=max_bytes, date=date)
            return
        check_size(len(data), max_bytes, name)
        if suffix in HTML_SUFFIXES or kind in ("text/html", "application/xhtml+xml"):
            yield article_from_html(data, origin=name, date=date, url=url, max_bytes=max_bytes)
            return
        text = decode_bytes(data, document=name, max_bytes=max_bytes)
        if looks_like_html(text):
            yield article_from_html(data, origin=name, date=date, url=url, max_bytes=max_bytes)
        else:
            yield article_from_text(text, origin=name, date=date, url=url, markdown=suffix == ".md")
    except InputError as exc:
        yield exc
