"""Feedback › Visitors: who asked for what, and their priorities (C3); one's own (C5)."""

import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, JsonResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from ..models import CLOSED_STATUSES, Visitor, Vote, VoteKind
from ..rules.priorities import BUDGET
from ..services import priorities
from . import queries
from .base import (
    ActionsTitleColumn,
    JsonPermissionMixin,
    StableOrderMixin,
    WorkspaceViewSetMixin,
    refusal_message,
    staff_as_visitor,
)
from .filters import VisitorFilterSet
from .forms import PriorityForm
from .permissions import can

OPEN_VOTE = Q(votes__kind=VoteKind.ACTIVE, votes__request__merged_into__isnull=True) & ~Q(
    votes__request__status__in=CLOSED_STATUSES
)


def open_votes_of(visitor):
    """The visitor's open votes with their requests, highest share first (one query)."""
    if visitor is None:
        return []
    return list(
        Vote.objects.filter(visitor=visitor, kind=VoteKind.ACTIVE, request__merged_into__isnull=True)
        .exclude(request__status__in=CLOSED_STATUSES)
        .select_related("request")
        .order_by("-share", "created_at", "pk")
    )


def priorities_payload(visitor):
    return {"budget": BUDGET, "items": queries.priority_items(open_votes_of(visitor))}


def profile_context(visitor, *, user, endpoint):
    """What the Requests, Priorities, Released and Activity tabs show (a fixed number of queries)."""
    labels = queries.status_labels()
    votes = queries.visitor_votes(visitor) if visitor else []
    queries.with_status_labels([v.request for v in votes], labels)
    open_votes = open_votes_of(visitor)
    released = queries.with_status_labels(queries.released_for([visitor.pk]) if visitor else [], labels)
    return {
        "visitor": visitor,
        "vote_list": votes,
        "open_votes": open_votes,
        "priority_items": queries.priority_items(open_votes),
        "priority_data": {"budget": BUDGET, "items": queries.priority_items(open_votes)},
        "priorities_endpoint": endpoint,
        "budget": BUDGET,
        "released_list": released,
        "activity": queries.visitor_activity(visitor) if visitor else [],
        "suggest_url": reverse("wagtail_feedback_requests:add"),
    }


class VisitorIndexView(StableOrderMixin, generic.IndexView):
    default_ordering = "name"
    show_other_searches = True

    def get_base_queryset(self):
        return Visitor.objects.select_related("account").annotate(open_votes=Count("votes", filter=OPEN_VOTE))

    @cached_property
    def columns(self):
        return [
            self._title_column(),
            Column("email", label=_("Email"), sort_key="email"),
            Column("account", label=_("Account"), sort_key="account__name"),
            Column("language", label=_("Language"), width="8%"),
            Column("open_votes", label=_("Open votes"), sort_key="open_votes", width="10%"),
            DateColumn("last_seen_at", label=_("Last seen"), sort_key="last_seen_at"),
        ]

    def _title_column(self):
        return ActionsTitleColumn("name", label=_("Name"), sort_key="name", get_url=self.get_inspect_url,
                                  buttons_for=self.get_list_buttons)

    def get_list_more_buttons(self, instance):
        return []


class VisitorProfileView(generic.InspectView):
    """A visitor's page: Requests, Priorities, Released and Activity tabs (C3)."""

    page_title = gettext_lazy("Visitor")

    def get_object(self, queryset=None):
        try:
            return Visitor.objects.select_related("account", "user").get(pk=self.pk)
        except (Visitor.DoesNotExist, ValueError):
            raise Http404 from None

    def get_page_subtitle(self):
        return str(self.object)

    def get_fields_context(self):
        return []

    def get_breadcrumbs_items(self):
        items = [{"url": reverse("wagtail_feedback_visitors:index"), "label": _("Visitors")}]
        if self.object.account_id and can(self.request.user, "view_account"):
            items = [
                {"url": reverse("wagtail_feedback_accounts:index"), "label": _("Accounts")},
                {"url": reverse("wagtail_feedback_accounts:inspect", args=[self.object.account_id]),
                 "label": self.object.account.name},
            ]
        return self.breadcrumbs_items + items + [{"url": "", "label": str(self.object)}]

    @cached_property
    def header_buttons(self):
        buttons = []
        if can(self.request.user, "act_on_behalf") and can(self.request.user, "add_featurerequest"):
            url = reverse("wagtail_feedback_requests:add") + f"?for={self.object.pk}"
            buttons.append(HeaderButton(_("Suggest for this visitor"), url=url, icon_name="plus"))
        return buttons

    @cached_property
    def header_more_buttons(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(profile_context(
            self.object, user=self.request.user,
            endpoint=reverse("wagtail_feedback_visitors:priorities", args=[self.object.pk]),
        ))
        context["can_edit_priorities"] = can(self.request.user, "act_on_behalf")
        context["on_behalf"] = True
        return context


class PrioritiesEndpoint(JsonPermissionMixin, PermissionCheckedMixin, View):
    """GET the priority list; POST ``{"request_id", "share"}`` to set one (the sliders' contract)."""

    model = Visitor
    any_permission_required = ["view"]

    def get_visitor(self):
        raise NotImplementedError

    def get_actor(self):
        return staff_as_visitor(self.request)

    def get(self, request, *args, **kwargs):
        return JsonResponse(priorities_payload(self.get_visitor()))

    def post(self, request, *args, **kwargs):
        try:
            data = json.loads(request.body or b"{}")
        except (ValueError, UnicodeDecodeError):
            data = None
        form = PriorityForm(data if isinstance(data, dict) else {})
        if not form.is_valid():
            errors = {field: [e["message"] for e in errors] for field, errors in form.errors.get_json_data().items()}
            return JsonResponse({"errors": errors}, status=400)
        actor = self.get_actor()
        visitor = self.get_visitor() or actor.visitor
        try:
            priorities.set_priority(actor, form.cleaned_data["request_id"], form.cleaned_data["share"],
                                    visitor=visitor)
        except ValidationError as error:
            errors = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
            if "request" in errors:
                errors = {"share": errors.pop("request"), **errors}
            return JsonResponse({"errors": errors}, status=400)
        except PermissionDenied as error:
            return JsonResponse({"errors": {"__all__": [refusal_message(error)]}}, status=403)
        return JsonResponse(priorities_payload(visitor))


class VisitorPrioritiesView(PrioritiesEndpoint):
    def get_visitor(self):
        try:
            return Visitor.objects.get(pk=self.kwargs["pk"])
        except Visitor.DoesNotExist:
            raise Http404 from None


class VisitorViewSet(WorkspaceViewSetMixin, ModelViewSet):
    model = Visitor
    icon = "user"
    menu_label = gettext_lazy("Visitors")
    url_prefix = "feedback/visitors"
    enabled_views = ("inspect",)
    inspect_view_enabled = True
    index_view_class = VisitorIndexView
    inspect_view_class = VisitorProfileView
    inspect_template_name = "wagtail_feedback/admin/visitors/profile.html"
    filterset_class = VisitorFilterSet
    search_fields = ["name", "email"]
    list_per_page = 50
    list_export = ["name", "email", "account", "account.status", "language", "open_votes", "last_seen_at",
                   "created_at"]
    export_headings = {"account.status": gettext_lazy("Account status"), "open_votes": gettext_lazy("Open votes")}
    export_filename = "feedback-visitors"

    def get_permissions_to_register(self):
        return super().get_permissions_to_register().filter(codename="view_visitor")

    def get_extra_urlpatterns(self):
        return [path("<int:pk>/priorities/", self.construct_view(VisitorPrioritiesView), name="priorities")]
