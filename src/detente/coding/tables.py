"""CAMEO and PLOVER code tables: names, roots, quad classes, Goldstein values, crosswalk.

Loaded once from package data (coding/data/cameo.tsv, plover.tsv; see their headers for
provenance). Every code an event carries is checked against these tables.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

from detente.errors import DataFileError


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    name: str
    root: str
    quad_gdelt: int  # 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
    quad_icews: int
    goldstein: float
    goldstein_icews: float
    plover: str | None
    plover_mode: str | None
    plover_context: tuple[str, ...]
    mutual: bool = False  # an act between the parties with no direction (meet, negotiate, sign)


@dataclass(frozen=True, slots=True)
class PloverType:
    type: str
    mode: str | None
    quad: int
    requires_recipient: bool
    score: float | None
    definition: str


def data_lines(name: str, package: str = "detente.coding") -> list[str]:
    """The lines of a packaged word list or table, blank and '#' comment lines skipped."""
    text = resources.files(package).joinpath("data", name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def read_table(package: str, name: str) -> list[dict[str, str]]:
    """Rows of a packaged TSV file, '#' comment lines skipped."""
    text = resources.files(package).joinpath("data", name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


@cache
def cameo_codes() -> dict[str, CameoCode]:
    out = {}
    for r in read_table("detente.coding", "cameo.tsv"):
        out[r["code"]] = CameoCode(
            code=r["code"],
            name=r["name"],
            root=r["root"],
            quad_gdelt=int(r["quad_gdelt"]),
            quad_icews=int(r["quad_icews"]),
            goldstein=float(r["goldstein"]),
            goldstein_icews=float(r["goldstein_icews"]),
            plover=r["plover"] or None,
            plover_mode=r["plover_mode"] or None,
            plover_context=tuple(c for c in r["plover_context"].split("|") if c),
            mutual=r["mutual"] == "yes",
        )
    return out


@cache
def plover_types() -> dict[tuple[str, str | None], PloverType]:
    out = {}
    for r in read_table("detente.coding", "plover.tsv"):
        mode = r["mode"] or None
        out[(r["type"], mode)] = PloverType(
            type=r["type"],
            mode=mode,
            quad=int(r["quad"]),
            requires_recipient=r["requires_recipient"] == "yes",
            score=float(r["score"]) if r["score"] else None,
            definition=r["definition"],
        )
    return out


def lookup(code: str) -> CameoCode:
    """The table row of a CAMEO code; raises DataFileError for unknown codes."""
    try:
        return cameo_codes()[code]
    except KeyError:
        raise DataFileError("coding/data/cameo.tsv", None, f"unknown CAMEO code {code!r}") from None


def is_code(code: str) -> bool:
    return code in cameo_codes()


def is_mutual(code: str) -> bool:
    """Whether a code's act has no direction, so its two parties are each other's counterparts
    ("Putin met Erdogan" is Erdogan meeting Putin too). Unknown codes are not."""
    row = cameo_codes().get(code)
    return bool(row and row.mutual)


def requires_recipient(code: str) -> bool:
    """PLOVER says some event types make no sense without a recipient (AID, COOPERATE...)."""
    row = lookup(code)
    if row.plover is None:
        return False
    t = plover_types().get((row.plover, None))
    return bool(t and t.requires_recipient)


def icews_quad(code: str) -> int:
    return lookup(code).quad_icews
