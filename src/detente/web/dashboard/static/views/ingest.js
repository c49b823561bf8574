// Ingest: paste a text, give URLs or upload files; the server codes and stores them in a job,
// whose progress is polled from /api/jobs/{id}. Writing needs an API token (`detente token create`),
// kept for this browser tab only (sessionStorage), never in the address.
import { ApiError, api, el, errorBox, fill, fmtInt, fmtStamp, link, setTitle } from "../app.js";

const KEY = "detente.token";

export async function render(main) {
  setTitle("Ingest");
  const token = el("input", { id: "in-token", type: "password", autocomplete: "off", size: 48, value: sessionStorage.getItem(KEY) || "", required: true });
  const remember = el("input", { id: "in-remember", type: "checkbox", checked: Boolean(sessionStorage.getItem(KEY)) });

  const text = el("textarea", { id: "in-text", name: "text", rows: 8, placeholder: "Paste an article (plain text or HTML)…" });
  const title = el("input", { id: "in-title", name: "title", size: 40 });
  const date = el("input", { id: "in-date", name: "date", type: "date" });
  const urls = el("textarea", { id: "in-urls", name: "urls", rows: 4, placeholder: "https://… (one per line)" });
  const files = el("input", { id: "in-files", name: "file", type: "file", multiple: true, accept: ".txt,.html,.htm,.jsonl,.json,text/*" });

  const panes = {
    text: el(
      "div",
      { id: "pane-text", role: "tabpanel", "aria-labelledby": "tab-text" },
      el("div", { class: "field" }, el("label", { for: "in-text" }, "Text"), text),
      el(
        "div",
        { class: "controls" },
        el("div", { class: "field" }, el("label", { for: "in-title" }, "Title (optional)"), title),
        el("div", { class: "field" }, el("label", { for: "in-date" }, "Publication date (optional)"), date),
      ),
    ),
    url: el("div", { id: "pane-url", role: "tabpanel", "aria-labelledby": "tab-url", hidden: true }, el("div", { class: "field" }, el("label", { for: "in-urls" }, "Addresses of pages to fetch"), urls), el("p", { class: "small muted" }, "The server fetches public addresses only.")),
    files: el("div", { id: "pane-files", role: "tabpanel", "aria-labelledby": "tab-files", hidden: true }, el("div", { class: "field" }, el("label", { for: "in-files" }, "Files (text, HTML, JSONL)"), files)),
  };
  let mode = "text";
  const tabs = el("div", { class: "tabs", role: "tablist", "aria-label": "What to ingest" });
  for (const [key, label] of [["text", "Paste text"], ["url", "URLs"], ["files", "Upload files"]]) {
    tabs.appendChild(
      el("button", { type: "button", role: "tab", id: `tab-${key}`, "aria-controls": `pane-${key}`, "aria-selected": String(key === mode), onclick: () => choose(key) }, label),
    );
  }
  function choose(key) {
    mode = key;
    for (const b of tabs.querySelectorAll("button")) b.setAttribute("aria-selected", String(b.id === `tab-${key}`));
    for (const [k, pane] of Object.entries(panes)) pane.hidden = k !== key;
  }

  const submit = el("button", { type: "submit", id: "in-submit" }, "Ingest");
  const status = el("div", { class: "job", id: "job", "aria-live": "polite" }, el("p", { class: "empty" }, "No job yet: its progress will show here."));
  const form = el(
    "form",
    { id: "ingest-form", "aria-label": "Ingest documents" },
    el(
      "div",
      { class: "controls" },
      el("div", { class: "field" }, el("label", { for: "in-token" }, "API token (needed to write)"), token),
      el("div", { class: "field inline" }, remember, el("label", { for: "in-remember" }, "Keep for this tab")),
    ),
    tabs,
    panes.text,
    panes.url,
    panes.files,
    el("p", {}, submit),
  );
  main.append(
    el("h1", {}, "Ingest documents"),
    el("p", { class: "muted" }, "Code and store new articles. Create a token on the server with ", el("code", {}, "detente token create"), "."),
    el(
      "div",
      { class: "grid halves" },
      el("section", { class: "panel", "aria-label": "What to ingest" }, form),
      el("section", { class: "panel", "aria-labelledby": "job-h" }, el("h2", { id: "job-h" }, "Progress"), status),
    ),
  );

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const secret = token.value.trim();
    if (!secret) {
      fill(status, errorBox("Give an API token."));
      token.focus();
      return;
    }
    if (remember.checked) sessionStorage.setItem(KEY, secret);
    else sessionStorage.removeItem(KEY);
    let body;
    const headers = { Authorization: `Bearer ${secret}`, Accept: "application/json" };
    if (mode === "text") {
      if (!text.value.trim()) return fill(status, errorBox("Paste a text first."));
      body = JSON.stringify({ text: text.value, title: title.value || undefined, date: date.value || undefined });
      headers["Content-Type"] = "application/json";
    } else if (mode === "url") {
      const list = urls.value.split(/\s+/).filter(Boolean);
      if (!list.length) return fill(status, errorBox("Give at least one address."));
      body = JSON.stringify({ urls: list });
      headers["Content-Type"] = "application/json";
    } else {
      if (!files.files.length) return fill(status, errorBox("Choose files first."));
      body = new FormData();
      for (const f of files.files) body.append("file", f, f.name);
    }
    submit.disabled = true;
    fill(status, el("p", { class: "loading" }, "Sending…"));
    try {
      const response = await fetch("/api/ingest", { method: "POST", headers, body });
      const answer = await response.json().catch(() => ({}));
      if (!response.ok) throw new ApiError(`${response.status}: ${answer.detail ?? answer.error ?? response.statusText}`, response.status);
      await follow(answer);
    } catch (err) {
      status.appendChild(errorBox(err));
    } finally {
      submit.disabled = false;
    }
  });

  const titles = new Map(); // article id -> title, looked up once the job is over

  async function follow(job) {
    for (;;) {
      show(job);
      if (job.status === "done" || job.status === "failed") {
        for (const id of (job.articles ?? []).slice(0, 50)) {
          const art = await api(`/articles/${encodeURIComponent(id)}`).catch(() => null);
          if (art?.title) titles.set(id, art.title);
        }
        if (titles.size) show(job);
        return;
      }
      await new Promise((r) => setTimeout(r, 400));
      const response = await fetch(`/api/jobs/${encodeURIComponent(job.id)}`, { headers: { Accept: "application/json" } });
      if (!response.ok) throw new ApiError(`${response.status}: the job is gone`, response.status);
      job = await response.json();
    }
  }

  function show(job) {
    const total = job.total ?? 0;
    const done = job.done ?? 0;
    const bar = el("progress", { max: Math.max(total, 1), value: done, "aria-label": "Documents coded" });
    if (!total && job.status !== "done") bar.removeAttribute("value"); // not known yet: indeterminate
    fill(
      status,
      el("h3", { id: "job-status" }, `Job ${job.id}: ${job.status}`),
      bar,
      el(
        "p",
        { id: "job-counts" },
        `${fmtInt(done)} of ${total ? fmtInt(total) : "?"} documents; ${fmtInt(job.stored)} stored, ${fmtInt(job.skipped)} already stored, ` +
          `${fmtInt(job.failed)} failed; ${fmtInt(job.events)} events.`,
      ),
      el("p", { class: "small muted" }, `Started ${fmtStamp(job.started_at ?? job.created_at)}`, job.finished_at ? `, finished ${fmtStamp(job.finished_at)}` : ""),
      (job.errors ?? []).length
        ? el("ul", { class: "errors" }, job.errors.map((e) => el("li", { class: "error" }, `${e.document ?? "job"}: ${e.reason}`)))
        : null,
      (job.articles ?? []).length
        ? el(
            "div",
            {},
            el("h3", {}, "Articles"),
            el(
              "ul",
              { id: "job-articles" },
              job.articles.map((id) => el("li", {}, link(`/article/${encodeURIComponent(id)}`, titles.get(id) ?? String(id)))),
            ),
          )
        : null,
    );
  }
}
