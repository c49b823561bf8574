"""`detente dyad / network / changes / profile / search` through click's CliRunner.

The commands are registered by the main CLI's owner; here they run directly, against the
synthetic GDELT store of test_analysis (SQLite and PostgreSQL), and their CSV, JSON and
GraphML outputs are parsed and checked against the same rows.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from collections import Counter

import networkx as nx
from click.testing import CliRunner

from detente.analysis.command import COMMANDS, changes_cmd, dyad_cmd, network_cmd, profile_cmd, search_cmd
from test_analysis import EAST, ROWS, WEST, matches, synthetic  # noqa: F401  (synthetic: the fixture)

pytest_plugins = ["conftest_pg"]


def run(command, synthetic, *args: str) -> str:  # noqa: F811
    result = CliRunner().invoke(command, [*args, "--db", synthetic.url])
    assert result.exit_code == 0, result.output + repr(result.exception)
    return result.stdout


def test_commands_are_plain_click_commands():
    names = {c.name for c in COMMANDS}
    assert names == {"dyad", "network", "changes", "profile", "search"}


def test_command_choices_are_the_apis():
    from detente.analysis import command, common, profile, series

    assert list(common.PERIODS) == command.PERIODS
    assert list(profile.TREND_PERIODS) == command.TREND_PERIODS
    assert list(series.NORMALISATIONS) == command.NORMALISATIONS


def test_the_cli_starts_without_pandas():
    code = "import sys, detente.analysis.command; print('pandas' in sys.modules, 'networkx' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_dyad_csv_json_and_table(synthetic):  # noqa: F811
    rows = matches(ROWS, lambda r: (r.source, r.target) == ("TUR", "RUS") and r.day.year == 2023)
    text = run(dyad_cmd, synthetic, "TUR", "RUS", "--since", "2023", "--until", "2023", "--format", "csv")
    table = list(csv.DictReader(io.StringIO(text)))
    assert [r["period"] for r in table] == [f"2023-{m:02d}-01" for m in range(1, 13)]
    assert sum(int(r["events"]) for r in table) == len(rows)
    data = json.loads(
        run(dyad_cmd, synthetic, "TUR", "RUS", "--by", "quarter", "--undirected", "--format", "json")
    )
    assert data["directed"] is False and data["normalisation"] == "events"
    both = matches(ROWS, lambda r: {r.source, r.target} == {"TUR", "RUS"})
    assert sum(p["events"] for p in data["series"]) == len(both)
    assert all(p["period"].endswith("-01") and -1 <= p["balance"] <= 1 for p in data["series"])
    shown = run(dyad_cmd, synthetic, "TUR", "RUS", "--since", "2023-11", "--until", "2023-12")
    assert "TUR -> RUS by month" in shown and "2023-11-01" in shown and "2023-12-01" in shown


def test_dyad_errors_are_one_line(synthetic):  # noqa: F811
    result = CliRunner().invoke(dyad_cmd, ["TUR", "R U", "--db", synthetic.url])
    assert result.exit_code == 1 and "not an actor code" in result.output
    result = CliRunner().invoke(dyad_cmd, ["TUR", "RUS", "--since", "2023-13", "--db", synthetic.url])
    assert result.exit_code == 2 and "not a date" in result.output


def test_network_json_graphml_and_position(synthetic, tmp_path):  # noqa: F811
    data = json.loads(run(network_cmd, synthetic, "--since", "2023", "--until", "2023", "--format", "json"))
    assert data["graph"] == {"since": "2023-01-01", "until": "2023-12-31"}
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes["TUR"]["bloc"] == nodes["RUS"]["bloc"] != nodes["USA"]["bloc"]
    edges = {(e["source"], e["target"]): e for e in data["edges"]}
    want = matches(ROWS, lambda r: (r.source, r.target) == ("TUR", "RUS") and r.day.year == 2023)
    assert edges[("TUR", "RUS")]["events"] == len(want)
    assert any(set(EAST) <= set(b["members"]) for b in data["blocs"])
    out = tmp_path / "net.graphml"
    run(network_cmd, synthetic, "--since", "2023", "--until", "2023", "--format", "graphml", "-o", str(out))
    g = nx.read_graphml(out)
    assert g.is_directed() and g.edges["TUR", "RUS"]["events"] == len(want)
    assert g.nodes["USA"]["bloc"] == g.nodes["GBR"]["bloc"]
    shown = run(
        network_cmd, synthetic, "--since", "2023", "--until", "2023", "--country", "TUR", "--top", "5"
    )
    assert "TUR: 2022-01-01 .. 2022-12-31 -> 2023-01-01 .. 2023-12-31" in shown
    assert "top partners gained:" in shown and "Blocs" in shown
    data = json.loads(
        run(
            network_cmd,
            synthetic,
            "--since",
            "2023",
            "--until",
            "2023",
            "--country",
            "TUR",
            "--format",
            "json",
        )
    )
    assert set(data["position"]["joined_bloc"]) >= set(EAST)
    assert set(data["position"]["left_bloc"]) >= set(WEST)


def test_changes_formats(synthetic):  # noqa: F811
    data = json.loads(run(changes_cmd, synthetic, "--until", "2023-12-31", "--format", "json"))
    assert data["before"] == ["2023-11-01", "2023-11-30"] and data["after"] == ["2023-12-01", "2023-12-31"]
    first = data["dyads"][0]
    assert (first["source"], first["target"], first["direction"]) == ("IND", "PAK", "conflict")
    assert len(first["examples"]) == 3 and first["event_ids"][0] == first["examples"][0]["id"]
    text = run(changes_cmd, synthetic, "--until", "2023-12", "--format", "csv", "--top", "2")
    table = list(csv.DictReader(io.StringIO(text)))
    assert [(r["source"], r["target"]) for r in table] == [("IND", "PAK"), ("JPN", "KOR")]
    assert [int(i) for i in table[0]["event_ids"].split()] == first["event_ids"]
    shown = run(changes_cmd, synthetic, "--until", "2023-12-31", "--undirected", "--examples", "1")
    assert "month: 2023-11-01 .. 2023-11-30 -> 2023-12-01 .. 2023-12-31" in shown and "IND" in shown


def test_profile_table_and_json(synthetic):  # noqa: F811
    data = json.loads(run(profile_cmd, synthetic, "TUR", "--format", "json", "--top", "3", "--all-time"))
    out = Counter(r.target for r in ROWS if r.source == "TUR" and r.target != "TUR")
    assert [p["partner"] for p in data["partners_out"]] == [
        c for c, _ in sorted(out.items(), key=lambda x: (-x[1], x[0]))
    ][:3]
    assert len(data["trend"]) == 24 and data["trend"][0]["period"] == "2022-01-01"
    recent = json.loads(run(profile_cmd, synthetic, "TUR", "--format", "json"))
    last = max(r.day for r in ROWS)
    assert recent["until"] == str(last) and len(recent["trend"]) == 13  # a year: parts of 13 months
    shown = run(profile_cmd, synthetic, "TUR", "--since", "2023", "--by", "quarter")
    assert "Top 10 partners as source (TUR -> X)" in shown and "Trend by quarter" in shown
    assert "fight" in shown and "2023-10-01" in shown


def test_search_pages_and_formats(synthetic):  # noqa: F811
    want = sorted(
        matches(ROWS, lambda r: {r.source, r.target} == {"IND", "PAK"}),
        key=lambda r: (r.day, int(r.ext_id)),
        reverse=True,
    )
    args = ["--dyad", "IND", "PAK", "--undirected", "--limit", "5"]
    runner = CliRunner()
    result = runner.invoke(search_cmd, [*args, "--offset", "5", "--format", "jsonl", "--db", synthetic.url])
    assert result.exit_code == 0
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert [x["ext_id"] for x in lines] == [r.ext_id for r in want[5:10]]
    assert f"events 6-10 of {len(want)}" in result.stderr
    text = run(search_cmd, synthetic, "--bbox", "179", "-20", "-179", "-15", "--quad", "4", "--format", "csv")
    table = list(csv.DictReader(io.StringIO(text)))
    fiji = matches(ROWS, lambda r: r.fips == "FJ" and r.quad == 4)
    assert len(table) == min(50, len(fiji)) and all(r["location_country"] == "FJI" for r in table)
    shown = run(search_cmd, synthetic, "--source", "IND", "--since", "2023-12-01", "--limit", "3")
    assert "IND" in shown and "https://news.example/" in shown
