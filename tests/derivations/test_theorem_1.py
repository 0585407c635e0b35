"""Theorem 1: the hidden factors, the abstract's claim and the introduction's sqrt(nd/n)."""
import pytest
import sympy

from derivations.theorem_1 import RESULT

EXPECTED = {
    "poincare-variant": "cited",
    "informal-statement": "cited",
    "omega-tilde-hidden": "proved",
    "log-factor-expansion": "proved",
    "poly-weights-log": "proved",
    "abstract-d-times": "proved",
    "intro-law": "refuted",
    "intro-law-repaired": "proved",
}


def test_every_step_has_its_verdict(runs):
    assert {k: r.verdict for k, r in runs.items()} == EXPECTED


def test_intro_counterexample_has_p_different_from_n(runs):
    ce = {k: sympy.Rational(v) for k, v in runs["intro-law"].check.counterexample.items()}
    assert ce["p"] != ce["n"]
    assert sympy.sqrt(ce["n"] * ce["d"] / ce["n"]) != sympy.sqrt(ce["n"] * ce["d"] / ce["p"])


def test_proved_and_cited_steps_have_kernel_facts(runs):
    for slug, r in runs.items():
        assert (r.fact is not None) == (r.verdict in ("proved", "cited")), slug
        if r.fact is not None:
            assert r.fact.trust == r.verdict and r.fact.rule == ("decide" if r.verdict == "proved" else "invoke")
