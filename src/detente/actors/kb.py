"""The actor knowledge base: countries, regions, organisations, armed groups, office holders
and sector nouns, loaded once from package data (actors/data/*.tsv; formats in
docs/data-formats.md). Roles are dated, so the same name resolves differently at different
times (the Taliban are AFGREB until 2021-08-14 and AFGGOV from 2021-08-15). Office holders
come from people.tsv (curated) and people_history.tsv (older ones, converted from PETRARCH's
dictionary), where people.tsv wins: see `KnowledgeBase._load_history`.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from detente.errors import DataFileError
from detente.records import Actor

ACRONYM = re.compile(r"^[A-Z0-9.&-]{1,5}$")


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Lower-case, accent-free, quote-normalised form used for case-insensitive matching.
    Memoised: it runs on every token, and news repeats its words."""
    text = text.replace("’", "'").replace("‘", "'")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


# Spelling variants ("Ethopia", "Afganistan", "Mitterand"): a known word read into a word one edit
# away must have VARIANT_MIN letters when it makes a name alone, and NAME_VARIANT_MIN when the
# word's neighbours complete a longer name with it ("Saeb Erakat"); shorter ones are too often
# another word or name ("Sinjar" is not "Sinwar", "Syriac" not "Syrian").
VARIANT_MIN = 7
NAME_VARIANT_MIN = 5


def deletions(word: str) -> set[str]:
    """The word with one letter left out, each way (a symmetric-deletion index key set)."""
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def one_edit(a: str, b: str) -> bool:
    """Are two different words one edit apart: a letter changed, added or left out, or two
    neighbouring letters swapped ("Isreal")?"""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) < len(b):
        return a[i:] == b[i + 1 :]
    if a[i + 1 :] == b[i + 1 :]:
        return True
    return i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]


def is_case_sensitive(alias: str) -> bool:
    """Short all-capital aliases (US, UN, AU, IS) match only in capitals."""
    return bool(ACRONYM.match(alias)) and any(c.isalpha() for c in alias) and alias.upper() == alias


PARTICLE = re.compile(r"(?<=\w )(al|el)([- ])(?=\w)", re.IGNORECASE)


def particle_variants(name: str) -> list[str]:
    """Other ways news writes an Arabic article inside a person's name: "Hamad bin Khalifa al
    Thani" is also "al-Thani", "Omar el-Bashir" also "Omar el Bashir". Only the hyphen or
    space after the particle changes; the particle itself is kept as written."""
    if not PARTICLE.search(name):
        return []
    out = {PARTICLE.sub(rf"\g<1>{sep}", name) for sep in ("-", " ")}
    out.discard(name)
    return sorted(out)


def parse_date(value: str, where: str, line: int) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise DataFileError(where, line, f"{value!r} is not an ISO date") from None


@dataclass(frozen=True, slots=True)
class Role:
    country: str | None
    sector: str | None
    code: str
    start: dt.date | None = None
    end: dt.date | None = None
    title: str | None = None

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Entity:
    """Something the knowledge base can name: a state, region, organisation, group or person."""

    id: str  # "state:RUS", "region:WST", "org:IGOUNO", "group:taliban", "person:sergey-lavrov"
    kind: str  # state | region | igo | group | person
    name: str
    roles: tuple[Role, ...]
    descriptors: frozenset[str] = frozenset()
    plural: bool = False
    monarchy: bool = False
    # a seceded state's former state (countries.tsv `formerly`): before its first role's start the
    # place was that state's ("Juba" in 2000 is Sudan's, not South Sudan's)
    formerly: str | None = None

    @property
    def country(self) -> str | None:
        return self.roles[-1].country if self.roles else None

    def role_at(self, day: dt.date | None) -> Role | None:
        """The role that holds on `day`; with no day, the latest role."""
        if not self.roles:
            return None
        if day is None:
            return self.roles[-1]
        for role in self.roles:
            if role.covers(day):
                return role
        return None

    def actor_at(self, day: dt.date | None, sector: str | None = None) -> Actor:
        """The actor this entity is on `day`, optionally as a given sector (Moscow -> RUSGOV)."""
        first = self.roles[0].start if self.roles else None
        if self.formerly and day is not None and first is not None and day < first:
            return Actor(f"{self.formerly}{sector or ''}", self.formerly, sector, self.name, "state")
        role = self.role_at(day)
        kind = {"state": "state", "region": "region", "igo": "igo", "group": "group", "person": "person"}
        if role is None:
            # Outside all dated roles: a person is a national elite (CAMEO ELI); a group its last role.
            if self.kind == "person":
                country = self.roles[-1].country if self.roles else None
                return Actor(f"{country or '---'}ELI", country, "ELI", self.name, "person")
            role = (
                self.roles[-1]
                if day is None or self.roles[-1].start is None or day > self.roles[-1].start
                else self.roles[0]
            )
        if sector and self.kind in ("state", "region"):
            country = role.country
            return Actor(f"{country}{sector}", country, sector, self.name, kind[self.kind])
        return Actor(role.code, role.country, role.sector, self.name, kind[self.kind])


# The sector a community's name gives ("Uighurs", "Yoruba leaders"): the state's civilians.
PEOPLE_SECTOR = "CVL"


@dataclass(frozen=True, slots=True)
class Surface:
    """One way of writing an entity in text, and what it means when written so."""

    entity: Entity
    how: str  # name | alias | adjective | capital | seat | combining
    sector: str | None = None  # capitals and seats stand for a sector (GOV, MIL, LEG); peoples CVL


@dataclass(frozen=True, slots=True)
class Agent:
    term: str
    sector: str
    title: bool
    rank: str


@dataclass
class KnowledgeBase:
    entities: dict[str, Entity] = field(default_factory=dict)
    surfaces: dict[str, list[Surface]] = field(default_factory=dict)  # folded text -> meanings
    exact_surfaces: dict[str, list[Surface]] = field(default_factory=dict)  # case-sensitive
    agents: dict[str, Agent] = field(default_factory=dict)  # folded term -> agent
    points: dict[str, tuple[float, float]] = field(default_factory=dict)  # country code -> (lat, lon)
    # folded capital name -> the other countries with a well-known city of that name
    capital_namesakes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # region code -> its member states, for the regions regions.tsv gives a stable list
    region_members: dict[str, frozenset[str]] = field(default_factory=dict)
    # folded text -> its forms as written in the data, where they have a period: lower-casing
    # changes how abbreviations tokenize ("U.S. Border Patrol" is U.S.|Border|Patrol, "u.s.
    # border patrol" is u.s|.|border|patrol), so matchers build patterns from both.
    written: dict[str, set[str]] = field(default_factory=dict)
    _surnames: dict[str, list[Entity]] | None = field(default=None, repr=False)  # built on first use
    # every word of a folded surface, and the deletion index of the long ones (built on first use)
    _words: frozenset[str] | None = field(default=None, repr=False)
    _variant_index: dict[str, list[str]] | None = field(default=None, repr=False)

    # --- loading ------------------------------------------------------------------------------
    @classmethod
    def from_dir(cls, directory: str | Path | None = None) -> KnowledgeBase:
        if directory is None:
            root = resources.files("detente.actors").joinpath("data")

            def read(name: str) -> str:
                return root.joinpath(name).read_text(encoding="utf-8")

            def exists(name: str) -> bool:
                return root.joinpath(name).is_file()
        else:
            base = Path(directory)

            def read(name: str) -> str:
                return (base / name).read_text(encoding="utf-8")

            def exists(name: str) -> bool:
                return (base / name).is_file()

        kb = cls()
        kb._load_countries(read("countries.tsv"))
        kb._load_regions(read("regions.tsv"))
        if exists("peoples.tsv"):  # optional: a directory of one's own may leave it out
            kb._load_peoples(read("peoples.tsv"))
        if exists("capital_namesakes.tsv"):  # optional: a directory of one's own may leave it out
            for n, r in kb._rows(
                "capital_namesakes.tsv", read("capital_namesakes.tsv"), ["capital", "countries"]
            ):
                others = tuple(kb._split(r["countries"]))
                if any(kb.state(c) is None for c in others):
                    raise DataFileError("capital_namesakes.tsv", n, f"unknown country in {r['countries']!r}")
                kb.capital_namesakes[fold(r["capital"])] = others
        kb._load_organizations(read("organizations.tsv"))
        kb._load_dated("groups.tsv", read("groups.tsv"), "group")
        kb._load_dated("people.tsv", read("people.tsv"), "person")
        if exists("people_history.tsv"):  # optional: a directory of one's own may leave it out
            kb._load_history(read("people_history.tsv"))
        kb._load_agents(read("agents.tsv"))
        return kb

    @staticmethod
    def _rows(name: str, text: str, required: list[str]) -> Iterator[tuple[int, dict[str, str]]]:
        lines = [
            (n, line)
            for n, line in enumerate(text.splitlines(), 1)
            if line.strip() and not line.startswith("#")
        ]
        if not lines:
            raise DataFileError(name, None, "no header row")
        header = lines[0][1].split("\t")
        missing = [c for c in required if c not in header]
        if missing:
            raise DataFileError(name, lines[0][0], f"missing columns {missing}")
        for n, line in lines[1:]:
            cells = line.split("\t")
            if len(cells) > len(header):
                raise DataFileError(name, n, f"{len(cells)} cells, header has {len(header)}")
            cells += [""] * (len(header) - len(cells))
            yield n, {k: v.strip() for k, v in zip(header, cells, strict=True)}

    def _add_surface(self, text: str, surface: Surface) -> None:
        text = text.strip()
        if not text:
            return
        if is_case_sensitive(text):
            self.exact_surfaces.setdefault(text, []).append(surface)
        else:
            key = fold(text)
            self.surfaces.setdefault(key, []).append(surface)
            if text != key and "." in text:  # where lower-casing can change the tokens
                self.written.setdefault(key, set()).add(text)

    @staticmethod
    def _split(cell: str) -> list[str]:
        return [v.strip() for v in cell.split("|") if v.strip()]

    def _load_countries(self, text: str) -> None:
        for n, r in self._rows(
            "countries.tsv", text, ["code", "name", "aliases", "adjectives", "capitals", "seats"]
        ):
            code = r["code"]
            start = end = None
            if r.get("valid"):
                a, _, b = r["valid"].partition("..")
                start, end = parse_date(a, "countries.tsv", n), parse_date(b, "countries.tsv", n)
            descriptors = frozenset(d.lower() for d in self._split(r.get("descriptors", "")))
            monarchy = bool(descriptors & {"kingdom", "emirate", "sultanate", "principality", "monarchy"})
            ent = Entity(
                id=f"state:{code}",
                kind="state",
                name=r["name"],
                roles=(Role(code, None, code, start, end),),
                descriptors=descriptors | {"country", "nation", "state", "government"},
                monarchy=monarchy,
                formerly=r.get("formerly") or None,
            )
            self.entities[ent.id] = ent
            if r.get("lat") and r.get("lon"):
                try:
                    self.points[code] = (float(r["lat"]), float(r["lon"]))
                except ValueError:
                    raise DataFileError("countries.tsv", n, "lat/lon must be numbers") from None
            self._add_surface(r["name"], Surface(ent, "name"))
            for a in self._split(r["aliases"]):
                self._add_surface(a, Surface(ent, "alias"))
            for a in self._split(r["adjectives"]):
                if a.endswith("-"):
                    self._add_surface(a[:-1], Surface(ent, "combining"))
                else:
                    self._add_surface(a, Surface(ent, "adjective"))
            for a in self._split(r["capitals"]):
                self._add_surface(a, Surface(ent, "capital", "GOV"))
            for a in self._split(r["seats"]):
                seat, _, sector = a.partition("=")
                self._add_surface(seat, Surface(ent, "seat", sector.strip() or "GOV"))
                if seat.lower().startswith("the "):
                    self._add_surface(seat[4:], Surface(ent, "seat", sector.strip() or "GOV"))

    def _load_peoples(self, text: str) -> None:
        """Ethnic and religious communities of one home state ("Yoruba", "Uighurs"): named like
        its nationals, so they resolve as the state's adjectives and demonyms do."""
        for n, r in self._rows("peoples.tsv", text, ["country", "forms"]):
            ent = self.entities.get(f"state:{r['country']}")
            if ent is None:
                raise DataFileError("peoples.tsv", n, f"{r['country']!r} is not a country of countries.tsv")
            for form in self._split(r["forms"]):  # its people, not its state
                self._add_surface(form, Surface(ent, "adjective", PEOPLE_SECTOR))

    def _load_regions(self, text: str) -> None:
        for _n, r in self._rows("regions.tsv", text, ["code", "name", "aliases", "adjectives"]):
            code = r["code"]
            ent = Entity(
                id=f"region:{code}",
                kind="region",
                name=r["name"],
                roles=(Role(code, None, code),),
                plural=True,
            )
            self.entities[ent.id] = ent
            if r.get("members"):
                self.region_members[code] = frozenset(self._split(r["members"]))
            self._add_surface(r["name"], Surface(ent, "name"))
            for a in self._split(r["aliases"]):
                self._add_surface(a, Surface(ent, "alias"))
            for a in self._split(r["adjectives"]):
                self._add_surface(a, Surface(ent, "adjective"))

    def _load_organizations(self, text: str) -> None:
        for _n, r in self._rows(
            "organizations.tsv", text, ["code", "country", "sector", "name", "aliases", "kind"]
        ):
            kind = r["kind"]
            ekind = "igo" if kind in ("igo", "bloc", "agency", "court") else "group"
            ent = Entity(
                id=f"org:{r['code']}",
                kind=ekind,
                name=r["name"],
                roles=(Role(r["country"] or None, r["sector"] or None, r["code"]),),
                descriptors=frozenset(
                    {kind, "organization", "organisation", "body", "group", "agency"}
                    | ({"bloc", "alliance"} if kind == "bloc" else set())
                    | ({"company", "firm"} if kind == "company" else set())
                ),
            )
            self.entities[ent.id] = ent
            self._add_surface(r["name"], Surface(ent, "name"))
            if r["name"].lower().startswith("the "):
                self._add_surface(r["name"][4:], Surface(ent, "name"))
            for a in self._split(r["aliases"]):
                self._add_surface(a, Surface(ent, "alias"))

    def _load_dated(self, name: str, text: str, kind: str) -> None:
        people = kind == "person"
        cols = ["id", "name", "aliases", "country", "sector", "start", "end"] + (
            ["title"] if people else ["code"]
        )
        current: dict[str, tuple[str, list[str], list[Role]]] = {}
        order: list[str] = []
        for n, r in self._rows(name, text, cols):
            eid = r["id"]
            if eid not in current:
                if not r["name"]:
                    raise DataFileError(name, n, f"first row of {eid!r} has no name")
                current[eid] = (r["name"], self._split(r["aliases"]), [])
                order.append(eid)
            country, sector = r["country"] or None, r["sector"] or None
            code = r.get("code") or f"{country or ''}{sector or ''}" or "---"
            role = Role(
                country,
                sector,
                code,
                parse_date(r["start"], name, n),
                parse_date(r["end"], name, n),
                r.get("title") or None,
            )
            current[eid][2].append(role)
        for eid in order:
            ename, aliases, roles = current[eid]
            roles.sort(key=lambda ro: ro.start or dt.date.min)
            descriptors = (
                {"group", "movement", "organization", "organisation", "militants", "militia"}
                if kind == "group"
                else {t.lower() for ro in roles if ro.title for t in ro.title.split()}
            )
            ent = Entity(
                id=f"{kind}:{eid}",
                kind=kind,
                name=ename,
                roles=tuple(roles),
                descriptors=frozenset(descriptors),
                plural=kind == "group",
            )
            self.entities[ent.id] = ent
            self._add_surface(ename, Surface(ent, "name"))
            if ename.lower().startswith("the "):
                self._add_surface(ename[4:], Surface(ent, "name"))
            for a in aliases:
                self._add_surface(a, Surface(ent, "alias"))
            if kind == "person":
                written = {fold(t) for t in (ename, *aliases)}
                for form in {v for t in (ename, *aliases) for v in particle_variants(t)}:
                    if fold(form) not in written:
                        self._add_surface(form, Surface(ent, "alias"))

    def _load_history(self, text: str) -> None:
        """Load people_history.tsv, after people.tsv, which stays authoritative.

        people_history.tsv holds office holders and elites before 2015, converted from
        PETRARCH's actor dictionary by tools/build_people_history.py (people.tsv's columns).
        A history person is taken for a people.tsv person when the two have the same id, when
        the name of one is a name or alias of the other, or when they share a name of two
        words or more and a country. people.tsv wins then:

        - the people.tsv person keeps its name, aliases and roles; it gains only history roles
          that end before its first people.tsv role (a role running on is cut the day before),
          and only if that first role has a start date and the two share a country (a
          namesake elsewhere adds nothing); it gains the history names no entity has yet;
        - otherwise the history person is dropped.

        Every other history person is added with only the names and aliases that no entity
        loaded before it (a country, organisation, group or people.tsv person) already has.
        """
        name = "people_history.tsv"
        cols = ["id", "name", "aliases", "country", "sector", "title", "start", "end"]
        # Some 25,000 rows: read lean (no per-row dict), with the checks of _rows and _load_dated.
        lines = [(n, ln) for n, ln in enumerate(text.splitlines(), 1) if ln.strip() and ln[0] != "#"]
        if not lines:
            raise DataFileError(name, None, "no header row")
        header = lines[0][1].split("\t")
        if header[: len(cols)] != cols:
            raise DataFileError(name, lines[0][0], f"columns must be {cols}")
        rows: dict[str, tuple[str, list[str], list[Role]]] = {}
        for n, line in lines[1:]:
            cells = line.split("\t")
            if len(cells) > len(header):
                raise DataFileError(name, n, f"{len(cells)} cells, header has {len(header)}")
            cells += [""] * (len(cols) - len(cells))
            hid, hname, aliases, country, sector, title, start, end = (c.strip() for c in cells[: len(cols)])
            if hid not in rows:
                if not hname:
                    raise DataFileError(name, n, f"first row of {hid!r} has no name")
                rows[hid] = (hname, self._split(aliases), [])
            rows[hid][2].append(
                Role(
                    country or None,
                    sector or None,
                    f"{country}{sector}" or "---",
                    parse_date(start, name, n),
                    parse_date(end, name, n),
                    title or None,
                )
            )

        def folded(text: str) -> str:  # fold(), faster on the plain ASCII most names are
            return text.lower() if text.isascii() else fold(text)

        # The people.tsv persons, by each folded name and alias.
        by_surface: dict[str, list[Entity]] = {}
        for key, found in [*self.surfaces.items(), *((fold(k), v) for k, v in self.exact_surfaces.items())]:
            for s in found:
                if s.entity.kind == "person" and all(e.id != s.entity.id for e in by_surface.get(key, ())):
                    by_surface.setdefault(key, []).append(s.entity)
        by_name = {fold(e.name): e for e in self.entities.values() if e.kind == "person"}

        def add(text: str, surface: Surface) -> None:
            """Add a surface unless some entity already has that written form."""
            if is_case_sensitive(text):
                if text not in self.exact_surfaces:
                    self.exact_surfaces[text] = [surface]
            else:
                key = folded(text)
                self.surfaces.setdefault(key, [surface])
                if text != key and "." in text:  # the one case where tokenization differs
                    self.written.setdefault(key, set()).add(text)

        earlier: dict[str, list[Role]] = {}  # people.tsv entity id -> history roles before its first
        later_names: dict[str, list[str]] = {}
        for hid, (hname, aliases, roles) in rows.items():
            surfaces = {folded(hname), *map(folded, aliases)}
            countries = {r.country for r in roles}
            match = self.entities.get(f"person:{hid}")
            if match is None or match.kind != "person":
                match = next(iter(by_surface.get(folded(hname), ())), None)
            if match is None:
                match = next((by_name[s] for s in surfaces if s in by_name), None)
            if match is None:
                match = next(
                    (
                        e
                        for s in sorted(surfaces)
                        if " " in s
                        for e in by_surface.get(s, ())
                        if countries & {ro.country for ro in e.roles}
                    ),
                    None,
                )
            if match is not None:
                if countries & {ro.country for ro in match.roles}:  # the same person, not a namesake
                    later_names.setdefault(match.id, []).extend([hname, *aliases])
                    first = match.roles[0].start if match.roles else None  # roles are sorted
                    if first is not None:
                        cut = first - dt.timedelta(days=1)
                        earlier.setdefault(match.id, []).extend(
                            replace(ro, end=cut if ro.end is None or ro.end > cut else ro.end)
                            for ro in roles
                            if ro.start is None or ro.start <= cut
                        )
                continue
            roles.sort(key=lambda ro: ro.start or dt.date.min)
            ent = Entity(id=f"person:{hid}", kind="person", name=hname, roles=tuple(roles))
            self.entities[ent.id] = ent
            add(hname, Surface(ent, "name"))
            for alias in aliases:
                add(alias, Surface(ent, "alias"))
            for form in {v for t in (hname, *aliases) for v in particle_variants(t)}:
                add(form, Surface(ent, "alias"))

        # people.tsv persons with earlier roles: new entities, and their surfaces re-pointed.
        new: dict[str, Entity] = {}
        for eid, extra in earlier.items():
            old = self.entities[eid]
            roles = sorted([*extra, *old.roles], key=lambda ro: ro.start or dt.date.min)
            new[eid] = self.entities[eid] = replace(old, roles=tuple(roles))
        if new:
            for table in (self.surfaces, self.exact_surfaces):
                for found in table.values():
                    for i, s in enumerate(found):
                        if s.entity.id in new:
                            found[i] = Surface(new[s.entity.id], s.how, s.sector)
        for eid, names in later_names.items():
            for text_ in names:
                add(text_, Surface(self.entities[eid], "alias"))

    def _load_agents(self, text: str) -> None:
        for _n, r in self._rows("agents.tsv", text, ["term", "sector", "title", "rank"]):
            agent = Agent(
                r["term"].lower(), r["sector"], r["title"].lower() in ("yes", "y", "true"), r["rank"]
            )
            self.agents[fold(agent.term)] = agent

    # --- queries --------------------------------------------------------------------------------
    def lookup(self, text: str) -> list[Surface]:
        """Every meaning of a written form: exact (case-sensitive) first, then folded."""
        return [*self.exact_surfaces.get(text, ()), *self.surfaces.get(fold(text), ())]

    def all_surfaces(self) -> Iterable[tuple[str, bool]]:
        """(text, case_sensitive) for every written form, for building matchers: each folded
        form, and the forms as written in the data where they differ from it."""
        for t in self.exact_surfaces:
            yield t, True
        for t in self.surfaces:
            yield t, False
            for w in sorted(self.written.get(t, ())):
                yield w, False

    def state(self, code: str) -> Entity | None:
        return self.entities.get(f"state:{code}")

    def known_word(self, word: str) -> bool:
        """Is the folded word a word of some name, alias, adjective or capital the KB knows?"""
        if self._words is None:
            self._build_variant_index()
        assert self._words is not None
        return word in self._words

    def spelling_variants(self, word: str) -> list[str]:
        """The known words (of NAME_VARIANT_MIN letters or more) that a folded word the KB does
        not know is one edit away from, with the same first letter ("ethopia" -> "ethiopia",
        "mitterand" -> "mitterrand"; slips rarely hit the first letter). Looked up in a deletion
        index: a word and a known word one edit apart share the word itself or a one-letter
        deletion of it."""
        if self._variant_index is None:
            self._build_variant_index()
        index = self._variant_index
        assert index is not None
        if len(word) < NAME_VARIANT_MIN or self.known_word(word):
            return []
        return sorted(
            {
                k
                for key in (word, *deletions(word))
                for k in index.get(key, ())
                if k[0] == word[0] and one_edit(word, k)
            }
        )

    def _build_variant_index(self) -> None:
        words: set[str] = set()
        for key in self.surfaces:
            words.update(w for w in key.replace("-", " ").split() if w)
        index: dict[str, list[str]] = {}
        for w in words:
            if len(w) >= NAME_VARIANT_MIN and w.isalpha():
                for key in (w, *deletions(w)):
                    index.setdefault(key, []).append(w)
        self._words = frozenset(words)
        self._variant_index = index

    def people_surnamed(self, surname: str) -> list[Entity]:
        """Persons whose name or an alias of two words or more ends in `surname` (folded):
        "President Bush", "Prime Minister Sharif" name a known person by title and surname."""
        index = self._surnames
        if index is None:
            index = {}
            for ent in self.entities.values():
                if ent.kind != "person":
                    continue
                words = fold(ent.name).split()
                if len(words) > 1:
                    index.setdefault(words[-1], []).append(ent)
            for table, folded in ((self.surfaces, True), (self.exact_surfaces, False)):
                for s_text, found in table.items():
                    if " " not in s_text:
                        continue
                    people = [x.entity for x in found if x.entity.kind == "person"]
                    if not people:
                        continue
                    last = (s_text if folded else fold(s_text)).split()[-1]
                    bucket = index.setdefault(last, [])
                    for ent in people:
                        if all(e.id != ent.id for e in bucket):
                            bucket.append(ent)
            self._surnames = index
        return index.get(fold(surname), [])


@cache
def default_kb() -> KnowledgeBase:
    return KnowledgeBase.from_dir()
