"""Fetching a page for URL ingestion without becoming a way into the server's own network (SSRF).

Every host name is resolved here and *every* address it resolves to is checked: loopback,
private (RFC 1918, unique local), link-local (cloud metadata at 169.254.169.254), multicast,
reserved, unspecified and shared (carrier-grade NAT) addresses are refused unless the operator
allows them (`--allow-private-urls`). The connection then goes to the checked address itself
(Host header and TLS server name stay the host's), so a second DNS answer cannot swap in another
address. Redirects are followed by hand, each hop checked the same way. Time and size are
bounded.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from detente.errors import DetenteError
from detente.web.settings import WebSettings

Resolver = Callable[[str, int], list[str]]
Policy = Callable[[str], str | None]  # why an address is refused, or None


class FetchError(DetenteError):
    """A URL that may not or could not be fetched; `status` is the HTTP status to answer with."""

    code = "E702"

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Page:
    url: str  # after redirects
    content: bytes
    content_type: str


def resolve(host: str, port: int) -> list[str]:
    """Every address a host name resolves to (IPv4 and IPv6)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve the host {host!r}: {exc}") from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def refused_reason(address: str) -> str | None:
    """Why an address may not be fetched from, or None when it is a public address."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    checks = (
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("unspecified", ip.is_unspecified),
        ("reserved", ip.is_reserved),
        ("private", ip.is_private),
        ("not globally reachable", not ip.is_global),
    )
    for name, hit in checks:
        if hit:
            return name
    return None


def check_url(
    url: str, settings: WebSettings, resolver: Resolver = resolve, refuse: Policy | None = None
) -> tuple[str, str, int]:
    """(scheme, checked address, port) of a URL that may be fetched; FetchError says why not.

    `refuse` replaces `refused_reason` (tests use it to refuse one loopback address and not another).
    """
    refuse = refuse or refused_reason
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"only http and https URLs can be ingested, not {parts.scheme or 'no scheme'!r}")
    host = parts.hostname
    if not host:
        raise FetchError(f"the URL {url!r} has no host")
    if parts.username or parts.password:
        raise FetchError("URLs with a user name or password are not fetched")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise FetchError(f"the URL {url!r} has an invalid port") from None
    addresses = resolver(host, port)
    if not addresses:
        raise FetchError(f"the host {host!r} has no address")
    if not settings.allow_private_urls:
        for address in addresses:
            why = refuse(address)
            if why:
                raise FetchError(
                    f"refused to fetch {url!r}: {host} resolves to {address}, a {why} address "
                    "(the server does not fetch from its own network; see --allow-private-urls)",
                    status=403,
                )
    return parts.scheme, addresses[0], port


def fetch(
    url: str, settings: WebSettings, resolver: Resolver = resolve, refuse: Policy | None = None
) -> Page:
    """GET a page, following up to `fetch_max_redirects` redirects, each hop checked; the whole
    fetch, redirects and body included, must end within twice `fetch_timeout`."""
    current = url
    deadline = time.monotonic() + 2 * settings.fetch_timeout
    with httpx.Client(timeout=settings.fetch_timeout, follow_redirects=False, trust_env=False) as client:
        for _ in range(settings.fetch_max_redirects + 1):
            if time.monotonic() > deadline:
                raise FetchError(f"fetching {url!r} took too long", status=504)
            scheme, address, port = check_url(current, settings, resolver, refuse)
            parts = urlsplit(current)
            host = parts.hostname or ""
            netloc_ip = f"[{address}]" if ":" in address else address
            direct = urlunsplit((scheme, f"{netloc_ip}:{port}", parts.path or "/", parts.query, ""))
            host_header = host if parts.port is None else f"{host}:{parts.port}"
            extensions = {"sni_hostname": host} if scheme == "https" else {}
            request = client.build_request(
                "GET",
                direct,
                headers={
                    "Host": host_header,
                    "User-Agent": "detente-ingest",
                    "Accept": "text/html, text/plain",
                },
                extensions=extensions,
            )
            try:
                response = client.send(request, stream=True)
            except httpx.TimeoutException:
                raise FetchError(f"fetching {current!r} timed out", status=504) from None
            except httpx.HTTPError as exc:
                raise FetchError(f"cannot fetch {current!r}: {exc}", status=502) from None
            try:
                if response.is_redirect:
                    location = response.headers.get("location")
                    if not location:
                        raise FetchError(f"{current!r} redirects nowhere", status=502)
                    current = urljoin(current, location)
                    continue
                if response.status_code >= 400:
                    raise FetchError(f"{current!r} answered HTTP {response.status_code}", status=502)
                declared = response.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > settings.fetch_max_bytes:
                    raise FetchError(
                        f"{current!r} is {declared} bytes, more than the limit of {settings.fetch_max_bytes}",
                        status=413,
                    )
                body = bytearray()
                try:
                    for chunk in response.iter_bytes():
                        body += chunk
                        if time.monotonic() > deadline:
                            raise FetchError(f"fetching {current!r} took too long", status=504)
                        if len(body) > settings.fetch_max_bytes:
                            raise FetchError(
                                f"{current!r} is larger than the limit of {settings.fetch_max_bytes} bytes",
                                status=413,
                            )
                except httpx.TimeoutException:
                    raise FetchError(f"fetching {current!r} timed out", status=504) from None
                return Page(current, bytes(body), response.headers.get("content-type", ""))
            finally:
                response.close()
    raise FetchError(f"{url!r} redirects more than {settings.fetch_max_redirects} times", status=502)
