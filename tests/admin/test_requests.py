"""Feedback › Requests: the listing, the request page and its actions (C1, P1–P3)."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import translation

from tests.conftest import make_visitor
from wagtail_feedback.admin.requests import READY_MESSAGE
from wagtail_feedback.models import (
    Comment,
    FeatureRequest,
    Notification,
    NotificationEvent,
    Status,
    StatusChange,
    StatusSetting,
    Subscription,
    Visibility,
    Vote,
)
from wagtail_feedback.services import merge, status
from wagtail_feedback.services.actors import Actor

pytestmark = pytest.mark.django_db


def index(client, **params):
    return client.get(reverse("wagtail_feedback_requests:index"), params)


def titles(response):
    return [r.title for r in response.context["object_list"]]


def detail_url(request):
    return reverse("wagtail_feedback_requests:inspect", args=[request.pk])


# The listing

def test_listing_sorts_by_votes_and_filters(pm_client, world):
    assert titles(index(pm_client)) == [world.export.title, world.dark.title, world.csv.title]
    assert titles(index(pm_client, ordering="vote_count"))[-1] == world.export.title
    assert titles(index(pm_client, account=world.sakura.pk)) == [world.csv.title]
    assert titles(index(pm_client, account_status="paying")) == [world.export.title, world.dark.title]
    assert titles(index(pm_client, vote_count_min=2)) == [world.export.title]
    status.change_status(Actor.for_user(world_pm(pm_client)), world.dark, Status.PLANNED)
    assert titles(index(pm_client, status=Status.PLANNED)) == [world.dark.title]


def world_pm(client):
    return client.get(reverse("wagtailadmin_home")).wsgi_request.user


def test_merged_requests_are_hidden_unless_asked_for(pm_client, world):
    merge.merge(Actor.for_user(world_pm(pm_client)), world.dark, world.export)
    assert world.dark.title not in titles(index(pm_client))
    assert titles(index(pm_client, merged="only")) == [world.dark.title]
    assert world.dark.title in titles(index(pm_client, merged="include"))


@pytest.mark.parametrize("query, expected", [("文字コード", "csv"), ("dashboards", "export"), ("PDF", "export")])
def test_search_finds_japanese_and_english_words(csm_client, world, query, expected):
    assert titles(index(csm_client, q=query))[0] == getattr(world, expected).title


def test_export_uses_the_sites_status_labels(pm_client, world):
    StatusSetting.objects.filter(status=Status.NOT_REVIEWED).update(label="Inbox")
    response = index(pm_client, export="csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:3] == ["Title", "Status", "Votes"]
    assert {row[0]: row[1] for row in rows[1:]}[world.export.title] == "Inbox"
    assert rows[1][-1].startswith("http://testserver/admin/feedback/requests/inspect/")


# The request page

def test_request_page_shows_voters_with_account_and_priority(csm_client, world):
    page = csm_client.get(detail_url(world.export))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Alice Archer" in html and "Bob Baker" in html and "Acme Corp" in html
    shares = {v.visitor.name: round(v.percent) for v in page.context["voter_list"]}
    assert shares == {"Alice Archer": 50, "Bob Baker": 100}
    assert page.context["subscriber_count"] == 2


def test_internal_comments_are_for_staff_with_the_permission(client, csm_client, world, django_user_model):
    from django.contrib.auth.models import Permission

    from tests.admin.conftest import member

    csm_client.post(reverse("wagtail_feedback_requests:comment", args=[world.export.pk]),
                    {"body": "Renewal depends on this", "visibility": "internal"})
    csm_client.post(reverse("wagtail_feedback_requests:comment", args=[world.export.pk]),
                    {"body": "Thanks, logged!", "visibility": "public"})
    internal = Comment.objects.get(body="Renewal depends on this")
    assert internal.visibility == Visibility.INTERNAL
    # Only the public comment tells subscribers.
    assert Notification.objects.filter(event=NotificationEvent.COMMENT).count() == 2  # Alice and Bob

    reader = member(django_user_model, "reader", None, first_name="Rea")
    reader.user_permissions.add(*Permission.objects.filter(codename__in=["access_admin", "view_featurerequest"]))
    client.force_login(reader)
    html = client.get(detail_url(world.export)).content.decode()
    assert "Thanks, logged!" in html and "Renewal depends on this" not in html
    response = client.post(reverse("wagtail_feedback_requests:comment", args=[world.export.pk]),
                           {"body": "sneaky", "visibility": "internal"})
    assert response.status_code == 400
    assert not Comment.objects.filter(body="sneaky").exists()


def test_add_visitor_gives_a_vote_and_subscription_and_a_ready_message(csm_client, world):
    response = csm_client.post(reverse("wagtail_feedback_requests:add_visitor", args=[world.export.pk]),
                               {"visitor": world.hanako.pk})
    assert response.status_code == 302
    assert response.url == f"{detail_url(world.export)}?message_for={world.hanako.pk}#ready-message"
    vote = Vote.objects.get(visitor=world.hanako, request=world.export)
    assert vote.added_by.username == "carol"
    assert Subscription.objects.filter(visitor=world.hanako, request=world.export).exists()
    assert Notification.objects.filter(event=NotificationEvent.ADDED, recipient=world.hanako).exists()

    page = csm_client.get(response.url)
    message = page.context["ready_message"]["text"]
    link = f"http://testserver/feedback/requests/{world.export.pk}/"
    with translation.override("ja"):
        expected = translation.gettext(READY_MESSAGE) % {"name": "山田 花子", "title": world.export.title, "url": link}
    assert message == expected
    assert link in message
    assert 'lang="ja"' in page.content.decode()


def test_english_visitor_gets_an_english_message(csm_client, world):
    csm_client.post(reverse("wagtail_feedback_requests:add_visitor", args=[world.csv.pk]), {"visitor": world.alice.pk})
    page = csm_client.get(f"{detail_url(world.csv)}?message_for={world.alice.pk}")
    assert page.context["ready_message"]["text"].startswith("Hello Alice Archer,")


@pytest.mark.parametrize("case", ["already_voted", "closed", "merged", "missing"])
def test_bad_add_visitor_shows_a_clear_message_and_changes_nothing(csm_client, pm, world, case):
    request, visitor = world.export, world.alice
    expected = "Alice Archer has already voted for this request."
    if case == "closed":
        status.change_status(pm, world.csv, Status.DECLINED)
        request, expected = world.csv, "This request is closed: it was released or declined."
    elif case == "merged":
        merge.merge(pm, world.dark, world.export)
        request, visitor, expected = world.dark, world.hanako, "This request was merged into"
    elif case == "missing":
        visitor, expected = None, "Select a valid choice."
    counts = lambda: (Vote.objects.count(), Subscription.objects.count(), Notification.objects.count())  # noqa: E731
    before = counts()
    response = csm_client.post(reverse("wagtail_feedback_requests:add_visitor", args=[request.pk]),
                               {"visitor": visitor.pk if visitor else 999999})
    assert response.status_code == 400
    assert expected in response.content.decode()
    assert counts() == before


def test_status_change_with_a_message_tells_subscribers(pm_client, world):
    response = pm_client.post(reverse("wagtail_feedback_requests:status", args=[world.export.pk]),
                              {"status": Status.PLANNED, "message": "Coming in spring"})
    assert response.status_code == 302
    change = StatusChange.objects.get(request=world.export)
    assert (change.new_status, change.message) == (Status.PLANNED, "Coming in spring")
    assert change.changed_by.username == "pat"
    assert Notification.objects.filter(event=NotificationEvent.STATUS, request=world.export).count() == 2
    again = pm_client.post(reverse("wagtail_feedback_requests:status", args=[world.export.pk]),
                           {"status": Status.PLANNED, "message": ""}, follow=True)
    assert "The request already has this status." in again.content.decode()
    bad = pm_client.post(reverse("wagtail_feedback_requests:status", args=[world.export.pk]), {"status": "nonsense"})
    assert bad.status_code == 400
    assert StatusChange.objects.count() == 1


def test_merge_and_unmerge(pm_client, world):
    response = pm_client.post(reverse("wagtail_feedback_requests:merge", args=[world.dark.pk]),
                              {"target": world.export.pk})
    assert response.status_code == 302 and response.url == detail_url(world.export)
    world.dark.refresh_from_db()
    assert world.dark.merged_into_id == world.export.pk
    page = pm_client.get(detail_url(world.export))
    assert [r.pk for r in page.context["merged_here"]] == [world.dark.pk]
    source_page = pm_client.get(detail_url(world.dark)).content.decode()
    assert "This request was merged into" in source_page
    response = pm_client.post(reverse("wagtail_feedback_requests:unmerge", args=[world.dark.pk]))
    assert response.status_code == 302
    world.dark.refresh_from_db()
    assert world.dark.merged_into_id is None
    assert Vote.objects.filter(request=world.dark, visitor=world.alice).exists()


@pytest.mark.parametrize("case", ["itself", "target_merged", "already_merged", "nothing_chosen"])
def test_bad_merges_show_a_clear_message_and_change_nothing(pm_client, pm, world, case):
    source, target = world.dark, world.export
    if case == "itself":
        target, expected = world.dark, "A request cannot be merged into itself."
    elif case == "target_merged":
        merge.merge(pm, world.csv, world.export)
        target, expected = world.csv, "was itself merged away; merge into the request it was merged into."
    elif case == "already_merged":
        merge.merge(pm, world.dark, world.csv)
        expected = "is already merged into another request."
    else:
        target, expected = None, "Choose the request to merge into."
    before = list(FeatureRequest.objects.order_by("pk").values_list("merged_into", "vote_count"))
    response = pm_client.post(reverse("wagtail_feedback_requests:merge", args=[source.pk]),
                              {"target": target.pk} if target else {})
    assert response.status_code == 400
    assert expected in response.content.decode()
    assert list(FeatureRequest.objects.order_by("pk").values_list("merged_into", "vote_count")) == before


def test_unmerge_of_a_request_that_is_not_merged(pm_client, world):
    response = pm_client.post(reverse("wagtail_feedback_requests:unmerge", args=[world.dark.pk]))
    assert response.status_code == 400
    assert "This request is not merged." in response.content.decode()


def test_edit_goes_through_the_service(pm_client, world):
    url = reverse("wagtail_feedback_requests:edit", args=[world.dark.pk])
    response = pm_client.post(url, {"title": "Dark mode everywhere", "description": "Also *emails*", "effort": 3})
    assert response.status_code == 302
    world.dark.refresh_from_db()
    assert (world.dark.title, world.dark.effort) == ("Dark mode everywhere", 3)
    assert "<em>emails</em>" in world.dark.description_html  # rendered by the service
    bad = pm_client.post(url, {"title": "   ", "description": ""})
    assert bad.status_code in (200, 400)
    world.dark.refresh_from_db()
    assert world.dark.title == "Dark mode everywhere"


def test_staff_vote_and_follow_as_themselves(csm_client, world):
    csm_client.post(reverse("wagtail_feedback_requests:vote", args=[world.dark.pk]))
    me = csm_client.get(reverse("wagtail_feedback_mine:index")).context["visitor"]
    assert me.user.username == "carol"
    assert Vote.objects.filter(visitor=me, request=world.dark, added_by=None).exists()
    csm_client.post(reverse("wagtail_feedback_requests:unvote", args=[world.dark.pk]))
    assert not Vote.objects.filter(visitor=me, request=world.dark).exists()
    csm_client.post(reverse("wagtail_feedback_requests:follow", args=[world.csv.pk]))
    assert Subscription.objects.filter(visitor=me, request=world.csv).exists()
    csm_client.post(reverse("wagtail_feedback_requests:unfollow", args=[world.csv.pk]))
    assert not Subscription.objects.filter(visitor=me, request=world.csv).exists()


def test_action_urls_refuse_get(csm_client, world):
    assert csm_client.get(reverse("wagtail_feedback_requests:vote", args=[world.dark.pk])).status_code == 405


def test_an_unknown_request_is_a_404(csm_client):
    assert csm_client.get(reverse("wagtail_feedback_requests:inspect", args=[424242])).status_code == 404
    assert csm_client.post(reverse("wagtail_feedback_requests:vote", args=[424242])).status_code == 404


def test_request_chooser_searches_titles(pm_client, world):
    response = pm_client.get(reverse("wagtail_feedback_request_chooser:choose_results"), {"q": "エクスポート"})
    found = [r.pk for r in response.context["results"]]
    assert world.csv.pk in found and world.dark.pk not in found


def test_visitor_chooser_searches_people_not_companies(csm_client, world):
    url = reverse("wagtail_feedback_visitor_chooser:choose_results")
    assert [v.pk for v in csm_client.get(url, {"q": "hanako@"}).context["results"]] == [world.hanako.pk]
    assert [v.pk for v in csm_client.get(url, {"q": "baker"}).context["results"]] == [world.bob.pk]
    assert list(csm_client.get(url, {"q": "Corp"}).context["results"]) == []
    html = csm_client.get(url, {"q": "alice"}).content.decode()
    assert "Acme Corp" in html  # the account is shown next to the person


def test_visitor_names_are_escaped(csm_client, world):
    evil = make_visitor(666)
    evil.name = "<script>alert(1)</script>"
    evil.save()
    csm_client.post(reverse("wagtail_feedback_requests:add_visitor", args=[world.dark.pk]), {"visitor": evil.pk})
    html = csm_client.get(detail_url(world.dark)).content.decode()
    assert "<script>alert(1)</script>" not in html
