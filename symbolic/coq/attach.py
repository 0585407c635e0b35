"""Export the report's proved steps to Coq, check them, and record the outcome in the report.

Each step of a report gets ``coq``: ``{"status": ..., "reason": ..., "file": ..., "seconds": ...}``
with status ``checked`` (coqc accepted exactly the exported statement), ``failed`` (coqc rejected
it, timed out, or the file was altered), ``exported`` (written, coqc not run) or ``not-exported``
(with the reason).  The report gets a top-level ``coq`` summary (:func:`summary`).
"""
from __future__ import annotations

import os
import time

import sympy

from ..domain import Domain, Obligation, Var
from ..errors import LawauditError
from .export import export
from .runner import check_files, coqc_path
from .terms import NotExportable

__all__ = ["EXPORTED_METHODS", "obligation_from_json", "export_report", "check_report", "summary"]

#: The backends whose proofs are exported (arb's enclosures are numeric: not re-checked here).
EXPORTED_METHODS = ("z3", "sympy")


def obligation_from_json(data: dict) -> Obligation:
    """Rebuild an obligation from its report JSON (``conclusion``, ``hypotheses``, ``domain``).

    Raises
    ------
    LawauditError
        The text does not rebuild to an obligation whose JSON is the same (so it is not exported).
    """
    try:
        dom = Domain(tuple(Var(v["name"], v["kind"], None if v["lo"] is None else sympy.Rational(v["lo"]),
                               None if v["hi"] is None else sympy.Rational(v["hi"]), v["lo_open"], v["hi_open"],
                               None if "regime" not in v else tuple(sympy.Rational(x) for x in v["regime"]))
                           for v in data["domain"]))
        names = dom.symbol_map()
        ob = Obligation(sympy.sympify(data["conclusion"], locals=names),
                        tuple(sympy.sympify(h, locals=names) for h in data["hypotheses"]), dom)
    except (LawauditError, KeyError, TypeError, ValueError, sympy.SympifyError) as exc:
        raise LawauditError(f"cannot rebuild the obligation from the report: {exc}") from None
    if ob.to_json() != data:
        raise LawauditError("the obligation rebuilt from the report's text is not the same")
    return ob


def _file_name(step_id: str) -> str:
    return "la_" + "".join(c if c.isalnum() else "_" for c in step_id) + ".v"


def _target(step: dict, obligations: dict, originals: dict | None = None) -> tuple[Obligation | None, str]:
    """The obligation to export for a step, or None and the reason it is not exported.

    ``originals``: step id -> its report JSON obligation; a repaired step whose JSON obligation is
    the one of the step it repairs does not record its own obligation, so it is not exported."""
    if step["verdict"] != "proved":
        return None, f"not proved (verdict {step['verdict']}): only proved steps are exported"
    if step["method"] not in EXPORTED_METHODS:
        return None, f"proved by {step['method']}, not by z3 or SymPy"
    if step["id"] in obligations:
        return obligations[step["id"]], ""
    if not step.get("obligation"):
        return None, "the step has no obligation"
    if step.get("repairs") and (originals or {}).get(step["repairs"]) == step["obligation"]:
        return None, ("the report records the obligation of the step it repairs, not the repaired one "
                      "(an engine repair), so there is no statement of its own to export")
    try:
        return obligation_from_json(step["obligation"]), ""
    except LawauditError as exc:
        return None, str(exc)


def export_report(report: dict, directory: str, obligations: dict | None = None) -> list[tuple[dict, str, Obligation]]:
    """Write a ``.v`` file per exportable step into ``directory`` (created) and set each step's
    ``coq``; returns ``[(step, path, obligation)]`` of the files written.

    Raises
    ------
    LawauditError
        ``directory`` cannot be created or written (message names ``--export-coq``).
    """
    try:
        os.makedirs(directory, exist_ok=True)
    except OSError as exc:
        raise LawauditError(f"--export-coq: cannot create folder {directory!r}: {exc.strerror}; "
                            f"give a writable folder") from None
    written = []
    originals = {s["id"]: s.get("obligation") for e in report["results"] for s in e["steps"]}
    for entry in report["results"]:
        for step in entry["steps"]:
            ob, why = _target(step, obligations or {}, originals)
            if ob is None:
                step["coq"] = {"status": "not-exported", "reason": why}
                continue
            try:
                text = export(ob, step["id"]).text
            except NotExportable as exc:
                step["coq"] = {"status": "not-exported", "reason": f"outside the Coq fragment: {exc}"}
                continue
            path = os.path.join(directory, _file_name(step["id"]))
            try:
                with open(path, "w", encoding="utf-8") as fh:
                    fh.write(text)
            except OSError as exc:
                raise LawauditError(f"--export-coq: cannot write {path!r}: {exc.strerror}") from None
            step["coq"] = {"status": "exported", "file": os.path.basename(path)}
            written.append((step, path, ob))
    return written


def check_report(report: dict, written: list, *, jobs: int = 2, timeout: float = 60.0) -> list[str]:
    """Run coqc on ``written`` (from :func:`export_report`), record each step's outcome and the
    report's ``coq`` summary; returns the ids of proved steps whose file ``failed``.

    Raises
    ------
    LawauditError
        coqc is not on the PATH (message names ``--coq`` and how to install Coq).
    """
    if coqc_path() is None:
        raise LawauditError("--coq: coqc is not on the PATH; install Coq (Debian: apt-get install coq "
                            "libcoq-interval) or drop --coq")
    t0 = time.perf_counter()
    results = check_files([(s["id"], p, ob) for s, p, ob in written], jobs=jobs, timeout=timeout)
    for step, _, _ in written:
        step["coq"].update(results[step["id"]].to_json())
    report["coq"] = summary(report, wall=time.perf_counter() - t0, jobs=jobs, timeout=timeout)
    return [s["id"] for s, _, _ in written if s["coq"]["status"] == "failed"]


def summary(report: dict, *, wall: float | None = None, jobs: int = 2, timeout: float = 60.0) -> dict:
    """The report's top-level ``coq`` object: counts over the proved steps and coqc's time."""
    steps = [s for e in report["results"] for s in e["steps"] if "coq" in s]
    proved = [s for s in steps if s["verdict"] == "proved"]
    count = lambda st, among: sum(1 for s in among if s["coq"]["status"] == st)  # noqa: E731
    exported_by = [s for s in proved if s["method"] in EXPORTED_METHODS]
    return {"proved": len(proved), "proved_by_z3_or_sympy": len(exported_by),
            "checked": count("checked", proved), "failed": count("failed", proved),
            "not_exported": count("not-exported", proved),
            "coqc_seconds": round(sum(s["coq"].get("seconds", 0.0) for s in steps), 3),
            "wall_seconds": None if wall is None else round(wall, 3), "jobs": jobs, "timeout": timeout}


def summary_line(report: dict) -> str | None:
    """One line for the text reports, e.g. ``Coq-checked: 100 of 124 proved steps ...``; None
    when the report has no Coq outcome."""
    c = report.get("coq")
    if not c:
        return None
    return (f"Coq-checked: {c['checked']} of {c['proved']} proved steps ({c['checked']} of "
            f"{c['proved_by_z3_or_sympy']} proved by z3 or SymPy); {c['failed']} failed, "
            f"{c['not_exported']} not exported; coqc {c['coqc_seconds']:.0f} s")


def badge(coq: dict | None) -> str:
    """``"Coq-checked"`` for a step whose ``coq`` status is checked, ``"Coq: failed"`` for a failed
    one, else ``""`` (shown beside the verdict by the HTML report and the notebooks)."""
    if not coq:
        return ""
    return {"checked": "Coq-checked", "failed": "Coq: failed"}.get(coq.get("status"), "")
