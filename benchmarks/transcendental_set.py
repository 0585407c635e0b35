"""The transcendental benchmark: true inequalities with exp, log, sqrt, sin, cos, atan, and false mutants.

Each true problem is ``(id, statement, variable specs, hypotheses, source)``; the statement is read
by :func:`symbolic.parse.parse_relation` exactly as ``lawaudit check`` reads it.  Sources:

* ``A&S 4.1`` / ``A&S 4.2`` / ``A&S 4.3``: M. Abramowitz and I. A. Stegun, *Handbook of Mathematical
  Functions* (1964), the inequalities of section 4.1 (logarithm), 4.2 (exponential), 4.3 (circular
  functions);
* ``Mitrinovic``: D. S. Mitrinović, *Analytic Inequalities*, Springer 1970, section 3.6 (exp/log),
  3.4 (circular functions: Jordan's inequality 3.4.19, tan x >= x, cos x <= sin(x)/x);
* ``Taylor``: Taylor's theorem with Lagrange remainder (the truncation has a sign-definite
  remainder on the stated range), as in MetiTarski's own bound families;
* ``MetiTarski``: the continued-fraction log bounds ``ln_upper_3``/``ln_lower_3`` of L. C. Paulson's
  AFP entry *Special_Function_Bounds* (``Log_CF_Bounds``), used by MetiTarski (Akbarpour and Paulson,
  J. Automated Reasoning 44, 2010), and problems in the style of its problem set (one-variable
  inequalities between a special function and a polynomial or rational function on a range);
* ``paper``: statements of Bubeck and Sellke, arXiv:2105.12806v1 (the line of the text is given);
* ``corpus``: items of ``tests/soundness/corpus.py`` with exp/log/sin/cos/atan (their own sources there).

False problems are *mutants* of the true ones (:func:`mutants`): the relation is tightened by a
small constant, scaled, or flipped; a mutant is kept only when an exact point, found by a plain
grid search and certified in arb (every hypothesis certainly true, the conclusion certainly false),
refutes it, so every kept mutant is known false independently of every decision procedure.
"""
from __future__ import annotations

__all__ = ["TRUE_PROBLEMS", "HELD_OUT", "mutants", "Problem"]

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    id: str
    statement: str
    vars: tuple
    assume: tuple
    source: str
    expected: bool = True
    witness: dict | None = None


def _p(id, statement, vars, source, assume=()):
    return Problem(id, statement, tuple(vars), tuple(assume), source)


X = ["x: real"]
XP = ["x: positive"]
XN = ["x: nonnegative"]

TRUE_PROBLEMS = [
    # -- exp ------------------------------------------------------------------------------
    _p("exp-tangent", "exp(x) >= 1 + x", X, "A&S 4.2 (e^x >= 1 + x); tight at 0"),
    _p("exp-taylor3", "exp(x) >= 1 + x + x**2/2 + x**3/6", X, "Taylor: odd truncation, remainder e^c x^4/4! >= 0"),
    _p("exp-taylor2-neg", "exp(x) <= 1 + x + x**2/2", ["x: real, x <= 0"], "Taylor: even truncation, remainder e^c x^3/3! <= 0 for x <= 0"),
    _p("exp-pole", "exp(x) <= 1/(1 - x)", ["x: real, x < 1"], "A&S 4.2 (e^x < 1/(1-x), x < 1)"),
    _p("expneg-recip", "exp(-x) <= 1/(1 + x)", XN, "issue 18's example; e^x >= 1 + x; tight at 0"),
    _p("recip-expneg", "1/(1 + x) >= exp(-x)", ["x: real, x > -1"], "issue 18's example; e^x >= 1 + x > 0"),
    _p("exp-quad-unit", "exp(x) <= 1 + x + x**2", ["x: real, 0 <= x <= 1"], "corpus t-exp-quadratic-unit"),
    _p("exp-chord-unit", "exp(x) <= 1 + 2*x", ["x: real, 0 <= x <= 1"], "convexity: e^x <= 1 + (e - 1) x on [0, 1], e < 3"),
    _p("exp-taylor2-pos", "exp(x) >= 1 + x + x**2/2", XN, "Taylor: non-negative terms for x >= 0"),
    _p("one-minus-expneg-lower", "x/(1 + x) <= 1 - exp(-x)", ["x: real, x > -1"], "A&S 4.2 (x/(1+x) < 1 - e^-x < x, x > -1)"),
    _p("one-minus-expneg-upper", "1 - exp(-x) <= x", X, "A&S 4.2"),
    _p("expm1-upper", "exp(x) - 1 <= x/(1 - x)", ["x: real, x < 1"], "A&S 4.2 (x < e^x - 1 < x/(1-x), x < 1)"),
    _p("exp-of-ratio", "exp(x/(1 + x)) <= 1 + x", ["x: real, x > -1"], "A&S 4.2 (e^(x/(1+x)) < 1 + x, x > -1)"),
    _p("gauss-recip", "exp(-x**2) <= 1/(1 + x**2)", X, "e^t >= 1 + t at t = x^2"),
    _p("exp-square", "x**2 <= exp(x)", XN, "corpus t-exp-square"),
    _p("exp-cube-tail", "x**3 <= exp(x)", ["x: real, x >= 5"], "e^x / x^3 increasing for x >= 3, e^5 > 125 (Mitrinovic 3.6)"),
    _p("exp-one-minus", "exp(x)*(1 - x) <= 1", X, "e^x (1 - x) has its maximum 1 at x = 0 (A&S 4.2: e^x < 1/(1-x))"),
    _p("cosh-quad", "exp(x) + exp(-x) >= 2 + x**2", X, "corpus t-cosh (even series)"),
    _p("sinh-lower", "(exp(x) - exp(-x))/2 >= x", XN, "sinh x >= x for x >= 0 (odd series, non-negative terms)"),
    _p("exp-double", "exp(2*x) >= 1 + 2*x", X, "A&S 4.2 at 2x"),
    _p("expneg-tangent", "exp(-x) >= 1 - x", X, "A&S 4.2 at -x"),
    _p("exp-ex", "exp(x) >= E*x", X, "corpus t-exp-ex; tight at 1"),
    _p("exp-shift", "exp(x - 1) >= x", X, "A&S 4.2 at x - 1; tight at 1"),
    _p("exp-e-upper", "exp(x) <= 2.72", ["x: real, 0 <= x <= 1"], "e = 2.71828... < 2.72 (tight constant)"),
    _p("exp-e-lower", "exp(x) >= 2.718", ["x: real, 1 <= x <= 2"], "e = 2.71828... > 2.718 (tight constant)"),
    _p("expneg-taylor2", "exp(-x) <= 1 - x + x**2/2", XN, "corpus t-expneg-taylor2"),
    _p("x-expneg-max", "x*exp(-x) <= exp(-1)", X, "x e^-x has its maximum e^-1 at x = 1 (Mitrinovic 3.6); tight at 1"),
    _p("cosh-gauss", "(exp(x) + exp(-x))/2 <= exp(x**2/2)", ["x: real, -3 <= x <= 3"], "cosh x <= e^(x^2/2) (termwise: (2k)! >= 2^k k!)"),
    _p("gauss-taylor", "exp(-x**2/2) <= 1 - x**2/2 + x**4/8", X, "Taylor: even truncation at t = -x^2/2 <= 0"),
    _p("concave-chord", "1 - exp(-x) >= x/2", ["x: real, 0 <= x <= 1"], "concavity of 1 - e^-x, chord value 1 - 1/e > 1/2"),
    # -- log ------------------------------------------------------------------------------
    _p("log-tangent", "log(x) <= x - 1", XP, "A&S 4.1.33; tight at 1"),
    _p("log1p-lower", "log(1 + x) >= x/(1 + x)", ["x: real, x > -1"], "A&S 4.1.33"),
    _p("log1p-taylor3", "log(1 + x) <= x - x**2/2 + x**3/3", XN, "Taylor (alternating series), corpus t-log-taylor3"),
    _p("log1p-taylor2", "log(1 + x) >= x - x**2/2", XN, "Taylor (alternating series), corpus t-log-taylor2"),
    _p("log-pade11", "log(x) >= 2*(x - 1)/(x + 1)", ["x: real, x >= 1"], "atanh series ln x = 2(s + s^3/3 + ...), s = (x-1)/(x+1) (A&S 4.1.27)"),
    _p("log-geo-mean", "log(x) <= (x - 1)/sqrt(x)", ["x: real, x >= 1"], "logarithmic mean >= geometric mean (Mitrinovic 3.6)"),
    _p("log-arith", "log(x) <= (x**2 - 1)/(2*x)", ["x: real, x >= 1"], "ln x <= (x - 1/x)/2 for x >= 1 (Mitrinovic 3.6)"),
    _p("log-sqrt2", "log(x) <= 2*(sqrt(x) - 1)", XP, "corpus t-log-sqrt"),
    _p("log-sqrt", "log(x) <= sqrt(x)", XP, "corpus t-log-sqrt-huge"),
    _p("log-over-e", "log(x) <= x/E", XP, "corpus t-log-over-e; tight at the irrational point e"),
    _p("xlogx", "x*log(x) >= x - 1", XP, "corpus t-xlogx"),
    _p("log1p-sqrt", "log(1 + x) <= x/sqrt(1 + x)", XN, "log-geo-mean at 1 + x"),
    _p("log-less", "log(x) < x", XP, "ln x <= x - 1 < x"),
    _p("log1p-pade", "log(1 + x) >= 2*x/(2 + x)", XN, "log-pade11 at 1 + x"),
    _p("log-cf3-upper", "log(x) <= (x + 5)*(x - 1)/(2*(2*x + 1))", ["x: real, x >= 1"], "MetiTarski ln_upper_3 (AFP Log_CF_Bounds)"),
    _p("log-cf3-lower", "log(x) >= (1 + 5*x)*(x - 1)/(2*x*(2 + x))", ["x: real, 0 < x <= 1"], "MetiTarski ln_lower_3 (AFP Log_CF_Bounds)"),
    _p("log2-const", "log(2) < 0.7", [], "ln 2 = 0.6931..."),
    _p("log-tangent-2", "log(1 + x) <= log(2) + (x - 1)/2", ["x: real, x > -1"], "concavity of log(1 + x), tangent at x = 1"),
    _p("log-half", "log(x) <= x/2", XP, "max of ln x - x/2 is ln 2 - 1 < 0 at x = 2"),
    _p("log-diff-upper", "log(x + 1) - log(x) <= 1/x", XP, "ln(1 + 1/x) <= 1/x (A&S 4.1.33)"),
    _p("log-diff-lower", "log(x + 1) - log(x) >= 1/(x + 1)", XP, "ln(1 + 1/x) >= (1/x)/(1 + 1/x) (A&S 4.1.33)"),
    _p("log1p-square", "log(1 + x**2) <= x**2", X, "A&S 4.1.33 at x^2"),
    _p("softplus-lower", "log(1 + exp(x)) >= x", X, "log(1 + e^x) >= log(e^x)"),
    _p("softplus-quad", "log(1 + exp(x)) <= log(2) + x/2 + x**2/8", ["x: real, -4 <= x <= 4"], "log(1+e^x) = log 2 + x/2 + log cosh(x/2), log cosh t <= t^2/2 (Hoeffding's lemma)"),
    # -- sqrt -----------------------------------------------------------------------------
    _p("sqrt-bernoulli", "sqrt(1 + x) <= 1 + x/2", ["x: real, x >= -1"], "corpus t-bern-half"),
    _p("sqrt-taylor2", "sqrt(1 + x) >= 1 + x/2 - x**2/8", XN, "Taylor with the remainder of (1+x)^(1/2), x >= 0"),
    # -- sin / cos ------------------------------------------------------------------------
    _p("sin-upper", "sin(x) <= x", XN, "A&S 4.3 / corpus t-sin; tight at 0"),
    _p("sin-taylor3", "sin(x) >= x - x**3/6", XN, "Taylor: sin x - x + x^3/6 = int of (1 - cos) ... >= 0 for x >= 0"),
    _p("cos-taylor2", "cos(x) >= 1 - x**2/2", X, "corpus t-cos; tight at 0"),
    _p("cos-taylor4", "cos(x) <= 1 - x**2/2 + x**4/24", X, "Taylor: cos alternating bounds hold for every real x"),
    _p("jordan-3-5", "sin(x) >= 3*x/5", ["x: real, 0 <= x <= 1.5"], "Jordan's inequality sin x >= 2x/pi on [0, pi/2] (Mitrinovic 3.4.19), 3/5 < 2/pi"),
    _p("tan-ge-x", "x*cos(x) <= sin(x)", ["x: real, 0 <= x <= 1.5"], "tan x >= x on [0, pi/2) (Mitrinovic 3.4)"),
    _p("sin-taylor5", "sin(x) <= x - x**3/6 + x**5/120", XN, "Taylor: sin alternating bounds for x >= 0"),
    _p("cos-taylor6", "cos(x) >= 1 - x**2/2 + x**4/24 - x**6/720", X, "Taylor: cos alternating bounds hold for every real x"),
    _p("sin-cubic-10", "sin(x) <= x - x**3/10", ["x: real, 0 <= x <= 2"], "sin x <= x - x^3/6 + x^5/120 <= x - x^3/10 for x^2 <= 8"),
    _p("cos-recip", "cos(x) <= 1/(1 + x**2/2)", ["x: real, -1.5 <= x <= 1.5"], "cos x (1 + x^2/2) <= 1 on |x| <= 3/2 (Taylor bounds)"),
    _p("sin-plus-cos", "sin(x) + cos(x) <= 1.5", X, "sin x + cos x = sqrt(2) sin(x + pi/4) <= sqrt(2)"),
    _p("jordan-pi", "sin(x) >= 2*x/pi", ["x: real, 0 <= x <= 1.5"], "Jordan's inequality (Mitrinovic 3.4.19) on [0, 3/2] inside [0, pi/2]"),
    # -- atan -----------------------------------------------------------------------------
    _p("atan-upper", "atan(x) <= x", XN, "corpus t-atan; tight at 0"),
    _p("atan-taylor3", "atan(x) >= x - x**3/3", XN, "atan x = int 1/(1+t^2), 1/(1+t^2) >= 1 - t^2"),
    _p("atan-recip", "atan(x) >= x/(1 + x**2)", XN, "atan x >= x/(1 + x^2): derivative 2x^2/(1+x^2)^2 >= 0"),
    _p("atan-pade", "atan(x) >= 3*x/(3 + x**2)", XN, "derivative of atan x - 3x/(3 + x^2) is 4x^4/((1+x^2)(3+x^2)^2) >= 0"),
    _p("atan-bounded", "atan(x) < 1.6", X, "atan x < pi/2 < 1.6"),
    _p("atan-taylor5", "atan(x) <= x - x**3/3 + x**5/5", XN, "atan x = int 1/(1+t^2), 1/(1+t^2) <= 1 - t^2 + t^4"),
    _p("atan-quarter", "atan(x) >= pi/4", ["x: real, 1 <= x <= 2"], "atan increasing, atan 1 = pi/4; tight at 1"),
    # -- two variables --------------------------------------------------------------------
    _p("exp-sum", "exp(x + y) >= 1 + x + y", ["x: real", "y: real"], "A&S 4.2 at x + y"),
    _p("exp-product", "exp(x)*exp(y) >= 1 + x + y", ["x: real, 0 <= x <= 2", "y: real, 0 <= y <= 2"], "e^x e^y = e^(x+y) >= 1 + x + y"),
    _p("log-young", "x*log(x) - x + exp(y) >= x*y", ["x: real, 1/2 <= x <= 3", "y: real, -1 <= y <= 1"], "Young (Fenchel): x log x - x + e^y >= xy"),
    _p("sin-two", "sin(x)*sin(y) <= x*y", ["x: real, 0 <= x <= 1.5", "y: real, 0 <= y <= 1.5"], "0 <= sin x <= x on [0, pi/2]"),
    # -- the paper ------------------------------------------------------------------------
    _p("paper-union-N", "N*exp(-n*d/L**2) <= exp(log(N) - n*d/L**2)",
       ["N: real, N >= 1", "n: real, n >= 1", "d: real, d >= 1", "L: positive"], "paper, line 87 (N exp(-nd/L^2) = exp(log N - nd/L^2))"),
    _p("paper-hoeffding-tail", "2*exp(-t**2/8) <= 1/10", ["t: real, t >= 7"], "paper, line 168 (2 exp(-t^2/8)); 2 e^(-49/8) < 1/10"),
    _p("paper-21", "exp(-n*eps**2/72) <= exp(-n*eps**2/8**3)",
       ["n: real, n >= 1", "eps: real, 0 < eps < 1"], "paper (2.1): Hoeffding's exp(-2 n (eps/6)^2 / 4^... ) at least as strong as exp(-n eps^2/8^3)"),
    _p("paper-thm3-k", "4*k*exp(-n*eps**2/(8**4*k)) <= delta/2",
       ["k: real, k >= 1", "delta: real, 0 < delta < 1", "n: real, n >= 1", "eps: real, 0 < eps < 1"],
       "paper, line 178: 8^4 k log(8k/delta) <= n eps^2 makes 4k exp(-n eps^2/(8^4 k)) <= delta/2",
       assume=("8**4*k*log(8*k/delta) <= n*eps**2",)),
    _p("paper-slab", "exp(-d/8) <= 1/2", ["d: real, d >= 6"], "paper, Theorem 4 (e^(-Omega(d)) at d >= 6: e^(-3/4) < 1/2)"),
    _p("paper-lip", "exp(-n*d/L**2) <= exp(-n)", ["n: real, n >= 1", "d: real, d >= 1", "L: real, 0 < L <= 1"],
       "paper, line 85 (exp(-nd/Lip^2) for Lip <= 1 at d >= 1)"),
]


#: Held out: written after the backend was tuned on TRUE_PROBLEMS (ids start with "h-"), run as they are.
HELD_OUT = [
    _p("h-exp-taylor5", "exp(x) >= 1 + x + x**2/2 + x**3/6 + x**4/24 + x**5/120", X, "Taylor: odd truncation"),
    _p("h-expneg-taylor4", "exp(-x) <= 1 - x + x**2/2 - x**3/6 + x**4/24", XN, "Taylor: even truncation at -x <= 0"),
    _p("h-exp-pade-upper", "exp(x) <= (2 + x)/(2 - x)", ["x: real, 0 <= x < 2"], "Pade [1/1] of exp: e^x <= (2+x)/(2-x) on [0, 2) (Mitrinovic 3.6)"),
    _p("h-exp-pade-lower", "exp(x) >= (2 + x)/(2 - x)", ["x: real, -2 < x <= 0"], "Pade [1/1] of exp, x <= 0 (Mitrinovic 3.6)"),
    _p("h-log-topsoe", "log(1 + x) <= x*(6 + x)/(6 + 4*x)", XN, "Topsoe's bound ln(1+x) <= x(6+x)/(6+4x), x >= 0 (Pade [2/2])"),
    _p("h-log-cuberoot", "log(x) <= 3*(x**(1/3) - 1)", XP, "ln x = 3 ln x^(1/3) <= 3 (x^(1/3) - 1) (A&S 4.1.33)"),
    _p("h-tan-ge-x-3", "x*cos(x) <= sin(x)", ["x: real, 0 <= x <= 3"], "tan x >= x on [0, pi/2), cos <= 0 <= sin on [pi/2, 3] (Mitrinovic 3.4)"),
    _p("h-cos-kober", "cos(x) <= 1 - 4*x**2/pi**2", ["x: real, 0 <= x <= 1.5"], "cos x <= 1 - 4x^2/pi^2 on [0, pi/2] (Mitrinovic 3.4)"),
    _p("h-atan-chord", "atan(x) >= pi*x/4", ["x: real, 0 <= x <= 1"], "atan concave on [0, 1], chord to (1, pi/4); tight at both ends"),
    _p("h-xlog1p", "(1 + x)*log(1 + x) >= x", ["x: real, x > -1"], "f = (1+x) ln(1+x) - x: f(0) = 0, f' = ln(1 + x)"),
    _p("h-cosh-gauss-all", "exp(x) + exp(-x) <= 2*exp(x**2/2)", X, "cosh x <= e^(x^2/2) for every real x (termwise)"),
    _p("h-pow2-chord", "2**x <= 1 + x", ["x: real, 0 <= x <= 1"], "convexity of 2^x, chord from (0, 1) to (1, 2)"),
    _p("h-sqrt-log1p", "log(1 + x) <= sqrt(x)", XN, "ln(1+x) <= x/sqrt(1+x) <= sqrt(x)"),
    _p("h-gauss-tangent", "exp(-x**2) >= 1 - x**2", X, "A&S 4.2 at -x^2"),
    _p("h-sin-square", "sin(x)**2 <= x**2", X, "|sin x| <= |x| (A&S 4.3)"),
    _p("h-cos-double", "cos(2*x) >= 1 - 2*x**2", X, "cos u >= 1 - u^2/2 at u = 2x"),
    _p("h-xexp", "x*exp(x) >= exp(x) - 1", X, "g = x e^x - e^x + 1: g(0) = 0, g' = x e^x"),
    _p("h-log1p-neg", "log(1 + x) <= x - x**2/2 + x**3/3", ["x: real, -1/2 <= x <= 0"], "Taylor of log(1+x), all terms negative for x < 0"),
    _p("h-atan-sum", "atan(x) + atan(1/x) >= 1.5", XP, "atan x + atan(1/x) = pi/2 for x > 0"),
    _p("h-paper-union", "N*exp(-n*d/L**2) <= 1/N",
       ["N: real, N >= 2", "n: real, n >= 1", "d: real, d >= 1", "L: positive"],
       "paper, line 90: with L^2 <= nd/(2 log N), N exp(-nd/L^2) <= exp(log N - 2 log N) = 1/N",
       assume=("2*L**2*log(N) <= n*d",)),
]


def _mutant_texts(p: Problem):
    """Candidate false variants of a true problem: shift by a small constant, scale, flip."""
    import re
    s = p.statement
    m = re.search(r"(<=|>=|<|>)", s)
    if not m:
        return []
    lhs, op, rhs = s[:m.start()].strip(), m.group(1), s[m.end():].strip()
    big = op in (">=", ">")          # lhs is the bigger side
    out = []
    for eps in ("1/100", "1/10"):
        if big:
            out.append((f"shift{eps}", f"{lhs} >= {rhs} + {eps}"))
        else:
            out.append((f"shift{eps}", f"{lhs} + {eps} <= {rhs}"))
    if big:
        out.append(("scale", f"{lhs} >= (11/10)*({rhs})"))
    else:
        out.append(("scale", f"(11/10)*({lhs}) <= {rhs}"))
    flip = {"<=": ">", ">=": "<", "<": ">=", ">": "<="}[op]
    out.append(("flip", f"{lhs} {flip} {rhs}"))
    return out


def mutants(problems=TRUE_PROBLEMS, grid: int = 400):
    """The false mutants of ``problems`` that an exact grid point certifies false (see the module docstring)."""
    from symbolic.parse import parse_check
    out = []
    for p in problems:
        for tag, text in _mutant_texts(p):
            try:
                concl, hyps, domain = parse_check(text, list(p.assume), list(p.vars))
            except Exception:
                continue
            w = _witness(concl, hyps, domain, grid)
            if w is not None:
                out.append(Problem(f"{p.id}~{tag}", text, p.vars, p.assume, f"mutant of {p.id}", False, w))
    return out


def _grid(v, n):
    import sympy
    lo, hi = v.regime_box()
    lo, hi = max(lo, -20), min(hi, 20) if hi > -20 else hi
    if lo >= hi:
        lo, hi = v.regime_box()
    pts = {lo + (hi - lo) * sympy.Rational(i, n) for i in range(n + 1)}
    pts |= {sympy.Rational(k, 8) for k in range(-160, 161)}
    return sorted(c for c in pts if v.contains(c))


def _witness(concl, hyps, domain, n):
    """An exact point (name -> text) with every hypothesis certainly true and ``concl`` certainly false."""
    import itertools
    from symbolic.backends.arb_eval import holds
    from symbolic.errors import LawauditError
    per = max(3, int(n ** (1 / max(1, len(domain)))))
    axes = [_grid(v, per) if len(domain) > 1 else _grid(v, n) for v in domain]
    for combo in itertools.islice(itertools.product(*axes), 20000):
        point = {v.symbol: c for v, c in zip(domain, combo)}
        try:
            if all(holds(h, point) is True for h in list(hyps) + domain.constraints()) and holds(concl, point) is False:
                return {v.name: str(c) for v, c in zip(domain, combo)}
        except (LawauditError, ZeroDivisionError, ValueError):
            continue
    return None
