"""Forms of the portal pages: they parse and render; the services validate and write."""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .. import conf, queries
from ..models import App, ProductArea


class SuggestionForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        required=False,
        strip=False,
        help_text=_("One sentence: what would you like to be able to do?"),
        widget=forms.TextInput(attrs={
            "autocomplete": "off", "spellcheck": "true", "aria-required": "true", "enterkeyhint": "next",
            # A combobox: similar requests are listed below while the title is typed.
            "role": "combobox", "aria-autocomplete": "list", "aria-expanded": "false",
        }),
    )
    description = forms.CharField(
        label=_("Details"),
        required=False,
        strip=False,
        help_text=_("Why do you need it? Describe your use case: what you do today and what gets in the way."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    where = forms.ChoiceField(label=_("Which part of the product is it about?"), required=False)

    def __init__(self, *args, similar_endpoint=None, **kwargs):
        super().__init__(*args, **kwargs)
        settings = conf.feedback_settings()
        title = self.fields["title"].widget.attrs
        title["data-wf-similar"] = similar_endpoint or reverse("wagtail_feedback:api:similar")
        # The listbox of similar requests below the title (ids follow the form's auto_id: several forms may share a page).
        title["aria-controls"] = f"{self['title'].auto_id or 'wf-title'}-similar-list"
        # Limits are shown by a counter and checked by the service (no hard maxlength:
        # pasted text is not cut silently, the visitor sees the message instead).
        self.fields["title"].widget.attrs["data-wf-maxlength"] = settings["MAX_TITLE_LENGTH"]
        self.fields["description"].widget.attrs["data-wf-maxlength"] = settings["MAX_DESCRIPTION_LENGTH"]
        choices = where_choices() if settings["ASK_PRODUCT_AREA"] else []
        if choices:
            self.fields["where"].choices = [("", _("I'm not sure")), *choices]
        else:
            del self.fields["where"]

    def catalog(self):
        """``(app, area)`` chosen (both may be None)."""
        value = self.cleaned_data.get("where") or ""
        kind, _sep, pk = value.partition("-")
        if kind == "area" and pk.isdigit():
            area = ProductArea.objects.select_related("app").filter(pk=pk).first()
            return (area.app if area else None), area
        if kind == "app" and pk.isdigit():
            return App.objects.filter(pk=pk).first(), None
        return None, None


def where_choices():
    """Product areas grouped by app (an ``<optgroup>`` each); apps without areas as plain choices."""
    choices, apps_with_areas = [], set()
    for app_name, areas in queries.area_choices():
        options = [(f"area-{area.pk}", area.name) for area in areas]
        apps_with_areas.update(area.app_id for area in areas if area.app_id)
        if app_name:
            choices.append((app_name, options))
        else:
            choices.extend(options)
    choices.extend((f"app-{app.pk}", app.name) for app in App.objects.exclude(pk__in=apps_with_areas))
    return choices


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Add a comment"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Tell the team how this would help you. Markdown works: **bold**, lists, links."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].widget.attrs["data-wf-maxlength"] = conf.get("MAX_COMMENT_LENGTH")


#: Service field names shown on another form field.
FIELD_ALIASES = {"area": "where", "app": "where"}


def add_service_errors(form, error):
    """Show a service's ``ValidationError`` on the form's fields (unknown fields: on the form)."""
    errors = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
    for field, messages in errors.items():
        field = FIELD_ALIASES.get(field, field)
        target = field if field in form.fields else None
        for message in messages:
            form.add_error(target, message)
