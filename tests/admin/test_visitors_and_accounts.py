"""Visitor profiles and their priorities (C3), accounts (C4), one's own (C5)."""

import json

import pytest
from django.urls import reverse
from django.utils import timezone

from wagtail_feedback.models import PriorityChange, PriorityReason, Status, Vote
from wagtail_feedback.services import comments, status, votes
from wagtail_feedback.services.actors import Actor

pytestmark = pytest.mark.django_db


def post_json(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def profile(client, visitor):
    return client.get(reverse("wagtail_feedback_visitors:inspect", args=[visitor.pk]))


def test_visitor_listing_searches_names_and_emails_and_filters_accounts(csm_client, world):
    url = reverse("wagtail_feedback_visitors:index")
    names = lambda **q: [v.name for v in csm_client.get(url, q).context["object_list"]]  # noqa: E731
    assert names(q="alice") == ["Alice Archer"]
    assert names(q="sakura.example") == ["山田 花子"]
    assert names(account=world.acme.pk) == ["Alice Archer", "Bob Baker"]
    assert names(account__status="prospect") == ["山田 花子"]
    alice = csm_client.get(url, {"q": "alice"}).context["object_list"][0]
    assert alice.open_votes == 2


def test_profile_tabs(csm_client, pm, world):
    comments.add_comment(Actor.for_visitor(world.alice), world.dark, "Please!")
    status.change_status(pm, world.dark, Status.RELEASED)
    page = profile(csm_client, world.alice)
    assert page.status_code == 200
    context = page.context
    assert [v.request.title for v in context["vote_list"]] == [world.dark.title, world.export.title]
    assert [i["title"] for i in context["priority_data"]["items"]] == [world.export.title]
    assert context["priority_data"]["budget"] == 10_000
    assert [r.title for r in context["released_list"]] == [world.dark.title]
    kinds = [e.kind for e in context["activity"]]
    assert "comment" in kinds and "priorities" in kinds and "vote" in kinds
    html = page.content.decode()
    assert 'data-wf-priorities' in html and 'wagtail_feedback/js/priority-sliders.js' in html
    assert f'data-endpoint="/admin/feedback/visitors/{world.alice.pk}/priorities/"' in html


def test_priorities_endpoint_reads_and_writes_on_the_visitors_behalf(csm_client, world):
    url = reverse("wagtail_feedback_visitors:priorities", args=[world.alice.pk])
    data = csm_client.get(url).json()
    assert data["budget"] == 10_000
    assert [(i["request_id"], i["share"]) for i in data["items"]] == [(world.export.pk, 5000), (world.dark.pk, 5000)]
    assert data["items"][0]["url"] == reverse("wagtail_feedback_requests:inspect", args=[world.export.pk])
    response = post_json(csm_client, url, {"request_id": world.dark.pk, "share": 7000})
    assert response.status_code == 200
    assert [(i["request_id"], i["share"]) for i in response.json()["items"]] == [(world.dark.pk, 7000),
                                                                                (world.export.pk, 3000)]
    change = PriorityChange.objects.filter(reason=PriorityReason.SET, visitor=world.alice).latest("pk")
    assert change.changed_by_user.username == "carol"  # recorded as done on Alice's behalf


def test_a_slider_drag_is_one_line_of_activity(csm_client, world):
    url = reverse("wagtail_feedback_visitors:priorities", args=[world.alice.pk])
    for share in (5500, 6000, 6500, 7000):
        post_json(csm_client, url, {"request_id": world.dark.pk, "share": share})
    activity = profile(csm_client, world.alice).context["activity"]
    (burst,) = [e for e in activity if e.kind == "priorities" and e.user is not None]
    moves = {m.request.pk: (round(m.old_percent), round(m.new_percent)) for m in burst.detail["moves"]}
    assert moves == {world.dark.pk: (50, 70), world.export.pk: (50, 30)}
    assert burst.user.username == "carol"


@pytest.mark.parametrize("body, field", [
    ({"request_id": 1, "share": 10_001}, "share"),
    ({"request_id": 1, "share": "lots"}, "share"),
    ({"share": 10}, "request_id"),
])
def test_priorities_endpoint_rejects_bad_input(csm_client, world, body, field):
    url = reverse("wagtail_feedback_visitors:priorities", args=[world.alice.pk])
    body = {**body, "request_id": world.dark.pk} if "request_id" in body else body
    before = list(Vote.objects.order_by("pk").values_list("share", flat=True))
    response = post_json(csm_client, url, body)
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert list(Vote.objects.order_by("pk").values_list("share", flat=True)) == before


def test_priority_on_a_closed_request_is_refused(csm_client, pm, world):
    status.change_status(pm, world.dark, Status.DECLINED)
    url = reverse("wagtail_feedback_visitors:priorities", args=[world.alice.pk])
    response = post_json(csm_client, url, {"request_id": world.dark.pk, "share": 4000})
    assert response.status_code == 400
    assert response.json()["errors"]["share"] == ["Only open requests you voted for can be prioritised."]
    assert Vote.objects.get(visitor=world.alice, request=world.export).share == 10_000


def test_priorities_need_act_on_behalf(client, django_user_model, world):
    from django.contrib.auth.models import Permission

    from tests.admin.conftest import member

    user = member(django_user_model, "looker", None, first_name="Lou")
    user.user_permissions.add(*Permission.objects.filter(codename__in=["access_admin", "view_visitor"]))
    client.force_login(user)
    page = profile(client, world.alice)
    assert page.status_code == 200 and "data-wf-priorities" not in page.content.decode()
    url = reverse("wagtail_feedback_visitors:priorities", args=[world.alice.pk])
    response = post_json(client, url, {"request_id": world.dark.pk, "share": 9000})
    assert response.status_code == 403
    assert response.json()["errors"]["__all__"] == ["You do not have permission to do that."]
    assert Vote.objects.get(visitor=world.alice, request=world.dark).share == 5000


def test_account_page_combines_priorities(csm_client, world):
    votes.vote(Actor.for_visitor(world.bob), world.dark)  # Bob: export 50%, dark 50%; Alice: 50/50
    page = csm_client.get(reverse("wagtail_feedback_accounts:inspect", args=[world.acme.pk]))
    rows = [(r.request.title, r.voters, round(r.percent)) for r in page.context["combined"]]
    assert rows == [(world.export.title, 2, 50), (world.dark.title, 2, 50)]
    assert [v.name for v in page.context["account_visitors"]] == ["Alice Archer", "Bob Baker"]
    html = page.content.decode()
    assert f"/admin/feedback/visitors/inspect/{world.alice.pk}/#tab-priorities" in html


def test_account_released_tab(csm_client, pm, world):
    status.change_status(pm, world.export, Status.RELEASED)
    page = csm_client.get(reverse("wagtail_feedback_accounts:inspect", args=[world.acme.pk]))
    (released,) = page.context["released_list"]
    assert released == world.export
    assert {v.name for v in released.wanted_by} == {"Alice Archer", "Bob Baker"}
    other = csm_client.get(reverse("wagtail_feedback_accounts:inspect", args=[world.sakura.pk]))
    assert other.context["released_list"] == []
    world.export.refresh_from_db()
    assert world.export.released_at <= timezone.now()


def test_accounts_listing(csm_client, world):
    page = csm_client.get(reverse("wagtail_feedback_accounts:index"), {"status": "paying"})
    assert [(a.name, a.visitor_count) for a in page.context["object_list"]] == [("Acme Corp", 2)]


def test_my_requests_and_priorities(csm_client, world):
    page = csm_client.get(reverse("wagtail_feedback_mine:index"))
    assert page.status_code == 200 and page.context["vote_list"] == []
    csm_client.post(reverse("wagtail_feedback_requests:vote", args=[world.export.pk]))
    csm_client.post(reverse("wagtail_feedback_requests:vote", args=[world.csv.pk]))
    url = reverse("wagtail_feedback_mine:priorities")
    response = post_json(csm_client, url, {"request_id": world.csv.pk, "share": 8000})
    assert response.status_code == 200
    shares = {i["request_id"]: i["share"] for i in response.json()["items"]}
    assert shares == {world.csv.pk: 8000, world.export.pk: 2000}
    change = PriorityChange.objects.filter(reason=PriorityReason.SET).latest("pk")
    assert change.changed_by_user is None and change.visitor.user.username == "carol"
    page = csm_client.get(reverse("wagtail_feedback_mine:index"))
    assert [i["share"] for i in page.context["priority_data"]["items"]] == [8000, 2000]
