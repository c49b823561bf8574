"""The event store at scale: GDELT imports and the analysis queries, on SQLite or PostgreSQL.

    .venv/bin/python bench/bench_store.py [--db PATH|URL] [--events 5000000] [--import-rows 1000000]
                                          [--workdir DIR] [--skip-load]

1. Writes a synthetic GDELT 2.0 event file of --events rows (205 countries with Zipf weights,
   sectors, CAMEO codes, five years of dates, places, counts; seeded, so runs compare) and loads
   it with `detente import gdelt` (unless --skip-load and the store already has it).
2. Writes a second file of --import-rows new rows and times `detente import gdelt` on it in a
   child process, printing wall time, rows/s and the child's peak RSS (bounded memory: the
   peak must not grow with the file; compare a run with a smaller --import-rows).
3. Times the three query shapes the schema's indexes serve (docs/store.md), three runs each:
   a dyad's daily series, an actor profile (by CAMEO root and by counterpart, as source and
   as target), and one-year networks of country pairs (two calendar years, and a year from
   July to June).

--db defaults to WORKDIR/bench.db (SQLite); a postgresql:// URL benches PostgreSQL.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import and_, func, select

from detente.coding.tables import cameo_codes, read_table
from detente.store import Store, schema

START = dt.date(2019, 1, 1)
DAYS = 5 * 365


def _weights(n: int, s: float) -> list[float]:
    return [1 / (i + 1) ** s for i in range(n)]


def write_gdelt(path: Path, rows: int, first_id: int, seed: int) -> None:
    """A synthetic GDELT 2.0 file; ids first_id.. so two files never collide."""
    rng = random.Random(seed)
    countries = [r["code"] for r in read_table("detente.actors", "countries.tsv")]
    rng.shuffle(countries)
    cweights = _weights(len(countries), 1.1)
    sectors = ["", "", "GOV", "MIL", "COP", "REB", "OPP", "BUS", "MED", "CVL", "JUD", "LEG"]
    codes = list(cameo_codes().values())
    kweights = [8.0 if c.root <= "05" else 2.0 if c.root <= "09" else 1.0 for c in codes]
    country_seq = rng.choices(countries, cweights, k=4096)
    code_seq = rng.choices(codes, kweights, k=4096)
    with open(path, "w", encoding="utf-8") as out:
        for i in range(rows):
            day = START + dt.timedelta(days=rng.randrange(DAYS))
            a1 = country_seq[rng.randrange(4096)]
            a2 = country_seq[rng.randrange(4096)]
            s1, s2 = rng.choice(sectors), rng.choice(sectors)
            code = code_seq[rng.randrange(4096)]
            mentions = 1 + int(rng.expovariate(0.3))
            lat, lon = round(rng.uniform(-60, 70), 4), round(rng.uniform(-180, 180), 4)
            cols = [
                str(first_id + i),
                day.strftime("%Y%m%d"),
                day.strftime("%Y%m"),
                str(day.year),
                f"{day.year + (day.month * 30 + day.day) / 365:.4f}",
                a1 + s1, f"ACTOR {a1}", a1, "", "", "", "", s1, "", "",
                a2 + s2, f"ACTOR {a2}", a2, "", "", "", "", s2, "", "",
                str(rng.randrange(2)),
                code.code,
                code.code[:3],
                code.root,
                str(code.quad_gdelt),
                str(code.goldstein),
                str(mentions),
                str(max(1, mentions // 2)),
                str(mentions),
                f"{rng.uniform(-8, 4):.6f}",
                "0", "", "", "", "", "", "", "",
                "0", "", "", "", "", "", "", "",
                "4", f"Place {i % 997}, Country", "XX", "XX01", "", str(lat), str(lon), str(1000 + i % 997),
                day.strftime("%Y%m%d") + "120000",
                f"https://news{i % 500}.example/story/{first_id + i}",
            ]  # fmt: skip
            out.write("\t".join(cols) + "\n")


def timed_import(db: str, path: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS (MiB) of `detente import gdelt` in a child process.

    The machine may be shared: CPU time (user + system) of the importing process does not grow
    with other load the way wall time does (the database server's time is not in it)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "detente.cli", "import", "gdelt", str(path), "--db", db],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    stderr = proc.stderr.read().decode() if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"import failed:\n{stderr}")
    print("   ", stderr.strip().splitlines()[-1])
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def time_query(store: Store, name: str, query, repeat: int = 3) -> None:
    """Wall seconds of each run, and (SQLite, where the query runs in this process) CPU seconds."""
    times = []
    rows = 0
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        with store.engine.connect() as conn:
            rows = len(conn.execute(query).all())
        times.append((time.perf_counter() - t0, time.process_time() - c0))
    cpu = store.engine.dialect.name == "sqlite"
    runs = "  ".join(f"{w:6.3f}s" + (f" (cpu {c:.3f})" if cpu else "") for w, c in times)
    print(f"  {name:<44} {rows:>6} rows  {runs}")


def queries(store: Store) -> None:
    ev = schema.events
    with store.engine.connect() as conn:
        top = conn.execute(
            select(ev.c.source_country, func.count())
            .group_by(ev.c.source_country)
            .order_by(func.count().desc())
        ).all()
    big, second = top[0][0], top[1][0]
    mid = top[len(top) // 4][0]
    measures = (func.count(), func.sum(ev.c.num_mentions), func.avg(ev.c.goldstein))
    print(f"queries over {sum(n for _, n in top):,} events (largest actor {big}: {top[0][1]:,} as source)")
    for a, b in ((big, second), (mid, big)):
        q = (
            select(ev.c.event_date, ev.c.quad_class, *measures)
            .where(ev.c.source_country == a, ev.c.target_country == b)
            .group_by(ev.c.event_date, ev.c.quad_class)
        )
        time_query(store, f"dyad daily series {a}->{b}", q)
    for actor in (big, mid):
        for side, other in (("source", "target"), ("target", "source")):
            me, them = ev.c[f"{side}_country"], ev.c[f"{other}_country"]
            # partner x root first, in the index's order; then the few thousand rows by root
            inner = (
                select(them, ev.c.cameo_root, *measures[:2], func.sum(ev.c.goldstein).label("g"))
                .where(me == actor)
                .group_by(them, ev.c.cameo_root)
                .subquery()
            )
            n, m = inner.c[2], inner.c[3]
            q = select(
                inner.c.cameo_root, func.sum(n), func.sum(m), func.sum(inner.c.g) / func.sum(n)
            ).group_by(inner.c.cameo_root)
            time_query(store, f"actor profile {actor} as {side}: by CAMEO root", q)
            q = (
                select(them, *measures)
                .where(me == actor)
                .group_by(them)
                .order_by(func.count().desc())
                .limit(20)
            )
            time_query(store, f"actor profile {actor} as {side}: top partners", q)
    for year in (2020, 2023):
        q = (
            select(ev.c.source_country, ev.c.target_country, *measures)
            .where(ev.c.event_year == year)
            .group_by(ev.c.source_country, ev.c.target_country)
        )
        time_query(store, f"one-year network {year}", q)
    # A year that is not a calendar year: one streaming query per calendar year it touches,
    # then the partial networks added up (here in SQL over the two small results).
    start, end = dt.date(2021, 7, 1), dt.date(2022, 6, 30)
    parts = [
        select(ev.c.source_country, ev.c.target_country, *measures[:2], func.sum(ev.c.goldstein))
        .where(ev.c.event_year == y, and_(ev.c.event_date >= start, ev.c.event_date <= end))
        .group_by(ev.c.source_country, ev.c.target_country)
        for y in (start.year, end.year)
    ]
    both = parts[0].union_all(parts[1]).subquery()
    q = select(
        both.c.source_country, both.c.target_country, func.sum(both.c[2]), func.sum(both.c[3])
    ).group_by(both.c.source_country, both.c.target_country)
    time_query(store, "network 2021-07-01..2022-06-30", q)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", default=None)
    ap.add_argument("--events", type=int, default=5_000_000)
    ap.add_argument("--import-rows", type=int, default=1_000_000)
    ap.add_argument("--workdir", default="bench-store")
    ap.add_argument("--skip-load", action="store_true", help="the store already holds the base events")
    ap.add_argument(
        "--import-round",
        type=int,
        default=0,
        help="N > 0: import a new file of --import-rows rows (new ids), to time an import again on a "
        "store that already holds the base and earlier rounds (use with --skip-load)",
    )
    args = ap.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[attr-defined]  # progress, also in a log
    work = Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    db = args.db or str(work / "bench.db")
    base = work / f"base-{args.events}.tsv"
    extra = work / (
        f"extra-{args.import_rows}" + (f"-{args.import_round}" if args.import_round else "") + ".tsv"
    )
    first_extra = 10**9 * (1 + args.import_round)
    for path, rows, first, seed in (
        (base, args.events, 1, 1),
        (extra, args.import_rows, first_extra, 2 + args.import_round),
    ):
        if not path.exists():
            t0 = time.perf_counter()
            write_gdelt(path, rows, first, seed)
            size = path.stat().st_size / 2**20
            print(f"wrote {path} ({rows:,} rows, {size:,.0f} MiB) in {time.perf_counter() - t0:.0f}s")
    store = Store(db)
    print(f"store: {store.url.split('@')[-1]} ({store.engine.dialect.name})")
    if not args.skip_load:
        wall, cpu, rss = timed_import(db, base)
        rate = args.events / wall
        print(
            f"load {args.events:,} base rows: {wall:.1f}s ({rate:,.0f} rows/s), cpu {cpu:.1f}s, "
            f"peak RSS {rss:.0f} MiB"
        )
    with store.engine.connect() as conn:
        before = conn.execute(select(func.count()).select_from(schema.events)).scalar_one()
    wall, cpu, rss = timed_import(db, extra)
    print(
        f"IMPORT {args.import_rows:,} rows into a store of {before:,} events: {wall:.1f}s "
        f"({args.import_rows / wall:,.0f} rows/s), cpu {cpu:.1f}s, peak RSS {rss:.0f} MiB"
    )
    print(f"machine load average while it ran: {os.getloadavg()[0]:.2f} (1 min)")
    queries(store)
    return 0


if __name__ == "__main__":
    sys.exit(main())
