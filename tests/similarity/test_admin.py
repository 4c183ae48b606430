"""Snippets → Synonym sets in the Wagtail admin."""

import pytest
from django.urls import reverse

from wagtail_feedback.models import FeatureRequest, SynonymSet
from wagtail_feedback.services.similarity import similar_requests

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("root", "root@example.com", "pw")
    client.force_login(user)
    return client


def url(action, *args):
    return reverse(SynonymSet.snippet_viewset.get_url_name(action), args=args)


def test_an_editor_adds_a_synonym_set_and_search_uses_it(admin_client):
    SynonymSet.objects.all().delete()
    FeatureRequest.objects.create(title="Kanban board")
    assert admin_client.get(url("list")).status_code == 200
    response = admin_client.post(url("add"), {"terms": "kanban\nかんばん, カンバン"})
    assert response.status_code == 302
    assert SynonymSet.objects.get().term_list == ["kanban", "かんばん", "カンバン"]
    assert [m.request.title for m in similar_requests("かんばん")] == ["Kanban board"]
    listing = admin_client.get(url("list"), {"q": "kanban"})
    assert "kanban = かんばん = カンバン" in listing.content.decode()


def test_a_set_of_one_term_is_refused(admin_client):
    response = admin_client.post(url("add"), {"terms": "kanban"})
    assert response.status_code == 200
    assert "Enter at least two different terms." in response.content.decode()
    assert not SynonymSet.objects.filter(terms="kanban").exists()


def test_an_editor_changes_and_deletes_a_set_and_the_next_search_follows(admin_client):
    SynonymSet.objects.all().delete()
    FeatureRequest.objects.create(title="Kanban board")
    synonym_set = SynonymSet.objects.create(terms="kanban, かんばん")
    assert [m.request.title for m in similar_requests("かんばん")] == ["Kanban board"]
    response = admin_client.post(url("edit", synonym_set.pk), {"terms": "kanban\nカンバン"})
    assert response.status_code == 302
    synonym_set.refresh_from_db()
    assert synonym_set.term_list == ["kanban", "カンバン"]
    assert admin_client.post(url("delete", synonym_set.pk)).status_code == 302
    assert not SynonymSet.objects.exists()
    assert similar_requests("カンバン") == []


def test_the_synonym_service_checks_permissions_and_input(django_user_model):
    from django.core.exceptions import PermissionDenied, ValidationError

    from tests.conftest import staff_user
    from wagtail_feedback.services import synonyms
    from wagtail_feedback.services.actors import Actor

    SynonymSet.objects.all().delete()
    nobody = Actor(user=staff_user(django_user_model, "nobody", "access_admin"))
    editor = Actor(user=staff_user(django_user_model, "editor", "add_synonymset", "change_synonymset"))
    with pytest.raises(PermissionDenied):
        synonyms.create_synonym_set(nobody, terms="kanban, かんばん")
    with pytest.raises(ValidationError) as error:
        synonyms.create_synonym_set(editor, terms="kanban\nKanban")
    assert error.value.error_dict["terms"][0].code == "too_few"
    assert not SynonymSet.objects.exists()
    synonym_set = synonyms.create_synonym_set(editor, terms="kanban, かんばん")
    with pytest.raises(PermissionDenied):
        synonyms.delete_synonym_set(editor, synonym_set)
    assert SynonymSet.objects.filter(pk=synonym_set.pk).exists()
