"""Who may do what in the feedback workspace.

Model permissions (``view_visitor``, ``change_featurerequest``…) open the
listings and pages; the custom request permissions (``act_on_behalf``,
``change_status``, ``merge``, ``add_internal_comment``) open the actions. The
services check the same permissions again: a view only decides what to show.

Registered before any viewset, so Wagtail uses these policies instead of its
fallback: requests are never deleted (merge them instead), visitors and
accounts come from the host product and are read-only here, and the six
statuses can be edited but not added or removed.
"""

from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry, register_permission_policy

from ..models import Account, FeatureRequest, StatusSetting, Visitor


class LimitedActionsPolicy(ModelPermissionPolicy):
    """Model permissions, but only for ``actions``; any other action is refused to everyone."""

    def __init__(self, model, actions):
        super().__init__(model)
        self.actions = frozenset(actions)

    def user_has_permission(self, user, action):
        return action in self.actions and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a in self.actions])


POLICIES = {
    FeatureRequest: ("add", "change", "view"),
    Visitor: ("view",),
    Account: ("view",),
    StatusSetting: ("change", "view"),
}


def register_policies():
    for model, actions in POLICIES.items():
        if policy_registry.get_by_type(model, fallback=False) is None:
            register_permission_policy(model, LimitedActionsPolicy(model, actions), exact_class=True)


def can(user, codename):
    """``user.has_perm`` for one of this app's permission codenames."""
    return bool(user and user.is_active and user.has_perm(f"wagtail_feedback.{codename}"))


def can_view(user, model):
    return policy_registry.get_by_type(model).user_has_permission(user, "view")
