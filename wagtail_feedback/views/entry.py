from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_safe

from .. import conf
from ..rules.tokens import TokenError
from ..services.identity import enter_with_token
from .portal import portal_view, render_page
from .session import start_visitor_session


@portal_view
@require_safe
def enter(request):
    """Exchange a host product's signed token for a visitor session."""
    token = request.GET.get("token", "")
    try:
        visitor = enter_with_token(token)
    except TokenError as error:
        request._feedback_visitor = None
        return render_page(request, "wagtail_feedback/portal/refused.html", {"error": error}, status=403)
    start_visitor_session(request, visitor, age=conf.get("SESSION_AGE"))
    home = reverse("wagtail_feedback:home")
    target = request.GET.get("next") or home
    if not (url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}) and target.startswith(home)):
        target = home
    response = redirect(target)
    if visitor.language:
        response.set_cookie("django_language", visitor.display_language, samesite="Lax")
    return response
