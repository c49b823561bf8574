"""XML sitemaps, sitemap indexes and Google News sitemaps (plain or gzipped) to items.

A sitemap lists page URLs (with <lastmod>, or <news:publication_date> and <news:title> in a
news sitemap); a sitemap index lists further sitemaps, which the caller fetches in turn. The
XML is parsed without entities or network access, and gzip is inflated only up to a limit.
"""

from __future__ import annotations

import datetime as dt
import zlib
from urllib.parse import urljoin

import lxml.etree

from detente.errors import InputError
from detente.ingest.decode import human_size
from detente.sources.items import Item, Listing

GZIP_MAGIC = b"\x1f\x8b"
MAX_INFLATED = 60_000_000  # the sitemap protocol allows 50 MB uncompressed

_PARSER = lxml.etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=False, recover=False, remove_comments=True
)


def gunzip(data: bytes, url: str, limit: int = MAX_INFLATED) -> bytes:
    """Inflate a gzip body, refusing one that inflates beyond `limit` (a decompression bomb)."""
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error as e:
        raise InputError(url, "bad-feed", f"broken gzip data: {e}") from e
    if len(out) > limit:
        raise InputError(url, "too-large", f"over {human_size(limit)} once decompressed")
    if not inflater.eof:
        raise InputError(url, "bad-feed", "the gzip data ends before its end of stream")
    return out


def looks_like_sitemap(data: bytes) -> bool:
    head = data[:2048].lower()
    return b"<urlset" in head or b"<sitemapindex" in head


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _child_text(el: lxml.etree._Element, *path: str) -> str | None:
    """Text of the first descendant along local names `path` (namespaces ignored)."""
    nodes = [el]
    for name in path:
        nodes = [c for n in nodes for c in n if _local(c.tag) == name]
        if not nodes:
            return None
    text = (nodes[0].text or "").strip()
    return text or None


def parse_w3c_datetime(value: str | None) -> dt.datetime | None:
    """W3C datetime of sitemaps: YYYY, YYYY-MM, YYYY-MM-DD or a full ISO timestamp."""
    if not value:
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        pass
    for fmt in ("%Y-%m", "%Y"):
        try:
            return dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


def parse_sitemap(data: bytes, url: str) -> Listing:
    """Items (urlset) or child sitemaps (sitemapindex) of one sitemap; raises InputError."""
    if data.startswith(GZIP_MAGIC):
        data = gunzip(data, url)
    try:
        root = lxml.etree.fromstring(data, _PARSER)
    except lxml.etree.XMLSyntaxError as e:
        raise InputError(url, "bad-feed", f"malformed sitemap XML: {e}") from e
    kind = _local(root.tag)
    if kind == "sitemapindex":
        locs = [_child_text(sm, "loc") for sm in root if _local(sm.tag) == "sitemap"]
        return Listing(url=url, kind=kind, sitemaps=[urljoin(url, loc) for loc in locs if loc])
    if kind != "urlset":
        raise InputError(url, "bad-feed", f"the root element is <{kind}>, not <urlset> or <sitemapindex>")
    items = []
    for entry in root:
        if _local(entry.tag) != "url":
            continue
        loc = _child_text(entry, "loc")
        if not loc:
            continue
        published = parse_w3c_datetime(_child_text(entry, "news", "publication_date")) or parse_w3c_datetime(
            _child_text(entry, "lastmod")
        )
        items.append(
            Item(
                url=urljoin(url, loc),
                title=_child_text(entry, "news", "title"),
                published=published,
                feed=url,
                publisher=_child_text(entry, "news", "publication", "name"),
            )
        )
    return Listing(url=url, kind="sitemap", items=items)
