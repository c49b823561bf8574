"""Scaling: a bare spaCy parse, Detente on 1 process, `--workers 2` and a 2-worker Dask cluster.

    .venv/bin/python bench/bench_scale.py [CORPUS.jsonl] [--limit N] [--repeat R] [--pg ADMIN_URL]

CORPUS defaults to ../shared/corpus/guardian_sdf_sample.jsonl (any JSONL with "text" works; it
is read in place, and the subset goes to a temporary file for the child processes). Every run
is a whole child process, so that its peak memory is its own: the peak of the summed RSS of the
process and all its children (workers included), sampled every 0.1 s, and its CPU time with
its reaped children (os.wait4).

The runs, R times each (--modes picks some):
  bare     `nlp.pipe` over the articles' paragraphs with the full model as shipped (batch 64)
  code     `Detente.code_articles` on one process, nothing stored (what bench/bench_code.py times)
  one      `Detente.ingest` on one process into a fresh PostgreSQL database
  workers  the same with `Options(workers=2)` (detente.parallel)
  dask     `detente.distributed.ingest_dask` on a 2-worker LocalCluster (1 thread each)

The other Detente runs code and store. Start-up (model and knowledge loading, starting the worker
processes or the cluster) is not throughput: each run records when every article is stored,
and the rate is taken over the articles after the first batch of every worker
(steady = (N - n0) / (t_N - t_n0)). The bare parse and the one-process run load before the
clock starts. CPU per article is the child's CPU time minus the start-up CPU of its model
loads (measured by a load-only child), divided by the articles: on a machine shared with
other work, CPU time is the figure that wall time distorts least. The load average is printed
before and after.

PostgreSQL: --pg takes an admin URL whose user may create databases; without it a throwaway
server is started with the PostgreSQL binaries (as the tests do).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "corpus" / "guardian_sdf_sample.jsonl"
MODES = ("bare", "code", "one", "workers", "dask")
CORES = {"bare": 1, "code": 1, "one": 1, "workers": 2, "dask": 2, "load": 1}
MODEL_LOADS = {"bare": 0, "code": 0, "one": 0, "workers": 2, "dask": 2}  # loads inside the measured CPU time


# --- child side -------------------------------------------------------------------------------------
def child(mode: str, corpus: Path, db: str | None, batch: int, out: Path) -> None:
    from detente.api import Detente, read_inputs
    from detente.pipeline import Options
    from detente.records import Article

    articles = [a for a in read_inputs([corpus]) if isinstance(a, Article)]
    stamps: list[float] = []
    result: dict[str, Any] = {"articles": len(articles)}

    def tick(what: str, _events: int) -> None:
        if what == "stored":
            stamps.append(time.perf_counter())

    cpu0 = time.process_time()
    if mode in ("bare", "load"):
        from detente import nlp as nlp_mod

        # the bare parse: the model as its package ships it (Detente's own copy multiplies
        # its matrices with NumPy's BLAS, `detente.nlp.use_numpy_blas`)
        nlp = nlp_mod.load() if mode == "load" else nlp_mod.load_stock()
        if mode == "load":
            api = Detente(":memory:")
            p = api.pipeline
            _ = p.nlp, p.kb, p.lexicon, p.matcher, p.gazetteer.resolve("Kazan"), p.event_filter, p.hybrid
            result["load_cpu"] = time.process_time() - cpu0
        else:
            paragraphs = [text for a in articles for _, text in a.paragraphs()]
            result["ready_cpu"] = time.process_time() - cpu0
            t0 = time.perf_counter()
            for _doc in nlp.pipe(paragraphs, batch_size=64):
                pass
            result["work_s"] = time.perf_counter() - t0
            result["steady_s"], result["steady_n"] = result["work_s"], len(articles)
    elif mode == "code":  # coding only, nothing stored (what bench_code.py times)
        api = Detente(":memory:", Options(batch_size=batch))
        p = api.pipeline
        _ = p.nlp, p.kb, p.lexicon, p.matcher, p.gazetteer.resolve("Kazan"), p.event_filter, p.hybrid
        result["ready_cpu"] = time.process_time() - cpu0
        t0 = time.perf_counter()
        result["events"] = sum(len(c.events) for c in api.code_articles(articles))
        result["work_s"] = result["steady_s"] = time.perf_counter() - t0
        result["steady_n"] = len(articles)
    else:
        options = Options(batch_size=batch, workers=2 if mode == "workers" else 1)
        t0 = time.perf_counter()
        result["ready_cpu"] = time.process_time() - cpu0
        if mode == "dask":
            from detente.distributed import ingest_dask

            summary = ingest_dask(
                read_inputs([corpus]), scheduler="local", db=db, options=options, workers=2, progress=tick
            )
            result["events"], result["failed"] = summary.events, summary.failed
        else:
            api = Detente(db, options)
            if mode == "one":  # loaded before the clock starts, as for the bare parse
                p = api.pipeline
                _ = p.nlp, p.kb, p.lexicon, p.matcher, p.gazetteer.resolve("Kazan"), p.event_filter, p.hybrid
                t0 = time.perf_counter()
            result["ready_cpu"] = time.process_time() - cpu0
            summary = api.ingest([corpus], progress=tick)
            result["events"], result["failed"] = summary.events, summary.failed
        result["work_s"] = time.perf_counter() - t0
        n0 = min(batch * CORES[mode], len(stamps) - 1) if mode != "one" else 0
        start = stamps[n0 - 1] if n0 > 0 else t0
        result["steady_n"] = len(stamps) - n0
        result["steady_s"] = stamps[-1] - start if stamps else float("nan")
        result["stored"] = len(stamps)
    out.write_text(json.dumps(result))


# --- parent side ------------------------------------------------------------------------------------
def tree_rss(pid: int) -> int:
    try:
        proc = psutil.Process(pid)
        procs = [proc, *proc.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    total = 0
    for p in procs:
        with contextlib.suppress(psutil.Error):
            total += p.memory_info().rss
    return total


def run_child(mode: str, corpus: Path, db: str | None, batch: int) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as fh:
        out = Path(fh.name)
    cmd = [sys.executable, __file__, "--child", mode, str(corpus), "--out", str(out), "--batch", str(batch)]
    if db:
        cmd += ["--db", db]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss(proc.pid))
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stderr = proc.stderr.read() if proc.stderr else ""
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    done.set()
    sampler.join()
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"{mode} run failed (exit {proc.returncode}):\n{stderr[-3000:]}")
    result = json.loads(out.read_text())
    out.unlink()
    result.update(wall_s=wall, cpu_s=usage.ru_utime + usage.ru_stime, peak_mb=peak / 2**20)
    return result


def new_database(admin: str) -> str:
    import psycopg

    name = f"detente_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return admin.rsplit("/", 1)[0] + f"/{name}"


def drop_database(admin: str, url: str) -> None:
    import psycopg

    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", default=str(DEFAULT))
    ap.add_argument("--limit", type=int, default=None, help="use the first N articles")
    ap.add_argument("--repeat", type=int, default=1, help="runs of each mode; medians are printed")
    ap.add_argument("--batch", type=int, default=32, help="Detente's batch size (articles)")
    ap.add_argument("--pg", default=os.environ.get("DETENTE_BENCH_PG"), help="PostgreSQL admin URL")
    ap.add_argument("--modes", default=",".join(MODES), help="which runs, comma-separated")
    ap.add_argument("--child", choices=[*MODES, "load"], help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    ap.add_argument("--db", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, Path(args.corpus), args.db, args.batch, Path(args.out))
        return 0

    path = Path(args.corpus)
    if not path.exists():
        print(f"corpus not found: {path} (give a JSONL file with a 'text' field)", file=sys.stderr)
        return 2
    modes = [m for m in args.modes.split(",") if m]
    from detente.api import read_inputs
    from detente.records import Article

    articles = [a for a in read_inputs([path]) if isinstance(a, Article)][: args.limit]  # one per line
    words = sum(len(a.text.split()) for a in articles)
    server = None
    admin = args.pg
    if admin is None and any(m != "bare" for m in modes):
        sys.path.insert(0, str(ROOT / "tests"))
        from conftest_pg import LocalServer, pg_bindir

        bindir = pg_bindir()
        if bindir is None:
            print("no PostgreSQL: give --pg ADMIN_URL or install the postgresql binaries", file=sys.stderr)
            return 2
        server = LocalServer(bindir)
        admin = server.start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            subset = Path(tmp) / "subset.jsonl"
            lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
            subset.write_text("".join(line + "\n" for line in lines[: args.limit]), encoding="utf-8")
            print(
                f"corpus: {path.name}: {len(articles)} articles, {words} words; cores {os.cpu_count()}; "
                f"load average {load_average()}"
            )
            # at least 4 batches per worker, so that the steady window is most of the run
            batch = min(args.batch, max(2, len(articles) // 8))
            load = run_child("load", subset, None, batch)
            print(
                f"start-up of one pipeline: {load['load_cpu']:.1f}s CPU, {load['wall_s']:.1f}s whole "
                f"process, peak RSS {load['peak_mb']:.0f} MB; Detente batch size {batch}"
            )
            runs: dict[str, list[dict[str, Any]]] = {m: [] for m in modes}
            for r in range(args.repeat):
                for mode in modes:
                    db = new_database(admin) if mode != "bare" and admin else None
                    try:
                        res = run_child(mode, subset, db, batch)
                    finally:
                        if db and admin:
                            drop_database(admin, db)
                    runs[mode].append(res)
                    print(
                        f"round {r + 1} {mode:>7}: steady {res['steady_s']:.1f}s "
                        f"for {res['steady_n']} articles, "
                        f"whole process {res['wall_s']:.1f}s, CPU {res['cpu_s']:.1f}s, "
                        f"peak RSS {res['peak_mb']:.0f} MB, events {res.get('events', '-')}, "
                        f"load average {load_average()}"
                    )
            report(runs, len(articles), words, load["load_cpu"])
    finally:
        if server is not None:
            server.stop()
    return 0


def report(runs: dict[str, list[dict[str, Any]]], n: int, words: int, load_cpu: float) -> None:
    print(f"\nmedians over {max(len(v) for v in runs.values())} round(s); load average {load_average()}")
    print(
        f"{'run':>8} {'art/s':>7} {'words/s':>8} {'art/s/core':>10} {'words/s/core':>12} "
        f"{'ratio':>6} {'CPU ms/art':>10} {'peak RSS':>9}"
    )
    rates: dict[str, float] = {}
    bare_time = None
    if runs.get("bare"):
        bare_time = statistics.median(r["steady_s"] / r["steady_n"] for r in runs["bare"])
    for mode, results in runs.items():
        if not results:
            continue
        per_article = statistics.median(r["steady_s"] / r["steady_n"] for r in results)
        rate = 1 / per_article
        rates[mode] = rate
        cores = CORES[mode]
        # the run's CPU after its own start-up, less the model loads of its worker processes
        cpu = statistics.median(
            (r["cpu_s"] - r["ready_cpu"] - MODEL_LOADS[mode] * load_cpu) / n for r in results
        )
        peak = statistics.median(r["peak_mb"] for r in results)
        # ratio: Detente's time for the corpus on all its cores against the bare parse on one core
        ratio = f"{per_article * cores / bare_time:.2f}" if bare_time else "-"
        print(
            f"{mode:>8} {rate:7.1f} {rate * words / n:8,.0f} {rate / cores:10.1f} "
            f"{rate * words / n / cores:12,.0f} {ratio:>6} {cpu * 1000:10.0f} {peak:7.0f} MB"
        )
    if "one" in rates:
        for mode in ("workers", "dask"):
            if mode in rates:
                print(f"speed-up 1 -> 2 processes ({mode}): {rates[mode] / rates['one']:.2f}x")
    print(
        "ratio = core-seconds per article of the run / those of the bare parse (the issue's target: <= 0.5); "
        "CPU ms/art excludes model loading"
    )


if __name__ == "__main__":
    sys.exit(main())
