"""``lawaudit explain STEP-ID``: one step in full (issue 5, item 4); ``lawaudit explain RESULT-ID``: one
result, its steps, the repairs that reach it and its repaired statement.

Prints the quote, the claim, the justification chain down to citations, every obligation with the
answer of each backend and the certificate, the counterexample, the constant audit (engine's
tightest values with their probes) and the repairs (hand-written and engine), then what depends on
the step.  Repairs are propagated from every result the step uses (so Theorem 3's steps see Theorem 2's repairs).
Exit codes: 0 printed; 2 unknown step id or bad arguments (one line, with close matches).
"""
from __future__ import annotations

import argparse
import difflib
import json
import sys
from dataclasses import replace

from ..errors import LawauditError
from .args import EXIT_USAGE, Parser, add_check_settings, add_jobs, add_paper
from ..render import constant_text, counterexample_text
from ..verdict import describe_evidence

__all__ = ["main", "explain", "explain_result", "explain_finding", "find_step"]

_CERT_CHARS = 600




def find_step(step_id: str, results):
    """``(result, step)`` for ``"<result-id>/<slug>"``.

    Raises
    ------
    LawauditError
        One line naming the id and up to three close matches.
    """
    ids = {r.step_id(s.slug): (r, s) for r in results for s in r.steps}
    if step_id in ids:
        return ids[step_id]
    close = difflib.get_close_matches(step_id, list(ids), n=3, cutoff=0.5)
    by_result = [i for i in ids if i.startswith(step_id.rstrip("/") + "/")][:3]
    hint = close or by_result
    raise LawauditError(f"explain: no step {step_id!r}" + (f"; did you mean {', '.join(hint)}?" if hint else
                                                          "; step ids look like lemma-2.1/claim (see 'lawaudit --list')"))


def _indent(text: str) -> str:
    return "  " + text


def _finding_of(step_id: str, result) -> str | None:
    """The declared finding that explains ``step_id`` (or that ``step_id`` repairs), as one line, if any."""
    for f in result.findings:
        ids = [s if "/" in s else result.step_id(s) for s in f.steps]
        fixes = [s if "/" in s else result.step_id(s) for s in f.repaired_by]
        if step_id in ids:
            return f"{result.id}/{f.slug} [{f.cls}]: {f.title}"
        if step_id in fixes:
            return f"repairs {result.id}/{f.slug} [{f.cls}]: {f.title}"
    return None


def explain_finding(finding_id: str, *, seed: int = 0, dps: int = 50, samples: int = 2000, timeout: float = 5.0,
                    results=None) -> str:
    """One finding: its class, title, repair and reading, then the verdict of each step it explains and
    of each repair.  Raises :class:`LawauditError` for an unknown finding id."""
    from ..audit import Settings, run_step
    if results is None:
        from ..papers import load
        results = load().results
    found = {f"{r.id}/{f.slug}": (r, f) for r in results for f in r.findings}
    if finding_id not in found:
        raise LawauditError(f"explain: no finding {finding_id!r}")
    result, f = found[finding_id]
    steps = {r.step_id(s.slug): (r, s) for r in results for s in r.steps}
    settings = Settings(seed=seed, dps=dps, samples=samples, timeout=timeout)
    out = [f"{finding_id}  [{f.cls}]", f"  {f.title}", "", "Repair:", f"  {f.repair}"]
    if f.reading:
        out += ["", "Reading that makes it right:", f"  {f.reading}"]
    if f.consequences:
        out += ["", "Consequences:", f"  {f.consequences}"]
    for head, refs in (("Steps it explains:", f.steps), ("Repaired by:", f.repaired_by)):
        out += ["", head]
        for ref in refs:
            sid = ref if "/" in ref else result.step_id(ref)
            r, s = steps[sid]
            run = run_step(s, r.id, settings)
            out.append(f"  {sid} [{s.kind}] {run.verdict} ({run.method}) — {run.detail}")
    out += ["", f"Details of one step: lawaudit explain {result.id}/<step>"]
    return "\n".join(out) + "\n"


def _is_finding(ref: str, results) -> bool:
    return any(f"{r.id}/{f.slug}" == ref for r in results for f in r.findings)


def _short(obj) -> str:
    text = json.dumps(obj, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= _CERT_CHARS else text[:_CERT_CHARS] + f" ... ({len(text) - _CERT_CHARS} more characters)"


def _chain(result, step, results, runs, depth=0, seen=None) -> list[str]:
    """The justification tree: each dependency with its verdict, down to citations."""
    seen = set() if seen is None else seen
    out = []
    pad = "    " * (depth + 1)
    if step.citation is not None:
        out.append(f"{pad}cites: {step.citation.name} — {step.citation.source}")
    all_ids = {r.step_id(s.slug): (r, s) for r in results for s in r.steps}
    for dep in step.depends_on:
        did = dep if "/" in dep else result.step_id(dep)
        if did not in all_ids:
            out.append(f"{pad}{did}: (not encoded)")
            continue
        r2, s2 = all_ids[did]
        run = runs(r2, s2)
        out.append(f"{pad}{did} [{s2.kind}] {run.verdict} ({run.method}) — {s2.rule}")
        if did in seen:
            out.append(f"{pad}    (already shown above)")
            continue
        seen.add(did)
        out += _chain(r2, s2, results, runs, depth + 1, seen)
    return out


def explain(step_id: str, *, seed: int = 0, dps: int = 50, samples: int = 2000, timeout: float = 5.0,
            results=None, module: str | None = None, jobs: int | None = 1) -> str:
    """The full text for one step (see the module docstring).

    With ``module`` (the paper module ``results`` were loaded from, :func:`symbolic.papers.load`)
    and ``jobs > 1`` (``None``: :func:`symbolic.workers.jobs`), the steps shown are decided ahead in
    that many worker processes; the text is the same.

    Raises
    ------
    LawauditError
        Unknown step id.
    """
    from ..audit import Settings, run_step

    if results is None:
        from ..papers import load
        results = load().results
    result, step = find_step(step_id, results)
    settings = Settings(seed=seed, dps=dps, samples=samples, timeout=timeout)
    cache, found, searches = _ahead(step_id, results, settings, module, jobs)

    def runs(r, s):
        key = r.step_id(s.slug)
        if key not in cache:
            cache[key] = run_step(s, r.id, settings)
        return cache[key]

    run = runs(result, step)
    out = _step_header(step_id, result, step, run, results)
    out += ["", "Justification chain:", f"  {step_id} {run.verdict}"]
    out += _chain(result, step, results, runs) or ["    (no dependency, no citation)"]
    out += _backends(run)
    out += _constant_audit(step_id, step, run, settings, found)
    out += _repairs(step_id, result, step, results, runs, settings, searches)
    from ..graph import build_graph, downstream
    g = build_graph(results)
    after = sorted(n for n in downstream(g, step_id) if g.nodes[n]["kind"] == "step")
    out += ["", "Used by (downstream):", "  " + (", ".join(after) if after else "nothing")]
    if step.on_failure and run.verdict == "refuted":
        out += ["", "What to do:", f"  {step.on_failure}"]
    if step.notes:
        out += ["", "Notes:", f"  {step.notes}"]
    return "\n".join(out) + "\n"


def _ahead(target, results, settings, module, jobs) -> tuple[dict, list | None, dict | None]:
    """``({step id: StepRun}, constant audit or None, {(step id, parameter): Tightest} or None)``: the
    runs of every step of the results ``target`` (a step id or a result id) uses, its own included
    (:func:`symbolic.audit.upstream_of`), the constant audit of a target step and the constant searches
    of the refuted steps, decided in worker processes (:mod:`symbolic.workers`); ``({}, None, None)``
    when that is not possible (one job, or results that are not ``module``'s own), and the caller
    decides them as it goes."""
    from .. import progress, workers
    from ..audit import upstream_of, with_fact
    from ..papers import load
    n = workers.jobs(jobs)
    registry = load(module).results if module and n > 1 else ()
    where = {r.step_id(s.slug): (i, j) for i, r in enumerate(registry) for j, s in enumerate(r.steps)}
    if not registry or any(a is not b for a, b in zip(registry, results)) or len(registry) != len(results):
        return {}, None, None
    own = [target] if target in where else []
    ids = own + [i for r in upstream_of([target], results) for i in (r.step_id(s.slug) for s in r.steps)
                 if i != target]
    tasks = _ahead_tasks(ids, where, n, target, module, settings)
    order = sorted(range(len(tasks)), key=lambda k: -len(tasks[k][2]))
    with progress.bar(len(ids), f"explain {target}") as bar:
        done = [x for part in workers.run(_ahead_unit, tasks, n, bar, order) for x in part]
    flat = [registry[ri].step_id(registry[ri].steps[j].slug) for _, ri, members, _ in tasks for j, _ in members]
    runs = {i: with_fact(run, registry[where[i][0]].steps[where[i][1]]) for i, (run, _) in zip(flat, done)}
    searches = {(i, t.parameter.name): t for i, (_, found) in zip(flat, done) for t in found or ()}
    return runs, (done[flat.index(target)][1] if own else None), searches


def _ahead_tasks(ids, where, n, target, module, settings) -> list[tuple]:
    """``(module, result index, [(step index, audited)], settings)`` per task: the steps of one result
    together, so that they share the worker's memo (as in the audit, :func:`symbolic.audit._tasks`);
    with fewer results than workers, one step a task, so that the workers share the steps as they go
    (``explain lemma-2.1/claim`` took 4.5 s in halves of the result, against 3.9 s one by one)."""
    by_result: dict[int, list[str]] = {}
    for i in ids:
        by_result.setdefault(where[i][0], []).append(i)
    groups = [[i] for i in ids] if len(by_result) < n else list(by_result.values())
    return [(module, where[g[0]][0], [(where[i][1], i == target) for i in g], settings) for g in groups]


def _ahead_unit(args) -> list[tuple]:
    """In a worker: per step of the task, its run, without its :class:`~symbolic.proof.Step` (the parent
    has it) and its fact (the parent's kernel makes it again, :func:`symbolic.audit.with_fact`), and,
    for the step explained and the refuted ones, its constant audit."""
    from ..audit import probe_settings, run_step
    from ..papers import load
    from ..tightest import constant_audit
    from ..workers import step_done
    module, ri, members, settings = args
    result = load(module).results[ri]
    out = []
    for j, audited in members:
        step = result.steps[j]
        run = run_step(step, result.id, settings)
        # the step's own constant audit, and that of a refuted step, which the propagation of repairs reuses
        found = constant_audit(step, run.id, run.verdict, **probe_settings(settings)) \
            if audited or run.verdict == "refuted" else None
        step_done(run.id)
        out.append((replace(run, step=None, fact=None), found))
    return out


def _step_header(step_id, result, step, run, results) -> list[str]:
    """Where the step is, its verdict and finding, the quote, the claim, the obligation and why."""
    owner = next((x for x in (_finding_of(step_id, r) for r in results) if x), None)
    out = [f"{step_id}  {step.label or ''}".rstrip(), f"  {result.title}, {step.location}",
           f"  kind: {step.kind}    verdict: {run.verdict}    method: {run.method}    reading: {step.reading}",
           f"  finding: {owner or 'none (no finding names this step)'}", "",
           "Quote (the paper):", f"  {step.quote}", "", "Claim:", f"  {step.claim_latex()}"]
    if step.obligation is not None:
        ob = step.obligation
        out += ["", "Obligation:", f"  conclusion: {ob.text() if not ob.hypotheses else ob.conclusion}"]
        for h in ob.hypotheses:
            out.append(f"  hypothesis: {h}")
        out.append("  domain: " + "; ".join(x.describe() for x in ob.domain))
    out += ["", "Why:", f"  {step.rule}"]
    if step.implicit_assumptions:
        out += ["  implicit assumptions:"] + [f"    - {a}" for a in step.implicit_assumptions]
    return out


def _backends(run) -> list[str]:
    """Each backend's outcome, the certificate kept, the sampling evidence, the kernel fact, the counterexample."""
    v = run.check
    out = ["", "Backends:"]
    if v is None:
        out.append(f"  citation only: {run.detail}")
    else:
        for o in v.outcomes:
            out.append(f"  {o.backend}: {o.verdict} — {o.detail}")
            if o.certificate is not None:
                out.append(f"      certificate: {_short(o.certificate.to_json())}")
        out.append(f"  => {run.verdict} by {run.method}: {run.detail}")
        if v.certificate is not None:
            out.append(f"  certificate kept: {_short(v.certificate.to_json())}")
        if v.evidence is not None:
            out.append("  " + describe_evidence(v.evidence))
    if run.fact is not None:
        out.append(f"  kernel fact: {run.fact.rule}, trust {run.fact.trust}, digest {run.fact.digest}")
    out += ["", "Counterexample:"]
    ce = None if v is None else v.counterexample
    out.append("  " + (counterexample_text(ce) if ce else "none"))
    return out


def _constant_audit(step_id, step, run, settings, found=None) -> list[str]:
    """The declared constants and the engine's tightest-constant search (``found``, when it was made
    ahead), probe by probe."""
    from ..audit import probe_settings
    from ..tightest import constant_audit
    out = ["", "Constant audit:"]
    if found is None:
        found = constant_audit(step, step_id, run.verdict, **probe_settings(settings))
    if not step.constants and not found:
        out.append("  the step states no audited constant")
    for c in step.constants:
        out.append(f"  {constant_text(c.to_json())}")
    for t in found:
        out.append(f"  engine ({t.template_source} template): {t.detail()}")
        for pr in t.probes:
            out.append(f"      {t.parameter.constant} = {pr.value}: {pr.verdict} ({pr.method})")
        if t.note:
            out.append(f"      {t.note}")
    return out


def _repairs(step_id, result, step, results, runs, settings, searches=None) -> list[str]:
    """The derivation's repairs of the step, and what the propagation from upstream does to it
    (reusing the constant searches ``searches`` made ahead, :func:`symbolic.propagate.propagate`)."""
    from ..audit import propagate_reaching, upstream_of
    out = ["", "Repairs:"]
    for s in (s for s in result.steps if s.repairs == step.slug):
        r2 = runs(result, s)
        out.append(f"  {result.step_id(s.slug)} (in the derivation): {r2.verdict} ({r2.method}) — {s.claim_latex()}")
    if step.kind == "repaired":
        out.append(f"  this step repairs {result.step_id(step.repairs)}")
    upstream = upstream_of([step_id], results)
    verdicts = {r.step_id(s.slug): runs(r, s).verdict for r in upstream for s in r.steps}
    rep = propagate_reaching([result.id], upstream, verdicts, settings, searches_done=searches)
    others = [r.id for r in upstream if r.id != result.id]
    if others:
        out.append(f"  (repairs propagated from the results this step uses: {', '.join(others)})")
    for e in rep["engine_repairs"]:
        if e["repairs"] == step_id:
            out.append(f"  engine: {e['constant']} = {e['value']} in place of {e['paper']} -> {e['verdict']} "
                       f"({e['detail']})")
    for e in rep["rederived"]:
        if e["id"] == step_id and not any(x["repairs"] == step_id for x in rep["engine_repairs"]):
            vals = ", ".join(f"{k} = {v} (forced by {rep['assignment'][k]['forced_by']})" if k in rep["assignment"]
                             else f"{k} = {v}" for k, v in e["values"].items())
            out.append(f"  re-derived with {vals}: {e['verdict']} ({e['method']})")
    if out[-1] == "Repairs:":
        out.append("  none")
    return out


def explain_result(result_id: str, *, seed: int = 0, dps: int = 50, samples: int = 2000, timeout: float = 5.0,
                   results=None, module: str | None = None, jobs: int | None = 1) -> str:
    """One result in full: its statement, every step with its verdict, the repairs that reach it (from
    the results it uses), the repaired statement and its headline constants.  ``module`` and ``jobs``
    as for :func:`explain`: the steps are then decided ahead in worker processes, the text the same.

    Raises
    ------
    LawauditError
        Unknown result id.
    """
    from ..audit import Settings, propagate_reaching, run_step, step_json, upstream_of
    from ..findings import findings_json, plain_verdict
    from ..report import finding_line
    from ..verdict import worst

    if results is None:
        from ..papers import load
        results = load().results
    by_id = {r.id: r for r in results}
    if result_id not in by_id:
        close = difflib.get_close_matches(result_id, list(by_id), n=3, cutoff=0.5)
        raise LawauditError(f"explain: no result {result_id!r}" + (f"; did you mean {', '.join(close)}?" if close
                                                                    else "; see 'lawaudit --list'"))
    result = by_id[result_id]
    settings = Settings(seed=seed, dps=dps, samples=samples, timeout=timeout)
    upstream = upstream_of([result_id], results)
    cache, _, searches = _ahead(result_id, results, settings, module, jobs)
    verdicts, mine_runs = {}, []
    for r in upstream:
        for s in r.steps:
            run = cache.get(r.step_id(s.slug)) or run_step(s, r.id, settings)
            verdicts[r.step_id(s.slug)] = run.verdict
            if r.id == result_id:
                mine_runs.append(run)
    rep = propagate_reaching([result_id], upstream, verdicts, settings, searches_done=searches)
    mine = next(x for x in rep["results"] if x["id"] == result_id)
    paper = [s for s in result.steps if s.kind != "repaired"]
    entry = {"id": result_id, "verdict": worst(verdicts[result.step_id(s.slug)] for s in paper),
             "steps": [step_json(r) for r in mine_runs]}
    found = findings_json([result], [entry])
    words = plain_verdict(entry, mine, found)
    out = [f"{result.id}  {result.title}", f"  {result.location}", "", "Statement:", f"  {result.statement}", "",
           f"Verdict: {words['verdict']}" + (f" ({words['detail']})" if words["detail"] else ""), "",
           f"Findings ({len(found)}):"] + [_indent(finding_line(f)) for f in found] + ["",
           f"Steps' worst verdict: {entry['verdict']}    after repairs: "
           f"{mine['verdict_after_repairs']}    holds after repairs: {'yes' if mine.get('holds_after_repairs') else 'no'}",
           "", "After repairs:", f"  {mine['statement']}", "", "Steps:"]
    rederived = {x["id"]: x for x in rep["rederived"]}
    for s in result.steps:
        sid = result.step_id(s.slug)
        extra = ""
        stand_in = next((result.step_id(x.slug) for x in result.steps if x.repairs == s.slug
                         and result.step_id(x.slug) in mine.get("provided", [])), None)
        if sid in rederived and rederived[sid]["verdict"] != verdicts[sid]:
            extra = f"  -> {rederived[sid]['verdict']} after repairs"
            if stand_in is not None:
                extra += f"; {stand_in.split('/', 1)[1]} stands in ({verdicts[stand_in]})"
        elif stand_in is not None:
            extra = f"  -> {stand_in.split('/', 1)[1]} stands in ({verdicts[stand_in]})"
        elif sid in rep["stale"]:
            extra = "  (not re-derived)"
        label = f" {s.label}" if s.label else ""
        out.append(f"  [{s.kind}] {s.slug}{label}: {verdicts[sid]}{extra}")
    moved = {k: v for k, v in rep["assignment"].items()}
    if moved:
        out += ["", "Constants repaired (here or upstream):"]
        for k, v in moved.items():
            out.append(f"  {k}: {v['constant']} = {v['repaired']} in place of {v['paper']} (forced by {v['forced_by']})")
    heads = [h for h in rep["headline"] if h["parameter"].startswith(result_id + ":")]
    if heads:
        out += ["", "Constants of the statement:"]
        for h in heads:
            out.append(f"  {h['constant']} = {h['paper']}: {'survives' if h['survives'] else 'does not survive'} "
                       f"({h['detail']})")
    out += _result_fact_lines(result, mine_runs)
    others = [r.id for r in upstream if r.id != result_id]
    out += ["", "Uses results: " + (", ".join(others) if others else "none"),
            f"Details of one step: lawaudit explain {result_id}/<step>"]
    return "\n".join(out) + "\n"


def _result_fact_lines(result, runs) -> list[str]:
    """The result's kernel fact (made from its steps' facts) and its replay, or the steps it lacks."""
    from ..audit import result_fact
    from ..kernel import replay
    fact, missing, used = result_fact(result, runs)
    if fact is None:
        return ["", "Kernel fact of the result: none; steps with no fact (nor a repair with one): "
                + ", ".join(m.split("/", 1)[1] for m in missing)]
    replay(fact)
    via = f", repairs standing in: {', '.join(u.split('/', 1)[1] for u in used)}" if used else ""
    return ["", f"Kernel fact of the result: {fact.rule} from {len(fact.premises)} step facts, trust {fact.trust}"
                f"{via}; replayed (every certificate re-checked), digest {fact.digest[:16]}"]


def main(argv=None) -> int:
    """``lawaudit explain STEP-ID [--seed N --dps N --samples N --timeout S --jobs N]``; returns the exit code."""
    p = Parser(prog="lawaudit explain", description="Print one step in full: quote, claim, justification "
                "chain, obligations with backends and certificates, counterexample, constant audit, repairs.")
    p.add_argument("step", metavar="STEP-ID", help="a step, e.g. lemma-2.1/claim, a whole result, e.g. theorem-3, "
                   "or a finding, e.g. theorem-2/one-subgaussian")
    add_check_settings(p)
    p.add_argument("--quiet", action="store_true", help="no progress bar on standard error")
    add_jobs(p)
    add_paper(p)
    args = p.parse_args(list(sys.argv[1:] if argv is None else argv))
    try:
        from .. import memo, progress
        from ..papers import load
        if args.quiet:
            progress.silence()
        paper = load(args.paper)
        results = paper.results
        what = explain if "/" in args.step else explain_result
        if "/" in args.step and _is_finding(args.step, results):
            what = explain_finding
        more = {"module": paper.module, "jobs": args.jobs} if what is not explain_finding else {}
        with memo.scope(), progress.bar(None, f"explain {args.step}"):
            text = what(args.step, seed=args.seed, dps=args.dps, samples=args.samples, timeout=args.timeout,
                        results=results, **more)
    except LawauditError as exc:
        print(f"lawaudit: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    sys.stdout.write(text)
    return 0
