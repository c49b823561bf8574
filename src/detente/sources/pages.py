"""Fetched documents to what they are: a feed or sitemap to its items, a page to an Article.

Pages go through the same HTML ingest as files (trafilatura, then Detente's boilerplate rules);
what the listing knew (title, publication date, publisher) fills what the page does not say.
The article's `origin` is the address it was fetched from, so a copy can be traced back to it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator

from detente.errors import InputError
from detente.ingest import article_from_html, article_from_text
from detente.ingest.decode import decode_bytes
from detente.ingest.html import looks_like_html
from detente.records import Article
from detente.sources.feeds import parse_feed
from detente.sources.http import Fetched, Fetcher
from detente.sources.items import Item, Listing
from detente.sources.sitemaps import GZIP_MAGIC, gunzip, looks_like_sitemap, parse_sitemap

LISTING_MAX_BYTES = 20_000_000  # feeds and sitemaps may be much larger than one article
MAX_SITEMAP_DEPTH = 2  # an index of indexes at most
FEED_TYPES = ("rss", "atom", "rdf", "/xml", "+xml")


def listing_kind(data: bytes, content_type: str | None) -> str | None:
    """'sitemap' or 'feed' when the body is a listing, None when it is a page (or anything else)."""
    if data.startswith(GZIP_MAGIC):
        return "sitemap"  # a gzipped page would be decoded by the transport, not arrive as gzip
    if looks_like_sitemap(data):
        return "sitemap"
    head = data[:2048].lstrip().lower()
    ctype = (content_type or "").lower()
    if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
        return "feed"
    if any(t in ctype for t in FEED_TYPES) and b"<html" not in head:
        return "feed"
    return None


def parse_listing(fetched: Fetched) -> Listing:
    """A fetched feed or sitemap to its Listing; raises InputError (bad-feed) when it is neither."""
    data = fetched.content
    url = fetched.url
    if data.startswith(GZIP_MAGIC):
        data = gunzip(data, url)
    kind = listing_kind(data, fetched.content_type)
    if kind == "sitemap":
        return parse_sitemap(data, url)
    if kind == "feed":
        return parse_feed(data, url)
    raise InputError(
        url, "bad-feed", f"it is {fetched.content_type or 'untyped'}, not RSS, Atom or a sitemap"
    )


def _with_item(art: Article, item: Item | None, date: dt.date | None) -> Article:
    """Fill what the page left out: from the listing first, then the caller's fallback date."""
    if item is not None and art.title is None and item.title:
        keep = {
            f.name: getattr(art, f.name)
            for f in dataclasses.fields(art)
            if f.name not in ("id", "text", "title")
        }
        art = Article.create(art.text, item.title, **keep)
    changes: dict[str, object] = {}
    if art.date is None and ((item is not None and item.date) or date):
        changes["date"] = item.date if item is not None and item.date else date
    if art.publisher is None and item is not None and item.publisher:
        changes["publisher"] = item.publisher
    return dataclasses.replace(art, **changes) if changes else art


def article_from_page(
    fetched: Fetched, item: Item | None = None, *, date: dt.date | None = None, max_bytes: int
) -> Article:
    """A fetched page to an Article (raises InputError, naming the URL, when it holds none).

    Its date is the page's own, else the listing's, else `date`.
    """
    origin = fetched.url
    ctype = (fetched.content_type or "").lower()
    if ctype and not any(t in ctype for t in ("html", "text/plain", "xml")):
        raise InputError(origin, "binary", f"the server says it is {fetched.content_type}")
    if "text/plain" in ctype:
        text = decode_bytes(fetched.content, document=origin, max_bytes=max_bytes)
        if not looks_like_html(text):
            art = article_from_text(text, origin=origin, url=fetched.final_url)
            return _with_item(art, item, date)
    art = article_from_html(fetched.content, origin=origin, url=fetched.final_url, max_bytes=max_bytes)
    return _with_item(art, item, date)


def article_from_item_content(item: Item, *, date: dt.date | None = None, max_bytes: int) -> Article:
    """The full text a feed carries for an item, read as an HTML fragment; raises InputError."""
    assert item.content is not None
    html = f"<html><body><article>{item.content}</article></body></html>"
    art = article_from_html(html, origin=item.url, url=item.url, max_bytes=max_bytes)
    return _with_item(dataclasses.replace(art, url=item.url), item, date)


def listing_items(
    fetcher: Fetcher, listing: Listing, *, depth: int = 0, errors: list[InputError] | None = None
) -> Iterator[Item]:
    """Every item of a listing, fetching the sitemaps of an index (to MAX_SITEMAP_DEPTH)."""
    yield from listing.items
    if depth >= MAX_SITEMAP_DEPTH:
        return
    for child_url in listing.sitemaps:
        got = fetcher.fetch(child_url, max_bytes=LISTING_MAX_BYTES)
        try:
            if isinstance(got, InputError):
                raise got
            child = parse_listing(got)
        except InputError as e:
            if errors is not None:
                errors.append(e)
            continue
        yield from listing_items(fetcher, child, depth=depth + 1, errors=errors)


def read_url(
    url: str, fetcher: Fetcher, *, date: dt.date | None = None, max_bytes: int, feed_content: bool = False
) -> Iterator[Article | InputError]:
    """An http(s) URL as `detente ingest` reads it: a page is one article, a feed or sitemap is
    every article it lists (each fetched politely); one error per address that fails."""
    got = fetcher.fetch(url, max_bytes=max(max_bytes, LISTING_MAX_BYTES))
    if isinstance(got, InputError):
        yield got
        return
    kind = listing_kind(got.content, got.content_type)
    if kind is None:
        if len(got.content) > max_bytes:
            yield InputError(url, "too-large", f"{len(got.content)} bytes, over the {max_bytes} limit")
            return
        try:
            yield article_from_page(got, date=date, max_bytes=max_bytes)
        except InputError as e:
            yield e
        return
    try:
        listing = parse_listing(got)
    except InputError as e:
        yield e
        return
    errors: list[InputError] = []
    for item in listing_items(fetcher, listing, errors=errors):
        yield from errors
        errors.clear()
        yield fetch_item(item, fetcher, date=date, max_bytes=max_bytes, feed_content=feed_content)
    yield from errors


def fetch_item(
    item: Item, fetcher: Fetcher, *, date: dt.date | None = None, max_bytes: int, feed_content: bool = False
) -> Article | InputError:
    """One listed item to an Article: from the feed's own full text if asked, else from its page."""
    try:
        if feed_content and item.content:
            return article_from_item_content(item, date=date, max_bytes=max_bytes)
        got = fetcher.fetch(item.url, max_bytes=max_bytes)
        if isinstance(got, InputError):
            return got
        return article_from_page(got, item, date=date, max_bytes=max_bytes)
    except InputError as e:
        return e
