"""Build src/detente/actors/data/people_history.tsv from PETRARCH's Phoenix.Countries.actors.txt.

Run by a developer who has the reference dictionary beside the project (it is never copied in):

    .venv/bin/python tools/build_people_history.py ../shared/data/petrarch/Phoenix.Countries.actors.txt

Options: --out PATH (default: the package file), --words PATH (an English word list with proper
nouns capitalised, default /usr/share/dict/words from Debian's `wamerican`), --report (print
what was dropped and why).

The source is a TABARI/PETRARCH actor dictionary (MIT licence, (c) 2014 Open Event Data
Alliance), generated in 2014 from CountryInfo.txt and edited by hand until 2015. It lists
countries, cities, institutions and people, each entry a primary phrase, "+" synonyms and
tab-indented role codes with date restrictions. This tool keeps FACTS about PEOPLE only: their
names and spelling variants and their dated CAMEO roles, rewritten in Detente's people.tsv
format (docs/data-formats.md). The conversion rules are written out in the header of the
generated file (see `header()`); the main ones:

- Grammar, as PETRARCH's reader (PETRreader.read_actor_dictionary) reads it: "#" starts a
  comment; a line that is not indented and does not start with "+" is a primary phrase,
  optionally followed by "[CODE]" defaults; "+" lines are synonyms of the primary phrase;
  indented "[CODE restriction]" lines are its roles. Underscores are spaces; a trailing "_"
  (TABARI: match the whole word, not as a stem) is dropped, since Detente always matches
  whole words.
- Restrictions: "date-date" (both ends included), ">date" (from date, open end), "<date" (up
  to date, open start), and a bare "[CODE]" meaning "otherwise". A lone date with no sign is
  read as ">date", which is how PETRARCH evaluates it.
- Dates are YYYYMMDD or YYMMDD. Two-digit years 00-30 are 2000-2030 and 31-99 are 1931-1999:
  the KEDS/TABARI/PETRARCH convention, and the only reading the data allows (two-digit years
  in the file are 00-14 and 31-99; every year from 1876 to 1930 is written with four digits).
  The tool stops if a two-digit year from 15 to 30 ever appears.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "detente" / "actors" / "data"
OUT = DATA / "people_history.tsv"
WORDS = Path("/usr/share/dict/words")
HEADER = ["id", "name", "aliases", "country", "sector", "title", "start", "end"]

PIVOT = 30  # YY <= 30 -> 20YY, otherwise 19YY (KEDS/TABARI/PETRARCH)
UNSEEN_YY = range(15, 31)  # two-digit years the data never uses: one of them would be ambiguous

# CAMEO country codes that differ from ISO 3166-1 alpha-3 (as countries.tsv uses it).
CAMEO_TO_ISO = {
    "KSV": "XKX",  # Kosovo: CAMEO KSV, user-assigned XKX
    "USR": "SUN",  # Soviet Union: CAMEO USR, former ISO SUN
    "TMP": "TLS",  # East Timor: CAMEO TMP (the pre-2002 ISO code), ISO TLS
    "ROM": "ROU",  # Romania: CAMEO ROM, ISO ROU
    "ZAR": "COD",  # Zaire: CAMEO ZAR, ISO COD
}
# Codes that name no state of countries.tsv: dependent territories (ISO codes, or CAMEO
# sub-codes after the sovereign's code, as in GBRVGBGOV), and Kinakuta, TABARI's fictional
# test country. Their roles are dropped.
NOT_STATES = {
    "AIA": "Anguilla",
    "ABW": "Aruba",
    "BMU": "Bermuda",
    "CYM": "Cayman Islands",
    "COK": "Cook Islands",
    "HKG": "Hong Kong",
    "KNT": "Kinakuta (fictional)",
}
# CAMEO agent codes that Detente does not use: dropped from a compound sector (GOVDEV -> GOV).
UNUSED_AGENT_CODES = {"DEV": "development", "MUS": "Muslim (religion codes are not used)"}

# Name particles: kept inside names, lower-cased when not first, never a name on their own.
PARTICLES = {
    "al", "el", "bin", "bint", "ibn", "ben", "abu", "ould", "ul", "ud", "de", "del", "della", "der",
    "den", "di", "da", "das", "do", "dos", "du", "la", "le", "van", "von", "y", "e", "zu", "ter", "af",
}  # fmt: skip
LOWER_PARTICLES = PARTICLES - {"abu", "ben"}
SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
# Regnal numbers written in capitals ("xi" is left out: Li Xi).
ROMAN = {"ii", "iii", "iv", "vi", "vii", "viii", "ix", "xii", "xiii", "xiv", "xv", "xvi"}
# ("in", "on", "an", "to" are syllables of Khmer, Chinese and Vietnamese names: In Tam, Sok An, To Lam.)
FUNCTION_WORDS = {"of", "the", "and", "for", "from", "with"}
# Words that make a phrase an institution, a group, a place or a collective, not a person.
INSTITUTION_WORDS = {
    "government", "regime", "administration", "forces", "force", "army", "party", "ministry",
    "council", "committee", "assembly", "parliament", "congress", "senate", "court", "front",
    "movement", "brigade", "brigades", "battalion", "organization", "organisation", "union",
    "republic", "kingdom", "state", "states", "national", "liberation", "islamic", "democratic",
    "coalition", "alliance", "group", "agency", "service", "services", "department", "office",
    "bureau", "university", "institute", "commission", "authority", "federation", "corps",
    "guard", "guards", "police", "security", "intelligence", "military", "navy", "peoples",
    "people's", "supreme", "cabinet", "palace", "declaration", "observatory", "rights",
    "loyalists", "supporters", "family", "clan", "tribe", "dynasty", "foundation", "network",
    "junta", "association", "society", "league", "company", "corporation", "bank", "radio",
    "television", "news", "province", "region", "city", "district", "revolutionary",
    "communist", "socialist", "politburo", "presidency", "ministers", "forces'", "militia",
    "rebels", "troops", "team", "center", "centre", "program", "programme", "project", "house",
    "yard", "reserve", "tank", "rifles", "riot", "sabha", "us", "u.s.",
    # Arabic words of group names (Jaish al-Muhajireen, Jabhat al-Nusra, Ahrar al-Sham ...)
    "jaish", "jaysh", "jabhat", "jabha", "ahrar", "ghuraba", "liwa", "liwaa", "katibat", "kataeb",
    "harakat", "hizb", "majlis", "tanzim",
}  # fmt: skip
# Honorifics and ranks that are part of how a person is named in news (King Abdullah II,
# Sheikh Sabah al-Ahmad al-Sabah, Lord Strathclyde): both the form with it and without it
# are kept as names.
HONORIFICS = {
    ("king",), ("queen",), ("emperor",), ("emir",), ("amir",), ("sultan",), ("prince",),
    ("princess",), ("crown", "prince"), ("sheikh",), ("shaikh",), ("sheik",), ("mullah",),
    ("imam",), ("ayatollah",), ("grand", "ayatollah"), ("hojatoleslam",), ("hojatolislam",),
    ("mufti",), ("grand", "mufti"), ("pope",), ("patriarch",), ("cardinal",), ("archbishop",),
    ("bishop",), ("rabbi",), ("lord",), ("lady",), ("baroness",), ("baron",), ("sir",),
    ("dame",), ("haji",), ("hajji",), ("mawlawi",), ("maulvi",), ("maulana",), ("sayyid",),
    ("sayyed",), ("seyed",), ("sayed",), ("dato'",), ("dato",), ("datuk",), ("datin",), ("tun",),
    ("dato'", "seri"), ("dato", "seri"), ("datuk", "seri"), ("tan", "sri"), ("tuanku",),
    ("samdech",), ("alhaji",), ("alhaj",),
}  # fmt: skip
# Titles and descriptions that stand before a name and are dropped (the resolver reads them
# from agents.tsv as title grammar). Added to the title terms of agents.tsv.
EXTRA_TITLES = {
    "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "gen", "gen.", "col", "col.", "lt", "lt.",
    "maj", "maj.", "capt", "capt.", "adm", "adm.", "sen", "sen.", "rep", "rep.", "gov", "gov.",
    "pres", "pres.", "amb", "amb.", "sec", "sec.", "chief", "leader", "director", "head",
    "official", "representative", "reformer", "chairman", "chairwoman", "chair", "presient",
}  # fmt: skip
# Words that may come before a title in such a description ("former Soviet leader ...").
EXTRA_FILLERS = {"former", "ex", "acting", "interim", "outgoing", "late", "then", "new", "the", "party",
                 "communist", "cia", "white", "house", "moscow", "us", "u.s.", "un", "u.n."}  # fmt: skip


def fold(text: str) -> str:
    """As detente.actors.kb.fold: lower-case, accent-free, quote-normalised."""
    text = text.replace("’", "'").replace("‘", "'")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


# --- Detente's own data --------------------------------------------------------------------------
def read_tsv(path: Path) -> list[dict[str, str]]:
    lines = [
        ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")
    ]
    head = lines[0].split("\t")
    rows = []
    for ln in lines[1:]:
        cells = ln.split("\t")
        cells += [""] * (len(head) - len(cells))
        rows.append({k: v.strip() for k, v in zip(head, cells, strict=True)})
    return rows


def split_cell(cell: str) -> list[str]:
    return [v.strip() for v in cell.split("|") if v.strip()]


@dataclass
class Vocab:
    """What the tool takes from Detente's data files and the word list."""

    states: set[str]
    sectors: set[str]  # three-letter agent codes used in agents.tsv
    titles: set[tuple[str, ...]]  # title phrases that are dropped before a name
    mid_titles: set[str]  # title words that are never part of a name (president, minister, leader)
    fillers: set[tuple[str, ...]]  # nationality words and places that may precede a title
    places: set[str]  # folded country, capital, organisation and group names: never a person
    common: set[str]  # lower-case English words
    curated: list[dict[str, str]]  # people.tsv rows


def load_vocab(data: Path, words: Path) -> Vocab:
    countries = read_tsv(data / "countries.tsv")
    agents = read_tsv(data / "agents.tsv")
    states = {r["code"] for r in countries}
    sectors = {r["sector"][i : i + 3] for r in agents for i in range(0, len(r["sector"]), 3)}
    honorific_words = {h for hs in HONORIFICS for h in hs}
    titles = {
        tuple(tokens(r["term"]))
        for r in agents
        if r["title"].lower() == "yes" and tuple(tokens(r["term"])) not in HONORIFICS
    }
    titles |= {(t,) for t in EXTRA_TITLES}
    titles -= {(h,) for h in honorific_words}
    # Title words that are never part of a personal name, wherever they stand.
    mid_titles = {t[0] for t in titles if len(t) == 1 and len(t[0]) > 4 and "." not in t[0]}
    mid_titles |= {"head", "chief"}
    fillers: set[tuple[str, ...]] = {(w,) for w in EXTRA_FILLERS}
    places: set[str] = set()
    for r in countries:
        for a in [r["name"], *split_cell(r["aliases"]), *split_cell(r["adjectives"])]:
            fillers.add(tuple(tokens(a)))
            places.add(fold(a))
        for a in split_cell(r["capitals"]):
            fillers.add(tuple(tokens(a)))
            places.add(fold(a))
    for r in read_tsv(data / "organizations.tsv"):
        places |= {fold(a) for a in [r["name"], *split_cell(r["aliases"])]}
    for r in read_tsv(data / "groups.tsv"):
        places |= {fold(a) for a in [r["name"], *split_cell(r["aliases"])] if a}
    if not words.exists():
        sys.exit(
            f"{words}: no English word list. Install Debian's `wamerican` (apt-get install wamerican)"
            " or pass --words FILE (one word a line, proper nouns capitalised)."
        )
    common = {w for w in words.read_text(encoding="utf-8", errors="replace").split() if w.islower()}
    return Vocab(states, sectors, titles, mid_titles, fillers, places, common, read_tsv(data / "people.tsv"))


# --- reading the source --------------------------------------------------------------------------
@dataclass
class RawRole:
    code: str
    start: dt.date | None
    end: dt.date | None
    default: bool  # a bare [CODE]: "otherwise"
    line: int


@dataclass
class Entry:
    line: int
    names: list[str]  # primary phrase first, then synonyms (raw source text)
    roles: list[RawRole] = field(default_factory=list)
    countryinfo: bool = False  # generated from CountryInfo.txt's leader lists


class Problems:
    """Counts of what was dropped or changed, with a few examples each, for the header and --report."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.examples: dict[str, list[str]] = defaultdict(list)

    def add(self, what: str, example: str = "", n: int = 1) -> None:
        self.counts[what] += n
        if example and len(self.examples[what]) < 12:
            self.examples[what].append(example)


def parse_date(text: str) -> dt.date:
    if len(text) == 6:
        yy = int(text[:2])
        if yy in UNSEEN_YY:
            raise SystemExit(f"two-digit year {text!r}: 19{yy} or 20{yy}? Revisit the pivot ({PIVOT}).")
        year = 2000 + yy if yy <= PIVOT else 1900 + yy
        return dt.date(year, int(text[2:4]), int(text[4:6]))
    if len(text) == 8:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    raise ValueError(f"{text!r} is neither YYMMDD nor YYYYMMDD")


def parse_role(body: str, line: int) -> RawRole:
    """'AFGGOV 331108-730717', 'AFGGOV >011222', 'RUSGOV < 911225', 'AFGELI' -> RawRole."""
    parts = body.split()
    if not parts:
        raise ValueError("empty role")
    code, restriction = parts[0], "".join(parts[1:])
    if not restriction:
        return RawRole(code, None, None, True, line)
    if not re.fullmatch(r"[<>]?\d+(-\d+)?", restriction):
        raise ValueError(f"restriction {restriction!r}")
    if restriction[0] == "<":
        return RawRole(code, None, parse_date(restriction[1:]), False, line)
    if restriction[0] == ">":
        return RawRole(code, parse_date(restriction[1:]), None, False, line)
    if "-" in restriction:
        a, b = restriction.split("-")
        return RawRole(code, parse_date(a), parse_date(b), False, line)
    return RawRole(code, parse_date(restriction), None, False, line)  # lone date: PETRARCH reads ">"


def read_source(path: Path, problems: Problems) -> tuple[list[Entry], dt.date]:
    """The entries of the actor file, in order, and the latest date it mentions."""
    text = path.read_bytes().decode("utf-8", errors="replace")
    entries: list[Entry] = []
    latest = dt.date.min
    for n, raw in enumerate(text.splitlines(), 1):
        body, _, comment = raw.partition("#")
        if not body.strip():
            continue
        stripped = body.strip()
        roles_here = re.findall(r"\[([^\]]*)\]", stripped)
        name = re.sub(r"\[.*", "", stripped).strip()
        if body[0] in " \t" and stripped.startswith("["):
            if not entries:
                continue
            target = entries[-1]
        elif stripped.startswith("+"):
            if entries:
                entries[-1].names.append(name[1:])
            continue
        else:
            target = Entry(n, [name], countryinfo="CountryInfo" in comment)
            entries.append(target)
        for body_ in roles_here:
            try:
                role = parse_role(body_, n)
            except ValueError as exc:
                problems.add("role with a malformed date restriction (dropped)", f"line {n}: [{body_}] {exc}")
                continue
            target.roles.append(role)
            for d in (role.start, role.end):
                if d and d > latest:
                    latest = d
    return entries, latest


# --- names -----------------------------------------------------------------------------------------
def tokens(text: str) -> list[str]:
    """Lower-case word tokens of a source phrase: underscores and spaces separate words."""
    out = []
    for t in re.split(r"[_\s]+", fold(text).replace("`", "'").strip(" _")):
        if re.fullmatch(r"(?:[a-z]\.){2,}", t):
            out += re.findall(r"[a-z]\.", t)  # D.L. -> d. l.
        elif t:
            out.append(t)
    return out


def _phrase_at(toks: list[str], i: int, phrases: set[tuple[str, ...]]) -> int:
    for n in range(min(6, len(toks) - i), 0, -1):
        if tuple(toks[i : i + n]) in phrases:
            return n
    return 0


def name_forms(text: str, vocab: Vocab) -> list[list[str]]:
    """The personal-name forms of a source phrase, as token lists: leading titles and the
    descriptions before them dropped ("RUSSIAN_FOREIGN_MINISTER_SERGEY_LAVROV" -> sergey lavrov);
    an honorific that is part of how the person is named gives two forms (king abdullah ii,
    abdullah ii). Empty when nothing is left."""
    toks: list[str] = []
    for t in tokens(text):
        if t.startswith("ex-") and len(t) > 3:  # ex-soviet
            toks += ["ex", t[3:]]
        else:
            toks.append(t)
    # Longest prefix made of fillers and titles that ends with a title.
    i, cut = 0, 0
    while i < len(toks):
        n = _phrase_at(toks, i, vocab.titles)
        if n:
            i += n
            cut = i
            continue
        n = _phrase_at(toks, i, vocab.fillers)
        if n:
            i += n
            continue
        break
    toks = toks[cut:]
    # A description with a title inside it: "HOUSE_MINORITY_LEADER_NEWT_GINGRICH".
    inside = [i for i, t in enumerate(toks) if t in vocab.mid_titles]
    if inside and len(toks) - inside[-1] - 1 >= 2:
        toks = toks[inside[-1] + 1 :]
    forms = [toks]
    n = _phrase_at(toks, 0, HONORIFICS)
    if n and len(toks) - n >= 2 and toks[n] not in PARTICLES:
        forms.append(toks[n:])
    return [f for f in forms if f]


def phrases(text: str) -> list[str]:
    """The phrases a source name stands for: a bracketed remark dropped ("STANKO_TODOROV
    (ACTING_"), each comma-separated part ("JOHN_ROLAND_ROBINSON, BARON_MARTONMERE_"), and a
    quoted nickname after the first name read both ways ("TZIPORA_"TZIPI"_LIVNI_": Tzipora Livni,
    Tzipi Livni). None when the source text has a broken character."""
    if "\ufffd" in text or "\x1a" in text:
        return []
    text = re.sub(r"\([^)]*\)?", " ", text)
    parts: list[str] = []
    for part in text.split(","):
        if parts and re.fullmatch(r"[_\s]*(jr|sr|ii|iii|iv)\.?[_\s]*", part, re.I):
            parts[-1] += " " + part  # "MARTIN_LUTHER_KING, JR."
        else:
            parts.append(part)
    out = []
    for part in parts:
        words = [w for w in re.split(r"[_\s]+", part.strip(" _")) if w]
        quoted = [k for k, w in enumerate(words) if re.fullmatch(r'"[^"]+"', w)]
        plain = [w for w in words if not re.fullmatch(r'"[^"]+"', w)]
        if plain:
            out.append(" ".join(plain))
        if quoted == [1] and len(words) > 2:
            out.append(" ".join([words[1].strip('"'), *words[2:]]))
    return out


def reject_reason(toks: list[str], vocab: Vocab) -> str | None:
    """Why a token list is not a personal name, or None if it is one."""
    if not toks or len(toks) > 12:
        return "length"
    text = " ".join(toks)
    for t in toks:
        word = re.fullmatch(r"'?[a-z](?:[a-z'.\-]*[a-z.'])?", t)
        if not word or (t.count(".") > 1 and not re.fullmatch(r"(?:[a-z]\.)+", t)):
            return f"not a word: {t!r}"
        if t in INSTITUTION_WORDS or t in FUNCTION_WORDS:
            return f"institution or function word: {t!r}"
        if t in vocab.mid_titles:
            return f"a title word: {t!r}"
    if (toks[0],) in vocab.titles or _phrase_at(toks, 0, vocab.titles):
        return "starts with a title"
    if not real_words(toks) or all(t in SUFFIXES for t in real_words(toks)):
        return "only particles or initials"
    if text in vocab.places:
        return "a country, capital, organisation or group name"
    return None


def display(toks: list[str], original: str) -> str:
    """Written form of a name: capitalised words, lower-case particles inside it (Bashar al-Assad,
    Staffan de Mistura), Roman numerals in capitals, and the source's accents where it had them."""
    src = {fold(w): w for w in re.split(r"[_\s]+", original.strip(" _")) if w}
    out = []
    for k, t in enumerate(toks):
        if k > 0 and t in ROMAN:
            out.append(t.upper())
            continue
        if re.fullmatch(r"(?:[a-z]\.)+", t):
            out.append(t.upper())  # initials: D.L.
            continue
        pieces = re.split(r"([\-'])", t)
        word = ""
        for j, piece in enumerate(pieces):
            if piece in ("-", "'", ""):
                word += piece
            elif (k > 0 or j > 0) and piece in LOWER_PARTICLES and (j + 1 < len(pieces) or len(pieces) == 1):
                word += piece  # al-Assad, bin Laden, de Mistura
            elif j > 1 and pieces[j - 1] == "'" and len(pieces[j - 2]) > 1:
                word += piece  # Sa'id, Ma'ruf: no capital after an apostrophe inside a word
            elif piece.startswith("mc") and len(piece) > 2:
                word += "Mc" + piece[2:].capitalize()
            else:
                word += piece.capitalize()
        s = src.get(t)
        if s is not None and not s.isascii() and len(s) == len(word):
            word = "".join(a.upper() if b.isupper() else a.lower() for a, b in zip(s, word, strict=True))
        out.append(word)
    return " ".join(out)


# --- roles -------------------------------------------------------------------------------------------
@dataclass
class Role:
    country: str
    sector: str
    start: dt.date | None
    end: dt.date | None

    def lo(self) -> dt.date:
        return self.start or dt.date.min

    def hi(self) -> dt.date:
        return self.end or dt.date.max


def map_code(code: str, vocab: Vocab, problems: Problems, where: str) -> tuple[str, str] | None:
    """A CAMEO role code -> (ISO country, Detente sector), or None with the reason counted."""
    if code.startswith(("IGO", "IMG", "NGO", "MNC")):
        problems.add(
            "role of an international organisation or transnational group (dropped)", f"{where}: {code}"
        )
        return None
    cameo, rest = code[:3], code[3:]
    if cameo in NOT_STATES:
        problems.add(f"role in {cameo} {NOT_STATES[cameo]}, not a state of countries.tsv (dropped)", where)
        return None
    country = CAMEO_TO_ISO.get(cameo, cameo)
    if country not in vocab.states:
        problems.add("role with an unknown country code (dropped)", f"{where}: {code}")
        return None
    if country != cameo:
        problems.add(f"country code {cameo} -> {country}")
    chunks = [rest[i : i + 3] for i in range(0, len(rest), 3)]
    if not chunks or len(rest) % 3 or chunks[0] not in vocab.sectors:
        problems.add(
            "role whose code has no person sector (territory sub-code or state code; dropped)",
            f"{where}: {code}",
        )
        return None
    kept = []
    for c in chunks:
        if c in vocab.sectors:
            kept.append(c)
        else:
            problems.add(
                f"agent code {c} ({UNUSED_AGENT_CODES.get(c, 'not used by Detente')}) removed from a sector",
                f"{where}: {code}",
            )
    return country, "".join(kept)


def union(roles: list[Role]) -> list[Role]:
    """Merge overlapping or adjacent roles with the same country and sector."""
    out: list[Role] = []
    by_key: dict[tuple[str, str], list[Role]] = defaultdict(list)
    for r in roles:
        by_key[(r.country, r.sector)].append(r)
    for (country, sector), rs in by_key.items():
        rs.sort(key=Role.lo)
        cur = Role(country, sector, rs[0].start, rs[0].end)
        for r in rs[1:]:
            if cur.end is None or r.lo() <= cur.hi() + dt.timedelta(days=1):
                if cur.end is not None and (r.end is None or r.end > cur.end):
                    cur.end = r.end
            else:
                out.append(cur)
                cur = Role(country, sector, r.start, r.end)
        out.append(cur)
    return out


def minus(role: Role, others: list[Role]) -> list[Role]:
    """The parts of `role` that no role in `others` covers."""
    parts = [(role.lo(), role.hi())]
    for o in others:
        nxt = []
        for lo, hi in parts:
            if o.hi() < lo or o.lo() > hi:
                nxt.append((lo, hi))
                continue
            if o.lo() > lo:
                nxt.append((lo, o.lo() - dt.timedelta(days=1)))
            if o.hi() < hi:
                nxt.append((o.hi() + dt.timedelta(days=1), hi))
        parts = nxt
    return [
        Role(role.country, role.sector, None if lo == dt.date.min else lo, None if hi == dt.date.max else hi)
        for lo, hi in parts
    ]


def moves(roles: list[Role], raw: list[tuple[RawRole, str]], problems: Problems) -> list[Role]:
    """Roles of one sector in two countries that overlap. An office: a person who moved (First Vice
    President of Sudan, then President of South Sudan) holds the later-starting one from its first
    day and the earlier one ends the day before; starting the same day (a monarch of several
    realms), the person's home country (where the source lists most of their roles) is kept.
    ELI: the home country's is kept and the other cut around it."""
    home = Counter(CAMEO_TO_ISO.get(r.code[:3], r.code[:3]) for r, _ in raw).most_common()
    rank = {c: k for k, (c, _) in enumerate(home)}

    def key(r: Role) -> tuple[int, str]:
        return rank.get(r.country, 99), r.country

    out = sorted(roles, key=lambda r: (r.lo(), key(r)))
    changed = True
    while changed:
        changed = False
        for a in out:
            for b in out:
                if a is b or a.sector != b.sector or a.country == b.country:
                    continue
                if b.lo() > a.hi() or a.lo() > b.hi():
                    continue
                if a.sector != "ELI" and a.lo() != b.lo():
                    first, later = (a, b) if a.lo() < b.lo() else (b, a)
                    first.end = later.lo() - dt.timedelta(days=1)
                    problems.add("role ended when the person took the same office in another country")
                else:
                    winner, loser = (a, b) if key(a) < key(b) else (b, a)
                    out.remove(loser)
                    out += minus(loser, [winner])
                    problems.add("role in a second country overlapping the home one (cut)")
                changed = True
                break
            if changed:
                break
    return out


def person_roles(
    raw: list[tuple[RawRole, str]], vocab: Vocab, as_of: dt.date, problems: Problems
) -> list[Role]:
    """A person's roles from the raw roles of its entries: mapped, merged, ELI trimmed, closed."""
    dated: list[Role] = []
    defaults: list[Role] = []
    for r, where in raw:
        mapped = map_code(r.code, vocab, problems, where)
        if mapped is None:
            continue
        country, sector = mapped
        if r.default:
            defaults.append(Role(country, sector, None, None))
            continue
        if r.start and r.end and r.start > r.end:
            problems.add("role that ends before it starts (dropped)", f"{where}: {r.code} {r.start}..{r.end}")
            continue
        end = r.end if r.end is not None or r.start is None else max(as_of, r.start)
        if r.end is None and r.start is not None:
            problems.add(f"open-ended role closed at the source's last date, {as_of}")
        dated.append(Role(country, sector, r.start, end))
    dated = moves(union(dated), raw, problems)
    if defaults:
        if dated:
            problems.add(
                "default [CODE] role dropped: the person has dated roles it would overlap", n=len(defaults)
            )
        else:
            if len(defaults) > 1:
                problems.add(
                    "second default [CODE] role of a person with no dated role (dropped)", n=len(defaults) - 1
                )
            dated = [defaults[0]]
    # ELI means "no office": where a dated office covers the same days, the office wins.
    offices = [r for r in dated if r.sector != "ELI"]
    out = list(offices)
    for r in dated:
        if r.sector == "ELI":
            parts = minus(r, offices)
            if parts != [r]:
                problems.add("ELI role trimmed where the person held an office")
            out += parts
    out.sort(key=lambda r: (r.lo(), r.hi(), r.country, r.sector))
    return out


# --- people ------------------------------------------------------------------------------------------
@dataclass
class Person:
    entries: list[Entry]
    forms: list[tuple[list[str], str]]  # (tokens, source text) in order of preference
    roles: list[Role] = field(default_factory=list)
    name: str = ""
    aliases: list[str] = field(default_factory=list)
    id: str = ""

    @property
    def countries(self) -> set[str]:
        return {r.country for r in self.roles}


def attach_codeless(entries: list[Entry], problems: Problems) -> list[Entry]:
    """Primary phrases with no code right before an entry that shares their last word are that
    entry's synonyms in the older TABARI layout (LEONID_BREZHNEV_ ... COMMUNIST_LEADER_LEONID_BREZHNEV
    [codes]); other code-less entries name nothing PETRARCH could code, and are dropped."""
    out: list[Entry] = []
    pending: list[Entry] = []
    for e in entries:
        if not e.roles:
            pending.append(e)
            continue
        if pending:
            words = {t for n in e.names for t in tokens(n)}
            run = [p for p in pending if tokens(p.names[0]) and tokens(p.names[0])[-1] in words]
            for p in pending:
                if p not in run:
                    problems.add("entry with no code (dropped)", p.names[0])
            if run:
                e = Entry(
                    run[0].line,
                    [n for p in run for n in p.names] + e.names,
                    e.roles,
                    e.countryinfo or any(p.countryinfo for p in run),
                )
                problems.add("code-less primary phrases read as synonyms of the next entry", n=len(run))
            pending = []
        out.append(e)
    for p in pending:
        problems.add("entry with no code (dropped)", p.names[0])
    return out


def real_words(toks: list[str]) -> list[str]:
    """The words of a name that are not particles, initials or honorifics."""
    honorific = {h for hs in HONORIFICS for h in hs}
    return [t for t in toks if t not in PARTICLES and t not in honorific and not re.fullmatch(r"[a-z]\.", t)]


def is_glued(toks: list[str], roles: list[RawRole]) -> bool:
    """A one-word name from the 2003+ cabinet lists of CountryInfo is nearly always a first name
    or its initials glued to the surname (PATPARRIS = Pat Parris, BHORTEFEUX = Brice Hortefeux)."""
    starts = [r.start for r in roles if r.start]
    return len(toks) == 1 and bool(starts) and min(starts) >= dt.date(2003, 1, 1)


def build(entries: list[Entry], vocab: Vocab, as_of: dt.date, problems: Problems) -> list[Person]:
    entries = attach_codeless(entries, problems)
    # 1. Which entries are people, and their name forms.
    candidates: list[Person] = []
    for e in entries:
        head_forms = [f for ph in phrases(e.names[0]) for f in name_forms(ph, vocab)]
        reasons = [reject_reason(f, vocab) for f in head_forms]
        head = [f for f, why in zip(head_forms, reasons, strict=True) if why is None]
        reason = None if head else (reasons[0] if reasons else "empty after titles or broken")
        if reason is None and len(head[0]) == 1 and not e.countryinfo:
            reason = "one word, outside CountryInfo's leader lists"  # MOSSAD, KNESSET, DGSE
        if reason is None and is_glued(head[0], e.roles):
            reason = "one word from the 2003+ cabinet lists (a glued first name and surname)"
        if reason is None and not any(
            len(r.code) > 3 and not r.code.startswith(("IGO", "IMG")) for r in e.roles
        ):
            reason = "no role with a sector"
        if reason is not None:
            kind = "not a person" if not e.countryinfo else "CountryInfo entry not usable as a person"
            problems.add(f"{kind}: {reason.split(':')[0]} (dropped)", f"line {e.line}: {e.names[0]}")
            continue
        forms: list[tuple[list[str], str]] = []
        seen: set[str] = set()
        for n in e.names:
            if not phrases(n):
                problems.add("variant with a broken character (dropped)", n)
            for f in [f for ph in phrases(n) for f in name_forms(ph, vocab)]:
                why = reject_reason(f, vocab)
                if why:
                    problems.add(f"variant that is not a personal name: {why.split(':')[0]} (dropped)", n)
                    continue
                if " ".join(f) not in seen:
                    seen.add(" ".join(f))
                    forms.append((f, n))
        if not forms:
            problems.add("person with no usable name (dropped)", e.names[0])
            continue
        candidates.append(Person([e], forms))
    # 2. Roles, per entry first (to know each entry's countries).
    for p in candidates:
        p.roles = person_roles([(r, f"line {r.line}") for r in p.entries[0].roles], vocab, as_of, Problems())
    for p in candidates:
        if not p.roles:
            problems.add(
                "person with no role in a state of countries.tsv (territories, organisations; dropped)",
                f"{p.entries[0].names[0]} {' '.join(r.code for r in p.entries[0].roles)}",
            )
    candidates = [p for p in candidates if p.roles]
    # 3. Entries that share a full name of two words or more (not counting particles, initials
    #    and honorifics: "King Abdullah" names two kings) are one person. In this source that
    #    joins the entries of a person under two countries (Salva Kiir in SDN and SSD) or listed
    #    twice; it joins no namesakes (checked by hand: there are none). A name of one real word
    #    (D. L. Berlijn, King Abdullah) joins entries only within a country.
    parent = list(range(len(candidates)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_name: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(candidates):
        for f, _ in p.forms:
            if len(f) > 1:
                by_name[" ".join(f)].append(i)
    for text, ids in by_name.items():
        for j in ids[1:]:
            if len(real_words(text.split())) > 1 or candidates[ids[0]].countries & candidates[j].countries:
                parent[find(j)] = find(ids[0])
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(candidates)):
        groups[find(i)].append(i)
    people: list[Person] = []
    for ids in groups.values():
        if len(ids) > 1:
            problems.add("entries of the same person merged (same full name)", n=len(ids) - 1)
        forms, seen = [], set()
        for i in ids:
            for f, src in candidates[i].forms:
                if " ".join(f) not in seen:
                    seen.add(" ".join(f))
                    forms.append((f, src))
        entries_ = [candidates[i].entries[0] for i in ids]
        raw = [(r, f"line {r.line}") for e in entries_ for r in e.roles]
        p = Person(entries_, forms)
        p.roles = person_roles(raw, vocab, as_of, problems)
        people.append(p)
    people.sort(key=lambda p: p.entries[0].line)
    return people


def curated_people(vocab: Vocab) -> list[tuple[str, str, set[str], set[str]]]:
    """(id, folded name, folded names and aliases, countries) of each people.tsv person."""
    out: dict[str, tuple[str, str, set[str], set[str]]] = {}
    for r in vocab.curated:
        if r["id"] not in out:
            name = fold(r["name"])
            out[r["id"]] = (r["id"], name, {name, *map(fold, split_cell(r["aliases"]))}, set())
        out[r["id"]][3].add(r["country"])
    return list(out.values())


def word_keys(token: str) -> set[str]:
    """A name word and its hyphenated parts that are not particles: al-assad -> al-assad, assad."""
    return {token} | {p for p in re.split(r"[\-']", token) if p and p not in PARTICLES}


def choose_names(people: list[Person], vocab: Vocab, problems: Problems) -> list[Person]:
    """Name, aliases and id of each person; ambiguous and risky aliases dropped. Ambiguity is
    judged over this file and people.tsv together, a person of both counting once."""
    curated = curated_people(vocab)

    def identity(p: Person) -> str:
        """The people.tsv id when the loader will take this person for a people.tsv person (the
        rule of KnowledgeBase._load_history: same id, or the name of one is a name or alias of the
        other, or they share a name of two words or more and a country)."""
        forms = {" ".join(f) for f, _ in p.forms}
        first = " ".join(p.forms[0][0])
        for cid, cname, surfaces, countries in curated:
            if (
                cid == slug(first)
                or first in surfaces
                or cname in forms
                or (p.countries & countries and any(" " in f for f in forms & surfaces))
            ):
                return "curated:" + cid
        return f"history:{p.entries[0].line}"

    ident = {id(p): identity(p) for p in people}
    full: dict[str, set[str]] = defaultdict(set)  # full name -> who has it
    first_words: set[str] = set()  # first words of names of two words or more
    owners: dict[str, set[str]] = defaultdict(set)  # a later word of a name -> who has it

    def note(f: list[str], who: str) -> None:
        full[" ".join(f)].add(who)
        if len(f) > 1:
            first_words.update(word_keys(f[0]))
        for t in f[1:] if len(f) > 1 else f:
            for key in word_keys(t):
                owners[key].add(who)

    for p in people:
        for f, _ in p.forms:
            note(f, ident[id(p)])
    for cid, _, surfaces, _ in curated:
        for s in surfaces:
            note(tokens(s), "curated:" + cid)

    kept: list[Person] = []
    for p in people:
        me = ident[id(p)]
        names: list[str] = []
        for f, src in p.forms:
            text = " ".join(f)
            if len(full[text]) > 1:
                problems.add("name shared by two people (dropped from both)", display(f, src))
                continue
            if len(f) == 1:
                keys = word_keys(f[0])
                why = None
                if len(re.sub(r"[^a-z]", "", f[0])) < 4:
                    why = "one word shorter than four letters"
                elif keys & first_words:
                    why = "a bare first name"
                elif keys & vocab.common:
                    why = "a common English word"
                elif any(owners[k] - {me} for k in keys):
                    why = "a surname of more than one person"
                if why:
                    problems.add(f"one-word alias dropped: {why}", display(f, src))
                    continue
            shown = display(f, src)
            if fold(shown) not in {fold(n) for n in names}:
                names.append(shown)
        # The name: the first of two words or more, preferring one without an honorific
        # (Elizabeth II, not Queen Elizabeth II).
        honorific = {" ".join(h) for h in HONORIFICS}
        multi = sorted(
            (n for n in names if " " in n),
            key=lambda n: any(fold(n).startswith(h + " ") for h in honorific),
        )
        if not multi and not names:
            problems.add("person left with no unambiguous name (dropped)", display(*p.forms[0]))
            continue
        p.name = (multi or names)[0]
        p.aliases = [n for n in names if n != p.name]
        kept.append(p)
    # ids: the name's slug; a country suffix (then a number) when two people share it.
    counts = Counter(slug(p.name) for p in kept)
    used: set[str] = set()
    for p in kept:
        base = slug(p.name)
        pid = base if counts[base] == 1 else f"{base}-{p.roles[-1].country.lower()}"
        k = 2
        while pid in used:
            pid = f"{base}-{k}"
            k += 1
        used.add(pid)
        p.id = pid
    return kept


# --- output ------------------------------------------------------------------------------------------
def primary_country(p: Person) -> str:
    offices = [r for r in p.roles if r.sector != "ELI"] or p.roles
    return Counter(r.country for r in offices).most_common(1)[0][0]


def header(
    source: Path,
    digest: str,
    as_of: dt.date,
    people: list[Person],
    rows: int,
    problems: Problems,
    today: dt.date,
) -> list[str]:
    mapped = sorted(k for k in problems.counts if k.startswith("country code "))
    dropped = sorted(
        ((k, v) for k, v in problems.counts.items() if "dropped" in k or "removed" in k),
        key=lambda kv: -kv[1],
    )
    lines = [
        "people_history.tsv - office holders and elites before 2015, with dated roles, converted",
        "from PETRARCH's actor dictionary. GENERATED by tools/build_people_history.py: do not edit by",
        "hand; fix the tool and re-run it, or correct a person in people.tsv.",
        "",
        "PRECEDENCE: people.tsv (hand-curated office holders 2014-2025) is authoritative. When a",
        "person's id or name is in both files, the knowledge base keeps the people.tsv person and takes",
        "from this file only roles that end before that person's first people.tsv role (and only",
        "when both share a country); a name or alias that another entity already has is never taken",
        "from this file. See KnowledgeBase._load_history in src/detente/actors/kb.py.",
        "",
        "Provenance",
        f"- Source: {source.name} (PETRARCH2 dictionaries; sha256 {digest[:16]}...), MIT licence,",
        "  Copyright (c) 2014 Open Event Data Alliance. Generated by the Computational Event Data System",
        "  project from CountryInfo.140130.txt (leaders, cabinets and elites by country), with later",
        "  hand edits to early 2015. Only facts were taken: people's names and spelling variants and",
        "  their dated CAMEO roles; no text of the file is reproduced.",
        f"- Built {today.isoformat()}. Licence of this file: Apache-2.0, as the rest of Detente.",
        f"- {len(people)} people, {rows} roles (one row per role; the first row of a person carries",
        "  name and aliases, as in people.tsv).",
        "",
        "HOW CURRENT: the source speaks for early 2014 (hand edits to early 2015). A role it gives",
        f'as still held (">date") is closed here at {as_of.isoformat()}, the latest date in the source:',
        "nothing here says who held an office later. Titles are empty (the source has none).",
        "",
        "Conversion",
        "- Format: TABARI/PETRARCH actor entries (primary phrase, '+' synonyms, indented",
        "  '[CODE restriction]' roles, '#' comments). Underscores are spaces; the trailing '_' (TABARI",
        "  whole-word match) is dropped, Detente always matches whole words. Code-less primary phrases",
        "  right before an entry sharing their last word are read as its synonyms (older layout).",
        "- Dates: YYYYMMDD or YYMMDD; two-digit years 00-30 are 20xx and 31-99 are 19xx (pivot 30, the",
        "  KEDS/TABARI/PETRARCH rule). The data fixes it: its two-digit years are 00-14 and 31-99 and",
        "  every year up to 1930 is written in full, so any pivot from 14 to 30 reads it the same.",
        "  'a-b' includes both days; '>a' starts at a; '<b' ends at b with no start; a lone date reads",
        "  as '>date' (as PETRARCH evaluates it); a bare '[CODE]' (otherwise) becomes a role with",
        "  no dates only for a person with no dated role, and is dropped otherwise.",
        "- Codes: the first three letters are the country, the rest the sector (GOV, ELI, MIL, OPP,",
        "  GOVBUS ...). CAMEO country codes that differ from ISO 3166-1 alpha-3: "
        + ", ".join(f"{k} -> {v}" for k, v in CAMEO_TO_ISO.items())
        + ";",
        "  applied here: "
        + ("; ".join(f"{k[13:]} ({problems.counts[k]} roles)" for k in mapped) or "none")
        + ".",
        "  Every country is a state of countries.tsv. Agent codes Detente does not use are removed",
        "  from compound sectors: DEV (development: GOVDEV -> GOV) and religion codes (MUS).",
        "- Roles of one person with the same country and sector are merged where they overlap or",
        "  touch; a dated ELI role (no office) is cut where the person held an office on those days.",
        "  Roles of different sectors may overlap (a minister who was also deputy prime minister).",
        "- People only: entries whose primary phrase is a personal name and that have a role with a",
        "  sector. Dropped: countries and their cities and provinces, institutions (AFGHAN NATIONAL",
        "  ARMY: a role code and no person), groups listed with their members as synonyms, one-word",
        "  phrases outside CountryInfo's leader lists, and one-word names of the 2003+ cabinet lists",
        "  (almost all a first name glued to the surname: PATPARRIS).",
        "- Names: titles and descriptions before a name are dropped (RUSSIAN_FOREIGN_MINISTER_LAVROV",
        "  -> Lavrov; the resolver reads titles from agents.tsv); honorifics that are part of a name",
        "  (King, Sheikh, Lord) give one form with and one without. Entries that share a full name",
        "  are one person (a name of one real word, as D. L. Berlijn or King Abdullah, only within a",
        "  country). Dropped: a name or alias shared by two people, and",
        "  one-word aliases that are shorter than four letters, a bare first name (the first word of",
        "  any name), a common English word (a lower-case word of the Debian wamerican list), or the",
        "  surname of more than one person here or in people.tsv. Other surnames are kept.",
        "- Dropped or changed, with counts:",
    ]
    lines += [f"  {v:6d}  {k}" for k, v in dropped]
    return ["# " + ln if ln else "#" for ln in lines]


def render(people: list[Person], head: list[str]) -> str:
    out = [*head, "\t".join(HEADER)]
    current = None
    for p in sorted(people, key=lambda p: (primary_country(p), p.entries[0].line)):
        c = primary_country(p)
        if c != current:
            out.append(f"# ---- {c} ----")
            current = c
        for k, r in enumerate(p.roles):
            first = k == 0
            out.append(
                "\t".join(
                    [
                        p.id,
                        p.name if first else "",
                        "|".join(p.aliases) if first else "",
                        r.country,
                        r.sector,
                        "",
                        r.start.isoformat() if r.start else "",
                        r.end.isoformat() if r.end else "",
                    ]
                )
            )
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("source", type=Path, help="Phoenix.Countries.actors.txt")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--words", type=Path, default=WORDS)
    ap.add_argument("--data", type=Path, default=DATA, help="Detente's actors/data folder")
    ap.add_argument("--date", help="build date to record (default: today)")
    ap.add_argument("--report", action="store_true", help="print what was dropped, with examples")
    args = ap.parse_args(argv)
    vocab = load_vocab(args.data, args.words)
    problems = Problems()
    entries, as_of = read_source(args.source, problems)
    people = build(entries, vocab, as_of, problems)
    people = choose_names(people, vocab, problems)
    rows = sum(len(p.roles) for p in people)
    digest = hashlib.sha256(args.source.read_bytes()).hexdigest()
    today = dt.date.fromisoformat(args.date) if args.date else dt.date.today()
    text = render(people, header(args.source, digest, as_of, people, rows, problems, today))
    args.out.write_text(text, encoding="utf-8")
    print(f"{args.out}: {len(people)} people, {rows} roles (source latest date {as_of})")
    if args.report:
        for k, v in sorted(problems.counts.items(), key=lambda kv: -kv[1]):
            print(f"{v:6d}  {k}")
            for ex in problems.examples.get(k, [])[:12]:
                print(f"          {ex}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
