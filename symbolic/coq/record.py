"""The Coq record: which statements coqc has checked, kept beside the notebooks (issue 17).

A notebook does not run coqc (it takes minutes), so ``lawaudit --coq --coq-record PATH`` (``make
formal``) writes what coqc decided into a JSON file, one entry per exported step::

    {"coq": "The Coq Proof Assistant, version 8.16.1", "steps": {"lemma-2.1/claim":
        {"status": "checked", "digest": "<sha256 of the obligation and its Coq statement>"}}}

:func:`lookup` gives a step's entry only while its digest is the one of the obligation the step has
*now* (:func:`symbolic.coq.export.digest`): after any change to the statement the badge disappears
until the record is written again.  Writing merges: entries of steps outside the report are kept.
"""
from __future__ import annotations

import json
import os
import subprocess

from ..domain import Obligation
from ..errors import LawauditError
from .export import digest, statement
from .runner import coqc_path
from .terms import NotExportable

__all__ = ["coqc_version", "entries", "write", "load", "lookup"]


def coqc_version() -> str:
    """The first line of ``coqc --version`` (empty when coqc is missing)."""
    path = coqc_path()
    if path is None:
        return ""
    out = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=30).stdout
    return out.splitlines()[0].strip() if out else ""


def entries(written: list) -> dict:
    """``{step id: {"status", "digest"}}`` for the files coqc checked or rejected; ``written`` is
    :func:`symbolic.coq.attach.export_report`'s ``[(step, path, obligation)]`` after the check."""
    return {s["id"]: {"status": s["coq"]["status"], "digest": digest(ob, statement(ob))}
            for s, _, ob in written if s["coq"]["status"] in ("checked", "failed")}


def load(path: str) -> dict:
    """The record at ``path`` (``{"coq": "", "steps": {}}`` when there is none).

    Raises
    ------
    LawauditError
        The file is not a Coq record (the message names the path).
    """
    if not os.path.exists(path):
        return {"coq": "", "steps": {}}
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
        if not isinstance(data.get("steps"), dict):
            raise ValueError("no 'steps' object")
    except (OSError, ValueError, AttributeError) as exc:
        raise LawauditError(f"--coq-record: {path!r} is not a Coq record ({exc}); give another path") from None
    return data


def write(path: str, report: dict, written: list) -> dict:
    """Merge the report's coqc outcomes into the record at ``path``; returns the record written.
    Every step of the report that has no outcome now (not exported, not proved) is dropped."""
    rec = load(path)
    ids = {s["id"] for e in report["results"] for s in e["steps"]}
    steps = {k: v for k, v in rec["steps"].items() if k not in ids}
    steps.update(entries(written))
    rec = {"coq": coqc_version() or rec.get("coq", ""), "steps": dict(sorted(steps.items()))}
    try:
        with open(path, "w", encoding="utf-8") as fh:
            json.dump(rec, fh, indent=1)
            fh.write("\n")
    except OSError as exc:
        raise LawauditError(f"--coq-record: cannot write {path!r}: {exc.strerror}") from None
    return rec


def lookup(rec: dict, step_id: str, ob: Obligation | None) -> dict | None:
    """The step's ``{"status": ...}`` when the record has it for exactly this obligation, else None."""
    entry = rec["steps"].get(step_id)
    if entry is None or ob is None:
        return None
    try:
        same = entry.get("digest") == digest(ob, statement(ob))
    except NotExportable:
        return None
    return {"status": entry["status"]} if same else None
