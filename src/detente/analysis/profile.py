"""Actor profile: a country's (or actor's) top partners, event mix and monthly trend.

Per side (the actor as source, then as target), with the actor's partners listed first by a
loose index scan (one index step each):

1. (partner, CAMEO root) sums, one date range per (partner, root) in `ix_events_dyad` /
   `ix_events_target_dyad`, grouped in their order: the partners and the event mix;
2. the monthly sums of the trend, one date range per partner and month in `ix_events_year`
   (year, source, target, date): no grouping, so no sort.

Only the window's events are read, and SQLite sorts nothing larger than a handful of rows.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import ColumnElement, func, select
from sqlalchemy.engine import Connection

from detente.analysis.common import (
    MEASURES,
    QUADS,
    SUMS_FULL,
    ActorSpec,
    AnalysisError,
    actor_spec,
    add_sums,
    common_filters,
    day_variants,
    ev,
    finish,
    frame,
    period_start,
    sums,
)
from detente.analysis.network import default_range
from detente.coding.tables import cameo_codes
from detente.store import Store

TREND_PERIODS = ("month", "quarter", "year")
SIDES = {"out": ("source", "target"), "in": ("target", "source")}  # side: (the actor's column, partner's)
ROOTS = sorted({c.root for c in cameo_codes().values()})  # "01" .. "20"
TREND_SUMS = ["events", "mentions", "goldstein_sum", "coop_mentions"]


@dataclass
class Profile:
    """What an actor does and to whom; every frame covers the same events (see `actor_profile`)."""

    actor: str
    since: dt.date | None
    until: dt.date | None
    partners_out: pd.DataFrame  # partner (target), MEASURES, share; most events first
    partners_in: pd.DataFrame  # partner (source), MEASURES, share
    mix_root: pd.DataFrame  # side, cameo_root, name, quad_class, events, mentions, share, goldstein_mean
    mix_quad: pd.DataFrame  # side, quad_class, name, events, share
    trend: pd.DataFrame  # period, events/balance out, in, and both, goldstein_mean

    def to_dict(self, top: int | None = None) -> dict[str, Any]:
        def records(df: pd.DataFrame, limit: int | None = None) -> list[dict[str, Any]]:
            df = df.head(limit) if limit else df
            return [{k: _json(v) for k, v in r.items()} for r in df.to_dict(orient="records")]

        return {
            "actor": self.actor,
            "since": str(self.since) if self.since else None,
            "until": str(self.until) if self.until else None,
            "partners_out": records(self.partners_out, top),
            "partners_in": records(self.partners_in, top),
            "mix_root": records(self.mix_root),
            "mix_quad": records(self.mix_quad),
            "trend": records(self.trend),
        }


def _json(v: Any) -> Any:
    if isinstance(v, pd.Timestamp):
        return v.date().isoformat()
    if isinstance(v, float) and v != v:
        return None
    return v.item() if hasattr(v, "item") else v


def month_key(conn: Connection, column: Any) -> Any:
    """`YYYY-MM` of a date column, in each dialect's cheapest form."""
    if conn.dialect.name == "sqlite":
        return func.substr(column, 1, 7)  # dates are ISO strings in SQLite
    if conn.dialect.name == "postgresql":
        return func.to_char(column, "YYYY-MM")
    return func.concat(func.extract("year", column), "-", func.lpad(func.extract("month", column), 2, "0"))


def actor_profile(
    store: Store,
    actor: str | ActorSpec,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    by: str = "month",
    domestic: bool = False,
    origin: str | None = None,
    min_mentions: int | None = None,
) -> Profile:
    """Top partners in and out, event mix by CAMEO root and quad class, trend per period.

    The profile covers the actor's relations: events with another country (or, for an actor
    code, another actor) on the other side; with `domestic`, events with itself or with no
    counterpart (partner None) count too. `since`/`until` default to the year up to the latest
    event, like the network; `since=datetime.date.min` means from the first event on. Shares
    are of the side's events; the trend is per month (or quarter, year): each side's balance
    and both together.
    """
    spec = actor_spec(actor)
    if by not in TREND_PERIODS:
        raise AnalysisError(f"a profile's trend is by {', '.join(TREND_PERIODS)}, not {by!r}")
    with store.engine.connect() as conn:
        window = _window(conn, since, until)
        sides = {}
        if window is not None:
            sides = {side: _side(conn, spec, side, window, domestic, origin, min_mentions) for side in SIDES}
    by_root = [df.assign(side=side) for side, (df, _) in sides.items()]
    by_month = [df.assign(side=side) for side, (_, df) in sides.items()]
    roots = (
        pd.concat(by_root, ignore_index=True)
        if by_root
        else _empty(["side", "partner", "cameo_root", *SUMS_FULL])
    )
    months = pd.concat(by_month, ignore_index=True) if by_month else _empty(["side", "month", *TREND_SUMS])
    return Profile(
        spec.value,
        window[0] if window else since,
        window[1] if window else until,
        _partners(roots[roots["side"] == "out"]),
        _partners(roots[roots["side"] == "in"]),
        _mix_root(roots),
        _mix_quad(roots),
        _trend(months, by, window),
    )


def _empty(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="float64") for c in columns})


def _window(conn: Connection, since: dt.date | None, until: dt.date | None) -> tuple[dt.date, dt.date] | None:
    """The profile's days: as asked (default: the year to the latest event), within the store's."""
    if since and until and since > until:
        raise AnalysisError(f"the range starts ({since}) after it ends ({until})")
    # two queries: SQLite answers a lone min() or max() with one step down ix_events_date, but
    # both in one query with a scan of the whole index
    first = conn.execute(select(func.min(ev.c.event_date))).scalar()
    last = conn.execute(select(func.max(ev.c.event_date))).scalar()
    if last is None:
        return None
    first, last = (dt.date.fromisoformat(d) if isinstance(d, str) else d for d in (first, last))
    period = default_range(conn, since, until or last)
    assert period is not None
    start, end = max(period[0], first), period[1]
    return (start, end) if start <= end else (period[0], period[1])


def _months(window: tuple[dt.date, dt.date]) -> list[tuple[dt.date, dt.date]]:
    """The calendar months of the window, cut to it."""
    out = []
    day = window[0]
    while day <= window[1]:
        last = dt.date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
        out.append((day, min(last, window[1])))
        day = last + dt.timedelta(days=1)
    return out


def _side(
    conn: Connection,
    spec: ActorSpec,
    side: str,
    window: tuple[dt.date, dt.date],
    domestic: bool,
    origin: str | None,
    min_mentions: int | None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One side of a profile: (partner, CAMEO root) sums and monthly sums, over the window.

    A country's events with a known list of partners are, for each partner and root, one date
    range of the country index (source, target, root, date), and for each partner and month one
    date range of `ix_events_year` (year, source, target, date); an actor code has its own
    (code, date) index. The roots are CAMEO's 01-20; should the monthly totals show events
    with other roots, the (partner, root) sums are read again without the root list.
    """
    mine, theirs = SIDES[side]
    other = ev.c[f"{theirs}_country"]
    actor = [spec.column(mine) == spec.value, *common_filters(origin, min_mentions)]
    (_, dated), (pub_day, undated) = day_variants(*window)
    groups: list[ColumnElement[bool]] = []
    if spec.kind == "country":
        # nothing on the partner column but the list: a range there (IS NOT NULL) could tempt
        # SQLite into reading the actor's whole range instead of one range per partner
        named = _partner_list(conn, spec.column(mine) == spec.value, other)
        if not domestic:
            named = [p for p in named if p != spec.value]
        if named:
            groups.append(other.in_(named))
        if domestic and conn.execute(select(ev.c.id).where(*actor, other.is_(None)).limit(1)).first():
            groups.append(other.is_(None))
    elif domestic:
        groups.append(ev.c.id.is_not(None))
    else:
        groups.append(other.is_not(None) & (ev.c[f"{theirs}_code"] != spec.value))
    keys = (other.label("partner"), ev.c.cameo_root)
    root_cols = ["partner", "cameo_root", *SUMS_FULL]
    month_sums = [*sums(lean=True)[:3], sums(lean=True)[4]]  # events, mentions, goldstein, coop mentions

    def by_root(roots: list[str] | None) -> list[pd.DataFrame]:
        listed = [ev.c.cameo_root.in_(roots)] if roots and spec.kind == "country" else []
        out = []
        for group in groups:
            for conditions in (dated, undated):
                q = select(*keys, *sums()).where(*actor, group, *listed, *conditions).group_by(*keys)
                out.append(frame(conn, q, root_cols))
        return out

    parts = by_root(ROOTS)
    months = []
    for group in groups:
        if conn.dialect.name == "postgresql":  # hash aggregation: the whole window in one query
            years = (
                [ev.c.event_year.between(window[0].year, window[1].year)] if spec.kind == "country" else []
            )
            month = month_key(conn, ev.c.event_date)
            q = select(month, *month_sums).where(*actor, group, *years, ev.c.event_date.between(*window))
            months.append(frame(conn, q.group_by(month), ["month", *TREND_SUMS]))
        else:  # no hash aggregation: a month at a time, each a date range per partner, no grouping
            for start, end in _months(window):
                year = [ev.c.event_year == start.year] if spec.kind == "country" else []
                q = select(*month_sums).where(*actor, group, *year, ev.c.event_date.between(start, end))
                months.append(frame(conn, q, TREND_SUMS).assign(month=start.strftime("%Y-%m")))
        month = month_key(conn, pub_day)  # undated current events, by month of publication
        year = [ev.c.event_year.is_(None)] if spec.kind == "country" else []  # ix_events_year again
        q = select(month, *month_sums).where(*actor, group, *year, *undated).group_by(month)
        months.append(frame(conn, q, ["month", *TREND_SUMS]))
    monthly = add_sums(months, ["month"])
    if monthly["events"].sum() != sum(p["events"].sum() for p in parts if len(p)):
        parts = by_root(None)  # roots outside CAMEO's twenty: read without the root list
    return add_sums(parts, ["partner", "cameo_root"]), monthly


def _partner_list(conn: Connection, actor: Any, partner: Any) -> list[str]:
    """The distinct non-null values of `partner` for the actor, in one query: a recursive loose
    index scan, one index step per value (a DISTINCT would read all the actor's events)."""
    found = select(func.min(partner).label("p")).where(actor).cte("partners", recursive=True)
    step = select(select(func.min(partner)).where(actor, partner > found.c.p).scalar_subquery())
    found = found.union_all(step.where(found.c.p.is_not(None)))
    return [r[0] for r in conn.execute(select(found.c.p).where(found.c.p.is_not(None)))]


def _partners(roots: pd.DataFrame) -> pd.DataFrame:
    """Per partner: MEASURES and share of the side's events, most events first."""
    summed = add_sums([roots[["partner", *SUMS_FULL]]], ["partner"]) if len(roots) else roots
    out = finish(summed[["partner", *SUMS_FULL]] if len(roots) else _empty(["partner", *SUMS_FULL]))
    total = out["events"].sum()
    out["share"] = out["events"] / total if total else float("nan")
    out = out.sort_values(
        ["events", "partner"], ascending=[False, True], na_position="last", ignore_index=True
    )
    partner = out["partner"].astype(object)
    out["partner"] = partner.where(partner.notna(), None)  # None: events without a counterpart
    return out[["partner", *MEASURES, "share"]]


def _quads(df: pd.DataFrame) -> pd.DataFrame:
    """Events per quad class from the sums (the fourth class is what the first three leave)."""
    q = df[["verbal_coop", "material_coop", "verbal_conflict"]].copy()
    q["material_conflict"] = df["events"] - q.sum(axis=1)
    return q


def _mix_root(roots: pd.DataFrame) -> pd.DataFrame:
    cols = ["side", "cameo_root", "name", "quad_class", "events", "mentions", "share", "goldstein_mean"]
    if not len(roots):
        return _empty(cols)
    names = cameo_codes()
    g = roots.groupby(["side", "cameo_root"], as_index=False)[SUMS_FULL].sum()
    quads = _quads(g)
    g["quad_class"] = quads.to_numpy().argmax(axis=1) + 1  # the root's class (one per root in CAMEO)
    g["name"] = [names[r].name.lower() if r in names else "" for r in g["cameo_root"]]
    g["share"] = g["events"] / g.groupby("side")["events"].transform("sum")
    g["goldstein_mean"] = g["goldstein_sum"] / g["events"]
    g = g.astype({"events": "int64", "mentions": "int64"})
    g = g.sort_values(["side", "cameo_root"], ascending=[False, True], ignore_index=True)
    return g[cols]


def _mix_quad(roots: pd.DataFrame) -> pd.DataFrame:
    cols = ["side", "quad_class", "name", "events", "share"]
    if not len(roots):
        return _empty(cols)
    rows = []
    for side, df in roots.groupby("side", sort=False):
        counts = _quads(df).sum()
        total = counts.sum()
        for quad, name in QUADS.items():
            if counts[name]:
                rows.append((side, quad, name, int(counts[name]), counts[name] / total))
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values(["side", "quad_class"], ascending=[False, True], ignore_index=True)


def _trend(months: pd.DataFrame, by: str, window: tuple[dt.date, dt.date] | None) -> pd.DataFrame:
    """One row per period of the window (empty ones too): events and balance out, in, both."""
    cols = ["period", "events_out", "events_in", "balance_out", "balance_in", "events", "balance"]
    cols += ["goldstein_mean"]
    if window is None:
        return pd.DataFrame(columns=cols)
    full = pd.period_range(window[0], window[1], freq={"month": "M", "quarter": "Q", "year": "Y"}[by])
    wide = pd.DataFrame(index=full.start_time)
    if len(months):
        m = months.assign(period=period_start(months["month"] + "-01", by))
        m = m.assign(conflict=m["mentions"] - m["coop_mentions"])
        values = ["events", "goldstein_sum", "coop_mentions", "conflict"]
        pivot = m.pivot_table(index="period", columns="side", values=values, aggfunc="sum", fill_value=0.0)
        wide = pivot.reindex(full.start_time, fill_value=0.0)
    out = pd.DataFrame({"period": wide.index})

    def col(name: str, side: str) -> pd.Series:
        key = (name, side)
        return wide[key].reset_index(drop=True) if key in wide.columns else pd.Series(0.0, index=out.index)

    def bal(coop: pd.Series, conflict: pd.Series) -> pd.Series:
        return (coop - conflict) / (coop + conflict).where(lambda s: s > 0)

    for side in ("out", "in"):
        out[f"events_{side}"] = col("events", side).astype("int64")
        out[f"balance_{side}"] = bal(col("coop_mentions", side), col("conflict", side))
    out["events"] = out["events_out"] + out["events_in"]
    both = [col(n, "out") + col(n, "in") for n in ("coop_mentions", "conflict")]
    out["balance"] = bal(*both)
    gsum = col("goldstein_sum", "out") + col("goldstein_sum", "in")
    out["goldstein_mean"] = gsum / out["events"].where(out["events"] > 0)
    return out[cols]
