"""`detente evaluate`: code gold-standard texts with the real pipeline and report accuracy.

The only impure step is `code_items` (the pipeline, timed on its own so speed figures are
the coder's); reading is in `readers`, scoring in `metrics`, output in `report`. The main CLI
registers `evaluate_cmd` with `main.add_command(evaluate_cmd)`.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from detente import __version__
from detente.errors import DetenteError
from detente.evaluate.metrics import Section, score
from detente.evaluate.readers import FORMATS, GoldItem, read_gold
from detente.evaluate.report import format_text, write_report
from detente.pipeline import Options, Pipeline
from detente.records import Article

WARM_UP = "Russia and China held talks in Geneva on Monday, the foreign ministry said."


def code_items(items: Sequence[GoldItem], pipeline: Pipeline) -> tuple[list[list[dict[str, Any]]], float]:
    """Each item's events (`Event.to_dict()`), in order, and the seconds the coding took.

    The pipeline loads its model and dictionaries on first use; one short warm-up text is
    coded first so that loading is not counted as coding time.
    """
    pipeline.code_article(Article.create(WARM_UP, None, date=dt.date(2024, 3, 15), doc_id="warm-up"))
    articles = [Article.create(item.text, None, date=item.date, doc_id=item.id) for item in items]
    start = time.perf_counter()
    coded = [[e.to_dict() for e in c.events] for c in pipeline.code_articles(articles)]
    return coded, time.perf_counter() - start


def evaluate_file(
    path: str | Path, fmt: str = "auto", limit: int | None = None, pipeline: Pipeline | None = None
) -> Section:
    """Read one gold file, code its texts and score the result."""
    gold = read_gold(path, fmt, limit)
    predictions, seconds = code_items(gold.items, pipeline or Pipeline())
    return score(gold, predictions, seconds)


@click.command("evaluate")
@click.argument(
    "gold", nargs=-1, required=True, metavar="GOLD...", type=click.Path(exists=True, dir_okay=False)
)
@click.option(
    "--report",
    "report_dir",
    metavar="DIR",
    type=click.Path(file_okay=False),
    help="Also write DIR/report.md and DIR/report.json (every figure and the worst errors).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["auto", *FORMATS]),
    default="auto",
    show_default=True,
    help="Gold file format; auto tells it from the content.",
)
@click.option(
    "--limit", type=click.IntRange(min=1), default=None, help="Only the first N items of each file."
)
@click.option(
    "--coder",
    type=click.Choice(["rules", "llm"]),
    default="rules",
    show_default=True,
    help="Which coder to measure (llm: the server named by DETENTE_LLM_URL).",
)
@click.option(
    "--model",
    default="default",
    show_default=True,
    metavar="DIR|default|none",
    help="Sentence classifier consulted where the rules are unsure; none: rules only.",
)
@click.option("--fast", is_flag=True, help="Measure the speed profile (no sentence classifier).")
@click.option(
    "--recogniser",
    is_flag=True,
    help="Measure with spaCy's entity recogniser as well as Detente's entity typing.",
)
@click.option(
    "--no-prefilter", is_flag=True, help="Parse every sentence, not only those that could hold an event."
)
def evaluate_cmd(
    gold: tuple[str, ...],
    report_dir: str | None,
    fmt: str,
    limit: int | None,
    coder: str,
    model: str,
    fast: bool,
    recogniser: bool,
    no_prefilter: bool,
) -> None:
    """Measure coding accuracy on gold-standard files.

    GOLD is a ConfliBERT class file (text<TAB>label), a ConfliBERT BIO span file (token TAG),
    the PLOVER gold standard (JSON list) or Detente's own gold format (JSON lines, see
    docs/evaluation.md). Each file gets its own section in the summary and the report.

    \b
    Examples:
      detente evaluate gold/my-domain.jsonl --report eval/
      detente evaluate cameo_class_train.tsv --limit 200
      detente evaluate PLOVER_GSR_CAMEO.json cameo_ner_train.txt --report eval/
    """
    pipeline = Pipeline(
        Options(coder=coder, model=model, fast=fast, recogniser=recogniser, prefilter=not no_prefilter)
    )
    sections: list[Section] = []
    for path in gold:
        try:
            gold_set = read_gold(path, fmt, limit)
            click.echo(f"coding {len(gold_set.items)} items of {path} ({gold_set.format}) ...", err=True)
            predictions, seconds = code_items(gold_set.items, pipeline)
            sections.append(score(gold_set, predictions, seconds))
        except DetenteError as e:
            raise click.ClickException(str(e)) from e
    click.echo(format_text(sections))
    if report_dir is not None:
        meta = {
            "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "detente_version": __version__,
            "gold_files": list(gold),
            "format": fmt,
            "limit": limit,
        }
        for written in write_report(report_dir, sections, meta):
            click.echo(f"wrote {written}", err=True)
