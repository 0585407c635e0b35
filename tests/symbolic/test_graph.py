"""Dependency graph and repair propagation (issue 5, item 6): a chain of three dependent steps,
composition of two repairs, stale consequences, drawing."""
import pytest
import sympy

from symbolic.domain import Domain, Obligation
from symbolic.graph import build_graph, downstream, draw
from symbolic.propagate import propagate
from symbolic.proof import Parameter, Result, Step, Template

R = sympy.Rational


def templated(conclusion, hypotheses, domain, *params):
    t = Template(Obligation(conclusion, hypotheses, domain), params)
    return t.instantiate(), t


def chain_result():
    """s1: x >= 1/2 => x >= T (paper T = 2/3, false; tightest 1/2);
    s2: x >= T => 2x >= U (paper U = 4/3, true at T = 2/3);
    s3: 2x >= U => 2x + 1 >= V (paper V = 7/3, true at U = 4/3); V is a headline constant;
    s4: uses s3 but has no template (stale)."""
    D = Domain.parse(["x: real, 0 <= x <= 1", "T: real, 0 <= T <= 1", "U: real, 0 <= U <= 2", "V: real, 0 <= V <= 3"])
    x, T, U, V = D.symbols("x T U V")
    pT = lambda w="smaller": Parameter("T", "demo:T", R(2, 3), weaker_when=w)
    pU = lambda w="smaller": Parameter("U", "demo:U", R(4, 3), weaker_when=w)
    pV = Parameter("V", "demo:V", R(7, 3), weaker_when="smaller", headline=True)
    ob1, t1 = templated(x >= T, (x >= R(1, 2),), D, pT())
    # each template's first parameter is the step's own constant; the others are its inputs
    ob2, t2 = templated(2 * x >= U, (x >= T,), D, pU(), pT("larger"))
    ob3, t3 = templated(2 * x + 1 >= V, (2 * x >= U,), D, pV, pU("larger"))
    Dx = Domain.parse(["x: real, 0 <= x <= 1"])
    xx = Dx.symbols("x")
    steps = [Step("s1", "quote 1", "loc", "r1", obligation=ob1, template=t1),
             Step("s2", "quote 2", "loc", "r2", obligation=ob2, template=t2, depends_on=["s1"]),
             Step("s3", "quote 3", "loc", "r3", obligation=ob3, template=t3, depends_on=["s2"]),
             Step("s4", "quote 4", "loc", "r4", obligation=Obligation(xx <= 1, (), Dx), depends_on=["s3"])]
    return Result("lemma-9.1", "Lemma 9.1", "statement", "loc", steps, order=9.1)


def two_repairs_result():
    """a: x >= 1/2 => x >= A (paper 2/3); b: y >= 1/4 => y >= B (paper 1/3);
    c: x >= A, y >= B => x + y >= C (paper 1, true at the paper's values)."""
    D = Domain.parse(["x: real, 0 <= x <= 1", "y: real, 0 <= y <= 1", "A: real, 0 <= A <= 1",
                      "B: real, 0 <= B <= 1", "C: real, 0 <= C <= 2"])
    x, y, A, B, C = D.symbols("x y A B C")
    pA = lambda w: Parameter("A", "demo2:A", R(2, 3), weaker_when=w)
    pB = lambda w: Parameter("B", "demo2:B", R(1, 3), weaker_when=w)
    oa, ta = templated(x >= A, (x >= R(1, 2),), D, pA("smaller"))
    ob, tb = templated(y >= B, (y >= R(1, 4),), D, pB("smaller"))
    oc, tc = templated(x + y >= C, (x >= A, y >= B), D, Parameter("C", "demo2:C", 1, weaker_when="smaller"),
                       pA("larger"), pB("larger"))
    steps = [Step("a", "qa", "loc", "ra", obligation=oa, template=ta),
             Step("b", "qb", "loc", "rb", obligation=ob, template=tb),
             Step("c", "qc", "loc", "rc", obligation=oc, template=tc, depends_on=["a", "b"])]
    return Result("lemma-9.2", "Lemma 9.2", "statement", "loc", steps, order=9.2)


PAPER_VERDICTS_CHAIN = {"lemma-9.1/s1": "refuted", "lemma-9.1/s2": "proved", "lemma-9.1/s3": "proved",
                        "lemma-9.1/s4": "proved"}


def test_graph_edges_and_downstream():
    g = build_graph([chain_result()])
    assert g.edges["lemma-9.1/s1", "lemma-9.1/s2"]["kind"] == "uses"
    assert g.edges["lemma-9.1/s4", "lemma-9.1"]["kind"] == "part-of"
    assert downstream(g, "lemma-9.1/s1") == {"lemma-9.1/s2", "lemma-9.1/s3", "lemma-9.1/s4", "lemma-9.1"}
    assert downstream(g, "lemma-9.1/s4") == {"lemma-9.1"}


def test_lemma_2_1_graph_has_repair_edges():
    from derivations.lemma_2_1 import RESULT
    g = build_graph([RESULT])
    assert g.edges["lemma-2.1/claim", "lemma-2.1/claim-repaired"]["kind"] == "repairs"
    # a repair is not a consequence of the failure
    assert "lemma-2.1/claim-repaired" not in downstream(g, "lemma-2.1/claim")
    assert "lemma-2.1/union-bound" in downstream(g, "lemma-2.1/claim")


def test_propagation_through_a_chain_of_three_steps():
    rep = propagate([chain_result()], PAPER_VERDICTS_CHAIN)
    got = {k: v["repaired"] for k, v in rep["assignment"].items()}
    assert got == {"demo:T": "1/2", "demo:U": "1", "demo:V": "2"}
    assert rep["assignment"]["demo:U"]["forced_by"] == "lemma-9.1/s2"
    # every step of the chain is re-derived and proved under the repairs
    assert {r["id"]: r["verdict"] for r in rep["rederived"]} == {
        "lemma-9.1/s1": "proved", "lemma-9.1/s2": "proved", "lemma-9.1/s3": "proved"}
    # s2 and s3 were proved at the paper's values: their repair is a consequence of s1's
    assert {e["repairs"] for e in rep["engine_repairs"]} == {"lemma-9.1/s1", "lemma-9.1/s2", "lemma-9.1/s3"}
    assert rep["stale"] == ["lemma-9.1/s4"]
    (h,) = rep["headline"]
    assert h["parameter"] == "demo:V" and h["survives"] is False and h["value"] == "2"
    (res,) = rep["results"]
    assert "V = 2 in place of 7/3" in res["statement"] and res["verdict_after_repairs"] == "proved"


def test_two_repairs_compose():
    rep = propagate([two_repairs_result()], {"lemma-9.2/a": "refuted", "lemma-9.2/b": "refuted",
                                             "lemma-9.2/c": "proved"})
    got = {k: v["repaired"] for k, v in rep["assignment"].items()}
    assert got == {"demo2:A": "1/2", "demo2:B": "1/4", "demo2:C": "3/4"}
    c = next(r for r in rep["rederived"] if r["id"] == "lemma-9.2/c")
    assert c["values"] == {"demo2:A": "1/2", "demo2:B": "1/4", "demo2:C": "3/4"} and c["verdict"] == "proved"


def test_nothing_to_repair():
    rep = propagate([two_repairs_result()], {"lemma-9.2/a": "proved", "lemma-9.2/b": "proved",
                                             "lemma-9.2/c": "proved"})
    # the verdicts given are taken as the paper's: nothing refuted, nothing searched
    assert rep["assignment"] == {} and rep["engine_repairs"] == [] and rep["stale"] == []


def test_draw_svg_and_png():
    g = build_graph([chain_result()], PAPER_VERDICTS_CHAIN)
    svg = draw(g, highlight={"lemma-9.1/s1"})
    assert svg.startswith(b"<?xml") and b"<svg" in svg
    assert draw(g, fmt="png").startswith(b"\x89PNG")
    assert draw(g, highlight={"lemma-9.1/s1"}) == svg    # deterministic: same graph, same picture


def _with_s4(**kw):
    """The chain of three steps, with s4 replaced by a step given ``kw`` (and s5, its hand repair)."""
    r = chain_result()
    s4 = r.steps[3]
    steps = r.steps[:3] + [Step("s4", s4.quote, "loc", "r4", obligation=s4.obligation, depends_on=["s3"], **kw)]
    return steps


def test_independent_step_keeps_its_verdict_and_is_not_stale():
    steps = _with_s4(independent_of=["demo:V", "demo:U", "demo:unused"])
    rep = propagate([Result("lemma-9.1", "Lemma 9.1", "statement", "loc", steps)], PAPER_VERDICTS_CHAIN)
    rd = {r["id"]: r for r in rep["rederived"]}
    assert rd["lemma-9.1/s4"]["method"] == "independent"
    assert rd["lemma-9.1/s4"]["values"] == {"demo:V": "2", "demo:U": "1"}
    assert rep["stale"] == []
    # s3 was re-checked with U and V moved: independence of V alone does not cover it
    only_v = propagate([Result("lemma-9.1", "Lemma 9.1", "statement", "loc", _with_s4(independent_of=["demo:V"]))],
                       PAPER_VERDICTS_CHAIN)
    assert only_v["stale"] == ["lemma-9.1/s4"] and not only_v["results"][0]["holds_after_repairs"]
    (res,) = rep["results"]
    assert res["holds_after_repairs"] and res["statement"].startswith("Lemma 9.1 holds with ")


def test_hand_written_repair_stands_in_for_a_refuted_step_without_template():
    D = Domain.parse(["x: real, 0 <= x <= 1"])
    x = D.symbols("x")
    steps = [Step("a", "qa", "loc", "ra", obligation=Obligation(x <= R(1, 2), (), D)),
             Step("b", "qb", "loc", "rb", obligation=Obligation(x <= 1, (), D), depends_on=["a"]),
             Step("a-fixed", "qa", "loc", "ra", kind="repaired", repairs="a",
                  obligation=Obligation(x <= 1, (), D))]
    res_ = Result("lemma-9.3", "Lemma 9.3", "statement", "loc", steps)
    verdicts = {"lemma-9.3/a": "refuted", "lemma-9.3/b": "proved", "lemma-9.3/a-fixed": "proved"}
    rep = propagate([res_], verdicts)
    (res,) = rep["results"]
    # b uses a and has no template: stale, so the result is not said to hold
    assert rep["stale"] == ["lemma-9.3/b"] and not res["holds_after_repairs"]
    assert res["provided"] == ["lemma-9.3/a-fixed"] and "hand-written repairs used: a-fixed" in res["statement"]
    # with the hand repair refuted too, it does not stand in
    rep2 = propagate([res_], {**verdicts, "lemma-9.3/a-fixed": "refuted"})
    assert rep2["results"][0]["provided"] == [] and rep2["results"][0]["verdict_after_repairs"] == "refuted"


def test_step_built_from_its_template_checks_the_paper_values():
    r = chain_result()
    t = r.steps[0].template
    s = Step("s1", "quote 1", "loc", "r1", template=t)
    assert s.obligation.key() == t.instantiate().key() == r.steps[0].obligation.key()


def test_a_result_does_not_hold_when_a_step_it_uses_elsewhere_fails():
    D = Domain.parse(["x: real, 0 <= x <= 1"])
    x = D.symbols("x")
    ob = Obligation(x <= 1, (), D)
    r1 = Result("lemma-9.4", "Lemma 9.4", "s", "loc",
                [Step("a", "qa", "loc", "ra", obligation=ob),
                 Step("a-plain", "qa", "loc", "ra", kind="repaired", repairs="a", obligation=ob)], order=9.4)
    r2 = Result("theorem-9.5", "Theorem 9.5", "s", "loc",
                [Step("b", "qb", "loc", "rb", obligation=ob, depends_on=["lemma-9.4/a"])], order=9.5)
    verdicts = {"lemma-9.4/a": "refuted", "lemma-9.4/a-plain": "evidence", "theorem-9.5/b": "proved"}
    rep = propagate([r1, r2], verdicts)
    res = {x["id"]: x for x in rep["results"]}
    assert res["lemma-9.4"]["verdict_after_repairs"] == "evidence" and not res["lemma-9.4"]["holds_after_repairs"]
    # b itself is proved, but what it uses is only supported by evidence after the repairs
    assert res["theorem-9.5"]["verdict_after_repairs"] == "proved"
    assert not res["theorem-9.5"]["holds_after_repairs"] and res["theorem-9.5"]["uses_failing"] == ["lemma-9.4/a"]
    assert "lemma-9.4/a (evidence)" in res["theorem-9.5"]["statement"]
    # with the repair proved (and stating the same conclusion as a) both hold
    rep2 = propagate([r1, r2], {**verdicts, "lemma-9.4/a-plain": "proved"})
    assert rep2["stale"] == [] and all(x["holds_after_repairs"] for x in rep2["results"])


@pytest.mark.parametrize("b_kind", ["plain", "independent", "template", "citation"])
def test_a_repair_with_a_weaker_conclusion_makes_what_uses_it_stale(b_kind):
    """a: x <= 1/2 (refuted); its repair proves only x <= 1; b uses a: x <= 1/2 => x < 3/4.  Whatever b
    declares about constants, it is not re-derived against the weaker statement (third review)."""
    from symbolic.kernel import Citation
    D = Domain.parse(["x: real, 0 <= x <= 1", "K: real, 0 <= K <= 1"])
    x, K = D.symbols("x K")
    b_args = {"plain": dict(obligation=Obligation(x < R(3, 4), (x <= R(1, 2),), D)),
              "independent": dict(obligation=Obligation(x < R(3, 4), (x <= R(1, 2),), D),
                                  independent_of=["lemma-9.3:UNRELATED"]),
              "template": dict(template=Template(Obligation(x < K, (x <= R(1, 2),), D),
                                                 (Parameter("K", "lemma-9.3:K", R(3, 4), headline=True),))),
              "citation": dict(citation=Citation("c", "c", "c", "c"))}[b_kind]
    r = Result("lemma-9.3", "Lemma 9.3", "s", "loc", [
        Step("a", "q", "loc", "r", obligation=Obligation(x <= R(1, 2), (), D)),
        Step("b", "q", "loc", "r", depends_on=["a"], **b_args),
        Step("a-fixed", "q", "loc", "r", kind="repaired", repairs="a", obligation=Obligation(x <= 1, (), D))])
    rep = propagate([r], {"lemma-9.3/a": "refuted", "lemma-9.3/b": "cited" if b_kind == "citation" else "proved",
                          "lemma-9.3/a-fixed": "proved"})
    (res,) = rep["results"]
    assert rep["stale"] == ["lemma-9.3/b"] and not res["holds_after_repairs"]
    assert all(not h["survives"] for h in rep["headline"])


def _hand_repair_case(with_template: bool):
    """up moves X from 2/3 to 1/2; a (x >= X, y <= A => x + y >= 7/6) has no working A; its hand
    repair adds y >= 1/2 and needs x >= 2/3, i.e. X at the paper's value."""
    D = Domain.parse(["x: real, 0 <= x <= 1", "y: real, 0 <= y <= 1", "X: real, 0 <= X <= 1", "A: real, 0 <= A <= 1"])
    x, y, X, A = D.symbols("x y X A")
    pX = lambda w: Parameter("X", "lemma-9.5:X", R(2, 3), weaker_when=w)
    pA = Parameter("A", "lemma-9.5:A", 1, weaker_when="smaller", headline=True)
    _, t_up = templated(x >= X, (x >= R(1, 2),), D, pX("smaller"))
    _, t_a = templated(x + y >= R(7, 6), (x >= X, y <= A), D, pA, pX("larger"))
    fixed = dict(template=Template(Obligation(x + y >= R(7, 6), (x >= X, y >= R(1, 2)), D), (pX("larger"),))) \
        if with_template else dict(obligation=Obligation(x + y >= R(7, 6), (x >= R(2, 3), y >= R(1, 2)), D),
                                   depends_on=["up"])
    steps = [Step("up", "q", "loc", "r", template=t_up), Step("a", "q", "loc", "r", template=t_a, depends_on=["up"]),
             Step("a-fixed", "q", "loc", "r", kind="repaired", repairs="a", adds_hypotheses=["y >= 1/2"], **fixed)]
    res = Result("lemma-9.5", "Lemma 9.5", "statement", "loc", steps, order=9.5)
    return propagate([res], {"lemma-9.5/up": "refuted", "lemma-9.5/a": "refuted", "lemma-9.5/a-fixed": "proved"})


def test_a_hand_repair_built_on_a_moved_constant_does_not_stand_in():
    # without a template the repair is stale (it uses `up`, refuted, and is not re-derived)
    rep = _hand_repair_case(with_template=False)
    (res,) = rep["results"]
    assert rep["assignment"]["lemma-9.5:X"]["repaired"] == "1/2"
    assert "lemma-9.5/a-fixed" in rep["stale"] and res["provided"] == [] and not res["holds_after_repairs"]
    # with a template it is re-checked at X = 1/2, where it is refuted
    rep = _hand_repair_case(with_template=True)
    (res,) = rep["results"]
    rd = {x["id"]: x for x in rep["rederived"]}
    assert rd["lemma-9.5/a-fixed"]["values"] == {"lemma-9.5:X": "1/2"} and rd["lemma-9.5/a-fixed"]["verdict"] == "refuted"
    assert res["provided"] == [] and not res["holds_after_repairs"]
    (h,) = rep["headline"]
    assert not h["survives"]


def test_running_out_of_passes_is_reported_and_never_holds():
    """s1 states X1, s2 uses X1 and states X2, s3 uses X2 and states X3; listed last first, with no
    depends_on, each pass repairs one link: two passes are not enough."""
    D = Domain.parse(["x: real, 0 <= x <= 1"] + [f"X{i}: real, 0 <= X{i} <= 1" for i in (1, 2, 3)])
    x, X1, X2, X3 = D.symbols("x X1 X2 X3")
    P = lambda i, v, w: Parameter(f"X{i}", f"lemma-9.6:X{i}", v, weaker_when=w)
    _, t1 = templated(x >= X1, (x >= R(1, 6),), D, P(1, R(5, 6), "smaller"))
    _, t2 = templated(x >= X2, (x >= X1,), D, P(2, R(2, 3), "smaller"), P(1, R(5, 6), "larger"))
    _, t3 = templated(x >= X3, (x >= X2,), D, P(3, R(1, 2), "smaller"), P(2, R(2, 3), "larger"))
    steps = [Step("s3", "q", "loc", "r", template=t3), Step("s2", "q", "loc", "r", template=t2),
             Step("s1", "q", "loc", "r", template=t1)]
    res = Result("lemma-9.6", "Lemma 9.6", "statement", "loc", steps, order=9.6)
    verdicts = {"lemma-9.6/s1": "refuted", "lemma-9.6/s2": "proved", "lemma-9.6/s3": "proved"}
    short = propagate([res], verdicts, max_passes=2)
    assert short["converged"] is False and not short["results"][0]["holds_after_repairs"]
    assert "stopped after 2 passes" in short["results"][0]["statement"]
    # every verdict reported is for the final assignment: s3 is re-checked after X2 moved
    assert {x["id"]: x["verdict"] for x in short["rederived"]}["lemma-9.6/s3"] == "refuted"
    full = propagate([res], verdicts, max_passes=4)
    assert full["converged"] is True and full["results"][0]["holds_after_repairs"]
    assert {k: v["repaired"] for k, v in full["assignment"].items()} == {
        "lemma-9.6:X1": "1/6", "lemma-9.6:X2": "1/6", "lemma-9.6:X3": "1/6"}


def test_a_step_never_moves_another_results_constant():
    D = Domain.parse(["x: real, 0 <= x <= 1", "T: real, 0 <= T <= 1"])
    x, T = D.symbols("x T")
    _, t = templated(x >= T, (x >= R(1, 2),), D, Parameter("T", "lemma-9.1:T", R(2, 3), weaker_when="smaller"))
    r1 = Result("lemma-9.1", "Lemma 9.1", "s", "loc", [Step("own", "q", "loc", "r", obligation=Obligation(x <= 1, (), D))])
    r2 = Result("theorem-9.2", "Theorem 9.2", "s", "loc", [Step("uses", "q", "loc", "r", template=t)], order=9.2)
    rep = propagate([r1, r2], {"lemma-9.1/own": "proved", "theorem-9.2/uses": "refuted"})
    assert rep["assignment"] == {} and rep["unrepaired"] == ["theorem-9.2/uses"]


def test_graphviz_drawing_per_result_with_uses_and_repairs():
    """One result's graph (Graphviz): its steps by name, 'repairs' edges, a dashed box for what it uses
    from another result; the results' overview is coloured by the verdict in words."""
    import shutil
    import pytest
    from derivations.lemma_2_1 import RESULT as L21
    from derivations.theorem_2 import RESULT as T2
    from symbolic.graph import dot_overview, dot_result
    if shutil.which("dot") is None:
        pytest.skip("Graphviz's dot is not installed (Debian: apt-get install -y graphviz)")
    g = build_graph([L21, T2], {"lemma-2.1/claim": "refuted"})
    svg = dot_result(g, "lemma-2.1", highlight={"lemma-2.1/claim"})
    assert svg.startswith("<svg") and ">claim&#45;repaired</text>" in svg and "repairs" in svg
    assert 'font-size="12.00"' in svg          # 12 pt: 16 px at the page's natural size
    two = dot_result(g, "theorem-2")
    assert "from Lemma 2.1" in two              # the steps it uses from Lemma 2.1, boxed
    over = dot_overview(g, {"lemma-2.1": "holds with changed constants", "theorem-2": "holds as stated"})
    assert "holds with changed constants" in over and "uses" in over
