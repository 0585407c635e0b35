"""Helpers for the derivation notebooks: run a result and show each step as a reader wants it.

Every output is deterministic for a given seed (no timings, fixed float formats), so nbval can
compare stored outputs.  Each function prints plain text (what nbval compares) and, inside
Jupyter, also displays the same content as Markdown with LaTeX.
"""
from __future__ import annotations

from .audit import Settings, StepRun, run_result, step_json
from .findings import findings_json
from .proof import Result
from .verdict import describe_evidence

__all__ = ["run", "step_markdown", "show_step", "show_summary", "show_all", "findings", "show_findings"]


def run(result: Result, *, seed: int = 0, dps: int = 50, samples: int = 2000) -> dict[str, StepRun]:
    """Audit ``result``; returns its step runs keyed by step slug (paper order preserved)."""
    _, runs = run_result(result, Settings(seed=seed, dps=dps, samples=samples))
    return {r.step.slug: r for r in runs}


def _evidence_line(run: StepRun) -> str | None:
    v = run.check
    if v is None or v.evidence is None:
        return None
    return describe_evidence(v.evidence)


def _experiment_line(run: StepRun) -> str | None:
    exp = run.extra.get("experiment")
    if exp is None or run.step.obligation is None:
        return None
    return f"{exp.backend}: {exp.verdict} — {exp.detail}"


def _reading_lines(run: StepRun) -> list[str]:
    s = run.step
    out = []
    if s.reading != "exact":
        how = {"approximate": "as an order of magnitude", "informal": "as an informal heuristic",
               "asymptotic": "as an asymptotic claim, along a family"}[s.reading]
        out.append(f"read {how}" + (f" ({s.tolerance})" if s.tolerance else "")
                   + (f": {s.family_text}" if s.family_text else ""))
    return out


def step_markdown(run: StepRun) -> str:
    """One step as Markdown: quote, claim, why, verdict and how it was checked, counterexample."""
    s = run.step
    from .coq.attach import badge  # issue 17: "Coq-checked" beside the verdict when known
    coq = badge(run.extra.get("coq"))
    lines = [f"**{s.label + ' ' if s.label else ''}`{s.slug}`** ({s.kind}) — **{run.verdict}** by {run.method}"
             + (f" — *{coq}*" if coq else ""),
             "", f"> {s.quote}", "", f"$${s.claim_latex()}$$", "", f"*Why:* {s.rule}"]
    if s.citation is not None:
        lines.append(f"*Cited:* {s.citation.name} — {s.citation.source}")
    lines.append(f"*Checked:* {run.detail}")
    ev = _evidence_line(run)
    if ev:
        lines.append(f"*Evidence beside the verdict:* {ev}")
    exp = _experiment_line(run)
    if exp:
        lines.append(f"*Cross-check:* {exp}")
    lines += [f"*Reading:* {x}" for x in _reading_lines(run)]
    for c in s.constants:
        lines.append(f"*Constant {c.name}:* claimed {c.claimed}, supported {c.supported} — {c.status}")
    if s.implicit_assumptions:
        lines.append("*Implicit assumptions:* " + "; ".join(s.implicit_assumptions))
    if s.repairs:
        lines.append(f"*Repairs:* `{s.repairs}`")
    return "\n\n".join(lines)


def _plain(run: StepRun) -> str:
    s = run.step
    out = [f"{s.label + ' ' if s.label else ''}{s.slug} [{s.kind}]: {run.verdict} ({run.method})",
           f"  claim: {s.obligation.text() if s.obligation is not None else s.claim_latex()}",
           f"  why:   {s.rule}", f"  check: {run.detail}"]
    if run.check is not None and run.check.counterexample:
        out.append("  counterexample: " + ", ".join(f"{k} = {v}" for k, v in run.check.counterexample.items()))
    ev = _evidence_line(run)
    if ev:
        out.append(f"  {ev}")
    exp = _experiment_line(run)
    if exp:
        out.append(f"  cross-check: {exp}")
    out += [f"  {x}" for x in _reading_lines(run)]
    for c in s.constants:
        out.append(f"  constant {c.name}: claimed {c.claimed}, supported {c.supported} -> {c.status}")
    return "\n".join(out)


def _display_markdown(text: str):
    try:
        from IPython import get_ipython
        from IPython.display import Markdown, display
    except ImportError:  # pragma: no cover - IPython is a test dependency
        return
    if get_ipython() is not None:
        display(Markdown(text))


def show_step(run: StepRun) -> None:
    """Print one step (plain text) and display it as Markdown in Jupyter."""
    print(_plain(run))
    _display_markdown(step_markdown(run))


def show_summary(runs: dict[str, StepRun]) -> None:
    """A table: one line per step with its verdict and method."""
    width = max(len(k) for k in runs)
    for slug, r in runs.items():
        print(f"{slug:<{width}}  {(r.step.label or ''):<6} {r.step.kind:<9} {r.verdict:<9} {r.method}")


def show_all(runs: dict[str, StepRun]) -> None:
    """Every step, in order."""
    for r in runs.values():
        show_step(r)
        print()


def findings(result: Result, runs: dict[str, StepRun]) -> list[dict]:
    """The findings of ``result`` grounded in ``runs`` (as in the report's ``findings``)."""
    entry = {"id": result.id, "steps": [step_json(r) for r in runs.values()]}
    return findings_json([result], [entry])


def finding_text(f: dict) -> str:
    """One finding in plain text: class and title, then the steps, repair, reading and consequences."""
    lines = [f"[{f['class']}] {f['id']}{'' if f['confirmed'] else ' (not reproduced)'}", f"  {f['title']}",
             "  steps: " + ", ".join(s.split("/", 1)[1] if s.startswith(f["result"] + "/") else s for s in f["steps"]),
             f"  repair: {f['repair']}"]
    if f["repaired_by"]:
        lines.append("  checked repair: " + ", ".join(f"{x['step']} ({x['verdict']})" for x in f["repaired_by"]))
    if f.get("reading"):
        lines.append(f"  reading that makes it right: {f['reading']}")
    if f["consequences"]["text"]:
        lines.append(f"  consequences: {f['consequences']['text']}")
    return "\n".join(lines)


def show_findings(result: Result, runs: dict[str, StepRun]) -> None:
    """Print the findings of ``result`` (one per root cause), the evidence being the steps below."""
    found = findings(result, runs)
    if not found:
        print(f"{result.title}: no finding (no step fails as the paper states it)")
    for f in found:
        print(finding_text(f))
