from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .accounts import Visitor
from .catalog import App, ProductArea, Tag


class Status(models.TextChoices):
    NOT_REVIEWED = "not_reviewed", _("Not reviewed")
    AWAITING_FEEDBACK = "awaiting_feedback", _("Awaiting feedback")
    PLANNED = "planned", _("Planned")
    BUILDING = "building", _("Building")
    RELEASED = "released", _("Released")
    DECLINED = "declined", _("Declined")


#: Statuses whose requests no longer take part in anyone's priorities.
CLOSED_STATUSES = frozenset({Status.RELEASED, Status.DECLINED})


class Effort(models.IntegerChoices):
    XS = 1, _("Extra small")
    S = 2, _("Small")
    M = 3, _("Medium")
    L = 4, _("Large")
    XL = 5, _("Extra large")


class StatusSetting(models.Model):
    """Site-editable presentation of one of the six fixed statuses."""

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, unique=True
    )
    label = models.CharField(
        _("label"),
        max_length=50,
        blank=True,
        help_text=_("Leave empty to use the standard, translated name."),
    )
    message = models.TextField(
        _("message to subscribers"),
        max_length=2000,
        blank=True,
        help_text=_("Sent to subscribers when a request moves to this status."),
    )
    visible_to_visitors = models.BooleanField(
        _("visible to visitors"),
        default=True,
        help_text=_("Requests in a hidden status are not listed in the portal."),
    )

    class Meta:
        verbose_name = _("status")
        verbose_name_plural = _("statuses")
        ordering = ["pk"]

    def __str__(self):
        return str(self.display_label)

    @property
    def display_label(self):
        return self.label or Status(self.status).label


class FeatureRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(merged_into__isnull=True).exclude(status__in=CLOSED_STATUSES)

    def not_merged(self):
        return self.filter(merged_into__isnull=True)


class FeatureRequest(models.Model):
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=10_000, blank=True)
    description_html = models.TextField(editable=False, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.NOT_REVIEWED,
    )
    app = models.ForeignKey(
        App, verbose_name=_("app"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="requests",
    )
    area = models.ForeignKey(
        ProductArea, verbose_name=_("product area"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="requests",
    )
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="requests")
    effort = models.PositiveSmallIntegerField(
        _("effort"), choices=Effort.choices, null=True, blank=True
    )
    # The person the request is for, and the staff member who typed it in
    # (set when staff suggest on a visitor's behalf, or as themselves).
    requested_by = models.ForeignKey(
        Visitor, verbose_name=_("requested by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="requested",
    )
    created_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("entered by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    merged_into = models.ForeignKey(
        "self", verbose_name=_("merged into"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="merged_requests",
    )
    # Counters kept in step by the vote services, for fast sorting.
    vote_count = models.PositiveIntegerField(_("votes"), default=0, editable=False)
    not_interested_count = models.PositiveIntegerField(
        _("not interested"), default=0, editable=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    released_at = models.DateTimeField(_("released at"), null=True, blank=True)

    objects = FeatureRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("feature request")
        verbose_name_plural = _("feature requests")
        ordering = ["-created_at", "-pk"]
        permissions = [
            ("act_on_behalf", _("Can act on behalf of visitors")),
            ("change_status", _("Can change the status of requests")),
            ("merge", _("Can merge and unmerge requests")),
            ("add_internal_comment", _("Can read and write internal comments")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(merged_into=F("pk")), name="wf_request_not_merged_into_self"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-vote_count"], name="wf_request_status_votes"),
            models.Index(fields=["-created_at"], name="wf_request_created"),
            models.Index(fields=["-released_at"], name="wf_request_released"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_closed(self):
        return self.merged_into_id is not None or self.status in CLOSED_STATUSES


class StatusChange(models.Model):
    """History of status changes; one notification event per row."""

    request = models.ForeignKey(FeatureRequest, on_delete=models.CASCADE, related_name="status_changes")
    old_status = models.CharField(max_length=20, choices=Status.choices)
    new_status = models.CharField(max_length=20, choices=Status.choices)
    message = models.TextField(blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["-created_at", "-pk"]


class MergeRecord(models.Model):
    """A merge of ``source`` into ``target``, with what is needed to undo it."""

    source = models.ForeignKey(FeatureRequest, on_delete=models.CASCADE, related_name="merges_out")
    target = models.ForeignKey(FeatureRequest, on_delete=models.CASCADE, related_name="merges_in")
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Votes, comments and subscriptions moved, as plain data for unmerge.
    snapshot = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("merge")
        verbose_name_plural = _("merges")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["source"], condition=Q(undone_at__isnull=True),
                name="wf_merge_one_active_per_source",
            ),
        ]
