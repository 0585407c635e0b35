"""Which paper is audited: a Python module that defines ``PAPER`` and ``all_results()``.

A paper plugs in without editing the engine: its package registers its module under the entry-point
group ``lawaudit.papers`` (in its ``pyproject.toml``) or is named on the command line with
``--paper MODULE``.  The module must define

* ``PAPER``: a dict with ``title``, ``authors`` (a list) and ``version``, copied into the report;
* ``all_results()``: its :class:`~symbolic.proof.Result` objects, in the paper's order.

>>> sorted(available())            # the papers installed beside the engine
['bubeck-sellke']
"""
from __future__ import annotations

import functools
import importlib
import importlib.metadata
from dataclasses import dataclass

from .errors import LawauditError

__all__ = ["GROUP", "Paper", "available", "default_module", "load"]

GROUP = "lawaudit.papers"


@dataclass(frozen=True)
class Paper:
    """A loaded paper: its ``module`` name, ``info`` (the module's ``PAPER``) and ``results``."""

    module: str
    info: dict
    results: tuple


def available() -> dict[str, str]:
    """Registered papers: entry-point name -> module name."""
    return {ep.name: ep.value for ep in importlib.metadata.entry_points(group=GROUP)}


def default_module() -> str:
    """The module of the only registered paper.

    Raises :class:`LawauditError` when none or several are registered (then ``--paper`` is needed).
    """
    found = sorted(available().values())
    if len(found) != 1:
        raise LawauditError(f"--paper: {len(found)} papers are registered ({', '.join(found) or 'none'}); "
                            f"name one with --paper MODULE")
    return found[0]


def load(module: str | None = None) -> Paper:
    """The paper in ``module`` (a registered name or an importable module; default: :func:`default_module`).

    Raises :class:`LawauditError` (one line) if the module cannot be imported or lacks ``PAPER`` or
    ``all_results``.
    """
    return _load(available().get(module, module) if module else default_module())


@functools.lru_cache(maxsize=None)
def _load(module: str) -> Paper:
    try:
        mod = importlib.import_module(module)
    except ImportError as exc:
        raise LawauditError(f"--paper: cannot import {module!r} ({exc}); give an importable module "
                            f"such as one of {', '.join(available().values()) or 'none registered'}") from None
    info, results = getattr(mod, "PAPER", None), getattr(mod, "all_results", None)
    if not isinstance(info, dict) or not callable(results):
        raise LawauditError(f"--paper: module {module!r} must define PAPER (a dict) and all_results()")
    return Paper(module, info, tuple(results()))
