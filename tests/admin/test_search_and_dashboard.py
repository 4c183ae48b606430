"""The admin search areas and the dashboard panel."""

import pytest
from django.urls import reverse
from wagtail.admin.search import admin_search_areas

from wagtail_feedback.models import Status
from wagtail_feedback.services import comments, status, votes
from wagtail_feedback.services.actors import Actor

pytestmark = pytest.mark.django_db


def areas_for(client):
    request = client.get(reverse("wagtailadmin_home")).wsgi_request
    return {area.name: area.url for area in admin_search_areas.search_items_for_request(request)}


def test_search_areas_for_requests_and_visitors(csm_client, editor_user, client):
    areas = areas_for(csm_client)
    assert areas["feedback-requests"] == reverse("wagtail_feedback_requests:index")
    assert areas["feedback-visitors"] == reverse("wagtail_feedback_visitors:index")
    client.force_login(editor_user)
    assert not {"feedback-requests", "feedback-visitors"} & set(areas_for(client))


def test_listing_search_offers_the_other_areas(csm_client, world):
    html = csm_client.get(reverse("wagtail_feedback_requests:index"), {"q": "CSV"}).content.decode()
    assert "Feedback visitors" in html
    results = csm_client.get(reverse("wagtail_feedback_visitors:index"), {"q": "山田"})
    assert [v.pk for v in results.context["object_list"]] == [world.hanako.pk]


def test_dashboard_shows_news_on_my_requests(csm_client, csm_user, world):
    me = Actor.for_user(csm_user)
    votes.vote(me, world.dark)
    comments.add_comment(Actor.for_visitor(world.bob), world.dark, "Yes please")
    comments.add_comment(Actor.for_visitor(world.hanako), world.csv, "Not mine")
    home = csm_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Feedback activity" in home
    assert "Yes please" in home  # on a request Carol voted for
    assert "Not mine" not in home


def test_dashboard_for_product_managers_shows_everything_and_the_review_queue(pm_client, csm, world):
    status.change_status(Actor.for_user(world_user(pm_client)), world.dark, Status.PLANNED)
    comments.add_comment(Actor.for_visitor(world.hanako), world.csv, "急いでいます")
    home = pm_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "急いでいます" in home
    assert "2 requests</a> wait for review." in home


def world_user(client):
    return client.get(reverse("wagtailadmin_home")).wsgi_request.user
