"""Checks of the office-holder knowledge base, actors/data/people.tsv.

The file is read with the csv module only, so these tests hold whatever loader the
resolver uses. Format: docs/data-formats.md (tab-separated, '#' lines are comments).
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from datetime import date
from itertools import pairwise
from pathlib import Path

import pytest

PEOPLE = Path(__file__).resolve().parents[1] / "src" / "detente" / "actors" / "data" / "people.tsv"
HEADER = ["id", "name", "aliases", "country", "sector", "title", "start", "end"]
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
COUNTRY = re.compile(r"^[A-Z]{2,5}$")
SECTORS = {"", "GOV", "LEG", "MIL", "JUD", "REB", "OPP", "INS", "PTY", "ELI"}
# Family names shared by many people in the news: never a bare alias.
AMBIGUOUS_SURNAMES = {
    "kim",
    "li",
    "wang",
    "lee",
    "park",
    "khan",
    "sharif",
    "salman",
    "abdullah",
    "bush",
    "clinton",
    "may",
    "singh",
    "zardari",
    "maliki",
    "al-maliki",
    "akhund",
}


def _read_rows() -> tuple[list[str], list[dict[str, str]]]:
    with PEOPLE.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(reader)
    rows = []
    for number, fields in enumerate(reader, start=2):
        assert len(fields) == len(HEADER), f"data row {number} has {len(fields)} fields: {fields}"
        rows.append(dict(zip(HEADER, fields, strict=True)))
    return header, rows


@pytest.fixture(scope="module")
def table() -> tuple[list[str], list[dict[str, str]]]:
    return _read_rows()


@pytest.fixture(scope="module")
def rows(table: tuple[list[str], list[dict[str, str]]]) -> list[dict[str, str]]:
    return table[1]


@pytest.fixture(scope="module")
def people(rows: list[dict[str, str]]) -> dict[str, dict]:
    """id -> {"name", "aliases", "roles"} with the name and aliases of the first row."""
    result: dict[str, dict] = {}
    for row in rows:
        person = result.setdefault(row["id"], {"name": row["name"], "aliases": row["aliases"], "roles": []})
        person["roles"].append(row)
    return result


def _day(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def _active(role: dict[str, str], on: date) -> bool:
    start, end = _day(role["start"]), _day(role["end"])
    return (start is None or start <= on) and (end is None or on <= end)


def _names(person: dict) -> list[str]:
    return [person["name"], *[a for a in person["aliases"].split("|") if a]]


def _roles_of(people: dict[str, dict], name: str, on: date) -> list[dict[str, str]]:
    """Roles on a day of the one person whose name or alias is `name`."""
    matches = [p for p in people.values() if name.casefold() in {n.casefold() for n in _names(p)}]
    assert len(matches) == 1, f"{name!r} names {len(matches)} people"
    return [role for role in matches[0]["roles"] if _active(role, on)]


def test_exact_header(table: tuple[list[str], list[dict[str, str]]]) -> None:
    assert table[0] == HEADER


def test_file_opens_with_provenance_comment() -> None:
    first = PEOPLE.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("#")
    text = PEOPLE.read_text(encoding="utf-8")
    assert "Provenance" in text and "reliable up to" in text


def test_ids_are_slugs(rows: list[dict[str, str]]) -> None:
    bad = sorted({row["id"] for row in rows if not SLUG.match(row["id"])})
    assert not bad, f"ids that are not lower-case ascii slugs: {bad}"


def test_each_person_is_one_block_whose_first_row_has_the_name(rows: list[dict[str, str]]) -> None:
    seen: set[str] = set()
    previous = None
    for row in rows:
        if row["id"] != previous:
            assert row["id"] not in seen, f"rows of {row['id']} are not contiguous"
            assert row["name"], f"first row of {row['id']} has no name"
            seen.add(row["id"])
        else:
            assert not row["name"] and not row["aliases"], f"later row of {row['id']} repeats name/aliases"
        previous = row["id"]


def test_codes_and_titles(rows: list[dict[str, str]]) -> None:
    for row in rows:
        assert COUNTRY.match(row["country"]), row
        assert row["sector"] in SECTORS, row
        assert row["title"].strip() == row["title"] and row["title"], row


def test_dates_parse_and_start_not_after_end(rows: list[dict[str, str]]) -> None:
    for row in rows:
        for key in ("start", "end"):
            if row[key]:
                assert ISO_DATE.match(row[key]), row
                _day(row[key])  # raises on impossible dates such as 2023-02-30
        start, end = _day(row["start"]), _day(row["end"])
        if start and end:
            assert start <= end, row


def test_roles_with_the_same_title_do_not_overlap(people: dict[str, dict]) -> None:
    for person_id, person in people.items():
        by_title: dict[str, list[tuple[date, date]]] = defaultdict(list)
        for role in person["roles"]:
            start = _day(role["start"]) or date.min
            end = _day(role["end"]) or date.max
            by_title[role["title"]].append((start, end))
        for title, spans in by_title.items():
            spans.sort()
            for (_, end_a), (start_b, _) in pairwise(spans):
                assert end_a < start_b, f"{person_id}: overlapping {title!r} roles"


def test_no_alias_names_two_people(people: dict[str, dict]) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for person_id, person in people.items():
        for name in _names(person):
            owners[name.casefold()].add(person_id)
    clashes = {name: sorted(ids) for name, ids in owners.items() if len(ids) > 1}
    for name, ids in sorted(clashes.items()):
        print(f"alias clash: {name!r} -> {', '.join(ids)}")
    assert not clashes


def test_aliases_are_clean(people: dict[str, dict]) -> None:
    for person_id, person in people.items():
        names = [n.casefold() for n in _names(person)]
        assert len(names) == len(set(names)), f"{person_id}: repeated name or alias"
        assert all(n == n.strip() and n for n in names), person_id
        shared = AMBIGUOUS_SURNAMES.intersection(names)
        assert not shared, f"{person_id}: ambiguous bare surname {shared}"


@pytest.mark.parametrize(
    ("name", "on", "country", "sector", "title"),
    [
        ("Sergey Lavrov", "2023-09-29", "RUS", "GOV", "Foreign Minister"),
        ("Sergei Lavrov", "2023-09-29", "RUS", "GOV", "Foreign Minister"),
        ("Amir Khan Muttaqi", "2023-09-29", "AFG", "GOV", None),
        ("Vladimir Putin", "2017-06-01", "RUS", "GOV", "President"),
        ("Putin", "2023-09-29", "RUS", "GOV", "President"),
        ("Donald Trump", "2018-01-01", "USA", "GOV", "President"),
        ("Trump", "2025-06-01", "USA", "GOV", "President"),
        ("Guterres", "2020-01-01", "UNO", None, "Secretary-General"),
        ("Zamir Kabulov", "2023-09-29", "RUS", "GOV", None),
        ("MBS", "2023-01-01", "SAU", "GOV", "Prime Minister"),
        ("Zelenskyy", "2023-09-29", "UKR", "GOV", "President"),
        ("Haibatullah Akhundzada", "2019-01-01", "AFG", "REB", None),
        ("Haibatullah Akhundzada", "2023-09-29", "AFG", "GOV", "Supreme Leader"),
        ("King Salman", "2023-09-29", "SAU", "GOV", "King"),
    ],
)
def test_spot_checks(
    people: dict[str, dict], name: str, on: str, country: str, sector: str | None, title: str | None
) -> None:
    roles = _roles_of(people, name, date.fromisoformat(on))
    hits = [
        r
        for r in roles
        if r["country"] == country
        and (sector is None or r["sector"] == sector)
        and (title is None or r["title"] == title)
    ]
    assert hits, f"{name} on {on}: expected {country} {sector} {title}, found {roles}"


def test_trump_out_of_office_in_2022(people: dict[str, dict]) -> None:
    roles = _roles_of(people, "Donald Trump", date(2022, 1, 1))
    assert not [r for r in roles if r["country"] == "USA" and r["sector"] == "GOV"]


def test_one_un_secretary_general_at_a_time(rows: list[dict[str, str]]) -> None:
    for day in (date(2014, 1, 1), date(2016, 12, 31), date(2017, 1, 1), date(2024, 1, 1)):
        holders = {
            r["id"]
            for r in rows
            if r["country"] == "UNO" and r["title"] == "Secretary-General" and _active(r, day)
        }
        assert len(holders) == 1, (day, holders)
