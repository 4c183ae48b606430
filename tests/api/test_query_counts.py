"""The list, detail, priorities and similar endpoints run a fixed number of queries,
whatever the page size and however much data there is."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.conftest import login
from tests.conftest import make_visitor
from wagtail_feedback.models import Account, App, FeatureRequest, ProductArea, Tag
from wagtail_feedback.services import comments, votes
from wagtail_feedback.services.actors import Actor

pytestmark = pytest.mark.django_db
API = "/feedback/api"
SMALL, LARGE = 2, 15

_serial = iter(range(1000, 10**9))


def world(n):
    """n requests, each with tags, an area, n votes and n comments; a visitor who voted on all of them."""
    account = Account.objects.create(host_id=f"a{next(_serial)}", name="Co")
    app = App.objects.create(name=f"App {next(_serial)}", slug=f"app-{next(_serial)}")
    area = ProductArea.objects.create(name="Area", slug=f"area-{next(_serial)}", app=app)
    me = make_visitor(next(_serial), account)
    others = [make_visitor(next(_serial), account) for _ in range(n)]
    requests = []
    for i in range(n):
        request = FeatureRequest.objects.create(title=f"Export report number {next(_serial)}", area=area, app=app)
        request.tags.add(*[Tag.objects.get_or_create(name=f"tag-{i}-{k}")[0] for k in range(2)])
        votes.vote(Actor.for_visitor(me), request)
        for person in others:
            votes.vote(Actor.for_visitor(person), request)
            comments.add_comment(Actor.for_visitor(person), request, "Me too")
        requests.append(request)
    return me, requests


def measure(client, url):
    client.get(url)  # warm-up: the first request may create the CSRF cookie, load content types…
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(queries)


# Searching adds the similarity service's own queries (a handful, pinned by its own tests); the
# figures here leave room for them, while constancy is asserted exactly.
@pytest.mark.parametrize(
    "endpoint,pinned",
    [("requests/?page_size={n}", 7), ("requests/?page_size={n}&sort=trending&q=export", 15),
     ("requests/{first}/", 7), ("me/priorities/", 4), ("similar/?q=export+report", 12), ("me/released/", 6)],
)
def test_endpoint_queries_do_not_grow(client, endpoint, pinned, django_capture_on_commit_callbacks):
    counts = []
    for n in (SMALL, LARGE):
        with django_capture_on_commit_callbacks(execute=False):
            me, requests = world(n)
        login(client, me)
        counts.append(measure(client, f"{API}/" + endpoint.format(n=n, first=requests[0].pk)))
    assert counts[0] == counts[1], f"{endpoint}: {counts[0]} queries small, {counts[1]} large"
    assert counts[1] <= pinned, f"{endpoint}: {counts[1]} queries, pinned at {pinned}"


def test_bearer_requests_cost_the_same(client, django_capture_on_commit_callbacks):
    from tests.api.conftest import bearer

    with django_capture_on_commit_callbacks(execute=False):
        me, _requests = world(SMALL)
    headers = bearer(me)
    client.get(f"{API}/requests/", headers=headers)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"{API}/requests/", headers=headers).status_code == 200
    assert len(queries) <= 6
