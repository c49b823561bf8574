"""`--dask`: the pipeline on Dask workers writing to a shared PostgreSQL store.

Real components throughout: a Dask LocalCluster of 2 worker processes (1 thread each), the real
spaCy pipeline, a real PostgreSQL server. A distributed run must store what a serial run stores;
killing a worker or the client mid-run and running again must store every article exactly
once; two processes storing the same articles at the same moment must not crash or duplicate.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import pickle
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psutil
import pytest
from sqlalchemy import create_engine, func, select, text

from conftest_pg import database_maker
from detente.api import Detente, read_inputs
from detente.distributed import DaskError, batch_key, ingest_dask
from detente.parallel import portable
from detente.pipeline import Options
from detente.records import Article
from detente.store import Store, database_url, schema

pytest_plugins = ["conftest_pg"]

DETENTE = Path(sys.executable).with_name("detente")
N_ARTICLES = 40

COUNTRIES = [
    ("France", "Paris"),
    ("Germany", "Berlin"),
    ("Japan", "Tokyo"),
    ("Brazil", "Brasilia"),
    ("Kenya", "Nairobi"),
    ("India", "New Delhi"),
    ("Canada", "Ottawa"),
    ("Egypt", "Cairo"),
    ("Mexico", "Mexico City"),
    ("Norway", "Oslo"),
    ("Chile", "Santiago"),
    ("Vietnam", "Hanoi"),
]
EVENTS = [
    "{a} and {b} signed a trade agreement in {city}, officials said.",
    "The foreign minister of {a} accused {b} of violating the ceasefire along the border.",
    "{a} sent humanitarian aid to {b} after floods destroyed thousands of homes.",
    "{a} condemned {b} for the missile test carried out near its coast.",
    "The president of {a} met the prime minister of {b} in {city} to discuss energy supplies.",
    "{a} expelled two diplomats of {b} accused of spying.",
    "{a} promised to send doctors and vaccines to {b}.",
    "{a} imposed sanctions on {b} over the seizure of a cargo ship.",
]
FILLERS = [
    "Analysts in {city} said the {topic} would weigh on {noun} for {period}.",
    "Local newspapers described the mood in {city} as {mood}, citing {noun}.",
    "Markets in {city} were {mood} as traders watched {topic}.",
    "A spokesperson declined to comment on {topic} or on {noun}.",
]
WORDS = {
    "topic": ["fuel prices", "the harvest", "the election calendar", "shipping insurance", "the currency"],
    "noun": ["farm exports", "tourism", "regional budgets", "port traffic", "rail freight", "bond yields"],
    "period": ["several months", "the rest of the year", "at least a season", "the coming weeks"],
    "mood": ["calm", "tense", "uncertain", "hopeful", "subdued"],
}
# Days far enough apart that merge windows never chain: the merged events do not depend on the
# order articles arrive in, so a distributed run must give exactly the serial run's events.
DAYS = [dt.date(2024, 3, 1), dt.date(2024, 3, 10), dt.date(2024, 3, 20)]


def make_corpus(path: Path, n: int = N_ARTICLES) -> list[dict[str, Any]]:
    """`n` short original articles (JSONL): two events each, some the same happening twice."""
    rng = random.Random(20240301)
    rows = []
    for i in range(n):
        day = DAYS[i % len(DAYS)]
        paragraphs = []
        for k in range(2):
            (a, _), (b, city) = rng.sample(COUNTRIES, 2)
            if k == 1 and i % 5 == 0 and i >= 5:  # a happening reported again by another outlet
                a, b, city = COUNTRIES[i % 3][0], COUNTRIES[(i % 3) + 3][0], COUNTRIES[(i % 3) + 3][1]
            paragraphs.append(rng.choice(EVENTS).format(a=a, b=b, city=city))
            filler = rng.choice(FILLERS).format(city=city, **{k: rng.choice(v) for k, v in WORDS.items()})
            paragraphs.append(f"{filler} Report number {i} of the series, part {k}.")
        rows.append(
            {
                "id": f"art-{i:03d}",
                "title": f"Diplomatic brief {i}",
                "text": "\n\n".join(paragraphs),
                "date": day.isoformat(),
                "url": f"https://news{i % 4}.example.org/brief/{i}",
            }
        )
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return rows


def snapshot(url: str) -> dict[str, Any]:
    """What a run stored, in a form that does not depend on insertion order or row ids."""
    engine = create_engine(database_url(url))
    art, cp, em, ev = schema.articles, schema.article_copies, schema.event_mentions, schema.events
    with engine.connect() as conn:
        mentions = conn.execute(
            select(em.c.id, em.c.article_id, em.c.sentence_idx, em.c.trigger_start, em.c.cameo, em.c.event_id)
        ).all()
        by_event: dict[int, list[tuple[str, int, int]]] = {}
        for m in mentions:
            by_event.setdefault(m.event_id, []).append((m.article_id, m.sentence_idx, m.trigger_start))
        events = conn.execute(
            select(
                ev.c.id,
                ev.c.merge_key,
                ev.c.event_date,
                ev.c.num_mentions,
                ev.c.num_articles,
                ev.c.num_sources,
                ev.c.goldstein,
            )
        ).all()
        out = {
            "articles": sorted(conn.execute(select(art.c.id)).scalars()),
            "copies": sorted(tuple(r) for r in conn.execute(select(cp.c.article_id, cp.c.copy_key)).all()),
            "mentions": sorted((m.article_id, m.sentence_idx, m.trigger_start, m.cameo) for m in mentions),
            "events": sorted(
                (
                    e.merge_key,
                    str(e.event_date),
                    e.num_mentions,
                    e.num_articles,
                    e.num_sources,
                    e.goldstein,
                    tuple(sorted(by_event.get(e.id, []))),
                )
                for e in events
            ),
            "stories": sorted(
                sorted(ids) for ids in _groups(conn.execute(select(art.c.story_id, art.c.id)).all()).values()
            ),
            "counts": {
                t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                for t in (art, cp, em, ev)
            },
        }
    engine.dispose()
    return out


def _groups(rows: list[Any]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for story, article in rows:
        out.setdefault(story, []).append(article)
    return out


def assert_exactly_once(url: str) -> None:
    """No article, copy or mention stored twice."""
    engine = create_engine(database_url(url))
    with engine.connect() as conn:
        for sql in (
            "SELECT count(*) FROM (SELECT id FROM articles GROUP BY id HAVING count(*) > 1) d",
            "SELECT count(*) FROM (SELECT article_id, copy_key FROM article_copies "
            "GROUP BY article_id, copy_key HAVING count(*) > 1) d",
            "SELECT count(*) FROM (SELECT article_id, sentence_idx, trigger_start, cameo FROM event_mentions "
            "GROUP BY article_id, sentence_idx, trigger_start, cameo HAVING count(*) > 1) d",
            "SELECT count(*) FROM event_mentions WHERE event_id IS NULL",
        ):
            assert conn.execute(text(sql)).scalar_one() == 0, sql
    engine.dispose()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("dask") / "briefs.jsonl"
    make_corpus(path)
    return path


@pytest.fixture(scope="module")
def module_db(pg_admin_url: str) -> Iterator[Callable[[], str]]:
    """New databases on the session's server that live as long as this module."""
    yield from database_maker(pg_admin_url, "detente_dask")


@pytest.fixture(scope="module")
def serial(corpus: Path, module_db: Callable[[], str], pipeline) -> dict[str, Any]:
    """The reference: one process, `detente ingest`'s own code path, into PostgreSQL."""
    url = module_db()
    api = Detente(url)
    api.__dict__["pipeline"] = pipeline  # the session's loaded pipeline, same options
    summary = api.ingest([corpus])
    assert summary.articles == N_ARTICLES and not summary.errors
    snap = snapshot(url)
    assert snap["counts"]["event_mentions"] >= N_ARTICLES  # the corpus really codes events
    assert snap["counts"]["events"] < snap["counts"]["event_mentions"]  # and some of them merge
    return snap


def test_batch_keys_depend_only_on_the_articles():
    a = [Article.create(f"Text number {i}.", None, doc_id=str(i)) for i in range(4)]
    b = [Article.create(f"Text number {i}.", None, doc_id=f"other-{i}") for i in range(4)]
    assert batch_key(a[:2]) == batch_key(b[:2])  # same texts: same ids, same key
    assert batch_key(a[:2]) != batch_key(a[2:])


def test_sqlite_store_is_refused_with_a_reason(tmp_path, corpus):
    with pytest.raises(DaskError, match=r"shared PostgreSQL store.*--workers N"):
        ingest_dask(read_inputs([corpus]), scheduler="local", db=str(tmp_path / "x.db"))


def test_dask_cluster_stores_what_a_serial_run_stores(corpus, module_db, serial, tmp_path):
    from distributed import LocalCluster

    url = module_db()
    bad = tmp_path / "empty.txt"
    bad.write_text("  \n", encoding="utf-8")
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, memory_limit=0, dashboard_address=None
    ) as cluster:
        address = cluster.scheduler_address
        seen: list[str] = []
        errors: list[str] = []
        first = ingest_dask(
            read_inputs([corpus, bad]),
            scheduler=address,
            db=url,
            options=Options(batch_size=4),
            progress=lambda what, _n: seen.append(what),
            report=lambda e: errors.append(str(e)),
        )
        assert first.articles == N_ARTICLES and first.skipped == 0 and first.batches == N_ARTICLES // 4
        assert first.workers == 2
        assert len(errors) == 1 and "empty.txt" in errors[0] and first.failed == 1
        assert seen.count("stored") == N_ARTICLES and seen.count("failed") == 1
        assert first.events == serial["counts"]["event_mentions"]
        assert snapshot(url) == serial
        # Again, on the same cluster: everything is found stored, nothing is sent to a worker.
        again = ingest_dask(read_inputs([corpus]), scheduler=address, db=url, options=Options(batch_size=4))
        assert (again.articles, again.skipped, again.batches, again.failed) == (0, N_ARTICLES, 0, 0)
    assert snapshot(url) == serial
    assert_exactly_once(url)


def _children(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def _dask_workers(pid: int) -> list[psutil.Process]:
    """The worker processes a `detente ingest --dask local` process started (spawned children)."""
    out = []
    for child in _children(pid):
        try:
            cmd = " ".join(child.cmdline())
        except psutil.Error:
            continue
        if "spawn_main" in cmd and "resource_tracker" not in cmd:
            out.append(child)
    return out


def _stored(url: str) -> int:
    engine = create_engine(database_url(url))
    with engine.connect() as conn:
        n = conn.execute(select(func.count()).select_from(schema.articles)).scalar_one()
    engine.dispose()
    return n


def _start_run(corpus: Path, url: str) -> subprocess.Popen[str]:
    cmd = [str(DETENTE), "ingest", str(corpus), "--db", url, "--dask", "local", "--workers", "2"]
    cmd += ["--batch-size", "2"]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for_first_article(proc: subprocess.Popen[str], url: str, timeout: float = 120) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()
        n = _stored(url)
        if n > 0:
            return n
        time.sleep(0.05)
    proc.kill()
    pytest.fail("the distributed run stored nothing in time")


def _rerun(corpus: Path, url: str) -> str:
    done = subprocess.run(
        [str(DETENTE), "ingest", str(corpus), "--db", url, "--dask", "local", "--workers", "2"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return done.stderr


def test_killing_a_worker_mid_run_loses_nothing_and_stores_nothing_twice(corpus, module_db, serial):
    url = module_db()
    Store(url).close()  # the schema exists before the run starts, so progress can be polled
    proc = _start_run(corpus, url)
    try:
        at_kill = _wait_for_first_article(proc, url)
        workers = _dask_workers(proc.pid)
        assert len(workers) == 2, [w.cmdline() for w in workers]
        victim = workers[0]
        victim.send_signal(signal.SIGKILL)
        victim.wait(10)
        _out, err = proc.communicate(timeout=300)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert at_kill < N_ARTICLES, "the run ended before the worker was killed"
    # Dask gives the lost batch to another worker: the run itself completes.
    assert proc.returncode == 0, err
    assert "stored" in err and "failed" in err
    assert_exactly_once(url)
    summary = _rerun(corpus, url)
    assert f"stored 0 articles with 0 events; {N_ARTICLES} already stored; 0 failed" in summary
    assert_exactly_once(url)
    assert snapshot(url) == serial


def test_killing_the_client_mid_run_then_running_again_codes_the_rest_once(corpus, module_db, serial):
    url = module_db()
    Store(url).close()
    proc = _start_run(corpus, url)
    workers: list[psutil.Process] = []
    try:
        _wait_for_first_article(proc, url)
        workers = _dask_workers(proc.pid)
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        # The orphaned workers notice their nanny is gone and stop; wait, then make sure.
        _gone, alive = psutil.wait_procs(workers, timeout=20)
        for p in alive:
            p.kill()
        psutil.wait_procs(alive, timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    partial = _stored(url)
    assert 0 < partial < N_ARTICLES, partial
    assert_exactly_once(url)
    summary = _rerun(corpus, url)
    assert f"stored {N_ARTICLES - partial} articles" in summary, summary
    assert f"{partial} already stored; 0 failed" in summary, summary
    assert_exactly_once(url)
    assert snapshot(url) == serial


_WRITER = """
import pickle, sys, time
from detente.store import Store
coded = pickle.load(open(sys.argv[1], "rb"))
store = Store(sys.argv[2])
while time.time() < float(sys.argv[3]):
    time.sleep(0.001)
print(sum(store.add(c).stored for c in coded))
"""


def test_two_processes_storing_the_same_articles_at_once(corpus, pg_url, pipeline, tmp_path):
    articles = [a for a in read_inputs([corpus]) if isinstance(a, Article)][:12]
    coded = [portable(c) for c in pipeline.code_articles(articles)]
    dump = tmp_path / "coded.pickle"
    dump.write_bytes(pickle.dumps(coded))
    Store(pg_url).close()  # schema made once, as any real run does before its writers start
    start = f"{time.time() + 4:.3f}"  # both writers begin at the same moment
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(dump), pg_url, start],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        for _ in range(2)
    ]
    results = [p.communicate(timeout=120) for p in procs]
    for p, (_out, err) in zip(procs, results, strict=True):
        assert p.returncode == 0, err
    stored = [int(out.strip()) for out, _ in results]
    assert sum(stored) == len(coded)  # each article stored by exactly one of them
    counts = Store(pg_url).counts()
    assert counts["articles"] == len(coded)
    assert counts["article_copies"] == len(coded)  # the same documents: no extra copies
    assert counts["event_mentions"] == sum(len(c.events) for c in coded)
    assert_exactly_once(pg_url)
