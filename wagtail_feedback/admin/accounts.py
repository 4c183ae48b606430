"""Feedback › Accounts: what a customer company wants, together (C4)."""

from django.db.models import Count
from django.http import Http404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from ..models import Account
from . import queries
from .base import ActionsTitleColumn, StableOrderMixin, WorkspaceViewSetMixin
from .filters import AccountFilterSet


class AccountIndexView(StableOrderMixin, generic.IndexView):
    default_ordering = "name"

    def get_base_queryset(self):
        return Account.objects.annotate(visitor_count=Count("visitors"))

    @cached_property
    def columns(self):
        return [
            ActionsTitleColumn("name", label=_("Name"), sort_key="name", get_url=self.get_inspect_url,
                               buttons_for=self.get_list_buttons),
            Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
            Column("monthly_value", label=_("Monthly value"), sort_key="monthly_value"),
            Column("visitor_count", label=_("Visitors"), sort_key="visitor_count", width="10%"),
            DateColumn("updated_at", label=_("Updated"), sort_key="updated_at"),
        ]

    def get_list_more_buttons(self, instance):
        return []


class AccountDetailView(generic.InspectView):
    """Combined priorities of the account's visitors, the visitors, and what was released for them."""

    page_title = gettext_lazy("Account")

    def get_object(self, queryset=None):
        try:
            return Account.objects.get(pk=self.pk)
        except (Account.DoesNotExist, ValueError):
            raise Http404 from None

    def get_page_subtitle(self):
        return self.object.name

    def get_fields_context(self):
        return []

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("wagtail_feedback_accounts:index"), "label": _("Accounts")},
            {"url": "", "label": self.object.name},
        ]

    @cached_property
    def header_more_buttons(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        labels = queries.status_labels()
        combined = queries.account_priorities(self.object)
        queries.with_status_labels([row.request for row in combined], labels)
        visitors = queries.account_visitors(self.object)
        released = queries.with_status_labels(
            queries.released_for(self.object.visitors.values("pk")), labels
        )
        wanted = queries.wanted_by(released, self.object.visitors.values("pk"))
        for request in released:
            request.wanted_by = wanted[request.pk]
        context.update({
            "account": self.object,
            "visitor_count": self.object.visitors.count(),
            "combined": combined,
            "account_visitors": visitors,
            "released_list": released,
        })
        return context


class AccountViewSet(WorkspaceViewSetMixin, ModelViewSet):
    model = Account
    icon = "group"
    menu_label = gettext_lazy("Accounts")
    url_prefix = "feedback/accounts"
    enabled_views = ("inspect",)
    inspect_view_enabled = True
    index_view_class = AccountIndexView
    inspect_view_class = AccountDetailView
    inspect_template_name = "wagtail_feedback/admin/accounts/detail.html"
    filterset_class = AccountFilterSet
    search_fields = ["name", "host_id"]
    list_per_page = 50
    list_export = ["name", "host_id", "status", "monthly_value", "visitor_count", "created_at", "updated_at"]
    export_headings = {"visitor_count": gettext_lazy("Visitors")}
    export_filename = "feedback-accounts"

    def get_permissions_to_register(self):
        return super().get_permissions_to_register().filter(codename="view_account")
