"""The pipeline: Article -> parsed sentences -> actor mentions -> events with dates and places.

`Pipeline` is the one entry point the CLI, the web API and workers call. It loads the model,
knowledge base, dictionary and gazetteer once, parses paragraphs in batches and codes each
article in order (coreference and the story date need the article's earlier sentences).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cached_property

from spacy.language import Language
from spacy.tokens import Doc, Span

from detente import nlp as nlp_mod
from detente.actors.coref import ArticleActors, SentenceActors
from detente.actors.entities import EntityTyper
from detente.actors.kb import KnowledgeBase, default_kb
from detente.actors.matcher import VARIANTS, SurfaceMatcher
from detente.actors.resolver import ActorRef
from detente.coding import clauses as cl
from detente.coding import tables
from detente.coding.coder import Draft, SentenceCoder
from detente.coding.lexicon import Lexicon, default_lexicon
from detente.coding.repairs import (
    attach_adjective_particles,
    detach_clause_appositions,
    reattach_as_clauses,
    reattach_named_participles,
    reattach_named_postings,
    reattach_parenthetical_participles,
    reattach_participle_objects,
    reattach_reduced_relatives,
    reattach_shifted_objects,
    reattach_trailing_reports,
    repair_verb_lemmas,
)
from detente.learn.hybrid import Hybrid
from detente.prefilter import EventFilter
from detente.records import (
    Article,
    CodedArticle,
    Event,
    Evidence,
    Location,
    Mention,
    Sentence,
)
from detente.records import Span as TextSpan
from detente.when_where import attach
from detente.when_where.places import PlaceMention, find_place_mentions

DATELINE = re.compile(
    r"^\s*([A-Z][A-Z .'’-]{2,40}?)(?:,\s*([A-Z][A-Za-z .'’-]{2,40}?))?\s*(?:\([^)]{1,40}\))?\s*[—–-]{1,2}\s"
)


# Sectors of a country's own people and institutions (not its armed forces, nor the foreign
# peacekeepers, aid workers or refugees a story may place there): unplaced, they are local.
DOMESTIC_SECTORS = frozenset(
    {"COP", "JUD", "CVL", "OPP", "EDU", "LAB", "AGR", "MED", "REL", "LEG", "REB", "UAF", "CRM", "RAD"}
)
# How an uncoded target was made when it may be a place the gazetteer knows: a name the model
# took for an unknown organisation, or a phrase kept as the thing acted on.
PLACE_LIKE_RULES = frozenset({"org-unknown", "thing"})
# The longest phrase, in tokens, a place recipient's name is widened to ("parts of the city of X").
MAX_PLACE_PHRASE = 10
# The organs of a state that its own people address (an unplaced domestic actor acting on one
# is of that state).
STATE_ORGANS = frozenset({"GOV", "LEG", "JUD", "COP", "MIL"})
# The organs that govern a country's own people (not its armed forces, which fight abroad): an
# unplaced domestic actor they act on is of their country.
DOMESTIC_AUTHORITIES = frozenset({"GOV", "LEG", "JUD", "COP"})
# Acts whose doer the text leaves unnamed, by CAMEO root: the sector of the actor of the country
# where they happened that CAMEO and PLOVER code as the doer (coding/data/unnamed_doers.tsv: an
# arrest is the police's, a bombing by no one named is unidentified armed forces').
UNNAMED_DOER = {r["root"]: r["sector"] for r in tables.read_table("detente.coding", "unnamed_doers.tsv")}
# Of those roots, the ones whose doer is mentioned by the place phrase of the act's own verb.
PLACE_NAMED_DOER = frozenset(
    r["root"] for r in tables.read_table("detente.coding", "unnamed_doers.tsv") if r["mention"] == "place"
)
# Acts a state's organs do to its own people: an unplaced actor acted on is of their country
# (coding/data/own_people_acts.tsv: "the army detained Prime Minister X").
OWN_PEOPLE_ACTS = tuple(r["code"] for r in tables.read_table("detente.coding", "own_people_acts.tsv"))
# A country's people and their groups (not its state organs): the state organs they act on
# without naming a country are their own.
PEOPLE_SECTORS = (DOMESTIC_SECTORS - {"COP", "JUD", "LEG"}) | {"ELI"}
FACILITY_IN = re.compile(r"\s+in\s+(?=[A-Z])")
# "the Israeli-occupied West Bank", "Turkish-occupied northern Cyprus": the occupier's adjective
OCCUPIED = re.compile(r"\b([A-Z][\w.]*)[-–]occupied\b")
# A phrase led by a possessor: "Chad's elections", "Kenya’s constitution"
POSSESSED = re.compile(r"[^,;]+?['’]s\s")


@dataclass(frozen=True)
class Options:
    """Settings of a coding run (defaults suit news; the CLI exposes the useful ones)."""

    batch_size: int = 32  # articles parsed together
    code_headline: bool = False  # headlines repeat the lead and parse badly in title case
    min_confidence: float = 0.0
    coder: str = "rules"  # "rules" (default) or "llm" (an OpenAI-compatible server, see docs/llm.md)
    model: str | None = "default"  # sentence classifier for unsure sentences: "default", a directory, or None
    prefilter: bool = True  # parse only sentences that could hold an event (see detente.prefilter)
    fast: bool = False  # speed profile: no sentence classifier either (docs/throughput.md)
    # spaCy's statistical entity recogniser: half the parse's cost for no measurable gain over
    # Detente's own entity typing (actors/entities.py), so off unless asked for
    recogniser: bool = False
    workers: int = 1  # processes coding in parallel (detente.parallel); the pipeline itself is one


class Pipeline:
    def __init__(
        self,
        options: Options | None = None,
        *,
        nlp: Language | None = None,
        kb: KnowledgeBase | None = None,
        lexicon: Lexicon | None = None,
    ) -> None:
        self.options = options or Options()
        self._nlp = nlp
        self._kb = kb
        self._lexicon = lexicon

    # --- components, loaded on first use ---------------------------------------------------------
    @cached_property
    def nlp(self) -> Language:
        return self._nlp or nlp_mod.load()

    @cached_property
    def kb(self) -> KnowledgeBase:
        return self._kb or default_kb()

    @cached_property
    def lexicon(self) -> Lexicon:
        return self._lexicon or default_lexicon()

    @cached_property
    def matcher(self) -> SurfaceMatcher:
        return SurfaceMatcher(self.kb, self.nlp)

    @cached_property
    def entity_typer(self) -> EntityTyper:
        """Entity types for docs parsed without spaCy's recogniser (the default), and for the
        names it leaves untyped when it runs (Options.recogniser)."""
        return EntityTyper(self.kb, self.matcher, self.gazetteer)

    @cached_property
    def event_filter(self) -> EventFilter:
        return EventFilter(self.nlp, self.lexicon, self.kb, self.matcher)

    @cached_property
    def coder(self) -> SentenceCoder:
        return SentenceCoder(self.lexicon)

    @cached_property
    def hybrid(self) -> Hybrid | None:
        """The sentence classifier that helps the rules where they are unsure (None: rules only)."""
        if not self.options.model or self.options.model == "none" or self.options.fast:
            return None
        from detente.learn.encoder import default_encoder
        from detente.learn.model import DEFAULT_MODEL, default_model_dir, load_model

        if self.options.model == DEFAULT_MODEL and not (default_model_dir() / "model.json").exists():
            return None  # a build without the packaged model codes with the rules alone
        return Hybrid(load_model(self.options.model), default_encoder())

    def sentence_drafts(
        self,
        article: Article,
        sentences: list[Sentence],
        actors: ArticleActors | None = None,
        lenient: bool | None = None,
    ) -> Iterator[tuple[Sentence, SentenceActors, list[Draft], list[Draft]]]:
        """For each sentence: its actors, the drafts the rules keep, and every draft the rules
        considered. The lenient set costs a second pass, so by default it is made only when the
        classifier will look at it; `lenient=True` always makes it (training needs it)."""
        actors = actors or ArticleActors(self.kb, self.matcher)
        hybrid = self.hybrid

        def wanted(strict: list[Draft]) -> bool:
            return lenient if lenient is not None else (hybrid is not None and hybrid.needed(strict))

        for sent in sentences:
            span = sent.span
            if span is None:  # set aside by the pre-filter: nothing to code
                continue
            sa = actors.process(span, sent.index)
            strict, loose = self.coder.code_pair(span, sa, wanted)
            yield sent, sa, strict, loose

    @cached_property
    def llm(self):
        from detente.coding.llm import LLMCoder

        return LLMCoder()

    @cached_property
    def gazetteer(self):
        from detente.when_where.places import Gazetteer

        return Gazetteer()

    # --- running -------------------------------------------------------------------------------------
    def code_articles(self, articles: Iterable[Article]) -> Iterator[CodedArticle]:
        """Code articles in batches; results come back in input order."""
        batch: list[Article] = []
        for art in articles:
            batch.append(art)
            if len(batch) >= self.options.batch_size:
                yield from self._code_batch(batch)
                batch = []
        if batch:
            yield from self._code_batch(batch)

    def code_article(self, article: Article) -> CodedArticle:
        return next(iter(self._code_batch([article])))

    def parse(self, batch: list[Article]) -> list[list[Sentence]]:
        """Sentences of each article of a batch, in order. Sentences the pre-filter sets aside
        keep their text and offsets but no parse (`span` is None)."""
        # (article, paragraph, offset, text, parse?); `to_parse` the text, or its tokens
        pieces: list[tuple[int, int, int, str, bool]] = []
        to_parse: list[str | Doc] = []
        for a, art in enumerate(batch):
            for p, (offset, text) in enumerate(art.paragraphs()):
                if not self.options.prefilter:
                    pieces.append((a, p, offset, text, True))
                    to_parse.append(text)
                    continue
                for piece, tokens in self.event_filter.split_runs(text):
                    run_text = text[piece.start : piece.end]
                    pieces.append((a, p, offset + piece.start, run_text, piece.keep))
                    if piece.keep:
                        to_parse.append(run_text if tokens is None else tokens)
        recogniser = self.options.recogniser and not self.options.fast
        docs = iter(nlp_mod.parse(to_parse, self.nlp, disable=() if recogniser else ("ner",)))
        # Detente's own entity types stand in for the recogniser's, or fill in the names it left
        # untyped when it runs
        docs = map(self.entity_typer.supplement if recogniser else self.entity_typer, docs)
        # "hopes", "waged": lemmas the model's lemmatizer gets wrong (verb_lemmas.tsv)
        docs = map(repair_verb_lemmas, docs)
        # a report told after its content ("..., a rights group protested"), which the parser
        # hangs on the noun before it, gets its speaker and content back
        docs = map(reattach_trailing_reports, docs)
        # "set free the hostages": the adjective the parser hung on the object is the verb's particle
        docs = map(attach_adjective_particles, docs)
        # "Hackers linked to Iran launched attacks": the participle is the subject's, not the main verb
        docs = map(reattach_reduced_relatives, docs)
        # "detained dozens of women marching in X": the participle's subject is the verb's object
        docs = map(reattach_participle_objects, docs)
        # "received the envoy to X, NAME,": the name the parser made a second object is the envoy's
        docs = map(reattach_named_postings, docs)
        # "overran a base, sources said, the second assault in two days": the summing-up phrase
        # the parser made a second object is the clause's, not the verb's
        docs = map(detach_clause_appositions, docs)
        # "used tear gas as traders staged a protest": "as" opens a clause, not a phrase
        docs = map(reattach_as_clauses, docs)
        # "an ultimatum to Damascus warning of X": the participle is the verb's, the name the recipient
        docs = map(reattach_named_participles, docs)
        # "X, held captive in Y, have been freed": the participle is the subject's, not the main verb
        docs = map(reattach_parenthetical_participles, docs)
        # "returned to Brazil last Wednesday 21 frogs": an object put after the "to" phrase is the verb's
        docs = map(reattach_shifted_objects, docs)
        per_article: list[list[Sentence]] = [[] for _ in batch]
        for a, p, offset, text, keep in pieces:
            sents = per_article[a]
            art_id = batch[a].id
            if not keep:
                sents.append(Sentence(art_id, len(sents), text, offset, p))
                continue
            for sent in next(docs).sents:
                sent_text = sent.text
                if sent_text.strip():
                    sents.append(Sentence(art_id, len(sents), sent_text, offset + sent.start_char, p, sent))
        return per_article

    def _code_batch(self, batch: list[Article]) -> Iterator[CodedArticle]:
        parsed = self.parse(batch)
        if self.options.coder == "llm":
            for art, sents in zip(batch, parsed, strict=True):
                events, problems = self.llm.code_sentences(art, sents)
                if self.options.min_confidence:
                    events = [e for e in events if e.confidence >= self.options.min_confidence]
                yield CodedArticle(art, sents, {}, events, problems)
            return
        # Pass 1: actors and rule drafts of every sentence of the batch. Then the classifier looks
        # at all the unsure sentences of the batch at once (one embedding call). Pass 2: dates,
        # places and final events, article by article in sentence order.
        staged = [list(self.sentence_drafts(art, sents)) for art, sents in zip(batch, parsed, strict=True)]
        decided: list[list[list[Draft]]] = [[strict for _s, _sa, strict, _l in rows] for rows in staged]
        if self.hybrid is not None:
            flat = [(a, i) for a, rows in enumerate(staged) for i in range(len(rows))]
            choices = self.hybrid.decide_many(
                [(staged[a][i][0].text, staged[a][i][2], staged[a][i][3]) for a, i in flat]
            )
            for (a, i), drafts in zip(flat, choices, strict=True):
                decided[a][i] = drafts
        for art, sents, rows, drafts in zip(batch, parsed, staged, decided, strict=True):
            yield self._finish(art, sents, rows, drafts)

    def _finish(
        self,
        article: Article,
        sentences: list[Sentence],
        rows: list[tuple[Sentence, SentenceActors, list[Draft], list[Draft]]],
        decided: list[list[Draft]],
    ) -> CodedArticle:
        ctx = attach.StoryContext(article.date)
        context_countries: list[str] = []
        sentence_refs: dict[int, list[ActorRef]] = {}
        events: list[Event] = []
        dateline = self._dateline(article, context_countries)
        day_places: dict[str, Location] = {}
        for (sent, sa, _strict, _lenient), drafts in zip(rows, decided, strict=True):
            span = sent.span
            assert span is not None
            sentence_refs[sent.index] = sa.mentions()
            for r in sentence_refs[sent.index]:
                if r.entity is not None and r.entity.kind == "state":
                    context_countries.append(r.entity.roles[0].code)
            times = attach.sentence_times(span, article.date)
            attach.update_story(times, ctx)  # a sentence's own recent date dates its undated events
            mentions = find_place_mentions(span)
            places = self._places(span, context_countries, mentions)
            phrase_places = self._phrase_places(span, mentions) if drafts else []
            for d in drafts:
                e = self._finalize(article, sent, d, times, places, phrase_places, ctx)
                events.append(e)
                dated = e.evidence.date_text or any("story date" in n for n in e.evidence.notes)
                if e.location is not None and e.date_precision == "day" and dated and not e.historical:
                    day_places.setdefault(e.date, e.location)
            for pl in places:  # "..., he said Friday from Kazan": where the story was that day
                if pl.governor.pos_ in ("VERB", "AUX"):
                    when = attach.date_for(pl.governor, times, ctx)
                    if when.precision == "day" and when.how != "publication date" and not when.historical:
                        day_places.setdefault(when.value, pl.location)
        events = self._share_places(events, dateline, day_places)
        if self.options.min_confidence:
            events = [e for e in events if e.confidence >= self.options.min_confidence]
        mentions = {
            i: [self._mention(r, s.span, article.date) for r in sentence_refs.get(i, [])]
            for i, s in enumerate(sentences)
            if s.span is not None
        }
        return CodedArticle(article, sentences, mentions, events)

    # --- places --------------------------------------------------------------------------------------
    def _place_location(self, name: str, hint: str | None, context: list[str]) -> Location | None:
        for surface in self.kb.lookup(name):
            ent = surface.entity
            if ent.kind == "state" and surface.how in ("name", "alias", "adjective"):  # "the Thai border"
                point = self.kb.points.get(ent.roles[0].code)
                lat, lon = point if point else (None, None)
                return Location(ent.name, ent.roles[0].code, lat, lon, None, "country")
            if ent.kind == "state" and surface.how == "seat":  # "at the White House"
                code = ent.roles[0].code
                return Location(name.removeprefix("the ").strip(), code, None, None, None, "seat")
        try:
            found = self.gazetteer.resolve(name, hint, context)
            if found is None and FACILITY_IN.search(name):
                # "the Great Hall of the People in Beijing": the city the building is in
                found = self.gazetteer.resolve(FACILITY_IN.split(name)[-1], hint, context)
            return found
        except Exception:
            return None

    def _places(
        self, span: Span, context: list[str], mentions: list[PlaceMention]
    ) -> list[attach.AnchoredPlace]:
        out = []
        for pm in mentions:
            phrase = attach.locative_phrase(span, pm.token_start, pm.token_end)
            if phrase is None:
                continue
            loc = self._place_location(pm.text.split(",")[0].strip(), pm.country_hint, context[-20:])
            if loc is not None:
                gov, prep = phrase
                out.append(attach.AnchoredPlace(loc, pm.text, gov, prep))
        return out

    def _phrase_places(self, span: Span, mentions: list[PlaceMention]) -> list[tuple[int, int, str]]:
        """(doc token start, end, country) of every place the sentence names that the gazetteer
        knows: an actor's own phrase may place it ("settlers in the West Bank city of Hebron", "a
        missionary from Calgary", "the government of Sindh province")."""
        out = []
        for pm in mentions:
            loc = self._place_location((pm.name or pm.text).split(",")[0].strip(), pm.country_hint, [])
            if loc is not None and loc.country:
                out.append((span.start + pm.token_start, span.start + pm.token_end, loc.country))
        return out

    def _dateline(self, article: Article, context: list[str]) -> attach.AnchoredPlace | None:
        m = DATELINE.match(article.text[:120])
        if not m:
            return None
        city = m.group(1).strip().title()
        hint = None
        if m.group(2):
            for s in self.kb.lookup(m.group(2).strip()):
                if s.entity.kind == "state":
                    hint = s.entity.roles[0].code
        loc = self._place_location(city, hint, context)
        return attach.AnchoredPlace(loc, m.group(0).strip(), None) if loc else None  # type: ignore[arg-type]

    @staticmethod
    def _share_places(
        events: list[Event], dateline: attach.AnchoredPlace | None, day_places: dict[str, Location]
    ) -> list[Event]:
        """Events without a place take the place where the article puts that day's events
        ("he said Friday from Kazan"), else the dateline's; background events keep none."""
        out = []
        for e in events:
            if e.location is None and not e.historical:
                loc = day_places.get(e.date) if e.date_precision == "day" and e.date else None
                note = "place of the article's other events that day"
                if loc is None and dateline is not None:
                    loc, note = dateline.location, "dateline"
                if loc is not None:
                    ev = e.evidence
                    e = e.with_(
                        location=loc,
                        evidence=Evidence(
                            ev.trigger, ev.rule, ev.attributed_to, ev.date_text, loc.name, (*ev.notes, note)
                        ),
                    )
            out.append(e)
        return out

    # --- events ---------------------------------------------------------------------------------------
    @staticmethod
    def _char_span(span: Span, start: int, end: int) -> tuple[int, int]:
        doc = span.doc
        s = doc[start].idx - span.start_char
        last = doc[end - 1]
        e = last.idx + len(last.text) - span.start_char
        return s, e

    def _mention(self, ref: ActorRef, span: Span, day: dt.date | None) -> Mention:
        start, end = _whole_words(span.doc, ref.start, ref.end)
        s, e = self._char_span(span, start, end)
        # the mention's own tokens, not a slice of span.text: that rebuilds the whole sentence
        return Mention(span.doc[start:end].text, s, e, ref.actor(day), ref.rule, ref.entity_id)

    def _place_recipient(
        self, place: attach.AnchoredPlace, text: str, root: str, day: dt.date | None
    ) -> Mention | None:
        """An act with no named recipient, done in a place of the event's own clause ("lifted
        the state of emergency in West Darfur", "fired shells at targets in Jericho"): the
        place's country stands as the recipient, as PLOVER and ICEWS code it. Not for
        statements and meetings, whose place says nothing about who they concern."""
        country = place.location.country
        if root in ("01", "04") or not country:
            return None
        entity = self.kb.state(country)
        start = text.find(place.text)
        if entity is None or start < 0:
            return None
        actor = replace(entity.actor_at(day), sector=None, kind="state")
        actor = replace(actor, code=actor.country or country)
        return Mention(place.text, start, start + len(place.text), actor, "place-acted-in", entity.id)

    def _place_phrase(self, span: Span, mention: Mention) -> Mention:
        """The whole place phrase a place recipient's name ends ("in parts of the western city of
        Ahmedabad", "the capital Harare"): the place acted in is what the text names, of which the
        name is the last part."""
        chars = span.char_span(mention.start, mention.end, alignment_mode="expand")
        if chars is None:
            return mention
        tok = chars.root
        while True:
            up = tok.head
            if tok.dep_ == "pobj" and up.lower_ == "of" and up.head.pos_ in ("NOUN", "PROPN"):
                tok = up.head
            elif tok.dep_ in ("appos", "compound") and up.pos_ in ("NOUN", "PROPN") and up.i < tok.i:
                tok = up
            else:
                break
        if tok.i == chars.root.i:
            return mention
        start, end = cl.argument_span(tok)
        if not (start <= chars.start and chars.end <= end) or end - start > MAX_PLACE_PHRASE:
            return mention
        s, e = self._char_span(span, start, end)
        return replace(mention, text=span.doc[start:end].text, start=s, end=e)

    def _unnamed_doer(self, country: str, sector: str, at: int, day: dt.date | None) -> Mention | None:
        """The unnamed doer of an act in a known country ("a missionary was arrested in Lebanon",
        "a roadside bomb near Samarra killed a soldier"): an actor of that country, in the sector
        such acts have (UAF, unidentified armed forces, for an attack; PLOVER codes the country).
        Its mention is empty, at the trigger."""
        return self._implied(country, sector, "agent", at, day, "place-unnamed-doer")

    @staticmethod
    def _doer_at_place(doer: Mention, place: attach.AnchoredPlace, d: Draft, text: str, at: int) -> Mention:
        """ "X was arrested in Rwanda", "was put under investigation in Italy": the place phrase
        of the act's own verb stands for the authorities there, so it is the unnamed doer's
        mention (not a place further down, "arrested a man who lived in X", nor one above)."""
        if place.prep not in ("in", "inside") or place.governor.i not in (d.trigger.i, d.anchor.i):
            return doer
        start = text.find(place.text, at)
        if start < 0:
            return doer
        return replace(doer, text=place.text, start=start, end=start + len(place.text))

    def _protested_state(self, source: Mention, at: int, day: dt.date | None) -> Mention | None:
        """A protest, strike or riot that names no one it is aimed at ("Young Algerians blocked
        roads", "opposition parties in Nepal organized a general strike") is addressed to the
        protesters' own government, as PLOVER and ICEWS code it. The government is not named, so
        its mention is empty, at the trigger. Not when the doers are a state's own organs or a
        foreign or international body."""
        a = source.actor
        if not a.country or a.kind not in ("agent", "person", "state") or a.sector in STATE_ORGANS:
            return None
        if a.kind == "state" and a.sector is None and source.rule != "kb:state-adjective":
            return None  # "Britain protested": a state's diplomatic protest; "Algerians" are people
        occupier = self._occupier(source.text)
        if occupier is not None and occupier != a.country:
            # "villagers of the Moroccan-occupied territory went on strike": the state that holds
            # the land they live on is the one that governs them
            return self._implied(occupier, "GOV", "state", at, day, "protested-occupier")
        return self._implied(a.country, "GOV", "state", at, day, "protested-government")

    def _occupier(self, text: str) -> str | None:
        """The state an "<adjective>-occupied" phrase names ("the Turkish-occupied north"), if
        the knowledge base knows the adjective as one state's."""
        m = OCCUPIED.search(text)
        if m is None:
            return None
        states = {s.entity.country for s in self.kb.lookup(m.group(1)) if s.entity.kind == "state"}
        return states.pop() if len(states) == 1 else None

    def _implied(
        self, country: str, sector: str, kind: str, at: int, day: dt.date | None, rule: str
    ) -> Mention | None:
        """An actor of a country that the text implies but does not name: its mention is empty,
        at the trigger (docs/architecture.md, "Implied actors")."""
        entity = self.kb.state(country)
        if entity is None:
            return None
        actor = replace(entity.actor_at(day), sector=sector, kind=kind)
        actor = replace(actor, code=f"{actor.country or country}{sector}")
        return Mention("", at, at, actor, rule, entity.id)

    def _finalize(
        self,
        article: Article,
        sent: Sentence,
        d: Draft,
        times: list[attach.AnchoredTime],
        places: list[attach.AnchoredPlace],
        phrase_places: list[tuple[int, int, str]],
        ctx: attach.StoryContext,
    ) -> Event:
        span = sent.span
        assert span is not None and d.anchor is not None
        date = attach.date_for(
            d.anchor, times, ctx, background=d.background, mark=attach.clause_mark(d.anchor)
        )
        day = date.day(article.date)
        row = tables.lookup(d.code)
        place = attach.place_for(d.anchor, places, row.root)
        ts, te = self._char_span(span, d.trigger.i, d.trigger_end)
        notes = list(d.notes)
        if date.how not in ("own clause", "default"):
            notes.append(f"date from {date.how}")
        evidence = Evidence(
            trigger=TextSpan(sent.text[ts:te], ts, te),
            rule=d.rule,
            attributed_to=self._mention(d.attribution, span, day) if d.attribution else None,
            date_text=date.text,
            location_text=place.text if place else None,
            notes=tuple(notes),
        )
        target = self._mention(d.target, span, day) if d.target else None
        if (
            target is not None
            and place is not None
            and target.actor.country is None
            and target.rule in PLACE_LIKE_RULES
            and (
                target.start <= sent.text.find(place.text) < target.end
                # "inspectors to the Bushehr Power Plant in southern Iran": a place phrase right
                # after the unknown name says where that thing is, however the parser attached it
                or (d.target is not None and self._placed_right_after(span, d.target.end, sent.text, place))
            )
        ):
            # "stormed Bethlehem", "shelled the town of Baidoa": a place name the model took for
            # an unknown organisation, or a place phrase kept as an uncoded thing, is the place
            # acted on; its country stands as the recipient, the mention as the coder found it
            placed = self._place_recipient(place, sent.text, row.root, day)
            if placed is not None:
                target = replace(placed, text=target.text, start=target.start, end=target.end)
                notes.append("target: the country where it happened")
        if target is None and place is not None:
            target = self._place_recipient(place, sent.text, row.root, day)
            if target is not None:
                target = self._place_phrase(span, target)
                notes.append("target: the country where it happened")
        if target is None and place is None and row.root == "13":
            # "threatened to impose a curfew in Algiers": a threatened deed in a place is aimed at
            # that place's country (the threat itself was not made there)
            threatened = attach.threatened_place(d.anchor, places)
            if threatened is not None:
                target = self._place_recipient(threatened, sent.text, "19", day)
                if target is not None:
                    notes = [n for n in notes if n != "no target found"]
                    notes.append("target: the country where the threatened act would happen")
        source = self._mention(d.source, span, day) if d.source else None
        for role, ref in (("source", d.source), ("target", d.target)):
            m = source if role == "source" else target
            if (
                ref is None
                or m is None
                or m.actor.country is not None
                or m.actor.kind not in ("agent", "person")
            ):
                continue
            country = next(
                (c for s0, e0, c in phrase_places if ref.start <= s0 and e0 <= ref.end and ref.head < s0),
                None,
            ) or self._based_in(span, ref.start, ref.end)
            if country is None or "foreign" in m.text.lower():
                continue
            m = _with_country(m, country)
            source, target = (m, target) if role == "source" else (source, m)
            notes.append(f"{role} country: the place its own phrase names")
        if target is not None and target.actor.kind == "region":
            member = self._named_member(target, source, phrase_places)
            if member is not None:
                target = _with_country(target, member)
                notes.append("target country: the one member of the region the sentence names")
        variants = span.doc.user_data.get(VARIANTS, {})
        for role, ref in (("source", d.source), ("target", d.target)):
            for i in range(ref.start, ref.end) if ref is not None and variants else ():
                if i in variants:
                    written, known = variants[i]
                    notes.append(f"{role}: '{written}' read as '{known}' (a spelling variant)")
        source, target, placed = _domestic_country(source, target, place.location if place else None)
        if placed:
            notes.append(placed)
        if (
            target is not None
            and source is not None
            and target.actor.country is None
            # "generic": "jailed 52 members of a banned movement", a head the resolver reads as
            # a generic group of states, but arrested, sentenced or repressed it is people
            and target.actor.kind in ("agent", "person", "generic")
            and source.actor.country
            and (
                (source.actor.sector or "")[:3] in STATE_ORGANS
                # "Iran's crackdown on protesters": the state itself, named by its country
                or (source.actor.kind == "state" and source.actor.sector is None)
            )
            and row.code.startswith(OWN_PEOPLE_ACTS)
            and "foreign" not in target.text.lower()
        ):
            # "the army detained Prime Minister X", "a junta court sentenced X": a state's organs
            # arresting, sentencing or repressing someone no phrase places act on their own people
            target = _with_country(target, source.actor.country)
            notes.append("target country: the state whose organs act on its own people")
        if source is None and place is not None and place.location.country and row.root in UNNAMED_DOER:
            source = self._unnamed_doer(place.location.country, UNNAMED_DOER[row.root], ts, day)
            if source is not None and row.root in PLACE_NAMED_DOER:
                source = self._doer_at_place(source, place, d, sent.text, ts)
            if source is not None:
                notes = [n for n in notes if n != "no source found"]
                notes.append("source: an unnamed actor of the country where it happened")
        # a grievance that names no one ("went on strike over pay") is what the protest is about;
        # the protesters' own government is still whom it is addressed to, when there is one
        grievance = target is not None and target.actor.country is None and target.rule == "thing"
        if (target is None or grievance) and row.root == "14" and source is not None and not d.negated:
            government = self._protested_state(source, ts, day)
            if government is not None:
                target = government
                notes = [n for n in notes if n != "no target found"]
                notes.append(
                    "target: the government of the state occupying their land (none named)"
                    if target.rule == "protested-occupier"
                    else "target: the protesters' own government (none named)"
                )
        evidence = replace(evidence, notes=tuple(notes))  # the notes added on the way
        return Event(
            doc_id=article.name,
            article_id=article.id,
            sentence_index=sent.index,
            sentence=sent.text,
            source=source,
            target=target,
            cameo=row.code,
            cameo_root=row.root,
            quad_class=row.quad_gdelt,
            goldstein=row.goldstein,
            plover=row.plover,
            plover_mode=row.plover_mode,
            # "will visit California": a place or thing that names no actor is no counterpart
            mutual=row.mutual and not (d.target is not None and d.target.rule == "thing"),
            date=date.value,
            date_precision=date.precision,
            historical=date.historical,
            location=place.location if place else None,
            negated=d.negated,
            modality=d.modality,
            confidence=round(d.confidence, 3),
            evidence=evidence,
        )

    def _based_in(self, span: Span, start: int, end: int) -> str | None:
        """The country of the place in a "<place>-based" modifier among doc tokens start..end
        ("a Wuhan-based front company", "a Karachi-based militant group"): where an actor is
        based is its country. The place finder looks for locative phrases and misses these."""
        doc = span.doc
        for tok in doc[start:end]:
            if tok.lower_ != "based" or tok.i == start or doc[tok.i - 1].text not in ("-", "‐", "‑"):
                continue
            words = []
            j = tok.i - 2
            while j >= start and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper():
                words.insert(0, doc[j].text)
                j -= 1
            loc = self._place_location(" ".join(words), None, []) if words else None
            if loc is not None and loc.country:
                return loc.country
        return None

    @staticmethod
    def _placed_right_after(span: Span, end: int, text: str, place: attach.AnchoredPlace) -> bool:
        """Is the place named in an in/near/at phrase that starts right at doc token `end`?"""
        if end >= span.end or span.doc[end].lower_ not in ("in", "near", "at"):
            return False
        prep = span.doc[end]
        lo = prep.idx - span.start_char
        hi = prep.right_edge.idx + len(prep.right_edge.text) - span.start_char
        at = text.find(place.text, lo)
        return lo <= at and at + len(place.text) <= hi

    def _named_member(
        self, target: Mention, source: Mention | None, phrase_places: list[tuple[int, int, str]]
    ) -> str | None:
        """The one member state of a region target that the sentence also names ("opened its
        borders to West Africans ordered out of Nigeria", "a trip to North Africa" to press
        Libya): a region is a vague recipient, and the member named beside it is the one the act
        concerns, as PLOVER codes it. None when no member or several are named, or when the only
        one is the source's own country."""
        members = self.kb.region_members.get(target.actor.code)
        if not members:
            return None
        own = source.actor.country if source is not None else None
        named = {c for _s, _e, c in phrase_places if c in members and c != own}
        return next(iter(named)) if len(named) == 1 else None


def _whole_words(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """A mention's token span widened to the whole words its edges are part of: the tokenizer
    splits hyphenated words ("ex-ministers", "Mazar-i-Sharif", "Lee Nak-yon"), and a name or
    noun matched on one piece is written as the whole word."""
    while (
        start >= 2
        and doc[start - 1].text == "-"
        and not doc[start - 2].whitespace_
        and not doc[start - 1].whitespace_
    ):
        start -= 2
    while (
        end + 1 < len(doc)
        and doc[end].text == "-"
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
    ):
        end += 2
    return start, end


def _with_country(m: Mention, country: str) -> Mention:
    a = m.actor
    return replace(m, actor=replace(a, code=f"{country}{a.sector or ''}", country=country))


def _domestic_country(
    source: Mention | None, target: Mention | None, place: Location | None
) -> tuple[Mention | None, Mention | None, str | None]:
    """Police, courts, protesters, rebels ... that no phrase places take the country where
    their act happened ("protesters rallied in Dhaka"); investigators, prosecutors and judges
    acting on a known person take that person's country ("prosecutors indicted Yoon"). News
    leaves such actors' country unsaid because it is the obvious one."""
    note = None
    if (
        source is not None
        and target is not None
        and source.actor.country is None
        and source.actor.kind in ("agent", "group")
        and source.rule.split("(")[-1].rstrip(")") in ("agent", "org-unknown")  # also through "it"
        and target.actor.kind == "state"
        and target.actor.sector is None
        and target.actor.country
        and POSSESSED.match(target.text)
    ):
        # "the Hurriya party will boycott Chad's elections", "opposition parties denounced
        # Kenya's constitution": a body no phrase places, acting on a state's own affairs,
        # is of that state
        source = _with_country(source, target.actor.country)
        note = "source country: the state whose own affairs it acts on"
    for role in ("source", "target"):
        m = source if role == "source" else target
        # a stacked code counts by its first sector ("the opposition newspaper": OPPMED)
        if m is None or m.actor.country is not None or (m.actor.sector or "")[:3] not in DOMESTIC_SECTORS:
            continue
        if m.actor.kind not in ("agent", "person"):
            continue
        other = target if role == "source" else source
        country = place.country if place is not None and place.country else None
        how = "the country where it happened"
        if country is None and other is not None and other.rule.startswith("thing-in-place"):
            # "rebels seized villages near Chad's border": the place acted on is where it happened
            country = other.actor.country
        legal = role == "source" and m.actor.sector in ("JUD", "COP") and other is not None
        if country is None and legal and other.actor.kind == "person" and other.actor.country:
            country, how = other.actor.country, "the country of the person acted on"
        # "students protested against the Chinese government": a country's own people act on its
        # state; "Turkish police prevented a demonstration by students": a state's own
        # authorities act on its own people
        organs, by_state = (
            (STATE_ORGANS, "the country whose state it acts on")
            if role == "source"
            else (DOMESTIC_AUTHORITIES, "the country whose authorities act on it")
        )
        if country is None and other is not None and other.actor.country and other.actor.sector in organs:
            country, how = other.actor.country, by_state
        if country is None:
            continue
        m = _with_country(m, country)
        source, target = (m, target) if role == "source" else (source, m)
        note = f"{role} country: {how}"
    if (
        target is not None
        and source is not None
        and target.actor.country is None
        and target.actor.kind in ("agent", "person")
        and (target.actor.sector or "")[:3] in STATE_ORGANS
        and source.actor.country
        and (source.actor.sector or "")[:3] in PEOPLE_SECTORS
    ):
        # "Kikuyu elders condemned the government", "Chilean students clashed with the police":
        # a country's own people act on their own state's organs
        target = _with_country(target, source.actor.country)
        note = "target country: the state of the people acting on it"
    return source, target, note
