"""Event merging: mentions of the same happening become one event with GDELT-style counts.

The rule (docs/store.md): two mentions are the same event when they have the same source actor
code, target actor code, CAMEO code and polarity (negated / hypothetical / plain), and

- both are dated and their first days lie at most `window_days` apart (the mention joins the
  event whose anchor date is nearest, the earliest event on ties; an event's anchor is the date
  of its first mention and never moves), or
- both are undated and come from articles of the same story cluster.

Counts are always recomputed from the mentions: NumMentions is the number of (mention, copy)
pairs, NumArticles the number of distinct copies, NumSources the number of distinct publishers
of those copies. Incremental merging (`Store.add`) and `Store.rebuild` run this same code in the
same order, so they give the same events.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import bindparam, case, func, insert, select, update
from sqlalchemy.engine import Connection

from detente.store import schema

DEFAULT_WINDOW_DAYS = 1

# Columns a merged event takes from its first mention.
_SHARED = [
    c.name
    for c in schema.events.c
    if c.name in schema.event_mentions.c and c.name not in ("id", "event_id", "article_id", "doc_id")
]


def merge_key(row: dict[str, Any]) -> str:
    """source|target|cameo|polarity of a mention row; missing actors are empty."""
    polarity = "neg" if row["negated"] else ("hyp" if row["modality"] == "hypothetical" else "")
    return f"{row['source_code'] or ''}|{row['target_code'] or ''}|{row['cameo']}|{polarity}"


def find_event(
    conn: Connection, key: str, day: dt.date | None, story_id: str, window_days: int
) -> int | None:
    """The merged event a mention joins, or None when it starts a new one."""
    ev = schema.events
    if day is None:
        return conn.execute(
            select(ev.c.id)
            .where(ev.c.merge_key == key, ev.c.event_date.is_(None), ev.c.story_id == story_id)
            .order_by(ev.c.id)
            .limit(1)
        ).scalar()
    window = dt.timedelta(days=window_days)
    rows = conn.execute(
        select(ev.c.id, ev.c.event_date).where(
            ev.c.merge_key == key, ev.c.event_date.between(day - window, day + window)
        )
    ).all()
    if not rows:
        return None
    return min(rows, key=lambda r: (abs((r.event_date - day).days), r.id)).id


def merge_mentions(
    conn: Connection,
    mentions: Iterable[tuple[int, dict[str, Any]]],
    *,
    story_id: str,
    pub_date: dt.date | None,
    url: str | None,
    window_days: int,
    now: dt.datetime,
) -> set[int]:
    """Attach (mention id, mention row) pairs of one article to merged events; the touched ids."""
    touched: set[int] = set()
    for mention_id, row in mentions:
        key = merge_key(row)
        event_id = find_event(conn, key, row["event_date"], story_id, window_days)
        if event_id is None:
            values = {name: row[name] for name in _SHARED}
            values.update(
                origin="detente",
                merge_key=key,
                story_id=story_id,
                first_mention_id=mention_id,
                pub_date=pub_date,
                url=url,
                date_added=now,
                is_root=row.get("paragraph") == 0,
                event_year=row["event_date"].year if row["event_date"] else None,
            )
            event_id = conn.execute(insert(schema.events).values(**values)).inserted_primary_key[0]
        conn.execute(
            update(schema.event_mentions)
            .where(schema.event_mentions.c.id == mention_id)
            .values(event_id=event_id)
        )
        touched.add(event_id)
    return touched


def recount(conn: Connection, event_ids: Iterable[int]) -> None:
    """Set the counts, best confidence and lead-paragraph flag of events from their mentions."""
    ids = sorted(set(event_ids))
    em, cp = schema.event_mentions, schema.article_copies
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = conn.execute(
            select(
                em.c.event_id,
                func.count(),
                func.count(cp.c.id.distinct()),
                func.count(cp.c.source_key.distinct()),
                func.max(em.c.confidence),
                func.max(case((em.c.paragraph == 0, 1), else_=0)),
            )
            .select_from(em.join(cp, cp.c.article_id == em.c.article_id))
            .where(em.c.event_id.in_(chunk))
            .group_by(em.c.event_id)
        ).all()
        if not rows:
            continue
        ev = schema.events
        conn.execute(
            update(ev).where(ev.c.id == bindparam("eid")),
            [
                {
                    "eid": r[0],
                    "num_mentions": r[1],
                    "num_articles": r[2],
                    "num_sources": r[3],
                    "confidence": r[4],
                    "is_root": bool(r[5]),
                }
                for r in rows
            ],
        )
