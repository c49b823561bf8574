"""Targets and source mentions of appeals (CAMEO 02) and cooperation (05, 06).

Each test states one cause of a wrong target or mention; the sentences are the project's own.
"""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.vocab import Vocab

from detente.coding import clauses as cl


def test_an_amount_appealed_for_is_no_target(code):
    # "an appeal for USD 12,400,000": the sum is what is asked for, never a party; the people
    # it is to help are
    ev = code("The refugee agency has launched an appeal for USD 12,400,000 to help people in need of food.")
    hits = [e for e in ev if e.cameo_root == "02"]
    assert hits, ev
    assert hits[0].target is not None, ev
    assert "12,400,000" not in hits[0].target.text and "USD" not in hits[0].target.text


def test_extradition_goes_to_the_state_that_receives_the_person(code):
    # "extradited two Somali nationals to the United Kingdom": the people handed over are
    # not the recipient of the judicial cooperation (CAMEO 063); the receiving state is
    ev = code("Kenya extradited two Somali nationals to the United Kingdom on Monday.")
    hits = [e for e in ev if e.cameo == "063"]
    assert hits, ev
    assert hits[0].target is not None and hits[0].target.actor.country == "GBR", ev
    assert hits[0].target.text == "the United Kingdom"


def test_an_appeal_misparsed_as_a_participle_is_no_part_of_its_subject(code):
    # the parser hangs "called on X to discuss" on the root noun "A delegation" as a
    # participle; the delegation's mention stops before the verb
    ev = code(
        "A delegation of the Awami League on Monday called on Prime Minister Nawaz Sharif "
        "to discuss the budget."
    )
    assert ev, ev
    for e in ev:
        assert e.source is not None and "called" not in e.source.text, ev


def test_a_name_called_another_name_is_a_main_verb_not_a_naming_participle():
    # "Trump called President Erdogan of Turkey on Wednesday and urged him ...": parsed with
    # "called" a participle on "Trump" (as in "a group called X"); a name needs no naming
    # participle, so it is the sentence's verb and Trump's mention stops before it
    words = ["Trump", "called", "President", "Erdogan", "on", "Wednesday", "and", "urged", "him"]
    heads = [7, 0, 3, 1, 1, 4, 0, 7, 7]
    deps = ["nsubj", "acl", "compound", "oprd", "prep", "pobj", "cc", "ROOT", "dobj"]
    pos = ["PROPN", "VERB", "PROPN", "PROPN", "ADP", "PROPN", "CCONJ", "VERB", "PRON"]
    tags = ["NNP", "VBD", "NNP", "NNP", "IN", "NNP", "CC", "VBD", "PRP"]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps, pos=pos, tags=tags)
    assert cl.argument_span(doc[0]) == (0, 1)
    # a common noun is named by the participle: "a group called Hamas" keeps its name
    words = ["A", "group", "called", "Hamas", "attacked", "Israel"]
    heads = [1, 4, 1, 2, 4, 4]
    deps = ["det", "nsubj", "acl", "oprd", "ROOT", "dobj"]
    pos = ["DET", "NOUN", "VERB", "PROPN", "VERB", "PROPN"]
    tags = ["DT", "NN", "VBN", "NNP", "VBD", "NNP"]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps, pos=pos, tags=tags)
    assert cl.argument_span(doc[1]) == (0, 4)


def test_whoever_is_asked_in_a_reduced_passive_clause_does_not_appeal(code):
    # "declined to comment when asked about X": the ministry is the one asked, and the asker
    # is not named, so there is no appeal (CAMEO 02) by the ministry; the refusal to comment
    # (011) stays
    ev = code(
        "The Iranian foreign ministry declined to comment when asked about the talks with Saudi Arabia."
    )
    assert [e for e in ev if e.cameo == "011"], ev
    assert not [e for e in ev if e.cameo_root == "02"], ev
