"""Ingest jobs: documents coded and stored in a background thread, with progress to poll.

A job's documents are read (pasted text, uploaded files, fetched URLs) and coded a few at a time,
each batch holding the application's coding lock, so that `POST /api/code` is not kept waiting
for a whole long job. Storing is idempotent (an article already stored is skipped), so a job
sent twice stores its documents once.

A job runs in the process that received it; its progress is written to the store's `web_jobs`
table after every batch (and at most every `SAVE_EVERY` seconds while documents are read), so
that every worker process of `detente serve --workers N` can answer `GET /api/jobs/{id}`.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
import traceback
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert, select, update

from detente.errors import DetenteError, InputError
from detente.records import Article
from detente.store import schema

KEEP = 200  # jobs remembered in memory (the store keeps them all)
BATCH = 8  # articles coded per hold of the coding lock
SAVE_EVERY = 1.0  # seconds between progress writes while documents are read

# One input of a job: a callable that yields what it holds (Articles, or errors naming it).
Source = Callable[[], Iterator[Article | InputError]]


@dataclass
class Job:
    id: str
    total: int  # documents known so far (a JSONL file or a page adds its lines as it is read)
    status: str = "queued"  # queued | running | done | failed
    done: int = 0
    stored: int = 0
    skipped: int = 0
    failed: int = 0
    events: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)  # ids of the articles read, in order
    created_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    started_at: dt.datetime | None = None
    finished_at: dt.datetime | None = None
    saved: float = 0.0  # time.monotonic() of the last save
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def row(self) -> dict[str, Any]:
        """The job as a `web_jobs` row."""
        with self.lock:
            return {
                "id": self.id,
                "status": self.status,
                "total": self.total,
                "done": self.done,
                "stored": self.stored,
                "skipped": self.skipped,
                "failed": self.failed,
                "events": self.events,
                "errors": json.dumps(self.errors, ensure_ascii=False),
                "articles": json.dumps(self.articles),
                "created_at": self.created_at,
                "started_at": self.started_at,
                "finished_at": self.finished_at,
                "updated_at": dt.datetime.now(dt.UTC),
            }

    def to_dict(self) -> dict[str, Any]:
        return job_dict(self.row())


def _iso(value: dt.datetime | None) -> str | None:
    if value is None:
        return None
    return (value if value.tzinfo else value.replace(tzinfo=dt.UTC)).isoformat()


def job_dict(row: dict[str, Any]) -> dict[str, Any]:
    """What `GET /api/jobs/{id}` answers, from a `web_jobs` row."""
    out = {k: row[k] for k in ("id", "status", "total", "done", "stored", "skipped", "failed", "events")}
    out["errors"] = json.loads(row["errors"])
    out["articles"] = json.loads(row["articles"])
    for name in ("created_at", "started_at", "finished_at", "updated_at"):
        out[name] = _iso(row[name])
    return out


def error_dict(e: InputError) -> dict[str, Any]:
    return {"document": e.document, "code": e.code, "reason": e.reason}


class JobManager:
    """Runs ingest jobs on `workers` threads with one shared `Detente` (see module doc)."""

    def __init__(self, api: Any, code_lock: threading.Lock, workers: int = 1) -> None:
        self.api = api
        self.store = api.store
        self.code_lock = code_lock
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="detente-ingest")
        self.on_change: Callable[[], None] | None = None  # called after a batch is stored

    def submit(self, sources: list[Source]) -> Job:
        job = Job(uuid.uuid4().hex, total=len(sources))
        with self.store.engine.begin() as conn:
            conn.execute(insert(schema.web_jobs).values(**job.row()))
        with self._lock:
            self._jobs[job.id] = job
            while len(self._jobs) > KEEP:
                oldest = next(iter(self._jobs))
                if self._jobs[oldest].status in ("done", "failed"):
                    del self._jobs[oldest]
                else:
                    break
        self._pool.submit(self._run, job, sources)
        return job

    def get(self, job_id: str) -> dict[str, Any] | None:
        """A job's state: from memory when this process runs it, else as last saved."""
        with self._lock:
            job = self._jobs.get(job_id)
        if job is not None:
            return job.to_dict()
        t = schema.web_jobs
        with self.store.engine.connect() as conn:
            row = conn.execute(select(t).where(t.c.id == job_id)).first()
        return job_dict(dict(row._mapping)) if row is not None else None

    def save(self, job: Job) -> None:
        row = job.row()
        t = schema.web_jobs
        with self.store.engine.begin() as conn:
            conn.execute(update(t).where(t.c.id == row.pop("id")).values(**row))
        job.saved = time.monotonic()

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _items(self, job: Job, sources: list[Source]) -> Iterator[Article | InputError]:
        for source in sources:
            first = True
            for item in source():
                if not first:
                    with job.lock:
                        job.total += 1
                first = False
                if isinstance(item, Article):
                    with job.lock:
                        job.articles.append(item.id)
                if time.monotonic() - job.saved > SAVE_EVERY:
                    self.save(job)
                yield item

    def _run(self, job: Job, sources: list[Source]) -> None:
        with job.lock:
            job.status = "running"
            job.started_at = dt.datetime.now(dt.UTC)
        self.save(job)

        def progress(what: str, events: int) -> None:
            with job.lock:
                job.done += 1
                if what == "stored":
                    job.stored += 1
                    job.events += events
                elif what == "skipped":
                    job.skipped += 1
                else:
                    job.failed += 1

        try:
            batch: list[Article | InputError] = []
            for item in self._items(job, sources):
                batch.append(item)
                if len(batch) >= BATCH:
                    self._ingest(job, batch, progress)
                    batch = []
            if batch:
                self._ingest(job, batch, progress)
            status = "done"
        except DetenteError as exc:
            with job.lock:
                job.errors.append({"document": None, "code": exc.code, "reason": str(exc)})
            status = "failed"
        except Exception as exc:  # a job must end with a status, never hang as "running"
            traceback.print_exc()
            with job.lock:
                job.errors.append({"document": None, "code": "E700", "reason": f"internal error: {exc}"})
            status = "failed"
        with job.lock:
            job.status = status
            job.finished_at = dt.datetime.now(dt.UTC)
        try:
            self.save(job)
        except Exception:  # the store went away: the job still answers from memory here
            traceback.print_exc()

    def _ingest(
        self, job: Job, batch: list[Article | InputError], progress: Callable[[str, int], None]
    ) -> None:
        with self.code_lock:
            summary = self.api.ingest_articles(batch, progress=progress)
        with job.lock:
            job.errors.extend(error_dict(e) for e in summary.errors)
        self.save(job)
        if self.on_change and (summary.articles or summary.skipped):
            self.on_change()
