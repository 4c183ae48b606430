import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.conftest import make_requests, make_visitor
from wagtail_feedback.models import FeatureRequest, PriorityChange, Subscription, Vote, VoteKind
from wagtail_feedback.rules.priorities import BUDGET
from wagtail_feedback.services import votes
from wagtail_feedback.services.actors import Actor
from wagtail_feedback.services.priorities import current_priorities

pytestmark = pytest.mark.django_db


def shares_of(visitor):
    return {v.request_id: v.share for v in current_priorities(visitor)}


def counts(request):
    request.refresh_from_db()
    return request.vote_count, request.not_interested_count


def test_votes_split_the_budget_and_subscribe(actor, visitor, requests3):
    for r in requests3:
        votes.vote(actor, r)
    assert sorted(shares_of(visitor).values()) == [3333, 3333, 3334]
    assert Subscription.objects.filter(visitor=visitor).count() == 3
    assert [counts(r) for r in requests3] == [(1, 0)] * 3
    # History: one row per changed share (1 + 2 + 3 = 6 changes).
    assert PriorityChange.objects.filter(visitor=visitor).count() == 6


def test_voting_twice_is_harmless(actor, visitor, requests3):
    first = votes.vote(actor, requests3[0])
    again = votes.vote(actor, requests3[0])
    assert first.pk == again.pk
    assert counts(requests3[0]) == (1, 0)
    assert shares_of(visitor) == {requests3[0].pk: BUDGET}


def test_unvote_hands_share_back(actor, visitor, requests3):
    for r in requests3:
        votes.vote(actor, r)
    votes.unvote(actor, requests3[0])
    assert sum(shares_of(visitor).values()) == BUDGET
    assert len(shares_of(visitor)) == 2
    assert counts(requests3[0]) == (0, 0)
    votes.unvote(actor, requests3[0])  # idempotent
    assert counts(requests3[0]) == (0, 0)


def test_not_interested_holds_no_share_and_unsubscribes(actor, visitor, requests3):
    a, b, _c = requests3
    votes.vote(actor, a)
    votes.vote(actor, b)
    votes.mark_not_interested(actor, b)
    assert shares_of(visitor) == {a.pk: BUDGET}
    vote = Vote.objects.get(visitor=visitor, request=b)
    assert (vote.kind, vote.share) == (VoteKind.NOT_INTERESTED, 0)
    assert counts(b) == (0, 1)
    assert not Subscription.objects.filter(visitor=visitor, request=b).exists()
    votes.vote(actor, b)  # changing one's mind
    assert counts(b) == (1, 0)
    assert shares_of(visitor) == {a.pk: 5000, b.pk: 5000}


def test_closed_and_merged_requests_refuse_votes(actor, pm, requests3):
    from wagtail_feedback.services import merge, status

    a, b, c = requests3
    status.change_status(pm, a, "released")
    with pytest.raises(ValidationError) as closed:
        votes.vote(actor, a)
    assert closed.value.code == "closed"
    merge.merge(pm, b, c)
    with pytest.raises(ValidationError) as merged:
        votes.vote(actor, b)
    assert merged.value.code == "merged"
    assert not Vote.objects.filter(visitor=actor.visitor).exists()


def test_acting_for_another_visitor_needs_permission(actor, other_visitor, requests3):
    with pytest.raises(PermissionDenied):
        votes.vote(actor, requests3[0], visitor=other_visitor)
    with pytest.raises(PermissionDenied):
        votes.unvote(actor, requests3[0], visitor=other_visitor)
    assert not Vote.objects.exists()


def test_staff_vote_on_behalf_is_recorded(csm, other_visitor, requests3):
    vote = votes.vote(csm, requests3[0], visitor=other_visitor)
    assert vote.visitor == other_visitor
    assert vote.added_by == csm.user
    change = PriorityChange.objects.get(visitor=other_visitor)
    assert change.changed_by_user == csm.user


def test_add_visitor_to_request_votes_subscribes_and_notifies(csm, other_visitor, requests3, mailoutbox,
                                                               django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        votes.add_visitor_to_request(csm, requests3[0], other_visitor)
    assert Vote.objects.filter(visitor=other_visitor, request=requests3[0], kind=VoteKind.ACTIVE).exists()
    assert Subscription.objects.filter(visitor=other_visitor, request=requests3[0]).exists()
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [other_visitor.email]
    # The visitor's language is Japanese.
    assert "ご要望を登録しました" in mailoutbox[0].subject


def test_add_visitor_who_already_voted_is_refused(csm, other_visitor, requests3, mailoutbox,
                                                   django_capture_on_commit_callbacks):
    votes.vote(csm, requests3[0], visitor=other_visitor)
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(ValidationError) as error:
            votes.add_visitor_to_request(csm, requests3[0], other_visitor)
    assert error.value.code == "already_voted"
    assert mailoutbox == []


def test_add_visitor_needs_permission(actor, other_visitor, requests3):
    with pytest.raises(PermissionDenied):
        votes.add_visitor_to_request(actor, requests3[0], other_visitor)


def test_staff_vote_as_themselves_through_their_visitor_record(csm, requests3):
    vote = votes.vote(csm, requests3[0])
    assert vote.visitor.user == csm.user
    assert vote.added_by is None


def test_counters_match_many_visitors(account, requests3):
    request = requests3[0]
    people = [make_visitor(100 + i, account) for i in range(7)]
    for p in people:
        votes.vote(Actor.for_visitor(p), request)
    for p in people[:3]:
        votes.mark_not_interested(Actor.for_visitor(p), request)
    assert counts(request) == (4, 3)
    assert FeatureRequest.objects.get(pk=request.pk).vote_count == Vote.objects.filter(
        request=request, kind=VoteKind.ACTIVE
    ).count()


def test_requests_unknown_id_is_a_clear_error(actor):
    ghost = FeatureRequest(pk=987654, title="ghost")
    with pytest.raises(ValidationError) as error:
        votes.vote(actor, ghost)
    assert error.value.code == "not_found"


def test_make_requests_helper_is_unrelated_to_votes(db):
    assert len(make_requests(2)) == 2
