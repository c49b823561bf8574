"""How many documents some inputs hold, counted cheaply, for progress bars with an ETA.

A JSONL file counts its non-blank lines (bytes only, nothing parsed), any other file counts
one, a directory counts its readable files. Standard input cannot be counted: None.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from detente.ingest import JSONL_EXTENSIONS, _sniff_jsonl, _walk

_BLOCK = 1 << 20


def _lines(path: Path) -> int:
    count = 0
    tail = b""
    with path.open("rb") as fh:
        while block := fh.read(_BLOCK):
            data = tail + block
            lines = data.split(b"\n")
            tail = lines.pop()
            count += sum(1 for line in lines if line.strip())
    return count + (1 if tail.strip() else 0)


def _file(path: Path, named: bool) -> int:
    suffix = path.suffix.lower()
    if suffix in JSONL_EXTENSIONS:
        return _lines(path)
    if named and suffix not in (".txt", ".text", ".md", ".html", ".htm", ".xhtml"):
        with path.open("rb") as fh:  # sniffed as JSONL by the reader when its first line is JSON
            if _sniff_jsonl(fh.read(_BLOCK)):
                return _lines(path)
    return 1


def count_documents(inputs: Iterable[str | os.PathLike[str]]) -> int | None:
    """Documents the readers will yield (articles plus errors), or None when it cannot be known."""
    total = 0
    for item in inputs:
        if str(item) == "-" or "://" in str(item):  # standard input, or a URL fetched later
            return None
        path = Path(item)
        try:
            if path.is_dir():
                total += sum(_file(f, named=False) for f in _walk(path))
            else:
                total += _file(path, named=True) if path.exists() else 1
        except OSError:
            total += 1  # the reader reports it as one unreadable document
    return total
