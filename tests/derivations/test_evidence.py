"""The sampling evidence over the whole audit, at the default settings (what reports and notebooks show).

Every step whose hypotheses can hold has at least 200 feasible points, unless its regime is finite and
every point of it was checked (a statement with pinned values has one point); no proved step shows a
negative margin; every evidence has a finite regime that contains its argmin; every printed number is
short.
"""
from fractions import Fraction

import pytest


@pytest.fixture(scope="module")
def steps(full_report):
    """Every step of the whole audit at the default settings (the session's report, shared)."""
    return [s for r in full_report["results"] for s in r["steps"]]


def _value(text):
    return Fraction(text) if "/" in text or "e" not in text.lower() else Fraction(float(text))


def test_every_satisfiable_step_has_200_feasible_points_or_all_of_its_points(steps):
    thin = [(s["id"], s["evidence"]["feasible"]) for s in steps
            if s["evidence"] and s["verdict"] != "vacuous" and s["method"] != "adversarial-search"
            and s["evidence"]["feasible"] < 200 and not s["evidence"].get("exhaustive")]
    assert thin == []
    sampled = [s for s in steps if s["evidence"] and s["method"] != "citation"]
    assert len(sampled) >= 130


def test_no_proved_step_has_a_negative_margin(steps):
    bad = [(s["id"], s["evidence"]["min_margin"]) for s in steps if s["verdict"] == "proved"
           and s["evidence"] and s["evidence"]["min_margin"] is not None and float(s["evidence"]["min_margin"]) < 0]
    assert bad == []


def test_every_evidence_has_a_finite_regime_containing_its_argmin(steps):
    for s in steps:
        ev = s["evidence"]
        if not ev or ev["argmin"] is None:
            continue
        assert ev["regime"] is not None, s["id"]
        for name, text in ev["argmin"].items():
            lo, hi = (Fraction(b) for b in ev["regime"][name])
            v = _value(text)
            assert lo - abs(lo) * Fraction(1, 10 ** 5) <= v <= hi + abs(hi) * Fraction(1, 10 ** 5), (s["id"], name, text)


def test_printed_evidence_numbers_are_short(steps):
    long = [(s["id"], t) for s in steps if s["evidence"]
            for t in [s["evidence"]["min_margin"]] + list((s["evidence"]["argmin"] or {}).values())
            if t is not None and len(t) > 20]
    assert long == []
