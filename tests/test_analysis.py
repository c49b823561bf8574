"""Analyses (docs/analysis.md) on SQLite and PostgreSQL, checked against answers computed here.

Two kinds of data go through the real store:

- a synthetic GDELT file written here, imported with the store's bulk import: two planted blocs
  (WEST, EAST), a swing country (TUR) that changes sides between 2022 and 2023, a dyad (IND ->
  PAK) that turns from cooperation to conflict in December 2023, domestic events, sectors and
  places. Every expected figure is recomputed from the generated rows in plain Python;
- a few hand-written articles coded by the real pipeline and stored with `Store.add`, for the
  articles-based normalisation, the text search and Detente's own (merged) events.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd
import pytest

from detente.analysis import (
    AnalysisError,
    actor_profile,
    blocs,
    dyad_series,
    network_edges,
    position_change,
    relations_network,
    search_events,
    what_changed,
)
from detente.coding.tables import cameo_codes
from detente.formats import import_files
from detente.records import Article
from detente.store import Store

pytest_plugins = ["conftest_pg"]

WEST = ["DEU", "FRA", "GBR", "USA"]
EAST = ["CHN", "IRN", "PRK", "RUS"]
COOP = ["036", "042", "057", "061", "071"]
CONFLICT = ["112", "128", "163", "173", "190"]
SECTORS = ["", "GOV", "MIL"]
FIJI = ("Suva, Fiji", "FJ", -18.1)


@dataclass(frozen=True)
class Row:
    """One synthetic GDELT event, as the oracle sees it."""

    ext_id: str
    day: dt.date
    source: str  # country
    target: str
    source_code: str
    target_code: str
    cameo: str
    mentions: int
    lat: float
    lon: float
    place: str
    fips: str

    @property
    def quad(self) -> int:
        return cameo_codes()[self.cameo].quad_gdelt

    @property
    def goldstein(self) -> float:
        return cameo_codes()[self.cameo].goldstein

    @property
    def root(self) -> str:
        return self.cameo[:2]

    @property
    def plover(self) -> str | None:
        return cameo_codes()[self.cameo].plover


def synthetic_rows(seed: int = 7) -> list[Row]:
    """Two years of events with planted structure (see the module docstring)."""
    rng = random.Random(seed)
    rows: list[Row] = []

    def add(day: dt.date, a: str, b: str, cameo: str, mentions: int | None = None) -> None:
        sa, sb = rng.choice(SECTORS), rng.choice(SECTORS)
        if rng.random() < 0.05:
            place, fips, lat = FIJI
            lon = rng.choice([179.5, -179.5])
        else:
            place, fips, lat, lon = "Geneva, Switzerland", "SZ", 46.2, 6.15
        rows.append(
            Row(
                str(1000 + len(rows)),
                day,
                a,
                b,
                a + sa,
                b + sb,
                cameo,
                mentions or rng.randint(1, 6),
                lat,
                lon,
                place,
                fips,
            )
        )

    def day_in(year: int, month: int) -> dt.date:
        return dt.date(year, month, rng.randint(1, 28))

    for year in (2022, 2023):
        for month in range(1, 13):
            for bloc in (WEST, EAST):
                for a in bloc:
                    for b in bloc:
                        if a != b:
                            for _ in range(2):
                                add(day_in(year, month), a, b, rng.choice(COOP))
            for a in WEST:
                for b in EAST:
                    for x, y in ((a, b), (b, a)):
                        add(day_in(year, month), x, y, rng.choice(CONFLICT))
                        if rng.random() < 0.5:
                            add(day_in(year, month), x, y, "042")
            friends, foes = (WEST, EAST) if year == 2022 else (EAST, WEST)
            for c in friends:
                for x, y in (("TUR", c), (c, "TUR")):
                    for _ in range(2):
                        add(day_in(year, month), x, y, rng.choice(COOP))
            for c in foes:
                add(day_in(year, month), "TUR", c, rng.choice(CONFLICT))
            for _ in range(6):
                add(day_in(year, month), "USA", "USA", rng.choice(COOP + CONFLICT))
    for _ in range(8):  # IND -> PAK turns from cooperation (November) to conflict (December 2023)
        add(day_in(2023, 11), "IND", "PAK", rng.choice(COOP))
        add(day_in(2023, 12), "IND", "PAK", rng.choice(CONFLICT))
    for i in range(6):  # JPN -> KOR cools a little
        add(day_in(2023, 11), "JPN", "KOR", "042")
        add(day_in(2023, 12), "JPN", "KOR", "042" if i < 4 else "112")
    for _ in range(3):
        add(day_in(2023, 11), "PAK", "IND", "036")
        add(day_in(2023, 12), "PAK", "IND", "036")
    return rows


def gdelt_line(r: Row) -> str:
    """The row in the GDELT 2.0 event table layout (61 tab-separated columns)."""
    geo0 = ["0", "", "", "", "", "", "", ""]
    cells = [
        r.ext_id, r.day.strftime("%Y%m%d"), r.day.strftime("%Y%m"), str(r.day.year),
        f"{r.day.year + (r.day.month * 30 + r.day.day) / 365:.4f}",
        r.source_code, f"ACTOR {r.source}", r.source, "", "", "", "", r.source_code[3:], "", "",
        r.target_code, f"ACTOR {r.target}", r.target, "", "", "", "", r.target_code[3:], "", "",
        "1", r.cameo, r.cameo[:3], r.root, str(r.quad), str(r.goldstein),
        str(r.mentions), "1", str(r.mentions), "0.0",
        *geo0, *geo0,
        "4", r.place, r.fips, r.fips, "", str(r.lat), str(r.lon), "-1",
        r.day.strftime("%Y%m%d") + "120000", f"https://news.example/{r.ext_id}",
    ]  # fmt: skip
    return "\t".join(cells)


def write_gdelt(path: Path, rows: list[Row]) -> Path:
    path.write_text("".join(gdelt_line(r) + "\n" for r in rows), encoding="utf-8")
    return path


ROWS = synthetic_rows()


def _database(request: pytest.FixtureRequest, tmp: Path) -> Iterator[str]:
    """A new SQLite file, or a new database on the session's PostgreSQL server (conftest_pg)."""
    if request.param == "sqlite":
        yield str(tmp / "store.db")
        return
    import psycopg

    admin = request.getfixturevalue("pg_admin_url").replace("postgresql+psycopg://", "postgresql://")
    name = f"detente_analysis_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield admin.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def synthetic(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The synthetic GDELT events imported once per module and database kind."""
    tmp = tmp_path_factory.mktemp("analysis")
    for url in _database(request, tmp):
        store = Store(url)
        summary = import_files(store, "gdelt", [write_gdelt(tmp / "events.tsv", ROWS)])
        assert summary.new == len(ROWS) and summary.bad == 0
        yield store
        store.close()


# --- the oracle ------------------------------------------------------------------------------------
def period_of(day: dt.date, by: str) -> dt.date:
    if by == "day":
        return day
    if by == "week":
        return day - dt.timedelta(days=day.weekday())
    if by == "month":
        return day.replace(day=1)
    if by == "quarter":
        return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return dt.date(day.year, 1, 1)


def totals(rows: list[Row]) -> dict[str, Any]:
    """The measures of a set of rows, computed the plain way."""
    coop = sum(r.mentions for r in rows if r.quad <= 2)
    conflict = sum(r.mentions for r in rows if r.quad >= 3)
    quads = Counter(r.quad for r in rows)
    return {
        "events": len(rows),
        "mentions": coop + conflict,
        "verbal_coop": quads[1],
        "material_coop": quads[2],
        "verbal_conflict": quads[3],
        "material_conflict": quads[4],
        "coop_mentions": coop,
        "conflict_mentions": conflict,
        "goldstein_sum": sum(r.goldstein for r in rows),
        "balance": (coop - conflict) / (coop + conflict) if rows else None,
    }


def matches(rows: list[Row], keep: Callable[[Row], bool]) -> list[Row]:
    return [r for r in rows if keep(r)]


def close(a: Any, b: Any) -> bool:
    if b is None:
        return a is None or (isinstance(a, float) and a != a)
    return abs(float(a) - float(b)) < 1e-9


# --- dyad series -----------------------------------------------------------------------------------
@pytest.mark.parametrize("by", ["day", "week", "month", "quarter", "year"])
def test_dyad_series_matches_the_rows(synthetic, by):
    df = dyad_series(synthetic, "TUR", "RUS", by=by)
    rows = matches(ROWS, lambda r: (r.source, r.target) == ("TUR", "RUS"))
    per: dict[dt.date, list[Row]] = defaultdict(list)
    for r in rows:
        per[period_of(r.day, by)].append(r)
    first, last = min(per), max(per)
    assert df["period"].iloc[0].date() == first and df["period"].iloc[-1].date() == last
    assert df["period"].is_monotonic_increasing and df["period"].is_unique
    assert df["events"].sum() == len(rows)
    for rec in df.to_dict(orient="records"):
        want = totals(per.get(rec["period"].date(), []))
        for name, value in want.items():
            assert close(rec[name], value), (by, rec["period"], name, rec[name], value)
        if want["events"]:
            assert close(rec["goldstein_mean"], want["goldstein_sum"] / want["events"])
    assert df.attrs["source"] == "TUR" and df.attrs["normalisation"] == "events"


def test_dyad_series_undirected_adds_both_directions_and_normalises_by_all_events(synthetic):
    since, until = dt.date(2023, 1, 1), dt.date(2023, 12, 31)
    df = dyad_series(synthetic, "USA", "RUS", by="quarter", directed=False, since=since, until=until)
    assert len(df) == 4
    for rec in df.to_dict(orient="records"):
        start = rec["period"].date()
        end = (pd.Timestamp(start) + pd.offsets.QuarterEnd(0)).date()
        inside = matches(ROWS, lambda r, s=start, e=end: s <= r.day <= e)
        pair = matches(inside, lambda r: {r.source, r.target} == {"USA", "RUS"})
        assert rec["events"] == len(pair) and close(rec["balance"], totals(pair)["balance"])
        assert rec["base"] == len(inside)  # every event of the quarter, domestic ones included
        assert close(rec["normalised"], len(pair) / len(inside))
    directed = dyad_series(synthetic, "USA", "RUS", by="quarter", since=since, until=until)
    reverse = dyad_series(synthetic, "RUS", "USA", by="quarter", since=since, until=until)
    assert (directed["events"] + reverse["events"]).tolist() == df["events"].tolist()


def test_dyad_series_by_actor_code_and_empty_periods(synthetic):
    code_rows = matches(ROWS, lambda r: r.source_code == "USAGOV" and r.target == "RUS")
    df = dyad_series(synthetic, "USAGOV", "RUS", by="year", normalise="none")
    assert df["events"].sum() == len(code_rows) > 0
    assert df["base"].isna().all() and df.attrs["normalisation"] == "none"
    bare = matches(ROWS, lambda r: r.source_code == "USA" and r.target == "RUS")  # the code alone
    country = matches(ROWS, lambda r: r.source == "USA" and r.target == "RUS")
    assert dyad_series(synthetic, "code:USA", "RUS")["events"].sum() == len(bare) < len(country)
    since, until = dt.date(2021, 1, 1), dt.date(2021, 6, 30)  # before the data: six empty months
    empty = dyad_series(synthetic, "USA", "RUS", since=since, until=until)
    assert len(empty) == 6 and empty["events"].sum() == 0 and empty["balance"].isna().all()
    assert (empty["base"] == 0).all() and empty["normalised"].isna().all()
    nothing = dyad_series(synthetic, "USA", "ATA")
    assert nothing.empty and "balance" in nothing.columns


def test_dyad_series_rejects_bad_requests(synthetic):
    with pytest.raises(AnalysisError, match="period"):
        dyad_series(synthetic, "USA", "RUS", by="fortnight")
    with pytest.raises(AnalysisError, match="after it ends"):
        dyad_series(synthetic, "USA", "RUS", since=dt.date(2023, 2, 1), until=dt.date(2023, 1, 1))
    with pytest.raises(AnalysisError, match="actor"):
        dyad_series(synthetic, "U S", "RUS")
    with pytest.raises(AnalysisError, match="normalisation"):
        dyad_series(synthetic, "USA", "RUS", normalise="per-capita")


# --- actor profile ---------------------------------------------------------------------------------
def test_profile_partners_mix_and_trend(synthetic):
    p = actor_profile(synthetic, "TUR", since=dt.date.min)  # from the first event on
    out = matches(ROWS, lambda r: r.source == "TUR" and r.target != "TUR")
    inc = matches(ROWS, lambda r: r.target == "TUR" and r.source != "TUR")
    want_out = Counter(r.target for r in out)
    assert dict(zip(p.partners_out["partner"], p.partners_out["events"], strict=True)) == want_out
    assert dict(zip(p.partners_in["partner"], p.partners_in["events"], strict=True)) == Counter(
        r.source for r in inc
    )
    assert p.partners_out["events"].is_monotonic_decreasing
    assert close(p.partners_out["share"].sum(), 1.0)
    rus = p.partners_out.set_index("partner").loc["RUS"]
    assert close(rus["balance"], totals(matches(out, lambda r: r.target == "RUS"))["balance"])
    mix = p.mix_root[p.mix_root["side"] == "out"].set_index("cameo_root")
    assert mix["events"].to_dict() == dict(Counter(r.root for r in out))
    assert mix.loc["19", "name"] == "fight" and mix.loc["19", "quad_class"] == 4
    quads = p.mix_quad[p.mix_quad["side"] == "in"].set_index("quad_class")["events"].to_dict()
    assert quads == dict(Counter(r.quad for r in inc))
    assert len(p.trend) == 24  # every month of 2022 and 2023
    for rec in p.trend.to_dict(orient="records"):
        start = rec["period"].date()
        month_out = matches(out, lambda r, s=start: period_of(r.day, "month") == s)
        month_in = matches(inc, lambda r, s=start: period_of(r.day, "month") == s)
        assert rec["events_out"] == len(month_out) and rec["events_in"] == len(month_in)
        assert close(rec["balance_out"], totals(month_out)["balance"])
        assert close(rec["balance"], totals(month_out + month_in)["balance"])
    # the swing shows in the trend: friendly with the West in 2022, with the East in 2023
    west_2022 = p.trend[p.trend["period"].dt.year == 2022]["balance_out"]
    assert west_2022.notna().all()


def test_profile_of_a_period_domestic_and_by_quarter(synthetic):
    since, until = dt.date(2023, 1, 1), dt.date(2023, 6, 30)
    p = actor_profile(synthetic, "USA", since=since, until=until, by="quarter", domestic=True)
    rows = matches(ROWS, lambda r: r.source == "USA" and since <= r.day <= until)
    assert p.partners_out["events"].sum() == len(rows)
    assert "USA" in set(p.partners_out["partner"])  # domestic events are in
    assert len(p.trend) == 2 and p.trend["events_out"].sum() == len(rows)
    international = actor_profile(synthetic, "USA", since=since, until=until)
    assert "USA" not in set(international.partners_out["partner"])
    assert international.partners_out["events"].sum() == len([r for r in rows if r.target != "USA"])
    with pytest.raises(AnalysisError, match="trend"):
        actor_profile(synthetic, "USA", by="week")


def test_profile_defaults_to_the_year_up_to_the_latest_event(synthetic):
    last = max(r.day for r in ROWS)
    p = actor_profile(synthetic, "IND")
    assert (p.since, p.until) == (dt.date(last.year - 1, last.month, last.day) + dt.timedelta(days=1), last)
    assert len(p.trend) == 13 and p.trend["events_out"].sum() == len(
        matches(ROWS, lambda r: r.source == "IND")
    )
    assert dict(zip(p.partners_out["partner"], p.partners_out["events"], strict=True)) == {"PAK": 16}
    nobody = actor_profile(synthetic, "ATA")
    assert nobody.partners_out.empty and nobody.mix_root.empty and len(nobody.trend) == 13
    assert (nobody.trend["events"] == 0).all() and nobody.trend["balance"].isna().all()


# --- network, blocs, positions --------------------------------------------------------------------
def test_network_edges_match_the_rows(synthetic):
    since, until = dt.date(2022, 7, 1), dt.date(2023, 6, 30)  # across two calendar years
    edges = network_edges(synthetic, since, until)
    inside = matches(ROWS, lambda r: since <= r.day <= until and r.source != r.target)
    pairs: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for r in inside:
        pairs[(r.source, r.target)].append(r)
    got = edges.set_index(["source", "target"])
    assert set(got.index) == set(pairs)
    for key, rows in pairs.items():
        want = totals(rows)
        for name in ("events", "mentions", "coop_mentions", "conflict_mentions", "goldstein_sum", "balance"):
            assert close(got.loc[key, name], want[name]), (key, name)
    assert edges.attrs["since"] == since and edges.attrs["until"] == until
    domestic = network_edges(synthetic, since, until, domestic=True)
    assert ("USA", "USA") in set(zip(domestic["source"], domestic["target"], strict=True))


def test_network_default_period_is_the_year_to_the_latest_event(synthetic):
    edges = network_edges(synthetic)
    last = max(r.day for r in ROWS)
    assert edges.attrs["until"] == last
    assert edges.attrs["since"] == dt.date(last.year - 1, last.month, last.day) + dt.timedelta(days=1)


def test_blocs_recover_the_planted_alignments(synthetic):
    for year, friends in ((2022, WEST), (2023, EAST)):
        g = relations_network(synthetic, dt.date(year, 1, 1), dt.date(year, 12, 31), seed=3)
        assert isinstance(g, nx.DiGraph) and not any(a == b for a, b in g.edges)
        bloc = {n: d["bloc"] for n, d in g.nodes(data=True)}
        assert len({bloc[c] for c in WEST}) == 1 and len({bloc[c] for c in EAST}) == 1
        assert bloc[WEST[0]] != bloc[EAST[0]] and bloc[WEST[0]] > 0
        assert bloc["TUR"] == bloc[friends[0]]
        edge = g.edges["USA", "GBR"]
        assert edge["coop"] > 0 and edge["conflict"] == 0 and edge["balance"] == 1.0
        again = blocs(g, seed=3)
        assert dict(zip(again["country"], again["bloc"], strict=True)) == bloc  # seeded: repeatable


def test_coop_weighted_blocs_ignore_conflict(synthetic):
    g = relations_network(synthetic, dt.date(2022, 1, 1), dt.date(2022, 12, 31))
    coop = blocs(g, weight="coop").set_index("country")["bloc"]
    assert (coop > 0).all()  # everyone who talks is in some bloc once conflict is not subtracted
    with pytest.raises(AnalysisError, match="bloc weight"):
        blocs(g, weight="trade")


def test_position_change_of_the_swing_country(synthetic):
    before = (dt.date(2022, 1, 1), dt.date(2022, 12, 31))
    after = (dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    change = position_change(synthetic, "TUR", before, after, top=4)
    assert set(change.bloc_before) >= set(WEST) and set(change.bloc_after) >= set(EAST)
    assert set(change.joined) >= set(EAST) and set(change.left) >= set(WEST)
    assert sorted(change.gained) == EAST and sorted(change.lost) == WEST
    m = change.measures.set_index("metric")
    out_2022 = matches(ROWS, lambda r: r.source == "TUR" and r.day.year == 2022)
    out_2023 = matches(ROWS, lambda r: r.source == "TUR" and r.day.year == 2023)
    assert m.loc["events_out", "before"] == len(out_2022) and m.loc["events_out", "after"] == len(out_2023)
    assert m.loc["events_out", "change"] == len(out_2023) - len(out_2022)
    partners = change.partners.set_index("partner")
    rus = [r for r in ROWS if {r.source, r.target} == {"TUR", "RUS"}]
    assert partners.loc["RUS", "events_before"] == len([r for r in rus if r.day.year == 2022])
    assert partners.loc["RUS", "events_after"] == len([r for r in rus if r.day.year == 2023])
    data = change.to_dict()
    assert data["country"] == "TUR" and data["partners_gained"] == change.gained


# --- what changed ----------------------------------------------------------------------------------
def test_changes_rank_the_turned_dyad_first_with_its_events(synthetic):
    df = what_changed(synthetic, period="month", until=dt.date(2023, 12, 31), min_events=5)
    assert df.attrs["before"] == (dt.date(2023, 11, 1), dt.date(2023, 11, 30))
    assert df.attrs["after"] == (dt.date(2023, 12, 1), dt.date(2023, 12, 31))
    assert list(zip(df["source"], df["target"], strict=True))[:2] == [("IND", "PAK"), ("JPN", "KOR")]
    first = df.iloc[0]
    nov = matches(ROWS, lambda r: (r.source, r.target) == ("IND", "PAK") and r.day.month == 11)
    dec = matches(ROWS, lambda r: (r.source, r.target) == ("IND", "PAK") and r.day.month == 12)
    assert close(first["balance_before"], 1.0) and close(first["balance_after"], -1.0)
    assert close(first["change"], -2.0) and first["direction"] == "conflict"
    assert first["events_before"] == len(nov) and first["events_after"] == len(dec)
    by_store_id = {e["id"]: e for e in first["examples"]}
    assert len(first["examples"]) == 3 and len(by_store_id) == 3
    ids = search_events(synthetic, ids=first["event_ids"], limit=None).events
    assert sorted(ids["ext_id"]) == sorted(r.ext_id for r in dec)  # every conflict event of December
    ranked = ids.set_index("id").loc[first["event_ids"], "num_mentions"].tolist()
    assert ranked == sorted(ranked, reverse=True)  # most mentioned first
    assert all(e["event_date"].startswith("2023-12") and e["url"] for e in first["examples"])
    assert df["change"].abs().is_monotonic_decreasing


def test_changes_undirected_and_quiet_periods(synthetic):
    df = what_changed(synthetic, period="month", until=dt.date(2023, 12, 31), directed=False, min_events=5)
    top = df.iloc[0]
    assert (top["source"], top["target"]) == ("IND", "PAK")
    both = matches(ROWS, lambda r: {r.source, r.target} == {"IND", "PAK"})
    nov = [r for r in both if r.day.month == 11]
    dec = [r for r in both if r.day.month == 12]
    assert close(top["balance_before"], totals(nov)["balance"])
    assert close(top["balance_after"], totals(dec)["balance"])
    assert len(df) == len(set(zip(df["source"], df["target"], strict=True)))
    assert (df["source"] < df["target"]).all()
    quiet = what_changed(synthetic, period="year", until=dt.date(2023, 12, 31), min_events=1000)
    assert quiet.empty and list(quiet.columns)[:2] == ["source", "target"]
    with pytest.raises(AnalysisError):
        what_changed(synthetic, period="decade")


# --- search ----------------------------------------------------------------------------------------
def _newest_first(rows: list[Row]) -> list[str]:
    return [r.ext_id for r in sorted(rows, key=lambda r: (r.day, int(r.ext_id)), reverse=True)]


@pytest.mark.parametrize(
    ("filters", "keep"),
    [
        ({"dyad": ("USA", "RUS")}, lambda r: (r.source, r.target) == ("USA", "RUS")),
        (
            {"dyad": ("USA", "RUS"), "directed": False},
            lambda r: {r.source, r.target} == {"USA", "RUS"},
        ),
        ({"actor": "TUR", "quad_class": [4]}, lambda r: "TUR" in (r.source, r.target) and r.quad == 4),
        ({"source": "RUSMIL", "cameo": "19"}, lambda r: r.source_code == "RUSMIL" and r.root == "19"),
        (
            {"target_sector": "GOV", "root": ["03"]},
            lambda r: r.target_code.endswith("GOV") and r.root == "03",
        ),
        (
            {"sector": "MIL", "plover": "assault"},
            lambda r: "MIL" in (r.source_code[3:], r.target_code[3:]) and r.plover == "ASSAULT",
        ),
        (
            {"since": dt.date(2023, 12, 1), "until": dt.date(2023, 12, 31), "source": "IND"},
            lambda r: r.day >= dt.date(2023, 12, 1) and r.source == "IND",
        ),
        ({"location_country": "FJI"}, lambda r: r.fips == "FJ"),
        ({"place": "suva"}, lambda r: r.place.startswith("Suva")),
        ({"bbox": (179.0, -20.0, -179.0, -15.0)}, lambda r: r.fips == "FJ"),  # across the antimeridian
        ({"bbox": (0.0, 40.0, 10.0, 50.0), "origin": "gdelt"}, lambda r: r.fips == "SZ"),
        (
            {"min_mentions": 6, "cameo": ["036", "057"]},
            lambda r: r.mentions >= 6 and r.cameo in ("036", "057"),
        ),
    ],
)
def test_search_filters(synthetic, filters, keep):
    want = _newest_first(matches(ROWS, keep))
    assert want, "the filter should match some synthetic rows"
    result = search_events(synthetic, limit=None, **filters)
    assert result.total == len(want)
    assert result.events["ext_id"].tolist() == want


def test_search_pages_through_everything_once(synthetic):
    want = _newest_first(matches(ROWS, lambda r: r.source == "TUR"))
    seen: list[str] = []
    offset = 0
    while True:
        page = search_events(synthetic, source="TUR", limit=100, offset=offset)
        assert page.total == len(want) and len(page.events) <= 100
        seen += page.events["ext_id"].tolist()
        offset += 100
        if not page.has_more:
            break
    assert seen == want
    assert search_events(synthetic, source="TUR", limit=10, offset=len(want)).events.empty
    with pytest.raises(AnalysisError):
        search_events(synthetic, offset=-1)
    with pytest.raises(AnalysisError, match="quad"):
        search_events(synthetic, quad_class=[5])
    with pytest.raises(AnalysisError, match="digits"):
        search_events(synthetic, cameo="19%")


# --- Detente's own events, coded by the real pipeline ---------------------------------------------
ARTICLES = [
    ("Russia pledged humanitarian aid to Afghanistan on Monday.", "2024-03-15"),
    ("Afghanistan thanked Russia for its assistance on Friday.", "2024-03-20"),
    ("Russia had long criticized Afghanistan over border violations.", "2024-03-22"),
    ("Russia criticized Afghanistan on Monday for border violations.", "2024-04-16"),
]


@pytest.fixture(scope="module")
def coded_articles(pipeline) -> list[Any]:
    return [
        pipeline.code_article(Article.create(text, None, date=dt.date.fromisoformat(day), doc_id=f"a{i}"))
        for i, (text, day) in enumerate(ARTICLES)
    ]


@pytest.fixture
def own(db_url, coded_articles) -> Iterator[Store]:
    store = Store(db_url)
    for coded in coded_articles:
        assert store.add(coded).stored
    yield store
    store.close()


def _dyad_events(coded_articles: list[Any], a: str, b: str) -> list[Any]:
    return [
        e
        for c in coded_articles
        for e in c.events
        if e.source and e.target and (e.source.actor.country, e.target.actor.country) == (a, b)
    ]


def test_own_events_normalised_by_articles(own, coded_articles):
    events = _dyad_events(coded_articles, "RUS", "AFG")
    dated = [e for e in events if e.date]
    assert dated and any(not e.date and e.historical for e in events), "the coder's output changed"
    df = dyad_series(own, "RUS", "AFG", by="month")
    assert df.attrs["normalisation"] == "articles"
    per_month = Counter(e.date[:7] for e in dated)  # the undated background event is left out
    assert dict(zip(df["period"].dt.strftime("%Y-%m"), df["events"], strict=True)) == per_month
    base = dict(zip(df["period"].dt.strftime("%Y-%m"), df["base"], strict=True))
    assert base == {"2024-03": 3, "2024-04": 1}  # articles coded, by publication date
    april = df[df["period"] == pd.Timestamp(2024, 4, 1)].iloc[0]
    assert close(april["normalised"], april["events"] / 1)
    quads = Counter(e.quad_class for e in dated if e.date.startswith("2024-04"))
    assert april["verbal_conflict"] == quads[3] and april["balance"] == (1.0 if quads[3] == 0 else -1.0)


def test_own_events_text_search_and_sentences(own):
    found = search_events(own, text="PLEDGED")
    assert found.total >= 1
    row = found.events.iloc[0]
    assert "pledged" in row["sentence"] and row["origin"] == "detente" and row["article_id"]
    assert row["source_country"] == "RUS"
    assert search_events(own, text="thanked", source="AFG").total >= 1
    assert search_events(own, text="100%").total == 0  # LIKE wildcards are literal
    background = search_events(own, text="had long", include_historical=False)
    assert background.total == 0 and search_events(own, text="had long").total >= 1


def test_imported_events_switch_normalisation_to_all_events(own, tmp_path):
    before = dyad_series(own, "RUS", "AFG")
    assert before.attrs["normalisation"] == "articles"
    extra = [r for r in ROWS if r.source == "IND"][:3]
    import_files(own, "gdelt", [write_gdelt(tmp_path / "few.tsv", extra)])
    assert dyad_series(own, "RUS", "AFG").attrs["normalisation"] == "events"
    assert dyad_series(own, "RUS", "AFG", origin="detente").attrs["normalisation"] == "articles"
    assert dyad_series(own, "IND", "PAK", origin="detente")["events"].sum() == 0
    assert dyad_series(own, "IND", "PAK", origin="gdelt")["events"].sum() == len(
        [r for r in extra if r.target == "PAK"]
    )


def _row(ext_id: str, day: dt.date, source: str, target: str, cameo: str, mentions: int = 1) -> Row:
    return Row(ext_id, day, source, target, source, target, cameo, mentions, 46.2, 6.15, "Geneva", "SZ")


def test_normalisation_follows_new_events(db_url, tmp_path):
    store = Store(db_url)
    first = [_row(str(i), dt.date(2024, 5, 1 + i), "IND", "PAK", "042") for i in range(3)]
    first += [_row(str(10 + i), dt.date(2024, 5, 2), "USA", "MEX", "036") for i in range(7)]
    import_files(store, "gdelt", [write_gdelt(tmp_path / "a.tsv", first)])
    df = dyad_series(store, "IND", "PAK")
    assert df["base"].tolist() == [10] and close(df["normalised"].iloc[0], 0.3)
    more = [_row(str(100 + i), dt.date(2024, 5, 20), "CHN", "JPN", "112") for i in range(5)]
    import_files(store, "gdelt", [write_gdelt(tmp_path / "b.tsv", more)])
    df = dyad_series(store, "IND", "PAK")  # the cached totals per day are stale now: recomputed
    assert df["base"].tolist() == [15] and close(df["normalised"].iloc[0], 0.2)
    store.close()


def test_profile_counts_events_without_counterpart_only_when_domestic(db_url, tmp_path):
    store = Store(db_url)
    rows = [_row(str(i), dt.date(2024, 5, 1 + i), "IND", "PAK", "042", mentions=2) for i in range(4)]
    rows += [_row(str(10 + i), dt.date(2024, 5, 3), "IND", "", "010") for i in range(3)]
    rows += [_row(str(20 + i), dt.date(2024, 4, 3), "IND", "IND", "173") for i in range(2)]
    import_files(store, "gdelt", [write_gdelt(tmp_path / "a.tsv", rows)])
    plain = actor_profile(store, "IND")
    assert plain.partners_out["partner"].tolist() == ["PAK"] and plain.trend["events_out"].sum() == 4
    everything = actor_profile(store, "IND", domestic=True)
    partners = dict(zip(everything.partners_out["partner"], everything.partners_out["events"], strict=True))
    assert partners == {"PAK": 4, None: 3, "IND": 2}
    assert everything.mix_quad.set_index(["side", "quad_class"]).loc[("out", 1), "events"] == 7
    assert everything.trend["events_out"].sum() == 9 and everything.trend["events_in"].sum() == 2
    assert close(everything.partners_out["share"].sum(), 1.0)
    store.close()


def test_odd_codes_unclassified_events_and_roots_beyond_cameo(db_url, tmp_path):
    """A quad class 0 (unknown code, no QuadClass) is left out; a root beyond 20 still counts."""
    rows = [_row(str(i), dt.date(2024, 5, 1 + i), "IND", "PAK", "042") for i in range(4)]
    lines = [gdelt_line(r) for r in rows]
    for ext_id, quad in (("90", "4"), ("91", "")):
        cells = gdelt_line(_row(ext_id, dt.date(2024, 5, 10), "IND", "PAK", "190")).split("\t")
        cells[26:30] = ["210", "210", "21", quad]  # EventCode .. QuadClass
        lines.append("\t".join(cells))
    (tmp_path / "odd.tsv").write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    store = Store(db_url)
    assert import_files(store, "gdelt", [tmp_path / "odd.tsv"]).new == 6
    assert search_events(store, source="IND").total == 6
    series = dyad_series(store, "IND", "PAK", normalise="none")
    assert series["events"].sum() == 5 and series["material_conflict"].sum() == 1
    p = actor_profile(store, "IND")
    assert p.partners_out["events"].tolist() == [5] and p.trend["events_out"].sum() == 5
    roots = p.mix_root.set_index("cameo_root")
    assert (
        roots.loc["21", "events"] == 1
        and roots.loc["21", "quad_class"] == 4
        and roots.loc["21", "name"] == ""
    )
    assert network_edges(store)["events"].tolist() == [5]
    store.close()


def test_empty_store(db_url):
    store = Store(db_url)
    assert dyad_series(store, "RUS", "AFG").empty
    assert network_edges(store).empty
    assert relations_network(store).number_of_nodes() == 0
    assert what_changed(store).empty
    p = actor_profile(store, "RUS")
    assert p.partners_out.empty and p.trend.empty and p.mix_root.empty
    assert search_events(store).total == 0
    store.close()
