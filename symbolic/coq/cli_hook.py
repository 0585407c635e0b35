"""The ``lawaudit`` options ``--export-coq DIR``, ``--coq`` and ``--coq-timeout`` (kept here so
that the CLI module needs only two lines)."""
from __future__ import annotations

import os
import tempfile

from ..errors import LawauditError, SoundnessAlarm
from .attach import check_report, export_report

__all__ = ["add_arguments", "apply"]


def add_arguments(p) -> None:
    """Add the Coq options to the ``argparse`` parser ``p``."""
    from ..cli.args import positive_seconds
    p.add_argument("--export-coq", metavar="DIR",
                   help="write a Coq file (.v) for every step proved by z3 or SymPy that Coq can check")
    p.add_argument("--coq", action="store_true",
                   help="check the exported files with coqc (into --export-coq DIR, else a temporary "
                        "folder); each step records coq: checked, failed or not-exported")
    p.add_argument("--coq-timeout", type=positive_seconds("--coq-timeout"), default=60.0,
                   help="seconds allowed to coqc per file (default 60)")


def validate(args) -> None:
    """Refuse bad Coq options before any work is done (one-line :class:`LawauditError`)."""
    d = getattr(args, "export_coq", None)
    if d is not None and os.path.exists(d) and not os.path.isdir(d):
        raise LawauditError(f"--export-coq: {d!r} is a file; give a folder (it is created if missing)")
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
        failed = _run(report, args.export_coq, obligations, args.coq, jobs, args.coq_timeout)
    else:
        with tempfile.TemporaryDirectory(prefix="lawaudit-coq-") as tmp:
            failed = _run(report, tmp, obligations, True, jobs, args.coq_timeout)
    if not failed:
        return None
    return SoundnessAlarm(f"coqc rejected {len(failed)} step(s) that z3 or SymPy proved: "
                          f"{', '.join(failed[:5])}{' ...' if len(failed) > 5 else ''} (see their 'coq' reason)")


def _run(report, directory, obligations, check, jobs, timeout) -> list[str]:
    written = export_report(report, directory, obligations)
    return check_report(report, written, jobs=jobs, timeout=timeout) if check else []
