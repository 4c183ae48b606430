"""System checks: misconfiguration reported at start-up, not as a 500 later."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.db import connections

from .conf import DEFAULTS, feedback_settings


# Length settings and the model fields that store the text.
COLUMN_LIMITS = {
    "MAX_TITLE_LENGTH": ("FeatureRequest", "title"),
    "MAX_DESCRIPTION_LENGTH": ("FeatureRequest", "description"),
    "MAX_COMMENT_LENGTH": ("Comment", "body"),
}


def _max_length(model_name, field):
    from django.apps import apps

    return apps.get_model("wagtail_feedback", model_name)._meta.get_field(field).max_length


@register(Tags.compatibility)
def check_settings(app_configs, **kwargs):
    messages = []
    configured = getattr(settings, "WAGTAIL_FEEDBACK", {}) or {}
    if not isinstance(configured, dict):
        return [Error("WAGTAIL_FEEDBACK must be a dict.", id="wagtail_feedback.E001")]
    unknown = sorted(set(configured) - set(DEFAULTS))
    if unknown:
        messages.append(
            Error(
                f"Unknown WAGTAIL_FEEDBACK setting(s): {', '.join(unknown)}.",
                hint=f"Known settings: {', '.join(sorted(DEFAULTS))}.",
                id="wagtail_feedback.E002",
            )
        )
    values = feedback_settings()
    if not str(values["TOKEN_AUDIENCE"]).strip():
        messages.append(Error("WAGTAIL_FEEDBACK['TOKEN_AUDIENCE'] must not be empty.", id="wagtail_feedback.E003"))
    for name in ("TOKEN_MAX_LIFETIME", "SESSION_AGE", "DELIVERY_MAX_ATTEMPTS", "DELIVERY_BACKOFF", "TOKEN_LEEWAY",
                 *COLUMN_LIMITS):
        value = values[name]
        if isinstance(value, bool) or not isinstance(value, int) or value < (0 if name == "TOKEN_LEEWAY" else 1):
            messages.append(Error(f"WAGTAIL_FEEDBACK['{name}'] must be a positive whole number.", id="wagtail_feedback.E004"))
    for name, (model_path, field) in COLUMN_LIMITS.items():
        column = _max_length(model_path, field)
        if isinstance(values[name], int) and column is not None and values[name] > column:
            messages.append(
                Error(
                    f"WAGTAIL_FEEDBACK['{name}'] is {values[name]}, more than the database column holds ({column}).",
                    id="wagtail_feedback.E008",
                )
            )
    languages = values["LANGUAGES"]
    if not languages or any(code not in {"en", "ja"} for code in languages):
        messages.append(
            Error("WAGTAIL_FEEDBACK['LANGUAGES'] must list 'en' and/or 'ja'.", id="wagtail_feedback.E005")
        )
    if not getattr(settings, "WAGTAILADMIN_BASE_URL", ""):
        messages.append(
            Error(
                "WAGTAILADMIN_BASE_URL is not set, so links in feedback emails cannot be built.",
                hint="Set it to the site's public address, e.g. 'https://feedback.example.com' (no trailing slash).",
                id="wagtail_feedback.E006",
            )
        )
    elif settings.WAGTAILADMIN_BASE_URL.endswith("/"):
        messages.append(Warning("WAGTAILADMIN_BASE_URL should not end with '/'.", id="wagtail_feedback.W001"))
    if "django.contrib.sessions" not in settings.INSTALLED_APPS:
        messages.append(Error("Visitor sessions need 'django.contrib.sessions'.", id="wagtail_feedback.E007"))
    return messages


@register(Tags.database)
def check_database(app_configs, databases=None, **kwargs):
    """SQLite needs IMMEDIATE transactions, or concurrent votes fail with 'database is locked'."""
    messages = []
    for alias in databases or []:
        connection = connections[alias]
        mode = str(connection.settings_dict.get("OPTIONS", {}).get("transaction_mode") or "")
        if connection.vendor == "sqlite" and mode.upper() != "IMMEDIATE":
            messages.append(
                Warning(
                    f"Database '{alias}' is SQLite without OPTIONS['transaction_mode'] = 'IMMEDIATE'.",
                    hint="Concurrent votes may fail with 'database is locked'. See docs/install.md.",
                    id="wagtail_feedback.W002",
                )
            )
    return messages


@register(Tags.security)
def check_signing_keys(app_configs, databases=None, **kwargs):
    """Visitors cannot enter from the host product until a signing key exists."""
    if not databases:
        return []
    from django.db.utils import DatabaseError

    from .models import SigningKey

    try:
        has_key = SigningKey.objects.filter(is_active=True).exists()
    except DatabaseError:  # not migrated yet
        return []
    if has_key:
        return []
    return [
        Warning(
            "No active feedback signing key: host product links cannot be verified.",
            hint="Create one with 'manage.py feedback_signing_key create --kid KEY_ID'.",
            id="wagtail_feedback.W003",
        )
    ]
