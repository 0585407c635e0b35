"""Monte Carlo backend: Clopper-Pearson intervals, a bound it confirms, wrong bounds it catches."""
import mpmath
import numpy as np
import pytest
import sympy

from derivations.models import theorem_2_model as MC
from symbolic.errors import DerivationError

SETTING = MC.Setting(n=200, d=16, L=1.0, g_scale=0.5)


def test_clopper_pearson_matches_mpmath_betainc_on_small_counts():
    lo, hi = MC.clopper_pearson(7, 50, 0.99)
    with mpmath.workdps(30):
        assert abs(mpmath.betainc(7, 44, 0, lo, regularized=True) - 0.005) < 1e-12
        assert abs(mpmath.betainc(8, 43, 0, hi, regularized=True) - 0.995) < 1e-12


def test_clopper_pearson_edges_and_errors():
    assert MC.clopper_pearson(0, 10)[0] == 0
    assert MC.clopper_pearson(10, 10)[1] == 1
    lo, hi = MC.clopper_pearson(45000, 1_000_000)
    assert lo < 0.045 < hi and hi - lo < 0.002
    with pytest.raises(DerivationError):
        MC.clopper_pearson(11, 10)
    with pytest.raises(DerivationError):
        MC.clopper_pearson(1, 10, level=1.5)


def test_setting_validation_and_sigma2():
    with pytest.raises(DerivationError):
        MC.Setting(n=0, d=4)
    with pytest.raises(DerivationError):
        MC.Setting(n=3, d=1)
    with pytest.raises(DerivationError):
        MC.Setting(n=3, d=4, g_scale=2)
    assert MC.Setting(n=1, d=2, g_scale=0).sigma2() == 1
    assert 0.85 < float(SETTING.sigma2()) < 0.9


def test_simulation_is_seeded_and_noise_is_centred():
    a = MC.simulate(SETTING, 300, seed=3, progress=False)
    b = MC.simulate(SETTING, 300, seed=3, progress=False)
    assert np.array_equal(a.S, b.S) and a.reps == 300
    assert abs(a.mean_z.mean()) < 0.01
    assert abs(a.mean_z2.mean() - float(SETTING.sigma2())) < 0.01


@pytest.mark.parametrize("event", list(MC.EVENTS))
def test_stated_bounds_are_confirmed(event):
    out = MC.cross_check(event, SETTING, 0.5, reps=2000, seed=1, progress=False)
    assert out.backend == "monte-carlo" and out.verdict == "evidence"


def test_a_wrong_bound_is_caught():
    out = MC.cross_check("(2.4)", SETTING, 0.5, reps=2000, seed=1, progress=False, bound=sympy.Rational(1, 100))
    assert out.verdict == "refuted"
    assert out.counterexample["eps"] == "0.5" and int(out.counterexample["reps"]) == 2000


def test_undecided_when_the_interval_contains_the_bound():
    assert MC.compare(50, 100, sympy.Rational(1, 2)).verdict == "unknown"


def test_one_subgaussian_claim_is_caught_by_simulation():
    """Y = sqrt(d)(f - E f)/L on N(0, I_d/d): P(|Y| >= 2) = erfc(sqrt 2) = 0.0455 > 2 e^-4 = 0.0366."""
    Y = MC.simulate_isoperimetric_variable(MC.Setting(n=1, d=16), 100_000, seed=0)
    k = int((np.abs(Y) >= 2).sum())
    assert MC.compare(k, Y.size, 2 * sympy.exp(-4)).verdict == "refuted"
    assert MC.compare(k, Y.size, 2 * sympy.exp(-2)).verdict == "evidence"   # 2-subgaussian


def test_unknown_event_is_an_error():
    with pytest.raises(DerivationError):
        MC.stated_bound("(9.9)", SETTING, 0.5)
    with pytest.raises(DerivationError):
        MC.cross_check("(2.1)", SETTING, -1.0, reps=10)
