"""Sentences the rules used to leave without any event, and which event speaks for a sentence.

Each test states a general rule of the coder on sentences written for these tests.
"""

from __future__ import annotations

from conftest import find


def test_pronoun_subject_of_a_reported_clause_is_the_speaker(code):
    ev = code("Peruvian officials said on Monday they would release the Chilean fishermen.")
    hits = find(ev, "PER", "CHL", "03")
    assert hits, ev
    assert hits[0].modality == "intended"
    assert "pronoun subject" in " ".join(hits[0].evidence.notes)


def test_nominalisation_under_a_light_verb_takes_its_verbs_code(code):
    ev = code("Norway announced a suspension of aid to Zambia on Tuesday.")
    hits = find(ev, "NOR", "ZMB", "16")
    assert hits and hits[0].cameo == "162", ev
    assert "nominals.tsv" in hits[0].evidence.rule and "verbs.tsv" in hits[0].evidence.rule


def test_owned_nominalisation_is_an_event_with_its_of_object_as_target(code):
    ev = code("Ghana's expulsion of Nigerian diplomats surprised observers.")
    hits = find(ev, "GHA", "NGA", "16")
    assert hits and hits[0].cameo == "161", ev


def test_a_collective_object_is_read_through_to_its_members(code):
    ev = code("Chile sent a team of medical experts to Bolivia.")
    hits = find(ev, "CHL", "BOL", "07")
    assert hits and hits[0].cameo == "073", ev
    ev = code("Ghana and Togo started a new round of joint naval exercises.")
    assert find(ev, "GHA", "TGO", "06"), ev
