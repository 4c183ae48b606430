"""Suggest in the workspace: as yourself (C5) or on a visitor's behalf (C2)."""

import pytest
from django.urls import reverse

from wagtail_feedback.models import FeatureRequest, Subscription, Vote

pytestmark = pytest.mark.django_db

SUGGEST = "wagtail_feedback_requests:add"


def test_similar_requests_appear_while_typing(csm_client, world):
    response = csm_client.get(reverse("wagtail_feedback_requests:similar"), {"q": "Export to PDF"})
    (first, *_rest) = response.json()["results"]
    assert set(first) == {"id", "title", "status", "status_label", "votes", "url", "admin_url", "score"}
    assert first["id"] == world.export.pk
    assert first["status_label"] == "Not reviewed" and first["votes"] == 2
    assert first["admin_url"] == reverse("wagtail_feedback_requests:inspect", args=[world.export.pk])
    assert first["url"] == f"http://testserver/feedback/requests/{world.export.pk}/"
    assert csm_client.get(reverse("wagtail_feedback_requests:similar"), {"q": ""}).json() == {"results": []}


def test_requested_by_defaults_to_you(csm_client, world):
    page = csm_client.get(reverse(SUGGEST))
    assert "Carol Chan" in page.content.decode()
    response = csm_client.post(reverse(SUGGEST), {"title": "Keyboard shortcuts", "description": "Like *vim*"})
    request = FeatureRequest.objects.get(title="Keyboard shortcuts")
    assert response.status_code == 302
    assert response.url == reverse("wagtail_feedback_requests:inspect", args=[request.pk])
    assert request.requested_by.user.username == "carol" and request.created_by_user.username == "carol"
    assert Vote.objects.filter(request=request, visitor=request.requested_by).exists()


def test_on_a_visitors_behalf_with_own_vote(csm_client, world):
    response = csm_client.post(reverse(SUGGEST), {
        "title": "請求書のPDFダウンロード", "requested_by": world.hanako.pk, "staff_vote": "on",
    })
    request = FeatureRequest.objects.get(title="請求書のPDFダウンロード")
    assert response.url.endswith(f"?message_for={world.hanako.pk}#ready-message")
    assert request.requested_by == world.hanako
    voters = set(Vote.objects.filter(request=request).values_list("visitor__name", flat=True))
    assert voters == {"山田 花子", "Carol Chan"}
    assert Vote.objects.get(request=request, visitor=world.hanako).added_by.username == "carol"
    page = csm_client.get(response.url)
    assert page.context["ready_message"]["visitor"] == world.hanako


def test_on_a_visitors_behalf_following_only(csm_client, world):
    csm_client.post(reverse(SUGGEST), {"title": "SSO with Okta", "requested_by": world.bob.pk,
                                       "staff_subscribe": "on"})
    request = FeatureRequest.objects.get(title="SSO with Okta")
    assert list(Vote.objects.filter(request=request).values_list("visitor", flat=True)) == [world.bob.pk]
    assert Subscription.objects.filter(request=request, visitor__user__username="carol").exists()


def test_empty_or_long_title_is_a_form_error(csm_client, world):
    before = FeatureRequest.objects.count()
    response = csm_client.post(reverse(SUGGEST), {"title": "   "})
    assert response.status_code == 400
    assert response.context["form"].errors["title"]
    response = csm_client.post(reverse(SUGGEST), {"title": "x" * 500})
    assert response.status_code == 400
    assert FeatureRequest.objects.count() == before


def test_without_act_on_behalf_there_is_no_visitor_to_choose(client, django_user_model, world):
    from django.contrib.auth.models import Permission

    from tests.admin.conftest import member

    user = member(django_user_model, "solo", None, first_name="Solo")
    user.user_permissions.add(*Permission.objects.filter(
        codename__in=["access_admin", "view_featurerequest", "add_featurerequest"]))
    client.force_login(user)
    assert "requested_by" not in client.get(reverse(SUGGEST)).context["form"].fields
    client.post(reverse(SUGGEST), {"title": "Mine only", "requested_by": world.alice.pk})
    assert FeatureRequest.objects.get(title="Mine only").requested_by.user == user
    assert not Vote.objects.filter(request__title="Mine only", visitor=world.alice).exists()


def test_suggest_for_prefills_the_visitor(csm_client, world):
    page = csm_client.get(reverse(SUGGEST), {"for": world.alice.pk})
    assert page.context["form"]["requested_by"].value() == world.alice.pk
    assert "Alice Archer (Acme Corp)" in page.content.decode()
