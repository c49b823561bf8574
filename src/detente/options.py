"""Command-line options shared by every `detente` command module.

One definition each, so `ingest`, `watch`, `serve` and the analyses read `--db`, `--model` or
`--fast` the same way. This module imports nothing of the CLI, so the command modules can use
it while `detente.cli` is still loading.
"""

from __future__ import annotations

import datetime as dt

import click

from detente.ingest.decode import DEFAULT_MAX_BYTES


def parse_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from None


date_option = click.option(
    "--date",
    "date",
    callback=parse_date,
    metavar="YYYY-MM-DD",
    help="Publication date for documents that carry none (relative dates such as "
    "'on Friday' are resolved against it).",
)
db_option = click.option(
    "--db",
    "db",
    metavar="PATH|URL",
    default=None,
    help="Database: a SQLite file or a postgresql:// URL. Default: $DETENTE_DB or ./detente.db.",
)
max_bytes_option = click.option(
    "--max-bytes",
    type=int,
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Largest document accepted, in bytes.",
)

coder_option = click.option(
    "--coder",
    type=click.Choice(["rules", "llm"]),
    default="rules",
    show_default=True,
    help="Rule coder, or an OpenAI-compatible LLM server named by DETENTE_LLM_URL (docs/llm.md).",
)
model_option = click.option(
    "--model",
    default="default",
    show_default=True,
    metavar="DIR|default|none",
    help="Sentence classifier consulted where the rules are unsure (built by `detente train`); "
    "none: rules only.",
)
workers_option = click.option(
    "--workers",
    type=click.IntRange(1, 256),
    default=1,
    show_default=True,
    help="Processes that code in parallel (each loads its own model; about 1 GB of memory each).",
)
fast_option = click.option(
    "--fast",
    is_flag=True,
    help="Faster, a little less accurate: no sentence classifier (docs/throughput.md).",
)
recogniser_option = click.option(
    "--recogniser",
    is_flag=True,
    help="Also run spaCy's statistical entity recogniser (about twice the parse time; "
    "Detente's own entity typing is used otherwise; docs/throughput.md).",
)
