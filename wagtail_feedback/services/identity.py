"""Who is the visitor? From a host product's signed token, or a site login (V1)."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from .. import conf
from ..models import Account, SigningKey, UsedToken, Visitor
from ..rules.tokens import TokenError, verify_host_token


def _key_for_kid(kid):
    return SigningKey.objects.filter(kid=kid, is_active=True).values_list("secret", flat=True).first()


@transaction.atomic
def enter_with_token(token, *, now=None):
    """Verify a host token, refuse replays, and create or update visitor and account.

    Raises :class:`~wagtail_feedback.rules.tokens.TokenError` (nothing written).
    """
    settings = conf.feedback_settings()
    now = now or timezone.now()
    claims = verify_host_token(
        token,
        key_for_kid=_key_for_kid,
        audience=settings["TOKEN_AUDIENCE"],
        max_lifetime_seconds=settings["TOKEN_MAX_LIFETIME"],
        leeway_seconds=settings["TOKEN_LEEWAY"],
        now=now,
    )
    UsedToken.objects.filter(expires_at__lt=now).delete()
    try:
        with transaction.atomic():
            UsedToken.objects.create(jti=claims.jti, expires_at=claims.expires_at)
    except IntegrityError:
        raise TokenError("replayed") from None

    account = None
    if claims.account_id:
        account_fields = {"name": claims.account_name or claims.account_id}
        if claims.account_status:
            account_fields["status"] = claims.account_status
        if claims.account_monthly_value is not None:
            account_fields["monthly_value"] = claims.account_monthly_value
        account, _created = Account.objects.update_or_create(host_id=claims.account_id, defaults=account_fields)

    visitor_fields = {"last_seen_at": now, "account": account}
    for field in ("name", "email", "language"):
        if getattr(claims, field):
            visitor_fields[field] = getattr(claims, field)
    visitor, _created = Visitor.objects.update_or_create(host_id=claims.visitor_id, defaults=visitor_fields)
    return visitor


@transaction.atomic
def visitor_for_user(user):
    """The visitor record of a logged-in site user, created on first use."""
    visitor = Visitor.objects.filter(user=user).first()
    if visitor is not None:
        return visitor
    name = user.get_full_name() or user.get_username()
    language = getattr(getattr(user, "wagtail_userprofile", None), "preferred_language", "") or ""
    return Visitor.objects.create(user=user, name=name, email=user.email or "", language=language[:2])
