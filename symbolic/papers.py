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
import hashlib
import importlib
import importlib.metadata
import importlib.util
import json
import pathlib
from dataclasses import dataclass

from .errors import LawauditError

__all__ = ["GROUP", "Paper", "available", "default_module", "load", "index", "write_index", "INDEX_FILE"]

GROUP = "lawaudit.papers"
#: A paper package may ship this file beside its ``__init__.py``: its results' ids, titles, step
#: counts and summaries, with the digest of the package's sources they were read from
#: (:func:`write_index`); ``lawaudit --list`` then prints them without building any result.
INDEX_FILE = "_index.json"


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


def _package_dir(module: str) -> pathlib.Path | None:
    """The folder of the package ``module``, found without importing it (None for a plain module)."""
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return pathlib.Path(list(spec.submodule_search_locations)[0])


def _digest(folder: pathlib.Path) -> str:
    """SHA-256 of every ``.py`` file under ``folder`` (relative paths and contents)."""
    h = hashlib.sha256()
    for f in sorted(folder.rglob("*.py")):
        h.update(f.relative_to(folder).as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()


def _entries(paper: Paper) -> list[dict]:
    return [{"id": r.id, "title": r.title, "steps": len(r.steps), "summary": r.summary} for r in paper.results]


def index(module: str | None = None) -> list[dict]:
    """``[{id, title, steps, summary}]`` of the paper's results, in order (what ``lawaudit --list`` prints).

    Read from the package's :data:`INDEX_FILE` when its digest is that of the package's sources as
    they are now, so nothing is built (no SymPy); otherwise the results are built (:func:`load`).
    """
    name = available().get(module, module) if module else default_module()
    folder = _package_dir(name)
    if folder is not None and (folder / INDEX_FILE).is_file():
        try:
            data = json.loads((folder / INDEX_FILE).read_text(encoding="utf-8"))
            if data.get("digest") == _digest(folder):
                return data["results"]
        except (OSError, ValueError, KeyError):
            pass
    return _entries(load(name))


def write_index(module: str | None = None) -> pathlib.Path:
    """Write the package's :data:`INDEX_FILE` from its results as built now; returns its path."""
    name = available().get(module, module) if module else default_module()
    folder = _package_dir(name)
    if folder is None:
        raise LawauditError(f"--paper: {name!r} is not a package; an index is written beside a package's __init__.py")
    path = folder / INDEX_FILE
    data = {"digest": _digest(folder), "results": _entries(load(name))}
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":     # python -m symbolic.papers [MODULE]: refresh the paper's index
    import sys
    print(write_index(sys.argv[1] if len(sys.argv) > 1 else None))
