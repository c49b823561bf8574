"""The few reads the web API needs that the library has no function for: a page of articles,
the actors seen in events, and events per country for the world map.

All SQLAlchemy Core with bound parameters; the map aggregates in SQL with the analysis sums
(detente.analysis.common), so only one row per country reaches Python.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

import pandas as pd
from sqlalchemy import func, or_, select

from detente.analysis.common import SUMS_LEAN, add_sums, common_filters, ev, finish
from detente.analysis.network import default_range, pair_queries
from detente.coding.tables import read_table
from detente.store import Store, schema

ARTICLE_COLUMNS = [
    "id",
    "doc_id",
    "title",
    "date",
    "url",
    "publisher",
    "origin",
    "ingested_at",
    "n_sentences",
    "n_events",
    "story_id",
]
SNIPPET = 240  # characters of the text shown with each article of a list


def articles_page(
    store: Store,
    *,
    q: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[dict[str, Any]], int]:
    """A page of articles, latest ingested first, and how many match in all.

    q: part of the title or text (case-insensitive, `%` and `_` literal); since/until: the
    publication date range.
    """
    a = schema.articles
    where = []
    if q and q.strip():
        needle = q.strip()
        where.append(
            or_(a.c.title.icontains(needle, autoescape=True), a.c.text.icontains(needle, autoescape=True))
        )
    if since:
        where.append(a.c.date >= since)
    if until:
        where.append(a.c.date <= until)
    query = (
        select(*(a.c[c] for c in ARTICLE_COLUMNS), func.substr(a.c.text, 1, SNIPPET).label("snippet"))
        .where(*where)
        .order_by(a.c.ingested_at.desc(), a.c.id.desc())
        .limit(limit)
        .offset(offset)
    )
    with store.engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(query)]
        total = int(conn.execute(select(func.count()).select_from(a).where(*where)).scalar_one())
    return rows, total


@cache
def country_names() -> dict[str, str]:
    """ISO alpha-3 code -> name of the states the coder knows (actors/data/countries.tsv)."""
    return {r["code"]: r["name"] for r in read_table("detente.actors", "countries.tsv")}


def actor_counts(store: Store) -> pd.DataFrame:
    """Every actor code seen in events: `code`, `country`, `name`, `events_as_source`,
    `events_as_target`, `events`; most events first. Two index-only passes
    (ix_events_source_code, ix_events_target_code), grouped in index order."""
    parts = []
    with store.engine.connect() as conn:
        for side in ("source", "target"):
            code = ev.c[f"{side}_code"]
            q = select(code.label("code"), func.count().label(f"events_as_{side}")).where(code.is_not(None))
            rows = conn.execute(q.group_by(code)).all()
            parts.append(pd.DataFrame([tuple(r) for r in rows], columns=["code", f"events_as_{side}"]))
        a = schema.actors
        known = {r.code: (r.country, r.name) for r in conn.execute(select(a.c.code, a.c.country, a.c.name))}
    df = parts[0].merge(parts[1], on="code", how="outer").fillna(0)
    for c in ("events_as_source", "events_as_target"):
        df[c] = df[c].astype("int64")
    df["events"] = df["events_as_source"] + df["events_as_target"]
    names = country_names()

    def describe(code: str) -> tuple[str | None, str | None]:
        if code in known:
            return known[code]
        country = code[:3] if code[:3] in names else None
        return country, names.get(code) or (names[country] if country else None)

    described = [describe(c) for c in df["code"]]
    df["country"] = [d[0] for d in described]
    df["name"] = [d[1] for d in described]
    df = df.sort_values(["events", "code"], ascending=[False, True], ignore_index=True)
    return df[["code", "country", "name", "events", "events_as_source", "events_as_target"]]


def country_map(
    store: Store,
    since: dt.date | None = None,
    until: dt.date | None = None,
    *,
    origin: str | None = None,
    min_mentions: int | None = None,
) -> pd.DataFrame:
    """Per country (ISO alpha-3 of either actor): events it takes part in, on either side, a
    domestic event counted once, with cooperation, conflict, balance and Goldstein mean.

    One pass per calendar year over ix_events_year, grouped by (source, target) country in index
    order (the network's query shape, with one-sided and domestic events kept), then each pair's
    sums are added to both of its countries. The period defaults to the year up to the latest
    event (as the network's); `df.attrs` holds the `since` and `until` used.
    """
    with store.engine.connect() as conn:
        period = default_range(conn, since, until)
        if period is None:
            out = finish(add_sums([], ["country"], lean=True))
            out.attrs.update(since=since, until=until)
            return out
        start, end = period
        cols = ["source", "target", *SUMS_LEAN]
        parts = [_frame(conn, q, cols) for q in _pair_queries(start, end, origin, min_mentions)]
    pairs = add_sums(parts, ["source", "target"], lean=True)
    measures = list(SUMS_LEAN)
    as_source = pairs[pairs["source"].notna()].groupby("source")[measures].sum()
    others = pairs[pairs["target"].notna() & (pairs["target"] != pairs["source"])]
    as_target = others.groupby("target")[measures].sum()
    both = as_source.add(as_target, fill_value=0).rename_axis("country").reset_index()
    out = finish(both)
    out = out[out["events"] > 0].sort_values(
        ["events", "country"], ascending=[False, True], ignore_index=True
    )
    names = country_names()
    out.insert(1, "name", [names.get(c) for c in out["country"]])
    out.attrs.update(since=start, until=end)
    return out


def _pair_queries(start: dt.date, end: dt.date, origin: str | None, min_mentions: int | None) -> list[Any]:
    """Sums per (source, target) country pair, pairs with one side unknown included (the map
    counts every event a country took part in)."""
    base = [or_(ev.c.source_country.is_not(None), ev.c.target_country.is_not(None))]
    return pair_queries(start, end, [*base, *common_filters(origin, min_mentions)])


def _frame(conn: Any, query: Any, columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame([tuple(r) for r in conn.execute(query)], columns=columns)
