"""Shared fixtures: the paper's text (for verbatim-quote tests)."""
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
def full_report() -> dict:
    """The whole audit with the auditor's view, at the default settings (as ``make audit`` writes it)."""
    from derivations import PAPER as paper, all_results
    from symbolic.audit import Settings, audit
    return audit(all_results(), Settings(), paper, module="derivations")


def pytest_itemcollected(item):
    """Under pytest-xdist (``make test`` runs ``-n 2 --dist loadgroup``): the tests that use
    ``full_report`` run in one worker, so the whole audit is computed once, not once per worker; every
    other test runs with the rest of its file, so that module fixtures are built once too.  (Marked as
    each item is collected, before xdist reads the groups in ``pytest_collection_modifyitems``.)"""
    if not hasattr(item.config, "workerinput"):       # not an xdist worker
        return
    fixtures = getattr(item, "fixturenames", ())
    group = "full_report" if "full_report" in fixtures else item.nodeid.split("::")[0]
    item.add_marker(pytest.mark.xdist_group(group))
