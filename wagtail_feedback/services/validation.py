"""Input checks shared by the services: clear messages, nothing written."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..conf import get


def field_error(field, message, code):
    """A ``ValidationError`` for one field that keeps its code (``error_dict[field][0].code``)."""
    return ValidationError({field: ValidationError(message, code=code)})


def clean_text(value, *, field, max_setting, required=True):
    text = (value or "").strip()
    limit = get(max_setting)
    if required and not text:
        raise field_error(field, _("This field cannot be empty."), "required")
    if len(text) > limit:
        message = ngettext(
            "Please use at most %(limit)d character (this has %(count)d).",
            "Please use at most %(limit)d characters (this has %(count)d).",
            limit,
        ) % {"limit": limit, "count": len(text)}
        raise field_error(field, message, "max_length")
    return text
