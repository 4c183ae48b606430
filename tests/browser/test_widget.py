"""The widget on the host product, served from another origin (another site, even: 127.0.0.1 vs localhost).

In a cross-site frame the browser does not send the site's cookies, so the
portal inside the panel works with the bearer token the widget's page was
given. The panel closes with its button or Escape and gives focus back.
Origins not listed in FRAME_ANCESTORS cannot frame the portal.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.portal_helpers import ConsoleWatch, SecondOrigin, host_token, shot, t
from tests.conftest import make_visitor
from wagtail_feedback.models import Account, FeatureRequest, Vote, VoteKind
from wagtail_feedback.services import requests
from wagtail_feedback.services.actors import Actor

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

PRODUCT_PAGE = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Acme Analytics</title>
<script src="{portal}/static/wagtail_feedback/widget.js" data-portal="{portal}/feedback/" data-token="{token}" defer></script>
</head><body><h1>Acme Analytics</h1><p>Dashboard of the host product.</p><button id="host-button">Host button</button></body></html>
"""


@pytest.fixture
def product(live_server, settings):
    """The stand-in product on a second origin, allowed to frame the portal."""
    server = SecondOrigin()
    settings.WAGTAIL_FEEDBACK = {**settings.WAGTAIL_FEEDBACK, "FRAME_ANCESTORS": [server.origin]}
    yield server
    server.close()


def show(server, live_server, page_language="en", **claims):
    server.html = PRODUCT_PAGE.format(lang=page_language, portal=live_server.url, token=host_token(**claims))
    return server.origin + "/"


def someones_request(title):
    account = Account.objects.create(host_id="other-co", name="Other Co")
    return requests.suggest(Actor.for_visitor(make_visitor(700, account)), title=title)


def shadow_active(page):
    return page.evaluate(
        "() => { const r = document.querySelector('.wagtail-feedback-widget').shadowRoot;"
        " return r.activeElement ? r.activeElement.className : null; }"
    )


def test_widget_opens_the_portal_cross_site_and_votes_inside(live_server, product, page):
    wanted = someones_request("Slack alerts for anomalies")
    assert live_server.url.startswith("http://localhost:")  # the portal: localhost; the product: 127.0.0.1
    console = ConsoleWatch(page)
    page.goto(show(product, live_server, sub="w-1", name="Kim Lee", language="en"))
    tab = page.get_by_role("button", name="Feedback")
    tab.click()
    dialog = page.get_by_role("dialog", name="Feedback")
    expect(dialog).to_be_visible()
    frame = page.frame_locator("iframe[title='Feedback']")
    frame.get_by_role("heading", name="My requests and priorities").wait_for()
    expect(frame.locator(".wf-who")).to_have_text("Kim Lee")

    # Vote from the list inside the panel: the request carries the bearer token, not a cookie.
    item = frame.locator(f"#request-{wanted.pk}")
    item.get_by_role("button", name="Vote").click()
    expect(item.locator(".wf-votebox")).to_have_attribute("aria-pressed", "true")
    assert Vote.objects.get(visitor__host_id="w-1", request=wanted).kind == VoteKind.ACTIVE
    assert not [c for c in page.context.cookies() if c["name"] == "sessionid"]
    shot(page, "widget-open-en-desktop")

    # Navigate inside the panel: open the request, comment on it (a form post with the bearer).
    item.get_by_role("link", name="Slack alerts for anomalies").click()
    frame.get_by_role("heading", name="Slack alerts for anomalies").wait_for()
    frame.get_by_label("Add a comment").fill("We need this for on-call.")
    frame.get_by_role("button", name="Post comment").click()
    frame.get_by_text("We need this for on-call.").wait_for()
    assert wanted.comments.filter(author_visitor__host_id="w-1").exists()

    # Escape inside the frame closes the panel; focus goes back to the tab.
    frame.get_by_role("heading", name="Slack alerts for anomalies").click()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert shadow_active(page) == "tab"

    # Reopening shows the same page (the single-use token is not spent again); the close button closes.
    tab.click()
    expect(dialog).to_be_visible()
    frame.get_by_role("heading", name="Slack alerts for anomalies").wait_for()
    # A reloaded frame (no token in its address, no cookie) finds the visitor again through the bearer.
    inner = next(f for f in page.frames if f.parent_frame is not None)
    inner.goto(inner.url)
    expect(frame.locator(".wf-who")).to_have_text("Kim Lee")
    frame.get_by_role("heading", name="Slack alerts for anomalies").wait_for()
    page.get_by_role("button", name="Close").click()
    expect(dialog).to_be_hidden()
    assert shadow_active(page) == "tab"
    assert console.csp_violations() == []
    assert [m for m in console.errors() if "status of 400" not in m] == []


def test_widget_in_japanese_on_a_phone(live_server, product, phone):
    someones_request("請求書の宛名を部署ごとに変えたい")
    phone.goto(show(product, live_server, page_language="ja"))
    tab = phone.get_by_role("button", name="フィードバック")
    expect(tab).to_be_visible()
    shot(phone, "widget-tab-ja-phone")
    tab.click()
    frame = phone.frame_locator("iframe")
    frame.get_by_role("heading", name="自分のリクエストと優先順位").wait_for()
    frame.get_by_role("link", name=t("ja", "Make a suggestion")).first.click()
    title = frame.get_by_role("combobox", name=t("ja", "Title"))
    title.fill("部署ごとの請求書宛名")
    frame.get_by_role("button", name=t("ja", "Make a suggestion")).last.click()
    frame.get_by_text(t("ja", "Thank you! Your suggestion is posted.")).wait_for()
    assert FeatureRequest.objects.filter(title="部署ごとの請求書宛名", requested_by__host_id="user-42").exists()
    shot(phone, "widget-open-ja-phone")


def test_widget_can_fetch_a_fresh_token_from_the_host(live_server, product, page):
    """data-token-url: the host answers {"token": …} when the panel opens (pages that stay open long)."""
    import json

    product.json["/feedback-token"] = lambda: json.dumps({"token": host_token(sub="w-3", name="Token Fetcher",
                                                                              language="en")})
    product.html = PRODUCT_PAGE.format(lang="en", portal=live_server.url, token="").replace(
        'data-token=""', 'data-token-url="/feedback-token"')
    page.goto(product.origin + "/")
    page.get_by_role("button", name="Feedback").click()
    expect(page.frame_locator("iframe").locator(".wf-who")).to_have_text("Token Fetcher")


def test_an_unlisted_origin_cannot_frame_the_portal(live_server, settings, page):
    server = SecondOrigin()
    try:
        settings.WAGTAIL_FEEDBACK = {**settings.WAGTAIL_FEEDBACK, "FRAME_ANCESTORS": ["https://app.example.com"]}
        console = ConsoleWatch(page)
        page.goto(show(server, live_server, sub="w-2"))
        page.get_by_role("button", name="Feedback").click()
        page.wait_for_timeout(1500)
        frame = next(f for f in page.frames if f.parent_frame is not None)
        assert frame.locator(".wf-portal").count() == 0
        assert any("frame-ancestors" in m for m in console.messages)
        shot(page, "widget-refused-unlisted-origin")
    finally:
        server.close()


def test_a_page_framed_directly_by_an_unlisted_origin_does_not_render(live_server, page):
    server = SecondOrigin(f'<!DOCTYPE html><meta charset="utf-8"><iframe src="{live_server.url}/feedback/"></iframe>')
    try:
        console = ConsoleWatch(page)
        page.goto(server.origin + "/")
        page.wait_for_timeout(1000)
        frame = next(f for f in page.frames if f.parent_frame is not None)
        assert frame.locator(".wf-portal").count() == 0
        assert any(re.search("frame-ancestors", m) for m in console.messages)
    finally:
        server.close()
