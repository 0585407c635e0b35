"""The sub-Gaussian calculus and concentration tools: each rule on true and false instances."""
import pytest
import sympy

from symbolic import concentration as K
from symbolic.check import check, check_obligation
from symbolic.domain import Domain, Obligation
from symbolic.errors import DerivationError

d, c, L, n, eps, t = sympy.symbols("d c L n eps t", positive=True)


def test_scale_and_multiplier_rules():
    X = K.SubGaussian.assumed("X", 3, "test")
    assert K.scale(X, 2).parameter == 12
    assert K.scale(X, -sympy.Rational(1, 3)).parameter == sympy.Rational(1, 3)
    assert K.bounded_multiplier(X, 2).parameter == 12
    with pytest.raises(DerivationError, match="non-zero"):
        K.scale(X, 0)
    with pytest.raises(DerivationError, match="positive"):
        K.bounded_multiplier(X, -1)


def test_a_sum_needs_mean_zero_and_multiplies_by_its_factor():
    X = K.SubGaussian.assumed("X", 4, "test")
    with pytest.raises(DerivationError, match="mean zero"):
        K.centred_sum(X, 18, "a source")
    S = K.centred_sum(X.centred("E[z|x] = 0"), 5, "a source")
    assert S.parameter == 20 and S.trail[-1] == ("sum of independent sub-Gaussians", "a source")


def test_subgaussian_rejects_bad_parameters():
    with pytest.raises(DerivationError):
        K.SubGaussian("X", 0)
    with pytest.raises(DerivationError):
        K.SubGaussian("X", -2)
    with pytest.raises(DerivationError):
        K.parameter_from_tail(0)
    with pytest.raises(DerivationError, match="reason"):
        K.SubGaussian.assumed("X", 1, "s").centred("")


def test_tail_read_back_and_parameter_from_tail():
    X = K.SubGaussian.assumed("S", K.parameter_from_tail(sympy.Rational(1, 81)), "(t/9)^2")
    assert X.parameter == 81
    assert K.tail(X, t) == 2 * sympy.exp(-t ** 2 / 81)


def test_deviation_for_mean_matches_the_rewrite_to_2_3():
    tdev = K.deviation_for_mean(n, eps / 6, sympy.sqrt(d / c) / L)
    assert sympy.simplify(tdev ** 2 - eps ** 2 * n * d / (36 * c * L ** 2)) == 0


def test_hoeffding_exponents():
    assert K.hoeffding_exponent(n, eps / 6, -2, 2) == n * eps ** 2 / 288
    assert K.hoeffding_exponent(n, eps / 8, -2, 2) == n * eps ** 2 / 512
    m = sympy.Symbol("m", positive=True)
    assert K.hoeffding_sum_exponent(m, t * sympy.sqrt(m), -2, 2) == t ** 2 / 8
    assert K.hoeffding_tail(n, eps, 0, 1, two_sided=True) == 2 * sympy.exp(-2 * n * eps ** 2)


def test_union_bound():
    N = sympy.Symbol("N", positive=True)
    assert K.union_bound(sympy.exp(-n), copies=N) == N * sympy.exp(-n)
    assert K.union_bound(1, 2, 3) == 6
    with pytest.raises(DerivationError):
        K.union_bound()


@pytest.mark.parametrize("k", [1, 2, 3, 4])
def test_cauchy_schwarz_instances_are_proved(k):
    assert check_obligation(K.cauchy_schwarz_sqrt_sum(k)).verdict == "proved"


def test_cauchy_schwarz_with_a_wrong_constant_is_refuted():
    ob = K.cauchy_schwarz_sqrt_sum(3)
    nn = ob.domain.symbols("n")
    bad = Obligation(ob.conclusion.lhs <= sympy.sqrt(2 * nn), ob.hypotheses, ob.domain)
    v = check_obligation(bad)
    assert v.verdict == "refuted"


def test_cauchy_schwarz_rejects_bad_k():
    with pytest.raises(DerivationError):
        K.cauchy_schwarz_sqrt_sum(0)


def test_parameter_comparison_on_the_gaussian_witness():
    """P(|N(0,1)| >= t) = erfc(t/sqrt 2): 2-subgaussian holds, 1-subgaussian fails."""
    D = Domain.parse(["t: real, 0 < t <= 4"])
    tt = D.symbols("t")
    tail = K.gaussian_abs_tail(tt)
    assert check(tail <= 2 * sympy.exp(-tt ** 2 / 2), domain=D).verdict == "proved"
    v = check(tail <= 2 * sympy.exp(-tt ** 2), domain=D)
    assert v.verdict == "refuted"
    x = sympy.Rational(v.counterexample["t"])
    assert sympy.erfc(x / sympy.sqrt(2)).evalf(30) > (2 * sympy.exp(-x ** 2)).evalf(30)
