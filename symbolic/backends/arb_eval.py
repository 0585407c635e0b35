"""Rigorous evaluation of SymPy expressions in arb ball arithmetic (python-flint).

An arb ball ``[m +/- r]`` certainly contains the true value.  Comparisons are three-valued:
:func:`sign` returns ``+1``/``-1``/``0`` only when the ball decides it, and ``None`` otherwise
(a ball that straddles 0 is undecided, never true and never false).

Source: F. Johansson, "Arb: efficient arbitrary-precision midpoint-radius interval
arithmetic", IEEE Trans. Computers 66(8), 2017.

>>> import sympy
>>> x = sympy.Symbol("x", positive=True)
>>> sign(sympy.exp(x) - 1 - x, {x: sympy.Rational(1, 1000)})
1
>>> holds(sympy.sqrt(2) <= sympy.Rational(141421356, 10**8), {})
False
"""
from __future__ import annotations

import contextlib
from typing import Mapping

import flint
import sympy
from flint import arb, fmpq

from ..errors import BackendError

__all__ = ["to_arb", "sign", "holds", "workprec", "Undecided", "SUPPORTED"]


class Undecided(BackendError):
    """The ball is too wide to decide a domain condition (e.g. ``log`` of a ball around 0)."""


@contextlib.contextmanager
def workprec(bits: int):
    """Run a block with arb's working precision set to ``bits``; restores it afterwards."""
    old = flint.ctx.prec
    flint.ctx.prec = int(bits)
    try:
        yield
    finally:
        flint.ctx.prec = old


def _q(r: sympy.Rational) -> arb:
    return arb(fmpq(int(r.p), int(r.q)))


def _positive(b: arb, what: str) -> arb:
    if not b > 0:
        raise Undecided(f"{what} of a ball not certainly positive: {b.str(5)}")
    return b


def _ipow(base: arb, k: int) -> arb:
    """``base**k`` for ``k >= 0`` by repeated squaring (arb's ``**`` gives nan on balls containing 0)."""
    out, sq = arb(1), base
    while k:
        if k & 1:
            out = out * sq
        k >>= 1
        if k:
            sq = sq * sq
    return out


def _pow(base: arb, e: sympy.Basic, base_expr, point) -> arb:
    if e.is_Integer:
        k = int(e)
        if k < 0:
            if base.contains(0):
                raise Undecided(f"division by a ball containing 0 in {base_expr}")
            return 1 / _ipow(base, -k)
        return _ipow(base, k)
    if e.is_Rational:
        if base.is_exact() and base == 0 and e > 0:
            return arb(0)
        if e.q == 2 and base >= 0:  # sqrt of a certainly non-negative ball
            return _pow(base.nonnegative_part().sqrt(), sympy.Integer(e.p), base_expr, point)
        _positive(base, f"power {e}")
        return (base.log() * _q(e)).exp()
    ev = to_arb(e, point)
    _positive(base, "real power")
    return (base.log() * ev).exp()


def to_arb(expr, point: Mapping[sympy.Symbol, object]) -> arb:
    """An arb ball enclosing ``expr`` at ``point`` (symbol -> rational, int or arb ball).

    Raises
    ------
    Undecided
        A domain condition (positive argument of ``log``, non-zero divisor) is not certain.
    BackendError
        ``expr`` contains a function outside :data:`SUPPORTED`.
    """
    expr = sympy.sympify(expr)
    if expr.is_Symbol:
        if expr not in point:
            raise BackendError(f"arb: no value for symbol {expr}")
        v = point[expr]
        if isinstance(v, arb):
            return v
        return _q(sympy.Rational(v))
    if expr.is_Rational:
        return _q(expr)
    if expr.is_Float:
        raise BackendError(f"arb: floating-point constant {expr} is not exact")
    if expr is sympy.pi:
        return arb.pi()
    if expr is sympy.E:
        return arb.const_e()
    if expr.is_Add:
        out = arb(0)
        for a in expr.args:
            out += to_arb(a, point)
        return out
    if expr.is_Mul:
        out = arb(1)
        for a in expr.args:
            out *= to_arb(a, point)
        return out
    if expr.is_Pow:
        return _pow(to_arb(expr.base, point), expr.exp, expr, point)
    f, args = expr.func, expr.args
    if f in _UNARY:
        return _UNARY[f](to_arb(args[0], point))
    if f is sympy.Max:
        vals = [to_arb(a, point) for a in args]
        out = vals[0]
        for v in vals[1:]:
            out = out.max(v)
        return out
    if f is sympy.Min:
        vals = [to_arb(a, point) for a in args]
        out = vals[0]
        for v in vals[1:]:
            out = out.min(v)
        return out
    raise BackendError(f"arb: unsupported function {f.__name__} in {expr}")


_UNARY = {
    sympy.exp: lambda a: a.exp(),
    sympy.log: lambda a: _positive(a, "log").log(),
    sympy.sin: lambda a: a.sin(),
    sympy.cos: lambda a: a.cos(),
    sympy.tan: lambda a: a.tan(),
    sympy.atan: lambda a: a.atan(),
    sympy.Abs: lambda a: abs(a),
    sympy.sinh: lambda a: a.sinh(),
    sympy.cosh: lambda a: a.cosh(),
    sympy.tanh: lambda a: a.tanh(),
    sympy.erf: lambda a: a.erf(),
    sympy.erfc: lambda a: a.erfc(),
}

#: The SymPy functions :func:`to_arb` evaluates.
SUPPORTED = tuple(sorted([f.__name__ for f in _UNARY] + ["Max", "Min", "Pow", "Add", "Mul"]))


def sign(expr, point, *, precs=(64, 256, 1024)):
    """The sign of ``expr`` at ``point``: ``1``, ``-1``, ``0`` (exactly zero), or ``None`` (undecided).

    When every value of ``point`` is exact and ``expr`` evaluates to a rational (a rational
    function at a rational point), the sign is computed exactly.  Otherwise tries each working
    precision in ``precs`` until the ball excludes 0 or is exactly 0.
    """
    # The exact shortcut only for rational functions (integer powers): SymPy evaluates other terms
    # in the complex numbers (sqrt(-2)*sqrt(-2) = -2), which must stay undecided here.
    rational_function = all(not p.is_Pow or p.exp.is_Integer for p in sympy.preorder_traversal(sympy.sympify(expr))
                            if isinstance(p, sympy.Basic)) and not sympy.sympify(expr).has(
                                *[f for f in _UNARY] + [sympy.Max, sympy.Min])
    if rational_function and not any(isinstance(v, arb) for v in point.values()):
        exact = sympy.sympify(expr).xreplace({k: sympy.Rational(v) for k, v in point.items()})
        if exact.is_Rational:
            return 1 if exact.p > 0 else (-1 if exact.p < 0 else 0)
    for bits in precs:
        with workprec(bits):
            try:
                v = to_arb(expr, point)
            except Undecided:
                continue
            if v > 0:
                return 1
            if v < 0:
                return -1
            if v.is_exact() and v == 0:
                return 0
    return None


def holds(rel, point, *, precs=(64, 256, 1024)):
    """Three-valued truth of a relation (or And/Or/Not of relations) at ``point``.

    ``True`` and ``False`` are certain; ``None`` means the balls could not decide.
    """
    if rel is sympy.true or rel is True:
        return True
    if rel is sympy.false or rel is False:
        return False
    if isinstance(rel, sympy.And):
        vals = [holds(a, point, precs=precs) for a in rel.args]
        return False if False in vals else (None if None in vals else True)
    if isinstance(rel, sympy.Or):
        vals = [holds(a, point, precs=precs) for a in rel.args]
        return True if True in vals else (None if None in vals else False)
    if isinstance(rel, sympy.Not):
        v = holds(rel.args[0], point, precs=precs)
        return None if v is None else (not v)
    s = sign(rel.rhs - rel.lhs, point, precs=precs)   # rhs - lhs
    if s is None:
        return None
    op = rel.rel_op
    table = {"<=": s >= 0, "<": s > 0, ">=": s <= 0, ">": s < 0, "==": s == 0, "!=": s != 0}
    if op not in table:
        raise BackendError(f"arb: unsupported relation {op}")
    return table[op]
