"""The store on SQLite and PostgreSQL: idempotent, transactional per article, queryable."""

from __future__ import annotations

import datetime as dt

import pytest

from detente.api import Detente
from detente.coding import tables
from detente.errors import StoreError
from detente.records import Article
from detente.store import Store, database_url, event_dict

pytest_plugins = ["conftest_pg"]

TEXT = (
    "Norway hosted talks between Colombian officials and rebel leaders in Oslo on Monday.\n\n"
    "Colombia thanked Norway and pledged to release prisoners."
)


@pytest.fixture
def api(db_url):
    return Detente(db_url)


def _article(text: str = TEXT, doc_id: str = "a1") -> Article:
    return Article.create(text, "Talks in Oslo", date=dt.date(2024, 3, 13), doc_id=doc_id, origin="test")


def test_database_url_from_env_and_paths(monkeypatch, tmp_path):
    monkeypatch.setenv("DETENTE_DB", str(tmp_path / "x.db"))
    assert database_url().endswith("x.db")
    assert database_url("postgresql://u@h/db").startswith("postgresql+psycopg://")
    monkeypatch.delenv("DETENTE_DB")
    assert database_url() == "sqlite:///detente.db"


def test_store_and_query(api, pipeline):
    coded = pipeline.code_article(_article())
    res = api.store.add(coded)
    assert res.stored and res.events == len(coded.events) > 0
    counts = api.store.counts()
    assert counts["articles"] == 1 and counts["event_mentions"] == res.events and counts["sentences"] == 2
    assert 0 < counts["events"] <= res.events
    rows = list(api.events(source="NOR"))
    assert rows and all(r["source_country"] == "NOR" for r in rows)
    d = event_dict(rows[0])
    assert d["source"]["code"].startswith("NOR") and d["evidence"]["rule"]
    # whether the act is mutual follows its stored code, as in `detente code` output
    stored = {(r["cameo"], event_dict(r)["mutual"]) for r in api.events()}
    assert stored == {(c, tables.is_mutual(c)) for c, _ in stored} and stored
    assert list(api.events(since=dt.date(2030, 1, 1))) == []


def test_same_content_is_stored_once(api, pipeline):
    coded = pipeline.code_article(_article())
    assert api.store.add(coded).stored
    again = pipeline.code_article(_article(doc_id="other-id"))  # same text and title, another id
    assert not api.store.add(again).stored
    assert api.store.counts()["articles"] == 1


def test_a_failing_write_leaves_nothing_half_stored(api, pipeline, monkeypatch):
    first = pipeline.code_article(_article())
    api.store.add(first)
    second = pipeline.code_article(_article("Peru recalled its ambassador from Mexico on Tuesday.", "a2"))
    assert second.events

    def boom(*_a, **_k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Store, "_upsert_actors", staticmethod(boom))
    with pytest.raises(RuntimeError):
        api.store.add(second)
    counts = api.store.counts()
    assert counts["articles"] == 1  # the failed article is not there, the first one still is
    assert not api.store.has_article(second.article.id)
    assert api.store.has_article(first.article.id)


def test_ingest_twice_is_idempotent(api, tmp_path):
    (tmp_path / "a.txt").write_text("Peru recalled its ambassador from Mexico in 2023.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "Chile hosted Argentine ministers in Santiago in 2023.\n", encoding="utf-8"
    )
    s1 = api.ingest([tmp_path])
    s2 = api.ingest([tmp_path])
    assert s1.articles == 2 and s1.events > 0 and not s1.errors
    assert s2.articles == 0 and s2.skipped == 2 and s2.events == 0
    assert api.store.counts()["articles"] == 2


def test_article_lookup_by_prefix_and_doc_id(api, pipeline):
    coded = pipeline.code_article(_article())
    api.store.add(coded)
    art = api.article(coded.article.id[:6])
    assert art is not None and art["id"] == coded.article.id and art["events"] and art["mentions"]
    assert api.article("a1")["id"] == coded.article.id
    assert api.article("zzzzzz") is None


def test_newer_schema_is_refused(tmp_path):
    store = Store(tmp_path / "s.db")
    from sqlalchemy import update

    from detente.store import schema

    with store.engine.begin() as conn:
        conn.execute(update(schema.meta).where(schema.meta.c.key == "schema_version").values(value="999"))
    with pytest.raises(StoreError, match="newer Detente"):
        Store(tmp_path / "s.db")
