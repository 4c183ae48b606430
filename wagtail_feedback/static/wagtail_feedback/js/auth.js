// How the portal's scripts authenticate their requests.
//
// On a normal portal page: the visitor session cookie, plus the CSRF token from
// <meta name="wf-csrf"> on writes. Inside the widget's iframe (a cross-site frame,
// where the browser blocks the site's cookies): the bearer token the page was given,
// sent as "Authorization: Bearer …" — see wagtail_feedback/views/session.py.

const STORAGE_KEY = "wagtail-feedback-bearer";
let bearer = null;

function readInitialBearer() {
  const root = document.documentElement;
  if (root.dataset.wfBearer) {
    bearer = root.dataset.wfBearer;
    delete root.dataset.wfBearer;
    try {
      sessionStorage.setItem(STORAGE_KEY, bearer);
    } catch (error) {
      // Storage may be unavailable in a third-party frame; memory is enough.
    }
  } else if (root.dataset.wfEmbedded !== undefined || window.parent !== window) {
    // Inside the widget's frame (also after the frame was reloaded, when the page came without it).
    try {
      bearer = sessionStorage.getItem(STORAGE_KEY);
    } catch (error) {
      bearer = null;
    }
  }
}
readInitialBearer();

/** Remember a bearer token handed back by the widget (after the frame was reloaded). */
export function setBearer(token) {
  bearer = token;
  try {
    sessionStorage.setItem(STORAGE_KEY, token);
  } catch (error) {
    // Storage is often blocked in third-party frames; memory is enough.
  }
}

export function currentBearer() {
  return bearer;
}

export function hasBearer() {
  return Boolean(bearer);
}

export function csrfToken() {
  const meta = document.querySelector('meta[name="wf-csrf"]');
  return meta ? meta.content : "";
}

/** Headers for a request to the site: Accept, and the bearer token or the CSRF token. */
export function requestHeaders(extra = {}, { csrf = "" } = {}) {
  const headers = { Accept: "application/json", ...extra };
  if (bearer) {
    headers.Authorization = `Bearer ${bearer}`;
  } else {
    headers["X-CSRFToken"] = csrf || csrfToken();
  }
  return headers;
}

/** Credentials mode: the bearer alone inside the widget, the session cookie otherwise. */
export function credentials() {
  return bearer ? "omit" : "same-origin";
}

/** JSON API call; resolves to { ok, status, data }. */
export async function api(url, { method = "GET", body = undefined, signal = undefined } = {}) {
  const init = { method, headers: requestHeaders(), credentials: credentials(), signal };
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const response = await fetch(url, init);
  let data = null;
  try {
    data = await response.json();
  } catch (error) {
    data = null;
  }
  return { ok: response.ok, status: response.status, data };
}

/** The first message of an API error answer ({"errors": {...}} or {"detail": ...}). */
export function errorMessage(data, fallback) {
  if (data && data.errors) {
    for (const messages of Object.values(data.errors)) {
      if (messages && messages.length) return messages[0];
    }
  }
  if (data && data.detail) return data.detail;
  return fallback;
}
