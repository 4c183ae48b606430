"""Races with real threads on a real database file (SQLite) or server (PostgreSQL)."""

import random
import threading

import pytest
from django.db import connection

from tests.conftest import make_requests, make_visitor
from wagtail_feedback.models import Account, FeatureRequest, Vote, VoteKind
from wagtail_feedback.rules.priorities import BUDGET
from wagtail_feedback.services import priorities, votes
from wagtail_feedback.services.actors import Actor

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.races]


def run_threads(count, target):
    barrier = threading.Barrier(count)
    errors = []

    def wrapper(index):
        try:
            barrier.wait()
            target(index)
        except Exception as error:  # surfaced below, with the thread's index
            errors.append((index, error))
        finally:
            connection.close()

    threads = [threading.Thread(target=wrapper, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not [t for t in threads if t.is_alive()], "a thread hung"
    assert errors == []


def test_fifty_concurrent_votes_by_one_visitor_leave_one_vote():
    visitor = make_visitor(1)
    (request,) = make_requests(1)
    actor = Actor.for_visitor(visitor)

    run_threads(50, lambda i: votes.vote(actor, request))

    assert Vote.objects.filter(visitor=visitor, request=request).count() == 1
    request.refresh_from_db()
    assert request.vote_count == 1
    assert Vote.objects.get().share == BUDGET


def test_eight_threads_moving_sliders_keep_the_budget_exact_after_every_commit():
    visitor = make_visitor(1)
    actor = Actor.for_visitor(visitor)
    requests = make_requests(5)
    for r in requests:
        votes.vote(actor, r)
    stop = threading.Event()
    sums = []

    def reader():
        try:
            while not stop.is_set():
                sums.append(sum(Vote.objects.filter(visitor=visitor).values_list("share", flat=True)))
        finally:
            connection.close()

    watcher = threading.Thread(target=reader)
    watcher.start()

    def mover(index):
        rng = random.Random(index)
        for _ in range(15):
            priorities.set_priority(actor, rng.choice(requests), rng.randint(0, BUDGET))

    try:
        run_threads(8, mover)
    finally:
        stop.set()
        watcher.join()
    shares = list(Vote.objects.filter(visitor=visitor).values_list("share", flat=True))
    assert sum(shares) == BUDGET and len(shares) == 5
    assert sums and set(sums) == {BUDGET}, f"a reader saw a broken budget: {set(sums)}"
    # Every commit left history whose running total per request ends at the stored share.
    from wagtail_feedback.models import PriorityChange

    for vote in Vote.objects.filter(visitor=visitor):
        last = PriorityChange.objects.filter(visitor=visitor, request=vote.request).order_by("-pk").first()
        assert last.new_share == vote.share


def test_counters_equal_real_counts_after_1000_interleaved_vote_and_unvote_calls():
    account = Account.objects.create(host_id="a", name="A")
    people = [make_visitor(i, account) for i in range(10)]
    requests = make_requests(4)

    def churn(index):
        rng = random.Random(index)
        actor = Actor.for_visitor(people[index])
        for _ in range(100):
            request = rng.choice(requests)
            action = rng.choice([votes.vote, votes.unvote, votes.mark_not_interested])
            action(actor, request)

    run_threads(10, churn)  # 10 threads x 100 calls

    for request in FeatureRequest.objects.all():
        assert request.vote_count == Vote.objects.filter(request=request, kind=VoteKind.ACTIVE).count()
        assert request.not_interested_count == Vote.objects.filter(
            request=request, kind=VoteKind.NOT_INTERESTED
        ).count()
    for person in people:
        shares = [v.share for v in priorities.current_priorities(person)]
        assert sum(shares) in (0, BUDGET) and (sum(shares) == BUDGET) == bool(shares)


def test_concurrent_edits_and_searches_leave_the_index_matching_the_last_title(django_user_model):
    from tests.conftest import staff_user
    from wagtail_feedback.rules import similarity as rules
    from wagtail_feedback.services import requests as request_service
    from wagtail_feedback.services.similarity import similar_requests
    from wagtail_feedback.similarity.models import TITLE_SIZE_GRAM, RequestGram

    editor = Actor.for_user(staff_user(django_user_model, "pm", "access_admin", "change_featurerequest"))
    (request,) = make_requests(1)
    titles = ["Export invoices to CSV", "請求書をCSVで出力したい", "Dark mode for the dashboard", "Slack notifications"]

    def work(index):
        for step in range(12):
            if index % 2:
                similar_requests(titles[(index + step) % len(titles)])  # readers never see a half-written index
            else:
                request_service.edit_request(editor, request, title=titles[(index + step) % len(titles)])

    run_threads(8, work)

    request.refresh_from_db()
    stored = dict(RequestGram.objects.filter(request=request).values_list("gram", "weight"))
    doc = rules.document(request.title, request.description)
    assert stored.pop(TITLE_SIZE_GRAM) == doc.title_grams
    assert stored == dict(doc.weights)
    assert [m.request.pk for m in similar_requests(request.title)] == [request.pk]
