"""Plumbing shared by the workspace viewsets: which views exist, and how service errors show."""

from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.ui.tables import ButtonsColumnMixin, TitleColumn
from wagtail.permissions import policy_registry

from ..services.actors import Actor
from .forms import add_service_errors

ALL_VIEWS = ("add", "edit", "delete", "history", "usage", "copy", "inspect")


class WorkspaceViewSetMixin:
    """A ``ModelViewSet`` with only the views named in ``enabled_views``, plus ``get_extra_urlpatterns``.

    Writing views that are not listed do not exist, so nothing can reach a
    model's ``save()`` around the services.
    """

    enabled_views = ("add", "edit", "inspect")
    copy_view_enabled = False
    # No "usage" views, so no reference index to keep: saving a request or a vote stays
    # as cheap as the services' query-count tests pin it.
    add_to_reference_index = False

    def get_common_view_kwargs(self, **kwargs):
        kwargs = super().get_common_view_kwargs(**kwargs)
        for view in ALL_VIEWS:
            if view not in self.enabled_views:
                kwargs[f"{view}_url_name"] = None
        return kwargs

    def get_extra_urlpatterns(self):
        return []

    def get_urlpatterns(self):
        conv = self.pk_path_converter
        routes = {
            "add": "new/",
            "edit": f"edit/<{conv}:pk>/",
            "delete": f"delete/<{conv}:pk>/",
            "inspect": f"inspect/<{conv}:pk>/",
        }
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            *(path(route, getattr(self, f"{name}_view"), name=name) for name, route in routes.items()
              if name in self.enabled_views),
            *self.get_extra_urlpatterns(),
        ]

    @property
    def url_finder_class(self):
        """Links to an object (choosers, search) go to its page: edit form if any, else inspect."""
        url_name = self.get_url_name("edit" if "edit" in self.enabled_views else "inspect")
        action = "change" if "edit" in self.enabled_views else "view"

        class URLFinder(ModelAdminURLFinder):
            edit_url_name = url_name

            def get_edit_url(self, instance):
                policy = policy_registry.get(instance)
                if self.user and not policy.user_has_permission(self.user, action):
                    return None
                return reverse(self.edit_url_name, args=(quote(instance.pk),))

        return URLFinder


def staff(request):
    """The acting staff member, without creating their own visitor record."""
    return Actor(user=request.user)


def staff_as_visitor(request):
    """The acting staff member with their own visitor record (created on first use)."""
    return Actor.for_user(request.user)


def refusal_message(error):
    return str(error.args[0]) if error.args else _("You do not have permission to do that.")


class ServiceFormMixin:
    """For Wagtail's generic create/edit/delete views whose ``save_instance`` calls a service.

    A ``ValidationError`` from the service shows on the form (status 400) and a
    ``PermissionDenied`` as an error message (status 403); nothing is written.
    """

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            add_service_errors(form, error)
            self.produced_error_message = self.get_error_message()
            response = self.form_invalid(form)
            response.status_code = 400
            return response
        except PermissionDenied as error:
            messages.error(self.request, refusal_message(error))
            self.produced_error_message = None
            response = self.form_invalid(form)
            response.status_code = 403
            return response


class ActionsTitleColumn(ButtonsColumnMixin, TitleColumn):
    """A title linking to the object's page, with the listing's action buttons."""

    def __init__(self, *args, buttons_for, **kwargs):
        super().__init__(*args, **kwargs)
        self.buttons_for = buttons_for

    def get_buttons(self, instance, parent_context):
        return self.buttons_for(instance)


class JsonPermissionMixin:
    """JSON endpoints answer a refusal with JSON (403), not a redirect to the dashboard."""

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied as error:
            return JsonResponse({"errors": {"__all__": [refusal_message(error)]}}, status=403)


class StableOrderMixin:
    """Listings break ties newest first, so pages and exports are the same on every database."""

    def order_queryset(self, queryset):
        queryset = super().order_queryset(queryset)
        ordering = queryset.query.order_by or queryset.model._meta.ordering
        return queryset.order_by(*ordering, "-pk")
