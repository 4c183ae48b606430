"""Read-only look-ups for the workspace pages.

Each function runs a fixed number of queries, whatever the number of votes,
visitors or comments (the pages' query-count tests hold them to it). Lists
are capped; pages say when there is more.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import chain

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.urls import NoReverseMatch, reverse

from ..models import (
    CLOSED_STATUSES,
    Comment,
    FeatureRequest,
    PriorityChange,
    Status,
    StatusChange,
    StatusSetting,
    Subscription,
    Visibility,
    Visitor,
    Vote,
    VoteKind,
)
from ..rules.priorities import BUDGET
from ..services import notify

#: Longest lists shown on a page; more is reached through the listings.
LIST_LIMIT = 100
ACTIVITY_LIMIT = 50


def status_labels():
    """``{status: label}`` with the site's renamed labels (one query)."""
    labels = {status.value: status.label for status in Status}
    labels.update({s.status: s.label for s in StatusSetting.objects.exclude(label="")})
    return labels


def with_status_labels(requests, labels):
    """Give each request a ``status_label`` (and return the list)."""
    requests = list(requests)
    for request in requests:
        request.status_label = labels.get(request.status, request.status)
        request.is_open = not request.is_closed
    return requests


def percent(share):
    return share * 100 / BUDGET


def portal_url(request_id):
    """The customer's absolute link to a request in the portal (or ``""`` if the portal is not mounted)."""
    try:
        return notify.absolute_url(reverse("wagtail_feedback:request_detail", args=[request_id]))
    except NoReverseMatch:
        return ""


def search_requests(text, *, limit=200):
    """Ids of the requests matching ``text``, best first, hidden statuses included (staff search)."""
    from ..services import similarity

    return [match.request.pk for match in similarity.search_requests(text, limit=limit, visible_only=False)]


def own_visitor(user):
    """The visitor record of a staff user, without creating one (``None`` until they first act)."""
    return Visitor.objects.filter(user=user).select_related("account").first() if user.is_authenticated else None


# The request page (C1, P1–P3)

def request_votes(request, *, limit=LIST_LIMIT):
    """Active votes first, highest priority first, with each voter's account."""
    return list(
        Vote.objects.filter(request=request)
        .select_related("visitor__account", "added_by")
        .order_by("kind", "-share", "created_at", "pk")[:limit]
    )


def request_subscribers(request, *, limit=LIST_LIMIT):
    return list(
        Subscription.objects.filter(request=request)
        .select_related("visitor__account")
        .order_by("created_at", "pk")[:limit]
    )


def request_comments(request, *, internal):
    comments = Comment.objects.filter(request=request).select_related("author_visitor__account", "author_user")
    if not internal:
        comments = comments.filter(visibility=Visibility.PUBLIC)
    return list(comments.order_by("created_at", "pk"))


# Visitors (C3) and one's own (C5)

def visitor_votes(visitor, *, limit=LIST_LIMIT):
    return list(
        Vote.objects.filter(visitor=visitor)
        .select_related("request", "added_by")
        .order_by("-created_at", "-pk")[:limit]
    )


def priority_items(votes):
    """The priority-sliders JSON items for open votes, highest share first."""
    return [
        {
            "request_id": vote.request_id,
            "title": vote.request.title,
            "share": vote.share,
            "url": admin_request_url(vote.request_id),
        }
        for vote in votes
    ]


def admin_request_url(request_id):
    return reverse("wagtail_feedback_requests:inspect", args=[request_id])


def released_for(visitor_ids, *, limit=LIST_LIMIT):
    """Released requests any of these visitors voted for, newest release first."""
    wanted = Vote.objects.filter(request=OuterRef("pk"), visitor_id__in=visitor_ids, kind=VoteKind.ACTIVE)
    return list(
        FeatureRequest.objects.filter(Exists(wanted), status=Status.RELEASED, merged_into__isnull=True)
        .select_related("area", "app")
        .order_by("-released_at", "-pk")[:limit]
    )


def wanted_by(requests, visitor_ids):
    """``{request_id: [visitor, …]}``: who among ``visitor_ids`` voted for each request (one query)."""
    result = {r.pk: [] for r in requests}
    votes = (
        Vote.objects.filter(request_id__in=list(result), visitor_id__in=visitor_ids, kind=VoteKind.ACTIVE)
        .select_related("visitor").order_by("visitor__name", "pk")
    )
    for vote in votes:
        result[vote.request_id].append(vote.visitor)
    return result


@dataclass
class Event:
    """One line of an activity feed."""

    at: datetime
    kind: str
    request: FeatureRequest
    visitor: Visitor | None = None
    user: object = None
    detail: object = None


#: Priority changes closer together than this, by the same person for the same
#: reason, are one "priorities changed" line (a slider drag saves many times).
PRIORITY_BURST = timedelta(minutes=10)


@dataclass
class ShareMove:
    request: FeatureRequest
    old_percent: float
    new_percent: float


def priority_bursts(changes):
    """Group history rows (newest first) into bursts; each burst lists every request's first and last share."""
    bursts = []
    for change in changes:
        burst = bursts[-1] if bursts else None
        if (burst is None or burst["user_id"] != change.changed_by_user_id or burst["reason"] != change.reason
                or burst["oldest"] - change.created_at > PRIORITY_BURST):
            burst = {"user_id": change.changed_by_user_id, "reason": change.reason, "first": change, "moves": {}}
            bursts.append(burst)
        burst["oldest"] = change.created_at
        move = burst["moves"].get(change.request_id)
        if move is None:
            burst["moves"][change.request_id] = ShareMove(change.request, percent(change.old_share),
                                                          percent(change.new_share))
        else:
            move.old_percent = percent(change.old_share)
    return [
        (burst["first"], [m for m in burst["moves"].values() if round(m.old_percent) != round(m.new_percent)])
        for burst in bursts
    ]


def visitor_activity(visitor, *, limit=ACTIVITY_LIMIT):
    """Votes, comments and priority changes of one visitor, newest first (three queries)."""
    votes = (
        Vote.objects.filter(visitor=visitor)
        .select_related("request", "added_by")
        .order_by("-created_at", "-pk")[:limit]
    )
    comments = (
        Comment.objects.filter(author_visitor=visitor).select_related("request").order_by("-created_at", "-pk")[:limit]
    )
    changes = (
        PriorityChange.objects.filter(visitor=visitor)
        .select_related("request", "changed_by_user").order_by("-created_at", "-pk")[:limit * 4]
    )
    events = chain(
        (Event(v.created_at, "vote" if v.kind == VoteKind.ACTIVE else "not_interested", v.request, visitor, v.added_by)
         for v in votes),
        (Event(c.created_at, "comment", c.request, visitor, None, c) for c in comments),
        (Event(first.created_at, "priorities", first.request, visitor, first.changed_by_user,
               {"reason": first.get_reason_display(), "moves": moves})
         for first, moves in priority_bursts(changes) if moves),
    )
    return sorted(events, key=lambda e: e.at, reverse=True)[:limit]


# Accounts (C4)

@dataclass
class CombinedPriority:
    request: FeatureRequest
    total: int
    voters: int
    percent: float
    votes: list


def account_priorities(account, *, limit=LIST_LIMIT):
    """The account's visitors' open votes added up per request, highest first (four queries).

    ``percent`` is the request's share of the whole account's budget: every
    visitor with an open vote brings 10,000 points.
    """
    open_votes = Vote.objects.filter(
        visitor__account=account, kind=VoteKind.ACTIVE, request__merged_into__isnull=True
    ).exclude(request__status__in=CLOSED_STATUSES)
    people = open_votes.values("visitor").distinct().count()
    rows = list(
        open_votes.order_by().values("request_id")
        .annotate(total=Sum("share"), voters=Count("visitor", distinct=True))
        .order_by("-total", "-voters", "request_id")[:limit]
    )
    ids = [row["request_id"] for row in rows]
    requests = FeatureRequest.objects.select_related("area").in_bulk(ids)
    by_request = {rid: [] for rid in ids}
    shares = open_votes.filter(request_id__in=ids).select_related("visitor").order_by("-share", "visitor__name", "pk")
    for vote in shares:
        by_request[vote.request_id].append(vote)
    budget = people * BUDGET or 1
    return [
        CombinedPriority(requests[row["request_id"]], row["total"], row["voters"], row["total"] * 100 / budget,
                         by_request[row["request_id"]])
        for row in rows
    ]


def account_visitors(account, *, limit=LIST_LIMIT):
    """The account's visitors with how many open votes each has."""
    open_vote = Q(votes__kind=VoteKind.ACTIVE, votes__request__merged_into__isnull=True) & ~Q(
        votes__request__status__in=CLOSED_STATUSES
    )
    return list(
        account.visitors.annotate(open_votes=Count("votes", filter=open_vote))
        .order_by("name", "pk")[:limit]
    )


# The dashboard panel

def relevant_request_ids(user, visitor):
    """Requests a staff member is involved in: entered, voted or followed, or added someone to."""
    involved = Q(created_by_user=user) | Q(votes__added_by=user)
    if visitor is not None:
        involved |= Q(votes__visitor=visitor) | Q(subscriptions__visitor=visitor)
    return FeatureRequest.objects.filter(involved).values("pk")


def feedback_activity(user, *, everything=False, internal=False, limit=10):
    """Recent votes, comments and status changes on the user's requests (or all, for product staff)."""
    visitor = own_visitor(user)
    labels = status_labels()
    scope = Q() if everything else Q(request__in=relevant_request_ids(user, visitor))
    votes = Vote.objects.filter(scope, kind=VoteKind.ACTIVE).select_related("request", "visitor__account", "added_by")
    comments = Comment.objects.filter(scope).select_related("request", "author_visitor", "author_user")
    if not internal:
        comments = comments.filter(visibility=Visibility.PUBLIC)
    changes = StatusChange.objects.filter(scope).select_related("request", "changed_by")
    if visitor is not None:
        votes = votes.exclude(visitor=visitor)
        comments = comments.exclude(author_visitor=visitor)
    comments = comments.exclude(author_user=user)
    changes = changes.exclude(changed_by=user)
    changes = list(changes.order_by("-created_at", "-pk")[:limit])
    for change in changes:
        change.status_label = labels.get(change.new_status, change.new_status)
    events = chain(
        (Event(v.created_at, "vote", v.request, v.visitor, v.added_by)
         for v in votes.order_by("-created_at", "-pk")[:limit]),
        (Event(c.created_at, "comment", c.request, c.author_visitor, c.author_user, c)
         for c in comments.order_by("-created_at", "-pk")[:limit]),
        (Event(s.created_at, "status", s.request, None, s.changed_by, s) for s in changes),
    )
    return sorted(events, key=lambda e: e.at, reverse=True)[:limit]


def not_reviewed_count():
    return FeatureRequest.objects.filter(status=Status.NOT_REVIEWED, merged_into__isnull=True).count()

