from django.db import models
from django.utils.translation import gettext_lazy as _

from .accounts import Visitor
from .requests import FeatureRequest


class Subscription(models.Model):
    visitor = models.ForeignKey(Visitor, on_delete=models.CASCADE, related_name="subscriptions")
    request = models.ForeignKey(FeatureRequest, on_delete=models.CASCADE, related_name="subscriptions")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            models.UniqueConstraint(fields=["visitor", "request"], name="wf_subscription_unique"),
        ]
