"""Reading a dependency parse: subjects, objects, voice, modality and clause structure.

Pure functions over spaCy tokens. They encode English grammar, not event knowledge: which
word is the logical subject of a passive, who controls an infinitive ("urged Iran to
release ..." -> Iran releases), what a relative pronoun stands for, which auxiliaries make
a clause future or hypothetical, and which words negate it.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from spacy.tokens import Doc, Token

from detente.actors.resolver import coordinated
from detente.coding.tables import data_lines

SUBJECT_DEPS = {"nsubj", "csubj"}
PASSIVE_SUBJECT_DEPS = {"nsubjpass", "csubjpass"}
OBJECT_DEPS = {"dobj", "obj"}
RELATIVE_PRONOUNS = {"that", "which", "who", "whom", "whose"}
FUTURE_AUX = {"will", "shall", "'ll", "’ll", "wo"}
COND_AUX = {"would", "'d", "’d"}
HYPOTHETICAL_AUX = {"may", "might", "could", "should", "must", "can", "ought"}
OBLIGATION_AUX = {"must", "should", "ought"}
NEGATIONS = {"not", "n't", "n’t", "never", "no", "neither", "nor"}
# Verbs whose object, not subject, does what the infinitive says ("urged Iran to release").
OBJECT_CONTROL = {
    "urge",
    "ask",
    "call",
    "invite",
    "tell",
    "order",
    "force",
    "allow",
    "let",
    "help",
    "encourage",
    "persuade",
    "press",
    "push",
    "instruct",
    "require",
    "compel",
    "enable",
    "appeal",
    "implore",
    "beg",
    "advise",
    "warn",
    "permit",
    "want",
    "expect",
    "authorize",
    "authorise",
    "get",
    "lead",
    "cause",
    "oblige",
    "pressure",
    "pressurize",
    "convince",
}
CLAUSE_LINKS = {"xcomp", "ccomp", "advcl", "conj", "acl", "relcl", "pcomp", "parataxis"}
# How much an event loses per clause it is embedded in (see `salience`).
COMPLEMENT_CLAUSE_WEIGHT = 0.92
ADVERBIAL_CLAUSE_WEIGHT = 0.8
# Of acts coordinated in one clause, news reports the headline act first ("agreed to lay down
# their weapons and join forces with X"): a later conjunct weighs a little less, so that the
# first one wins when they are otherwise equal.
LATER_CONJUNCT_WEIGHT = 0.95
MODIFIER_CLAUSE_WEIGHT = 0.75
# A clause giving the reason for the main act ("urged X to press Y, because it bars women ..."),
# one that only dates it ("expelled two diplomats after Somalia accused Kenya ...": DATING_MARKS
# below), or a condition put on it ("will not free the soldiers unless Israel frees its
# detainees": CONDITIONAL_MARKS, an act that has not happened) is background: it weighs less
# again than other adverbial clauses.
REASON_MARKS = {"because"}
REASON_CLAUSE_WEIGHT = 0.7
CONDITIONAL_MARKS = {"if", "unless", "whether"}
TEMPORAL_MARKS = {"after", "before", "since", "until", "till", "when", "while", "once", "as"}
# Temporal marks of a clause that only dates another act (unlike "as"/"when"/"while", whose
# clause may go on to say what the act was aimed at)
DATING_MARKS = {"after", "before", "since", "until", "till"}


# Prepositions that say what a verb makes of its object ("used civilians as human shields"); the
# parser may hang them on the object instead of the verb, and they are no part of who the object is.
OBJECT_COMPLEMENT_PREPS = frozenset({"as"})


def children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def first_child(tok: Token, *deps: str) -> Token | None:
    for c in tok.children:
        if c.dep_ in deps:
            return c
    return None


# Participles that with "in" describe what the subject does ("were engaged in", "was involved
# in"), not what was done to it.
STATIVE_PARTICIPLES = {("engage", "in"), ("involve", "in")}


def is_passive(verb: Token) -> bool:
    if any(c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in verb.children):
        # "Serb forces were engaged in ethnic cleansing": a state, not something done to them
        return not (
            (verb.lemma_.lower(), "in") in STATIVE_PARTICIPLES
            and any(c.dep_ == "prep" and c.lower_ == "in" for c in verb.children)
            and not any(c.dep_ == "agent" for c in verb.children)
        )
    # A past participle modifying a noun: "troops backed by Russia".
    return (
        verb.tag_ == "VBN"
        and verb.dep_ == "acl"
        and not _misparsed_main_verb(verb)
        and verbless_subject(verb) is None
    )


def verbless_subject(verb: Token) -> Token | None:
    """The subject of a main verb the parser took for a participle in a sentence it left
    verbless: "Doctors from two aid groups donated medicine to X" parses as the noun "Doctors"
    (the root) with "donated" modifying "groups". A participle with an object of its own under
    a noun root is the sentence's verb, and the root noun its subject."""
    if verb.dep_ != "acl" or verb.tag_ not in ("VBN", "VBD"):
        return None
    verbs = [verb, *(c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB")]
    if all(first_child(v, *OBJECT_DEPS) is None for v in verbs):  # "donated and delivered X"
        return None
    tok = verb.head
    while tok.dep_ in ("pobj", "prep") and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ == "ROOT" and tok.pos_ in ("NOUN", "PROPN") and tok.i < verb.i:
        return tok
    return None


def _misparsed_main_verb(verb: Token) -> bool:
    """ "An official newspaper called Thursday on Arabs to unite": the parser made the subject
    the sentence's root and the main verb a participle modifying it. A bare day right after
    the verb and an appeal's "on/upon/for" show a reported act, not a passive participle."""
    head = verb.head
    return (
        head.dep_ == "ROOT"
        and head.pos_ in ("NOUN", "PROPN")
        and any(c.dep_ in ("npadvmod", "oprd") and c.ent_type_ in ("DATE", "TIME") for c in verb.children)
        and any(c.dep_ == "prep" and c.lower_ in ("on", "upon", "for") for c in verb.children)
    ) or _misparsed_appeal_or_call(verb)


# Subordinators that open a reduced passive clause ("when asked", "if elected", "once approved").
REDUCED_PASSIVE_MARKS = frozenset(
    {"when", "whenever", "if", "unless", "once", "until", "while", "though", "although"}
)


def _reduced_passive_clause(verb: Token) -> bool:
    """A bare past participle opened by a subordinator, with no subject or auxiliary of its own
    ("when asked about X", "unless provoked"): a passive whose patient is the main clause's
    subject."""
    return (
        verb.dep_ == "advcl"
        and verb.tag_ == "VBN"
        and clause_mark(verb) in REDUCED_PASSIVE_MARKS
        and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass", "csubj") for c in verb.children)
    )


def _misparsed_appeal_or_call(verb: Token) -> bool:
    """Two more shapes of a main verb the parser hung on its subject as a participle: under a
    noun root, an appeal "on/upon/for" someone with what they are asked to do ("A delegation of
    the party here on Thursday called on X to discuss ..."); and a name "called" another name
    ("Trump called President Erdogan on Wednesday and urged him ..."): a participle that gives a
    name ("a group called X") is hung on a common noun, and a name needs none."""
    head = verb.head
    if verb.dep_ != "acl" or verb.i < head.i:
        return False
    asked = (
        head.dep_ == "ROOT"
        and head.pos_ in ("NOUN", "PROPN")
        and any(c.dep_ == "prep" and c.lower_ in ("on", "upon", "for") for c in verb.children)
        and any(
            c.dep_ in ("advcl", "xcomp") and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
            for c in verb.children
        )
        and not any(c.dep_ == "agent" for c in verb.children)
    )
    named = (
        head.pos_ == "PROPN"
        and head.dep_ in SUBJECT_DEPS
        and any(c.dep_ == "oprd" and c.pos_ == "PROPN" for c in verb.children)
    )
    return asked or named


# Relative adverbs of place and time: "captured the mosque from where X proclaimed ...".
PLACE_TIME_RELATIVES = frozenset({"where", "when", "whence"})


def _free_relative(verb: Token) -> bool:
    """Does a clause open with a wh-word it governs ("what X called", "which Y described as",
    "from where Islamic State proclaimed its caliphate": a place or time relative)?"""
    return any(
        (c.tag_ in ("WP", "WDT") or (c.tag_ == "WRB" and c.lower_ in PLACE_TIME_RELATIVES)) and c.i < verb.i
        for c in verb.children
    )


def subtree_prep_objects(tok: Token, prep: str) -> list[tuple[Token, Token]]:
    """(preposition, object) pairs of every `prep` phrase anywhere under a word, in text order:
    for phrases that matter however deep the parser hangs them ("the rift between X and Y")."""
    return [
        (g, u)
        for g in tok.subtree
        if g.dep_ == "prep" and g.lower_ == prep
        for u in g.children
        if u.dep_ == "pobj"
    ]


def preps_of(tok: Token) -> dict[str, list[Token]]:
    """Prepositions and particles hanging off a word -> their objects (empty list for particles)."""
    out: dict[str, list[Token]] = {}
    for c in tok.children:
        if c.dep_ in ("prep", "agent", "dative") and c.pos_ == "ADP":
            objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
            # "working with Afghanistan to develop ...": the parser makes X the subject of the verb
            # (not "in what the White House called a deployment": a free relative's subject
            # is the one who names it, not the preposition's object)
            for g in c.children:
                if g.dep_ == "pcomp" and g.pos_ in ("VERB", "AUX") and not _free_relative(g):
                    objs += [h for h in g.children if h.dep_ in SUBJECT_DEPS and h.i < g.i]
            # "as well as with X": a preposition under a preposition; "to and from X": one
            # object shared by coordinated prepositions
            for g in c.children:
                if g.dep_ == "prep" or (g.dep_ == "conj" and g.pos_ == "ADP" and not objs):
                    objs += [h for h in g.children if h.dep_ == "pobj"]
            out.setdefault(c.lower_, []).extend(objs)
        elif c.dep_ == "prt":
            out.setdefault(c.lower_, [])
        elif c.dep_ == "conj" and c.pos_ == "ADP":  # "through its resources and through the UN"
            out.setdefault(c.lower_, []).extend(g for g in c.children if g.dep_ == "pobj")
    return out


@cache
def complex_preps() -> tuple[tuple[str, str, str], ...]:
    """(first preposition, noun, last preposition) of the multi-word prepositions in
    data/complex_preps.txt ("in relation to")."""
    rows = (line.lower().split() for line in data_lines("complex_preps.txt"))
    return tuple((r[0], r[1], r[2]) for r in rows if len(r) == 3)


def complex_prep_objects(tok: Token) -> list[tuple[str, list[Token]]]:
    """The objects of multi-word prepositions hanging off a word: "imposed sanctions in relation
    to Iraq" -> [("in relation to", [Iraq])]. The parser makes "Iraq" the object of "to" under the
    noun "relation", the object of "in", so it is no object of any of the word's own prepositions."""
    out: list[tuple[str, list[Token]]] = []
    for first, noun, last in complex_preps():
        objs = [
            g
            for c in tok.children
            if c.dep_ == "prep" and c.lower_ == first
            for n in c.children
            if n.dep_ == "pobj" and n.lower_ == noun
            for p in n.children
            if p.dep_ == "prep" and p.lower_ == last
            for g in p.children
            if g.dep_ == "pobj"
        ]
        if objs:
            out.append((f"{first} {noun} {last}", objs))
    return out


def has_preps(tok: Token, prep: str) -> bool:
    """Does the word have every particle/preposition of a (possibly multi-word) `prep`?"""
    have = preps_of(tok)
    return all(p in have for p in prep.split())


def relative_head(tok: Token) -> Token:
    """What a relative pronoun stands for: "the group that attacked" -> group."""
    if tok.lower_ in RELATIVE_PRONOUNS and tok.tag_ in ("WDT", "WP", "WP$", "IN", "DT"):
        verb = tok.head
        while verb.dep_ not in ("relcl", "acl") and verb.head.i != verb.i:
            if verb.dep_ in ("pobj", "prep"):
                verb = verb.head
                continue
            break
        if verb.dep_ in ("relcl", "acl"):
            return verb.head
    return tok


# Verbs whose adjective complement ("is / remains / seems wary of ...") says what their subject does.
COPULAS = frozenset({"be", "remain", "stay", "seem", "appear", "sound", "become", "grow", "feel"})


# Entity types of a name that can do something (Detente's own typing, actors/entities.py).
NAME_ENTITY_TYPES = frozenset({"ORG", "GPE", "NORP", "PERSON"})


def subject_of(verb: Token, seen: frozenset[int] = frozenset()) -> tuple[Token | None, str]:
    """The logical subject (the doer) of a verb, and how it was found.

    Passive: the by-agent. Active: nsubj (relative pronouns mapped to their noun); else
    inherited from the governing clause: xcomp/conj/participial advcl share the subject,
    object-control verbs pass their object ("urged Iran to ..."), relative and participial
    clauses take the noun they modify.
    """
    if verb.i in seen:
        return None, "cycle"
    seen = seen | {verb.i}
    if is_passive(verb):
        for c in verb.children:
            if c.dep_ == "agent":
                pobj = first_child(c, "pobj")
                if pobj is not None:
                    return relative_head(pobj), "passive-agent"
        return None, "passive-no-agent"
    subj = first_child(verb, *SUBJECT_DEPS)
    if subj is None:  # a stative participle's surface subject ("forces were engaged in ...")
        subj = first_child(verb, *PASSIVE_SUBJECT_DEPS)
    if subj is None:
        # "The UK and France however have opposed ...": the parser hung the subject on "have"
        for aux in verb.children:
            if aux.dep_ in ("aux", "auxpass") and aux.i < verb.i:
                subj = first_child(aux, *SUBJECT_DEPS) or subj
    if subj is None:
        # "USAID had announced ...": the tagger read an unknown acronym opening the clause as an
        # adverb; a name before the verb with no subject is the subject
        subj = next(
            (
                c
                for c in verb.lefts
                if c.dep_ in ("advmod", "npadvmod")
                and c.ent_type_ in NAME_ENTITY_TYPES
                and not any(a.dep_ in ("aux", "auxpass") and a.i < c.i for a in verb.children)
            ),
            None,
        )
    if subj is not None:
        # "The Red Cross operating in Iraq said ...": the parser made the participle the subject
        # and the noun it describes the participle's own subject; a bare -ing form with a subject
        # of its own and no auxiliary is a reduced relative, and the noun is the doer.
        if subj.tag_ == "VBG" and not any(c.dep_ in ("aux", "auxpass") for c in subj.children):
            inner = first_child(subj, "nsubj")
            if inner is not None and inner.i < subj.i and inner.pos_ in ("NOUN", "PROPN"):
                return relative_head(inner), "nsubj"
        return relative_head(subj), "nsubj"
    head = verb.head
    if head.i == verb.i:
        return None, "none"
    dep = verb.dep_
    if dep == "xcomp" or (
        dep == "advcl" and any(c.lower_ == "to" and c.dep_ == "aux" for c in verb.children)
    ):
        if dep == "xcomp" and head.lemma_.lower() in OBJECT_CONTROL:
            obj = first_child(head, *OBJECT_DEPS)
            if obj is None:
                for p, objs in preps_of(head).items():
                    if p in ("on", "upon", "to", "for") and objs:
                        obj = objs[0]
                        break
            if obj is not None:
                return relative_head(obj), "object-control"
        if head.pos_ == "ADJ" or head.dep_ == "acomp":  # "is eager to join"
            h2 = head.head
            s, how = subject_of(h2, seen)
            return s, f"adj-{how}"
        s, how = subject_of(head, seen)
        return s, f"control-{how}"
    if dep == "conj" and (head.pos_ in ("VERB", "AUX") or first_child(head, *SUBJECT_DEPS) is not None):
        if is_passive(head):
            # "X has been indicted by Y and will resign": an active conjunct shares the surface
            # subject, not the agent; "X was attacked and killed by Y" stays passive throughout.
            shares_passive = verb.tag_ == "VBN" and not any(
                c.dep_ in ("aux", "auxpass") for c in verb.children
            )
            if shares_passive:
                agent = first_child(verb, "agent")
                pobj = first_child(agent, "pobj") if agent is not None else None
                if pobj is not None:
                    return relative_head(pobj), "conj-passive-agent"
            else:
                surface = first_child(head, *PASSIVE_SUBJECT_DEPS)
                if surface is not None:
                    return relative_head(surface), "conj-passive-subject"
        s, how = subject_of(head, seen)  # (the parser sometimes tags the first verb a noun)
        return s, f"conj-{how}"
    if dep == "acomp" and head.pos_ in ("AUX", "VERB") and head.lemma_.lower() in COPULAS:
        # "they are committed to ...": the copula's subject
        s, how = subject_of(head, seen)
        return s, f"copula-{how}"
    if _reduced_passive_clause(verb):
        # "declined to comment when asked about the talks", "will resign if indicted": the main
        # clause's subject is the one asked or indicted, not the doer; only a by-agent is
        agent = first_child(verb, "agent")
        pobj = first_child(agent, "pobj") if agent is not None else None
        if pobj is not None:
            return relative_head(pobj), "passive-agent"
        return None, "passive-no-agent"
    if dep == "advcl" and verb.tag_ in ("VBG", "VBN"):
        s, how = subject_of(head, seen)
        return s, f"participle-{how}"
    root = verbless_subject(verb)
    if root is not None:
        return root, "verbless-root"
    if dep in ("relcl", "acl") and head.pos_ in ("NOUN", "PROPN", "PRON"):
        # "it is among those working with X": the subject of the copula does it
        if (
            head.lower_ in ("those", "ones", "countries", "nations")
            and head.dep_ == "pobj"
            and head.head.lower_ == "among"
        ):
            cop = head.head.head
            s = first_child(cop, *SUBJECT_DEPS)
            if s is not None:
                return relative_head(s), "among"
        doer = _predicate_noun_subject(verb, head)
        if doer is not None:
            return doer, "predicate-noun"
        return head, "modified-noun"
    if dep in ("ccomp", "xcomp") and head.lemma_ == "let":
        # "Egypt let free the activist": the one who lets does it
        s, how = subject_of(head, seen)
        return s, f"let-{how}"
    if dep == "pcomp" and head.head.i != head.i:  # "by saying ...", "for helping ..."
        s, how = subject_of(head.head, seen)
        return s, f"pcomp-{how}"
    if dep == "xcomp" and head.pos_ == "NOUN":  # "an invitation to travel" -> unknown
        return None, "none"
    return None, "none"


def logical_object(verb: Token) -> Token | None:
    """The thing acted upon: the direct object, or the passive subject."""
    if is_passive(verb):
        subj = first_child(verb, *PASSIVE_SUBJECT_DEPS)
        if subj is not None:
            return relative_head(subj)
        if verb.dep_ == "acl":
            return verb.head
        if verb.dep_ == "conj" and first_child(verb, *SUBJECT_DEPS) is None:
            # "the emir flew to Damascus and was received by ...": the conjoined passive's
            # subject is the one the first verb names
            shared = first_child(verb.head, *SUBJECT_DEPS)
            if shared is not None:
                return relative_head(shared)
    obj = first_child(verb, *OBJECT_DEPS)
    if obj is not None:
        return relative_head(obj)
    # "rejects and condemns the decision": the object hangs off the last verb of the pair
    for c in verb.children:
        if c.dep_ == "conj" and c.pos_ in ("VERB", "NOUN") and first_child(c, *SUBJECT_DEPS) is None:
            shared = first_child(c, *OBJECT_DEPS)
            if shared is not None:
                return relative_head(shared)
    # "will not accept any Rohingya refugees fleeing the violence": the parser makes the object
    # the subject of a bare gerund clause (no auxiliary: not "said refugees were fleeing")
    for c in verb.children:
        if c.dep_ == "ccomp" and c.tag_ == "VBG" and first_child(c, "aux", "auxpass", "mark") is None:
            subj = first_child(c, "nsubj")
            if subj is not None and verb.i < subj.i < c.i:
                return relative_head(subj)
    attr = first_child(verb, "oprd")
    if attr is not None and attr.ent_type_ in ("DATE", "TIME"):
        return None  # "called Thursday on Arabs to unite": the day the parser took for a complement
    return attr


def auxiliaries(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in ("aux", "auxpass")]


def is_negated(tok: Token) -> bool:
    if any(
        c.dep_ == "neg" or (c.lower_ in NEGATIONS and c.dep_ in ("advmod", "det", "preconj"))
        for c in tok.children
    ):
        return True
    return any(c.lower_ == "no" and c.dep_ == "det" for c in tok.children)


def tense_modality(verb: Token) -> str | None:
    """'future' (will, going to), 'conditional' (would), 'obligation' (must, should),
    'hypothetical' (may, could), or None."""
    for a in auxiliaries(verb):
        low = a.lower_
        if low in OBLIGATION_AUX:
            return "obligation"
        if low in FUTURE_AUX or (a.lemma_ == "will" and a.tag_ == "MD"):
            return "future"
        if low in COND_AUX:
            return "conditional"
        if low in HYPOTHETICAL_AUX:
            return "hypothetical"
    # "is going to join", "is to visit"
    head = verb.head
    if verb.dep_ == "xcomp" and head.lemma_ == "go" and head.tag_ == "VBG":
        return "future"
    if verb.dep_ == "xcomp" and head.lemma_ == "be":
        return "future"
    return None


def governors(tok: Token) -> Iterator[tuple[Token, str]]:
    """The chain of clauses above a word: (governing word, link dep) up to the root."""
    cur = tok
    while cur.head.i != cur.i:
        dep = cur.dep_
        head = cur.head
        yield head, dep
        cur = head


def clause_mark(verb: Token) -> str | None:
    m = first_child(verb, "mark")
    if m is not None:
        return m.lower_
    adv = first_child(verb, "advmod")
    if adv is not None and adv.tag_ == "WRB":
        return adv.lower_
    return None


def conjuncts(tok: Token) -> list[Token]:
    """The word and the words coordinated with it ("Russia and China" -> [Russia, China])."""
    return coordinated(tok)


def co_possessor(first: Token, second: Token) -> bool:
    """ "China and Russia's SCO": is `first` a co-owner of `second`, not a separate conjunct?"""
    poss = [c for c in second.children if c.dep_ == "poss"]
    if not poss:
        return False
    p = poss[0]
    if p.pos_ == "PRON":  # "Saudi Arabia and its allies", "Kagame and his party": two parties
        return False
    doc = first.doc
    between = doc[first.i + 1 : p.left_edge.i]
    return first.i < p.i and len(between) <= 2 and all(t.lower_ in ("and", ",", "&") for t in between)


LIST_PREPS = {"including", "include", "like", "such", "among", "besides", "excluding"}
# Of those, the ones that, not set off by a comma, restrict the noun ("valued partners like
# Saudi Arabia", "such a large number of Syrians"): part of who it is, unlike an aside
# (", including X", ", like X")
RESTRICTIVE_LIST_PREPS = {"like", "such"}
# "hundreds of banks [over involvement in fraud]": an "over" phrase in an argument says why it
# is acted on (the grievance), never who it is
REASON_PREPS = {"over"}
SPAN_EXCLUDED = {"conj", "cc", "preconj", "relcl", "advcl", "parataxis", "ccomp", "dep", "npadvmod"}
COORDINATION = {"conj", "cc", "preconj"}
PLACE_ENTS = {"GPE", "LOC", "FAC"}
MAX_SPAN = 30


def argument_span(tok: Token, inner: Token | None = None) -> tuple[int, int]:
    """The whole noun phrase an argument word heads, as (start, end) doc indices: with its
    determiners, modifiers, of/in phrases, participle clauses (not one set off by commas, "X,
    held captive since May,": that only describes them) and appositions ("Alice Wells, a
    senior US state department official"; "positions of the Hezbollah group in Lebanon"), but
    without coordinated phrases or relative clauses. Event data users see the actor as written;
    the actor code still comes from the part that names it. `inner` is the word that names the
    actor when `tok` is a quantity ("dozens of [IS members]"): its list is other actors too."""
    members = coordinated(tok) + (coordinated(inner) if inner is not None else [])
    listed = {m.i for m in members}
    others = listed - {tok.i} - ({inner.i} if inner is not None else set())
    keep = [tok]
    stack = [tok]
    while stack:
        t = stack.pop()
        for c in t.children:
            # The list the actor is named in holds other actors ("Pompeo, Azar and Bannon", a
            # list the parser made an apposition chain); a list further in is part of the name
            # ("the Commission for Culture, Science and Education").
            excluded = c.dep_ in SPAN_EXCLUDED and not (c.dep_ in COORDINATION and t.i not in listed)
            excluded = excluded and not _defining_relative(t, c)
            listing = c.lower_ in LIST_PREPS and not (c.lower_ in RESTRICTIVE_LIST_PREPS and not _set_off(c))
            if c.i in others or excluded or listing or c.ent_type_ in ("DATE", "TIME"):
                continue  # "..., including Ahrar al-Sham", "Obama on Sunday": not part of who it is
            if c.dep_ == "punct":
                continue  # "Pompeo, Azar, and Bannon": the list's commas hang off its first name
            if c.dep_ == "prep" and c.lower_ in REASON_PREPS:
                continue  # "sued the banks [over fraud]": the grievance is no part of who they are
            if c.dep_ == "prep" and any(g.ent_type_ in ("DATE", "TIME") for g in c.children):
                continue
            if (
                c.dep_ == "prep"
                and c.lower_ in OBJECT_COMPLEMENT_PREPS
                and t.i == tok.i
                and tok.dep_ == "dobj"
            ):
                continue  # "hold several hundred families [as human shields]": what they are made
            if c.dep_ == "prep" and t.ent_type_ == "PERSON" and t.pos_ == "PROPN" and c.lower_ != "of":
                continue  # "Hariri in Washington": a person's name needs no place ("Bashir of Sudan" does)
            if c.dep_ == "prep" and c.lower_ != "of" and _named_before(t, c):
                continue  # "the Irish premier Leo Varadkar [at Downing Street]": as for a bare name
            if c.dep_ == "acl" and any(
                (g.dep_ == "aux" and g.lower_ == "to") or g.dep_ in SUBJECT_DEPS for g in c.children
            ):
                continue  # "NATO's decision [to send trainers]": what was decided is not who decided it
            if c.dep_ == "acl" and c.i > t.i and _set_off(c):
                continue  # "fishermen[, held captive in Libya,]": set off by commas, it only describes them
            if c.dep_ == "acl" and c.tag_ == "VBG" and c.lower_ in adverbial_participles():
                continue  # "households [using funds donated to ...]": how the act was done, not who
            if _describing_participle(t, c):
                continue  # "leaders [meeting in Jakarta]": what they are doing, not who they are
            if c.dep_ == "acl" and (_misparsed_main_verb(c) or verbless_subject(c) is not None):
                continue  # the sentence's own verb, misparsed as a participle ("A newspaper [called ...]")
            if (
                c.dep_ == "appos"
                and t.pos_ == "PROPN"
                and t.ent_type_ != "PERSON"
                and (c.pos_ == "NOUN" or (c.ent_type_ == "PERSON" and t.ent_type_ in PLACE_ENTS))
                and _set_off(c)
            ):
                # "Haifa, Israel's third largest city": a place's or body's name names it, the rest
                # describes it; a person's role ("Alice Wells, a senior US official") says who acts.
                # A person after a place's name is the speaker of what follows ("from Syria,
                # Defence Minister Sergei Shoigu said"), not the place.
                continue
            keep.append(c)
            stack.append(c)
    start, end = min(t.i for t in keep), max(t.i for t in keep) + 1
    doc = tok.doc
    while start < tok.i and (doc[start].is_punct or doc[start].dep_ == "cc"):
        start += 1
    while end - 1 > tok.i and (
        (doc[end - 1].is_punct and doc[end - 1].text not in ")") or doc[end - 1].dep_ in ("cc", "preconj")
    ):
        end -= 1
    end = _name_continues(tok, _places_after_object(tok, end))
    start = _close_apposition_start(tok, start)
    start, end = _split_subject(tok, start, end)
    inside = doc[start:end].text
    if end < len(doc) and doc[end].text == ")" and inside.count("(") > inside.count(")"):
        end += 1  # "the Indian Space Research Organization (ISRO)": close what the span opened
    if end - start > MAX_SPAN:
        return tok.i, tok.i + 1
    return start, end


def owned_phrase_end(noun: Token, end: int) -> int:
    """Where the mention of an actor's thing ("Russia's involvement [in the energy sector]",
    "French operations [in the former colony]") ends: at the owned noun and its "of" phrase;
    a later phrase says where or in what the thing is, not whose it is."""
    cut = [c.i for c in noun.children if c.dep_ == "prep" and c.i > noun.i and c.lower_ != "of"]
    end = min([end, *cut])
    while end - 1 > noun.i and noun.doc[end - 1].is_punct and noun.doc[end - 1].text != ")":
        end -= 1
    return end


@cache
def adverbial_participles() -> frozenset[str]:
    """Participles telling of the clause's act, not the noun before them (adverbial_participles.txt)."""
    return frozenset(w.strip().lower() for w in data_lines("adverbial_participles.txt"))


# Prepositions of a place the parser hangs on the verb although it says where its object is
# ("surrendered to the police [in Camarines Norte]", "detained dozens of demonstrators [in Yerevan]").
OBJECT_PLACE_PREPS = frozenset({"in", "at", "inside", "near", "across"})
# Those of them that say where something is whatever noun follows ("the workers [at the plant]",
# "fighters [across the border]"); "in" also says how or why ("in a bid to", "in response").
SPATIAL_PREPS = frozenset({"at", "inside", "near", "across"})
# Lower-case words that may stand inside a title-case name ("Plan of Action to End Violence
# Against Children").
NAME_GLUE = frozenset({"of", "to", "against", "for", "and", "the", "on", "in", "from", "with"})


@cache
def noun_postmodifiers() -> frozenset[tuple[str, str]]:
    """(preposition, noun) phrases that say who the people before them are ("in need"),
    from data/noun_postmodifiers.txt."""
    rows = (line.lower().split() for line in data_lines("noun_postmodifiers.txt"))
    return frozenset((r[0], r[1]) for r in rows if len(r) == 2)


def _places_after_object(tok: Token, end: int) -> int:
    """Where an object's mention ends once each place phrase after it is given back to it, as
    _place_after_object does for one ("fighters [across the border] [in northern Syria]")."""
    while (longer := _place_after_object(tok, end)) > end:
        end = longer
    return end


def _place_after_object(tok: Token, end: int) -> int:
    """Where an object's mention ends once a phrase the parser hung on the verb, right after the
    object, is given back to it: a place ("surrendered to the police [in Camarines Norte]",
    "stormed a police headquarters [in eastern Afghanistan]", "arrested workers [at the
    plant]": at, near, across or inside place it whatever it names) or a phrase that says who the
    people are ("help people [in need of assistance]"). Event data users read these as part of
    who was acted on. A person's name needs no place ("met Macron [in Paris]": where they met),
    and a phrase holding a date dates the act."""
    verb = None
    if tok.dep_ in OBJECT_DEPS:
        verb = tok.head
    elif tok.dep_ == "pobj" and tok.head.dep_ in ("prep", "dative") and tok.head.head.pos_ in ("VERB", "AUX"):
        verb = tok.head.head
    if verb is None or verb.i > tok.i or end >= len(tok.doc):
        return end
    prep = tok.doc[end]
    if prep.head.i != verb.i or prep.dep_ != "prep" or prep.lower_ not in OBJECT_PLACE_PREPS:
        return end
    objs = [g for g in prep.children if g.dep_ == "pobj"]
    if not objs or any(g.ent_type_ in ("DATE", "TIME") for g in prep.subtree):
        return end
    describes = any(
        (prep.lower_, g.lower_) in noun_postmodifiers() and not any(d.dep_ == "det" for d in g.children)
        for g in objs
    )
    person = tok.ent_type_ == "PERSON" or any(
        a.dep_ == "appos" and a.ent_type_ == "PERSON" for a in tok.children
    )
    place = (prep.lower_ in SPATIAL_PREPS or all(g.ent_type_ in PLACE_ENTS for g in objs)) and not person
    return prep.right_edge.i + 1 if describes or place else end


def _name_continues(tok: Token, end: int) -> int:
    """Where a title-case name ends that the parser cut at "to" ("the Philippine Plan of Action
    [to End Violence Against Children (PPAEVAC)]": the parser hangs the rest on the verb). A
    capitalised word after "to" that names no place, body or person ("to Iran") goes on with
    the name, through lower-case function words, to its last capitalised word and a
    parenthesised acronym."""
    doc = tok.doc
    last = doc[end - 1]
    if not (last.pos_ == "PROPN" and last.is_title) or end + 1 >= len(doc):
        return end
    if doc[end].lower_ != "to" or not doc[end + 1].is_title or doc[end + 1].ent_type_:
        return end
    stop = end
    j = end + 1
    while j < len(doc) and not doc[j].is_punct and (doc[j].is_title or doc[j].lower_ in NAME_GLUE):
        if doc[j].is_title:
            stop = j + 1
        j += 1
    if stop + 2 < len(doc) and doc[stop].text == "(" and doc[stop + 1].is_upper and doc[stop + 2].text == ")":
        stop += 3
    return stop


def _close_apposition_start(tok: Token, start: int) -> int:
    """Where a name's mention starts when a common noun stands right before it as its close
    apposition ("sanctions against [the Russian space organization] Glavkosmos and ISRO"): the
    parser hangs a coordinated name on the apposition, so the name alone would be the argument."""
    head = tok.head
    if tok.dep_ != "appos" or head.i >= tok.i or head.pos_ != "NOUN" or _set_off(tok):
        return start
    if any(t.is_punct for t in tok.doc[head.i + 1 : tok.i]):
        return start
    return min(start, head.left_edge.i)


# Dependencies of a clause's nominal the parser may give to each half of one split subject
# ("[The rebel] [Free Syrian Army] threatened", "[Taiwan Representative Bi khim] [Hsiao] said").
SPLIT_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "npadvmod"})


def _split_subject(tok: Token, start: int, end: int) -> tuple[int, int]:
    """The whole subject when the parser split it in two nominals of the same verb standing side
    by side with nothing between them: a verb has one subject, and a name, title or
    description right before or after it is the same phrase."""
    if tok.dep_ not in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS or tok.head.i == tok.i:
        return start, end
    for other in tok.head.children:
        if (
            other.i == tok.i
            or other.dep_ not in SPLIT_SUBJECT_DEPS
            or other.pos_ not in ("NOUN", "PROPN")
            or any(t.ent_type_ in ("DATE", "TIME") or t.is_punct for t in other.subtree)
        ):
            continue
        if other.right_edge.i == start - 1:
            start = other.left_edge.i
        elif other.left_edge.i == end:
            end = other.right_edge.i + 1
    return start, end


def antecedent_span(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """The whole noun phrase a pronoun's antecedent heads ("[Officials from Kansas] said they
    ...", and a bracketed acronym's full name): the resolver keeps only the words that name
    the actor, but the mention users see (like the spans of other arguments) is the whole."""
    root = doc[start:end].root
    if root.dep_ == "appos" and root.head.i < root.i and start > 0 and doc[start - 1].text == "(":
        root = root.head  # "The Government Accountability Office (GAO) said it ...": the acronym's name
    s, e = argument_span(root)
    if s < end and start < e:
        # "holding 2000 people in X ... to use them": the phrase may leave out a word of the
        # antecedent's own (a number read as a year); the mention still holds both
        return min(s, start), max(e, end)
    return start, end


@cache
def empty_heads() -> frozenset[str]:
    """Lemmas that name no one until a relative clause says who (data/empty_heads.txt)."""
    return frozenset(w.strip().lower() for w in data_lines("empty_heads.txt"))


def _defining_relative(noun: Token, clause: Token) -> bool:
    """Is `clause` the restrictive relative clause that alone says who an empty head ("people
    [who had fled to the border]", "those [who perished]") means? It belongs to the mention."""
    return (
        clause.dep_ == "relcl"
        and clause.i > noun.i
        and noun.lemma_.lower() in empty_heads()
        and not _set_off(clause)
    )


@cache
def passing_activities() -> frozenset[str]:
    """Verb lemmas of what an actor is doing at the time (data/passing_activities.txt)."""
    return frozenset(w.strip().lower() for w in data_lines("passing_activities.txt"))


def _predicate_noun_subject(verb: Token, noun: Token) -> Token | None:
    """ "Macron became the first foreign leader to visit Lebanon", "Japan is the only country to
    have ratified the pact": an infinitive told of a copula's predicate noun is done by the
    copula's subject, who the noun says they are."""
    if verb.dep_ not in ("acl", "relcl") or not any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children
    ):
        return None
    cop = noun.head
    if noun.dep_ not in ("attr", "oprd") or cop.lemma_.lower() not in COPULAS:
        return None
    subj = first_child(cop, "nsubj")
    return relative_head(subj) if subj is not None and subj.pos_ in ("NOUN", "PROPN") else None


def _describing_participle(noun: Token, clause: Token) -> bool:
    """Is `clause` a present participle after a noun that says what they were doing at the
    time ("leaders [meeting in Jakarta]", "dozens of women [marching in Minsk]"), not who they
    are? After an empty head ("people [attending the rally]") it is all that says who, and stays;
    so does a participle that says who ("guerrillas [operating in Macedonia]")."""
    return (
        clause.dep_ == "acl"
        and clause.tag_ == "VBG"
        and clause.i > noun.i
        and clause.lemma_.lower() in passing_activities()
        and noun.lemma_.lower() not in empty_heads()
    )


def _named_before(noun: Token, prep: Token) -> bool:
    """Is a title noun followed by its holder's name before `prep` ("the Irish premier Leo
    Varadkar at ...")? Once a person is named, a later phrase places the event, not the person;
    a phrase before the name still says which office it is ("the UAE Ambassador to Bahrain,
    NAME")."""
    return any(
        a.dep_ == "appos" and a.pos_ == "PROPN" and a.ent_type_ == "PERSON" and a.i < prep.i
        for a in noun.children
    )


def _set_off(tok: Token) -> bool:
    """Does the phrase `tok` heads follow a comma (a non-restrictive addition)?"""
    left = tok.left_edge.i
    return left > 0 and tok.doc[left - 1].text in (",", "—", "–")


def salience(tok: Token) -> float:
    """How central a word's clause is to the sentence: 1.0 in the main clause, a little less
    for each clause it is embedded in. The main event of a news sentence is usually the main
    verb's ("Iran urged France to press the U.S. to lift sanctions": the urging). Clauses that
    only modify the main one weigh less than complements: a relative or participle clause on a
    noun ("the bill signed by the minister"), and an adverbial clause (a participle, a purpose,
    a time: "demonstrated in Kirkuk, calling for independence"; "staged rallies to demand ..."), and
    a reason ("because ..."), a condition ("if ...", "unless ...") or an earlier or later act
    that only dates the main one ("after ...", "before ...") less again. Of coordinated acts
    the first is the headline, so a later conjunct weighs a little less."""
    weight = 1.0
    cur = tok
    while cur.head.i != cur.i:
        dep = cur.dep_
        if dep in ("relcl", "acl"):
            weight *= MODIFIER_CLAUSE_WEIGHT
        elif dep == "advcl":
            weight *= ADVERBIAL_CLAUSE_WEIGHT
            if clause_mark(cur) in REASON_MARKS | DATING_MARKS | CONDITIONAL_MARKS:
                weight *= REASON_CLAUSE_WEIGHT
        elif dep == "conj" and cur.pos_ in ("VERB", "AUX") and cur.head.pos_ in ("VERB", "AUX"):
            weight *= LATER_CONJUNCT_WEIGHT
        elif dep in CLAUSE_LINKS and dep != "conj":
            weight *= COMPLEMENT_CLAUSE_WEIGHT
        cur = cur.head
    return max(0.5, weight)
