// Search: events by actor, country, CAMEO code, quad class, date range and text. The form is a
// plain GET form, so every search is an address that can be bookmarked and shared.
import { api, el, errorBox, eventsTable, fill, fmtInt, items, link, setTitle } from "../app.js";
import { actorDatalist } from "../actors.js";

const FIELDS = [
  ["actor", "Actor (either side)", "text", "RUS or RUSGOV"],
  ["country", "Country (either side)", "text", "UKR"],
  ["cameo", "CAMEO code", "text", "19 or 190"],
  ["since", "From", "date", ""],
  ["until", "To", "date", ""],
  ["q", "Text in the sentence", "search", "sanctions"],
];
const PAGE = 25;

export async function render(main, { params }) {
  setTitle("Search");
  const form = el("form", { class: "controls", action: "/search", method: "get", role: "search", "aria-label": "Event filters" });
  for (const [name, label, type, placeholder] of FIELDS) {
    const input = el("input", {
      id: `f-${name}`,
      name,
      type,
      value: params.get(name) || "",
      placeholder: placeholder || null,
      list: name === "actor" ? "actor-codes" : null,
      size: type === "search" ? 24 : 12,
      autocomplete: "off",
    });
    form.appendChild(el("div", { class: "field" }, el("label", { for: `f-${name}` }, label), input));
  }
  const quad = el(
    "select",
    { id: "f-quad", name: "quad" },
    el("option", { value: "" }, "any"),
    el("option", { value: "1" }, "verbal cooperation"),
    el("option", { value: "2" }, "material cooperation"),
    el("option", { value: "3" }, "verbal conflict"),
    el("option", { value: "4" }, "material conflict"),
  );
  quad.value = params.get("quad") || "";
  form.append(
    el("div", { class: "field" }, el("label", { for: "f-quad" }, "Quad class"), quad),
    el("button", { type: "submit" }, "Search"),
    link("/search", "Clear"),
    actorDatalist(),
  );
  const results = el("section", { class: "panel", id: "results", "aria-live": "polite", "aria-labelledby": "results-h" });
  main.append(el("h1", {}, "Search events"), form, results);

  const offset = Math.max(0, Number(params.get("offset")) || 0);
  const filters = {};
  for (const [name] of FIELDS) if (params.get(name)) filters[name] = params.get(name);
  if (params.get("quad")) filters.quad = params.get("quad");
  fill(results, el("h2", { id: "results-h" }, "Results"), el("p", { class: "loading" }, "Searching…"));
  try {
    const body = await api("/events", { ...filters, limit: PAGE, offset });
    const list = items(body);
    const total = body.total ?? list.length;
    const pageLink = (to, text) => {
      const q = new URLSearchParams(params);
      q.set("offset", String(to));
      return link(`/search?${q}`, text);
    };
    fill(
      results,
      el(
        "h2",
        { id: "results-h" },
        total ? `Events ${fmtInt(offset + 1)}–${fmtInt(offset + list.length)} of ${fmtInt(total)}` : "No events match",
      ),
      eventsTable(list, { caption: "Matching events" }),
      el(
        "nav",
        { class: "pager", "aria-label": "Pages" },
        offset > 0 ? pageLink(Math.max(0, offset - PAGE), "← Newer") : null,
        offset + list.length < total ? pageLink(offset + PAGE, "Older →") : null,
      ),
    );
  } catch (err) {
    results.appendChild(errorBox(err));
  }
}
