"""Polite HTTP fetching: one client that every source shares.

Politeness is not optional here, because `detente watch` runs unattended against other people's
servers for days. The `Fetcher`:

- waits at least `min_interval` seconds between the end of one request to a host and the start
  of the next (a robots.txt `Crawl-delay` can only lengthen it);
- reads each host's robots.txt once (cached for `robots_ttl`), following RFC 9309: a missing
  robots.txt (4xx) allows everything, one answering 5xx allows nothing (asked again after ten
  minutes), and a host that does not answer at all fails the fetch with the network error;
- says who it is: `User-Agent: Detente/<version> (+<project URL>)`;
- follows redirects itself (at most `max_redirects`), each hop obeying its own host's robots.txt
  and rate limit;
- sends conditional requests (If-None-Match / If-Modified-Since) when given the validators of
  the last response, and reports 304 as `not_modified`;
- streams bodies and stops reading at `max_bytes`; gives up at `timeout` (connect, read, and the
  whole body);
- retries with exponential backoff only what may pass: timeouts, refused or reset connections,
  429, 502, 503 and 504 (honouring a short Retry-After).

Nothing raises: every failure comes back as a `FetchError` (an `InputError` naming the URL and
the reason), so one bad address never stops a run.
"""

from __future__ import annotations

import dataclasses
import email.utils
import os
import threading
import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from detente import __version__
from detente.errors import InputError
from detente.ingest.decode import human_size

# Who is crawling: site operators read the User-Agent to reach whoever runs the crawler, so the
# contact (a URL or e-mail of the person or team running Detente) comes from DETENTE_CONTACT.
CONTACT = os.environ.get("DETENTE_CONTACT", "").strip()
USER_AGENT = f"Detente/{__version__}" + (f" (+{CONTACT})" if CONTACT else "")
ROBOTS_AGENT = "Detente"  # the product token robots.txt groups are matched against
ROBOTS_RETRY = 600.0  # seconds before asking again for a robots.txt that answered 5xx
ROBOTS_REDIRECTS = 5
ROBOTS_MAX_BYTES = 500_000  # RFC 9309 asks crawlers to read at least 500 KiB

TRANSIENT_STATUS = frozenset({429, 502, 503, 504})
NOT_MODIFIED = 304
REDIRECTS = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True)
class FetchSettings:
    """How politely and how patiently to fetch; the defaults suit unattended polling."""

    min_interval: float = 1.0  # seconds between requests to one host
    timeout: float = 20.0  # seconds for connecting, for each read, and for the whole body
    max_bytes: int = 2_000_000  # largest body read; larger ones are refused, not truncated
    retries: int = 2  # further attempts after a transient failure
    backoff: float = 1.0  # first wait before a retry; doubled each time
    max_backoff: float = 30.0  # longest wait before a retry, whatever Retry-After says
    robots: bool = True  # obey robots.txt
    robots_ttl: float = 86_400.0  # seconds a host's robots.txt is trusted
    user_agent: str = USER_AGENT
    max_redirects: int = 5


@dataclass(frozen=True)
class Fetched:
    """A response that arrived: 200 with its body, or 304 with none."""

    url: str  # what was asked for
    final_url: str  # after redirects
    status: int
    content: bytes
    content_type: str | None
    etag: str | None
    last_modified: str | None
    elapsed: float

    @property
    def not_modified(self) -> bool:
        return self.status == NOT_MODIFIED


@dataclass(frozen=True)
class FetchError(InputError):
    """A URL that could not be fetched: `kind` says why (fetch-failed, robots, too-large)."""

    status: int | None = None  # the HTTP status, when the server answered
    transient: bool = False  # worth trying again later (timeouts, 503, refused connections)
    retry_after: float | None = None  # seconds, when the server said so


def host_key(url: str) -> str:
    """Rate limits and robots rules apply per scheme://host:port."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc.lower(), "", "", ""))


@dataclass(frozen=True)
class _Redirect:
    location: str


def _redirected(error: FetchError, url: str, final: str) -> FetchError:
    """An error met after redirects, named by the address asked for, saying where it happened."""
    where = f" ({final}, where it redirects)" if error.kind == "robots" else f", at {final}"
    detail = error.detail + where if error.kind != "robots" else where
    return FetchError(url, error.kind, detail, error.status, error.transient, error.retry_after)


def crawl_delay(lines: list[str], agent: str = ROBOTS_AGENT) -> float:
    """The Crawl-delay of the group naming `agent`, else of the `*` group; fractions allowed
    (urllib.robotparser reads whole seconds only)."""
    delays: dict[str, float] = {}
    group: list[str] = []
    in_agents = False
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        if ":" not in line:
            continue
        key, value = (part.strip() for part in line.split(":", 1))
        key = key.lower()
        if key == "user-agent":
            group = [*group, value.lower()] if in_agents else [value.lower()]
            in_agents = True
            continue
        in_agents = False
        if key == "crawl-delay":
            try:
                seconds = float(value)
            except ValueError:
                continue
            for name in group:
                delays.setdefault(name, seconds)
    token = agent.lower()
    for name, seconds in delays.items():
        if name != "*" and name in token:
            return max(0.0, seconds)
    return max(0.0, delays.get("*", 0.0))


def robots_url(url: str) -> str:
    return host_key(url) + "/robots.txt"


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    when = email.utils.parsedate_to_datetime(value) if value else None
    if when is None:
        return None
    return max(0.0, when.timestamp() - time.time())


@dataclass
class _Robots:
    parser: urllib.robotparser.RobotFileParser | None  # None: everything allowed
    allow_none: bool  # robots.txt unreachable: nothing allowed (RFC 9309 2.3.1.4)
    fetched_at: float
    crawl_delay: float = 0.0
    ttl: float = ROBOTS_RETRY  # seconds before asking again

    def allows(self, url: str) -> bool:
        if self.allow_none:
            return False
        return self.parser is None or self.parser.can_fetch(ROBOTS_AGENT, url)


@dataclass
class _Host:
    lock: threading.Lock = field(default_factory=threading.Lock)
    next_at: float = 0.0  # monotonic time before which no request may start
    robots: _Robots | None = None


class Fetcher:
    """A polite HTTP client; one per run, shared by every source (it is thread-safe per host)."""

    def __init__(
        self,
        settings: FetchSettings | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.settings = settings or FetchSettings()
        s = self.settings
        self._sleep = sleep
        self._hosts: dict[str, _Host] = {}
        self._hosts_lock = threading.Lock()
        self.client = httpx.Client(
            headers={"User-Agent": s.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(s.timeout),
            follow_redirects=False,  # fetch() follows them, each hop as polite as the first
            transport=transport,
        )

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _host(self, url: str) -> _Host:
        key = host_key(url)
        with self._hosts_lock:
            return self._hosts.setdefault(key, _Host())

    # --- politeness --------------------------------------------------------------------------------
    def _wait_turn(self, host: _Host) -> None:
        delay = host.next_at - time.monotonic()
        if delay > 0:
            self._sleep(delay)

    def _done(self, host: _Host) -> None:
        interval = self.settings.min_interval
        if host.robots is not None:
            interval = max(interval, host.robots.crawl_delay)
        host.next_at = time.monotonic() + interval

    def _robots(self, url: str, host: _Host) -> _Robots | FetchError:
        """The host's robots rules, or the network error that kept us from reading them."""
        now = time.monotonic()
        if host.robots is not None and now - host.robots.fetched_at < host.robots.ttl:
            return host.robots
        self._wait_turn(host)
        target = robots_url(url)
        try:
            for _hop in range(ROBOTS_REDIRECTS + 1):  # RFC 9309: follow at least five redirects
                result = self._get_once(target, {}, max_bytes=ROBOTS_MAX_BYTES)
                if not isinstance(result, _Redirect):
                    break
                target = urljoin(target, result.location)
            else:  # too many: as if there were none
                result = FetchError(target, "fetch-failed", "too many redirects", 404)
        finally:
            self._done(host)
        ttl = self.settings.robots_ttl
        if isinstance(result, FetchError):
            if result.status is None and result.kind == "fetch-failed":
                # no answer at all (refused, timed out): the page would fail the same way; say so,
                # and ask again next time
                return FetchError(url, "fetch-failed", result.detail, None, result.transient)
            # 4xx: no robots.txt, everything is allowed; 5xx: nothing is, for a while
            unreachable = result.status is not None and result.status >= 500
            host.robots = _Robots(None, unreachable, now, ttl=ROBOTS_RETRY if unreachable else ttl)
        else:
            lines = result.content.decode("utf-8", "replace").splitlines()
            parser = urllib.robotparser.RobotFileParser(robots_url(url))
            parser.parse(lines)
            host.robots = _Robots(parser, False, now, crawl_delay(lines), ttl)
        return host.robots

    # --- fetching ----------------------------------------------------------------------------------
    def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        max_bytes: int | None = None,
    ) -> Fetched | FetchError:
        """GET one URL politely; a 304 comes back as `Fetched.not_modified`, every failure as a FetchError.

        Redirects are followed here, not by httpx, so that every hop obeys its own host's
        robots.txt and rate limit; the validators go along (they name the same resource).
        """
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        limit = max_bytes or self.settings.max_bytes
        current = url
        for _hop in range(self.settings.max_redirects + 1):
            parts = urlsplit(current)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                where = "" if current == url else f" (it redirects to {current})"
                return FetchError(
                    url, "fetch-failed", f"only http:// and https:// addresses can be fetched{where}"
                )
            result = self._fetch_hop(current, headers, limit)
            if isinstance(result, _Redirect):
                current = urljoin(current, result.location)
                continue
            if isinstance(result, FetchError):
                return result if current == url else _redirected(result, url, current)
            return dataclasses.replace(result, url=url, final_url=current)
        return FetchError(url, "fetch-failed", f"more than {self.settings.max_redirects} redirects")

    def _fetch_hop(
        self, url: str, headers: dict[str, str], max_bytes: int
    ) -> Fetched | FetchError | _Redirect:
        """One address, without following redirects: robots rules, rate limit, retries."""
        host = self._host(url)
        with host.lock:
            if self.settings.robots:
                robots = self._robots(url, host)
                if isinstance(robots, FetchError):
                    return robots
                if not robots.allows(url):
                    why = f" ({robots_url(url)} answered with a server error)" if robots.allow_none else ""
                    return FetchError(url, "robots", why)
            attempt = 0
            while True:
                self._wait_turn(host)
                try:
                    result = self._get_once(url, headers, max_bytes=max_bytes)
                finally:
                    self._done(host)
                if (
                    not (isinstance(result, FetchError) and result.transient)
                    or attempt >= self.settings.retries
                ):
                    return result
                wait = max(self.settings.backoff * 2**attempt, result.retry_after or 0.0)
                wait = min(wait, self.settings.max_backoff)
                self._sleep(wait)
                attempt += 1

    def _get_once(
        self, url: str, headers: dict[str, str], *, max_bytes: int
    ) -> Fetched | FetchError | _Redirect:
        start = time.monotonic()
        deadline = start + self.settings.timeout
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                status = response.status_code
                if status == NOT_MODIFIED:
                    return self._fetched(url, response, b"", start)
                if status in REDIRECTS:
                    location = response.headers.get("Location")
                    if not location:
                        return FetchError(url, "fetch-failed", f"HTTP {status} without a Location", status)
                    return _Redirect(location)
                if status >= 400:
                    retry = _retry_after(response.headers.get("Retry-After"))
                    detail = f"HTTP {status} {response.reason_phrase}".strip()
                    return FetchError(url, "fetch-failed", detail, status, status in TRANSIENT_STATUS, retry)
                declared = response.headers.get("Content-Length")
                if declared and declared.isdigit() and int(declared) > max_bytes:
                    return FetchError(
                        url,
                        "too-large",
                        f"{human_size(int(declared))}, over the {human_size(max_bytes)} limit",
                    )
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > max_bytes:
                        return FetchError(url, "too-large", f"over {human_size(max_bytes)}, the limit")
                    if time.monotonic() > deadline:
                        return FetchError(
                            url, "fetch-failed", f"the body took over {self.settings.timeout:g} s", None, True
                        )
                    chunks.append(chunk)
                return self._fetched(url, response, b"".join(chunks), start)
        except httpx.TimeoutException:
            return FetchError(url, "fetch-failed", f"timed out after {self.settings.timeout:g} s", None, True)
        except httpx.TransportError as e:  # refused, reset, DNS, TLS, broken chunking
            return FetchError(url, "fetch-failed", _transport_reason(e), None, True)
        except httpx.HTTPError as e:
            return FetchError(url, "fetch-failed", f"{type(e).__name__}: {e}")

    @staticmethod
    def _fetched(url: str, response: httpx.Response, content: bytes, start: float) -> Fetched:
        h = response.headers
        return Fetched(
            url=url,
            final_url=str(response.url),
            status=response.status_code,
            content=content,
            content_type=h.get("Content-Type"),
            etag=h.get("ETag"),
            last_modified=h.get("Last-Modified"),
            elapsed=time.monotonic() - start,
        )


def _transport_reason(e: Exception) -> str:
    text = str(e) or type(e).__name__
    if "refused" in text.lower():
        return "connection refused"
    return f"network error: {text}"


def parse_rate(value: str) -> float:
    """'1/s', '30/m', '2/h' or '0.5' (requests per second) to the interval between requests."""
    text = value.strip().lower().replace(" ", "")
    per = {"s": 1.0, "sec": 1.0, "m": 60.0, "min": 60.0, "h": 3600.0}
    if "/" in text:
        count, unit = text.split("/", 1)
        seconds = per.get(unit)
        if seconds is None:
            raise ValueError(f"{value!r}: the unit after '/' must be s, m or h")
    else:
        count, seconds = text, 1.0
    try:
        n = float(count)
    except ValueError:
        raise ValueError(f"{value!r} is not a rate such as 1/s or 30/m") from None
    if n <= 0:
        raise ValueError(f"{value!r}: the rate must be above zero")
    return seconds / n
