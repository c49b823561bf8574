"""Which CAMEO code (and so PLOVER type) an event gets: peacekeepers withdrawn (CAMEO 1661, not a
retreat). Sentences written for these tests."""

from __future__ import annotations

from conftest import find


def test_peacekeepers_withdrawn_from_a_place_are_a_withdrawal_of_peacekeepers(code):
    # CAMEO 1661 (expel or withdraw peacekeepers, PLOVER SANCTION), not a military retreat (0874):
    # the place they leave does not make it one
    ev = code("Kenya pulled out its peacekeepers from Somalia on Monday.")
    hits = find(ev, "KEN", "SOM")
    assert hits and hits[0].cameo == "1661", ev
    # troops are still a retreat
    ev = code("Kenya withdrew its troops from Somalia on Monday.")
    assert [e.cameo for e in find(ev, "KEN", "SOM")] == ["0874"], ev


def test_peacekeepers_withdrawn_in_the_passive_are_their_owners_act(code):
    for text in (
        "Two hundred Kenyan peacekeepers were withdrawn from Somalia on Monday.",
        "Eighty Kenyan peacekeepers were shipped out of the Somali port of Kismayo on Friday.",
    ):
        ev = code(text)
        hits = [e for e in ev if e.cameo == "1661"]
        assert hits and hits[0].source.actor.country == "KEN", ev
        assert hits[0].target is not None and hits[0].target.actor.country == "SOM", ev
    # an expulsion stays the host state's act
    ev = code("Kenyan peacekeepers were expelled from Somalia on Monday.")
    hits = [e for e in ev if e.cameo == "1661"]
    assert hits and hits[0].source.actor.country == "SOM", ev
