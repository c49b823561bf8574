"""Which date and place each event gets, within an article (own sentences)."""

from __future__ import annotations

from conftest import find


def test_own_clause_date_and_historical_flag(code):
    ev = code(
        "Kenya designated the group a terrorist organisation in 2014 and never lifted the ban.", "2024-03-15"
    )
    hits = find(ev, "KEN", None, "17")
    assert hits and hits[0].date == "2014" and hits[0].date_precision == "year" and hits[0].historical


def test_relative_weekday_against_publication_date(code):
    # 2023-09-30 is a Saturday: "on Friday" is the day before.
    ev = code("Uzbekistan hosted talks with Tajik officials on Friday.", "2023-09-30")
    hits = find(ev, "UZB", "TJK", "04")
    assert hits and hits[0].date == "2023-09-29" and hits[0].date_precision == "day"
    assert not hits[0].historical


def test_date_of_a_clause_above(code):
    ev = code(
        "Earlier this month, Ghana became the first country to appoint an ambassador to Mali.", "2024-03-15"
    )
    hits = find(ev, "GHA", "MLI", "05")
    assert hits and hits[0].date == "2024-03" and hits[0].date_precision == "month"


def test_a_clause_a_measured_gap_after_or_before_is_dated_from_the_clause_above(code):
    ev = code(
        "Protesters marched in Paris on Friday, three days after police shot a teenager in Nanterre.",
        date="2023-07-01",
    )
    shot = [e for e in ev if e.evidence.trigger.text == "shot"]
    assert shot and shot[0].date == "2023-06-27" and shot[0].date_precision == "day", ev
    ev = code(
        "Chile reopened its embassy in Lima on Monday, two years after it ended a boycott"
        " that began in 2017.",
        date="2023-06-20",
    )
    ended = [e for e in ev if e.evidence.trigger.text == "ended"]
    # the relative clause dates the boycott, not its end
    assert ended and ended[0].date == "2021" and ended[0].historical, ev


def test_story_date_carries_to_later_past_tense_sentences(code):
    text = (
        "Chile hosted a meeting with Peruvian ministers on Tuesday.\n\n"
        "During the meeting, Chile accused Bolivia of blocking the port."
    )
    ev = code(text, "2024-03-15")  # a Friday: Tuesday is 2024-03-12
    hits = find(ev, "CHL", "BOL", "11")
    assert hits and hits[0].date == "2024-03-12"
    assert "story date" in " ".join(hits[0].evidence.notes)


def test_a_bare_year_of_background_never_becomes_the_story_date(code):
    # without a publication date nothing says 1989 is old; a later "earlier this month" act
    # must not be dated 1989, nor a later past-tense act
    text = (
        "The Soviet Union fought a 10-year war in Afghanistan that ended in 1989.\n\n"
        "Earlier this month, Ghana became the first country to appoint an ambassador to Mali.\n\n"
        "Chile accused Bolivia of blocking the port."
    )
    ev = code(text, None)
    for hits in (find(ev, "GHA", "MLI", "05"), find(ev, "CHL", "BOL", "11")):
        assert hits and hits[0].date is None, hits
        assert "story date" not in " ".join(hits[0].evidence.notes), hits[0].evidence.notes


def test_past_perfect_background_has_no_day_but_is_historical(code):
    ev = code("Vietnam had worked for years to establish contacts with Laos.", "2024-03-15")
    hits = find(ev, "VNM", "LAO")
    assert hits and hits[0].date is None and hits[0].historical


def test_a_war_dated_by_its_end(code):
    ev = code("The Soviet Union fought a 10-year war in Afghanistan that ended in 1989.", "2024-03-15")
    hits = find(ev, "SUN", "AFG", "19")
    assert hits and hits[0].date == "1989" and hits[0].historical
    assert hits[0].location is not None and hits[0].location.country == "AFG"


def test_place_of_the_action_not_every_place_named(code):
    ev = code("Greek and Turkish ministers met in Geneva on Tuesday to discuss Cyprus.", "2024-03-15")
    hits = [e for e in ev if e.cameo_root == "04"]
    assert hits and all(
        e.location and e.location.name == "Geneva" and e.location.country == "CHE" for e in hits
    )


def test_speech_place_covers_what_was_said_and_same_day_events(code):
    text = (
        "Algeria hosted talks with Libyan officials on Friday.\n\n"
        "\u201cWe expect our neighbours to respect the border,\u201d the Algerian foreign minister said "
        "Friday from Oran, Algeria."
    )
    ev = code(text, "2023-09-30")
    hosted = find(ev, "DZA", "LBY", "04")
    assert hosted and hosted[0].location is not None and hosted[0].location.name == "Oran"


def test_no_publication_date_keeps_absolute_dates(code):
    ev = code("Peru expelled the Venezuelan ambassador in 2019.", None)
    hits = find(ev, "PER", "VEN")
    assert hits and hits[0].date == "2019"


def test_a_deed_takes_the_place_named_further_down_its_arguments(code):
    ev = code("Police fired tear gas at demonstrators in Lahore on Friday.", "2024-03-15")
    assert ev and all(e.location is not None and e.location.country == "PAK" for e in ev)


def test_words_do_not_take_the_place_of_their_topic(code):
    ev = code(
        "Germany criticised Turkey on Friday over its treatment of journalists in Istanbul.", "2024-03-15"
    )
    hits = find(ev, "DEU", "TUR", "11")
    assert hits and all(e.location is None for e in hits)


def test_a_place_of_another_time_is_not_the_event_place(code):
    ev = code(
        "Turkish jets bombed Kurdish positions on Sunday, a week after a bombing in Ankara.", "2024-03-15"
    )
    hits = [e for e in ev if e.cameo_root in ("18", "19", "20")]
    assert hits and all(e.location is None or e.location.name != "Ankara" for e in hits)


def test_a_seat_of_government_and_a_building_in_a_city_are_places(code):
    seat = find(
        code("The Kenyan president met Joe Biden at the White House on Monday.", "2024-03-15"),
        "KEN",
        "USA",
        "04",
    )
    assert seat and seat[0].location is not None and seat[0].location.country == "USA"
    assert seat[0].location.name == "White House"
    palace = code(
        "Erdogan received Vladimir Putin at the Dolmabahce Palace in Istanbul on Tuesday.", "2024-03-15"
    )
    hits = [e for e in palace if e.cameo_root == "04"]
    assert hits and hits[0].location is not None and hits[0].location.name == "Istanbul"


def test_a_clause_of_another_time_without_a_date_gets_none(code):
    ev = code("Germany expelled two Russian diplomats on Thursday after Russia arrested a German journalist.")
    expelled = [e for e in ev if e.source and e.source.actor.country == "DEU"]
    arrested = [e for e in ev if e.source and e.source.actor.country == "RUS"]
    assert expelled and expelled[0].date == "2024-03-14"
    assert arrested and arrested[0].date is None and not arrested[0].historical


def test_a_country_adjective_as_a_place_is_that_country(code):
    # "Thai" is also a village elsewhere in the gazetteer; as a place it means Thailand
    ev = code("Cambodian troops shelled villages near the Thai border on Monday.")
    hits = [e for e in ev if e.cameo_root in ("18", "19", "20")]
    assert hits and all(e.location is not None and e.location.country == "THA" for e in hits)
    assert all(e.target is None or e.target.actor.country != "MYS" for e in hits)


def test_unplaced_local_actors_take_the_country_of_their_act(code):
    ev = code("Thousands of protesters rallied in Nairobi on Saturday against the new tax.")
    rallies = [e for e in ev if e.cameo_root == "14"]
    assert rallies and rallies[0].source is not None and rallies[0].source.actor.country == "KEN"
    assert any("the country where it happened" in n for n in rallies[0].evidence.notes)
    # investigators acting on a known person: that person's country
    ev = code("Investigators arrested Jair Bolsonaro at his home on Tuesday.")
    arrests = [e for e in ev if e.cameo_root == "17"]
    assert arrests and arrests[0].source is not None and arrests[0].source.actor.code == "BRACOP"
    # troops are not assumed local
    ev = code("Troops fired on villagers in northern Mali on Monday.")
    assert all(e.source is None or e.source.actor.country is None for e in ev)


def test_unplaced_local_actors_acting_on_a_state_are_of_that_state(code):
    ev = code("Students protested against the Chilean government on Monday.")
    hits = [e for e in ev if e.cameo_root == "14"]
    assert hits and hits[0].source.actor.code == "CHLEDU", ev
    assert "the country whose state it acts on" in " ".join(hits[0].evidence.notes)
    # a titled stranger of a domestic sector, too
    ev = code("Judge Pablo Rivera opened an investigation into Chilean government officials.")
    hits = [e for e in ev if e.cameo_root == "09"]
    assert hits and hits[0].source.actor.code == "CHLJUD", ev
    # not a state organ: no country taken from it
    ev = code("Students protested against the new tax on Monday.")
    assert all(e.source is None or e.source.actor.country is None for e in ev)


def test_where_someone_came_from_is_not_where_it_happened(code):
    ev = code("Kenya hosted talks with delegates from Uganda and Tanzania on Monday.")
    hosted = [e for e in ev if e.cameo_root == "04"]
    assert hosted and all(e.location is None or e.location.country == "KEN" for e in hosted)


def test_a_named_act_with_a_vague_time_of_its_own_borrows_no_date(code):
    text = (
        "Russia expelled ten U.S. diplomats on Thursday in response to Washington's expulsion "
        "of Russian diplomats earlier in the week."
    )
    ev = code(text)
    answered = [e for e in ev if e.source and e.source.actor.country == "RUS"]
    earlier = [e for e in ev if e.source and e.source.actor.country == "USA"]
    assert answered and answered[0].date == "2024-03-14"
    assert earlier and earlier[0].date is None and not earlier[0].historical


def test_an_anniversary_dates_the_act_it_marks_years_before(code):
    ev = code("Armenia marked on Monday the 20th anniversary of Azerbaijan's attack on the village.")
    attack = [e for e in ev if e.source and e.source.actor.country == "AZE"]
    assert attack and attack[0].date == "2004" and attack[0].historical, attack


def test_an_act_named_after_since_is_earlier_and_undated(code):
    ev = code("Japan and China held their first summit on Friday since China's seizure of the islands.")
    seizure = [e for e in ev if e.source and e.source.actor.country == "CHN" and e.cameo_root != "04"]
    assert seizure and seizure[0].date is None and seizure[0].historical, [(e.cameo, e.date) for e in ev]
