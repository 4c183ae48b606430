"""The visitor session kept after entering with a host token (V1)."""

from ..models import Visitor
from ..services.actors import Actor
from ..services.identity import visitor_for_user

SESSION_KEY = "wagtail_feedback_visitor"


def start_visitor_session(request, visitor, *, age):
    # A new session key on every entry, so a planted session id is useless.
    request.session.cycle_key()
    request.session[SESSION_KEY] = visitor.pk
    request.session.set_expiry(age)


def current_visitor(request):
    """The visitor behind this request, or None. Cached on the request."""
    if not hasattr(request, "_feedback_visitor"):
        visitor = None
        visitor_id = request.session.get(SESSION_KEY)
        if visitor_id is not None:
            visitor = Visitor.objects.select_related("account").filter(pk=visitor_id).first()
        if visitor is None and request.user.is_authenticated:
            visitor = visitor_for_user(request.user)
        request._feedback_visitor = visitor
    return request._feedback_visitor


def current_actor(request):
    visitor = current_visitor(request)
    user = request.user if request.user.is_authenticated else None
    if visitor is None and user is None:
        return None
    if visitor is not None and visitor.user_id is None and user is not None:
        # A host visitor browsing while logged in as a site user acts as the visitor.
        user = None
    return Actor(visitor=visitor, user=user)
