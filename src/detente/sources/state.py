"""What `detente watch` remembers between polls and across restarts, kept in the store.

Two tables (store/schema.py): `feeds` holds each feed's validators (ETag, Last-Modified) and
health; `seen_urls` holds every item URL ever listed with where it stands:

    pending ──► fetching ──► stored                 (its article is in the store)
                   │    └──► retry ──► fetching ...  (a failure that may pass; bounded)
                   │    └──► failed                  (given up on, with the reason)
                   └──────► blocked                  (robots.txt forbids it)

A URL left `fetching` (the run died, or the store failed) is due again, as many times as any
other failure may be retried; then it is `failed`.

New items and the feed's new validators are written in one transaction, so a validator is never
saved for a listing whose items were not recorded. A URL becomes `stored` only after its
article's own transaction has committed; one caught between the two by a crash is still
`fetching` on restart, and `recover` settles it from the article copies (whose origin is the
URL) without fetching it again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, and_, func, insert, or_, select, update
from sqlalchemy.engine import Connection

from detente.sources.items import Item
from detente.store import schema

OPEN_STATUSES = ("pending", "fetching", "retry")
ROBOTS_RECHECK = dt.timedelta(days=1)  # a URL robots.txt refused is asked about again after this
CHUNK = 500


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class FeedState:
    url: str
    etag: str | None
    last_modified: str | None
    title: str | None
    consecutive_failures: int
    last_polled_at: dt.datetime | None = None


@dataclass(frozen=True)
class SeenUrl:
    id: int
    url: str
    feed: str | None
    title: str | None
    published: dt.datetime | None
    status: str
    attempts: int

    def item(self, publisher: str | None = None) -> Item:
        return Item(self.url, self.title, self.published, None, self.feed, publisher)


class WatchState:
    """The watch tables of one store; every method is one short transaction."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def feed(self, url: str) -> FeedState | None:
        f = schema.feeds
        with self.engine.connect() as conn:
            row = conn.execute(select(f).where(f.c.url == url)).first()
        if row is None:
            return None
        return FeedState(
            row.url,
            row.etag,
            row.last_modified,
            row.title,
            row.consecutive_failures or 0,
            _aware(row.last_polled_at),
        )

    def feed_titles(self) -> dict[str, str]:
        f = schema.feeds
        with self.engine.connect() as conn:
            return {
                r.url: r.title for r in conn.execute(select(f.c.url, f.c.title).where(f.c.title.is_not(None)))
            }

    def children(self, url: str) -> list[str]:
        """The sitemaps a sitemap index listed (as recorded when it was last read)."""
        f = schema.feeds
        with self.engine.connect() as conn:
            return list(conn.execute(select(f.c.url).where(f.c.parent == url).order_by(f.c.url)).scalars())

    @staticmethod
    def _upsert_feed(conn: Connection, url: str, values: dict[str, Any]) -> None:
        f = schema.feeds
        if conn.execute(select(f.c.url).where(f.c.url == url)).first():
            conn.execute(update(f).where(f.c.url == url).values(**values))
        else:
            conn.execute(insert(f).values(url=url, **{"consecutive_failures": 0, "items_seen": 0, **values}))

    def listing_read(
        self,
        url: str,
        *,
        kind: str,
        title: str | None,
        parent: str | None,
        status: int,
        etag: str | None,
        last_modified: str | None,
        items: Iterable[Item],
    ) -> int:
        """Record a listing that was read: its new items as pending, and its validators; returns
        how many items were new. One transaction, so a crash leaves both or neither."""
        now = _now()
        s = schema.seen_urls
        by_url: dict[str, Item] = {}
        for item in items:
            by_url.setdefault(item.url, item)
        with self.engine.begin() as conn:
            urls = list(by_url)
            known: set[str] = set()
            for start in range(0, len(urls), CHUNK):
                known.update(
                    conn.execute(select(s.c.url).where(s.c.url.in_(urls[start : start + CHUNK]))).scalars()
                )
            new = [
                {
                    "url": it.url,
                    "feed": url,
                    "title": it.title,
                    "published_at": it.published.astimezone(dt.UTC)
                    if it.published and it.published.tzinfo
                    else it.published,
                    "first_seen_at": now,
                    "status": "pending",
                    "attempts": 0,
                }
                for u, it in by_url.items()
                if u not in known
            ]
            if new:
                conn.execute(insert(s), new)
            f = schema.feeds
            old = conn.execute(select(f.c.items_seen).where(f.c.url == url)).scalar() or 0
            self._upsert_feed(
                conn,
                url,
                {
                    "kind": kind,
                    "title": title,
                    "parent": parent,
                    "etag": etag,
                    "last_modified": last_modified,
                    "last_polled_at": now,
                    "last_status": status,
                    "last_error": None,
                    "consecutive_failures": 0,
                    "items_seen": old + len(new),
                },
            )
        return len(new)

    def listing_unchanged(self, url: str, status: int) -> None:
        with self.engine.begin() as conn:
            self._upsert_feed(
                conn,
                url,
                {
                    "last_polled_at": _now(),
                    "last_status": status,
                    "last_error": None,
                    "consecutive_failures": 0,
                },
            )

    def listing_failed(self, url: str, status: int | None, error: str, parent: str | None = None) -> int:
        """Record a failed poll; returns the feed's count of failures in a row."""
        f = schema.feeds
        with self.engine.begin() as conn:
            failures = (
                conn.execute(select(f.c.consecutive_failures).where(f.c.url == url)).scalar() or 0
            ) + 1
            values = {
                "last_polled_at": _now(),
                "last_status": status,
                "last_error": error,
                "consecutive_failures": failures,
            }
            if parent is not None:
                values["parent"] = parent
            self._upsert_feed(conn, url, values)
        return failures

    def due(self, limit: int | None = None) -> list[SeenUrl]:
        """URLs still to fetch, oldest first: pending, interrupted, or failed and worth a retry;
        and those robots.txt refused more than `ROBOTS_RECHECK` ago (the site's rules change,
        and robots.txt is trusted for a day: the fetch asks it again)."""
        s = schema.seen_urls
        recheck = and_(s.c.status == "blocked", s.c.done_at < _now() - ROBOTS_RECHECK)
        query = select(s).where(or_(s.c.status.in_(OPEN_STATUSES), recheck)).order_by(s.c.id)
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        return [
            SeenUrl(r.id, r.url, r.feed, r.title, _aware(r.published_at), r.status, r.attempts or 0)
            for r in rows
        ]

    def give_up_interrupted(self, max_attempts: int) -> int:
        """Fail URLs whose fetch was cut short (a crash, a store failure) `max_attempts` times, so
        one article that always breaks the run cannot be retried for ever; returns how many."""
        s = schema.seen_urls
        with self.engine.begin() as conn:
            result = conn.execute(
                update(s)
                .where(s.c.status == "fetching", s.c.attempts >= max_attempts)
                .values(
                    status="failed",
                    error=f"interrupted {max_attempts} times while being fetched, coded or stored",
                    done_at=_now(),
                )
            )
            return result.rowcount or 0

    def counts(self) -> dict[str, int]:
        s = schema.seen_urls
        with self.engine.connect() as conn:
            rows = conn.execute(select(s.c.status, func.count()).group_by(s.c.status)).all()
        return {status: n for status, n in rows}

    def _set(self, seen_id: int, **values: object) -> None:
        s = schema.seen_urls
        with self.engine.begin() as conn:
            conn.execute(update(s).where(s.c.id == seen_id).values(**values))

    def fetching(self, seen: SeenUrl) -> None:
        self._set(seen.id, status="fetching", attempts=seen.attempts + 1)

    def stored(self, seen: SeenUrl, article_id: str) -> None:
        self._set(seen.id, status="stored", article_id=article_id, error=None, done_at=_now())

    def failed(self, seen: SeenUrl, error: str, *, retry: bool, max_attempts: int) -> str:
        """Record a failure; the URL is tried again on a later poll while attempts remain."""
        status = "retry" if retry and seen.attempts + 1 < max_attempts else "failed"
        self._set(seen.id, status=status, error=error, done_at=None if status == "retry" else _now())
        return status

    def blocked(self, seen: SeenUrl, error: str) -> None:
        self._set(seen.id, status="blocked", error=error, done_at=_now())

    def recover(self) -> int:
        """Settle URLs left `fetching` by a crash whose article was stored after all; returns how many."""
        s = schema.seen_urls
        cp = schema.article_copies
        with self.engine.begin() as conn:
            rows = conn.execute(select(s.c.id, s.c.url).where(s.c.status == "fetching")).all()
            if not rows:
                return 0
            by_url = {r.url: r.id for r in rows}
            done = 0
            urls = list(by_url)
            for start in range(0, len(urls), CHUNK):
                found = conn.execute(
                    select(cp.c.origin, cp.c.article_id).where(cp.c.origin.in_(urls[start : start + CHUNK]))
                ).all()
                for origin, article_id in found:
                    conn.execute(
                        update(s)
                        .where(s.c.id == by_url[origin])
                        .values(status="stored", article_id=article_id, error=None, done_at=_now())
                    )
                    done += 1
        return done


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    """SQLite gives datetimes back without their zone; they were written in UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value
