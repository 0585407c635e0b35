import pytest
import sympy

from symbolic.domain import Domain, Obligation, Var
from symbolic.errors import DomainError, ObligationError


@pytest.mark.parametrize("spec, kind, lo, hi, lo_open, hi_open", [
    ("x: real, 0 < x <= 1", "real", 0, 1, True, False),
    ("n: integer, n >= 1", "integer", 1, None, False, False),
    ("t: positive", "real", 0, None, True, False),
    ("u: unit", "real", 0, 1, True, True),
    ("v: real, -1 <= v <= 1", "real", -1, 1, False, False),
    ("w: real, w < 1e12", "real", None, 10 ** 12, False, True),
    ("s: real, 1/2 <= s", "real", sympy.Rational(1, 2), None, False, False),
])
def test_parse(spec, kind, lo, hi, lo_open, hi_open):
    v = Var.parse(spec)
    assert (v.kind, v.lo, v.hi, v.lo_open, v.hi_open) == (kind, lo, hi, lo_open, hi_open)


def test_symbol_assumptions_follow_the_range():
    assert Var.parse("x: real, 0 < x <= 1").symbol.is_positive
    assert Var.parse("n: integer, n >= 1").symbol.is_integer
    assert Var.parse("y: real, y >= 0").symbol.is_nonnegative
    assert Var.parse("z: real").symbol.is_positive is None


@pytest.mark.parametrize("spec, message", [
    ("x real", "expected 'name: kind"),
    ("x: complex", "kind 'complex' is not one of"),
    ("x: real, 1 < x < 1", "is empty"),
    ("n: integer, 1/3 < n < 2/3", "is empty"),
    ("x: real, x ~ 3", "cannot read the bound"),
    ("2x: real", "not an identifier"),
])
def test_bad_specs_name_the_problem(spec, message):
    with pytest.raises(DomainError, match=message):
        Var.parse(spec)


def test_contains_is_exact():
    v = Var.parse("x: real, 0 < x <= 1")
    assert v.contains(1) and not v.contains(0) and v.contains(sympy.Rational(1, 10 ** 30))
    assert not Var.parse("n: integer, n >= 1").contains(sympy.Rational(3, 2))


def test_obligation_rejects_floats_undeclared_symbols_and_constants():
    D = Domain.parse(["x: real"])
    x = D.symbols("x")
    with pytest.raises(ObligationError, match="floating-point"):
        Obligation(x <= sympy.Float(0.5), (), D)
    with pytest.raises(ObligationError, match="undeclared symbol"):
        Obligation(x <= sympy.Symbol("y"), (), D)
    with pytest.raises(ObligationError, match="declared with other assumptions"):
        Obligation(sympy.Symbol("x", positive=True) <= 1, (), D)
    with pytest.raises(ObligationError, match="SymPy decided it"):
        Obligation(sympy.Integer(1) <= 2, (), D)


def test_duplicate_variables_rejected():
    with pytest.raises(DomainError, match="declared twice: x"):
        Domain.parse(["x: real", "x: positive"])
