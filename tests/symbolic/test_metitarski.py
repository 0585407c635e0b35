"""MetiTarski-style backend: true statements proved, false ones never, certificates replay."""
from __future__ import annotations

import pytest
import sympy

from symbolic import check, kernel
from symbolic.backends import metitarski, smt
from symbolic.backends.meti_axioms import placement
from symbolic.domain import Domain, Obligation
from symbolic.verdict import Certificate

R = sympy.Rational
exp, log, sin, cos, atan, sqrt, pi = sympy.exp, sympy.log, sympy.sin, sympy.cos, sympy.atan, sympy.sqrt, sympy.pi

TRUE = [
    (["x: nonnegative"], lambda x: sin(x) <= x),
    (["x: nonnegative"], lambda x: exp(-x) <= 1 / (1 + x)),
    (["x: real, x > -1"], lambda x: 1 / (1 + x) >= exp(-x)),
    (["x: real"], lambda x: exp(x) >= 1 + x + x ** 2 / 2 + x ** 3 / 6),
    (["x: real"], lambda x: cos(x) <= 1 - x ** 2 / 2 + x ** 4 / 24),
    (["x: real"], lambda x: sin(x) + cos(x) <= R(3, 2)),
    (["x: nonnegative"], lambda x: atan(x) >= 3 * x / (3 + x ** 2)),
    (["x: real, x >= 1"], lambda x: log(x) <= (x + 5) * (x - 1) / (2 * (2 * x + 1))),
    (["x: real, 0 < x <= 1"], lambda x: log(x) >= (1 + 5 * x) * (x - 1) / (2 * x * (2 + x))),
    (["x: real, x >= 5"], lambda x: x ** 3 <= exp(x)),
    (["x: real, 0 <= x <= 1"], lambda x: exp(x) <= R(272, 100)),
    (["x: real, 0 <= x <= 3/2"], lambda x: sin(x) >= 2 * x / pi),
    (["x: positive"], lambda x: log(x) <= 2 * (sqrt(x) - 1)),        # after x = y^2
    (["x: real, x >= 1"], lambda x: log(x) <= (x - 1) / sqrt(x)),
    (["x: real"], lambda x: exp(x) >= sympy.E * x),                   # ratio of exp(x) and exp(1)
    (["x: real"], lambda x: x * exp(-x) <= exp(-1)),
    (["x: positive"], lambda x: log(x + 1) - log(x) <= 1 / x),        # ratio of two log terms
    (["x: real, x > -1"], lambda x: log(1 + x) <= log(2) + (x - 1) / 2),
    (["x: real"], lambda x: log(1 + exp(x)) >= x),                    # exp-log link
]

FALSE = [   # each with a point where it fails
    (["x: nonnegative"], lambda x: sin(x) <= x - x ** 3 / 7, {"x": "3"}),
    (["x: nonnegative"], lambda x: exp(-x) + R(1, 100) <= 1 / (1 + x), {"x": "0"}),
    (["x: real"], lambda x: exp(x) >= 1 + x + x ** 2 / 2, {"x": "-1"}),
    (["x: real, 0 <= x <= 1"], lambda x: exp(x) <= R(2718, 1000), {"x": "1"}),
    (["x: real, x >= 1"], lambda x: log(x) <= 2 * (x - 1) / (x + 1), {"x": "2"}),
    (["x: real, 0 <= x <= 2"], lambda x: sin(x) >= 2 * x / pi, {"x": "2"}),
    (["x: nonnegative"], lambda x: atan(x) >= x - x ** 3 / 4, {"x": "1/2"}),
    (["x: real"], lambda x: sin(x) + cos(x) <= R(141, 100), {"x": "3/4"}),
    (["x: positive"], lambda x: log(x) <= sqrt(x) - 1, {"x": "4"}),
    (["x: real, x >= 1"], lambda x: log(x) <= (x - 1) / (2 * sqrt(x)), {"x": "4"}),
    (["x: real"], lambda x: exp(x) >= sympy.E * x + R(1, 100), {"x": "1"}),
    (["x: positive"], lambda x: log(x + 1) - log(x) <= 1 / (x + 1), {"x": "1"}),
    (["x: real"], lambda x: log(1 + exp(x)) >= x + R(1, 10 ** 6), {"x": "20"}),
]


def _ob(specs, f):
    D = Domain.parse(specs)
    return Obligation(f(*D.symbols()), (), D)


@pytest.mark.parametrize("specs,f", TRUE)
def test_true_statements_are_proved_and_replay(specs, f):
    ob = _ob(specs, f)
    out = metitarski.decide(ob, timeout=10)
    assert out.verdict == "proved", out.detail
    assert out.certificate.data["method"] == "metitarski" and out.certificate.data["axioms"]
    assert metitarski.replay_certificate(ob, out.certificate)


@pytest.mark.parametrize("specs,f,point", FALSE)
def test_false_statements_are_never_proved(specs, f, point):
    ob = _ob(specs, f)
    from tests.soundness.judge import refutes
    assert refutes(ob, point)                       # it is false, independently of the backend
    out = metitarski.decide(ob, timeout=5)
    assert out.verdict in ("unknown", "refuted")
    if out.verdict == "refuted":                   # only with a counterexample that re-checks
        assert refutes(ob, out.counterexample)


def test_through_check_and_the_kernel():
    D = Domain.parse(["x: real, x >= 0"])
    x = D.symbols("x")
    ob = Obligation(sin(x) <= x, (), D)
    v = check(sin(x) <= x, domain=D)
    assert (v.verdict, v.method) == ("proved", "z3") and "certified bound axioms" in v.detail
    fact = kernel.decide(ob, v, "test")
    assert kernel.replay(fact) is True


def test_tampered_certificates_do_not_replay():
    ob = _ob(["x: nonnegative"], lambda x: atan(x) <= x)
    cert = metitarski.decide(ob).certificate
    data = cert.data
    dropped = Certificate("z3", "proved", {**data, "axioms": data["axioms"][:-1]})
    assert not metitarski.replay_certificate(ob, dropped)
    forged = dict(data["axioms"][0], bound="exp-lower-taylor9")
    assert not metitarski.replay_certificate(ob, Certificate("z3", "proved", {**data, "axioms": [forged] + data["axioms"][1:]}))
    assert not metitarski.replay_certificate(ob, Certificate("z3", "proved", {**data, "level": 7}))
    other = _ob(["x: nonnegative"], lambda x: atan(x) <= x - x ** 3 / 4)
    assert not metitarski.replay_certificate(other, cert)


def test_the_certificate_records_pieces_and_bounds():
    ob = _ob(["x: real, x >= 5"], lambda x: x ** 3 <= exp(x))
    data = metitarski.decide(ob).certificate.data
    assert data["level"] == 1
    shifts = [a["shift"] for a in data["axioms"] if a["shift"]]
    assert shifts and all(s[0] == "exp" for s in shifts)
    piece = next(a for a in data["axioms"] if a["shift"] and "lower" in a["bound"]
                 and R(a["guard"][0]) <= 6 <= R(a["guard"][1]))
    a = R(piece["shift"][1])
    assert piece["t"] == f"u - {a}" and R(piece["guard"][0]) == a
    # the scale is below e^a, and close to it
    e_a = float(sympy.exp(a))
    assert e_a * (1 - 1e-12) < float(R(piece["scale"])) <= e_a


def test_no_transcendental_term_is_left_to_smt():
    out = metitarski.decide(_ob(["x: real"], lambda x: x ** 2 >= x - 1))
    assert out.verdict == "unknown" and "no exp" in out.detail


def test_placement_is_a_finite_enclosure():
    D = Domain.parse(["x: real, 0 <= x <= 2"])
    A, B = placement(2 * D.symbols("x") + 1, D)
    assert A <= 1 and B >= 5
    E = Domain.parse(["x: real"])
    A, B = placement(E.symbols("x"), E)
    assert A <= -32 and B >= 32


def test_sqrt_substitution():
    from symbolic.backends.meti_sqrt import sqrt_substitute
    D = Domain.parse(["x: real, 1/4 <= x <= 9", "z: real, 2 <= z <= 3"])
    x, z = D.symbols()
    sub, names = sqrt_substitute(Obligation(log(x) + sqrt(z) <= sqrt(x) * z, (), D))
    y = sub.domain["x_sqrt"]
    assert names == {"x": "x_sqrt"} and (y.lo, y.hi) == (R(1, 2), 3)      # z = 2 is not a square
    assert sub.conclusion == (2 * log(y.symbol) + sqrt(z) <= y.symbol * z)
    same, none = sqrt_substitute(Obligation(log(x) <= x, (), D))
    assert none == {} and same.domain == D


@pytest.mark.parametrize("a,b", [(R(-3), R(2)), (R(1, 3), R(7)), (R(5), R(5, 2)), (R(-40), R(-1, 9))])
def test_ratio_and_link_axioms_hold_in_arb(a, b):
    from symbolic.backends.arb_eval import to_arb
    ea, eb = to_arb(exp(a), {}), to_arb(exp(b), {})
    assert ea >= eb * (1 + to_arb(a - b, {}))                        # exp ratio
    if a > 0 and b > 0:
        assert to_arb(b * (log(a) - log(b)) - (a - b), {}) <= 0       # log ratio
        # link: exp(w) against u = a at w = log(a) +- 1/10
        assert to_arb(exp(log(a) - R(1, 10)) - a, {}) <= 0 <= to_arb(exp(log(a) + R(1, 10)) - a, {})
        assert to_arb(a * exp(-log(a) - R(1, 10)) - 1, {}) <= 0 <= to_arb(a * exp(-log(a) + R(1, 10)) - 1, {})


def _benchmark_mutants():
    from benchmarks.transcendental_set import HELD_OUT, TRUE_PROBLEMS, mutants
    return mutants((list(TRUE_PROBLEMS) + list(HELD_OUT))[::6], grid=120)


@pytest.mark.parametrize("m", _benchmark_mutants(), ids=lambda m: m.id)
def test_benchmark_mutants_are_never_proved(m):
    """False mutants of the transcendental benchmark (each refuted by an arb-certified grid point)."""
    from symbolic.parse import parse_check
    from tests.soundness.judge import refutes
    concl, hyps, domain = parse_check(m.statement, list(m.assume), list(m.vars))
    ob = Obligation(concl, tuple(hyps), domain)
    assert refutes(ob, m.witness)
    out = metitarski.decide(ob, timeout=2)
    assert out.verdict != "proved", out.detail
    if out.verdict == "refuted":
        assert refutes(ob, out.counterexample)


def test_the_kernel_sends_a_metitarski_certificate_to_its_own_replay():
    dom = Domain.parse(["x: real, 0 <= x <= 3"])
    (x,) = dom.symbols()
    ob = Obligation(sympy.sin(x) <= x, (), dom)
    out = metitarski.decide(ob)
    assert out.verdict == "proved"
    assert not smt.replay_certificate(ob, out.certificate)       # z3 alone cannot re-check it ...
    from symbolic.check import check_obligation
    v = check_obligation(ob)
    assert v.certificate.data.get("method") in ("metitarski", None)
    assert kernel.replay(kernel.decide(ob, v, "test"))   # ... the kernel routes it


def test_level_one_is_not_tried_beyond_its_term_limit():
    D = Domain.parse(["x: positive", "y: positive", "z: positive", "w: positive"])
    x, y, z, w = D.symbols()
    four = Obligation(log(x) + log(y) + log(z) + log(w) <= x * y * z * w, (), D)
    three = Obligation(log(x) + log(y) + log(z) <= x * y * z, (), D)
    assert metitarski.LEVEL1_MAX_TERMS == 3
    tr, s, res = metitarski._attempt(four, 1, 1.0)
    assert (len(tr.terms), s, res) == (4, None, None)
    tr, s, res = metitarski._attempt(three, 1, 1.0)
    assert len(tr.terms) == 3 and res is not None and smt.spent(s) > 0


def test_spent_counts_resource_units_not_seconds():
    D = Domain.parse(["x: real"])
    x = D.symbols("x")
    tr = smt.Translation(Obligation(x ** 2 >= 2 * x - 1, (), D))
    assertions, _, _ = tr.query()
    s, res = smt._solve(assertions, tr.ctx, 1.0, tactic="qfnra-nlsat")
    first = smt.spent(s)
    assert str(res) == "unsat" and 0 < first < 1.0
    s2, _ = smt._solve(assertions, tr.ctx, 1.0, tactic="qfnra-nlsat")
    assert smt.spent(s2) > first                  # the count is the context's, cumulative


def test_level_one_is_skipped_once_a_counterexample_is_known():
    ob = _ob(["x: real, x >= 5"], lambda x: x ** 3 <= exp(x))      # level 1 proves it (above)
    asked = []
    out = metitarski.decide(ob, refuted_elsewhere=lambda: asked.append(1) or True)
    assert out.verdict == "unknown" and "not tried (a certified counterexample is known)" in out.detail
    assert asked == [1]                                                # asked once, before level 1
    assert metitarski.decide(ob, refuted_elsewhere=lambda: False).verdict == "proved"


def test_integer_variables_are_relaxed_at_level_one_and_models_rounded():
    D = Domain.parse(["n: integer, n >= 1", "x: real"])
    n, x = D.symbols()
    ob = Obligation(exp(-n) <= x, (), D)
    assert metitarski._Translation(ob, 0).vars[n].sort().name() == "Int"
    tr = metitarski._Translation(ob, 1)
    assert all(v.sort().name() == "Real" for v in tr.vars.values())    # level 1: the real relaxation
    point = {n: sympy.Rational(3, 2), x: sympy.Rational(1, 3)}
    assert [c[n] for c in metitarski._roundings(ob, point)] == [1, 2]
    # exp(-1) > 1/3: the rounded-down point refutes the statement (certified in arb); 3/2 is not a point
    assert metitarski._refutes(ob, {n: sympy.Integer(1), x: sympy.Rational(1, 3)})
    assert not metitarski._refutes(ob, point)
