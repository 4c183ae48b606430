from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..rules.similarity import synonym_terms

MAX_TERMS = 20
MAX_TERM_LENGTH = 50


class SynonymSet(models.Model):
    """Words that mean the same to people looking for a request, in any language.

    Applied when a query is matched, so editing a set takes effect at once,
    without re-indexing.
    """

    terms = models.TextField(
        _("equivalent terms"),
        help_text=_(
            "One term per line (or separated by commas): words or short phrases that mean the same, "
            "in any language. For example: エクスポート, export, 書き出し."
        ),
    )

    class Meta:
        verbose_name = _("synonym set")
        verbose_name_plural = _("synonym sets")
        ordering = ["pk"]

    def __str__(self):
        return " = ".join(self.term_list)

    @property
    def term_list(self):
        return synonym_terms(self.terms)

    def clean(self):
        terms = self.term_list
        if len(terms) < 2:
            raise ValidationError({"terms": ValidationError(_("Enter at least two different terms."), code="too_few")})
        if len(terms) > MAX_TERMS:
            raise ValidationError({"terms": ValidationError(
                _("Enter at most %(max)d terms; split them into several sets.") % {"max": MAX_TERMS}, code="too_many",
            )})
        long = [t for t in terms if len(t) > MAX_TERM_LENGTH]
        if long:
            raise ValidationError({"terms": ValidationError(
                _("Terms must be at most %(max)d characters long: %(terms)s")
                % {"max": MAX_TERM_LENGTH, "terms": ", ".join(long)},
                code="too_long",
            )})
        self.terms = "\n".join(terms)
