"""Small helpers every format shares: cell cleaning, numbers, CAMEO lookups, bad lines."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from detente.coding import tables

_CONTROL = re.compile(r"[\t\r\n]+")


@dataclass(frozen=True)
class BadLine:
    """A line of an imported file that could not be read; the import goes on without it."""

    path: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.reason}"


def clean(value: str | None) -> str:
    """A text cell for a tab-separated file: tabs and line breaks become spaces."""
    return _CONTROL.sub(" ", value).strip() if value else ""


def number(value: float | int | None) -> str:
    """A number as GDELT and ICEWS files write it: integers without a point, else shortest form."""
    if value is None:
        return ""
    f = float(value)
    return str(int(f)) if f.is_integer() else repr(f)


def parse_float(value: str) -> float | None:
    try:
        return float(value) if value.strip() else None
    except ValueError:
        return None


def parse_int(value: str) -> int | None:
    try:
        return int(value) if value.strip() else None
    except ValueError:
        return None


@cache
def cameo_extras(code: str) -> dict[str, Any]:
    """GDELT quad class, both Goldstein values and the PLOVER crosswalk of a CAMEO code.

    Unknown codes (imported files have a few) get their root's values, or none at all.
    """
    row = (
        tables.cameo_codes().get(code)
        or tables.cameo_codes().get(code[:3])
        or tables.cameo_codes().get(code[:2])
    )
    if row is None:
        return {
            "quad_class": 0,
            "goldstein": None,
            "goldstein_icews": None,
            "plover": None,
            "plover_mode": None,
            "mutual": False,
            "name": "",
        }
    return {
        "quad_class": row.quad_gdelt,
        "goldstein": row.goldstein,
        "goldstein_icews": row.goldstein_icews,
        "plover": row.plover,
        "plover_mode": row.plover_mode,
        "mutual": row.mutual,
        "name": row.name if row.code == code else "",
    }
