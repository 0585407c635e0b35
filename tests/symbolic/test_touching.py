"""The second-order Taylor form at a touching point (symbolic/backends/touching.py) and its use in
the arb branch and bound: true statements tight at a point close, false ones never do."""
from __future__ import annotations

from fractions import Fraction

import pytest
import sympy

from symbolic.backends import interval
from symbolic.backends.interval import _Encloser, _simplest_between
from symbolic.backends.touching import touching_bounds
from symbolic.domain import Domain, Obligation

R = sympy.Rational
D2 = Domain.parse(["x: real, -1 <= x <= 1", "y: real, -1 <= y <= 1"])
X, Y = D2.symbols()


def _bounds(g, box):
    enc = _Encloser([X, Y], 3)
    box = tuple((Fraction(lo), Fraction(hi)) for lo, hi in box)
    return touching_bounds(enc, g, box, [0, 1], _simplest_between)


def test_psd_hessian_at_an_exact_critical_zero_gives_a_lower_bound():
    g = X ** 2 + Y ** 2 - sympy.sin(X) * sympy.sin(Y)     # Hessian [[2, -1], [-1, 2]] at 0
    assert _bounds(g, [(0, R(1, 2)), (0, R(1, 2))]) == (0, None)
    assert _bounds(-g, [(R(-1, 4), R(1, 4)), (0, R(1, 2))]) == (None, 0)


@pytest.mark.parametrize("g", [sympy.cos(X) - sympy.cos(Y),          # saddle: indefinite Hessian
                               X ** 2 - 4 * X ** 4 + Y ** 2,        # PSD at 0 only, not on the box
                               sympy.exp(X) - 1 - X + Y ** 2 + R(1, 10 ** 9),  # g(0) != 0
                               sympy.exp(X) - 1 + Y ** 2])          # gradient != 0 at 0
def test_no_bound_without_every_condition(g):
    assert _bounds(g, [(-1, 1), (-1, 1)]) == (None, None)


@pytest.mark.parametrize("concl", [sympy.log(1 + X ** 2 + Y ** 2) <= X ** 2 + Y ** 2,
                                   sympy.sin(X) * sympy.sin(Y) <= X ** 2 + Y ** 2,
                                   sympy.exp(X ** 2 + Y ** 2) >= 1 + X ** 2 + Y ** 2,
                                   sympy.cos(X) * sympy.cos(Y) >= 1 - X ** 2 / 2 - Y ** 2 / 2])
def test_tight_two_variable_statements_are_proved_and_replay(concl):
    ob = Obligation(concl, (), D2)
    out = interval.decide(ob, timeout=60, max_boxes=4000)
    assert out.verdict == "proved", out.detail
    assert interval.replay_certificate(ob, out.certificate)


@pytest.mark.parametrize("concl,point", [(sympy.cos(X) >= sympy.cos(Y), {"x": "1", "y": "0"}),
                                         (X ** 2 + Y ** 2 >= 4 * X ** 4, {"x": "1", "y": "0"}),
                                         (sympy.exp(X * Y) >= 1, {"x": "1", "y": "-1"})])
def test_false_statements_tight_at_a_point_are_not_proved(concl, point):
    from tests.soundness.judge import refutes
    ob = Obligation(concl, (), D2)
    assert refutes(ob, point)
    assert interval.decide(ob, timeout=20).verdict != "proved"
