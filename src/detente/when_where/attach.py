"""Which date and which place belong to which event.

Dates: an expression in the event's own clause wins ("designated ... in 2003"); then one
deeper in its subtree ("a war that ended ... in 1989"); then one of a clause above it
("Earlier this month, it became the first nation to appoint ..."); else the article's story
date when the clause is in the past tense (the last explicit recent date: "on Friday"),
else the publication date. Past-perfect background without a date, and events in
"since ..." clauses, get no date but are flagged historical. Explicit dates more than a
month before publication are historical.

Places: a place in a locative phrase (in, at, from, near ...) of the event's clause or of a
clause above it ("..., he said Friday from Kazan, Russia" places what he said); else the
place of another event of the same article on the same day. A phrase may name the place one
"of" away ("near the town of Samarra", data/place_parts.txt); an attack is where it is "on"
("strikes on Gaza"); a deed is also placed by a phrase on its subject ("a bombing near X
killed ...") and an attack by a when/as clause telling how it was done.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from spacy.tokens import Span, Token

from detente.records import Location
from detente.when_where.dates import (
    NUMBER_WORDS,
    TimeExpression,
    find_time_expressions,
    interval,
    is_historical,
)

CLAUSE_DEPS = {"ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "parataxis", "pcomp", "csubj"}
LOCATIVE_PREPS = {
    "in",
    "at",
    "from",
    "near",
    "outside",
    "inside",
    "across",
    "throughout",
    "within",
    "into",
    "around",
}
# Assaults, fighting and mass violence, and the subordinators of a clause telling how they were done.
VIOLENT_ROOTS = frozenset({"18", "19", "20"})
HOW_MARKS = frozenset({"when", "as"})
# Lexicon classes of nouns naming an attack: a place it is "on" is where it happened.
ATTACK_CLASSES = ("ATTACK", "AIRSTRIKE")
# Roots of words rather than deeds (statements, appeals, intents, demands, criticism,
# rejections, threats, cutting relations): a place further down their arguments is where the
# topic is ("accused it of failures in Afghanistan"), not where the event happened.
TOPIC_PLACE_ROOTS = frozenset({"01", "02", "03", "10", "11", "12", "13", "16"})
NESTED_ARGUMENT_DEPS = frozenset(
    {"pobj", "prep", "dobj", "dative", "appos", "compound", "conj", "nsubjpass", "attr", "oprd"}
)
TIME_PREPS = frozenset({"after", "before", "since", "until", "till", "following", "ahead"})
OTHER_TIME_MARKS = frozenset({"after", "before", "while", "until", "till", "once"})
BACKGROUND_MARKS = {"since", "after", "before", "until", "till", "once"}
PAST_TAGS = {"VBD", "VBN"}
INCEPTIVE_VERBS = frozenset({"begin", "start", "erupt", "launch"})


@dataclass(frozen=True, slots=True)
class DateInfo:
    value: str | None
    precision: str | None
    historical: bool
    text: str | None = None
    how: str = "default"

    def day(self, fallback: dt.date | None) -> dt.date | None:
        """A representative day (the middle of the interval) for resolving dated roles."""
        if self.value is None:
            return fallback
        a, b = interval(self.value, self.precision)
        return a + (b - a) / 2


@dataclass
class StoryContext:
    """What the article has established so far about time and place."""

    pub_date: dt.date | None
    story: TimeExpression | None = None
    places_by_day: dict[str, tuple[Location, str]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class AnchoredTime:
    expr: TimeExpression
    governor: Token  # the word the expression modifies


@dataclass(frozen=True, slots=True)
class AnchoredPlace:
    location: Location
    text: str
    governor: Token
    prep: str = "in"  # the preposition that introduces it ("from" says where someone came from)


def _expression_governor(span: Span, expr: TimeExpression) -> Token:
    tokens = span[expr.token_start : expr.token_end]
    root = tokens.root
    gov = root.head
    while gov.pos_ == "ADP" and gov.head.i != gov.i:  # "in 2003" -> the verb the phrase modifies
        gov = gov.head
    return gov if root.head.i != root.i else root


def sentence_times(span: Span, pub_date: dt.date | None) -> list[AnchoredTime]:
    out = []
    for expr in find_time_expressions(span, pub_date):
        out.append(AnchoredTime(expr, _expression_governor(span, expr)))
    return out


def local_tokens(anchor: Token) -> set[int]:
    """The anchor's own clause: its dependents, not crossing into clauses of their own verbs."""
    out = {anchor.i}
    stack = [anchor]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ in CLAUSE_DEPS and c.pos_ in ("VERB", "AUX"):
                continue
            out.add(c.i)
            stack.append(c)
    return out


def _distance(a: Token, b: Token) -> int:
    """Tree distance between two tokens (edges on the path through their lowest common ancestor)."""
    up_a = [a, *a.ancestors]
    pos = {t.i: k for k, t in enumerate(up_a)}
    for k, t in enumerate([b, *b.ancestors]):
        if t.i in pos:
            return pos[t.i] + k
    return 99


def _anterior(tok: Token, anchor: Token) -> bool:
    """Is `tok` in a clause below the anchor that tells of an earlier time ("relations, which had
    broken down in 2016", "after the kingdom executed ...")?"""
    cur = tok
    while cur.i != anchor.i and cur.head.i != cur.i:
        if cur.pos_ in ("VERB", "AUX") and (
            _tense_of(cur) == "pastperfect" or _mark(cur) in BACKGROUND_MARKS
        ):
            return True
        if cur.dep_ == "relcl" and cur.lemma_.lower() in INCEPTIVE_VERBS:
            # "ended a boycott of Qatar that began in 2017": when a thing began is earlier than
            # what is done to it ("a war that ended in 1989" still dates the war)
            return True
        cur = cur.head
    return False


def _usable(e: TimeExpression) -> bool:
    return e.value is not None and e.kind not in ("duration", "recurring")


def _vague(e: TimeExpression) -> bool:
    """A point in time the text names without saying which ("earlier in the week")."""
    return e.value is None and e.kind == "point"


def _tense_of(tok: Token) -> str:
    """'past', 'pastperfect', 'presentperfect', 'present', 'future' or '' for a verb's clause."""
    if tok.pos_ not in ("VERB", "AUX"):
        return ""
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    lows = {a.lower_ for a in auxes}
    if lows & {"will", "'ll", "’ll", "shall", "wo"}:
        return "future"
    if "had" in lows or ("'d" in lows and tok.tag_ == "VBN"):
        return "pastperfect"
    if lows & {"has", "have", "'ve", "’ve"}:
        return "presentperfect"
    if any(a.tag_ == "VBD" for a in auxes) or tok.tag_ == "VBD":
        return "past"
    if tok.tag_ == "VBN" and not auxes:
        return "past"
    return "present"


def _finite(tok: Token) -> bool:
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass") and c.lower_ != "to"]
    return (
        bool(auxes)
        or tok.tag_ in ("VBD", "VBZ", "VBP")
        or (tok.tag_ == "VBN" and tok.dep_ in ("ROOT", "conj"))
    )


def clause_tense(anchor: Token) -> str:
    """The tense that governs an event: its own, or for infinitives and participles the tense of
    the clause above; a future inside reported speech ("said Moscow would ...") is dated by the
    saying."""
    cur = anchor
    tense = ""
    for _ in range(8):
        if _finite(cur):
            tense = _tense_of(cur)
            if tense in ("future", "conditional") or any(
                c.lower_ == "would" for c in cur.children if c.dep_ == "aux"
            ):
                up = cur
                while up.head.i != up.i and up.dep_ in ("ccomp", "xcomp", "advcl", "conj"):
                    up = up.head
                    if _finite(up) and _tense_of(up) in ("past", "presentperfect", "present"):
                        return _tense_of(up)
            return tense
        if cur.head.i == cur.i or cur.dep_ not in (
            "xcomp",
            "ccomp",
            "advcl",
            "conj",
            "acl",
            "pcomp",
            "relcl",
            "acomp",
        ):
            break
        cur = cur.head
    return tense or _tense_of(anchor)


def _to_info(e: TimeExpression, pub_date: dt.date | None, how: str) -> DateInfo:
    value, precision = e.value, e.precision
    if precision == "week" and value:
        value, precision = value[:7], "month"
    hist = is_historical(value, precision, pub_date, end_value=e.end_value if e.kind == "range" else None)
    return DateInfo(value, precision, hist, e.text, how)


ANNIVERSARY = "anniversary"
ORDINAL_NUMBER = re.compile(r"^(\d+)(?:st|nd|rd|th)$")


def _anniversary_date(anniversary: Token, times: list[AnchoredTime], ctx: StoryContext) -> DateInfo:
    """ "marked the 30th anniversary of Iraq's invasion": the act is as many years before the
    anniversary's own date; without a number, only that it is past."""
    years = next(
        (
            int(m.group(1))
            for c in anniversary.children
            if c.dep_ == "amod" and (m := ORDINAL_NUMBER.match(c.text))
        ),
        None,
    )
    marked = date_for(anniversary, times, ctx)
    if years is None or not marked.value or not marked.value[:4].isdigit():
        return DateInfo(None, None, True, None, "anniversary: an earlier time")
    year = f"{int(marked.value[:4]) - years:04d}"
    return DateInfo(year, "year", True, None, f"{years} years before the anniversary")


def date_for(
    anchor: Token,
    times: list[AnchoredTime],
    ctx: StoryContext,
    *,
    background: bool = False,
    mark: str | None = None,
) -> DateInfo:
    usable = [t for t in times if _usable(t.expr)]
    local = local_tokens(anchor)
    own = [t for t in usable if t.governor.i in local]
    if own:
        best = min(own, key=lambda t: _distance(anchor, t.governor))
        return _to_info(best.expr, ctx.pub_date, "own clause")
    # "Washington's expulsion of diplomats earlier in the week": the act's own phrase says when,
    # too vaguely for a date; it does not borrow the date of the clause above
    inside = range(anchor.left_edge.i, anchor.right_edge.i + 1)
    vague = [t for t in times if _vague(t.expr) and t.governor.i in inside]
    if vague and anchor.pos_ in ("NOUN", "PROPN"):
        return DateInfo(None, None, False, vague[0].expr.text, "own phrase, no date")
    below = [
        t
        for t in usable
        if (anchor in t.governor.ancestors or t.governor.i == anchor.i) and not _anterior(t.governor, anchor)
    ]
    if below:
        best = min(below, key=lambda t: _distance(anchor, t.governor))
        return _to_info(best.expr, ctx.pub_date, "subclause")
    # A clause above: "Earlier this month, it became the first nation to appoint ...".
    tense = clause_tense(anchor)
    child = anchor
    for head in anchor.ancestors:
        dep = child.dep_
        if dep in ("advcl",) and _mark(child) == "since":
            break  # "since the Taliban took power": the governing date says nothing of this one
        if dep == "pobj" and head.lower_ == "since" and anchor.pos_ in ("NOUN", "PROPN"):
            # "the first talks since Russia's invasion of Ukraine": an act before the clause's
            # time, which the sentence does not give
            return DateInfo(None, None, True, None, "since phrase: an earlier time")
        if dep == "pobj" and head.lower_ == "of" and head.head.lemma_ == ANNIVERSARY:
            return _anniversary_date(head.head, times, ctx)
        if dep == "advcl":
            shifted = _offset_date(child, head, times, ctx)
            if shifted is not None:
                return shifted
        if (dep == "advcl" and _mark(child) in OTHER_TIME_MARKS) or dep == "relcl":
            # "raised its alert on Sunday after the group claimed an attack", "an attack that
            # governments blame on ...": another time, which the sentence does not give
            return DateInfo(None, None, False, None, "clause of another time")
        if dep == "conj" and tense and clause_tense(head) and clause_tense(head)[:4] != tense[:4]:
            break  # "it became ... and it is among ...": a different time
        above = [t for t in usable if t.governor.i in local_tokens(head) and t.governor.i not in local]
        if above:
            best = min(above, key=lambda t: _distance(head, t.governor))
            return _to_info(best.expr, ctx.pub_date, "clause above")
        child = head
    if background or (mark in BACKGROUND_MARKS):
        return DateInfo(None, None, True, None, "background clause")
    if tense == "pastperfect":
        return DateInfo(None, None, True, None, "past perfect")
    if tense in ("past",) and ctx.story is not None:
        return _to_info(ctx.story, ctx.pub_date, "story date")
    if ctx.pub_date is not None:
        return DateInfo(ctx.pub_date.isoformat(), "day", False, None, "publication date")
    return DateInfo(None, None, False, None, "unknown")


# "two years after", "a day before": the units an offset between two clauses is counted in.
OFFSET_UNITS = {
    "day": ("days", 1),
    "week": ("days", 7),
    "month": ("months", 1),
    "year": ("months", 12),
    "decade": ("months", 120),
}


def _offset_date(clause: Token, head: Token, times: list[AnchoredTime], ctx: StoryContext) -> DateInfo | None:
    """ "reopened its embassy on Monday, two years after it ended the boycott": an "after" or
    "before" clause with a measured gap is dated from the clause it hangs on."""
    mark = next((c for c in clause.children if c.dep_ == "mark" and c.lower_ in ("after", "before")), None)
    if mark is None:
        return None
    gap = next((c for c in mark.children if c.dep_ == "npadvmod"), None) or next(
        (c for c in clause.children if c.dep_ == "npadvmod" and c.i < mark.i), None
    )
    if gap is None or gap.lemma_.lower() not in OFFSET_UNITS:
        return None
    n = None
    for c in gap.children:
        if c.dep_ == "nummod":
            n = int(c.text) if c.text.isdigit() else NUMBER_WORDS.get(c.lower_)
        elif c.dep_ == "det" and c.lower_ in ("a", "an"):
            n = 1
    if not n:
        return None
    base = date_for(head, times, ctx)
    if base.value is None or base.precision not in ("day", "month", "year"):
        return None
    kind, size = OFFSET_UNITS[gap.lemma_.lower()]
    step = -n * size if mark.lower_ == "after" else n * size
    start = interval(base.value, base.precision)[0]
    if kind == "days":
        if base.precision != "day":
            return None
        value, precision = (start + dt.timedelta(days=step)).isoformat(), "day"
    else:
        m = start.year * 12 + start.month - 1 + step
        year, month = m // 12, m % 12 + 1
        if size >= 12:
            value, precision = f"{year:04d}", "year"
        elif base.precision in ("day", "month"):
            value, precision = f"{year:04d}-{month:02d}", "month"
        else:
            return None
    hist = is_historical(value, precision, ctx.pub_date)
    return DateInfo(value, precision, hist, f"{gap.text} {mark.text}", "offset from the clause above")


def _mark(verb: Token) -> str | None:
    for c in verb.children:
        if c.dep_ == "mark":
            return c.lower_
    return None


def clause_mark(anchor: Token) -> str | None:
    """The subordinating word of the nearest clause above the anchor ("after", "since", "if")."""
    cur = anchor
    while cur.head.i != cur.i:
        if cur.dep_ == "advcl":
            return _mark(cur)
        if cur.dep_ not in ("conj", "xcomp"):
            return None
        cur = cur.head
    return None


def update_story(times: Iterable[AnchoredTime], ctx: StoryContext) -> None:
    """Remember the last explicit, recent, past date of a sentence as the story date. A bare
    year ("withdrew in 1989", "broke down in 2016") places background, not the story's day, so
    it never becomes the story date (without a publication date nothing says it is old)."""
    for t in times:
        e = t.expr
        if not _usable(e) or e.future or e.kind not in ("point",) or e.precision == "year":
            continue
        if is_historical(e.value, e.precision, ctx.pub_date):
            continue
        ctx.story = e


# --- places --------------------------------------------------------------------------------------------


def place_for(anchor: Token, places: list[AnchoredPlace], root: str | None = None) -> AnchoredPlace | None:
    """A place in a locative phrase of the event's clause; for acts other than words, one
    further down its arguments ("fired at protesters in Baghdad", "met on the sidelines of
    the Assembly in New York"); else one of a clause above it. `root` is the CAMEO root."""
    if not places:
        return None
    own = [p for p in places if _places_event(p, anchor)]
    if own:
        return min(own, key=lambda p: _distance(anchor, p.governor))
    if root is not None and root not in TOPIC_PLACE_ROOTS:
        # not "representatives from China": where someone came from is not where it happened
        nested = [
            p
            for p in places
            if p.prep != "from" and (_nested_under(p.governor, anchor) or _on_subject(p.governor, anchor))
        ]
        if nested:
            return min(nested, key=lambda p: _distance(anchor, p.governor))
    if root in VIOLENT_ROOTS:
        # "killed 23 people when they blew themselves up in Tel Aviv": a clause telling how the
        # attack was done says where
        for c in anchor.children:
            if c.dep_ == "advcl" and any(
                m.dep_ in ("mark", "advmod") and m.lower_ in HOW_MARKS for m in c.children
            ):
                found = _place_in_clause(c, places)
                if found is not None:
                    return found
    for head in anchor.ancestors:
        if head.pos_ not in ("VERB", "AUX"):
            continue
        above = [p for p in places if _places_event(p, head)]
        if above:
            return min(above, key=lambda p: _distance(head, p.governor))
    return None


def threatened_place(anchor: Token, places: list[AnchoredPlace]) -> AnchoredPlace | None:
    """Where a threatened deed would happen: a place of the deed's own clause or its arguments
    ("threatened to impose a curfew in Algiers")."""
    for c in anchor.children:
        if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX"):
            found = _place_in_clause(c, places)
            if found is not None:
                return found
    return None


def _place_in_clause(clause: Token, places: list[AnchoredPlace]) -> AnchoredPlace | None:
    """The place of a clause's own words or its arguments nearest its verb (not a "from" place,
    which is where something left)."""
    found = [
        p
        for p in places
        if p.prep != "from" and (p.governor.i == clause.i or _nested_under(p.governor, clause))
    ]
    return min(found, key=lambda p: _distance(clause, p.governor)) if found else None


def _on_subject(governor: Token, anchor: Token) -> bool:
    """Does a locative phrase hang off the deed's subject ("a roadside bombing near Samarra
    killed a soldier", "gunmen in Gao attacked a convoy")? The doer, or the blast that stands
    for it, was there, so the deed happened there."""
    return governor.dep_ == "nsubj" and governor.head.i == anchor.i


def _nested_under(governor: Token, anchor: Token, depth: int = 5) -> bool:
    """Is the word a locative phrase hangs off reached from the anchor through its arguments
    and their prepositional phrases only (no other clause on the way)?"""
    cur = governor
    for _ in range(depth):
        if cur.head.i == cur.i or cur.dep_ not in NESTED_ARGUMENT_DEPS:
            return False
        if cur.i != governor.i and cur.pos_ in ("VERB", "AUX"):
            return False  # another clause ("..., and the flag was raised over the embassy in Washington")
        if cur.dep_ == "prep" and cur.lower_ in TIME_PREPS:
            return False  # another time, another place ("a week after a bombing in Istanbul")
        cur = cur.head
        if cur.i == anchor.i:
            return True
    return False


def _places_event(place: AnchoredPlace, anchor: Token) -> bool:
    """Does a locative phrase on `governor` say where the anchor's event happened?

    Yes when it hangs off the anchor itself, or off the anchor's direct object ("fought a war
    in Afghanistan"); no when it belongs to some other noun ("accused of failure in
    Afghanistan", "representatives from China")."""
    governor = place.governor
    if governor.i == anchor.i:
        return True
    if place.prep == "from":  # "talks with delegates from Uganda": where they came from
        return False
    return governor.head.i == anchor.i and governor.dep_ in ("dobj", "nsubjpass", "attr", "oprd")


@cache
def _place_parts() -> frozenset[str]:
    """Nouns naming a kind or part of a place (data/place_parts.txt)."""
    text = resources.files("detente.when_where").joinpath("data", "place_parts.txt").read_text("utf-8")
    return frozenset(w.strip().lower() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def is_place_noun(tok: Token) -> bool:
    """A noun naming a kind or part of a place ("territories", "province", "district")."""
    return tok.lemma_.lower() in _place_parts() or tok.lower_ in _place_parts()


def locative_phrase(span: Span, start: int, end: int) -> tuple[Token, str] | None:
    """For a place written at span tokens start..end: the word its locative phrase modifies,
    and the phrase's preposition ("in", "at", "from" ...)."""
    cur = span[start:end].root
    named = cur  # the place's own word, before any climb
    # "Kazan, Russia": the apposition hangs off Kazan
    while cur.dep_ in ("appos", "compound", "conj") and cur.head.i != cur.i:
        cur = cur.head
    # "near the town of Samarra", "in a sector of eastern Beirut": the phrase is the part's
    for _ in range(3):
        of = cur.head
        if cur.dep_ != "pobj" or of.lower_ != "of" or of.head.i == of.i:
            break
        if is_place_noun(of.head):
            cur = of.head
        elif of.head.pos_ == "ADP" and of.head.lower_ in LOCATIVE_PREPS:
            return of.head.head, of.head.lower_  # "outside of the city": the preposition is "outside"
        else:
            break
    if cur.dep_ == "pobj" and cur.head.pos_ == "ADP" and cur.head.lower_ in LOCATIVE_PREPS:
        prep = cur.head
        return prep.head, prep.lower_
    if (
        cur.dep_ in ("dobj", "npadvmod")
        and attack_verb(cur.head)
        and (named.i == cur.i or named.dep_ == "pobj")
    ):
        # "shelled Aleppo", "stormed the town of Gorazde": a place attacked, seized or besieged
        # is where the attack happened (the parser often makes a bare name an npadvmod); not
        # "killed a U.S. soldier", where the name only describes who was hit
        return cur.head, "at"
    if (
        cur.dep_ == "pobj"
        and cur.head.lower_ in ("on", "against")
        and _attack_noun(cur.head.head)
        and (named.i == cur.i or named.dep_ == "pobj")
    ):
        # "strikes on Gaza", "an attack on the town of Khan Sheikhoun": an attack is where it hits
        # (not "an attack on a U.S. outpost": a place that only describes what was hit)
        return cur.head.head, "at"
    return None


@cache
def _attack_verbs() -> frozenset[str]:
    """Verbs the lexicon codes as violence (roots 18-20) with no preposition or object
    condition: "shell", "storm", "invade"."""
    from detente.coding.lexicon import default_lexicon

    return frozenset(
        lemma
        for lemma, pats in default_lexicon().verbs.items()
        if any(p.prep is None and p.obj is None and p.code[:2] in VIOLENT_ROOTS for p in pats)
    )


def attack_verb(tok: Token) -> bool:
    """Is `tok` a verb of violence done to what it takes as object ("shelled", "besieged")?"""
    return tok.pos_ == "VERB" and tok.lemma_.lower() in _attack_verbs()


def _attack_noun(tok: Token) -> bool:
    """An attack, strike, raid or shelling named by a noun (the lexicon's ATTACK classes)."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    from detente.coding.lexicon import default_lexicon

    lex = default_lexicon()
    forms = (tok.lemma_.lower(), tok.lower_)
    return any(lex.in_class(c, forms) for c in ATTACK_CLASSES)
