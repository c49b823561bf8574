"""`detente watch` as a real process against a local news site that grows while it runs.

The watch is stopped with SIGTERM mid-article, killed with SIGKILL mid-fetch, and run again;
every listed article must end up coded and stored exactly once, and the later runs must poll
with conditional requests. Bad feeds (malformed, HTTP 500, nothing listening) are reported
and do not stop anything.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from detente.api import Detente
from detente.sources.http import Fetcher, FetchSettings
from detente.sources.watch import PollSummary, Watcher, WatchSettings, backoff, parse_duration
from feedsite import Site, atom, gz, page, rss, sitemap, sitemap_index, story

pytest_plugins = ["conftest_pg"]

WAIT = 90.0  # seconds at most for a process to reach a state (the model loads in each)


def _when(n: int) -> dt.datetime:
    return dt.datetime(2024, 5, 2, 8, 0, tzinfo=dt.UTC) + dt.timedelta(minutes=n)


def _feed(site: Site, numbers: list[int]) -> None:
    items = [(f"/news/a{n}.html", story(n)[0], _when(n)) for n in numbers]
    items.append(("/news/gone.html", "A page that was taken down", _when(99)))
    site.put("/feed.xml", rss(site.base, items), content_type="application/rss+xml")


def _stored(db: Path) -> dict[str, str]:
    if not db.exists():
        return {}
    try:
        with contextlib.closing(sqlite3.connect(db, timeout=5)) as conn:
            return dict(conn.execute("SELECT url, status FROM seen_urls"))
    except sqlite3.OperationalError:  # tables not created yet
        return {}


def _tail(log: Path | None) -> str:
    return "\n".join(log.read_text().splitlines()[-15:]) if log is not None and log.exists() else ""


def _until(
    what, proc: subprocess.Popen | None = None, log: Path | None = None, timeout: float = WAIT
) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if what():
            return
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"the watch exited early with {proc.returncode}:\n{_tail(log)}")
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for the watch:\n{_tail(log)}")


def _start(site: Site, db: Path, log: Path, *extra: str) -> subprocess.Popen:
    refused = socket.socket()
    refused.bind(("127.0.0.1", 0))
    port = refused.getsockname()[1]
    refused.close()  # nothing listens there
    feeds = [site.base + "/feed.xml", site.base + "/sitemap.xml", site.base + "/broken.xml"]
    feeds += [site.base + "/down.xml", f"http://127.0.0.1:{port}/feed.xml"]
    cmd = [sys.executable, "-m", "detente.cli", "watch", *feeds, "--db", str(db), "--every", "1s"]
    cmd += ["--rate", "50/s", "--timeout", "6", "--max-attempts", "2", "--fast", "--model", "none", *extra]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=log.open("w"), env=env)


@pytest.fixture()
def site():
    with Site() as s:
        s.put("/robots.txt", b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
        for n in range(20):
            s.put(f"/news/a{n}.html", page(n))
        news = [(f"/news/a{n}.html", story(n)[0], _when(n)) for n in (10, 11)]
        s.put("/sm-news.xml.gz", gz(sitemap(s.base, news, news=True)), content_type="application/gzip")
        s.put("/sitemap.xml", sitemap_index(s.base, ["/sm-news.xml.gz"]), content_type="application/xml")
        s.put("/broken.xml", b"<?xml version='1.0'?><rss><channel><item><title>cut", content_type="text/xml")
        s.put("/down.xml", b"down", status=500, content_type="text/plain", validators=False)
        yield s


def test_watch_survives_stops_and_kills_without_loss_or_duplicates(site, tmp_path):
    db = tmp_path / "watch.db"
    _feed(site, [0, 1, 2])

    # run 1: the first items, then new ones; SIGTERM while an article is being fetched
    run1 = _start(site, db, tmp_path / "run1.log")
    try:
        first = {f"{site.base}/news/a{n}.html" for n in (0, 1, 2, 10, 11)}
        _until(lambda: all(_stored(db).get(u) == "stored" for u in first), run1, tmp_path / "run1.log")
        site.put("/news/a3.html", page(3), delay=2.0)
        _feed(site, [0, 1, 2, 3, 4])
        _until(lambda: site.count("/news/a3.html") > 0, run1, tmp_path / "run1.log")
        run1.send_signal(signal.SIGTERM)
        assert run1.wait(timeout=30) == 0
    finally:
        run1.kill()
    state = _stored(db)
    assert state[f"{site.base}/news/a3.html"] == "stored"  # the article in hand was finished
    assert state[f"{site.base}/news/a4.html"] in ("pending", None)  # the rest waits for a restart
    log1 = (tmp_path / "run1.log").read_text()
    assert "SIGTERM" in log1 and "poll 1:" in log1
    for bad in ("/broken.xml", "/down.xml", "refused"):
        assert any(line.startswith("error: ") and bad in line for line in log1.splitlines()), bad

    # run 2: killed outright while fetching the page left over by run 1
    site.put("/news/a4.html", page(4), delay=3.0)
    _feed(site, [0, 1, 2, 3, 4, 5, 6, 7])
    feed_hits = len(site.requests("/feed.xml"))
    run2 = _start(site, db, tmp_path / "run2.log")
    try:
        _until(lambda: site.count("/news/a4.html") > 0, run2, tmp_path / "run2.log")
        run2.send_signal(signal.SIGKILL)
        run2.wait(timeout=10)
    finally:
        run2.kill()
    second_run = site.requests("/feed.xml")[feed_hits]
    assert second_run.headers.get("If-None-Match")  # conditional from the state in the store
    assert _stored(db)[f"{site.base}/news/a4.html"] == "fetching"
    site.put("/news/a4.html", page(4))

    # run 3: once, to the end
    run3 = _start(site, db, tmp_path / "run3.log", "--once")
    assert run3.wait(timeout=WAIT) == 0, (tmp_path / "run3.log").read_text()
    log3 = (tmp_path / "run3.log").read_text()
    assert "poll 1:" in log3

    expected = [0, 1, 2, 3, 4, 5, 6, 7, 10, 11]
    with sqlite3.connect(db) as conn:
        urls = [r[0] for r in conn.execute("SELECT url FROM article_copies ORDER BY url")]
        assert sorted(urls) == sorted(f"{site.base}/news/a{n}.html" for n in expected)  # once each
        n_articles = conn.execute("SELECT count(*), min(n_sentences) FROM articles").fetchone()
        assert n_articles[0] == len(expected) and n_articles[1] > 0
        assert conn.execute("SELECT count(*) FROM event_mentions").fetchone()[0] >= len(expected)
        status = dict(conn.execute("SELECT url, status FROM seen_urls"))
        gone = conn.execute("SELECT attempts, error FROM seen_urls WHERE url LIKE '%gone.html'").fetchone()
        feeds = dict(conn.execute("SELECT url, consecutive_failures FROM feeds"))
    assert all(status[f"{site.base}/news/a{n}.html"] == "stored" for n in expected)
    assert status[f"{site.base}/news/gone.html"] == "failed" and gone[0] == 2 and "HTTP 404" in gone[1]
    assert feeds[site.base + "/down.xml"] >= 2 and feeds[site.base + "/feed.xml"] == 0
    # nothing stored was fetched again; only the page killed mid-fetch was fetched twice
    for n in expected:
        assert site.count(f"/news/a{n}.html") == (2 if n == 4 else 1), n
    # the last run found the feed and the sitemaps unchanged
    assert site.requests("/feed.xml")[-1].status == 304
    assert site.requests("/sitemap.xml")[-1].status == 304
    assert site.requests("/sm-news.xml.gz")[-1].status == 304


def test_durations():
    assert parse_duration("30s") == 30 and parse_duration("15m") == 900 and parse_duration("1h30m") == 5400
    assert parse_duration("2") == 2 and parse_duration("1.5h") == 5400
    for bad in ("", "soon", "0s", "5x"):
        with pytest.raises(ValueError):
            parse_duration(bad)
    line = PollSummary(feeds=2, new=3, stored=3, events=5, seconds=1.25).line(1)
    assert line.startswith("poll 1: 2 feeds polled") and "3 new items" in line and "1.2 s" in line


# --- the Watcher in process, on SQLite and PostgreSQL --------------------------------------------------
def _watcher(db_url: str, pipeline, urls: list[str], **settings) -> Watcher:
    api = Detente(db_url)
    api.pipeline = pipeline  # the session's model, loaded once
    lines: list[str] = []
    fetcher = Fetcher(FetchSettings(min_interval=0.0, timeout=3.0, retries=0))
    watcher = Watcher(api, urls, fetcher, WatchSettings(**settings), report=lines.append)
    watcher.lines = lines  # type: ignore[attr-defined]
    return watcher


def test_watcher_polls_in_batches_and_respects_robots(site, db_url, pipeline):
    items = [(f"/news/a{n}.html", story(n)[0], _when(n)) for n in (0, 1)]
    items += [("/private/a9.html", "private", _when(9)), ("/news/a2.html", story(2)[0], _when(2))]
    site.put("/feed.xml", rss(site.base, items), content_type="application/rss+xml")
    w = _watcher(db_url, pipeline, [site.base + "/feed.xml"], max_items=2)
    first = w.poll()
    assert (first.feeds, first.new, first.stored, first.pending) == (1, 4, 2, 2)
    second = w.poll()
    assert (second.not_modified, second.new, second.stored, second.errors, second.pending) == (1, 0, 1, 1, 0)
    assert w.state.counts() == {"stored": 3, "blocked": 1}
    assert site.count("/private/a9.html") == 0
    assert any("robots.txt" in line and "/private/a9.html" in line for line in w.lines)
    art = w.api.store.article(_article_id(w, site.base + "/news/a2.html"))
    assert art["url"] == site.base + "/news/a2.html" and art["publisher"] == "Test Wire"


def _article_id(w: Watcher, url: str) -> str:
    from sqlalchemy import select

    from detente.store import schema

    with w.api.store.engine.connect() as conn:
        s = schema.seen_urls
        return conn.execute(select(s.c.article_id).where(s.c.url == url)).scalar_one()


def test_a_failing_feed_is_polled_less_and_less_often_until_it_recovers(site, db_url, pipeline):
    down = site.base + "/down.xml"
    w = _watcher(db_url, pipeline, [down], every=0.4)
    assert backoff(1, 0.4, 60) == pytest.approx(0.2) and backoff(3, 0.4, 60) == pytest.approx(1.4)
    assert backoff(40, 900, 86400) == 86400 - 450
    assert w.poll().errors == 1  # failure 1: tried again at the next poll
    skipped = w.poll()  # at once: not yet
    assert (skipped.feeds, skipped.backing_off, skipped.errors) == (0, 1, 0)
    assert "1 failing ones waiting" in skipped.line(2)
    time.sleep(0.3)
    assert w.poll().errors == 1  # failure 2: then every other poll
    time.sleep(0.3)
    assert w.poll().backing_off == 1
    time.sleep(0.4)
    assert w.poll().errors == 1  # failure 3
    assert len(site.requests("/down.xml")) == 3
    site.put("/down.xml", rss(site.base, [("/news/a0.html", story(0)[0], _when(0))]), content_type="text/xml")
    time.sleep(1.5)
    back = w.poll()
    assert (back.feeds, back.errors, back.stored) == (1, 0, 1)
    assert w.state.feed(down).consecutive_failures == 0


def test_recover_settles_an_article_stored_before_a_crash(site, db_url, pipeline):
    from sqlalchemy import update

    from detente.store import schema

    _feed(site, [0, 1])
    w = _watcher(db_url, pipeline, [site.base + "/feed.xml"])
    assert w.poll().stored == 2
    with w.api.store.engine.begin() as conn:  # as if killed after the commit, before the mark
        s = schema.seen_urls
        conn.execute(update(s).where(s.c.url == site.base + "/news/a1.html").values(status="fetching"))
    again = _watcher(db_url, pipeline, [site.base + "/feed.xml"])
    assert any("1 articles stored just before" in line for line in again.lines)
    summary = again.poll()
    assert summary.stored == 0 and summary.copies == 0 and summary.not_modified == 1
    assert site.count("/news/a1.html") == 1

    # a page whose fetch was cut short as often as retries allow is given up on, not tried for ever
    _feed(site, [0, 1, 2])
    again.settings = WatchSettings(max_items=1, max_attempts=2)
    gone_fetches = site.count("/news/gone.html")
    with again.api.store.engine.begin() as conn:
        conn.execute(update(s).values(status="fetching", attempts=2).where(s.c.url.like("%gone.html")))
    summary = again.poll()
    assert summary.stored == 1 and summary.errors == 1
    assert any("interrupted 2 times" in line for line in again.lines)
    assert again.state.counts() == {"stored": 3, "failed": 1}
    assert site.count("/news/gone.html") == gone_fetches  # not fetched again


def test_feed_content_is_coded_without_fetching_pages(site, db_url, pipeline):
    items = [(f"/news/a{n}.html", story(n)[0], _when(n)) for n in (0, 1)]
    site.put("/atom.xml", atom(site.base, items, content=True), content_type="application/atom+xml")
    w = _watcher(db_url, pipeline, [site.base + "/atom.xml"], feed_content=True)
    assert w.poll().stored == 2
    assert site.count("/news/a0.html") == 0 and site.count("/news/a1.html") == 0
    art = w.api.store.article(_article_id(w, site.base + "/news/a1.html"))
    assert art["title"] == story(1)[0] and art["date"] == _when(1).date() and art["publisher"] == "Atom Wire"


def test_a_url_robots_refused_is_asked_about_again_a_day_later(site, db_url, pipeline):
    from sqlalchemy import update

    from detente.store import schema

    items = [("/private/a9.html", story(9)[0], _when(9))]
    site.put("/feed.xml", rss(site.base, items), content_type="application/rss+xml")
    site.put("/private/a9.html", page(9))
    w = _watcher(db_url, pipeline, [site.base + "/feed.xml"])
    w.poll()
    assert w.state.counts() == {"blocked": 1}
    assert w.poll().stored == 0 and site.count("/private/a9.html") == 0  # not asked again at once
    # the site lifts the rule; a day later the URL is asked about again (a new run's fetcher
    # reads robots.txt afresh, as a running one does once its day-old copy expires)
    site.put("/robots.txt", b"User-agent: *\nAllow: /\n", content_type="text/plain")
    with w.api.store.engine.begin() as conn:
        s = schema.seen_urls
        conn.execute(update(s).values(done_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=2)))
    again = _watcher(db_url, pipeline, [site.base + "/feed.xml"])
    assert again.poll().stored == 1
    assert again.state.counts() == {"stored": 1}
