"""The paper's sub-Gaussian tools: Definition 1.1's parameter and Proposition 1.2's 18."""
import pytest
import sympy

from derivations.models import subgaussian as K
from symbolic.errors import DerivationError
from symbolic.concentration import SubGaussian, tail

d, c, L, t = sympy.symbols("d c L t", positive=True)


def test_isoperimetry_parameter_is_2cL2_over_d():
    X = K.isoperimetry(d, c, L)
    assert X.parameter == 2 * c * L ** 2 / d
    # read back: the tail is exactly (1.1)
    assert sympy.simplify(tail(X, t) - 2 * sympy.exp(-d * t ** 2 / (2 * c * L ** 2))) == 0


def test_scaled_isoperimetric_variable_is_2_not_1_subgaussian():
    Y = K.scale(K.isoperimetry(d, c, L), sympy.sqrt(d / c) / L)
    assert Y.parameter == 2
    assert Y.parameter != 1


def test_proposition_1_2_needs_mean_zero_and_multiplies_by_18():
    X = SubGaussian.assumed("X", 4, "test")
    with pytest.raises(DerivationError, match="mean zero"):
        K.centred_sum(X)
    assert K.centred_sum(X.centred("E[z|x] = 0")).parameter == 72
    chain = K.centred_sum(K.bounded_multiplier(K.scale(K.isoperimetry(d, c, L), sympy.sqrt(d / c) / L), 2)
                          .centred("E[z|x] = 0"))
    assert chain.parameter == 144
    assert [r for r, _ in chain.trail][0] == "Definition 1.1"
    assert "Proposition 1.2" in [r for r, _ in chain.trail]
