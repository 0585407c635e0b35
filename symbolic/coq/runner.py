"""Run ``coqc`` on exported files, in parallel, each with a timeout, and judge the result.

A file counts as ``checked`` only when all of these hold:

1. its digest line equals :func:`symbolic.coq.export.digest` of the obligation and of the statement
   regenerated from it, the file states ``Theorem lawaudit_step : <that statement>.`` exactly
   once, and apart from its first (comment) line it is the file :func:`~symbolic.coq.export.export`
   generates now (a file altered after export is ``failed``, with the reason);
2. coqc accepts the file followed by ``Print Assumptions lawaudit_step.`` within the timeout;
3. every axiom it prints comes from Coq's standard library or the Interval library's
   primitive-float layer (an ``Admitted`` or ``Axiom`` of the file is refused).
"""
from __future__ import annotations

import concurrent.futures
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass

from ..domain import Obligation
from .export import THEOREM, digest, export, statement

__all__ = ["CoqResult", "coqc_path", "check_file", "compile_text", "check_files", "ALLOWED_AXIOM_MODULES"]

#: Modules whose axioms a checked theorem may use (the classical reals of Coq's standard library,
#: and the primitive integers and floats the Interval library computes with).
ALLOWED_AXIOM_MODULES = ("ClassicalDedekindReals", "FunctionalExtensionality", "Classical_Prop",
                         "Uint63", "PrimInt63", "PrimFloat", "FloatAxioms", "FloatOps", "SpecFloat")


@dataclass(frozen=True)
class CoqResult:
    """``status``: ``checked`` or ``failed``; ``reason`` (empty when checked); ``seconds`` of coqc."""

    status: str
    reason: str
    seconds: float

    def to_json(self) -> dict:
        out = {"status": self.status, "seconds": round(self.seconds, 3)}
        if self.reason:
            out["reason"] = self.reason
        return out


def coqc_path() -> str | None:
    """The ``coqc`` on the PATH, or None."""
    return shutil.which("coqc")


def _tampered(text: str, ob: Obligation) -> str | None:
    """Why ``text`` is not the file exported for ``ob`` (None when it is)."""
    stmt = statement(ob)
    m = re.search(r"\(\* lawaudit-digest: ([0-9a-f]{64}) \*\)", text)
    if m is None:
        return "the file has no lawaudit-digest line"
    if m.group(1) != digest(ob, stmt):
        return "the file's digest is not the obligation's (the file was altered or is stale)"
    if text.count(f"Theorem {THEOREM} : {stmt}.") != 1 or text.count(THEOREM) != 1:
        return "the file's statement is not the one generated from the obligation (altered after export)"
    if text.split("\n", 1)[-1] != export(ob).text.split("\n", 1)[-1]:
        return "the file is not the one generated from the obligation (its proof or prelude was altered)"
    return None


def _axioms(output: str) -> list[str] | None:
    """Axiom names printed by the final ``Print Assumptions`` (empty when closed; None when
    the output has no ``Print Assumptions`` answer)."""
    ax, closed = output.rfind("Axioms:"), output.rfind("Closed under the global context")
    if ax < 0 and closed < 0:
        return None
    if closed > ax:
        return []
    return [ln.split(":")[0].strip() for ln in output[ax:].splitlines()[1:] if ln and not ln[0].isspace()]


def check_file(path: str, ob: Obligation, timeout: float = 60.0) -> CoqResult:
    """Check one exported file against ``ob`` (see the module docstring).  Never raises for a
    bad file: the reason is in the result; ``FileNotFoundError`` if coqc is missing."""
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except OSError as exc:
        return CoqResult("failed", f"cannot read {path}: {exc.strerror}", 0.0)
    why = _tampered(text, ob)
    if why:
        return CoqResult("failed", why, 0.0)
    return compile_text(text, timeout)


def compile_text(text: str, timeout: float = 60.0) -> CoqResult:
    """coqc on ``text`` followed by ``Print Assumptions lawaudit_step.``: ``checked`` when coqc
    accepts it within ``timeout`` seconds and every axiom printed is from
    :data:`ALLOWED_AXIOM_MODULES`; raises ``FileNotFoundError`` if coqc is missing."""
    coqc = coqc_path()
    if coqc is None:
        raise FileNotFoundError("coqc is not on the PATH")
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="lawaudit-coq-") as tmp:
        with open(os.path.join(tmp, "step.v"), "w", encoding="utf-8") as fh:
            fh.write(text + f"\nPrint Assumptions {THEOREM}.\n")
        proc = _run(coqc, tmp, timeout)
        if proc is None:
            return CoqResult("failed", f"coqc timed out after {timeout:g} s", time.perf_counter() - t0)
    seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        lines = [ln.strip() for ln in (proc.stdout + proc.stderr).splitlines() if ln.strip()]
        return CoqResult("failed", "coqc rejected the file: " + " ".join(lines[-3:])[:400], seconds)
    axioms = _axioms(proc.stdout)
    if axioms is None:
        return CoqResult("failed", "coqc printed no answer to Print Assumptions", seconds)
    bad = [a for a in axioms if a.split(".")[0] not in ALLOWED_AXIOM_MODULES]
    if bad:
        return CoqResult("failed", f"the proof uses axioms outside the standard library: {', '.join(bad[:5])}",
                         seconds)
    return CoqResult("checked", "", seconds)


def _run(coqc: str, cwd: str, timeout: float):
    """coqc on ``cwd/step.v`` as a ``CompletedProcess``, or None after ``timeout`` seconds.  coqc
    runs in a process group of its own, killed whole on timeout: psatz's helpers (``csdpcert``
    and the ``csdp`` it starts) would otherwise outlive coqc and keep the cores busy."""
    proc = subprocess.Popen([coqc, "-q", "step.v"], cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return None
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def check_files(items: list[tuple[str, str, Obligation]], *, jobs: int = 2,
                timeout: float = 60.0) -> dict[str, CoqResult]:
    """``{key: CoqResult}`` for ``items`` = ``[(key, path, obligation), ...]``, ``jobs`` coqc at a time."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = {key: pool.submit(check_file, path, ob, timeout) for key, path, ob in items}
        return {key: f.result() for key, f in futures.items()}
