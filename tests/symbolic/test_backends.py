"""Each sound backend on true and on false statements; the check pipeline's verdict logic."""
import pytest
import sympy

from symbolic.backends import exact, smt
from symbolic.check import check, check_obligation
from symbolic.domain import Domain, Obligation
from symbolic.errors import SoundnessAlarm

D = Domain.parse(["x: real, x > 0", "y: real, 0 <= y <= 1", "n: integer, n >= 1", "u: real"])
x, y, n, u = D.symbols("x y n u")


def ob(concl, *hyps):
    return Obligation(concl, hyps, D)


# -- exact (SymPy) ------------------------------------------------------------------------------
def test_exact_proves_identities_only():
    assert exact.decide(ob(sympy.Eq((x + 1) ** 2, x ** 2 + 2 * x + 1))).verdict == "proved"
    assert exact.decide(ob(sympy.Ge((x + 1) ** 2, x ** 2 + 2 * x + 1, evaluate=False))).verdict == "proved"
    # sign facts are left to z3/arb: SymPy's assumption system is not trusted for them
    assert exact.decide(ob(x + 1 / x >= 2)).verdict == "unknown"
    assert check_obligation(ob(x + 1 / x >= 2), samples=200).verdict == "proved"


def test_review_s1_integer_sign_fact_is_not_proved():
    # SymPy calls -1/2 + 1/(i + j) positive for positive integers; under i + j = 1000 it is false.
    D2 = Domain.parse(["i: integer, i >= 1", "j: integer, j >= 0"])
    i, j = D2.symbols("i j")
    concl = sympy.Gt(1 / (i + j), sympy.Rational(1, 2), evaluate=False)
    v = check_obligation(Obligation(concl, (sympy.Eq(i + j, 1000),), D2), samples=300)
    assert v.verdict == "refuted"
    ce = {k: sympy.Integer(val) for k, val in v.counterexample.items()}
    assert ce["i"] + ce["j"] == 1000


def test_review_s2_complex_roots_never_refute():
    # sqrt(x)*sqrt(y) >= 0 holds wherever it is real: never refuted through complex arithmetic
    D2 = Domain.parse(["p: real", "q: real"])
    p_, q_ = D2.symbols("p q")
    v = check_obligation(Obligation(sympy.sqrt(p_) * sympy.sqrt(q_) >= 0, (), D2), samples=300)
    assert v.verdict != "refuted"


def test_exact_never_refutes_and_leaves_false_statements_unknown():
    for concl in (x + 1 / x >= 3, u ** 2 >= 1, sympy.Eq(x, x + y)):
        assert exact.decide(ob(concl)).verdict == "unknown"


def test_exact_does_not_trust_numeric_signs_of_irrational_constants():
    # pi - 314159265358979/10**14 > 0 is true, but SymPy would decide it numerically: left to z3/arb.
    rel = sympy.Gt(y + sympy.pi - sympy.Rational(314159265358979, 10 ** 14), y, evaluate=False)
    assert exact.decide(ob(rel)).verdict == "unknown"
    assert check_obligation(ob(rel), samples=200).verdict == "proved"   # by arb, rigorously


def test_exact_replay():
    o = ob(sympy.Eq((x + 1) ** 2, x ** 2 + 2 * x + 1))
    out = exact.decide(o)
    assert exact.replay_certificate(o, out.certificate)
    assert not exact.replay_certificate(ob(sympy.Eq((x + 1) ** 2, x ** 2 + 1)), out.certificate)


# -- z3 -----------------------------------------------------------------------------------------
def test_z3_proves_polynomial_facts_under_hypotheses():
    out = smt.decide(ob(y ** 3 <= y))           # y in [0, 1]
    assert out.verdict == "proved" and out.certificate.backend == "z3"
    assert smt.replay_certificate(ob(y ** 3 <= y), out.certificate)


def test_z3_refutes_with_an_exact_rational_model():
    out = smt.decide(ob(x ** 2 <= 10 ** 12 * x))
    assert out.verdict == "refuted"
    cx = sympy.Rational(out.counterexample["x"])
    assert cx > 10 ** 12                          # re-checked here by hand, exactly


def test_z3_exp_and_log_by_monotone_abstraction():
    assert smt.decide(ob(sympy.exp(-n * x) <= sympy.exp(-n * x / 2))).verdict == "proved"
    assert smt.decide(ob(sympy.log(x) <= x - 1)).verdict == "proved"
    # the abstraction never proves a false exp statement
    assert smt.decide(ob(sympy.exp(x) <= 1 + x + x ** 2)).verdict != "proved"


def test_z3_division_that_may_vanish_is_not_proved():
    out = smt.decide(ob((u ** 2 + 1) / u ** 2 >= 1))     # true where defined, undefined at u = 0
    assert out.verdict == "unknown" and "undefined" in out.detail


def test_z3_satisfiability_witness_and_unsat():
    assert smt.satisfiable(ob(x <= 1, y >= 2))[0] is False
    ok, witness = smt.satisfiable(ob(x <= 1, y >= sympy.Rational(1, 2)))
    assert ok is True and sympy.Rational(witness["y"]) >= sympy.Rational(1, 2)


# -- the pipeline ---------------------------------------------------------------------------------
def test_unsatisfiable_hypotheses_are_vacuous_never_proved():
    v = check_obligation(ob(x <= 1, y > 1), samples=200)
    assert v.verdict == "vacuous"


def test_false_statement_that_sampling_misses_but_z3_refutes():
    # false only for u in (0, 10**-9): sampling (uniform/log-uniform draws) is very unlikely to land there
    concl = sympy.Or(u <= 0, u >= sympy.Rational(1, 10 ** 9))
    from symbolic.backends import sampling
    s = sampling.decide(ob(concl), samples=500)
    assert s.verdict != "proved"
    v = check_obligation(ob(concl), samples=500)
    assert v.verdict == "refuted" and v.method == "z3"
    cx = sympy.Rational(v.counterexample["u"])
    assert 0 < cx < sympy.Rational(1, 10 ** 9)


def test_transcendental_statement_only_sampling_reaches():
    # tight at the irrational point x = e: the certified bounds cannot close it and the domain is
    # unbounded, so the interval backend cannot either (sin u + cos u <= 3/2, once here, is now
    # proved by the bounds of symbolic/backends/metitarski.py)
    v = check_obligation(ob(sympy.log(x) <= x / sympy.E), samples=300)
    assert v.verdict == "evidence" and v.method == "mpmath-sampling"
    assert v.evidence.feasible > 0 and sympy.Float(v.evidence.min_margin) > 0


def test_every_verdict_carries_sampling_evidence():
    v = check_obligation(ob(y ** 2 <= y), samples=200)
    assert v.verdict == "proved" and v.evidence is not None and v.evidence.feasible > 0


def test_soundness_alarm_when_a_backend_proves_a_false_statement(monkeypatch):
    from symbolic.backends import exact as ex
    from symbolic.verdict import Certificate, Outcome
    monkeypatch.setattr(ex, "decide", lambda o, **k: Outcome("sympy", "proved", "bogus",
                                                            certificate=Certificate("sympy", "proved", {})))
    with pytest.raises(SoundnessAlarm, match="sympy proved"):
        check_obligation(ob(x ** 2 <= 10 ** 12 * x), samples=500)


def test_public_check_accepts_specs():
    X = Domain.parse(["x: real"])
    v = check(sympy.exp(X.symbols("x")) >= 1 + X.symbols("x"), domain=X)
    assert v.verdict == "proved"


def test_sympy_certificate_names_its_rewriting_and_replays_only_with_it():
    from symbolic.backends import exact
    from symbolic.domain import Domain, Obligation
    from symbolic.verdict import Certificate
    dom = Domain.parse(["x: real, x > 0", "y: real, y > 0"])
    x, y = dom.symbols()
    ob = Obligation(sympy.Eq((x + y) ** 2, x ** 2 + 2 * x * y + y ** 2), (), dom)
    out = exact.decide(ob)
    assert out.verdict == "proved" and out.certificate.data["rewritings"] == ["expand"]
    assert exact.replay_certificate(ob, out.certificate)
    # a forged certificate for a false identity does not replay, nor one with no rewriting named
    false = Obligation(sympy.Eq((x + y) ** 2, x ** 2 + y ** 2), (), dom)
    assert not exact.replay_certificate(false, out.certificate)
    assert not exact.replay_certificate(ob, Certificate("sympy", "proved", {"reasons": ["trust me"]}))
    assert not exact.replay_certificate(ob, Certificate("sympy", "proved", {"rewritings": ["magic"]}))


def test_z3_stops_at_its_resource_limit_not_the_wall_clock(monkeypatch):
    """The budget is z3's resource count (the same on every machine and under load): a query too big for
    a tiny budget is 'unknown' because the resource limit ran out, and a budget large enough decides it."""
    from symbolic.backends import smt
    from symbolic.domain import Domain, Obligation
    dom = Domain.parse(["x: real, x > 0", "y: real, y > 0", "z: real, z > 0"])
    x, y, z = dom.symbols()
    ob = Obligation(x ** 3 * y + y ** 2 * z * x - 3 * x * y * z + z ** 4 >= -1, (x * y * z < 7,), dom)
    assert smt.decide(ob, timeout=5.0).verdict == "proved"
    monkeypatch.setattr(smt, "RLIMIT_PER_SECOND", 10)      # 50 units for 5 s: far too few, whatever the clock
    tiny = smt.decide(ob, timeout=5.0)
    assert tiny.verdict == "unknown" and "resource" in tiny.detail, tiny.detail
