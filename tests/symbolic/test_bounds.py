"""The certified bound table (symbolic/backends/bounds.py) against arb on each bound's whole range.

Every bound is evaluated in arb at 256 bits at hundreds of exact points of its range, at its finite
ends, near 0 and at large magnitudes; the relation must hold wherever arb decides it, and a ball that
does not decide it must contain 0 (a touching point such as u = 0 for e^u >= 1 + u).  The
denominator must be certainly positive everywhere on the range.
"""
from __future__ import annotations

import pytest
import sympy

from symbolic.backends.arb_eval import to_arb, workprec
from symbolic.backends.bounds import PI_HI, PI_LO, TABLE, U, by_key, citation
from symbolic.kernel import Citation

R = sympy.Rational
F = {"exp": sympy.exp, "log": sympy.log, "sin": sympy.sin, "cos": sympy.cos, "atan": sympy.atan}


def _points(b):
    lo = b.lo if b.lo is not None else R(-80)
    hi = b.hi if b.hi is not None else R(80)
    pts = {lo + (hi - lo) * R(i, 400) for i in range(401)}
    pts |= {R(k, 97) for k in range(-400, 401)}
    pts |= {s * R(1, 10 ** k) for k in range(1, 16) for s in (1, -1)}
    pts |= {s * R(10) ** k for k in range(1, 7) for s in (1, -1)}
    if b.lo is not None:
        pts |= {b.lo + R(1, 10 ** k) for k in range(1, 12)}
    if b.hi is not None:
        pts |= {b.hi - R(1, 10 ** k) for k in range(1, 12)}
    return sorted(p for p in pts if (b.lo is None or p > b.lo or (p == b.lo and not b.open_lo))
                  and (b.hi is None or p <= b.hi))


@pytest.mark.parametrize("b", list(TABLE), ids=lambda b: b.key)
def test_bound_holds_on_its_range_in_arb(b):
    checked = 0
    for p in _points(b):
        with workprec(256):
            assert to_arb(b.den, {U: p}) > 0, (b.key, p)
            diff = to_arb(F[b.func](U) * b.den - b.num, {U: p})
        ok = diff >= 0 if b.side == "lower" else diff <= 0
        assert ok or diff.contains(0), (b.key, p, diff.str(10))
        checked += 1
    assert checked >= 200


@pytest.mark.parametrize("b", list(TABLE), ids=lambda b: b.key)
def test_bound_ends_are_in_range(b):
    for end in (b.lo, b.hi):
        if end is not None and not (end == b.lo and b.open_lo):
            with workprec(256):
                diff = to_arb(F[b.func](U) * b.den - b.num, {U: end})
            assert (diff >= 0 if b.side == "lower" else diff <= 0) or diff.contains(0)


def test_a_wrong_bound_would_be_caught():
    # e^u <= 1 + u + u^2/2 is false for u > 0: the same check must fail on [0, 1]
    with workprec(256):
        diff = to_arb(sympy.exp(U) - (1 + U + U ** 2 / 2), {U: R(1, 2)})
    assert diff > 0


def test_pi_enclosure():
    with workprec(256):
        pi = to_arb(sympy.pi, {})
    assert to_arb(PI_LO, {}) < pi < to_arb(PI_HI, {})


def test_citation_of_a_bound():
    c = citation(by_key("exp-upper-taylor2-neg"))
    assert isinstance(c, Citation) and "Taylor" in c.source
    assert c.template.domain["u"].hi == 0 and c.template.domain["u"].lo is None
    assert c.statement == "exp(u) <= u**2/2 + u + 1 for u <= 0"
    log = citation(by_key("log-upper-tail0-ge1"))
    assert sympy.simplify(log.template.conclusion.rhs - (log.template.domain.symbols("u") ** 2 - 1)
                          / (2 * log.template.domain.symbols("u"))) == 0


def test_every_function_has_both_sides():
    for f in F:
        assert {b.side for b in TABLE if b.func == f} == {"lower", "upper"}
    assert len({b.key for b in TABLE}) == len(TABLE)


@pytest.mark.parametrize("func", ["exp", "sin", "cos", "atan"])
def test_taylor_polynomials_are_those_of_sympy_series(func):
    from symbolic.backends.bounds import _taylor
    for n in range(12):
        series = sympy.series(F[func](U), U, 0, n + 1).removeO()
        assert sympy.srepr(_taylor(func, n)) == sympy.srepr(series), (func, n)


def test_taylor_refuses_a_function_without_coefficients():
    from symbolic.backends.bounds import _taylor
    with pytest.raises(ValueError, match="log"):
        _taylor("log", 3)
