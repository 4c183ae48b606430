"""Everything public under one include: ``path("feedback/", include("wagtail_feedback.urls"))``."""

from django.urls import path

from .views import entry, portal

app_name = "wagtail_feedback"

urlpatterns = [
    path("", portal.home, name="home"),
    path("enter/", entry.enter, name="enter"),
    path("requests/<int:pk>/", portal.request_detail, name="request_detail"),
    path("unsubscribe/<str:token>/", portal.unsubscribe, name="unsubscribe"),
]
