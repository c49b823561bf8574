"""Shared fixtures: the real spaCy model and pipeline, loaded once per test session."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from detente.pipeline import Pipeline
from detente.records import Article, CodedArticle, Event

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="session")
def code(pipeline):
    """Code a text (paragraphs separated by blank lines) published on `date`; returns the events."""

    def run(text: str, date: str | None = "2024-03-15") -> list[Event]:
        art = Article.create(text, None, date=dt.date.fromisoformat(date) if date else None, doc_id="t")
        return pipeline.code_article(art).events

    return run


@pytest.fixture(scope="session")
def coded(pipeline):
    def run(text: str, date: str | None = "2024-03-15") -> CodedArticle:
        art = Article.create(text, None, date=dt.date.fromisoformat(date) if date else None, doc_id="t")
        return pipeline.code_article(art)

    return run


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip("the ../shared reference data is not checked out beside the project")
    return SHARED


def pairs(events: list[Event]) -> set[tuple[str | None, str, str | None]]:
    """(source code, CAMEO code, target code) of each event, for compact assertions."""
    return {
        (e.source.actor.code if e.source else None, e.cameo, e.target.actor.code if e.target else None)
        for e in events
    }


def find(
    events: list[Event], source: str | None = None, target: str | None = None, root: str | None = None
) -> list[Event]:
    """Events whose source/target country (or code) and CAMEO root match."""
    out = []
    for e in events:
        if source and not (e.source and source in (e.source.actor.code, e.source.actor.country)):
            continue
        if target and not (e.target and target in (e.target.actor.code, e.target.actor.country)):
            continue
        if root and e.cameo_root != root:
            continue
        out.append(e)
    return out
