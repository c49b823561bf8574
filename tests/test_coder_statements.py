"""Statements, claims, appeals and weighed options (CAMEO 01 and 02): which event a sentence
is about, and whom it is aimed at.

Each test states one cause; the sentences are the project's own.
"""

from __future__ import annotations

from conftest import find
from detente.evaluate.metrics import top_event


def _top(ev):
    return top_event([e.to_dict() for e in ev])


def test_a_deed_its_doer_claims_is_a_claim_of_responsibility(code):
    # the pronoun is the claimant, a group the knowledge base does not know by name
    ev = code("The Wagoli Front claimed that they had shelled the Dagoretti police station on Monday.")
    top = _top(ev)
    assert top is not None and top["cameo"] == "015", ev
    assert top["source"]["text"] == "The Wagoli Front"
    assert top["target"]["text"] == "the Dagoretti police station"
    # a deed merely reported by its doer stays the deed
    ev = code("The Wagoli Front said that they had shelled the Dagoretti police station on Monday.")
    top = _top(ev)
    assert top is not None and top["cameo"][:2] == "19", ev


def test_a_comment_topic_may_be_a_clause_without_that(code):
    ev = code("The Kenyan finance ministry said it is skeptical the pipeline would be finished this year.")
    top = _top(ev)
    assert top is not None and top["cameo"] == "012", ev
    assert top["target"] is not None and top["target"]["text"] == "the pipeline", ev


def test_calling_for_someone_to_act_is_an_appeal_to_them(code):
    # "for" marks the infinitive clause; "called" is no phone call here
    ev = code("The Kenyan foreign minister called on Friday for Uganda to reopen the border.")
    hits = find(ev, "KEN", "UGA", "02")
    assert hits, ev
    assert not find(ev, root="04"), ev
    # a leader may call on their own country
    ev = code("French President Emmanuel Macron called for France to stay in the alliance.")
    assert find(ev, "FRA", "FRA", "02"), ev


def test_an_office_or_team_speaks_for_its_owner(code):
    ev = code("The governor's office declined to comment on the new budget.")
    top = _top(ev)
    assert top is not None and top["cameo"] == "011", ev
    assert top["source"]["text"] == "The governor's office"
    ev = code("Emmanuel Macron's team declined to comment on the new budget.")
    assert find(ev, "FRA", None, "01"), ev


def test_an_act_only_weighed_is_the_weighing(code):
    ev = code("Japan is considering sending aid to Kenya to help the victims of the floods.")
    top = _top(ev)
    assert top is not None and top["cameo"] == "014", ev
    assert find(ev, "JPN", "KEN", "01"), ev
    assert not find(ev, root="07"), ev
    # the weighed act's parties are the weighing's, also two persons of one side
    ev = code("Joe Biden is considering giving money to Senator Bernie Sanders's campaign.")
    top = _top(ev)
    assert top is not None and top["cameo"] == "014", ev
    assert top["target"] is not None and "Sanders" in top["target"]["text"], ev
    # a clause beside the weighing verb is an event of its own
    ev = code("Japan is considering new sanctions, and rebels attacked the capital of Mali on Monday.")
    assert find(ev, None, None, "19") or find(ev, None, None, "18"), ev


def test_a_claimant_the_resolver_already_took_the_pronoun_back_to(code):
    # a known actor: the resolver itself reads "they" as the Taliban
    ev = code("The Taliban claimed that they had attacked the police station in Kunduz.")
    top = _top(ev)
    assert top is not None and top["cameo"] == "015", ev
    assert top["target"] is not None and "police station" in top["target"]["text"], ev


def test_what_a_hope_says_another_will_do_is_only_hoped_for(code):
    ev = code("Kenya's foreign minister voiced hope that the new government in Uganda will help Kenya.")
    top = _top(ev)
    assert top is not None and top["cameo"] == "013", ev
    assert top["target"] is not None and top["target"]["text"] == "the new government in Uganda", ev
    assert not find(ev, root="03") and not find(ev, root="07"), ev
    ev = code("Kenya's president expressed his wish that the Ugandan president would visit Nairobi.")
    top = _top(ev)
    assert top is not None and top["cameo"] == "013", ev
    assert not find(ev, root="04"), ev


def test_what_a_verb_of_hoping_says_another_will_do_is_only_hoped_for(code):
    # the verb "hopes" is a hope as the noun is: another's act in its clause has not happened
    ev = code("Kenya hopes Ethiopia will persuade Sudan to lift the sanctions.")
    top = _top(ev)
    assert top is not None and top["cameo"] == "013", ev
    assert top["target"] is not None and top["target"]["text"] == "Ethiopia", ev
    assert not find(ev, root="02"), ev
    # the hoper's own plan stays an event
    assert find(code("Kenya hopes to reopen the border with Uganda."), "KEN", "UGA", "03")


def test_an_object_the_parser_made_the_subject_of_a_gerund_is_the_object(code):
    # "accept any refugees fleeing ...": the parser reads "refugees fleeing ..." as a clause
    ev = code("Kenya will not accept any Somali refugees fleeing a new wave of violence in Somalia.")
    top = _top(ev)
    assert top is not None and top["cameo"][:2] == "12", ev
    assert top["target"] is not None and "refugees" in top["target"]["text"], ev
    # a reported clause with its own auxiliary keeps its subject
    ev = code("Kenya said Somali refugees were fleeing the drought in the south.")
    assert not find(ev, root="12"), ev


def test_verbs_the_lemmatizer_takes_for_shorter_verbs_are_coded(code):
    # the model's lemmatizer reads "hoped" as "hop" and "waged" as "wag" (verb_lemmas.tsv)
    # (a hope for another's act is the hoper's, aimed at the other; not the other's own intent)
    ev = code("The Kenyan government said it hoped that Ugandan officials would reopen the border.")
    top = _top(ev)
    assert top is not None and top["cameo"][:2] != "03", ev
    assert top["source"]["text"] == "The Kenyan government", ev
    assert top["target"] is not None and top["target"]["text"] == "Ugandan officials", ev
    ev = code("Rebels waged war on the government of Mali.")
    assert find(ev, None, "MLI", "19"), ev
    # a verb the lemmatizer does not know gets an "e": "cordoned" -> "cordone"
    ev = code("Israeli troops cordoned off the Palestinian village of Beita.")
    assert find(ev, "ISR", None, "19"), ev


def test_calling_someone_something_is_no_phone_call(code):
    # "called X reckless": naming, coded as describing is (classes.tsv NAMING); a bare "called
    # X" is still the phone call
    ev = code(
        "The Greek prime minister called the Turkish president reckless and cancelled a trip to Ankara."
    )
    assert not [e for e in ev if e.cameo == "041"], [(e.cameo, e.evidence.trigger.text) for e in ev]
    ev = code("The Greek prime minister called the Turkish president.")
    assert find(ev, "GRC", "TUR", "04") and find(ev, "GRC", "TUR", "04")[0].cameo == "041", ev
