"""Parse repairs: a report told after its content, misparsed as a participle of the noun before it."""

from __future__ import annotations

from conftest import find
from detente.coding.repairs import reattach_trailing_reports


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
