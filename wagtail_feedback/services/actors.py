from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from ..models import Visitor


@dataclass(frozen=True)
class Actor:
    """Who is acting: a visitor, a site user (with their own visitor record), or both.

    Staff act through ``user``; their own votes and priorities live on
    ``visitor``, the record linked to that user.
    """

    visitor: Visitor | None = None
    user: object | None = None

    @classmethod
    def for_visitor(cls, visitor):
        return cls(visitor=visitor, user=visitor.user if visitor.user_id else None)

    @classmethod
    def for_user(cls, user):
        from .identity import visitor_for_user

        return cls(visitor=visitor_for_user(user), user=user)

    def has_perm(self, codename):
        user = self.user
        return bool(
            user is not None
            and user.is_active
            and user.has_perm(f"wagtail_feedback.{codename}")
        )

    def require(self, codename):
        if not self.has_perm(codename):
            raise PermissionDenied(_("You do not have permission to do that."))

    def subject(self, visitor=None):
        """The visitor an action is for, and the staff user to record if on their behalf.

        Acting for anyone but yourself needs the ``act_on_behalf`` permission.
        """
        if visitor is None or (self.visitor is not None and visitor.pk == self.visitor.pk):
            if self.visitor is None:
                raise PermissionDenied(_("Please identify yourself first."))
            return self.visitor, None
        self.require("act_on_behalf")
        return visitor, self.user
