"""Who calls the API: a widget bearer token, or the visitor session of the portal.

A request with an ``Authorization: Bearer`` header is authenticated by the token
alone; a bad or expired token is refused (401), never silently treated as
anonymous. Cookie-authenticated writes must pass Django's CSRF check.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, permissions
from rest_framework.authentication import BaseAuthentication

from ..services.actors import Actor
from ..views.session import bearer_token, csrf_failure_reason, current_actor, current_visitor

IDENTIFY_MESSAGE = _("Please open the feedback portal from the product's “Suggest a feature” link first.")


class BearerAuthentication(BaseAuthentication):
    """``Authorization: Bearer <token>``: the token the widget's page was given."""

    def authenticate(self, request):
        token = bearer_token(request._request)
        if token is None:
            return None
        visitor = current_visitor(request._request)
        if visitor is None:
            raise exceptions.AuthenticationFailed(_("Your session has expired. Please open the feedback panel again."))
        return (request._request.user, current_actor(request._request))

    def authenticate_header(self, request):
        return 'Bearer realm="feedback"'


class VisitorSessionAuthentication(BaseAuthentication):
    """The portal's visitor session (or a logged-in site user), with CSRF on writes."""

    def authenticate(self, request):
        actor = current_actor(request._request)
        if actor is None:
            return None
        if request.method not in permissions.SAFE_METHODS:
            refused = csrf_failure_reason(request._request)
            if refused is not None:
                raise exceptions.PermissionDenied(_("This request did not come from the feedback portal (CSRF check failed)."))
        return (request._request.user, actor)


def actor_of(request):
    return request.auth if isinstance(request.auth, Actor) else None


class IsVisitor(permissions.BasePermission):
    """An identified visitor (or site user acting through their own visitor record)."""

    message = IDENTIFY_MESSAGE

    def has_permission(self, request, view):
        actor = actor_of(request)
        return actor is not None and actor.visitor is not None


class ReadOrVisitor(IsVisitor):
    """Anyone may read public requests; writing needs an identified visitor."""

    def has_permission(self, request, view):
        return request.method in permissions.SAFE_METHODS or super().has_permission(request, view)
