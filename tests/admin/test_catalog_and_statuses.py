"""Product areas & apps, tags (P4) and statuses (P1), edited through the services."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import NoReverseMatch, reverse

from wagtail_feedback.models import App, ProductArea, Status, StatusSetting, Tag
from wagtail_feedback.services import catalog

pytestmark = pytest.mark.django_db


def test_product_manager_manages_apps_areas_and_tags(pm_client):
    assert pm_client.post(reverse("wagtail_feedback_apps:add"), {"name": "Mobile", "slug": "mobile"}).status_code == 302
    app = App.objects.get(slug="mobile")
    response = pm_client.post(reverse("wagtail_feedback_areas:add"),
                              {"name": "Reports", "slug": "reports", "app": app.pk})
    assert response.status_code == 302
    area = ProductArea.objects.get(slug="reports")
    assert area.app == app
    pm_client.post(reverse("wagtail_feedback_areas:edit", args=[area.pk]),
                   {"name": "Reporting", "slug": "reports", "app": ""})
    area.refresh_from_db()
    assert (area.name, area.app) == ("Reporting", None)
    pm_client.post(reverse("wagtail_feedback_tags:add"), {"name": "enterprise"})
    tag = Tag.objects.get(name="enterprise")
    pm_client.post(reverse("wagtail_feedback_tags:delete", args=[tag.pk]))
    assert not Tag.objects.exists()
    listing = pm_client.get(reverse("wagtail_feedback_areas:index")).content.decode()
    assert "Reporting" in listing and reverse("wagtail_feedback_apps:index") in listing


def test_duplicate_slug_is_a_form_error(pm_client):
    App.objects.create(name="Web", slug="web")
    response = pm_client.post(reverse("wagtail_feedback_apps:add"), {"name": "Web 2", "slug": "web"})
    assert response.status_code in (200, 400)
    assert response.context["form"].errors["slug"]
    assert App.objects.count() == 1


def test_the_services_check_permission(csm):
    with pytest.raises(PermissionDenied):
        catalog.create_tag(csm, name="nope")
    assert not Tag.objects.exists()


def test_csm_cannot_reach_the_catalogue(csm_client):
    for name in ("wagtail_feedback_apps:add", "wagtail_feedback_areas:index", "wagtail_feedback_tags:add"):
        assert csm_client.get(reverse(name)).status_code in (302, 403)


def test_statuses_are_renamed_and_hidden_through_the_service(pm_client, pm_user):
    listing = pm_client.get(reverse("wagtail_feedback_statuses:index"))
    assert [s.status for s in listing.context["object_list"]] == [s.value for s in Status]
    setting = StatusSetting.objects.get(status=Status.NOT_REVIEWED)
    response = pm_client.post(reverse("wagtail_feedback_statuses:edit", args=[setting.pk]), {
        "label": "  Inbox ", "message": "We read every request.", "visible_to_visitors": "",
    })
    assert response.status_code == 302
    setting.refresh_from_db()
    assert (setting.label, setting.message, setting.visible_to_visitors) == ("Inbox", "We read every request.", False)
    with pytest.raises(NoReverseMatch):
        reverse("wagtail_feedback_statuses:add")
    with pytest.raises(NoReverseMatch):
        reverse("wagtail_feedback_statuses:delete", args=[setting.pk])


def test_status_service_refuses_without_permission(csm):
    from wagtail_feedback.services.status_settings import update_status_setting

    setting = StatusSetting.objects.get(status=Status.PLANNED)
    with pytest.raises(PermissionDenied):
        update_status_setting(csm, setting, label="x", message="", visible_to_visitors=True)
    setting.refresh_from_db()
    assert setting.label == ""


def test_renamed_label_shows_in_the_workspace(pm_client, world):
    StatusSetting.objects.filter(status=Status.NOT_REVIEWED).update(label="Inbox")
    page = pm_client.get(reverse("wagtail_feedback_requests:inspect", args=[world.export.pk]))
    assert "Inbox" in page.content.decode()
    assert "Inbox" in pm_client.get(reverse("wagtail_feedback_requests:index")).content.decode()
