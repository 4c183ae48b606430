from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class AccountStatus(models.TextChoices):
    PAYING = "paying", _("Paying")
    NOT_PAYING = "not_paying", _("Not paying")
    PROSPECT = "prospect", _("Prospect")


class Account(models.Model):
    """A customer company. Kept in step with the host product through tokens."""

    host_id = models.CharField(_("host id"), max_length=255, unique=True)
    name = models.CharField(_("name"), max_length=200)
    status = models.CharField(
        _("status"), max_length=20, choices=AccountStatus.choices, blank=True
    )
    monthly_value = models.DecimalField(
        _("monthly value"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("account")
        verbose_name_plural = _("accounts")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(monthly_value__isnull=True) | Q(monthly_value__gte=0),
                name="wf_account_value_not_negative",
            ),
        ]

    def __str__(self):
        return self.name


class Visitor(models.Model):
    """A person who gives feedback: an end user of the host product, or a site user.

    Host visitors are known by ``host_id``; a logged-in member of the Wagtail
    site is linked through ``user`` (staff vote and prioritise as themselves
    through this record too).
    """

    host_id = models.CharField(_("host id"), max_length=255, null=True, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("site user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback_visitor",
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("email"), max_length=254, blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    account = models.ForeignKey(
        Account,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="visitors",
    )
    email_opt_out = models.BooleanField(
        _("unsubscribed from engagement emails"), default=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_seen_at = models.DateTimeField(_("last seen at"), null=True, blank=True)

    class Meta:
        verbose_name = _("visitor")
        verbose_name_plural = _("visitors")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["host_id"],
                condition=Q(host_id__isnull=False),
                name="wf_visitor_unique_host_id",
            ),
            models.CheckConstraint(
                condition=Q(host_id__isnull=False) | Q(user__isnull=False),
                name="wf_visitor_has_identity",
            ),
        ]
        indexes = [models.Index(fields=["name"], name="wf_visitor_name")]

    def __str__(self):
        return self.name or self.email or self.host_id or str(self.user)

    @property
    def display_language(self):
        from ..conf import get

        languages = get("LANGUAGES")
        return self.language if self.language in languages else languages[0]
