"""Tell site chrome from news: cookie notices, comment forms, credits, menus, site names.

Chrome that reaches the coder turns into false events ("Leave A Reply" is a request),
so every reader sends its paragraphs through `split_boilerplate`. Two kinds of rules:

1. wording, from the packaged data/boilerplate.tsv (one regex per line, each with a
   kind and a length cap, so a long news paragraph is never removed for a phrase);
2. structure: short lines without sentence punctuation after the last real paragraph
   (site names, menu items), and a short credit-like line right after the headline.
   A paragraph ending like a sentence is never removed by a structural rule.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from detente.errors import DataFileError

_DATA = "boilerplate.tsv"
_COLUMNS = ["kind", "max_chars", "pattern"]

SHORT_LINE = 100  # a trailing line longer than this is content, whatever its punctuation
CREDIT_LINE = 150  # a credit under the headline is never longer than this
LEADING_WINDOW = 3  # how many opening paragraphs may be credits or bylines
MIN_SENTENCE_WORDS = 4

_WS = re.compile(r"\s+")
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_SENTENCE_END = re.compile(r"""(?:[.!?…](?:["'”’»)\]]*)|["”»])$""")
_CREDIT_LIKE = re.compile(r"[/|©]|\b(photo|photograph|image|picture|credit|courtesy|file)s?\b", re.IGNORECASE)
_NAME_WORD = r"(?:[A-Z0-9][\w.'’&!-]*|of|the|and|for|on|in|&|de|la|el|al)"
_SITE_NAME = re.compile(rf"^[A-Z0-9][\w.'’&!-]*(?: {_NAME_WORD}){{0,5}}$")


@dataclass(frozen=True, slots=True)
class Pattern:
    """One wording rule from boilerplate.tsv."""

    kind: str
    max_chars: int
    regex: re.Pattern[str]
    line: int


class Removed(NamedTuple):
    """A paragraph taken out, and the rule kind that took it (for debugging and tests)."""

    text: str
    kind: str


def clean_paragraph(text: str) -> str:
    """One paragraph on one line: NFC, invisible characters dropped, whitespace collapsed.

    Text and HTML readers both end here, so the same article gives the same bytes.
    """
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    return _WS.sub(" ", text).strip()


def is_sentence(paragraph: str) -> bool:
    """Does the paragraph read as prose: sentence-final punctuation and a few words?"""
    p = paragraph.strip()
    return bool(_SENTENCE_END.search(p)) and len(p.split()) >= MIN_SENTENCE_WORDS


def load_patterns(path: str | Path | None = None) -> tuple[Pattern, ...]:
    """Read a boilerplate table; None reads the packaged one (cached, it never changes)."""
    if path is None:
        return _packaged_patterns()
    return _parse(Path(path).read_text(encoding="utf-8"), str(path))


@cache
def _packaged_patterns() -> tuple[Pattern, ...]:
    text = resources.files("detente.ingest").joinpath("data", _DATA).read_text(encoding="utf-8")
    return _parse(text, f"detente/ingest/data/{_DATA}")


def _parse(text: str, where: str) -> tuple[Pattern, ...]:
    out: list[Pattern] = []
    header_seen = False
    for lineno, raw in enumerate(text.splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cells = raw.split("\t")
        if not header_seen:
            if cells != _COLUMNS:
                raise DataFileError(where, lineno, f"expected the header {' '.join(_COLUMNS)!r}")
            header_seen = True
            continue
        if len(cells) != 3:
            raise DataFileError(where, lineno, f"expected 3 tab-separated columns, got {len(cells)}")
        kind, max_chars, pattern = cells
        if not max_chars.isdigit():
            raise DataFileError(where, lineno, f"max_chars {max_chars!r} is not a number")
        try:
            regex = re.compile(pattern, re.IGNORECASE)
        except re.error as e:
            raise DataFileError(where, lineno, f"bad regular expression: {e}") from e
        out.append(Pattern(kind, int(max_chars), regex, lineno))
    if not header_seen:
        raise DataFileError(where, None, "no header row")
    return tuple(out)


def chrome_kind(paragraph: str, patterns: Sequence[Pattern] | None = None) -> str | None:
    """The kind of chrome the wording rules see in one paragraph, or None for content."""
    p = clean_paragraph(paragraph)
    for pat in _packaged_patterns() if patterns is None else patterns:
        if len(p) <= pat.max_chars and pat.regex.search(p):
            return pat.kind
    return None


def split_boilerplate(
    paragraphs: Sequence[str], *, patterns: Sequence[Pattern] | None = None
) -> tuple[list[str], list[Removed]]:
    """Split body paragraphs into (kept, removed); order is preserved in both lists."""
    paras = [clean_paragraph(p) for p in paragraphs]
    kinds: list[str | None] = [chrome_kind(p, patterns) for p in paras]

    # Structure 1: a short credit-like line (or a few) where the body opens.
    for i in range(min(LEADING_WINDOW, len(paras))):
        if kinds[i] is not None:
            continue
        p = paras[i]
        if len(p) <= CREDIT_LINE and not _SENTENCE_END.search(p) and _CREDIT_LIKE.search(p):
            kinds[i] = "leading-credit"
            continue
        break

    # Structure 2: short non-sentence lines after the last real paragraph. Only when a
    # real paragraph exists, so a document made of short lines is left alone.
    if any(kinds[i] is None and is_sentence(p) for i, p in enumerate(paras)):
        for i in range(len(paras) - 1, -1, -1):
            if kinds[i] is not None:
                continue
            p = paras[i]
            if len(p) <= SHORT_LINE and not _SENTENCE_END.search(p):
                kinds[i] = "trailing"
                continue
            break

    # The structural rules guess; a document they would empty entirely is kept as it is.
    if all(k is not None for k in kinds):
        kinds = [None if k in ("leading-credit", "trailing") else k for k in kinds]

    kept = [p for p, k in zip(paras, kinds, strict=True) if k is None and p]
    removed = [Removed(p, k) for p, k in zip(paras, kinds, strict=True) if k is not None]
    return kept, removed


def site_name(removed: Iterable[Removed]) -> str | None:
    """A site name among the trailing chrome ("Las Vegas News Magazine"), if one is there.

    Trailing lines that read like a proper name (capitalised words, nothing else) are
    the publisher's name in page footers far more often than anything else.
    """
    for r in removed:
        if r.kind == "trailing" and len(r.text) <= 60 and _SITE_NAME.match(r.text):
            return r.text
    return None
