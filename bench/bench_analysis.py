"""The analyses at scale: dyad series, actor profile, one-year network, changes, search.

    .venv/bin/python bench/bench_analysis.py [--db PATH|URL] [--events 5000000] [--workdir DIR]
                                             [--runs 5] [--pg URL]

1. Unless the store already holds --events events, writes bench_store.py's synthetic GDELT file
   (205 countries with Zipf weights, five years, seeded) and loads it with `detente import
   gdelt` in a child process: the store's bulk import (driver executemany on SQLite, COPY on
   PostgreSQL), the fastest route it offers.
2. Times each analysis of `detente.analysis` --runs times in this process and prints the first
   run, the median wall time and the median CPU time of this process (the machine may be shared:
   CPU time is what the analysis itself cost), and the peak RSS at the end.

The subjects are the largest source country of the file (about a quarter of all events: the
worst case), a middle-sized one, and their main partners. --db defaults to WORKDIR/bench.db
(SQLite); --pg URL (or DETENTE_PG_URL) runs the same on PostgreSQL afterwards, building
its store there first when needed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_store import write_gdelt
from detente.analysis import (
    actor_profile,
    dyad_series,
    network_edges,
    relations_network,
    search_events,
    what_changed,
)
from detente.store import Store, schema


def ensure_events(db: str, events: int, work: Path) -> Store:
    """The store, loaded with the synthetic file when it holds fewer events than asked."""
    store = Store(db)
    with store.engine.connect() as conn:
        have = conn.execute(select(func.max(schema.events.c.id))).scalar() or 0
    if have >= events:
        print(f"store {_where(store)} already holds about {have:,} events")
        return store
    path = work / f"base-{events}.tsv"
    if not path.exists():
        t0 = time.perf_counter()
        write_gdelt(path, events, 1, 1)
        print(f"wrote {path} ({events:,} rows) in {time.perf_counter() - t0:.0f}s")
    t0 = time.perf_counter()
    cmd = [sys.executable, "-m", "detente.cli", "import", "gdelt", str(path), "--db", db]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    print(f"loaded {events:,} events into {_where(store)} in {time.perf_counter() - t0:.0f}s")
    if store.engine.dialect.name == "postgresql":
        # what autovacuum does soon after a bulk load; until then index-only scans visit the heap
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE events")
        print("VACUUM ANALYZE events")
    return store


def _where(store: Store) -> str:
    return f"{store.url.split('@')[-1]} ({store.engine.dialect.name})"


def timed(name: str, f: Callable[[], Any], runs: int, size: Callable[[Any], str]) -> None:
    """First run, median wall and median CPU seconds of `runs` calls."""
    walls, cpus = [], []
    result = None
    for _ in range(runs):
        w0, c0 = time.perf_counter(), time.process_time()
        result = f()
        walls.append(time.perf_counter() - w0)
        cpus.append(time.process_time() - c0)
    print(
        f"  {name:<52} first {walls[0]:6.3f}s  median {statistics.median(walls):6.3f}s  "
        f"cpu {statistics.median(cpus):6.3f}s  {size(result)}"
    )


def subjects(store: Store) -> dict[str, Any]:
    """The largest and a middle-sized source country, their top targets, the latest day."""
    ev = schema.events
    with store.engine.connect() as conn:
        last = conn.execute(select(func.max(ev.c.event_date))).scalar()
        year = conn.execute(
            select(ev.c.source_country, func.count())
            .where(ev.c.event_year == (last.year if isinstance(last, dt.date) else int(str(last)[:4])) - 1)
            .group_by(ev.c.source_country)
            .order_by(func.count().desc())
        ).all()
    if isinstance(last, str):
        last = dt.date.fromisoformat(last)
    big, mid = year[0][0], year[min(10, len(year) - 1)][0]
    return {"big": big, "second": year[1][0], "mid": mid, "last": last, "year": last.year - 1}


def bench(store: Store, runs: int) -> None:
    s = subjects(store)
    big, second, mid, last, year = s["big"], s["second"], s["mid"], s["last"], s["year"]
    print(f"subjects: largest {big}, second {second}, middle {mid}; latest event {last}")
    rows = lambda df: f"{len(df):>6} rows"  # noqa: E731
    timed(f"dyad monthly series {big}->{second}", lambda: dyad_series(store, big, second), runs, rows)
    timed(
        f"dyad monthly series {big}<->{second} undirected",
        lambda: dyad_series(store, big, second, directed=False),
        runs,
        rows,
    )
    timed(f"dyad weekly series {mid}->{big}", lambda: dyad_series(store, mid, big, by="week"), runs, rows)
    timed(
        f"dyad monthly series {big}->{second}, no normalisation",
        lambda: dyad_series(store, big, second, normalise="none"),
        runs,
        rows,
    )
    parts = lambda p: f"{len(p.partners_out):>6} partners, {len(p.trend)} periods"  # noqa: E731
    for who in (mid, big):
        timed(
            f"actor profile {who} (default: the year to the latest event)",
            lambda w=who: actor_profile(store, w),
            runs,
            parts,
        )
    for who in (mid, big):
        timed(
            f"actor profile {who}, all time",
            lambda w=who: actor_profile(store, w, since=dt.date.min),
            runs,
            parts,
        )
    cal = (dt.date(year, 1, 1), dt.date(year, 12, 31))
    graph = lambda g: f"{g.number_of_edges():>6} edges, {g.number_of_nodes()} nodes"  # noqa: E731
    timed(f"network edges {year}", lambda: network_edges(store, *cal), runs, rows)
    timed(f"network {year} with positions and blocs", lambda: relations_network(store, *cal), runs, graph)
    jul = (dt.date(year - 1, 7, 1), dt.date(year, 6, 30))
    timed(f"network {jul[0]}..{jul[1]} with blocs", lambda: relations_network(store, *jul), runs, graph)
    timed("changes, month", lambda: what_changed(store, period="month"), runs, rows)
    timed(
        f"search dyad {big}->{second}, page 3 of 50, with total",
        lambda: search_events(store, dyad=(big, second), limit=50, offset=100),
        runs,
        lambda r: f"{len(r.events):>6} rows of {r.total:,}",
    )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak RSS of this process: {rss:.0f} MiB")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", default=None, help="SQLite file or URL (default: WORKDIR/bench.db)")
    ap.add_argument("--events", type=int, default=5_000_000)
    ap.add_argument("--workdir", default="bench-analysis")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--pg", default=os.environ.get("DETENTE_PG_URL"), help="also bench this PostgreSQL URL")
    args = ap.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[attr-defined]
    work = Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    for db in [args.db or str(work / "bench.db"), *([args.pg] if args.pg else [])]:
        store = ensure_events(db, args.events, work)
        print(f"analyses on {_where(store)}, {args.runs} runs each")
        bench(store, args.runs)
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
