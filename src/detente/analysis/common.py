"""What every analysis shares: actor selectors, the measured columns, periods, the balance.

The analyses aggregate merged events (`events`) in SQL and hand pandas only the aggregates, so
their cost and memory follow the number of days, dyads or partners, never the number of events.
Each query reads one range of one of the store's analysis indexes (docs/store.md) and groups in
its order wherever the question allows: SQLite has no hash aggregation, and sorting a million
rows costs more than reading them.

Definitions (docs/analysis.md):

- *the day of an event* is its `event_date` (the first day its coded date can mean); an event
  without a date counts on its publication date (`pub_date`), as the GDELT export files it,
  unless it is background (`historical`: "had long criticized"); the rest are left out of
  every time-based analysis;
- *cooperation* is quad classes 1 and 2 (verbal, material), *conflict* 3 and 4;
- *balance* = (cooperation − conflict) / (cooperation + conflict), each side weighted by
  `num_mentions`, so an event read fifty times weighs fifty times one read once; it runs from
  −1 (only conflict) to +1 (only cooperation) and is undefined (NaN) without events.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd
from sqlalchemy import ColumnElement, func
from sqlalchemy.engine import Connection
from sqlalchemy.sql import Select

from detente.errors import DetenteError
from detente.store import schema

ev = schema.events

PERIODS: dict[str, str] = {"day": "D", "week": "W-SUN", "month": "M", "quarter": "Q", "year": "Y"}
QUADS: dict[int, str] = {1: "verbal_coop", 2: "material_coop", 3: "verbal_conflict", 4: "material_conflict"}
COOPERATION = (1, 2)
CONFLICT = (3, 4)

# What aggregate queries return: FULL (per quad class: dyad series) or LEAN (cooperation and
# conflict only: networks, partners, changes; four aggregates fewer per event read). Quad classes
# are 1-4 (schema), so the fourth class and conflict are what remains of the totals.
SUMS_FULL = ["events", "mentions", "goldstein_sum", "verbal_coop", "material_coop", "verbal_conflict"]
SUMS_FULL.append("coop_mentions")
SUMS_LEAN = ["events", "mentions", "goldstein_sum", "coop_events", "coop_mentions"]
SUMS = SUMS_FULL
# Columns of a finished aggregate, in order.
MEASURES = ["events", "mentions", *QUADS.values(), "coop_events", "conflict_events", "coop_mentions"]
MEASURES += ["conflict_mentions", "goldstein_sum", "goldstein_mean", "balance"]
MEASURES_LEAN = [m for m in MEASURES if m not in QUADS.values()]


class AnalysisError(DetenteError):
    """A request the analyses cannot answer (unknown period, bad actor, empty range...)."""

    code = "E601"


@dataclass(frozen=True)
class ActorSpec:
    """An actor as analyses select it: a country (all actors of it) or one actor code.

    `RUS` is the country: every actor whose country is RUS (RUSGOV, RUSMIL, the country itself).
    `RUSGOV` is that actor code only. `code:RUS` and `country:UNO` say which one explicitly.
    """

    value: str
    kind: Literal["country", "code"]

    def column(self, side: str) -> Any:
        """The events column this spec compares on that side (`source` or `target`)."""
        return ev.c[f"{side}_{self.kind}"]

    def __str__(self) -> str:
        return self.value


def actor_spec(spec: str | ActorSpec) -> ActorSpec:
    """Parse `RUS`, `RUSGOV`, `code:RUS` or `country:UNO`; three letters mean a country."""
    if isinstance(spec, ActorSpec):
        return spec
    text = spec.strip()
    kind: str | None = None
    if ":" in text:
        kind, text = (part.strip() for part in text.split(":", 1))
        if kind not in ("country", "code"):
            raise AnalysisError(f"{spec!r}: write country:RUS or code:RUSGOV, not {kind}:")
    text = text.upper()
    if not text or any(c.isspace() for c in text):
        raise AnalysisError(f"{spec!r} is not an actor code or country code")
    if kind is None:
        kind = "country" if len(text) == 3 and text.isalpha() else "code"
    return ActorSpec(text, "country" if kind == "country" else "code")


def period_freq(by: str) -> str:
    """The pandas period of `day`, `week` (Monday to Sunday), `month`, `quarter` or `year`."""
    try:
        return PERIODS[by]
    except KeyError:
        raise AnalysisError(f"unknown period {by!r}; use one of {', '.join(PERIODS)}") from None


def period_start(days: pd.Series, by: str) -> pd.Series:
    """The first day of the period each day falls in, as Timestamps."""
    return pd.to_datetime(days).dt.to_period(period_freq(by)).dt.start_time


def period_bounds(day: dt.date, by: str) -> tuple[dt.date, dt.date]:
    """First and last day of the period that contains `day`."""
    p = pd.Period(day, freq=period_freq(by))
    return p.start_time.date(), p.end_time.date()


def previous_period(day: dt.date, by: str) -> tuple[dt.date, dt.date]:
    """First and last day of the period before the one that contains `day`."""
    p = pd.Period(day, freq=period_freq(by)) - 1
    return p.start_time.date(), p.end_time.date()


def sums(lean: bool = False) -> list[Any]:
    """Aggregate expressions of SUMS_FULL (or SUMS_LEAN) over events.

    Every column they read is in the analysis indexes, so the reads stay index-only; FILTER
    (SQLite >= 3.30, PostgreSQL) skips an aggregate step where CASE would add zeros.
    """
    mentions = ev.c.num_mentions
    coop = ev.c.quad_class.in_(COOPERATION)
    out: list[Any] = [
        func.count().label("events"),
        func.sum(mentions).label("mentions"),
        func.sum(ev.c.goldstein).label("goldstein_sum"),
    ]
    if lean:
        out.append(func.count().filter(coop).label("coop_events"))
    else:
        out += [func.count().filter(ev.c.quad_class == q).label(QUADS[q]) for q in (1, 2, 3)]
    out.append(func.sum(mentions).filter(coop).label("coop_mentions"))
    return out


def day_variants(since: dt.date | None, until: dt.date | None) -> list[tuple[Any, list[ColumnElement[bool]]]]:
    """(day column, conditions) of dated events and of undated current ones (at `pub_date`).

    Dated events are read by `event_date` in index order; the undated ones are one more small
    range of the same index (`event_date IS NULL`), looked up for their publication date.
    """
    dated: list[ColumnElement[bool]] = [ev.c.event_date.is_not(None)]
    undated: list[ColumnElement[bool]] = [
        ev.c.event_date.is_(None),
        ev.c.pub_date.is_not(None),
        ev.c.historical.is_(False),  # background ("had long criticized") has no day at all
    ]
    if since:
        dated.append(ev.c.event_date >= since)
        undated.append(ev.c.pub_date >= since)
    if until:
        dated.append(ev.c.event_date <= until)
        undated.append(ev.c.pub_date <= until)
    return [(ev.c.event_date, dated), (ev.c.pub_date, undated)]


def common_filters(
    origin: str | None = None, min_mentions: int | None = None, *, classified: bool = True
) -> list[ColumnElement[bool]]:
    """Conditions of every aggregate: events with a quad class, and the optional filters.

    An imported row with an unknown CAMEO code and no QuadClass has quad class 0: it is neither
    cooperation nor conflict, so the analyses leave it out (search still finds it; so does the
    normalisation base, `classified=False`, which counts from an index without the class).
    `origin` is not in the analysis indexes: filtering on it looks rows up in the table.
    """
    out: list[ColumnElement[bool]] = [ev.c.quad_class.between(1, 4)] if classified else []
    if origin:
        out.append(ev.c.origin == origin)
    if min_mentions and min_mentions > 1:
        out.append(ev.c.num_mentions >= min_mentions)
    return out


def frame(conn: Connection, query: Select[Any], columns: Sequence[str]) -> pd.DataFrame:
    """Run a query and give its rows as a DataFrame with these column names."""
    rows = conn.execute(query).all()
    return pd.DataFrame([tuple(r) for r in rows], columns=list(columns))


def empty_sums(keys: Sequence[str], lean: bool = False) -> pd.DataFrame:
    names = [*keys, *(SUMS_LEAN if lean else SUMS_FULL)]
    return pd.DataFrame({name: pd.Series(dtype="float64") for name in names})


def add_sums(parts: Iterable[pd.DataFrame], keys: Sequence[str], lean: bool = False) -> pd.DataFrame:
    """Add up partial aggregates (two directions, dated and undated events) by their keys."""
    parts = [p for p in parts if len(p)]
    if not parts:
        return empty_sums(keys, lean)
    both = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0].copy()
    names = [c for c in both.columns if c not in keys]
    both[names] = both[names].astype("float64").fillna(0.0)  # PostgreSQL: Decimal; FILTER: NULL
    if len(parts) == 1 and not both.duplicated(list(keys)).any():  # one GROUP BY result: done
        return both.sort_values(list(keys), ignore_index=True)
    return both.groupby(list(keys), as_index=False, sort=True, dropna=False)[names].sum()


def finish(df: pd.DataFrame) -> pd.DataFrame:
    """Counts as integers; quad classes, cooperation/conflict totals, Goldstein mean, balance."""
    out = df.copy()
    lean = "verbal_coop" not in out.columns
    for name in (
        "events",
        "mentions",
        "coop_mentions",
        *(["coop_events"] if lean else list(QUADS.values())[:3]),
    ):
        out[name] = out[name].fillna(0).astype("int64")
    out["goldstein_sum"] = out["goldstein_sum"].fillna(0.0).astype("float64")
    if not lean:
        out["material_conflict"] = out["events"] - out["verbal_coop"] - out["material_coop"]
        out["material_conflict"] -= out["verbal_conflict"]
        out["coop_events"] = out["verbal_coop"] + out["material_coop"]
    out["conflict_events"] = out["events"] - out["coop_events"]
    out["conflict_mentions"] = out["mentions"] - out["coop_mentions"]
    out["goldstein_mean"] = out["goldstein_sum"] / out["events"].where(out["events"] > 0)
    mentions = out["mentions"].where(out["mentions"] > 0)
    out["balance"] = (out["coop_mentions"] - out["conflict_mentions"]) / mentions
    measures = MEASURES_LEAN if lean else MEASURES
    keys = [c for c in out.columns if c not in measures and c not in SUMS_FULL and c not in SUMS_LEAN]
    return out[[*keys, *measures]].reset_index(drop=True)
