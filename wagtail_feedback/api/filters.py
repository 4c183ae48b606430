"""Filtering and sorting of request lists, shared by the API and the portal's list pages."""

import django_filters
from django.utils.translation import gettext_lazy as _

from .. import queries
from ..models import FeatureRequest, Status


class RequestFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(choices=Status.choices, label=_("Status"))
    area = django_filters.CharFilter(field_name="area__slug", label=_("Product area"))
    app = django_filters.CharFilter(field_name="app__slug", label=_("App"))
    tag = django_filters.CharFilter(field_name="tags__name", label=_("Tag"))
    q = django_filters.CharFilter(method="search", label=_("Search"))
    sort = django_filters.ChoiceFilter(
        choices=list(queries.SORTS.items()), method="keep", label=_("Sort"), empty_label=None
    )

    class Meta:
        model = FeatureRequest
        fields = ()

    def keep(self, queryset, name, value):
        return queryset  # applied last, in filter_queryset

    def search(self, queryset, name, value):
        value = (value or "").strip()
        if not value:
            return queryset
        return queries.ranked(queryset, queries.search_ids(value))

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        sort = data.get("sort")
        if (data.get("q") or "").strip() and not sort:
            return queryset  # best match first
        return queries.sort_requests(queryset, sort or "votes")
