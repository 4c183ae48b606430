"""Fixtures for the page blocks: a page of the test app with the blocks, and the browser fixtures."""

import pytest
from wagtail.models import Locale, Page, Site

from tests.browser.conftest import browser, page, phone  # noqa: F401  (Playwright fixtures)

#: Every block once, with settings an editor might choose.
EVERY_BLOCK = [
    ("voting_list", {"heading": "", "intro": "", "area": "", "statuses": [], "sort": "votes", "count": 5}),
    ("suggestion_form", {"heading": "", "intro": "", "area": ""}),
    ("my_priorities", {"heading": "", "intro": ""}),
    ("roadmap", {"heading": "", "intro": "", "area": "", "count": 10}),
]


def site_root():
    """The default site's root page; created when a transactional test's flush removed Wagtail's own."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None:
        return site.root_page
    Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    home = root.add_child(instance=Page(title="Home", slug="home"))
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Tests")
    return home


def make_page(body, *, title="Feedback", slug="feedback-page"):
    """A published BlocksTestPage under the site's root page."""
    from tests.testapp.models import BlocksTestPage

    new = BlocksTestPage(title=title, slug=slug, body=body)
    site_root().add_child(instance=new)
    new.save_revision().publish()
    return Page.objects.get(pk=new.pk).specific


@pytest.fixture
def blocks_page(db):
    return make_page(EVERY_BLOCK)
