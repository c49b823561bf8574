"""Evaluation harness: gold-standard files in, accuracy figures and error reports out.

`readers` turns four gold formats into `GoldItem`s, `metrics` scores the coder's events
against them (pure functions), `report` renders the figures, and `command` holds the one
impure step (coding with the real pipeline) and the `detente evaluate` click command.
"""

from detente.evaluate.metrics import (
    ClassMetrics,
    EventMetrics,
    PloverMetrics,
    Ratio,
    Section,
    SpanMetrics,
    class_metrics,
    content_words,
    coverage,
    event_class,
    event_metrics,
    match_events,
    match_spans,
    plover_metrics,
    score,
    span_jaccard,
    span_metrics,
    top_event,
)
from detente.evaluate.readers import (
    FORMATS,
    GoldActor,
    GoldEvent,
    GoldItem,
    GoldLocation,
    GoldSet,
    GoldSpan,
    PloverGold,
    detect_format,
    read_gold,
)
from detente.evaluate.report import format_markdown, format_text, write_report

__all__ = [
    "FORMATS",
    "ClassMetrics",
    "EventMetrics",
    "GoldActor",
    "GoldEvent",
    "GoldItem",
    "GoldLocation",
    "GoldSet",
    "GoldSpan",
    "PloverGold",
    "PloverMetrics",
    "Ratio",
    "Section",
    "SpanMetrics",
    "class_metrics",
    "content_words",
    "coverage",
    "detect_format",
    "event_class",
    "event_metrics",
    "format_markdown",
    "format_text",
    "match_events",
    "match_spans",
    "plover_metrics",
    "read_gold",
    "score",
    "span_jaccard",
    "span_metrics",
    "top_event",
    "write_report",
]
