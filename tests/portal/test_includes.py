"""The seams for page blocks: selectors and partial templates that render outside the portal's pages."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from tests.conftest import make_requests, make_visitor
from wagtail_feedback import queries
from wagtail_feedback.models import ProductArea, Status
from wagtail_feedback.services import status, votes
from wagtail_feedback.services.actors import Actor
from wagtail_feedback.views.forms import SuggestionForm

pytestmark = pytest.mark.django_db


def test_request_list_filters_sorts_and_limits(visitor, actor, pm):
    area = ProductArea.objects.create(name="Reports", slug="reports")
    a, b, c = make_requests(3)
    for r in (a, b):
        r.area = area
        r.save()
    votes.vote(Actor.for_visitor(make_visitor(30)), b)
    votes.vote(actor, b)
    status.change_status(pm, c, Status.PLANNED)
    st = queries.statuses()
    items = queries.request_list(visitor, st, area=area, sort="votes", limit=5)
    assert [i.pk for i in items] == [b.pk, a.pk]
    assert items[0].my_vote == "active" and items[0].status_label == "Not reviewed"
    assert [i.pk for i in queries.request_list(None, st, status=[Status.PLANNED])] == [c.pk]
    board = queries.roadmap(None, st)
    assert [i.pk for i in board[Status.PLANNED]] == [c.pk] and board[Status.BUILDING] == []


def test_partials_render_on_any_page(visitor, actor):
    a, b = make_requests(2)
    votes.vote(actor, a)
    votes.vote(actor, b)
    request = RequestFactory().get("/some/wagtail/page/")
    st = queries.statuses()
    items = queries.request_list(visitor, st)
    html = render_to_string("wagtail_feedback/portal/includes/request_list.html",
                            {"items": items, "visitor": visitor, "here": "/feedback/"}, request=request)
    assert html.count("<li class=\"wf-item") == 2 and 'aria-pressed="true"' in html and "csrfmiddlewaretoken" in html
    anonymous = render_to_string("wagtail_feedback/portal/includes/request_list.html",
                                 {"items": queries.request_list(None, st), "visitor": None}, request=request)
    assert "wf-votebox-static" in anonymous and "<form" not in anonymous
    form = render_to_string("wagtail_feedback/portal/includes/suggestion_form.html", {"form": SuggestionForm()},
                            request=request)
    assert 'action="/feedback/requests/new/"' in form and 'data-wf-similar="/feedback/api/similar/"' in form
    sliders = render_to_string("wagtail_feedback/portal/includes/priorities.html", {
        "priorities": queries.priorities_payload(visitor, st),
        "priorities_endpoint": "/feedback/api/me/priorities/",
    }, request=request)
    assert "data-wf-priorities" in sliders and 'id="wf-priorities-data"' in sliders
    assets = render_to_string("wagtail_feedback/portal/includes/assets.html")
    assert "portal.css" in assets and 'type="module"' in assets
