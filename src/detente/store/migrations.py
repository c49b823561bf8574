"""Create a new database or step an older one forward to `schema.SCHEMA_VERSION`.

Each step upgrades one version inside the same transaction as the version bump, so a failed
upgrade leaves the database as it was. The version and the clustering settings live in `meta`.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Engine, insert, inspect, select, text, update
from sqlalchemy.engine import Connection

from detente.coding import tables
from detente.errors import StoreError
from detente.store import copies, merge, rebuild, schema, stories

SETTINGS_DEFAULTS = {
    "story_threshold": str(stories.DEFAULT_THRESHOLD),
    "merge_window_days": str(merge.DEFAULT_WINDOW_DAYS),
    "minhash": f"datasketch num_perm={stories.NUM_PERM} shingle_words={stories.SHINGLE_WORDS}",
}


def read_meta(conn: Connection) -> dict[str, str]:
    return {k: v for k, v in conn.execute(select(schema.meta.c.key, schema.meta.c.value))}


def write_meta(conn: Connection, **values: str) -> None:
    existing = read_meta(conn)
    for key, value in values.items():
        if key in existing:
            conn.execute(update(schema.meta).where(schema.meta.c.key == key).values(value=value))
        else:
            conn.execute(insert(schema.meta).values(key=key, value=value))


def prepare(engine: Engine) -> None:
    """Bring the database to the current schema; refuse one written by a newer Detente."""
    with engine.begin() as conn:
        tables = set(inspect(conn).get_table_names())
        version = None
        if "meta" in tables:
            value = read_meta(conn).get("schema_version")
            version = int(value) if value is not None else None
        if version is None:
            if "articles" in tables:
                raise StoreError(
                    "the database has Detente tables but no schema version; it cannot be upgraded"
                )
            schema.metadata.create_all(conn)
            write_meta(conn, schema_version=str(schema.SCHEMA_VERSION), **SETTINGS_DEFAULTS)
            return
        if version > schema.SCHEMA_VERSION:
            raise StoreError(
                f"the database was written by a newer Detente (schema {version}); upgrade Detente"
            )
        while version < schema.SCHEMA_VERSION:
            STEPS[version](conn)
            version += 1
            write_meta(conn, schema_version=str(version))
        # Tables that stand alone (API tokens, feed state, ...) are added to an existing database
        # as they appear, without a version step; changes to existing tables need a step.
        schema.metadata.create_all(conn, checkfirst=True)


_V1_EVENT_INDEXES = (
    "ix_events_article",
    "ix_events_source",
    "ix_events_target",
    "ix_events_source_country",
    "ix_events_target_country",
    "ix_events_date",
    "ix_events_root",
)
_NEW_MENTION_COLUMNS = {"event_id", "paragraph", "location_geonameid", "location_feature", "mutual"}
_V1_EVENT_COLUMNS = [c.name for c in schema.event_mentions.c if c.name not in _NEW_MENTION_COLUMNS]


def upgrade_1_to_2(conn: Connection) -> None:
    """Schema 1 had one row per coded event in `events`; they become the mentions of merged events."""
    cols = ", ".join(f'"{c}"' for c in _V1_EVENT_COLUMNS)
    conn.execute(text("CREATE TABLE v1_events AS SELECT * FROM events"))
    for name in _V1_EVENT_INDEXES:
        conn.execute(text(f"DROP INDEX IF EXISTS {name}"))
    conn.execute(text("DROP TABLE events"))
    blob = "BYTEA" if conn.dialect.name == "postgresql" else "BLOB"
    for column, sql_type in (("story_id", "VARCHAR(32)"), ("story_similarity", "FLOAT"), ("minhash", blob)):
        conn.execute(text(f"ALTER TABLE articles ADD COLUMN {column} {sql_type}"))
    schema.metadata.create_all(conn)
    for table in schema.metadata.sorted_tables:  # indexes new to tables that already existed
        for index in table.indexes:
            index.create(conn, checkfirst=True)
    conn.execute(text(f"INSERT INTO event_mentions ({cols}) SELECT {cols} FROM v1_events ORDER BY id"))
    conn.execute(text("DROP TABLE v1_events"))
    if conn.dialect.name == "postgresql":
        conn.execute(
            text(
                "SELECT setval(pg_get_serial_sequence('event_mentions', 'id'), "
                "coalesce((SELECT max(id) FROM event_mentions), 0) + 1, false)"
            )
        )
    em, s = schema.event_mentions, schema.sentences
    conn.execute(
        update(em).values(
            paragraph=select(s.c.paragraph)
            .where(s.c.article_id == em.c.article_id, s.c.idx == em.c.sentence_idx)
            .scalar_subquery()
        )
    )
    art = schema.articles
    for row in conn.execute(
        select(
            art.c.id,
            art.c.title,
            art.c.text,
            art.c.url,
            art.c.origin,
            art.c.doc_id,
            art.c.publisher,
            art.c.date,
            art.c.ingested_at,
        )
    ).all():
        key = copies.copy_key(row.url, row.origin, row.doc_id)
        conn.execute(
            insert(schema.article_copies).values(
                article_id=row.id,
                copy_key=key,
                source_key=copies.source_key(row.publisher, row.url, key),
                doc_id=row.doc_id,
                url=row.url,
                publisher=row.publisher,
                date=row.date,
                origin=row.origin,
                ingested_at=row.ingested_at,
            )
        )
        conn.execute(update(art).where(art.c.id == row.id).values(minhash=stories.signature(row.text)))
    write_meta(conn, **SETTINGS_DEFAULTS)
    rebuild.replay(conn, stories.bands_for(stories.DEFAULT_THRESHOLD), merge.DEFAULT_WINDOW_DAYS)


def upgrade_2_to_3(conn: Connection) -> None:
    """Schema 3 says whether an event is mutual (a meeting, a negotiation, a signed agreement).

    Stored rows take it from their CAMEO code; the coder's finer rule (a visit planned to a
    place is not mutual) applies to articles coded from then on. A database upgraded from
    schema 1 in the same run already has the column."""
    for table in (schema.event_mentions, schema.events):
        if "mutual" not in {c["name"] for c in inspect(conn).get_columns(table.name)}:
            conn.execute(text(f"ALTER TABLE {table.name} ADD COLUMN mutual BOOLEAN NOT NULL DEFAULT FALSE"))
        codes = [code for code, row in tables.cameo_codes().items() if row.mutual]
        conn.execute(update(table).where(table.c.cameo.in_(codes)).values(mutual=True))


STEPS: dict[int, Callable[[Connection], None]] = {1: upgrade_1_to_2, 2: upgrade_2_to_3}
