"""Every surface that finds requests by text takes any input: results or a clear 400, never a 500."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.api.conftest import login
from wagtail_feedback.models import FeatureRequest

pytestmark = pytest.mark.django_db

ODD = [
    "",
    "   ",
    "🎉🎉",
    "x" * 10_000,
    "エクスポート" * 2_000,
    '" * : ( ) AND OR NOT NEAR - ^ \' % _ \\ ; -- /* */',
    "CSV\x00export",
    "\u200b\u202e\ufeff",
    "SELECT * FROM wagtail_feedback_featurerequest; DROP TABLE x",
]


@pytest.fixture
def visitor_client(visitor):
    return login(Client(raise_request_exception=False), visitor)


@pytest.fixture
def staff_client(django_user_model):
    client = Client(raise_request_exception=False)
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.com", "pw"))
    return client


@pytest.fixture(autouse=True)
def some_requests(db):
    FeatureRequest.objects.create(title="Export invoices to CSV", description="for accounting")
    FeatureRequest.objects.create(title="ダッシュボードをカスタマイズしたい")


def visitor_urls():
    return [
        ("/feedback/api/similar/", "q"),
        ("/feedback/api/requests/", "q"),
        ("/feedback/search/", "q"),
    ]


def staff_urls():
    return [
        (reverse("wagtail_feedback_requests:index"), "q"),
        (reverse("wagtail_feedback_requests:similar"), "q"),
        (reverse("wagtail_feedback_request_chooser:choose_results"), "q"),
        (reverse("wagtail_feedback_visitor_chooser:choose_results"), "q"),
        (reverse("wagtail_feedback_visitors:index"), "q"),
        (reverse("wagtailadmin_home"), "q"),
    ]


@pytest.mark.parametrize("text", ODD, ids=range(len(ODD)))
def test_visitor_surfaces(visitor_client, text):
    for url, param in visitor_urls():
        response = visitor_client.get(url, {param: text})
        assert response.status_code in (200, 400), (url, response.status_code)
    found = visitor_client.get("/feedback/api/similar/", {"q": "export"}).json()["results"]
    assert [r["title"] for r in found] == ["Export invoices to CSV"]  # and the search still works after


@pytest.mark.parametrize("text", ODD, ids=range(len(ODD)))
def test_staff_surfaces(staff_client, text):
    for url, param in staff_urls():
        response = staff_client.get(url, {param: text})
        assert response.status_code in (200, 400), (url, response.status_code)
