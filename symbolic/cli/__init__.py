"""``lawaudit``: audit a paper's encoded results from the command line.

Commands: ``lawaudit [RESULT ...]`` (:mod:`.cmd_audit`), ``lawaudit check`` (:mod:`.cmd_check`),
``lawaudit explain`` (:mod:`.cmd_explain`); shared argument helpers in :mod:`.args`.

Exit codes: 0 success; 1 a step has a verdict named in ``--fail-on``; 2 bad arguments (a
one-line message naming the argument, never a traceback); 4 soundness alarm (two backends
disagree: a bug in lawaudit, reported loudly); 5 internal error (a bug, reported in one line).
"""
from __future__ import annotations

import os
import sys

from ..errors import LawauditError, SoundnessAlarm
from .args import EXIT_ALARM, EXIT_INTERNAL, EXIT_USAGE

__all__ = ["main", "build_parser"]


def build_parser():
    """The parser of the audit command (``lawaudit [RESULT ...]``)."""
    from .cmd_audit import build_parser as build
    return build()


def main(argv=None) -> int:
    """Entry point of the ``lawaudit`` console script; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] == "check":
            from .cmd_check import main as check_main
            return check_main(argv[1:])
        if argv and argv[0] == "explain":
            from .cmd_explain import main as explain_main
            return explain_main(argv[1:])
        from .cmd_audit import build_parser as build, run
        return run(build().parse_args(argv))
    except SoundnessAlarm as exc:
        print(f"lawaudit: SOUNDNESS ALARM: {exc}\n{exc.advice}", file=sys.stderr)
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


