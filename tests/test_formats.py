"""Export and import in the analysts' formats, on SQLite and PostgreSQL (see docs/formats.md).

The GDELT and ICEWS files here are written by the tests in the incumbents' layouts; events of
Detente's own come from hand-built coded articles (test_store_merge.coded_article).
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
import zipfile
from pathlib import Path

import pytest

from detente.formats import export_events, gdelt, icews, import_files, table
from detente.formats.common import BadLine
from detente.records import Location
from detente.store import Store
from test_store_merge import TALKS, coded_article, reworded, story_text

pytest_plugins = ["conftest_pg"]

_GEO0 = ["0", "", "", "", "", "", "", ""]
GDELT_ROWS = [
    [
        "1037292034", "20220301", "202203", "2022", "2022.1616",
        "RUS", "RUSSIA", "RUS", "", "", "", "", "", "", "",
        "UKR", "UKRAINE", "UKR", "", "", "", "", "", "", "",
        "1", "190", "190", "19", "4", "-10.0", "20", "2", "20", "-7.14285714285714",
        "1", "Russia", "RS", "RS", "", "60", "100", "RS",
        "1", "Ukraine", "UP", "UP", "", "49", "32", "UP",
        "4", "Kyiv, Kyyiv, Misto, Ukraine", "UP", "UP12", "", "50.4333", "30.5167", "-1044367",
        "20220301000000", "https://news.example/kyiv-strike",
    ],
    [
        "1037292035", "20220302", "202203", "2022", "2022.1644",
        "IGOUNO", "UNITED NATIONS", "", "UNO", "", "", "", "IGO", "", "",
        "", "", "", "", "", "", "", "", "", "",
        "0", "010", "010", "01", "1", "0.0", "3", "1", "3", "1.5",
        *_GEO0, *_GEO0, *_GEO0,
        "20220302031500", "https://news.example/un-statement",
    ],
    [
        "1037292036", "20220302", "202203", "2022", "2022.1644",
        "USAGOV", "JOE BIDEN", "USA", "", "", "", "", "GOV", "", "",
        "RUS", "RUSSIA", "RUS", "", "", "", "", "", "", "",
        "1", "163", "163", "16", "4", "-8.0", "10", "5", "10", "-3.2",
        *_GEO0, *_GEO0,
        "3", "Washington, District of Columbia, United States", "US", "USDC", "",
        "38.8951", "-77.0364", "531871",
        "20220302120000", "https://news.example/sanctions",
    ],
]  # fmt: skip
ICEWS_ROWS = [
    [
        "926685", "1995-01-01", "Boris Yeltsin", "Elite,Executive,Executive Office,Government",
        "Russian Federation", "Praise or endorse", "051", "3.4", "Russian Federation", "",
        "Russian Federation", "28235806", "5", "The Toronto Star", "Moscow", "", "Moskva",
        "Russian Federation", "55.7522", "37.6156",
    ],
    [
        "926687", "1995-01-01", "Police (Brazil)", "Police", "Brazil",
        "Arrest, detain, or charge with legal action", "173", "-5", "Criminal (Brazil)", "Criminal", "Brazil",
        "28235810", "1", "Agence France-Presse",
        "", "", "Rio de Janeiro", "Brazil", "-22.5", "-43.25",
    ],
]  # fmt: skip


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def gdelt_file(tmp_path: Path) -> Path:
    return write_lines(tmp_path / "20220302.export.CSV", ["\t".join(r) for r in GDELT_ROWS])


def icews_file(tmp_path: Path) -> Path:
    return write_lines(tmp_path / "events.1995.tab", [icews.HEADER, *("\t".join(r) for r in ICEWS_ROWS)])


@pytest.fixture
def store(db_url):
    s = Store(db_url)
    yield s
    s.close()


def export_text(store: Store, fmt: str, **filters) -> str:
    buf = io.StringIO()
    export_events(store, fmt, buf, **filters)
    return buf.getvalue()


def own_events(store: Store) -> None:
    """Detente's own events: a story in two copies, an IGO actor, a place, an undated mention."""
    kazan = Location("Kazan", "RUS", 55.78874, 49.12214, 551487, "city")
    text = story_text(1)
    events = [
        {**TALKS, "location": kazan},
        {"source": "IGOUNOWFP", "target": "AFG", "cameo": "0233", "date": "2024-03-11", "sentence": 1},
        {"source": "RUSGOV", "target": "UKRGOV", "cameo": "164", "date": None, "sentence": 2},
        {"source": "UKRMIL", "target": None, "cameo": "0874", "sentence": 3, "negated": True},
    ]
    store.add(coded_article(text, events, url="https://a.example/1", publisher="Agence A"))
    store.add(coded_article(reworded(text), events[:2], url="https://b.example/1", publisher="Bureau B"))


def test_a_gdelt_file_is_imported_and_exported_exactly(store, tmp_path):
    path = gdelt_file(tmp_path)
    summary = import_files(store, "gdelt", [path])
    assert (summary.files, summary.rows, summary.new, summary.duplicates, summary.bad) == (1, 3, 3, 0, 0)
    assert export_text(store, "gdelt") == path.read_text(encoding="utf-8")
    again = import_files(store, "gdelt", [path])
    assert (again.new, again.duplicates) == (0, 3)

    strike = next(store.events(source="RUS", target="UKR"))
    assert strike["origin"] == "gdelt" and strike["ext_id"] == "1037292034"
    assert (strike["cameo"], strike["cameo_root"], strike["quad_class"], strike["goldstein"]) == (
        "190",
        "19",
        4,
        -10.0,
    )
    assert (strike["num_mentions"], strike["num_sources"], strike["num_articles"]) == (20, 2, 20)
    assert strike["tone"] == pytest.approx(-7.142857) and strike["is_root"]
    assert strike["location_country"] == "UKR" and strike["lat"] == pytest.approx(
        50.4333
    )  # FIPS UP -> ISO UKR
    assert strike["plover"] == "ASSAULT" and str(strike["event_date"]) == "2022-03-01"
    un = next(store.events(source="UNO"))
    assert un["source_sector"] == "IGO" and un["target_code"] is None and un["location_name"] is None
    later = store.events(since=dt.date(2022, 3, 2))
    assert sorted(r["ext_id"] for r in later) == ["1037292035", "1037292036"]


def test_bad_gdelt_lines_are_reported_and_the_rest_imported(store, tmp_path):
    short = "\t".join(GDELT_ROWS[0][:57])
    not_cameo = "\t".join([*GDELT_ROWS[1][:26], "X10", *GDELT_ROWS[1][27:]])
    path = write_lines(
        tmp_path / "bad.CSV", ["\t".join(GDELT_ROWS[0]), short, not_cameo, "\t".join(GDELT_ROWS[2])]
    )
    summary = import_files(store, "gdelt", [path])
    assert (summary.new, summary.bad) == (2, 2)
    assert [(b.line, "61" in b.reason or "CAMEO" in b.reason) for b in summary.examples] == [
        (2, True),
        (3, True),
    ]
    assert str(summary.examples[0]).startswith(f"{path}:2: expected 61")


def test_compressed_gdelt_files_are_read(store, tmp_path):
    plain = gdelt_file(tmp_path)
    gz = tmp_path / "a.export.CSV.gz"
    gz.write_bytes(gzip.compress(plain.read_bytes()))
    zipped = tmp_path / "b.export.CSV.zip"
    with zipfile.ZipFile(zipped, "w") as z:
        z.write(plain, "20220302.export.CSV")
    assert (
        [r["ext_id"] for r in gdelt.read(gz)]
        == [r["ext_id"] for r in gdelt.read(zipped)]
        == [r[0] for r in GDELT_ROWS]
    )
    summary = import_files(store, "gdelt", [gz, zipped])
    assert (summary.files, summary.new, summary.duplicates) == (2, 3, 3)


def test_an_icews_file_is_imported_and_exported_exactly(store, tmp_path):
    path = icews_file(tmp_path)
    summary = import_files(store, "icews", [path])
    assert (summary.new, summary.bad) == (2, 0)
    assert export_text(store, "icews") == path.read_text(encoding="utf-8")
    praise = next(store.events(source="RUS"))
    assert (praise["source_code"], praise["target_country"], praise["cameo"]) == ("RUSGOV", "RUS", "051")
    assert praise["location_name"] == "Moscow" and praise["location_feature"] == "city"
    arrest = next(store.events(source="BRA"))
    assert (arrest["source_code"], arrest["target_code"], arrest["goldstein"]) == ("BRACOP", "BRACRM", -5.0)
    assert arrest["location_name"] == "Rio de Janeiro" and arrest["location_feature"] == "admin"


@pytest.mark.parametrize("fmt", ["gdelt", "icews"])
def test_own_events_survive_export_import_export(fmt, db_url, tmp_path, pg_or_sqlite_second):
    first = Store(db_url)
    own_events(first)
    exported = export_text(first, fmt)
    path = write_lines(tmp_path / f"own.{fmt}", exported.splitlines())
    second = Store(pg_or_sqlite_second)
    summary = import_files(second, fmt, [path])
    assert summary.new == len(list(first.events())) == 4 and summary.bad == 0
    assert export_text(second, fmt) == exported

    # The analysis columns of the import agree with the original events (ICEWS names no country
    # for an organisation such as the UN's food agency).
    def key(r: dict) -> tuple:
        states = fmt == "gdelt" or r["source_code"] != "IGOUNOWFP"
        return (r["cameo"], gdelt.event_day(r), r["source_country"] if states else None, r["target_country"])

    assert {key(r) for r in second.events()} == {key(r) for r in first.events()}
    first.close()
    second.close()


@pytest.fixture
def pg_or_sqlite_second(db_url, tmp_path, request):
    """A second empty store on the same backend as db_url."""
    if db_url.startswith("postgresql"):
        return request.getfixturevalue("new_pg_database")()
    return str(tmp_path / "second.db")


def test_gdelt_columns_of_own_events(store):
    own_events(store)
    lines = export_text(store, "gdelt").splitlines()
    assert len(lines) == 4 and all(len(line.split("\t")) == 61 for line in lines)
    rows = [dict(zip(gdelt.COLUMNS, line.split("\t"), strict=True)) for line in lines]
    talks = next(r for r in rows if r["EventCode"] == "040")
    assert (talks["SQLDATE"], talks["MonthYear"], talks["Year"], talks["FractionDate"]) == (
        "20240311",
        "202403",
        "2024",
        f"{2024 + (3 * 30 + 11) / 365:.4f}",
    )
    assert (talks["Actor1Code"], talks["Actor1CountryCode"], talks["Actor1Type1Code"]) == (
        "RUSGOV",
        "RUS",
        "GOV",
    )
    assert (talks["NumMentions"], talks["NumSources"], talks["NumArticles"], talks["AvgTone"]) == (
        "2",
        "2",
        "2",
        "",
    )
    assert (talks["QuadClass"], talks["GoldsteinScale"], talks["IsRootEvent"]) == ("1", "1", "1")
    assert (talks["ActionGeo_Type"], talks["ActionGeo_FullName"], talks["ActionGeo_CountryCode"]) == (
        "4",
        "Kazan, Russia",
        "RS",
    )
    assert (talks["ActionGeo_ADM1Code"], talks["ActionGeo_FeatureID"]) == ("RS73", "551487")
    assert talks["Actor1Geo_Type"] == "0" and talks["SOURCEURL"] == "https://a.example/1"
    assert len(talks["DATEADDED"]) == 14 and talks["DATEADDED"].isdigit()
    wfp = next(r for r in rows if r["EventCode"] == "0233")
    assert (wfp["Actor1KnownGroupCode"], wfp["Actor1CountryCode"]) == ("UNO", "")
    assert (wfp["Actor1Type1Code"], wfp["Actor1Type2Code"]) == ("IGO", "WFP")
    assert (wfp["EventBaseCode"], wfp["EventRootCode"], wfp["Actor2CountryCode"]) == ("023", "02", "AFG")
    halt = next(r for r in rows if r["EventCode"] == "164")
    assert halt["SQLDATE"] == "20240312"  # undated: filed under the article's publication date
    assert halt["NumMentions"] == "1" and halt["ActionGeo_Type"] == "0"


def test_icews_columns_of_own_events(store):
    own_events(store)
    lines = export_text(store, "icews").splitlines()
    assert lines[0] == icews.HEADER and len(lines) == 5
    rows = [dict(zip(icews.COLUMNS, line.split("\t"), strict=True)) for line in lines[1:]]
    halt = next(r for r in rows if r["CAMEO Code"] == "164")
    assert halt["Intensity"] == "-6.5"  # the ICEWS Goldstein value (GDELT's is -7)
    assert (halt["Source Country"], halt["Source Sectors"], halt["Event Text"]) == (
        "Russia",
        "Government",
        "Halt negotiations",
    )
    talks = next(r for r in rows if r["CAMEO Code"] == "040")
    assert (talks["City"], talks["Country"], talks["Latitude"]) == ("Kazan", "Russia", "55.78874")
    assert talks["Publisher"] == "Agence A" and talks["Sentence Number"] == "1" and talks["Story ID"]


def test_plover_lines_name_every_source_document(store):
    own_events(store)
    objs = [json.loads(line) for line in export_text(store, "plover").splitlines()]
    talks = next(o for o in objs if o["cameo"] == "040")
    assert (talks["event_type"], talks["quad_code"], talks["event_date"]) == ("CONSULT", 1, "2024-03-11")
    assert talks["actor"] == {
        "name": "name of RUSGOV",
        "code": "RUSGOV",
        "country": "RUS",
        "country_name": "Russia",
        "sector": "GOV",
    }
    assert talks["location"]["geonames_id"] == 551487 and talks["num_mentions"] == 2
    assert talks["mutual"] is True  # a meeting's actor and recipient are only in the order named
    assert sorted(a["url"] for a in talks["source_articles"]) == [
        "https://a.example/1",
        "https://b.example/1",
    ]
    assert all(a["sentence"] for a in talks["source_articles"])
    retreat = next(o for o in objs if o["cameo"] == "0874")
    assert retreat["event_mode"] == "withdraw" and retreat["negated"] and retreat["recipient"] is None
    assert "military" in retreat["contexts"] and retreat["mutual"] is False


def test_csv_and_parquet_hold_the_same_filtered_table(store, tmp_path):
    pyarrow_parquet = pytest.importorskip("pyarrow.parquet")
    own_events(store)
    rows = list(csv.DictReader(io.StringIO(export_text(store, "csv", source="RUS"))))
    assert list(rows[0]) == table.NAMES
    assert {r["cameo"] for r in rows} == {"040", "164"}
    assert next(r for r in rows if r["cameo"] == "040")["num_mentions"] == "2"
    out = tmp_path / "events.parquet"
    assert export_events(store, "parquet", out, source="RUS") == 2
    pq = pyarrow_parquet.read_table(out)
    assert pq.column_names == table.NAMES and pq.num_rows == 2
    assert str(pq.schema.field("event_date").type) == "date32[day]"
    assert sorted(pq.column("cameo").to_pylist()) == ["040", "164"]
    assert pq.column("date_added").type.tz == "UTC"


def test_an_interrupted_import_keeps_what_it_committed(store, tmp_path):
    path = write_lines(tmp_path / "many.CSV", [_gdelt_line(i) for i in range(50)])

    def broken():
        for n, row in enumerate(gdelt.read(path)):
            if n == 35:
                raise OSError("disk unplugged")
            assert not isinstance(row, BadLine)
            yield row

    with pytest.raises(OSError):
        store.import_events(broken(), batch=10, commit_every=20)
    assert store.counts()["events"] == 20  # two committed transactions of 10 + 10; the rest rolled back
    summary = import_files(store, "gdelt", [path])
    assert (summary.new, summary.duplicates) == (30, 20)


def _gdelt_line(i: int) -> str:
    row = list(GDELT_ROWS[0])
    row[0] = str(5000 + i)
    return "\t".join(row)
