"""Finding existing requests for a typed text (V2, V7, C1, C2).

The one function surfaces call: :func:`similar_requests`.
"""

from dataclasses import dataclass

from django.db.models import Q

from ..models import FeatureRequest, StatusSetting

#: Scores at or above this are "similar enough to show" while someone types.
SHOW_THRESHOLD = 0.35


@dataclass(frozen=True)
class Match:
    request: FeatureRequest
    score: float


def similar_requests(text, *, limit=5, app=None, area=None, open_only=False, visible_only=True, threshold=None):
    """Requests whose title or description resemble ``text``, best first."""
    words = [w for w in (text or "").split() if w][:10]
    if not words:
        return []
    query = Q()
    for word in words:
        query |= Q(title__icontains=word) | Q(description__icontains=word)
    requests = FeatureRequest.objects.not_merged().filter(query)
    if open_only:
        requests = requests.open()
    if visible_only:
        requests = requests.exclude(
            status__in=StatusSetting.objects.filter(visible_to_visitors=False).values("status")
        )
    if app is not None:
        requests = requests.filter(app=app)
    if area is not None:
        requests = requests.filter(area=area)
    matches = []
    for request in requests[:200]:
        title = request.title.lower()
        hits = sum(1 for w in words if w.lower() in title)
        score = hits / len(words)
        if score >= (SHOW_THRESHOLD if threshold is None else threshold):
            matches.append(Match(request, score))
    matches.sort(key=lambda m: (-m.score, -m.request.vote_count, m.request.pk))
    return matches[:limit]
