// Overview: the world map of a period (event volume or cooperation–conflict balance), the dyads
// whose balance changed most, and the latest events.
import {
  api, el, eventsTable, errorBox, fill, fmtDate, fmtInt, fmtSigned, items, link, loadScripts, setParams, setTitle,
} from "../app.js";
import { drawMap } from "../map.js";

export async function render(main, { params }) {
  setTitle("Overview");
  const state = {
    metric: params.get("metric") === "balance" ? "balance" : "volume",
    since: params.get("since") || "",
    until: params.get("until") || "",
    period: params.get("period") || "month",
  };

  const metric = el(
    "select",
    { id: "ov-metric", name: "metric" },
    el("option", { value: "volume" }, "Event volume"),
    el("option", { value: "balance" }, "Cooperation – conflict balance"),
  );
  metric.value = state.metric;
  const since = el("input", { id: "ov-since", name: "since", type: "date", value: state.since });
  const until = el("input", { id: "ov-until", name: "until", type: "date", value: state.until });
  const form = el(
    "form",
    { class: "controls", "aria-label": "Map period and measure" },
    el("div", { class: "field" }, el("label", { for: "ov-metric" }, "Shade countries by"), metric),
    el("div", { class: "field" }, el("label", { for: "ov-since" }, "From"), since),
    el("div", { class: "field" }, el("label", { for: "ov-until" }, "To"), until),
    el("button", { type: "submit" }, "Show"),
  );
  const mapPanel = el("section", { class: "panel", "aria-labelledby": "map-h" });
  const changes = el("section", { class: "panel", "aria-labelledby": "changes-h" });
  const recent = el("section", { class: "panel", "aria-labelledby": "recent-h" });
  main.append(
    el("h1", {}, "Relations between countries"),
    form,
    el("div", { class: "grid two" }, mapPanel, changes),
    recent,
  );
  recent.style.marginTop = "1rem";

  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    state.metric = metric.value;
    state.since = since.value;
    state.until = until.value;
    setParams({ metric: state.metric, since: state.since, until: state.until });
    showMap();
  });

  await loadScripts("d3-array.min.js", "d3-geo.min.js", "topojson-client.min.js");

  async function showMap() {
    fill(mapPanel, el("h2", { id: "map-h" }, "World map"), el("p", { class: "loading" }, "Loading map…"));
    try {
      const body = await api("/map", { since: state.since, until: state.until, metric: state.metric });
      const rows = items(body);
      const values = new Map();
      for (const r of rows) {
        const code = r.country ?? r.code;
        if (code) values.set(code, r);
      }
      const range = [body.since, body.until].every(Boolean)
        ? `${fmtDate(body.since)} – ${fmtDate(body.until)}`
        : "No events yet: add articles on the Ingest page";
      const detail = el("div", { class: "country-detail", id: "country-detail", "aria-live": "polite" });
      fill(
        mapPanel,
        el("h2", { id: "map-h" }, state.metric === "balance" ? "Cooperation – conflict balance" : "Event volume"),
        el("p", { class: "muted small" }, `${range}. Click a country (or focus it and press Enter) for its dyads.`),
      );
      await drawMap(mapPanel, values, state.metric, (code, name) => showCountry(detail, code, name, body));
      mapPanel.appendChild(detail);
    } catch (err) {
      mapPanel.appendChild(errorBox(err));
    }
  }

  async function showCountry(detail, code, name, mapBody) {
    fill(detail, el("h3", {}, `${name} (${code})`), el("p", { class: "loading" }, "Loading…"));
    try {
      const net = await api("/network", { since: mapBody.since ?? state.since, until: mapBody.until ?? state.until });
      const pairs = new Map();
      for (const e of net.edges ?? []) {
        const s = e.source;
        const t = e.target;
        if (s !== code && t !== code) continue;
        const other = s === code ? t : s;
        const p = pairs.get(other) ?? { other, events: 0 };
        p.events += e.events ?? 0;
        pairs.set(other, p);
      }
      const names = new Map((net.nodes ?? []).map((n) => [n.id, n.name]));
      const list = [...pairs.values()].sort((a, b) => b.events - a.events).slice(0, 10);
      fill(
        detail,
        el("h3", {}, `${name} (${code})`),
        list.length
          ? el(
              "ul",
              { class: "plain", "aria-label": `Dyads of ${code}` },
              list.map((p) =>
                el(
                  "li",
                  {},
                  link(
                    `/dyad?a=${encodeURIComponent(code)}&b=${encodeURIComponent(p.other)}&directed=false`,
                    `${code} – ${p.other}`,
                  ),
                  el("span", { class: "muted" }, `${names.get(p.other) ? ` ${names.get(p.other)}` : ""} · ${fmtInt(p.events)} events both ways`),
                ),
              ),
            )
          : el("p", { class: "empty" }, "No relations with other countries in this period."),
        el("p", { class: "small" }, link(`/actor/${encodeURIComponent(code)}`, `Profile of ${name}`)),
      );
    } catch (err) {
      detail.appendChild(errorBox(err));
    }
  }

  async function showChanges() {
    fill(changes, el("h2", { id: "changes-h" }, "Dyads that changed most"), el("p", { class: "loading" }, "Loading…"));
    try {
      // The API's default asks for 5 events in both periods; a small store (the demo) has
      // fewer, so ask again with 2 rather than show nothing, and say so.
      let minEvents = 5;
      let body = await api("/changes", { period: state.period, min_events: minEvents });
      if (!items(body).length) {
        minEvents = 2;
        body = await api("/changes", { period: state.period, min_events: minEvents });
      }
      const rows = items(body);
      const list = el("ul", { class: "plain", id: "changes-list" });
      for (const r of rows.slice(0, 12)) {
        const up = (r.change ?? 0) >= 0;
        list.appendChild(
          el(
            "li",
            {},
            link(`/dyad?a=${encodeURIComponent(r.source)}&b=${encodeURIComponent(r.target)}`, `${r.source} → ${r.target}`),
            " ",
            el("span", { class: up ? "change-up" : "change-down" }, `${fmtSigned(r.change)} ${up ? "towards cooperation" : "towards conflict"}`),
            el(
              "div",
              { class: "muted small" },
              `balance ${fmtSigned(r.balance_before)} → ${fmtSigned(r.balance_after)}; ` +
                `${fmtInt(r.events_before)} → ${fmtInt(r.events_after)} events`,
            ),
          ),
        );
      }
      const before = body.before ?? body.attrs?.before;
      const after = body.after ?? body.attrs?.after;
      fill(
        changes,
        el("h2", { id: "changes-h" }, "Dyads that changed most"),
        el(
          "p",
          { class: "muted small" },
          after && before
            ? `Balance ${fmtDate(after[0])} – ${fmtDate(after[1])} against ${fmtDate(before[0])} – ${fmtDate(before[1])}; dyads with at least ${minEvents} events in both.`
            : `Balance this ${state.period} against the one before.`,
        ),
        rows.length ? list : el("p", { class: "empty" }, "No dyad has enough events in both periods to compare."),
      );
    } catch (err) {
      changes.appendChild(errorBox(err));
    }
  }

  async function showRecent() {
    fill(recent, el("h2", { id: "recent-h" }, "Recent events"), el("p", { class: "loading" }, "Loading…"));
    try {
      const body = await api("/events", { limit: 10 });
      fill(
        recent,
        el("h2", { id: "recent-h" }, "Recent events"),
        el("p", { class: "muted small" }, `${fmtInt(body.total ?? items(body).length)} events in the store. `, link("/search", "Search them.")),
        eventsTable(items(body), { caption: "Recent events" }),
      );
    } catch (err) {
      recent.appendChild(errorBox(err));
    }
  }

  await Promise.all([showMap(), showChanges(), showRecent()]);
}
