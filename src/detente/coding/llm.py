"""Optional LLM coding backend: sentences and a compact codebook go to an OpenAI-compatible server.

Never the default. The rule coder explains every event by a dictionary row; this backend asks a
language model served locally (llama.cpp's `llama-server`, vLLM) or remotely instead, and
trusts nothing it returns:

1. Each request carries the system prompt of `coding/data/llm_prompt.md` (instructions and
   codebook), the publication date, the previous sentence for context and the sentence(s).
2. The first JSON object with an "events" list is taken from the reply (models wrap JSON in
   prose, code fences or <think> blocks); `response_format` asks for JSON but is not relied on.
3. Every event is checked: the CAMEO code must exist in the tables, actor codes must be well
   formed and name a known state, region, organisation or group, dates must be YYYY, YYYY-MM or
   YYYY-MM-DD, modality one of `records.MODALITIES`; source, target and trigger text must occur
   in the sentence, which gives their character offsets. A bad event is dropped with a problem
   line; a bad reply or a failed request costs its sentences their events, never the article.
4. Connection errors, timeouts, HTTP 5xx (and 408/429) are retried with exponential backoff;
   other 4xx are reported at once. An optional request rate limit protects shared servers.

Uses the standard library only (urllib, json), so it adds no dependency.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from detente.coding import tables
from detente.errors import UsageError
from detente.records import MODALITIES, Actor, Article, Event, Evidence, Mention, Sentence, Span
from detente.when_where.dates import interval, is_historical

URL_ENV = "DETENTE_LLM_URL"
MODEL_ENV = "DETENTE_LLM_MODEL"
KEY_ENV = "DETENTE_LLM_API_KEY"

RETRY_STATUS = frozenset({408, 429})  # 4xx that mean "try again later", retried like 5xx
MAX_RETRY_AFTER = 60.0  # seconds; a longer Retry-After is capped
DEFAULT_CONFIDENCE = 0.5

_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_ACTOR_CODE = re.compile(r"[A-Z][A-Z0-9]{2,23}")
_SECTOR = re.compile(r"[A-Z][A-Z0-9]{1,14}")
_THINK = re.compile(r"<think>.*?</think>", re.S | re.I)
_COMMENT = re.compile(r"\A\s*<!--.*?-->\s*", re.S)
_QUOTES = "'\u2018\u2019\u201a\u201b\"\u201c\u201d\u201e\u201f`\u00b4"
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"


def _env(name: str) -> str:
    return os.environ.get(name, "").strip()


@dataclass
class LLMSettings:
    """Where the model is served and how hard to try; defaults come from the environment.

    `url` is the API base that ends in /v1 (DETENTE_LLM_URL); `model` the served model's name
    (DETENTE_LLM_MODEL; when empty it is left out of the request and taken from the reply);
    `api_key` is sent as a bearer token (DETENTE_LLM_API_KEY). `timeout` bounds each network
    wait in seconds; `max_retries` counts extra tries after the first; `backoff` is the first
    pause between tries, doubled each time. `batch` sentences go in one request and
    `max_tokens` bounds each reply. `requests_per_second` (None = unlimited) spaces requests.
    `json_mode` sends response_format json_object (turn off for servers that reject it);
    `prompt_file` replaces the packaged system prompt.
    """

    url: str = field(default_factory=lambda: _env(URL_ENV))
    model: str = field(default_factory=lambda: _env(MODEL_ENV))
    api_key: str | None = field(default_factory=lambda: _env(KEY_ENV) or None)
    timeout: float = 60.0
    max_retries: int = 2
    backoff: float = 1.0
    temperature: float = 0.0
    batch: int = 1
    max_tokens: int = 1024
    requests_per_second: float | None = None
    json_mode: bool = True
    prompt_file: str | Path | None = None


class _Failed(Exception):
    """A request or reply that gives no events for its sentences; the message is the problem."""


class _Drop(Exception):
    """One event that fails validation; the message says why."""


# --- the prompt and the actor codes it allows -------------------------------------------------------


def load_prompt(path: str | Path | None = None) -> str:
    """The system prompt: the packaged llm_prompt.md (or `path`) without its leading comment."""
    if path is None:
        text = resources.files("detente.coding").joinpath("data", "llm_prompt.md").read_text("utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    return _COMMENT.sub("", text, count=1).strip() + "\n"


@cache
def _known_places() -> dict[str, tuple[str, str]]:
    """Actor "country" values the knowledge base knows -> (name, kind): states, regions, IGOs, groups."""
    out: dict[str, tuple[str, str]] = {}
    for r in tables.read_table("detente.actors", "groups.tsv"):
        if r.get("country"):
            out.setdefault(r["country"], (r["country"], "group"))
    for r in tables.read_table("detente.actors", "organizations.tsv"):
        if r.get("country") and r["code"].startswith("IGO"):
            out[r["country"]] = (r["country"], "igo")
    for r in tables.read_table("detente.actors", "regions.tsv"):
        out[r["code"]] = (r["name"], "region")
    for r in tables.read_table("detente.actors", "countries.tsv"):
        out[r["code"]] = (r["name"], "state")
    return out


@cache
def _org_names() -> dict[str, str]:
    """Full organisation codes with one name (shared codes such as USAMED name no single body)."""
    names: dict[str, set[str]] = {}
    for r in tables.read_table("detente.actors", "organizations.tsv"):
        names.setdefault(r["code"], set()).add(r["name"])
    return {code: next(iter(n)) for code, n in names.items() if len(n) == 1}


# --- finding the model's words in the sentence ------------------------------------------------------


def _tolerant(needle: str) -> re.Pattern[str]:
    """A pattern for `needle` that forgives what models change: spacing, quote and dash styles."""
    parts = []
    for ch in needle:
        if ch.isspace():
            if not parts or parts[-1] != r"\s+":
                parts.append(r"\s+")
        elif ch in _QUOTES:
            parts.append("[" + re.escape(_QUOTES) + "]")
        elif ch in _DASHES:
            parts.append("[" + re.escape(_DASHES) + "]")
        else:
            parts.append(re.escape(ch))
    return re.compile("".join(parts), re.I)


def _whole(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] does not cut a word at either end."""
    before = start == 0 or not (text[start - 1].isalnum() and text[start].isalnum())
    after = end == len(text) or not (text[end - 1].isalnum() and text[end].isalnum())
    return before and after


def find_text(needle: str, sentence: str, near: int | None = None) -> tuple[int, int] | None:
    """Character offsets of `needle` in `sentence`: exact match first, then case-insensitive,
    then forgiving spacing, quotes and dashes. Whole-word occurrences beat parts of words; of
    several, the one nearest `near` (the trigger) wins, else the first. None when absent."""
    needle = needle.strip()
    if not needle:
        return None
    tries = (re.compile(re.escape(needle)), re.compile(re.escape(needle), re.I), _tolerant(needle))
    for pattern in tries:
        hits = [(m.start(), m.end()) for m in pattern.finditer(sentence) if m.end() > m.start()]
        words = [h for h in hits if _whole(sentence, *h)]
        hits = words or hits  # "it" is the word, not the letters inside "with"
        if hits:
            if near is None:
                return hits[0]
            return min(hits, key=lambda h: (abs(h[0] - near), h[0]))
    return None


# --- reading the reply ------------------------------------------------------------------------------


def extract_json(text: str) -> dict[str, Any] | None:
    """The first JSON object with an "events" key in a model's reply, wherever it sits in prose,
    code fences or after a <think> block; None when there is none."""
    text = _THINK.sub("", text)
    decoder = json.JSONDecoder()
    pos = 0
    while True:
        start = text.find("{", pos)
        if start < 0:
            return None
        try:
            obj, end = decoder.raw_decode(text, start)
        except ValueError:
            pos = start + 1
            continue
        if isinstance(obj, dict) and "events" in obj:
            return obj
        pos = end  # a complete object without "events": skip it whole, not its insides


def _reply_content(reply: Any) -> tuple[str, str | None, str | None]:
    """(message text, finish reason, model name) of an OpenAI chat completion."""
    try:
        choice = reply["choices"][0]
        content = choice["message"]["content"]
    except (KeyError, IndexError, TypeError):
        raise _Failed("server reply is not an OpenAI chat completion (no choices[0].message)") from None
    if not isinstance(content, str) or not content.strip():
        raise _Failed("model returned an empty message")
    model = reply.get("model") if isinstance(reply.get("model"), str) else None
    return content, choice.get("finish_reason"), model


def _excerpt(text: str, n: int = 80) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= n else text[: n - 1] + "…")


# --- the coder --------------------------------------------------------------------------------------


class LLMCoder:
    """Codes sentences with a model behind an OpenAI-compatible /chat/completions endpoint."""

    def __init__(self, settings: LLMSettings | None = None) -> None:
        s = settings or LLMSettings()
        if not s.url:
            raise UsageError(
                f"no LLM server given: set {URL_ENV} to an OpenAI-compatible API base, e.g. "
                f"{URL_ENV}=http://127.0.0.1:8080/v1 for llama.cpp's llama-server (see docs/llm.md)"
            )
        parsed = urllib.parse.urlparse(s.url)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise UsageError(f"{URL_ENV}={s.url!r} is not an http(s) URL such as http://127.0.0.1:8080/v1")
        if s.batch < 1 or s.max_retries < 0 or s.timeout <= 0 or s.max_tokens < 1 or s.backoff < 0:
            raise UsageError(
                "LLM settings: batch and max_tokens must be >= 1, max_retries and backoff >= 0, timeout > 0"
            )
        if s.requests_per_second is not None and s.requests_per_second <= 0:
            raise UsageError("LLM settings: requests_per_second must be > 0 (None for unlimited)")
        self.settings = s
        base = s.url.rstrip("/")
        self.endpoint = base if base.endswith("/chat/completions") else base + "/chat/completions"
        self.system_prompt = load_prompt(s.prompt_file)
        local = parsed.hostname in ("127.0.0.1", "localhost", "::1")
        # A local server is reached directly even when the environment sets an HTTP proxy.
        handlers = [urllib.request.ProxyHandler({})] if local else []
        self._opener = urllib.request.build_opener(*handlers)
        self._lock = threading.Lock()
        self._next_slot = 0.0

    # --- public ---------------------------------------------------------------------------------------
    def code_sentences(self, article: Article, sentences: list[Sentence]) -> tuple[list[Event], list[str]]:
        """Events of each sentence and one problem line per failed request, reply or event.

        A failure costs only the sentences of that request (or one event); the rest go on.
        """
        events: list[Event] = []
        problems: list[str] = []
        size = self.settings.batch
        for i in range(0, len(sentences), size):
            chunk = sentences[i : i + size]
            previous = sentences[i - 1] if i > 0 else None
            where = self._where(article, chunk)
            try:
                reply = self._post(self.request_body(article, chunk, previous))
                content, finish, served = _reply_content(reply)
                data = extract_json(content)
                if data is None:
                    cut = " (reply cut off at max_tokens)" if finish == "length" else ""
                    raise _Failed(f"model returned invalid JSON{cut}: {_excerpt(content)}")
                raw_events = data["events"]
                if not isinstance(raw_events, list):
                    raise _Failed('model returned JSON whose "events" is not a list')
            except _Failed as exc:
                problems.append(f"{where}: {exc}")
                continue
            rule = f"llm:{self.settings.model or served or 'unknown'}"
            for n, raw in enumerate(raw_events, 1):
                try:
                    sent = self._sentence_of(raw, chunk)
                    events.append(self._event(raw, article, sent, rule))
                except _Drop as exc:
                    problems.append(f"{where}: event {n} dropped: {exc}")
        return events, problems

    def request_body(
        self, article: Article, chunk: list[Sentence], previous: Sentence | None
    ) -> dict[str, Any]:
        """The chat-completion request for `chunk` (what is sent, so tests and users can see it)."""
        s = self.settings
        lines = [f"Publication date: {article.date.isoformat() if article.date else 'unknown'}"]
        if article.title:
            lines.append(f"Headline (context only): {article.title}")
        if previous is not None:
            lines.append(f"Previous sentence (context only, do not code): {previous.text}")
        if len(chunk) == 1:
            lines.append(f"Sentence: {chunk[0].text}")
        else:
            lines.append('Sentences to code (give each event "sentence": its number):')
            lines += [f"[{k}] {sent.text}" for k, sent in enumerate(chunk, 1)]
        body: dict[str, Any] = {
            "messages": [
                {"role": "system", "content": self.system_prompt},
                {"role": "user", "content": "\n".join(lines)},
            ],
            "temperature": s.temperature,
            "max_tokens": s.max_tokens,
            "stream": False,
        }
        if s.model:
            body["model"] = s.model
        if s.json_mode:
            body["response_format"] = {"type": "json_object"}
        return body

    # --- HTTP -----------------------------------------------------------------------------------------
    def _throttle(self) -> None:
        rps = self.settings.requests_per_second
        if rps is None:
            return
        with self._lock:
            now = time.monotonic()
            if self._next_slot > now:
                time.sleep(self._next_slot - now)
                now = self._next_slot
            self._next_slot = now + 1.0 / rps

    def _post(self, body: dict[str, Any]) -> Any:
        """POST with retries; returns the decoded JSON reply or raises _Failed with the reason."""
        s = self.settings
        data = json.dumps(body).encode("utf-8")
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if s.api_key:
            headers["Authorization"] = f"Bearer {s.api_key}"
        tries = 1 + s.max_retries
        last = "no request made"
        wait = 0.0
        for attempt in range(tries):
            if attempt:
                time.sleep(max(wait, s.backoff * 2 ** (attempt - 1)))
            wait = 0.0
            self._throttle()
            request = urllib.request.Request(self.endpoint, data=data, headers=headers, method="POST")
            try:
                with self._opener.open(request, timeout=s.timeout) as resp:
                    raw = resp.read()
            except urllib.error.HTTPError as exc:
                detail = _error_detail(exc)
                if exc.code >= 500 or exc.code in RETRY_STATUS:
                    last = f"HTTP {exc.code}{detail}"
                    wait = _retry_after(exc)
                    continue
                raise _Failed(
                    f"HTTP {exc.code}{detail} (not retried: the server refused the request)"
                ) from None
            except TimeoutError:
                last = f"timed out (no answer within {s.timeout:g} s)"
                continue
            except urllib.error.URLError as exc:
                if isinstance(exc.reason, TimeoutError):
                    last = f"timed out (no connection within {s.timeout:g} s)"
                else:
                    last = f"cannot connect to {self.endpoint} ({exc.reason})"
                continue
            except (OSError, http.client.HTTPException) as exc:
                last = f"connection failed ({type(exc).__name__}: {exc})"
                continue
            try:
                return json.loads(raw)
            except ValueError:
                text = raw.decode("utf-8", "replace")
                raise _Failed(f"server reply is not JSON: {_excerpt(text)}") from None
        raise _Failed(f"{last} after {tries} {'try' if tries == 1 else 'tries'}")

    # --- validation -----------------------------------------------------------------------------------
    @staticmethod
    def _where(article: Article, chunk: list[Sentence]) -> str:
        if len(chunk) == 1:
            return f"{article.name} sentence {chunk[0].index}"
        return f"{article.name} sentences {chunk[0].index}-{chunk[-1].index}"

    @staticmethod
    def _sentence_of(raw: Any, chunk: list[Sentence]) -> Sentence:
        if len(chunk) == 1:
            return chunk[0]
        k = raw.get("sentence") if isinstance(raw, dict) else None
        if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= len(chunk):
            raise _Drop(f'"sentence" must be a number from 1 to {len(chunk)}, not {k!r}')
        return chunk[k - 1]

    def _event(self, raw: Any, article: Article, sent: Sentence, rule: str) -> Event:
        """One validated Event from one raw event of the model, or _Drop with the reason."""
        if not isinstance(raw, dict):
            raise _Drop("not a JSON object")
        text = sent.text
        notes: list[str] = []
        cameo = raw.get("cameo")
        if not isinstance(cameo, str):
            raise _Drop(f'cameo must be a string such as "036", not {cameo!r}')
        cameo = cameo.strip()
        if not tables.is_code(cameo):
            raise _Drop(f"unknown CAMEO code {cameo!r}")
        row = tables.lookup(cameo)

        trig = raw.get("trigger")
        if trig is None or (isinstance(trig, str) and not trig.strip()):
            trigger = Span("", 0, 0)
            notes.append("model gave no trigger")
        elif isinstance(trig, str):
            found = find_text(trig, text)
            if found is None:
                raise _Drop(f"trigger text {trig!r} not in sentence")
            trigger = Span(text[found[0] : found[1]], *found)
        else:
            raise _Drop(f"trigger must be text, not {trig!r}")
        near = trigger.start if trigger.text else None

        for key in ("source", "target"):
            if key not in raw:
                raise _Drop(f"no {key} (give null when the sentence names none)")
        source = self._mention(raw["source"], "source", text, near, rule)
        target = self._mention(raw["target"], "target", text, near, rule)
        if source is None and target is None:
            raise _Drop("neither source nor target")

        date, precision, own_date = raw.get("date"), None, True
        if date is None:
            own_date = False
            if article.date is not None:
                date, precision = article.date.isoformat(), "day"
                notes.append("date from publication date")
        elif not isinstance(date, str) or not _DATE.fullmatch(date.strip()):
            raise _Drop(f"date must be YYYY, YYYY-MM or YYYY-MM-DD, not {date!r}")
        else:
            date = date.strip()
            try:
                interval(date)
            except ValueError:
                raise _Drop(f"date {date!r} is not a real date") from None
            precision = {4: "year", 7: "month", 10: "day"}[len(date)]

        flags: dict[str, bool] = {}
        for key in ("historical", "negated"):
            value = raw.get(key, False)
            if not isinstance(value, bool):
                raise _Drop(f"{key} must be true or false, not {value!r}")
            flags[key] = value
        # Like the rule coder: an explicit date over a month before publication is background.
        historical = flags["historical"] or (own_date and is_historical(date, precision, article.date))
        modality = raw.get("modality", "asserted")
        if modality not in MODALITIES:
            raise _Drop(f"modality must be one of {', '.join(MODALITIES)}, not {modality!r}")

        conf = raw.get("confidence")
        if isinstance(conf, int | float) and not isinstance(conf, bool) and 0 <= conf <= 1:
            confidence = float(conf)
        else:
            confidence = DEFAULT_CONFIDENCE
            bad = "no confidence" if conf is None else f"confidence {conf!r} outside 0..1"
            notes.append(f"model gave {bad}; {DEFAULT_CONFIDENCE} used")

        place_text = None
        place = raw.get("place")
        if isinstance(place, str) and place.strip():
            found = find_text(place, text, near)
            if found is None:
                notes.append(f"model's place {place!r} not in sentence, ignored")
            else:
                place_text = text[found[0] : found[1]]

        return Event(
            doc_id=article.name,
            article_id=article.id,
            sentence_index=sent.index,
            sentence=text,
            source=source,
            target=target,
            cameo=row.code,
            cameo_root=row.root,
            quad_class=row.quad_gdelt,
            goldstein=row.goldstein,
            plover=row.plover,
            plover_mode=row.plover_mode,
            mutual=row.mutual,
            date=date,
            date_precision=precision,
            historical=historical,
            location=None,
            negated=flags["negated"],
            modality=modality,
            confidence=confidence,
            evidence=Evidence(trigger=trigger, rule=rule, location_text=place_text, notes=tuple(notes)),
        )

    @staticmethod
    def _mention(raw: Any, role: str, sentence: str, near: int | None, rule: str) -> Mention | None:
        """A Mention at the actor's own words in the sentence, or None for a null actor."""
        if raw is None:
            return None
        if not isinstance(raw, dict):
            raise _Drop(f"{role} must be an object or null, not {raw!r}")
        for key in ("text", "code", "country", "sector"):
            if key not in raw:
                raise _Drop(f"{role} has no {key!r} (null allowed for country and sector)")
        words, code, country, sector = raw["text"], raw["code"], raw["country"], raw["sector"]
        if not isinstance(words, str) or not words.strip():
            raise _Drop(f"{role} text must be the actor's words in the sentence, not {words!r}")
        if not isinstance(code, str) or not _ACTOR_CODE.fullmatch(code):
            raise _Drop(f"{role} code {code!r} is not an actor code such as RUSGOV or IGOUNO")
        if country is not None:
            if not isinstance(country, str) or country not in _known_places():
                raise _Drop(f"{role} country {country!r} is not a known state, region, organisation or group")
            if not (code.startswith(country) or code.startswith("IGO" + country)):
                raise _Drop(f"{role} code {code!r} does not start with its country {country!r}")
        if sector is not None and (not isinstance(sector, str) or not _SECTOR.fullmatch(sector)):
            raise _Drop(f"{role} sector {sector!r} is not a sector code such as GOV or MIL")
        found = find_text(words, sentence, near)
        if found is None:
            raise _Drop(f"{role} text {words!r} not in sentence")
        start, end = found
        actor = Actor(code, country, sector, *_name_and_kind(code, country, sentence[start:end]))
        return Mention(sentence[start:end], start, end, actor, rule)


def _name_and_kind(code: str, country: str | None, words: str) -> tuple[str, str]:
    """The knowledge base's name for an actor code (the sentence's words when it has none)."""
    places = _known_places()
    if code in _org_names():
        return _org_names()[code], "igo" if code.startswith("IGO") else "group"
    if code.startswith("NGO"):
        return words, "group"
    if country in places:
        name, kind = places[country]
        return (words if kind in ("group", "igo") else name), kind
    return words, "agent"


def _error_detail(exc: urllib.error.HTTPError) -> str:
    """The server's own error message (OpenAI format: {"error": {"message": ...}}), shortened."""
    try:
        body = exc.read().decode("utf-8", "replace")
    except (OSError, http.client.HTTPException):
        return ""
    message = body
    try:
        data = json.loads(body)
        err = data.get("error") if isinstance(data, dict) else None
        if isinstance(err, dict) and isinstance(err.get("message"), str):
            message = err["message"]
        elif isinstance(err, str):
            message = err
    except ValueError:
        pass
    message = " ".join(message.split())
    return f": {_excerpt(message, 160)}" if message else ""


def _retry_after(exc: urllib.error.HTTPError) -> float:
    value = exc.headers.get("Retry-After") if exc.headers else None
    try:
        return min(max(float(value), 0.0), MAX_RETRY_AFTER) if value else 0.0
    except ValueError:
        return 0.0
