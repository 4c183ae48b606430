from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .accounts import Visitor
from .requests import FeatureRequest


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    INTERNAL = "internal", _("Internal (staff only)")


class Comment(models.Model):
    request = models.ForeignKey(FeatureRequest, on_delete=models.CASCADE, related_name="comments")
    body = models.TextField(_("comment"), max_length=5_000)
    body_html = models.TextField(editable=False)
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    author_visitor = models.ForeignKey(
        Visitor, null=True, blank=True, on_delete=models.SET_NULL, related_name="comments"
    )
    author_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        constraints = [
            # Internal comments are written by staff only.
            models.CheckConstraint(
                condition=Q(visibility="public") | Q(author_visitor__isnull=True),
                name="wf_comment_internal_by_staff",
            ),
        ]
        indexes = [models.Index(fields=["request", "visibility", "created_at"], name="wf_comment_request")]

    def __str__(self):
        return self.body[:60]

    @property
    def is_staff_comment(self):
        return self.author_user_id is not None
