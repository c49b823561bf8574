"""Upgrading a schema-1 database (one row per coded event in `events`) to the current schema.

The old layout is written here by hand, as Detente 0.1 created it on SQLite, so that the test
does not depend on any code that knows the old schema.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import create_engine, inspect, select, text

from detente.store import Store, database_url, event_dict, schema

pytest_plugins = ["conftest_pg"]

SCHEMA_1 = """
CREATE TABLE meta (
    "key" VARCHAR(64) NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY ("key")
);
CREATE TABLE articles (
    id VARCHAR(32) NOT NULL,
    doc_id TEXT,
    title TEXT,
    text TEXT NOT NULL,
    date DATE,
    url TEXT,
    publisher TEXT,
    language VARCHAR(16),
    origin TEXT,
    ingested_at DATETIME NOT NULL,
    n_sentences INTEGER NOT NULL,
    n_events INTEGER NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_articles_doc_id ON articles (doc_id);
CREATE INDEX ix_articles_date ON articles (date);
CREATE TABLE actors (
    code VARCHAR(32) NOT NULL,
    country VARCHAR(16),
    sector VARCHAR(16),
    name TEXT NOT NULL,
    kind VARCHAR(16),
    PRIMARY KEY (code)
);
CREATE TABLE sentences (
    article_id VARCHAR(32) NOT NULL,
    idx INTEGER NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    paragraph INTEGER NOT NULL,
    PRIMARY KEY (article_id, idx),
    FOREIGN KEY(article_id) REFERENCES articles (id) ON DELETE CASCADE
);
CREATE TABLE mentions (
    id INTEGER NOT NULL,
    article_id VARCHAR(32) NOT NULL,
    sentence_idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    code VARCHAR(32) NOT NULL,
    entity TEXT,
    rule TEXT,
    PRIMARY KEY (id),
    FOREIGN KEY(article_id) REFERENCES articles (id) ON DELETE CASCADE
);
CREATE INDEX ix_mentions_article ON mentions (article_id, sentence_idx);
CREATE TABLE events (
    id INTEGER NOT NULL,
    article_id VARCHAR(32) NOT NULL,
    doc_id TEXT,
    sentence_idx INTEGER NOT NULL,
    source_code VARCHAR(32),
    source_country VARCHAR(16),
    source_sector VARCHAR(16),
    source_name TEXT,
    source_text TEXT,
    source_start INTEGER,
    source_end INTEGER,
    target_code VARCHAR(32),
    target_country VARCHAR(16),
    target_sector VARCHAR(16),
    target_name TEXT,
    target_text TEXT,
    target_start INTEGER,
    target_end INTEGER,
    cameo VARCHAR(4) NOT NULL,
    cameo_root VARCHAR(2) NOT NULL,
    quad_class INTEGER NOT NULL,
    goldstein FLOAT NOT NULL,
    plover VARCHAR(16),
    plover_mode VARCHAR(32),
    date VARCHAR(10),
    date_precision VARCHAR(8),
    event_date DATE,
    historical BOOLEAN NOT NULL,
    location_name TEXT,
    location_country VARCHAR(16),
    lat FLOAT,
    lon FLOAT,
    negated BOOLEAN NOT NULL,
    modality VARCHAR(16) NOT NULL,
    confidence FLOAT NOT NULL,
    trigger_text TEXT,
    trigger_start INTEGER,
    trigger_end INTEGER,
    rule TEXT,
    evidence TEXT,
    PRIMARY KEY (id),
    FOREIGN KEY(article_id) REFERENCES articles (id) ON DELETE CASCADE
);
CREATE INDEX ix_events_article ON events (article_id);
CREATE INDEX ix_events_target_country ON events (target_country);
CREATE INDEX ix_events_source ON events (source_code);
CREATE INDEX ix_events_root ON events (cameo_root);
CREATE INDEX ix_events_date ON events (event_date);
CREATE INDEX ix_events_target ON events (target_code);
CREATE INDEX ix_events_source_country ON events (source_country);
"""

BODY = (
    "Norway hosted talks between Colombian officials and rebel leaders in Oslo on Monday, the foreign "
    "ministry said, adding that both delegations had agreed to meet again next month.\n\n"
    "Colombia thanked Norway and pledged to release prisoners before the next round of talks."
)


def _event(article_id: str, sentence: int, source: str, cameo: str, target: str) -> dict:
    return {
        "article_id": article_id,
        "doc_id": article_id,
        "sentence_idx": sentence,
        "source_code": source,
        "source_country": source[:3],
        "source_sector": source[3:] or None,
        "source_name": source,
        "source_text": source,
        "source_start": 0,
        "source_end": 6,
        "target_code": target,
        "target_country": target[:3],
        "target_sector": target[3:] or None,
        "target_name": target,
        "target_text": target,
        "target_start": 10,
        "target_end": 16,
        "cameo": cameo,
        "cameo_root": cameo[:2],
        "quad_class": 1,
        "goldstein": 1.0,
        "plover": "CONSULT",
        "plover_mode": None,
        "date": "2024-03-11",
        "date_precision": "day",
        "event_date": "2024-03-11",
        "historical": False,
        "location_name": "Oslo",
        "location_country": "NOR",
        "lat": 59.9,
        "lon": 10.7,
        "negated": False,
        "modality": "asserted",
        "confidence": 0.8,
        "trigger_text": "hosted",
        "trigger_start": 7,
        "trigger_end": 13,
        "rule": "verbs.tsv:1",
        "evidence": json.dumps({"trigger": {"text": "hosted", "start": 7, "end": 13}, "rule": "verbs.tsv:1"}),
    }


def write_schema_1(url: str) -> None:
    """A schema-1 database with two copies of one story from two outlets and a third article."""
    engine = create_engine(database_url(url))
    ddl = SCHEMA_1
    if engine.dialect.name == "postgresql":
        ddl = ddl.replace("id INTEGER NOT NULL,", "id SERIAL NOT NULL,").replace("DATETIME", "TIMESTAMPTZ")
    now = dt.datetime(2024, 3, 12, 8, 0, tzinfo=dt.UTC)
    articles = [
        ("aaaa000000000001", BODY, "Agence A", "https://a.example/1", now),
        ("aaaa000000000002", BODY.replace("next month", "in April"), "Bureau B", "https://b.example/1",
         now + dt.timedelta(minutes=5)),
        ("aaaa000000000003", "Peru recalled its ambassador from Mexico on Tuesday after a trade dispute.",
         None, None, now + dt.timedelta(minutes=9)),
    ]  # fmt: skip
    with engine.begin() as conn:
        for statement in ddl.split(";"):
            if statement.strip():
                conn.execute(text(statement))
        conn.execute(text("INSERT INTO meta VALUES ('schema_version', '1')"))
        for aid, body, publisher, url_, at in articles:
            conn.execute(
                text(
                    "INSERT INTO articles (id, doc_id, title, text, date, url, publisher, language, origin, "
                    "ingested_at, n_sentences, n_events) VALUES (:id, :doc, 'Talks', :text, :date, :url, "
                    ":publisher, 'en', :origin, :at, 2, 1)"
                ),
                {"id": aid, "doc": aid, "origin": url_, "text": body, "date": dt.date(2024, 3, 12),
                 "url": url_, "publisher": publisher, "at": at},
            )  # fmt: skip
            for idx, paragraph in enumerate(body.split("\n\n")):
                conn.execute(
                    text("INSERT INTO sentences VALUES (:a, :i, :t, 0, :p)"),
                    {"a": aid, "i": idx, "t": paragraph, "p": idx},
                )
            conn.execute(
                text(
                    'INSERT INTO mentions (article_id, sentence_idx, start, "end", text, code, entity, rule) '
                    "VALUES (:a, 0, 0, 6, 'Norway', 'NOR', 'NOR', 'kb:country-name')"
                ),
                {"a": aid},
            )
        conn.execute(text("INSERT INTO actors VALUES ('NOR', 'NOR', NULL, 'Norway', 'state')"))
        events = [
            _event("aaaa000000000001", 0, "NORGOV", "043", "COLGOV"),
            _event("aaaa000000000002", 0, "NORGOV", "043", "COLGOV"),
            _event("aaaa000000000002", 1, "COLGOV", "018", "NOR"),
            _event("aaaa000000000003", 0, "PERGOV", "1041", "MEX"),
        ]
        columns = list(events[0])
        conn.execute(
            text(f"INSERT INTO events ({', '.join(columns)}) VALUES ({', '.join(':' + c for c in columns)})"),
            events,
        )
    engine.dispose()


@pytest.fixture
def v1_url(db_url):
    write_schema_1(db_url)
    return db_url


def test_schema_1_is_upgraded_with_every_event_kept_as_a_mention(v1_url):
    store = Store(v1_url)
    with store.engine.connect() as conn:
        meta = dict(conn.execute(select(schema.meta.c.key, schema.meta.c.value)).all())
        mentions = conn.execute(select(schema.event_mentions).order_by(schema.event_mentions.c.id)).all()
        arts = conn.execute(select(schema.articles).order_by(schema.articles.c.id)).all()
    assert meta["schema_version"] == str(schema.SCHEMA_VERSION) and "story_threshold" in meta
    assert [m.id for m in mentions] == [1, 2, 3, 4]  # the old event ids are the mention ids
    assert [m.cameo for m in mentions] == ["043", "043", "018", "1041"]
    assert [m.paragraph for m in mentions] == [0, 0, 1, 0]
    assert all(a.minhash for a in arts)
    assert arts[0].story_id == arts[1].story_id == arts[0].id != arts[2].story_id
    counts = store.counts()
    assert counts["event_mentions"] == 4 and counts["events"] == 3 and counts["article_copies"] == 3
    talks = next(store.events(source="NORGOV"))
    assert (talks["num_mentions"], talks["num_articles"], talks["num_sources"]) == (2, 2, 2)
    assert talks["location_name"] == "Oslo" and talks["story_id"] == arts[0].id
    assert [m["article_id"] for m in store.mentions(talks["id"])] == ["aaaa000000000001", "aaaa000000000002"]
    store.close()
    again = Store(v1_url)  # opening an upgraded store changes nothing
    assert again.counts() == counts
    again.close()


def test_an_upgraded_database_has_the_layout_of_a_new_one(tmp_path):
    def layout(url: str) -> dict:
        engine = create_engine(database_url(url))
        insp = inspect(engine)
        out = {
            t: (
                sorted(c["name"] for c in insp.get_columns(t)),
                sorted(i["name"] for i in insp.get_indexes(t)),
            )
            for t in insp.get_table_names()
        }
        engine.dispose()
        return out

    v1_url = str(tmp_path / "old.db")
    write_schema_1(v1_url)
    Store(v1_url).close()
    Store(tmp_path / "fresh.db").close()
    assert layout(v1_url) == layout(str(tmp_path / "fresh.db"))


def test_an_upgraded_store_takes_new_articles_and_merges_them(v1_url, pipeline):
    from detente.records import Article

    store = Store(v1_url)
    coded = pipeline.code_article(
        Article.create(
            "Peru recalled its ambassador from Mexico on Monday.", "Recall", date=dt.date(2024, 3, 12)
        )
    )
    assert coded.events and store.add(coded).stored
    assert store.counts()["event_mentions"] == 4 + len(coded.events)
    assert store.rebuild().mentions == 4 + len(coded.events)
    store.close()


def test_a_database_from_a_newer_detente_is_refused(tmp_path):
    from detente.errors import StoreError

    url = str(tmp_path / "new.db")
    write_schema_1(url)
    engine = create_engine(database_url(url))
    with engine.begin() as conn:
        conn.execute(text("UPDATE meta SET value = '99' WHERE key = 'schema_version'"))
    engine.dispose()
    with pytest.raises(StoreError, match="newer Detente"):
        Store(url)


def test_schema_2_is_upgraded_with_mutual_acts_marked_from_their_codes(db_url, pipeline):
    from detente.records import Article

    store = Store(db_url)
    text_ = (
        "Putin held talks with Erdogan in Ankara on Monday.\n\nRussia recalled its ambassador from Turkey."
    )
    coded = pipeline.code_article(Article.create(text_, "Talks", date=dt.date(2024, 3, 12)))
    assert store.add(coded).stored
    store.close()
    engine = create_engine(database_url(db_url))
    with engine.begin() as conn:  # the layout of schema 2: no `mutual` column
        for table in ("event_mentions", "events"):
            conn.execute(text(f"ALTER TABLE {table} DROP COLUMN mutual"))
        conn.execute(text("UPDATE meta SET value = '2' WHERE key = 'schema_version'"))
    engine.dispose()
    store = Store(db_url)
    rows = {r["cameo"]: event_dict(r) for r in store.events()}
    assert rows["046"]["mutual"] is True and rows["161"]["mutual"] is False  # talks; a recall
    with store.engine.connect() as conn:
        meta = dict(conn.execute(select(schema.meta.c.key, schema.meta.c.value)).all())
        flags = {m.cameo: m.mutual for m in conn.execute(select(schema.event_mentions))}
    assert meta["schema_version"] == str(schema.SCHEMA_VERSION)
    assert flags == {"046": True, "161": False}, flags
    store.close()
