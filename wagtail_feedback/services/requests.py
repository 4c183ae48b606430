"""Suggesting and editing feature requests."""

from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Effort, FeatureRequest, Subscription
from ..rules.markdown import render_markdown
from .locking import lock_requests
from .validation import clean_text, field_error
from .votes import cast_vote


def _clean_catalog(app, area):
    if area is not None and area.app_id is not None:
        if app is not None and app.pk != area.app_id:
            raise field_error("area", _("This product area belongs to another app."), "invalid")
        app = area.app
    return app, area


@transaction.atomic
def suggest(actor, *, title, description="", app=None, area=None, tags=(), on_behalf_of=None,
            staff_vote=False, staff_subscribe=False):
    """Create a request for the actor or, for staff, on ``on_behalf_of``'s behalf.

    The person it is for gets a vote and a subscription. Staff typing it in can
    add their own vote (``staff_vote``) or just follow it (``staff_subscribe``).
    """
    subject, by_user = actor.subject(on_behalf_of)
    title = clean_text(title, field="title", max_setting="MAX_TITLE_LENGTH")
    description = clean_text(description, field="description", max_setting="MAX_DESCRIPTION_LENGTH", required=False)
    app, area = _clean_catalog(app, area)
    request = FeatureRequest.objects.create(
        title=title,
        description=description,
        description_html=render_markdown(description),
        app=app,
        area=area,
        requested_by=subject,
        created_by_user=actor.user,
    )
    if tags:
        request.tags.set(tags)
    cast_vote(subject, request, by_user=by_user)
    if by_user is not None and actor.visitor is not None:
        if staff_vote:
            cast_vote(actor.visitor, request)
        elif staff_subscribe:
            Subscription.objects.get_or_create(visitor=actor.visitor, request=request)
    return request


EDITABLE_FIELDS = {"title", "description", "app", "area", "effort"}


@transaction.atomic
def edit_request(actor, request, *, tags=None, **changes):
    """Product staff edit a request's text and classification."""
    actor.require("change_featurerequest")
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    (request,) = lock_requests(request)
    if "title" in changes:
        changes["title"] = clean_text(changes["title"], field="title", max_setting="MAX_TITLE_LENGTH")
    if "description" in changes:
        changes["description"] = clean_text(
            changes["description"], field="description", max_setting="MAX_DESCRIPTION_LENGTH", required=False
        )
        changes["description_html"] = render_markdown(changes["description"])
    if "effort" in changes and changes["effort"] not in (None, *Effort.values):
        raise field_error("effort", _("Choose one of the effort sizes."), "invalid")
    if "app" in changes or "area" in changes:
        changes["app"], changes["area"] = _clean_catalog(
            changes.get("app", request.app), changes.get("area", request.area)
        )
    for field, value in changes.items():
        setattr(request, field, value)
    request.save()
    if tags is not None:
        request.tags.set(tags)
    return request
