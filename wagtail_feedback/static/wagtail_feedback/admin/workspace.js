/* Feedback workspace behaviours (wagtail_feedback). Plain script, no inline code: wired by data-* attributes. */
(() => {
  'use strict';

  /* "Add visitor": choosing someone in the chooser submits the form at once. */
  function initAutosubmit(form) {
    form.addEventListener('change', (event) => {
      const input = event.target;
      if (input instanceof HTMLInputElement && input.type === 'hidden' && input.value) {
        form.requestSubmit();
      }
    });
  }

  /* One-click copy of the ready message. */
  function initCopy(button) {
    const target = document.querySelector(button.dataset.wfCopy);
    const label = button.querySelector('span') || button;
    const original = label.textContent;
    button.addEventListener('click', async () => {
      const text = target.value ?? target.textContent;
      try {
        await navigator.clipboard.writeText(text);
      } catch (error) {
        target.select();
        document.execCommand('copy');
      }
      label.textContent = button.dataset.labelCopied || original;
      button.dataset.copied = 'true';
      window.setTimeout(() => {
        label.textContent = original;
        delete button.dataset.copied;
      }, 2500);
    });
  }

  /* Status form: the chosen status's standard message shows as the placeholder. */
  function initStatusMessages(script) {
    const messages = JSON.parse(script.textContent);
    const form = script.parentElement.querySelector('form');
    const select = form && form.querySelector('select[name="status"]');
    const message = form && form.querySelector('textarea[name="message"]');
    if (!select || !message) return;
    const update = () => { message.placeholder = messages[select.value] || ''; };
    select.addEventListener('change', update);
    update();
  }

  /* Suggest (C2): similar requests while the title is typed, and who it is for. */
  function initSuggest(form) {
    const title = form.querySelector('input[name="title"]');
    const box = form.querySelector('[data-wf-similar]');
    const list = box.querySelector('[role="listbox"]');
    const visitorInput = form.querySelector('input[name="requested_by"]');
    const you = form.querySelector('[data-wf-you]');
    const staffOptions = form.querySelector('[data-wf-staff-options]');
    const labels = box.dataset;
    let results = [];
    let active = -1;
    let timer = null;
    let lastQuery = '';
    let controller = null;

    title.setAttribute('role', 'combobox');
    title.setAttribute('aria-autocomplete', 'list');
    title.setAttribute('aria-controls', list.id);
    title.setAttribute('aria-expanded', 'false');

    const visitorId = () => (visitorInput && visitorInput.value) || '';

    function linkFor(result) {
      const id = visitorId();
      return id ? `${result.admin_url}?add_visitor=${encodeURIComponent(id)}#add-proposed` : result.admin_url;
    }

    function setActive(index) {
      const options = list.querySelectorAll('[role="option"]');
      options.forEach((option, i) => option.setAttribute('aria-selected', String(i === index)));
      active = index;
      if (index >= 0 && options[index]) {
        title.setAttribute('aria-activedescendant', options[index].id);
        options[index].scrollIntoView({ block: 'nearest' });
      } else {
        title.removeAttribute('aria-activedescendant');
      }
    }

    function render() {
      list.replaceChildren();
      results.forEach((result, i) => {
        const item = document.createElement('li');
        item.id = `wf-similar-${i}`;
        item.className = 'wf-similar__option';
        item.setAttribute('role', 'option');
        item.setAttribute('aria-selected', 'false');
        const link = document.createElement('a');
        link.href = linkFor(result);
        link.tabIndex = -1;
        const name = document.createElement('span');
        name.className = 'wf-similar__title';
        name.textContent = result.title;
        const meta = document.createElement('span');
        meta.className = 'wf-muted';
        meta.textContent = `${result.status_label} · ${labels.labelVotes}: ${result.votes}`;
        const action = document.createElement('span');
        action.className = 'wf-similar__action';
        action.textContent = visitorId() ? labels.labelAdd : labels.labelOpen;
        link.append(name, meta, action);
        item.append(link);
        list.append(item);
      });
      const open = results.length > 0;
      box.hidden = !open;
      title.setAttribute('aria-expanded', String(open));
      setActive(-1);
    }

    async function search() {
      const query = title.value.trim();
      if (query === lastQuery) return;
      lastQuery = query;
      if (controller) controller.abort();
      if (query.length < 2) {
        results = [];
        render();
        return;
      }
      controller = new AbortController();
      try {
        const url = `${form.dataset.similarUrl}?${new URLSearchParams({ q: query })}`;
        const response = await fetch(url, {
          headers: { Accept: 'application/json' },
          credentials: 'same-origin',
          signal: controller.signal,
        });
        if (!response.ok) return;
        results = (await response.json()).results || [];
        render();
      } catch (error) {
        if (error.name !== 'AbortError') throw error;
      }
    }

    title.addEventListener('input', () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(search, 250);
    });

    title.addEventListener('keydown', (event) => {
      if (box.hidden || !results.length) return;
      if (event.key === 'ArrowDown') {
        event.preventDefault();
        setActive((active + 1) % results.length);
      } else if (event.key === 'ArrowUp') {
        event.preventDefault();
        setActive(active <= 0 ? results.length - 1 : active - 1);
      } else if (event.key === 'Enter' && active >= 0) {
        event.preventDefault();
        window.location.assign(linkFor(results[active]));
      } else if (event.key === 'Escape') {
        box.hidden = true;
        title.setAttribute('aria-expanded', 'false');
        setActive(-1);
      }
    });

    function updateWho() {
      const onBehalf = Boolean(visitorId());
      if (you) you.hidden = onBehalf;
      if (staffOptions) staffOptions.hidden = !onBehalf;
      if (results.length) render();
    }
    if (visitorInput) {
      visitorInput.addEventListener('change', updateWho);
      updateWho();
    }
    if (title.value) search();
  }

  function init() {
    document.querySelectorAll('form[data-wf-autosubmit]').forEach(initAutosubmit);
    document.querySelectorAll('[data-wf-copy]').forEach(initCopy);
    const messages = document.getElementById('wf-status-messages');
    if (messages) initStatusMessages(messages);
    document.querySelectorAll('form[data-wf-suggest]').forEach(initSuggest);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
