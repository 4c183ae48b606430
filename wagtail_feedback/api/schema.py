"""The OpenAPI 3 schema of this API (drf-spectacular), at ``feedback/api/schema/``."""

from django.conf import settings
from django.urls import include, path, reverse
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.views import SpectacularAPIView


class SchemaView(SpectacularAPIView):
    authentication_classes = ()
    permission_classes = ()
    custom_settings = {  # noqa: RUF012  (drf-spectacular's attribute)
        "TITLE": "wagtail_feedback API",
        "DESCRIPTION": (
            "Customer feedback: requests, votes, priorities, comments. Authenticate with the portal's "
            "visitor session (CSRF token on writes) or `Authorization: Bearer <token>` (the widget). "
            "See docs/api.md."
        ),
        "VERSION": "1",
        "COMPONENT_SPLIT_REQUEST": True,
        "SCHEMA_PATH_PREFIX": r"/.*/api/",
        "SCHEMA_PATH_PREFIX_TRIM": False,
    }

    def get(self, request, *args, **kwargs):
        from . import urls

        # Only this API, mounted where the site mounted it.
        base = reverse("wagtail_feedback:api:me").removesuffix("me/").lstrip("/")
        api_patterns = [p for p in urls.urlpatterns if getattr(p, "name", None) != "schema"]
        self.patterns = [path(base, include(api_patterns))]
        return super().get(request, *args, **kwargs)


class BearerScheme(OpenApiAuthenticationExtension):
    target_class = "wagtail_feedback.api.authentication.BearerAuthentication"
    name = "widgetBearer"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "The token the portal page gets when it is opened in the widget (valid for SESSION_AGE).",
        }


class VisitorSessionScheme(OpenApiAuthenticationExtension):
    target_class = "wagtail_feedback.api.authentication.VisitorSessionAuthentication"
    name = "visitorSession"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "cookie",
            "name": settings.SESSION_COOKIE_NAME,
            "description": "The visitor session started by feedback/enter/; writes need the X-CSRFToken header.",
        }
