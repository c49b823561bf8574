"""The database schema (SQLAlchemy Core), the same on SQLite and PostgreSQL.

Schema 2 (docs/store.md) separates what was read from what it means:

- `articles` hold each distinct text once (keyed by its content hash) with its story cluster
  and MinHash signature; `article_copies` record every document that carried that text (a wire
  story printed verbatim by three outlets is one article with three copies).
- `event_mentions` hold every coded event, one row each, exactly as the coder produced it;
  nothing is ever dropped from them.
- `events` hold merged events: mentions of the same happening grouped under one row with
  GDELT-style counts. Rows of origin "detente" are derived from the mentions and can be rebuilt
  from them; imported rows (origin "gdelt", "icews") keep their original line in `raw`.

`SCHEMA_VERSION` is recorded in the `meta` table; `migrations.py` steps older databases forward.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)

SCHEMA_VERSION = 3

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
    Column("id", String(32), primary_key=True),  # content hash of title + text
    Column("doc_id", Text),  # the first copy's id (JSONL "id"); every copy is in article_copies
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
    Column("story_id", String(32)),  # id of the first article of its story cluster
    Column("story_similarity", Float),  # estimated Jaccard to the article it joined (1.0: founder)
    Column("minhash", LargeBinary),  # MinHash signature of the body, uint32 little-endian
)
Index("ix_articles_date", articles.c.date)
Index("ix_articles_doc_id", articles.c.doc_id)
Index("ix_articles_story", articles.c.story_id)
Index("ix_articles_order", articles.c.ingested_at, articles.c.id)

article_copies = Table(
    "article_copies",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("copy_key", Text, nullable=False),  # url, else origin, else doc_id: what makes a copy new
    Column("source_key", Text, nullable=False),  # publisher, else URL host, else the copy itself
    Column("doc_id", Text),
    Column("url", Text),
    Column("publisher", Text),
    Column("date", Date),
    Column("origin", Text),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("article_id", "copy_key", name="uq_article_copies_key"),
)

article_bands = Table(  # the LSH index of story clustering, kept in the database
    "article_bands",
    metadata,
    Column("band", SmallInteger, primary_key=True),
    Column("key", BigInteger, primary_key=True),
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
)

sentences = Table(
    "sentences",
    metadata,
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("paragraph", Integer, nullable=False),
)

mentions = Table(  # actor mentions
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


def _actor_columns(prefix: str, spans: bool) -> list[Column]:
    cols = [
        Column(f"{prefix}_code", String(32)),
        Column(f"{prefix}_country", String(16)),
        Column(f"{prefix}_sector", String(16)),
        Column(f"{prefix}_name", Text),
    ]
    if spans:
        cols += [
            Column(f"{prefix}_text", Text),
            Column(f"{prefix}_start", Integer),
            Column(f"{prefix}_end", Integer),
        ]
    return cols


def _code_columns(*, confidence_required: bool) -> list[Column]:
    return [
        Column("cameo", String(4), nullable=False),
        Column("cameo_root", String(2), nullable=False),
        Column("quad_class", Integer, nullable=False),  # GDELT convention, 1..4
        Column("goldstein", Float, nullable=False),
        Column("plover", String(16)),
        Column("plover_mode", String(32)),
        Column("date", String(10)),  # YYYY, YYYY-MM or YYYY-MM-DD as coded
        Column("date_precision", String(8)),
        Column("event_date", Date),  # first day the date can mean, for range queries
        Column("historical", Boolean, nullable=False),
        # an act with no direction (a meeting): source and target are only in the order named
        Column("mutual", Boolean, nullable=False, server_default=false()),
        Column("location_name", Text),
        Column("location_country", String(16)),  # ISO 3166 alpha-3
        Column("lat", Float),
        Column("lon", Float),
        Column("location_geonameid", Integer),
        Column("location_feature", String(8)),  # city | admin | country | region
        Column("negated", Boolean, nullable=False),
        Column("modality", String(16), nullable=False),
        Column("confidence", Float, nullable=not confidence_required),  # imported events: unknown
    ]


event_mentions = Table(  # every coded event, as coded: the ground truth merged events derive from
    "event_mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", Integer, ForeignKey("events.id", ondelete="SET NULL")),
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("doc_id", Text),
    Column("sentence_idx", Integer, nullable=False),
    Column("paragraph", Integer),
    *_actor_columns("source", spans=True),
    *_actor_columns("target", spans=True),
    *_code_columns(confidence_required=True),
    Column("trigger_text", Text),
    Column("trigger_start", Integer),
    Column("trigger_end", Integer),
    Column("rule", Text),
    Column("evidence", Text),  # JSON of the whole evidence object
)
Index("ix_event_mentions_article", event_mentions.c.article_id, event_mentions.c.sentence_idx)
Index("ix_event_mentions_event", event_mentions.c.event_id)

events = Table(  # merged events: one row per happening, with counts (GDELT NumMentions & co.)
    "events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("origin", String(8), nullable=False),  # detente | gdelt | icews
    Column("ext_id", String(64)),  # the id in the imported file (GLOBALEVENTID, Event ID)
    Column("merge_key", Text),  # source|target|cameo|polarity (merge rule, docs/store.md)
    Column("story_id", String(32)),  # story cluster of the first mention's article
    *_actor_columns("source", spans=False),
    *_actor_columns("target", spans=False),
    *_code_columns(confidence_required=False),
    Column("event_year", SmallInteger),  # year of event_date: yearly networks group in index order
    Column("is_root", Boolean, nullable=False, default=False),  # mentioned in a lead paragraph
    Column("num_mentions", Integer, nullable=False, default=1),
    Column("num_sources", Integer, nullable=False, default=1),
    Column("num_articles", Integer, nullable=False, default=1),
    Column("tone", Float),  # GDELT AvgTone of imported rows; Detente measures no tone
    Column("first_mention_id", Integer),
    Column("pub_date", Date),  # publication date of the first copy (GDELT SQLDATE of undated events)
    Column("url", Text),
    Column("date_added", DateTime(timezone=True), nullable=False),
    Column("raw", Text),  # imported rows: the original line, so export reproduces it exactly
    UniqueConstraint("origin", "ext_id", name="uq_events_origin_ext"),
)
# Analysis indexes (docs/store.md, bench/bench_store.py). SQLite has no hash aggregation: a
# GROUP BY that does not follow an index's order sorts its rows, which costs more than reading
# them. So each query shape reads one range of one index in the order it groups by: a dyad time
# series and an actor profile (by partner, or by CAMEO root via partner x root) read
# ix_events_dyad or ix_events_target_dyad, a one-year network ix_events_year. Trailing columns
# make these reads index-only.
_MEASURES = (events.c.quad_class, events.c.goldstein, events.c.num_mentions)
Index(
    "ix_events_dyad",
    events.c.source_country,
    events.c.target_country,
    events.c.cameo_root,
    events.c.event_date,
    *_MEASURES,
)
Index(
    "ix_events_target_dyad",
    events.c.target_country,
    events.c.source_country,
    events.c.cameo_root,
    events.c.event_date,
    *_MEASURES,
)
Index(
    "ix_events_year",
    events.c.event_year,
    events.c.source_country,
    events.c.target_country,
    events.c.event_date,
    events.c.cameo_root,
    *_MEASURES,
)
Index("ix_events_date", events.c.event_date)
Index("ix_events_source_code", events.c.source_code, events.c.event_date)
Index("ix_events_target_code", events.c.target_code, events.c.event_date)
# Only Detente's own events have a merge key and a story; imported millions stay out of these.
_OWN = events.c.merge_key.is_not(None)
Index("ix_events_merge", events.c.merge_key, events.c.event_date, sqlite_where=_OWN, postgresql_where=_OWN)
_STORY = events.c.story_id.is_not(None)
Index("ix_events_story", events.c.story_id, sqlite_where=_STORY, postgresql_where=_STORY)

api_tokens = Table(  # tokens of the web API's writing endpoints (docs/web.md); only their hash is kept
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(16), nullable=False, unique=True),  # public part of the token, for lookup
    Column("name", Text),
    Column("salt", String(32), nullable=False),
    Column("hash", String(64), nullable=False),  # sha256 of salt + token, hex
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
)

# --- sources: `detente watch` state (docs/sources.md) ------------------------------------------------
feeds = Table(  # every feed or sitemap polled, with the validators of its last response
    "feeds",
    metadata,
    Column("url", Text, primary_key=True),
    Column("kind", String(16)),  # rss | atom | feed | sitemap | sitemapindex, once read
    Column("title", Text),  # the feed's own title: the publisher of pages that name none
    Column("parent", Text),  # the sitemap index that listed this sitemap
    Column("etag", Text),
    Column("last_modified", Text),
    Column("last_polled_at", DateTime(timezone=True)),
    Column("last_status", Integer),  # HTTP status of the last poll (304 when not modified)
    Column("last_error", Text),
    Column("consecutive_failures", Integer, nullable=False, default=0),
    Column("items_seen", Integer, nullable=False, default=0),  # item URLs first seen in this listing
)

seen_urls = Table(  # every item URL a feed listed: pending until stored, or failed with a reason
    "seen_urls",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("url", Text, nullable=False),
    Column("feed", Text),  # the feed or sitemap that listed it first
    Column("title", Text),  # as the listing gave it
    Column("published_at", DateTime(timezone=True)),  # as the listing gave it
    Column("first_seen_at", DateTime(timezone=True), nullable=False),
    Column("status", String(16), nullable=False),  # pending | fetching | stored | failed | blocked
    Column("attempts", Integer, nullable=False, default=0),
    Column("article_id", String(32)),  # the stored article (the same text may be another URL's)
    Column("error", Text),
    Column("done_at", DateTime(timezone=True)),  # stored, or given up on
    UniqueConstraint("url", name="uq_seen_urls_url"),
)
Index("ix_seen_urls_status", seen_urls.c.status, seen_urls.c.id)

web_jobs = Table(  # ingest jobs of the web API, shared by its worker processes (docs/web.md)
    "web_jobs",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("status", String(16), nullable=False),  # queued | running | done | failed
    Column("total", Integer, nullable=False),
    Column("done", Integer, nullable=False),
    Column("stored", Integer, nullable=False),
    Column("skipped", Integer, nullable=False),
    Column("failed", Integer, nullable=False),
    Column("events", Integer, nullable=False),
    Column("errors", Text, nullable=False),  # JSON list of {document, code, reason}
    Column("articles", Text, nullable=False),  # JSON list of article ids
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("started_at", DateTime(timezone=True)),
    Column("finished_at", DateTime(timezone=True)),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)
