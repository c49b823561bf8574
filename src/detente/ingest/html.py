"""HTML pages to Articles: trafilatura finds the article, our rules strip what it lets through.

The chain, each step named so a failure says where it happened:

1. decode the bytes (a declared <meta charset> counts) and refuse binary or empty input;
2. read the page's own metadata with lxml: site name, <title>, canonical URL;
3. extract the main text and metadata with trafilatura, favouring precision and
   leaving out comments and tables; if that finds nothing, retry with trafilatura's
   defaults, then with tables (old sites lay out their text in tables);
4. turn trafilatura's XML into paragraphs; the <h1> at the top is the headline (as the
   first line of a text file is), else the metadata title without its " - Site" suffix;
5. strip the remaining chrome with the same boilerplate rules as plain text;
6. nothing left is "broken-html", with what was found instead.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urljoin

import lxml.etree
import lxml.html
import trafilatura

from detente.errors import InputError
from detente.ingest.boilerplate import clean_paragraph, is_sentence, site_name, split_boilerplate
from detente.ingest.decode import DEFAULT_MAX_BYTES, check_size, decode_bytes
from detente.records import Article

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_DOC_START = re.compile(
    r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|\?xml)", re.IGNORECASE | re.DOTALL
)
_BLOCK_TAG = re.compile(r"^\s*<(?:html|head|body|article|main)[\s>]", re.IGNORECASE | re.MULTILINE)
_PARA_TAG = re.compile(r"<(?:p|/p|br|div|/div)[\s/>]", re.IGNORECASE)
_TITLE_SEPARATOR = re.compile(r"\s+[-|–—:·•»]\s+|\s*\|\s*")
SNIFF_CHARS = 100_000
HEADLINE_WINDOW = 3  # the <h1> counts as the headline only among the first blocks
PARA_TAG_DENSITY = 1 / 1000  # at least one <p>/<br>/<div> per 1,000 characters, and three or more

_SKIP_TAGS = {"graphic", "ref"}  # images and reference links carry no prose


def looks_like_html(text: str) -> bool:
    """Is this text an HTML page (or fragment) rather than prose that mentions a tag?"""
    head = text[:SNIFF_CHARS]
    if _DOC_START.match(head) or _BLOCK_TAG.search(head):
        return True
    tags = len(_PARA_TAG.findall(head))
    return tags >= 3 and tags >= len(head) * PARA_TAG_DENSITY


@dataclass
class PageMeta:
    """What the page says about itself, read before trafilatura reshapes it."""

    site_name: str | None = None
    title_tag: str | None = None
    canonical: str | None = None
    texts: frozenset[str] = frozenset()  # every element's own short text, to recognise a site name


def _page_meta(tree: lxml.html.HtmlElement) -> PageMeta:
    def first(xpath: str) -> str | None:
        for value in tree.xpath(xpath):
            value = clean_paragraph(str(value))
            if value:
                return value
        return None

    texts = set()
    for el in tree.iter():
        if isinstance(el.tag, str) and el.tag not in {"script", "style", "title"}:
            own = clean_paragraph(el.text_content() if len(el) == 0 else (el.text or ""))
            if 0 < len(own) <= 80:
                texts.add(own.casefold())
    return PageMeta(
        site_name=first('//meta[@property="og:site_name"]/@content')
        or first('//meta[@name="application-name"]/@content'),
        title_tag=first("//title/text()"),
        canonical=first('//link[@rel="canonical"]/@href') or first('//meta[@property="og:url"]/@content'),
        texts=frozenset(texts),
    )


def _split_title(
    title: str, sitename: str | None, meta: PageMeta, headline: str | None
) -> tuple[str, str | None]:
    """Strip a trailing " - Site Name" from a title, and say which site name it was.

    The suffix is a site name when it equals the known one, when the page shows it on its
    own elsewhere (a footer), or when the rest of the <title> is the page's <h1>.
    """
    parts = _TITLE_SEPARATOR.split(title)
    if len(parts) < 2:
        return title, sitename
    suffix = parts[-1].strip()
    rest = title[: title.rfind(suffix)].rstrip(" -|–—:·•»")
    if not rest:
        return title, sitename
    folded = suffix.casefold()
    if sitename and folded == sitename.casefold():
        return rest, sitename
    if not sitename and (folded in meta.texts or (headline and clean_paragraph(rest) == headline)):
        return rest, suffix
    return title, sitename


def _element_text(el: lxml.etree._Element) -> str:
    for lb in el.iter("lb"):
        lb.tail = " " + (lb.tail or "")
    return clean_paragraph("".join(el.itertext()))


def _paragraphs(body: lxml.etree._Element) -> list[tuple[str, str]]:
    """(tag, text) for each block of trafilatura's output; list items are paragraphs each."""
    out = []
    for el in body:
        if el.tag == "list":
            out.extend(("item", _element_text(item)) for item in el.iter("item"))
        elif el.tag == "table":
            for row in el.iter("row"):
                out.append(("row", " ".join(_element_text(cell) for cell in row.iter("cell"))))
        elif el.tag == "head" and el.get("rend") == "h1":
            out.append(("h1", _element_text(el)))
        elif el.tag not in _SKIP_TAGS:
            out.append((el.tag, _element_text(el)))
    return [(tag, text) for tag, text in out if text]


def _take_headline(blocks: list[tuple[str, str]]) -> tuple[str | None, list[tuple[str, str]]]:
    """The page's <h1> near the top is the headline, as the first line of a text file is.

    Short non-sentence blocks above it (section labels, breadcrumbs) go with it.
    """
    for i, (tag, text) in enumerate(blocks[:HEADLINE_WINDOW]):
        if tag == "h1":
            return text, blocks[i + 1 :]
        if is_sentence(text):
            break
    return None, blocks


def _extract(html: str, url: str | None) -> trafilatura.settings.Document | None:
    """Step 3, with its fallbacks in order; None when every attempt found nothing."""
    date_params = {"original_date": True, "extensive_search": False, "max_date": dt.date.today().isoformat()}
    attempts = (
        {"favor_precision": True, "include_tables": False},
        {"include_tables": False},
        {"include_tables": True},
    )
    for options in attempts:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            include_comments=False,
            include_images=False,
            include_links=False,
            include_formatting=False,
            with_metadata=True,
            date_extraction_params=date_params,
            **options,
        )
        if doc is not None and doc.body is not None and _paragraphs(doc.body):
            return doc
    return None


def _own_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def article_from_html(
    raw: str | bytes,
    *,
    origin: str,
    date: dt.date | None = None,
    url: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    language: str = "en",
) -> Article:
    """Build an Article from an HTML page; raise InputError when there is no article in it.

    The page's own date and canonical URL win over `date` and `url`, which are what the
    caller knows (a --date option, the address the page was fetched from).
    """
    if isinstance(raw, bytes):
        html = decode_bytes(raw, document=origin, max_bytes=max_bytes, html=True)
    else:
        html = raw
        check_size(len(html.encode("utf-8", "surrogatepass")), max_bytes, origin)
        if not html.strip():
            raise InputError(origin, "empty")
    html = _XML_DECLARATION.sub("", html, count=1)  # lxml refuses str input that declares an encoding

    try:
        tree = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError) as e:
        raise InputError(origin, "broken-html", f"the markup cannot be parsed: {e}") from e
    meta = _page_meta(tree)

    doc = _extract(html, url)
    if doc is None:
        raise InputError(origin, "broken-html", "no paragraph of text was found in the page")
    blocks = _paragraphs(doc.body)

    sitename = meta.site_name or (doc.sitename if doc.sitename and "." not in doc.sitename else None)
    headline, blocks = _take_headline(blocks)
    title = headline or clean_paragraph(doc.title or meta.title_tag or "") or None
    if title:
        title, sitename = _split_title(title, sitename, meta, headline)
    if meta.title_tag and not sitename:
        _, sitename = _split_title(meta.title_tag, None, meta, title)
    # the metadata title may be repeated as the first block too
    while blocks and blocks[0][0] == "head" and title and blocks[0][1].casefold() == title.casefold():
        blocks = blocks[1:]

    kept, removed = split_boilerplate([text for _, text in blocks])
    if not kept:
        kinds = ", ".join(sorted({r.kind for r in removed}))
        found = f"only site chrome ({kinds})" if kinds else "only the headline"
        raise InputError(origin, "broken-html", f"{found} was found, no article text")

    page_url = doc.url or meta.canonical
    if page_url and url:
        page_url = urljoin(url, page_url)
    return Article.create(
        "\n\n".join(kept),
        title,
        date=_own_date(doc.date) or date,
        url=page_url or url,
        publisher=sitename or site_name(removed),
        language=language,
        doc_id=None,
        origin=origin,
    )
