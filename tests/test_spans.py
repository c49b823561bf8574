"""Actor mention spans: the phrase that names each actor, as event data users read it.

The sentences are the project's own.
"""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.vocab import Vocab

from detente.coding.clauses import argument_span


def _targets(events) -> list[str]:
    return [e.target.text for e in events if e.target is not None]


def test_each_listed_person_is_named_alone(code):
    # The list's commas hang off its first name in the parse; they must not stretch the first
    # mention over the other names.
    ev = code("Iran banned Angela Merkel, Emmanuel Macron, and Boris Johnson from entering the country.")
    assert sorted(_targets(ev)) == ["Angela Merkel", "Boris Johnson", "Emmanuel Macron"], ev


def test_a_list_inside_the_phrase_is_part_of_the_name(code):
    ev = code("The ministry welcomed the head of the Commission for Trade, Industry and Energy.")
    assert _targets(ev) == ["the head of the Commission for Trade, Industry and Energy"], ev


def test_a_bracketed_acronym_is_closed(code):
    ev = code("The government outlawed the Students Islamic Movement of India (SIMI) in 2001.")
    assert _targets(ev) == ["the Students Islamic Movement of India (SIMI)"], ev


def test_a_description_of_a_place_is_not_part_of_its_mention(code):
    ev = code("Turkish jets bombed Kobani, a Kurdish town on the Syrian border, on Sunday.")
    assert _targets(ev) == ["Kobani"], ev
    ev = code("Germany sent aid to Moldova, a small country between Romania and Ukraine.")
    assert _targets(ev) == ["Moldova"], ev


def test_a_persons_role_stays_in_the_mention(code):
    ev = code("Russia expelled Anna Berg, a senior Swedish diplomat, on Friday.")
    assert _targets(ev) == ["Anna Berg, a senior Swedish diplomat"], ev


def test_where_a_named_person_is_is_not_part_of_the_name(code):
    ev = code("Germany will meet Chilean President Gabriel Boric in Santiago next week.")
    assert _targets(ev) == ["Chilean President Gabriel Boric"], ev


def test_a_speaker_the_parser_hung_on_a_place_is_not_part_of_it():
    # "... from Syria, Defence Minister Sergei Shoigu said": parsers often make the speaker an
    # apposition of the place; a place is never a person.
    words = ["troops", "left", "Syria", ",", "Minister", "Sergei", "Shoigu", "said"]
    doc = Doc(
        Vocab(),
        words=words,
        heads=[1, 1, 1, 2, 6, 6, 2, 1],
        deps=["nsubj", "ROOT", "dobj", "punct", "compound", "compound", "appos", "conj"],
        pos=["NOUN", "VERB", "PROPN", "PUNCT", "PROPN", "PROPN", "PROPN", "VERB"],
        ents=["O", "O", "B-GPE", "O", "O", "B-PERSON", "I-PERSON", "O"],
    )
    assert argument_span(doc[2]) == (2, 3)
    doc[2].ent_type_ = "ORG"  # a body's name: the same, but only for descriptions
    assert argument_span(doc[2]) == (2, 7)


def test_who_an_empty_head_means_is_part_of_its_mention(code):
    # "people" names no one until its relative clause says who; a noun that already says who
    # ("refugees") keeps its relative clause out, and so does a clause set off by a comma.
    ev = code("Germany sent food to people who fled the fighting in the north.")
    assert _targets(ev) == ["people who fled the fighting in the north"], ev
    ev = code("Germany sent food to refugees who fled the fighting in the north.")
    assert _targets(ev) == ["refugees"], ev
    words = ["aid", "for", "people", ",", "who", "fled", "the", "war"]
    doc = Doc(
        Vocab(),
        words=words,
        heads=[0, 0, 1, 2, 5, 2, 7, 5],
        deps=["ROOT", "prep", "pobj", "punct", "nsubj", "relcl", "det", "dobj"],
        lemmas=[w.lower() for w in words],
    )
    assert argument_span(doc[2]) == (2, 3)


def _sources(events) -> list[str]:
    return [e.source.text for e in events if e.source is not None]


def test_a_place_the_parser_hung_on_the_verb_stays_with_the_object(code):
    # The parser hangs "in northern Mali" on "stormed"; it says which station was stormed.
    ev = code("Soldiers stormed a police station in northern Mali on Sunday.")
    assert _targets(ev) == ["a police station in northern Mali"], ev
    # "in need of shelter" says who the families are, wherever the parser hangs it
    ev = code("The Red Cross helped families in need of shelter after the floods.")
    assert _targets(ev) == ["families in need of shelter"], ev


def test_a_spatial_phrase_the_parser_hung_on_the_verb_stays_with_the_object(code):
    # "at", "near", "across" place the object whatever noun follows; the parser hangs both
    # phrases on "shelled", and the second, a named place, follows the first.
    ev = code("Pakistan shelled Indian soldiers across the border in Kashmir.")
    assert _targets(ev) == ["Indian soldiers across the border in Kashmir"], ev
    ev = code("Egyptian police arrested workers at the cement plant.")
    assert _targets(ev) == ["workers at the cement plant"], ev


def test_a_name_goes_on_past_to_while_its_words_are_capitalised(code):
    ev = code(
        "The Senate will fully support the National Plan of Action to Protect Migrant Workers (NPAPMW), "
        "a senator said."
    )
    assert _targets(ev)[0] == "the National Plan of Action to Protect Migrant Workers (NPAPMW)", ev
    # a place after "to" is where something goes, not part of the name
    words = ["They", "sent", "the", "Peace", "Corps", "to", "Kenya"]
    doc = Doc(
        Vocab(),
        words=words,
        heads=[1, 1, 4, 4, 1, 1, 5],
        deps=["nsubj", "ROOT", "det", "compound", "dobj", "prep", "pobj"],
        pos=["PRON", "VERB", "DET", "PROPN", "PROPN", "ADP", "PROPN"],
        ents=["O", "O", "B-ORG", "I-ORG", "I-ORG", "O", "B-GPE"],
    )
    assert argument_span(doc[4]) == (2, 5)


def test_a_close_apposition_before_a_listed_name_is_part_of_its_mention():
    # "sanctions against the Russian agency Roskosmos and NASA": the parser hangs the second
    # name on the first, so the first would otherwise lose "the Russian agency".
    words = ["sanctions", "against", "the", "Russian", "agency", "Roskosmos", "and", "NASA"]
    doc = Doc(
        Vocab(),
        words=words,
        heads=[0, 0, 4, 4, 1, 4, 5, 5],
        deps=["ROOT", "prep", "det", "amod", "pobj", "appos", "cc", "conj"],
        pos=["NOUN", "ADP", "DET", "ADJ", "NOUN", "PROPN", "CCONJ", "PROPN"],
    )
    assert argument_span(doc[5]) == (2, 6)
    assert argument_span(doc[7]) == (7, 8)


def test_a_pronouns_antecedent_is_its_whole_noun_phrase(code):
    ev = code("Officials from Ontario said they would send doctors to Haiti.")
    assert _sources(ev) == ["Officials from Ontario"], ev


def test_a_country_described_after_its_name_is_mentioned_by_its_name(code):
    # "the country" goes back to Kenya in the same sentence: the doer's mention is its name
    ev = code(
        "Kenya said it would not accept more refugees, the first time the country has threatened "
        "to close its border with Somalia."
    )
    closing = [e for e in ev if e.evidence.trigger.text == "close" and e.source is not None]
    assert closing and closing[0].source.text == "Kenya", ev


def test_a_subject_the_parser_split_in_two_is_one_mention():
    # "The rebel Free Army threatened ...": two subjects of one verb side by side are one phrase
    words = ["The", "rebel", "Free", "Army", "threatened"]
    doc = Doc(
        Vocab(),
        words=words,
        heads=[1, 4, 3, 4, 4],
        deps=["det", "nsubj", "compound", "nsubj", "ROOT"],
        pos=["DET", "NOUN", "PROPN", "PROPN", "VERB"],
    )
    assert argument_span(doc[1]) == (0, 4)
    assert argument_span(doc[3]) == (0, 4)
    # a day next to the subject dates the act
    doc = Doc(
        Vocab(),
        words=["Russia", "Friday", "said"],
        heads=[2, 2, 2],
        deps=["nsubj", "npadvmod", "ROOT"],
        pos=["PROPN", "PROPN", "VERB"],
        ents=["B-GPE", "B-DATE", "O"],
    )
    assert argument_span(doc[0]) == (0, 1)


def test_a_pronoun_taken_back_to_an_acronym_names_the_whole_body():
    from detente.coding.clauses import antecedent_span

    # "The Budget Office (TBO) said it ...": the resolver may keep only the acronym
    words = ["The", "Budget", "Office", "(", "TBO", ")", "said", "it", "agreed"]
    doc = Doc(
        Vocab(),
        words=words,
        heads=[2, 2, 6, 4, 2, 2, 6, 8, 6],
        deps=["det", "compound", "nsubj", "punct", "appos", "punct", "ROOT", "nsubj", "ccomp"],
        pos=["DET", "PROPN", "PROPN", "PUNCT", "PROPN", "PUNCT", "VERB", "PRON", "VERB"],
    )
    assert antecedent_span(doc, 4, 5) == (0, 6)
    assert antecedent_span(doc, 7, 8) == (7, 8)
