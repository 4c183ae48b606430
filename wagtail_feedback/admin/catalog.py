"""Feedback › Product areas & apps, and Tags (P4): edited through ``services.catalog``."""

from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from ..models import App, ProductArea, Tag
from ..services import catalog
from .base import ServiceFormMixin, WorkspaceViewSetMixin, staff


def service_views(create, update, delete, fields):
    """Create, edit and delete view classes that save through the given service functions."""

    class CreateView(ServiceFormMixin, generic.CreateView):
        def save_instance(self):
            return create(staff(self.request), **{f: self.form.cleaned_data[f] for f in fields})

    class EditView(ServiceFormMixin, generic.EditView):
        def save_instance(self):
            return update(staff(self.request), self.object, **{f: self.form.cleaned_data[f] for f in fields})

    class DeleteView(generic.DeleteView):
        def delete_action(self):
            delete(staff(self.request), self.object)

    return CreateView, EditView, DeleteView


class CatalogViewSet(WorkspaceViewSetMixin, ModelViewSet):
    enabled_views = ("add", "edit", "delete")
    fields = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form_fields = list(self.fields)


class ProductAreaIndexView(generic.IndexView):
    @cached_property
    def header_buttons(self):
        return [*super().header_buttons,
                HeaderButton(_("Apps"), url=reverse("wagtail_feedback_apps:index"), icon_name="desktop")]


class ProductAreaViewSet(CatalogViewSet):
    model = ProductArea
    icon = "folder-open-inverse"
    menu_label = gettext_lazy("Product areas & apps")
    url_prefix = "feedback/areas"
    fields = ("name", "slug", "app")
    index_view_class = ProductAreaIndexView
    add_view_class, edit_view_class, delete_view_class = service_views(
        catalog.create_area, catalog.update_area, catalog.delete_area, fields
    )
    list_display = ["name", "app", "slug"]
    list_filter = ["app"]
    search_fields = ["name", "slug"]
    ordering = "name"


class AppIndexView(generic.IndexView):
    @cached_property
    def header_buttons(self):
        return [*super().header_buttons, HeaderButton(
            _("Product areas"), url=reverse("wagtail_feedback_areas:index"), icon_name="folder-open-inverse"
        )]


class AppViewSet(CatalogViewSet):
    model = App
    icon = "desktop"
    menu_label = gettext_lazy("Apps")
    url_prefix = "feedback/apps"
    fields = ("name", "slug")
    index_view_class = AppIndexView
    add_view_class, edit_view_class, delete_view_class = service_views(
        catalog.create_app, catalog.update_app, catalog.delete_app, fields
    )
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    ordering = "name"


class TagViewSet(CatalogViewSet):
    model = Tag
    icon = "tag"
    menu_label = gettext_lazy("Tags")
    url_prefix = "feedback/tags"
    fields = ("name",)
    add_view_class, edit_view_class, delete_view_class = service_views(
        catalog.create_tag, catalog.update_tag, catalog.delete_tag, fields
    )
    list_display = ["name"]
    search_fields = ["name"]
    ordering = "name"
