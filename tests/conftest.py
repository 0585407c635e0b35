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
