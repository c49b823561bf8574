"""Sources over real HTTP: a local site (tests/feedsite.py) serves feeds, sitemaps, pages,
robots.txt and broken things; politeness is checked from the server's own request log."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import socket

import pytest

from detente.errors import InputError
from detente.records import Article
from detente.sources import Sources
from detente.sources.http import Fetcher, FetchError, FetchSettings, parse_rate
from detente.sources.pages import listing_items, parse_listing, read_url
from feedsite import Site, atom, gz, page, rss, sitemap, sitemap_index, story

FAST = FetchSettings(min_interval=0.0, timeout=2.0, retries=0, backoff=0.05)
WHEN = [dt.datetime(2024, 5, 1, 9, n, tzinfo=dt.UTC) for n in range(10)]


@pytest.fixture()
def site():
    with Site() as s:
        s.put("/robots.txt", b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
        for n in range(6):
            s.put(f"/news/a{n}.html", page(n))
        s.put("/private/a9.html", page(9))
        items = [(f"/news/a{n}.html", story(n)[0], WHEN[n]) for n in range(3)]
        s.put("/rss.xml", rss(s.base, items), content_type="application/rss+xml")
        s.put("/atom.xml", atom(s.base, items, content=True), content_type="application/atom+xml")
        s.put("/broken.xml", b"<?xml version='1.0'?><rss><channel><item><title>cut", content_type="text/xml")
        s.put("/big.html", b"<html><body>" + b"<p>word </p>" * 100_000 + b"</body></html>")
        s.put(
            "/big-chunked.html", b"<html><body>" + b"<p>word </p>" * 100_000 + b"</body></html>", chunked=True
        )
        s.put("/hang.html", page(7), delay=3.0)
        s.put("/error.html", b"boom", status=500, content_type="text/plain", validators=False)
        s.put("/busy.html", b"busy", status=503, content_type="text/plain", validators=False)
        s.put("/image.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, content_type="image/png")
        yield s


def fetcher(**kw) -> Fetcher:
    return Fetcher(dataclasses.replace(FAST, **kw))


def test_rss_and_atom_items(site):
    with fetcher() as f:
        listing = parse_listing(f.fetch(site.base + "/rss.xml"))
        assert listing.kind == "rss" and listing.title == "Test Wire"
        assert [i.url for i in listing.items] == [f"{site.base}/news/a{n}.html" for n in range(3)]
        assert [i.title for i in listing.items] == [story(n)[0] for n in range(3)]
        assert [i.published for i in listing.items] == WHEN[:3]
        assert all(i.content is None for i in listing.items)  # RSS without content:encoded

        listing = parse_listing(f.fetch(site.base + "/atom.xml"))
        assert listing.kind == "atom"
        assert [i.url for i in listing.items] == [f"{site.base}/news/a{n}.html" for n in range(3)]
        assert listing.items[1].published == WHEN[1]
        assert "fisheries" not in listing.items[1].content and "Kenya" in listing.items[1].content


def test_sitemap_index_with_gzipped_news_sitemap(site):
    plain = [(f"/news/a{n}.html", story(n)[0], WHEN[n]) for n in (0, 1)]
    news = [(f"/news/a{n}.html", story(n)[0], WHEN[n]) for n in (2, 3)]
    site.put("/sitemap-plain.xml", sitemap(site.base, plain), content_type="application/xml")
    site.put("/sitemap-news.xml.gz", gz(sitemap(site.base, news, news=True)), content_type="application/gzip")
    site.put(
        "/sitemap.xml",
        sitemap_index(site.base, ["/sitemap-plain.xml", "/sitemap-news.xml.gz"]),
        content_type="application/xml",
    )
    with fetcher() as f:
        index = parse_listing(f.fetch(site.base + "/sitemap.xml"))
        assert index.kind == "sitemapindex" and len(index.sitemaps) == 2
        items = list(listing_items(f, index))
    assert [i.url for i in items] == [f"{site.base}/news/a{n}.html" for n in range(4)]
    assert items[0].published.date() == WHEN[0].date() and items[0].title is None  # <lastmod>: a day
    assert items[2].published == WHEN[2] and items[2].title == story(2)[0]  # news sitemap
    assert items[2].publisher == "Sitemap Daily"


def test_malformed_and_non_feeds_are_bad_feed_errors(site):
    with fetcher() as f:
        for path in ("/broken.xml", "/news/a0.html"):
            with pytest.raises(InputError) as err:
                parse_listing(f.fetch(site.base + path))
            assert err.value.kind == "bad-feed" and err.value.document == site.base + path


def test_robots_rules_are_obeyed_and_cached(site):
    with fetcher() as f:
        blocked = f.fetch(site.base + "/private/a9.html")
        assert isinstance(blocked, FetchError) and blocked.kind == "robots"
        assert site.base + "/private/a9.html" in str(blocked) and "robots.txt" in str(blocked)
        assert f.fetch(site.base + "/news/a0.html").status == 200
        assert f.fetch(site.base + "/news/a1.html").status == 200
    assert site.count("/private/a9.html") == 0
    assert site.count("/robots.txt") == 1
    ua = site.requests("/news/a0.html")[0].headers["User-Agent"]
    assert ua.startswith("Detente/")


def test_unreachable_robots_allows_nothing_and_missing_allows_all(site):
    site.put("/robots.txt", b"down", status=503, content_type="text/plain", validators=False)
    with fetcher() as f:
        got = f.fetch(site.base + "/news/a0.html")
        assert isinstance(got, FetchError) and got.kind == "robots" and "server error" in str(got)
    site.put("/robots.txt", b"gone", status=404, content_type="text/plain", validators=False)
    with fetcher() as f:
        assert f.fetch(site.base + "/news/a0.html").status == 200


def test_conditional_requests_get_304(site):
    url = site.base + "/rss.xml"
    with fetcher() as f:
        first = f.fetch(url)
        assert first.status == 200 and first.etag and first.last_modified
        again = f.fetch(url, etag=first.etag, last_modified=first.last_modified)
        assert again.not_modified and again.content == b""
        by_date = f.fetch(url, last_modified=first.last_modified)
        assert by_date.not_modified
    hits = site.requests("/rss.xml")
    assert [h.status for h in hits] == [200, 304, 304]
    assert hits[1].headers["If-None-Match"] == first.etag
    assert hits[2].headers["If-Modified-Since"] == first.last_modified


def test_size_limit_stops_reading(site):
    with fetcher(max_bytes=100_000) as f:
        for path in ("/big.html", "/big-chunked.html"):
            got = f.fetch(site.base + path)
            assert isinstance(got, FetchError) and got.kind == "too-large", path
            assert str(got).startswith(site.base + path)


def test_timeout_is_transient_and_retried_with_backoff(site):
    with fetcher(timeout=0.5, retries=1) as f:
        got = f.fetch(site.base + "/hang.html")
    assert isinstance(got, FetchError) and got.transient and "timed out" in str(got)
    assert site.count("/hang.html") == 2  # one retry


def test_only_transient_statuses_are_retried(site):
    with fetcher(retries=2) as f:
        error = f.fetch(site.base + "/error.html")
        busy = f.fetch(site.base + "/busy.html")
    assert isinstance(error, FetchError) and error.status == 500 and "HTTP 500" in str(error)
    assert isinstance(busy, FetchError) and busy.status == 503 and busy.transient
    assert site.count("/error.html") == 1
    assert site.count("/busy.html") == 3


def test_connection_refused_is_an_error_record():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed when the block ends: nothing listens there
    with fetcher() as f:
        got = f.fetch(f"http://127.0.0.1:{port}/rss.xml")
    assert isinstance(got, FetchError) and got.kind == "fetch-failed" and "refused" in str(got)
    assert isinstance(Fetcher().fetch("ftp://example.org/x"), FetchError)


def test_rate_limit_spacing_per_host(site):
    interval = 0.25
    with fetcher(min_interval=interval) as f:
        for n in range(3):
            assert f.fetch(f"{site.base}/news/a{n}.html").status == 200
    arrivals = sorted(h.at for h in site.hits)  # robots.txt and three pages
    assert len(arrivals) == 4
    gaps = [b - a for a, b in itertools.pairwise(arrivals)]
    assert min(gaps) >= interval, gaps


def test_parse_rate():
    assert parse_rate("1/s") == 1.0
    assert parse_rate("30/m") == 2.0
    assert parse_rate("4") == 0.25
    for bad in ("0/s", "fast", "1/week"):
        with pytest.raises(ValueError):
            parse_rate(bad)


def test_feed_url_to_articles_with_page_and_item_metadata(site):
    site.put("/news/undated.html", b"<html><body><article>" + page(4).split(b"<article>")[1])
    items = [
        ("/news/undated.html", "Canada and Mexico in talks", WHEN[4]),
        ("/private/a9.html", "x", WHEN[5]),
        ("/gone.html", "y", WHEN[6]),
    ]
    site.put("/mixed.xml", rss(site.base, items))
    with fetcher() as f:
        out = list(read_url(site.base + "/mixed.xml", f, max_bytes=2_000_000))
    arts = [x for x in out if isinstance(x, Article)]
    errors = [x for x in out if isinstance(x, InputError)]
    assert len(arts) == 1 and len(errors) == 2
    art = arts[0]
    # the page has no <title>, date or site name: the feed item gives them
    assert art.date == WHEN[4].date() and art.publisher == "Test Wire"
    assert art.url == site.base + "/news/undated.html" and art.origin == art.url
    assert "Canada" in art.text
    assert {e.kind for e in errors} == {"robots", "fetch-failed"}
    assert any("HTTP 404" in str(e) and "/gone.html" in str(e) for e in errors)


def test_sources_reads_pages_feeds_and_reports_bad_ones(site):
    urls = [
        site.base + "/news/a5.html",
        site.base + "/broken.xml",
        site.base + "/image.png",
        site.base + "/rss.xml",
    ]
    with Sources(max_bytes=2_000_000, fetch=FAST) as sources:
        assert all(sources.reads(u) for u in urls) and not sources.reads("notes.txt")
        out = [x for u in urls for x in sources.read(u)]
    kinds = [x.kind if isinstance(x, InputError) else "article" for x in out]
    assert kinds == ["article", "bad-feed", "binary", "article", "article", "article"]
    page_article = out[0]
    assert page_article.title == story(5)[0] and page_article.publisher == "Test Wire"
    assert out[3].title == story(0)[0] and out[3].url == site.base + "/news/a0.html"
    assert site.count("/robots.txt") == 1  # one fetcher for every URL of the run


def test_ingest_command_reads_page_urls(site, tmp_path):
    from click.testing import CliRunner

    from detente.cli import main

    db = tmp_path / "u.db"
    urls = [site.base + "/news/a0.html", site.base + "/gone.html"]
    result = CliRunner().invoke(main, ["ingest", *urls, "--db", str(db)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {site.base}/gone.html: it could not be fetched (HTTP 404 Not Found) [E111]"]
    assert "stored 1 articles" in result.stderr
    hits = sorted(h.at for h in site.hits)
    assert len(hits) == 3 and hits[2] - hits[1] >= 1.0  # robots.txt, then one page a second


def test_redirects_are_followed_hop_by_hop_politely(site):
    localhost = site.base.replace("127.0.0.1", "localhost")
    site.put("/old-feed.xml", b"", status=301, validators=False, headers={"Location": "/rss.xml"})
    site.put("/moved.html", b"", status=302, validators=False, headers={"Location": "/private/a9.html"})
    to_other_host = {"Location": localhost + "/news/a1.html"}
    site.put("/elsewhere.html", b"", status=307, validators=False, headers=to_other_host)
    site.put("/loop.html", b"", status=302, validators=False, headers={"Location": "/loop.html"})
    with fetcher(max_redirects=3) as f:
        feed = f.fetch(site.base + "/old-feed.xml")
        assert feed.status == 200 and feed.url == site.base + "/old-feed.xml"
        assert feed.final_url == site.base + "/rss.xml" and parse_listing(feed).kind == "rss"
        blocked = f.fetch(site.base + "/moved.html")
        assert isinstance(blocked, FetchError) and blocked.kind == "robots"
        assert blocked.document == site.base + "/moved.html"
        assert "/private/a9.html, where it redirects" in str(blocked)
        other = f.fetch(site.base + "/elsewhere.html")
        assert other.status == 200 and other.final_url == localhost + "/news/a1.html"
        loop = f.fetch(site.base + "/loop.html")
        assert isinstance(loop, FetchError) and "more than 3 redirects" in str(loop)
    assert site.count("/private/a9.html") == 0
    assert site.count("/robots.txt") == 2  # once for 127.0.0.1, once for localhost
    assert site.count("/loop.html") == 4


def test_retry_after_and_crawl_delay_slow_the_fetcher_down(site):
    site.put(
        "/robots.txt",
        b"User-agent: Detente\nCrawl-delay: 0.4\nDisallow: /private/\n",
        content_type="text/plain",
    )
    site.put(
        "/busy.html",
        b"busy",
        status=503,
        content_type="text/plain",
        validators=False,
        headers={"Retry-After": "1"},
    )
    with fetcher(retries=1) as f:
        for n in range(2):
            assert f.fetch(f"{site.base}/news/a{n}.html").status == 200
        assert isinstance(f.fetch(site.base + "/busy.html"), FetchError)
    pages = [h.at for h in site.hits if h.path.startswith("/news/")]
    assert pages[1] - pages[0] >= 0.4  # Crawl-delay for the Detente group, though min_interval is 0
    busy = site.requests("/busy.html")
    assert len(busy) == 2 and busy[1].at - busy[0].at >= 1.0  # the server's Retry-After


def test_gzip_bombs_are_refused():
    from detente.sources.sitemaps import gunzip, parse_sitemap

    bomb = gz(b"<urlset>" + b" " * 5_000_000 + b"</urlset>")
    assert len(bomb) < 10_000
    with pytest.raises(InputError) as err:
        gunzip(bomb, "http://example.test/sitemap.xml.gz", limit=1_000_000)
    assert err.value.kind == "too-large"
    with pytest.raises(InputError) as err:
        parse_sitemap(b"\x1f\x8b\x08\x00garbage", "http://example.test/s.xml.gz")
    assert err.value.kind == "bad-feed" and "gzip" in str(err.value)
