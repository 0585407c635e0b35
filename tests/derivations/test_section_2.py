"""Section 2: the finite-class heuristic."""
import pytest

from derivations.section_2 import RESULT

EXPECTED = {
    "level-sets": "cited",
    "level-sets-explicit": "proved",
    "fit-all-points": "proved",
    "union-identity": "proved",
    "threshold": "proved",
    "discretisation": "cited",
    "log-covering": "proved",
}


def test_every_step_has_its_verdict(runs):
    assert {k: r.verdict for k, r in runs.items()} == EXPECTED


def test_level_set_constant_is_flagged(runs):
    (c,) = runs["level-sets-explicit"].step.constants
    assert (str(c.claimed), str(c.supported), c.status) == ("1", "1/8", "remark")


def test_threshold_false_without_K_above_one():
    # the same statement with K = 1/2 (L not small enough) is refuted
    import sympy
    from derivations.section_2 import THRESHOLD, K, L, lN, nd
    from symbolic.check import check
    D = THRESHOLD.step.obligation.domain
    v = check(lN - nd / L ** 2 <= -(K - 1) * lN, [L ** 2 * K * lN <= nd, sympy.Eq(2 * K, 3)], D, samples=200)
    assert v.verdict == "proved"
    v = check(lN - nd / L ** 2 <= -lN, [L ** 2 * lN <= 2 * nd], D, samples=200)
    assert v.verdict == "refuted"
