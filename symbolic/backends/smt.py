"""The SMT backend: z3 on polynomial / rational real arithmetic.

``proved`` when z3 answers *unsat* for "hypotheses and not conclusion"; ``refuted`` when z3's
model, read as exact rationals, re-checks in arb (every hypothesis certainly true, the
conclusion certainly false); ``unknown`` on timeout or when the model does not survive the
re-check.

Beyond polynomials the translation is *sound by abstraction*: a term z3 cannot reason about
is replaced by a fresh variable constrained by facts that are true of the real function:

==========  =================================================================================
``sqrt(u)``  ``r >= 0, r**2 == u`` with the side condition ``u >= 0`` (any ``u**(p/q)`` alike)
``exp(u)``   ``e > 0, e >= 1 + u``; and for any two such terms, ``u1 <= u2  <=>  e1 <= e2``
``log(u)``   side condition ``u > 0``; ``l <= u - 1, l*u >= u - 1``; monotone like ``exp``
``Abs, Max, Min``  their defining disjunctions
==========  =================================================================================

These are the monotone-transform rules of the design (exp, log, sqrt of both sides): for example
``exp(A) <= exp(B)`` is proved exactly when z3 proves ``A <= B``.  Since every added fact is true,
*unsat* is a proof; a *sat* model may violate the real function, so it only counts after the arb
re-check.  Side conditions of the conclusion (non-zero divisors, non-negative radicands, positive
log arguments) must follow from the hypotheses, or the verdict is ``unknown`` with the reason.
Side conditions of a hypothesis are presupposed by it (``log(x) <= 1`` presupposes ``x > 0``).

Source: L. de Moura and N. Bjørner, "Z3: An Efficient SMT Solver", TACAS 2008; D. Jovanović and
L. de Moura, "Solving non-linear arithmetic", IJCAR 2012 (nlsat, complete for real polynomials).
"""
from __future__ import annotations

import time
from fractions import Fraction

import sympy
import z3

from .. import memo
from ..domain import Obligation
from ..errors import BackendError
from ..verdict import Certificate, Outcome
from . import arb_eval

__all__ = ["decide", "replay_certificate", "Translation", "DEFAULT_TIMEOUT"]

BACKEND = "z3"
DEFAULT_TIMEOUT = 5.0



#: Largest exponent numerator and root z3 is given (beyond them the encoding exhausts memory).
_MAX_POWER = 64
_MAX_ROOT = 16

class Translation:
    """SymPy -> z3 for one obligation: variables, abstraction axioms and side conditions."""

    def __init__(self, ob: Obligation):
        self.ob = ob
        self.ctx = z3.Context()
        self.vars: dict[sympy.Symbol, z3.ExprRef] = {}
        self.real_of: dict[sympy.Symbol, z3.ArithRef] = {}
        for v in ob.domain:
            if v.kind == "integer":
                zi = z3.Int(v.name, self.ctx)
                self.vars[v.symbol] = zi
                self.real_of[v.symbol] = z3.ToReal(zi)
            else:
                zr = z3.Real(v.name, self.ctx)
                self.vars[v.symbol] = zr
                self.real_of[v.symbol] = zr
        self.axioms: list = []
        self.side: list = []          # definedness conditions collected while translating
        self.abstracted: dict = {}    # sympy term -> z3 var
        self.monotone: dict[str, list] = {"exp": [], "log": []}
        self.rules: set[str] = set()
        self._n = 0

    def _fresh(self, tag):
        self._n += 1
        return z3.Real(f"_{tag}{self._n}", self.ctx)

    def _val(self, r: sympy.Rational):
        return z3.RealVal(Fraction(int(r.p), int(r.q)), self.ctx)

    # -- terms -------------------------------------------------------------------------
    def term(self, e):
        if e.is_Symbol:
            if e not in self.real_of:
                raise BackendError(f"z3: undeclared symbol {e}")
            return self.real_of[e]
        if e.is_Rational:
            return self._val(e)
        if e.is_Add:
            return z3.Sum([self.term(a) for a in e.args])
        if e.is_Mul:
            out = self.term(e.args[0])
            for a in e.args[1:]:
                out = out * self.term(a)
            return out
        if e.is_Pow:
            return self._pow(e)
        if e in self.abstracted:
            return self.abstracted[e]
        f = e.func
        if f is sympy.exp:
            u = self.term(e.args[0])
            v = self._fresh("exp")
            self.axioms += [v > 0, v >= 1 + u]
            self.monotone["exp"].append((u, v))
            self.rules.add("exp(u) > 0, exp(u) >= 1 + u, exp increasing")
        elif f is sympy.log:
            u = self.term(e.args[0])
            self.side.append(u > 0)
            v = self._fresh("log")
            self.axioms += [z3.Implies(u > 0, z3.And(v <= u - 1, v * u >= u - 1))]
            self.monotone["log"].append((u, v))
            self.rules.add("log(u) <= u - 1, log(u) >= 1 - 1/u, log increasing")
        elif f is sympy.Abs:
            u = self.term(e.args[0])
            v = self._fresh("abs")
            self.axioms += [v >= 0, v >= u, v >= -u, z3.Or(v == u, v == -u)]
        elif f in (sympy.Max, sympy.Min):
            us = [self.term(a) for a in e.args]
            v = self._fresh("max" if f is sympy.Max else "min")
            cmp = (lambda a, b: a >= b) if f is sympy.Max else (lambda a, b: a <= b)
            self.axioms += [cmp(v, u) for u in us] + [z3.Or([v == u for u in us])]
        else:
            raise BackendError(f"z3: unsupported function {f.__name__} in {sympy.sstr(e)}")
        self.abstracted[e] = v
        return v

    def _pow(self, e):
        base, ex = e.base, e.exp
        if ex.is_Rational and (abs(int(ex.p)) > _MAX_POWER or int(ex.q) > _MAX_ROOT):
            # u**(2999/1000) would be encoded as r**2999 with r**1000 = u: z3 runs out of memory, not time
            raise BackendError(f"z3: the exponent {ex} in {sympy.sstr(e)} is too large to encode "
                               f"(numerator at most {_MAX_POWER}, denominator at most {_MAX_ROOT})")
        if ex.is_Integer:
            return self._int_power(self.term(base), int(ex))
        if ex.is_Rational:
            key = sympy.Pow(base, sympy.Rational(1, ex.q), evaluate=False)
            if key in self.abstracted:
                r = self.abstracted[key]
            else:
                b = self.term(base)
                r = self._fresh("root")
                rq = r
                for _ in range(int(ex.q) - 1):
                    rq = rq * r
                self.side.append(b >= 0)
                self.axioms += [r >= 0, z3.Implies(b >= 0, rq == b)]
                self.abstracted[key] = r
                self.rules.add("u**(p/q) = r**p with r >= 0, r**q = u")
            return self._int_power(r, int(ex.p))
        raise BackendError(f"z3: non-rational exponent in {sympy.sstr(e)}")

    def _int_power(self, r, k):
        if k == 0:
            return self._val(sympy.Integer(1))
        out = r
        for _ in range(abs(k) - 1):
            out = out * r
        if k < 0:
            self.side.append(r != 0)
            return 1 / out
        return out

    # -- formulas ----------------------------------------------------------------------
    def formula(self, rel):
        if isinstance(rel, sympy.And):
            return z3.And([self.formula(a) for a in rel.args])
        if isinstance(rel, sympy.Or):
            return z3.Or([self.formula(a) for a in rel.args])
        if isinstance(rel, sympy.Not):
            return z3.Not(self.formula(rel.args[0]))
        lhs, rhs, op = self.term(rel.lhs), self.term(rel.rhs), rel.rel_op
        return {"<=": lambda: lhs <= rhs, "<": lambda: lhs < rhs, ">=": lambda: lhs >= rhs,
                ">": lambda: lhs > rhs, "==": lambda: lhs == rhs, "!=": lambda: lhs != rhs}[op]()

    def monotonicity(self):
        out = []
        for pairs in self.monotone.values():
            for i in range(len(pairs)):
                for j in range(i + 1, len(pairs)):
                    (u1, v1), (u2, v2) = pairs[i], pairs[j]
                    out += [z3.Implies(u1 <= u2, v1 <= v2),
                            z3.Implies(u2 <= u1, v2 <= v1),
                            z3.Implies(u1 < u2, v1 < v2), z3.Implies(u2 < u1, v2 < v1)]
        return out

    def query(self):
        """``(solver_assertions, side_conditions_of_conclusion)`` for "hypotheses and not conclusion"."""
        hyps = [self.formula(h) for h in self.ob.all_hypotheses()]
        hyp_side = list(self.side)
        self.side = []
        concl = self.formula(self.ob.conclusion)
        concl_side = list(self.side)
        bad = z3.Or(z3.Not(concl), *[z3.Not(s) for s in concl_side]) if concl_side else z3.Not(concl)
        assertions = hyps + hyp_side + self.axioms + self.monotonicity() + [bad]
        return assertions, concl_side, hyps + hyp_side + self.axioms + self.monotonicity()


def _rational(val) -> sympy.Rational:
    if z3.is_int_value(val):
        return sympy.Integer(val.as_long())
    if z3.is_rational_value(val):
        return sympy.Rational(val.numerator_as_long(), val.denominator_as_long())
    if z3.is_algebraic_value(val):
        a = val.approx(40)
        return sympy.Rational(a.numerator_as_long(), a.denominator_as_long())
    raise BackendError(f"z3: cannot read model value {val}")


#: z3's deterministic budget per second of ``timeout``, in its resource units ("rlimit").  Measured on
#: the paper's audit: every query z3 decides there takes at most 2.3 million units (about 1 s), and
#: z3 does 1 to 4 million units a second on this project's machines.
RLIMIT_PER_SECOND = 1_500_000
#: The wall clock stops a query only at this multiple of ``timeout``: a safety net, not the budget.
WALL_FACTOR = 10


def _solve(assertions, ctx, timeout, tactic: str | None = None):
    """Check ``assertions`` within z3's resource limit for ``timeout`` (the same answer on every machine
    and under any load), with a wall-clock safety net at ``WALL_FACTOR * timeout``.  ``tactic`` names
    a z3 tactic to solve with (e.g. ``qfnra-nlsat``) instead of z3's default solver."""
    s = z3.Tactic(tactic, ctx=ctx).solver() if tactic else z3.Solver(ctx=ctx)
    s.set("rlimit", int(RLIMIT_PER_SECOND * timeout))
    s.set("timeout", int(WALL_FACTOR * timeout * 1000))
    s.add(*assertions)
    return s, s.check()


def spent(solver) -> float:
    """The resource units ``solver``'s context has used so far, in seconds of ``RLIMIT_PER_SECOND``."""
    st = solver.statistics()
    return st.get_key_value("rlimit count") / RLIMIT_PER_SECOND if "rlimit count" in st.keys() else 0.0


def decide(ob: Obligation, *, timeout: float = DEFAULT_TIMEOUT, **_ignored) -> Outcome:
    """Decide ``ob`` with z3.  See the module docstring for what each verdict means."""
    if memo.active():
        return memo.cached("z3", (memo.obligation_key(ob), timeout), lambda: _decide(ob, timeout))
    return _decide(ob, timeout)


def _decide(ob: Obligation, timeout: float) -> Outcome:
    t0 = time.perf_counter()
    try:
        tr = Translation(ob)
        assertions, concl_side, _ = tr.query()
    except BackendError as exc:
        return Outcome(BACKEND, "unknown", str(exc), seconds=time.perf_counter() - t0)
    s, res = _solve(assertions, tr.ctx, timeout)
    if res == z3.unsat:
        data = {"query": s.sexpr(), "rules": sorted(tr.rules)}
        return Outcome(BACKEND, "proved", "z3: the negation is unsatisfiable"
                       + (f" (using {'; '.join(sorted(tr.rules))})" if tr.rules else ""),
                       certificate=Certificate(BACKEND, "proved", data), seconds=time.perf_counter() - t0)
    if res == z3.unknown:
        return Outcome(BACKEND, "unknown", f"z3 returned unknown ({s.reason_unknown()})",
                       seconds=time.perf_counter() - t0)
    m = s.model()
    point = {v.symbol: _rational(m.eval(tr.vars[v.symbol], model_completion=True)) for v in ob.domain}
    names = {str(k): str(v) for k, v in point.items()}
    if not all(v.contains(point[v.symbol]) for v in ob.domain):
        return Outcome(BACKEND, "unknown", f"z3 model {names} rounds outside the domain",
                       seconds=time.perf_counter() - t0)
    hyp_ok = [arb_eval.holds(h, point) for h in ob.hypotheses]
    concl_ok = arb_eval.holds(ob.conclusion, point) if all(h is True for h in hyp_ok) else None
    if all(h is True for h in hyp_ok) and concl_ok is False:
        return Outcome(BACKEND, "refuted", f"z3 model re-checked in exact/arb arithmetic: {names}",
                       counterexample=names, certificate=Certificate(BACKEND, "refuted", {"point": names}),
                       seconds=time.perf_counter() - t0)
    if concl_side and all(h is True for h in hyp_ok):
        undefined = [str(c) for c in concl_side if z3.is_false(m.eval(c, model_completion=True))]
        if undefined:
            return Outcome(BACKEND, "unknown", "the conclusion may be undefined under the hypotheses "
                           f"(e.g. at {names}: {', '.join(undefined)} fails: a divisor may vanish, "
                           "a radicand or log argument may be non-positive)",
                           seconds=time.perf_counter() - t0)
    why = "it uses abstracted exp/log/root terms" if tr.abstracted else "of rounding an algebraic value"
    return Outcome(BACKEND, "unknown", f"z3 found a candidate {names} that does not re-check exactly, "
                   f"because {why}", seconds=time.perf_counter() - t0)


def replay_certificate(ob: Obligation, cert: Certificate, *, timeout: float = 4 * DEFAULT_TIMEOUT) -> bool:
    """Re-translate ``ob`` independently and re-run z3; True when the negation is unsat again.

    A certificate of :mod:`symbolic.backends.metitarski` (``data["method"] == "metitarski"``) is not
    replayed here (``False``): the kernel sends it to :func:`symbolic.backends.metitarski.replay_certificate`,
    which regenerates and compares its bound axioms before z3 runs again.
    """
    if cert.backend != BACKEND or cert.verdict != "proved":
        return False
    if isinstance(cert.data, dict) and cert.data.get("method") == "metitarski":
        return False
    try:
        tr = Translation(ob)
        assertions, _, _ = tr.query()
    except BackendError:
        return False
    return _solve(assertions, tr.ctx, timeout)[1] == z3.unsat


def satisfiable(ob: Obligation, *, timeout: float = DEFAULT_TIMEOUT):
    """Are the domain ranges and hypotheses satisfiable?  ``False`` is certain (unsat, so vacuous),
    ``True`` comes with an exact witness that re-checks in arb, ``None`` is undecided.

    Returns ``(answer, witness_or_None)``.
    """
    if memo.active():
        return memo.cached("z3-sat", (memo.obligation_key(ob), timeout), lambda: _satisfiable(ob, timeout))
    return _satisfiable(ob, timeout)


def _satisfiable(ob: Obligation, timeout: float):
    try:
        tr = Translation(ob)
        _, _, hyps = tr.query()
    except BackendError:
        return None, None
    s, res = _solve(hyps, tr.ctx, timeout)
    if res == z3.unsat:
        return False, None
    if res == z3.sat:
        m = s.model()
        point = {v.symbol: _rational(m.eval(tr.vars[v.symbol], model_completion=True)) for v in ob.domain}
        if all(v.contains(point[v.symbol]) for v in ob.domain) and \
                all(arb_eval.holds(h, point) is True for h in ob.hypotheses):
            return True, {str(k): str(v) for k, v in point.items()}
    return None, None
