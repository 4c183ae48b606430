"""Forms of the workspace actions. They only parse input: the services decide."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .. import conf
from ..models import App, FeatureRequest, ProductArea, Status, Tag, Visibility, Visitor
from .choosers import request_chooser_viewset, visitor_chooser_viewset


def add_service_errors(form, error):
    """Show a service's ``ValidationError`` on the form: on its fields where they exist."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


class AddVisitorForm(forms.Form):
    visitor = forms.ModelChoiceField(
        label=_("Visitor"),
        queryset=Visitor.objects.all(),
        widget=visitor_chooser_viewset.widget_class(choose_one_text=_("Add visitor"), show_edit_link=False),
        error_messages={"required": _("Choose the visitor to add.")},
    )


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Markdown: **bold**, *italic*, lists and links."),
    )
    visibility = forms.ChoiceField(
        label=_("Who can see it"), choices=Visibility.choices, initial=Visibility.PUBLIC, widget=forms.RadioSelect
    )

    def __init__(self, *args, allow_internal=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].max_length = conf.get("MAX_COMMENT_LENGTH")
        if not allow_internal:
            self.fields["visibility"].choices = [(Visibility.PUBLIC, Visibility.PUBLIC.label)]
            self.fields["visibility"].widget = forms.HiddenInput()


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Status.choices)
    message = forms.CharField(
        label=_("Message to subscribers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Leave empty to send the status's standard message."),
    )

    def __init__(self, *args, labels=None, **kwargs):
        super().__init__(*args, **kwargs)
        if labels:
            self.fields["status"].choices = [(value, labels.get(value, label)) for value, label in Status.choices]


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(
        label=_("Merge into"),
        queryset=FeatureRequest.objects.all(),
        widget=request_chooser_viewset.widget_class(show_edit_link=False),
        help_text=_(
            "Votes, priorities, comments and subscribers move to the chosen request; this one redirects there."
        ),
        error_messages={"required": _("Choose the request to merge into.")},
    )


class SuggestForm(forms.Form):
    """Suggest a request as yourself or on a visitor's behalf (C2, C5)."""

    requested_by = forms.ModelChoiceField(
        label=_("Requested by"),
        queryset=Visitor.objects.all(),
        required=False,
        widget=visitor_chooser_viewset.widget_class(
            choose_one_text=_("Switch to a visitor"), show_edit_link=False
        ),
    )
    title = forms.CharField(label=_("Title"), widget=forms.TextInput(attrs={"autocomplete": "off"}))
    description = forms.CharField(label=_("Details"), required=False, widget=forms.Textarea(attrs={"rows": 6}))
    app = forms.ModelChoiceField(label=_("App"), queryset=App.objects.all(), required=False)
    area = forms.ModelChoiceField(label=_("Product area"), queryset=ProductArea.objects.all(), required=False)
    tags = forms.ModelMultipleChoiceField(
        label=_("Tags"), queryset=Tag.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    staff_vote = forms.BooleanField(label=_("Add my own vote too"), required=False)
    staff_subscribe = forms.BooleanField(label=_("Follow it (get its updates)"), required=False)

    def __init__(self, *args, can_act_on_behalf=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].max_length = conf.get("MAX_TITLE_LENGTH")
        self.fields["description"].max_length = conf.get("MAX_DESCRIPTION_LENGTH")
        if not can_act_on_behalf:
            del self.fields["requested_by"]
        for name in ("app", "area", "tags"):
            if not self.fields[name].queryset.exists():
                del self.fields[name]

    def clean(self):
        data = super().clean()
        if data.get("requested_by") is None:
            data["staff_vote"] = data["staff_subscribe"] = False
        return data


class PriorityForm(forms.Form):
    """The body of a priority-slider POST: ``{"request_id": 1, "share": 6000}``."""

    request_id = forms.IntegerField(min_value=1)
    share = forms.IntegerField()

    def clean_share(self):
        share = self.cleaned_data["share"]
        if isinstance(share, bool):
            raise ValidationError(_("Enter a whole number."))
        return share
