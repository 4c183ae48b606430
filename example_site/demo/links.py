"""Signed "Suggest a feature" links, made the way a host product makes them.

A real host product runs the equivalent of :func:`host_claims` and
:func:`sign_entry_token` in its own code (see docs/host-integration.md); the
example site does it in-process for its stand-in product page and for
``manage.py demo_link``.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse

from wagtail_feedback import conf
from wagtail_feedback.models import SigningKey, Visitor
from wagtail_feedback.rules.tokens import sign_host_token

#: Host ids of the visitors and accounts ``seed_demo`` creates start with these.
VISITOR_PREFIX = "demo-user-"
ACCOUNT_PREFIX = "demo-account-"
#: Lifetime of a demo link, seconds.
LINK_LIFETIME = 600


class DemoKeyMissing(LookupError):
    """The demo signing key does not exist (run ``manage.py seed_demo``)."""


def demo_kid():
    return getattr(settings, "DEMO_SIGNING_KID", "demo")


def demo_visitors(limit=24):
    """The first demo visitors, the ones ``seed_demo`` gives the richest data."""
    return list(
        Visitor.objects.filter(host_id__startswith=VISITOR_PREFIX)
        .select_related("account")
        .order_by("host_id")[:limit]
    )


def host_claims(visitor):
    """The claims a host product would put in the token for ``visitor``."""
    claims = {
        "aud": conf.get("TOKEN_AUDIENCE"),
        "sub": visitor.host_id,
        "name": visitor.name,
        "email": visitor.email,
        "language": visitor.language,
    }
    account = visitor.account
    if account is not None:
        claims["account"] = {
            "id": account.host_id,
            "name": account.name,
            "status": account.status or None,
            "monthly_value": account.monthly_value,
        }
    return claims


def sign_entry_token(visitor, *, kid=None, lifetime_seconds=LINK_LIFETIME):
    kid = kid or demo_kid()
    secret = SigningKey.objects.filter(kid=kid, is_active=True).values_list("secret", flat=True).first()
    if secret is None:
        raise DemoKeyMissing(
            f"No active signing key with kid {kid!r}. Run `manage.py seed_demo` (or `make demo`) first."
        )
    return sign_host_token(host_claims(visitor), kid=kid, secret=secret, lifetime_seconds=lifetime_seconds)


def entry_path(visitor, **kwargs):
    """``/feedback/enter/?token=…`` for ``visitor``: a fresh, single-use link."""
    token = sign_entry_token(visitor, **kwargs)
    return reverse("wagtail_feedback:enter") + "?" + urlencode({"token": token})


def entry_url(visitor, *, base_url=None, **kwargs):
    base = (base_url or settings.WAGTAILADMIN_BASE_URL).rstrip("/")
    return base + entry_path(visitor, **kwargs)
