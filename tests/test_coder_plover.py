"""PLOVER types: the CAMEO->PLOVER crosswalk and the coder rules that decide which PLOVER type a
sentence's top event gets. Sentences written for these tests."""

from __future__ import annotations

from detente.coding import tables
from detente.evaluate.metrics import top_event


def _top_type(events) -> str | None:
    top = top_event([e.to_dict() for e in events])
    return top.get("plover") if top else None


def test_a_resignation_is_retreat_and_easing_a_curfew_is_a_concession(code):
    assert (tables.lookup("0831").plover, tables.lookup("0831").plover_mode) == ("RETREAT", "resign")
    for sub in ("0813", "0814"):  # like their parent 081, ease administrative sanctions
        assert tables.lookup(sub).plover == tables.lookup("081").plover == "CONCEDE"
    assert _top_type(code("Peru's interior minister resigned on Tuesday.")) == "RETREAT"
    assert _top_type(code("Chile lifted the curfew in Santiago on Monday.")) == "CONCEDE"


def test_allowing_an_actor_to_act_is_yielding_but_letting_a_thing_happen_is_not(code):
    ev = code("Kenya allowed Somali refugees to cross the border on Monday.")
    hits = [e for e in ev if e.cameo == "080"]
    assert hits and hits[0].source.actor.code == "KEN", ev
    assert _top_type(ev) == "CONCEDE"
    assert _top_type(code("Ghana will allow the opposition to hold its rally in Accra.")) == "AGREE"
    for text in (
        "Chile will allow the resolution to pass.",
        "Kenya permitted the construction of a new bridge.",
    ):
        ev = code(text)
        assert not [e for e in ev if e.cameo[:2] in ("03", "08")], ev


def test_a_demand_voiced_by_a_protest_is_the_protest(code):
    ev = code("Hundreds of Togolese demonstrated outside parliament calling for electoral reform.")
    assert _top_type(ev) == "PROTEST", ev
    demands = [e for e in ev if e.plover == "REQUEST"]
    assert demands and "what the protest" in " ".join(demands[0].evidence.notes), ev
    ev = code(
        "Thousands of Malian students staged rallies on Saturday"
        " to demand political reforms from the government."
    )
    top = top_event([e.to_dict() for e in ev])
    assert top["plover"] == "PROTEST" and top["target"]["code"].startswith("MLI"), top


def test_the_grievance_of_a_protest_weighs_less_and_its_doer_is_the_target(code):
    ev = code(
        "Dock workers went on strike in protest of the Ghanaian government's refusal to pay their wages."
    )
    top = top_event([e.to_dict() for e in ev])
    assert top and top["plover"] == "PROTEST", ev
    assert top["target"]["code"].startswith("GHA"), top
    assert top["source"]["code"].startswith("GHA"), top  # protesters protest their own government


def test_welcoming_a_policy_is_praise_and_being_opposed_to_a_plan_is_rejection(code):
    ev = code("Japan welcomed the new Chinese trade policy on Monday.")
    assert [e for e in ev if e.cameo == "051"], ev
    ev = code("Ghana is opposed to the Nigerian plan for a regional force.")
    hits = [e for e in ev if e.cameo == "120"]
    assert hits and hits[0].source.actor.code == "GHA", ev


def test_preventing_a_demonstration_is_coercion_not_violent_repression(code):
    ev = code("Egyptian police prevented a demonstration by students in Cairo on Friday.")
    assert _top_type(ev) == "COERCE", ev


def test_occupying_territory_by_force_is_assault_like_the_rest_of_cameo_19():
    assert tables.lookup("192").plover == tables.lookup("190").plover == "ASSAULT"
    assert tables.lookup("191").plover == "COERCE"  # a blockade restricts movement


def test_demanding_that_others_refuse_is_a_demand_not_a_refusal(code):
    ev = code("Chad urged its neighbours to refuse to recognize the new government in Bangui.")
    assert _top_type(ev) == "REQUEST", ev
    assert not [e for e in ev if e.plover == "REJECT"], ev


def test_an_obligation_of_a_leader_and_his_party_is_a_demand_of_both(code):
    # "X and his party": the possessive pronoun points back to X; X is not a co-owner of the party
    ev = code("Malian rebels announced that President Keita and his allies must release all prisoners.")
    top = top_event([e.to_dict() for e in ev])
    assert top and top["plover"] == "REQUEST" and top["target"]["code"].startswith("MLI"), ev
    ev = code("The African Union summit concluded that Sudan must expel the foreign fighters.")
    assert _top_type(ev) == "REQUEST", ev


def test_giving_up_the_fight_is_de_escalation_not_fighting(code):
    ev = code("Sudanese rebels in Darfur gave up fighting on Monday.")
    assert _top_type(ev) == "RETREAT", ev
    assert not [e for e in ev if e.plover == "ASSAULT"], ev


def test_allowing_the_return_or_delivery_of_something_allows_that_thing(code):
    ev = code("Iran said it would allow the return of IAEA inspectors.")
    assert [e for e in ev if e.cameo == "0355"] and _top_type(ev) == "AGREE", ev
    ev = code("Syria allowed the delivery of food to Aleppo on Monday.")
    assert [e for e in ev if e.cameo == "0863"], ev


def test_forces_that_arrive_are_sent_not_visiting(code):
    ev = code("Indian peacekeeping troops arrived in Sierra Leone on Monday.")
    assert _top_type(ev) == "AID", ev
    ev = code("The first batch of Russian troops arrived in Belarus on Monday.")
    top = top_event([e.to_dict() for e in ev])
    assert top and top["plover"] == "MOBILIZE" and top["source"]["code"].startswith("RUS"), ev
    assert _top_type(code("The Russian foreign minister arrived in Belarus on Monday.")) == "CONSULT"


def test_a_sanction_held_out_on_a_condition_is_a_threat(code):
    assert _top_type(code("Ghana may cut aid to Togo if the elections are postponed.")) == "THREATEN"
    ev = code("Ghana may cut aid to Togo.")  # a mere possibility stays what it is
    assert not [e for e in ev if e.plover == "THREATEN"], ev


def test_an_army_preparing_to_attack_mobilizes(code):
    ev = code("The Sudanese army prepared to resume shelling rebel positions in Darfur.")
    assert _top_type(ev) == "MOBILIZE", ev
    assert _top_type(code("Ghana prepared to open talks with Togo.")) == "AGREE"


def test_mobilizing_lobbies_or_voters_is_no_show_of_force(code):
    ev = code("Qatar has mobilized pressure groups in Britain to support the Palestinians.")
    assert not [e for e in ev if e.plover == "MOBILIZE"], ev
    assert _top_type(code("Iran mobilized its troops on the Iraqi border.")) == "MOBILIZE"


def test_exercises_held_by_two_countries_are_joint_cooperation(code):
    ev = code("Greek and Cypriot warships on Monday launched five days of war games in the Aegean.")
    hits = [e for e in ev if e.cameo == "062"]
    assert hits and _top_type(ev) == "COOPERATE", ev
    ev = code("The drill was staged by Greek marines and Cypriot forces.")
    assert [e for e in ev if e.cameo == "062"], ev
    assert _top_type(code("Russia launched war games near the Finnish border.")) == "MOBILIZE"


def test_a_protest_or_boycott_announced_for_later_is_a_threat(code):
    # a protest act its doer announces is CAMEO 133 (threaten with political dissent, protest,
    # boycott), PLOVER THREATEN, not a bare intent to cooperate (030, AGREE)
    ev = code("The Ghanaian opposition party said it will boycott the presidential elections.")
    hits = [e for e in ev if e.cameo == "133"]
    assert hits and hits[0].source.actor.country == "GHA", ev
    assert not [e for e in ev if e.cameo[:2] == "03"], ev
    assert _top_type(ev) == "THREATEN"
    assert _top_type(code("Ghanaian students vowed to hold a rally against the government.")) == "THREATEN"
    # a rally someone else will allow is no threat by those who hold it
    ev = code("Ghana will allow the opposition to hold its rally in Accra.")
    assert not [e for e in ev if e.cameo == "133"], ev
