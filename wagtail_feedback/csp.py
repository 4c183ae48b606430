"""Security headers of the portal and widget pages.

Every portal response carries a Content-Security-Policy that allows scripts
and styles from the site's static files only (no inline script, no inline
style, no ``eval``) and lets only ``'self'`` and the origins listed in
``WAGTAIL_FEEDBACK["FRAME_ANCESTORS"]`` show the page in a frame.

The headers are set by the :func:`portal_headers` view decorator, so the site
needs no extra middleware; a site-wide policy (Django's
``ContentSecurityPolicyMiddleware``) leaves a response that already has one
alone. ``X-Frame-Options`` cannot name several origins: it is left out when
other origins may frame the portal (``frame-ancestors`` rules in every current
browser) and set to ``SAMEORIGIN`` otherwise.
"""

from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.csp import CSP, build_policy

from . import conf


def _origin(url):
    parts = urlsplit(url or "")
    if parts.scheme in ("http", "https") and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return None


def frame_ancestors():
    """``'self'`` and the configured origins (normalised, without paths)."""
    origins = [CSP.SELF]
    for value in conf.get("FRAME_ANCESTORS") or ():
        origin = _origin(value) or (value if value.startswith(("https:", "http:")) else None)
        if origin and origin not in origins:
            origins.append(origin)
    return origins


def policy():
    """The policy as a ``{directive: [sources]}`` dict (Django's ``SECURE_CSP`` format)."""
    static = [CSP.SELF]
    static_origin = _origin(settings.STATIC_URL)
    if static_origin:
        static.append(static_origin)
    return {
        "default-src": [CSP.SELF],
        "script-src": static,
        "style-src": static,
        "img-src": [CSP.SELF, "data:"],
        "font-src": static,
        "connect-src": [CSP.SELF],
        "form-action": [CSP.SELF],
        "frame-src": [CSP.NONE],
        "object-src": [CSP.NONE],
        "base-uri": [CSP.NONE],
        "frame-ancestors": frame_ancestors(),
    }


def add_portal_headers(response):
    response.headers[str(CSP.HEADER_ENFORCE)] = build_policy(policy())
    if len(frame_ancestors()) > 1:
        response.xframe_options_exempt = True
        if response.headers.get("X-Frame-Options", "").upper() in ("DENY", "SAMEORIGIN"):
            del response.headers["X-Frame-Options"]
    else:
        response.headers["X-Frame-Options"] = "SAMEORIGIN"
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    # The widget's first page has the host token in its address: never pass it on.
    response.headers["Referrer-Policy"] = "same-origin"
    return response


def portal_headers(view):
    """Decorate a portal view: its responses carry the portal's CSP and framing rules."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return add_portal_headers(view(request, *args, **kwargs))

    return wrapped
