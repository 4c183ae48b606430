import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.conftest import make_visitor
from wagtail_feedback.models import (
    Notification, NotificationEvent, PriorityChange, PriorityReason, StatusChange, StatusSetting, Vote,
)
from wagtail_feedback.rules.priorities import BUDGET
from wagtail_feedback.services import priorities, status, votes
from wagtail_feedback.services.actors import Actor

pytestmark = pytest.mark.django_db


def test_closing_hands_shares_back_to_every_voter(pm, account, requests3):
    a, b, c = requests3
    people = [make_visitor(10 + i, account) for i in range(4)]
    for p in people:
        actor = Actor.for_visitor(p)
        votes.vote(actor, a)
        votes.vote(actor, b)
    votes.vote(Actor.for_visitor(people[0]), c)
    status.change_status(pm, a, "released")
    a.refresh_from_db()
    assert a.released_at is not None
    for p in people:
        shares = {v.request_id: v.share for v in priorities.current_priorities(p)}
        assert a.pk not in shares
        assert sum(shares.values()) == BUDGET
    assert set(Vote.objects.filter(request=a).values_list("share", flat=True)) == {0}
    # The vote stays, so the visitor's Released tab can show it.
    assert Vote.objects.filter(request=a).count() == 4
    assert PriorityChange.objects.filter(reason=PriorityReason.CLOSED, request=a, new_share=0).count() == 4


def test_reopening_gives_voters_an_equal_new_share(pm, actor, requests3):
    a, b, _ = requests3
    votes.vote(actor, a)
    votes.vote(actor, b)
    status.change_status(pm, a, "declined")
    assert {v.request_id: v.share for v in priorities.current_priorities(actor.visitor)} == {b.pk: BUDGET}
    status.change_status(pm, a, "planned")
    assert {v.request_id: v.share for v in priorities.current_priorities(actor.visitor)} == {a.pk: 5000, b.pk: 5000}
    a.refresh_from_db()
    assert a.released_at is None


def test_status_change_notifies_subscribers_with_the_status_message(pm, actor, requests3, mailoutbox,
                                                                   django_capture_on_commit_callbacks):
    StatusSetting.objects.filter(status="planned").update(label="On the roadmap", message="Coming this quarter.")
    votes.vote(actor, requests3[0])
    with django_capture_on_commit_callbacks(execute=True):
        change = status.change_status(pm, requests3[0], "planned")
    assert change.message == "Coming this quarter."
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert "On the roadmap" in mail.subject
    assert "Coming this quarter." in mail.body
    assert "/feedback/requests/" in mail.body and "/feedback/unsubscribe/" in mail.body
    html = mail.alternatives[0][0] if hasattr(mail.alternatives[0], "__getitem__") else mail.alternatives[0].content
    assert "Coming this quarter." in html
    assert Notification.objects.get().event == NotificationEvent.STATUS


def test_release_is_its_own_event(pm, actor, requests3, django_capture_on_commit_callbacks):
    votes.vote(actor, requests3[0])
    with django_capture_on_commit_callbacks(execute=True):
        status.change_status(pm, requests3[0], "released")
    assert Notification.objects.get().event == NotificationEvent.RELEASED


def test_hidden_status_sends_nothing(pm, actor, requests3, mailoutbox, django_capture_on_commit_callbacks):
    StatusSetting.objects.filter(status="awaiting_feedback").update(visible_to_visitors=False)
    votes.vote(actor, requests3[0])
    with django_capture_on_commit_callbacks(execute=True):
        status.change_status(pm, requests3[0], "awaiting_feedback")
    assert mailoutbox == []


def test_status_needs_permission_and_a_known_status(csm, pm, requests3):
    with pytest.raises(PermissionDenied):
        status.change_status(csm, requests3[0], "planned")
    with pytest.raises(ValidationError):
        status.change_status(pm, requests3[0], "shipped-ish")
    assert not StatusChange.objects.exists()


def test_same_status_is_a_no_op(pm, requests3):
    assert status.change_status(pm, requests3[0], "not_reviewed") is None
