"""A visitor's own settings: the language of the portal and of their emails."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .. import conf
from ..models import Visitor


@transaction.atomic
def set_language(actor, language, *, visitor=None):
    """Switch the visitor's language (one of ``WAGTAIL_FEEDBACK["LANGUAGES"]``).

    The next entry with a host token that names a language sets it again.
    """
    subject, _by_user = actor.subject(visitor)
    if language not in conf.get("LANGUAGES"):
        raise ValidationError({"language": _("This language is not available.")}, code="invalid")
    Visitor.objects.filter(pk=subject.pk).update(language=language)
    subject.language = language
    return subject
