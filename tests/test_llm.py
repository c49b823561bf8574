"""The optional LLM coder against a real local HTTP server that speaks the OpenAI chat format.

The fake server (http.server in a thread on 127.0.0.1) answers each request from a script keyed
by the sentence it carries, so a test can make one sentence fail in a given way and check that
the others still get their events.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from detente.coding import tables
from detente.coding.llm import LLMCoder, LLMSettings, extract_json, find_text, load_prompt
from detente.errors import UsageError
from detente.records import Article, Event, Sentence

CHECK_EVENTS = Path(__file__).resolve().parents[2] / "shared" / "tools" / "check_events.py"

S0 = "Russia will keep providing Afghanistan assistance, Foreign Minister Sergey Lavrov said on Friday."
S1 = "Moscow condemned the Israeli air strikes on Gaza."
S2 = "The Taliban thanked Beijing for its support."


def actor(text: str, code: str, country: str | None, sector: str | None) -> dict[str, Any]:
    return {"text": text, "code": code, "country": country, "sector": sector}


def ev(source: dict | None, target: dict | None, cameo: str, trigger: str | None, **more: Any) -> dict:
    return {"source": source, "target": target, "cameo": cameo, "trigger": trigger, **more}


E0 = ev(
    actor("Russia", "RUSGOV", "RUS", "GOV"),
    actor("Afghanistan", "AFG", "AFG", None),
    "033",
    "providing",
    date="2024-03-15",
    historical=False,
    negated=False,
    modality="intended",
    confidence=0.9,
)
E1 = ev(  # lower-case "moscow": found case-insensitively, offsets point at "Moscow"
    actor("moscow", "RUSGOV", "RUS", "GOV"),
    actor("Israeli", "ISR", "ISR", None),
    "111",
    "condemned",
    date=None,
    modality="asserted",
    place="Gaza",
)
E2 = ev(
    actor("The Taliban", "AFGGOV", "AFG", "GOV"),
    actor("Beijing", "CHNGOV", "CHN", "GOV"),
    "051",
    "thanked",
    date="2024-03",
    confidence=0.7,
)


def answer(*events: dict) -> str:
    return json.dumps({"events": list(events)})


def completion(content: str, finish: str = "stop", model: str = "served-model") -> dict[str, Any]:
    return {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "model": model,
        "choices": [
            {"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": finish}
        ],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


@dataclass
class Reply:
    status: int = 200
    body: Any = None  # dict -> JSON, str -> sent as is
    hang: float = 0.0  # seconds to wait before answering (released at teardown)


def ok(content: str, **kw: Any) -> Reply:
    return Reply(200, completion(content, **kw))


@dataclass
class FakeServer:
    """An OpenAI-compatible server: `script[first sentence]` lists the replies to successive tries."""

    url: str = ""
    script: dict[str, list[Reply]] = field(default_factory=dict)
    requests: list[dict[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    release: threading.Event = field(default_factory=threading.Event)

    def tries(self, sentence: str) -> int:
        return sum(1 for r in self.requests if sentences_in(r["body"])[:1] == [sentence])


def sentences_in(body: dict[str, Any]) -> list[str]:
    """The sentences a request asks to code (the previous sentence is context, not counted)."""
    user = body["messages"][-1]["content"]
    one = re.findall(r"^Sentence: (.*)$", user, re.M)
    return one or re.findall(r"^\[\d+\] (.*)$", user, re.M)


class Handler(BaseHTTPRequestHandler):
    server: Any

    def do_POST(self) -> None:
        fake: FakeServer = self.server.fake
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        with fake.lock:
            fake.requests.append({"path": self.path, "headers": dict(self.headers), "body": body})
            key = (sentences_in(body) or [""])[0]
            replies = fake.script.get(key, [Reply(200, completion(answer()))])
            reply = replies[min(fake.tries(key) - 1, len(replies) - 1)]
        if reply.hang:
            fake.release.wait(reply.hang)
        data = reply.body if isinstance(reply.body, str) else json.dumps(reply.body)
        try:
            self.send_response(reply.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data.encode())))
            self.end_headers()
            self.wfile.write(data.encode())
        except OSError:  # the client gave up (timeout test)
            pass

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def server() -> Iterator[FakeServer]:
    fake = FakeServer()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.fake = fake  # type: ignore[attr-defined]
    fake.url = f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield fake
    fake.release.set()
    httpd.shutdown()
    httpd.server_close()
    thread.join(5)


def make_article(*texts: str, date: str | None = "2024-03-15") -> tuple[Article, list[Sentence]]:
    text = " ".join(texts)
    art = Article.create(text, None, date=dt.date.fromisoformat(date) if date else None, doc_id="t")
    sents, pos = [], 0
    for i, s in enumerate(texts):
        start = text.index(s, pos)
        sents.append(Sentence(art.id, i, s, start, 0))
        pos = start + len(s)
    return art, sents


def coder(server: FakeServer, **kw: Any) -> LLMCoder:
    settings = {"url": server.url, "model": "test-model", "timeout": 5.0, "max_retries": 2, "backoff": 0.01}
    return LLMCoder(LLMSettings(**{**settings, **kw}))


def contract_problems(event: Event) -> list[str]:
    """The `detente code` contract: the shared checker when it is checked out, and our own checks."""
    d = json.loads(json.dumps(event.to_dict()))
    out = []
    if CHECK_EVENTS.is_file():
        spec = importlib.util.spec_from_file_location("check_events", CHECK_EVENTS)
        assert spec and spec.loader
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        out += mod.check(d)
    sentence = d["sentence"]
    for span in (d["source"], d["target"], d["evidence"]["trigger"]):
        if span is not None and sentence[span["start"] : span["end"]] != span["text"]:
            out.append(f"span {span} does not point at its text")
    row = tables.lookup(d["cameo"])
    if (d["cameo_root"], d["quad_class"], d["goldstein"], d["plover"]) != (
        row.root,
        row.quad_gdelt,
        row.goldstein,
        row.plover,
    ):
        out.append("codes disagree with the CAMEO table")
    if d["modality"] not in ("asserted", "intended", "hypothetical", "reported"):
        out.append("bad modality")
    if not 0 <= d["confidence"] <= 1 or not d["evidence"]["rule"].startswith("llm:"):
        out.append("bad confidence or rule")
    return out


# --- a good answer ----------------------------------------------------------------------------------


def test_well_formed_answers_become_events_that_keep_the_contract(server):
    server.script = {S0: [ok(answer(E0))], S1: [ok(answer(E1))], S2: [ok(answer(E2))]}
    art, sents = make_article(S0, S1, S2)
    events, problems = coder(server).code_sentences(art, sents)
    assert problems == []
    assert [(e.sentence_index, e.cameo) for e in events] == [(0, "033"), (1, "111"), (2, "051")]
    for e in events:
        assert contract_problems(e) == [], e

    e0, e1, e2 = events
    assert e0.source and e0.target
    assert (e0.source.text, e0.source.start, e0.source.end) == ("Russia", 0, 6)
    assert S0[e0.target.start : e0.target.end] == "Afghanistan"
    assert e0.source.actor.code == "RUSGOV" and e0.source.actor.name == "Russia"
    assert (e0.cameo_root, e0.quad_class, e0.plover) == ("03", 1, "AGREE")
    assert e0.evidence.trigger.text == "providing" and S0[e0.evidence.trigger.start :].startswith("providing")
    assert e0.evidence.rule == "llm:test-model" and e0.source.rule == "llm:test-model"
    assert (e0.modality, e0.confidence, e0.date, e0.date_precision) == ("intended", 0.9, "2024-03-15", "day")
    assert e0.doc_id == "t" and e0.article_id == art.id and e0.location is None

    assert e1.source and e1.source.text == "Moscow" and (e1.source.start, e1.source.end) == (0, 6)
    assert e1.date == "2024-03-15" and "date from publication date" in e1.evidence.notes
    assert e1.confidence == 0.5 and e1.quad_class == 3 and e1.evidence.location_text == "Gaza"

    assert e2.source and e2.source.text == "The Taliban" and e2.target and e2.target.text == "Beijing"
    assert (e2.date, e2.date_precision, e2.historical) == ("2024-03", "month", False)


@pytest.mark.parametrize(
    "wrap",
    [
        lambda j: f"Here are the events I found:\n{j}\nLet me know if you need more.",
        lambda j: f"```json\n{j}\n```",
        lambda j: f'<think>The answer looks like {{not json}} and {{"events": 1</think>\n{j}',
        lambda j: f'Note {{"draft": true}} first, then: {j}',
    ],
    ids=["prose", "fenced", "think-block", "other-object-first"],
)
def test_json_wrapped_in_prose_or_fences_is_accepted(server, wrap):
    server.script = {S1: [ok(wrap(answer(E1)))]}
    art, sents = make_article(S1)
    events, problems = coder(server).code_sentences(art, sents)
    assert problems == []
    assert [e.cameo for e in events] == ["111"]


# --- bad answers cost only their sentence -----------------------------------------------------------


@pytest.mark.parametrize(
    ("reply", "problem"),
    [
        (ok('{"events": [{"cameo": "111",}]}'), "model returned invalid JSON: "),
        (ok("I cannot code this sentence."), "model returned invalid JSON: 'I cannot code this sentence.'"),
        (ok('{"events": [{"cameo": "11', finish="length"), "invalid JSON (reply cut off at max_tokens)"),
        (ok('{"events": {"cameo": "111"}}'), '"events" is not a list'),
        (Reply(200, {"result": "ok"}), "not an OpenAI chat completion"),
        (Reply(200, "<html>proxy error</html>"), "server reply is not JSON"),
        (ok("   "), "model returned an empty message"),
    ],
    ids=["trailing-comma", "prose-only", "cut-off", "events-not-list", "not-openai", "not-json", "empty"],
)
def test_a_bad_reply_gives_a_problem_line_and_the_other_sentences_still_get_events(server, reply, problem):
    server.script = {S0: [ok(answer(E0))], S1: [reply], S2: [ok(answer(E2))]}
    art, sents = make_article(S0, S1, S2)
    events, problems = coder(server).code_sentences(art, sents)
    assert [e.sentence_index for e in events] == [0, 2]
    assert len(problems) == 1
    assert problems[0].startswith("t sentence 1: ") and problem in problems[0], problems


def _with(event: dict, path: str, value: Any) -> dict:
    out = json.loads(json.dumps(event))
    *parents, last = path.split(".")
    node = out
    for p in parents:
        node = node[p]
    if value is KeyError:
        del node[last]
    else:
        node[last] = value
    return out


@pytest.mark.parametrize(
    ("path", "value", "problem"),
    [
        ("cameo", "999", "unknown CAMEO code '999'"),
        ("cameo", 111, 'cameo must be a string such as "036"'),
        ("source.text", "Germany", "source text 'Germany' not in sentence"),
        ("target.text", "Hamas", "target text 'Hamas' not in sentence"),
        ("trigger", "bombed", "trigger text 'bombed' not in sentence"),
        ("date", "2024-13", "date '2024-13' is not a real date"),
        ("date", "15 March 2024", "date must be YYYY, YYYY-MM or YYYY-MM-DD"),
        ("modality", "possible", "modality must be one of asserted, intended, hypothetical, reported"),
        ("negated", "no", "negated must be true or false"),
        ("source.country", "XXX", "source country 'XXX' is not a known state"),
        ("source.code", "rusgov", "source code 'rusgov' is not an actor code"),
        ("source.code", "ISRGOV", "source code 'ISRGOV' does not start with its country 'RUS'"),
        ("source.sector", "government", "source sector 'government' is not a sector code"),
        ("source.sector", KeyError, "source has no 'sector'"),
        ("source.text", None, "source text must be the actor's words"),
        ("target", KeyError, "no target (give null"),
        ("target", "Israel", "target must be an object or null"),
    ],
)
def test_an_invalid_event_is_dropped_with_a_reason_and_the_good_one_kept(server, path, value, problem):
    good = _with(E1, "source.text", "Moscow")
    server.script = {S1: [ok(answer(good, _with(good, path, value)))]}
    art, sents = make_article(S1)
    events, problems = coder(server).code_sentences(art, sents)
    assert [e.cameo for e in events] == ["111"]
    assert problems == [f"t sentence 0: event 2 dropped: {problems[0].split('dropped: ')[1]}"]
    assert problem in problems[0], problems


def test_an_event_without_any_actor_is_dropped(server):
    server.script = {S1: [ok(answer(ev(None, None, "111", "condemned")))]}
    art, sents = make_article(S1)
    events, problems = coder(server).code_sentences(art, sents)
    assert events == [] and problems == ["t sentence 0: event 1 dropped: neither source nor target"]


def test_lenient_fields_get_documented_defaults(server):
    s = "The United States said it will send aid with Britain in 2003."
    event = ev(actor("it", "USAGOV", "USA", "GOV"), None, "033", None, date="2003", confidence=1.7)
    server.script = {s: [ok(answer(event, _with(event, "trigger", "send")))]}
    art, sents = make_article(s)
    events, problems = coder(server).code_sentences(art, sents)
    assert problems == []
    no_trigger, with_trigger = events
    assert no_trigger.evidence.trigger.to_dict() == {"text": "", "start": 0, "end": 0}
    assert "model gave no trigger" in no_trigger.evidence.notes
    # "it" is the word, not the letters inside "United", "with" or "Britain"
    for e in events:
        assert e.source and (e.source.start, e.source.end) == (s.index(" it ") + 1, s.index(" it ") + 3)
        assert (e.date, e.date_precision, e.historical) == ("2003", "year", True)
        assert e.confidence == 0.5 and any("outside 0..1" in n for n in e.evidence.notes)
        assert e.source.actor.name == "United States" and contract_problems(e) == []
    assert with_trigger.evidence.trigger.text == "send"


def test_find_text_prefers_exact_then_case_then_tolerant_and_the_nearest_occurrence():
    s = "Russia\u2019s envoy met Russia\u2019s  critics, said RUSSIA."
    assert find_text("Russia", s) == (0, 6)
    assert find_text("Russia", s, near=20) == (s.index("Russia", 1), s.index("Russia", 1) + 6)
    assert find_text("russia", s, near=40) == (s.index("RUSSIA"), s.index("RUSSIA") + 6)
    start, end = find_text("Russia's critics", s)  # type: ignore[misc]
    assert s[start:end] == "Russia\u2019s  critics"
    assert find_text("Ukraine", s) is None and find_text("  ", s) is None


def test_extract_json_takes_the_first_object_with_events():
    assert extract_json('x {"a": 1} y {"events": [], "n": 2} z {"events": [1]}') == {"events": [], "n": 2}
    assert extract_json('{"events": [') is None
    assert extract_json("no json here") is None


# --- HTTP: retries, refusals, timeouts ----------------------------------------------------------------


def test_http_500_then_200_is_retried(server):
    server.script = {S1: [Reply(500, {"error": {"message": "busy"}}), ok(answer(E1))]}
    art, sents = make_article(S0, S1)
    events, problems = coder(server).code_sentences(art, sents)
    assert problems == []
    assert [e.sentence_index for e in events] == [1]
    assert server.tries(S1) == 2 and server.tries(S0) == 1


def test_http_500_every_time_gives_up_after_the_retries(server):
    server.script = {S1: [Reply(500, {"error": {"message": "model crashed"}})]}
    art, sents = make_article(S0, S1, S2)
    server.script.update({S0: [ok(answer(E0))], S2: [ok(answer(E2))]})
    events, problems = coder(server, max_retries=2).code_sentences(art, sents)
    assert problems == ["t sentence 1: HTTP 500: 'model crashed' after 3 tries"]
    assert [e.sentence_index for e in events] == [0, 2] and server.tries(S1) == 3


def test_http_400_is_reported_and_not_retried(server):
    refusal = Reply(
        400, {"error": {"message": "response_format is not supported", "type": "invalid_request"}}
    )
    server.script = {S0: [ok(answer(E0))], S1: [refusal], S2: [ok(answer(E2))]}
    art, sents = make_article(S0, S1, S2)
    events, problems = coder(server).code_sentences(art, sents)
    assert len(problems) == 1
    assert problems[0].startswith("t sentence 1: HTTP 400: 'response_format is not supported' (not retried")
    assert server.tries(S1) == 1
    assert [e.sentence_index for e in events] == [0, 2]


def test_a_server_that_hangs_past_the_timeout_costs_only_its_sentence(server):
    server.script = {
        S0: [ok(answer(E0))],
        S1: [Reply(200, completion(answer(E1)), hang=10)],
        S2: [ok(answer(E2))],
    }
    art, sents = make_article(S0, S1, S2)
    t0 = time.monotonic()
    events, problems = coder(server, timeout=0.3, max_retries=1).code_sentences(art, sents)
    assert time.monotonic() - t0 < 5
    assert problems == ["t sentence 1: timed out (no answer within 0.3 s) after 2 tries"]
    assert server.tries(S1) == 2
    assert [e.sentence_index for e in events] == [0, 2]


def test_no_server_listening_gives_connection_problems_for_every_sentence():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    art, sents = make_article(S0, S1)
    settings = LLMSettings(url=f"http://127.0.0.1:{port}/v1", model="m", max_retries=1, backoff=0.01)
    events, problems = LLMCoder(settings).code_sentences(art, sents)
    assert events == [] and len(problems) == 2
    assert all("cannot connect" in p and p.endswith("after 2 tries") for p in problems), problems


def test_requests_per_second_spaces_the_requests(server):
    art, sents = make_article(S0, S1, S2)
    t0 = time.monotonic()
    coder(server, requests_per_second=10).code_sentences(art, sents)
    assert time.monotonic() - t0 >= 0.19 and len(server.requests) == 3


# --- what is sent ----------------------------------------------------------------------------------------


def test_the_request_carries_sentence_date_context_and_codebook(server):
    server.script = {S1: [ok(answer(E1))]}
    art, sents = make_article(S0, S1)
    coder(server, api_key="sekrit", max_tokens=333).code_sentences(art, sents)
    req = next(r for r in server.requests if sentences_in(r["body"]) == [S1])
    assert req["path"] == "/v1/chat/completions"
    assert req["headers"]["Authorization"] == "Bearer sekrit"
    body = req["body"]
    assert body["model"] == "test-model" and body["temperature"] == 0 and body["max_tokens"] == 333
    assert body["response_format"] == {"type": "json_object"} and body["stream"] is False
    system, user = body["messages"]
    assert system["role"] == "system" and user["role"] == "user"
    assert system["content"] == load_prompt()
    for needle in (
        "036 intent to meet or negotiate",
        "195 aerial weapons",
        "IGOSCO",
        "WST the West",
        '"events"',
    ):
        assert needle in system["content"]
    assert "<!--" not in system["content"]
    assert "Publication date: 2024-03-15" in user["content"]
    assert f"Previous sentence (context only, do not code): {S0}" in user["content"]
    assert f"Sentence: {S1}" in user["content"]


def test_without_model_or_json_mode_the_request_omits_them_and_the_reply_names_the_model(server):
    server.script = {S1: [ok(answer(E1), model="qwen2.5-7b-instruct")]}
    art, sents = make_article(S1, date=None)
    events, problems = coder(server, model="", json_mode=False).code_sentences(art, sents)
    body = server.requests[0]["body"]
    assert "model" not in body and "response_format" not in body and "Authorization" not in server.requests[0]
    assert "Publication date: unknown" in body["messages"][1]["content"]
    assert problems == [] and events[0].evidence.rule == "llm:qwen2.5-7b-instruct"
    assert (events[0].date, events[0].date_precision) == (None, None)


def test_batches_number_their_sentences_and_events_go_to_the_right_one(server):
    e2 = {**E2, "sentence": 2}
    stray = {**E0, "sentence": 5}
    server.script = {S0: [ok(answer({**E0, "sentence": 1}, e2, stray))], S2: [ok(answer(E2))]}
    s1 = "The Taliban thanked Beijing, Moscow condemned the Israeli air strikes on Gaza."
    art, sents = make_article(S0, s1, S2)
    events, problems = coder(server, batch=2).code_sentences(art, sents)
    assert len(server.requests) == 2
    first = server.requests[0]["body"]["messages"][1]["content"]
    assert f"[1] {S0}" in first and f"[2] {s1}" in first and "Previous sentence" not in first
    assert (
        f"Previous sentence (context only, do not code): {s1}"
        in server.requests[1]["body"]["messages"][1]["content"]
    )
    assert [(e.sentence_index, e.cameo) for e in events] == [(0, "033"), (1, "051"), (2, "051")]
    assert events[1].source and s1[events[1].source.start : events[1].source.end] == "The Taliban"
    assert problems == ['t sentences 0-1: event 3 dropped: "sentence" must be a number from 1 to 2, not 5']


# --- settings and the prompt file ---------------------------------------------------------------------


def test_missing_url_is_a_usage_error_naming_the_variable(monkeypatch):
    monkeypatch.delenv("DETENTE_LLM_URL", raising=False)
    with pytest.raises(UsageError, match="DETENTE_LLM_URL"):
        LLMCoder()
    with pytest.raises(UsageError, match="not an http"):
        LLMCoder(LLMSettings(url="127.0.0.1:8080"))
    with pytest.raises(UsageError, match="batch"):
        LLMCoder(LLMSettings(url="http://127.0.0.1:8080/v1", batch=0))


def test_settings_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("DETENTE_LLM_URL", "http://127.0.0.1:8000/v1/")
    monkeypatch.setenv("DETENTE_LLM_MODEL", "Qwen/Qwen2.5-7B-Instruct")
    monkeypatch.setenv("DETENTE_LLM_API_KEY", "k")
    c = LLMCoder()
    assert c.endpoint == "http://127.0.0.1:8000/v1/chat/completions"
    assert (c.settings.model, c.settings.api_key, c.settings.temperature) == (
        "Qwen/Qwen2.5-7B-Instruct",
        "k",
        0,
    )


def test_the_codebook_lists_every_root_and_three_digit_code_and_only_real_codes():
    prompt = load_prompt()
    book = prompt.split("## CAMEO codes", 1)[1]
    listed = re.findall(r"^(\d{2,4}) ", book, re.M)
    assert listed and all(tables.is_code(c) for c in listed)
    wanted = {c for c in tables.cameo_codes() if len(c) <= 3}
    assert wanted == set(listed)
    for code in re.findall(r'"cameo": "(\d+)"|-> (\d{3})\b|is (\d{3})\b', prompt):
        assert tables.is_code("".join(code)), code
    known = {r["code"] for r in tables.read_table("detente.actors", "organizations.tsv")}
    known |= {r["code"] for r in tables.read_table("detente.actors", "groups.tsv")}
    for code in re.findall(r"\b(?:IGO|NGO|IMG)[A-Z0-9]+\b", prompt):
        assert code in known, code


def test_a_prompt_file_replaces_the_packaged_prompt(server, tmp_path):
    path = tmp_path / "prompt.md"
    path.write_text("<!-- mine -->\nCode events. Reply with JSON.\n", encoding="utf-8")
    art, sents = make_article(S1)
    coder(server, prompt_file=path).code_sentences(art, sents)
    assert server.requests[0]["body"]["messages"][0]["content"] == "Code events. Reply with JSON.\n"


def test_detente_code_with_the_llm_coder_end_to_end(server, tmp_path, monkeypatch):
    """`detente code --coder llm` parses with spaCy, asks the server per sentence, keeps the contract."""
    from click.testing import CliRunner

    from detente.cli import main

    first = "Egypt hosted talks with Sudan in Cairo on Monday."
    server.script[first] = [
        ok(
            answer(
                ev(actor("Egypt", "EGY", "EGY", None), actor("Sudan", "SDN", "SDN", None), "043", "hosted")
            )
        )
    ]
    (tmp_path / "a.txt").write_text(first + "\n\nThe talks ended without a deal.\n", encoding="utf-8")
    monkeypatch.setenv("DETENTE_LLM_URL", server.url)
    monkeypatch.setenv("DETENTE_LLM_MODEL", "test-model")
    result = CliRunner().invoke(
        main, ["code", str(tmp_path / "a.txt"), "--date", "2024-03-20", "--coder", "llm"]
    )
    assert result.exit_code == 0, result.output
    events = [json.loads(x) for x in result.stdout.splitlines() if x.strip()]
    assert [(e["source"]["code"], e["cameo"], e["target"]["code"]) for e in events] == [("EGY", "043", "SDN")]
    assert events[0]["evidence"]["rule"].startswith("llm:")
    assert len(server.requests) == 2  # one request per sentence
    monkeypatch.delenv("DETENTE_LLM_URL")
    missing = CliRunner().invoke(main, ["code", str(tmp_path / "a.txt"), "--coder", "llm"])
    assert missing.exit_code != 0 and "DETENTE_LLM_URL" in missing.output
