"""Progress on standard error (issue 15): a tqdm bar saying what is being worked on.

Shown only when standard error is a terminal, and never after :func:`silence` (``--quiet``) or
with ``LAWAUDIT_PROGRESS=0``; standard output (JSON, Markdown, the table) is never touched, and
nothing is drawn in a pipe, a file, a notebook or under pytest.  ``LAWAUDIT_PROGRESS=1`` forces the
bar on standard error even when it is not a terminal (for demonstrations only).

Usage: ``with progress.bar(total, "audit") as b: ... b.update(1, "lemma-2.1/claim")``; code deep
inside (a step being decided, a constant probed) calls :func:`note` to name what it works on now,
which only changes the label of the bar open at the time, if any.
"""
from __future__ import annotations

import contextlib
import os
import sys

__all__ = ["enabled", "silence", "detach", "bar", "note", "Bar"]

_SILENT = False
_CURRENT: list = []


def silence(on: bool = True) -> None:
    """No bar from now on (``--quiet``)."""
    global _SILENT
    _SILENT = on


def detach() -> None:
    """In a worker process: forget the parent's bars and draw none (the parent draws them)."""
    _CURRENT.clear()
    silence()


def enabled(stream=None) -> bool:
    """Whether a bar would be drawn on ``stream`` (default ``sys.stderr``)."""
    force = os.environ.get("LAWAUDIT_PROGRESS", "")
    if _SILENT or force == "0":
        return False
    stream = sys.stderr if stream is None else stream
    if force == "1":
        return True
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def _columns() -> int:
    """The terminal's width (80 when it reports none, as a fresh pseudo-terminal does)."""
    try:
        cols = os.get_terminal_size(sys.stderr.fileno()).columns
    except (AttributeError, ValueError, OSError):
        cols = 0
    return cols if cols > 0 else 80


class Bar:
    """A tqdm bar on standard error, or nothing at all when progress is not shown."""

    def __init__(self, total, what: str):
        self.what = what
        self._bar = None
        if enabled():
            from tqdm import tqdm
            self._bar = tqdm(total=total, desc=what, file=sys.stderr, leave=False, ncols=_columns(),
                             mininterval=0.2, unit="step")

    @property
    def shown(self) -> bool:
        """Whether this bar is drawn."""
        return self._bar is not None

    def update(self, n: int = 1, doing: str | None = None) -> None:
        """``n`` more done; ``doing`` names what comes (or what was just done)."""
        if self._bar is not None:
            if doing is not None:
                self._bar.set_postfix_str(doing, refresh=False)
            self._bar.update(n)

    def note(self, doing: str) -> None:
        """Name what is being worked on now."""
        if self._bar is not None:
            self._bar.set_postfix_str(doing)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None


@contextlib.contextmanager
def bar(total, what: str):
    """A :class:`Bar` for the ``with`` block (``total`` may be None: a counter without an end)."""
    b = Bar(total, what)
    _CURRENT.append(b)
    try:
        yield b
    finally:
        _CURRENT.remove(b)
        b.close()


def note(doing: str) -> None:
    """Name what is being worked on in the innermost open bar (nothing when there is none)."""
    if _CURRENT:
        _CURRENT[-1].note(doing)
