"""The FastAPI application: the JSON API under /api, the dashboard (when installed) at /.

Every endpoint is a thin layer over the library: `detente.api.Detente` (coding, ingest,
articles, mentions, export), `detente.analysis` (search, dyad series, profiles, network,
changes) and `detente.web.queries` (article pages, actor lists, the map). Endpoints are plain
functions, run by FastAPI on its thread pool; the store's engine pools connections.

Errors are JSON `{"error": ..., "detail": ...}` with the right status: 400 for a bad parameter
(naming it), 401/403 without a valid token, 404 for unknown ids, 413 for a body over the limit.
Reference: docs/web.md.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import json
import math
import os
import queue
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from http import HTTPStatus
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response, StreamingResponse
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from detente import __version__
from detente.analysis.common import AnalysisError, actor_spec
from detente.api import Detente
from detente.errors import DetenteError, InputError
from detente.records import Article, CodedArticle
from detente.web import queries
from detente.web.cache import AnswerCache
from detente.web.fetch import FetchError, fetch
from detente.web.inputs import from_bytes, from_text
from detente.web.jobs import JobManager, Source, error_dict
from detente.web.settings import DEFAULT_PAGE, MAX_PAGE, WebSettings
from detente.web.tokens import TokenInfo, verify_token

EXPORT_TYPES = {
    "gdelt": ("text/tab-separated-values; charset=utf-8", "events.gdelt.tsv"),
    "icews": ("text/tab-separated-values; charset=utf-8", "events.icews.tsv"),
    "plover": ("application/x-ndjson; charset=utf-8", "events.plover.jsonl"),
    "csv": ("text/csv; charset=utf-8", "events.csv"),
}
ORIGINS = ("detente", "gdelt", "icews")


# --- errors ---------------------------------------------------------------------------------------
class ApiError(Exception):
    """An error answer: status, a short `error`, a `detail` for people, and extra fields."""

    def __init__(self, status: int, error: str, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.status, self.error, self.detail, self.extra = status, error, detail, extra


def bad_parameter(name: str, detail: str) -> ApiError:
    return ApiError(400, "bad parameter", f"{name}: {detail}", parameter=name)


def not_found(what: str) -> ApiError:
    return ApiError(404, "not found", what)


def error_response(
    status: int, error: str, detail: Any, headers: dict[str, str] | None = None, **extra: Any
) -> JSONResponse:
    return JSONResponse({"error": error, "detail": detail, **extra}, status_code=status, headers=headers)


# --- JSON values ----------------------------------------------------------------------------------
def cell(value: Any) -> Any:
    """A value as JSON wants it: ISO dates, None for NaN, Python numbers, lists and dicts cleaned."""
    kind = type(value)
    if kind is str or kind is int or kind is bool or value is None:  # most cells: checked first
        return value
    if kind is float:
        return None if value != value or value in (math.inf, -math.inf) else value
    if kind is dict:
        return {str(k): cell(v) for k, v in value.items()}
    if kind is list or kind is tuple:
        return [cell(v) for v in value]
    if isinstance(value, dict):
        return {str(k): cell(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [cell(v) for v in value]
    if isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else float(value)
    if isinstance(value, dt.datetime):  # pandas Timestamps too
        if value.hour == value.minute == value.second == value.microsecond == 0 and value.tzinfo is None:
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "tolist"):  # numpy scalars and arrays
        return cell(value.tolist())
    if hasattr(value, "item"):
        return cell(value.item())
    if value != value:  # pandas NA / NaT
        return None
    return str(value)


def records(df: Any) -> list[dict[str, Any]]:
    return [cell(row) for row in df.to_dict(orient="records")]


def answer(data: Any, status: int = 200) -> JSONResponse:
    return JSONResponse(cell(data), status_code=status)


def encode(data: Any) -> bytes:
    """JSON as JSONResponse writes it (no NaN: `cell` made them null)."""
    return json.dumps(cell(data), ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode("utf-8")


def cached(svc: Services, key: tuple[Any, ...], compute: Callable[[], Any]) -> Response:
    """The answer to a question as JSON bytes, from the cache when the store has not changed:
    a hit costs neither the analysis nor the encoding (a year's network is megabytes of JSON)."""
    return Response(svc.cache.get(("json", *key), lambda: encode(compute())), media_type="application/json")


def listing(items: list[dict[str, Any]], total: int, limit: int, offset: int, **extra: Any) -> JSONResponse:
    return answer({"items": items, "total": total, "limit": limit, "offset": offset, **extra})


# --- parameters -----------------------------------------------------------------------------------
def parse_day(name: str, value: str | None, *, end: bool) -> dt.date | None:
    """YYYY-MM-DD, or YYYY-MM / YYYY meaning the period's first (since) or last (until) day."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    parts = text.split("-")
    try:
        if len(parts) == 3:
            return dt.date.fromisoformat(text)
        if len(parts[0]) == 4 and parts[0].isdigit():
            year = int(parts[0])
            if len(parts) == 2:
                month = int(parts[1])
                return dt.date(year, month, calendar.monthrange(year, month)[1] if end else 1)
            if len(parts) == 1:
                return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
    except ValueError:
        pass
    raise bad_parameter(name, f"{value!r} is not a date: YYYY-MM-DD, YYYY-MM or YYYY")


def page(limit: int, offset: int) -> tuple[int, int]:
    """Limit capped at MAX_PAGE (the answer says which limit was used)."""
    if limit < 0:
        raise bad_parameter("limit", f"{limit} is negative")
    if offset < 0:
        raise bad_parameter("offset", f"{offset} is negative")
    return min(limit, MAX_PAGE), offset


def split_list(name: str, values: list[str] | None) -> list[str] | None:
    """Repeated parameters and comma-separated values alike: ?root=01&root=02 or ?root=01,02."""
    if not values:
        return None
    out = [v.strip() for value in values for v in value.split(",") if v.strip()]
    return out or None


def int_list(name: str, values: list[str] | None) -> list[int] | None:
    items = split_list(name, values)
    if items is None:
        return None
    try:
        return [int(v) for v in items]
    except ValueError:
        raise bad_parameter(name, f"{', '.join(items)} are not whole numbers") from None


def check_actor(name: str, value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    try:
        actor_spec(value)
    except AnalysisError as exc:
        raise bad_parameter(name, str(exc)) from None
    return value.strip()


def check_choice(name: str, value: str | None, choices: tuple[str, ...] | list[str]) -> str | None:
    if value is None or value == "":
        return None
    if value not in choices:
        raise bad_parameter(name, f"{value!r} is not one of {', '.join(choices)}")
    return value


Limit = Annotated[int, Query(description=f"Page size (capped at {MAX_PAGE}).")]
Offset = Annotated[int, Query(description="Items to skip.")]
Since = Annotated[
    str | None, Query(description="From this day: YYYY-MM-DD, YYYY-MM or YYYY (its first day).")
]
Until = Annotated[
    str | None, Query(description="Up to this day: YYYY-MM-DD, YYYY-MM or YYYY (its last day).")
]
Origin = Annotated[str | None, Query(description="detente | gdelt | icews")]
Codes = Annotated[
    list[str] | None,
    Query(
        description="One or more values, repeated or comma-separated: cameo (codes starting with "
        "these digits: 19, 190), root (CAMEO roots 01-20), quad (quad classes 1-4), plover (types)."
    ),
]


# --- middleware -----------------------------------------------------------------------------------
class BodyTooLarge(Exception):
    pass


class BodyLimit:
    """413 for a request body over `max_body` bytes: by its Content-Length before reading, or while
    reading a body sent without one (chunked)."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app, self.max_body = app, max_body

    def _too_large(self) -> JSONResponse:
        return error_response(
            413,
            "request body too large",
            f"the request body is larger than the limit of {self.max_body} bytes "
            "(the server's --max-body option)",
            limit=self.max_body,
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for key, value in scope.get("headers", []):
            if key == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    await error_response(400, "bad request", "Content-Length is not a number")(
                        scope, receive, send
                    )
                    return
                if declared > self.max_body:
                    await self._too_large()(scope, receive, send)
                    return
        received = 0
        started = False

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise BodyTooLarge()
            return message

        async def tracking(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited, tracking)
        except BodyTooLarge:
            if not started:
                await self._too_large()(scope, receive, send)


class SecurityHeaders:
    """nosniff on every answer, so that no browser reads JSON or text as a page or a script."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                if b"x-content-type-options" not in names:
                    headers.append((b"x-content-type-options", b"nosniff"))
                if b"referrer-policy" not in names:
                    headers.append((b"referrer-policy", b"same-origin"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


# --- the application ------------------------------------------------------------------------------
class Services:
    """What the endpoints share: the library API, the cache, the jobs and the coding lock."""

    def __init__(self, db: str | None, settings: WebSettings) -> None:
        self.settings = settings
        self.api = Detente(db)
        self.store = self.api.store  # opened (and prepared) now: a bad --db fails at start
        self.cache = AnswerCache(self.store, settings.cache_entries)
        self.code_lock = threading.Lock()  # one spaCy pipeline: one document coded at a time
        self.jobs = JobManager(self.api, self.code_lock, settings.job_workers)
        self.jobs.on_change = self.cache.changed

    def code(self, articles: list[Article | InputError]) -> list[CodedArticle | InputError]:
        with self.code_lock:
            return list(self.api.code_articles(articles))


def services(request: Request) -> Services:
    return request.app.state.services  # type: ignore[no-any-return]


def require_token(request: Request) -> TokenInfo:
    """The token of a writing request (Authorization: Bearer ...); 401 without a valid one,
    403 for a revoked one."""
    header = request.headers.get("authorization", "")
    challenge = {"WWW-Authenticate": 'Bearer realm="detente"'}
    if not header:
        raise ApiError(
            401,
            "unauthorized",
            "this endpoint writes: send Authorization: Bearer <token> "
            "(create one with `detente token create`)",
            _headers=challenge,
        )
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(401, "unauthorized", "use Authorization: Bearer <token>", _headers=challenge)
    info, why = verify_token(services(request).store, token.strip())
    if info is None:
        status = 403 if "revoked" in why else 401
        raise ApiError(status, "forbidden" if status == 403 else "unauthorized", why, _headers=challenge)
    return info


Token = Annotated[TokenInfo, Depends(require_token)]
Svc = Annotated[Services, Depends(services)]


def create_app(db: str | None = None, *, settings: WebSettings | None = None) -> FastAPI:
    """The web application over one store (a SQLite path or a postgresql:// URL; default as the CLI)."""
    settings = settings or WebSettings()

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        app.state.services.jobs.shutdown()

    app = FastAPI(
        lifespan=lifespan,
        title="Detente",
        version=__version__,
        summary="Political events coded from news: query, analyse, code and ingest.",
        description="JSON API over a Detente event store. Reads are open; writes need "
        "`Authorization: Bearer <token>` (`detente token create`). Reference: docs/web.md.",
        docs_url=None if LOCAL_SWAGGER.is_dir() else "/docs",
    )
    if LOCAL_SWAGGER.is_dir():
        _local_docs(app)
    app.state.services = Services(db, settings)
    app.state.settings = settings
    _install_errors(app)
    _routes(app)
    app.add_middleware(SecurityHeaders)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST", "DELETE", "OPTIONS"],
            allow_headers=["Authorization", "Content-Type"],
            max_age=600,
        )
    app.add_middleware(BodyLimit, max_body=settings.max_body)

    try:
        from detente.web.dashboard import mount_dashboard
    except ImportError:
        mount_dashboard = None
    if mount_dashboard:
        mount_dashboard(app)
    return app


ENV_SETTINGS = "DETENTE_WEB_SETTINGS"  # how `detente serve --workers N` hands its options to workers


def app_from_environment() -> FastAPI:
    """The application of each worker process of `detente serve --workers N` (a uvicorn factory):
    the database and settings come as JSON in DETENTE_WEB_SETTINGS."""
    data = json.loads(os.environ.get(ENV_SETTINGS, "{}"))
    db = data.pop("db", None)
    data["cors_origins"] = tuple(data.get("cors_origins", ()))
    return create_app(db, settings=WebSettings(**data))


# Swagger UI as the dashboard vendors it (served under /static); without it /docs loads Swagger
# UI from FastAPI's default CDN and only /openapi.json works offline.
LOCAL_SWAGGER = Path(__file__).resolve().parent / "dashboard" / "static" / "vendor" / "swagger-ui"


def _local_docs(app: FastAPI) -> None:
    from fastapi.openapi.docs import get_swagger_ui_html

    @app.get("/docs", include_in_schema=False)
    def docs() -> Response:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="Detente API",
            swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
        )


def _install_errors(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    def api_error(_request: Request, exc: ApiError) -> JSONResponse:
        extra = dict(exc.extra)
        headers = extra.pop("_headers", None)
        return error_response(exc.status, exc.error, exc.detail, headers=headers, **extra)

    @app.exception_handler(StarletteHTTPException)
    def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        phrase = (
            HTTPStatus(exc.status_code).phrase.lower()
            if exc.status_code in HTTPStatus._value2member_map_
            else "error"
        )
        detail = exc.detail
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"no such path: {request.url.path}"
        return error_response(exc.status_code, phrase, detail, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    def validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        names = []
        for e in exc.errors():
            loc = [str(p) for p in e.get("loc", ()) if p not in ("query", "path", "body", "header")]
            name = ".".join(loc) or "request"
            names.append(name)
            problems.append(f"{name}: {e.get('msg', 'invalid')}")
        return error_response(
            400, "bad parameter", "; ".join(problems), parameter=names[0] if names else None
        )

    @app.exception_handler(AnalysisError)
    def analysis_error(_request: Request, exc: AnalysisError) -> JSONResponse:
        return error_response(400, "bad request", str(exc))

    @app.exception_handler(FetchError)
    def fetch_error(_request: Request, exc: FetchError) -> JSONResponse:
        return error_response(exc.status, "cannot fetch the URL", str(exc))

    @app.exception_handler(DetenteError)
    def detente_error(_request: Request, exc: DetenteError) -> JSONResponse:
        return error_response(400, "bad request", str(exc), code=exc.code)

    @app.exception_handler(Exception)
    def internal_error(_request: Request, exc: Exception) -> JSONResponse:
        # Starlette logs the traceback; the client learns only that it was not its fault.
        return error_response(500, "internal error", f"the server failed: {type(exc).__name__}")


def _routes(app: FastAPI) -> None:
    @app.get("/api/health", tags=["meta"])
    def health(svc: Svc) -> Response:
        """Is the server up, and which store does it serve."""
        return answer({"status": "ok", "version": __version__, "database": svc.store.engine.dialect.name})

    @app.get("/api/stats", tags=["meta"])
    def stats(svc: Svc) -> Response:
        """Rows per table of the store (articles, copies, sentences, mentions, events, actors, stories)."""
        return cached(svc, ("stats",), svc.store.counts)

    # --- events -----------------------------------------------------------------------------------
    @app.get("/api/events", tags=["events"])
    def events(
        svc: Svc,
        actor: str | None = Query(
            None, description="Either side: a country (RUS) or an actor code (RUSGOV)."
        ),
        source: str | None = Query(None, description="Source actor or country."),
        target: str | None = Query(None, description="Target actor or country."),
        country: str | None = Query(None, description="A country (ISO alpha-3) on either side."),
        dyad: str | None = Query(
            None, description="Two actors, A,B: A towards B (either way unless directed)."
        ),
        directed: bool = Query(True, description="dyad: only A towards B."),
        sector: str | None = Query(None, description="CAMEO sector (GOV, MIL, ...) of either side."),
        cameo: Codes = None,
        root: Codes = None,
        quad: Codes = None,
        plover: Codes = None,
        since: Since = None,
        until: Until = None,
        location: str | None = Query(None, description="Part of the place name."),
        location_country: str | None = Query(None, description="ISO alpha-3 of the place."),
        q: str | None = Query(None, description="Part of the sentence or trigger of any mention."),
        origin: Origin = None,
        min_mentions: int | None = Query(None, ge=1),
        limit: Limit = DEFAULT_PAGE,
        offset: Offset = 0,
    ) -> Response:
        """Merged events, newest first, with counts and first mention's sentence (analysis.search_events)."""
        from detente.analysis import search_events

        limit, offset = page(limit, offset)
        filters = event_filters(
            actor=actor,
            source=source,
            target=target,
            country=country,
            dyad=dyad,
            directed=directed,
            sector=sector,
            cameo=cameo,
            root=root,
            quad=quad,
            plover=plover,
            since=since,
            until=until,
            location=location,
            location_country=location_country,
            q=q,
            origin=origin,
            min_mentions=min_mentions,
        )
        key = ("events", tuple(sorted((k, hashable(v)) for k, v in filters.items())), limit, offset)

        def count() -> int:
            return search_events(svc.store, limit=0, **filters).total

        def compute() -> dict[str, Any]:
            known = svc.cache.get(("events-total", key[1]), count)  # one count for every page
            result = search_events(svc.store, limit=limit, offset=offset, total=known, **filters)
            return {"items": records(result.events), "total": result.total, "limit": limit, "offset": offset}

        return cached(svc, key, compute)

    @app.get("/api/events/{event_id}", tags=["events"])
    def event(svc: Svc, event_id: int) -> Response:
        """One merged event and every mention of it: article, sentence, spans, rule, confidence, copies."""
        from detente.analysis import search_events

        found = search_events(svc.store, ids=[event_id], limit=1)
        if not len(found.events):
            raise not_found(f"no event with id {event_id}")
        return answer(
            {
                "event": records(found.events)[0],
                "mentions": [mention_json(m) for m in svc.api.mentions(event_id)],
            }
        )

    # --- articles ---------------------------------------------------------------------------------
    @app.get("/api/articles", tags=["articles"])
    def articles(
        svc: Svc,
        q: str | None = Query(None, description="Part of the title or text."),
        since: Since = None,
        until: Until = None,
        limit: Limit = DEFAULT_PAGE,
        offset: Offset = 0,
    ) -> Response:
        """Stored articles, latest ingested first, with a snippet of their text."""
        limit, offset = page(limit, offset)
        start, end = parse_day("since", since, end=False), parse_day("until", until, end=True)
        rows, total = queries.articles_page(
            svc.store, q=q, since=start, until=end, limit=limit, offset=offset
        )
        return listing(rows, total, limit, offset)

    @app.get("/api/articles/{article_id}", tags=["articles"])
    def article(svc: Svc, article_id: str) -> Response:
        """An article: text, sentences, actor mentions (offsets within the sentence), copies, and its
        events with their evidence. `article_id` may be a unique prefix or a document id."""
        from detente.store import event_dict

        art = svc.api.article(article_id)
        if art is None:
            raise not_found(f"no article with id {article_id!r}")
        art.pop("minhash", None)
        art["events"] = [article_event(row, event_dict(row)) for row in art["events"]]
        return answer(art)

    @app.delete("/api/articles/{article_id}", tags=["articles"])
    def delete_article(svc: Svc, _token: Token, article_id: str) -> Response:
        """Delete an article (full id) and replay merged events without it. Needs a token."""
        from detente.store.delete import delete_article as delete

        summary = delete(svc.store, article_id)
        svc.cache.changed()
        if summary is None:
            raise not_found(f"no article with id {article_id!r} (give the full id)")
        return answer(
            {
                "deleted": summary.article_id,
                "sentences": summary.sentences,
                "event_mentions": summary.mentions,
                "events_after_replay": summary.events,
            }
        )

    # --- actors -----------------------------------------------------------------------------------
    @app.get("/api/actors", tags=["actors"])
    def actors(
        svc: Svc,
        q: str | None = Query(None, description="Start of the code, or part of the name."),
        limit: Limit = DEFAULT_PAGE,
        offset: Offset = 0,
    ) -> Response:
        """Actor codes seen in events, most events first, with their counts as source and target."""
        limit, offset = page(limit, offset)
        df = svc.cache.get(("actors",), lambda: queries.actor_counts(svc.store))
        if q and q.strip():
            needle = q.strip()
            mask = df["code"].str.startswith(needle.upper()) | df["name"].fillna("").str.contains(
                needle, case=False, regex=False
            )
            df = df[mask]
        return listing(records(df.iloc[offset : offset + limit]), len(df), limit, offset)

    @app.get("/api/actors/{code}", tags=["actors"])
    def actor(
        svc: Svc,
        code: str,
        since: Since = None,
        until: Until = None,
        by: str = Query("month", description="month | quarter | year (trend)"),
        top: int = Query(20, ge=1, le=200, description="Partners listed per side."),
        domestic: bool = False,
        all_time: bool = Query(
            False, description="From the first event on (default: the year up to the latest)."
        ),
    ) -> Response:
        """An actor profile: partners (out and in), event mix by CAMEO root and quad class, trend."""
        from detente.analysis import actor_profile

        spec = actor_spec(check_actor("code", code) or "")
        counts = svc.cache.get(("actors",), lambda: queries.actor_counts(svc.store))
        column = counts["code"] if spec.kind == "code" else counts["country"].fillna(counts["code"].str[:3])
        if not (column == spec.value).any():
            raise not_found(f"no events with the actor {code!r}")
        check_choice("by", by, ["month", "quarter", "year"])
        start = dt.date.min if all_time else parse_day("since", since, end=False)
        end = parse_day("until", until, end=True)
        key = ("profile", spec, start, end, by, top, domestic)

        def compute() -> dict[str, Any]:
            p = actor_profile(svc.store, spec, since=start, until=end, by=by, domestic=domestic)
            return p.to_dict(top=top)

        return cached(svc, key, lambda: {"actor": spec.value, "kind": spec.kind, **compute()})

    # --- dyads, network, changes, map -------------------------------------------------------------
    @app.get("/api/dyads/{a}/{b}", tags=["analysis"])
    def dyad(
        svc: Svc,
        a: str,
        b: str,
        by: str = Query("month", description="day | week | month | quarter | year"),
        directed: bool = Query(True, description="Only A towards B (else both directions added)."),
        since: Since = None,
        until: Until = None,
        origin: Origin = None,
        min_mentions: int | None = Query(None, ge=1),
        normalise: str = Query("auto", description="auto | articles | events | none"),
    ) -> Response:
        """The dyad's time series (analysis.dyad_series): counts per quad class, Goldstein, balance."""
        from detente.analysis import dyad_series

        sa, sb = actor_spec(check_actor("a", a) or ""), actor_spec(check_actor("b", b) or "")
        check_choice("by", by, ["day", "week", "month", "quarter", "year"])
        check_choice("normalise", normalise, ["auto", "articles", "events", "none"])
        check_choice("origin", origin, ORIGINS)
        start, end = parse_day("since", since, end=False), parse_day("until", until, end=True)
        key = ("dyad", sa, sb, by, directed, start, end, origin, min_mentions, normalise)

        def compute() -> dict[str, Any]:
            df = dyad_series(
                svc.store,
                sa,
                sb,
                by=by,
                directed=directed,
                since=start,
                until=end,
                origin=origin,
                min_mentions=min_mentions,
                normalise=normalise,
            )
            return {**{k: cell(v) for k, v in df.attrs.items()}, "series": records(df)}

        return cached(svc, key, compute)

    @app.get("/api/network", tags=["analysis"])
    def network(
        svc: Svc,
        since: Since = None,
        until: Until = None,
        min_events: int = Query(1, ge=1, description="Leave out pairs with fewer events."),
        origin: Origin = None,
        min_mentions: int | None = Query(None, ge=1),
        seed: int = 0,
        bloc_weight: str = Query("net", description="net | coop"),
    ) -> Response:
        """The relations network of a period (default: the year up to the latest event) with blocs."""
        from detente.analysis import relations_network

        check_choice("origin", origin, ORIGINS)
        check_choice("bloc_weight", bloc_weight, ["net", "coop"])
        start, end = parse_day("since", since, end=False), parse_day("until", until, end=True)
        key = ("network", start, end, min_events, origin, min_mentions, seed, bloc_weight)

        def compute() -> dict[str, Any]:
            g = relations_network(
                svc.store,
                start,
                end,
                origin=origin,
                min_mentions=min_mentions,
                min_events=min_events,
                seed=seed,
                bloc_weight=bloc_weight,
            )
            return network_json(g)

        return cached(svc, key, compute)

    @app.get("/api/changes", tags=["analysis"])
    def changes(
        svc: Svc,
        period: str = Query("month", description="day | week | month | quarter | year"),
        at: str | None = Query(None, description="A day in the current period (default: the latest event)."),
        directed: bool = True,
        top: int = Query(20, ge=1, le=200),
        min_events: int = Query(5, ge=1),
        examples: int = Query(3, ge=0, le=20),
        origin: Origin = None,
    ) -> Response:
        """The dyads whose balance moved most from the previous period to this one, with the events
        that moved them."""
        from detente.analysis import what_changed

        check_choice("period", period, ["day", "week", "month", "quarter", "year"])
        check_choice("origin", origin, ORIGINS)
        day = parse_day("at", at, end=True)
        key = ("changes", period, day, directed, top, min_events, examples, origin)

        def compute() -> dict[str, Any]:
            df = what_changed(
                svc.store,
                period=period,
                until=day,
                directed=directed,
                top=top,
                min_events=min_events,
                examples=examples,
                origin=origin,
            )
            return {
                "period": period,
                "before": df.attrs.get("before"),
                "after": df.attrs.get("after"),
                "directed": directed,
                "items": records(df),
            }

        return cached(svc, key, compute)

    @app.get("/api/map", tags=["analysis"])
    def world_map(
        svc: Svc,
        since: Since = None,
        until: Until = None,
        metric: str = Query("volume", description="volume (events) | balance (cooperation - conflict)"),
        origin: Origin = None,
        min_mentions: int | None = Query(None, ge=1),
    ) -> Response:
        """Per country (ISO alpha-3): events it took part in, cooperation, conflict, balance; `value`
        is the chosen metric. Period default: the year up to the latest event."""
        check_choice("metric", metric, ["volume", "balance"])
        check_choice("origin", origin, ORIGINS)
        start, end = parse_day("since", since, end=False), parse_day("until", until, end=True)
        key = ("map", start, end, origin, min_mentions)

        def compute() -> dict[str, Any]:
            df = queries.country_map(svc.store, start, end, origin=origin, min_mentions=min_mentions)
            return {"since": df.attrs.get("since"), "until": df.attrs.get("until"), "items": records(df)}

        def with_metric() -> dict[str, Any]:
            data = svc.cache.get(key, compute)
            field = "events" if metric == "volume" else "balance"
            return {
                **data,
                "metric": metric,
                "items": [{**row, "value": row[field]} for row in data["items"]],
            }

        return cached(svc, (*key, metric), with_metric)

    # --- export -----------------------------------------------------------------------------------
    @app.get("/api/export", tags=["export"])
    def export(
        svc: Svc,
        format: str = Query(..., description="gdelt | icews | plover | csv"),
        source: str | None = None,
        target: str | None = None,
        since: Since = None,
        until: Until = None,
        origin: Origin = None,
        min_mentions: int | None = Query(None, ge=1),
        historical: bool = Query(True, description="Include background events about the past."),
    ) -> StreamingResponse:
        """Merged events in a file format, streamed as they are read (formats.export_events)."""
        check_choice("format", format, list(EXPORT_TYPES))
        check_choice("origin", origin, ORIGINS)
        filters = {
            "source": check_actor("source", source),
            "target": check_actor("target", target),
            "since": parse_day("since", since, end=False),
            "until": parse_day("until", until, end=True),
            "origin": origin,
            "min_mentions": min_mentions,
            "include_historical": historical,
        }
        media, filename = EXPORT_TYPES[format]
        return StreamingResponse(
            stream_export(svc, format, filters),
            media_type=media,
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )

    # --- coding and ingest ------------------------------------------------------------------------
    @app.post("/api/code", tags=["code"], openapi_extra=_body_doc(code=True))
    async def code(
        request: Request, svc: Svc, store: bool = Query(False, description="Also store (needs a token).")
    ) -> Response:
        """Code a text (JSON {"text", "date"?, "title"?}) or uploaded files (multipart `file`) and
        return the events as `detente code` prints them; `store=true` also stores them."""
        # Everything that waits on the database, DNS or the CPU runs on the thread pool, not the
        # event loop that every other request shares.
        if store:
            await run_in_threadpool(require_token, request)
        body = await read_body(request, svc.settings)
        if not store and body.get("store"):
            store = True
            await run_in_threadpool(require_token, request)
        items = await run_in_threadpool(body_articles, body)
        if not items:
            raise bad_parameter("text", "give a non-empty text, or upload a file")
        return await run_in_threadpool(code_and_answer, svc, items, store)

    @app.post("/api/ingest", tags=["code"], status_code=202, openapi_extra=_body_doc(code=False))
    async def ingest(request: Request, svc: Svc) -> Response:
        """Start a background job that codes and stores texts, URLs (`url`/`urls`) or uploaded files.
        Needs a token. Poll GET /api/jobs/{id} for its progress."""
        await run_in_threadpool(require_token, request)  # before the body is read
        body = await read_body(request, svc.settings)
        sources = await run_in_threadpool(body_sources, body, svc.settings)  # resolves URLs
        if not sources:
            raise bad_parameter("text", "give a text, a url or upload files")
        job = await run_in_threadpool(svc.jobs.submit, sources)
        return JSONResponse(cell(job.to_dict()), status_code=202, headers={"Location": f"/api/jobs/{job.id}"})

    @app.get("/api/jobs/{job_id}", tags=["code"])
    def job(svc: Svc, job_id: str) -> Response:
        """An ingest job: status (queued, running, done, failed), documents done of total, errors."""
        found = svc.jobs.get(job_id)
        if found is None:
            raise not_found(f"no job with id {job_id!r}")
        return answer(found)


def hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


WARM_PATHS = ("/api/stats", "/api/actors", "/api/map", "/api/network", "/api/changes", "/api/events")


# --- endpoint helpers -----------------------------------------------------------------------------
def event_filters(
    *,
    actor: str | None,
    source: str | None,
    target: str | None,
    country: str | None,
    dyad: str | None,
    directed: bool,
    sector: str | None,
    cameo: list[str] | None,
    root: list[str] | None,
    quad: list[str] | None,
    plover: list[str] | None,
    since: str | None,
    until: str | None,
    location: str | None,
    location_country: str | None,
    q: str | None,
    origin: str | None,
    min_mentions: int | None,
) -> dict[str, Any]:
    """The search filters of analysis.search_events from query parameters, each checked by name."""
    filters: dict[str, Any] = {
        "source": check_actor("source", source),
        "target": check_actor("target", target),
        "since": parse_day("since", since, end=False),
        "until": parse_day("until", until, end=True),
        "sector": sector.strip().upper() if sector and sector.strip() else None,
        "place": location.strip() if location and location.strip() else None,
        "location_country": location_country.strip().upper()
        if location_country and location_country.strip()
        else None,
        "text": q.strip() if q and q.strip() else None,
        "origin": check_choice("origin", origin, ORIGINS),
        "min_mentions": min_mentions,
    }
    actors = [a for a in (check_actor("actor", actor),) if a]
    if country and country.strip():
        value = country.strip().upper()
        if len(value) != 3 or not value.isalpha():
            raise bad_parameter("country", f"{country!r} is not a three-letter country code")
        actors.append(f"country:{value}")
    if len(actors) == 2:  # actor and country: both must take part (the dyad, either way)
        filters["dyad"], filters["directed"] = (actors[0], actors[1]), False
    elif actors:
        filters["actor"] = actors[0]
    if dyad:
        if "dyad" in filters:
            raise bad_parameter("dyad", "give dyad, or actor and country, not both")
        pair = [p.strip() for p in dyad.split(",")]
        if len(pair) != 2 or not all(pair):
            raise bad_parameter("dyad", f"{dyad!r} is not two actors separated by a comma (RUS,UKR)")
        filters["dyad"] = (check_actor("dyad", pair[0]), check_actor("dyad", pair[1]))
        filters["directed"] = directed
    codes = split_list("cameo", cameo)
    if codes and not all(c.isdigit() and len(c) <= 4 for c in codes):
        raise bad_parameter("cameo", f"CAMEO codes are up to four digits, not {', '.join(codes)}")
    filters["cameo"] = codes
    roots = split_list("root", root)
    if roots and not all(r.isdigit() and 1 <= int(r) <= 20 for r in roots):
        raise bad_parameter("root", f"CAMEO roots are 01 to 20, not {', '.join(roots)}")
    filters["root"] = roots
    quads = int_list("quad", quad)
    if quads and any(x not in (1, 2, 3, 4) for x in quads):
        raise bad_parameter("quad", f"quad classes are 1 to 4, not {', '.join(map(str, quads))}")
    filters["quad_class"] = quads
    filters["plover"] = split_list("plover", plover)
    if filters["since"] and filters["until"] and filters["since"] > filters["until"]:
        raise bad_parameter(
            "since", f"the range starts ({filters['since']}) after it ends ({filters['until']})"
        )
    return {k: v for k, v in filters.items() if v is not None}


def _span(text: Any, start: Any, end: Any) -> dict[str, Any] | None:
    return None if text is None else {"text": text, "start": start, "end": end}


def mention_json(m: dict[str, Any]) -> dict[str, Any]:
    """A mention of a merged event: where it was read (article, sentence) and why (rule, spans)."""

    def actor(side: str) -> dict[str, Any] | None:
        if m.get(f"{side}_code") is None:
            return None
        return {
            "code": m[f"{side}_code"],
            "country": m[f"{side}_country"],
            "sector": m[f"{side}_sector"],
            "name": m[f"{side}_name"],
            **(_span(m[f"{side}_text"], m[f"{side}_start"], m[f"{side}_end"]) or {}),
        }

    return {
        "id": m["id"],
        "article_id": m["article_id"],
        "doc_id": m["doc_id"],
        "sentence_index": m["sentence_idx"],
        "paragraph": m["paragraph"],
        "sentence": m["sentence"],
        "source": actor("source"),
        "target": actor("target"),
        "trigger": _span(m["trigger_text"], m["trigger_start"], m["trigger_end"]),
        "cameo": m["cameo"],
        "goldstein": m["goldstein"],
        "date": m["date"],
        "negated": bool(m["negated"]),
        "modality": m["modality"],
        "rule": m["rule"],
        "confidence": m["confidence"],
        "evidence": json.loads(m["evidence"]) if m.get("evidence") else None,
        "copies": [
            {k: c[k] for k in ("doc_id", "url", "publisher", "date", "origin")} for c in m.get("copies", [])
        ],
    }


def article_event(row: dict[str, Any], event: dict[str, Any]) -> dict[str, Any]:
    """An event of an article: the `detente code` shape with its merged counts, plus the mention's
    id and the trigger's offsets within the sentence (also in `evidence.trigger`)."""
    return {
        **event,
        "mention_id": row.get("mention_id"),
        "trigger": _span(row.get("trigger_text"), row.get("trigger_start"), row.get("trigger_end")),
        "rule": row.get("rule"),
    }


def network_json(g: Any) -> dict[str, Any]:
    """Nodes (countries: activity, bloc, partners, balances) and edges (directed pairs: weight =
    events, cooperation and conflict = their mentions) of a relations network, and its blocs."""
    names = queries.country_names()
    nodes = []
    for n, d in g.nodes(data=True):
        activity = int(d.get("events_out", 0) or 0) + int(d.get("events_in", 0) or 0)
        nodes.append(
            {
                "id": n,
                "name": names.get(n),
                "activity": activity,
                "bloc": int(d.get("bloc", 0) or 0),
                **{k: v for k, v in d.items() if k != "bloc"},
            }
        )
    edges = [
        {
            "source": s,
            "target": t,
            "weight": d.get("events"),
            "cooperation": d.get("coop"),
            "conflict": d.get("conflict"),
            **d,
        }
        for s, t, d in g.edges(data=True)
    ]
    members: dict[int, list[str]] = {}
    for node in nodes:
        if node["bloc"]:
            members.setdefault(node["bloc"], []).append(node["id"])
    blocs = [{"bloc": b, "size": len(m), "members": sorted(m)} for b, m in sorted(members.items())]
    return {
        "since": g.graph.get("since"),
        "until": g.graph.get("until"),
        "nodes": nodes,
        "edges": edges,
        "blocs": blocs,
    }


class _Stop(Exception):
    pass


class _ChunkWriter:
    """A text stream that hands its output over in chunks of about 64 KiB (bounded queue)."""

    def __init__(self, handoff: queue.Queue[Any], stop: threading.Event, size: int = 65536) -> None:
        self.handoff, self.stop, self.size = handoff, stop, size
        self.parts: list[str] = []
        self.pending = 0

    def write(self, text: str) -> int:
        self.parts.append(text)
        self.pending += len(text)
        if self.pending >= self.size:
            self.flush()
        return len(text)

    def flush(self) -> None:
        if not self.parts:
            return
        chunk = "".join(self.parts).encode("utf-8")
        self.parts, self.pending = [], 0
        while True:
            if self.stop.is_set():
                raise _Stop()
            try:
                self.handoff.put(chunk, timeout=0.5)
                return
            except queue.Full:
                continue


def stream_export(svc: Services, fmt: str, filters: dict[str, Any]) -> Iterator[bytes]:
    """The export written by formats.export_events in a thread, yielded chunk by chunk: memory
    stays at a few chunks whatever the size of the store; a client that goes away stops it."""
    from detente.formats import export_events

    handoff: queue.Queue[Any] = queue.Queue(maxsize=8)
    stop = threading.Event()
    done = object()

    def work() -> None:
        writer = _ChunkWriter(handoff, stop)
        try:
            export_events(svc.store, fmt, writer, **filters)  # type: ignore[arg-type]
            writer.flush()
            handoff.put(done)
        except _Stop:
            return
        except BaseException as exc:  # handed to the response, which ends the stream
            handoff.put(exc)

    thread = threading.Thread(target=work, name="detente-export", daemon=True)
    thread.start()
    try:
        while (item := handoff.get()) is not done:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        while thread.is_alive():
            with contextlib.suppress(queue.Empty):
                handoff.get(timeout=0.05)
        thread.join()


def _body_doc(*, code: bool) -> dict[str, Any]:
    text_fields: dict[str, Any] = {
        "text": {"type": "string", "description": "The article (plain text or HTML)."},
        "title": {"type": "string"},
        "date": {"type": "string", "format": "date", "description": "Publication date, YYYY-MM-DD."},
    }
    if code:
        text_fields["store"] = {"type": "boolean", "description": "Also store (needs a token)."}
    else:
        text_fields["url"] = {"type": "string", "description": "A page to fetch (public addresses only)."}
        text_fields["urls"] = {"type": "array", "items": {"type": "string"}}
    files = {"file": {"type": "array", "items": {"type": "string", "format": "binary"}}}
    return {
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": {"type": "object", "properties": text_fields}},
                "multipart/form-data": {"schema": {"type": "object", "properties": {**text_fields, **files}}},
            },
        }
    }


async def read_body(request: Request, settings: WebSettings) -> dict[str, Any]:
    """JSON or form fields as a dict; uploaded files under `files` as (name, type, bytes)."""
    kind = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if kind == "application/json" or kind == "":
        raw = await request.body()
        if not raw.strip():
            return {}
        try:
            data = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ApiError(400, "bad request", f"the body is not valid JSON: {exc}") from None
        if not isinstance(data, dict):
            raise ApiError(400, "bad request", "the JSON body must be an object")
        return data
    if kind in ("multipart/form-data", "application/x-www-form-urlencoded"):
        # a pasted text field may be as large as the body limit (Starlette's own default is 1 MB)
        form = await request.form(max_files=1000, max_fields=1000, max_part_size=settings.max_body)
        out: dict[str, Any] = {"files": []}
        for key, value in form.multi_items():
            if hasattr(value, "read"):
                out["files"].append((value.filename or key, value.content_type or "", await value.read()))
            elif key in ("urls", "url"):
                out.setdefault("urls", []).extend(u for u in str(value).split() if u)
            else:
                out[key] = value
        return out
    if kind.startswith("text/"):
        return {"text": (await request.body()).decode("utf-8", "replace")}
    raise ApiError(415, "unsupported media type", f"send application/json or multipart/form-data, not {kind}")


def _body_date(body: dict[str, Any]) -> dt.date | None:
    value = body.get("date")
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise bad_parameter("date", f"{value!r} is not a date in YYYY-MM-DD form") from None


def _body_str(body: dict[str, Any], name: str) -> str | None:
    value = body.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise bad_parameter(name, "must be a string")
    return value


def body_articles(body: dict[str, Any]) -> list[Article | InputError]:
    date, text, title = _body_date(body), _body_str(body, "text"), _body_str(body, "title")
    items: list[Article | InputError] = []
    if text is not None and text.strip():
        try:
            items.append(from_text(text, date=date, title=title or None))
        except InputError as exc:
            items.append(exc)
    for name, kind, data in body.get("files", []):
        items.extend(from_bytes(data, name=name, content_type=kind, date=date))
    return items


def body_sources(body: dict[str, Any], settings: WebSettings) -> list[Source]:
    """The job's inputs: text, each URL (fetched in the job, checked against SSRF first), each file."""
    date, text, title = _body_date(body), _body_str(body, "text"), _body_str(body, "title")
    sources: list[Source] = []
    if text is not None and text.strip():

        def pasted() -> Iterator[Article | InputError]:
            try:
                yield from_text(text, date=date, title=title or None)
            except InputError as exc:
                yield exc

        sources.append(pasted)
    urls = body.get("urls") or []
    if isinstance(urls, str):
        urls = urls.split()
    if body.get("url"):
        urls = [*([body["url"]] if isinstance(body["url"], str) else body["url"]), *urls]
    if not isinstance(urls, list) or not all(isinstance(u, str) for u in urls):
        raise bad_parameter("urls", "must be a list of strings")
    from detente.web.fetch import check_url

    for url in urls:
        check_url(url, settings)  # refuse at once (403) rather than in the job
        sources.append(_url_source(url, date, settings))
    for name, kind, data in body.get("files", []):
        sources.append(
            lambda name=name, kind=kind, data=data: from_bytes(data, name=name, content_type=kind, date=date)
        )
    return sources


def _url_source(url: str, date: dt.date | None, settings: WebSettings) -> Source:
    def read() -> Iterator[Article | InputError]:
        try:
            page = fetch(url, settings)
        except FetchError as exc:
            yield InputError(url, "unreadable", str(exc))
            return
        yield from from_bytes(
            page.content, name=page.url, content_type=page.content_type, date=date, url=page.url
        )

    return read


def code_and_answer(svc: Services, items: list[Article | InputError], store: bool) -> JSONResponse:
    coded = svc.code(items)
    events: list[dict[str, Any]] = []
    articles: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    for item in coded:
        if isinstance(item, InputError):
            errors.append(error_dict(item))
            continue
        stored = None
        if store:
            result = svc.store.add(item) if not svc.store.has_article(item.article.id) else None
            if result is None:
                svc.store.add_copy(item.article)
            stored = bool(result and result.stored)
        art_events = [e.to_dict() for e in item.events]
        events.extend(art_events)
        articles.append(
            {
                "id": item.article.id,
                "title": item.article.title,
                "date": item.article.date,
                "origin": item.article.origin,
                "events": len(art_events),
                "stored": stored,
                "problems": [str(p) for p in item.problems],
            }
        )
    if store:
        svc.cache.changed()
    status = 200 if articles or not errors else 400
    return answer({"events": events, "articles": articles, "errors": errors}, status=status)


__all__ = ["WebSettings", "create_app"]
