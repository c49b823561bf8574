"""Statements (CAMEO 01) and the acts they are about: whom a weighed gift would reach, where a
claimed deed struck, and the deaths condolences are offered for.

The sentences are the project's own; each event has a known doer, so it does not depend on the
sentence classifier keeping it.
"""

from __future__ import annotations

from conftest import find


def test_a_weighed_gift_is_about_its_recipient_even_one_naming_no_actor(code):
    ev = code("The German government is considering giving money to local communities.")
    hits = [e for e in find(ev, "DEU", None, "01") if e.evidence.trigger.text == "considering"]
    assert hits and hits[0].target is not None and hits[0].target.text == "local communities", ev
    assert "weighed-gift-recipient" in " ".join(hits[0].evidence.notes)
    assert not find(ev, None, None, "07"), ev  # only weighed: no gift is coded


def test_a_claimed_deed_named_by_its_place_struck_that_place(code):
    ev = code("The Taliban claimed responsibility for the Kabul attack.")
    hits = [e for e in ev if e.cameo == "015"]
    assert hits and hits[0].target is not None and hits[0].target.text == "Kabul", ev
    assert "claimed-deed-modifier" in " ".join(hits[0].evidence.notes)


def test_the_message_a_claim_is_made_in_is_not_where_the_deed_struck(code):
    ev = code("The Taliban claimed responsibility for the attack in a statement.")
    hits = [e for e in ev if e.cameo == "015"]
    assert hits and (hits[0].target is None or "statement" not in hits[0].target.text), ev


def test_deaths_condolences_are_offered_for_are_not_coded_apart(code):
    ev = code(
        "The Turkish president expressed condolences to the families of those who died in the Kabul bombing."
    )
    hits = [e for e in find(ev, "TUR", None, "01") if e.cameo == "018"]
    assert hits and hits[0].target is not None and "families" in hits[0].target.text, ev
    assert not [e for e in ev if e.cameo_root in ("18", "19", "20")], ev


def test_an_attack_condolences_are_offered_over_stays_an_event_beside_them(code):
    # only the act told inside the phrase naming the mourned goes, not a separate report
    ev = code(
        "The Turkish president expressed condolences to Afghanistan, and Taliban fighters attacked Kabul."
    )
    assert [e for e in ev if e.cameo == "018"], ev
    assert [e for e in ev if e.cameo_root in ("18", "19")], ev
