"""Which sentences could hold an event, decided before the expensive parse.

Most of the time of coding goes into spaCy's statistical components, yet in news most
sentences hold no event the dictionary can code. This stage splits a paragraph into
sentences with the tokenizer and a punctuation rule, and keeps a sentence for the full parse
only if it has both

* a trigger: a word that is (an inflection of) a verb of verbs.tsv whose pattern the sentence
  could satisfy (its particle or preposition and the words its object must be are present), or
  an event noun of nouns.tsv or an agent noun of agent_nouns.tsv ("donor"); and
* a possible actor: a knowledge-base name, a sector noun ("troops"), a pronoun, a definite
  description the coreference stage resolves ("the group") or a capitalised name the
  knowledge base does not know.

The test errs on the side of keeping: it looks at word forms, not at the parse, so every
sentence the coder could code passes; the others are kept as text (for the store and the
article view) with no parse. `bench/bench_code.py` reports how many events a run with the
filter shares with a run without it.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

import numpy
from spacy.attrs import NORM
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc, Span

from detente.actors import coref
from detente.actors.kb import KnowledgeBase, fold
from detente.actors.matcher import SurfaceMatcher
from detente.coding.lexicon import AGENT_NOUNS, Lexicon, ObjectSpec

# Pronouns a coder resolves to an actor (coref's tables) and the speaker/addressee forms
# that quotes use ("We will respond", "you will pay").
SPEAKER_PRONOUNS = frozenset({"i", "me", "my", "you", "your"})


@dataclass(frozen=True, slots=True)
class SentencePiece:
    """A sentence found by the cheap split: character offsets in the paragraph, and the verdict."""

    start: int
    end: int
    keep: bool


class EventFilter:
    """The pre-parse test of the module docstring, built once from the dictionaries."""

    def __init__(self, nlp: Language, lexicon: Lexicon, kb: KnowledgeBase, matcher: SurfaceMatcher) -> None:
        self.nlp = nlp
        self.lexicon = lexicon
        self.kb = kb
        self.matcher = matcher
        self.sentencizer = Sentencizer()
        lookups = nlp.get_pipe("lemmatizer").lookups if "lemmatizer" in nlp.component_names else None
        self._rules: list[tuple[str, str]] = []
        self._exceptions: dict[str, set[str]] = {}
        self._common: set[str] = set()  # base forms of ordinary words: not names
        self._lemma_cache: dict[str, frozenset[str]] = {}
        if lookups is not None:
            index = lookups.get_table("lemma_index")
            for pos in ("verb", "adj", "adv"):  # WordNet's nouns hold proper names too (robinson)
                self._common.update(index.get(pos, ()))
            rules = lookups.get_table("lemma_rules")
            exceptions = lookups.get_table("lemma_exc")
            for pos in ("verb", "noun", "adj"):
                for old, new in rules.get(pos, []):
                    if old and (old, new) not in self._rules:
                        self._rules.append((old, new))
                for form, lemmas in exceptions.get(pos, {}).items():
                    self._exceptions.setdefault(form, set()).update(lemmas)
        self._actor_words = (
            coref.PERSON_PRONOUNS
            | coref.PLURAL_PRONOUNS
            | coref.IT_PRONOUNS
            | coref.WE_PRONOUNS
            | SPEAKER_PRONOUNS
            | coref.GROUP_NOUNS
            | coref.STATE_NOUNS
            | coref.ORG_NOUNS
        )

    # --- word forms -------------------------------------------------------------------------
    def lemmas(self, word: str) -> frozenset[str]:
        """Every lemma a word form could have, whatever its part of speech (a superset).
        Memoised per lower-case form (bounded): news repeats its words."""
        low = word.lower()
        found = self._lemma_cache.get(low)
        if found is None:
            if len(self._lemma_cache) > 200_000:
                self._lemma_cache.clear()
            found = self._lemma_cache[low] = frozenset(self._lemmas(low))
        return found

    def _lemmas(self, low: str) -> set[str]:
        out = {low}
        out.update(self._exceptions.get(low, ()))
        for old, new in self._rules:
            if low.endswith(old) and len(low) > len(old) + 1:
                base = low[: -len(old)] + new
                out.add(base)
                if old in ("ed", "ing") and len(base) > 2 and base[-1] == base[-2]:
                    out.add(base[:-1])  # "stopped" -> "stopp" -> "stop"
        return out

    @cached_property
    def _conditional(self) -> dict[str, list[tuple[str | None, ObjectSpec | None]]]:
        """For each trigger lemma, the (preposition, object) its event patterns need."""
        out: dict[str, list[tuple[str | None, ObjectSpec | None]]] = {}
        for lemma, patterns in self.lexicon.verbs.items():
            needs = [(p.prep, p.obj) for p in patterns if p.code != "-"]
            if needs:
                out[lemma] = needs
        return out

    @cached_property
    def _noun_needs(self) -> dict[str, list[tuple[str, ...]]]:
        """For each event-noun head, the modifiers each of its entries needs ("peacekeeping"
        for "peacekeeping force"); an empty tuple when the head alone is an event."""
        nouns = self.lexicon.nouns
        return {head: [tuple(e.noun.split()[:-1]) for e in entries] for head, entries in nouns.items()}

    def _has_event_noun(self, words: set[str]) -> bool:
        needs = self._noun_needs
        for w in words:
            for modifiers in needs.get(w, ()):
                if all(m in words for m in modifiers):
                    return True
        return False

    # --- the test ---------------------------------------------------------------------------
    def _has_trigger(self, forms: list[frozenset[str]], lowers: set[str]) -> bool:
        words: set[str] = set().union(*forms) if forms else set()
        pairs: set[str] | None = None

        def object_present(obj: ObjectSpec | None) -> bool:
            nonlocal pairs
            if obj is None or obj.kind == "any":
                return True
            if obj.kind == "lemma":
                return obj.value.split()[-1] in words
            if obj.kind == "event":
                return self._has_event_noun(words)
            members = self.lexicon.classes[obj.value]
            if words & members:
                return True
            if pairs is None:
                pairs = {f"{a} {b}" for x, y in itertools.pairwise(forms) for a in x for b in y}
            return bool(pairs & members)

        # an agent noun ("donor"), which the coder codes as what a copula says its subject is
        if self._has_event_noun(words) or not words.isdisjoint(AGENT_NOUNS):
            return True
        for lemma in words:
            for prep, obj in self._conditional.get(lemma, ()):
                if (prep is None or all(w in lowers for w in prep.split())) and object_present(obj):
                    return True
        return False

    def _has_actor(self, sent: Span, forms: list[frozenset[str]], matched: bool) -> bool:
        if matched:
            return True
        for i, tok in enumerate(sent):
            low = tok.lower_
            if low in self._actor_words:
                return True
            if any(self.kb.agents.get(fold(w)) is not None for w in forms[i]):
                return True
            # a name the knowledge base does not know ("Robinson was convicted")
            capitalised = tok.is_alpha and tok.text[:1].isupper() and len(tok) > 1
            if capitalised and not tok.is_stop and not forms[i] & self._common:
                return True
        return False

    def could_hold_event(self, sent: Span, matched: bool) -> bool:
        """`matched`: the knowledge-base matcher found a name or sector term in the sentence."""
        forms = [self.lemmas(t.text) for t in sent]
        lowers = {t.lower_ for t in sent}
        return self._has_trigger(forms, lowers) and self._has_actor(sent, forms, matched)

    def split(self, text: str) -> list[SentencePiece]:
        """The sentences of a paragraph, each with the filter's verdict."""
        return self._split(text)[1]

    def _split(self, text: str) -> tuple[Doc, list[SentencePiece], numpy.ndarray]:
        """`split`, with the paragraph's tokens and their NORMs as the tokenizer set them (the
        matcher folds them in place)."""
        doc = self.sentencizer(self.nlp.make_doc(text))
        norms = doc.to_array(NORM)
        matched = {m.start for m in self.matcher.find(doc)}
        out = []
        for sent in doc.sents:
            if not sent.text.strip():
                continue
            hit = any(sent.start <= i < sent.end for i in matched)
            out.append(SentencePiece(sent.start_char, sent.end_char, self.could_hold_event(sent, hit)))
        return doc, out, norms

    def split_runs(self, text: str) -> list[tuple[SentencePiece, Doc | None]]:
        """`runs(split(text))`, each kept run with an unparsed Doc of its tokens for `nlp.pipe`, so
        the kept text is not tokenized a second time (about 1 s of CPU per 250 articles). The
        Doc has the tokens, spaces and NORMs the tokenizer gives the run's text alone: the
        tokenizer splits at whitespace first and a run starts and ends at token boundaries."""
        doc, pieces, norms = self._split(text)
        out: list[tuple[SentencePiece, Doc | None]] = []
        for piece in runs(pieces):
            run = doc.char_span(piece.start, piece.end) if piece.keep else None
            if run is None:
                out.append((piece, None))
                continue
            tokens = doc[run.start : run.end]
            spaces = [bool(t.whitespace_) for t in tokens]
            spaces[-1] = False  # the run's text ends with its last token
            run_doc = Doc(doc.vocab, words=[t.text for t in tokens], spaces=spaces)
            run_doc.from_array([NORM], norms[run.start : run.end].reshape(-1, 1))
            out.append((piece, run_doc))
        return out


def runs(pieces: Iterable[SentencePiece]) -> list[SentencePiece]:
    """Adjacent sentences with the same verdict joined, so kept neighbours are parsed together."""
    out: list[SentencePiece] = []
    for p in pieces:
        if out and out[-1].keep and p.keep:
            out[-1] = SentencePiece(out[-1].start, p.end, True)
        else:
            out.append(p)
    return out
