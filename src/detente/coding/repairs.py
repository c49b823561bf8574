"""Repairs of parses the tagger and parser get wrong in a way the coder cannot read round.

A report whose reporting clause comes after its content ("Croatian authorities are failing to
uphold refugees' rights, a human rights group protested Wednesday.") is often parsed with the
reporting verb as a participle modifying the noun before it ("... refugees, a human rights group
[protested]"): the report then has no speaker and the content no reporter, and no event is coded.
`reattach_trailing_reports` puts such a verb back as the sentence's main verb, the noun phrase as
its subject and the content clause as its complement, as the parser does when it reads the
sentence right ("Police are harassing journalists, an opposition party complained Tuesday.").

More repairs of the same kind: `attach_adjective_particles` makes the adjective of a verb +
adjective pair that works as one verb ("let free", "make available"; adjective_particles.txt)
the verb's particle, `reattach_participle_objects` gives "detained dozens of women marching in
X" its object back, `reattach_reduced_relatives` makes the real main verb of "Hackers linked
to X launched attacks" the root again (`reattach_parenthetical_participles` that of "X, held
captive in Y, have been freed"), and `reattach_named_postings` gives "received the envoy
to X, NAME," one object, and `detach_clause_appositions` takes "..., the second assault in two
days" at a sentence's end back from the verb it was made a second object of;
`reattach_as_clauses` reads "used tear gas as traders staged a protest" as "as" + clause, and
`reattach_named_participles` "an ultimatum to Damascus warning of X" as a name + participle.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from detente.coding.tables import data_lines

REPORTING_FILE = "reporting_verbs.txt"
PARTICLES_FILE = "adjective_particles.txt"
VERB_LEMMAS_FILE = "verb_lemmas.tsv"
# How the parser hangs a resultative adjective on its verb ("set the hostages [free]").
RESULT_DEPS = frozenset({"advcl", "oprd", "acomp", "xcomp", "ccomp"})
# What a reporting verb may carry when it ends the sentence: a time, a place word, a manner
# ("protested here Wednesday", "said on Monday", "charged angrily").
TRAILING_DEPS = frozenset({"advmod", "npadvmod", "prep", "punct", "tmod", "obl"})
# Where the parser hangs the speaker's noun phrase on the content clause.
SPEAKER_DEPS = frozenset({"appos", "dobj", "pobj", "attr", "conj", "npadvmod", "oprd"})


@lru_cache(maxsize=1)
def reporting_verbs() -> frozenset[str]:
    """Lemmas of reporting verbs, from the package's reporting_verbs.txt."""
    return frozenset(w.strip().lower() for w in data_lines(REPORTING_FILE))


@lru_cache(maxsize=1)
def verb_lemmas() -> dict[str, str]:
    """Verb form -> lemma, from the package's verb_lemmas.tsv."""
    rows = (line.split("\t") for line in data_lines(VERB_LEMMAS_FILE))
    return {r[0].strip().lower(): r[1].strip().lower() for r in rows if len(r) == 2 and r[0] != "form"}


def repair_verb_lemmas(doc: Doc) -> Doc:
    """ "hopes", "waged", "staged" come out of the model's lemmatizer as "hop", "wag", "stag"
    (verb_lemmas.tsv says why); a verb's lemma is what the coder looks its rows up by."""
    fixes = verb_lemmas()
    for t in doc:
        if t.tag_.startswith("VB") and t.lower_ in fixes:
            t.lemma_ = fixes[t.lower_]
    return doc


@lru_cache(maxsize=1)
def adjective_particles() -> frozenset[tuple[str, str]]:
    """(verb lemma, adjective) pairs from the package's adjective_particles.txt."""
    pairs = (line.split() for line in data_lines(PARTICLES_FILE))
    return frozenset((p[0].lower(), p[1].lower()) for p in pairs if len(p) == 2)


def attach_adjective_particles(doc: Doc) -> Doc:
    """ "Yemen let free activists", "rebels set the hostages free": the parser makes "free" an
    adjective of the object or a clause of its own, so the verb looks like a bare "let" or "set";
    the adjective is the verb's particle (as "released" would be one word), and becomes one."""
    pairs = adjective_particles()
    for verb in doc:
        if not verb.tag_.startswith("VB") or verb.i + 1 >= len(doc):
            continue
        lemma = verb.lemma_.lower()
        for adj in _result_adjectives(verb):
            if (lemma, adj.lower_) in pairs:
                for c in list(adj.children):  # "set them free on Monday": the time is the verb's
                    c.head = verb
                    if c.dep_ == "nsubj" and c.i > verb.i:
                        # "let free the activist", "found him guilty": the clause's subject after
                        # the verb is the verb's object
                        c.dep_ = "dobj"
                adj.head = verb
                adj.dep_ = "prt"
                break
    return doc


def _result_adjectives(verb: Token) -> list[Token]:
    """Adjectives that may complete a verb: a modifier the parser gave the verb's object right
    after the verb ("let [free] activists") or after the object, where English puts no
    ordinary adjective ("set the journalists [free] on Monday"), and adjective clauses of the
    verb."""
    doc = verb.doc
    out = []
    nxt = doc[verb.i + 1]
    if (
        nxt.pos_ == "ADJ"
        and nxt.dep_ == "amod"
        and nxt.head.head.i == verb.i
        and nxt.head.dep_ == "dobj"
        and not any(c.dep_ != "punct" for c in nxt.children)
    ):
        out.append(nxt)
    if (
        nxt.head.i == verb.i
        and (nxt.dep_, nxt.pos_) in (("advmod", "ADJ"), ("ccomp", "VERB"))
        and not any(c.i < nxt.i for c in nxt.children)
    ):
        # "set [free] two sailors" (a modifier of the verb), "let [free] the activist" (a
        # clause of its own with the freed after it as its subject)
        out.append(nxt)
    for obj in verb.children:
        if obj.dep_ == "dobj":
            out += [c for c in obj.rights if c.dep_ == "amod" and c.pos_ == "ADJ" and c.i == obj.i + 1]
    out += [c for c in verb.children if c.dep_ in RESULT_DEPS and c.pos_ == "ADJ" and c.i > verb.i]
    return out


def _promote_to_root(root: Token, verb: Token, subj: Token) -> None:
    """Make `verb` the main verb with `subj` its subject and the old root a clause modifying the
    subject; the old root's dependents after `verb` go with the new main verb."""
    for c in list(root.children):
        if c.i > verb.i:
            c.head = verb
    verb.head = verb
    verb.dep_ = "ROOT"
    subj.head = verb
    root.head = subj
    root.dep_ = "acl"


def reattach_reduced_relatives(doc: Doc) -> Doc:
    """ "Hackers linked to the Iranian government launched attacks on ...": the parser takes the
    participle of a reduced relative clause ("linked to ...") for the main verb, and the real
    main verb for a clause modifying it, so the attack has no doer. Two past-tense verbs with
    nothing joining them (no comma, conjunction or marker) and only a prepositional phrase
    between them cannot both be main verbs; the first is the subject's modifier. A present
    participle with no auxiliary is no main verb either ("Leaders meeting in Jakarta called on
    the junta to ..."): the same holds for it."""
    for sent in list(doc.sents):
        root = sent.root
        if root.tag_ not in ("VBD", "VBN", "VBG"):
            continue
        subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.pos_ not in ("NOUN", "PROPN"):
            continue
        verb = next(
            (c for c in root.children if c.dep_ == "advcl" and c.tag_ == "VBD" and c.i > root.i), None
        )
        if verb is None or any(c.dep_ in ("nsubj", "nsubjpass", "mark", "expl") for c in verb.children):
            continue
        between = [c for c in root.children if root.i < c.i < verb.i]
        if not between or any(c.dep_ not in ("prep", "agent") for c in between):
            continue
        if doc[verb.i - 1].is_punct or doc[verb.i - 1].pos_ == "CCONJ":
            continue
        if any(c.dep_ in ("dobj", "ccomp", "xcomp", "aux", "auxpass", "neg") for c in root.children):
            continue
        _promote_to_root(root, verb, subj)
        if root.tag_ != "VBG":
            root.tag_ = "VBN"
    return doc


def reattach_participle_objects(doc: Doc) -> Doc:
    """ "Police detained dozens of women marching in Minsk": the parser makes the object the
    subject of the participle after it ("dozens ... marching" as a clause modifying the verb), so
    the detention has no one detained. A verb with no object of its own, followed at once by a
    noun phrase that is the subject of a bare present participle (no comma, auxiliary or marker),
    has that noun phrase as its object, and the participle describes it."""
    for verb in doc:
        if verb.pos_ != "VERB" or any(c.dep_ in ("dobj", "ccomp", "xcomp", "dative") for c in verb.children):
            continue
        for clause in verb.children:
            if clause.dep_ != "advcl" or clause.tag_ != "VBG" or clause.i < verb.i:
                continue
            if any(c.dep_ in ("aux", "auxpass", "mark", "expl") for c in clause.children):
                continue
            subj = next((c for c in clause.children if c.dep_ == "nsubj"), None)
            if subj is None or subj.pos_ not in ("NOUN", "PROPN") or subj.left_edge.i != verb.i + 1:
                continue
            if any(t.is_punct for t in doc[verb.i + 1 : clause.i]):
                continue
            subj.head, subj.dep_ = verb, "dobj"
            clause.head, clause.dep_ = subj, "acl"
            break
    return doc


def reattach_named_postings(doc: Doc) -> Doc:
    """ "received the UAE Ambassador to Bahrain, Abdulridha Khori, to discuss ...": the parser
    hangs "to Bahrain" on the verb and makes the name a second object (or an adverbial, or the
    apposition of "Bahrain"), so the person received is "the UAE Ambassador" alone. A verb takes
    no second object after its object and a "to" phrase, and a place or body is no person: a
    personal name set off by a comma there is the object's apposition, and the "to" phrase the
    office's posting (as in "the ambassador to the UN")."""
    for verb in doc:
        objs = [c for c in verb.children if c.dep_ == "dobj"]
        if not objs or objs[0].pos_ not in ("NOUN", "PROPN") or objs[0].ent_type_ == "PERSON":
            continue
        first = objs[0]
        prep = next(
            (c for c in verb.children if c.dep_ in ("prep", "dative") and c.i == first.right_edge.i + 1), None
        )
        if prep is None or prep.lower_ != "to":
            continue
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if pobj is None or pobj.ent_type_ == "PERSON":
            continue
        later = [c for c in verb.children if c.dep_ in ("dobj", "npadvmod") and c.i > prep.right_edge.i]
        last = max(t.i for t in pobj.subtree if not t.is_punct)
        inner = [c for c in pobj.children if c.dep_ == "appos" and c.i == last]
        for name in later[:1] + inner:
            left = name.left_edge.i
            if name.pos_ != "PROPN" or name.ent_type_ != "PERSON" or doc[left - 1].text != ",":
                continue
            if name in later and prep.right_edge.i + 2 != left:
                continue
            prep.head, prep.dep_ = first, "prep"
            name.head, name.dep_ = first, "appos"
            break
    return doc


def reattach_parenthetical_participles(doc: Doc) -> Doc:
    """ "Eighteen Italian fishermen, held captive in Libya for 100 days, have been freed by Libyan
    forces": the parser takes the participle set off by commas for the main verb and the real
    main verb, which has its own auxiliaries and no subject, for its conjunct; the captives then
    become the doers of their own captivity. A past participle with no auxiliary right after the
    comma that closes its subject, and a later conjunct verb with an auxiliary and no subject
    after a comma, cannot both be main verbs: the first describes the subject."""
    for sent in list(doc.sents):
        root = sent.root
        # (the tagger may read the bare participle as a past tense)
        if root.tag_ not in ("VBN", "VBD") or any(c.dep_ in ("aux", "auxpass", "neg") for c in root.children):
            continue
        subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.pos_ not in ("NOUN", "PROPN") or root.i < 2:
            continue
        if doc[root.i - 1].text != "," or subj.right_edge.i not in (root.i - 2, root.i - 1):
            continue
        verb = next(
            (
                c
                for c in root.children
                if c.dep_ == "conj"
                and c.pos_ in ("VERB", "AUX")
                and any(a.dep_ in ("aux", "auxpass") and a.i < c.i for a in c.children)
                and not any(a.dep_ in ("nsubj", "nsubjpass", "expl", "mark") for a in c.children)
            ),
            None,
        )
        if verb is None:
            continue
        first_aux = min(a.i for a in verb.children if a.dep_ in ("aux", "auxpass"))
        if doc[first_aux - 1].text != "," or any(c.dep_ == "cc" for c in root.children):
            continue
        _promote_to_root(root, verb, subj)
        subj.dep_ = "nsubjpass" if any(a.dep_ == "auxpass" for a in verb.children) else "nsubj"
        doc[first_aux - 1].head = root  # the comma that closes the participle's phrase
    return doc


def reattach_trailing_reports(doc: Doc) -> Doc:
    """Re-root each sentence whose reporting clause, after a comma at its end, the parser took
    for a participle of the noun before it (see the module docstring)."""
    verbs = reporting_verbs()
    for sent in list(doc.sents):
        verb = _trailing_report(sent, verbs)
        if verb is None:
            continue
        root, speaker = sent.root, verb.head
        comma = doc[speaker.left_edge.i - 1]
        ends = [t for t in root.children if t.dep_ == "punct" and t.i > verb.i]
        verb.head = verb
        verb.dep_ = "ROOT"
        if verb.tag_ == "VBN":
            verb.tag_ = "VBD"
        root.head = verb
        root.dep_ = "ccomp"
        speaker.head = verb
        speaker.dep_ = "nsubj"
        comma.head = verb
        comma.dep_ = "punct"
        for t in ends:
            t.head = verb
    return doc


def _trailing_report(sent: Span, verbs: frozenset[str]) -> Token | None:
    """The misparsed reporting verb of a sentence, if it has one."""
    doc = sent.doc
    root = sent.root
    if root.pos_ not in ("VERB", "AUX") or not any(c.dep_ in ("nsubj", "nsubjpass") for c in root.children):
        return None
    for verb in sent:
        if verb.dep_ != "acl" or verb.tag_ not in ("VBD", "VBN") or verb.lemma_.lower() not in verbs:
            continue
        speaker = verb.head
        if speaker.dep_ not in SPEAKER_DEPS or speaker.pos_ not in ("NOUN", "PROPN") or speaker.i <= root.i:
            continue
        left = speaker.left_edge.i
        if left <= sent.start or doc[left - 1].text != ",":
            continue
        # the speaker's phrase is only the speaker and the verb: nothing of its own after the verb
        if any(c.i > speaker.i and c.i != verb.i for c in speaker.children):
            continue
        if any(c.dep_ not in TRAILING_DEPS for c in verb.children):
            continue  # an object or a clause of its own: a real participle ("a group [charged with X]")
        if any(c.dep_ == "prep" and c.lower_ in ("with", "by", "as", "against") for c in verb.children):
            continue  # "a man charged with murder", "a group protested by ..."
        rest = [t for t in sent if t.i > verb.right_edge.i]
        if any(not t.is_punct for t in rest):
            continue
        return verb
    return None


# Entity types of a bare noun phrase that is a verb's adverbial, not its object ("last Wednesday",
# "two days later", "5 percent").
ADVERBIAL_ENT_TYPES = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "CARDINAL", "ORDINAL"})
# Punctuation that ends the verb's phrase: a noun after it is no longer the verb's object.
CLAUSE_BREAKS = frozenset({",", ";", ":", "(", ")", "—", "–", "--"})
# Tags of a finite verb, which heads a clause of its own.
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
# Heads of such adverbials the entity typer leaves untyped ("a day after ...", "700 metres from ...").
ADVERBIAL_NOUNS = frozenset(
    {
        "time", "times", "minute", "hour", "day", "night", "morning", "afternoon", "evening", "weekend",
        "week", "month", "year", "decade", "century", "percent", "metre", "meter", "kilometre",
        "kilometer", "mile", "km", "way", "step", "inch", "foot", "feet", "yard",
    }
)  # fmt: skip


def reattach_shifted_objects(doc: Doc) -> Doc:
    """ "returned to Brazil last Wednesday 21 frogs": a long object put after the verb's "to"
    phrase and a time is parsed as a bare adverbial (npadvmod), so the verb looks objectless. A
    counted or determined common noun there that names no time or amount, of a verb with no
    object of its own, is the verb's shifted object."""
    for verb in doc:
        if not verb.tag_.startswith("VB") or any(
            c.dep_ in ("dobj", "dative", "attr", "oprd") for c in verb.children
        ):
            continue
        preps = [c for c in verb.children if c.dep_ == "prep" and c.i > verb.i]
        if not preps:
            continue
        for c in verb.children:
            if (
                c.dep_ == "npadvmod"
                and c.pos_ == "NOUN"
                and c.i > preps[0].right_edge.i
                and c.ent_type_ not in ADVERBIAL_ENT_TYPES
                and c.lemma_.lower() not in ADVERBIAL_NOUNS
                and c.lower_ not in ADVERBIAL_NOUNS
                # "returned to Syria ...; a goal they share": across punctuation it is no object
                and not any(t.text in CLAUSE_BREAKS for t in doc[verb.i + 1 : c.i])
                and any(
                    g.dep_ in ("nummod", "det") and g.i < c.i and g.ent_type_ not in ADVERBIAL_ENT_TYPES
                    for g in c.children
                )
            ):
                c.dep_ = "dobj"
                break
    return doc


def detach_clause_appositions(doc: Doc) -> Doc:
    """ "overran a military base, sources said Sunday, the second assault in two days": a noun
    phrase set off by a comma at the end of the sentence sums up the whole clause, but the parser
    may make it the verb's second object. A verb takes one direct object; a later one after a
    comma, with its own determiner, is the clause's apposition (an adverbial), not what the verb
    acts on."""
    for verb in doc:
        objs = [c for c in verb.children if c.dep_ == "dobj"]
        if len(objs) < 2:
            continue
        first = objs[0]
        for later in objs[1:]:
            left = later.left_edge.i
            if (
                later.pos_ == "NOUN"
                and left > first.right_edge.i
                and doc[left - 1].text == ","
                and any(c.dep_ == "det" for c in later.children)
            ):
                later.dep_ = "npadvmod"
    return doc


def reattach_as_clauses(doc: Doc) -> Doc:
    """ "used tear gas as two hundred traders staged a protest": the parser may read "as" as a
    preposition (as in "served as envoy"), with the clause under it as its complement or with
    the clause's subject as its object and the clause's verb left hanging on the main verb (with
    no role, or as a conjunct no "and" joins). A
    finite verb there is the clause "as" introduces (an adverbial clause, as "when" would open),
    and a noun the "as" phrase holds before it is the clause's subject."""
    for prep in doc:
        if prep.lower_ != "as" or prep.dep_ != "prep" or prep.i == 0:
            continue
        head = prep.head
        subj = next((c for c in prep.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")), None)
        verb = next(
            (
                c
                for c in prep.children
                if c.dep_ == "pcomp"
                and c.tag_ in FINITE_TAGS
                and any(g.dep_ in ("nsubj", "nsubjpass") and g.i < c.i for g in c.children)
            ),
            None,
        )
        if verb is None and subj is not None:
            verb = next(
                (
                    c
                    for c in head.children
                    if c.dep_ in ("dep", "conj")
                    and c.tag_ in FINITE_TAGS
                    and c.i > subj.right_edge.i
                    and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
                    # (a verb joined by "and" is the main verb's own: "used gas as a deterrent and fired")
                    and not any(
                        t.text in CLAUSE_BREAKS or t.tag_ == "CC" for t in doc[subj.right_edge.i + 1 : c.i]
                    )
                ),
                None,
            )
            if verb is not None:
                subj.head, subj.dep_ = verb, "nsubj"
        if verb is None:
            continue
        verb.head, verb.dep_ = head, "advcl"
        prep.head, prep.dep_ = verb, "mark"
        prep.pos_ = "SCONJ"
    return doc


# Entity types of a name that may be a party a message is addressed to ("to Damascus").
ADDRESSEE_ENT_TYPES = frozenset({"GPE", "ORG", "NORP", "PERSON"})


def reattach_named_participles(doc: Doc) -> Doc:
    """ "issued an ultimatum to Damascus warning of military action": the parser may read the
    participle after a name as a noun the name modifies ("a Damascus warning"), so the message
    goes to the warning. An "-ing" word with no determiner of its own whose only modifiers
    before it are a name, and which takes a complement of its own ("of ...", an object, a
    clause), is a participle clause of the verb; the name is what the preposition governs."""
    for ing in doc:
        if ing.dep_ != "pobj" or not ing.lower_.endswith("ing") or ing.tag_ not in ("VBG", "NN"):
            continue
        prep = ing.head
        before = [c for c in ing.children if c.i < ing.i]
        names = [c for c in before if c.dep_ == "compound"]
        if not names or len(before) != len(names) or names[0].left_edge.i != prep.i + 1:
            continue
        name = names[-1]
        if name.pos_ != "PROPN" or name.ent_type_ not in ADDRESSEE_ENT_TYPES or name.i != ing.i - 1:
            continue
        if not any(c.dep_ in ("prep", "dobj", "ccomp") and c.i > ing.i for c in ing.children):
            continue
        verb = next((a for a in prep.ancestors if a.pos_ in ("VERB", "AUX")), None)
        if verb is None:
            continue
        for other in names[:-1]:
            other.head = name
        name.head, name.dep_ = prep, "pobj"
        ing.head, ing.dep_ = verb, "advcl"
        ing.tag_, ing.pos_ = "VBG", "VERB"
    return doc
