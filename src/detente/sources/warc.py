"""WARC files (as in Common Crawl News) to Articles, streamed with warcio.

Each `response` (or `resource`) record whose payload is HTML or plain text becomes an Article
through the ordinary HTML ingest, with the record's target URI as its URL and its WARC-Date as
the publication date when the page gives none. Requests, metadata, images, JSON and non-2xx
responses are passed over silently; a record that cannot be read is one `bad-record` error
naming the file and the record's byte offset, and reading resumes at the next record (the next
gzip member, or the next "WARC/1." line). Only one record's payload (at most `max_bytes`) is in
memory at a time, so a file of any size streams in bounded memory.
"""

from __future__ import annotations

import datetime as dt
import gzip
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator

from detente.errors import InputError
from detente.ingest import article_from_html, article_from_text
from detente.ingest.decode import check_size, decode_bytes, human_size
from detente.ingest.html import looks_like_html
from detente.records import Article

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
KNOWN_TYPES = frozenset(
    {"warcinfo", "response", "resource", "request", "metadata", "revisit", "conversion", "continuation"}
)
TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
SCAN_CHUNK = 1 << 16
MANDATORY = ("WARC-Record-ID", "WARC-Date", "WARC-Type", "Content-Length")


def is_warc(path: str | Path) -> bool:
    """A WARC file, by its name or by its first bytes (plain or gzipped)."""
    p = Path(path)
    if p.name.lower().endswith(WARC_SUFFIXES):
        return True
    try:
        with p.open("rb") as f:
            head = f.read(512)
            if head.startswith(b"\x1f\x8b"):
                f.seek(0)
                with gzip.open(f) as inner:
                    head = inner.read(16)
    except (OSError, EOFError, gzip.BadGzipFile):
        return False
    return head.startswith((b"WARC/1.", b"WARC/0."))


def _record_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
    except ValueError:
        return None


def _content_type(record: Any) -> str:
    if record.http_headers is not None:
        return (record.http_headers.get_header("Content-Type") or "").lower()
    return (record.rec_headers.get_header("Content-Type") or "").lower()


def _article(record: Any, document: str, *, date: dt.date | None, max_bytes: int) -> Article | None:
    """The record's article, None for records that are not pages; raises InputError."""
    rtype = record.rec_type
    if rtype not in KNOWN_TYPES:  # a garbled header: its lengths cannot be trusted either
        raise _Broken(f"unknown record type {_printable(rtype)!r}")
    _check_header(record.rec_headers.headers)
    if rtype not in ("response", "resource"):
        return None
    if record.http_headers is not None and rtype == "response":
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            return None
    ctype = _content_type(record)
    if not ctype.startswith(TEXT_TYPES):
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    own_date = _record_date(record.rec_headers.get_header("WARC-Date"))
    declared = record.rec_headers.get_header("Content-Length") or ""
    if declared.isdigit():  # the whole block, HTTP headers included: a bound, checked again below
        check_size(
            int(declared) - len(record.http_headers.to_bytes() if record.http_headers else b""),
            max_bytes,
            document,
        )
    payload = record.content_stream().read(max_bytes + 1)
    if len(payload) > max_bytes:
        raise InputError(document, "too-large", f"over {human_size(max_bytes)}, the limit")
    if ctype.startswith("text/plain"):
        text = decode_bytes(payload, document=document, max_bytes=max_bytes)
        if not looks_like_html(text):
            return article_from_text(text, origin=document, date=own_date or date, url=url)
    # the page's own date wins; then the crawl's (news crawls fetch pages as they appear); then --date
    return article_from_html(payload, origin=document, date=own_date or date, url=url, max_bytes=max_bytes)


class _Records(ArchiveIterator):  # type: ignore[misc]
    """warcio's iterator without its multi-line stderr warning: bad records are reported here."""

    INC_RECORD = ""


class _Broken(Exception):
    """A record whose header is garbled: read again from the next boundary after its start."""


def _printable(text: str, limit: int = 80) -> str:
    return "".join(c if c.isprintable() else "?" for c in text[:limit])


def _check_header(headers: list[tuple[str, str]]) -> None:
    """Refuse a header that swallowed junk or another record's header (its length is not its own)."""
    seen: dict[str, int] = {}
    for name, value in headers:
        if any((ord(c) < 32 and c != "\t") or ord(c) == 127 for c in name + value):
            raise _Broken(f"control characters in its {_printable(name, 40)} header")
        seen[name.lower()] = seen.get(name.lower(), 0) + 1
    for name in MANDATORY:
        if seen.get(name.lower(), 0) != 1:
            raise _Broken(f"{name} appears {seen.get(name.lower(), 0)} times in its header")


def _resync(stream: IO[bytes], start: int, gzipped: bool) -> int | None:
    """Offset of the next record boundary at or after `start`, None at the end of the file."""
    marker = b"\x1f\x8b\x08" if gzipped else b"WARC/1."
    pos = start
    tail = b""
    while True:
        stream.seek(pos)
        chunk = stream.read(SCAN_CHUNK)
        if not chunk:
            return None
        buf = tail + chunk
        found = buf.find(marker)
        if found >= 0:
            return pos - len(tail) + found
        tail = buf[-(len(marker) - 1) :]
        pos += len(chunk)


def read_warc(
    path: str | Path, *, max_bytes: int, date: dt.date | None = None
) -> Iterator[Article | InputError]:
    """Yield an Article per HTML/text response record and an InputError per unreadable record."""
    path = Path(path)
    try:
        stream = path.open("rb")
    except OSError as e:
        kind = "not-found" if isinstance(e, FileNotFoundError) else "unreadable"
        yield InputError(str(path), kind, e.strerror or str(e))
        return
    with stream:
        gzipped = stream.read(2) == b"\x1f\x8b"
        base = 0  # where this pass of warcio starts: 0, then after each unreadable record
        while True:
            stream.seek(base)
            records = _Records(stream, arc2warc=True)
            good_end = base  # end of the last record read whole in this pass
            try:
                for record in records:
                    document = f"{path}@{records.offset}"  # the record's byte offset in the file
                    try:
                        art = _article(record, document, date=date, max_bytes=max_bytes)
                    except InputError as e:
                        yield e
                    else:
                        if art is not None:
                            yield art
                    good_end = records.get_record_offset() + records.get_record_length()
                return
            except Exception as e:  # warcio raises several kinds on broken input
                if good_end > base:  # start a new pass at the broken record, to name it exactly
                    resume = _resync(stream, good_end, gzipped)
                    if resume is not None and resume > base:
                        base = resume
                        continue
                why = str(e) if isinstance(e, _Broken) else f"{type(e).__name__}: {e}"
                yield InputError(f"{path}@{base}", "bad-record", _printable(why, 160))
                resume = _resync(stream, base + 1, gzipped)
                if resume is None:
                    return
                base = resume
