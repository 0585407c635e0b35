"""Lemma 2.1: every step's verdict, its counterexamples re-checked by hand, its constants."""
from fractions import Fraction as Q

import pytest

from derivations.lemma_2_1 import RESULT
from symbolic import kernel
from symbolic.audit import Settings, run_result

@pytest.fixture(scope="module")
def runs():
    _, rs = run_result(RESULT, Settings(seed=0, dps=30, samples=400))
    return {r.step.slug: r for r in rs}


EXPECTED = {
    "statement": "proved",
    "noise-bounded": "proved", "hoeffding-noise": "proved", "cross-bounded": "proved", "hoeffding-cross": "proved",
    "fit-as-norm": "proved", "expansion": "proved", "chain-lower-bound": "refuted", "claim-from-chain": "proved",
    "claim": "refuted", "union-bound": "proved", "chain-lower-bound-repaired": "proved", "claim-repaired": "proved",
}


def test_every_step_has_the_expected_verdict(runs):
    assert {k: r.verdict for k, r in runs.items()} == EXPECTED


def test_proved_steps_are_kernel_facts_that_replay(runs):
    for r in runs.values():
        if r.verdict == "proved":
            assert r.fact is not None and r.fact.trust == "proved" and r.check.method in ("sympy", "z3", "arb")
            assert kernel.replay(r.fact)


def _vectors(ce):
    c = {k: Q(v) for k, v in ce.items()}
    return c, (c["a"], 0, 0), (c["b1"], c["b2"], 0), (c["c1"], c["c2"], c["c3"])


def ip(u, v):
    return sum(p * q for p, q in zip(u, v))


def sub(u, v):
    return tuple(p - q for p, q in zip(u, v))


def add(u, v):
    return tuple(p + q for p, q in zip(u, v))


def test_chain_counterexample_by_hand(runs):
    c, Z, G, F = _vectors(runs["chain-lower-bound"].check.counterexample)
    assert 0 < c["eps"] < 1 and 0 < c["sigma2"] <= 1
    assert ip(Z, Z) >= c["sigma2"] - c["eps"] / 6 and ip(Z, G) >= -c["eps"] / 6
    lhs = ip(Z, Z) + 2 * ip(Z, sub(G, F)) + ip(sub(G, F), sub(G, F))
    assert lhs < c["sigma2"] - c["eps"] / 3 - 2 * ip(Z, F)          # the paper's link fails
    assert lhs >= c["sigma2"] - c["eps"] / 2 - 2 * ip(Z, F)         # the repaired link holds there


def test_claim_counterexample_by_hand(runs):
    c, Z, G, F = _vectors(runs["claim"].check.counterexample)
    assert ip(Z, Z) >= c["sigma2"] - c["eps"] / 6 and ip(Z, G) >= -c["eps"] / 6
    r = sub(add(G, Z), F)
    assert ip(r, r) <= c["sigma2"] - c["eps"]
    assert ip(Z, Z) <= 4 and ip(G, G) <= 1 and ip(F, F) <= 1
    assert ip(F, Z) < c["eps"] / 3


def test_constants(runs):
    cs = {(slug, c.name): (c.claimed, c.supported, c.status) for slug, r in runs.items() for c in r.step.constants}
    assert cs[("hoeffding-noise", "8^3")] == (512, 288, "loose")
    assert cs[("hoeffding-cross", "8^3")] == (512, 288, "loose")
    assert cs[("chain-lower-bound", "eps/3 (chain)")][2] == "fails"
    from sympy import Rational
    assert cs[("claim", "eps/3 (correlation)")] == (Rational(1, 3), Rational(1, 4), "fails")


def test_repairs_point_at_refuted_steps(runs):
    for r in runs.values():
        if r.step.kind == "repaired":
            assert runs[r.step.repairs].verdict == "refuted"


def test_steps_quote_the_paper_verbatim(paper_text):
    flat = paper_text
    for s in RESULT.steps:
        if s.kind == "verbatim":
            q = " ".join(s.quote.split())
            # display quotes may be abridged with "..."; every piece must be the paper's text
            for piece in q.split("..."):
                piece = piece.strip().strip("$").strip()
                assert piece in flat, f"{s.slug}: {piece[:60]!r} is not in the paper"
