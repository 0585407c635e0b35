"""symbolic.backends.exact_values: exact substitution refused where SymPy would build huge numbers."""
import sympy

from symbolic.backends import exact_values

p, x = sympy.symbols("p x")


def test_small_points_are_substituted_exactly():
    expr = sympy.log((60 * x) ** p) + sympy.factorial(p)
    assert exact_values.substitute(expr, {p: sympy.Integer(3), x: sympy.Rational(1, 2)}) == sympy.log(27000) + 6


def test_a_huge_exponent_or_factorial_is_refused():
    big = sympy.Integer(10) ** 6
    assert exact_values.substitute((60 * x) ** p, {p: big, x: sympy.Rational(1, 3)}) is None
    assert exact_values.substitute(sympy.gamma(p / 2) / sympy.factorial(p), {p: big}) is None
    assert exact_values.too_large(2 ** (2 ** p), {p: sympy.Integer(12)})      # caught at 2**p = 4096
    assert not exact_values.too_large(x ** 100, {x: sympy.Integer(10) ** 50})  # a literal exponent is cheap
    assert not exact_values.too_large(sympy.exp(p), {p: big})                  # exp stays symbolic


def test_a_root_of_high_degree_is_refused():
    C, u = sympy.symbols("C u")
    expr = (sympy.sqrt(C) * sympy.sqrt(u)) ** (p - 1)
    env = {p: sympy.Rational(2236046729, 134217728), C: sympy.Rational(1581274972055935, 2 ** 82), u: sympy.Integer(1000)}
    assert exact_values.too_large(expr, env)
    assert not exact_values.too_large(expr, {p: sympy.Integer(7), C: sympy.Rational(5, 8192), u: sympy.Integer(3)})
