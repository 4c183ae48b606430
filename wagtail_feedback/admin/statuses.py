"""Feedback › Statuses (P1): rename the six statuses, set their messages, hide Not reviewed."""

from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from ..models import StatusSetting
from ..services import status_settings
from .base import ActionsTitleColumn, ServiceFormMixin, WorkspaceViewSetMixin, staff


class StatusIndexView(generic.IndexView):
    @cached_property
    def columns(self):
        return [
            ActionsTitleColumn("status", label=_("Status"), accessor="get_status_display", get_url=self.get_edit_url,
                               buttons_for=self.get_list_buttons),
            Column("label", label=_("Label shown"), accessor="display_label"),
            BooleanColumn("visible_to_visitors", label=_("Visible to visitors")),
            Column("message", label=_("Message to subscribers"), accessor=lambda s: s.message[:80]),
        ]

    def get_list_more_buttons(self, instance):
        return []


class StatusEditView(ServiceFormMixin, generic.EditView):
    def get_page_subtitle(self):
        return self.object.get_status_display()

    def save_instance(self):
        data = self.form.cleaned_data
        return status_settings.update_status_setting(
            staff(self.request), self.object, label=data["label"], message=data["message"],
            visible_to_visitors=data["visible_to_visitors"],
        )


class StatusSettingViewSet(WorkspaceViewSetMixin, ModelViewSet):
    model = StatusSetting
    icon = "tasks"
    menu_label = gettext_lazy("Statuses")
    url_prefix = "feedback/statuses"
    enabled_views = ("edit",)
    index_view_class = StatusIndexView
    edit_view_class = StatusEditView
    ordering = "pk"
    list_per_page = 20
    panels = [FieldPanel("label"), FieldPanel("message"), FieldPanel("visible_to_visitors")]

    def get_permissions_to_register(self):
        return super().get_permissions_to_register().filter(codename__in=["view_statussetting", "change_statussetting"])
