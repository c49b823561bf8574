"""Copies: every document that carried an article's text, for NumArticles and NumSources.

An article is a distinct text; the same text arriving again from another URL or file is a copy.
Re-reading the very same document (same URL, or same file/line when there is no URL) is not.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlsplit

from detente.records import Article


def copy_key(url: str | None, origin: str | None, doc_id: str | None) -> str:
    """What tells two copies of one text apart: the URL, else where it was read, else its id."""
    return url or origin or doc_id or ""


def source_key(publisher: str | None, url: str | None, key: str) -> str:
    """Who published a copy: the publisher's name, else the URL's host, else the copy itself."""
    if publisher:
        return publisher.strip().casefold()
    host = urlsplit(url).hostname if url else None
    if host:
        return host.removeprefix("www.")
    return f"copy:{key}"


def copy_row(article: Article, now: dt.datetime) -> dict[str, Any]:
    key = copy_key(article.url, article.origin, article.doc_id)
    return {
        "article_id": article.id,
        "copy_key": key,
        "source_key": source_key(article.publisher, article.url, key),
        "doc_id": article.doc_id,
        "url": article.url,
        "publisher": article.publisher,
        "date": article.date,
        "origin": article.origin,
        "ingested_at": now,
    }
