"""Every service call runs a fixed number of queries, however many votes there are.

Each scenario is built twice — small and large — and the measured call must
issue the same number of queries in both, and no more than the pinned figure.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import make_requests, make_visitor
from wagtail_feedback.models import Account
from wagtail_feedback.services import comments, merge, priorities, requests, status, subscriptions, votes
from wagtail_feedback.services.actors import Actor

pytestmark = pytest.mark.django_db

SMALL, LARGE = 2, 25


def count(call):
    with CaptureQueriesContext(connection) as queries:
        call()
    return len(queries)


_serial = iter(range(10_000, 10**9))


def crowd(n, requests_voted):
    """n visitors who each voted on every request in ``requests_voted``."""
    account = Account.objects.create(host_id=f"acct-{next(_serial)}", name="Crowd")
    people = [make_visitor(next(_serial), account) for _ in range(n)]
    for person in people:
        for r in requests_voted:
            votes.vote(Actor.for_visitor(person), r)
    return people


def busy_visitor(n):
    """A visitor with n open votes, and a request they have not voted on yet."""
    person = make_visitor(next(_serial))
    mine = make_requests(n, prefix=f"mine-{person.pk}")
    for r in mine:
        votes.vote(Actor.for_visitor(person), r)
    (fresh,) = make_requests(1, prefix="fresh")
    return Actor.for_visitor(person), mine, fresh


SCENARIOS = {
    # name: (build(n) -> call, pinned maximum)
    "vote": (lambda n: (lambda a, m, f: lambda: votes.vote(a, f))(*busy_visitor(n)), 14),
    "unvote": (lambda n: (lambda a, m, f: lambda: votes.unvote(a, m[0]))(*busy_visitor(n)), 10),
    "not_interested": (lambda n: (lambda a, m, f: lambda: votes.mark_not_interested(a, m[0]))(*busy_visitor(n)), 11),
    "set_priority": (lambda n: (lambda a, m, f: lambda: priorities.set_priority(a, m[0], 7000))(*busy_visitor(n)), 6),
    "suggest": (lambda n: (lambda a, m, f: lambda: requests.suggest(a, title="New idea"))(*busy_visitor(n)), 20),
    "subscribe": (lambda n: (lambda a, m, f: lambda: subscriptions.subscribe(a, f))(*busy_visitor(n)), 7),
}


def _comment_scene(n):
    (request,) = make_requests(1)
    crowd(n, [request])
    author = Actor.for_visitor(make_visitor(next(_serial)))
    return lambda: comments.add_comment(author, request, "Hello")


def _status_scene(pm):
    def build(n):
        request, other = make_requests(2)
        crowd(n, [request, other])
        return lambda: status.change_status(pm, request, "released")
    return build


def _merge_scene(pm):
    def build(n):
        src, tgt, other = make_requests(3)
        crowd(n, [src, other])
        crowd(n, [src, tgt])
        return lambda: merge.merge(pm, src, tgt)
    return build


def _unmerge_scene(pm):
    def build(n):
        src, tgt, other = make_requests(3)
        crowd(n, [src, tgt, other])
        merge.merge(pm, src, tgt)
        return lambda: merge.unmerge(pm, src)
    return build


def _add_visitor_scene(csm):
    def build(n):
        _actor, _mine, fresh = busy_visitor(n)
        crowd(n, [fresh])
        return lambda: votes.add_visitor_to_request(csm, fresh, _actor.visitor)
    return build


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_visitor_services_do_not_grow_with_votes(name, django_capture_on_commit_callbacks):
    build, pinned = SCENARIOS[name]
    small, large = count(build(SMALL)), count(build(LARGE))
    assert small == large, f"{name}: {small} queries with {SMALL} votes, {large} with {LARGE}"
    assert large <= pinned, f"{name}: {large} queries, pinned at {pinned}"


@pytest.mark.parametrize(
    "name,pinned",
    [("comment", 6), ("status", 19), ("merge", 24), ("unmerge", 18), ("add_visitor", 15)],
)
def test_request_wide_services_do_not_grow_with_voters(name, pinned, pm, csm, django_capture_on_commit_callbacks):
    for staff in (pm, csm):
        staff.has_perm("warm-up")  # the permission cache loads once per user, not per call
    build = {
        "comment": _comment_scene,
        "status": _status_scene(pm),
        "merge": _merge_scene(pm),
        "unmerge": _unmerge_scene(pm),
        "add_visitor": _add_visitor_scene(csm),
    }[name]
    with django_capture_on_commit_callbacks(execute=False):
        small = count(build(SMALL))
        large = count(build(LARGE))
    assert small == large, f"{name}: {small} queries with {SMALL} voters, {large} with {LARGE}"
    assert large <= pinned, f"{name}: {large} queries, pinned at {pinned}"
