"""Finding existing requests for a typed text (V2, V7, C1, C2).

Surfaces call :func:`similar_requests` while someone types a suggestion and
:func:`search_requests` for a search box. Both take any text — empty, very long,
emoji, quotes, ``AND``/``OR``, ``%``, ``_`` — and never fail on it: nothing the
user types is ever parsed as query syntax.

Matching is done by the configured backend (``WAGTAIL_FEEDBACK["SIMILARITY"]``,
see docs/similarity.md); site-editable :class:`~wagtail_feedback.models.SynonymSet`
rows are applied to every query.
"""

from dataclasses import dataclass
from functools import lru_cache

from ..models import FeatureRequest, SynonymSet
from ..rules import similarity as rules
from ..similarity import get_backend
from ..similarity.base import Scope

#: Scores at or above this are "similar enough to show" while someone types a
#: suggestion. Chosen on the evaluation set in tests/similarity/ (see
#: docs/similarity.md): it keeps unrelated requests off the list while partial
#: titles, typos and paraphrases that share a word still show.
SHOW_THRESHOLD = 0.33

#: A search box lists weaker matches too: the user is looking, not being warned.
SEARCH_THRESHOLD = 0.2


@dataclass(frozen=True)
class Match:
    request: FeatureRequest
    score: float


def _synonyms():
    return _parse_synonyms(tuple(SynonymSet.objects.values_list("terms", flat=True)))


@lru_cache(maxsize=8)
def _parse_synonyms(raw_sets):
    # Keyed by the sets' text as stored, so an edit is seen by the very next query in every process.
    return tuple(tuple(rules.synonym_terms(raw)) for raw in raw_sets)


def _find(text, *, limit, offset, threshold, scope):
    if not isinstance(text, str) or not rules.normalise(text[: rules.MAX_QUERY_CHARS * 4]) or limit <= 0:
        return []
    ranked = get_backend().search(
        text, scope=scope, limit=limit, offset=max(offset, 0), threshold=threshold, synonyms=_synonyms()
    )
    if not ranked:
        return []
    # The backend applied the scope a moment ago; filtering again would only cost time.
    requests = FeatureRequest.objects.filter(pk__in=[pk for pk, _s in ranked]).select_related("app", "area")
    by_pk = {r.pk: r for r in requests}
    return [Match(by_pk[pk], score) for pk, score in ranked if pk in by_pk]


def similar_requests(text, *, limit=5, app=None, area=None, open_only=False, visible_only=True, threshold=None):
    """Requests that resemble ``text`` enough to show while it is typed, best first.

    Merged requests are never returned; closed ones are unless ``open_only``;
    requests in a status hidden from visitors only with ``visible_only=False``.
    """
    scope = Scope(app=app, area=area, open_only=open_only, visible_only=visible_only)
    return _find(text, limit=limit, offset=0, threshold=SHOW_THRESHOLD if threshold is None else threshold,
                 scope=scope)


def search_requests(text, *, limit=20, offset=0, app=None, area=None, open_only=False, visible_only=True,
                    threshold=None):
    """Requests matching a search box's ``text``, best first; page with ``offset``.

    Like :func:`similar_requests` with a lower threshold. Ranking scores a
    shortlist of the likeliest requests, at least ``offset + limit`` of them, so
    a deep page costs more than the first.
    """
    scope = Scope(app=app, area=area, open_only=open_only, visible_only=visible_only)
    return _find(text, limit=limit, offset=offset,
                 threshold=SEARCH_THRESHOLD if threshold is None else threshold, scope=scope)
