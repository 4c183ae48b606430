"""System check: the configured similarity backend can be loaded."""

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.compatibility)
def check_similarity_backend(app_configs, **kwargs):
    from ..conf import DEFAULTS
    from . import get_backend

    configured = getattr(settings, "WAGTAIL_FEEDBACK", {}) or {}
    if not isinstance(configured, dict):
        return []  # E001 says so; nothing here can be read
    try:
        get_backend()
    except Exception as error:  # noqa: BLE001  (any failure is a misconfiguration to report)
        similarity = configured.get("SIMILARITY")
        backend = {**DEFAULTS["SIMILARITY"], **similarity}["BACKEND"] if isinstance(similarity, dict) else similarity
        return [
            Error(
                f"WAGTAIL_FEEDBACK['SIMILARITY'] backend {backend!r} cannot be loaded: {error}",
                hint="See docs/similarity.md for the backends and their options.",
                id="wagtail_feedback.E020",
            )
        ]
    return []
