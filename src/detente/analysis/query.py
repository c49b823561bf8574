"""Event search: every filter an analyst asks for, one page at a time, with the total count.

`Store.events` serves `detente events` (a few filters, newest first); the search adds sectors,
dyads, codes, PLOVER types, places, text and paging, and answers with a DataFrame, so the CLI,
notebooks and the web API page through the same query.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import ColumnElement, and_, exists, func, or_, select
from sqlalchemy.engine import Connection

from detente.analysis.common import ActorSpec, AnalysisError, actor_spec, ev
from detente.store import Store, schema

# Event columns a search returns, then the first mention's sentence and trigger.
EVENT_COLUMNS = [
    "id",
    "origin",
    "ext_id",
    "date",
    "date_precision",
    "event_date",
    "source_code",
    "source_country",
    "source_sector",
    "source_name",
    "target_code",
    "target_country",
    "target_sector",
    "target_name",
    "cameo",
    "cameo_root",
    "quad_class",
    "goldstein",
    "plover",
    "plover_mode",
    "mutual",
    "location_name",
    "location_country",
    "lat",
    "lon",
    "negated",
    "modality",
    "historical",
    "confidence",
    "num_mentions",
    "num_sources",
    "num_articles",
    "story_id",
    "pub_date",
    "url",
]
COLUMNS = [*EVENT_COLUMNS, "article_id", "sentence", "trigger"]


@dataclass(frozen=True)
class SearchResult:
    """One page of events (newest first) and how many events match in all."""

    events: pd.DataFrame
    total: int
    limit: int | None
    offset: int

    @property
    def has_more(self) -> bool:
        return self.offset + len(self.events) < self.total


def _codes(value: str | Iterable[str] | None) -> list[str]:
    if value is None:
        return []
    items = [value] if isinstance(value, str) else list(value)
    return [str(v).strip().upper() for v in items if str(v).strip()]


def _side(spec: ActorSpec, side: str) -> ColumnElement[bool]:
    return spec.column(side) == spec.value


def conditions(
    *,
    actor: str | None = None,
    source: str | None = None,
    target: str | None = None,
    dyad: tuple[str, str] | None = None,
    directed: bool = True,
    sector: str | None = None,
    source_sector: str | None = None,
    target_sector: str | None = None,
    cameo: str | Iterable[str] | None = None,
    root: str | Iterable[str] | None = None,
    quad_class: int | Iterable[int] | None = None,
    plover: str | Iterable[str] | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    place: str | None = None,
    location_country: str | None = None,
    bbox: tuple[float, float, float, float] | None = None,
    text: str | None = None,
    origin: str | None = None,
    min_mentions: int | None = None,
    include_historical: bool = True,
    ids: Iterable[int] | None = None,
) -> list[ColumnElement[bool]]:
    """The WHERE conditions of a search over merged events (all values are bound parameters).

    actor: either side; source, target: that side; dyad: (A, B), A towards B, or either way
    when not `directed`. Actors are countries (`RUS`) or actor codes (`RUSGOV`). cameo: codes
    starting with these digits (`19` is the root, `190` the code and its subcodes); root: CAMEO
    roots; quad_class: 1-4; plover: PLOVER types. place: part of the place name; bbox: (west,
    south, east, north) in degrees, west > east crossing the antimeridian. text: part of the
    sentence or trigger of any mention (case-insensitive; Detente's own events only).
    ids: these event ids only.
    """
    out: list[ColumnElement[bool]] = []
    if ids is not None:
        out.append(ev.c.id.in_([int(i) for i in ids]))
    if actor:
        spec = actor_spec(actor)
        out.append(or_(_side(spec, "source"), _side(spec, "target")))
    if source:
        out.append(_side(actor_spec(source), "source"))
    if target:
        out.append(_side(actor_spec(target), "target"))
    if dyad:
        a, b = (actor_spec(x) for x in dyad)
        forward = and_(_side(a, "source"), _side(b, "target"))
        out.append(forward if directed else or_(forward, and_(_side(b, "source"), _side(a, "target"))))
    if sector:
        s = sector.strip().upper()
        out.append(or_(ev.c.source_sector == s, ev.c.target_sector == s))
    if source_sector:
        out.append(ev.c.source_sector == source_sector.strip().upper())
    if target_sector:
        out.append(ev.c.target_sector == target_sector.strip().upper())
    if codes := _codes(cameo):
        if not all(c.isdigit() for c in codes):
            raise AnalysisError(f"CAMEO codes are digits: {', '.join(codes)}")
        out.append(or_(*(ev.c.cameo.startswith(c, autoescape=True) for c in codes)))
    if roots := _codes(root):
        out.append(ev.c.cameo_root.in_([r.zfill(2) for r in roots]))
    if quad_class is not None:
        quads = [quad_class] if isinstance(quad_class, int) else list(quad_class)
        if not quads or any(q not in (1, 2, 3, 4) for q in quads):
            raise AnalysisError(f"quad classes are 1 to 4, not {quads}")
        out.append(ev.c.quad_class.in_(quads))
    if types := _codes(plover):
        out.append(ev.c.plover.in_(types))
    if since:
        out.append(ev.c.event_date >= since)
    if until:
        out.append(ev.c.event_date <= until)
    if since and until and since > until:
        raise AnalysisError(f"the range starts ({since}) after it ends ({until})")
    if place:
        out.append(ev.c.location_name.icontains(place.strip(), autoescape=True))
    if location_country:
        out.append(ev.c.location_country == location_country.strip().upper())
    if bbox:
        out.append(_in_box(bbox))
    if text:
        em, s = schema.event_mentions, schema.sentences
        needle = text.strip()
        out.append(
            exists(
                select(em.c.id)
                .select_from(
                    em.outerjoin(s, and_(s.c.article_id == em.c.article_id, s.c.idx == em.c.sentence_idx))
                )
                .where(em.c.event_id == ev.c.id)
                .where(
                    or_(
                        s.c.text.icontains(needle, autoescape=True),
                        em.c.trigger_text.icontains(needle, autoescape=True),
                    )
                )
            )
        )
    if origin:
        out.append(ev.c.origin == origin)
    if min_mentions:
        out.append(ev.c.num_mentions >= min_mentions)
    if not include_historical:
        out.append(ev.c.historical.is_(False))
    return out


def _in_box(bbox: tuple[float, float, float, float]) -> ColumnElement[bool]:
    west, south, east, north = (float(v) for v in bbox)
    if not (-90 <= south <= north <= 90 and -180 <= west <= 180 and -180 <= east <= 180):
        raise AnalysisError(f"a bounding box is west,south,east,north in degrees, not {bbox}")
    lat = ev.c.lat.between(south, north)
    if west <= east:
        return and_(lat, ev.c.lon.between(west, east))
    return and_(lat, or_(ev.c.lon >= west, ev.c.lon <= east))  # across the antimeridian


def search_events(
    store: Store, *, limit: int | None = 50, offset: int = 0, total: int | None = None, **filters: Any
) -> SearchResult:
    """One page of matching events, newest first (by date, then id), and the total count.

    Filters: see `conditions`. Each row carries its first mention's sentence and trigger
    (empty for imported events, which have no mentions). `total`: the count, when the caller
    knows it from an earlier page of the same search (counting a large match is most of the work).
    """
    if offset < 0 or (limit is not None and limit < 0):
        raise AnalysisError("limit and offset are counts of events: 0 or more")
    where = conditions(**filters)
    with store.engine.connect() as conn:
        if total is None:
            total = _total(conn, where, filters)
        if filters.get("actor") and _scan_by_date(conn, total, limit, offset):
            where = _actor_by_date(filters)
        df = page(conn, where, limit=limit, offset=offset)
    return SearchResult(df, total, limit, offset)


def _total(conn: Connection, where: list[ColumnElement[bool]], filters: dict[str, Any]) -> int:
    """The number of matches. An actor on either side is counted as source + target - both:
    three index-only range counts, where counting the OR would first gather every match's row id
    (half a second for a country in a quarter of a million events)."""

    def count(conds: list[ColumnElement[bool]]) -> int:
        return int(conn.execute(select(func.count()).select_from(ev).where(*conds)).scalar_one())

    if not filters.get("actor"):
        return count(where)
    rest = conditions(**{k: v for k, v in filters.items() if k != "actor"})
    spec = actor_spec(filters["actor"])
    source, target = _side(spec, "source"), _side(spec, "target")
    return count([*rest, source]) + count([*rest, target]) - count([*rest, source, target])


def _scan_by_date(conn: Connection, total: int, limit: int | None, offset: int) -> bool:
    """Whether SQLite should walk the events newest first (ix_events_date) and test each, rather
    than gather all `total` matches from the actor indexes and sort them: true when the walk
    meets (offset + limit) matches after reading fewer rows than a tenth of the matches (a row
    read in date order is a lookup in the table, about ten times an index entry read in order;
    bench/bench_web.py)."""
    if conn.dialect.name != "sqlite" or limit is None or total == 0:
        return False
    events = conn.execute(select(func.max(ev.c.id))).scalar() or 0  # ids are dense: an estimate
    return (offset + limit) * events / total * WALK_COST < total


WALK_COST = 10  # a table row read in date order / an index entry read in order (SQLite)


def _actor_by_date(filters: dict[str, Any]) -> list[ColumnElement[bool]]:
    """The search's conditions with the actor compared as `column || ''`: the same matches, but
    SQLite can no longer look them up in the actor indexes and walks ix_events_date instead."""
    spec = actor_spec(filters["actor"])
    rest = conditions(**{k: v for k, v in filters.items() if k != "actor"})
    sides = [spec.column(side).op("||")("") == spec.value for side in ("source", "target")]
    return [*rest, or_(*sides)]


def page(
    conn: Connection, where: list[ColumnElement[bool]], *, limit: int | None, offset: int = 0
) -> pd.DataFrame:
    """The matching events in search order, with their first mention's sentence and trigger.

    The page's ids are chosen first, from the filters' index alone where it holds them (a dyad's
    events sorted by date are then a sort of small index records), and only those rows are
    read whole.
    """
    order = (ev.c.event_date.desc().nulls_last(), ev.c.id.desc())
    ids = select(ev.c.id).where(*where).order_by(*order).offset(offset)
    if limit is not None:
        ids = ids.limit(limit)

    em, s = schema.event_mentions, schema.sentences
    joined = ev.outerjoin(em, em.c.id == ev.c.first_mention_id).outerjoin(
        s, and_(s.c.article_id == em.c.article_id, s.c.idx == em.c.sentence_idx)
    )
    q = (
        select(*(ev.c[c] for c in EVENT_COLUMNS), em.c.article_id, s.c.text, em.c.trigger_text)
        .select_from(joined)
        .where(ev.c.id.in_(ids.scalar_subquery()))
        .order_by(*order)
    )
    df = pd.DataFrame([tuple(r) for r in conn.execute(q)], columns=COLUMNS)
    for name in ("negated", "historical", "mutual"):
        df[name] = df[name].astype(bool)
    return df
