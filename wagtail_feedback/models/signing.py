import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _


def new_secret():
    return secrets.token_urlsafe(48)


class SigningKey(models.Model):
    """A secret shared with the host product; ``kid`` lets keys rotate."""

    kid = models.SlugField(_("key id"), max_length=64, unique=True)
    secret = models.CharField(_("secret"), max_length=200, default=new_secret)
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Tokens signed with an inactive key are refused.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("signing key")
        verbose_name_plural = _("signing keys")
        ordering = ["-created_at"]

    def __str__(self):
        return self.kid


class UsedToken(models.Model):
    """Token ids already used to enter, kept until the token would have expired."""

    jti = models.CharField(max_length=255, unique=True)
    expires_at = models.DateTimeField(db_index=True)
