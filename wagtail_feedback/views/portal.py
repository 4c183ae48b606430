"""Server-rendered portal pages (the visitor's side of the product)."""

from django.core import signing
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from ..models import FeatureRequest, StatusSetting, Visibility, VoteKind
from ..services import notify, subscriptions
from ..services.actors import Actor
from ..services.priorities import current_priorities
from .session import current_visitor


def _activate_language(visitor):
    if visitor is not None and visitor.language:
        translation.activate(visitor.display_language)


def _status_labels():
    return {s.status: s.display_label for s in StatusSetting.objects.all()}


def home(request):
    visitor = current_visitor(request)
    _activate_language(visitor)
    hidden = StatusSetting.objects.filter(visible_to_visitors=False).values_list("status", flat=True)
    popular = list(
        FeatureRequest.objects.not_merged().exclude(status__in=hidden).order_by("-vote_count", "-created_at")[:20]
    )
    labels = _status_labels()
    for item in popular:
        item.status_label = labels.get(item.status) or item.get_status_display()
    return render(
        request,
        "wagtail_feedback/portal/home.html",
        {
            "visitor": visitor,
            "priorities": current_priorities(visitor) if visitor else [],
            "popular": popular,
        },
    )


def request_detail(request, pk):
    visitor = current_visitor(request)
    _activate_language(visitor)
    feature_request = get_object_or_404(FeatureRequest.objects.select_related("area", "app"), pk=pk)
    if feature_request.merged_into_id:
        return redirect("wagtail_feedback:request_detail", pk=feature_request.merged_into_id)
    setting = StatusSetting.objects.filter(status=feature_request.status).first()
    if setting is not None and not setting.visible_to_visitors:
        raise Http404
    my_vote = visitor and feature_request.votes.filter(visitor=visitor).first()
    return render(
        request,
        "wagtail_feedback/portal/request_detail.html",
        {
            "visitor": visitor,
            "feature_request": feature_request,
            "status_label": setting.display_label if setting else feature_request.get_status_display(),
            "status_message": setting.message if setting else "",
            "comments": feature_request.comments.filter(visibility=Visibility.PUBLIC).select_related(
                "author_visitor", "author_user"
            ),
            "voted": bool(my_vote and my_vote.kind == VoteKind.ACTIVE),
            "subscribed": bool(visitor and feature_request.subscriptions.filter(visitor=visitor).exists()),
        },
    )


# The signed token is the credential, and mail clients' one-click unsubscribe
# (RFC 8058) POSTs without a CSRF token, so this view is exempt.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """One-click unsubscribe from a request's notifications (link in every email)."""
    try:
        visitor_id, request_id = notify.read_unsubscribe_token(token)
    except (signing.BadSignature, ValueError, TypeError):
        raise Http404 from None
    feature_request = get_object_or_404(FeatureRequest, pk=request_id)
    from ..models import Visitor

    visitor = get_object_or_404(Visitor, pk=visitor_id)
    _activate_language(visitor)
    done = request.method == "POST"
    if done:
        subscriptions.unsubscribe(Actor.for_visitor(visitor), feature_request)
    return render(
        request,
        "wagtail_feedback/portal/unsubscribe.html",
        {"feature_request": feature_request, "done": done, "visitor": visitor},
    )
