import pytest

from tests.services.test_identity import AUD, SECRET, key, token  # noqa: F401  (fixtures)
from wagtail_feedback.views.session import SESSION_KEY

pytestmark = pytest.mark.django_db


def test_signed_link_opens_a_session_and_strips_the_token(client, key):  # noqa: F811
    response = client.get("/feedback/enter/", {"token": token(), "next": "/feedback/requests/1/"})
    assert response.status_code == 302
    assert response["Location"] == "/feedback/requests/1/"
    assert "token" not in response["Location"]
    assert client.session[SESSION_KEY]
    assert response.cookies["django_language"].value == "ja"
    home = client.get("/feedback/")
    assert home.status_code == 200
    assert "山田 花子" in home.content.decode()


def test_next_cannot_leave_the_portal(client, key):  # noqa: F811
    for target in ("https://evil.example/", "//evil.example/", "/admin/"):
        response = client.get("/feedback/enter/", {"token": token(), "next": target})
        assert response["Location"] == "/feedback/"


@pytest.mark.parametrize("bad", ["", "garbage", "a.b.c"])
def test_refusal_page_is_clear_and_sets_no_session(client, key, bad):  # noqa: F811
    response = client.get("/feedback/enter/", {"token": bad})
    assert response.status_code == 403
    assert "This link cannot be used" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_replayed_link_is_refused_in_japanese_for_a_japanese_browser(client, key):  # noqa: F811
    t = token()
    client.get("/feedback/enter/", {"token": t})
    other = type(client)()
    response = other.get("/feedback/enter/", {"token": t}, headers={"accept-language": "ja"})
    assert response.status_code == 403
    assert "このリンクはすでに使用されています" in response.content.decode()


def test_session_key_changes_on_entry(client, key):  # noqa: F811
    client.get("/feedback/")
    client.session.save()
    before = client.session.session_key
    client.get("/feedback/enter/", {"token": token()})
    assert client.session.session_key != before
