"""Rules first, the sentence classifier where the rules are unsure.

The classifier never invents an event: it only chooses among triggers the dictionary found.
It is consulted in two cases, so that most sentences cost nothing extra:

1. The rules kept no event, but they saw triggers whose arguments they could not complete
   ("was shot down by ...", a demand whose addressee is implicit). If the classifier is
   confident the sentence holds an event of a class one of those triggers has, that trigger
   becomes an event, marked as kept by the classifier and given a modest confidence.
2. The rules kept events of different classes: each event's confidence is weighed by how
   likely the classifier finds its class, so the most plausible one ranks first.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from spacy.tokens import Span

from detente.coding.coder import Draft
from detente.learn.encoder import SentenceEncoder
from detente.learn.model import CLASS_NAMES, SentenceClassifier, code_class, rule_features

RESCUE_THRESHOLD = 0.5


@dataclass
class HybridStats:
    consulted: int = 0
    rescued: int = 0
    reweighted: int = 0


class Hybrid:
    def __init__(self, model: SentenceClassifier, encoder: SentenceEncoder) -> None:
        self.model = model
        self.encoder = encoder
        self.stats = HybridStats()

    def features(self, text: str, strict: list[Draft], lenient: list[Draft]) -> np.ndarray:
        emb = self.encoder.encode([text], layers=self.model.encoder_layers)[0]
        rules = rule_features(
            [(d.code, d.confidence) for d in strict],
            [(d.code, d.source is not None, d.target is not None) for d in lenient],
        )
        return np.concatenate([emb, rules])

    def probabilities(self, text: str, strict: list[Draft], lenient: list[Draft]) -> np.ndarray:
        return self.model.predict_proba(self.features(text, strict, lenient)[None])[0]

    def needed(self, strict: list[Draft]) -> bool:
        kept = {code_class(d.code) for d in strict if not d.negated}
        kept.discard(0)
        return len(kept) != 1

    def _asks(self, strict: list[Draft], lenient: list[Draft]) -> bool:
        kept_classes = {code_class(d.code) for d in strict if not d.negated} - {0}
        if len(kept_classes) == 1:
            return False
        return bool(kept_classes) or any(code_class(d.code) != 0 and not d.negated for d in lenient)

    def decide(self, span: Span, strict: list[Draft], lenient: list[Draft]) -> list[Draft]:
        """The drafts to keep for one sentence (see the module docstring)."""
        return self.decide_many([(span.text, strict, lenient)])[0]

    def decide_many(self, items: list[tuple[str, list[Draft], list[Draft]]]) -> list[list[Draft]]:
        """Decisions for many sentences, with one embedding call for all the unsure ones."""
        asked = [k for k, (_t, strict, lenient) in enumerate(items) if self._asks(strict, lenient)]
        out = [strict for _t, strict, _l in items]
        if not asked:
            return out
        emb = self.encoder.encode([items[k][0] for k in asked], layers=self.model.encoder_layers)
        rules = np.stack(
            [
                rule_features(
                    [(d.code, d.confidence) for d in items[k][1]],
                    [(d.code, d.source is not None, d.target is not None) for d in items[k][2]],
                )
                for k in asked
            ]
        )
        probs = self.model.predict_proba(np.concatenate([emb, rules], axis=1))
        for k, p in zip(asked, probs, strict=True):
            self.stats.consulted += 1
            out[k] = self._apply(p, items[k][1], items[k][2])
        return out

    def _apply(self, probs: np.ndarray, strict: list[Draft], lenient: list[Draft]) -> list[Draft]:
        kept_classes = {code_class(d.code) for d in strict if not d.negated} - {0}
        candidates = [d for d in lenient if code_class(d.code) != 0 and not d.negated]
        tag = self.model.name
        if not kept_classes:
            best_class = int(np.argmax(probs))
            if best_class == 0 or probs[best_class] < RESCUE_THRESHOLD:
                return strict
            fitting = [d for d in candidates if code_class(d.code) == best_class]
            if not fitting:
                return strict
            chosen = max(fitting, key=lambda d: (d.source is not None, d.target is not None, d.confidence))
            self.stats.rescued += 1
            note = (
                f"kept by the sentence classifier {tag}: {CLASS_NAMES[best_class]} p={probs[best_class]:.2f}"
            )
            rescued = replace(
                chosen,
                confidence=round(min(chosen.confidence, 0.6) * float(probs[best_class]), 3),
                rule=f"classifier:{tag} + {chosen.rule}",
                notes=[*chosen.notes, note],
            )
            return [*strict, rescued]
        self.stats.reweighted += 1
        out = []
        for d in strict:
            p = float(probs[code_class(d.code)])
            out.append(
                replace(
                    d,
                    confidence=round(d.confidence * (0.5 + 0.5 * p), 3),
                    notes=[*d.notes, f"weighed by the sentence classifier {tag}: p={p:.2f}"],
                )
            )
        return out
