"""The widget's way in: the portal inside a side-panel iframe on the host product.

``widget.js`` (on the host's page) opens ``feedback/widget/?token=<host token>``
in an iframe. Cookies of a cross-site iframe are blocked by browsers, so no
session is started here: the page is rendered for the token's visitor and given
a bearer token, which the portal's scripts send with every request they make
inside the frame (see :mod:`.session`).
"""

from django.utils import translation
from django.views.decorators.http import require_safe

from ..rules.tokens import TokenError
from ..services.identity import enter_with_token
from .portal import home_page, portal_language, portal_view, render_page
from .session import issue_bearer_token


@portal_view
@require_safe
def enter(request):
    try:
        visitor = enter_with_token(request.GET.get("token", ""))
    except TokenError as error:
        request._feedback_visitor = None
        return render_page(request, "wagtail_feedback/portal/refused.html", {"error": error}, status=403,
                           embedded=True)
    request._feedback_visitor = visitor
    with translation.override(portal_language(request, visitor)):
        return home_page(request, embedded=True, bearer=issue_bearer_token(visitor))
