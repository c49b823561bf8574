// Detente dashboard: the router and the helpers every view shares.
//
// Data from the API (article text, titles, actor names, URLs) is untrusted: it is only ever
// inserted as text (el() makes text nodes of strings; attributes go through setAttribute, and
// links through safeHref). No view uses innerHTML.

const VIEWS = [
  [/^\/$/, "overview"],
  [/^\/dyad\/?$/, "dyad"],
  [/^\/network\/?$/, "network"],
  [/^\/search\/?$/, "search"],
  [/^\/ingest\/?$/, "ingest"],
  [/^\/actor\/([^/]+)\/?$/, "actor"],
  [/^\/article\/([^/]+)\/?$/, "article"],
];

// ---- DOM --------------------------------------------------------------------------------------

/** Build an element; string and number children become text nodes, never markup. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key === "href") node.setAttribute("href", safeHref(value));
    else if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else if (key === "dataset") Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replace a node's content with these children. */
export function fill(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

/** Only same-site paths and http(s) addresses are links; anything else (javascript:, data:) is not. */
export function safeHref(value) {
  const s = String(value ?? "");
  if (s.startsWith("/") && !s.startsWith("//")) return s;
  try {
    const u = new URL(s, location.href);
    if (u.protocol === "http:" || u.protocol === "https:") return u.href;
  } catch {
    /* not a URL */
  }
  return "#";
}

export function link(href, ...children) {
  return el("a", { href }, ...children);
}

// ---- formatting -------------------------------------------------------------------------------

const LOCALE = navigator.language || "en";
const DAY = new Intl.DateTimeFormat(LOCALE, { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });
const MONTH = new Intl.DateTimeFormat(LOCALE, { year: "numeric", month: "short", timeZone: "UTC" });
const YEAR = new Intl.DateTimeFormat(LOCALE, { year: "numeric", timeZone: "UTC" });
const STAMP = new Intl.DateTimeFormat(LOCALE, { dateStyle: "medium", timeStyle: "short" });
const INT = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const DEC1 = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const DEC2 = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const SIGNED2 = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: "exceptZero" });
const SIGNED1 = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: "exceptZero" });
const PCT = new Intl.NumberFormat(LOCALE, { style: "percent", maximumFractionDigits: 0 });

function parseDay(value) {
  if (!value) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(value));
  if (m) return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** A day (or a period's first day) for people: "3 Mar 2024", "Mar 2024" (precision month), "2024". */
export function fmtDate(value, precision = "day") {
  const d = parseDay(value);
  if (!d) return "—";
  if (precision === "year") return YEAR.format(d);
  if (precision === "month" || precision === "quarter") return MONTH.format(d);
  return DAY.format(d);
}
export function fmtStamp(value) {
  const d = value ? new Date(value) : null;
  return d && !Number.isNaN(d.getTime()) ? STAMP.format(d) : "—";
}
export function fmtInt(n) {
  return n === null || n === undefined || Number.isNaN(+n) ? "—" : INT.format(+n);
}
export function fmtDec(n, digits = 1) {
  if (n === null || n === undefined || Number.isNaN(+n)) return "—";
  return (digits === 2 ? DEC2 : DEC1).format(+n);
}
export function fmtSigned(n, digits = 2) {
  if (n === null || n === undefined || Number.isNaN(+n)) return "—";
  return (digits === 1 ? SIGNED1 : SIGNED2).format(+n);
}
export function fmtPct(n) {
  return n === null || n === undefined || Number.isNaN(+n) ? "—" : PCT.format(+n);
}
/** ISO day (YYYY-MM-DD) of a Date, in UTC. */
export function isoDay(d) {
  return d.toISOString().slice(0, 10);
}
export { parseDay };

// ---- API --------------------------------------------------------------------------------------

export class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v === null || v === undefined || v === "") continue;
    q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : "";
}

/** GET /api/... as JSON; a failed answer becomes an ApiError carrying the server's message. */
export async function api(path, params, init) {
  const response = await fetch(`/api${path}${query(params)}`, { headers: { Accept: "application/json" }, ...init });
  const type = response.headers.get("content-type") || "";
  const body = type.includes("json") ? await response.json() : await response.text();
  if (!response.ok) {
    let detail = typeof body === "string" ? body : body.detail ?? body.error ?? body.message ?? response.statusText;
    if (Array.isArray(detail)) detail = detail.map((d) => d.msg || JSON.stringify(d)).join("; ");
    else if (detail && typeof detail === "object") detail = detail.message || JSON.stringify(detail);
    throw new ApiError(`${response.status}: ${detail}`, response.status);
  }
  return body;
}

/** The list of a paged or plain answer. */
export function items(body) {
  if (Array.isArray(body)) return body;
  return body?.items ?? body?.series ?? body?.rows ?? [];
}

// ---- events -----------------------------------------------------------------------------------

/** One side of an event, whatever shape the endpoint gives (flat columns or nested objects). */
export function side(e, which) {
  const nested = e[which];
  if (nested && typeof nested === "object") return nested;
  const code = e[`${which}_code`];
  if (!code && !e[`${which}_country`]) return null;
  return {
    code,
    country: e[`${which}_country`],
    sector: e[`${which}_sector`],
    name: e[`${which}_name`],
    text: e[`${which}_text`],
    start: e[`${which}_start`],
    end: e[`${which}_end`],
  };
}

export function eventDay(e) {
  return e.event_date ?? e.date ?? e.pub_date ?? null;
}
export function eventSentence(e) {
  if (typeof e.sentence === "string") return e.sentence;
  return e.sentence?.text ?? e.mentions?.[0]?.sentence ?? null;
}
export function eventArticle(e) {
  return e.article_id ?? e.mentions?.[0]?.article_id ?? null;
}
export function eventSentenceIndex(e) {
  return e.sentence_index ?? e.sentence_idx ?? e.mentions?.[0]?.sentence_idx ?? null;
}
export function eventLocation(e) {
  if (e.location && typeof e.location === "object") return e.location.name ?? null;
  return e.location_name ?? null;
}

/** Where an event was read: its sentence in the article view, highlighted. */
export function eventHref(e) {
  const article = eventArticle(e);
  if (!article) return null;
  const idx = eventSentenceIndex(e);
  return `/article/${encodeURIComponent(article)}?event=${encodeURIComponent(e.id)}${idx !== null ? `#s${idx}` : ""}`;
}

export const QUAD_NAMES = {
  0: "unclassified",
  1: "verbal cooperation",
  2: "material cooperation",
  3: "verbal conflict",
  4: "material conflict",
};

export function quadBadge(q) {
  const n = Number(q) || 0;
  return el("span", { class: `quad q${n}`, title: QUAD_NAMES[n] }, QUAD_NAMES[n]);
}

export function actorLink(actor) {
  if (!actor) return el("span", { class: "muted" }, "—");
  const code = actor.code || actor.country;
  const label = actor.name ? `${actor.name} (${code})` : code;
  return link(`/actor/${encodeURIComponent(code)}`, label);
}

/** A table of events: date, who, what, whom, Goldstein, place, and the sentence linked to its article. */
export function eventsTable(events, { caption, onRow } = {}) {
  if (!events.length) return el("p", { class: "empty" }, "No events.");
  const body = el("tbody");
  for (const e of events) {
    const sentence = eventSentence(e);
    const href = eventHref(e);
    const row = el(
      "tr",
      { dataset: { eventId: e.id } },
      el("td", {}, fmtDate(eventDay(e), e.date_precision)),
      el("td", {}, actorLink(side(e, "source"))),
      el("td", {}, el("div", {}, e.cameo ?? "—", " ", quadBadge(e.quad_class))),
      el("td", {}, actorLink(side(e, "target"))),
      el("td", { class: "num" }, fmtSigned(e.goldstein, 1)),
      el("td", {}, eventLocation(e) ?? "—"),
      el(
        "td",
        { class: "sentence" },
        href ? el("a", { href, class: "event-link" }, sentence || "open the article") : sentence || "(imported, no text)",
      ),
    );
    if (onRow) onRow(row, e);
    body.appendChild(row);
  }
  const head = el(
    "thead",
    {},
    el(
      "tr",
      {},
      el("th", { scope: "col" }, "Date"),
      el("th", { scope: "col" }, "Source"),
      el("th", { scope: "col" }, "Event"),
      el("th", { scope: "col" }, "Target"),
      el("th", { scope: "col", class: "num" }, "Goldstein"),
      el("th", { scope: "col" }, "Place"),
      el("th", { scope: "col" }, "Sentence"),
    ),
  );
  return el("table", { class: "events" }, caption ? el("caption", { class: "sr-only" }, caption) : null, head, body);
}

export function errorBox(err) {
  return el("p", { class: "error", role: "alert" }, err instanceof Error ? err.message : String(err));
}

/** Load a vendored script once (UMD builds define globals); CSP allows this origin only. */
const loaded = new Map();
export function loadScript(src) {
  if (!loaded.has(src)) {
    loaded.set(
      src,
      new Promise((resolve, reject) => {
        const s = document.createElement("script");
        s.src = src;
        s.onload = resolve;
        s.onerror = () => reject(new Error(`could not load ${src}`));
        document.head.appendChild(s);
      }),
    );
  }
  return loaded.get(src);
}
export async function loadScripts(...srcs) {
  for (const src of srcs) await loadScript(`/static/vendor/${src}`);
}

export function setTitle(text) {
  document.title = `${text} · Detente`;
}

/** Keep the address in step with a view's controls, so that the view can be bookmarked. */
export function setParams(params) {
  const url = new URL(location.href);
  url.search = query(params);
  history.replaceState(null, "", url);
}

// ---- router -----------------------------------------------------------------------------------

async function boot() {
  const main = document.getElementById("main");
  const path = location.pathname;
  let view = null;
  let arg = null;
  for (const [pattern, name] of VIEWS) {
    const m = pattern.exec(path);
    if (m) {
      view = name;
      arg = m[1] ? decodeURIComponent(m[1]) : null;
      break;
    }
  }
  for (const a of document.querySelectorAll("[data-nav]")) {
    if (a.dataset.nav === view) a.setAttribute("aria-current", "page");
  }
  const q = new URLSearchParams(location.search);
  const jump = document.getElementById("jump-q");
  if (view === "search" && jump) jump.value = q.get("q") || "";
  if (!view) {
    fill(main, el("h1", {}, "Not found"), el("p", {}, "No such view. ", link("/", "Back to the overview.")));
    return;
  }
  try {
    const module = await import(`./views/${view}.js`);
    main.replaceChildren();
    await module.render(main, { arg, params: q });
  } catch (err) {
    console.warn(err);
    main.appendChild(errorBox(err));
  }
  document.body.dataset.ready = view;
}

boot();
