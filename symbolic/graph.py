"""The proof graph: which step uses which (issue 5, item 2), and its picture.

Nodes are step ids (``"lemma-2.1/claim"``) and result ids (``"lemma-2.1"``); edges:

* ``uses``: ``dep -> step`` for every entry of ``Step.depends_on`` (a dependency on a whole
  result, e.g. ``"lemma-2.1"``, is an edge from the result node);
* ``part-of``: ``step -> result`` for every paper step (not repaired ones) of a result;
* ``repairs``: ``step -> its repaired version``.  Consequences never flow along it.

Repairs are propagated through this graph by :func:`symbolic.propagate.propagate`.
"""
from __future__ import annotations

from typing import Iterable, Mapping

import networkx as nx

from .proof import Result

__all__ = ["build_graph", "downstream", "upstream_results", "draw", "graph_json", "dot_overview", "dot_result",
           "GRAPHVIZ_MISSING", "PLAIN_COLOURS"]


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


def upstream_results(node: str, results: Iterable[Result]) -> list:
    """The results whose steps ``node`` (a step or result id) uses, directly or not, and its own,
    in the order of ``results``: what a repair reaching ``node`` can come from."""
    results = list(results)
    g = build_graph(results)
    view = nx.subgraph_view(g, filter_edge=lambda a, b: g.edges[a, b]["kind"] != "repairs")
    own = node.split("/")[0]
    if node == own:    # a result: everything its steps use
        seeds = [n for n, d in g.nodes(data=True) if d.get("result") == own and d["kind"] == "step"]
    else:
        seeds = [node]
    need = {own}
    for n in seeds:
        need |= {g.nodes[a].get("result") for a in nx.ancestors(view, n)}
    return [r for r in results if r.id in need]


def downstream(g: nx.DiGraph, node: str) -> set[str]:
    """Every node whose derivation uses ``node`` (along ``uses`` and ``part-of`` edges)."""
    view = nx.subgraph_view(g, filter_edge=lambda a, b: g.edges[a, b]["kind"] != "repairs")
    return set(nx.descendants(view, node)) if node in g else set()



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


#: fill colour of a result by the words of its verdict (:func:`symbolic.findings.plain_verdict`)
PLAIN_COLOURS = {"holds as stated": "#7fc97f", "holds as stated (proof repaired)": "#b8e0a8",
                 "holds with changed constants": "#fdc086", "holds under an added hypothesis": "#fdc086",
                 "holds approximately": "#fde3a0", "false as stated": "#e7298a", "not decided": "#ffff99"}
GRAPHVIZ_MISSING = ("The dependency graph is not drawn: it needs Graphviz's dot program and the Python package "
                    "graphviz (Debian: apt-get install -y graphviz).")


def _svg(dot) -> str | None:
    """The SVG text of a ``graphviz`` graph, or ``None`` when the ``dot`` program is missing."""
    import graphviz
    try:
        svg = dot.pipe(format="svg").decode("utf-8")
    except (graphviz.ExecutableNotFound, graphviz.CalledProcessError, OSError):
        return None
    return svg[svg.index("<svg"):]


def _dot(name: str, rankdir: str = "TB"):
    import graphviz
    dot = graphviz.Digraph(name, format="svg")
    dot.attr(rankdir=rankdir, nodesep="0.25", ranksep="0.35", bgcolor="transparent")
    dot.attr("node", fontname="Helvetica", fontsize="12", style="filled", shape="box", height="0.3", margin="0.08,0.04")
    dot.attr("edge", color="#555555", arrowsize="0.6")
    return dot


def dot_overview(g: nx.DiGraph, plain: Mapping[str, str]) -> str | None:
    """The results and which uses which (Graphviz SVG; fill colour = the result's verdict in words,
    ``plain``: result id -> words).  ``None`` when Graphviz is missing."""
    try:
        dot = _dot("results", "TB")
    except ImportError:
        return None
    results = [n for n, d in g.nodes(data=True) if d["kind"] == "result"]
    for r in results:
        dot.node(r, f"{g.nodes[r].get('label', r)}\n{plain.get(r, '')}", fillcolor=PLAIN_COLOURS.get(plain.get(r), "#dddddd"),
                 fontsize="13")
    pairs = sorted({(g.nodes[a].get("result"), g.nodes[b].get("result")) for a, b, d in g.edges(data=True)
                    if d["kind"] == "uses"} - {(r, r) for r in results})
    pairs = [(a, b) for a, b in pairs if a in results and b in results]
    for a, b in pairs:
        dot.edge(a, b, label=" uses", fontsize="11", fontcolor="#555555")
    alone = [r for r in results if not any(r in p for p in pairs)]
    for a, b in zip(alone, alone[1:]):     # the results that use nothing and are not used: one column
        dot.edge(a, b, style="invis")
    return _svg(dot)


def dot_result(g: nx.DiGraph, result: str, *, highlight: Iterable[str] = ()) -> str | None:
    """One result's steps (Graphviz SVG): fill colour = verdict, a red border for a refuted step or a
    consequence of one; solid arrows "uses", dashed green arrows "repairs"; steps of other results it
    uses in a dashed box per result.  ``None`` when Graphviz is missing."""
    try:
        dot = _dot(f"cluster_{result}")
    except ImportError:
        return None
    highlight = set(highlight)
    mine = [n for n, d in g.nodes(data=True) if d.get("result") == result and d["kind"] != "result"]
    edges = [(a, b, d["kind"]) for a, b, d in g.edges(data=True) if b in mine and d["kind"] in ("uses", "repairs")]
    outside = sorted({a for a, _, _ in edges if a not in mine})
    for n in mine + outside:
        d = g.nodes[n]
        label = str(d.get("label", n))
        attrs = {"fillcolor": _COLOURS.get(d.get("verdict"), "#dddddd"),
                 "color": "#d00000" if n in highlight else "#333333", "penwidth": "2.5" if n in highlight else "1",
                 "style": "filled,dashed" if d.get("step_kind") == "repaired" else "filled"}
        if n not in mine:
            with dot.subgraph(name=f"cluster_{d.get('result')}") as c:
                c.attr(label=f"from {g.nodes[d.get('result')].get('label', d.get('result')) if d.get('result') in g else d.get('result')}",
                       style="dashed", fontsize="11", fontname="Helvetica", color="#999999")
                c.node(n, label.split("/")[-1], **attrs)
        else:
            dot.node(n, label, **attrs)
    for a, b, kind in edges:
        if kind == "repairs":
            dot.edge(a, b, color="#1b9e77", style="dashed", label=" repairs", fontsize="11", fontcolor="#1b9e77")
        else:
            dot.edge(a, b)
    return _svg(dot)
