"""Public and internal comments (journeys V5, P3)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Comment, NotificationEvent, Visibility
from ..rules.markdown import render_markdown
from . import notify
from .locking import lock_requests
from .validation import clean_text


def _is_staff(actor):
    return actor.user is not None and actor.user.has_perm("wagtailadmin.access_admin")


@transaction.atomic
def add_comment(actor, request, body, *, internal=False):
    """Comment on a request; public comments notify its subscribers."""
    if internal:
        actor.require("add_internal_comment")
    elif not _is_staff(actor) and actor.visitor is None:
        raise PermissionDenied(_("Please identify yourself first."))
    body = clean_text(body, field="body", max_setting="MAX_COMMENT_LENGTH")
    (request,) = lock_requests(request)
    if request.merged_into_id:
        request = request.merged_into
    staff = _is_staff(actor)
    comment = Comment.objects.create(
        request=request,
        body=body,
        body_html=render_markdown(body),
        visibility=Visibility.INTERNAL if internal else Visibility.PUBLIC,
        author_user=actor.user if staff or internal else None,
        author_visitor=None if staff or internal else actor.visitor,
    )
    if not internal:
        author = {actor.visitor.pk} if actor.visitor is not None else set()
        notify.record(
            NotificationEvent.COMMENT,
            request=request,
            event_id=comment.pk,
            recipients=notify.subscribers(request, exclude=author),
            payload={"comment_id": comment.pk},
        )
    return comment
