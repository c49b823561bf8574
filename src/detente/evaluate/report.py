"""Evaluation reports: a summary for the terminal, report.md for people, report.json for tools.

All three are rendered from the same `Section`s, so a figure never differs between them.
The markdown report ends with the worst errors of each gold file and the dictionary rules
behind them, since the point of measuring is finding what to fix.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from detente.evaluate.metrics import PRF, EventMetrics, Ratio, Section

TOP_RULES = 15


def pct(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f}%"


def num(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def ratio(r: Ratio) -> str:
    return f"{pct(r.value)} ({r.correct}/{r.total})"


def prf(p: PRF) -> str:
    return (
        f"P {num(p.precision)}  R {num(p.recall)}  F1 {num(p.f1)}  "
        f"(matched {p.tp}, coded {p.predicted}, gold {p.gold})"
    )


def _rate(value: float | None, unit: str) -> str:
    return "n/a" if value is None else f"{value:,.1f} {unit}/s"


def _speed(s: Section) -> str:
    return (
        f"{s.seconds:.2f} s for {s.items} items, {s.words:,} words: "
        f"{_rate(s.items_per_second, 'items')}, {_rate(s.words_per_second, 'words')}"
    )


def _coverage(s: Section) -> str:
    text = f"{ratio(s.coverage)} of items have an event other than a plain statement (CAMEO 01)"
    if s.gold_coverage is not None:
        text += f"; gold: {pct(s.gold_coverage.value)}"
    return text


def _event_lines(m: EventMetrics) -> list[tuple[str, str]]:
    rows = [
        ("events", prf(m.events)),
        ("exact CAMEO code (matched events)", ratio(m.exact_code)),
        ("source country (gold events)", ratio(m.source_country)),
        ("target country (gold events)", ratio(m.target_country)),
        ("texts without a gold event left without one", ratio(m.no_event_texts)),
    ]
    names = {
        "date": "date, exact value",
        "date_precision": "date precision",
        "historical": "historical flag",
        "location": "location (name or country)",
        "negated": "negation",
        "modality": "modality",
    }
    rows += [(f"{names.get(k, k)} (matched events)", ratio(v)) for k, v in m.fields.items()]
    return rows


# --- terminal -----------------------------------------------------------------------------------


def format_text(sections: Sequence[Section]) -> str:
    """The readable summary printed by `detente evaluate`."""
    out: list[str] = []
    for s in sections:
        out.append(f"== {s.gold}  [{s.format}, {s.items} items]")
        out.append(f"   coding: {_speed(s)}")
        out.append(f"   coverage: {_coverage(s)}")
        for note in s.skipped:
            out.append(f"   skipped: {note}")
        if s.classes is not None:
            c = s.classes
            out.append(
                f"   sentence class (Phoenix quad class of the top event): accuracy {ratio(c.accuracy)}, "
                f"macro-F1 {num(c.macro_f1)}"
            )
            if s.classes_icews is not None:
                ci = s.classes_icews
                out.append(
                    f"   (with the ICEWS package's quad classes, 02 cooperation and 16 material conflict: "
                    f"accuracy {ratio(ci.accuracy)}, macro-F1 {num(ci.macro_f1)})"
                )
            out.append(f"     {'class':<24}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}{'coded':>7}")
            for i, (name, p) in enumerate(zip(c.labels, c.per_class, strict=True)):
                out.append(
                    f"     {f'{i} {name}':<24}{num(p.precision):>7}{num(p.recall):>7}{num(p.f1):>7}"
                    f"{p.gold:>7}{p.predicted:>7}"
                )
            out.append("   confusion matrix (rows gold, columns coded):")
            out.append("          " + "".join(f"{i:>6}" for i in range(len(c.labels))))
            for i, row in enumerate(c.confusion):
                out.append(f"     {i:>5}" + "".join(f"{n:>6}" for n in row))
        if s.spans is not None:
            out.append(f"   source spans: {prf(s.spans.source)}")
            out.append(f"   target spans: {prf(s.spans.target)}")
        if s.events is not None:
            for label, value in _event_lines(s.events):
                out.append(f"   {label}: {value}")
            if s.events_by_tag:
                out.append("   by tag (items: event F1, exact code, source country, date):")
                for tag, m in s.events_by_tag.items():
                    out.append(
                        f"     {tag:<20} {m.items:>4}: F1 {num(m.events.f1)}, "
                        f"code {pct(m.exact_code.value)}, source {pct(m.source_country.value)}, "
                        f"date {ratio(m.fields['date']) if 'date' in m.fields else 'n/a'}"
                    )
        if s.plover is not None:
            p = s.plover
            out.append(f"   PLOVER type of the top event: {ratio(p.type_top)}")
            out.append(f"   PLOVER type of any event: {ratio(p.type_any)}")
            out.append(
                f"   source country: {ratio(p.source_country)} "
                f"({p.non_country_sources} items with only non-country gold sources left out)"
            )
            out.append(
                f"   target country: {ratio(p.target_country)} "
                f"({p.non_country_targets} items with only non-country gold targets left out)"
            )
            if p.non_country_codes:
                codes = ", ".join(f"{k} {v}" for k, v in p.non_country_codes.items())
                out.append(f"   non-country gold actor codes: {codes}")
        if s.error_rules:
            out.append(f"   items with an error: {s.n_errors}; rules most often involved:")
            out += [f"     {n:>5}  {rule}" for rule, n in s.error_rules[:5]]
        else:
            out.append(f"   items with an error: {s.n_errors}")
        out.append("")
    return "\n".join(out)


# --- markdown -----------------------------------------------------------------------------------


def _md_table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[str]:
    def cell(x: Any) -> str:
        return str(x).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(cell(h) for h in header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(x) for x in row) + " |" for row in rows]
    return [*lines, ""]


def _md_section(s: Section) -> list[str]:
    out = [f"## {Path(s.gold).name}", "", f"`{s.gold}`, format `{s.format}`, {s.items} items.", ""]
    out += [f"- Coding: {_speed(s)}", f"- Coverage: {_coverage(s)}"]
    out += [f"- Skipped: {note}" for note in s.skipped]
    out.append("")
    if s.classes is not None:
        c = s.classes
        out += [
            "### Sentence class",
            "",
            "Class of a text = the Phoenix quad class of its top event's CAMEO root (0 when it has "
            "none; 01-02 statements, 16 verbal conflict), the convention the ConfliBERT labels "
            "follow (evaluate/data/sentence_classes.tsv).",
            "",
            f"- Accuracy: {ratio(c.accuracy)}",
            f"- Macro-F1: {num(c.macro_f1)}",
        ]
        if s.classes_icews is not None:
            ci = s.classes_icews
            out.append(
                f"- With the ICEWS package's quad classes (02 verbal cooperation, 16 material "
                f"conflict): accuracy {ratio(ci.accuracy)}, macro-F1 {num(ci.macro_f1)}"
            )
        out.append("")
        out += _md_table(
            ["class", "precision", "recall", "F1", "gold", "coded"],
            [
                [f"{i} {name}", num(p.precision), num(p.recall), num(p.f1), p.gold, p.predicted]
                for i, (name, p) in enumerate(zip(c.labels, c.per_class, strict=True))
            ],
        )
        out += ["Confusion matrix (rows gold, columns coded):", ""]
        out += _md_table(
            ["gold \\ coded", *(str(i) for i in range(len(c.labels)))],
            [[f"{i} {c.labels[i]}", *row] for i, row in enumerate(c.confusion)],
        )
    if s.spans is not None:
        out += ["### Actor spans", "", "Content-word Jaccard >= 0.5, greedy one-to-one per sentence.", ""]
        out += _md_table(
            ["role", "precision", "recall", "F1", "matched", "coded", "gold"],
            [
                [role, num(p.precision), num(p.recall), num(p.f1), p.tp, p.predicted, p.gold]
                for role, p in (("source", s.spans.source), ("target", s.spans.target))
            ],
        )
    if s.events is not None:
        out += ["### Events", ""]
        out += _md_table(["figure", "value"], _event_lines(s.events))
        if s.events_by_tag:
            out += ["### Events by tag", ""]
            fields = list(next(iter(s.events_by_tag.values())).fields)
            out += _md_table(
                ["tag", "items", "P", "R", "F1", "code", "source", "target", "no-event texts", *fields],
                [
                    [
                        tag,
                        m.items,
                        num(m.events.precision),
                        num(m.events.recall),
                        num(m.events.f1),
                        pct(m.exact_code.value),
                        pct(m.source_country.value),
                        pct(m.target_country.value),
                        pct(m.no_event_texts.value),
                        *(pct(m.fields[f].value) for f in fields),
                    ]
                    for tag, m in s.events_by_tag.items()
                ],
            )
    if s.plover is not None:
        p = s.plover
        out += [
            "### PLOVER",
            "",
            f"- Event type of the top event: {ratio(p.type_top)}",
            f"- Event type of any coded event: {ratio(p.type_any)}",
            f"- Source country of the top event: {ratio(p.source_country)}; "
            f"{p.non_country_sources} items whose gold sources are all non-country codes left out",
            f"- Target country of the top event: {ratio(p.target_country)}; "
            f"{p.non_country_targets} items whose gold targets are all non-country codes left out",
            "- Non-country gold actor codes: "
            + (", ".join(f"`{k}` {v}" for k, v in p.non_country_codes.items()) or "none"),
            "",
        ]
        out += _md_table(
            ["gold type", "items", "top event right", "coded as (top event)"],
            [
                [t, r.total, pct(r.value), ", ".join(f"{k} {v}" for k, v in p.confusion[t].items())]
                for t, r in p.per_type.items()
            ],
        )
    out += [f"### Errors ({s.n_errors} items)", ""]
    if s.error_rules:
        out += ["Rules most often involved in an error:", ""]
        out += _md_table(["errors", "rule"], [[n, f"`{r}`"] for r, n in s.error_rules[:TOP_RULES]])
    if s.errors:
        out += [f"The {len(s.errors)} worst (most severe first, then most confident):", ""]
    for k, e in enumerate(s.errors, start=1):
        out += [f"{k}. **{e.id}**: {e.problem}", f"   > {e.text}"]
        if not e.predicted:
            out.append("   - no event coded")
        for ev in e.predicted:
            flags = " negated" if ev["negated"] else ""
            out.append(
                f"   - {ev['cameo']} {ev['plover'] or '-'}: {ev['source'] or '-'} -> {ev['target'] or '-'}"
                f" ({ev['modality']}{flags}, confidence {ev['confidence']}), trigger {ev['trigger']!r}, "
                f"rule `{ev['rule']}`"
            )
        out.append("")
    return out


def format_markdown(sections: Sequence[Section], meta: dict[str, Any]) -> str:
    """report.md: every figure, tables, and the worst errors with their evidence rules."""
    out = ["# Detente evaluation", ""]
    out += [f"- {k}: {v}" for k, v in meta.items()]
    out.append("")
    out += [
        "| gold file | format | items | headline figure | coverage | items/s |",
        "|---|---|---|---|---|---|",
    ]
    for s in sections:
        out.append(
            f"| {Path(s.gold).name} | {s.format} | {s.items} | {headline(s)} | {pct(s.coverage.value)} | "
            f"{'n/a' if s.items_per_second is None else f'{s.items_per_second:.1f}'} |"
        )
    out.append("")
    for s in sections:
        out += _md_section(s)
    return "\n".join(out).rstrip() + "\n"


def headline(s: Section) -> str:
    """The one figure that sums up a gold file."""
    if s.classes is not None:
        return f"macro-F1 {num(s.classes.macro_f1)}"
    if s.spans is not None:
        return f"source F1 {num(s.spans.source.f1)}, target F1 {num(s.spans.target.f1)}"
    if s.events is not None:
        return f"event F1 {num(s.events.events.f1)}"
    if s.plover is not None:
        return f"type accuracy {pct(s.plover.type_top.value)}"
    return ""


def report_json(sections: Sequence[Section], meta: dict[str, Any]) -> dict[str, Any]:
    return {**meta, "sections": [s.to_dict() for s in sections]}


def write_report(directory: str | Path, sections: Sequence[Section], meta: dict[str, Any]) -> list[Path]:
    """Write report.md and report.json into `directory` (created if needed)."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    md = directory / "report.md"
    js = directory / "report.json"
    md.write_text(format_markdown(sections, meta), encoding="utf-8")
    js.write_text(
        json.dumps(report_json(sections, meta), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return [md, js]
