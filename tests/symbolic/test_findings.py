"""Findings, readings and families on small statements with known answers (true and false)."""
import pytest
import sympy

from symbolic.audit import Settings, _agrees, run_result, step_json
from symbolic.domain import Domain, Obligation
from symbolic.errors import DerivationError
from symbolic.findings import Finding, findings_json, plain_verdict
from symbolic.proof import Constant, Parameter, Result, Step
from symbolic.tightest import Tightest

D = Domain.parse(["x: real, 1 <= x <= 2"])
x = D.symbols("x")
FAST = Settings(samples=100)


def _result(steps, findings=()):
    return Result(id="lemma-9.9", title="Lemma 9.9", statement="x", location="here", steps=steps,
                  findings=findings)


def _entry(result):
    _, runs = run_result(result, FAST)
    return {"id": result.id, "verdict": "refuted", "steps": [step_json(r) for r in runs]}, runs


def test_a_finding_groups_the_steps_of_one_slip_and_is_confirmed():
    steps = [Step("a", "q", "here", "r", Obligation(x >= 3, (), D)),       # false
             Step("b", "q", "here", "r", Obligation(2 * x >= 6, (), D)),   # false, same slip
             Step("c", "q", "here", "r", Obligation(x >= 1, (), D))]       # true
    res = _result(steps, [Finding("slip", "false-step", "x is at most 2", ["a", "b"], "use 1")])
    entry, _ = _entry(res)
    (f,) = findings_json([res], [entry])
    assert (f["id"], f["class"], f["confirmed"], f["declared"]) == ("lemma-9.9/slip", "false-step", True, True)
    assert f["steps"] == ["lemma-9.9/a", "lemma-9.9/b"]


def test_a_failing_step_no_finding_explains_gets_its_own_and_a_true_one_none():
    res = _result([Step("a", "q", "here", "r", Obligation(x >= 3, (), D), on_failure="say x >= 1"),
                   Step("c", "q", "here", "r", Obligation(x >= 1, (), D))])
    entry, _ = _entry(res)
    (f,) = findings_json([res], [entry])
    assert (f["id"], f["declared"], f["repair"]) == ("lemma-9.9/a-unexplained", False, "say x >= 1")


def test_a_finding_on_true_steps_is_not_confirmed():
    res = _result([Step("c", "q", "here", "r", Obligation(x >= 1, (), D))],
                  [Finding("none", "false-step", "wrong alarm", ["c"], "nothing")])
    entry, _ = _entry(res)
    (f,) = findings_json([res], [entry])
    assert f["confirmed"] is False


def test_finding_validation():
    with pytest.raises(DerivationError, match="class"):
        Finding("x", "wrong", "t", ["a"], "r")
    with pytest.raises(DerivationError, match="reading"):
        Finding("x", "imprecise", "t", ["a"], "r")
    with pytest.raises(DerivationError, match="unknown steps"):
        _result([Step("c", "q", "here", "r", Obligation(x >= 1, (), D))],
                [Finding("f", "gap", "t", ["nope"], "r")])


def test_a_repair_that_keeps_its_constant_is_written_through_a_template():
    with pytest.raises(DerivationError, match="template"):
        Step("a", "q", "here", "r", Obligation(x >= 1, (), D), kind="repaired", repairs="b", keeps_constant=True)


def test_an_approximate_reading_stands_beside_the_refuted_exact_one():
    exact = Step("a", "q", "here", "r", Obligation(x >= 2, (), D))
    approx = Step("b", "q", "here", "r", Obligation(x >= sympy.Rational(9, 10), (), D), kind="repaired",
                  repairs="a", reading="approximate", tolerance="relative error 1/10")
    res = _result([exact, approx], [Finding("round", "imprecise", "rounded", ["a"], "say 9/10",
                                            repaired_by=["b"], reading="up to 1/10")])
    entry, (r1, r2) = _entry(res)
    assert (r1.verdict, r2.verdict) == ("refuted", "proved")
    (f,) = findings_json([res], [entry])
    assert f["approximate"] and f["confirmed"]
    with pytest.raises(DerivationError, match="tolerance"):
        Step("a", "q", "here", "r", Obligation(x >= 1, (), D), reading="approximate")


def test_constant_statuses_for_readings():
    assert Constant("d", 15, sympy.Rational(50, 3), tolerance=sympy.Rational(1, 10)).status == "approximate"
    assert Constant("d", 14, sympy.Rational(50, 3), tolerance=sympy.Rational(1, 10)).status == "fails"
    assert Constant("c", 1, sympy.Rational(1, 8), weaker_when="smaller", informal=True).status == "remark"
    assert Constant("c", 1, sympy.Rational(1, 8), weaker_when="smaller").status == "fails"


FAM = Domain.parse(["d: integer, d >= 1", "c: real, c > 0"])
d, c = FAM.symbols()


def test_an_asymptotic_claim_is_refuted_only_by_a_certified_family():
    # "e^{-1/2} <= e^{-cd} for some c > 0 and every d" fails along d -> oo: for every c, d > 1/c
    half = sympy.exp(-sympy.Rational(1, 2))
    good = Step("a", "q", "here", "r", reading="asymptotic", family_text="d > 1/c, d -> oo",
                family=Obligation(sympy.exp(-c * d) < half, (c * d > 1,), FAM))
    # a wrong family (c d > 1/10 does not give e^{-cd} < e^{-1/2}): never a refutation
    bad = Step("b", "q", "here", "r", reading="asymptotic", family_text="d > 1/(10c)",
               family=Obligation(sympy.exp(-c * d) < half, (10 * c * d > 1,), FAM))
    _, (r1, r2) = _entry(_result([good, bad]))
    assert (r1.verdict, r1.check.counterexample) == ("refuted", {"family": "d > 1/c, d -> oo"})
    assert r2.verdict == "unknown"


def test_plain_verdicts():
    entry = {"id": "lemma-9.9", "verdict": "proved", "steps": [{"kind": "verbatim", "verdict": "proved"}]}
    stmt = {"holds_after_repairs": True, "changed_statement": {}, "hypotheses_added": [], "changed": {},
            "provided": [], "statement": "s"}
    assert plain_verdict(entry, stmt, [])["verdict"] == "holds as stated"
    assert plain_verdict(entry, {**stmt, "hypotheses_added": ["eps <= 1"]}, [])["verdict"] == \
        "holds under an added hypothesis"
    assert plain_verdict(entry, {**stmt, "changed_statement": {"8^4": "9216"}}, [])["verdict"] == \
        "holds with changed constants"
    assert plain_verdict(entry, {**stmt, "holds_after_repairs": False}, [])["verdict"] == "not decided"
    false = [{"class": "false-statement", "confirmed": True, "result": "lemma-9.9", "steps": ["lemma-9.9/a"],
              "title": "t", "reading": None}]
    assert plain_verdict(entry, stmt, false)["verdict"] == "false as stated"


def test_supported_value_agrees_with_an_exact_or_bracketing_search():
    p = Parameter("k", "r:K", sympy.Integer(4), "larger")
    t = Tightest(p, sympy.Integer(4), sympy.Integer(3), sympy.Rational(5, 2), False, "z3")
    assert _agrees({"supported": "3"}, t) and _agrees({"supported": "11/4"}, t)
    assert not _agrees({"supported": "2"}, t) and not _agrees({"supported": "7/2"}, t)
    exact = Tightest(p, sympy.Integer(4), sympy.Integer(3), sympy.Rational(2999, 1000), True, "z3")
    assert _agrees({"supported": "3"}, exact) and not _agrees({"supported": "2999/1000"}, exact)
