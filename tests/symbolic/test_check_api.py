"""``symbolic.check``: the public entry point, on true and false statements and the hard cases.

Every expected verdict is established independently, by hand or by construction (the
comment beside each case says how).  Counterexamples are re-checked here exactly (Fractions,
SymPy rationals) or in mpmath at 60 digits, never by the engine that produced them.
"""
from __future__ import annotations

import subprocess
import sys
from fractions import Fraction as F

import mpmath
import pytest
import sympy

import symbolic
from symbolic import check
from symbolic.check import check_obligation, definedness_conditions
from symbolic.domain import Domain, Obligation
from symbolic.errors import DomainError, LawauditError, ObligationError, ParseError
from symbolic.parse import parse_check, parse_domain, parse_expression, parse_relation

N = 600  # samples: enough for these one- and two-variable statements


def run(concl, hyps=(), var=(), **kw):
    return check(concl, list(hyps), list(var), samples=kw.pop("samples", N), **kw)


def mp(text):
    """A counterexample value as a 60-digit mpmath number (from its exact rational text)."""
    with mpmath.workdps(60):
        return mpmath.mpf(F(text).numerator) / F(text).denominator


# ---------------------------------------------------------------------------------------------
# proved: true statements with a sound proof
PROVED = [
    # tangent line of the convex exp at 0
    ("exp(x) >= 1 + x", [], ["x: real"]),
    # log(u) <= u - 1 with u = 1 + x > 0
    ("log(1 + x) <= x", [], ["x: real, x > -1"]),
    # sqrt(2)*sqrt(8) = sqrt(16) = 4 exactly: 0 <= 0
    ("sqrt(2)*sqrt(8) - 4 <= 0", [], []),
    # log(exp(x)) = x for every real x
    ("log(exp(x)) - x == 0", [], ["x: real"]),
    # (sqrt 2 + sqrt 3)^2 = 5 + 2 sqrt 6, both sides positive
    ("sqrt(2) + sqrt(3) == sqrt(5 + 2*sqrt(6))", [], []),
    # pi^2 = 9.869604401089358618834..., below ...587
    ("pi**2 <= 9.8696044010893587", [], []),
    # x <= 1: cbrt(x) <= 1 <= 1 + x; x > 1: cbrt(x) < x
    ("x**(1/3) <= 1 + x", [], ["x: real, x >= 0"]),
    # n(n - 1) >= 0 for integers (no integer strictly between 0 and 1)
    ("n**2 >= n", [], ["n: integer"]),
    # 1/x cancels once x != 0 excludes the only undefined point
    ("1/x <= 1/x + 1", ["x != 0"], ["x: real"]),
    # x > 1 makes the divisor positive
    ("1/(x - 1) > 0", [], ["x: real, x > 1"]),
    # AM-GM: (x - y)^2 >= 0
    ("x*y <= (x**2 + y**2)/2", [], ["x: real", "y: real"]),
    # Pythagoras, non-strict
    ("sin(x)**2 + cos(x)**2 <= 1", [], ["x: real"]),
    # triangle inequality
    ("Abs(x + y) <= Abs(x) + Abs(y)", [], ["x: real", "y: real"]),
    # the max is at least the mean
    ("Max(x, y) >= (x + y)/2", [], ["x: real", "y: real"]),
    # x^2 <= x on [0, 1]
    ("x**2 <= x", [], ["x: real, 0 <= x <= 1"]),
    # convex exp below its chord 1 + (e - 1)x <= 1 + 2x on [0, 1]
    ("exp(x) <= 1 + 2*x", [], ["x: real, 0 <= x <= 1"]),
    # 0 <= x, y <= 1 gives xy <= 1
    ("x*y <= 1", ["x <= 1", "y <= 1"], ["x: nonnegative", "y: nonnegative"]),
    # a square plus a positive constant, tiny but positive
    ("(x - 1/3)**2 + 1e-20 > 0", [], ["x: real"]),
    # an integer above 0 is at least 1
    ("n >= 1", ["n > 0"], ["n: integer"]),
    # (x^2 - 1)/(x - 1) = x + 1 once x != 1
    ("(x**2 - 1)/(x - 1) == x + 1", ["x != 1"], ["x: real"]),
]


@pytest.mark.parametrize("concl,hyps,var", PROVED, ids=[c for c, _, _ in PROVED])
def test_proved(concl, hyps, var):
    v = run(concl, hyps, var)
    assert v.verdict == "proved", v.detail
    assert v.method in ("sympy", "z3", "arb")
    assert v.counterexample is None
    assert v.certificate is not None
    assert v.evidence is not None and v.evidence.points > 0


# ---------------------------------------------------------------------------------------------
# refuted: false statements; each counterexample is re-checked here independently
def _ce(v, name):
    assert v.verdict == "refuted", v.detail
    return sympy.Rational(v.counterexample[name])


def test_refuted_huge_magnitude():
    # x^2 <= 10^12 x fails for every x > 10^12
    v = run("x**2 <= 1e12*x", [], ["x: real, x > 0"])
    c = _ce(v, "x")
    assert c > 0 and c**2 > 10**12 * c


def test_refuted_pi_squared_needs_precision():
    # pi^2 = 9.86960440108935861883... exceeds 9.8696044010893586 by about 1.9e-17
    v = run("pi**2 <= 9.8696044010893586", [], [])
    assert v.verdict == "refuted" and v.counterexample == {}
    with mpmath.workdps(60):
        assert mpmath.pi**2 - mpmath.mpf("9.8696044010893586") > mpmath.mpf("1e-17")


def test_refuted_real_but_true_for_integers():
    # x^2 >= x fails strictly between 0 and 1 (x = 1/2: 1/4 < 1/2)
    c = _ce(run("x**2 >= x", [], ["x: real"]), "x")
    assert c**2 < c


def test_refuted_real_version_of_integer_fact():
    # n > 0 => n >= 1 holds for integers but not reals (x = 1/2)
    c = _ce(run("x >= 1", ["x > 0"], ["x: real"]), "x")
    assert 0 < c < 1


def test_refuted_exact_zero_strict_irrational():
    # equal sides: sqrt 2 + sqrt 3 = sqrt(5 + 2 sqrt 6), so '<' fails; arb alone cannot see 0
    v = run("sqrt(2) + sqrt(3) < sqrt(5 + 2*sqrt(6))", [], [])
    assert v.verdict == "refuted" and v.method == "sympy" and v.counterexample == {}


def test_refuted_exact_zero_strict_pythagoras():
    # sin^2 + cos^2 = 1 everywhere, so '< 1' fails at every x
    c = _ce(run("sin(x)**2 + cos(x)**2 < 1", [], ["x: real"]), "x")
    with mpmath.workdps(60):
        assert abs(mpmath.sin(mp(str(c)))**2 + mpmath.cos(mp(str(c)))**2 - 1) < mpmath.mpf("1e-50")


def test_refuted_tiny_region_polynomial():
    # false only for |x - 1/3| < 10^-10
    c = _ce(run("(x - 1/3)**2 >= 1e-20", [], ["x: real"]), "x")
    assert (c - sympy.Rational(1, 3))**2 < sympy.Rational(1, 10**20)


def test_refuted_tiny_region_around_irrational():
    # false only for |x - pi| < 10^-12 (pi is irrational: no 'nice' counterexample exists)
    v = run("Abs(x - pi) >= 1e-12", [], ["x: real, 3 <= x <= 4"])
    c = _ce(v, "x")
    with mpmath.workdps(60):
        assert abs(mp(str(c)) - mpmath.pi) < mpmath.mpf("1e-12")


def test_refuted_only_at_tiny_magnitudes_log():
    # log(x) >= -100 fails for x < e^-100 ~ 3.7e-44, far below any sampled magnitude
    c = _ce(run("log(x) >= -100", [], ["x: real, x > 0"]), "x")
    with mpmath.workdps(60):
        assert c > 0 and mpmath.log(mp(str(c))) < -100


def test_refuted_only_at_tiny_magnitudes_polynomial():
    # x <= 10^20 x^2 fails for 0 < x < 10^-20
    c = _ce(run("x <= 1e20*x**2", [], ["x: real, x > 0"]), "x")
    assert 0 < c < sympy.Rational(1, 10**20)


def test_refuted_integer_variable():
    # 2^n >= n^2 fails at n = 3 only (8 < 9) among n >= 1
    c = _ce(run("2**n >= n**2", [], ["n: integer, n >= 1"]), "n")
    assert c == 3


def test_refuted_large_bound():
    c = _ce(run("x <= 1e15", [], ["x: nonnegative"]), "x")
    assert c > 10**15


def test_refuted_division_with_a_pole():
    # x/(x^2 - 1) <= 1 fails just right of the pole x = 1 (e.g. 9/7 gives 63/32)
    c = _ce(run("x/(x**2 - 1) <= 1", [], ["x: nonnegative"]), "x")
    assert c**2 != 1 and c / (c**2 - 1) > 1


def test_refuted_log_below_line():
    # log(1) = 0 > 1 - 2
    c = _ce(run("log(x) <= x - 2", [], ["x: positive"]), "x")
    with mpmath.workdps(60):
        assert mpmath.log(mp(str(c))) > mp(str(c)) - 2


def test_refuted_taylor_on_the_wrong_side():
    # exp(x) >= 1 + x + x^2/2 fails for x < 0 (remainder x^3 e^xi / 6 < 0), e.g. x = -1
    c = _ce(run("exp(x) >= 1 + x + x**2/2", [], ["x: real"]), "x")
    with mpmath.workdps(60):
        xc = mp(str(c))
        assert mpmath.exp(xc) < 1 + xc + xc**2 / 2


def test_refuted_two_variables():
    # x, y in (0, 2): x y reaches 4 - ..., e.g. 3/2 * 3/2 = 9/4 > 1
    v = run("x*y <= 1", [], ["x: real, 0 < x < 2", "y: real, 0 < y < 2"])
    x, y = _ce(v, "x"), _ce(v, "y")
    assert 0 < x < 2 and 0 < y < 2 and x * y > 1


# ---------------------------------------------------------------------------------------------
# vacuous: the hypotheses never hold
def test_vacuous_range_and_hypothesis():
    v = run("x > 2", ["x > 3"], ["x: real, 0 < x < 1"])
    assert v.verdict == "vacuous" and v.counterexample is None


def test_vacuous_square_negative():
    v = run("x <= 0", ["x**2 < 0"], ["x: real"])
    assert v.verdict == "vacuous"


# ---------------------------------------------------------------------------------------------
# unknown: the conclusion is undefined at a point satisfying every hypothesis
UNDEFINED = [
    # true where defined, but 1/x is undefined at x = 0
    ("1/x <= 1/x + 1", ["x: real"], "x = 0"),
    # SymPy's x**(1/3) is the principal root: not real for x < 0
    ("x**(1/3) >= 0", ["x: real"], "principal root"),
    ("x**(1/3) <= 1 + x", ["x: real"], "principal root"),
    # log needs x > 0 (log(x) <= x - 1 < x where defined)
    ("log(x) <= x", ["x: real"], "log needs x > 0"),
    ("sqrt(x) >= 0", ["x: real"], "principal root"),
    # the identity holds only for x != 1
    ("(x**2 - 1)/(x - 1) == x + 1", ["x: real"], "x = 1"),
]


@pytest.mark.parametrize("concl,var,why", UNDEFINED, ids=[c for c, _, _ in UNDEFINED])
def test_undefined_somewhere_is_unknown(concl, var, why):
    v = run(concl, [], var)
    assert v.verdict == "unknown"
    assert "undefined" in v.detail and why in v.detail
    assert v.counterexample is None


# ---------------------------------------------------------------------------------------------
# evidence: true statements no sound backend decides (today); never called proved
EVIDENCE = [
    # log(x/e) <= x/e - 1, tight at the irrational point x = e: beyond the certified bounds
    # (sin(x) <= x, once here, is proved by the bounds of symbolic/backends/metitarski.py)
    ("log(x) <= x/E", ["x: positive"]),
    # induction: 2^4 = 16 = 4^2 and 2^(n+1) = 2 2^n >= 2 n^2 >= (n + 1)^2 for n >= 3
    ("2**n >= n**2", ["n: integer, n >= 4"]),
    # x log x has its minimum -1/e at x = 1/e (irrational, tight)
    ("x*log(x) >= -exp(-1)", ["x: positive"]),
]


@pytest.mark.parametrize("concl,var", EVIDENCE, ids=[c for c, _ in EVIDENCE])
def test_evidence_for_true_but_undecided(concl, var):
    v = run(concl, [], var)
    assert v.verdict == "evidence"
    assert v.method == "mpmath-sampling"
    assert v.counterexample is None
    assert v.evidence.feasible > 0 and float(v.evidence.min_margin) >= -1e-30


# ---------------------------------------------------------------------------------------------
# the SymPy-object interface, determinism, errors
def test_sympy_objects_and_domain_object():
    D = Domain.parse(["x: real", "y: real, y > 0"])
    x, y = D.symbols("x y")
    v = check(sympy.exp(x) >= 1 + x, domain=D, samples=N)
    assert v.verdict == "proved"
    v = check(x**2 <= 10**12 * x, [x > 0], D, samples=N)
    assert v.verdict == "refuted" and v.method == "z3"
    v = check(sympy.log(y) <= y - 1, (), D, samples=N)
    assert v.verdict == "proved"


def test_same_seed_same_verdict():
    a = run("sin(x) <= x", [], ["x: nonnegative"], seed=7).to_json()
    b = run("sin(x) <= x", [], ["x: nonnegative"], seed=7).to_json()
    for d in (a, b):
        d.pop("seconds")
        for o in d["outcomes"]:
            o.pop("seconds")
    assert a == b


def test_check_obligation_is_the_same_pipeline():
    D = parse_domain(["x: real"])
    ob = Obligation(parse_relation("1/x <= 1/x + 1", D), (), D)
    assert check_obligation(ob, samples=N).verdict == "unknown"


def test_relation_collapsed_by_sympy_is_refused():
    x = sympy.Symbol("x", real=True)
    with pytest.raises(ObligationError, match="constant True"):
        check(x**2 >= 0, domain=Domain.parse(["x: real"]))  # SymPy evaluated it to True


def test_empty_domain_is_refused():
    with pytest.raises(DomainError, match="empty"):
        check("x <= 1", domain=["x: real, 2 < x < 1"])
    with pytest.raises(DomainError, match="empty"):
        check("n <= 1", domain=["n: integer, 0 < n < 1"])


def test_undeclared_and_unparsable_text():
    with pytest.raises(ParseError, match="undeclared variable.*y") as info:
        check("x + y <= 1", domain=["x: real"])
    assert info.value.undeclared == ("y",)
    with pytest.raises(ParseError, match="cannot read"):
        check("x <=", domain=["x: real"])


@pytest.mark.parametrize("kw,name", [({"seed": -1}, "seed"), ({"dps": 5}, "dps"), ({"samples": 0}, "samples"),
                                     ({"timeout": 0}, "timeout"), ({"samples": 1.5}, "samples")])
def test_bad_settings_name_the_argument(kw, name):
    with pytest.raises(LawauditError, match=name):
        check("x <= 1", domain=["x: real"], **kw)


def test_definedness_conditions():
    x = sympy.Symbol("x", real=True)
    p = sympy.Symbol("p", positive=True)
    conds = [sympy.sstr(c) for c, _ in definedness_conditions(1 / x + sympy.sqrt(x) + sympy.log(x - 1))]
    assert sorted(conds) == sorted(["Ne(x, 0)", "x >= 0", "x - 1 > 0"])
    # settled by the declared sign: nothing to check
    assert definedness_conditions(1 / p + sympy.sqrt(p) + sympy.log(p)) == []


def test_symbolic_check_is_exported_and_import_is_light():
    assert symbolic.check is check and "check" in symbolic.__all__
    out = subprocess.run([sys.executable, "-c", "import symbolic, sys; print('sympy' in sys.modules)"],
                         capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# ---------------------------------------------------------------------------------------------
# the parser
def test_parser_numbers_are_exact():
    D = parse_domain(["x: real"])
    assert parse_expression("1e12", D) == 10**12
    assert parse_expression("0.1", D) == sympy.Rational(1, 10)
    assert parse_expression("1.5e-3 + 2^3", D) == sympy.Rational(3, 2000) + 8
    assert not parse_relation("x <= 0.1", D).has(sympy.Float)


def test_parser_keeps_relations_unevaluated():
    D = parse_domain(["x: real"])
    r = parse_relation("x**2 >= 0", D)   # SymPy would evaluate this to True
    assert isinstance(r, sympy.GreaterThan) and r.lhs == D.symbols("x")**2
    r = parse_relation("x == x", D)
    assert isinstance(r, sympy.Eq)
    c = parse_relation("0 < x <= 1", D)
    assert isinstance(c, sympy.And) and len(c.args) == 2


@pytest.mark.parametrize("text,msg", [
    ("__import__('os') <= 1", "unknown function"),
    ("x.__class__ <= 1", "Attribute"),
    ("True", "constant True"),
    ("x", "not a relation"),
    ("1/0 <= x", "undefined or infinite"),
    ("sqrt(-1) <= x", "not real"),
    ("(-8)**(1/3) <= x", "not real"),
    ("x < 1 and x > 0", "'and'"),
    ("x // 2 <= 1", "//"),
    ("exp <= 1", "is a function"),
    ("Eq(x, 1)", "unknown function"),
    ("x <= 2**100000", "too large"),
    ("", "empty"),
    ("log(x, 2, 3) <= 1", "argument"),
])
def test_parser_refuses(text, msg):
    D = parse_domain(["x: real"])
    with pytest.raises(ParseError, match=msg):
        parse_relation(text, D)


def test_parser_reserved_variable_names():
    with pytest.raises(DomainError, match="built-in"):
        parse_domain(["pi: real"])
    with pytest.raises(DomainError, match="keyword"):
        parse_domain(["lambda: real"])


def test_parse_check_lists_every_undeclared_name():
    with pytest.raises(ParseError) as info:
        parse_check("x + y <= z", ["w > 0"], ["x: real"])
    assert info.value.undeclared == ("w", "y", "z")


# ---------------------------------------------------------------------------------------------
# SymPy simplifies some undefined points away while reading (x/x -> 1, sqrt(x)**2 -> x)
@pytest.mark.parametrize("concl,hyps,var,verdict", [
    ("x/x == 1", [], ["x: real"], "unknown"),            # undefined at x = 0 as written
    ("x/x == 1", ["x != 0"], ["x: real"], "proved"),     # the only bad point excluded
    ("sqrt(x)**2 == x", [], ["x: real"], "unknown"),     # not real for x < 0 as written
    ("sqrt(x)**2 == x", [], ["x: nonnegative"], "proved"),
    ("x*y/y <= x + 1", [], ["x: real", "y: real"], "unknown"),   # y = 0
])
def test_conditions_sympy_simplified_away(concl, hyps, var, verdict):
    v = run(concl, hyps, var)
    assert v.verdict == verdict, v.detail
    if verdict == "unknown":
        assert "simplified it away" in v.detail
