"""Second-order Taylor form at a touching point: closes a box on which ``g >= 0`` is tight at a point.

On a box ``B`` (a convex set) where ``g`` is C^2, Taylor's theorem with the Lagrange remainder gives,
for every ``x`` in ``B`` and a fixed ``c`` in ``B``,

    ``g(x) = g(c) + grad g(c) . (x - c) + 1/2 (x - c)^T H(xi) (x - c)``,  ``xi`` on the segment ``[c, x]``.

When ``g(c) = 0`` and ``grad g(c) = 0`` *exactly* (SymPy evaluates them to the integer 0 at the
rational point ``c``, no simplification) and every symmetric matrix in the arb enclosure of the
Hessian over ``B`` is positive semidefinite, then ``g >= 0`` on all of ``B``: a box containing the
touching point (``log(1 + x^2 + y^2) <= x^2 + y^2`` at the origin) closes, where the natural,
mean-value and monotonicity forms of :mod:`symbolic.backends.interval` leave it open.  Positive
semidefiniteness of the whole interval family is certified by diagonal dominance (Gershgorin):
``inf H_ii >= sum_(j != i) sup |H_ij|`` for every ``i``.  Negative semidefinite alike, for ``g <= 0``.

The point ``c`` tried is the simplest rational of each side of the box (0 when the box contains 0),
the split points the branch and bound prefers.  The Hessian's entries must be finite on ``B``
(arb), which with SymPy's exact derivatives of analytic pieces makes ``g`` C^2 there; derivatives
with ``sign``, ``Heaviside`` (from Abs, Max, Min) are not evaluated by arb and give no bound.

Source: R. E. Moore, R. B. Kearfott, M. J. Cloud, *Introduction to Interval Analysis*, SIAM 2009,
§6.4 (Taylor forms); Gershgorin's circle theorem (R. A. Horn, C. R. Johnson, *Matrix Analysis*, 6.1.1).
"""
from __future__ import annotations

from fractions import Fraction

import sympy

__all__ = ["touching_bounds"]


def _exact_zero(expr, at) -> bool:
    """True only when ``expr`` at the rational point ``at`` evaluates to the integer 0 in SymPy."""
    if expr is None:
        return False
    try:
        val = sympy.expand(expr.xreplace(at))
    except (TypeError, ValueError, ZeroDivisionError):
        return False
    return val == 0 and val.is_Integer


def touching_bounds(enc, g, box, free, simplest):
    """``(L, U)``: ``L = 0`` when ``g >= 0`` on ``box`` follows from the Taylor form above, ``U = 0`` when
    ``g <= 0`` does; ``None`` for a side it does not give.

    ``enc`` is the interval backend's encloser (``deriv``, ``natural``, ``syms``), ``free`` the indices of
    the box's non-degenerate variables that ``g`` depends on, ``simplest(lo, hi)`` a rational of
    ``[lo, hi]`` (Fractions).
    """
    c = [lo if lo == hi else simplest(lo, hi) for lo, hi in box]
    at = {s: sympy.Rational(ci.numerator, ci.denominator) for s, ci in zip(enc.syms, c)}
    if not _exact_zero(g, at):
        return None, None
    grads = [enc.deriv(g, i) for i in free]
    if not all(_exact_zero(d, at) for d in grads):
        return None, None
    ranges = {}
    for a, i in enumerate(free):
        for j in free[a:]:
            h = enc.deriv(grads[a], j)
            b = None if h is None else enc.natural(h, box)
            if b is None or not b.is_finite():
                return None, None
            ranges[(i, j)] = ranges[(j, i)] = _ends(b)
    psd = all(ranges[(i, i)][0] >= sum(_abs_sup(ranges[(i, j)]) for j in free if j != i) for i in free)
    nsd = all(-ranges[(i, i)][1] >= sum(_abs_sup(ranges[(i, j)]) for j in free if j != i) for i in free)
    return (Fraction(0) if psd else None), (Fraction(0) if nsd else None)


def _ends(b):
    m, r = b.mid().fmpq(), b.rad().fmpq()
    lo, hi = m - r, m + r
    return Fraction(int(lo.p), int(lo.q)), Fraction(int(hi.p), int(hi.q))


def _abs_sup(rng):
    return max(abs(rng[0]), abs(rng[1]))
