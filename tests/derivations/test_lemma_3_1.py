"""Lemma 3.1: every step's verdict; every counterexample re-checked by hand on the network model
(:mod:`derivations.models.networks`, exact rational arithmetic); the experiments on true and false cases."""
from fractions import Fraction as Fr
import pathlib

import numpy as np
import pytest

import derivations
from derivations import lemma_3_1 as L
from derivations.lemma_3_1 import RESULT
from derivations.models import networks
from symbolic import kernel
from symbolic.audit import Settings, run_result

_PAPER = pathlib.Path(__file__).resolve().parents[2].parent / "shared" / "paper" / \
    "bubeck-sellke-universal-law-of-robustness.txt"

EXPECTED = {
    "b-definition": "proved",
    "lipschitz-in-x": "refuted", "first-claim": "refuted", "second-claim": "proved", "gradient-inf": "refuted",
    "gradient-l2": "proved", "convexity": "refuted", "segment-bound": "refuted", "mean-value": "cited",
    "opnorm-le-frobenius": "proved", "frobenius-le-bound": "proved", "lipschitz-in-x-plain": "proved",
    "gradient-inf-plain-scalar": "proved", "gradient-inf-plain": "evidence", "segment-bound-repaired": "proved",
    "convexity-norms": "proved",
    "first-claim-plain": "evidence",
}


@pytest.fixture(scope="module")
def audited():
    return run_result(RESULT, Settings(seed=0, dps=30, samples=400))


@pytest.fixture(scope="module")
def runs(audited):
    return {r.step.slug: r for r in audited[1]}


def ce(run):
    return {k: Fr(v) for k, v in run.check.counterexample.items()}


def B_chain(a, c):
    """B(w) of the scalar chain W2 sigma(W1 x): max(|a||c|, |c|, |a|), exact."""
    return max(abs(a) * abs(c), abs(a), abs(c))


# -- verdicts -------------------------------------------------------------------------------------

def test_every_step_has_the_expected_verdict(runs):
    assert {k: r.verdict for k, r in runs.items()} == EXPECTED


def test_result_verdicts_and_registration(audited):
    entry, _ = audited
    assert entry["id"] == "lemma-3.1" and RESULT.order == 3.1
    assert entry["verdict"] == "refuted"
    assert entry["verdict_after_repairs"] == "evidence"  # the plain-network first claim: search only
    assert any(r.id == "lemma-3.1" for r in derivations.all_results())


def test_refuted_steps_are_decided_by_z3_with_exact_counterexamples(runs):
    for slug, r in runs.items():
        if r.verdict == "refuted":
            assert r.method == "z3" and r.check.counterexample
            assert all(isinstance(Fr(v), Fr) for v in r.check.counterexample.values())


def test_proved_steps_are_kernel_facts_that_replay(runs):
    for r in runs.values():
        if r.verdict == "proved":
            assert r.check.method in ("sympy", "z3", "arb") and r.fact.trust == "proved"
            assert kernel.replay(r.fact)


def test_search_steps_are_evidence_never_proved(runs):
    for slug in ("gradient-inf-plain", "first-claim-plain"):
        r = runs[slug]
        assert r.method == "adversarial-search" and r.verdict == "evidence"
        ev = r.check.evidence
        assert ev.points > 500 and 0 <= float(ev.min_margin) < 1


def test_repairs_point_to_steps_of_the_result():
    slugs = {s.slug for s in RESULT.steps}
    repaired = {s.slug: s.repairs for s in RESULT.steps if s.kind == "repaired"}
    assert repaired == {"lipschitz-in-x-plain": "lipschitz-in-x", "gradient-inf-plain-scalar": "gradient-inf",
                        "gradient-inf-plain": "gradient-inf", "segment-bound-repaired": "segment-bound",
                        "convexity-norms": "convexity",
                        "first-claim-plain": "first-claim"}
    assert set(repaired.values()) <= slugs


@pytest.mark.skipif(not _PAPER.exists(), reason="paper text not available")
def test_quotes_are_verbatim():
    text = _PAPER.read_text(encoding="utf-8")
    for s in RESULT.steps:
        assert s.quote in text, s.slug


def test_implicit_assumptions_name_the_plain_class():
    by = {s.slug: s for s in RESULT.steps}
    for slug in ("first-claim", "gradient-inf"):
        text = " ".join(by[slug].implicit_assumptions)
        assert "bias" in text and "skip" in text and r"\sigma_{j,\ell}(0) = 0" in text
    assert any("Q = 0" in a for a in by["second-claim"].implicit_assumptions)


# -- counterexamples by hand, on the network model ------------------------------------------------

def test_lipschitz_in_x_counterexample_is_a_skip_network(runs):
    c = ce(runs["lipschitz-in-x"])
    arch = networks.plain_architecture(1, (1, 1), skip=True, activation="identity")
    w = [c["u"], c["v"], c["s"]]
    slope = arch.forward_exact(w, [Fr(1)]) - arch.forward_exact(w, [Fr(0)])
    assert slope == c["v"] + c["s"] * c["u"]
    # beta >= B(w) (compared through squares: ||W_2||_op = sqrt(v^2 + s^2)) and Lip = |slope| > beta
    n2sq = c["v"] ** 2 + c["s"] ** 2
    assert max(c["u"] ** 2 * n2sq, c["u"] ** 2, n2sq) <= c["beta"] ** 2
    assert slope ** 2 > c["beta"] ** 2
    assert float(abs(slope)) > float(arch.B_mp(w, 30))


def test_lipschitz_in_x_paper_example():
    arch = networks.plain_architecture(1, (1, 1), skip=True, activation="identity")
    w = [Fr(1), Fr(3, 5), Fr(4, 5)]
    assert arch.forward_exact(w, [Fr(1)]) == Fr(7, 5) and arch.forward_exact(w, [Fr(0)]) == 0
    assert abs(arch.B_mp(w, 30) - 1) < 1e-25
    assert networks.certify_exact("lipschitz_x", arch, w, x=[Fr(1, 2)]) > Fr(48, 25)  # (7/5)^2 = 49/25


def test_first_claim_counterexample_is_a_biased_relu_network(runs):
    c = ce(runs["first-claim"])
    arch = networks.plain_architecture(1, (1, 1), bias=True, activation="relu")
    w1 = [c["W1"], c["W2"], c["b1"], Fr(0)]
    w2 = [c["W1"], c["V2"], c["b1"], Fr(0)]
    x = [c["x"]]
    assert arch.p == 4 and arch.Q == 1 and abs(c["x"]) <= c["R"]
    assert B_chain(c["W1"], c["W2"]) <= c["Bbar"] and B_chain(c["W1"], c["V2"]) <= c["Bbar"]
    lhs = abs(arch.forward_exact(w1, x) - arch.forward_exact(w2, x))
    # Bbar Q R sqrt(p) ||w1 - w2|| = Bbar * 1 * R * 2 * |W2 - V2|
    assert lhs > c["Bbar"] * c["R"] * 2 * abs(c["W2"] - c["V2"])
    assert networks.certify_exact("lipschitz", arch, w1, x=x, w2=w2, R=c["R"]) > 1


def test_first_claim_paper_network():
    """The network reported with derivations.models.networks: w1 = (0,0,1,0), w2 = (0,1/8,1,0), x = R = 1: ratio 4."""
    arch = networks.plain_architecture(1, (1, 1), bias=True, activation="relu")
    r2 = networks.certify_exact("lipschitz", arch, [0, 0, 1, 0], x=[1], w2=[0, Fr(1, 8), 1, 0], R=1)
    assert 15 < r2 <= 16  # a certified lower bound on ratio^2 = 16


def test_gradient_counterexample_by_backprop(runs):
    c = ce(runs["gradient-inf"])
    arch = networks.plain_architecture(1, (1, 1), bias=True, activation="relu")
    w = [c["W1"], c["W2"], c["b1"], Fr(0)]
    x = [c["x"]]
    assert c["W1"] * c["x"] + c["b1"] > 0 and abs(c["x"]) <= c["R"] and B_chain(c["W1"], c["W2"]) <= c["beta"]
    g = arch.grad_w_exact(w, x)
    assert list(g) == [c["W2"] * c["x"], c["W1"] * c["x"] + c["b1"], c["W2"], 1]
    assert max(abs(v) for v in g) > c["beta"] * 1 * c["R"]


def test_convexity_counterexample(runs):
    c = ce(runs["convexity"])
    B1, B2 = B_chain(c["a1"], c["c1"]), B_chain(c["a2"], c["c2"])
    assert B1 <= c["beta1"] and B2 <= c["beta2"]
    assert B_chain((c["a1"] + c["a2"]) / 2, (c["c1"] + c["c2"]) / 2) > (B1 + B2) / 2
    # and the network model agrees (certified lower bound on (B(mid)/max(B1, B2))^2 only when it exceeds 1)
    arch = networks.plain_architecture(1, (1, 1), activation="relu")
    assert abs(float(arch.B_mp([c["a1"], c["c1"]], 30)) - float(B1)) < 1e-12


def test_convexity_paper_example():
    assert B_chain(2, 8) == B_chain(8, 2) == 16 and B_chain(5, 5) == 25
    arch = networks.plain_architecture(1, (1, 1), activation="relu")
    assert networks.certify_exact("convexity", arch, [2, 8], w2=[8, 2], t=Fr(1, 2)) > Fr(24, 10)  # (25/16)^2 = 2.44...


def test_segment_counterexample(runs):
    c = ce(runs["segment-bound"])
    assert B_chain(c["a1"], c["c1"]) <= c["Bbar"] and B_chain(c["a2"], c["c2"]) <= c["Bbar"]
    t = c["t"]
    assert 0 <= t <= 1
    assert B_chain((1 - t) * c["a1"] + t * c["a2"], (1 - t) * c["c1"] + t * c["c2"]) > c["Bbar"]


def test_segment_repair_bounds_the_paper_example():
    # Btilde for (2,8),(8,2): n1 = n2 = 8, max(64, 8, 8) = 64 >= B on the whole segment
    for k in range(11):
        t = Fr(k, 10)
        assert B_chain((1 - t) * 2 + t * 8, (1 - t) * 8 + t * 2) <= 64


# -- the obligations themselves, mutated: the backends must tell true from false -----------------

def test_second_claim_fails_without_W_at_least_one():
    """W >= 1 is needed: with W = 1/2 the D = 3 bound on a product of two norms fails."""
    from symbolic.check import check_obligation
    from symbolic.domain import Domain, Obligation
    ob = next(s for s in RESULT.steps if s.slug == "second-claim").obligation
    dom = Domain.parse(["p: integer, p >= 1", "Q: integer, Q >= 1", "W: real, W > 0",
                        "n1: real, n1 >= 0", "n2: real, n2 >= 0", "n3: real, n3 >= 0"])
    v = check_obligation(Obligation(ob.conclusion, ob.hypotheses, dom), seed=0, dps=30, samples=200)
    assert v.verdict == "refuted"


def test_frobenius_bound_fails_if_an_entry_count_exceeds_Q():
    from symbolic.check import check_obligation
    from symbolic.domain import Obligation
    st = next(s for s in RESULT.steps if s.slug == "frobenius-le-bound")
    ob = st.obligation
    m1 = ob.domain.symbols("m1")
    Q = ob.domain.symbols("Q")
    hyps = tuple(h for h in ob.hypotheses if h != (m1 <= Q)) + (m1 <= Q + 1,)
    v = check_obligation(Obligation(ob.conclusion, hyps, ob.domain), seed=0, dps=30, samples=200)
    assert v.verdict == "refuted"


# -- experiments: true and false -----------------------------------------------------------------

def test_experiment_is_deterministic():
    a, b = L.first_claim_experiment(3), L.first_claim_experiment(3)
    assert a.detail == b.detail and a.evidence == b.evidence


def test_experiment_refutes_on_biased_networks_with_a_certified_counterexample():
    biased = lambda rng: [networks.plain_architecture(1, (1, 1), bias=True, activation="relu")]
    out = L.search_experiment("grad_inf", 0, steps=200, restarts=2, architectures=biased)
    assert out.verdict == "refuted" and out.backend == "adversarial-search"
    c = out.counterexample
    arch = biased(None)[0]
    w = [Fr(c[f"w[{i}]"]) for i in range(4)]
    x = [Fr(c["x[0]"])]
    assert networks.certify_exact("grad_inf", arch, w, x=x, R=Fr(c["R"])) > 1


def test_experiment_evidence_on_plain_networks():
    out = L.search_experiment("lipschitz", 1, steps=60, restarts=1)
    assert out.verdict == "evidence" and float(out.evidence.min_margin) > 0
