"""Server-rendered portal pages (the visitor's side of the product, V1–V7).

Every page works without JavaScript; small static modules enhance them (votes
and priorities without a reload, similar requests while typing, the widget's
in-frame navigation). Writes go through the services; reads through
:mod:`wagtail_feedback.queries`.
"""

from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from .. import conf, queries
from ..api.authentication import IDENTIFY_MESSAGE
from ..api.filters import RequestFilter
from ..csp import add_portal_headers
from ..models import FeatureRequest, Visitor, VoteKind
from ..services import comments, notify, preferences, requests, subscriptions, votes
from ..services.actors import Actor
from .forms import CommentForm, SuggestionForm, add_service_errors
from .session import csrf_unless_bearer, current_actor, current_visitor, uses_bearer

PAGE_SIZE = 20
POPULAR_ON_HOME = 5


# --------------------------------------------------------------------------
# Page plumbing
# --------------------------------------------------------------------------


def portal_language(request, visitor):
    """The visitor's language; else the browser's (cookie, Accept-Language) if offered; else the first."""
    languages = conf.get("LANGUAGES")
    if visitor is not None and visitor.language:
        return visitor.display_language
    wanted = translation.get_language_from_request(request) or ""
    wanted = wanted.split("-")[0].lower()
    return wanted if wanted in languages else languages[0]


LANGUAGE_NAMES = {"en": "English", "ja": "日本語"}


def portal_view(view=None, *, csrf=True):
    """A portal page: CSP and framing headers, never cached, CSRF unless bearer, a styled 404.

    ``@portal_view(csrf=False)`` for a view whose URL is itself the credential.
    """
    if view is None:
        return lambda view: portal_view(view, csrf=csrf)
    checked = csrf_unless_bearer(view) if csrf else view

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        # The whole request in the visitor's language: messages raised by the services too.
        language = portal_language(request, current_visitor(request))
        try:
            with translation.override(language):
                response = checked(request, *args, **kwargs)
        except Http404:
            response = render_page(request, "wagtail_feedback/portal/not_found.html", {}, status=404)
        except PermissionDenied as error:
            response = render_page(
                request, "wagtail_feedback/portal/not_allowed.html", {"message": str(error)}, status=403
            )
        add_never_cache_headers(response)
        patch_vary_headers(response, ["Cookie", "Authorization", "Accept-Language"])
        return add_portal_headers(response)

    wrapped.csrf_exempt = True  # checked above, unless the request carries a bearer token
    return wrapped


def render_page(request, template, context, *, status=200, embedded=None, bearer=None):
    visitor = current_visitor(request)
    language = portal_language(request, visitor)
    with translation.override(language):
        context = {
            "visitor": visitor,
            "embedded": uses_bearer(request) if embedded is None else embedded,
            "bearer": bearer,
            "languages": [(code, LANGUAGE_NAMES.get(code, code)) for code in conf.get("LANGUAGES")],
            "current_language": language,
            "here": _here(request),
            "max_title_length": conf.get("MAX_TITLE_LENGTH"),
            **context,
        }
        response = render(request, template, context, status=status)
    response.headers["Content-Language"] = language
    return response


def _here(request):
    """Where forms on this page come back to (the widget's entry address holds a spent token: home instead)."""
    match = request.resolver_match
    if match is not None and match.url_name in ("widget", "enter"):
        return reverse("wagtail_feedback:home")
    return request.get_full_path()


def _page_of(request, items):
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    st = queries.statuses(request)
    queries.decorate(page.object_list, st)
    return page


def _query_without(request, *names):
    params = request.GET.copy()
    for name in names:
        params.pop(name, None)
    return params.urlencode()


def _safe_next(request, default):
    target = request.POST.get("next") or request.GET.get("next") or ""
    home = reverse("wagtail_feedback:home")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}) and target.startswith(home):
        return target
    return default


def _require_actor(request):
    actor = current_actor(request)
    if actor is None or actor.visitor is None:
        raise PermissionDenied(IDENTIFY_MESSAGE)
    return actor


# --------------------------------------------------------------------------
# The dashboard (V3, V4, V6)
# --------------------------------------------------------------------------


def _dashboard(request, tab, context):
    visitor = current_visitor(request)
    st = queries.statuses(request)
    return {"tab": tab, "counts": queries.tab_counts(visitor, st), **context}


@portal_view
@require_safe
def home(request):
    """My requests and priorities (V4); the most wanted requests for someone not identified."""
    return home_page(request)


def home_page(request, *, embedded=None, bearer=None):
    visitor = current_visitor(request)
    st = queries.statuses(request)
    if visitor is None:
        popular = queries.sort_requests(
            queries.with_visitor_state(queries.visible_requests(st).open(), None), "votes"
        )[:PAGE_SIZE]
        context = {"tab": "mine", "popular": queries.decorate(list(popular), st)}
        return render_page(request, "wagtail_feedback/portal/home.html", context, embedded=embedded, bearer=bearer)
    payload = queries.priorities_payload(visitor, st)
    mine = queries.with_visitor_state(
        FeatureRequest.objects.filter(pk__in=[item["request_id"] for item in payload["items"]]), visitor
    )
    by_pk = {r.pk: r for r in queries.decorate(list(mine), st)}
    popular = queries.sort_requests(queries.suggested_by_others(visitor, st), "votes")[:POPULAR_ON_HOME]
    context = _dashboard(request, "mine", {
        "priorities": payload,
        "my_requests": [by_pk[item["request_id"]] for item in payload["items"] if item["request_id"] in by_pk],
        "declined": queries.decorate(list(queries.closed_for(visitor, st)[:PAGE_SIZE]), st),
        "popular": queries.decorate(list(popular), st),
        "priorities_endpoint": reverse("wagtail_feedback:api:me-priorities"),
    })
    return render_page(request, "wagtail_feedback/portal/home.html", context, embedded=embedded, bearer=bearer)


@portal_view
@require_safe
def others(request):
    """Suggested by others: vote or say "not interested" from the list (V3)."""
    visitor = current_visitor(request)
    st = queries.statuses(request)
    filterset = RequestFilter(request.GET, queryset=queries.suggested_by_others(visitor, st))
    items = filterset.qs if filterset.is_valid() else queries.sort_requests(filterset.queryset, "votes")
    sort = filterset.form.cleaned_data.get("sort") if filterset.is_valid() else ""
    area = request.GET.get("area", "")
    context = _dashboard(request, "others", {
        "page": _page_of(request, items),
        "sort": sort or "votes",
        "sorts": list(queries.SORTS.items()),
        "area": area,
        "areas": queries.area_choices(),
        "sort_query": _query_without(request, "sort", "page"),
        "page_query": _query_without(request, "page"),
        "not_interested": (
            queries.decorate(list(queries.not_interested(visitor, st)[:50]), st) if visitor is not None else []
        ),
    })
    return render_page(request, "wagtail_feedback/portal/others.html", context)


@portal_view
@require_safe
def released(request):
    """The visitor's requests that were released, newest first (V6)."""
    visitor = current_visitor(request)
    if visitor is None:
        return redirect("wagtail_feedback:home")
    st = queries.statuses(request)
    context = _dashboard(request, "released", {
        "page": _page_of(request, queries.released_for(visitor, st)),
        "page_query": _query_without(request, "page"),
    })
    return render_page(request, "wagtail_feedback/portal/released.html", context)


# --------------------------------------------------------------------------
# Search (V7)
# --------------------------------------------------------------------------


@portal_view
@require_safe
def search(request):
    visitor = current_visitor(request)
    st = queries.statuses(request)
    q = (request.GET.get("q") or "").strip()[:200]
    page = None
    if q:
        found = queries.ranked(
            queries.with_latest_comment(
                queries.with_visitor_state(queries.visible_requests(st, visitor), visitor)
            ),
            queries.search_ids(q),
        )
        page = _page_of(request, found)
    return render_page(request, "wagtail_feedback/portal/search.html", {
        "q": q, "page": page, "page_query": _query_without(request, "page"),
        "suggest_query": urlencode({"title": q}),
    })


# --------------------------------------------------------------------------
# Suggesting (V2)
# --------------------------------------------------------------------------


@portal_view
@require_http_methods(["GET", "POST"])
def suggest(request):
    visitor = current_visitor(request)
    if request.method == "POST":
        actor = _require_actor(request)
        form = SuggestionForm(request.POST)
        if form.is_valid():
            app, area = form.catalog()
            try:
                created = requests.suggest(
                    actor, title=form.cleaned_data["title"], description=form.cleaned_data["description"],
                    app=app, area=area,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return HttpResponseRedirect(
                    reverse("wagtail_feedback:request_detail", args=[created.pk]) + "?new=1"
                )
        status = 400
    else:
        form = SuggestionForm(initial={"title": request.GET.get("title", "")[:conf.get("MAX_TITLE_LENGTH")]})
        status = 200
    return render_page(request, "wagtail_feedback/portal/suggest.html", {
        "form": form,
        "similar_endpoint": reverse("wagtail_feedback:api:similar"),
        "identified": visitor is not None,
    }, status=status)


# --------------------------------------------------------------------------
# One request (V5) and its actions
# --------------------------------------------------------------------------


def _detail_context(request, pk):
    visitor = current_visitor(request)
    st = queries.statuses(request)
    item = queries.request_for_visitor(pk, visitor, st)
    if item is None:
        raise Http404
    queries.decorate([item], st)
    return item, {
        "item": item,
        "feature_request": item,
        "status_label": item.status_label,
        "status_message": queries.status_message(item, st),
        "comments": [
            (comment, queries.comment_author(comment, visitor)) for comment in queries.public_comments(item)
        ],
        "voted": item.my_vote == VoteKind.ACTIVE,
        "not_interested": item.my_vote == VoteKind.NOT_INTERESTED,
        "subscribed": bool(item.subscribed),
        "from_suggest": request.GET.get("from") == "suggest",
        "just_created": request.GET.get("new") == "1",
    }


@portal_view
@require_safe
def request_detail(request, pk):
    item, context = _detail_context(request, pk)
    if item.merged_into_id:
        return redirect("wagtail_feedback:request_detail", pk=item.merged_into_id)
    context["comment_form"] = CommentForm()
    return render_page(request, "wagtail_feedback/portal/request_detail.html", context)


def _detail_with_error(request, pk, *, comment_form=None, action_error=None):
    _item, context = _detail_context(request, pk)
    context["comment_form"] = comment_form or CommentForm()
    context["action_error"] = action_error
    return render_page(request, "wagtail_feedback/portal/request_detail.html", context, status=400)


def _visible_or_404(request, pk):
    item = queries.request_for_visitor(pk, current_visitor(request), queries.statuses(request))
    if item is None:
        raise Http404
    return get_object_or_404(FeatureRequest, pk=pk)


VOTE_ACTIONS = {"vote": votes.vote, "unvote": votes.unvote, "not_interested": votes.mark_not_interested}


@portal_view
@require_POST
def vote(request, pk):
    """Vote, take back, or "not interested" — the forms behind the buttons (no-JS path)."""
    actor = _require_actor(request)
    target = _visible_or_404(request, pk)
    do = VOTE_ACTIONS.get(request.POST.get("action", "vote"))
    if do is None:
        raise Http404
    try:
        do(actor, target)
    except ValidationError as error:
        return _detail_with_error(request, pk, action_error=" ".join(error.messages))
    return HttpResponseRedirect(_safe_next(request, reverse("wagtail_feedback:request_detail", args=[pk])))


@portal_view
@require_POST
def comment(request, pk):
    actor = _require_actor(request)
    target = _visible_or_404(request, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            created = comments.add_comment(actor, target, form.cleaned_data["body"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            url = reverse("wagtail_feedback:request_detail", args=[created.request_id])
            return HttpResponseRedirect(f"{url}#comment-{created.pk}")
    return _detail_with_error(request, pk, comment_form=form)


@portal_view
@require_POST
def subscription(request, pk):
    actor = _require_actor(request)
    target = _visible_or_404(request, pk)
    if request.POST.get("subscribe") == "off":
        subscriptions.unsubscribe(actor, target)
    else:
        subscriptions.subscribe(actor, target)
    return HttpResponseRedirect(_safe_next(request, reverse("wagtail_feedback:request_detail", args=[pk])))


# --------------------------------------------------------------------------
# Language switch
# --------------------------------------------------------------------------


@portal_view
@require_POST
def language(request):
    """Switch between the portal's languages: the visitor's setting, or a cookie for someone not identified."""
    code = request.POST.get("language", "")
    if code not in conf.get("LANGUAGES"):
        raise Http404
    response = HttpResponseRedirect(_safe_next(request, reverse("wagtail_feedback:home")))
    actor = current_actor(request)
    if actor is not None and actor.visitor is not None:
        preferences.set_language(actor, code)
    if not uses_bearer(request):
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, code, samesite="Lax", max_age=365 * 24 * 3600)
    return response


# --------------------------------------------------------------------------
# One-click unsubscribe (link in every email)
# --------------------------------------------------------------------------


# The signed token is the credential, and mail clients' one-click unsubscribe
# (RFC 8058) POSTs without a CSRF token, so this view is exempt.
@portal_view(csrf=False)
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    try:
        visitor_id, request_id = notify.read_unsubscribe_token(token)
    except (signing.BadSignature, ValueError, TypeError):
        raise Http404 from None
    feature_request = get_object_or_404(FeatureRequest, pk=request_id)
    visitor = get_object_or_404(Visitor, pk=visitor_id)
    done = request.method == "POST"
    if done:
        subscriptions.unsubscribe(Actor.for_visitor(visitor), feature_request)
    with translation.override(visitor.display_language):
        response = render(
            request,
            "wagtail_feedback/portal/unsubscribe.html",
            {"feature_request": feature_request, "done": done, "visitor": visitor, "minimal": True},
        )
    return response
