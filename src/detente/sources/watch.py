"""`detente watch`: poll feeds and sitemaps, and code and store every new article exactly once.

One poll:

1. every feed (and every sitemap of a sitemap index) is fetched with the validators of its last
   response; 304 means nothing new. New item URLs are recorded as `pending` together with the
   new validators (state.py);
2. pending URLs (and those whose last failure may pass) are fetched politely, oldest first, at
   most `max_items` per poll; each page becomes an Article through the HTML ingest, is coded,
   and is stored in its own transaction, after which its URL is marked `stored`.

A failing feed or page is reported as one line and the poll goes on. A stop request (Ctrl-C,
SIGTERM) is honoured between articles, so no article is left half done; a hard kill loses at
most the article in hand, which the next run fetches again (`WatchState.recover`).
"""

from __future__ import annotations

import datetime as dt
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy.exc import SQLAlchemyError

from detente.api import Detente
from detente.errors import InputError
from detente.sources.http import Fetcher, FetchError
from detente.sources.items import Item, Listing
from detente.sources.pages import LISTING_MAX_BYTES, MAX_SITEMAP_DEPTH, fetch_item, parse_listing
from detente.sources.state import SeenUrl, WatchState

_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?", re.IGNORECASE)
_UNITS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}
CONTENT_ERRORS = frozenset({"broken-html", "empty", "binary", "undecodable", "too-large"})


def parse_duration(value: str) -> float:
    """'30s', '15m', '1h', '1h30m' or a bare number of seconds, in seconds."""
    text = value.strip().lower().replace(" ", "")
    pos = 0
    total = 0.0
    while pos < len(text):
        m = _DURATION.match(text, pos)
        if not m or m.end() == pos:
            raise ValueError(f"{value!r} is not a duration such as 30s, 15m or 1h")
        total += float(m.group(1)) * _UNITS[(m.group(2) or "s").lower()]
        pos = m.end()
    if not text or total <= 0:
        raise ValueError(f"{value!r} is not a duration above zero (30s, 15m, 1h)")
    return total


@dataclass(frozen=True)
class WatchSettings:
    every: float = 900.0  # seconds between the starts of two polls
    max_items: int | None = None  # articles fetched per poll at most; the rest wait for the next
    max_attempts: int = 3  # fetches of one URL before it is given up on
    max_bytes: int = 2_000_000  # largest page
    feed_content: bool = False  # code the feed's own full text when it carries one
    max_backoff: float = 86400.0  # longest wait before a failing feed is tried again


def backoff(failures: int, every: float, max_backoff: float) -> float:
    """Seconds to wait after a feed's last failed poll before trying it again: a feed that
    failed n times in a row is tried about every 2**(n-1) polls (1, 2, 4, 8 ...), at most
    once per `max_backoff`. Half a poll is taken off, so the poll that is due is not missed
    by a fraction of a second."""
    if failures <= 0:
        return 0.0
    return max(0.0, min(every * 2 ** min(failures - 1, 30), max_backoff) - every / 2)


@dataclass
class PollSummary:
    feeds: int = 0  # listings fetched (feeds and sitemaps)
    not_modified: int = 0
    backing_off: int = 0  # failing listings left out of this poll (their wait is not over)
    new: int = 0  # item URLs seen for the first time
    stored: int = 0  # articles stored
    copies: int = 0  # pages whose text was already stored (another URL's copy)
    events: int = 0
    errors: int = 0  # feeds and pages that failed in this poll
    pending: int = 0  # still to fetch after this poll
    seconds: float = 0.0
    stopped: bool = False

    def line(self, n: int) -> str:
        return (
            f"poll {n}: {self.feeds} feeds polled ({self.not_modified} not modified"
            + (f", {self.backing_off} failing ones waiting" if self.backing_off else "")
            + f"), {self.new} new items, "
            f"{self.stored} stored with {self.events} events, {self.copies} already stored, "
            f"{self.errors} errors, {self.pending} pending, {self.seconds:.1f} s"
        )


@dataclass
class Watcher:
    """Polls `feeds` into the store of `api`; `report` receives one line per problem."""

    api: Detente
    feeds: list[str]
    fetcher: Fetcher
    settings: WatchSettings = field(default_factory=WatchSettings)
    report: Callable[[str], None] = print
    stop: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        self.state = WatchState(self.api.store.engine)
        self._contents: dict[str, str] = {}  # full texts the feeds carried in this run
        recovered = self.state.recover()
        if recovered:
            self.report(
                f"note: {recovered} articles stored just before the last run stopped were marked done"
            )

    # --- listings ----------------------------------------------------------------------------------
    def _error(self, e: InputError, summary: PollSummary) -> None:
        summary.errors += 1
        self.report(f"error: {e}")

    def _poll_listing(
        self, url: str, summary: PollSummary, *, parent: str | None = None, depth: int = 0
    ) -> None:
        known = self.state.feed(url)
        if known is not None and known.consecutive_failures and known.last_polled_at is not None:
            wait = backoff(known.consecutive_failures, self.settings.every, self.settings.max_backoff)
            waited = (dt.datetime.now(dt.UTC) - known.last_polled_at).total_seconds()
            if waited < wait:
                summary.backing_off += 1
                return
        got = self.fetcher.fetch(
            url,
            etag=known.etag if known else None,
            last_modified=known.last_modified if known else None,
            max_bytes=LISTING_MAX_BYTES,
        )
        summary.feeds += 1
        if isinstance(got, FetchError):
            self.state.listing_failed(url, got.status, got.reason, parent)
            self._error(got, summary)
            return
        if got.not_modified:
            summary.not_modified += 1
            self.state.listing_unchanged(url, got.status)
            if known is not None:
                self._poll_children(url, summary, depth)
            return
        try:
            listing = parse_listing(got)
        except InputError as e:
            self.state.listing_failed(url, got.status, e.reason, parent)
            self._error(e, summary)
            return
        self._remember_contents(listing)
        summary.new += self.state.listing_read(
            url,
            kind=listing.kind,
            title=listing.title,
            parent=parent,
            status=got.status,
            etag=got.etag,
            last_modified=got.last_modified,
            items=listing.items,
        )
        if depth < MAX_SITEMAP_DEPTH:
            for child in listing.sitemaps:
                if self.stop.is_set():
                    return
                self._poll_listing(child, summary, parent=url, depth=depth + 1)

    def _poll_children(self, url: str, summary: PollSummary, depth: int) -> None:
        """A sitemap index that did not change: its sitemaps may have (they are polled too)."""
        if depth >= MAX_SITEMAP_DEPTH:
            return
        for child in self.state.children(url):
            if self.stop.is_set():
                return
            self._poll_listing(child, summary, parent=url, depth=depth + 1)

    def _remember_contents(self, listing: Listing) -> None:
        if self.settings.feed_content:
            for item in listing.items:
                if item.content:
                    self._contents[item.url] = item.content

    # --- articles ----------------------------------------------------------------------------------
    def _process(self, seen: SeenUrl, publishers: dict[str, str], summary: PollSummary) -> None:
        item = seen.item(publishers.get(seen.feed or ""))
        content = self._contents.get(item.url)
        if content:
            item = Item(item.url, item.title, item.published, content, item.feed, item.publisher)
        self.state.fetching(seen)
        got = fetch_item(
            item,
            self.fetcher,
            date=dt.datetime.now(dt.UTC).date(),  # live news with no date anywhere: the day it was read
            max_bytes=self.settings.max_bytes,
            feed_content=self.settings.feed_content,
        )
        if isinstance(got, InputError):
            if got.kind == "robots":
                self.state.blocked(seen, got.reason)
            else:
                retry = got.kind not in CONTENT_ERRORS
                status = self.state.failed(
                    seen, got.reason, retry=retry, max_attempts=self.settings.max_attempts
                )
                if status == "failed" and retry:
                    got = InputError(
                        got.document, got.kind, f"{got.detail}; attempt {seen.attempts + 1}, giving up"
                    )
            self._error(got, summary)
            return
        try:
            coded = self.api.pipeline.code_article(got)
        except Exception as e:  # a coder bug must not stop a watch that runs for days
            self.state.failed(seen, f"coding failed: {type(e).__name__}: {e}", retry=False, max_attempts=1)
            summary.errors += 1
            self.report(f"error: {item.url}: coding failed ({type(e).__name__}: {e})")
            return
        result = self.api.store.add(coded)
        self.state.stored(seen, result.article_id)
        if result.stored:
            summary.stored += 1
            summary.events += result.events
        else:
            summary.copies += 1

    def poll(self) -> PollSummary:
        """One poll of every feed, then the articles due; stops early when `stop` is set."""
        start = time.monotonic()
        summary = PollSummary()
        for url in self.feeds:
            if self.stop.is_set():
                break
            self._poll_listing(url, summary)
        publishers = self.state.feed_titles()
        given_up = self.state.give_up_interrupted(self.settings.max_attempts)
        if given_up:
            summary.errors += given_up
            self.report(
                f"error: {given_up} URLs were interrupted {self.settings.max_attempts} times; given up"
            )
        due = self.state.due(self.settings.max_items)
        for seen in due:
            if self.stop.is_set():
                break
            self._process(seen, publishers, summary)
        summary.pending = len(self.state.due())
        summary.seconds = time.monotonic() - start
        summary.stopped = self.stop.is_set()
        return summary

    def run(self, *, once: bool = False, on_poll: Callable[[int, PollSummary], None] | None = None) -> int:
        """Poll every `settings.every` seconds until stopped (or once); returns the polls made."""
        n = 0
        while not self.stop.is_set():
            started = time.monotonic()
            n += 1
            try:
                summary = self.poll()
            except SQLAlchemyError as e:  # the store is busy or away: every write so far is whole
                self.report(
                    f"error: the store failed during poll {n} ({type(e).__name__}: {e}); trying again"
                )
            else:
                if on_poll:
                    on_poll(n, summary)
            if once:
                break
            self.stop.wait(max(0.0, self.settings.every - (time.monotonic() - started)))
        return n
