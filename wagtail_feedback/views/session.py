"""Who is visiting: the visitor session kept after entering with a host token (V1),
or a widget bearer token.

Inside the widget the portal runs in a cross-site iframe, where browsers block
the site's cookies. There the page is given a *bearer token* instead: a
stateless value signed with the site's ``SECRET_KEY`` (``django.core.signing``,
its own salt) that names the visitor and expires after ``SESSION_AGE``. The
portal's scripts send it as ``Authorization: Bearer …`` with every request they
make. A request that carries the header is authenticated by it alone (never
by a cookie too), and needs no CSRF token: a browser never adds that header
by itself, so another site cannot forge such a request.
"""

from functools import wraps

from django.core import signing
from django.middleware.csrf import CsrfViewMiddleware

from .. import conf
from ..models import Visitor
from ..services.actors import Actor
from ..services.identity import visitor_for_user

SESSION_KEY = "wagtail_feedback_visitor"
BEARER_SALT = "wagtail_feedback.widget-bearer"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def start_visitor_session(request, visitor, *, age):
    # A new session key on every entry, so a planted session id is useless.
    request.session.cycle_key()
    request.session[SESSION_KEY] = visitor.pk
    request.session.set_expiry(age)


# --------------------------------------------------------------------------
# Bearer tokens (the widget)
# --------------------------------------------------------------------------


def issue_bearer_token(visitor):
    """A token the widget's page sends as ``Authorization: Bearer``."""
    return signing.dumps({"v": visitor.pk}, salt=BEARER_SALT, compress=True)


def visitor_id_from_bearer(token):
    """The visitor id a bearer token names, or None if it is forged or expired."""
    try:
        data = signing.loads(token, salt=BEARER_SALT, max_age=conf.get("SESSION_AGE"))
    except (signing.BadSignature, ValueError, TypeError):
        return None
    visitor_id = data.get("v") if isinstance(data, dict) else None
    return visitor_id if isinstance(visitor_id, int) and not isinstance(visitor_id, bool) else None


def bearer_token(request):
    """The token of an ``Authorization: Bearer`` header; "" if the header says something else."""
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if not header:
        return None
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" else ""


def uses_bearer(request):
    return bearer_token(request) is not None


# --------------------------------------------------------------------------
# The visitor behind a request
# --------------------------------------------------------------------------


def current_visitor(request):
    """The visitor behind this request, or None. Cached on the request."""
    if not hasattr(request, "_feedback_visitor"):
        visitor = None
        token = bearer_token(request)
        if token is not None:
            visitor_id = visitor_id_from_bearer(token)
            if visitor_id is not None:
                visitor = Visitor.objects.select_related("account").filter(pk=visitor_id).first()
        else:
            visitor_id = request.session.get(SESSION_KEY)
            if visitor_id is not None:
                visitor = Visitor.objects.select_related("account").filter(pk=visitor_id).first()
            if visitor is None and request.user.is_authenticated:
                visitor = visitor_for_user(request.user)
        request._feedback_visitor = visitor
    return request._feedback_visitor


def current_actor(request):
    visitor = current_visitor(request)
    if uses_bearer(request):
        # A bearer token only ever identifies a visitor; it never carries a site user's powers.
        return Actor(visitor=visitor) if visitor is not None else None
    user = request.user if request.user.is_authenticated else None
    if visitor is None and user is None:
        return None
    if visitor is not None and visitor.user_id is None and user is not None:
        # A host visitor browsing while logged in as a site user acts as the visitor.
        user = None
    return Actor(visitor=visitor, user=user)


def csrf_failure_reason(request):
    """Run Django's CSRF check on a cookie-authenticated request; the refusal response or None."""
    check = CsrfViewMiddleware(lambda _request: None)
    check.process_request(request)
    return check.process_view(request, None, (), {})


def csrf_unless_bearer(view):
    """CSRF protection for cookie-authenticated writes; bearer requests need none (see above)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in SAFE_METHODS and not uses_bearer(request):
            refused = csrf_failure_reason(request)
            if refused is not None:
                return refused
        return view(request, *args, **kwargs)

    wrapped.csrf_exempt = True
    return wrapped
