"""``python -m benchmarks.transcendental``: ``lawaudit check`` on the transcendental benchmark.

Runs :func:`symbolic.check` (the same call as ``lawaudit check``, default settings unless given)
on every true problem of :mod:`benchmarks.transcendental_set` and on its certified false mutants,
and prints proved / refuted / evidence / unknown / vacuous counts for each, the proved share of the
true problems, the false proofs (a proved mutant: must be 0) and the median and maximum seconds.

Options: ``--true-only``, ``--mutants KIND ...`` (default: ``shift1/100 scale``, the mutants closest
to the true statements), ``--json PATH`` (every row), ``--samples``, ``--timeout``, ``--only ID ...``.
Exit status 1 when a false problem is proved.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter

__all__ = ["run", "summarize", "main"]

VERDICTS = ("proved", "refuted", "evidence", "unknown", "vacuous")


def run(problems, *, samples: int = 2000, timeout: float = 5.0, echo=None) -> list[dict]:
    """One row per problem: ``id, expected, verdict, method, seconds, detail``."""
    from symbolic import check
    from symbolic.errors import LawauditError
    rows = []
    for p in problems:
        t0 = time.perf_counter()
        try:
            v = check(p.statement, list(p.assume), list(p.vars), samples=samples, timeout=timeout)
            verdict, method, detail = v.verdict, v.method, v.detail
        except LawauditError as exc:
            verdict, method, detail = "error", "none", f"{type(exc).__name__}: {exc}"
        row = {"id": p.id, "expected": p.expected, "verdict": verdict, "method": method,
               "seconds": round(time.perf_counter() - t0, 3), "detail": detail[:300], "source": p.source}
        rows.append(row)
        if echo:
            echo(f"{row['seconds']:7.2f} s  {verdict:<9} {method:<16} {p.id}")
    return rows


def summarize(rows) -> dict:
    """Counts per verdict for the true and the false problems, proved share, false proofs, times."""
    out = {}
    for label, expected in (("true", True), ("false", False)):
        sel = [r for r in rows if r["expected"] is expected]
        if not sel:
            continue
        c = Counter(r["verdict"] for r in sel)
        secs = [r["seconds"] for r in sel]
        out[label] = {"n": len(sel), **{v: c.get(v, 0) for v in VERDICTS + ("error",)},
                      "median_s": round(statistics.median(secs), 3), "max_s": round(max(secs), 3)}
    if "true" in out:
        out["proved_share_true"] = round(out["true"]["proved"] / out["true"]["n"], 3)
    held = [r for r in rows if r["expected"] is True and r["id"].startswith("h-")]
    if held:
        out["held_out"] = {"n": len(held), "proved": sum(r["verdict"] == "proved" for r in held)}
    out["false_proofs"] = [r["id"] for r in rows if r["expected"] is False and r["verdict"] == "proved"]
    out["true_refuted"] = [r["id"] for r in rows if r["expected"] is True and r["verdict"] == "refuted"]
    return out


def print_summary(s, file=sys.stdout):
    """The summary of :func:`summarize` as a few lines."""
    for label in ("true", "false"):
        if label in s:
            d = s[label]
            counts = ", ".join(f"{v} {d[v]}" for v in VERDICTS + ("error",) if d[v])
            print(f"  {label} problems: {d['n']}: {counts}; median {d['median_s']} s, max {d['max_s']} s", file=file)
    if "proved_share_true" in s:
        print(f"  proved share of the true problems: {100 * s['proved_share_true']:.1f}%", file=file)
    if "held_out" in s:
        print(f"  of them held out (ids h-*): {s['held_out']['proved']} of {s['held_out']['n']} proved", file=file)
    print(f"  false proofs: {len(s['false_proofs'])} {s['false_proofs'] or ''}", file=file)
    if s["true_refuted"]:
        print(f"  TRUE PROBLEMS REFUTED: {s['true_refuted']}", file=file)


PROVED_AIM, MEDIAN_AIM = 0.8, 2.0


def transcendental_rows():
    """Rows ``[metric, measured, budget, status]`` for :mod:`benchmarks.run`, and the false proofs."""
    from .transcendental_set import HELD_OUT, TRUE_PROBLEMS, mutants
    true = list(TRUE_PROBLEMS) + list(HELD_OUT)
    probs = true + [m for m in mutants(true) if m.id.split("~")[1] in ("shift1/100", "scale")]
    s = summarize(run(probs))
    t, f = s["true"], s["false"]
    share = s["proved_share_true"]
    counts = lambda d: ", ".join(f"{v} {d[v]}" for v in VERDICTS + ("error",) if d[v])
    rows = [["transcendental: true problems", f"{t['n']}: {counts(t)}", "", ""],
            ["transcendental: proved share", f"{100 * share:.1f}%", f">= {100 * PROVED_AIM:g}% (aim)",
             "ok" if share >= PROVED_AIM else "below aim"],
            ["transcendental: held out proved", f"{s['held_out']['proved']} of {s['held_out']['n']}", "", ""],
            ["transcendental: false mutants", f"{f['n']}: {counts(f)}", "", ""],
            ["transcendental: false proofs", str(len(s["false_proofs"])), "0",
             "ok" if not s["false_proofs"] else "OVER " + ", ".join(s["false_proofs"])],
            ["transcendental: median / max s (true)", f"{t['median_s']} / {t['max_s']}", f"{MEDIAN_AIM:g} median (aim)",
             "ok" if t["median_s"] <= MEDIAN_AIM else "above aim"],
            ["transcendental: median / max s (false)", f"{f['median_s']} / {f['max_s']}", "", ""]]
    return rows, len(s["false_proofs"])


def main(argv=None) -> int:
    """Entry point (see the module docstring); exit status 1 on a false proof."""
    ap = argparse.ArgumentParser(prog="python -m benchmarks.transcendental", description=__doc__.splitlines()[0])
    ap.add_argument("--true-only", action="store_true")
    ap.add_argument("--mutants", nargs="*", default=["shift1/100", "scale"])
    ap.add_argument("--only", nargs="*", default=None)
    ap.add_argument("--samples", type=int, default=2000)
    ap.add_argument("--timeout", type=float, default=5.0)
    ap.add_argument("--json", default=None)
    ap.add_argument("--quiet", action="store_true")
    a = ap.parse_args(argv)
    from .transcendental_set import HELD_OUT, TRUE_PROBLEMS, mutants
    probs = list(TRUE_PROBLEMS) + list(HELD_OUT)
    if not a.true_only:
        probs += [m for m in mutants(probs) if m.id.split("~")[1] in set(a.mutants)]
    if a.only:
        probs = [p for p in probs if p.id in set(a.only) or p.id.split("~")[0] in set(a.only)]
    rows = run(probs, samples=a.samples, timeout=a.timeout, echo=None if a.quiet else print)
    s = summarize(rows)
    print(f"Transcendental benchmark: {len(probs)} problems")
    print_summary(s)
    if a.json:
        with open(a.json, "w") as fh:
            json.dump({"summary": s, "rows": rows}, fh, indent=1)
    return 1 if s["false_proofs"] else 0


if __name__ == "__main__":
    sys.exit(main())
