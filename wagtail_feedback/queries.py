"""Read-side selectors: what the portal pages, the JSON API and the page blocks show.

Nothing here writes. Every selector runs a fixed number of queries whatever
the size of the data: per-visitor state (my vote, my subscription) and counts
are annotated in the list's own query, tags come in one prefetch, status
labels in one query per HTTP request (:func:`statuses`).

Privacy rules live here, once: merged requests are never listed; requests in a
status hidden from visitors are shown only to the visitor who asked for or
voted for them; public comments only; another account's visitors are never
named (:func:`comment_author`).
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import (
    CLOSED_STATUSES,
    Comment,
    FeatureRequest,
    ProductArea,
    Status,
    StatusChange,
    StatusSetting,
    Subscription,
    Visibility,
    Vote,
    VoteKind,
)
from .rules.priorities import BUDGET

#: How far back "trending" looks for new votes.
TRENDING_DAYS = 14
SORTS = {
    "votes": _("Most votes"),
    "newest": _("Newest"),
    "trending": _("Trending"),
}
#: Most results a search looks at (the API and the portal page through them).
SEARCH_LIMIT = 200


# --------------------------------------------------------------------------
# Statuses
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Statuses:
    """The site's status settings, read once per HTTP request."""

    labels: dict = field(default_factory=dict)
    messages: dict = field(default_factory=dict)
    hidden: frozenset = frozenset()

    def label(self, status):
        return self.labels.get(status) or Status(status).label

    def message(self, status):
        return self.messages.get(status, "")

    def visible_choices(self):
        return [(value, self.label(value)) for value in Status.values if value not in self.hidden]


def statuses(request=None):
    """Labels, messages and hidden statuses (one query; cached on ``request`` if given)."""
    cached = getattr(request, "_feedback_statuses", None)
    if cached is not None:
        return cached
    rows = list(StatusSetting.objects.all())
    result = Statuses(
        labels={s.status: s.display_label for s in rows},
        messages={s.status: s.message for s in rows if s.message},
        hidden=frozenset(s.status for s in rows if not s.visible_to_visitors),
    )
    if request is not None:
        request._feedback_statuses = result
    return result


# --------------------------------------------------------------------------
# Requests
# --------------------------------------------------------------------------


def request_path(request_id):
    return reverse("wagtail_feedback:request_detail", args=[request_id])


def _mine(visitor):
    """Requests ``visitor`` asked for or has an active vote on."""
    return Q(requested_by=visitor) | Q(
        Exists(Vote.objects.filter(request=OuterRef("pk"), visitor=visitor, kind=VoteKind.ACTIVE))
    )


def visible_requests(st, visitor=None):
    """Requests a visitor may see: not merged; hidden statuses only if they are theirs."""
    requests = FeatureRequest.objects.not_merged()
    if st.hidden:
        shown = ~Q(status__in=st.hidden)
        if visitor is not None:
            shown |= _mine(visitor)
        requests = requests.filter(shown)
    return requests


def with_visitor_state(requests, visitor):
    """Annotate ``my_vote`` (kind or None), ``subscribed`` and ``comment_count``; load area, app, tags."""
    public_comments = (
        Comment.objects.filter(request=OuterRef("pk"), visibility=Visibility.PUBLIC)
        .order_by().values("request").annotate(n=Count("pk")).values("n")
    )
    requests = (
        requests.select_related("area", "app")
        .prefetch_related("tags")
        .annotate(comment_count=Coalesce(Subquery(public_comments, output_field=IntegerField()), 0))
    )
    if visitor is None:
        return requests.annotate(my_vote=Value(None, output_field=CharField()), subscribed=Value(False))
    return requests.annotate(
        my_vote=Subquery(Vote.objects.filter(request=OuterRef("pk"), visitor=visitor).values("kind")[:1]),
        subscribed=Exists(Subscription.objects.filter(request=OuterRef("pk"), visitor=visitor)),
    )


def with_latest_comment(requests):
    """Annotate the newest public comment's text and date (search results, V7)."""
    latest = Comment.objects.filter(request=OuterRef("pk"), visibility=Visibility.PUBLIC).order_by("-created_at", "-pk")
    return requests.annotate(
        latest_comment=Subquery(latest.values("body")[:1]),
        latest_comment_at=Subquery(latest.values("created_at")[:1]),
    )


def sort_requests(requests, sort):
    if sort == "newest":
        return requests.order_by("-created_at", "-pk")
    if sort == "trending":
        since = timezone.now() - timedelta(days=TRENDING_DAYS)
        recent = (
            Vote.objects.filter(request=OuterRef("pk"), kind=VoteKind.ACTIVE, created_at__gte=since)
            .order_by().values("request").annotate(n=Count("pk")).values("n")
        )
        return requests.annotate(
            recent_votes=Coalesce(Subquery(recent, output_field=IntegerField()), 0)
        ).order_by("-recent_votes", "-vote_count", "-created_at", "-pk")
    return requests.order_by("-vote_count", "-created_at", "-pk")


def search_ids(text, *, limit=SEARCH_LIMIT, app=None, area=None, visible_only=True):
    """Ids of the requests matching ``text``, best first (V7), through the similarity service."""
    from .services import similarity

    matches = similarity.search_requests(text, limit=limit, app=app, area=area, visible_only=visible_only)
    return [match.request.pk for match in matches]


def ranked(requests, ids):
    """Only the requests in ``ids``, in that order."""
    if not ids:
        return requests.none()
    order = Case(*[When(pk=pk, then=Value(i)) for i, pk in enumerate(ids)], output_field=IntegerField())
    return requests.filter(pk__in=ids).annotate(search_rank=order).order_by("search_rank")


def decorate(items, st):
    """Give each request its visitor-facing ``status_label`` (no query)."""
    for item in items:
        item.status_label = st.label(item.status)
        item.is_open = not item.is_closed
    return items


def request_list(visitor, st, *, status=(), area=None, app=None, sort="votes", open_only=False, limit=None):
    """Visible requests with the visitor's state, filtered and sorted, ready for ``request_item.html``.

    For lists shown outside the portal's own pages (the voting-list and roadmap blocks).
    """
    requests = visible_requests(st, visitor)
    if status:
        requests = requests.filter(status__in=list(status))
    if open_only:
        requests = requests.open()
    if area is not None:
        requests = requests.filter(area=area)
    if app is not None:
        requests = requests.filter(app=app)
    requests = sort_requests(with_visitor_state(requests, visitor), sort)
    return decorate(list(requests[:limit] if limit else requests), st)


def roadmap(visitor, st, *, limit=None):
    """``{status: [requests]}`` for Planned and Building, most votes first (P5)."""
    items = request_list(visitor, st, status=(Status.PLANNED, Status.BUILDING))
    columns = {Status.PLANNED: [], Status.BUILDING: []}
    for item in items:
        column = columns[item.status]
        if limit is None or len(column) < limit:
            column.append(item)
    return columns


# --------------------------------------------------------------------------
# The dashboard's tabs
# --------------------------------------------------------------------------


def suggested_by_others(visitor, st):
    """Open requests the visitor neither asked for nor answered yet (V3)."""
    requests = visible_requests(st, visitor).open()
    if visitor is not None:
        requests = requests.exclude(requested_by=visitor).exclude(
            Exists(Vote.objects.filter(request=OuterRef("pk"), visitor=visitor))
        )
    return with_visitor_state(requests, visitor)


def not_interested(visitor, st):
    """Open requests the visitor said "not interested" to, newest answer first."""
    answered = Vote.objects.filter(request=OuterRef("pk"), visitor=visitor, kind=VoteKind.NOT_INTERESTED)
    requests = visible_requests(st, visitor).open().filter(Exists(answered))
    return with_visitor_state(requests, visitor).order_by("-updated_at", "-pk")


def released_for(visitor, st):
    """The visitor's requests that were released, newest first (V6)."""
    requests = visible_requests(st, visitor).filter(status=Status.RELEASED).filter(_mine(visitor))
    return with_visitor_state(requests, visitor).order_by("-released_at", "-pk")


def closed_for(visitor, st):
    """The visitor's requests that were declined, newest first."""
    requests = visible_requests(st, visitor).filter(status=Status.DECLINED).filter(_mine(visitor))
    return with_visitor_state(requests, visitor).order_by("-status_changed_at", "-pk")


def priority_votes(visitor):
    """The visitor's open votes with their requests, highest share first (as the services order them)."""
    return list(
        Vote.objects.filter(visitor=visitor, kind=VoteKind.ACTIVE, request__merged_into__isnull=True)
        .exclude(request__status__in=CLOSED_STATUSES)
        .select_related("request")
        .order_by("-share", "created_at", "pk")
    )


def priorities_payload(visitor, st, *, absolute=None):
    """``{"budget", "items": [{request_id, title, url, share, status, status_label}]}`` (V4).

    The slider component's contract; ``absolute`` turns a path into a full URL.
    """
    items = []
    for vote in priority_votes(visitor) if visitor is not None else ():
        url = request_path(vote.request_id)
        items.append({
            "request_id": vote.request_id,
            "title": vote.request.title,
            "url": absolute(url) if absolute else url,
            "share": vote.share,
            "status": vote.request.status,
            "status_label": str(st.label(vote.request.status)),
        })
    return {"budget": BUDGET, "items": items}


def open_votes_count(visitor):
    return (
        Vote.objects.filter(visitor=visitor, kind=VoteKind.ACTIVE, request__merged_into__isnull=True)
        .exclude(request__status__in=CLOSED_STATUSES)
        .count()
    )


def tab_counts(visitor, st):
    """How many items each dashboard tab holds (three queries)."""
    if visitor is None:
        return {}
    return {
        "mine": open_votes_count(visitor),
        "others": suggested_by_others(visitor, st).order_by().count(),
        "released": released_for(visitor, st).order_by().count(),
    }


# --------------------------------------------------------------------------
# One request
# --------------------------------------------------------------------------


def request_for_visitor(pk, visitor, st):
    """The request with the visitor's state, or None if it does not exist or is hidden from them.

    A merged request is returned as it is (``merged_into_id`` set): callers redirect.
    """
    last_change = StatusChange.objects.filter(request=OuterRef("pk"), new_status=OuterRef("status"))
    request = (
        with_visitor_state(FeatureRequest.objects.filter(pk=pk), visitor)
        .annotate(status_note=Subquery(last_change.order_by("-created_at", "-pk").values("message")[:1]))
        .first()
    )
    if request is None:
        return None
    if request.merged_into_id is None and request.status in st.hidden:
        mine = visitor is not None and (request.requested_by_id == visitor.pk or request.my_vote == VoteKind.ACTIVE)
        if not mine:
            return None
    return request


def status_message(request, st):
    """What the team said when the request took its status (else the status's standard message)."""
    note = getattr(request, "status_note", None)
    return note if note is not None else st.message(request.status)


def public_comments(request):
    return list(
        Comment.objects.filter(request=request, visibility=Visibility.PUBLIC)
        .select_related("author_visitor", "author_user")
        .order_by("created_at", "pk")
    )


@dataclass(frozen=True)
class Author:
    kind: str  # "team", "you", "colleague" or "customer"
    name: str | None


def comment_author(comment, viewer):
    """Who wrote a comment, as ``viewer`` may know it: other accounts' visitors stay anonymous."""
    if comment.author_user_id is not None:
        user = comment.author_user
        return Author("team", (user.get_full_name() or "").strip() or None)
    author = comment.author_visitor
    if author is not None and viewer is not None:
        if author.pk == viewer.pk:
            return Author("you", viewer.name or None)
        if viewer.account_id is not None and author.account_id == viewer.account_id:
            return Author("colleague", author.name or None)
    return Author("customer", None)


# --------------------------------------------------------------------------
# Choices for the suggestion form
# --------------------------------------------------------------------------


def area_choices():
    """``[(app_name or None, [(area, label)…])…]``: product areas grouped by app (one query)."""
    groups = {}
    for area in ProductArea.objects.select_related("app").order_by("app__name", "name"):
        groups.setdefault(area.app.name if area.app_id else None, []).append(area)
    ungrouped = groups.pop(None, [])
    result = [(None, ungrouped)] if ungrouped else []
    result.extend(groups.items())
    return result
