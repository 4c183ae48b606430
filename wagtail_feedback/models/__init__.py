from ..similarity.models import RequestEmbedding, RequestGram  # the similarity index
from .accounts import Account, AccountStatus, Visitor
from .catalog import App, ProductArea, Tag
from .comments import Comment, Visibility
from .notifications import DeliveryState, Notification, NotificationEvent
from .requests import (
    CLOSED_STATUSES,
    Effort,
    FeatureRequest,
    MergeRecord,
    Status,
    StatusChange,
    StatusSetting,
)
from .signing import SigningKey, UsedToken
from .subscriptions import Subscription
from .synonyms import SynonymSet
from .votes import PriorityChange, PriorityReason, Vote, VoteKind

__all__ = [
    "Account", "AccountStatus", "App", "CLOSED_STATUSES", "Comment", "DeliveryState",
    "Effort", "FeatureRequest", "MergeRecord", "Notification", "NotificationEvent",
    "PriorityChange", "PriorityReason", "ProductArea", "RequestEmbedding", "RequestGram", "SigningKey", "Status",
    "StatusChange", "StatusSetting", "Subscription", "SynonymSet", "Tag", "UsedToken", "Visibility",
    "Visitor", "Vote", "VoteKind",
]
