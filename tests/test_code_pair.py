"""SentenceCoder.code_pair: the lenient drafts it gives without a second pass are the ones a
lenient pass makes. The sentences are the project's own."""

from __future__ import annotations

import dataclasses

import pytest

from detente.actors.coref import ArticleActors
from detente.records import Article

# the first three the strict pass codes whole; in the last two it drops a verb's event that a
# lenient pass keeps (a report saying nothing to or about an actor, an appeal nobody makes)
SENTENCES = [
    "Iran accused Israel of espionage after the arrest of two engineers.",
    "The minister condemned the decision on Tuesday.",
    "Troops were attacked near the border.",
    "He said the weather was cold.",
    "Calls to release the prisoners grew louder.",
]


def _fields(drafts):
    return [repr([(f.name, getattr(d, f.name)) for f in dataclasses.fields(d)]) for d in drafts]


@pytest.mark.parametrize("text", SENTENCES)
def test_code_pair_lenient_equals_a_lenient_pass(pipeline, text):
    art = Article.create(text, None, doc_id="pair")
    (sents,) = pipeline.parse([art])
    actors = ArticleActors(pipeline.kb, pipeline.matcher)
    for s in sents:
        if s.span is None:  # set aside by the pre-filter
            continue
        sa = actors.process(s.span, s.index)
        strict, lenient = pipeline.coder.code_pair(s.span, sa, lambda _drafts: True)
        assert _fields(strict) == _fields(pipeline.coder.code(s.span, sa))
        assert _fields(lenient) == _fields(pipeline.coder.code(s.span, sa, lenient=True))
        assert pipeline.coder.code_pair(s.span, sa, lambda _drafts: False)[1] == []


def test_code_pair_skips_the_second_pass_only_when_nothing_was_dropped(pipeline):
    """Both cases occur in SENTENCES, so the equality above covers the shortcut and the pass."""
    seen = set()
    actors = ArticleActors(pipeline.kb, pipeline.matcher)
    for text in SENTENCES:
        (sents,) = pipeline.parse([Article.create(text, None, doc_id="pair")])
        for s in sents:
            if s.span is None:
                continue
            sa = actors.process(s.span, s.index)
            seen.add(pipeline.coder._code(s.span, sa, lenient=False)[1])
    assert seen == {True, False}
