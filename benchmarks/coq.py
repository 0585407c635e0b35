"""The Coq budget of ``make bench`` (issue 17): coqc over every exported proved obligation.

The obligations are those z3 (alone) or SymPy's identities prove, as in the audit; each is
exported (:func:`symbolic.coq.export.export`) and checked by coqc as the audit checks them
(:func:`symbolic.coq.runner.check_files`: in batches, two coqc at a time, this machine having
2 cores, with the audit's timeout).  Budget: 120 s wall-clock for all of them.
"""
from __future__ import annotations

import os
import tempfile
import time

__all__ = ["COQ_BUDGET", "time_coq"]

COQ_BUDGET = 120.0


def time_coq(obligations, z3_verdicts: dict, *, jobs: int = 2, timeout: float = 60.0):
    """``(wall seconds, checked, failed, not exported, total)`` over the proved obligations, or None
    when coqc is not on the PATH.  ``z3_verdicts``: step id -> z3's verdict (from the z3 timing)."""
    from symbolic.backends import exact
    from symbolic.coq.export import export
    from symbolic.coq.runner import check_files, coqc_path
    from symbolic.coq.terms import NotExportable
    if coqc_path() is None:
        return None
    proved = [(sid, ob) for sid, ob in obligations
              if z3_verdicts.get(sid) == "proved" or exact.decide(ob).verdict == "proved"]
    items, skipped = [], 0
    with tempfile.TemporaryDirectory(prefix="lawaudit-bench-coq-") as tmp:
        for i, (sid, ob) in enumerate(proved):
            try:
                text = export(ob, sid).text
            except NotExportable:
                skipped += 1
                continue
            path = os.path.join(tmp, f"s{i}.v")
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(text)
            items.append((sid, path, ob))
        t0 = time.perf_counter()
        res = check_files(items, jobs=jobs, timeout=timeout)
        wall = time.perf_counter() - t0
    checked = sum(r.status == "checked" for r in res.values())
    return wall, checked, len(res) - checked, skipped, len(proved)
