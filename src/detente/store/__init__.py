"""The event store: SQLite by default (`detente.db`, or DETENTE_DB), PostgreSQL by URL.

Ingest is idempotent by content hash and transactional per article: an article, its sentences,
mentions, story cluster and merged events are written together or not at all, so a crash or a
bad document never leaves half an article behind and never touches what is already stored.
Schema and merge rule: docs/store.md.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, and_, create_engine, event, func, insert, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError
from sqlalchemy.sql import Select

from detente.errors import StoreError
from detente.records import Article, CodedArticle, Event
from detente.store import copies, merge, migrations, rebuild, schema, stories
from detente.store.rebuild import RebuildSummary
from detente.when_where.dates import interval

__all__ = ["DEFAULT_DB", "RebuildSummary", "Settings", "Store", "StoreResult", "database_url", "event_dict"]

DEFAULT_DB = "detente.db"
IMPORT_BATCH = 5000  # rows per executemany / COPY
IMPORT_COMMIT = 500_000  # rows per transaction
SQLITE_CACHE_KIB = 131_072  # 128 MiB page cache: the analysis indexes of millions of events
# 2 GiB while importing: random inserts touch nearly every page of the analysis indexes in each
# transaction, and a cache that holds them all writes each page once per commit instead of many
# times (1.3 GiB of indexes at 6 million events; bench/bench_store.py).
IMPORT_CACHE_KIB = 2_097_152
# PostgreSQL advisory lock held by each article's write transaction (any constant works; this is
# "detente" in ASCII). Story assignment and event merging read what earlier articles wrote, so
# concurrent writers (--workers, --dask) take turns for the few milliseconds of a write; the
# coding itself stays parallel. docs/cluster.md.
WRITE_LOCK = 0x64_6574_656E_7465


def database_url(db: str | os.PathLike[str] | None = None) -> str:
    """A SQLAlchemy URL from a path, a URL, DETENTE_DB, or the default file in the working folder."""
    value = str(db) if db is not None else os.environ.get("DETENTE_DB") or DEFAULT_DB
    if "://" in value:
        if value.startswith("postgresql://"):
            value = "postgresql+psycopg://" + value[len("postgresql://") :]
        return value
    return f"sqlite:///{Path(value).expanduser()}"


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
    cur.close()


@dataclass(frozen=True)
class StoreResult:
    article_id: str
    stored: bool  # False when the article was already there
    events: int
    story_id: str | None = None
    new_copy: bool = False  # the text was stored, but this document is another copy of it


@dataclass(frozen=True)
class Settings:
    """How articles are clustered and mentions merged; changed only by `Store.rebuild`."""

    story_threshold: float
    merge_window_days: int


class Store:
    def __init__(self, db: str | os.PathLike[str] | None = None) -> None:
        self.url = database_url(db)
        try:
            self.engine: Engine = create_engine(self.url)
        except Exception as exc:
            raise StoreError(f"cannot open the database {self.url!r}: {exc}") from exc
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        try:
            migrations.prepare(self.engine)
        except StoreError:
            raise
        except Exception as exc:
            raise StoreError(f"cannot prepare the database {self.url!r}: {exc}") from exc

    def close(self) -> None:
        self.engine.dispose()

    def settings(self, conn: Connection | None = None) -> Settings:
        if conn is None:
            with self.engine.connect() as c:
                return self.settings(c)
        meta = migrations.read_meta(conn)
        return Settings(float(meta["story_threshold"]), int(meta["merge_window_days"]))

    # --- writing -----------------------------------------------------------------------------------
    def has_article(self, article_id: str) -> bool:
        with self.engine.connect() as conn:
            return (
                conn.execute(select(schema.articles.c.id).where(schema.articles.c.id == article_id)).first()
                is not None
            )

    def stored_ids(self, article_ids: Iterable[str]) -> set[str]:
        """Which of these article ids are stored (one query per 500 ids, not one per article)."""
        ids = sorted(set(article_ids))
        found: set[str] = set()
        with self.engine.connect() as conn:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                found.update(
                    conn.execute(
                        select(schema.articles.c.id).where(schema.articles.c.id.in_(chunk))
                    ).scalars()
                )
        return found

    def add(self, coded: CodedArticle) -> StoreResult:
        """Store one coded article in one transaction: text, story cluster, mentions, merged events.

        A no-op when its content hash is stored, except that a document from elsewhere (another
        URL or file) with the same text is recorded as one more copy (see `add_copy`).
        """
        sig = stories.signature(coded.article.text)  # CPU work outside the transaction
        try:
            return self._add(coded, sig)
        except IntegrityError:
            # Another writer stored the same text (or its copy) first: the transaction was rolled
            # back; reading again now finds the article and records this document as a copy.
            return self._add(coded, sig)

    def _lock_writes(self, conn: Connection) -> None:
        """Serialise article writes of concurrent processes on PostgreSQL (see WRITE_LOCK)."""
        if self.engine.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK})

    def _add(self, coded: CodedArticle, sig: bytes | None) -> StoreResult:
        art = coded.article
        now = dt.datetime.now(dt.UTC)
        with self.engine.begin() as conn:
            self._lock_writes(conn)
            if conn.execute(select(schema.articles.c.id).where(schema.articles.c.id == art.id)).first():
                return StoreResult(art.id, False, 0, new_copy=self._add_copy(conn, art, now))
            settings = self.settings(conn)
            bands = stories.bands_for(settings.story_threshold)
            story = stories.assign(conn, art.id, sig, bands)
            conn.execute(
                insert(schema.articles).values(
                    id=art.id,
                    doc_id=art.doc_id,
                    title=art.title,
                    text=art.text,
                    date=art.date,
                    url=art.url,
                    publisher=art.publisher,
                    language=art.language,
                    origin=art.origin,
                    ingested_at=now,
                    n_sentences=len(coded.sentences),
                    n_events=len(coded.events),
                    story_id=story.story_id,
                    story_similarity=story.similarity,
                    minhash=sig,
                )
            )
            stories.remember(conn, art.id, sig, bands)
            conn.execute(insert(schema.article_copies).values(**copies.copy_row(art, now)))
            if coded.sentences:
                conn.execute(
                    insert(schema.sentences),
                    [
                        {
                            "article_id": art.id,
                            "idx": s.index,
                            "text": s.text,
                            "start": s.start,
                            "paragraph": s.paragraph,
                        }
                        for s in coded.sentences
                    ],
                )
            mention_rows = [
                {
                    "article_id": art.id,
                    "sentence_idx": i,
                    "start": m.start,
                    "end": m.end,
                    "text": m.text,
                    "code": m.actor.code,
                    "entity": m.entity,
                    "rule": m.rule,
                }
                for i, ms in coded.mentions.items()
                for m in ms
            ]
            if mention_rows:
                conn.execute(insert(schema.mentions), mention_rows)
            if coded.events:
                paragraphs = {s.index: s.paragraph for s in coded.sentences}
                rows = [self._event_row(e, paragraphs.get(e.sentence_index)) for e in coded.events]
                em = schema.event_mentions
                ids = conn.execute(
                    insert(em).returning(em.c.id, sort_by_parameter_order=True), rows
                ).scalars()
                touched = merge.merge_mentions(
                    conn,
                    zip(ids, rows, strict=True),
                    story_id=story.story_id,
                    pub_date=art.date,
                    url=art.url,
                    window_days=settings.merge_window_days,
                    now=now,
                )
                merge.recount(conn, touched)
                self._upsert_actors(conn, coded.events)
        return StoreResult(art.id, True, len(coded.events), story.story_id)

    def add_copy(self, article: Article) -> bool:
        """Record a stored text arriving from another document; True if that document is new.

        Its mentions then count once more in every merged event they belong to (NumMentions,
        NumArticles, NumSources), without coding the text again.
        """
        for attempt in (1, 2):
            try:
                with self.engine.begin() as conn:
                    self._lock_writes(conn)
                    return self._add_copy(conn, article, dt.datetime.now(dt.UTC))
            except IntegrityError:  # the same document recorded by another writer at the same time
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    @staticmethod
    def _add_copy(conn: Connection, article: Article, now: dt.datetime) -> bool:
        row = copies.copy_row(article, now)
        cp = schema.article_copies
        if conn.execute(
            select(cp.c.id).where(cp.c.article_id == article.id, cp.c.copy_key == row["copy_key"])
        ).first():
            return False
        conn.execute(insert(cp).values(**row))
        em = schema.event_mentions
        touched = conn.execute(
            select(em.c.event_id).where(em.c.article_id == article.id, em.c.event_id.is_not(None)).distinct()
        ).scalars()
        merge.recount(conn, list(touched))
        return True

    def rebuild(
        self, *, story_threshold: float | None = None, window_days: int | None = None
    ) -> RebuildSummary:
        """Recompute story clusters and merged events from the stored mentions, in one transaction.

        Settings not given keep their stored value; new ones are stored for later ingests.
        """
        with self.engine.begin() as conn:
            current = self.settings(conn)
            threshold = current.story_threshold if story_threshold is None else story_threshold
            window = current.merge_window_days if window_days is None else window_days
            if window < 0:
                raise ValueError(f"the merge window must be 0 days or more, not {window}")
            bands = stories.bands_for(threshold)
            migrations.write_meta(conn, story_threshold=str(threshold), merge_window_days=str(window))
            return rebuild.replay(conn, bands, window)

    @staticmethod
    def _event_row(e: Event, paragraph: int | None) -> dict[str, Any]:
        loc = e.location
        row: dict[str, Any] = {
            "article_id": e.article_id,
            "doc_id": e.doc_id,
            "sentence_idx": e.sentence_index,
            "paragraph": paragraph,
            "cameo": e.cameo,
            "cameo_root": e.cameo_root,
            "quad_class": e.quad_class,
            "goldstein": e.goldstein,
            "plover": e.plover,
            "plover_mode": e.plover_mode,
            "date": e.date,
            "date_precision": e.date_precision,
            "event_date": interval(e.date, e.date_precision)[0] if e.date else None,
            "historical": e.historical,
            "mutual": e.mutual,
            "negated": e.negated,
            "modality": e.modality,
            "confidence": e.confidence,
            "trigger_text": e.evidence.trigger.text,
            "trigger_start": e.evidence.trigger.start,
            "trigger_end": e.evidence.trigger.end,
            "rule": e.evidence.rule,
            "evidence": json.dumps(e.evidence.to_dict(), ensure_ascii=False),
            "location_name": loc.name if loc else None,
            "location_country": loc.country if loc else None,
            "lat": loc.lat if loc else None,
            "lon": loc.lon if loc else None,
            "location_geonameid": loc.geonameid if loc else None,
            "location_feature": loc.feature if loc else None,
        }
        for prefix, m in (("source", e.source), ("target", e.target)):
            row.update(
                {
                    f"{prefix}_code": m.actor.code if m else None,
                    f"{prefix}_country": m.actor.country if m else None,
                    f"{prefix}_sector": m.actor.sector if m else None,
                    f"{prefix}_name": m.actor.name if m else None,
                    f"{prefix}_text": m.text if m else None,
                    f"{prefix}_start": m.start if m else None,
                    f"{prefix}_end": m.end if m else None,
                }
            )
        return row

    @staticmethod
    def _upsert_actors(conn: Connection, events: list[Event]) -> None:
        seen: dict[str, dict[str, Any]] = {}
        for e in events:
            for m in (e.source, e.target):
                if m is not None and m.actor.code not in seen:
                    a = m.actor
                    seen[a.code] = {
                        "code": a.code,
                        "country": a.country,
                        "sector": a.sector,
                        "name": a.name,
                        "kind": a.kind,
                    }
        if not seen:
            return
        existing = {
            r[0] for r in conn.execute(select(schema.actors.c.code).where(schema.actors.c.code.in_(seen)))
        }
        new = [v for k, v in seen.items() if k not in existing]
        if new:
            conn.execute(insert(schema.actors), new)

    def import_events(
        self, rows: Iterable[dict[str, Any]], *, batch: int = IMPORT_BATCH, commit_every: int = IMPORT_COMMIT
    ) -> tuple[int, int]:
        """Insert imported events (formats.gdelt / formats.icews rows); (new, already there).

        `event_year` is derived here from `event_date`.

        Rows are written `batch` at a time and committed every `commit_every` rows; rows already
        stored (same origin and id) are skipped, so an interrupted import can simply be run again.
        Memory stays at one batch plus the database's page cache. The rows go to the driver
        directly (executemany on SQLite, COPY on PostgreSQL): at millions of rows, SQLAlchemy's
        per-row parameter processing would cost more than the database's own work.
        """
        dialect = self.engine.dialect.name
        if dialect not in ("sqlite", "postgresql"):
            raise StoreError(
                f"importing into a {dialect} database is not supported; use SQLite or PostgreSQL"
            )
        write = _import_sqlite if dialect == "sqlite" else _import_postgresql
        new = seen = 0
        with self.engine.connect() as conn:
            if dialect == "sqlite":  # large transactions over large indexes: keep their pages cached
                conn.exec_driver_sql(f"PRAGMA cache_size=-{IMPORT_CACHE_KIB}")
                conn.commit()
            transaction = conn.begin()  # explicit: the writes bypass SQLAlchemy's autobegin
            try:
                pending: list[dict[str, Any]] = []
                uncommitted = 0
                for row in rows:
                    row["event_year"] = row["event_date"].year if row["event_date"] else None
                    pending.append(row)
                    if len(pending) >= batch:
                        new += write(conn, pending)
                        seen += len(pending)
                        uncommitted += len(pending)
                        pending = []
                        if uncommitted >= commit_every:
                            transaction.commit()
                            transaction = conn.begin()
                            uncommitted = 0
                if pending:
                    new += write(conn, pending)
                    seen += len(pending)
                transaction.commit()
            except BaseException:
                transaction.rollback()
                raise
            finally:
                if dialect == "sqlite":
                    conn.exec_driver_sql(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
                    conn.commit()
        return new, seen - new

    # --- reading ------------------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        tables = (
            schema.articles,
            schema.article_copies,
            schema.sentences,
            schema.event_mentions,
            schema.events,
            schema.actors,
        )
        with self.engine.connect() as conn:
            out = {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one() for t in tables}
            out["stories"] = conn.execute(
                select(func.count(schema.articles.c.story_id.distinct()))
            ).scalar_one()
            return out

    def events(
        self,
        *,
        source: str | None = None,
        target: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        article_id: str | None = None,
        story_id: str | None = None,
        origin: str | None = None,
        min_mentions: int | None = None,
        limit: int | None = None,
        include_historical: bool = True,
    ) -> Iterator[dict[str, Any]]:
        """Merged events as dicts, newest first, each with one mention's sentence and spans.

        `source`/`target` match an actor code or its country. Without `article_id` the mention is
        the event's first; with it, the event's mention in that article (one row per mention).
        """
        ev, em = schema.events, schema.event_mentions
        if article_id:
            joined = ev.join(em, and_(em.c.event_id == ev.c.id, em.c.article_id == article_id))
        else:
            joined = ev.outerjoin(em, em.c.id == ev.c.first_mention_id)
        q = select(ev, *(em.c[name].label(name) for name in _MENTION_ONLY), em.c.id.label("mention_id"))
        q = filtered(
            q.select_from(joined),
            source=source,
            target=target,
            since=since,
            until=until,
            story_id=story_id,
            origin=origin,
            min_mentions=min_mentions,
            include_historical=include_historical,
        )
        # Newest first in the order of ix_events_date (event_date, id), so that a LIMIT stops early.
        q = q.order_by(ev.c.event_date.desc().nulls_last(), ev.c.id.desc())
        if article_id:
            q = q.order_by(em.c.sentence_idx, em.c.id)
        if limit:
            q = q.limit(limit)
        with self.engine.connect() as conn:
            for row in conn.execute(q):
                yield dict(row._mapping)

    def mentions(self, event_id: int) -> list[dict[str, Any]]:
        """Every mention of a merged event: article, sentence, spans, evidence, and the copies."""
        em, s, cp = schema.event_mentions, schema.sentences, schema.article_copies
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(em, s.c.text.label("sentence"))
                .select_from(
                    em.outerjoin(s, and_(s.c.article_id == em.c.article_id, s.c.idx == em.c.sentence_idx))
                )
                .where(em.c.event_id == event_id)
                .order_by(em.c.id)
            ).all()
            articles = {r.article_id for r in rows}
            by_article: dict[str, list[dict[str, Any]]] = {}
            if articles:
                for c in conn.execute(select(cp).where(cp.c.article_id.in_(articles)).order_by(cp.c.id)):
                    by_article.setdefault(c.article_id, []).append(dict(c._mapping))
        out = []
        for r in rows:
            d = dict(r._mapping)
            d["copies"] = by_article.get(r.article_id, [])
            out.append(d)
        return out

    def export_rows(self, **filters: Any) -> Iterator[dict[str, Any]]:
        """Merged events for export, streamed: event columns, the first mention's place in its
        article, and that article's title and publisher. Ordered by id, so that a file imported
        in order exports in the same order."""
        ev, em, art = schema.events, schema.event_mentions, schema.articles
        joined = ev.outerjoin(em, em.c.id == ev.c.first_mention_id).outerjoin(
            art, art.c.id == em.c.article_id
        )
        q = select(
            ev,
            em.c.article_id,
            em.c.doc_id,
            em.c.sentence_idx,
            art.c.title,
            art.c.publisher,
            art.c.story_id.label("article_story_id"),
        ).select_from(joined)
        if any(v not in (None, True) for v in filters.values()):
            # Filter by id: the filters then use their index and rows still come in id order,
            # where SQLite would otherwise rather scan the whole table in id order than sort.
            q = q.where(ev.c.id.in_(filtered(select(ev.c.id), **filters)))
        q = q.order_by(ev.c.id)
        with self.engine.connect() as conn:
            result = conn.execution_options(yield_per=2000).execute(q)
            for row in result:
                yield dict(row._mapping)

    def sources(self, event_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
        """For each event, every (mention, copy) pair: the documents and sentences it was read in."""
        em, cp, s = schema.event_mentions, schema.article_copies, schema.sentences
        out: dict[int, list[dict[str, Any]]] = {}
        if not event_ids:
            return out
        q = (
            select(
                em.c.event_id,
                em.c.id.label("mention_id"),
                em.c.article_id,
                em.c.sentence_idx,
                s.c.text.label("sentence"),
                cp.c.doc_id,
                cp.c.url,
                cp.c.publisher,
                cp.c.date,
            )
            .select_from(
                em.join(cp, cp.c.article_id == em.c.article_id).outerjoin(
                    s, and_(s.c.article_id == em.c.article_id, s.c.idx == em.c.sentence_idx)
                )
            )
            .where(em.c.event_id.in_(event_ids))
            .order_by(em.c.event_id, em.c.id, cp.c.id)
        )
        with self.engine.connect() as conn:
            for row in conn.execute(q):
                out.setdefault(row.event_id, []).append(dict(row._mapping))
        return out

    def article(self, article_id: str) -> dict[str, Any] | None:
        """An article with its sentences, mentions and copies; `article_id` may be a prefix or a doc_id."""
        a = schema.articles
        with self.engine.connect() as conn:
            row = conn.execute(select(a).where(a.c.id == article_id)).first()
            if row is None:
                row = conn.execute(select(a).where(a.c.doc_id == article_id)).first()
            if row is None and len(article_id) >= 4:
                rows = conn.execute(select(a).where(a.c.id.startswith(article_id)).limit(2)).all()
                if len(rows) > 1:
                    raise StoreError(f"{article_id!r} is the start of several article ids; give more of it")
                row = rows[0] if rows else None
            if row is None:
                return None
            out = {k: v for k, v in row._mapping.items() if k != "minhash"}
            s = schema.sentences
            out["sentences"] = [
                dict(r._mapping)
                for r in conn.execute(select(s).where(s.c.article_id == out["id"]).order_by(s.c.idx))
            ]
            m = schema.mentions
            out["mentions"] = [
                dict(r._mapping)
                for r in conn.execute(
                    select(m).where(m.c.article_id == out["id"]).order_by(m.c.sentence_idx, m.c.start)
                )
            ]
            cp = schema.article_copies
            out["copies"] = [
                dict(r._mapping)
                for r in conn.execute(select(cp).where(cp.c.article_id == out["id"]).order_by(cp.c.id))
            ]
            return out


# Columns of a mention that a merged event does not have: where it was read and why.
_MENTION_ONLY = [
    "article_id",
    "doc_id",
    "sentence_idx",
    "source_text",
    "source_start",
    "source_end",
    "target_text",
    "target_start",
    "target_end",
    "trigger_text",
    "trigger_start",
    "trigger_end",
    "rule",
    "evidence",
]


def filtered(
    q: Select[Any],
    *,
    source: str | None = None,
    target: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    story_id: str | None = None,
    origin: str | None = None,
    min_mentions: int | None = None,
    include_historical: bool = True,
) -> Select[Any]:
    """The filters `detente events` and `detente export` share, applied to merged events."""
    ev = schema.events
    if source:
        q = q.where((ev.c.source_code == source) | (ev.c.source_country == source))
    if target:
        q = q.where((ev.c.target_code == target) | (ev.c.target_country == target))
    if since:
        q = q.where(ev.c.event_date >= since)
    if until:
        q = q.where(ev.c.event_date <= until)
    if story_id:
        q = q.where(ev.c.story_id == story_id)
    if origin:
        q = q.where(ev.c.origin == origin)
    if min_mentions:
        q = q.where(ev.c.num_mentions >= min_mentions)
    if not include_historical:
        q = q.where(ev.c.historical.is_(False))
    return q


# Columns an imported event fills (the rest belong to Detente's own merged events).
IMPORT_COLUMNS = [
    c.name for c in schema.events.c if c.name not in ("id", "merge_key", "story_id", "first_mention_id")
]
_QUOTED = ", ".join(f'"{c}"' for c in IMPORT_COLUMNS)


def _sqlite_cell(kind: str) -> Any:
    """How SQLAlchemy stores a value of this column type in SQLite, done once per value."""
    if kind == "DATE":
        return lambda v: None if v is None else v.isoformat()
    if kind == "DATETIME":
        return lambda v: None if v is None else v.strftime("%Y-%m-%d %H:%M:%S.%f")
    if kind == "BOOLEAN":
        return lambda v: None if v is None else int(v)
    return None


_SQLITE_CONVERT = [
    (i, f)
    for i, c in enumerate(IMPORT_COLUMNS)
    if (f := _sqlite_cell(type(schema.events.c[c].type).__name__.upper())) is not None
]


def _import_sqlite(conn: Connection, rows: list[dict[str, Any]]) -> int:
    sql = (
        f"INSERT INTO events ({_QUOTED}) VALUES ({', '.join('?' * len(IMPORT_COLUMNS))}) "
        "ON CONFLICT (origin, ext_id) DO NOTHING"
    )
    params = []
    for row in rows:
        values = [row[c] for c in IMPORT_COLUMNS]
        for i, convert in _SQLITE_CONVERT:
            values[i] = convert(values[i])
        params.append(tuple(values))
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.executemany(sql, params)
        return int(cursor.rowcount)
    finally:
        cursor.close()


def _import_postgresql(conn: Connection, rows: list[dict[str, Any]]) -> int:
    """COPY into a session-temporary table, then one INSERT ... ON CONFLICT DO NOTHING."""
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(
            f"CREATE TEMPORARY TABLE IF NOT EXISTS events_import AS SELECT {_QUOTED} FROM events WITH NO DATA"
        )
        cursor.execute("TRUNCATE events_import")
        with cursor.copy(f"COPY events_import ({_QUOTED}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([row[c] for c in IMPORT_COLUMNS])
        cursor.execute(
            f"INSERT INTO events ({_QUOTED}) SELECT {_QUOTED} FROM events_import "
            "ORDER BY ctid ON CONFLICT (origin, ext_id) DO NOTHING"
        )
        return int(cursor.rowcount)
    finally:
        cursor.close()


def event_dict(row: dict[str, Any]) -> dict[str, Any]:
    """A stored event row in the shape of the `detente code` contract, plus counts and store ids."""

    def actor(prefix: str) -> dict[str, Any] | None:
        if row.get(f"{prefix}_code") is None:
            return None
        return {
            "text": row.get(f"{prefix}_text"),
            "start": row.get(f"{prefix}_start"),
            "end": row.get(f"{prefix}_end"),
            "code": row[f"{prefix}_code"],
            "country": row[f"{prefix}_country"],
            "sector": row[f"{prefix}_sector"],
            "name": row[f"{prefix}_name"],
        }

    location = None
    if row.get("location_name") or row.get("lat") is not None:
        location = {
            "name": row["location_name"],
            "country": row["location_country"],
            "lat": row["lat"],
            "lon": row["lon"],
        }
    evidence = json.loads(row["evidence"]) if row.get("evidence") else None
    return {
        "id": row["id"],
        "origin": row["origin"],
        "doc_id": row.get("doc_id") or row.get("ext_id"),
        "article_id": row.get("article_id"),
        "story_id": row["story_id"],
        "sentence_index": row.get("sentence_idx"),
        "source": actor("source"),
        "target": actor("target"),
        "cameo": row["cameo"],
        "cameo_root": row["cameo_root"],
        "quad_class": row["quad_class"],
        "goldstein": row["goldstein"],
        "plover": row["plover"],
        "plover_mode": row["plover_mode"],
        "mutual": bool(row["mutual"]),
        "date": row["date"],
        "date_precision": row["date_precision"],
        "historical": bool(row["historical"]),
        "location": location,
        "negated": bool(row["negated"]),
        "modality": row["modality"],
        "confidence": row["confidence"],
        "num_mentions": row["num_mentions"],
        "num_sources": row["num_sources"],
        "num_articles": row["num_articles"],
        "evidence": evidence,
    }
