from django.db import models
from django.utils.translation import gettext_lazy as _

from .accounts import Visitor
from .requests import FeatureRequest


class NotificationEvent(models.TextChoices):
    COMMENT = "comment", _("New comment")
    STATUS = "status", _("Status changed")
    ADDED = "added", _("Added to a request by the team")
    MERGED = "merged", _("Request merged")
    RELEASED = "released", _("Request released")


class DeliveryState(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    SKIPPED = "skipped", _("Skipped")


class Notification(models.Model):
    """Outbox row: one per recipient per event, written in the event's transaction.

    ``key`` makes an event impossible to record twice; delivery marks the row
    sent under a row lock, so a task that runs twice sends once.
    """

    key = models.CharField(max_length=120, unique=True)
    event_key = models.CharField(max_length=100, db_index=True)
    event = models.CharField(max_length=20, choices=NotificationEvent.choices)
    recipient = models.ForeignKey(Visitor, on_delete=models.CASCADE, related_name="notifications")
    request = models.ForeignKey(FeatureRequest, on_delete=models.CASCADE, related_name="+")
    # Event details frozen at the time of the event (status message, comment id…).
    payload = models.JSONField(default=dict, blank=True)
    state = models.CharField(max_length=10, choices=DeliveryState.choices, default=DeliveryState.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="wf_notification_due")]
