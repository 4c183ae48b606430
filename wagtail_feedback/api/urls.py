"""``feedback/api/…`` (included by ``wagtail_feedback.urls`` under the ``api`` namespace)."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from . import schema, views

app_name = "api"

router = SimpleRouter()
router.register("requests", views.RequestViewSet, basename="request")
router.register("me/released", views.MyReleasedView, basename="me-released")

urlpatterns = [
    path("similar/", views.SimilarView.as_view(), name="similar"),
    path("me/", views.MeView.as_view(), name="me"),
    path("me/priorities/", views.MyPrioritiesView.as_view(), name="me-priorities"),
    *router.urls,
    path("schema/", schema.SchemaView.as_view(), name="schema"),
]
