"""A second paper plugs in through ``--paper MODULE`` without editing the engine."""
import json

import pytest

from symbolic.cli import main
from symbolic.errors import LawauditError
from symbolic.papers import available, load


def test_the_registered_paper_is_the_default():
    assert available() == {"bubeck-sellke": "derivations"}
    assert load().module == "derivations" and load("bubeck-sellke") is load("derivations")


def test_a_second_paper_is_audited_through_paper(capsys):
    assert main(["--paper", "tests.fixtures.toy_paper", "--list"]) == 0
    assert capsys.readouterr().out.startswith("lemma-1.1")
    assert main(["--paper", "tests.fixtures.toy_paper", "--format", "json", "--no-auditor", "--jobs", "1"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["paper"]["title"] == "A toy paper"
    assert [(s["id"], s["verdict"]) for s in report["results"][0]["steps"]] == [
        ("lemma-1.1/am-gm", "proved"), ("lemma-1.1/too-strong", "refuted")]


def test_a_module_that_is_not_a_paper_is_a_one_line_error(capsys):
    assert main(["--paper", "json", "--list"]) == 2
    err = capsys.readouterr().err
    assert "--paper" in err and "PAPER" in err and len(err.strip().splitlines()) == 1
    with pytest.raises(LawauditError, match="cannot import"):
        load("no.such.module")
