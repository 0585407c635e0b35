"""The guarded bound axioms of :mod:`symbolic.backends.metitarski`: which bounds, where, and their z3 form.

An :class:`Axiom` of kind ``bound`` says, for one term ``f(arg)`` with value ``v``:

    ``guard_lo <= arg <= guard_hi  ==>  v * den(t) >= scale * num(t) + offset * den(t)``  (``<=`` for upper)

where ``num/den`` is the table bound :func:`symbolic.backends.bounds.by_key` ``(bound)`` and
``t = t(arg)`` its argument.  Without reduction ``t = arg``, ``scale = 1``, ``offset = 0`` and the
guard is the bound's own range.  With reduction (a *piece* of the argument's range):

* ``exp`` on ``[a, a + w]``: ``t = arg - a`` (in ``[0, w]``, inside the bound's range),
  ``scale`` = a rational enclosure end of ``e^a`` certified in arb (below ``e^a`` for a lower bound,
  above for an upper one).  Valid because ``e^arg = e^a e^t``, ``e^a > 0``, and the upper bound
  ``num/den >= e^t > 0``; a lower bound with ``num(t) < 0`` is below ``0 < e^arg`` anyway.
* ``log`` on ``[2^k, 2^(k+1)]``: ``t = arg / 2^k`` (in ``[1, 2]``), ``offset = k * c`` with ``c`` an
  end of a certified rational enclosure of ``ln 2``, chosen so that ``k c`` is below (lower bound)
  or above (upper bound) ``k ln 2``.  Valid because ``ln arg = ln t + k ln 2`` and ``den(t) > 0``.

Kind ``constant``: ``PI_LO < pi < PI_HI``.  Kind ``identity``: ``sin(a)^2 + cos(a)^2 = 1``.
Kind ``ratio`` (pairs of terms of one function, the tangent bounds ``e^t >= 1 + t`` and
``ln t <= t - 1`` of A&S 4.2.30 and 4.1.33 applied to the functional equations
``e^a / e^b = e^(a-b)`` and ``ln a - ln b = ln(a/b)``): ``e^a >= e^b (1 + a - b)`` for every ``a``,
``b``; ``a, b > 0 ==> b (ln a - ln b) <= a - b``.  Kind ``link`` (an ``exp`` and a ``log`` term,
``e^(ln u) = u`` and exp increasing): for ``u > 0``, ``w <= ln u ==> e^w <= u``,
``w >= ln u ==> e^w >= u``, ``w <= -ln u ==> u e^w <= 1``, ``w >= -ln u ==> u e^w >= 1``.

Where the pieces go is a heuristic (the argument's range on the domain box, clipped, enclosed in
arb); it never matters for soundness, since every axiom is true wherever its guard holds.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from fractions import Fraction

import sympy
import z3
from flint import arb

from ..errors import BackendError
from .arb_eval import to_arb, workprec
from .bounds import PI_HI, PI_LO, U, bounds_for, by_key

__all__ = ["Axiom", "axioms_for", "constant_axioms", "pairs", "pythagoras", "placement"]

_CLIP = 32           # placement only: how far an unbounded variable is followed
_MAX_PIECES = 24
_EXP_PIECE = ("exp-lower-taylor7", "exp-upper-taylor6-pos")
_LOG_PIECE = ("log-lower-partial2-ge1", "log-upper-tail2-ge1")


@dataclass(frozen=True)
class Axiom:
    """One true fact about a term; see the module docstring.  ``arg`` is ``None`` for a constant."""

    kind: str                      # bound | constant | identity | ratio | link
    func: str
    arg: object
    bound: str = ""
    lo: object = None
    hi: object = None
    open_lo: bool = False
    t: object = None               # sympy expression in U
    scale: object = 1
    offset: object = 0
    shift: object = None           # the piece: ('exp', a) or ('log', k); None without reduction
    other: object = None           # ratio, link: the second term's argument (a log argument for link)

    def to_json(self) -> dict:
        """Plain data (texts) recorded in the certificate and compared on replay."""
        s = lambda v: None if v is None else sympy.sstr(v)
        return {"kind": self.kind, "func": self.func, "arg": s(self.arg), "other": s(self.other), "bound": self.bound,
                "guard": [s(self.lo), s(self.hi), self.open_lo], "t": s(self.t), "scale": s(self.scale),
                "offset": s(self.offset), "shift": None if self.shift is None else [self.shift[0], str(self.shift[1])]}

    def to_z3(self, lookup, ctx):
        """The z3 formula; ``lookup[(func, arg)] = (z3 argument, z3 value)``."""
        if self.kind == "constant":
            _, v = lookup[(self.func, None)]
            return z3.And(v > _q(PI_LO, ctx), v < _q(PI_HI, ctx))
        if self.kind == "identity":
            (_, s), (_, c) = lookup[("sin", self.arg)], lookup[("cos", self.arg)]
            return s * s + c * c == 1
        if self.kind in ("ratio", "link"):
            return _pair_z3(self, lookup)
        u, v = lookup[(self.func, self.arg)]
        b = by_key(self.bound)
        num = sympy.expand(b.num.xreplace({U: self.t}))
        den = sympy.expand(b.den.xreplace({U: self.t}))
        rhs = _poly(sympy.expand(self.scale * num + self.offset * den), u, ctx)
        lhs = v * _poly(den, u, ctx)
        rel = lhs >= rhs if b.side == "lower" else lhs <= rhs
        guard = []
        if self.lo is not None:
            guard.append(u > _q(self.lo, ctx) if self.open_lo else u >= _q(self.lo, ctx))
        if self.hi is not None:
            guard.append(u <= _q(self.hi, ctx))
        return z3.Implies(z3.And(guard), rel) if guard else rel


def _pair_z3(a: Axiom, lookup):
    """The z3 formula of a ``ratio`` or ``link`` axiom (see the module docstring)."""
    (w, e), other = lookup[(a.func, a.arg)], lookup[("log" if a.kind == "link" else a.func, a.other)]
    if a.kind == "ratio" and a.func == "exp":
        (b, f) = other
        return e >= f * (1 + w - b)
    if a.kind == "ratio":                     # log: w, e = argument, value of the first log term
        (b, f) = other
        return z3.Implies(z3.And(w > 0, b > 0), b * (e - f) <= w - b)
    (u, l) = other                            # link: exp(w) = e, log(u) = l
    return z3.Implies(u > 0, z3.And(z3.Implies(w <= l, e <= u), z3.Implies(w >= l, e >= u),
                                    z3.Implies(w <= -l, u * e <= 1), z3.Implies(w >= -l, u * e >= 1)))


def _q(r, ctx):
    r = sympy.Rational(r)
    return z3.RealVal(Fraction(int(r.p), int(r.q)), ctx)


def _poly(expr, u, ctx):
    """A polynomial in :data:`U` with rational coefficients as a z3 term in ``u`` (Horner)."""
    coeffs = sympy.Poly(expr, U).all_coeffs()
    out = _q(coeffs[0], ctx)
    for c in coeffs[1:]:
        out = out * u + _q(c, ctx)
    return out


# ---------------------------------------------------------------------------------------------
def placement(arg, domain):
    """``(A, B)``: an enclosure (Fractions) of ``arg`` on the domain box clipped to ``+-_CLIP``, or None."""
    point = {}
    for v in domain:
        lo = v.lo if v.lo is not None else (v.hi - _CLIP if v.hi is not None else -_CLIP)
        hi = v.hi if v.hi is not None else max(lo + _CLIP, sympy.Integer(_CLIP))
        a = arb(sympy.Rational(lo).p) / sympy.Rational(lo).q
        point[v.symbol] = a.union(arb(sympy.Rational(hi).p) / sympy.Rational(hi).q)
    try:
        with workprec(64):
            b = to_arb(arg, point)
    except (BackendError, ZeroDivisionError, ValueError):
        return None
    if not b.is_finite():
        return None
    m, r = b.mid().fmpq(), b.rad().fmpq()
    return Fraction(int((m - r).p), int((m - r).q)), Fraction(int((m + r).p), int((m + r).q))


def _meets(b, rng) -> bool:
    if rng is None:
        return True
    A, B = rng
    return (b.lo is None or B >= b.lo) and (b.hi is None or A <= b.hi)


def _table_axioms(func, arg, rng, degree):
    """The table's bounds of ``func`` whose range meets ``rng``: per range, side and family (the key
    without its digits: ``taylor``, ``recip``, ``pade``, ...) the tightest one of degree <= ``degree``."""
    from .bounds import TABLE
    out = []
    for side in ("lower", "upper"):
        best = {}
        for b in TABLE:
            if b.func != func or b.side != side or b.degree > degree or not _meets(b, rng):
                continue
            key = (b.lo, b.hi, b.open_lo, re.sub(r"[0-9]", "", b.key))
            if key not in best or b.degree > best[key].degree:
                best[key] = b
        out += [Axiom("bound", func, arg, b.key, b.lo, b.hi, b.open_lo, U) for b in best.values()]
    return out


def _enclose(value: arb):
    """Rational ``(lo, hi)`` with ``lo <= value <= hi``, rounded outward to 2^-48 relative steps."""
    m, r = value.mid().fmpq(), value.rad().fmpq()
    lo, hi = Fraction(int((m - r).p), int((m - r).q)), Fraction(int((m + r).p), int((m + r).q))
    scale = Fraction(2) ** (48 - max(0, math.frexp(float(abs(hi)) or 1.0)[1]))
    return (Fraction(math.floor(lo * scale)) / scale, Fraction(math.ceil(hi * scale)) / scale)


def _exp_pieces(arg, rng):
    """Argument reduction pieces ``[a, a + w]`` of exp over ``rng`` (integers a, a != 0)."""
    A, B = max(rng[0], -_CLIP), min(rng[1], _CLIP)
    first, last = math.floor(A), math.ceil(B)
    w = 1 if last - first <= _MAX_PIECES else 2
    out = []
    for a in range(first, last, w):
        if a == 0 or len(out) >= 2 * _MAX_PIECES:
            continue
        with workprec(128):
            lo, hi = _enclose(arb(a).exp())
        t = U - a
        guard = (sympy.Integer(a), sympy.Integer(a + w))
        out.append(Axiom("bound", "exp", arg, _EXP_PIECE[0], *guard, False, t, _rat(lo), 0, ("exp", a)))
        out.append(Axiom("bound", "exp", arg, _EXP_PIECE[1], *guard, False, t, _rat(hi), 0, ("exp", a)))
    return out


def _log_pieces(arg, rng):
    """Argument reduction pieces ``[2^k, 2^(k+1)]`` of log over ``rng`` (k != 0, -1)."""
    A, B = rng
    if B <= 0:
        return []
    A = max(A, Fraction(1, 2 ** _CLIP))
    first, last = math.floor(math.log2(A)), math.ceil(math.log2(B))
    with workprec(128):
        l2lo, l2hi = _enclose(arb(2).log())
    out = []
    for k in range(max(first, -_MAX_PIECES), min(last, _MAX_PIECES)):
        if k in (0, -1):
            continue
        t = U / sympy.Integer(2) ** k
        guard = (sympy.Integer(2) ** k, sympy.Integer(2) ** (k + 1))
        low, high = (l2lo, l2hi) if k > 0 else (l2hi, l2lo)
        out.append(Axiom("bound", "log", arg, _LOG_PIECE[0], *guard, False, t, 1, k * _rat(low), ("log", k)))
        out.append(Axiom("bound", "log", arg, _LOG_PIECE[1], *guard, False, t, 1, k * _rat(high), ("log", k)))
    return out


def _rat(f: Fraction):
    return sympy.Rational(f.numerator, f.denominator)


def axioms_for(func: str, arg, domain, degree: int, pieces: bool) -> list[Axiom]:
    """Every axiom for the term ``func(arg)`` at one level (see :data:`metitarski.LEVELS`)."""
    rng = placement(arg, domain)
    out = _table_axioms(func, arg, rng, degree)
    if pieces and rng is not None and func == "exp":
        out += _exp_pieces(arg, rng)
    elif pieces and rng is not None and func == "log":
        out += _log_pieces(arg, rng)
    return out


def constant_axioms(name: str) -> list[Axiom]:
    """``PI_LO < pi < PI_HI`` (the only constant abstracted as such; E is the term exp(1))."""
    return [Axiom("constant", "pi", None, "pi-rational-enclosure")] if name == "pi" else []


def pairs(terms) -> list[Axiom]:
    """The ``ratio`` axioms of every ordered pair of distinct exp (log) terms and the ``link`` axioms of
    every exp term with every log term (``terms``: ``(func name, argument)`` in order)."""
    args = {f: list(dict.fromkeys(a for g, a in terms if g == f)) for f in ("exp", "log")}
    out = []
    for f in ("exp", "log"):
        out += [Axiom("ratio", f, a, f"{f}-ratio-tangent", other=b) for a in args[f] for b in args[f] if a != b]
    out += [Axiom("link", "exp", a, "exp-log-inverse", other=b) for a in args["exp"] for b in args["log"]]
    return out


def pythagoras(terms) -> list[Axiom]:
    """``sin(a)^2 + cos(a)^2 = 1`` for every argument ``a`` with both a sin and a cos term."""
    sins = {a for f, a in terms if f == "sin"}
    return [Axiom("identity", "sin", a, "pythagoras") for a in dict.fromkeys(a for f, a in terms if f == "cos")
            if a in sins]
