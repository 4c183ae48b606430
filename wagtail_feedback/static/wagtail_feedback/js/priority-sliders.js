// Zero-sum priority sliders (journeys V4 and C3).
//
// Enhances <div data-wf-priorities data-endpoint data-csrf-token data-initial="json-script-id">.
// Moving one slider moves the others at once (same rule as the server), saves without a
// button after a short pause, and then shows exactly what the server stored.
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
    const response = await fetch(this.endpoint, { headers: { Accept: "application/json" }, credentials: "same-origin" });
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
      const link = document.createElement("a");
      link.href = item.url;
      link.textContent = item.title;
      label.append(link);
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
    });
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
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": this.csrf },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(String(response.status));
      const data = await response.json();
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
      this.root.dispatchEvent(new CustomEvent("wf:priorities-saved", { bubbles: true, detail: data }));
    } catch (error) {
      this.status.textContent = this.labels.error;
      this.root.dataset.state = "error";
      await this.load();
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
