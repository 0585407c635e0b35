"""Tests of the sampling backend (symbolic/backends/sampling.py).

True statements give ``evidence`` with a non-negative smallest margin; false ones are
``refuted`` with a counterexample that these tests re-check independently of arb (exact
SymPy arithmetic on rationals, or mpmath at 60 digits); nothing is ever ``proved``.
"""
import dataclasses

import mpmath
import numpy as np
import pytest
import sympy
from sympy import Rational as R

from symbolic.backends import margins, points
from symbolic.backends.sampling import decide, feasible_point
from symbolic.domain import Domain, Obligation
from symbolic.errors import LawauditError


def ob_of(specs, conclusion, hypotheses=()):
    D = Domain.parse(specs)
    syms = D.symbols()
    return Obligation(conclusion(*syms), tuple(hypotheses(*syms)) if callable(hypotheses) else (), D)


def margin_60(rel, env):
    """rhs - lhs of a relation at exact ``env``, by mpmath at 60 digits (independent of arb)."""
    return sympy.N((rel.rhs - rel.lhs).xreplace(env), 60)


def truth_60(rel, env):
    """Truth of a relation (or And/Or) at ``env``; fails the test if within 1e-40 of the boundary."""
    if isinstance(rel, sympy.And):
        return all(truth_60(a, env) for a in rel.args)
    if isinstance(rel, sympy.Or):
        return any(truth_60(a, env) for a in rel.args)
    m = margin_60(rel, env)
    if rel.rel_op == "==":
        return bool(m == 0)
    assert abs(m) > sympy.Float("1e-40") or m == 0, f"too close to call independently: {rel} at {env}"
    return bool({"<=": m >= 0, "<": m > 0, ">=": m <= 0, ">": m < 0}[rel.rel_op])


def recheck_counterexample(ob, ce):
    """Independent check: exact domain membership, hypotheses true, conclusion false."""
    assert set(ce) == set(ob.domain.names())
    point = {name: R(text) for name, text in ce.items()}
    assert all(isinstance(v, sympy.Rational) for v in point.values())
    assert ob.domain.contains(point)
    env = {ob.domain[name].symbol: v for name, v in point.items()}
    for h in ob.hypotheses:
        assert truth_60(h, env) is True
    assert truth_60(ob.conclusion, env) is False
    return point


def without_time(outcome):
    return dataclasses.replace(outcome, seconds=0.0)


# --------------------------------------------------------------------------------------
# true statements: evidence, never proved
# --------------------------------------------------------------------------------------
@pytest.mark.parametrize("specs, conclusion", [
    (["x: real, x > 0"], lambda x: sympy.exp(x) >= 1 + x),
    (["x: real"], lambda x: sympy.exp(x) >= 1 + x),
    (["x: positive", "y: positive"], lambda x, y: (x + y) / 2 >= sympy.sqrt(x * y)),      # AM-GM
    (["x: real, x > 0"], lambda x: sympy.log(x) <= x - 1),
    (["n: integer, n >= 5"], lambda n: 2 ** n >= n ** 2),
    (["x: real", "y: real"], lambda x, y: x * y <= (x ** 2 + y ** 2) / 2),
    (["eps: unit", "n: integer, n >= 1"], lambda eps, n: eps ** n <= eps),
])
def test_true_statements_give_evidence_with_nonnegative_margin(specs, conclusion):
    ob = ob_of(specs, conclusion)
    out = decide(ob)
    assert out.backend == "mpmath-sampling"
    assert out.verdict == "evidence"
    assert out.counterexample is None
    ev = out.evidence
    assert ev.dps == 50
    assert ev.points >= 1500 and 200 <= ev.feasible <= ev.points      # distinct points
    assert float(ev.min_margin) >= 0
    assert set(ev.argmin) == set(ob.domain.names())
    assert out.seconds >= 0


def test_margin_convention_and_argmin_at_the_tight_end():
    # x <= 1 on [0, 1]: margin 1 - x, smallest (exactly 0) at x = 1; 1 >= x is the same margin.
    for concl in (lambda x: x <= 1, lambda x: 1 >= x):
        out = decide(ob_of(["x: real, 0 <= x <= 1"], concl))
        assert out.verdict == "evidence"
        assert mpmath.mpf(out.evidence.min_margin) == 0
        assert mpmath.mpf(out.evidence.argmin["x"]) == 1
    # x**2 >= x - 1 on [1, 2]: relative margin (x**2 - x + 1) / (x**2 + x - 1), smallest 3/5 at x = 2.
    out = decide(ob_of(["x: real, 1 <= x <= 2"], lambda x: x ** 2 >= x - 1))
    assert out.verdict == "evidence"
    assert out.evidence.min_margin == "0.6"
    assert out.evidence.argmin == {"x": "2"}


def test_true_identity_is_evidence_not_refuted():
    out = decide(ob_of(["x: real"], lambda x: sympy.Eq(sympy.sin(x) ** 2 + sympy.cos(x) ** 2, 1)))
    assert out.verdict == "evidence"
    assert abs(mpmath.mpf(out.evidence.min_margin)) < mpmath.mpf("1e-40")


def test_cancellation_is_resolved_in_high_precision():
    # exp(x) - 1 - x cancels catastrophically in float at tiny x; the reported margin must not be negative.
    out = decide(ob_of(["x: real, x > 0"], lambda x: sympy.exp(x) - 1 - x >= 0))
    assert out.verdict == "evidence"
    assert mpmath.mpf(out.evidence.min_margin) >= 0


# --------------------------------------------------------------------------------------
# false statements: refuted with a genuine exact counterexample
# --------------------------------------------------------------------------------------
def test_false_only_at_huge_x():
    ob = ob_of(["x: real, x > 0"], lambda x: x ** 2 <= 10 ** 12 * x)
    out = decide(ob)
    assert out.verdict == "refuted"
    point = recheck_counterexample(ob, out.counterexample)
    assert point["x"] > 10 ** 12                                   # exact: x**2 > 10**12 * x
    assert float(out.evidence.min_margin) > 0                      # the regime x <= 1000 holds it
    assert float(out.evidence.stress["min_margin"]) < 0            # beyond the regime it fails
    assert out.certificate.data["counterexample"] == out.counterexample


def test_false_near_one():
    ob = ob_of(["x: real, x > 0"], lambda x: sympy.log(x) <= x - 2)
    out = decide(ob)
    assert out.verdict == "refuted"
    point = recheck_counterexample(ob, out.counterexample)
    assert sympy.log(point["x"]) > point["x"] - 2 or point["x"] == 1
    assert out.evidence is not None and out.evidence.feasible > 0


def test_integer_variable_exact_counterexample():
    # 2**n >= n**2 fails for n = 3 only among n >= 1 (8 < 9; 16 = 16 at n = 4).
    ob = ob_of(["n: integer, n >= 1"], lambda n: 2 ** n >= n ** 2)
    out = decide(ob)
    assert out.verdict == "refuted"
    assert out.counterexample == {"n": "3"}
    recheck_counterexample(ob, out.counterexample)


def test_function_outside_arb_is_certified_after_exact_substitution():
    # factorial is not in arb_eval; 10! = 3628800 > 10**6 is decided on the exact integer.
    ob = ob_of(["n: integer, 1 <= n <= 10"], lambda n: sympy.factorial(n) <= 10 ** 6)
    out = decide(ob)
    assert out.verdict == "refuted"
    assert out.counterexample == {"n": "10"}


def test_strict_conclusion_fails_at_equality():
    # x**2 - (2x - 1) = (x - 1)**2 vanishes at x = 1 only: "<" fails there, "<=" holds.
    ob = ob_of(["x: real"], lambda x: x ** 2 > 2 * x - 1)
    out = decide(ob)
    assert out.verdict == "refuted"
    assert out.counterexample == {"x": "1"}
    assert decide(ob_of(["x: real"], lambda x: x ** 2 >= 2 * x - 1)).verdict == "evidence"


def test_refutation_respects_hypotheses():
    # x <= y does not give x**2 <= y**2 (x = -2, y = 1); every counterexample must satisfy x <= y.
    ob = ob_of(["x: real", "y: real"], lambda x, y: x ** 2 <= y ** 2, lambda x, y: [x <= y])
    out = decide(ob)
    assert out.verdict == "refuted"
    p = recheck_counterexample(ob, out.counterexample)
    assert p["x"] <= p["y"] and p["x"] ** 2 > p["y"] ** 2
    # with 0 <= x it is true
    ob2 = ob_of(["x: real", "y: real"], lambda x, y: x ** 2 <= y ** 2, lambda x, y: [x <= y, 0 <= x])
    out2 = decide(ob2)
    assert out2.verdict == "evidence" and float(out2.evidence.min_margin) >= 0


def test_or_and_eq_conclusions():
    ob = ob_of(["x: real"], lambda x: sympy.Or(x <= -1, x >= 1))
    out = decide(ob)
    assert out.verdict == "refuted"
    p = recheck_counterexample(ob, out.counterexample)
    assert -1 < p["x"] < 1
    ob = ob_of(["x: real, 0 <= x <= 2"], lambda x: sympy.Eq(x ** 2, 2 * x))
    out = decide(ob)
    assert out.verdict == "refuted"
    p = recheck_counterexample(ob, out.counterexample)
    assert p["x"] not in (0, 2)
    ob = ob_of(["x: real, 0 <= x <= 1"], lambda x: sympy.And(x <= 1, x ** 2 <= x))
    assert decide(ob).verdict == "evidence"


def test_statement_with_no_variables():
    out = decide(Obligation(sympy.Le(sympy.pi, 3, evaluate=False), (), Domain()))
    assert out.verdict == "refuted" and out.counterexample == {}
    out = decide(Obligation(sympy.Le(3, sympy.pi, evaluate=False), (), Domain()))
    assert out.verdict == "evidence"
    pi = float(sympy.pi)
    assert out.evidence.min_margin == f"{(pi - 3) / (pi + 3):.4g}"          # relative margin


def test_tiny_failure_region_is_never_proved_and_any_refutation_is_genuine():
    # false only for |x - 1/3| < 1/10**4
    ob = ob_of(["x: real, 0 <= x <= 1"], lambda x: (x - R(1, 3)) ** 2 >= R(1, 10 ** 8))
    for seed in range(3):
        out = decide(ob, seed=seed)
        assert out.verdict in ("refuted", "evidence")
        if out.verdict == "refuted":
            p = recheck_counterexample(ob, out.counterexample)
            assert abs(p["x"] - R(1, 3)) < R(1, 10 ** 4)           # exact


# --------------------------------------------------------------------------------------
# hypotheses: unsatisfiable -> unknown; feasible points are certified
# --------------------------------------------------------------------------------------
def test_unsatisfiable_hypotheses_give_unknown_and_no_feasible_point():
    ob = ob_of(["x: unit"], lambda x: x >= 1, lambda x: [x >= 2])
    out = decide(ob)
    assert out.verdict == "unknown"
    assert "no sampled point satisfies the hypotheses" in out.detail
    assert out.evidence.feasible == 0 and out.evidence.min_margin is None
    assert out.counterexample is None
    assert feasible_point(ob) is None
    ob = ob_of(["x: real", "y: real"], lambda x, y: x <= y, lambda x, y: [x + y >= 1, x + y <= 0])
    assert decide(ob).verdict == "unknown" and feasible_point(ob) is None


@pytest.mark.parametrize("specs, hypotheses", [
    (["x: real"], lambda x: [x ** 2 >= 2]),
    (["x: real, x < 0"], lambda x: []),
    (["x: unit", "y: unit"], lambda x, y: [x + y > R(3, 2), x < y]),
    (["n: integer, n >= 3", "eps: unit"], lambda n, eps: [eps * n >= 2]),
    (["d: integer, 1 <= d <= 10", "t: positive"], lambda d, t: [sympy.log(t) >= d]),
])
def test_feasible_point_is_exact_and_satisfies_everything(specs, hypotheses):
    ob = ob_of(specs, lambda *s: sympy.Le(s[0], s[0] + 1, evaluate=False), hypotheses)
    p = feasible_point(ob)
    assert p is not None and set(p) == set(ob.domain.names())
    assert all(isinstance(v, sympy.Rational) for v in p.values())
    assert ob.domain.contains(p)
    env = {ob.domain[n].symbol: v for n, v in p.items()}
    for h in ob.hypotheses:
        assert truth_60(h, env) is True


# --------------------------------------------------------------------------------------
# determinism, vocabulary, arguments
# --------------------------------------------------------------------------------------
def test_same_seed_same_outcome():
    obs = [ob_of(["x: real, x > 0", "y: real"], lambda x, y: sympy.exp(y) >= 1 + y - x),
           ob_of(["x: real, x > 0"], lambda x: x ** 2 <= 10 ** 12 * x),
           ob_of(["x: real, 0 <= x <= 1"], lambda x: (x - R(1, 3)) ** 2 >= R(1, 10 ** 8))]
    for ob in obs:
        a, b = decide(ob, seed=7), decide(ob, seed=7)
        assert without_time(a) == without_time(b)
        assert a.to_json()["evidence"] == b.to_json()["evidence"]
        assert feasible_point(ob, seed=7) == feasible_point(ob, seed=7)


def test_seed_changes_the_cloud_but_not_the_verdict():
    ob = ob_of(["x: positive", "y: positive"], lambda x, y: (x + y) / 2 >= sympy.sqrt(x * y))
    outs = [decide(ob, seed=s) for s in (0, 1)]
    assert [o.verdict for o in outs] == ["evidence", "evidence"]
    assert outs[0].evidence.argmin != outs[1].evidence.argmin or \
        outs[0].evidence.points != outs[1].evidence.points


def test_never_proved():
    D = Domain.parse(["x: real"])
    x = D.symbols("x")
    for concl in (sympy.sin(x) <= 1, sympy.cos(x) >= -1, x ** 3 - x >= -1, sympy.exp(x) >= x ** 2,
                  sympy.Eq(sympy.cosh(x) ** 2 - sympy.sinh(x) ** 2, 1)):
        out = decide(Obligation(concl, (), D))
        assert out.verdict != "proved"
        assert out.verdict in ("refuted", "evidence", "unknown")
        assert out.evidence is not None
        if out.verdict == "refuted":
            recheck_counterexample(Obligation(concl, (), D), out.counterexample)


def test_points_drawn_lie_in_their_exact_ranges():
    D = Domain.parse(["a: unit", "b: real, -1/3 < b <= 1/3", "n: integer, 2 < n < 7",
                      "m: integer, m >= 1", "t: positive", "u: real, u < -5"])
    axes = [points.Axis(v) for v in D]
    U = points.cloud(axes, np.random.default_rng(0), 3000)
    assert U.shape == (6, U.shape[1]) and U.shape[1] >= 3000
    for v, a, col in zip(D, axes, U):
        values = [a.exact(float(c)) for c in col]
        assert all(v.contains(R(f.numerator, f.denominator)) for f in values), v.describe()
        lo, hi = v.regime_box()
        assert all(lo <= R(f.numerator, f.denominator) <= hi for f in values), v.describe()
        floats = a.floats(col)
        assert np.allclose(floats, [float(f) for f in values], rtol=1e-15, atol=0)
    assert {axes[2].exact(float(c)) for c in U[2]} == {3, 4, 5, 6}
    m_values = {axes[3].exact(float(c)) for c in U[3]}
    assert {1, 2, 3} <= m_values and max(m_values) >= 10 ** 5          # default regime [1, 10^6]
    stress = points.stress_cloud(axes, np.random.default_rng(1), U[:, :50], 200)
    assert points.is_stress(axes, stress).all()
    for v, a, col in zip(D, axes, stress):
        assert all(v.contains(R(f.numerator, f.denominator)) for f in (a.exact(float(c)) for c in col))


def test_bad_arguments_raise_naming_them():
    ob = ob_of(["x: real"], lambda x: sympy.Le(x, x + 1, evaluate=False))
    with pytest.raises(LawauditError, match="samples"):
        decide(ob, samples=0)
    with pytest.raises(LawauditError, match="dps"):
        decide(ob, dps=5)
    with pytest.raises(LawauditError, match="seed"):
        feasible_point(ob, seed=1.5)


def test_uncertifiable_failure_is_unknown_not_refuted():
    # Ei is outside arb_eval and stays symbolic after substitution: mpmath sees Ei(x) > 0 on
    # [1, 2] (Ei(1) = 1.895...), but without an arb certificate the verdict is unknown.
    ob = ob_of(["x: real, 1 <= x <= 2"], lambda x: sympy.Ei(x) <= 0)
    out = decide(ob)
    assert out.verdict == "unknown" and out.counterexample is None
    assert "arb could not certify" in out.detail
    assert out.evidence.min_margin == "-1"           # (0 - Ei(x)) / (|Ei(x)| + 0)
    # the same function where the statement holds: evidence (float pre-screen falls back to mpmath)
    out = decide(ob_of(["x: real, 1 <= x <= 2"], lambda x: sympy.Ei(x) >= 1))
    assert out.verdict == "evidence"
    ei1 = float(sympy.Ei(1))
    assert out.evidence.min_margin == f"{(ei1 - 1) / (ei1 + 1):.4g}"


# --------------------------------------------------------------------------------------
# regimes, thin feasible sets, equalities, and machine independence
# --------------------------------------------------------------------------------------
def ev_json(out):
    return {"verdict": out.verdict, "detail": out.detail, "counterexample": out.counterexample,
            "evidence": out.evidence.to_json()}


# statements whose float path goes through exp, log, sqrt and powers (NumPy's SIMD kernels)
FLOAT_HEAVY = [
    (["x: real, x > 0"], "exp(x) >= 1 + x", []),
    (["x: real, x > 0", "y: real, y > 0"], "log(x*y) <= x + y", []),
    (["t: real, t > 0", "c: real, c > 0", "n: integer, n >= 1"], "exp(-t**2/81) <= exp(-n/(2916*c))",
     ["t**2 == n/(36*c)"]),
    (["a: real, 0 <= a <= 2", "b: real, -1 <= b <= 1", "e: real, 0 < e < 1"], "a*b >= -e - sqrt(e)",
     ["a**2 + b**2 <= 1 + e", "a*b >= -e/6"]),
    (["x: real, x > 0"], "x**2 <= 10**12*x", []),
    (["x: real, x > 0"], "log(exp(x) - 1) >= log(x)", []),                  # cancellation inside log
    (["x: real, x > 0"], "log(exp(x) - 1) >= log(x)", ["log(1 + x) >= x - x**2/2"]),
]


def _obligation(specs, concl, hyps):
    from symbolic.parse import parse_domain, parse_relation
    D = parse_domain(specs)
    return Obligation(parse_relation(concl, D), tuple(parse_relation(h, D) for h in hyps), D)


def test_evidence_is_the_same_when_the_float_path_is_perturbed(monkeypatch):
    """A float evaluator off by up to 1e-13 (another CPU's exp/log) changes nothing that is reported."""
    expected = [ev_json(decide(_obligation(*case))) for case in FLOAT_HEAVY]
    original = margins.Margins.__init__
    noise = np.random.default_rng(123)

    def noisy_init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        clean = self._np

        def perturbed(*cols):
            return [np.asarray(v) * (1 + 1e-13 * noise.uniform(-1, 1, np.shape(v))) for v in clean(*cols)]
        self._np = perturbed
    monkeypatch.setattr(margins.Margins, "__init__", noisy_init)
    assert [ev_json(decide(_obligation(*case))) for case in FLOAT_HEAVY] == expected


@pytest.mark.parametrize("direction", [np.inf, -np.inf])
def test_evidence_is_the_same_when_exp_log_sqrt_are_one_ulp_off(monkeypatch, direction):
    """Another CPU's exp/log/sqrt differ in the last bit; cancellation inside log(exp(x) - 1) amplifies it."""
    expected = [ev_json(decide(_obligation(*case), samples=600)) for case in FLOAT_HEAVY]
    lambdify = sympy.lambdify

    def off_by_one_ulp(args, expr, modules=None, **kw):
        if isinstance(modules, list) and "numpy" in modules:
            modules = [{"exp": lambda x: np.nextafter(np.exp(x), direction),
                        "log": lambda x: np.nextafter(np.log(x), direction),
                        "sqrt": lambda x: np.nextafter(np.sqrt(x), direction)}] + modules
        return lambdify(args, expr, modules, **kw)
    monkeypatch.setattr(margins.sympy, "lambdify", off_by_one_ulp)
    assert [ev_json(decide(_obligation(*case), samples=600)) for case in FLOAT_HEAVY] == expected


def test_evidence_is_the_same_without_the_simd_kernels():
    """A subprocess with NumPy's AVX2/AVX-512 kernels disabled (another machine) reports the same evidence."""
    import json
    import os
    import subprocess
    import sys
    script = ("import json, sys\n"
              "from tests.symbolic.test_sampling import FLOAT_HEAVY, _obligation, ev_json, decide\n"
              "json.dump([ev_json(decide(_obligation(*c))) for c in FLOAT_HEAVY], sys.stdout)\n")
    env = dict(os.environ, NPY_DISABLE_CPU_FEATURES="X86_V3 X86_V4 AVX512_ICL AVX512_SPR AVX2 FMA3 AVX512F")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True,
                         cwd=os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    assert json.loads(out.stdout) == json.loads(json.dumps([ev_json(decide(_obligation(*c))) for c in FLOAT_HEAVY]))


def test_thin_feasible_set_is_reached_by_walking_inside_it():
    # Lemma 2.1's shape: ||G + Z - F||^2 <= sigma2 - eps cuts a thin set out of the box
    ob = _obligation(["eps: real, 0 < eps < 1", "s: real, 0 < s <= 1", "a: real, 0 <= a <= 2",
                      "b: real, -1 <= b <= 1", "c: real, -1 <= c <= 1"],
                     "a*c >= eps/4", ["a**2 >= s - eps/6", "a*b >= -eps/6", "b**2 <= 1", "c**2 <= 1",
                                      "(a + b - c)**2 <= s - eps"])
    ev = decide(ob).evidence
    assert ev.feasible >= 200
    for k, (lo, hi) in ev.regime.items():
        assert R(lo) <= R(sympy.nsimplify(ev.argmin[k])) <= R(hi) or abs(float(ev.argmin[k]) - float(hi)) < 1e-5


def test_equality_hypotheses_are_solved_and_hold_exactly():
    ob = _obligation(["t: real, t > 0", "c: real, c > 0", "n: integer, n >= 1"], "exp(-t**2/81) <= exp(-n/(2916*c))",
                     ["t**2 == n/(36*c)"])
    out = decide(ob)
    assert out.verdict == "evidence" and out.evidence.feasible >= 200
    assert out.evidence.min_margin == "0"            # both sides are equal on the whole feasible set
    ob = _obligation(["t: real, t > 0", "s: real, s > 0"], "exp(-s**2/2) <= exp(-t**2/7)", ["2*s == t"])
    out = decide(ob)                                  # false: exp(-t^2/8) > exp(-t^2/7)
    assert out.verdict == "refuted"
    s, t = R(out.counterexample["s"]), R(out.counterexample["t"])
    assert 2 * s == t and s > 0 and t ** 2 / 7 > s ** 2 / 2      # exact: the exponents compare the wrong way


def test_a_regime_outside_the_range_is_an_error_naming_the_variable():
    from symbolic.errors import DomainError
    with pytest.raises(DomainError, match="variable eps: regime"):
        Domain.parse(["eps: real, 0 < eps < 1, regime 0..2"])
    with pytest.raises(DomainError, match="variable n: cannot read 'regime 1-5'"):
        Domain.parse(["n: integer, n >= 1, regime 1-5"])
    D = Domain.parse(["n: integer, n >= 1, regime 1..1e6"])
    assert D["n"].regime_box() == (1, 10 ** 6)


def test_printed_evidence_is_short_and_inside_its_regime():
    for case in FLOAT_HEAVY:
        ev = decide(_obligation(*case)).evidence
        texts = [ev.min_margin] + list((ev.argmin or {}).values())
        assert all(len(t) <= 20 for t in texts if t is not None), texts
        assert set(ev.argmin) <= set(ev.regime)
        assert -1 <= float(ev.min_margin) <= 1


@pytest.mark.parametrize("concl, hyps, specs", [
    ("(1 + exp(-x))**2 >= 1 + 2*exp(-x)", [], ["x: real"]),           # the 50-digit difference loses exp(-2x)
    ("(x**3 + 1)**2 - x**6 >= 1", [], ["x: real, x >= 0"]),            # 2x^3 lost against x^6 at x = 1e20
    ("(x**2 + y**2 - 1)*10**60 <= 1", ["x**2 + y**2 == 1"], ["x: real", "y: real"]),   # a solved square root
    ("v + 1 == w", ["(v**2 - 1)/(v - 1) == w"], ["v: real", "w: integer"]),          # undefined at v = 1
])
def test_rounding_at_exact_points_is_no_soundness_alarm(concl, hyps, specs):
    from symbolic import check
    v = check(concl, hyps, specs)
    assert v.verdict == "proved"
    assert float(v.evidence.min_margin) >= 0


def test_a_cleared_denominator_adds_no_points():
    ob = _obligation(["v: real", "w: real"], "(v - 1)**2 > 0", ["(v**2 - 1)/(v - 1) == w"])
    ev = decide(ob).evidence
    assert ev.feasible >= 200 and ev.argmin["v"] != "1"


def test_integer_regimes_have_integer_ends():
    from symbolic.errors import DomainError
    with pytest.raises(DomainError, match="variable n: the regime of an integer has integer ends"):
        Domain.parse(["n: integer, regime -1/3..4/3"])
