"""Dyad time series: counts per quad class, Goldstein, the balance and volume normalisation.

GDELT users normalise by hand because raw counts follow the volume of news, not of events: a
month with twice the articles has twice the events of every dyad. `dyad_series` does it for
them: each period's events are divided by the period's articles coded (Detente's own events)
or by all events of the period (imported GDELT/ICEWS events, which come without articles).
The series itself is one range of `ix_events_dyad` per direction, grouped by day in index order;
pandas adds the days up into weeks, months, quarters or years.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from detente.analysis.common import (
    MEASURES,
    SUMS,
    ActorSpec,
    AnalysisError,
    actor_spec,
    add_sums,
    common_filters,
    day_variants,
    ev,
    finish,
    frame,
    period_bounds,
    period_freq,
    period_start,
    sums,
)
from detente.store import Store, schema

NORMALISATIONS = ("auto", "articles", "events", "none")
IMPORTED = ("gdelt", "icews")  # origins of events that come without articles (formats.IMPORT_FORMATS)


def dyad_series(
    store: Store,
    a: str | ActorSpec,
    b: str | ActorSpec,
    *,
    by: str = "month",
    directed: bool = True,
    since: dt.date | None = None,
    until: dt.date | None = None,
    origin: str | None = None,
    min_mentions: int | None = None,
    normalise: str = "auto",
) -> pd.DataFrame:
    """One row per period (every period from the first to the last, empty ones included).

    Directed: events of A towards B. Undirected: both directions added up. A and B are
    countries (`RUS`) or actor codes (`RUSGOV`). Columns: `period` (its first day), the
    MEASURES of common.py, then `base` (articles coded, or all events, in the period) and
    `normalised` (events / base). `df.attrs` records the dyad and the normalisation used.
    """
    sa, sb = actor_spec(a), actor_spec(b)
    period_freq(by)
    if normalise not in NORMALISATIONS:
        raise AnalysisError(f"unknown normalisation {normalise!r}; use one of {', '.join(NORMALISATIONS)}")
    if since and until and since > until:
        raise AnalysisError(f"the range starts ({since}) after it ends ({until})")
    pairs = [(sa, sb)] if directed or sa == sb else [(sa, sb), (sb, sa)]
    filters = common_filters(origin, min_mentions)
    with store.engine.connect() as conn:
        parts = []
        for src, tgt in pairs:
            for day, conditions in day_variants(since, until):
                q = (
                    select(day.label("day"), *sums())
                    .where(src.column("source") == src.value, tgt.column("target") == tgt.value)
                    .where(*conditions, *filters)
                    .group_by(day)
                )
                parts.append(frame(conn, q, ["day", *SUMS]))
        daily = add_sums(parts, ["day"])
        kind = normalisation(conn, origin) if normalise == "auto" else normalise
        start = since or (period_bounds(min(daily["day"]), by)[0] if len(daily) else None)
        end = until or (period_bounds(max(daily["day"]), by)[1] if len(daily) else None)
        base = None
        if kind != "none" and start is not None and end is not None:
            base = period_base(conn, kind, start, end, by, origin=origin, min_mentions=min_mentions)
    out = by_period(daily, by, start, end)
    if base is not None:
        out["base"] = out["period"].map(base).fillna(0).astype("int64")
        out["normalised"] = out["events"] / out["base"].where(out["base"] > 0)
    else:
        out["base"] = float("nan")
        out["normalised"] = float("nan")
    out.attrs.update(
        source=sa.value, target=sb.value, directed=directed, by=by, normalisation=kind, origin=origin
    )
    return out


def by_period(daily: pd.DataFrame, by: str, start: Any, end: Any) -> pd.DataFrame:
    """Daily sums added up per period, every period from start to end (zeros where empty)."""
    if start is None or end is None:
        return finish(add_sums([], ["period"])).astype({"period": "datetime64[s]"})
    daily = daily.assign(period=period_start(daily["day"], by)) if len(daily) else daily.assign(period=[])
    summed = daily.groupby("period")[SUMS].sum() if len(daily) else pd.DataFrame(columns=SUMS)
    full = pd.period_range(start, end, freq=period_freq(by)).start_time
    summed = summed.reindex(full, fill_value=0).rename_axis("period").reset_index()
    return finish(summed)[["period", *MEASURES]]


def normalisation(conn: Connection, origin: str | None) -> str:
    """`articles` when every event counted is Detente's own, else `events` (imports have no articles)."""
    if origin == "detente":
        return "articles"
    if origin:
        return "events"
    imported = conn.execute(select(ev.c.id).where(ev.c.origin.in_(IMPORTED)).limit(1)).first()
    return "events" if imported else "articles"


def period_base(
    conn: Connection,
    kind: str,
    since: dt.date,
    until: dt.date,
    by: str,
    *,
    origin: str | None = None,
    min_mentions: int | None = None,
) -> pd.Series:
    """The denominator of each period: articles coded (by publication date) or all events."""
    if kind == "articles":
        a = schema.articles
        q = (
            select(a.c.date.label("day"), func.count())
            .where(a.c.date.is_not(None), a.c.date >= since, a.c.date <= until)
            .group_by(a.c.date)
        )
        daily = frame(conn, q, ["day", "n"])
    elif kind == "events":
        daily = daily_events(conn, origin=origin, min_mentions=min_mentions)
        daily = daily[(daily["day"] >= since) & (daily["day"] <= until)]
    else:
        raise AnalysisError(f"unknown normalisation {kind!r}; use one of {', '.join(NORMALISATIONS)}")
    if not len(daily):
        return pd.Series(dtype="int64")
    daily["period"] = period_start(daily["day"], by)
    return daily.groupby("period")["n"].sum().astype("int64")


# Events per day of the whole store, by (database, origin, min_mentions): the denominator of every
# normalised series, and a read of every event (one pass over ix_events_date: about 0.6 s per
# 5 million events). Kept until the store changes: new events raise the largest event id, and
# a rebuild with other merge settings changes `meta`; a rebuild with the same settings gives
# the same events, so the same counts.
_DAILY: dict[tuple[str, str | None, int | None], tuple[tuple[Any, ...], pd.DataFrame]] = {}


def _stamp(conn: Connection) -> tuple[Any, ...]:
    largest = conn.execute(select(func.max(ev.c.id))).scalar()
    settings = tuple(conn.execute(select(schema.meta.c.key, schema.meta.c.value).order_by(schema.meta.c.key)))
    return (largest, settings)


def daily_events(
    conn: Connection, *, origin: str | None = None, min_mentions: int | None = None
) -> pd.DataFrame:
    """All events per day (`day`, `n`), dated ones by `event_date`, undated current ones by
    `pub_date`; computed once per state of the store (see `_DAILY`)."""
    key = (conn.engine.url.render_as_string(hide_password=True), origin, min_mentions)
    stamp = _stamp(conn)
    cached = _DAILY.get(key)
    if cached and cached[0] == stamp:
        return cached[1]
    parts = []
    for day, conditions in day_variants(None, None):
        filters = common_filters(origin, min_mentions, classified=False)
        q = select(day.label("day"), func.count()).where(*conditions, *filters)
        parts.append(frame(conn, q.group_by(day), ["day", "n"]))
    daily = pd.concat([p for p in parts if len(p)] or parts[:1], ignore_index=True)
    daily = daily.groupby("day", as_index=False)["n"].sum()
    _DAILY[key] = (stamp, daily)
    return daily


def clear_cache() -> None:
    """Forget the cached events per day (they are recomputed on the next normalised series)."""
    _DAILY.clear()
