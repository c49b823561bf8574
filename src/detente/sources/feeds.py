"""RSS and Atom feeds (feedparser) to items: URL, title, publication time, full text if carried.

feedparser reads every RSS version and Atom, and recovers what it can from broken XML; a feed
from which no item with a link can be recovered is a "bad-feed" error naming the feed.
"""

from __future__ import annotations

import calendar
import datetime as dt
import time
from typing import Any
from urllib.parse import urljoin

import feedparser

from detente.errors import InputError
from detente.sources.items import Item, Listing


def _when(entry: Any) -> dt.datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value: time.struct_time | None = entry.get(key)
        if value:
            return dt.datetime.fromtimestamp(calendar.timegm(value), dt.UTC)
    return None


def _content(entry: Any) -> str | None:
    """The entry's full content (content:encoded, Atom <content>), not its summary."""
    best = None
    for part in entry.get("content") or ():
        value = part.get("value") or ""
        if value.strip() and (best is None or len(value) > len(best)):
            best = value
    return best


def parse_feed(data: bytes, url: str) -> Listing:
    """Items of an RSS or Atom document, in the feed's order; raises InputError (bad-feed)."""
    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    title = (parsed.feed.get("title") or "").strip() or None
    items = []
    for entry in parsed.entries:
        link = (entry.get("link") or "").strip()
        if not link:
            continue
        items.append(
            Item(
                url=urljoin(url, link),
                title=(entry.get("title") or "").strip() or None,
                published=_when(entry),
                content=_content(entry),
                feed=url,
                publisher=title,
            )
        )
    if not items and (parsed.bozo or not parsed.version):
        reason = str(parsed.get("bozo_exception") or "") or "no RSS or Atom root element"
        raise InputError(url, "bad-feed", f"malformed feed: {reason}")
    kind = "atom" if parsed.version.startswith("atom") else "rss" if parsed.version else "feed"
    return Listing(url=url, kind=kind, items=items, title=title)
