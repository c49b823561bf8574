"""ICEWS coded event data: 20 tab-separated columns with a header line (docs/formats.md).

Export writes Detente's merged events the way the ICEWS Dataverse files are laid out
(country and sector names, the ICEWS Goldstein value as Intensity); rows imported from an
ICEWS file are written back exactly as read.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from typing import Any

from detente.formats import codes
from detente.formats.common import BadLine, cameo_extras, clean, number, parse_float
from detente.formats.gdelt import event_day

ORIGIN = "icews"

COLUMNS = [
    "Event ID",
    "Event Date",
    "Source Name",
    "Source Sectors",
    "Source Country",
    "Event Text",
    "CAMEO Code",
    "Intensity",
    "Target Name",
    "Target Sectors",
    "Target Country",
    "Story ID",
    "Sentence Number",
    "Publisher",
    "City",
    "District",
    "Province",
    "Country",
    "Latitude",
    "Longitude",
]
HEADER = "\t".join(COLUMNS)


def to_line(row: dict[str, Any]) -> str:
    """One ICEWS line for a merged event (an export row of the store)."""
    if row["origin"] == ORIGIN and row["raw"] is not None:
        return row["raw"]
    extras = cameo_extras(row["cameo"])
    feature = row["location_feature"]
    has_place = bool(row["location_name"]) or row["lat"] is not None
    sentence = row.get("sentence_idx")
    cells = [
        str(row["id"]),
        event_day(row).isoformat(),
        clean(row["source_name"]),
        codes.sector_names(row["source_sector"]),
        codes.country_name(row["source_country"]),
        extras["name"],
        row["cameo"],
        number(extras["goldstein_icews"] if extras["goldstein_icews"] is not None else row["goldstein"]),
        clean(row["target_name"]),
        codes.sector_names(row["target_sector"]),
        codes.country_name(row["target_country"]),
        row.get("article_id") or "",
        "" if sentence is None else str(sentence + 1),
        clean(row.get("publisher")),
        clean(row["location_name"]) if feature == "city" else "",
        "",
        clean(row["location_name"]) if feature == "admin" else "",
        codes.country_name(row["location_country"]) if has_place else "",
        number(row["lat"]),
        number(row["lon"]),
    ]
    return "\t".join(cells)


def parse(line: str, now: dt.datetime) -> dict[str, Any]:
    """Store columns of one ICEWS line; raises ValueError when it is not one."""
    f = line.rstrip("\r").split("\t")
    if len(f) != len(COLUMNS):
        raise ValueError(f"expected {len(COLUMNS)} tab-separated ICEWS columns, found {len(f)}")
    v = dict(zip(COLUMNS, (x.strip() for x in f), strict=True))
    cameo = v["CAMEO Code"]
    if not cameo.isdigit():
        raise ValueError(f"CAMEO Code {cameo!r} is not a CAMEO code")
    cameo = cameo.zfill(3)  # files read through spreadsheets lose the leading zero
    try:
        day = dt.date.fromisoformat(v["Event Date"])
    except ValueError:
        raise ValueError(f"Event Date {v['Event Date']!r} is not YYYY-MM-DD") from None
    extras = cameo_extras(cameo)
    out: dict[str, Any] = {
        "origin": ORIGIN,
        "ext_id": v["Event ID"],
        "cameo": cameo,
        "cameo_root": cameo[:2],
        "quad_class": extras["quad_class"],
        "goldstein": parse_float(v["Intensity"]) or 0.0,
        "plover": extras["plover"],
        "plover_mode": extras["plover_mode"],
        "date": day.isoformat(),
        "date_precision": "day",
        "event_date": day,
        "historical": False,
        "mutual": extras["mutual"],
        "negated": False,
        "modality": "asserted",
        "confidence": None,
        "is_root": False,
        "num_mentions": 1,
        "num_sources": 1,
        "num_articles": 1,
        "tone": None,
        "pub_date": day,
        "url": None,
        "date_added": now,
        "raw": line,
    }
    for prefix, side in (("source", "Source"), ("target", "Target")):
        country = codes.country_from_name(v[f"{side} Country"])
        sector = codes.sector_code(v[f"{side} Sectors"])
        out[f"{prefix}_name"] = v[f"{side} Name"] or None
        out[f"{prefix}_country"] = country
        out[f"{prefix}_sector"] = sector
        out[f"{prefix}_code"] = (country or "") + (sector or "") or None
    place = v["City"] or v["District"] or v["Province"] or v["Country"]
    out["location_name"] = place or None
    out["location_country"] = codes.country_from_name(v["Country"])
    out["lat"] = parse_float(v["Latitude"])
    out["lon"] = parse_float(v["Longitude"])
    out["location_geonameid"] = None
    out["location_feature"] = (
        "city"
        if v["City"]
        else "admin"
        if v["District"] or v["Province"]
        else "country"
        if v["Country"]
        else None
    )
    return out


def read(path: str | os.PathLike[str]) -> Iterator[dict[str, Any] | BadLine]:
    """Store rows of an ICEWS event file (plain, .gz or .zip); its header line is skipped."""
    from detente.formats.files import lines

    now = dt.datetime.now(dt.UTC)
    for number_, line in lines(path):
        if number_ == 1 and line.startswith("Event ID"):
            continue
        try:
            yield parse(line, now)
        except ValueError as exc:
            yield BadLine(os.fspath(path), number_, str(exc))
