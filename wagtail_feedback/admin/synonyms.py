"""Snippets → Synonym sets: words that mean the same when people look for a request.

Register it in ``wagtail_hooks.py`` with ``register_snippet(SynonymSetViewSet)``.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.views.snippets import SnippetViewSet

from ..models import SynonymSet


class SynonymSetViewSet(SnippetViewSet):
    model = SynonymSet
    icon = "list-ul"
    menu_label = _("Synonym sets")
    list_display = ["__str__"]
    list_per_page = 50
    search_fields = ["terms"]
    search_backend_name = None  # plain database filtering; no search index needed
    inspect_view_enabled = False
    panels = [FieldPanel("terms")]
