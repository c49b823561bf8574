// Dyad view: two actors' events over time, stacked by quad class, with the Goldstein mean as a
// line; clicking a period (or choosing it with the keyboard) lists the events behind it.
import {
  api, el, errorBox, eventsTable, fill, fmtDate, fmtDec, fmtInt, fmtSigned, isoDay, items, link, loadScripts,
  parseDay, setParams, setTitle,
} from "../app.js";
import { actorDatalist } from "../actors.js";

const QUADS = [
  ["verbal_coop", "Verbal cooperation", "#6fb98f"],
  ["material_coop", "Material cooperation", "#1f7a45"],
  ["verbal_conflict", "Verbal conflict", "#e9a23b"],
  ["material_conflict", "Material conflict", "#c0392b"],
];

/** The last day of the period that starts on `start`. */
export function periodEnd(start, by) {
  const d = parseDay(start);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  let end;
  if (by === "day") end = d;
  else if (by === "week") end = new Date(d.getTime() + 6 * 86400000);
  else if (by === "quarter") end = new Date(Date.UTC(y, m + 3, 0));
  else if (by === "year") end = new Date(Date.UTC(y, 11, 31));
  else end = new Date(Date.UTC(y, m + 1, 0));
  return isoDay(end);
}

export async function render(main, { params }) {
  const state = {
    a: (params.get("a") || "").toUpperCase(),
    b: (params.get("b") || "").toUpperCase(),
    by: params.get("by") || "month",
    undirected: params.get("directed") === "false",
  };
  setTitle(state.a && state.b ? `${state.a} – ${state.b}` : "Dyad");

  const a = el("input", { id: "dy-a", name: "a", list: "actor-codes", value: state.a, required: true, size: 12, autocomplete: "off" });
  const b = el("input", { id: "dy-b", name: "b", list: "actor-codes", value: state.b, required: true, size: 12, autocomplete: "off" });
  const by = el(
    "select",
    { id: "dy-by", name: "by" },
    ["week", "month", "quarter", "year"].map((p) => el("option", { value: p }, p)),
  );
  by.value = state.by;
  const undirected = el("input", { id: "dy-undirected", type: "checkbox", checked: state.undirected });
  const form = el(
    "form",
    { class: "controls", "aria-label": "Choose a dyad" },
    el("div", { class: "field" }, el("label", { for: "dy-a" }, "Actor A (source)"), a),
    el("div", { class: "field" }, el("label", { for: "dy-b" }, "Actor B (target)"), b),
    el("div", { class: "field" }, el("label", { for: "dy-by" }, "Period"), by),
    el("div", { class: "field" }, el("label", { for: "dy-undirected" }, "Both directions"), undirected),
    el("button", { type: "submit" }, "Show"),
    actorDatalist(),
  );
  const chartPanel = el("section", { class: "panel", "aria-labelledby": "dy-h" });
  const eventsPanel = el("section", { class: "panel", id: "dyad-events", "aria-live": "polite", hidden: true });
  eventsPanel.style.marginTop = "1rem";
  main.append(el("h1", {}, "Dyad over time"), form, chartPanel, eventsPanel);

  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    state.a = a.value.trim().toUpperCase();
    state.b = b.value.trim().toUpperCase();
    state.by = by.value;
    state.undirected = undirected.checked;
    setParams({ a: state.a, b: state.b, by: state.by, directed: state.undirected ? "false" : null });
    setTitle(`${state.a} – ${state.b}`);
    show();
  });

  await loadScripts("chart.umd.min.js");
  let chart = null;

  async function show() {
    if (chart) {
      chart.destroy();
      chart = null;
    }
    fill(eventsPanel);
    eventsPanel.hidden = true;
    if (!state.a || !state.b) {
      fill(
        chartPanel,
        el("h2", { id: "dy-h" }, "Pick two actors"),
        el("p", { class: "muted" }, "Country codes (RUS) or actor codes (RUSGOV). Or start from a country on the ", link("/", "overview map"), "."),
      );
      return;
    }
    fill(chartPanel, el("h2", { id: "dy-h" }, `${state.a} ${state.undirected ? "↔" : "→"} ${state.b}`), el("p", { class: "loading" }, "Loading…"));
    let rows;
    try {
      const body = await api(`/dyads/${encodeURIComponent(state.a)}/${encodeURIComponent(state.b)}`, {
        by: state.by,
        directed: state.undirected ? "false" : null,
      });
      rows = items(body);
    } catch (err) {
      chartPanel.appendChild(errorBox(err));
      return;
    }
    const total = rows.reduce((n, r) => n + (r.events ?? 0), 0);
    const canvas = el("canvas", { id: "dyad-chart", role: "img", "aria-label": `Events of ${state.a} and ${state.b} per ${state.by}` });
    const periods = el("div", { class: "small", id: "dyad-periods" });
    fill(
      chartPanel,
      el("h2", { id: "dy-h" }, `${state.a} ${state.undirected ? "↔" : "→"} ${state.b}`),
      el("p", { class: "muted small" }, `${fmtInt(total)} events in ${fmtInt(rows.length)} ${state.by}s. Click a bar for its events.`),
      el("div", { class: "chart-box dyad" }, canvas),
      periods,
    );
    if (!rows.length) {
      periods.appendChild(el("p", { class: "empty" }, "No events between these two."));
      return;
    }
    const labels = rows.map((r) => fmtDate(r.period, state.by === "week" || state.by === "day" ? "day" : state.by === "year" ? "year" : "month"));
    const datasets = QUADS.map(([key, label, colour]) => ({
      type: "bar",
      label,
      data: rows.map((r) => r[key] ?? 0),
      backgroundColor: colour,
      stack: "events",
      yAxisID: "y",
      order: 2,
    }));
    datasets.push({
      type: "line",
      label: "Goldstein mean",
      data: rows.map((r) => (r.events ? r.goldstein_mean : null)),
      borderColor: "#1d2430",
      backgroundColor: "#1d2430",
      spanGaps: false,
      tension: 0.2,
      pointRadius: 3,
      yAxisID: "g",
      order: 1,
    });
    chart = new window.Chart(canvas, {
      data: { labels, datasets },
      options: {
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: "index", intersect: false },
        locale: navigator.language || "en",
        scales: {
          x: { stacked: true },
          y: { stacked: true, beginAtZero: true, title: { display: true, text: "events" }, ticks: { precision: 0 } },
          g: { position: "right", min: -10, max: 10, title: { display: true, text: "Goldstein mean" }, grid: { drawOnChartArea: false } },
        },
        plugins: {
          tooltip: {
            callbacks: {
              footer: (ctx) => {
                const r = rows[ctx[0].dataIndex];
                return `balance ${fmtSigned(r.balance)} · ${fmtInt(r.events)} events`;
              },
            },
          },
        },
        onClick: (_ev, elements) => {
          if (elements.length) showEvents(rows[elements[0].index]);
        },
      },
    });
    // The same periods as buttons, for keyboards and screen readers.
    const withEvents = rows.filter((r) => r.events > 0);
    periods.append(
      el("h3", {}, "Periods with events"),
      el(
        "div",
        { class: "period-buttons" },
        withEvents.map((r) =>
          el(
            "button",
            { type: "button", class: "secondary", dataset: { period: r.period }, onclick: () => showEvents(r) },
            `${fmtDate(r.period, state.by === "week" ? "day" : state.by)}: ${fmtInt(r.events)}`,
          ),
        ),
      ),
    );
    for (const btn of periods.querySelectorAll("button")) btn.style.margin = "0 .35rem .35rem 0";
    // Open on the events of the latest period with any, so the view is never just a chart.
    if (withEvents.length) await showEvents(withEvents[withEvents.length - 1], false);
  }

  async function showEvents(row, scroll = true) {
    eventsPanel.hidden = false;
    const since = String(row.period).slice(0, 10);
    const until = periodEnd(since, state.by);
    fill(eventsPanel, el("h2", {}, `Events ${fmtDate(since)} – ${fmtDate(until)}`), el("p", { class: "loading" }, "Loading…"));
    try {
      const body = await api("/events", {
        dyad: `${state.a},${state.b}`,
        directed: state.undirected ? "false" : null,
        since,
        until,
        limit: 100,
      });
      const list = items(body);
      fill(
        eventsPanel,
        el("h2", { id: "dyad-events-h" }, `Events ${fmtDate(since)} – ${fmtDate(until)}`),
        el(
          "p",
          { class: "muted small" },
          `${fmtInt(body.total ?? list.length)} events; balance ${fmtSigned(row.balance)}, Goldstein mean ${fmtDec(row.goldstein_mean)}. Each sentence links to its article.`,
        ),
        eventsTable(list, { caption: "Events of the period" }),
      );
      if (scroll) eventsPanel.scrollIntoView({ block: "nearest" });
    } catch (err) {
      eventsPanel.appendChild(errorBox(err));
    }
  }

  await show();
}
