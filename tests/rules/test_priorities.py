"""Property tests for the zero-sum priority rules (DESIGN.md §4)."""

from fractions import Fraction

from hypothesis import given, strategies as st

from wagtail_feedback.rules.priorities import (
    BUDGET, add_vote, apportion, combine_votes, equal_shares, normalise, remove_vote, set_share,
)


@st.composite
def budgets(draw, min_size=1, max_size=12):
    """A valid set of shares: integers >= 0 summing exactly to BUDGET."""
    n = draw(st.integers(min_size, max_size))
    weights = draw(st.lists(st.integers(0, 1000), min_size=n, max_size=n))
    return apportion({f"r{i}": w for i, w in enumerate(weights)}, BUDGET)


def assert_valid(shares):
    assert all(isinstance(v, int) and 0 <= v <= BUDGET for v in shares.values())
    if shares:
        assert sum(shares.values()) == BUDGET


@given(budgets(), st.data())
def test_set_share_honours_target_and_keeps_proportions(shares, data):
    key = data.draw(st.sampled_from(sorted(shares)))
    target = data.draw(st.integers(0, BUDGET))
    new = set_share(shares, key, target)
    assert_valid(new)
    assert set(new) == set(shares)
    if len(shares) == 1:
        assert new[key] == BUDGET
        return
    assert new[key] == target
    others = {k: v for k, v in shares.items() if k != key}
    total = sum(others.values())
    for k, old in others.items():
        exact = Fraction(old * (BUDGET - target), total) if total else Fraction(BUDGET - target, len(others))
        assert abs(new[k] - exact) < 1, (k, old, new[k], exact)


@given(budgets(max_size=11))
def test_new_vote_takes_equal_share_others_shrink_proportionally(shares):
    new = add_vote(shares, "new")
    assert_valid(new)
    n = len(shares) + 1
    assert new["new"] == BUDGET // n
    left = BUDGET - BUDGET // n
    for k, old in shares.items():
        assert abs(new[k] - Fraction(old * left, BUDGET)) < 1


def test_first_votes_start_equal():
    shares = {}
    for key in "abcd":
        shares = add_vote(shares, key)
    assert shares == {"a": 2500, "b": 2500, "c": 2500, "d": 2500}
    assert equal_shares(["a", "b", "c"]) == {"a": 3334, "b": 3333, "c": 3333}


@given(budgets(min_size=2), st.data())
def test_removing_hands_share_back_proportionally(shares, data):
    key = data.draw(st.sampled_from(sorted(shares)))
    new = remove_vote(shares, key)
    assert_valid(new)
    assert key not in new
    rest = {k: v for k, v in shares.items() if k != key}
    total = sum(rest.values())
    for k, old in rest.items():
        exact = Fraction(old * BUDGET, total) if total else Fraction(BUDGET, len(rest))
        assert abs(new[k] - exact) < 1


def test_removing_the_last_vote_leaves_nothing():
    assert remove_vote({"a": BUDGET}, "a") == {}


def test_all_zero_others_split_equally():
    assert remove_vote({"a": BUDGET, "b": 0, "c": 0}, "a") == {"b": 5000, "c": 5000}
    assert set_share({"a": BUDGET, "b": 0, "c": 0}, "a", 4000) == {"a": 4000, "b": 3000, "c": 3000}


@given(budgets(min_size=2), st.data())
def test_merge_combines_shares(shares, data):
    keep, drop = data.draw(st.lists(st.sampled_from(sorted(shares)), min_size=2, max_size=2, unique=True))
    new = combine_votes(shares, keep, drop)
    assert_valid(new)
    assert drop not in new
    assert new[keep] == shares[keep] + shares[drop]
    assert all(new[k] == v for k, v in shares.items() if k not in (keep, drop))


@given(budgets())
def test_merge_into_unvoted_request_moves_the_share(shares):
    drop = sorted(shares)[0]
    new = combine_votes(shares, "target", drop)
    assert_valid(new)
    assert new["target"] == shares[drop]


@given(st.dictionaries(st.text(min_size=1, max_size=3), st.integers(-50, 20_000), min_size=1, max_size=10))
def test_normalise_always_lands_on_budget(shares):
    assert_valid(normalise(shares))


@given(st.dictionaries(st.integers(), st.integers(0, 10**6), min_size=1, max_size=20), st.integers(0, 10**6))
def test_apportion_is_exact(weights, total):
    result = apportion(weights, total)
    assert sum(result.values()) == total
    assert all(v >= 0 for v in result.values())


@given(budgets(), st.data())
def test_a_sequence_of_slider_moves_never_breaks_the_budget(shares, data):
    moves = data.draw(st.lists(st.tuples(st.sampled_from(sorted(shares)), st.integers(-100, BUDGET + 100)), max_size=20))
    for key, target in moves:
        shares = set_share(shares, key, target)
        assert_valid(shares)
