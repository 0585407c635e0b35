"""Where sampling looks, as exact points drawn from a seeded integer generator.

Every coordinate is coded by a float ``u`` that is an exact dyadic rational:

* ``0 <= u <= 1`` is the point ``lo + (hi - lo) * u`` of the variable's regime ``[lo, hi]``
  (:meth:`symbolic.domain.Var.regime_box`), computed in float and kept inside the range and the
  regime: the point is the exact rational that float stands for, so the float pre-screen sees
  the point itself; for an integer, ``lo + floor((hi - lo + 1) * u)`` capped at ``hi``;
* ``u < 0`` is the stress value number ``-1 - u`` (:func:`stress_values`): a point of the
  variable's range beyond its regime (huge magnitudes, or extremely close to an open end).

The codes are made only from integers, IEEE division and products of exactly rounded
constants, so the same seed gives the same codes on every machine; the exact rational of a code
(:meth:`Axis.exact`) is what mpmath and arb evaluate.
"""
from __future__ import annotations

from fractions import Fraction

import numpy as np
import sympy

from ..domain import Var

__all__ = ["Axis", "enumerate_all", "cloud", "stress_cloud", "propose", "stress_values", "is_stress"]

_TEN = [float(Fraction(1, 10 ** j)) for j in range(19)]     # 10^-j, exactly rounded


def stress_values(v: Var) -> list[Fraction]:
    """Exact values of the range of ``v`` outside its regime: 10^3..10^20 in magnitude, and
    10^-6..10^-12 away from a finite end of the range that the regime does not reach."""
    lo, hi = (Fraction(int(e.p), int(e.q)) for e in v.regime_box())
    cands = [s * Fraction(10) ** k for k in (3, 4, 6, 9, 12, 15, 20) for s in (1, -1)]
    if v.kind == "real":
        for end, sign in ((v.lo, 1), (v.hi, -1)):
            if end is not None:
                e = Fraction(int(end.p), int(end.q))
                cands += [e + sign * Fraction(1, 10 ** k) for k in (6, 9, 12)]
                closed = not (v.lo_open if sign == 1 else v.hi_open)
                if closed:
                    cands.append(e)
    out = []
    for c in cands:
        if (c < lo or c > hi) and v.contains(sympy.Rational(c.numerator, c.denominator)) and c not in out:
            out.append(c)
    return out


class Axis:
    """One variable's regime, its simple values and stress values, and the codes that address them."""

    def __init__(self, v: Var):
        self.var = v
        self.integer = v.kind == "integer"
        self._range_lo = None if v.lo is None else Fraction(int(v.lo.p), int(v.lo.q))
        self._range_hi = None if v.hi is None else Fraction(int(v.hi.p), int(v.hi.q))
        lo, hi = v.regime_box()
        self.lo, self.hi = Fraction(int(lo.p), int(lo.q)), Fraction(int(hi.p), int(hi.q))
        self.width = self.hi - self.lo
        self.lo_f, self.width_f = float(self.lo), float(self.width)
        self.in_lo, self.in_hi = self._inner(self.lo, 1), self._inner(self.hi, -1)
        # a regime that is one value (or holds no float inside it): every code is that value
        self.single = self.width == 0 or self.in_lo is None or self.in_hi is None or self.in_lo > self.in_hi
        self.single_value = self.lo if self.width == 0 else (self.lo + self.hi) / 2
        simple = [c for c in (Fraction(0), Fraction(1), Fraction(1, 2), Fraction(2), Fraction(-1),
                              Fraction(1, 3), Fraction(1, 10))
                  if self.lo <= c <= self.hi and v.contains(sympy.Rational(c.numerator, c.denominator))]
        stress = stress_values(v)
        self.values = simple + stress                  # codes -1, -2, ...
        self.inside = [True] * len(simple) + [False] * len(stress)
        self.n_simple = len(simple)
        self.values_f = np.array([float(c) for c in self.values]) if self.values else np.zeros(0)

    def contains_fraction(self, f: Fraction) -> bool:
        """:meth:`symbolic.domain.Var.contains` for a :class:`~fractions.Fraction` (exact, without SymPy)."""
        v = self.var
        if self.integer and f.denominator != 1:
            return False
        if self._range_lo is not None and (f < self._range_lo or (v.lo_open and f == self._range_lo)):
            return False
        if self._range_hi is not None and (f > self._range_hi or (v.hi_open and f == self._range_hi)):
            return False
        return True

    def code_of(self, value: Fraction) -> float:
        """The code of an exact value of the range (added to the value list if new)."""
        if value in self.values:
            return -1.0 - self.values.index(value)
        self.values.append(value)
        self.inside.append(self.lo <= value <= self.hi)
        self.values_f = np.array([float(c) for c in self.values])
        return -1.0 - (len(self.values) - 1)

    def regime_text(self) -> list[str]:
        return [str(self.lo), str(self.hi)]

    def _inner(self, end: Fraction, direction: int) -> float:
        """The float nearest ``end`` on the regime's side of it that lies in the range and regime
        (``2^-60`` of the regime's width inside when the range is open there)."""
        x = float(end)
        if not self._allowed(Fraction(x)):
            x = float(end + direction * self.width * Fraction(1, 2 ** 60))
        toward = np.inf if direction > 0 else -np.inf
        for _ in range(64):
            if self._allowed(Fraction(x)):
                return x
            x = float(np.nextafter(x, toward))
        return None

    def _allowed(self, f: Fraction) -> bool:
        return self.lo <= f <= self.hi and self.var.contains(sympy.Rational(f.numerator, f.denominator))

    def clip(self, u):
        return np.clip(u, 0.0, 1.0)

    def floats(self, u):
        """Float values of codes ``u`` (array).  A regime code's float *is* its point: the exact
        value of :meth:`exact` is the rational this float stands for."""
        out = np.empty_like(u)
        reg = u >= 0
        if self.single:
            out[reg] = float(self.single_value)
        elif self.integer:
            out[reg] = self.lo_f + np.minimum(np.floor((self.width_f + 1.0) * u[reg]), self.width_f)
        else:
            out[reg] = np.clip(self.lo_f + self.width_f * u[reg], self.in_lo, self.in_hi)
        if (~reg).any():
            out[~reg] = self.values_f[(-1 - u[~reg]).astype(int)]
        return out

    def exact(self, code: float) -> Fraction:
        """The exact value a code stands for."""
        if code < 0:
            return self.values[int(-1 - code)]
        if self.single:
            return self.single_value
        if self.integer:
            return self.lo + min(int(np.floor((self.width_f + 1.0) * code)), int(self.width))
        # :meth:`floats` for one code, in Python floats: the same IEEE operations, so the same double
        x = self.lo_f + self.width_f * float(code)
        return Fraction(min(max(x, self.in_lo), self.in_hi))

    def stressed(self, u):
        """True where a code is a value outside the regime."""
        out = np.zeros(u.shape, dtype=bool)
        neg = u < 0
        if neg.any():
            out[neg] = ~np.array(self.inside, dtype=bool)[(-1 - u[neg]).astype(int)]
        return out

    def as_u(self, u):
        """Codes with simple values replaced by a nearby regime code (stress codes kept)."""
        out = u.copy()
        simple = (u < 0) & ~self.stressed(u)
        if simple.any() and self.width > 0:
            vals = self.values_f[(-1 - u[simple]).astype(int)]
            out[simple] = self.clip((vals - self.lo_f) / self.width_f)
        elif simple.any():
            out[simple] = 0.0
        return out

    def draw(self, rng, n):
        """``n`` codes: uniform on a 2^-30 grid, log-uniform towards each end, and simple values."""
        kind = rng.integers(0, 10, n)
        uni = rng.integers(0, 2 ** 30 + 1, n) / float(2 ** 30)
        near = rng.integers(1, 1001, n) / 1000.0 * np.array(_TEN)[rng.integers(0, 16, n)]
        u = self.clip(np.where(kind < 4, uni, np.where(kind < 7, near, 1.0 - near)))
        if self.n_simple:
            u = np.where(kind == 9, -1.0 - rng.integers(0, self.n_simple, n), u)
        return u

    def stress_code(self, rng, n):
        outside = [k for k, inside in enumerate(self.inside) if not inside]
        return -1.0 - np.array(outside)[rng.integers(0, len(outside), n)]


def enumerate_all(axes, limit):
    """Codes of every point of the regime box when it is finite with at most ``limit`` points, else None."""
    sizes = []
    for a in axes:
        if a.integer and a.width < limit:
            sizes.append(int(a.width) + 1)
        elif a.single:
            sizes.append(1)
        else:
            return None
    if int(np.prod(sizes, dtype=object)) > limit:
        return None
    grids = [(np.arange(k) + 0.5) / float(k) for k in sizes]
    if not axes:
        return np.zeros((0, 1))
    return np.array(np.meshgrid(*grids, indexing="ij")).reshape(len(axes), -1)


def cloud(axes, rng, n):
    """Codes of shape (d, corners + n): the corners of the regime box (at most 256), then ``n`` draws."""
    d = len(axes)
    if d == 0:
        return np.zeros((0, 1))
    ends = [np.unique(a.clip(np.array([0.0, 1.0, 0.5]))) for a in axes]
    if np.prod([len(e) for e in ends]) <= 256:
        grid = np.array(np.meshgrid(*ends, indexing="ij")).reshape(d, -1)
    else:
        grid = np.array([e[rng.integers(0, len(e), 256)] for e in ends])
    rand = np.array([a.draw(rng, n) for a in axes])
    return np.concatenate([grid, rand], axis=1)


def stress_cloud(axes, rng, base, n):
    """``n`` codes made from regime codes ``base`` (d, N) by moving one or all coordinates to stress values."""
    d = len(axes)
    with_stress = [i for i, a in enumerate(axes) if not all(a.inside)]
    if not with_stress or base.shape[1] == 0:
        return np.zeros((d, 0))
    U = base[:, rng.integers(0, base.shape[1], n)].copy()
    which = np.array(with_stress)[rng.integers(0, len(with_stress), n)]
    for i in with_stress:
        one = which == i
        U[i, one] = axes[i].stress_code(rng, int(one.sum()))
    every = rng.integers(0, 4, n) == 0        # a quarter move every variable that has stress values
    for i in with_stress:
        U[i, every] = axes[i].stress_code(rng, int(every.sum()))
    return U


def propose(axes, rng, U, n):
    """``n`` codes near the columns of ``U`` (regime codes): a step of 2^-1 .. 2^-24 of the regime
    along one coordinate or along a random integer direction."""
    d = len(axes)
    base = np.array([a.as_u(U[i]) for i, a in enumerate(axes)])[:, rng.integers(0, U.shape[1], n)]
    scale = np.ldexp(1.0, -rng.integers(1, 25, n))
    one = rng.integers(0, 2, n) == 0
    coord = rng.integers(0, d, n)
    direction = rng.integers(-2, 3, (d, n)).astype(float)
    direction[:, one] = 0.0
    sign = np.where(rng.integers(0, 2, n) == 0, 1.0, -1.0)
    direction[coord[one], np.nonzero(one)[0]] = sign[one]
    out = base + direction * scale
    return np.array([a.clip(out[i]) for i, a in enumerate(axes)])


def is_stress(axes, U):
    """For codes ``U`` (d, N): True where some coordinate is a stress value."""
    out = np.zeros(U.shape[1], dtype=bool)
    for i, a in enumerate(axes):
        out |= a.stressed(U[i])
    return out
