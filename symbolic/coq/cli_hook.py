"""The ``lawaudit`` options ``--export-coq DIR``, ``--coq``, ``--coq-record PATH`` and ``--coq-timeout`` (kept here so
that the CLI module needs only two lines)."""
from __future__ import annotations

import os
import tempfile

from ..errors import LawauditError, SoundnessAlarm
from . import record
from .attach import check_report, export_report

__all__ = ["add_arguments", "apply", "COQ_ADVICE"]

#: What to do when coqc rejects a proved step: a rejection is not yet a refutation.
COQ_ADVICE = ("Either lawaudit's Coq proof script is too weak for a true statement (a timeout, or a tactic "
              "that gave up: a gap in the export, see the step's 'coq' reason) or z3/SymPy proved a false "
              "one; until coqc accepts them, trust these steps no more than z3's or SymPy's word, and "
              "report them.")


def add_arguments(p) -> None:
    """Add the Coq options to the ``argparse`` parser ``p``."""
    from ..cli.args import positive_seconds
    p.add_argument("--export-coq", metavar="DIR",
                   help="write a Coq file (.v) for every step proved by z3 or SymPy that Coq can check")
    p.add_argument("--coq", action="store_true",
                   help="check the exported files with coqc (into --export-coq DIR, else a temporary "
                        "folder); each step records coq: checked, failed or not-exported")
    p.add_argument("--coq-record", metavar="PATH",
                   help="with --coq: merge what coqc decided into the Coq record PATH (JSON), which the "
                        "notebooks read to show 'Coq-checked' beside a verdict")
    p.add_argument("--coq-timeout", type=positive_seconds("--coq-timeout"), default=60.0,
                   help="seconds allowed to coqc per file, and to each Coq command when files are "
                        "checked together in a batch (default 60)")


def validate(args) -> None:
    """Refuse bad Coq options before any work is done (one-line :class:`LawauditError`)."""
    d = getattr(args, "export_coq", None)
    if d is not None and not d.strip():
        raise LawauditError("--export-coq: the folder name is empty; give a folder (it is created if missing)")
    if d is not None and os.path.exists(d) and not os.path.isdir(d):
        raise LawauditError(f"--export-coq: {d!r} is a file; give a folder (it is created if missing)")
    if getattr(args, "coq_record", None) and not getattr(args, "coq", False):
        raise LawauditError("--coq-record: needs --coq (the record says what coqc decided); add --coq")
    if getattr(args, "coq_record", None):
        record.load(args.coq_record)            # refuse a file that is not a record before any work
        folder = os.path.dirname(os.path.abspath(args.coq_record))
        if not os.path.isdir(folder) or not os.access(folder, os.W_OK):
            raise LawauditError(f"--coq-record: cannot write {args.coq_record!r} (its folder is missing or "
                                f"not writable); give a path in a writable folder")
    if getattr(args, "coq", False):
        from .runner import coqc_path
        if coqc_path() is None:
            raise LawauditError("--coq: coqc is not on the PATH; install Coq (Debian: apt-get install coq "
                                "libcoq-interval) or drop --coq")


def apply(report: dict, args, obligations: dict) -> SoundnessAlarm | None:
    """Export (and with ``--coq`` check) the report's steps, in place; returns the
    :class:`SoundnessAlarm` to raise once the report is written when coqc rejected the file of a
    step z3 or SymPy proved, else None.  ``obligations``: step id -> obligation (others are
    rebuilt from the report's JSON)."""
    if not (args.export_coq or args.coq):
        return None
    jobs = args.jobs or int(os.environ.get("LAWAUDIT_JOBS", "0") or 0) or min(2, os.cpu_count() or 1)
    if args.export_coq:
        written = _run(report, args.export_coq, obligations, args.coq, jobs, args.coq_timeout)
    else:
        with tempfile.TemporaryDirectory(prefix="lawaudit-coq-") as tmp:
            written = _run(report, tmp, obligations, True, jobs, args.coq_timeout)
    if args.coq and args.coq_record:
        record.write(args.coq_record, report, written)
    failed = [s["id"] for s, _, _ in written if s["coq"]["status"] == "failed"]
    if not failed:
        return None
    return SoundnessAlarm(f"coqc rejected {len(failed)} step(s) that z3 or SymPy proved: "
                          f"{', '.join(failed[:5])}{' ...' if len(failed) > 5 else ''} (see their 'coq' reason)",
                          COQ_ADVICE)


def _run(report, directory, obligations, check, jobs, timeout) -> list:
    """Export (and check): the ``[(step, path, obligation)]`` written."""
    written = export_report(report, directory, obligations)
    if check:
        check_report(report, written, jobs=jobs, timeout=timeout)
    return written
