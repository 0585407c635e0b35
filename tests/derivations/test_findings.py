"""The findings of the whole audit: one per root cause, each grounded in the verdicts, and the
results' verdicts in words; the constants table agrees with the engine's own searches."""
import sympy

from symbolic.findings import CLASSES, PLAIN_VERDICTS
from symbolic.report import validate

EXPECTED_CLASSES = {
    "theorem-1/intro-sqrt-nd-over-n": "imprecise",
    "section-1.1/nd-range-rounding": "imprecise",
    "lemma-2.1/correlation-eps-over-4": "false-step",
    "theorem-2/one-subgaussian": "false-step",
    "theorem-2/empty-component": "false-step",
    "theorem-3/net-size-needs-eps-small": "gap",
    "theorem-3/sup-norm-two-thirds": "false-step",
    "section-3/j-choice-depth-one": "false-step",
    "section-3/j-choice-biases": "false-statement",
    "lemma-3.1/b-ignores-biases-and-skips": "false-statement",
    "lemma-3.1/b-not-convex": "false-step",
    "theorem-4/new-cell-not-unique": "false-step",
    "theorem-4/probability-omega-n": "false-step",
    "theorem-4/kolmogorov-arnold-terms": "false-step",
    "theorem-4/index-ranges": "imprecise",
    "theorem-4/parametrisation-2-lipschitz": "false-step",
}


def test_the_report_with_findings_follows_the_schema(full_report):
    validate(full_report)


def test_every_finding_is_declared_confirmed_and_classed(full_report):
    found = {f["id"]: f for f in full_report["findings"]}
    assert {k: f["class"] for k, f in found.items()} == EXPECTED_CLASSES
    assert all(f["declared"] and f["confirmed"] for f in found.values())
    assert all(f["class"] in CLASSES for f in found.values())


def test_every_failing_paper_step_is_explained_by_exactly_one_finding(full_report):
    explained = [s for f in full_report["findings"] for s in f["steps"]]
    failing = {s["id"] for e in full_report["results"] for s in e["steps"] if s["kind"] != "repaired"
               and s["verdict"] == "refuted"}
    assert failing <= set(explained)
    assert sorted(explained) == sorted(set(explained))


def test_section_1_1_has_no_false_finding(full_report):
    classes = {f["class"] for f in full_report["findings"] if f["result"] == "section-1.1"}
    assert classes == {"imprecise"}


def test_the_subgaussian_slip_is_one_finding_over_all_its_steps(full_report):
    owners = [f["id"] for f in full_report["findings"] if "theorem-2/isoperimetry-subgaussian" in f["steps"]
              or "theorem-2/multiplier" in f["steps"] or "theorem-2/isoperimetry-subgaussian-mixture" in f["steps"]]
    assert owners == ["theorem-2/one-subgaussian"]
    (f,) = [f for f in full_report["findings"] if f["id"] == "theorem-2/one-subgaussian"]
    assert {"theorem-2/isoperimetry-subgaussian", "theorem-2/multiplier",
            "theorem-2/isoperimetry-subgaussian-mixture"} <= set(f["steps"])
    assert all(x["verdict"] == "proved" for x in f["repaired_by"])


def test_asymptotic_claim_is_refuted_along_a_family_not_at_a_point(full_report):
    (s,) = [s for e in full_report["results"] for s in e["steps"] if s["id"] == "theorem-4/probability-exponent"]
    assert s["reading"] == "asymptotic" and s["verdict"] == "refuted"
    assert list(s["counterexample"]) == ["family"] and s["method"] == "z3"


def test_results_verdicts_in_words(full_report):
    words = {e["id"]: e["plain_verdict"]["verdict"] for e in full_report["results"]}
    assert set(words.values()) <= set(PLAIN_VERDICTS)
    assert words["section-1.1"] == "holds approximately"
    assert words["lemma-3.1"] == words["section-3"] == "false as stated"
    assert words["theorem-2"] == "holds as stated (proof repaired)"
    assert words["lemma-2.1"] == "holds with changed constants"
    assert words["theorem-3"] == "holds under an added hypothesis"
    assert words["theorem-4"] == "holds under an added hypothesis"


def test_every_constant_row_agrees_with_the_engine_or_says_why(full_report):
    unexplained = [(c["step"], c["name"]) for c in full_report["constants"]
                   if c.get("agrees") is False and (not c.get("tightest_note")
                                                     or c["tightest_note"].startswith("unexplained"))]
    assert unexplained == []
    for c in full_report["constants"]:
        if c.get("agrees") and c.get("tightest_exact") and c["tightest"] is not None:
            assert sympy.nsimplify(c["supported"]) == sympy.nsimplify(c["tightest"]), c


def test_the_schema_rejects_a_finding_of_no_known_class(full_report):
    import copy

    import jsonschema
    import pytest
    bad = copy.deepcopy(full_report)
    bad["findings"][0]["class"] = "wrong"
    with pytest.raises(jsonschema.ValidationError):
        validate(bad)
    del bad["findings"][0]["class"]
    with pytest.raises(jsonschema.ValidationError):
        validate(bad)
