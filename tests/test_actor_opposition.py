"""Opponents and critics of a government are its opposition (agents.tsv OPP).

The sentences are the project's own.
"""

from __future__ import annotations

from test_actors import codes


def test_opponents_and_critics_of_a_government_are_its_opposition(pipeline):
    # Without the sector noun the phrase named no actor and the clash had no doer.
    found = codes(pipeline, "Critics of the Kenyan government clashed with police in Nairobi.")
    assert found["Critics of the Kenyan government"] == "KENOPP", found
    found = codes(pipeline, "Opponents of President Maduro marched in Caracas on Sunday.")
    assert found["Opponents of President Maduro"] == "VENOPP", found


def test_a_clash_by_a_governments_opponents_is_coded(code):
    ev = code("Political opponents of the Kenyan government clashed with police in Nairobi on Friday.")
    hits = [e for e in ev if e.evidence.trigger.text == "clashed" and e.source is not None]
    assert hits and hits[0].source.actor.code == "KENOPP", ev
    assert hits[0].target is not None and hits[0].target.actor.code == "KENCOP", ev
