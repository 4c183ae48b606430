from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .. import conf
from ..rules.tokens import TokenError
from ..services.identity import enter_with_token
from .session import start_visitor_session


@never_cache
@require_GET
def enter(request):
    """Exchange a host product's signed token for a visitor session."""
    token = request.GET.get("token", "")
    try:
        visitor = enter_with_token(token)
    except TokenError as error:
        return render(
            request, "wagtail_feedback/portal/refused.html", {"error": error}, status=403
        )
    start_visitor_session(request, visitor, age=conf.get("SESSION_AGE"))
    home = reverse("wagtail_feedback:home")
    target = request.GET.get("next") or home
    if not (url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}) and target.startswith(home)):
        target = home
    response = redirect(target)
    if visitor.language:
        translation.activate(visitor.display_language)
        response.set_cookie("django_language", visitor.display_language, samesite="Lax")
    return response
