"""Targets of giving, returning, releasing and easing (CAMEO 07 and 08).

Each test states one cause of a wrong or missed recipient; the sentences are the project's own.
"""

from __future__ import annotations

from conftest import find


def test_the_source_mention_is_never_also_the_target(code):
    # the passive agent of the participle is read again as the participle's "by" phrase
    ev = code("Money donated by the Danish is part of $2 million raised to rebuild the flooded school.")
    for e in ev:
        if e.source is not None and e.target is not None:
            assert (e.source.start, e.source.end) != (e.target.start, e.target.end), e


def test_releasing_a_report_frees_no_one(code):
    ev = code("Amnesty International released a report on prison conditions in Egypt on Tuesday.")
    assert not [e for e in ev if e.cameo.startswith("084")], ev
    ev = code("Iran has sold weapons to Syria, according to a report released by a Swedish institute.")
    assert not [e for e in ev if e.cameo.startswith("084")], ev


def test_what_is_handed_over_is_not_the_recipient(code):
    ev = code("Italy sent a group of health experts, blankets and food to the shelter on Sunday.")
    hits = [e for e in ev if e.cameo_root == "07"]
    assert hits and hits[0].target is not None, ev
    assert hits[0].target.text == "the shelter"


def test_a_recipient_naming_no_actor_still_receives(code):
    ev = code("Canada returned a painting by Dutch artist Jan Smit to its owner last week.")
    hits = [e for e in ev if e.cameo == "0842"]
    assert hits and hits[0].target is not None, ev
    assert hits[0].target.text == "its owner"


def test_a_gift_only_considered_stays_a_consideration(code):
    ev = code("The senator says he is considering giving money to the mayor's election campaign.")
    assert not [e for e in ev if e.cameo_root == "07"], ev


def test_a_recipient_phrase_placed_in_a_country_takes_that_country(code):
    ev = code(
        "Ghana is ready to contribute up to 800 troops to an international peace-keeping force in Mali,"
        " the defence minister said on Monday."
    )
    hits = [e for e in ev if e.target is not None]
    assert hits and hits[0].target.actor.country == "MLI", ev


def test_tariffs_on_an_amount_of_goods_target_the_goods_owner(code):
    ev = code("The EU cut tariffs on $3 billion of Brazil's exports.")
    hits = find(ev, None, "BRA", "08")
    assert hits, ev
    assert hits[0].target.text == "Brazil's exports"


def test_soldiers_set_free_are_captives_not_forces_sent(code):
    ev = code("The rebels freed 40 captured soldiers as part of a deal to release 200 fighters.")
    hits = [e for e in ev if e.evidence.trigger.text == "freed"]
    assert hits and hits[0].target is not None, ev
    assert hits[0].target.text == "40 captured soldiers"


def test_set_free_with_the_adjective_before_the_freed(code):
    ev = code("Iran set free two British sailors on Friday.")
    assert find(ev, "IRN", "GBR", "08"), ev


def test_let_free_read_as_a_clause_with_the_freed_as_its_subject(code):
    # the parser makes "free" a clause of its own whose subject is the person freed
    ev = code(
        "Iran finally let free the 45-year old Iranian-Canadian Kamran Ahmadi, who had been held"
        " in a jail in Tehran for a year."
    )
    hits = [e for e in ev if e.cameo == "0841"]
    assert hits and hits[0].source is not None and hits[0].source.text == "Iran", ev
    assert hits[0].target is not None and "Kamran Ahmadi" in hits[0].target.text


def test_a_dual_nationals_other_nationality_names_the_target(code):
    ev = code("Egypt released the Egyptian-Canadian Omar Hassan after two years in jail.")
    hits = find(ev, "EGY", "CAN", "08")
    assert hits, ev
    assert hits[0].target.text == "the Egyptian-Canadian Omar Hassan"


def test_a_purpose_clause_hung_on_the_object_places_the_aid(code):
    # the parser hangs "to fight ..." on "increase", not on the announcing verb
    ev = code(
        "Norway on Tuesday announced a large increase in funding to fight the cholera epidemic in Yemen."
    )
    assert find(ev, "NOR", "YEM", "07"), ev


def test_a_portion_of_what_is_given_says_what_is_given(code):
    # "some of the equipment", "most of the arms": the object is a portion (PORTION in
    # classes.tsv); what it is a portion of decides the aid row
    ev = code("Russia gave to Serbia some of the military equipment it had promised.")
    assert find(ev, "RUS", "SRB", "07"), ev
    ev = code("France sent most of the tanks to Chad last year.")
    assert find(ev, "FRA", "TCD", "07"), ev
