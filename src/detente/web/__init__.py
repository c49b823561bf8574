"""The web API: one FastAPI application over the library API (docs/web.md).

    from detente.web import create_app
    app = create_app("events.db")          # uvicorn.run(app), or `detente serve`

Reads are open (the server listens on 127.0.0.1 unless told otherwise); every endpoint that
writes needs an API token (`detente token create`). The dashboard, when installed, is mounted
on the same application.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from detente.web.settings import WebSettings

if TYPE_CHECKING:
    from detente.web.app import create_app

__all__ = ["WebSettings", "create_app"]


def __getattr__(name: str) -> Any:
    # FastAPI is imported only when an application is built, not by `detente token`.
    if name == "create_app":
        from detente.web.app import create_app

        return create_app
    raise AttributeError(f"module 'detente.web' has no attribute {name!r}")
