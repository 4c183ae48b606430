"""Every workspace page runs the same number of queries however many votes, visitors or comments there are.

Each page is measured on a small world, the world grows (more visitors, votes,
comments, subscribers, priority history), and the page is measured again.
"""

import pytest
from django.urls import reverse

from tests.admin.conftest import query_count
from tests.conftest import make_visitor
from wagtail_feedback.models import FeatureRequest
from wagtail_feedback.services import comments, priorities, votes
from wagtail_feedback.services.actors import Actor

pytestmark = pytest.mark.django_db

_serial = iter(range(5000, 10**6))


def grow(world, n):
    """n more visitors at Acme, each voting on two requests, commenting and prioritising."""
    for _ in range(n):
        person = make_visitor(next(_serial), world.acme)
        actor = Actor.for_visitor(person)
        votes.vote(actor, world.export)
        votes.vote(actor, world.dark)
        comments.add_comment(actor, world.export, f"+1 from {person.name}")
        priorities.set_priority(actor, world.export, 7000)
    for _ in range(n):
        FeatureRequest.objects.create(title=f"Filler {next(_serial)}")


#: No workspace page may need more queries than this.
CEILING = 25

PAGES = {
    "requests index": lambda w: reverse("wagtail_feedback_requests:index"),
    "requests search": lambda w: reverse("wagtail_feedback_requests:index") + "?q=Export",
    "requests filtered": lambda w: reverse("wagtail_feedback_requests:index")
    + f"?account={w.acme.pk}&vote_count_min=1",
    "request page": lambda w: reverse("wagtail_feedback_requests:inspect", args=[w.export.pk]),
    "request page with message": lambda w: reverse("wagtail_feedback_requests:inspect", args=[w.export.pk])
    + f"?message_for={w.alice.pk}",
    "suggest": lambda w: reverse("wagtail_feedback_requests:add"),
    "similar": lambda w: reverse("wagtail_feedback_requests:similar") + "?q=Export",
    "visitors index": lambda w: reverse("wagtail_feedback_visitors:index"),
    "visitor profile": lambda w: reverse("wagtail_feedback_visitors:inspect", args=[w.alice.pk]),
    "visitor priorities": lambda w: reverse("wagtail_feedback_visitors:priorities", args=[w.alice.pk]),
    "accounts index": lambda w: reverse("wagtail_feedback_accounts:index"),
    "account page": lambda w: reverse("wagtail_feedback_accounts:inspect", args=[w.acme.pk]),
    "mine": lambda w: reverse("wagtail_feedback_mine:index"),
    "visitor chooser": lambda w: reverse("wagtail_feedback_visitor_chooser:choose") + "?q=a",
    "request chooser": lambda w: reverse("wagtail_feedback_request_chooser:choose_results") + "?q=Export",
    "dashboard": lambda w: reverse("wagtailadmin_home"),
}


def test_pages_do_not_grow_with_the_data(pm_client, pm_user, world):
    # The product manager votes and prioritises too, so "mine" has content.
    me = Actor.for_user(pm_user)
    votes.vote(me, world.export)
    votes.vote(me, world.csv)
    urls = {name: url(world) for name, url in PAGES.items()}

    def measure():
        counts = {}
        for name, url in urls.items():
            response = pm_client.get(url)
            assert response.status_code == 200, name
            counts[name] = query_count(lambda url=url: pm_client.get(url))
        return counts

    measure()  # warm per-process caches (content types, permissions)
    small = measure()
    grow(world, 12)
    votes.vote(me, world.dark)
    large = measure()
    assert large == small
    assert max(small.values()) <= CEILING, small
