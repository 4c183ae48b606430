from django.apps import AppConfig


class TestAppConfig(AppConfig):
    """Pages for the tests (not shipped): a page type with the feedback blocks."""

    name = "tests.testapp"
    label = "testapp"
    default_auto_field = "django.db.models.BigAutoField"
