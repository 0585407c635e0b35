"""MetiTarski's method: transcendental terms replaced by certified bounds, decided by z3 (nlsat).

Every term ``exp(u)``, ``log(u)``, ``sin(u)``, ``cos(u)``, ``atan(u)`` (and the constants ``E``, ``pi``)
of an obligation becomes a fresh real ``v``, constrained by *guarded bound axioms* of the form

    ``lo <= u <= hi  ==>  v * den(u) >= num(u)``   (or ``<=``),

one per bound of :mod:`symbolic.backends.bounds` whose range meets the values ``u`` can take
(this is MetiTarski's case split on the argument's range: z3 explores the cases itself), and by
facts relating two terms (``e^a >= e^b (1 + a - b)``, ``b (ln a - ln b) <= a - b``, ``e^(ln u) = u``:
:mod:`symbolic.backends.meti_axioms`).  Where
the table's bounds are loose (``exp`` far from 0, ``log`` far from 1) the argument's range is cut
into *pieces* with *argument reduction*: ``e^u = e^a e^(u-a)`` on ``[a, a+1]`` and
``ln u = k ln 2 + ln(u/2^k)`` on ``[2^k, 2^(k+1)]``, the constants ``e^a`` and ``ln 2`` enclosed by
rationals certified in arb.  The remaining problem is polynomial (plus the square roots, Abs,
Max, Min and monotonicity facts of :mod:`symbolic.backends.smt`); z3 *unsat* of "hypotheses and
not conclusion" is a proof, since every axiom is true of the real functions.  A *sat* answer proves
nothing by itself (the bounds are approximations): its model counts as a counterexample only when,
read as exact rationals, arb certifies every hypothesis true and the conclusion false there.

A variable under a square root is first substituted by a square (:mod:`symbolic.backends.meti_sqrt`).

Levels: level 0 uses bounds of degree at most 4 and no pieces, level 1 degree at most 9 with
pieces; the first level z3 decides is kept.  The certificate (backend ``z3``) records the level,
every axiom (term, bound key, guard, reduction constants) and the query; replay
(:func:`replay_certificate`) regenerates the axioms from the obligation, checks that they are
the recorded ones and re-runs z3.

Source: B. Akbarpour and L. C. Paulson, "MetiTarski: An Automatic Theorem Prover for Real-Valued
Special Functions", J. Automated Reasoning 44 (2010) 175-205; D. Jovanović and L. de Moura,
"Solving non-linear arithmetic", IJCAR 2012.

>>> import sympy
>>> from symbolic.domain import Domain, Obligation
>>> D = Domain.parse(["x: real, x >= 0"])
>>> x = D.symbols("x")
>>> decide(Obligation(sympy.sin(x) <= x, (), D)).verdict
'proved'
"""
from __future__ import annotations

import itertools
import time

import sympy
import z3

from ..domain import Obligation
from ..errors import BackendError
from ..verdict import Certificate, Outcome
from . import arb_eval, smt
from .meti_sqrt import sqrt_substitute
from .meti_axioms import Axiom, axioms_for, constant_axioms, pairs, pythagoras

__all__ = ["decide", "replay_certificate", "LEVELS", "BACKEND"]

BACKEND = "z3"
#: (maximal degree of a table bound, argument reduction pieces) per level.
LEVELS = ((4, False), (9, True))
_TRANSCENDENTAL = (sympy.exp, sympy.log, sympy.sin, sympy.cos, sympy.atan)


class _Translation(smt.Translation):
    """:class:`symbolic.backends.smt.Translation` that also abstracts sin, cos, atan, E and pi and
    remembers every transcendental term ``(func name, sympy argument, z3 argument, z3 value)``."""

    def __init__(self, ob: Obligation, level: int):
        super().__init__(ob)
        for v in ob.domain:            # level 1: the real relaxation (see ``decide``)
            if v.kind == "integer" and level > 0:
                self.vars[v.symbol] = self.real_of[v.symbol] = z3.Real(v.name, self.ctx)
        self.level = level
        self.terms: list = []
        self.constants: list = []

    def term(self, e):
        """The z3 term of ``e``; records every transcendental term it abstracts."""
        if e in self.abstracted:
            return self.abstracted[e]
        if e is sympy.E:
            return self.term(sympy.exp(sympy.Integer(1), evaluate=False))
        if e is sympy.pi:
            v = self._fresh("pi")
            self.constants.append(("pi", v))
            self.abstracted[e] = v
            return v
        if e.func in (sympy.sin, sympy.cos, sympy.atan):
            u = self.term(e.args[0])
            v = self._fresh(e.func.__name__)
            self.abstracted[e] = v
            self.terms.append((e.func.__name__, e.args[0], u, v))
            return v
        v = super().term(e)
        if e.func in (sympy.exp, sympy.log) and not any(t[3] is v for t in self.terms):
            self.terms.append((e.func.__name__, e.args[0], self.term(e.args[0]), v))
        return v

    def bound_axioms(self) -> list[Axiom]:
        """Every axiom of this level for the recorded terms (deterministic: replay regenerates it)."""
        degree, pieces = LEVELS[self.level]
        out = [a for name, v in self.constants for a in constant_axioms(name)]
        for func, arg, _u, _v in self.terms:
            out += axioms_for(func, arg, self.ob.domain, degree, pieces)
        named = [(f, a) for f, a, _, _ in self.terms]
        out += pythagoras(named) + pairs(named)
        return out

    def query(self):
        """:meth:`smt.Translation.query` plus the bound axioms (kept in ``self.used``)."""
        assertions, concl_side, hyps = super().query()
        self.used = self.bound_axioms()
        extra = [self._z3(a) for a in self.used]
        return assertions + extra, concl_side, hyps + extra

    def _z3(self, a: Axiom):
        """The z3 formula of one axiom, on this translation's terms."""
        lookup = {(f, arg): (u, v) for f, arg, u, v in self.terms}
        lookup.update({(name, None): (None, v) for name, v in self.constants})
        return a.to_z3(lookup, self.ctx)


#: Level 1 is tried only on obligations with at most this many distinct transcendental terms: each
#: term brings its own argument-reduction pieces and z3's case split grows as their product.  On
#: more (the audit's ``D (log Q + log W + log p) + log R >= 0``: four terms, 114 axioms) z3's
#: nonlinear procedures ran 40 s without deciding and without spending the resource budget.
LEVEL1_MAX_TERMS = 3


def _attempt(ob: Obligation, level: int, timeout: float):
    """Level ``level`` on ``ob`` after :func:`~symbolic.backends.meti_sqrt.sqrt_substitute`:
    ``(translation, solver, z3 answer)``; ``tr.ob`` is the substituted obligation.  The answer
    is ``None`` (not tried) at level 1 with more than :data:`LEVEL1_MAX_TERMS` terms.

    Level 0 uses z3's default solver.  At level 1 z3's nlsat procedure is tried first, then the
    default solver with what is left of the resource budget: on the degree-9 bounds of level 1
    the default solver's nonlinear heuristics (Groebner bases, Horner schemes) can run for many
    seconds without spending the budget, which only the wall-clock safety net then stops, while
    nlsat spends it as it works."""
    ob, _names = sqrt_substitute(ob)
    tr = _Translation(ob, level)
    assertions, _, _ = tr.query()
    if level > 0 and len(tr.terms) > LEVEL1_MAX_TERMS:
        return tr, None, None
    if level == 0:
        return (tr, *smt._solve(assertions, tr.ctx, timeout))
    s, res = smt._solve(assertions, tr.ctx, timeout, tactic="qfnra-nlsat")
    left = timeout - smt.spent(s)
    if res == z3.unknown and left > 0.05:
        s, res = smt._solve(assertions, tr.ctx, left)
    return tr, s, res


def decide(ob: Obligation, *, timeout: float = 5.0, refuted_elsewhere=None, **_ignored) -> Outcome:
    """``proved`` when z3 refutes the negation with the bound axioms at some level; ``refuted`` when a
    z3 model re-checks in arb as a counterexample; else ``unknown``.

    Obligations without exp, log, sin, cos, atan, E or pi are left to :mod:`symbolic.backends.smt`
    (``unknown``).  The budget is split between the levels in z3's resource units, so the
    verdict does not depend on the machine's speed: level 0 gets half of ``timeout``, level 1
    what level 0 left.  ``refuted_elsewhere`` (a function of no argument) is asked before level 1:
    when it returns true (a certified counterexample is known, so no proof exists), level 1 and its
    expensive degree-9 queries are not tried.
    """
    t0 = time.perf_counter()
    exprs = (ob.conclusion, *ob.hypotheses)
    if not any(e.has(*_TRANSCENDENTAL) or e.has(sympy.pi, sympy.E) for e in exprs):
        return Outcome(BACKEND, "unknown", "bounds: no exp/log/sin/cos/atan term", seconds=time.perf_counter() - t0)
    why, left = [], timeout
    for level in range(len(LEVELS)):
        if left <= 0.05:
            why.append("time budget spent")
            break
        if level > 0 and refuted_elsewhere is not None and refuted_elsewhere():
            why.append(f"level {level}: not tried (a certified counterexample is known)")
            break
        try:
            tr, s, res = _attempt(ob, level, left / (len(LEVELS) - level))
        except BackendError as exc:
            return Outcome(BACKEND, "unknown", f"bounds: {exc}", seconds=time.perf_counter() - t0)
        if res is None:
            why.append(f"level {level}: not tried ({len(tr.terms)} transcendental terms, more than {LEVEL1_MAX_TERMS})")
            continue
        left -= smt.spent(s)
        if res == z3.unsat:
            return _proved(ob, tr, s, level, t0)
        if res == z3.sat:
            cex = _counterexample(ob, tr, s.model())   # None after a substitution: the names differ
            if cex is not None:
                return Outcome(BACKEND, "refuted", f"z3 model re-checked in exact/arb arithmetic: {cex}",
                               counterexample=cex, certificate=Certificate(BACKEND, "refuted", {"point": cex}),
                               seconds=time.perf_counter() - t0)
        why.append(f"level {level}: z3 {'unknown' if res == z3.unknown else 'sat (the bounds are too loose)'}")
    return Outcome(BACKEND, "unknown", "bounds: " + "; ".join(why), seconds=time.perf_counter() - t0)


def _counterexample(ob, tr, model) -> dict | None:
    """The model's point (exact rationals) when arb certifies every range and hypothesis true and the
    conclusion false there, else None (a model of the bounds need not be a model of the functions).
    An integer variable is a real in the query (the relaxation); a fractional value is tried rounded
    down and up (the first of at most :data:`MAX_ROUNDINGS` points that re-checks is returned)."""
    try:
        if tr.ob is not ob and tr.ob.domain.names() != ob.domain.names():
            return None
        point = {v.symbol: smt._rational(model.eval(tr.vars[v.symbol], model_completion=True)) for v in ob.domain}
        for cand in itertools.islice(_roundings(ob, point), MAX_ROUNDINGS):
            if _refutes(ob, cand):
                return {str(k): str(v) for k, v in cand.items()}
    except (BackendError, ZeroDivisionError, ValueError):
        return None
    return None


#: How many roundings of a relaxed model's integer coordinates are re-checked.
MAX_ROUNDINGS = 8


def _roundings(ob, point):
    """``point`` with each integer variable's value rounded down or up (floor first)."""
    ints = [v.symbol for v in ob.domain if v.kind == "integer" and not point[v.symbol].is_Integer]
    choices = [(sympy.floor(point[s]), sympy.ceiling(point[s])) for s in ints]
    for combo in itertools.product(*choices):
        yield {**point, **dict(zip(ints, combo))}


def _refutes(ob, point) -> bool:
    """arb certifies ``point`` in the domain, every hypothesis true and the conclusion false."""
    return (all(v.contains(point[v.symbol]) for v in ob.domain)
            and all(arb_eval.holds(h, point) is True for h in ob.hypotheses)
            and arb_eval.holds(ob.conclusion, point) is False)


def _proved(ob, tr, s, level, t0) -> Outcome:
    axioms = [a.to_json() for a in tr.used]
    keys = sorted({a.bound for a in tr.used})
    splits = sum(1 for a in tr.used if a.shift is not None)
    data = {"method": "metitarski", "level": level, "axioms": axioms, "rules": sorted(tr.rules),
            "query": s.sexpr()}
    detail = (f"z3: the negation is unsatisfiable with {len(axioms)} certified bound axioms "
              f"(level {level}; bounds {', '.join(keys[:6])}{', ...' if len(keys) > 6 else ''}"
              + (f"; {splits} argument-reduction pieces" if splits else "") + ")")
    return Outcome(BACKEND, "proved", detail, certificate=Certificate(BACKEND, "proved", data),
                   seconds=time.perf_counter() - t0)


def replay_certificate(ob: Obligation, cert: Certificate, *, timeout: float = 20.0) -> bool:
    """Regenerate the recorded level's axioms from ``ob``, check they are the recorded ones, re-run z3.

    False on any mismatch or malformed data; never raises for bad certificate data.
    """
    try:
        data = cert.data
        level = int(data["level"])
        if cert.backend != BACKEND or cert.verdict != "proved" or not 0 <= level < len(LEVELS):
            return False
        tr, _s, res = _attempt(ob, level, timeout)
        return res == z3.unsat and [a.to_json() for a in tr.used] == data["axioms"]
    except (BackendError, KeyError, TypeError, ValueError):
        return False
