"""What a similarity backend does, and the scope a search is limited to."""

from dataclasses import dataclass
from functools import lru_cache

from django.db import connection
from django.db.models import Q


@dataclass(frozen=True)
class Scope:
    """Which requests a search may return (merged requests never)."""

    app: object = None
    area: object = None
    open_only: bool = False
    visible_only: bool = True

    @property
    def selective(self):
        """Whether the scope leaves out most requests (then it must narrow the candidates)."""
        return self.app is not None or self.area is not None

    def q(self, prefix=""):
        """The scope as a filter on FeatureRequest, or on a model that points to it via ``prefix``."""
        from ..models import CLOSED_STATUSES, StatusSetting

        q = Q(**{f"{prefix}merged_into__isnull": True})
        if self.open_only:
            q &= ~Q(**{f"{prefix}status__in": list(CLOSED_STATUSES)})
        if self.visible_only:
            hidden = StatusSetting.objects.filter(visible_to_visitors=False).values("status")
            q &= ~Q(**{f"{prefix}status__in": hidden})
        if self.app is not None:
            q &= Q(**{f"{prefix}app": self.app})
        if self.area is not None:
            q &= Q(**{f"{prefix}area": self.area})
        return q

    def where(self):
        """The scope as ``(sql, params)`` on FeatureRequest's table, for a backend's own SQL.

        Compiled once per scope and database: building the filter through the ORM
        on every keystroke costs more than running it.
        """
        return _compiled_where(self, connection.alias)


@lru_cache(maxsize=256)
def _compiled_where(scope, alias):
    from ..models import FeatureRequest

    query = FeatureRequest.objects.filter(scope.q()).query
    compiler = query.get_compiler(using=alias)
    sql, params = query.where.as_sql(compiler, compiler.connection)
    return sql, tuple(params)


class SimilarityBackend:
    """Finds requests that resemble a text. Subclass it and name it in settings.

    A backend keeps its index in the database (several app processes must agree),
    is told about changed requests by the index receivers, and can rebuild the
    whole index.
    """

    def index(self, requests, *, fresh=False):
        """(Re)index these FeatureRequest objects; ``fresh``: they have never been indexed."""
        raise NotImplementedError

    def search(self, text, *, scope, limit, offset=0, threshold=0.0, synonyms=()):
        """``[(request_id, score), …]`` best first, scores in 0…1, at most ``limit`` after ``offset``."""
        raise NotImplementedError

    def clear(self):
        """Forget the whole index (before a rebuild)."""
        raise NotImplementedError
