"""Chooser modals: visitors by person name or email (C1, C2), requests by title (P2 merge)."""

from django import forms
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.widgets.chooser import BaseChooser

from ..models import FeatureRequest, Visitor
from . import queries


class SearchForm(BaseFilterForm):
    """The chooser's search box; ``search`` decides what a query matches."""

    q = forms.CharField(label=_("Search term"), required=False)

    def search(self, objects, query):
        raise NotImplementedError

    def filter(self, objects):
        objects = super().filter(objects)
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            self.is_searching = True
            self.search_query = query
            objects = self.search(objects, query)
        return objects


class VisitorSearchForm(SearchForm):
    q = forms.CharField(
        label=_("Search term"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Person's name or email")}),
    )

    def search(self, objects, query):
        return objects.filter(Q(name__icontains=query) | Q(email__icontains=query))


class RequestSearchForm(SearchForm):
    q = forms.CharField(
        label=_("Search term"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Words from the title")}),
    )

    def search(self, objects, query):
        ranked = queries.search_requests(query, limit=50)
        rank = Case(*(When(pk=pk, then=Value(i)) for i, pk in enumerate(ranked)), default=Value(len(ranked)),
                    output_field=IntegerField())
        return (
            objects.filter(Q(pk__in=ranked) | Q(title__icontains=query))
            .annotate(search_rank=rank).order_by("search_rank", "-vote_count", "-pk")
        )


def visitor_label(visitor):
    account = visitor.account.name if visitor.account_id else ""
    name = str(visitor)
    return f"{name} ({account})" if account else name


class VisitorChooseMixin(PermissionCheckedMixin):
    model = Visitor
    any_permission_required = ["view"]
    filter_form_class = VisitorSearchForm

    def get_object_list(self):
        return Visitor.objects.select_related("account").order_by("name", "pk")

    @property
    def columns(self):
        return [
            self.title_column,
            Column("email", label=_("Email")),
            Column("account", label=_("Account"), accessor="account"),
        ]


class VisitorChooseView(VisitorChooseMixin, chooser_views.ChooseView):
    pass


class VisitorChooseResultsView(VisitorChooseMixin, chooser_views.ChooseResultsView):
    pass


class VisitorChosenView(PermissionCheckedMixin, chooser_views.ChosenView):
    model = Visitor
    any_permission_required = ["view"]

    def get_object(self, pk):
        return Visitor.objects.select_related("account").get(pk=pk)

    def get_display_title(self, instance):
        return visitor_label(instance)


class VisitorChooserWidget(BaseChooser):
    def get_display_title(self, instance):
        return visitor_label(instance)


class VisitorChooserViewSet(ChooserViewSet):
    model = Visitor
    icon = "user"
    url_prefix = "feedback/choose-visitor"
    choose_one_text = _("Choose a visitor")
    choose_another_text = _("Choose another visitor")
    page_title = _("Choose a visitor")
    edit_item_text = _("Open profile")
    per_page = 20
    choose_view_class = VisitorChooseView
    choose_results_view_class = VisitorChooseResultsView
    chosen_view_class = VisitorChosenView
    base_widget_class = VisitorChooserWidget


class RequestChooseMixin(PermissionCheckedMixin):
    model = FeatureRequest
    any_permission_required = ["view"]
    filter_form_class = RequestSearchForm

    def get_object_list(self):
        return FeatureRequest.objects.not_merged().order_by("-vote_count", "-pk")

    def get_results_page(self, request):
        page = super().get_results_page(request)
        queries.with_status_labels(page.object_list, queries.status_labels())
        return page

    @property
    def columns(self):
        return [
            self.title_column,
            Column("status", label=_("Status"), accessor="status_label"),
            Column("vote_count", label=_("Votes")),
        ]


class RequestChooseView(RequestChooseMixin, chooser_views.ChooseView):
    pass


class RequestChooseResultsView(RequestChooseMixin, chooser_views.ChooseResultsView):
    pass


class RequestChosenView(PermissionCheckedMixin, chooser_views.ChosenView):
    model = FeatureRequest
    any_permission_required = ["view"]


class RequestChooserViewSet(ChooserViewSet):
    model = FeatureRequest
    icon = "list-ul"
    url_prefix = "feedback/choose-request"
    choose_one_text = _("Choose a request")
    choose_another_text = _("Choose another request")
    page_title = _("Choose a request")
    edit_item_text = _("Open request")
    per_page = 20
    register_widget = False
    choose_view_class = RequestChooseView
    choose_results_view_class = RequestChooseResultsView
    chosen_view_class = RequestChosenView


visitor_chooser_viewset = VisitorChooserViewSet("wagtail_feedback_visitor_chooser")
request_chooser_viewset = RequestChooserViewSet("wagtail_feedback_request_chooser")
