"""``lawaudit``: audit the encoded results of the paper from the command line.

Exit codes: 0 success; 1 a step has a verdict named in ``--fail-on``; 2 bad arguments (a
one-line message naming the argument, never a traceback); 4 soundness alarm (two backends
disagree: a bug in lawaudit, reported loudly); 5 internal error (a bug, reported in one line).
"""
from __future__ import annotations

import os
import sys

from ..errors import LawauditError
from .args import (EXIT_FAIL_ON, Parser, add_check_settings, add_jobs, add_paper, check_reports_dir, check_writable, fail_on,
                   write_file)

__all__ = ["build_parser", "run"]


def build_parser() -> argparse.ArgumentParser:
    from ..report import FORMATS      # light: json and verdict only (jsonschema loads on validation)
    p = Parser(prog="lawaudit", description=(
        "Audit a paper's encoded proofs (by default the only registered paper; see --paper): "
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
    add_check_settings(p)
    p.add_argument("--fail-on", type=fail_on, default=[], metavar="VERDICTS",
                   help="exit 1 when any paper step has one of these verdicts, e.g. refuted,unknown")
    p.add_argument("--quiet", action="store_true", help="print nothing but errors")
    add_jobs(p)
    p.add_argument("--no-auditor", action="store_true",
                   help="skip the constant search, engine repairs and dependency graph (faster)")
    add_paper(p)
    from ..coq.cli_hook import add_arguments as add_coq_arguments  # --export-coq, --coq
    add_coq_arguments(p)
    return p


def run(args) -> int:
    from ..papers import index, load

    if args.list and args.results:
        raise LawauditError(f"--list takes no RESULT (got {' '.join(args.results)}); run 'lawaudit --list' alone")
    if args.list:          # from the paper's index when it is current: nothing is built
        for r in index(args.paper):
            print(f"{r['id']:<18} {r['title']:<14} {r['steps']:>3} steps  {r['summary']}")
        return 0
    from .. import progress
    from ..audit import Settings, audit
    from ..report import render, to_html, to_json, to_markdown, validate

    if args.quiet:
        progress.silence()

    paper = load(args.paper)
    results = list(paper.results)
    if args.output:
        check_writable(args.output, args.force, fmt=args.format)
    if args.reports:
        check_reports_dir(args.reports, args.force)
    from ..coq import cli_hook as coq
    coq.validate(args)
    by_id = {r.id: r for r in results}
    unknown = [x for x in args.results if x not in by_id]
    if unknown:
        raise LawauditError(f"RESULT: no result {unknown[0]!r}; choose from {', '.join(by_id)}")
    chosen = [by_id[x] for x in dict.fromkeys(args.results)] or results
    settings = Settings(seed=args.seed, dps=args.dps, samples=args.samples, timeout=args.timeout)
    report = audit(chosen, settings, paper.info, auditor=not args.no_auditor, jobs=args.jobs, context=results,
                   module=paper.module)
    coq_alarm = coq.apply(report, args, {f"{r.id}/{s.slug}": s.obligation for r in results for s in r.steps
                                         if s.obligation is not None})
    validate(report)
    text = render(report, args.format)
    if args.reports:
        try:
            os.makedirs(args.reports, exist_ok=True)
        except OSError as exc:
            raise LawauditError(f"--reports: cannot create folder {args.reports!r}: {exc.strerror}") from None
        write_file(os.path.join(args.reports, "audit.json"), to_json(report), args.force)
        write_file(os.path.join(args.reports, "audit.md"), to_markdown(report), args.force)
        write_file(os.path.join(args.reports, "audit.html"), to_html(report), args.force)
    if args.output:
        write_file(args.output, text, args.force)
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


