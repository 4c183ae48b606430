// The portal inside the widget's side panel (an iframe on the host product's page).
//
// Browsers block the site's cookies in a cross-site frame, so pages here are not
// loaded by ordinary navigation (it could not carry the visitor). Links and forms
// are fetched with the bearer token instead and the new page replaces this one's
// body, with history entries as usual. Escape asks the host page to close the panel.
//
// The widget script on the host page keeps the bearer token too: if the frame is
// reloaded (its address no longer holds the spent host token, and third-party
// storage is usually blocked), the page asks the widget for it and carries on.
import { credentials, currentBearer, hasBearer, requestHeaders, setBearer } from "./auth.js";

const root = document.documentElement;
// The widget's page says so; a reloaded frame does not, but still holds the visitor's bearer token.
const embedded = root.dataset.wfEmbedded !== undefined || (window.parent !== window && hasBearer());
let onSwap = () => {};

function sameSite(url) {
  return url.origin === window.location.origin;
}

const framed = window.parent !== window;

/** The host page's origin (only origins in FRAME_ANCESTORS can frame the portal at all). */
function hostOrigin() {
  if (window.location.ancestorOrigins && window.location.ancestorOrigins.length) {
    return window.location.ancestorOrigins[0];
  }
  try {
    return document.referrer ? new URL(document.referrer).origin : null;
  } catch (error) {
    return null;
  }
}

function tellHost(type, extra = {}, { secret = false } = {}) {
  if (!framed) return;
  const origin = hostOrigin();
  if (secret && !origin) return; // a token goes to the known host page only
  window.parent.postMessage({ source: "wagtail-feedback", type, ...extra }, origin || "*");
}

function fromHost(event, type) {
  const message = event.data || {};
  return event.source === window.parent && event.origin === hostOrigin() && message.source === "wagtail-feedback"
    && message.type === type;
}

async function load(url, { method = "GET", body = null, push = true } = {}) {
  document.body.setAttribute("aria-busy", "true");
  let response;
  try {
    response = await fetch(url, {
      method,
      body,
      credentials: credentials(),
      headers: requestHeaders({ Accept: "text/html" }),
    });
  } catch (error) {
    document.body.removeAttribute("aria-busy");
    return;
  }
  const html = await response.text();
  const page = new DOMParser().parseFromString(html, "text/html");
  document.title = page.title;
  root.lang = page.documentElement.lang;
  document.body.replaceWith(document.adoptNode(page.body));
  const finalUrl = new URL(response.url);
  const hash = new URL(url, window.location.href).hash;
  if (push) history.pushState({ wf: true }, "", finalUrl.pathname + finalUrl.search + hash);
  else history.replaceState({ wf: true }, "", finalUrl.pathname + finalUrl.search + hash);
  const target = hash && document.getElementById(decodeURIComponent(hash.slice(1)));
  if (target) {
    target.scrollIntoView();
  } else {
    window.scrollTo(0, 0);
    const main = document.getElementById("wf-main");
    if (main) main.focus({ preventScroll: true });
  }
  onSwap(document);
  tellHost("ready");
}

function onClick(event) {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = event.target.closest("a[href]");
  if (!link || link.hasAttribute("download")) return;
  const url = new URL(link.href, window.location.href);
  if (!sameSite(url)) {
    // Never leave the portal inside the panel: other sites open in a new tab.
    event.preventDefault();
    window.open(url.toString(), "_blank", "noopener");
    return;
  }
  if (url.pathname === window.location.pathname && url.search === window.location.search && url.hash) return;
  event.preventDefault();
  load(url.toString());
}

function onSubmit(event) {
  if (event.defaultPrevented) return;
  const form = event.target;
  const url = new URL(form.action || window.location.href, window.location.href);
  if (!sameSite(url)) return;
  event.preventDefault();
  const data = new FormData(form, event.submitter || undefined);
  const method = (form.method || "get").toUpperCase();
  if (method === "GET") {
    url.search = new URLSearchParams(data).toString();
    load(url.toString());
  } else {
    load(url.toString(), { method, body: new URLSearchParams(data) });
  }
}

function listen() {
  document.addEventListener("click", onClick);
  document.addEventListener("submit", onSubmit);
  window.addEventListener("popstate", () => load(window.location.href, { push: false }));
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !event.defaultPrevented) tellHost("close");
  });
}

function address(url) {
  // The widget's entry address (its token spent) stands for the portal's home.
  return url.pathname.endsWith("/widget/") ? url.pathname.replace(/widget\/$/, "") : url.pathname + url.search;
}

export function start(enhance) {
  onSwap = enhance;
  if (!embedded && !framed) return;
  // The first page's address holds the single-use host token: take it out.
  const here = new URL(window.location.href);
  if (here.searchParams.has("token")) {
    here.searchParams.delete("token");
    history.replaceState({ wf: true }, "", here.pathname + here.search);
  }
  const identified = Boolean(document.querySelector(".wf-who"));
  if (hasBearer()) {
    listen();
    // A reloaded frame came without the bearer (a plain navigation): fetch the page again with it.
    if (!identified) load(address(here), { push: false });
    tellHost("remember", { token: currentBearer() }, { secret: true });
  } else if (framed && !identified) {
    // Perhaps the widget's frame, reloaded, with storage blocked: ask the widget for the token.
    window.addEventListener("message", (event) => {
      if (!fromHost(event, "bearer") || !event.data.token || hasBearer()) return;
      setBearer(event.data.token);
      listen();
      load(address(here), { push: false });
    });
    tellHost("need-bearer");
    return; // "ready" once the page is back (or the widget shows it after a pause)
  } else if (embedded) {
    listen();
  }
  tellHost("ready");
}
