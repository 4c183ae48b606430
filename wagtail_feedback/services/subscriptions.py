"""Following a request's comments and status changes."""

from django.db import transaction

from ..models import Subscription
from .locking import lock_requests


@transaction.atomic
def subscribe(actor, request, *, visitor=None):
    subject, _by_user = actor.subject(visitor)
    (request,) = lock_requests(request)
    return Subscription.objects.get_or_create(visitor=subject, request=request)[0]


@transaction.atomic
def unsubscribe(actor, request, *, visitor=None):
    subject, _by_user = actor.subject(visitor)
    Subscription.objects.filter(visitor=subject, request=request).delete()
