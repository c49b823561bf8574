"""The web API under load: requests/s and latency percentiles of the read endpoints.

    .venv/bin/python bench/bench_web.py [--db PATH|URL] [--events 1000000] [--workdir DIR]
                                        [--clients 8] [--seconds 20] [--countries 40] [--workers 1]
                                        [--no-cache]

1. Unless the store already holds --events events, writes bench_store.py's synthetic GDELT file
   (205 countries with Zipf weights, five years, seeded) and loads it with `detente import
   gdelt` (bench_analysis.ensure_events).
2. Starts `detente serve` on 127.0.0.1 in a subprocess (--workers uvicorn processes, 1 by
   default) and waits for it.
3. For each endpoint, --clients threads (one keep-alive httpx client each) send requests for
   --seconds, each request drawn at random from that endpoint's mix of questions (below), and
   the script prints requests/s, p50/p95/p99/max latency, and the same for the requests that
   asked a question for the first time in the run (a cold answer: nothing cached for it yet).

Mixes (the countries are the store's --countries most active, 40 by default, from /api/map; fewer
countries repeat questions more, as visitors of one dashboard do):
- dyad: /api/dyads/A/B?by=month, A and B drawn from them (40: 1,560 directed dyads), some undirected
  and weekly;
- events: /api/events with no filter (random page in the first 20), a dyad (either way), an
  actor (either side: a quarter of the store for the largest) or a month, random page;
- network: /api/network for the default year and each calendar year;
- map: /api/map for the default year and each calendar year, volume or balance.

The machine may be shared: the script prints the CPU count and the load average before and
after each endpoint, and the server's own CPU time per request (what a request costs, apart
from waiting for a CPU). `--no-cache` starts the server with the answer cache off (every request
computed; see src/detente/web/cache.py).
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_analysis import ensure_events

YEARS = range(2019, 2024)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: str, port: int, cache: bool, workers: int) -> subprocess.Popen[bytes]:
    cmd = [
        sys.executable,
        "-m",
        "detente.cli",
        "serve",
        "--db",
        db,
        "--port",
        str(port),
        "--workers",
        str(workers),
    ]
    cmd += ["--log-level", "warning", "--no-warm", "--cache-entries", "256" if cache else "0"]
    proc = subprocess.Popen(cmd)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2).status_code == 200:
                return proc
        except httpx.TransportError:
            time.sleep(0.2)
        if proc.poll() is not None:
            raise SystemExit("detente serve exited")
    proc.terminate()
    raise SystemExit("detente serve did not answer within 120 s")


def mixes(base: str, countries: int) -> dict[str, Callable[[random.Random], str]]:
    top = [
        r["country"]
        for r in httpx.get(f"{base}/api/map", params={"since": "2019", "until": "2023"}, timeout=600).json()[
            "items"
        ][:countries]
    ]

    def dyad(rng: random.Random) -> str:
        a, b = rng.sample(top, 2)
        if rng.random() < 0.2:
            return f"/api/dyads/{a}/{b}?by=month&directed=false"
        return f"/api/dyads/{a}/{b}?by={'week' if rng.random() < 0.2 else 'month'}"

    def events(rng: random.Random) -> str:
        kind = rng.random()
        page = rng.randrange(20)
        if kind < 0.25:
            return f"/api/events?offset={page * 50}"
        if kind < 0.5:
            a, b = rng.sample(top, 2)
            return f"/api/events?dyad={a},{b}&directed=false&offset={page * 50}"
        if kind < 0.75:
            return f"/api/events?actor={rng.choice(top)}&offset={page * 50}"
        y, m = rng.choice(YEARS), rng.randrange(1, 13)
        return f"/api/events?since={y}-{m:02d}&until={y}-{m:02d}&offset={page * 50}"

    def network(rng: random.Random) -> str:
        y = rng.choice([None, *YEARS])
        return "/api/network" if y is None else f"/api/network?since={y}&until={y}"

    def world(rng: random.Random) -> str:
        y = rng.choice([None, *YEARS])
        metric = rng.choice(["volume", "balance"])
        return f"/api/map?metric={metric}" + ("" if y is None else f"&since={y}&until={y}")

    return {"dyad": dyad, "events": events, "network": network, "map": world}


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and its children so far (Linux /proc; the worker
    processes of --workers are its children), to tell the server's own cost per request from
    the time it waited for a CPU on a shared machine."""
    total = 0.0
    for p in [pid, *_children(pid)]:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def _children(pid: int) -> list[int]:
    try:
        found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    return [int(c) for c in found] + [g for c in found for g in _children(int(c))]


def drive(base: str, pick: Callable[[random.Random], str], clients: int, seconds: float, pid: int) -> None:
    samples: list[tuple[float, bool]] = []
    errors: list[str] = []
    seen: set[str] = set()
    lock = threading.Lock()
    end = time.monotonic() + seconds

    def client(n: int) -> None:
        rng = random.Random(n)
        with httpx.Client(base_url=base, timeout=60, trust_env=False) as http:
            while time.monotonic() < end:
                path = pick(rng)
                with lock:
                    first = path not in seen
                    seen.add(path)
                t0 = time.perf_counter()
                try:
                    got = http.get(path)
                    ok = got.status_code == 200
                except httpx.HTTPError as exc:
                    ok, got = False, exc
                took = time.perf_counter() - t0
                with lock:
                    samples.append((took, first))
                    if not ok:
                        errors.append(f"{path}: {getattr(got, 'status_code', got)}")

    t0, cpu0 = time.perf_counter(), cpu_seconds(pid)
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall, cpu = time.perf_counter() - t0, cpu_seconds(pid) - cpu0
    all_ms = sorted(s * 1000 for s, _ in samples)
    cold_ms = sorted(s * 1000 for s, first in samples if first)
    print(f"  {len(samples)} requests in {wall:.1f}s: {len(samples) / wall:.1f} req/s, {len(errors)} errors")
    print(
        f"  server CPU {cpu:.1f}s ({cpu / wall:.2f} CPUs busy), {cpu / max(1, len(samples)) * 1000:.1f} ms "
        "of CPU per request"
    )
    print(f"  all   {_stats(all_ms)}")
    print(f"  cold  {_stats(cold_ms)}  ({len(cold_ms)} distinct questions)")
    for e in errors[:5]:
        print(f"  error {e}")


def _stats(ms: list[float]) -> str:
    if not ms:
        return "-"

    def pct(p: float) -> float:
        return ms[min(len(ms) - 1, int(p / 100 * len(ms)))]

    return (
        f"p50 {pct(50):7.1f} ms  p95 {pct(95):7.1f} ms  p99 {pct(99):7.1f} ms  max {ms[-1]:7.1f} ms  "
        f"mean {statistics.fmean(ms):6.1f} ms"
    )


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f}"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", help="store (default: WORKDIR/bench.db)")
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--workdir", default="bench-work")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--endpoints", default="dyad,events,network,map")
    parser.add_argument(
        "--countries", type=int, default=40, help="draw dyads and actors from this many top countries"
    )
    parser.add_argument("--no-cache", action="store_true", help="serve with the answer cache off")
    parser.add_argument("--workers", type=int, default=1, help="server processes (detente serve --workers)")
    args = parser.parse_args()
    work = Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    db = args.db or str(work / "bench.db")
    ensure_events(db, args.events, work).close()
    port = args.port or _free_port()
    print(f"{os.cpu_count()} CPUs; {_load()}; {args.clients} clients, {args.seconds:.0f}s per endpoint")
    server = start_server(db, port, cache=not args.no_cache, workers=args.workers)
    base = f"http://127.0.0.1:{port}"
    try:
        picks = mixes(base, args.countries)
        for name in args.endpoints.split(","):
            print(f"{name}: ({_load()})")
            drive(base, picks[name], args.clients, args.seconds, server.pid)
        print(_load())
    finally:
        server.terminate()
        server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
