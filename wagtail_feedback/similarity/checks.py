"""System check: the configured similarity backend can be loaded."""

from django.core.checks import Error, Tags, register


@register(Tags.compatibility)
def check_similarity_backend(app_configs, **kwargs):
    from ..conf import feedback_settings
    from . import get_backend

    try:
        get_backend()
    except Exception as error:  # noqa: BLE001  (any failure is a misconfiguration to report)
        configured = feedback_settings().get("SIMILARITY")
        backend = configured.get("BACKEND") if isinstance(configured, dict) else configured
        return [
            Error(
                f"WAGTAIL_FEEDBACK['SIMILARITY'] backend {backend!r} cannot be loaded: {error}",
                hint="See docs/similarity.md for the backends and their options.",
                id="wagtail_feedback.E020",
            )
        ]
    return []
