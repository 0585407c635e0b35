"""Issue 17: export of proved obligations to Coq and their re-check by coqc.

The translation tests run everywhere; the coqc tests are skipped where coqc is not on the PATH
(``make test`` says so in one line).
"""
from __future__ import annotations

import json
import os
import shutil

import pytest
import sympy

from symbolic.coq import attach, runner
from symbolic.coq.export import THEOREM, digest, export, statement
from symbolic.coq.terms import NotExportable
from symbolic.domain import Domain, Obligation

needs_coqc = pytest.mark.skipif(runner.coqc_path() is None, reason="coqc is not on the PATH "
                                "(Debian: apt-get install coq libcoq-interval)")


def _ob(specs, concl, hyps=()):
    D = Domain.parse(specs)
    names = D.symbol_map()
    conclusion = sympy.sympify(concl, locals=names)
    if conclusion in (sympy.true, sympy.false):      # an identity SymPy decides: kept as written
        conclusion = sympy.sympify(concl, locals=names, evaluate=False)
    return Obligation(conclusion, tuple(sympy.sympify(h, locals=names) for h in hyps), D)


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
def _check(ob, tmp_path, name="s.v"):
    path = tmp_path / name
    path.write_text(export(ob).text)
    return runner.check_file(str(path), ob, timeout=120)


@needs_coqc
@pytest.mark.parametrize("specs,concl,hyps", [
    (["x: real, 0 <= x <= 1"], "x**2 <= x", []),
    (["x: real", "n: integer, n >= 1"], "exp(-x**2*n) <= exp(0)", []),
    (["a: real", "b: real"], "Abs(a + b) <= Abs(a) + Abs(b)", []),
    (["t: real, t >= 1"], "log(t) <= t - 1", []),
    # the squares plan: (b - c)^2 >= 0 closes it linearly
    (["a: real", "b: real", "c: real"], "a**2 + 2*a*b + b**2 - 2*b*c + c**2 >= -1", ["a**2 >= 1", "a*b >= -1"]),
    # the bounds plan: a^2 <= m^2 gives -m <= a <= m
    (["a: real", "b: real", "t: real, 0 <= t <= 1", "m: real, m >= 0", "k: real, k >= 0"],
     "(a*(1 - t) + b*t)**2 <= (m*(1 - t) + k*t)**2", ["a**2 <= m**2", "b**2 <= k**2"]),
    # the ln-split plan: ln of a product and of a power rewritten into a sum
    (["p: integer, p >= 1", "u: real, u > 0", "w: real, w > 0"], "Eq(log((u*w)**p), p*log(u) + p*log(w))", []),
    # the lean plan: signs of logarithms whose arguments are at least 1
    (["D: integer, D >= 1", "Q: real, Q >= 1", "W: real, W >= 1"], "D*(log(Q)/2 + log(W)) <= D*(log(Q) + log(W))", []),
    # an equation substituted, then exp's monotonicity and field
    (["s: real", "t: real", "c: real, c > 0"], "exp(-s**2/(2*c)) <= exp(-t**2/2)", ["Eq(s**2, c*t**2)"]),
    # the products plan (no plan before it closes this): W2^2 (h-g)^2 <= W2^2 W1^2 (x-y)^2 <= b^2 (x-y)^2,
    # nra with 0 <= W2^2 and 0 <= (x-y)^2
    (["W1: real", "W2: real", "x: real", "y: real", "h: real", "g: real", "b: real, b >= 0"],
     "W2**2*(h - g)**2 <= b**2*(x - y)**2", ["(h - g)**2 <= W1**2*(x - y)**2", "W1**2*W2**2 <= b**2"]),
], ids=["poly", "exp-monotone", "abs", "log", "squares", "bounds", "ln-split", "ln-signs", "substitution", "products"])
def test_true_statements_are_checked(specs, concl, hyps, tmp_path):
    res = _check(_ob(specs, concl, hyps), tmp_path)
    assert res.status == "checked", res.reason


needs_csdp = pytest.mark.skipif(shutil.which("csdp") is None, reason="csdp is not on the PATH "
                                "(Debian: apt-get install coinor-csdp), so psatz cannot search")


def _sqrt_identity(factor):
    """``A sqrt(m) / sqrt(l + e p) = A sqrt(m) / (sqrt(p) sqrt(e + factor l/p))`` (true for factor 1)."""
    D = Domain.parse(["A: positive", "m: positive", "p: integer, p >= 1", "e: positive", "l: positive"])
    A, m, p, e, l = D.symbols()
    sq = sympy.sqrt
    return Obligation(sympy.Eq(A * sq(m) / sq(l + e * p), A * sq(m) / (sq(p) * sq(e + factor * l / p)),
                               evaluate=False), (), D)


def _cauchy_schwarz(bound):
    """``s1 + s2 + s3 <= bound`` with ``n = s1^2 + s2^2 + s3^2``: true for ``2 sqrt(n)`` (the square
    of the sum is at most ``3 n``), false for ``sqrt(n)`` at ``s = 1``."""
    return _ob(["s1: nonnegative", "s2: nonnegative", "s3: nonnegative", "n: nonnegative"],
               f"s1 + s2 + s3 <= {bound}", ["Eq(n, s1**2 + s2**2 + s3**2)"])


@needs_coqc
@pytest.mark.parametrize("ob,tactic,status", [
    (_sqrt_identity(1), "la_sq_field", "checked"), (_sqrt_identity(2), "la_sq_field", "failed"),
    (_cauchy_schwarz("2*sqrt(n)"), "la_sq_le", "checked"), (_cauchy_schwarz("sqrt(n)"), "la_sq_le", "failed"),
], ids=["equation", "equation-false", "bound", "bound-false"])
def test_the_squared_plans(ob, tactic, status, tmp_path, monkeypatch):
    from symbolic.coq import script
    assert tactic in export(ob).text
    assert _check(ob, tmp_path).status == status
    if status == "checked":          # and no other plan closes it
        monkeypatch.setattr(script, "_sqrt_relation", lambda tr, exprs, kinds: False)
        path = tmp_path / "without.v"
        path.write_text(export(ob).text)
        assert runner.check_file(str(path), ob, timeout=15).status == "failed"


@needs_coqc
@needs_csdp
def test_the_cleared_plan_multiplies_out_the_denominators(tmp_path):
    # the minimum over lam of C a lam^2 - lam t is -t^2/(4 C a): after multiplying by 4 C a, the
    # square (2 C a lam - t)^2; no plan before this one closes it
    ob = _ob(["a: positive", "C: positive", "t: positive", "lam: real"], "-lam*t + C*a*lam**2 >= -t**2/(4*C*a)")
    text = export(ob).text
    assert "eapply (la_clear_ge (4 * v_C * v_a)" in text
    res = _check(ob, tmp_path, "true.v")
    assert res.status == "checked", res.reason
    false = _ob(["a: positive", "C: positive", "t: positive", "lam: real"], "-lam*t + C*a*lam**2 >= -t**2/(8*C*a)")
    res = _check(false, tmp_path, "false.v")
    assert res.status == "failed" and "coqc rejected" in res.reason


@needs_coqc
@pytest.mark.parametrize("specs,concl,hyps", [
    (["x: real, 0 <= x <= 2"], "x**2 <= x", []),
    (["x: real", "n: integer, n >= 0"], "exp(-x**2*n) < exp(0)", []),
    (["t: real, t > 0"], "log(t) <= t - 2", []),
    (["x: real, 0 < x"], "1/x <= 1", ["x >= 1/2"]),
    (["a: real", "b: real", "c: real"], "a**2 + 2*a*b + b**2 - 2*b*c + c**2 >= 0", ["a**2 >= 1", "a*b >= -1"]),
    (["a: real", "b: real", "t: real, 0 <= t <= 1", "m: real, m >= 0", "k: real, k >= 0"],
     "(a*(1 - t) + b*t)**2 <= (m*(1 - t) + k*t)**2", ["a**2 <= m**2", "b**2 <= 2*k**2"]),
    (["p: integer, p >= 1", "u: real, u > 0", "w: real, w > 0"], "Eq(log((u*w)**p), p*log(u) + log(w))", []),
    (["D: integer, D >= 1", "Q: real, Q >= 1", "W: real, W >= 1"], "D*(log(Q) + log(W)) <= D*(log(Q)/2 + log(W))", []),
    (["s: real", "t: real", "c: real, c > 0"], "exp(-s**2/(2*c)) <= exp(-t**2)", ["Eq(s**2, c*t**2)"]),
    # false at W1 = W2 = h = x = 1, g = y = 0, b^2 = 1/2
    (["W1: real", "W2: real", "x: real", "y: real", "h: real", "g: real", "b: real, b >= 0"],
     "W2**2*(h - g)**2 <= b**2*(x - y)**2", ["(h - g)**2 <= W1**2*(x - y)**2", "W1**2*W2**2 <= 2*b**2"]),
], ids=["poly", "exp-strict", "log", "division", "squares", "bounds", "ln-split", "ln-signs", "substitution", "products"])
def test_false_statements_make_coqc_fail(specs, concl, hyps, tmp_path):
    res = _check(_ob(specs, concl, hyps), tmp_path)
    assert res.status == "failed" and "coqc rejected" in res.reason


def test_a_file_whose_proof_was_altered_is_refused_before_coqc(tmp_path):
    ob = _ob(["x: real, 0 <= x <= 2"], "x**2 <= x")
    head, _ = export(ob).text.rsplit("Proof.\n", 1)
    (tmp_path / "a.v").write_text(head + "Proof.\nAdmitted.\n")
    res = runner.check_file(str(tmp_path / "a.v"), ob)
    assert res.status == "failed" and "proof or prelude was altered" in res.reason


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
    assert '<span class="coq">Coq-checked</span>' in to_html(rep)
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


@needs_coqc
@pytest.mark.parametrize("specs,concl,tactic,status,only", [
    # sqrt X <= S with S = a^2 + b^2 and X = S^2 - 4 a^2 b^2 (= (a^2 - b^2)^2): no other plan closes
    # it; with + 4 a^2 b^2, false at a = b = 1
    (["a: real", "b: real"], "a**2/2 + b**2/2 + sqrt((a**2 + b**2)**2 - 4*a**2*b**2)/2 <= a**2 + b**2",
     "la_sqrt_le_of", "checked", True),
    (["a: real", "b: real"], "a**2/2 + b**2/2 + sqrt((a**2 + b**2)**2 + 4*a**2*b**2)/2 <= a**2 + b**2",
     "la_sqrt_le_of", "failed", False),
    # S <= sqrt(S^2 + 4 a^2 b^2); with S + 1, false at a = b = 0
    (["a: real", "b: real"], "sqrt((a**2 + b**2)**2 + 4*a**2*b**2) - a**2 >= b**2", "la_sqrt_ge_of", "checked", False),
    (["a: real", "b: real"], "sqrt((a**2 + b**2)**2 + 4*a**2*b**2) - a**2 >= b**2 + 1", "la_sqrt_ge_of", "failed", False),
], ids=["upper", "upper-false", "lower", "lower-false"])
def test_the_isolated_sqrt_plan(specs, concl, tactic, status, only, tmp_path, monkeypatch):
    from symbolic.coq import script
    ob = _ob(specs, concl)
    assert tactic in export(ob).text
    res = _check(ob, tmp_path)
    assert res.status == status, res.reason
    if only:                         # and no other plan closes it
        monkeypatch.setattr(script, "_sqrt_isolated", lambda tr, exprs: [])
        path = tmp_path / "without.v"
        path.write_text(export(ob).text)
        assert runner.check_file(str(path), ob, timeout=30).status == "failed"


@needs_coqc
@pytest.mark.parametrize("half,status", [("", "checked"), ("/2", "failed")], ids=["true", "false"])
def test_the_conjuncts_plan_uses_the_conjuncts_proved_before(half, status, tmp_path):
    # the second conjunct follows from the first (a product of two bounded squares); halved, it is
    # false at a1 = a2 = c = n1 = n2 = 1
    seg = "(a1*(1 - t) + a2*t)**2"
    ob = _ob(["a1: real", "a2: real", "c: real", "t: real, 0 <= t <= 1", "n1: nonnegative", "n2: nonnegative"],
             f"({seg} <= n1**2) & ({seg}*c**2 <= n1**2*n2**2{half})",
             ["a1**2 <= n1**2", "a2**2 <= n1**2", "c**2 <= n2**2"])
    assert "la_conj" in export(ob).text
    res = _check(ob, tmp_path)
    assert res.status == status, res.reason


def test_the_statement_does_not_depend_on_the_hash_seed():
    """The digest the Coq record keeps must be the same in every process (an And's arguments are
    traversed in their hashes' order, so the definedness premises are sorted)."""
    import subprocess
    import sys
    code = ("import sympy; from symbolic.domain import Domain, Obligation; from symbolic.coq.export import statement\n"
            "D = Domain.parse(['chi: integer, chi >= 1', 'clo: integer, clo >= 1', 'plo: integer', 'phi: integer'])\n"
            "chi, clo, plo, phi = D.symbols()\n"
            "print(statement(Obligation(sympy.And(plo > chi, plo / chi >= 10, phi / clo <= 1000,\n"
            "                                     sympy.Eq(phi * plo / (chi * clo), 10000)), (), D)))")
    outs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout for seed in range(6)}
    assert len(outs) == 1 and "IZR" in outs.pop()


# Each plan below: a true statement that it closes (and, where marked, that no other plan closes:
# with the plan switched off, coqc fails), and a false neighbour that makes coqc fail.
_CLIP = "Max(-1, Min(1, {}))"
_GEO = (["A: nonnegative", "e: positive", "n: integer, n >= 1", "k: integer, k >= 1", "s: nonnegative", "r: positive"],
        ["A >= e*n/6", "s**2 <= k*n", "Eq(k*r**2, n)"])
_LOGS = ["p: real, p >= 1", "C: positive", "u: positive"]
_CLEARED = (["c: positive", "L: positive", "eps: positive", "n: integer, n >= 1", "d: integer, d >= 1",
             "delta: real, 0 < delta < 1"], ["-log(delta) + log(60) > 0", "2**18*c*L**2*(log(60) - log(delta)) <= d*n*eps**2"])
_ABSTRACT = (["W: real, W >= 1", "Q: integer, Q >= 1", "p: integer, p >= 1", "a: nonnegative", "b: nonnegative"],
             ["a <= W*sqrt(Q)*sqrt(p)", "b <= W*sqrt(Q)*sqrt(p)"])


@needs_coqc
@needs_csdp
@pytest.mark.parametrize("specs,concl,hyps,marker,status,switch", [
    # one case split per Rmax/Rmin/Rabs term (it took 37 s of splits on this before, 5185 branches)
    (["u: real", "v: real"], f"Abs({_CLIP.format('u')} - {_CLIP.format('v')}) <= Abs(u - v)", [], "la_cases",
     "checked", None),
    (["u: real", "v: real"], f"Abs({_CLIP.format('u')} - {_CLIP.format('v')}) <= Abs(u - v)/2", [], "la_cases",
     "failed", None),
    # geometric mean: s r <= n from s^2 <= k n and k r^2 = n
    (_GEO[0], "A >= s*e*r/6", _GEO[1], "la_le_by_sq", "checked", "_product_bounds"),
    (_GEO[0], "A >= s*e*r/3", _GEO[1], "la_le_by_sq", "failed", None),
    # logarithms: sqrt(C) (sqrt(C) sqrt(u))^(p-1) / sqrt(u) = C^(p/2) u^(p/2 - 1)
    (_LOGS, "Eq(p*sqrt(C)/sqrt(u)*(sqrt(C)*sqrt(u))**(p - 1)*exp(-u), p*C**(p/2)*u**(p/2 - 1)*exp(-u))", [],
     "la_ln_eq", "checked", "_product_equation"),
    (_LOGS, "Eq(p*sqrt(C)/sqrt(u)*(sqrt(C)*sqrt(u))**(p - 1)*exp(-u), p*C**(p/2)*u**(p/2)*exp(-u))", [],
     "la_ln_eq", "failed", None),
    # cleared, logarithms read as atoms: multiply by 2^18 c L^2
    (*_CLEARED[:1], "log(60) - log(delta) - d*n*eps**2/(2**18*L**2*c) <= 0", _CLEARED[1], "la_clear_le", "checked",
     "_cleared"),
    (*_CLEARED[:1], "log(60) - log(delta) - d*n*eps**2/(2**19*L**2*c) <= 0", _CLEARED[1], "la_clear_le", "failed",
     None),
    # two spellings of one exp argument: (s/2 - t)^2 and (t - s/2)^2
    (["s: real", "t: real"], "Eq(2*exp(-(s/2 - t)**2)*exp(s**2/4), exp(-(t - s/2)**2)*exp(s**2/4) + exp(-(s/2 - t)**2)*exp(s**2/4))",
     [], "replace", "checked", None),
    (["s: real", "t: real"], "Eq(2*exp(-(s/2 - t)**2)*exp(s**2/4), exp(-(t + s/2)**2)*exp(s**2/4) + exp(-(s/2 - t)**2)*exp(s**2/4))",
     [], "la_solve", "failed", None),
    # abstraction: a, b <= M = W sqrt(Q) sqrt(p) and M >= 1 give a b <= M^3
    (*_ABSTRACT[:1], "a*b <= W**3*sqrt(Q)**3*sqrt(p)**3", _ABSTRACT[1], "clearbody M", "checked", "_abstracted"),
    (*_ABSTRACT[:1], "a*b <= W*sqrt(Q)*sqrt(p)", _ABSTRACT[1], "la_solve", "failed", None),
    # squared, in a conjunction and with the constant pi: sqrt(d - 1)/sqrt(d) = sqrt(1 - 1/d)
    (["d: integer, d >= 3"], "(d > 0) & Eq(sqrt(2)/sqrt(pi)*sqrt(d - 1)/sqrt(d), sqrt(2)/sqrt(pi)*sqrt(1 - 1/d))", [],
     "la_sq_field", "checked", None),
    (["d: integer, d >= 3"], "(d > 0) & Eq(sqrt(2)/sqrt(pi)*sqrt(d - 1)/sqrt(d), sqrt(2)/sqrt(pi)*sqrt(1 - 2/d))", [],
     "la_sq_field", "failed", None),
], ids=["cases", "cases-false", "geometric-mean", "geometric-mean-false", "logarithms", "logarithms-false",
        "cleared-atoms", "cleared-atoms-false", "same-arguments", "same-arguments-false", "abstraction",
        "abstraction-false", "squared-conjunction", "squared-conjunction-false"])
def test_the_plans_for_products_powers_and_cases(specs, concl, hyps, marker, status, switch, tmp_path, monkeypatch):
    from symbolic.coq import script
    ob = _ob(specs, concl, hyps)
    path = tmp_path / "s.v"
    path.write_text(export(ob).text)
    assert marker in path.read_text()
    res = runner.check_file(str(path), ob, timeout=120 if status == "checked" else 20)
    assert res.status == status, res.reason
    if switch:                       # and no other plan closes it
        monkeypatch.setattr(script, switch, lambda *args: [] if switch != "_product_equation" else False)
        path.write_text(export(ob).text)
        assert runner.check_file(str(path), ob, timeout=15).status == "failed"


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
