"""The command line, through click's CliRunner with the real pipeline and a real SQLite file."""

from __future__ import annotations

import json
import os
import random

import pytest
from click.testing import CliRunner

from detente.cli import main

GOOD = (
    "Egypt hosted talks between Sudanese army officers and Rapid Support Forces commanders in Cairo "
    "on Monday.\n\nEgypt urged both sides to agree to a ceasefire.\n"
)


@pytest.fixture
def runner():
    return CliRunner()


def _events(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_help_everywhere_has_examples(runner):
    for cmd in ([], ["code"], ["ingest"], ["events"], ["show"]):
        result = runner.invoke(main, [*cmd, "--help"])
        assert result.exit_code == 0
        assert "Example" in result.output, cmd


def test_code_prints_json_events_and_stores_nothing(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    result = runner.invoke(main, ["code", "a.txt", "--date", "2024-03-20"])
    assert result.exit_code == 0, result.output
    events = _events(result.stdout)
    assert events and all(e["doc_id"] for e in events)
    for e in events:
        s = e["sentence"]
        assert (
            s[e["evidence"]["trigger"]["start"] : e["evidence"]["trigger"]["end"]]
            == e["evidence"]["trigger"]["text"]
        )
        assert e["source"] and s[e["source"]["start"] : e["source"]["end"]] == e["source"]["text"]
    assert not (tmp_path / "detente.db").exists()


def test_code_jsonl_from_stdin_keeps_the_input_ids(runner):
    lines = "\n".join(json.dumps({"id": f"doc-{i}", "text": GOOD, "date": "2024-03-20"}) for i in range(2))
    result = runner.invoke(main, ["code", "-"], input=lines + "\n")
    assert result.exit_code == 0, result.output
    assert {e["doc_id"] for e in _events(result.stdout)} == {"doc-0", "doc-1"}


def test_bad_documents_are_reported_and_the_rest_still_runs(runner, tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.txt").write_text(GOOD, encoding="utf-8")
    (d / "empty.txt").write_text("", encoding="utf-8")
    (d / "binary.txt").write_bytes(bytes(random.Random(1).randrange(256) for _ in range(4000)) + b"\x00\x00")
    (d / "latin1.txt").write_bytes(
        "Le Caire a accueilli des pourparlers à Genève — «\u00a0café\u00a0».\n".encode(
            "cp1252", errors="replace"
        )
    )
    (d / "broken.html").write_text("<html><body><div><script>var x = 1;</script>", encoding="utf-8")
    big = ("Egypt hosted talks with Sudan. " * 200 + "\n\n") * 900
    (d / "big.txt").write_text(big, encoding="utf-8")
    assert os.path.getsize(d / "big.txt") > 5_000_000
    result = runner.invoke(main, ["code", str(d), "--date", "2024-03-20"])
    assert result.exit_code == 1
    err = result.stderr
    for name, reason in (
        ("empty.txt", "empty"),
        ("binary.txt", "binary"),
        ("broken.html", "HTML"),
        ("big.txt", "limit"),
    ):
        line = next((x for x in err.splitlines() if name in x), "")
        assert reason in line, (name, err)
    assert "latin1.txt" not in err  # a legacy encoding is decoded, not rejected
    assert _events(result.stdout), "the good document was still coded"


def test_ingest_events_and_show(runner, tmp_path):
    db = str(tmp_path / "x.db")
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    r1 = runner.invoke(main, ["ingest", str(tmp_path / "a.txt"), "--db", db, "--date", "2024-03-20"])
    assert r1.exit_code == 0, r1.output
    assert "stored 1 articles" in r1.stderr
    r2 = runner.invoke(main, ["ingest", str(tmp_path / "a.txt"), "--db", db, "--date", "2024-03-20"])
    assert "stored 0 articles" in r2.stderr and "1 already stored" in r2.stderr
    jsonl = runner.invoke(main, ["events", "--db", db, "--source", "EGY", "--format", "jsonl"])
    rows = _events(jsonl.stdout)
    assert rows and all(r["source"]["country"] == "EGY" for r in rows)
    csv_out = runner.invoke(main, ["events", "--db", db, "--format", "csv"]).stdout
    assert csv_out.splitlines()[0].startswith("date,source,cameo,target")
    table = runner.invoke(main, ["events", "--db", db]).stdout
    assert "EGY" in table
    show = runner.invoke(main, ["show", rows[0]["article_id"][:8], "--db", db])
    assert show.exit_code == 0 and "Cairo" in show.stdout and "urged" in show.stdout
    missing = runner.invoke(main, ["show", "nope-nope", "--db", db])
    assert missing.exit_code != 0 and "no stored article" in missing.output


def test_show_prints_untrusted_text_literally(runner, tmp_path):
    db = str(tmp_path / "x.db")
    hostile = (
        "Egypt hosted talks with Sudan in Cairo on Monday. [bold red]not markup[/] "
        "<script>alert(1)</script> <img src=x onerror=alert(1)>\n"
    )
    (tmp_path / "h.txt").write_text(hostile, encoding="utf-8")
    runner.invoke(main, ["ingest", str(tmp_path / "h.txt"), "--db", db, "--date", "2024-03-20"])
    rows = _events(runner.invoke(main, ["events", "--db", db, "--format", "jsonl"]).stdout)
    show = runner.invoke(main, ["show", rows[0]["article_id"], "--db", db])
    assert "[bold red]not markup[/]" in show.stdout
    assert "<script>alert(1)</script>" in show.stdout


def test_bad_option_values_are_explained(runner):
    result = runner.invoke(main, ["code", "x.txt", "--date", "30/09/2023"])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output
