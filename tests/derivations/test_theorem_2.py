"""Theorem 2: the verdict of every step and every constant, as the engine decides them."""
import pytest
import sympy

from derivations import theorem_2 as T2
from symbolic.audit import run_result

EXPECTED = {
    "clipping": "proved",
    "isoperimetry-subgaussian": "refuted",
    "isoperimetry-subgaussian-repaired": "proved",
    "multiplier": "refuted",
    "multiplier-repaired": "proved",
    "proposition-1-2": "proved",
    "proposition-1-2-from-definition": "proved",     # with the derived factor 27637/6250 (not the paper's 18)
    "proposition-1-2-repaired": "proved",
    "display-2-3": "proved",
    "display-2-4": "proved",
    "hoeffding-2-4": "proved",
    "split-eps-3": "proved",
    "union-bound-k1": "proved",
    "conclusion-k1": "proved",
    "isoperimetry-subgaussian-mixture": "refuted",
    "isoperimetry-subgaussian-mixture-repaired": "proved",
    "display-2-5": "proved",
    "display-2-5-repaired": "proved",
    "max-identity": "proved",
    "rewrite-2-4-mixture": "proved",
    "cauchy-schwarz": "proved",
    "threshold-inclusion": "proved",
    "split-components": "proved",
    "hoeffding-component": "proved",
    "hoeffding-component-empty": "refuted",
    "hoeffding-component-repaired": "proved",
    "final-k": "proved",
    "statement": "proved",
    "split-eps-4": "proved",
    "display-2-3-repaired": "proved",
    "hoeffding-2-4-repaired-eps8": "proved",
    "final-k-repaired-eps8": "proved",
}


@pytest.fixture(scope="module")
def runs():
    entry, runs = run_result(T2.RESULT)
    return entry, {r.step.slug: r for r in runs}


def test_every_step_verdict(runs):
    _, by = runs
    assert {s: r.verdict for s, r in by.items()} == EXPECTED


def test_result_verdicts(runs):
    entry, _ = runs
    assert entry["verdict"] == "refuted"
    assert entry["verdict_after_repairs"] == "proved"


def test_counterexamples_recheck_exactly(runs):
    _, by = runs
    t = sympy.Rational(by["isoperimetry-subgaussian"].check.counterexample["t"])
    assert sympy.erfc(t / sympy.sqrt(2)).evalf(40) > (2 * sympy.exp(-t ** 2)).evalf(40)
    t = sympy.Rational(by["multiplier"].check.counterexample["t"])
    assert 2 <= t <= 19
    lhs = (sympy.Rational(1, 20) * sympy.erfc(t / (sympy.Rational(19, 10) * sympy.sqrt(2)))).evalf(40)
    assert lhs > (2 * sympy.exp(-t ** 2 / 4)).evalf(40)
    t = sympy.Rational(by["hoeffding-component-empty"].check.counterexample["t"])
    assert (2 * sympy.exp(-t ** 2 / 8)).evalf(40) < 1


def _constants(step):
    return {c.name: (c.claimed, c.supported, c.status) for c in step.constants}


def test_subgaussian_parameters_are_computed():
    K = sympy.Rational(27637, 6250)          # derived by derivations/proposition_1_2.py
    assert T2.PROP_FACTOR == K
    assert (T2.Y_RULE.parameter, T2.YZ_RULE.parameter, T2.S_RULE.parameter) == (2, 8, 8 * K)
    assert (T2.YZ_STATED.parameter, T2.S_STATED.parameter, T2.S_RULE_18.parameter) == (4, 72, 144)
    # (2.3) at eps/6 and eps/8: 36 * 8K and 64 * 8K, both below 8^4; with the paper's 18, 9216 at eps/8
    assert (T2.D23_RULES, T2.D23_REPAIRED, T2.D23_REPAIRED_18) == (288 * K, 512 * K, 9216)
    assert T2.D23_REPAIRED < 8 ** 4 < T2.D23_REPAIRED_18


def test_constants_of_every_step():
    K = T2.PROP_FACTOR
    st = {s.slug: s for s in T2.RESULT.steps}
    assert _constants(st["isoperimetry-subgaussian"]) == {
        "sub-Gaussian parameter of sqrt(d/c)(f - E f)/L": (1, 2, "fails")}
    assert _constants(st["multiplier"]) == {"4 (from the stated 1)": (4, 4, "holds"),
                                            "4 (from Definition 1.1)": (4, 8, "fails")}
    assert _constants(st["proposition-1-2"]) == {"9^2 (from the stated 4)": (81, 72, "loose"),
                                                 "9^2 (from Definition 1.1)": (81, 8 * K, "loose"),
                                                 "18 (Proposition 1.2, as cited)": (18, K, "loose")}
    assert _constants(st["display-2-3"]) == {"8^4 (from (t/9)^2)": (4096, 2916, "loose"),
                                             "8^4 (from the stated 4)": (4096, 2592, "loose"),
                                             "8^4 (from Definition 1.1)": (4096, 288 * K, "loose")}
    assert _constants(st["display-2-3-repaired"]) == {
        "8^4 (Definition 1.1, derived Proposition 1.2, eps/8)": (4096, 512 * K, "loose")}
    assert _constants(st["hoeffding-2-4"]) == {"8^3": (512, 288, "loose")}
    assert _constants(st["split-eps-3"]) == {"eps/3 (Lemma 2.1's threshold)":
                                             (sympy.Rational(1, 3), sympy.Rational(1, 4), "fails")}
    assert _constants(st["hoeffding-component"]) == {"8 (Hoeffding per component)": (8, 8, "holds")}
    assert _constants(st["final-k"]) == {"8^3 (in 8^3 k)": (512, 288, "loose")}
    assert _constants(st["statement"]) == {
        "4 (in 4k)": (4, 4, "holds"), "8^3 (in 8^3 k)": (512, 288, "loose"),
        "8^4 (from the paper's (t/9)^2)": (4096, 2916, "loose"),
        "8^4 (from Definition 1.1, eps/6)": (4096, 288 * K, "loose"),
        "8^4 (from Definition 1.1 and Lemma 2.1 repaired, eps/8)": (4096, 512 * K, "loose")}
    assert _constants(st["hoeffding-2-4-repaired-eps8"]) == {"8^3 (eps/8)": (512, 512, "holds")}
    assert _constants(st["final-k-repaired-eps8"]) == {"8^3 (in 8^3 k, eps/8)": (512, 512, "holds")}


def test_repairs_point_at_existing_steps():
    slugs = {s.slug for s in T2.RESULT.steps}
    for s in T2.RESULT.steps:
        if s.kind == "repaired":
            assert s.repairs in slugs
