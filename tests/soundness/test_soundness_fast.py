"""The fast subset of the soundness gate (the full gate: ``python -m tests.soundness.run``).

* the corpus is well formed: >= 100 items, half true, every false item's witness re-checks;
* the fast corpus items through the checker: no false proof, no alarm, no true item refuted;
* the mutants of one encoded step, and the negated conclusions of every step of Lemma 2.1;
* the gate itself notices a false proof (a checker that lies is caught).
"""
from __future__ import annotations

import functools

import pytest
import sympy

from symbolic.domain import Domain, Obligation
from symbolic.verdict import Verdict

from . import judge as judge_mod
from .corpus import FAST, ITEMS, witness_refutes
from .judge import Settings, bounded, holds_exactly, judge, refutes
from .mutants import FACTORS, constants_of, mutate, step_mutants
from .run import find_witness, run_step_mutants

FAST_SETTINGS = Settings(samples=500, timeout=2.0, cross_samples=500, interval_boxes=200)


# -- the corpus ------------------------------------------------------------------------------------
def test_corpus_is_large_and_balanced():
    assert len(ITEMS) >= 100
    n_true = sum(i.expected for i in ITEMS)
    assert n_true == len(ITEMS) - n_true
    assert len({i.id for i in ITEMS}) == len(ITEMS)
    assert all(i.why.strip() for i in ITEMS)
    families = {i.family for i in ITEMS}
    assert {"AM-GM", "Bernoulli", "exp/log", "Jensen", "Cauchy-Schwarz", "tight", "tiny region",
            "huge/tiny"} <= families


@pytest.mark.parametrize("item", [i for i in ITEMS if not i.expected], ids=lambda i: i.id)
def test_every_false_item_has_an_exact_witness(item):
    assert witness_refutes(item), item.why


def test_a_wrong_witness_is_rejected():
    D = Domain.parse(["x: real"])
    x = D.symbols("x")
    ob = Obligation(sympy.exp(x) >= 1 + x, (), D)
    assert not refutes(ob, {"x": "0"})          # equality: the conclusion holds
    assert not refutes(ob, {"x": "1/3"})
    assert not refutes(Obligation(x**2 >= 1, (x >= 2,), D), {"x": "1/2"})   # hypothesis fails


def test_exact_truth_at_an_irrational_point():
    x = sympy.Symbol("x", real=True)
    rel = x**2 - 2 * sympy.sqrt(2) * x + 2 > 0
    assert holds_exactly(rel, {x: sympy.sqrt(2)}) is False
    assert holds_exactly(rel, {x: sympy.Integer(1)}) is True


@pytest.mark.parametrize("item", FAST, ids=lambda i: i.id)
def test_fast_corpus_item(item):
    j = judge(item.obligation, id=item.id, expected=item.expected, witness=item.witness, settings=FAST_SETTINGS)
    assert not j.false_proof, j.alarm
    assert j.alarm is None, j.alarm
    if item.expected:
        assert j.verdict in ("proved", "evidence", "unknown")
    else:
        assert j.verdict != "proved"


# -- mutants ---------------------------------------------------------------------------------------
def test_mutation_operators():
    D = Domain.parse(["x: real, 0 <= x <= 1", "y: real"])
    x, y = D.symbols()
    ob = Obligation(x**2 <= x + sympy.Rational(1, 6), (y >= sympy.Rational(1, 10), y <= 3), D)
    ms = {m.op: m for m in mutate(ob, "demo")}
    assert constants_of(ob.conclusion) == [sympy.Rational(1, 6)]      # the exponent 2 is not mutated
    for label, f in FACTORS:
        assert ms[f"scale:concl:1/6{label}"].obligation.conclusion == (x**2 <= x + f / 6)
    assert ms["flip"].obligation.conclusion == sympy.GreaterThan(x**2, x + sympy.Rational(1, 6))
    assert ms["strict"].obligation.conclusion == sympy.StrictLessThan(x**2, x + sympy.Rational(1, 6))
    assert ms["negate"].obligation.conclusion == sympy.StrictGreaterThan(x**2, x + sympy.Rational(1, 6))
    assert ms["drop-hyp:1"].obligation.hypotheses == (y <= 3,)
    assert ms["hyp-strict:2"].obligation.hypotheses[1] == sympy.StrictLessThan(y, 3)
    assert ms["hyp-strict:2"].kind == "weakening" and ms["drop-hyp:1"].kind == "strengthening"
    assert len({m.obligation.key() for m in ms.values()}) == len(ms)


def test_bounded_keeps_given_ends_and_bounds_the_rest():
    D = Domain.parse(["x: real", "y: real, y > 2", "n: integer, n <= 5"])
    x, y, n = D.symbols()
    b = bounded(Obligation(x + y + n >= 0, (), D), 10)
    assert [(v.lo, v.hi, v.lo_open) for v in b.domain] == [(-10, 10, False), (2, 32, True), (-55, 5, False)]


@functools.lru_cache(maxsize=1)
def _lemma_2_1_steps():
    try:
        from derivations.lemma_2_1 import RESULT
    except ImportError:
        return {}
    return {sid: (ob, ms) for sid, ob, ms in step_mutants([RESULT])}


def test_every_step_of_lemma_2_1_has_mutants():
    steps = _lemma_2_1_steps()
    if not steps:
        pytest.skip("Lemma 2.1 is not encoded")
    assert all(any(m.kind == "negation" for m in ms) for ob, ms in steps.values())


def test_mutants_of_one_step_are_killed_or_cross_checked():
    steps = _lemma_2_1_steps()
    sid = "lemma-2.1/noise-bounded"
    if sid not in steps:
        pytest.skip("Lemma 2.1 is not encoded")
    ob, ms = steps[sid]
    out = run_step_mutants((sid, ob, ms, FAST_SETTINGS))
    assert out["original"]["verdict"] == "proved"
    assert not any(m["false_proof"] or m["alarm"] for m in out["mutants"])
    must = [m for m in out["mutants"] if m["must_kill"]]
    assert must and all(m["verdict"] != "proved" for m in must)
    assert all(m["cross"] in ("confirmed", "unrefuted") for m in out["mutants"] if m["verdict"] == "proved")


def test_negated_conclusions_of_lemma_2_1_are_never_proved():
    steps = _lemma_2_1_steps()
    if not steps:
        pytest.skip("Lemma 2.1 is not encoded")
    for sid, (ob, ms) in steps.items():
        for m in ms:
            if m.kind != "negation":
                continue
            j = judge(m.obligation, id=m.id, witness=find_witness(m.obligation), settings=FAST_SETTINGS,
                      cross=False)
            assert j.verdict != "proved" or j.expected is not False, m.id
            assert j.alarm is None, j.alarm


# -- the gate catches a lying checker --------------------------------------------------------------
def test_gate_reports_a_false_proof(monkeypatch):
    D = Domain.parse(["x: real"])
    x = D.symbols("x")
    ob = Obligation(sympy.exp(x) >= 1 + x + x**2, (), D)          # false at x = 1

    def lying_checker(ob, **_):
        return Verdict("proved", "z3", "lie", None, None, None)

    monkeypatch.setattr(judge_mod, "check_obligation", lying_checker)
    j = judge(ob, id="lie", witness={"x": "1"}, settings=FAST_SETTINGS)
    assert j.false_proof and "FALSE PROOF" in j.alarm
    j2 = judge(ob, id="lie-no-witness", settings=FAST_SETTINGS)      # caught by the cross-check alone
    assert j2.verdict == "proved" and j2.alarm is not None and "refuted" in j2.alarm


def test_exact_zero_of_logs_of_rationals():
    # log(6) - log(2) - log(3) is exactly 0: arb cannot certify it, prime factorisation can
    rel = sympy.Ne(sympy.log(6), sympy.log(2) + sympy.log(3), evaluate=False)
    assert holds_exactly(rel, {}) is False
    assert holds_exactly(sympy.Lt(sympy.log(6), sympy.log(2) + sympy.log(3), evaluate=False), {}) is False
