"""Issue 17: every mutant the engine refutes must make coqc fail (so the export never weakens a
statement into something Coq can prove).

Affordable by sampling: coqc takes seconds per file on this machine, so ``make test`` checks a
deterministic sample -- every false item of the soundness corpus up to
``LAWAUDIT_COQ_CORPUS`` (default 12) and, among the mutants of the encoded steps of Lemma 2.1,
Theorem 2 and Theorem 4, every ``k``-th one up to ``LAWAUDIT_COQ_MUTANTS`` (default 16) that the
engine refutes.  Set both to ``all`` for the whole set.
"""
from __future__ import annotations

import os

import pytest

from symbolic.check import check_obligation
from symbolic.coq import runner
from symbolic.coq.export import export
from symbolic.coq.terms import NotExportable

from .corpus import ITEMS

pytestmark = pytest.mark.skipif(runner.coqc_path() is None, reason="coqc is not on the PATH "
                                "(Debian: apt-get install coq libcoq-interval)")


def _limit(name: str, default: int) -> int | None:
    v = os.environ.get(name, str(default))
    return None if v == "all" else int(v)


def _exportable(obs):
    out = []
    for key, ob in obs:
        try:
            out.append((key, ob, export(ob, key).text))
        except NotExportable:
            continue
    return out


def _corpus_false(limit):
    found = _exportable([(i.id, i.obligation) for i in ITEMS if not i.expected])
    return found if limit is None else found[:limit]


def _refuted_mutants(limit, stride: int = 7):
    from derivations import all_results

    from .mutants import step_mutants
    results = [r for r in all_results() if r.id in ("lemma-2.1", "theorem-2", "theorem-4")]
    mutants = [m for _, _, ms in step_mutants(results) for m in ms]
    picked = []
    for m in mutants[::1 if limit is None else stride]:
        if limit is not None and len(picked) >= limit:
            break
        try:
            text = export(m.obligation, m.id).text
        except NotExportable:
            continue
        v = check_obligation(m.obligation, samples=200, timeout=2.0)
        if v.verdict == "refuted":
            picked.append((m.id, m.obligation, text))
    return picked


def _assert_all_fail(items, tmp_path):
    assert items, "nothing exported: the sample is empty"
    paths = []
    for i, (key, ob, text) in enumerate(items):
        path = tmp_path / f"m{i}.v"
        path.write_text(text)
        paths.append((key, str(path), ob))
    results = runner.check_files(paths, jobs=2, timeout=60)
    checked = [k for k, r in results.items() if r.status == "checked"]
    assert checked == [], f"coqc accepted false statements: {checked}"
    assert all(r.status == "failed" for r in results.values())


def test_false_corpus_items_make_coqc_fail(tmp_path):
    items = _corpus_false(_limit("LAWAUDIT_COQ_CORPUS", 12))
    assert len(items) >= min(12, _limit("LAWAUDIT_COQ_CORPUS", 12) or 12)
    _assert_all_fail(items, tmp_path)


def test_mutants_the_engine_refutes_make_coqc_fail(tmp_path):
    items = _refuted_mutants(_limit("LAWAUDIT_COQ_MUTANTS", 16))
    assert len(items) >= 8
    _assert_all_fail(items, tmp_path)
