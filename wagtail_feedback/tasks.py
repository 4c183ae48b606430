"""Background tasks (Django's tasks framework; ImmediateBackend unless configured)."""

from django.tasks import task

from .services import notify


@task()
def deliver_event(event_key):
    """Deliver the outbox rows of one event."""
    return notify.deliver_pending(event_key=event_key)


@task()
def deliver_due_notifications():
    """Sweep: deliver every due row, including retries whose back-off has passed."""
    return notify.deliver_pending()
