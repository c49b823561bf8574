"""The event dictionary: verb patterns, event nouns, noun classes, operators, modality map.

All of it is package data (coding/data/*.tsv, each with a provenance header), loaded once
and checked on load: unknown CAMEO codes, unknown classes or malformed rows are errors that
name the file and line. Users may load their own files with `Lexicon.from_dir()`.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from detente.coding import tables
from detente.errors import DataFileError

OPERATOR_KINDS = {
    "intend",
    "threaten",
    "appeal",
    "demand",
    "reject",
    "negate",
    "claim",
    "report",
    "consider",
    "deny",
    "attempt",
    "aspect",
}
DEFAULT_OPERATOR_CODE = {
    "intend": "030",
    "threaten": "130",
    "appeal": "020",
    "demand": "100",
    "reject": "120",
}

# Agent nouns as what a copula says its subject is ("X is the largest donor"): see
# agent_nouns.tsv. The coder codes them and the pre-filter keeps their sentences.
AGENT_NOUNS = {
    r["noun"]: (r["verb"], r["code"]) for r in tables.read_table("detente.coding", "agent_nouns.tsv")
}


@dataclass(frozen=True, slots=True)
class ObjectSpec:
    """What an object must be: a lemma, a modifier+head pair, a class, any event noun, or anything."""

    kind: str  # lemma | class | event | any
    value: str = ""

    @property
    def weight(self) -> float:
        # An event noun names its event more precisely than a broad class ("carried out
        # airstrikes" is 195 from nouns.tsv, not 190 from @ATTACK); an exact lemma beats both.
        return {"lemma": 3.0, "class": 2.0, "event": 2.5, "any": 0.5}[self.kind]


@dataclass(frozen=True, slots=True)
class VerbPattern:
    lemma: str
    prep: str | None
    obj: ObjectSpec | None
    code: str  # CAMEO code, "=" (take the event noun's code) or "-" (not an event)
    roles: str  # "" | "swap" | "self" | "recipient"
    line: int
    note: str = ""

    @property
    def specificity(self) -> float:
        return (2.0 if self.prep else 0.0) + (self.obj.weight if self.obj else 0.0)

    @property
    def rule(self) -> str:
        parts = [self.lemma]
        if self.prep:
            parts.append(self.prep)
        if self.obj:
            parts.append(
                "@" + self.obj.value if self.obj.kind == "class" else self.obj.value or self.obj.kind
            )
        return f"verb:{' '.join(parts)}->{self.code} (verbs.tsv:{self.line})"


@dataclass(frozen=True, slots=True)
class NounEntry:
    noun: str  # lemma or lower-case form, possibly "modifier noun"
    code: str
    alone: bool
    line: int
    via: str = ""  # a nominalisation coded through its verb's pattern: the rule that gave the code

    @property
    def rule(self) -> str:
        if self.via:
            return self.via
        return f"noun:{self.noun}->{self.code} (nouns.tsv:{self.line})"


@dataclass(frozen=True, slots=True)
class Operator:
    lemma: str
    prep: str | None
    kind: str


@dataclass
class Lexicon:
    verbs: dict[str, list[VerbPattern]] = field(default_factory=dict)
    nouns: dict[str, list[NounEntry]] = field(default_factory=dict)  # keyed by head word
    classes: dict[str, frozenset[str]] = field(default_factory=dict)
    operators: dict[str, list[Operator]] = field(default_factory=dict)
    modality: dict[str, dict[str, str]] = field(default_factory=dict)  # prefix -> kind -> code
    nominals: dict[str, tuple[str, int]] = field(default_factory=dict)  # noun -> (verb lemma, line)

    # --- loading ---------------------------------------------------------------------------
    @classmethod
    def from_dir(cls, directory: str | Path | None = None) -> Lexicon:
        """Load the dictionary files from a directory (default: the packaged ones)."""
        if directory is None:
            root = resources.files("detente.coding").joinpath("data")
            read = lambda name: root.joinpath(name).read_text(encoding="utf-8")  # noqa: E731
        else:
            base = Path(directory)
            read = lambda name: (base / name).read_text(encoding="utf-8")  # noqa: E731
        lex = cls()
        lex._load_classes(read("classes.tsv"))
        lex._load_nouns(read("nouns.tsv"))
        lex._load_verbs(read("verbs.tsv"))
        lex._load_operators(read("operators.tsv"))
        lex._load_modality(read("modality.tsv"))
        try:
            nominals = read("nominals.tsv")
        except FileNotFoundError:  # a user's own dictionary directory may do without
            nominals = ""
        lex._load_nominals(nominals)
        return lex

    @staticmethod
    def _rows(text: str, name: str, columns: list[str]) -> list[tuple[int, dict[str, str]]]:
        out = []
        header_seen = False
        for lineno, raw in enumerate(text.splitlines(), 1):
            if not raw.strip() or raw.startswith("#"):
                continue
            cells = next(csv.reader([raw], delimiter="\t", quoting=csv.QUOTE_NONE))
            if not header_seen:
                if cells[: len(columns)] != columns:
                    raise DataFileError(name, lineno, f"header must start with {columns}, not {cells}")
                header_seen = True
                header = cells
                continue
            if len(cells) > len(header):
                raise DataFileError(name, lineno, f"{len(cells)} cells, the header has {len(header)}")
            row = dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=True))
            out.append((lineno, {k: v.strip() for k, v in row.items()}))
        return out

    def _check_code(self, code: str, name: str, lineno: int) -> None:
        if not tables.is_code(code):
            raise DataFileError(name, lineno, f"{code!r} is not a CAMEO code")

    def _load_classes(self, text: str) -> None:
        for lineno, r in self._rows(text, "classes.tsv", ["class", "members"]):
            members = frozenset(m.strip().lower() for m in r["members"].split("|") if m.strip())
            if not members:
                raise DataFileError("classes.tsv", lineno, f"class {r['class']} has no members")
            self.classes[r["class"]] = members

    def _load_nouns(self, text: str) -> None:
        for lineno, r in self._rows(text, "nouns.tsv", ["noun", "code", "alone"]):
            self._check_code(r["code"], "nouns.tsv", lineno)
            entry = NounEntry(r["noun"].lower(), r["code"], r["alone"] == "yes", lineno)
            self.nouns.setdefault(entry.noun.split()[-1], []).append(entry)
        for entries in self.nouns.values():  # "humanitarian aid" before "aid"
            entries.sort(key=lambda e: -len(e.noun.split()))

    def _parse_object(self, value: str, lineno: int) -> ObjectSpec | None:
        if not value:
            return None
        if value == "*":
            return ObjectSpec("any")
        if value == "@EVENT":
            return ObjectSpec("event")
        if value.startswith("@"):
            name = value[1:]
            if name not in self.classes:
                raise DataFileError("verbs.tsv", lineno, f"unknown class {value}")
            return ObjectSpec("class", name)
        return ObjectSpec("lemma", value.lower())

    def _load_verbs(self, text: str) -> None:
        for lineno, r in self._rows(text, "verbs.tsv", ["lemma", "prep", "object", "code", "roles"]):
            code = r["code"]
            if code not in ("=", "-"):
                self._check_code(code, "verbs.tsv", lineno)
            if r["roles"] not in ("", "swap", "self", "recipient"):
                raise DataFileError(
                    "verbs.tsv", lineno, f"roles must be empty, swap, self or recipient: {r['roles']!r}"
                )
            pat = VerbPattern(
                lemma=r["lemma"].lower(),
                prep=r["prep"].lower() or None,
                obj=self._parse_object(r["object"], lineno),
                code=code,
                roles=r["roles"],
                line=lineno,
                note=r.get("note", ""),
            )
            self.verbs.setdefault(pat.lemma, []).append(pat)

    def _load_operators(self, text: str) -> None:
        for lineno, r in self._rows(text, "operators.tsv", ["lemma", "prep", "kind"]):
            if r["kind"] not in OPERATOR_KINDS:
                raise DataFileError("operators.tsv", lineno, f"unknown operator kind {r['kind']!r}")
            op = Operator(r["lemma"].lower(), r["prep"].lower() or None, r["kind"])
            self.operators.setdefault(op.lemma, []).append(op)

    def _load_modality(self, text: str) -> None:
        kinds = ["intend", "threaten", "appeal", "demand", "reject"]
        for lineno, r in self._rows(text, "modality.tsv", ["prefix", *kinds]):
            entry = {}
            for k in kinds:
                if r[k] and r[k] != "-":
                    self._check_code(r[k], "modality.tsv", lineno)
                    entry[k] = r[k]
            self.modality[r["prefix"]] = entry

    def _load_nominals(self, text: str) -> None:
        if not text:
            return
        for lineno, r in self._rows(text, "nominals.tsv", ["noun", "verb"]):
            if r["verb"].lower() not in self.verbs:
                raise DataFileError("nominals.tsv", lineno, f"verb {r['verb']!r} has no row in verbs.tsv")
            self.nominals[r["noun"].lower()] = (r["verb"].lower(), lineno)

    # --- queries ------------------------------------------------------------------------------
    def in_class(self, name: str, words: tuple[str, ...]) -> bool:
        """Does a noun (given as its candidate spellings: lemma, lower form, "mod head") belong?"""
        members = self.classes[name]
        return any(w in members for w in words)

    def event_noun(self, head_forms: tuple[str, ...], modifiers: tuple[str, ...] = ()) -> NounEntry | None:
        """The event-noun entry for a head noun (given its lemma/lower forms) and its modifiers."""
        for form in head_forms:
            for entry in self.nouns.get(form, ()):
                words = entry.noun.split()
                if len(words) == 1 or all(w in modifiers for w in words[:-1]):
                    return entry
        return None

    def recode(self, code: str, kind: str) -> str:
        """The code of `code` once it is intended/threatened/asked for/demanded/refused."""
        for n in range(len(code), 1, -1):
            entry = self.modality.get(code[:n])
            if entry is not None:
                if kind in entry:
                    return entry[kind]
                break
        return DEFAULT_OPERATOR_CODE.get(kind, code)

    def operator(self, lemma: str, preps: set[str]) -> Operator | None:
        best = None
        for op in self.operators.get(lemma, ()):
            if op.prep is None and best is None:
                best = op
            elif op.prep is not None and op.prep in preps:
                return op
        return best


@cache
def default_lexicon() -> Lexicon:
    return Lexicon.from_dir()
