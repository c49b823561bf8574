"""How far a target's mention runs: the actor's own words, not what the sentence adds about
the act (its means, its place) after them.

The sentences are the project's own.
"""

from __future__ import annotations

from conftest import find


def _target_of(ev, trigger):
    hits = [e for e in ev if e.evidence.trigger.text == trigger and e.target is not None]
    assert hits, ev
    return hits


def test_a_means_participle_after_the_recipient_is_not_part_of_it(code):
    ev = code("Japan gave emergency aid to about 300 families using funds raised by a charity.")
    hits = _target_of(ev, "gave")
    assert hits[0].target.text == "about 300 families", hits[0].target.text
    # a participle that says who they are stays ("families living near the dam")
    ev = code("Japan gave emergency aid to about 300 families living near the dam.")
    hits = _target_of(ev, "gave")
    assert hits[0].target.text == "about 300 families living near the dam", hits[0].target.text


def test_coordinated_makers_of_a_demand_each_get_their_own_mention(code):
    ev = code("The Malian government rejected the Algerian and Moroccan demands on Monday.")
    hits = [e for e in ev if e.evidence.trigger.text == "rejected" and e.target is not None]
    texts = sorted(e.target.text for e in hits)
    assert texts == ["Moroccan demands", "the Algerian"], texts
    assert {e.target.actor.country for e in hits} == {"DZA", "MAR"}


def test_a_thing_named_by_its_owner_ends_before_its_place(code):
    ev = code("Canada offered logistical support to Ghanaian operations in the northern region.")
    hits = find(ev, "CAN", "GHA")
    assert hits, ev
    assert hits[0].target.text == "Ghanaian operations", hits[0].target.text


def test_an_owned_topic_ends_before_its_place(code):
    # the owner is the commenter's own country: the topic is a thing, its mention the owned noun
    ev = code("The Ugandan president defended Uganda's involvement in the regional oil sector.")
    hits = _target_of(ev, "defended")
    assert hits[0].target.text == "Uganda's involvement", hits[0].target.text
    ev = code(
        "Kenya's foreign minister voiced doubts about the new cabinet's commitment to the peace process."
    )
    hits = _target_of(ev, "voiced")
    assert hits[0].target.text == "the new cabinet's commitment", hits[0].target.text


def test_a_list_parsed_as_an_apposition_is_not_one_mention(code):
    # the parser reads "the Ghana Police, Department of ..." as one name and its apposition
    ev = code(
        "The Ghana Armed Forces on Monday reaffirmed its commitment to support the Ghana Police,"
        " Department of Immigration Services (DIS) and other security agencies with aerial intelligence."
    )
    texts = [e.target.text for e in ev if e.target is not None]
    assert "the Ghana Police" in texts, texts
    assert not any("Police, Department" in t for t in texts), texts


def test_a_restrictive_like_phrase_is_part_of_the_recipient(code):
    # "partners like Uganda" says which partners; ", like Uganda," is only an aside
    ev = code("Kenya urged trading partners like Uganda to cut tariffs.")
    assert [e.target.text for e in ev if e.target is not None] == ["trading partners like Uganda"], ev
    ev = code("Kenya urged its trading partners, like Uganda, to cut tariffs.")
    assert [e.target.text for e in ev if e.target is not None] == ["its trading partners"], ev


def test_two_readings_of_one_doer_phrase_share_its_whole_mention(code):
    # "United Nations" and "Africa" both name the envoy: one doer phrase, not two mentions
    ev = code("The United Nations Africa envoy condemned Sudan's decision on Monday.")
    hits = find(ev, None, "SDN", "11")
    assert hits, ev
    assert {e.source.text for e in hits} == {"The United Nations Africa envoy"}, [e.source.text for e in hits]


def test_the_parties_of_a_joint_act_are_mentioned_by_the_phrase_naming_them(code):
    # "between Kenya and Tanzania": one phrase names both parties, each in both roles
    ev = code("The summit between Kenya and Tanzania ended on Monday without a deal.")
    hits = find(ev, "KEN", "TZA", "04")
    assert hits, ev
    assert hits[0].source.text == hits[0].target.text == "Kenya and Tanzania", hits[0]
    ev = code("Cooperation between Kenya and Uganda on border security was strengthened last year.")
    hits = find(ev, "KEN", "UGA", "05")
    assert hits, ev
    assert hits[0].source.text == hits[0].target.text == "Kenya and Uganda", hits[0]


def test_a_participle_after_the_doer_is_not_part_of_its_mention(code):
    # what the doers are doing is not who they are
    ev = code("Kenyan lawyers seeking compensation for the victims sued the Ugandan government on Monday.")
    hits = find(ev, "KEN", "UGA", "11")
    assert hits and hits[0].source.text == "Kenyan lawyers", ev
    # a participle that names whose they are stays
    ev = code("Hackers linked to the Iranian government attacked American banks on Monday.")
    hits = find(ev, "IRN", "USA", "19")
    assert hits and hits[0].source.text == "Hackers linked to the Iranian government", ev
    # so does one that says where they are, which places them
    ev = code("Rebels operating in Mali attacked a convoy of Nigerien troops on Monday.")
    hits = [e for e in ev if e.evidence.trigger.text == "attacked" and e.source is not None]
    assert hits and hits[0].source.text == "Rebels operating in Mali", ev
