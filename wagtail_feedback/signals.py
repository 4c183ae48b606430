"""Receivers that keep the similarity index in step with requests.

Connected from :meth:`WagtailFeedbackConfig.ready`. Suggesting and editing go
through ``save()``/``create()``, so the index changes in the same transaction.
Merging and closing save only ``merged_into``/``status``: the index itself is
untouched because searches filter on those fields. Deleting a request deletes
its index rows (foreign keys cascade). ``bulk_create`` and ``update()`` send no
signals: run ``manage.py feedback_rebuild_index`` after bulk loads.
"""

from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import FeatureRequest
from .similarity import checks  # noqa: F401  (registers the backend check)
from .similarity import get_backend

#: Fields whose change means the request must be indexed again.
INDEXED_FIELDS = frozenset({"title", "description"})


@receiver(post_save, sender=FeatureRequest, dispatch_uid="wagtail_feedback.similarity.index")
def index_request(sender, instance, created, raw=False, update_fields=None, **kwargs):
    if raw or (update_fields is not None and not INDEXED_FIELDS & set(update_fields)):
        return
    get_backend().index([instance], fresh=created)
