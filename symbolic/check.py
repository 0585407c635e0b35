"""``check``: one obligation through every backend, one honest verdict.

The order (DESIGN.md, "Verdicts"):

1. The hypotheses are shown satisfiable (z3 sat with an exact witness re-checked in arb, or a
   sampled point certified by arb).  Unsatisfiable (z3 unsat) is ``vacuous``, never ``proved``.
   Undecided satisfiability downgrades a proof to ``unknown`` with the reason.
2. Sound backends, strongest first: SymPy (exact identities and signs), z3, arb branch and bound.
   The first ``proved`` or ``refuted`` is kept.
3. mpmath sampling, always, even after a proof: it is shown beside the verdict, and a certified
   sampled counterexample to a proved obligation raises :class:`SoundnessAlarm`.
4. Nothing decided: ``evidence`` (sampling found no counterexample) or ``unknown``.
"""
from __future__ import annotations

import importlib
import time
from typing import Iterable, Sequence

import sympy

from .domain import Domain, Obligation
from .errors import SoundnessAlarm
from .verdict import Outcome, Verdict

__all__ = ["check", "check_obligation", "SOUND_ORDER"]

#: Sound backends in the order they are tried (module names under ``symbolic.backends``).
SOUND_ORDER = ("exact", "smt", "interval")


def _backend(name):
    try:
        return importlib.import_module(f"symbolic.backends.{name}")
    except ImportError:  # a backend not installed in this build is simply not tried
        return None


def check(conclusion, hypotheses: Sequence = (), domain: Domain | Iterable[str] | None = None, *,
          seed: int = 0, dps: int = 50, samples: int = 2000, timeout: float = 5.0) -> Verdict:
    """Check *hypotheses imply conclusion* on ``domain`` and return a :class:`~symbolic.verdict.Verdict`.

    Parameters
    ----------
    conclusion : SymPy relation (``a <= b``, ``Eq(a, b)``, ...) or And/Or of relations, built from
        the domain's symbols (``domain.symbols("x y")``).
    hypotheses : relations assumed to hold.
    domain : a :class:`~symbolic.domain.Domain`, or specs such as ``["x: real, 0 < x <= 1"]``.
    seed, dps, samples : sampling settings (seeded numpy generator, mpmath digits, points).
    timeout : seconds allowed to z3 and to the interval backend, each.

    Returns
    -------
    Verdict
        ``proved``/``refuted``/``vacuous``/``evidence``/``unknown`` with method, counterexample
        (exact values as text), sampling evidence, certificate and per-backend outcomes.

    Raises
    ------
    ObligationError
        Malformed input (not a relation, floats, undeclared symbols).
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
    >>> v.verdict, v.method
    ('refuted', 'z3')
    """
    if domain is None:
        domain = Domain()
    elif not isinstance(domain, Domain):
        domain = Domain.parse(domain)
    ob = Obligation(conclusion, tuple(hypotheses), domain)
    return check_obligation(ob, seed=seed, dps=dps, samples=samples, timeout=timeout)


def check_obligation(ob: Obligation, *, seed: int = 0, dps: int = 50, samples: int = 2000,
                     timeout: float = 5.0, backends: Sequence[str] = SOUND_ORDER) -> Verdict:
    """:func:`check` for a ready-made :class:`~symbolic.domain.Obligation`."""
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

    decided: Outcome | None = None
    for name in backends:
        mod = _backend(name)
        if mod is None:
            continue
        out = mod.decide(ob, timeout=timeout)
        outcomes.append(out)
        if out.verdict in ("proved", "refuted"):
            decided = out
            break

    sampled = sampling.decide(ob, seed=seed, dps=dps, samples=samples)
    outcomes.append(sampled)
    ev = sampled.evidence

    if decided is not None and decided.verdict == "proved" and sampled.verdict == "refuted":
        raise SoundnessAlarm(f"check: {decided.backend} proved {ob.text()} but sampling found the certified "
                             f"counterexample {sampled.counterexample}")
    seconds = time.perf_counter() - t0
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
        return Verdict("evidence", "mpmath-sampling", f"no counterexample in {ev.feasible} sampled points "
                       f"(smallest margin {ev.min_margin}); no sound backend decided it ({reasons})",
                       None, ev, sampled.certificate, tuple(outcomes), seconds)
    reasons = "; ".join(f"{o.backend}: {o.detail}" for o in outcomes if o.detail)
    return Verdict("unknown", "none", f"undecided: {reasons}", None, ev, None, tuple(outcomes), seconds)


def _fmt(point) -> str:
    return ", ".join(f"{k} = {v}" for k, v in (point or {}).items())
