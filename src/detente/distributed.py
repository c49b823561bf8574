"""Coding on Dask distributed workers that write to a shared PostgreSQL store (`--dask`).

The client reads the inputs, asks the store once per chunk which articles are already there,
and sends the rest out in batches. A worker process loads the pipeline once, codes a batch and
stores each article in its own transaction, so a killed worker loses at most the batch it was
coding and a killed client loses nothing stored. Running the same command again codes exactly
the articles still missing: the client skips stored ones, and a worker checks again before it
codes (a batch can run twice when Dask retries it after a worker died). Batch keys come from
the articles' ids, so the same batch has the same key in every run.

Workers write to the database themselves, so the store must be a server both the client and
the workers reach (PostgreSQL). A SQLite file is refused: on a remote cluster the workers
cannot see it, and even on one machine SQLite allows one writer at a time; `--workers N`
codes on several local processes with a SQLite store instead. docs/throughput.md,
docs/cluster.md.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from detente.errors import DetenteError, InputError
from detente.pipeline import Options, Pipeline
from detente.records import Article
from detente.store import Store, database_url

__all__ = ["DaskError", "DistributedSummary", "batch_key", "code_and_store", "ingest_dask"]

READ_CHUNK = 500  # articles read before asking the store which of them are stored
IN_FLIGHT_PER_WORKER = 2  # batches submitted per worker before the client waits for one


class DaskError(DetenteError):
    """The run cannot start: no scheduler, no shared store."""

    code = "E121"


@dataclass(frozen=True)
class Outcome:
    """What happened to one article on a worker (plain data: it crosses the network)."""

    article_id: str
    document: str
    status: str  # "stored" | "skipped" | "failed"
    events: int = 0
    error: str = ""
    problems: tuple[str, ...] = ()


@dataclass
class DistributedSummary:
    articles: int = 0  # newly stored
    skipped: int = 0  # already stored (before the run, or by another worker)
    events: int = 0
    errors: list[InputError] = field(default_factory=list)
    batches: int = 0
    workers: int = 0
    seconds: float = 0.0

    @property
    def failed(self) -> int:
        return len(self.errors)


Progress = Callable[[str, int], None]  # ("stored" | "skipped" | "failed", events)

# --- the worker side ------------------------------------------------------------------------------
_cache: dict[tuple[Options, str], tuple[Pipeline, Store]] = {}
_cache_lock = threading.Lock()


def _worker_state(options: Options, db_url: str) -> tuple[Pipeline, Store]:
    """The pipeline and store of this worker process, made on its first batch and kept."""
    key = (options, db_url)
    with _cache_lock:
        if key not in _cache:
            # one pipeline per process: a long-lived cluster serving runs with other options or
            # another database keeps only the latest (a pipeline is about 1 GB)
            for _pipeline, old in _cache.values():
                old.close()
            _cache.clear()
            _cache[key] = (Pipeline(replace(options, workers=1)), Store(db_url))
        return _cache[key]


def _document(art: Article) -> str:
    return art.origin or art.url or art.doc_id or art.id


def code_and_store(articles: list[Article], options: Options, db_url: str) -> list[Outcome]:
    """Code one batch and store each article in its own transaction (runs on a worker).

    Articles stored meanwhile (by an earlier attempt of this batch, or another run) are skipped
    before coding. If the batch cannot be coded as a whole, each article is coded alone so that
    one bad document fails alone.
    """
    pipeline, store = _worker_state(options, db_url)
    stored = store.stored_ids(a.id for a in articles)
    todo = [a for a in articles if a.id not in stored]
    outcomes = {a.id: Outcome(a.id, _document(a), "skipped") for a in articles if a.id in stored}
    try:
        coded = list(pipeline.code_articles(todo))
    except Exception:
        coded = []
        for art in todo:
            try:
                coded.extend(pipeline.code_articles([art]))
            except Exception as exc:
                outcomes[art.id] = Outcome(art.id, _document(art), "failed", error=f"coding failed: {exc}")
    for c in coded:
        art = c.article
        try:
            result = store.add(c)
        except Exception as exc:
            outcomes[art.id] = Outcome(art.id, _document(art), "failed", error=f"storing failed: {exc}")
            continue
        status = "stored" if result.stored else "skipped"
        outcomes[art.id] = Outcome(art.id, _document(art), status, result.events, problems=tuple(c.problems))
    return [outcomes[a.id] for a in articles if a.id in outcomes]


# --- the client side ------------------------------------------------------------------------------
def batch_key(articles: Iterable[Article]) -> str:
    """A Dask key that depends only on the batch's article ids: resubmitting is idempotent."""
    digest = hashlib.blake2b(digest_size=12)
    for art in articles:
        digest.update(art.id.encode("ascii"))
    return f"detente-batch-{digest.hexdigest()}"


def shared_store_url(db: str | os.PathLike[str] | None) -> str:
    """The store's URL, or DaskError when it is not a server every worker can reach."""
    url = database_url(db)
    if not url.startswith("postgresql"):
        raise DaskError(
            f"--dask needs a shared PostgreSQL store (--db postgresql://... or DETENTE_DB), not {url!r}: "
            "the workers write to the database themselves, and a SQLite file is neither reachable "
            "from other machines nor writable by several processes at once. "
            "Use --workers N to code on several processes of this machine with SQLite."
        )
    return url


def start_client(scheduler: str, workers: int) -> tuple[Any, Any]:
    """(client, cluster): a LocalCluster of `workers` processes for "local", else the scheduler's."""
    from distributed import Client, LocalCluster

    if scheduler == "local":
        import dask

        # Dask samples every worker thread's stack 100 times a second for its dashboard's
        # profile; this run has no dashboard, and the sampling costs CPU the coding needs.
        with dask.config.set({"distributed.worker.profile.enabled": False}):
            cluster = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,  # the parse holds the GIL: one coding thread per process
                processes=True,
                memory_limit=0,  # about 1 GB each for the model; do not pause or restart on a guess
                dashboard_address=None,
            )
        return Client(cluster), cluster
    try:
        return Client(scheduler, timeout="20s"), None
    except OSError as exc:
        raise DaskError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc


def _fresh_batches(
    items: Iterable[Article | InputError],
    store: Store,
    size: int,
    on_error: Callable[[InputError], None],
    on_stored: Callable[[Article], None],
    repeats: list[Article],
) -> Iterator[list[Article]]:
    """Batches of articles not yet stored, asking the store once per READ_CHUNK articles.

    Articles already stored go to `on_stored`; a text read a second time in this run goes to
    `repeats` (it becomes a copy once its first reading is stored).
    """
    submitted: set[str] = set()
    chunk: list[Article] = []
    batch: list[Article] = []

    def flush() -> Iterator[list[Article]]:
        nonlocal batch
        stored = store.stored_ids(a.id for a in chunk)
        for art in chunk:
            if art.id in stored:
                on_stored(art)
            elif art.id in submitted:
                repeats.append(art)
            else:
                submitted.add(art.id)
                batch.append(art)
                if len(batch) >= size:
                    yield batch
                    batch = []
        chunk.clear()

    for item in items:
        if isinstance(item, InputError):
            on_error(item)
            continue
        chunk.append(item)
        if len(chunk) >= READ_CHUNK:
            yield from flush()
    yield from flush()
    if batch:
        yield batch


def ingest_dask(
    items: Iterable[Article | InputError],
    *,
    scheduler: str,
    db: str | os.PathLike[str] | None = None,
    options: Options | None = None,
    workers: int = 2,
    progress: Progress | None = None,
    report: Callable[[InputError], None] | None = None,
) -> DistributedSummary:
    """Code and store a stream of articles on Dask workers; idempotent and resumable.

    `scheduler` is a scheduler address (tcp://host:port) or "local" for a LocalCluster of
    `workers` processes with one thread each. `report` gets each error as soon as it is known.
    """
    from distributed import as_completed

    options = options or Options()
    url = shared_store_url(db)
    store = Store(url)  # prepares the schema once, before any worker opens it
    summary = DistributedSummary()
    repeats: list[Article] = []
    t0 = time.perf_counter()

    def failed(error: InputError) -> None:
        summary.errors.append(error)
        if report:
            report(error)
        if progress:
            progress("failed", 0)

    def skipped(art: Article) -> None:
        store.add_copy(art)  # the same text from another document is one more copy (as `ingest`)
        summary.skipped += 1
        if progress:
            progress("skipped", 0)

    if scheduler != "local" and "://" not in scheduler:  # a typo fails now, not after reading
        raise DaskError(
            f"--dask takes a scheduler address such as tcp://host:8786, or local; not {scheduler!r}"
        )
    client = cluster = None  # started on the first batch: a run with nothing new starts nothing
    pending: Any = None  # as_completed of the batches in flight, once a client exists
    batches: dict[str, list[Article]] = {}
    limit = 1

    def collect(future: Any) -> None:
        batch = batches.pop(future.key)
        try:
            outcomes: list[Outcome] = future.result()
        except Exception as exc:  # the batch was lost (e.g. its workers kept dying)
            for art in batch:
                failed(InputError(_document(art), "not-coded", f"{type(exc).__name__}: {exc}"))
            return
        finally:
            future.release()
        for o in outcomes:
            if o.status == "failed":
                failed(InputError(o.document, "not-coded", o.error))
                continue
            if o.status == "stored":
                summary.articles += 1
                summary.events += o.events
            else:
                summary.skipped += 1
            if progress:
                progress(o.status, o.events)

    try:
        for batch in _fresh_batches(items, store, options.batch_size, failed, skipped, repeats):
            key = batch_key(batch)  # unique in a run: no article id is sent twice
            if client is None:
                client, cluster = start_client(scheduler, workers)
                summary.workers = len(client.scheduler_info().get("workers", {})) or workers
                limit = max(1, IN_FLIGHT_PER_WORKER * summary.workers)
                pending = as_completed()
            batches[key] = batch
            pending.add(client.submit(code_and_store, batch, options, url, key=key, pure=False, retries=1))
            summary.batches += 1
            while pending.count() >= limit:
                collect(next(pending))
        for future in pending or ():
            collect(future)
    finally:
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()
    stored = store.stored_ids(a.id for a in repeats)
    for art in repeats:  # texts read twice in this run: once stored, each further document is a copy
        if art.id in stored:
            skipped(art)
        else:
            failed(InputError(_document(art), "not-coded", "the same text read earlier in this run failed"))
    store.close()
    summary.seconds = time.perf_counter() - t0
    return summary
