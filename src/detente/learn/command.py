"""`detente train`, thin over `detente.learn.train`."""

from __future__ import annotations

import json

import click

from detente.errors import DetenteError
from detente.learn import DEFAULT_LAYERS


@click.command("train")
@click.argument(
    "gold", nargs=-1, required=True, metavar="GOLD...", type=click.Path(exists=True, dir_okay=False)
)
@click.option(
    "--out", "out", required=True, type=click.Path(file_okay=False), help="Directory to write the model to."
)
@click.option(
    "--cv",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Also report K-fold cross-validated macro-F1 (rules, classifier, hybrid).",
)
@click.option("--c", "c", type=float, default=2.0, show_default=True, help="Inverse regularisation strength.")
@click.option(
    "--name", default=None, help="Model name recorded in events' evidence (default: the directory name)."
)
@click.option(
    "--encoder-layers",
    "layers",
    type=click.IntRange(0, 6),
    default=DEFAULT_LAYERS,
    show_default=True,
    help="How many of MiniLM's 6 layers embed a sentence (0: its input embeddings only; more: slower).",
)
def train_cmd(gold: tuple[str, ...], out: str, cv: int, c: float, name: str | None, layers: int) -> None:
    """Build the sentence classifier that helps the rules where they are unsure.

    GOLD is any file `detente evaluate` reads (Detente JSONL, ConfliBERT 5-class, PLOVER).
    Use the model with `detente code --model DIR`. Models trained on data you may not
    redistribute (such as the ConfliBERT sets) are yours to use, not to ship.

    \b
    Examples:
      detente train train/*.jsonl --out my-model --cv 5
      detente code news/ --model my-model
    """
    from detente.learn.train import train

    try:
        meta = train(gold, out, cv=cv, c=c, name=name, layers=layers)
    except (DetenteError, ValueError) as e:
        raise click.ClickException(str(e)) from e
    counts = ", ".join(f"{k}: {v}" for k, v in meta["class_counts"].items())
    click.echo(f"trained on {sum(s['items'] for s in meta['training_data'])} items ({counts}); wrote {out}")
    if "cross_validation" in meta:
        click.echo(json.dumps(meta["cross_validation"], indent=2))
