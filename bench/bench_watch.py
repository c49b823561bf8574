"""`detente watch` against a local news site that publishes while it runs, restarted midway.

    .venv/bin/python bench/bench_watch.py [--items 60] [--per-second 1] [--every 2s]
                                          [--feed-size 100] [--kill term|kill] [--fast]
                                          [--workdir DIR]

A local site (tests/feedsite.py, 127.0.0.1) publishes --items synthetic articles, --per-second
of them a second, each on its own page and at the top of an RSS feed that keeps the newest
--feed-size items. `detente watch --every ...` polls it into a fresh SQLite store; when half the
items are out, the watch is stopped (SIGKILL by default, or SIGTERM) and started again at once.
When every item is out and the watch has caught up (or 120 s later), and two more polls
have found the feed unchanged, it is stopped with SIGTERM.

Printed: items published, items stored, duplicates (URLs stored more than once, and articles
beyond one per item: must be 0), lost (published but never stored: must be 0), the delay from
publication to storage (mean, median, max), the requests the site received for the feed (and
how many were answered 304) and for the pages (one each when nothing is refetched).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

# the local news site of the tests (tests/feedsite.py) serves the bench too
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from detente.sources.watch import parse_duration
from feedsite import Site, page, rss, story


def start_watch(site: Site, db: Path, log: Path, every: str, fast: bool) -> subprocess.Popen:
    exe = Path(sys.executable).with_name("detente")
    cmd = [str(exe), "watch", site.base + "/feed.xml", "--db", str(db), "--every", every, "--rate", "20/s"]
    if fast:
        cmd += ["--fast"]
    return subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=log.open("a"), env={**os.environ, "PYTHONUNBUFFERED": "1"}
    )


def stored_count(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM seen_urls WHERE status = 'stored'").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--items", type=int, default=60)
    ap.add_argument("--per-second", type=float, default=1.0)
    ap.add_argument("--every", default="2s")
    ap.add_argument("--feed-size", type=int, default=100)
    ap.add_argument("--kill", choices=["kill", "term"], default="kill")
    ap.add_argument("--fast", action="store_true", help="watch with --fast (no NER, no classifier)")
    ap.add_argument("--workdir", type=Path, default=None)
    args = ap.parse_args()
    parse_duration(args.every)  # refuse a bad value before starting anything

    work = args.workdir or Path(tempfile.mkdtemp(prefix="detente-bench-watch-"))
    work.mkdir(parents=True, exist_ok=True)
    db, log = work / "watch.db", work / "watch.log"
    for p in (db, log):
        p.unlink(missing_ok=True)
    published: dict[str, float] = {}  # path -> wall time of publication
    items: list[tuple[str, str, dt.datetime]] = []

    with Site() as site:
        site.put("/robots.txt", b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
        site.put("/feed.xml", rss(site.base, []), content_type="application/rss+xml")
        half = threading.Event()
        done = threading.Event()

        def publish() -> None:
            for n in range(args.items):
                path = f"/news/a{n}.html"
                now = dt.datetime.now(dt.UTC)
                site.put(path, page(n))
                items.insert(0, (path, story(n)[0], now))
                site.put(
                    "/feed.xml", rss(site.base, items[: args.feed_size]), content_type="application/rss+xml"
                )
                published[path] = now.timestamp()
                if n + 1 == args.items // 2:
                    half.set()
                time.sleep(1.0 / args.per_second)
            done.set()

        t0 = time.monotonic()
        watch = start_watch(site, db, log, args.every, args.fast)
        publisher = threading.Thread(target=publish, daemon=True)
        publisher.start()
        half.wait()
        stored_before = stored_count(db)
        watch.send_signal(signal.SIGKILL if args.kill == "kill" else signal.SIGTERM)
        watch.wait(timeout=60)
        restart_at = time.monotonic() - t0
        watch = start_watch(site, db, log, args.every, args.fast)
        done.wait()
        deadline = time.monotonic() + 120
        while stored_count(db) < args.items and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(2 * parse_duration(args.every) + 0.5)  # two quiet polls: the feed answers 304
        watch.send_signal(signal.SIGTERM)
        code = watch.wait(timeout=60)
        elapsed = time.monotonic() - t0
        base = site.base
        feed_hits = site.requests("/feed.xml")
        page_hits = [h for h in site.hits if h.path.startswith("/news/")]

    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT url, status, done_at FROM seen_urls").fetchall()
        n_articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        copies = conn.execute("SELECT url, count(*) FROM article_copies GROUP BY url").fetchall()
        events = conn.execute("SELECT count(*) FROM event_mentions").fetchone()[0]
    stored = {url: done_at for url, status, done_at in rows if status == "stored"}
    lost = [path for path in published if base + path not in stored]
    duplicates = sum(c - 1 for _, c in copies if c > 1) + max(0, n_articles - len(published))
    delays = [
        dt.datetime.fromisoformat(stored[base + path]).replace(tzinfo=dt.UTC).timestamp() - when
        for path, when in published.items()
        if base + path in stored
    ]
    refetched = len(page_hits) - len({h.path for h in page_hits})

    print(
        f"watch every {args.every}, {args.per_second:g} items/s published, "
        f"restart ({args.kill}) at {restart_at:.1f} s"
    )
    print(f"items published        {len(published)}")
    print(f"items stored           {len(stored)}  ({n_articles} articles, {events} event mentions)")
    print(f"stored before restart  {stored_before}")
    print(f"duplicates             {duplicates}")
    print(f"lost                   {len(lost)}")
    if delays:
        print(
            f"delay publish->stored  mean {statistics.mean(delays):.1f} s, "
            f"median {statistics.median(delays):.1f} s, max {max(delays):.1f} s"
        )
    first_polls = re.findall(r"^poll 1: .*, ([0-9.]+) s$", log.read_text(), re.MULTILINE)
    print(f"first polls            {', '.join(f'{x} s' for x in first_polls)} (each loads the model)")
    print(f"load average           {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")
    print(f"feed requests          {len(feed_hits)} ({sum(h.status == 304 for h in feed_hits)} answered 304)")
    print(f"page requests          {len(page_hits)} ({refetched} for pages fetched before)")
    print(f"wall time              {elapsed:.1f} s; last watch exit status {code}; log {log}")
    if lost or duplicates:
        sys.exit(1)


if __name__ == "__main__":
    main()
