"""Deleting an article: the store as if it had never been ingested.

The article's copies, sentences, actor mentions, event mentions and LSH entries go, then story
clusters and merged events are replayed from the remaining mentions (`rebuild.replay`, with the
stored settings), because the article may have founded a story cluster or been the first mention
of events that other articles also mention. Imported events are not touched. The replay costs
one pass over the stored articles, so deletion is an occasional, administrative operation.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, select

from detente.errors import StoreError
from detente.store import Store, migrations, rebuild, schema, stories


@dataclass(frozen=True)
class DeleteSummary:
    article_id: str
    sentences: int
    mentions: int  # event mentions removed
    events: int  # merged events of Detente's own left after the replay


def delete_article(store: Store, article_id: str) -> DeleteSummary | None:
    """Delete one article by its full id, in one transaction; None when there is no such article."""
    art = schema.articles
    with store.engine.begin() as conn:
        if conn.execute(select(art.c.id).where(art.c.id == article_id)).first() is None:
            return None
        lock = getattr(store, "_lock_writes", None)  # PostgreSQL: take turns with concurrent writers
        if lock is not None:
            lock(conn)
        counts = {}
        for table in (
            schema.event_mentions,
            schema.mentions,
            schema.sentences,
            schema.article_copies,
            schema.article_bands,
        ):
            result = conn.execute(delete(table).where(table.c.article_id == article_id))
            counts[table.name] = result.rowcount
        conn.execute(delete(art).where(art.c.id == article_id))
        settings = store.settings(conn)
        if settings.merge_window_days < 0:  # pragma: no cover - rebuild refuses to store one
            raise StoreError("the stored merge window is negative")
        summary = rebuild.replay(
            conn, stories.bands_for(settings.story_threshold), settings.merge_window_days
        )
        # Reads cached per state of the store (analysis.series, the web API) see the change:
        # the largest event id may not move when events disappear, the meta table does.
        meta = migrations.read_meta(conn)
        migrations.write_meta(conn, deletions=str(int(meta.get("deletions", "0")) + 1))
    return DeleteSummary(article_id, counts["sentences"], counts["event_mentions"], summary.events)
