"""Argument helpers shared by the ``lawaudit`` commands: the one-line-error parser, number types,
and the checks that no file a user wrote is overwritten without asking."""
from __future__ import annotations

import argparse
import math
import os

from ..errors import LawauditError
from ..verdict import VERDICTS

__all__ = ["EXIT_FAIL_ON", "EXIT_USAGE", "EXIT_ALARM", "EXIT_INTERNAL", "Parser", "positive_int", "add_jobs",
           "positive_seconds", "fail_on", "check_writable", "check_reports_dir", "SUGGESTED", "write_file",
           "looks_like_report", "add_paper", "add_check_settings"]

EXIT_FAIL_ON, EXIT_USAGE, EXIT_ALARM, EXIT_INTERNAL = 1, 2, 4, 5


class Parser(argparse.ArgumentParser):
    """An argparse parser whose errors are one line naming the command, exit code 2, no traceback."""

    def error(self, message):
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def positive_int(name, lo=1):
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


def fail_on(text):
    parts = [p.strip() for p in text.split(",") if p.strip()]
    bad = [p for p in parts if p not in VERDICTS]
    if bad or not parts:
        raise argparse.ArgumentTypeError(f"--fail-on takes verdicts separated by commas, from "
                                         f"{', '.join(VERDICTS)}; got {text!r}")
    return parts


def looks_like_report(path: str) -> bool:
    from ..report import MARKER_MD
    try:
        with open(path, encoding="utf-8") as fh:
            head = fh.read(4096)
    except (OSError, UnicodeDecodeError):
        return False
    return head.startswith(MARKER_MD) or head.startswith("<!DOCTYPE html>\n" + MARKER_MD) or '"schema": "lawaudit-report/' in head or head.startswith("lawaudit table")


#: the file name suggested for each ``--format``
SUGGESTED = {"json": "audit.json", "markdown": "audit.md", "html": "audit.html", "table": "audit.txt"}


def check_writable(path: str, force: bool, what: str = "--output", fmt: str = "json"):
    """Refuse, before any work is done, a path that cannot or must not be written (``fmt``: the
    ``--format`` whose file name is suggested for a directory)."""
    if os.path.isdir(path):
        raise LawauditError(f"{what}: {path!r} is a directory; give a file name such as "
                            f"{os.path.join(path.rstrip('/'), SUGGESTED.get(fmt, 'audit.json'))}")
    if os.path.exists(path) and not force and not looks_like_report(path):
        raise LawauditError(f"{what}: {path!r} exists and is not a lawaudit report; "
                            f"choose another path or pass --force to overwrite it")
    parent = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(parent):
        raise LawauditError(f"{what}: the folder {parent!r} does not exist; create it first")


def check_reports_dir(path: str, force: bool):
    """Refuse, before the audit runs, a ``--reports`` path that is a file or whose reports must not be overwritten."""
    if os.path.exists(path) and not os.path.isdir(path):
        raise LawauditError(f"--reports: {path!r} is a file, not a folder; give a folder (it is created), "
                            f"e.g. --reports reports")
    parent = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(parent):
        raise LawauditError(f"--reports: the folder {parent!r} does not exist; create it first")
    for name in ("audit.json", "audit.md", "audit.html"):
        target = os.path.join(path, name)
        if os.path.exists(target):
            check_writable(target, force, "--reports")


def write_file(path: str, text: str, force: bool):
    check_writable(path, force)
    try:
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
    except OSError as exc:
        raise LawauditError(f"--output: cannot write {path!r}: {exc.strerror}") from None




def add_paper(p: argparse.ArgumentParser) -> None:
    """The ``--paper MODULE`` option (:mod:`symbolic.papers`)."""
    p.add_argument("--paper", metavar="MODULE", default=None,
                   help="the paper module to audit: a registered name or an importable module defining PAPER "
                        "and all_results() (default: the only registered paper)")


def add_jobs(p: argparse.ArgumentParser) -> None:
    """The ``--jobs N`` option: worker processes for the steps (:func:`symbolic.workers.jobs`)."""
    p.add_argument("--jobs", type=positive_int("--jobs"), default=None,
                   help="worker processes for the steps (default: LAWAUDIT_JOBS or up to 2); "
                        "the output does not depend on it")


def add_check_settings(p: argparse.ArgumentParser) -> None:
    """``--seed``, ``--dps``, ``--samples`` and ``--timeout``: the settings of every check (audit and explain)."""
    p.add_argument("--seed", type=positive_int("--seed", 0), default=0, help="random seed (default 0)")
    p.add_argument("--dps", type=positive_int("--dps", 15), default=50,
                   help="mpmath significant digits for sampling (default 50, at least 15)")
    p.add_argument("--samples", type=positive_int("--samples"), default=2000,
                   help="sampled points per obligation (default 2000)")
    p.add_argument("--timeout", type=positive_seconds("--timeout"), default=5.0,
                   help="budget per sound backend call, in seconds of work (default 5): z3 gets a resource limit in proportion and arb its box budget, so the verdict does not depend on the machine; the wall clock stops a call only at 10 times it")
