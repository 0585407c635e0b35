"""Run results, collect verdicts, make kernel facts, build the ``lawaudit-report/1`` report.

Data flows one way: a paper's encoding builds steps -> backends discharge obligations (here) -> the
kernel turns proved obligations into facts (re-checking each certificate) -> :mod:`symbolic.report`
renders the dictionary returned by :func:`audit`.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from typing import Iterable

from . import kernel, progress, workers
from .check import check_obligation
from .errors import DerivationError, SoundnessAlarm
from .proof import Result, Step
from .verdict import Verdict, worst

__all__ = ["Settings", "StepRun", "run_step", "with_fact", "run_result", "step_json", "audit", "add_auditor_view", "SCHEMA_ID"]

SCHEMA_ID = "lawaudit-report/1"


@dataclass(frozen=True)
class Settings:
    """Audit settings: ``seed`` for every random choice, ``dps`` mpmath digits, ``samples`` points
    per obligation, ``timeout`` seconds per sound backend call."""

    seed: int = 0
    dps: int = 50
    samples: int = 2000
    timeout: float = 5.0

    def to_json(self) -> dict:
        return {"seed": self.seed, "dps": self.dps, "samples": self.samples}


@dataclass
class StepRun:
    """A step with its verdict and, when established, its kernel fact."""

    step: Step
    result_id: str
    verdict: str
    method: str
    detail: str
    check: Verdict | None = None
    fact: kernel.Fact | None = None
    seconds: float = 0.0
    extra: dict = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.result_id}/{self.step.slug}"


def run_step(step: Step, result_id: str, settings: Settings = Settings()) -> StepRun:
    """Decide one step: its obligation through :func:`symbolic.check.check_obligation`, or
    ``cited`` for a step that is only the use of an external theorem."""
    t0 = time.perf_counter()
    progress.note(f"{result_id}/{step.slug}")
    source = _source(step)
    experiment = None
    if step.experiment is not None:
        experiment = step.experiment(settings.seed)
        if experiment.verdict not in ("evidence", "refuted", "unknown"):
            raise DerivationError(f"audit: the experiment of {result_id}/{step.slug} returned "
                                  f"{experiment.verdict!r}; experiments give evidence, refuted or unknown only")
        if experiment.verdict == "refuted" and not experiment.counterexample:
            raise DerivationError(f"audit: the experiment of {result_id}/{step.slug} refutes without a counterexample")
    if step.obligation is None and experiment is not None:
        v = Verdict(experiment.verdict, experiment.backend, experiment.detail, experiment.counterexample,
                    experiment.evidence, experiment.certificate, (experiment,), experiment.seconds)
        return StepRun(step, result_id, v.verdict, v.method, v.detail, v, None, time.perf_counter() - t0,
                       {"experiment": experiment})
    if step.family is not None and step.obligation is None:
        return _run_family(step, result_id, settings, source, t0)
    if step.obligation is None:
        return StepRun(step, result_id, "cited", "citation", f"{step.citation.name}: {step.citation.source}",
                       fact=kernel.invoke(step.citation, source), seconds=time.perf_counter() - t0)
    v = check_obligation(step.obligation, seed=settings.seed, dps=settings.dps, samples=settings.samples,
                         timeout=settings.timeout)
    fact = _fact(step.obligation, v, source)
    detail = v.detail
    if v.verdict == "refuted" and step.on_failure:
        detail = f"{detail}. What to do: {step.on_failure}"
    extra = {}
    if experiment is not None:
        extra["experiment"] = experiment
        if experiment.verdict == "refuted" and v.verdict == "proved":
            raise SoundnessAlarm(f"audit: {result_id}/{step.slug} is proved by {v.method} but its experiment "
                                 f"refutes it with {experiment.counterexample}")
    return StepRun(step, result_id, v.verdict, v.method, detail, v, fact, time.perf_counter() - t0, extra)


def _source(step: Step) -> str:
    return f"{step.location}" + (f" {step.label}" if step.label else "")


def _fact(ob, v: Verdict, source: str):
    """The kernel fact of a proved obligation (its certificate re-checked) or of evidence; else None."""
    if v.verdict == "proved":
        return kernel.decide(ob, v, source)
    if v.verdict == "evidence":
        return kernel.record_evidence(ob, v, source)
    return None


def with_fact(run: StepRun, step: Step) -> StepRun:
    """A run decided in a worker process (:mod:`symbolic.workers`), which comes back without its step
    and fact: a fact does not cross processes, it is made only by the kernel.  Returns the run with
    ``step`` and the fact :func:`run_step` makes, made again here by the kernel's rules (each
    certificate re-checked)."""
    source, v = _source(step), run.check
    if step.obligation is None and step.experiment is not None:
        fact = None
    elif step.obligation is None and step.family is not None:
        fact = kernel.decide(step.family, replace(v, verdict="proved", counterexample=None), source) \
            if run.verdict == "refuted" else None
    elif step.obligation is None:
        fact = kernel.invoke(step.citation, source)
    else:
        fact = _fact(step.obligation, v, source)
    return replace(run, step=step, fact=fact)


def _run_family(step: Step, result_id: str, settings: Settings, source: str, t0: float) -> StepRun:
    """An asymptotic claim checked along a family: refuted only when a sound procedure proves that
    the claimed bound fails along ``step.family_text`` for every value of the hidden constant."""
    v = check_obligation(step.family, seed=settings.seed, dps=settings.dps, samples=settings.samples,
                         timeout=settings.timeout)
    family = {"family": step.family_text}
    if v.verdict == "proved":
        fact = _fact(step.family, v, source)
        detail = f"fails along the family {step.family_text} (proved by {v.method}: {v.detail})"
        if step.on_failure:
            detail += f". What to do: {step.on_failure}"
        return StepRun(step, result_id, "refuted", v.method, detail, replace(v, verdict="refuted", counterexample=family),
                       fact, time.perf_counter() - t0)
    detail = (f"the family {step.family_text} was not certified ({v.verdict} by {v.method}: {v.detail}); "
              "an asymptotic claim is never refuted at a point")
    return StepRun(step, result_id, "unknown", v.method, detail, replace(v, verdict="unknown", counterexample=None),
                   None, time.perf_counter() - t0)


def step_json(run: StepRun) -> dict:
    """A step run as the report's step entry (schema ``$defs/step``)."""
    s, v = run.step, run.check
    return {
        "id": run.id, "label": s.label, "location": s.location, "quote": s.quote,
        "claim": s.claim_latex(), "kind": s.kind, "verdict": run.verdict, "method": run.method,
        "detail": run.detail,
        "counterexample": None if v is None else v.counterexample,
        "implicit_assumptions": list(s.implicit_assumptions),
        "constants": [c.to_json() for c in s.constants],
        "repairs": None if s.repairs is None else f"{run.result_id}/{s.repairs}",
        "depends_on": [d if "/" in d else f"{run.result_id}/{d}" for d in s.depends_on],
        "seconds": round(run.seconds, 3),
        # additions (the schema allows new fields)
        "rule": s.rule,
        "citation": None if s.citation is None else s.citation.to_json(),
        "obligation": None if s.obligation is None else s.obligation.to_json(),
        "evidence": None if v is None or v.evidence is None else v.evidence.to_json(),
        "backends": [] if v is None else [{"backend": o.backend, "verdict": o.verdict, "detail": o.detail}
                                          for o in v.outcomes],
        "fact": None if run.fact is None else {"rule": run.fact.rule, "trust": run.fact.trust,
                                               "digest": run.fact.digest},
        "experiment": None if "experiment" not in run.extra else run.extra["experiment"].to_json(),
        "on_failure": s.on_failure or None,
        "notes": s.notes or None,
        "reading": s.reading,
        "tolerance": s.tolerance or None,
        "family": s.family_text or None,
    }


def _entry(result: Result, step_jsons: list[dict]) -> dict:
    """A result's report entry from its steps' JSON (paper order)."""
    kinds = {sj["id"]: s.kind for s, sj in zip(result.steps, step_jsons)}
    paper = [sj for sj in step_jsons if kinds[sj["id"]] != "repaired"]
    repaired_of = {sj["repairs"]: sj for sj in step_jsons if kinds[sj["id"]] == "repaired"}
    return {
        "id": result.id, "title": result.title, "statement": result.statement,
        "location": result.location, "summary": result.summary,
        "verdict": worst(sj["verdict"] for sj in paper),
        "verdict_after_repairs": worst(repaired_of.get(sj["id"], sj)["verdict"] for sj in paper),
        "steps": step_jsons,
    }


def result_fact(result: Result, runs: list[StepRun]) -> tuple[kernel.Fact | None, list[str], list[str]]:
    """The kernel fact of ``result`` (rule :func:`~symbolic.kernel.conclude`) from its steps' facts.

    Each paper step contributes its own fact, or, when it has none (refuted, unknown), the fact of a
    hand-written repair of it.  Returns ``(fact, missing, repairs_used)``: ``fact`` is ``None`` when
    some paper step has no fact either way (``missing`` lists them); ``kernel.replay(fact)`` re-checks
    every step of the proof.
    """
    by_slug = {r.step.slug: r for r in runs}
    premises, missing, used = [], [], []
    for s in (s for s in result.steps if s.kind != "repaired"):
        run = by_slug.get(s.slug)
        fact = run.fact if run is not None and run.verdict in ("proved", "cited", "evidence") else None
        if fact is None:
            fix = next((by_slug[x.slug] for x in result.steps if x.repairs == s.slug and x.slug in by_slug
                        and by_slug[x.slug].fact is not None and by_slug[x.slug].verdict in ("proved", "cited")), None)
            if fix is not None:
                fact = fix.fact
                used.append(result.step_id(fix.step.slug))
        if fact is None:
            missing.append(result.step_id(s.slug))
        else:
            premises.append(fact)
    if missing or not premises:
        return None, missing, used
    return kernel.conclude(result.statement, premises, result.location), [], used


def run_result(result: Result, settings: Settings = Settings()) -> tuple[dict, list[StepRun]]:
    """Audit one result; returns its report entry and the step runs (with their facts)."""
    runs = [run_step(s, result.id, settings) for s in result.steps]
    return _entry(result, [step_json(r) for r in runs]), runs


def _decide_unit(step: Step, result_id: str, settings: Settings, auditor: bool) -> tuple[dict, str, list]:
    run = run_step(step, result_id, settings)
    found = []
    if auditor:
        from .tightest import constant_audit
        found = constant_audit(step, run.id, run.verdict, **probe_settings(settings))
    return step_json(run), run.verdict, found


def _result_units(args) -> list[tuple[dict, str, list]]:
    """Steps of one result of a paper module, in a worker process (:mod:`symbolic.workers`): per
    step, its JSON, verdict and constant audit."""
    module, result_index, step_indices, settings, auditor = args
    from .papers import load
    from .workers import step_done
    result = load(module).results[result_index]
    out = []
    for j in step_indices:
        out.append(_decide_unit(result.steps[j], result.id, settings, auditor))
        step_done(result.step_id(result.steps[j].slug))
    return out


def _tasks(results: list[Result], jobs: int) -> list[tuple[int, list[int]]]:
    """``(result index in results, step indices)`` per task: a whole result, so that its steps, which
    share hypotheses, share a worker's memo; with fewer results than workers, each result split in
    ``jobs`` parts (every ``jobs``-th step) so that every worker has work."""
    parts = 1 if len(results) >= jobs else jobs
    return [(i, list(range(k, len(r.steps), parts))) for i, r in enumerate(results) for k in range(parts)
            if k < len(r.steps)]


def _weight(steps: list[Step], auditor: bool) -> int:
    """A rough rank of the steps' cost: one each, a constant search counting most, then an experiment."""
    def one(step):
        search = auditor and (getattr(step, "template", None) is not None or bool(step.constants))
        return 1 + 2 * search + (step.experiment is not None)
    return sum(one(s) for s in steps)


def _registry(module: str | None) -> tuple:
    """The results of ``module`` (default: the registered paper, when there is exactly one)."""
    from .errors import LawauditError
    from .papers import load
    try:
        return load(module).results
    except LawauditError:
        return ()


def _default_module() -> str:
    from .papers import default_module
    return default_module()


def _run_units(results: list[Result], settings: Settings, auditor: bool, jobs: int,
               module: str | None = None) -> list[list]:
    """Decide every step of ``results``; per result, the list of ``(step JSON, verdict, constant audit)``.

    With ``jobs > 1`` and results that are the paper module ``module``'s own, the results run in
    ``jobs`` worker processes (:mod:`symbolic.workers`), a result's steps in one of them; each step is
    decided on its own and seeded, so the outcome is the same as in one process.
    """
    registry = _registry(module)
    module = module or (_default_module() if registry else None)
    index = {r.id: i for i, r in enumerate(registry)}
    parallel = jobs > 1 and bool(registry) and all(r.id in index and registry[index[r.id]] is r for r in results)
    ids = [r.step_id(s.slug) for r in results for s in r.steps]
    with progress.bar(len(ids), "audit" if auditor else "audit (no auditor)") as bar:
        if parallel:
            split = _tasks(results, jobs)
            tasks = [(module, index[results[i].id], js, settings, auditor) for i, js in split]
            # the longest first, so that the workers finish together
            cost = [_weight([results[i].steps[j] for j in js], auditor) for i, js in split]
            order = sorted(range(len(tasks)), key=lambda t: -cost[t])
            answers = workers.run(_result_units, tasks, jobs, bar, order)
            done = [None] * len(ids)
            start = [sum(len(r.steps) for r in results[:i]) for i in range(len(results))]
            for (i, js), units in zip(split, answers):
                for j, u in zip(js, units):
                    done[start[i] + j] = u
        else:
            done = []
            for sid, (r, step) in zip(ids, [(r, s) for r in results for s in r.steps]):
                bar.note(sid)
                done.append(_decide_unit(step, r.id, settings, auditor))
                bar.update(1)
    out, k = [], 0
    for r in results:
        out.append(done[k:k + len(r.steps)])
        k += len(r.steps)
    return out


def audit(results: Iterable[Result], settings: Settings = Settings(), paper: dict | None = None, *,
          auditor: bool = True, jobs: int | None = None, context: Iterable[Result] | None = None,
          module: str | None = None) -> dict:
    """The whole report (schema ``lawaudit-report/1``) for ``results``.

    With ``auditor`` (the default) the report also has the auditor's view (issue 5): each
    constant's ``tightest`` search (:mod:`symbolic.tightest`), the top-level ``constants`` table,
    ``repairs`` (engine repairs, re-derived steps, repaired statements, headline constants;
    :func:`symbolic.propagate.propagate`), ``graph`` (nodes and edges), and a ``kind: "repaired"``
    step for every refuted step the engine repaired when the derivation has no repair of its own.

    ``context`` is every encoded result (the CLI passes them all): when some of them are used by the
    audited ones but not audited, their steps are also checked (without constant audit) so that their
    repairs propagate into the audited results, as in a full audit; the report still lists only
    ``results``.  Without ``context`` such results are taken as stated and the repaired statements
    say so.

    ``module`` names the paper module the results come from (:mod:`symbolic.papers`): with it, and
    ``jobs > 1``, the steps are decided in worker processes that load the paper themselves.

    Raises
    ------
    SoundnessAlarm
        If two backends disagree on any step (the audit must fail loudly).
    """
    from . import memo
    with memo.scope():
        return _audit(list(results), settings, paper, auditor, jobs, context, module)


def _audit(results, settings, paper, auditor, jobs, context, module) -> dict:
    per_result = _run_units(results, settings, auditor, workers.jobs(jobs), module)
    upstream: list = []
    if auditor and context is not None:
        context = list(context)
        ids = {r.id for r in results}
        everything = context + [x for x in results if x.id not in {c.id for c in context}]
        upstream = [r for r in upstream_of(ids, everything) if r.id not in ids]
    entries = [_entry(r, [sj for sj, _, _ in units]) for r, units in zip(results, per_result)]
    verdicts = {sj["id"]: v for units in per_result for sj, v, _ in units}
    found = {sj["id"]: f for units in per_result for sj, _, f in units}
    if upstream:
        for units in _run_units(upstream, settings, False, workers.jobs(jobs), module):
            verdicts.update({sj["id"]: v for sj, v, _ in units})
    extra = add_auditor_view(results, entries, verdicts, settings, found, upstream=upstream) if auditor else {}
    _add_findings(results, entries, extra)
    summary = {v: 0 for v in ("proved", "refuted", "evidence", "cited", "vacuous", "unknown")}
    for e in entries:
        for s in e["steps"]:
            summary[s["verdict"]] += 1
    report = {"schema": SCHEMA_ID, "paper": paper or {}, "settings": settings.to_json(),
              "findings": extra.pop("findings"), "results": entries, "summary": summary}
    report.update(extra)
    return report


def _add_findings(results: list[Result], entries: list[dict], extra: dict) -> None:
    """Ground the results' findings in the verdicts (``extra["findings"]``) and word each result's
    verdict (``entry["plain_verdict"]``, ``entry["findings"]``), in place."""
    from .findings import findings_json, plain_verdict
    from .graph import build_graph, downstream
    g = build_graph(results)
    found = findings_json(results, entries, lambda sid: downstream(g, sid) if sid in g else ())
    statements = {x["id"]: x for x in (extra.get("repairs") or {}).get("results", [])}
    for e in entries:
        e["findings"] = [f["id"] for f in found if f["result"] == e["id"]]
        e["plain_verdict"] = plain_verdict(e, statements.get(e["id"]), found)
    extra["findings"] = found


def probe_settings(settings: Settings) -> dict:
    """Check settings for the tightest-constant probes and the re-checks after repairs (fewer samples)."""
    return {"seed": settings.seed, "dps": max(15, min(settings.dps, 30)), "samples": min(settings.samples, 150),
            "timeout": min(settings.timeout, 2.0)}


def _agrees(constant: dict, t) -> bool:
    """Whether a declared supported value agrees with the engine's search: it equals the tightest
    value when that is exact, and otherwise lies in the bracket the search certified (the value
    proved on one side, the value refuted, if any, on the other)."""
    import sympy
    if t.proved is None or constant["supported"] in (None, "None"):
        return True
    s = sympy.nsimplify(constant["supported"])
    if t.exact:
        return sympy.simplify(s - t.proved) == 0
    if t.parameter.weaker_when == "larger":
        return bool(s <= t.proved) and (t.refuted is None or bool(s > t.refuted))
    return bool(s >= t.proved) and (t.refuted is None or bool(s < t.refuted))


def upstream_of(nodes: Iterable[str], context: Iterable[Result]) -> list[Result]:
    """The results of ``context`` that the step or result ids ``nodes`` use, directly or not, and their
    own, in the order of ``context``: the results a repair reaching ``nodes`` can come from."""
    from .graph import upstream_results
    context = list(context)
    need = {r.id for n in nodes for r in upstream_results(n, context)}
    return [r for r in context if r.id in need]


def propagate_reaching(audited: Iterable[str], results: Iterable[Result], verdicts: dict,
                       settings: Settings = Settings(), searches_done: dict | None = None) -> dict:
    """Repairs propagated through ``results`` (the audited ones and those they use, e.g. from
    :func:`upstream_of`), reported for the ``audited`` result ids only (:func:`symbolic.propagate.propagate`;
    ``upstream`` lists the others).  ``verdicts`` holds the verdict of every step of ``results``."""
    from .propagate import propagate
    results, ids = sorted(results, key=lambda r: r.order), set(audited)
    repairs = propagate(results, verdicts, **probe_settings(settings), searches_done=searches_done)
    upstream = sorted(r.id for r in results if r.id not in ids)
    if upstream:
        repairs["results"] = [x for x in repairs["results"] if x["id"] in ids]
        repairs["headline"] = [h for h in repairs["headline"] if h["parameter"].split(":")[0] in ids]
        repairs["upstream"] = upstream
    return repairs


def _constant_rows(res: Result, entry: dict, verdicts: dict, ps: dict, found_by_step: dict | None) -> list:
    """Attach each step's constant audit to its constants (in place); the rows of the constants table."""
    from .tightest import constant_audit
    table = []
    for step, sj in zip(res.steps, entry["steps"]):
        sid = sj["id"]
        found = (found_by_step[sid] if found_by_step is not None and sid in found_by_step
                 else constant_audit(step, sid, verdicts[sid], **ps))
        by_name = {c["name"]: c for c in sj["constants"]}
        for t in found:
            tj = t.to_json()
            c = by_name.get(t.parameter.constant)
            if c is not None:
                c["tightest"] = tj
                c["agrees"] = _agrees(c, t)
                if not c["agrees"]:
                    c["tightest_note"] = c.get("differs") or (
                        f"unexplained: the engine's tightest value {tj['proved']} (refuted at {tj['refuted']}) "
                        f"does not bracket the declared supported value {c['supported']}")
            elif t.status in ("holds", "loose", "fails") and (t.refuted is not None or t.proved is None):
                # a shared constant the step does not constrain (no value refuted) is not listed
                sj["constants"].append({"name": t.parameter.constant, "claimed": tj["claimed"],
                                        "supported": tj["proved"], "status": t.status,
                                        "weaker_when": t.parameter.weaker_when, "slack": tj["slack"],
                                        "source": "engine", "tightest": tj})
        for c in sj["constants"]:
            tj = c.get("tightest") or {}
            table.append({"result": res.id, "step": sid, "name": c["name"], "claimed": c["claimed"],
                          "supported": c["supported"], "status": c["status"], "slack": c.get("slack"),
                          "tightest": tj.get("proved"), "tightest_refuted": tj.get("refuted"),
                          "tightest_exact": tj.get("exact"), "tightest_status": tj.get("status"),
                          "tightest_method": tj.get("method"), "template": tj.get("template"),
                          "agrees": c.get("agrees"), "tightest_note": c.get("tightest_note")})
    return table


def _add_engine_repairs(entries: list, repairs: dict, verdicts: dict) -> None:
    """A ``kind: "repaired"`` step for every refuted step the engine repaired without a hand-written repair."""
    by_step = {s["id"]: (e, s) for e in entries for s in e["steps"]}
    for rep in repairs["engine_repairs"]:
        if rep.get("hand_repair") or rep["repairs"] not in by_step or verdicts.get(rep["repairs"]) != "refuted":
            continue   # steps that hold at the paper's constants are re-derived, not repaired
        e, s = by_step[rep["repairs"]]
        new = dict(s)
        new.update({"id": f"{s['id']}-engine-repair", "kind": "repaired", "repairs": s["id"],
                    "verdict": rep["verdict"], "method": rep["method"] or "none",
                    "detail": f"engine repair: {rep['constant']} = {rep['value']} in place of {rep['paper']}. "
                              f"{rep.get('check_detail') or ''}".strip(),
                    "counterexample": rep.get("counterexample"), "constants": [], "seconds": 0.0,
                    "obligation": rep.get("obligation"),   # the instance at the repaired value, not the step's
                    "claim": s["claim"] + r" \quad [\text{" + rep["constant"] + "} = " + rep["value"] + "]",
                    "depends_on": list(s["depends_on"]), "evidence": None, "backends": [], "fact": None,
                    "notes": "added by the engine (symbolic.propagate.propagate); not in the derivation module"})
        e["steps"].append(new)
    for e in entries:
        stmt = next((x for x in repairs["results"] if x["id"] == e["id"]), None)
        if stmt is not None:   # the verdict after repairs is the propagation's (it re-checks shared constants)
            e["repaired_statement"] = stmt["statement"]
            e["verdict_after_repairs"] = stmt["verdict_after_repairs"]


def _graph_section(results: list, verdicts: dict) -> dict:
    from .graph import build_graph, downstream, graph_json
    g = build_graph(results, verdicts)
    refuted = [sid for sid, v in verdicts.items()
               if v == "refuted" and sid in g and g.nodes[sid].get("step_kind") != "repaired"]
    gj = graph_json(g)
    gj["refuted"] = sorted(refuted)
    gj["consequences"] = sorted({n for sid in refuted for n in downstream(g, sid)})
    return gj


def add_auditor_view(results: list, entries: list, verdicts: dict, settings: Settings = Settings(),
                     found_by_step: dict | None = None, upstream: list = ()) -> dict:
    """Add the constant audit, engine repairs and graph to ``entries`` (in place); returns the
    top-level sections ``constants``, ``repairs`` and ``graph``.  ``verdicts`` maps step ids to
    verdicts; ``found_by_step`` holds each step's constant audit when already computed; ``upstream``
    are results used by ``results`` but not audited (their verdicts are in ``verdicts``): repairs are
    propagated through them too, and only ``results`` are reported."""
    ps = probe_settings(settings)
    table = [row for res, entry in zip(results, entries)
             for row in _constant_rows(res, entry, verdicts, ps, found_by_step)]
    done = {(sid, t.parameter.name): t for sid, ts in (found_by_step or {}).items() for t in ts}
    repairs = propagate_reaching([r.id for r in results], list(results) + list(upstream), verdicts, settings,
                                 searches_done=done)
    _add_engine_repairs(entries, repairs, verdicts)
    return {"constants": table, "repairs": repairs, "graph": _graph_section(results, verdicts)}


def strip_timings(report: dict) -> dict:
    """A copy of ``report`` without wall-clock fields (for determinism comparisons)."""
    def strip(x):
        if isinstance(x, dict):
            return {k: strip(v) for k, v in x.items() if k not in ("seconds", "time")}
        if isinstance(x, list):
            return [strip(v) for v in x]
        return x
    return strip(report)


