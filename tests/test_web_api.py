"""The web API (detente.web) over a real store filled by coding the bundled samples.

Everything runs for real: the spaCy pipeline codes the samples once per module, SQLite (and
PostgreSQL for the key tests) stores them, FastAPI's TestClient sends real HTTP requests through
the application, URL ingestion fetches from an HTTP server started here on 127.0.0.1, and one
test starts `detente serve` in a subprocess.
"""

from __future__ import annotations

import csv
import datetime as dt
import http.server
import io
import json
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from sqlalchemy import select

from detente.cli import main as cli_main
from detente.ingest import read_paths
from detente.records import Article, CodedArticle
from detente.store import Store, schema
from detente.web import WebSettings, create_app
from detente.web.fetch import FetchError, check_url, fetch, refused_reason
from detente.web.tokens import create_token, revoke_token

pytest_plugins = ["conftest_pg"]

SAMPLES = Path(__file__).resolve().parents[1] / "src" / "detente" / "samples"
XSS_TITLE = 'Payload <img src=x onerror="alert(1)">'
XSS_TEXT = (
    "Russia condemned Ukraine over the attack on Monday. <script>alert('x')</script>\n\n"
    'France urged calm <img src=x onerror="alert(2)"> and offered to mediate.'
)
OTHER_TEXT = (
    "Germany pledged humanitarian aid to Sudan on Tuesday.\n\n"
    "Sudan thanked Germany for the assistance and called for more help."
)


# --- fixtures -------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def coded_samples(pipeline) -> list[CodedArticle]:
    """The bundled samples and an article carrying XSS payloads, coded once for the module."""
    articles = [a for a in read_paths([SAMPLES]) if isinstance(a, Article)]
    assert len(articles) >= 4
    xss = Article.create(XSS_TEXT, XSS_TITLE, date=dt.date(2024, 3, 11), doc_id="xss", origin="test")
    return [pipeline.code_article(a) for a in [*articles, xss]]


def _fill(url: str, coded: list[CodedArticle]) -> Store:
    store = Store(url)
    for c in coded:
        store.add(c)
    return store


def _app(db: str, pipeline, **settings) -> TestClient:
    app = create_app(db, settings=WebSettings(**settings))
    app.state.services.api.pipeline = pipeline  # the session's loaded model, not a second one
    return TestClient(app)


@pytest.fixture(scope="module")
def db(tmp_path_factory, coded_samples) -> str:
    path = str(tmp_path_factory.mktemp("web") / "web.db")
    _fill(path, coded_samples).close()
    return path


@pytest.fixture(scope="module")
def client(db, pipeline) -> Iterator[TestClient]:
    with _app(db, pipeline) as c:
        yield c


@pytest.fixture(scope="module")
def everything(client) -> list[dict]:
    """Every merged event, as the API lists them (the reference the filters are checked against)."""
    got = client.get("/api/events", params={"limit": 500}).json()
    assert got["total"] == len(got["items"]) > 20
    return got["items"]


def _token(db: str, name: str = "test") -> str:
    return create_token(Store(db), name)[0]


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


# --- reading --------------------------------------------------------------------------------------
def test_health_docs_and_openapi(client):
    assert client.get("/api/health").json()["status"] == "ok"
    docs = client.get("/docs")
    assert docs.status_code == 200 and "text/html" in docs.headers["content-type"]
    spec = client.get("/openapi.json").json()
    for path in ("/api/events", "/api/events/{event_id}", "/api/articles/{article_id}", "/api/dyads/{a}/{b}"):
        assert path in spec["paths"]
    assert "multipart/form-data" in spec["paths"]["/api/code"]["post"]["requestBody"]["content"]


def test_docs_page_loads_swagger_ui_from_this_server(client):
    """/docs must work offline: Swagger UI comes from the vendored copy under /static, not a CDN."""
    html = client.get("/docs").text
    scripts = re.findall(r"<script[^>]*\ssrc=[\"']([^\"']+)", html)
    styles = re.findall(r"<link[^>]*rel=[\"']stylesheet[\"'][^>]*href=[\"']([^\"']+)", html)
    assert scripts == ["/static/vendor/swagger-ui/swagger-ui-bundle.js"]
    assert styles == ["/static/vendor/swagger-ui/swagger-ui.css"]
    assert "http://" not in html and "https://" not in html and "//cdn" not in html
    for url, kind in ((scripts[0], "javascript"), (styles[0], "text/css")):
        answer = client.get(url)
        assert answer.status_code == 200 and kind in answer.headers["content-type"], url
        assert len(answer.content) > 10_000, url
    assert "SwaggerUIBundle" in client.get(scripts[0]).text
    # The page runs one inline script (FastAPI's); no policy on /docs may forbid it.
    csp = client.get("/docs").headers.get("content-security-policy", "")
    assert "script-src" not in csp or "unsafe-inline" in csp or "sha256-" in csp


def test_events_pagination(client, everything):
    ids = [e["id"] for e in everything]
    first = client.get("/api/events", params={"limit": 5}).json()
    second = client.get("/api/events", params={"limit": 5, "offset": 5}).json()
    assert (first["limit"], first["offset"], second["offset"]) == (5, 0, 5)
    assert first["total"] == second["total"] == len(ids)
    assert [e["id"] for e in first["items"]] + [e["id"] for e in second["items"]] == ids[:10]
    last = client.get("/api/events", params={"limit": 5, "offset": len(ids) - 2}).json()
    assert [e["id"] for e in last["items"]] == ids[-2:]
    capped = client.get("/api/events", params={"limit": 100000}).json()
    assert capped["limit"] == 500 and len(capped["items"]) == len(ids)
    assert client.get("/api/events", params={"limit": 0}).json()["items"] == []
    bad = client.get("/api/events", params={"offset": -1})
    assert bad.status_code == 400 and bad.json()["parameter"] == "offset"
    bad = client.get("/api/events", params={"limit": "many"})
    assert bad.status_code == 400 and "limit" in bad.json()["detail"]


def _ids(client, **params) -> tuple[set[int], int]:
    got = client.get("/api/events", params={"limit": 500, **params})
    assert got.status_code == 200, got.text
    body = got.json()
    return {e["id"] for e in body["items"]}, body["total"]


def test_event_filters_match_the_events(client, everything):
    by_country: dict[str, int] = {}
    for e in everything:
        for c in {e["source_country"], e["target_country"]} - {None}:
            by_country[c] = by_country.get(c, 0) + 1
    country = max(by_country, key=lambda c: (by_country[c], c))

    ids, total = _ids(client, actor=country)
    expected = {e["id"] for e in everything if country in (e["source_country"], e["target_country"])}
    assert ids == expected and total == len(expected) == by_country[country]
    assert _ids(client, country=country)[0] == expected

    pair = next(e for e in everything if e["source_country"] and e["target_country"])
    a, b = pair["source_country"], pair["target_country"]
    directed = {e["id"] for e in everything if (e["source_country"], e["target_country"]) == (a, b)}
    either = {e["id"] for e in everything if {e["source_country"], e["target_country"]} == {a, b}}
    assert _ids(client, dyad=f"{a},{b}")[0] == directed
    assert _ids(client, dyad=f"{a},{b}", directed="false")[0] == either
    reverse = {e["id"] for e in everything if (e["source_country"], e["target_country"]) == (b, a)}
    assert _ids(client, dyad=f"{b},{a}")[0] == reverse

    root = pair["cameo_root"]
    assert _ids(client, root=root)[0] == {e["id"] for e in everything if e["cameo_root"] == root}
    assert _ids(client, cameo=root)[0] == {e["id"] for e in everything if e["cameo"].startswith(root)}
    roots = sorted({e["cameo_root"] for e in everything})[:2]
    assert _ids(client, root=",".join(roots))[0] == {e["id"] for e in everything if e["cameo_root"] in roots}
    assert _ids(client, quad="4")[0] == {e["id"] for e in everything if e["quad_class"] == 4}

    days = sorted({e["event_date"] for e in everything if e["event_date"]})
    lo, hi = days[len(days) // 4], days[(3 * len(days)) // 4]
    in_range = {e["id"] for e in everything if e["event_date"] and lo <= e["event_date"] <= hi}
    assert _ids(client, since=lo, until=hi)[0] == in_range and 0 < len(in_range) < len(everything)
    month = lo[:7]
    assert _ids(client, since=month, until=month)[0] == {
        e["id"] for e in everything if (e["event_date"] or "").startswith(month)
    }

    word = "talks"
    with_word = {e["id"] for e in everything if word in (e["sentence"] or "").lower()}
    found, _ = _ids(client, q=word.upper())
    assert with_word and with_word <= found  # any mention's sentence or trigger may hold it


def test_actor_pages_in_order(client, everything):
    """Small pages of a busy actor (the store walks events by date for them) in the full order."""
    country = everything[0]["source_country"]
    expected = [e["id"] for e in everything if country in (e["source_country"], e["target_country"])]
    got: list[int] = []
    for offset in range(0, len(expected) + 2, 2):
        page = client.get("/api/events", params={"actor": country, "limit": 2, "offset": offset}).json()
        assert page["total"] == len(expected)
        got += [e["id"] for e in page["items"]]
    assert got == expected


def test_bad_filters_name_the_parameter(client):
    for params, name in [
        ({"since": "March"}, "since"),
        ({"until": "2024-13"}, "until"),
        ({"quad": "7"}, "quad"),
        ({"quad": "x"}, "quad"),
        ({"root": "33"}, "root"),
        ({"cameo": "19a"}, "cameo"),
        ({"dyad": "RUS"}, "dyad"),
        ({"actor": "two words"}, "actor"),
        ({"country": "RUSSIA"}, "country"),
        ({"origin": "nowhere"}, "origin"),
        ({"since": "2024-05-01", "until": "2024-01-01"}, "since"),
        ({"min_mentions": "0"}, "min_mentions"),
    ]:
        got = client.get("/api/events", params=params)
        assert got.status_code == 400, (params, got.text)
        body = got.json()
        assert body["error"] == "bad parameter" and body["parameter"] == name, body
        assert got.headers["content-type"] == "application/json"


def test_event_with_every_mention(client, everything):
    event = next(e for e in everything if e["origin"] == "detente")
    got = client.get(f"/api/events/{event['id']}").json()
    assert got["event"]["id"] == event["id"] and got["event"]["num_mentions"] >= 1
    assert len(got["mentions"]) >= 1
    for m in got["mentions"]:
        trig = m["trigger"]
        assert m["sentence"][trig["start"] : trig["end"]] == trig["text"]
        if m["source"]:
            assert m["sentence"][m["source"]["start"] : m["source"]["end"]] == m["source"]["text"]
        assert m["rule"] and 0 < m["confidence"] <= 1 and m["article_id"] and m["sentence_index"] >= 0
        assert m["copies"]
    missing = client.get("/api/events/99999999")
    assert missing.status_code == 404 and missing.json()["error"] == "not found"
    assert client.get("/api/events/abc").status_code == 400


def test_articles_list_and_article(client, coded_samples):
    listed = client.get("/api/articles", params={"limit": 2}).json()
    assert listed["total"] == len(coded_samples) and len(listed["items"]) == 2
    rest = client.get("/api/articles", params={"limit": 50, "offset": 2}).json()["items"]
    assert len(rest) == len(coded_samples) - 2
    found = client.get("/api/articles", params={"q": "maritime"}).json()
    assert found["total"] >= 1 and all(
        "maritime" in ((a["title"] or "") + a["snippet"]).lower() for a in found["items"]
    )
    dated = client.get("/api/articles", params={"since": "2024-10", "until": "2024-10"}).json()["items"]
    assert dated and all(a["date"].startswith("2024-10") for a in dated)

    coded = max(coded_samples, key=lambda c: len(c.events))
    art = client.get(f"/api/articles/{coded.article.id}").json()
    day = coded.article.date
    assert art["text"] == coded.article.text and art["date"] == (day.isoformat() if day else None)
    assert [s["idx"] for s in art["sentences"]] == list(range(len(coded.sentences)))
    for s in art["sentences"]:
        assert art["text"][s["start"] : s["start"] + len(s["text"])] == s["text"]
    sentences = {s["idx"]: s["text"] for s in art["sentences"]}
    assert art["mentions"]
    for m in art["mentions"]:
        assert sentences[m["sentence_idx"]][m["start"] : m["end"]] == m["text"]
    assert len(art["events"]) == len(coded.events)
    for e in art["events"]:
        sentence = sentences[e["sentence_index"]]
        assert sentence[e["trigger"]["start"] : e["trigger"]["end"]] == e["trigger"]["text"]
        assert e["evidence"]["rule"] == e["rule"] and e["cameo"] and e["goldstein"] is not None
        assert "confidence" in e and "location" in e and "date" in e
    prefix = client.get(f"/api/articles/{coded.article.id[:8]}").json()
    assert prefix["id"] == coded.article.id
    assert client.get("/api/articles/nope-nope").status_code == 404


def test_actors_and_profile(client, everything):
    actors = client.get("/api/actors", params={"limit": 500}).json()
    codes = {e["source_code"] for e in everything} | {e["target_code"] for e in everything}
    assert {a["code"] for a in actors["items"]} == codes - {None}
    top = actors["items"][0]
    as_source = sum(e["source_code"] == top["code"] for e in everything)
    assert top["events_as_source"] == as_source
    narrowed = client.get("/api/actors", params={"q": top["code"][:3]}).json()
    assert narrowed["items"] and all(
        a["code"].startswith(top["code"][:3]) or top["code"][:3].lower() in (a["name"] or "").lower()
        for a in narrowed["items"]
    )
    country = next(e["source_country"] for e in everything if e["source_country"] and e["target_country"])
    profile = client.get(f"/api/actors/{country}", params={"all_time": "true"}).json()
    assert profile["actor"] == country and profile["kind"] == "country"
    assert profile["partners_out"] and {"mix_root", "mix_quad", "trend"} <= set(profile)
    out = sum(
        1
        for e in everything
        if e["source_country"] == country and e["target_country"] not in (None, country) and e["event_date"]
    )
    assert sum(p["events"] for p in profile["partners_out"]) == out
    assert client.get("/api/actors/ZZZ").status_code == 404
    assert client.get(f"/api/actors/{country}", params={"by": "fortnight"}).status_code == 400


def test_dyad_series_adds_up_to_the_events(client, everything):
    pair = next(e for e in everything if e["source_country"] and e["target_country"] and e["event_date"])
    a, b = pair["source_country"], pair["target_country"]
    series = client.get(f"/api/dyads/{a}/{b}", params={"by": "month"}).json()
    assert series["source"] == a and series["target"] == b and series["by"] == "month"
    expected = [
        e for e in everything if (e["source_country"], e["target_country"]) == (a, b) and e["event_date"]
    ]
    assert sum(row["events"] for row in series["series"]) == len(expected)
    months = {e["event_date"][:7] + "-01" for e in expected}
    assert months <= {row["period"] for row in series["series"] if row["events"]}
    both = client.get(f"/api/dyads/{a}/{b}", params={"by": "year", "directed": "false"}).json()
    reverse = [
        e for e in everything if (e["source_country"], e["target_country"]) == (b, a) and e["event_date"]
    ]
    assert sum(row["events"] for row in both["series"]) == len(expected) + len(reverse)
    for bad, name in [({"by": "decade"}, "by"), ({"since": "yesterday"}, "since")]:
        got = client.get(f"/api/dyads/{a}/{b}", params=bad)
        assert got.status_code == 400 and got.json()["parameter"] == name


def test_network_map_and_changes(client, everything):
    net = client.get("/api/network", params={"since": "2000-01-01", "until": "2030-12-31"}).json()
    assert net["nodes"] and net["edges"]
    pairs = {}
    for e in everything:
        s, t = e["source_country"], e["target_country"]
        if s and t and s != t and e["event_date"] and e["quad_class"] in (1, 2, 3, 4):
            pairs[(s, t)] = pairs.get((s, t), 0) + 1
    assert {(x["source"], x["target"]): x["weight"] for x in net["edges"]} == pairs
    for node in net["nodes"]:
        assert {"id", "activity", "bloc"} <= set(node) and node["activity"] >= 1
    in_blocs = {n["id"] for n in net["nodes"] if n["bloc"]}
    assert in_blocs == {m for b in net["blocs"] for m in b["members"]}
    for edge in net["edges"]:
        assert {"source", "target", "weight", "cooperation", "conflict", "balance"} <= set(edge)

    world = client.get("/api/map", params={"since": "2000-01-01", "until": "2030-12-31"}).json()
    counted: dict[str, int] = {}
    for e in everything:
        if e["event_date"] and e["quad_class"] in (1, 2, 3, 4):
            for c in {e["source_country"], e["target_country"]} - {None}:
                counted[c] = counted.get(c, 0) + 1
    assert {r["country"]: r["events"] for r in world["items"]} == counted
    assert all(r["value"] == r["events"] for r in world["items"])
    balance = client.get("/api/map", params={"since": "2000", "until": "2030", "metric": "balance"}).json()
    assert all(r["value"] == r["balance"] and -1 <= r["balance"] <= 1 for r in balance["items"])
    assert client.get("/api/map", params={"metric": "colour"}).status_code == 400

    changes = client.get("/api/changes", params={"period": "year", "min_events": 1}).json()
    assert changes["period"] == "year" and len(changes["before"]) == 2 and isinstance(changes["items"], list)
    for row in changes["items"]:
        assert {"source", "target", "change", "event_ids", "examples"} <= set(row)
    assert client.get("/api/changes", params={"period": "eon"}).status_code == 400


def test_export_is_streamed_in_each_format(client, everything):
    with client.stream("GET", "/api/export", params={"format": "gdelt"}) as got:
        assert got.status_code == 200 and "attachment" in got.headers["content-disposition"]
        assert "content-length" not in got.headers  # streamed, not built whole
        lines = [line for line in got.iter_lines() if line]
    assert len(lines) == len(everything)
    assert all(len(line.split("\t")) == 61 for line in lines)
    csv_text = client.get("/api/export", params={"format": "csv"}).text
    assert len(list(csv.DictReader(io.StringIO(csv_text)))) == len(everything)
    plover = [json.loads(x) for x in client.get("/api/export", params={"format": "plover"}).text.splitlines()]
    assert len(plover) == len(everything)
    icews = client.get("/api/export", params={"format": "icews"}).text.splitlines()
    assert len(icews) == len(everything) + 1  # header
    country = everything[0]["source_country"]
    only = client.get("/api/export", params={"format": "gdelt", "source": country}).text.splitlines()
    assert len(only) == sum(e["source_country"] == country or e["source_code"] == country for e in everything)
    assert client.get("/api/export", params={"format": "parquet"}).status_code == 400
    assert client.get("/api/export").status_code == 400


# --- untrusted text -------------------------------------------------------------------------------
def test_xss_payloads_come_back_as_json_data(client, coded_samples):
    xss = next(c for c in coded_samples if c.article.doc_id == "xss")
    got = client.get(f"/api/articles/{xss.article.id}")
    assert got.headers["content-type"] == "application/json"
    assert got.headers["x-content-type-options"] == "nosniff"
    body = got.json()
    assert body["title"] == XSS_TITLE and "<script>alert('x')</script>" in body["text"]
    assert 'onerror="alert(2)"' in body["text"]
    listed = client.get("/api/articles", params={"q": "<script>"}).json()["items"]
    assert [a["id"] for a in listed] == [xss.article.id]
    # an error page for a path full of markup is JSON too, never HTML echoing it
    nasty = client.get("/api/articles/<script>alert(1)</script>")
    assert nasty.status_code == 404 and nasty.headers["content-type"] == "application/json"
    unknown = client.get('/api/nothing/"><img src=x onerror=alert(1)>')
    assert unknown.status_code == 404 and unknown.headers["content-type"] == "application/json"
    assert "text/html" not in unknown.headers["content-type"]


# --- writing: tokens, code, ingest, delete --------------------------------------------------------
def test_auth_on_writing_endpoints(db, client):
    job = {"text": OTHER_TEXT, "date": "2024-05-07"}
    none = client.post("/api/ingest", json=job)
    assert none.status_code == 401 and none.headers["www-authenticate"].startswith("Bearer")
    assert none.json()["error"] == "unauthorized"
    assert client.post("/api/ingest", json=job, headers=_auth("dt_00000000_guess")).status_code == 401
    assert client.post("/api/ingest", json=job, headers={"Authorization": "Basic abc"}).status_code == 401
    token = _token(db, "writer")
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert client.post("/api/ingest", json=job, headers=_auth(tampered)).status_code == 401
    assert client.delete("/api/articles/abc").status_code == 401
    assert client.post("/api/code", json={**job, "store": True}).status_code == 401
    assert client.post("/api/code?store=true", json=job).status_code == 401
    ok = client.post("/api/ingest", json=job, headers=_auth(token))
    assert ok.status_code == 202, ok.text
    _wait(client, ok.json()["id"])
    revoke_token(Store(db), "writer")
    revoked = client.post("/api/ingest", json=job, headers=_auth(token))
    assert revoked.status_code == 403 and "revoked" in revoked.json()["detail"]


def test_tokens_are_stored_hashed(tmp_path):
    path = tmp_path / "tokens.db"
    runner = CliRunner()
    made = runner.invoke(cli_main, ["token", "create", "--name", "ci", "--db", str(path)])
    assert made.exit_code == 0, made.output
    token = made.stdout.strip().splitlines()[0]
    assert token.startswith("dt_") and len(token) > 40
    store = Store(str(path))
    with store.engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(select(schema.api_tokens))]
    assert len(rows) == 1 and rows[0]["name"] == "ci"
    assert not any(token in str(v) for v in rows[0].values())
    secret = token.split("_", 2)[2]
    store.close()
    for f in tmp_path.iterdir():  # the database file and its write-ahead log
        assert secret.encode() not in f.read_bytes()
    listed = runner.invoke(cli_main, ["token", "list", "--db", str(path)])
    assert "ci" in listed.stdout and "active" in listed.stdout and secret not in listed.stdout
    assert runner.invoke(cli_main, ["token", "revoke", "ci", "--db", str(path)]).exit_code == 0
    assert "revoked" in runner.invoke(cli_main, ["token", "list", "--db", str(path)]).stdout
    assert runner.invoke(cli_main, ["token", "revoke", "nobody", "--db", str(path)]).exit_code != 0


def test_code_returns_what_detente_code_prints(client, tmp_path):
    text = (
        "Japan and South Korea agreed on Thursday to resume security talks.\n\n"
        "China criticised the joint military exercise near Taiwan."
    )
    source = tmp_path / "article.txt"
    source.write_text(text, encoding="utf-8")
    cli = subprocess.run(
        [sys.executable, "-m", "detente.cli", "code", str(source), "--date", "2024-06-13"],
        capture_output=True,
        text=True,
        check=True,
    )
    expected = [json.loads(line) for line in cli.stdout.splitlines()]
    assert expected
    got = client.post("/api/code", json={"text": text, "date": "2024-06-13"})
    assert got.status_code == 200 and got.headers["content-type"] == "application/json"
    body = got.json()
    strip = [{k: v for k, v in e.items() if k != "doc_id"} for e in expected]
    assert [{k: v for k, v in e.items() if k != "doc_id"} for e in body["events"]] == strip
    assert body["articles"][0]["stored"] is None and body["errors"] == []
    uploaded = client.post(
        "/api/code", files={"file": ("article.txt", text.encode(), "text/plain")}, data={"date": "2024-06-13"}
    )
    assert [{k: v for k, v in e.items() if k != "doc_id"} for e in uploaded.json()["events"]] == strip
    empty = client.post("/api/code", json={"text": "   "})
    assert empty.status_code == 400 and empty.json()["parameter"] == "text"
    assert client.post("/api/code", json={"text": "x", "date": "13/06/2024"}).json()["parameter"] == "date"
    assert (
        client.post(
            "/api/code", content=b"{not json", headers={"content-type": "application/json"}
        ).status_code
        == 400
    )
    assert client.post("/api/code", content=b"\x00", headers={"content-type": "image/png"}).status_code == 415


def _wait(client: TestClient, job_id: str, timeout: float = 120) -> dict:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        job = client.get(f"/api/jobs/{job_id}").json()
        assert job["done"] <= job["total"]
        if job["status"] in ("done", "failed"):
            return job
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} did not finish")


def test_ingest_job_runs_to_completion_and_is_idempotent(tmp_path, coded_samples, pipeline):
    path = str(tmp_path / "ingest.db")
    with _app(path, pipeline) as c:
        token = _token(path)
        jsonl = (SAMPLES / "wire.jsonl").read_bytes()
        files = [
            ("file", ("wire.jsonl", jsonl, "application/x-ndjson")),
            ("file", ("bad.bin", b"\x00\x01\x02" * 50, "application/octet-stream")),
        ]
        started = c.post(
            "/api/ingest", files=files, data={"text": OTHER_TEXT, "date": "2024-05-07"}, headers=_auth(token)
        )
        assert (
            started.status_code == 202 and started.headers["location"] == f"/api/jobs/{started.json()['id']}"
        )
        job = _wait(c, started.json()["id"])
        lines = len([x for x in jsonl.splitlines() if x.strip()])
        assert job["status"] == "done" and job["total"] == job["done"] == lines + 2
        assert job["stored"] == lines + 1 and job["failed"] == 1 and job["events"] > 0
        assert [e["document"] for e in job["errors"]] == ["bad.bin"]
        events_before = c.get("/api/events").json()["total"]
        assert events_before == job["events"]
        again = _wait(
            c,
            c.post("/api/ingest", files=files[:1], data={"text": OTHER_TEXT}, headers=_auth(token)).json()[
                "id"
            ],
        )
        assert again["status"] == "done" and again["stored"] == 0 and again["skipped"] == lines + 1
        assert c.get("/api/events").json()["total"] == events_before
        assert c.get("/api/articles").json()["total"] == lines + 1
        assert c.get("/api/jobs/unknown").status_code == 404
        with _app(path, pipeline) as other:  # another worker process: the job as last saved
            saved = other.get(f"/api/jobs/{job['id']}").json()
            same = [k for k in job if k != "updated_at"]
            assert {k: saved[k] for k in same} == {k: job[k] for k in same}
        assert c.post("/api/ingest", json={}, headers=_auth(token)).status_code == 400


def test_code_and_store_and_delete(tmp_path, pipeline):
    path = str(tmp_path / "delete.db")
    with _app(path, pipeline) as c:
        token = _token(path)
        stored = c.post(
            "/api/code?store=true", json={"text": XSS_TEXT, "date": "2024-03-11"}, headers=_auth(token)
        ).json()
        assert stored["articles"][0]["stored"] is True
        other = c.post("/api/code", json={"text": OTHER_TEXT, "store": True}, headers=_auth(token)).json()
        assert other["articles"][0]["stored"] is True
        gone_id = stored["articles"][0]["id"]
        kept_id = other["articles"][0]["id"]
        assert c.get(f"/api/articles/{gone_id}").status_code == 200
        assert c.delete(f"/api/articles/{gone_id}").status_code == 401
        deleted = c.delete(f"/api/articles/{gone_id}", headers=_auth(token))
        assert deleted.status_code == 200 and deleted.json()["deleted"] == gone_id
        assert c.get(f"/api/articles/{gone_id}").status_code == 404
        left = c.get("/api/events").json()["items"]
        assert left and {e["article_id"] for e in left} == {kept_id}
        assert c.delete(f"/api/articles/{gone_id}", headers=_auth(token)).status_code == 404
    # the store is as if only the other article had been ingested
    fresh = str(tmp_path / "fresh.db")
    with _app(fresh, pipeline) as c:
        token = _token(fresh)
        c.post("/api/code", json={"text": OTHER_TEXT, "store": True}, headers=_auth(token))
        expected = [
            (e["source_code"], e["cameo"], e["target_code"], e["num_mentions"])
            for e in c.get("/api/events").json()["items"]
        ]
    assert [(e["source_code"], e["cameo"], e["target_code"], e["num_mentions"]) for e in left] == expected


def test_cached_answers_follow_the_store(tmp_path, coded_samples, pipeline):
    """Answers are cached, but a write from elsewhere (the CLI, another server) is seen at once."""
    from detente.store.delete import delete_article

    path = str(tmp_path / "cache.db")
    first, second = coded_samples[0], coded_samples[1]
    _fill(path, [first]).close()
    with _app(path, pipeline) as c:
        before = c.get("/api/events").json()["total"]
        stats = c.get("/api/stats").json()
        cache = c.app.state.services.cache
        hits = cache.hits
        assert c.get("/api/events").json()["total"] == before
        assert cache.hits == hits + 1  # answered from the cache
        outside = Store(path)
        outside.add(second)
        assert c.get("/api/events").json()["total"] == before + len(second.events)
        assert c.get("/api/stats").json()["articles"] == stats["articles"] + 1
        delete_article(outside, second.article.id)
        assert c.get("/api/events").json()["total"] == before
        assert c.get("/api/stats").json()["articles"] == stats["articles"]
        assert delete_article(outside, "no-such-article") is None


def test_a_server_failure_is_a_json_500(tmp_path):
    import sqlite3

    path = tmp_path / "broken.db"
    app = create_app(str(path))
    with sqlite3.connect(path) as conn:  # the store breaks under the running server
        conn.execute("ALTER TABLE articles RENAME TO articles_gone")
    with TestClient(app, raise_server_exceptions=False) as c:
        got = c.get("/api/articles")
        assert got.status_code == 500 and got.headers["content-type"] == "application/json"
        assert got.json()["error"] == "internal error" and "articles_gone" not in got.text


# --- limits ---------------------------------------------------------------------------------------
def test_request_body_limit(db, pipeline):
    with _app(db, pipeline, max_body=2000) as c:
        big = {"text": "Russia condemned Ukraine. " * 200}
        got = c.post("/api/code", json=big)
        assert got.status_code == 413 and got.json()["error"] == "request body too large"
        assert "2000 bytes" in got.json()["detail"]

        def chunks() -> Iterator[bytes]:  # no Content-Length: the limit is counted while reading
            yield b'{"text": "'
            for _ in range(100):
                yield b"Russia condemned Ukraine. "
            yield b'"}'

        chunked = c.post("/api/code", content=chunks(), headers={"content-type": "application/json"})
        assert chunked.status_code == 413
        token = _token(db, "limits")
        upload = c.post(
            "/api/ingest", files={"file": ("big.txt", b"x" * 5000, "text/plain")}, headers=_auth(token)
        )
        assert upload.status_code == 413
        assert c.post("/api/code", json={"text": "Russia condemned Ukraine."}).status_code == 200
    with _app(db, pipeline) as c:  # a form field may be as large as the body limit (not 1 MB)
        blank = c.post("/api/code", data={"text": " " * 1_500_000})
        assert blank.status_code == 400 and blank.json()["parameter"] == "text", blank.text


def test_cors_is_off_unless_configured(db, pipeline):
    origin = "https://analysis.example.org"
    with _app(db, pipeline) as c:
        assert "access-control-allow-origin" not in c.get("/api/health", headers={"Origin": origin}).headers
    with _app(db, pipeline, cors_origins=(origin,)) as c:
        got = c.options("/api/events", headers={"Origin": origin, "Access-Control-Request-Method": "GET"})
        assert got.headers["access-control-allow-origin"] == origin
        other = c.get("/api/health", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers


# --- SSRF -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.8.9.10",
        "10.1.2.3",
        "172.16.0.5",
        "192.168.1.1",
        "169.254.169.254",
        "0.0.0.0",
        "224.0.0.1",
        "240.0.0.1",
        "100.64.0.1",
        "::1",
        "fe80::1",
        "fc00::1",
        "::ffff:127.0.0.1",
        "ff02::1",
    ],
)
def test_internal_addresses_are_refused(address):
    assert refused_reason(address) is not None
    with pytest.raises(FetchError) as caught:
        check_url(f"http://{'[' + address + ']' if ':' in address else address}/page", WebSettings())
    assert caught.value.status == 403


def test_public_addresses_pass_the_check():
    for address in ("93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"):
        assert refused_reason(address) is None


def test_every_resolved_address_is_checked():
    def resolver(host: str, port: int) -> list[str]:
        return {"mixed.test": ["93.184.216.34", "10.0.0.7"], "public.test": ["93.184.216.34"]}[host]

    with pytest.raises(FetchError, match=r"10\.0\.0\.7"):
        check_url("http://mixed.test/", WebSettings(), resolver)
    assert check_url("https://public.test/x", WebSettings(), resolver) == ("https", "93.184.216.34", 443)
    for url in ("file:///etc/passwd", "ftp://public.test/", "http://user:pw@public.test/", "http:///nohost"):
        with pytest.raises(FetchError):
            check_url(url, WebSettings(), resolver)


class _Pages(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path.startswith("/redirect"):
            self.send_response(302)
            self.send_header("Location", f"http://127.0.0.1:{self.server.server_port}/article")
            self.end_headers()
            return
        body = (
            b"<html><head><title>Aid pledged</title></head><body><article><h1>Aid pledged</h1>"
            b"<p>Germany pledged humanitarian aid to Sudan on Tuesday, the foreign ministry said.</p>"
            b"<p>Sudan thanked Germany for the assistance and called for more help.</p>"
            b"</article></body></html>"
        )
        if self.path.startswith("/huge"):
            body = b"<html><body><p>" + b"word " * 400_000 + b"</p></body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that stops reading a page over its size limit is expected here


@pytest.fixture(scope="module")
def pages() -> Iterator[int]:
    server = _Server(("0.0.0.0", 0), _Pages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_port
    server.shutdown()


def test_url_ingestion_refuses_the_servers_own_network(db, client, pages):
    token = _token(db, "ssrf")
    for url in (
        f"http://127.0.0.1:{pages}/article",
        f"http://localhost:{pages}/article",  # a name that resolves to loopback
        "http://10.0.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        f"http://[::1]:{pages}/article",
    ):
        got = client.post("/api/ingest", json={"url": url}, headers=_auth(token))
        assert got.status_code == 403, (url, got.text)
        assert (
            got.json()["error"] == "cannot fetch the URL" and "--allow-private-urls" in got.json()["detail"]
        )


def test_redirects_are_checked_hop_by_hop(pages):
    only_127_0_0_1 = lambda address: "loopback" if address == "127.0.0.1" else None  # noqa: E731
    page = fetch(f"http://127.0.0.2:{pages}/article", WebSettings(), refuse=only_127_0_0_1)
    assert b"Germany pledged" in page.content
    with pytest.raises(FetchError, match=r"127\.0\.0\.1"):
        fetch(f"http://127.0.0.2:{pages}/redirect", WebSettings(), refuse=only_127_0_0_1)
    with pytest.raises(FetchError) as too_big:
        fetch(f"http://127.0.0.2:{pages}/huge", WebSettings(fetch_max_bytes=100_000), refuse=only_127_0_0_1)
    assert too_big.value.status == 413


def test_url_ingestion_when_private_urls_are_allowed(tmp_path, pipeline, pages):
    path = str(tmp_path / "urls.db")
    with _app(path, pipeline, allow_private_urls=True) as c:
        token = _token(path)
        started = c.post(
            "/api/ingest",
            json={
                "urls": [f"http://127.0.0.1:{pages}/redirect", f"http://127.0.0.1:{pages}/missing-is-fine"]
            },
            headers=_auth(token),
        )
        job = _wait(c, started.json()["id"])
        assert job["status"] == "done" and job["stored"] == 1 and job["skipped"] == 1, job
        art = c.get(f"/api/articles/{job['articles'][0]}").json()
        assert art["url"] == f"http://127.0.0.1:{pages}/article" and "Germany pledged" in art["text"]


# --- the real server ------------------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_detente_serve_answers(tmp_path, coded_samples):
    db = str(tmp_path / "serve.db")
    _fill(db, coded_samples[:3]).close()
    token = _token(db)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [sys.executable, "-m", "detente.cli", "serve", "--db", db, "--port", str(port)]
    cmd += ["--log-level", "warning", "--workers", "2"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                health = httpx.get(f"{base}/api/health", timeout=2)
                break
            except httpx.TransportError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(
                        proc.stderr.read().decode() if proc.stderr else "no server"
                    ) from None
                time.sleep(0.2)
        assert health.status_code == 200 and health.json()["status"] == "ok"
        docs = httpx.get(f"{base}/docs", timeout=5)
        assert docs.status_code == 200 and "swagger" in docs.text.lower()
        events = httpx.get(f"{base}/api/events", params={"limit": 3}, timeout=10).json()
        assert len(events["items"]) == 3
        for _ in range(6):  # either worker process answers a token check and a job lookup
            assert httpx.delete(f"{base}/api/articles/x", timeout=10).status_code == 401
            assert httpx.delete(f"{base}/api/articles/x", headers=_auth(token), timeout=10).status_code == 404
            assert httpx.get(f"{base}/api/jobs/none", timeout=10).status_code == 404
    finally:
        proc.terminate()
        proc.wait(timeout=20)


# --- PostgreSQL -----------------------------------------------------------------------------------
def test_key_endpoints_on_postgresql(pg_url, coded_samples, pipeline):
    _fill(pg_url, coded_samples).close()
    with _app(pg_url, pipeline) as c:
        everything = c.get("/api/events", params={"limit": 500}).json()["items"]
        assert len(everything) > 20
        page = c.get("/api/events", params={"limit": 5, "offset": 5}).json()
        assert [e["id"] for e in page["items"]] == [e["id"] for e in everything[5:10]]
        pair = next(e for e in everything if e["source_country"] and e["target_country"] and e["event_date"])
        a, b = pair["source_country"], pair["target_country"]
        expected = {e["id"] for e in everything if (e["source_country"], e["target_country"]) == (a, b)}
        assert _ids(c, dyad=f"{a},{b}")[0] == expected
        assert _ids(c, q="TALKS")[0]
        series = c.get(f"/api/dyads/{a}/{b}", params={"by": "month"}).json()["series"]
        assert sum(r["events"] for r in series) == sum(
            1 for e in everything if e["id"] in expected and e["event_date"]
        )
        assert c.get("/api/network", params={"since": "2000", "until": "2030"}).json()["edges"]
        assert c.get("/api/map", params={"since": "2000", "until": "2030"}).json()["items"]
        lines = c.get("/api/export", params={"format": "gdelt"}).text.splitlines()
        assert len(lines) == len(everything) and all(len(x.split("\t")) == 61 for x in lines)
        xss = next(x for x in coded_samples if x.article.doc_id == "xss")
        assert "<script>" in c.get(f"/api/articles/{xss.article.id}").json()["text"]
        token = _token(pg_url)
        assert c.delete(f"/api/articles/{xss.article.id}").status_code == 401
        assert c.delete(f"/api/articles/{xss.article.id}", headers=_auth(token)).status_code == 200
        assert c.get(f"/api/articles/{xss.article.id}").status_code == 404
        revoke_token(Store(pg_url), "test")
        assert c.delete(f"/api/articles/{xss.article.id}", headers=_auth(token)).status_code == 403
