"""Section 1.1: every arithmetic claim has the verdict the exact arithmetic gives."""
import pytest

from derivations.section_1_1 import N_MNIST, RESULT, order_of, pinned

EXPECTED = {
    "mnist-dimension": "proved",
    "mms18-figures": "cited",
    "mnist-nd-range": "refuted",
    "mnist-nd-range-approximate": "proved",
    "mnist-nd-range-nearest": "proved",
    "rule-of-thumb": "proved",
    "one-convention-for-all": "proved",
    "law-vs-rule-of-thumb": "proved",
    "imagenet-nd": "proved",
    "imagenet-reduction-range": "proved",
    "imagenet-gap": "proved",
}


def test_every_step_has_its_verdict(runs):
    assert {k: r.verdict for k, r in runs.items()} == EXPECTED


def test_nd_range_read_exactly_fails_at_the_lower_end(runs):
    ce = runs["mnist-nd-range"].check.counterexample
    assert ce == {"n": "60000", "d": "15"}
    assert 60000 * 15 == 900000 < 10 ** 6


def test_nd_range_constants(runs):
    lo, hi = runs["mnist-nd-range"].step.constants
    assert (str(lo.supported), lo.status) == ("50/3", "approximate")     # 15 / (50/3) = 9/10
    assert (str(hi.supported), hi.status) == ("500/3", "loose")


def test_the_only_finding_is_imprecise(runs):
    from symbolic.notebook import findings
    (f,) = findings(RESULT, runs)
    assert (f["id"], f["class"], f["confirmed"]) == ("section-1.1/nd-range-rounding", "imprecise", True)
    assert f["steps"] == ["section-1.1/mnist-nd-range"]


def test_rounding_conventions_by_hand():
    # nearest power of ten on the log scale: 9e5 ~ 1e6 but 6e4 ~ 1e5, not 1e4
    assert 10 ** 11 <= (N_MNIST * 15) ** 2 < 10 ** 13
    assert not (10 ** 7 <= N_MNIST ** 2 < 10 ** 9)
    # floor: 6e4 ~ 1e4 but 9e5 ~ 1e5
    assert 10 ** 4 <= N_MNIST < 10 ** 5 and not (10 ** 6 <= N_MNIST * 15)


def test_helpers():
    assert pinned("n", 7) == "n: integer, 7 <= n <= 7"
    import sympy
    x = sympy.Symbol("x", positive=True)
    assert order_of(x, 6, sympy.Rational(1, 2)) == [x ** 2 >= 10 ** 11, x ** 2 < 10 ** 13]
