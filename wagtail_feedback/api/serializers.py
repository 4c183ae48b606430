"""What the API accepts and returns. Output serializers read the selectors' annotations.

Input serializers only parse types; the services decide what is acceptable and
give the messages (so the API and the portal forms say the same thing).
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .. import queries
from ..models import App, ProductArea
from ..rules.priorities import BUDGET


def _absolute(context, path):
    request = context.get("request")
    return request.build_absolute_uri(path) if request is not None else path


class CatalogSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class RequestItemSerializer(serializers.Serializer):
    """A request in a list."""

    id = serializers.IntegerField(source="pk")
    title = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.SerializerMethodField()
    votes = serializers.IntegerField(source="vote_count")
    comments = serializers.IntegerField(source="comment_count")
    area = CatalogSerializer(allow_null=True)
    app = CatalogSerializer(allow_null=True)
    tags = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    released_at = serializers.DateTimeField(allow_null=True)
    my_vote = serializers.ChoiceField(
        choices=["active", "not_interested"], allow_null=True,
        help_text="The caller's answer: 'active' (voted), 'not_interested' or null.",
    )
    subscribed = serializers.BooleanField()
    url = serializers.SerializerMethodField()

    def get_status_label(self, obj) -> str:
        return str(self.context["statuses"].label(obj.status))

    def get_tags(self, obj) -> list[str]:
        return [tag.name for tag in obj.tags.all()]

    def get_url(self, obj) -> str:
        return _absolute(self.context, queries.request_path(obj.pk))


class AuthorSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=["team", "you", "colleague", "customer"],
        help_text="Other accounts' visitors are 'customer', with no name.",
    )
    name = serializers.CharField(allow_null=True)


class CommentSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    body_html = serializers.CharField(help_text="Sanitised HTML rendered from the Markdown body.")
    created_at = serializers.DateTimeField()
    author = serializers.SerializerMethodField()

    @extend_schema_field(AuthorSerializer)
    def get_author(self, obj):
        author = queries.comment_author(obj, self.context.get("visitor"))
        return {"kind": author.kind, "name": author.name}


class RequestDetailSerializer(RequestItemSerializer):
    """One request with its description, status message and public comments."""

    description = serializers.CharField()
    description_html = serializers.CharField()
    status_message = serializers.SerializerMethodField()
    comment_list = serializers.SerializerMethodField()

    def get_status_message(self, obj) -> str:
        return queries.status_message(obj, self.context["statuses"])

    @extend_schema_field(CommentSerializer(many=True))
    def get_comment_list(self, obj):
        return CommentSerializer(self.context.get("comments", []), many=True, context=self.context).data

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["comments"] = data.pop("comment_list")
        data["comment_count"] = instance.comment_count
        return data


class SuggestSerializer(serializers.Serializer):
    title = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False, default="")
    description = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False, default="")
    area = serializers.SlugRelatedField(
        slug_field="slug", queryset=ProductArea.objects.all(), required=False, allow_null=True, default=None
    )
    app = serializers.SlugRelatedField(
        slug_field="slug", queryset=App.objects.all(), required=False, allow_null=True, default=None
    )


class CommentInputSerializer(serializers.Serializer):
    body = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False, default="")


class ShareField(serializers.Field):
    """A share of the budget; whole numbers only (the service gives the message otherwise)."""

    def to_internal_value(self, data):
        if isinstance(data, str) and data.strip().isdigit():
            return int(data.strip())
        return data

    def to_representation(self, value):
        return value


@extend_schema_field({"type": "integer", "minimum": 0, "maximum": BUDGET})
class DocumentedShareField(ShareField):
    pass


class PriorityInputSerializer(serializers.Serializer):
    request_id = serializers.IntegerField()
    share = DocumentedShareField(help_text=f"0 to {BUDGET} (the budget); the others are rebalanced.")


class PriorityItemSerializer(serializers.Serializer):
    request_id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.CharField()
    share = serializers.IntegerField()
    status = serializers.CharField()
    status_label = serializers.CharField()


class PrioritiesSerializer(serializers.Serializer):
    budget = serializers.IntegerField(help_text="The points every visitor's open votes share (100%).")
    items = PriorityItemSerializer(many=True)


class SimilarItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    votes = serializers.IntegerField()
    url = serializers.CharField()
    score = serializers.FloatField()


class SimilarSerializer(serializers.Serializer):
    results = SimilarItemSerializer(many=True)


class SubscriptionSerializer(serializers.Serializer):
    subscribed = serializers.BooleanField()


class AccountSerializer(serializers.Serializer):
    name = serializers.CharField()


class MeSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()
    email = serializers.CharField(help_text="Your own address; nobody else's is ever shown.")
    language = serializers.CharField(source="display_language")
    account = AccountSerializer(allow_null=True)
    open_votes = serializers.IntegerField()
    budget = serializers.IntegerField()
    portal_url = serializers.CharField()


class ErrorSerializer(serializers.Serializer):
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()),
                                   help_text="Messages by field; 'non_field_errors' for the rest.")
    codes = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))
