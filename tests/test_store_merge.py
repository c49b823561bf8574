"""Story clusters, copies and merged events, on SQLite and PostgreSQL (see docs/store.md).

Most tests build coded articles by hand, so that dates, codes and texts are exactly what the
merge rule needs; the seed-article test runs the real pipeline on the three real copies.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest
from sqlalchemy import select

from detente.api import Detente
from detente.coding.tables import lookup
from detente.records import (
    Actor,
    Article,
    CodedArticle,
    Event,
    Evidence,
    Location,
    Mention,
    Sentence,
    Span,
)
from detente.store import Store, schema, stories

pytest_plugins = ["conftest_pg"]

_WORDS = [
    "ministers",
    "talks",
    "border",
    "trade",
    "ceasefire",
    "envoy",
    "summit",
    "sanctions",
    "aid",
    "convoy",
    "harbour",
    "grain",
    "pipeline",
    "election",
    "court",
    "protest",
    "troops",
    "drill",
    "frontier",
    "treaty",
    "delegation",
    "refugees",
    "reactor",
    "tariff",
    "vote",
    "parliament",
    "navy",
    "rebels",
    "province",
    "capital",
    "statement",
    "pledge",
    "loan",
    "bank",
    "visit",
    "embassy",
    "airport",
    "port",
]


def story_text(seed: int, paragraphs: int = 6) -> str:
    """A body of unrelated-looking paragraphs; different seeds give different stories."""
    rng = random.Random(seed)
    return "\n\n".join(" ".join(rng.choice(_WORDS) for _ in range(40)) + "." for _ in range(paragraphs))


def actor(code: str) -> Actor:
    """An actor as the knowledge base codes it: IGOUNOWFP is the UN (UNO) with sector WFP."""
    if code.startswith(("IGO", "NGO")):
        return Actor(
            code=code, country=code[3:6], sector=code[6:] or None, name=f"name of {code}", kind="igo"
        )
    return Actor(code=code, country=code[:3], sector=code[3:] or None, name=f"name of {code}")


def coded_article(
    text: str,
    events: list[dict],
    *,
    title: str = "A story",
    date: str | None = "2024-03-12",
    url: str | None = None,
    publisher: str | None = None,
    origin: str = "test",
) -> CodedArticle:
    """A CodedArticle as the pipeline would give it: one sentence per paragraph, events as asked.

    An event spec has source, target (actor codes or None), cameo, and optionally date,
    date_precision, sentence, negated, modality, location (a Location).
    """
    art = Article.create(
        text,
        title,
        date=dt.date.fromisoformat(date) if date else None,
        url=url,
        publisher=publisher,
        origin=origin,
    )
    paragraphs = art.paragraphs()
    sentences = [Sentence(art.id, i, p, start, i) for i, (start, p) in enumerate(paragraphs)]
    out = []
    for spec in events:
        i = spec.get("sentence", 0)
        row = lookup(spec["cameo"])
        mentions = {}
        for side in ("source", "target"):
            code = spec.get(side)
            mentions[side] = Mention(code, 0, len(code), actor(code), "test") if code else None
        out.append(
            Event(
                doc_id=art.name,
                article_id=art.id,
                sentence_index=i,
                sentence=sentences[i].text,
                source=mentions["source"],
                target=mentions["target"],
                cameo=row.code,
                cameo_root=row.root,
                quad_class=row.quad_gdelt,
                goldstein=row.goldstein,
                plover=row.plover,
                plover_mode=row.plover_mode,
                mutual=row.mutual,
                date=spec.get("date", date),
                date_precision=spec.get("date_precision", "day" if spec.get("date", date) else None),
                historical=False,
                location=spec.get("location"),
                negated=spec.get("negated", False),
                modality=spec.get("modality", "asserted"),
                confidence=spec.get("confidence", 0.7),
                evidence=Evidence(Span("said", 0, 4), f"test:{spec['cameo']}"),
            )
        )
    return CodedArticle(art, sentences, {}, out)


def reworded(text: str, n: int = 3) -> str:
    """The same story lightly edited: n words replaced."""
    words = text.split(" ")
    for k in range(n):
        words[7 + 11 * k] = "reportedly"
    return " ".join(words)


def snapshot(store: Store) -> set[tuple]:
    """Merged events of Detente's own coding, without ids: what a rebuild must reproduce."""
    ev, em = schema.events, schema.event_mentions
    with store.engine.connect() as conn:
        mentions: dict[int, list[int]] = {}
        for eid, mid in conn.execute(select(em.c.event_id, em.c.id)):
            mentions.setdefault(eid, []).append(mid)
        rows = conn.execute(select(ev).where(ev.c.origin == "detente")).all()
        return {
            (
                r.merge_key,
                r.event_date,
                r.story_id,
                r.num_mentions,
                r.num_articles,
                r.num_sources,
                r.confidence,
                tuple(sorted(mentions[r.id])),
            )
            for r in rows
        }


@pytest.fixture
def store(db_url):
    s = Store(db_url)
    yield s
    s.close()


TALKS = {"source": "RUSGOV", "target": "UKRGOV", "cameo": "040", "date": "2024-03-11"}


def test_near_duplicates_share_a_story_and_unrelated_articles_do_not():
    base = story_text(1)
    sig = stories.signature(base)
    assert stories.similarity(sig, stories.signature(reworded(base))) > 0.8
    assert stories.similarity(sig, stories.signature(story_text(2))) < 0.2
    assert stories.signature("") is None and stories.signature("...") is None
    with pytest.raises(ValueError):
        stories.bands_for(0.0)


def test_wire_copies_merge_into_one_event_with_counts(store):
    text = story_text(1)
    a = store.add(coded_article(text, [TALKS], url="https://a.example/1", publisher="Agence A"))
    b = store.add(coded_article(reworded(text), [TALKS], url="https://b.example/1", publisher="Bureau B"))
    assert a.stored and b.stored and a.story_id == b.story_id == a.article_id
    rows = list(store.events())
    assert len(rows) == 1
    ev = rows[0]
    assert (ev["num_mentions"], ev["num_articles"], ev["num_sources"]) == (2, 2, 2)
    mentions = store.mentions(ev["id"])
    assert [m["article_id"] for m in mentions] == [a.article_id, b.article_id]
    assert all(m["sentence"] and m["source_text"] == "RUSGOV" for m in mentions)


def test_an_exact_copy_from_elsewhere_counts_but_rereading_it_does_not(store):
    text = story_text(3)
    first = coded_article(text, [TALKS], url="https://a.example/x", publisher="Agence A")
    assert store.add(first).stored
    same_url = store.add(first)
    assert not same_url.stored and not same_url.new_copy
    elsewhere = coded_article(text, [TALKS], url="https://c.example/y", publisher="Agence A")
    assert elsewhere.article.id == first.article.id  # same text: same article, one more copy
    assert store.add_copy(elsewhere.article)
    assert not store.add_copy(elsewhere.article)
    (ev,) = store.events()
    # two documents of one publisher: two mentions and articles, one source
    assert (ev["num_mentions"], ev["num_articles"], ev["num_sources"]) == (2, 2, 1)
    assert store.counts()["articles"] == 1 and store.counts()["article_copies"] == 2


def test_same_event_merges_across_outlets_within_the_date_window(store):
    store.add(coded_article(story_text(4), [TALKS], publisher="A"))
    store.add(coded_article(story_text(5), [{**TALKS, "date": "2024-03-12"}], publisher="B"))
    store.add(coded_article(story_text(6), [{**TALKS, "date": "2024-03-14"}], publisher="C"))
    store.add(coded_article(story_text(7), [{**TALKS, "cameo": "043"}], publisher="D"))
    store.add(coded_article(story_text(8), [{**TALKS, "negated": True}], publisher="E"))
    rows = sorted(store.events(), key=lambda r: (r["cameo"], r["negated"], r["event_date"]))
    got = [
        (r["cameo"], r["negated"], str(r["event_date"]), r["num_mentions"], r["num_sources"]) for r in rows
    ]
    assert got == [
        ("040", False, "2024-03-11", 2, 2),  # the 11th and the 12th: one day apart, one event
        ("040", False, "2024-03-14", 1, 1),  # three days after the anchor: another event
        ("040", True, "2024-03-11", 1, 1),  # "did not meet" is not the meeting
        ("043", False, "2024-03-11", 1, 1),  # another CAMEO code
    ]
    assert store.counts()["stories"] == 5  # five unrelated articles, five stories

    summary = store.rebuild(window_days=3)
    assert summary.articles == 5 and summary.mentions == 5 and store.settings().merge_window_days == 3
    three = {(r["cameo"], r["negated"]): r["num_mentions"] for r in store.events()}
    assert three == {("040", False): 3, ("040", True): 1, ("043", False): 1}


def test_undated_mentions_merge_only_within_a_story(store):
    undated = {**TALKS, "date": None}
    text = story_text(9)
    store.add(coded_article(text, [undated], date=None, publisher="A"))
    store.add(coded_article(reworded(text), [undated], date=None, publisher="B"))
    store.add(coded_article(story_text(10), [undated], date=None, publisher="C"))
    counts = sorted(r["num_mentions"] for r in store.events())
    assert counts == [1, 2]


def test_a_mention_repeated_in_one_article_counts_as_a_mention_not_an_article(store):
    text = story_text(11)
    store.add(coded_article(text, [TALKS, {**TALKS, "sentence": 2}], publisher="A"))
    (ev,) = store.events()
    assert (ev["num_mentions"], ev["num_articles"], ev["num_sources"]) == (2, 1, 1)


def test_rebuild_reproduces_incremental_merging_and_threshold_changes_clusters(store):
    undated = {**TALKS, "date": None}
    texts = [story_text(20), story_text(21), story_text(22)]
    corpus = [
        coded_article(texts[0], [TALKS, undated], publisher="A"),
        coded_article(reworded(texts[0], 3), [TALKS, undated], publisher="B"),
        coded_article(reworded(texts[0], 12), [TALKS, undated], publisher="C"),
        coded_article(texts[1], [{**TALKS, "date": "2024-03-12"}, undated], publisher="D"),
        coded_article(texts[2], [{**TALKS, "cameo": "0874", "date": "2024-03-13"}], publisher="E"),
    ]
    for c in corpus:
        store.add(c)
    incremental = snapshot(store)
    assert store.rebuild().events == len(incremental)
    assert snapshot(store) == incremental

    strict = store.rebuild(story_threshold=1.0)  # only identical bodies share a story now
    assert store.settings().story_threshold == 1.0 and strict.stories == 5
    undated_counts = sorted(r["num_mentions"] for r in store.events() if r["event_date"] is None)
    assert undated_counts == [1, 1, 1, 1]
    store.rebuild(story_threshold=0.5)
    assert snapshot(store) == incremental


def test_every_coded_event_stays_a_mention(store):
    text = story_text(30)
    store.add(coded_article(text, [TALKS, TALKS, {**TALKS, "cameo": "043"}]))
    counts = store.counts()
    assert counts["event_mentions"] == 3 and counts["events"] == 2
    ev, em = schema.events, schema.event_mentions
    with store.engine.connect() as conn:
        orphans = conn.execute(select(em.c.id).where(em.c.event_id.is_(None))).all()
        total = conn.execute(select(ev.c.num_mentions)).scalars().all()
    assert orphans == [] and sum(total) == 3


def test_events_of_an_article_show_its_own_mentions(store):
    text = story_text(40)
    a = store.add(coded_article(text, [TALKS], publisher="A"))
    b = store.add(coded_article(reworded(text), [{**TALKS, "sentence": 3}], publisher="B"))
    (first,) = store.events(article_id=a.article_id)
    (second,) = store.events(article_id=b.article_id)
    assert first["id"] == second["id"]
    assert (first["sentence_idx"], second["sentence_idx"]) == (0, 3)


@pytest.mark.shared
def test_seed_article_from_three_copies_is_one_story_with_each_event_once(shared, tmp_path):
    """The seed article as text, as HTML and lightly edited: one story, every event mentioned thrice."""
    txt = (shared / "examples" / "seed-article.txt").read_text(encoding="utf-8")
    edited = txt.replace(
        "Russia Hosts Taliban at Regional Threat Talks and Affirms Support for Kabul",
        "Moscow Welcomes Taliban Envoys to Kazan Security Talks",
    )
    edited = edited.replace(
        "The Taliban may be a pariah to the Western geopolitical establishment, but it is not without "
        "friends in high places.",
        "The Taliban may be an outcast to the Western political establishment, yet it is not without "
        "powerful friends.",
    )
    assert edited.count("Moscow Welcomes") == 1 and "powerful friends" in edited
    copy = Path(tmp_path / "edited-copy.txt")
    copy.write_text(edited, encoding="utf-8")
    api = Detente(tmp_path / "seed.db")
    paths = [shared / "examples" / "seed-article.txt", shared / "examples" / "seed-article.html", copy]
    for path in paths:
        summary = api.ingest([path], date=dt.date(2023, 9, 30))
        assert not summary.errors
    counts = api.store.counts()
    assert counts["stories"] == 1 and counts["article_copies"] == 3
    rows = list(api.events())
    assert len(rows) >= 20
    assert {r["num_mentions"] for r in rows} == {3}, [(r["cameo"], r["num_mentions"]) for r in rows]
    assert {r["num_articles"] for r in rows} == {3}
    keys = [(r["source_code"], r["cameo"], r["target_code"], r["event_date"]) for r in rows]
    assert len(keys) == len(set(keys))  # each event once
    mentions = api.mentions(rows[0]["id"])
    assert sum(len(m["copies"]) for m in mentions) == 3
    assert all(m["sentence"][m["trigger_start"] : m["trigger_end"]] == m["trigger_text"] for m in mentions)


def test_event_location_and_polarity_are_kept(store):
    kazan = Location("Kazan", "RUS", 55.79, 49.12, 551487, "city")
    store.add(coded_article(story_text(50), [{**TALKS, "location": kazan, "modality": "hypothetical"}]))
    (ev,) = store.events()
    assert ev["location_name"] == "Kazan" and ev["location_geonameid"] == 551487
    assert ev["merge_key"].endswith("|hyp")
