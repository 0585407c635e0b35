"""Interval backend: *hypotheses imply conclusion* on a bounded box, by branch and bound in arb.

Every variable must range over a bounded interval (its closure is used: proving the
conclusion on the closed box is stronger than on the stated range).  A box is

* **closed** when the conclusion is certainly true on the whole box,
* **discarded** when some hypothesis is certainly false on the whole box,
* otherwise **split** on its widest variable (at the simplest rational of the box's middle
  half, so that tight points such as 0, 1 or 1/2 become box corners).

The enclosure of ``g`` over a box (:func:`_Encloser.enclose`) is the intersection of

1. the natural arb extension (``to_arb`` on balls containing the box),
2. the mean-value form ``g(m) + sum_i dg/dx_i(box) * (x_i - m_i)`` with SymPy's exact
   derivative enclosed in arb (only when every partial derivative is finite on the box,
   which forces ``g`` to be C^1 there), and
3. monotonicity: when ``dg/dx_i`` certainly has one sign on the box, the lower (upper) bound
   of ``g`` is taken on the face where ``x_i`` sits at the minimising (maximising) end.

4. the second-order Taylor form at a touching point (:mod:`symbolic.backends.touching`): where
   ``g`` and its gradient vanish exactly at a simple rational point of the box and the Hessian's
   enclosure is diagonally dominant, ``g >= 0`` (or ``<= 0``) on the whole box.

Derivative signs are themselves decided by the same enclosure, to a bounded depth, so a
statement that is tight at a box corner (``exp(x) >= 1 + x`` at ``x = 0``) is proved exactly.
A statement tight at an interior irrational point is out of reach and stays ``unknown``.

Truth is three-valued: an arb comparison counts only when certain.  ``proved`` comes only
from boxes whose arb enclosures decide them and whose union covers the domain box; the
certificate lists those boxes (exact rational endpoints) and :func:`replay_certificate`
re-evaluates each one and re-checks the covering independently.  ``refuted`` comes only
from an exact rational point at which every range and hypothesis certainly holds and the
conclusion certainly fails (:func:`symbolic.backends.arb_eval.holds`).

Unbounded variables
-------------------
An unbounded real variable must be given a declared substitution, a string
``"<expression in t> for <t spec>"`` such as ``{"x": "t/(1 - t) for t: real, 0 <= t < 1"}``.
It is accepted only if SymPy shows the expression continuous on the range of ``t`` and its
end values (limits at open ends) are exact rationals or infinities whose image interval
contains the whole range of ``x`` (intermediate value theorem).  The range of ``x`` is then
added as a hypothesis on the expression, and the box is over ``t``.  A variable ``x >= 0``
that appears under a square root (``x**(k/2)``) with lower end 0 is substituted
automatically by ``x = x_sqrt**2`` (the derivative of ``sqrt`` is singular at 0).

Source: R. E. Moore, R. B. Kearfott, M. J. Cloud, *Introduction to Interval Analysis*,
SIAM 2009 (natural extension, mean-value form §6.1, branch and bound §6);
F. Johansson, "Arb", IEEE Trans. Computers 66(8), 2017.

>>> import sympy
>>> from symbolic.domain import Domain, Obligation
>>> D = Domain.parse(["x: real, -2 <= x <= 2"])
>>> x = D.symbols("x")
>>> decide(Obligation(sympy.exp(x) >= 1 + x, (), D)).verdict
'proved'
"""
from __future__ import annotations

import math
import time
from collections import deque
from dataclasses import dataclass, field
from fractions import Fraction

import sympy
from flint import arb, fmpq
from sympy.calculus.util import continuous_domain
from sympy.parsing.sympy_parser import parse_expr

from ..domain import Domain, Obligation, Var
from ..errors import BackendError, LawauditError, ObligationError
from ..verdict import Certificate, Outcome
from .arb_eval import SUPPORTED, Undecided, holds, to_arb, workprec
from .touching import touching_bounds

__all__ = ["decide", "replay_certificate", "BACKEND"]

BACKEND = "arb"
PREC = 64              # working precision (bits) of the box enclosures
#: The box budget is the limit; the wall clock stops a search only at this multiple of ``timeout``.
WALL_FACTOR = 10
MAX_DEPTH = 6          # largest derivative depth replay accepts from a certificate
MAX_NODES = 120        # derivatives larger than this (SymPy count_ops) are not used


# ---------------------------------------------------------------------------------------------
# relations as residuals g with a sign requirement
# ---------------------------------------------------------------------------------------------
def _exp_log_powers(expr):
    """``b**e`` with a non-constant exponent ``e`` rewritten as ``exp(e*log(b))``.

    An exact identity where ``b > 0``; where ``b > 0`` is not certain arb refuses ``log`` and the
    box stays undecided.  (arb_eval evaluates symbolic exponents without the point.)
    """
    return expr.replace(lambda p: isinstance(p, sympy.Pow) and not p.exp.is_number,
                        lambda p: sympy.exp(p.exp * sympy.log(p.base)))


def _compile(rel):
    """A relation tree: ('rel', g, mode) with mode in >=0, >0, ==0, !=0; and/or/not/const."""
    if rel is sympy.true or rel is True:
        return ("const", True)
    if rel is sympy.false or rel is False:
        return ("const", False)
    if isinstance(rel, sympy.And):
        return ("and", [_compile(a) for a in rel.args])
    if isinstance(rel, sympy.Or):
        return ("or", [_compile(a) for a in rel.args])
    if isinstance(rel, sympy.Not):
        return ("not", _compile(rel.args[0]))
    if isinstance(rel, sympy.core.relational.Relational):
        op, lhs, rhs = rel.rel_op, rel.lhs, rel.rhs
        table = {"<=": (rhs - lhs, ">=0"), "<": (rhs - lhs, ">0"), ">=": (lhs - rhs, ">=0"),
                 ">": (lhs - rhs, ">0"), "==": (lhs - rhs, "==0"), "!=": (lhs - rhs, "!=0")}
        if op not in table:
            raise BackendError(f"interval: unsupported relation {op} in {rel}")
        g, mode = table[op]
        return ("rel", sympy.expand(g) if g.is_polynomial() else _exp_log_powers(g), mode)
    raise BackendError(f"interval: {rel} is not a relation")


def _unsupported(expr) -> str | None:
    """The name of the first function or constant in ``expr`` that arb_eval cannot evaluate."""
    for node in sympy.preorder_traversal(expr):
        if isinstance(node, (sympy.Function,)) and type(node).__name__ not in SUPPORTED:
            if not isinstance(node, (sympy.Max, sympy.Min)):
                return type(node).__name__
        elif isinstance(node, sympy.NumberSymbol) and node not in (sympy.pi, sympy.E):
            return str(node)
        elif node is sympy.I or isinstance(node, (sympy.Derivative, sympy.Integral)):
            return type(node).__name__
    return None


# ---------------------------------------------------------------------------------------------
# boxes: tuples of (lo, hi) Fractions
# ---------------------------------------------------------------------------------------------
def _frac(r) -> Fraction:
    r = sympy.Rational(r)
    return Fraction(int(r.p), int(r.q))


def _ball(lo: Fraction, hi: Fraction) -> arb:
    """An arb ball containing [lo, hi] (exact point when lo == hi and lo is dyadic)."""
    a = arb(fmpq(lo.numerator, lo.denominator))
    if lo == hi:
        return a
    b = a.union(arb(fmpq(hi.numerator, hi.denominator)))
    if lo >= 0:   # rounding of the radius may leak below 0: clip (the box is inside [0, oo))
        b = b.nonnegative_part()
    elif hi <= 0:
        b = -((-b).nonnegative_part())
    return b


def _simplest_between(a: Fraction, b: Fraction) -> Fraction:
    """The rational with the smallest denominator in [a, b] (a <= b), Stern-Brocot style."""
    if a <= 0 <= b:
        return Fraction(0)
    if b < 0:
        return -_simplest_between(-b, -a)
    fl = math.floor(a)
    if fl == a:
        return Fraction(fl)
    if fl + 1 <= b:
        return Fraction(fl + 1)
    return fl + 1 / _simplest_between(1 / (b - fl), 1 / (a - fl))


def _split(box, kinds, used=None):
    """Two children of ``box`` split on its widest variable (among ``used``), or None."""
    best, width = None, Fraction(0)
    for i, (lo, hi) in enumerate(box):
        if (used is None or used[i]) and hi - lo > width:
            best, width = i, hi - lo
    if best is None:
        return None
    lo, hi = box[best]
    c = _simplest_between(lo + width / 4, hi - width / 4)
    if kinds[best] == "integer":
        c = min(max(Fraction(math.floor(c)), lo), hi - 1)
        left, right = (lo, c), (c + 1, hi)
    else:
        left, right = (lo, c), (c, hi)
    return (box[:best] + (left,) + box[best + 1:], box[:best] + (right,) + box[best + 1:])


def _midpoint(box, kinds):
    return tuple(Fraction(math.floor((lo + hi) / 2)) if k == "integer" else (lo + hi) / 2
                 for (lo, hi), k in zip(box, kinds))


def _covers(region, boxes, kinds) -> bool:
    """True only if the closed ``boxes`` cover the closed ``region`` (integer axes: their integers).

    Guillotine check: a region is covered if one box contains it, or if some coordinate cut
    that no box straddles splits it into two covered halves.  Integer axes [a, b] are read as
    real intervals [a, b + 1], which turns integer tiling into real tiling.  Sound for any
    input; complete for the partitions produced by bisection.
    """
    def real(b):
        return tuple((lo, hi + 1) if k == "integer" else (lo, hi) for (lo, hi), k in zip(b, kinds))

    stack = [(real(region), [real(b) for b in boxes])]
    while stack:
        reg, bs = stack.pop()
        bs = [b for b in bs if all(lo < rhi and hi > rlo or (lo <= rlo and hi >= rhi)
                                   for (lo, hi), (rlo, rhi) in zip(b, reg))]
        if any(all(lo <= rlo and hi >= rhi for (lo, hi), (rlo, rhi) in zip(b, reg)) for b in bs):
            continue
        if not bs:
            return False
        cut = None
        for i, (rlo, rhi) in enumerate(reg):
            if rlo == rhi:
                continue
            spans = sorted((max(b[i][0], rlo), min(b[i][1], rhi)) for b in bs)
            reach = rlo
            for lo, hi in spans:
                if rlo < lo < rhi and reach <= lo:
                    cut = (i, lo)
                    break
                reach = max(reach, hi)
            if cut:
                break
        if cut is None:
            return False
        i, c = cut
        left = reg[:i] + ((reg[i][0], c),) + reg[i + 1:]
        right = reg[:i] + ((c, reg[i][1]),) + reg[i + 1:]
        stack.append((left, [b for b in bs if b[i][1] <= c]))
        stack.append((right, [b for b in bs if b[i][0] >= c]))
    return True


# ---------------------------------------------------------------------------------------------
# enclosures
# ---------------------------------------------------------------------------------------------
def _bounds(b: arb):
    """The exact endpoints (Fractions) of a finite ball, or None."""
    if b is None or not b.is_finite():
        return None
    m, r = b.mid().fmpq(), b.rad().fmpq()
    lo, hi = m - r, m + r
    return Fraction(int(lo.p), int(lo.q)), Fraction(int(hi.p), int(hi.q))


class _Encloser:
    """Encloses the range of a SymPy expression over a box as exact rationals (L, U).

    Invariant: ``L <= inf g(box)`` and ``U >= sup g(box)``; ``None`` means no bound.
    """

    def __init__(self, syms, depth):
        self.syms, self.depth = list(syms), depth
        self._diff, self._memo = {}, {}

    def reset(self):
        self._memo.clear()

    def deriv(self, g, i):
        """``dg/dx_i`` (memoised), or None when it grows past :data:`MAX_NODES` nodes."""
        key = (g, i)
        if key not in self._diff:
            d = sympy.diff(g, self.syms[i])
            self._diff[key] = d if sympy.count_ops(d, visual=False) <= MAX_NODES else None
        return self._diff[key]

    def natural(self, g, box):
        """The arb ball of ``g`` on balls containing the box, or None if arb cannot bound it.

        At a point box whose ball does not exclude 0, ``g`` is re-evaluated exactly by SymPy
        (rational arithmetic and exact special values such as ``log(1) = 0``) before arb, so
        that tight corners give exact zeros.
        """
        point = {s: _ball(lo, hi) for s, (lo, hi) in zip(self.syms, box)}
        try:
            v = to_arb(g, point)
        except (Undecided, BackendError, ZeroDivisionError, ValueError):
            v = None
        if all(lo == hi for lo, hi in box) and (v is None or (v.contains(0) and not v.is_zero())):
            return self._exact_at(g, box)
        return v if v is not None and v.is_finite() else None

    def _exact_at(self, g, box):
        at = {s: sympy.Rational(lo.numerator, lo.denominator) for s, (lo, _) in zip(self.syms, box)
              if g.has(s)}
        try:
            exact = g.subs(at) if at else g
            if isinstance(exact, sympy.Rational):
                return arb(fmpq(int(exact.p), int(exact.q)))
            v = to_arb(exact, {})
        except (Undecided, BackendError, ZeroDivisionError, ValueError):
            return None
        return v if v.is_finite() else None

    def enclose(self, g, box, depth=None):
        depth = self.depth if depth is None else depth
        key = (g, box, depth)
        if key not in self._memo:
            self._memo[key] = self._enclose(g, box, depth)
        return self._memo[key]

    def _enclose(self, g, box, depth):
        nat = _bounds(self.natural(g, box))
        if nat is None:
            # arb cannot show g defined and finite on the box: no derivative argument either
            # (they need g continuous on the box and its derivative formula valid there).
            return None, None
        L, U = nat
        free = [i for i, (lo, hi) in enumerate(box) if lo != hi and g.has(self.syms[i])]
        if depth <= 0 or not free:
            return L, U
        lo_face, hi_face, mono, dranges = list(box), list(box), False, {}
        for i in free:
            d = self.deriv(g, i)
            dL, dU = (None, None) if d is None else self.enclose(d, box, depth - 1)
            lo, hi = box[i]
            if dL is not None and dL >= 0:
                lo_face[i], hi_face[i], mono = (lo, lo), (hi, hi), True
            elif dU is not None and dU <= 0:
                lo_face[i], hi_face[i], mono = (hi, hi), (lo, lo), True
            dranges[i] = None if dL is None or dU is None else (dL, dU)
        if mono:
            fL, _ = self.enclose(g, tuple(lo_face), depth)
            _, fU = self.enclose(g, tuple(hi_face), depth)
            L = _better(L, fL, max)
            U = _better(U, fU, min)
        if all(dranges[i] is not None for i in free):
            m = tuple((lo + hi) / 2 for lo, hi in box)
            gm = self.natural(g, tuple((c, c) for c in m))
            if gm is not None:
                acc = gm
                for i in free:
                    (lo, hi), (dL, dU) = box[i], dranges[i]
                    acc = acc + _ball(dL, dU) * _ball(lo - m[i], hi - m[i])
                mvf = _bounds(acc)
                if mvf is not None:
                    L, U = _better(L, mvf[0], max), _better(U, mvf[1], min)
        if (L is None or L < 0) and (U is None or U > 0):   # undecided sign: a touching point?
            tL, tU = touching_bounds(self, g, box, free, _simplest_between)
            L, U = _better(L, tL, max), _better(U, tU, min)
        return L, U


def _better(a, b, pick):
    return b if a is None else (a if b is None else pick(a, b))


def _truth(node, box, enc):
    """Three-valued truth of a compiled relation tree on the whole box."""
    kind = node[0]
    if kind == "const":
        return node[1]
    if kind == "not":
        v = _truth(node[1], box, enc)
        return None if v is None else (not v)
    if kind in ("and", "or"):
        vals = [_truth(a, box, enc) for a in node[1]]
        if kind == "and":
            return False if False in vals else (None if None in vals else True)
        return True if True in vals else (None if None in vals else False)
    _, g, mode = node
    L, U = enc.enclose(g, box)
    ge0 = L is not None and L >= 0
    gt0 = L is not None and L > 0
    lt0 = U is not None and U < 0
    le0 = U is not None and U <= 0
    if mode == ">=0":
        return True if ge0 else (False if lt0 else None)
    if mode == ">0":
        return True if gt0 else (False if le0 else None)
    zero = ge0 and le0
    nonzero = gt0 or lt0
    if mode == "==0":
        return True if zero else (False if nonzero else None)
    return True if nonzero else (False if zero else None)


# ---------------------------------------------------------------------------------------------
# the problem over a bounded box (after substitutions)
# ---------------------------------------------------------------------------------------------
class _Refusal(Exception):
    """The obligation is outside what this backend decides (reported as ``unknown``)."""


@dataclass
class _Problem:
    vars: list                 # the Vars of the box (substituted ones replaced)
    box: tuple                 # domain box, Fractions
    conclusion: tuple          # compiled
    hypotheses: list           # compiled: stated ones, then ranges of substituted variables
    back: dict                 # original symbol -> expression in the box symbols
    substitutions: dict = field(default_factory=dict)   # name -> declared text

    @property
    def syms(self):
        return [v.symbol for v in self.vars]

    @property
    def kinds(self):
        return [v.kind for v in self.vars]


def _local_functions():
    names = ["exp", "log", "sqrt", "sin", "cos", "tan", "atan", "sinh", "cosh", "tanh", "erf",
             "erfc", "Abs", "Max", "Min", "pi", "E", "Integer", "Rational", "Float", "Symbol"]
    return {n: getattr(sympy, n) for n in names}


def _parse_substitution(name: str, text: str, domain: Domain):
    """Read ``"<expr in t> for <t spec>"``; returns (Var t, expression).  Raises ObligationError."""
    where = f"interval: substitution for {name}"
    if not isinstance(text, str) or " for " not in text:
        raise ObligationError(f"{where}: {text!r} is not of the form '<expression in t> for "
                              f"<t spec>', e.g. 't/(1 - t) for t: real, 0 <= t < 1'")
    expr_text, spec = (s.strip() for s in text.split(" for ", 1))
    try:
        t = Var.parse(spec)
    except LawauditError as exc:
        raise ObligationError(f"{where}: {exc}") from exc
    if t.kind != "real" or t.lo is None or t.hi is None:
        raise ObligationError(f"{where}: the new variable must be real and bounded, got {t.describe()}")
    if t.name in domain.names() and t.name != name:
        raise ObligationError(f"{where}: the new variable {t.name} clashes with a declared variable")
    try:
        phi = parse_expr(expr_text, local_dict={t.name: t.symbol}, global_dict=_local_functions(),
                         evaluate=True)
    except Exception as exc:   # SymPy's parser raises many kinds; report them as one
        raise ObligationError(f"{where}: cannot read {expr_text!r}: {exc}") from exc
    if not isinstance(phi, sympy.Expr) or phi.free_symbols - {t.symbol} or phi.has(sympy.Float):
        raise ObligationError(f"{where}: {expr_text!r} must be an exact expression in {t.name} only")
    return t, phi


def _end_value(phi, t: Var, end: str):
    s, val, is_open = t.symbol, getattr(t, end), getattr(t, end + "_open")
    v = sympy.limit(phi, s, val, "+" if end == "lo" else "-") if is_open else sympy.simplify(phi.subs(s, val))
    if v in (sympy.oo, -sympy.oo) or isinstance(v, sympy.Rational):
        return v, not is_open
    raise ObligationError(f"interval: substitution {phi} at {t.name} = {val} gives {v}, "
                          f"not an exact rational or infinity")


def _check_onto(name: str, phi, t: Var, x: Var):
    """Raise ObligationError unless phi maps the range of t onto a superset of the range of x."""
    interval = sympy.Interval(t.lo, t.hi, t.lo_open, t.hi_open)
    if not interval.is_subset(continuous_domain(phi, t.symbol, interval)):
        raise ObligationError(f"interval: substitution {name} = {phi} is not continuous on "
                              f"{t.describe()}")
    (a, a_att), (b, b_att) = _end_value(phi, t, "lo"), _end_value(phi, t, "hi")
    if a == b:
        raise ObligationError(f"interval: substitution {name} = {phi} has equal end values {a}")
    (p, p_att), (q, q_att) = sorted([(a, a_att), (b, b_att)], key=lambda e: e[0])
    ok_lo = (p == -sympy.oo) if x.lo is None else (p < x.lo or (p == x.lo and (p_att or x.lo_open)))
    ok_hi = (q == sympy.oo) if x.hi is None else (q > x.hi or (q == x.hi and (q_att or x.hi_open)))
    if not (ok_lo and ok_hi):
        raise ObligationError(f"interval: substitution {name} = {phi} on {t.describe()} covers "
                              f"only the values between {p} and {q}, not all of {x.describe()}")


def _sqrt_substitutions(ob: Obligation, given: dict) -> dict:
    """Automatic ``x = x_sqrt**2`` for variables in [0, hi] that appear under a half-integer power."""
    out, taken = {}, set(ob.domain.names())
    exprs = [ob.conclusion, *ob.hypotheses]
    for v in ob.domain:
        if v.name in given or v.kind != "real" or v.lo != 0 or v.hi is None:
            continue
        s = v.symbol
        if not any(isinstance(p.exp, sympy.Rational) and p.exp.q == 2 and p.base == s
                   for e in exprs for p in e.atoms(sympy.Pow)):
            continue
        u = v.name + "_sqrt"
        while u in taken:
            u += "_"
        taken.add(u)
        hi = _frac(v.hi)
        num = math.isqrt(hi.numerator * hi.denominator)
        if num * num == hi.numerator * hi.denominator:
            ub = Fraction(num, hi.denominator)
        else:
            ub = Fraction(math.isqrt(hi.numerator * hi.denominator * 1024 ** 2) + 1, hi.denominator * 1024)
        out[v.name] = f"{u}**2 for {u}: real, 0 <= {u} <= {ub}"
    return out


def _substitute(rel, sub: dict):
    """``rel`` with its symbols replaced by ``sub`` (rational residuals cancelled, an exact identity).

    Cancelling removes removable singularities (``x/(1+x)`` at ``x = t/(1-t)`` becomes ``t``);
    the result agrees with ``rel`` wherever ``rel`` is defined.
    """
    if not sub:
        return rel
    e = rel.subs(sub, simultaneous=True)
    if isinstance(e, sympy.core.relational.Relational):
        g = e.lhs - e.rhs
        if g.is_rational_function():
            e = e.func(sympy.cancel(sympy.together(g)), 0)
    return e


def _inside(v: Var) -> Fraction:
    """A fixed point of ``v``'s range (used for a variable the statement does not mention)."""
    lo = None if v.lo is None else _frac(v.lo)
    hi = None if v.hi is None else _frac(v.hi)
    if lo is None and hi is None:
        return Fraction(0)
    if lo is None:
        return hi - 1
    if hi is None:
        return lo + 1
    mid = (lo + hi) / 2
    return Fraction(math.ceil(mid)) if v.kind == "integer" and v.contains(math.ceil(mid)) else mid


def _var_box(v: Var, unused: bool = False):
    if unused and (v.lo is None or v.hi is None):
        c = _inside(v)   # the statement does not depend on v: any one point of its range will do
        return c, c
    if v.kind == "integer":
        lo = math.floor(v.lo) + 1 if v.lo_open else math.ceil(v.lo)
        hi = math.ceil(v.hi) - 1 if v.hi_open else math.floor(v.hi)
        return Fraction(int(lo)), Fraction(int(hi))
    return _frac(v.lo), _frac(v.hi)


def _build(ob: Obligation, substitutions: dict, *, auto: bool) -> _Problem:
    """The bounded problem; raises _Refusal (unknown) or ObligationError (bad substitution)."""
    if not isinstance(ob, Obligation):
        raise ObligationError(f"interval: expected an Obligation, got {type(ob).__name__}")
    for e in (ob.conclusion, *ob.hypotheses):
        bad = _unsupported(e)
        if bad:
            raise _Refusal(f"unsupported function {bad} (arb evaluates {', '.join(SUPPORTED)})")
    subs = dict(substitutions or {})
    unknown_names = set(subs) - set(ob.domain.names())
    if unknown_names:
        raise ObligationError(f"interval: substitution for undeclared variable(s) "
                              f"{', '.join(sorted(unknown_names))}")
    if auto:
        subs.update(_sqrt_substitutions(ob, subs))
    new_vars, back, extra = [], {}, []
    for v in ob.domain:
        if v.name in subs:
            if v.kind != "real":
                raise ObligationError(f"interval: substitution for {v.name}: only real variables "
                                      f"can be substituted ({v.describe()})")
            t, phi = _parse_substitution(v.name, subs[v.name], ob.domain)
            _check_onto(v.name, phi, t, v)
            new_vars.append(t)
            back[v.symbol] = phi
            extra += [_substitute(c, {v.symbol: phi}) for c in v.constraints()]
            continue
        if (v.lo is None or v.hi is None) and any(e.has(v.symbol) for e in (ob.conclusion, *ob.hypotheses)):
            raise _Refusal(f"variable {v.name} is unbounded; declare a substitution or bound it")
        new_vars.append(v)
        back[v.symbol] = v.symbol
    names = [v.name for v in new_vars]
    if len(set(names)) != len(names):
        raise ObligationError(f"interval: substituted variable names clash: {names}")
    sub = {s: e for s, e in back.items() if s != e}

    try:
        concl = _compile(_substitute(ob.conclusion, sub))
        hyps = [_compile(_substitute(h, sub)) for h in ob.hypotheses] + [_compile(h) for h in extra]
    except BackendError as exc:
        raise _Refusal(str(exc)) from exc
    mentioned = lambda v: any(e.has(v.symbol) for e in (ob.conclusion, *ob.hypotheses, *extra))
    box = tuple(_var_box(v, unused=not mentioned(v)) for v in new_vars)
    return _Problem(new_vars, box, concl, hyps, back,
                    {k: subs[k] for k in ob.domain.names() if k in subs})


def _mentions(node, s) -> bool:
    kind = node[0]
    if kind == "const":
        return False
    if kind == "rel":
        return node[1].has(s)
    if kind == "not":
        return _mentions(node[1], s)
    return any(_mentions(a, s) for a in node[1])


def _default_depth(nvars: int) -> int:
    return 6 if nvars <= 1 else (3 if nvars <= 2 else (2 if nvars <= 4 else 1))


def _counterexample(ob: Obligation, prob: _Problem, point) -> dict | None:
    """An exact point of ``ob`` refuting it, mapped back from a box point, or None."""
    at = {s: sympy.Rational(c.numerator, c.denominator) for s, c in zip(prob.syms, point)}
    values = {}
    for v in ob.domain:
        val = prob.back[v.symbol].subs(at) if prob.back[v.symbol] != v.symbol else at[v.symbol]
        if not isinstance(val, sympy.Rational):
            return None
        values[v.name] = val
    if not ob.domain.contains(values):
        return None
    pt = {v.symbol: values[v.name] for v in ob.domain}
    try:
        if all(holds(_exp_log_powers(h), pt) is True for h in ob.hypotheses) \
                and holds(_exp_log_powers(ob.conclusion), pt) is False:
            return {k: str(val) for k, val in values.items()}
    except BackendError:
        return None
    return None


def _box_json(box, prob):
    return [{"var": v.name, "lo": str(lo), "hi": str(hi)} for v, (lo, hi) in zip(prob.vars, box)]


# ---------------------------------------------------------------------------------------------
# public
# ---------------------------------------------------------------------------------------------
def decide(ob: Obligation, *, max_boxes: int = 4000, timeout: float = 5.0,
           substitutions: dict | None = None, **_ignored) -> Outcome:
    """Decide *hypotheses imply conclusion* on the (bounded) domain box by arb branch and bound.

    Parameters
    ----------
    ob : Obligation
        Every variable must have a finite lower and upper end, or a declared substitution.
    max_boxes : int
        How many boxes may be examined before giving up (``unknown``).
    timeout : float
        Seconds the caller allows; the box budget is the deterministic limit; the wall clock stops the search only at ``WALL_FACTOR * timeout``
        (a safety net, so that the verdict does not depend on the machine or its load).
    substitutions : dict, optional
        Variable name -> ``"<expression in t> for <t spec>"`` (see the module docstring),
        e.g. ``{"x": "t/(1 - t) for t: real, 0 <= t < 1"}``.

    Returns
    -------
    Outcome
        ``proved`` (certificate ``Certificate("arb", "proved", data)`` with the boxes),
        ``vacuous`` (every box discarded by a hypothesis), ``refuted`` (exact counterexample,
        variable -> ``"p/q"``) or ``unknown`` (detail names the reason).

    Raises
    ------
    ObligationError
        If ``ob`` is not an Obligation, the budgets are not positive, or a substitution is
        malformed or does not cover the variable's range.
    """
    start = time.monotonic()
    if not isinstance(max_boxes, int) or max_boxes < 1:
        raise ObligationError(f"interval.decide: max_boxes must be a positive integer, got {max_boxes!r}")
    if not isinstance(timeout, (int, float)) or not timeout > 0:
        raise ObligationError(f"interval.decide: timeout must be positive seconds, got {timeout!r}")

    def out(verdict, detail, **kw):
        return Outcome(BACKEND, verdict, detail, seconds=time.monotonic() - start, **kw)

    try:
        prob = _build(ob, substitutions, auto=True)
    except _Refusal as exc:
        return out("unknown", str(exc))
    depth = _default_depth(len(prob.vars))
    enc = _Encloser(prob.syms, depth)
    exprs = [prob.conclusion, *prob.hypotheses]
    used = [any(_mentions(e, s) for e in exprs) for s in prob.syms]
    queue, done, stuck, examined = deque([prob.box]), [], [], 0
    with workprec(PREC):
        while queue:
            if examined >= max_boxes or time.monotonic() - start > WALL_FACTOR * timeout:
                why = "box budget" if examined >= max_boxes else f"wall-clock safety net {WALL_FACTOR * timeout:g}s"
                return out("unknown", f"{why} exhausted with {len(queue) + len(stuck)} undecided "
                                      f"boxes after {examined} boxes")
            box = queue.popleft()
            examined += 1
            what, value = _examine(box, ob, prob, enc, used)
            if what == "decided":
                done.append((box, value))
            elif what == "refuted":
                return out("refuted", f"counterexample {value}: every hypothesis holds and the "
                                      f"conclusion fails (arb)", counterexample=value)
            elif what == "stuck":
                stuck.append(box)
            else:
                queue.extend(value)
    return _conclude(done, stuck, prob, depth, out)


def _examine(box, ob: Obligation, prob, enc, used) -> tuple[str, object]:
    """One box: ``("decided", reason)`` when the conclusion holds or a hypothesis fails on all of it,
    ``("refuted", counterexample)`` at an exact point of it, else ``("split", children)`` or
    ``("stuck", None)`` when it cannot be split further."""
    enc.reset()
    if _truth(prob.conclusion, box, enc) is True:
        return "decided", "conclusion"
    false_h = next((i for i, h in enumerate(prob.hypotheses) if _truth(h, box, enc) is False), None)
    if false_h is not None:
        return "decided", f"hypothesis {false_h + 1}"
    children = _split(box, prob.kinds, used)
    cex = None
    for point in dict.fromkeys([_midpoint(box, prob.kinds), tuple(lo for lo, _ in box), tuple(hi for _, hi in box)]):
        cex = cex or _counterexample(ob, prob, point)
    if cex is not None:
        return "refuted", cex
    return ("stuck", None) if children is None else ("split", children)


def _conclude(done, stuck, prob, depth, out) -> Outcome:
    """The outcome once every box is decided or stuck: unknown, vacuous or proved (with the boxes)."""
    if stuck:
        pts = "; ".join(", ".join(f"{v.name}={lo}" for v, (lo, _) in zip(prob.vars, b)) for b in stuck[:3])
        return out("unknown", f"{len(stuck)} point(s) undecided by arb (e.g. {pts})")
    data = {"boxes": [_box_json(b, prob) for b, _ in done], "decided_by": [d for _, d in done],
            "depth": depth, "substitutions": prob.substitutions}
    if all(d != "conclusion" for _, d in done):
        return out("vacuous", f"the hypotheses are false on every one of {len(done)} boxes",
                   certificate=Certificate(BACKEND, "vacuous", data))
    subs_note = f" after substitution {prob.substitutions}" if prob.substitutions else ""
    return out("proved", f"arb branch and bound: {len(done)} boxes cover the domain{subs_note}",
               certificate=Certificate(BACKEND, "proved", data))


def replay_certificate(ob: Obligation, cert: Certificate) -> bool:
    """Re-check an interval certificate for ``ob`` independently of how it was found.

    Re-validates the recorded substitutions, re-evaluates every box in arb (the conclusion
    certainly true, or the named hypothesis certainly false, on the whole box) and checks
    that the boxes cover the domain box (:func:`_covers`).  Returns ``False`` on any
    mismatch or malformed data; never raises for bad certificate data.
    """
    try:
        if not isinstance(cert, Certificate) or cert.backend != BACKEND \
                or cert.verdict not in ("proved", "vacuous"):
            return False
        data = cert.data
        prob = _build(ob, data.get("substitutions") or {}, auto=False)
        depth = int(data.get("depth", _default_depth(len(prob.vars))))
        if not 0 <= depth <= MAX_DEPTH:
            return False
        names, kinds = [v.name for v in prob.vars], prob.kinds
        boxes, decided = data["boxes"], data["decided_by"]
        if not isinstance(boxes, list) or not isinstance(decided, list) or len(boxes) != len(decided):
            return False
        if cert.verdict == "proved" and "conclusion" not in decided:
            return False
        if cert.verdict == "vacuous" and "conclusion" in decided:
            return False
        enc = _Encloser(prob.syms, depth)
        parsed = []
        with workprec(PREC):
            for raw, how in zip(boxes, decided):
                if [e["var"] for e in raw] != names:
                    return False
                box = tuple((Fraction(e["lo"]), Fraction(e["hi"])) for e in raw)
                for (lo, hi), k in zip(box, kinds):
                    if lo > hi or (k == "integer" and (lo.denominator != 1 or hi.denominator != 1)):
                        return False
                enc.reset()
                if how == "conclusion":
                    ok = _truth(prob.conclusion, box, enc) is True
                else:
                    word, _, idx = how.partition(" ")
                    i = int(idx) - 1
                    ok = word == "hypothesis" and 0 <= i < len(prob.hypotheses) \
                        and _truth(prob.hypotheses[i], box, enc) is False
                if not ok:
                    return False
                parsed.append(box)
        return _covers(prob.box, parsed, kinds)
    except (LawauditError, _Refusal, KeyError, TypeError, ValueError, ZeroDivisionError, AttributeError):
        return False
