"""Throughput of the coder next to a bare spaCy parse of the same texts, in the same run.

    .venv/bin/python bench/bench_code.py [CORPUS.jsonl] [--limit N] [--repeat R] [--cli]

CORPUS defaults to ../shared/corpus/guardian_sdf_sample.jsonl (any JSONL with "text" works).
Prints, for each of R rounds, the wall time, articles/s and words/s of (a) `nlp.pipe` over the
articles' paragraphs with the full pipeline the model ships with, and (b) Detente's
`Detente.code_articles` (parse + actors + coding + dates + places) over the same articles,
then the medians and the ratio (b)/(a) of their times. Model and knowledge loading are
excluded from both (measured separately). With --cli it also times the whole `detente code`
process on the corpus, start-up included.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from detente.api import Detente, read_inputs
from detente.records import Article

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "guardian_sdf_sample.jsonl"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", default=str(DEFAULT))
    ap.add_argument("--limit", type=int, default=None, help="use the first N articles")
    ap.add_argument("--repeat", type=int, default=3)
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
    t_knowledge = time.perf_counter() - t0
    print(f"load: model {t_model:.2f}s, knowledge base + dictionaries + gazetteer {t_knowledge:.2f}s")

    bare_times, coder_times, n_events = [], [], 0
    for r in range(args.repeat):
        t0 = time.perf_counter()
        for _doc in nlp.pipe(paragraphs, batch_size=64):
            pass
        bare = time.perf_counter() - t0
        t0 = time.perf_counter()
        n_events = sum(len(c.events) for c in api.code_articles(articles))
        coder = time.perf_counter() - t0
        bare_times.append(bare)
        coder_times.append(coder)
        print(
            f"round {r + 1}: bare parse {bare:.2f}s ({words / bare:,.0f} words/s) | "
            f"detente {coder:.2f}s ({words / coder:,.0f} words/s, {len(articles) / coder:.1f} articles/s) | "
            f"ratio {coder / bare:.2f}"
        )
    bare, coder = statistics.median(bare_times), statistics.median(coder_times)
    print(f"median: bare parse {words / bare:,.0f} words/s, {len(articles) / bare:.1f} articles/s")
    print(
        f"median: detente    {words / coder:,.0f} words/s, {len(articles) / coder:.1f} articles/s, "
        f"{n_events} events"
    )
    print(f"ratio detente/bare parse time: {coder / bare:.2f}   peak RSS {peak_rss_mb():.0f} MB")

    if args.cli:
        exe = Path(sys.executable).with_name("detente")
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
