"""Story clusters: near-duplicate articles (wire copies, light rewrites) found with MinHash/LSH.

Each article body becomes a set of word shingles and a MinHash signature (datasketch). The LSH
index lives in the database (`article_bands`: one row per band of each signature), so that
clustering is incremental, transactional with the article, and the same in every process.
A new article joins the story of the most similar earlier article whose estimated Jaccard
similarity reaches the threshold; otherwise it founds a story of its own. Stories never merge
afterwards, so the result depends only on the order articles arrived in, which `rebuild`
replays.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache

import numpy as np
from sqlalchemy import delete, insert, select, tuple_
from sqlalchemy.engine import Connection

from detente.store import schema

NUM_PERM = 128
SHINGLE_WORDS = 3  # short shingles survive light rewrites; 0.5 still keeps unrelated stories apart
DEFAULT_THRESHOLD = 0.5
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Bands:
    """How a signature is cut into LSH bands for a threshold (datasketch's optimal b x r)."""

    threshold: float
    b: int
    r: int


@cache
def bands_for(threshold: float) -> Bands:
    """The (bands, rows) split that minimises false positives and negatives at `threshold`."""
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"the story threshold must lie in (0, 1], not {threshold}")
    from datasketch import MinHashLSH

    try:
        lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    except ValueError:  # above ~0.98 the optimum is one band; two still find every match above it
        return Bands(threshold, 2, NUM_PERM // 2)
    return Bands(threshold, lsh.b, lsh.r)


def shingles(text: str) -> set[bytes]:
    """Lower-cased word n-grams of a text (the whole text when it is shorter than one)."""
    words = _WORD.findall(text.lower())
    if len(words) <= SHINGLE_WORDS:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {
        " ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8") for i in range(len(words) - SHINGLE_WORDS + 1)
    }


def signature(text: str) -> bytes | None:
    """The MinHash signature of a body as bytes, or None for a text without words."""
    sh = shingles(text)
    if not sh:
        return None
    from datasketch import MinHash

    m = MinHash(num_perm=NUM_PERM)
    m.update_batch(list(sh))
    # datasketch keeps 32-bit values in uint64 slots; half the bytes store the same information.
    return m.hashvalues.astype("<u4").tobytes()


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two signatures (share of equal slots)."""
    x, y = np.frombuffer(a, dtype="<u4"), np.frombuffer(b, dtype="<u4")
    return float(np.count_nonzero(x == y)) / len(x)


def band_keys(sig: bytes, bands: Bands) -> list[tuple[int, int]]:
    """(band, key) for each band: a signed 64-bit hash of the band's slots."""
    width = 4 * bands.r
    out = []
    for i in range(bands.b):
        digest = hashlib.blake2b(sig[i * width : (i + 1) * width], digest_size=8).digest()
        out.append((i, int.from_bytes(digest, "little", signed=True)))
    return out


@dataclass(frozen=True)
class Assignment:
    story_id: str
    similarity: float


def assign(conn: Connection, article_id: str, sig: bytes | None, bands: Bands) -> Assignment:
    """The story an article joins: that of the best earlier match at or above the threshold."""
    if sig is None:
        return Assignment(article_id, 1.0)
    keys = band_keys(sig, bands)
    ab, art = schema.article_bands, schema.articles
    candidates = select(ab.c.article_id).where(tuple_(ab.c.band, ab.c.key).in_(keys)).distinct()
    rows = conn.execute(
        select(art.c.id, art.c.story_id, art.c.minhash, art.c.ingested_at)
        .where(art.c.id.in_(candidates.scalar_subquery()))
        .where(art.c.id != article_id)
    ).all()
    best: tuple[float, str] | None = None
    # Ties go to the earliest article so that the choice does not depend on query order.
    for row in sorted(rows, key=lambda r: (r.ingested_at, r.id)):
        if row.minhash is None or row.story_id is None:
            continue
        sim = similarity(sig, row.minhash)
        if sim >= bands.threshold and (best is None or sim > best[0]):
            best = (sim, row.story_id)
    if best is None:
        return Assignment(article_id, 1.0)
    return Assignment(best[1], best[0])


def remember(conn: Connection, article_id: str, sig: bytes | None, bands: Bands) -> None:
    """Add a stored article to the LSH index so that later articles can find it."""
    if sig is not None:
        rows = [{"band": b, "key": k, "article_id": article_id} for b, k in band_keys(sig, bands)]
        conn.execute(insert(schema.article_bands), rows)


def clear_index(conn: Connection) -> None:
    conn.execute(delete(schema.article_bands))
