"""what_if: a result re-checked with other values of its declared constants (true and false variants)."""
import pytest
import sympy

from derivations.lemma_2_1 import RESULT as LEMMA_2_1
from derivations.theorem_2 import RESULT as THEOREM_2
from symbolic.domain import Domain, Obligation
from symbolic.errors import LawauditError
from symbolic.proof import Parameter, Result, Step, Template
from symbolic.whatif import declared_constants, what_if

D = Domain.parse(["x: real, 0 <= x <= 1", "K: real, K > 0"])
x, K = D.symbols("x K")
TOY = Result(id="lemma-9.9", title="Lemma 9.9", statement="x^2 <= K x", location="test", steps=[
    Step(slug="bound", quote="x^2 <= K x", location="test", rule="x <= 1 <= K",
         template=Template(Obligation(x ** 2 <= K * x, (), D), (Parameter("K", "lemma-9.9:K", 2, "larger"),))),
    Step(slug="other", quote="x <= 1", location="test", rule="range", obligation=Obligation(x <= 1, (), D)),
])


def test_a_true_variant_holds_step_by_step():
    w = what_if(TOY, {"K": 1})                       # x^2 <= x on [0, 1]: still true
    assert w.holds and [(s.slug, s.paper, s.verdict) for s in w.steps] == [("bound", "proved", "proved")]
    assert w.unaffected == ["other"]
    assert "still holds" in w.summary() and "statement survives" in w.summary()


def test_a_false_variant_fails_with_a_counterexample():
    w = what_if(TOY, {"lemma-9.9:K": sympy.Rational(1, 2)})      # x^2 <= x/2 fails at x = 1
    assert not w.holds
    (step,) = w.steps
    assert step.verdict == "refuted" and step.paper == "proved"
    point = {k: sympy.Rational(v) for k, v in step.counterexample.items()}
    assert point["x"] ** 2 > point["x"] / 2 and 0 <= point["x"] <= 1
    assert "bound (refuted)" in w.summary()


def test_the_papers_constants_lemma_2_1_and_theorem_2():
    assert what_if(LEMMA_2_1, {"eps/3 (correlation)": sympy.Rational(1, 4)}, samples=200).holds
    assert not what_if(LEMMA_2_1, {"eps/3 (correlation)": sympy.Rational(1, 3)}, samples=200).holds
    w = what_if(THEOREM_2, {"8^4": 2048}, samples=200)
    assert not w.holds and {s.slug for s in w.failing} == {"display-2-3", "display-2-5"}
    assert what_if(THEOREM_2, {"8^4": 9216}, samples=200).holds


@pytest.mark.parametrize("values, message", [
    ({"8^5": 2}, "what_if: lemma-9.9 declares no constant '8^5'; declared: K"),
    ({"K": "two"}, "what_if: the value of 'K' must be a number"),
    ({"K": True}, "what_if: the value of 'K' must be a number"),
    ({"K": float("nan")}, "what_if: the value of 'K' must be"),
    ({}, "what_if: give at least one constant"),
])
def test_bad_input_is_one_line_naming_the_constant(values, message):
    with pytest.raises(LawauditError) as info:
        what_if(TOY, values)
    assert str(info.value).startswith(message) and "\n" not in str(info.value)


def test_declared_constants_lists_the_templates_parameters():
    assert set(declared_constants(THEOREM_2)) >= {"theorem-2:8^4", "theorem-2:8^3", "lemma-2.1:CORR"}
