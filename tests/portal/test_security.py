"""Content-Security-Policy, framing, and the widget's way in (no cookies across sites)."""

from html.parser import HTMLParser

import pytest

from tests.api.conftest import bearer, login
from tests.conftest import make_requests
from tests.services.test_identity import SECRET, token
from wagtail_feedback.models import SigningKey
from wagtail_feedback.services import votes

pytestmark = pytest.mark.django_db


class Inline(HTMLParser):
    """Collects what a strict CSP would block: inline scripts, event handlers, style attributes and elements."""

    def __init__(self):
        super().__init__()
        self.problems = []
        self._in_script = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and "src" not in attrs and attrs.get("type") != "application/json":
            self.problems.append("inline <script>")
        if tag == "style":
            self.problems.append("<style> element")
        for name, value in attrs.items():
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}>")
            if name == "style":
                self.problems.append(f"<{tag} style>")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                self.problems.append(f"<{tag} {name}=javascript:>")


def inline_problems(html):
    parser = Inline()
    parser.feed(html)
    return parser.problems


def csp(response):
    return dict(
        (part.split(" ", 1) + [""])[:2] for part in (p.strip() for p in response["Content-Security-Policy"].split(";")) if part
    )


@pytest.fixture
def pages(visitor, actor, pm):
    a, b, _c = make_requests(3)
    votes.vote(actor, a)
    votes.vote(actor, b)
    return ["/feedback/", "/feedback/others/", "/feedback/released/", "/feedback/search/?q=Request",
            "/feedback/requests/new/", f"/feedback/requests/{a.pk}/", "/feedback/requests/999999/"]


def test_every_portal_page_has_a_strict_csp_and_no_inline_code(visitor_client, pages):
    for path in pages:
        response = visitor_client.get(path)
        policy = csp(response)
        assert policy["script-src"] == "'self'" and policy["style-src"] == "'self'", path
        assert "unsafe-inline" not in response["Content-Security-Policy"]
        assert policy["frame-ancestors"] == "'self'" and policy["object-src"] == "'none'"
        assert response["X-Frame-Options"] == "SAMEORIGIN"
        assert inline_problems(response.content.decode()) == [], path
        assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_frame_ancestors_come_from_the_settings(client, settings):
    settings.WAGTAIL_FEEDBACK = {
        **settings.WAGTAIL_FEEDBACK,
        "FRAME_ANCESTORS": ["https://app.example.com", "https://app.example.com/path", "http://localhost:9000"],
    }
    response = client.get("/feedback/")
    assert csp(response)["frame-ancestors"] == "'self' https://app.example.com http://localhost:9000"
    assert "X-Frame-Options" not in response  # it cannot list several origins; CSP rules


def test_refused_and_entry_pages_carry_the_policy_too(client):
    refused = client.get("/feedback/enter/", {"token": "garbage"})
    assert refused.status_code == 403 and "frame-ancestors" in refused["Content-Security-Policy"]
    assert inline_problems(refused.content.decode()) == []


def test_widget_entry_gives_a_bearer_token_and_no_session(client, settings):
    SigningKey.objects.create(kid="host-1", secret=SECRET)
    settings.WAGTAIL_FEEDBACK = {**settings.WAGTAIL_FEEDBACK, "FRAME_ANCESTORS": ["https://app.example.com"]}
    make_requests(1)
    response = client.get("/feedback/widget/", {"token": token()}, headers={"accept-language": "en"})
    page = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Language"] == "ja" and "未確認" in page  # the token's language, labels too
    assert 'data-wf-embedded' in page and 'data-wf-bearer="' in page and "山田 花子" in page
    assert "sessionid" not in response.cookies  # cookies would not reach a cross-site frame anyway
    assert "https://app.example.com" in csp(response)["frame-ancestors"]
    assert inline_problems(page) == []
    # The token is single use, as for the link.
    again = client.get("/feedback/widget/", {"token": "x"})
    assert again.status_code == 403 and "data-wf-embedded" in again.content.decode()


def test_the_bearer_from_the_widget_page_opens_portal_pages(client, settings):
    SigningKey.objects.create(kid="host-1", secret=SECRET)
    page = client.get("/feedback/widget/", {"token": token()}).content.decode()
    value = page.split('data-wf-bearer="', 1)[1].split('"', 1)[0]
    fresh = type(client)()  # no cookies at all, as in a cross-site frame
    response = fresh.get("/feedback/others/", headers={"Authorization": f"Bearer {value}"})
    assert "山田 花子" in response.content.decode()
    assert "Authorization" in response["Vary"]


def test_bearer_pages_are_never_cached_and_vary_on_authorization(visitor):
    from django.test import Client

    response = Client().get("/feedback/", headers=bearer(visitor))
    assert "Visitor 1" in response.content.decode()
    assert "Authorization" in response["Vary"] and "private" in response["Cache-Control"]


def test_a_forged_bearer_shows_the_anonymous_page(visitor_client):
    page = visitor_client.get("/feedback/", headers={"Authorization": "Bearer forged"}).content.decode()
    assert "Visitor 1" not in page  # the session cookie is not used instead


def test_session_still_works_for_a_logged_in_site_user(client, pm):
    client.force_login(pm.user)
    page = client.get("/feedback/").content.decode()
    assert "Pm" in page


def test_login_helper_matches_entry(client, visitor):
    login(client, visitor)
    assert "Visitor 1" in client.get("/feedback/").content.decode()
