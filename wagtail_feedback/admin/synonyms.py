"""Snippets → Synonym sets: words that mean the same when people look for a request.

Saved through ``services.synonyms``. Register it in ``wagtail_hooks.py`` with
``register_snippet(SynonymSetViewSet)``.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.views.snippets import CreateView, DeleteView, EditView, SnippetViewSet

from ..models import SynonymSet
from ..services import synonyms
from .base import ServiceFormMixin, staff


class SynonymSetCreateView(ServiceFormMixin, CreateView):
    def save_instance(self):
        return synonyms.create_synonym_set(staff(self.request), terms=self.form.cleaned_data["terms"])


class SynonymSetEditView(ServiceFormMixin, EditView):
    def save_instance(self):
        return synonyms.update_synonym_set(staff(self.request), self.object, terms=self.form.cleaned_data["terms"])


class SynonymSetDeleteView(DeleteView):
    def delete_action(self):
        synonyms.delete_synonym_set(staff(self.request), self.object)


class SynonymSetViewSet(SnippetViewSet):
    model = SynonymSet
    icon = "list-ul"
    menu_label = _("Synonym sets")
    add_view_class = SynonymSetCreateView
    edit_view_class = SynonymSetEditView
    delete_view_class = SynonymSetDeleteView
    list_display = ["__str__"]
    list_per_page = 50
    search_fields = ["terms"]
    search_backend_name = None  # plain database filtering; no search index needed
    inspect_view_enabled = False
    panels = [FieldPanel("terms")]
