"""The pre-filter hands the parse Docs built from its own tokens of the kept runs; they must be
the tokens the tokenizer gives the run's text alone, or the parse would differ."""

from __future__ import annotations

from detente import prefilter

TEXTS = [
    "It rained.  \n The ministry, which denied it, said that it would respond.  ",
    "  Russia's foreign minister, Sergei Lavrov, told reporters in Kazan that   the West had failed.",
    "Troops attacked the town.\"Police arrested him,\" he said. We're gonna talk, ain't we?   "
    "Israel struck Gaza.\n\n",
    "The army (which denied it) shelled Idlib...Turkey protested! U.S. forces withdrew from Syria.",
    "That’s why Erdoğan’s government protested. It’s over, officials said. Iran can't accept it.",
]


def test_kept_runs_have_the_tokens_of_their_text(pipeline):
    nlp, kept = pipeline.nlp, 0
    for text in TEXTS:
        runs = pipeline.event_filter.split_runs(text)
        assert [(p.start, p.end, p.keep) for p, _ in runs] == [
            (p.start, p.end, p.keep) for p in prefilter.runs(pipeline.event_filter.split(text))
        ]
        for piece, doc in runs:
            assert (doc is not None) == piece.keep
            if doc is None:
                continue
            kept += 1
            expected = nlp.make_doc(text[piece.start : piece.end])
            assert doc.text == expected.text
            assert [(t.text, t.whitespace_, t.norm_) for t in doc] == [
                (t.text, t.whitespace_, t.norm_) for t in expected
            ]
    assert kept >= 4
