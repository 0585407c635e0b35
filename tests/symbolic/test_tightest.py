"""The tightest-constant search on statements with known answers (issue 5, item 6)."""
import sympy
import pytest
from hypothesis import given, settings, strategies as st

from symbolic.domain import Domain, Obligation
from symbolic.errors import DerivationError
from symbolic.proof import Parameter, Step, Template, substitute
from symbolic.tightest import infer_template, simplest_between, tightest

R = sympy.Rational


def quadratic(claimed):
    """x(1-x) <= K on [0, 1]: the tightest K is 1/4 (a larger K is weaker)."""
    D = Domain.parse(["x: real, 0 <= x <= 1", "K: real, K >= 0"])
    x, K = D.symbols("x K")
    return Template(Obligation(x * (1 - x) <= K, (), D), (Parameter("K", "t:K", claimed),))


def test_loose_constant_found_exactly():
    r = tightest(quadratic(R(1, 3)), "t:K")
    assert r.proved == R(1, 4) and r.exact
    assert r.refuted < R(1, 4)
    assert r.status == "loose" and r.slack == R(4, 3)


def test_exactly_tight_constant_holds():
    r = tightest(quadratic(R(1, 4)), "t:K")
    assert r.proved == R(1, 4) and r.status == "holds" and r.claimed_verdict == "proved"


def test_failing_constant_fails_with_the_supported_value():
    r = tightest(quadratic(R(1, 5)), "t:K")
    assert r.claimed_verdict == "refuted" and r.status == "fails"
    assert r.proved == R(1, 4)
    # both ends are certified by the pipeline: the refuted probe carries a counterexample
    assert any(p.verdict == "refuted" and p.counterexample for p in r.probes)


def test_smaller_is_weaker():
    D = Domain.parse(["x: real, 1/2 <= x <= 1", "K: real, 0 <= K <= 1"])
    x, K = D.symbols("x K")
    t = Template(Obligation(x >= K, (), D), (Parameter("K", "t:lower", R(1, 3), weaker_when="smaller"),))
    r = tightest(t, "t:lower")
    assert r.proved == R(1, 2) and r.status == "loose" and r.slack == R(3, 2)


def test_symbolic_candidate_is_certified():
    D = Domain.parse(["n: integer, n >= 1", "eps: real, eps > 0", "K: real, K > 0"])
    n, eps, K = D.symbols("n eps K")
    # Hoeffding's exponent for range [0, 4] and deviation eps/6 is n eps^2/288
    t = Template(Obligation(sympy.exp(-n * eps ** 2 / 288) <= sympy.exp(-n * eps ** 2 / K), (), D),
                 (Parameter("K", "t:8^3", 512),))
    r = tightest(t, "t:8^3")
    assert r.proved == 288 and r.exact and r.method.startswith("symbolic")
    assert r.status == "loose" and r.slack == R(16, 9)


def test_symbolic_candidate_through_a_defining_hypothesis():
    """(2.3)'s shape: t^2 = (s eps)^2 E => exp(-t^2/T) <= exp(-E/K); the boundary is solved after
    substituting t^2 and comparing exponents, giving K = T/s^2 exactly (81 * 36 = 2916)."""
    D = Domain.parse(["E: positive", "eps: real, 0 < eps < 1", "t: positive", "K: real, K > 0"])
    E, eps, t, K = D.symbols("E eps t K")
    tpl = Template(Obligation(sympy.exp(-t ** 2 / 81) <= sympy.exp(-E * eps ** 2 / K),
                              (sympy.Eq(t ** 2, (eps / 6) ** 2 * E),), D), (Parameter("K", "t:8^4", 4096),))
    r = tightest(tpl, "t:8^4")
    assert r.proved == 2916 and r.exact and r.method.startswith("symbolic")
    # a candidate is only a value to check: with t^2 only bounded above (t may tend to 0), no K
    # works, and the search proves nothing
    bad = Template(Obligation(sympy.exp(-t ** 2 / 81) <= sympy.exp(-E * eps ** 2 / K),
                              (t ** 2 <= (eps / 6) ** 2 * E,), D), (Parameter("K", "t:8^4b", 4096),))
    r = tightest(bad, "t:8^4b")
    assert r.proved is None and r.claimed_verdict == "refuted"


def test_parameter_values_override_the_paper():
    r = tightest(quadratic(R(1, 3)), "t:K", {"t:K": R(1, 4)})
    assert r.claimed == R(1, 4) and r.status == "holds"


def test_unknown_parameter_is_an_error():
    with pytest.raises(DerivationError, match="no parameter"):
        tightest(quadratic(R(1, 3)), "nope")


def test_template_needs_declared_symbol():
    D = Domain.parse(["x: real"])
    x = D.symbols("x")
    with pytest.raises(DerivationError, match="does not declare"):
        Template(Obligation(x >= 0, (), D), (Parameter("K", "t:K", 1),))


def test_substitute_does_not_let_sympy_decide():
    x, K = sympy.symbols("x K", real=True)
    rel = substitute(sympy.exp(-x / K) <= sympy.exp(-x / 2), {K: 2})
    assert isinstance(rel, sympy.core.relational.Relational)


def test_infer_template_on_lemma_2_1():
    from derivations.lemma_2_1 import RESULT
    step = next(s for s in RESULT.steps if s.slug == "claim")
    t = infer_template(step, "lemma-2.1/claim")
    assert t is not None and len(t.parameters) == 1
    assert t.parameters[0].value == R(1, 3) and t.parameters[0].weaker_when == "smaller"
    assert t.instantiate().key() == step.obligation.key()
    # a step whose constant does not occur in its conclusion gets no template
    union = next(s for s in RESULT.steps if s.slug == "union-bound")
    assert infer_template(union) is None


def test_infer_template_refuses_ambiguity():
    D = Domain.parse(["x: real, 0 <= x <= 1"])
    x = D.symbols("x")
    from symbolic.proof import Constant
    s = Step("amb", "q", "loc", "rule", obligation=Obligation(x / 3 <= x ** 2 + R(1, 3), (), D),
             constants=[Constant("1/3", R(1, 3), R(1, 3))])
    assert infer_template(s) is None


@settings(max_examples=60, deadline=None)
@given(st.fractions(min_value=-20, max_value=20, max_denominator=60), st.fractions(min_value=0, max_value=5, max_denominator=60))
def test_simplest_between_lies_in_the_interval(a, w):
    lo, hi = R(a.numerator, a.denominator), R(a.numerator, a.denominator) + R(w.numerator, w.denominator)
    s = simplest_between(lo, hi)
    assert lo <= s <= hi
    # nothing with a smaller denominator lies in the interval
    q = s.q
    for d in range(1, q):
        assert sympy.ceiling(lo * d) > sympy.floor(hi * d)


def test_non_monotone_parameter_reports_no_value():
    # a verdict that contradicts "larger is weaker" (refuted at 1/2 while 1/3 is proved) must not
    # yield a tightest value: the search reports non-monotone instead
    r = tightest(quadratic(R(1, 3)), "t:K", known={R(1, 2): "refuted"})
    assert r.claimed_verdict == "proved"
    assert r.method == "non-monotone" and r.proved is None and r.status == "unknown"


def test_open_strong_end_is_approached():
    """K > 0 (open at the strong end): the search walks towards 0 instead of giving up (a review found
    it stopping at the paper's value with no refuted end)."""
    D = Domain.parse(["x: real, 0 <= x <= 1", "K: real, K > 0"])
    x, K = D.symbols("x K")
    t = Template(Obligation(x * (1 - x) <= K, (), D), (Parameter("K", "t:Kopen", R(1, 3)),))
    r = tightest(t, "t:Kopen")
    assert r.proved == R(1, 4) and r.exact and r.refuted < R(1, 4)
