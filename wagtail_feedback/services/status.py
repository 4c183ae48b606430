"""Moving requests through their statuses (journey P1).

Closing a request (Released / Declined) hands every voter's share back to
their other open votes; reopening gives each voter an equal new share.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    CLOSED_STATUSES, NotificationEvent, PriorityReason, Status, StatusChange, StatusSetting, Vote, VoteKind,
)
from ..rules import priorities
from . import notify
from .locking import lock_requests
from .validation import field_error
from .shares import lock_visitors, open_votes, write_shares


@transaction.atomic
def change_status(actor, request, status, *, message=None):
    actor.require("change_status")
    if status not in Status.values:
        raise field_error("status", _("Unknown status."), "invalid")
    (request,) = lock_requests(request)
    if request.merged_into_id:
        raise ValidationError(_("A merged request has no status of its own."), code="merged")
    old = request.status
    if old == status:
        return None
    setting = StatusSetting.objects.filter(status=status).first()
    if message is None:
        message = setting.message if setting else ""

    voter_ids = list(
        Vote.objects.filter(request=request, kind=VoteKind.ACTIVE).values_list("visitor_id", flat=True)
    )
    lock_visitors(voter_ids)
    now = timezone.now()
    request.status = status
    request.status_changed_at = now
    request.released_at = now if status == Status.RELEASED else None
    request.save(update_fields=["status", "status_changed_at", "released_at", "updated_at"])

    was_closed, is_closed = old in CLOSED_STATUSES, status in CLOSED_STATUSES
    if is_closed and not was_closed:
        _close(request, voter_ids, actor.user)
    elif was_closed and not is_closed:
        _reopen(request, voter_ids, actor.user)

    change = StatusChange.objects.create(
        request=request, old_status=old, new_status=status, message=message, changed_by=actor.user
    )
    if setting is None or setting.visible_to_visitors:
        notify.record(
            NotificationEvent.RELEASED if status == Status.RELEASED else NotificationEvent.STATUS,
            request=request,
            event_id=change.pk,
            recipients=notify.subscribers(request),
            payload={"old_status": old, "new_status": status, "message": message},
        )
    return change


def _close(request, voter_ids, user):
    """The request has just left everyone's open set: return its shares."""
    closing = list(Vote.objects.filter(request=request, kind=VoteKind.ACTIVE).exclude(share=0))
    if closing:
        Vote.objects.filter(pk__in=[v.pk for v in closing]).update(share=0)
    updates = []
    for votes in open_votes(voter_ids).values():
        new = priorities.normalise({rid: v.share for rid, v in votes.items()})
        updates.extend((votes[rid], share) for rid, share in new.items())
    write_shares(
        updates, reason=PriorityReason.CLOSED, by_user=user,
        extra_changes=[(v.visitor_id, request.pk, v.share, 0) for v in closing],
    )


def _reopen(request, voter_ids, user):
    """The request is open again: each voter's vote takes an equal new share."""
    updates = []
    for votes in open_votes(voter_ids).values():
        shares = {rid: v.share for rid, v in votes.items() if rid != request.pk}
        new = priorities.add_vote(shares, request.pk)
        updates.extend((votes[rid], share) for rid, share in new.items())
    write_shares(updates, reason=PriorityReason.REOPENED, by_user=user)
