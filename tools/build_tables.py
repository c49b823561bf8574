"""Build Detente's CAMEO/PLOVER code tables from the published reference tables.

Run once by a developer who has the reference data checked out beside the project:

    .venv/bin/python tools/build_tables.py ../shared/data

It writes src/detente/coding/data/cameo.tsv and plover.tsv in Detente's own format,
with a provenance header. The reference files themselves are never part of the package.

What it does beyond copying facts:
- joins code names, GDELT and ICEWS quad classes, GDELT and ICEWS Goldstein values;
- maps every CAMEO code to a PLOVER 2.0 event type and mode using the CAMEO2PLOVER
  crosswalk (draft 0.8, 2021), with the fixes listed in FIXES and MODE_FIXES so every
  mode is one the PLOVER 2.0 manual defines;
- extends the crosswalk to CAMEO 02 (appeal), which it leaves out, by analogy with 10
  (demand): both are PLOVER REQUEST. CAMEO 01 (public statements) has no PLOVER type.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "detente" / "coding" / "data"

# ICEWS Goldstein values that differ from GDELT's (andybega/icews data-raw/cameo-codes.csv).
ICEWS_GOLDSTEIN = {"016": -5.0, "022": 3.4, "164": -6.5, "165": -7.0}

# Whole-code corrections to the 2021 crosswalk, to follow the PLOVER 2.0 manual.
FIXES = {
    "163": ("SANCTION", "discontinue"),  # 2.0: international economic sanctions are SANCTION
    "116": ("SANCTION", "convict"),  # 2.0: a court finding guilty is SANCTION convict
    "0874": ("RETREAT", "withdraw"),  # retreat militarily is withdrawal, not disarmament
    "08": ("CONCEDE", ""),  # the crosswalk lists root 08 twice; 080 is CONCEDE
    # 2.0 defines "RETREAT resign: an official resigns"; the 2021 table left 0831 (accede to
    # demands for a change in leadership, i.e. step down) under CONCEDE with the rest of 083.
    "0831": ("RETREAT", "resign"),
    # Easing a curfew or a state of emergency is easing an administrative sanction (081,
    # CONCEDE); the 2021 table moved the two sub-codes to RETREAT when it dropped the "ease"
    # mode, which splits 081 in two. The PLOVER gold standard codes both as CONCEDE.
    "0813": ("CONCEDE", ""),
    "0814": ("CONCEDE", ""),
    # Occupying territory by force (invading, capturing a town) is not "coercion short of
    # violence" (2.0 COERCE; its seize mode is raids, searches, confiscation) but military force,
    # as the PLOVER gold standard codes invasions and captures (ASSAULT).
    "192": ("ASSAULT", ""),
}

# Crosswalk modes (draft 0.8) that PLOVER 2.0 renamed or dropped, per event type.
MODE_FIXES = {
    ("THREATEN", "ban"): "restrict",
    ("THREATEN", "political"): "restrict",
    ("COERCE", "ban"): "restrict",
    ("RETREAT", "return"): "release",
    ("RETREAT", "ease"): "",
    ("ASSAULT", "assassinate"): "targeted",
    ("ASSAULT", "massacre"): "targeted",
    ("ASSAULT", "cleansing"): "",
    ("ASSAULT", "seize"): "destroy",
    ("ASSAULT", "pro_autocracy"): "crowd-control",
}
AERIAL = {"195"}  # 2.0 separates aerial attacks from heavy weapons

# Acts done between the parties with no direction: the actors of a meeting, a negotiation or a
# signed agreement are each other's counterparts (PLOVER 2.0: "symmetric participants" of
# CONSULT). A visit, a hosted visit, a phone call and a mediation keep their direction
# (visitor -> host, caller -> called, mediator -> parties), as PLOVER's CONSULT modes do.
MUTUAL = {
    "036",  # express intent to meet or negotiate
    "040",  # consult, not specified below
    "044",  # meet at a "third" location
    "046",  # engage in negotiation
    "057",  # sign formal agreement
}

# CAMEO 02 (appeal) -> PLOVER REQUEST, by analogy with CAMEO 10 (demand).
APPEAL_MODES = {
    "02": "",
    "020": "",
    "021": "assist",
    "0211": "assist",
    "0212": "assist",
    "0213": "assist",
    "0214": "assist",
    "022": "assist",
    "023": "assist",
    "0231": "assist",
    "0232": "assist",
    "0233": "assist",
    "0234": "assist",
    "024": "change",
    "0241": "change",
    "0242": "change",
    "0243": "change",
    "0244": "change",
    "025": "yield",
    "0251": "yield",
    "0252": "yield",
    "0253": "yield",
    "0254": "yield",
    "0255": "yield",
    "0256": "yield",
    "026": "meet",
    "027": "meet",
    "028": "meet",
}


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t"))


def read_crosswalk(path: Path) -> dict[str, tuple[str, str, str]]:
    out: dict[str, tuple[str, str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{2,4}):\s*(.*)$", line)
        if not m:
            continue
        code, rest = m.groups()
        body = rest.split("#", 1)[0]
        parts = [p.strip() for p in body.split(",")]
        etype = parts[0].upper()
        mode = parts[1].strip() if len(parts) > 1 else ""
        context = parts[2].strip().replace("; ", "|").replace(";", "|") if len(parts) > 2 else ""
        if code not in out:  # first definition wins (root 08 is listed twice)
            out[code] = (etype, mode, context)
    return out


def main(data_dir: str) -> None:
    root = Path(data_dir)
    codes = read_tsv(root / "cameo" / "cameo_codes.tsv")
    goldstein = {r["code"]: float(r["goldstein"]) for r in read_tsv(root / "cameo" / "cameo_goldstein.tsv")}
    types = read_tsv(root / "plover" / "plover_types.tsv")
    crosswalk = read_crosswalk(root / "plover" / "CAMEO2PLOVER-2021.txt")
    valid_modes: dict[str, set[str]] = {}
    for t in types:
        valid_modes.setdefault(t["event_type"], set()).add(t["mode"])

    rows = []
    for r in codes:
        code = r["code"]
        etype, mode, context = crosswalk.get(code, ("", "", ""))
        if code in FIXES:
            etype, mode = FIXES[code]
        if code[:2] == "02":
            etype, mode, context = "REQUEST", APPEAL_MODES.get(code, ""), context
        if code in AERIAL:
            mode = "aerial"
        mode = MODE_FIXES.get((etype, mode), mode)
        if etype and mode and mode not in valid_modes.get(etype, set()):
            raise SystemExit(f"{code}: mode {mode!r} is not a PLOVER 2.0 mode of {etype}")
        if etype and etype not in valid_modes:
            raise SystemExit(f"{code}: {etype!r} is not a PLOVER 2.0 event type")
        g = goldstein[code]
        rows.append(
            [
                code,
                r["short_name"],
                r["root_code"],
                r["quad_class_gdelt"],
                r["quad_class_icews_pkg"],
                f"{g:g}",
                f"{ICEWS_GOLDSTEIN.get(code, g):g}",
                etype,
                mode,
                context,
                "yes" if code in MUTUAL else "",
            ]
        )

    OUT.mkdir(parents=True, exist_ok=True)
    header = """\
# CAMEO event codes with quad classes, Goldstein values and the PLOVER 2.0 crosswalk.
# Generated by tools/build_tables.py; edit that script, not this file.
# Provenance:
# - code, name: GDELT lookup table CAMEO.eventcodes.txt (two fixes: 044 mojibake, 033 typo).
# - quad_gdelt: GDELT convention (01-05 verbal coop, 06-09 material coop, 10-14 verbal
#   conflict, 15-20 material conflict); quad_icews: ICEWS/Phoenix convention (01-05, 06-08,
#   09-13, 14-20), from the icews R package (andybega/icews).
# - goldstein: GDELT CAMEO.goldsteinscale.txt; goldstein_icews: the same except 016, 022,
#   164, 165 where the ICEWS table differs.
# - plover, plover_mode, plover_context: CAMEO2PLOVER conversion table, PLOVER manual
#   draft 0.8 (2021-09-17), openeventdata/PLOVER, CC BY-SA 4.0; modes renamed to the PLOVER
#   2.0 draft manual (2024) and a few codes corrected (see tools/build_tables.py FIXES);
#   CAMEO 02 (appeal) mapped to REQUEST by analogy with 10 (demand); CAMEO 01 has no
#   PLOVER type. This file is therefore also CC BY-SA 4.0 as far as the crosswalk goes.
# - mutual: ours, from the CAMEO code definitions: "yes" where the act has no direction
#   (meetings, negotiations, signed agreements, intents to meet), so that its two parties are
#   each other's counterparts, as PLOVER 2.0 treats the symmetric participants of CONSULT;
#   see tools/build_tables.py MUTUAL.
"""
    with (OUT / "cameo.tsv").open("w", encoding="utf-8", newline="") as f:
        f.write(header)
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(
            [
                "code",
                "name",
                "root",
                "quad_gdelt",
                "quad_icews",
                "goldstein",
                "goldstein_icews",
                "plover",
                "plover_mode",
                "plover_context",
                "mutual",
            ]
        )
        w.writerows(rows)

    plover_header = """\
# PLOVER 2.0 event types and modes: quad class, whether a recipient is required, the
# manual's score and a short definition in our own words.
# Provenance: PLOVER manual draft 2.0 (2024), openeventdata/PLOVER, CC BY-SA 4.0.
# Known inconsistencies of the manual: SANCTION is "material conflict" in its section but
# "verbal conflict" in its quad table (we use 4, material); ACCUSE's printed base score +3 is
# probably a sign typo (we use -3).
"""
    with (OUT / "plover.tsv").open("w", encoding="utf-8", newline="") as f:
        f.write(plover_header)
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(["type", "mode", "quad", "requires_recipient", "score", "definition"])
        for t in types:
            score = t["plover_score"]
            if t["event_type"] == "ACCUSE" and not t["mode"] and score == "3":
                score = "-3"
            w.writerow(
                [
                    t["event_type"],
                    t["mode"],
                    t["quad"],
                    t["requires_recipient"],
                    score,
                    t["definition_own_words"],
                ]
            )
    print(f"wrote {len(rows)} CAMEO codes and {len(types)} PLOVER type/mode rows to {OUT}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(Path(__file__).resolve().parents[2] / "shared" / "data"))
