"""PLOVER types: the CAMEO->PLOVER crosswalk and the coder rules that decide which PLOVER type a
sentence's top event gets. Sentences written for these tests."""

from __future__ import annotations

from detente.coding import tables
from detente.evaluate.metrics import top_event


def _top_type(events) -> str | None:
    top = top_event([e.to_dict() for e in events])
    return top.get("plover") if top else None


def test_a_resignation_is_retreat_and_easing_a_curfew_is_a_concession(code):
    assert (tables.lookup("0831").plover, tables.lookup("0831").plover_mode) == ("RETREAT", "resign")
    for sub in ("0813", "0814"):  # like their parent 081, ease administrative sanctions
        assert tables.lookup(sub).plover == tables.lookup("081").plover == "CONCEDE"
    assert _top_type(code("Peru's interior minister resigned on Tuesday.")) == "RETREAT"
    assert _top_type(code("Chile lifted the curfew in Santiago on Monday.")) == "CONCEDE"


def test_allowing_an_actor_to_act_is_yielding_but_letting_a_thing_happen_is_not(code):
    ev = code("Kenya allowed Somali refugees to cross the border on Monday.")
    hits = [e for e in ev if e.cameo == "080"]
    assert hits and hits[0].source.actor.code == "KEN", ev
    assert _top_type(ev) == "CONCEDE"
    assert _top_type(code("Ghana will allow the opposition to hold its rally in Accra.")) == "AGREE"
    for text in (
        "Chile will allow the resolution to pass.",
        "Kenya permitted the construction of a new bridge.",
    ):
        ev = code(text)
        assert not [e for e in ev if e.cameo[:2] in ("03", "08")], ev
