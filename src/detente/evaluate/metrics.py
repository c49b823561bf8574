"""Accuracy figures: pure functions of gold items and the coder's events.

Predictions are the `Event.to_dict()` contract (one list of event dicts per gold item, in
the same order), so the same functions score the pipeline in memory or saved `detente code`
output. Nothing here codes, reads or prints. Convention:
a figure whose denominator is 0 (an accuracy over nothing, a precision with nothing predicted)
is None, shown as n/a.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from detente.coding import tables
from detente.evaluate.readers import CLASS_NAMES, GoldEvent, GoldItem, GoldSet

EventDict = Mapping[str, Any]
Predictions = Sequence[Sequence[EventDict]]

MAX_ERRORS = 50


# --- small figures ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Ratio:
    """An accuracy or share: `correct` of `total` (value None when total is 0)."""

    correct: int
    total: int

    @property
    def value(self) -> float | None:
        return self.correct / self.total if self.total else None

    def to_dict(self) -> dict[str, Any]:
        return {"correct": self.correct, "total": self.total, "value": self.value}


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall and F1 from true positives and the predicted and gold counts.

    A figure whose denominator is 0 is None (precision with nothing predicted, recall with
    nothing in the gold, F1 with neither), not a misleading 0 or 1.
    """

    tp: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float | None:
        return self.tp / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.tp / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        total = self.predicted + self.gold
        return 2 * self.tp / total if total else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "predicted": self.predicted,
            "gold": self.gold,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


def _tally(flags: Sequence[bool]) -> Ratio:
    return Ratio(sum(bool(f) for f in flags), len(flags))


# --- which event speaks for a text -------------------------------------------------------------


def _root(event: EventDict) -> str:
    return str(event.get("cameo_root") or tables.lookup(event["cameo"]).root)


def top_event(events: Sequence[EventDict]) -> EventDict | None:
    """The event that decides a text's class and PLOVER type.

    Negated events ("did not attack") did not happen and are passed over; a substantive event
    beats a plain statement (root 01), since a sentence that both reports a comment and a
    clash is about the clash; among the rest the most confident wins (the first on a tie).
    """
    live = [e for e in events if not e.get("negated")]
    if not live:
        return None
    return max(live, key=lambda e: (_root(e) != "01", e.get("confidence") or 0.0))


CLASS_CONVENTIONS = ("phoenix", "icews")


@cache
def sentence_classes() -> dict[str, dict[str, int]]:
    """Convention -> CAMEO root -> sentence class (evaluate/data/sentence_classes.tsv)."""
    text = resources.files("detente.evaluate").joinpath("data", "sentence_classes.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    header, body = rows[0], rows[1:]
    return {conv: {r[0]: int(r[header.index(conv)]) for r in body} for conv in header[1:]}


def event_class(events: Sequence[EventDict], convention: str = "phoenix") -> int:
    """ConfliBERT's 5 classes: 0 without an event, else the class of the top event's root under
    `convention` ("phoenix", the one the ConfliBERT labels follow, or "icews")."""
    top = top_event(events)
    if top is None:
        return 0
    return sentence_classes()[convention][_root(top)]


# --- sentence classes -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ClassMetrics:
    """Per-class P/R/F1, macro-F1, accuracy, confusion matrix (rows = gold, columns = coded).

    Macro-F1 is the mean F1 of the classes that occur in the gold or the predictions (a class
    with neither has no F1); with all five present it is the usual macro average.
    """

    labels: tuple[str, ...]
    confusion: tuple[tuple[int, ...], ...]
    per_class: tuple[PRF, ...]
    accuracy: Ratio

    @property
    def macro_f1(self) -> float | None:
        scores = [c.f1 for c in self.per_class if c.f1 is not None]
        return sum(scores) / len(scores) if scores else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "labels": list(self.labels),
            "confusion": [list(r) for r in self.confusion],
            "per_class": {
                f"{i} {name}": c.to_dict()
                for i, (name, c) in enumerate(zip(self.labels, self.per_class, strict=True))
            },
            "macro_f1": self.macro_f1,
            "accuracy": self.accuracy.to_dict(),
        }


def class_metrics(
    gold: Sequence[int], predicted: Sequence[int], labels: Sequence[str] = CLASS_NAMES
) -> ClassMetrics:
    """Score predicted class numbers against gold ones (both 0..len(labels)-1)."""
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} predictions")
    k = len(labels)
    matrix = [[0] * k for _ in range(k)]
    for g, p in zip(gold, predicted, strict=True):
        matrix[g][p] += 1
    per_class = tuple(
        PRF(matrix[c][c], sum(matrix[r][c] for r in range(k)), sum(matrix[c])) for c in range(k)
    )
    accuracy = Ratio(sum(matrix[c][c] for c in range(k)), len(gold))
    return ClassMetrics(tuple(labels), tuple(tuple(r) for r in matrix), per_class, accuracy)


# --- actor spans --------------------------------------------------------------------------------

# Function words that do not identify an actor: determiners (possessive ones too),
# prepositions and coordinators. "Baghdad's forces" and "the forces of Baghdad" share their
# content words; "'s" and punctuation are removed before splitting.
_STOP_TEXT = """
    a an the this that these those some any each every all both no another
    my your his her its our their
    of in on at to for from by with about against between into through during before after
    above below over under across along among amid around behind beyond near off onto out
    since than toward towards upon within without via per
    and or
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())
_POSSESSIVE = re.compile(r"'s\b|(?<=s)'(?=\s|$)")
_ABBREVIATION = re.compile(r"\b(?:\w\.){2,}")
_WORD = re.compile(r"[^\W_]+")


def content_words(text: str) -> frozenset[str]:
    """Lower-cased alphanumeric words of a span minus stop words, possessives and punctuation."""
    text = text.lower().replace("’", "'").replace("´", "'")
    text = _POSSESSIVE.sub(" ", text)
    text = _ABBREVIATION.sub(lambda m: m.group(0).replace(".", ""), text)  # U.S. -> us, not u + s
    return frozenset(w for w in _WORD.findall(text) if w not in STOP_WORDS)


def span_jaccard(a: str, b: str) -> float:
    """Content-word Jaccard similarity of two spans (0.0 when either has no content word)."""
    wa, wb = content_words(a), content_words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / len(wa | wb)


SPAN_THRESHOLD = 0.5


def _greedy(scores: list[tuple[tuple[float, ...], int, int]]) -> list[tuple[int, int]]:
    """One-to-one pairs, best score first (ties: earliest gold, then earliest prediction)."""
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, g, p in sorted(scores, key=lambda s: (tuple(-x for x in s[0]), s[1], s[2])):
        if g not in used_g and p not in used_p:
            used_g.add(g)
            used_p.add(p)
            out.append((g, p))
    return sorted(out)


def match_spans(gold: Sequence[str], predicted: Sequence[str]) -> list[tuple[int, int]]:
    """Greedy one-to-one (gold index, predicted index) pairs with Jaccard >= 0.5."""
    scores = []
    for g, gt in enumerate(gold):
        for p, pt in enumerate(predicted):
            j = span_jaccard(gt, pt)
            if j >= SPAN_THRESHOLD:
                scores.append(((j,), g, p))
    return _greedy(scores)


def predicted_spans(events: Sequence[EventDict], role: str) -> list[str]:
    """The distinct source (or target) texts of the text's main event, in order of appearance.

    ConfliBERT's span files mark the actors of one event per sentence, so the predicted spans
    are those of the top event and of the events sharing its trigger (one event per
    coordinated actor), not of every event the sentence holds. The two parties of a mutual act
    ("X met Y") are each other's counterparts, so each is in both roles, as the span files'
    reciprocal (R) spans are."""
    top = top_event(events)
    if top is not None:
        trigger = (top.get("evidence") or {}).get("trigger", {}).get("start")
        events = [
            e
            for e in events
            if (e.get("evidence") or {}).get("trigger", {}).get("start") == trigger and not e.get("negated")
        ]
    other = "target" if role == "source" else "source"
    seen: dict[str, str] = {}
    for e in events:
        actors = [e.get(role)]
        if e.get("mutual") and e.get(other):
            actors.append(e.get(other))
        for actor in actors:
            if actor and actor.get("text"):
                seen.setdefault(actor["text"].strip().lower(), actor["text"])
    return list(seen.values())


def gold_spans(item: GoldItem, role: str) -> list[str]:
    """Gold span texts in a role; reciprocal (R) spans are both source and target."""
    return [s.text for s in item.spans if s.role in (role, "both")]


@dataclass(frozen=True, slots=True)
class SpanMetrics:
    source: PRF
    target: PRF

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source.to_dict(), "target": self.target.to_dict()}


def span_metrics(items: Sequence[GoldItem], predictions: Predictions) -> SpanMetrics:
    """Source and target span precision/recall/F1 over all texts."""
    out = {}
    for role in ("source", "target"):
        tp = n_pred = n_gold = 0
        for item, events in zip(items, predictions, strict=True):
            g, p = gold_spans(item, role), predicted_spans(events, role)
            tp += len(match_spans(g, p))
            n_pred += len(p)
            n_gold += len(g)
        out[role] = PRF(tp, n_pred, n_gold)
    return SpanMetrics(out["source"], out["target"])


# --- events (Detente's own gold format) ---------------------------------------------------------


def _country(actor: Any) -> str | None:
    if actor is None:
        return None
    if isinstance(actor, Mapping):
        return actor.get("country")
    return actor.country


def event_key(event: EventDict | GoldEvent) -> tuple[str | None, str | None, str]:
    """(source country, target country, CAMEO root): what must agree for two events to match."""
    if isinstance(event, GoldEvent):
        return (_country(event.source), _country(event.target), event.root)
    return (_country(event.get("source")), _country(event.get("target")), _root(event))


def match_events(gold: Sequence[GoldEvent], predicted: Sequence[EventDict]) -> list[tuple[int, int]]:
    """Greedy one-to-one pairs whose keys are equal (None equals None: null-safe).

    Among candidates, an exact CAMEO code and then a higher confidence are taken first.
    """
    scores = []
    for g, ge in enumerate(gold):
        key = event_key(ge)
        for p, pe in enumerate(predicted):
            if event_key(pe) == key:
                scores.append(((float(pe.get("cameo") == ge.cameo), pe.get("confidence") or 0.0), g, p))
    return _greedy(scores)


def align_events(gold: Sequence[GoldEvent], predicted: Sequence[EventDict]) -> list[tuple[int, int]]:
    """Looser one-to-one pairing for actor accuracy: most agreement on root, source, target.

    Countries are part of the matching key, so among matched events they are right by
    construction; country accuracy instead pairs each gold event with its most similar
    predicted event, whatever its code.
    """
    scores = []
    for g, ge in enumerate(gold):
        gs, gt, gr = event_key(ge)
        for p, pe in enumerate(predicted):
            ps, pt, pr = event_key(pe)
            agree = 2.0 * (gr == pr) + (gs == ps) + (gt == pt)
            scores.append(((agree, float(pe.get("cameo") == ge.cameo), pe.get("confidence") or 0.0), g, p))
    return _greedy(scores)


def _location_ok(gold: GoldEvent, pred: EventDict) -> bool:
    loc = pred.get("location")
    if gold.location is None:
        return loc is None
    if loc is None:
        return False
    name = gold.location.name
    if name and (loc.get("name") or "").casefold() == name.casefold():
        return True
    return bool(gold.location.country) and loc.get("country") == gold.location.country


# field -> (the gold annotation it needs, how a matched pair is judged)
FIELD_CHECKS: dict[str, tuple[str, Callable[[GoldEvent, EventDict], bool]]] = {
    "date": ("date", lambda g, p: p.get("date") == g.date),
    "date_precision": ("date_precision", lambda g, p: p.get("date_precision") == g.date_precision),
    "historical": ("historical", lambda g, p: bool(p.get("historical")) == g.historical),
    "location": ("location", _location_ok),
    "negated": ("negated", lambda g, p: bool(p.get("negated")) == g.negated),
    "modality": ("modality", lambda g, p: p.get("modality") == g.modality),
}


@dataclass(frozen=True, slots=True)
class EventMetrics:
    """Event matching and the accuracy of each field, over the items of a set (or a tag)."""

    items: int
    events: PRF
    exact_code: Ratio
    source_country: Ratio
    target_country: Ratio
    no_event_texts: Ratio  # texts with no gold event (beyond statements) that the coder left so
    fields: dict[str, Ratio] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "items": self.items,
            "events": self.events.to_dict(),
            "no_event_texts": self.no_event_texts.to_dict(),
            "exact_code": self.exact_code.to_dict(),
            "source_country": self.source_country.to_dict(),
            "target_country": self.target_country.to_dict(),
            **{k: v.to_dict() for k, v in self.fields.items()},
        }


def event_metrics(items: Sequence[GoldItem], predictions: Predictions) -> EventMetrics:
    """Event P/R/F1 and, among matched events, code, date, place, negation and modality accuracy."""
    tp = n_pred = n_gold = 0
    exact: list[bool] = []
    src: list[bool] = []
    tgt: list[bool] = []
    checks: dict[str, list[bool]] = {k: [] for k in FIELD_CHECKS}
    quiet: list[bool] = []
    for item, events in zip(items, predictions, strict=True):
        gold = item.events
        if all(g.root == "01" for g in gold):
            quiet.append(all(_root(e) == "01" for e in events))
        pairs = match_events(gold, events)
        tp += len(pairs)
        n_pred += len(events)
        n_gold += len(gold)
        for g, p in pairs:
            exact.append(events[p].get("cameo") == gold[g].cameo)
            for name, (needs, ok) in FIELD_CHECKS.items():
                if needs in gold[g].annotated:
                    checks[name].append(ok(gold[g], events[p]))
        aligned = dict(align_events(gold, events))
        for g, ge in enumerate(gold):
            pe = events[aligned[g]] if g in aligned else None
            src.append(pe is not None and _country(pe.get("source")) == _country(ge.source))
            tgt.append(pe is not None and _country(pe.get("target")) == _country(ge.target))
    return EventMetrics(
        items=len(items),
        events=PRF(tp, n_pred, n_gold),
        exact_code=_tally(exact),
        source_country=_tally(src),
        target_country=_tally(tgt),
        no_event_texts=_tally(quiet),
        fields={k: _tally(v) for k, v in checks.items()},
    )


def event_metrics_by_tag(items: Sequence[GoldItem], predictions: Predictions) -> dict[str, EventMetrics]:
    """The same figures for the items carrying each tag ("(untagged)" for items with none)."""
    groups: dict[str, list[int]] = {}
    for i, item in enumerate(items):
        for tag in item.tags or ("(untagged)",):
            groups.setdefault(tag, []).append(i)
    return {
        tag: event_metrics([items[i] for i in idx], [predictions[i] for i in idx])
        for tag, idx in sorted(groups.items())
    }


# --- PLOVER ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PloverMetrics:
    """Event type of the top event and of any event; actor country of the top event.

    Items whose gold actors carry no country code (IGO, NGO, militant groups) are left out
    of the country accuracies and counted in `non_country_*`.
    """

    type_top: Ratio
    type_any: Ratio
    source_country: Ratio
    target_country: Ratio
    non_country_sources: int
    non_country_targets: int
    non_country_codes: dict[str, int]
    per_type: dict[str, Ratio]
    confusion: dict[str, dict[str, int]]

    def to_dict(self) -> dict[str, Any]:
        d = {k: v.to_dict() for k, v in self._ratios().items()}
        d.update(
            non_country_sources=self.non_country_sources,
            non_country_targets=self.non_country_targets,
            non_country_codes=dict(self.non_country_codes),
            per_type={k: v.to_dict() for k, v in self.per_type.items()},
            confusion={k: dict(v) for k, v in self.confusion.items()},
        )
        return d

    def _ratios(self) -> dict[str, Ratio]:
        return {
            "type_top": self.type_top,
            "type_any": self.type_any,
            "source_country": self.source_country,
            "target_country": self.target_country,
        }


def plover_metrics(items: Sequence[GoldItem], predictions: Predictions) -> PloverMetrics:
    """PLOVER type and actor-country accuracy against the PLOVER gold standard."""
    top_ok: list[bool] = []
    any_ok: list[bool] = []
    countries: dict[str, list[bool]] = {"sources": [], "targets": []}
    non_country = {"sources": 0, "targets": 0}
    codes: Counter[str] = Counter()
    per_type: dict[str, list[bool]] = {}
    confusion: dict[str, Counter[str]] = {}
    for item, events in zip(items, predictions, strict=True):
        gold = item.plover
        if gold is None:
            raise ValueError(f"{item.origin}: not a PLOVER gold item")
        top = top_event(events)
        top_type = top.get("plover") if top else None
        top_ok.append(top_type == gold.event)
        any_ok.append(any(e.get("plover") == gold.event for e in events))
        per_type.setdefault(gold.event, []).append(top_type == gold.event)
        confusion.setdefault(gold.event, Counter())[top_type or "(no type)"] += 1
        for role, actor_key in (("sources", "source"), ("targets", "target")):
            actors = getattr(gold, role)
            codes.update(a.code or "?" for a in actors if a.country is None)
            wanted = {a.country for a in actors if a.country}
            if not actors:
                continue
            if not wanted:
                non_country[role] += 1
                continue
            countries[role].append(top is not None and _country(top.get(actor_key)) in wanted)
    return PloverMetrics(
        type_top=_tally(top_ok),
        type_any=_tally(any_ok),
        source_country=_tally(countries["sources"]),
        target_country=_tally(countries["targets"]),
        non_country_sources=non_country["sources"],
        non_country_targets=non_country["targets"],
        non_country_codes=dict(codes.most_common()),
        per_type={k: _tally(v) for k, v in sorted(per_type.items())},
        confusion={k: dict(v.most_common()) for k, v in sorted(confusion.items())},
    )


# --- coverage -----------------------------------------------------------------------------------


def coverage(predictions: Predictions) -> Ratio:
    """Share of texts with at least one event other than a plain statement (root 01)."""
    return _tally([any(_root(e) != "01" for e in events) for events in predictions])


def gold_coverage(gold: GoldSet) -> Ratio | None:
    """The same share in the gold annotations, where the format says (not for BIO spans)."""
    if gold.format == "conflibert-class":
        return _tally([item.label != 0 for item in gold.items])
    if gold.format == "plover":
        return _tally([item.plover is not None for item in gold.items])
    if gold.format == "detente":
        return _tally([any(e.root != "01" for e in item.events) for item in gold.items])
    return None


# --- errors ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ErrorRecord:
    """One badly coded text: what went wrong and the events (and rules) that did it."""

    id: str
    origin: str
    text: str
    problem: str
    severity: float
    predicted: tuple[dict[str, Any], ...]
    rules: tuple[str, ...]  # the dictionary rows to look at first

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["predicted"] = list(self.predicted)
        d["rules"] = list(self.rules)
        return d


def _actor_label(actor: Any) -> str | None:
    if not actor:
        return None
    return f"{actor.get('code') or '?'} {actor.get('text')!r}"


def event_summary(event: EventDict) -> dict[str, Any]:
    """What a reader needs to see of a predicted event to find the cause of an error."""
    evidence = event.get("evidence") or {}
    return {
        "cameo": event.get("cameo"),
        "plover": event.get("plover"),
        "source": _actor_label(event.get("source")),
        "target": _actor_label(event.get("target")),
        "negated": bool(event.get("negated")),
        "modality": event.get("modality"),
        "confidence": event.get("confidence"),
        "trigger": (evidence.get("trigger") or {}).get("text"),
        "rule": evidence.get("rule"),
    }


def _rule(event: EventDict | None) -> str:
    if event is None:
        return "(no event coded)"
    return str((event.get("evidence") or {}).get("rule") or "(no rule)")


def _deciding_rules(events: Sequence[EventDict], top: EventDict | None) -> list[str]:
    """The rule of the event that decided a text's class or type; when every coded event was
    negated, the negated events' rules (the negation may be what went wrong)."""
    if top is None and events:
        return [f"(negated) {_rule(e)}" for e in events]
    return [_rule(top)]


def _flip(a: int, b: int) -> bool:
    """Cooperation read as conflict or the other way round (quads 1-2 vs 3-4)."""
    return {a, b} & {1, 2} != set() and {a, b} & {3, 4} != set()


def _class_error(item: GoldItem, events: Sequence[EventDict]) -> tuple[float, str, list[str]] | None:
    assert item.label is not None
    pred = event_class(events)
    if pred == item.label:
        return None
    top = top_event(events)
    conf = float(top.get("confidence") or 0.0) if top else 0.0
    problem = f"gold {item.label} ({CLASS_NAMES[item.label]}), coded {pred} ({CLASS_NAMES[pred]})"
    return 1.0 + _flip(item.label, pred) + conf, problem, _deciding_rules(events, top)


def _span_error(item: GoldItem, events: Sequence[EventDict]) -> tuple[float, str, list[str]] | None:
    problems: list[str] = []
    rules: list[str] = []
    bad = 0
    for role in ("source", "target"):
        g, p = gold_spans(item, role), predicted_spans(events, role)
        pairs = match_spans(g, p)
        missed = [g[i] for i in range(len(g)) if i not in {a for a, _ in pairs}]
        extra = [p[i] for i in range(len(p)) if i not in {b for _, b in pairs}]
        bad += len(missed) + len(extra)
        if missed:
            problems.append(f"missed {role} {', '.join(repr(t) for t in missed)}")
            if not events:
                rules.append("(no event coded)")
        if extra:
            problems.append(f"spurious {role} {', '.join(repr(t) for t in extra)}")
            for e in events:
                actor = e.get(role)
                if actor and actor.get("text") in extra:
                    rules.append(_rule(e))
    if not bad:
        return None
    return float(bad), "; ".join(problems), rules


def _event_error(item: GoldItem, events: Sequence[EventDict]) -> tuple[float, str, list[str]] | None:
    gold = item.events
    pairs = match_events(gold, events)
    matched_g = {g for g, _ in pairs}
    matched_p = {p for _, p in pairs}
    problems: list[str] = []
    rules: list[str] = []
    for g, ge in enumerate(gold):
        if g not in matched_g:
            s, t, _ = event_key(ge)
            problems.append(f"missed {s or '-'} {ge.cameo} {t or '-'}")
    for p, pe in enumerate(events):
        if p not in matched_p:
            s, t, _ = event_key(pe)
            problems.append(f"spurious {s or '-'} {pe.get('cameo')} {t or '-'}")
            rules.append(_rule(pe))
    for g, p in pairs:
        wrong = [
            k
            for k, (needs, ok) in FIELD_CHECKS.items()
            if needs in gold[g].annotated and not ok(gold[g], events[p])
        ]
        if events[p].get("cameo") != gold[g].cameo:
            wrong.insert(0, f"code {events[p].get('cameo')} for {gold[g].cameo}")
        if wrong:
            problems.append(f"{gold[g].cameo}: wrong {', '.join(wrong)}")
            rules.append(_rule(events[p]))
    if not problems:
        return None
    if len(gold) > len(matched_g) and not events:
        rules.append("(no event coded)")
    return float(len(problems)), "; ".join(problems), rules


def _plover_error(item: GoldItem, events: Sequence[EventDict]) -> tuple[float, str, list[str]] | None:
    gold = item.plover
    assert gold is not None
    top = top_event(events)
    top_type = top.get("plover") if top else None
    if top_type == gold.event:
        return None
    quads = {t: row.quad for (t, _), row in tables.plover_types().items()}
    flip = top_type is not None and _flip(quads.get(gold.event, 0), quads.get(top_type, 0))
    conf = float(top.get("confidence") or 0.0) if top else 0.0
    shown = gold.event if gold.event == gold.event_v05 else f"{gold.event} (v0.5 {gold.event_v05})"
    return 1.0 + flip + conf, f"gold {shown}, coded {top_type or 'nothing'}", _deciding_rules(events, top)


_ERROR_FINDERS = {
    "conflibert-class": _class_error,
    "conflibert-bio": _span_error,
    "detente": _event_error,
    "plover": _plover_error,
}


def find_errors(
    gold: GoldSet, predictions: Predictions
) -> tuple[list[ErrorRecord], list[tuple[str, int]], int]:
    """The worst errors (most severe, then most confident; at most 50), how often each rule
    took part in an error (over all errors), and the number of texts with an error."""
    finder = _ERROR_FINDERS[gold.format]
    records: list[ErrorRecord] = []
    rules: Counter[str] = Counter()
    for item, events in zip(gold.items, predictions, strict=True):
        found = finder(item, events)
        if found is None:
            continue
        severity, problem, item_rules = found
        rules.update(dict.fromkeys(item_rules, 1))  # once per text
        records.append(
            ErrorRecord(
                id=item.id,
                origin=item.origin,
                text=item.text,
                problem=problem,
                severity=round(severity, 3),
                predicted=tuple(event_summary(e) for e in events),
                rules=tuple(dict.fromkeys(item_rules)),
            )
        )
    records.sort(key=lambda r: -r.severity)
    return records[:MAX_ERRORS], rules.most_common(), len(records)


# --- a whole gold file --------------------------------------------------------------------------


@dataclass(slots=True)
class Section:
    """Every figure for one gold file: what the report prints and report.json holds."""

    gold: str
    format: str
    items: int
    words: int
    seconds: float
    coverage: Ratio
    gold_coverage: Ratio | None = None
    skipped: list[str] = field(default_factory=list)
    classes: ClassMetrics | None = None
    classes_icews: ClassMetrics | None = None  # the same under the ICEWS package's quad classes
    spans: SpanMetrics | None = None
    events: EventMetrics | None = None
    events_by_tag: dict[str, EventMetrics] = field(default_factory=dict)
    plover: PloverMetrics | None = None
    errors: list[ErrorRecord] = field(default_factory=list)
    error_rules: list[tuple[str, int]] = field(default_factory=list)
    n_errors: int = 0

    @property
    def items_per_second(self) -> float | None:
        return self.items / self.seconds if self.seconds > 0 else None

    @property
    def words_per_second(self) -> float | None:
        return self.words / self.seconds if self.seconds > 0 else None

    def to_dict(self) -> dict[str, Any]:
        def opt(x: Any) -> Any:
            return x.to_dict() if x is not None else None

        return {
            "gold": self.gold,
            "format": self.format,
            "items": self.items,
            "skipped": list(self.skipped),
            "speed": {
                "seconds": self.seconds,
                "words": self.words,
                "items_per_second": self.items_per_second,
                "words_per_second": self.words_per_second,
            },
            "coverage": self.coverage.to_dict(),
            "gold_coverage": opt(self.gold_coverage),
            "classes": opt(self.classes),
            "classes_icews": opt(self.classes_icews),
            "spans": opt(self.spans),
            "events": opt(self.events),
            "events_by_tag": {k: v.to_dict() for k, v in self.events_by_tag.items()},
            "plover": opt(self.plover),
            "n_errors": self.n_errors,
            "error_rules": [{"rule": r, "errors": n} for r, n in self.error_rules],
            "errors": [e.to_dict() for e in self.errors],
        }


def score(gold: GoldSet, predictions: Predictions, seconds: float) -> Section:
    """All figures of one gold file from its items, the coder's events and the coding time."""
    items = gold.items
    if len(items) != len(predictions):
        raise ValueError(f"{len(items)} gold items but {len(predictions)} coded results")
    section = Section(
        gold=gold.path,
        format=gold.format,
        items=len(items),
        words=sum(len(item.text.split()) for item in items),
        seconds=seconds,
        coverage=coverage(predictions),
        gold_coverage=gold_coverage(gold),
        skipped=list(gold.skipped),
    )
    if gold.format == "conflibert-class":
        labels = [item.label for item in items if item.label is not None]
        section.classes = class_metrics(labels, [event_class(e) for e in predictions])
        section.classes_icews = class_metrics(labels, [event_class(e, "icews") for e in predictions])
    elif gold.format == "conflibert-bio":
        section.spans = span_metrics(items, predictions)
    elif gold.format == "detente":
        section.events = event_metrics(items, predictions)
        section.events_by_tag = event_metrics_by_tag(items, predictions)
    elif gold.format == "plover":
        section.plover = plover_metrics(items, predictions)
    section.errors, section.error_rules, section.n_errors = find_errors(gold, predictions)
    return section
