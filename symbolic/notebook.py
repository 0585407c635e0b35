"""Helpers for the derivation notebooks: run a result and show each step as a reader wants it.

Every output is deterministic for a given seed (no timings, fixed float formats), so nbval can
compare stored outputs.  A step is rendered by :mod:`symbolic.render` (the same words as the
report and ``lawaudit explain``) and shown once: inside Jupyter as Markdown with LaTeX (the plain
text stays in the notebook's JSON), elsewhere as plain text.
"""
from __future__ import annotations

from .audit import Settings, StepRun, run_result, step_json
from .findings import findings_json
import re

from . import render
from .proof import Result

__all__ = ["run", "step_markdown", "StepView", "show_step", "Table", "constants_table", "show_summary", "show_all", "findings", "show_findings"]


def run(result: Result, *, seed: int = 0, dps: int = 50, samples: int = 2000,
        coq_record: str | None = None) -> dict[str, StepRun]:
    """Audit ``result``; returns its step runs keyed by step slug (paper order preserved).

    ``coq_record``: the path of a Coq record (:mod:`symbolic.coq.record`, written by ``lawaudit
    --coq --coq-record PATH``); a proved step whose current obligation coqc checked is shown
    "Coq-checked" (and one coqc rejected "Coq: failed").
    Raises :class:`~symbolic.errors.LawauditError` when that file is not a Coq record."""
    _, runs = run_result(result, Settings(seed=seed, dps=dps, samples=samples))
    if coq_record is not None:
        from .coq import record
        rec = record.load(coq_record)
        for r in (r for r in runs if r.verdict == "proved"):
            outcome = record.lookup(rec, f"{result.id}/{r.step.slug}", r.step.obligation)
            if outcome is not None:
                r.extra["coq"] = outcome
    return {r.step.slug: r for r in runs}


def step_markdown(run: StepRun) -> str:
    """One step as Markdown with LaTeX (:func:`symbolic.render.step_markdown`): quote, claim, why, verdict
    and how it was checked, counterexample, evidence, constants."""
    return render.step_markdown(_json(run))


def _json(run: StepRun) -> dict:
    """The step's report JSON, with its Coq outcome from the record when there is one."""
    sj = step_json(run)
    if run.extra.get("coq"):
        sj["coq"] = run.extra["coq"]
    return sj


def _plain(run: StepRun) -> str:
    s = run.step
    claim = s.obligation.text() if s.obligation is not None else None
    return "\n".join(render.step_lines(_json(run), claim_text=claim))


class StepView:
    """A step shown once: Markdown with maths in Jupyter, its plain text everywhere else (and in the
    notebook's JSON, ``text/plain``, which is what nbval compares besides the Markdown)."""

    def __init__(self, run: StepRun):
        self.plain, self.markdown = _plain(run), step_markdown(run)

    def __repr__(self) -> str:
        return self.plain

    def _repr_markdown_(self) -> str:
        return self.markdown


def _in_jupyter() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython is a test dependency
        return False
    return get_ipython() is not None


def show_step(run: StepRun) -> None:
    """One step: displayed once, rendered, in Jupyter; printed as plain text elsewhere."""
    if _in_jupyter():
        from IPython.display import display
        display(StepView(run))
    else:
        print(_plain(run))


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


class Table:
    """A table shown once: Markdown in Jupyter (rendered), aligned plain text elsewhere and in the JSON."""

    def __init__(self, head: list[str], rows: list[list[str]]):
        self.head, self.rows = head, rows

    def __repr__(self) -> str:
        widths = [max(len(str(r[i])) for r in [self.head] + self.rows) for i in range(len(self.head))]
        return "\n".join("  ".join(str(x).ljust(w) for x, w in zip(r, widths)).rstrip()
                         for r in [self.head] + self.rows)

    def _repr_markdown_(self) -> str:
        cell = lambda x: re.sub(r"([|_*\\[\]])", r"\\\1", str(x)) or " "              # noqa: E731
        return "\n".join(["| " + " | ".join(self.head) + " |", "|" + "---|" * len(self.head)]
                         + ["| " + " | ".join(cell(x) for x in r) + " |" for r in self.rows])


def constants_table(report: dict) -> Table:
    """The report's constants: claimed, supported, status, slack, the engine's tightest value and its
    bracket (proved end, refuted end), exact values with short decimals beside the long ones, never cut."""
    rows = []
    for c in report["constants"]:
        slack = c["slack"] if c["status"] != "holds" and c.get("slack") else ""
        bracket = "" if c.get("tightest") is None else \
            f"({render.short_number(c['tightest'])}, {render.short_number(c['tightest_refuted'])})" \
            + (" exact" if c.get("tightest_exact") else "")
        rows.append([c["step"], c["name"], render.short_number(c["claimed"]),
                     render.short_number(c["supported"]) if c.get("supported") else "-", c["status"],
                     render.short_number(slack) if slack else "-",
                     render.short_number(c["tightest"]) if c.get("tightest") else "-", bracket or "-"])
    return Table(["step", "constant", "claimed", "supported", "status", "slack", "engine", "bracket"], rows)

