import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from wagtail_feedback.models import PriorityChange, PriorityReason
from wagtail_feedback.rules.priorities import BUDGET
from wagtail_feedback.services import priorities, votes

pytestmark = pytest.mark.django_db


@pytest.fixture
def voted(actor, requests3):
    for r in requests3:
        votes.vote(actor, r)
    return requests3


def test_set_priority_rebalances_and_returns_the_whole_list(actor, voted):
    a, b, c = voted
    result = priorities.set_priority(actor, a, 6000)
    assert [v.request_id for v in result][0] == a.pk
    assert {v.request_id: v.share for v in result} == {a.pk: 6000, b.pk: 2000, c.pk: 2000}
    assert sum(v.share for v in priorities.current_priorities(actor.visitor)) == BUDGET
    changes = PriorityChange.objects.filter(reason=PriorityReason.SET)
    assert changes.count() == 3
    assert {(c.old_share, c.new_share) for c in changes} >= {(3334, 6000)} | {(3333, 2000)}


@pytest.mark.parametrize("bad", [-1, BUDGET + 1, "50", 12.5, None, True])
def test_bad_share_values_are_refused_and_change_nothing(actor, voted, bad):
    before = {v.pk: v.share for v in priorities.current_priorities(actor.visitor)}
    with pytest.raises(ValidationError) as error:
        priorities.set_priority(actor, voted[0], bad)
    assert "share" in error.value.message_dict
    assert {v.pk: v.share for v in priorities.current_priorities(actor.visitor)} == before


def test_cannot_prioritise_unvoted_or_closed_request(actor, pm, voted, db):
    from wagtail_feedback.models import FeatureRequest
    from wagtail_feedback.services import status

    other = FeatureRequest.objects.create(title="Not mine")
    with pytest.raises(ValidationError):
        priorities.set_priority(actor, other, 100)
    status.change_status(pm, voted[0], "declined")
    with pytest.raises(ValidationError):
        priorities.set_priority(actor, voted[0], 100)


def test_staff_edit_priorities_on_behalf_and_it_is_recorded(csm, visitor, voted):
    priorities.set_priority(csm, voted[1], 8000, visitor=visitor)
    assert PriorityChange.objects.filter(reason=PriorityReason.SET, changed_by_user=csm.user).count() == 3


def test_other_visitors_cannot_edit_my_priorities(other_visitor, visitor, voted):
    from wagtail_feedback.services.actors import Actor

    with pytest.raises(PermissionDenied):
        priorities.set_priority(Actor.for_visitor(other_visitor), voted[0], 5000, visitor=visitor)
