"""Rebuild story clusters and merged events from scratch, e.g. with another threshold.

The replay visits articles in the order they were stored and runs, for each, exactly what
`Store.add` ran when it arrived: story assignment, then merging of its mentions. Imported
events (GDELT, ICEWS) are left as they are; they have no mentions to rebuild from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, func, select, update
from sqlalchemy.engine import Connection

from detente.store import merge, schema, stories


@dataclass(frozen=True)
class RebuildSummary:
    articles: int
    stories: int
    mentions: int
    events: int


def replay(conn: Connection, bands: stories.Bands, window_days: int) -> RebuildSummary:
    art, em, ev = schema.articles, schema.event_mentions, schema.events
    stories.clear_index(conn)
    conn.execute(update(art).values(story_id=None, story_similarity=None))
    conn.execute(update(em).values(event_id=None))
    conn.execute(delete(ev).where(ev.c.origin == "detente"))
    order = conn.execute(
        select(art.c.id, art.c.date, art.c.url, art.c.ingested_at).order_by(art.c.ingested_at, art.c.id)
    ).all()
    columns = [c for c in em.c if c.name != "event_id"]
    touched: set[int] = set()
    n_mentions = 0
    for a in order:
        sig = conn.execute(select(art.c.minhash).where(art.c.id == a.id)).scalar()
        story = stories.assign(conn, a.id, sig, bands)
        stories.remember(conn, a.id, sig, bands)
        conn.execute(
            update(art)
            .where(art.c.id == a.id)
            .values(story_id=story.story_id, story_similarity=story.similarity)
        )
        rows = conn.execute(select(*columns).where(em.c.article_id == a.id).order_by(em.c.id)).all()
        n_mentions += len(rows)
        touched |= merge.merge_mentions(
            conn,
            ((r.id, dict(r._mapping)) for r in rows),
            story_id=story.story_id,
            pub_date=a.date,
            url=a.url,
            window_days=window_days,
            now=_as_aware(a.ingested_at),
        )
    merge.recount(conn, touched)
    n_stories = conn.execute(select(func.count(art.c.story_id.distinct()))).scalar_one()
    return RebuildSummary(len(order), n_stories, n_mentions, len(touched))


def _as_aware(value: dt.datetime) -> dt.datetime:
    """SQLite hands back naive datetimes for values stored as UTC."""
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
