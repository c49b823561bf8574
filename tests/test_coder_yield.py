"""Targets of yielding acts (CAMEO 08 and the like): ending a strike, declaring a ceasefire.

The sentences are the project's own.
"""

from __future__ import annotations


def _ended(events, trigger: str):
    return [e for e in events if e.evidence.trigger.text == trigger and e.source is not None]


def test_the_doers_own_government_named_in_the_sentence_is_whom_they_yield_to(code):
    # Doers placed in their country yield to that country; when the sentence names its
    # government (here in a clause that only dates the act), that mention is the recipient.
    ev = code(
        "Opposition activists in Sudan agreed to end the strike after the Sudanese government "
        "promised to hold elections."
    )
    hits = _ended(ev, "end")
    assert hits and hits[0].target is not None, ev
    assert hits[0].target.text == "the Sudanese government", ev
    assert hits[0].target.actor.code == "SDNGOV"
    # no government named: the country stands
    ev = code("Opposition activists in Sudan agreed to end the strike on Monday.")
    hits = _ended(ev, "end")
    assert hits and hits[0].target is not None and hits[0].target.text == "Sudan", ev


def test_an_armed_group_disarmed_with_no_agent_is_the_one_that_disarms(code):
    # "militiamen were disarmed": the armed group lays down its arms (PLOVER RETREAT's source),
    # in the place its own phrase names; a fraction of them is still them.
    ev = code("Hundreds of militiamen in Liberia were disarmed last week.")
    hits = _ended(ev, "disarmed")
    assert hits and hits[0].source.actor.code == "LBRUAF", ev
    assert hits[0].target is not None and hits[0].target.actor.code == "LBR", ev
    ev = code("One third of the rebel fighters in Liberia have been demobilized since the accord.")
    hits = _ended(ev, "demobilized")
    assert hits and hits[0].source.actor.code == "LBRREB", ev
    # with an agent, the agent disarms them
    ev = code("Hundreds of militiamen in Liberia were disarmed by Liberian soldiers last week.")
    hits = _ended(ev, "disarmed")
    assert hits and hits[0].source.actor.code == "LBRMIL", ev
    assert hits[0].target is not None and hits[0].target.actor.code == "LBRUAF", ev
