"""The evaluation harness: gold readers on files written here, metrics on hand-built predictions
with answers worked out by hand, and `detente evaluate` end to end with the real pipeline."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from detente.coding import tables
from detente.errors import DataFileError
from detente.evaluate import (
    GoldActor,
    GoldItem,
    GoldSet,
    PloverGold,
    class_metrics,
    content_words,
    coverage,
    detect_format,
    event_class,
    event_metrics,
    match_spans,
    plover_metrics,
    read_gold,
    score,
    span_jaccard,
    span_metrics,
    top_event,
)
from detente.evaluate.command import code_items, evaluate_cmd
from detente.evaluate.metrics import event_metrics_by_tag, find_errors
from detente.evaluate.readers import GoldSpan, join_tokens
from detente.evaluate.report import format_markdown, num

SHARED = Path(__file__).resolve().parents[2] / "shared"


def write(tmp_path: Path, name: str, text: str, newline: str = "\n") -> Path:
    path = tmp_path / name
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return path


def ev(
    cameo: str,
    source: str | None = None,
    target: str | None = None,
    confidence: float = 0.5,
    **extra: Any,
) -> dict[str, Any]:
    """A predicted event in the `Event.to_dict()` shape, with only what the metrics read."""

    def actor(spec: str | None) -> dict[str, Any] | None:
        if spec is None:
            return None
        country, _, text = spec.partition(":")
        return {"text": text or country, "country": country or None, "code": country or None}

    d: dict[str, Any] = {
        "cameo": cameo,
        "cameo_root": tables.lookup(cameo).root,
        "plover": tables.lookup(cameo).plover,
        "source": actor(source),
        "target": actor(target),
        "confidence": confidence,
        "negated": False,
        "modality": "asserted",
        "date": None,
        "date_precision": None,
        "historical": False,
        "location": None,
        "evidence": {"trigger": {"text": "x"}, "rule": f"test:{cameo}"},
    }
    d.update(extra)
    return d


# --- readers --------------------------------------------------------------------------------------


def test_class_reader_handles_crlf_and_spreadsheet_quotes(tmp_path):
    path = write(
        tmp_path,
        "cls.tsv",
        "Iraqi troops shelled the town.\t4\n"
        "\n"
        '"The minister called the plan ""reckless"" on Monday."\t3\n'
        "Officials met in Geneva.\t1\n"
        '"We will not retreat," the general said.\t0\n',
        newline="\r\n",
    )
    assert detect_format(path) == "conflibert-class"
    gold = read_gold(path)
    assert gold.format == "conflibert-class"
    assert [i.label for i in gold.items] == [4, 3, 1, 0]
    assert [i.text for i in gold.items] == [
        "Iraqi troops shelled the town.",
        'The minister called the plan "reckless" on Monday.',
        "Officials met in Geneva.",
        '"We will not retreat," the general said.',  # a quote that is not field quoting stays
    ]
    assert all("\r" not in i.text for i in gold.items)
    assert gold.items[1].id == "cls.tsv:3" and gold.items[1].origin.endswith("cls.tsv:3")
    assert len(read_gold(path, limit=2).items) == 2


def test_class_reader_names_the_line_of_a_bad_label(tmp_path):
    path = write(tmp_path, "cls.tsv", "A sentence.\t1\nAnother sentence.\t7\n", newline="\r\n")
    with pytest.raises(DataFileError, match=r"cls\.tsv:2: label '7' is not a class 0\.\.4"):
        read_gold(path, "conflibert-class")


BIO = """\
Iraqi B-S
troops I-S
said O
Baghdad B-T
’ I-T
s I-T
forces I-T
attacked O
U.S. O
- O
backed O
fighters O
( O
SDF O
) O
. O

Nicol B-R
á I-R
s I-R
Maduro I-R
and O
the B-R
Kurds I-R
' I-R
leaders I-R
did O
n't O
pay O
$ O
88 O
, O
550 O
, O
000 O
to O
Jos I-T
é I-T
Carreras I-T
. O
"""


def test_bio_reader_rebuilds_sentences_and_spans(tmp_path):
    path = write(tmp_path, "ner.txt", BIO)
    assert detect_format(path) == "conflibert-bio"
    gold = read_gold(path)
    first, second = gold.items
    assert first.text == "Iraqi troops said Baghdad’s forces attacked U.S.-backed fighters (SDF)."
    assert [(s.role, s.text) for s in first.spans] == [
        ("source", "Iraqi troops"),
        ("target", "Baghdad’s forces"),
    ]
    assert all(first.text[s.start : s.end] == s.text for s in first.spans)
    assert second.text == "Nicolás Maduro and the Kurds' leaders didn't pay $88,550,000 to José Carreras."
    # R spans are both source and target; an I- tag after O starts a span (CoNLL convention)
    assert [(s.role, s.text) for s in second.spans] == [
        ("both", "Nicolás Maduro"),
        ("both", "the Kurds' leaders"),
        ("target", "José Carreras"),
    ]
    assert first.id == "ner.txt:1" and second.id == "ner.txt:18"


def test_join_tokens_keeps_offsets_of_each_token():
    text, offsets = join_tokens(["Iran", "’", "s", "envoy", "met", "the", "U.N.", "chief", "."])
    assert text == "Iran’s envoy met the U.N. chief."
    assert [text[a:b] for a, b in offsets] == ["Iran", "’", "s", "envoy", "met", "the", "U.N.", "chief", "."]


def test_bio_reader_rejects_unknown_tags(tmp_path):
    path = write(tmp_path, "ner.txt", "Iran B-S\nprotested O\n\nIraq B-X\n")
    with pytest.raises(DataFileError, match=r"ner\.txt:4: tag 'B-X'"):
        read_gold(path, "conflibert-bio")


PLOVER_ITEMS = [
    {"id": "DOC-0001", "event": "DOCUMENT", "eventText": "docs", "version": "0.5b1"},
    {
        "id": "GSR-DEMAND-0001",
        "date": "2000-01-01",
        "event": "DEMAND",
        "text": "Tokyo asked the United Nations to send observers.",
        "source": [{"actorText": "Tokyo", "code": "JAP", "sector": "GOV"}],
        "target": [{"actorText": "the United Nations", "code": "IGO"}],
    },
    {
        "id": "GSR-FIGHT-0001",
        "date": "2000-01-01",
        "event": "FIGHT",
        "text": "Italian and Vietnamese troops clashed with rioters.",
        "source": [
            {"actorText": "Italian", "code": "ITL", "sector": "MIL"},
            {"actorText": "Vietnamese", "code": "VTN", "sector": "***"},
        ],
        "target": "",
        "mode": "",
        "eventLoc": {"name": "Hanoi"},
    },
    {
        "id": "GSR-INVESTIGATE-0001",
        "date": "2000-01-01",
        "event": "INVESTIGATE",
        "text": "Kenya opened an inquiry into the killings.",
        "source": [{"actorText": "Kenya", "code": "KEN"}],
    },
]


def test_plover_reader_maps_v05_types_and_old_country_codes(tmp_path):
    path = write(tmp_path, "gsr.json", json.dumps(PLOVER_ITEMS))
    assert detect_format(path) == "plover"
    gold = read_gold(path)
    assert [i.id for i in gold.items] == ["GSR-DEMAND-0001", "GSR-FIGHT-0001", "GSR-INVESTIGATE-0001"]
    assert len(gold.skipped) == 1 and "DOCUMENT" in gold.skipped[0]
    demand, fight, investigate = (i.plover for i in gold.items)
    assert (demand.event, demand.event_v05) == ("REQUEST", "DEMAND")
    assert fight.event == "ASSAULT" and investigate.event == "ACCUSE"
    assert demand.sources == (GoldActor("Tokyo", "JPN", "GOV", "JAP"),)
    assert demand.targets == (GoldActor("the United Nations", None, None, "IGO"),)  # IGO: not a country
    assert [a.country for a in fight.sources] == ["ITA", "VNM"]
    assert fight.sources[1].sector is None  # '***' means unknown
    assert fight.targets == () and fight.mode is None and fight.location.name == "Hanoi"
    assert gold.items[0].date == dt.date(2000, 1, 1)


def test_plover_reader_rejects_unknown_event_types(tmp_path):
    bad = [{"id": "X-1", "event": "HUG", "text": "Leaders hugged."}]
    path = write(tmp_path, "gsr.json", json.dumps(bad))
    with pytest.raises(DataFileError, match=r"item 0 \(X-1\): 'HUG' is not a PLOVER event type"):
        read_gold(path, "plover")


GOOD_LINE = {
    "id": "kazan-1",
    "text": "Russia said on Friday it would keep providing Afghanistan assistance, at talks in Kazan.",
    "date": "2023-09-30",
    "tags": ["intent", "location"],
    "note": "seed article",
    "events": [
        {
            "source": {"text": "Russia", "country": "RUS", "sector": "GOV"},
            "target": {"text": "Afghanistan", "country": "AFG", "sector": None},
            "cameo": "033",
            "date": "2023-09-29",
            "historical": False,
            "location": {"name": "Kazan", "country": "RUS"},
            "modality": "intended",
        },
        {"source": None, "target": None, "cameo": "010", "date": "2003"},
    ],
}


def test_detente_reader_reads_every_field(tmp_path):
    path = write(tmp_path, "gold.jsonl", json.dumps(GOOD_LINE) + "\n\n")
    assert detect_format(path) == "detente"
    (item,) = read_gold(path).items
    assert item.id == "kazan-1" and item.date == dt.date(2023, 9, 30)
    assert item.tags == ("intent", "location") and item.note == "seed article"
    first, second = item.events
    assert first.source == GoldActor("Russia", "RUS", "GOV", "RUS")
    assert first.target.country == "AFG" and first.cameo == "033" and first.root == "03"
    assert (first.date, first.date_precision) == ("2023-09-29", "day")  # precision from the date
    assert first.location.name == "Kazan" and first.modality == "intended" and not first.negated
    # only what the gold file gave is scored
    assert first.annotated == {"date", "date_precision", "historical", "location", "modality"}
    assert (second.date, second.date_precision) == ("2003", "year")
    assert second.annotated == {"date", "date_precision"}


def _with_event(**changes: Any) -> dict[str, Any]:
    line = json.loads(json.dumps(GOOD_LINE))
    line["events"][0].update(changes)
    return line


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "not valid JSON"),
        (json.dumps({"id": "b", "text": "x"}), "missing 'events'"),
        (json.dumps({**GOOD_LINE, "id": "b", "evnts": []}), "unknown key 'evnts'"),
        (json.dumps({**GOOD_LINE, "id": "kazan-1"}), "id 'kazan-1' is already used on line 1"),
        (json.dumps({**GOOD_LINE, "id": "b", "date": "30/09/2023"}), "date: '30/09/2023'"),
        (json.dumps({**GOOD_LINE, "id": "b", "tags": "passive"}), "tags: expected a list"),
        (json.dumps({**_with_event(cameo="999"), "id": "b"}), "events[0].cameo: '999' is not a CAMEO code"),
        (json.dumps({**_with_event(cameo=33), "id": "b"}), "events[0].cameo: 33"),
        (
            json.dumps({**_with_event(source={"text": "Moscow", "country": "RUS"}), "id": "b"}),
            "events[0].source.text: 'Moscow' is not a substring",
        ),
        (
            json.dumps({**_with_event(source={"country": "rus"}), "id": "b"}),
            "events[0].source.country: 'rus'",
        ),
        (
            json.dumps({**_with_event(date="2023-09", date_precision="day"), "id": "b"}),
            "date_precision: 'day' does not fit the date '2023-09'",
        ),
        (json.dumps({**_with_event(date="2023-02-30"), "id": "b"}), "is not a real date"),
        (json.dumps({**_with_event(modality="maybe"), "id": "b"}), "events[0].modality: 'maybe'"),
        (json.dumps({**_with_event(negated="no"), "id": "b"}), "events[0].negated: expected true or false"),
        (json.dumps({**_with_event(location={}), "id": "b"}), "events[0].location: give a name"),
        (json.dumps({**_with_event(actor="x"), "id": "b"}), "events[0]: unknown key 'actor'"),
        (
            json.dumps({"id": "b", "text": "Iran protested.", "events": [{"source": None, "cameo": "140"}]}),
            "events[0]: missing 'target'",
        ),
    ],
)
def test_detente_reader_names_file_line_and_problem(tmp_path, line, message):
    path = write(tmp_path, "gold.jsonl", json.dumps(GOOD_LINE) + "\n" + line + "\n")
    with pytest.raises(DataFileError) as err:
        read_gold(path)
    assert str(err.value).startswith(f"{path}:2: ")
    assert message in str(err.value)


def test_detection_fails_with_advice_on_an_unknown_format(tmp_path):
    path = write(tmp_path, "notes.txt", "just some text\nwith two lines\n")
    with pytest.raises(DataFileError, match="--format"):
        detect_format(path)


# --- metrics: sentence classes ----------------------------------------------------------------------


def test_sentence_class_conventions_differ_only_on_appeals_and_reduced_relations():
    """The ConfliBERT labels follow Phoenix: an appeal (02) is a statement, cutting aid (16) verbal
    conflict; the ICEWS package's classes say verbal cooperation and material conflict."""
    assert event_class([ev("020")]) == 0 and event_class([ev("020")], "icews") == 1
    assert event_class([ev("1622")]) == 3 and event_class([ev("1622")], "icews") == 4
    for code in ("010", "036", "042", "057", "073", "0874", "090", "112", "138", "145", "173", "190", "202"):
        assert event_class([ev(code)]) == event_class([ev(code)], "icews"), code


def test_event_class_uses_the_quad_of_the_top_live_event():
    assert event_class([]) == 0
    assert event_class([ev("010", confidence=0.9)]) == 0  # statements only
    assert (
        event_class([ev("010", confidence=0.9), ev("042", confidence=0.3)]) == 1
    )  # substance beats a comment
    assert event_class([ev("190", confidence=0.9, negated=True), ev("036", confidence=0.2)]) == 1
    assert event_class([ev("190", confidence=0.9, negated=True)]) == 0  # nothing happened
    assert event_class([ev("190")]) == 4
    assert event_class([ev("145")]) == 4  # protest: material conflict for ICEWS (GDELT says verbal)
    assert event_class([ev("090")]) == 3  # investigate: verbal conflict for ICEWS (GDELT: material coop)
    assert event_class([ev("0831", confidence=0.4), ev("112", confidence=0.6)]) == 3
    assert (
        top_event([ev("042", confidence=0.3), ev("036", confidence=0.3)])["cameo"] == "042"
    )  # first on a tie


def test_class_metrics_match_a_confusion_matrix_computed_by_hand():
    gold = [0, 0, 1, 1, 2, 3, 3, 4, 4, 4]
    pred = [0, 1, 1, 1, 0, 3, 4, 4, 4, 3]
    m = class_metrics(gold, pred)
    assert m.confusion == (
        (1, 1, 0, 0, 0),
        (0, 2, 0, 0, 0),
        (1, 0, 0, 0, 0),
        (0, 0, 0, 1, 1),
        (0, 0, 0, 1, 2),
    )
    assert [(c.tp, c.predicted, c.gold) for c in m.per_class] == [
        (1, 2, 2),
        (2, 3, 2),
        (0, 0, 1),
        (1, 2, 2),
        (2, 3, 3),
    ]
    assert m.per_class[1].precision == pytest.approx(2 / 3)
    assert m.per_class[1].f1 == pytest.approx(0.8)
    assert m.per_class[2].f1 == 0.0
    assert m.macro_f1 == pytest.approx((0.5 + 0.8 + 0 + 0.5 + 2 / 3) / 5)
    assert (m.accuracy.correct, m.accuracy.total) == (6, 10)


def test_score_of_a_class_file_counts_errors_and_their_rules(tmp_path):
    items = [GoldItem(f"s{i}", "text", f"f:{i}", label=label) for i, label in enumerate([4, 1, 0])]
    preds = [[ev("190")], [ev("112", confidence=0.9)], [ev("010")]]
    section = score(GoldSet("f", "conflibert-class", items), preds, seconds=2.0)
    assert section.classes is not None and section.classes.accuracy.correct == 2
    assert section.n_errors == 1
    (error,) = section.errors
    assert error.id == "s1" and "gold 1" in error.problem and "coded 3" in error.problem
    assert error.rules == ("test:112",) and section.error_rules == [("test:112", 1)]
    assert section.items_per_second == 1.5
    assert section.coverage.correct == 2 and section.gold_coverage.correct == 2


# --- metrics: spans -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Baghdad’s forces", "Baghdad 's forces", 1.0),
        ("the forces of Baghdad", "Baghdad's forces", 1.0),
        ("the U.S. military", "US military", 1.0),
        ("Iraqi troops", "troops", 0.5),
        ("the Croatian government's request", "Croatian", 1 / 3),
        ("it", "he", 0.0),
        ("the", "the", 0.0),
    ],
)
def test_span_jaccard_on_content_words(a, b, expected):
    assert span_jaccard(a, b) == pytest.approx(expected)


def test_content_words_drop_function_words_and_possessives():
    assert content_words("The Kurds' leaders, in Syria") == {"kurds", "leaders", "syria"}


def test_span_matching_is_greedy_and_one_to_one():
    gold = ["Iraqi troops", "Kurdish fighters"]
    pred = ["troops", "Iraqi troops", "fighters"]
    assert match_spans(gold, pred) == [(0, 1), (1, 2)]  # the exact match wins, "troops" is left over
    assert match_spans(["Iraqi troops"], ["troops", "the troops"]) == [(0, 0)]


def test_span_metrics_count_reciprocal_spans_as_source_and_target():
    item = GoldItem(
        "s",
        "Iraqi troops and Turkey attacked Kurdish fighters.",
        "f:1",
        spans=(
            GoldSpan("source", "Iraqi troops", 0, 12),
            GoldSpan("both", "Turkey", 17, 23),
            GoldSpan("target", "Kurdish fighters", 33, 49),
        ),
    )
    events = [
        ev("190", "IRQ:Iraqi troops", "TUR:Turkey"),
        ev("190", "TUR:Turkey", "---:the Kurdish fighters"),
        ev("190", "IRQ:Iraqi troops", "---:Kurdish fighters"),
    ]
    m = span_metrics([item], [events])
    assert (m.source.tp, m.source.predicted, m.source.gold) == (2, 2, 2)
    # "the Kurdish fighters" and "Kurdish fighters" are distinct texts: the second one is surplus
    assert (m.target.tp, m.target.predicted, m.target.gold) == (2, 3, 2)
    assert m.target.precision == pytest.approx(2 / 3) and m.target.recall == 1.0


def test_the_parties_of_a_mutual_act_are_in_both_roles():
    # the span files mark both sides of a meeting reciprocal (R); a mutual event's two parties
    # are each other's counterparts, so each counts as a source and as a target
    item = GoldItem(
        "s",
        "Putin met Erdogan in Ankara.",
        "f:1",
        spans=(GoldSpan("both", "Putin", 0, 5), GoldSpan("both", "Erdogan", 10, 17)),
    )
    meeting = ev("040", "RUS:Putin", "TUR:Erdogan", mutual=True)
    m = span_metrics([item], [[meeting]])
    assert (m.source.tp, m.source.predicted, m.target.tp, m.target.predicted) == (2, 2, 2, 2)
    # a directed act keeps its roles: the visitor is no target, the host no source
    visit = ev("042", "RUS:Putin", "TUR:Erdogan", mutual=False)
    m = span_metrics([item], [[visit]])
    assert (m.source.tp, m.source.predicted, m.target.tp, m.target.predicted) == (1, 1, 1, 1)


# --- metrics: events --------------------------------------------------------------------------------


def _gold_items(tmp_path: Path) -> list[GoldItem]:
    lines = [
        {
            "id": "a",
            "text": "Russian forces shelled Kharkiv on Thursday; Kyiv accused Moscow of war crimes.",
            "date": "2024-03-15",
            "tags": ["passive"],
            "events": [
                {
                    "source": {"country": "RUS"},
                    "target": {"country": "UKR"},
                    "cameo": "190",
                    "date": "2024-03-14",
                    "location": {"name": "Kharkiv", "country": "UKR"},
                },
                {
                    "source": {"country": "UKR"},
                    "target": {"country": "RUS"},
                    "cameo": "112",
                    "modality": "reported",
                },
            ],
        },
        {
            "id": "b",
            "text": "Russia did not attack Ukraine.",
            "tags": ["negation"],
            "events": [
                {"source": {"country": "RUS"}, "target": {"country": "UKR"}, "cameo": "190", "negated": True}
            ],
        },
        {
            "id": "c",
            "text": "Russia met Ukraine.",
            "events": [{"source": {"country": "RUS"}, "target": {"country": "UKR"}, "cameo": "190"}],
        },
    ]
    path = write(tmp_path, "g.jsonl", "\n".join(json.dumps(x) for x in lines))
    return read_gold(path).items


def test_event_metrics_on_hand_built_predictions(tmp_path):
    items = _gold_items(tmp_path)
    kharkiv = {"name": "Kharkiv", "country": "UKR", "lat": 50.0, "lon": 36.2}
    preds = [
        [
            ev("193", "RUS", "UKR", 0.6, date="2024-03-14", date_precision="day", location=kharkiv),
            ev("111", "UKR", "RUS", 0.5),  # root 11 matches 112; modality asserted, gold says reported
            ev("042", "USA", "RUS", 0.4),  # spurious
        ],
        [ev("190", "RUS", "UKR", 0.5)],  # matched, but the negation was missed
        [ev("042", "RUS", "UKR", 0.5)],  # wrong root: no match, yet both countries are right
    ]
    m = event_metrics(items, preds)
    assert (m.events.tp, m.events.predicted, m.events.gold) == (3, 5, 4)
    assert (m.exact_code.correct, m.exact_code.total) == (1, 3)  # only item b's 190
    assert (m.source_country.correct, m.source_country.total) == (4, 4)
    assert (m.target_country.correct, m.target_country.total) == (4, 4)
    f = {k: (r.correct, r.total) for k, r in m.fields.items()}
    assert f["date"] == (1, 1) and f["date_precision"] == (1, 1) and f["location"] == (1, 1)
    assert f["modality"] == (0, 1)
    assert f["negated"] == (0, 1)
    assert f["historical"] == (0, 0) and m.fields["historical"].value is None  # never annotated
    tags = event_metrics_by_tag(items, preds)
    assert set(tags) == {"passive", "negation", "(untagged)"}
    assert tags["negation"].fields["negated"].correct == 0 and tags["negation"].events.tp == 1
    assert (tags["(untagged)"].events.tp, tags["(untagged)"].events.gold) == (0, 1)
    assert tags["passive"].events.precision == pytest.approx(2 / 3)
    errors, rules, n = find_errors(GoldSet("g", "detente", items), preds)
    assert n == 3 and {e.id for e in errors} == {"a", "b", "c"}
    assert ("test:042", 2) in rules


def test_event_matching_is_null_safe(tmp_path):
    path = write(
        tmp_path,
        "g.jsonl",
        json.dumps(
            {
                "id": "x",
                "text": "Gunmen attacked a village.",
                "events": [{"source": None, "target": None, "cameo": "190"}],
            }
        ),
    )
    items = read_gold(path).items
    assert event_metrics(items, [[ev("190")]]).events.tp == 1
    assert event_metrics(items, [[ev("190", "NGA")]]).events.tp == 0


def test_texts_without_gold_events_should_stay_empty(tmp_path):
    line = {"id": "q", "text": "The minister said the weather was mild.", "events": []}
    items = read_gold(write(tmp_path, "g.jsonl", json.dumps(line))).items
    assert event_metrics(items, [[ev("010")]]).no_event_texts.correct == 1  # a statement is fine
    m = event_metrics(items, [[ev("190", "RUS")]])
    assert (m.no_event_texts.correct, m.no_event_texts.total) == (0, 1)
    assert m.events.precision == 0.0 and m.events.recall is None and m.events.f1 == 0.0


# --- metrics: PLOVER and coverage ----------------------------------------------------------------


def test_plover_metrics_on_hand_built_predictions():
    def item(
        event: str, sources: list[tuple[str, str | None]], targets: list[tuple[str, str | None]]
    ) -> GoldItem:
        def actors(xs: list[tuple[str, str | None]]) -> tuple[GoldActor, ...]:
            return tuple(GoldActor(None, country, None, code) for code, country in xs)

        return GoldItem(
            event, "t", "f#0", plover=PloverGold(event, event, None, actors(sources), actors(targets))
        )

    items = [
        item("ASSAULT", [("ISR", "ISR")], [("PSE", "PSE")]),
        item("REQUEST", [("HUN", "HUN"), ("ROU", "ROU")], [("IGO", None)]),
        item("AGREE", [("IGO", None)], []),
        item("ACCUSE", [("USA", "USA")], [("IRQ", "IRQ")]),
    ]
    preds = [
        [ev("190", "ISR", "LBN", 0.7)],
        [ev("010", "ROU", None, 0.9), ev("020", "ROU", None, 0.3)],  # the second gold source counts
        [ev("057", "SYR", None, 0.2), ev("036", "SYR", None, 0.1)],  # AGREE only in a weaker event
        [],
    ]
    m = plover_metrics(items, preds)
    assert (m.type_top.correct, m.type_top.total) == (2, 4)
    assert (m.type_any.correct, m.type_any.total) == (3, 4)
    assert (m.source_country.correct, m.source_country.total) == (2, 3)  # item 3 has no country source
    assert (m.target_country.correct, m.target_country.total) == (0, 2)
    assert (m.non_country_sources, m.non_country_targets) == (1, 1)
    assert m.non_country_codes == {"IGO": 2}
    assert m.confusion["AGREE"] == {"SUPPORT": 1} and m.confusion["ACCUSE"] == {"(no type)": 1}
    assert m.per_type["ASSAULT"].value == 1.0


def test_coverage_ignores_plain_statements():
    c = coverage([[ev("010")], [ev("010"), ev("190", negated=True)], [], [ev("042")]])
    assert (c.correct, c.total) == (2, 4)


# --- the command, end to end --------------------------------------------------------------------

E2E_GOLD = [
    {
        "id": "attack",
        "text": "Russian troops attacked Ukrainian positions near Kharkiv on Thursday.",
        "date": "2024-03-15",
        "tags": ["location"],
        "events": [
            {
                "source": {"text": "Russian troops", "country": "RUS", "sector": "MIL"},
                "target": {"text": "Ukrainian positions", "country": "UKR", "sector": None},
                "cameo": "190",
                "date": "2024-03-14",
                "location": {"name": "Kharkiv", "country": "UKR"},
            }
        ],
    },
    {
        "id": "accuse",
        "text": "Iran accused Israel of espionage after the arrest of two engineers.",
        "date": "2024-03-15",
        "tags": ["nominal-trigger"],
        "events": [
            {
                "source": {"text": "Iran", "country": "IRN"},
                "target": {"text": "Israel", "country": "ISR"},
                "cameo": "1125",
            }
        ],
    },
    {
        "id": "nothing",
        "text": "The weather in the capital was mild for the season.",
        "date": "2024-03-15",
        "events": [],
    },
]


def test_evaluate_command_end_to_end_with_the_real_pipeline(tmp_path, pipeline):
    gold_path = write(tmp_path, "mine.jsonl", "\n".join(json.dumps(x) for x in E2E_GOLD) + "\n")
    out_dir = tmp_path / "report"
    result = CliRunner().invoke(evaluate_cmd, [str(gold_path), "--report", str(out_dir)])
    assert result.exit_code == 0, result.output
    assert "mine.jsonl" in result.output and "events: P " in result.output
    md, js = out_dir / "report.md", out_dir / "report.json"
    assert md.is_file() and js.is_file()
    report = json.loads(js.read_text())
    (section,) = report["sections"]
    assert section["format"] == "detente" and section["items"] == 3
    events = section["events"]["events"]
    assert 0.0 <= events["precision"] <= 1.0 and events["gold"] == 2
    assert set(section["events_by_tag"]) == {"location", "nominal-trigger", "(untagged)"}
    assert section["speed"]["items_per_second"] > 0
    # the report holds what the metrics give for the same pipeline's events
    gold = read_gold(gold_path)
    preds, _ = code_items(gold.items, pipeline)
    expected = score(gold, preds, 1.0)
    assert events == expected.events.events.to_dict()
    assert section["coverage"] == expected.coverage.to_dict()
    assert section["n_errors"] == expected.n_errors and len(section["errors"]) == expected.n_errors
    text = md.read_text()
    assert f"P {num(expected.events.events.precision)}" in text and "Events by tag" in text
    assert f"| location | 1 | {num(expected.events_by_tag['location'].events.precision)}" in text
    assert format_markdown([expected], {}).count("## mine.jsonl") == 1


def test_evaluate_command_reports_bad_gold_with_file_and_line(tmp_path):
    gold_path = write(tmp_path, "bad.jsonl", json.dumps(GOOD_LINE) + '\n{"id": "z", "text": "t"}\n')
    result = CliRunner().invoke(evaluate_cmd, [str(gold_path)])
    assert result.exit_code != 0
    assert f"{gold_path}:2: missing 'events'" in result.output


@pytest.mark.shared
def test_evaluate_command_on_the_shared_conflibert_class_file(tmp_path):
    source = SHARED / "data" / "conflibert_train" / "cameo_class_train.tsv"
    if not source.is_file():
        pytest.skip(f"the shared ConfliBERT class file is absent ({source})")
    with source.open("rb") as f:
        head = b"".join(f.readline() for _ in range(100))
    gold_path = tmp_path / "class100.tsv"
    gold_path.write_bytes(head)
    result = CliRunner().invoke(evaluate_cmd, [str(gold_path), "--report", str(tmp_path / "r")])
    assert result.exit_code == 0, result.output
    found = re.search(r"macro-F1 (\d+\.\d+)", result.output)
    assert found, result.output
    assert 0.0 < float(found.group(1)) < 1.0
    report = json.loads((tmp_path / "r" / "report.json").read_text())
    assert report["sections"][0]["classes"]["accuracy"]["total"] == 100


def test_the_documented_example_of_the_own_format_is_valid(tmp_path):
    doc = (Path(__file__).resolve().parents[1] / "docs" / "evaluation.md").read_text(encoding="utf-8")
    block = re.search(r"### Detente's own format.*?```json\n(.*?)```", doc, re.S)
    assert block, "docs/evaluation.md lost its example of the own gold format"
    gold = read_gold(write(tmp_path, "doc.jsonl", block.group(1)))
    assert [i.id for i in gold.items] == ["sahel-7", "quiet-1"]
    assert gold.items[0].events[0].cameo == "161" and gold.items[1].events == ()
