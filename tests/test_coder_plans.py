"""What a plan, initiative or effort sets out to do is done by its owner (coder._plan_owner);
what a document says was done is done by who issued it (coder.communication_author).

The sentences are the project's own.
"""

from __future__ import annotations

from conftest import find


def test_an_announced_initiative_is_done_by_its_announcer(code):
    ev = code("Egypt unveiled an initiative to end the fighting in Sudan.")
    hits = find(ev, "EGY", "SDN", "08")
    assert hits, ev
    assert any("owner of the initiative" in n for n in hits[0].evidence.notes)


def test_a_possessed_effort_is_its_possessors(code):
    ev = code("Qatar's efforts to mediate between Ethiopia and Eritrea continued on Monday.")
    assert find(ev, "QAT", "ETH") or find(ev, "QAT", "ERI"), ev


def test_an_announced_plan_is_the_owners_intent(code):
    ev = code("Jordan announced a plan to withdraw its troops from Syria.")
    hits = find(ev, "JOR", "SYR", "03")
    assert hits, ev
    assert hits[0].modality == "intended"


def test_no_plans_is_no_intent(code):
    ev = code("Poland has no plans to send troops to Ukraine.")
    assert not [e for e in find(ev, "POL", "UKR") if not e.negated], ev


def test_a_rejected_plan_is_not_the_rejecters_deed(code):
    ev = code("Iran rejected a plan to withdraw its troops from Syria.")
    assert find(ev, "IRN", None, "12"), ev
    assert not [e for e in find(ev, "IRN") if e.cameo_root in ("03", "08")], ev


def test_a_passive_told_in_an_issued_statement_is_the_issuers(code):
    # coder.communication_author: the document has no possessor or "from" phrase; the one who
    # issued it (the subject of "issued") did what it says was done to the ambassador
    ev = code(
        "The Kenyan foreign ministry issued a statement saying the Somali ambassador had been expelled."
    )
    hits = find(ev, "KEN", "SOM", "16")
    assert hits, ev
