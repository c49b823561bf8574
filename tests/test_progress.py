"""Progress bars (counts, rate, ETA) and one-line summaries of the long commands."""

from __future__ import annotations

import io
import json
from pathlib import Path

from click.testing import CliRunner
from rich.console import Console

from detente import cli
from detente.ingest.count import count_documents

SAMPLES = Path(__file__).resolve().parents[1] / "src" / "detente" / "samples"


def test_documents_are_counted_without_parsing(tmp_path):
    (tmp_path / "a.txt").write_text("One.", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"text": "x"}\n\n{"text": "y"}\nnot json\n', encoding="utf-8")
    (tmp_path / "ignored.bin").write_bytes(b"\x00\x01")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "c.html").write_text("<p>Hi</p>", encoding="utf-8")
    named = tmp_path / "lines.data"  # named explicitly, sniffed as JSONL like the reader does
    named.write_text('{"text": "x"}\n{"text": "y"}\n', encoding="utf-8")
    assert count_documents([tmp_path]) == 1 + 3 + 1  # a .bin or .data file is not read from a folder
    assert count_documents([named, tmp_path / "a.txt"]) == 3
    assert count_documents([tmp_path / "missing.txt"]) == 1  # one not-found error
    assert count_documents(["-"]) is None
    assert count_documents(["https://example.org/feed.xml"]) is None


def _terminal(monkeypatch) -> io.StringIO:
    buf = io.StringIO()
    monkeypatch.setattr(cli, "err", Console(file=buf, force_terminal=True, width=200, color_system=None))
    return buf


def test_code_shows_a_bar_with_total_rate_and_eta_then_a_summary(monkeypatch, tmp_path):
    buf = _terminal(monkeypatch)
    bad = tmp_path / "empty.txt"
    bad.write_text(" \n", encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["code", str(SAMPLES), str(bad)])
    assert result.exit_code == 1  # one bad document
    events = [json.loads(line) for line in result.stdout.splitlines()]
    shown = buf.getvalue()
    total = count_documents([SAMPLES, bad])
    assert f"{total}/{total}" in shown and "articles/s" in shown and "ETA" in shown
    assert f"coded {total - 1} articles: {len(events)} events; 1 failed;" in shown


def test_ingest_summary_names_articles_events_errors_and_time(tmp_path):
    db = str(tmp_path / "p.db")
    result = CliRunner().invoke(cli.main, ["ingest", str(SAMPLES), "--db", db])
    assert result.exit_code == 0, result.output
    line = result.stderr.strip().splitlines()[-1]
    assert line.startswith("stored ") and " events; 0 already stored; 0 failed; " in line
    again = CliRunner().invoke(cli.main, ["ingest", str(SAMPLES), "--db", db])
    assert "stored 0 articles with 0 events;" in again.stderr
