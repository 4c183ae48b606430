"""Pluggable similarity backends (see docs/similarity.md).

``WAGTAIL_FEEDBACK["SIMILARITY"] = {"BACKEND": "<dotted path>", "OPTIONS": {...}}``
chooses one; :func:`get_backend` returns it. The default,
:class:`~wagtail_feedback.similarity.grams.GramBackend`, needs nothing but the
database; :class:`~wagtail_feedback.similarity.embeddings.EmbeddingBackend`
adds sentence embeddings (``pip install "wagtail-customer-feedback[embeddings]"``).
"""

import json
from functools import lru_cache

from django.utils.module_loading import import_string


def backend_config():
    """``{"BACKEND": ..., "OPTIONS": {...}}``: the site's choice over the default (a missing key keeps its default)."""
    from ..conf import DEFAULTS, feedback_settings

    configured = feedback_settings()["SIMILARITY"] or {}
    if not isinstance(configured, dict):
        raise TypeError("WAGTAIL_FEEDBACK['SIMILARITY'] must be a dict with 'BACKEND' and 'OPTIONS'.")
    return {**DEFAULTS["SIMILARITY"], **configured}


@lru_cache(maxsize=4)
def _load(backend_path, options_json):
    return import_string(backend_path)(**json.loads(options_json))


def get_backend():
    """The configured backend (one instance per configuration and process)."""
    config = backend_config()
    return _load(config["BACKEND"], json.dumps(config.get("OPTIONS") or {}, sort_keys=True))
