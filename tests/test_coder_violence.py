"""Targets of protests and attacks (CAMEO roots 14 and 18-20) that the parse hides or a place hides.

Each test states one cause of a missed or wrong target; the sentences are the project's own.
"""

from __future__ import annotations


def _at(events, trigger):
    hits = [e for e in events if e.evidence.trigger.text == trigger]
    assert hits, events
    return hits[0]


def test_an_attack_aimed_past_the_clause_describing_it(code):
    # the parser hangs "on the ... headquarters" inside the relative clause about the assault
    ev = code(
        "Rebel fighters launched an assault that involved hundreds of gunmen and several armoured "
        "trucks on the Malian army headquarters in Gao."
    )
    hit = _at(ev, "launched")
    assert hit.cameo_root == "19"
    assert hit.target is not None and "Malian army headquarters" in hit.target.text, hit
    assert hit.target.actor.country == "MLI"


def test_a_named_operation_keeps_its_against_phrase(code):
    # "Operation Rah-e-Rast" in apposition carries the operation's "against" phrase in the parse
    ev = code(
        "Government troops launched a strategic offensive military operation, Operation Rah-e-Rast, "
        "against rebels in Swat District on May 5, 2009."
    )
    hit = _at(ev, "launched")
    assert hit.target is not None and hit.target.text == "rebels in Swat District", hit


def test_a_protest_against_a_measure_is_aimed_at_its_owner_not_the_place(code):
    ev = code("Teachers held a demonstration in central Nairobi against the Kenyan government's pay freeze.")
    hit = _at(ev, "held")
    assert hit.cameo_root == "14"
    assert hit.target is not None and hit.target.text == "the Kenyan government's pay freeze", hit
    assert hit.target.actor.code == "KENGOV"


def test_a_protest_against_what_someone_did_is_aimed_at_the_doer(code):
    # the rally's "at" place names an actor, but the grievance's doer comes first
    ev = code(
        "Hundreds of students held a rally at Kampala's Makerere University against the arrest of "
        "opposition leaders by the police."
    )
    hit = _at(ev, "held")
    assert hit.target is not None and hit.target.text == "the police", hit


def test_a_doer_claiming_its_own_attack_is_its_source(code):
    # "they" in a clause under "claimed" is the claimant, as under "said"; a doer claiming its
    # own attack claims responsibility for it (015), aimed at what it struck
    ev = code("Malian soldiers claimed that they had attacked two rebel camps near Kidal.")
    hit = _at(ev, "attacked")
    assert hit.source is not None and hit.source.actor.code == "MLIMIL", hit
    assert hit.target is not None and "rebel camps" in hit.target.text
    assert hit.cameo == "015"


def test_a_claim_about_someone_elses_attack_stays_the_attack(code):
    ev = code("Hamas claimed that Israeli troops had attacked a school in Gaza.")
    hit = _at(ev, "attacked")
    assert hit.cameo_root == "19", hit
    assert hit.source is not None and hit.source.actor.country == "ISR"


def test_a_strike_by_workers_is_a_walkout_not_an_attack(code):
    # nouns.tsv codes a bare "strike" as military (190); its doers say which strike it is
    for text, verb in (
        ("Nurses in Uganda began a strike over unpaid wages.", "began"),
        ("Junior doctors launched a strike demanding safer hospitals.", "launched"),
        ("Dock workers in Chile launched a strike on Monday.", "launched"),
    ):
        hit = _at(code(text), verb)
        assert hit.cameo == "143", (text, hit)
    for text in (
        "The air force launched a strike on militant hideouts.",
        "Rebels launched a strike on an army base.",
    ):
        hit = _at(code(text), "launched")
        assert hit.cameo_root == "19", (text, hit)


def test_a_bare_target_takes_the_place_the_verb_gives(code):
    # "a target" says only that something was hit; the place phrase the parser hangs on the verb
    # says what, and belongs to the mention
    hit = _at(code("Turkish jets struck a target in the hills north of Dohuk on Sunday."), "struck")
    assert hit.target is not None and hit.target.text.startswith("a target in the hills"), hit
    hit = _at(code("Insurgents launched attacks on several targets in the eastern provinces."), "launched")
    assert hit.target is not None and "eastern provinces" in hit.target.text, hit


def test_a_protest_grievance_naming_no_actor_is_its_target(code):
    # "protesting the city's parking rules": what is protested names no actor, yet it is what the
    # protest is aimed at; the protest itself is never its own target
    hit = _at(
        code("A retired teacher has begun a hunger strike, protesting the city's new parking rules."), "begun"
    )
    assert hit.cameo_root == "14"
    assert hit.target is not None and "parking rules" in hit.target.text, hit
    hit = _at(code("Factory workers stopped work, staging a sit-in strike outside the plant."), "stopped")
    assert hit.target is None or "strike" not in hit.target.text, hit


def test_force_by_aircraft_is_aerial(code):
    # the doer is a warplane or drone: the act is the aerial one (195), as "an airstrike" is
    hit = _at(code("Turkish drones struck a convoy near Qamishli on Tuesday."), "struck")
    assert hit.cameo == "195", hit
    hit = _at(code("Turkish troops struck a convoy near Qamishli on Tuesday."), "struck")
    assert hit.cameo == "190", hit


def test_a_violated_ceasefire_is_the_thing_acted_on(code):
    # CAMEO 196: with no party to the truce named, the truce broken is what the act is done to
    ev = code("Armenian troops breached an internationally brokered truce twice on Monday.")
    hit = _at(ev, "breached")
    assert hit.cameo == "196"
    assert hit.target is not None and hit.target.text == "an internationally brokered truce", hit
    # a party to it that the object names still wins
    ev = code("Armenian troops violated Azerbaijan's ceasefire on Monday.")
    hit = _at(ev, "violated")
    assert hit.target is not None and hit.target.actor.country == "AZE", hit


def test_a_deed_claimed_by_a_group_is_the_claimers(code):
    # the killing told in the claimed attack's relative clause is done by whoever claims it
    ev = code("Al-Shabaab claimed responsibility for the bombing, in which 12 Kenyan soldiers were killed.")
    hits = [e for e in ev if e.evidence.trigger.text == "killed"]
    assert hits and hits[0].source is not None and hits[0].source.text == "Al-Shabaab", ev
    assert hits[0].target is not None and hits[0].target.actor.country == "KEN"
