"""`detente serve` (the web API and dashboard under uvicorn) and `detente token` (API tokens)."""

from __future__ import annotations

import dataclasses
import json
import os
import threading
import time
from typing import Any

import click

from detente.errors import DetenteError
from detente.options import db_option


def _size(_ctx: click.Context, _param: click.Parameter, value: str) -> int:
    """Bytes from 10485760, 10MB, 10MiB, 512k..."""
    text = value.strip().lower().replace(" ", "")
    units = {"": 1, "b": 1, "k": 1024, "kb": 1024, "kib": 1024, "m": 1024**2, "mb": 1024**2, "mib": 1024**2}
    units |= {"g": 1024**3, "gb": 1024**3, "gib": 1024**3}
    number = text.rstrip("abcdefghijklmnopqrstuvwxyz")
    unit = text[len(number) :]
    try:
        size = int(float(number) * units[unit])
    except (ValueError, KeyError):
        raise click.BadParameter(f"{value!r} is not a size such as 10MB or 1048576") from None
    if size <= 0:
        raise click.BadParameter("the limit must be positive")
    return size


@click.command("serve")
@db_option
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0: every interface)."
)
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option(
    "--cors-origin",
    "cors_origins",
    multiple=True,
    metavar="ORIGIN",
    help="An origin (https://example.org) whose pages may call the API; repeat for more. Default: none.",
)
@click.option(
    "--max-body", default="10MB", show_default=True, callback=_size, help="Largest request body (413 above)."
)
@click.option(
    "--allow-private-urls",
    is_flag=True,
    help="Let URL ingestion fetch loopback, private and link-local addresses (refused by default: SSRF).",
)
@click.option(
    "--cache-entries",
    type=click.IntRange(0, 100_000),
    default=256,
    show_default=True,
    help="Analysis answers kept in memory until the store changes (0: compute every request).",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Server processes (each with its own cache, and its own model once it codes); "
    "more than one uses more CPUs for reads.",
)
@click.option(
    "--warm/--no-warm",
    default=True,
    show_default=True,
    help="Compute the dashboard's default views (map, network, changes) in the background at start.",
)
@click.option(
    "--log-level", type=click.Choice(["critical", "error", "warning", "info", "debug"]), default="info"
)
def serve_cmd(
    db: str | None,
    host: str,
    port: int,
    cors_origins: tuple[str, ...],
    max_body: int,
    allow_private_urls: bool,
    cache_entries: int,
    workers: int,
    warm: bool,
    log_level: str,
) -> None:
    """Serve the REST API (/api, documented at /docs) and the dashboard (/).

    Reads are open to whoever can reach the server, which listens on 127.0.0.1 by default;
    writes (ingest, delete, storing coded events) need a token from `detente token create`.

    \b
    Examples:
      detente serve --db events.db
      detente serve --host 0.0.0.0 --port 8080 --cors-origin https://analysis.example.org
    """
    import uvicorn

    from detente.web import WebSettings, create_app

    settings = WebSettings(
        cors_origins=cors_origins,
        max_body=max_body,
        allow_private_urls=allow_private_urls,
        cache_entries=cache_entries,
    )
    try:
        app = create_app(db, settings=settings)
    except DetenteError as e:
        raise click.ClickException(str(e)) from e
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.secho(
            f"warning: listening on {host}: every read endpoint is open to whoever reaches it",
            err=True,
            fg="yellow",
        )
    if warm and port:  # (port 0: the system picks one, which this process does not learn)
        threading.Thread(target=_warm, args=(host, port), name="detente-warm", daemon=True).start()
    options: dict[str, Any] = {"host": host, "port": port, "log_level": log_level}
    options |= {"proxy_headers": False, "server_header": False}
    if workers == 1:
        uvicorn.run(app, **options)
        return
    from detente.web.app import ENV_SETTINGS

    os.environ[ENV_SETTINGS] = json.dumps({"db": db, **dataclasses.asdict(settings)})
    uvicorn.run("detente.web.app:app_from_environment", factory=True, workers=workers, **options)


def _warm(host: str, port: int) -> None:
    """Ask the dashboard's first questions once the server answers, so that its first visitor
    finds them cached (each is a pass over up to a year of events)."""
    import httpx

    from detente.web.app import WARM_PATHS

    base = f"http://{'127.0.0.1' if host in ('0.0.0.0', '') else host}:{port}"
    with httpx.Client(base_url=base, timeout=600, trust_env=False) as client:
        for _ in range(600):
            try:
                client.get("/api/health")
                break
            except httpx.TransportError:
                time.sleep(0.1)
        for path in WARM_PATHS:
            try:
                client.get(path)
            except httpx.HTTPError:
                return


@click.group("token")
def token_cmd() -> None:
    """API tokens for the web API's writing endpoints (stored hashed; shown once)."""


@token_cmd.command("create")
@click.option("--name", help="What the token is for (shown by `detente token list`).")
@db_option
def token_create(name: str | None, db: str | None) -> None:
    """Create a token and print it once: only its hash is stored, so keep it now."""
    from detente.store import Store
    from detente.web.tokens import create_token

    token, info = create_token(Store(db), name)
    click.echo(token)
    click.echo(
        f"token {info.id} ({info.key}{', ' + name if name else ''}) created; it is not shown again", err=True
    )


@token_cmd.command("list")
@db_option
def token_list(db: str | None) -> None:
    """The tokens: id, key, name, created, revoked (never the tokens themselves)."""
    from detente.store import Store
    from detente.web.tokens import list_tokens

    for t in list_tokens(Store(db)):
        state = f"revoked {t.revoked_at:%Y-%m-%d %H:%M}" if t.revoked_at else "active"
        click.echo(f"{t.id}\t{t.key}\t{t.name or ''}\t{t.created_at:%Y-%m-%d %H:%M}\t{state}")


@token_cmd.command("revoke")
@click.argument("which", metavar="ID|KEY|NAME")
@db_option
def token_revoke(which: str, db: str | None) -> None:
    """Revoke tokens by id, key or name; requests with them are refused from now on."""
    from detente.store import Store
    from detente.web.tokens import TokenError, revoke_token

    try:
        revoked = revoke_token(Store(db), which)
    except TokenError as e:
        raise click.ClickException(str(e)) from e
    if not revoked:
        click.echo(f"{which}: already revoked", err=True)
    for t in revoked:
        click.echo(f"revoked token {t.id} ({t.key})", err=True)


COMMANDS = [serve_cmd, token_cmd]
