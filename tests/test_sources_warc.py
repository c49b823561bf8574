"""WARC input: files written here with warcio (pages, a request, an image, a corrupt record)."""

from __future__ import annotations

import datetime as dt
import io
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from detente.cli import main
from detente.errors import InputError
from detente.records import Article
from detente.sources.warc import is_warc, read_warc
from feedsite import page, story

CRAWLED = "2024-04-30T12:00:00Z"


def _record(writer: WARCWriter, kind: str, url: str, body: bytes, ctype: str, status: str = "200 OK") -> None:
    http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
    if kind == "request":
        http = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.test")], is_http_request=True)
    record = writer.create_warc_record(
        url, kind, payload=io.BytesIO(body), http_headers=http, warc_headers_dict={"WARC-Date": CRAWLED}
    )
    writer.write_record(record)


def write_warc(path: Path, *, gzip: bool, big: bool = False) -> None:
    """request, page 1, an image, a corrupt record, a 404 page, page 2 (and a big page)."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzip)
    _record(writer, "request", "http://news.test/a1.html", b"", "")
    _record(writer, "response", "http://news.test/a1.html", page(1), "text/html; charset=utf-8")
    _record(writer, "response", "http://news.test/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png")
    start = buf.tell()
    _record(writer, "response", "http://news.test/lost.html", page(8), "text/html")
    end = buf.tell()
    _record(
        writer,
        "response",
        "http://news.test/missing.html",
        b"<html>gone</html>",
        "text/html",
        "404 Not Found",
    )
    if big:
        _record(writer, "response", "http://news.test/big.html", b"<p>x</p>" * 20_000, "text/html")
    _record(writer, "response", "http://news.test/a2.html", page(2), "text/html")
    data = buf.getvalue()
    # damage the fourth record: keep its first bytes, replace the rest by junk
    path.write_bytes(data[:start] + data[start : start + 40] + b"\x00junk\xff" * 30 + data[end:])


@pytest.mark.parametrize("gzip", [False, True])
def test_warc_records_to_articles(tmp_path, gzip):
    path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    write_warc(path, gzip=gzip, big=True)
    out = list(read_warc(path, max_bytes=100_000))
    arts = [x for x in out if isinstance(x, Article)]
    errors = [x for x in out if isinstance(x, InputError)]
    assert [a.url for a in arts] == ["http://news.test/a1.html", "http://news.test/a2.html"]
    assert [a.title for a in arts] == [story(1)[0], story(2)[0]]
    assert all(a.date == dt.date(2024, 4, 30) for a in arts)  # the pages carry no date: the crawl's
    assert all(a.publisher == "Test Wire" for a in arts)
    assert arts[0].origin.startswith(f"{path}@")
    kinds = sorted(e.kind for e in errors)
    assert kinds == ["bad-record", "too-large"], [str(e) for e in errors]
    bad = next(e for e in errors if e.kind == "bad-record")
    assert str(bad).startswith(f"{path}@") and "[E114]" in str(bad)


def test_warc_detected_by_content(tmp_path):
    plain, packed = tmp_path / "crawl.dat", tmp_path / "crawl.bin"
    write_warc(plain, gzip=False)
    write_warc(packed, gzip=True)
    other = tmp_path / "notes.dat"
    other.write_text("just text")
    assert is_warc(plain) and is_warc(packed) and not is_warc(other)
    assert is_warc(tmp_path / "named.warc.gz")  # by name


def test_ingest_and_code_read_warc_files(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, gzip=True)
    db = tmp_path / "w.db"
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", str(path), "--db", str(db)])
    assert result.exit_code == 1, result.output  # the corrupt record is reported
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "E114" in errors[0] and str(path) in errors[0]
    with sqlite3.connect(db) as conn:
        urls = [r[0] for r in conn.execute("SELECT url FROM articles ORDER BY url")]
        assert urls == ["http://news.test/a1.html", "http://news.test/a2.html"]
        assert conn.execute("SELECT count(*) FROM event_mentions").fetchone()[0] > 0
    again = runner.invoke(main, ["ingest", str(path), "--db", str(db)])
    assert "stored 0 articles" in again.stderr and "2 already stored" in again.stderr

    coded = runner.invoke(main, ["code", str(path)])
    assert coded.exit_code == 1
    assert '"article_id"' in coded.stdout
