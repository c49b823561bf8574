"""Resolve noun phrases to actors: names, title grammar, sector nouns, and their composition.

"Russian Foreign Minister Sergey Lavrov" -> RUSGOV even when the name is unknown (a country
adjective plus a title); "Chinese, British, Iranian and Turkish companies" -> CHNBUS, GBRBUS,
IRNBUS, TURBUS; "representatives from China" -> CHNGOV; "Putin's special representative"
-> the employer's country and sector. Pronouns and definite descriptions are left to
`detente.actors.coref`, which calls back into this module.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, replace

from spacy.tokens import Token

from detente.actors.entities import is_acronym, org_words
from detente.actors.kb import PEOPLE_SECTOR, Agent, Entity, KnowledgeBase, Role
from detente.actors.matcher import SurfaceMatch, SurfaceMatcher
from detente.records import Actor

# Dependents that belong to a noun phrase's left side (and so to the mention's text).
LEFT_DEPS = {
    "det",
    "amod",
    "compound",
    "poss",
    "nmod",
    "nummod",
    "quantmod",
    "predet",
    "case",
    "flat",
    "npadvmod",
}
# Head nouns that take the country of their modifier: "Western nations", "his country".
STATE_HEADS = {
    "nation",
    "country",
    "state",
    "power",
    "side",
    "capital",
    "republic",
    "kingdom",
    "ally",
    "neighbour",
    "neighbor",
    "people",
    "population",
    "public",
    "society",
    "leadership",
    "establishment",
    "emirate",
    "sultanate",
}
GENERIC_STATE_HEADS = {
    "nation",
    "country",
    "state",
    "power",
    "government",
    "neighbour",
    "neighbor",
    "ally",
    "partner",
    "member",
}
# Heads that name a relation to someone else: a possessor is that someone, not who they are.
RELATIONAL_HEADS = {"ally", "neighbour", "neighbor", "partner", "rival", "enemy", "adversary", "foe"}
PRONOUNS = {
    "it",
    "its",
    "itself",
    "they",
    "them",
    "their",
    "themselves",
    "he",
    "him",
    "his",
    "himself",
    "she",
    "her",
    "herself",
    "we",
    "us",
    "our",
    "ourselves",
}
AFFILIATION_PREPS = {"of", "from", "in", "throughout", "across"}
# Sectors that act for the state itself (government, armed forces, police, courts,
# legislature, intelligence), as opposed to its people, parties, business or rebels.
STATE_SECTORS = ("GOV", "MIL", "COP", "JUD", "LEG", "SPY")
# "X-led forces", "X-based groups" belong to X; "X-backed" ones do not.
LEADING_PARTICIPLES = frozenset(
    {"lead", "led", "base", "based", "run", "head", "headed", "command", "commanded"}
)
# "militants loyal to X", "a group affiliated with X", "hackers linked to X": X's side.
ALLEGIANCE_WORDS = frozenset({"loyal", "affiliate", "affiliated", "link", "linked"})
# The agents.tsv rank of what is fired or set off (bombs, shells, missiles): it may stand for
# whoever fired it as a doer, but it is never who a verb's object or a thing's owner says is hit.
MUNITION = "munition"
# "pro-Iranian militias", "an anti-Syria journalist": a stance towards a country, not its own.
STANCE_PREFIXES = frozenset({"pro", "anti"})


def ethnic_word(tok: Token) -> bool:
    """Is the demonym an ethnicity ("ethnic Albanians", "ethnic Serb civilians")? An ethnic group
    so named is a minority of another country: where it lives or acts says which."""
    return tok.i >= 1 and tok.doc[tok.i - 1].lower_ == "ethnic"


def stance_word(tok: Token) -> bool:
    """Is the word the country part of a stance ("pro-Iranian", "anti-Syria", "pro-Western")?"""
    doc = tok.doc
    if "-" in tok.text and tok.text.split("-", 1)[0].lower() in STANCE_PREFIXES:
        return True
    return tok.i >= 2 and doc[tok.i - 1].text == "-" and doc[tok.i - 2].lower_ in STANCE_PREFIXES


def _one_side(a: str | None, b: str | None) -> bool:
    """Do two sectors of one country act as one side? "Russia" and "the Russian army" do;
    "Iraq" and "Iraqi Kurds", or "Iran" and "Iranian students", do not: a country named alone
    stands for its state, not for its people."""
    if a == b:
        return True
    if a is None or b is None:
        return (a or b or "").startswith(STATE_SECTORS)
    return False


def is_doer(tok: Token) -> bool:
    """Is the noun (or the first of a list it is in) a clause's subject or a passive's agent?"""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ in ("nsubj", "nsubjpass"):
        return True
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.dep_ in ("nsubj", "nsubjpass"):
        return True  # "thousands of Iraqi Kurds demonstrated"
    return tok.dep_ == "pobj" and tok.head.dep_ == "agent"


def _phrase_end(tok: Token) -> int:
    """Where a word's phrase ends (exclusive), leaving out clauses that modify a noun in it
    ("doctors from two aid groups [who donated ...]")."""
    end = tok.i + 1
    for c in tok.rights:
        if c.dep_ in ("acl", "relcl"):
            break
        end = max(end, _phrase_end(c))
    return end


# Subject relations the parser may give twice to one verb when it breaks a coordination.
SPLIT_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Object relations whose list the parser may hang on a word above the first member.
SPLIT_OBJECT_DEPS = frozenset({"dobj", "pobj"})


def _stranded_conjuncts(tok: Token) -> list[Token]:
    """ "outlawed the African National Congress (ANC) and the Pan Africanist Congress (PAC)",
    "sanctions on the Central African Republic (CAR) and the Democratic Republic of the Congo":
    after a bracketed abbreviation the parser often hangs the list's next name on the verb or
    on the noun the object's preposition belongs to. A name that a word above the object takes
    as its conjunct right after the object's phrase and an "and" is the object's list member:
    a verb or a common noun is not coordinated with a proper name."""
    end = tok.right_edge.i + 1
    doc = tok.doc
    while end < len(doc) and doc[end].is_punct and doc[end].text in ")],":
        end += 1
    if end >= len(doc) or doc[end].lower_ != "and" or doc[end].dep_ != "cc":
        return []
    above = doc[end].head
    if above.i == tok.i or above.i not in {a.i for a in tok.ancestors}:
        return []
    if not (above.pos_ in ("VERB", "AUX") or above.pos_ == "NOUN"):
        return []
    nxt = next((c for c in above.children if c.dep_ == "conj" and c.left_edge.i == end + 1), None)
    if nxt is None or nxt.pos_ != "PROPN":
        return []
    out = [nxt]
    while (more := next((c for c in out[-1].children if c.dep_ == "conj"), None)) is not None:
        out.append(more)  # (not Token.conjuncts: that also gives the word above)
    return out


def coordinated(tok: Token) -> list[Token]:
    """A word and the words listed with it, in text order: "Russia and China" ->
    [Russia, China]. A list the parser broke ("of Kazakhstan, Kyrgyzstan, Tajikistan and
    Uzbekistan" with Kyrgyzstan as an apposition) is mended: a proper-noun apposition that
    itself heads a coordination belongs to the list."""
    out = {tok.i: tok}
    for c in tok.conjuncts:
        out[c.i] = c
    last = out[max(out)]
    cc = [c for c in last.children if c.dep_ == "cc" and c.lower_ == "and"]
    if cc and tok.dep_ in SPLIT_SUBJECT_DEPS and not any(c.dep_ == "conj" for c in last.children):
        # "Lavrov and U.S. Secretary of State Antony Blinken did not meet": a long title makes
        # the parser give the verb a second subject instead of a conjunct; the word after the
        # dangling "and" that the same verb takes as the same kind of subject is the list's next
        nxt = next(
            (
                c
                for c in tok.head.children
                if c.dep_ == tok.dep_ and c.left_edge.i == cc[0].i + 1 and c.i != tok.i
            ),
            None,
        )
        if nxt is not None and tok.head.i != tok.i:
            out[nxt.i] = nxt
    if len(out) == 1 and tok.dep_ in SPLIT_OBJECT_DEPS:
        for c in _stranded_conjuncts(tok):
            out[c.i] = c
    for t in list(out.values()):
        for a in t.children:
            if a.dep_ == "appos" and a.pos_ == "PROPN" and any(c.dep_ == "conj" for c in a.children):
                out[a.i] = a
                for c in a.conjuncts:
                    out[c.i] = c
            elif _listed_name(t, a):
                out[a.i] = a
    return [out[i] for i in sorted(out)]


def _listed_name(head: Token, appos: Token) -> bool:
    """Is an apposition the middle item of a list ("the Nigeria Police, [Department of State
    Services] and other security agencies")? A bare organisation's name after an organisation,
    set off by a comma, with a conjunct of the head after it, is the list's next member, not
    another name for the head; a title ("Abbas, President of the Palestinian Authority, and
    ...") names no organisation, and a place after a place ("Paris, France, and ...") says
    where the first one is."""
    return (
        appos.dep_ == "appos"
        and appos.pos_ == "PROPN"
        and head.pos_ == "PROPN"
        and appos.ent_type_ == head.ent_type_
        and head.ent_type_ == "ORG"
        and appos.i > head.i
        and head.doc[appos.left_edge.i - 1].text == ","
        and not any(g.dep_ in ("det", "poss") for g in appos.children)
        and any(c.dep_ == "conj" and c.i > appos.i for c in head.children)
    )


@dataclass(frozen=True, slots=True)
class ActorRef:
    """An actor mention before its event date is known: who it is and where it is written."""

    start: int  # doc token span of the mention (end exclusive)
    end: int
    head: int
    entity: Entity | None
    sector: str | None
    rule: str
    score: float  # how sure we are this is the right actor, 0..1
    name: str
    kind: str = "agent"  # person | state | group | igo | region | agent | generic
    rank: str | None = None  # the sector noun's rank (agents.tsv), e.g. "platform" for "jets"
    origin: tuple[int, int] | None = None  # a pronoun's antecedent in the same sentence (doc span)
    plural: bool | None = None  # set when the mention is remembered past its sentence (its doc)
    namesakes: tuple[Entity, ...] = ()  # known persons a titled unknown name may be ("President Bush")

    @property
    def generic(self) -> bool:
        """No country or organisation known ("the police", "other countries")."""
        return self.entity is None

    @property
    def entity_id(self) -> str | None:
        return self.entity.id if self.entity else None

    def actor(self, day: dt.date | None) -> Actor:
        if self.entity is None:
            country = self.namesake_country(day)
            if country is not None:
                return Actor(f"{country}{self.sector or ''}", country, self.sector, self.name, self.kind)
            code = f"---{self.sector}" if self.sector else "---"
            return Actor(code, None, self.sector, self.name, self.kind)
        if self.entity.kind in ("state", "region"):
            actor = self.entity.actor_at(day, self.sector)
            if self.kind == "person":  # a titled person of a country: keep the person's name
                return replace(actor, name=self.name, kind="person")
            return actor
        if self.entity.kind == "person" and self.sector and self.entity.role_at(day) is None:
            # a known person with no role on the day, named with a title: the title decides
            country = self.entity.roles[-1].country if self.entity.roles else None
            return Actor(f"{country or '---'}{self.sector}", country, self.sector, self.entity.name, "person")
        return self.entity.actor_at(day)

    def namesake_country(self, day: dt.date | None) -> str | None:
        """The country of the known persons with this surname who held an office of the title's
        sector: those holding it on the day if any, else those who ever did; None unless they
        all share one country (two presidents Bush are one USA, a Khan is many countries)."""
        if not self.namesakes or not self.sector:
            return None

        def offices(e: Entity) -> list[Role]:
            return [r for r in e.roles if r.sector and r.country and r.sector.startswith(self.sector)]

        countries = set()
        if day is not None:
            countries = {r.country for e in self.namesakes for r in offices(e) if r.covers(day)}
        if not countries:
            countries = {r.country for e in self.namesakes for r in offices(e)}
        return next(iter(countries)) if len(countries) == 1 else None

    def same_actor(self, other: ActorRef) -> bool:
        """The same side: same entity, or the same country with compatible sectors
        (RUS, RUSGOV and King Salman's SAU are one side; RUSMIL and RUSREB are not)."""
        if self.entity is None or other.entity is None:
            return False
        if self.entity_id == other.entity_id:
            if self.entity.kind == "state" and "group" in (self.kind, other.kind):
                # "the Montenegro Assembly", an unknown body the country's name stands for, is
                # not the officials of another Montenegrin body
                return self.kind == other.kind and self.name == other.name
            return _one_side(self.sector, other.sector)
        if any(
            r.kind == "group" and r.entity is not None and r.entity.kind == "state" for r in (self, other)
        ):
            # an unknown body named with its country ("the Kenya Anti-Corruption Commission") is
            # not the side of that country's officials or people named otherwise
            return False
        a, b = self.actor(None), other.actor(None)
        if (
            not a.country
            or a.country != b.country
            or self.entity.kind not in ("state", "person")
            or other.entity.kind not in ("state", "person")
        ):
            return False
        return _one_side(a.sector, b.sector)

    def moved(self, start: int, end: int, head: int, rule: str, score: float | None = None) -> ActorRef:
        """The same actor mentioned elsewhere (a pronoun, a description); `origin` belonged to
        the old place's sentence and is dropped."""
        return replace(
            self,
            start=start,
            end=end,
            head=head,
            rule=rule,
            score=self.score if score is None else score,
            origin=None,
        )


def dateline_cut(head: Token) -> int:
    """First token of the phrase after a spaced dash that ends a dateline or a heading ("KYIV,
    Oct 10 - Russia fired ...", "ASTANA - Leaders of the bloc ..."), which the parser glues to the
    subject as its modifier; the place before the dash is where it was written, not who acts.
    The phrase's left edge when there is no such dash."""
    doc = head.doc
    left = head.left_edge.i
    for k in range(head.i - 1, left - 1, -1):
        if doc[k].text in ("-", "–", "—", ":") and k > 0 and (doc[k].whitespace_ or doc[k - 1].whitespace_):
            return k + 1
    return left


class NounPhraseResolver:
    """Turns a noun-phrase head into actor references, using KB matches of its sentence."""

    def __init__(self, kb: KnowledgeBase, matcher: SurfaceMatcher) -> None:
        self.kb = kb
        self.matcher = matcher
        self.by_token: dict[int, SurfaceMatch] = {}

    def set_matches(self, matches: list[SurfaceMatch]) -> None:
        self.by_token = {i: m for m in matches for i in range(m.start, m.end)}

    # --- spans -----------------------------------------------------------------------------------
    @staticmethod
    def np_bounds(head: Token, include_pp: bool = False) -> tuple[int, int]:
        """Token span of the noun phrase headed by `head` (left modifiers, optionally of/from PPs)."""
        start = head.i
        for child in head.lefts:
            if child.dep_ in LEFT_DEPS or (child.dep_ == "punct" and child.text in "-–"):
                start = min(start, child.left_edge.i)
        # A spaced dash ends a dateline or a heading ("KYIV, Oct 10 - Russia fired ..."): the phrase
        # starts after it.
        start = max(start, dateline_cut(head))
        end = head.i + 1
        for child in head.rights:
            if child.dep_ in ("compound", "flat", "case", "nummod") and child.i == end:
                end = child.right_edge.i + 1
            elif include_pp and child.dep_ == "prep" and child.lower_ in ("of", "from"):
                end = max(end, _phrase_end(child))
        doc = head.doc
        while start < head.i and doc[start].is_punct:
            start += 1
        while end - 1 > head.i and doc[end - 1].is_punct and doc[end - 1].text not in ")":
            end -= 1
        return start, end

    def _same_name(self, a: Token, b: Token) -> bool:
        """Are two words part of one name the knowledge base matched ("United" and "States")?"""
        m = self.by_token.get(a.i)
        return m is not None and m is self.by_token.get(b.i)

    def compound_chain(self, head: Token) -> list[Token]:
        """The head and its compound/flat modifiers, recursively (the pieces of a name)."""
        out = [head]
        stack = [head]
        cut = dateline_cut(head)
        while stack:
            t = stack.pop()
            for c in t.children:
                if c.i < cut:
                    continue  # a dateline's place glued to the subject
                if c.dep_ in ("compound", "flat") or (c.dep_ == "amod" and c.pos_ == "PROPN"):
                    out.append(c)
                    stack.append(c)
        return sorted(out, key=lambda t: t.i)

    def match_at(self, token: Token) -> SurfaceMatch | None:
        return self.by_token.get(token.i)

    def agent_of(self, head: Token) -> tuple[Agent | None, int]:
        """The sector noun a head is (multi-word match covering it, or its lemma); and its start."""
        m = self.by_token.get(head.i)
        if m is not None and m.agent is not None and m.end - 1 == head.i:
            return m.agent, m.start
        if head.pos_ in ("NOUN", "PROPN"):
            agent = self.matcher.agent_for(head)
            if agent is not None:
                return agent, head.i
        return None, head.i

    def _namesakes(self, words: list[Token]) -> tuple[Entity, ...]:
        """Known persons the last capitalised word may be the surname of ("President Bush", "the
        Bush administration"); ActorRef.actor settles which, by the day and the title's sector."""
        names = [t for t in words if t.text[:1].isupper()]
        if not names:
            return ()
        found = self.kb.people_surnamed(names[-1].text)
        if not found:  # "President Mitterand": a surname with a spelling slip
            reading = self.matcher.surname_variant(names[-1])
            found = self.kb.people_surnamed(reading) if reading else []
        return tuple(found)

    # --- modifiers ---------------------------------------------------------------------------------
    def modifier_entities(self, head: Token, resolve) -> list[tuple[Entity, Token, str]]:
        """Countries, regions, organisations or groups named by the head's modifiers.

        Returns (entity, token, how) in text order; a conjoined list of adjectives gives one
        entry per adjective ("Chinese, British and Turkish companies").
        """
        out: list[tuple[Entity, Token, str]] = []
        seen: set[int] = set()
        doc = head.doc
        cut = dateline_cut(head)

        def take(tok: Token) -> None:
            m = self.by_token.get(tok.i)
            if m is None or not m.surfaces or m.start in seen or tok.i < cut:
                return
            if stance_word(doc[m.start]) or (
                m.primary and m.primary.how == "adjective" and ethnic_word(doc[m.start])
            ):
                return
            primary = m.primary
            if primary is None or primary.entity.kind == "person":
                return
            seen.add(m.start)
            out.append((primary.entity, tok, primary.how))

        for child in head.lefts:
            if child.dep_ in ("amod", "compound", "nmod", "npadvmod"):
                take(child)
                for conj in child.conjuncts:
                    take(conj)
                for grand in child.children:  # "Russian-Afghan", "Sino-Russian"
                    if grand.dep_ in ("amod", "compound", "nmod"):
                        take(grand)
                    elif grand.dep_ == "npadvmod" and child.lemma_.lower() in LEADING_PARTICIPLES:
                        take(grand)  # "Vietnamese-led forces", "Pakistan-based groups"; not "Iran-backed"
                if child.pos_ == "PROPN":
                    # "Montenegro Municipality Association officials": a country deep in the name
                    # of the body they serve, which the knowledge base does not know
                    for deep in _name_compounds(child):
                        take(deep)
            elif child.dep_ == "poss" and child.i >= cut:
                for ref in resolve(child):
                    if ref.entity is not None:
                        ent = ref.entity
                        if ent.kind == "person":
                            country = ent.role_at(None).country if ent.role_at(None) else None
                            state = self.kb.state(country) if country else None
                            if state is not None:
                                out.append((state, child, "poss-person"))
                        else:
                            out.append((ent, child, "poss"))
        return out

    def residence(self, head: Token, people_of: Entity, resolve) -> Entity | None:
        """Where an ethnic group named by a demonym lives, when its phrase says so: another
        country's adjective ("Bosnian Serbs") or an "in" phrase ("Albanians in south Serbia")."""
        for child in head.lefts:
            if child.dep_ in ("amod", "compound", "nmod"):
                m = self.by_token.get(child.i)
                if m is None or m.primary is None or m.primary.how != "adjective":
                    continue
                ent = m.primary.entity
                if ent.kind == "state" and ent.roles[0].code != people_of.roles[0].code:
                    return ent
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ in ("in", "of"):  # "the Albanians of Serbia"
                for pobj in child.children:
                    for ref in resolve(pobj):
                        ent = ref.entity
                        foreign = ent is not None and ent.roles[0].code != people_of.roles[0].code
                        if foreign and ent.kind == "state" and ref.kind != "person":
                            return ent
        return None

    def pp_affiliations(self, head: Token, resolve) -> list[tuple[Entity, Token, str]]:
        """Countries or organisations named in "of/from/in" phrases: "representatives from China
        and Pakistan", "King Abdullah II of Jordan" (a person there stands for their country)."""
        out: list[tuple[Entity, Token, str]] = []
        preps = [c for c in head.rights if c.dep_ == "prep" and c.lower_ in AFFILIATION_PREPS]
        # "militants loyal to X", "hackers linked to the Iranian government"
        preps += [
            p
            for c in head.rights
            if c.dep_ in ("amod", "acl") and c.lemma_.lower() in ALLEGIANCE_WORDS
            for p in c.children
            if p.dep_ == "prep" and p.lower_ in ("to", "with")
        ]
        for child in preps:
            pobjs = [c for p in child.children if p.dep_ == "pobj" for c in coordinated(p)]
            for pobj in pobjs:
                refs = resolve(pobj)
                if not any(r.entity is not None for r in refs):
                    # "inhabitants of the Syrian Golan Heights", "students at Kenyan universities":
                    # a place or body the KB lacks, named with its country
                    own = {
                        e.id: e
                        for e, _, how in self.modifier_entities(pobj, resolve)
                        if e.kind == "state" and how in ("adjective", "name", "alias")
                    }
                    if len(own) == 1:
                        out.append((next(iter(own.values())), pobj, f"pp-{child.lower_}-modifier"))
                        continue
                for ref in refs:
                    if ref.entity is None:
                        continue
                    if ref.entity.kind != "person":
                        out.append((ref.entity, pobj, f"pp-{child.lower_}"))
                        continue
                    role = ref.entity.role_at(None)
                    st = self.kb.state(role.country) if role and role.country else None
                    if st is not None:
                        out.append((st, pobj, f"pp-{child.lower_}"))
        return out

    # --- the main entry -------------------------------------------------------------------------------
    def resolve(self, head: Token, resolve_other) -> list[ActorRef]:
        """Actor references for the noun phrase headed by `head` ([] if it names no actor).

        `resolve_other(token)` resolves another head (used for possessors, appositions and
        of/from phrases, and for pronouns through the discourse model).
        """
        start, end = self.np_bounds(head)
        chain = self.compound_chain(head)

        # 1. A name the knowledge base knows, covering the head.
        m = self.by_token.get(head.i)
        if m is not None and m.surfaces:
            primary = m.primary
            assert primary is not None
            ent = primary.entity
            if ent.kind == "person" and m.end - m.start > 2:
                # a long name the parser broke into pieces ("Hamad bin Khalifa al-Thani"): one
                # mention, at the piece that heads the others, covering the whole name
                root = head.doc[m.start : m.end].root
                if root.i != head.i:
                    return []
                start, end = min(start, m.start), max(end, m.end)
            if primary.how in ("name", "alias", "seat", "capital") or (
                primary.how == "adjective" and head.pos_ in ("NOUN", "PROPN") and head.tag_ in ("NNPS", "NNS")
            ):
                if primary.how == "adjective" and ent.kind == "state":
                    # "Bosnian Serbs", "ethnic Albanians in south Serbia": an ethnic group is
                    # coded with the country it lives in, when the phrase names it
                    home = self.residence(head, ent, resolve_other)
                    if home is not None:
                        s2, e2 = self.np_bounds(head, include_pp=True)
                        return [
                            ActorRef(
                                s2, e2, head.i, home, "CVL", "kb:ethnic-group+home", 0.85, home.name, "state"
                            )
                        ]
                    if ethnic_word(head.doc[m.start]):
                        # "ethnic Albanians demonstrated in Serbia": placed by where they act
                        text = head.doc[start:end].text
                        return [ActorRef(start, end, head.i, None, "CVL", "ethnic-group", 0.5, text, "agent")]
                sector = primary.sector
                if ent.kind == "person" and sector is None:
                    before = (self.agent_of(t)[0] for t in chain if t.i < m.start)
                    titles = [a for a in before if a and a.title]
                    sector = titles[-1].sector if titles else None
                # "Taliban representatives": the group's role, not an agent; "Afghan officials" below.
                kind = ent.kind
                score = 1.0 if primary.how in ("name", "alias") else 0.9
                return [
                    ActorRef(
                        start, end, head.i, ent, sector, f"kb:{ent.kind}-{primary.how}", score, ent.name, kind
                    )
                ]
            if primary.how in ("adjective", "combining") and (
                head.dep_ in ("amod", "compound", "nmod", "conj") or head.pos_ == "ADJ"
            ):
                if primary.how == "combining" and (
                    head.i + 1 >= len(head.doc) or head.doc[head.i + 1].text != "-"
                ):
                    return []
                # a bare adjective mention ("Saudi Arabian-Iranian relations"): for coreference and
                # for events whose target is named by a modifier
                return [
                    ActorRef(
                        m.start, m.end, head.i, ent, None, f"kb:{ent.kind}-adjective", 0.6, ent.name, ent.kind
                    )
                ]

        agent, agent_start = self.agent_of(head)
        if agent is None and head.pos_ == "NOUN":
            # "U.S. Air Force planes", "army trucks": the body named in the compound owns and
            # acts through the thing
            for t in reversed(chain):
                if t.i < head.i and t.dep_ == "compound":
                    a, a_start = self.agent_of(t)
                    if a is not None and not a.title:
                        agent, agent_start = a, a_start
                        break
        if agent is not None and agent.title and agent.sector[:3] in STATE_SECTORS and head.pos_ == "NOUN":
            # "student leaders", "farmer leaders": the leaders of a sector named in the compound
            # belong to it, not to a government
            for t in head.children:
                if t.dep_ == "compound" and t.i < head.i:
                    a, _ = self.agent_of(t)
                    if a is not None and not a.title and a.sector[:3] not in STATE_SECTORS:
                        agent = replace(agent, sector=a.sector)
                        break
        mods = self.modifier_entities(head, resolve_other)
        for t in chain:
            if t.i != head.i:
                for ent, tok, how in self.modifier_entities(t, resolve_other):
                    # "the United States military", "Boko Haram fighters": the parser chains a
                    # name's words as compounds, so each word of one name is found again; one
                    # name is one affiliation (else the mention would start at its last word)
                    if all(tok.i != x[1].i and not self._same_name(tok, x[1]) for x in mods):
                        mods.append((ent, tok, how))
        if head.lemma_.lower() in RELATIONAL_HEADS:
            # "Israel's militia ally", "Russia's partners": the possessor is the other party
            mods = [m for m in mods if m[2] not in ("poss", "poss-person")]
        # A KB name inside the compound chain that is not the head ("the UN Security Council").
        chain_entity = None
        for t in chain:
            cm = self.by_token.get(t.i)
            if (
                t.i != head.i
                and cm is not None
                and cm.primary is not None
                and cm.primary.how in ("name", "alias")
                and cm.primary.entity.kind in ("person", "igo", "group")
            ):
                chain_entity = cm.primary.entity

        # 2. A person's name (not in the KB) with a title: "Russian Foreign Minister Sergey Lavrov".
        if head.pos_ == "PROPN" and (head.ent_type_ == "PERSON" or agent is None) and agent is None:
            title = None
            for t in chain:
                a, _ = self.agent_of(t)
                if a is not None and (a.title or t.i < head.i):
                    title = a
            if chain_entity is not None and chain_entity.kind == "person":
                return [
                    ActorRef(
                        start,
                        end,
                        head.i,
                        chain_entity,
                        None,
                        "kb:person-name",
                        0.95,
                        chain_entity.name,
                        "person",
                    )
                ]
            if title is not None and not mods:  # "King Abdullah II of Jordan"
                mods = self.pp_affiliations(head, resolve_other)
                if mods:
                    start, end = self.np_bounds(head, include_pp=True)
            country = next((e for e, _, _ in mods if e.kind in ("state", "region")), None)
            org = next((e for e, _, _ in mods if e.kind in ("igo", "group")), None)
            name = (
                " ".join(
                    t.text
                    for t in chain
                    if self.agent_of(t)[0] is None
                    and t.pos_ == "PROPN"
                    and not (self.by_token.get(t.i) and self.by_token[t.i].surfaces)
                )
                or head.text
            )
            if (
                title is not None
                and not title.title
                and head.ent_type_ == "ORG"
                and head.lower_ in org_words()
            ):
                # "the Government Accountability Office": a sector word inside a body's name
                # (not a title before a person's) says what kind of body it is; a body, not a person
                ent = country or org
                return [ActorRef(start, end, head.i, ent, title.sector, "body+sector", 0.5, name, "group")]
            if title is not None:
                if org is not None:
                    return [ActorRef(start, end, head.i, org, None, "title+org", 0.85, name, "person")]
                if country is not None:
                    return [
                        ActorRef(
                            start, end, head.i, country, title.sector, "title+country", 0.9, name, "person"
                        )
                    ]
                namesakes = self._namesakes([head])
                return [
                    ActorRef(
                        start,
                        end,
                        head.i,
                        None,
                        title.sector,
                        "title+surname" if namesakes else "title",
                        0.6,
                        name,
                        "person",
                        namesakes=namesakes,
                    )
                ]
            # An apposition may say who the person is: "Zamir Kabulov, Putin's special representative".
            for child in head.rights:
                if child.dep_ == "appos":
                    for ref in resolve_other(child):
                        if ref.entity is not None or ref.sector:
                            return [
                                replace(
                                    ref,
                                    start=start,
                                    end=end,
                                    head=head.i,
                                    name=name,
                                    rule=f"appos({ref.rule})",
                                    kind="person",
                                    score=ref.score * 0.95,
                                )
                            ]
            if head.ent_type_ == "PERSON":
                return [ActorRef(start, end, head.i, None, None, "person-unknown", 0.3, name, "person")]
            if head.ent_type_ == "ORG" and not mods:
                # "The Ogaden National Liberation Front (ONLF) declared a ceasefire": a named
                # organisation the knowledge base lacks is still the one who acts; no code known.
                return [ActorRef(start, end, head.i, None, None, "org-unknown", 0.3, name, "group")]

        # 3. A sector noun, with the country, organisation or group of its modifiers.
        if agent is not None:
            # "his counterpart, Italian President Sergio Mattarella": an apposition that names
            # someone says who it is better than any modifier.
            own = (
                [m for m in mods if m[2] not in ("poss", "poss-person")]
                if head.lemma_.lower() == "counterpart"
                else mods
            )
            for child in head.rights if not own else ():
                if child.dep_ == "appos" and child.pos_ == "PROPN":
                    named = [r for r in resolve_other(child) if r.entity is not None]
                    if named:
                        # "The Minister for Interior <known name>": the title before the name is
                        # the office, as it is for "Interior Minister <known name>"
                        office = agent.sector if agent.title else None
                        return [
                            replace(
                                r,
                                start=start,
                                end=child.right_edge.i + 1,
                                head=head.i,
                                rule=f"appos({r.rule})",
                                sector=r.sector or (office if r.kind == "person" else None),
                            )
                            for r in named
                        ]
            if head.lemma_.lower() == "counterpart":
                mods = [m for m in mods if m[2] not in ("poss", "poss-person")]  # his counterpart is not his
            affiliations = [(e, tok, how) for e, tok, how in mods]
            if chain_entity is not None and all(e.id != chain_entity.id for e, _, _ in affiliations):
                # (the name already found as a modifier: "Boko Haram fighters" is one group's)
                affiliations.append((chain_entity, head, "chain"))
            if not affiliations:
                affiliations = self.pp_affiliations(head, resolve_other)
                if affiliations:
                    start, end = self.np_bounds(head, include_pp=True)
            if not affiliations:
                # An apposition: "Kabulov, a Russian diplomat"
                for child in head.rights:
                    if child.dep_ == "appos":
                        for ref in resolve_other(child):
                            if ref.entity is not None:
                                affiliations.append((ref.entity, child, "appos"))
            # "Yemen's Houthi rebels": the group says more than its country does.
            group_countries = {e.country for e, _, _ in affiliations if e.kind in ("group", "igo")}
            if group_countries:
                affiliations = [
                    (e, t, h)
                    for e, t, h in affiliations
                    if not (e.kind == "state" and e.roles[0].code in group_countries)
                ]
            if affiliations:
                refs = []
                multi = len(affiliations) > 1
                last_left = max((tok.i for _, tok, _ in affiliations if tok.i < head.i), default=-1)
                for ent, tok, how in affiliations:
                    sector = agent.sector if ent.kind in ("state", "region") else None
                    tm = self.by_token.get(tok.i)
                    people = tm is not None and tm.primary is not None and tm.primary.sector == PEOPLE_SECTOR
                    if sector == "GOV" and agent.rank != "government" and people:
                        sector = "ELI"  # "Yoruba leaders" lead a people, not the state
                    if not multi:
                        s, e = start, end
                    elif tok.i == last_left:  # "Chinese, British and [Turkish companies]"
                        s, e = tok.i, head.i + 1
                    else:
                        s, e = self.np_bounds(tok)
                    person = (
                        agent.title
                        and head.tag_ in ("NN", "NNP")
                        and agent.rank not in ("group", "government")
                    )
                    kind = "person" if person else ent.kind
                    name = f"{ent.name} {agent.term}" if ent.kind in ("state", "region") else ent.name
                    refs.append(ActorRef(s, e, head.i, ent, sector, f"agent+{how}", 0.9, name, kind))
                return refs
            if agent.sector == "GOV" and agent.rank != "government":
                # "leaders of the opposition", "the spokesman of the rebel group": a role in a body
                # of another sector is that body's, not the government's
                for pobj in _pobjs(head, "of"):
                    body = [r for r in resolve_other(pobj) if r.entity is None and r.sector]
                    if body and body[0].sector not in ("GOV", None):
                        s, e = self.np_bounds(head, include_pp=True)
                        name = " ".join(t.text for t in head.doc[agent_start : head.i + 1])
                        kind = "person" if agent.title and head.tag_ in ("NN", "NNP") else "agent"
                        sector = body[0].sector
                        return [ActorRef(s, e, head.i, None, sector, "agent+pp-of-sector", 0.5, name, kind)]
            # No affiliation: a generic sector actor, to be placed by the discourse model; a
            # singular title ("the minister") is a person named earlier.
            person = agent.title and head.tag_ in ("NN", "NNP")
            name = " ".join(t.text for t in head.doc[agent_start : head.i + 1])
            kind = "person" if person else "agent"
            # "the Bush administration", "the Maduro government": a leader's surname says whose
            namesakes = (
                self._namesakes([t for t in chain if t.i < head.i and t.pos_ == "PROPN"])
                if agent.rank == "government"
                else ()
            )
            return [
                ActorRef(
                    start,
                    end,
                    head.i,
                    None,
                    agent.sector,
                    "agent+surname" if namesakes else "agent",
                    0.5,
                    name,
                    kind,
                    agent.rank,
                    namesakes=namesakes,
                )
            ]

        # 4. "Western nations", "his country", "Arab states": the modifier's country or region.
        lemma = head.lemma_.lower()
        if lemma in STATE_HEADS or lemma in GENERIC_STATE_HEADS:
            # "the former Soviet nations in Central Asia": the region named is more precise; not
            # when a list of countries names the parties ("the Turkish and Greek sides of the
            # island of Cyprus")
            listed = {e.id for e, _, how in mods if e.kind == "state" and how in ("adjective", "name")}
            for child in head.rights if len(listed) < 2 else ():
                if child.dep_ == "prep" and child.lower_ in ("in", "of"):
                    for pobj in child.children:
                        regions = [
                            r
                            for r in resolve_other(pobj)
                            if r.entity is not None
                            and r.entity.kind in ("region", "state")
                            and r.kind != "person"
                        ]
                        if regions:
                            s2, e2 = self.np_bounds(head, include_pp=True)
                            return [
                                ActorRef(
                                    s2,
                                    e2,
                                    head.i,
                                    r.entity,
                                    # "a member of the Syrian parliament" sits in the body the
                                    # phrase names: keep its sector (SYRLEG is not SYR, the state)
                                    r.sector if r.entity.kind == "state" else None,
                                    f"state-head+pp-{child.lower_}",
                                    0.8,
                                    r.entity.name,
                                    r.entity.kind,
                                )
                                for r in regions
                            ]
            if lemma in RELATIONAL_HEADS:
                # "its Gulf allies", "Russia's neighbours": the possessor is the other party
                mods = [m for m in mods if m[2] not in ("poss", "poss-person")]
            if mods:
                refs = []
                for ent, tok, how in mods:
                    s, e = (tok.i, tok.i + 1) if len(mods) > 1 and tok.i < head.i else (start, end)
                    refs.append(
                        ActorRef(s, e, head.i, ent, None, f"state-head+{how}", 0.85, ent.name, ent.kind)
                    )
                return refs
            if head.tag_ in ("NNS", "NNPS") and lemma in GENERIC_STATE_HEADS:
                return [
                    ActorRef(
                        start,
                        end,
                        head.i,
                        None,
                        None,
                        "generic-states",
                        0.4,
                        head.doc[start:end].text,
                        "generic",
                    )
                ]

        # 5. An organisation or group name inside the chain: "the UN Security Council".
        if chain_entity is not None:
            return [
                ActorRef(
                    start,
                    end,
                    head.i,
                    chain_entity,
                    None,
                    "kb:chain",
                    0.85,
                    chain_entity.name,
                    chain_entity.kind,
                )
            ]

        # 5b. "the Hezbollah group", "the Hamas movement": a known group named before a plain noun.
        groups = {e.id: e for e, _, how in mods if e.kind in ("group", "igo") and how in ("name", "alias")}
        if head.pos_ == "NOUN" and agent is None and len(groups) == 1:
            ent = next(iter(groups.values()))
            return [ActorRef(start, end, head.i, ent, None, "kb:group+noun", 0.85, ent.name, ent.kind)]

        # 6. Doers named by their country: "Palestinian prisoners rioted", "Iraqi Kurds
        # demonstrated", "Israeli army bulldozers demolished" (a sector noun in the chain gives
        # the sector). Only as the doer: elsewhere such a phrase is as often a topic or a thing
        # ("sharing data on Bolivian border crossings").
        states = [e for e, tok, how in mods if e.kind in ("state", "region") and how in ("adjective", "name")]
        named_people = head.pos_ == "PROPN" and head.ent_type_ == "NORP"  # "Iraqi Kurds"
        if (head.pos_ == "NOUN" or named_people) and len(states) == 1 and is_doer(head):
            agents = (self.agent_of(t)[0] for t in chain)
            sector = next((a.sector for a in agents if a is not None), None)
            ent = states[0]
            sector = sector or "CVL"  # its people, not its state
            return [ActorRef(start, end, head.i, ent, sector, "nationality+noun", 0.6, ent.name, ent.kind)]

        # 6b. Doers the KB has no noun for, from a body it can name: "Volunteers from three Swedish
        # charities sent blankets" act for the charities. Only "from" (critics "of" X are not X's)
        # and only as the doer (elsewhere "blankets from Sweden" are a thing).
        if head.pos_ == "NOUN" and agent is None and not mods and is_doer(head):
            for child in head.rights:
                if child.dep_ == "prep" and child.lower_ == "from":
                    for pobj in child.children:
                        named = [
                            r for r in resolve_other(pobj) if r.entity is not None and r.kind != "person"
                        ]
                        if len(named) == 1:
                            s2, e2 = self.np_bounds(head, include_pp=True)
                            r = named[0]
                            return [
                                replace(
                                    r,
                                    start=s2,
                                    end=e2,
                                    head=head.i,
                                    rule=f"from({r.rule})",
                                    score=r.score * 0.8,
                                )
                            ]

        # 7. A named organisation the KB does not know; a country in its name says whose it is
        # ("the Liberian Peace Council", "the Montenegro Assembly").
        if (
            (head.pos_ == "PROPN" or is_acronym(head))
            and head.ent_type_ in ("ORG", "NORP")
            and not head.is_stop
        ):
            own = {
                e.id: e
                for e, _, how in mods
                if e.kind == "state" and how in ("adjective", "name", "alias", "poss")
            }
            if len(own) == 1:
                ent = next(iter(own.values()))
                text = head.doc[start:end].text
                return [ActorRef(start, end, head.i, ent, None, "org-unknown+country", 0.5, text, "group")]
            return [
                ActorRef(
                    start, end, head.i, None, None, "org-unknown", 0.25, head.doc[start:end].text, "generic"
                )
            ]
        # 7b. The same with the organisation word in lower case, as news often writes it ("the
        # Hurriya party", "the Baath party"): a name before it the KB does not know
        # makes the phrase a named body, as "the Hurriya Party" is.
        if head.pos_ == "NOUN" and agent is None and not mods and head.lower_ in org_words():
            named = [
                c
                for c in head.lefts
                if (
                    (c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN")
                    # a name written in camel case ("the LetUsSpeak movement", "the MeToo
                    # campaign") is a name even where the tagger reads it as an adjective
                    or (c.dep_ == "amod" and _camel_case(c.text))
                )
                and c.text[:1].isupper()
                and not (self.by_token.get(c.i) and self.by_token[c.i].surfaces)
            ]
            if named:
                text = head.doc[start:end].text
                return [ActorRef(start, end, head.i, None, None, "org-unknown", 0.25, text, "group")]
        return []


def _camel_case(word: str) -> bool:
    """A word with a capital inside after a lower-case letter ("LetUsSpeak", "MeToo"): a
    coined name, not an English adjective."""
    return word.isalpha() and any(a.islower() and b.isupper() for a, b in itertools.pairwise(word))


def _name_compounds(name: Token) -> list[Token]:
    """The proper-noun words that compound, word by word, into a multi-word name's last word
    beyond its own children ("Montenegro" in "Montenegro Municipality Association")."""
    out = []
    for child in name.children:
        if child.dep_ == "compound" and child.pos_ == "PROPN":
            out.extend(g for g in child.children if g.dep_ == "compound" and g.pos_ == "PROPN")
            out.extend(_name_compounds(child))
    return out


def _pobjs(head: Token, prep: str) -> list[Token]:
    """The objects of the head's own `prep` phrases ("leaders [of] the opposition")."""
    return [
        g
        for c in head.rights
        if c.dep_ == "prep" and c.lower_ == prep
        for g in c.children
        if g.dep_ == "pobj"
    ]
