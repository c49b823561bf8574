"""What changed: the dyads whose balance moved most from one period to the next, and why.

Analysts watching a feed ask which relationships turned, not what the level of every one is.
For the period that contains `until` and the one before it, each dyad's balance is compared;
the dyads that moved most come back with the events of the new period that pushed them
(conflict events for a turn towards conflict, cooperation for the other way).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
from sqlalchemy import select
from sqlalchemy.engine import Connection

from detente.analysis.common import (
    CONFLICT,
    COOPERATION,
    SUMS_LEAN,
    AnalysisError,
    add_sums,
    common_filters,
    ev,
    finish,
    frame,
    period_bounds,
    period_freq,
    previous_period,
    sums,
)
from detente.analysis.network import edge_queries, latest_day
from detente.analysis.query import conditions, page
from detente.store import Store

# The columns of each period, suffixed _before / _after.
_PER_PERIOD = ["events", "mentions", "coop_events", "conflict_events", "balance", "goldstein_mean"]
COLUMNS = [
    "source",
    "target",
    *(f"{c}_{when}" for c in _PER_PERIOD for when in ("before", "after")),
    "change",
    "goldstein_change",
    "direction",
    "event_ids",
    "examples",
]
EXAMPLE_COLUMNS = ["id", "event_date", "source_code", "cameo", "target_code", "goldstein", "num_mentions"]
EXAMPLE_COLUMNS += ["location_name", "sentence", "url"]


def what_changed(
    store: Store,
    *,
    period: str = "month",
    until: dt.date | None = None,
    directed: bool = True,
    top: int = 20,
    min_events: int = 5,
    examples: int = 3,
    max_ids: int = 50,
    origin: str | None = None,
) -> pd.DataFrame:
    """Dyads ranked by how far their balance moved, previous period -> current period.

    The current period is the calendar day, week, month, quarter or year that contains `until`
    (default: the latest event date), cut at `until`; the previous one is the whole period
    before. Only dyads with at least `min_events` events in both count (a balance of two events
    swings wildly). `change` = balance_after − balance_before; `event_ids` lists up to `max_ids`
    events of the current period on the side of the change (most mentioned first) and
    `examples` the first `examples` of them as dicts (date, actors, code, sentence or URL).
    `df.attrs` holds both periods.
    """
    period_freq(period)
    if top < 1 or min_events < 1:
        raise AnalysisError("top and min_events are counts: 1 or more")
    with store.engine.connect() as conn:
        end = until or latest_day(conn)
        if end is None:
            return _empty(None, None)
        cur = (period_bounds(end, period)[0], end)
        prev = previous_period(end, period)
        by_year = period in ("quarter", "year")
        before = _pairs(conn, *prev, directed=directed, origin=origin, by_year=by_year)
        after = _pairs(conn, *cur, directed=directed, origin=origin, by_year=by_year)
        both = before.merge(after, on=["source", "target"], suffixes=("_before", "_after"))
        both = both[(both["events_before"] >= min_events) & (both["events_after"] >= min_events)]
        both = both.assign(change=both["balance_after"] - both["balance_before"])
        both = both.assign(goldstein_change=both["goldstein_mean_after"] - both["goldstein_mean_before"])
        both = both.assign(abs_change=both["change"].abs())
        both = both.sort_values(
            ["abs_change", "events_after", "source", "target"], ascending=[False, False, True, True]
        ).head(top)
        both["direction"] = [
            "cooperation" if c > 0 else "conflict" if c < 0 else "none" for c in both["change"]
        ]
        ids = [
            _movers(conn, r.source, r.target, cur, r.change, directed=directed, origin=origin, limit=max_ids)
            for r in both.itertuples()
        ]
        both["event_ids"] = ids
        both["examples"] = [_examples(conn, i[:examples]) for i in ids]
    out = both[COLUMNS].reset_index(drop=True)
    out.attrs.update(period=period, before=prev, after=cur, directed=directed, min_events=min_events)
    return out


def _empty(prev: Any, cur: Any) -> pd.DataFrame:
    out = pd.DataFrame(columns=COLUMNS)
    out.attrs.update(before=prev, after=cur)
    return out


def _pairs(
    conn: Connection,
    start: dt.date,
    end: dt.date,
    *,
    directed: bool,
    origin: str | None,
    by_year: bool,
) -> pd.DataFrame:
    """Per dyad sums of one period; undirected dyads are (A, B) with A < B.

    Short periods are read through `ix_events_date` (a day, a week, a month of events), long
    ones through `ix_events_year`, one calendar year at a time, without touching the table.
    """
    cols = ["source", "target", *SUMS_LEAN]
    if by_year:
        parts = [frame(conn, q, cols) for q in edge_queries(start, end, origin, None, False)]
    else:
        pair = (ev.c.source_country, ev.c.target_country)
        base = [ev.c.source_country.is_not(None), ev.c.target_country.is_not(None)]
        base += [ev.c.source_country != ev.c.target_country, *common_filters(origin)]
        dated = (
            select(*pair, *sums(lean=True)).where(ev.c.event_date.between(start, end), *base).group_by(*pair)
        )
        undated = (
            select(*pair, *sums(lean=True))
            .where(ev.c.event_date.is_(None), ev.c.historical.is_(False), ev.c.pub_date.between(start, end))
            .where(*base)
            .group_by(*pair)
        )
        parts = [frame(conn, dated, cols), frame(conn, undated, cols)]
    summed = add_sums(parts, ["source", "target"], lean=True)
    if not directed and len(summed):
        a, b = summed["source"], summed["target"]
        swap = a > b
        summed["source"], summed["target"] = a.where(~swap, b), b.where(~swap, a)
        summed = add_sums([summed], ["source", "target"], lean=True)
    return finish(summed)[["source", "target", *_PER_PERIOD]]


def _movers(
    conn: Connection,
    a: str,
    b: str,
    window: tuple[dt.date, dt.date],
    change: float,
    *,
    directed: bool,
    origin: str | None,
    limit: int,
) -> list[int]:
    """Ids of the window's events that pushed the balance the way it went, most mentioned first."""
    quads = COOPERATION if change > 0 else CONFLICT
    pairs = [(a, b)] if directed else [(a, b), (b, a)]
    rows: list[tuple[int, int]] = []
    for src, tgt in pairs:
        q = (
            select(ev.c.id, ev.c.num_mentions)
            .where(ev.c.source_country == src, ev.c.target_country == tgt)
            .where(ev.c.event_date.between(*window), ev.c.quad_class.in_(quads), *common_filters(origin))
            .order_by(ev.c.num_mentions.desc(), ev.c.id)
            .limit(limit)
        )
        rows += [(int(r.id), int(r.num_mentions)) for r in conn.execute(q)]
    rows.sort(key=lambda r: (-r[1], r[0]))
    return [r[0] for r in rows[:limit]]


def _examples(conn: Connection, ids: list[int]) -> list[dict[str, Any]]:
    """These events as search rows (date, actors, code, sentence or URL), in this order."""
    if not ids:
        return []
    found = page(conn, conditions(ids=ids), limit=None)
    order = {i: n for n, i in enumerate(ids)}
    found = found.assign(_order=found["id"].map(order)).sort_values("_order")
    out = []
    for row in found[EXAMPLE_COLUMNS].to_dict(orient="records"):
        row["event_date"] = str(row["event_date"]) if row["event_date"] is not None else None
        out.append({k: (None if isinstance(v, float) and v != v else v) for k, v in row.items()})
    return out
