// How the portal's scripts authenticate their requests, and where they find the
// page's context (the CSRF token and the data-label-* texts).
//
// On a normal portal page: the visitor session cookie, plus the CSRF token from
// <meta name="wf-csrf"> on writes. Inside the widget's iframe (a cross-site frame,
// where the browser blocks the site's cookies): the bearer token the page was given,
// sent as "Authorization: Bearer …" — see wagtail_feedback/views/session.py.
// In a page block (templates/wagtail_feedback/blocks/) on one of the site's own pages,
// which has neither that <meta> nor the portal's <body>: the session cookie, plus
// what the block element ([data-wf-block]) carries — data-wf-csrf and data-label-*.
// The page's first block carries them for every block on the page.

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

/**
 * The page block that holds `attribute` for `el`: el's own block, or else the page's
 * first block carrying it (it carries it for all of them). Null outside page blocks.
 */
function blockHolding(el, attribute) {
  const block = el ? el.closest("[data-wf-block]") : null;
  if (!block) return null;
  return block.hasAttribute(attribute) ? block : document.querySelector(`[data-wf-block][${attribute}]`);
}

/** The CSRF token for a request made from `el`: its page block's, else the portal page's <meta>. */
export function csrfToken(el = null) {
  const block = blockHolding(el, "data-wf-csrf");
  if (block) return block.dataset.wfCsrf;
  const meta = document.querySelector('meta[name="wf-csrf"]');
  return meta ? meta.content : "";
}

/** A text for `el` from data-label-* ("labelVoted"…): its page block's, else the portal page's <body>. */
export function label(el, name) {
  const block = blockHolding(el, "data-label-vote");
  return (block && block.dataset[name]) || document.body.dataset[name] || "";
}

/**
 * Headers for a request to the site: Accept, and the bearer token or the CSRF token
 * (`csrf` if given, else the one for the element `el` the request is made from).
 */
export function requestHeaders(extra = {}, { csrf = "", el = null } = {}) {
  const headers = { Accept: "application/json", ...extra };
  if (bearer) {
    headers.Authorization = `Bearer ${bearer}`;
  } else {
    headers["X-CSRFToken"] = csrf || csrfToken(el);
  }
  return headers;
}

/** Credentials mode: the bearer alone inside the widget, the session cookie otherwise. */
export function credentials() {
  return bearer ? "omit" : "same-origin";
}

/** JSON API call, made from the element `el` (for its CSRF token); resolves to { ok, status, data }. */
export async function api(url, { method = "GET", body = undefined, signal = undefined, el = null } = {}) {
  const init = { method, headers: requestHeaders({}, { el }), credentials: credentials(), signal };
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
