// Small helpers for the portal's forms: character counters, filters that apply
// on change, and a saved draft of a suggestion (kept while the visitor looks at
// a similar request, cleared once it is posted).

const DRAFT_KEY = "wagtail-feedback-suggestion-draft";

function counter(field) {
  const limit = Number(field.dataset.wfMaxlength);
  const output = document.querySelector(`[data-wf-counter-for="${field.id}"]`);
  if (!limit || !output) return;
  const update = () => {
    const length = field.value.trim().length;
    // Only worth showing near the limit.
    output.textContent = length > limit * 0.8 ? `${length} / ${limit}` : "";
    output.classList.toggle("is-over", length > limit);
  };
  field.addEventListener("input", update);
  update();
}

function draft(form) {
  const fields = [...form.querySelectorAll("input[name], textarea[name], select[name]")].filter(
    (f) => f.type !== "hidden" && f.name !== "csrfmiddlewaretoken",
  );
  let saved = null;
  try {
    saved = JSON.parse(sessionStorage.getItem(DRAFT_KEY) || "null");
  } catch (error) {
    saved = null;
  }
  if (saved && fields.every((f) => !f.value)) {
    fields.forEach((f) => {
      if (saved[f.name]) f.value = saved[f.name];
    });
  }
  const save = () => {
    try {
      sessionStorage.setItem(DRAFT_KEY, JSON.stringify(Object.fromEntries(fields.map((f) => [f.name, f.value]))));
    } catch (error) {
      // No storage: no draft.
    }
  };
  form.addEventListener("input", save);
  form.addEventListener("change", save);
}

export function clearDraftIfPosted() {
  if (new URLSearchParams(window.location.search).get("new") === "1") {
    try {
      sessionStorage.removeItem(DRAFT_KEY);
    } catch (error) {
      // Nothing to clear.
    }
  }
}

function clearErrorOnEdit(field) {
  // A message about what was sent goes once the visitor changes the field.
  field.addEventListener(
    "input",
    () => {
      field.removeAttribute("aria-invalid");
      const wrapper = field.closest(".wf-field");
      if (wrapper) wrapper.classList.remove("has-error");
      const error = document.getElementById(`${field.id}_error`);
      if (error) error.hidden = true;
    },
    { once: true },
  );
}

export function enhance(scope = document) {
  scope.querySelectorAll('[aria-invalid="true"]').forEach(clearErrorOnEdit);
  scope.querySelectorAll("[data-wf-maxlength]").forEach((field) => {
    if (!field.wfCounter) {
      field.wfCounter = true;
      counter(field);
    }
  });
  scope.querySelectorAll("form[data-wf-autosubmit]").forEach((form) => {
    if (form.wfAuto) return;
    form.wfAuto = true;
    form.querySelectorAll("select").forEach((select) => select.addEventListener("change", () => form.requestSubmit()));
  });
  scope.querySelectorAll("form[data-wf-suggest]").forEach((form) => {
    if (!form.wfDraft) {
      form.wfDraft = true;
      draft(form);
    }
  });
  clearDraftIfPosted();
}
