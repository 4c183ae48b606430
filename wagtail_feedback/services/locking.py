"""Row locks taken in one global order — requests, then visitors, each by id —
so two services can never deadlock each other on PostgreSQL. On SQLite the
IMMEDIATE transaction already serialises writers and these are plain reads.

The locks are ``FOR NO KEY UPDATE``: inserting a history row or vote that
points at a request takes ``FOR KEY SHARE`` on it, which a plain
``FOR UPDATE`` would block — and two voters would deadlock on each other's
requests.
"""

from django.core.exceptions import ValidationError
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from ..models import FeatureRequest, Vote, VoteKind
from .shares import lock_visitors  # noqa: F401  (re-exported: one place to import locks from)


def lock_requests(*requests):
    """Lock and re-read the given requests; returns fresh objects in the order given."""
    ids = [r.pk if isinstance(r, FeatureRequest) else r for r in requests]
    rows = {r.pk: r for r in FeatureRequest.objects.select_for_update(no_key=True).filter(pk__in=ids).order_by("pk")}
    missing = [i for i in ids if i not in rows]
    if missing:
        raise ValidationError(_("This request no longer exists."), code="not_found")
    return [rows[i] for i in ids]


def lock_open_request(request):
    """Lock a request that must still be open to votes."""
    (fresh,) = lock_requests(request)
    if fresh.merged_into_id:
        raise ValidationError(
            _("This request was merged into “%(title)s”.") % {"title": fresh.merged_into.title},
            code="merged",
        )
    if fresh.is_closed:
        raise ValidationError(_("This request is closed: it was released or declined."), code="closed")
    return fresh


def recount_votes(*request_ids):
    """Set the vote counters of requests from the votes themselves (one query)."""
    def count(kind):
        return Coalesce(
            Subquery(
                Vote.objects.filter(request=OuterRef("pk"), kind=kind)
                .order_by().values("request").annotate(n=Count("pk")).values("n")
            ),
            0,
        )

    FeatureRequest.objects.filter(Q(pk__in=request_ids)).update(
        vote_count=count(VoteKind.ACTIVE), not_interested_count=count(VoteKind.NOT_INTERESTED)
    )
