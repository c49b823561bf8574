"""The dashboard: static pages over the JSON API, mounted on the web application (docs/dashboard.md).

Every view is one HTML shell (static/index.html) that loads static/app.js; the script picks the
view from the address, so each view can be opened, bookmarked and reloaded directly:

    /                      overview: world map, dyads that changed most, recent events
    /dyad?a=RUS&b=UKR      a dyad over time and the events behind each point
    /network?since=&until= the relations graph of a period
    /actor/{code}          an actor's partners, event mix and trend
    /article/{id}?event=N  an article with mentions and triggers highlighted
    /search?...            events by actor, country, code, date range and text
    /ingest                paste text, a URL or files and follow the job

Scripts, styles and map shapes are package data under static/ (vendor/ holds the pinned
third-party builds, see static/vendor/PROVENANCE.md): nothing is loaded from the internet. Pages
are sent with a Content-Security-Policy that allows scripts from this server only, and the
scripts insert every piece of data as text, never as markup.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, Response
from fastapi.staticfiles import StaticFiles

STATIC = Path(__file__).resolve().parent / "static"

# Scripts, styles, images and API calls from this origin only; no inline code, no plugins, no
# framing. Styles set from scripts (element.style) are not covered by style-src and stay allowed.
CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-cache",
}

# Addresses of the views; the shell is the same for all of them.
PAGES = ("/", "/dyad", "/network", "/search", "/ingest", "/actor/{code}", "/article/{article_id}")


class _StaticFiles(StaticFiles):
    """Static files with nosniff, so that a data file is never run as a script; the shell, if
    asked for by its file name, gets the pages' headers too."""

    async def get_response(self, path: str, scope):  # type: ignore[no-untyped-def]
        response = await super().get_response(path, scope)
        response.headers["X-Content-Type-Options"] = "nosniff"
        if path.endswith(".html"):
            response.headers.update(SECURITY_HEADERS)
        return response


def _page() -> Response:
    return FileResponse(STATIC / "index.html", media_type="text/html", headers=SECURITY_HEADERS)


def mount_dashboard(app: FastAPI) -> None:
    """Serve the dashboard's pages and /static/ on `app` (the API lives under /api/)."""
    for path in PAGES:
        app.add_api_route(path, _page, methods=["GET"], include_in_schema=False, response_class=Response)
    app.mount("/static", _StaticFiles(directory=STATIC), name="static")


__all__ = ["CSP", "PAGES", "STATIC", "mount_dashboard"]
