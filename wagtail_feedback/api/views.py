"""The API's views: parse → call a service → serialize (see docs/api.md)."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.pagination import PageNumberPagination
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import queries
from ..models import App, FeatureRequest, ProductArea
from ..rules.priorities import BUDGET
from ..services import comments as comment_service
from ..services import priorities, requests, subscriptions, votes
from ..services.similarity import similar_requests
from ..views.portal import portal_language
from . import serializers as s
from .authentication import BearerAuthentication, IsVisitor, ReadOrVisitor, VisitorSessionAuthentication, actor_of
from .errors import exception_handler
from .filters import RequestFilter

ERRORS = {400: OpenApiResponse(s.ErrorSerializer, description="Field errors")}


def document(**kwargs):
    """``extend_schema`` on drf-spectacular's AutoSchema, whatever the site's ``DEFAULT_SCHEMA_CLASS``."""

    def decorator(view_method):
        if not hasattr(view_method, "kwargs"):
            view_method.kwargs = {}
        view_method.kwargs.setdefault("schema", AutoSchema)
        return extend_schema(**kwargs)(view_method)

    return decorator
SIMILAR_LIMIT = 10


class Pagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100


class FeedbackAPIMixin:
    authentication_classes = (BearerAuthentication, VisitorSessionAuthentication)
    permission_classes = (ReadOrVisitor,)
    renderer_classes = (JSONRenderer,)
    parser_classes = (JSONParser, FormParser, MultiPartParser)
    throttle_classes = ()
    schema = AutoSchema()

    def get_exception_handler(self):
        return exception_handler

    @property
    def actor(self):
        return actor_of(self.request)

    @property
    def visitor(self):
        actor = self.actor
        return actor.visitor if actor is not None else None

    @property
    def statuses(self):
        return queries.statuses(self.request._request)

    def get_serializer_context(self):
        return {"request": self.request, "statuses": self.statuses, "visitor": self.visitor}

    def initial(self, request, *args, **kwargs):
        # Answers and messages in the visitor's language (the portal's), whatever the browser says.
        self.perform_authentication(request)
        self._previous_language = translation.get_language()
        translation.activate(portal_language(request._request, self.visitor))
        super().initial(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        if getattr(self, "_previous_language", None):
            translation.activate(self._previous_language)
        response = super().finalize_response(request, response, *args, **kwargs)
        # Answers depend on who asks: never cached, never shared.
        patch_vary_headers(response, ["Authorization", "Cookie"])
        add_never_cache_headers(response)
        return response


@extend_schema_view(
    list=document(summary="List and search requests", responses={200: s.RequestItemSerializer(many=True), **ERRORS}),
    retrieve=document(summary="A request with its public comments", responses={200: s.RequestDetailSerializer}),
)
class RequestViewSet(FeedbackAPIMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Feature requests: list, search, suggest, vote, comment, follow (V2, V3, V5, V7)."""

    serializer_class = s.RequestItemSerializer
    pagination_class = Pagination
    filter_backends = (DjangoFilterBackend,)
    filterset_class = RequestFilter
    queryset = FeatureRequest.objects.none()  # for the schema; get_queryset is the truth

    def get_queryset(self):
        return queries.with_visitor_state(queries.visible_requests(self.statuses, self.visitor), self.visitor)

    def _item(self, pk):
        """The request with the caller's state; 404 if unknown or hidden from them."""
        item = queries.request_for_visitor(pk, self.visitor, self.statuses)
        if item is None:
            raise Http404
        return item

    def _fresh_item(self, pk):
        return s.RequestItemSerializer(self._item(pk), context=self.get_serializer_context()).data

    def _target(self, pk):
        """The request a write is about: it must exist and be visible to the caller."""
        self._item(pk)
        return get_object_or_404(FeatureRequest, pk=pk)

    def retrieve(self, request, pk=None):
        item = self._item(pk)
        if item.merged_into_id:
            response = Response(status=status.HTTP_301_MOVED_PERMANENTLY)
            response["Location"] = request.build_absolute_uri(
                reverse("wagtail_feedback:api:request-detail", args=[item.merged_into_id])
            )
            return response
        context = {**self.get_serializer_context(), "comments": queries.public_comments(item)}
        return Response(s.RequestDetailSerializer(item, context=context).data)

    @document(summary="Suggest a request (V2)", request=s.SuggestSerializer,
                   responses={201: s.RequestDetailSerializer, **ERRORS})
    def create(self, request):
        data = self._valid(s.SuggestSerializer, request.data)
        created = requests.suggest(self.actor, title=data["title"], description=data["description"],
                                   app=data["app"], area=data["area"])
        item = self._item(created.pk)
        context = {**self.get_serializer_context(), "comments": []}
        return Response(s.RequestDetailSerializer(item, context=context).data, status=status.HTTP_201_CREATED)

    @document(methods=["POST"], summary="Vote for a request", request=None,
                   responses={200: s.RequestItemSerializer, **ERRORS})
    @document(methods=["DELETE"], summary="Take back a vote or a “not interested”", request=None,
                   responses={200: s.RequestItemSerializer})
    @action(detail=True, methods=["post", "delete"])
    def vote(self, request, pk=None):
        target = self._target(pk)
        if request.method == "POST":
            votes.vote(self.actor, target)
        else:
            votes.unvote(self.actor, target)
        return Response(self._fresh_item(pk))

    @document(summary="Say “not interested” (V3)", request=None, responses={200: s.RequestItemSerializer, **ERRORS})
    @action(detail=True, methods=["post"], url_path="not-interested")
    def not_interested(self, request, pk=None):
        votes.mark_not_interested(self.actor, self._target(pk))
        return Response(self._fresh_item(pk))

    @document(summary="Comment on a request (V5)", request=s.CommentInputSerializer,
                   responses={201: s.CommentSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def comments(self, request, pk=None):
        target = self._target(pk)
        data = self._valid(s.CommentInputSerializer, request.data)
        comment = comment_service.add_comment(self.actor, target, data["body"])
        comment.author_visitor = self.visitor if comment.author_visitor_id else None
        return Response(s.CommentSerializer(comment, context=self.get_serializer_context()).data,
                        status=status.HTTP_201_CREATED)

    @document(methods=["POST"], summary="Follow a request", request=None, responses={200: s.SubscriptionSerializer})
    @document(methods=["DELETE"], summary="Stop following a request", request=None,
                   responses={200: s.SubscriptionSerializer})
    @action(detail=True, methods=["post", "delete"])
    def subscription(self, request, pk=None):
        target = self._target(pk)
        if request.method == "POST":
            subscriptions.subscribe(self.actor, target)
        else:
            subscriptions.unsubscribe(self.actor, target)
        return Response({"subscribed": request.method == "POST"})

    @staticmethod
    def _valid(serializer_class, data):
        serializer = serializer_class(data=data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data


class SimilarView(FeedbackAPIMixin, APIView):
    """Requests like a text being typed (V2), best first."""

    @document(
        summary="Similar requests for a typed text",
        parameters=[
            OpenApiParameter("q", str, description="The text typed so far"),
            OpenApiParameter("app", str, description="App slug"),
            OpenApiParameter("area", str, description="Product area slug"),
            OpenApiParameter("limit", int, description=f"At most {SIMILAR_LIMIT} (default 5)"),
        ],
        responses={200: s.SimilarSerializer},
    )
    def get(self, request):
        params = request.query_params
        app = App.objects.filter(slug=params.get("app")).first() if params.get("app") else None
        area = ProductArea.objects.filter(slug=params.get("area")).first() if params.get("area") else None
        try:
            limit = max(1, min(SIMILAR_LIMIT, int(params.get("limit", 5))))
        except ValueError:
            limit = 5
        text = (params.get("q") or "")[:500]
        matches = similar_requests(text, limit=limit, app=app, area=area) if text.strip() else []
        st = self.statuses
        return Response({
            "results": [
                {
                    "id": m.request.pk,
                    "title": m.request.title,
                    "status": m.request.status,
                    "status_label": str(st.label(m.request.status)),
                    "votes": m.request.vote_count,
                    "url": request.build_absolute_uri(queries.request_path(m.request.pk)),
                    "score": round(float(m.score), 4),
                }
                for m in matches
            ]
        })


class MyPrioritiesView(FeedbackAPIMixin, APIView):
    """The caller's priorities: open votes sharing a budget of 10,000 (V4)."""

    permission_classes = (IsVisitor,)

    def _payload(self):
        return queries.priorities_payload(self.visitor, self.statuses, absolute=self.request.build_absolute_uri)

    @document(summary="My priorities", responses={200: s.PrioritiesSerializer})
    def get(self, request):
        return Response(self._payload())

    @document(summary="Set one priority; the others rebalance", request=s.PriorityInputSerializer,
                   responses={200: s.PrioritiesSerializer, **ERRORS})
    def post(self, request):
        serializer = s.PriorityInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        priorities.set_priority(self.actor, data["request_id"], data["share"])
        return Response(self._payload())


class MyReleasedView(FeedbackAPIMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """The caller's requests that were released, newest first (V6)."""

    permission_classes = (IsVisitor,)
    serializer_class = s.RequestItemSerializer
    pagination_class = Pagination
    queryset = FeatureRequest.objects.none()

    def get_queryset(self):
        return queries.released_for(self.visitor, self.statuses)

    @document(summary="My released requests")
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)


class MeView(FeedbackAPIMixin, APIView):
    """Who the API thinks the caller is."""

    permission_classes = (IsVisitor,)

    @document(summary="Me", responses={200: s.MeSerializer})
    def get(self, request):
        visitor = self.visitor
        visitor.open_votes = queries.open_votes_count(visitor)
        visitor.budget = BUDGET
        visitor.portal_url = request.build_absolute_uri(reverse("wagtail_feedback:home"))
        return Response(s.MeSerializer(visitor).data)
