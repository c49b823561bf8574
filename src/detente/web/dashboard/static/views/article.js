// Article view: the article's sentences with actor mentions and event triggers highlighted, its
// events with the evidence behind each, and the event named in the address (?event=ID) shown on
// its sentence. Article text is untrusted and only ever inserted as text nodes.
import {
  actorLink, api, el, errorBox, fill, fmtDate, fmtPct, fmtSigned, fmtStamp, link, quadBadge, setTitle, side,
} from "../app.js";

/** Split a sentence into plain text and <mark>s; overlapping spans keep the first (triggers win). */
export function markSentence(text, spans) {
  const sorted = [...spans]
    .filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.end > s.start && s.start >= 0 && s.end <= text.length)
    .sort((a, b) => a.start - b.start || (a.kind === "trigger" ? -1 : 1));
  const out = [];
  let at = 0;
  for (const s of sorted) {
    if (s.start < at) continue;
    if (s.start > at) out.push(text.slice(at, s.start));
    out.push(el("mark", { class: s.kind, title: s.title }, text.slice(s.start, s.end)));
    at = s.end;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

export async function render(main, { arg, params }) {
  setTitle("Article");
  let art;
  try {
    art = await api(`/articles/${encodeURIComponent(arg)}`);
  } catch (err) {
    main.append(el("h1", {}, "Article"), errorBox(err), el("p", {}, link("/search", "Search events")));
    return;
  }
  setTitle(art.title || "Article");
  const events = art.events ?? [];
  const bySentence = new Map();
  for (const e of events) {
    const idx = e.sentence_index ?? e.sentence_idx;
    if (!bySentence.has(idx)) bySentence.set(idx, []);
    bySentence.get(idx).push(e);
  }
  const mentionsBy = new Map();
  for (const m of art.mentions ?? []) {
    if (!mentionsBy.has(m.sentence_idx)) mentionsBy.set(m.sentence_idx, []);
    mentionsBy.get(m.sentence_idx).push(m);
  }

  // The text: paragraphs of sentences; each sentence an anchor (#s3) that can be focused.
  const textBox = el("div", { class: "article-text", id: "article-text" });
  let para = null;
  let paraNo = null;
  for (const s of art.sentences ?? []) {
    if (para === null || s.paragraph !== paraNo) {
      para = el("p");
      paraNo = s.paragraph;
      textBox.appendChild(para);
    } else {
      para.appendChild(document.createTextNode(" "));
    }
    const spans = [];
    for (const m of mentionsBy.get(s.idx) ?? []) {
      spans.push({ start: m.start, end: m.end, kind: "actor", title: `actor ${m.code}` });
    }
    for (const e of bySentence.get(s.idx) ?? []) {
      const t = e.trigger ?? e.evidence?.trigger;
      if (t) spans.push({ start: t.start, end: t.end, kind: "trigger", title: `event ${e.cameo} (${e.id})` });
    }
    para.appendChild(el("span", { class: "sent", id: `s${s.idx}`, tabindex: "-1", dataset: { idx: s.idx } }, markSentence(s.text, spans)));
  }
  if (!(art.sentences ?? []).length && art.text) textBox.appendChild(el("p", {}, art.text));

  const copies = art.copies ?? [];
  const url = art.url ?? copies.find((c) => c.url)?.url;
  const meta = el(
    "div",
    { class: "meta" },
    el("div", {}, `Published ${fmtDate(art.date)}`, art.publisher ? ` by ${art.publisher}` : "", ` · ingested ${fmtStamp(art.ingested_at)}`),
    url ? el("div", {}, "Source: ", el("a", { href: url, rel: "noopener noreferrer nofollow" }, url)) : null,
    copies.length > 1 ? el("div", {}, `${copies.length} copies of this article were read.`) : null,
  );

  const eventsBox = el("section", { class: "panel", "aria-labelledby": "art-events-h" });
  const rows = el("tbody");
  for (const e of events) {
    const idx = e.sentence_index ?? e.sentence_idx;
    const location = e.location?.name ?? e.location_name;
    const rule = e.rule ?? e.evidence?.rule;
    rows.appendChild(
      el(
        "tr",
        { id: `event-${e.id}`, dataset: { eventId: e.id, idx } },
        el("td", {}, el("a", { href: `?event=${encodeURIComponent(e.id)}#s${idx}`, class: "goto", onclick: (ev) => {
          ev.preventDefault();
          select(e.id, true);
        } }, `Sentence ${Number(idx) + 1}`)),
        el("td", {}, actorLink(side(e, "source"))),
        el("td", {}, el("div", {}, e.cameo ?? "—", " ", quadBadge(e.quad_class)), e.plover ? el("div", { class: "small muted" }, e.plover) : null),
        el("td", {}, actorLink(side(e, "target"))),
        el("td", { class: "num" }, fmtSigned(e.goldstein, 1)),
        el("td", {}, fmtDate(e.date, e.date_precision), e.historical ? el("div", { class: "small muted" }, "background") : null),
        el("td", {}, location ?? "—"),
        el("td", { class: "num" }, fmtPct(e.confidence)),
        el(
          "td",
          {},
          rule ? el("code", { class: "rule" }, rule) : "—",
          e.modality && e.modality !== "asserted" ? el("div", { class: "small muted" }, e.modality) : null,
          e.negated ? el("div", { class: "small muted" }, "negated") : null,
        ),
      ),
    );
  }
  fill(
    eventsBox,
    el("h2", { id: "art-events-h" }, `${events.length} events`),
    events.length
      ? el(
          "table",
          { id: "article-events" },
          el(
            "thead",
            {},
            el(
              "tr",
              {},
              ["Where", "Source", "Event", "Target"].map((h) => el("th", { scope: "col" }, h)),
              el("th", { scope: "col", class: "num" }, "Goldstein"),
              el("th", { scope: "col" }, "Date"),
              el("th", { scope: "col" }, "Location"),
              el("th", { scope: "col", class: "num" }, "Confidence"),
              el("th", { scope: "col" }, "Evidence"),
            ),
          ),
          rows,
        )
      : el("p", { class: "empty" }, "No events were coded in this article."),
  );

  main.append(
    el("h1", { id: "article-title" }, art.title || "(untitled article)"),
    meta,
    el(
      "div",
      { class: "keyline", "aria-hidden": "true" },
      el("span", {}, el("mark", { class: "actor" }, "actor"), " mention"),
      el("span", {}, el("mark", { class: "trigger" }, "trigger"), " of an event"),
    ),
    el("section", { class: "panel", "aria-label": "Article text" }, textBox),
    el("div", { class: "spacer" }),
    eventsBox,
  );
  eventsBox.style.marginTop = "1rem";

  function select(eventId, push) {
    for (const n of main.querySelectorAll(".sent.target, tr.active")) n.classList.remove("target", "active");
    const e = events.find((x) => String(x.id) === String(eventId));
    const idx = e ? e.sentence_index ?? e.sentence_idx : null;
    const row = main.querySelector(`#event-${CSS.escape(String(eventId))}`);
    if (row) row.classList.add("active");
    const sent = idx !== null ? main.querySelector(`#s${idx}`) : null;
    if (sent) {
      sent.classList.add("target");
      sent.scrollIntoView({ block: "center" });
      sent.focus({ preventScroll: true });
    }
    if (push) history.replaceState(null, "", `?event=${encodeURIComponent(eventId)}#s${idx}`);
  }

  const wanted = params.get("event");
  if (wanted) select(wanted, false);
  else if (location.hash.startsWith("#s")) {
    const sent = main.querySelector(location.hash);
    if (sent) {
      sent.classList.add("target");
      sent.scrollIntoView({ block: "center" });
    }
  }
}
