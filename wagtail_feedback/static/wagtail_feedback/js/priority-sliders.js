// Zero-sum priority sliders (journeys V4 and C3).
//
// Enhances <div data-wf-priorities data-endpoint data-csrf-token data-initial="json-script-id">.
// Moving one slider moves the others at once (same rule as the server), saves without a
// button after a short pause, and then shows exactly what the server stored.
// Keyboard: arrows move 1%, Page Up/Down 10%, Home/End 0% and 100%. Inside the portal's
// widget the requests carry the bearer token (auth.js); elsewhere the session and CSRF token
// (data-csrf-token, else the page block's or the portal page's: auth.js).
import { credentials, errorMessage, requestHeaders } from "./auth.js";
import { setShare } from "./priority-rules.js";

const SAVE_DELAY_MS = 350;

function percent(share, budget) {
  const value = (share * 100) / budget;
  return `${Number.isInteger(value) ? value : value.toFixed(1)}%`;
}

class PrioritySliders {
  constructor(root) {
    this.root = root;
    this.endpoint = root.dataset.endpoint;
    this.csrf = root.dataset.csrfToken || "";
    this.labels = {
      saving: root.dataset.labelSaving || "Saving…",
      saved: root.dataset.labelSaved || "Saved",
      error: root.dataset.labelError || "Could not save. Please try again.",
      slider: root.dataset.labelSlider || "Priority of %s",
    };
    this.pending = null;
    this.timer = null;
    this.inFlight = false;
    const initial = root.dataset.initial && document.getElementById(root.dataset.initial);
    if (initial) {
      this.apply(JSON.parse(initial.textContent));
    } else {
      this.load();
    }
  }

  async load() {
    const response = await fetch(this.endpoint, { headers: requestHeaders({}, { el: this.root }), credentials: credentials() });
    if (response.ok) this.apply(await response.json());
  }

  apply(data) {
    this.budget = data.budget;
    this.items = data.items;
    this.render();
  }

  render() {
    const list = document.createElement("ol");
    list.className = "wf-sliders";
    this.inputs = this.items.map((item, index) => {
      const li = document.createElement("li");
      li.className = "wf-slider";
      const id = `wf-slider-${this.root.dataset.key || "p"}-${item.request_id}`;
      const label = document.createElement("label");
      label.htmlFor = id;
      label.className = "wf-slider-label";
      const link = document.createElement("a");
      link.href = item.url;
      link.textContent = item.title;
      label.append(link);
      if (item.status_label) {
        const status = document.createElement("span");
        status.className = `wf-status wf-status-${item.status || "unknown"}`;
        status.textContent = item.status_label;
        label.append(" ", status);
      }
      const input = document.createElement("input");
      input.type = "range";
      input.id = id;
      input.min = "0";
      input.max = String(this.budget);
      input.step = String(this.budget / 100);
      input.value = String(item.share);
      input.setAttribute("aria-label", this.labels.slider.replace("%s", item.title));
      input.dataset.requestId = String(item.request_id);
      const output = document.createElement("output");
      output.htmlFor = id;
      output.className = "wf-slider-value";
      li.append(label, input, output);
      list.append(li);
      input.addEventListener("input", () => this.moved(index, Number(input.value)));
      input.addEventListener("change", () => this.moved(index, Number(input.value), true));
      input.addEventListener("keydown", (event) => this.key(event, index));
      return { input, output };
    });
    this.status = document.createElement("p");
    this.status.className = "wf-slider-status";
    this.status.setAttribute("role", "status");
    this.status.setAttribute("aria-live", "polite");
    this.root.replaceChildren(list, this.status);
    this.show();
  }

  show() {
    this.items.forEach((item, i) => {
      const { input, output } = this.inputs[i];
      if (Number(input.value) !== item.share) input.value = String(item.share);
      const text = percent(item.share, this.budget);
      output.textContent = text;
      input.setAttribute("aria-valuetext", text);
      input.style.setProperty("--wf-fill", `${(item.share * 100) / this.budget}%`);
    });
  }

  key(event, index) {
    // Native ranges step by 1% on arrows; make Page Up/Down a 10% step everywhere.
    const big = this.budget / 10;
    const current = this.items[index].share;
    let target = null;
    if (event.key === "PageUp") target = current + big;
    else if (event.key === "PageDown") target = current - big;
    if (target === null) return;
    event.preventDefault();
    const value = Math.max(0, Math.min(this.budget, target));
    this.inputs[index].input.value = String(value);
    this.moved(index, value, true);
  }

  moved(index, value, now = false) {
    const shares = setShare(this.items.map((it) => it.share), index, value, this.budget);
    this.items = this.items.map((it, i) => ({ ...it, share: shares[i] }));
    this.show();
    this.pending = { request_id: this.items[index].request_id, share: shares[index] };
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.save(), now ? 0 : SAVE_DELAY_MS);
  }

  async save() {
    if (this.inFlight || !this.pending) return;
    const body = this.pending;
    this.pending = null;
    this.inFlight = true;
    this.root.setAttribute("aria-busy", "true");
    this.status.textContent = this.labels.saving;
    try {
      const response = await fetch(this.endpoint, {
        method: "POST",
        credentials: credentials(),
        headers: requestHeaders({ "Content-Type": "application/json" }, { csrf: this.csrf, el: this.root }),
        body: JSON.stringify(body),
      });
      let data = null;
      try {
        data = await response.json();
      } catch (error) {
        data = null;
      }
      if (!response.ok) throw new Error(errorMessage(data, this.labels.error));
      if (!this.pending) {
        // Reconcile: the server's stored shares replace the local estimate.
        const order = new Map(this.items.map((it, i) => [it.request_id, i]));
        const same = data.items.length === this.items.length && data.items.every((it) => order.has(it.request_id));
        if (same) {
          const byId = new Map(data.items.map((it) => [it.request_id, it.share]));
          this.items = this.items.map((it) => ({ ...it, share: byId.get(it.request_id) }));
          this.show();
        } else {
          this.apply(data);
        }
      }
      this.status.textContent = this.labels.saved;
      delete this.root.dataset.state;
      this.root.dispatchEvent(new CustomEvent("wf:priorities-saved", { bubbles: true, detail: data }));
    } catch (error) {
      // Show what the server really holds, then say why the change did not stick.
      const message = error.message || this.labels.error;
      await this.load();
      this.status.textContent = message;
      this.root.dataset.state = "error";
    } finally {
      this.inFlight = false;
      this.root.removeAttribute("aria-busy");
      if (this.pending) this.save();
    }
  }
}

export function enhance(scope = document) {
  scope.querySelectorAll("[data-wf-priorities]").forEach((root) => {
    if (!root.wfSliders) root.wfSliders = new PrioritySliders(root);
  });
}

enhance();
