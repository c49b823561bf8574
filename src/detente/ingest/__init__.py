"""Ingest: files, directories and JSONL streams in, `Article` records out.

Every reader yields `Article | InputError`: one bad document is one error, and the
rest of the batch goes on. Which reader reads a file follows from its extension; a
file named explicitly with another extension is sniffed (JSONL, HTML, else text).

    for item in read_paths(["news/", "page.html"], date=dt.date(2023, 9, 30)):
        if isinstance(item, InputError): print(item)
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from detente.errors import InputError
from detente.ingest.boilerplate import split_boilerplate
from detente.ingest.decode import DEFAULT_MAX_BYTES, check_size, decode_bytes
from detente.ingest.html import article_from_html, looks_like_html
from detente.ingest.jsonl import read_jsonl_stream
from detente.ingest.text import article_from_text
from detente.records import Article

__all__ = [
    "DEFAULT_MAX_BYTES",
    "EXTENSIONS",
    "article_from_html",
    "article_from_text",
    "read_file",
    "read_jsonl_stream",
    "read_paths",
    "split_boilerplate",
]

TEXT_EXTENSIONS = frozenset({".txt", ".text", ".md"})
HTML_EXTENSIONS = frozenset({".html", ".htm", ".xhtml"})
JSONL_EXTENSIONS = frozenset({".jsonl", ".ndjson"})
EXTENSIONS = TEXT_EXTENSIONS | HTML_EXTENSIONS | JSONL_EXTENSIONS


def _walk(directory: Path) -> list[Path]:
    """Readable files under a directory, sorted by path; hidden files and folders are skipped."""
    found = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(
            Path(root) / f for f in files if not f.startswith(".") and Path(f).suffix.lower() in EXTENSIONS
        )
    return sorted(found, key=lambda p: p.parts)


def _sniff_jsonl(data: bytes) -> bool:
    """Does the first non-blank line parse as a JSON object?"""
    for line in data.splitlines():
        if line.strip():
            try:
                return isinstance(json.loads(line.removeprefix(b"\xef\xbb\xbf")), dict)
            except (json.JSONDecodeError, UnicodeDecodeError):
                return False
    return False


def read_file(
    path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES, date: dt.date | None = None
) -> Iterator[Article | InputError]:
    """Yield what one file holds: one Article or error, or one per line of a JSONL file."""
    path = Path(path)
    origin = str(path)
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL_EXTENSIONS:
            with path.open("rb") as stream:
                yield from read_jsonl_stream(stream, origin=origin, max_bytes=max_bytes, date=date)
            return
        check_size(path.stat().st_size, max_bytes, origin)
        data = path.read_bytes()
    except InputError as e:
        yield e
        return
    except OSError as e:
        yield InputError(
            origin, "not-found" if isinstance(e, FileNotFoundError) else "unreadable", e.strerror or str(e)
        )
        return

    try:
        if suffix in HTML_EXTENSIONS:
            yield article_from_html(data, origin=origin, date=date, max_bytes=max_bytes)
            return
        if suffix not in TEXT_EXTENSIONS and _sniff_jsonl(data):
            yield from read_jsonl_stream(io.BytesIO(data), origin=origin, max_bytes=max_bytes, date=date)
            return
        text = decode_bytes(data, document=origin, max_bytes=max_bytes)
        if looks_like_html(text):
            yield article_from_html(data, origin=origin, date=date, max_bytes=max_bytes)
        else:
            yield article_from_text(text, origin=origin, date=date, markdown=suffix == ".md")
    except InputError as e:
        yield e


def read_paths(
    paths: Iterable[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES, date: dt.date | None = None
) -> Iterator[Article | InputError]:
    """Yield an Article or InputError for every document in the files and directories given.

    Directories are read recursively in sorted order, taking only the known extensions
    (EXTENSIONS); a file named explicitly is read whatever its extension. `date` is the
    publication date of documents that carry none of their own.
    """
    for given in paths:
        path = Path(given)
        if path.is_dir():
            try:
                files = _walk(path)
            except OSError as e:
                yield InputError(str(path), "unreadable", e.strerror or str(e))
                continue
            for f in files:
                yield from read_file(f, max_bytes=max_bytes, date=date)
        elif path.exists():
            yield from read_file(path, max_bytes=max_bytes, date=date)
        else:
            yield InputError(str(path), "not-found")
