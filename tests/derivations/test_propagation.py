"""Repairs propagated through the paper's own chain (issue 5, item 2): Lemma 2.1's eps/3 -> Theorem 2's
split eps/6 -> (2.3)'s 8^4 -> Theorem 3's 8^6 and 2^9.  Every value below is found by the engine
(symbolic.propagate.propagate) and compared with what the derivations compute by hand.  With
Proposition 1.2's derived factor the (t/9)^2 holds from Definition 1.1, and (2.3)'s repair keeps 8^4."""
import pytest
import sympy

from derivations import lemma_2_1, theorem_2, theorem_3
from symbolic.audit import Settings, probe_settings, run_result
from symbolic.propagate import propagate

RESULTS = [lemma_2_1.RESULT, theorem_2.RESULT, theorem_3.RESULT]


SETTINGS = Settings(samples=300)


@pytest.fixture(scope="module")
def verdicts():
    out = {}
    for r in RESULTS:
        _, runs = run_result(r, SETTINGS)
        out.update({run.id: run.verdict for run in runs})
    return out


@pytest.fixture(scope="module")
def rep(verdicts):
    return propagate(RESULTS, verdicts, **probe_settings(SETTINGS))


def test_the_repairs_compose_along_the_chain(rep):
    got = {k: (v["repaired"], v["forced_by"], v["search"]["exact"]) for k, v in rep["assignment"].items()}
    assert got == {
        "lemma-2.1:CHAIN": ("1/2", "lemma-2.1/chain-lower-bound", True),
        "lemma-2.1:CORR": ("1/4", "lemma-2.1/claim-from-chain", True),
        "theorem-2:SPLIT": ("1/8", "theorem-2/split-eps-3", True),
        "theorem-3:NET": ("1/8", "theorem-3/sup-norm-fit", True),
    }


def test_engine_values_agree_with_the_derivations_hand_repairs(rep):
    a = {k: sympy.Rational(v["repaired"]) for k, v in rep["assignment"].items()}
    assert a["lemma-2.1:CORR"] == theorem_2.LEMMA_CORR_REPAIRED
    assert a["theorem-2:SPLIT"] == theorem_2.SPLIT_REPAIRED
    assert "theorem-2:TAIL" not in a and "theorem-2:8^4" not in a     # kept: (t/9)^2 and 8^4 hold after repairs
    assert a["theorem-3:NET"] == theorem_3.T_NET_REPAIRED


def test_theorem_3_re_derived_with_theorem_2s_repaired_constant(rep):
    rd = {x["id"]: x for x in rep["rederived"]}
    # at the eps/8 split the paper's (t/9)^2 no longer gives 8^4 in (2.3) and (2.5); the derived tail does
    assert rd["theorem-2/display-2-3"]["values"] == {"theorem-2:SPLIT": "1/8"}
    assert rd["theorem-2/display-2-3"]["verdict"] == rd["theorem-2/display-2-5"]["verdict"] == "refuted"
    assert "theorem-3/theorem-2-second-term" not in rd      # Theorem 2's 8^4 did not move
    assert rd["theorem-2/statement"]["method"] == "independent"
    assert not [s for s in rep["stale"] if s.split("/")[0] in ("lemma-2.1", "theorem-2", "theorem-3")]


def test_headline_constants(rep):
    h = {x["parameter"]: x for x in rep["headline"]}
    assert h["theorem-2:8^4"]["survives"] and h["theorem-2:8^4"]["value"] == "4096"
    assert h["theorem-2:8^4"]["provided"] == ["theorem-2/display-2-3-repaired", "theorem-2/display-2-5-repaired"]
    assert not h["lemma-2.1:CORR"]["survives"]
    for name in ("theorem-2:8^3", "theorem-3:8^6", "theorem-3:2^9", "theorem-3:8^4 k", "theorem-3:8^4 (condition)"):
        assert h[name]["survives"] and h[name]["provided"] == [], name
    assert h["theorem-3:60"]["survives"] and "theorem-3/net-size-repaired" in h["theorem-3:60"]["provided"]


def test_repaired_statements(rep):
    st = {x["id"]: x for x in rep["results"]}
    assert st["lemma-2.1"]["holds_after_repairs"]
    assert st["lemma-2.1"]["statement"].startswith("Lemma 2.1 holds with eps/3 (correlation) = 1/4 in place of 1/3")
    assert st["theorem-2"]["holds_after_repairs"]
    assert st["theorem-2"]["statement"].startswith("Theorem 2 holds with the constants of its statement unchanged")
    assert st["theorem-3"]["holds_after_repairs"]
    assert st["theorem-3"]["statement"].startswith("Theorem 3 holds with the constants of its statement unchanged")
    assert "net-size-repaired" in st["theorem-3"]["provided"][0]


def test_a_result_propagated_alone_takes_the_results_it_uses_as_stated(verdicts):
    """Theorem 2 without Lemma 2.1: Lemma 2.1's eps/3 is not Theorem 2's to move (a review found it moved
    to 3/8, which Lemma 2.1 refutes); it stays at the paper's value and the statement says so."""
    own = {k: v for k, v in verdicts.items() if k.startswith("theorem-2/")}
    alone = propagate([theorem_2.RESULT], own, **probe_settings(SETTINGS))
    # nothing moves: the split is Lemma 2.1's to change, and at eps/6 (2.3) holds with 8^4
    assert alone["assignment"] == {}
    (res,) = alone["results"]
    assert res["assumes_as_stated"] == ["lemma-2.1", "proposition-1.2"]
    assert "taking lemma-2.1, proposition-1.2 as stated" in res["statement"]
    assert {h["parameter"] for h in alone["headline"]} == {"theorem-2:8^4", "theorem-2:8^3"}


def test_the_cli_gives_the_audit_every_result_as_context(monkeypatch, tmp_path):
    import symbolic.audit as A
    from symbolic.cli import main
    seen = {}
    real = A.audit

    def spy(results, *args, **kw):
        seen["context"] = [r.id for r in kw.get("context") or []]
        return real(results, *args, **{**kw, "auditor": False})
    monkeypatch.setattr(A, "audit", spy)
    assert main(["theorem-2", "--samples", "50", "--quiet", "--output", str(tmp_path / "t2.json"),
                 "--format", "json"]) == 0
    assert {"lemma-2.1", "theorem-2", "theorem-3"} <= set(seen["context"])
