"""The records sources hand on: items listed by a feed or sitemap, and the listing itself."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Item:
    """One article a feed or sitemap points to: where it is and what the listing says about it."""

    url: str
    title: str | None = None
    published: dt.datetime | None = None  # timezone-aware when the listing gave a zone
    content: str | None = None  # the full text (HTML) when the feed carries it
    feed: str | None = None  # the feed or sitemap that listed it
    publisher: str | None = None  # the feed's own title, a fallback for the page's site name

    @property
    def date(self) -> dt.date | None:
        return self.published.date() if self.published else None


@dataclass(frozen=True, slots=True)
class Listing:
    """What one feed or sitemap document holds: items, and (sitemap indexes) further sitemaps."""

    url: str
    kind: str  # rss | atom | feed | sitemap | sitemapindex
    items: list[Item] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    title: str | None = None
