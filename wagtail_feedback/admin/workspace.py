"""The Feedback menu, and a staff member's own requests and priorities (C5)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.widgets.button import HeaderButton

from ..models import FeatureRequest
from . import queries
from .accounts import AccountViewSet
from .catalog import ProductAreaViewSet, TagViewSet
from .permissions import can_view
from .requests import RequestViewSet
from .statuses import StatusSettingViewSet
from .visitors import PrioritiesEndpoint, VisitorViewSet, profile_context


class MyFeedbackView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    model = FeatureRequest
    any_permission_required = ["view"]
    page_title = _("My requests & priorities")
    header_icon = "user"
    template_name = "wagtail_feedback/admin/mine.html"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    @property
    def header_buttons(self):
        return [HeaderButton(_("Suggest"), url=reverse("wagtail_feedback_requests:add"), icon_name="plus")]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(profile_context(
            queries.own_visitor(self.request.user), user=self.request.user,
            endpoint=reverse("wagtail_feedback_mine:priorities"),
        ))
        context["can_edit_priorities"] = True
        context["on_behalf"] = False
        return context


class MyPrioritiesView(PrioritiesEndpoint):
    model = FeatureRequest

    def get_visitor(self):
        return queries.own_visitor(self.request.user)


class MyFeedbackMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view(request.user, FeatureRequest)


class MyFeedbackViewSet(ViewSet):
    icon = "user"
    menu_label = _("My requests & priorities")
    url_prefix = "feedback/mine"
    menu_item_class = MyFeedbackMenuItem

    def get_urlpatterns(self):
        return [
            path("", MyFeedbackView.as_view(), name="index"),
            path("priorities/", MyPrioritiesView.as_view(), name="priorities"),
        ]


class FeedbackViewSetGroup(ViewSetGroup):
    menu_label = _("Feedback")
    menu_icon = "comment"
    menu_order = 250
    items = (
        RequestViewSet("wagtail_feedback_requests"),
        MyFeedbackViewSet("wagtail_feedback_mine"),
        VisitorViewSet("wagtail_feedback_visitors"),
        AccountViewSet("wagtail_feedback_accounts"),
        ProductAreaViewSet("wagtail_feedback_areas"),
        TagViewSet("wagtail_feedback_tags"),
        StatusSettingViewSet("wagtail_feedback_statuses"),
    )
