// Actor page: whom an actor deals with (partners both ways), what kind of events (mix by CAMEO
// root and quad class), and how its activity and balance moved (trend).
import {
  api, el, errorBox, eventsTable, fill, fmtDate, fmtInt, fmtPct, fmtSigned, items, link, loadScripts, setTitle,
} from "../app.js";

const QUAD_COLOURS = { 1: "#6fb98f", 2: "#1f7a45", 3: "#e9a23b", 4: "#c0392b", 0: "#8892a0" };

function partnersTable(code, rows, direction) {
  if (!rows.length) return el("p", { class: "empty" }, "None in this period.");
  const body = el("tbody");
  for (const r of rows) {
    const partner = r.partner ?? "—";
    const [a, b] = direction === "out" ? [code, partner] : [partner, code];
    body.appendChild(
      el(
        "tr",
        {},
        el("td", {}, r.partner ? link(`/actor/${encodeURIComponent(partner)}`, partner) : "(none)"),
        el("td", { class: "num" }, fmtInt(r.events)),
        el("td", { class: "num" }, fmtPct(r.share)),
        el("td", { class: "num" }, fmtSigned(r.balance)),
        el("td", {}, r.partner ? link(`/dyad?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`, `${a} → ${b}`) : ""),
      ),
    );
  }
  return el(
    "table",
    {},
    el(
      "thead",
      {},
      el(
        "tr",
        {},
        el("th", { scope: "col" }, "Partner"),
        el("th", { scope: "col", class: "num" }, "Events"),
        el("th", { scope: "col", class: "num" }, "Share"),
        el("th", { scope: "col", class: "num" }, "Balance"),
        el("th", { scope: "col" }, "Dyad"),
      ),
    ),
    body,
  );
}

export async function render(main, { arg, params }) {
  const code = String(arg || "").toUpperCase();
  setTitle(code);
  const heading = el("h1", {}, code);
  const sub = el("p", { class: "muted" });
  main.append(heading, sub);
  let profile;
  try {
    profile = await api(`/actors/${encodeURIComponent(code)}`, {
      since: params.get("since"),
      until: params.get("until"),
      all_time: params.get("all") === "1" ? "true" : null,
    });
  } catch (err) {
    main.appendChild(errorBox(err));
    return;
  }
  // The actor's name, from the list of actors (codes and countries alike).
  api("/actors", { q: code, limit: 5 })
    .then((body) => {
      const found = items(body).find((a) => a.code === code) ?? items(body).find((a) => a.country === code);
      const name = found?.name;
      if (name) {
        fill(heading, `${name} (${code})`);
        setTitle(name);
      }
    })
    .catch(() => {});
  const out = profile.partners_out ?? [];
  const inn = profile.partners_in ?? [];
  const trend = profile.trend ?? [];
  const totalOut = out.reduce((n, r) => n + (r.events ?? 0), 0);
  const totalIn = inn.reduce((n, r) => n + (r.events ?? 0), 0);
  const allTime = params.get("all") === "1";
  fill(
    sub,
    `${profile.kind === "country" ? "Every actor of this country" : "This actor code"}, ${fmtDate(profile.since)} – ${fmtDate(profile.until)}. `,
    allTime
      ? link(`/actor/${encodeURIComponent(code)}`, "Show the last year")
      : link(`/actor/${encodeURIComponent(code)}?all=1`, "Show all time"),
  );

  const mixCanvas = el("canvas", { id: "actor-mix", role: "img", "aria-label": "Events by CAMEO root" });
  const trendCanvas = el("canvas", { id: "actor-trend", role: "img", "aria-label": "Events per month and balance" });
  const recent = el("section", { class: "panel", "aria-labelledby": "actor-recent-h" });
  recent.style.marginTop = "1rem";
  main.append(
    el(
      "div",
      { class: "stat-row" },
      el("div", { class: "stat" }, el("b", {}, fmtInt(totalOut)), "events as source"),
      el("div", { class: "stat" }, el("b", {}, fmtInt(totalIn)), "events as target"),
      el("div", { class: "stat" }, el("b", {}, fmtInt(new Set([...out, ...inn].map((r) => r.partner).filter(Boolean)).size)), "partners"),
    ),
    el(
      "div",
      { class: "grid halves" },
      el("section", { class: "panel", "aria-labelledby": "p-out-h" }, el("h2", { id: "p-out-h" }, `What ${code} does to others`), partnersTable(code, out, "out")),
      el("section", { class: "panel", "aria-labelledby": "p-in-h" }, el("h2", { id: "p-in-h" }, `What others do to ${code}`), partnersTable(code, inn, "in")),
    ),
    el(
      "div",
      { class: "grid halves" },
      el("section", { class: "panel", "aria-labelledby": "mix-h" }, el("h2", { id: "mix-h" }, "Event mix (CAMEO root)"), el("div", { class: "chart-box" }, mixCanvas)),
      el("section", { class: "panel", "aria-labelledby": "trend-h" }, el("h2", { id: "trend-h" }, "Trend"), el("div", { class: "chart-box" }, trendCanvas)),
    ),
    recent,
  );
  for (const g of main.querySelectorAll(".grid")) g.style.marginTop = "1rem";

  await loadScripts("chart.umd.min.js");
  const Chart = window.Chart;
  // Mix: one bar per CAMEO root, as source and as target, coloured by quad class.
  const roots = new Map();
  for (const r of profile.mix_root ?? []) {
    const key = r.cameo_root;
    if (!roots.has(key)) roots.set(key, { name: r.name, quad: r.quad_class, out: 0, in: 0 });
    roots.get(key)[r.side === "in" ? "in" : "out"] += r.events ?? 0;
  }
  const rootKeys = [...roots.keys()].sort();
  new Chart(mixCanvas, {
    type: "bar",
    data: {
      labels: rootKeys.map((k) => `${k} ${roots.get(k).name ?? ""}`.trim()),
      datasets: [
        { label: `by ${code}`, data: rootKeys.map((k) => roots.get(k).out), backgroundColor: rootKeys.map((k) => QUAD_COLOURS[roots.get(k).quad] ?? "#8892a0") },
        { label: `towards ${code}`, data: rootKeys.map((k) => roots.get(k).in), backgroundColor: rootKeys.map((k) => `${QUAD_COLOURS[roots.get(k).quad] ?? "#8892a0"}88`) },
      ],
    },
    options: { indexAxis: "y", maintainAspectRatio: false, animation: false, scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } },
  });
  new Chart(trendCanvas, {
    data: {
      labels: trend.map((r) => fmtDate(r.period, "month")),
      datasets: [
        { type: "bar", label: "as source", data: trend.map((r) => r.events_out ?? 0), backgroundColor: "#2b5fa8", stack: "e", yAxisID: "y" },
        { type: "bar", label: "as target", data: trend.map((r) => r.events_in ?? 0), backgroundColor: "#9cb8dc", stack: "e", yAxisID: "y" },
        { type: "line", label: "balance", data: trend.map((r) => r.balance), borderColor: "#1d2430", spanGaps: false, pointRadius: 3, yAxisID: "b" },
      ],
    },
    options: {
      maintainAspectRatio: false,
      animation: false,
      scales: {
        x: { stacked: true },
        y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } },
        b: { position: "right", min: -1, max: 1, grid: { drawOnChartArea: false }, title: { display: true, text: "balance" } },
      },
    },
  });

  try {
    const body = await api("/events", { actor: code, limit: 10 });
    fill(
      recent,
      el("h2", { id: "actor-recent-h" }, "Latest events"),
      el("p", { class: "small" }, link(`/search?actor=${encodeURIComponent(code)}`, `All ${fmtInt(body.total)} events of ${code}`)),
      eventsTable(items(body), { caption: `Latest events of ${code}` }),
    );
  } catch (err) {
    recent.appendChild(errorBox(err));
  }
}
