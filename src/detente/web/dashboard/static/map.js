// The world map: Natural Earth shapes (world-atlas), projected with d3-geo into an SVG, one path
// per country, each a keyboard-reachable control. Needs d3-array, d3-geo and topojson-client loaded.
import { el, fmtInt, fmtSigned } from "./app.js";

const SVG = "http://www.w3.org/2000/svg";
let shapes = null;

async function loadShapes() {
  if (!shapes) {
    const [topo, iso] = await Promise.all([
      fetch("/static/vendor/countries-110m.json").then((r) => r.json()),
      fetch("/static/vendor/iso-numeric.json").then((r) => r.json()),
    ]);
    const features = window.topojson.feature(topo, topo.objects.countries).features;
    for (const f of features) {
      f.properties.iso3 = iso[f.id] ?? iso[`name:${f.properties.name}`] ?? null;
    }
    shapes = features.filter((f) => f.properties.name !== "Antarctica");
  }
  return shapes;
}

function svgEl(tag, attrs) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

function mix(a, b, t) {
  const pa = a.match(/\w\w/g).map((h) => parseInt(h, 16));
  const pb = b.match(/\w\w/g).map((h) => parseInt(h, 16));
  return `rgb(${pa.map((v, i) => Math.round(v + (pb[i] - v) * t)).join(",")})`;
}

function ramp(stops, t) {
  const x = Math.max(0, Math.min(1, t)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  return mix(stops[i], stops[i + 1], x - i);
}

const VOLUME = ["eef2f7", "9cb8dc", "2b5fa8", "0b2a5b"];
const BALANCE = ["c0392b", "f0d9c8", "f3f3f3", "c7e6d2", "1f7a45"];
const NONE = "#d5d9df";

export function valueOf(row, metric) {
  if (!row) return null;
  if (metric === "balance") return row.balance ?? row.value ?? null;
  return row.events ?? row.volume ?? row.value ?? null;
}

/** Draw the map into `container`; `values` maps alpha-3 codes to the API's rows. */
export async function drawMap(container, values, metric, onSelect) {
  const features = await loadShapes();
  const width = 960;
  const height = 470;
  const projection = window.d3.geoNaturalEarth1().fitExtent(
    [
      [4, 4],
      [width - 4, height - 4],
    ],
    { type: "FeatureCollection", features },
  );
  const path = window.d3.geoPath(projection);
  let max = 0;
  for (const row of values.values()) max = Math.max(max, valueOf(row, "volume") ?? 0);
  const colour = (row) => {
    const v = valueOf(row, metric);
    if (v === null || v === undefined || Number.isNaN(+v)) return NONE;
    if (metric === "balance") return ramp(BALANCE, (+v + 1) / 2);
    return max > 0 ? ramp(VOLUME, Math.log1p(+v) / Math.log1p(max)) : NONE;
  };

  const wrap = el("div", { class: "map-wrap" });
  const svg = svgEl("svg", { viewBox: `0 0 ${width} ${height}`, class: "map", role: "group", "aria-label": "World map" });
  svg.appendChild(svgEl("path", { class: "sphere", d: path({ type: "Sphere" }) }));
  const tip = el("div", { class: "tooltip", hidden: true });
  for (const f of features) {
    const code = f.properties.iso3;
    const name = f.properties.name;
    const row = code ? values.get(code) : null;
    const label = describe(name, code, row, metric);
    const p = svgEl("path", { d: path(f), class: "country", fill: colour(row) });
    if (code) {
      // Only countries with events are in the tab order: 170 stops would bury the rest of the page.
      if (row) p.setAttribute("tabindex", "0");
      p.setAttribute("role", "button");
      p.setAttribute("aria-label", label);
      p.dataset.code = code;
      p.addEventListener("click", () => onSelect(code, name));
      p.addEventListener("keydown", (ev) => {
        if (ev.key === "Enter" || ev.key === " ") {
          ev.preventDefault();
          onSelect(code, name);
        }
      });
    }
    const title = svgEl("title", {});
    title.textContent = label;
    p.appendChild(title);
    p.addEventListener("mousemove", (ev) => {
      const box = wrap.getBoundingClientRect();
      tip.textContent = label;
      tip.style.left = `${ev.clientX - box.left}px`;
      tip.style.top = `${ev.clientY - box.top}px`;
      tip.hidden = false;
    });
    p.addEventListener("mouseleave", () => {
      tip.hidden = true;
    });
    svg.appendChild(p);
  }
  wrap.append(svg, tip);
  container.append(
    wrap,
    metric === "balance"
      ? el("div", { class: "legend" }, "conflict −1", el("span", { class: "ramp balance" }), "+1 cooperation", el("span", {}, " · grey: no events"))
      : el("div", { class: "legend" }, "fewer", el("span", { class: "ramp volume" }), `more events (up to ${fmtInt(max)})`),
  );
}

function describe(name, code, row, metric) {
  if (!row) return `${name}: no events`;
  const events = valueOf(row, "volume");
  const parts = [`${name}: ${fmtInt(events)} events`];
  const balance = row.balance;
  if (balance !== null && balance !== undefined) parts.push(`balance ${fmtSigned(balance)}`);
  return metric === "balance" ? parts.reverse().join(", ") : parts.join(", ");
}
