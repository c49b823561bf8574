"""Throughput of the coder next to a bare spaCy parse of the same texts, in the same run.

    .venv/bin/python bench/bench_code.py [CORPUS.jsonl] [--limit N] [--repeat R] [--profiles P,...]
                                         [--full] [--memory] [--cli]

CORPUS defaults to ../shared/corpus/guardian_sdf_sample.jsonl (any JSONL with "text" works).
Each of R rounds times (a) `nlp.pipe` over the articles' paragraphs with the full pipeline as
the model package ships it (the bare parse the ratio is taken against), (a') the same with the
matrix products on NumPy's BLAS as Detente runs them (`detente.nlp.use_numpy_blas`, one
thread), and (b) Detente's `Detente.code_articles` (pre-filter, parse, actors, coding, dates,
places) over the same articles, once per profile (--profiles: the default; `fast`, without the
sentence classifier; `recogniser`, with spaCy's entity recogniser as well); then it prints the
medians, articles/s and words/s (one process: per core) and the ratios (b)/(a) and (b)/(a')
of their times. Model and knowledge loading are excluded (measured separately).

--full      also codes once without the pre-filter and prints the time and how many events
            the two runs share (the pre-filter must not change what is coded).
--memory    codes the corpus 1x and 10x (ids made unique) in fresh `detente code` processes
            writing to a database, and prints each one's peak RSS: it should stay flat.
--cli       times one whole `detente code` process on the corpus, start-up included.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from threadpoolctl import threadpool_limits

from detente import nlp as nlp_mod
from detente.api import Detente, read_inputs
from detente.pipeline import Options
from detente.records import Article
from detente.when_where import dates

# Coding profiles a run can time (docs/throughput.md).
PROFILES = {"default": Options(), "fast": Options(fast=True), "recogniser": Options(recogniser=True)}
DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "guardian_sdf_sample.jsonl"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def event_keys(coded) -> set[tuple]:
    """Events by where their trigger is in the article text (sentence splits may differ)."""
    out = set()
    for c in coded:
        starts = {s.index: s.start for s in c.sentences}
        for e in c.events:
            out.add(
                (
                    e.article_id,
                    starts[e.sentence_index] + e.evidence.trigger.start,
                    e.cameo,
                    e.source.actor.code if e.source else None,
                    e.target.actor.code if e.target else None,
                    e.date,
                )
            )
    return out


def child_peak_rss(cmd: list[str]) -> tuple[float, float, int]:
    """(seconds, peak RSS in MB, exit status) of one child process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(proc.pid, 0)
    return time.perf_counter() - t0, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def memory(path: Path, exe: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        for times in (1, 10):
            corpus = Path(tmp) / f"corpus-{times}x.jsonl"
            with corpus.open("w", encoding="utf-8") as fh:
                for k in range(times):
                    for n, row in enumerate(lines):
                        row = dict(row, id=f"{row.get('id', n)}-copy{k}")
                        # a different text each copy, so nothing is skipped as already coded
                        row["text"] = f"{row['text']}\n\n(Copy {k}.)"
                        fh.write(json.dumps(row) + "\n")
            db = Path(tmp) / f"db-{times}x.sqlite"
            wall, rss, rc = child_peak_rss([str(exe), "ingest", str(corpus), "--db", str(db)])
            print(
                f"memory: {times:>2}x corpus ({len(lines) * times} articles): {wall:.1f}s, "
                f"peak RSS {rss:.0f} MB, exit {rc}"
            )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", default=str(DEFAULT))
    ap.add_argument("--limit", type=int, default=None, help="use the first N articles")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument(
        "--profiles",
        default="default,fast,recogniser",
        help="comma-separated coding profiles to time: default, fast, recogniser",
    )
    ap.add_argument("--full", action="store_true", help="also code without the pre-filter, compare")
    ap.add_argument("--memory", action="store_true", help="peak RSS at 1x and 10x the corpus")
    ap.add_argument("--cli", action="store_true", help="also time the whole `detente code` process")
    args = ap.parse_args()
    path = Path(args.corpus)
    if not path.exists():
        print(f"corpus not found: {path} (give a JSONL file with a 'text' field)", file=sys.stderr)
        return 2

    articles = [a for a in read_inputs([path]) if isinstance(a, Article)][: args.limit]
    paragraphs = [p for a in articles for _, p in a.paragraphs()]
    words = sum(len(a.text.split()) for a in articles)
    print(f"corpus: {path.name}: {len(articles)} articles, {len(paragraphs)} paragraphs, {words} words")

    t0 = time.perf_counter()
    api = Detente(":memory:")
    nlp = api.pipeline.nlp
    t_model = time.perf_counter() - t0
    t0 = time.perf_counter()
    _ = api.pipeline.kb, api.pipeline.lexicon, api.pipeline.matcher, api.pipeline.gazetteer.resolve("Kazan")
    _ = api.pipeline.event_filter, api.pipeline.hybrid
    t_knowledge = time.perf_counter() - t0
    print(f"load: model {t_model:.2f}s, knowledge, dictionaries, gazetteer, classifier {t_knowledge:.2f}s")

    profiles = {}
    for name in args.profiles.split(","):
        if name not in PROFILES:
            print(f"unknown profile {name!r} (choose from {', '.join(PROFILES)})", file=sys.stderr)
            return 2
        if name == "default":
            profiles[name] = api
            continue
        other = Detente(":memory:", options=PROFILES[name])
        # the same loaded model and knowledge, so only the coding differs
        other.pipeline._nlp, other.pipeline._kb = nlp, api.pipeline.kb
        other.pipeline._lexicon = api.pipeline.lexicon
        profiles[name] = other

    # One untimed pass first: the caches keyed by a token's context (morphology, word forms)
    # fill as they would in any long run, so no profile pays for filling them and the next
    # profile gains from it; the memo keyed by a sentence's own text is emptied before each
    # timed run, so no run reuses what another found for the same sentences.
    list(api.code_articles(articles))

    stock = nlp_mod.load_stock()  # the bare parse as spaCy and the model package ship it
    for _doc in stock.pipe(paragraphs[:20], batch_size=64):
        pass
    bare_times: list[float] = []
    blas_times: list[float] = []
    times: dict[str, list[float]] = {name: [] for name in profiles}
    coded_by: dict[str, list] = {}
    for r in range(args.repeat):
        t0 = time.perf_counter()
        for _doc in stock.pipe(paragraphs, batch_size=64):
            pass
        bare = time.perf_counter() - t0
        bare_times.append(bare)
        t0 = time.perf_counter()
        with threadpool_limits(limits=1, user_api="blas"):
            for _doc in nlp.pipe(paragraphs, batch_size=64):
                pass
        blas = time.perf_counter() - t0
        blas_times.append(blas)
        line = [
            f"round {r + 1}: bare parse {bare:.2f}s ({words / bare:,.0f} words/s)",
            f"bare parse, NumPy BLAS {blas:.2f}s",
        ]
        for name, runner in profiles.items():
            dates.clear_text_memo()
            t0 = time.perf_counter()
            coded_by[name] = list(runner.code_articles(articles))
            took = time.perf_counter() - t0
            times[name].append(took)
            ratios = f"ratio {took / bare:.2f} / {took / blas:.2f}"
            line.append(f"{name} {took:.2f}s ({words / took:,.0f} words/s, {ratios})")
        print(" | ".join(line))
    bare = statistics.median(bare_times)
    blas = statistics.median(blas_times)
    print(f"median: bare parse {words / bare:,.0f} words/s, {len(articles) / bare:.1f} articles/s")
    print(
        f"median: bare parse with NumPy BLAS {words / blas:,.0f} words/s, "
        f"{len(articles) / blas:.1f} articles/s ({blas / bare:.2f} of the bare parse's time)"
    )
    for name, coded in coded_by.items():
        coder = statistics.median(times[name])
        n_events = sum(len(c.events) for c in coded)
        parsed = sum(1 for c in coded for s in c.sentences if s.span is not None)
        total = sum(len(c.sentences) for c in coded)
        print(
            f"median: detente {name:<10} {words / coder:,.0f} words/s, "
            f"{len(articles) / coder:.1f} articles/s, "
            f"{n_events} events; {parsed}/{total} sentences parsed; "
            f"ratio detente/bare parse time: {coder / bare:.2f} "
            f"(to the bare parse with NumPy BLAS: {coder / blas:.2f})"
        )
    print(f"peak RSS {peak_rss_mb():.0f} MB (every pipeline above loaded in this one process)")
    coded = coded_by.get("default") or next(iter(coded_by.values()))

    if args.full:
        full = Detente(":memory:", options=Options(prefilter=False))
        full.pipeline._nlp = nlp  # same model object, so both runs share the loaded pipeline
        t0 = time.perf_counter()
        coded_full = list(full.code_articles(articles))
        t_full = time.perf_counter() - t0
        a, b = event_keys(coded), event_keys(coded_full)
        print(
            f"without pre-filter: {t_full:.2f}s ({words / t_full:,.0f} words/s), ratio {t_full / bare:.2f}; "
            f"events {len(b)} vs {len(a)} with it, shared {len(a & b)} "
            f"({len(a & b) / max(len(b), 1):.1%} of the unfiltered run's events kept)"
        )

    exe = Path(sys.executable).with_name("detente")
    if args.memory:
        memory(path, exe)
    if args.cli:
        t0 = time.perf_counter()
        proc = subprocess.run([str(exe), "code", str(path)], capture_output=True, text=True, check=False)
        wall = time.perf_counter() - t0
        lines = sum(1 for line in proc.stdout.splitlines() if line.strip())
        print(
            f"`detente code` process: {wall:.2f}s wall, start-up included, {lines} events, "
            f"exit {proc.returncode}"
        )
        if lines:
            json.loads(proc.stdout.splitlines()[0])
    return 0


if __name__ == "__main__":
    sys.exit(main())
