"""Property tests (hypothesis, derandomized): random polynomial and exp/log inequalities.

For every generated obligation each backend decides it on its own (SymPy exact, z3, arb branch
and bound, mpmath sampling); then

* no two backends disagree: none proves what another refutes;
* every counterexample re-checks exactly at its rational point (:func:`tests.soundness.judge.refutes`,
  i.e. exact rationals or :func:`symbolic.backends.arb_eval.holds`);
* a proof is never contradicted by an exact evaluation at a grid of rational points.
"""
from __future__ import annotations

import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from symbolic.backends import exact, interval, sampling, smt
from symbolic.domain import Domain, Obligation

from .judge import holds_exactly, refutes

R = sympy.Rational
PROPS = settings(max_examples=25, derandomize=True, deadline=None, database=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])

small = st.integers(-4, 4)
rel_ops = st.sampled_from(["<=", "<", ">=", ">"])


def _rel(op, lhs, rhs):
    return sympy.Rel(lhs, rhs, op, evaluate=False)


def _box(draw, name, positive=False):
    if positive:
        lo = draw(st.sampled_from([R(1, 10), R(1, 2), R(1)]))
        hi = lo + draw(st.integers(1, 4))
    else:
        lo = R(draw(st.integers(-3, 1)))
        hi = lo + draw(st.integers(1, 4))
    return f"{name}: real, {lo} <= {name} <= {hi}"


OFFSETS = st.sampled_from([R(-1), R(-1, 4), R(-1, 64), R(0), R(1, 4)])


def _grid(v, k):
    lo = v.lo if v.lo is not None else R(-3)
    hi = v.hi if v.hi is not None else R(3)
    return [lo + (hi - lo) * R(i, k) for i in range(k + 1)]


def _near_extreme(draw, f, D, k=12):
    """A relation ``f >= m`` or ``f <= M`` (strict or not) with ``m``/``M`` the least/greatest
    value of ``f`` on a grid, shifted by a small offset: often true, often tight, sometimes false
    only between grid points."""
    syms = D.symbols()
    pts = [{}]
    for v, s in zip(D.vars, syms):
        pts = [{**p, s: t} for p in pts for t in _grid(v, k if len(D) == 1 else 5)]
    vals = [f.xreplace(p) for p in pts]
    # denominators stay small: sympy.simplify (called by the exact backend without a time limit)
    # takes ~2 minutes on x + 3*log(x) - 3*exp(-x) + 3580529/1048576
    vals = [v if v.is_Rational else R(int(sympy.floor(v * 64)), 64) for v in vals]
    lower = draw(st.booleans())
    off = draw(OFFSETS)
    if lower:
        return _rel(draw(st.sampled_from([">=", ">"])), f, min(vals) + off)
    return _rel(draw(st.sampled_from(["<=", "<"])), f, max(vals) - off)


@st.composite
def poly_1d(draw):
    deg = draw(st.integers(1, 4))
    cs = draw(st.lists(small, min_size=deg + 1, max_size=deg + 1))
    cs[-1] = cs[-1] or 1
    bounded = draw(st.booleans())
    D = Domain.parse([_box(draw, "x") if bounded else "x: real"])
    x = D.symbols("x")
    p = sum(c * x**i for i, c in enumerate(cs))
    if draw(st.booleans()):
        return Obligation(_near_extreme(draw, p, D), (), D)
    rhs = R(draw(st.integers(-8, 8)), draw(st.sampled_from([1, 2, 4])))
    return Obligation(_rel(draw(rel_ops), p, rhs), (), D)


@st.composite
def poly_2d(draw):
    D = Domain.parse([_box(draw, "x"), _box(draw, "y")])
    x, y = D.symbols()
    monos = [x, y, x**2, x*y, y**2, x**2*y, x*y**2]
    cs = draw(st.lists(small, min_size=len(monos), max_size=len(monos)))
    cs[2] = cs[2] or 1
    p = sum(c * m for c, m in zip(cs, monos))
    hyps = (sympy.Le(x + y, draw(st.integers(0, 4)), evaluate=False),) if draw(st.booleans()) else ()
    if draw(st.booleans()):
        return Obligation(_near_extreme(draw, p, D), hyps, D)
    return Obligation(_rel(draw(rel_ops), p, draw(st.integers(-6, 6))), hyps, D)


@st.composite
def exp_log_1d(draw):
    D = Domain.parse([_box(draw, "x", positive=True)])
    x = D.symbols("x")
    a, b, c, d = (draw(small) for _ in range(4))
    k = R(draw(st.integers(-2, 2)) or 1, draw(st.sampled_from([1, 2])))
    f = a * sympy.exp(k * x) + b * sympy.log(x) + c * x + d
    if not f.has(sympy.exp) and not f.has(sympy.log):
        f = f + sympy.exp(x)
    if draw(st.booleans()):
        return Obligation(_near_extreme(draw, f, D), (), D)
    return Obligation(_rel(draw(rel_ops), f, draw(st.integers(-5, 5))), (), D)


def _decide_all(ob):
    """Every backend's Outcome on ``ob`` (small budgets)."""
    return {
        "sympy": exact.decide(ob),
        "z3": smt.decide(ob, timeout=2.0),
        "arb": interval.decide(ob, max_boxes=300, timeout=2.0),
        "sampling": sampling.decide(ob, seed=0, samples=300),
    }


def _grid_counterexample(ob, k=8):
    """An exact grid point of a bounded 1-variable domain where ``ob`` fails, or None."""
    v = ob.domain.vars[0]
    if len(ob.domain) != 1 or v.lo is None or v.hi is None:
        return None
    for i in range(k + 1):
        t = v.lo + (v.hi - v.lo) * R(i, k)
        if refutes(ob, {v.name: str(t)}):
            return {v.name: str(t)}
    return None


def _check_consistent(ob):
    outs = _decide_all(ob)
    proved = [n for n, o in outs.items() if o.verdict == "proved"]
    refuted = [n for n, o in outs.items() if o.verdict == "refuted"]
    assert not (proved and refuted), f"{ob.text()}: {proved} proved, {refuted} refuted " \
                                     f"{ {n: outs[n].counterexample for n in refuted} }"
    for n in refuted:
        cex = outs[n].counterexample
        assert cex is not None and refutes(ob, cex), f"{n} counterexample {cex} does not re-check for {ob.text()}"
    if proved:
        assert _grid_counterexample(ob) is None, f"{proved} proved {ob.text()}, false on the grid"
    assert outs["sampling"].verdict != "proved"
    return outs


@PROPS
@given(poly_1d())
def test_polynomial_1d_backends_agree(ob):
    _check_consistent(ob)


@PROPS
@given(poly_2d())
def test_polynomial_2d_backends_agree(ob):
    _check_consistent(ob)


@PROPS
@given(exp_log_1d())
def test_exp_log_backends_agree(ob):
    _check_consistent(ob)


def test_holds_exactly_is_exact_on_rationals():
    x = sympy.Symbol("x", real=True)
    assert holds_exactly(x**3 - x <= 0, {x: R(1)}) is True
    assert holds_exactly(x**3 - x < 0, {x: R(1)}) is False
    assert holds_exactly(sympy.exp(x) >= 1 + x, {x: R(0)}) is True
    assert holds_exactly(sympy.log(x) > x - 1, {x: R(1)}) is False
    assert holds_exactly(sympy.exp(x) > R(27182818, 10**7), {x: R(1)}) is True
