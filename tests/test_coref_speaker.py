"""A "they"/"it" subject of what a speaker reports, with nothing earlier to refer to, is the
speaker's side ("the union chief said they will boycott the talks")."""

from __future__ import annotations

from conftest import find


def test_they_after_a_named_spokesman_is_his_side(code):
    ev = code(
        "Kenyan teachers' union chief Wilson Sossion said they will boycott the talks with the government."
    )
    hits = find(ev, "KEN", None, "12")
    assert hits, ev
    assert hits[0].source.text == "Kenyan teachers' union chief Wilson Sossion"


def test_they_after_an_unnamed_leader_is_his_side(code):
    ev = code("The leader of the Kenyan nurses' union said they will not end the strike.")
    hits = [e for e in ev if e.cameo_root == "12"]
    assert hits and hits[0].source is not None, ev
    assert hits[0].source.text == "The leader of the Kenyan nurses' union"


def test_an_earlier_plural_mention_comes_first(code):
    # the speaker is only a fallback: "they" goes back to the doctors named before
    ev = code(
        "Kenyan doctors walked out on Monday, and the health minister said they will end the strike soon."
    )
    assert not [e for e in ev if e.source is not None and e.source.text == "the health minister"], ev


def test_it_is_never_a_person_speaker(code):
    ev = code("Kenyan union chief Wilson Sossion said it will boycott the talks with the government.")
    assert not [e for e in ev if e.source is not None and "Sossion" in e.source.text], ev
