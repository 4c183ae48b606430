"""The similarity index, kept in the database so every app process sees the same one.

Rows are written by the index receivers (:mod:`wagtail_feedback.signals`) when a
request's text changes and by ``manage.py feedback_rebuild_index``; nothing
else writes them.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

#: The gram of the one row per request whose weight is the number of grams in its title.
TITLE_SIZE_GRAM = ""


class RequestGram(models.Model):
    """An inverted-index posting: this gram occurs in this request, with this weight."""

    pk = models.CompositePrimaryKey("request", "gram")
    request = models.ForeignKey(
        "wagtail_feedback.FeatureRequest", on_delete=models.CASCADE, related_name="+", db_index=False,
    )
    gram = models.CharField(max_length=8, blank=True)
    weight = models.PositiveSmallIntegerField()

    class Meta:
        verbose_name = _("similarity index gram")
        verbose_name_plural = _("similarity index grams")
        indexes = [models.Index(fields=["gram", "request", "weight"], name="wf_gram_lookup")]


class RequestEmbedding(models.Model):
    """A request's sentence embedding, for the embedding backend."""

    request = models.OneToOneField(
        "wagtail_feedback.FeatureRequest", on_delete=models.CASCADE, primary_key=True, related_name="+",
    )
    model = models.CharField(max_length=200)
    # float32, little-endian, unit length
    vector = models.BinaryField()
    # sha1 of the text embedded, so unchanged text is not embedded again
    text_hash = models.CharField(max_length=40)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("similarity embedding")
        verbose_name_plural = _("similarity embeddings")
        indexes = [models.Index(fields=["model", "updated_at"], name="wf_embedding_model")]
