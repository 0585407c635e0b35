"""Judging one obligation for the soundness gate: the checker's verdict, independent re-checks.

* :func:`holds_exactly` / :func:`refutes` decide a relation at an exact point without any
  backend's decision procedure (exact SymPy rationals, else certain arb comparisons).
* :func:`cross_check` re-decides a *proved* obligation with the other backends (z3 on the
  obligation, arb branch and bound on a bounded sub-box, sampling with another seed and more
  points); any certified refutation is a soundness alarm.
* :func:`judge` runs :func:`symbolic.check.check_obligation` and returns a :class:`Judgement`.

A :class:`Judgement` is a ``false proof`` when the verdict is ``proved`` and the statement is known
false (expected ``False``, or a verified witness), and an ``alarm`` when backends disagree or a
reported counterexample does not re-check.

>>> import sympy
>>> from symbolic.domain import Domain, Obligation
>>> D = Domain.parse(["x: real"])
>>> x = D.symbols("x")
>>> refutes(Obligation(x**2 >= x, (), D), {"x": "1/2"})
True
>>> j = judge(Obligation(sympy.exp(x) >= 1 + x, (), D), expected=True)
>>> j.verdict, j.false_proof, j.alarm
('proved', False, None)
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

import sympy

from symbolic.backends import arb_eval, exact_values, interval, sampling, smt
from symbolic.check import check_obligation
from symbolic.domain import Domain, Obligation, Var
from symbolic.errors import LawauditError, SoundnessAlarm

__all__ = ["Settings", "Judgement", "holds_exactly", "refutes", "bounded", "cross_check", "judge"]


@dataclass(frozen=True)
class Settings:
    """Checker settings for the gate (seeded; the same settings give the same verdicts)."""

    seed: int = 0
    samples: int = 2000
    dps: int = 50
    timeout: float = 5.0
    cross_samples: int = 4000
    interval_boxes: int = 1500
    box_radius: int = 10
    interval_max_vars: int = 3          # arb branch and bound cross-checks only small problems


@dataclass
class Judgement:
    id: str
    verdict: str
    method: str
    seconds: float
    expected: bool | None = None
    false_proof: bool = False
    alarm: str | None = None
    cross: str = ""                     # proved only: "confirmed" (another sound backend) | "unrefuted"
    witness: dict | None = None         # a verified point where the statement fails
    backends: dict = field(default_factory=dict)


def _at(rel, point):
    return rel.func(rel.lhs.xreplace(point), rel.rhs.xreplace(point), evaluate=False)


def holds_exactly(rel, point):
    """Three-valued truth of ``rel`` at ``point`` (symbol -> exact SymPy number).

    Exact when ``rhs - lhs`` evaluates (or, without functions, expands; or, with logarithms of
    positive rationals only, splits into logarithms of primes) to a rational; otherwise arb balls (``None`` when they
    cannot decide).  And/Or/Not are combined three-valued.
    """
    if rel is sympy.true or rel is True:
        return True
    if rel is sympy.false or rel is False:
        return False
    if isinstance(rel, sympy.And):
        vals = [holds_exactly(a, point) for a in rel.args]
        return False if False in vals else (None if None in vals else True)
    if isinstance(rel, sympy.Or):
        vals = [holds_exactly(a, point) for a in rel.args]
        return True if True in vals else (None if None in vals else False)
    if isinstance(rel, sympy.Not):
        v = holds_exactly(rel.args[0], point)
        return None if v is None else not v
    if exact_values.too_large(rel, point):       # (60 J W/eps)**p at p = 10**6: balls only
        try:
            return arb_eval.holds(rel, point)
        except LawauditError:
            return None
    try:
        margin = rel.rhs.xreplace(point) - rel.lhs.xreplace(point)
        if not margin.is_Rational and not margin.has(sympy.Function):   # algebraic: exact expansion
            margin = sympy.expand(margin)
    except (TypeError, ValueError, ZeroDivisionError):
        margin = None
    if margin is not None and not margin.is_Rational and margin.has(sympy.log) and \
            all(a.args[0].is_Rational and a.args[0] > 0 for a in margin.atoms(sympy.log)):
        # logs of positive rationals: split into logs of primes, which are linearly independent
        # over Q (unique factorisation), so the result is 0 exactly when the margin is 0
        margin = sympy.expand_log(margin, force=True, factor=True)
    if margin is not None and margin.is_Rational:
        s = (margin.p > 0) - (margin.p < 0)
        return {"<=": s >= 0, "<": s > 0, ">=": s <= 0, ">": s < 0, "==": s == 0, "!=": s != 0}[rel.rel_op]
    if margin is not None and margin.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
        return None
    try:
        return arb_eval.holds(_at(rel, point), {})
    except LawauditError:
        return None


def refutes(ob: Obligation, point: dict) -> bool:
    """True iff ``point`` (name -> exact value or its text) lies in the domain, satisfies every
    hypothesis and violates the conclusion, all decided exactly or by certain arb comparisons."""
    try:
        at = {v.symbol: sympy.sympify(point[v.name], rational=True) for v in ob.domain}
    except (KeyError, sympy.SympifyError, TypeError):
        return False
    for v in ob.domain:
        if v.kind == "integer" and not at[v.symbol].is_Integer:
            return False
        if not all(holds_exactly(c, at) is True for c in v.constraints()):
            return False
    if not all(holds_exactly(h, at) is True for h in ob.hypotheses):
        return False
    return holds_exactly(ob.conclusion, at) is False


def bounded(ob: Obligation, radius: int = 10) -> Obligation:
    """``ob`` on a bounded sub-box: every missing end is replaced by one ``radius*(1 + |other end|)``
    away (``[-radius, radius]`` when both are missing).  A refutation of the bounded version
    refutes ``ob``; a proof of ``ob`` proves it."""
    vs = []
    for v in ob.domain:
        lo, hi, lo_open, hi_open = v.lo, v.hi, v.lo_open, v.hi_open
        if lo is None and hi is None:
            lo, hi, lo_open, hi_open = -radius, radius, False, False
        elif hi is None:
            hi, hi_open = lo + radius * (1 + abs(lo)), False
        elif lo is None:
            lo, lo_open = hi - radius * (1 + abs(hi)), False
        vs.append(Var(v.name, v.kind, lo, hi, lo_open, hi_open))
    return Obligation(ob.conclusion, ob.hypotheses, Domain(tuple(vs)))


def cross_check(ob: Obligation, method: str, settings: Settings = Settings()):
    """Re-decide a proved ``ob`` with every backend other than ``method`` (the arb branch and
    bound on :func:`bounded` ``ob`` only when at most ``settings.interval_max_vars`` variables occur).

    Returns ``(status, alarm, verdicts)``: ``status`` is ``confirmed`` when another sound backend
    also proves it and ``unrefuted`` otherwise; ``alarm`` is text when some backend refutes it
    with a counterexample that re-checks exactly (``None`` otherwise); ``verdicts`` maps backend
    to verdict.
    """
    outs = []
    if method != "z3":
        outs.append(("z3", smt.decide(ob, timeout=settings.timeout)))
    nvars = len({s for e in (ob.conclusion, *ob.hypotheses) for s in e.free_symbols})
    if method != "arb" and nvars <= settings.interval_max_vars:
        try:
            bob = bounded(ob, settings.box_radius)
            outs.append(("arb-bounded", interval.decide(bob, max_boxes=settings.interval_boxes,
                                                        timeout=settings.timeout)))
        except LawauditError as exc:   # e.g. a bounded domain the parser rejects
            outs.append(("arb-bounded", None))
    outs.append(("sampling", sampling.decide(ob, seed=settings.seed + 1, dps=settings.dps,
                                             samples=settings.cross_samples)))
    verdicts, alarm, confirmed = {}, None, False
    for name, out in outs:
        verdicts[name] = "error" if out is None else out.verdict
        if out is None:
            continue
        if out.verdict == "refuted" and out.counterexample is not None and refutes(ob, out.counterexample):
            alarm = f"{method} proved it but {name} refuted it at {out.counterexample} (re-checked exactly)"
        if out.verdict == "proved" and name != "sampling":
            confirmed = True
    return ("confirmed" if confirmed else "unrefuted"), alarm, verdicts


def judge(ob: Obligation, *, id: str = "", expected: bool | None = None, witness: dict | None = None,
          settings: Settings = Settings(), cross: bool = True) -> Judgement:
    """Run the checker on ``ob`` and judge the verdict against the independent truth.

    ``expected`` is the known truth (``None`` if unknown); ``witness`` a point claimed to refute
    ``ob`` (re-checked here; when it re-checks, the truth is ``False``).  A proved verdict is
    cross-checked (:func:`cross_check`) when ``cross``; a refuted verdict's counterexample must
    re-check exactly.  A :class:`~symbolic.errors.SoundnessAlarm` from the checker is recorded
    as an alarm, never raised; any other exception gives the verdict ``error`` (the exception in
    ``method``), which is not a proof.
    """
    t0 = time.perf_counter()
    if witness is not None and refutes(ob, witness):
        expected = False
    else:
        witness = None
    try:
        v = check_obligation(ob, seed=settings.seed, dps=settings.dps, samples=settings.samples,
                             timeout=settings.timeout)
    except SoundnessAlarm as exc:
        return Judgement(id, "alarm", "", time.perf_counter() - t0, expected, expected is False,
                         f"checker raised SoundnessAlarm: {exc}", witness=witness)
    except Exception as exc:   # an engine crash is reported (verdict "error"), not a proof
        return Judgement(id, "error", f"{type(exc).__name__}: {exc}", time.perf_counter() - t0, expected,
                         witness=witness)
    j = Judgement(id, v.verdict, v.method, 0.0, expected, witness=witness,
                  backends={o.backend: o.verdict for o in v.outcomes})
    if v.verdict == "proved":
        j.false_proof = expected is False
        if j.false_proof:
            j.alarm = f"FALSE PROOF by {v.method}" + (f" (witness {witness})" if witness else "")
        if cross:
            j.cross, alarm, more = cross_check(ob, v.method, settings)
            j.backends.update({f"x-{k}": val for k, val in more.items()})
            j.alarm = j.alarm or alarm
    elif v.verdict == "refuted":
        if not (v.counterexample is not None and refutes(ob, v.counterexample)):
            j.alarm = f"counterexample {v.counterexample} from {v.method} does not re-check exactly"
        elif expected is True:
            j.alarm = f"refuted a statement expected true at {v.counterexample} (re-checked): the expectation is wrong"
        elif j.witness is None:
            j.witness = dict(v.counterexample)
    j.seconds = time.perf_counter() - t0
    return j
