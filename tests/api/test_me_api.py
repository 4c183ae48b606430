"""My priorities (V4), my released requests (V6), and me."""

import pytest

from tests.conftest import make_requests, make_visitor
from wagtail_feedback.models import PriorityChange, Status
from wagtail_feedback.rules.priorities import BUDGET
from wagtail_feedback.services import status, votes
from wagtail_feedback.services.actors import Actor

pytestmark = pytest.mark.django_db
API = "/feedback/api"


def test_priorities_read_and_set(visitor_client, actor, visitor):
    a, b, c = make_requests(3)
    for r in (a, b, c):
        votes.vote(actor, r)
    body = visitor_client.get(f"{API}/me/priorities/").json()
    assert body["budget"] == BUDGET
    assert sorted(i["share"] for i in body["items"]) == [3333, 3333, 3334]
    assert set(body["items"][0]) >= {"request_id", "title", "url", "share"}
    after = visitor_client.post(f"{API}/me/priorities/", {"request_id": a.pk, "share": 6000},
                                content_type="application/json").json()
    shares = {i["request_id"]: i["share"] for i in after["items"]}
    assert shares[a.pk] == 6000 and sum(shares.values()) == BUDGET
    assert after["items"][0]["request_id"] == a.pk  # highest first
    assert PriorityChange.objects.filter(visitor=visitor, reason="set").exists()


@pytest.mark.parametrize(
    "payload,field",
    [({"request_id": "x", "share": 10}, "request_id"), ({"share": 10}, "request_id"),
     ({"request_id": 0, "share": 10}, "request"), ({"request_id": None, "share": 10}, "request_id")],
)
def test_priority_errors_name_the_field(visitor_client, actor, payload, field):
    for r in make_requests(2):
        votes.vote(actor, r)
    response = visitor_client.post(f"{API}/me/priorities/", payload, content_type="application/json")
    assert response.status_code == 400 and field in response.json()["errors"]


@pytest.mark.parametrize("share", [-1, BUDGET + 1, "lots", 12.5, True, None])
def test_priority_share_must_be_a_whole_number_in_budget(visitor_client, actor, share):
    a, _b = make_requests(2)
    votes.vote(actor, a)
    votes.vote(actor, _b)
    response = visitor_client.post(f"{API}/me/priorities/", {"request_id": a.pk, "share": share},
                                   content_type="application/json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["share"]


def test_someone_elses_request_cannot_be_prioritised(visitor_client, actor):
    mine, theirs = make_requests(2)
    votes.vote(actor, mine)
    votes.vote(Actor.for_visitor(make_visitor(9)), theirs)
    response = visitor_client.post(f"{API}/me/priorities/", {"request_id": theirs.pk, "share": 5000},
                                   content_type="application/json")
    assert response.status_code == 400 and "request" in response.json()["errors"]


def test_released_lists_mine_newest_first(visitor_client, actor, pm):
    first, second, not_mine, open_one = make_requests(4)
    for r in (first, second, open_one):
        votes.vote(actor, r)
    votes.vote(Actor.for_visitor(make_visitor(7)), not_mine)
    for r in (first, second, not_mine):
        status.change_status(pm, r, Status.RELEASED)
    body = visitor_client.get(f"{API}/me/released/").json()
    assert [r["id"] for r in body["results"]] == [second.pk, first.pk]
    assert body["results"][0]["released_at"]


def test_me(visitor_client, actor):
    votes.vote(actor, make_requests(1)[0])
    body = visitor_client.get(f"{API}/me/").json()
    assert body == {
        "id": actor.visitor.pk, "name": "Visitor 1", "email": "v1@example.com", "language": "en",
        "account": {"name": "Acme"}, "open_votes": 1, "budget": BUDGET, "portal_url": "http://testserver/feedback/",
    }
