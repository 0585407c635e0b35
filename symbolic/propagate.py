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
from .verdict import VERDICTS

__all__ = ["propagate"]


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
    """
    results = list(results)
    g = build_graph(results, verdicts)
    order = _order(g, results)
    templates = {}
    for r, s in order:
        t, src = step_template(s, r.step_id(s.slug))
        if t is not None:
            templates[r.step_id(s.slug)] = (t, src)
    params = {}
    for t, _ in templates.values():
        for p in t.parameters:
            params.setdefault(p.name, p)
    hands: dict = {}          # step id -> its hand-written repairs, in the derivation's order
    for r in results:
        for s in r.steps:
            if s.kind == "repaired":
                hands.setdefault(_qualify(r.id, s.repairs), []).append(r.step_id(s.slug))
    hand = {k: v[0] for k, v in hands.items()}
    repair_steps = {r.step_id(s.slug): s for r in results for s in r.steps if s.kind == "repaired"}
    steps_by_id = {r.step_id(s.slug): s for r in results for s in r.steps}
    # a constant named "<result-id>:..." belongs to that result; when the result is not among those
    # propagated, its value is taken as the paper's and never moved here (its own proof decides it)
    ids = {r.id for r in results}
    foreign = {name for name in params if _owner(name) is not None and _owner(name) not in ids}

    assignment: dict = {}       # name -> value
    forced_by: dict = {}        # name -> step id
    searches: dict = {}         # name -> Tightest.to_json()
    current = dict(verdicts)    # step id -> verdict under the assignment
    rederived: dict = {}
    engine: dict = {}

    memo: dict = {}

    def decide(sid, t, vals):
        """Check ``t`` at ``vals`` (each instance once: the passes repeat them) and record the result."""
        ob = t.instantiate(vals)
        if ob.key() not in memo:
            memo[ob.key()] = check_obligation(ob, seed=seed, dps=dps, samples=samples, timeout=timeout)
        v = memo[ob.key()]
        current[sid] = v.verdict
        rederived[sid] = {"id": sid, "values": {k: sympy.sstr(x) for k, x in vals.items()},
                          "paper_verdict": verdicts.get(sid), "verdict": v.verdict, "method": v.method,
                          "detail": v.detail, "counterexample": v.counterexample}

    def holds_now(h, sid):
        """Whether the hand-written repair ``h`` of ``sid`` is proved under the current assignment.  Only a
        repair written through a template that has every moved parameter of ``sid`` counts: one checked at
        the derivation's own values says nothing about the constants the rest of the proof now uses."""
        t = getattr(repair_steps[h], "template", None)
        moved = {p.name for p in templates[sid][0].parameters if p.name in assignment}
        if t is None or not moved <= {p.name for p in t.parameters}:
            return False
        ob = t.instantiate({p.name: assignment.get(p.name, p.value) for p in t.parameters})
        if ob.key() not in memo:
            memo[ob.key()] = check_obligation(ob, seed=seed, dps=dps, samples=samples, timeout=timeout)
        return memo[ob.key()].verdict == "proved"

    def recheck(sid):
        t, _ = templates[sid]
        vals = {p.name: assignment[p.name] for p in t.parameters if p.name in assignment}
        if not vals:
            current[sid] = verdicts.get(sid, "unknown")
            rederived.pop(sid, None)
            return
        decide(sid, t, vals)

    def independent(sid, step):
        names = [x for x in getattr(step, "independent_of", ()) if x in assignment]
        if names and sid not in rederived and sid not in engine:
            rederived[sid] = {"id": sid, "values": {k: sympy.sstr(assignment[k]) for k in names},
                              "paper_verdict": verdicts.get(sid), "verdict": verdicts.get(sid, "unknown"),
                              "method": "independent",
                              "detail": "its obligation holds for every value of " + ", ".join(names)
                                        + " (declared independent_of); the verdict at the paper's constants stands",
                              "counterexample": None}

    converged = False
    for _ in range(max_passes):
        changed = False
        for r, s in order:
            sid = r.step_id(s.slug)
            if sid not in templates:
                continue
            t, src = templates[sid]
            recheck(sid)
            if current[sid] != "refuted":
                continue
            if src == "inferred" and sid in hand:
                continue   # the derivation wrote its own repair; an inferred template is only a guess
            if any(repair_steps[h].keeps_constant and holds_now(h, sid) for h in hands.get(sid, ())):
                continue   # a proved repair keeps this step's constant: it stands in, the constant stays
            for p in t.parameters[:1]:     # a step repairs its own constant only (the template's first)
                if p.name in assignment or p.name in foreign or _owner(p.name) not in (None, r.id):
                    continue   # ... and only a constant of its own result
                vals = {q.name: assignment[q.name] for q in t.parameters if q.name in assignment}
                known = {p.value: "refuted"} if not vals else None
                found = (searches_done or {}).get((sid, p.name)) if not vals else None
                if found is None:
                    found = tightest(t, p.name, vals, seed=seed, dps=dps, samples=samples, timeout=timeout,
                                     template_source=src, known=known)
                if found.proved is None:
                    continue
                assignment[p.name], forced_by[p.name] = found.proved, sid
                params[p.name] = p     # named as in the step that forced the repair
                searches[p.name] = found.to_json()
                engine[sid] = {"repairs": sid, "paper_verdict": verdicts.get(sid), "parameter": p.name, "constant": p.constant,
                               "paper": sympy.sstr(p.value), "value": sympy.sstr(found.proved),
                               "exact": found.exact, "detail": found.detail(), "hand_repair": hand.get(sid),
                               "template": src}
                changed = True
                recheck(sid)
                rd = rederived.get(sid, {})
                engine[sid].update({"verdict": current[sid], "method": rd.get("method"), "check_detail": rd.get("detail"),
                                    "counterexample": rd.get("counterexample")})
                break
        if not changed:
            converged = True
            break
    if not converged:
        # the passes ran out while repairs were still being made: re-check every step once more under
        # the final assignment, so that no verdict reported is for an earlier one
        for r, s in order:
            if r.step_id(s.slug) in templates:
                recheck(r.step_id(s.slug))
    # hand-written repairs written through a template are re-checked with the constants the rest of
    # the proof now uses (the assignment, else the paper's value of the shared constant)
    for r in results:
        for s in r.steps:
            t = getattr(s, "template", None)
            if s.kind != "repaired" or t is None:
                continue
            sid = r.step_id(s.slug)
            vals = {p.name: assignment.get(p.name, params[p.name].value if p.name in params else p.value)
                    for p in t.parameters}
            decide(sid, t, vals)
            if current[sid] == verdicts.get(sid):
                rederived.pop(sid)      # listed only when the assignment changes its verdict

    for r, s in order:
        independent(r.step_id(s.slug), s)
    unrepaired = [r.step_id(s.slug) for r, s in order if current.get(r.step_id(s.slug)) == "refuted"
                  and r.step_id(s.slug) not in hands]

    def now(sid):
        """The verdict of ``sid`` under the assignment (before hand-written repairs stand in)."""
        return current.get(sid, verdicts.get(sid, "unknown"))

    def instance(sid):
        """``(obligation under the assignment, moved parameter names)`` of a step, or ``(None, [])``."""
        st = steps_by_id.get(sid)
        t = getattr(st, "template", None)
        if st is None or st.obligation is None:
            return None, []
        if t is None or (sid in templates and templates[sid][1] != "declared"):
            return st.obligation, []
        vals = {p.name: assignment.get(p.name, params[p.name].value if p.name in params else p.value)
                for p in t.parameters}
        return t.instantiate(vals), [p.name for p in t.parameters if p.name in assignment]

    def deps(sid):
        st = steps_by_id.get(sid)
        out = []
        for dep in (st.depends_on if st is not None else ()):
            if dep in ids:            # a whole result: its paper steps
                out += [x for x in steps_by_id if x.startswith(dep + "/") and x not in repair_steps]
            else:
                q = _qualify(sid.split("/")[0], dep)
                if q in steps_by_id:  # a step of a result not propagated here is taken as stated
                    out.append(q)
        return out

    def same_conclusion(a, b):
        oa, ob = instance(a)[0], instance(b)[0]
        return oa is not None and ob is not None and sympy.srepr(oa.conclusion) == sympy.srepr(ob.conclusion)

    # Staleness and stand-ins, to a fixed point (stale only grows, stand-ins only shrink).  A step is
    # stale when something it uses (its depends_on) is stale; is refuted under the assignment with no
    # hand-written repair standing in; is replaced by a hand-written repair with a different conclusion
    # that the step does not itself use; or was re-checked with moved constants that the step neither
    # declares in its template nor is independent_of.  A refuted or stale step is stood in for by its
    # best hand-written repair that is neither refuted nor stale.
    stale: set = set()
    why_stale: dict = {}
    stand: dict = {}
    every = [r.step_id(s.slug) for r, s in order] + list(repair_steps)
    while True:
        stand = {}
        for sid, hs in hands.items():
            if now(sid) == "refuted" or sid in stale:
                ok = [h for h in hs if now(h) != "refuted" and h not in stale]
                ok.sort(key=lambda h: VERDICTS.index(now(h)) * -1)     # proved first, then cited, ...
                if ok:
                    stand[sid] = ok[0]
        grew = False
        for sid in every:
            if sid in stale:
                continue
            st = steps_by_id[sid]
            mine = deps(sid)
            for d in mine:
                moved_d = instance(d)[1] if d not in stand else []
                why = None
                if d in stand:      # what b uses is now the repair's statement
                    if stand[d] not in mine and not same_conclusion(d, stand[d]):
                        why = f"uses {d}, replaced by {stand[d]} with a different conclusion"
                elif d in stale:
                    why = f"uses {d}, which is not re-derived"
                elif now(d) == "refuted":
                    why = f"uses {d}, refuted"
                elif moved_d and not (sid in templates and templates[sid][1] == "declared") \
                        and not set(moved_d) <= set(st.independent_of):
                    why = f"uses {d}, re-checked with {', '.join(moved_d)} moved"
                if why:
                    stale.add(sid)
                    why_stale[sid] = why
                    grew = True
                    break
        if not grew:
            break

    used_hand: dict = {}   # step id -> the hand-written repair standing in for it
    uses_view = nx.subgraph_view(g, filter_edge=lambda a, b: g.edges[a, b]["kind"] != "repairs")

    stale_covered = {sid for sid in stale if sid in stand}    # stale, but a sound repair stands in
    stale -= stale_covered

    def final(sid):
        if sid in stand:
            used_hand[sid] = stand[sid]
            return now(stand[sid])
        return now(sid)

    def said(p):
        return f"{params[p.name].constant} = {sympy.sstr(assignment[p.name])} in place of {sympy.sstr(p.value)}"

    from .verdict import worst
    res_out = []
    for r in results:
        paper_steps = [r.step_id(s.slug) for s in r.steps if s.kind != "repaired"]
        changes = {}
        for sid in paper_steps:
            if sid in templates:
                for p in templates[sid][0].parameters:
                    if p.name in assignment:
                        changes[p.name] = p
        finals = {sid: final(sid) for sid in paper_steps}
        after = worst(finals.values())
        stale_here = sorted(n for n in stale if n in paper_steps)
        own = [p for p in changes.values() if p.headline and p.name.startswith(r.id + ":")]
        inner = [p for p in changes.values() if p not in own]
        provided = [used_hand[sid] for sid in paper_steps if sid in used_hand]
        added = list(dict.fromkeys(h for x in provided for h in repair_steps[x].adds_hypotheses))
        restated = list(dict.fromkeys(h for x in provided for h in repair_steps[x].changes_statement))
        uses = sorted({d.split("/")[0] for s in r.steps for d in s.depends_on if "/" in d} - ids)
        # the steps of other results this one's paper steps use, directly or not: they must hold too
        ext = sorted({a for sid in paper_steps if sid in g for a in nx.ancestors(uses_view, sid)
                      if g.nodes[a]["kind"] == "step" and g.nodes[a]["result"] != r.id and a in verdicts
                      and g.nodes[a].get("step_kind") != "repaired"})
        ext_bad = [a for a in ext if final(a) not in ("proved", "cited") or a in stale]
        holds = after in ("proved", "cited") and not stale_here and not ext_bad and converged
        bad = [sid.split("/", 1)[1] for sid, v in finals.items() if v not in ("proved", "cited")]
        if own:
            stmt = (f"{r.title} holds with " if holds else f"{r.title}, with ") + "; ".join(
                dict.fromkeys(said(p) for p in own))
        elif holds and (changes or provided):
            stmt = f"{r.title} holds with the constants of its statement unchanged"
        elif holds:
            stmt = f"{r.title}: no repair needed ({after})"
        else:
            stmt = f"{r.title}"
        if inner:
            stmt += " (in its proof: " + "; ".join(dict.fromkeys(said(p) for p in inner)) + ")"
        names = ", ".join(x.split("/", 1)[1] for x in provided)
        if holds:
            if restated:
                stmt += ", with " + "; ".join(restated)
            if added:
                stmt += ", provided " + "; ".join(added) + f" (hand-written repairs: {names})"
            elif provided:
                stmt += ", provided the hand-written repairs hold: " + names
        else:
            stmt += f": {after} after the repairs" + (f" (not proved: {', '.join(bad)})" if bad else "")
            if provided:
                stmt += "; hand-written repairs used: " + ", ".join(x.split("/", 1)[1] for x in provided)
        if stale_here:
            stmt += f"; not re-derived: {', '.join(s.split('/', 1)[1] for s in stale_here)}"
        ext_repaired = sorted({a.split("/")[0] for a in ext if a in used_hand or a in engine or a in rederived}
                              - {a.split("/")[0] for a in ext_bad})
        ext_added = [h for h in dict.fromkeys(h for a in ext if a in used_hand
                                              for h in repair_steps[used_hand[a]].adds_hypotheses) if h not in added]
        if ext_added and holds:
            stmt += "; provided " + "; ".join(ext_added) + " (hypotheses the repairs of the results it uses add)"
        if ext_repaired and holds:
            stmt += "; given " + ", ".join(ext_repaired) + f" after {'its' if len(ext_repaired) == 1 else 'their'} repairs"
        if not converged:
            stmt += f"; the propagation stopped after {max_passes} passes while still repairing (raise max_passes)"
        if ext_bad:
            stmt += "; uses steps of other results that do not hold after the repairs: " + ", ".join(
                f"{a} ({'not re-derived' if a in stale else final(a)})" for a in ext_bad)
        if uses:
            stmt += (f"; taking {', '.join(uses)} as stated (not propagated here: audit "
                     f"{'them' if len(uses) > 1 else 'it'} together for {'their' if len(uses) > 1 else 'its'} repairs)")
        res_out.append({"id": r.id, "title": r.title, "verdict": worst(verdicts.get(s, "unknown") for s in paper_steps),
                        "verdict_after_repairs": after, "statement": stmt, "holds_after_repairs": holds,
                        "changed": {k: sympy.sstr(assignment[k]) for k in changes}, "stale": stale_here,
                        "changed_statement": {**{p.constant: sympy.sstr(assignment[p.name]) for p in own},
                                              **{x: "repaired" for x in restated}},
                        "provided": provided, "hypotheses_added": added + ext_added, "assumes_as_stated": uses,
                        "uses_failing": ext_bad})

    headline = []
    for name, p in params.items():
        if not p.headline or name in foreign:
            continue
        users = [sid for sid, (t, _) in templates.items() if any(q.name == name for q in t.parameters)]
        moved = name in assignment
        owner = next((x for x in res_out if name.startswith(x["id"] + ":")), None)
        failing = [u for u in users if current.get(u) not in ("proved", "cited")]
        covered = [u for u in failing if final(u) in ("proved", "cited")]   # by a hand-written repair
        ok = len(covered) == len(failing)
        if moved:
            detail = f"changed to {sympy.sstr(assignment[name])} (forced by {forced_by[name]})"
        elif owner is not None and not owner["holds_after_repairs"]:
            ok = False
            detail = f"{owner['title']} does not hold after the repairs (see its repaired statement)"
        elif not failing:
            detail = "every step using it is proved under the repairs"
        elif ok:
            added = list(dict.fromkeys(h for u in covered for h in repair_steps[used_hand[u]].adds_hypotheses))
            names = ", ".join(used_hand[u] for u in covered)
            detail = (f"kept, provided {'; '.join(added)} (hand-written repairs: {names})" if added
                      else f"kept, provided the hand-written repairs hold: {names}")
        else:
            detail = "some step using it is not proved: " + ", ".join(
                f"{u} ({current.get(u)})" for u in failing if u not in covered)
        headline.append({"parameter": name, "constant": p.constant, "paper": sympy.sstr(p.value),
                         "value": sympy.sstr(assignment.get(name, p.value)), "survives": (not moved) and ok,
                         "provided": [used_hand[u] for u in covered], "detail": detail})

    return {
        "assignment": {k: {"paper": sympy.sstr(params[k].value), "repaired": sympy.sstr(v), "forced_by": forced_by[k],
                           "constant": params[k].constant, "search": searches[k]} for k, v in assignment.items()},
        "rederived": [rederived[k] for k in sorted(rederived)],
        "engine_repairs": [engine[k] for k in sorted(engine)],
        "unrepaired": sorted(set(unrepaired)),
        "stale": sorted(stale),
        "stale_why": {k: why_stale[k] for k in sorted(stale)},
        "headline": headline,
        "results": res_out,
        "converged": converged,
        "limits": ("Repairs move one constant per refuted step (its own, the first parameter of its template, "
                   "when a value of it is proved), in dependency order; values fixed upstream are never moved. Only steps whose "
                   "template names a repaired parameter are re-derived (or that declare themselves independent of "
                   "it); other downstream steps are listed as stale. Hand-written repairs are checked at the "
                   "derivation's own values, not re-derived. "
                   "Tightness is certified at the two ends reported, assuming the provable values form a half-line."),
    }
