import pytest
from django.urls import reverse

from wagtail_feedback.models import SigningKey

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("root", "root@example.com", "pw")
    client.force_login(user)
    return client


def test_create_list_and_deactivate_a_key(admin_client):
    add_url = reverse("feedback_signing_keys:add")
    page = admin_client.get(add_url)
    assert page.status_code == 200
    shown_secret = page.context["form"].instance.secret
    assert shown_secret in page.content.decode()  # read-only, so it can be copied to the host
    response = admin_client.post(add_url, {"kid": "host-2026"})
    assert response.status_code == 302
    key = SigningKey.objects.get(kid="host-2026")
    assert key.is_active and len(key.secret) >= 32
    listing = admin_client.get(reverse("feedback_signing_keys:index"))
    assert "host-2026" in listing.content.decode()
    edit_url = reverse("feedback_signing_keys:edit", args=[key.pk])
    admin_client.post(edit_url, {"kid": "renamed", "secret": "x", "is_active": ""})
    key.refresh_from_db()
    assert (key.kid, key.is_active) == ("host-2026", False)


def test_bad_key_id_gets_a_form_error(admin_client):
    response = admin_client.post(reverse("feedback_signing_keys:add"), {"kid": "has spaces!"})
    assert response.status_code == 200
    assert response.context["form"].errors["kid"]
    assert not SigningKey.objects.exists()


def test_editors_without_permission_cannot_see_keys(client, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("editor", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get(reverse("feedback_signing_keys:index"))
    assert response.status_code in (302, 403)
    assert "feedback_signing_keys" not in client.get("/admin/").content.decode()


def test_delete_goes_through_the_service(admin_client):
    key = SigningKey.objects.create(kid="old-host")
    response = admin_client.post(reverse("feedback_signing_keys:delete", args=[key.pk]))
    assert response.status_code == 302
    assert not SigningKey.objects.exists()
