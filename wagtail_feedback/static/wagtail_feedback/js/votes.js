// Vote, take back, "not interested" and subscribe without reloading the page.
// Enhances the server-rendered forms (form[data-wf-vote], form[data-wf-subscribe]):
// without JavaScript they post to the portal and come back.
// Texts and the CSRF token come from the portal page, or from the page block around the form (auth.js).
import { api, errorMessage, label } from "./auth.js";

function container(form) {
  return form.closest("[data-wf-request]");
}

function setVoteButton(button, voted, count) {
  button.setAttribute("aria-pressed", voted ? "true" : "false");
  button.value = voted ? "unvote" : "vote";
  const countNode = button.querySelector(".wf-votebox-count");
  if (countNode && count !== undefined) countNode.textContent = String(count);
  const labelNode = button.querySelector(".wf-votebox-label");
  if (labelNode) labelNode.textContent = label(button, voted ? "labelVoted" : "labelVote");
}

function applyState(root, item) {
  const state = item.my_vote || "none";
  root.dataset.state = state;
  root.classList.toggle("is-not-interested", state === "not_interested");
  root.querySelectorAll(".wf-votebox[aria-pressed]").forEach((button) => setVoteButton(button, state === "active", item.votes));
  root.querySelectorAll(".wf-votes[data-one]").forEach((node) => {
    // data-one / data-other are "1 vote" / "2 votes" in the page's language.
    const form = new Intl.PluralRules(document.documentElement.lang).select(item.votes) === "one" ? "one" : "other";
    node.textContent = node.dataset[form].replace(form === "one" ? "1" : "2", String(item.votes));
  });
  // The secondary button: "Not interested" while undecided, "Undo" after it, nothing once voted.
  root.querySelectorAll("button.wf-not-interested, button.wf-undo").forEach((button) => {
    const notInterested = state === "not_interested";
    button.hidden = state === "active";
    button.value = notInterested ? "unvote" : "not_interested";
    button.classList.toggle("wf-undo", notInterested);
    button.classList.toggle("wf-not-interested", !notInterested);
    const text = button.querySelector("span") || button;
    text.textContent = label(button, notInterested ? "labelUndo" : "labelNotInterested");
  });
  const feedback = root.querySelector(".wf-item-feedback");
  if (feedback) {
    feedback.textContent =
      state === "not_interested" ? label(root, "labelNotInterestedDone") : state === "active" ? label(root, "labelVotedDone") : "";
  }
  const note = root.querySelector("[data-wf-vote-note]");
  if (note && state === "active") note.textContent = label(root, "labelVotedDone");
  if (item.subscribed !== undefined) {
    root.querySelectorAll("[data-wf-subscribe] .wf-switch").forEach((sw) => setSwitch(sw, item.subscribed));
  }
}

function setSwitch(button, on) {
  button.setAttribute("aria-checked", on ? "true" : "false");
  const input = button.form.querySelector('input[name="subscribe"]');
  if (input) input.value = on ? "off" : "on";
}

async function submitVote(event) {
  const form = event.currentTarget;
  const root = container(form);
  const button = event.submitter || form.querySelector("button");
  if (!root || !root.dataset.wfApi || !button) return;
  event.preventDefault();
  const action = button.value;
  const base = root.dataset.wfApi;
  const call =
    action === "vote"
      ? api(`${base}vote/`, { method: "POST", el: form })
      : action === "not_interested"
        ? api(`${base}not-interested/`, { method: "POST", el: form })
        : api(`${base}vote/`, { method: "DELETE", el: form });
  button.setAttribute("aria-busy", "true");
  try {
    const { ok, data } = await call;
    if (!ok) throw new Error(errorMessage(data, label(root, "labelError")));
    applyState(root, data);
  } catch (error) {
    const feedback = root.querySelector(".wf-item-feedback, [data-wf-vote-note]");
    if (feedback) feedback.textContent = error.message || label(root, "labelError");
  } finally {
    button.removeAttribute("aria-busy");
  }
}

async function submitSubscription(event) {
  const form = event.currentTarget;
  const root = container(form);
  if (!root || !root.dataset.wfApi) return;
  event.preventDefault();
  const button = form.querySelector(".wf-switch");
  const on = button.getAttribute("aria-checked") !== "true";
  setSwitch(button, on);
  const { ok } = await api(`${root.dataset.wfApi}subscription/`, { method: on ? "POST" : "DELETE", el: form });
  if (!ok) setSwitch(button, !on);
}

export function enhance(scope = document) {
  scope.querySelectorAll("form[data-wf-vote]").forEach((form) => {
    if (form.wfEnhanced) return;
    form.wfEnhanced = true;
    form.addEventListener("submit", submitVote);
  });
  scope.querySelectorAll("form[data-wf-subscribe]").forEach((form) => {
    if (form.wfEnhanced) return;
    form.wfEnhanced = true;
    form.addEventListener("submit", submitSubscription);
  });
}
