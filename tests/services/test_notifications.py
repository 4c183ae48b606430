"""The outbox: retries with back-off, exactly-once sending, language, rollback."""

import re
from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from wagtail_feedback.models import DeliveryState, Notification
from wagtail_feedback.services import comments, notify, votes
from wagtail_feedback.services.actors import Actor

pytestmark = pytest.mark.django_db


class FlakyBackend:
    """A mail backend that fails the first ``failures`` sends, then delivers to locmem."""

    failures = 0
    calls = 0

    def __init__(self, *args, **kwargs):
        from django.core.mail.backends.locmem import EmailBackend

        self.inner = EmailBackend(*args, **kwargs)

    def open(self):
        return True

    def close(self):
        pass

    def send_messages(self, messages):
        type(self).calls += 1
        if type(self).calls <= type(self).failures:
            raise ConnectionRefusedError("SMTP server down")
        return self.inner.send_messages(messages)


FLAKY = {"default": {"BACKEND": "tests.services.test_notifications.FlakyBackend"}}


@pytest.fixture
def commented(actor, other_visitor, requests3, django_capture_on_commit_callbacks):
    """A public comment by ``actor`` that ``other_visitor`` should hear about."""
    votes.vote(Actor.for_visitor(other_visitor), requests3[0])

    def run():
        with django_capture_on_commit_callbacks(execute=True):
            return comments.add_comment(actor, requests3[0], "Any news?")

    return run


@override_settings(MAILERS=FLAKY, WAGTAIL_FEEDBACK={"DELIVERY_BACKOFF": 60, "DELIVERY_MAX_ATTEMPTS": 5})
def test_failing_backend_is_retried_with_backoff_and_eventually_delivers(commented, mailoutbox):
    FlakyBackend.failures, FlakyBackend.calls = 2, 0
    commented()  # first attempt, on commit: fails
    row = Notification.objects.get()
    assert (row.state, row.attempts) == (DeliveryState.PENDING, 1)
    assert "SMTP server down" in row.last_error
    first_delay = row.next_attempt_at - timezone.now()
    assert timedelta(seconds=50) < first_delay <= timedelta(seconds=60)

    assert notify.deliver_pending() == 0  # not due yet: nothing is tried
    assert FlakyBackend.calls == 1

    later = row.next_attempt_at + timedelta(seconds=1)
    assert notify.deliver_pending(now=later) == 0  # second attempt fails, back-off doubles
    row.refresh_from_db()
    assert row.attempts == 2
    assert row.next_attempt_at - later == timedelta(seconds=120)

    assert notify.deliver_pending(now=row.next_attempt_at) == 1
    row.refresh_from_db()
    assert (row.state, row.attempts, row.last_error) == (DeliveryState.SENT, 3, "")
    assert len(mailoutbox) == 1


@override_settings(MAILERS=FLAKY, WAGTAIL_FEEDBACK={"DELIVERY_MAX_ATTEMPTS": 2, "DELIVERY_BACKOFF": 1})
def test_delivery_gives_up_after_max_attempts(commented, mailoutbox):
    FlakyBackend.failures, FlakyBackend.calls = 99, 0
    commented()
    row = Notification.objects.get()
    notify.deliver_pending(now=timezone.now() + timedelta(hours=1))
    row.refresh_from_db()
    assert (row.state, row.attempts, row.next_attempt_at) == (DeliveryState.FAILED, 2, None)
    assert notify.deliver_pending(now=timezone.now() + timedelta(days=1)) == 0
    assert FlakyBackend.calls == 2


def test_running_delivery_twice_sends_once(commented, mailoutbox):
    from wagtail_feedback.tasks import deliver_due_notifications, deliver_event

    commented()
    assert len(mailoutbox) == 1
    row = Notification.objects.get()
    for _ in range(2):
        result = deliver_event.enqueue(row.event_key)
        assert result.status == "SUCCESSFUL"
        assert result.return_value == 0
    assert deliver_due_notifications.enqueue().return_value == 0
    assert notify.deliver(row.pk) is False
    assert len(mailoutbox) == 1


def test_an_event_cannot_be_recorded_twice(requests3, other_visitor, django_capture_on_commit_callbacks):
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=False):
            notify.record("comment", request=requests3[0], event_id=42, recipients=[other_visitor.pk, other_visitor.pk])
    assert Notification.objects.count() == 1


def test_claimed_row_is_not_sent_by_a_second_sender(actor, other_visitor, requests3, mailoutbox,
                                                    django_capture_on_commit_callbacks):
    votes.vote(Actor.for_visitor(other_visitor), requests3[0])
    with django_capture_on_commit_callbacks(execute=False):
        comments.add_comment(actor, requests3[0], "Any news?")
    row = Notification.objects.get()
    now = timezone.now()
    assert notify._claim(row.pk, now)  # worker A is mid-send
    assert notify.deliver_pending(now=now) == 0  # worker B finds nothing due
    assert mailoutbox == []
    # If worker A died, the claim lapses and the row is sent once.
    lapse = now + timedelta(seconds=notify.CLAIM_SECONDS + 1)
    assert notify.deliver_pending(now=lapse) == 1
    assert notify.deliver_pending(now=lapse) == 0
    assert len(mailoutbox) == 1


def test_visitor_without_email_is_skipped(actor, requests3, django_capture_on_commit_callbacks, mailoutbox):
    from tests.conftest import make_visitor

    silent = make_visitor(77, email=False)
    votes.vote(Actor.for_visitor(silent), requests3[0])
    with django_capture_on_commit_callbacks(execute=True):
        comments.add_comment(actor, requests3[0], "hello")
    assert Notification.objects.get().state == DeliveryState.SKIPPED
    assert mailoutbox == []


def test_email_follows_the_recipient_language_and_has_text_and_html(commented, mailoutbox, other_visitor):
    assert other_visitor.language == "ja"
    commented()
    message = mailoutbox[0]
    assert "コメント" in message.subject
    assert message.alternatives and message.alternatives[0][1] == "text/html"
    raw = message.message().as_string()
    unsubscribe = re.search(r"^List-Unsubscribe: <(http://testserver/feedback/unsubscribe/\S+/)>$", raw, re.M)
    assert unsubscribe, raw[:1500]
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in raw


def test_unsubscribe_link_works(commented, mailoutbox, client, other_visitor, requests3):
    from wagtail_feedback.models import Subscription

    commented()
    link = re.search(r"http://testserver(/feedback/unsubscribe/[^\s]+/)", mailoutbox[0].body).group(1)
    assert client.get(link).status_code == 200
    assert Subscription.objects.filter(visitor=other_visitor, request=requests3[0]).exists()
    assert client.post(link).status_code == 200
    assert not Subscription.objects.filter(visitor=other_visitor, request=requests3[0]).exists()
    assert client.get("/feedback/unsubscribe/forged-token/").status_code == 404


def test_one_click_unsubscribe_needs_no_csrf_token(commented, mailoutbox, other_visitor, requests3):
    from django.test import Client

    from wagtail_feedback.models import Subscription

    commented()
    link = re.search(r"http://testserver(/feedback/unsubscribe/[^\s]+/)", mailoutbox[0].body).group(1)
    mail_client = Client(enforce_csrf_checks=True)
    assert mail_client.post(link, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert not Subscription.objects.filter(visitor=other_visitor, request=requests3[0]).exists()
