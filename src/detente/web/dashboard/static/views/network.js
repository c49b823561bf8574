// Network view: who deals with whom in a period. Nodes are countries sized by activity and
// coloured by alignment bloc; edges are coloured by their balance. A slider moves the period.
import {
  api, el, errorBox, fill, fmtDate, fmtInt, fmtSigned, isoDay, items, link, loadScripts, parseDay, setParams, setTitle,
} from "../app.js";

const BLOC_COLOURS = ["#2b5fa8", "#c05621", "#2f855a", "#805ad5", "#b83280", "#2c7a7b", "#975a16", "#4a5568", "#d69e2e", "#e53e3e"];
const NO_BLOC = "#a0aec0";

export function blocColour(bloc) {
  const b = Number(bloc) || 0;
  return b > 0 ? BLOC_COLOURS[(b - 1) % BLOC_COLOURS.length] : NO_BLOC;
}

function monthEnd(d, back = 0) {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - back + 1, 0));
}

export async function render(main, { params }) {
  setTitle("Network");
  const state = { since: params.get("since") || "", until: params.get("until") || "", months: Number(params.get("months")) || 12 };
  const slider = el("input", { id: "nw-slider", type: "range", min: 0, max: 23, step: 1, value: 23, "aria-describedby": "nw-range" });
  const months = el(
    "select",
    { id: "nw-months" },
    [1, 3, 6, 12, 24, 60].map((n) => el("option", { value: n }, n === 1 ? "1 month" : `${n} months`)),
  );
  months.value = String(state.months);
  const rangeText = el("output", { id: "nw-range", for: "nw-slider" });
  const form = el(
    "form",
    { class: "controls", "aria-label": "Period of the network" },
    el("div", { class: "field" }, el("label", { for: "nw-slider" }, "Period ending"), slider),
    el("div", { class: "field" }, el("label", { for: "nw-months" }, "Length"), months),
    el("div", { class: "field" }, el("span", { class: "small muted" }, "Showing"), rangeText),
  );
  const graphPanel = el("section", { class: "panel", "aria-labelledby": "nw-h" });
  const listPanel = el("section", { class: "panel", "aria-labelledby": "nw-list-h" });
  main.append(el("h1", {}, "Relations network"), form, el("div", { class: "grid two" }, graphPanel, listPanel));

  await loadScripts("cytoscape.min.js");
  let latest = null; // the last month with events: the slider's right end
  let cy = null;
  let timer = null;

  function period() {
    if (!latest) return { since: state.since, until: state.until };
    const end = monthEnd(latest, Number(slider.max) - Number(slider.value));
    const start = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - state.months + 1, 1));
    return { since: isoDay(start), until: isoDay(end) };
  }

  slider.addEventListener("input", () => {
    const p = period();
    rangeText.textContent = `${fmtDate(p.since)} – ${fmtDate(p.until)}`;
    clearTimeout(timer);
    timer = setTimeout(() => show(p), 150);
  });
  months.addEventListener("change", () => {
    state.months = Number(months.value);
    show(period());
  });

  async function show(p) {
    setParams({ since: p.since, until: p.until, months: state.months });
    fill(graphPanel, el("h2", { id: "nw-h" }, "Graph"), el("p", { class: "loading" }, "Loading…"));
    let body;
    try {
      body = await api("/network", { since: p.since, until: p.until });
    } catch (err) {
      graphPanel.appendChild(errorBox(err));
      return;
    }
    const graph = body.graph ?? {};
    const since = body.since ?? graph.since ?? p.since;
    const until = body.until ?? graph.until ?? p.until;
    rangeText.textContent = `${fmtDate(since)} – ${fmtDate(until)}`;
    if (!latest && until) {
      latest = parseDay(until);
      // Open on the address's period: its end is the slider's right end, its length the menu's.
      if (since) {
        const s = parseDay(since);
        const n = (latest.getUTCFullYear() - s.getUTCFullYear()) * 12 + latest.getUTCMonth() - s.getUTCMonth() + 1;
        const options = [...months.options].map((o) => Number(o.value));
        state.months = options.reduce((best, o) => (Math.abs(o - n) < Math.abs(best - n) ? o : best), options[0]);
        months.value = String(state.months);
      }
    }
    const nodes = body.nodes ?? [];
    const edges = body.edges ?? body.links ?? [];
    const box = el("div", { id: "graph", role: "img", "aria-label": `Relations network, ${nodes.length} countries` });
    const key = el("div", { class: "bloc-key" });
    fill(
      graphPanel,
      el("h2", { id: "nw-h" }, `${fmtInt(nodes.length)} countries, ${fmtInt(edges.length)} relations`),
      el("p", { class: "muted small" }, "Node size: activity. Colour: alignment bloc (Louvain communities of cooperation). Edges: green cooperation, red conflict. Click a node for its actor page."),
      box,
      key,
    );
    const blocs = new Map();
    for (const n of nodes) blocs.set(Number(n.bloc) || 0, (blocs.get(Number(n.bloc) || 0) ?? 0) + 1);
    for (const [bloc, count] of [...blocs.entries()].sort((x, y) => (x[0] || 99) - (y[0] || 99))) {
      key.appendChild(el("span", {}, el("span", { class: "swatch", style: null }), bloc ? `bloc ${bloc}` : "no bloc", ` (${count})`));
      key.lastChild.firstChild.style.background = blocColour(bloc);
    }
    showList(nodes);
    if (cy) cy.destroy();
    if (!nodes.length) {
      box.appendChild(el("p", { class: "empty" }, "No relations in this period."));
      return;
    }
    const activity = (n) => n.strength ?? (n.events_out ?? 0) + (n.events_in ?? 0);
    const maxAct = Math.max(1, ...nodes.map(activity));
    const maxEv = Math.max(1, ...edges.map((e) => e.events ?? 1));
    // Cytoscape writes a <style> element unless one with this id exists; CSP forbids inline
    // styles, and the rule it carries (position: relative) is in style.css.
    if (!document.getElementById("__________cytoscape_stylesheet")) {
      document.head.appendChild(el("meta", { id: "__________cytoscape_stylesheet", name: "cytoscape-style", content: "style.css" }));
    }
    cy = window.cytoscape({
      container: box,
      elements: [
        ...nodes.map((n) => ({
          data: {
            id: String(n.id ?? n.country),
            label: String(n.id ?? n.country),
            size: 18 + 42 * Math.sqrt(activity(n) / maxAct),
            colour: blocColour(n.bloc),
          },
        })),
        ...edges.map((e, i) => ({
          data: {
            id: `e${i}`,
            source: String(e.source),
            target: String(e.target),
            width: 1 + 5 * Math.sqrt((e.events ?? 1) / maxEv),
            colour: e.balance === null || e.balance === undefined ? "#a0aec0" : e.balance >= 0 ? "#48a36e" : "#d0553f",
          },
        })),
      ],
      style: [
        {
          selector: "node",
          style: {
            label: "data(label)",
            width: "data(size)",
            height: "data(size)",
            "background-color": "data(colour)",
            "font-size": 11,
            "text-valign": "center",
            color: "#fff",
            "text-outline-color": "data(colour)",
            "text-outline-width": 2,
          },
        },
        {
          selector: "edge",
          style: {
            width: "data(width)",
            "line-color": "data(colour)",
            "target-arrow-color": "data(colour)",
            "target-arrow-shape": "triangle",
            "curve-style": "bezier",
            opacity: 0.75,
          },
        },
      ],
      layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: () => 9000, idealEdgeLength: () => 90, padding: 20 },
    });
    cy.on("tap", "node", (ev) => {
      location.href = `/actor/${encodeURIComponent(ev.target.id())}`;
    });
    window.__detenteNetwork = cy; // for the browser tests: positions of the nodes
  }

  function showList(nodes) {
    const sorted = [...nodes].sort((x, y) => (y.strength ?? 0) - (x.strength ?? 0));
    const body = el("tbody");
    for (const n of sorted) {
      const code = String(n.id ?? n.country);
      body.appendChild(
        el(
          "tr",
          {},
          el("td", {}, link(`/actor/${encodeURIComponent(code)}`, n.name ? `${n.name} (${code})` : code)),
          el("td", {}, (() => {
            const s = el("span", { class: "swatch" });
            s.style.background = blocColour(n.bloc);
            return el("span", {}, s, n.bloc ? String(n.bloc) : "—");
          })()),
          el("td", { class: "num" }, fmtInt(n.partners)),
          el("td", { class: "num" }, fmtInt((n.events_out ?? 0) + (n.events_in ?? 0))),
          el("td", { class: "num" }, fmtSigned(n.balance)),
        ),
      );
    }
    fill(
      listPanel,
      el("h2", { id: "nw-list-h" }, "Countries"),
      nodes.length
        ? el(
            "table",
            {},
            el(
              "thead",
              {},
              el(
                "tr",
                {},
                el("th", { scope: "col" }, "Country"),
                el("th", { scope: "col" }, "Bloc"),
                el("th", { scope: "col", class: "num" }, "Partners"),
                el("th", { scope: "col", class: "num" }, "Events"),
                el("th", { scope: "col", class: "num" }, "Balance"),
              ),
            ),
            body,
          )
        : el("p", { class: "empty" }, "None."),
    );
  }

  await show({ since: state.since, until: state.until });
}
