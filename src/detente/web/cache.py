"""Answers of the analysis endpoints, kept while the store does not change.

A dyad series, a network or a map over a million events costs tens to hundreds of
milliseconds; the same question asked again (every dashboard visitor opens the same overview)
should not. Each answer is stored with the store's state when it was computed: the largest
event id and article ingest time (new events and articles), the `meta` table (merge settings,
deletions: see store/delete.py) and this application's own write counter. A changed state
misses, so a cached answer is never stale; the state costs three index lookups per request.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from sqlalchemy import func, select

from detente.store import Store, schema

T = TypeVar("T")


class AnswerCache:
    def __init__(self, store: Store, entries: int = 256) -> None:
        self.store = store
        self.entries = entries
        self.generation = 0  # raised by the application's own writes
        self._items: OrderedDict[Hashable, tuple[Any, Any]] = OrderedDict()
        self._lock = threading.Lock()
        self._flights: dict[tuple[Hashable, Any], threading.Lock] = {}  # questions being computed
        self.hits = self.misses = 0

    def state(self) -> tuple[Any, ...]:
        with self.store.engine.connect() as conn:
            largest = conn.execute(select(func.max(schema.events.c.id))).scalar()
            latest = conn.execute(select(func.max(schema.articles.c.ingested_at))).scalar()
            meta = tuple(
                conn.execute(select(schema.meta.c.key, schema.meta.c.value).order_by(schema.meta.c.key))
            )
        return (self.generation, largest, str(latest), meta)

    def changed(self) -> None:
        """The application wrote to the store: forget every answer."""
        with self._lock:
            self.generation += 1
            self._items.clear()

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The cached answer, else `compute()`'s. Requests asking the same question at the same
        time wait for one computation instead of each running it (a network of a year takes
        seconds of CPU; eight visitors opening the dashboard at once must not take eight times
        that)."""
        if self.entries <= 0:
            return compute()
        state = self.state()
        with self._lock:
            flight = self._flights.setdefault((key, state), threading.Lock())
        with flight:
            with self._lock:
                found = self._items.get(key)
                if found is not None and found[0] == state:
                    self._items.move_to_end(key)
                    self.hits += 1
                    return found[1]  # type: ignore[no-any-return]
            self.misses += 1
            try:
                value = compute()
                with self._lock:
                    self._items[key] = (state, value)
                    self._items.move_to_end(key)
                    while len(self._items) > self.entries:
                        self._items.popitem(last=False)
            finally:
                with self._lock:
                    self._flights.pop((key, state), None)
            return value
