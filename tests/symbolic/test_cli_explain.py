"""``lawaudit explain STEP-ID`` (issue 5, item 4)."""
import pytest

from symbolic.cli import main


def test_explain_refuted_step(capsys):
    assert main(["explain", "lemma-2.1/claim", "--samples", "300"]) == 0
    out = capsys.readouterr().out
    assert "Quote (the paper):" in out and "We claim that" in out
    assert "Justification chain:" in out and "cites: Hoeffding's inequality" in out
    assert "lemma-2.1/chain-lower-bound [verbatim] refuted" in out
    assert "z3: refuted" in out and "certificate:" in out
    assert "eps = 13/256" in out
    assert "tightest proved 1/4" in out
    assert "lemma-2.1/claim-repaired (in the derivation): proved" in out
    # the engine moved eps/3 to 1/4 at claim-from-chain (after the chain's eps/3 -> eps/2); the claim
    # itself is then re-derived with it
    assert ("re-derived with lemma-2.1:CORR = 1/4 (forced by lemma-2.1/claim-from-chain): proved (z3)"
            in out)
    assert "lemma-2.1/union-bound" in out.split("Used by (downstream):")[1]


def test_explain_proved_step_without_constants(capsys):
    assert main(["explain", "lemma-2.1/expansion", "--samples", "300"]) == 0
    out = capsys.readouterr().out
    assert "verdict: proved" in out and "sympy: proved" in out
    assert "the step states no audited constant" in out and "Counterexample:\n  none" in out


def test_unknown_step_is_one_line_with_close_matches(capsys):
    assert main(["explain", "lemma-2.1/clam"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "did you mean lemma-2.1/claim" in err


def test_explain_a_whole_result(capsys):
    assert main(["explain", "lemma-2.1", "--samples", "300"]) == 0
    out = capsys.readouterr().out
    assert "Verdict: holds with changed constants (eps/3 (correlation) = 1/4)" in out
    assert "Findings (1):\n  [false-step] The chain of inequalities gives" in out
    assert "Steps' worst verdict: refuted    after repairs: proved" in out
    assert "Lemma 2.1 holds with eps/3 (correlation) = 1/4 in place of 1/3" in out
    assert "[verbatim] claim: refuted  -> proved after repairs" in out
    assert "eps/3 (correlation) = 1/3: does not survive" in out and "8^3 = 512: survives" in out


def test_unknown_result_is_one_line(capsys):
    assert main(["explain", "lemma-2.x"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no result 'lemma-2.x'; did you mean lemma-2.1" in err


def test_explain_sees_repairs_made_in_the_results_it_uses():
    from derivations import lemma_2_1, theorem_2, theorem_3
    from symbolic.cli.cmd_explain import explain
    from symbolic.graph import upstream_results
    results = [lemma_2_1.RESULT, theorem_2.RESULT, theorem_3.RESULT]
    assert [r.id for r in upstream_results("theorem-3/theorem-2-second-term", results)] == \
        ["lemma-2.1", "theorem-2", "theorem-3"]
    assert [r.id for r in upstream_results("lemma-2.1/claim", results)] == ["lemma-2.1"]
    out = explain("theorem-3/theorem-2-second-term", samples=300, results=results)
    assert "(repairs propagated from the results this step uses: lemma-2.1, theorem-2)" in out
    # Lemma 2.1's eps/4 moves Theorem 2's split to eps/8, where (2.3) with the paper's (t/9)^2 fails
    out = explain("theorem-2/display-2-3", samples=300, results=results)
    assert "re-derived with theorem-2:SPLIT = 1/8 (forced by theorem-2/split-eps-3): refuted" in out
    assert "theorem-2/display-2-3-repaired (in the derivation): proved" in out


def test_explain_a_finding(capsys):
    assert main(["explain", "lemma-2.1/correlation-eps-over-4", "--samples", "200"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("lemma-2.1/correlation-eps-over-4  [false-step]")
    assert "  lemma-2.1/claim [verbatim] refuted (z3)" in out
    assert "  lemma-2.1/claim-repaired [repaired] proved (z3)" in out


def test_a_result_explained_in_worker_processes_says_what_one_process_says():
    from symbolic.cli.cmd_explain import explain_result
    from symbolic.papers import load
    paper = load()
    one = explain_result("lemma-2.1", samples=300, results=paper.results, jobs=1)
    assert explain_result("lemma-2.1", samples=300, results=paper.results, module=paper.module, jobs=2) == one
    assert "Kernel fact of the result:" in one


def test_the_steps_decided_ahead_go_by_result_or_one_by_one():
    from symbolic.cli.cmd_explain import _ahead_tasks
    where = {"a/x": (0, 0), "a/y": (0, 1), "b/z": (1, 0)}
    by_result = _ahead_tasks(["b/z", "a/x", "a/y"], where, 2, "b/z", "m", "S")
    assert by_result == [("m", 1, [(0, True)], "S"), ("m", 0, [(0, False), (1, False)], "S")]
    one_by_one = _ahead_tasks(["a/y", "a/x"], where, 2, "a/y", "m", "S")
    assert one_by_one == [("m", 0, [(1, True)], "S"), ("m", 0, [(0, False)], "S")]


def test_explain_in_worker_processes_says_what_one_process_says():
    from symbolic.cli.cmd_explain import explain
    from symbolic.papers import load
    paper = load()
    one = explain("lemma-2.1/claim", samples=300, results=paper.results, jobs=1)
    two = explain("lemma-2.1/claim", samples=300, results=paper.results, module=paper.module, jobs=2)
    assert two == one
    assert "kernel fact:" not in one.split("Backends:")[1].split("Counterexample:")[0]     # refuted: no fact
    proved = explain("lemma-2.1/expansion", samples=300, results=paper.results, module=paper.module, jobs=2)
    assert "kernel fact: decide" in proved           # the fact made again by the parent's kernel


def test_explain_jobs_option_sets_the_workers(capsys, monkeypatch):
    from symbolic import workers
    from symbolic.cli import main
    asked = []
    real = workers.run
    monkeypatch.setattr(workers, "run",
                        lambda fn, tasks, n, bar, order=None: asked.append(n) or real(fn, tasks, n, bar, order))
    assert main(["explain", "lemma-2.1/expansion", "--samples", "300", "--jobs", "1", "--quiet"]) == 0
    assert asked == []                                  # one job: decided in this process
    assert main(["explain", "lemma-2.1/expansion", "--samples", "300", "--jobs", "2", "--quiet"]) == 0
    assert asked == [2]
    capsys.readouterr()
    with pytest.raises(SystemExit) as stop:             # argparse's usage error
        main(["explain", "lemma-2.1/expansion", "--jobs", "0"])
    assert stop.value.code == 2
    assert capsys.readouterr().err.strip().splitlines() == [
        "lawaudit explain: error: argument --jobs: --jobs must be at least 1, got 0 (see 'lawaudit explain --help')"]
