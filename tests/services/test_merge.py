import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.conftest import make_visitor
from wagtail_feedback.models import Comment, FeatureRequest, MergeRecord, Notification, Subscription, Vote, VoteKind
from wagtail_feedback.rules.priorities import BUDGET
from wagtail_feedback.services import comments, merge, priorities, status, votes
from wagtail_feedback.services.actors import Actor

pytestmark = pytest.mark.django_db


def shares(visitor):
    return {v.request_id: v.share for v in priorities.current_priorities(visitor)}


@pytest.fixture
def scene(account, requests3):
    """src and tgt with: alice on both, bob on src only, carol not interested in src, dave on tgt only."""
    src, tgt, other = requests3
    alice, bob, carol, dave = (make_visitor(20 + i, account) for i in range(4))
    for person, reqs in ((alice, [src, tgt, other]), (bob, [src, other]), (dave, [tgt])):
        for r in reqs:
            votes.vote(Actor.for_visitor(person), r)
    votes.mark_not_interested(Actor.for_visitor(carol), src)
    priorities.set_priority(Actor.for_visitor(alice), src, 5000)
    comments.add_comment(Actor.for_visitor(bob), src, "We need this for month-end reports.")
    return src, tgt, other, alice, bob, carol, dave


def test_merge_moves_votes_shares_comments_and_subscribers(pm, scene):
    src, tgt, other, alice, bob, carol, dave = scene
    before = {p.pk: shares(p) for p in (alice, bob, dave)}
    merge.merge(pm, src, tgt)
    src.refresh_from_db()
    tgt.refresh_from_db()
    assert src.merged_into == tgt
    assert (src.vote_count, src.not_interested_count) == (0, 0)
    assert (tgt.vote_count, tgt.not_interested_count) == (3, 1)
    # Alice's two shares combine; Bob's moves unchanged; Dave's is untouched.
    assert shares(alice)[tgt.pk] == before[alice.pk][src.pk] + before[alice.pk][tgt.pk]
    assert shares(bob) == {tgt.pk: before[bob.pk][src.pk], other.pk: before[bob.pk][other.pk]}
    assert shares(dave) == before[dave.pk]
    for p in (alice, bob, dave):
        assert sum(shares(p).values()) == BUDGET
    assert Vote.objects.get(visitor=carol, request=tgt).kind == VoteKind.NOT_INTERESTED
    assert not Vote.objects.filter(request=src).exists()
    assert Comment.objects.get().request == tgt
    assert Subscription.objects.filter(request=tgt, visitor=bob).exists()
    assert Notification.objects.filter(event="merged").count() == 2  # alice and bob followed src


def test_unmerge_restores(pm, scene):
    src, tgt, other, alice, bob, carol, dave = scene
    before = {p.pk: shares(p) for p in (alice, bob, dave)}
    merge.merge(pm, src, tgt)
    merge.unmerge(pm, src)
    src.refresh_from_db()
    tgt.refresh_from_db()
    assert src.merged_into is None
    assert (src.vote_count, src.not_interested_count) == (2, 1)
    assert (tgt.vote_count, tgt.not_interested_count) == (2, 0)
    for p in (alice, bob, dave):
        assert shares(p) == before[p.pk]
    assert Comment.objects.get().request == src
    assert not Subscription.objects.filter(request=tgt, visitor=bob).exists()
    assert MergeRecord.objects.get().undone_at is not None


def test_unmerge_respects_a_vote_withdrawn_since(pm, scene):
    src, tgt, other, alice, bob, carol, dave = scene
    merge.merge(pm, src, tgt)
    votes.unvote(Actor.for_visitor(bob), tgt)
    merge.unmerge(pm, src)
    assert not Vote.objects.filter(visitor=bob, request__in=[src, tgt]).exists()
    assert sum(shares(bob).values()) == BUDGET


def test_merge_into_a_released_request_hands_shares_back(pm, scene):
    src, tgt, other, alice, bob, carol, dave = scene
    status.change_status(pm, tgt, "released")
    merge.merge(pm, src, tgt)
    assert shares(bob) == {other.pk: BUDGET}
    assert Vote.objects.get(visitor=bob, request=tgt).share == 0


@pytest.mark.parametrize("case", ["self", "already", "target_merged"])
def test_bad_merges_are_refused_and_change_nothing(pm, scene, case):
    src, tgt, other, *_ = scene
    if case == "self":
        source, target = src, src
    elif case == "already":
        merge.merge(pm, src, tgt)
        source, target = src, other
    else:
        merge.merge(pm, tgt, other)
        source, target = src, tgt
    votes_before = sorted(Vote.objects.values_list("pk", "request_id", "share"))
    with pytest.raises(ValidationError):
        merge.merge(pm, FeatureRequest.objects.get(pk=source.pk), FeatureRequest.objects.get(pk=target.pk))
    assert sorted(Vote.objects.values_list("pk", "request_id", "share")) == votes_before


def test_merge_needs_permission(csm, scene):
    with pytest.raises(PermissionDenied):
        merge.merge(csm, scene[0], scene[1])


def test_unmerge_of_unmerged_request_is_refused(pm, scene):
    with pytest.raises(ValidationError):
        merge.unmerge(pm, scene[0])
