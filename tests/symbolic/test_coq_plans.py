"""Issue 17: the proof plans of the Coq export, each on a true statement it closes (where marked,
one no other plan closes) and on a false neighbour that makes coqc fail.

Skipped where coqc (or, for psatz, csdp) is not on the PATH.
"""
from __future__ import annotations

import pytest
import sympy

from symbolic.coq import runner
from symbolic.coq.export import export
from symbolic.domain import Domain, Obligation

from .coq_helpers import FALSE_TIMEOUT, check_exported, needs_coqc, needs_csdp, obligation as _ob


@needs_coqc
@pytest.mark.parametrize("specs,concl,hyps", [
    (["x: real, 0 <= x <= 1"], "x**2 <= x", []),
    (["x: real", "n: integer, n >= 1"], "exp(-x**2*n) <= exp(0)", []),
    (["a: real", "b: real"], "Abs(a + b) <= Abs(a) + Abs(b)", []),
    (["t: real, t >= 1"], "log(t) <= t - 1", []),
    # the squares plan: (b - c)^2 >= 0 closes it linearly
    (["a: real", "b: real", "c: real"], "a**2 + 2*a*b + b**2 - 2*b*c + c**2 >= -1", ["a**2 >= 1", "a*b >= -1"]),
    # the bounds plan: a^2 <= m^2 gives -m <= a <= m
    (["a: real", "b: real", "t: real, 0 <= t <= 1", "m: real, m >= 0", "k: real, k >= 0"],
     "(a*(1 - t) + b*t)**2 <= (m*(1 - t) + k*t)**2", ["a**2 <= m**2", "b**2 <= k**2"]),
    # the ln-split plan: ln of a product and of a power rewritten into a sum
    (["p: integer, p >= 1", "u: real, u > 0", "w: real, w > 0"], "Eq(log((u*w)**p), p*log(u) + p*log(w))", []),
    # the lean plan: signs of logarithms whose arguments are at least 1
    (["D: integer, D >= 1", "Q: real, Q >= 1", "W: real, W >= 1"], "D*(log(Q)/2 + log(W)) <= D*(log(Q) + log(W))", []),
    # an equation substituted, then exp's monotonicity and field
    (["s: real", "t: real", "c: real, c > 0"], "exp(-s**2/(2*c)) <= exp(-t**2/2)", ["Eq(s**2, c*t**2)"]),
    # the products plan (no plan before it closes this): W2^2 (h-g)^2 <= W2^2 W1^2 (x-y)^2 <= b^2 (x-y)^2,
    # nra with 0 <= W2^2 and 0 <= (x-y)^2
    (["W1: real", "W2: real", "x: real", "y: real", "h: real", "g: real", "b: real, b >= 0"],
     "W2**2*(h - g)**2 <= b**2*(x - y)**2", ["(h - g)**2 <= W1**2*(x - y)**2", "W1**2*W2**2 <= b**2"]),
], ids=["poly", "exp-monotone", "abs", "log", "squares", "bounds", "ln-split", "ln-signs", "substitution", "products"])
def test_true_statements_are_checked(specs, concl, hyps, tmp_path):
    res = check_exported(_ob(specs, concl, hyps), tmp_path)
    assert res.status == "checked", res.reason


def _sqrt_identity(factor):
    """``A sqrt(m) / sqrt(l + e p) = A sqrt(m) / (sqrt(p) sqrt(e + factor l/p))`` (true for factor 1)."""
    D = Domain.parse(["A: positive", "m: positive", "p: integer, p >= 1", "e: positive", "l: positive"])
    A, m, p, e, l = D.symbols()
    sq = sympy.sqrt
    return Obligation(sympy.Eq(A * sq(m) / sq(l + e * p), A * sq(m) / (sq(p) * sq(e + factor * l / p)),
                               evaluate=False), (), D)


def _cauchy_schwarz(bound):
    """``s1 + s2 + s3 <= bound`` with ``n = s1^2 + s2^2 + s3^2``: true for ``2 sqrt(n)`` (the square
    of the sum is at most ``3 n``), false for ``sqrt(n)`` at ``s = 1``."""
    return _ob(["s1: nonnegative", "s2: nonnegative", "s3: nonnegative", "n: nonnegative"],
               f"s1 + s2 + s3 <= {bound}", ["Eq(n, s1**2 + s2**2 + s3**2)"])


@needs_coqc
@pytest.mark.parametrize("ob,tactic,status", [
    (_sqrt_identity(1), "la_sq_field", "checked"), (_sqrt_identity(2), "la_sq_field", "failed"),
    (_cauchy_schwarz("2*sqrt(n)"), "la_sq_le", "checked"), (_cauchy_schwarz("sqrt(n)"), "la_sq_le", "failed"),
], ids=["equation", "equation-false", "bound", "bound-false"])
def test_the_squared_plans(ob, tactic, status, tmp_path, monkeypatch):
    from symbolic.coq import script
    assert tactic in export(ob).text
    assert check_exported(ob, tmp_path, timeout=120 if status == "checked" else FALSE_TIMEOUT).status == status
    if status == "checked":          # and no other plan closes it
        monkeypatch.setattr(script, "_sqrt_relation", lambda tr, exprs, kinds: False)
        path = tmp_path / "without.v"
        path.write_text(export(ob).text)
        assert runner.check_file(str(path), ob, timeout=FALSE_TIMEOUT).status == "failed"


@needs_coqc
@needs_csdp
def test_the_cleared_plan_multiplies_out_the_denominators(tmp_path):
    # the minimum over lam of C a lam^2 - lam t is -t^2/(4 C a): after multiplying by 4 C a, the
    # square (2 C a lam - t)^2; no plan before this one closes it
    ob = _ob(["a: positive", "C: positive", "t: positive", "lam: real"], "-lam*t + C*a*lam**2 >= -t**2/(4*C*a)")
    text = export(ob).text
    assert "eapply (la_clear_ge (4 * v_C * v_a)" in text
    res = check_exported(ob, tmp_path, "true.v")
    assert res.status == "checked", res.reason
    false = _ob(["a: positive", "C: positive", "t: positive", "lam: real"], "-lam*t + C*a*lam**2 >= -t**2/(8*C*a)")
    res = check_exported(false, tmp_path, "false.v")
    assert res.status == "failed" and "coqc rejected" in res.reason


@needs_coqc
@pytest.mark.parametrize("specs,concl,hyps", [
    (["x: real, 0 <= x <= 2"], "x**2 <= x", []),
    (["x: real", "n: integer, n >= 0"], "exp(-x**2*n) < exp(0)", []),
    (["t: real, t > 0"], "log(t) <= t - 2", []),
    (["x: real, 0 < x"], "1/x <= 1", ["x >= 1/2"]),
    (["a: real", "b: real", "c: real"], "a**2 + 2*a*b + b**2 - 2*b*c + c**2 >= 0", ["a**2 >= 1", "a*b >= -1"]),
    (["a: real", "b: real", "t: real, 0 <= t <= 1", "m: real, m >= 0", "k: real, k >= 0"],
     "(a*(1 - t) + b*t)**2 <= (m*(1 - t) + k*t)**2", ["a**2 <= m**2", "b**2 <= 2*k**2"]),
    (["p: integer, p >= 1", "u: real, u > 0", "w: real, w > 0"], "Eq(log((u*w)**p), p*log(u) + log(w))", []),
    (["D: integer, D >= 1", "Q: real, Q >= 1", "W: real, W >= 1"], "D*(log(Q) + log(W)) <= D*(log(Q)/2 + log(W))", []),
    (["s: real", "t: real", "c: real, c > 0"], "exp(-s**2/(2*c)) <= exp(-t**2)", ["Eq(s**2, c*t**2)"]),
    # false at W1 = W2 = h = x = 1, g = y = 0, b^2 = 1/2
    (["W1: real", "W2: real", "x: real", "y: real", "h: real", "g: real", "b: real, b >= 0"],
     "W2**2*(h - g)**2 <= b**2*(x - y)**2", ["(h - g)**2 <= W1**2*(x - y)**2", "W1**2*W2**2 <= 2*b**2"]),
], ids=["poly", "exp-strict", "log", "division", "squares", "bounds", "ln-split", "ln-signs", "substitution", "products"])
def test_false_statements_make_coqc_fail(specs, concl, hyps, tmp_path):
    res = check_exported(_ob(specs, concl, hyps), tmp_path)
    assert res.status == "failed" and "coqc rejected" in res.reason


@needs_coqc
@pytest.mark.parametrize("specs,concl,tactic,status,only", [
    # sqrt X <= S with S = a^2 + b^2 and X = S^2 - 4 a^2 b^2 (= (a^2 - b^2)^2): no other plan closes
    # it; with + 4 a^2 b^2, false at a = b = 1
    (["a: real", "b: real"], "a**2/2 + b**2/2 + sqrt((a**2 + b**2)**2 - 4*a**2*b**2)/2 <= a**2 + b**2",
     "la_sqrt_le_of", "checked", True),
    (["a: real", "b: real"], "a**2/2 + b**2/2 + sqrt((a**2 + b**2)**2 + 4*a**2*b**2)/2 <= a**2 + b**2",
     "la_sqrt_le_of", "failed", False),
    # S <= sqrt(S^2 + 4 a^2 b^2); with S + 1, false at a = b = 0
    (["a: real", "b: real"], "sqrt((a**2 + b**2)**2 + 4*a**2*b**2) - a**2 >= b**2", "la_sqrt_ge_of", "checked", False),
    (["a: real", "b: real"], "sqrt((a**2 + b**2)**2 + 4*a**2*b**2) - a**2 >= b**2 + 1", "la_sqrt_ge_of", "failed", False),
], ids=["upper", "upper-false", "lower", "lower-false"])
def test_the_isolated_sqrt_plan(specs, concl, tactic, status, only, tmp_path, monkeypatch):
    from symbolic.coq import script
    ob = _ob(specs, concl)
    assert tactic in export(ob).text
    res = check_exported(ob, tmp_path)
    assert res.status == status, res.reason
    if only:                         # and no other plan closes it
        monkeypatch.setattr(script, "_sqrt_isolated", lambda tr, exprs: [])
        path = tmp_path / "without.v"
        path.write_text(export(ob).text)
        assert runner.check_file(str(path), ob, timeout=FALSE_TIMEOUT).status == "failed"


@needs_coqc
@pytest.mark.parametrize("half,status", [("", "checked"), ("/2", "failed")], ids=["true", "false"])
def test_the_conjuncts_plan_uses_the_conjuncts_proved_before(half, status, tmp_path):
    # the second conjunct follows from the first (a product of two bounded squares); halved, it is
    # false at a1 = a2 = c = n1 = n2 = 1
    seg = "(a1*(1 - t) + a2*t)**2"
    ob = _ob(["a1: real", "a2: real", "c: real", "t: real, 0 <= t <= 1", "n1: nonnegative", "n2: nonnegative"],
             f"({seg} <= n1**2) & ({seg}*c**2 <= n1**2*n2**2{half})",
             ["a1**2 <= n1**2", "a2**2 <= n1**2", "c**2 <= n2**2"])
    assert "la_conj" in export(ob).text
    res = check_exported(ob, tmp_path)
    assert res.status == status, res.reason
