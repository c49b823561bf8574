"""Actor knowledge base: organizations.tsv, groups.tsv and agents.tsv are well formed and consistent.

The files are read with the csv module only (tab-separated, `#` comment lines skipped), so these
tests check the data as written, independently of the loader.
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "src" / "detente" / "actors" / "data"

COLUMNS = {
    "organizations.tsv": ["code", "country", "sector", "name", "aliases", "kind", "members"],
    "groups.tsv": ["id", "name", "aliases", "country", "sector", "code", "start", "end"],
    "agents.tsv": ["term", "sector", "title", "rank"],
}

ORG_KINDS = {"igo", "bloc", "agency", "court", "ngo", "media", "company"}
IGO_KINDS = {"igo", "bloc", "agency", "court"}  # rows whose country is the organisation's own code
GROUP_SECTORS = {"GOV", "MIL", "COP", "SPY", "REB", "SEP", "UAF", "OPP", "PTY", "CRM"}
STATE_SECTORS = {"GOV", "MIL", "COP", "SPY", "GOVBUS"}  # state bodies; GOVBUS central banks, as in agents.tsv
AGENT_SECTORS = {
    "GOV", "MIL", "COP", "SPY", "JUD", "LEG", "PTY", "OPP", "REB", "SEP", "UAF", "RAD", "BUS", "MED",
    "EDU", "HLH", "HRI", "NGO", "ENV", "REF", "CVL", "LAB", "AGR", "ELI", "CRM", "REL",
}  # fmt: skip
AGENT_RANKS = {
    "head-of-state", "head-of-government", "royal", "minister", "diplomat", "official", "government",
    "legislator", "judicial", "military", "police", "intelligence", "rebel", "group", "party",
    "opposition", "business", "media", "professional", "civil-society", "civilian", "religious",
    "criminal", "elite", "platform", "munition",
}  # fmt: skip
ISO3 = re.compile(r"[A-Z]{3}")
ORG_CODE = re.compile(r"[A-Z][A-Z0-9]*")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Table:
    comments: list[str]
    header: list[str]
    cells: list[list[str]]  # raw data rows, as split by csv

    @property
    def rows(self) -> list[dict[str, str]]:
        return [dict(zip(self.header, cells, strict=False)) for cells in self.cells]


@cache
def load(name: str) -> Table:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    comments = [line for line in lines if line.startswith("#")]
    body = [line for line in lines if line.strip() and not line.startswith("#")]
    header, *cells = csv.reader(body, delimiter="\t", quoting=csv.QUOTE_NONE)
    return Table(comments, header, cells)


def split(cell: str) -> list[str]:
    return cell.split("|") if cell else []


def strict(alias: str) -> bool:
    """The docs' rule: an alias in capitals of at most five characters matches only in capitals."""
    return alias.isupper() and len(alias) <= 5


def match_key(alias: str) -> str:
    return alias if strict(alias) else alias.casefold()


def names(row: dict[str, str]) -> list[str]:
    return [row["name"], *split(row["aliases"])] if row["name"] else split(row["aliases"])


def clashes(owners: dict[str, set[str]]) -> dict[str, list[str]]:
    return {key: sorted(who) for key, who in owners.items() if len(who) > 1}


def day(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def role_at(group_id: str, when: dt.date) -> dict[str, str] | None:
    """The role of a group on a day: the row of that id whose [start, end] contains the day."""
    for row in load("groups.tsv").rows:
        if row["id"] != group_id:
            continue
        start, end = day(row["start"]) or dt.date.min, day(row["end"]) or dt.date.max
        if start <= when <= end:
            return row
    return None


# --- all three files ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_header_columns_are_exact(name):
    assert load(name).header == COLUMNS[name]


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_every_file_opens_with_provenance(name):
    table = load(name)
    first = (DATA / name).read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("#")
    assert any("Provenance" in line for line in table.comments)
    assert any("Last checked" in line for line in table.comments)


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_cells_are_clean(name):
    table = load(name)
    assert table.cells, f"{name} has no data rows"
    for cells in table.cells:
        assert len(cells) == len(table.header), cells
        for cell in cells:
            assert cell == cell.strip(), cells
            assert '"' not in cell, cells  # QUOTE_NONE: a quote would be read literally elsewhere
            assert all(part and part == part.strip() for part in split(cell)), cells


# --- organizations.tsv ----------------------------------------------------------------------------


def org_rows() -> list[dict[str, str]]:
    return load("organizations.tsv").rows


def test_org_kinds_are_known():
    assert {row["kind"] for row in org_rows()} <= ORG_KINDS


def test_every_igo_and_bloc_row_has_a_country_code():
    for row in org_rows():
        if row["kind"] in IGO_KINDS:
            assert ORG_CODE.fullmatch(row["country"]), row
            assert row["code"] == "IGO" + row["country"] + row["sector"], row
            if row["kind"] != "agency":
                assert not row["sector"], row


def test_org_agencies_belong_to_a_listed_parent():
    parents = {row["country"] for row in org_rows() if row["kind"] in {"igo", "bloc"}}
    for row in org_rows():
        if row["kind"] == "agency":
            assert row["sector"], row
            assert row["country"] in parents, row


def test_un_system_uses_uno():
    un = {row["code"]: row for row in org_rows() if row["country"] == "UNO"}
    assert un["IGOUNO"]["name"] == "United Nations"
    wfp = un["IGOUNOWFP"]
    assert wfp["sector"] == "WFP"
    assert {"World Food Program", "WFP", "the UN food agency", "United Nations food agency"} <= set(
        split(wfp["aliases"])
    )
    agencies = ("SC", "GA", "SG", "UNHCR", "UNICEF", "WHO", "IAEA", "UNRWA", "OHCHR", "UNIFIL")
    for agency in agencies:
        assert "IGOUNO" + agency in un, agency


def test_ngo_media_and_company_rows_follow_the_scheme():
    for row in org_rows():
        kind = row["kind"]
        if kind == "ngo":
            assert not row["country"], row
            assert row["sector"] in {"NGO", "HRI"}, row
            assert re.fullmatch(r"NGO[A-Z]+", row["code"]), row
        elif kind in {"media", "company"}:
            assert ISO3.fullmatch(row["country"]), row
            assert row["sector"] == ("MED" if kind == "media" else "BUS"), row
            assert row["code"] == row["country"] + row["sector"], row


def test_org_codes_are_unique():
    """Codes are unique, except that media and companies share their home country's CAMEO code
    (USAMED, RUSBUS) by design: for them the name is the identity."""
    seen: dict[str, str] = {}
    dupes = []
    for row in org_rows():
        if row["kind"] in {"media", "company"}:
            continue
        if row["code"] in seen:
            dupes.append((row["code"], seen[row["code"]], row["name"]))
        seen[row["code"]] = row["name"]
    print("duplicate codes:", dupes)
    assert not dupes
    names_ = [row["name"] for row in org_rows()]
    assert len(names_) == len(set(names_))


def test_org_members_are_iso_codes_of_blocs():
    for row in org_rows():
        members = split(row["members"])
        if members:
            assert row["kind"] in {"igo", "bloc"}, row
            assert all(ISO3.fullmatch(m) for m in members), row
            assert len(members) == len(set(members)), row


def test_bloc_memberships():
    by_code = {row["code"]: set(split(row["members"])) for row in org_rows()}
    assert {"BRA", "RUS", "IND", "CHN", "ZAF", "EGY", "ETH", "IRN", "ARE", "IDN"} <= by_code["IGOBRICS"]
    assert {"IND", "PAK", "IRN", "BLR"} <= by_code["IGOSCO"]
    assert {"FIN", "SWE"} <= by_code["IGONATO"] and len(by_code["IGONATO"]) == 32
    assert len(by_code["IGOEU"]) == 27 and "GBR" not in by_code["IGOEU"]
    assert by_code["IGOGCC"] == {"SAU", "ARE", "KWT", "QAT", "BHR", "OMN"}
    assert not by_code["IGOECOWAS"] & by_code["IGOAES"]


def test_org_aliases_of_different_organisations_do_not_clash():
    owners: dict[str, set[str]] = defaultdict(set)
    for row in org_rows():
        for alias in names(row):
            owners[match_key(alias)].add(row["name"])
    found = clashes(owners)
    print("alias clashes in organizations.tsv:", found)
    assert not found


# --- groups.tsv -----------------------------------------------------------------------------------


def group_roles() -> dict[str, list[dict[str, str]]]:
    roles: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in load("groups.tsv").rows:
        roles[row["id"]].append(row)
    return roles


def test_group_rows_of_one_id_are_contiguous_and_only_the_first_is_named():
    ids = [row["id"] for row in load("groups.tsv").rows]
    order = list(dict.fromkeys(ids))
    assert ids == [gid for gid in order for _ in range(ids.count(gid))]
    for gid, rows in group_roles().items():
        assert re.fullmatch(r"[a-z][a-z0-9_]*", gid), gid
        assert rows[0]["name"], f"{gid}: first row has no name"
        for later in rows[1:]:
            assert not later["name"] and not later["aliases"], later


def test_group_codes_and_sectors():
    for row in load("groups.tsv").rows:
        assert row["sector"] in GROUP_SECTORS | STATE_SECTORS, row
        assert ISO3.fullmatch(row["country"]), row
        if row["country"] == "IMG":
            assert re.fullmatch(r"IMG[A-Z]{3}", row["code"]), row
        else:
            assert row["code"] == row["country"] + row["sector"], row


def test_stacked_sectors_are_only_central_banks():
    """GOVBUS is the one stacked sector in groups.tsv, kept for central banks ("central bank" is
    GOVBUS in agents.tsv); every other row has a single three-letter sector."""
    stacked = {row["id"]: row for row in load("groups.tsv").rows if len(row["sector"]) != 3}
    assert stacked, "no central bank rows"
    for gid, row in stacked.items():
        assert row["sector"] == "GOVBUS", row
        written = " ".join(names(row)).lower()
        assert re.search(r"bank|banco|banque|banca|banxico|reserve|monetary", written), gid
    assert agents()["central bank"]["sector"] == "GOVBUS"


@pytest.mark.parametrize(
    ("group_id", "code"),
    [
        ("usaid", "USAGOV"),
        ("ice", "USACOP"),
        ("dhs", "USAGOV"),
        ("nsa", "USASPY"),
        ("dea", "USACOP"),
        ("federal_reserve", "USAGOVBUS"),
        ("gchq", "GBRSPY"),
        ("bnd", "DEUSPY"),
        ("bundeswehr", "DEUMIL"),
        ("carabinieri", "ITACOP"),
        ("mss", "CHNSPY"),
        ("mss_prk", "PRKSPY"),
        ("raw", "INDSPY"),
        ("kpa", "PRKMIL"),
        ("mois", "IRNSPY"),
        ("ispr", "PAKMIL"),
        ("nabu", "UKRCOP"),
        ("dss_nigeria", "NGASPY"),
        ("nds", "AFGSPY"),
        ("jica", "JPNGOV"),
    ],
)
def test_state_body_codes(group_id, code):
    rows = group_roles()[group_id]
    assert [row["code"] for row in rows] == [code]


def test_state_bodies_named_alike_abroad_are_not_bare_names():
    """Names that several states give their bodies are left to the sector-noun grammar
    (agents.tsv), so that "South Korea's Joint Chiefs of Staff" or "Burkina Faso's National
    Gendarmerie" take their own country: no groups.tsv row may claim them bare."""
    taken = {name.casefold() for row in load("groups.tsv").rows for name in names(row)}
    shared = [
        "Joint Chiefs of Staff", "Central Command", "Southern Command", "National Gendarmerie",
        "Gendarmerie", "Self-Defense Forces", "Secret Service", "Border Patrol", "Intelligence Bureau",
        "National Intelligence Service", "Federal Police", "State Council", "Foreign Legion",
        "Metropolitan Police", "National Guard", "Justice Department", "State Department", "Treasury",
    ]  # fmt: skip
    assert not [name for name in shared if name.casefold() in taken]


def test_group_dates_parse_and_roles_do_not_overlap():
    for gid, rows in group_roles().items():
        spans = []
        for row in rows:
            for cell in (row["start"], row["end"]):
                assert not cell or DATE.fullmatch(cell), row
            start, end = day(row["start"]) or dt.date.min, day(row["end"]) or dt.date.max
            assert start <= end, row
            spans.append((start, end))
        spans.sort()
        for (_, end), (start, _) in itertools.pairwise(spans):
            assert end < start, f"{gid}: roles overlap"


def test_group_aliases_do_not_clash():
    owners: dict[str, set[str]] = defaultdict(set)
    for row in load("groups.tsv").rows:
        for alias in names(row):
            owners[match_key(alias)].add(row["id"])
    found = clashes(owners)
    print("alias clashes in groups.tsv:", found)
    assert not found


def test_organisations_and_groups_share_no_alias():
    orgs = {match_key(a): row["name"] for row in org_rows() for a in names(row)}
    found = {
        alias: (orgs[match_key(alias)], row["id"])
        for row in load("groups.tsv").rows
        for alias in names(row)
        if match_key(alias) in orgs
    }
    print("aliases in both files:", found)
    assert not found


@pytest.mark.parametrize("name", ["organizations.tsv", "groups.tsv"])
def test_short_aliases_are_capitals(name):
    """An alias of three characters or fewer that is not all capitals would match common words
    case-insensitively ("IS" -> "is", "LeT" -> "let")."""
    table = load(name)
    bad = [alias for row in table.rows for alias in names(row) if len(alias) <= 3 and not strict(alias)]
    assert not bad


@pytest.mark.parametrize(
    ("group_id", "when", "code"),
    [
        ("taliban", "2021-08-14", "AFGREB"),
        ("taliban", "2021-08-15", "AFGGOV"),
        ("taliban", "1998-01-01", "AFGGOV"),
        ("taliban", "2010-06-01", "AFGREB"),
        ("hts", "2024-12-07", "SYRREB"),
        ("hts", "2024-12-08", "SYRGOV"),
        ("rsf", "2023-04-14", "SDNMIL"),
        ("rsf", "2023-04-15", "SDNREB"),
        ("farc", "2017-08-31", "COLREB"),
        ("farc", "2017-09-01", "COLPTY"),
        ("isis", "2015-01-01", "IMGISI"),
    ],
)
def test_role_for_a_date(group_id, when, code):
    role = role_at(group_id, dt.date.fromisoformat(when))
    assert role is not None and role["code"] == code


def test_taliban_names_and_isis_aliases():
    taliban = group_roles()["taliban"][0]
    assert {"Islamic Emirate", "Islamic Emirate of Afghanistan"} <= set(split(taliban["aliases"]))
    isis = group_roles()["isis"][0]
    aliases = set(split(isis["aliases"]))
    assert {"ISIS", "ISIL", "IS", "Isis", "Islamic State of Iraq and the Levant", "Daesh"} <= aliases
    assert strict("IS")


# --- agents.tsv -----------------------------------------------------------------------------------


def agents() -> dict[str, dict[str, str]]:
    return {row["term"]: row for row in load("agents.tsv").rows}


def test_agent_terms_are_unique_and_lower_case():
    terms = [row["term"] for row in load("agents.tsv").rows]
    assert len(terms) == len(set(terms))
    assert all(term == term.lower() for term in terms)


def test_agent_sectors_ranks_and_titles_come_from_the_documented_sets():
    header = "\n".join(load("agents.tsv").comments)
    for code in AGENT_SECTORS:
        assert re.search(rf"^#\s+{code}\s", header, re.MULTILINE), f"{code} not documented"
    for rank in AGENT_RANKS:
        assert rank in header, f"rank {rank} not documented"
    for row in load("agents.tsv").rows:
        sector = row["sector"]
        assert len(sector) in (3, 6), row
        assert {sector[i : i + 3] for i in range(0, len(sector), 3)} <= AGENT_SECTORS, row
        assert row["rank"] in AGENT_RANKS, row
        assert row["title"] in {"", "yes"}, row


@pytest.mark.parametrize(
    ("term", "sector"),
    [
        ("soldier", "MIL"),
        ("police", "COP"),
        ("rebel", "REB"),
        ("government", "GOV"),
        ("company", "BUS"),
        ("journalist", "MED"),
        ("protester", "OPP"),
        ("militant", "UAF"),
        ("gunman", "UAF"),
        ("activist", "OPP"),
        ("terrorist", "UAF"),
        ("fighter", "UAF"),
        ("extremist", "RAD"),
        ("security forces", "COP"),
        ("armed forces", "MIL"),
        ("troops", "MIL"),
        ("people", "CVL"),
        ("authorities", "GOV"),
        ("aid worker", "NGO"),
        ("state media", "GOVMED"),
        ("supreme court", "JUD"),
        ("foreign ministry", "GOV"),
        ("defence ministry", "GOVMIL"),
    ],
)
def test_agent_sector_spot_checks(term, sector):
    assert agents()[term]["sector"] == sector


TITLES = ["foreign minister", "president", "prime minister", "general", "ambassador", "secretary-general"]


@pytest.mark.parametrize("term", [*TITLES, "sheikh", "ayatollah", "defence minister"])
def test_titles(term):
    assert agents()[term]["title"] == "yes"


def test_nouns_that_are_not_titles():
    table = agents()
    assert all(table[term]["title"] == "" for term in ("soldier", "police", "government", "company"))
    assert table["president"]["rank"] == "head-of-state"
    assert table["prime minister"]["rank"] == "head-of-government"


# --- across files ---------------------------------------------------------------------------------


def written_forms(name: str) -> set[str]:
    """Match keys of every name a data file gives its rows (seats without their "=SECTOR" and,
    as the loader also accepts them, without a leading "the")."""
    table = load(name)
    columns = {
        "countries.tsv": ("name", "aliases", "adjectives", "capitals", "seats"),
        "organizations.tsv": ("name", "aliases"),
        "groups.tsv": ("name", "aliases"),
    }[name]
    out: set[str] = set()
    for row in table.rows:
        for column in columns:
            for value in split(row[column]):
                value = value.partition("=")[0] if column == "seats" else value
                out.add(match_key(value))
                if value.lower().startswith("the "):
                    out.add(match_key(value[4:]))
    return out


def test_no_name_is_claimed_by_two_files():
    """A state body in groups.tsv, a seat in countries.tsv and an organisation must not share a
    written form: the matcher would see two meanings and pick one by kind, silently."""
    files = ["countries.tsv", "organizations.tsv", "groups.tsv"]
    found = {(a, b): sorted(written_forms(a) & written_forms(b)) for a, b in itertools.combinations(files, 2)}
    print("names in two files:", found)
    assert not any(found.values())
