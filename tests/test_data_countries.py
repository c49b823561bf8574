"""Checks of the country and region knowledge base (actors/data/countries.tsv, regions.tsv).

The files are read with the csv module only, so these tests say whether the data keep the
format of docs/data-formats.md, whatever the loader does with them.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "src" / "detente" / "actors" / "data"

COUNTRY_COLUMNS = [
    "code",
    "name",
    "aliases",
    "adjectives",
    "capitals",
    "seats",
    "descriptors",
    "kind",
    "valid",
    "region",
    "lat",
    "lon",
    "formerly",
]
REGION_COLUMNS = ["code", "name", "aliases", "adjectives", "members"]
KINDS = {"member", "observer", "partial", "historical"}

# The 193 member states of the United Nations (ISO 3166-1 alpha-3), a fixed reference list.
_UN_MEMBER_CODES = """
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA
BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP CZE PRK COD DNK
DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB
GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO
LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MDA MCO MNG MNE MAR MOZ MMR NAM
NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR ROU RUS RWA
KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE
SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB
ZWE
"""
UN_MEMBERS = frozenset(_UN_MEMBER_CODES.split())

# Columns whose values are names a resolver looks up; no two rows may claim the same one.
NAME_COLUMNS = ("name", "aliases", "adjectives", "capitals")


def read_tsv(name: str) -> tuple[list[str], list[dict[str, str]], list[str]]:
    """Header, rows and the leading comment lines of a package data file."""
    path = DATA / name
    text = path.read_text(encoding="utf-8")
    comments = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        comments.append(line)
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(reader)
    rows = []
    for n, cells in enumerate(reader, 2):
        assert len(cells) == len(header), f"{name} data row {n}: {len(cells)} cells, header has {len(header)}"
        rows.append(dict(zip(header, cells, strict=True)))
    return header, rows, comments


def values(cell: str) -> list[str]:
    return cell.split("|") if cell else []


def fold(text: str) -> str:
    """The comparison form the knowledge base uses: lower case, no accents, straight quotes."""
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def seat_name(seat: str) -> str:
    name = seat.partition("=")[0]
    return name[4:] if name.lower().startswith("the ") else name


def parse_valid(cell: str) -> tuple[dt.date, dt.date]:
    start, sep, end = cell.partition("..")
    assert sep, f"valid {cell!r} is not START..END"
    return dt.date.fromisoformat(start), dt.date.fromisoformat(end)


@pytest.fixture(scope="module")
def countries() -> tuple[list[str], list[dict[str, str]], list[str]]:
    return read_tsv("countries.tsv")


@pytest.fixture(scope="module")
def regions() -> tuple[list[str], list[dict[str, str]], list[str]]:
    return read_tsv("regions.tsv")


@pytest.fixture(scope="module")
def by_code(countries) -> dict[str, dict[str, str]]:
    return {r["code"]: r for r in countries[1]}


@pytest.fixture(scope="module")
def region_by_code(regions) -> dict[str, dict[str, str]]:
    return {r["code"]: r for r in regions[1]}


def test_headers(countries, regions):
    assert countries[0] == COUNTRY_COLUMNS
    assert regions[0] == REGION_COLUMNS


@pytest.mark.parametrize("name", ["countries.tsv", "regions.tsv"])
def test_provenance_header(name):
    comments = read_tsv(name)[2]
    assert comments, f"{name} must open with a comment block"
    block = "\n".join(comments).lower()
    assert "provenance" in block and "licen" in block


@pytest.mark.parametrize("fixture", ["countries", "regions"])
def test_codes_unique_and_well_formed(fixture, request):
    rows = request.getfixturevalue(fixture)[1]
    codes = [r["code"] for r in rows]
    bad = [c for c in codes if not re.fullmatch(r"[A-Z]{3}", c)]
    assert not bad, f"codes that are not three capital letters: {bad}"
    dupes = sorted({c for c in codes if codes.count(c) > 1})
    assert not dupes, f"duplicate codes: {dupes}"


@pytest.mark.parametrize("fixture", ["countries", "regions"])
def test_cells_are_clean(fixture, request):
    """No stray spaces, no empty values between bars, no value repeated within a row."""
    for r in request.getfixturevalue(fixture)[1]:
        assert r["name"], r
        for col, cell in r.items():
            assert cell == cell.strip(), (r["code"], col, cell)
            vs = values(cell)
            assert all(v and v == v.strip() for v in vs), (r["code"], col, cell)
        # Lower-cased, not folded: accented and plain spellings (Bogotá|Bogota) are both needed.
        written = [v.lower() for col in ("name", "aliases", "adjectives") for v in values(r[col])]
        repeated = sorted({w for w in written if written.count(w) > 1})
        assert not repeated, (r["code"], repeated)


def test_all_un_members_present(by_code):
    assert len(UN_MEMBERS) == 193
    missing = sorted(UN_MEMBERS - by_code.keys())
    assert not missing, f"UN members missing: {missing}"
    members = {c for c, r in by_code.items() if r["kind"] == "member"}
    assert members == UN_MEMBERS, (sorted(members - UN_MEMBERS), sorted(UN_MEMBERS - members))


def test_required_non_members(by_code):
    expected = {
        "PSE": "observer",
        "VAT": "observer",
        "XKX": "partial",
        "TWN": "partial",
        "ESH": "partial",
        "SUN": "historical",
        "YUG": "historical",
        "CSK": "historical",
        "DDR": "historical",
    }
    for code, kind in expected.items():
        assert code in by_code, code
        assert by_code[code]["kind"] == kind, (code, by_code[code]["kind"])


def test_kinds_and_valid_ranges(by_code):
    for code, r in by_code.items():
        assert r["kind"] in KINDS, (code, r["kind"])
        if r["kind"] == "historical":
            start, end = parse_valid(r["valid"])
            assert start < end, (code, r["valid"])
            assert end <= dt.date.today(), (code, r["valid"])
        elif r["formerly"]:
            # a secession: part of a state that still exists until its independence
            start, sep, end = r["valid"].partition("..")
            assert sep and not end, (code, r["valid"])
            assert dt.date.fromisoformat(start) <= dt.date.today(), code
            assert r["formerly"] in by_code and r["formerly"] != code, code
            assert by_code[r["formerly"]]["kind"] != "historical", code
        else:
            assert r["valid"] == "", (code, "only historical states and secessions carry a validity range")
    assert by_code["SUN"]["valid"] == "1922-12-30..1991-12-26"
    assert by_code["SSD"]["formerly"] == "SDN"


def test_coordinates(by_code):
    for code, r in by_code.items():
        lat, lon = float(r["lat"]), float(r["lon"])
        assert -90 <= lat <= 90, (code, lat)
        assert -180 <= lon <= 180, (code, lon)


def test_region_codes_exist(by_code, region_by_code):
    used = {r["region"] for r in by_code.values() if r["region"]}
    missing = sorted(used - region_by_code.keys())
    assert not missing, f"regions used by countries.tsv but not in regions.tsv: {missing}"
    # Most states have a region; CAMEO has no code for Oceania, so only those may be empty.
    empty = {c for c, r in by_code.items() if not r["region"]}
    oceania = {
        "AUS",
        "NZL",
        "PNG",
        "FJI",
        "SLB",
        "VUT",
        "WSM",
        "TON",
        "KIR",
        "TUV",
        "NRU",
        "PLW",
        "MHL",
        "FSM",
    }
    assert empty <= oceania, sorted(empty - oceania)


def test_region_members(by_code, region_by_code):
    for code, reg in region_by_code.items():
        members = values(reg["members"])
        unknown = [m for m in members if m not in by_code]
        assert not unknown, (code, unknown)
        assert len(members) == len(set(members)), code
        if members:
            # A current state whose primary region has a member list is on that list.
            outside = [
                c
                for c, r in by_code.items()
                if r["region"] == code and r["kind"] != "historical" and c not in members
            ]
            assert not outside, (code, outside)


def test_seats_and_descriptors(by_code):
    for code, r in by_code.items():
        for seat in values(r["seats"]):
            name, sep, sector = seat.partition("=")
            assert name.strip() == name and name, (code, seat)
            if sep:
                assert re.fullmatch(r"[A-Z]{3}", sector), (code, seat)
        for d in values(r["descriptors"]):
            assert d not in {"country", "nation", "state"}, (code, d)


def test_combining_forms(by_code):
    forms = {a: code for code, r in by_code.items() for a in values(r["adjectives"]) if a.endswith("-")}
    assert all(re.fullmatch(r"[A-Z][a-z]+-", f) for f in forms), sorted(forms)
    for form, code in {
        "Sino-": "CHN",
        "Russo-": "RUS",
        "Indo-": "IND",
        "Franco-": "FRA",
        "Anglo-": "GBR",
        "Turco-": "TUR",
        "Greco-": "GRC",
        "Italo-": "ITA",
    }.items():
        assert forms.get(form) == code, form
    assert "Afro-" not in forms


def claims(rows: list[dict[str, str]], columns: tuple[str, ...]) -> dict[str, set[str]]:
    """Folded name -> the codes of the rows that claim it in any of the given columns."""
    out: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        for col in columns:
            for v in values(r[col]):
                out[fold(v)].add(r["code"])
    return out


def test_no_name_claimed_by_two_countries(countries, by_code):
    """Names, aliases, adjectives and capitals each belong to one row.

    A historical state may share its capital and seats with a successor (Moscow, the Kremlin,
    Belgrade): the resolver chooses by date. Names, aliases and adjectives are never shared.
    """
    rows = countries[1]
    clashes = []
    for text, codes in sorted(claims(rows, ("name", "aliases", "adjectives")).items()):
        if len(codes) > 1:
            clashes.append((text, sorted(codes)))
    everything = claims(rows, NAME_COLUMNS)
    seats: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        for s in values(r["seats"]):
            seats[fold(seat_name(s))].add(r["code"])
    for table in (everything, seats):
        for text, codes in sorted(table.items()):
            current = {c for c in codes if by_code[c]["kind"] != "historical"}
            if len(current) > 1:
                clashes.append((text, sorted(codes)))
    clashes = sorted(set((t, tuple(c)) for t, c in clashes))
    for text, codes in clashes:
        print(f"clash: {text!r} claimed by {', '.join(codes)}")
    assert not clashes, f"{len(clashes)} names claimed by more than one row: {clashes}"
    # And names of one row are not capitals or seats of another current row.
    names = claims(rows, ("name", "aliases", "adjectives"))
    crossed = [
        (t, sorted(names[t] | seats[t])) for t in names.keys() & seats.keys() if len(names[t] | seats[t]) > 1
    ]
    assert not crossed, crossed


def test_no_name_claimed_by_a_country_and_a_region(countries, regions):
    country_names = claims(countries[1], NAME_COLUMNS)
    region_names = claims(regions[1], ("name", "aliases", "adjectives"))
    clashes = sorted(
        (t, sorted(country_names[t]), sorted(region_names[t]))
        for t in country_names.keys() & region_names.keys()
    )
    for clash in clashes:
        print("country/region clash:", clash)
    assert not clashes
    for text, codes in region_names.items():
        assert len(codes) == 1, (text, sorted(codes))


def test_spot_checks(by_code, region_by_code):
    rus = by_code["RUS"]
    assert "Russian" in values(rus["adjectives"])
    assert "Moscow" in values(rus["capitals"])
    assert "the Kremlin" in values(rus["seats"])
    assert "Afghan" in values(by_code["AFG"]["adjectives"])
    sau = by_code["SAU"]
    assert "Saudi" in values(sau["adjectives"])
    assert "kingdom" in values(sau["descriptors"])
    sun = by_code["SUN"]
    assert "Soviet" in values(sun["adjectives"])
    assert sun["kind"] == "historical"
    assert "Western" in values(region_by_code["WST"]["adjectives"])
    assert region_by_code["WST"]["name"] == "the West"
    usa = by_code["USA"]
    for alias in ("U.S.", "US", "USA", "U.S.A.", "America", "United States of America"):
        assert alias in values(usa["aliases"]), alias
    assert "the Pentagon=MIL" in values(usa["seats"])
    assert {"DPRK", "ROK", "DRC", "UAE", "KSA"} <= {a for r in by_code.values() for a in values(r["aliases"])}
    assert "Kiev" in values(by_code["UKR"]["capitals"]) and "Kyiv" in values(by_code["UKR"]["capitals"])
    # Short capitalised aliases match only in capitals; the lower-case word must never be an alias.
    assert not any(a == "us" for r in by_code.values() for a in values(r["aliases"]))
    assert set(values(region_by_code["CAS"]["members"])) == {"KAZ", "KGZ", "TJK", "TKM", "UZB"}
