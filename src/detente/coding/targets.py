"""Argument selection: whom or what an act is done to.

The coder finds a trigger and its doer; this module picks the target among the trigger's
prepositions, objects, datives, the event noun's own phrases and the places a sentence names,
and corrects the parser where its attachment would hand the act to the wrong party.
`TargetFinder` is mixed into `coder.SentenceCoder`, which supplies the sentence state (lexicon,
actor references, noun forms) that these methods read through `self`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from detente.actors.coref import SentenceActors
from detente.actors.resolver import MUNITION, ActorRef, stance_word
from detente.coding import clauses as cl
from detente.coding.lexicon import VerbPattern
from detente.when_where import attach

TARGET_PREPS = (
    "with",
    "to",
    "against",
    "on",
    "upon",
    "at",
    "toward",
    "towards",
    "into",
    "over",
    "for",
    "between",
    "from",
    "in",
)

# Where a claimed attack's target is named ("claimed responsibility for the attack on / in X").
CLAIMED_DEED_PREPS = ("on", "against", "at", "in")

# Of those, the phrases that may hang on "responsibility" instead of on the deed itself.
STRANDED_DEED_PREPS = ("against", "at")

# What a predicate adjective's attitude is about ("skeptical about", "wary of", "concerned over").
ATTITUDE_PREPS = ("about", "of", "over", "regarding", "on", "with")

NOUN_TARGET_PREPS = (
    "with",
    "to",
    "against",
    "on",
    "upon",
    "toward",
    "towards",
    "into",
    "between",
    "for",
    "at",
    "over",
    "from",
    "by",
)

# Releases of people: soldiers or fighters released are the captives acted on, not the doer's
# own forces being sent or pulled back.
RELEASE_CODES = {"0841"}

# Acts done only to people (arrest and detention 173, deportation and expulsion 174): a noun that
# may name a weapons platform or a person ("bomber") names the person when it is their object
# ("arrested a suspected bomber", "deported a convicted bomber").
PERSON_ACT_CODES = {"173", "174"}

# Violating a ceasefire (CAMEO 196): the truce or accord broken is what the act is done to when
# no party to it is named ("violated a UN-brokered ceasefire"), as a thing acted on.
VIOLATED_ACCORD_CODES = {"196"}

# Forces pulled out of a place (retreat, withdraw peacekeepers or inspectors): aimed at the place left.
WITHDRAWAL_CODES = {"0874", "166", "1661", "1662"}

# Releases of people, done or promised (CAMEO 0841, 0353): whoever is set free is the target
# even when the actor lexicon does not know the noun ("will release two homeguards").
CAPTIVE_RELEASE_CODES = {"0841", "0353"}

# Verbal reactions (comment, appeal, demand, disapprove, reject, threaten): aimed at the doer of
# the act they react to.
REACTION_ROOTS = {"01", "02", "10", "11", "12", "13"}

# Reactions to a proposal, offer or demand (reject, accept, yield, comment, criticise): aimed at
# whoever made it.
PROPOSAL_REACTION_ROOTS = REACTION_ROOTS | {"03", "08"}

# Target candidates that are the trigger's own arguments (its object, dative, the objects of its
# prepositions and of its event noun's): a party of the doer's own country named there is acted on.
# Cooperation, aid and the intent to give either, whose "for"/"to" phrase names an actor's own
# undertaking ("support for the Afghan government's efforts"): the undertaking's owner receives it.
SUPPORTED_OWNER_ROOTS = {"03", "05", "06", "07"}

SUPPORTED_OWNER_PREPS = ("for", "to")

ARGUMENT_HOWS = frozenset({"object", "dative", "object-clause-prep"})

# "considering sending aid", "exploring the possibility of transferring ...": the links from a
# weighed act up to the 014 verb that weighs it (see _drop_considered_acts).
CONSIDER_CODE = "014"

# Appeals and demands: the subject of the clause saying what is asked is the one asked.
ASKING_ROOTS = {"02", "10"}

# Material acts and coercion done to a place, a thing or people the parse names no actor for
# ("stormed a police headquarters", "detained dozens of supporters of X", "launched cyber
# attacks on India's power system"): the thing is the target even when it names no actor.
MATERIAL_ROOTS = {"17", "18", "19", "20"}

# Investigations (CAMEO 09) are done to whoever or whatever they look into the same way ("opened
# fraud investigations against hundreds of banks"): the thing inquired into is their target.
INQUIRY_ROOTS = {"09"}

# Acts that hand something over (aid, and returning property): its recipient is whom the "to"
# phrase names, wherever the parser attaches it. Narrower than HANDED_CODES below, which also
# holds releases of people (0841): applying these rules to 0841 as well lost a matched target.
GIVING_ROOTS = {"07"}

# Extradition (063) hands a person over too: the state receiving them is the recipient
# ("extradited the preacher to the US"), not the person handed over.
GIVING_CODES = {"0842", "063"}

# Easing restrictions or sanctions (081, 085): what they were on is the target as well ("lifted
# the boycott of U.S. products", "reduced tariffs on $120 billion of Chinese exports").
EASED_MEASURE_CODES = {"081", "085"}

# A country's border, frontier or coast "with" another: the other country only locates it.
BORDER_NOUNS = frozenset({"border", "frontier", "boundary"})

THING_PLACE_PREPS = ("in", "inside", "across", "near", "throughout", "outside")

# How a target candidate hangs off the verb when it is the thing acted on (not "with" tanks,
# not "for" a sixth day).
THING_HOWS = (
    "prep-on",
    "prep-against",
    "prep-at",
    "prep-upon",
    "prep-into",
    "prep-toward",
    "prep-towards",
)

# Marks of an adverbial clause that tells what goes on beside the act, in contrast or at the same
# time ("remained on alert in Paris, although the separatists said ...", "while X met"): such a
# clause with a subject of its own does not say whom the act is aimed at. Not "as", which may
# give the reason ("imposed martial law as battles raged in Baghdad").
SIDE_MARKS = {"although", "though", "whereas", "while"}

# Tags of the relative pronoun that opens a relative clause ("that", "which", "who").
RELATIVE_TAGS = {"WDT", "WP"}

# Noun classes of texts and measures whose relative clause states their content.
WORDING_CLASSES = ("PROPOSAL", "AGREEMENT", "POLICY", "SANCTIONS", "RESTRICTIONS")

# Where forces sent or pulled back go to or come from ("withdrew troops from X", "into X").
MOVED_PLACE_PREPS = ("from", "to", "into")

# Nouns that are what an act is done with, not to.
INSTRUMENT_CLASSES = ("WEAPONS", "RIOTCONTROL", "RIOTMISSILES", "SHELLING", "MILAID")

# Coercion (CAMEO 17: seizing, banning, restricting) of a thing named with its owner in an "of"
# phrase ("suspended publication of X's newspaper"): the owner is the target.
OWNED_THING_ROOTS = {"17"}

# Cutting aid or ties (CAMEO 16): whom the aid went "to", named or not, is the one it is cut
# from, before an actor of a clause telling what the cut is meant to achieve ("suspended aid
# deliveries to 100,000 people ... to press Serb forces into ...").
CUT_AID_ROOTS = {"16"}

# The prepositions of an act's noun that name what it is done to ("strikes on the enclave").
THING_NOUN_PREPS = ("on", "against", "at", "upon", "into")

# Violent repression (CAMEO 175): with no one named as acted on, a protest the same sentence
# tells of at the time of the act is what it represses (see _repressed_protesters).
REPRESSION_CODES = {"175"}

NON_THING_ENTS = {"DATE", "TIME", "MONEY", "CARDINAL", "PERCENT", "QUANTITY", "ORDINAL"}

# Recipients one phrase further down ("supplies such as doctors to Nepal"); not through lists of
# examples' own places ("including", "like").
DEEP_TARGET_PREPS = ("to", "with", "against", "toward", "towards", "on", "upon")

LIST_PREPS_DEEP = {"including", "like", "besides", "excluding", "in", "at", "during", "after", "before"}

# What a protest is against: "riots against Israeli policies", "protest at the settlement of
# ...", "anger over Washington's policy" (a protest's "for" is what it wants, not its target).
GRIEVANCE_PREPS = ("against", "at", "over", "about")

# What an attack is aimed at, when the parser hangs it inside the clause describing the attack.
STRAY_ATTACK_PREPS = ("on", "against")

# What a protest is against, before where it is held (not "at", often the place).
OPPOSED_PREPS = ("against", "over", "about")

# Comments about something (pessimistic, optimistic, empathetic comments, accord): what the
# comment is about stands as its recipient when no actor is named ("expressed pessimism over
# Alitalia's future"), with the prepositions that introduce it.
TOPIC_CODES = {"012", "013", "018", "019", "052"}

# Rejection and opposition said of a thing ("rejected the council's decision", "opposed
# resolutions at the UN", "rejected any military solution to the crisis"): what the verb turns
# down is its target when it names no actor, as CAMEO codes a rejection of a proposal or policy.
REJECTED_THING_CODES = {"110", "112", "120"}

# Acts whose place is their recipient before any clause's actor: shows of force (15: alert,
# mobilisation, reinforcement) and curfews, states of emergency or siege (172x); easing such
# measures (081x: "lifted the curfew in Jaffna, as troops in the north ...") likewise.
PLACE_FIRST_ROOTS = {"15"}

PLACE_FIRST_CODES = {"172", "087", "081"}

# The intent to de-escalate or to keep the peace (0356, 0334: "agreed to a ceasefire in
# Hodeidah", "agreed to extend their peacekeeping mission in the troubled Balkan republic") is
# aimed where the ceasefire or mission would hold, as the act itself (087, 074) is.
# De-escalation and easing of dissent (087x, 082x and their intents 0356, 0352) with no other
# recipient hold where their doers are placed ("rebel fighters in the Deraa countryside").
DOERS_PLACE_CODES = {"087", "082", "0356", "0352"}
# Participle clauses describing the doers whose "in" phrase places them (VBG, VBN).
DOERS_CLAUSE_TAGS = ("VBG", "VBN")
# The sector code of a country's government (agents.tsv): a mention of the doers' own government
# stands for their country as the recipient (`_named_government`).
GOVERNMENT_SECTOR = "GOV"

PLACE_FIRST_INTENT_CODES = {"0356", "0334", "074"}
# Providing peacekeeping, done or intended (CAMEO 074, 0334): a force joined is a mission.
PEACEKEEPING_CODES = {"074", "0334"}

# A visit or journey (CAMEO 042) goes to a place: the place visited ("visited Texas", "travelled
# to the province of X") is its recipient even when no actor stands for it, and through these
# phrases of the verb.
VISIT_CODES = {"042"}
VISITED_PREPS = ("to", "in", "at", "for", "into")

# Acts that hand something over (aid, returning property or captives): their "to" phrase is
# the recipient, even where the parser hung it inside a long object (roots and codes).
HANDED_CODES = {"07", "084"}

# Actor readings that come only from a nationality adjective on a noun ("Peruvian statue").
ADJECTIVE_RULES = frozenset({"nationality+noun", "kb:state-adjective"})

# Giving up an office: the country it is given up in is its recipient.
RESIGNATION_CODES = {"0831"}
# the rule suffix coref gives a titled person whose country is only guessed from the sentence
# (actors/coref.py `_place_generic`); see `_guessed_country_target`
CONTEXT_COUNTRY_RULE = "+context-country"

# Mediation (and the intent to mediate): its recipients are the parties it stands between.
MEDIATION_CODES = {"045", "039"}

TOPIC_PREPS = ("about", "over", "at", "for", "regarding", "concerning", "on", "with", "of")

# Participles that make their hyphenated modifier the owner of a group or campaign: "the US-led
# war", "a Saudi-backed force".
LEADER_PARTICIPLES = {"lead", "back"}


# A person named by a full name the knowledge base lacks ("met with Jane Roe") is a party all the
# same: as a clause's own argument it beats a known actor a deeper clause names.
UNKNOWN_PERSON_RULE = "person-unknown"
NAMED_PERSON_HOWS = frozenset({"clause-prep"})


def split_apposition(tok: Token) -> bool:
    """ "established ties with Bhutan, a majority-Buddhist nation neighbouring India": a second
    object right after a comma that follows a preposition's object describes that object (a
    name is kept: "met his counterpart in Rome, Sergio Mattarella" splits off the person met)."""
    i = tok.left_edge.i
    return tok.pos_ == "NOUN" and i >= 2 and tok.doc[i - 1].text == "," and tok.doc[i - 2].dep_ == "pobj"


def _unappositive(tok: Token) -> list[Token]:
    """A phrase's tokens without its appositions: "a ceasefire in Hodeidah, a major flashpoint
    in the country's war" describes the place, and the country the description names does not
    make the place a known actor's."""
    described = {u.i for c in tok.children if c.dep_ == "appos" for u in c.subtree}
    return [u for u in tok.subtree if u.i not in described]


def thing_ref(head: Token, start: int, end: int, text: str | None = None) -> ActorRef:
    """A target that names no actor (a place, a measure, a grievance): the phrase itself, uncoded."""
    text = head.doc[start:end].text if text is None else text
    return ActorRef(start, end, head.i, None, None, "thing", 0.5, text, "generic")


def _unknown_place_name(actors: SentenceActors, tok: Token) -> ActorRef | None:
    """A place name no actor stands for ("Darfur", "Texas": a proper noun the entity typer marks
    as a place), as a mention with no actor for the pipeline to place; None for anything else."""
    if tok.pos_ != "PROPN" or tok.ent_type_ not in cl.PLACE_ENTS or actors.at(tok):
        return None
    start, end = cl.argument_span(tok)
    return thing_ref(tok, start, end)


def _as_place(r: ActorRef) -> ActorRef:
    """A state or region named as where an act happens, standing as its recipient."""
    return replace(r, sector=None, kind="state", rule=f"place({r.rule})", score=r.score * 0.8)


def names_state(r: ActorRef) -> bool:
    """Is the reference resolved to a state (its sector aside), not to a person of it?"""
    return r.entity is not None and r.entity.kind == "state" and r.kind != "person"


def state_as_phrase(state: ActorRef, start: int, end: int, head: int, rule: str) -> ActorRef:
    """The state a place phrase lies in, standing for the whole phrase ("the X Complex in
    central Iran", "parties to the conflict in Iraq"): less sure than a state named outright."""
    return replace(
        state,
        start=start,
        end=end,
        head=head,
        sector=None,
        kind="state",
        rule=f"{rule}({state.rule})",
        score=state.score * 0.8,
        origin=None,
    )


def purpose_phrase_verb(verb: Token) -> Token | None:
    """The verb whose purpose an infinitive states through an "in" phrase ("sent experts in a
    rush / in a bid / in an effort to investigate": sent), or None."""
    noun = verb.head
    if verb.dep_ != "acl" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    if noun.dep_ != "pobj" or noun.head.lower_ != "in" or noun.head.dep_ != "prep":
        return None
    main = noun.head.head
    return main if main.pos_ in ("VERB", "AUX") else None


def _same_mention(ref: ActorRef, source: ActorRef) -> bool:
    """ "the rebels will release two guards held captive by them": a pronoun whose antecedent is
    the doer's own mention is the doer, known to the knowledge base or not (generic mentions
    are never `same_actor`)."""
    spans = [(r.origin if r.origin is not None else (r.start, r.end)) for r in (ref, source)]
    if ref.origin is not None and source.origin is None and ref.name == source.name:
        # "Holcomb's office declined to comment on his maneuvering": an antecedent inside the
        # doer's own mention that the doer speaks for (an office, a team) is the doer too
        return source.start <= ref.origin[0] and ref.origin[1] <= source.end
    return ref.origin is not None and spans[0] == spans[1]


def _without_conditions(frontier: list[Token]) -> list[Token]:
    """ "will not release the soldiers unless Israel frees its detainees": once the verb's own
    object names whom the act is done to (a party the knowledge base does not know), the
    actor of a condition says who must comply first, not whom the act is aimed at."""
    return [c for c in frontier if not (c.dep_ == "advcl" and cl.clause_mark(c) in cl.CONDITIONAL_MARKS)]


def _holds_party(actors: SentenceActors, doc: Doc, ref: ActorRef) -> bool:
    """ "threatened to shell the bases of government forces if Damascus did not ...": a thing
    acted on whose phrase names people or forces (of no known country) is theirs, and the act
    is aimed at them; a bare place or object ("a bridge near the border") names no one."""
    return any(r.entity is None and r.sector for t in doc[ref.start : ref.end] for r in actors.at(t))


def other_party(ref: ActorRef, source: ActorRef, nested: bool = False) -> bool:
    """Is a target of the verb's own argument another party than a doer of its country?
    "General Bajwa urged Pakistan", "President Rivlin eased restrictions on ex-prime minister
    Olmert", "Ukraine imposed sanctions on former President Yanukovich": a person and their
    country (or two persons of one government) are one side when one stands for the other in a
    clause, not when one is named as what the other acts on. Under an event noun (`nested`) only
    a person acted on counts ("sanctions on Yanukovich"; not "brushed aside pressure on Beijing",
    the speaker's own capital)."""
    if ref.entity_id == source.entity_id:
        return False
    persons = [
        r.kind == "person" or (r.entity is not None and r.entity.kind == "person") for r in (ref, source)
    ]
    return persons[0] if nested else any(persons)


class TargetFinder:
    """Target selection for `SentenceCoder` (see the module docstring)."""

    def target_candidates(
        self, verb: Token, pattern: VerbPattern | None, obj: Token | None
    ) -> list[tuple[list[Token], str]]:
        """Where the target may be, best first: (tokens, how). All objects of one preposition
        form one candidate ("talks with the Taliban ... as well as with representatives")."""
        out: list[tuple[list[Token], str]] = []
        preps = cl.preps_of(verb)
        if pattern is not None and pattern.prep:
            toks = preps.get(pattern.prep.split()[-1], [])
            if toks:
                out.append((toks, f"prep-{pattern.prep}"))
        if obj is not None:
            out.append(([obj], "object"))
        else:
            out += [(toks, "object") for toks in self._object_after_as(preps)]
        for c in verb.children:  # a second object the parser split off ("his counterpart ... Mattarella")
            if c.dep_ in cl.OBJECT_DEPS and (obj is None or c.i != obj.i) and not split_apposition(c):
                out.append(([c], "object"))
        for c in verb.children:
            if c.dep_ in ("dative", "iobj") and c.pos_ != "ADP":
                out.append(([c], "dative"))
            elif c.dep_ == "dative":
                out.append(([g for g in c.children if g.dep_ == "pobj"], "dative"))
        if verb.pos_ == "ADJ":  # "skeptical about / wary of X": what the attitude is about
            for p in ATTITUDE_PREPS:
                if preps.get(p):
                    out.append((preps[p], f"prep-{p}"))
        for p in TARGET_PREPS:
            if p == "in":
                continue  # "in X" is a place; wars and attacks use it as a last resort
            toks = preps.get(p, [])
            # "filed a lawsuit against visiting Crown Prince X": a participle the parser took for
            # a gerund acting on the bare name right after it (not "for acquiring the S-400
            # system", "on doing business": a gerund's own object is a thing, no party)
            toks = toks + [
                g
                for t in toks
                if t.dep_ == "pcomp" and t.tag_ == "VBG"
                for g in t.children
                if g.dep_ == "dobj" and g.pos_ == "PROPN" and g.left_edge.i == t.i + 1
            ]
            if toks:
                out.append((toks, f"prep-{p}"))
        return out

    def _named_act_preps(self, noun: Token, nested: dict[str, list[Token]]) -> dict[str, list[Token]]:
        """ "launched a military operation, Operation Rah-e-Nijat, against militants": the parser
        hangs an act's own phrases on the name given to it in apposition; an act noun's
        prepositions include its name's (its own phrase of the same preposition comes first)."""
        if not self._is_event_noun(noun):
            return nested
        out = dict(nested)
        for a in noun.children:
            if a.dep_ == "appos":
                for p, toks in cl.preps_of(a).items():
                    out.setdefault(p, toks)
        return out

    @staticmethod
    def _stray_prep(obj: Token | None, prep: str) -> list[Token]:
        """ "returned 12 skulls that date back to 640 AD to Peru", "returned a pendant engraved
        with the image of Peter the Great to Russian authorities": after a long object the parser
        hangs the verb's own preposition on a clause or apposition inside the object. The last
        such phrase, past the clause or apposition that holds it, is the verb's."""
        if obj is None:
            return []
        found: list[Token] = []
        for p in obj.subtree:
            if p.dep_ != "prep" or p.lower_ != prep or p.head.i == obj.i or p.i < obj.i:
                continue
            up, inner = p.head, False
            while up.i != obj.i:
                inner = inner or up.dep_ in ("acl", "relcl", "appos")
                up = up.head
            if inner and not any(g.dep_ == "prep" for g in p.rights):
                found = [g for g in p.children if g.dep_ == "pobj"]
        return found

    @staticmethod
    def _object_after_as(preps: dict[str, list[Token]]) -> list[list[Token]]:
        """ "denounced as an ugly crime Serbia's suppression of ...", "welcomed as a positive step
        Sudan's decision": an object written after its "as" complement, which the parser folds
        into the "as" phrase (as its apposition, or as the owned noun the complement modifies)."""
        out = []
        for t in preps.get("as", []):
            appos = [a for a in t.children if a.dep_ == "appos"]
            if appos:
                out.append(appos)
            elif any(c.dep_ == "poss" for c in t.children):
                out.append([t])
        return out

    def find_target(
        self,
        actors: SentenceActors,
        verb: Token,
        pattern: VerbPattern | None,
        content: Token | None,
        source: list[ActorRef],
        code: str,
    ) -> tuple[list[ActorRef], str]:
        """The first candidate that names an actor; one naming a known actor beats a generic one."""
        obj = cl.logical_object(verb)
        if obj is None and content is not None and content.dep_ == "nsubj" and content.head.head.i == verb.i:
            obj = content  # "declared a state of siege in X to begin ...": see _raised_measure

        def usable(refs: list[ActorRef], argument: bool = False, nested: bool = False) -> list[ActorRef]:
            # "fought with tanks": an unplaced weapons platform is an instrument, not a target;
            # a munition ("fired four shells", "exploded bombs") never is, whoever's it is; nor is
            # the very mention that is the source ("money donated by the Irish": the passive
            # agent read again as the participle's "by" phrase)
            return [
                r
                for r in refs
                if not any(r.same_actor(x) and not (argument and other_party(r, x, nested)) for x in source)
                and not any((r.start, r.end) == (x.start, x.end) or _same_mention(r, x) for x in source)
                and not (r.entity is None and r.rank == "platform" and code not in PERSON_ACT_CODES)
                and r.rank != MUNITION
                and not (r.entity is None and self._is_amount(verb.doc[r.head]))
            ]

        fallback: tuple[list[ActorRef], str] | None = None

        def consider(refs: list[ActorRef], how: str) -> tuple[list[ActorRef], str] | None:
            nonlocal fallback
            nested = how.startswith("noun-prep-")
            # "May called for Britain to stay": whom an appeal or demand asks is its argument
            # too, and so are the parties of a weighed act ("is considering giving money to X")
            asked = (how == "clause" and code[:2] in ASKING_ROOTS) or (
                how.startswith("clause") and code == CONSIDER_CODE
            )
            refs = usable(refs, nested or asked or how in ARGUMENT_HOWS or how.startswith("prep-"), nested)
            if not refs:
                return None
            if any(r.entity is not None for r in refs):
                if code in MEDIATION_CODES:
                    # "a mediation effort between the KIO and the military government": a
                    # mediator stands between all the parties, named or not
                    return refs, how
                # "outlawed Hamas and the student unions", "condolences to the families and the
                # Government of Chile": a listed party of a known sector stands beside the named
                # one (a bare generic word of no sector still gives way)
                return [
                    r for r in refs if r.entity is not None or r.kind == "person" or r.sector
                ] or refs, how
            if how in NAMED_PERSON_HOWS and any(r.rule == UNKNOWN_PERSON_RULE for r in refs):
                return [r for r in refs if r.rule == UNKNOWN_PERSON_RULE], how
            if fallback is None:
                fallback = (refs, how)
            return None

        def consider_preps(
            nested: dict[str, list[Token]], preps: Iterable[str], how: str
        ) -> tuple[list[ActorRef], str] | None:
            """`consider` the objects of each preposition in turn ("talks with X")."""
            if "from" in preps and nested.get("from"):
                # "transferring helicopters from another UN mission to Darfur": a movement goes
                # to its destination, a place name no actor stands for, not to where it starts
                # (the parser may hang the "to" phrase on the "from")
                ends = nested.get("to", []) + [
                    u
                    for f in nested["from"]
                    if f.head.dep_ == "prep"
                    for u in cl.preps_of(f.head).get("to", [])
                ]
                places = [p for t in ends if (p := _unknown_place_name(actors, t)) is not None]
                if places:
                    return places[:1], f"{how}-to-place"
            for p in preps:
                found = consider([r for t in nested.get(p, []) for r in self.refs(actors, t)], f"{how}-{p}")
                if found:
                    return found
            return None

        own_place: list[ActorRef] = []

        def phrase(r: ActorRef) -> Span:
            return verb.doc[r.start : r.end]

        def consider_place(refs: list[ActorRef]) -> tuple[list[ActorRef], str] | None:
            """`consider` the places an act happens in, keeping one in the doer's own country as
            the last resort ("Libya's authorities announced a ceasefire in all Libyan
            territories"), as a named place's country stands when the event's place is taken as
            its recipient; any other recipient comes first ("threatened to ban voting in its
            capital if X ran": X)."""
            if not own_place:
                # only a place proper: a name or a place noun ("all Libyan territories"), not
                # an "in" phrase a country's adjective merely modifies ("in US military aid")
                own_place.extend(
                    r
                    for r in refs
                    if r.entity is not None
                    and any(r.same_actor(x) for x in source)
                    and (
                        phrase(r).root.pos_ == "PROPN"
                        or any(t.pos_ == "NOUN" and attach.is_place_noun(t) for t in phrase(r))
                    )
                )
            return consider(refs, "place-acted-in")

        candidates = self.target_candidates(verb, pattern, obj)
        if content is not None and obj is not None and content.i == obj.i and self._is_event_noun(content):
            # "launched a military operation, Operation Rah-e-Nijat, against militants", "EU
            # sanctions against Iran were lifted": the act named by the object is no party to
            # itself, nor is the name it is given or its issuer (its own phrases still are)
            candidates = [
                (toks, how) for toks, how in candidates if not (how == "object" and content in toks)
            ]
        if code[:2] in GIVING_ROOTS or code in GIVING_CODES:
            # "returned an ancient Egyptian sarcophagus to Egypt", "sent Turkish-made drones to
            # Ukraine": with a "to" recipient, the object is the thing handed over, whoever's it is
            given = [c for c in candidates if c[1] == "prep-to"]
            candidates = given + [c for c in candidates if c[1] != "prep-to"]
            if given:
                candidates = [c for c in candidates if c[1] != "object"]
                # (not a gift only considered: "is considering giving money to local
                # communities" stays the consideration, CAMEO 014, with no act of giving)
                found = (
                    None if self.modality(verb).hypothetical else self._given_to(actors, given[0][0], source)
                )
                if found is not None:
                    fallback = ([found], "recipient-thing")
        if code[:2] == "09":
            destination = self._inquiry_destination(actors, verb)
            found = consider(destination, "inquiry-destination")
            if found:
                return found
            if destination and destination[0].entity is None:
                return destination, "inquiry-destination"  # an unknown place still beats a clause's actor
        if code == "015" and content is not None:
            found = consider(*self._claimed_deed_target(actors, content))
            if found:
                return found
        moved: list[ActorRef] = []
        # the pattern's object, or the verb's own when the pattern names the place ("withdrew
        # peacekeepers from another position": withdraw from @TERRITORY)
        force = next((t for t in (content, obj) if t is not None and self._sent_force(actors, t)), None)
        if code in RELEASE_CODES:
            force = None  # "freed 280 child soldiers": soldiers set free are captives, not forces sent
        if force is not None:
            # "sent 200 troops to Syria", "withdrew peacekeepers from the Golan": the forces moved
            # are the doer's own, not the recipient; where they go or leave is (the forces stand
            # only when nothing else does).
            candidates = [(toks, how) for toks, how in candidates if not (how == "object" and force in toks)]
            moved = usable(self.refs(actors, force))
        if code in WITHDRAWAL_CODES and force is None:
            left = self._withdrawn_from(actors, obj, source)
            if left:
                return left, "withdrawn-from"
        if code[:2] == "11" and candidates and candidates[0][1] == "prep-to":
            # "Lebanon complained to the United Nations over two Israeli air raids": the "to"
            # party hears the complaint; it is aimed at the doer of what it is about
            found = consider(self.grievance_refs(actors, verb), "grievance")
            if found:
                return found
        if code[:2] == "14":
            # "held a protest at Delhi University against the siege of Kashmir": what a protest
            # is against comes before where it is held
            opposed = self._opposed_refs(actors, verb, content, source)
            if opposed:
                return opposed, "protested-against"
        if code in CAPTIVE_RELEASE_CODES and obj is not None:
            captives = self._released_captives(actors, obj)
            if captives:
                refs = usable(captives, argument=True)
                if refs:
                    return refs, "released"
        handed = code[:2] in HANDED_CODES or code[:3] in HANDED_CODES
        handed_to = handed and any(how == "prep-to" for _, how in candidates)
        for toks, how in candidates:
            refs = [r for t in toks for r in self.refs(actors, t)]
            if how == "object":
                refs = [self._without_verb_complement(actors, verb, r) for r in refs]
            if handed_to and how == "object" and refs and all(r.rule in ADJECTIVE_RULES for r in refs):
                # "an ancient Peruvian statue was returned to its owners": a thing handed over,
                # named only by a nationality, is what is given; whom it goes to is the recipient
                continue
            found = consider(refs, how)
            if found:
                return found
        if code in MEDIATION_CODES:
            # "launched a mediation effort to resolve the rift between Qatar and other Gulf
            # states": a mediator acts on the parties it stands between, however deep the
            # "between" phrase sits under the act
            parties = [u for _, u in cl.subtree_prep_objects(verb, "between")]
            found = consider([r for t in parties for r in self.refs(actors, t)], "mediated-parties")
            if found:
                return found
        # The event noun's own prepositions and modifiers: "talks with X", "Afghanistan assistance".
        nouns = [t for toks, _ in candidates for t in toks if t.pos_ in ("NOUN", "PROPN")]
        # "launched artillery, mortar and rocket fire against X": a list's last item holds the
        # list's preposition
        nouns += [c for t in list(nouns) for c in t.conjuncts if c.pos_ == "NOUN" and c not in nouns]
        # "provides 10 million in aid to the Palestinian people": an amount's "in" phrase names
        # what is given, and holds its recipient
        nouns += [
            u
            for toks, _ in candidates
            for t in toks
            if t.pos_ == "NUM" or self.lex.in_class("AID", self.noun_forms(t)[0])
            for u in cl.preps_of(t).get("in", [])
            if u.pos_ == "NOUN" and u not in nouns
        ]
        if content is not None and content not in nouns:
            nouns.insert(0, content)
        if force is not None and force not in nouns:
            nouns.append(force)  # "built up troops along its border with Kosovo": where they go
        for n in nouns:
            nested = self._named_act_preps(n, cl.preps_of(n))
            if n.dep_ == "dobj" and n.head.i == verb.i and "by" not in nested and not cl.is_passive(verb):
                # "denied charges by the U.S. Chamber of Commerce that ...": an active verb has no
                # agent, so a "by" phrase the parser hung on it after the object is the object's
                by = [t for t in cl.preps_of(verb).get("by", []) if t.head.i > n.i]
                if by:
                    nested = {**nested, "by": by}
            if code[:2] in REACTION_ROOTS:
                # "condemned Israel's strikes on Gaza": a reaction to an act is aimed at its doer.
                owners = [r for c in n.children if c.dep_ == "poss" for r in self.refs(actors, c)]
                if len(owners) == 1 and owners[0].origin is None:
                    # "welcomed NATO's decision (to send trainers)": the mention is the owned noun
                    owners = [replace(owners[0], start=min(owners[0].start, n.left_edge.i), end=n.i + 1)]
                found = consider(owners, "noun-owner")
                if found:
                    return found
            if code[:2] in SUPPORTED_OWNER_ROOTS and n.dep_ == "dobj" and n.head.i == verb.i:
                # "backed Kenya's bid for a seat", "welcomed Somalia's decisions taken at ...":
                # support for an actor's own undertaking goes to that actor, before any party the
                # undertaking's own phrases name; the mention is the owned noun, not its phrases
                found = consider(self._owned_by(actors, n), "object-owner")
                if found:
                    return found
            if self.lex.in_class("STATEHOOD", self.noun_forms(n)[0]):
                # "would recognize South Ossetia's independence from Georgia": a status is its
                # holder's (classes.tsv STATEHOOD), and so is an act on it
                found = consider(self._owned_by(actors, n), "status-holder")
                if found:
                    return found
                holder = self._unknown_status_holder(actors, n)
                if holder is not None:
                    return [holder], "status-holder-unknown"
            if code[:2] in PROPOSAL_REACTION_ROOTS:
                found = consider(self._proposal_issuer(actors, n), "proposal-issuer")
                if found:
                    return found
            if code[:2] in REACTION_ROOTS:
                # "condemned the threats made by the US government": whoever did the act a
                # passive participle tells of is whom reacting to it is aimed at
                found = consider(self._participle_agents(actors, n), "noun-participle-agent")
                if found:
                    return found
            if code[:2] == "10" and not actors.at(n):
                # "demanded the resignation of President X", "the withdrawal of Serbian forces
                # from Bosnia": who is to do (or undergo) what is demanded is its addressee;
                # not captives ("the release of its hostages from Hamas": Hamas is asked)
                free = [
                    t
                    for t in nested.get("of", [])
                    if not self.lex.in_class("PRISONERS", self.noun_forms(t)[0])
                ]
                found = consider_preps({"of": free}, ("of",), "noun-demanded")
                if found:
                    return found
            believed = self._belief_objects(verb, n)
            found = consider([r for t in believed for r in self.refs(actors, t)], "noun-prep-in")
            if found:
                return found
            found = consider_preps(nested, NOUN_TARGET_PREPS, "noun-prep")
            if found:
                return found
            if code[:2] in SUPPORTED_OWNER_ROOTS:
                found = consider(self._supported_owner(actors, nested), "noun-prep-owner")
                if found:
                    return found
            # "assistance to the US-led war": a recipient led or backed by an actor is theirs
            led = [
                self._as_argument(r, t)
                for p in NOUN_TARGET_PREPS
                for t in nested.get(p, [])
                for c in t.children
                if c.dep_ == "amod" and c.tag_ == "VBN" and c.lemma_.lower() in LEADER_PARTICIPLES
                for g in c.children
                if g.dep_ in ("npadvmod", "compound", "amod")
                for r in actors.at(g)
                if r.entity is not None
            ]
            found = consider(led[:1], "noun-prep-leader")
            if found:
                return found
            if code[:2] == "09":
                # "investigated the welfare of 2,000 Libyans", "an investigation into crimes
                # committed by Croat forces": whom the inquiry concerns, or who did what it looks into
                inquired = [t for p in ("into", "of") for t in nested.get(p, [])]
                found = consider([r for t in inquired for r in self.refs(actors, t)], "noun-inquired")
                if found:
                    return found
                doers = [r for t in (n, *inquired) for r in self._participle_agents(actors, t)]
                found = consider(doers, "noun-inquired-doer")
                if found:
                    return found
            for t in nested.get("of", []):  # "hosting of a meeting with X"
                found = consider_preps(cl.preps_of(t), NOUN_TARGET_PREPS, "noun-of-prep")
                if found:
                    return found
            inside = self.modifier_refs(actors, n)
            if not inside and self.lex.in_class("CONTAINERS", (n.lemma_.lower(),)):  # "positions of X"
                inside = [r for t in nested.get("of", []) for r in self.refs(actors, t)]
            if len(inside) == 1:  # the thing acted on, named by its owner: the mention is the whole phrase
                inside = [self._as_argument(inside[0], n)]
                if inside[0].origin is None:  # "French operations [in the former colony]"
                    inside = [replace(inside[0], end=cl.owned_phrase_end(n, inside[0].end))]
            inside = self._dual_national(inside, n, source)
            found = consider(inside, "noun-modifier")
            if found:
                return found
            if code[:2] not in REACTION_ROOTS and self._is_event_noun(n):
                # "lifted its blockade of Qatar", "the bombardment of Aleppo": the "of" phrase of an
                # act is what it is done to (its doer is the possessor, already the source).
                found = consider_preps(nested, ("of",), "noun")
                if found:
                    return found
            elif code[:2] in OWNED_THING_ROOTS and n.pos_ == "NOUN":
                # "suspended publication of Algeria's largest newspaper", "froze the assets of the
                # Brotherhood": coercion of a thing an actor's "of" phrase owns is aimed at that actor
                found = consider_preps(nested, ("of",), "noun-of-owner")
                if found:
                    return found
            # "a ban on US poultry", "tariffs on Chinese goods": the goods' owner.
            heads, _ = self.noun_forms(n)
            punitive = self.lex.in_class("SANCTIONS", heads) or self.lex.in_class("RESTRICTIONS", heads)
            for p in ("on", "against") if punitive else ():
                for t in self._measured_goods(verb, n, p, nested):
                    if self.refs(actors, t):
                        continue
                    owned = self.modifier_refs(actors, t)
                    if len(owned) == 1:
                        owned = [self._as_argument(owned[0], t)]
                    found = consider(owned, f"noun-prep-{p}-modifier")
                    if found:
                        return found
            if punitive and n.dep_ == "dobj" and n.head.i == verb.i:
                for t in self._banned_parties(verb, n):
                    banned = self.refs(actors, t) or self.modifier_refs(actors, t)
                    if len(banned) == 1 and not self.refs(actors, t):
                        banned = [self._as_argument(banned[0], t)]  # "with Iranian banks": the banks, Iran's
                    found = consider(banned, "prep-on-banned")
                    if found:
                        return found
        if (
            code[:2] in PLACE_FIRST_ROOTS or code[:3] in PLACE_FIRST_CODES or code in PLACE_FIRST_INTENT_CODES
        ) and fallback is None:
            # "declared a state of siege in Pando, and dispatched the army", "strengthened its
            # forces in Crimea amid confrontation with Ukraine": a show of force or a curfew is
            # aimed at where it is imposed; an actor a later clause names is not its recipient
            several = len({r.entity_id for r in source if r.entity is not None}) >= 2
            # (with no object, the noun the pattern's preposition governs: "participate in
            # peacekeeping operations in Afghanistan")
            held = obj if obj is not None or content is None or content.dep_ != "pobj" else content
            found = (
                None if several else consider_place(self._place_refs(actors, verb, held, ("state", "region")))
            )
            if found:
                return found
            if not own_place and not several:
                own_place.extend(self._unnamed_own_places(actors, verb, obj, source))
            if not own_place and not several:
                # "declared a state of siege in Santa Cruz Barillas", "in the town": a place no
                # country is known for is still where the measure is aimed (an actor a later
                # clause names may still win)
                spots = self._unnamed_places(actors, verb, obj)
                if not spots and content is not None and code in PLACE_FIRST_INTENT_CODES:
                    # "agreed to a ceasefire in Hodeidah": the place of the act the verb names
                    spots = self._unnamed_places(actors, verb, content)
                if spots:
                    fallback = (spots[:1], "place-acted-in-unknown")
        if handed and fallback is None and "to" not in cl.preps_of(verb):
            stray = self._stray_prep(obj, "to")
            found = consider([r for t in stray for r in self.refs(actors, t)], "prep-to")
            if found:
                return found
        # One level further down: "sent supplies and personnel such as doctors to Nepal", "provide
        # ammunition alongside humanitarian assistance to Turkey", "priority to the shipment of
        # water to the Haitian people".
        deeper = [
            g
            for n in nouns
            for c in n.children
            if c.dep_ == "prep" and c.lower_ not in ("to", "with") and c.lower_ not in LIST_PREPS_DEEP
            for g in c.children
            if g.dep_ == "pobj" and g.ent_type_ not in ("DATE", "TIME")
        ]
        deeper += [
            g
            for c in verb.children
            if c.dep_ == "prep" and c.lower_ not in TARGET_PREPS
            for g in c.children
            if g.dep_ == "pobj" and g.ent_type_ not in ("DATE", "TIME")
        ]
        if fallback is not None and fallback[1] == "place-acted-in-unknown":
            # "strengthened its forces in Crimea amid confrontation with Ukraine": a show of force
            # or a measure is aimed at the place it is put in; a party named only inside a
            # phrase of its circumstances is no recipient
            deeper = []
        for n in deeper:
            if n.lemma_.lower() in BORDER_NOUNS and any(
                c.dep_ == "poss" and c.pos_ == "PROPN" for c in n.children
            ):
                # "villages near Sudan's border with Chad": the neighbour only locates the place
                # (not "massed troops on its border with Kosovo": the doer's own border faces it)
                continue
            found = consider_preps(cl.preps_of(n), DEEP_TARGET_PREPS, "nested-prep")
            if found:
                return found
        # "imposed sanctions in relation to Iraq": a multi-word preposition naming what the act
        # concerns; a last resort, after every simple preposition of the verb and of its object
        # ("sanctions on Lebanon in relation to the bombing in Beirut": Lebanon)
        for name, toks in cl.complex_prep_objects(verb):
            found = consider([r for t in toks for r in self.refs(actors, t)], f"prep-{name}")
            if found:
                return found
        if code[:2] in MATERIAL_ROOTS and content is not None and self._is_event_noun(content):
            # "launched an attack that included 500 troops and tanks on the SDF headquarters":
            # the attack's "on" phrase, which the parser hangs inside the clause describing it
            for p in STRAY_ATTACK_PREPS:
                stray = [t for t in self._stray_prep(content, p) if t.ent_type_ not in NON_THING_ENTS]
                found = consider([r for t in stray for r in self.refs(actors, t)], f"stray-prep-{p}")
                if found:
                    return found
        if (
            code[:2] in MATERIAL_ROOTS or code[:2] in INQUIRY_ROOTS or code[:3] in EASED_MEASURE_CODES
        ) and fallback is None:
            # "stormed a police headquarters", "launched strikes on the rebel-held enclave": the
            # thing attacked or seized is the target even when it names no actor; it is not to be
            # taken from a later clause ("..., killing five officers").
            thing, known = self._thing_acted_on(actors, verb, obj, content, candidates, source)
            if thing is not None and known:
                return [thing], "thing-acted-on"
            if thing is not None:
                fallback = ([thing], "thing-acted-on")  # an actor named in a later clause may still win
        if code in VISIT_CODES and fallback is None:
            visited = self._visited_place(actors, verb, obj)
            if visited is not None:
                fallback = ([visited], "visited-place")  # an actor a later clause names still wins
        if code in VIOLATED_ACCORD_CODES and fallback is None:
            accord = self._violated_accord(actors, verb, obj, content)
            if accord is not None:
                fallback = ([accord], "accord-violated")  # a named party still wins
        if code in TOPIC_CODES and fallback is None:
            # "expressed pessimism about the talks, even as ...": a comment's own topic phrase
            # says what it is about before any actor a later clause happens to name
            topic, thow = self._comment_topic(actors, verb, content, source)
            if topic:
                return topic, thow
        if code in REJECTED_THING_CODES and fallback is None:
            thing = self._rejected_thing(actors, verb)
            if thing is not None:
                fallback = ([thing], "rejected-thing")  # an actor a later clause names still wins
        if code[:2] in REACTION_ROOTS:
            found = consider(self._message_recipients(actors, verb), "message-recipient")
            if found:
                return found
        # Purpose and complement clauses: "signed contracts to let Chinese companies mine".
        frontier = [c for c in verb.children if c.dep_ in ("xcomp", "advcl", "ccomp")]
        if obj is not None:
            frontier += [
                c for c in obj.children if c.dep_ in ("acl", "relcl") and not self._said_content(c, code)
            ]
            # "will return weapons and other equipment seized from the army": a participle on a
            # list's last item describes the whole list (as a list's last item holds its phrase)
            frontier += [
                c
                for u in obj.conjuncts
                if u.i > obj.i
                for c in u.children
                if c.dep_ == "acl" and c.tag_ == "VBN" and not self._said_content(c, code)
            ]
            # "declined an invitation for Argentina to join the BRICS group": the parser may hang
            # a noun's infinitive clause on it as an adverbial clause; it is the noun's all the same
            frontier += [
                c
                for c in obj.children
                if c.dep_ == "advcl"
                and c.i > obj.i
                and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
            ]
            # "trained hackers capable of launching attacks against X", "troops ready to strike
            # X": what the thing is fit for, told by an adjective after it, says whom it is for
            frontier += [
                v
                for a in obj.children
                if a.dep_ == "amod" and a.pos_ == "ADJ" and a.i > obj.i
                for c in a.children
                for v in ([c] if c.dep_ == "xcomp" else [g for g in c.children if g.dep_ == "pcomp"])
                if c.dep_ in ("xcomp", "prep") and v.pos_ == "VERB"
            ]
        # "insisted on its demands that the government grant ...": a noun's that-clause under
        # one of the verb's prepositions says what is asked, of whom
        frontier += [
            c
            for p in verb.children
            if p.dep_ == "prep"
            for u in p.children
            if u.dep_ == "pobj"
            for c in u.children
            if c.dep_ == "acl" and cl.clause_mark(c) == "that"
        ]
        if fallback is None and moved:
            # "withdrew peacekeepers from Sinai, allowing Nasser to ...": where the doer's own
            # forces go or leave comes before an actor of a clause telling what followed
            place = self._moved_place(actors, verb)
            # (not a force they join: "troops to a peacekeeping force in Liberia" is its host's)
            if place is not None and not self._is_force(verb.doc[place.head]):
                fallback = ([place], "moved-place")
        if fallback is not None and (
            fallback[1] in ("thing-acted-on", "moved-place")
            or (code[:2] in CUT_AID_ROOTS and fallback[1] in ("prep-to", "noun-prep-to"))
        ):
            # "attacked the rebel-held city, killing dozens of people", "imposed blockades on the
            # ports to prevent rebels from ...": once the verb names what it strikes or seizes,
            # an actor in a clause telling what followed, or what the act was for, is no
            # recipient; a condition still is ("threatened to ban voting in X if Hamas ran":
            # whoever must comply is whom a threat is aimed at)
            frontier = [c for c in frontier if cl.clause_mark(c) in cl.CONDITIONAL_MARKS]
        if own_place and code[:3] in PLACE_FIRST_CODES:
            # "declared a state of emergency in Colombia to fight a regime of terror": a measure
            # imposed in the doer's own country is aimed at it (PLOVER codes it so); whom a
            # purpose clause names is what the measure is for. A condition still counts.
            frontier = [c for c in frontier if cl.clause_mark(c) in cl.CONDITIONAL_MARKS]
        if fallback is not None and (
            fallback[1] == "object"
            or (fallback[1] == "thing-acted-on" and _holds_party(actors, verb.doc, fallback[0][0]))
        ):
            frontier = _without_conditions(frontier)
        seen: set[int] = set()
        for _depth in range(3):
            nxt = []
            for c in frontier:
                if c.i in seen:
                    continue
                seen.add(c.i)
                if c.dep_ == "advcl" and cl.clause_mark(c) in cl.DATING_MARKS:
                    # "launched drills ... days after X was sworn in as president": a clause
                    # that only dates the act does not say whom it is aimed at
                    continue
                if (
                    c.dep_ == "advcl"
                    and cl.clause_mark(c) in SIDE_MARKS
                    and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
                ):
                    continue  # (SIDE_MARKS: the clause's own subject is no recipient)
                particles = [g.lower_ for g in c.children if g.dep_ == "prt"]
                made = self.lex.in_class(
                    "CREATING", (c.lemma_.lower(), *(f"{c.lemma_.lower()} {p}" for p in particles))
                )
                if (
                    c.dep_ == "relcl"
                    and any(g.dep_ in ("nsubj", "nsubjpass") and g.tag_ in RELATIVE_TAGS for g in c.children)
                    and not any(self.lex.in_class(k, self.noun_forms(c.head)[0]) for k in WORDING_CLASSES)
                ):
                    # "launched an attack that included 500 troops", "a car bomb killed a man who
                    # had fought on the Ukrainian side": a relative clause whose subject is the
                    # noun itself tells what that noun does or underwent, not whom the act is
                    # aimed at (unlike "weapons they seized from the army": the noun is its
                    # object; or "approved a plan that bars X": a text or measure's clause
                    # says what it does, to whom)
                    continue
                for g in sorted(c.children, key=lambda x: x.i):
                    if made and g.dep_ in ("dobj", "prep", "dative"):
                        # "agreed to set up a research institute for animation": what the act
                        # brings into being is a thing made, and what it is for, not a party the
                        # act is aimed at
                        continue
                    if g.dep_ in ("nsubj", "dobj", "attr", "dative", "oprd"):
                        found = consider(self.refs(actors, g), "clause") or consider(
                            self.modifier_refs(actors, g), "clause-modifier"
                        )
                        if found:
                            return found
                    # (a "to" dative is a preposition too: "considering giving money to X")
                    if g.dep_ in ("prep", "agent") or (g.dep_ == "dative" and g.pos_ == "ADP"):
                        for u in g.children:
                            if u.dep_ == "pobj":
                                # "lifted restrictions imposed on ex-prime minister Olmert": a
                                # participle telling what the object does puts its own argument
                                # (not an infinitive: "an invitation for X to travel to Y")
                                held = (
                                    obj is not None
                                    and c.head.i == obj.i
                                    and c.dep_ == "acl"
                                    and c.tag_ in ("VBN", "VBG")
                                )
                                found = consider(
                                    self.refs(actors, u), "object-clause-prep" if held else "clause-prep"
                                )
                                if found:
                                    return found
                    if g.dep_ == "dobj" and self.lex.in_class("MEETING", self.noun_forms(g)[0]):
                        # "rejected an invitation to attend a meeting of Palestinian factions":
                        # those who meet are whom attending or shunning it is aimed at
                        for p in ("of", "with", "between"):
                            for u in cl.preps_of(g).get(p, []):
                                found = consider(self.refs(actors, u), "clause-meeting")
                                if found:
                                    return found
                    # "refused to respond to a demand from the US President": a proposal,
                    # demand or offer dealt with is aimed back at whoever made it
                    dealt = [g] if g.dep_ == "dobj" else [u for u in g.children if u.dep_ == "pobj"]
                    for u in dealt if g.dep_ in ("dobj", "prep") else ():
                        if self.lex.in_class("PROPOSAL", self.noun_forms(u)[0]):
                            issuers = [self._as_argument(r, u) for r in self._issuer(actors, u) or []]
                            found = consider(issuers, "clause-issuer")
                            if found:
                                return found
                    if g.dep_ in ("xcomp", "ccomp", "acl", "advcl"):
                        nxt.append(g)
            frontier = nxt
        if fallback is None:
            found = consider(self._dispute_counterparts(actors, verb), "dispute-with")
            if found:
                return found
        if (code[:2] in GIVING_ROOTS or code in GIVING_CODES) and obj is not None and fallback is None:
            # "returned 12 skulls that date back to AD 640 to Peru", "provides 10 million in aid
            # to the Palestinian people": what is handed over goes "to" its recipient even when
            # the parser hangs that phrase inside the long object
            found = consider(
                [
                    r
                    for _, g in cl.subtree_prep_objects(obj, "to")
                    for r in self.refs(actors, g)
                    if r.entity is not None  # a named recipient ("date back to AD 640" is none)
                ][:1],
                "object-prep-to",
            )
            if found:
                return found
        if code == CONSIDER_CODE and fallback is None:
            weighed = self._weighed_gift_recipient(actors, verb, source)
            if weighed is not None:
                return [weighed], "weighed-gift-recipient"
        if code in REPRESSION_CODES and fallback is None:
            found = self._repressed_protesters(actors, verb, source)
            if found:
                return found, "protesters-repressed"
        # Nothing else: the country where it happens ("lifted the curfew in Montenegro", "fought a
        # war in Afghanistan") stands as the recipient, as PLOVER codes it. Not for statements.
        several = len({r.entity_id for r in source if r.entity is not None}) >= 2  # "X and Y met": each other
        if code[:2] == "14" and fallback is None:
            found = consider(self.grievance_refs(actors, verb), "grievance")
            if found:
                return found
        if code[:2] not in ("01", "04") and fallback is None and not several:
            found = consider_place(self._place_refs(actors, verb, obj))
            if found:
                return found
            if code[:2] == "07":
                # "gave 50 million euros to promote development in Ethiopia", "funding to fight
                # the epidemic in West Africa": aid goes where its purpose is carried out
                purposes = [c for c in verb.children if c.dep_ in ("xcomp", "advcl")]
                purposes += [c for c in obj.children if c.dep_ == "acl"] if obj is not None else []
                # "announced an increase in funding to fight the epidemic in X": the purpose
                # clause the parser hangs on the object noun as an adverbial one
                purposes += [c for c in obj.children if c.dep_ == "advcl"] if obj is not None else []
                found = consider(self._recipient_places(actors, verb, obj), "place-of-recipient")
                if found:
                    return found
                for c in purposes:
                    if c.pos_ != "VERB" or not any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
                        continue
                    # "to stem and end the epidemic in X"; also a bare verb the parser joined to
                    # the main verb instead ("provided aid to stem and ultimately end the outbreak")
                    split = [
                        v
                        for v in verb.children
                        if v.dep_ == "conj"
                        and v.tag_ == "VB"
                        and v.i > c.i
                        and not any(g.dep_ in cl.SUBJECT_DEPS for g in v.children)
                    ]
                    for v in (c, *c.conjuncts, *split):
                        found = consider(
                            self._place_refs(actors, v, cl.logical_object(v), ("state", "region")),
                            "place-of-purpose",
                        )
                        if found:
                            return found
            # "threatened to impose a curfew in Algiers", "agreed to set up a research centre in
            # Tokyo": a threat or undertaking is aimed at where the act it names would happen
            # (not "agreed to meet in Geneva": a meeting's or statement's place is no recipient)
            how = "place-threatened" if code[:2] == "13" else "place-intended"
            # also the act a demand or offer dealt with names: "would not meet demands to
            # release prisoners in Iraq"
            named_acts = [c for c in verb.children if c.dep_ == "xcomp"]
            named_acts += [c for c in obj.children if c.dep_ in ("acl", "xcomp")] if obj is not None else []
            for c in named_acts:
                if c.pos_ not in ("VERB", "AUX"):
                    continue
                named = self.match_verb(c)
                if named is not None and named[0].code[:2] in ("01", "04"):
                    continue
                found = consider(self._place_refs(actors, c, cl.logical_object(c)), how)
                if found:
                    return found
            found = consider(self._left_place_refs(actors, verb), "place-left")
            if found:
                return found
            # "resigned as president of Indonesia": an office given up (or taken) is the
            # country's whose office it is
            offices = [u for t in cl.preps_of(verb).get("as", []) for u in cl.preps_of(t).get("of", [])]
            found = consider(
                [
                    replace(r, sector=None, kind="state", rule=f"office-of({r.rule})", score=r.score * 0.8)
                    for t in offices
                    for r in self.refs(actors, t)
                    if names_state(r)
                ],
                "office-of",
            )
            if found:
                return found
            if code in RESIGNATION_CODES:
                # "resigned on Sunday, after protests calling for his removal in Peru": a
                # resignation is the country's, wherever the sentence names it as a place (the
                # doer's own country included)
                spots = [
                    u
                    for g, u in cl.subtree_prep_objects(verb, "in")
                    if not any(x.start <= g.i < x.end for x in source)
                ]
                states = [_as_place(r) for u in spots for r in self.refs(actors, u) if names_state(r)]
                if states:
                    return states[:1], "place-resigned-in"
        if fallback is not None and len(fallback[0]) == 1:
            located = self._located(actors, fallback[0][0], source)
            if located is not None:
                return [located], f"{fallback[1]}+place"
        if code[:2] == "07" and fallback is not None and all(r.entity is None for r in fallback[0]):
            # "assistance to populations affected by the cyclone in Mozambique": the unnamed
            # recipients' place, when their phrase gives one and they are not placed by it
            found = consider(self._recipient_places(actors, verb, obj), "place-of-recipient")
            if found:
                return found
        if fallback is None and own_place:
            return own_place, "place-acted-in-own"
        if fallback is None and (code in DOERS_PLACE_CODES or code[:3] in DOERS_PLACE_CODES):
            places = self._doers_place(actors, source)
            if places:
                return places, "place-of-doers"
        if fallback is None and not moved and obj is not None and self._is_force(obj):
            # "agreed to withdraw its troops from a buffer zone": the doer's own forces are no
            # party, but where they go or leave still is
            place = self._moved_place(actors, verb)
            if place is not None:
                return [place], "moved-place"
        if fallback is None and moved:
            place = self._moved_place(actors, verb)
            if place is not None:
                return [place], "moved-place"
            foe = self._force_foe(actors, verb)
            if foe:
                return foe, "force-purpose"
            return moved, "object"
        if fallback is None and code[:2] not in ("01", "04") and not several:
            # "suspended aid deliveries in Borno State": with no other recipient, a place the
            # act is done in that the actor lexicon lacks is still where it is aimed (the
            # pipeline gives it its country, as for a known place)
            spots = self._unnamed_places(actors, verb, obj)
            if spots:
                return spots[:1], "place-acted-in-unknown"
        return fallback or ([], "none")

    def _dispute_counterparts(self, actors: SentenceActors, verb: Token) -> list[ActorRef]:
        """ "accepted a formula for settling a piecework dispute with the company", "a plan to end
        its conflict with Israel": an act that deals with a quarrel (DISPUTE in classes.tsv) the
        doer has "with" someone is aimed at that party, however deep the phrase hangs. A last
        resort once no phrase of the verb or its object names a party."""

        def quarrel(t: Token) -> bool:
            return t.pos_ == "NOUN" and self.lex.in_class("DISPUTE", self.noun_forms(t)[0])

        out = []
        for g, u in cl.subtree_prep_objects(verb, "with"):
            # the phrase on the quarrel, or on the verb settling it ("settle their dispute with X")
            held = g.head
            if held.pos_ != "NOUN":
                held = next((c for c in held.children if c.dep_ == "dobj"), None)
            if held is not None and quarrel(held):
                out += [self._as_argument(r, u) for r in self.refs(actors, u)]
        return out

    def _supported_owner(self, actors: SentenceActors, nested: dict[str, list[Token]]) -> list[ActorRef]:
        """ "pledged support for the Afghan government's efforts", "aid to Haiti's reconstruction":
        support for an actor's own undertaking goes to that actor; the mention is the owned
        phrase, as it is for a reaction to an actor's decision."""
        return [
            r for p in SUPPORTED_OWNER_PREPS for t in nested.get(p, []) for r in self._owned_by(actors, t)
        ]

    def _unknown_status_holder(self, actors: SentenceActors, t: Token) -> ActorRef | None:
        """A status (STATEHOOD) held by a name the knowledge base lacks ("South Ossetia's
        independence"): the holder, as a mention of the owned phrase with no known actor, rather
        than a party the status's other phrases name."""
        owners = [c for c in t.children if c.dep_ == "poss"]
        if len(owners) != 1 or owners[0].pos_ != "PROPN" or self.refs(actors, owners[0]):
            return None
        start = min(owners[0].left_edge.i, t.left_edge.i)
        return thing_ref(t, start, t.i + 1)

    def _owned_by(self, actors: SentenceActors, t: Token) -> list[ActorRef]:
        """The known actor owning a noun that names none ("the Afghan government's efforts"), its
        mention being the owned phrase; none if the noun is an actor or has no single owner."""
        if t.pos_ != "NOUN" or self.refs(actors, t):
            return []
        owners = [r for c in t.children if c.dep_ == "poss" for r in self.refs(actors, c)]
        if len(owners) == 1 and owners[0].origin is None and owners[0].entity is not None:
            # up to its "of" object ("Mexico's handling of the epidemic"), not its other phrases
            end = max([t.i + 1, *(u.i + 1 for u in cl.preps_of(t).get("of", []) if u.dep_ == "pobj")])
            return [replace(owners[0], start=min(owners[0].start, t.left_edge.i), end=end)]
        return []

    def _comment_topic(
        self, actors: SentenceActors, verb: Token, content: Token | None, sources: list[ActorRef]
    ) -> tuple[list[ActorRef], str]:
        """ "expressed pessimism over Alitalia's future", "defended Germany's decision": a
        comment that names no actor it is addressed to is about its topic, what the verb takes
        as object or the object of the feeling noun's (or the verb's) about/over/at/for phrase.
        The mention is the whole topic phrase; its actor is the topic's owner when one other than
        the commenter is named, else none."""
        obj = cl.logical_object(verb)
        topics = [obj] if obj is not None and (content is None or obj.i != content.i) else []
        for h in [content, verb] if content is not None else [verb]:
            preps = cl.preps_of(h)
            topics += [
                t
                for p in TOPIC_PREPS
                if not (p == "of" and h.i == verb.i and verb.pos_ != "ADJ")
                for t in preps.get(p, [])
            ]
        if content is not None:
            topics += self._belief_objects(verb, content)  # "pessimism in the future of the economy"
        # "pessimism about bringing the standoff to an end": a gerund's object is the topic (the
        # gerund stays first, for the party an act is done with: "over holding talks with X")
        topics = [
            o
            for t in topics
            for o in (
                [t, *[g for g in t.children if g.dep_ == "dobj"][:1]]
                if t.pos_ == "VERB" and t.tag_ == "VBG"
                else [t]
            )
        ]
        # "expressed optimism that the vaccination timeline could be accelerated", "is
        # pessimistic that the Olympics will go ahead": a that-clause's subject is the topic
        # (also with "that" left out: "is skeptical the program would meet the deadline")
        holders = [h for h in (content, verb) if h is not None]
        if verb.pos_ == "ADJ" and verb.dep_ == "acomp":
            holders.append(verb.head)
        topics += [
            g
            for h in holders
            for c in h.children
            if (c.dep_ in ("ccomp", "acl") and cl.clause_mark(c) == "that")
            or (c.dep_ == "ccomp" and cl.clause_mark(c) is None)
            for g in c.children
            if g.dep_ in ("nsubj", "nsubjpass")
        ]
        for t in topics:
            if t.pos_ == "VERB" and t.dep_ == "pcomp":
                # "pessimism over holding negotiations with the United States": a topic that is an
                # act is about the party it is done with
                acts = [t, *(g for g in t.children if g.dep_ == "dobj")]
                parties = [
                    r
                    for a in acts
                    for p in ("with", "to", "against")
                    for u in cl.preps_of(a).get(p, [])
                    for r in self.refs(actors, u)
                    if r.entity is not None and not any(r.same_actor(x) for x in sources)
                ]
                if parties:
                    return parties[:1], "topic-act-party"
            if t.pos_ not in ("NOUN", "PROPN") or t.ent_type_ in NON_THING_ENTS:
                continue
            named = [
                r
                for r in self.refs(actors, t)
                if r.entity is not None and not any(r.same_actor(x) for x in sources)
            ]
            if len(named) > 1:
                # "hopes France and Germany will persuade Iran": a topic that lists actors is
                # about each of them, not about the first alone
                return named, "topic-actors"
            start, end = cl.argument_span(t)
            owners = [r for c in t.children if c.dep_ == "poss" for r in self.refs(actors, c)]
            # "defended the right of Russian troops to fire": an of-phrase owns the topic too
            owners = (
                owners
                or self.modifier_refs(actors, t)
                or [r for o in cl.preps_of(t).get("of", []) for r in self.refs(actors, o)]
            )
            owners = [r for r in owners if r.entity is not None and not any(r.same_actor(x) for x in sources)]
            if owners:
                return [replace(owners[0], start=start, end=end, head=t.i)], "topic-owner"
            if any(c.dep_ == "poss" for c in t.children):
                # "defended Russia's involvement [in the energy sector]": the owned topic itself
                end = cl.owned_phrase_end(t, end)
            text = t.doc[start:end].text
            return [thing_ref(t, start, end, text)], "topic"
        return [], "none"

    def _belief_objects(self, verb: Token, noun: Token) -> list[Token]:
        """ "expressed confidence in the new government": what a belief noun (classes.tsv BELIEF)
        is held in, from its own "in" phrase or from the one the parser hangs on the verb after
        it; a place, a time or the message it was voiced in says where or how, not what about."""
        if not self.lex.in_class("BELIEF", self.noun_forms(noun)[0]):
            return []
        held = cl.preps_of(noun).get("in", [])
        if noun.head.i == verb.i:
            held = held + [
                t
                for t in cl.preps_of(verb).get("in", [])
                if t.i > noun.i
                and t.ent_type_ not in (*cl.PLACE_ENTS, "DATE", "TIME")
                and not self.lex.in_class("MESSAGE", self.noun_forms(t)[0])
            ]
        return held

    def _rejected_thing(self, actors: SentenceActors, verb: Token) -> ActorRef | None:
        """What a rejecting or opposing verb takes as its object when that names no actor ("the
        Kirkuk council decision", "any military solution to the crisis"): the whole phrase, as
        a thing (REJECTED_THING_CODES); None when the object is no noun or names a date, sum or
        count."""
        obj = cl.logical_object(verb)
        if obj is None or obj.pos_ != "NOUN" or obj.ent_type_ in NON_THING_ENTS or actors.at(obj):
            return None
        if verb.dep_ == "relcl" and verb.head.i == obj.i:
            # "opened an inquiry, a move that Israel rejected": the noun only points back at an
            # act told before, whose doer is the one the rejection is aimed at
            return None
        start, end = cl.argument_span(obj)
        # "rejected the announcement that X had won": the noun's that-clause is what is rejected
        said = [c for c in obj.children if c.dep_ == "acl" and cl.clause_mark(c) == "that"]
        end = max([end, *(c.right_edge.i + 1 for c in said)])
        # (up to a comma: what follows it is the rejecter's own comment, ", saying ...")
        end = next((t.i for t in obj.doc[obj.i : end] if t.text in (",", ";")), end)
        text = obj.doc[start:end].text
        thing = thing_ref(obj, start, end, text)
        # "accused the legislation of attacking ...": not the charge the verb's own "of" tells
        return self._without_verb_complement(actors, verb, thing)

    def _claimed_deed_target(self, actors: SentenceActors, content: Token) -> tuple[list[ActorRef], str]:
        """ "claimed responsibility for the attack on the army's sites", "claimed the bombings in
        Sri Lanka": who or what the claimed deed was aimed at, from the deed's on/against/at/in
        phrase (a thing stands when no actor is named there)."""
        own = cl.preps_of(content)
        # "claimed responsibility on attacks on X": the deed may also come with "on"
        deeds = (
            [content]
            if self._is_event_noun(content)
            else own.get("for", []) + [t for t in own.get("on", []) if self._is_event_noun(t)]
        )
        # "claimed responsibility for both the Farah and the Ghazni attacks": each deed of a list
        deeds += [c for d in list(deeds) for c in d.conjuncts if c not in deeds and self._is_event_noun(c)]
        placed = [r for d in deeds if self._is_event_noun(d) for r in self.modifier_refs(actors, d)]
        for deed in deeds:
            nested = dict(cl.preps_of(deed))
            if deed.i != content.i:
                # "claimed responsibility for an act of arson at a ski resort": the parser often
                # hangs the deed's at/against phrase on "responsibility"
                for p in STRANDED_DEED_PREPS:
                    nested[p] = nested.get(p, []) + own.get(p, [])
            # "the bombings that killed 300 people in Sri Lanka": where the deed's own clause
            # says it struck
            for c in deed.children:
                if c.dep_ in ("relcl", "acl") and c.pos_ == "VERB":
                    held = [c, *(g for g in c.children if g.dep_ == "dobj")]  # "killed 300 people in X"
                    for p, toks in (i for h in held for i in cl.preps_of(h).items()):
                        nested[p] = nested.get(p, []) + toks
            for p in CLAIMED_DEED_PREPS:
                for t in nested.get(p, []):
                    refs = self.refs(actors, t)
                    if refs:
                        return refs, f"claimed-deed-{p}"
                    if t.pos_ in ("NOUN", "PROPN") and t.ent_type_ not in NON_THING_ENTS:
                        if p == "in" and self.lex.in_class("MESSAGE", self.noun_forms(t)[0]):
                            # "the Ghazni attacks in messages to the media", "in a statement":
                            # how the claim was made, not where the deed struck
                            continue
                        start, end = cl.argument_span(t)
                        text = t.doc[start:end].text
                        thing = thing_ref(t, start, end, text)
                        return [thing], f"claimed-deed-{p}"
        if placed:
            # "claimed responsibility for the Kabul attack": a deed named by the place it struck,
            # as "the attack in Kabul" is
            return placed, "claimed-deed-modifier"
        return [], "none"

    def _opposed_refs(
        self, actors: SentenceActors, verb: Token, content: Token | None, source: list[ActorRef]
    ) -> list[ActorRef]:
        """Whom a protest is against, named in its "against"/"over"/"about" phrase (OPPOSED_PREPS)
        on the verb, on the protest noun ("joined the mobilization against army rule"), or on
        the protest it takes part in ("participating in a hunger strike against X"). The phrase
        names the actor ("against Israel"), or is a thing whose owner or modifier names one
        ("the state's unemployment system", "army rule", "the siege of Kashmir": the mention is
        the whole phrase), or whose doer a "by" phrase names ("violations by the police").
        A protest's grievance comes before the place it is held at, which the generic target
        search would take first. Empty when no such phrase names anyone besides the protesters."""
        heads = [verb]
        if content is not None and content.i != verb.i:
            heads.append(content)
        heads += [t for t in cl.preps_of(verb).get("in", []) if self._protest_noun(t)]
        heads += [t for t in verb.children if t.dep_ in cl.OBJECT_DEPS and self._protest_noun(t)]
        things = [
            t
            for h in heads
            for p in OPPOSED_PREPS
            for t in cl.preps_of(h).get(p, [])
            if t.ent_type_ not in NON_THING_ENTS
        ]
        # "started a hunger strike, protesting the state's system": the object of a participle
        # of protest (not the protest itself: "staged a rally, protesting ...")
        protesting = [
            c
            for c in verb.children
            if c.dep_ in ("advcl", "xcomp")
            and c.tag_ == "VBG"
            and (m := self.match_verb(c)) is not None
            and m[0].code[:2] == "14"
        ]
        things += [
            o
            for v in protesting
            for o in v.children
            if o.dep_ in cl.OBJECT_DEPS
            and o.pos_ in ("NOUN", "PROPN")
            and not self._protest_noun(o)
            and o.ent_type_ not in NON_THING_ENTS
        ]

        def others(refs: list[ActorRef]) -> list[ActorRef]:
            return [r for r in refs if not any(r.same_actor(x) for x in source)]

        for t in things:
            found = others(self.refs(actors, t))
            if found:
                return found
            inner = self._through_quantity(t)
            owners = others(self.modifier_refs(actors, inner))
            if not owners:
                # an unplaced owner or modifier still says who ("army rule")
                owners = others(
                    [
                        r
                        for c in inner.children
                        if c.dep_ in ("compound", "amod", "poss") and not stance_word(c)
                        for r in actors.at(c)
                    ]
                )
            if len(owners) == 1:
                return [self._as_argument(owners[0], t)]
            doers = others(self._participle_agents(actors, inner))
            doers = doers or others(
                [r for u in cl.preps_of(inner).get("by", []) for r in self.refs(actors, u)]
            )
            if doers:
                return doers
            of = others([r for u in cl.preps_of(inner).get("of", []) for r in self.refs(actors, u)])
            if len(of) == 1 and self._is_event_noun(inner):
                return [self._as_argument(of[0], t)]
        return self._opposed_thing(actors, things)

    def _opposed_thing(self, actors: SentenceActors, things: list[Token]) -> list[ActorRef]:
        """ "protesting the state's unemployment system", "a march against army rule": a grievance
        that names no actor is still what the protest is aimed at (an uncoded thing), before any
        place the protest is held at. A grievance whose phrase names an actor the rules above did
        not take ("against the re-election of X") is left to the generic search."""
        for t in things:
            if t.pos_ != "NOUN" or self._protest_noun(t) or self._is_event_noun(t):
                continue  # the protest itself ("staging a sit-in strike"), or an act named as one
            phrase = t.head if t.dep_ == "pobj" else t  # the whole "against ..." phrase
            if any(actors.at(u) for u in phrase.subtree):
                continue
            start, end = cl.argument_span(t)
            return [thing_ref(t, start, end)]
        return []

    def _protest_noun(self, tok: Token) -> bool:
        """Is the word a protest (a demonstration, a strike, a hunger strike)?"""
        entry = self.event_entry(tok)
        return (entry is not None and entry.code[:2] == "14") or self.lex.in_class(
            "PROTEST", self.noun_forms(tok)[0]
        )

    def grievance_refs(self, actors: SentenceActors, trig: Token) -> list[ActorRef]:
        """Who a protest is against when it names its grievance: the actor named in, or owning,
        what it is "against"/"at"/"over" ("riots against Israeli military policies"), or what
        its purpose clause voices disapproval of ("blocked a road to show their disapproval for
        the United States' policies"). Empty when the grievance names no actor."""
        things: list[Token] = []

        def grievance_objects(head: Token, preps: tuple[str, ...]) -> list[Token]:
            found = cl.preps_of(head)
            return [t for p in preps for t in found.get(p, []) if t.ent_type_ not in NON_THING_ENTS]

        answered: list[Token] = []  # what the protest answers ("in response to X's decision")

        def in_protest_or_response(head: Token) -> None:
            # "began a hunger strike in protest against new laws", "in protest of the arrests"
            for t in grievance_objects(head, ("in",)):
                if self.lex.in_class("PROTEST", self.noun_forms(t)[0]):
                    things.extend(grievance_objects(t, (*GRIEVANCE_PREPS, "of")))
                elif self.lex.in_class("RESPONSE", self.noun_forms(t)[0]):
                    answered.extend(grievance_objects(t, ("to", "for")))

        things += grievance_objects(trig, GRIEVANCE_PREPS)
        in_protest_or_response(trig)
        for c in trig.children:
            if c.dep_ not in ("advcl", "xcomp"):
                continue
            purpose = any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
            matched = self.match_verb(c)
            protesting = matched is not None and matched[0].code[:2] in ("11", "14")
            if not purpose and not (protesting and c.tag_ == "VBG"):
                continue
            things += grievance_objects(c, GRIEVANCE_PREPS)
            if protesting:  # "stopped work, staging a strike in response to X's decision"
                in_protest_or_response(c)
            for o in c.children:
                if o.dep_ not in cl.OBJECT_DEPS:
                    continue
                if protesting:  # "to protest the policy imposed by the administration", "protesting X"
                    things.append(o)
                elif self.lex.in_class("CRITICISM", self.noun_forms(o)[0]):
                    things += grievance_objects(o, (*GRIEVANCE_PREPS, "for", "of", "with"))
        for t in answered:
            # the act answered is its owner's, named by a known name or not ("GE's decision");
            # the mention is the owned noun, not what its own phrases say the act was
            owners = [r for c in t.children if c.dep_ == "poss" for r in self.refs(actors, c)]
            if len(owners) == 1 and owners[0].origin is None and t.pos_ == "NOUN":
                return [replace(owners[0], start=min(owners[0].start, t.left_edge.i), end=t.i + 1)]
        things += answered
        for t in things:
            refs = [r for r in self.refs(actors, t) if r.entity is not None]
            if refs:
                return refs
            owners = self.modifier_refs(actors, t)
            if owners:
                return [self._as_argument(owners[0], t)] if len(owners) == 1 else owners
            # "laws imposed by the Indian government": who imposed them, named as written
            doers = [r for r in self._participle_agents(actors, t) if r.entity is not None]
            if doers:
                return doers
        return []

    def _doers_place(self, actors: SentenceActors, source: list[ActorRef]) -> list[ActorRef]:
        """ "Rebel fighters in the Deraa countryside said they will lay down their weapons",
        "protest leaders in Sudan agreed to end the strike": a ceasefire or an easing by doers
        whose own phrase places them, with no other recipient, holds in that place (the place's
        country, or the place phrase for the pipeline to place)."""
        doc = actors.span.doc
        if len(source) != 1 or not 0 <= source[0].head < len(doc):
            return []
        # (a pronoun's antecedent: "rebels in X said they will ...")
        o = source[0].origin
        head = doc[o[0] : o[1]].root if o is not None else doc[source[0].head]
        # also the doers' participle clause ("the coalition fighting Houthi rebels in Yemen",
        # "militias based in Tripoli"): it places them where they fight or stay
        described = [
            u
            for c in head.children
            if c.dep_ == "acl" and c.tag_ in DOERS_CLAUSE_TAGS
            for _, u in cl.subtree_prep_objects(c, "in")
        ]
        for u in cl.preps_of(head).get("in", []) + described:
            if u.pos_ not in ("NOUN", "PROPN") or u.ent_type_ in NON_THING_ENTS:
                continue
            states = [_as_place(r) for r in self.refs(actors, u) if names_state(r)]
            if states:
                return self._named_government(actors, states[0], source) or states[:1]
            if u.pos_ == "NOUN" and not attach.is_place_noun(u):
                continue
            start, end = cl.argument_span(u, None)
            return [thing_ref(u, start, end)]
        return []

    @staticmethod
    def _named_government(actors: SentenceActors, state: ActorRef, source: list[ActorRef]) -> list[ActorRef]:
        """ "Public workers in Brazil call off a strike after the Brazilian government accepted a
        deal": where the sentence names the government of the doers' own country, that mention
        is whom their yielding is aimed at, not the country as a place."""
        return [
            r
            for r in actors.mentions()
            if r.entity is not None
            and r.entity_id == state.entity_id
            and r.sector == GOVERNMENT_SECTOR
            and not any(x.start <= r.start < x.end or r.start <= x.start < r.end for x in source)
            and not any(r.same_actor(x) for x in source)  # (doers coded as their country's side)
        ][:1]

    def _located(self, actors: SentenceActors, ref: ActorRef, source: list[ActorRef]) -> ActorRef | None:
        """An unplaced actor whose own phrase says where it is ("refugees fleeing the civil war
        in Liberia", "a peacekeeping force in Mali") belongs to that country."""
        if ref.entity is not None or ref.rule == "thing" or ref.head >= len(actors.span.doc):
            return None
        head = actors.span.doc[ref.head]
        for u in head.subtree:
            if not (
                u.dep_ == "pobj"
                and u.head.lower_ in ("in", "inside", "across")
                and ref.start <= u.i < ref.end
            ):
                continue
            for r in self.refs(actors, u):
                if not names_state(r):
                    continue
                if any(replace(r, sector=None).same_actor(x) for x in source):
                    return None
                return replace(
                    r,
                    start=ref.start,
                    end=ref.end,
                    head=ref.head,
                    sector=ref.sector,
                    kind=ref.kind,
                    rule=f"{ref.rule}+in-place({r.rule})",
                    origin=None,
                    name=f"{r.entity.name} {ref.name}",
                    score=r.score * 0.7,
                )
        return None

    def _place_refs(
        self, actors: SentenceActors, verb: Token, obj: Token | None, kinds: tuple[str, ...] = ("state",)
    ) -> list[ActorRef]:
        """Countries of the places an act happens in: the verb's "in" phrases and those of the
        object or of the nouns it governs ("lifted a state of emergency in West Darfur", "a
        blockade on lorries in Gaza", "called for peace in Colombia"), two levels down."""
        places = [t for p in ("in", "across", "inside", "throughout") for t in cl.preps_of(verb).get(p, [])]
        nouns = [obj] if obj is not None else []
        nouns += [
            t for p in ("to", "at", "on", "against", "into", "for") for t in cl.preps_of(verb).get(p, [])
        ]
        for _ in range(2):
            nested = []
            for n in nouns:
                # "a ceasefire effective from Sunday in Somalia": the place may hang off an
                # adjective describing the act
                held = [n, *(c for c in n.children if c.dep_ == "amod" and c.pos_ == "ADJ")]
                places += [
                    t for h in held for p in ("in", "across", "inside") for t in cl.preps_of(h).get(p, [])
                ]
                # "a ceasefire halting Turkey's incursion into northern Syria": an act another
                # act stops or starts is done where it goes into
                places += cl.preps_of(n).get("into", []) if self._is_event_noun(n) else []
                nested += [t for p in ("of", "on", "against", "for") for t in cl.preps_of(n).get(p, [])]
                # (the act a participle clause on the noun names: "a ceasefire halting X")
                nested += [
                    g
                    for c in n.children
                    if c.dep_ == "acl" and c.tag_ == "VBG"
                    for g in c.children
                    if g.dep_ == "dobj" and self._is_event_noun(g)
                ]
            nouns = nested
        # "in northern parts of South Sudan": the region's country
        places += [u for t in list(places) for u in cl.preps_of(t).get("of", [])]
        out = []
        for t in places:
            # "in all Libyan territories", "in Niger's Maradi region": a place named by its
            # country's adjective or possessor; the mention is the whole place phrase
            # (a country's, not a compass word's: "the western city of X" is not the West's)
            refs = self.refs(actors, t) or [
                self._as_argument(r, t)
                for r in self.modifier_refs(actors, t)
                if r.entity is not None and r.entity.kind == "state"
            ]
            out += [
                _as_place(r)
                for r in refs
                if r.entity is not None and r.entity.kind in kinds and r.kind != "person"
            ]
        return out

    def _recipient_places(self, actors: SentenceActors, verb: Token, obj: Token | None) -> list[ActorRef]:
        """ "aid for those affected in Yemen", "assistance to populations affected by the cyclone
        in Mozambique": aid to people no actor names goes to the place the phrase describing
        them puts them in."""
        nouns = [obj] if obj is not None else []
        # "provided 28 million to pay for aid for those affected in X": the aid a purpose names
        heads = [verb, *(c for c in verb.children if c.dep_ in ("xcomp", "advcl"))]
        recipients = [t for h in heads for p in ("to", "for") for t in cl.preps_of(h).get(p, [])]
        nouns += recipients
        for _ in range(2):
            nested = []
            for n in nouns:
                recipients += [t for p in ("to", "for") for t in cl.preps_of(n).get(p, [])]
                nested += [t for p in ("in", "of", "for") for t in cl.preps_of(n).get(p, [])]
            nouns = nested
        out = []
        for t in dict.fromkeys(recipients):
            if any(r.entity is not None for r in self.refs(actors, t)):
                continue
            for c in t.children:
                if c.dep_ not in ("acl", "relcl"):
                    continue
                places = [u for _, u in cl.subtree_prep_objects(c, "in")]
                out += [
                    _as_place(r)
                    for u in dict.fromkeys(places)
                    for r in self.refs(actors, u)
                    if r.entity is not None and r.entity.kind in ("state", "region") and r.kind != "person"
                ]
        return out

    def _unnamed_places(self, actors: SentenceActors, verb: Token, obj: Token | None) -> list[ActorRef]:
        """The "in" phrases of a measure or show of force that name a place but no actor ("a
        curfew in the town", "a state of siege in <a town the gazetteer lacks>"), as mentions
        with no actor, for the pipeline to place."""
        holders = [verb] + ([obj] if obj is not None else [])
        out = []
        for h in holders:
            for t in (t for p in ("in", "across", "throughout") for t in cl.preps_of(h).get(p, [])):
                u = self._through_quantity(t)  # "in parts of <a province>": the place after the part
                if t.ent_type_ in NON_THING_ENTS or u.pos_ not in ("NOUN", "PROPN"):
                    continue
                if u.pos_ == "NOUN" and not attach.is_place_noun(u):
                    continue
                if any(
                    r.entity is not None or r.sector for u in _unappositive(t) for r in self.refs(actors, u)
                ):
                    continue
                start, end = cl.argument_span(t, None)
                out.append(
                    ActorRef(start, end, t.i, None, None, "thing", 0.8, t.doc[start:end].text, "generic")
                )
        return out

    def _visited_place(self, actors: SentenceActors, verb: Token, obj: Token | None) -> ActorRef | None:
        """ "will visit the immigrant-friendly California", "travelled to Kogelo": a place name
        (one the gazetteer's entity types mark as a place) that no actor stands for, visited or
        gone to, as a mention with no actor for the pipeline to place."""
        spots = [obj] if obj is not None else []
        spots += [t for p in VISITED_PREPS for t in cl.preps_of(verb).get(p, [])]
        return next((p for t in spots if (p := _unknown_place_name(actors, t)) is not None), None)

    def _unnamed_own_places(
        self, actors: SentenceActors, verb: Token, obj: Token | None, source: list[ActorRef]
    ) -> list[ActorRef]:
        """ "declared a state of siege in the northern province of Alta Verapaz", "remained on
        alert in the north region": a show of force or a curfew in a place phrase (a place noun)
        that names no country is in the doer's own state, which news leaves unsaid."""
        states = [r for r in source if r.entity is not None and r.entity.kind == "state"]
        if len({r.entity_id for r in states}) != 1:
            return []
        out = []
        holders = [verb] + ([obj] if obj is not None else [])
        holders += [t for p in ("on", "at") for t in cl.preps_of(verb).get(p, [])]  # "on alert in X"
        for h in holders:
            for t in (t for p in ("in", "across", "throughout") for t in cl.preps_of(h).get(p, [])):
                u = self._through_quantity(t)  # "in parts of North West Frontier Province"
                if not (
                    attach.is_place_noun(t) or (u.i != t.i and (attach.is_place_noun(u) or u.pos_ == "PROPN"))
                ):
                    continue
                # a known actor in the phrase is placed by it (an unknown name is not; nor does an
                # actor of a relative clause on it count: "in parts of X, where forces battle Y")
                start, end = cl.argument_span(t, None)
                if any(
                    r.entity is not None
                    for u in t.doc[start:end]
                    for r in (*self.refs(actors, u), *self.modifier_refs(actors, u))
                ):
                    continue
                out.append(
                    replace(
                        states[0],
                        start=start,
                        end=end,
                        head=t.i,
                        sector=None,
                        kind="state",
                        rule="place(own-unnamed)",
                        score=states[0].score * 0.6,
                        origin=None,
                    )
                )
        return out

    def _inquiry_destination(self, actors: SentenceActors, verb: Token) -> list[ActorRef]:
        """ "sent experts to Saudi Arabia to investigate the attacks": an inquiry whose team was
        sent somewhere for it is aimed at where it was sent (the country or place that receives
        the investigators), before whatever the inquiry looks into."""
        head = verb.head
        if verb.dep_ not in ("advcl", "xcomp") or not any(
            c.dep_ == "aux" and c.lower_ == "to" for c in verb.children
        ):
            head = purpose_phrase_verb(verb)  # "sent teams into Libya in a rush to investigate"
            if head is None:
                return []
        if not self.lex.in_class("SENDING", (head.lemma_.lower(), head.lower_)):
            return []
        # "sent a team of inspectors to Peru": the destination may hang off what was sent
        sent = cl.logical_object(head)
        holders = [head] + ([sent, *cl.preps_of(sent).get("of", [])] if sent is not None else [])
        out = []
        unnamed = []
        for t in (t for h in holders for p in ("to", "into") for t in cl.preps_of(h).get(p, [])):
            refs = self.refs(actors, t) or [self._as_argument(r, t) for r in self.modifier_refs(actors, t)]
            out += [r for r in refs if names_state(r)]
            if not refs and t.pos_ == "PROPN" and t.ent_type_ in ("GPE", "LOC"):
                # "sent a team to Detroit to investigate": a place name no actor stands for is
                # still where the inquiry goes (the pipeline gives it its country)
                start, end = cl.argument_span(t, None)
                unnamed.append(
                    ActorRef(start, end, t.i, None, None, "thing", 0.8, t.doc[start:end].text, "generic")
                )
        return out or unnamed[:1]

    def _left_place_refs(self, actors: SentenceActors, verb: Token) -> list[ActorRef]:
        """ "evacuated the wounded from the besieged Bosnian town of Gorazde", "withdrew from
        Lebanon": with no other recipient, an act taking people or forces out of a place is
        aimed at that place's country (named, or named by the place's adjective)."""
        obj = cl.logical_object(verb)
        places = list(cl.preps_of(verb).get("from", []))
        places += cl.preps_of(obj).get("from", []) if obj is not None else []  # "the wounded from X"
        places += [u for t in list(places) for u in cl.preps_of(t).get("of", [])]
        out = []
        for t in places:
            refs = self.refs(actors, t) or [self._as_argument(r, t) for r in self.modifier_refs(actors, t)]
            out += [
                replace(r, sector=None, kind="state", rule=f"place-left({r.rule})", score=r.score * 0.8)
                for r in refs
                if names_state(r)
            ]
        return out

    def _is_force(self, tok: Token) -> bool:
        heads, _ = self.noun_forms(self._through_quantity(tok))
        return any(self.lex.in_class(c, heads) for c in ("TROOPS", "PEACEKEEPERS"))

    def _sent_force(self, actors: SentenceActors, tok: Token) -> bool:
        """Is the pattern's object a force that is sent or pulled back (troops, peacekeepers)
        naming no country of its own? ("a batch of 200 peacekeepers": the noun after the quantity)"""
        return self._is_force(tok) and all(r.entity is None for r in self.refs(actors, tok))

    def _force_foe(self, actors: SentenceActors, verb: Token) -> list[ActorRef]:
        """ "mobilized the troops for a battle against the remnants of the Brotherhood", "for an
        order to move against Syria's chemical weapons": forces readied for a fight are aimed at
        whom or what their "for" phrase says it is against."""
        for t in cl.preps_of(verb).get("for", []):
            for u in t.subtree:
                if u.dep_ != "prep" or u.lower_ != "against":
                    continue
                for g in u.children:
                    if g.dep_ != "pobj" or g.pos_ not in ("NOUN", "PROPN"):
                        continue
                    refs = self.refs(actors, g)
                    if refs:
                        return refs
                    owners = self.modifier_refs(actors, g)
                    if len(owners) == 1:
                        return [self._as_argument(owners[0], g)]
                    start, end = cl.argument_span(g)
                    return [thing_ref(g, start, end)]
        return []

    def _moved_place(self, actors: SentenceActors, verb: Token) -> ActorRef | None:
        """ "withdrew peacekeepers from the Golan Heights", "sent troops into Sinai": the doer's own
        forces moved are no target; the place they go to or leave is, when it names no actor (the
        pipeline gives the phrase its place's country, as for a thing acted on)."""
        preps = cl.preps_of(verb)
        for p in MOVED_PLACE_PREPS:
            for t in preps.get(p, []):
                if actors.at(t):
                    continue
                if (
                    t.ent_type_ not in cl.PLACE_ENTS
                    and not self._unnamed_territory(t)
                    and not any(
                        u.dep_ == "pobj" and u.head.lower_ == "in" and u.ent_type_ in cl.PLACE_ENTS
                        for u in t.subtree
                    )
                ):
                    continue  # "from another position in Syria": a spot in a named place
                start, end = cl.argument_span(t)
                return thing_ref(t, start, end)
        return None

    def _withdrawn_from(
        self, actors: SentenceActors, obj: Token | None, source: list[ActorRef]
    ) -> list[ActorRef]:
        """ "withdrew a contingent of 300 peacekeepers from Mali": the parser hangs the place left
        on the forces, which then read as Mali's own; pulled back by a doer of another country,
        they leave it, and that state is whom the withdrawal is aimed at (its mention alone)."""
        if obj is None or not self._is_force(obj):
            return []
        force = self._through_quantity(obj)
        for t in cl.preps_of(force).get("from", []):
            refs = [r for r in self.refs(actors, t) if r.entity is not None and names_state(r)]
            if refs and not any(r.same_actor(x) for r in refs for x in source):
                return refs
        return []

    def _unnamed_territory(self, tok: Token) -> bool:
        """ "withdrew its troops from a buffer zone along the border": a territory noun (TERRITORY
        in classes.tsv) names the place forces leave or enter even with no name of its own."""
        return tok.pos_ == "NOUN" and self.lex.in_class("TERRITORY", self.noun_forms(tok)[0])

    def _guessed_country_target(
        self,
        actors: SentenceActors,
        verb: Token,
        pattern: VerbPattern | None,
        content: Token | None,
        sources: list[ActorRef],
        code: str,
        targets: list[ActorRef],
        how: str,
    ) -> tuple[list[ActorRef], list[ActorRef], str]:
        """ "Prime Minister Isa Mustafa expressed condolences to the Government of Turkey after
        the attack in Turkey": a titled person of no known country is only guessed to belong to
        the country the sentence names (coref's context country), and that guess must not
        swallow the party the act is aimed at. When the guess alone hides the target, the
        person keeps no country and the named party is the target (news rarely tells of an
        official acting on his own state by name)."""
        guessed = [s.rule.endswith(CONTEXT_COUNTRY_RULE) and s.kind == "person" for s in sources]
        if not any(guessed):
            return sources, targets, how
        bare = [
            replace(s, entity=None, rule=s.rule.removesuffix(CONTEXT_COUNTRY_RULE)) if g else s
            for s, g in zip(sources, guessed, strict=True)
        ]
        found, found_how = self.find_target(actors, verb, pattern, content, bare, code)
        # only a party the sentence names outright ("the government" read as the guessed
        # country is a guess too, and then the doer's own government); a place the act happens
        # in is rightly his own ("President X lifted the curfew imposed in Kenya")
        doc = verb.doc
        named = [
            f
            for f in found
            if CONTEXT_COUNTRY_RULE not in f.rule
            and not f.rule.startswith(("coref", "place("))
            and not (doc[f.head].dep_ == "pobj" and doc[f.head].head.lower_ in THING_PLACE_PREPS)
        ]
        if "place" in found_how:
            named = []
        if not named or not any(
            f.same_actor(s) for f in named for s, g in zip(sources, guessed, strict=True) if g
        ):
            return sources, targets, how
        return bare, named, f"{found_how}+unguessed-source-country"

    def _mission_hosts(
        self, actors: SentenceActors, targets: list[ActorRef], how: str, sources: list[ActorRef], code: str
    ) -> tuple[list[ActorRef], str]:
        """ "sent troops to the UN peacekeeping force in South Sudan", "contribute to peacekeeping
        operations in Syria": help given to a peacekeeping force or mission (PEACEKEEPERS in
        classes.tsv) in a named country is aimed at that country, as CAMEO's "provide
        peacekeeping" codes the country kept; the mention is the country's name. When the act
        is itself peacekeeping, any force (TROOPS) joined counts ("contribute troops to the
        NATO-led security force in Afghanistan")."""
        doc = actors.span.doc
        if len(targets) != 1 or not 0 <= targets[0].start < targets[0].end <= len(doc):
            return targets, how
        head = doc[targets[0].start : targets[0].end].root
        # "peacekeeping force": the class word may be the head's modifier
        forms = (
            *self.noun_forms(head)[0],
            *(c.lower_ for c in head.children if c.dep_ in ("compound", "amod")),
        )
        classes = ("PEACEKEEPERS", "TROOPS") if code in PEACEKEEPING_CODES else ("PEACEKEEPERS",)
        if head.pos_ not in ("NOUN", "PROPN") or not any(self.lex.in_class(c, forms) for c in classes):
            return targets, how
        for u in cl.preps_of(head).get("in", []):
            states = [r for r in self.refs(actors, u) if names_state(r)]
            if len(states) == 1 and not any(states[0].same_actor(x) for x in sources):
                return states, f"{how}+mission-host"
        return targets, how

    def _released_captives(self, actors: SentenceActors, obj: Token) -> list[ActorRef]:
        """ "will release a kidnapped volunteer and a Japanese citizen", "freed two homeguards
        held by them": each person set free is a target, known actor or not. A listed noun that
        names no actor stands as its own phrase, without the clause telling how it was held.
        Empty when every listed person is a known actor (the usual search finds them)."""
        out: list[ActorRef] = []
        unknown = False
        for h in cl.conjuncts(obj):
            t = self._through_quantity(h)
            refs = self.refs(actors, h, expand=False)
            if refs:
                out += refs
                continue
            if t.pos_ not in ("NOUN", "PROPN") or t.ent_type_ in NON_THING_ENTS or self._is_event_noun(t):
                continue
            heads, _mods = self.noun_forms(t)
            if any(self.lex.in_class(c, heads) for c in INSTRUMENT_CLASSES):
                continue
            start, end = cl.argument_span(h)
            described = [u.i for c in t.rights if c.dep_ in ("acl", "relcl") for u in c.subtree]
            end = min([*described, end])
            while end > t.i + 1 and t.doc[end - 1].is_punct:
                end -= 1
            out.append(thing_ref(t, start, end))
            unknown = True
        return out if unknown else []

    def _is_event_noun(self, tok: Token) -> bool:
        return self.event_entry(tok) is not None

    def _dual_national(self, inside: list[ActorRef], noun: Token, source: list[ActorRef]) -> list[ActorRef]:
        """ "Egypt released the Egyptian-Canadian Omar Hassan": of the two nationalities of a
        person the coder knows only by them, the one that is not the doer's says whom the act
        concerns, and the mention is the whole phrase, as with a single nationality."""
        others = [r for r in inside if not any(r.same_actor(x) for x in source)]
        if len(inside) == 2 and len(others) == 1 and others[0].rule in ADJECTIVE_RULES:
            return [self._as_argument(others[0], noun)]
        return inside

    def _is_amount(self, tok: Token) -> bool:
        """A sum or quantity ("an appeal for USD 88 million to help ...", "$5 million"): a currency
        or measure (classes.tsv AMOUNTS) counted by a number is what is asked for or given, never
        a party to the act."""
        return self.lex.in_class("AMOUNTS", (tok.lemma_.lower(), tok.lower_)) and any(
            c.dep_ in ("nummod", "quantmod") or c.pos_ == "NUM" for c in tok.children
        )

    def _measured_goods(
        self, verb: Token, noun: Token, prep: str, nested: dict[str, list[Token]]
    ) -> list[Token]:
        """What a measure noun's "on"/"against" phrase names: "reduced tariffs on $120 billion of
        China's exports" (the parser hangs the noun's phrase on the verb when the noun is its
        object; an amount stands for the goods its "of" phrase names)."""
        toks = list(nested.get(prep, []))
        if noun.dep_ == "dobj" and noun.head.i == verb.i:
            toks += [t for t in cl.preps_of(verb).get(prep, []) if t not in toks]
        return [self._through_quantity(t) if t.pos_ == "NUM" else t for t in toks]

    @staticmethod
    def _banned_parties(verb: Token, noun: Token) -> list[Token]:
        """Whom a ban or sanctions object is on when the parser strands its "on"/"against" phrase:
        "refused to lift the ban it imposed last year on foreign reporters" hangs it on the
        governing verb; "lifted the ban on trading with Huawei" makes it a gerund, whose "with"
        partner is the one the ban is on (doing business, trading or dealing is no party)."""
        heads = [verb]
        if verb.dep_ in ("xcomp", "ccomp") and verb.head.pos_ in ("VERB", "AUX"):
            heads.append(verb.head)  # "refuses to lift the ban ... on X"
        toks = [t for p in ("on", "against") for t in cl.preps_of(noun).get(p, [])]
        toks += [
            t for h in heads for p in ("on", "against") for t in cl.preps_of(h).get(p, []) if t.i > noun.i
        ]
        out: list[Token] = []
        for t in toks:
            if t.tag_ == "VBG":
                out += cl.preps_of(t).get("with", [])
            elif t.pos_ in ("NOUN", "PROPN") and t not in out:
                out.append(t)
        return out

    def _given_to(self, actors: SentenceActors, toks: list[Token], source: list[ActorRef]) -> ActorRef | None:
        """ "sent a team of medical experts and drugs to the hospital", "returned the portrait to
        its owner": the "to" phrase of an act that hands something over is its recipient even when
        it names no actor; the object is what is handed over, never the recipient. A stand-in
        (a generic reference to the whole phrase) only when the phrase holds no actor at all."""
        for t in toks:
            if t.pos_ != "NOUN" or t.ent_type_ in NON_THING_ENTS or self.refs(actors, t):
                continue
            start, end = cl.argument_span(t)
            if any(x.start < end and start < x.end for x in source):
                continue
            placed = [u for u in t.doc[start:end] if u.dep_ == "pobj" and u.head.lower_ in THING_PLACE_PREPS]
            if any(names_state(r) for u in placed for r in actors.at(u)):
                # "troops to a peacekeeping force in Liberia": the country its phrase names is
                # the recipient, found with the act's places
                return None
            return thing_ref(t, start, end)
        return None

    def _weighed_gift_recipient(
        self, actors: SentenceActors, verb: Token, source: list[ActorRef]
    ) -> ActorRef | None:
        """ "is considering giving money to local communities", "weighs sending aid to flood
        victims": whom a weighed gift would go to is what the consideration (CAMEO 014) is about,
        even when the "to" phrase names no known actor (no gift is coded: it is only weighed)."""
        for c in verb.children:
            if c.dep_ not in ("xcomp", "ccomp") or c.pos_ != "VERB":
                continue
            matched = self.match_verb(c)
            if matched is None or matched[0].code[:2] not in GIVING_ROOTS:
                continue
            to = [
                u
                for g in c.children
                if g.dep_ in ("prep", "dative") and g.lower_ == "to"
                for u in g.children
                if u.dep_ == "pobj"
            ]
            found = self._given_to(actors, to, source)
            if found is not None:
                return found
        return None

    def _empty_target_place_end(self, verb: Token, t: Token, end: int) -> int:
        """ "struck a target in the Gaza Strip's border regions", "attacks on security targets in
        the south": a bare "target" (EMPTYTARGETS in classes.tsv) says only that something was hit;
        the place phrase right after it, which the parser hangs on the verb, says what, and is
        part of the mention. Returns the mention's new end (unchanged for any other noun)."""
        if not self.lex.in_class("EMPTYTARGETS", self.noun_forms(t)[0]):
            return end
        for p in THING_PLACE_PREPS:
            for u in cl.preps_of(verb).get(p, []):
                if u.head.i == end and u.ent_type_ not in ("DATE", "TIME"):
                    return max(end, cl.argument_span(u)[1])
        return end

    def _violated_accord(
        self, actors: SentenceActors, verb: Token, obj: Token | None, content: Token | None
    ) -> ActorRef | None:
        """ "violated a UN-brokered ceasefire", "breached the holiday truce": the ceasefire or
        accord the verb's object names is what a violation is done to; it names no actor (its
        phrase may still place it), so it stands as an uncoded thing, the mention being the
        whole object phrase. None when the object is no such noun or names an actor."""
        if obj is None or content is None or content.i != obj.i or actors.at(obj):
            return None
        start, end = cl.argument_span(obj)
        return thing_ref(obj, start, end)

    def _thing_acted_on(
        self,
        actors: SentenceActors,
        verb: Token,
        obj: Token | None,
        content: Token | None,
        candidates: list[tuple[list[Token], str]],
        source: list[ActorRef],
    ) -> tuple[ActorRef | None, bool]:
        """The place or object a material act is done to when it names no actor: "attacked an
        army camp in western Kabul", "strikes on the rebel-held enclave". The mention is the
        whole phrase; its actor is the owner ("an arms depot of the Syrian army", "towns held by
        X") or the country it lies in (as PLOVER codes attacks on places), else none.
        Instruments ("used tear gas", "fired missiles") and the act's own noun are not targets.
        Returns (the reference, whether it names a known actor); (None, False) when there is no
        such thing or the verb's place is one only the gazetteer knows (the pipeline places those);
        a thing whose own phrase holds such a place, or the doer's own country, is returned
        unknown, and the pipeline gives it that place's country."""
        toks: list[Token] = []
        for group, how in candidates:
            if how in ("object", *THING_HOWS):
                toks += group
        if content is not None:
            nested = cl.preps_of(content)
            # "broke up protests against the economic crisis": what a protest is against is the
            # protesters' grievance, not what the act on the protest is done to (its "of" phrase,
            # "a rally of opposition supporters", still names who is acted on)
            aimed = () if self.lex.in_class("PROTEST", self.noun_forms(content)[0]) else THING_NOUN_PREPS
            toks += [t for p in aimed for t in nested.get(p, [])]
            # "lifted a state of emergency": an "of" phrase of the same kind as the act's noun is
            # part of the measure's own name, not what it is imposed on
            toks += [t for t in nested.get("of", []) if not self._same_class(content, t)]
        for t in toks:
            if t.pos_ not in ("NOUN", "PROPN"):
                # "opened investigations against each of the top 25 providers": the noun after
                # a quantity word is what the act is done to
                t = self._through_quantity(t)
            if t.pos_ not in ("NOUN", "PROPN"):
                continue
            if (
                content is not None
                and t.i == content.i
                and not self.lex.in_class("TERRITORY", self.noun_forms(t)[0])
            ):
                continue  # the act's own noun; but "captured two villages": the place seized is acted on
            if t.ent_type_ in NON_THING_ENTS or actors.at(t) or self._is_event_noun(t):
                continue
            heads, _mods = self.noun_forms(t)
            if any(self.lex.in_class(c, heads) for c in INSTRUMENT_CLASSES):
                continue
            if any(r.rank == MUNITION for r in actors.at(self._through_quantity(t))):
                continue  # "exploded a series of bombs": what was set off, not what was hit
            start, end = cl.argument_span(t)
            end = self._empty_target_place_end(verb, t, end)
            # Whose it is: "an arms depot of the Syrian army", "towns held by X", "a gathering of
            # villagers".
            owner_toks = list(cl.preps_of(t).get("of", []))
            for c in t.children:
                if c.dep_ == "acl" and c.tag_ == "VBN":
                    owner_toks += [
                        g for a in c.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"
                    ]
            owners = [
                r
                for o in owner_toks
                for r in self.refs(actors, o)
                if (r.entity is not None or r.sector) and not any(r.same_actor(x) for x in source)
            ]
            owners.sort(key=lambda r: r.entity is None)
            if owners:
                o = owners[0]
                return replace(
                    o, start=start, end=end, head=t.i, rule=f"thing-of({o.rule})"
                ), o.entity is not None
            # Where it lies: a place inside the phrase ("a mosque inside a police compound in
            # Peshawar"), else the verb's ("struck a bus in Kabul").
            place_toks = [
                u
                for u in t.subtree
                if u.dep_ == "pobj" and u.head.lower_ in THING_PLACE_PREPS and u.head.head.i != verb.i
            ]
            place_toks += [u for p in THING_PLACE_PREPS for u in cl.preps_of(verb).get(p, [])]
            # "villages near Macedonia's border": the country whose border, coast or capital it is
            place_toks += [c for u in place_toks for c in u.children if c.dep_ == "poss"]
            unknown_place: str | None = None
            for u in place_toks:
                states = [replace(r, sector=None) for r in self.refs(actors, u) if names_state(r)]
                if states and any(states[0].same_actor(x) for x in source):
                    if start <= u.i < end:
                        # "Syrian forces shelled the rebel-held enclave near Damascus": the doer's
                        # own country inside the phrase; the phrase stays the thing acted on
                        unknown_place = "inside"
                        continue
                    return None, False  # the doer's own country: "police tortured an inmate in Iran"
                if states:
                    return state_as_phrase(states[0], start, end, t.i, "thing-in-place"), True
                if u.ent_type_ in ("GPE", "LOC", "FAC"):
                    # "strikes on the rebel-held enclave of Eastern Ghouta near Damascus": a place
                    # inside the phrase keeps the phrase as the mention (the pipeline adds its
                    # country); a place the verb names is where it happened ("struck a bus in X")
                    unknown_place = "inside" if unknown_place == "inside" or start <= u.i < end else "verb"
            if unknown_place == "verb":
                return None, False
            return thing_ref(t, start, end), False
        return None, False
