"""Arguments found where the small parser misplaces them."""

from __future__ import annotations

from spacy.tokens import Doc

from detente.coding import clauses


def test_a_subject_the_parser_hung_on_the_auxiliary_is_still_the_doer(pipeline):
    # The parse the small model gives "The UK and France however have opposed ..." at times:
    # the subject attached to the auxiliary "have" instead of to the verb.
    words = ["Kenya", "and", "Uganda", "however", "have", "opposed", "the", "plan", "."]
    heads = [4, 0, 0, 5, 5, 5, 7, 5, 5]
    deps = ["nsubj", "cc", "conj", "advmod", "aux", "ROOT", "det", "dobj", "punct"]
    doc = Doc(pipeline.nlp.vocab, words=words, heads=heads, deps=deps)
    subject, how = clauses.subject_of(doc[5])
    assert subject is not None and subject.text == "Kenya" and how == "nsubj"
