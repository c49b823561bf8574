"""Parties of promised releases and meetings (CAMEO 03, 0841) that the actor lexicon does not know.

Each test states one cause of a missed target; the sentences are the project's own.
"""

from __future__ import annotations


def _targets(ev, trigger):
    return [e.target.text for e in ev if e.evidence.trigger.text == trigger and e.target is not None]


def test_people_promised_release_are_the_target_without_how_they_are_held(code):
    # "shepherds" names no actor; the participle telling how they are held is no part of who
    ev = code("The Taliban said they would release two shepherds held by them since May.")
    assert any(e.cameo == "0353" for e in ev), ev
    assert _targets(ev, "release") == ["two shepherds"], ev


def test_each_person_freed_is_a_target_known_actor_or_not(code):
    ev = code("The Taliban freed a kidnapped surveyor and a French citizen.")
    assert sorted(_targets(ev, "freed")) == ["a French citizen", "a kidnapped surveyor"], ev


def test_a_person_to_be_met_beats_a_country_named_in_the_purpose_clause(code):
    # an unknown full name under the meeting's "with" is whom the meeting is with, not the
    # country whose policy the purpose clause names
    ev = code(
        "French President Emmanuel Macron has accepted an invitation to meet with Marta Oyelaran"
        " to discuss Brazil's trade policy."
    )
    assert _targets(ev, "accepted") == ["Marta Oyelaran"], ev


def test_where_the_doers_own_troops_are_pulled_from_is_the_target(code):
    # the troops are the doer's own (no party); the unnamed territory they leave is
    ev = code("Honduras agreed to withdraw its troops from a buffer zone along the border.")
    assert any(e.cameo == "0356" for e in ev), ev
    found = _targets(ev, "withdraw")
    assert len(found) == 1 and found[0].startswith("a buffer zone"), ev


def test_a_listed_party_named_by_a_quantity_of_an_actor_is_a_party_too(code):
    # "a group of Chadian rebels", "a section of the rebels": the list's later member is the
    # actor its "of" phrase names, so both sides of the agreement are each other's counterparts
    for text in (
        "Sudan and a group of Chadian rebels agreed to hold talks.",
        "Sudan and a section of the Chadian rebels agreed to hold talks.",
    ):
        ev = code(text)
        hits = [e for e in ev if e.cameo[:2] == "03" and e.target is not None]
        assert hits and "reciprocal" in " ".join(hits[0].evidence.notes), ev
        assert {hits[0].source.actor.country, hits[0].target.actor.country} == {"SDN", "TCD"}, ev
