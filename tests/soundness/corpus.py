"""The hand-written soundness corpus: classic inequalities, half true and half false.

Every :class:`Item` states its expected truth and *why*, established independently of every
backend being judged:

* a **true** item carries a proof sketch by hand (an identity such as a sum of squares, a
  textbook inequality with its source, or a monotonicity argument);
* a **false** item carries an exact ``witness``: a point (rationals, or an exact algebraic value
  such as ``sqrt(2)``) at which every range and hypothesis holds and the conclusion fails.
  :func:`witness_refutes` re-checks it by exact SymPy arithmetic when the margin is rational
  and by arb balls otherwise, without going through any backend's decision procedure.

Families: AM-GM, Bernoulli, exp/log bounds, Jensen instances, Cauchy-Schwarz, Young, tight
statements (equality at a point), statements false only in a tiny region, and statements false
only at huge or tiny magnitudes.

Sources for the classical facts: G. H. Hardy, J. E. Littlewood, G. Polya, *Inequalities*, 2nd ed.,
Cambridge 1952 (AM-GM Thm 9, Cauchy Thm 7, Jensen Thm 90, Young Thm 61); M. Abramowitz and
I. Stegun, *Handbook of Mathematical Functions* (1964) 4.1.33, 4.2.30 (log and exp bounds).

>>> len(ITEMS) >= 100
True
>>> sum(i.expected for i in ITEMS) * 2 == len(ITEMS)
True
>>> all(witness_refutes(i) for i in ITEMS if not i.expected)
True
"""
from __future__ import annotations

from dataclasses import dataclass

import sympy

from symbolic.domain import Domain, Obligation

from .judge import refutes

__all__ = ["Item", "ITEMS", "FAST", "witness_refutes", "by_id"]

R = sympy.Rational
exp, log, sqrt, sin, cos, atan, Abs, E, pi = (sympy.exp, sympy.log, sympy.sqrt, sympy.sin, sympy.cos,
                                              sympy.atan, sympy.Abs, sympy.E, sympy.pi)


@dataclass(frozen=True)
class Item:
    """One corpus statement.

    ``expected`` is the truth of ``obligation`` (hypotheses imply conclusion on the domain);
    ``why`` documents it; ``witness`` (false items only) maps each variable name to an exact
    value (text SymPy reads exactly) at which the statement fails; ``fast`` marks the items of
    the subset run by pytest.
    """

    id: str
    family: str
    expected: bool
    why: str
    obligation: Obligation
    witness: dict | None = None
    fast: bool = False


ITEMS: list[Item] = []


def _add(id, family, specs, concl, expected, why, hyps=None, witness=None, fast=False):
    D = Domain.parse(specs)
    syms = D.symbols()
    ob = Obligation(concl(*syms), tuple(hyps(*syms)) if hyps else (), D)
    if any(i.id == id for i in ITEMS):
        raise ValueError(f"corpus: duplicate item id {id}")
    if expected and witness is not None or not expected and witness is None:
        raise ValueError(f"corpus: item {id}: false items need a witness, true items none")
    ITEMS.append(Item(id, family, expected, why, ob, witness, fast))


def T(id, family, specs, concl, why, hyps=None, fast=False):
    _add(id, family, specs, concl, True, why, hyps, None, fast)


def F(id, family, specs, concl, witness, why, hyps=None, fast=False):
    _add(id, family, specs, concl, False, why, hyps, witness, fast)


XY = ["x: real", "y: real"]
XYP = ["x: positive", "y: positive"]

# =============================================================================================
# TRUE items
# =============================================================================================
# -- AM-GM ------------------------------------------------------------------------------------
T("t-amgm-2", "AM-GM", XY, lambda x, y: x**2 + y**2 >= 2*x*y, "x^2 + y^2 - 2xy = (x - y)^2 >= 0", fast=True)
T("t-amgm-sqrt", "AM-GM", XYP, lambda x, y: (x + y) / 2 >= sqrt(x*y),
  "(x + y)/2 - sqrt(xy) = (sqrt x - sqrt y)^2 / 2 >= 0", fast=True)
T("t-amgm-3", "AM-GM", ["x: nonnegative", "y: nonnegative", "z: nonnegative"],
  lambda x, y, z: x**3 + y**3 + z**3 >= 3*x*y*z,
  "x^3+y^3+z^3-3xyz = (x+y+z)((x-y)^2+(y-z)^2+(z-x)^2)/2 >= 0 for x, y, z >= 0")
T("t-amgm-recip", "AM-GM", ["x: positive"], lambda x: x + 1/x >= 2, "x + 1/x - 2 = (x - 1)^2 / x >= 0", fast=True)
T("t-hm-gm", "AM-GM", ["a: positive", "b: positive"], lambda a, b: 2*a*b/(a + b) <= sqrt(a*b),
  "HM <= GM: 2ab/(a+b) = sqrt(ab) * (2 sqrt(ab)/(a+b)) and 2 sqrt(ab) <= a + b (AM-GM)")
T("t-qm-am", "AM-GM", ["a: real", "b: real"], lambda a, b: ((a + b)/2)**2 <= (a**2 + b**2)/2,
  "(a^2+b^2)/2 - ((a+b)/2)^2 = (a-b)^2/4 >= 0")
T("t-amgm-cuberoot", "AM-GM", ["x: positive", "y: positive", "z: positive"],
  lambda x, y, z: (x + y + z)/3 >= (x*y*z)**R(1, 3),
  "AM-GM for three terms (Hardy-Littlewood-Polya Thm 9), i.e. t-amgm-3 at the cube roots")
T("t-amgm-4", "AM-GM", ["a: real", "b: real", "c: real", "d: real"],
  lambda a, b, c, d: a**4 + b**4 + c**4 + d**4 >= 4*a*b*c*d,
  "a^4+b^4 >= 2a^2b^2, c^4+d^4 >= 2c^2d^2 and a^2b^2 + c^2d^2 >= 2|abcd| (squares)")
# -- Bernoulli -------------------------------------------------------------------------------
T("t-bern-3", "Bernoulli", ["x: real"], lambda x: (1 + x)**3 >= 1 + 3*x,
  "(1+x)^3 - 1 - 3x = x^2 (x + 3) >= 0 for x >= -1", hyps=lambda x: [x >= -1], fast=True)
T("t-bern-5", "Bernoulli", ["x: real, x >= -1"], lambda x: (1 + x)**5 >= 1 + 5*x,
  "Bernoulli's inequality (1+x)^n >= 1 + nx for integer n >= 1 and x >= -1 (induction on n)")
T("t-bern-half", "Bernoulli", ["x: real, x >= -1"], lambda x: sqrt(1 + x) <= 1 + x/2,
  "both sides >= 0 for x >= -1 and (1 + x/2)^2 = 1 + x + x^2/4 >= 1 + x")
T("t-bern-int", "Bernoulli", ["n: integer, n >= 1", "x: real, x >= -1"], lambda n, x: (1 + x)**n >= 1 + n*x,
  "Bernoulli's inequality, induction: (1+x)^(n+1) >= (1+nx)(1+x) = 1 + (n+1)x + nx^2 (uses 1 + x >= 0)")
T("t-bern-real", "Bernoulli", ["x: real, x >= -1"], lambda x: (1 + x)**R(3, 2) >= 1 + 3*x/2,
  "Bernoulli for real exponent r >= 1: t -> t^r is convex, tangent line at t = 1")
T("t-pow2-n", "Bernoulli", ["n: integer, n >= 1"], lambda n: 2**n >= n + 1,
  "Bernoulli with x = 1: 2^n = (1 + 1)^n >= 1 + n")
T("t-pow2-n-square", "Bernoulli", ["n: integer, n >= 4"], lambda n: 2**n >= n**2,
  "induction: 16 = 16 at n = 4 and 2^(n+1) >= 2n^2 >= (n+1)^2 when n^2 >= 2n + 1, i.e. n >= 3")
# -- exp / log bounds --------------------------------------------------------------------------
T("t-exp-tangent", "exp/log", ["x: real"], lambda x: exp(x) >= 1 + x,
  "exp convex, tangent at 0 (A&S 4.2.30); tight at x = 0", fast=True)
T("t-log-tangent", "exp/log", ["x: positive"], lambda x: log(x) <= x - 1,
  "log concave, tangent at 1 (A&S 4.1.33); tight at x = 1", fast=True)
T("t-log-lower", "exp/log", ["x: real"], lambda x: log(1 + x) >= x/(1 + x),
  "log y >= 1 - 1/y (t-log-tangent at 1/y) with y = 1 + x > 0", hyps=lambda x: [x > -1])
T("t-exp-taylor2", "exp/log", ["x: nonnegative"], lambda x: exp(x) >= 1 + x + x**2/2,
  "Taylor series of exp has non-negative terms for x >= 0")
T("t-expneg-taylor2", "exp/log", ["x: nonnegative"], lambda x: exp(-x) <= 1 - x + x**2/2,
  "h = 1 - x + x^2/2 - e^-x: h(0) = 0, h' = x - 1 + e^-x >= 0 by t-exp-tangent", fast=True)
T("t-log-taylor3", "exp/log", ["x: nonnegative"], lambda x: log(1 + x) <= x - x**2/2 + x**3/3,
  "h = x - x^2/2 + x^3/3 - log(1+x): h(0) = 0, h' = x^3/(1+x) >= 0")
T("t-log-taylor2", "exp/log", ["x: nonnegative"], lambda x: log(1 + x) >= x - x**2/2,
  "h = log(1+x) - x + x^2/2: h(0) = 0, h' = x^2/(1+x) >= 0")
T("t-exp-pole", "exp/log", ["x: real, x < 1"], lambda x: exp(x) <= 1/(1 - x),
  "e^-x >= 1 - x > 0 (t-exp-tangent at -x), then take reciprocals")
T("t-one-minus-exp", "exp/log", ["x: real"], lambda x: 1 - exp(-x) <= x, "t-exp-tangent at -x")
T("t-xlogx", "exp/log", ["x: positive"], lambda x: x*log(x) >= x - 1,
  "log(1/x) <= 1/x - 1 (t-log-tangent), multiply by x > 0")
T("t-log-sqrt", "exp/log", ["x: positive"], lambda x: log(x) <= 2*(sqrt(x) - 1),
  "log x = 2 log sqrt(x) <= 2 (sqrt(x) - 1) by t-log-tangent")
T("t-exp-ex", "exp/log", ["x: real"], lambda x: exp(x) >= E*x, "e^(x-1) >= x (t-exp-tangent at x - 1)")
T("t-log-over-e", "exp/log", ["x: positive"], lambda x: log(x) <= x/E,
  "log(x/e) <= x/e - 1 (t-log-tangent); tight at the irrational point x = e")
T("t-cosh", "exp/log", ["x: real"], lambda x: exp(x) + exp(-x) >= 2 + x**2,
  "2 cosh x = 2 + x^2 + 2 x^4/4! + ... (even series, non-negative terms)")
T("t-pow2-tangent", "exp/log", ["x: real"], lambda x: 2**x >= 1 + x*log(2),
  "2^x = e^(x log 2) >= 1 + x log 2 (t-exp-tangent)")
T("t-log-recip", "exp/log", ["x: positive"], lambda x: log(x) >= 1 - 1/x, "t-log-tangent at 1/x")
T("t-exp-neg-recip", "exp/log", ["t: nonnegative"], lambda t: exp(-t) <= 1/(1 + t),
  "e^t >= 1 + t > 0 (t-exp-tangent), take reciprocals")
T("t-one-minus-1n", "exp/log", ["n: integer, n >= 1"], lambda n: (1 - R(1)/n)**n <= exp(-1),
  "0 <= 1 - 1/n <= e^(-1/n) (t-exp-tangent at -1/n); raise to the n-th power")
T("t-euler-seq", "exp/log", ["n: integer, n >= 1"], lambda n: (1 + R(1)/n)**n < E,
  "1 + 1/n < e^(1/n) (strict tangent bound, 1/n != 0); raise to the n-th power")
T("t-log-sqrt-huge", "exp/log", ["x: positive"], lambda x: log(x) <= sqrt(x),
  "h = sqrt(x) - log x has h' = (sqrt(x) - 2)/(2x): minimum at x = 4, h(4) = 2 - log 4 > 0")
T("t-exp-cubic", "exp/log", ["x: nonnegative"], lambda x: exp(x) >= x**3/6, "the x^3/3! term of exp's series, others >= 0")
T("t-exp-square", "exp/log", ["x: nonnegative"], lambda x: x**2 <= exp(x),
  "h = e^x - x^2: h(0) = 1, h' = e^x - 2x >= e x - 2x > 0 (t-exp-ex)")
T("t-exp-quadratic-unit", "exp/log", ["x: real, 0 <= x <= 1"], lambda x: exp(x) <= 1 + x + x**2,
  "e^x = 1 + x + x^2 (1/2! + x/3! + ...) <= 1 + x + x^2 (e - 2) on [0, 1]", fast=True)
T("t-log-huge-tail", "huge/tiny", ["x: real, x >= 1e16"], lambda x: log(x) <= x**R(1, 10),
  "with x = e^u: e^(u/10) - u is increasing for u > 10 log 10 and positive at u = 16 log 10 "
  "(e^3.684 = 39.8 > 36.85)")
T("t-tiny-scale", "huge/tiny", ["x: positive"], lambda x: x**2 + R(1, 10**12) >= 2*x/10**6,
  "(x - 10^-6)^2 >= 0; tight at the tiny point x = 10^-6")
T("t-huge-scale", "huge/tiny", ["x: real"], lambda x: x**2 + 10**24 >= 2*10**12*x,
  "(x - 10^12)^2 >= 0; tight at the huge point x = 10^12")
# -- Jensen ------------------------------------------------------------------------------------
T("t-jensen-exp", "Jensen", ["a: real", "b: real"], lambda a, b: exp((a + b)/2) <= (exp(a) + exp(b))/2,
  "(e^(a/2) - e^(b/2))^2 >= 0", fast=True)
T("t-jensen-log", "Jensen", ["a: positive", "b: positive"], lambda a, b: log((a + b)/2) >= (log(a) + log(b))/2,
  "log is increasing and (a+b)/2 >= sqrt(ab) (t-amgm-sqrt)")
T("t-jensen-cube", "Jensen", ["a: nonnegative", "b: nonnegative"], lambda a, b: ((a + b)/2)**3 <= (a**3 + b**3)/2,
  "(a^3+b^3)/2 - ((a+b)/2)^3 = 3 (a + b)(a - b)^2 / 8 >= 0")
T("t-jensen-log-weighted", "Jensen", ["p: real, 0 <= p <= 1", "x: positive", "y: positive"],
  lambda p, x, y: p*log(x) + (1 - p)*log(y) <= log(p*x + (1 - p)*y), "concavity of log (Jensen, HLP Thm 90)")
T("t-jensen-quartic", "Jensen", ["a: real", "b: real"], lambda a, b: ((a + b)/2)**4 <= (a**4 + b**4)/2,
  "convexity of t^4; difference = (a-b)^2 (7a^2 + 10ab + 7b^2)/16 and 7a^2+10ab+7b^2 >= 0 (disc. < 0)")
T("t-jensen-xlogx", "Jensen", XYP, lambda x, y: x*log(x) + y*log(y) >= (x + y)*log((x + y)/2),
  "convexity of t log t (log-sum inequality)")
T("t-power-mean-4", "Jensen", ["a: real", "b: real"], lambda a, b: (a**2 + b**2)**2 <= 2*(a**4 + b**4),
  "2(a^4+b^4) - (a^2+b^2)^2 = (a^2 - b^2)^2 >= 0")
# -- Cauchy-Schwarz ------------------------------------------------------------------------------
T("t-cs-2", "Cauchy-Schwarz", ["a1: real", "a2: real", "b1: real", "b2: real"],
  lambda a1, a2, b1, b2: (a1*b1 + a2*b2)**2 <= (a1**2 + a2**2)*(b1**2 + b2**2),
  "Lagrange's identity: difference = (a1 b2 - a2 b1)^2", fast=True)
T("t-cs-3", "Cauchy-Schwarz", ["a1: real", "a2: real", "a3: real", "b1: real", "b2: real", "b3: real"],
  lambda a1, a2, a3, b1, b2, b3: (a1*b1 + a2*b2 + a3*b3)**2 <= (a1**2 + a2**2 + a3**2)*(b1**2 + b2**2 + b3**2),
  "Lagrange's identity: difference = sum over i < j of (a_i b_j - a_j b_i)^2")
T("t-cs-ones", "Cauchy-Schwarz", ["a: real", "b: real", "c: real"],
  lambda a, b, c: (a + b + c)**2 <= 3*(a**2 + b**2 + c**2), "difference = (a-b)^2 + (b-c)^2 + (c-a)^2")
T("t-titu", "Cauchy-Schwarz", ["a: real", "b: real", "x: positive", "y: positive"],
  lambda a, b, x, y: a**2/x + b**2/y >= (a + b)**2/(x + y),
  "Engel form; multiplying by xy(x+y) > 0 leaves (ay - bx)^2 >= 0")
T("t-cs-harmonic", "Cauchy-Schwarz", XYP, lambda x, y: (x + y)*(1/x + 1/y) >= 4,
  "(x + y)(1/x + 1/y) - 4 = (x - y)^2/(xy) >= 0")
# -- tight and miscellaneous -------------------------------------------------------------------
T("t-tight-quarter", "tight", ["p: real, 0 <= p <= 1"], lambda p: p*(1 - p) <= R(1, 4),
  "1/4 - p(1-p) = (p - 1/2)^2; tight at p = 1/2", fast=True)
T("t-tight-double-root", "tight", ["x: real"], lambda x: x**4 - 4*x + 3 >= 0,
  "x^4 - 4x + 3 = (x - 1)^2 (x^2 + 2x + 3) and x^2 + 2x + 3 = (x+1)^2 + 2 > 0", fast=True)
T("t-quadform", "tight", XY, lambda x, y: x**2 + x*y + y**2 >= 0, "= (x + y/2)^2 + 3y^2/4")
T("t-sin", "tight", ["x: nonnegative"], lambda x: sin(x) <= x, "h = x - sin x: h(0) = 0, h' = 1 - cos x >= 0")
T("t-cos", "tight", ["x: real"], lambda x: cos(x) >= 1 - x**2/2,
  "h = cos x - 1 + x^2/2 is even, h(0) = 0, h' = x - sin x >= 0 for x >= 0 (t-sin)")
T("t-triangle", "tight", XY, lambda x, y: Abs(x + y) <= Abs(x) + Abs(y), "triangle inequality on R")
T("t-cube-unit", "tight", ["x: real, 0 <= x <= 1"], lambda x: x**3 <= x, "x - x^3 = x (1 - x)(1 + x) >= 0 on [0, 1]")
T("t-young-2", "Young", ["a: real", "b: real"], lambda a, b: a*b <= a**2/2 + b**2/2, "(a - b)^2 / 2 >= 0")
T("t-young-3", "Young", ["a: nonnegative", "b: nonnegative"], lambda a, b: a*b <= a**3/3 + 2*b**R(3, 2)/3,
  "Young's inequality ab <= a^p/p + b^q/q with p = 3, q = 3/2 (HLP Thm 61)")
T("t-atan", "tight", ["x: nonnegative"], lambda x: atan(x) <= x, "h = x - atan x: h(0) = 0, h' = x^2/(1+x^2) >= 0")
T("t-log-chord", "Jensen", ["x: real, 0 <= x <= 1"], lambda x: log(1 + x) >= x*log(2),
  "log(1+x) concave, equal to the chord x log 2 at x = 0 and x = 1", fast=True)
T("t-sin-chord", "Jensen", ["x: real, 0 <= x <= 1"], lambda x: sin(pi*x/2) >= x,
  "sin(pi x/2) concave on [0, 1], equal to the chord x at x = 0 and x = 1")
T("t-irrational-square", "tight", ["x: real"], lambda x: x**2 - 2*sqrt(2)*x + 2 >= 0,
  "= (x - sqrt 2)^2; tight at the irrational point sqrt 2")

T("t-exp-taylor3-all", "exp/log", ["x: real"], lambda x: exp(x) >= 1 + x + x**3/6,
  "Lagrange remainder: e^x = 1 + x + x^2/2 + x^3/6 + e^c x^4/24 with both extra terms >= 0")
T("t-schur", "AM-GM", ["x: nonnegative", "y: nonnegative", "z: nonnegative"],
  lambda x, y, z: x*(x - y)*(x - z) + y*(y - x)*(y - z) + z*(z - x)*(z - y) >= 0,
  "Schur's inequality (t = 1): order x >= y >= z; x(x-y)(x-z) + y(y-x)(y-z) = (x-y)(x(x-z) - y(y-z)) >= 0 "
  "and z(z-x)(z-y) >= 0")
T("t-nesbitt", "Cauchy-Schwarz", ["a: positive", "b: positive", "c: positive"],
  lambda a, b, c: a/(b + c) + b/(a + c) + c/(a + b) >= R(3, 2),
  "Nesbitt: by Cauchy-Schwarz (Engel form) the sum is >= (a+b+c)^2 / (2(ab+bc+ca)) >= 3/2")

# =============================================================================================
# FALSE items (witness: an exact point where every hypothesis holds and the conclusion fails)
# =============================================================================================
F("f-exp-taylor2-all", "exp/log", ["x: real"], lambda x: exp(x) >= 1 + x + x**2/2, {"x": "-1"},
  "at x = -1: e^-1 = 0.368 < 1/2 (the bound needs x >= 0)", fast=True)
F("f-log-shift", "exp/log", ["x: positive"], lambda x: log(x) <= x - 2, {"x": "1"}, "at x = 1: 0 > -1", fast=True)
F("f-amgm-reversed", "AM-GM", XYP, lambda x, y: (x + y)/2 <= sqrt(x*y), {"x": "1", "y": "4"},
  "at (1, 4): 5/2 > 2", fast=True)
F("f-recip-margin", "tight", ["x: positive"], lambda x: x + 1/x >= 2 + R(1, 1000), {"x": "1"},
  "at x = 1: 2 < 2.001 (false only near x = 1)")
F("f-bern-cubic-over", "Bernoulli", ["x: real, x >= -1"], lambda x: (1 + x)**3 >= 1 + 3*x + 3*x**2, {"x": "-1/2"},
  "at x = -1/2: 1/8 < 1/4 (the missing x^3 term is negative)")
F("f-bern-outside", "Bernoulli", ["x: real"], lambda x: (1 + x)**3 >= 1 + 3*x, {"x": "-4"},
  "hypothesis x >= -1 dropped: at x = -4: -27 < -11", fast=True)
F("f-bern-half-reversed", "Bernoulli", ["x: real, 0 <= x <= 1"], lambda x: sqrt(1 + x) >= 1 + x/2, {"x": "1"},
  "at x = 1: sqrt 2 = 1.414 < 3/2")
F("f-log-taylor3-reversed", "exp/log", ["x: nonnegative"], lambda x: log(1 + x) >= x - x**2/2 + x**3/3,
  {"x": "1"}, "at x = 1: log 2 = 0.693 < 5/6")
F("f-expneg-reversed", "exp/log", ["x: nonnegative"], lambda x: exp(-x) >= 1 - x + x**2/2, {"x": "1"},
  "at x = 1: e^-1 = 0.368 < 1/2")
F("f-exp-pole-reversed", "exp/log", ["x: real, x < 1"], lambda x: exp(x) >= 1/(1 - x), {"x": "1/2"},
  "at x = 1/2: e^(1/2) = 1.649 < 2")
F("f-log-over-e-tiny", "tiny region", ["x: positive"], lambda x: log(x) <= x/E - R(1, 1000), {"x": "2718/1000"},
  "log x - x/e = -(x - e)^2/(2e^2) + O((x-e)^3) > -10^-3 near x = e: at 2.718, log x - x/e = -1e-8")
F("f-tiny-1d", "tiny region", ["x: real"], lambda x: (x - R(1, 3))**2 >= R(1, 10**8), {"x": "1/3"},
  "false only for |x - 1/3| < 10^-4", fast=True)
F("f-tiny-2d", "tiny region", ["x: real, 0 <= x <= 1", "y: real, 0 <= y <= 1"],
  lambda x, y: (x - R(1, 7))**2 + (y - R(2, 7))**2 >= R(1, 10**10), {"x": "1/7", "y": "2/7"},
  "false only in the disc of radius 10^-5 around (1/7, 2/7)", fast=True)
F("f-huge-log", "huge/tiny", ["x: real, x >= 10"], lambda x: log(x) >= x**R(1, 10), {"x": "10**16"},
  "true for 10 <= x < 3.4e15, false beyond: at x = 10^16, log x = 36.8 < 10^1.6 = 39.8")
F("f-tiny-mag", "huge/tiny", ["x: positive"], lambda x: x**2 >= x/10**12, {"x": "10**-13"},
  "false exactly for 0 < x < 10^-12")
F("f-huge-mag", "huge/tiny", ["x: positive"], lambda x: x**2 <= 10**20*x, {"x": "10**21"},
  "false exactly for x > 10^20")
F("f-exp-huge", "huge/tiny", ["x: real"], lambda x: exp(x) <= 10**30, {"x": "70"},
  "false for x > 30 log 10 = 69.08: e^70 = 2.5e30")
F("f-log-tiny-mag", "huge/tiny", ["x: positive"], lambda x: log(x) >= -30, {"x": "10**-14"},
  "false only for x < e^-30 = 9.4e-14: log 1e-14 = -32.2")
F("f-pow2-n-square", "Bernoulli", ["n: integer, n >= 1"], lambda n: 2**n >= n**2, {"n": "3"},
  "false only at n = 3 (8 < 9); true at n = 1, 2 and n >= 4", fast=True)
F("f-euler-25", "exp/log", ["n: integer, n >= 1"], lambda n: (1 + R(1)/n)**n >= R(5, 2), {"n": "1"},
  "at n = 1: 2 < 5/2 (true from n = 6 on)")
F("f-one-minus-1n-reversed", "exp/log", ["n: integer, n >= 1"], lambda n: (1 - R(1)/n)**n >= exp(-1), {"n": "2"},
  "at n = 2: 1/4 < e^-1 = 0.368 (false for every n)")
F("f-pow2-n-plus", "Bernoulli", ["n: integer, n >= 1"], lambda n: 2**n >= n + 2, {"n": "1"},
  "at n = 1: 2 < 3 (true for n >= 2)")
F("f-bern-int-neg", "Bernoulli", ["n: integer, n >= 1", "x: real"], lambda n, x: (1 + x)**n >= 1 + n*x,
  {"n": "3", "x": "-4"}, "x >= -1 dropped: at n = 3, x = -4: -27 < -11")
F("f-bern-real-reversed", "Bernoulli", ["x: real, x >= -1"], lambda x: (1 + x)**R(3, 2) <= 1 + 3*x/2, {"x": "1"},
  "at x = 1: 2^(3/2) = 2.83 > 5/2")
F("f-jensen-exp-reversed", "Jensen", ["a: real", "b: real"], lambda a, b: exp((a + b)/2) >= (exp(a) + exp(b))/2,
  {"a": "0", "b": "2"}, "at (0, 2): e = 2.718 < (1 + e^2)/2 = 4.19", fast=True)
F("f-jensen-log-reversed", "Jensen", ["a: positive", "b: positive"],
  lambda a, b: log((a + b)/2) <= (log(a) + log(b))/2, {"a": "1", "b": "4"}, "at (1, 4): log 2.5 = 0.916 > log 2")
F("f-jensen-cube-neg", "Jensen", ["a: real", "b: real"], lambda a, b: ((a + b)/2)**3 <= (a**3 + b**3)/2,
  {"a": "-1", "b": "-3"}, "t^3 is concave on t < 0: at (-1, -3): -8 > -14")
F("f-cs-reversed", "Cauchy-Schwarz", ["a1: real", "a2: real", "b1: real", "b2: real"],
  lambda a1, a2, b1, b2: (a1*b1 + a2*b2)**2 >= (a1**2 + a2**2)*(b1**2 + b2**2),
  {"a1": "1", "a2": "0", "b1": "0", "b2": "1"}, "orthogonal vectors: 0 < 1", fast=True)
F("f-cs-ones-2", "Cauchy-Schwarz", ["a: real", "b: real", "c: real"],
  lambda a, b, c: (a + b + c)**2 <= 2*(a**2 + b**2 + c**2), {"a": "1", "b": "1", "c": "1"}, "at (1,1,1): 9 > 6")
F("f-titu-margin", "Cauchy-Schwarz", ["a: real", "b: real", "x: positive", "y: positive"],
  lambda a, b, x, y: a**2/x + b**2/y >= (a + b)**2/(x + y) + R(1, 10**6),
  {"a": "1", "b": "1", "x": "1", "y": "1"}, "equality case a/x = b/y: 2 < 2 + 10^-6")
F("f-cs-harmonic-margin", "Cauchy-Schwarz", XYP, lambda x, y: (x + y)*(1/x + 1/y) >= 4 + R(1, 10**9),
  {"x": "1", "y": "1"}, "at x = y the left side is exactly 4")
F("f-cs-3-margin", "Cauchy-Schwarz", ["a1: real", "a2: real", "a3: real", "b1: real", "b2: real", "b3: real"],
  lambda a1, a2, a3, b1, b2, b3: (a1*b1 + a2*b2 + a3*b3)**2 + R(1, 10**9) <= (a1**2 + a2**2 + a3**2)*(b1**2 + b2**2 + b3**2),
  {"a1": "1", "a2": "0", "a3": "0", "b1": "1", "b2": "0", "b3": "0"}, "parallel vectors: 1 + 1e-9 > 1")
F("f-tight-quarter-margin", "tiny region", ["p: real, 0 <= p <= 1"], lambda p: p*(1 - p) <= R(1, 4) - R(1, 10**10),
  {"p": "1/2"}, "false only for |p - 1/2| < 10^-5", fast=True)
F("f-double-root-margin", "tiny region", ["x: real"], lambda x: x**4 - 4*x + 3 >= R(1, 10**12), {"x": "1"},
  "the minimum 0 is at x = 1; false for |x - 1| < ~4e-7")
F("f-double-root-strict", "tight", ["x: real"], lambda x: x**4 - 4*x + 3 > 0, {"x": "1"},
  "false only at the single point x = 1", fast=True)
F("f-exp-strict", "tight", ["x: real"], lambda x: exp(x) > 1 + x, {"x": "0"}, "false only at x = 0", fast=True)
F("f-log-strict", "tight", ["x: positive"], lambda x: log(x) < x - 1, {"x": "1"}, "false only at x = 1")
F("f-sin-strict", "tight", ["x: nonnegative"], lambda x: sin(x) < x, {"x": "0"}, "false only at x = 0")
F("f-log-recip-strict", "tight", ["x: positive"], lambda x: log(x) > 1 - 1/x, {"x": "1"}, "false only at x = 1")
F("f-irrational-square-strict", "tight", ["x: real"], lambda x: x**2 - 2*sqrt(2)*x + 2 > 0, {"x": "sqrt(2)"},
  "= (x - sqrt 2)^2, zero only at the irrational x = sqrt 2 (no rational counterexample exists)")
F("f-cos-quartic", "exp/log", ["x: real"], lambda x: cos(x) >= 1 - x**2/2 + x**4/100, {"x": "10"},
  "true near 0 (x^4/24 > x^4/100) but at x = 10: cos 10 = -0.84 < 51")
F("f-sin-quintic", "exp/log", ["x: real, 0 <= x <= 1"], lambda x: sin(x) >= x - x**3/6 + x**5/100, {"x": "1"},
  "x^5/120 < x^5/100: at x = 1, sin 1 = 0.84147 < 0.84333")
F("f-atan-reversed", "exp/log", ["x: nonnegative"], lambda x: atan(x) >= x, {"x": "1"}, "at x = 1: pi/4 < 1")
F("f-log-chord-beyond", "Jensen", ["x: real, 0 <= x <= 2"], lambda x: log(1 + x) >= x*log(2), {"x": "2"},
  "beyond the chord's end: at x = 2, log 3 = 1.099 < 2 log 2 = 1.386")
F("f-sin-chord-beyond", "Jensen", ["x: real, 0 <= x <= 2"], lambda x: sin(pi*x/2) >= x, {"x": "3/2"},
  "at x = 3/2: sin(3 pi/4) = 0.707 < 3/2")
F("f-young-const", "Young", ["a: real", "b: real"], lambda a, b: a*b <= a**2/3 + b**2/3, {"a": "1", "b": "1"},
  "at a = b = 1: 1 > 2/3")
F("f-young3-const", "Young", ["a: nonnegative", "b: nonnegative"], lambda a, b: a*b <= a**3/3 + b**R(3, 2)/3,
  {"a": "1", "b": "1"}, "wrong weight 1/3 instead of 2/3: at a = b = 1, 1 > 2/3")
F("f-amgm3-signed", "AM-GM", ["x: real", "y: real", "z: real"], lambda x, y, z: x**3 + y**3 + z**3 >= 3*x*y*z,
  {"x": "0", "y": "0", "z": "-1"}, "needs x + y + z >= 0: at (0, 0, -1): -1 < 0")
F("f-amgm4-margin", "AM-GM", ["a: real", "b: real", "c: real", "d: real"],
  lambda a, b, c, d: a**4 + b**4 + c**4 + d**4 >= 4*a*b*c*d + R(1, 10**9),
  {"a": "0", "b": "0", "c": "0", "d": "0"}, "at 0: 0 < 10^-9")
F("f-amgm-margin", "AM-GM", XYP, lambda x, y: (x + y)/2 >= sqrt(x*y) + R(1, 1000), {"x": "1", "y": "1"},
  "at x = y the two means are equal")
F("f-hm-gm-reversed", "AM-GM", ["a: positive", "b: positive"], lambda a, b: 2*a*b/(a + b) >= sqrt(a*b),
  {"a": "1", "b": "4"}, "at (1, 4): 8/5 < 2")
F("f-amgm-cuberoot-reversed", "AM-GM", ["x: positive", "y: positive", "z: positive"],
  lambda x, y, z: (x + y + z)/3 <= (x*y*z)**R(1, 3), {"x": "1", "y": "1", "z": "8"}, "at (1, 1, 8): 10/3 > 2")
F("f-quadform", "tight", XY, lambda x, y: x**2 + y**2 >= 3*x*y, {"x": "1", "y": "1"}, "at (1, 1): 2 < 3")
F("f-triangle-reversed", "tight", XY, lambda x, y: Abs(x + y) >= Abs(x) + Abs(y), {"x": "1", "y": "-1"},
  "at (1, -1): 0 < 2")
F("f-cube-unit-reversed", "tight", ["x: real, 0 <= x <= 1"], lambda x: x**3 >= x, {"x": "1/2"}, "at 1/2: 1/8 < 1/2")
F("f-exp-cube", "exp/log", ["x: nonnegative"], lambda x: x**3 <= exp(x), {"x": "4"},
  "at x = 4: 64 > e^4 = 54.6 (false on about (1.86, 4.54))")
F("f-exp-quintic", "exp/log", ["x: nonnegative"], lambda x: exp(x) >= x**5, {"x": "2"}, "at x = 2: e^2 = 7.39 < 32")
F("f-exp-ex-margin", "tiny region", ["x: real"], lambda x: exp(x) >= E*x + R(1, 10**6), {"x": "1"},
  "at x = 1 both sides of e^x >= e x are equal")
F("f-log-sqrt-shift", "tiny region", ["x: positive"], lambda x: log(x) <= sqrt(x) - R(62, 100), {"x": "4"},
  "max of log x - sqrt x is log 4 - 2 = -0.6137 > -0.62, at x = 4")
F("f-xlogx-min", "tiny region", ["x: positive"], lambda x: x*log(x) >= -exp(-1) + R(1, 10**6), {"x": "368/1000"},
  "min of x log x is -1/e at x = 1/e; at 0.368, x log x = -1/e + 2e-8")
F("f-pow2-chord", "exp/log", ["x: real"], lambda x: 2**x >= 1 + x, {"x": "1/2"},
  "2^x is below its chord on (0, 1): at 1/2, sqrt 2 < 3/2")
F("f-bern-half-quadratic", "Bernoulli", ["x: nonnegative"], lambda x: sqrt(1 + x) >= 1 + x/2 - x**2/100,
  {"x": "1"}, "at x = 1: 1.414 < 1.49")
F("f-exp-quadratic-edge", "exp/log", ["x: real, 0 <= x <= 2"], lambda x: exp(x) <= 1 + x + x**2, {"x": "2"},
  "true on [0, 1.79], false at the far end: e^2 = 7.39 > 7")
F("f-cosh-overclaim", "exp/log", ["x: real"], lambda x: exp(x) + exp(-x) >= 2 + x**2 + x**4/6, {"x": "1"},
  "the x^4 coefficient of 2 cosh is 1/12: at x = 1, 3.086 < 3.167")
F("f-jensen-weighted-reversed", "Jensen", ["p: real, 0 <= p <= 1", "x: positive", "y: positive"],
  lambda p, x, y: p*log(x) + (1 - p)*log(y) >= log(p*x + (1 - p)*y), {"p": "1/2", "x": "1", "y": "4"},
  "at p = 1/2, (1, 4): log 2 < log 5/2")
F("f-log-lower-nohyp", "exp/log", ["x: real, x > -1"], lambda x: log(1 + x) >= x, {"x": "1"},
  "log(1+x) <= x: at x = 1, log 2 < 1")
F("f-exp-neg-recip-reversed", "exp/log", ["t: nonnegative"], lambda t: exp(-t) >= 1/(1 + t), {"t": "1"},
  "at t = 1: e^-1 = 0.368 < 1/2")
F("f-power-mean-reversed", "Jensen", ["a: real", "b: real"], lambda a, b: (a**2 + b**2)**2 >= 2*(a**4 + b**4),
  {"a": "1", "b": "0"}, "at (1, 0): 1 < 2")
F("f-hyp-wrong-side", "Bernoulli", ["x: real"], lambda x: (1 + x)**3 >= 1 + 3*x, {"x": "-4"},
  "hypothesis x <= 0 keeps the bad region x < -3: at x = -4: -27 < -11", hyps=lambda x: [x <= 0])

# Notes on truth of the remaining statements are in each item's ``why``.

FAST = [i for i in ITEMS if i.fast]


def by_id(item_id: str) -> Item:
    for i in ITEMS:
        if i.id == item_id:
            return i
    raise KeyError(item_id)


def witness_refutes(item: Item) -> bool:
    """True iff ``item.witness`` is in the domain, satisfies every hypothesis and violates the
    conclusion, decided exactly (SymPy rationals) or by certain arb comparisons
    (:func:`tests.soundness.judge.refutes`)."""
    return item.witness is not None and refutes(item.obligation, item.witness)
