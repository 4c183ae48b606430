"""Voting, un-voting, "not interested", and adding a visitor to a request."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from ..models import FeatureRequest, NotificationEvent, PriorityReason, Subscription, Vote, VoteKind
from ..rules import priorities
from . import notify
from .locking import lock_open_request, lock_requests, lock_visitors
from .shares import open_votes, write_shares


def _bump(request_id, **deltas):
    FeatureRequest.objects.filter(pk=request_id).update(
        **{field: F(field) + delta for field, delta in deltas.items()}
    )


def cast_vote(visitor, request, *, by_user=None):
    """Give ``visitor`` an active vote on ``request`` (already locked and open).

    Returns ``(vote, created)``. Caller holds the transaction.
    """
    lock_visitors([visitor.pk])
    vote = Vote.objects.filter(visitor=visitor, request=request).first()
    if vote is not None and vote.kind == VoteKind.ACTIVE:
        return vote, False
    current = open_votes([visitor.pk]).get(visitor.pk, {})
    new_shares = priorities.add_vote({rid: v.share for rid, v in current.items()}, request.pk)
    share = new_shares.pop(request.pk)
    if vote is None:
        vote = Vote.objects.create(visitor=visitor, request=request, share=share, added_by=by_user)
        _bump(request.pk, vote_count=1)
    else:
        vote.kind, vote.share, vote.added_by = VoteKind.ACTIVE, share, by_user
        vote.save(update_fields=["kind", "share", "added_by", "updated_at"])
        _bump(request.pk, vote_count=1, not_interested_count=-1)
    write_shares(
        [(current[rid], s) for rid, s in new_shares.items()],
        reason=PriorityReason.VOTE,
        by_user=by_user,
        extra_changes=[(visitor.pk, request.pk, 0, share)],
    )
    Subscription.objects.get_or_create(visitor=visitor, request=request)
    return vote, True


def _withdraw(vote, *, by_user, reason, request_is_open):
    """Hand an active vote's share back to the visitor's other open votes."""
    if not request_is_open:
        return
    current = open_votes([vote.visitor_id]).get(vote.visitor_id, {})
    shares = {rid: v.share for rid, v in current.items()}
    if vote.request_id not in shares:
        return
    new_shares = priorities.remove_vote(shares, vote.request_id)
    write_shares(
        [(current[rid], s) for rid, s in new_shares.items()],
        reason=reason,
        by_user=by_user,
        extra_changes=[(vote.visitor_id, vote.request_id, vote.share, 0)],
    )


@transaction.atomic
def vote(actor, request, *, visitor=None):
    """Vote for ``request`` as the actor (or, for staff, as ``visitor``)."""
    subject, by_user = actor.subject(visitor)
    request = lock_open_request(request)
    return cast_vote(subject, request, by_user=by_user)[0]


@transaction.atomic
def unvote(actor, request, *, visitor=None):
    """Remove the actor's vote or "not interested" mark; idempotent."""
    subject, by_user = actor.subject(visitor)
    (request,) = lock_requests(request)
    lock_visitors([subject.pk])
    existing = Vote.objects.filter(visitor=subject, request=request).first()
    if existing is None:
        return
    if existing.kind == VoteKind.ACTIVE:
        _withdraw(existing, by_user=by_user, reason=PriorityReason.UNVOTE, request_is_open=not request.is_closed)
        _bump(request.pk, vote_count=-1)
    else:
        _bump(request.pk, not_interested_count=-1)
    existing.delete()


@transaction.atomic
def mark_not_interested(actor, request, *, visitor=None):
    """Say "not interested": holds no share and stops notifications about it."""
    subject, by_user = actor.subject(visitor)
    request = lock_open_request(request)
    lock_visitors([subject.pk])
    existing = Vote.objects.filter(visitor=subject, request=request).first()
    if existing is not None and existing.kind == VoteKind.NOT_INTERESTED:
        return existing
    if existing is None:
        existing = Vote.objects.create(visitor=subject, request=request, kind=VoteKind.NOT_INTERESTED,
                                       share=0, added_by=by_user)
        _bump(request.pk, not_interested_count=1)
    else:
        _withdraw(existing, by_user=by_user, reason=PriorityReason.NOT_INTERESTED, request_is_open=True)
        existing.kind, existing.share, existing.added_by = VoteKind.NOT_INTERESTED, 0, by_user
        existing.save(update_fields=["kind", "share", "added_by", "updated_at"])
        _bump(request.pk, vote_count=-1, not_interested_count=1)
    Subscription.objects.filter(visitor=subject, request=request).delete()
    return existing


@transaction.atomic
def add_visitor_to_request(actor, request, visitor):
    """Staff record that ``visitor`` wants ``request`` (journey C1).

    The visitor gets a vote and a subscription and is told by email.
    """
    actor.require("act_on_behalf")
    request = lock_open_request(request)
    vote, created = cast_vote(visitor, request, by_user=actor.user)
    if not created:
        raise ValidationError(
            _("%(name)s has already voted for this request.") % {"name": visitor}, code="already_voted"
        )
    notify.record(
        NotificationEvent.ADDED,
        request=request,
        # A visitor can be added, drop out and be added again: each time is an event.
        event_id=f"{vote.pk}.{vote.updated_at:%Y%m%d%H%M%S%f}",
        recipients=[visitor.pk],
        payload={"added_by": actor.user.get_full_name() or actor.user.get_username()},
    )
    return vote
