"""`detente watch`: the command line over `detente.sources.watch.Watcher`."""

from __future__ import annotations

import signal
import sys
import threading
from types import FrameType

import click

from detente.errors import DetenteError
from detente.options import (
    coder_option,
    db_option,
    fast_option,
    max_bytes_option,
    model_option,
    recogniser_option,
)


def _duration(_ctx: click.Context, _param: click.Parameter, value: str) -> float:
    from detente.sources.watch import parse_duration

    try:
        return parse_duration(value)
    except ValueError as e:
        raise click.BadParameter(str(e)) from None


def _rate(_ctx: click.Context, _param: click.Parameter, value: str) -> float:
    from detente.sources.http import parse_rate

    try:
        return parse_rate(value)
    except ValueError as e:
        raise click.BadParameter(str(e)) from None


@click.command("watch")
@click.argument("feeds", nargs=-1, required=True, metavar="FEED_OR_SITEMAP...")
@click.option(
    "--every", default="15m", show_default=True, callback=_duration, help="Time between polls: 30s, 15m, 1h."
)
@click.option("--once", is_flag=True, help="Poll once, fetch what is due, and exit.")
@click.option("--max-items", type=click.IntRange(1), default=None, help="Articles fetched per poll at most.")
@click.option(
    "--rate",
    default="1/s",
    show_default=True,
    callback=_rate,
    help="Requests per host at most: 1/s, 30/m (robots.txt Crawl-delay can only slow it).",
)
@click.option(
    "--timeout", type=click.FloatRange(0.1), default=20.0, show_default=True, help="Seconds per request."
)
@click.option(
    "--max-attempts",
    type=click.IntRange(1),
    default=3,
    show_default=True,
    help="Fetches of a URL before giving up.",
)
@click.option(
    "--feed-content", is_flag=True, help="Code the full text a feed carries instead of fetching the page."
)
@db_option
@max_bytes_option
@coder_option
@model_option
@fast_option
@recogniser_option
def watch_cmd(
    feeds: tuple[str, ...],
    every: float,
    once: bool,
    max_items: int | None,
    rate: float,
    timeout: float,
    max_attempts: int,
    feed_content: bool,
    db: str | None,
    max_bytes: int,
    coder: str,
    model: str,
    fast: bool,
    recogniser: bool,
) -> None:
    """Poll RSS/Atom feeds and sitemaps, and code and store every new article once.

    State lives in the store (tables feeds and seen_urls): a restart fetches nothing already
    stored and loses nothing listed. Polls are conditional (ETag, Last-Modified) and polite
    (robots.txt, --rate per host, --timeout, --max-bytes). Bad feeds and pages are reported on
    stderr, one line each, and the watch goes on. Ctrl-C or SIGTERM stops after the current
    article. One summary line per poll. Details: docs/sources.md.

    \b
    Examples:
      detente watch https://example.org/rss.xml --every 15m
      detente watch https://example.org/news-sitemap.xml --once --max-items 50
    """
    from detente.api import Detente
    from detente.pipeline import Options
    from detente.sources.http import Fetcher, FetchSettings
    from detente.sources.watch import Watcher, WatchSettings

    bad = [f for f in feeds if not f.startswith(("http://", "https://"))]
    if bad:
        raise click.BadParameter(
            f"{bad[0]!r} is not an http:// or https:// address", param_hint="FEED_OR_SITEMAP"
        )
    stop = threading.Event()

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        if stop.is_set():  # asked twice: stop now
            raise KeyboardInterrupt
        stop.set()
        name = signal.Signals(signum).name
        click.echo(f"{name}: stopping after the current article (again to stop at once)", err=True)

    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
    # one quick retry of a transient failure; later polls are the real retries (--max-attempts)
    fetch = FetchSettings(min_interval=rate, timeout=timeout, max_bytes=max_bytes, retries=1, backoff=1.0)
    settings = WatchSettings(
        every=every,
        max_items=max_items,
        max_attempts=max_attempts,
        max_bytes=max_bytes,
        feed_content=feed_content,
    )
    try:
        api = Detente(db, Options(coder=coder, model=model, fast=fast, recogniser=recogniser))
        with Fetcher(fetch) as fetcher:
            watcher = Watcher(
                api,
                list(feeds),
                fetcher,
                settings,
                report=lambda line: click.secho(
                    line, err=True, fg="red" if line.startswith("error") else None
                ),
                stop=stop,
            )
            click.echo(f"watching {len(feeds)} feeds every {every:g} s  [{api.store.url}]", err=True)
            watcher.run(once=once, on_poll=lambda n, s: click.echo(s.line(n), err=True))
    except DetenteError as e:
        raise click.ClickException(str(e)) from e
    except KeyboardInterrupt:
        click.echo("stopped", err=True)
        sys.exit(130)
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
