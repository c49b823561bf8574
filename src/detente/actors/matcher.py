"""Find knowledge-base names and sector nouns in parsed text.

One pair of spaCy PhraseMatchers (case-insensitive and, for acronyms, case-sensitive) is
built per vocabulary from every written form in the knowledge base; longest matches win.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from detente.actors.kb import Agent, KnowledgeBase, Surface, fold


@dataclass(frozen=True, slots=True)
class SurfaceMatch:
    """A stretch of tokens (doc indices, end exclusive) that names something the KB knows."""

    start: int
    end: int
    surfaces: tuple[Surface, ...] = ()
    agent: Agent | None = None

    @property
    def primary(self) -> Surface | None:
        """The best meaning: named entities before adjectives, states before regions."""
        if not self.surfaces:
            return None
        order = {"name": 0, "alias": 1, "seat": 2, "capital": 3, "adjective": 4, "combining": 5}
        kind_order = {"person": 0, "group": 1, "igo": 2, "state": 3, "region": 4}
        return min(self.surfaces, key=lambda s: (order.get(s.how, 9), kind_order.get(s.entity.kind, 9)))


FOLDED = "detente:folded"  # doc.user_data flag: the doc's norms are folded already


def fold_norms(tokens: Doc | Span) -> None:
    """Set each token's NORM to its folded form ("Erdoğan" -> "erdogan", "U.S." stays "u.s.").
    Done after parsing, so the statistical models never see the changed norms. The whole doc
    is folded once, even when a span is asked for: matching runs sentence by sentence."""
    doc = tokens.doc if isinstance(tokens, Span) else tokens
    if doc.user_data.get(FOLDED):
        return
    for t in doc:
        t.norm_ = fold(t.text)
    doc.user_data[FOLDED] = True


class SurfaceMatcher:
    """Matches KB surfaces and multi-word agent terms in docs of one spaCy pipeline."""

    def __init__(self, kb: KnowledgeBase, nlp: Language) -> None:
        self.kb = kb
        # Case- and accent-insensitive: tokens' NORM is set to their folded form before matching.
        self.lower = PhraseMatcher(nlp.vocab, attr="NORM")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._texts: dict[str, list[Surface]] = {}
        lower_patterns: dict[str, Doc] = {}
        for text, case_sensitive in kb.all_surfaces():
            if case_sensitive:
                self.exact.add(text, [nlp.make_doc(text)])
            else:
                for variant in {text, text.replace("'", "’")}:
                    lower_patterns.setdefault(variant, nlp.make_doc(variant))
        # Multi-word agent terms ("security forces", "foreign minister") and their plurals;
        # one-word agents are looked up by lemma instead.
        for term in kb.agents:
            if " " in term or "-" in term:
                for variant in {term, term + "s"}:
                    lower_patterns.setdefault("agent:" + variant, nlp.make_doc(variant))
        for key, doc in lower_patterns.items():
            fold_norms(doc)
            self.lower.add(key, [doc])

    def find(self, doc: Doc | Span) -> list[SurfaceMatch]:
        """All KB matches in a doc or span, longest first where they overlap."""
        vocab = doc.vocab
        full = doc.doc if isinstance(doc, Span) else doc  # matches come back in doc indices
        fold_norms(doc)
        candidates: list[SurfaceMatch] = []
        for matcher, case_sensitive in ((self.exact, True), (self.lower, False)):
            for match_id, start, end in matcher(doc):
                key = vocab.strings[match_id]
                text = full[start:end].text
                if key.startswith("agent:"):
                    agent = self.kb.agents.get(fold(key[6:]))
                    if agent is None and key.endswith("s"):
                        agent = self.kb.agents.get(fold(key[6:-1]))
                    if agent is not None:
                        candidates.append(SurfaceMatch(start, end, (), agent))
                    continue
                surfaces = (
                    tuple(self.kb.exact_surfaces.get(text, ()))
                    if case_sensitive
                    else tuple(self.kb.surfaces.get(fold(text), ()))
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
        out.sort(key=lambda m: m.start)
        return out

    def agent_for(self, token: Token) -> Agent | None:
        """A one-word sector noun by lemma or form ("soldiers" -> soldier -> MIL)."""
        for form in (token.lemma_, token.lower_, token.text):
            agent = self.kb.agents.get(fold(form))
            if agent is not None:
                return agent
        return None
