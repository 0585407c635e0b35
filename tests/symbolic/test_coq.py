"""Issue 17: export of proved obligations to Coq and their re-check by coqc.

The translation tests run everywhere; the coqc tests are skipped where coqc is not on the PATH
(``make test`` says so in one line).
"""
from __future__ import annotations

import json
import os

import pytest

from symbolic.coq import attach, runner
from symbolic.coq.export import THEOREM, digest, export, statement
from symbolic.coq.terms import NotExportable

from .coq_helpers import needs_coqc, obligation as _ob


# -- the statement ---------------------------------------------------------------------------------
def test_statement_has_ranges_hypotheses_and_integers():
    ob = _ob(["x: real, 0 < x < 1", "n: integer, n >= 1"], "x**2 <= n*x", ["x <= n"])
    assert statement(ob) == ("forall (v_x : R) (v_n : Z),\n"
                             "  (v_x > 0) ->\n  (v_x < 1) ->\n  ((IZR v_n) >= 1) ->\n"
                             "  (v_x <= (IZR v_n)) ->\n"
                             "  ((v_x ^ 2) <= (v_x * (IZR v_n)))")


def test_conclusion_must_be_defined_and_hypotheses_presuppose_it():
    ob = _ob(["x: real", "y: real"], "1/x <= y", ["log(y) <= 1"])
    s = statement(ob)
    assert "(v_y > 0) ->" in s                       # the hypothesis presupposes y > 0
    assert s.endswith("((v_x <> 0) /\\ ((/ v_x) <= v_y))")   # the conclusion must be defined


def test_functions_outside_the_fragment_are_not_exported():
    with pytest.raises(NotExportable, match="erf"):
        statement(_ob(["x: real"], "erf(x) <= 1"))
    with pytest.raises(NotExportable, match="root"):
        statement(_ob(["x: real, x >= 0"], "x**(1/3) <= x + 1"))


def test_digest_covers_the_obligation():
    a = _ob(["x: real, 0 <= x <= 1"], "x**2 <= x")
    b = _ob(["x: real, 0 <= x <= 2"], "x**2 <= x")
    assert digest(a, statement(a)) != digest(b, statement(b))
    ex = export(a, "demo/step")
    assert f"(* lawaudit-digest: {ex.digest} *)" in ex.text
    assert ex.text.count(f"Theorem {THEOREM} : {ex.statement}.") == 1


def test_a_file_altered_after_export_is_refused_before_coqc(tmp_path):
    ob = _ob(["x: real, 0 <= x <= 1"], "x**2 <= x")
    path = tmp_path / "a.v"
    path.write_text(export(ob).text.replace("(v_x <= 1)", "(v_x <= 1/2)"))
    res = runner.check_file(str(path), ob)
    assert res.status == "failed" and "altered" in res.reason


def test_obligation_round_trips_through_the_report_json():
    ob = _ob(["x: real, 0 < x < 1", "n: integer, n >= 1"], "exp(-x*n) <= 1", ["x <= n"])
    again = attach.obligation_from_json(ob.to_json())
    assert statement(again) == statement(ob)


# -- coqc ------------------------------------------------------------------------------------------
def test_a_file_whose_proof_was_altered_is_refused_before_coqc(tmp_path):
    ob = _ob(["x: real, 0 <= x <= 2"], "x**2 <= x")
    head, _ = export(ob).text.rsplit("Proof.\n", 1)
    (tmp_path / "a.v").write_text(head + "Proof.\nAdmitted.\n")
    res = runner.check_file(str(tmp_path / "a.v"), ob)
    assert res.status == "failed" and "proof or prelude was altered" in res.reason


def test_code_on_the_first_line_makes_a_file_altered(tmp_path):
    """The first line is compared too: Coq code there (after or instead of the comment) is refused."""
    ob = _ob(["x: real, 0 <= x <= 1"], "x**2 <= x")
    text = export(ob, "demo/step").text
    first, rest = text.split("\n", 1)
    for line in ("Axiom cheat : False. " + first, "Axiom cheat : False. (* edited first line *)",
                 first.replace("demo/step", "demo/step *) Axiom cheat : False. (*")):
        (tmp_path / "a.v").write_text(line + "\n" + rest)
        res = runner.check_file(str(tmp_path / "a.v"), ob)
        assert res.status == "failed" and "altered" in res.reason, line
    (tmp_path / "a.v").write_text(text)
    assert runner._as_exported(text, ob)[0].text == text


def test_a_module_named_as_an_allowed_library_is_refused():
    """A file's own module named ClassicalDedekindReals would make its axiom look like the library's."""
    res = runner.compile_text("Module ClassicalDedekindReals. Axiom cheat : forall P : Prop, P. "
                              "End ClassicalDedekindReals.\nTheorem lawaudit_step : False.\n"
                              "Proof. exact (ClassicalDedekindReals.cheat _). Qed.")
    assert res.status == "failed" and "module named ClassicalDedekindReals" in res.reason


@needs_coqc
def test_an_admitted_proof_is_not_checked():
    ob = _ob(["x: real, 0 <= x <= 2"], "x**2 <= x")
    head, _ = export(ob).text.rsplit("Proof.\n", 1)
    res = runner.compile_text(head + "Proof.\nAdmitted.\n")
    assert res.status == "failed" and "axioms outside the standard library: lawaudit_step" in res.reason


@needs_coqc
def test_report_records_coq_per_step_and_the_summary(tmp_path):
    proved = _ob(["x: real, 0 <= x <= 1"], "x**2 <= x")
    report = {"results": [{"steps": [
        {"id": "r-1/a", "verdict": "proved", "method": "z3", "obligation": proved.to_json()},
        {"id": "r-1/b", "verdict": "proved", "method": "sympy", "obligation": _ob(["x: real"], "erf(x) <= 1").to_json()},
        {"id": "r-1/c", "verdict": "refuted", "method": "z3", "obligation": proved.to_json()},
        {"id": "r-1/d", "verdict": "proved", "method": "arb", "obligation": proved.to_json()}]}]}
    written = attach.export_report(report, str(tmp_path / "coq"))
    assert [s["id"] for s, _, _ in written] == ["r-1/a"]
    failed = attach.check_report(report, written, jobs=1)
    steps = report["results"][0]["steps"]
    assert failed == []
    assert [s["coq"]["status"] for s in steps] == ["checked", "not-exported", "not-exported", "not-exported"]
    assert "erf" in steps[1]["coq"]["reason"] and "arb" in steps[3]["coq"]["reason"]
    c = report["coq"]
    assert (c["proved"], c["proved_by_z3_or_sympy"], c["checked"], c["failed"], c["not_exported"]) == (3, 2, 1, 0, 2)
    assert attach.summary_line(report).startswith("Coq-checked: 1 of 3 proved steps (1 of 2 proved by z3 or SymPy)")
    assert os.listdir(tmp_path / "coq") == ["la_r_1_a.v"]
    json.dumps(report)


def test_cli_refuses_a_file_as_export_folder(tmp_path, capsys):
    from symbolic.cli import main
    f = tmp_path / "x"
    f.write_text("")
    assert main(["--export-coq", str(f), "lemma-2.1"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--export-coq" in err and "folder" in err


@needs_coqc
def _written(tmp_path, obligations):
    items = []
    for i, ob in enumerate(obligations):
        path = tmp_path / f"s{i}.v"
        path.write_text(export(ob).text)
        items.append((f"s{i}", str(path), ob))
    return items


@needs_coqc
def test_files_are_checked_in_one_batch_and_a_rejected_file_alone(tmp_path):
    """check_files: true files in one coqc run (``batch`` = 3); with a false one among them the batch
    decides nothing, so each file is checked alone and the false one fails with check_file's reason."""
    true = [_ob(["x: real, 0 <= x <= 1"], "x**2 <= x"), _ob(["x: real, x >= 1"], "x <= x**2"),
            _ob(["y: real"], "y**2 + 1 > 0")]
    false = _ob(["x: real, 0 <= x <= 2"], "x**2 <= x")
    items = _written(tmp_path, true + [false])
    together = runner.check_files(items[:3], jobs=1)
    assert [(r.status, r.batch) for r in together.values()] == [("checked", 3)] * 3
    mixed = runner.check_files(items, jobs=1)
    assert [(r.status, r.batch) for r in mixed.values()] == [("checked", 1)] * 3 + [("failed", 1)]
    assert mixed["s3"].reason == runner.check_file(items[3][1], false).reason
    assert mixed["s3"].reason.startswith("coqc rejected the file")


@needs_coqc
def test_a_batch_with_an_admitted_theorem_decides_nothing(tmp_path):
    """The batch's Print Assumptions covers every theorem in it: one Admitted among true ones is an
    axiom of the tuple, so the batch is not accepted."""
    import dataclasses
    obs = [_ob(["x: real, 0 <= x <= 1"], "x**2 <= x"), _ob(["x: real, x >= 1"], "x <= x**2")]
    ex = [export(ob) for ob in obs]
    admitted = dataclasses.replace(ex[1], theorem=ex[1].theorem.rsplit("Proof.\n", 1)[0] + "Proof.\nAdmitted.\n")
    assert set(runner._check_batch([("a", ex[0]), ("b", ex[1])], 60)) == {"a", "b"}
    assert runner._check_batch([("a", ex[0]), ("b", admitted)], 60) is None


@needs_coqc
def test_a_proof_that_runs_out_of_time_in_a_batch_decides_nothing(monkeypatch):
    """In a batch each Coq command has the file's timeout (a looping proof stops the batch after it,
    not after the batch's whole time), and the batch as many times the timeout as it has files."""
    import dataclasses
    ex = export(_ob(["x: real, 0 <= x <= 1"], "x**2 <= x"))
    looping = dataclasses.replace(ex, theorem=ex.theorem.rsplit("Proof.\n", 1)[0]
                                  + "Proof.\nlet rec loop := idtac; loop in loop.\nQed.\n")
    group = [("a", ex), ("b", looping), ("c", ex), ("d", ex)]
    assert runner._check_batch(group, 2) is None
    seen = []
    monkeypatch.setattr(runner, "compile_text", lambda text, timeout, name: seen.append((text, timeout))
                        or runner.CoqResult("checked", "", 1.0))
    assert runner._check_batch(group, 2)["a"] == runner.CoqResult("checked", "", 0.25, 4)
    assert seen[0][0].startswith("Set Default Timeout 2.\n") and seen[0][1] == 8


def test_batches_share_a_prelude_and_give_every_core_work():
    from symbolic.coq.export import Exported
    ex = lambda pre: Exported("", "", "", pre, "")            # noqa: E731
    ready = [(f"p{i}", ex("plain")) for i in range(7)] + [("i0", ex("with Interval")), ("i1", ex("with Interval"))]
    batches = runner._batches(ready, jobs=2, size=3)
    assert [[k for k, _ in b] for b in batches] == [["i0"], ["i1"], ["p0", "p3", "p6"], ["p1", "p4"], ["p2", "p5"]]
    assert [[k for k, _ in b] for b in runner._batches(ready, jobs=1, size=32)] == [["i0", "i1"], [f"p{i}" for i in range(7)]]


@pytest.mark.parametrize("argv,message", [
    (["--export-coq", ""], "--export-coq: the folder name is empty"),
    (["--coq", "--coq-record", "/nonexistent-lawaudit/r.json"], "--coq-record: cannot write"),
], ids=["empty-folder", "unwritable-record"])
def test_cli_refuses_bad_coq_paths_before_any_work(argv, message, capsys, monkeypatch):
    from symbolic.cli import main
    monkeypatch.setattr(runner, "coqc_path", lambda: "/usr/bin/coqc")      # as if coqc were installed
    assert main([*argv, "lemma-2.1"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err


@needs_coqc
def test_html_markdown_and_schema_show_the_coq_outcome(tmp_path):
    from symbolic.audit import Settings, audit
    from symbolic.report import to_markdown, to_table, validate
    from symbolic.report_html import to_html
    from tests.symbolic.test_report_html import evil_result
    rep = audit([evil_result()], Settings(samples=300), {"title": "t", "authors": ["a"], "version": "v1"})
    written = attach.export_report(rep, str(tmp_path))
    assert attach.check_report(rep, written, jobs=2) == []
    validate(rep)                                        # the schema knows 'coq'
    coq = {s["id"]: s["coq"] for e in rep["results"] for s in e["steps"]}
    assert coq["lemma-8.1/second"]["status"] == "checked"
    # the engine repair's report entry carries its own obligation (the instance at the repaired value),
    # which Coq checks; the refuted original is not exported
    assert coq["lemma-8.1/first-engine-repair"]["status"] == "checked"
    assert coq["lemma-8.1/first"]["status"] == "not-exported"
    html = to_html(rep)
    assert '<span class="coq">Coq-checked</span>' in html
    assert attach.summary_line(rep) + "." in html                   # the Coq summary in the header
    # a step coqc rejected: the badge in its own style, and coqc's reason in the step
    step = next(s for e in rep["results"] for s in e["steps"] if s["id"] == "lemma-8.1/second")
    step["coq"] = {"status": "failed", "reason": "coqc timed out after 1 s"}
    html = to_html(rep)
    assert '<span class="coq coq-failed">Coq: failed</span>' in html
    assert "<div><b>Coq:</b> failed: coqc timed out after 1 s</div>" in html
    assert "Coq-checked: " in to_markdown(rep) and "Coq-checked: " in to_table(rep)


def test_notebook_step_shows_coq_checked_beside_the_verdict():
    from symbolic.audit import run_step
    from symbolic.notebook import step_markdown
    from tests.symbolic.test_report_html import evil_result
    run = run_step(evil_result().steps[1], "lemma-8.1")
    assert "Coq-checked" not in step_markdown(run)
    run.extra["coq"] = {"status": "checked"}
    assert step_markdown(run).splitlines()[0].endswith("by z3 — *Coq-checked*")


def test_cli_coq_without_coqc_is_a_one_line_usage_error(monkeypatch, capsys):
    from symbolic.cli import main
    monkeypatch.setattr(runner.shutil, "which", lambda name: None)
    assert main(["--coq", "lemma-2.1"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--coq: coqc is not on the PATH" in err and "apt-get install coq" in err


def test_the_statement_does_not_depend_on_the_hash_seed():
    """The digest the Coq record keeps, and the exported file, must be the same in every process
    (an And's arguments are traversed in their hashes' order, so the definedness premises and the
    relations the squares plan reads are sorted)."""
    import subprocess
    import sys
    code = ("import sympy; from symbolic.domain import Domain, Obligation; from symbolic.coq.export import statement\n"
            "D = Domain.parse(['chi: integer, chi >= 1', 'clo: integer, clo >= 1', 'plo: integer', 'phi: integer'])\n"
            "chi, clo, plo, phi = D.symbols()\n"
            "print(statement(Obligation(sympy.And(plo > chi, plo / chi >= 10, phi / clo <= 1000,\n"
            "                                     sympy.Eq(phi * plo / (chi * clo), 10000)), (), D)))\n"
            # and the proof script: the squares plan reads the relations of a conjunction (a set)
            "from symbolic.coq.export import export\n"
            "E = Domain.parse(['x: real', 'y: real', 'z: real']); x, y, z = E.symbols()\n"
            "print(export(Obligation(sympy.And(x*y <= x**2 + y**2, y*z <= y**2 + z**2, x*z <= x**2 + z**2), (), E)).text)")
    outs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout for seed in range(6)}
    assert len(outs) == 1 and "IZR" in outs.pop()


def test_a_timed_out_coqc_is_killed_with_the_helpers_it_started(tmp_path, monkeypatch):
    """psatz's helpers (csdpcert, csdp) must not outlive a coqc killed on timeout: a stand-in coqc
    that starts a child and hangs; after the timeout neither is left running."""
    import time
    fake = tmp_path / "coqc"
    pid_file = tmp_path / "child.pid"
    fake.write_text(f"#!/bin/sh\nsleep 300 &\necho $! > {pid_file}\nsleep 300\n")
    fake.chmod(0o755)
    monkeypatch.setattr(runner, "coqc_path", lambda: str(fake))
    res = runner.compile_text("Theorem lawaudit_step : True.", timeout=1)
    assert res.status == "failed" and "timed out after 1 s" in res.reason
    child = int(pid_file.read_text())
    time.sleep(0.2)
    try:                             # gone, or a zombie waiting for init to reap it
        state = open(f"/proc/{child}/stat").read().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        state = "gone"
    assert state in ("gone", "Z", "X")
