"""Notifications outbox: recording events and delivering them by email.

Recording happens inside the acting service's transaction, so a rolled-back
action leaves no row; delivery is enqueued on commit. Each row's unique key
(event, event id, recipient) means an event can never be recorded twice, and
delivery claims a row before sending, so running it twice sends once.
"""

import email.policy
import logging
from datetime import timedelta

from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .. import conf
from ..models import DeliveryState, Notification, StatusSetting, Subscription

logger = logging.getLogger(__name__)

#: How long a claimed row is reserved for the sender before another may retry it.
CLAIM_SECONDS = 300
UNSUBSCRIBE_SALT = "wagtail_feedback.unsubscribe"


def event_key(event, event_id):
    return f"{event}:{event_id}"


def subscribers(request, *, exclude=()):
    """Visitor ids subscribed to ``request``, less ``exclude`` (one query)."""
    return [
        pk
        for pk in Subscription.objects.filter(request=request).order_by("visitor_id").values_list("visitor_id", flat=True)
        if pk not in exclude
    ]


def record(event, *, request, event_id, recipients, payload=None):
    """Write one outbox row per recipient and deliver them once the transaction commits."""
    key = event_key(event, event_id)
    rows = [
        Notification(
            key=f"{key}:{visitor_id}", event_key=key, event=event, recipient_id=visitor_id,
            request=request, payload=payload or {},
        )
        for visitor_id in dict.fromkeys(recipients)
    ]
    if not rows:
        return
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    transaction.on_commit(lambda: _enqueue(key), robust=True)


def _enqueue(key, run_after=None):
    from ..tasks import deliver_event

    task = deliver_event
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return  # the periodic sweep (``manage.py feedback_deliver``) picks it up
        task = task.using(run_after=run_after)
    task.enqueue(key)


def _due(now):
    return Q(state=DeliveryState.PENDING) & (Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))


def deliver_pending(*, event_key=None, now=None):
    """Deliver every due row (of one event, or all). Returns how many were sent."""
    now = now or timezone.now()
    rows = Notification.objects.filter(_due(now))
    if event_key is not None:
        rows = rows.filter(event_key=event_key)
    return sum(deliver(pk, now=now) for pk in rows.order_by("pk").values_list("pk", flat=True))


def _claim(pk, now):
    """Reserve a due row for this sender; False if another sender has it or it is done."""
    claimed = Notification.objects.filter(_due(now), pk=pk).update(
        next_attempt_at=now + timedelta(seconds=CLAIM_SECONDS)
    )
    return claimed == 1


def deliver(pk, *, now=None):
    """Send one notification. Returns True if an email went out."""
    now = now or timezone.now()
    if not _claim(pk, now):
        return False
    notification = Notification.objects.select_related("recipient", "request").get(pk=pk)
    recipient = notification.recipient
    if not recipient.email:
        Notification.objects.filter(pk=pk).update(state=DeliveryState.SKIPPED, last_error="no email address")
        return False
    try:
        message = build_email(notification)
        message.send()
    except Exception as error:  # any mail failure: retry later with back-off
        attempts = notification.attempts + 1
        settings = conf.feedback_settings()
        if attempts >= settings["DELIVERY_MAX_ATTEMPTS"]:
            state, next_at = DeliveryState.FAILED, None
        else:
            state = DeliveryState.PENDING
            next_at = now + timedelta(seconds=settings["DELIVERY_BACKOFF"] * 2 ** (attempts - 1))
        Notification.objects.filter(pk=pk).update(
            state=state, attempts=attempts, next_attempt_at=next_at, last_error=repr(error)[:2000]
        )
        logger.warning("Feedback notification %s failed (attempt %s): %r", pk, attempts, error)
        if next_at is not None:
            _enqueue(notification.event_key, run_after=next_at)
        return False
    Notification.objects.filter(pk=pk).update(
        state=DeliveryState.SENT, attempts=notification.attempts + 1, sent_at=timezone.now(), last_error=""
    )
    return True


def absolute_url(path):
    from django.conf import settings

    return getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/") + path


def unsubscribe_token(visitor_id, request_id):
    return signing.dumps([visitor_id, request_id], salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token):
    """``(visitor_id, request_id)`` or raise ``signing.BadSignature``."""
    visitor_id, request_id = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    return int(visitor_id), int(request_id)


# RFC 2369 headers hold a URL that must not be split into encoded words; the
# default 78-character fold would do that to any real unsubscribe link.
_LONG_HEADER_POLICY = email.policy.default.clone(max_line_length=998)


class NotificationEmail(EmailMultiAlternatives):
    def message(self, *, policy=_LONG_HEADER_POLICY):
        return super().message(policy=policy)


def build_email(notification):
    recipient = notification.recipient
    request = notification.request
    with translation.override(recipient.display_language):
        status_setting = StatusSetting.objects.filter(status=request.status).first()
        context = {
            "notification": notification,
            "event": notification.event,
            "payload": notification.payload,
            "recipient": recipient,
            "request": request,
            "status_label": status_setting.display_label if status_setting else request.get_status_display(),
            "request_url": absolute_url(reverse("wagtail_feedback:request_detail", args=[request.pk])),
            "unsubscribe_url": absolute_url(
                reverse("wagtail_feedback:unsubscribe", args=[unsubscribe_token(recipient.pk, request.pk)])
            ),
        }
        subject = " ".join(render_to_string("wagtail_feedback/email/notification_subject.txt", context).split())
        text = render_to_string("wagtail_feedback/email/notification.txt", context)
        html = render_to_string("wagtail_feedback/email/notification.html", context)
    message = NotificationEmail(
        subject=subject,
        body=text,
        from_email=conf.get("FROM_EMAIL"),
        to=[recipient.email],
        headers={
            "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(html, "text/html")
    return message
