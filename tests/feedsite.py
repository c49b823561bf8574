"""A small news site on 127.0.0.1 for the source tests and bench/bench_watch.py (stdlib only).

It serves whatever `Route`s are put on it (feeds, sitemaps, pages, robots.txt, broken things),
answers conditional requests with 304 when the ETag or Last-Modified matches, and logs every
request (path, server-side arrival time, headers, status) so tests can check politeness from
the server's side. The articles are short synthetic news texts made up here.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import gzip
import hashlib
import html
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

PAIRS = [
    ("Norway", "Chile", "signed a fisheries agreement with"),
    ("Kenya", "Tanzania", "agreed to reopen border crossings with"),
    ("Japan", "Vietnam", "pledged economic assistance to"),
    ("Brazil", "Argentina", "hosted trade talks with"),
    ("Canada", "Mexico", "criticised the energy policy of"),
    ("Egypt", "Sudan", "called for a ceasefire agreement with"),
    ("Poland", "Lithuania", "signed a defence cooperation accord with"),
    ("India", "Nepal", "promised flood relief to"),
    ("Ghana", "Togo", "condemned an attack by gunmen near the border with"),
    ("Peru", "Bolivia", "expelled two diplomats of"),
]
CITIES = ["Oslo", "Nairobi", "Tokyo", "Brasilia", "Ottawa", "Cairo", "Warsaw", "New Delhi", "Accra", "Lima"]


def story(n: int) -> tuple[str, list[str]]:
    """Headline and paragraphs of synthetic story number n (distinct text for every n)."""
    a, b, verb = PAIRS[n % len(PAIRS)]
    city = CITIES[n % len(CITIES)]
    headline = f"{a} and {b} in talks, report {n}"
    paragraphs = [
        f"The government of {a} {verb} {b} on Tuesday, officials in {city} said in statement number {n}.",
        f"The foreign minister of {a} met the ambassador of {b} for two hours, according to a "
        f"spokesperson who described the meeting as constructive.",
        f"Both sides said further meetings would follow in the coming weeks (bulletin {n}).",
    ]
    return headline, paragraphs


def page(n: int, *, site: str = "Test Wire", date: dt.date | None = None) -> bytes:
    headline, paragraphs = story(n)
    meta = f'<meta property="article:published_time" content="{date.isoformat()}">' if date else ""
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html><head><title>{html.escape(headline)} - {site}</title>"
        f'<meta property="og:site_name" content="{site}">{meta}</head>'
        f"<body><nav><a href='/'>Home</a></nav><article><h1>{html.escape(headline)}</h1>{body}</article>"
        f"<footer>{site}</footer></body></html>"
    ).encode()


def rfc822(when: dt.datetime) -> str:
    return email.utils.format_datetime(when.astimezone(dt.UTC), usegmt=True)


def rss(base: str, items: list[tuple[str, str, dt.datetime]], *, title: str = "Test Wire") -> bytes:
    """RSS 2.0 with (path, title, published) items."""
    entries = "".join(
        f"<item><title>{html.escape(t)}</title><link>{base}{p}</link><guid>{base}{p}</guid>"
        f"<pubDate>{rfc822(d)}</pubDate></item>"
        for p, t, d in items
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>'
        f"<link>{base}/</link><description>news</description>{entries}</channel></rss>"
    ).encode()


def atom(base: str, items: list[tuple[str, str, dt.datetime]], *, content: bool = False) -> bytes:
    entries = []
    for p, t, d in items:
        body = ""
        if content:
            n = int(p.rsplit("/", 1)[-1].split(".")[0].removeprefix("a"))
            _, paragraphs = story(n)
            body = (
                '<content type="html">'
                + html.escape("".join(f"<p>{x}</p>" for x in paragraphs))
                + "</content>"
            )
        entries.append(
            f'<entry><title>{html.escape(t)}</title><link href="{base}{p}"/><id>{base}{p}</id>'
            f"<updated>{d.isoformat()}</updated>{body}</entry>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Atom Wire</title><id>{base}/atom</id><updated>2024-05-02T10:00:00Z</updated>"
        + "".join(entries)
        + "</feed>"
    ).encode()


def sitemap(base: str, items: list[tuple[str, str, dt.datetime]], *, news: bool = False) -> bytes:
    ns = ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"' if news else ""
    urls = []
    for p, t, d in items:
        extra = (
            "<news:news><news:publication><news:name>Sitemap Daily</news:name>"
            f"<news:language>en</news:language></news:publication><news:publication_date>{d.isoformat()}</news:publication_date>"
            f"<news:title>{html.escape(t)}</news:title></news:news>"
            if news
            else f"<lastmod>{d.date().isoformat()}</lastmod>"
        )
        urls.append(f"<url><loc>{base}{p}</loc>{extra}</url>")
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"{ns}>'
        + "".join(urls)
        + "</urlset>"
    ).encode()


def sitemap_index(base: str, paths: list[str]) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        + "".join(f"<sitemap><loc>{base}{p}</loc></sitemap>" for p in paths)
        + "</sitemapindex>"
    ).encode()


def gz(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    delay: float = 0.0  # seconds before answering (a hanging page)
    validators: bool = True  # send ETag and Last-Modified, and answer 304 when they match
    last_modified: str = field(default_factory=lambda: rfc822(dt.datetime(2024, 5, 1, tzinfo=dt.UTC)))
    headers: dict[str, str] = field(default_factory=dict)
    chunked: bool = False  # no Content-Length: the size is known only by reading

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha256(self.body).hexdigest()[:16] + '"'


@dataclass(frozen=True)
class Hit:
    path: str
    at: float  # time.monotonic() when the request arrived at the server
    headers: dict[str, str]
    status: int


class Site:
    """Routes by path, and the log of requests."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: list[Hit] = []
        self.lock = threading.Lock()
        self.server: ThreadingHTTPServer | None = None
        self.base = ""

    def put(self, path: str, body: bytes, **kw: Any) -> None:
        with self.lock:
            old = self.routes.get(path)
            route = Route(body=body, **kw)
            if old is not None and old.body != body and "last_modified" not in kw:
                route.last_modified = rfc822(dt.datetime.now(dt.UTC))
            self.routes[path] = route

    def requests(self, path: str) -> list[Hit]:
        with self.lock:
            return [h for h in self.hits if h.path == path]

    def count(self, path: str) -> int:
        return len(self.requests(path))

    def __enter__(self) -> Site:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *_args: Any) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                arrived = time.monotonic()
                path = self.path.split("?", 1)[0]
                with site.lock:
                    route = site.routes.get(path)
                if route is None:
                    route = Route(body=b"not found", status=404, content_type="text/plain", validators=False)
                status = route.status
                if route.validators and status == 200:
                    inm = self.headers.get("If-None-Match")
                    ims = self.headers.get("If-Modified-Since")
                    if (inm and inm == route.etag) or (not inm and ims and ims == route.last_modified):
                        status = 304
                with site.lock:
                    site.hits.append(Hit(path, arrived, dict(self.headers.items()), status))
                if route.delay:
                    time.sleep(route.delay)
                try:
                    self.send_response(status)
                    if route.validators and status in (200, 304):
                        self.send_header("ETag", route.etag)
                        self.send_header("Last-Modified", route.last_modified)
                    for k, v in route.headers.items():
                        self.send_header(k, v)
                    body = b"" if status == 304 else route.body
                    if status != 304:
                        self.send_header("Content-Type", route.content_type)
                    if route.chunked:
                        self.send_header("Transfer-Encoding", "chunked")
                        self.end_headers()
                        for i in range(0, len(body), 65536):
                            piece = body[i : i + 65536]
                            self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                        self.wfile.write(b"0\r\n\r\n")
                        return
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *_exc: object) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
