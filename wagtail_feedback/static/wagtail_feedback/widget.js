/*!
 * wagtail_feedback widget: a "Feedback" tab on the right edge of the host product
 * that opens the feedback portal in a side panel.
 *
 *   <script src="https://feedback.example.com/static/wagtail_feedback/widget.js"
 *           data-portal="https://feedback.example.com/feedback/"
 *           data-token="<the visitor's signed token>" defer></script>
 *
 * Options (data-* attributes on the script tag):
 *   data-token       the signed host token (single use, as in the "Suggest a feature" link)
 *   data-token-url   instead of data-token: a URL on the host that answers {"token": "..."}
 *                    with a fresh token (fetched with the host's cookies when the panel opens)
 *   data-portal      the portal's address (default: /feedback/ on the script's site)
 *   data-label       the tab's text (default "Feedback" / "フィードバック" by the page's language)
 *   data-close-label the close button's accessible name
 *
 * window.wagtailFeedback.open() / .close() / .toggle() for the host's own buttons.
 * No cookies are needed across sites: the portal in the frame authenticates with
 * the token. The host's Content-Security-Policy must allow this script, its
 * stylesheet (style-src) and the portal (frame-src) from the feedback site.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.wagtailFeedback) return;

  var data = script.dataset;
  var scriptUrl = new URL(script.src, document.baseURI);
  var portal = new URL(data.portal || "/feedback/", scriptUrl);
  if (!/\/$/.test(portal.pathname)) portal.pathname += "/";
  var japanese = /^ja\b/i.test(document.documentElement.lang || navigator.language || "");
  var label = data.label || (japanese ? "フィードバック" : "Feedback");
  var closeLabel = data.closeLabel || (japanese ? "閉じる" : "Close");
  var loadingLabel = japanese ? "読み込み中…" : "Loading…";

  var host = document.createElement("div");
  host.className = "wagtail-feedback-widget";
  var shadow = host.attachShadow({ mode: "open" });

  var stylesheet = document.createElement("link");
  stylesheet.rel = "stylesheet";
  stylesheet.href = new URL("widget.css", scriptUrl).toString();

  var tab = document.createElement("button");
  tab.type = "button";
  tab.className = "tab";
  tab.setAttribute("aria-expanded", "false");
  tab.setAttribute("aria-controls", "panel");
  tab.setAttribute("aria-haspopup", "dialog");
  tab.hidden = true; // shown once its stylesheet is in
  var icon = document.createElement("span");
  icon.className = "tab-icon";
  icon.setAttribute("aria-hidden", "true");
  var text = document.createElement("span");
  text.className = "tab-text";
  text.textContent = label;
  tab.append(icon, text);

  var panel = document.createElement("section");
  panel.id = "panel";
  panel.className = "panel";
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-label", label);
  panel.hidden = true;
  var header = document.createElement("div");
  header.className = "panel-header";
  var title = document.createElement("h2");
  title.textContent = label;
  var close = document.createElement("button");
  close.type = "button";
  close.className = "close";
  close.setAttribute("aria-label", closeLabel);
  close.textContent = "×";
  header.append(title, close);
  var body = document.createElement("div");
  body.className = "panel-body";
  var loading = document.createElement("p");
  loading.className = "loading";
  loading.textContent = loadingLabel;
  body.append(loading);
  panel.append(header, body);

  shadow.append(stylesheet, tab, panel);
  stylesheet.addEventListener("load", function () { tab.hidden = false; });
  stylesheet.addEventListener("error", function () { tab.hidden = false; });

  var frame = null;
  var isOpen = false;

  function token() {
    if (!data.tokenUrl) return Promise.resolve(data.token || "");
    return fetch(data.tokenUrl, { credentials: "include", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : {}; })
      .then(function (json) { return json.token || ""; })
      .catch(function () { return ""; });
  }

  function createFrame() {
    frame = document.createElement("iframe");
    frame.className = "frame";
    frame.title = label;
    frame.setAttribute("referrerpolicy", "origin");
    // Shown once the portal's scripts are running ("ready"): a click before that would be an
    // ordinary navigation, without the visitor's token. A page without them shows after a pause.
    frame.addEventListener("load", function () { setTimeout(reveal, 4000); });
    body.append(frame);
    // The frame keeps the visitor's page for as long as the host page lives (the token is single use).
    return token().then(function (value) {
      var src = new URL("widget/", portal);
      src.searchParams.set("token", value);
      frame.src = src.toString();
    });
  }

  function reveal() {
    if (!frame || frame.classList.contains("is-ready")) return;
    loading.hidden = true;
    frame.classList.add("is-ready");
    if (isOpen) frame.focus();
  }

  function open() {
    if (isOpen) return;
    isOpen = true;
    panel.hidden = false;
    tab.setAttribute("aria-expanded", "true");
    host.classList.add("is-open");
    // Next frame: let the panel slide in.
    requestAnimationFrame(function () { panel.classList.add("is-open"); });
    close.focus();
    if (!frame) createFrame();
    else if (frame.classList.contains("is-ready")) frame.focus();
  }

  function hide() {
    if (!isOpen) return;
    isOpen = false;
    panel.classList.remove("is-open");
    panel.hidden = true;
    host.classList.remove("is-open");
    tab.setAttribute("aria-expanded", "false");
    tab.focus();
  }

  tab.addEventListener("click", function () { isOpen ? hide() : open(); });
  close.addEventListener("click", hide);
  shadow.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && isOpen) {
      event.preventDefault();
      hide();
    }
  });
  // Messages from the portal's frame: Escape pressed inside it ("close"); the visitor's bearer
  // token to keep ("remember") and to hand back if the frame is reloaded ("need-bearer").
  var bearer = null;
  window.addEventListener("message", function (event) {
    if (!frame || event.source !== frame.contentWindow || event.origin !== portal.origin) return;
    var message = event.data || {};
    if (message.source !== "wagtail-feedback") return;
    if (message.type === "ready") reveal();
    else if (message.type === "close") hide();
    else if (message.type === "remember" && typeof message.token === "string") bearer = message.token;
    else if (message.type === "need-bearer" && bearer) {
      frame.contentWindow.postMessage({ source: "wagtail-feedback", type: "bearer", token: bearer }, portal.origin);
    }
  });

  window.wagtailFeedback = {
    open: open,
    close: hide,
    toggle: function () { isOpen ? hide() : open(); },
  };

  function mount() { document.body.append(host); }
  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount);
})();
