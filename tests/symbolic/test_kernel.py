"""The trusted kernel: facts only from rules, replay catches tampering, errors name the rule."""
import pytest
import sympy

from symbolic import kernel
from symbolic.check import check_obligation
from symbolic.domain import Domain, Obligation
from symbolic.errors import DerivationError, ReplayError
from symbolic.kernel import Citation, Fact

D = Domain.parse(["x: real, x > 0", "y: real, 0 <= y <= 1"])
x, y = D.symbols("x y")


def proved(ob):
    v = check_obligation(ob, samples=300)
    assert v.verdict == "proved", v.detail
    return v


def test_fact_cannot_be_built_outside_the_rules():
    ob = Obligation(x + 1 / x >= 2, (), D)
    with pytest.raises(DerivationError, match="^Fact: facts are made only by kernel rules"):
        Fact(object(), "decide", ob, (), "me", (), "proved")


def test_decide_makes_a_fact_that_replays():
    ob = Obligation(x + 1 / x >= 2, (), D)
    fact = kernel.decide(ob, proved(ob), "test")
    assert fact.trust == "proved" and fact.rule == "decide"
    assert kernel.replay(fact) is True


def test_decide_refuses_a_refuted_verdict():
    ob = Obligation(x ** 2 <= 10 ** 12 * x, (), D)
    v = check_obligation(ob, samples=300)
    assert v.verdict == "refuted"
    with pytest.raises(DerivationError, match="^decide: the verdict is 'refuted'"):
        kernel.decide(ob, v, "test")


def test_decide_refuses_a_certificate_for_another_obligation():
    good = Obligation(x + 1 / x >= 2, (), D)
    bad = Obligation(x + 1 / x >= 3, (), D)
    with pytest.raises(DerivationError, match=r"^decide: the \w+ certificate does not re-check"):
        kernel.decide(bad, proved(good), "test")


def test_facts_are_immutable():
    ob = Obligation(x + 1 / x >= 2, (), D)
    fact = kernel.decide(ob, proved(ob), "test")
    with pytest.raises(DerivationError, match="immutable"):
        fact.trust = "cited"


def test_replay_catches_a_tampered_claim():
    ob = Obligation(x + 1 / x >= 2, (), D)
    fact = kernel.decide(ob, proved(ob), "test")
    object.__setattr__(fact, "claim", Obligation(x + 1 / x >= 3, (), D))
    with pytest.raises(ReplayError, match="altered"):
        kernel.replay(fact)


def test_replay_catches_a_tampered_claim_with_recomputed_digest():
    ob = Obligation(x + 1 / x >= 2, (), D)
    fact = kernel.decide(ob, proved(ob), "test")
    object.__setattr__(fact, "claim", Obligation(x + 1 / x >= 3, (), D))
    object.__setattr__(fact, "digest", kernel._digest(fact))
    with pytest.raises(ReplayError, match="does not re-check"):
        kernel.replay(fact)


def test_replay_catches_promoted_evidence():
    D1 = Domain.parse(["t: real, t > 0"])
    t = D1.symbols("t")
    ob = Obligation(sympy.sin(t) ** 2 <= 1, (), D1)
    v = check_obligation(ob, samples=200)
    assert v.verdict in ("evidence", "proved")
    if v.verdict == "evidence":
        fact = kernel.record_evidence(ob, v, "test")
        object.__setattr__(fact, "trust", "proved")
        object.__setattr__(fact, "digest", kernel._digest(fact))
        with pytest.raises(ReplayError, match="evidence"):
            kernel.replay(fact)


def test_combine_is_modus_ponens_and_takes_the_weakest_trust():
    p1 = kernel.assume(Obligation(y <= x, (), D), "Paper, hypothesis (H1)")
    ob = Obligation(y ** 2 <= x, (y <= x,), D)
    fact = kernel.combine([p1], ob, proved(ob), "test")
    assert fact.trust == "assumed"
    assert fact.claim.conclusion == (y ** 2 <= x)
    assert kernel.replay(fact)


def test_combine_refuses_an_undischarged_hypothesis():
    p1 = kernel.assume(Obligation(y <= x, (), D), "Paper")
    ob = Obligation(y ** 2 <= x + 1, (y <= x, x >= 1), D)
    with pytest.raises(DerivationError, match="^combine: hypothesis x >= 1 is not the conclusion"):
        kernel.combine([p1], ob, proved(ob), "test")


def test_assume_needs_a_source():
    with pytest.raises(DerivationError, match="^assume:"):
        kernel.assume(Obligation(y <= x, (), D), "")


def test_cite_instantiates_and_replays():
    T = Domain.parse(["a: real, a >= 0", "b: real, b >= 0"])
    a, b = T.symbols("a b")
    amgm = Citation("am-gm", "AM-GM", r"$\sqrt{ab} \le (a+b)/2$", "Hardy, Littlewood, Polya (1934), (2.5.2)",
                    Obligation(sympy.sqrt(a * b) <= (a + b) / 2, (), T))
    fact = kernel.cite(amgm, {a: x, b: y}, D, "test")
    assert fact.trust == "cited"
    assert fact.claim.conclusion == (sympy.sqrt(x * y) <= (x + y) / 2)
    assert kernel.replay(fact)
    object.__setattr__(fact, "claim", Obligation(sympy.sqrt(x * y) <= (x + y) / 3, (), D))
    object.__setattr__(fact, "digest", kernel._digest(fact))
    with pytest.raises(ReplayError, match="not the instance"):
        kernel.replay(fact)


def test_cite_requires_every_template_symbol():
    T = Domain.parse(["a: real, a >= 0", "b: real, b >= 0"])
    a, b = T.symbols("a b")
    c = Citation("am-gm", "AM-GM", "...", "...", Obligation(sympy.sqrt(a * b) <= (a + b) / 2, (), T))
    with pytest.raises(DerivationError, match="^cite: am-gm: no value given for b"):
        kernel.cite(c, {a: x}, D, "test")


# -- a result's fact: invoke and conclude ------------------------------------------------------

def _proved_fact(expr, dom):
    from symbolic.check import check_obligation
    ob = Obligation(expr, (), dom)
    return kernel.decide(ob, check_obligation(ob), "test")


def test_invoke_and_conclude_make_a_result_fact_that_replays():
    from symbolic.domain import Domain
    dom = Domain.parse(["x: real"])
    x, = dom.symbols()
    cited = kernel.invoke(kernel.Citation("k", "a theorem", "every x satisfies P(x)", "a book, Thm 1"), "loc")
    proved = _proved_fact(x ** 2 + 1 >= 2 * x, dom)
    res = kernel.conclude("the result", [proved, cited], "Section 9")
    assert (res.rule, res.trust, len(res.premises)) == ("conclude", "cited", 2)
    assert kernel.replay(res) is True
    assert kernel.conclude("only proved", [proved], "s").trust == "proved"


def test_conclude_refuses_non_facts_and_replay_catches_a_tampered_premise():
    from symbolic.domain import Domain
    from symbolic.errors import ReplayError
    dom = Domain.parse(["x: real"])
    x, = dom.symbols()
    with pytest.raises(DerivationError, match="conclude"):
        kernel.conclude("s", [], "loc")
    with pytest.raises(DerivationError, match="conclude"):
        kernel.conclude("s", ["not a fact"], "loc")
    with pytest.raises(DerivationError, match="invoke"):
        kernel.invoke("not a citation", "loc")
    proved = _proved_fact(x ** 2 + 1 >= 2 * x, dom)
    res = kernel.conclude("the result", [proved], "Section 9")
    object.__setattr__(proved, "trust", "cited")      # tamper with a premise after the fact
    with pytest.raises(ReplayError):
        kernel.replay(res)


def test_a_paper_result_has_a_fact_and_a_refuted_one_has_none():
    from derivations import definition_1_1, lemma_3_1
    from symbolic.audit import Settings, result_fact, run_step
    settings = Settings(samples=200, dps=30)
    for res, expect in ((definition_1_1.RESULT, True), (lemma_3_1.RESULT, False)):
        runs = [run_step(s, res.id, settings) for s in res.steps]
        fact, missing, _ = result_fact(res, runs)
        assert (fact is not None) == expect, missing
        if fact is not None:
            assert kernel.replay(fact) and len(fact.premises) == sum(s.kind != "repaired" for s in res.steps)
        else:
            assert missing and all(m.startswith(res.id + "/") for m in missing)
