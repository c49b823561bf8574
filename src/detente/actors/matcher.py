"""Find knowledge-base names and sector nouns in parsed text.

One pair of spaCy PhraseMatchers (case-insensitive and, for acronyms, case-sensitive) is
built per vocabulary from every written form in the knowledge base; longest matches win.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy
from spacy.attrs import NORM, ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from detente.actors.kb import NAME_VARIANT_MIN, VARIANT_MIN, Agent, KnowledgeBase, Surface, fold


@dataclass(frozen=True, slots=True)
class SurfaceMatch:
    """A stretch of tokens (doc indices, end exclusive) that names something the KB knows."""

    start: int
    end: int
    surfaces: tuple[Surface, ...] = ()
    agent: Agent | None = None
    variant: tuple[str, str] | None = None  # a spelling variant: (the word as written, the KB's)

    @property
    def primary(self) -> Surface | None:
        """The best meaning: named entities before adjectives, states before regions."""
        if not self.surfaces:
            return None
        order = {"name": 0, "alias": 1, "seat": 2, "capital": 3, "adjective": 4, "combining": 5}
        kind_order = {"person": 0, "group": 1, "igo": 2, "state": 3, "region": 4}
        return min(self.surfaces, key=lambda s: (order.get(s.how, 9), kind_order.get(s.entity.kind, 9)))


FOLDED = "detente:folded"  # doc.user_data flag: the doc's norms are folded already
# doc.user_data: token index -> (word as written, the known word it was read as), for evidence notes
VARIANTS = "detente:variants"
# doc.user_data: (start, end) -> the matches `find` gave for that stretch of the doc; the entity
# typing and the actor resolver both ask for each sentence's
MATCHES = "detente:matches"
# How many words on each side of a misspelt word a known name may stretch ("Francois Mitterand").
VARIANT_REACH = 3


def fold_norms(tokens: Doc | Span, cache: dict[int, int] | None = None) -> None:
    """Set each token's NORM to its folded form ("Erdoğan" -> "erdogan", "U.S." stays "u.s.").
    Done after parsing, so the statistical models never see the changed norms. The whole doc
    is folded once, even when a span is asked for: matching runs sentence by sentence.
    `cache` (word ID -> folded form's ID, for docs of one vocabulary) and setting the column
    with one `from_array` spare a Token object and a string lookup per token (every token of
    a corpus is folded twice: in the pre-filter and after the parse)."""
    doc = tokens.doc if isinstance(tokens, Span) else tokens
    if doc.user_data.get(FOLDED):
        return
    if cache is None:
        cache = {}
    elif len(cache) > 500_000:
        cache.clear()
    strings = doc.vocab.strings
    norms = []
    for orth in doc.to_array(ORTH).tolist():
        norm = cache.get(orth)
        if norm is None:
            norm = cache[orth] = strings.add(fold(strings[orth]))
        norms.append(norm)
    doc.from_array([NORM], numpy.array(norms, dtype="uint64").reshape(-1, 1))
    doc.user_data[FOLDED] = True


# Initials some sources (and tokenised corpora) write spaced: "the U. K.", "the U. N.".
SPACED_INITIALS = re.compile(r"(?:[A-Z]\.){2,}")
INITIALS_SPACE = ". "
INITIAL_GAP = re.compile(r"\b([A-Z])\. (?=[A-Z]\b)")


def spaced_initials(text: str) -> str | None:
    """ "U.K." -> "U. K.": the spaced spelling of a name written in dotted initials (None for
    any other name), matched as the name itself."""
    if not SPACED_INITIALS.fullmatch(text):
        return None
    return text.replace(".", INITIALS_SPACE).rstrip()


def plural_forms(term: str) -> set[str]:
    """The regular plurals of a multi-word agent term's last word: "aid agency" -> "aid agencies",
    "government spokesman" -> "government spokesmen", "opposition party" -> "opposition parties";
    "+s" is always one (what a term ending in a vowel and y, or already plural, may take)."""
    forms = {term + "s"}
    if term.endswith("y") and len(term) > 1 and term[-2] not in "aeiou":
        forms.add(term[:-1] + "ies")
    elif term.endswith(("s", "x", "z", "ch", "sh")):
        forms.add(term + "es")
    elif term.endswith("man"):
        forms.add(term[:-3] + "men")
    return forms


class SurfaceMatcher:
    """Matches KB surfaces and multi-word agent terms in docs of one spaCy pipeline."""

    def __init__(self, kb: KnowledgeBase, nlp: Language) -> None:
        self.kb = kb
        # Spelling variants need the dictionary: with none, no word is read as a misspelt name.
        self._common = _dictionary(nlp)
        self._variant_cache: dict[str, list[str]] = {}
        self._folded: dict[int, int] = {}  # fold_norms' cache for this vocabulary
        # Case- and accent-insensitive: tokens' NORM is set to their folded form before matching.
        self.lower = PhraseMatcher(nlp.vocab, attr="NORM")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._texts: dict[str, list[Surface]] = {}
        lower_patterns: dict[str, Doc] = {}
        for text, case_sensitive in kb.all_surfaces():
            if case_sensitive:
                self.exact.add(text, [nlp.make_doc(text)])
                if (spaced := spaced_initials(text)) is not None:
                    self.exact.add(spaced, [nlp.make_doc(spaced)])
            else:
                for variant in {text, text.replace("'", "’"), spaced_initials(text)}:
                    if variant is not None:
                        lower_patterns.setdefault(variant, nlp.make_doc(variant))
        # Multi-word agent terms ("security forces", "foreign minister") and their plurals;
        # one-word agents are looked up by lemma instead.
        self._agent_plurals: dict[str, str] = {}  # plural form -> the term as listed
        for term in kb.agents:
            if " " in term or "-" in term:
                for variant in {term, *plural_forms(term)}:
                    lower_patterns.setdefault("agent:" + variant, nlp.make_doc(variant))
                    if variant != term:
                        self._agent_plurals.setdefault(fold(variant), term)
        for key, doc in lower_patterns.items():
            fold_norms(doc)
            self.lower.add(key, [doc])

    def find(self, doc: Doc | Span) -> list[SurfaceMatch]:
        """All KB matches in a doc or span, longest first where they overlap. Memoised in the
        doc's user_data (MATCHES)."""
        full = doc.doc if isinstance(doc, Span) else doc  # matches come back in doc indices
        key = (doc.start, doc.end) if isinstance(doc, Span) else (0, len(doc))
        memo = full.user_data.setdefault(MATCHES, {})
        found = memo.get(key)
        if found is None:
            found = memo[key] = self._find(doc, full)
        return list(found)

    def _find(self, doc: Doc | Span, full: Doc) -> list[SurfaceMatch]:
        vocab = doc.vocab
        fold_norms(doc, self._folded)
        candidates: list[SurfaceMatch] = []
        for matcher, case_sensitive in ((self.exact, True), (self.lower, False)):
            for match_id, start, end in matcher(doc):
                key = vocab.strings[match_id]
                text = full[start:end].text
                if key.startswith("agent:"):
                    agent = self.kb.agents.get(fold(key[6:]))
                    if agent is None:
                        agent = self.kb.agents.get(self._agent_plurals.get(fold(key[6:]), ""))
                    if agent is not None:
                        candidates.append(SurfaceMatch(start, end, (), agent))
                    continue
                # "the U. K.": the KB's "U.K."
                if spaced_initials(key.replace(" ", "")) == key:
                    text = INITIAL_GAP.sub(r"\1.", text)
                surfaces = (
                    tuple(self.kb.exact_surfaces.get(text, ()))
                    if case_sensitive
                    else tuple(self.kb.surfaces.get(fold(text), ()))
                )
                if not case_sensitive and not any(c.isupper() for c in text):
                    # "the western Himalayas", "mediterranean climate": a region's adjective
                    # names the region only capitalised ("Western", "European")
                    surfaces = tuple(
                        s for s in surfaces if not (s.how == "adjective" and s.entity.kind == "region")
                    )
                if surfaces:
                    candidates.append(SurfaceMatch(start, end, surfaces))
        # Longest match wins; on equal length, an entity name beats an agent term.
        candidates.sort(key=lambda m: (-(m.end - m.start), m.agent is not None, m.start))
        taken: set[int] = set()
        out = []
        for m in candidates:
            if any(i in taken for i in range(m.start, m.end)):
                continue
            taken.update(range(m.start, m.end))
            out.append(m)
        out.extend(self._variants(doc, full, taken))
        out.sort(key=lambda m: m.start)
        return self._namesake_cities(out, full)

    def _namesake_cities(self, matches: list[SurfaceMatch], full: Doc) -> list[SurfaceMatch]:
        """A capital whose name is also a city of another country (capital_namesakes.tsv) is
        that country's city when the text names that country and not the capital's own
        ("militias in Tripoli ... the north Lebanese port"). Then it is a place, not the seat of
        a government, so it stands for no sector."""
        primaries = [m.primary for m in matches if m.primary is not None]
        named = {
            p.entity.roles[0].country
            for p in primaries
            if p.entity.kind == "state" and p.how in ("name", "alias", "adjective")
        }
        out = []
        for m in matches:
            p = m.primary
            others = self.kb.capital_namesakes.get(fold(full[m.start : m.end].text)) if p else None
            if p is not None and p.how == "capital" and others and p.entity.roles[0].country not in named:
                hits = [c for c in others if c in named]
                state = self.kb.state(hits[0]) if len(hits) == 1 else None
                if state is not None:
                    m = SurfaceMatch(m.start, m.end, (Surface(state, "capital", None),), m.agent, m.variant)
            out.append(m)
        return out

    def _variants_of(self, tok: Token) -> list[str]:
        """The known words a capitalised word may be a misspelling of ("Ethopia", "Afganistan"):
        none when it is a dictionary word or a word of a known name (KnowledgeBase.spelling_variants).
        Memoised by form: news repeats its names."""
        text = tok.text
        if len(text) < NAME_VARIANT_MIN or not text[0].isupper() or text.isupper() or not tok.is_alpha:
            return []
        if not self._common:
            return []
        found = self._variant_cache.get(text)
        if found is None:
            word = tok.norm_
            found = [] if self._dictionary_word(word) else self.kb.spelling_variants(word)
            if len(self._variant_cache) > 100_000:
                self._variant_cache.clear()
            self._variant_cache[text] = found
        return found

    def surname_variant(self, tok: Token) -> str | None:
        """The one known surname (of VARIANT_MIN letters: a title and one word are little to go
        on) a titled word is a misspelling of ("President Mitterand"), else None; recorded in the
        doc's VARIANTS like the names `find` reads."""
        readings = [r for r in self._variants_of(tok) if len(r) >= VARIANT_MIN and self.kb.people_surnamed(r)]
        if len(readings) != 1:
            return None
        tok.doc.user_data.setdefault(VARIANTS, {})[tok.i] = (tok.text, readings[0])
        return readings[0]

    def _dictionary_word(self, word: str) -> bool:
        if word in self._common:
            return True
        for suffix in ("s", "es", "ed", "ing", "ly"):  # regular inflections of dictionary words
            if word.endswith(suffix) and word[: -len(suffix)] in self._common:
                return True
        return False

    def _variants(self, doc: Doc | Span, full: Doc, taken: set[int]) -> list[SurfaceMatch]:
        """Known names written with a spelling slip, where no exact match covers the word. The
        word read as a known one must make a whole KB name with its neighbours, another word of
        which is capitalised ("President Francois Mitterand"), and then be the only reading that
        does; or make one alone ("Ethopia"), and then be the word's only reading at all, of
        VARIANT_MIN letters, and not one word of a person's name (too little to read a slip
        into). Recorded in the doc's VARIANTS so an event's evidence can say what was read as what."""
        lo = doc.start if isinstance(doc, Span) else 0
        hi = doc.end if isinstance(doc, Span) else len(doc)
        out: list[SurfaceMatch] = []
        for i in range(lo, hi):
            if i in taken:
                continue
            readings = self._variants_of(full[i])
            if not readings:
                continue
            names = [(fixed, *self._completion(full, i, fixed, lo, hi, taken)) for fixed in readings]
            # a longer name needs another capitalised word of its own ("Saeb Erakat"; not
            # "Hussein al-Qaidi" read as "al-Qaida")
            longer = [
                n
                for n in names
                if n[2] - n[1] > 1
                and any(j != i and full[j].text[:1].isupper() and len(full[j]) > 1 for j in range(n[1], n[2]))
            ]
            if len(longer) == 1:
                fixed, s, e, found = longer[0]
            elif longer or len(names) != 1 or names[0][3] is None or len(names[0][0]) < VARIANT_MIN:
                continue
            else:
                fixed, s, e, found = names[0]
                if all(x.entity.kind == "person" for x in found):
                    continue
            assert found is not None
            out.append(SurfaceMatch(s, e, tuple(found), variant=(full[i].text, fixed)))
            taken.update(range(s, e))
            full.user_data.setdefault(VARIANTS, {})[i] = (full[i].text, fixed)
        return out

    def _completion(
        self, full: Doc, i: int, fixed: str, lo: int, hi: int, taken: set[int]
    ) -> tuple[int, int, list[Surface] | None]:
        """The longest KB name token i makes, read as `fixed`, with free neighbours (VARIANT_REACH
        on each side); (i, i, None) when there is none."""
        for size in range(2 * VARIANT_REACH + 1, 0, -1):
            for s in range(max(lo, i - size + 1), i + 1):
                e = s + size
                if e > min(hi, i + VARIANT_REACH + 1) or s < i - VARIANT_REACH:
                    continue
                if any(j in taken for j in range(s, e)):
                    continue
                text = "".join(
                    (fixed if j == i else full[j].norm_) + (full[j].whitespace_ if j < e - 1 else "")
                    for j in range(s, e)
                )
                found = self.kb.surfaces.get(text)
                if found:
                    return s, e, found
        return i, i, None

    def agent_for(self, token: Token) -> Agent | None:
        """A one-word sector noun by lemma or form ("soldiers" -> soldier -> MIL)."""
        for form in (token.lemma_, token.lower_, token.text):
            agent = self.kb.agents.get(fold(form))
            if agent is not None:
                return agent
        return None


def _dictionary(nlp: Language) -> frozenset[str]:
    """Base forms of English words (the lemmatizer's WordNet index, its irregular forms too):
    a capitalised dictionary word ("Regional", "Marines") is never taken for a misspelt name."""
    if "lemmatizer" not in nlp.component_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    words: set[str] = set()
    for entries in lookups.get_table("lemma_index").values():
        words.update(entries)
    if lookups.has_table("lemma_exc"):
        for forms in lookups.get_table("lemma_exc").values():
            words.update(forms)
    return frozenset(words)
