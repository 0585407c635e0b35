"""Definition 1.1: what (1.1) makes of the rescaled output of a Lipschitz function."""
import sympy

from derivations.definition_1_1 import RESULT, T_OF_S, c, d, L, s

EXPECTED = {"tail-bound": "proved", "subgaussian-rescaling": "proved"}


def test_every_step_has_its_verdict(runs):
    assert {k: r.verdict for k, r in runs.items()} == EXPECTED


def test_proved_by_sound_backends(runs):
    assert runs["tail-bound"].check.method == "sympy"
    assert runs["subgaussian-rescaling"].check.method in ("sympy", "z3")


def test_rescaled_exponent_is_s_squared_over_two():
    assert sympy.simplify(d * T_OF_S ** 2 / (2 * c * L ** 2) - s ** 2 / 2) == 0
    # at d = 100, c = 1, L = 1 and s = 3: |f - E f| >= 3/10, bound 2 e^{-9/2}
    point = {d: 100, c: 1, L: 1, s: 3}
    assert T_OF_S.subs(point) == sympy.Rational(3, 10)
    assert (2 * sympy.exp(-d * T_OF_S ** 2 / (2 * c * L ** 2))).subs(point) == 2 * sympy.exp(-sympy.Rational(9, 2))


def test_result_is_discovered_between_theorem_1_and_section_2():
    from derivations import all_results
    ids = [r.id for r in all_results()]
    assert ids.index("section-1.1") < ids.index("definition-1.1") < ids.index("section-2")
