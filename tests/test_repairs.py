"""Parse repairs: a report told after its content, misparsed as a participle of the noun before it."""

from __future__ import annotations

from conftest import find
from detente.coding.repairs import (
    detach_clause_appositions,
    reattach_as_clauses,
    reattach_named_participles,
    reattach_named_postings,
    reattach_trailing_reports,
)


def test_a_trailing_report_becomes_the_main_verb(pipeline):
    text = "Kenyan police are beating detained students, a human rights group protested here Friday."
    doc = reattach_trailing_reports(pipeline.nlp(text))
    verb = next(t for t in doc if t.lower_ == "protested")
    assert verb.dep_ == "ROOT"
    assert next(t for t in doc if t.lower_ == "group").head == verb
    assert next(t for t in doc if t.lower_ == "beating").head == verb
    assert len(list(doc.sents)) == 1


def test_a_real_participle_stays(pipeline):
    text = "Police arrested the man charged with the killings, officials said."
    doc = reattach_trailing_reports(pipeline.nlp(text))
    assert next(t for t in doc if t.lower_ == "charged").dep_ != "ROOT"


def test_the_reporter_of_a_trailing_protest_targets_the_doer_it_names(code):
    ev = code("Kenyan police are beating detained students, a human rights group protested here Friday.")
    assert find(ev, None, "KEN", "14") or find(ev, None, "KEN", "11"), ev


def test_a_named_envoy_to_a_place_is_one_object(pipeline, code):
    # the parser hangs "to Kenya" on the verb and makes the name a second object or adverbial
    text = "The president received the Ugandan Ambassador to Kenya, Moses Okello Ochan, to discuss trade."
    doc = reattach_named_postings(pipeline.entity_typer(pipeline.nlp(text)))
    envoy = next(t for t in doc if t.lower_ == "ambassador")
    assert next(t for t in doc if t.text == "Ochan").head == envoy
    assert next(t for t in doc if t.lower_ == "to").head == envoy
    ev = code("The president received the Ghanaian envoy to the African Union, Kwame Mensah, at the palace.")
    hits = [e for e in ev if e.cameo_root == "04" and e.target is not None]
    assert hits and hits[0].target.text == "the Ghanaian envoy to the African Union, Kwame Mensah", ev


def test_a_summing_up_phrase_after_a_comma_is_no_second_object(pipeline, code):
    # the parser makes "the third assault" a second object of "overran"
    text = (
        "Islamic State fighters overran a military outpost in western Iraq after a heavy firefight,"
        " army and tribal sources said Friday, the third assault on the Iraqi army in a week."
    )
    doc = detach_clause_appositions(pipeline.nlp(text))
    assert next(t for t in doc if t.lower_ == "assault").dep_ != "dobj"
    assert next(t for t in doc if t.lower_ == "outpost").dep_ == "dobj"
    ev = code(text)
    hits = [e for e in ev if e.cameo_root == "19" and e.target is not None]
    assert hits and hits[0].target.text == "a military outpost in western Iraq", ev


def test_as_before_a_clause_opens_the_clause(pipeline, code):
    # the parser reads "as" as a preposition: the clause under it, or its subject as the object
    text = (
        "Ugandan police used batons and tear gas as about three hundred students from Makerere"
        " University staged a sit-in outside parliament."
    )
    doc = reattach_as_clauses(pipeline.nlp(text))
    staged = next(t for t in doc if t.lower_ == "staged")
    assert staged.dep_ == "advcl" and next(t for t in doc if t.lower_ == "as").head == staged
    hits = [e for e in code(text) if e.cameo == "175" and e.target is not None]
    assert hits and hits[0].target.text == "about three hundred students from Makerere University"
    text = (
        "Belgian police officers used batons and tear gas as around fifty people from the local"
        " Congolese community Sunday night staged a protest outside the embassy."
    )
    hits = [e for e in code(text) if e.cameo == "175" and e.target is not None]
    assert hits and hits[0].target.text == "around fifty people from the local Congolese community"
    # a verb "and" joins is the main verb's own
    text = "The army used the stadium as a base and launched raids on Hamas."
    doc = reattach_as_clauses(pipeline.nlp(text))
    assert next(t for t in doc if t.lower_ == "as").dep_ == "prep"


def test_a_participle_after_a_named_recipient_is_the_verbs(pipeline, code):
    # the parser reads "Asmara warning" as a noun compound, the object of "to"
    text = (
        "Ethiopia has issued an ultimatum to Asmara warning of war if the Eritrean army does not"
        " leave the disputed town."
    )
    doc = reattach_named_participles(pipeline.entity_typer(pipeline.nlp(text)))
    assert next(t for t in doc if t.text == "Asmara").dep_ == "pobj"
    assert next(t for t in doc if t.lower_ == "warning").dep_ == "advcl"
    hits = [e for e in code(text) if e.cameo == "139" and e.target is not None]
    assert hits and hits[0].target.text == "Asmara", hits
    # a noun with a determiner of its own stays one: "to the Senate hearing on X"
    doc = reattach_named_participles(
        pipeline.entity_typer(pipeline.nlp("Kenya sent a delegation to the Senate hearing on the dispute."))
    )
    assert next(t for t in doc if t.text == "Senate").dep_ != "pobj"
