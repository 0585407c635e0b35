"""The proof graph (which step uses which) and the propagation of repairs through it (issue 5, item 2).

Nodes are step ids (``"lemma-2.1/claim"``) and result ids (``"lemma-2.1"``); edges:

* ``uses``: ``dep -> step`` for every entry of ``Step.depends_on`` (a dependency on a whole
  result, e.g. ``"lemma-2.1"``, is an edge from the result node);
* ``part-of``: ``step -> result`` for every paper step (not repaired ones) of a result;
* ``repairs``: ``step -> its repaired version``.  Consequences never flow along it.

Propagation (:func:`propagate`) is deliberately simple and honest:

1. Constants are shared through :class:`~symbolic.proof.Parameter` names: every step whose
   :class:`~symbolic.proof.Template` uses a parameter is re-checked with its repaired value.
2. Steps are visited in dependency order.  A paper step that is refuted (at the paper's values
   or after substituting repairs made upstream) is repaired by the tightest proved value of one
   of its **not yet repaired** parameters (:func:`symbolic.tightest.tightest`); the new value is
   added to the assignment, so several repairs compose, and the pass is repeated until nothing
   changes (at most ``max_passes``).  Values repaired upstream are never moved to fix a step
   downstream: such a step stays refuted, reported.
3. A step downstream of a refuted step that has no template using a repaired parameter is
   ``stale``: its verdict is the one for the paper's constants, not re-derived.
4. A parameter marked ``headline`` survives when the assignment leaves it at the paper's value and
   every step using it is proved under the assignment.

Inferred templates (:func:`symbolic.tightest.infer_template`) have parameters local to their step,
so they repair that step only.
"""
from __future__ import annotations

from typing import Iterable, Mapping

import networkx as nx
import sympy

from .check import check_obligation
from .proof import Result, Step
from .tightest import step_template, tightest

__all__ = ["build_graph", "downstream", "propagate", "draw", "graph_json"]


def _qualify(result_id: str, dep: str) -> str:
    return dep if "/" in dep else f"{result_id}/{dep}"


def build_graph(results: Iterable[Result], verdicts: Mapping[str, str] | None = None) -> nx.DiGraph:
    """The dependency graph of ``results`` (see the module docstring); node attributes ``kind``
    (``step``/``result``/``missing``), ``label``, ``result``, ``step_kind`` and ``verdict`` (from
    ``verdicts``, step id -> verdict, when given)."""
    g = nx.DiGraph()
    verdicts = dict(verdicts or {})
    results = list(results)
    rids = {r.id for r in results}
    for r in results:
        g.add_node(r.id, kind="result", label=r.title, result=r.id, verdict=verdicts.get(r.id))
        for s in r.steps:
            sid = r.step_id(s.slug)
            g.add_node(sid, kind="step", label=s.slug, result=r.id, step_kind=s.kind, verdict=verdicts.get(sid))
    for r in results:
        for s in r.steps:
            sid = r.step_id(s.slug)
            for dep in s.depends_on:
                src = dep if dep in rids else _qualify(r.id, dep)
                if src not in g:
                    g.add_node(src, kind="missing", label=src, result=src.split("/")[0], verdict=None)
                g.add_edge(src, sid, kind="uses")
            if s.kind == "repaired":
                g.add_edge(_qualify(r.id, s.repairs), sid, kind="repairs")
            else:
                g.add_edge(sid, r.id, kind="part-of")
    return g


def downstream(g: nx.DiGraph, node: str) -> set[str]:
    """Every node whose derivation uses ``node`` (along ``uses`` and ``part-of`` edges)."""
    view = nx.subgraph_view(g, filter_edge=lambda a, b: g.edges[a, b]["kind"] != "repairs")
    return set(nx.descendants(view, node)) if node in g else set()


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
              samples: int = 300, timeout: float = 5.0, max_passes: int = 4) -> dict:
    """Repair refuted steps through their constants and re-derive what uses the same constants.

    Parameters
    ----------
    results : the audited results.
    verdicts : step id -> verdict at the paper's constants (from the audit).
    seed, dps, samples, timeout : for every re-check (:func:`symbolic.check.check_obligation`).

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
    hand = {_qualify(r.id, s.repairs): r.step_id(s.slug) for r in results for s in r.steps if s.kind == "repaired"}

    assignment: dict = {}       # name -> value
    forced_by: dict = {}        # name -> step id
    searches: dict = {}         # name -> Tightest.to_json()
    current = dict(verdicts)    # step id -> verdict under the assignment
    rederived: dict = {}
    engine: dict = {}

    def recheck(sid):
        t, _ = templates[sid]
        vals = {p.name: assignment[p.name] for p in t.parameters if p.name in assignment}
        if not vals:
            current[sid] = verdicts.get(sid, "unknown")
            rederived.pop(sid, None)
            return
        v = check_obligation(t.instantiate(vals), seed=seed, dps=dps, samples=samples, timeout=timeout)
        current[sid] = v.verdict
        rederived[sid] = {"id": sid, "values": {k: sympy.sstr(x) for k, x in vals.items()},
                          "paper_verdict": verdicts.get(sid), "verdict": v.verdict, "method": v.method,
                          "detail": v.detail, "counterexample": v.counterexample}

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
            for p in t.parameters:
                if p.name in assignment:
                    continue
                vals = {q.name: assignment[q.name] for q in t.parameters if q.name in assignment}
                known = {p.value: "refuted"} if not vals else None
                found = tightest(t, p.name, vals, seed=seed, dps=dps, samples=samples, timeout=timeout,
                                 template_source=src, known=known)
                if found.proved is None:
                    continue
                assignment[p.name], forced_by[p.name] = found.proved, sid
                searches[p.name] = found.to_json()
                engine[sid] = {"repairs": sid, "parameter": p.name, "constant": p.constant,
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
            break

    refuted_paper = [sid for sid, v in verdicts.items() if v == "refuted" and g.nodes.get(sid, {}).get("step_kind") != "repaired"]
    unrepaired = [r.step_id(s.slug) for r, s in order if current.get(r.step_id(s.slug)) == "refuted"
                  and r.step_id(s.slug) not in hand]
    stale = set()
    for sid in refuted_paper:
        for n in downstream(g, sid):
            if g.nodes[n]["kind"] == "step" and n not in rederived and n not in engine:
                stale.add(n)

    def final(sid):
        if sid in rederived or sid in engine:
            return current[sid]
        if verdicts.get(sid) == "refuted" and sid in hand:
            return verdicts.get(hand[sid], "unknown")
        return verdicts.get(sid, "unknown")

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
        after = worst(final(sid) for sid in paper_steps)
        stale_here = sorted(n for n in stale if n in paper_steps)
        if changes:
            parts = list(dict.fromkeys(f"{p.constant} = {sympy.sstr(assignment[p.name])} in place of "
                                       f"{sympy.sstr(p.value)}" for p in changes.values()))
            if after == "proved" and not stale_here:
                stmt = f"{r.title} holds with " + "; ".join(parts)
            else:
                stmt = f"{r.title}, with " + "; ".join(parts) + f": every re-checked step is {after}" \
                    if after == "proved" else f"{r.title}, with " + "; ".join(parts) + f": {after}"
        elif any(verdicts.get(sid) == "refuted" for sid in paper_steps):
            stmt = f"{r.title}: refuted steps without an engine repair (see hand-written repairs)"
        else:
            stmt = f"{r.title}: no repair needed ({after})"
        if stale_here:
            stmt += f"; not re-derived (no shared constant): {', '.join(s.split('/', 1)[1] for s in stale_here)}"
        res_out.append({"id": r.id, "title": r.title, "verdict": worst(verdicts.get(s, "unknown") for s in paper_steps),
                        "verdict_after_repairs": after, "statement": stmt,
                        "changed": {k: sympy.sstr(assignment[k]) for k in changes}, "stale": stale_here})

    headline = []
    for name, p in params.items():
        if not p.headline:
            continue
        users = [sid for sid, (t, _) in templates.items() if any(q.name == name for q in t.parameters)]
        moved = name in assignment
        ok = all(current.get(u) == "proved" for u in users)
        headline.append({"parameter": name, "constant": p.constant, "paper": sympy.sstr(p.value),
                         "value": sympy.sstr(assignment.get(name, p.value)),
                         "survives": (not moved) and ok,
                         "detail": (f"changed to {sympy.sstr(assignment[name])} (forced by {forced_by[name]})" if moved
                                    else "every step using it is proved under the repairs" if ok
                                    else "some step using it is not proved: " + ", ".join(
                                        f"{u} ({current.get(u)})" for u in users if current.get(u) != "proved"))})

    return {
        "assignment": {k: {"paper": sympy.sstr(params[k].value), "repaired": sympy.sstr(v), "forced_by": forced_by[k],
                           "constant": params[k].constant, "search": searches[k]} for k, v in assignment.items()},
        "rederived": [rederived[k] for k in sorted(rederived)],
        "engine_repairs": [engine[k] for k in sorted(engine)],
        "unrepaired": sorted(set(unrepaired)),
        "stale": sorted(stale),
        "headline": headline,
        "results": res_out,
        "limits": ("Repairs move one constant per refuted step (the first of its not-yet-repaired parameters with a "
                   "proved value), in dependency order; values fixed upstream are never moved. Only steps whose "
                   "template names a repaired parameter are re-derived; other downstream steps are listed as stale. "
                   "Tightness is certified at the two ends reported, assuming the provable values form a half-line."),
    }


def graph_json(g: nx.DiGraph) -> dict:
    """Nodes and edges as plain JSON."""
    return {"nodes": [{"id": n, **{k: v for k, v in d.items() if v is not None}} for n, d in g.nodes(data=True)],
            "edges": [{"from": a, "to": b, "kind": d["kind"]} for a, b, d in g.edges(data=True)]}


_COLOURS = {"proved": "#7fc97f", "refuted": "#e7298a", "evidence": "#fdc086", "cited": "#beaed4",
            "vacuous": "#bbbbbb", "unknown": "#ffff99", None: "#dddddd"}


def draw(g: nx.DiGraph, *, highlight: Iterable[str] = (), fmt: str = "svg") -> bytes:
    """The graph drawn with matplotlib (Agg): steps coloured by verdict, results as squares,
    ``highlight`` nodes (refuted steps and their consequences) with a thick red edge.  Returns
    SVG (``fmt="svg"``) or PNG bytes; deterministic layout (by result, in paper order)."""
    import io

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    highlight = set(highlight)
    results = [n for n, d in g.nodes(data=True) if d["kind"] == "result"]
    cols = {r: i for i, r in enumerate(results)}
    pos, rows = {}, {}
    for n, d in g.nodes(data=True):
        if d["kind"] == "result":
            continue
        c = cols.get(d.get("result"), len(cols))
        rows[c] = rows.get(c, 0) + 1
        pos[n] = (c * 3.0, -rows[c])
    for r in results:
        pos[r] = (cols[r] * 3.0, -(rows.get(cols[r], 0) + 1.5))
    height = max([2] + [v for v in rows.values()]) + 3
    fig, ax = plt.subplots(figsize=(max(6, 3.2 * max(1, len(cols))), 0.55 * height))
    edges_use = [(a, b) for a, b, d in g.edges(data=True) if d["kind"] == "uses"]
    edges_part = [(a, b) for a, b, d in g.edges(data=True) if d["kind"] == "part-of"]
    edges_rep = [(a, b) for a, b, d in g.edges(data=True) if d["kind"] == "repairs"]
    nx.draw_networkx_edges(g, pos, edgelist=edges_part, ax=ax, edge_color="#cccccc", arrows=True, width=0.5)
    nx.draw_networkx_edges(g, pos, edgelist=edges_use, ax=ax, edge_color="#555555", arrows=True,
                           connectionstyle="arc3,rad=0.25")
    nx.draw_networkx_edges(g, pos, edgelist=edges_rep, ax=ax, edge_color="#1b9e77", style="dashed", arrows=True)
    for shape, kind in (("o", "step"), ("s", "result"), ("x", "missing")):
        nodes = [n for n, d in g.nodes(data=True) if d["kind"] == kind]
        if not nodes:
            continue
        nx.draw_networkx_nodes(g, pos, nodelist=nodes, ax=ax, node_shape=shape, node_size=260,
                               node_color=[_COLOURS.get(g.nodes[n].get("verdict"), "#dddddd") for n in nodes],
                               edgecolors=["#d00000" if n in highlight else "#333333" for n in nodes],
                               linewidths=[3.0 if n in highlight else 0.8 for n in nodes])
    for n, d in g.nodes(data=True):
        x, y = pos[n]
        ax.text(x + 0.15, y, str(d.get("label", n)), fontsize=7, ha="left", va="center",
                color="#b00040" if n in highlight else "#222222")
    ax.set_axis_off()
    xs = [x for x, _ in pos.values()] or [0]
    ax.set_xlim(min(xs) - 0.5, max(xs) + 2.8)
    buf = io.BytesIO()
    meta = {"Date": None} if fmt == "svg" else {}
    with matplotlib.rc_context({"svg.hashsalt": "lawaudit"}):   # stable element ids
        fig.savefig(buf, format=fmt, bbox_inches="tight", metadata=meta, dpi=100)
    plt.close(fig)
    return buf.getvalue()
