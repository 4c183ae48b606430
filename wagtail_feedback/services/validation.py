"""Input checks shared by the services: clear messages, nothing written."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..conf import get


def clean_text(value, *, field, max_setting, required=True):
    text = (value or "").strip()
    limit = get(max_setting)
    if required and not text:
        raise ValidationError({field: _("This field cannot be empty.")}, code="required")
    if len(text) > limit:
        raise ValidationError(
            {
                field: ngettext(
                    "Please use at most %(limit)d character (this has %(count)d).",
                    "Please use at most %(limit)d characters (this has %(count)d).",
                    limit,
                )
                % {"limit": limit, "count": len(text)}
            },
            code="max_length",
        )
    return text
