"""The sentence classifier: which of the five event classes a sentence holds.

A multinomial logistic regression over a sentence's MiniLM embedding plus what the rules
found in it (the class of the rules' events, the classes of the triggers they saw). It is
small (a few thousand numbers), stored as `model.npz` + `model.json` (with the provenance
of its training data), and evaluated with NumPy alone.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from detente.coding import tables
from detente.errors import DataFileError

CLASS_NAMES = (
    "statement",
    "verbal cooperation",
    "material cooperation",
    "verbal conflict",
    "material conflict",
)
N_CLASSES = len(CLASS_NAMES)
EMBED_DIM = 384
# Rule features: the class of the rules' top event (6: none or 0..4), counts of trigger
# classes among lenient candidates (5), whether any candidate lacks a source or target (2).
RULE_DIM = 6 + N_CLASSES + 2
FORMAT_VERSION = 1


def code_class(code: str | None) -> int:
    """0 for no event or a CAMEO 01 statement, else the ICEWS/Phoenix quad class (1..4)."""
    if not code or code[:2] == "01":
        return 0
    return tables.icews_quad(code)


def rule_features(
    strict: Sequence[tuple[str, float]], lenient: Sequence[tuple[str, bool, bool]]
) -> np.ndarray:
    """Features from the rules: `strict` is (code, confidence) of the events the rules keep;
    `lenient` is (code, has_source, has_target) of every trigger the rules considered."""
    f = np.zeros(RULE_DIM, dtype=np.float32)
    substantive = [(c, p) for c, p in strict if c[:2] != "01"]
    if substantive:
        top = max(substantive, key=lambda x: x[1])[0]
        f[1 + code_class(top)] = 1.0
    else:
        f[0] = 1.0
    for code, has_source, has_target in lenient:
        f[6 + code_class(code)] += 1.0
        f[11] += not has_source
        f[12] += not has_target
    f[6:] = np.log1p(f[6:])
    return f


@dataclass
class SentenceClassifier:
    coef: np.ndarray  # (features, classes)
    intercept: np.ndarray  # (classes,)
    meta: dict[str, Any] = field(default_factory=dict)

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        z = x @ self.coef + self.intercept
        z -= z.max(-1, keepdims=True)
        p = np.exp(z)
        return p / p.sum(-1, keepdims=True)

    @property
    def name(self) -> str:
        return str(self.meta.get("name", "model"))

    @property
    def encoder_layers(self) -> int:
        """How many of the encoder's layers the model was trained with (6 = the full model)."""
        return int(self.meta.get("encoder", {}).get("layers", 6))

    def save(self, directory: str | Path) -> None:
        d = Path(directory)
        d.mkdir(parents=True, exist_ok=True)
        np.savez(
            d / "model.npz", coef=self.coef.astype(np.float32), intercept=self.intercept.astype(np.float32)
        )
        meta = {
            **self.meta,
            "format_version": FORMAT_VERSION,
            "classes": list(CLASS_NAMES),
            "features": {"embedding": EMBED_DIM, "rules": RULE_DIM},
        }
        (d / "model.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, directory: str | Path) -> SentenceClassifier:
        d = Path(directory)
        try:
            meta = json.loads((d / "model.json").read_text(encoding="utf-8"))
            arrays = np.load(d / "model.npz")
        except FileNotFoundError as exc:
            raise DataFileError(
                str(d), None, "no model.json/model.npz here; build one with `detente train`"
            ) from exc
        if meta.get("format_version") != FORMAT_VERSION:
            raise DataFileError(
                str(d / "model.json"),
                None,
                f"model format {meta.get('format_version')} is not "
                f"{FORMAT_VERSION}; retrain it with this version's `detente train`",
            )
        coef, intercept = arrays["coef"], arrays["intercept"]
        if coef.shape != (EMBED_DIM + RULE_DIM, N_CLASSES):
            raise DataFileError(
                str(d / "model.npz"),
                None,
                f"coefficients of shape {coef.shape}, expected {(EMBED_DIM + RULE_DIM, N_CLASSES)}",
            )
        return cls(coef, intercept, meta)


DEFAULT_MODEL = "default"


def default_model_dir() -> Path:
    return Path(str(resources.files("detente.learn").joinpath("data", DEFAULT_MODEL)))


@cache
def load_model(name: str = DEFAULT_MODEL) -> SentenceClassifier:
    """The packaged model ("default") or a model directory built by `detente train`."""
    return SentenceClassifier.load(default_model_dir() if name == DEFAULT_MODEL else Path(name))
