"""Coreference inside one article: pronouns, definite descriptions and repeated names.

"Moscow affirmed that it will ..." -> it = Moscow (the subject of the clause above);
"China ... Earlier this month, it became ..." -> it = China (the last subject that fits);
"the minister" -> the last minister named; "the group" -> the Taliban; "the kingdom" ->
the last monarchy; "his country" -> the country of "his"; "we" in a quote -> the speaker's
country; a bare "Kabulov" -> the person introduced earlier as Putin's representative.
The rules are deliberately simple and explainable: every resolution names its rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from detente.actors.kb import KnowledgeBase
from detente.actors.matcher import SurfaceMatch, SurfaceMatcher
from detente.actors.resolver import PRONOUNS, STATE_SECTORS, ActorRef, NounPhraseResolver

SPEECH_LEMMAS = {"say", "tell", "add", "state", "declare", "announce", "write", "insist", "stress", "explain"}
DEFINITE_DETS = {"the", "this", "that", "these", "those"}
NOMINAL_POS = {"NOUN", "PROPN", "PRON"}
NON_PERSON_KINDS = {"state", "igo", "group", "region"}
# A country's people and notables, as opposed to its state organs or its organised sectors.
PEOPLE_SECTORS = frozenset({"CVL", "ELI"})
PLURAL_PRONOUNS = {"they", "them", "their", "themselves", "theirs"}
PERSON_PRONOUNS = {"he", "him", "his", "himself", "she", "her", "herself", "hers"}
IT_PRONOUNS = {"it", "its", "itself"}
WE_PRONOUNS = {"we", "us", "our", "ourselves", "ours"}
# "I appeal to ...," the secretary-general said: in a quote the first person singular is the speaker.
I_PRONOUNS = {"i", "me", "my", "myself", "mine"}
GROUP_NOUNS = {
    "group",
    "movement",
    "militants",
    "militant",
    "insurgents",
    "insurgent",
    "rebels",
    "rebel",
    "fighters",
    "organization",
    "organisation",
    "faction",
    "outfit",
    "militia",
    "network",
}
STATE_NOUNS = {
    "country",
    "nation",
    "state",
    "government",
    "regime",
    "administration",
    "kingdom",
    "emirate",
    "republic",
    "sultanate",
    "island",
    "federation",
    "principality",
}
ORG_NOUNS = {
    "bloc",
    "alliance",
    "body",
    "organization",
    "organisation",
    "agency",
    "union",
    "council",
    "court",
    "bank",
    "fund",
    "coalition",
}


@dataclass
class _Seen:
    ref: ActorRef
    sentence: int
    subject: bool


@dataclass
class SentenceActors:
    """Actor references for the noun-phrase heads of one sentence, by doc token index."""

    span: Span
    index: int
    refs: dict[int, list[ActorRef]] = field(default_factory=dict)
    matches: list[SurfaceMatch] = field(default_factory=list)

    def at(self, token: Token) -> list[ActorRef]:
        return self.refs.get(token.i, [])

    def mentions(self) -> list[ActorRef]:
        """Every distinct actor mention in the sentence, in text order; where two readings share
        a stretch of text ("Chinese" as CHN and as CHNBUS), the more specific one."""
        best: dict[tuple[int, int], ActorRef] = {}
        for refs in self.refs.values():
            for r in refs:
                if r.entity is None and not r.sector:
                    continue
                key = (r.start, r.end)
                old = best.get(key)
                if old is None or (r.sector is not None, r.score) > (old.sector is not None, old.score):
                    best[key] = r
        return sorted(best.values(), key=lambda r: r.start)


# Prepositions that say where, not towards whom: a country named through them may still be
# the one a titled person belongs to ("shortened the curfew imposed in Sudan").
PLACE_PREPS = frozenset({"in", "at", "inside", "within", "across", "throughout", "around", "near"})


def _acted_on_by(person: Token, word: Token) -> bool:
    """Is `word` (a country's name) an argument of what `person` does, other than a place:
    "President Bush threatened action against Russia", "Tutu called for sanctions against
    Nigeria"? Such a country is the other side, not the person's own."""
    verb = person.head
    if person.dep_ not in ("nsubj", "nsubjpass") or verb.i == person.i:
        return False
    cur = word
    for _ in range(6):
        if cur.head.i == cur.i or cur.dep_ in ("relcl", "acl", "advcl", "ccomp", "nsubj", "nsubjpass"):
            return False
        if cur.dep_ == "pobj" and cur.head.lower_ in PLACE_PREPS:
            return False
        cur = cur.head
        if cur.i == verb.i:
            return True
    return False


class ArticleActors:
    """Runs actor resolution sentence by sentence, keeping the article's discourse history."""

    def __init__(self, kb: KnowledgeBase, matcher: SurfaceMatcher) -> None:
        self.kb = kb
        self.matcher = matcher
        self.np = NounPhraseResolver(kb, matcher)
        self.history: list[_Seen] = []
        self.names: dict[str, ActorRef] = {}  # surname/last name -> the person it named
        # Where those full names were written: a part of a name inside its own full name
        # ("Khalifa" in "Hamad bin Khalifa al-Thani") is not a second mention of the person.
        self._named_at: list[tuple[Doc, int, int]] = []
        self.countries: list[tuple[int, ActorRef]] = []  # (sentence, state mention), for "the ministry"
        self._current: SentenceActors | None = None
        self._resolving: set[int] = set()

    # --- public -------------------------------------------------------------------------------
    def process(self, span: Span, index: int) -> SentenceActors:
        """Resolve every noun-phrase head of a sentence, left to right, and remember them."""
        matches = self.matcher.find(span)
        self.np.set_matches(matches)
        self._current = SentenceActors(span, index, matches=matches)
        for tok in span:
            match = self.np.by_token.get(tok.i)
            named = match is not None and match.surfaces and match.end - 1 == tok.i
            if tok.pos_ in NOMINAL_POS or named:
                if tok.dep_ in ("compound", "flat") and not named:
                    continue
                self.resolve(tok)
        # Remember what this sentence said, for later pronouns and descriptions.
        for refs in self._current.refs.values():
            for r in refs:
                if r.entity is not None or r.kind == "person":
                    head = span.doc[r.head]
                    subj = head.dep_ in ("nsubj", "nsubjpass")
                    # later sentences may live in other docs: keep what they need of this one
                    self.history.append(_Seen(replace(r, plural=head.tag_ in ("NNS", "NNPS")), index, subj))
                    if r.entity is not None and r.entity.kind == "state":
                        self.countries.append((index, r))
        for m in matches:
            p = m.primary
            if p is not None and p.entity.kind == "state":
                self.countries.append(
                    (
                        index,
                        ActorRef(
                            m.start, m.end, m.start, p.entity, None, "kb:mention", 0.5, p.entity.name, "state"
                        ),
                    )
                )
        out = self._current
        self._current = None
        return out

    def resolve(self, tok: Token) -> list[ActorRef]:
        """Actor references for one token (memoised for the current sentence)."""
        cur = self._current
        assert cur is not None, "resolve() is only valid inside process()"
        if tok.i in cur.refs:
            return cur.refs[tok.i]
        if tok.i in self._resolving:  # a cycle through appositions or possessors
            return []
        self._resolving.add(tok.i)
        try:
            refs = self._resolve(tok)
        finally:
            self._resolving.discard(tok.i)
        cur.refs[tok.i] = refs
        return refs

    # --- internals ---------------------------------------------------------------------------------
    def _resolve(self, tok: Token) -> list[ActorRef]:
        low = tok.lower_
        acronym = len(tok.text) > 1 and tok.text.isupper()  # "US" is a country, not "us"
        if (tok.pos_ == "PRON" or low in PRONOUNS) and not acronym:
            return self._pronoun(tok)
        refs = self.np.resolve(tok, self.resolve)
        if refs and not self._bare_name(tok, refs):
            refs = [self._place_generic(tok, r) for r in refs]
            for r in refs:
                if r.kind == "person" and (r.entity is not None or r.sector):
                    for part in self._name_parts(tok.doc, r):
                        self.names[part] = r
                    self._named_at.append((tok.doc, r.start, r.end))
            return refs
        # A bare surname introduced earlier ("Kabulov said ..."); with family names written
        # first ("Wang Yi" ... "Wang") any part of the full name may come back alone.
        if tok.pos_ == "PROPN" and tok.text in self.names and not self._in_full_name(tok):
            prev = self.names[tok.text]
            s, e = self.np.np_bounds(tok)
            return [prev.moved(s, e, tok.i, f"coref:name({prev.rule})", prev.score * 0.95)]
        # "the minister", "the group", "the kingdom", "his country".
        return self._description(tok)

    def _bare_name(self, tok: Token, refs: list[ActorRef]) -> bool:
        """A lone proper name resolved to nobody known, which an earlier full name may explain."""
        return (
            tok.pos_ == "PROPN"
            and tok.text in self.names
            and not self._in_full_name(tok)
            and all(r.entity is None and not r.sector for r in refs)
            and all(r.end - r.start == 1 for r in refs)
        )

    def _in_full_name(self, tok: Token) -> bool:
        return any(d is tok.doc and s <= tok.i < e for d, s, e in self._named_at)

    def _name_parts(self, doc: Doc, ref: ActorRef) -> list[str]:
        """The words of a person's name: its head and the other proper nouns of the mention.

        Why: later sentences often shorten a name to one part, and which part depends on the
        naming order ("Kabulov" for "Zamir Kabulov", "Wang" for "Wang Yi"). Proper nouns that
        name something else (the country in "India's minister") are left out.
        """
        parts = [doc[ref.head].text]
        for t in doc[ref.start : ref.end]:
            if t.i == ref.head or t.pos_ != "PROPN" or not t.text.isalpha() or len(t.text) < 3:
                continue
            m = self.np.by_token.get(t.i)
            p = m.primary if m is not None else None
            if p is not None and p.entity.kind != "person":
                continue
            parts.append(t.text)
        return parts

    def _place_generic(self, tok: Token, ref: ActorRef) -> ActorRef:
        """A sector noun with no country ("the Foreign Ministry") takes the country in context."""
        if ref.entity is not None or not ref.sector or ref.kind == "generic":
            return ref
        given = ref.name.split()[0].lower() if len(ref.name.split()) > 1 else None
        if (
            given is not None
            and any(e.name.split()[0].lower() == given for e in ref.namesakes)
            and ref.namesake_country(None) is not None
        ):
            # "former president Carlos Menem ... arms sales to Croatia": a known holder of the
            # title with that given name and surname says the country better than a country
            # named nearby (a bare "President Halvorsen" may be anyone's)
            return ref
        has_det = any(c.dep_ == "det" and c.lower_ in DEFINITE_DETS for c in tok.children)
        if not has_det and tok.pos_ != "PROPN":
            home = self._state_acting_on(tok, ref)
            if home is None:
                return ref
            return replace(
                ref,
                entity=home.entity,
                rule=f"{ref.rule}+acting-state-country",
                score=0.55,
                name=f"{home.entity.name} {ref.name}",
            )
        if ref.kind == "person" and tok.pos_ != "PROPN":  # "the minister": a person named earlier
            # a known person whose office has this title beats the nearest person ("Imran Khan
            # visited Donald Trump, and the president ...": the president is Trump)
            prev = self._antecedent(tok, lambda r: _holds_title(r, tok.lemma_.lower()), window=4)
            prev = prev or self._antecedent(
                tok,
                lambda r: (
                    r.kind == "person"
                    and (r.sector == ref.sector or (r.entity is not None and r.entity.kind == "person"))
                ),
                window=4,
            )
            if prev is not None:
                return prev.moved(
                    ref.start, ref.end, ref.head, f"coref:title({prev.rule})", prev.score * 0.85
                )
        country = self._context_country(tok, ref.kind == "person" and tok.pos_ == "PROPN")
        if country is None and ref.kind == "person" and tok.pos_ == "PROPN":
            # "President Omar el-Bashir shortened the curfew imposed in Sudan": a titled person
            # of no known country most often belongs to the country the sentence names.
            country = self._sentence_country(tok)
        if country is not None:
            return replace(
                ref,
                entity=country.entity,
                rule=f"{ref.rule}+context-country",
                score=0.6 if ref.kind != "person" else 0.5,
                name=f"{country.entity.name} {ref.name}" if ref.kind != "person" else ref.name,
            )
        return ref

    def _state_acting_on(self, tok: Token, ref: ActorRef) -> ActorRef | None:
        """The state whose own organ acts on a group of people that names no country:
        "Egyptian police dispersed demonstrators", "the Sri Lankan army held refugees", "the
        government ordered the opposition newspaper to close". News of a state acting on
        people inside it leaves their country unsaid; it is the state's."""
        if ref.kind == "person" or (ref.sector or "").startswith(STATE_SECTORS):
            return None
        head = tok
        for _ in range(3):  # "demonstrators and students", "thousands of refugees"
            if head.dep_ == "conj" and head.head.i != head.i:
                head = head.head
            elif head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.pos_ in ("NOUN", "NUM"):
                head = head.head.head
        if head.dep_ in ("dobj", "dative", "nsubjpass"):
            verb = head.head
        elif head.dep_ == "pobj" and head.head.dep_ in ("prep", "agent") and head.head.head.pos_ == "VERB":
            verb = head.head.head
        else:
            return None
        cur = self._current
        assert cur is not None
        for _ in range(4):  # "opened fire to disperse demonstrators": the subject of the clause above
            doers = [c for c in verb.children if c.dep_ == "nsubj"]
            for doer in doers:
                for r in cur.refs.get(doer.i, []):
                    state_organ = (r.sector or "").startswith(STATE_SECTORS)
                    if r.entity is not None and r.entity.kind == "state" and state_organ:
                        return r
            if doers or verb.dep_ not in ("xcomp", "conj", "advcl") or verb.head.i == verb.i:
                return None
            verb = verb.head
        return None

    def _sentence_country(self, tok: Token) -> ActorRef | None:
        cur = self._current
        assert cur is not None
        excluded = self._clause_subjects(tok)
        # countries that already qualify someone else ("Russian" in "Russian Foreign Minister X")
        taken = {
            i
            for h, refs in cur.refs.items()
            if h != tok.i
            for r in refs
            if r.entity is not None and r.start < r.head
            for i in range(r.start, r.end)
        }
        states = [
            m
            for m in cur.matches
            if m.primary is not None
            and m.primary.entity.kind == "state"
            and m.primary.entity.id not in excluded
            and not (m.start <= tok.i < m.end)
            and m.start not in taken
            and not _acted_on_by(tok, tok.doc[m.end - 1])
            and not _qualifies_other(tok, m)
        ]
        if not states:
            return None
        m = min(states, key=lambda m: abs(m.start - tok.i))
        p = m.primary
        assert p is not None
        return ActorRef(m.start, m.end, m.start, p.entity, None, "kb:mention", 0.4, p.entity.name, "state")

    def _context_country(self, tok: Token, ref_is_person: bool = False) -> ActorRef | None:
        """The country a bare sector noun belongs to: the last country named before it in the
        sentence, else in the last two sentences, never the subject acting on it. For a titled
        person's name, not an adjective that describes other people ("British nationals")."""
        cur = self._current
        assert cur is not None
        excluded = self._clause_subjects(tok)
        for m in reversed(cur.matches):
            p = m.primary
            if (
                m.start < tok.i
                and p is not None
                and p.entity.kind == "state"
                and p.entity.id not in excluded
                and not (ref_is_person and _qualifies_other(tok, m))
            ):
                return ActorRef(
                    m.start, m.end, m.start, p.entity, None, "kb:mention", 0.5, p.entity.name, "state"
                )
        for sent_i, r in reversed(self.countries):
            if sent_i < cur.index - 2:
                break
            if sent_i < cur.index and r.entity_id not in excluded:
                return r
        return None

    def _pronoun(self, tok: Token) -> list[ActorRef]:
        low = tok.lower_
        doc = tok.doc
        if low in WE_PRONOUNS or low in I_PRONOUNS:
            speaker = self._speaker(tok)
            if speaker is not None:
                return [
                    speaker.moved(
                        tok.i, tok.i + 1, tok.i, f"coref:we->speaker({speaker.rule})", speaker.score * 0.8
                    )
                ]
            return []
        if low in IT_PRONOUNS:

            def ok(r: ActorRef) -> bool:
                # a named body the KB lacks ("The Hurriya party said it will ...") is an "it" too
                known = r.entity is not None and r.entity.kind in NON_PERSON_KINDS
                return (known or r.rule == "org-unknown") and r.kind != "person"
        elif low in PERSON_PRONOUNS:

            def ok(r: ActorRef) -> bool:
                return r.kind == "person"
        elif low in PLURAL_PRONOUNS:

            def ok(r: ActorRef) -> bool:
                many = r.plural if r.plural is not None else doc[r.head].tag_ in ("NNS", "NNPS")
                return (
                    (r.entity is not None and (r.entity.plural or r.entity.kind in ("group", "region")))
                    or (r.kind in ("agent", "generic") and many)
                    # "Iraqi Kurds said they ...", "Yoruba leaders said they ...": a country's
                    # people (not its state's organs) named by a plural noun
                    or (
                        r.entity is not None
                        and r.entity.kind == "state"
                        and r.sector in PEOPLE_SECTORS
                        and many
                    )
                )
        else:
            return []
        # "it" in "expletive" use ("it appears", "it is") is not a reference.
        if (
            low == "it"
            and tok.dep_ in ("nsubj", "nsubjpass")
            and tok.head.lemma_ in ("appear", "seem", "be", "rain")
            and any(c.dep_ in ("ccomp", "xcomp", "acomp", "attr") for c in tok.head.children)
            and tok.head.lemma_ != "be"
        ):
            return []
        ante = self._antecedent(tok, ok)
        if ante is None:
            ante = self._reporting_speaker(tok)
        if ante is None:
            return []
        ref = ante.moved(tok.i, tok.i + 1, tok.i, f"coref:pronoun({ante.rule})", ante.score * 0.85)
        cur = self._current
        if cur is not None and any(ante is r for refs in cur.refs.values() for r in refs):
            # "The Pentagon said it hit ...": the antecedent names the actor in this sentence
            ref = replace(ref, origin=ante.origin or (ante.start, ante.end))
        return [ref]

    def _reporting_speaker(self, tok: Token) -> ActorRef | None:
        """ "The strikers' leader said they will not end the strike", "union chief X said they will
        boycott the talks": a "they" subject of what one person reports, with nothing else to
        refer to, is the speaker's side (a spokesman's "they" is the body he speaks for). Only a
        fallback: any earlier mention that fits the pronoun is taken first. (A plural or a body
        speaking of itself, "farmers said they would ...", the coder reads as the speaker.)"""
        low = tok.lower_
        clause = tok.head
        if (
            low != "they"
            or tok.dep_ not in ("nsubj", "nsubjpass")
            or clause.dep_ != "ccomp"
            or clause.head.lemma_.lower() not in SPEECH_LEMMAS
        ):
            return None
        cur = self._current
        assert cur is not None
        if self._plural_before(tok, clause.head):
            return None  # "doctors walked out, and the minister said they ...": the doctors, likely
        for subj in clause.head.children:
            if subj.dep_ != "nsubj" or subj.i > tok.i or subj.lower_ in PRONOUNS:
                continue
            refs = [r for r in self.resolve(subj) if r.head == subj.i and r.kind == "person"]
            if refs and subj.tag_ not in ("NNS", "NNPS"):
                return refs[0]
        return None

    def _plural_before(self, tok: Token, speech: Token) -> bool:
        """Whether an actor named by a plural noun (outside the speaker's own phrase, "teachers'
        union chief") comes before `tok` in its sentence or the one before it: a group "they"
        may mean, which the speaker fallback must not override."""
        cur = self._current
        assert cur is not None
        doc = tok.doc
        speaker = {t.i for c in speech.children if c.dep_ == "nsubj" for t in c.subtree}
        if any(
            i < tok.i and i not in speaker and refs and doc[i].tag_ in ("NNS", "NNPS")
            for i, refs in cur.refs.items()
        ):
            return True
        return any(
            s.sentence >= cur.index - 1 and s.sentence < cur.index and s.ref.plural for s in self.history
        )

    def _clause_subjects(self, tok: Token) -> set[str]:
        """Entities that cannot be what `tok` refers to: the subject of its own clause, when
        `tok` is an object ("Paris suspended aid to the country": the country is not France).
        Possessives and reflexives may refer to the subject ("its troops", "itself")."""
        if tok.dep_ in ("nsubj", "nsubjpass", "poss") or tok.lower_.endswith(("self", "selves")):
            return set()
        cur = self._current
        assert cur is not None
        verb = tok.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            owners = [c for c in verb.children if c.dep_ == "poss" and c.i != tok.i]
            if owners and verb.pos_ in ("NOUN", "PROPN"):
                # "Kuwait marked Iraq's invasion of the emirate": a noun with its own possessor
                # is the object's domain; its possessor is excluded, the clause's subject is not
                return {r.entity_id for c in owners for r in cur.refs.get(c.i, []) if r.entity_id}
            verb = verb.head
        out: set[str] = set()
        for _ in range(4):  # "Paris criticized X and suspended aid to Y": conjoined verbs share it
            subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i != tok.i]
            for c in subjects:
                for h in [c, *c.conjuncts]:
                    out.update(r.entity_id for r in cur.refs.get(h.i, []) if r.entity_id)
            if subjects or verb.dep_ != "conj":
                break
            verb = verb.head
        return out

    def _clause_subject_heads(self, tok: Token) -> set[int]:
        """The words heading the subject of `tok`'s own clause, when `tok` is an object: a
        pronoun object is never its own clause's subject ("Police arrested protesters and beat
        them": them is not the police), whatever the subject is known as. An infinitive with no
        subject of its own takes its governing verb's ("held civilians to use them as shields")."""
        if tok.dep_ in ("nsubj", "nsubjpass", "poss") or tok.lower_.endswith(("self", "selves")):
            return set()
        verb = tok.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            if verb.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "poss" for c in verb.children):
                return set()  # "Iraq's invasion of it": the noun's possessor is its own domain
            verb = verb.head
        for _ in range(4):
            subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i != tok.i]
            if subjects:
                return {h.i for c in subjects for h in (c, *c.conjuncts)}
            infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
            # "asked Iran to help them": an object-controlled infinitive's subject is that object
            controlled = verb.dep_ == "advcl" or (
                verb.dep_ == "xcomp" and not any(c.dep_ in ("dobj", "dative") for c in verb.head.children)
            )
            if not (verb.dep_ == "conj" or (infinitive and controlled)) or verb.head.i == verb.i:
                break
            verb = verb.head
        return set()

    def _antecedent(self, tok: Token, ok, window: int = 3) -> ActorRef | None:
        """The most salient earlier mention that satisfies `ok`.

        Order: the subject of a clause that governs the pronoun ("Moscow affirmed that it ..."),
        then earlier mentions in the same sentence (subjects first), then subjects of the
        previous sentences, then any recent mention.
        """
        cur = self._current
        assert cur is not None
        excluded = self._clause_subjects(tok)
        subject_heads = self._clause_subject_heads(tok)
        if excluded or subject_heads:
            inner = ok

            def ok(r: ActorRef) -> bool:  # the same test, minus the clause's subject
                own_subject = any(r is x for h in subject_heads for x in cur.refs.get(h, []))
                return inner(r) and r.entity_id not in excluded and not own_subject

        for anc in tok.ancestors:
            for child in anc.children:
                if child.dep_ in ("nsubj", "nsubjpass") and child.i < tok.i and child.i != tok.i:
                    if child.lower_ in ("which", "that", "who") and anc.dep_ == "relcl":
                        child = anc.head  # "the SCO, which emphasizes ... its members"
                    for r in cur.refs.get(child.i, []):
                        if ok(r):
                            return r
        same = [r for i, refs in cur.refs.items() if i < tok.i for r in refs if ok(r)]
        # "67 British nationals, most of the Asians, ...": a mention inside another's apposition
        # only describes it; the pronoun goes back to the phrase it describes
        heads = {r.head for r in same}
        same = [
            r
            for r in same
            if not any(
                a.dep_ == "appos" and a.head.i in heads for a in [tok.doc[r.head], *tok.doc[r.head].ancestors]
            )
        ] or same
        if same:
            subj = [r for r in same if tok.doc[r.head].dep_ in ("nsubj", "nsubjpass")]
            return (subj or same)[-1]
        recent = [s for s in self.history if s.sentence >= cur.index - window and ok(s.ref)]
        if not recent:
            return None
        last_sentence = max(s.sentence for s in recent)
        in_last = [s for s in recent if s.sentence == last_sentence]
        subj = [s for s in in_last if s.subject]
        return (subj or in_last)[0 if subj else -1].ref

    def _speaker(self, tok: Token) -> ActorRef | None:
        """Who is speaking in the sentence (for "we" inside a quote): the subject of say/tell."""
        span = self._current.span if self._current else tok.sent
        for t in span:
            if t.lemma_ in SPEECH_LEMMAS and t.i != tok.i:
                for c in t.children:
                    if c.dep_ == "nsubj" and c.i != tok.i:
                        for r in self.resolve(c):
                            if r.entity is not None and r.entity.kind == "state":
                                return r
                            if r.entity is not None and r.kind == "person":
                                role = r.entity.role_at(None)
                                st = self.kb.state(role.country) if role and role.country else None
                                if r.entity.kind in ("state",):
                                    return replace(r, sector=r.sector or "GOV", kind="state")
                                if st is not None:
                                    return ActorRef(
                                        r.start,
                                        r.end,
                                        r.head,
                                        st,
                                        "GOV",
                                        "speaker-country",
                                        r.score,
                                        st.name,
                                        "state",
                                    )
                            if r.entity is not None:
                                return r
        return None

    def _description(self, tok: Token) -> list[ActorRef]:
        if tok.pos_ not in ("NOUN", "PROPN"):
            return []
        lemma = tok.lemma_.lower()
        dets = {c.lower_ for c in tok.children if c.dep_ == "det"}
        poss = [c for c in tok.children if c.dep_ == "poss"]
        s, e = self.np.np_bounds(tok)
        # "his country", "its government": the country of the possessor.
        if poss and lemma in STATE_NOUNS:
            for r in self.resolve(poss[0]):
                ent = r.entity
                if ent is None:
                    continue
                if ent.kind == "state":
                    return [
                        ActorRef(
                            s,
                            e,
                            tok.i,
                            ent,
                            "GOV" if lemma == "government" else None,
                            f"coref:poss-country({r.rule})",
                            r.score * 0.9,
                            ent.name,
                            "state",
                        )
                    ]
                role = ent.role_at(None)
                st = self.kb.state(role.country) if role and role.country else None
                if st is not None:
                    return [
                        ActorRef(
                            s,
                            e,
                            tok.i,
                            st,
                            "GOV" if lemma == "government" else None,
                            f"coref:poss-country({r.rule})",
                            r.score * 0.85,
                            st.name,
                            "state",
                        )
                    ]
            return []
        if not dets & DEFINITE_DETS or tok.dep_ == "attr":  # "it became the first nation to ..."
            return []
        if lemma in GROUP_NOUNS or tok.lower_ in GROUP_NOUNS:
            ante = self._antecedent(
                tok, lambda r: r.entity is not None and r.entity.kind == "group", window=5
            )
            if ante is not None:
                return [ante.moved(s, e, tok.i, f"coref:description({ante.rule})", ante.score * 0.8)]
        if lemma in STATE_NOUNS:

            def ok(r: ActorRef) -> bool:
                ent = r.entity
                if ent is None or ent.kind != "state" or r.kind == "person":
                    return False
                if lemma in ("country", "nation", "state", "government", "regime", "administration"):
                    return True
                return lemma in ent.descriptors or (lemma == "kingdom" and ent.monarchy)

            ante = self._antecedent(tok, ok, window=6)
            if ante is not None:
                sector = "GOV" if lemma in ("government", "regime", "administration") else None
                # "Bangladesh said ..., the first time the country has ...": a country named in
                # this sentence is mentioned by its name when the description is a doer, as for
                # a pronoun (one acted on keeps its own words: "Russia's invasion of the country")
                cur = self._current
                here = (
                    cur is not None
                    and tok.dep_ in ("nsubj", "nsubjpass")
                    and any(ante is r for refs in cur.refs.values() for r in refs)
                )
                return [
                    ActorRef(
                        s,
                        e,
                        tok.i,
                        ante.entity,
                        sector,
                        f"coref:description({ante.rule})",
                        ante.score * 0.8,
                        ante.entity.name if ante.entity else ante.name,
                        "state",
                        origin=(ante.origin or (ante.start, ante.end)) if here else None,
                    )
                ]
        if lemma in ORG_NOUNS:
            ante = self._antecedent(
                tok,
                lambda r: r.entity is not None and r.entity.kind == "igo" and lemma in r.entity.descriptors,
                window=5,
            )
            if ante is not None:
                return [ante.moved(s, e, tok.i, f"coref:description({ante.rule})", ante.score * 0.8)]
        return []


def _holds_title(ref: ActorRef, word: str) -> bool:
    """Is the mention a known person whose office's title has this word ("president")?"""
    if ref.entity is None or ref.entity.kind != "person":
        return False
    role = ref.entity.role_at(None)
    title = (role.title or "").lower() if role is not None else ""
    return word in title.replace("-", " ").split()


def _qualifies_other(tok: Token, m: SurfaceMatch) -> bool:
    """Is the match a country adjective that describes other people or things that some act is
    done to ("paid 67 elderly British nationals", "sold Iranian oil")? It says who they are, not
    whose the titled person is. A subject's adjective still may ("Malian rebels announced that
    President Keita must ...")."""
    p = m.primary
    if p is None or p.how != "adjective":
        return False
    last = tok.doc[m.end - 1]
    other = last.head
    return (
        last.dep_ in ("amod", "compound", "nmod")
        and other.i != tok.i
        and other.pos_ == "NOUN"
        and other.dep_ not in ("nsubj", "nsubjpass")
    )
