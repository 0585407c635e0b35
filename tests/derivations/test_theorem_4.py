"""Theorem 4 and Remark 4.2: verdicts, the rigorous slab law, the simulation and the coupon counts."""
from fractions import Fraction

import pytest
from flint import arb

from derivations.theorem_4 import (RESULT, SLAB_LIMIT, coupon_expected_draws, kl, simulate_unique_cells,
                                   slab_bound_certified, slab_coordinate_probability, slab_half_width,
                                   slab_union_bound)
from symbolic.errors import DomainError

EXPECTED = {
    "display-4-1": "proved", "display-4-3": "proved", "u-bound": "proved", "sigma-windows": "proved", "remark-4-1": "proved",
    "sphere-marginal": "cited",
    "density-kernel-at-most-one": "proved",
    "density-constant": "cited",
    "slab-union-identity": "proved",
    "slab-measure": "proved",
    "slab-measure-d2": "proved",
    "slab-measure-d1": "proved",
    "new-cell": "proved",
    "unique-cells": "refuted",
    "cell-count": "proved",
    "chernoff-slab": "proved",
    "chernoff-collision": "proved",
    "unique-cells-repaired": "proved",
    "probability-exponent": "refuted",
    "extension-gap": "proved",
    "extension-lipschitz": "proved",
    "index-range": "refuted",
    "ka-points": "proved",
    "ka-representation": "refuted",
    "separation": "proved",
    "phi-lipschitz": "proved",
    "parametrisation-lipschitz": "refuted",
    "parametrisation-lipschitz-repaired": "proved",
    "probability-exponent-repaired": "proved",
    "ka-representation-repaired": "cited",
    "index-range-repaired": "cited",
    "coupon-expectation": "proved",
    "coupon-whp": "proved",
}


def test_every_step_has_its_verdict(runs):
    assert {k: r.verdict for k, r in runs.items()} == EXPECTED


def test_counterexamples_check_by_hand(runs):
    ce = {k: Fraction(v) for k, v in runs["unique-cells"].check.counterexample.items()}
    assert ce["U"] >= ce["n"] - 2 * ce["B"] and ce["B"] <= ce["n"] / 5 and ce["U"] < Fraction(3, 4) * ce["n"]
    # an asymptotic claim: refuted along a family proved for every constant c, never at a point
    assert runs["probability-exponent"].check.counterexample == {
        "family": "n = 1, d > max(7, (k + 1/25)/c) for each c > 0 and prefactor e^k (d -> oo with n fixed)"}
    assert runs["probability-exponent"].method == "z3"
    assert 100 * 1 <= 2 ** 7
    ce = {k: int(v) for k, v in runs["index-range"].check.counterexample.items()}
    assert 2 ** ce["d"] != 2 * ce["d"]
    ce = {k: Fraction(v) for k, v in runs["parametrisation-lipschitz"].check.counterexample.items()}
    phi = lambda a: (1 - a) * ce["h0"] + a * ce["h1"]
    assert abs(phi(ce["a"]) - phi(ce["b"])) > abs(ce["a"] - ce["b"])


def test_constants(runs):
    (c,) = runs["slab-measure"].step.constants
    assert c.status == "loose" and abs(float(c.supported) - 0.0079788456) < 1e-9
    (c,) = runs["new-cell"].step.constants
    assert (str(c.supported), c.status) == ("89/100", "loose")
    (c,) = runs["parametrisation-lipschitz"].step.constants
    assert c.status == "fails"


def test_slab_exact_law_certified_up_to_2000():
    assert slab_bound_certified(2000)
    assert not slab_bound_certified(50, bound=Fraction(1, 200))   # 0.0075 > 1/200 from some d on


def test_slab_exact_law_values():
    assert slab_coordinate_probability(1) == 0
    # d = 2: P(|x_1| <= a) = (2/pi) asin(a), a = 1/(100 * 2^{3/2})
    a = 1 / (100 * arb(2) ** arb(1.5))
    assert abs(slab_coordinate_probability(2) - 2 / arb.pi() * a.asin()) < arb(10) ** -15   # 53-bit context here
    # increasing in d and below the analytic bound 1/(50 sqrt(2 pi)) for all d
    vals = [slab_union_bound(d) for d in (2, 3, 10, 100, 1000)]
    assert all(bool(x < y) for x, y in zip(vals, vals[1:]))
    assert all(bool(v < arb(float(SLAB_LIMIT))) for v in vals)
    assert slab_half_width(2) == Fraction(1, 80000)
    with pytest.raises(DomainError):
        slab_half_width(0)


def test_simulation_is_seeded_and_supports_the_claim():
    a = simulate_unique_cells(12, 40, 50, seed=1)
    b = simulate_unique_cells(12, 40, 50, seed=1)
    assert a == b
    assert a["success_rate"] == 1.0 and a["min_unique_fraction"] >= 0.75
    with pytest.raises(DomainError):
        simulate_unique_cells(0, 1, 1)


def test_coupon_counts():
    assert coupon_expected_draws(1) == 3          # 2 * (1 + 1/2)
    assert coupon_expected_draws(2) == Fraction(25, 3)   # 4 * (1 + 1/2 + 1/3 + 1/4)
    for n in range(1, 13):
        e = coupon_expected_draws(n)
        assert e <= 2 * n * 2 ** n
    import math
    ratio = float(coupon_expected_draws(12)) / (12 * 2 ** 12)
    assert abs(ratio - math.log(2)) < 0.05


def test_kl_values():
    import sympy
    assert abs(float(kl(sympy.Rational(1, 5), sympy.Rational(1, 10))) - 0.04440300758) < 1e-9
    assert float(kl(sympy.Rational(1, 40), sympy.Rational(1, 100))) > 1 / 125
