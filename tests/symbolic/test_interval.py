"""Tests of the interval backend (symbolic/backends/interval.py): true and false statements."""
from __future__ import annotations

import copy
from fractions import Fraction

import pytest
import sympy

from symbolic.backends.arb_eval import holds
from symbolic.backends.interval import _covers, _simplest_between, decide, replay_certificate
from symbolic.domain import Domain, Obligation
from symbolic.errors import ObligationError
from symbolic.verdict import Certificate

R = sympy.Rational
exp, log, sin, cos, sqrt = sympy.exp, sympy.log, sympy.sin, sympy.cos, sympy.sqrt
BUDGET = dict(max_boxes=3000, timeout=120.0)   # the box budget decides; the timeout is a safety net


def ob1(spec, build, hyps=lambda *s: ()):
    D = Domain.parse(spec if isinstance(spec, list) else [spec])
    syms = D.symbols()
    return Obligation(build(*syms), hyps(*syms), D)


def at(rel, point):
    """``rel`` at an exact point, sides substituted exactly and left unevaluated for arb."""
    return rel.func(rel.lhs.subs(point), rel.rhs.subs(point), evaluate=False)


def check_counterexample(ob, cex):
    """Re-check a counterexample exactly (SymPy substitution, then arb), independently of the backend."""
    point = {v.symbol: sympy.Rational(cex[v.name]) for v in ob.domain}
    assert ob.domain.contains({k: sympy.Rational(v) for k, v in cex.items()})
    assert all(holds(at(h, point), {}) is True for h in ob.hypotheses)
    assert holds(at(ob.conclusion, point), {}) is False


# --- true statements: proved, with a certificate that replays ---------------------------------
TRUE = [
    ("x: real, -2 <= x <= 2", lambda x: exp(x) >= 1 + x),            # tight at 0
    ("x: real, 1/10 <= x <= 10", lambda x: log(x) <= x - 1),         # tight at 1
    ("x: real, 0 <= x <= 3", lambda x: sin(x) <= x),                 # tight at 0 (third order)
    ("x: real, 0 <= x <= 1", lambda x: sqrt(x) >= x),                # tight at 0 and 1
    ("x: real, -1 <= x <= 1", lambda x: cos(x) >= 1 - x**2 / 2),
    ("x: real, 0 <= x <= 1", lambda x: sin(x) >= x - x**3 / 6),      # fifth-order contact at 0
    ("x: real, -1 <= x <= 1", lambda x: log(1 + x**2) <= x**2),
    ("p: real, 0 <= p <= 1", lambda p: p * (1 - p) <= R(1, 4)),       # tight at 1/2
    ("x: real, 0 < x <= 2", lambda x: x / (1 + x) < x + R(1, 10**6)),
]


@pytest.mark.parametrize("spec,build", TRUE)
def test_proves_true_statements_with_replayable_certificate(spec, build):
    ob = ob1(spec, build)
    out = decide(ob, **BUDGET)
    assert out.verdict == "proved", out.detail
    assert out.backend == "arb"
    cert = out.certificate
    assert cert.backend == "arb" and cert.verdict == "proved"
    assert len(cert.data["boxes"]) == len(cert.data["decided_by"]) >= 1
    for box in cert.data["boxes"]:
        for e in box:
            Fraction(e["lo"]), Fraction(e["hi"])   # exact rationals as text
    assert replay_certificate(ob, cert) is True


def test_exp_tight_at_zero_certificate_shape():
    ob = ob1("x: real, -2 <= x <= 2", lambda x: exp(x) >= 1 + x)
    cert = decide(ob, **BUDGET).certificate
    # the touching point x = 0 is inside the box: the second-order Taylor form there (g(0) = g'(0) = 0,
    # g'' = e^x > 0 on the box) closes the whole box at once (symbolic/backends/touching.py)
    assert cert.data["boxes"] == [[{"var": "x", "lo": "-2", "hi": "2"}]]
    assert cert.data["decided_by"] == ["conclusion"]
    assert replay_certificate(ob, cert) is True


def test_two_variables_and_integers():
    ob = ob1(["x: real, 0 <= x <= 1", "y: real, 0 <= y <= 1"],
             lambda x, y: x * y <= (x**2 + y**2) / 2 + R(1, 100))
    out = decide(ob, **BUDGET)
    assert out.verdict == "proved" and replay_certificate(ob, out.certificate)
    ob = ob1("n: integer, 4 <= n <= 30", lambda n: 2**n >= n**2)       # equality at n = 4
    out = decide(ob, **BUDGET)
    assert out.verdict == "proved" and replay_certificate(ob, out.certificate)


def test_hypothesis_excluding_the_bad_region_makes_it_provable():
    build = lambda x: exp(x) <= 1 + x + x**2               # noqa: E731  false for x near 2
    bad = decide(ob1("x: real, -1 <= x <= 2", build), **BUDGET)
    assert bad.verdict == "refuted"
    check_counterexample(ob1("x: real, -1 <= x <= 2", build), bad.counterexample)
    ob = ob1("x: real, -1 <= x <= 2", build, lambda x: (x <= 1,))
    out = decide(ob, **BUDGET)
    assert out.verdict == "proved", out.detail
    assert any(d.startswith("hypothesis") for d in out.certificate.data["decided_by"])
    assert replay_certificate(ob, out.certificate)


def test_unsatisfiable_hypotheses_are_vacuous_not_proved():
    ob = ob1("x: real, 0 <= x <= 2", lambda x: x >= 5, lambda x: (x >= 3,))
    out = decide(ob, **BUDGET)
    assert out.verdict == "vacuous"
    assert replay_certificate(ob, out.certificate)


# --- false statements: never proved; refuted with an exact counterexample ------------------------
FALSE = [
    ("x: real, 0 <= x <= 1", lambda x: exp(x) <= 1 + x + x**2 / 2),
    ("x: real, -1 <= x <= 1", lambda x: exp(x) >= 1 + x + x**2 / 2),
    ("x: real, 0 <= x <= 3", lambda x: sin(x) <= x - x / 10**9),          # false only on (0, 8e-5)
    ("x: real, 1/10 <= x <= 10", lambda x: log(x) <= x - 1 - R(1, 10**8)),  # false only near 1
    ("x: real, 0 <= x <= 1", lambda x: (x - R(1, 3))**2 >= R(1, 10**12)),  # false on a 2e-6 interval
    ("x: real, 0 <= x <= 1", lambda x: exp(x) >= 1 + x + x**2 * (R(1, 2) + R(1, 10**6))),
    ("x: real, 0 <= x <= 10", lambda x: exp(-x) < 1),                      # false only at x = 0
    ("x: real, 0 < x <= 1", lambda x: sqrt(x) <= x),
    ("x: real, 0 <= x <= 2", lambda x: sqrt(x) >= x),
    ("x: real, -1 <= x <= 1", lambda x: cos(x) <= 1 - x**2 / 2),
    ("n: integer, 1 <= n <= 10", lambda n: 2**n >= n**2),                  # false at n = 3 only
    ("x: real, 0 <= x <= 10", lambda x: sympy.Eq(x**2, x)),
]


@pytest.mark.parametrize("spec,build", FALSE)
def test_false_statements_are_refuted_exactly(spec, build):
    ob = ob1(spec, build)
    out = decide(ob, **BUDGET)
    assert out.verdict == "refuted", out.detail
    assert out.certificate is None
    check_counterexample(ob, out.counterexample)


def test_refutes_exp_with_exact_rational_counterexample():
    ob = ob1("x: real, 0 <= x <= 1", lambda x: exp(x) <= 1 + x + x**2 / 2)
    out = decide(ob, **BUDGET)
    assert out.verdict == "refuted" and out.counterexample == {"x": "1/2"}


HARD_FALSE = [   # may be refuted or unknown, never proved
    ("x: real, 0 <= x <= 1", lambda x: (x - R(1, 7))**2 >= R(1, 10**30)),   # false on a 2e-15 interval
    ("x: real, 1 <= x <= 2", lambda x: sympy.Ne(x**2, 2)),                        # false only at sqrt(2)
    ("x: real, 0 < x <= 1", lambda x: x * log(x) > -exp(-1)),               # false only at 1/e
]


@pytest.mark.parametrize("spec,build", HARD_FALSE)
def test_never_proves_statements_false_on_a_tiny_set(spec, build):
    ob = ob1(spec, build)
    out = decide(ob, max_boxes=400, timeout=120.0)
    assert out.verdict in ("refuted", "unknown"), out.detail
    if out.verdict == "refuted":
        check_counterexample(ob, out.counterexample)
    else:
        assert "budget exhausted" in out.detail or "undecided" in out.detail


def test_tight_at_an_irrational_point_is_honestly_unknown():
    ob = ob1("x: real, 0 < x <= 1", lambda x: x * log(x) >= -exp(-1))        # true, tight at 1/e
    out = decide(ob, max_boxes=200, timeout=120.0)
    assert out.verdict == "unknown"
    assert out.detail.startswith("box budget exhausted with") and "undecided boxes" in out.detail


# --- unbounded variables and substitutions -------------------------------------------------------
def test_unbounded_variable_is_unknown():
    ob = ob1("x: real, x >= 0", lambda x: exp(x) >= 1 + x)
    out = decide(ob, **BUDGET)
    assert out.verdict == "unknown"
    assert out.detail == "variable x is unbounded; declare a substitution or bound it"


SUB = {"x": "t/(1 - t) for t: real, 0 <= t < 1"}


def test_declared_substitution_proves_on_unbounded_range():
    ob = ob1("x: real, x >= 0", lambda x: x / (1 + x) <= 1 - 1 / (1 + x)**2)
    out = decide(ob, substitutions=SUB, **BUDGET)
    assert out.verdict == "proved", out.detail
    assert out.certificate.data["substitutions"] == SUB
    assert replay_certificate(ob, out.certificate)
    bad = copy.deepcopy(out.certificate.data)
    bad["substitutions"] = {"x": "t/(1 - t) for t: real, 0 <= t < 1/2"}   # covers only [0, 1)
    assert replay_certificate(ob, Certificate("arb", "proved", bad)) is False
    bad["substitutions"] = {}
    assert replay_certificate(ob, Certificate("arb", "proved", bad)) is False


def test_declared_substitution_refutes_and_maps_back():
    ob = ob1("x: real, x >= 0", lambda x: x / (1 + x) <= 1 - 2 / (1 + x)**2)
    out = decide(ob, substitutions=SUB, **BUDGET)
    assert out.verdict == "refuted"
    check_counterexample(ob, out.counterexample)


def test_substitution_singular_at_excluded_end_stays_unknown():
    ob = ob1("x: real, x >= 0", lambda x: exp(-x) * (1 + x) <= 1)     # true, but exp(-t/(1-t)) at t = 1
    out = decide(ob, substitutions=SUB, max_boxes=30, timeout=120.0)
    assert out.verdict == "unknown" and "undecided boxes" in out.detail


@pytest.mark.parametrize("text", [
    "t/(1 - t) for t: real, 0 <= t < 1/2",     # image [0, 1) does not cover [0, oo)
    "t for t: real, 0 <= t <= 1",              # bounded image
    "1/t for t: real, -1 <= t <= 1",           # not continuous
    "t/(1 - t)",                               # no variable declared
    "t/(1 - t) for t: real, t >= 0",           # t itself unbounded
])
def test_bad_substitutions_are_rejected(text):
    ob = ob1("x: real, x >= 0", lambda x: exp(-x) <= 1)
    with pytest.raises(ObligationError, match="substitution"):
        decide(ob, substitutions={"x": text}, **BUDGET)


def test_unsupported_function_is_unknown():
    ob = ob1("x: real, 1 <= x <= 2", lambda x: sympy.gamma(x) <= 1)
    out = decide(ob, **BUDGET)
    assert out.verdict == "unknown" and out.detail.startswith("unsupported function gamma")


def test_bad_budgets_are_rejected():
    ob = ob1("x: real, 0 <= x <= 1", lambda x: x <= 1)
    with pytest.raises(ObligationError, match="max_boxes"):
        decide(ob, max_boxes=0)


# --- replay: genuine certificates pass, tampered ones fail -------------------------------------
def _proved(ob):
    out = decide(ob, **BUDGET)
    assert out.verdict == "proved"
    return out.certificate


def test_replay_rejects_tampered_certificates():
    ob = ob1("x: real, 1/10 <= x <= 10", lambda x: log(x) <= x - 1)
    cert = _proved(ob)
    assert replay_certificate(ob, cert) is True
    data = cert.data
    assert len(data["boxes"]) >= 2

    removed = copy.deepcopy(data)
    del removed["boxes"][1], removed["decided_by"][1]
    assert replay_certificate(ob, Certificate("arb", "proved", removed)) is False

    moved = copy.deepcopy(data)                      # shrink a box: leaves a gap
    box = moved["boxes"][0][0]
    box["hi"] = str(Fraction(box["hi"]) - Fraction(1, 1000))
    assert replay_certificate(ob, Certificate("arb", "proved", moved)) is False

    wrong_why = copy.deepcopy(data)
    wrong_why["decided_by"][0] = "hypothesis 1"
    assert replay_certificate(ob, Certificate("arb", "proved", wrong_why)) is False

    garbage = copy.deepcopy(data)
    garbage["boxes"][0][0]["lo"] = "not a number"
    assert replay_certificate(ob, Certificate("arb", "proved", garbage)) is False
    assert replay_certificate(ob, Certificate("z3", "proved", data)) is False
    assert replay_certificate(ob, Certificate("arb", "refuted", data)) is False


def test_replay_rejects_a_certificate_for_another_statement():
    true_ob = ob1("x: real, -2 <= x <= 2", lambda x: exp(x) >= 1 + x)
    cert = _proved(true_ob)
    false_ob = ob1("x: real, -2 <= x <= 2", lambda x: exp(x) >= 1 + x + x**2 / 2)
    assert replay_certificate(false_ob, cert) is False
    wider = ob1("x: real, -3 <= x <= 2", lambda x: exp(x) >= 1 + x)
    assert replay_certificate(wider, cert) is False          # boxes do not cover the wider domain


def test_replay_rejects_a_box_that_does_not_decide():
    ob = ob1("x: real, -2 <= x <= 2", lambda x: exp(x) >= 1 + x)
    whole = {"boxes": [[{"var": "x", "lo": "-2", "hi": "2"}]], "decided_by": ["conclusion"], "depth": 0}
    assert replay_certificate(ob, Certificate("arb", "proved", whole)) is False


# --- helpers ----------------------------------------------------------------------------------
def test_covering_check():
    F = Fraction
    region = ((F(0), F(2)), (F(0), F(2)))
    quads = [((F(a), F(a + 1)), (F(b), F(b + 1))) for a in (0, 1) for b in (0, 1)]
    kinds = ["real", "real"]
    assert _covers(region, quads, kinds)
    assert not _covers(region, quads[:3], kinds)
    assert not _covers(region, [((F(0), F(2)), (F(0), F(1)))], kinds)
    ints = [((F(0), F(3)),), ((F(5), F(9)),)]
    assert not _covers(((F(0), F(9)),), ints, ["integer"])          # 4 is missing
    assert _covers(((F(0), F(9)),), ints + [((F(4), F(4)),)], ["integer"])


def test_simplest_rational_split_points():
    F = Fraction
    assert _simplest_between(F(-1), F(1)) == 0
    assert _simplest_between(F(33, 40), F(91, 40)) == 1
    assert _simplest_between(F(3, 10), F(2, 5)) == F(1, 3)
    assert _simplest_between(F(-2, 5), F(-3, 10)) == F(-1, 3)


def test_deterministic():
    ob = ob1("x: real, 1/10 <= x <= 10", lambda x: log(x) <= x - 1)
    a, b = decide(ob, **BUDGET), decide(ob, **BUDGET)
    assert a.certificate.data == b.certificate.data


def test_variable_not_in_the_statement_is_not_split():
    ob = ob1(["x: real, -2 <= x <= 2", "y: real, 0 <= y <= 100"], lambda x, y: exp(x) >= 1 + x)
    out = decide(ob, **BUDGET)
    boxes = out.certificate.data["boxes"]
    assert out.verdict == "proved" and 1 <= len(boxes) <= 2
    assert all(b[1] == {"var": "y", "lo": "0", "hi": "100"} for b in boxes)     # y is never split
    assert replay_certificate(ob, out.certificate)
