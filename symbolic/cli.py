"""``lawaudit``: audit the encoded results of the paper from the command line.

Exit codes: 0 success; 1 a step has a verdict named in ``--fail-on``; 2 bad arguments (a
one-line message naming the argument, never a traceback); 4 soundness alarm (two backends
disagree: a bug in lawaudit, reported loudly); 5 internal error (a bug, reported in one line).
"""
from __future__ import annotations

import argparse
import math
import os
import sys

from .errors import LawauditError, SoundnessAlarm
from .verdict import VERDICTS

__all__ = ["main", "build_parser"]

EXIT_FAIL_ON, EXIT_USAGE, EXIT_ALARM, EXIT_INTERNAL = 1, 2, 4, 5


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, exit 2, no traceback
        self.exit(EXIT_USAGE, f"lawaudit: error: {message} (see 'lawaudit --help')\n")


def _positive_int(name, lo=1):
    def parse(text):
        try:
            v = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{name} must be a whole number, got {text!r}") from None
        if v < lo:
            raise argparse.ArgumentTypeError(f"{name} must be at least {lo}, got {v}")
        return v
    return parse


def positive_seconds(name):
    """An argparse type: a finite number of seconds > 0 (``nan`` and ``inf`` are refused)."""
    def parse(text):
        try:
            v = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{name} must be a number of seconds, got {text!r}") from None
        if not math.isfinite(v) or v <= 0:
            raise argparse.ArgumentTypeError(f"{name} must be a positive, finite number of seconds, got {text!r}")
        return v
    return parse


def _fail_on(text):
    parts = [p.strip() for p in text.split(",") if p.strip()]
    bad = [p for p in parts if p not in VERDICTS]
    if bad or not parts:
        raise argparse.ArgumentTypeError(f"--fail-on takes verdicts separated by commas, from "
                                         f"{', '.join(VERDICTS)}; got {text!r}")
    return parts


def build_parser() -> argparse.ArgumentParser:
    from .report import FORMATS
    p = _Parser(prog="lawaudit", description=(
        "Audit Bubeck & Sellke, 'A Universal Law of Robustness via Isoperimetry' (arXiv:2105.12806v1): "
        "every encoded step gets a verdict (proved, refuted, evidence, cited, vacuous, unknown). "
        "Also: 'lawaudit check ...' for an inequality of your own, 'lawaudit explain STEP-ID'."),
        epilog="Exit codes: 0 ok, 1 --fail-on matched, 2 bad arguments, 4 soundness alarm, 5 internal error.")
    p.add_argument("results", nargs="*", metavar="RESULT",
                   help="result ids to audit (default: all), e.g. lemma-2.1; see --list")
    p.add_argument("--list", action="store_true", help="list the encoded results and exit")
    p.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")
    p.add_argument("--output", metavar="FILE", help="write the report to FILE instead of standard output")
    p.add_argument("--reports", metavar="DIR",
                   help="also write DIR/audit.json, DIR/audit.md and DIR/audit.html (the folder is created)")
    p.add_argument("--force", action="store_true",
                   help="allow --output to overwrite a file that is not a lawaudit report")
    p.add_argument("--seed", type=_positive_int("--seed", 0), default=0, help="random seed (default 0)")
    p.add_argument("--dps", type=_positive_int("--dps", 15), default=50,
                   help="mpmath significant digits for sampling (default 50, at least 15)")
    p.add_argument("--samples", type=_positive_int("--samples"), default=2000,
                   help="sampled points per obligation (default 2000)")
    p.add_argument("--timeout", type=positive_seconds("--timeout"), default=5.0,
                   help="seconds per sound backend call (default 5)")
    p.add_argument("--fail-on", type=_fail_on, default=[], metavar="VERDICTS",
                   help="exit 1 when any paper step has one of these verdicts, e.g. refuted,unknown")
    p.add_argument("--quiet", action="store_true", help="print nothing but errors")
    p.add_argument("--jobs", type=_positive_int("--jobs"), default=None,
                   help="worker processes for the steps (default: LAWAUDIT_JOBS or up to 2); "
                        "the report does not depend on it")
    p.add_argument("--no-auditor", action="store_true",
                   help="skip the constant search, engine repairs and dependency graph (faster)")
    from .coq.cli_hook import add_arguments as add_coq_arguments  # issue 17: --export-coq, --coq
    add_coq_arguments(p)
    return p


def _looks_like_report(path: str) -> bool:
    from .report import MARKER_MD
    try:
        with open(path, encoding="utf-8") as fh:
            head = fh.read(4096)
    except (OSError, UnicodeDecodeError):
        return False
    return head.startswith(MARKER_MD) or head.startswith("<!DOCTYPE html>\n" + MARKER_MD) or '"schema": "lawaudit-report/' in head or head.startswith("lawaudit table")


def _check_writable(path: str, force: bool, what: str = "--output"):
    """Refuse, before any work is done, a path that cannot or must not be written."""
    if os.path.isdir(path):
        raise LawauditError(f"{what}: {path!r} is a directory; give a file name such as {path.rstrip('/')}/audit.json")
    if os.path.exists(path) and not force and not _looks_like_report(path):
        raise LawauditError(f"{what}: {path!r} exists and is not a lawaudit report; "
                            f"choose another path or pass --force to overwrite it")
    parent = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(parent):
        raise LawauditError(f"{what}: the folder {parent!r} does not exist; create it first")


def _write(path: str, text: str, force: bool):
    _check_writable(path, force)
    try:
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
    except OSError as exc:
        raise LawauditError(f"--output: cannot write {path!r}: {exc.strerror}") from None


def _audit(args) -> int:
    from derivations import PAPER, all_results
    from .audit import Settings, audit
    from .report import render, to_html, to_json, to_markdown, validate

    results = all_results()
    if args.list and args.results:
        raise LawauditError(f"--list takes no RESULT (got {' '.join(args.results)}); run 'lawaudit --list' alone")
    if args.list:
        for r in results:
            print(f"{r.id:<18} {r.title:<14} {len(r.steps):>3} steps  {r.summary}")
        return 0
    if args.output:
        _check_writable(args.output, args.force)
    if args.reports:
        for name in ("audit.json", "audit.md", "audit.html"):
            target = os.path.join(args.reports, name)
            if os.path.exists(target):
                _check_writable(target, args.force, "--reports")
    from .coq import cli_hook as coq
    coq.validate(args)
    by_id = {r.id: r for r in results}
    unknown = [x for x in args.results if x not in by_id]
    if unknown:
        raise LawauditError(f"RESULT: no result {unknown[0]!r}; choose from {', '.join(by_id)}")
    chosen = [by_id[x] for x in dict.fromkeys(args.results)] or results
    settings = Settings(seed=args.seed, dps=args.dps, samples=args.samples, timeout=args.timeout)
    report = audit(chosen, settings, PAPER, auditor=not args.no_auditor, jobs=args.jobs, context=results)
    coq_alarm = coq.apply(report, args, {f"{r.id}/{s.slug}": s.obligation for r in results for s in r.steps
                                         if s.obligation is not None})
    validate(report)
    text = render(report, args.format)
    if args.reports:
        try:
            os.makedirs(args.reports, exist_ok=True)
        except OSError as exc:
            raise LawauditError(f"--reports: cannot create folder {args.reports!r}: {exc.strerror}") from None
        _write(os.path.join(args.reports, "audit.json"), to_json(report), args.force)
        _write(os.path.join(args.reports, "audit.md"), to_markdown(report), args.force)
        _write(os.path.join(args.reports, "audit.html"), to_html(report), args.force)
    if args.output:
        _write(args.output, text, args.force)
    elif not args.quiet:
        sys.stdout.write(text)
    if coq_alarm is not None:
        raise coq_alarm
    hits = [s["id"] for e in report["results"] for s in e["steps"]
            if s["verdict"] in args.fail_on and s["kind"] != "repaired"]
    if hits:
        if not args.quiet:
            print(f"lawaudit: --fail-on: {len(hits)} step(s) with verdict in {','.join(args.fail_on)}: "
                  f"{', '.join(hits)}", file=sys.stderr)
        return EXIT_FAIL_ON
    return 0


def main(argv=None) -> int:
    """Entry point of the ``lawaudit`` console script; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] == "check":
            from .cli_check import main as check_main
            return check_main(argv[1:])
        if argv and argv[0] == "explain":
            from .cli_explain import main as explain_main
            return explain_main(argv[1:])
        args = build_parser().parse_args(argv)
        return _audit(args)
    except SoundnessAlarm as exc:
        print(f"lawaudit: SOUNDNESS ALARM: {exc}\nThis is a bug in lawaudit; please report it.", file=sys.stderr)
        return EXIT_ALARM
    except LawauditError as exc:
        print(f"lawaudit: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("lawaudit: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug, not bad input: one line, its own exit code, never "refuted"
        if os.environ.get("LAWAUDIT_TRACEBACK"):    # for developers: the whole traceback
            raise
        print(f"lawaudit: internal error: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''} "
              f"(a bug in lawaudit; please report it with the command line)", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
