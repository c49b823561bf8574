"""What an operator can configure about the web API, with safe defaults."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_MAX_BODY = 10 * 1024 * 1024  # bytes of a request body (413 above)
DEFAULT_FETCH_MAX_BYTES = 5 * 1024 * 1024  # bytes of a page fetched for URL ingestion
DEFAULT_FETCH_TIMEOUT = 15.0  # seconds per request of a URL fetch
DEFAULT_PAGE = 50
MAX_PAGE = 500


@dataclass(frozen=True)
class WebSettings:
    """Limits and access rules of one application.

    cors_origins: origins allowed to call the API from a browser (none by default: only pages
    served by the application itself). max_body: largest request body in bytes.
    allow_private_urls: let URL ingestion fetch loopback, private and link-local addresses
    (off: those are refused, so that the server cannot be used to reach its own network).
    """

    cors_origins: tuple[str, ...] = ()
    max_body: int = DEFAULT_MAX_BODY
    allow_private_urls: bool = False
    fetch_timeout: float = DEFAULT_FETCH_TIMEOUT
    fetch_max_bytes: int = DEFAULT_FETCH_MAX_BYTES
    fetch_max_redirects: int = 5
    cache_entries: int = 256  # analysis answers kept per application (see cache.py)
    job_workers: int = 1  # ingest jobs coded at the same time (each uses the loaded model)
