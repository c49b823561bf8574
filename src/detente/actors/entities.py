"""Entity types without the statistical entity recogniser.

Detente leaves spaCy's entity recogniser out unless asked for (Options.recogniser): it has a
network of its own and costs about half the parse. Yet a handful of rules read entity types: an
unknown organisation ("the Ogaden National Liberation Front") or person ("Foreign Minister Sergey Lavrov")
is an actor only when typed ORG or PERSON, "Iraqi Kurds" are a people when typed NORP, and place
and date finding take GPE/LOC and DATE entities as candidates. `EntityTyper` gives those uses the
types from what Detente knows already: the knowledge base's names (states and their capitals,
demonyms, organisations, groups, people), the gazetteer's places, and cue words for the unknown
capitalised names left over (entity_cues.tsv: "Front", "Council" end an organisation's name; a
title or "Mr" stands before a person's). It costs a few per cent of the parse it replaces.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from detente.actors.kb import KnowledgeBase, fold
from detente.actors.matcher import SurfaceMatch, SurfaceMatcher
from detente.errors import DataFileError
from detente.when_where.dates import pattern_spans
from detente.when_where.places import ADMIN_SUFFIXES

if TYPE_CHECKING:
    from detente.when_where.places import Gazetteer

CUES_FILE = "entity_cues.tsv"
# Words that may stand inside a name between capitalised words ("Bank of England",
# "Commission for Culture, Science and Education" stops at the comma).
NAME_JOINERS = frozenset(
    {
        "of",
        "for",
        "de",
        "al",
        "bin",
        "ibn",
        "el",
        "van",
        "von",
        "den",
        "der",
        "da",
        "di",
        "du",
        "'",
        "'s",
        "’",
        "’s",
    }
)
# Prepositions after which an unknown name is a place's: "in Chibok", "near Sagaing"
PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "outside", "inside", "into"})
POSSESSIVES = frozenset({"'s", "’s"})
# Knowledge-base entity kinds and how a surface names them -> the recogniser's label.
KIND_LABELS = {"person": "PERSON", "igo": "ORG", "group": "ORG"}


@lru_cache(maxsize=1)
def entity_cues() -> dict[str, frozenset[str]]:
    """cue -> words, from the package's entity_cues.tsv."""
    text = resources.files("detente.actors").joinpath("data", CUES_FILE).read_text(encoding="utf-8")
    found: dict[str, set[str]] = {}
    header = True
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header:
            header = False
            continue
        if len(cells) != 2 or not cells[1].strip():
            raise DataFileError(CUES_FILE, n, "expected cue<TAB>word")
        found.setdefault(cells[0].strip(), set()).add(cells[1].strip().lower())
    return {k: frozenset(v) for k, v in found.items()}


class EntityTyper:
    """Sets a parsed doc's entities (doc.ents, hence each token's ent_type_) from the knowledge
    base, the gazetteer and cue words. Run it on docs parsed without the "ner" component."""

    def __init__(self, kb: KnowledgeBase, matcher: SurfaceMatcher, gazetteer: Gazetteer) -> None:
        self.kb = kb
        self.matcher = matcher
        self.gazetteer = gazetteer
        cues = entity_cues()
        self.org_words = cues.get("org", frozenset())
        self.honorifics = cues.get("honorific", frozenset())
        self.first_names = _first_names(kb)

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        for sent in doc.sents:
            spans.extend(self.sentence_entities(sent))
        doc.set_ents(spans, default="outside")
        return doc

    def supplement(self, doc: Doc) -> Doc:
        """Add the names this typing finds to a doc the recogniser has typed, where it typed
        none of their words (it leaves unfamiliar names untyped: "accusations by Tandu"); its
        dates stay as they are. Measured on the default profile: class macro-F1 and span F1s
        +0.003-0.004."""
        have = {t.i for e in doc.ents for t in e}
        extra: list[Span] = []
        for sent in doc.sents:
            for span in self.sentence_entities(sent):
                if span.label_ != "DATE" and not any(i in have for i in range(span.start, span.end)):
                    extra.append(span)
                    have.update(range(span.start, span.end))
        if extra:
            doc.set_ents(extra, default="unmodified")
        return doc

    def sentence_entities(self, sent: Span) -> list[Span]:
        """The typed names of one sentence, as labelled spans of its doc."""
        doc = sent.doc
        matches = self.matcher.find(sent)
        out: list[Span] = []
        taken: set[int] = set()
        by_start: dict[int, SurfaceMatch] = {m.start: m for m in matches if m.surfaces}
        for m in by_start.values():
            taken.update(range(m.start, m.end))
        # dates and times the patterns of detente.when_where.dates find ("on Sunday", "last
        # month"), first: a weekday or month is no part of a name ("on Friday for Britain")
        for cs, ce in pattern_spans(sent.text):
            span = sent.char_span(cs, ce, alignment_mode="expand")
            if span is not None and not any(i in taken for i in range(span.start, span.end)):
                out.append(Span(doc, span.start, span.end, label="DATE"))
        dated = {i for sp in out for i in range(sp.start, sp.end)}
        # capitalised runs of proper nouns; a run that ends in an organisation word is one name
        # even where the KB knows a part of it ("the Liberian Peace Council")
        for s, e in self._runs(sent, dated, taken):
            label, s, e = self._classify(sent, s, e, taken)
            if label is None:
                continue
            # the whole name says more than a known part of it ("the West" in "West Bank")
            out.append(Span(doc, s, e, label=label))
            taken.update(range(s, e))
        for m in by_start.values():
            if any(sp.start <= m.start < sp.end or m.start <= sp.start < m.end for sp in out):
                continue
            label = self._kb_label(m, doc)
            if label is not None and any(doc[i].text[:1].isupper() for i in range(m.start, m.end)):
                out.append(Span(doc, m.start, m.end, label=label))
        out.sort(key=lambda sp: sp.start)
        return out

    @staticmethod
    def _kb_label(m: SurfaceMatch, doc: Doc) -> str | None:
        p = m.primary
        if p is None:
            return None
        if p.entity.kind in KIND_LABELS:
            return KIND_LABELS[p.entity.kind]
        if p.how in ("adjective", "combining"):
            return "NORP"
        if p.how == "seat":  # "the White House", "the Kremlin" speak for a government; "at the
            # White House" is where something happens
            before = _word_before(doc, m.start, 0)
            return "FAC" if before is not None and before.lower_ in PLACE_PREPOSITIONS else "ORG"
        return "GPE"

    def _runs(self, sent: Span, dated: set[int], known: set[int]) -> Iterable[tuple[int, int]]:
        """Maximal stretches of capitalised proper nouns (doc indices), joined by NAME_JOINERS."""
        i, end = sent.start, sent.end
        doc = sent.doc

        def name_word(tok: Token) -> bool:
            if tok.i in dated:
                return False
            # "in Sagaing region": a capitalised word before an area word is a name, whatever
            # part of speech the tagger gave it
            return _name_word(tok) or (
                tok.i > sent.start
                and tok.is_alpha
                and tok.text[:1].isupper()
                and tok.i + 1 < sent.end
                and doc[tok.i + 1].lower_ in ADMIN_SUFFIXES
            )

        while i < end:
            if not name_word(doc[i]):
                i += 1
                continue
            j = i + 1
            while j < end:
                if name_word(doc[j]):
                    j += 1
                    continue
                # "Bank of England", "Deir el-Zour", "Al-Mahmoud"
                k = j
                while k < end and (
                    doc[k].lower_ in NAME_JOINERS or (doc[k].text == "-" and not doc[k - 1].whitespace_)
                ):
                    if doc[k].lower_ in POSSESSIVES and k - 1 in known:
                        break  # "Nigeria's Borno": a known name's possessive ends it
                    k += 1
                if k > j and k < end and name_word(doc[k]):
                    j = k + 1
                else:
                    break
            yield i, j
            i = j

    def _classify(self, sent: Span, s: int, e: int, taken: set[int]) -> tuple[str | None, int, int]:
        doc = sent.doc
        words = [doc[i] for i in range(s, e)]
        if all(i in taken for i in range(s, e)):
            return None, s, e  # the knowledge base knows it all: its types stand
        if (
            e - s > 1
            and words[-1].lower_ in self.org_words
            and self.gazetteer.resolve(doc[s:e].text) is not None
        ):
            return "GPE", s, e  # "the West Bank"
        if any(t.lower_ in self.org_words for t in words[1:]) or (
            len(words) > 1 and words[-1].lower_ in self.org_words
        ):
            return "ORG", s, e
        if e - s > 2 and words[0].lower_ in self.org_words and words[1].lower_ == "of":
            # "the Office of Inspector General", "the Bureau of Prisons": a body named by what it
            # is of (a title after "of" names the body's head, not a person here)
            return "ORG", s, e
        # a title or honorific is no part of the name but says it is a person's
        # ("Dutch Foreign Minister Hans van den Broek")
        last_title = max((i for i in range(s, e) if self._title(doc[i])), default=None)
        titled = last_title is not None or (s > sent.start and self._title(doc[s - 1]))
        if last_title is not None:
            s = last_title + 1
        if s == e or all(i in taken for i in range(s, e)):
            return None, s, e
        text = doc[s:e].text
        if e - s == 1 and text.isupper() and len(text) > 1 and text.isalpha():
            return ("ORG" if not titled else "PERSON"), s, e  # an acronym: "ONLF", "ECOWAS"
        if titled:
            return "PERSON", s, e
        if self.gazetteer.resolve(text, alternates=False) is not None:
            return "GPE", s, e
        if e - s == 1 and doc[s].tag_ == "NNPS":
            return "NORP", s, e  # a plural name alone: "Kurds", "Pashtuns"
        if e - s > 2 and (
            any(doc[i].lower_ == "of" for i in range(s, e)) or any(t.tag_ == "NNPS" for t in words)
        ):
            return "ORG", s, e  # "the Liberation Tigers of Tamil Eelam"
        if e - s > 1 and any(fold(doc[i].text) in self.first_names for i in range(s, e - 1)):
            return "PERSON", s, e
        return self._unknown_name(sent, s, e), s, e

    @staticmethod
    def _unknown_name(sent: Span, s: int, e: int) -> str | None:
        """A capitalised name nothing vouches for: "in Chibok" or "Borno state" is a place,
        "the Commission" a body, "Maduro" or "Aya Hijazi" a person (the guesses the statistical
        recogniser makes most for such names)."""
        doc = sent.doc
        if e < sent.end and doc[e].lower_ in ADMIN_SUFFIXES:
            return "GPE"
        before = _word_before(doc, s, sent.start)
        if before is not None and before.lower_ in PLACE_PREPOSITIONS:
            return "GPE"
        if s > sent.start and doc[s - 1].lower_ == "the":
            return "ORG"
        return "PERSON"

    def _title(self, tok: Token) -> bool:
        if tok.lower_.rstrip(".") in self.honorifics:
            return True
        agent = self.matcher.agent_for(tok)
        return agent is not None and agent.title


def org_words() -> frozenset[str]:
    """Words that end or stand inside an organisation's name (entity_cues.tsv's org cues)."""
    return entity_cues().get("org", frozenset())


def _word_before(doc: Doc, i: int, lo: int) -> Token | None:
    """The word before doc token i, passing over a "the" ("at the White House", "in the Sahel"),
    if it is at or after token lo."""
    before = i - 1 if i > lo and doc[i - 1].lower_ != "the" else i - 2
    return doc[before] if before >= lo else None


def _name_word(tok: Token) -> bool:
    return (tok.pos_ == "PROPN" and tok.text[:1].isupper()) or is_acronym(tok)


def is_acronym(tok: Token) -> bool:
    """An all-capital word the tagger read as a common noun ("the ban imposed on the LTTE", "the
    ONLF attacked"): a name all the same, as "ban on the LTTE" tags it."""
    return tok.pos_ == "NOUN" and tok.is_alpha and len(tok.text) > 1 and tok.text.isupper()


def _first_names(kb: KnowledgeBase) -> frozenset[str]:
    """Given names of the knowledge base's people (the first word of a name of two words or
    more), less words that name something else it knows ("Jordan", "Abdullah" stays)."""
    names: set[str] = set()
    for ent in kb.entities.values():
        if ent.kind != "person":
            continue
        words = ent.name.split()
        if len(words) > 1 and words[0].isalpha() and len(words[0]) > 2:
            names.add(fold(words[0]))
    other = {
        key
        for key, surfaces in kb.surfaces.items()
        if " " not in key and any(s.entity.kind != "person" for s in surfaces)
    }
    return frozenset(names - other)
