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
