"""The event coder: from one parsed sentence and its actor mentions to event drafts.

1. Verb triggers: each verb with rows in verbs.tsv is matched against its particles,
   prepositions and object; the most specific row gives the CAMEO code (light verbs take
   the code of their event-noun object: "held talks" -> 046).
2. Arguments: the logical subject is the source (passive by-agents, control, relative
   clauses and coordination handled in `clauses`); the target, chosen in `targets`
   (`TargetFinder`, which `SentenceCoder` inherits), is the first candidate that names an
   actor: the row's preposition, the object, a dative, the verb's or the event noun's
   prepositions, modifiers of the object ("Afghanistan assistance"), purpose clauses.
   Coordinated actors give one event each.
3. Operators above the trigger (operators.tsv) change what it means: intent ("will keep
   providing" -> 033), threats, appeals and demands (the asked party becomes the target),
   refusals, negation, claims; speech verbs record who said it.
4. Event nouns with an owning actor are coded on their own ("Russia's hosting of a meeting").
Every draft keeps its trigger and the dictionary row that fired, so each event explains itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from detente.actors import coref
from detente.actors.coref import SentenceActors
from detente.actors.resolver import MUNITION, RELATIONAL_HEADS, ActorRef, stance_word
from detente.coding import clauses as cl
from detente.coding import tables
from detente.coding.lexicon import AGENT_NOUNS, Lexicon, NounEntry, ObjectSpec, VerbPattern
from detente.coding.targets import (
    CONSIDER_CODE,
    MATERIAL_ROOTS,
    NOUN_TARGET_PREPS,
    THING_PLACE_PREPS,
    TOPIC_CODES,
    TargetFinder,
    names_state,
    other_party,
    purpose_phrase_verb,
    state_as_phrase,
    thing_ref,
)

# Sectors whose strikes are walk-outs (striking_sectors.tsv): "nurses launched a strike" is 143.
STRIKING_SECTORS = frozenset(r["sector"] for r in tables.read_table("detente.coding", "striking_sectors.tsv"))
COPULAS = {"be", "remain", "become"}
# Where an agent noun's act is aimed: "donor to Iraq", "donor of aid in Iraq", "donor for X".
AGENT_NOUN_TARGET_PREPS = ("to", "in", "for")
COMM_NOUNS = {
    "letter",
    "statement",
    "message",
    "report",
    "speech",
    "address",
    "note",
    "resolution",
    "communique",
    "declaration",
    "document",
    "article",
    "interview",
    "tweet",
    "post",
    "op-ed",
    "editorial",
    "remarks",
    "comments",
    "decree",
    "order",
    "notice",
    "proposal",
}
SPEECH_CODES = {"010"}
# Roots of acts that, held out on a condition ("may cut aid if ..."), are threats.
THREAT_ROOTS = {"16", "17", "18", "19", "20"}
# Protests (CAMEO 14) their doer announces for later are threats of dissent (133): see
# SentenceCoder._announced_protest.
ANNOUNCED_PROTEST_ROOTS = {"14"}
# Military exercises (nouns.tsv "exercise", "drill", "war games"): joint when two countries hold them.
EXERCISE_CODES = {"150"}
# Verbs of arriving: forces that arrive are deployed (see SentenceCoder._arriving_forces).
ARRIVAL_LEMMAS = {"arrive", "land"}
SPEECH_LEMMAS = {"say", "tell", "state", "announce", "declare", "write", "speak", "comment", "remark"}
MAX_ARGS = 8
# Intent verbs that put something at another's disposal.
OFFER_LEMMAS = {"offer", "volunteer"}
# Pronouns that may stand for the speaker of the clause above them, and the operator kinds
# (operators.tsv) whose subject is that speaker: "the rebels said they would free ...", "the
# army claimed it had attacked two rebel camps" (a claim of one's own deed).
SPEAKER_PRONOUNS = {"they", "it", "he", "she"}
SPEAKER_OPERATORS = {"report", "intend", "claim"}
UNKNOWN_SPEAKER_KINDS = {"person", "group"}  # named speakers the knowledge base may not know
# Roots whose events mean nothing without a recipient: talks, cooperation, aid, demands ...
TARGETLESS_ROOTS = {"01", "14", "15", "18"}
# Acts done to someone that news report without naming who did it ("were killed", "was
# arrested", "was put under investigation"): the victim alone makes the event worth keeping, with
# no source.
AGENTLESS_ROOTS = {"09", "17", "18", "19", "20"}
# Joint acts (meetings, cooperation): a noun naming one between two parties and owned by no one
# is theirs ("talks between Russia and Ukraine resumed").
JOINT_ROOTS = {"04", "05", "06"}
# The same for a release ("hundreds of political prisoners have been released in Tripoli",
# "were freed from captivity"): the freed alone make it worth keeping.
AGENTLESS_CODES = {"0841"}
# Expulsions (CAMEO 174 individuals, 1661-1663 peacekeepers, inspectors, aid agencies): told in
# the passive with no agent ("two inspectors were expelled from North Korea"), the state they
# were expelled from did it.
EXPULSION_CODES = {"174", "1661", "1662", "1663"}
OPTIMISM_CODE = "013"  # see SentenceCoder._drop_hoped_acts
CONSIDERED_DEPS = {"xcomp", "pcomp", "pobj", "prep", "dobj", "acl"}
# Cooperative acts whose announced refusal ("will not ...") is a rejection (12x).
COOPERATIVE_ACTS = {"04", "05", "06", "07", "08"}
# Diplomatic acts (intend to cooperate, consult, cooperate diplomatically: "agree on a deal",
# "reach agreement") that parties fail to carry out: talks ending without the agreement are a
# rejection (12x), the verbal conflict news means by "failed to reach a deal", not an act that
# merely did not happen (the ConfliBERT class labels agree: verbal conflict).
FAILED_DIPLOMACY_ROOTS = {"03", "04", "05"}
CONTENT_PREPS = {
    "of",
    "on",
    "for",
    "about",
    "over",
    "against",
    "from",
    "to",
    "in",
    "into",
    "at",
    "toward",
    "towards",
}
QUANTITY_WORDS = {
    "hundred",
    "thousand",
    "dozen",
    "score",
    "million",
    "number",
    "lot",
    "majority",
    "most",
    "some",
    "many",
    "several",
    "all",
    "each",
    "both",
    "few",
    "part",
    "rest",
    "handful",
    "none",
    "one",
    "two",
    "three",
    # fractions: "one third of the guerrillas", "half of the soldiers"
    "half",
    "third",
    "quarter",
}
# Nouns whose complement clause is only proposed, planned or asked for.
IRREALIS_NOUNS = {
    "invitation",
    "offer",
    "plan",
    "proposal",
    "call",
    "appeal",
    "demand",
    "request",
    "bid",
    "threat",
    "promise",
    "pledge",
    "attempt",
    "effort",
    "plea",
    "order",
    "ultimatum",
    "warning",
    "permission",
    "chance",
    "opportunity",
}
SYMPATHY_CODE = "018"  # condolences, sympathy: see _drop_mourned_acts

# Roots of attacks (unconventional violence, force, mass violence): a participle adding the
# toll of one is not a second one.
TOLL_ROOTS = frozenset({"18", "19", "20"})
# Measures a verb imposes that the parser may make the subject of an infinitive after them
# ("declared a state of siege in X to begin at midnight"): see SentenceCoder._raised_measure.
RAISED_MEASURE_ROOTS = {"17"}
# What an event noun keeps of its confidence when it is an argument of another coded event.
SUBORDINATE_NOUN_WEIGHT = 0.75
# What an act told in a clause describing an argument of another coded act keeps of its confidence.
DESCRIBED_ARGUMENT_WEIGHT = 0.6
# Sector nouns that are weapons standing for those who use them (agents.tsv ranks).
WEAPON_RANKS = frozenset({"platform", MUNITION})
# How a target found as the topic of the act's object noun was found ("information on X").
TOPIC_HOWS = frozenset({"noun-prep-on", "noun-prep-about", "noun-prep-over"})
# The recipient score an act with no recipient found counts with (a found one counts its own
# score): of two acts of one sentence, the one aimed at someone is likelier the main event
# ("gunmen killed a village elder and freed his driver": the killing). Measured: 0.7 -> 0.35
# gave ConfliBERT target spans +5 matched, class macro-F1 unchanged; a nominal event's factor
# 0.85 -> 0.35 gave class macro-F1 +0.002.
NO_TARGET_SCORE = 0.35
# How a noun hangs in its clause on the way up to the clause's verb.
NOUN_ARGUMENT_DEPS = {"dobj", "obj", "pobj", "prep", "nsubj", "nsubjpass", "attr", "dative", "oprd", "appos"}
# Verbs whose passive with "to" states the subject's stance ("Israel is opposed to the plan").
STATIVE_TO_PASSIVES = {"oppose"}
# Retreats and peacekeeping deployments whose agentless passive has the moving force as subject ("UN
# peacekeepers were withdrawn from the enclave", "Kenyan peacekeepers were deployed to Somalia"):
# the force (and so its owner), whoever gave the order, is the one that leaves or goes.
FORCE_MOVE_CODES = ("0874", "074")
# Peacekeepers withdrawn (CAMEO 1661: "were withdrawn from", "were pulled out", "were shipped
# out of the enclave"): a force that leaves like a retreat; "were expelled" stays the host's act.
WITHDRAWN_FORCE_CODES = ("1661",)
WITHDRAWAL_LEMMAS = frozenset({"withdraw", "pull", "ship"})
# Demobilising and disarming (CAMEO 0873): an agentless passive's subject, an armed force or group
# ("guerrillas operating in Macedonia have been demobilized", "militiamen were disarmed"), is the
# one that lays down its arms (PLOVER RETREAT codes it as the source). Sector codes of agents.tsv.
DISARM_CODES = ("0873",)
ARMED_SECTORS = frozenset({"MIL", "REB", "UAF", "SEP"})
# What a demand voiced by a protest, or the grievance it is against, keeps of the protest's weight.
PROTEST_CONTENT_WEIGHT = 0.9
# What a doer's claim of its own attack is: claiming responsibility (CAMEO 015).
CLAIMED_DEED_CODE = "015"
# A call to protest or to rally against someone ("called on workers to mobilize against US war
# moves", "urged Arabs to unite and rally against Sharon") is aimed at whom the protest is
# against: the crowd asked is the public, not the party the appeal concerns (CAMEO 113, 14).
CALLED_AGAINST_CODES = ("113", "14")
# Mass killing (see KILLING, MASSTOLL, NONCOMBATANTS in classes.tsv): what a bare killing of a
# large toll of civilians is coded as, and the least number of dead that is a large toll.
MASS_KILLING_CODE = "202"
# Arrest or detain: see SentenceCoder._held_state
DETENTION_CODE = "173"
MASS_TOLL = 100
# the verb whose verbs.tsv rows code a NAMING verb used with an object predicate ("called X nasty")
DESCRIBING_LEMMA = "describe"
# Roots where "X and Y did it" with no other party means they did it to each other.
RECIPROCAL_ROOTS = {"03", "04", "05", "06", "08", "19"}
# Acts of a third party towards the parties of a joint act it hosts or brokers (CAMEO 04 consult).
MEDIATION_ROOTS = {"04"}
# Comments on and rejections of an act: aimed at its doer when told in the same sentence.
ACT_REACTION_ROOTS = {"11", "12"}
# Prepositions of the pressure a refusal withstands: "declined to resign despite calls from X",
# "under pressure from X" (the pressing noun: PRESSING in classes.tsv).
PRESSED_PREPS = frozenset({"despite", "under"})
# Prepositions whose gerund names an act that did not happen ("without demanding payment").
WITHOUT_PREPS = frozenset({"without"})
# Prepositions of a verb's complement that the parser may hang on its object instead ("accused
# X of Y", "banned X from Y", "charged X with Y", "blamed X for Y"); not places ("killed 52
# people in London", where the place belongs to the mention).
COMPLEMENT_PREPS = frozenset({"of", "from", "with", "for"})


@dataclass
class Draft:
    """An event before dates, places and final codes are attached."""

    trigger: Token
    trigger_end: int  # doc index, exclusive (multi-word triggers: "carried out")
    code: str
    rule: str
    source: ActorRef | None
    target: ActorRef | None
    negated: bool = False
    modality: str = "asserted"
    attribution: ActorRef | None = None
    confidence: float = 0.7
    notes: list[str] = field(default_factory=list)
    anchor: Token | None = None  # the clause whose time and place apply
    background: bool = False  # in a temporal/background clause ("after the kingdom executed ...")


@dataclass
class _Modality:
    negated: bool = False
    intended: bool = False
    hypothetical: bool = False
    reported: bool = False
    attempted: bool = False
    transform: tuple[str, Token] | None = None  # (operator kind, operator word)
    inner_negated: bool = False
    attribution_tok: Token | None = None
    background: bool = False
    obligation: bool = False  # "Libya must hand over ...": someone says someone else must act
    refuser: Token | None = None  # a refusal asked for by an appeal or demand above it
    negator: Token | None = None  # the operator that says the act did not happen ("failed to")
    claimer: Token | None = None  # the operator that says a party claims the act ("claimed that")
    notes: list[str] = field(default_factory=list)

    def take_tense(self, tense: str | None) -> None:
        """What a governing verb's tense says of the act below it ("will", "would", "must")."""
        if tense in ("future", "conditional") and not self.transform:
            self.intended = True
        elif tense == "hypothetical":
            self.hypothetical = True
        elif tense == "obligation":
            self.obligation = True


class SentenceCoder(TargetFinder):
    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon

    # --- object matching -------------------------------------------------------------------------
    @staticmethod
    def noun_forms(tok: Token) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(head forms, modifier lemmas) of a noun: ("aid", "aids"), ("humanitarian",)."""
        lemma, low = tok.lemma_.lower(), tok.lower_
        direct = [c for c in tok.children if c.dep_ in ("amod", "compound", "nmod")]
        # coordinated modifiers each modify the noun ("search-and-rescue teams": rescue teams;
        # "air and naval forces": naval forces)
        mods = tuple(
            m.lemma_.lower() for c in direct for m in (c, *(g for g in c.children if g.dep_ == "conj"))
        )
        heads = (low, lemma) if low != lemma else (lemma,)
        return heads, mods

    def nominal_entry(self, tok: Token, depth: int = 0) -> NounEntry | None:
        """ "the suspension of aid", "the deployment of 230 troops": a noun naming a verb's act
        (nominals.tsv), coded by that verb's rows with its "of" phrase as the object."""
        if depth > 1 or tok.pos_ not in ("NOUN", "PROPN"):
            return None
        found = self.lex.nominals.get(tok.lemma_.lower()) or self.lex.nominals.get(tok.lower_)
        if found is None:
            return None
        verb, line = found
        preps = cl.preps_of(tok)
        objs = preps.get("of", [])
        if not objs:
            return None
        matched = self._match_patterns(
            self.lex.verbs.get(verb, []), preps, objs[0], need_object=True, depth=depth + 1
        )
        if matched is None:
            return None
        pattern, _content, entry = matched
        code = entry.code if pattern.code == "=" and entry is not None else pattern.code
        if code in ("=", "-"):
            return None
        via = f"nominal:{tok.lower_}={verb} (nominals.tsv:{line}) + {pattern.rule}"
        if pattern.code == "=" and entry is not None:
            via += f" + {entry.rule}"
        return NounEntry(tok.lower_, code, True, line, via)

    def _nominal(self, tok: Token) -> bool:
        return tok.lemma_.lower() in self.lex.nominals or tok.lower_ in self.lex.nominals

    def event_entry(self, tok: Token, depth: int = 0) -> NounEntry | None:
        """The event a noun names: as a nominalisation of a verb when its "of" phrase fits one
        of the verb's rows, else from nouns.tsv."""
        entry = self.nominal_entry(tok, depth)
        if entry is not None:
            return entry
        heads, mods = self.noun_forms(tok)
        return self.lex.event_noun(heads, mods)

    def object_matches(
        self, spec: ObjectSpec, tok: Token, depth: int = 0
    ) -> tuple[bool, NounEntry | None, float]:
        """Does a noun fit an object spec? Returns (fits, event-noun entry, bonus); a match on
        "modifier head" ("food aid") earns a bonus over one on the head alone ("aid")."""
        heads, mods = self.noun_forms(tok)
        if spec.kind == "any":
            return True, None, 0.0
        if spec.kind == "event":
            entry = self.event_entry(tok, depth)
            return entry is not None, entry, 0.5 if entry is not None and " " in entry.noun else 0.0
        pairs = tuple(f"{m} {h}" for m in mods for h in heads)
        if spec.kind == "lemma":
            if spec.value in pairs:
                return True, None, 0.5
            return spec.value in heads, None, 0.0
        if self.lex.in_class(spec.value, pairs):
            return True, None, 0.5
        return self.lex.in_class(spec.value, heads), None, 0.0

    def match_verb(self, verb: Token) -> tuple[VerbPattern, Token | None, NounEntry | None] | None:
        patterns = self.lex.verbs.get(verb.lemma_.lower())
        if patterns and self._names_with_predicate(verb):
            # "called Denmark's Prime Minister nasty": naming, coded as describing is (NAMING)
            patterns = self.lex.verbs.get(DESCRIBING_LEMMA)
        if not patterns:
            return None
        preps, obj = cl.preps_of(verb), cl.logical_object(verb)
        if obj is not None:
            # "hold several hundred families as human shields": the parser hangs the object's
            # complement ("as ...") on the object; it is the verb's ("hold X as shield")
            for p, toks in cl.preps_of(obj).items():
                if p in cl.OBJECT_COMPLEMENT_PREPS and p not in preps:
                    preps = {**preps, p: toks}
        raised = self._raised_measure(verb, patterns, preps) if obj is None else None
        return raised or self._match_patterns(patterns, _with_for_clause(verb, preps), obj)

    def _names_with_predicate(self, verb: Token) -> bool:
        """ "called Denmark's Prime Minister nasty", "called X a terrorist": a NAMING verb
        (classes.tsv) with an object and a predicate for it names or describes the object; it is
        not the verb's plain act (a phone call)."""
        if not self.lex.in_class("NAMING", (verb.lemma_.lower(),)):
            return False
        return _has_own_object(verb) and any(
            c.dep_ == "oprd" and c.ent_type_ not in ("DATE", "TIME") for c in verb.children
        )

    def _raised_measure(
        self, verb: Token, patterns: list[VerbPattern], preps: dict[str, list[Token]]
    ) -> tuple[VerbPattern, Token | None, NounEntry | None] | None:
        """ "declared a state of siege in Bolivia to begin at midnight": the parser made the
        measure imposed the subject of the infinitive after it. A row naming a coercive measure
        (CAMEO 17) as its object still reads it as the verb's object."""
        for c in verb.children:
            if c.dep_ != "ccomp" or not any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
                continue
            for g in c.children:
                if g.dep_ != "nsubj" or g.pos_ != "NOUN" or g.i > c.i:
                    continue
                found = self._match_patterns(patterns, preps, g, need_object=True)
                if found is None:
                    continue
                pattern, _content, entry = found
                code = entry.code if pattern.code == "=" and entry is not None else pattern.code
                if code[:2] in RAISED_MEASURE_ROOTS:
                    return found
        return None

    def _match_patterns(
        self,
        patterns: list[VerbPattern],
        preps: dict[str, list[Token]],
        obj: Token | None,
        need_object: bool = False,
        depth: int = 0,
    ) -> tuple[VerbPattern, Token | None, NounEntry | None] | None:
        """The most specific row that fits a verb's (or a nominalisation's) prepositions and
        object; `need_object` keeps only rows that say what the object must be."""
        best: tuple[float, VerbPattern, Token | None, NounEntry | None] | None = None
        for p in patterns:
            if need_object and (p.obj is None or p.obj.kind == "any"):
                continue
            if p.prep and not all(w in preps for w in p.prep.split()):
                continue
            matched, entry, bonus = None, None, 0.0
            if p.obj is not None:
                candidates = []
                if p.prep:
                    candidates += preps.get(p.prep.split()[-1], [])
                if obj is not None:
                    candidates.append(obj)
                    # "launched air and artillery strikes": the parser made "air" the object
                    candidates += [c for c in obj.children if c.dep_ == "conj" and c.pos_ == "NOUN"]
                candidates += [m for c in candidates for m in self._collective_members(c)]
                for c in candidates:
                    ok, e, b = self.object_matches(p.obj, c, depth)
                    if ok:
                        matched, entry, bonus = c, e, b
                        break
                if matched is None:
                    continue
            if best is None or p.specificity + bonus > best[0]:
                best = (p.specificity + bonus, p, matched, entry)
        if best is None:
            return None
        return best[1], best[2], best[3]

    def _collective_members(self, tok: Token) -> list[Token]:
        """ "a team of doctors", "a new round of joint exercises", "a batch of peacekeepers": what
        a collective or a portion is made of says what is sent or held (COLLECTIVE in classes.tsv);
        so does what comes in "the return of inspectors", "the delivery of food" (PASSAGE), and
        what an increase is in: "a sixfold increase in funding" (INCREASE)."""
        forms = {tok.lemma_.lower(), tok.lower_}
        if forms & self.lex.classes.get("INCREASE", frozenset()):
            return cl.preps_of(tok).get("in", [])
        if not any(
            forms & self.lex.classes.get(c, frozenset()) for c in ("COLLECTIVE", "PASSAGE", "PORTION")
        ):
            return []
        return cl.preps_of(tok).get("of", [])

    # --- arguments --------------------------------------------------------------------------------
    def refs(self, actors: SentenceActors, tok: Token | None, expand: bool = True) -> list[ActorRef]:
        """Actor references of a head, with its coordinated heads ("Russia and China")."""
        if tok is None:
            return []
        outer = tok
        tok = self._through_quantity(tok)
        heads = cl.conjuncts(tok) if expand else [tok]
        # "China and Russia's SCO": China co-owns the SCO, it is not a separate participant.
        heads = [h for k, h in enumerate(heads) if not any(cl.co_possessor(h, o) for o in heads[k + 1 :])]
        out: list[ActorRef] = []
        for h in heads[:MAX_ARGS]:
            # "Sudan and a group of Chadian rebels": a later conjunct may be a quantity too
            inner = h if h.i == tok.i else self._through_quantity(h)
            found = actors.at(inner)
            if not found:
                # "its poor neighbour Kyrgyzstan", "its ally Hezbollah": a common noun that names
                # no actor is the one its apposition names; the mention stays the whole phrase
                # (not a bracketed abbreviation, which the actor finder reads with its phrase)
                named = [
                    r
                    for c in h.children
                    if c.dep_ == "appos" and c.nbor(-1).text != "("
                    for r in actors.at(c)
                ]
                if len(named) == 1 and named[0].entity is not None:
                    out.append(self._as_argument(named[0], h))
                    continue
                owner = self._entourage_owner(actors, h)
                if owner is not None:
                    out.append(owner)
                    continue
            phrase = (outer, tok) if h.i == tok.i else (h, inner if inner.i != h.i else None)
            if len(found) == 1:  # one actor: its mention is the whole phrase ("Dozens of Russian troops")
                out.append(self._as_argument(found[0], *phrase))
            elif all(r.start <= h.i for r in found):
                # "The United Nations Mideast envoy", "the US Trump administration": readings of
                # one phrase from its premodifiers; each reading's mention is the whole phrase
                out.extend(self._as_argument(r, *phrase) for r in found)
            else:
                out.extend(found)
        return out

    def _entourage_owner(self, actors: SentenceActors, tok: Token) -> ActorRef | None:
        """ "The governor's office declined to comment", "Biden's team said": an office, camp
        or team (classes.tsv ENTOURAGE) that names no actor of its own acts for its one
        possessor; the mention is the whole phrase."""
        if not self.lex.in_class("ENTOURAGE", (tok.lemma_.lower(),)):
            return None
        owners = [r for c in tok.children if c.dep_ == "poss" for r in actors.at(c)]
        return self._as_argument(owners[0], tok) if len(owners) == 1 else None

    def _disarmed_force(self, actors: SentenceActors, surface: Token, code: str) -> bool:
        """Is the subject of an agentless disarming passive an armed force or group (DISARM_CODES)?"""
        return code in DISARM_CODES and any(
            (r.sector or "")[:3] in ARMED_SECTORS
            for r in self.refs(actors, self._through_quantity(cl.relative_head(surface)))
        )

    @staticmethod
    def _as_argument(ref: ActorRef, head: Token, inner: Token | None = None) -> ActorRef:
        """The mention span of an argument: the pronoun's antecedent in the same sentence, else
        the whole noun phrase the argument heads (`inner`: the word after its quantity)."""
        if ref.origin is not None:
            # the antecedent's whole noun phrase, not only the words that name the actor
            start, end = cl.antecedent_span(head.doc, ref.origin[0], ref.origin[1])
            return replace(ref, start=start, end=end)
        if head.pos_ == "PRON":
            return ref
        start, end = cl.argument_span(head, inner if inner is not None and inner.i != head.i else None)
        if start <= ref.start and ref.end <= end:
            return replace(ref, start=start, end=end)
        return ref

    @staticmethod
    def _mistagged_verb(tok: Token) -> bool:
        """ "The government rejects and condemns ...": a clause head the tagger called a noun.
        A plural noun with a subject is one; so is any noun that also has a verb particle ("EU
        and UN hand over supplies": "hand" tagged NN, "over" its particle), since only verbs
        take particles."""
        return (
            tok.pos_ == "NOUN"
            and tok.dep_ in ("ROOT", "conj")
            and (tok.tag_ == "NNS" or any(c.dep_ == "prt" for c in tok.children))
            and any(c.dep_ == "nsubj" for c in tok.children)
            and not any(c.dep_ == "det" for c in tok.children)
        )

    def _through_quantity(self, tok: Token) -> Token:
        """ "hundreds of Hezbollah targets", "most of them", "a group of asylum seekers": the noun
        after the quantity or the collective (COLLECTIVE in classes.tsv)."""
        collective = self.lex.classes.get("COLLECTIVE", frozenset())
        for _ in range(2):
            low = tok.lemma_.lower()
            if low in QUANTITY_WORDS or tok.pos_ == "NUM" or (low in collective and tok.pos_ == "NOUN"):
                of = [
                    g
                    for c in tok.children
                    if c.dep_ == "prep" and c.lower_ == "of"
                    for g in c.children
                    if g.dep_ == "pobj"
                ]
                if of:
                    tok = of[0]
                    continue
            break
        return tok

    def modifier_refs(self, actors: SentenceActors, tok: Token, owner: bool = False) -> list[ActorRef]:
        """Actors named by a non-actor noun's modifiers: "Afghanistan assistance", "Saudi-Iranian ties".
        A stance ("anti-Syria") is what someone opposes or backs: it names neither who an actor
        noun is ("an anti-Syria journalist") nor, with `owner`, who holds an event ("anti-American
        protests"); otherwise (the event's target) it is kept."""
        out = []
        skip_stances = owner or bool(actors.at(tok))
        deps = ("compound", "amod", "nmod", "poss")
        if tok.lemma_.lower() in RELATIONAL_HEADS:
            deps = deps[:3]  # "Russia's allies" are not Russia
        for child in tok.children:
            if child.dep_ in deps:
                before = len(out)
                for h in cl.conjuncts(child):
                    if skip_stances and stance_word(h):
                        continue
                    refs = actors.at(h)
                    if not refs:
                        m = None
                        for ref in actors.refs.get(h.i, []):
                            m = ref
                        if m is None:
                            continue
                    if child.dep_ == "compound" and tok.pos_ == "PROPN":
                        # "the Europe Bridge", "the Africa Cup": a region word inside a proper
                        # name names the thing, not whose it is
                        refs = [r for r in refs if r.entity is None or r.entity.kind != "region"]
                    out.extend(r for r in refs if r.entity is not None)
                # "Saudi Arabian-Iranian": the hyphenated adjective hangs off its partner;
                # "a Japanese-owned ship": the owner hangs off the participle
                # ("the U.S. State Department's decision": the same side named by a word inside
                # a mention already taken is part of that actor's name, not a second one)
                taken = out[before:]
                for g in child.children:
                    if g.dep_ in ("amod", "compound"):
                        out.extend(
                            r
                            for r in actors.at(g)
                            if r.entity is not None
                            and not any(t.start <= g.i < t.end and r.same_actor(t) for t in taken)
                        )
                    elif g.dep_ == "npadvmod" and g.i + 1 < child.i and g.doc[g.i + 1].text == "-":
                        # the parser reads the adjective as a noun the resolver cannot place
                        out.extend(
                            ActorRef(
                                m.start,
                                m.end,
                                g.i,
                                sf.entity,
                                None,
                                "hyphen-owner",
                                0.6,
                                sf.entity.name,
                                "state",
                            )
                            for m in actors.matches
                            if m.start <= g.i < m.end
                            and (sf := m.primary) is not None
                            and sf.entity.kind == "state"
                            and sf.how == "adjective"
                        )
        return out

    def communication_author(self, actors: SentenceActors, verb: Token) -> list[ActorRef]:
        """ "A letter from Lavrov was read in which Western nations were accused": Lavrov accuses."""
        for head, _dep in cl.governors(verb):
            nouns = (
                [head]
                if head.pos_ == "NOUN"
                else [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
            )
            for n in nouns:
                if n.lemma_.lower() in COMM_NOUNS:
                    named = self._issuer(actors, n)
                    if named is not None:
                        return named
                    mods = self.modifier_refs(actors, n)
                    if mods:
                        return mods
                    # "the ministry issued a statement saying the envoy had been summoned": the
                    # one who issued the document (the subject of the verb it is the object of)
                    issuer = self._document_author(actors, n)
                    if issuer:
                        return issuer
        return []

    @staticmethod
    def _each_other(verb: Token) -> bool:
        """ "Ukraine and Russia blamed each other": the act goes both ways."""
        # the verb's objects and its prepositions' objects ("blamed each other", "talks with one another")
        near = [*verb.children, *(g for c in verb.children if c.dep_ == "prep" for g in c.children)]
        for t in near:
            if t.lower_ == "other" and any(c.lower_ == "each" for c in t.children):
                return True
            if t.lower_ == "another" and t.i > 0 and t.doc[t.i - 1].lower_ == "one":
                return True
        return False

    def _purpose_target(
        self, actors: SentenceActors, verb: Token, how: str, sources: list[ActorRef]
    ) -> tuple[list[ActorRef], str]:
        """ "X telephoned Y to offer condolences", "X visited Y to sign a deal": a purpose clause
        that names no recipient of its own is aimed at the one the main act was."""
        if not how.startswith("control-") or verb.dep_ not in ("advcl", "xcomp"):
            return [], "none"
        if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            return [], "none"
        head = verb.head
        obj = cl.logical_object(head)
        refs = [r for r in self.refs(actors, obj) if r.entity is not None] if obj is not None else []
        refs = [r for r in refs if not any(r.same_actor(x) for x in sources)]
        return (refs, "purpose-of-main-act") if refs else ([], "none")

    def _issuer(self, actors: SentenceActors, noun: Token) -> list[ActorRef] | None:
        """Who a document's own phrase says issued it: its possessor ("Lavrov's letter") or its
        from/by phrase ("a letter from Lavrov"); None when the phrase names no one."""
        for c in noun.children:
            if c.dep_ == "poss":
                return actors.at(c)
            if c.dep_ == "prep" and c.lower_ in ("from", "by"):
                for p in c.children:
                    if p.dep_ == "pobj" and actors.at(p):
                        return self.refs(actors, p)
        return None

    def _plan_owner(self, actors: SentenceActors, noun: Token) -> list[ActorRef]:
        """ "Saudi Arabia announced an initiative to halt the fighting", "Egypt's efforts to
        mediate": what a plan, initiative or effort (OWNPLANS in classes.tsv) sets out to do is
        done by its owner, named by its possessor or from/by phrase, or the subject of a verb
        that makes the plan its own (PLANNING: "announced", "launched", "stepped up"). Not
        through other verbs: who "rejected a plan to halt enrichment" does not halt it."""
        if not self.lex.in_class("OWNPLANS", self.noun_forms(noun)[0]):
            return []
        found = self._issuer(actors, noun)
        if found:
            return found
        verb = noun.head
        if noun.dep_ not in cl.OBJECT_DEPS or verb.pos_ not in ("VERB", "AUX"):
            return []
        particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
        forms = (verb.lemma_.lower(),) + ((f"{verb.lemma_.lower()} {particle}",) if particle else ())
        if not self.lex.in_class("PLANNING", forms[-1:]):
            return []
        owner, how = cl.subject_of(verb)
        if owner is None or how == "modified-noun":
            return []
        return self.refs(actors, owner)

    def _owned_plan_intent(self, mod: _Modality, plan: Token) -> None:
        """ "Turkey announced plans to attack", "the UK has no plans to send troops": what its
        owner plans (a plan noun the modality reads as not yet an event) is the owner's intent,
        as "Turkey plans to attack" is (CAMEO 03x/13x); "no plans" is none."""
        if mod.transform is not None or not any(n.startswith("content of a") for n in mod.notes):
            return
        mod.hypothetical = False
        mod.intended = True
        if any(c.dep_ == "det" and c.lower_ == "no" for c in plan.children) or cl.is_negated(plan.head):
            mod.negated = True

    def _proposal_issuer(self, actors: SentenceActors, noun: Token) -> list[ActorRef]:
        """Who made a proposal, offer, demand or call (PROPOSAL in classes.tsv): its possessor,
        its from/by/of phrase ("a fresh offer from Kabul", "the call of the European
        Parliament") or the agent of its participle ("the resolution proposed by the Security
        Council"). The issuer's mention is the whole proposal phrase: what is rejected or
        accepted is the proposal, and its maker is who the reaction is aimed at."""
        if not self.lex.in_class("PROPOSAL", self.noun_forms(noun)[0]):
            return []
        found = self._issuer(actors, noun) or []
        if not found:
            found = [r for t in cl.preps_of(noun).get("of", []) for r in self.refs(actors, t)]
        agents: list[ActorRef] = []
        if not found:
            found = self._participle_agents(actors, noun)
            # "proposals laid out by the National Assembly": an institution the participle names
            # as its agent made the proposal even when no country is known for it
            agents = [r for r in found if r.entity is None and r.sector is not None and r.origin is None]
        if not found:
            found = self.modifier_refs(actors, noun)  # "the JIA demand", "a US proposal"
        found = [r for r in found if r.entity is not None] or agents
        shared = self._shared_head_makers(found, noun)
        if shared:
            return shared
        # the proposal up to its maker, not what it asks for ("the JIA demand [for the sacking
        # of ...]", "U.S. calls [for a ceasefire]")
        start = cl.argument_span(noun)[0]
        # "the proposal submitted by X and Y": one phrase for each of its makers, up to the last
        end = max([noun.i + 1, *(r.end for r in found if r.origin is None and start <= r.start)])
        return [
            replace(r, start=start, end=end)
            if r.origin is None and start <= r.start
            else self._as_argument(r, noun)
            for r in found
        ]

    @staticmethod
    def _shared_head_makers(found: list[ActorRef], noun: Token) -> list[ActorRef]:
        """ "the Iraqi and Turkish demands": makers listed as the proposal's coordinated
        modifiers share its noun, as "the Iraqi demands and the Turkish demands" would; each
        one's mention is its own word, the last one's joined to the shared noun. Empty unless
        two or more makers all stand as the noun's coordinated modifiers."""
        makers = sorted((r for r in found if r.origin is None), key=lambda r: r.start)
        doc = noun.doc
        if len(makers) < 2 or len(makers) != len(found) or makers[-1].end > noun.i:
            return []
        if not all(doc[r.head].head.i == noun.i or doc[r.head].dep_ == "conj" for r in makers):
            return []
        if not any(t.dep_ == "cc" for t in doc[makers[0].end : makers[-1].start]):
            return []  # "the Saudi-Iranian demands": one phrase naming two parties
        start = cl.argument_span(noun)[0]
        last = len(makers) - 1
        return [
            replace(r, start=start if k == 0 else r.start, end=noun.i + 1 if k == last else r.end)
            for k, r in enumerate(makers)
        ]

    def _participle_agents(self, actors: SentenceActors, noun: Token) -> list[ActorRef]:
        """Who did what a noun's passive participle says: "crimes committed by Croat forces",
        "the resolution proposed by the Security Council"."""
        for c in noun.children:
            if c.dep_ == "acl" and c.tag_ == "VBN":
                agent, how = cl.subject_of(c)
                if agent is not None and how == "passive-agent":
                    return self.refs(actors, agent)
        return []

    def _without_verb_complement(self, actors: SentenceActors, verb: Token, ref: ActorRef) -> ActorRef:
        """ "accused the Nigerian military of mass slaughter": the parser hangs the verb's own
        complement (a preposition one of the verb's rows in verbs.tsv takes, here "accuse of")
        on the object; it says what the object is charged with, not who the object is. The
        mention stops before it, unless the actor's own name runs through it ("accused the
        Ministry of Defence of lying")."""
        doc = verb.doc
        head = doc[ref.head]
        if ref.origin is not None or head.dep_ not in ("dobj", "obj") or head.head.i != verb.i:
            return ref
        taken = {
            p.prep.split()[-1]
            for p in self.lex.verbs.get(verb.lemma_.lower(), [])
            if p.prep and p.prep.split()[-1] in COMPLEMENT_PREPS
        }
        if not taken or taken & set(cl.preps_of(verb)):
            return ref
        # the name the knowledge base matched around the head ("the Ministry of Defence")
        named_end = max((m.end for m in actors.matches if m.start <= head.i < m.end), default=head.i + 1)
        for c in head.subtree:
            # (the first such phrase past the name that names no actor: "accused the government of
            # Myanmar [of genocide]", "the head of the militia [of murder]")
            if (
                c.dep_ == "prep"
                and c.lower_ in taken
                and c.i >= named_end
                and ref.start < c.i < ref.end
                and not any(actors.at(g) for g in c.children if g.dep_ == "pobj")
                and not any(
                    a.pos_ in ("VERB", "AUX") for a in c.ancestors if a.i != verb.i and head.is_ancestor(a)
                )
            ):
                end = c.i
                while end - 1 > head.i and doc[end - 1].is_punct:
                    end -= 1
                return replace(ref, end=end)
        return ref

    @staticmethod
    def _said_content(clause: Token, code: str) -> bool:
        """ "rejected the announcement that President X was the winner", "criticised claims
        that the army fired first": a that-clause of what is rejected or criticised tells what
        was said; whom it names is not who said it, so no target of the reaction."""
        return code[:2] in ACT_REACTION_ROOTS and clause.dep_ == "acl" and cl.clause_mark(clause) == "that"

    def _message_recipients(self, actors: SentenceActors, verb: Token) -> list[ActorRef]:
        """ "sent a letter to the head of the WHO threatening to pull funding", "wrote a letter
        to the minister demanding an inquiry": a participle without a subject of its own that
        says what a message does is aimed at whom the message went to (the "to" phrase of the
        message or of its sending), before any party the threat or demand's own clause names
        ("over Covid-19")."""
        if verb.tag_ != "VBG" or any(c.dep_ in cl.SUBJECT_DEPS for c in verb.children):
            return []
        if verb.dep_ == "advcl":
            sending, message = verb.head, cl.logical_object(verb.head)
        elif verb.dep_ == "acl":
            message = verb.head
            sending = message.head if message.dep_ in ("dobj", "obj") else None
        else:
            return []
        is_message = message is not None and (
            message.lemma_.lower() in COMM_NOUNS or message.lower_ in COMM_NOUNS
        )
        if not is_message and (verb.dep_ == "acl" or sending.lemma_.lower() not in SPEECH_LEMMAS):
            return []
        heads = [t for t in (sending, message if is_message else None) if t is not None]
        return [r for h in heads for t in cl.preps_of(h).get("to", []) for r in self.refs(actors, t)]

    def _document_author(self, actors: SentenceActors, noun: Token) -> list[ActorRef]:
        """ "Amnesty issued a statement calling on X", "HRW, in a report accusing Y": whoever
        issued the document (its possessor, its "from/by", the subject of the verb whose object it
        is or whose "in"/"through" phrase holds it) does what the document does."""
        if noun.lemma_.lower() not in COMM_NOUNS and noun.lower_ not in COMM_NOUNS:
            return []
        named = self._issuer(actors, noun)
        if named is not None:
            return named
        governor = None
        if noun.dep_ in ("dobj", "nsubjpass"):
            governor = noun.head
        elif (
            noun.dep_ == "pobj"
            and noun.head.lower_ in ("in", "through", "with")
            and noun.head.head.pos_ in ("VERB", "AUX")
        ):
            governor = noun.head.head
        if governor is None:
            return []
        author, how = cl.subject_of(governor)
        if author is None or how == "modified-noun":
            return []
        return self.refs(actors, author)

    def _same_class(self, a: Token, b: Token) -> bool:
        """Do two nouns share a word class of classes.tsv ("state" and "emergency": EMERGENCY)?"""
        fa, fb = set(self.noun_forms(a)[0]), set(self.noun_forms(b)[0])
        return any(fa & words and fb & words for words in self.lex.classes.values())

    def _repressed_protesters(
        self, actors: SentenceActors, verb: Token, source: list[ActorRef]
    ) -> list[ActorRef]:
        """ "police used tear gas as about a hundred people staged a protest": repression told
        beside a protest in an adverbial clause is aimed at the protesters, the clause's subject
        (as a phrase with no actor when it names none)."""
        for c in verb.children:
            if c.dep_ != "advcl" or c.pos_ not in ("VERB", "AUX"):
                continue
            matched = self.match_verb(c)
            if matched is None:
                continue
            pattern, _content, entry = matched  # "staged a protest": a light verb takes its noun's code
            if (entry.code if pattern.code == "=" and entry is not None else pattern.code)[:2] != "14":
                continue
            subj, how = cl.subject_of(c)
            if subj is None or how != "nsubj" or subj.pos_ not in ("NOUN", "PROPN"):
                continue
            refs = [r for r in self.refs(actors, subj) if not any(r.same_actor(x) for x in source)]
            if refs:
                return refs
            start, end = cl.argument_span(subj)
            return [thing_ref(subj, start, end)]
        return []

    def _pressers(
        self, actors: SentenceActors, verbs: tuple[Token, ...], refusers: list[ActorRef]
    ) -> list[ActorRef]:
        """Whom a refusal with no object rejects: the one pressing for what is refused ("declined
        to resign despite growing pressure by the anti-corruption commission", "refused to step
        down despite calls from the EU"). The pressing noun is a PRESSING member in a 'despite'
        phrase on the refused act or on the refusing verb; the presser is its by/from/of actor."""
        for v in verbs:
            # (the tagger often calls "despite" a conjunction, which preps_of passes over)
            despite = [c for c in v.children if c.dep_ == "prep" and c.lower_ in PRESSED_PREPS]
            for noun in (g for d in despite for g in d.children if g.dep_ == "pobj"):
                if not self.lex.in_class("PRESSING", self.noun_forms(noun)[0]):
                    continue
                # "despite President Biden's request": its owner presses as its by/from phrase does
                owners = [
                    r
                    for c in noun.children
                    if c.dep_ == "poss"
                    for r in self.refs(actors, c)
                    if not any(r.same_actor(x) for x in refusers)
                ]
                if owners:
                    return owners
                preps = cl.preps_of(noun)
                for p in ("by", "from", "of"):
                    for tok in preps.get(p, []):
                        found = [
                            r for r in self.refs(actors, tok) if not any(r.same_actor(x) for x in refusers)
                        ]
                        if found:
                            return found
        return []

    def _answered_askers(self, actors: SentenceActors, op: Token, refusers: list[ActorRef]) -> list[ActorRef]:
        """ "Pacific leaders urged Australia to stop opening coal mines, but Prime Minister
        Morrison refused to commit to deeper cuts": a refusal joined to an appeal or demand made
        of the refuser answers it, and is aimed at whoever asked (before the place it is made in)."""
        if op.dep_ != "conj" or op.head.pos_ not in ("VERB", "AUX"):
            return []
        ask = op.head
        asking = self.lex.operator(ask.lemma_.lower(), set(cl.preps_of(ask)))
        if asking is None or asking.kind not in ("appeal", "demand"):
            return []
        asked_tok = cl.logical_object(ask)
        asked = self.refs(actors, asked_tok) if asked_tok is not None else []
        if not any(a.same_actor(r) for a in asked for r in refusers):
            return []
        askers_tok, how = cl.subject_of(ask)
        if askers_tok is None or how != "nsubj":
            return []
        return [r for r in self.refs(actors, askers_tok) if not any(r.same_actor(x) for x in refusers)]

    def _asked_in_place(
        self, actors: SentenceActors, controllers: list[Token], askers: list[ActorRef]
    ) -> list[ActorRef]:
        """Who is asked when the asked party names no actor but its phrase says where it is
        ("urged the parties to the conflict in Iraq to allow ...", "called on groups in Chad
        to disarm"): the state of that place, as PLOVER codes an appeal to a country's unnamed
        people or sides. The mention is the asked phrase. Not the askers' own country (an appeal
        at home names no foreign party)."""
        for c in controllers:
            if c.pos_ not in ("NOUN", "PROPN") or actors.at(c):
                continue
            start, end = cl.argument_span(c)
            for u in c.subtree:
                if u.dep_ != "pobj" or u.head.lower_ not in THING_PLACE_PREPS:
                    continue
                states = [r for r in self.refs(actors, u) if names_state(r)]
                if not states or any(states[0].same_actor(x) for x in askers):
                    continue
                return [state_as_phrase(states[0], start, end, c.i, "asked-in-place")]
        return []

    # --- modality ----------------------------------------------------------------------------------
    def modality(self, trig: Token) -> _Modality:
        m = _Modality(negated=cl.is_negated(trig))
        if trig.dep_ == "pcomp" and trig.head.lower_ in WITHOUT_PREPS:
            m.negated = True  # "gave the equipment without demanding payment": no demand was made
        tense = cl.tense_modality(trig) if trig.pos_ in ("VERB", "AUX") else None
        if tense in ("future", "conditional"):
            m.intended = True
        elif tense == "hypothetical":
            m.hypothetical = True
        elif tense == "obligation":
            m.obligation = True
        for adv in trig.children:
            if adv.dep_ == "advmod" and adv.lower_ in (
                "reportedly",
                "allegedly",
                "purportedly",
                "supposedly",
            ):
                m.reported = True
        child = trig
        for head, dep in cl.governors(trig):
            if dep == "conj" and head.pos_ in ("VERB", "AUX"):
                child = head
                continue
            purpose = dep == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
            if dep == "acomp" or (dep == "xcomp" and head.pos_ == "ADJ"):
                op = self.lex.operator(head.lemma_.lower(), set())
                if op is not None and op.kind == "intend":
                    m.intended = True
                if dep == "acomp" and head.pos_ in ("VERB", "AUX"):  # "must be ready to mediate"
                    m.take_tense(cl.tense_modality(head))
                child = head
                continue
            if dep in ("xcomp", "ccomp") or purpose:
                preps = set(cl.preps_of(head)) | _for_clause(child, dep)
                op = (
                    self.lex.operator(head.lemma_.lower(), preps)
                    if head.pos_ in ("VERB", "AUX", "ADJ")
                    else None
                )
                kind = op.kind if op else None
                if kind == "intend" and (purpose or dep == "xcomp") and self._gives_own_object(head, child):
                    # "willing to offer military assistance to Turkey to assist an insurgency":
                    # the offer of a thing is the act; the purpose it is offered for is no act
                    # of its own, and not the content of the offer
                    m.hypothetical = True
                    m.notes.append("the purpose of a thing promised or offered")
                    break
                htense = cl.tense_modality(head) if head.pos_ in ("VERB", "AUX") else None
                if kind in (None, "aspect", "attempt"):
                    m.take_tense(htense)
                    if cl.is_negated(head):
                        m.negated = True
                    if kind == "attempt":
                        m.attempted = True
                    if kind is None and dep == "ccomp":
                        break
                    child = head
                    continue
                if kind == "report" and purpose and _has_own_object(head):
                    # "declared a state of emergency to fight terror": a purpose clause of a verb
                    # that acts on its own object is what that act is for, not what was declared
                    break
                if kind == "report":
                    m.attribution_tok = head
                    if cl.is_negated(head) and self.lex.in_class("NEG_RAISING", (head.lemma_.lower(),)):
                        # "do not think legislators should oppose the bill": a negated opinion
                        # verb denies its complement (NEG_RAISING in classes.tsv)
                        m.negated = True
                    break
                if kind == "negate":
                    if m.transform is None:
                        m.inner_negated = True
                        m.negator = m.negator or head
                    child = head
                    continue
                if kind in ("appeal", "demand") and m.transform is not None and m.transform[0] == "reject":
                    # "Greece demanded that its partners refuse to recognize ...": asking someone
                    # to refuse is asking them not to act
                    m.refuser = m.transform[1]
                    m.transform = (kind, head)
                    m.inner_negated = True
                    if cl.is_negated(head):
                        m.negated = True
                    child = head
                    continue
                if (
                    kind in ("appeal", "demand")
                    and m.transform is not None
                    and m.transform[0] in ("appeal", "demand")
                    and not m.inner_negated
                ):
                    # "Iran urged France to press the United States to lift sanctions": asking
                    # someone to ask is the outer asker's appeal to the one it addresses
                    m.transform = (kind, head)
                    if cl.is_negated(head):
                        m.negated = True
                    child = head
                    continue
                if kind in ("intend", "threaten", "appeal", "demand", "reject") and m.transform is None:
                    m.transform = (kind, head)
                    if cl.is_negated(head):
                        m.negated = True
                    child = head
                    if kind in ("appeal", "demand"):
                        # what the asked party should do is not an event of its own
                        pass
                    continue
                if kind == "claim":
                    m.reported = True
                    m.claimer = m.claimer or head
                elif kind == "deny":
                    m.negated = True
                    m.reported = True
                    m.attribution_tok = head
                    break
                elif kind == "consider":
                    m.hypothetical = True
                elif kind == "intend":
                    m.intended = True
                child = head
                continue
            issuer = self._message_verb(child) if dep == "acl" else None
            if issuer is not None:
                m.attribution_tok = issuer
                break
            if dep in ("acl", "relcl") and head.pos_ == "NOUN" and head.lemma_.lower() in IRREALIS_NOUNS:
                m.hypothetical = True  # "an invitation ... to travel to Afghanistan": not (yet) an event
                m.notes.append(f"content of a {head.lemma_.lower()}")
                break
            if dep == "advcl":
                mark = cl.clause_mark(child)
                if mark in cl.CONDITIONAL_MARKS:
                    m.hypothetical = True
                elif mark in cl.TEMPORAL_MARKS:
                    m.background = True
                    m.notes.append(f"temporal clause ({mark})")
            break
        return m

    def _gives_own_object(self, op: Token, purpose: Token) -> bool:
        """ "offered military assistance to Turkey to assist ...", "pledged 50 million dollars to
        help ...": an intent verb whose own pattern takes the object it has before the clause
        promises that thing; the clause says what for (unlike "offered to help", where the
        clause is what is offered)."""
        if op.pos_ != "VERB" or not any(c.dep_ in ("dobj", "obj") and c.i < purpose.i for c in op.children):
            return False
        matched = self.match_verb(op)
        return matched is not None and matched[1] is not None and matched[1].i < purpose.i

    def _message_verb(self, clause: Token) -> Token | None:
        """ "Chirac issued a stern reminder to Iraq that it must cooperate": the content clause
        of a message (MESSAGE in classes.tsv) that someone issues is reported by them, as after
        "said". Returns the issuing verb."""
        noun = clause.head
        if (
            clause.dep_ == "acl"
            and cl.clause_mark(clause) == "that"
            and noun.dep_ in cl.OBJECT_DEPS
            and noun.head.pos_ in ("VERB", "AUX")
            and self.lex.in_class("MESSAGE", self.noun_forms(noun)[0])
        ):
            return noun.head
        return None

    # --- the main entry -----------------------------------------------------------------------------
    def code(self, span: Span, actors: SentenceActors, lenient: bool = False) -> list[Draft]:
        """Event drafts of one sentence. `lenient` also returns drafts the rules would drop for
        a missing source or recipient (for the sentence classifier to choose from)."""
        return self._code(span, actors, lenient)[0]

    def code_pair(
        self, span: Span, actors: SentenceActors, wanted: Callable[[list[Draft]], bool]
    ) -> tuple[list[Draft], list[Draft]]:
        """The strict drafts of one sentence, and the lenient ones when `wanted(strict)` (else
        none). The lenient pass takes another path only where the strict one dropped a verb's
        event for a missing party; where it dropped none, the lenient drafts are the strict ones
        and the second pass is not run (so for about half the sentences the classifier looks at)."""
        strict, dropped = self._code(span, actors, lenient=False)
        if not wanted(strict):
            return strict, []
        return strict, self._code(span, actors, lenient=True)[0] if dropped else list(strict)

    def _code(self, span: Span, actors: SentenceActors, lenient: bool) -> tuple[list[Draft], bool]:
        """The drafts, and whether a strict pass dropped a verb's event a lenient one keeps."""
        drafts: list[Draft] = []
        suppressed: set[int] = set()  # triggers that turned out to be operators or reports
        consumed: set[int] = set()  # event nouns used by a verb pattern
        dropped: list[int] = []  # verbs whose event only a lenient pass keeps
        for tok in span:
            if (
                tok.pos_ != "VERB"
                and not (tok.tag_.startswith("VB") and tok.pos_ not in ("AUX", "PROPN"))
                and not self._mistagged_verb(tok)
                and not _predicate_adjective(tok)
            ):
                continue
            if tok.dep_ in ("amod", "compound"):
                continue
            if (
                tok.dep_ == "pcomp"
                and tok.head.lower_ in CONTENT_PREPS
                and not self._culpable_of(tok)
                and not self._resorted_to(tok)
            ):
                continue  # "accused X of attacking Y", "cooperate on curbing ...": content, not an event
            matched = self.match_verb(tok)
            if matched is None:
                continue
            pattern, content, entry = matched
            if pattern.code == "-":
                continue
            code = entry.code if pattern.code == "=" and entry is not None else pattern.code
            if code == "=":
                continue
            rule = pattern.rule + (f" + {entry.rule}" if pattern.code == "=" and entry is not None else "")
            if content is not None:
                consumed.add(content.i)
            events = self._verb_event(
                span, actors, tok, pattern, content, code, rule, suppressed, lenient, dropped
            )
            events = self._aerial_doers(events)
            drafts.extend(self._labour_strikes(events, entry) if pattern.code == "=" else events)
        drafts.extend(self._noun_events(span, actors, consumed, {d.trigger.i for d in drafts}))
        drafts.extend(self._copular_agents(span, actors))
        drafts.extend(self._stated_obligations(span, actors, drafts))
        out = []
        speech_heads = {d.attribution.head for d in drafts if d.attribution is not None}
        for d in drafts:
            if d.trigger.i in suppressed:
                continue
            if d.code in SPEECH_CODES and (
                d.trigger.i in speech_heads
                or any(o.trigger.i != d.trigger.i and d.trigger in o.trigger.ancestors for o in drafts)
            ):
                continue
            out.append(d)
        out = _drop_mourned_acts(_drop_toll_participles(out))
        drafts = self._dedupe(
            _drop_purposed_force(
                self._voiced_by_protest(
                    self._reactions_to_acts(
                        self._described_arguments(
                            self._drop_denied_content(self._drop_hoped_acts(_drop_considered_acts(out)))
                        )
                    )
                )
            )
        )
        return drafts, bool(dropped)

    def _aerial_doers(self, drafts: list[Draft]) -> list[Draft]:
        """ "Israeli warplanes struck Hezbollah positions", "drones hit a convoy": force whose doer
        is an aircraft (a platform of the AIRSTRIKE class in classes.tsv) is aerial, CAMEO 195,
        as the same act named by its noun ("an airstrike") is."""
        out = []
        for d in drafts:
            if d.code == "190" and d.source is not None:
                head = d.trigger.doc[d.source.head]
                if self.lex.in_class("AIRSTRIKE", (head.lemma_.lower(), head.lower_)):
                    d = with_code(d, "195", f"aerial: its doer is {head.lower_} (classes.tsv AIRSTRIKE)")
            out.append(d)
        return out

    def _labour_strikes(self, drafts: list[Draft], entry: NounEntry | None) -> list[Draft]:
        """ "Nurses in Kenya began a strike", "doctors launched a strike demanding better pay":
        a bare "strike" (nouns.tsv codes it 190 for "launched strikes on Gaza") whose doers are
        workers, professionals or civilians (striking_sectors.tsv) is a walk-out, CAMEO 143; a
        state, its forces or an armed group keeps the military strike."""
        if entry is None or not entry.code.startswith("19"):
            return drafts
        if entry.noun not in self.lex.classes.get("STRIKE", frozenset()):
            return drafts
        out = []
        for d in drafts:
            sector = d.source.sector if d.source is not None else None
            chunks = [sector[k : k + 3] for k in range(0, len(sector), 3)] if sector else []
            if chunks and all(c in STRIKING_SECTORS for c in chunks):
                d = with_code(d, "143", f"labour strike: its doers are {sector} (striking_sectors.tsv)")
            out.append(d)
        return out

    def _drop_denied_content(self, drafts: list[Draft]) -> list[Draft]:
        """ "rejected accusations by the US that its military carried out ethnic cleansing",
        "denied that its troops had shelled the village": the deed a denial or a rejected charge
        tells is what the speaker says did not happen; the denial is the event, and the deed
        is no event of its own (CAMEO codes the denial, 016 or 12)."""
        denials = {d.trigger.i for d in drafts if d.code == "016" or d.code[:2] == "12"}
        if not denials:
            return drafts
        out = []
        for d in drafts:
            child = d.anchor if d.anchor is not None else d.trigger
            denied = False
            below: Token | None = None
            for head, dep in cl.governors(child):
                if head.i in denials and head.i != d.trigger.i:
                    denier = next(o for o in drafts if o.trigger.i == head.i)
                    # the deny verb's own content clause, or the content of a charge it rejects
                    denied = (dep == "ccomp" and denier.code == "016") or (
                        below is not None
                        and below.dep_ in ("dobj", "nsubjpass")
                        and self.lex.in_class("DENIAL", self.noun_forms(below)[0])
                    )
                    break
                if dep == "conj" and head.pos_ in ("VERB", "AUX"):
                    # "denied that its troops shelled the village and killed civilians": a verb
                    # joined to one inside the denied clause is denied with it (one joined to the
                    # denial itself was decided above)
                    continue
                if dep in ("advcl", "conj", "parataxis"):
                    break  # a separate act told beside the denial, not inside it
                below = head if head.pos_ in ("NOUN", "PROPN") else below
            if not denied:
                out.append(d)
        return out

    def _drop_hoped_acts(self, drafts: list[Draft]) -> list[Draft]:
        """ "voiced hope that the new government in Greece will help Turkey", "expressed his
        wish that the Saudi king would help heal the breach", "hopes Japan will persuade the US
        to lift sanctions" (a verb of hoping): what a hope's that-clause says
        someone else will do has not happened and was promised by no one; the sentence is the
        optimistic comment (013, aimed at the clause's subject), and the hoped-for act is no
        event of its own (the hoper's own plans stay: "voiced hope that it will join")."""
        hopes = {
            c.i: d
            for d in drafts
            if d.code == OPTIMISM_CODE
            for c in d.trigger.children
            if c.dep_ in cl.OBJECT_DEPS and self.lex.in_class("HOPING", (c.lower_, c.lemma_.lower()))
        }
        # "hopes Japan will persuade Biden to lift sanctions": the verb of hoping is the hope
        hopes |= {
            d.trigger.i: d
            for d in drafts
            if d.code == OPTIMISM_CODE
            and d.trigger.pos_ == "VERB"
            and self.lex.in_class("HOPING", (d.trigger.lemma_.lower(),))
        }
        if not hopes:
            return drafts
        out = []
        for d in drafts:
            hoped = False
            below = d.anchor if d.anchor is not None else d.trigger
            for head, dep in cl.governors(below):
                if head.i in hopes or (head.i in {h.trigger.i for h in hopes.values()} and dep == "ccomp"):
                    hoper = hopes.get(head.i) or next(h for h in hopes.values() if h.trigger.i == head.i)
                    clause = below if dep in ("acl", "ccomp") else None
                    hoped = (
                        clause is not None
                        and cl.clause_mark(clause) in ("that", None)
                        and d.source is not None
                        and hoper.source is not None
                        and not d.source.same_actor(hoper.source)
                        and d.source.name != hoper.source.name
                    )
                    break
                if dep in ("advcl", "conj", "parataxis", "relcl"):
                    break
                below = head
            if not hoped:
                out.append(d)
        return out

    def _described_arguments(self, drafts: list[Draft]) -> list[Draft]:
        """ "Hungary will support a resolution that aims to impose a blockade", "must cooperate
        with UN inspectors probing suspect sites": an act told in a relative or participle
        clause that describes an argument of another coded act says what that argument is; it
        stays an event but weighs less than the act it describes a party of."""
        triggers = {d.trigger.i for d in drafts} | {d.anchor.i for d in drafts if d.anchor is not None}
        parties: dict[int, list[ActorRef]] = {}  # joint acts' parties ("Russia and Ukraine swapped ...")
        for d in drafts:
            if "target via reciprocal" in d.notes and d.source is not None and d.target is not None:
                got = parties.setdefault(d.trigger.i, [])
                for r in (d.source, d.target):
                    if not any(r.same_actor(o) for o in got):
                        got.append(r)
        claimed: dict[int, list[ActorRef]] = {}  # claims of responsibility, by their doers
        for d in drafts:
            if d.code == CLAIMED_DEED_CODE and d.source is not None and not d.negated:
                claimed.setdefault(d.trigger.i, []).append(d.source)
        out = []
        for d in drafts:
            child = d.anchor if d.anchor is not None else d.trigger
            for head, dep in cl.governors(child):
                if dep in ("relcl", "acl") and head.pos_ in ("NOUN", "PROPN"):
                    verb = self._clause_verb(head)
                    if verb is not None and verb.i in triggers:
                        d = replace(
                            d,
                            confidence=d.confidence * DESCRIBED_ARGUMENT_WEIGHT,
                            notes=[*d.notes, f"describes an argument of '{verb.text}'"],
                        )
                        claimers = claimed.get(verb.i, [])
                        if d.source is None and d.code[:2] in TOLL_ROOTS and claimers:
                            # "the Taliban claimed responsibility for the attack, which killed
                            # ten people": whoever claims the attack did what it did
                            notes = [n for n in d.notes if n != "no source found"]
                            notes.append("source: the one who claimed responsibility for it")
                            d = replace(d, source=claimers[0], notes=notes)
                        joint = parties.get(verb.i, [])
                        if d.target is None and d.code[:2] in MEDIATION_ROOTS and joint:
                            # "talks hosted by X", "an exchange brokered by X": whoever hosts or
                            # brokers the parties' joint act deals with each of the parties
                            notes = [n for n in d.notes if n != "no target found"]
                            notes.append("target: the parties of the joint act it hosts or brokers")
                            others = [t for t in joint if d.source is None or not d.source.same_actor(t)]
                            if others:
                                out.extend(replace(d, target=t, notes=notes) for t in others)
                                d = None
                    break
            if d is not None:
                out.append(d)
        return out

    def _reactions_to_acts(self, drafts: list[Draft]) -> list[Draft]:
        """ "Pakistan began deporting Afghans, and the Taliban condemned the expulsions", "opened
        an investigation, a move that Israel rejected": a comment or rejection (11, 12) of an act
        the sentence has just told, named by an event noun or a word for an act ("move",
        "decision"), is aimed at that act's doer when nothing else is its target."""
        act_words = self.lex.classes.get("CALLED", frozenset())
        out = []
        for d in drafts:
            # "Ukrainian troops pushed into Kursk, and Moscow said its forces were fighting to repel
            # the incursion": force used against an attack the sentence has told ("the incursion",
            # "the offensive") is used against that attack's doer
            fought = d.code[:2] in TOLL_ROOTS
            if d.target is None and d.source is not None and (d.code[:2] in ACT_REACTION_ROOTS or fought):
                verb = d.trigger
                obj = verb.head if verb.dep_ == "relcl" else cl.logical_object(verb)
                if fought:
                    entry = self.event_entry(obj) if obj is not None and obj.pos_ == "NOUN" else None
                    definite = obj is not None and any(
                        c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in obj.children
                    )
                    ok = entry is not None and entry.code[:2] in TOLL_ROOTS and definite
                else:
                    ok = (
                        obj is not None
                        and obj.pos_ == "NOUN"
                        and (
                            obj.lemma_.lower() in act_words
                            or obj.lower_ in act_words
                            or self.event_entry(obj) is not None
                        )
                    )
                if ok:
                    told = [
                        o
                        for o in drafts
                        if o.trigger.i < verb.i
                        and o.source is not None
                        and o.source.entity is not None
                        and not o.source.same_actor(d.source)
                        and (
                            o.code[:2] in TOLL_ROOTS
                            if fought
                            else o.code[:2] not in ACT_REACTION_ROOTS and o.code[:2] != "01"
                        )
                    ]
                    if told:
                        doer = max(told, key=lambda o: o.trigger.i).source
                        notes = [n for n in d.notes if n != "no target found"]
                        notes.append("target: the doer of the act it reacts to")
                        d = replace(d, target=doer, notes=notes)
            out.append(d)
        return out

    @staticmethod
    def _voiced_by_protest(drafts: list[Draft]) -> list[Draft]:
        """ "Students staged rallies to demand reforms", "demonstrated in Kirkuk, calling for
        independence", "a hunger strike in protest of the government's refusal": a demand voiced
        by a protest, and the grievance a protest is against, are the protest's content (PLOVER:
        demands voiced through protests are PROTEST). They stay events, but weigh less than the
        protest, and the protest takes the demand's addressee when it has none."""
        protests = [d for d in drafts if d.code[:2] == "14" and not d.negated and d.modality == "asserted"]
        if not protests:
            return drafts
        out = []
        for d in drafts:
            for p in protests:
                if d.trigger.i == p.trigger.i or d.code[:2] == "14" or not _below(d.trigger, p.trigger):
                    continue
                demand = d.code[:2] in ("02", "10")
                if not demand and not _in_protest_phrase(d.trigger, p.trigger):
                    continue
                if (
                    demand
                    and p.source is not None
                    and d.source is not None
                    and d.source.start != p.source.start
                ):
                    continue
                d = replace(
                    d,
                    confidence=min(d.confidence, p.confidence * PROTEST_CONTENT_WEIGHT),
                    notes=[*d.notes, f"what the protest '{p.trigger.text}' is about"],
                )
                break
            out.append(d)
        final = []
        for d in out:
            if d.code[:2] == "14" and d.target is None and any(d is p for p in protests):
                below = [o for o in out if o is not d and o.code[:2] != "14" and _below(o.trigger, d.trigger)]
                asked = [o.target for o in below if o.code[:2] in ("02", "10") and o.target is not None]
                against = [
                    o.source
                    for o in below
                    if o.source is not None
                    and o.source.entity is not None
                    and _in_protest_phrase(o.trigger, d.trigger)
                    and not (d.source is not None and d.source.same_actor(o.source))
                ]
                if asked or against:
                    how = "the addressee of the demand it voices" if asked else "the doer of what it protests"
                    notes = [n for n in d.notes if n != "no target found"] + [f"target: {how}"]
                    d = replace(d, target=(asked or against)[0], notes=notes)
            final.append(d)
        return final

    @staticmethod
    def _other_doer(verb: Token, op: Token, subj: Token | None, how: str) -> bool:
        """Is the act under an intent word done by someone else than the one who intends it?"""
        if how == "object-control":
            return True
        op_subj, _ = cl.subject_of(op)
        return (
            subj is not None
            and op_subj is not None
            and subj.i != op_subj.i
            and how == "nsubj"
            and subj.pos_ != "PRON"
        )

    def _unowned_deed(self, actors: SentenceActors, tok: Token) -> bool:
        """Is a subject an act or a weapon that names no actor ("a suicide attack", "a car bomb")?"""
        if actors.at(tok):
            return False
        heads, mods = self.noun_forms(tok)
        words = heads + tuple(f"{m} {h}" for m in mods for h in heads)
        return self._is_event_noun(tok) or any(self.lex.in_class(c, words) for c in ("WEAPONS", "BOMBING"))

    def _speaker_pronoun(self, actors: SentenceActors, verb: Token, pron: Token) -> list[ActorRef]:
        """ "The rebels said they would free two hostages": a pronoun subject the resolver left
        open, in a clause reported or promised by a speaker, is that speaker when they agree in
        kind (they: a plural or a group; it: a non-person; he/she: a person)."""
        low = pron.lower_
        if low not in SPEAKER_PRONOUNS:
            return []
        speaker = self._reporting_speaker(verb, through_copula=True)
        if speaker is None:
            return []
        # a sector noun with no country ("the agency said it is skeptical") speaks too, and
        # so does a named person or group the knowledge base does not know ("UNITA claimed
        # they had attacked ...", "Ali said he would ...")
        refs = [
            r
            for r in self.refs(actors, speaker)
            if r.entity is not None or r.sector or r.kind in UNKNOWN_SPEAKER_KINDS
        ]
        if not refs:
            return []
        plural = (
            len(refs) > 1
            or speaker.tag_ in ("NNS", "NNPS")
            or any(r.entity is not None and r.entity.kind == "group" for r in refs)
        )
        # "the Assad regime said it would ...": a leader's government, regime or
        # administration (resolved to the leader) speaks as a body
        body = speaker.pos_ == "NOUN" and speaker.lemma_.lower() in coref.STATE_NOUNS
        person = not body and all(r.kind == "person" for r in refs)
        fits = {
            "they": plural or not person,
            "it": not plural and not person,
            "he": not plural,
            "she": not plural,
        }[low]
        return refs if fits else []

    def _speaking_for(
        self, actors: SentenceActors, verb: Token, subj: Token, sources: list[ActorRef]
    ) -> list[ActorRef]:
        """ "Prime Minister Holness announced that the government will extend the curfew",
        "Putin said his country will not lift the ban": a bare "the government" or "his
        country" in a clause a named person reports or promises is the speaker's own; the
        speaker, who names it (and its country, which the bare noun may not), is who acts.
        Not when the noun is named ("the Iraqi government") or is another country's."""
        # (a capitalised "the Government" is tagged a proper noun; it is still the bare noun)
        if subj.pos_ not in ("NOUN", "PROPN") or subj.lemma_.lower() not in coref.STATE_NOUNS:
            return []
        if any(c.dep_ not in ("det", "poss") or (c.dep_ == "poss" and c.pos_ != "PRON") for c in subj.lefts):
            return []
        speaker = self._reporting_speaker(verb)
        if speaker is None:
            return []
        refs = [r for r in self.refs(actors, speaker) if r.kind == "person"]
        if len(refs) != 1:
            return []
        country = refs[0].actor(None).country
        own = all(r.entity is None or r.actor(None).country in (country, None) for r in sources)
        return refs if own else []

    def _reporting_speaker(self, verb: Token, through_copula: bool = False) -> Token | None:
        """The named subject of the reporting or promising verb (a SPEAKER_OPERATORS operator)
        whose clause `verb` heads ("the rebels said they would ...": the rebels), or None;
        `through_copula` also looks past "is" ("said it is skeptical")."""
        for head, dep in cl.governors(verb):
            if dep == "conj" or (through_copula and dep == "acomp" and head.lemma_ == "be"):
                continue
            if dep not in ("ccomp", "xcomp") or head.pos_ not in ("VERB", "AUX"):
                return None
            op = self.lex.operator(head.lemma_.lower(), set(cl.preps_of(head)))
            if op is None or op.kind not in SPEAKER_OPERATORS:
                return None
            speaker, how = cl.subject_of(head)
            if speaker is None or how != "nsubj" or speaker.pos_ == "PRON":
                return None
            return speaker
        return None

    def _event_subject(self, actors: SentenceActors, subj: Token) -> tuple[list[ActorRef], NounEntry] | None:
        entry = self.event_entry(subj)
        if entry is None:
            return None
        owners = [r for c in subj.children if c.dep_ == "poss" for r in self.refs(actors, c)]
        owners = owners or self.modifier_refs(actors, subj)
        owners = owners or [r for t in cl.preps_of(subj).get("by", []) for r in self.refs(actors, t)]
        owners = [r for r in owners if r.entity is not None]
        if not owners:
            return None
        return [self._as_argument(owners[0], subj)] if len(owners) == 1 else owners, entry

    def _withdrawn_peacekeepers(self, verb: Token, code: str) -> bool:
        """ "UN peacekeepers were shipped out of the enclave": the agentless passive of a
        withdrawal of peacekeepers (1661) has the leaving force, and so its owner, as the doer, as
        a retreat's has (FORCE_MOVE_CODES); an expulsion's passive is the host state's act."""
        return code in WITHDRAWN_FORCE_CODES and verb.lemma_.lower() in WITHDRAWAL_LEMMAS

    def _announced_protest(self, verb: Token, code: str) -> bool:
        """ "the party said it will boycott the elections", "students vowed to hold a rally": a
        protest or boycott its doer announces is a threat of dissent (CAMEO 133, PLOVER THREATEN),
        not an intent to cooperate (030). Only the doer's own announcement: the act's own "will" or
        an intent/threat verb it is the complement of; "Ghana will allow the opposition to hold
        its rally" promises nothing of the opposition's."""
        if code[:2] not in ANNOUNCED_PROTEST_ROOTS:
            return False
        if cl.tense_modality(verb) in ("future", "conditional"):
            return True
        if verb.dep_ != "xcomp":
            return False
        op = self.lex.operator(verb.head.lemma_.lower(), set(cl.preps_of(verb.head)))
        return op is not None and op.kind in ("intend", "threaten")

    def _claims_own_deed(
        self, actors: SentenceActors, mod: _Modality, code: str, sources: list[ActorRef]
    ) -> bool:
        """Is the act an attack (TOLL_ROOTS) its own doer is said to claim, not a claim denied
        or one made of someone else ("Hamas claimed Israel had struck a school")?"""
        if mod.claimer is None or mod.transform is not None or mod.negated or code[:2] not in TOLL_ROOTS:
            return False
        claimant, how = cl.subject_of(mod.claimer)
        if claimant is None or how != "nsubj":
            return False
        # (an unknown claimant is the same mention the speaker pronoun was taken back to)
        claimants = self.refs(actors, claimant)
        return any(
            r.same_actor(x) or (r.start, r.end) == (x.start, x.end) for r in claimants for x in sources
        )

    def _purpose_class(self, verb: Token) -> str | None:
        """ "... working with Afghanistan to develop its mining sector" -> ECONOMIC."""
        clauses = [c for c in verb.children if c.dep_ in ("xcomp", "advcl")]
        clauses += [g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pcomp"]
        for c in clauses:
            if any(a.lower_ == "to" for a in c.children if a.dep_ == "aux"):
                for t in c.subtree:
                    if t.pos_ in ("NOUN", "PROPN"):
                        heads, mods = self.noun_forms(t)
                        words = heads + mods
                        for cls in ("ECONOMIC", "MILITARY"):
                            if self.lex.in_class(cls, words):
                                return cls
        return None

    def _verb_event(
        self,
        span: Span,
        actors: SentenceActors,
        verb: Token,
        pattern: VerbPattern,
        content: Token | None,
        code: str,
        rule: str,
        suppressed: set[int],
        lenient: bool = False,
        dropped: list[int] | None = None,
    ) -> list[Draft]:
        """`dropped` (when given) collects the verb if a strict pass drops its event where a
        lenient one would keep it."""

        def strict_drop() -> list[Draft]:
            if dropped is not None:
                dropped.append(verb.i)
            return []

        notes: list[str] = []
        subj, how = cl.subject_of(verb)
        if how == "passive-no-agent":
            op = self.lex.operator(verb.lemma_.lower(), set(cl.preps_of(verb)))
            deps = (*cl.PASSIVE_SUBJECT_DEPS, *cl.SUBJECT_DEPS)
            surface = cl.first_child(verb, *deps) or next(
                (s for a in cl.auxiliaries(verb) if (s := cl.first_child(a, *deps)) is not None), None
            )
            stative = verb.lemma_.lower() in STATIVE_TO_PASSIVES and pattern.prep == "to"
            moved = (
                surface is not None
                and (code in FORCE_MOVE_CODES or self._withdrawn_peacekeepers(verb, code))
                and self._is_force(surface)
            )
            moved = moved or (surface is not None and self._disarmed_force(actors, surface, code))
            if surface is not None and (stative or moved or (op is not None and op.kind == "intend")):
                # "the government is committed to opening ...": a stative passive whose subject
                # is the one who commits; "Israel is opposed to French mediation": the one who
                # opposes; "peacekeepers were withdrawn from X": the force that leaves
                subj, how = cl.relative_head(surface), "nsubj"
        sources = self.refs(actors, subj) if subj is not None else []
        if how == "nsubj":
            sources = [_before_participle(actors, r) for r in sources]
        if code == "042" and subj is not None and verb.lemma_.lower() in ARRIVAL_LEMMAS:
            code, rule, sources = self._arriving_forces(actors, subj, code, rule, sources, notes)
        if code == "190" and how == "nsubj" and self._mass_killing(verb, subj):
            code, rule = MASS_KILLING_CODE, f"{rule} + mass toll->{MASS_KILLING_CODE}"
            notes.append("a large toll of civilians killed: a mass killing")
        if not sources and how == "modified-noun" and subj is not None:
            sources = self._document_author(actors, subj)
            if sources:
                notes.append(f"source: the author of the {subj.lower_}")
        if not sources and how == "modified-noun" and subj is not None:
            # "sent teams into Libya in a rush to investigate ...": an infinitive told as the
            # purpose phrase of another verb is done by that verb's subject
            main = purpose_phrase_verb(verb)
            doer = cl.subject_of(main)[0] if main is not None else None
            sources = self.refs(actors, doer) if doer is not None else []
            if sources:
                notes.append("source: the doer of the act it is the purpose of")
        owned_plan = None  # a plan whose owner is the source (its content is their intent)
        if not sources and how == "modified-noun" and subj is not None:
            sources = self._plan_owner(actors, subj)
            if sources:
                owned_plan = subj
                notes.append(f"source: the owner of the {subj.lower_}")
        if not sources and how == "passive-no-agent" and code in EXPULSION_CODES:
            sources = [
                r
                for t in cl.preps_of(verb).get("from", [])
                for r in self.refs(actors, t)
                if r.entity is not None and r.entity.kind == "state"
            ]
            if sources:
                notes.append("source: the state they were expelled from")
        if not sources and subj is not None and subj.pos_ == "PRON":
            sources = self._speaker_pronoun(actors, verb, subj)
            if sources:
                notes.append("pronoun subject: the speaker of the clause it is reported in")
        if sources and subj is not None and how == "nsubj":
            speaking = self._speaking_for(actors, verb, subj, sources)
            if speaking:
                sources = speaking
                notes.append("the speaker's own government or country: the speaker")
        if not sources and subj is not None and how == "nsubj":
            # "U.S. airstrikes killed ...", "A car bombing by the Islamic State killed ...": the
            # subject is an event; its owner acted, and the event noun says how.
            owned = self._event_subject(actors, subj)
            if owned is not None:
                sources, entry = owned
                if entry.code[:2] in ("18", "19", "20") and code[:2] in ("18", "19", "20"):
                    code, rule = entry.code, f"{rule} + subject {entry.rule}"
                notes.append("the subject is an event; its owner is the source")
        act = subj if subj is not None else cl.first_child(verb, "nsubjpass")
        joint_phrase = None  # the phrase naming a joint act's parties, when they are its doers
        if not sources and act is not None and act.dep_ in ("nsubj", "nsubjpass"):
            # "Cooperation between Manila and Washington was strengthened": a joint act no one
            # owns is its parties'
            joint = self.event_entry(act)
            if joint is not None and joint.code[:2] in JOINT_ROOTS:
                sources = self._joint_first_party(actors, act)
                if sources:
                    joint_phrase = sources[0]
                    notes.append("the subject is a joint act; its first party is the source")
        if pattern.roles == "swap":
            givers: list[ActorRef] = []
            preps = cl.preps_of(verb)
            for p in ("from", "by", "to"):
                for t in preps.get(p, []) + (cl.preps_of(content).get(p, []) if content is not None else []):
                    givers = self.refs(actors, t)
                    if givers:
                        break
                if givers:
                    break
            if not givers or not sources:
                if not lenient:
                    return strict_drop()
                notes.append("giver or receiver not found")
            sources, targets, thow = givers, sources, "swap"
        else:
            if not sources and how == "passive-no-agent":
                sources = self.communication_author(actors, verb)
                if sources:
                    notes.append("source from the document that made the statement")
            # "were killed", "were killed by a roadside bomb", "a suicide attack killed eight
            # people": the doer is unnamed or is a weapon or an act nobody is said to own.
            unowned = how == "passive-no-agent" or (
                how in ("nsubj", "passive-agent")
                and subj is not None
                and verb.dep_ not in ("relcl", "acl")  # "an attack that killed ...": told as background
                and self._unowned_deed(actors, subj)
            )
            if how == "modified-noun" and subj is not None and not sources:
                # "an attempt to assassinate the judge was thwarted": a bid no one is said to own
                # (operators.tsv's attempt words, as nouns) is a deed without a named doer
                op = self.lex.operator(subj.lemma_.lower(), set())
                infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
                # only as its clause's subject: "rebels made an attempt to ..." is the rebels'
                unowned = unowned or (
                    infinitive
                    and op is not None
                    and op.kind == "attempt"
                    and subj.dep_ in ("nsubj", "nsubjpass")
                    and not actors.at(subj)
                )
            agentless = not sources and unowned and (code[:2] in AGENTLESS_ROOTS or code in AGENTLESS_CODES)
            if agentless and self._held_state(verb, code):
                agentless = False
            if not sources and not lenient and not agentless:
                return strict_drop()
            if not sources:
                notes.append("no source found")
            targets, thow = self.find_target(actors, verb, pattern, content, sources, code)
            if not targets:
                sources, targets, thow = self._guessed_country_target(
                    actors, verb, pattern, content, sources, code, targets, thow
                )
            targets, thow = self._mission_hosts(actors, targets, thow, sources, code)
            targets = _into_joint_phrase(targets, joint_phrase)
            if not targets:
                targets, thow = self._purpose_target(actors, verb, how, sources)
            if not targets and code in TOPIC_CODES:
                targets, thow = self._comment_topic(actors, verb, content, sources)
            if pattern.roles == "recipient" and not any(
                t.entity is not None or t.sector is not None or t.kind == "person" for t in targets
            ):
                return []  # "allowing the resolution to pass": letting a thing happen is no concession
            if agentless and not lenient and not targets:
                return strict_drop()  # "were killed in a bombing" with no one named on either side
        mod = self.modality(verb)
        if owned_plan is not None:
            self._owned_plan_intent(mod, owned_plan)
        anchor = verb
        attribution = None
        if mod.attribution_tok is not None:
            s, _ = cl.subject_of(mod.attribution_tok)
            att = self.refs(actors, s, expand=False) if s is not None else []
            attribution = att[0] if att else None
            suppressed.add(mod.attribution_tok.i)
        # "Russia said Sudan must return the helicopter": the speaker demands it of the subject.
        if (
            mod.obligation
            and mod.transform is None
            and mod.attribution_tok is not None
            and attribution is not None
            and sources
            and not any(attribution.same_actor(x) for x in sources)
        ):
            mod.transform = ("demand", mod.attribution_tok)
            notes.append("an obligation stated by someone else is a demand")
        elif mod.obligation:
            mod.hypothetical = True
        if self._claims_own_deed(actors, mod, code, sources):
            # "the army claimed that it had attacked two rebel camps": a doer claiming its own
            # attack claims responsibility for it (CAMEO 015), aimed at what the deed struck
            code, rule = CLAIMED_DEED_CODE, f"claim:{mod.claimer.lemma_} + {rule}"
            notes.append("a doer's claim of its own attack: claims responsibility")
        # Operators that change the event: intent, threats, appeals, demands, refusals.
        if mod.transform is not None:
            kind, op = mod.transform
            if kind == "intend" and self._other_doer(verb, op, subj, how):
                kind = "appeal"  # "we expect regional countries to engage": asking them, not promising
            if kind in ("appeal", "demand"):
                asker, _ = cl.subject_of(op)
                askers = self.refs(actors, asker) if asker is not None else []
                # Who is asked: the operator's object, its "on/upon/to" phrase, else the subject of
                # what is asked ("we expect regional countries to engage"; "Sudan must return").
                controllers = [c for c in op.children if c.dep_ in cl.OBJECT_DEPS]
                preps = cl.preps_of(op)
                controllers += [o for p in ("on", "upon", "to") for o in preps.get(p, [])]
                asked = next((r for r in (self.refs(actors, c) for c in controllers) if r), [])
                if not asked:
                    asked = self._asked_in_place(actors, controllers, askers)
                if not asked and subj is not None and how in ("nsubj", "adj-nsubj", "control-nsubj"):
                    asked = self.refs(actors, subj)
                if not askers and not lenient:
                    return strict_drop()
                if mod.inner_negated or mod.negated:
                    inner_root = code[:2]
                    if inner_root >= "14":
                        code = self.lex.recode("087", kind)
                    else:
                        code = "0242" if kind == "appeal" else "1042"
                    notes.append("asks to stop or not to do something")
                else:
                    if kind == "appeal" and targets and code.startswith(CALLED_AGAINST_CODES):
                        asked = []  # see CALLED_AGAINST_CODES: the protest's own target stands
                    code = self.lex.recode(code, kind)
                rule = f"{kind}:{op.lemma_} + {rule}"
                suppressed.add(op.i)
                if mod.refuser is not None:
                    suppressed.add(mod.refuser.i)
                sources, targets, thow = askers, asked or targets, "asked-party" if asked else thow
                targets = [t for t in targets if not any(t.same_actor(x) for x in sources)]
                mod.negated = cl.is_negated(op)
                mod.inner_negated = False
                mod.intended = False
                anchor = op
            elif kind == "reject":
                refusers_tok, _ = cl.subject_of(op)
                refusers = self.refs(actors, refusers_tok) if refusers_tok is not None else sources
                code = self.lex.recode(code, "reject")
                rule = f"reject:{op.lemma_} + {rule}"
                suppressed.add(op.i)
                sources = refusers or sources
                answered = self._answered_askers(actors, op, sources)
                if answered and (not targets or thow.startswith("place")):
                    targets, thow = answered, "answered-appeal"
                if not targets:
                    targets, thow = self._pressers(actors, (verb, op), sources), "despite-pressure"
                mod.intended = False
                anchor = op
            elif kind == "threaten":
                code = self.lex.recode(code, "threaten")
                rule = f"threaten:{op.lemma_} + {rule}"
                suppressed.add(op.i)
                anchor = op
            else:
                mod.intended = True
                if op.lemma_.lower() in OFFER_LEMMAS and code[:2] == "15":
                    # "offered to send 500 troops to the UN mission": forces offered to someone
                    # are protection (074, intended: 0334), not a show of force against them
                    code = "074"
                    notes.append("forces offered are protection")
                elif (
                    op.lemma_.lower() == "prepare"
                    and op.pos_ == "VERB"
                    and code[:2] in ("18", "19", "20")
                    and not _conditional(op)
                    and not mod.negated
                ):
                    # "the army prepared to resume shelling": getting ready to strike is a
                    # military preparation carried out (152), not a promise or a threat
                    code = "152"
                    mod.intended = False
                    notes.append("preparing to attack is raising military readiness")
                rule = f"intend:{op.lemma_} + {rule}"
                suppressed.add(op.i)
        # Working together for an economic or military purpose is material cooperation.
        if code in ("050", "060"):
            purpose = self._purpose_class(verb)
            if purpose:
                code = {"ECONOMIC": "061", "MILITARY": "062"}[purpose]
                notes.append(f"{purpose.lower()} purpose")
        failed_diplomacy = False  # the parties of a failed joint act still face each other
        if (
            mod.inner_negated
            and mod.transform is None
            and mod.negator is not None
            and not mod.negated
            and not cl.is_negated(mod.negator)
            and code[:2] in FAILED_DIPLOMACY_ROOTS
        ):
            # "the two sides failed to reach agreement", "stopped short of signing the accord":
            # see FAILED_DIPLOMACY_ROOTS
            code = self.lex.recode(code, "reject")
            rule = f"reject:{mod.negator.lemma_} + {rule}"
            suppressed.add(mod.negator.i)
            mod.inner_negated = False
            failed_diplomacy = True
            notes.append("a diplomatic act that failed is a rejection")
        if mod.inner_negated and mod.transform is None:
            mod.negated = True
        if (
            mod.intended
            and mod.negated
            and mod.transform is None
            and not mod.hypothetical
            and code[:2] in COOPERATIVE_ACTS
        ):
            # "will not lift the ban", "won't accept more refugees": announcing that one will not
            # cooperate is a refusal (12x), not an intent that did not happen.
            code = self.lex.recode(code, "reject")
            rule = f"reject:will-not + {rule}"
            mod.intended = mod.negated = False
            notes.append("a cooperative act announced as not going to happen is a refusal")
        if (
            mod.hypothetical
            and mod.transform is None
            and not mod.negated
            and code[:2] in THREAT_ROOTS
            and any(a.lower_ in ("may", "might") for a in cl.auxiliaries(verb))
            and _conditional(verb)
        ):
            # "the EC may halt its mediation if cooperation founders": a conflictual act held
            # out on a condition is a threat (13x), not a mere possibility ("could" is left
            # alone: it is mostly others' speculation)
            code = self.lex.recode(code, "threaten")
            rule = f"threaten:may-if + {rule}"
            mod.hypothetical = False
            notes.append("a conflictual act held out on a condition is a threat")
        elif mod.intended and code[:2] not in ("01", "02", "03", "09", "10", "11", "12", "13"):
            code = self.lex.recode(code, "threaten" if self._announced_protest(verb, code) else "intend")
        joint = code in EXERCISE_CODES and len({s.entity_id for s in sources if s.entity is not None}) >= 2
        if joint:
            # "French and Egyptian warships launched war games": exercises held together are
            # joint exercises, military cooperation (062; PLOVER: single-country ones MOBILIZE)
            code = "062"
            notes.append("exercises of two or more countries are joint")
        modality = "asserted"
        if mod.hypothetical:
            modality = "hypothetical"
        elif mod.reported:
            modality = "reported"
        elif mod.intended:
            modality = "intended"
        mutual = self._each_other(verb)
        # "Russia and Ukraine swapped hundreds of prisoners": people of no named country that a
        # joint act is done with are what the parties exchange, not a third party
        unplaced = all(t.entity is None and t.kind != "person" for t in targets)
        # "Trump and Putin agreed to share information on North Korea": what the thing shared or
        # agreed is about is its topic, not a third party the parties act towards
        unplaced = unplaced or thow in TOPIC_HOWS
        # "Bahrain, Kuwait and the UAE agreed to lift a ban on imports of Egyptian products": a
        # measure eased together is eased on what it held, not by the parties towards each other
        unplaced = unplaced and not (thow == "thing-acted-on" and code[:2] not in MATERIAL_ROOTS)
        parties = _joint_parties(verb.doc, sources)
        reciprocal = (
            unplaced
            and len({p.entity_id or p.head for p in parties}) >= 2
            and (code[:2] in RECIPROCAL_ROOTS or mutual or failed_diplomacy)
            and (
                joint  # "the war game was staged by U.S. and Jordanian forces"
                or (
                    # "X and Y agreed to start talks"; a conjoined verb shares the parties
                    # ("agreed to restore contacts and to cooperate on ...")
                    how.removeprefix("conj-") in ("nsubj", "control-nsubj", "pcomp-copula-nsubj")
                    and not cl.is_passive(verb)
                )
            )
        )
        if reciprocal:
            # "Greece and Turkey agreed to resume talks": the parties act towards each other; one
            # event per pair, the first named as the source.
            targets, thow = parties, "reciprocal"
            # each party's mention is the phrase naming the parties ("Canada and Costa Rica"):
            # in a joint act both are source and target at once
            lo, hi = min(s.start for s in targets), max(s.end for s in targets)
            targets = [replace(s, start=lo, end=hi) for s in targets]
            sources = list(targets)  # (unknown parties too: not collapsed away as generic doers)
        if not lenient:
            if not targets and code[:2] not in TARGETLESS_ROOTS and not self._may_lack_target(code):
                return strict_drop()
            if code in SPEECH_CODES and (
                not any(t.entity is not None for t in targets) or verb.lemma_.lower() not in SPEECH_LEMMAS
            ):
                # "X said ..." with nothing said to or about an actor is not worth an event
                return strict_drop()
        if thow == "swap":
            notes.append("roles swapped: the subject received it")
        confidence = self._confidence(pattern, sources, targets, modality, mod) * cl.salience(anchor)
        out = []
        trig_end = verb.i + 1
        # A list of recipients names each one ("sanctions on X, Y and Z", "released the soldiers
        # and policemen"), known to the knowledge base or not: one event per recipient.
        named_doers: list[ActorRef] = []  # unknown doers kept as named members of a list
        if not reciprocal:
            sources = _collapse_generic(verb.doc, sources)
            named_doers = [s for s in sources[1:] if s.entity is None and _named_doer(verb.doc, s)]
            targets = _outermost(targets)
        for si, s in enumerate(sources[:MAX_ARGS] or [None]):
            for ti, t in enumerate(targets[:MAX_ARGS] or [None]):
                if (
                    t is not None
                    and s is not None
                    and s.same_actor(t)
                    and not t.rule.startswith("place(")
                    and not other_party(t, s)
                ):
                    continue  # (a place of the doer's own country is where it acts, not the doer)
                if reciprocal and ti <= si and not (mutual and ti != si):
                    continue
                out.append(
                    Draft(
                        trigger=verb,
                        trigger_end=trig_end,
                        code=code,
                        rule=rule,
                        source=s,
                        target=t,
                        negated=mod.negated,
                        modality=modality,
                        attribution=attribution,
                        confidence=confidence
                        * ((s.score if s else 0.4) ** 0.5)
                        * ((t.score if t else NO_TARGET_SCORE) ** 0.5),
                        notes=notes
                        + mod.notes
                        + ([f"target via {thow}"] if t is not None else ["no target found"])
                        + (
                            ["a named member of a list of doers: a doer of its own"]
                            if s in named_doers
                            else []
                        ),
                        anchor=anchor,
                        background=mod.background,
                    )
                )
        return out

    def _arriving_forces(
        self,
        actors: SentenceActors,
        subj: Token,
        code: str,
        rule: str,
        sources: list[ActorRef],
        notes: list[str],
    ) -> tuple[str, str, list[ActorRef]]:
        """ "NATO peacekeeping troops arrived in Bosnia", "the first batch of Russian troops
        arrived in Syria": forces that arrive are not visitors. Peacekeepers arriving is
        peacekeeping provided (074), troops arriving a deployment (154); the forces' owner acts."""
        force = next(iter(self._collective_members(subj)), subj)
        heads, mods = self.noun_forms(force)
        forms = heads + tuple(f"{m} {h}" for m in mods for h in heads)
        if self.lex.in_class("PEACEKEEPERS", forms):
            new = "074"
        elif self.lex.in_class("TROOPS", heads):
            new = "154"
            # "troops arrived in Nepal to help deliver aid": forces sent to help are aid
            verb = subj.head
            for purpose in verb.children if verb.pos_ in ("VERB", "AUX") else ():
                if purpose.dep_ == "advcl" and any(
                    c.dep_ == "aux" and c.lower_ == "to" for c in purpose.children
                ):
                    matched = self.match_verb(purpose)
                    if matched is not None and matched[0].code[:2] == "07":
                        new = matched[0].code
        else:
            return code, rule, sources
        notes.append("forces arriving are sent, not visiting")
        return new, f"{rule} + forces arrive->{new}", sources or self.refs(actors, force)

    @staticmethod
    def _may_lack_target(code: str) -> bool:
        """An event may stand without a recipient unless PLOVER says its type needs one (AID,
        COOPERATE, SANCTION): "Syrian jets struck Idlib" and "the rebels rejected the plan" are
        events even when the parse names no target; they are marked and get lower confidence."""
        return not tables.requires_recipient(code) and code[:2] != "01"

    @staticmethod
    def _confidence(
        pattern: VerbPattern, sources: list[ActorRef], targets: list[ActorRef], modality: str, mod: _Modality
    ) -> float:
        c = 0.6 + 0.08 * min(pattern.specificity, 4.0)
        if modality == "hypothetical":
            c *= 0.6
        elif modality == "reported":
            c *= 0.85
        if mod.attempted:
            c *= 0.8
        if not targets:
            c *= 0.85
        if all(s.generic for s in sources):
            c *= 0.7
        return min(c, 0.97)

    def _noun_events(
        self, span: Span, actors: SentenceActors, consumed: set[int], verb_triggers: set[int]
    ) -> list[Draft]:
        out = []
        for tok in span:
            if tok.i in consumed or tok.pos_ not in ("NOUN", "PROPN") or tok.i in verb_triggers:
                continue
            if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.i in verb_triggers:
                continue  # "U.S. airstrikes killed ...": coded with the verb
            if (
                tok.dep_ == "compound"
                and tok.head.lemma_.lower() in IRREALIS_NOUNS
                and tok.head.pos_ == "NOUN"
            ):
                continue  # "the mission deployment plan": a plan for an act, not the act
            entry = self.event_entry(tok)
            if entry is None or not entry.alone:
                continue
            if self._actor_kind_modifier(actors, tok):
                continue
            # Who owns the event: a possessor, an actor adjective or compound, or a by-phrase.
            sources: list[ActorRef] = []
            for c in tok.children:
                if c.dep_ == "poss":
                    sources = self.refs(actors, c)
            if not sources:
                sources = self.modifier_refs(actors, tok, owner=True)
            if not sources:
                for t in cl.preps_of(tok).get("by", []):
                    sources = self.refs(actors, t)
            named_culprits = False
            if not sources:
                culprit = self._culpable_of(tok)
                if culprit is not None:
                    sources = self.refs(actors, culprit)
                    # the subject of "are responsible for" is named as the doer: a group or
                    # person the knowledge base does not know is still the doer ("Kony and the
                    # LRA are responsible for mass killings")
                    named_culprits = True
            forces = False
            if not sources and entry.via:
                # "the deployment of 300 Egyptian troops to Somalia": whose forces move is who acts
                forces_of = [t for t in cl.preps_of(tok).get("of", []) if self._is_force(t)]
                sources = [r for t in forces_of for r in self.refs(actors, t)]
                forces = bool(sources)
            sources = [
                s
                for s in sources
                if s.entity is not None or (named_culprits and (s.sector is not None or s.kind != "agent"))
            ]
            joint_phrase = None  # the phrase naming a joint act's parties, when they are its doers
            if not sources and entry.code[:2] in JOINT_ROOTS:
                sources = self._joint_first_party(actors, tok)
                joint_phrase = sources[0] if sources else None
            victims = self._died_of(actors, tok) if not sources and entry.code[:2] in AGENTLESS_ROOTS else []
            if not sources and not victims:
                continue
            src_ids = {(s.entity_id, s.sector) for s in sources}
            targets: list[ActorRef] = list(victims)
            nested = cl.preps_of(tok)
            for p in NOUN_TARGET_PREPS:
                for t in nested.get(p, []):
                    targets = [r for r in self.refs(actors, t) if (r.entity_id, r.sector) not in src_ids]
                    if targets:
                        break
                if targets:
                    break
            if not targets and not forces and (entry.via or self._nominal(tok)):
                # "Peru's release of Chilean fishermen": what a nominalised act is done to
                for t in nested.get("of", []):
                    if not self._sent_force(actors, t):
                        targets = [r for r in self.refs(actors, t) if (r.entity_id, r.sector) not in src_ids]
            if not targets:
                for t in nested.get("of", []):
                    inner = cl.preps_of(t)
                    for p in NOUN_TARGET_PREPS:
                        for u in inner.get(p, []):
                            targets = [
                                r for r in self.refs(actors, u) if (r.entity_id, r.sector) not in src_ids
                            ]
                            if targets:
                                break
                        if targets:
                            break
            if not targets and entry.code[:2] == "14":
                targets = [
                    r for r in self.grievance_refs(actors, tok) if (r.entity_id, r.sector) not in src_ids
                ]
            if (
                not targets
                and entry.code[:2] not in TARGETLESS_ROOTS
                and not self._may_lack_target(entry.code)
            ):
                continue
            mod = self.modality(tok)
            clause = self._clause_verb(tok)
            # "protested against Russia's refusal", "condemned Israel's strikes": an act named as
            # the topic, cause or occasion of another coded act is not what the sentence reports
            subordinate = clause is not None and clause.i in verb_triggers
            if clause is not None:
                # "... unless Israel rescinded its annexation": the clause's condition or time
                # holds for the acts named inside it.
                around = self.modality(clause)
                mod.hypothetical = mod.hypothetical or around.hypothetical
                mod.background = mod.background or around.background
                mod.notes += around.notes
            modality = (
                "hypothetical"
                if mod.hypothetical
                else "reported"
                if mod.reported
                else "intended"
                if mod.intended
                else "asserted"
            )
            code = entry.code
            if modality == "intended" and code[:2] not in ("01", "02", "03", "09", "10", "11", "12", "13"):
                code = self.lex.recode(code, "intend")
            targets = _into_joint_phrase(targets, joint_phrase)
            for s in sources[:MAX_ARGS] or [None]:
                for t in targets[:MAX_ARGS] or [None]:
                    if t is not None and s is not None and s.same_actor(t):
                        continue
                    out.append(
                        Draft(
                            trigger=tok,
                            trigger_end=tok.i + 1,
                            code=code,
                            rule=entry.rule,
                            source=s,
                            target=t,
                            negated=mod.negated or cl.is_negated(tok),
                            modality=modality,
                            confidence=0.6
                            * (0.6 if modality == "hypothetical" else 1.0)
                            # (as a verb's: an act named by a noun with no recipient does not
                            # outweigh the clause's own act)
                            * (1.0 if t else NO_TARGET_SCORE)
                            * cl.salience(tok)
                            * (SUBORDINATE_NOUN_WEIGHT if subordinate else 1.0),
                            notes=["nominal trigger"]
                            + (["a joint act: done by the parties it is between"] if joint_phrase else []),
                            anchor=tok,
                            background=mod.background,
                        )
                    )
        return out

    def _mass_killing(self, verb: Token, subj: Token | None) -> bool:
        """ "Jihadist fighters killed scores of civilians", "gunmen killed some 1,200 people":
        CAMEO codes the killing of a large number of civilians as a mass killing (202), not as
        conventional force. The doer must be named as people: "air strikes killed hundreds" or
        "a bomb killed 100 people" name an attack or a weapon, whose own code says how."""
        if subj is None or not self.lex.in_class("KILLING", (verb.lemma_.lower(),)):
            return False
        heads, _ = self.noun_forms(subj)
        if self.event_entry(subj) is not None or any(
            self.lex.in_class(c, heads) for c in ("WEAPONS", "BOMBING")
        ):
            return False
        obj = cl.first_child(verb, "dobj")
        if obj is None:
            return False
        victims = self._through_quantity(obj)
        if not self.lex.in_class("NONCOMBATANTS", self.noun_forms(victims)[0]):
            return False
        counts = [obj] + [c for t in (obj, victims) for c in t.children if c.dep_ == "nummod"]
        for c in counts:
            if self.lex.in_class("MASSTOLL", (c.lemma_.lower(), c.lower_)):
                return True
            number = c.text.replace(",", "")
            if c.like_num and number.isdigit() and int(number) >= MASS_TOLL:
                return True
            if any(m.lower_ in ("hundred", "thousand", "hundreds", "thousands") for m in c.children):
                return True
        return False

    @staticmethod
    def _held_state(verb: Token, code: str) -> bool:
        """ "release the dual nationals [held in Evin prison]", "activists [jailed last year]": a
        detention told as a participle of a noun, with no one said to have done it, says where
        they are, not that anyone detained them (CAMEO 173, arrest or detain). A measure imposed
        ("the curfew imposed in Sudan") is still one."""
        return (
            verb.dep_ == "acl"
            and verb.tag_ == "VBN"
            and code == DETENTION_CODE
            and not cl.first_child(verb, "agent")
        )

    @staticmethod
    def _actor_kind_modifier(actors: SentenceActors, tok: Token) -> bool:
        """ "Belarusian riot police", "protest leaders", "aid workers": an event noun that
        modifies an actor noun says what kind of actor it is (the police's unit, the leaders'
        cause); it reports no act of its own."""
        head = tok.head
        return (
            tok.dep_ == "compound"
            and head.i > tok.i
            and head.pos_ in ("NOUN", "PROPN")
            and bool(actors.at(head))
        )

    def _joint_first_party(self, actors: SentenceActors, noun: Token) -> list[ActorRef]:
        """ "The summit between the EU and Turkey", "talks between Russia and Ukraine": a joint
        act no one owns is done by the parties it is between; coded once, the first party
        acting on the others (the "between" phrase gives the targets), as "X met Y" is."""
        parties = [r for t in cl.preps_of(noun).get("between", []) for r in self.refs(actors, t)]
        if len(parties) < 2 or any(r.entity is None for r in parties):
            return []
        # its mention is the phrase naming the parties ("the EU and Turkey"), as in "X and Y met"
        lo, hi = min(r.start for r in parties), max(r.end for r in parties)
        return [replace(parties[0], start=lo, end=hi)]

    def _copular_agents(self, span: Span, actors: SentenceActors) -> list[Draft]:
        """ "The United States remains the largest donor of humanitarian assistance in Iraq",
        "Germany is one of the largest bilateral donors": a copula saying its subject is the
        doer of an act (an agent noun of agent_nouns.tsv) reports the subject's act."""
        out: list[Draft] = []
        for tok in span:
            if tok.pos_ != "NOUN" or tok.lemma_.lower() not in AGENT_NOUNS:
                continue
            attr = tok
            if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ in ("NUM", "PRON"):
                attr = tok.head.head  # "one of the largest donors"
            if attr.dep_ != "attr" or attr.head.lemma_.lower() not in COPULAS:
                continue
            subj = cl.first_child(attr.head, "nsubj")
            sources = [r for r in self.refs(actors, subj) if r.entity is not None] if subj is not None else []
            if not sources:
                continue
            verb, code = AGENT_NOUNS[tok.lemma_.lower()]
            preps = cl.preps_of(tok)
            objs = preps.get("of", [])
            matched = self._match_patterns(
                self.lex.verbs.get(verb, []), preps, objs[0] if objs else None, need_object=True
            )
            if matched is not None and matched[0].code not in ("-", "="):
                code = matched[0].code
            targets: list[ActorRef] = []
            for holder in [tok, *objs]:
                for p in AGENT_NOUN_TARGET_PREPS:
                    for t in cl.preps_of(holder).get(p, []):
                        targets = targets or [r for r in self.refs(actors, t) if not r.same_actor(sources[0])]
            mod = self.modality(attr.head)
            for s in sources[:MAX_ARGS]:
                for t in targets[:MAX_ARGS] or [None]:
                    out.append(
                        Draft(
                            trigger=tok,
                            trigger_end=tok.i + 1,
                            code=code,
                            rule=f"agent-noun:{tok.lemma_.lower()}->{code} (agent_nouns.tsv)",
                            source=s,
                            target=t,
                            negated=mod.negated or cl.is_negated(attr.head),
                            modality="hypothetical" if mod.hypothetical else "asserted",
                            confidence=0.5 * (1.0 if t else 0.85) * cl.salience(attr.head),
                            notes=["the copula's subject is the doer the agent noun names"],
                            anchor=attr.head,
                            background=mod.background,
                        )
                    )
        return out

    def _died_of(self, actors: SentenceActors, tok: Token) -> list[ActorRef]:
        """ "A prisoner died after torture", "two civilians died in an airstrike", "died as a
        result of the torture": who died (a DYING verb of classes.tsv) of an act no one is
        said to own is its victim, as the subject of "was tortured" is (the act has no source)."""
        cur = tok
        for _ in range(5):
            if cur.dep_ not in ("pobj", "pcomp", "prep") or cur.head.i == cur.i:
                return []
            cur = cur.head
            if cur.pos_ in ("VERB", "AUX"):
                break
        else:
            return []
        if cur.pos_ not in ("VERB", "AUX") or cl.is_negated(cur):
            return []
        if not self.lex.in_class("DYING", (cur.lemma_.lower(), cur.lower_)):
            return []
        subj, how = cl.subject_of(cur)
        return self.refs(actors, subj) if subj is not None and how in ("nsubj", "conj-nsubj") else []

    def _stated_obligations(self, span: Span, actors: SentenceActors, drafts: list[Draft]) -> list[Draft]:
        """ "HRW said Sudanese authorities must ensure security": a speaker saying that another
        actor must or should act makes a demand of it (100) even when the act itself codes
        nothing; acts that code something are turned into demands where they are coded."""
        coded = {d.trigger.i for d in drafts} | {d.anchor.i for d in drafts if d.anchor is not None}
        out = []
        for verb in span:
            if verb.dep_ not in ("ccomp", "acl") or verb.pos_ not in ("VERB", "AUX") or verb.i in coded:
                continue
            if cl.tense_modality(verb) != "obligation" or cl.is_negated(verb):
                continue
            issued = self._message_verb(verb)  # "sent a warning to X that it must ..."
            if verb.dep_ == "acl" and issued is None:
                continue
            speech = issued or verb.head
            op = self.lex.operator(speech.lemma_.lower(), set(cl.preps_of(speech)))
            if (issued is None and (op is None or op.kind != "report")) or speech.i in {
                d.trigger.i for d in drafts if d.code[:2] != "01"
            }:
                continue
            speaker, _ = cl.subject_of(speech)
            doer = cl.first_child(verb, *cl.SUBJECT_DEPS)
            # a named person speaks for himself ("Father Emmanuel Yousaf said the government must
            # ensure security"); the one who must act may be a body named by its sector alone
            sources = (
                [r for r in self.refs(actors, speaker) if r.entity is not None or r.kind == "person"]
                if speaker is not None
                else []
            )
            targets = (
                [r for r in self.refs(actors, doer) if r.entity is not None or r.sector is not None]
                if doer is not None
                else []
            )
            targets = [t for t in targets if not any(t.same_actor(x) for x in sources)]
            if not targets and sources:
                targets = self._act_to_end(verb)
            if not sources or not targets:
                continue
            aux = next(a.lower_ for a in cl.auxiliaries(verb) if a.lower_ in cl.OBLIGATION_AUX)
            for src in sources[:MAX_ARGS]:
                for tgt in targets[:MAX_ARGS]:
                    out.append(
                        Draft(
                            trigger=verb,
                            trigger_end=verb.i + 1,
                            code="100",
                            rule=f"demand:{speech.lemma_} + {aux} {verb.lemma_} (obligation of another)",
                            source=src,
                            target=tgt,
                            confidence=0.55 * cl.salience(speech) * (src.score * tgt.score) ** 0.5,
                            notes=["an obligation stated by someone else is a demand"],
                            anchor=speech,
                        )
                    )
        return out

    def _act_to_end(self, verb: Token) -> list[ActorRef]:
        """ "Trump said the oppression of the Venezuelan people must end", "the EU says military
        intervention must be avoided": a speaker saying an act (a noun, no actor) must end,
        stop or be avoided (ENDING in classes.tsv) demands it be stopped; the act, as written,
        is what the demand is aimed at (an uncoded target)."""
        if not self.lex.in_class("ENDING", (verb.lemma_.lower(), verb.lower_)):
            return []
        doer = cl.first_child(verb, *cl.SUBJECT_DEPS, *cl.PASSIVE_SUBJECT_DEPS)
        if doer is None or doer.pos_ != "NOUN":
            return []
        start, end = cl.argument_span(doer)
        return [
            ActorRef(start, end, doer.i, None, None, "ended-act", 0.5, doer.doc[start:end].text, "generic")
        ]

    def _resorted_to(self, tok: Token) -> bool:
        """ "the rebels resorted to shelling the town": the gerund after "to" is the act the
        subject turned to doing (RESORTING in classes.tsv), not the content of the verb."""
        prep = tok.head
        if prep.dep_ != "prep" or prep.lower_ != "to" or tok.tag_ != "VBG":
            return False
        return prep.head.lemma_.lower() in self.lex.classes.get("RESORTING", frozenset())

    def _culpable_of(self, tok: Token) -> Token | None:
        """ "X were guilty of violating ...", "X are responsible for mass killings": the act is
        X's own (CULPABLE in classes.tsv). Returns the subject of the copula, if so."""
        prep = tok.head
        if prep.dep_ != "prep" or prep.lower_ not in ("of", "for"):
            return None
        adj = prep.head
        members = self.lex.classes.get("CULPABLE")
        if not members or adj.lemma_.lower() not in members or adj.dep_ not in ("acomp", "amod"):
            return None
        if adj.dep_ == "amod":  # "the group responsible for the killings"
            return adj.head
        subj, _how = cl.subject_of(adj.head) if adj.head.lemma_ == "be" else (None, "")
        return subj

    @staticmethod
    def _clause_verb(tok: Token) -> Token | None:
        """The verb of the clause a noun is an argument of ("rescinded" for "its annexation")."""
        cur = tok
        for _ in range(6):
            if cur.dep_ not in NOUN_ARGUMENT_DEPS or cur.head.i == cur.i:
                return None
            cur = cur.head
            if cur.pos_ in ("VERB", "AUX"):
                return cur
        return None

    @staticmethod
    def _dedupe(drafts: list[Draft]) -> list[Draft]:
        best: dict[tuple, Draft] = {}
        for d in drafts:
            key = (
                d.trigger.i,
                d.source.entity_id if d.source else None,
                d.source.sector if d.source else None,
                d.source.start if d.source and d.source.entity is None else None,
                d.target.entity_id if d.target else None,
                d.target.sector if d.target else None,
                d.target.start if d.target and d.target.entity is None else None,
            )
            if key not in best or d.confidence > best[key].confidence:
                best[key] = d
        return sorted(
            best.values(),
            key=lambda d: (
                d.trigger.i,
                d.source.start if d.source else -1,
                d.target.start if d.target else -1,
            ),
        )


def _drop_considered_acts(drafts: list[Draft]) -> list[Draft]:
    """ "Japan is considering sending aid to North Korea", "is exploring the possibility of
    transferring helicopters to Darfur": an act only weighed has not happened; CAMEO codes the
    weighing (014 consider policy option, which takes the act's recipient), so the act under a
    014 verb is no event of its own (a separate clause beside it still is)."""
    weighing = {d.trigger.i for d in drafts if d.code == CONSIDER_CODE}
    if not weighing:
        return drafts
    out = []
    for d in drafts:
        under = False
        if d.code != CONSIDER_CODE:
            below = d.anchor if d.anchor is not None else d.trigger
            for head, dep in cl.governors(below):
                # ("sending aid and arms and to retaliate": a list of weighed acts, not a clause
                # coordinated with the weighing verb itself; "giving money to the police if
                # the council cuts its funding", "sending aid to help X": the weighed act's
                # condition or purpose is weighed too)
                if (
                    dep not in CONSIDERED_DEPS
                    and not (dep == "conj" and head.i not in weighing)
                    and not (
                        dep == "advcl"
                        and (
                            cl.clause_mark(below) in cl.CONDITIONAL_MARKS
                            or any(c.dep_ == "aux" and c.lower_ == "to" for c in below.children)
                        )
                    )
                ):
                    break
                below = head
                if head.i in weighing:
                    under = True
                    break
        if not under:
            out.append(d)
    return out


def _drop_mourned_acts(drafts: list[Draft]) -> list[Draft]:
    """ "expressed condolences to the families of those who perished in the Ankara attack",
    "condolences to the families of farmers who were killed in police firing": an act told
    inside the phrase naming whom sympathy (CAMEO 018) goes to says who is mourned and why; the
    sentence reports the condolences, so the violent act (TOLL_ROOTS) told there is not coded
    apart, as CAMEO codes one event for such a report."""
    heads = [
        d.trigger.doc[d.target.head]
        for d in drafts
        if d.code == SYMPATHY_CODE and d.target is not None and not d.negated
    ]
    if not heads:
        return drafts
    mourned = {t.i for h in heads for t in h.subtree if t.i != h.i}
    return [d for d in drafts if not (d.code[:2] in TOLL_ROOTS and d.trigger.i in mourned)]


def _drop_toll_participles(drafts: list[Draft]) -> list[Draft]:
    """ "The army shelled the village, killing 12 people", "a suicide bomber struck a mosque,
    killing 100": a participle clause with no subject of its own that adds the deaths an attack
    caused tells its toll, not a second attack; the attack coded from the main verb is the
    event (CAMEO codes the means: shelling, bombing), so the participle's violent draft goes
    when the same doer's violent draft is coded from the verb it hangs off."""
    by_trigger: dict[int, list[Draft]] = {}
    for d in drafts:
        by_trigger.setdefault(d.trigger.i, []).append(d)
    out = []
    for d in drafts:
        t = d.trigger
        toll = (
            d.code[:2] in TOLL_ROOTS
            and t.dep_ == "advcl"
            and t.tag_ == "VBG"
            and not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in t.children)
            and d.source is not None
            and any(
                o.code[:2] in TOLL_ROOTS
                and o.source is not None
                and (
                    (o.source.start, o.source.end) == (d.source.start, d.source.end)
                    or o.source.same_actor(d.source)
                )
                for o in by_trigger.get(t.head.i, [])
            )
        )
        if not toll:
            out.append(d)
    return out


def _drop_purposed_force(drafts: list[Draft]) -> list[Draft]:
    """ "Its forces were fighting to repel the incursion": force whose purpose clause is force
    by the same doer aimed at someone is one act, told by the purpose; the recipientless
    governing draft goes."""
    out = []
    for d in drafts:
        one = (
            d.target is None
            and d.source is not None
            and d.code[:2] in TOLL_ROOTS
            and any(
                o.trigger.dep_ == "xcomp"
                and o.trigger.head.i == d.trigger.i
                and o.code[:2] in TOLL_ROOTS
                and o.target is not None
                and o.source is not None
                and (o.source.start, o.source.end) == (d.source.start, d.source.end)
                for o in drafts
            )
        )
        if not one:
            out.append(d)
    return out


def _with_for_clause(verb: Token, preps: dict[str, list[Token]]) -> dict[str, list[Token]]:
    """ "called for Britain to stay in the single market", "pushed for the constitution to be
    revised": the parser makes "for" the mark of an infinitive clause, not a preposition; for
    the verb's rows it is the "for" phrase ("call for", "push for"), its object the clause's
    subject (not the phone call "called X")."""
    if "for" in preps:
        return preps
    subjects = [
        g
        for c in verb.children
        if c.dep_ in ("advcl", "ccomp") and cl.clause_mark(c) == "for"
        for g in c.children
        if g.dep_ in ("nsubj", "nsubjpass")
    ]
    return {**preps, "for": subjects[:1]} if subjects else preps


def _predicate_adjective(tok: Token) -> bool:
    """ "X said it is skeptical about Y", "China remains wary of ...": an adjective after a
    copula is an attitude, and the adjectives verbs.tsv lists (pessimistic 012, optimistic 013)
    are coded like verbs, with the copula's subject as the doer and the about/of/over phrase
    as the target."""
    return tok.pos_ == "ADJ" and tok.dep_ == "acomp" and tok.head.lemma_.lower() in cl.COPULAS


def _for_clause(clause: Token, dep: str) -> set[str]:
    """ "Students called for Egyptians to join the march": the parser hangs "for" on the
    clause (a subject infinitive), not on the verb; the verb still takes it ("call for" is an
    appeal to the clause's subject, as "call on X to" is), so it counts as the verb's."""
    if dep != "advcl" or not any(c.dep_ in cl.SUBJECT_DEPS for c in clause.children):
        return set()
    return {"for"} if any(c.dep_ == "mark" and c.lower_ == "for" for c in clause.children) else set()


def _has_own_object(verb: Token) -> bool:
    """Whether a verb has a direct object of its own (not a clause)."""
    return any(c.dep_ in cl.OBJECT_DEPS for c in verb.children)


def _conditional(verb: Token) -> bool:
    """Does a clause carry an "if" or "unless" clause of its own?"""
    return any(c.dep_ == "advcl" and cl.clause_mark(c) in cl.CONDITIONAL_MARKS for c in verb.children)


def _below(tok: Token, top: Token) -> bool:
    """Is `tok` in a clause or phrase under `top`, not coordinated with it ("marched and
    demanded": two acts; "marched, demanding": one)?"""
    cur = tok
    while cur.i != top.i:
        if cur.head.i == cur.i or (cur.dep_ == "conj" and cur.head.i == top.i):
            return False
        cur = cur.head
    return True


def _in_protest_phrase(tok: Token, top: Token) -> bool:
    """Is `tok` the object of an "in protest of/against", "against" or "over" phrase under `top`?"""
    cur = tok
    while cur.i != top.i:
        if cur.dep_ == "pobj" and cur.head.lower_ in ("of", "against", "over"):
            prep = cur.head
            if prep.lower_ != "of" or prep.head.lower_ in ("protest", "protests"):
                return True
        cur = cur.head
    return False


def _joint_parties(doc: Doc, refs: list[ActorRef]) -> list[ActorRef]:
    """The parties a joint act can be between: known actors, and unknown ones with a proper name
    that stand as a conjunct of their own ("the Tokyo Stock Exchange and the New York Stock
    Exchange agreed to share information", "China and the Eurasia Economic Union signed"). Not
    parties: "the police", "officials" on their own, a bare nationality ("Kyrgyz and Tajik
    troops"), a name following its title ("FARC leader Rodrigo Londono", the same person)."""
    first = min((r.start for r in refs), default=0)

    def own_conjunct(r: ActorRef) -> bool:
        before = doc[r.start - 1] if r.start > 0 else None
        return r.start == first or (before is not None and (before.dep_ == "cc" or before.text in (",", ";")))

    known = any(r.entity is not None for r in refs)
    return [
        r
        for r in refs
        if r.entity is not None
        or (doc[r.head].pos_ == "PROPN" and doc[r.head].ent_type_ != "NORP" and own_conjunct(r))
        # "Ukraine and separatist rebels failed to reach agreement": a sector's people beside
        # a known party ("police and soldiers" alone are no two sides)
        # (weapons standing for those who fire them are no side: "air strikes and artillery fire")
        or (
            known
            and r.sector is not None
            and r.rank not in WEAPON_RANKS
            and doc[r.head].pos_ == "NOUN"
            and own_conjunct(r)
        )
    ]


def _before_participle(actors: SentenceActors, ref: ActorRef) -> ActorRef:
    """ "A small group of protesters seeking justice for X have been ...", "Ali Kushayb, a militia
    leader charged with war crimes, has surrendered": a participle clause after the doer says what
    it does or what befell it, not who it is; the doer's mention ends before it. (One that names
    whose the doer is stays: "hackers linked to the Iranian government", "missiles fired by X".)"""
    doc = actors.span.doc
    for t in doc[ref.head : ref.end]:
        if t.dep_ == "acl" and t.tag_ in ("VBG", "VBN") and t.i > ref.head and ref.start < t.i < ref.end:
            # (nor one that says where the doer is, which places it: "guerrillas operating in X")
            places = [g for c in t.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
            if any(g.ent_type_ in cl.PLACE_ENTS or actors.at(g) for g in places):
                return ref
            if any(c.dep_ == "agent" for c in t.children) or (
                ref.entity_id is not None
                # (named there, not only placed there by context: "seeking help for the victims")
                and any(
                    r.entity_id == ref.entity_id and "context" not in r.rule
                    for u in t.subtree
                    for r in actors.at(u)
                )
            ):
                return ref
            end = t.i
            while end > ref.start and doc[end - 1].is_punct:
                end -= 1
            return replace(ref, end=end) if end > ref.head else ref
    return ref


def _into_joint_phrase(refs: list[ActorRef], phrase: ActorRef | None) -> list[ActorRef]:
    """A party named inside the phrase that names a joint act's parties ("the summit between the
    EU and Turkey") is mentioned by that whole phrase, as its first party is."""
    if phrase is None:
        return refs
    return [
        replace(r, start=phrase.start, end=phrase.end)
        if phrase.start <= r.start and r.end <= phrase.end
        else r
        for r in refs
    ]


def _collapse_generic(doc: Doc, refs: list[ActorRef]) -> list[ActorRef]:
    """Known actors each get their event; a list of unplaced doers ("tourists, diplomats and
    journalists") gets one, named by its first member (recipients are not collapsed). A named
    group or person in the list ("Kony and the LRA", "the government and the Maoists") is a
    doer of its own, so it keeps its event."""
    known = [r for r in refs if r.entity is not None]
    kept = known or refs[:1]
    return [r for r in refs if r in kept or _named_doer(doc, r)]


def _named_doer(doc: Doc, ref: ActorRef) -> bool:
    """Is an unknown actor a named one (a proper-noun head, not a weapon) standing as its own
    conjunct?"""
    head = doc[ref.head]
    return head.tag_ in ("NNP", "NNPS") and head.dep_ == "conj" and ref.rank not in WEAPON_RANKS


def _outermost(refs: list[ActorRef]) -> list[ActorRef]:
    """Drop an unknown recipient whose mention lies inside another's: "freed some 74 leaders and
    members of a rebel group", where the parser hung the "of" phrase on the first conjunct, makes
    one mention of the whole list; its second member is not a further recipient. (A known actor
    inside a list's mention, "Iranian and Russian banks", keeps its own event.)"""
    return [
        r
        for r in refs
        if r.entity is not None
        or not any(
            o.start <= r.start and r.end <= o.end and (o.start, o.end) != (r.start, r.end) for o in refs
        )
    ]


def with_code(draft: Draft, code: str, note: str) -> Draft:
    return replace(draft, code=code, notes=[*draft.notes, note])
