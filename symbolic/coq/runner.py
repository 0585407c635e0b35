"""Run ``coqc`` on exported files, in parallel, each with a timeout, and judge the result.

A file counts as ``checked`` only when all of these hold:

1. its digest line equals :func:`symbolic.coq.export.digest` of the obligation and of the statement
   regenerated from it, the file states ``Theorem lawaudit_step : <that statement>.`` exactly
   once, and it is, character for character, the file :func:`~symbolic.coq.export.export`
   generates now for the step named on its first line (a file altered after export is ``failed``,
   with the reason);
2. coqc accepts the file followed by ``Print Assumptions lawaudit_step.`` within the timeout;
3. every axiom it prints comes from Coq's standard library or the Interval library's
   primitive-float layer (an ``Admitted`` or ``Axiom`` of the file is refused).

:func:`check_files` checks files in batches: one coqc run for several files with the same prelude,
which is stated once, each file's theorem (exactly its text) in a module of its own, and one
``Print Assumptions`` of the tuple of all their theorems (its axioms are the union of theirs, so
rule 3 holds for each when it holds for the union).  Coq loads its libraries, and walks the
libraries' proofs for ``Print Assumptions``, once per batch instead of once per file.  In a batch
every Coq command (a proof is three: ``intros``, ``la_prep``, its plans) has ``timeout`` seconds
(``Set Default Timeout``), and the batch as many times ``timeout`` as it has files.  A batch that
coqc rejects, that runs out of time or whose union of axioms is not allowed decides nothing: each of
its files is then checked alone, so every ``failed`` outcome, and its reason, is that of
:func:`check_file`.
"""
from __future__ import annotations

import concurrent.futures
import math
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass

from ..domain import Obligation
from .export import THEOREM, Exported, digest, export, statement

__all__ = ["CoqResult", "coqc_path", "check_file", "compile_text", "check_files", "ALLOWED_AXIOM_MODULES",
           "BATCH"]

#: Modules whose axioms a checked theorem may use (the classical reals of Coq's standard library,
#: and the primitive integers and floats the Interval library computes with).
ALLOWED_AXIOM_MODULES = ("ClassicalDedekindReals", "FunctionalExtensionality", "Classical_Prop",
                         "Uint63", "PrimInt63", "PrimFloat", "FloatAxioms", "FloatOps", "SpecFloat")
#: At most this many files in one coqc run (:func:`check_files`).
BATCH = 32


@dataclass(frozen=True)
class CoqResult:
    """``status``: ``checked`` or ``failed``; ``reason`` (empty when checked); ``seconds`` of coqc;
    ``batch``: how many files that coqc run checked (``seconds`` is then this file's equal share)."""

    status: str
    reason: str
    seconds: float
    batch: int = 1

    def to_json(self) -> dict:
        out = {"status": self.status, "seconds": round(self.seconds, 3)}
        if self.reason:
            out["reason"] = self.reason
        if self.batch > 1:
            out["batch"] = self.batch
        return out


def coqc_path() -> str | None:
    """The ``coqc`` on the PATH, or None."""
    return shutil.which("coqc")


def _as_exported(text: str, ob: Obligation) -> tuple[Exported | None, str]:
    """``text`` as :class:`Exported` when it is the file exported for ``ob``, else None and why."""
    stmt = statement(ob)
    m = re.search(r"\(\* lawaudit-digest: ([0-9a-f]{64}) \*\)", text)
    if m is None:
        return None, "the file has no lawaudit-digest line"
    if m.group(1) != digest(ob, stmt):
        return None, "the file's digest is not the obligation's (the file was altered or is stale)"
    if text.count(f"Theorem {THEOREM} : {stmt}.") != 1 or text.count(THEOREM) != 1:
        return None, "the file's statement is not the one generated from the obligation (altered after export)"
    first = re.fullmatch(r"\(\* lawaudit: (.*) -- generated from the obligation; do not edit \*\)",
                         text.split("\n", 1)[0])
    exported = export(ob, first.group(1)) if first else None
    if exported is None or text != exported.text:
        return None, "the file is not the one generated from the obligation (its proof or prelude was altered)"
    return exported, ""


def _read(path: str, ob: Obligation) -> tuple[Exported | None, str]:
    """The file at ``path`` as :class:`Exported` when it is the one exported for ``ob``, else None and why."""
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except OSError as exc:
        return None, f"cannot read {path}: {exc.strerror}"
    return _as_exported(text, ob)


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
    exported, why = _read(path, ob)
    return compile_text(exported.text, timeout) if exported else CoqResult("failed", why, 0.0)


def compile_text(text: str, timeout: float = 60.0, theorem: str = THEOREM) -> CoqResult:
    """coqc on ``text`` followed by ``Print Assumptions <theorem>.``: ``checked`` when coqc
    accepts it within ``timeout`` seconds and every axiom printed is from
    :data:`ALLOWED_AXIOM_MODULES` (a text that declares a module of one of those names, whose
    axioms would pass for the library's, is refused unread); raises ``FileNotFoundError`` if coqc
    is missing."""
    shadows = sorted(set(re.findall(r"\bModule\s+(?:(?:Type|Import|Export)\s+)*(\w+)", text))
                     & set(ALLOWED_AXIOM_MODULES))
    if shadows:
        return CoqResult("failed", f"the file declares a module named {shadows[0]}, as a library whose "
                                   f"axioms are allowed", 0.0)
    coqc = coqc_path()
    if coqc is None:
        raise FileNotFoundError("coqc is not on the PATH")
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="lawaudit-coq-") as tmp:
        with open(os.path.join(tmp, "step.v"), "w", encoding="utf-8") as fh:
            fh.write(text + f"\nPrint Assumptions {theorem}.\n")
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


def check_files(items: list[tuple[str, str, Obligation]], *, jobs: int = 2, timeout: float = 60.0,
                batch: int = BATCH) -> dict[str, CoqResult]:
    """``{key: CoqResult}`` for ``items`` = ``[(key, path, obligation), ...]``: files read and compared
    with their obligations first, then checked in batches of at most ``batch`` files (see the module
    docstring), ``jobs`` coqc at a time; a batch that decides nothing is checked file by file."""
    results, ready = {}, []
    for key, path, ob in items:
        exported, why = _read(path, ob)
        if exported is None:
            results[key] = CoqResult("failed", why, 0.0)
        else:
            ready.append((key, exported))
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        runs = {pool.submit(_check_batch, group, timeout): group for group in _batches(ready, jobs, batch)}
        alone = []
        for done in concurrent.futures.as_completed(runs):
            outcome = done.result()
            if outcome is None:
                alone += [(key, pool.submit(compile_text, ex.text, timeout)) for key, ex in runs[done]]
            else:
                results.update(outcome)
        results.update({key: f.result() for key, f in alone})
    return {key: results[key] for key, _, _ in items}


def _batches(ready: list[tuple[str, Exported]], jobs: int, size: int) -> list[list[tuple[str, Exported]]]:
    """``ready`` grouped by prelude, each group dealt out round-robin into at least ``jobs`` batches
    (so that every core has work) of at most ``size`` files; the group with the longest prelude first
    (the one that loads the Interval library, whose files take longest)."""
    groups: dict[str, list] = {}
    for key, ex in ready:
        groups.setdefault(ex.prelude, []).append((key, ex))
    out = []
    for prelude_text in sorted(groups, key=len, reverse=True):
        group = groups[prelude_text]
        n = min(len(group), max(jobs, -(-len(group) // max(1, size))))
        out += [group[i::n] for i in range(n)]
    return out


def _check_batch(group: list[tuple[str, Exported]], timeout: float) -> dict[str, CoqResult] | None:
    """One coqc run for ``group`` (files sharing a prelude): ``{key: checked}``, or None when coqc
    did not accept the batch (the caller then checks each file alone)."""
    if len(group) == 1:
        key, ex = group[0]
        return {key: compile_text(ex.text, timeout)}
    modules = "".join(f"\nModule lawaudit_file_{i}.{ex.theorem}End lawaudit_file_{i}.\n"
                      for i, (_, ex) in enumerate(group))
    proofs = ", ".join(f"lawaudit_file_{i}.{THEOREM}" for i in range(len(group)))
    text = (f"Set Default Timeout {max(1, math.ceil(timeout))}.\n" + group[0][1].prelude + modules
            + f"\nDefinition lawaudit_batch := ({proofs}).\n")
    res = compile_text(text, timeout * len(group), "lawaudit_batch")
    if res.status != "checked":
        return None
    return {key: CoqResult("checked", "", res.seconds / len(group), len(group)) for key, _ in group}
