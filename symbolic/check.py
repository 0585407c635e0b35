"""``check``: one obligation through every backend, one honest verdict.

The order (docs/design.md, "Verdicts"):

1. The hypotheses are shown satisfiable (z3 sat with an exact witness re-checked in arb, or a
   sampled point certified by arb).  Unsatisfiable (z3 unsat) is ``vacuous``, never ``proved``.
   Undecided satisfiability downgrades a proof to ``unknown`` with the reason.
2. Sound backends, strongest first: SymPy (exact identities and signs), z3, arb branch and bound,
   z3 with certified polynomial bounds of the transcendental functions (MetiTarski's method).
   The first ``proved`` or ``refuted`` is kept.
3. mpmath sampling, always, even after a proof: it is shown beside the verdict, and a certified
   sampled counterexample to a proved obligation raises :class:`SoundnessAlarm`.
4. Nothing decided: ``evidence`` (sampling found no counterexample) or ``unknown``.
5. Two honesty checks on top (:func:`check_obligation`):

   * *definedness*: every divisor, fractional-power base and log argument of the conclusion
     must be non-zero / non-negative / positive wherever the hypotheses hold.  When z3 or
     sampling finds a certified point satisfying every hypothesis at which the conclusion is
     undefined (``1/x`` at ``x = 0``; ``x**(1/3)`` at ``x = -1``, where SymPy's principal root is
     not real), ``proved`` and ``evidence`` become ``unknown`` naming that point;
   * *exact zeros*: a strict relation ``a < b`` whose residual ``b - a`` SymPy simplifies to 0
     exactly (``sqrt(2) + sqrt(3) < sqrt(5 + 2*sqrt(6))``) is ``refuted`` at a certified point of
     the hypotheses where both sides are defined -- arb alone can never decide a zero that is
     not a rational.
"""
from __future__ import annotations

import importlib
import time
from typing import Iterable, Sequence

import sympy

from . import memo
from .definedness import definedness_conditions
from .domain import Domain, Obligation
from .errors import LawauditError, ObligationError, SoundnessAlarm
from .verdict import Certificate, Outcome, Verdict

__all__ = ["check", "check_obligation", "definedness_conditions", "SOUND_ORDER"]

#: Sound backends in the order they are tried (module names under ``symbolic.backends``);
#: ``metitarski`` is z3 with certified bounds of exp, log, sin, cos, atan (MetiTarski's method),
#: tried last so that what arb's branch and bound decides keeps its arb certificate.
SOUND_ORDER = ("exact", "smt", "interval", "metitarski")


def _backend(name):
    try:
        return importlib.import_module(f"symbolic.backends.{name}")
    except ImportError:  # a backend not installed in this build is simply not tried
        return None


def check(conclusion, hypotheses: Sequence = (), domain: Domain | Iterable[str] | None = None, *,
          seed: int = 0, dps: int = 50, samples: int = 2000, timeout: float = 5.0) -> Verdict:
    """Check *hypotheses imply conclusion* for every point of ``domain``; return a :class:`~symbolic.verdict.Verdict`.

    The one public entry point for an inequality outside the paper (docs/design.md, "Verdicts");
    the paper's steps go through the same pipeline (:func:`check_obligation`).

    Parameters
    ----------
    conclusion : SymPy relation (``a <= b``, ``Eq(a, b)``, ...) or And of relations, built from
        the domain's symbols (``domain.symbols("x y")``), or the same as text
        (``"exp(x) >= 1 + x"``, read by :func:`symbolic.parse.parse_relation`; not for untrusted input).
    hypotheses : relations (or texts) assumed to hold, beside the variables' ranges.
    domain : a :class:`~symbolic.domain.Domain`, or specs such as ``["x: real, 0 < x <= 1",
        "n: integer, n >= 1"]`` (real or integer; open or closed, finite or infinite ends).
    seed : seed of the sampling's ``numpy.random.default_rng`` (same seed, same verdict and figures).
    dps : mpmath significant digits of the sampling re-evaluation (at least 15).
    samples : number of sampled points (at least 1).
    timeout : seconds allowed to z3 and to the interval backend, each (positive).

    Returns
    -------
    Verdict
        ``verdict``: ``proved`` (a sound backend: SymPy identity/sign, z3 unsat, arb enclosure),
        ``refuted`` (``counterexample``: variable -> exact rational text, every hypothesis
        certainly true there and the conclusion certainly false), ``vacuous`` (the hypotheses
        are unsatisfiable), ``evidence`` (sampling only) or ``unknown`` (with the reason in
        ``detail``).  Also ``method``, ``evidence`` (points, feasible points, smallest margin
        ``rhs - lhs`` and where), ``certificate``, every backend's ``outcomes`` and ``seconds``.

    Raises
    ------
    ParseError
        A text could not be read (undeclared names, syntax outside the formula language).
    DomainError
        A variable spec is unreadable or its range is empty.
    ObligationError
        Malformed input (not a relation, floats, undeclared symbols, a relation SymPy already
        decided while building it, such as ``x**2 >= 0`` for real ``x`` built with evaluation on).
    LawauditError
        ``seed``, ``dps``, ``samples`` or ``timeout`` out of range (the message names it).
    SoundnessAlarm
        A sound backend proved what sampling refuted with a certified counterexample.

    Examples
    --------
    >>> import sympy
    >>> D = Domain.parse(["x: real"])
    >>> x = D.symbols("x")
    >>> check(sympy.exp(x) >= 1 + x, domain=D).verdict
    'proved'
    >>> v = check(x**2 <= 10**12 * x, [x > 0], D)
    >>> v.verdict, v.method, v.counterexample
    ('refuted', 'z3', {'x': '1000000000001'})
    >>> check("pi**2 <= 9.8696044010893586", domain=[]).verdict   # pi**2 = 9.86960440108935861883...
    'refuted'
    >>> check("1/x <= 1/x + 1", domain=["x: real"]).verdict       # undefined at x = 0
    'unknown'
    """
    _validate_settings(seed, dps, samples, timeout)
    if domain is None:
        domain = Domain()
    elif not isinstance(domain, Domain):
        from .parse import parse_domain
        domain = parse_domain(list(domain))
    if isinstance(hypotheses, (str, sympy.Basic)):
        hypotheses = (hypotheses,)
    hidden = []
    if isinstance(conclusion, str) or any(isinstance(h, str) for h in hypotheses):
        from .parse import hidden_conditions, parse_relation
        if isinstance(conclusion, str):
            text = conclusion
            conclusion = parse_relation(text, domain, what="conclusion")
            hidden = hidden_conditions(text, domain)
        hypotheses = tuple(parse_relation(h, domain, what=f"hypothesis {i + 1}") if isinstance(h, str) else h
                           for i, h in enumerate(hypotheses))
    ob = Obligation(conclusion, tuple(hypotheses), domain)
    return check_obligation(ob, seed=seed, dps=dps, samples=samples, timeout=timeout, definedness=hidden)


def _validate_settings(seed, dps, samples, timeout):
    def whole(name, v, lo):
        if isinstance(v, bool) or not isinstance(v, int) or v < lo:
            raise LawauditError(f"check: {name} must be a whole number >= {lo}, got {v!r}")
    whole("seed", seed, 0)
    whole("dps", dps, 15)
    whole("samples", samples, 1)
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not timeout > 0:
        raise LawauditError(f"check: timeout must be a positive number of seconds, got {timeout!r}")


def check_obligation(ob: Obligation, *, seed: int = 0, dps: int = 50, samples: int = 2000,
                     timeout: float = 5.0, backends: Sequence[str] = SOUND_ORDER,
                     definedness: Sequence = ()) -> Verdict:
    """:func:`check` for a ready-made :class:`~symbolic.domain.Obligation` (same verdicts, same errors).

    ``definedness``: extra ``(condition, reason)`` pairs the conclusion needs beyond those read
    off its expression (:func:`definedness_conditions`), e.g. from
    :func:`symbolic.parse.hidden_conditions` when SymPy simplified ``x/x`` away.
    """
    def compute():
        t0 = time.perf_counter()
        v = _pipeline(ob, seed=seed, dps=dps, samples=samples, timeout=timeout, backends=backends)
        if v.verdict in ("proved", "evidence", "unknown"):
            v = _definedness_gate(ob, v, seed=seed, dps=dps, samples=samples, timeout=timeout,
                                  extra=tuple(definedness))
        return _with_seconds(v, time.perf_counter() - t0)
    if not memo.active():
        return compute()
    extra = tuple((sympy.srepr(c), r) for c, r in definedness)
    return memo.cached("check", (memo.obligation_key(ob), seed, dps, samples, timeout, tuple(backends), extra),
                       compute)


def _with_seconds(v: Verdict, seconds: float) -> Verdict:
    return Verdict(v.verdict, v.method, v.detail, v.counterexample, v.evidence, v.certificate,
                   v.outcomes, seconds)


def _pipeline(ob: Obligation, *, seed, dps, samples, timeout, backends) -> Verdict:
    t0 = time.perf_counter()
    from .backends import sampling, smt
    outcomes: list[Outcome] = []

    sat, witness = smt.satisfiable(ob, timeout=timeout)
    if sat is False:
        out = Outcome("z3", "vacuous", "the hypotheses and ranges are unsatisfiable (z3 unsat)")
        return Verdict("vacuous", "z3", "the hypotheses can never hold together, so the step says nothing; "
                       "check the hypotheses", None, None, None, (out,), time.perf_counter() - t0)
    if sat is None:
        point = sampling.feasible_point(ob, seed=seed, samples=samples)
        if point is not None:
            sat, witness = True, {k: str(v) for k, v in point.items()}

    seeds = [witness] if sat is True and witness else []
    early: list[Outcome] = []

    def refuted_by_sampling() -> bool:
        """Sampling as it would run after the backends (none decided), asked by a backend before
        its expensive part: a certified counterexample means no proof exists."""
        if not early:
            early.append(sampling.decide(ob, seed=seed, dps=dps, samples=samples, seeds=seeds))
        return early[0].verdict == "refuted"

    decided: Outcome | None = None
    for name in backends:
        mod = _backend(name)
        if mod is None:
            continue
        out = mod.decide(ob, timeout=timeout, refuted_elsewhere=refuted_by_sampling)
        outcomes.append(out)
        if out.verdict in ("proved", "refuted"):
            decided = out
            break

    if decided is not None and decided.verdict == "refuted" and decided.counterexample:
        seeds.append(decided.counterexample)      # the evidence then shows the failure too
        early.clear()
    sampled = early[0] if early else sampling.decide(ob, seed=seed, dps=dps, samples=samples, seeds=seeds)
    outcomes.append(sampled)
    ev = sampled.evidence

    if decided is not None and decided.verdict == "proved" and sampled.verdict == "refuted":
        raise SoundnessAlarm(f"check: {decided.backend} proved {ob.text()} but sampling found the certified "
                             f"counterexample {sampled.counterexample}")
    if decided is not None and decided.verdict == "proved" and _negative(ev):
        raise SoundnessAlarm(f"check: {decided.backend} proved {ob.text()} but mpmath evaluated a negative "
                             f"margin at an exact point ({sampled.detail})")
    seconds = time.perf_counter() - t0
    if decided is None and sampled.verdict != "refuted" and sat is True and witness is not None:
        for probe in (_exact_zero_refutation, _magnitude_probe):
            found = probe(ob, witness)
            if found is not None:
                outcomes.append(found)
                return Verdict("refuted", found.backend, found.detail, found.counterexample, ev,
                               found.certificate, tuple(outcomes), time.perf_counter() - t0)
    if decided is not None and decided.verdict == "refuted":
        return Verdict("refuted", decided.backend, f"counterexample {_fmt(decided.counterexample)}",
                       decided.counterexample, ev, decided.certificate, tuple(outcomes), seconds)
    if sampled.verdict == "refuted":
        return Verdict("refuted", "mpmath-sampling", f"counterexample {_fmt(sampled.counterexample)} "
                       "(found by sampling, re-checked in arb)", sampled.counterexample, ev,
                       sampled.certificate, tuple(outcomes), seconds)
    if decided is not None:  # proved
        if sat is not True:
            return Verdict("unknown", decided.backend, "the implication is proved, but no point satisfying "
                           "the hypotheses was found, so it may be vacuous", None, ev, decided.certificate,
                           tuple(outcomes), seconds)
        return Verdict("proved", decided.backend, decided.detail, None, ev, decided.certificate,
                       tuple(outcomes), seconds)
    if sampled.verdict == "evidence":
        reasons = "; ".join(f"{o.backend}: {o.detail}" for o in outcomes[:-1] if o.detail)
        return Verdict("evidence", "mpmath-sampling", f"no counterexample: {sampled.detail}; no sound backend "
                       f"decided it ({reasons})", None, ev, sampled.certificate, tuple(outcomes), seconds)
    reasons = "; ".join(f"{o.backend}: {o.detail}" for o in outcomes if o.detail)
    return Verdict("unknown", "none", f"undecided: {reasons}", None, ev, None, tuple(outcomes), seconds)


def _negative(ev) -> bool:
    """True when sampling evaluated a negative relative margin (at an exact point, in mpmath)."""
    if ev is None:
        return False
    margins = [ev.min_margin] + [(ev.stress or {}).get("min_margin")]
    return any(m is not None and float(m) < 0 for m in margins)


def _fmt(point) -> str:
    if not point:
        return "(none needed: the statement has no variables and is false)"
    return ", ".join(f"{k} = {v}" for k, v in point.items())


# ---------------------------------------------------------------------------------------------
# exact zeros: a strict relation whose two sides are identical
def _strict_parts(concl):
    rels = list(concl.args) if isinstance(concl, sympy.And) else [concl]
    return [r for r in rels if isinstance(r, sympy.core.relational.Relational) and r.rel_op in ("<", ">", "!=")]


def _exact_zero_refutation(ob: Obligation, witness: dict) -> Outcome | None:
    """``refuted`` when a strict part of the conclusion compares two exactly equal sides.

    The residual ``lhs - rhs`` must simplify to 0 (SymPy, as the exact backend's identities), and
    both sides must evaluate to finite arb balls at ``witness`` (a point where every range and
    hypothesis was certified), so the strict part is false there.
    """
    from .backends import arb_eval, exact
    parts = _strict_parts(ob.conclusion)
    if not parts:
        return None
    point = {v.symbol: sympy.Rational(witness[v.name]) for v in ob.domain}
    for rel in parts:
        try:
            if not exact._identity(rel.lhs - rel.rhs):
                continue
            arb_eval.to_arb(rel.lhs, point)
            arb_eval.to_arb(rel.rhs, point)
        except LawauditError:
            continue
        names = {v.name: str(point[v.symbol]) for v in ob.domain}
        where = f"e.g. at {_fmt(names)}" if names else "(the statement has no variables)"
        detail = (f"{sympy.sstr(rel.lhs)} - ({sympy.sstr(rel.rhs)}) simplifies to 0 exactly, so the strict "
                  f"relation {sympy.sstr(rel)} fails wherever both sides are defined, {where} (every "
                  f"hypothesis certified there)")
        cert = Certificate("sympy", "refuted", {"identity": f"{sympy.sstr(rel.lhs)} - ({sympy.sstr(rel.rhs)}) == 0",
                                                 "point": names})
        return Outcome("sympy", "refuted", detail, counterexample=names, certificate=cert)
    return None


# ---------------------------------------------------------------------------------------------
# extreme magnitudes: statements false only for huge or tiny values escape the sampling range
_HUGE = (6, 9, 12, 15, 20, 30, 50, 100)
_TINY = (13, 15, 20, 30, 50, 100, 200, 300)
_MAX_PROBES = 400


def _extremes(v) -> list:
    """Exact values of variable ``v`` at extreme magnitudes and extremely close to finite ends."""
    one = sympy.Integer(1)
    cands = [sign * sympy.Integer(10) ** k for k in _HUGE for sign in (one, -one)]
    if v.kind == "real":
        cands += [sign * sympy.Rational(1, 10 ** k) for k in _TINY for sign in (one, -one)]
        for end, step in ((v.lo, 1), (v.hi, -1)):
            if end is not None:
                cands += [end + step * sympy.Rational(1, 10 ** k) for k in _TINY]
    return [c for c in cands if v.contains(c)]


def _magnitude_probe(ob: Obligation, witness: dict) -> Outcome | None:
    """``refuted`` at an exact point of extreme magnitude certified in arb, or None.

    Starting from ``witness`` (a certified point of the hypotheses), each variable in turn (and
    all together) is moved to ``+-10**k`` and ``+-10**-k`` and to ``end +- 10**-k``; a point is a
    counterexample only when arb certifies every hypothesis true and the conclusion false there
    (:func:`symbolic.backends.arb_eval.holds`), exactly as the sampling backend certifies one.
    """
    from flint import arb, fmpq
    from .backends import arb_eval

    def ball(r):  # a tight ball, not the exact rational: arb_eval's exact path would expand 2**(10**100)
        with arb_eval.workprec(2048):
            return arb(fmpq(int(r.p), int(r.q)))

    base = {v.symbol: sympy.Rational(witness[v.name]) for v in ob.domain}
    trials = []
    for v in ob.domain:
        trials += [{**base, v.symbol: c} for c in _extremes(v)]
    if len(ob.domain) > 1:
        common = set.intersection(*[set(_extremes(v)) for v in ob.domain])
        trials += [{v.symbol: c for v in ob.domain} for c in sorted(common, key=abs)]
    for point in trials[:_MAX_PROBES]:
        balls = {k: ball(r) for k, r in point.items()}
        try:
            if arb_eval.holds(ob.conclusion, balls) is not False:
                continue
            if not all(arb_eval.holds(h, balls) is True for h in ob.hypotheses):
                continue
        except LawauditError:
            continue
        names = {v.name: str(point[v.symbol]) for v in ob.domain}
        detail = (f"counterexample {_fmt(names)} (an extreme magnitude, beyond the sampled range; "
                  f"every hypothesis certainly true and the conclusion certainly false in arb)")
        return Outcome("arb", "refuted", detail, counterexample=names,
                       certificate=Certificate("arb", "refuted", {"point": names, "probe": "magnitudes"}))
    return None


# ---------------------------------------------------------------------------------------------
# definedness: divisors, fractional-power bases and log arguments of the conclusion
def _undefined_point(ob: Obligation, *, seed, dps, samples, timeout, extra=()):
    """A certified point of the hypotheses where the conclusion is undefined: ``(names, reason)`` or None."""
    from .backends import sampling, smt
    for cond, reason in list(definedness_conditions(ob.conclusion)) + list(extra):
        try:
            sub = Obligation(cond, ob.hypotheses, ob.domain)
        except ObligationError:
            continue
        out = smt.decide(sub, timeout=timeout)
        if out.verdict == "unknown":
            out = sampling.decide(sub, seed=seed, dps=dps, samples=min(samples, 500))
        if out.verdict == "refuted":
            return out.counterexample, reason
    return None


def _definedness_gate(ob: Obligation, v: Verdict, *, seed, dps, samples, timeout, extra=()) -> Verdict:
    found = _undefined_point(ob, seed=seed, dps=dps, samples=samples, timeout=timeout, extra=extra)
    if found is None:
        return v
    point, reason = found
    at = f"at {_fmt(point)}" if point else "everywhere"
    why = (f"the conclusion is undefined {at}, which satisfies every hypothesis ({reason}); "
           f"add a hypothesis or range that excludes such points")
    before = {"proved": f"{v.method} proved it where it is defined, but ",
              "evidence": "sampling found no counterexample among the points where it is defined, but ",
              "unknown": f"{v.detail}; also "}[v.verdict]
    out = Outcome("definedness", "unknown", why, counterexample=point)
    return Verdict("unknown", v.method if v.verdict == "proved" else "none", before + why, None, v.evidence,
                   None, v.outcomes + (out,), v.seconds)
