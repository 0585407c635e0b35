"""``python -m tests.soundness.run``: the soundness gate over the whole corpus and every mutant.

Prints the figures as tables (false proofs, alarms, true items proved / evidence / unknown,
mutants killed, must-kill mutants killed, backends, time per item) and exits with status 1 on
any false proof or soundness alarm, 0 otherwise.

Options: ``--corpus-only``, ``--mutants-only``, ``--results ID ...`` (mutate only these
results), ``--workers N`` (processes; default: CPU count), ``--json PATH`` (every judgement),
``--seed``, ``--samples``, ``--timeout``, ``--log PATH`` (one JSON line per step as it is judged)
and ``--resume`` (with ``--log``: skip the steps already in the log, e.g. after an interruption).

Verdicts are seeded and do not depend on the number of workers; only timings vary.
"""
from __future__ import annotations

import argparse
import contextlib
import functools
import json
import os
import statistics
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, replace

from symbolic import memo
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
def run_items(items: list[Item], settings: Settings = Settings(), workers: int = 1) -> list[Judgement]:
    """Judge every corpus item (expected truth from the item; witnesses re-checked), in
    ``workers`` processes when ``items`` is the whole corpus (workers rebuild :data:`ITEMS`)."""
    from symbolic import progress
    out = []
    with progress.bar(len(items), "soundness corpus") as bar:
        if workers > 1 and items is ITEMS:
            with ProcessPoolExecutor(max_workers=workers, initializer=progress.detach) as pool:
                for j in pool.map(_judge_item, range(len(items)), [settings] * len(items)):
                    out.append(j)
                    bar.update(1, j.id)
            return out
        for i in items:
            bar.note(i.id)
            out.append(_judge(i, settings))
            bar.update(1)
    return out


def _judge(i: Item, settings: Settings) -> Judgement:
    return judge(i.obligation, id=i.id, expected=i.expected, witness=i.witness, settings=settings)


def _judge_item(index: int, settings: Settings) -> Judgement:
    """Worker: the corpus item at ``index`` (SymPy objects do not cross process boundaries)."""
    return _judge(ITEMS[index], settings)


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
    with memo.scope():       # as in an audit: the mutants share their hypotheses' answers
        return _judge_step(step_id, ob, mutants, settings)


def _judge_step(step_id, ob, mutants, settings):
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


def _mutant_tasks(results, settings):
    """One task per step with an obligation, the steps with most mutants first (so that the
    longest tasks start early and the pool's tail is short)."""
    steps = step_mutants(results)
    steps.sort(key=lambda t: -len(t[2]))
    return steps, [(sid, settings) for sid, _, _ in steps]


def run_mutants(results=None, settings: Settings = MUTANT_SETTINGS, workers: int | None = None,
                log=None, done: dict | None = None) -> list[dict]:
    """Judge the mutants of every step of ``results`` (default: every encoded result).

    ``log`` (a text file open for appending) receives one JSON line per step as soon as it is
    judged; ``done`` maps step id to a row read back from such a log (``--resume``), and those
    steps are not judged again.  Rows come back in the order of the derivations."""
    if results is None:
        from derivations import all_results
        results = all_results()
    from symbolic import progress
    done = dict(done or {})
    steps, tasks = _mutant_tasks(results, settings)
    order = [sid for r in results for s in r.steps if s.obligation is not None for sid in [r.step_id(s.slug)]]
    todo = [t for t in tasks if t[0] not in done]
    workers = workers or os.cpu_count() or 1

    def record(row):
        done[row["step"]] = row
        if log is not None:
            log.write(json.dumps(row, default=str) + "\n")
            log.flush()

    with progress.bar(len(todo), "soundness mutants") as bar:
        if workers <= 1:
            by_id = {sid: (ob, ms) for sid, ob, ms in steps}
            for sid, _ in todo:
                bar.note(sid)
                record(run_step_mutants((sid, *by_id[sid], settings)))
                bar.update(1)
        else:
            with ProcessPoolExecutor(max_workers=workers, initializer=progress.detach) as pool:
                futures = [pool.submit(_run_step_id, t) for t in todo]
                for fut in as_completed(futures):
                    row = fut.result()
                    record(row)
                    bar.update(1, row["step"])
    return [done[sid] for sid in order if sid in done]


def read_log(path) -> dict:
    """The rows of a ``--log`` file by step id (a torn last line, from an interrupted run, is
    ignored: that step is judged again)."""
    rows = {}
    try:
        with open(path) as fh:
            for line in fh:
                try:
                    row = json.loads(line)
                except json.JSONDecodeError:
                    continue
                rows[row["step"]] = row
    except FileNotFoundError:
        pass
    return rows


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
    slow = sorted(steps, key=lambda s: -s["seconds"])[:10]
    out += _table("Mutants: the slowest steps", ["step", "mutants", "seconds", "slowest mutant (s)"],
                  [[s["step"], len(s["mutants"]), f"{s['seconds']:.1f}",
                    f"{max((m['seconds'] for m in s['mutants']), default=0.0):.1f}"] for s in slow])
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
    ap.add_argument("--log", default=None, metavar="PATH",
                    help="append one JSON line per judged step to PATH as it finishes")
    ap.add_argument("--resume", action="store_true",
                    help="with --log: do not judge again the steps already in PATH")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--samples", type=int, default=None)
    ap.add_argument("--timeout", type=float, default=None)
    a = ap.parse_args(argv)
    if a.resume and not a.log:
        ap.error("--resume needs --log PATH (the log of the run to resume)")

    def tuned(s):
        kw = {"seed": a.seed}
        if a.samples:
            kw["samples"] = a.samples
        if a.timeout:
            kw["timeout"] = a.timeout
        return replace(s, **kw)

    bad, dump, t0 = 0, {}, time.perf_counter()
    if not a.mutants_only:
        js = run_items(ITEMS, tuned(Settings()), a.workers or os.cpu_count() or 1)
        print(corpus_tables(js))
        bad += sum(bool(j.false_proof or j.alarm) for j in js)
        dump["corpus"] = [asdict(j) for j in js]
    if not a.corpus_only:
        results = None
        if a.results:
            from derivations import all_results
            results = [r for r in all_results() if r.id in set(a.results)]
        done = read_log(a.log) if a.log and a.resume else {}
        with (open(a.log, "a" if a.resume else "w") if a.log else contextlib.nullcontext()) as log:
            steps = run_mutants(results, tuned(MUTANT_SETTINGS), a.workers, log=log, done=done)
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
