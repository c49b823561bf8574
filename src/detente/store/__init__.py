"""The event store: SQLite by default (`detente.db`, or DETENTE_DB), PostgreSQL by URL.

Ingest is idempotent by content hash and transactional per article: an article and all its
sentences, mentions and events are written together or not at all, so a crash or a bad
document never leaves half an article behind and never touches what is already stored.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, func, insert, select
from sqlalchemy.engine import Connection

from detente.errors import StoreError
from detente.records import CodedArticle, Event
from detente.store import schema
from detente.when_where.dates import interval

DEFAULT_DB = "detente.db"


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
    cur.close()


@dataclass(frozen=True)
class StoreResult:
    article_id: str
    stored: bool  # False when the article was already there
    events: int


class Store:
    def __init__(self, db: str | os.PathLike[str] | None = None) -> None:
        self.url = database_url(db)
        try:
            self.engine: Engine = create_engine(self.url, future=True)
        except Exception as exc:
            raise StoreError(f"cannot open the database {self.url!r}: {exc}") from exc
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._init_schema()

    def _init_schema(self) -> None:
        try:
            schema.metadata.create_all(self.engine)
            with self.engine.begin() as conn:
                row = conn.execute(
                    select(schema.meta.c.value).where(schema.meta.c.key == "schema_version")
                ).first()
                if row is None:
                    conn.execute(
                        insert(schema.meta).values(key="schema_version", value=str(schema.SCHEMA_VERSION))
                    )
                elif int(row[0]) > schema.SCHEMA_VERSION:
                    raise StoreError(
                        f"the database was written by a newer Detente (schema {row[0]}); upgrade Detente"
                    )
        except StoreError:
            raise
        except Exception as exc:
            raise StoreError(f"cannot prepare the database {self.url!r}: {exc}") from exc

    def close(self) -> None:
        self.engine.dispose()

    # --- writing -----------------------------------------------------------------------------------
    def has_article(self, article_id: str) -> bool:
        with self.engine.connect() as conn:
            return (
                conn.execute(select(schema.articles.c.id).where(schema.articles.c.id == article_id)).first()
                is not None
            )

    def add(self, coded: CodedArticle) -> StoreResult:
        """Store one coded article in one transaction; a no-op if its content hash is stored."""
        art = coded.article
        with self.engine.begin() as conn:
            if conn.execute(select(schema.articles.c.id).where(schema.articles.c.id == art.id)).first():
                return StoreResult(art.id, False, 0)
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
                    ingested_at=dt.datetime.now(dt.UTC),
                    n_sentences=len(coded.sentences),
                    n_events=len(coded.events),
                )
            )
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
                conn.execute(insert(schema.events), [self._event_row(e) for e in coded.events])
                self._upsert_actors(conn, coded.events)
        return StoreResult(art.id, True, len(coded.events))

    @staticmethod
    def _event_row(e: Event) -> dict[str, Any]:
        row: dict[str, Any] = {
            "article_id": e.article_id,
            "doc_id": e.doc_id,
            "sentence_idx": e.sentence_index,
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
            "negated": e.negated,
            "modality": e.modality,
            "confidence": e.confidence,
            "trigger_text": e.evidence.trigger.text,
            "trigger_start": e.evidence.trigger.start,
            "trigger_end": e.evidence.trigger.end,
            "rule": e.evidence.rule,
            "evidence": json.dumps(e.evidence.to_dict(), ensure_ascii=False),
            "location_name": e.location.name if e.location else None,
            "location_country": e.location.country if e.location else None,
            "lat": e.location.lat if e.location else None,
            "lon": e.location.lon if e.location else None,
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

    # --- reading ------------------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {
                t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                for t in (schema.articles, schema.sentences, schema.events, schema.actors)
            }

    def events(
        self,
        *,
        source: str | None = None,
        target: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        article_id: str | None = None,
        limit: int | None = None,
        include_historical: bool = True,
    ) -> Iterator[dict[str, Any]]:
        """Events as dicts, newest first. `source`/`target` match an actor code or its country."""
        ev = schema.events
        q = select(ev)
        if source:
            q = q.where((ev.c.source_code == source) | (ev.c.source_country == source))
        if target:
            q = q.where((ev.c.target_code == target) | (ev.c.target_country == target))
        if since:
            q = q.where(ev.c.event_date >= since)
        if until:
            q = q.where(ev.c.event_date <= until)
        if article_id:
            q = q.where(ev.c.article_id == article_id)
        if not include_historical:
            q = q.where(ev.c.historical.is_(False))
        q = q.order_by(ev.c.event_date.desc().nulls_last(), ev.c.article_id, ev.c.sentence_idx, ev.c.id)
        if limit:
            q = q.limit(limit)
        with self.engine.connect() as conn:
            for row in conn.execute(q):
                yield dict(row._mapping)

    def article(self, article_id: str) -> dict[str, Any] | None:
        """An article with its sentences and mentions; `article_id` may be a prefix or a doc_id."""
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
            out = dict(row._mapping)
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
            return out


def event_dict(row: dict[str, Any]) -> dict[str, Any]:
    """A stored event row in the shape of the `detente code` contract (plus its store ids)."""

    def actor(prefix: str) -> dict[str, Any] | None:
        if row.get(f"{prefix}_code") is None:
            return None
        return {
            "text": row[f"{prefix}_text"],
            "start": row[f"{prefix}_start"],
            "end": row[f"{prefix}_end"],
            "code": row[f"{prefix}_code"],
            "country": row[f"{prefix}_country"],
            "sector": row[f"{prefix}_sector"],
            "name": row[f"{prefix}_name"],
        }

    location = None
    if row.get("location_name"):
        location = {
            "name": row["location_name"],
            "country": row["location_country"],
            "lat": row["lat"],
            "lon": row["lon"],
        }
    evidence = json.loads(row["evidence"]) if row.get("evidence") else None
    return {
        "id": row["id"],
        "doc_id": row["doc_id"],
        "article_id": row["article_id"],
        "sentence_index": row["sentence_idx"],
        "source": actor("source"),
        "target": actor("target"),
        "cameo": row["cameo"],
        "cameo_root": row["cameo_root"],
        "quad_class": row["quad_class"],
        "goldstein": row["goldstein"],
        "plover": row["plover"],
        "plover_mode": row["plover_mode"],
        "date": row["date"],
        "date_precision": row["date_precision"],
        "historical": bool(row["historical"]),
        "location": location,
        "negated": bool(row["negated"]),
        "modality": row["modality"],
        "confidence": row["confidence"],
        "evidence": evidence,
    }
