"""Zero-sum priority rules (DESIGN.md §4), as pure functions.

A visitor's open votes share ``BUDGET`` points. Every function takes the
current shares as an ordered mapping ``{key: share}`` and returns a new one
whose values are integers summing to exactly ``BUDGET`` (or an empty mapping
when no vote is left). Order of the input breaks rounding ties, so results
are deterministic.
"""

from collections.abc import Hashable, Mapping
from fractions import Fraction
from math import floor

BUDGET = 10_000


def apportion[K: Hashable](weights: Mapping[K, int | Fraction], total: int) -> dict[K, int]:
    """Split ``total`` among the keys in proportion to ``weights``.

    Largest-remainder rounding keeps the sum exact; all-zero weights split
    equally.
    """
    keys = list(weights)
    if not keys:
        return {}
    weight_sum = sum(weights.values())
    if weight_sum == 0:
        weights = dict.fromkeys(keys, 1)
        weight_sum = len(keys)
    exact = {k: Fraction(weights[k]) * total / weight_sum for k in keys}
    result = {k: floor(exact[k]) for k in keys}
    leftover = total - sum(result.values())
    position = {k: i for i, k in enumerate(keys)}
    by_remainder = sorted(keys, key=lambda k: (-(exact[k] - result[k]), position[k]))
    for k in by_remainder[:leftover]:
        result[k] += 1
    return result


def set_share[K: Hashable](shares: Mapping[K, int], key: K, target: int) -> dict[K, int]:
    """Give ``key`` the share ``target``; the others fill the rest proportionally."""
    if key not in shares:
        raise KeyError(key)
    if len(shares) == 1:
        return {key: BUDGET}
    target = max(0, min(BUDGET, int(target)))
    others = apportion({k: v for k, v in shares.items() if k != key}, BUDGET - target)
    return {k: (target if k == key else others[k]) for k in shares}


def add_vote[K: Hashable](shares: Mapping[K, int], key: K) -> dict[K, int]:
    """A new vote takes an equal share (budget / n); the others shrink proportionally."""
    if key in shares:
        return dict(shares)
    grown = {**shares, key: 0}
    return set_share(grown, key, BUDGET // len(grown))


def remove_vote[K: Hashable](shares: Mapping[K, int], key: K) -> dict[K, int]:
    """Hand ``key``'s share back to the others in proportion to theirs."""
    rest = {k: v for k, v in shares.items() if k != key}
    return apportion(rest, BUDGET)


def combine_votes[K: Hashable](shares: Mapping[K, int], keep: K, drop: K) -> dict[K, int]:
    """Merge ``drop`` into ``keep``: ``keep`` ends up with both shares.

    If only ``drop`` is present the share moves to ``keep`` unchanged, at
    ``drop``'s position.
    """
    if drop not in shares:
        return dict(shares)
    if keep not in shares:
        return {(keep if k == drop else k): v for k, v in shares.items()}
    combined = {k: v for k, v in shares.items() if k != drop}
    combined[keep] += shares[drop]
    return normalise(combined)


def normalise[K: Hashable](shares: Mapping[K, int]) -> dict[K, int]:
    """Bring any shares back to an exact budget, keeping their proportions."""
    if sum(shares.values()) == BUDGET and all(v >= 0 for v in shares.values()):
        return dict(shares)
    return apportion({k: max(0, v) for k, v in shares.items()}, BUDGET)


def equal_shares[K: Hashable](keys: list[K]) -> dict[K, int]:
    """The shares of first votes: equal."""
    return apportion(dict.fromkeys(keys, 1), BUDGET)
