"""Listing filters, declared with django-filter as Wagtail's own listings do."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, NumberRangeWidget, WagtailFilterSet

from ..models import Account, AccountStatus, App, FeatureRequest, ProductArea, Status, Tag, Visitor, Vote, VoteKind


def _wanted_by(**visitor_lookups):
    """Requests with an active vote from visitors matching the lookups."""
    return Exists(
        Vote.objects.filter(
            request=OuterRef("pk"), kind=VoteKind.ACTIVE,
            **{f"visitor__{key}": value for key, value in visitor_lookups.items()},
        )
    )


class MergedChoices:
    INCLUDE = "include"
    ONLY = "only"
    choices = [(INCLUDE, _("Include merged requests")), (ONLY, _("Only merged requests"))]


class RequestFilterSet(WagtailFilterSet):
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), choices=Status.choices, widget=forms.CheckboxSelectMultiple
    )
    area = django_filters.ModelChoiceFilter(label=_("Product area"), queryset=ProductArea.objects.all())
    app = django_filters.ModelChoiceFilter(label=_("App"), queryset=App.objects.all())
    tags = django_filters.ModelMultipleChoiceFilter(
        label=_("Tags"), queryset=Tag.objects.all(), widget=forms.CheckboxSelectMultiple
    )
    account = django_filters.ModelChoiceFilter(
        label=_("Wanted by account"), queryset=Account.objects.all(), method="filter_account"
    )
    account_status = django_filters.ChoiceFilter(
        label=_("Wanted by accounts that are"), choices=AccountStatus.choices, method="filter_account_status",
        widget=forms.RadioSelect, empty_label=_("Any"),
    )
    vote_count = django_filters.RangeFilter(label=_("Votes"), widget=NumberRangeWidget)
    created_at = django_filters.DateFromToRangeFilter(label=_("Suggested"), widget=DateRangePickerWidget)
    released_at = django_filters.DateFromToRangeFilter(label=_("Released"), widget=DateRangePickerWidget)
    merged = django_filters.ChoiceFilter(
        label=_("Merged requests"), choices=MergedChoices.choices, method="filter_merged",
        widget=forms.RadioSelect, empty_label=_("Hide merged requests"),
    )

    class Meta:
        model = FeatureRequest
        fields = []

    def filter_account(self, queryset, name, value):
        return queryset.filter(_wanted_by(account=value)) if value else queryset

    def filter_account_status(self, queryset, name, value):
        return queryset.filter(_wanted_by(account__status=value)) if value else queryset

    def filter_merged(self, queryset, name, value):
        # Merged requests are hidden unless asked for: see RequestIndexView.get_base_queryset.
        if value == MergedChoices.ONLY:
            return queryset.filter(merged_into__isnull=False)
        return queryset


class VisitorFilterSet(WagtailFilterSet):
    account = django_filters.ModelChoiceFilter(label=_("Account"), queryset=Account.objects.all())
    account__status = django_filters.ChoiceFilter(
        label=_("Account status"), choices=AccountStatus.choices, widget=forms.RadioSelect, empty_label=_("Any")
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"), choices=[("en", "English"), ("ja", "日本語")], widget=forms.RadioSelect,
        empty_label=_("Any"),
    )
    last_seen_at = django_filters.DateFromToRangeFilter(label=_("Last seen"), widget=DateRangePickerWidget)

    class Meta:
        model = Visitor
        fields = []


class AccountFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=AccountStatus.choices, widget=forms.RadioSelect, empty_label=_("Any")
    )
    monthly_value = django_filters.RangeFilter(label=_("Monthly value"), widget=NumberRangeWidget)

    class Meta:
        model = Account
        fields = []
