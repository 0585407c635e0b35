"""The paper, one module per result: each defines ``RESULT``, a :class:`symbolic.proof.Result`.

:func:`all_results` discovers every module of this package that defines ``RESULT`` and returns
them in the paper's order, so a new result plugs in by adding a module.
"""
from __future__ import annotations

import importlib
import os
import pkgutil

from symbolic.proof import Result

PAPER = {
    "title": "A Universal Law of Robustness via Isoperimetry",
    "authors": ["Sébastien Bubeck", "Mark Sellke"],
    "version": "arXiv:2105.12806v1",
}

#: The Coq record of these results (what coqc decided per step; written by ``make formal``, read by
#: the notebooks through :func:`symbolic.notebook.run`'s ``coq_record``).
COQ_RECORD = os.path.join(os.path.dirname(os.path.abspath(__file__)), "coq-record.json")


def all_results() -> list[Result]:
    """Every encoded result, in the paper's order."""
    found = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        mod = importlib.import_module(f"{__name__}.{info.name}")
        res = getattr(mod, "RESULT", None)
        if isinstance(res, Result):
            found.append(res)
    return sorted(found, key=lambda r: (r.order, r.id))
