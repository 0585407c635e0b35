"""The substitution ``x = y^2`` for a variable under a square root (used by :mod:`symbolic.backends.metitarski`).

A real variable ``x`` with range ``[lo, hi]`` (``lo >= 0``; ``lo`` and a finite ``hi`` perfect squares of
rationals) that appears as ``sqrt(x)`` is replaced by ``y^2`` with ``y`` in ``[sqrt(lo), sqrt(hi)]``:
``y -> y^2`` maps that range onto the range of ``x`` one to one, so the obligation holds for every
``x`` exactly when the substituted one holds for every ``y``.  Afterwards ``sqrt(y^2) = y``
(SymPy, ``y >= 0``) and ``log(y^2)`` is rewritten ``2 log(y)``, which agrees wherever either side is
defined (``y > 0``; at ``y = 0`` both are undefined and the conclusion's side condition ``y > 0``
keeps z3 from proving anything there).  Then ``log(x) <= 2 (sqrt(x) - 1)`` becomes
``2 log(y) <= 2 (y - 1)``, which the bounds decide.
"""
from __future__ import annotations

import sympy

from ..domain import Domain, Obligation, Var

__all__ = ["sqrt_substitute"]


def _root(r):
    """The rational square root of the rational ``r``, or None."""
    r = sympy.Rational(r)
    s = sympy.sqrt(r)
    return s if s.is_Rational else None


def _candidates(ob):
    exprs = (ob.conclusion, *ob.hypotheses)
    for v in ob.domain:
        if v.kind != "real" or v.lo is None or v.lo < 0:
            continue
        s = v.symbol
        if not any(p.base == s and isinstance(p.exp, sympy.Rational) and p.exp.q == 2
                   for e in exprs for p in e.atoms(sympy.Pow)):
            continue
        lo, hi = _root(v.lo), (None if v.hi is None else _root(v.hi))
        if lo is None or (v.hi is not None and hi is None):
            continue
        yield v, lo, hi


def sqrt_substitute(ob: Obligation):
    """``(obligation over y, {x name: y name})`` after every possible substitution, or ``(ob, {})``."""
    new_vars, sub, names = list(ob.domain.vars), {}, {}
    taken = set(ob.domain.names())
    for v, lo, hi in list(_candidates(ob)):
        name = v.name + "_sqrt"
        while name in taken:
            name += "_"
        taken.add(name)
        w = Var(name, "real", lo, hi, v.lo_open, v.hi_open)
        new_vars[new_vars.index(v)] = w
        sub[v.symbol] = w.symbol ** 2
        names[v.name] = name
    if not sub:
        return ob, {}
    ys = {w.symbol for w in new_vars if w.name in names.values()}
    fix = lambda e: e.xreplace(sub).replace(
        lambda t: isinstance(t, sympy.log) and t.args[0].is_Pow and t.args[0].base in ys and t.args[0].exp == 2,
        lambda t: 2 * sympy.log(t.args[0].base))
    return Obligation(fix(ob.conclusion), tuple(fix(h) for h in ob.hypotheses), Domain(tuple(new_vars))), names
