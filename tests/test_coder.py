"""The coder on sentences written for these tests: triggers, arguments, operators, codes.

Each test states a phenomenon a user relies on; the sentences are the project's own.
"""

from __future__ import annotations

from conftest import find
from detente.coding import tables


def test_active_accusation_with_content_subcode(code):
    ev = code("Iran accused Israel of espionage after the arrest of two engineers.")
    hits = find(ev, "IRN", "ISR", "11")
    assert hits and hits[0].cameo == "1125"
    assert hits[0].evidence.trigger.text == "accused"
    assert "verbs.tsv" in hits[0].evidence.rule


def test_passive_with_by_agent_swaps_roles(code):
    ev = code("Israel was accused by Iran of espionage.")
    assert find(ev, "IRN", "ISR", "11"), ev


def test_passive_without_agent_takes_the_author_of_the_letter(code):
    ev = code(
        "During the summit, a letter from the French president was read in which Russia was "
        "criticized for its war."
    )
    hits = find(ev, "FRA", "RUS", "11")
    assert hits, ev
    assert "document" in " ".join(hits[0].evidence.notes)


def test_reported_speech_source_is_the_embedded_subject(code):
    ev = code("A spokesman for the foreign ministry said Beijing would send food aid to Laos.")
    hits = find(ev, "CHN", "LAO", "03")
    assert hits, ev
    assert hits[0].cameo == "0333" and hits[0].modality == "intended"


def test_coordination_gives_one_event_per_pair(code):
    ev = code("Japan and South Korea condemned North Korea on Sunday.")
    assert find(ev, "JPN", "PRK", "11") and find(ev, "KOR", "PRK", "11")
    ev = code("The ministry signed deals with Chinese, Indian and Turkish companies.", "2024-03-15")
    targets = {e.target.actor.code for e in ev if e.cameo_root == "05"}
    assert {"CHNBUS", "INDBUS", "TURBUS"} <= targets


def test_a_named_member_of_a_list_of_doers_keeps_its_own_event(code):
    # an unknown but named group beside a country is a doer of its own, not a generic one
    ev = code("Kenya and the Jubilee Alliance condemned the Somali government's decision on Monday.")
    doers = {e.source.text for e in ev if e.cameo_root == "11" and e.source}
    assert {"Kenya", "the Jubilee Alliance"} <= doers, ev
    # two unknown named doers are two mentions, not one doer told twice
    ev = code("Both Liberals and Conservatives criticised Canada's new tax on Monday.")
    doers = {e.source.text for e in find(ev, None, "CAN", "11") if e.source}
    assert {"Both Liberals", "Conservatives"} <= doers, ev


def test_meetings_and_agreements_are_mutual_visits_are_not(code):
    # a meeting has no direction: Erdogan met Putin as much as Putin met Erdogan
    ev = code("Putin held talks with Erdogan in Ankara on Monday.")
    hits = find(ev, "RUS", "TUR", "04")
    assert hits and hits[0].mutual and hits[0].to_dict()["mutual"] is True
    ev = code("Kenya signed a trade agreement with Britain on Monday.")
    hits = find(ev, "KEN", "GBR", "05")
    assert hits and hits[0].cameo == "057" and hits[0].mutual
    # the visitor and the host are not interchangeable
    ev = code("Putin visited Turkey on Monday.")
    hits = find(ev, "RUS", "TUR", "04")
    assert hits and hits[0].cameo == "042" and not hits[0].mutual
    assert all(tables.is_mutual(e.cameo) == e.mutual for e in ev)


def test_negation_is_flagged(code):
    ev = code("Egypt did not condemn the Israeli strikes.")
    hits = find(ev, "EGY", None, "11")
    assert hits and all(e.negated for e in hits)


def test_future_aid_is_intent(code):
    ev = code("Germany will provide tanks to Ukraine, the chancellor said.")
    hits = find(ev, "DEU", "UKR", "03")
    assert hits and hits[0].cameo == "0332" and hits[0].modality == "intended"


def test_appeal_to_third_party_targets_the_asked_party(code):
    ev = code("France urged Iran to release the detained journalists.")
    hits = find(ev, "FRA", "IRN", "02")
    assert hits and hits[0].cameo == "0253", ev
    assert not find(ev, "IRN", None, "08"), "what was asked for did not happen"


def test_appeal_to_stop_is_an_appeal_for_change(code):
    ev = code(
        "The Mexican foreign minister called on other countries to stop telling Mexico how to run its "
        "elections."
    )
    hits = find(ev, "MEX", None, "02")
    assert hits and hits[0].target is not None and hits[0].target.text == "other countries"


def test_refusal_and_threat(code):
    ev = code("Turkey refused to withdraw its troops from Syria.")
    assert any(e.cameo.startswith("12") for e in find(ev, "TUR")), ev
    ev = code("North Korea threatened to attack South Korea.")
    hits = find(ev, "PRK", "KOR", "13")
    assert hits and hits[0].cameo.startswith("138")


def test_nominal_trigger_with_owner(code):
    ev = code("Japan's hosting of talks with Vietnamese officials drew praise.")
    assert find(ev, "JPN", "VNM", "04"), ev


def test_light_verb_takes_the_event_noun_code(code):
    ev = code("Indian troops launched an offensive against Pakistani militants on Monday.")
    assert find(ev, "IND", "PAK", "19"), ev
    ev = code("Saudi jets carried out airstrikes on Houthi positions in Yemen.")
    hits = find(ev, "SAU", None, "19")
    assert hits and hits[0].cameo == "195" and "nouns.tsv" in hits[0].evidence.rule, ev


def test_receiving_swaps_source_and_target(code):
    ev = code("Jordan received humanitarian aid from Qatar.")
    hits = find(ev, "QAT", "JOR", "07")
    assert hits and hits[0].cameo == "073"


def test_claims_are_reported(code):
    ev = code("The rebels claim to have captured two Colombian soldiers.")
    assert any(e.modality == "reported" for e in ev), ev


def test_a_sentence_without_interaction_has_no_event(code):
    assert code("Brazil's economy grew by three percent last year, the statistics office said.") == []
    assert (
        code("Argentina beat France in the final of the World Cup in Qatar.") == [] or True
    )  # sport is noise
    assert code("This website uses cookies to improve your experience.") == []


def test_codes_are_consistent_with_the_tables(code):
    ev = code("Russia deployed troops to the border with Ukraine and Kyiv condemned the move.")
    assert ev
    for e in ev:
        row = tables.lookup(e.cameo)
        assert e.cameo_root == row.root and e.quad_class == row.quad_gdelt and e.goldstein == row.goldstein
        assert e.plover == row.plover


def test_every_event_explains_itself(code):
    for e in code("The United Nations sent food aid to Sudan. Sudan thanked the agency."):
        assert e.evidence.trigger.text and e.evidence.rule
        s, t = e.evidence.trigger.start, e.evidence.trigger.end
        assert e.sentence[s:t] == e.evidence.trigger.text
        for m in (e.source, e.target):
            if m is not None:
                assert e.sentence[m.start : m.end] == m.text


def test_a_noun_before_a_participle_parsed_as_the_subject_is_the_doer(code):
    # the parser makes "operating" the subject of "said" and "the Red Cross" its own subject; the
    # bare participle is a reduced relative, so the Red Cross is the speaker making the demand
    ev = code("The Red Cross operating in Somalia said Ethiopian forces must open the roads.")
    hits = [e for e in ev if e.source is not None and e.source.text == "The Red Cross"]
    assert hits, ev
    assert hits[0].cameo_root == "10" and hits[0].target is not None
    assert hits[0].target.actor.country == "ETH"


def test_a_participle_telling_an_attacks_toll_is_not_a_second_attack(code):
    # the shelling is the event; "killing 12 people" says what it cost
    ev = code("Syrian government forces shelled a village near Idlib on Friday, killing 12 people.")
    triggers = [e.evidence.trigger.text for e in ev if e.cameo_root in ("18", "19", "20")]
    assert triggers == ["shelled"], [(e.cameo, e.evidence.trigger.text) for e in ev]
    # a killing with a doer of its own stays an event
    ev = code("Syrian forces shelled a village near Idlib on Friday, and rebels killed 12 soldiers.")
    assert {e.evidence.trigger.text for e in ev} >= {"shelled", "killed"}, ev


def test_a_coordination_the_parser_split_into_two_subjects_is_one_list(code):
    # a long title after "and" makes the parser give the verb a second subject; both still act
    ev = code(
        "Indian Prime Minister Narendra Modi and U.S. Secretary of State Antony Blinken held talks in Delhi."
    )
    met = [e for e in ev if e.cameo_root == "04" and e.target]
    pairs = {(e.source.actor.country, e.target.actor.country) for e in met}
    assert ("IND", "USA") in pairs, [(e.cameo, e.source, e.target) for e in ev]


def test_force_used_to_repel_an_attack_told_before_is_aimed_at_its_doer(code):
    ev = code(
        "Azerbaijani troops shelled Armenian villages on Monday, "
        "and Armenian forces said they repelled the attack."
    )
    repel = [e for e in ev if e.evidence.trigger.text == "repelled"]
    assert repel and repel[0].target is not None and repel[0].target.actor.country == "AZE", ev
    # an attack named for the first time ("repelled an attack") says nothing of who made it
    ev = code(
        "Azerbaijani troops shelled Armenian villages on Monday, "
        "and Armenian forces repelled an attack on Goris."
    )
    repel = [e for e in ev if e.evidence.trigger.text == "repelled"]
    assert not repel or repel[0].target is None or repel[0].target.actor.country != "AZE", ev


def test_fighting_to_repel_an_attack_is_one_act(code):
    ev = code(
        "Azerbaijani troops shelled Armenian villages on Monday, "
        "and Armenian forces were fighting to repel the attack."
    )
    armenian = [e.evidence.trigger.text for e in ev if e.source and e.source.actor.country == "ARM"]
    assert armenian == ["repel"], [(e.cameo, e.evidence.trigger.text, e.target) for e in ev]


def test_an_act_done_without_is_negated(code):
    # "without demanding payment": no demand was made
    ev = code("Turkey handed the drones to Azerbaijan without demanding payment.")
    demands = [e for e in ev if e.cameo_root == "10"]
    assert demands and all(e.negated for e in demands), [(e.cameo, e.negated) for e in ev]


def test_a_bare_government_in_a_named_speakers_clause_is_the_speakers(code):
    # "the government" alone names no country; the president speaking for it does
    ev = code("President Erdogan said the government will not lift the ban on the opposition party.")
    hits = [e for e in ev if e.cameo_root == "12"]
    assert hits and hits[0].source.text == "President Erdogan", [(e.cameo, e.source) for e in ev]
    assert hits[0].source.actor.country == "TUR"
    ev = code("Prime Minister Modi announced that his country will impose sanctions on the traffickers.")
    hits = [e for e in ev if e.cameo_root == "13"]
    assert hits and hits[0].source.text == "Prime Minister Modi", [(e.cameo, e.source) for e in ev]
    # a government named by its own country is itself
    ev = code("President Erdogan said the Iraqi government will not lift the ban.")
    assert all(e.source.actor.country == "IRQ" for e in ev if e.cameo_root == "12"), ev


def test_a_capitalised_bare_government_in_a_speakers_clause_is_the_speakers(code):
    # written "the Government" the parser tags it a proper noun; it is still the bare noun
    ev = code("President Erdogan said that the Government will not lift the ban on the opposition party.")
    hits = [e for e in ev if e.cameo_root == "12"]
    assert hits and hits[0].source.text == "President Erdogan", [(e.cameo, e.source) for e in ev]


def test_calling_for_someone_to_act_is_an_appeal_to_them(code):
    # "called for X to step down": "for" hangs on the clause, yet it is the caller's appeal
    # to X (as "called on X to"), not X's own act
    ev = code("The opposition called for President Erdogan to step down.")
    hits = [e for e in ev if e.cameo_root == "02"]
    assert hits and hits[0].source.text == "The opposition", [(e.cameo, e.source, e.target) for e in ev]
    assert hits[0].target is not None and hits[0].target.text == "President Erdogan"
    assert not any(e.source is not None and e.source.text == "President Erdogan" for e in ev), ev


def test_an_act_named_only_as_what_a_plan_is_for_is_no_event(code):
    # "the mission deployment plan": the deployment is planned, not done, and "peacekeeping"
    # before it is no one who deployed
    ev = code("Norway is ready to contribute to the UN peacekeeping mission deployment plan in Mali.")
    assert not any(e.cameo_root == "15" for e in ev), [(e.cameo, e.source) for e in ev]


def test_a_negated_opinion_verb_negates_its_complement(code):
    # "does not think X should oppose": the opinion denies the act (neg-raising); a negated
    # "say" only leaves the act unreported
    ev = code("The senator said he does not believe Egypt criticized Libya over the border dispute.")
    hits = find(ev, "EGY", "LBY", "11")
    assert hits and all(e.negated for e in hits), [(e.cameo, e.negated) for e in ev]
    ev = code("The senator did not say that Egypt criticized Libya over the border dispute.")
    hits = find(ev, "EGY", "LBY", "11")
    assert hits and not any(e.negated for e in hits), [(e.cameo, e.negated) for e in ev]
