"""Managing the secrets shared with host products."""

import re

from django.db import transaction

from ..models import SigningKey
from ..models.signing import new_secret

MIN_SECRET_LENGTH = 32


@transaction.atomic
def create_key(kid, *, secret=None):
    if not re.fullmatch(r"[A-Za-z0-9_-]{1,64}", kid or ""):
        raise ValueError("A key id may contain only letters, digits, '-' and '_'.")
    if SigningKey.objects.filter(kid=kid).exists():
        raise ValueError(f"A key with id {kid!r} already exists.")
    if secret is not None and len(secret) < MIN_SECRET_LENGTH:
        raise ValueError(f"A secret needs at least {MIN_SECRET_LENGTH} characters.")
    return SigningKey.objects.create(kid=kid, secret=secret or new_secret())


def list_keys():
    return list(SigningKey.objects.order_by("-created_at"))


@transaction.atomic
def deactivate_key(kid):
    return SigningKey.objects.filter(kid=kid).update(is_active=False) == 1


@transaction.atomic
def set_active(kid, active):
    key = SigningKey.objects.select_for_update().get(kid=kid)
    key.is_active = bool(active)
    key.save(update_fields=["is_active"])
    return key


@transaction.atomic
def delete_key(kid):
    """Forget a key: links signed with it are refused from now on."""
    return SigningKey.objects.filter(kid=kid).delete()[0] == 1
