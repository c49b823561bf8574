"""Reading the incumbents' files line by line: plain, gzip or zip (GDELT ships .CSV.zip)."""

from __future__ import annotations

import gzip
import io
import os
import zipfile
from collections.abc import Iterator
from typing import IO


def lines(path: str | os.PathLike[str]) -> Iterator[tuple[int, str]]:
    """(line number, line without its newline) of a text file, streamed; blank lines skipped.

    A carriage return is kept, so that a file written with CRLF line ends is written back the same.
    """
    name = os.fspath(path)
    with _open(name) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", errors="replace", newline="")
        for number, line in enumerate(text, 1):
            line = line.removesuffix("\n")
            if line.strip():
                yield number, line


def _open(name: str) -> IO[bytes]:
    if name.endswith(".gz"):
        return gzip.open(name, "rb")
    if name.lower().endswith(".zip"):
        archive = zipfile.ZipFile(name)
        members = [m for m in archive.namelist() if not m.endswith("/")]
        if len(members) != 1:
            archive.close()
            raise ValueError(f"{name}: a zip file with exactly one member is expected, found {len(members)}")
        return _ZipMember(archive, members[0])
    return open(name, "rb")


class _ZipMember(io.BufferedReader):
    """A zip member that closes its archive with it."""

    def __init__(self, archive: zipfile.ZipFile, member: str) -> None:
        super().__init__(archive.open(member))  # type: ignore[arg-type]
        self._archive = archive

    def close(self) -> None:
        super().close()
        self._archive.close()
