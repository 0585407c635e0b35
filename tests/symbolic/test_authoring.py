"""The authoring API (symbolic/authoring.py): true uses compile to the audit's objects, false uses raise
one-line DerivationErrors that name the culprit."""
import pytest
import sympy
from sympy import Rational as R

from symbolic.authoring import Handle, Proof
from symbolic.errors import DerivationError
from symbolic.kernel import Citation
from symbolic.proof import Parameter, Result, Step, Template

CITE = Citation(key="tool", name="a tool", statement="s", source="src")


def _proof():
    p = Proof("lemma-9.1", "Lemma 9.1", statement="x^2 <= K x", location="Section 9", proof_location="Section 9, proof")
    x, n = p.vars("x: real, 0 <= x <= 1", "n: integer, n >= 1")
    K = p.constant("K: real, 0 < K <= 4", "lemma-9.1:K", 1, "larger", audited_as="K (the bound)", headline=True)
    M = p.constant("M: real, M > 0", "lemma-9.1:M", 2, "smaller")
    return p, x, n, K, M


def test_a_step_without_constants_is_an_obligation_over_the_variables_it_uses():
    p, x, n, K, M = _proof()
    h = p.step("sq", x ** 2 <= x, quote="x^2 <= x", rule="x <= 1")
    assert isinstance(h, Handle) and h.id == "lemma-9.1/sq"
    assert h.step.template is None and h.step.obligation.variables() == ("x",)
    assert h.step.location == "Section 9, proof"
    assert h.step.claim_latex() == h.step.obligation.latex()      # the claim defaults to the obligation's


def test_the_domain_follows_the_declared_order_not_the_expression():
    p, x, n, K, M = _proof()
    h = p.step("both", n * x <= n, quote="q", rule="r")
    assert h.step.obligation.variables() == ("x", "n")
    h2 = p.step("both2", n * x <= n, quote="q", rule="r", variables=(n, x))
    assert h2.step.obligation.variables() == ("n", "x")


def test_a_step_with_constants_is_a_template_own_constant_first():
    p, x, n, K, M = _proof()
    h = p.step("t", x ** 2 <= K * x, (x <= M,), quote="q", rule="r", own=M, weaker={M: "larger"})
    t = h.step.template
    assert isinstance(t, Template)
    assert [q.name for q in t.parameters] == ["lemma-9.1:M", "lemma-9.1:K"]
    assert t.parameters[0].weaker_when == "larger" and t.parameters[1].constant == "K (the bound)"
    assert t.parameters[1].headline and t.bracket(t.parameters[1]) == (0, 4)
    # the step checks the template at the paper's values
    assert h.step.obligation.key() == t.instantiate().key()
    assert h.step.obligation.text() == "x <= 2  ==>  x**2 <= x"


def test_a_repair_is_the_same_step_at_new_values():
    p, x, n, K, M = _proof()
    h = p.step("t", x ** 2 <= K * x, (x <= M,), quote="q", rule="r", depends_on=[])
    fix = p.repair(h, values={K: R(1, 2)}, rule="a smaller K")
    assert fix.slug == "t-repaired" and fix.step.kind == "repaired" and fix.step.repairs == "t"
    assert fix.step.template is None           # every constant set: K at 1/2, M at the paper's 2
    assert fix.step.obligation.text() == "x <= 2  ==>  x**2 <= x/2"
    assert fix.step.quote == "q" and fix.step.location == h.step.location
    more = p.repair(h, "t-added", values={K: R(1, 2)}, extra_hypotheses=x <= K, rule="an added hypothesis")
    assert more.step.obligation.text() == "x <= 2 and x <= 1/2  ==>  x**2 <= x/2"


def test_a_repair_that_keeps_its_constant_stays_a_template_in_the_others():
    p, x, n, K, M = _proof()
    h = p.step("t", x ** 2 <= K * x, (x <= M,), quote="q", rule="r", own=K)
    fix = p.repair(h, values={M: 1}, keeps_constant=True, rule="a better argument, the same K")
    assert fix.step.keeps_constant and [q.name for q in fix.step.template.parameters] == ["lemma-9.1:K"]
    assert fix.step.obligation.text() == "x <= 1  ==>  x**2 <= x"


def test_an_obligation_given_directly_uses_the_declarations():
    p, x, n, K, M = _proof()
    ob = p.obligation(n * x <= n, where={n: "n: integer, 1 <= n <= 1"})
    assert ob.variables() == ("x", "n") and ob.domain["n"].hi == 1
    with pytest.raises(DerivationError):
        p.obligation(x <= K)


def test_handles_link_steps_and_a_citation_gives_hypotheses():
    p, x, n, K, M = _proof()
    q, = p.vars("q: real, 0 <= q <= 1")
    tool = p.cite(CITE, "tool", quote="by the tool", rule="as stated", gives=q <= x)
    use = p.step("use", q <= 1, given=[tool], quote="q", rule="r")
    assert tool.step.citation is CITE and tool.step.obligation is None
    assert use.step.depends_on == ["tool"] and use.step.obligation.hypotheses == (q <= x,)
    first = p.step("first", x <= 1, quote="q", rule="r", depends_on=[use, "lemma-9.0/statement"], before=tool)
    assert first.step.depends_on == ["use", "lemma-9.0/statement"]
    res = p.result([p.finding("f", "false-step", "t", steps=[use], repair="r", repaired_by=[])])
    assert isinstance(res, Result) and [s.slug for s in res.steps] == ["first", "tool", "use"]
    assert list(res.findings[0].steps) == ["use"]


def test_a_shared_parameter_keeps_its_name_under_a_new_symbol():
    p, x, n, K, M = _proof()
    shared = Parameter("kother", "lemma-9.0:C", 3, "larger", constant="C", headline=True)
    C = p.constant("c9: real, c9 > 0", shared)
    par = p.parameter(C)
    assert (par.symbol, par.name, par.value, par.headline) == ("c9", "lemma-9.0:C", 3, True)
    h = p.step("s", x <= C, quote="q", rule="r")
    assert h.step.template.parameters == (par,)
    assert p.value(C) == 3


def test_a_step_may_restrict_a_declared_variable_to_a_case():
    p, x, n, K, M = _proof()
    h = p.step("case", n * x <= 2, quote="q", rule="r", where={n: "n: integer, 1 <= n <= 2"})
    assert h.step.obligation.domain["n"].hi == 2
    assert h.step.obligation.domain["x"] == p.step("all", x <= 1, quote="q", rule="r").step.obligation.domain["x"]
    fix = p.repair(h, conclusion=n * x <= 3, rule="r")
    assert fix.step.obligation.domain["n"].hi == 2          # a repair keeps the case
    c = p.step("bracket", x ** 2 <= K * x, quote="q", rule="r", where={K: "K: real, 1/2 <= K <= 4"})
    assert c.step.template.bracket(c.step.template.parameters[0]) == (R(1, 2), 4)
    with pytest.raises(DerivationError) as e:
        p.step("bad", n * x <= 2, quote="q", rule="r", where={n: "m: integer, 1 <= m <= 2"})
    _one_line(e, "where= restricts a variable")
    whole = p.step("whole", x * n <= n, quote="q", rule="r", where={x: "x: integer, 0 <= x <= 1"})
    assert whole.step.obligation.domain["x"].kind == "integer"      # the integer values of a real


# -- false uses ------------------------------------------------------------------------------------

def _one_line(exc_info, *needles):
    msg = str(exc_info.value)
    assert "\n" not in msg
    for s in needles:
        assert s in msg, msg


def test_an_undeclared_symbol_is_named():
    p, x, n, K, M = _proof()
    y = sympy.Symbol("y", real=True)
    with pytest.raises(DerivationError) as e:
        p.step("bad", x + y <= 2, quote="q", rule="r")
    _one_line(e, "lemma-9.1/bad", "undeclared symbol(s) y")


def test_a_symbol_of_a_declared_name_with_other_assumptions_is_named_with_a_hint():
    p, x, n, K, M = _proof()
    with pytest.raises(DerivationError) as e:
        p.step("bad", sympy.Symbol("x") <= 1, quote="q", rule="r")
    _one_line(e, "undeclared symbol(s) x", "proof.vars")


def test_a_name_declared_twice_is_refused():
    p, x, n, K, M = _proof()
    with pytest.raises(DerivationError) as e:
        p.vars("x: real")
    _one_line(e, "x is declared twice")
    with pytest.raises(DerivationError):
        p.constant("K: real, K > 0", "lemma-9.1:K2", 1)


def test_strings_are_not_handles():
    p, x, n, K, M = _proof()
    p.step("a", x <= 1, quote="q", rule="r")
    with pytest.raises(DerivationError) as e:
        p.step("b", x <= 1, quote="q", rule="r", depends_on=["a"])
    _one_line(e, "depends_on takes step handles", "'a'")


def test_a_handle_of_another_proof_of_the_same_id_is_refused():
    p, x, *_ = _proof()
    other, y, *_ = _proof()
    h = other.step("a", y <= 1, quote="q", rule="r")
    with pytest.raises(DerivationError) as e:
        p.step("b", x <= 1, quote="q", rule="r", depends_on=[h])
    _one_line(e, "not added to this proof")


def test_repair_values_must_be_constants_of_the_step():
    p, x, n, K, M = _proof()
    h = p.step("t", x ** 2 <= K * x, quote="q", rule="r")
    with pytest.raises(DerivationError) as e:
        p.repair(h, values={M: 3}, rule="r")
    _one_line(e, "repair values for M")
    with pytest.raises(DerivationError):
        p.repair(h, values={x: 3}, rule="r")


def test_own_must_be_a_constant_the_step_uses():
    p, x, n, K, M = _proof()
    with pytest.raises(DerivationError) as e:
        p.step("t", x ** 2 <= K * x, quote="q", rule="r", own=M)
    _one_line(e, "M is not a constant this step's relations use")
    with pytest.raises(DerivationError):
        p.step("u", x <= 1, quote="q", rule="r", own=K)


def test_variables_must_include_the_used_ones():
    p, x, n, K, M = _proof()
    assert p.step("t", x <= 1, quote="q", rule="r", variables=(n, x)).step.obligation.variables() == ("n", "x")
    with pytest.raises(DerivationError) as e:
        p.step("u", x * n <= n, quote="q", rule="r", variables=(x,))
    _one_line(e, "variables= must list declared variables")
    with pytest.raises(DerivationError):
        p.step("v", x <= 1, quote="q", rule="r", variables=(x, sympy.Symbol("z")))


def test_a_relation_sympy_already_decided_is_refused_in_one_line():
    p, x, n, K, M = _proof()
    with pytest.raises(DerivationError) as e:
        p.step("t", sympy.Eq(x, x), quote="q", rule="r")
    _one_line(e, "lemma-9.1/t", "constant True")


def test_step_rejections_are_derivation_errors():
    p, x, n, K, M = _proof()
    with pytest.raises(DerivationError):
        p.step("t", x <= 1, quote="", rule="r")        # Step needs the paper's text
    with pytest.raises(DerivationError):
        p.step("u", x <= 1, quote="q", rule="r", no_such_field=1)


def test_the_compiled_objects_are_the_audits():
    p, x, n, K, M = _proof()
    h = p.step("t", x ** 2 <= K * x, quote="q", rule="r")
    assert type(h.step) is Step
    from symbolic.audit import Settings, run_result
    entry, runs = run_result(p.result(), Settings(samples=50))
    assert [r.verdict for r in runs] == ["proved"]
