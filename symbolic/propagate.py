"""Repairs propagated through the proof graph (issue 5, item 2): :func:`propagate`.

Deliberately simple and honest:

1. Constants are shared through :class:`~symbolic.proof.Parameter` names: every step whose
   :class:`~symbolic.proof.Template` uses a parameter is re-checked with its repaired value.
2. Steps are visited in dependency order.  A paper step that is refuted (at the paper's values or
   after substituting repairs made upstream) is repaired by the tightest proved value of its **own**
   constant, the first parameter of its template (:func:`symbolic.tightest.tightest`), and only if
   that constant belongs to its own result (``"<result-id>:NAME"``); the other parameters are its
   inputs, fixed by the steps that state them.  The new value is added to the assignment, so
   several repairs compose, and the pass is repeated until nothing changes (at most
   ``max_passes``; if they run out, every step is re-checked once more and ``converged`` is
   false).  Values repaired upstream are never moved to fix a step downstream: such a step stays
   refuted, reported.  A constant of a result that is not propagated is never moved: that result is
   taken as stated, and the repaired statements say so.
3. A hand-written repair (``kind="repaired"``) stands in for a refuted or stale step when it is
   neither refuted nor stale; written through a template it is re-checked with the constants the
   rest of the proof now uses.  The hypotheses it adds (``Step.adds_hypotheses``) are quoted.  A
   proved repair marked ``keeps_constant`` (the step's conclusion with its own constant unchanged,
   by a better argument) also keeps the engine from moving that constant.
4. A step is *stale* (not re-derived) when something it uses (its ``depends_on``) is stale; is
   refuted with no repair standing in; is replaced by a repair with a different conclusion that the
   step does not itself use; or was re-checked with moved constants that the step neither declares
   in its template nor is ``independent_of``.  This is computed to a fixed point, with reasons.
5. A result holds after the repairs when every paper step is proved or cited (a stood-in step
   counts as its repair), none is stale, the steps of other results it uses hold, and the
   propagation converged.  A parameter marked ``headline`` survives when the assignment leaves it at
   the paper's value, every step using it is proved (or stood in for) and its result holds.

What the engine does not check: that what a step uses delivers its hypotheses (that is the
derivation's ``depends_on``); it tracks what changed.  Inferred templates
(:func:`symbolic.tightest.infer_template`) have parameters local to their step, so they repair that
step only, and only when the derivation has no repair of its own for it.
"""
from __future__ import annotations

import re
from typing import Iterable, Mapping

import networkx as nx
import sympy

from .check import check_obligation
from .graph import _qualify, build_graph
from .proof import Result, Step
from .tightest import step_template, tightest
from .verdict import VERDICTS, worst

__all__ = ["propagate", "Propagation"]


def _owner(name: str) -> str | None:
    """The result a shared constant belongs to (``"lemma-2.1:CORR"`` -> ``"lemma-2.1"``), if named so."""
    head = name.split(":")[0]
    return head if ":" in name and re.fullmatch(r"[a-z]+-[0-9a-z.]+", head) else None


def _order(g: nx.DiGraph, results: list[Result]) -> list[tuple[Result, Step]]:
    paper = [(r, s) for r in results for s in r.steps if s.kind != "repaired"]
    pos = {r.step_id(s.slug): i for i, (r, s) in enumerate(paper)}
    view = nx.subgraph_view(g, filter_node=lambda n: n in pos,
                            filter_edge=lambda a, b: g.edges[a, b]["kind"] == "uses")
    try:
        order = list(nx.lexicographical_topological_sort(view, key=lambda n: pos[n]))
    except nx.NetworkXUnfeasible:   # a cycle: fall back on the paper's order
        order = sorted(pos, key=pos.get)
    return [paper[pos[n]] for n in order]


def propagate(results: Iterable[Result], verdicts: Mapping[str, str], *, seed: int = 0, dps: int = 30,
              samples: int = 300, timeout: float = 5.0, max_passes: int = 4, searches_done: Mapping | None = None) -> dict:
    """Repair refuted steps through their constants and re-derive what uses the same constants.

    Parameters
    ----------
    results : the audited results.
    verdicts : step id -> verdict at the paper's constants (from the audit).
    seed, dps, samples, timeout : for every re-check (:func:`symbolic.check.check_obligation`).
    searches_done : ``(step id, parameter name) -> Tightest`` already made with the same settings at
        the paper's values (the audit's constant audit); reused instead of searching again.

    Returns
    -------
    dict
        ``assignment`` (parameter name -> ``{paper, repaired, forced_by, constant, search}``),
        ``rederived`` (steps re-checked under the assignment), ``engine_repairs`` (one per
        refuted step the engine repaired), ``unrepaired`` (refuted steps without a repair),
        ``stale`` (steps downstream of a refuted one that were not re-derived), ``headline``,
        ``results`` (per result: verdict at the paper's constants, after repairs, and the
        repaired statement) and ``limits`` (what this does not do).

    The phases, in order, are the methods of :class:`Propagation`: :meth:`~Propagation.repair`,
    :meth:`~Propagation.recheck_hand_repairs`, :meth:`~Propagation.staleness`, then the report
    (:meth:`~Propagation.result_entry`, :meth:`~Propagation.headline`).
    """
    run = Propagation(list(results), verdicts, dict(seed=seed, dps=dps, samples=samples, timeout=timeout),
                      searches_done or {})
    run.repair(max_passes)
    run.recheck_hand_repairs()
    run.staleness()
    return run.to_json(max_passes)


LIMITS = ("Repairs move one constant per refuted step (its own, the first parameter of its template, when a value "
          "of it is proved), in dependency order; values fixed upstream are never moved. Only steps whose template "
          "names a repaired parameter are re-derived (or that declare themselves independent of it); other "
          "downstream steps are listed as stale. Hand-written repairs written through a template are re-checked "
          "with the constants the rest of the proof now uses; those without a template are checked at the "
          "derivation's own values. Tightness is certified at the two ends reported, assuming the provable values "
          "form a half-line.")


class Propagation:
    """The state of one propagation: what the graph and the templates say, then what each phase found.

    Built by :func:`propagate`; each phase is a method, run once, in the order given there.
    """

    def __init__(self, results: list[Result], verdicts: Mapping[str, str], check: dict, searches_done: Mapping):
        self.results, self.verdicts, self.check, self.searches_done = results, verdicts, check, searches_done
        self.g = build_graph(results, verdicts)
        self.order = _order(self.g, results)
        self.templates = {}
        for r, s in self.order:
            t, src = step_template(s, r.step_id(s.slug))
            if t is not None:
                self.templates[r.step_id(s.slug)] = (t, src)
        self.params = {}
        for t, _ in self.templates.values():
            for p in t.parameters:
                self.params.setdefault(p.name, p)
        self.hands: dict = {}          # step id -> its hand-written repairs, in the derivation's order
        for r in results:
            for s in r.steps:
                if s.kind == "repaired":
                    self.hands.setdefault(_qualify(r.id, s.repairs), []).append(r.step_id(s.slug))
        self.hand = {k: v[0] for k, v in self.hands.items()}
        self.repair_steps = {r.step_id(s.slug): s for r in results for s in r.steps if s.kind == "repaired"}
        self.steps_by_id = {r.step_id(s.slug): s for r in results for s in r.steps}
        # a constant named "<result-id>:..." belongs to that result; when the result is not among those
        # propagated, its value is taken as the paper's and never moved here (its own proof decides it)
        self.ids = {r.id for r in results}
        self.foreign = {n for n in self.params if _owner(n) is not None and _owner(n) not in self.ids}
        self.assignment: dict = {}     # name -> value
        self.forced_by: dict = {}      # name -> step id
        self.searches: dict = {}       # name -> Tightest.to_json()
        self.current = dict(verdicts)  # step id -> verdict under the assignment
        self.rederived: dict = {}
        self.engine: dict = {}
        self.memo: dict = {}
        self.converged = False
        self.stale: set = set()
        self.why_stale: dict = {}
        self.stand: dict = {}
        self.used_hand: dict = {}      # step id -> the hand-written repair standing in for it

    # -- checking under the assignment ------------------------------------------------------------

    def _check(self, ob):
        if ob.key() not in self.memo:
            self.memo[ob.key()] = check_obligation(ob, **self.check)
        return self.memo[ob.key()]

    def decide(self, sid, t, vals):
        """Check ``t`` at ``vals`` (each instance once: the passes repeat them) and record the result."""
        v = self._check(t.instantiate(vals))
        self.current[sid] = v.verdict
        self.rederived[sid] = {"id": sid, "values": {k: sympy.sstr(x) for k, x in vals.items()},
                               "paper_verdict": self.verdicts.get(sid), "verdict": v.verdict, "method": v.method,
                               "detail": v.detail, "counterexample": v.counterexample}

    def holds_now(self, h, sid):
        """Whether the hand-written repair ``h`` of ``sid`` is proved under the current assignment.  Only a
        repair written through a template that has every moved parameter of ``sid`` counts: one checked at
        the derivation's own values says nothing about the constants the rest of the proof now uses."""
        t = getattr(self.repair_steps[h], "template", None)
        moved = {p.name for p in self.templates[sid][0].parameters if p.name in self.assignment}
        if t is None or not moved <= {p.name for p in t.parameters}:
            return False
        ob = t.instantiate({p.name: self.assignment.get(p.name, p.value) for p in t.parameters})
        return self._check(ob).verdict == "proved"

    def recheck(self, sid):
        t, _ = self.templates[sid]
        vals = {p.name: self.assignment[p.name] for p in t.parameters if p.name in self.assignment}
        if not vals:
            self.current[sid] = self.verdicts.get(sid, "unknown")
            self.rederived.pop(sid, None)
            return
        self.decide(sid, t, vals)

    def now(self, sid):
        """The verdict of ``sid`` under the assignment (before hand-written repairs stand in)."""
        return self.current.get(sid, self.verdicts.get(sid, "unknown"))

    # -- phase 1: engine repairs ------------------------------------------------------------------

    def repair(self, max_passes: int):
        """Repair refuted steps by their own constant, in dependency order, until nothing changes."""
        for _ in range(max_passes):
            if not any([self._repair_step(r, s) for r, s in self.order if r.step_id(s.slug) in self.templates]):
                self.converged = True
                return
        # the passes ran out while repairs were still being made: re-check every step once more under
        # the final assignment, so that no verdict reported is for an earlier one
        for r, s in self.order:
            if r.step_id(s.slug) in self.templates:
                self.recheck(r.step_id(s.slug))

    def _repair_step(self, r: Result, s: Step) -> bool:
        """Re-check one step; if refuted, move its own constant to the tightest proved value.  Changed?"""
        sid = r.step_id(s.slug)
        t, src = self.templates[sid]
        self.recheck(sid)
        if self.current[sid] != "refuted":
            return False
        if src == "inferred" and sid in self.hand:
            return False   # the derivation wrote its own repair; an inferred template is only a guess
        if any(self.repair_steps[h].keeps_constant and self.holds_now(h, sid) for h in self.hands.get(sid, ())):
            return False   # a proved repair keeps this step's constant: it stands in, the constant stays
        if not t.parameters:
            return False
        p = t.parameters[0]     # a step repairs its own constant only (the template's first) ...
        if p.name in self.assignment or p.name in self.foreign or _owner(p.name) not in (None, r.id):
            return False        # ... and only a constant of its own result
        vals = {q.name: self.assignment[q.name] for q in t.parameters if q.name in self.assignment}
        found = self.searches_done.get((sid, p.name)) if not vals else None
        if found is None:
            found = tightest(t, p.name, vals, **self.check, template_source=src,
                             known={p.value: "refuted"} if not vals else None)
        if found.proved is None:
            return False
        self._record_repair(sid, p, found, src)
        return True

    def _record_repair(self, sid, p, found, src):
        t = self.templates[sid][0]
        self.assignment[p.name], self.forced_by[p.name] = found.proved, sid
        self.params[p.name] = p     # named as in the step that forced the repair
        self.searches[p.name] = found.to_json()
        self.engine[sid] = {"repairs": sid, "paper_verdict": self.verdicts.get(sid), "parameter": p.name,
                            "constant": p.constant, "paper": sympy.sstr(p.value), "value": sympy.sstr(found.proved),
                            "exact": found.exact, "detail": found.detail(), "hand_repair": self.hand.get(sid),
                            "template": src, "obligation": t.instantiate(
                                {q.name: self.assignment[q.name] for q in t.parameters if q.name in self.assignment}
                            ).to_json()}
        self.recheck(sid)
        rd = self.rederived.get(sid, {})
        self.engine[sid].update({"verdict": self.current[sid], "method": rd.get("method"),
                                 "check_detail": rd.get("detail"), "counterexample": rd.get("counterexample")})

    # -- phase 2: hand-written repairs under the assignment ----------------------------------------

    def _values(self, t):
        return {p.name: self.assignment.get(p.name, self.params[p.name].value if p.name in self.params else p.value)
                for p in t.parameters}

    def recheck_hand_repairs(self):
        """Re-check hand-written repairs written through a template with the constants the rest of the
        proof now uses (the assignment, else the paper's value of the shared constant); then record the
        steps declared ``independent_of`` a moved constant."""
        for sid, s in self.repair_steps.items():
            t = getattr(s, "template", None)
            if t is None:
                continue
            self.decide(sid, t, self._values(t))
            if self.current[sid] == self.verdicts.get(sid):
                self.rederived.pop(sid)      # listed only when the assignment changes its verdict
        for r, s in self.order:
            self._independent(r.step_id(s.slug), s)

    def _independent(self, sid, step):
        names = [x for x in getattr(step, "independent_of", ()) if x in self.assignment]
        if names and sid not in self.rederived and sid not in self.engine:
            self.rederived[sid] = {
                "id": sid, "values": {k: sympy.sstr(self.assignment[k]) for k in names},
                "paper_verdict": self.verdicts.get(sid), "verdict": self.verdicts.get(sid, "unknown"),
                "method": "independent",
                "detail": "its obligation holds for every value of " + ", ".join(names)
                          + " (declared independent_of); the verdict at the paper's constants stands",
                "counterexample": None}

    # -- phase 3: staleness and stand-ins -----------------------------------------------------------

    def instance(self, sid):
        """``(obligation under the assignment, moved parameter names)`` of a step, or ``(None, [])``."""
        st = self.steps_by_id.get(sid)
        t = getattr(st, "template", None)
        if st is None or st.obligation is None:
            return None, []
        if t is None or (sid in self.templates and self.templates[sid][1] != "declared"):
            return st.obligation, []
        return t.instantiate(self._values(t)), [p.name for p in t.parameters if p.name in self.assignment]

    def deps(self, sid):
        st = self.steps_by_id.get(sid)
        out = []
        for dep in (st.depends_on if st is not None else ()):
            if dep in self.ids:            # a whole result: its paper steps
                out += [x for x in self.steps_by_id if x.startswith(dep + "/") and x not in self.repair_steps]
            else:
                q = _qualify(sid.split("/")[0], dep)
                if q in self.steps_by_id:  # a step of a result not propagated here is taken as stated
                    out.append(q)
        return out

    def _same_conclusion(self, a, b):
        oa, ob = self.instance(a)[0], self.instance(b)[0]
        return oa is not None and ob is not None and sympy.srepr(oa.conclusion) == sympy.srepr(ob.conclusion)

    def _stand_ins(self) -> dict:
        """A refuted or stale step is stood in for by its best hand-written repair neither refuted nor stale."""
        stand = {}
        for sid, hs in self.hands.items():
            if self.now(sid) == "refuted" or sid in self.stale:
                ok = [h for h in hs if self.now(h) != "refuted" and h not in self.stale]
                ok.sort(key=lambda h: VERDICTS.index(self.now(h)) * -1)     # proved first, then cited, ...
                if ok:
                    stand[sid] = ok[0]
        return stand

    def _why_stale(self, sid, d, mine):
        """Why ``sid`` is not re-derived because of what it uses, ``d`` (``None`` if it is not)."""
        st = self.steps_by_id[sid]
        if d in self.stand:      # what the step uses is now the repair's statement
            if self.stand[d] not in mine and not self._same_conclusion(d, self.stand[d]):
                return f"uses {d}, replaced by {self.stand[d]} with a different conclusion"
            return None
        if d in self.stale:
            return f"uses {d}, which is not re-derived"
        if self.now(d) == "refuted":
            return f"uses {d}, refuted"
        moved_d = self.instance(d)[1]
        if moved_d and not (sid in self.templates and self.templates[sid][1] == "declared") \
                and not set(moved_d) <= set(st.independent_of):
            return f"uses {d}, re-checked with {', '.join(moved_d)} moved"
        return None

    def staleness(self):
        """Stale steps and stand-ins, to a fixed point (stale only grows, stand-ins only shrink).  A step is
        stale when something it uses is stale; is refuted with no hand-written repair standing in; is
        replaced by a repair with a different conclusion that the step does not itself use; or was
        re-checked with moved constants that the step neither declares in its template nor is
        ``independent_of``."""
        every = [r.step_id(s.slug) for r, s in self.order] + list(self.repair_steps)
        while True:
            self.stand = self._stand_ins()
            grew = False
            for sid in every:
                if sid in self.stale:
                    continue
                mine = self.deps(sid)
                why = next((w for w in (self._why_stale(sid, d, mine) for d in mine) if w), None)
                if why:
                    self.stale.add(sid)
                    self.why_stale[sid] = why
                    grew = True
            if not grew:
                break
        self.stale -= {sid for sid in self.stale if sid in self.stand}    # stale, but a sound repair stands in

    def final(self, sid):
        if sid in self.stand:
            self.used_hand[sid] = self.stand[sid]
            return self.now(self.stand[sid])
        return self.now(sid)

    # -- the report ----------------------------------------------------------------------------------

    def _said(self, p):
        return f"{self.params[p.name].constant} = {sympy.sstr(self.assignment[p.name])} in place of {sympy.sstr(p.value)}"

    def _external(self, r: Result, paper_steps: list) -> list:
        """The steps of other results that ``r``'s paper steps use, directly or not (they must hold too)."""
        uses_view = nx.subgraph_view(self.g, filter_edge=lambda a, b: self.g.edges[a, b]["kind"] != "repairs")
        g = self.g
        return sorted({a for sid in paper_steps if sid in g for a in nx.ancestors(uses_view, sid)
                       if g.nodes[a]["kind"] == "step" and g.nodes[a]["result"] != r.id and a in self.verdicts
                       and g.nodes[a].get("step_kind") != "repaired"})

    def _facts(self, r: Result) -> dict:
        """What the phases found for one result, before it is put into words."""
        paper_steps = [r.step_id(s.slug) for s in r.steps if s.kind != "repaired"]
        changes = {p.name: p for sid in paper_steps if sid in self.templates
                   for p in self.templates[sid][0].parameters if p.name in self.assignment}
        finals = {sid: self.final(sid) for sid in paper_steps}
        after = worst(finals.values())
        own = [p for p in changes.values() if p.headline and p.name.startswith(r.id + ":")]
        provided = [self.used_hand[sid] for sid in paper_steps if sid in self.used_hand]
        ext = self._external(r, paper_steps)
        ext_bad = [a for a in ext if self.final(a) not in ("proved", "cited") or a in self.stale]
        stale_here = sorted(n for n in self.stale if n in paper_steps)
        added = list(dict.fromkeys(h for x in provided for h in self.repair_steps[x].adds_hypotheses))
        return {
            "paper_steps": paper_steps, "changes": changes, "finals": finals, "after": after, "own": own,
            "inner": [p for p in changes.values() if p not in own], "provided": provided, "ext": ext,
            "ext_bad": ext_bad, "stale_here": stale_here, "added": added,
            "restated": list(dict.fromkeys(h for x in provided for h in self.repair_steps[x].changes_statement)),
            "uses": sorted({d.split("/")[0] for s in r.steps for d in s.depends_on if "/" in d} - self.ids),
            "holds": after in ("proved", "cited") and not stale_here and not ext_bad and self.converged,
            "ext_added": [h for h in dict.fromkeys(h for a in ext if a in self.used_hand
                                                   for h in self.repair_steps[self.used_hand[a]].adds_hypotheses)
                          if h not in added],
            "ext_repaired": sorted({a.split("/")[0] for a in ext if a in self.used_hand or a in self.engine
                                    or a in self.rederived} - {a.split("/")[0] for a in ext_bad}),
        }

    def _statement_head(self, r: Result, f: dict) -> str:
        """The repaired statement's first clause: which constants changed and on what it rests."""
        if f["own"]:
            stmt = (f"{r.title} holds with " if f["holds"] else f"{r.title}, with ") + "; ".join(
                dict.fromkeys(self._said(p) for p in f["own"]))
        elif f["holds"] and (f["changes"] or f["provided"]):
            stmt = f"{r.title} holds with the constants of its statement unchanged"
        elif f["holds"]:
            stmt = f"{r.title}: no repair needed ({f['after']})"
        else:
            stmt = f"{r.title}"
        if f["inner"]:
            stmt += " (in its proof: " + "; ".join(dict.fromkeys(self._said(p) for p in f["inner"])) + ")"
        names = ", ".join(x.split("/", 1)[1] for x in f["provided"])
        if f["holds"]:
            if f["restated"]:
                stmt += ", with " + "; ".join(f["restated"])
            if f["added"]:
                stmt += ", provided " + "; ".join(f["added"]) + f" (hand-written repairs: {names})"
            elif f["provided"]:
                stmt += ", provided the hand-written repairs hold: " + names
        else:
            bad = [sid.split("/", 1)[1] for sid, v in f["finals"].items() if v not in ("proved", "cited")]
            stmt += f": {f['after']} after the repairs" + (f" (not proved: {', '.join(bad)})" if bad else "")
            if f["provided"]:
                stmt += "; hand-written repairs used: " + names
        return stmt

    def _statement_tail(self, f: dict, max_passes: int) -> str:
        """The repaired statement's qualifications: what is not re-derived, assumed or failing upstream."""
        stmt = ""
        if f["stale_here"]:
            stmt += f"; not re-derived: {', '.join(s.split('/', 1)[1] for s in f['stale_here'])}"
        if f["ext_added"] and f["holds"]:
            stmt += "; provided " + "; ".join(f["ext_added"]) + " (hypotheses the repairs of the results it uses add)"
        rep = f["ext_repaired"]
        if rep and f["holds"]:
            stmt += "; given " + ", ".join(rep) + f" after {'its' if len(rep) == 1 else 'their'} repairs"
        if not self.converged:
            stmt += f"; the propagation stopped after {max_passes} passes while still repairing (raise max_passes)"
        if f["ext_bad"]:
            stmt += "; uses steps of other results that do not hold after the repairs: " + ", ".join(
                f"{a} ({'not re-derived' if a in self.stale else self.final(a)})" for a in f["ext_bad"])
        uses = f["uses"]
        if uses:
            many = len(uses) > 1
            stmt += (f"; taking {', '.join(uses)} as stated (not propagated here: audit "
                     f"{'them' if many else 'it'} together for {'their' if many else 'its'} repairs)")
        return stmt

    def result_entry(self, r: Result, max_passes: int) -> dict:
        """One result after the repairs: verdicts, the repaired statement in words, what it rests on."""
        f = self._facts(r)
        return {"id": r.id, "title": r.title,
                "verdict": worst(self.verdicts.get(s, "unknown") for s in f["paper_steps"]),
                "verdict_after_repairs": f["after"],
                "statement": self._statement_head(r, f) + self._statement_tail(f, max_passes),
                "holds_after_repairs": f["holds"],
                "changed": {k: sympy.sstr(self.assignment[k]) for k in f["changes"]}, "stale": f["stale_here"],
                "changed_statement": {**{p.constant: sympy.sstr(self.assignment[p.name]) for p in f["own"]},
                                      **{x: "repaired" for x in f["restated"]}},
                "provided": f["provided"], "hypotheses_added": f["added"] + f["ext_added"],
                "assumes_as_stated": f["uses"], "uses_failing": f["ext_bad"]}

    def _headline_detail(self, name, owner, failing, covered) -> tuple[bool, str]:
        ok = len(covered) == len(failing)
        if name in self.assignment:
            return ok, f"changed to {sympy.sstr(self.assignment[name])} (forced by {self.forced_by[name]})"
        if owner is not None and not owner["holds_after_repairs"]:
            return False, f"{owner['title']} does not hold after the repairs (see its repaired statement)"
        if not failing:
            return ok, "every step using it is proved under the repairs"
        if ok:
            added = list(dict.fromkeys(h for u in covered for h in self.repair_steps[self.used_hand[u]].adds_hypotheses))
            names = ", ".join(self.used_hand[u] for u in covered)
            return ok, (f"kept, provided {'; '.join(added)} (hand-written repairs: {names})" if added
                        else f"kept, provided the hand-written repairs hold: {names}")
        return ok, "some step using it is not proved: " + ", ".join(
            f"{u} ({self.current.get(u)})" for u in failing if u not in covered)

    def headline(self, res_out: list) -> list:
        """Whether each constant of a statement (``Parameter.headline``) survives the repairs."""
        out = []
        for name, p in self.params.items():
            if not p.headline or name in self.foreign:
                continue
            users = [sid for sid, (t, _) in self.templates.items() if any(q.name == name for q in t.parameters)]
            owner = next((x for x in res_out if name.startswith(x["id"] + ":")), None)
            failing = [u for u in users if self.current.get(u) not in ("proved", "cited")]
            covered = [u for u in failing if self.final(u) in ("proved", "cited")]   # by a hand-written repair
            ok, detail = self._headline_detail(name, owner, failing, covered)
            out.append({"parameter": name, "constant": p.constant, "paper": sympy.sstr(p.value),
                        "value": sympy.sstr(self.assignment.get(name, p.value)),
                        "survives": name not in self.assignment and ok,
                        "provided": [self.used_hand[u] for u in covered], "detail": detail})
        return out

    def to_json(self, max_passes: int) -> dict:
        unrepaired = [r.step_id(s.slug) for r, s in self.order if self.current.get(r.step_id(s.slug)) == "refuted"
                      and r.step_id(s.slug) not in self.hands]
        res_out = [self.result_entry(r, max_passes) for r in self.results]
        return {
            "assignment": {k: {"paper": sympy.sstr(self.params[k].value), "repaired": sympy.sstr(v),
                               "forced_by": self.forced_by[k], "constant": self.params[k].constant,
                               "search": self.searches[k]} for k, v in self.assignment.items()},
            "rederived": [self.rederived[k] for k in sorted(self.rederived)],
            "engine_repairs": [self.engine[k] for k in sorted(self.engine)],
            "unrepaired": sorted(set(unrepaired)),
            "stale": sorted(self.stale),
            "stale_why": {k: self.why_stale[k] for k in sorted(self.stale)},
            "headline": self.headline(res_out),
            "results": res_out,
            "converged": self.converged,
            "limits": LIMITS,
        }
