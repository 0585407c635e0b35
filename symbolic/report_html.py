"""The HTML report: one self-contained file that works offline (issues 5 and 16).

No script, no stylesheet or font from a network: the CSS is inline, the mathematics is MathML
written when the report is (:mod:`symbolic.render`; browsers render it natively) and the
dependency graphs are inline SVG drawn by Graphviz (:func:`symbolic.graph.dot_result`; one line says
so when Graphviz is missing).  Every text taken from the report is escaped.

The page opens with what a reader wants: each result's verdict in words with its statement and what
the repairs change, then the findings, the constants (short decimals beside exact values), the graphs,
and last the steps, each collapsed in ``<details>``.

>>> "&lt;script&gt;" in to_html({"schema": "lawaudit-report/1", "paper": {"title": "<script>"},
...     "settings": {"seed": 0, "dps": 50, "samples": 1}, "results": [], "summary": {}}, graph=False)
True
"""
from __future__ import annotations

from html import escape

from .render import CSS as STEP_CSS, math_html, prose_html, short_number, step_html

__all__ = ["to_html", "graph_html", "MARKER_HTML", "pretty"]

MARKER_HTML = "<!-- lawaudit report -->"
_ORDER = ("proved", "refuted", "evidence", "cited", "vacuous", "unknown")
_CLASSES = ("false-statement", "false-step", "gap", "imprecise")

_CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:1.2em auto;max-width:86em;padding:0 1em;
color:#222;line-height:1.3;font-size:14px}h1{font-size:1.5em;margin:0.2em 0}h2{font-size:1.25em;margin:1em 0 0.3em}
table{border-collapse:collapse;margin:0.4em 0}td,th{border:1px solid #ccc;padding:0.15em 0.45em;text-align:left;
vertical-align:top}th{background:#f3f3f3}td.num{white-space:nowrap}
code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:0.9em;background:#f6f6f6;padding:0 0.2em;
white-space:pre-wrap;word-break:break-word}
.v{font-weight:bold;padding:0 0.4em;border-radius:0.3em;white-space:nowrap}
.v-proved{background:#d9f2d9}.v-refuted{background:#f9c6dd}.v-evidence{background:#fde3c4}.v-cited{background:#e4dcf2}
.v-vacuous{background:#e0e0e0}.v-unknown{background:#ffffc4}
.w{font-weight:bold;white-space:nowrap}.w-holds{color:#17692f}.w-changed{color:#a05a00}.w-false{color:#b00040}
.w-undecided{color:#7a6a00}
blockquote{margin:0.3em 0;padding-left:0.8em;border-left:3px solid #bbb;color:#444}
.small{font-size:0.88em;color:#555}.fails{color:#b00040;font-weight:bold}.loose{color:#a05a00}
.finding{font-variant:small-caps;border:1px solid #888;padding:0 4px;border-radius:3px;white-space:nowrap}
ul.findings>li{margin:0.25em 0}.graph{overflow-x:auto;margin:0.4em 0}.graph svg{max-width:none}
table.res{table-layout:fixed;width:100%}.res .w{white-space:normal}.res td{overflow-wrap:anywhere}.res .display,.res .stmt{overflow-x:auto;overflow-y:hidden}
ul.findings{padding-left:1.2em}ul.findings summary{cursor:pointer}
"""


def pretty(text) -> str:
    """Plain ASCII maths of the engine's sentences made readable: ``eps <= 44 W J`` -> ``ε ≤ 44 W J``."""
    import re
    t = str(text or "")
    for a, b in (("<=", "≤"), (">=", "≥"), ("!=", "≠"), ("->", "→")):
        t = t.replace(a, b)
    words = {"eps": "ε", "sigma": "σ", "sigma2": "σ²", "mu": "μ", "Omega": "Ω", "Phi": "Φ", "Phi_a": "Φₐ", "delta": "δ"}
    t = re.sub(r"\b(" + "|".join(sorted(words, key=len, reverse=True)) + r")\b", lambda m: words[m.group(1)], t)
    sup = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
    t = re.sub(r"(?<=[\w)])\^\{?(-?\d+)\}?(?![\d/.])", lambda m: m.group(1).translate(sup), t)
    return re.sub(r"\bsqrt\b", "√", t)


def _words_class(words: str) -> str:
    if words.startswith("false"):
        return "w-false"
    if words == "not decided":
        return "w-undecided"
    return "w-holds" if words.startswith("holds as stated") else "w-changed"


def _linked(text: str) -> str:
    """``text`` escaped, each step id in it (``theorem-2/display-2-3``) a link to the step."""
    import re
    return re.sub(r"\b([a-z][a-z0-9.]*-[0-9.]+[a-z]?/[a-z0-9-]+)", lambda m: _link(m.group(1)), escape(text))


def _link(sid: str) -> str:
    return f'<a href="#{escape(sid)}">{escape(sid.split("/", 1)[-1])}</a>'


def _after_repairs(entry: dict, statement: dict | None, assignment: dict) -> str:
    """What the repairs change in a result, in one sentence (no step slugs)."""
    if statement is None:
        return ""
    parts = []   # the statement's own changes and added hypotheses are the verdict's detail already
    own = statement.get("changed_statement") or {}
    inner = [f"{pretty(assignment[k]['constant'])} = {v}" for k, v in (statement.get("changed") or {}).items()
             if k in assignment and assignment[k]["constant"] not in own]
    if inner:
        parts.append("in the proof, " + "; ".join(inner))
    if statement.get("provided"):
        parts.append(f"{len(statement['provided'])} of its steps are replaced by checked repairs")
    bad = [s for s in statement.get("stale", [])]
    if not statement.get("holds_after_repairs"):
        parts.append(f"it does not hold after the repairs ({len(bad)} steps not re-derived"
                     + (f", {len(statement.get('uses_failing', []))} steps it uses fail" if statement.get("uses_failing")
                        else "") + ")")
    return (" After the repairs, " + "; ".join(parts) + ".") if parts else ""


def _results_html(report: dict) -> list[str]:
    """Each result: its verdict in words, what it rests on, its statement (MathML) and what the repairs change."""
    rep = report.get("repairs") or {}
    by_id = {x["id"]: x for x in rep.get("results", [])}
    out = ['<h2 id="results">Results</h2><table class="res"><colgroup><col style="width:11em"><col style="width:14em"><col></colgroup><tr><th>result</th><th>verdict</th>'
           '<th>statement, and what the audit says</th></tr>']
    for e in report["results"]:
        pv = e.get("plain_verdict") or {"verdict": e["verdict"], "detail": ""}
        words = pv["verdict"]
        rest = escape(pretty(pv["detail"]))
        after = escape(_after_repairs(e, by_id.get(e["id"]), rep.get("assignment", {})))
        out.append(f'<tr><td><a href="#{escape(e["id"])}">{escape(e["title"])}</a></td>'
                   f'<td><span class="w {_words_class(words)}">{escape(words)}</span></td>'
                   f'<td><div class="stmt">{math_html(e["statement"])}</div><div class="small">{rest}.{after}</div></td></tr>')
    out.append("</table>")
    return out


def _findings_html(report: dict) -> list[str]:
    """The findings, one per root cause, each linking to the steps that are its evidence."""
    found = report.get("findings") or []
    out = ['<h2 id="findings">Findings</h2>',
           f"<p>{len(found)} findings, one per root cause (open one for its repair and the steps that are its evidence).</p>"
           if found else "<p>No step fails as the paper states it.</p>", '<ul class="findings">']
    for cls in _CLASSES:
        for f in (x for x in found if x["class"] == cls):
            fixes = ", ".join(f'{_link(x["step"])} <span class="v v-{escape(x["verdict"])}">{escape(x["verdict"])}</span>'
                              for x in f["repaired_by"])
            cons = f["consequences"]
            out.append(f'<li id="{escape(f["id"])}"><details><summary><span class="finding">{escape(f["class"])}</span> '
                       f'<b>{escape(f["result"])}</b>: {prose_html(pretty(f["title"]))}'
                       + ("" if f["confirmed"] else " (not reproduced)") + "</summary>"
                       + f'<div class="small">Repair: {prose_html(pretty(f["repair"]))}'
                       + (f". Checked by {fixes}" if fixes else "")
                       + (f". Consequences: {escape(pretty(cons['text']))}" if cons["text"] else "")
                       + ". Steps: " + ", ".join(_link(x) for x in f["steps"]) + ".</div></details></li>")
    out.append("</ul>")
    return out


def _num(value, empty: str = "") -> str:
    return f'<td class="num">{escape(short_number(value)) if value not in (None, "") else empty}</td>'


def _constants_html(report: dict) -> list[str]:
    """The headline constants (do they survive the repairs?), then every constant a step states."""
    out = ['<h2 id="constants">Constants</h2>']
    heads = (report.get("repairs") or {}).get("headline") or []
    if heads:
        out.append("<p>Constants of the statements, after the repairs:</p><table><tr><th>constant</th><th>of</th>"
                   "<th>paper</th><th>after repairs</th><th>survives</th><th>why</th></tr>")
        for h in heads:
            out.append(f"<tr><td class=num>{escape(pretty(h['constant']))}</td><td class=num>"
                       f"{escape(h['parameter'].split(':')[0])}</td>"
                       + _num(h["paper"]) + _num(h["value"])
                       + f"<td>{'yes' if h['survives'] else '<span class=fails>no</span>'}</td>"
                       f"<td class=small>{_linked(pretty(h['detail']))}</td></tr>")
        out.append("</table>")
    table = report.get("constants")
    if table is None:
        table = [{"step": s["id"], **c} for e in report["results"] for s in e["steps"] for c in s["constants"]]
    failing = [c for c in table if c["status"] == "fails"]
    others = [c for c in table if c["status"] != "fails"]
    head = ("<table><tr><th>step</th><th>constant</th><th>claimed</th><th>supported</th><th>status</th>"
            "<th>engine's tightest</th><th>refuted at</th></tr>")
    if failing:
        out.append(f"<p>Constants of steps that fail as the paper states them ({len(failing)} of {len(table)}): the "
                   "paper's value, the value its cited tool supports, and the engine's tightest proved value (with "
                   "the nearest refuted one).</p>" + head)
        out += [_constant_row(c) for c in failing] + ["</table>"]
    if others:
        counts = ", ".join(f"{sum(c['status'] == s for c in others)} {s}" for s in dict.fromkeys(c["status"] for c in others))
        out.append(f"<details><summary>The other {len(others)} constants ({counts})</summary>{head}")
        out += [_constant_row(c) for c in others] + ["</table></details>"]
    return out


def _constant_row(c: dict) -> str:
    status = escape(str(c["status"]))
    return (f"<tr><td>{_link(c['step'])}</td><td>{escape(pretty(c['name']))}</td>" + _num(c["claimed"])
            + _num(c["supported"], "none found") + f'<td class="{status}">{status}</td>'
            + _num(c.get("tightest"), "—") + _num(c.get("tightest_refuted"), "—") + "</tr>")


def _graph_from_report(report: dict):
    import networkx as nx
    gj = report["graph"]
    g = nx.DiGraph()
    verdict = {s["id"]: s["verdict"] for e in report["results"] for s in e["steps"]}
    for n in gj["nodes"]:
        g.add_node(n["id"], kind=n.get("kind", "step"), label=n.get("label", n["id"]), result=n.get("result"),
                   step_kind=n.get("step_kind"), verdict=verdict.get(n["id"]))
    for e in gj["edges"]:
        g.add_edge(e["from"], e["to"], kind=e["kind"])
    return g


def _graph_html(report: dict) -> list[str]:
    """The results and which uses which, then one graph per result (collapsed)."""
    from .graph import GRAPHVIZ_MISSING, dot_overview, dot_result
    out = ['<h2 id="graph">Dependency graph</h2>']
    if not report.get("graph"):
        return out + ["<p>No dependency graph in this report (run without --no-auditor).</p>"]
    g = _graph_from_report(report)
    plain = {e["id"]: (e.get("plain_verdict") or {}).get("verdict", "") for e in report["results"]}
    svg = dot_overview(g, plain)
    if svg is None:
        return out + [f"<p>{escape(GRAPHVIZ_MISSING)}</p>"]
    hl = set(report["graph"].get("refuted", [])) | set(report["graph"].get("consequences", []))
    out += ['<p class="small">Results, coloured by verdict (green holds, orange holds with changes, pink false); '
            'an arrow: a step of one result uses the other. Each result\'s own graph: steps coloured by verdict '
            '(green proved, pink refuted, orange evidence, purple cited, yellow unknown), red border: refuted or '
            'built on a refuted step, dashed green arrows: repairs.</p>', f'<div class="graph">{svg}</div>']
    ones = [(e, dot_result(g, e["id"], highlight=hl)) for e in report["results"]]
    out.append("<details><summary>Each result's steps as a graph</summary>"
               + "".join(f'<h4>{escape(e["title"])}</h4><div class="graph">{svg}</div>' for e, svg in ones if svg)
               + "</details>")
    return out


def graph_html(report: dict) -> str:
    """The dependency graphs alone (HTML with inline SVG that scrolls rather than overflows), e.g. for a notebook."""
    return "<style>.graph{overflow-x:auto}.graph svg{max-width:none}</style>" + "\n".join(_graph_html(report)[1:])


def _steps_html(report: dict) -> list[str]:
    """Last: every result with its steps, each collapsed."""
    cons = set((report.get("graph") or {}).get("consequences", []))
    rep = report.get("repairs") or {}
    why = {sid: rep.get("stale_why", {}).get(sid, "something it uses changed or failed") for sid in rep.get("stale", [])}
    out = ['<h2 id="steps">Steps</h2><p class="small">Every step of every result, collapsed: open one for the '
           "paper's words, the claim checked, why it should hold and how it was checked.</p>"]
    for e in report["results"]:
        pv = e.get("plain_verdict") or {"verdict": e["verdict"]}
        counts = {v: sum(s["verdict"] == v for s in e["steps"]) for v in _ORDER}
        out.append(f'<h3 id="{escape(e["id"])}">{escape(e["title"])}: {escape(pv["verdict"])}</h3>'
                   f'<p class="small">{escape(str(e.get("location", "")))}. Steps: '
                   + ", ".join(f"{n} {v}" for v, n in counts.items() if n) + "</p>")
        out += [step_html(s, consequence=s["id"] in cons, note=why.get(s["id"])) for s in e["steps"]]
    return out


def to_html(report: dict, *, graph: bool = True) -> str:
    """The report as one HTML page (UTF-8 text).  ``graph=False`` leaves the graphs out."""
    p = report.get("paper", {})
    st = report["settings"]
    summ = report.get("summary", {})
    title = escape(str(p.get("title", "the paper")))
    out = [f"<!DOCTYPE html>\n{MARKER_HTML}", '<html lang="en"><head><meta charset="utf-8">',
           f"<title>lawaudit: {title}</title>", '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<style>{_CSS}{STEP_CSS}</style></head><body>", f"<h1>Audit of {title}</h1>",
           f"<p class=small>{escape(', '.join(p.get('authors', [])))} ({escape(str(p.get('version', '')))}). "
           f"Seed {escape(str(st['seed']))}, {escape(str(st['dps']))} digits, {escape(str(st['samples']))} samples "
           "per step. Steps: " + escape(", ".join(f"{summ.get(v, 0)} {v}" for v in _ORDER)) + ". "
           + "".join(f"{escape(x)}. " for x in [_coq_line(report)] if x) +
           '<a href="#findings">Findings</a> · <a href="#constants">Constants</a> · <a href="#graph">Graph</a> · '
           '<a href="#steps">Steps</a></p>']
    out += _results_html(report) + _findings_html(report) + _constants_html(report)
    if graph:
        out += _graph_html(report)
    out += _steps_html(report)
    rep = report.get("repairs")
    if rep:
        out.append(f'<p class="small">Limits of the repairs: {escape(rep.get("limits", ""))}</p>')
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _coq_line(report: dict) -> str | None:
    """The report's Coq summary (issue 17), or None when coqc was not run."""
    from .coq.attach import summary_line
    return summary_line(report)
