"""Who sees and does what: the two feedback groups, and a Wagtail user with neither."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import NoReverseMatch, reverse

from tests.admin.conftest import PASSWORD, member
from wagtail_feedback.models import FeatureRequest, Status
from wagtail_feedback.services.groups import CSM_GROUP, PRODUCT_MANAGER_GROUP, ensure_groups

pytestmark = pytest.mark.django_db


def codenames(group_name):
    return set(Group.objects.get(name=group_name).permissions.values_list("codename", flat=True))


def test_migrate_creates_both_groups_with_their_permissions():
    # Created by the post_migrate receiver when the test database was migrated.
    csm = codenames(CSM_GROUP)
    pm = codenames(PRODUCT_MANAGER_GROUP)
    assert {"access_admin", "act_on_behalf", "view_featurerequest", "add_featurerequest", "view_visitor",
            "view_account", "add_internal_comment"} <= csm
    assert not {"change_status", "merge", "change_featurerequest", "change_statussetting"} & csm
    assert csm | {"change_status", "merge", "change_featurerequest", "change_statussetting", "add_productarea",
                  "change_app", "delete_tag"} <= pm


def test_ensure_groups_is_idempotent_and_keeps_what_a_site_added():
    group = Group.objects.get(name=CSM_GROUP)
    extra = Permission.objects.get(codename="change_status")
    group.permissions.add(extra)
    before = Group.objects.count()
    ensure_groups()
    ensure_groups()
    assert Group.objects.count() == before
    assert "change_status" in codenames(CSM_GROUP)


WORKSPACE_URLS = [
    ("wagtail_feedback_requests:index", []),
    ("wagtail_feedback_requests:add", []),
    ("wagtail_feedback_requests:similar", []),
    ("wagtail_feedback_visitors:index", []),
    ("wagtail_feedback_accounts:index", []),
    ("wagtail_feedback_mine:index", []),
    ("wagtail_feedback_mine:priorities", []),
    ("wagtail_feedback_statuses:index", []),
    ("wagtail_feedback_areas:index", []),
    ("wagtail_feedback_apps:index", []),
    ("wagtail_feedback_tags:index", []),
    ("wagtail_feedback_visitor_chooser:choose", []),
    ("wagtail_feedback_request_chooser:choose", []),
]


def test_a_wagtail_user_without_feedback_permissions_sees_nothing(client, editor_user, world):
    client.force_login(editor_user)
    home = client.get(reverse("wagtailadmin_home"))
    assert home.status_code == 200
    assert "/admin/feedback/" not in home.content.decode()
    assert "Feedback activity" not in home.content.decode()
    for name, args in WORKSPACE_URLS:
        assert client.get(reverse(name, args=args)).status_code in (302, 403), name
    for name in ("wagtail_feedback_requests:inspect", "wagtail_feedback_requests:edit"):
        assert client.get(reverse(name, args=[world.export.pk])).status_code in (302, 403), name
    refused = client.get(reverse("wagtail_feedback_visitors:inspect", args=[world.alice.pk]), follow=True)
    assert refused.redirect_chain == [(reverse("wagtailadmin_home"), 302)]
    assert "Sorry, you do not have permission to access this area." in refused.content.decode()
    assert client.get(reverse("wagtail_feedback_visitors:priorities", args=[world.alice.pk])).status_code == 403
    response = client.post(reverse("wagtail_feedback_requests:add_visitor", args=[world.dark.pk]),
                           {"visitor": world.bob.pk})
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    assert not world.dark.votes.filter(visitor=world.bob).exists()


def menu_labels(client):
    from wagtail.admin.menu import admin_menu

    request = client.get(reverse("wagtailadmin_home")).wsgi_request
    (feedback,) = [item for item in admin_menu.menu_items_for_request(request) if item.name == "feedback"]
    return [item.label for item in feedback.menu.menu_items_for_request(request)]


def test_csm_menu_has_the_customer_facing_parts(csm_client):
    assert [str(label) for label in menu_labels(csm_client)] == [
        "Requests", "My requests & priorities", "Visitors", "Accounts",
    ]


def test_product_manager_menu_has_everything(pm_client):
    assert [str(label) for label in menu_labels(pm_client)] == [
        "Requests", "My requests & priorities", "Visitors", "Accounts", "Product areas & apps", "Tags", "Statuses",
    ]


def test_csm_cannot_change_status_or_merge_and_nothing_changes(csm_client, world):
    page = csm_client.get(reverse("wagtail_feedback_requests:inspect", args=[world.export.pk]))
    assert page.context["may"] == {"act_on_behalf": True, "change_status": False, "merge": False, "internal": True,
                                   "vote": True}
    assert 'id="status-section"' not in page.content.decode()
    response = csm_client.post(reverse("wagtail_feedback_requests:status", args=[world.export.pk]),
                               {"status": Status.PLANNED, "message": ""})
    assert response.status_code == 403
    assert "You do not have permission to do that." in response.content.decode()
    response = csm_client.post(reverse("wagtail_feedback_requests:merge", args=[world.dark.pk]),
                               {"target": world.export.pk})
    assert response.status_code == 403
    world.export.refresh_from_db()
    world.dark.refresh_from_db()
    assert world.export.status == Status.NOT_REVIEWED and world.dark.merged_into_id is None
    assert csm_client.get(reverse("wagtail_feedback_requests:edit", args=[world.export.pk])).status_code == 302
    assert csm_client.get(reverse("wagtail_feedback_statuses:index")).status_code == 302


def test_read_only_models_have_no_writing_views_even_for_superusers(client, django_user_model, world):
    for name in ("wagtail_feedback_visitors", "wagtail_feedback_accounts"):
        for view in ("add", "edit", "delete", "copy", "history"):
            with pytest.raises(NoReverseMatch):
                reverse(f"{name}:{view}", args=[1]) if view != "add" else reverse(f"{name}:add")
    for view in ("delete", "copy", "history", "usage"):
        with pytest.raises(NoReverseMatch):
            reverse(f"wagtail_feedback_requests:{view}", args=[1])
    root = django_user_model.objects.create_superuser("root", "root@example.com", PASSWORD)
    client.force_login(root)
    page = client.get(reverse("wagtail_feedback_visitors:index")).content.decode()
    assert "/admin/feedback/visitors/new/" not in page
    assert client.get(reverse("wagtail_feedback_requests:inspect", args=[world.export.pk])).status_code == 200
    assert FeatureRequest.objects.count() == 3


def test_a_user_with_only_some_permissions_gets_only_those(client, django_user_model, world):
    """view_featurerequest alone: read the requests, act on nobody's behalf."""
    user = member(django_user_model, "viewer", None, first_name="Vi")
    user.user_permissions.add(*Permission.objects.filter(codename__in=["access_admin", "view_featurerequest"]))
    client.force_login(user)
    page = client.get(reverse("wagtail_feedback_requests:inspect", args=[world.export.pk]))
    assert page.status_code == 200
    assert not page.context["may"]["act_on_behalf"]
    assert "Add visitor" not in page.content.decode()
    response = client.post(reverse("wagtail_feedback_requests:add_visitor", args=[world.dark.pk]),
                           {"visitor": world.bob.pk})
    assert response.status_code == 403
    assert not world.dark.votes.filter(visitor=world.bob).exists()
    assert client.get(reverse("wagtail_feedback_requests:add")).status_code == 302
    assert client.get(reverse("wagtail_feedback_visitors:index")).status_code == 302
