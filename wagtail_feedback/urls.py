"""Everything public under one include: ``path("feedback/", include("wagtail_feedback.urls"))``.

Portal pages, the JSON API (``api/``) and the widget's entry (``widget/``).
"""

from django.urls import include, path

from .views import entry, portal, widget

app_name = "wagtail_feedback"

urlpatterns = [
    path("", portal.home, name="home"),
    path("others/", portal.others, name="others"),
    path("released/", portal.released, name="released"),
    path("search/", portal.search, name="search"),
    path("language/", portal.language, name="language"),
    path("enter/", entry.enter, name="enter"),
    path("widget/", widget.enter, name="widget"),
    path("requests/new/", portal.suggest, name="suggest"),
    path("requests/<int:pk>/", portal.request_detail, name="request_detail"),
    path("requests/<int:pk>/vote/", portal.vote, name="vote"),
    path("requests/<int:pk>/comments/", portal.comment, name="comment"),
    path("requests/<int:pk>/subscription/", portal.subscription, name="subscription"),
    path("unsubscribe/<str:token>/", portal.unsubscribe, name="unsubscribe"),
    path("api/", include("wagtail_feedback.api.urls")),
]
