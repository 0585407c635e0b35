"""Issue 17: the Coq export's plans for products, powers and case splits, each on a true statement
it closes (where marked, one no other plan closes) and on a false neighbour that makes coqc fail.

Apart from :mod:`tests.symbolic.test_coq_plans` so that pytest-xdist, which gives each file to one
worker, can run the two halves side by side.  Skipped where coqc or csdp is not on the PATH.
"""
from __future__ import annotations

import pytest

from symbolic.coq import runner
from symbolic.coq.export import export

from .coq_helpers import FALSE_TIMEOUT, needs_coqc, needs_csdp, obligation as _ob


# Each case below: a true statement that its plan closes (where ``switch`` names the plan, no other
# plan closes it: with the plan switched off, coqc fails), and a false neighbour that makes coqc fail.
_CLIP = "Max(-1, Min(1, {}))"
_GEO = (["A: nonnegative", "e: positive", "n: integer, n >= 1", "k: integer, k >= 1", "s: nonnegative", "r: positive"],
        ["A >= e*n/6", "s**2 <= k*n", "Eq(k*r**2, n)"])
_LOGS = ["p: real, p >= 1", "C: positive", "u: positive"]
_CLEARED = (["c: positive", "L: positive", "eps: positive", "n: integer, n >= 1", "d: integer, d >= 1",
             "delta: real, 0 < delta < 1"], ["-log(delta) + log(60) > 0", "2**18*c*L**2*(log(60) - log(delta)) <= d*n*eps**2"])
_ABSTRACT = (["W: real, W >= 1", "Q: integer, Q >= 1", "p: integer, p >= 1", "a: nonnegative", "b: nonnegative"],
             ["a <= W*sqrt(Q)*sqrt(p)", "b <= W*sqrt(Q)*sqrt(p)"])


@needs_coqc
@needs_csdp
@pytest.mark.parametrize("specs,concl,hyps,marker,status,switch", [
    # one case split per Rmax/Rmin/Rabs term (it took 37 s of splits on this before, 5185 branches)
    (["u: real", "v: real"], f"Abs({_CLIP.format('u')} - {_CLIP.format('v')}) <= Abs(u - v)", [], "la_cases",
     "checked", None),
    (["u: real", "v: real"], f"Abs({_CLIP.format('u')} - {_CLIP.format('v')}) <= Abs(u - v)/2", [], "la_cases",
     "failed", None),
    # geometric mean: s r <= n from s^2 <= k n and k r^2 = n
    (_GEO[0], "A >= s*e*r/6", _GEO[1], "la_le_by_sq", "checked", "_product_bounds"),
    (_GEO[0], "A >= s*e*r/3", _GEO[1], "la_le_by_sq", "failed", None),
    # logarithms: sqrt(C) (sqrt(C) sqrt(u))^(p-1) / sqrt(u) = C^(p/2) u^(p/2 - 1)
    (_LOGS, "Eq(p*sqrt(C)/sqrt(u)*(sqrt(C)*sqrt(u))**(p - 1)*exp(-u), p*C**(p/2)*u**(p/2 - 1)*exp(-u))", [],
     "la_ln_eq", "checked", "_product_equation"),
    (_LOGS, "Eq(p*sqrt(C)/sqrt(u)*(sqrt(C)*sqrt(u))**(p - 1)*exp(-u), p*C**(p/2)*u**(p/2)*exp(-u))", [],
     "la_ln_eq", "failed", None),
    # cleared, logarithms read as atoms: multiply by 2^18 c L^2
    (*_CLEARED[:1], "log(60) - log(delta) - d*n*eps**2/(2**18*L**2*c) <= 0", _CLEARED[1], "la_clear_le", "checked",
     "_cleared"),
    (*_CLEARED[:1], "log(60) - log(delta) - d*n*eps**2/(2**19*L**2*c) <= 0", _CLEARED[1], "la_clear_le", "failed",
     None),
    # two spellings of one exp argument: (s/2 - t)^2 and (t - s/2)^2
    (["s: real", "t: real"], "Eq(2*exp(-(s/2 - t)**2)*exp(s**2/4), exp(-(t - s/2)**2)*exp(s**2/4) + exp(-(s/2 - t)**2)*exp(s**2/4))",
     [], "replace", "checked", None),
    (["s: real", "t: real"], "Eq(2*exp(-(s/2 - t)**2)*exp(s**2/4), exp(-(t + s/2)**2)*exp(s**2/4) + exp(-(s/2 - t)**2)*exp(s**2/4))",
     [], "la_solve", "failed", None),
    # abstraction: a, b <= M = W sqrt(Q) sqrt(p) and M >= 1 give a b <= M^3
    (*_ABSTRACT[:1], "a*b <= W**3*sqrt(Q)**3*sqrt(p)**3", _ABSTRACT[1], "clearbody M", "checked", "_abstracted"),
    (*_ABSTRACT[:1], "a*b <= W*sqrt(Q)*sqrt(p)", _ABSTRACT[1], "la_solve", "failed", None),
    # squared, in a conjunction and with the constant pi: sqrt(d - 1)/sqrt(d) = sqrt(1 - 1/d)
    (["d: integer, d >= 3"], "(d > 0) & Eq(sqrt(2)/sqrt(pi)*sqrt(d - 1)/sqrt(d), sqrt(2)/sqrt(pi)*sqrt(1 - 1/d))", [],
     "la_sq_field", "checked", None),
    (["d: integer, d >= 3"], "(d > 0) & Eq(sqrt(2)/sqrt(pi)*sqrt(d - 1)/sqrt(d), sqrt(2)/sqrt(pi)*sqrt(1 - 2/d))", [],
     "la_sq_field", "failed", None),
], ids=["cases", "cases-false", "geometric-mean", "geometric-mean-false", "logarithms", "logarithms-false",
        "cleared-atoms", "cleared-atoms-false", "same-arguments", "same-arguments-false", "abstraction",
        "abstraction-false", "squared-conjunction", "squared-conjunction-false"])
def test_the_plans_for_products_powers_and_cases(specs, concl, hyps, marker, status, switch, tmp_path, monkeypatch):
    from symbolic.coq import script
    ob = _ob(specs, concl, hyps)
    path = tmp_path / "s.v"
    path.write_text(export(ob).text)
    assert marker in path.read_text()
    res = runner.check_file(str(path), ob, timeout=120 if status == "checked" else FALSE_TIMEOUT)
    assert res.status == status, res.reason
    if switch:                       # and no other plan closes it
        monkeypatch.setattr(script, switch, lambda *args: [] if switch != "_product_equation" else False)
        path.write_text(export(ob).text)
        assert runner.check_file(str(path), ob, timeout=FALSE_TIMEOUT).status == "failed"
