"""Verb patterns the parser hides: a verdict's small clause ("found X guilty"), an object shifted
after the "to" phrase ("returned to X last week 21 artefacts"), a collective object ("a slate of
petitions")."""

from __future__ import annotations

from conftest import find
from detente.coding.repairs import attach_adjective_particles, reattach_shifted_objects


def test_found_guilty_makes_the_one_judged_the_object(pipeline):
    # the parser reads "the former minister guilty" as a clause of its own under "found"
    doc = attach_adjective_particles(pipeline.nlp("A Paris court found the former minister guilty of fraud."))
    found = next(t for t in doc if t.lower_ == "found")
    minister = next(t for t in doc if t.lower_ == "minister")
    guilty = next(t for t in doc if t.lower_ == "guilty")
    assert minister.head == found and minister.dep_ == "dobj"
    assert guilty.head == found and guilty.dep_ == "prt"
    assert not [c for c in found.children if c.dep_ == "nsubj" and c.i > found.i]


def test_a_court_finding_an_official_guilty_is_a_verdict_on_him(code):
    ev = code("A Paris court found the former Lebanese minister guilty of corruption on Tuesday.")
    hits = find(ev, "FRA", "LBN", "11")
    assert hits and hits[0].cameo == "116", ev
    assert hits[0].target.text == "the former Lebanese minister"


def test_a_verdict_on_a_counted_object(code):
    # the parser hangs "guilty" on the object as its modifier
    ev = code("A Kenyan military tribunal found three Somali pirates guilty of hijacking on Monday.")
    hits = [e for e in ev if e.cameo == "116"]
    assert hits and hits[0].target is not None and hits[0].target.text == "three Somali pirates", ev


def test_an_object_shifted_after_the_to_phrase_is_the_verbs(pipeline):
    text = "The Italian police returned to Egypt last Monday 21 statues from a Pharaonic tomb."
    doc = reattach_shifted_objects(pipeline.entity_typer(pipeline.nlp(text)))
    statues = next(t for t in doc if t.lower_ == "statues")
    assert statues.head.lower_ == "returned" and statues.dep_ == "dobj"
    assert next(t for t in doc if t.lower_ == "monday").dep_ != "dobj"


def test_a_time_after_the_to_phrase_stays_a_time(pipeline):
    doc = reattach_shifted_objects(
        pipeline.entity_typer(pipeline.nlp("The army returned to the village three weeks later."))
    )
    assert next(t for t in doc if t.lower_ == "weeks").dep_ != "dobj"


def test_things_handed_back_after_the_to_phrase_go_to_its_country(code):
    ev = code("The Italian police returned to Egypt last Monday 21 statues from a Pharaonic tomb.")
    assert find(ev, "ITA", "EGY", "08"), ev


def test_a_slate_of_petitions_handed_to_a_body_is_an_appeal(code):
    ev = code("Kurdish lawmakers submitted a slate of petitions to the Iraqi parliament.")
    assert find(ev, "IRQ", "IRQ", "02") or find(ev, None, "IRQ", "02"), ev


def test_a_noun_after_a_semicolon_or_a_time_is_no_shifted_object(pipeline):
    for text, word in (
        (
            "Some of these Belgian militants returned to Iraq to seek to topple the government there; a goal"
            " they seem now to share with the rebels.",
            "goal",
        ),
        ("Turkey began an incursion into the enclave a day after intense bombardment.", "day"),
    ):
        doc = reattach_shifted_objects(pipeline.entity_typer(pipeline.nlp(text)))
        assert next(t for t in doc if t.lower_ == word).dep_ != "dobj", text
