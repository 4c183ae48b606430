"""Persisting priority shares: load open votes, apply a pure rule, write the difference.

Internal to the services. Writes in a constant number of queries whatever the
number of votes: one read, one bulk update, one bulk insert of history.
"""

from collections import defaultdict

from django.utils import timezone

from ..models import CLOSED_STATUSES, PriorityChange, Visitor, Vote, VoteKind


def lock_visitors(visitor_ids):
    """Serialise every budget change of these visitors until the transaction ends.

    On PostgreSQL this takes row locks (in id order, so two transactions never
    deadlock); on SQLite the IMMEDIATE transaction already holds the write lock.
    """
    ids = sorted(set(visitor_ids))
    if ids:
        list(Visitor.objects.select_for_update(no_key=True).filter(pk__in=ids).order_by("pk").values_list("pk", flat=True))


def open_votes(visitor_ids):
    """``{visitor_id: {request_id: Vote}}`` of active votes on open requests, oldest first."""
    votes = (
        Vote.objects.filter(visitor_id__in=visitor_ids, kind=VoteKind.ACTIVE, request__merged_into__isnull=True)
        .exclude(request__status__in=CLOSED_STATUSES)
        .order_by("created_at", "pk")
    )
    by_visitor = defaultdict(dict)
    for vote in votes:
        by_visitor[vote.visitor_id][vote.request_id] = vote
    return by_visitor


def write_shares(updates, *, reason, by_user=None, extra_changes=()):
    """Save new shares and one history row per changed share.

    ``updates`` is an iterable of ``(vote, new_share)``; ``extra_changes`` are
    history rows for votes whose share changed by other means (created,
    deleted), given as ``(visitor_id, request_id, old, new)``.
    """
    now = timezone.now()
    changed = []
    history = [
        PriorityChange(visitor_id=v, request_id=r, old_share=old, new_share=new, reason=reason,
                       changed_by_user=by_user)
        for v, r, old, new in extra_changes
        if old != new
    ]
    for vote, new_share in updates:
        if vote.share == new_share:
            continue
        history.append(
            PriorityChange(visitor_id=vote.visitor_id, request_id=vote.request_id, old_share=vote.share,
                           new_share=new_share, reason=reason, changed_by_user=by_user)
        )
        vote.share = new_share
        vote.updated_at = now
        changed.append(vote)
    if changed:
        Vote.objects.bulk_update(changed, ["share", "updated_at"])
    if history:
        PriorityChange.objects.bulk_create(history)
    return changed
