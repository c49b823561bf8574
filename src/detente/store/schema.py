"""The database schema (SQLAlchemy Core), the same on SQLite and PostgreSQL.

Articles are keyed by their content hash, so storing the same text twice is a no-op.
Events keep every field of the `detente code` contract plus the evidence as JSON.
`SCHEMA_VERSION` is recorded in the `meta` table; migrations step it forward.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

SCHEMA_VERSION = 1

metadata = MetaData()

meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("id", String(32), primary_key=True),  # content hash
    Column("doc_id", Text),  # the caller's id (JSONL "id")
    Column("title", Text),
    Column("text", Text, nullable=False),
    Column("date", Date),
    Column("url", Text),
    Column("publisher", Text),
    Column("language", String(16)),
    Column("origin", Text),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Column("n_sentences", Integer, nullable=False, default=0),
    Column("n_events", Integer, nullable=False, default=0),
)
Index("ix_articles_date", articles.c.date)
Index("ix_articles_doc_id", articles.c.doc_id)

sentences = Table(
    "sentences",
    metadata,
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("paragraph", Integer, nullable=False),
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("sentence_idx", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("code", String(32), nullable=False),
    Column("entity", Text),
    Column("rule", Text),
)
Index("ix_mentions_article", mentions.c.article_id, mentions.c.sentence_idx)

actors = Table(
    "actors",
    metadata,
    Column("code", String(32), primary_key=True),
    Column("country", String(16)),
    Column("sector", String(16)),
    Column("name", Text, nullable=False),
    Column("kind", String(16)),
)


def _actor_columns(prefix: str) -> list[Column]:
    return [
        Column(f"{prefix}_code", String(32)),
        Column(f"{prefix}_country", String(16)),
        Column(f"{prefix}_sector", String(16)),
        Column(f"{prefix}_name", Text),
        Column(f"{prefix}_text", Text),
        Column(f"{prefix}_start", Integer),
        Column(f"{prefix}_end", Integer),
    ]


events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("doc_id", Text),
    Column("sentence_idx", Integer, nullable=False),
    *_actor_columns("source"),
    *_actor_columns("target"),
    Column("cameo", String(4), nullable=False),
    Column("cameo_root", String(2), nullable=False),
    Column("quad_class", Integer, nullable=False),
    Column("goldstein", Float, nullable=False),
    Column("plover", String(16)),
    Column("plover_mode", String(32)),
    Column("date", String(10)),  # YYYY, YYYY-MM or YYYY-MM-DD as coded
    Column("date_precision", String(8)),
    Column("event_date", Date),  # first day the date can mean, for range queries
    Column("historical", Boolean, nullable=False),
    Column("location_name", Text),
    Column("location_country", String(16)),
    Column("lat", Float),
    Column("lon", Float),
    Column("negated", Boolean, nullable=False),
    Column("modality", String(16), nullable=False),
    Column("confidence", Float, nullable=False),
    Column("trigger_text", Text),
    Column("trigger_start", Integer),
    Column("trigger_end", Integer),
    Column("rule", Text),
    Column("evidence", Text),  # JSON of the whole evidence object
)
Index("ix_events_source", events.c.source_code)
Index("ix_events_target", events.c.target_code)
Index("ix_events_source_country", events.c.source_country)
Index("ix_events_target_country", events.c.target_country)
Index("ix_events_date", events.c.event_date)
Index("ix_events_root", events.c.cameo_root)
Index("ix_events_article", events.c.article_id)
