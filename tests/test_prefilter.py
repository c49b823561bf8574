"""The speed-ups must not change what is coded: the morphology cache gives the real components'
annotations, the pre-filter keeps every sentence the coder could code."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from detente import nlp as nlp_mod
from detente.pipeline import Options, Pipeline
from detente.records import Article

VARIED = [
    "There is no deal yet, and there were no talks, officials said on Monday.",
    "I think it is over. You gotta see it. We're gonna talk, ain't we? Let's go.",
    "Russia's foreign minister, Sergei Lavrov, told reporters in Kazan that   the West had failed.",
    "It rained.  \n The ministry, which denied it, said that it would respond.",
    "Did they do it? They did. Have you had talks? Whatever they have, they had it.",
]


def annotations(doc):
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_) for t in doc]


def test_morphology_cache_gives_the_real_components_annotations(pipeline):
    nlp = pipeline.nlp
    expected = [annotations(d) for d in nlp.pipe(VARIED)]
    cache = nlp_mod.morphology_cache(nlp)
    assert cache is not None
    first = [annotations(d) for d in nlp_mod.parse(VARIED, nlp)]  # fills the cache
    assert all(k in cache.values for d in nlp.pipe(VARIED[:1]) for k in map(cache._key, d))
    second = [annotations(d) for d in nlp_mod.parse(VARIED, nlp)]  # served from it
    assert first == expected
    assert second == expected


def test_tokens_not_yet_seen_are_computed_alone_with_the_same_result(pipeline):
    # a cold cache sees new words in almost every doc; it computes just those tokens (with
    # their neighbours where patterns need them) and must still agree with the real components
    nlp = pipeline.nlp
    gold = Path(__file__).resolve().parents[1] / "gold" / "detente-gold.jsonl"
    texts = [
        json.loads(line)["text"] for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    texts += VARIED
    expected = [annotations(d) for d in nlp.pipe(texts)]
    cache = nlp_mod.MorphologyCache.for_pipeline(nlp)
    assert cache is not None
    with nlp.select_pipes(disable=list(cache.replaces)):
        got = [annotations(cache(d)) for d in nlp.pipe(texts)]
    assert got == expected
    assert len(cache.lemmas) > 1000


def test_numpy_blas_gives_the_shipped_models_annotations(pipeline):
    # Detente's copy of the model multiplies its matrices with NumPy's BLAS instead of blis;
    # every tag, label, head and entity must be what the model as shipped gives
    from thinc.api import NumpyOps

    def layers(nlp):
        return [n for _name, c in nlp.pipeline if getattr(c, "model", None) for n in c.model.walk()]

    nlp = pipeline.nlp
    assert layers(nlp) and all(isinstance(n.ops, NumpyOps) and not n.ops.use_blis for n in layers(nlp))
    stock = nlp_mod.load_stock()
    assert any(n.ops.use_blis for n in layers(stock))
    gold = Path(__file__).resolve().parents[1] / "gold" / "detente-gold.jsonl"
    texts = [
        json.loads(line)["text"] for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    texts += VARIED
    assert [annotations(d) for d in nlp.pipe(texts)] == [annotations(d) for d in stock.pipe(texts)]


def test_two_token_patterns_look_at_the_neighbours(pipeline):
    # "is" after expletive "there" is a VERB; the same "is" elsewhere is an AUX
    nlp = pipeline.nlp
    texts = ["There is a plan.", "The plan is there."]
    expected = [annotations(d) for d in nlp.pipe(texts)]
    for _ in range(2):
        assert [annotations(d) for d in nlp_mod.parse(texts, nlp)] == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Russia hosted talks with the Taliban in Kazan.",
        "He condemned the attack.",  # a pronoun: coreference may resolve it
        "Robinson was convicted in September.",  # a name the knowledge base does not know
        "Troops fought rebels near the border.",  # irregular past, sector nouns
        "The group stopped its shelling.",  # doubled consonant
        "Iran and Saudi Arabia held talks.",  # a light verb with its event noun
        "Ireland lashed out at Britain.",  # a pattern whose preposition is two words ("out at")
    ],
)
def test_sentences_that_could_hold_an_event_are_kept(pipeline, sentence):
    assert [p.keep for p in pipeline.event_filter.split(sentence)] == [True]


@pytest.mark.parametrize(
    "sentence",
    [
        "The weather was mild and the harvest was good.",  # no trigger
        "Prices rose sharply in the spring.",  # no actor
        "Russia has a long border.",  # a light verb without the object its patterns need
    ],
)
def test_sentences_that_cannot_hold_an_event_are_set_aside(pipeline, sentence):
    assert [p.keep for p in pipeline.event_filter.split(sentence)] == [False]


def test_set_aside_sentences_keep_their_text_and_offsets(pipeline):
    text = (
        "The weather was mild. Russia hosted talks with the Taliban in Kazan. Prices rose.\n\n"
        "It was a quiet week. China appointed an ambassador to Afghanistan."
    )
    art = Article.create(text, None, date=dt.date(2023, 9, 30), doc_id="t")
    coded = pipeline.code_article(art)
    assert [s.span is not None for s in coded.sentences] == [False, True, False, False, True]
    for s in coded.sentences:
        assert art.text[s.start : s.start + len(s.text)] == s.text
    assert [s.index for s in coded.sentences] == list(range(5))
    assert {(e.cameo, e.sentence_index) for e in coded.events} >= {("043", 1), ("057", 4)} or {
        e.sentence_index for e in coded.events
    } == {1, 4}


def test_the_seed_article_is_coded_the_same_with_and_without_the_filter(pipeline, shared):
    text = (shared / "examples" / "seed-article.txt").read_text(encoding="utf-8")
    art = Article.create(text, None, date=dt.date(2023, 9, 30), doc_id="seed")
    full = Pipeline(Options(prefilter=False), nlp=pipeline.nlp, kb=pipeline.kb, lexicon=pipeline.lexicon)

    def keys(coded):
        starts = {s.index: s.start for s in coded.sentences}
        return {
            (
                starts[e.sentence_index] + e.evidence.trigger.start,
                e.cameo,
                e.source.actor.code if e.source else None,
                e.target.actor.code if e.target else None,
                e.date,
            )
            for e in coded.events
        }

    filtered = pipeline.code_article(art)
    assert any(s.span is None for s in filtered.sentences)  # the filter did set some aside
    assert keys(filtered) == keys(full.code_article(art))
