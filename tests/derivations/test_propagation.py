"""Repairs propagated through the paper's own chain (issue 5, item 2): Lemma 2.1's eps/3 -> Theorem 2's
split eps/6 and (2.3)'s 8^4 -> Theorem 3's 8^6 and 2^9.  Every value below is found by the engine
(symbolic.graph.propagate) and compared with what the derivations compute by hand."""
import pytest
import sympy

from derivations import lemma_2_1, theorem_2, theorem_3
from symbolic.audit import Settings, probe_settings, run_result
from symbolic.graph import propagate

RESULTS = [lemma_2_1.RESULT, theorem_2.RESULT, theorem_3.RESULT]


@pytest.fixture(scope="module")
def rep():
    settings = Settings(samples=300)
    verdicts = {}
    for r in RESULTS:
        _, runs = run_result(r, settings)
        verdicts.update({run.id: run.verdict for run in runs})
    return propagate(RESULTS, verdicts, **probe_settings(settings))


def test_the_repairs_compose_along_the_chain(rep):
    got = {k: (v["repaired"], v["forced_by"], v["search"]["exact"]) for k, v in rep["assignment"].items()}
    assert got == {
        "lemma-2.1:CHAIN": ("1/2", "lemma-2.1/chain-lower-bound", True),
        "lemma-2.1:CORR": ("1/4", "lemma-2.1/claim-from-chain", True),
        "theorem-2:TAIL": ("144", "theorem-2/proposition-1-2-from-definition", True),
        "theorem-2:SPLIT": ("1/8", "theorem-2/split-eps-3", True),
        "theorem-2:8^4": ("9216", "theorem-2/display-2-3", True),
        "theorem-3:NET": ("1/8", "theorem-3/sup-norm-fit", True),
    }


def test_engine_values_agree_with_the_derivations_hand_repairs(rep):
    a = {k: sympy.Rational(v["repaired"]) for k, v in rep["assignment"].items()}
    assert a["lemma-2.1:CORR"] == theorem_2.LEMMA_CORR_REPAIRED
    assert a["theorem-2:SPLIT"] == theorem_2.SPLIT_REPAIRED
    assert a["theorem-2:TAIL"] == theorem_2.S_RULE.parameter
    assert a["theorem-2:8^4"] == theorem_2.D23_REPAIRED
    assert a["theorem-3:NET"] == theorem_3.T_NET_REPAIRED


def test_theorem_3_re_derived_with_theorem_2s_repaired_constant(rep):
    rd = {x["id"]: x for x in rep["rederived"]}
    second = rd["theorem-3/theorem-2-second-term"]
    assert second["values"] == {"theorem-2:8^4": "9216"} and second["verdict"] == "proved"
    assert rd["theorem-2/display-2-5"]["verdict"] == "proved"
    assert rd["theorem-2/statement"]["method"] == "independent"
    assert not [s for s in rep["stale"] if s.split("/")[0] in ("lemma-2.1", "theorem-2", "theorem-3")]


def test_headline_constants(rep):
    h = {x["parameter"]: x for x in rep["headline"]}
    assert not h["theorem-2:8^4"]["survives"] and h["theorem-2:8^4"]["value"] == "9216"
    assert not h["lemma-2.1:CORR"]["survives"]
    for name in ("theorem-2:8^3", "theorem-3:8^6", "theorem-3:2^9", "theorem-3:8^4 k", "theorem-3:8^4 (condition)"):
        assert h[name]["survives"] and h[name]["provided"] == [], name
    assert h["theorem-3:60"]["survives"] and "theorem-3/net-size-repaired" in h["theorem-3:60"]["provided"]


def test_repaired_statements(rep):
    st = {x["id"]: x for x in rep["results"]}
    assert st["lemma-2.1"]["holds_after_repairs"]
    assert st["lemma-2.1"]["statement"].startswith("Lemma 2.1 holds with eps/3 (correlation) = 1/4 in place of 1/3")
    assert st["theorem-2"]["holds_after_repairs"] and "9216 in place of 4096" in st["theorem-2"]["statement"]
    assert st["theorem-3"]["holds_after_repairs"]
    assert st["theorem-3"]["statement"].startswith("Theorem 3 holds with the constants of its statement unchanged")
    assert "net-size-repaired" in st["theorem-3"]["provided"][0]
