// A <datalist> of the actor codes in the store, for the pickers (filled once per page).
import { api, el, items } from "./app.js";

let list = null;

export function actorDatalist() {
  if (list) return list;
  list = el("datalist", { id: "actor-codes" });
  api("/actors", { limit: 500 })
    .then((body) => {
      for (const a of items(body)) {
        const code = a.code ?? a.country;
        if (!code) continue;
        list.appendChild(el("option", { value: code }, a.name ? `${a.name} (${code})` : code));
      }
    })
    .catch(() => {
      /* the pickers still take typed codes */
    });
  return list;
}
