import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from wagtail_feedback.models import App, Comment, FeatureRequest, ProductArea, Subscription, Vote
from wagtail_feedback.rules.priorities import BUDGET
from wagtail_feedback.services import comments, requests, subscriptions, votes

pytestmark = pytest.mark.django_db


def test_suggest_as_visitor_votes_and_subscribes(actor, visitor):
    request = requests.suggest(actor, title="  Export to CSV  ", description="**Monthly** reports")
    assert request.title == "Export to CSV"
    assert request.requested_by == visitor
    assert request.created_by_user is None
    assert "<strong>Monthly</strong>" in request.description_html
    assert Vote.objects.get(request=request).share == BUDGET
    assert Subscription.objects.filter(visitor=visitor, request=request).exists()


def test_suggest_on_behalf_records_both_people(csm, other_visitor):
    request = requests.suggest(csm, title="SAML login", on_behalf_of=other_visitor, staff_subscribe=True)
    assert request.requested_by == other_visitor
    assert request.created_by_user == csm.user
    vote = Vote.objects.get(request=request)
    assert (vote.visitor, vote.added_by) == (other_visitor, csm.user)
    assert Subscription.objects.filter(request=request).count() == 2


def test_suggest_on_behalf_with_staff_vote(csm, other_visitor):
    request = requests.suggest(csm, title="SAML login", on_behalf_of=other_visitor, staff_vote=True)
    assert Vote.objects.filter(request=request).count() == 2
    request.refresh_from_db()
    assert request.vote_count == 2


@pytest.mark.parametrize(
    "title,description,field",
    [("", "", "title"), ("   ", "", "title"), ("x" * 201, "", "title"), ("ok", "y" * 10_001, "description")],
)
def test_bad_suggestions_are_refused_with_a_field_message(actor, title, description, field):
    with pytest.raises(ValidationError) as error:
        requests.suggest(actor, title=title, description=description)
    assert field in error.value.message_dict
    assert not FeatureRequest.objects.exists()
    assert not Vote.objects.exists()


def test_area_must_belong_to_the_chosen_app(actor):
    app1, app2 = App.objects.create(name="One", slug="one"), App.objects.create(name="Two", slug="two")
    area = ProductArea.objects.create(name="Reports", slug="reports", app=app1)
    with pytest.raises(ValidationError):
        requests.suggest(actor, title="x", app=app2, area=area)
    request = requests.suggest(actor, title="x", area=area)
    assert request.app == app1


def test_suggest_for_someone_else_needs_permission(actor, other_visitor):
    with pytest.raises(PermissionDenied):
        requests.suggest(actor, title="x", on_behalf_of=other_visitor)


def test_description_is_sanitised(actor):
    request = requests.suggest(
        actor, title="x",
        description='<script>alert(1)</script> [a](javascript:alert(1)) <a href="https://x.example" onclick="e()">x</a> [ok](https://ok.example)',
    )
    tags = parse_tags(request.description_html)
    assert "script" not in [t for t, _ in tags]
    assert not [a for _, attrs in tags for a, _v in attrs if a.startswith("on")]
    assert [dict(attrs)["href"] for t, attrs in tags if t == "a"] == ["https://ok.example"]
    assert 'rel="nofollow ugc noopener"' in request.description_html


def parse_tags(html):
    from html.parser import HTMLParser

    found = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, attrs))

    Collector().feed(html)
    return found


def test_public_comment_notifies_other_subscribers(actor, other_visitor, requests3, mailoutbox,
                                                   django_capture_on_commit_callbacks):
    from wagtail_feedback.services.actors import Actor

    votes.vote(actor, requests3[0])
    votes.vote(Actor.for_visitor(other_visitor), requests3[0])
    with django_capture_on_commit_callbacks(execute=True):
        comment = comments.add_comment(actor, requests3[0], "We *really* need this")
    assert comment.author_visitor == actor.visitor and comment.author_user is None
    assert "<em>really</em>" in comment.body_html
    assert [m.to for m in mailoutbox] == [[other_visitor.email]]


def test_rolled_back_comment_sends_nothing(actor, other_visitor, requests3, mailoutbox,
                                           django_capture_on_commit_callbacks):
    from django.db import transaction

    from wagtail_feedback.models import Notification
    from wagtail_feedback.services.actors import Actor

    votes.vote(Actor.for_visitor(other_visitor), requests3[0])
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError):
            with transaction.atomic():
                comments.add_comment(actor, requests3[0], "This will vanish")
                raise RuntimeError("boom")
    assert callbacks == []
    assert mailoutbox == []
    assert not Comment.objects.exists()
    assert not Notification.objects.exists()


def test_internal_comments_are_staff_only_and_silent(pm, actor, requests3, mailoutbox,
                                                     django_capture_on_commit_callbacks):
    votes.vote(actor, requests3[0])
    with pytest.raises(PermissionDenied):
        comments.add_comment(actor, requests3[0], "sneaky", internal=True)
    with django_capture_on_commit_callbacks(execute=True):
        comment = comments.add_comment(pm, requests3[0], "Needs the new export engine first", internal=True)
    assert comment.visibility == "internal" and comment.author_user == pm.user
    assert mailoutbox == []


def test_staff_public_comment_is_shown_as_team(csm, requests3):
    comment = comments.add_comment(csm, requests3[0], "Thanks, we are looking at this.")
    assert comment.is_staff_comment


@pytest.mark.parametrize("body", ["", "   ", "x" * 5001])
def test_bad_comments_are_refused(actor, requests3, body):
    with pytest.raises(ValidationError) as error:
        comments.add_comment(actor, requests3[0], body)
    assert "body" in error.value.message_dict
    assert not Comment.objects.exists()


def test_comment_on_merged_request_lands_on_target(pm, actor, requests3):
    from wagtail_feedback.services import merge

    merge.merge(pm, requests3[0], requests3[1])
    assert comments.add_comment(actor, requests3[0], "hello").request == requests3[1]


def test_subscribe_and_unsubscribe(actor, visitor, requests3):
    subscriptions.subscribe(actor, requests3[0])
    subscriptions.subscribe(actor, requests3[0])
    assert Subscription.objects.filter(visitor=visitor).count() == 1
    subscriptions.unsubscribe(actor, requests3[0])
    assert not Subscription.objects.exists()


def test_anonymous_cannot_comment(requests3):
    from wagtail_feedback.services.actors import Actor

    with pytest.raises(PermissionDenied):
        comments.add_comment(Actor(), requests3[0], "hi")
