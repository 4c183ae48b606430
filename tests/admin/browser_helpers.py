"""Helpers for the workspace's browser tests: log in, translate, use Wagtail's chooser modal."""

import re

from django.utils import translation
from playwright.sync_api import expect

from tests.admin.conftest import PASSWORD

# The machines running the suite may be busy (PostgreSQL, other suites): wait longer than 5 s.
expect.set_options(timeout=15_000)


def tr(msgid, language, **params):
    """``msgid`` as the admin shows it in ``language`` (works before and after the catalogue has it)."""
    with translation.override(language):
        text = translation.gettext(msgid)
    return text % params if params else text


def log_in(page, live_server, username):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def choose_in_modal(page, query):
    """Search in the open chooser modal and pick the first result."""
    search = page.locator(".modal-dialog input[name=q]")
    expect(search).to_be_visible()
    search.fill(query)
    choice = page.locator(".modal-dialog a[data-chooser-modal-choice]").first
    expect(choice).to_be_visible()
    expect(page.locator(".modal-dialog a[data-chooser-modal-choice]")).to_have_count(1)
    choice.click()
    expect(page.locator(".modal-dialog")).to_have_count(0)


def open_workspace(page, lang, item):
    """Feedback › ``item`` from the sidebar menu."""
    page.get_by_role("button", name=tr("Feedback", lang)).click()
    page.get_by_role("list", name=tr("Feedback", lang)).get_by_role("link", name=tr(item, lang), exact=True).click()


def refusal(lang):
    """Wagtail's refusal message. Wagtail renders it after leaving the user's language, so allow both."""
    english = "Sorry, you do not have permission to access this area."
    return re.compile(f"{re.escape(english)}|{re.escape(tr(english, lang))}")
