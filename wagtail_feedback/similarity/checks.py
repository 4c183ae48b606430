"""System check: the configured similarity backend can be loaded."""

from django.core.checks import Error, Tags, register


@register(Tags.compatibility)
def check_similarity_backend(app_configs, **kwargs):
    from . import backend_config, get_backend

    config = backend_config()
    try:
        get_backend()
    except Exception as error:  # noqa: BLE001  (any failure is a misconfiguration to report)
        return [
            Error(
                f"WAGTAIL_FEEDBACK['SIMILARITY'] backend {config.get('BACKEND')!r} cannot be loaded: {error}",
                hint="See docs/similarity.md for the backends and their options.",
                id="wagtail_feedback.E020",
            )
        ]
    return []
