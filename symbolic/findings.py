"""Findings: what an audit tells a reader, one per root cause, and a result's verdict in words.

A derivation declares its findings (:class:`Finding`, in ``Result.findings``); each names the
steps it explains, so one slip that makes several steps fail is one finding.  The audit grounds
every finding in the verdicts (:func:`findings_json`): a finding is ``confirmed`` when one of its
steps fails as the paper states it (refuted or vacuous), and every refuted paper step that no finding explains gets a finding of its own
(``declared: false``), so nothing is hidden behind the classification.

Classes (a referee's):

``false-statement``  the result as stated is false: a counterexample to the statement itself;
``false-step``       a step of the proof fails; the repair says whether the repaired proof still
                     gives the stated result, and with which constants or added hypotheses;
``imprecise``        a typo, inconsistent notation, order-of-magnitude rounding or informal wording;
                     ``reading`` says which reading makes it right;
``gap``              an assumption the proof needs and the statement does not list.

:func:`plain_verdict` words a result's verdict after the repairs as a mathematician would: holds as
stated / holds as stated (proof repaired) / holds with changed constants / holds under an added
hypothesis / holds approximately / false as stated / not decided.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from .errors import DerivationError

__all__ = ["CLASSES", "PLAIN_VERDICTS", "Finding", "findings_json", "plain_verdict"]

CLASSES = ("false-statement", "false-step", "imprecise", "gap")
PLAIN_VERDICTS = ("holds as stated", "holds as stated (proof repaired)", "holds with changed constants",
                  "holds under an added hypothesis", "holds approximately", "false as stated", "not decided")


@dataclass(frozen=True)
class Finding:
    """One root cause, with the steps it explains.

    Parameters
    ----------
    slug : lower-case id inside its result (the report's id is ``"<result>/<slug>"``).
    cls : one of :data:`CLASSES`.
    title : one sentence, in words.
    steps : the steps it explains: slugs of the result, or ``"<result>/<slug>"`` of another.
    repair : what to do, in words; for a ``false-step``, whether the repaired proof still gives the
        stated result and with which constants or hypotheses.
    repaired_by : the repaired (or reading) steps that carry the repair out and are checked.
    consequences : what it changes downstream, in words (the report adds the steps and results
        downstream of ``steps`` in the proof graph).
    reading : for ``imprecise``, the reading that makes the paper right.

    Raises
    ------
    DerivationError
        For an unknown class, an empty ``steps`` or an ``imprecise`` finding without ``reading``.
    """

    slug: str
    cls: str
    title: str
    steps: Sequence[str]
    repair: str
    repaired_by: Sequence[str] = ()
    consequences: str = ""
    reading: str = ""

    def __post_init__(self):
        if not re.fullmatch(r"[a-z0-9-]+", self.slug):
            raise DerivationError(f"Finding {self.slug!r}: ids use lower-case letters, digits and '-' only")
        if self.cls not in CLASSES:
            raise DerivationError(f"Finding {self.slug}: class {self.cls!r} is not one of {', '.join(CLASSES)}")
        if not self.steps:
            raise DerivationError(f"Finding {self.slug}: name the steps it explains (steps=...)")
        if self.cls == "imprecise" and not self.reading:
            raise DerivationError(f"Finding {self.slug}: an imprecise finding says which reading makes it right")
        object.__setattr__(self, "steps", tuple(self.steps))
        object.__setattr__(self, "repaired_by", tuple(self.repaired_by))


def _qualify(result_id: str, ref: str) -> str:
    return ref if "/" in ref else f"{result_id}/{ref}"


def _fails(step: dict) -> bool:
    """The step fails as the paper states it: refuted or vacuous."""
    return step["verdict"] in ("refuted", "vacuous")


def _declared(results, steps: dict, downstream) -> list[dict]:
    """The declared findings; a step of a result that is not audited here is listed but not checked."""
    out = []
    audited = {sid.split("/")[0] for sid in steps}
    for r in results:
        for f in r.findings:
            ids = [_qualify(r.id, s) for s in f.steps]
            missing = [s for s in ids + [_qualify(r.id, s) for s in f.repaired_by]
                       if s not in steps and s.split("/")[0] in audited]
            if missing:
                raise DerivationError(f"Finding {r.id}/{f.slug}: unknown steps {missing}")
            fixes = [_qualify(r.id, s) for s in f.repaired_by if _qualify(r.id, s) in steps]
            below = sorted({n for s in ids for n in downstream(s) if "/" in n} - set(ids) - set(fixes))
            out.append({
                "id": f"{r.id}/{f.slug}", "class": f.cls, "title": f.title, "result": r.id, "steps": ids,
                "repair": f.repair, "repaired_by": [{"step": s, "verdict": steps[s]["verdict"]} for s in fixes],
                "reading": f.reading or None,
                "consequences": {"text": f.consequences or None,
                                 "results": sorted({n.split("/")[0] for n in below} - {r.id}),
                                 "steps": below},
                "confirmed": any(_fails(steps[s]) for s in ids if s in steps), "declared": True,
                "approximate": any(steps[s].get("reading") == "approximate" for s in ids + fixes if s in steps)})
    return out


def findings_json(results, entries: list[dict], downstream=lambda sid: ()) -> list[dict]:
    """The report's ``findings``: the declared ones grounded in ``entries`` (the results' report
    entries), then one per failing paper step that none explains.

    ``downstream(step_id)`` gives the nodes below a step in the proof graph.  Raises
    :class:`DerivationError` when a finding names a step that does not exist.
    """
    steps = {s["id"]: s for e in entries for s in e["steps"]}
    out = _declared(results, steps, downstream)
    explained = {s for f in out for s in f["steps"]}
    for e in entries:
        for s in e["steps"]:
            if s["kind"] != "repaired" and _fails(s) and s["id"] not in explained:
                out.append({"id": f"{s['id']}-unexplained", "class": "false-step", "result": e["id"],
                            "title": f"{s['id']} is {s['verdict']}: {s['detail']}", "steps": [s["id"]],
                            "repair": s.get("on_failure") or "none given",
                            "repaired_by": [{"step": x["id"], "verdict": x["verdict"]} for x in e["steps"]
                                            if x.get("repairs") == s["id"]],
                            "reading": None, "consequences": {"text": None, "results": [], "steps": []},
                            "confirmed": True, "declared": False, "approximate": False})
    return out


def plain_verdict(entry: dict, statement: dict | None, findings: list[dict]) -> dict:
    """A result's verdict in words (one of :data:`PLAIN_VERDICTS`) with what it rests on.

    ``entry`` is the result's report entry, ``statement`` its entry in the repair propagation's
    ``results`` (``None`` without the auditor's view) and ``findings`` the report's findings.
    """
    mine = [f for f in findings if f["confirmed"] and (f["result"] == entry["id"] or
                                                       any(s.startswith(entry["id"] + "/") for s in f["steps"]))]
    classes = {f["class"] for f in mine}
    cited = any(s["verdict"] == "cited" for s in entry["steps"] if s["kind"] != "repaired")
    given = " (given the cited results)" if cited else ""
    holds = statement["holds_after_repairs"] if statement else entry["verdict"] in ("proved", "cited")
    if any(f["class"] == "false-statement" and f["result"] == entry["id"] for f in mine):
        return {"verdict": "false as stated", "detail": "; ".join(f["title"] for f in mine
                                                                  if f["class"] == "false-statement")}
    if not holds:
        return {"verdict": "not decided", "detail": statement["statement"] if statement else entry["verdict"]}
    own = statement.get("changed_statement", {}) if statement else {}
    added = statement.get("hypotheses_added", []) if statement else []
    changed = "; ".join(k if v == "repaired" else f"{k} = {v}" for k, v in own.items())
    if added:
        return {"verdict": "holds under an added hypothesis",
                "detail": "provided " + "; ".join(added) + (f"; with {changed}" if changed else "") + given}
    if own:
        return {"verdict": "holds with changed constants", "detail": changed + given}
    approx = [f for f in mine if f["class"] == "imprecise" and f.get("approximate")]
    if approx:
        return {"verdict": "holds approximately", "detail": "; ".join(f["reading"] for f in approx) + given}
    if mine or (statement and (statement["changed"] or statement["provided"])):
        return {"verdict": "holds as stated (proof repaired)", "detail": "; ".join(f["title"] for f in mine) + given}
    return {"verdict": "holds as stated", "detail": given.strip(" ()") or "every step is proved"}
