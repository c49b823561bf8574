"""Plain text (and light Markdown) to an Article: paragraphs, headline, no chrome.

Saved news pages come as text in many shapes: hard-wrapped at 72 columns, one
paragraph per line, a headline on top, the site's footer below. This module turns all
of them into the same thing, so the sentence splitter sees whole paragraphs.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from detente.errors import InputError
from detente.ingest.boilerplate import Removed, chrome_kind, clean_paragraph, site_name, split_boilerplate
from detente.records import Article

HEADLINE_MAX = 150  # characters; longer first lines are a paragraph, not a headline
WRAP_MAX = 120  # a line longer than this was not hard-wrapped: it is a paragraph of its own

_BLANK_LINE = re.compile(r"\n[ \t\u00a0]*\n")
_SENTENCE_FINAL = re.compile(r"""[.!?…]["'”’»)\]]*$""")
_LIST_ITEM = re.compile(r"^\s*(?:[-*•]|\d{1,3}[.)])\s+")
_SOFT_HYPHEN_BREAK = re.compile(r"[^\W\d_]-$")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")


@dataclass
class ParsedText:
    """What the text reader found: headline, body paragraphs, and the chrome it dropped."""

    title: str | None
    paragraphs: list[str]
    removed: list[Removed] = field(default_factory=list)

    @property
    def publisher(self) -> str | None:
        return site_name(self.removed)


def normalise_newlines(text: str) -> str:
    """CRLF, CR, form feeds and Unicode line/paragraph separators become plain newlines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\u2028", "\n").replace("\u2029", "\n\n").replace("\f", "\n\n").replace("\x0b", "\n")


def split_blocks(text: str) -> list[list[str]]:
    """Blocks of non-blank lines, split on blank lines (whitespace-only lines count as blank)."""
    blocks = []
    for chunk in _BLANK_LINE.split(normalise_newlines(text)):
        lines = [ln.strip() for ln in chunk.split("\n") if ln.strip()]
        if lines:
            blocks.append(lines)
    return blocks


def unwrap(lines: list[str]) -> list[str]:
    """Join a hard-wrapped block into one paragraph; keep list items and long lines apart.

    A block with any line over WRAP_MAX characters was written one paragraph per line
    (no wrapping tool makes lines that long), so each of its lines is a paragraph.
    """
    if any(len(ln) > WRAP_MAX for ln in lines):
        return lines
    paras: list[str] = []
    for ln in lines:
        if not paras or _LIST_ITEM.match(ln):
            paras.append(ln)
        elif _SOFT_HYPHEN_BREAK.search(paras[-1]) and ln[:1].islower():
            paras[-1] += ln  # "inter-" + "national": keep the hyphen, drop the break
        else:
            paras[-1] += " " + ln
    return paras


def _strip_markdown(line: str) -> str:
    line = _MD_HEADING.sub("", line)
    line = _MD_IMAGE.sub("", line)
    line = _MD_LINK.sub(r"\1", line)
    return _MD_EMPHASIS.sub(r"\2", line)


def looks_like_headline(line: str) -> bool:
    """A short line without sentence-final punctuation, that is not itself site chrome."""
    line = line.strip()
    return (
        0 < len(line) < HEADLINE_MAX
        and not _SENTENCE_FINAL.search(line)
        and not line.endswith((":", ","))
        and chrome_kind(line) is None
    )


def parse_text(raw: str, *, markdown: bool = False, find_headline: bool = True) -> ParsedText:
    """Split text into headline and body paragraphs, and strip the site chrome."""
    blocks = split_blocks(raw)
    title = None
    if markdown and blocks and _MD_HEADING.match(blocks[0][0]) and len(blocks[0]) == 1:
        title = clean_paragraph(_strip_markdown(blocks[0][0])) or None
        blocks = blocks[1:]
    elif find_headline and len(blocks) > 1 and len(blocks[0]) == 1 and looks_like_headline(blocks[0][0]):
        title = clean_paragraph(blocks[0][0])
        blocks = blocks[1:]
    if markdown:
        blocks = [[_strip_markdown(ln) for ln in b] for b in blocks]
    paragraphs = [p for block in blocks for p in unwrap(block)]
    kept, removed = split_boilerplate(paragraphs)
    return ParsedText(title, kept, removed)


def article_from_text(
    raw: str,
    *,
    origin: str,
    date: dt.date | None = None,
    doc_id: str | None = None,
    title: str | None = None,
    url: str | None = None,
    publisher: str | None = None,
    language: str = "en",
    markdown: bool = False,
) -> Article:
    """Build an Article from plain text; raise InputError("empty") when no body is left.

    A `title` given by the caller (a JSONL "title") replaces headline detection; a site
    name found in the trailing chrome is the publisher when none is given.
    """
    if not raw.strip():
        raise InputError(origin, "empty")
    parsed = parse_text(raw, markdown=markdown, find_headline=title is None)
    if not parsed.paragraphs:
        kinds = ", ".join(sorted({r.kind for r in parsed.removed})) or "nothing"
        raise InputError(origin, "empty", f"only site chrome was found ({kinds})")
    return Article.create(
        "\n\n".join(parsed.paragraphs),
        clean_paragraph(title) if title else parsed.title,
        date=date,
        url=url,
        publisher=publisher or parsed.publisher,
        language=language,
        doc_id=doc_id,
        origin=origin,
    )
