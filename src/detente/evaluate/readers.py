"""Gold-standard readers: four file formats in, one list of typed `GoldItem`s out.

Every format becomes the same record (an id, the text to code, an optional publication date
and the annotations the format has), so the metrics never look at file syntax. Formats are
detected from the file's content; `--format` overrides. A malformed file stops the run with
a `DataFileError` naming file:line (or the JSON item) and the problem, since scoring against
a half-read gold file would give misleading figures.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from detente.coding import tables
from detente.errors import DataFileError
from detente.records import MODALITIES

FORMATS = ("conflibert-class", "conflibert-bio", "plover", "detente")

# ConfliBERT's 5 classes (ICEWS/Phoenix quad convention, class 0 = statement or no event).
CLASS_NAMES = (
    "statement",
    "verbal cooperation",
    "material cooperation",
    "verbal conflict",
    "material conflict",
)

# PLOVER v0.5 event categories (the 2016 gold standard) that PLOVER 2.0 renamed or merged.
PLOVER_V05_TO_V2 = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}

# Actor codes of PLOVER_GSR_CAMEO.json that are country codes, but not ISO 3166 alpha-3:
# old CAMEO country codes, found by inspecting the file's 118 distinct codes.
PLOVER_COUNTRY_FIXES = {
    "JAP": "JPN",  # Japan ("Tokyo", "Japan", "Japanese Prime Minister ...")
    "ITL": "ITA",  # Italy
    "VTN": "VNM",  # Vietnam ("Vietnamese-led forces")
}
# ISO 3166 alpha-3 codes of territories that are not states in actors/data/countries.tsv but
# that gold files use as an actor's country (Hong Kong protesters are HKG in the PLOVER file).
ISO_TERRITORIES = frozenset({"HKG", "MAC", "PRI", "GRL", "NCL", "PYF", "GIB", "BMU", "CYM"})
# Everything else is non-country: in the PLOVER file IGO (intergovernmental), NGO,
# IMG (international militarised group: al-Qaeda) and ISM ("Muslim hackers"). Such actors are
# left out of country accuracy and counted separately.

_BIO_TAG = re.compile(r"O|[BI]-[STR]")
_QUOTED = re.compile(r'"((?:[^"]|"")*)"')
_COUNTRY = re.compile(r"[A-Z]{2,6}")
_SECTOR = re.compile(r"[A-Z]{3,12}")
_TAG = re.compile(r"[a-z0-9][a-z0-9-]*")
_DATE_SHAPES = (
    (re.compile(r"\d{4}-\d{2}-\d{2}"), "day"),
    (re.compile(r"\d{4}-\d{2}"), "month"),
    (re.compile(r"\d{4}"), "year"),
)
PRECISIONS = ("day", "month", "year")


@dataclass(frozen=True, slots=True)
class GoldActor:
    """A gold actor: its words in the text (when given) and its country and sector codes.

    `country` is None for an unknown actor and for codes that are not countries (IGO, NGO...);
    `code` keeps what the file wrote, for reports.
    """

    text: str | None
    country: str | None
    sector: str | None = None
    code: str | None = None


@dataclass(frozen=True, slots=True)
class GoldLocation:
    name: str | None
    country: str | None


@dataclass(frozen=True, slots=True)
class GoldSpan:
    """A ConfliBERT actor span: role is 'source', 'target' or 'both' (the R tag)."""

    role: str
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One event of Detente's own gold format.

    `annotated` names the optional fields the gold file gave (date, date_precision, historical,
    location, negated, modality): a field left out is not scored, so a gold file may annotate
    only what its author checked.
    """

    source: GoldActor | None
    target: GoldActor | None
    cameo: str
    date: str | None = None
    date_precision: str | None = None
    historical: bool = False
    location: GoldLocation | None = None
    negated: bool = False
    modality: str = "asserted"
    annotated: frozenset[str] = frozenset()

    @property
    def root(self) -> str:
        return tables.lookup(self.cameo).root


@dataclass(frozen=True, slots=True)
class PloverGold:
    """A PLOVER gold-standard annotation, its event type mapped to PLOVER 2.0."""

    event: str
    event_v05: str
    mode: str | None
    sources: tuple[GoldActor, ...]
    targets: tuple[GoldActor, ...]
    location: GoldLocation | None = None


@dataclass(frozen=True, slots=True)
class GoldItem:
    """One text to code and its gold annotations (which ones depends on the file's format)."""

    id: str
    text: str
    origin: str  # "file:line" or "file#index", for messages
    date: dt.date | None = None
    label: int | None = None  # conflibert-class
    spans: tuple[GoldSpan, ...] = ()  # conflibert-bio
    events: tuple[GoldEvent, ...] = ()  # detente
    plover: PloverGold | None = None  # plover
    tags: tuple[str, ...] = ()
    note: str | None = None


@dataclass(slots=True)
class GoldSet:
    """The items of one gold file, plus what was deliberately left out and why."""

    path: str
    format: str
    items: list[GoldItem]
    skipped: list[str] = field(default_factory=list)


# --- detection ------------------------------------------------------------------------------------


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as e:
        raise DataFileError(str(path), None, f"cannot read the gold file ({e.strerror or e})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise DataFileError(str(path), None, f"not UTF-8 text (byte {e.start})") from None


def detect_format(path: str | Path, text: str | None = None) -> str:
    """Tell the gold format from the content: JSON list, JSON lines, `text<TAB>label` or `token TAG`."""
    path = Path(path)
    text = _read_text(path) if text is None else text
    head = text.lstrip()
    if head.startswith("["):
        return "plover"
    if head.startswith("{"):
        return "detente"
    lines = [line.rstrip("\r") for line in text.splitlines()[:200]]
    lines = [line for line in lines if line.strip()]
    if lines and all(re.fullmatch(r".+\t\s*[0-4]\s*", line) for line in lines):
        return "conflibert-class"
    if lines and all(len(p := line.split()) == 2 and _BIO_TAG.fullmatch(p[1]) for line in lines):
        return "conflibert-bio"
    raise DataFileError(
        str(path),
        None,
        "cannot tell the gold format (expected a PLOVER JSON list, Detente JSON lines, "
        "'text<TAB>label' lines or 'token TAG' lines); name it with --format",
    )


def read_gold(path: str | Path, fmt: str = "auto", limit: int | None = None) -> GoldSet:
    """Read a gold file of the given format (or the detected one); at most `limit` items."""
    path = Path(path)
    text = _read_text(path)
    if fmt == "auto":
        fmt = detect_format(path, text)
    readers = {
        "conflibert-class": _read_class,
        "conflibert-bio": _read_bio,
        "plover": _read_plover,
        "detente": _read_detente,
    }
    if fmt not in readers:
        raise DataFileError(str(path), None, f"unknown gold format {fmt!r} (one of {', '.join(FORMATS)})")
    gold = readers[fmt](path, text)
    if limit is not None:
        gold.items = gold.items[:limit]
    return gold


# --- ConfliBERT 5-class -----------------------------------------------------------------------------


def _read_class(path: Path, text: str) -> GoldSet:
    items = []
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        if "\t" not in line:
            raise DataFileError(str(path), n, "expected 'text<TAB>label' (no tab on this line)")
        sentence, label = line.rsplit("\t", 1)
        if label.strip() not in {"0", "1", "2", "3", "4"}:
            raise DataFileError(str(path), n, f"label {label.strip()!r} is not a class 0..4")
        quoted = _QUOTED.fullmatch(sentence)
        if quoted:  # spreadsheet-style quoting: "text with ""quotes"""
            sentence = quoted.group(1).replace('""', '"')
        sentence = sentence.strip()
        if not sentence:
            raise DataFileError(str(path), n, "empty text before the label")
        items.append(GoldItem(id=f"{path.name}:{n}", text=sentence, origin=f"{path}:{n}", label=int(label)))
    return GoldSet(str(path), "conflibert-class", items)


# --- ConfliBERT BIO spans ---------------------------------------------------------------------------

_NO_SPACE_BEFORE = frozenset(
    {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "”", "...", "'s", "’s", "n't"}
)
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "€", "£", "¥", "“", "‘", "#"})
_APOSTROPHES = frozenset({"'", "’", "´", "`"})
_CLITICS = frozenset({"s", "t", "re", "ve", "ll", "d", "m"})
_INFIX = frozenset({"-", "/"})
_ABBREV = re.compile(r"(?:\w\.)+")  # U.S., U.N.


def _accent_piece(tok: str) -> bool:
    """A lone non-ASCII letter split off a word by the tokenizer ("P é rez", "Go ñ i")."""
    return len(tok) == 1 and not tok.isascii() and unicodedata.category(tok).startswith("L")


def join_tokens(tokens: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """Rebuild a sentence from word-piece tokens; returns the text and each token's offsets.

    The spaCy parser behind the coder reads "Baghdad’s forces" and "U.S.-backed" far better
    than the tokenised "Baghdad ’ s forces" and "U.S. - backed", so spacing follows English
    typography: none before , . ) % ’s n't, none after ( $ “, none around word-internal - and /.
    """
    n = len(tokens)
    space = [i > 0 for i in range(n)]  # space[i]: a space goes before token i
    double_open = single_open = False
    for i, tok in enumerate(tokens):
        prev = tokens[i - 1] if i else ""
        nxt = tokens[i + 1] if i + 1 < n else ""
        if tok in _APOSTROPHES and nxt.lower() in _CLITICS and prev[-1:].isalpha():
            space[i] = False  # Baghdad ’ s -> Baghdad’s, don ’ t -> don’t
            space[i + 1] = False
        elif (
            tok in {"'", "’"}
            and not single_open
            and prev.endswith("s")
            and len(prev) > 2
            and nxt[:1].isalpha()
        ):
            space[i] = False  # plural possessive: the Kurds' role
        elif tok == "'":
            if single_open:
                space[i] = False
            elif i + 1 < n:
                space[i + 1] = False
            single_open = not single_open
        elif tok == "’":
            space[i] = False  # closing quote
        elif tok == '"':
            if double_open:
                space[i] = False
            elif i + 1 < n:
                space[i + 1] = False
            double_open = not double_open
        elif tok in _NO_SPACE_BEFORE:
            space[i] = False
        if tok in _NO_SPACE_AFTER and i + 1 < n:
            space[i + 1] = False
        if tok in _INFIX and (prev[-1:].isalnum() or _ABBREV.fullmatch(prev)) and nxt[:1].isalnum():
            space[i] = False
            space[i + 1] = False
        if tok in {":", "."} and prev.isdigit() and nxt.isdigit():
            space[i + 1] = False  # 06 : 00 -> 06:00, 6 . 3 -> 6.3
        if tok == "," and prev.isdigit() and len(nxt) == 3 and nxt.isdigit():
            space[i + 1] = False  # 88 , 550 , 000 -> 88,550,000
        if _accent_piece(tok):
            if prev[-1:].isalpha():
                space[i] = False
            if nxt[:1].islower():
                space[i + 1] = False
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    pos = 0
    for tok, sp in zip(tokens, space, strict=True):
        if sp:
            parts.append(" ")
            pos += 1
        parts.append(tok)
        offsets.append((pos, pos + len(tok)))
        pos += len(tok)
    return "".join(parts), offsets


_ROLE = {"S": "source", "T": "target", "R": "both"}


def _bio_item(path: Path, first_line: int, rows: list[tuple[int, str, str]]) -> GoldItem:
    text, offsets = join_tokens([tok for _, tok, _ in rows])
    spans: list[GoldSpan] = []
    current: tuple[str, int, int] | None = None  # (kind, first token, last token)

    def close() -> None:
        if current is not None:
            kind, a, b = current
            start, end = offsets[a][0], offsets[b][1]
            spans.append(GoldSpan(_ROLE[kind], text[start:end], start, end))

    for i, (_, _, tag) in enumerate(rows):
        if tag == "O":
            close()
            current = None
        elif tag.startswith("B-") or current is None or current[0] != tag[2]:
            close()  # an I- tag that continues nothing starts a span (the CoNLL convention)
            current = (tag[2], i, i)
        else:
            current = (current[0], current[1], i)
    close()
    return GoldItem(
        id=f"{path.name}:{first_line}", text=text, origin=f"{path}:{first_line}", spans=tuple(spans)
    )


def _read_bio(path: Path, text: str) -> GoldSet:
    items: list[GoldItem] = []
    rows: list[tuple[int, str, str]] = []
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            if rows:
                items.append(_bio_item(path, rows[0][0], rows))
                rows = []
            continue
        parts = line.split()
        if len(parts) != 2:
            raise DataFileError(str(path), n, f"expected 'token TAG', got {len(parts)} fields")
        tok, tag = parts
        if not _BIO_TAG.fullmatch(tag):
            raise DataFileError(str(path), n, f"tag {tag!r} is not O, B-S/I-S, B-T/I-T or B-R/I-R")
        rows.append((n, tok, tag))
    if rows:
        items.append(_bio_item(path, rows[0][0], rows))
    return GoldSet(str(path), "conflibert-bio", items)


# --- PLOVER gold standard (JSON list) -----------------------------------------------------------


@cache
def known_countries() -> frozenset[str]:
    """ISO alpha-3 codes Detente knows as states, plus the territories gold files use."""
    rows = tables.read_table("detente.actors", "countries.tsv")
    return frozenset(r["code"] for r in rows) | ISO_TERRITORIES


def plover_country(code: str | None) -> str | None:
    """The ISO country of a PLOVER gold actor code, or None for IGO/NGO/group codes."""
    if not code:
        return None
    code = code.strip().upper()[:3]
    code = PLOVER_COUNTRY_FIXES.get(code, code)
    return code if code in known_countries() else None


def _plover_actors(value: Any, where: str, path: Path) -> tuple[GoldActor, ...]:
    if not isinstance(value, list):  # the file writes "" (and once "diplomatic") for no actor
        return ()
    out = []
    for a in value:
        if not isinstance(a, dict) or "code" not in a:
            raise DataFileError(str(path), None, f"{where}: an actor is not an object with a 'code'")
        sector = a.get("sector") or None
        if sector is not None and not re.fullmatch(r"[A-Za-z]{3,}", sector):
            sector = None  # '***' = unknown
        out.append(GoldActor(a.get("actorText") or None, plover_country(a["code"]), sector, a["code"]))
    return tuple(out)


def _read_plover(path: Path, text: str) -> GoldSet:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise DataFileError(str(path), e.lineno, f"not valid JSON ({e.msg})") from None
    if not isinstance(data, list):
        raise DataFileError(str(path), None, "a PLOVER gold file is a JSON list of objects")
    plover_names = {t for t, _ in tables.plover_types()}
    items: list[GoldItem] = []
    skipped: list[str] = []
    for i, obj in enumerate(data):
        where = f"item {i}"
        if not isinstance(obj, dict):
            raise DataFileError(str(path), None, f"{where} is not an object")
        ident = str(obj.get("id") or f"{path.name}#{i}")
        where = f"item {i} ({ident})"
        event_v05 = obj.get("event")
        if event_v05 == "DOCUMENT":
            skipped.append(f"{where}: DOCUMENT record (file documentation, not an event)")
            continue
        sentence = obj.get("text")
        if not isinstance(sentence, str) or not sentence.strip():
            raise DataFileError(str(path), None, f"{where}: no 'text'")
        if not isinstance(event_v05, str):
            raise DataFileError(str(path), None, f"{where}: no 'event'")
        event = PLOVER_V05_TO_V2.get(event_v05, event_v05)
        if event not in plover_names:
            raise DataFileError(str(path), None, f"{where}: {event_v05!r} is not a PLOVER event type")
        date = None
        if obj.get("date"):
            try:
                date = dt.date.fromisoformat(obj["date"])
            except (TypeError, ValueError):
                raise DataFileError(
                    str(path), None, f"{where}: date {obj['date']!r} is not YYYY-MM-DD"
                ) from None
        loc = obj.get("eventLoc")
        location = None
        if isinstance(loc, dict) and loc.get("name"):
            location = GoldLocation(loc["name"], None)
        gold = PloverGold(
            event=event,
            event_v05=event_v05,
            mode=obj.get("mode") or None,
            sources=_plover_actors(obj.get("source"), where, path),
            targets=_plover_actors(obj.get("target"), where, path),
            location=location,
        )
        items.append(GoldItem(id=ident, text=sentence.strip(), origin=f"{path}#{i}", date=date, plover=gold))
    return GoldSet(str(path), "plover", items, skipped)


# --- Detente's own gold format (JSON lines) --------------------------------------------------------

_ITEM_KEYS = {"id", "text", "date", "tags", "note", "events"}
_EVENT_KEYS = {
    "source",
    "target",
    "cameo",
    "date",
    "date_precision",
    "historical",
    "location",
    "negated",
    "modality",
}
_OPTIONAL_EVENT_KEYS = _EVENT_KEYS - {"source", "target", "cameo"}


class _Invalid(Exception):
    """A problem in one JSON line; the reader adds file:line."""


def _check_keys(obj: dict[str, Any], allowed: set[str], where: str) -> None:
    extra = sorted(set(obj) - allowed)
    if extra:
        prefix = f"{where}: " if where else ""
        raise _Invalid(f"{prefix}unknown key {extra[0]!r} (allowed: {', '.join(sorted(allowed))})")


def _opt_str(obj: dict[str, Any], key: str, where: str) -> str | None:
    value = obj.get(key)
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise _Invalid(f"{where}{key}: expected a non-empty string or null, got {value!r}")
    return value


def _actor(value: Any, where: str, text: str) -> GoldActor | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise _Invalid(f"{where}: expected an object {{text, country, sector}} or null")
    _check_keys(value, {"text", "country", "sector"}, where)
    words = _opt_str(value, "text", f"{where}.")
    if words is not None and words not in text:
        raise _Invalid(f"{where}.text: {words!r} is not a substring of the item's text")
    country = _opt_str(value, "country", f"{where}.")
    if country is not None and not _COUNTRY.fullmatch(country):
        raise _Invalid(f"{where}.country: {country!r} is not an upper-case country, region or IGO code")
    sector = _opt_str(value, "sector", f"{where}.")
    if sector is not None and not _SECTOR.fullmatch(sector):
        raise _Invalid(f"{where}.sector: {sector!r} is not an upper-case sector code such as GOV")
    return GoldActor(words, country, sector, country)


def _bool(event: dict[str, Any], key: str, where: str) -> bool:
    value = event.get(key, False)
    if not isinstance(value, bool):
        raise _Invalid(f"{where}.{key}: expected true or false, got {value!r}")
    return value


def _event(value: Any, where: str, text: str) -> GoldEvent:
    if not isinstance(value, dict):
        raise _Invalid(f"{where}: expected an object")
    _check_keys(value, _EVENT_KEYS, where)
    for key in ("source", "target", "cameo"):
        if key not in value:
            raise _Invalid(f"{where}: missing {key!r}" + (f" (null for no {key})" if key != "cameo" else ""))
    cameo = value["cameo"]
    if not isinstance(cameo, str) or not tables.is_code(cameo):
        raise _Invalid(f'{where}.cameo: {cameo!r} is not a CAMEO code (a string such as "033")')
    date = _opt_str(value, "date", f"{where}.")
    shape = None
    if date is not None:
        shape = next((p for rx, p in _DATE_SHAPES if rx.fullmatch(date)), None)
        if shape is None:
            raise _Invalid(f"{where}.date: {date!r} is not YYYY-MM-DD, YYYY-MM or YYYY")
        try:
            dt.date.fromisoformat(
                date if shape == "day" else f"{date}-01" if shape == "month" else f"{date}-01-01"
            )
        except ValueError:
            raise _Invalid(f"{where}.date: {date!r} is not a real date") from None
    if "date_precision" in value:
        precision = value["date_precision"]
        if precision is not None and precision not in PRECISIONS:
            raise _Invalid(f"{where}.date_precision: {precision!r} is not day, month, year or null")
        if precision != shape:
            raise _Invalid(f"{where}.date_precision: {precision!r} does not fit the date {date!r}")
    else:
        precision = shape
    location = None
    loc = value.get("location")
    if loc is not None:
        if not isinstance(loc, dict):
            raise _Invalid(f"{where}.location: expected an object {{name, country}} or null")
        _check_keys(loc, {"name", "country"}, f"{where}.location")
        name = _opt_str(loc, "name", f"{where}.location.")
        country = _opt_str(loc, "country", f"{where}.location.")
        if name is None and country is None:
            raise _Invalid(f"{where}.location: give a name, a country or both (or null for no place)")
        if country is not None and not _COUNTRY.fullmatch(country):
            raise _Invalid(f"{where}.location.country: {country!r} is not an upper-case country code")
        location = GoldLocation(name, country)
    modality = value.get("modality", "asserted")
    if modality not in MODALITIES:
        raise _Invalid(f"{where}.modality: {modality!r} is not one of {', '.join(MODALITIES)}")
    annotated = frozenset(k for k in _OPTIONAL_EVENT_KEYS if k in value)
    if "date" in value:
        annotated |= {"date_precision"}
    return GoldEvent(
        source=_actor(value["source"], f"{where}.source", text),
        target=_actor(value["target"], f"{where}.target", text),
        cameo=cameo,
        date=date,
        date_precision=precision,
        historical=_bool(value, "historical", where),
        location=location,
        negated=_bool(value, "negated", where),
        modality=modality,
        annotated=annotated,
    )


def _detente_item(obj: Any) -> tuple[GoldItem, str]:
    if not isinstance(obj, dict):
        raise _Invalid("expected a JSON object per line")
    _check_keys(obj, _ITEM_KEYS, "")
    for key in ("id", "text", "events"):
        if key not in obj:
            raise _Invalid(f"missing {key!r}")
    ident = obj["id"]
    if not isinstance(ident, str | int) or isinstance(ident, bool) or not str(ident).strip():
        raise _Invalid(f"id: expected a non-empty string, got {ident!r}")
    text = obj["text"]
    if not isinstance(text, str) or not text.strip():
        raise _Invalid("text: expected a non-empty string")
    date = None
    if obj.get("date") is not None:
        try:
            date = dt.date.fromisoformat(obj["date"])
        except (TypeError, ValueError):
            raise _Invalid(f"date: {obj['date']!r} is not a publication date YYYY-MM-DD") from None
    tags = obj.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, str) and _TAG.fullmatch(t) for t in tags):
        raise _Invalid(f'tags: expected a list of lower-case words such as "passive", got {tags!r}')
    note = _opt_str(obj, "note", "")
    events = obj["events"]
    if not isinstance(events, list):
        raise _Invalid("events: expected a list (empty when the text has no codable event)")
    gold_events = tuple(_event(e, f"events[{k}]", text) for k, e in enumerate(events))
    item = GoldItem(
        id=str(ident),
        text=text,
        origin="",
        date=date,
        events=gold_events,
        tags=tuple(dict.fromkeys(tags)),
        note=note,
    )
    return item, str(ident)


def _read_detente(path: Path, text: str) -> GoldSet:
    items: list[GoldItem] = []
    seen: dict[str, int] = {}
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        try:
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                raise _Invalid(f"not valid JSON ({e.msg} at column {e.colno})") from None
            item, ident = _detente_item(obj)
        except _Invalid as e:
            raise DataFileError(str(path), n, str(e)) from None
        if ident in seen:
            raise DataFileError(str(path), n, f"id {ident!r} is already used on line {seen[ident]}")
        seen[ident] = n
        items.append(replace(item, origin=f"{path}:{n}"))
    if not items:
        raise DataFileError(str(path), None, "no gold items (one JSON object per line expected)")
    return GoldSet(str(path), "detente", items)
