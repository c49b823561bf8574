"""The typed records that flow between Detente's stages.

Data flows one way: source -> Article -> Sentence -> Mention -> Event. Stages share
nothing but these records, so each stage can be tested, replaced or run on another
machine on its own. `Event.to_dict()` is the public JSON contract of `detente code`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # spaCy objects ride along in memory only, never serialised
    from spacy.tokens import Span

_WS = re.compile(r"\s+")


def content_hash(text: str) -> str:
    """Stable id of a text: whitespace-insensitive, so re-saved copies share it."""
    norm = _WS.sub(" ", text).strip()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Article:
    """One news document after ingest: clean body text plus metadata.

    `text` holds the body only (no headline, no site chrome); paragraphs are
    separated by a blank line. `id` is the content hash of title + text;
    `doc_id` is the caller's own id (a JSONL "id") when there is one.
    """

    id: str
    text: str
    title: str | None = None
    date: dt.date | None = None
    url: str | None = None
    publisher: str | None = None
    language: str = "en"
    doc_id: str | None = None
    origin: str | None = None  # where it came from: a path, "file.jsonl:12", "stdin:3"

    @classmethod
    def create(cls, text: str, title: str | None = None, **meta: Any) -> Article:
        return cls(id=content_hash(f"{title or ''}\n{text}"), text=text, title=title, **meta)

    @property
    def name(self) -> str:
        """What to call the article in messages and outputs."""
        return self.doc_id or self.id

    def paragraphs(self) -> list[tuple[int, str]]:
        """(start offset, paragraph text) for each non-empty paragraph."""
        out = []
        for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*", self.text):
            para = m.group(0)
            stripped = para.strip()
            if stripped:
                out.append((m.start() + para.index(stripped[0]), stripped))
        return out


@dataclass(slots=True)
class Sentence:
    """A sentence of an article with its parse (the spaCy span, in memory only)."""

    article_id: str
    index: int
    text: str
    start: int  # character offset of the sentence in Article.text
    paragraph: int
    span: Span | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class Actor:
    """Who acts: a CAMEO-style code split into its parts.

    `country` is ISO 3166 alpha-3, a region/bloc code (WST, CAS) or an
    organisation code (UNO, SCO); `sector` is a CAMEO agent code (GOV, MIL, REB...).
    """

    code: str
    country: str | None
    sector: str | None
    name: str
    kind: str = "state"  # state | region | igo | group | person | agent

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "country": self.country, "sector": self.sector, "name": self.name}


@dataclass(frozen=True, slots=True)
class Location:
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None = None
    feature: str = "city"  # city | admin | country | region

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "country": self.country, "lat": self.lat, "lon": self.lon}


@dataclass(frozen=True, slots=True)
class Mention:
    """A stretch of a sentence that names an actor, and how it was resolved."""

    text: str
    start: int  # character offsets in the sentence
    end: int
    actor: Actor
    rule: str  # which knowledge or rule resolved it: "kb:country-name", "coref:pronoun", ...
    entity: str | None = None  # knowledge-base id, so dated roles can be re-resolved

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, **self.actor.to_dict()}


@dataclass(frozen=True, slots=True)
class Span:
    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why an event exists: its trigger, the dictionary pattern that fired, and notes."""

    trigger: Span
    rule: str
    attributed_to: Mention | None = None  # the speaker or document an event is reported by
    date_text: str | None = None
    location_text: str | None = None
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"trigger": self.trigger.to_dict(), "rule": self.rule}
        if self.attributed_to is not None:
            d["attributed_to"] = self.attributed_to.to_dict()
        if self.date_text:
            d["date_text"] = self.date_text
        if self.location_text:
            d["location_text"] = self.location_text
        if self.notes:
            d["notes"] = list(self.notes)
        return d


MODALITIES = ("asserted", "intended", "hypothetical", "reported")


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event: who did what to whom, when and where, and why we think so."""

    doc_id: str
    article_id: str
    sentence_index: int
    sentence: str
    source: Mention | None
    target: Mention | None
    cameo: str
    cameo_root: str
    quad_class: int
    goldstein: float
    plover: str | None
    plover_mode: str | None
    date: str | None
    date_precision: str | None
    historical: bool
    location: Location | None
    negated: bool
    modality: str
    confidence: float
    evidence: Evidence
    # The act has no direction (a meeting, a negotiation, a signed agreement): source and
    # target are each other's counterparts, and which is named first is only word order.
    mutual: bool = False

    def with_(self, **changes: Any) -> Event:
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """The `detente code` output contract (one JSON object per event)."""
        return {
            "doc_id": self.doc_id,
            "article_id": self.article_id,
            "sentence_index": self.sentence_index,
            "sentence": self.sentence,
            "source": self.source.to_dict() if self.source else None,
            "target": self.target.to_dict() if self.target else None,
            "cameo": self.cameo,
            "cameo_root": self.cameo_root,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "plover": self.plover,
            "plover_mode": self.plover_mode,
            "mutual": self.mutual,
            "date": self.date,
            "date_precision": self.date_precision,
            "historical": self.historical,
            "location": self.location.to_dict() if self.location else None,
            "negated": self.negated,
            "modality": self.modality,
            "confidence": round(self.confidence, 3),
            "evidence": self.evidence.to_dict(),
        }


@dataclass(slots=True)
class CodedArticle:
    """Everything the pipeline learnt about one article."""

    article: Article
    sentences: list[Sentence]
    mentions: dict[int, list[Mention]]  # sentence index -> actor mentions
    events: list[Event]
    problems: list[str] = field(default_factory=list)  # warnings that did not stop the article
