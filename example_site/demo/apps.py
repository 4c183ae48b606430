from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data for the example site: `manage.py seed_demo` and `manage.py demo_link`."""

    name = "demo"
    verbose_name = "Demo data"
    default_auto_field = "django.db.models.BigAutoField"
