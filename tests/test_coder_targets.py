"""Targets the coder takes when the recipient is a place, a thing or an act of someone else.

Each test states one cause of a missed target; the sentences are the project's own.
"""

from __future__ import annotations

from conftest import find


def test_a_place_attacked_is_the_target_with_its_country(code):
    ev = code("Rebel fighters shelled an army depot in northern Chad on Friday, killing four guards.")
    hits = [e for e in ev if e.evidence.trigger.text == "shelled"]
    assert hits, ev
    assert hits[0].target is not None and "army depot" in hits[0].target.text
    assert hits[0].target.actor.country == "TCD"
    # an army depot is the army's: the compound names its owner
    assert hits[0].target.actor.code == "TCDMIL"
    ev = code("Rebel fighters shelled a warehouse in northern Chad on Friday.")
    hits = [e for e in ev if e.evidence.trigger.text == "shelled"]
    assert hits and hits[0].target is not None and hits[0].target.actor.country == "TCD", ev
    assert "thing-acted-on" in " ".join(hits[0].evidence.notes)


def test_a_thing_attacked_takes_its_owner(code):
    ev = code("Gunmen stormed a warehouse of the Malian army on Tuesday.")
    hits = [e for e in ev if e.evidence.trigger.text == "stormed"]
    assert hits and hits[0].target is not None, ev
    assert hits[0].target.text == "a warehouse of the Malian army"
    assert hits[0].target.actor.code == "MLIMIL"


def test_a_thing_with_no_actor_is_kept_as_an_uncoded_target(code):
    ev = code("Rebels bombed a remote copper smelter on Monday.")
    hits = [e for e in ev if e.evidence.trigger.text == "bombed"]
    assert hits and hits[0].target is not None, ev
    assert "copper smelter" in hits[0].target.text and hits[0].target.actor.country is None


def test_instruments_are_not_targets(code):
    for e in code("Turkish police fired tear gas and rubber bullets on Sunday."):
        assert e.target is None or "gas" not in e.target.text, e


def test_the_object_of_an_act_noun_is_its_recipient(code):
    ev = code("Egypt lifted its blockade of Libya on Sunday.")
    assert find(ev, "EGY", "LBY", "08"), ev


def test_a_reaction_to_someones_decision_names_the_decision(code):
    ev = code("Kenya welcomed Uganda's decision to reopen the border crossing.")
    hits = find(ev, "KEN", "UGA")
    assert hits, ev
    assert hits[0].target.text == "Uganda's decision"


def test_an_infinitive_clause_is_not_part_of_the_actor_phrase(code):
    ev = code("Ghana condemned a Togolese court ruling to expel the journalists.")
    hits = find(ev, "GHA", None, "11")
    assert hits and hits[0].target is not None, ev
    assert "expel" not in hits[0].target.text


def test_a_recipient_one_phrase_further_down(code):
    ev = code("Norway has sent blankets and medical staff such as nurses to Malawi.")
    hits = find(ev, "NOR", "MWI", "07")
    assert hits, ev
    assert "target via nested-prep-to" in hits[0].evidence.notes


def test_a_ban_on_goods_targets_their_country(code):
    ev = code("India lifted its ban on Malaysian palm oil.")
    hits = find(ev, "IND", "MYS", "08")
    assert hits, ev
    assert hits[0].target.text == "Malaysian palm oil"


def test_data_on_a_topic_is_not_aimed_at_it(code):
    ev = code("Chile and Peru began sharing data on Bolivian border crossings.")
    assert not find(ev, None, "BOL"), ev


def test_an_unplaced_recipient_takes_the_country_its_phrase_names(code):
    ev = code("The World Bank sent emergency food aid to families displaced by the floods in Malawi.")
    hits = [e for e in ev if e.cameo_root == "07"]
    assert hits and hits[0].target is not None, ev
    assert hits[0].target.actor.country == "MWI"
    assert hits[0].target.text.startswith("families")


def test_forces_sent_somewhere_are_not_the_recipient(code):
    ev = code("Kenya sent 300 troops in Somalia last month.")
    hits = [e for e in ev if e.evidence.trigger.text == "sent"]
    assert hits and hits[0].target is not None, ev
    assert hits[0].target.actor.country == "SOM"
    # with nowhere named, the forces themselves stand
    ev = code("The African Union withdrew 200 peacekeepers on Monday.")
    hits = [e for e in ev if e.evidence.trigger.text == "withdrew"]
    assert hits and hits[0].target is not None and hits[0].target.text == "200 peacekeepers", ev


def test_a_demand_is_aimed_at_who_is_to_do_what_is_demanded(code):
    ev = code("Opposition leaders demanded the withdrawal of Ugandan troops from the border region.")
    hits = [e for e in ev if e.cameo_root == "10"]
    assert hits and hits[0].target is not None and hits[0].target.actor.country == "UGA", ev
    assert "noun-demanded" in " ".join(hits[0].evidence.notes)


def test_people_of_no_named_country_a_joint_act_is_done_with_are_not_its_target(code):
    # what two states exchange is not a third party: they act on each other
    ev = code("Armenia and Azerbaijan swapped 30 detained soldiers on Friday.")
    hits = find(ev, "ARM", "AZE", "08")
    assert hits and "reciprocal" in " ".join(hits[0].evidence.notes), ev


def test_territory_seized_is_the_target_with_the_country_it_lies_in(code):
    # the place seized is the object itself, and a border is its possessor's, not its neighbour's
    ev = code("Militiamen captured a village near Sudan's border with Chad.")
    hits = [e for e in ev if e.cameo == "192"]
    assert hits and hits[0].target is not None and hits[0].target.actor.country == "SDN", ev
    # the doers, placed nowhere else, act where the territory lies
    assert hits[0].source is not None and hits[0].source.actor.country == "SDN", ev
    ev = code("Ethnic Somalis have vowed to take control of villages near Kenya's border with Ethiopia.")
    hits = [e for e in ev if e.cameo_root == "13" or e.cameo == "192"]
    assert hits and hits[0].target is not None and hits[0].target.actor.country == "KEN", ev


def test_a_compass_part_of_a_country_is_in_that_country(code):
    ev = code("Chadian troops retook a strategic town in Eastern Sudan on Sunday.")
    hits = [e for e in ev if e.cameo == "192"]
    assert hits and hits[0].target is not None and hits[0].target.actor.country == "SDN", ev
    assert hits[0].location is not None and hits[0].location.country == "SDN"


def test_a_threatened_deed_in_a_place_is_aimed_at_its_country(code):
    ev = code("The Zambian president threatened to impose a curfew in Lusaka on Monday.")
    hits = [e for e in ev if e.cameo_root == "13"]
    assert hits and hits[0].target is not None and hits[0].target.actor.country == "ZMB", ev
    assert hits[0].target.rule == "place-acted-in" and hits[0].location is None


def test_munitions_fired_or_set_off_are_not_targets(code):
    # what a verb fires or sets off is not who it hits, even when the doer's country is known
    ev = code("Turkish artillery fired six mortar shells at villages near Qamishli on Friday.")
    hits = [e for e in ev if e.evidence.trigger.text == "fired"]
    assert hits, ev
    assert hits[0].target is None or "shells" not in hits[0].target.text, hits[0].target
    assert hits[0].target is None or hits[0].target.actor.country != "RUS", hits[0].target
    ev = code("Insurgents exploded a series of bombs in the Somali capital Mogadishu.")
    hits = [e for e in ev if e.evidence.trigger.text == "exploded"]
    assert hits, ev
    assert hits[0].target is None or "bombs" not in hits[0].target.text, hits[0].target
    # a munition that does something still stands for whoever set it off
    ev = code("A car bomb killed seven policemen in Baghdad on Monday.")
    hits = [e for e in ev if e.evidence.trigger.text == "killed"]
    assert hits and hits[0].source is not None and "car bomb" in hits[0].source.text, ev


def test_a_stance_is_not_the_country_of_the_actor_it_describes(code):
    ev = code("An outspoken anti-Iran cleric was shot dead outside his home in Basra on Friday.")
    hits = [e for e in ev if e.evidence.trigger.text == "shot"]
    assert hits and hits[0].target is not None, ev
    assert hits[0].target.actor.country != "IRN", hits[0].target
    # "anti-American protests" are not America's, though they are aimed at it
    ev = code("Students staged anti-American protests in Karachi on Sunday.")
    assert not [e for e in ev if e.source is not None and e.source.actor.country == "USA"], ev


def test_a_possessors_ally_is_not_the_possessor(code):
    ev = code("Rebels ambushed the commander of Russia's militia allies in eastern Ukraine.")
    hits = [e for e in ev if e.evidence.trigger.text == "ambushed"]
    assert hits and hits[0].target is not None, ev
    assert hits[0].target.actor.country != "RUS", hits[0].target
    ev = code("Insurgents attacked Russia's allies on Monday.")
    hits = [e for e in ev if e.evidence.trigger.text == "attacked"]
    assert hits, ev
    assert hits[0].target is None or hits[0].target.actor.country != "RUS", hits[0].target


def test_a_lists_last_item_holds_the_lists_preposition(code):
    ev = code(
        "Rebel units launched artillery, mortar, and rocket fire against Malian army posts near Gao today."
    )
    hits = [e for e in ev if e.evidence.trigger.text == "launched"]
    assert hits and hits[0].target is not None, ev
    assert hits[0].target.actor.code == "MLIMIL", hits[0].target
    assert "noun-prep-against" in " ".join(hits[0].evidence.notes)
