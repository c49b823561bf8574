"""`detente import`, `detente export` and `detente events` through click's CliRunner, on a real store."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from detente.cli import main
from detente.store import Store
from test_formats import GDELT_ROWS, gdelt_file, icews_file, own_events, write_lines

pytest_plugins = ["conftest_pg"]


@pytest.fixture
def runner():
    return CliRunner()


def test_help_has_examples(runner):
    for cmd in (["import"], ["export"], ["events"]):
        result = runner.invoke(main, [*cmd, "--help"])
        assert result.exit_code == 0 and "Example" in result.output, cmd


def test_import_then_export_gives_back_the_files(runner, tmp_path, db_url):
    g, i = gdelt_file(tmp_path), icews_file(tmp_path)
    r = runner.invoke(main, ["import", "gdelt", str(g), "--db", db_url])
    assert r.exit_code == 0, r.output
    assert "imported 3 events from 1 files; 0 already stored; 0 unreadable lines" in r.stderr
    r = runner.invoke(main, ["import", "icews", str(i), "--db", db_url])
    assert r.exit_code == 0 and "imported 2 events" in r.stderr
    out = tmp_path / "out.gdelt"
    r = runner.invoke(
        main, ["export", "--format", "gdelt", "--origin", "gdelt", "-o", str(out), "--db", db_url]
    )
    assert r.exit_code == 0 and "exported 3 events" in r.stderr
    assert out.read_text(encoding="utf-8") == g.read_text(encoding="utf-8")
    r = runner.invoke(main, ["export", "--format", "icews", "--origin", "icews", "--db", db_url])
    assert r.stdout == i.read_text(encoding="utf-8")
    r = runner.invoke(main, ["export", "--format", "gdelt", "--source", "USA", "--db", db_url])
    assert [line.split("\t")[0] for line in r.stdout.splitlines()] == ["1037292036"]


def test_unreadable_lines_fail_the_import_but_not_the_good_rows(runner, tmp_path):
    db = str(tmp_path / "x.db")
    path = write_lines(tmp_path / "bad.CSV", ["\t".join(GDELT_ROWS[0]), "not a gdelt line"])
    r = runner.invoke(main, ["import", "gdelt", str(path), "--db", db])
    assert r.exit_code == 1
    assert f"{path}:2: expected 61 tab-separated columns" in r.stderr
    assert "imported 1 events" in r.stderr


def test_parquet_needs_a_file(runner, tmp_path):
    r = runner.invoke(main, ["export", "--format", "parquet", "--db", str(tmp_path / "x.db")])
    assert r.exit_code != 0 and "-o events.parquet" in r.output


def test_events_lists_merged_events_with_counts_and_mentions(runner, tmp_path):
    db = str(tmp_path / "x.db")
    store = Store(db)
    own_events(store)
    store.close()
    table = runner.invoke(main, ["events", "--db", db])
    assert table.exit_code == 0 and "4 events" in table.stdout
    rows = [
        json.loads(x)
        for x in runner.invoke(main, ["events", "--db", db, "--format", "jsonl"]).stdout.splitlines()
    ]
    assert sorted(r["num_mentions"] for r in rows) == [1, 1, 2, 2]
    twice = runner.invoke(
        main, ["events", "--db", db, "--min-mentions", "2", "--format", "jsonl", "--mentions"]
    )
    rows = [json.loads(x) for x in twice.stdout.splitlines()]
    assert len(rows) == 2 and all(len(r["mentions"]) == 2 for r in rows)
    mention = rows[0]["mentions"][0]
    assert mention["sentence"] and mention["trigger"] == {"text": "said", "start": 0, "end": 4}
    assert mention["copies"][0]["url"].startswith("https://")
    csv_out = runner.invoke(main, ["events", "--db", db, "--format", "csv"]).stdout
    assert csv_out.splitlines()[0].endswith("mentions,sources,articles")
