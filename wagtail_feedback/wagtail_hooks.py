"""Registers the feedback workspace with the Wagtail admin (issue 4), its settings and snippets."""

from django.db.models.signals import post_migrate
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .admin import groups, panels, search
from .admin.catalog import AppViewSet
from .admin.choosers import request_chooser_viewset, visitor_chooser_viewset
from .admin.permissions import register_policies
from .admin.signing_keys import SigningKeyViewSet
from .admin.synonyms import SynonymSetViewSet
from .admin.workspace import FeedbackViewSetGroup

# Before any viewset is registered: Wagtail refuses a policy once it has made a fallback one.
register_policies()

post_migrate.connect(groups.create_feedback_groups, dispatch_uid="wagtail_feedback.create_feedback_groups")


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [
        SigningKeyViewSet("feedback_signing_keys"),
        FeedbackViewSetGroup(),
        AppViewSet("wagtail_feedback_apps"),
        visitor_chooser_viewset,
        request_chooser_viewset,
    ]


register_snippet(SynonymSetViewSet)

hooks.register("register_admin_search_area", search.request_search_area)
hooks.register("register_admin_search_area", search.visitor_search_area)
hooks.register("construct_homepage_panels", panels.add_feedback_panel)
