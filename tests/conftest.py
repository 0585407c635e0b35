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
