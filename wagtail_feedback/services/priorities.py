"""Setting priorities (journeys V4, C3)."""

from django.db import transaction
from django.utils.translation import gettext as _

from ..models import PriorityReason
from ..rules import priorities
from ..rules.priorities import BUDGET
from .validation import field_error
from .shares import lock_visitors, open_votes, write_shares


def current_priorities(visitor):
    """The visitor's open votes, highest share first."""
    votes = open_votes([visitor.pk]).get(visitor.pk, {}).values()
    return sorted(votes, key=lambda v: (-v.share, v.created_at, v.pk))


@transaction.atomic
def set_priority(actor, request, share, *, visitor=None):
    """Give ``request`` ``share`` of the visitor's budget; the rest rebalance.

    Returns the visitor's whole rebalanced list (highest first).
    """
    subject, by_user = actor.subject(visitor)
    if isinstance(share, bool) or not isinstance(share, int) or not 0 <= share <= BUDGET:
        raise field_error("share", _("Priority must be a whole number from 0 to %(budget)d.") % {"budget": BUDGET},
                          "invalid")
    lock_visitors([subject.pk])
    current = open_votes([subject.pk]).get(subject.pk, {})
    request_id = getattr(request, "pk", request)
    if request_id not in current:
        raise field_error("request", _("Only open requests you voted for can be prioritised."), "not_voted")
    new = priorities.set_share({rid: v.share for rid, v in current.items()}, request_id, share)
    write_shares([(current[rid], s) for rid, s in new.items()], reason=PriorityReason.SET, by_user=by_user)
    return sorted(current.values(), key=lambda v: (-v.share, v.created_at, v.pk))
