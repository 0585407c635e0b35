"""Shared fixtures: the paper's text (for verbatim-quote tests)."""
import fcntl
import json
import os
import pathlib

import pytest

PAPER = pathlib.Path(__file__).resolve().parents[1].parent / "shared" / "paper" / \
    "bubeck-sellke-universal-law-of-robustness.txt"


@pytest.fixture(scope="session")
def paper_text() -> str:
    """The audited paper's text with white space folded; skips when ../shared is not beside the repo."""
    if not PAPER.exists():
        pytest.skip(f"the paper text is not at {PAPER}")
    return " ".join(PAPER.read_text(encoding="utf-8").split())


@pytest.fixture(scope="session")
def full_report(tmp_path_factory) -> dict:
    """The whole audit with the auditor's view, at the default settings (as ``make audit`` writes it).

    Under pytest-xdist (``make test`` runs two workers) it is computed once, by the first worker that
    asks, and read by the others from the session's shared temporary folder (as JSON, in every worker)."""
    def compute():
        from derivations import PAPER as paper, all_results
        from symbolic.audit import Settings, audit
        return audit(all_results(), Settings(), paper, module="derivations")

    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return compute()
    shared = tmp_path_factory.getbasetemp().parent
    path = shared / "full_report.json"
    with open(shared / "full_report.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)          # the other workers wait for the first one
        if not path.exists():
            tmp = path.with_suffix(".part")
            tmp.write_text(json.dumps(compute()), encoding="utf-8")
            tmp.replace(path)
    return json.loads(path.read_text(encoding="utf-8"))
