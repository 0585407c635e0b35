"""Certified polynomial and rational bounds of exp, log, sin, cos and atan (MetiTarski's bound table).

Each :class:`Bound` says ``f(u) >= B(u)`` (``lower``) or ``f(u) <= B(u)`` (``upper``) for every
``u`` of a closed range ``[lo, hi]`` (``None`` for an infinite end), with ``B = num/den`` a ratio
of polynomials with rational coefficients and ``den > 0`` on the range.  Every bound has a short
classical proof, named in its ``source``:

``exp``   Taylor's theorem with Lagrange remainder, ``e^u = T_n(u) + e^c u^(n+1)/(n+1)!`` with
          ``c`` between 0 and ``u``: the remainder is ``>= 0`` for every ``u`` when ``n`` is odd
          (``T_n`` is a lower bound everywhere), ``<= 0`` for ``u <= 0`` when ``n`` is even (upper
          bound on ``u <= 0``); for ``0 <= u`` with ``u^(n+1) < (n+1)!``, ``e^c <= e^u`` gives
          ``e^u <= T_n(u) / (1 - u^(n+1)/(n+1)!)``; for ``u <= 0`` and odd ``n``,
          ``e^u = 1/e^(-u) <= 1/T_n(-u)`` (``T_n(-u) >= 1 > 0``).
``log``   the series ``ln u = 2 atanh s = 2 (s + s^3/3 + s^5/5 + ...)``, ``s = (u - 1)/(u + 1)``
          (A&S 4.1.27), valid for every ``u > 0``: for ``u >= 1`` (``0 <= s < 1``) a partial sum is a
          lower bound and the partial sum plus ``s^(2k+1)/((2k+1)(1 - s^2))`` (the tail bounded by a
          geometric series) an upper bound; for ``0 < u <= 1`` both swap (``s <= 0``).
``sin``   ``cos``: the alternating Taylor bounds, proved by integrating ``cos t <= 1`` repeatedly from
          0: ``cos u <= T_(4k)(u)``, ``cos u >= T_(4k+2)(u)`` for every real ``u``;
          ``sin u <= T_(4k+1)(u)``, ``sin u >= T_(4k+3)(u)`` for ``u >= 0`` (mirrored for ``u <= 0``,
          sin being odd); and ``|sin u|, |cos u| <= 1`` (A&S 4.3).
``atan``  ``atan u = int_0^u dt/(1 + t^2)`` with the exact remainder of the geometric series,
          ``1/(1 + t^2) = sum_(j<n) (-t^2)^j + (-t^2)^n/(1 + t^2)``: for ``u >= 0`` the partial sums
          ``T_(4k+1)`` are upper and ``T_(4k+3)`` lower bounds (mirrored for ``u <= 0``);
          ``atan u >= 3u/(3 + u^2)`` for ``u >= 0`` (its difference has derivative
          ``4u^4/((1 + u^2)(3 + u^2)^2) >= 0`` and vanishes at 0); ``|atan u| <= 8/5`` (``pi/2 < 8/5``);
          and for ``u > 0``, ``atan u = pi/2 - atan(1/u)`` with the Taylor bounds of ``atan(1/u)``.

Sources: B. Akbarpour and L. C. Paulson, "MetiTarski: An Automatic Theorem Prover for Real-Valued
Special Functions", J. Automated Reasoning 44 (2010) 175-205 (the method and the families of
bounds); M. Abramowitz and I. A. Stegun, *Handbook of Mathematical Functions* (1964), 4.1.27,
4.2, 4.3; L. C. Paulson, "Special_Function_Bounds", Archive of Formal Proofs (2014).

Every bound of :data:`TABLE` is tested against arb (python-flint) at many points of its range and
at its ends (``tests/symbolic/test_bounds.py``).  :func:`citation` turns a bound into a
:class:`~symbolic.citation.Citation` with its template obligation.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import sympy

from ..domain import Domain, Obligation, Var

__all__ = ["Bound", "TABLE", "U", "by_key", "bounds_for", "citation", "PI_LO", "PI_HI"]

#: The argument of every bound.
U = sympy.Symbol("u", real=True)
R = sympy.Rational
#: pi lies strictly between these (355/113 - pi = 2.7e-7 > 0, pi - 333/106 = 8.3e-5 > 0).
PI_LO, PI_HI = R(333, 106), R(355, 113)

_FUNCS = {"exp": sympy.exp, "log": sympy.log, "sin": sympy.sin, "cos": sympy.cos, "atan": sympy.atan}


@dataclass(frozen=True)
class Bound:
    """``func(u) >= num/den`` (side ``lower``) or ``<=`` (``upper``) for ``lo <= u <= hi``.

    ``lo``/``hi`` are rationals or ``None`` (infinite end); ``open_lo`` excludes ``lo`` (only
    ``log`` at 0 and ``atan(1/u)`` at 0 need it).  ``num``, ``den`` are polynomials in :data:`U`;
    ``den > 0`` on the range.  ``degree`` orders the bounds from cheap to tight.
    """

    key: str
    func: str
    side: str
    num: sympy.Expr
    den: sympy.Expr
    lo: sympy.Rational | None
    hi: sympy.Rational | None
    source: str
    degree: int
    open_lo: bool = False

    @property
    def expr(self) -> sympy.Expr:
        """The bound ``num/den`` as one expression in :data:`U`."""
        return self.num / self.den

    def contains(self, lo, hi) -> bool:
        """True when the whole interval ``[lo, hi]`` (``None``: infinite) lies in the bound's range."""
        if self.lo is not None and (lo is None or lo < self.lo or (self.open_lo and lo == self.lo)):
            return False
        return self.hi is None or (hi is not None and hi <= self.hi)

    def statement(self) -> str:
        """The bound in words, e.g. ``exp(u) >= u + 1 for every real u``."""
        rel = ">=" if self.side == "lower" else "<="
        rng = []
        if self.lo is not None:
            rng.append(f"u {'>' if self.open_lo else '>='} {self.lo}")
        if self.hi is not None:
            rng.append(f"u <= {self.hi}")
        where = f" for {' and '.join(rng)}" if rng else " for every real u"
        return f"{self.func}(u) {rel} {sympy.sstr(self.expr)}{where}"


def _taylor(func, n):
    """The Taylor polynomial of degree ``n`` at 0 of exp, sin, cos or atan, from its coefficients
    (A&S 4.2.1, 4.3.65, 4.3.66, 4.4.42): the polynomial ``sympy.series`` gives, which took 0.5 s for
    the table's 32.  Raises ValueError for another function."""
    if func == "exp":
        coeffs = [sympy.Rational(1, sympy.factorial(j)) for j in range(n + 1)]
    elif func in ("sin", "cos"):
        odd = func == "sin"
        coeffs = [sympy.Rational((-1) ** (j // 2), sympy.factorial(j)) if j % 2 == odd else 0 for j in range(n + 1)]
    elif func == "atan":
        coeffs = [sympy.Rational((-1) ** (j // 2), j) if j % 2 else 0 for j in range(n + 1)]
    else:
        raise ValueError(f"_taylor: no Taylor coefficients for {func!r}")
    return sympy.Add(*(c * U ** j for j, c in enumerate(coeffs)))


def _exp_bounds():
    out = []
    for n in (1, 3, 5, 7, 9):
        out.append(Bound(f"exp-lower-taylor{n}", "exp", "lower", _taylor("exp", n), sympy.Integer(1), None, None,
                         f"Taylor-Lagrange: e^u - T_{n}(u) = e^c u^{n + 1}/{n + 1}! >= 0 (n odd)", n))
    for n in (2, 4, 6, 8):
        out.append(Bound(f"exp-upper-taylor{n}-neg", "exp", "upper", _taylor("exp", n), sympy.Integer(1), None,
                         sympy.Integer(0), f"Taylor-Lagrange: e^u - T_{n}(u) = e^c u^{n + 1}/{n + 1}! <= 0 for u <= 0", n))
    for n in (1, 3, 5, 7):
        out.append(Bound(f"exp-upper-recip{n}-neg", "exp", "upper", sympy.Integer(1),
                         sympy.expand(_taylor("exp", n).xreplace({U: -U})), None, sympy.Integer(0),
                         f"e^-u >= T_{n}(-u) > 0 for u <= 0 (exp-lower-taylor{n} at -u), take reciprocals", n))
    for n, hi in ((2, R(1)), (4, R(2)), (6, R(2)), (8, R(2))):
        fact = sympy.factorial(n + 1)
        den = sympy.expand(1 - U ** (n + 1) / fact)
        out.append(Bound(f"exp-upper-taylor{n}-pos", "exp", "upper", _taylor("exp", n), den, sympy.Integer(0), hi,
                         f"Taylor-Lagrange with e^c <= e^u: e^u (1 - u^{n + 1}/{n + 1}!) <= T_{n}(u) for "
                         f"0 <= u <= {hi} ({hi}^{n + 1} < {n + 1}!)", n + 1))
    return out


def _log_bounds():
    s = (U - 1) / (U + 1)
    out = []
    for k in (0, 1, 2, 3):
        partial = 2 * sum(s ** (2 * j + 1) / (2 * j + 1) for j in range(k + 1))
        tail = 2 * (sum(s ** (2 * j + 1) / (2 * j + 1) for j in range(k)) + s ** (2 * k + 1) / ((2 * k + 1) * (1 - s ** 2)))
        for name, expr, above in (("partial", partial, "lower"), ("tail", tail, "upper")):
            num, den = sympy.fraction(sympy.cancel(sympy.together(expr)))
            num, den = sympy.expand(num), sympy.expand(den)
            if sympy.Poly(den, U).LC() < 0:
                num, den = -num, -den
            below = "upper" if above == "lower" else "lower"
            what = (f"2 atanh series to s^{2 * k + 1}" if name == "partial" else
                    f"2 atanh series to s^{2 * k - 1} plus the geometric tail bound s^{2 * k + 1}/({2 * k + 1}(1 - s^2))")
            out.append(Bound(f"log-{above}-{name}{k}-ge1", "log", above, num, den, sympy.Integer(1), None,
                             f"A&S 4.1.27, s = (u-1)/(u+1) in [0, 1): {what}", 2 * k + 1))
            out.append(Bound(f"log-{below}-{name}{k}-le1", "log", below, num, den, sympy.Integer(0), sympy.Integer(1),
                             f"A&S 4.1.27, s = (u-1)/(u+1) in (-1, 0]: {what} (signs swap)", 2 * k + 1, open_lo=True))
    return out


def _trig_bounds():
    one = sympy.Integer(1)
    out = [Bound("sin-upper-one", "sin", "upper", one, one, None, None, "|sin u| <= 1 (A&S 4.3)", 0),
           Bound("sin-lower-one", "sin", "lower", -one, one, None, None, "|sin u| <= 1 (A&S 4.3)", 0),
           Bound("cos-upper-one", "cos", "upper", one, one, None, None, "|cos u| <= 1 (A&S 4.3)", 0),
           Bound("cos-lower-one", "cos", "lower", -one, one, None, None, "|cos u| <= 1 (A&S 4.3)", 0)]
    for n in (2, 4, 6, 8, 10):
        side = "upper" if n % 4 == 0 else "lower"
        out.append(Bound(f"cos-{side}-taylor{n}", "cos", side, _taylor("cos", n), one, None, None,
                         f"alternating Taylor bound of cos, every real u (integrate sin/cos bounds from 0)", n))
    for n in (1, 3, 5, 7, 9):
        pos = "upper" if n % 4 == 1 else "lower"
        neg = "lower" if pos == "upper" else "upper"
        t = _taylor("sin", n)
        out.append(Bound(f"sin-{pos}-taylor{n}-pos", "sin", pos, t, one, sympy.Integer(0), None,
                         "alternating Taylor bound of sin for u >= 0 (integrate cos bounds from 0)", n))
        out.append(Bound(f"sin-{neg}-taylor{n}-neg", "sin", neg, t, one, None, sympy.Integer(0),
                         "alternating Taylor bound of sin for u <= 0 (sin is odd)", n))
    return out


def _atan_bounds():
    one = sympy.Integer(1)
    out = [Bound("atan-upper-8/5", "atan", "upper", R(8, 5), one, None, None, "atan u < pi/2 < 8/5", 0),
           Bound("atan-lower-8/5", "atan", "lower", -R(8, 5), one, None, None, "atan u > -pi/2 > -8/5", 0),
           Bound("atan-lower-pade-pos", "atan", "lower", 3 * U, 3 + U ** 2, sympy.Integer(0), None,
                 "atan u - 3u/(3+u^2) vanishes at 0, derivative 4u^4/((1+u^2)(3+u^2)^2) >= 0", 2),
           Bound("atan-upper-pade-neg", "atan", "upper", 3 * U, 3 + U ** 2, None, sympy.Integer(0),
                 "atan-lower-pade-pos at -u (atan is odd)", 2)]
    for n in (1, 3, 5, 7, 9):
        pos = "upper" if n % 4 == 1 else "lower"
        neg = "lower" if pos == "upper" else "upper"
        t = _taylor("atan", n)
        why = "atan u = int_0^u dt/(1+t^2), geometric series with its exact remainder"
        out.append(Bound(f"atan-{pos}-taylor{n}-pos", "atan", pos, t, one, sympy.Integer(0), None, why + ", u >= 0", n))
        out.append(Bound(f"atan-{neg}-taylor{n}-neg", "atan", neg, t, one, None, sympy.Integer(0), why + ", u <= 0 (odd)", n))
    # atan u = pi/2 - atan(1/u) for u > 0: atan(1/u) <= 1/u and >= 1/u - 1/(3u^3)
    out.append(Bound("atan-lower-far-pos", "atan", "lower", PI_LO / 2 * U - 1, U, sympy.Integer(0), None,
                     "atan u = pi/2 - atan(1/u) >= pi/2 - 1/u for u > 0 (pi > 333/106)", 3, open_lo=True))
    out.append(Bound("atan-upper-far-pos", "atan", "upper", sympy.expand(PI_HI / 2 * 3 * U ** 3 - 3 * U ** 2 + 1),
                     3 * U ** 3, sympy.Integer(0), None,
                     "atan u = pi/2 - atan(1/u) <= pi/2 - 1/u + 1/(3u^3) for u > 0 (pi < 355/113)", 3, open_lo=True))
    return out


@lru_cache(maxsize=1)
def _table() -> tuple:
    return tuple(_exp_bounds() + _log_bounds() + _trig_bounds() + _atan_bounds())


class _Table:
    def __iter__(self):
        return iter(_table())

    def __len__(self):
        return len(_table())


#: Every certified bound (built on first use).
TABLE = _Table()


def by_key(key: str) -> Bound:
    """The bound named ``key``; raises KeyError."""
    for b in _table():
        if b.key == key:
            return b
    raise KeyError(key)


def bounds_for(func: str, side: str, lo, hi, max_degree: int) -> list[Bound]:
    """The bounds of ``func`` on ``side`` valid on all of ``[lo, hi]`` with degree <= ``max_degree``,
    tightest (highest degree) first."""
    got = [b for b in _table() if b.func == func and b.side == side and b.degree <= max_degree and b.contains(lo, hi)]
    return sorted(got, key=lambda b: -b.degree)


def citation(b: Bound):
    """The :class:`~symbolic.citation.Citation` of a bound: its statement, source and template obligation."""
    from ..citation import Citation
    v = Var("u", "real", b.lo, b.hi, b.open_lo, False)
    u = v.symbol
    f = _FUNCS[b.func](u)
    e = b.expr.xreplace({U: u})
    concl = sympy.GreaterThan(f, e, evaluate=False) if b.side == "lower" else sympy.LessThan(f, e, evaluate=False)
    return Citation(b.key, f"{b.side} bound of {b.func}", b.statement(), b.source, Obligation(concl, (), Domain((v,))))
