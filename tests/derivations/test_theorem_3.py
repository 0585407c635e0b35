"""Theorem 3 (derivations/theorem_3.py): every step's verdict, its counterexamples re-checked exactly,
and the constants computed from Theorem 2's stated form."""
from __future__ import annotations

import re
from fractions import Fraction as Fr

import mpmath
import pytest
import sympy

from derivations import theorem_3 as T3
from symbolic.audit import Settings, run_result

from tests.conftest import PAPER as PAPER_FILE

PAPER = PAPER_FILE.read_text(encoding="utf-8") if PAPER_FILE.exists() else None

EXPECTED = {
    "lipschitz-parametrisation": "proved",
    "net-definition": "cited",
    "net-size": "refuted",
    "net-size-claim": "refuted",
    "theorem-2-first-term": "proved",
    "theorem-2-second-term": "proved",
    "lip-2l": "proved",
    "sup-norm-fit": "refuted",
    "sup-norm-fit-supported": "proved",
    "clip-wlog": "proved",
    "event-transfer": "proved",
    "net-approximation": "proved",
    "first-term-delta": "proved",
    "second-term-delta": "proved",
    "bound-well-defined": "refuted",
    "union-delta": "proved",
    "final-statement": "proved",
    "net-size-repaired": "proved",
    "net-size-claim-repaired": "proved",
    "sup-norm-fit-repaired": "proved",
    "bound-well-defined-repaired": "proved",
}


@pytest.fixture(scope="module")
def audited():
    entry, runs = run_result(T3.RESULT, Settings(seed=0, samples=500))
    return entry, {r.step.slug: r for r in runs}


def _ce(runs, slug):
    return {k: Fr(v) for k, v in runs[slug].check.counterexample.items()}


def test_every_step_has_its_expected_verdict(audited):
    entry, runs = audited
    assert {s: r.verdict for s, r in runs.items()} == EXPECTED
    assert entry["verdict"] == "refuted"
    # net-definition is a citation (cited); every refuted step has a proved repair
    assert entry["verdict_after_repairs"] == "cited"


def test_proved_steps_carry_replayable_kernel_facts(audited):
    from symbolic.kernel import replay
    _, runs = audited
    for slug, r in runs.items():
        if r.verdict == "proved":
            assert r.fact is not None and replay(r.fact) is True, slug


@pytest.mark.skipif(PAPER is None, reason="paper text not available")
def test_quotes_are_verbatim():
    norm = lambda s: re.sub(r"\s+", "", s)
    text = norm(PAPER)
    for step in T3.RESULT.steps:
        for piece in step.quote.split(" … "):
            for part in piece.split("$$"):
                if part.strip():
                    assert norm(part) in text, (step.slug, part)


def test_sup_norm_counterexample_rechecked_exactly(audited):
    _, runs = audited
    c = _ce(runs, "sup-norm-fit")
    eps, y, f, g = c["eps"], c["y"], c["f"], c["g"]
    assert 0 < eps < 1 and all(-1 <= v <= 1 for v in (y, f, g))
    assert abs(f - g) <= eps / 6
    assert (y - f) ** 2 > eps / 2 + (y - g) ** 2
    # n copies of that data point: the averaged statement of the paper fails too
    n = 7
    assert sum([(y - f) ** 2] * n) / n > eps / 2 + sum([(y - g) ** 2] * n) / n


def test_sup_norm_tight_family_gives_two_thirds():
    eps = sympy.Symbol("eps", positive=True)
    y, f, g = 1, -1, -1 + eps / 6
    gap = sympy.expand((y - f) ** 2 - (y - g) ** 2)
    assert gap == 2 * eps / 3 - eps ** 2 / 36
    assert sympy.limit(gap / eps, eps, 0) == sympy.Rational(2, 3)
    assert (gap - eps / 2).subs(eps, sympy.Rational(1, 2)) > 0


def test_net_size_counterexamples_rechecked_exactly(audited):
    _, runs = audited
    c = _ce(runs, "net-size-claim")
    ratio = 60 * c["W"] * c["J"] / c["eps"]
    assert c["p"] >= 1 and ratio ** int(c["p"]) < 1  # a net of a non-empty set has >= 1 point
    c = _ce(runs, "net-size")
    t = c["W"] * c["J"] / c["eps"]
    assert (1 + 12 * t) ** int(c["p"]) > (60 * t) ** int(c["p"])
    assert c["eps"] > 48 * c["W"] * c["J"]


def test_bound_not_a_real_number_at_counterexample(audited):
    _, runs = audited
    c = _ce(runs, "bound-well-defined")
    # p log(60WJ/eps) + log(4/delta) <= 0  <=>  (60WJ/eps)^p * 4/delta <= 1 (exact)
    assert (60 * c["W"] * c["J"] / c["eps"]) ** int(c["p"]) * 4 / c["delta"] <= 1
    assert 0 < c["eps"] < 1 and 0 < c["delta"] < 1


def test_constants_computed_from_theorem_2():
    assert T3.SUPPORTED_FIRST == 2 ** 11 and T3.SUPPORTED_SECOND == 2 ** 16
    consts = {c.name: c for s in T3.RESULT.steps for c in s.constants}
    assert consts["8^4 k (as 8^4)"].claimed == 4096 and consts["8^4 k (as 8^4)"].status == "loose"
    assert consts["8^4 k (as 8^4)"].slack == 2
    assert consts["8^6"].claimed == 8 ** 6 and consts["8^6"].supported == 65536
    assert consts["8^6"].status == "loose" and consts["8^6"].slack == 4
    assert consts["eps/2 (fit loss)"].supported == sympy.Rational(2, 3)
    assert consts["eps/2 (fit loss)"].status == "fails"
    assert consts["eps/2 (fit loss, eps/(8J)-net)"].status == "holds"
    assert consts["2^9 (in L)"].status == "holds"
    assert consts["8^4 (condition on k)"].status == "loose"


def test_theorem_2_exponents_match_the_stated_form():
    n, d, k, c, L, eps = sympy.symbols("n d k c L eps", positive=True)
    assert T3.thm2_first_exponent(n, eps / 2, k) == n * eps ** 2 / (4 * 8 ** 3 * k)
    assert sympy.simplify(T3.thm2_second_exponent(n, d, eps / 2, c, 2 * L) - eps ** 2 * n * d / (2 ** 16 * c * L ** 2)) == 0


def test_choice_of_L_makes_second_term_exactly_delta_over_two():
    # at the chosen L (equality), evaluated in high precision at a point with P > 0
    vals = dict(n=10 ** 6, d=100, p=50, c=1, eps=mpmath.mpf("0.5"), delta=mpmath.mpf("0.01"), W=10, J=100)
    with mpmath.workdps(50):
        P = vals["p"] * mpmath.log(60 * vals["W"] * vals["J"] / vals["eps"]) + mpmath.log(4 / vals["delta"])
        L = vals["eps"] / (2 ** 9 * mpmath.sqrt(vals["c"])) * mpmath.sqrt(vals["n"] * vals["d"] / P)
        term = 2 * mpmath.exp(vals["p"] * mpmath.log(60 * vals["W"] * vals["J"] / vals["eps"])
                              - vals["eps"] ** 2 * vals["n"] * vals["d"] / (8 ** 6 * vals["c"] * L ** 2))
        assert abs(term - vals["delta"] / 2) < mpmath.mpf(10) ** -40


def test_first_term_at_most_delta_over_two_on_the_boundary():
    with mpmath.workdps(50):
        k, delta, eps = 3, mpmath.mpf("0.05"), mpmath.mpf("0.25")
        n = 8 ** 4 * k * mpmath.log(8 * k / delta) / eps ** 2     # the condition with equality
        assert abs(4 * k * mpmath.exp(-n * eps ** 2 / (8 ** 4 * k)) - delta / 2) < mpmath.mpf(10) ** -40


def test_lipschitz_bound_formula():
    n, d, p, c, eps, delta, W, J = sympy.symbols("n d p c eps delta W J", positive=True)
    b = T3.lipschitz_bound(n, d, p, c, eps, delta, W, J)
    assert sympy.simplify(b ** 2 - eps ** 2 * n * d / (2 ** 18 * c * (p * sympy.log(60 * W * J / eps)
                                                                          + sympy.log(4 / delta)))) == 0


def test_result_is_discovered_in_paper_order():
    from derivations import all_results
    ids = [r.id for r in all_results()]
    assert "theorem-3" in ids
    assert T3.RESULT.order == 2.3
