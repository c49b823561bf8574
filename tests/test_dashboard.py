"""The dashboard in a real browser: Debian's chromium driven by Playwright over the real server.

The server is the real application (uvicorn on a free 127.0.0.1 port, in a thread) over a SQLite
store filled by coding the bundled samples and an article carrying XSS payloads. Screenshots of
every view go to a temporary folder, or to DETENTE_SCREENSHOTS (docs/screenshots refreshes the
ones in the README):

    DETENTE_SCREENSHOTS=docs/screenshots .venv/bin/python -m pytest -q tests/test_dashboard.py

Without /usr/bin/chromium the module is skipped, unless DETENTE_REQUIRE_BROWSER=1 (CI), where it
fails saying so.
"""

from __future__ import annotations

import json
import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
SAMPLES = Path(__file__).resolve().parents[1] / "src" / "detente" / "samples"
VIEWPORT = {"width": 1280, "height": 800}

if not Path(CHROMIUM).exists():
    if os.environ.get("DETENTE_REQUIRE_BROWSER") == "1":
        pytest.fail(
            f"DETENTE_REQUIRE_BROWSER=1 but {CHROMIUM} is missing: install Debian's chromium "
            "(apt-get install -y chromium), as .ci/run does",
            pytrace=False,
        )
    pytest.skip(f"{CHROMIUM} is missing (apt-get install -y chromium)", allow_module_level=True)

import uvicorn  # noqa: E402
from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402

from detente.web import create_app  # noqa: E402
from detente.web.tokens import create_token  # noqa: E402

XSS_TITLE = '<img src=x onerror="window.__xss=1"> Talks <script>window.__xss=1</script>'
XSS_DOC = {
    "id": "xss-1",
    "date": "2024-10-20",
    "title": XSS_TITLE,
    "url": "javascript:window.__xss=1",
    "text": "France condemned Russia for the attack <script>window.__xss=1</script> on Tuesday.\n\n"
    'Germany praised Poland for its help <img src=x onerror="window.__xss=1"> to refugees.',
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """The application over a freshly coded store, served on 127.0.0.1; its URL, token and API."""
    folder = tmp_path_factory.mktemp("dashboard")
    xss = folder / "xss.jsonl"
    xss.write_text(json.dumps(XSS_DOC) + "\n", encoding="utf-8")
    db = str(folder / "dash.db")
    app = create_app(db)
    api = app.state.services.api  # the application's own library object: one spaCy pipeline
    summary = api.ingest([SAMPLES, xss])
    assert summary.failed == 0 and summary.events > 50
    token, _info = create_token(api.store, "dashboard test")
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=srv.run, name="dashboard-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the server did not start"
        time.sleep(0.05)
    yield {"url": f"http://127.0.0.1:{port}", "token": token, "api": api}
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = os.environ.get("DETENTE_SCREENSHOTS")
    out = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    out.mkdir(parents=True, exist_ok=True)
    return out


class Console:
    """Errors a page reports: console errors, uncaught exceptions, CSP violations."""

    def __init__(self, page: Page) -> None:
        self.errors: list[str] = []
        self.allowed: list[re.Pattern[str]] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"uncaught: {e}"))

    def unexpected(self) -> list[str]:
        return [e for e in self.errors if not any(p.search(e) for p in self.allowed)]


@pytest.fixture
def page(browser: Any, server: dict[str, Any]) -> Iterator[tuple[Page, Console]]:
    context = browser.new_context(viewport=VIEWPORT, base_url=server["url"], locale="en-GB")
    pg = context.new_page()
    pg.set_default_timeout(15000)
    console = Console(pg)
    yield pg, console
    context.close()
    assert console.unexpected() == [], "the page reported errors"


def _open(pg: Page, path: str) -> None:
    pg.goto(path)
    pg.wait_for_selector("body[data-ready]")
    expect(pg.locator(".loading")).to_have_count(0)
    expect(pg.locator(".error")).to_have_count(0)


def _event_ids(server: dict[str, Any], **filters: Any) -> list[int]:
    """The ids the library's search finds: what the page must list."""
    from detente.analysis import search_events

    return [int(i) for i in search_events(server["api"].store, limit=500, **filters).events["id"]]


def test_pages_send_a_content_security_policy(page: tuple[Page, Console]) -> None:
    pg, _ = page
    response = pg.goto("/network")
    assert response is not None and response.ok
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    # No inline script anywhere: every <script> names a file of this server.
    pg.wait_for_selector("body[data-ready]")
    sources = pg.eval_on_selector_all("script", "els => els.map(e => [e.src, e.textContent.trim()])")
    assert sources and all(src.startswith(pg.url.split("/network")[0]) and not text for src, text in sources)


def test_every_view_loads_and_shows_data(
    page: tuple[Page, Console], server: dict[str, Any], shots: Path
) -> None:
    pg, console = page
    # Overview: a shaded map, the dyads that changed, the latest events.
    _open(pg, "/")
    shaded = pg.eval_on_selector_all(
        "svg.map path.country", "ps => ps.filter(p => p.getAttribute('fill') !== '#d5d9df').length"
    )
    assert shaded >= 15
    expect(pg.locator("#changes-list li").first).to_be_visible()
    assert pg.locator("table.events tbody tr").count() == 10
    pg.screenshot(path=shots / "overview.png")

    # Dyad: the chart, the periods with events, and the latest period's events listed.
    _open(pg, "/dyad?a=RUS&b=UKR&directed=false")
    expect(pg.locator("#dyad-chart")).to_be_visible()
    assert pg.locator("#dyad-periods button").count() >= 4
    expect(pg.locator("#dyad-events-h")).to_have_text("Events 1 Oct 2024 – 31 Oct 2024")
    assert pg.locator("#dyad-events table.events tbody tr").count() >= 2
    pg.screenshot(path=shots / "dyad.png")

    # Network: nodes drawn by cytoscape, one row per country, more than one bloc.
    _open(pg, "/network")
    nodes = pg.evaluate("window.__detenteNetwork.nodes().length")
    assert nodes >= 15
    assert pg.locator("#nw-list-h + table tbody tr").count() == nodes
    assert pg.locator(".bloc-key > span").count() >= 3
    pg.screenshot(path=shots / "network.png")

    # Actor: partners both ways, two charts, latest events.
    _open(pg, "/actor/CHN")
    expect(pg.locator("h1")).to_have_text("China (CHN)")
    assert pg.locator("text=USA").count() > 0
    assert pg.evaluate("!!(Chart.getChart('actor-mix') && Chart.getChart('actor-trend'))")
    pg.screenshot(path=shots / "actor.png")

    # Search: the filters in the address fill the form and narrow the results.
    _open(pg, "/search?country=UKR&since=2024-08-01&until=2024-10-31")
    expect(pg.locator("#f-country")).to_have_value("UKR")
    rows = pg.locator("table.events tbody tr")
    assert rows.count() >= 4
    heading = pg.locator("#results-h").inner_text()
    assert re.search(r"of \d+", heading)
    pg.screenshot(path=shots / "search.png")

    assert console.unexpected() == []


def test_map_and_changed_dyads_lead_to_a_dyad(page: tuple[Page, Console]) -> None:
    pg, _ = page
    _open(pg, "/")
    # A country on the map, chosen with the keyboard: its dyads are listed as links.
    country = pg.locator('svg.map path.country[data-code="CHN"]')
    country.focus()
    pg.keyboard.press("Enter")
    first = pg.locator("#country-detail li a").first
    expect(first).to_have_text(re.compile(r"^CHN – [A-Z]{3}$"))
    first.click()
    pg.wait_for_url(re.compile(r"/dyad\?a=CHN&b=[A-Z]{3}&directed=false$"))
    pg.wait_for_selector("body[data-ready]")
    expect(pg.locator("#dyad-chart")).to_be_visible()
    expect(pg.locator("#dy-h")).to_have_text(re.compile(r"^CHN ↔ [A-Z]{3}$"))
    # Shaded by balance instead: red and green countries, and the address says so.
    _open(pg, "/")
    pg.select_option("#ov-metric", "balance")
    pg.click("form.controls button[type=submit]")
    expect(pg.locator("#map-h")).to_have_text("Cooperation – conflict balance")
    assert "metric=balance" in pg.url
    fills = dict(
        pg.eval_on_selector_all(
            "svg.map path.country[tabindex]",
            "ps => ps.map(p => [p.dataset.code, p.getAttribute('fill').match(/\\d+/g).map(Number)])",
        )
    )
    # The most conflictual country of the sample data is shaded red, the most cooperative green.
    rows = pg.request.get("/api/map?metric=balance").json()["items"]
    shown = sorted((r["balance"], r["country"]) for r in rows if r["country"] in fills)
    (low, red), (high, green) = shown[0], shown[-1]
    assert low <= -0.25 and high >= 0.25, shown  # the sample data has both
    assert fills[red][0] > fills[red][1] + 15, (red, fills[red])
    assert fills[green][1] > fills[green][0] + 30, (green, fills[green])
    # The same with the mouse, on the list of dyads that changed most.
    _open(pg, "/")
    link = pg.locator("#changes-list li a").first
    pair = link.inner_text().split(" → ")
    link.click()
    pg.wait_for_url(re.compile(rf"/dyad\?a={pair[0]}&b={pair[1]}$"))
    pg.wait_for_selector("body[data-ready]")
    expect(pg.locator("#dy-h")).to_have_text(f"{pair[0]} → {pair[1]}")


def test_chart_point_lists_its_events_and_an_event_opens_its_sentence(
    page: tuple[Page, Console], server: dict[str, Any], shots: Path
) -> None:
    pg, _ = page
    _open(pg, "/dyad?a=USA&b=CHN")
    # The view opens on the latest period (October); click the bar of September on the canvas,
    # where Chart.js drew it.
    expect(pg.locator("#dyad-events-h")).to_have_text(re.compile(r"Oct 2024"))
    index = pg.evaluate("() => Chart.getChart('dyad-chart').data.labels.findIndex(l => /Sep/.test(l))")
    assert index >= 0
    x, y = pg.evaluate(
        """i => {
          const c = Chart.getChart('dyad-chart');
          for (const [d, ds] of c.data.datasets.entries()) {
            if (ds.type === 'bar' && ds.data[i] > 0) {
              const b = c.getDatasetMeta(d).data[i];
              return [b.x, (b.y + b.base) / 2];
            }
          }
          return null;
        }""",
        index,
    )
    box = pg.locator("#dyad-chart").bounding_box()
    assert box is not None
    pg.mouse.click(box["x"] + x, box["y"] + y)
    expect(pg.locator("#dyad-events-h")).to_have_text("Events 1 Sept 2024 – 30 Sept 2024")
    rows = pg.locator("#dyad-events table.events tbody tr")
    expect(rows.first).to_be_visible()
    september = {"since": _day("2024-09-01"), "until": _day("2024-09-30")}
    expected = set(_event_ids(server, dyad=("USA", "CHN"), **september))
    ids = pg.eval_on_selector_all("#dyad-events tbody tr", "rs => rs.map(r => r.dataset.eventId)")
    shown = {int(v) for v in ids}
    assert shown == expected

    # The event's sentence link opens the article, with that sentence highlighted and in view.
    event_id = int(rows.first.get_attribute("data-event-id") or 0)
    sentence = rows.first.locator("a.event-link").inner_text()
    rows.first.locator("a.event-link").click()
    pg.wait_for_url(re.compile(rf"/article/\w+\?event={event_id}"))
    pg.wait_for_selector("body[data-ready]")
    target = pg.locator(".sent.target")
    expect(target).to_have_count(1)
    expect(target).to_have_text(sentence)
    expect(target).to_be_in_viewport()
    expect(pg.locator("tr.active")).to_have_attribute("data-event-id", str(event_id))
    expect(target.locator("mark.trigger")).not_to_have_count(0)
    expect(target.locator("mark.actor")).not_to_have_count(0)
    # Another event of the article, chosen in its table, moves the highlight.
    others = pg.locator("#article-events tbody tr:not(.active)")
    if others.count():
        other_id = others.first.get_attribute("data-event-id")
        others.first.locator("a.goto").click()
        expect(pg.locator("tr.active")).to_have_attribute("data-event-id", str(other_id))
        expect(pg.locator(".sent.target")).to_have_count(1)
        assert f"event={other_id}" in pg.url
    pg.goto(f"/article/{pg.url.split('/article/')[1].split('?')[0]}?event={event_id}")
    pg.wait_for_selector("body[data-ready]")
    pg.screenshot(path=shots / "article.png")


def _day(text: str) -> Any:
    import datetime as dt

    return dt.date.fromisoformat(text)


def test_network_node_opens_its_actor_page(page: tuple[Page, Console]) -> None:
    pg, _ = page
    _open(pg, "/network")
    pos = pg.evaluate("() => window.__detenteNetwork.getElementById('RUS').renderedPosition()")
    box = pg.locator("#graph").bounding_box()
    assert box is not None
    pg.mouse.click(box["x"] + pos["x"], box["y"] + pos["y"])
    pg.wait_for_url(re.compile(r"/actor/RUS$"))
    pg.wait_for_selector("body[data-ready]")
    expect(pg.locator("h1")).to_have_text("Russia (RUS)")
    # The slider moves the period back: fewer months, another range, the address follows.
    _open(pg, "/network")
    before = pg.locator("#nw-range").inner_text()
    slider = pg.locator("#nw-slider")
    slider.focus()
    for _ in range(6):
        pg.keyboard.press("ArrowLeft")
    expect(pg.locator("#nw-range")).not_to_have_text(before)
    pg.wait_for_url(re.compile(r"until=2024-04-30"))
    expect(pg.locator("#nw-h")).to_have_text(re.compile(r"^\d+ countries"))


def test_ingest_page_runs_a_job_and_the_article_appears(
    page: tuple[Page, Console], server: dict[str, Any], shots: Path
) -> None:
    pg, console = page
    _open(pg, "/ingest")
    text = "Canada praised Mexico for its help during the floods on Monday.\n\nMexico thanked Canada."
    pg.fill("#in-text", text)
    pg.fill("#in-title", "Canada thanks Mexico")
    pg.fill("#in-date", "2024-10-22")
    # A wrong token first: refused, and said so.
    console.allowed.append(re.compile(r"status of 401"))
    pg.fill("#in-token", "dt_00000000_wrong")
    pg.click("#in-submit")
    expect(pg.locator("#job .error")).to_contain_text("401")
    pg.fill("#in-token", server["token"])
    pg.click("#in-submit")
    expect(pg.locator("#job-status")).to_have_text(re.compile(r"Job \w+: done"), timeout=60000)
    expect(pg.locator("#job-counts")).to_contain_text("1 of 1 documents; 1 stored")
    expect(pg.locator("#job-articles a").first).to_have_text("Canada thanks Mexico")
    pg.screenshot(path=shots / "ingest.png")
    pg.locator("#job-articles a").first.click()
    pg.wait_for_selector("body[data-ready]")
    expect(pg.locator("#article-title")).to_have_text("Canada thanks Mexico")
    expect(pg.locator("#article-events tbody tr")).not_to_have_count(0)
    # And it is found by the search.
    _open(pg, "/search?q=floods")
    expect(pg.locator("table.events tbody tr a.event-link").first).to_contain_text("Canada praised Mexico")

    # Files are uploaded the same way.
    _open(pg, "/ingest")
    pg.fill("#in-token", server["token"])
    pg.click("#tab-files")
    pg.set_input_files(
        "#in-files",
        files=[
            {
                "name": "a.txt",
                "mimeType": "text/plain",
                "buffer": b"Chile praised Peru for the fishing accord.",
            },
            {"name": "empty.txt", "mimeType": "text/plain", "buffer": b"   "},
        ],
    )
    pg.click("#in-submit")
    expect(pg.locator("#job-status")).to_have_text(re.compile(r"Job \w+: done"), timeout=60000)
    expect(pg.locator("#job-counts")).to_contain_text(
        "2 of 2 documents; 1 stored, 0 already stored, 1 failed"
    )
    expect(pg.locator("#job .error")).to_contain_text("empty.txt")


def test_missing_things_and_paging(page: tuple[Page, Console]) -> None:
    pg, console = page
    console.allowed.append(re.compile(r"status of 404"))
    pg.goto("/article/0123456789abcdef")
    pg.wait_for_selector("body[data-ready]")
    expect(pg.locator("main .error")).to_contain_text("404")
    response = pg.goto("/nowhere/at/all")
    assert response is not None and response.status == 404
    # Pages of 25, newest first; the next page continues where the first ended.
    _open(pg, "/search")
    heading = pg.locator("#results-h").inner_text()
    total = int(re.search(r"of ([\d,]+)", heading).group(1).replace(",", ""))  # type: ignore[union-attr]
    assert total > 50
    first_page = pg.eval_on_selector_all("table.events tbody tr", "rs => rs.map(r => r.dataset.eventId)")
    pg.click("text=Older →")
    pg.wait_for_url(re.compile(r"offset=25"))
    pg.wait_for_selector("body[data-ready]")
    expect(pg.locator("#results-h")).to_have_text(f"Events 26–50 of {total}")
    second_page = pg.eval_on_selector_all("table.events tbody tr", "rs => rs.map(r => r.dataset.eventId)")
    assert len(first_page) == len(second_page) == 25 and not set(first_page) & set(second_page)


def test_xss_payloads_render_as_text(page: tuple[Page, Console], server: dict[str, Any]) -> None:
    pg, _ = page
    article_id = server["api"].store.article("xss-1")["id"]
    for path in (f"/article/{article_id}", "/search?q=refugees", "/search?q=attack", "/actor/FRA", "/"):
        _open(pg, path)
        assert pg.evaluate("typeof window.__xss") == "undefined", path
        assert pg.locator("main img").count() == 0, path
        assert pg.locator("main script").count() == 0, path
        assert pg.locator('a[href^="javascript:"]').count() == 0, path
    _open(pg, f"/article/{article_id}")
    expect(pg.locator("#article-title")).to_have_text(XSS_TITLE)
    expect(pg.locator("#article-text")).to_contain_text("<script>window.__xss=1</script>")
    expect(pg.locator("#article-text")).to_contain_text('<img src=x onerror="window.__xss=1">')
    _open(pg, "/search?q=refugees")
    first = pg.locator("table.events a.event-link").first
    expect(first).to_contain_text('<img src=x onerror="window.__xss=1">')
    assert pg.evaluate("typeof window.__xss") == "undefined"


def test_api_docs_render_without_internet(page: tuple[Page, Console], server: dict[str, Any]) -> None:
    """/docs (Swagger UI) lists the API's operations with every request answered by this server."""
    pg, _ = page
    outside: list[str] = []
    local: list[str] = []

    def only_local(route: Any) -> None:
        url = route.request.url
        if url.startswith(server["url"] + "/") or url.startswith("data:"):
            local.append(url)
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    pg.route("**/*", only_local)
    response = pg.goto("/docs")
    assert response is not None and response.ok
    expect(pg.locator(".opblock-summary-path", has_text="/api/events").first).to_be_visible()
    assert pg.locator(".opblock").count() > 10
    expect(pg.locator(".swagger-ui .info .title")).to_contain_text("Detente")
    assert pg.title() == "Detente API"
    assert outside == []
    assert f"{server['url']}/static/vendor/swagger-ui/swagger-ui-bundle.js" in local
    assert f"{server['url']}/openapi.json" in local
