"""The ``WAGTAIL_FEEDBACK`` settings dict, with its documented defaults.

Read settings through :func:`feedback_settings` so tests that override
``WAGTAIL_FEEDBACK`` see their values at once.
"""

from django.conf import settings

DEFAULTS = {
    # Audience ("aud") the host product must put in its tokens.
    "TOKEN_AUDIENCE": "wagtail-feedback",
    # Longest lifetime (exp - iat, seconds) a host token may declare.
    "TOKEN_MAX_LIFETIME": 3600,
    # Clock skew tolerated between host product and site, seconds.
    "TOKEN_LEEWAY": 30,
    # How long a visitor session lasts after entering with a token, seconds.
    "SESSION_AGE": 60 * 60 * 24 * 14,
    # Languages visitors can use; the first is the fallback.
    "LANGUAGES": ["en", "ja"],
    # Ask visitors to choose an app / product area when suggesting.
    "ASK_PRODUCT_AREA": True,
    # Longest texts accepted.
    "MAX_TITLE_LENGTH": 200,
    "MAX_DESCRIPTION_LENGTH": 10_000,
    "MAX_COMMENT_LENGTH": 5_000,
    # Notification delivery: attempts before giving up, and the first back-off
    # delay in seconds (doubled at every failed attempt).
    "DELIVERY_MAX_ATTEMPTS": 6,
    "DELIVERY_BACKOFF": 60,
    # Sender of notification emails; falls back to DEFAULT_FROM_EMAIL.
    "FROM_EMAIL": None,
    # Origins allowed to frame the portal (the widget), e.g. ["https://app.example.com"].
    "FRAME_ANCESTORS": [],
    # How existing requests are found for a typed text (docs/similarity.md):
    # a backend class and its options. The default needs nothing but the database.
    "SIMILARITY": {"BACKEND": "wagtail_feedback.similarity.grams.GramBackend", "OPTIONS": {}},
}


def feedback_settings():
    """Return the effective settings: defaults overlaid with the site's dict."""
    merged = dict(DEFAULTS)
    merged.update(getattr(settings, "WAGTAIL_FEEDBACK", {}) or {})
    return merged


def get(name):
    return feedback_settings()[name]
