"""Create the "Feedback CSM" and "Feedback product manager" groups after ``migrate``."""

from django.contrib.auth.management import create_permissions

from ..services.groups import ensure_groups


def create_feedback_groups(sender, using="default", **kwargs):
    """``post_migrate`` receiver: once this app is migrated, make sure its permissions exist, then the groups.

    Wagtail's own ``access_admin`` permission comes from a ``wagtailadmin``
    migration, so it exists by the time ``post_migrate`` is sent.
    """
    if getattr(sender, "label", None) != "wagtail_feedback":
        return
    create_permissions(sender, verbosity=0, using=using)
    ensure_groups()
