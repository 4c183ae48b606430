"""The admin search bar finds requests (Japanese and English words) and visitors (name or email)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.search import SearchArea

from ..models import FeatureRequest, Visitor
from .permissions import can_view


class ModelSearchArea(SearchArea):
    model = None

    def is_shown(self, request):
        return can_view(request.user, self.model)


class RequestSearchArea(ModelSearchArea):
    model = FeatureRequest


class VisitorSearchArea(ModelSearchArea):
    model = Visitor


def request_search_area():
    return RequestSearchArea(
        _("Feedback requests"), reverse("wagtail_feedback_requests:index"), name="feedback-requests",
        icon_name="list-ul", order=500,
    )


def visitor_search_area():
    return VisitorSearchArea(
        _("Feedback visitors"), reverse("wagtail_feedback_visitors:index"), name="feedback-visitors",
        icon_name="user", order=510,
    )
