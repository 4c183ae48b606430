// Similar requests listed while a suggestion's title is typed (journey V2).
//
// The title input is an ARIA combobox; the list below it is its listbox. Typing
// asks the API (debounced, earlier answers aborted); ↑/↓ move through the list,
// Enter opens the chosen request (where the visitor can vote instead), Escape
// closes the list. Works the same in the widget (fetch carries the bearer token).
import { api } from "./auth.js";

const DEBOUNCE_MS = 250;
const MIN_LENGTH = 2;

class SimilarRequests {
  constructor(input) {
    this.input = input;
    this.endpoint = input.dataset.wfSimilar;
    this.list = document.getElementById(input.getAttribute("aria-controls"));
    this.panel = document.getElementById(`${input.id}-similar`) || this.list.parentElement;
    this.status = document.getElementById(`${input.id}-similar-status`);
    this.results = [];
    this.active = -1;
    this.timer = null;
    this.controller = null;
    this.lastQuery = "";
    input.addEventListener("input", () => this.schedule());
    input.addEventListener("keydown", (event) => this.key(event));
    input.addEventListener("focus", () => {
      if (this.results.length) this.open(true);
    });
    if (input.value.trim().length >= MIN_LENGTH) this.schedule(0);
  }

  schedule(delay = DEBOUNCE_MS) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.search(), delay);
  }

  async search() {
    const query = this.input.value.trim();
    if (query === this.lastQuery) return;
    this.lastQuery = query;
    if (this.controller) this.controller.abort();
    if (query.length < MIN_LENGTH) {
      this.show([]);
      return;
    }
    this.controller = new AbortController();
    const url = `${this.endpoint}?${new URLSearchParams({ q: query, limit: "5" })}`;
    try {
      const { ok, data } = await api(url, { signal: this.controller.signal, el: this.input });
      if (ok && query === this.input.value.trim()) this.show(data.results || []);
    } catch (error) {
      if (error.name !== "AbortError") this.show([]);
    }
  }

  show(results) {
    this.results = results;
    this.active = -1;
    this.input.removeAttribute("aria-activedescendant");
    this.list.replaceChildren(
      ...results.map((result, index) => {
        const option = document.createElement("li");
        option.id = `${this.list.id}-${result.id}`;
        option.className = "wf-similar-option";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.dataset.url = result.url;
        const title = document.createElement("span");
        title.className = "wf-similar-title";
        title.textContent = result.title;
        const meta = document.createElement("span");
        meta.className = "wf-similar-meta";
        const status = document.createElement("span");
        status.className = `wf-status wf-status-${result.status}`;
        status.textContent = result.status_label;
        const votes = document.createElement("span");
        votes.className = "wf-similar-votes";
        votes.textContent = `▲ ${result.votes}`;
        meta.append(status, votes);
        option.append(title, meta);
        option.addEventListener("mousedown", (event) => event.preventDefault()); // keep focus in the input
        option.addEventListener("click", () => this.choose(index));
        return option;
      }),
    );
    this.open(results.length > 0);
    if (this.status) {
      const n = results.length;
      this.status.textContent = n === 0 ? "" : n === 1 ? this.status.dataset.labelOne : this.status.dataset.labelMany.replace("%s", n);
    }
  }

  open(yes) {
    this.panel.hidden = !yes;
    this.input.setAttribute("aria-expanded", yes ? "true" : "false");
  }

  move(step) {
    if (!this.results.length) return;
    this.open(true);
    const count = this.results.length;
    this.active = this.active === -1 ? (step > 0 ? 0 : count - 1) : (this.active + step + count) % count;
    [...this.list.children].forEach((option, i) => option.setAttribute("aria-selected", i === this.active ? "true" : "false"));
    const option = this.list.children[this.active];
    this.input.setAttribute("aria-activedescendant", option.id);
    option.scrollIntoView({ block: "nearest" });
  }

  choose(index) {
    const result = this.results[index];
    if (!result) return;
    const url = new URL(result.url, window.location.href);
    url.searchParams.set("from", "suggest");
    // In the widget, the in-frame navigation picks this up; elsewhere it is a normal navigation.
    const link = document.createElement("a");
    link.href = url.toString();
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
  }

  key(event) {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      this.move(1);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      this.move(-1);
    } else if (event.key === "Enter" && this.active >= 0 && !this.panel.hidden) {
      event.preventDefault();
      this.choose(this.active);
    } else if (event.key === "Escape" && !this.panel.hidden) {
      event.preventDefault();
      event.stopPropagation();
      this.open(false);
      this.active = -1;
      this.input.removeAttribute("aria-activedescendant");
    }
  }
}

export function enhance(scope = document) {
  scope.querySelectorAll("input[data-wf-similar]").forEach((input) => {
    if (!input.wfSimilar) input.wfSimilar = new SimilarRequests(input);
  });
}
