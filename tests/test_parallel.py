"""`--workers N`: coding on several processes gives exactly what one process gives, in order."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from detente.api import Detente
from detente.cli import main
from detente.errors import InputError
from detente.pipeline import Options

SAMPLES = Path(__file__).resolve().parents[1] / "src" / "detente" / "samples"


def _events(items) -> list[tuple[str, list[dict]]]:
    out = []
    for item in items:
        if isinstance(item, InputError):
            out.append((f"error: {item}", []))
        else:
            out.append((item.article.id, [e.to_dict() for e in item.events]))
    return out


def test_two_workers_code_like_one_and_keep_errors_in_place(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_text("   \n", encoding="utf-8")
    inputs = [str(SAMPLES / "wire.jsonl"), str(bad), str(SAMPLES / "maritime-talks.txt")]
    one = _events(Detente(options=Options(batch_size=2)).code(inputs))
    two = _events(Detente(options=Options(batch_size=2, workers=2)).code(inputs))
    assert sum(len(evs) for _, evs in one) > 5
    assert any(key.startswith("error:") and "empty.txt" in key for key, _ in one)
    assert two == one


def test_ingest_with_workers_stores_every_article_once(tmp_path):
    db = str(tmp_path / "w.db")
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("wire.jsonl", "maritime-talks.txt", "sahel-aid.html"):
        (docs / name).write_bytes((SAMPLES / name).read_bytes())
    runner = CliRunner()
    first = runner.invoke(main, ["ingest", str(docs), "--db", db, "--workers", "2"])
    assert first.exit_code == 0, first.output
    rows = [
        json.loads(line)
        for line in runner.invoke(main, ["events", "--db", db, "--format", "jsonl"]).stdout.splitlines()
    ]
    again = runner.invoke(main, ["ingest", str(docs), "--db", db, "--workers", "2"])
    assert again.exit_code == 0, again.output
    rows_again = [
        json.loads(line)
        for line in runner.invoke(main, ["events", "--db", db, "--format", "jsonl"]).stdout.splitlines()
    ]
    assert rows and rows_again == rows
    serial = str(tmp_path / "s.db")
    assert runner.invoke(main, ["ingest", str(docs), "--db", serial]).exit_code == 0
    rows_serial = [
        json.loads(line)
        for line in runner.invoke(main, ["events", "--db", serial, "--format", "jsonl"]).stdout.splitlines()
    ]
    assert len(rows_serial) == len(rows)
    key = ("source", "target", "cameo", "date")
    assert sorted(json.dumps([r.get(k) for k in key]) for r in rows) == sorted(
        json.dumps([r.get(k) for k in key]) for r in rows_serial
    )
