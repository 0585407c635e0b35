"""What a refactoring or a speed-up must not change: every verdict, constant and counterexample.

:func:`essentials` reduces an audit report (the dict :func:`symbolic.audit.audit` returns) to the
mathematical content an auditor relies on, dropping timings, prose and rendering.  The golden copy
in ``golden/essentials.json`` was written from the audit before the authoring API; the test
``test_before_after.py`` compares today's audit with it.

Re-write the golden copy (only when a verdict changes on purpose, and say why in the commit)::

    .venv/bin/python -m tests.derivations.essentials --write
"""
from __future__ import annotations

import argparse
import json
import pathlib
import sys

GOLDEN = pathlib.Path(__file__).with_name("golden") / "essentials.json"


def _constants(step: dict) -> list:
    return [[c["name"], c["claimed"], c["supported"], c["status"]] for c in step.get("constants") or []]


def essentials(report: dict) -> dict:
    """``{"steps", "results", "constants", "repairs", "findings"}``, each keyed by id (JSON-ready)."""
    steps, results = {}, {}
    for res in report["results"]:
        results[res["id"]] = {"verdict": res["verdict"], "after_repairs": res["verdict_after_repairs"],
                              "plain_verdict": res["plain_verdict"]["verdict"]}
        for s in res["steps"]:
            steps[s["id"]] = {"kind": s["kind"], "verdict": s["verdict"], "counterexample": s["counterexample"],
                              "constants": _constants(s), "repairs": s["repairs"]}
    constants = {f'{c["step"]} | {c["name"]}': [c["claimed"], c["supported"], c["status"], c["tightest"],
                                                c["tightest_refuted"], c["tightest_status"]]
                 for c in report["constants"]}
    repairs = {k: [v["paper"], v["repaired"]] for k, v in report["repairs"]["assignment"].items()}
    findings = {f["id"]: [f["class"], f["confirmed"]] for f in report["findings"]}
    return {"steps": steps, "results": results, "constants": constants, "repairs": repairs,
            "findings": findings}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Write the golden essentials of today's audit.")
    ap.add_argument("--write", action="store_true", help=f"overwrite {GOLDEN} (otherwise print to stdout)")
    args = ap.parse_args(argv)
    from derivations import PAPER, all_results
    from symbolic.audit import Settings, audit
    text = json.dumps(essentials(audit(all_results(), Settings(), PAPER)), indent=1, sort_keys=True) + "\n"
    if args.write:
        GOLDEN.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
