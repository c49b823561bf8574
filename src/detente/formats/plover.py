"""PLOVER / POLECAT-style JSON lines: one object per merged event (docs/formats.md).

Field names follow POLECAT's released tables (event type, mode, context, actor and recipient
with their countries and sectors, place, source articles) in snake_case. Events whose CAMEO
code has no PLOVER type (CAMEO 01 statements) carry `"event_type": null`.
"""

from __future__ import annotations

from typing import Any

from detente.coding import tables
from detente.formats import codes
from detente.formats.common import cameo_extras
from detente.formats.gdelt import event_day


def _party(row: dict[str, Any], prefix: str) -> dict[str, Any] | None:
    if not row[f"{prefix}_code"] and not row[f"{prefix}_name"]:
        return None
    country = row[f"{prefix}_country"]
    return {
        "name": row[f"{prefix}_name"],
        "code": row[f"{prefix}_code"],
        "country": country,
        "country_name": codes.country_name(country) or None,
        "sector": row[f"{prefix}_sector"],
    }


def to_dict(row: dict[str, Any], sources: list[dict[str, Any]]) -> dict[str, Any]:
    """The JSON object of a merged event; `sources` are its (mention, copy) pairs (Store.sources)."""
    extras = cameo_extras(row["cameo"])
    cameo_row_context = _contexts(row["cameo"])
    location = None
    if row["location_name"] or row["lat"] is not None:
        location = {
            "name": row["location_name"],
            "country": row["location_country"],
            "country_name": codes.country_name(row["location_country"]) or None,
            "lat": row["lat"],
            "lon": row["lon"],
            "geonames_id": row["location_geonameid"],
            "feature_type": row["location_feature"],
        }
    articles = [
        {
            "article_id": s["article_id"],
            "doc_id": s["doc_id"],
            "url": s["url"],
            "publisher": s["publisher"],
            "publication_date": s["date"].isoformat() if s["date"] else None,
            "sentence_index": s["sentence_idx"],
            "sentence": s["sentence"],
        }
        for s in sources
    ]
    if not articles and row.get("url"):  # imported rows name one source document
        articles = [{"url": row["url"]}]
    return {
        "event_id": str(row["ext_id"] or row["id"]),
        "origin": row["origin"],
        "event_date": event_day(row).isoformat(),
        "date_precision": row["date_precision"],
        "event_type": row["plover"] or extras["plover"],
        "event_mode": row["plover_mode"] or extras["plover_mode"],
        "contexts": cameo_row_context,
        "quad_code": row["quad_class"],
        "goldstein": row["goldstein"],
        "cameo": row["cameo"],
        "actor": _party(row, "source"),
        "recipient": _party(row, "target"),
        # PLOVER puts the symmetric participants of a meeting all in the actor field; here
        # they stay actor and recipient in the order named, flagged so users can pool them
        "mutual": bool(row["mutual"]),
        "location": location,
        "negated": bool(row["negated"]),
        "modality": row["modality"],
        "historical": bool(row["historical"]),
        "confidence": row["confidence"],
        "num_mentions": row["num_mentions"],
        "num_sources": row["num_sources"],
        "num_articles": row["num_articles"],
        "story_id": row["story_id"],
        "source_articles": articles,
    }


def _contexts(code: str) -> list[str]:
    row = tables.cameo_codes().get(code)
    return list(row.plover_context) if row else []
