from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WagtailFeedbackConfig(AppConfig):
    name = "wagtail_feedback"
    label = "wagtail_feedback"
    verbose_name = _("Feedback")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks, signals  # noqa: F401  (registers system checks and the index receivers)
