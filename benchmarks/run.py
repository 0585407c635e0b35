"""``python -m benchmarks.run``: time the audit against the budgets of docs/design.md ("Budgets").

Measured (wall clock, this machine):

* the full audit of every encoded result (:func:`symbolic.audit.audit`, default settings):
  budget 30 s, aim 5 s;
* every step obligation through z3 alone (:func:`symbolic.backends.smt.decide`): budget 1 s each
  (the statistics are over the obligations z3 decides; undecided ones are listed separately);
* sampling throughput per step (:func:`symbolic.backends.sampling.decide` with ``--points``
  points; points per second including the mpmath and arb re-checks): budget 10^5 points/s;
* ``lawaudit check`` on the transcendental benchmark (:mod:`benchmarks.transcendental`): proved /
  refuted / evidence / unknown counts of its true problems and of their false mutants, the proved
  share (aim 80%), the median seconds per problem (aim 2 s) and the false proofs (budget 0);
* peak memory of this process: budget 2 GiB.

Prints one table (metric, measured, budget, status) and the slowest obligations.  Exit status
is 0, or 1 with ``--strict`` when a budget is exceeded.  The ``make test`` budget (5 minutes with
notebooks) is measured by timing ``make test`` itself and is not repeated here.
"""
from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time

__all__ = ["main", "time_audit", "time_z3", "time_sampling"]

AUDIT_BUDGET, AUDIT_AIM = 30.0, 5.0
Z3_BUDGET = 1.0
SAMPLING_BUDGET = 1e5
MEMORY_BUDGET_MB = 2048


def _obligations(results):
    return [(r.step_id(s.slug), s.obligation) for r in results for s in r.steps if s.obligation is not None]


def time_audit(results, settings) -> tuple[float, dict]:
    """Seconds for one full audit of ``results``, and the report's verdict summary."""
    from derivations import PAPER
    from symbolic.audit import audit
    t0 = time.perf_counter()
    report = audit(results, settings, PAPER)
    return time.perf_counter() - t0, report["summary"]


def time_z3(obligations, timeout: float) -> list[tuple[str, str, float]]:
    """``(step id, z3 verdict, seconds)`` for every obligation, z3 alone."""
    from symbolic.backends import smt
    out = []
    for sid, ob in obligations:
        t0 = time.perf_counter()
        v = smt.decide(ob, timeout=timeout)
        out.append((sid, v.verdict, time.perf_counter() - t0))
    return out


def time_sampling(obligations, points: int, seed: int = 0) -> list[tuple[str, int, float]]:
    """``(step id, points evaluated, seconds)`` for every obligation, sampling alone."""
    from symbolic.backends import sampling
    out = []
    for sid, ob in obligations:
        t0 = time.perf_counter()
        v = sampling.decide(ob, seed=seed, samples=points)
        n = v.evidence.points if v.evidence is not None else 0
        out.append((sid, n, time.perf_counter() - t0))
    return out


def _status(ok):
    return "ok" if ok else "OVER"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.splitlines()[0])
    ap.add_argument("--results", nargs="*", default=None, help="result ids (default: every encoded result)")
    ap.add_argument("--points", type=int, default=100_000, help="sampled points per step for the throughput")
    ap.add_argument("--z3-timeout", type=float, default=5.0)
    ap.add_argument("--skip-audit", action="store_true")
    ap.add_argument("--strict", action="store_true", help="exit 1 when a budget is exceeded")
    ap.add_argument("--skip-transcendental", action="store_true",
                    help="skip lawaudit check on the transcendental benchmark (benchmarks/transcendental.py)")
    a = ap.parse_args(argv)

    from derivations import all_results
    from symbolic.audit import Settings
    results = all_results()
    if a.results:
        results = [r for r in results if r.id in set(a.results)]
    obs = _obligations(results)
    rows, over = [], False

    if not a.skip_audit:
        secs, summary = time_audit(results, Settings())
        ok = secs <= AUDIT_BUDGET
        over |= not ok
        rows.append(["full audit (s)", f"{secs:.1f}", f"{AUDIT_BUDGET:g} (aim {AUDIT_AIM:g})",
                     _status(ok) + ("" if secs <= AUDIT_AIM else ", above aim")])
        rows.append(["  steps by verdict", ", ".join(f"{k} {v}" for k, v in summary.items() if v), "", ""])

    z3 = time_z3(obs, a.z3_timeout)
    decided = [t for _, v, t in z3 if v in ("proved", "refuted")]
    slow = [(sid, v, t) for sid, v, t in z3 if v in ("proved", "refuted") and t > Z3_BUDGET]
    over |= bool(slow)
    rows.append(["z3 obligations decided / total", f"{len(decided)}/{len(z3)}", "", ""])
    if decided:
        rows.append(["z3 decided: median / max (s)", f"{statistics.median(decided):.3f} / {max(decided):.3f}",
                     f"{Z3_BUDGET:g} each", _status(not slow)])
    undecided = [t for _, v, t in z3 if v not in ("proved", "refuted")]
    if undecided:
        rows.append(["z3 undecided: median / max (s)", f"{statistics.median(undecided):.3f} / {max(undecided):.3f}",
                     "", "(not z3 obligations)"])

    samp = time_sampling(obs, a.points)
    rates = [n / t for _, n, t in samp if t > 0 and n > 0]
    if rates:
        worst = min(rates)
        over |= worst < SAMPLING_BUDGET
        rows.append(["sampling points/s per step: min / median",
                     f"{worst:,.0f} / {statistics.median(rates):,.0f}", f">= {SAMPLING_BUDGET:,.0f}",
                     _status(worst >= SAMPLING_BUDGET)])
        rows.append(["sampling steps below budget", f"{sum(r < SAMPLING_BUDGET for r in rates)}/{len(rates)}", "", ""])

    from .coq import COQ_BUDGET, time_coq   # issue 17
    coq = time_coq(obs, {sid: v for sid, v, _ in z3})
    if coq is None:
        rows.append(["coqc over the exported proofs (s)", "skipped: coqc is not on the PATH", f"{COQ_BUDGET:g}", ""])
    else:
        over |= coq[0] > COQ_BUDGET
        rows.append(["coqc over the exported proofs (s)", f"{coq[0]:.1f} ({coq[1]} checked, {coq[2]} failed, "
                     f"{coq[3]} not exported, of {coq[4]} proved)", f"{COQ_BUDGET:g}", _status(coq[0] <= COQ_BUDGET)])
    if not a.skip_transcendental:
        from .transcendental import transcendental_rows
        trows, false_proofs = transcendental_rows()
        rows += trows
        over |= false_proofs > 0

    mem = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024     # KiB on Linux
    over |= mem > MEMORY_BUDGET_MB
    rows.append(["peak memory (MiB)", f"{mem:.0f}", f"{MEMORY_BUDGET_MB}", _status(mem <= MEMORY_BUDGET_MB)])

    header = ["metric", "measured", "budget", "status"]
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
    print(f"Benchmarks: {len(results)} results, {len(obs)} step obligations")
    print("  ".join(h.ljust(w) for h, w in zip(header, widths)))
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print("  ".join(str(x).ljust(w) for x, w in zip(r, widths)))
    print("\nSlowest z3 obligations:")
    for sid, v, t in sorted(z3, key=lambda r: -r[2])[:5]:
        print(f"  {t:7.3f} s  {v:<8} {sid}")
    print("Slowest sampling (points/s):")
    for sid, n, t in sorted(samp, key=lambda r: (r[1] / r[2]) if r[2] else 0)[:5]:
        print(f"  {n / t if t else 0:12,.0f}  {n} points in {t:.2f} s  {sid}")
    return 1 if (over and a.strict) else 0


if __name__ == "__main__":
    sys.exit(main())
