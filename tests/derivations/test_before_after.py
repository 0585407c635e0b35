"""The audit says today what it said before the authoring API and the speed work: every verdict,
constant and counterexample (``golden/essentials.json``), apart from ids renamed on purpose."""
import json

import pytest

from tests.derivations.essentials import GOLDEN, essentials

#: step ids renamed on purpose: old id -> new id
RENAMED: dict = {}


def _renamed(golden: dict) -> dict:
    def ren(x):
        return RENAMED.get(x, x)
    out = {k: {ren(i): v for i, v in golden[k].items()} for k in ("steps", "results", "repairs", "findings")}
    out["constants"] = {f"{ren(k.split(' | ')[0])} | {k.split(' | ', 1)[1]}": v for k, v in golden["constants"].items()}
    for s in out["steps"].values():
        s["repairs"] = ren(s["repairs"]) if s["repairs"] else s["repairs"]
    return out


@pytest.fixture(scope="module")
def pair(full_report):
    return _renamed(json.loads(GOLDEN.read_text(encoding="utf-8"))), essentials(full_report)


@pytest.mark.parametrize("part", ["steps", "results", "constants", "repairs", "findings"])
def test_same_as_before(pair, part):
    before, now = pair[0][part], pair[1][part]
    assert sorted(set(before) - set(now)) == [], "ids gone (add them to RENAMED if renamed on purpose)"
    assert sorted(set(now) - set(before)) == [], "new ids (re-write the golden copy if added on purpose)"
    changed = {k: {"before": before[k], "now": now[k]} for k in before if before[k] != now[k]}
    assert changed == {}
