// Page blocks live on the site's own pages, not on portal pages. The portal's modules
// (votes.js, similar.js, priority-sliders.js through auth.js) read two things a portal
// page has and a site page lacks: the CSRF token in <meta name="wf-csrf">, and the
// button texts in data-label-* attributes of <body>. The blocks carry both; put them
// where those modules look, without overriding what the page already has.
const withToken = document.querySelector("[data-wf-block][data-wf-csrf]");
if (withToken && !document.querySelector('meta[name="wf-csrf"]')) {
  const meta = document.createElement("meta");
  meta.name = "wf-csrf";
  meta.content = withToken.dataset.wfCsrf;
  document.head.append(meta);
}

const withLabels = document.querySelector("[data-wf-block][data-label-vote]");
if (withLabels) {
  for (const [name, text] of Object.entries(withLabels.dataset)) {
    if (name.startsWith("label") && !(name in document.body.dataset)) document.body.dataset[name] = text;
  }
}
