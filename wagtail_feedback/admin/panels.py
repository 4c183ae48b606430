"""A dashboard panel on the Wagtail home page: recent feedback activity relevant to the user."""

from django.urls import reverse
from wagtail.admin.ui.components import Component

from ..models import FeatureRequest
from . import queries
from .permissions import can, can_view


class FeedbackActivityPanel(Component):
    name = "feedback_activity"
    template_name = "wagtail_feedback/admin/home/activity_panel.html"
    order = 150

    class Media:
        css = {"all": ["wagtail_feedback/admin/workspace.css"]}

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        product = can(user, "change_status")
        context = super().get_context_data(parent_context)
        context.update({
            "events": queries.feedback_activity(
                user, everything=product, internal=can(user, "add_internal_comment")
            ),
            "everything": product,
            "not_reviewed": queries.not_reviewed_count() if product else None,
            "requests_url": reverse("wagtail_feedback_requests:index"),
            "mine_url": reverse("wagtail_feedback_mine:index"),
        })
        return context


def add_feedback_panel(request, panels):
    if can_view(request.user, FeatureRequest):
        panels.append(FeedbackActivityPanel())
