"""Delivery through a real worker backend (django-tasks-db), as in production."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.services.test_notifications import FLAKY, FlakyBackend
from wagtail_feedback.models import DeliveryState, Notification
from wagtail_feedback.services import comments, votes
from wagtail_feedback.services.actors import Actor

pytestmark = pytest.mark.django_db(transaction=True)
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")


@override_settings(TASKS=DB_TASKS)
def test_comment_is_queued_on_commit_and_sent_by_the_worker(actor, other_visitor, requests3, mailoutbox):
    votes.vote(Actor.for_visitor(other_visitor), requests3[0])
    comments.add_comment(actor, requests3[0], "Queued, not sent inline")
    assert mailoutbox == []  # nothing is sent in the request
    assert DBTaskResult.objects.count() == 1
    run_worker()
    assert len(mailoutbox) == 1
    assert Notification.objects.get().state == DeliveryState.SENT
    run_worker()  # nothing left: still one email
    assert len(mailoutbox) == 1


@override_settings(TASKS=DB_TASKS, MAILERS=FLAKY, WAGTAIL_FEEDBACK={"DELIVERY_BACKOFF": 60})
def test_failed_delivery_is_requeued_for_later(actor, other_visitor, requests3, mailoutbox):
    FlakyBackend.failures, FlakyBackend.calls = 1, 0
    votes.vote(Actor.for_visitor(other_visitor), requests3[0])
    comments.add_comment(actor, requests3[0], "Retry me")
    run_worker()
    row = Notification.objects.get()
    assert (row.state, row.attempts) == (DeliveryState.PENDING, 1)
    retry = DBTaskResult.objects.filter(status="READY").get()
    assert retry.run_after is not None
    assert timedelta(seconds=50) < retry.run_after - timezone.now() <= timedelta(seconds=60)
    # Time passes: make the retry due and let the worker pick it up.
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    Notification.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
    run_worker()
    row.refresh_from_db()
    assert row.state == DeliveryState.SENT and len(mailoutbox) == 1
