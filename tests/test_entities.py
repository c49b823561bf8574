"""Entity types: Detente's own typing stands in for spaCy's recogniser (the default, and --fast)."""

from __future__ import annotations

import datetime as dt

import pytest

from detente import nlp as nlp_mod
from detente.actors.entities import entity_cues
from detente.pipeline import Options, Pipeline
from detente.records import Article, Event


@pytest.fixture(scope="module")
def fast(pipeline) -> Pipeline:
    return Pipeline(Options(fast=True), nlp=pipeline.nlp, kb=pipeline.kb, lexicon=pipeline.lexicon)


def typed(fast: Pipeline, text: str) -> list[tuple[str, str]]:
    doc = next(nlp_mod.parse([text], fast.nlp, disable=("ner",)))
    assert not doc.ents
    return [(e.text, e.label_) for e in fast.entity_typer(doc).ents]


def events(fast: Pipeline, text: str) -> list[Event]:
    return fast.code_article(Article.create(text, None, date=dt.date(2024, 3, 15), doc_id="t")).events


def test_cues_file_has_both_kinds():
    cues = entity_cues()
    assert "front" in cues["org"] and "mr" in cues["honorific"]


def test_known_names_titles_cues_and_dates_are_typed(fast):
    got = typed(
        fast,
        "Russian Foreign Minister Sergey Lavrov met Mr Tom Smith of the Ogaden National Liberation Front "
        "in Brussels on Sunday.",
    )
    assert got == [
        ("Russian", "NORP"),
        ("Sergey Lavrov", "PERSON"),  # the knowledge base's person; the title is no part of the name
        ("Tom Smith", "PERSON"),  # unknown, after an honorific
        ("Ogaden National Liberation Front", "ORG"),  # unknown, ends in an organisation word
        ("Brussels", "GPE"),
        ("Sunday", "DATE"),
    ]


def test_whole_names_and_plural_peoples(fast):
    got = dict(
        typed(
            fast, "Syrian Kurds and Jewish settlers from the West Bank met Dutch Minister Hans van den Broek."
        )
    )
    assert got["Kurds"] == "NORP"  # a plural proper noun alone names a people
    assert got["West Bank"] == "GPE"  # the gazetteer's whole name, not the region "the West" or a bank
    assert got["Hans van den Broek"] == "PERSON"  # a title before, name particles inside


def test_fast_profile_codes_peoples_and_unknown_bodies(fast):
    (e,) = events(fast, "Thousands of Syrian Kurds demonstrated in Berlin on Saturday.")
    assert (e.source.actor.code, e.cameo, e.date) == ("SYRCVL", "141", "2024-03-09")
    (e,) = events(fast, "The Ogaden National Liberation Front declared a ceasefire on Monday.")
    assert e.source is not None and e.source.text.endswith("Ogaden National Liberation Front")
    (e,) = events(
        fast, "Some 2,000 workers affiliated with the Croatian Dockers' Union blocked the port on Monday."
    )
    assert e.source.actor.code == "HRVLAB"
    (e,) = events(
        fast, "Mr Lars Eriksson of the Baltic Fishermen's Association criticised the Danish government."
    )
    assert (e.cameo, e.target.actor.code) == ("111", "DNKGOV")


def test_fast_profile_places_and_dates_are_no_things(fast):
    (e,) = events(fast, "Jewish settlers in the West Bank city of Nablus burned a mosque.")
    assert (e.source.actor.code, e.location.country) == ("PSECVL", "PSE")
    (e,) = events(fast, "Egypt's army on Sunday shelled positions in Sinai.")
    # the weekday dates the act; the target is the shelled place ("positions in Sinai")
    assert e.target.text.endswith("Sinai") and "Sunday" not in e.target.text and e.date == "2024-03-10"


def test_unknown_names_and_weekdays(fast):
    got = typed(
        fast, "Ambassador Quell called on Friday for Norway to back the Commission, Zorbin Tandu said."
    )
    assert ("Friday", "DATE") in got  # a weekday breaks a run of capitalised words
    assert ("Norway", "GPE") in got and ("Commission", "ORG") in got  # "the" before an unknown name: a body
    assert ("Zorbin Tandu", "PERSON") in got  # otherwise a person


def test_fast_profile_keeps_an_unknown_person_as_target(fast):
    (e,) = events(fast, "Kenya's government rejected accusations by Tandu.")
    assert (e.source.actor.code, e.cameo, e.target.text) == ("KENGOV", "016", "Tandu")


def test_unknown_places_and_seats(fast):
    got = typed(
        fast,
        "Gunmen raided a school in Wanduri, in Nigeria's Kolabe state, as Mr Obi spoke at the White House.",
    )
    assert ("Wanduri", "GPE") in got  # an unknown name after "in"
    assert ("Nigeria", "GPE") in got and (
        "Kolabe",
        "GPE",
    ) in got  # before an area word; a possessive ends a name
    assert ("the White House", "FAC") in got  # a seat of government where something happens
    assert ("The White House", "ORG") in typed(fast, "The White House said the talks failed.")


def test_fast_profile_finds_places_by_prepositions_and_area_words(fast):
    (e,) = events(fast, "Israeli aircraft struck a house in Deir al-Balah overnight.")
    assert (e.source.actor.code, e.target.actor.code, e.location.country) == ("ISRMIL", "PSE", "PSE")
    (e,) = events(fast, "Police arrested two protesters in Kenya's Nakuru county.")
    assert (e.source.actor.code, e.target.actor.code, e.location.name) == ("KENCOP", "KENOPP", "Nakuru")


def test_default_profile_types_names_the_recogniser_left_untyped(pipeline, coded):
    doc = next(nlp_mod.parse(["Dravkovic agreed to resign after the opposition insisted."], pipeline.nlp))
    assert not doc.ents  # the statistical recogniser leaves this unfamiliar name untyped
    assert ("Dravkovic", "PERSON") in [(e.text, e.label_) for e in pipeline.entity_typer.supplement(doc).ents]
    (e,) = coded("Dravkovic agreed to resign after the opposition insisted.").events
    assert (e.source.text, e.cameo) == ("Dravkovic", "0341")


def test_a_capitalised_word_before_an_area_word_is_a_place(fast):
    # the tagger reads "Sagaing" as a verb ("-ing"); the area word after it says it is a name
    assert ("Sagaing", "GPE") in typed(fast, "Soldiers burned houses in Sagaing region last week.")
    (e,) = events(fast, "Soldiers burned houses in Sagaing region last week.")
    assert e.location is not None and e.location.name == "Sagaing"


def test_the_recogniser_runs_only_when_asked_for(pipeline):
    """The default parse leaves spaCy's recogniser out (Detente types names itself, and it types
    no amounts); Options(recogniser=True) runs it, and the typing fills in around it."""
    text = "Iran sent $5 million in aid to the Ogaden National Liberation Front on Monday."

    def labels(options: Options) -> set[str]:
        p = Pipeline(options, nlp=pipeline.nlp, kb=pipeline.kb, lexicon=pipeline.lexicon)
        article = Article.create(text, None, date=dt.date(2024, 3, 15), doc_id="t")
        (sentences,) = p.parse([article])
        return {e.label_ for s in sentences if s.span is not None for e in s.span.ents}

    default, with_recogniser = labels(Options()), labels(Options(recogniser=True))
    assert "MONEY" not in default and {"GPE", "ORG", "DATE"} <= default
    assert "MONEY" in with_recogniser and {"GPE", "ORG", "DATE"} <= with_recogniser


def test_a_body_named_by_what_it_is_of_is_an_organisation(fast):
    # the title after "of" names the body's head; the run is one organisation, not untyped
    got = dict(typed(fast, "The Office of Inspector General opened an inquiry into the contracts."))
    assert got.get("Office of Inspector General") == "ORG", got
    ev = events(fast, "The Office of Inspector General criticized the Kenyan government.")
    assert any(e.source is not None and "Office" in e.source.text for e in ev), ev


def test_a_sector_word_inside_a_bodys_name_makes_no_person(code):
    # "Government" before "Audit Office" says what the body is, not a title of a person named
    # "Audit Office"; so "it" in what the body says is the body
    ev = code("The Government Audit Office said it is skeptical of the Kenyan government's plan.")
    hits = [
        e for e in ev if e.source is not None and "Audit Office" in e.source.text and e.cameo_root == "01"
    ]
    assert hits and hits[0].cameo != "010", ev
