"""The relations network: who cooperates and fights with whom in a period, blocs, positions.

Edges are aggregated in SQL, one range of `ix_events_year` per calendar year the period
touches (partial years add a date condition inside the same index), and summed in pandas, so
a one-year network reads about a year of index entries and moves only one row per country pair.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from detente.analysis.common import (
    SUMS_LEAN,
    AnalysisError,
    add_sums,
    common_filters,
    ev,
    finish,
    frame,
    sums,
)
from detente.store import Store

BLOC_WEIGHTS = ("net", "coop")
# Edge attributes of the graph, from the edge table's columns.
EDGE_ATTRIBUTES = {
    "events": "events",
    "mentions": "mentions",
    "coop": "coop_mentions",
    "conflict": "conflict_mentions",
    "coop_events": "coop_events",
    "conflict_events": "conflict_events",
    "goldstein_sum": "goldstein_sum",
    "goldstein_mean": "goldstein_mean",
    "balance": "balance",
}


def latest_day(conn: Connection) -> dt.date | None:
    """The latest event date in the store (one step down `ix_events_date`)."""
    value = conn.execute(select(func.max(ev.c.event_date))).scalar()
    if isinstance(value, str):  # SQLite without the column's type (an aggregate)
        value = dt.date.fromisoformat(value)
    return value


def default_range(
    conn: Connection, since: dt.date | None, until: dt.date | None
) -> tuple[dt.date, dt.date] | None:
    """`until` defaults to the latest event date, `since` to one year before `until`."""
    end = until or latest_day(conn)
    if end is None:
        return None
    start = since or (pd.Timestamp(end) - pd.DateOffset(years=1) + pd.Timedelta(days=1)).date()
    if start > end:
        raise AnalysisError(f"the range starts ({start}) after it ends ({end})")
    return start, end


def network_edges(
    store: Store,
    since: dt.date | None = None,
    until: dt.date | None = None,
    *,
    origin: str | None = None,
    min_mentions: int | None = None,
    domestic: bool = False,
) -> pd.DataFrame:
    """One row per directed country pair with events in the period: `source`, `target`, MEASURES.

    Domestic pairs (RUS -> RUS) are left out unless `domestic`. The period defaults to the year
    up to the latest event; `df.attrs` has the `since` and `until` used.
    """
    with store.engine.connect() as conn:
        period = default_range(conn, since, until)
        if period is None:
            out = finish(add_sums([], ["source", "target"], lean=True))
            out.attrs.update(since=since, until=until)
            return out
        start, end = period
        cols = ["source", "target", *SUMS_LEAN]
        parts = [frame(conn, q, cols) for q in edge_queries(start, end, origin, min_mentions, domestic)]
    out = finish(add_sums(parts, ["source", "target"], lean=True))
    out.attrs.update(since=start, until=end)
    return out


def edge_queries(
    start: dt.date, end: dt.date, origin: str | None, min_mentions: int | None, domestic: bool
) -> list[Any]:
    """Per country pair sums of pairs with both countries known (see `pair_queries`)."""
    base = [ev.c.source_country.is_not(None), ev.c.target_country.is_not(None)]
    if not domestic:
        base.append(ev.c.source_country != ev.c.target_country)
    return pair_queries(start, end, [*base, *common_filters(origin, min_mentions)])


def pair_queries(start: dt.date, end: dt.date, base: list[Any]) -> list[Any]:
    """Sums per (source, target) country pair under `base`: one query per calendar year (one
    range of ix_events_year each), and one for the undated current events by publication date."""
    pair = (ev.c.source_country, ev.c.target_country)
    out = []
    for year in range(start.year, end.year + 1):
        where = [ev.c.event_year == year, *base]
        first, last = max(start, dt.date(year, 1, 1)), min(end, dt.date(year, 12, 31))
        if first > dt.date(year, 1, 1):
            where.append(ev.c.event_date >= first)
        if last < dt.date(year, 12, 31):
            where.append(ev.c.event_date <= last)
        out.append(select(*pair, *sums(lean=True)).where(*where).group_by(*pair))
    undated = [ev.c.event_year.is_(None), ev.c.event_date.is_(None), ev.c.historical.is_(False)]
    undated.append(ev.c.pub_date.between(start, end))
    out.append(select(*pair, *sums(lean=True)).where(*undated, *base).group_by(*pair))
    return out


def graph_from_edges(edges: pd.DataFrame) -> nx.DiGraph:
    """A directed graph: countries, and one edge per pair with its counts, balance and Goldstein."""
    g = nx.DiGraph(since=str(edges.attrs.get("since") or ""), until=str(edges.attrs.get("until") or ""))
    table = edges.sort_values(["source", "target"])
    g.add_nodes_from(sorted(set(table["source"].tolist()) | set(table["target"].tolist())))
    # plain lists: iterating pandas' Arrow-backed strings one by one is slow, and the GraphML and
    # JSON writers want Python numbers
    columns = {attr: table[column].tolist() for attr, column in EDGE_ATTRIBUTES.items()}
    attrs = [dict(zip(columns, values, strict=True)) for values in zip(*columns.values(), strict=True)]
    g.add_edges_from(zip(table["source"].tolist(), table["target"].tolist(), attrs, strict=True))
    return g


def relations_network(
    store: Store,
    since: dt.date | None = None,
    until: dt.date | None = None,
    *,
    origin: str | None = None,
    min_mentions: int | None = None,
    min_events: int = 1,
    seed: int = 0,
    bloc_weight: str = "net",
) -> nx.DiGraph:
    """The weighted directed network of a period, each country with its position and bloc.

    Edges carry `events`, `mentions`, `coop` and `conflict` (mentions), their event counts,
    Goldstein sum and mean and the `balance`; pairs with fewer than `min_events` events are left
    out. Nodes carry the columns of `positions`, including `bloc` (0 when in no bloc); a balance
    that is undefined (no events that way) is left out rather than written as NaN.
    """
    edges = network_edges(store, since, until, origin=origin, min_mentions=min_mentions)
    if min_events > 1:
        edges = edges[edges["events"] >= min_events]
    g = graph_from_edges(edges)
    table = positions(edges, seed=seed, bloc_weight=bloc_weight).astype(object)
    names = [c for c in POSITION_COLUMNS if c != "country"]
    for row in table.itertuples(index=False):
        values = dict(zip(names, row[1:], strict=True))
        g.nodes[row[0]].update({k: v for k, v in values.items() if not (isinstance(v, float) and v != v)})
    return g


Network = nx.DiGraph | pd.DataFrame  # a graph from relations_network, or the edges of network_edges


def _edge_table(g: Network) -> tuple[pd.DataFrame, list[str]]:
    """(source, target, events, coop, conflict) of each edge, and every country, sorted."""
    cols = ["source", "target", "events", "coop", "conflict"]
    if isinstance(g, pd.DataFrame):
        e = g.rename(columns={"coop_mentions": "coop", "conflict_mentions": "conflict"})[cols]
        nodes = sorted(set(e["source"].tolist()) | set(e["target"].tolist()))
    else:
        rows = [(a, b, d["events"], d["coop"], d["conflict"]) for a, b, d in g.edges(data=True)]
        e = pd.DataFrame(rows, columns=cols)
        nodes = sorted(g.nodes)
    e = e.astype({"events": "int64", "coop": "float64", "conflict": "float64"})
    return e, nodes


def cooperation_graph(g: Network, weight: str = "net") -> nx.Graph:
    """Undirected alignment graph: per pair, cooperation in both directions (mention-weighted).

    `net` (default): cooperation minus conflict, only pairs where cooperation outweighs
    conflict, so that adversaries who talk a lot are not one bloc; `coop`: cooperation alone.
    """
    if weight not in BLOC_WEIGHTS:
        raise AnalysisError(f"unknown bloc weight {weight!r}; use one of {', '.join(BLOC_WEIGHTS)}")
    e, nodes = _edge_table(g)
    e = e[e["source"] != e["target"]]
    src, tgt = e["source"].to_numpy(dtype=object), e["target"].to_numpy(dtype=object)
    first = src < tgt
    pairs = e.assign(a=np.where(first, src, tgt), b=np.where(first, tgt, src))
    pairs = pairs.groupby(["a", "b"], sort=True)[["coop", "conflict"]].sum().reset_index()
    w = pairs["coop"] - pairs["conflict"] if weight == "net" else pairs["coop"]
    pairs = pairs.assign(weight=w)[w > 0]
    u = nx.Graph()
    u.add_nodes_from(nodes)
    u.add_weighted_edges_from(
        zip(pairs["a"].tolist(), pairs["b"].tolist(), pairs["weight"].astype(float).tolist(), strict=True)
    )
    return u


def blocs(g: Network, *, seed: int = 0, weight: str = "net", resolution: float = 1.0) -> pd.DataFrame:
    """Alignment blocs: Louvain communities of the cooperation graph (seeded, so repeatable).

    `g` is a graph from `relations_network` or the edge table of `network_edges`. Columns
    `country`, `bloc` (1 = the largest bloc; ties by first member), `bloc_size`. Countries
    without a cooperative tie are in no bloc (bloc 0, size 1).
    """
    linked = cooperation_graph(g, weight)  # a graph of our own: isolates go, not a (slow) view
    everyone = list(linked.nodes)
    linked.remove_nodes_from([n for n in everyone if linked.degree(n) == 0])
    rows: list[tuple[str, int, int]] = []
    if linked.number_of_edges():
        found = nx.community.louvain_communities(linked, weight="weight", seed=seed, resolution=resolution)
        ordered = sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))
        rows = [(n, i, len(c)) for i, c in enumerate(ordered, start=1) for n in c]
    placed = {r[0] for r in rows}
    rows += [(n, 0, 1) for n in everyone if n not in placed]
    return pd.DataFrame(rows, columns=["country", "bloc", "bloc_size"]).sort_values(
        "country", ignore_index=True
    )


POSITION_COLUMNS = [
    "country",
    "partners_out",
    "partners_in",
    "partners",
    "events_out",
    "events_in",
    "coop_out",
    "coop_in",
    "conflict_out",
    "conflict_in",
    "strength",
    "balance_out",
    "balance_in",
    "balance",
    "bloc",
    "bloc_size",
]


def positions(g: Network, *, seed: int = 0, bloc_weight: str = "net") -> pd.DataFrame:
    """Each country's position: degree (partners out, in, either way), events, cooperation and
    conflict (mentions) out and in, strength (all mentions, out + in), balances, and bloc."""
    e, nodes = _edge_table(g)
    sums_ = {"events": "sum", "coop": "sum", "conflict": "sum"}
    out = e.groupby("source").agg(partners=("target", "size"), **{k: (k, v) for k, v in sums_.items()})
    inc = e.groupby("target").agg(partners=("source", "size"), **{k: (k, v) for k, v in sums_.items()})
    table = pd.DataFrame(index=pd.Index(nodes, name="country"))
    table = table.join(out.add_suffix("_out")).join(inc.add_suffix("_in")).fillna(0)
    either = pd.concat(
        [e[["source", "target"]], e[["target", "source"]].set_axis(["source", "target"], axis=1)]
    )
    either = either[either["source"] != either["target"]].drop_duplicates()
    table["partners"] = either.groupby("source").size().reindex(table.index, fill_value=0)
    table["strength"] = table[["coop_out", "coop_in", "conflict_out", "conflict_in"]].sum(axis=1)
    table["balance_out"] = _balances(table["coop_out"], table["conflict_out"])
    table["balance_in"] = _balances(table["coop_in"], table["conflict_in"])
    table["balance"] = _balances(
        table["coop_out"] + table["coop_in"], table["conflict_out"] + table["conflict_in"]
    )
    ints = ["partners_out", "partners_in", "partners", "events_out", "events_in"]
    table = table.astype(dict.fromkeys(ints, "int64")).reset_index()
    found = blocs(g, seed=seed, weight=bloc_weight)
    return table.merge(found, on="country", how="left")[POSITION_COLUMNS]


def _balances(coop: pd.Series, conflict: pd.Series) -> pd.Series:
    return (coop - conflict) / (coop + conflict).where(lambda s: s > 0)


def _balance(coop: float, conflict: float) -> float:
    return (coop - conflict) / (coop + conflict) if coop + conflict else float("nan")


@dataclass
class PositionChange:
    """How one country's place in the network moved from one period to another."""

    country: str
    before: tuple[dt.date, dt.date]
    after: tuple[dt.date, dt.date]
    measures: pd.DataFrame  # metric, before, after, change
    partners: pd.DataFrame  # partner, events/balance before and after, change, rank before/after
    bloc_before: list[str] = field(default_factory=list)  # the other members of its bloc
    bloc_after: list[str] = field(default_factory=list)
    top: int = 10

    @property
    def joined(self) -> list[str]:
        """Countries in its bloc after that were not before."""
        return sorted(set(self.bloc_after) - set(self.bloc_before))

    @property
    def left(self) -> list[str]:
        return sorted(set(self.bloc_before) - set(self.bloc_after))

    @property
    def gained(self) -> list[str]:
        """Partners among its top `top` (by events, both directions) after, not before."""
        p = self.partners
        return p[(p["rank_after"] <= self.top) & ~(p["rank_before"] <= self.top)]["partner"].tolist()

    @property
    def lost(self) -> list[str]:
        p = self.partners
        return p[(p["rank_before"] <= self.top) & ~(p["rank_after"] <= self.top)]["partner"].tolist()

    def to_dict(self) -> dict[str, Any]:
        return {
            "country": self.country,
            "before": [str(d) for d in self.before],
            "after": [str(d) for d in self.after],
            "measures": self.measures.to_dict(orient="records"),
            "bloc_before": self.bloc_before,
            "bloc_after": self.bloc_after,
            "joined_bloc": self.joined,
            "left_bloc": self.left,
            "partners_gained": self.gained,
            "partners_lost": self.lost,
            "partners": self.partners.head(2 * self.top).to_dict(orient="records"),
        }


POSITION_MEASURES = [c for c in POSITION_COLUMNS if c not in ("country", "bloc")]


def position_change(
    store: Store,
    country: str,
    before: tuple[dt.date, dt.date],
    after: tuple[dt.date, dt.date],
    *,
    top: int = 10,
    seed: int = 0,
    bloc_weight: str = "net",
    origin: str | None = None,
) -> PositionChange:
    """Compare a country's degree, strength, balances, bloc and top partners in two periods.

    Blocs are found in each period's whole network (the same seed), so "its bloc" is the
    other countries Louvain put with it there.
    """
    code = country.strip().upper()
    nets = {
        name: relations_network(store, s, u, origin=origin, seed=seed, bloc_weight=bloc_weight)
        for name, (s, u) in (("before", before), ("after", after))
    }
    rows = []
    mine: dict[str, dict[str, Any]] = {}
    for name, g in nets.items():
        mine[name] = dict(g.nodes[code]) if code in g else {}
    for metric in POSITION_MEASURES:
        b, a = mine["before"].get(metric, 0), mine["after"].get(metric, 0)
        if metric.startswith("balance"):
            b = mine["before"].get(metric, float("nan"))
            a = mine["after"].get(metric, float("nan"))
        rows.append({"metric": metric, "before": b, "after": a, "change": a - b})
    measures = pd.DataFrame(rows, columns=["metric", "before", "after", "change"], dtype=object)
    partners = _partner_changes(nets["before"], nets["after"], code)
    members = {}
    for name, g in nets.items():
        bloc = mine[name].get("bloc", 0)
        members[name] = sorted(
            n for n, d in g.nodes(data=True) if bloc and d.get("bloc") == bloc and n != code
        )
    return PositionChange(code, before, after, measures, partners, members["before"], members["after"], top)


def _partner_changes(before: nx.DiGraph, after: nx.DiGraph, code: str) -> pd.DataFrame:
    def table(g: nx.DiGraph, suffix: str) -> pd.DataFrame:
        acc: dict[str, list[float]] = {}
        if code in g:
            for _, other, d in g.out_edges(code, data=True):
                a = acc.setdefault(other, [0, 0.0, 0.0])
                a[0] += d["events"]
                a[1] += d["coop"]
                a[2] += d["conflict"]
            for other, _, d in g.in_edges(code, data=True):
                a = acc.setdefault(other, [0, 0.0, 0.0])
                a[0] += d["events"]
                a[1] += d["coop"]
                a[2] += d["conflict"]
        rows = [(p, int(n), _balance(c, k)) for p, (n, c, k) in acc.items()]
        t = pd.DataFrame(rows, columns=["partner", f"events_{suffix}", f"balance_{suffix}"])
        t = t.sort_values([f"events_{suffix}", "partner"], ascending=[False, True], ignore_index=True)
        t[f"rank_{suffix}"] = range(1, len(t) + 1)
        return t

    both = table(before, "before").merge(table(after, "after"), on="partner", how="outer")
    for col in ("events_before", "events_after"):
        both[col] = both[col].fillna(0).astype("int64")
    both["change"] = both["events_after"] - both["events_before"]
    both["abs_change"] = both["change"].abs()
    cols = ["partner", "events_before", "events_after", "change", "balance_before", "balance_after"]
    both = both.sort_values(["abs_change", "partner"], ascending=[False, True], ignore_index=True)
    return both[[*cols, "rank_before", "rank_after"]]
