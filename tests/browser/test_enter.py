"""V1 in a real browser: the signed link opens a visitor session; a forged one is refused."""

import pytest

from tests.browser.conftest import screenshot
from tests.services.test_identity import SECRET, token
from wagtail_feedback.models import FeatureRequest, SigningKey
from wagtail_feedback.services import votes
from wagtail_feedback.services.actors import Actor

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_signed_link_opens_the_portal_in_the_visitors_language(live_server, phone):
    SigningKey.objects.create(kid="host-1", secret=SECRET)
    FeatureRequest.objects.create(title="CSVエクスポートの文字コード指定")
    phone.goto(f"{live_server.url}/feedback/enter/?token={token()}")
    assert phone.url == f"{live_server.url}/feedback/"
    assert phone.locator(".wf-who").inner_text() == "山田 花子"
    assert phone.get_by_role("heading", name="自分のリクエストと優先順位").is_visible()
    assert phone.get_by_text("CSVエクスポートの文字コード指定").is_visible()
    screenshot(phone, "v1-portal-home-ja-phone")

    # The session persists: the visitor can come back without the token.
    phone.goto(f"{live_server.url}/feedback/")
    assert phone.locator(".wf-who").inner_text() == "山田 花子"


def test_reused_or_forged_link_shows_a_clear_refusal(live_server, page):
    SigningKey.objects.create(kid="host-1", secret=SECRET)
    used = token()
    page.goto(f"{live_server.url}/feedback/enter/?token={used}")
    fresh = page.context.browser.new_context(locale="en-US").new_page()
    response = fresh.goto(f"{live_server.url}/feedback/enter/?token={used}")
    assert response.status == 403
    assert fresh.get_by_role("heading", name="This link cannot be used").is_visible()
    assert fresh.get_by_text("This link has already been used.").is_visible()
    screenshot(fresh, "v1-refused-en")
    forged = fresh.goto(f"{live_server.url}/feedback/enter/?token={token(secret='x' * 40)}")
    assert forged.status == 403
    assert fresh.get_by_text("This link could not be verified.").is_visible()
    fresh.context.close()


def test_request_page_shows_votes_and_comments(live_server, page):
    from tests.conftest import make_visitor
    from wagtail_feedback.services import comments

    request = FeatureRequest.objects.create(title="Export dashboards to PDF", description_html="<p>For board meetings</p>")
    someone = Actor.for_visitor(make_visitor(5))
    votes.vote(someone, request)
    comments.add_comment(someone, request, "We need **this** monthly")
    page.goto(f"{live_server.url}/feedback/requests/{request.pk}/")
    assert page.get_by_role("heading", name="Export dashboards to PDF").is_visible()
    assert page.get_by_text("1 vote", exact=True).is_visible()
    assert page.locator(".wf-comment strong").inner_text() == "this"
    screenshot(page, "v5-request-en-desktop")
