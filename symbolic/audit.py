"""Run results, collect verdicts, make kernel facts, build the ``lawaudit-report/1`` report.

Data flows one way: derivations build steps -> backends discharge obligations (here) -> the
kernel turns proved obligations into facts (re-checking each certificate) -> :mod:`symbolic.report`
renders the dictionary returned by :func:`audit`.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from . import kernel
from .check import check_obligation
from .errors import DerivationError, SoundnessAlarm
from .proof import Result, Step
from .verdict import Verdict, worst

__all__ = ["Settings", "StepRun", "run_step", "run_result", "audit", "SCHEMA_ID"]

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
    source = f"{step.location}" + (f" {step.label}" if step.label else "")
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
    if step.obligation is None:
        return StepRun(step, result_id, "cited", "citation",
                       f"{step.citation.name}: {step.citation.source}", seconds=time.perf_counter() - t0)
    v = check_obligation(step.obligation, seed=settings.seed, dps=settings.dps, samples=settings.samples,
                         timeout=settings.timeout)
    fact = None
    if v.verdict == "proved":
        fact = kernel.decide(step.obligation, v, source)
    elif v.verdict == "evidence":
        fact = kernel.record_evidence(step.obligation, v, source)
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


def _step_json(run: StepRun) -> dict:
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
    }


def run_result(result: Result, settings: Settings = Settings()) -> tuple[dict, list[StepRun]]:
    """Audit one result; returns its report entry and the step runs (with their facts)."""
    runs = [run_step(s, result.id, settings) for s in result.steps]
    paper_steps = [r.verdict for r in runs if r.step.kind != "repaired"]
    repaired_of = {r.step.repairs: r for r in runs if r.step.kind == "repaired"}
    after_repair = [repaired_of[r.step.slug].verdict if r.step.slug in repaired_of else r.verdict
                    for r in runs if r.step.kind != "repaired"]
    entry = {
        "id": result.id, "title": result.title, "statement": result.statement,
        "location": result.location, "summary": result.summary,
        "verdict": worst(paper_steps),
        "verdict_after_repairs": worst(after_repair),
        "steps": [_step_json(r) for r in runs],
    }
    return entry, runs


def audit(results: Iterable[Result], settings: Settings = Settings(), paper: dict | None = None) -> dict:
    """The whole report (schema ``lawaudit-report/1``) for ``results``.

    Raises
    ------
    SoundnessAlarm
        If two backends disagree on any step (the audit must fail loudly).
    """
    entries = [run_result(r, settings)[0] for r in results]
    summary = {v: 0 for v in ("proved", "refuted", "evidence", "cited", "vacuous", "unknown")}
    for e in entries:
        for s in e["steps"]:
            summary[s["verdict"]] += 1
    return {"schema": SCHEMA_ID, "paper": paper or {}, "settings": settings.to_json(),
            "results": entries, "summary": summary}


def strip_timings(report: dict) -> dict:
    """A copy of ``report`` without wall-clock fields (for determinism comparisons)."""
    import copy
    r = copy.deepcopy(report)
    for e in r["results"]:
        for s in e["steps"]:
            s.pop("seconds", None)
    return r


