"""``python -m tests.soundness.run``: the soundness gate over the whole corpus and every mutant.

Prints the figures as tables (false proofs, alarms, true items proved / evidence / unknown,
mutants killed, must-kill mutants killed, backends, time per item) and exits with status 1 on
any false proof or soundness alarm, 0 otherwise.

Options: ``--corpus-only``, ``--mutants-only``, ``--results ID ...`` (mutate only these
results), ``--workers N`` (processes; default: CPU count), ``--json PATH`` (every judgement),
``--seed``, ``--samples``, ``--timeout``.

Verdicts are seeded and do not depend on the number of workers; only timings vary.
"""
from __future__ import annotations

import argparse
import functools
import json
import os
import statistics
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, replace

from symbolic.backends import sampling

from .corpus import ITEMS, Item
from .judge import Judgement, Settings, judge, refutes
from .mutants import step_mutants

__all__ = ["run_items", "run_step_mutants", "run_mutants", "find_witness", "main"]

#: Mutants are checked with these budgets (their cross-checks are the expensive part).
MUTANT_SETTINGS = Settings(samples=1000, timeout=2.0, cross_samples=2000, interval_boxes=300)
#: Seeds of the independent witness search (:func:`find_witness`).
WITNESS_SEEDS = (1, 2)


# ---------------------------------------------------------------------------------------------
# corpus
# ---------------------------------------------------------------------------------------------
def run_items(items: list[Item], settings: Settings = Settings()) -> list[Judgement]:
    """Judge every corpus item (expected truth from the item; witnesses re-checked)."""
    from symbolic import progress
    out = []
    with progress.bar(len(items), "soundness corpus") as bar:
        for i in items:
            bar.note(i.id)
            out.append(judge(i.obligation, id=i.id, expected=i.expected, witness=i.witness, settings=settings))
            bar.update(1)
    return out


# ---------------------------------------------------------------------------------------------
# mutants
# ---------------------------------------------------------------------------------------------
def find_witness(ob, seeds=WITNESS_SEEDS, samples: int = 500):
    """A point refuting ``ob`` found *without* any decision procedure: feasible points of the
    hypotheses (seeded samples, certified) at which the conclusion is certainly false
    (:func:`tests.soundness.judge.refutes`).  ``None`` when none of them refutes it."""
    for s in seeds:
        try:
            p = sampling.feasible_point(ob, seed=s, samples=samples)
        except Exception:          # a mutant the sampler cannot read has no witness from here
            p = None
        if p is not None:
            point = {k: str(v) for k, v in p.items()}
            if refutes(ob, point):
                return point
    return None


@functools.lru_cache(maxsize=None)
def _steps_of(result_id):
    from derivations import all_results
    res = [r for r in all_results() if r.id == result_id]
    return {sid: (ob, ms) for sid, ob, ms in step_mutants(res)}


def _run_step_id(task) -> dict:
    """Worker: rebuild the step's obligation and mutants from the derivations (SymPy objects
    must not cross process boundaries: unpickling re-evaluates relations such as ``Eq``)."""
    step_id, settings = task
    ob, ms = _steps_of(step_id.split("/", 1)[0])[step_id]
    return run_step_mutants((step_id, ob, ms, settings))


def run_step_mutants(task) -> dict:
    """Judge one step's original obligation and all its mutants.  ``task`` is
    ``(step_id, obligation, mutants, settings)``; returns a plain dict (picklable)."""
    step_id, ob, mutants, settings = task
    try:
        return _run_step_mutants(step_id, ob, mutants, settings)
    except Exception as exc:     # a crash in the harness must not hide the other steps' figures
        err = asdict(Judgement(step_id, "error", f"{type(exc).__name__}: {exc}", 0.0))
        return {"step": step_id, "original": err, "mutants": [], "seconds": 0.0}


def _run_step_mutants(step_id, ob, mutants, settings):
    t0 = time.perf_counter()
    orig = judge(ob, id=step_id, settings=settings, cross=False)
    rows = []
    for m in mutants:
        w = find_witness(m.obligation)
        expected = False if w is not None else (True if m.kind == "weakening" and orig.verdict == "proved" else None)
        j = judge(m.obligation, id=m.id, expected=expected, witness=w, settings=settings)
        d = asdict(j)
        d.update(op=m.op, kind=m.kind, must_kill=w is not None, step=step_id)
        rows.append(d)
    return {"step": step_id, "original": asdict(orig), "mutants": rows, "seconds": time.perf_counter() - t0}


def run_mutants(results=None, settings: Settings = MUTANT_SETTINGS, workers: int | None = None) -> list[dict]:
    """Judge the mutants of every step of ``results`` (default: every encoded result)."""
    if results is None:
        from derivations import all_results
        results = all_results()
    from symbolic import progress
    workers = workers or os.cpu_count() or 1
    if workers <= 1:
        steps = step_mutants(results)
        out = []
        with progress.bar(len(steps), "soundness mutants") as bar:
            for sid, ob, ms in steps:
                bar.note(sid)
                out.append(run_step_mutants((sid, ob, ms, settings)))
                bar.update(1)
        return out
    tasks = [(r.step_id(s.slug), settings) for r in results for s in r.steps if s.obligation is not None]
    out = []
    with progress.bar(len(tasks), "soundness mutants") as bar, \
            ProcessPoolExecutor(max_workers=workers, initializer=progress.detach) as pool:
        for (sid, _), row in zip(tasks, pool.map(_run_step_id, tasks, chunksize=1)):
            out.append(row)
            bar.update(1, sid)
    return out


# ---------------------------------------------------------------------------------------------
# tables
# ---------------------------------------------------------------------------------------------
def _table(title, header, rows):
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
    line = "  ".join("-" * w for w in widths)
    out = [title, "  ".join(str(h).ljust(w) for h, w in zip(header, widths)), line]
    out += ["  ".join(str(x).ljust(w) for x, w in zip(r, widths)) for r in rows]
    return "\n".join(out) + "\n"


def corpus_tables(js: list[Judgement]) -> str:
    true = [j for j in js if j.expected]
    false = [j for j in js if j.expected is False]
    c_t, c_f = Counter(j.verdict for j in true), Counter(j.verdict for j in false)
    verdicts = ["proved", "evidence", "unknown", "vacuous", "refuted", "alarm"]
    rows = [["true", len(true)] + [c_t.get(v, 0) for v in verdicts],
            ["false", len(false)] + [c_f.get(v, 0) for v in verdicts]]
    out = _table("Corpus: verdicts by expected truth", ["expected", "items"] + verdicts, rows)
    fp = [j for j in js if j.false_proof]
    alarms = [j for j in js if j.alarm]
    secs = [j.seconds for j in js]
    out += _table("Corpus: soundness", ["figure", "value"], [
        ["false proofs (must be 0)", len(fp)],
        ["alarms (must be 0)", len(alarms)],
        ["false items refuted (killed)", c_f.get("refuted", 0)],
        ["false items not proved", len(false) - c_f.get("proved", 0)],
        ["proved items cross-confirmed", sum(j.cross == "confirmed" for j in js)],
        ["time per item: mean / median / max (s)",
         f"{statistics.mean(secs):.2f} / {statistics.median(secs):.2f} / {max(secs):.2f}" if secs else "-"],
    ])
    meth = Counter((j.verdict, j.method) for j in js if j.verdict in ("proved", "refuted"))
    out += _table("Corpus: deciding backend", ["verdict", "backend", "items"],
                  [[v, m, n] for (v, m), n in sorted(meth.items())])
    for j in fp + [a for a in alarms if a not in fp]:
        out += f"  !! {j.id}: {j.alarm}\n"
    for j in js:
        if j.verdict == "error":
            out += f"  engine error on {j.id}: {j.method}\n"
    return out


def mutant_tables(steps: list[dict]) -> str:
    ms = [m for s in steps for m in s["mutants"]]
    kinds = ["weakening", "strengthening", "negation", "reversal", "perturbation"]
    rows = []
    for k in kinds + ["all"]:
        sel = [m for m in ms if k == "all" or m["kind"] == k]
        if not sel:
            continue
        c = Counter(m["verdict"] for m in sel)
        killed = len(sel) - c.get("proved", 0)
        mk = [m for m in sel if m["must_kill"]]
        rows.append([k, len(sel), c.get("proved", 0), c.get("refuted", 0), c.get("evidence", 0),
                     c.get("unknown", 0) + c.get("vacuous", 0) + c.get("error", 0), f"{killed}/{len(sel)} ({100 * killed / len(sel):.1f}%)",
                     f"{sum(m['verdict'] != 'proved' for m in mk)}/{len(mk)}"])
    out = _table(f"Mutants of {len(steps)} steps", ["kind", "mutants", "proved", "refuted", "evidence",
                                                    "unknown/vacuous/error", "killed (not proved)",
                                                    "must-kill killed"], rows)
    fp = [m for m in ms if m["false_proof"]]
    alarms = [m for m in ms if m["alarm"]] + [s["original"] for s in steps if s["original"]["alarm"]]
    proved = [m for m in ms if m["verdict"] == "proved"]
    secs = [m["seconds"] for m in ms]
    out += _table("Mutants: soundness", ["figure", "value"], [
        ["false proofs (must be 0)", len(fp)],
        ["alarms (must be 0)", len(alarms)],
        ["must-kill mutants (exact witness found independently)", sum(m["must_kill"] for m in ms)],
        ["proved mutants cross-confirmed by a second sound backend", sum(m["cross"] == "confirmed" for m in proved)],
        ["proved mutants only unrefuted by the other backends", sum(m["cross"] != "confirmed" for m in proved)],
        ["weakening mutants of proved steps proved", f"{sum(m['expected'] is True and m['verdict'] == 'proved' for m in ms)}"
                                                      f"/{sum(m['expected'] is True for m in ms)}"],
        ["time per mutant: mean / max (s)", f"{statistics.mean(secs):.2f} / {max(secs):.2f}" if secs else "-"],
    ])
    meth = Counter((m["verdict"], m["method"]) for m in ms if m["verdict"] in ("proved", "refuted"))
    out += _table("Mutants: deciding backend", ["verdict", "backend", "mutants"],
                  [[v, b, n] for (v, b), n in sorted(meth.items())])
    orig = Counter(s["original"]["verdict"] for s in steps)
    out += "Original steps: " + ", ".join(f"{v} {n}" for v, n in sorted(orig.items())) + "\n"
    for m in fp + [a for a in alarms if a not in fp]:
        out += f"  !! {m['id']}: {m['alarm']}\n"
    errors = [m for m in ms if m["verdict"] == "error"] + [s["original"] for s in steps
                                                            if s["original"]["verdict"] == "error"]
    if errors:
        out += f"Engine errors (not proofs; listed for the backends' owners): {len(errors)}\n"
        for m in errors[:20]:
            out += f"  {m['id']}: {m['method'][:160]}\n"
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.soundness.run", description=__doc__.splitlines()[0])
    ap.add_argument("--corpus-only", action="store_true")
    ap.add_argument("--mutants-only", action="store_true")
    ap.add_argument("--results", nargs="*", default=None, help="result ids whose steps are mutated")
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--json", default=None, help="write every judgement to this file")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--samples", type=int, default=None)
    ap.add_argument("--timeout", type=float, default=None)
    a = ap.parse_args(argv)

    def tuned(s):
        kw = {"seed": a.seed}
        if a.samples:
            kw["samples"] = a.samples
        if a.timeout:
            kw["timeout"] = a.timeout
        return replace(s, **kw)

    bad, dump, t0 = 0, {}, time.perf_counter()
    if not a.mutants_only:
        js = run_items(ITEMS, tuned(Settings()))
        print(corpus_tables(js))
        bad += sum(bool(j.false_proof or j.alarm) for j in js)
        dump["corpus"] = [asdict(j) for j in js]
    if not a.corpus_only:
        results = None
        if a.results:
            from derivations import all_results
            results = [r for r in all_results() if r.id in set(a.results)]
        steps = run_mutants(results, tuned(MUTANT_SETTINGS), a.workers)
        print(mutant_tables(steps))
        bad += sum(bool(m["false_proof"] or m["alarm"]) for s in steps for m in s["mutants"])
        bad += sum(bool(s["original"]["alarm"]) for s in steps)
        dump["mutants"] = steps
    if a.json:
        with open(a.json, "w") as fh:
            json.dump(dump, fh, indent=1, default=str)
    print(f"Soundness gate: {'FAIL' if bad else 'PASS'} ({bad} false proofs or alarms) "
          f"in {time.perf_counter() - t0:.0f} s")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
