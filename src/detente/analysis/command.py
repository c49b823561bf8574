"""`detente dyad / network / changes / profile / search`: the analyses on the command line.

Thin over the Python API of `detente.analysis` (which the web API calls too): options are
parsed here, numbers come from there. Tables go to the terminal, CSV and JSON to stdout for
scripts; errors become one line and exit status 1. The main CLI registers each command with
`main.add_command(...)`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import math
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import click
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from detente.errors import DetenteError
from detente.options import db_option

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

    from detente.store import Store

# The analyses (pandas, networkx) are imported when a command runs, not when the CLI starts;
# these choices repeat the API's (tests/test_analysis_cli.py checks that they agree).
ORIGINS = ["detente", "gdelt", "icews"]
PERIODS = ["day", "week", "month", "quarter", "year"]  # common.PERIODS
TREND_PERIODS = ["month", "quarter", "year"]  # profile.TREND_PERIODS
NORMALISATIONS = ["auto", "articles", "events", "none"]  # series.NORMALISATIONS


def _day(value: str, end: bool) -> dt.date:
    """YYYY-MM-DD, or YYYY-MM / YYYY meaning that period's first (since) or last (until) day."""
    parts = value.strip().split("-")
    try:
        if len(parts) == 3:
            return dt.date.fromisoformat(value.strip())
        year = int(parts[0])
        if len(parts) == 2:
            month = int(parts[1])
            return dt.date(year, month, calendar.monthrange(year, month)[1] if end else 1)
        if len(parts) == 1 and len(parts[0]) == 4:
            return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
    except ValueError:
        pass
    raise click.BadParameter(f"{value!r} is not a date: YYYY-MM-DD, YYYY-MM or YYYY")


def _since(_c: click.Context, _p: click.Parameter, value: str | None) -> dt.date | None:
    return None if value is None else _day(value, end=False)


def _until(_c: click.Context, _p: click.Parameter, value: str | None) -> dt.date | None:
    return None if value is None else _day(value, end=True)


def _options(*decorators: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def apply(f: Any) -> Any:
        for d in reversed(decorators):
            f = d(f)
        return f

    return apply


since_option = click.option(
    "--since",
    callback=_since,
    metavar="DATE",
    help="From this day on (YYYY-MM-DD; YYYY-MM or YYYY: its start).",
)
until_option = click.option(
    "--until", callback=_until, metavar="DATE", help="Up to this day (YYYY-MM-DD; YYYY-MM or YYYY: its end)."
)
origin_option = click.option("--origin", type=click.Choice(ORIGINS), help="Only events of this origin.")
min_mentions_option = click.option(
    "--min-mentions", type=int, default=None, help="Only events mentioned at least this often."
)
common_options = _options(since_option, until_option, origin_option, min_mentions_option, db_option)


def _store(db: str | None) -> Store:
    from detente.store import Store

    try:
        return Store(db)
    except DetenteError as e:
        raise click.ClickException(str(e)) from e


def _cell(value: Any) -> Any:
    """A value as JSON wants it: ISO dates, None for NaN, Python numbers."""
    if isinstance(value, dt.datetime):  # pandas Timestamps too
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item") and not isinstance(value, (list, dict, str)):
        return _cell(value.item())
    return value


def _records(df: pd.DataFrame) -> list[dict[str, Any]]:
    return [{k: _cell(v) for k, v in row.items()} for row in df.to_dict(orient="records")]


def _echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, default=str, allow_nan=False))


def _fmt(value: Any, digits: int = 2) -> str:
    value = _cell(value)
    if value is None:
        return "·"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def _table(title: str, df: pd.DataFrame, columns: Iterable[str], digits: int = 2) -> Table:
    """A rich table of these columns; each column as wide as its widest cell, so none is cut."""
    import pandas as pd

    cols = list(columns)
    cells = [[_fmt(v, digits) for v in row] for row in df[cols].itertuples(index=False)]
    table = Table(title=title, box=box.SIMPLE_HEAD, pad_edge=False, title_justify="left")
    for i, c in enumerate(cols):
        width = max([len(str(c)), *(len(r[i]) for r in cells)])
        numeric = pd.api.types.is_numeric_dtype(df[c].dtype)
        table.add_column(str(c), no_wrap=True, min_width=width, justify="right" if numeric else "left")
    for row in cells:
        table.add_row(*(Text(v) for v in row))
    return table


def _console() -> Console:
    """The terminal's width on a terminal; 160 columns into a pipe or file."""
    con = Console()
    return con if con.is_terminal else Console(width=160)


def _run(f: Callable[[], Any]) -> Any:
    try:
        return f()
    except DetenteError as e:
        raise click.ClickException(str(e)) from e


# --- dyad -----------------------------------------------------------------------------------------
@click.command("dyad")
@click.argument("a", metavar="A")
@click.argument("b", metavar="B")
@click.option("--by", type=click.Choice(PERIODS), default="month", show_default=True)
@click.option("--undirected", is_flag=True, help="Both directions added up (default: A towards B only).")
@click.option(
    "--norm",
    type=click.Choice(NORMALISATIONS),
    default="auto",
    show_default=True,
    help="Divide by the period's articles coded, or by all its events (auto: articles for "
    "Detente's own events, events when imported ones are counted).",
)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True
)
@common_options
def dyad_cmd(
    a: str,
    b: str,
    by: str,
    undirected: bool,
    norm: str,
    fmt: str,
    since: dt.date | None,
    until: dt.date | None,
    origin: str | None,
    min_mentions: int | None,
    db: str | None,
) -> None:
    """Time series of a dyad: events per quad class, Goldstein, balance, normalised volume.

    A and B are countries (RUS) or actor codes (RUSGOV). Balance: (cooperation - conflict) /
    (cooperation + conflict), weighted by mentions (docs/analysis.md).

    \b
    Examples:
      detente dyad RUS AFG --by month
      detente dyad USA CHN --undirected --since 2022 --until 2023 --format csv > usa-chn.csv
    """
    from detente.analysis.series import dyad_series

    store = _store(db)
    df = _run(
        lambda: dyad_series(
            store,
            a,
            b,
            by=by,
            directed=not undirected,
            since=since,
            until=until,
            origin=origin,
            min_mentions=min_mentions,
            normalise=norm,
        )
    )
    if fmt == "csv":
        click.echo(df.to_csv(index=False, date_format="%Y-%m-%d"), nl=False)
    elif fmt == "json":
        _echo_json({**{k: _cell(v) for k, v in df.attrs.items()}, "series": _records(df)})
    else:
        arrow = "<->" if undirected else "->"
        a_, b_, kind = df.attrs["source"], df.attrs["target"], df.attrs["normalisation"]
        title = f"{a_} {arrow} {b_} by {by}; normalised by {kind}"
        cols = ["period", "events", "mentions", *("verbal_coop", "material_coop", "verbal_conflict")]
        cols += ["material_conflict", "goldstein_mean", "balance", "normalised"]
        shown = df.assign(period=df["period"].dt.strftime("%Y-%m-%d"))
        _console().print(_table(title, shown, cols))


# --- network --------------------------------------------------------------------------------------
@click.command("network")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "graphml"]),
    default="table",
    show_default=True,
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write json/graphml to this file.")
@click.option(
    "--min-events", type=int, default=1, show_default=True, help="Leave out pairs with fewer events."
)
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the bloc detection (Louvain).")
@click.option(
    "--bloc-weight",
    type=click.Choice(["net", "coop"]),
    default="net",
    show_default=True,
    help="net: cooperation minus conflict between two countries; coop: cooperation alone.",
)
@click.option("--top", type=int, default=20, show_default=True, help="Countries shown in the table.")
@click.option("--country", metavar="CODE", help="Also show how this country's position changed.")
@click.option(
    "--compare-since", callback=_since, metavar="DATE", help="Earlier period (default: as long, just before)."
)
@click.option("--compare-until", callback=_until, metavar="DATE", help="End of the earlier period.")
@common_options
def network_cmd(
    fmt: str,
    output: str | None,
    min_events: int,
    seed: int,
    bloc_weight: str,
    top: int,
    country: str | None,
    compare_since: dt.date | None,
    compare_until: dt.date | None,
    since: dt.date | None,
    until: dt.date | None,
    origin: str | None,
    min_mentions: int | None,
    db: str | None,
) -> None:
    """The network of relations in a period: countries, directed weighted edges, blocs.

    Edges carry events, mentions, cooperation and conflict (mention-weighted), Goldstein and
    balance; blocs are Louvain communities of the cooperation graph. The period defaults to the
    year up to the latest event.

    \b
    Examples:
      detente network --since 2023-01-01 --until 2023-12-31
      detente network --since 2023 --until 2023 --format graphml -o 2023.graphml
      detente network --since 2023 --until 2023 --country RUS     # RUS against 2022
    """
    import networkx as nx

    from detente.analysis.network import default_range, position_change, relations_network

    store = _store(db)

    def build() -> tuple[nx.DiGraph, Any]:
        g = relations_network(
            store,
            since,
            until,
            origin=origin,
            min_mentions=min_mentions,
            min_events=min_events,
            seed=seed,
            bloc_weight=bloc_weight,
        )
        change = None
        if country:
            after = (dt.date.fromisoformat(g.graph["since"]), dt.date.fromisoformat(g.graph["until"]))
            before = _earlier(after, compare_since, compare_until)
            change = position_change(
                store,
                country,
                before,
                after,
                top=min(top, 10),
                seed=seed,
                bloc_weight=bloc_weight,
                origin=origin,
            )
        return g, change

    if since is None and until is None:
        with store.engine.connect() as conn:
            if _run(lambda: default_range(conn, None, None)) is None:
                raise click.ClickException("the store has no dated events")
    g, change = _run(build)
    if fmt == "graphml":
        _write(output, "\n".join(nx.generate_graphml(g)) + "\n")
    elif fmt == "json":
        data = nx.node_link_data(g, edges="edges")
        data["blocs"] = _bloc_list(g)
        if change is not None:
            data["position"] = _clean(change.to_dict())
        _write(output, json.dumps(_clean(data), ensure_ascii=False, allow_nan=False) + "\n")
    else:
        _network_tables(g, top, change)


def _earlier(
    after: tuple[dt.date, dt.date], since: dt.date | None, until: dt.date | None
) -> tuple[dt.date, dt.date]:
    """The comparison period: as given, else as long as `after` and ending the day before it."""
    length = after[1] - after[0]
    end = until or (after[0] - dt.timedelta(days=1))
    return (since or end - length, end)


def _clean(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    return _cell(value)


def _write(output: str | None, text: str) -> None:
    if output:
        with open(output, "w", encoding="utf-8") as f:
            f.write(text)
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text, nl=False)


def _bloc_list(g: nx.DiGraph) -> list[dict[str, Any]]:
    members: dict[int, list[str]] = {}
    for n, d in g.nodes(data=True):
        if d.get("bloc"):
            members.setdefault(int(d["bloc"]), []).append(n)
    return [{"bloc": b, "size": len(m), "members": sorted(m)} for b, m in sorted(members.items())]


def _network_tables(g: nx.DiGraph, top: int, change: Any) -> None:
    import pandas as pd

    from detente.analysis.network import positions

    con = _console()
    con.print(
        f"[bold]Network {g.graph['since']} .. {g.graph['until']}[/bold]: "
        f"{g.number_of_nodes()} countries, {g.number_of_edges()} directed pairs"
    )
    table = positions(g) if g.number_of_nodes() else pd.DataFrame(columns=["country"])
    if len(table):
        table = table.sort_values(["strength", "country"], ascending=[False, True]).head(top)
        cols = [
            "country",
            "bloc",
            "partners",
            "events_out",
            "events_in",
            "balance_out",
            "balance_in",
            "strength",
        ]
        con.print(_table(f"Top {len(table)} countries by strength (mentions out + in)", table, cols))
    blocs_ = _bloc_list(g)
    if blocs_:
        bt = Table(
            title="Blocs (Louvain on the cooperation graph)", box=box.SIMPLE_HEAD, title_justify="left"
        )
        bt.add_column("bloc", justify="right")
        bt.add_column("size", justify="right")
        bt.add_column("members", overflow="fold")
        for b in blocs_:
            bt.add_row(str(b["bloc"]), str(b["size"]), " ".join(b["members"]))
        con.print(bt)
    if change is not None:
        _position_tables(con, change)


def _position_tables(con: Console, change: Any) -> None:
    b, a = change.before, change.after
    con.print(f"[bold]{change.country}: {b[0]} .. {b[1]} -> {a[0]} .. {a[1]}[/bold]")
    con.print(_table("Position", change.measures, ["metric", "before", "after", "change"]))
    con.print(f"bloc before: {' '.join(change.bloc_before) or '-'}")
    con.print(f"bloc after:  {' '.join(change.bloc_after) or '-'}")
    con.print(f"joined its bloc: {' '.join(change.joined) or '-'}; left it: {' '.join(change.left) or '-'}")
    con.print(f"top partners gained: {' '.join(change.gained) or '-'}; lost: {' '.join(change.lost) or '-'}")
    cols = ["partner", "events_before", "events_after", "change", "balance_before", "balance_after"]
    con.print(_table("Partners that changed most", change.partners.head(change.top), cols))


# --- changes --------------------------------------------------------------------------------------
@click.command("changes")
@click.option("--period", type=click.Choice(PERIODS), default="month", show_default=True)
@click.option("--until", callback=_until, metavar="DATE", help="The current period is the one containing it "
              "(default: the latest event date).")  # fmt: skip
@click.option("--undirected", is_flag=True, help="Dyads regardless of direction.")
@click.option("--top", type=int, default=20, show_default=True, help="How many dyads.")
@click.option("--min-events", type=int, default=5, show_default=True, help="Events needed in both periods.")
@click.option("--examples", type=int, default=3, show_default=True, help="Example events per dyad.")
@origin_option
@click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True
)
@db_option
def changes_cmd(
    period: str,
    until: dt.date | None,
    undirected: bool,
    top: int,
    min_events: int,
    examples: int,
    origin: str | None,
    fmt: str,
    db: str | None,
) -> None:
    """Dyads whose balance moved most from the previous period to this one, with the events.

    \b
    Examples:
      detente changes --period month
      detente changes --period week --until 2024-03-17 --undirected --format json
    """
    from detente.analysis.changes import what_changed

    store = _store(db)
    df = _run(
        lambda: what_changed(
            store,
            period=period,
            until=until,
            directed=not undirected,
            top=top,
            min_events=min_events,
            examples=examples,
            origin=origin,
        )
    )
    before, after = df.attrs.get("before"), df.attrs.get("after")
    if fmt == "json":
        _echo_json(
            {
                "period": period,
                "before": _clean(before),
                "after": _clean(after),
                "dyads": _clean(_records(df)),
            }
        )
    elif fmt == "csv":
        flat = df.drop(columns=["examples"]).assign(
            event_ids=[" ".join(map(str, i)) for i in df["event_ids"]]
        )
        click.echo(flat.to_csv(index=False), nl=False)
    else:
        con = _console()
        if before is None:
            con.print("no dated events in the store")
            return
        con.print(f"[bold]{period}: {before[0]} .. {before[1]} -> {after[0]} .. {after[1]}[/bold]")
        shown = df.assign(
            events=[f"{x} -> {y}" for x, y in zip(df["events_before"], df["events_after"], strict=True)],
            balance=[
                f"{_fmt(x)} -> {_fmt(y)}"
                for x, y in zip(df["balance_before"], df["balance_after"], strict=True)
            ],
            example=[_example(e[0]) if e else "" for e in df["examples"]],
        )
        con.print(_changes_table(f"{len(df)} dyads, largest balance change first", shown))


def _changes_table(title: str, shown: pd.DataFrame) -> Table:
    """The ranking, with one example event per dyad as its last column."""
    out = Table(title=title, box=box.SIMPLE_HEAD, pad_edge=False, title_justify="left")
    for c in ("source", "target", "events", "balance", "change"):
        width = max([len(c), *(len(_fmt(v)) for v in shown[c])])
        out.add_column(c, no_wrap=True, min_width=width)
    out.add_column("example", overflow="ellipsis", no_wrap=True, max_width=70)
    for row in shown.itertuples(index=False):
        out.add_row(row.source, row.target, row.events, row.balance, _fmt(row.change), Text(row.example))
    return out


def _example(e: dict[str, Any]) -> str:
    what = e.get("sentence") or e.get("url") or ""
    return f"#{e['id']} {e['event_date']} {e['source_code']} {e['cameo']} {e['target_code']}: {what}"


# --- profile --------------------------------------------------------------------------------------
@click.command("profile")
@click.argument("actor", metavar="ACTOR")
@click.option(
    "--by", type=click.Choice(TREND_PERIODS), default="month", show_default=True, help="Trend periods."
)
@click.option("--top", type=int, default=10, show_default=True, help="Partners shown on each side.")
@click.option("--domestic", is_flag=True, help="Count events with itself or with no counterpart too.")
@click.option("--all-time", is_flag=True, help="From the first event on (default: the year to the latest).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@common_options
def profile_cmd(
    actor: str,
    by: str,
    top: int,
    domestic: bool,
    all_time: bool,
    fmt: str,
    since: dt.date | None,
    until: dt.date | None,
    origin: str | None,
    min_mentions: int | None,
    db: str | None,
) -> None:
    """An actor's top partners (out and in), event mix (CAMEO root, quad class) and trend.

    ACTOR is a country (RUS) or an actor code (RUSGOV). The period is the year up to the latest
    event unless --since/--until or --all-time say otherwise.

    \b
    Examples:
      detente profile RUS
      detente profile RUS --since 2022 --by quarter --format json
      detente profile RUSGOV --all-time --by year
    """
    from detente.analysis.profile import actor_profile

    store = _store(db)
    p = _run(
        lambda: actor_profile(
            store,
            actor,
            since=since or (dt.date.min if all_time else None),
            until=until,
            by=by,
            domestic=domestic,
            origin=origin,
            min_mentions=min_mentions,
        )
    )
    if fmt == "json":
        _echo_json(_clean(p.to_dict(top=top)))
        return
    con = _console()
    span = f"{p.since or 'start'} .. {p.until or 'end'}"
    con.print(f"[bold]{p.actor}[/bold] ({span})")
    cols = ["partner", "events", "share", "coop_events", "conflict_events", "goldstein_mean", "balance"]
    con.print(_table(f"Top {top} partners as source ({p.actor} -> X)", p.partners_out.head(top), cols))
    con.print(_table(f"Top {top} partners as target (X -> {p.actor})", p.partners_in.head(top), cols))
    con.print(_table("Event mix by quad class", p.mix_quad, ["side", "name", "events", "share"]))
    mix = p.mix_root.pivot_table(index=["cameo_root", "name"], columns="side", values="share", fill_value=0.0)
    mix = mix.reindex(columns=["out", "in"], fill_value=0.0).reset_index()
    mix.columns = ["root", "name", "share out", "share in"]
    con.print(_table("Event mix by CAMEO root", mix, mix.columns))
    trend = p.trend.assign(period=p.trend["period"].astype(str).str[:10]) if len(p.trend) else p.trend
    cols = ["period", "events_out", "events_in", "balance_out", "balance_in", "balance", "goldstein_mean"]
    con.print(_table(f"Trend by {by}", trend, cols))


# --- search ---------------------------------------------------------------------------------------
@click.command("search")
@click.option("--actor", metavar="CODE", help="Either side: a country (RUS) or an actor code (RUSGOV).")
@click.option("--source", metavar="CODE", help="Source country or actor code.")
@click.option("--target", metavar="CODE", help="Target country or actor code.")
@click.option("--dyad", nargs=2, metavar="A B", help="Events of A towards B (with --undirected: either way).")
@click.option("--undirected", is_flag=True, help="--dyad in both directions.")
@click.option("--sector", metavar="SEC", help="Either side's sector (GOV, MIL, REB...).")
@click.option("--source-sector", metavar="SEC")
@click.option("--target-sector", metavar="SEC")
@click.option(
    "--cameo", multiple=True, metavar="CODE", help="CAMEO code or prefix (19 = root 19); repeatable."
)
@click.option("--root", multiple=True, metavar="RR", help="CAMEO root; repeatable.")
@click.option("--quad", type=click.IntRange(1, 4), multiple=True, help="Quad class 1-4; repeatable.")
@click.option("--plover", multiple=True, metavar="TYPE", help="PLOVER type (AGREE, ASSAULT...); repeatable.")
@click.option("--place", metavar="TEXT", help="Part of the place name.")
@click.option("--location-country", metavar="ISO3", help="Country of the place.")
@click.option("--bbox", nargs=4, type=float, metavar="W S E N", help="Bounding box in degrees.")
@click.option("--text", metavar="TEXT", help="Part of the sentence or trigger (Detente's events).")
@click.option("--no-historical", is_flag=True, help="Leave out background events about the past.")
@click.option("--limit", type=click.IntRange(0), default=50, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0, show_default=True)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "jsonl"]), default="table", show_default=True
)
@common_options
def search_cmd(
    actor: str | None,
    source: str | None,
    target: str | None,
    dyad: tuple[str, str] | None,
    undirected: bool,
    sector: str | None,
    source_sector: str | None,
    target_sector: str | None,
    cameo: tuple[str, ...],
    root: tuple[str, ...],
    quad: tuple[int, ...],
    plover: tuple[str, ...],
    place: str | None,
    location_country: str | None,
    bbox: tuple[float, float, float, float] | None,
    text: str | None,
    no_historical: bool,
    limit: int,
    offset: int,
    fmt: str,
    since: dt.date | None,
    until: dt.date | None,
    origin: str | None,
    min_mentions: int | None,
    db: str | None,
) -> None:
    """Search merged events by actor, dyad, code, type, date, place and text; one page at a time.

    The total number of matches goes to stderr ("events 51-100 of 1234").

    \b
    Examples:
      detente search --dyad RUS UKR --undirected --quad 4 --since 2022-02
      detente search --plover PROTEST --location-country FRA --offset 50
      detente search --bbox 29 44 41 53 --text shelling --format jsonl
    """
    from detente.analysis.query import search_events

    store = _store(db)
    result = _run(
        lambda: search_events(
            store,
            limit=limit,
            offset=offset,
            actor=actor,
            source=source,
            target=target,
            dyad=tuple(dyad) if dyad else None,
            directed=not undirected,
            sector=sector,
            source_sector=source_sector,
            target_sector=target_sector,
            cameo=list(cameo) or None,
            root=list(root) or None,
            quad_class=list(quad) or None,
            plover=list(plover) or None,
            since=since,
            until=until,
            place=place,
            location_country=location_country,
            bbox=bbox,
            text=text,
            origin=origin,
            min_mentions=min_mentions,
            include_historical=not no_historical,
        )
    )
    df = result.events
    first = offset + 1 if len(df) else offset
    click.echo(f"events {first}-{offset + len(df)} of {result.total}", err=True)
    if fmt == "jsonl":
        for row in _records(df):
            click.echo(json.dumps(row, ensure_ascii=False, default=str))
    elif fmt == "csv":
        click.echo(df.to_csv(index=False), nl=False)
    else:
        shown = df.assign(
            date=df["date"].fillna(""),
            source=df["source_code"].fillna(""),
            target=df["target_code"].fillna(""),
            where=df["location_name"].fillna(""),
            what=df["sentence"].fillna(df["url"]).fillna(""),
        )
        table = Table(title=f"events {first}-{offset + len(df)} of {result.total}", box=box.SIMPLE_HEAD)
        for c in ("id", "date", "source", "cameo", "target", "where", "n"):
            table.add_column(c, no_wrap=True, max_width=14 if c == "where" else None)
        table.add_column("sentence / url", overflow="ellipsis", no_wrap=True, max_width=60)
        for r in shown.itertuples(index=False):
            table.add_row(
                *(
                    Text(str(v))
                    for v in (r.id, r.date, r.source, r.cameo, r.target, r.where, r.num_mentions, r.what)
                )
            )
        _console().print(table)


COMMANDS = [dyad_cmd, network_cmd, changes_cmd, profile_cmd, search_cmd]
