"""Coding on several processes of one machine (`--workers N`).

The parse is CPU-bound and spaCy holds the GIL, so threads do not help; each worker process
loads its own pipeline once and codes whole batches of articles. The parent reads the inputs,
hands out batches, and gets the results back in input order, so whatever consumes them (the
store, stdout) sees exactly what one process would have produced. Only plain records cross
process boundaries: the spaCy parse stays in the worker (`Sentence.span` comes back None).
"""

from __future__ import annotations

import multiprocessing as mp
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import replace

from detente.errors import InputError
from detente.pipeline import Options, Pipeline
from detente.records import Article, CodedArticle

_worker_pipeline: Pipeline | None = None


def _start_worker(options: Options) -> None:
    global _worker_pipeline
    _worker_pipeline = Pipeline(replace(options, workers=1))


def portable(coded: CodedArticle) -> CodedArticle:
    """The article's results without the spaCy objects (which cannot be pickled)."""
    sentences = [replace(s, span=None) for s in coded.sentences]
    return CodedArticle(coded.article, sentences, coded.mentions, coded.events, coded.problems)


def _code_batch(batch: list[Article]) -> list[CodedArticle]:
    assert _worker_pipeline is not None, "worker not started"
    return [portable(c) for c in _worker_pipeline.code_articles(batch)]


def _batches(items: Iterable[Article | InputError], size: int) -> Iterator[list[Article | InputError]]:
    batch: list[Article | InputError] = []
    for item in items:
        batch.append(item)
        if sum(isinstance(x, Article) for x in batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def code_in_processes(
    items: Iterable[Article | InputError], options: Options, workers: int
) -> Iterator[CodedArticle | InputError]:
    """Code a stream of articles on `workers` processes; results and errors in input order.

    At most two batches per worker are in flight, so memory stays bounded however long the
    stream is.
    """
    ctx = mp.get_context("spawn")  # a clean interpreter: no inherited BLAS threads or locks
    with ProcessPoolExecutor(workers, mp_context=ctx, initializer=_start_worker, initargs=(options,)) as pool:
        pending: deque[tuple[list[Article | InputError], Future[list[CodedArticle]]]] = deque()

        def drain_one() -> Iterator[CodedArticle | InputError]:
            batch, future = pending.popleft()
            coded = iter(future.result())
            for item in batch:
                yield item if isinstance(item, InputError) else next(coded)

        for batch in _batches(items, options.batch_size):
            articles = [x for x in batch if isinstance(x, Article)]
            pending.append((batch, pool.submit(_code_batch, articles)))
            if len(pending) >= 2 * workers:
                yield from drain_one()
        while pending:
            yield from drain_one()
