"""Analyses over the event store, as pandas DataFrames (docs/analysis.md).

from detente.store import Store
from detente.analysis import dyad_series, actor_profile, relations_network, what_changed
store = Store("events.db")
dyad_series(store, "RUS", "AFG", by="month")           # counts, Goldstein, balance, normalised
actor_profile(store, "RUS").partners_out               # top partners, event mix, trend
relations_network(store, since, until)                 # networkx DiGraph with blocs
what_changed(store, period="month")                    # dyads whose balance moved most
search_events(store, dyad=("RUS", "UKR"), quad_class=4, limit=50, offset=0)

Everything is aggregated in SQL (the same queries on SQLite and PostgreSQL, parameters
bound), so memory follows the size of the answer, not of the store.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from detente.analysis.changes import what_changed
    from detente.analysis.common import MEASURES, PERIODS, ActorSpec, AnalysisError, actor_spec
    from detente.analysis.network import (
        PositionChange,
        blocs,
        cooperation_graph,
        graph_from_edges,
        network_edges,
        position_change,
        positions,
        relations_network,
    )
    from detente.analysis.profile import Profile, actor_profile
    from detente.analysis.query import SearchResult, search_events
    from detente.analysis.series import dyad_series

# Loaded on first use, so that `detente` commands that analyse nothing (and the CLI, which
# registers the analysis commands) do not pay for importing pandas and networkx.
_WHERE = {
    "what_changed": "changes",
    "MEASURES": "common",
    "PERIODS": "common",
    "ActorSpec": "common",
    "AnalysisError": "common",
    "actor_spec": "common",
    "PositionChange": "network",
    "blocs": "network",
    "cooperation_graph": "network",
    "graph_from_edges": "network",
    "network_edges": "network",
    "position_change": "network",
    "positions": "network",
    "relations_network": "network",
    "Profile": "profile",
    "actor_profile": "profile",
    "SearchResult": "query",
    "search_events": "query",
    "dyad_series": "series",
}


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'detente.analysis' has no attribute {name!r}")
    return getattr(importlib.import_module(f"detente.analysis.{_WHERE[name]}"), name)


__all__ = [
    "MEASURES",
    "PERIODS",
    "ActorSpec",
    "AnalysisError",
    "PositionChange",
    "Profile",
    "SearchResult",
    "actor_profile",
    "actor_spec",
    "blocs",
    "cooperation_graph",
    "dyad_series",
    "graph_from_edges",
    "network_edges",
    "position_change",
    "positions",
    "relations_network",
    "search_events",
    "what_changed",
]
