"""Rejections, disapproval, demands and threats (CAMEO 10-13): whom or what they are aimed at.

Each test states one cause; the sentences are the project's own.
"""

from __future__ import annotations

from detente.evaluate.metrics import top_event


def _top(ev):
    return top_event([e.to_dict() for e in ev])


def test_a_rejected_thing_that_names_no_actor_is_the_target(code):
    ev = code("The Kenyan parliament rejected the regional assembly decision on Tuesday.")
    top = _top(ev)
    assert top is not None and top["cameo"][:2] == "12", ev
    assert top["target"] is not None and top["target"]["text"] == "the regional assembly decision", ev
    ev = code("The Chilean president firmly rejected any armed solution to the border dispute.")
    top = _top(ev)
    assert top is not None and top["cameo"][:2] == "12", ev
    assert top["target"] is not None
    assert top["target"]["text"] == "any armed solution to the border dispute", ev


def test_a_rejected_announcement_keeps_its_that_clause_up_to_the_comma(code):
    ev = code(
        "The Kenyan opposition rejected the announcement that the president had won the vote, "
        "saying it would go to court."
    )
    top = _top(ev)
    assert top is not None and top["cameo"][:2] == "12", ev
    assert top["target"] is not None
    assert top["target"]["text"] == "the announcement that the president had won the vote", ev


def test_a_proposal_laid_out_by_an_institution_of_no_known_country_is_its_makers(code):
    ev = code("The president had rejected several proposals drawn up by the National Assembly last year.")
    top = _top(ev)
    assert top is not None and top["cameo"][:2] == "12", ev
    assert top["target"] is not None
    assert top["target"]["text"] == "several proposals drawn up by the National Assembly", ev


def test_a_rejected_move_told_before_is_aimed_at_its_doer(code):
    ev = code("The Kenyan court opened an inquiry into the Ugandan army, a move that Uganda rejected.")
    rejections = [e for e in ev if e.cameo_root == "12"]
    assert rejections, ev
    assert rejections[0].target is None or rejections[0].target.text != "a move", ev


def test_an_accused_thing_is_the_target_without_the_charge(code):
    ev = code("The Kenyan senate accused the new tax law of hurting small farmers in Kenya.")
    top = _top(ev)
    assert top is not None and top["cameo"][:3] == "112", ev
    assert top["target"] is not None and top["target"]["text"] == "the new tax law", ev


def test_a_pronoun_for_the_owner_of_the_doers_office_is_the_doer(code):
    # the office speaks for its owner, a person the knowledge base does not know
    ev = code("Wakamba's office declined to comment on his campaign spending.")
    top = _top(ev)
    assert top is not None and top["cameo"] == "011", ev
    assert top["source"]["text"] == "Wakamba's office", ev
    assert top["target"] is None, ev
