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
