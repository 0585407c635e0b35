"""Margins of relations, compiled once: a float64 pre-screen that knows when it cannot decide,
and an mpmath evaluation at exact points, which is what sampling reports.

The *margin* of ``a <= b`` or ``a < b`` is ``b - a``; of ``a >= b`` or ``a > b`` it is ``a - b``; of
``Eq(a, b)`` it is ``-|a - b|``; of ``Ne(a, b)`` it is ``|a - b|``; And/Or take the min/max of
their parts.  A relation holds where its margin is ``>= 0`` (``> 0`` when strict).  The
*relative* margin divides by the size of the two sides, ``|a| + |b|`` (0 when both are 0), so
it lies in ``[-1, 1]`` and reads the same at every scale.

Float evaluation is not reproducible across CPUs (NumPy dispatches ``exp``, ``log`` and ``pow``
to SIMD kernels that differ in the last bits).  So a float truth value is used only when it
is *clear*: ``|margin| > GUARD * s`` with ``s`` the sum of absolute values of every term of both
sides (a bound on the rounding error's scale).  Anything else, NaN and overflow included, is
``undecided`` and is re-decided in mpmath at the exact point, which is deterministic.
Float relative margins are used only to rank points, after rounding to :data:`RANK_GRID`.
"""
from __future__ import annotations

import math

import mpmath
import numpy as np
import sympy

from .. import memo
from ..errors import BackendError

__all__ = ["Margins", "GUARD", "RANK_GRID", "UNDECIDED"]

#: A float margin decides a relation only beyond this fraction of its terms' absolute size.
GUARD = 1e-9
#: Float relative margins are rounded to this grid before ranking (rounding noise ties).
RANK_GRID = 1e-8
#: Three-valued float truth: 1 true, 0 false, this value undecided.
UNDECIDED = -1


def _absval(e):
    """A first-order bound on the scale of ``e``'s rounding error, up to a factor of the unit roundoff.

    Sums and products add and multiply the scales of their terms; ``b**k`` (negative or fractional
    ``k``) and ``f(u)`` for a function ``f`` carry the error of their argument through their
    derivative (``|f'(u)| * scale(u)``), so cancellation inside ``log(exp(x) - 1)`` is accounted for.
    """
    if e.is_Number or e.is_Symbol or not e.args:
        return sympy.Abs(e)
    if e.is_Add or e.is_Mul:
        return e.func(*[_absval(a) for a in e.args])
    if e.is_Pow and e.exp.is_Number:
        if e.exp.is_Integer and e.exp > 0:
            return sympy.Pow(_absval(e.base), e.exp)
        return sympy.Abs(e) * (1 + sympy.Abs(e.exp) * _absval(e.base) / sympy.Abs(e.base))
    if isinstance(e, sympy.Abs):
        return _absval(e.args[0])
    if len(e.args) == 1 and isinstance(e, sympy.Function):
        u = e.args[0]
        d = sympy.Dummy("u")
        slope = e.func(d).diff(d).subs(d, u)
        return sympy.Abs(e) + sympy.Abs(slope) * _absval(u)
    return sympy.Add(*[_absval(a) for a in e.args]) + sympy.Abs(e)


def _atom(rel) -> tuple:
    """``(margin, strict, size |a|+|b|, guard scale)`` of one relation."""
    a, b, op = rel.lhs, rel.rhs, rel.rel_op
    margin = {"<=": b - a, "<": b - a, ">=": a - b, ">": a - b,
              "==": -sympy.Abs(a - b), "!=": sympy.Abs(a - b)}.get(op)
    if margin is None:
        raise BackendError(f"sampling: unsupported relation {op!r} in {rel}")
    return margin, op in ("<", ">", "!="), sympy.Abs(a) + sympy.Abs(b), _absval(a) + _absval(b)


class Margins:
    """The atoms (relations) of a conclusion and hypotheses, as trees of margins.

    Parameters
    ----------
    symbols : the variables, in the order of the rows of the points given to :meth:`floats`.
    conclusion : a relation (or And/Or/Not of relations), or None.
    hypotheses : relations.

    Raises
    ------
    BackendError
        A part that is not a relation.
    """

    def __init__(self, symbols, conclusion, hypotheses):
        self.symbols = tuple(symbols)
        self.atoms: list[tuple] = []          # (margin, strict, size |a|+|b|, guard scale)
        self.concl = None if conclusion is None else self._tree(conclusion, False)
        self.hyps = [self._tree(h, False) for h in hypotheses]
        exprs = [m for m, _, _, _ in self.atoms] + [s for _, _, s, _ in self.atoms] + \
                [g for _, _, _, g in self.atoms]
        extra = {"erf": np.vectorize(math.erf, otypes=[float]),
                 "erfc": np.vectorize(math.erfc, otypes=[float])}
        # compiled once per audit (symbolic.memo): the constant search re-uses the hypotheses' atoms
        self._np = memo.cached("margins-np", (self.symbols, tuple(exprs)),
                               lambda: sympy.lambdify(self.symbols, exprs, [extra, "numpy"], cse=True))
        self._mp = [memo.cached("margins-mp", (self.symbols, m, s, g),
                                lambda m=m, s=s, g=g: sympy.lambdify(self.symbols, (m, s, g), "mpmath"))
                    for m, _, s, g in self.atoms]

    # -- building ------------------------------------------------------------------------
    def _tree(self, rel, negate):
        if isinstance(rel, sympy.Not):
            return self._tree(rel.args[0], not negate)
        if isinstance(rel, (sympy.And, sympy.Or)):
            conj = isinstance(rel, sympy.And) != negate
            return ("and" if conj else "or", [self._tree(a, negate) for a in rel.args])
        if not isinstance(rel, sympy.core.relational.Relational):
            raise BackendError(f"sampling: cannot read {rel!r} as a relation (<=, <, >=, >, Eq, Ne, And, Or, Not)")
        if negate:
            rel = rel.negated
        self.atoms.append(memo.cached("margins-atom", rel, lambda: _atom(rel)))
        return ("rel", len(self.atoms) - 1)

    # -- float pre-screen ----------------------------------------------------------------
    def floats(self, X):
        """Points ``X`` of shape (d, N) -> (hypotheses truth, conclusion truth, conclusion rank key).

        Truth arrays hold 1, 0 or :data:`UNDECIDED`; the rank key is the conclusion's relative
        margin rounded to :data:`RANK_GRID`, NaN where the float value is unusable or within
        rounding of 0 (such points are ranked by mpmath when they are evaluated exactly).
        """
        n = X.shape[1]
        k = len(self.atoms)
        if k == 0:
            return np.ones(n, dtype=np.int8), np.ones(n, dtype=np.int8), np.zeros(n)
        with np.errstate(all="ignore"):
            try:
                vals = [np.broadcast_to(np.asarray(v, dtype=complex if np.iscomplexobj(v) else float), (n,))
                        for v in self._np(*X)]
            except (NameError, TypeError, AttributeError, ValueError, ZeroDivisionError, OverflowError):
                nan = np.full(n, np.nan)
                vals = [nan] * (3 * k)
            vals = [np.where(np.imag(v) == 0, np.real(v), np.nan) if np.iscomplexobj(v) else v for v in vals]
            m, size, guard = vals[:k], vals[k:2 * k], vals[2 * k:]
            truth, rel = [], []
            for i, (_, strict, _, _) in enumerate(self.atoms):
                ok = np.isfinite(m[i]) & np.isfinite(guard[i])
                clear = ok & (np.abs(m[i]) > GUARD * guard[i])
                t = np.full(n, UNDECIDED, dtype=np.int8)
                t[clear & (m[i] > 0)] = 1
                t[clear & (m[i] < 0)] = 0
                truth.append(t)
                r = np.where(ok & np.isfinite(size[i]) & (size[i] > 0), m[i] / size[i], np.nan)
                r = np.where(ok & (size[i] == 0) & (m[i] == 0), 0.0, r)
                r = np.where(clear, r, np.nan)        # within rounding of 0: the float cannot rank it
                rel.append(np.round(r / RANK_GRID) * RANK_GRID)
        hyp = np.ones(n, dtype=np.int8)
        for h in self.hyps:
            hyp = _and3(hyp, _tree3(h, truth))
        if self.concl is None:
            return hyp, np.ones(n, dtype=np.int8), np.zeros(n)
        return hyp, _tree3(self.concl, truth), _tree_rel(self.concl, rel)

    # -- mpmath at exact points ----------------------------------------------------------
    def exact(self, point, dps):
        """At one exact point: (hypotheses hold, relative margin, holds), all at ``dps`` digits.
        ``None`` where a hypothesis fails (the conclusion is then not evaluated) or a needed atom is
        undefined.

        ``point(prec)`` gives the point's coordinates as mpmath numbers at ``prec`` digits.
        ``None`` where a needed atom is undefined there (division by 0, log of a negative, ...).
        A relative margin below ``10**(-dps/4)`` is re-evaluated at ``4 * dps`` digits: it is kept
        if the two agree to 3 digits, and otherwise it is rounding noise (the error of ``exp(u)``
        grows with ``|u|``, of a difference with its terms) and taken as exactly 0: true when
        non-strict, false when strict.
        """
        coords = {}

        def at(prec):
            if prec not in coords:
                coords[prec] = point(prec)
            return coords[prec]

        vals = _Lazy(self, at, dps)
        with mpmath.workdps(dps):
            for h in self.hyps:            # the conclusion is evaluated only where every hypothesis holds
                t = _tree_mp(h, vals)
                if t is None or not t[1]:
                    return None
            if self.concl is None:
                return True, mpmath.mpf(0), True
            t = _tree_mp(self.concl, vals)
            return None if t is None else (True, +t[0], t[1])


class _Lazy:
    """The atoms' ``(relative margin, holds)`` at one point, each evaluated when first asked for."""

    def __init__(self, margins, at, dps):
        self.margins, self.at, self.dps, self.done = margins, at, dps, {}

    def __getitem__(self, i):
        if i not in self.done:
            strict = self.margins.atoms[i][1]
            r = _relative(self.margins._mp[i], self.at, self.dps)
            self.done[i] = None if r is None else (r, r > 0 or (r == 0 and not strict))
        return self.done[i]


def _relative(f, at, dps):
    """Relative margin of one atom (see :meth:`Margins.exact`), or None where undefined."""
    values = []
    for prec in (dps, 4 * dps):
        p = at(prec)
        v = None if p is None else _mp_eval(f, p, prec)
        if v is None:
            return None
        m, s, _ = v
        with mpmath.workdps(prec):
            r = mpmath.mpf(0) if s == 0 else m / s
            values.append(r)
            if prec == dps and abs(r) > mpmath.mpf(10) ** (-(dps // 4)):
                return r
    low, high = values
    with mpmath.workdps(4 * dps):
        if high != 0 and abs(low - high) <= abs(high) / 1000:
            return high
    return mpmath.mpf(0)


def _mp_eval(f, point, prec):
    with mpmath.workdps(prec):
        return _mp_call(f, point)


def _mp_call(f, point):
    try:
        v = f(*point)
    except (ArithmeticError, ValueError, TypeError, OverflowError):
        return None
    out = []
    for x in v:
        if isinstance(x, mpmath.mpc):
            if x.imag != 0:
                return None
            x = x.real
        try:
            x = mpmath.mpf(x)
        except (TypeError, ValueError):
            return None
        if not mpmath.isfinite(x):
            return None
        out.append(x)
    return out


def _and3(a, b):
    out = np.where((a == 0) | (b == 0), 0, np.where((a == 1) & (b == 1), 1, UNDECIDED))
    return out.astype(np.int8)


def _or3(a, b):
    out = np.where((a == 1) | (b == 1), 1, np.where((a == 0) & (b == 0), 0, UNDECIDED))
    return out.astype(np.int8)


def _tree3(tree, truth):
    if tree[0] == "rel":
        return truth[tree[1]]
    parts = [_tree3(t, truth) for t in tree[1]]
    out = parts[0]
    for p in parts[1:]:
        out = _and3(out, p) if tree[0] == "and" else _or3(out, p)
    return out


def _tree_rel(tree, rel):
    if tree[0] == "rel":
        return rel[tree[1]]
    parts = [_tree_rel(t, rel) for t in tree[1]]
    out = parts[0]
    for p in parts[1:]:
        out = np.minimum(out, p) if tree[0] == "and" else np.maximum(out, p)    # NaN (unrankable) spreads
    return out


def _tree_mp(tree, vals):
    if tree[0] == "rel":
        return vals[tree[1]]
    parts = [_tree_mp(t, vals) for t in tree[1]]
    if any(p is None for p in parts):
        return None
    if tree[0] == "and":
        return min(p[0] for p in parts), all(p[1] for p in parts)
    return max(p[0] for p in parts), any(p[1] for p in parts)
