"""Issue 17: the Coq record that lets the notebooks show "Coq-checked" without running coqc."""
from __future__ import annotations

import json

import pytest
import sympy

from symbolic.coq import record, runner
from symbolic.domain import Domain, Obligation
from symbolic.errors import LawauditError



def _ob(spec, concl):
    D = Domain.parse([spec])
    return Obligation(sympy.sympify(concl, locals=D.symbol_map()), (), D)


def _written(*items):
    """``[(step, path, obligation)]`` as export_report and check_report leave them."""
    return [({"id": sid, "coq": {"status": st}}, f"{sid}.v", ob) for sid, st, ob in items]


def _report(*ids):
    return {"results": [{"steps": [{"id": i} for i in ids]}]}


def test_write_merges_and_lookup_needs_the_same_obligation(tmp_path):
    path = str(tmp_path / "rec.json")
    a, b = _ob("x: real, 0 <= x <= 1", "x**2 <= x"), _ob("x: real", "x**2 + 1 >= 2*x")
    record.write(path, _report("r/a", "r/b"), _written(("r/a", "checked", a), ("r/b", "failed", b)))
    rec = record.load(path)
    assert set(rec["steps"]) == {"r/a", "r/b"}
    assert record.lookup(rec, "r/a", a) == {"status": "checked"}
    assert record.lookup(rec, "r/b", b) == {"status": "failed"}
    assert record.lookup(rec, "r/a", _ob("x: real, 0 <= x <= 1", "x**3 <= x")) is None   # statement changed
    assert record.lookup(rec, "r/c", a) is None
    # a second run on r/b alone keeps r/a, and drops r/b when it has no outcome any more
    record.write(path, _report("r/b"), [])
    assert set(record.load(path)["steps"]) == {"r/a"}


def test_a_file_that_is_not_a_record_is_refused(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2]")
    with pytest.raises(LawauditError, match="--coq-record: .* is not a Coq record"):
        record.load(str(bad))
    assert record.load(str(tmp_path / "missing.json")) == {"coq": "", "steps": {}}


def test_cli_coq_record_needs_coq(capsys):
    from symbolic.cli import main
    assert main(["--coq-record", "x.json", "lemma-2.1"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--coq-record: needs --coq" in err


def test_notebook_shows_the_record_beside_the_verdict(tmp_path):
    from symbolic.notebook import StepView, run
    from tests.symbolic.test_report_html import evil_result
    res = evil_result()
    plain = run(res, samples=300)
    proved = [slug for slug, r in plain.items() if r.verdict == "proved"]
    slug = proved[0]
    path = str(tmp_path / "rec.json")
    record.write(path, _report(), _written((f"{res.id}/{slug}", "checked", plain[slug].step.obligation)))
    runs = run(res, samples=300, coq_record=path)
    view = StepView(runs[slug])
    assert "Coq-checked" in view.plain.splitlines()[0] and "*Coq-checked*" in view.markdown.splitlines()[0]
    assert all("Coq" not in StepView(r).plain for s, r in runs.items() if s != slug)


def test_the_committed_record_matches_the_derivations():
    """Every entry of derivations/coq-record.json is a step of the paper with the digest of its
    obligation now; a stale entry means `make formal` must be run again."""
    from derivations import COQ_RECORD, all_results
    rec = record.load(COQ_RECORD)
    assert rec["coq"].startswith("The Coq Proof Assistant")
    obligations = {f"{r.id}/{s.slug}": s.obligation for r in all_results() for s in r.steps}
    stale = [sid for sid in rec["steps"] if sid in obligations and
             record.lookup(rec, sid, obligations[sid]) is None]
    assert stale == [], f"run `make formal`: the record is stale for {stale[:5]}"
    assert sum(e["status"] == "checked" for e in rec["steps"].values()) >= 100


@pytest.mark.skipif(runner.coqc_path() is None, reason="coqc is not on the PATH")
def test_coqc_checks_again_what_the_record_says_it_checked(tmp_path):
    """Two entries of the committed record, exported afresh and given to coqc."""
    from derivations import COQ_RECORD, all_results
    from symbolic.coq.export import export
    rec = record.load(COQ_RECORD)
    obligations = {f"{r.id}/{s.slug}": s.obligation for r in all_results() for s in r.steps}
    for sid in ["lemma-2.1/expansion", "section-2/log-covering"]:
        assert rec["steps"][sid]["status"] == "checked"
        path = tmp_path / "step.v"
        path.write_text(export(obligations[sid], sid).text)
        assert runner.check_file(str(path), obligations[sid], timeout=60).status == "checked"
