"""Temporal expressions in a news sentence, resolved against the publication date.

News rarely writes full dates: "on Friday", "last month", "two years ago" only mean
something once the publication date is known, and "for years" or "a 10-year war" are
lengths, not dates. This module finds such expressions in a parsed sentence and
turns each into a `TimeExpression` with an ISO value at the precision the text
supports. Which expression dates which event is decided elsewhere.

Conventions (each one is a choice; tests pin them):

* A weekday resolves within a week of the publication date. Past or unknown tense
  looks back, and "on Saturday" in a Saturday article is that Saturday (AP style names
  the day instead of writing "today"); future tense ("will meet on Friday") looks
  forward, again including the publication day; plain present ("the summit opens
  Friday") takes the nearer of the two. "last Friday" is strictly before the
  publication date, "next Friday" strictly after.
* A month or a day without a year ("in March", "on March 5") follows the same rule:
  the latest one not after the publication date, the next one for future tense, the
  nearer one for present tense.
* "this week", "last week", "next week" and weekends get precision "week"; their
  value is the Monday of that ISO week.
* A decade ("the 1990s") is a range: value "1990", end_value "1999", precision "year"
  ("the early 1990s" is 1990-1993, "mid" 1994-1996, "late" 1997-1999).
* "last night" is the day before publication; "tonight", "this morning" and
  "overnight" are the publication day.
* "since X" / "after X" / "from X" have kind "since"; "until X", "through X",
  "by X" and "before X" have kind "until" (a deadline bounds the event like "until").
* Expressions that need an anchor other than the publication date ("two days later",
  "the previous year") keep value None.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["TimeExpression", "find_time_expressions", "interval", "is_historical"]


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """One temporal expression of a sentence and what it means.

    `start`/`end` are character offsets within the sentence text, `token_start`/
    `token_end` token indices relative to the sentence span (end exclusive).
    `value` is "YYYY", "YYYY-MM" or "YYYY-MM-DD"; precision is "day", "week" (value =
    the Monday), "month" or "year". `kind` is point | since | until | duration |
    range | recurring; a range also has `end_value`. `relative` says the meaning
    depended on a reference date; `future` that it lies after the publication date
    (or the text says it will).
    """

    text: str
    start: int
    end: int
    token_start: int
    token_end: int
    value: str | None
    precision: str | None
    kind: str
    relative: bool
    future: bool
    end_value: str | None = None


# --------------------------------------------------------------------------- words

# English names, spelled out: calendar.month_name follows the process locale.
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
)  # fmt: skip
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS: dict[str, int] = {}
for _i, _name in enumerate(MONTH_NAMES, start=1):
    MONTHS[_name.lower()] = _i
    MONTHS[_name[:3].lower()] = _i
MONTHS["sept"] = 9

WEEKDAYS = {name.lower(): i for i, name in enumerate(DAY_NAMES)}

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "a couple of": 2, "a couple": 2,
}  # fmt: skip

# Season: (first month, last month); winter is counted by its January.
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (1, 2)}

# Capitalised words that turn a weekday into a name ("Good Friday agreement").
WEEKDAY_NAME_PREFIXES = {
    "good", "black", "holy", "bloody", "ash", "palm", "easter", "super", "cyber", "maundy",
}  # fmt: skip

# Nouns counted by a bare number: "1989 people" is a count, "the 1989 revolution" a year.
COUNT_NOUNS = {
    "people", "person", "persons", "civilian", "soldier", "troop", "refugee", "migrant", "child",
    "woman", "man", "family", "resident", "prisoner", "detainee", "hostage", "fighter", "militant",
    "rebel", "death", "casualty", "victim", "home", "house", "building", "tonne", "ton", "barrel",
    "kilometre", "kilometer", "mile", "metre", "meter", "dollar", "euro", "pound", "rocket",
    "missile", "drone", "shell", "vote", "signature", "case", "member", "job", "worker", "student",
    "officer", "police", "protester", "demonstrator", "supporter", "voter", "delegate", "seat",
    "vehicle", "tank", "aircraft", "ship", "boat", "unit", "bomb", "mine", "km", "tons", "round",
    "peacekeeper", "policeman", "arrest", "patient", "doctor", "employee", "official", "diplomat",
    "ballot", "passenger", "pilgrim", "sailor", "marine", "inmate", "settler",
}  # fmt: skip
QUANTIFIERS = {
    "about", "around", "some", "nearly", "almost", "over", "than", "least", "to", "roughly",
    "approximately", "estimated", "only", "just", "another", "additional", "extra",
}  # fmt: skip
# "a total of 2000": nouns before "of" that make the number a quantity.
QUANTITY_NOUNS = {
    "total", "number", "crowd", "force", "army", "population", "group", "sum", "fine", "maximum",
    "minimum", "average", "estimate", "toll", "budget", "team", "contingent", "battalion", "convoy",
    "fleet", "salary", "capacity", "height", "altitude", "depth", "distance", "range", "score",
}  # fmt: skip
YEAR_PREPOSITIONS = {
    "in", "since", "until", "till", "by", "from", "before", "after", "of", "during", "through",
}  # fmt: skip

FUTURE_AUX = {"will", "shall", "'ll", "’ll", "wo"}
MODAL_AUX = {"would", "could", "may", "might", "should", "must", "can", "ca"}
FUTURE_HEADS = {
    "due", "set", "expected", "scheduled", "slated", "poised", "going", "plan", "intend", "aim",
    "prepare", "ready", "likely", "expect", "schedule", "hope", "want", "seek", "vow", "pledge",
    "promise", "threaten", "propose", "about",
}  # fmt: skip
PRESENT_BE = {"is", "are", "am", "'s", "'re", "’s", "’re"}

# --------------------------------------------------------------------- finder patterns

_MONTH_FULL = "|".join(MONTH_NAMES)
_MONTH_ABBR = r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
_MONTH_ANY = rf"(?:{_MONTH_FULL}|(?:{_MONTH_ABBR})\.?)"  # abbreviations only next to a number
_MONTH_NAMED = rf"(?:{_MONTH_FULL}|(?:{_MONTH_ABBR})\.)"
_WEEKDAY = "|".join(DAY_NAMES)
_ORD = r"(?:st|nd|rd|th)?"
_YEAR = r"(?:1[0-9]{3}|20[0-9]{2}|2100)"
_NUM = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
_NUM += r"a\s+couple\s+of|a\s+few|few|several|many|some)"
_UNIT = r"(?:day|week|month|year|decade|century|centuries|hour|minute)s?"

_FINDERS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(rx))
    for name, rx in (
        ("iso", rf"\b{_YEAR}-[01]\d-[0-3]\d\b"),
        ("range-years", rf"(?<![\d$.,])\b{_YEAR}\s?[-–]\s?(?:{_YEAR}|\d{{2}})\b(?![-–]\d)"),
        (
            "month-day",
            rf"\b(?:(?:{_WEEKDAY}),?\s+)?{_MONTH_ANY}\s+\d{{1,2}}{_ORD}\b(?![-–:.,]?\d)(?:,?\s+{_YEAR}\b)?",
        ),
        (
            "day-month",
            rf"\b(?:(?:{_WEEKDAY}),?\s+)?(?:the\s+)?\d{{1,2}}{_ORD}\s+(?:of\s+)?{_MONTH_ANY}(?![a-z])"
            rf"(?:,?\s+{_YEAR}\b)?",
        ),
        (
            "day-range",
            rf"\b(?:(?i:from|between)\s+)?\d{{1,2}}{_ORD}(?:\s?[-–]\s?|\s+(?i:to|and|until|till|through)\s+)"
            rf"\d{{1,2}}{_ORD}\s+(?:of\s+)?{_MONTH_ANY}(?![a-z])(?:,?\s+{_YEAR}\b)?",
        ),
        (
            "month-day-range",
            rf"\b(?:(?i:from|between)\s+)?{_MONTH_ANY}\s+\d{{1,2}}{_ORD}(?:\s?[-–]\s?|\s+(?i:to|and|until|till|"
            rf"through)\s+)\d{{1,2}}{_ORD}\b(?![-–:.,]?\d)(?:,?\s+{_YEAR}\b)?",
        ),
        ("month-year", rf"\b(?:(?i:early|mid|late)[\s-]+|mid-)?{_MONTH_NAMED},?\s+(?:of\s+)?{_YEAR}\b"),
        (
            "month",
            rf"\b(?:(?i:early|mid|late|last|next|this|end)[\s-]+|(?i:mid|end)-)?(?:{_MONTH_FULL}|Sept\.)(?![\w-])",
        ),
        (
            "decade",
            r"\b(?:(?i:the)\s+)?(?:(?i:early|mid|late)[\s-]+|(?i:mid)-)?(?:(?:1[0-9]|20)\d0|'\d0)'?s\b"
            r"|\b(?i:the)\s+(?:(?i:early|mid|late)[\s-]+)?\d0s\b",
        ),
        (
            "year",
            rf"(?<![\d$£€.,])(?:(?i:(?:the\s+)?(?:end|start|beginning|middle|first\s+half|second\s+half|"
            rf"spring|summer|autumn|fall|winter)\s+of)\s+|(?i:(?:early|mid|late|spring|summer|autumn|fall|"
            rf"winter)[\s-]+|mid-))?\b{_YEAR}\b(?![-–]?\d|%|,\d|\.\d|\s?(?:-|–)\s?\d)",
        ),
        (
            "weekday",
            rf"\b(?:(?i:last|next|this|past|coming|every|each|early|late)\s+)?(?:{_WEEKDAY})s?\b"
            r"(?:\s+(?i:morning|afternoon|evening|night))?",
        ),
        (
            "deictic",
            r"\b(?i:(?:(?:earlier|later)\s+)?(?:the\s+day\s+(?:before|after)\s+)?"
            r"(?:today|yesterday|tomorrow|tonight|overnight)(?:\s+(?:morning|afternoon|evening|night))?"
            r"|(?:this|last|tomorrow|yesterday)\s+(?:morning|afternoon|evening|night))\b",
        ),
        (
            "period",
            r"\b(?i:(?:(?:earlier|later|early|late|mid|the\s+end\s+of|the\s+start\s+of|the\s+beginning\s+of|"
            r"the\s+middle\s+of|the\s+rest\s+of)[\s-]+)?(?:the\s+)?(?:this|last|next|past|previous|coming|"
            r"following|current)\s+(?:week|weekend|month|year|decade|century|quarter|spring|summer|"
            r"autumn|fall|winter)|(?:over|at|during)\s+the\s+weekend"
            # "earlier in the week", "later that day": vague times of their own
            r"|(?:earlier|later)\s+(?:in\s+the|that|this)\s+(?:day|week|weekend|month|year))\b",
        ),
        (
            "ago",
            rf"\b(?i:{_NUM}\s+{_UNIT}\s+(?:ago|earlier|later|from\s+now))\b",
        ),
        ("in-n", rf"\b(?i:in\s+{_NUM}\s+{_UNIT}(?:'|’)?(?:\s+time)?)\b(?!\s+of\b)"),
        ("n-unit", rf"\b(?i:(?:\d+|{_NUM})-(?:day|week|month|year|decade|hour)(?:s?-(?:long|old))?)\b"),
        ("recurring", r"\b(?i:(?:every|each)\s+(?:day|week|month|year|morning|night|evening))\b"),
    )
)

# Words before an expression that decide its kind; they become part of its text.
_SIGNALS = {
    "since": "since", "after": "since", "from": "since",
    "until": "until", "till": "until", "til": "until", "through": "until", "by": "until", "before": "until",
    "for": "for", "every": "recurring", "each": "recurring",
}  # fmt: skip
_RANGE_START = {"from", "between"}
# Words an entity may hold around a date found by a pattern ("Between 1992 and 1995").
_ENTITY_EXTRAS = {
    "the", "early", "late", "mid", "earlier", "later", "end", "start", "beginning", "middle", "of",
    "this", "last", "next", "night", "morning", "afternoon", "evening", "between", "from", "and", "to",
    "since", "until", "till", "through", "on", "in", "by", "st", "nd", "rd", "th", "a", "around",
    "about", "dawn", "midnight", "noon", "day", "s", "or", "eve",
}  # fmt: skip
_STARTS_RANGE = re.compile(r"(?i)(?:from|between)\b")
_RANGE_JOIN = re.compile(r"\s*(?:to|until|till|through|and|-|–|—)\s*$", re.I)
_OF_HEAD = re.compile(
    r"(?i)^(?:the\s+)?(?:night|morning|afternoon|evening|eve|day|weekend|end|start|beginning)$"
)
_TEMPORAL_WORD = re.compile(
    r"(?i)\b(?:day|days|week|weeks|weekend|month|months|year|years|decade|decades|centur(?:y|ies)|"
    r"night|morning|afternoon|evening|today|tonight|tomorrow|yesterday|overnight|hour|hours|season|"
    r"spring|summer|autumn|fall|winter|annual|annually|daily|weekly|monthly|yearly|quarter|era|"
    rf"eve|christmas|easter|ramadan|{'|'.join(MONTHS)}|{_WEEKDAY.lower()}s?)\b|\d"
)


# ----------------------------------------------------------------------- interpretation


@dataclass(slots=True)
class _Meaning:
    kind: str = "point"
    value: str | None = None
    precision: str | None = None
    relative: bool = False
    future: bool = False
    end_value: str | None = None


def _iso(d: dt.date, precision: str) -> str:
    if precision == "year":
        return f"{d.year:04d}"
    if precision == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if precision == "week":
        d = d - dt.timedelta(days=d.weekday())
    return d.isoformat()


def _add_months(d: dt.date, n: int) -> dt.date:
    m = d.year * 12 + d.month - 1 + n
    return dt.date(m // 12, m % 12 + 1, 1)


def _number(word: str) -> int | None:
    word = re.sub(r"\s+", " ", word.strip().lower())
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word)


def _pick(cands: list[dt.date], pub: dt.date, tense: str, *, by_month: bool = False) -> dt.date | None:
    """Choose among candidate dates around `pub` by tense (see the module docstring)."""

    def key(d: dt.date) -> tuple[int, int]:
        return (d.year, d.month) if by_month else (d.toordinal(), 0)

    p = key(pub)
    back = [d for d in cands if key(d) <= p]
    ahead = [d for d in cands if key(d) >= p]
    latest_back = max(back, key=key) if back else None
    first_ahead = min(ahead, key=key) if ahead else None
    if tense == "future":
        return first_ahead
    if tense == "present" and latest_back and first_ahead:
        dist_back = pub - latest_back if not by_month else _months_between(latest_back, pub)
        dist_ahead = first_ahead - pub if not by_month else _months_between(pub, first_ahead)
        return first_ahead if dist_ahead < dist_back else latest_back
    return latest_back


def _months_between(a: dt.date, b: dt.date) -> int:
    return (b.year - a.year) * 12 + b.month - a.month


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _norm(text: str) -> str:
    t = text.lower().replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-")
    t = re.sub(r"\s+", " ", t).strip(" ,;:")
    t = re.sub(r"'s$", "", t)
    return t


_MODIFIER = re.compile(
    r"^(?:(?:the\s+)?(?:end|start|beginning|middle|rest|first\s+half|second\s+half|"
    r"(?:first|second|third|fourth|last)\s+(?:quarter|week|weeks|days|half)|"
    r"night|morning|afternoon|evening|eve|day|weekend|spring|summer|autumn|fall|winter)\s+of\s+|"
    r"(?P<mod>early|mid|late|earlier|later|end)(?:[\s-]+|-))"
)
_TIME_OF_DAY = re.compile(r"\s+(?:morning|afternoon|evening|night)$")
_FULL_MONTHS = {name.lower() for name in MONTH_NAMES}
_MONTH_RX = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WD_RX = r"(?P<wd>" + "|".join(WEEKDAYS) + r")"


def _interpret(text: str, pub: dt.date | None, tense: str) -> _Meaning | None:
    """What a normalised expression means; None when it is not temporal at all."""
    t = _norm(text)
    m = re.fullmatch(r"(?:from|between)\s+(.+?)\s*(?:\b(?:to|until|till|through|and)\b|-)\s*(.+)", t)
    if m is None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", t):
        m = re.fullmatch(r"(.*\d(?:st|nd|rd|th)?)\s*-\s*(\d.*)", t)  # "1992-95", "5-7 March"
    if m:
        return _range(m.group(1), m.group(2), pub, tense)
    signal = None
    sm = re.match(r"(since|after|from|until|till|til|through|by|before|for|every|each)\s+(.+)", t)
    if sm:
        signal, t = _SIGNALS[sm.group(1)], sm.group(2)
    if signal == "since":
        tense = "past"
    core = _core(t, pub, tense)
    if core is None:
        return None
    if signal == "recurring" or core.kind == "recurring":
        return _Meaning(kind="recurring")
    if signal == "for":  # "for three days" is a duration; "polls called for 24 June" is a scheduled date
        return core if core.kind == "duration" else (_core(t, pub, "present") or core)
    if signal in ("since", "until"):
        if core.kind == "range":  # "since the 1990s": from the start of the decade
            core.end_value = None if signal == "since" else core.end_value
            if signal == "until" and core.end_value:
                core.value, core.end_value = core.end_value, None
        core.kind = signal if core.kind != "duration" else "duration"
    return core


def _range(left: str, right: str, pub: dt.date | None, tense: str) -> _Meaning | None:
    left, right = _norm(left), _norm(right)
    day = r"\d{1,2}(?:st|nd|rd|th)?"
    if re.fullmatch(r"\d{2}", right) and re.fullmatch(_YEAR, left):  # "1992-95"
        right = left[:2] + right
    # borrow what one side leaves out: "5 to 7 March", "March 5 to 7", "March to May 2019"
    if re.fullmatch(day, left) and (m := re.fullmatch(rf"{day}\s+(.+)", right)):
        left = f"{left} {m.group(1)}"
    rm = re.fullmatch(rf"({day})((?:,?\s+{_YEAR})?)", right)
    lm = re.fullmatch(rf"(\D+?){day}((?:,?\s+{_YEAR})?)", left)
    if rm and lm:
        right = f"{lm.group(1)}{rm.group(1)}{rm.group(2) or lm.group(2)}"
    year = re.search(rf",?\s+({_YEAR})$", right)
    if year and not re.search(_YEAR, left) and re.search(rf"\b(?:{'|'.join(MONTHS)})\b", left):
        left = f"{left} {year.group(1)}"
    a, b = _core(left, pub, tense), _core(right, pub, tense)
    if a is None and b is None:
        return None
    a = a or _Meaning()
    b = b or _Meaning()
    return _Meaning(
        kind="range",
        value=a.value,
        precision=a.precision,
        relative=a.relative or b.relative,
        future=a.future or b.future,
        end_value=b.end_value or b.value,
    )


def _core(t: str, pub: dt.date | None, tense: str) -> _Meaning | None:
    t = _norm(t)
    t = re.sub(r"^the\s+last\b", "past", t)  # "the last year" is the past twelve months, "last year" is 2022
    t = re.sub(r"^(?:(?:over|at|during|in|on)\s+)?the\s+", "", t)
    # decades
    m = re.fullmatch(r"(?:(?P<mod>early|mid|late)[\s-]*)?(?:(?P<c>1\d|20)(?P<d>\d)0|'?(?P<d2>\d)0)'?s", t)
    if m:
        if m.group("c"):
            start = int(m.group("c") + m.group("d") + "0")
        else:
            d2 = int(m.group("d2"))
            start = (1900 if d2 >= 3 else 2000) + d2 * 10
        lo, hi = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}.get(m.group("mod") or "", (0, 9))
        return _Meaning(kind="range", value=str(start + lo), precision="year", end_value=str(start + hi))

    later = modified = False
    while True:
        mm = _MODIFIER.match(t)
        if not mm:
            break
        later = later or mm.group("mod") == "later"
        modified = True
        t = re.sub(r"^the\s+", "", t[mm.end() :])
    t = t.strip()
    if modified and t in ("year", "month", "week"):
        t = f"this {t}"  # "by the end of the year": of this year

    # recurring
    if re.fullmatch(rf"{_WD_RX}s", t) or re.fullmatch(
        r"daily|weekly|monthly|annual(?:ly)?|yearly|quarterly|(?:once|twice|\w+ times) (?:a|per|every) \w+", t
    ):
        return _Meaning(kind="recurring")

    # absolute dates
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", t)
    if m:
        d = _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return _Meaning(value=d.isoformat(), precision="day") if d else None
    wd, day = rf"(?:{_WD_RX},?\s+)?", r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
    m = re.fullmatch(rf"{wd}{_MONTH_RX}\s+{day},?\s+(?P<y>\d{{4}})", t)
    m = m or re.fullmatch(rf"{wd}(?:the\s+)?{day}\s+(?:of\s+)?{_MONTH_RX},?\s+(?P<y>\d{{4}})", t)
    if m:
        d = _safe_date(int(m.group("y")), MONTHS[m.group("month")], int(m.group("day")))
        return _Meaning(value=d.isoformat(), precision="day") if d else None
    m = re.fullmatch(rf"{_MONTH_RX},?\s+(?:of\s+)?(?P<y>\d{{4}})", t)
    if m:
        return _Meaning(value=f"{m.group('y')}-{MONTHS[m.group('month')]:02d}", precision="month")
    m = re.fullmatch(rf"(?:(?:the\s+)?year\s+|fiscal\s+(?:year\s+)?|(?:{'|'.join(SEASONS)})\s+)?({_YEAR})", t)
    if m:
        return _Meaning(value=m.group(1), precision="year")

    # month and day without a year
    m = re.fullmatch(rf"{wd}{_MONTH_RX}\s+{day}", t)
    m = m or re.fullmatch(rf"{wd}(?:the\s+)?{day}\s+(?:of\s+)?{_MONTH_RX}", t)
    if m:
        month, day = MONTHS[m.group("month")], int(m.group("day"))
        if not 1 <= day <= 31:
            return None
        if pub is None:
            return _Meaning(relative=True, future=tense == "future")
        cands = [d for y in (pub.year - 1, pub.year, pub.year + 1) if (d := _safe_date(y, month, day))]
        named = [d for d in cands if m.group("wd") and d.weekday() == WEEKDAYS[m.group("wd")]]
        # "Sunday, Oct. 1": the weekday picks the year, whatever the tense
        d = min(named, key=lambda c: abs((c - pub).days)) if named else _pick(cands, pub, tense)
        return _relative(d, "day", pub, tense)

    # month without a year
    m = re.fullmatch(rf"(?:(?P<rel>last|next|this)\s+)?{_MONTH_RX}", t)
    if m and (m.group("month") in _FULL_MONTHS or m.group(0).endswith(".") or m.group("month") == "sept"):
        month = MONTHS[m.group("month")]
        if pub is None:
            return _Meaning(relative=True, future=tense == "future" or m.group("rel") == "next")
        cands = [dt.date(y, month, 1) for y in (pub.year - 1, pub.year, pub.year + 1)]
        rel = m.group("rel")
        if rel == "last":
            d = max(c for c in cands if _months_between(c, pub) > 0)
        elif rel == "next":
            d = min(c for c in cands if _months_between(pub, c) > 0)
        elif rel == "this":
            d = dt.date(pub.year, month, 1)
        else:
            d = _pick(cands, pub, tense, by_month=True)
        return _relative(d, "month", pub, tense)

    # weekdays
    m = re.fullmatch(rf"(?:(?P<rel>last|next|this|past|coming)\s+)?{_WD_RX}", _TIME_OF_DAY.sub("", t))
    if m:
        wd, rel = WEEKDAYS[m.group("wd")], m.group("rel")
        if pub is None:
            return _Meaning(relative=True, future=tense == "future" or rel in ("next", "coming"))
        back = pub - dt.timedelta(days=(pub.weekday() - wd) % 7)
        ahead = pub + dt.timedelta(days=(wd - pub.weekday()) % 7)
        if rel in ("last", "past"):
            d = back if back < pub else back - dt.timedelta(days=7)
        elif rel in ("next", "coming"):
            d = ahead if ahead > pub else ahead + dt.timedelta(days=7)
        else:
            d = _pick([back, ahead], pub, tense)
        return _relative(d, "day", pub, tense)

    # today, yesterday, tonight, last night...
    m = re.fullmatch(
        r"(?:(?P<dayof>day\s+(?:before|after)\s+))?(?P<w>today|tonight|overnight|yesterday|tomorrow|"
        r"this\s+(?:morning|afternoon|evening)|last\s+night)(?:\s+(?:morning|afternoon|evening|night))?",
        t,
    )
    if m:
        w = m.group("w").split()[0]
        shift = {"yesterday": -1, "tomorrow": 1, "last": -1}.get(w, 0)
        if m.group("dayof"):
            shift += -1 if "before" in m.group("dayof") else 1
        if pub is None:
            return _Meaning(relative=True, future=shift > 0 or later)
        return _relative(pub + dt.timedelta(days=shift), "day", pub, tense, future=later)

    # this/last/next week, month, year, weekend, season
    m = re.fullmatch(
        r"(?:(?P<rel>this|last|next|past|previous|coming|following|current)\s+)?(?P<unit>week|weekend|month|"
        r"year|decade|century|quarter|spring|summer|autumn|fall|winter)",
        t,
    )
    if m and (m.group("rel") or m.group("unit") == "weekend"):
        bare = "the" if m.group("unit") == "weekend" else "this"
        return _period(m.group("rel") or bare, m.group("unit"), pub, tense, later)

    # two years ago, three days later, in two weeks
    m = re.fullmatch(rf"(?:(?P<in>in|within)\s+)?(?P<n>{_NUM})\s+(?P<unit>{_UNIT})(?:'|\s+time)*"
                     r"(?:\s+(?P<dir>ago|earlier|later|from\s+now))?", t)  # fmt: skip
    if m and m.group("in") == "in" and not m.group("dir") and tense == "past":
        return _Meaning(kind="duration")  # "killed in a few days last week"
    if m and (m.group("in") == "in" or m.group("dir")):
        return _shift(m.group("n"), m.group("unit"), m.group("dir") or "from now", pub, tense)

    # durations: "five years", "the past decade", "another 18 months", "years", "recent weeks"; a bare
    # singular unit ("the day", "week by week") is not one
    m = re.fullmatch(
        rf"(?P<mods>(?:(?:past|last|next|coming|previous|recent|first|few|several|many|within|full|long|"
        rf"straight|consecutive|nearly|almost|more\s+than|over|about|around|some|another|nearly)\s+)*)"
        rf"(?P<n>{_NUM}\s+)?(?:(?:more|full|long)\s+)?(?P<unit>{_UNIT})(?:-long)?",
        t,
    )
    if (m and (m.group("mods") or m.group("n") or m.group("unit").endswith(("s", "ies")))) or re.fullmatch(
        rf"(?:\d+|{_NUM})-(?:day|week|month|year|decade|hour)s?(?:-(?:long|old))?", t
    ):
        return _Meaning(kind="duration", future=bool(re.match(r"(?:next|coming)\b", t)))

    if _TEMPORAL_WORD.search(t) and not re.fullmatch(r"\d+(?:st|nd|rd|th)", t):
        return _Meaning(future=later)
    return None


def _relative(
    d: dt.date | None, precision: str, pub: dt.date, tense: str, *, future: bool = False
) -> _Meaning:
    if d is None:
        return _Meaning(relative=True)
    value = _iso(d, precision)
    starts_after = interval(value, precision)[0] > pub
    return _Meaning(value=value, precision=precision, relative=True, future=future or starts_after)


def _period(rel: str, unit: str, pub: dt.date | None, tense: str, later: bool) -> _Meaning:
    if rel in ("past", "previous", "coming", "following") and unit != "weekend":
        if rel in ("past", "coming"):
            return _Meaning(kind="duration", future=rel == "coming")
        return _Meaning(relative=True)  # "the previous year": anchored to something else
    if unit in ("decade", "century", "quarter") or (rel == "last" and unit == "decade"):
        return _Meaning(kind="duration" if rel in ("last", "past") else "point", relative=True)
    shift = {"last": -1, "next": 1}.get(rel, 0)
    if pub is None:
        return _Meaning(relative=True, future=shift > 0 or later)
    if unit == "week":
        return _relative(pub + dt.timedelta(days=7 * shift), "week", pub, tense, future=later)
    if unit == "month":
        return _relative(_add_months(pub, shift), "month", pub, tense, future=later)
    if unit == "year":
        return _relative(dt.date(pub.year + shift, 1, 1), "year", pub, tense, future=later)
    if unit == "weekend":
        sat = pub - dt.timedelta(days=(pub.weekday() - 5) % 7)  # latest Saturday on or before pub
        if rel == "last":
            sat = sat if sat + dt.timedelta(days=1) < pub else sat - dt.timedelta(days=7)
        elif sat + dt.timedelta(days=1) < pub and (
            rel == "next"
            or tense == "future"
            or (rel == "this" and tense == "present")  # "would be announced this weekend"
        ):
            sat = sat + dt.timedelta(days=7)  # the coming weekend; "the weekend" alone looks back
        elif rel == "next":
            sat = sat + dt.timedelta(days=7)
        return _relative(sat, "week", pub, tense, future=later or shift > 0)
    first, last = SEASONS[unit]
    if rel == "last":
        year = pub.year if pub.month > last else pub.year - 1
    elif rel == "next":
        year = pub.year if pub.month < first else pub.year + 1
    else:
        year = pub.year
    return _Meaning(value=str(year), precision="year", relative=True, future=later or year > pub.year)


def _shift(n_text: str, unit: str, direction: str, pub: dt.date | None, tense: str) -> _Meaning:
    n = _number(n_text)
    direction = re.sub(r"\s+", " ", direction)
    if direction in ("earlier", "later", "before", "after") or n is None:
        return _Meaning(relative=True, future=direction == "from now")  # anchor unknown or vague
    sign = -1 if direction == "ago" else 1
    unit = unit.rstrip("s")
    if pub is None:
        return _Meaning(relative=True, future=sign > 0)
    if unit in ("day", "week"):
        return _relative(pub + dt.timedelta(days=sign * n * (7 if unit == "week" else 1)), "day", pub, tense)
    if unit == "month":
        return _relative(_add_months(pub, sign * n), "month", pub, tense)
    if unit in ("year", "decade"):
        years = sign * n * (10 if unit == "decade" else 1)
        return _relative(dt.date(pub.year + years, 1, 1), "year", pub, tense)
    if unit in ("hour", "minute"):
        return _relative(pub, "day", pub, tense)
    return _Meaning(relative=True)


# ------------------------------------------------------------------------ tense of the clause


def _tense(tokens: list[Token]) -> str:
    """'future', 'past', 'present' or 'unknown' for the clause a date attaches to."""
    ids = {t.i for t in tokens}
    root = next((t for t in tokens if t.head.i not in ids or t.head.i == t.i), tokens[0])
    cur = root.head if root.head.i != root.i else root
    for _ in range(10):
        if cur.pos_ in ("VERB", "AUX") or (cur.pos_ == "ADJ" and cur.lemma_ in FUTURE_HEADS):
            break
        if cur.head.i == cur.i:
            return "unknown"
        cur = cur.head
    else:
        return "unknown"
    return _verb_tense(cur)


def _verb_tense(v: Token, depth: int = 0) -> str:
    aux = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
    words = {c.lower_ for c in aux}
    if words & FUTURE_AUX or v.lower_ in FUTURE_AUX:
        return "future"
    has_head = v.head.i != v.i and depth < 4
    if not aux and v.dep_ == "conj" and v.tag_ == "VB" and has_head:  # "will stay and then leave by March"
        return _verb_tense(v.head, depth + 1)
    if v.pos_ == "ADJ" and v.dep_ == "acomp" and has_head:  # "is due", "was ready": the copula decides
        base = _verb_tense(v.head, depth + 1)
    elif "to" in words and has_head:  # an infinitive: the verb that governs it decides
        head = v.head
        base = _verb_tense(head, depth + 1)
        if head.lemma_ in FUTURE_HEADS or head.lower_ in FUTURE_HEADS:
            return "present" if base == "past" else "future"
        return "present" if base == "past" else base  # "agreed to meet on Friday": after the agreement
    elif (
        words & {"has", "have", "had", "'ve", "’ve"}
        or any(c.tag_ == "VBD" for c in aux)
        or v.tag_ == "VBD"
        or (v.tag_ == "VBN" and not aux)
    ):
        base = "past"
    elif words & MODAL_AUX or v.tag_ in ("VBZ", "VBP") or words & PRESENT_BE:
        base = "present"
    else:
        base = "unknown"
    if base == "present" and (v.lemma_ in FUTURE_HEADS or v.lower_ in FUTURE_HEADS):
        return "future"  # "talks are expected", "the vote is due"
    return base


# ------------------------------------------------------------------------------ finding


def _is_year_number(sent: Span, tok_start: int, tok_end: int, is_date_ent: bool) -> bool:
    """Whether a bare 4-digit number is a year rather than a count ("1989 people")."""
    toks = sent[tok_start:tok_end]
    num = toks[-1]
    if not (num.like_num and num.text.isdigit() and len(num.text) == 4):
        return True
    year = int(num.text)
    prev = sent[tok_start - 1] if tok_start > 0 else None
    prev_word = prev.lower_ if prev is not None else ""
    head = num.head
    counted = (
        num.dep_ == "nummod"
        and head.i > num.i
        and head.tag_ in ("NNS", "NNPS", "NN")
        and (head.lemma_.lower() in COUNT_NOUNS or head.lower_ in COUNT_NOUNS)
    )
    if prev_word in QUANTIFIERS or (prev_word in ("more", "less", "fewer") and counted):
        return False
    if prev_word in YEAR_PREPOSITIONS and 1800 <= year <= 2100:
        if prev_word == "of":
            before = sent[tok_start - 2] if tok_start > 1 else None
            if before is not None and (before.lower_ in QUANTITY_NOUNS or before.lemma_ in QUANTITY_NOUNS):
                return False
            nxt = sent[tok_end] if tok_end < len(sent) else None
            if nxt is not None and nxt.pos_ == "NOUN" and nxt.tag_ == "NNS":
                return False
        return not counted or prev_word != "of"
    if counted and prev_word not in ("the", "this", "that", "its", "their", "his", "her", "'s", "’s"):
        return False
    return is_date_ent and 1000 <= year <= 2100


# Finders that cannot match without a digit (a year, a day of the month, a decade). Most sentences
# have none, and these patterns cost more than half of the scan (the year pattern tries its
# optional prefixes at every position), so they are skipped there: the same spans, found sooner.
_DIGIT_FINDERS = frozenset({
    "iso", "range-years", "month-day", "day-month", "day-range", "month-day-range", "month-year", "decade",
    "year",
})  # fmt: skip
_DIGIT = re.compile(r"\d")  # the finders' \d and [0-9] match only what this matches


def _spans_from_patterns(text: str) -> tuple[tuple[int, int, str], ...]:
    found = []
    digits = _DIGIT.search(text) is not None
    for name, rx in _FINDERS:
        if not digits and name in _DIGIT_FINDERS:
            continue
        for m in rx.finditer(text):
            found.append((m.start(), m.end(), name))
    # keep the longest of overlapping matches
    found.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    kept: list[tuple[int, int, str]] = []
    for s in found:
        if kept and s[0] < kept[-1][1]:
            if s[1] - s[0] > kept[-1][1] - kept[-1][0] and s[0] >= kept[-1][0]:
                kept[-1] = s
            continue
        kept.append(s)
    return tuple(kept)


_BARE_MONTH_CONTEXT = YEAR_PREPOSITIONS | {
    "between", "and", "or", "to", "last", "next", "this", "early", "late", "mid", "until", "for",
    "around", "on", "throughout", "end", "since",
}  # fmt: skip


def _accept_pattern(text: str, start: int, end: int, name: str) -> bool:
    before = text[:start].rstrip()
    prev = re.search(r"([A-Za-z'’]+)\W*$", before)
    prev_word = prev.group(1) if prev else ""
    if name == "month":
        word = text[start:end].split()[-1].split("-")[-1]
        if word.lower() != text[start:end].lower():  # has a modifier: "early March"
            return True
        return prev_word.lower() in _BARE_MONTH_CONTEXT and not (word == "May" and prev_word.lower() == "by")
    if name == "weekday":
        return prev_word.lower() not in WEEKDAY_NAME_PREFIXES or not prev_word[:1].isupper()
    return True


@lru_cache(maxsize=8192)  # the entity typing asks for each sentence's, the date finder again
def _accepted_patterns(text: str) -> tuple[tuple[int, int, str], ...]:
    """The pattern matches of a text that `_accept_pattern` keeps."""
    return tuple(p for p in _spans_from_patterns(text) if _accept_pattern(text, *p))


def clear_text_memo() -> None:
    """Forget the pattern matches memoised by sentence text (benchmarks: no run may reuse what
    an earlier one found for the same sentences)."""
    _accepted_patterns.cache_clear()


def pattern_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the temporal expressions the patterns find in a text ("last week",
    "on Monday", "12 January 2020"): DATE entities where spaCy's entity recogniser does not
    run (detente.actors.entities)."""
    return [(s, e) for s, e, _name in _accepted_patterns(text)]


def find_time_expressions(sent: Span, pub_date: dt.date | None) -> list[TimeExpression]:
    """Temporal expressions of one sentence, each resolved against the publication date.

    Candidates come from spaCy's DATE/TIME entities and from patterns for what the
    small model misses; overlapping candidates are merged, ranges ("from 2010 to
    2012") and "the night of 12 January" are joined, and a preceding "since",
    "until", "by", "for", "every"... is taken in because it decides the kind.
    """
    text = sent.text
    base = sent.start_char
    ents = [
        (e.start_char - base, e.end_char - base, e.label_)
        for e in sent.ents
        if e.label_ in ("DATE", "TIME") and e.start_char >= base and e.end_char <= base + len(text)
    ]
    pats = list(_accepted_patterns(text))
    spans = _combine(text, ents, pats)
    spans = _join(text, spans)
    out: list[TimeExpression] = []
    for start, end, from_ent in spans:
        start = _extend_signal(text, start, spans)
        span = sent.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        ts, te = span.start - sent.start, span.end - sent.start
        while te > ts and (
            sent[te - 1].is_punct or sent[te - 1].tag_ == "POS" or sent[te - 1].pos_ == "CCONJ"
        ):
            te -= 1
        while ts < te and sent[ts].is_punct:
            ts += 1
        if any(t.lower_ in _FULL_MONTHS and t.text.islower() for t in sent[ts:te]) and not any(
            t.like_num for t in sent[ts:te]
        ):
            continue  # "watch the Americans march away", "may"
        if te <= ts:
            continue
        span = sent[ts:te]
        s_text = span.text
        if re.fullmatch(r"\d{4}", s_text.strip()) and not _is_year_number(sent, ts, te, from_ent):
            continue
        if not _year_ok_in_span(sent, ts, te, from_ent):
            continue
        tense = _tense(list(span))
        meaning = _interpret(s_text, pub_date, tense)
        if meaning is None:
            continue
        if sent[ts].lower_ == "for" and meaning.kind != "duration" and te - ts > 1:
            ts += 1  # "planned for next week": "for" says nothing here
            span = sent[ts:te]
            s_text = span.text
        future = meaning.future
        if pub_date is not None and meaning.value and not future:
            future = interval(meaning.value, meaning.precision)[0] > pub_date
        if tense == "future" and meaning.kind in ("point", "until", "range") and not future:
            # "will speak tonight": said to come, unless the value is already over
            over = pub_date is not None and meaning.value is not None
            future = not (over and interval(meaning.value, meaning.precision)[1] < pub_date)
        out.append(
            TimeExpression(
                text=s_text,
                start=span.start_char - base,
                end=span.end_char - base,
                token_start=ts,
                token_end=te,
                value=meaning.value,
                precision=meaning.precision if meaning.value else None,
                kind=meaning.kind,
                relative=meaning.relative,
                future=future,
                end_value=meaning.end_value,
            )
        )
    return out


def _year_ok_in_span(sent: Span, ts: int, te: int, from_ent: bool) -> bool:
    """Reject spans whose only content is a number that is not a year ("1989 people", an age)."""
    toks = [t for t in sent[ts:te] if not (t.lower_ in _SIGNALS or t.lower_ in ("the",))]
    if len(toks) == 1 and toks[0].text.isdigit():
        if len(toks[0].text) != 4:
            return False
        return _is_year_number(sent, toks[0].i - sent.start, toks[0].i - sent.start + 1, from_ent)
    return True


def _combine(
    text: str, ents: list[tuple[int, int, str]], pats: list[tuple[int, int, str]]
) -> list[tuple[int, int, bool]]:
    """Union of entity and pattern spans; an entity holding several dates is split, and one
    that runs past its date ("March 2019 after months") is cut back to the pattern."""
    result: list[tuple[int, int, bool]] = []
    used: set[int] = set()
    for es, ee, _label in ents:
        inside = [i for i, (ps, pe, _) in enumerate(pats) if ps < ee and pe > es]
        rest = text[es:ee]
        for i in sorted(inside, reverse=True):
            ps, pe = max(pats[i][0], es) - es, min(pats[i][1], ee) - es
            rest = rest[:ps] + " " + rest[pe:]
        if inside and any(w.lower() not in _ENTITY_EXTRAS for w in re.findall(r"[A-Za-z]+", rest)):
            for i in inside:
                result.append((pats[i][0], pats[i][1], True))
            used.update(inside)
            continue
        if len(inside) >= 2:  # ranges are joined again by _join
            gaps = [pats[inside[k + 1]][0] - pats[inside[k]][1] for k in range(len(inside) - 1)]
            if all(g >= 0 for g in gaps):
                for i in inside:
                    ps, pe, _ = pats[i]
                    result.append((min(ps, es) if i == inside[0] else ps, pe, True))
                used.update(inside)
                continue
        s, e = es, ee
        for i in inside:
            s, e = min(s, pats[i][0]), max(e, pats[i][1])
            used.add(i)
        result.append((s, e, True))
    for i, (ps, pe, _) in enumerate(pats):
        if i not in used:
            result.append((ps, pe, False))
    result.sort()
    merged: list[tuple[int, int, bool]] = []
    for s, e, f in result:
        if merged and s < merged[-1][1]:
            ms, me, mf = merged[-1]
            merged[-1] = (ms, max(me, e), mf or f)
        else:
            merged.append((s, e, f))
    return merged


def _join(text: str, spans: list[tuple[int, int, bool]]) -> list[tuple[int, int, bool]]:
    """Join "from X to Y", "between X and Y", "the night of X" and "Friday, March 5"."""
    out: list[tuple[int, int, bool]] = []
    for s, e, f in spans:
        if out:
            ps, pe, pf = out[-1]
            gap = text[pe:s]
            prev_text = text[ps:pe]
            before = re.search(r"(\w+)\s*$", text[:ps])
            starts_range = bool(_STARTS_RANGE.match(prev_text)) or bool(
                before and before.group(1).lower() in _RANGE_START
            )
            is_range = bool(re.search(r"(?i)\b(?:to|and|until|till|through)\b|\d\s?[-–]\s?\d", prev_text))
            if (
                _RANGE_JOIN.fullmatch(gap)
                and (
                    starts_range  # "from X to Y", "between X and Y"; a bare dash only between numbers
                    or (
                        re.fullmatch(r"\s*[-–]\s*", gap)
                        and prev_text[-1:].isdigit()
                        and text[s:e][:1].isdigit()
                    )
                )
                and not is_range
                and not _STARTS_RANGE.match(text[s:e])
            ):
                if before and before.group(1).lower() in _RANGE_START and not _STARTS_RANGE.match(prev_text):
                    ps = before.start(1)
                out[-1] = (ps, e, pf or f)
                continue
            if re.fullmatch(r"\s+of\s+", gap) and _OF_HEAD.fullmatch(prev_text.strip()):
                out[-1] = (ps, e, pf or f)
                continue
            if (
                re.fullmatch(r",?\s*", gap)
                and re.fullmatch(_WEEKDAY, prev_text.strip())
                and re.match(rf"(?:{_MONTH_ANY}|\d)", text[s:e])
            ):
                out[-1] = (ps, e, pf or f)
                continue
        out.append((s, e, f))
    return out


def _extend_signal(text: str, start: int, spans: list[tuple[int, int, bool]]) -> int:
    """Take in a preceding signal word ("since", "by", "for"...) that decides the kind."""
    if re.match(rf"(?i)(?:{'|'.join(_SIGNALS)}|between)\b", text[start:]):
        return start
    m = re.search(r"\b(\w+)\s+$", text[:start])
    if m and m.group(1).lower() in _SIGNALS and not any(s <= m.start(1) < e for s, e, _ in spans):
        return m.start(1)
    return start


# ------------------------------------------------------------------------------ intervals


def interval(value: str, precision: str | None = None) -> tuple[dt.date, dt.date]:
    """First and last day a value can mean: "2003" -> 2003-01-01..2003-12-31.

    Precision "week" reads the value as the Monday of the week; without a
    precision the value's own form decides.
    """
    parts = value.split("-")
    try:
        if len(parts) == 1:
            y = int(parts[0])
            return dt.date(y, 1, 1), dt.date(y, 12, 31)
        if len(parts) == 2:
            y, m = int(parts[0]), int(parts[1])
            return dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1])
        d = dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"not a YYYY, YYYY-MM or YYYY-MM-DD value: {value!r}") from exc
    if precision == "week":
        monday = d - dt.timedelta(days=d.weekday())
        return monday, monday + dt.timedelta(days=6)
    if precision == "month":
        return interval(value[:7])
    if precision == "year":
        return interval(value[:4])
    return d, d


def is_historical(
    value: str | None,
    precision: str | None,
    pub_date: dt.date | None,
    *,
    window_days: int = 31,
    end_value: str | None = None,
) -> bool:
    """Whether a date lies wholly in the past of the article (background, not news).

    True when the latest day the value can mean (2003 -> 2003-12-31, or the end of a
    range) is more than `window_days` before `pub_date`; False when unknown.
    """
    if value is None or pub_date is None:
        return False
    latest = interval(end_value or value, precision if end_value is None else None)[1]
    return (pub_date - latest).days > window_days
