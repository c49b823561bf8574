"""Investigations (CAMEO 09) and coercion (16, 17): who acts and on whom when the text leaves
one side unnamed or names only a place.

Each test states one cause of a missed source or target; the sentences are the project's own.
"""

from __future__ import annotations


def test_an_agentless_arrest_is_done_by_the_place_it_happened_in(code):
    ev = code("Two opposition journalists were arrested in Kenya on Friday.")
    hits = [e for e in ev if e.cameo_root == "17"]
    assert hits and hits[0].source is not None, ev
    # the authorities there are unnamed; the place phrase of the verb stands for them
    assert hits[0].source.text == "Kenya" and hits[0].source.actor.code == "KENCOP"
    assert hits[0].source.rule == "place-unnamed-doer"
    ev = code("The former minister is being investigated in Italy for corruption.")
    hits = [e for e in ev if e.cameo_root == "09"]
    assert hits and hits[0].source is not None and hits[0].source.text == "Italy", ev


def test_a_place_further_down_is_not_the_arresting_authority(code):
    ev = code("Two students who had studied in Kenya were arrested on Friday.")
    hits = [e for e in ev if e.cameo_root == "17"]
    # the place is where the students studied, not where they were arrested
    assert not hits or hits[0].source is None or hits[0].source.text != "Kenya", ev
