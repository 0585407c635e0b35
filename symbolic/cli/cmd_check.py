"""``lawaudit check "<inequality>"``: one inequality of your own, the same honest verdict as a paper step.

Usage::

    lawaudit check "exp(x) >= 1 + x" --var "x: real"
    lawaudit check "x**2 <= 1e12*x" --var "x: real, x > 0"
    lawaudit check "log(y) <= x - 1" --assume "y <= exp(x - 1)" --var "x: real" --var "y: positive"

Exit codes (so that scripts can branch on the verdict):

====  ==========================================================================
0     proved (a sound procedure: SymPy identity/sign, z3 unsat, arb enclosure)
1     refuted (a counterexample certified exactly or in arb; it is printed)
2     bad input: unreadable formula, undeclared variable, empty range, bad option
      (one line on standard error, no traceback)
3     evidence (sampling only), unknown (undecided, with the reason) or vacuous
      (the hypotheses can never hold)
4     soundness alarm: two backends disagree (a bug in lawaudit; please report it)
5     internal error (a bug in lawaudit, one line; never read it as a verdict)
====  ==========================================================================

The formulas are read by :mod:`symbolic.parse` (declared variables and whitelisted functions
only, no builtins).  **It is not meant for untrusted input.**
"""
from __future__ import annotations

import argparse
import json
import sys

from .args import EXIT_ALARM, EXIT_USAGE, Parser, positive_int, positive_seconds
from ..errors import LawauditError, ParseError, SoundnessAlarm
from ..verdict import describe_evidence

__all__ = ["main", "build_parser", "EXIT_CODES", "format_table"]

#: verdict -> exit code
EXIT_CODES = {"proved": 0, "refuted": 1, "evidence": 3, "unknown": 3, "vacuous": 3}
PROG = "lawaudit check"




def _whole(name, lo):
    return positive_int(name, lo)


_seconds = positive_seconds("--timeout")


def build_parser() -> argparse.ArgumentParser:
    from ..parse import FUNCTIONS, CONSTANTS
    p = Parser(prog=PROG, formatter_class=argparse.RawDescriptionHelpFormatter, description=(
        "Check one inequality (or equation) over declared variables with every lawaudit backend:\n"
        "SymPy identities, z3, arb interval branch and bound (sound: 'proved'), then mpmath\n"
        "sampling (never a proof: 'evidence'). A 'refuted' verdict comes with an exact counterexample.\n\n"
        "Formulas: + - * / ** (or ^), numbers (decimals are exact: 0.1 = 1/10, 1e12 = 10**12),\n"
        f"functions {', '.join(sorted(FUNCTIONS))}, constants {', '.join(sorted(CONSTANTS))};\n"
        "relations <=, <, >=, >, == (equality), != (or ≤ ≥ ≠); a chain such as '0 < x <= 1' means both.\n"
        "Every variable must be declared with --var. Note x**(1/3) is SymPy's principal root,\n"
        "which is not real for x < 0.\n\n"
        "The parser is NOT for untrusted input: it evaluates the text with SymPy."),
        epilog=("exit codes: 0 proved, 1 refuted, 2 bad input, 3 evidence/unknown/vacuous, "
                "4 soundness alarm (a bug in lawaudit), 5 internal error (a bug in lawaudit; not a verdict).\n"
                "example: lawaudit check \"exp(x) >= 1 + x\" --var \"x: real\"\n"
                "a statement starting with '-' goes after '--': lawaudit check --var \"x: real\" -- \"-x <= x**2 + 1\""))
    p.add_argument("statement", metavar="INEQUALITY", help="the conclusion, e.g. \"x**2 <= 1e12*x\"")
    p.add_argument("--assume", action="append", default=[], metavar="HYPOTHESIS",
                   help="a hypothesis (repeatable), e.g. --assume \"x*y <= 1\"")
    p.add_argument("--var", action="append", default=[], metavar="SPEC",
                   help="declare one variable (one --var per variable): \"x: real\", \"x: real, 0 < x <= 1\", "
                        "\"n: integer, n >= 1\", \"t: positive\", \"s: nonnegative\", \"u: unit\" (0 < u < 1)")
    p.add_argument("--format", choices=("table", "json"), default="table", help="output format (default: table)")
    p.add_argument("--seed", type=_whole("--seed", 0), default=0, help="sampling seed (default 0)")
    p.add_argument("--dps", type=_whole("--dps", 15), default=50,
                   help="mpmath significant digits for sampling (default 50, at least 15)")
    p.add_argument("--samples", type=_whole("--samples", 1), default=2000, help="sampled points (default 2000)")
    p.add_argument("--timeout", type=_seconds, default=5.0,
                   help="budget for z3 and for the interval backend, each, in seconds of work (default 5): z3 gets a resource limit in proportion, so the verdict does not depend on the machine; the wall clock stops a call only at 10 times it")
    return p


def _declare_hint(names) -> str:
    first = names[0]
    flags = " ".join(f'--var "{n}: real"' for n in names)
    return (f"undeclared variable(s) {', '.join(names)}: declare each with --var giving its kind and range, "
            f"e.g. {flags} (or --var \"{first}: real, 0 < {first} <= 1\", --var \"{first}: integer, {first} >= 1\")")


def _fmt_point(point) -> str:
    if point is None:
        return "(none)"
    if not point:
        return "(no variables: the statement itself is false)"
    return ", ".join(f"{k} = {v}" for k, v in point.items())


def format_table(statement: str, hypotheses, domain, verdict) -> str:
    """The verdict as aligned ``label : value`` lines (what ``--format table`` prints)."""
    ev = verdict.evidence
    if ev is None:
        sampling = "(not run)"
    elif ev.feasible == 0:
        sampling = f"{ev.points} points, none satisfying the hypotheses"
    else:
        sampling = describe_evidence(ev) + " (a negative margin would mean the conclusion fails there)"
    rows = [("statement", statement),
            ("assuming", "; ".join(hypotheses) if hypotheses else "(nothing beyond the ranges)"),
            ("variables", "; ".join(v.describe() for v in domain) or "(none)"),
            ("verdict", verdict.verdict),
            ("method", verdict.method),
            ("detail", verdict.detail),
            ("counterexample", _fmt_point(verdict.counterexample)),
            ("sampling", sampling),
            ("time", f"{verdict.seconds:.2f} s")]
    return "".join(f"{k:<15}: {v}\n" for k, v in rows)


def _run(argv) -> int:
    from ..check import check
    from ..parse import parse_check
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # --help (0) or a bad option (2, message already printed)
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    try:
        concl, hyps, domain = parse_check(args.statement, args.assume, args.var)
    except ParseError as exc:
        names = getattr(exc, "undeclared", None)
        if names:
            raise LawauditError(_declare_hint(list(names))) from None
        raise
    # the texts again (already validated): check() also looks at what SymPy simplified away (x/x)
    v = check(args.statement, list(args.assume), domain, seed=args.seed, dps=args.dps, samples=args.samples, timeout=args.timeout)
    if args.format == "json":
        doc = {"schema": "lawaudit-check/1", "statement": args.statement, "assume": list(args.assume),
               "conclusion": str(concl), "hypotheses": [str(h) for h in hyps], "domain": domain.to_json(),
               "settings": {"seed": args.seed, "dps": args.dps, "samples": args.samples, "timeout": args.timeout},
               "exit_code": EXIT_CODES[v.verdict], **v.to_json()}
        sys.stdout.write(json.dumps(doc, indent=2) + "\n")
    else:
        sys.stdout.write(format_table(args.statement, list(args.assume), domain, v))
    return EXIT_CODES[v.verdict]


def main(argv=None) -> int:
    """Entry point of ``lawaudit check``; returns the exit code (see the module docstring)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        return _run(argv)
    except SoundnessAlarm as exc:
        print(f"{PROG}: SOUNDNESS ALARM: {exc}\n{exc.advice}", file=sys.stderr)
        return EXIT_ALARM
    except LawauditError as exc:
        print(f"{PROG}: error: {' '.join(str(exc).split())}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
