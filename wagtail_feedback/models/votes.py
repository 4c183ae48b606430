from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..rules.priorities import BUDGET
from .accounts import Visitor
from .requests import FeatureRequest


class VoteKind(models.TextChoices):
    ACTIVE = "active", _("Voted")
    NOT_INTERESTED = "not_interested", _("Not interested")


class Vote(models.Model):
    """One visitor's stance on one request, and the share of their budget it holds."""

    visitor = models.ForeignKey(Visitor, on_delete=models.CASCADE, related_name="votes")
    request = models.ForeignKey(FeatureRequest, on_delete=models.CASCADE, related_name="votes")
    kind = models.CharField(_("kind"), max_length=20, choices=VoteKind.choices, default=VoteKind.ACTIVE)
    share = models.PositiveIntegerField(_("priority share"), default=0)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("added by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
        help_text=_("The staff member who recorded this vote for the visitor."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["visitor", "request"], name="wf_vote_one_per_visitor"),
            models.CheckConstraint(
                condition=Q(share__gte=0) & Q(share__lte=BUDGET), name="wf_vote_share_in_budget"
            ),
            models.CheckConstraint(
                condition=Q(kind=VoteKind.ACTIVE) | Q(share=0),
                name="wf_vote_not_interested_holds_nothing",
            ),
        ]
        indexes = [
            models.Index(fields=["request", "kind"], name="wf_vote_request_kind"),
            models.Index(fields=["visitor", "kind"], name="wf_vote_visitor_kind"),
        ]

    def __str__(self):
        return f"{self.visitor} → {self.request}"

    @property
    def percent(self):
        return self.share * 100 / BUDGET


class PriorityReason(models.TextChoices):
    VOTE = "vote", _("Voted")
    UNVOTE = "unvote", _("Vote removed")
    NOT_INTERESTED = "not_interested", _("Marked not interested")
    SET = "set", _("Priority set")
    CLOSED = "closed", _("Request closed")
    REOPENED = "reopened", _("Request reopened")
    MERGED = "merged", _("Requests merged")
    UNMERGED = "unmerged", _("Merge undone")


class PriorityChange(models.Model):
    """History of one share moving, so priorities can be charted over time."""

    visitor = models.ForeignKey(Visitor, on_delete=models.CASCADE, related_name="priority_changes")
    request = models.ForeignKey(FeatureRequest, on_delete=models.CASCADE, related_name="priority_changes")
    old_share = models.PositiveIntegerField()
    new_share = models.PositiveIntegerField()
    reason = models.CharField(max_length=20, choices=PriorityReason.choices)
    # Who made the change: the visitor themselves, or a staff user on their behalf.
    changed_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("priority change")
        verbose_name_plural = _("priority changes")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["visitor", "created_at"], name="wf_prio_visitor_time"),
            models.Index(fields=["request", "created_at"], name="wf_prio_request_time"),
        ]
