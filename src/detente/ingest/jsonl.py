"""JSON Lines to Articles: one object per line, one Article or one InputError per line.

Corpora arrive as JSONL dumps with slightly different field names (pub_date, published,
source...), so the accepted synonyms are listed here once. A bad line never stops the
stream: it becomes an InputError naming "file.jsonl:LINE", and the next line is read.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import IO, Any

from detente.errors import InputError
from detente.ingest.decode import DEFAULT_MAX_BYTES, check_size, decode_bytes
from detente.ingest.text import article_from_text
from detente.records import Article

DATE_FIELDS = ("date", "pub_date", "published", "publication_date")
PUBLISHER_FIELDS = ("publisher", "source")
DEFAULT_LANGUAGE = "en"


def parse_date(value: Any, document: str) -> dt.date | None:
    """A JSONL date: YYYY-MM-DD or an ISO datetime (its calendar date); None when absent."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        text = value.strip()
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
        try:
            return dt.datetime.fromisoformat(text).date()
        except ValueError:
            pass
    raise InputError(document, "bad-date", json.dumps(value, ensure_ascii=False)[:80])


def _first(obj: dict[str, Any], names: tuple[str, ...]) -> Any:
    for name in names:
        if obj.get(name) not in (None, ""):
            return obj[name]
    return None


def _optional_str(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def article_from_json(obj: Any, *, document: str, date: dt.date | None = None) -> Article:
    """One decoded JSON value to an Article, or the InputError that says what is wrong with it."""
    if not isinstance(obj, dict):
        raise InputError(document, "bad-json", f"a JSON {type(obj).__name__}, not an object")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(document, "no-text")
    own_date = parse_date(_first(obj, DATE_FIELDS), document)
    language = _optional_str(obj.get("language")) or DEFAULT_LANGUAGE
    article = article_from_text(
        text,
        origin=document,
        date=own_date or date,
        doc_id=_optional_str(obj.get("id")),
        title=_optional_str(obj.get("title")),
        url=_optional_str(obj.get("url")),
        publisher=_optional_str(_first(obj, PUBLISHER_FIELDS)),
        language=language,
    )
    return article


def parse_line(
    line: str | bytes, *, document: str, max_bytes: int = DEFAULT_MAX_BYTES, date: dt.date | None = None
) -> Article:
    """One non-blank JSONL line to an Article; raises InputError."""
    if isinstance(line, bytes):
        line = decode_bytes(line, document=document, max_bytes=max_bytes)
    else:
        check_size(len(line.encode("utf-8", "surrogatepass")), max_bytes, document)
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        raise InputError(document, "bad-json", f"{e.msg} at column {e.colno}") from e
    return article_from_json(obj, document=document, date=date)


def read_jsonl_stream(
    stream: IO[str] | IO[bytes],
    *,
    origin: str = "stdin",
    max_bytes: int = DEFAULT_MAX_BYTES,
    date: dt.date | None = None,
) -> Iterator[Article | InputError]:
    """Yield an Article or an InputError for every non-blank line, in order.

    Binary streams are decoded line by line (UTF-8, a BOM on the first line is
    dropped), so one badly encoded line costs only that line.
    """
    for lineno, line in enumerate(stream, 1):
        document = f"{origin}:{lineno}"
        if lineno == 1:
            line = (
                line.removeprefix(b"\xef\xbb\xbf") if isinstance(line, bytes) else line.removeprefix("\ufeff")
            )
        if not line.strip():
            continue
        try:
            yield parse_line(line, document=document, max_bytes=max_bytes, date=date)
        except InputError as e:
            yield e
