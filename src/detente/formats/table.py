"""CSV and Parquet: the store's merged events as one flat, typed table (docs/formats.md)."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable
from typing import IO, Any

from detente.errors import DetenteError

# (column, Parquet type name); the CSV has the same columns, with a header.
COLUMNS: list[tuple[str, str]] = [
    ("id", "int64"),
    ("origin", "string"),
    ("ext_id", "string"),
    ("event_date", "date32"),
    ("date", "string"),
    ("date_precision", "string"),
    ("source_code", "string"),
    ("source_name", "string"),
    ("source_country", "string"),
    ("source_sector", "string"),
    ("target_code", "string"),
    ("target_name", "string"),
    ("target_country", "string"),
    ("target_sector", "string"),
    ("cameo", "string"),
    ("cameo_root", "string"),
    ("quad_class", "int64"),
    ("goldstein", "float64"),
    ("plover", "string"),
    ("plover_mode", "string"),
    ("mutual", "bool"),
    ("negated", "bool"),
    ("modality", "string"),
    ("historical", "bool"),
    ("confidence", "float64"),
    ("location_name", "string"),
    ("location_country", "string"),
    ("lat", "float64"),
    ("lon", "float64"),
    ("num_mentions", "int64"),
    ("num_sources", "int64"),
    ("num_articles", "int64"),
    ("tone", "float64"),
    ("is_root", "bool"),
    ("story_id", "string"),
    ("article_id", "string"),
    ("sentence_idx", "int64"),
    ("url", "string"),
    ("date_added", "timestamp"),
]
NAMES = [name for name, _ in COLUMNS]
PARQUET_BATCH = 20_000


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%S")
    return value


def write_csv(rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(NAMES)
    n = 0
    for row in rows:
        writer.writerow(["" if row.get(c) is None else _cell(row.get(c)) for c in NAMES])
        n += 1
    return n


def write_parquet(rows: Iterable[dict[str, Any]], path: str) -> int:
    """Write row groups of PARQUET_BATCH events, so memory stays at one group."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:  # pragma: no cover - pyarrow is a declared dependency
        raise DetenteError("Parquet export needs pyarrow: pip install pyarrow") from exc
    types = {
        "int64": pa.int64(),
        "string": pa.string(),
        "date32": pa.date32(),
        "float64": pa.float64(),
        "bool": pa.bool_(),
        "timestamp": pa.timestamp("us", tz="UTC"),
    }
    schema = pa.schema([(name, types[kind]) for name, kind in COLUMNS])
    n = 0
    with pq.ParquetWriter(path, schema) as writer:
        batch: list[dict[str, Any]] = []
        for row in rows:
            batch.append({c: _parquet_value(row.get(c)) for c in NAMES})
            if len(batch) >= PARQUET_BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n += len(batch)
                batch = []
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n


def _parquet_value(value: Any) -> Any:
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)  # SQLite hands back UTC times without their zone
    return value
