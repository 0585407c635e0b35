"""The HTML report: one self-contained file that works offline (issue 5, item 3).

No script, no stylesheet or font from a network: the CSS is inline and the dependency graph is an
SVG drawn by :func:`symbolic.graph.draw` and embedded as a ``data:`` URI.  Every text taken from
the report is escaped with :func:`html.escape`; formulas are shown as their LaTeX source in
``<code>`` (readable without a renderer).  Refuted steps and everything downstream of them
(``report["graph"]["consequences"]``) are highlighted.

>>> "&lt;script&gt;" in to_html({"schema": "lawaudit-report/1", "paper": {"title": "<script>"},
...     "settings": {"seed": 0, "dps": 50, "samples": 1}, "results": [], "summary": {}}, graph=False)
True
"""
from __future__ import annotations

import base64
from html import escape

__all__ = ["to_html", "MARKER_HTML"]

MARKER_HTML = "<!-- lawaudit report -->"
_ORDER = ("proved", "refuted", "evidence", "cited", "vacuous", "unknown")

_CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2em auto;max-width:70em;padding:0 1em;
color:#222;line-height:1.4}
table{border-collapse:collapse;margin:0.6em 0}td,th{border:1px solid #ccc;padding:0.2em 0.5em;text-align:left;
vertical-align:top}th{background:#f3f3f3}
code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:0.9em;background:#f6f6f6;padding:0 0.2em;
white-space:pre-wrap;word-break:break-word}
.v{font-weight:bold;padding:0 0.4em;border-radius:0.3em}
.v-proved{background:#d9f2d9}.v-refuted{background:#f9c6dd}.v-evidence{background:#fde3c4}.v-cited{background:#e4dcf2}
.v-vacuous{background:#e0e0e0}.v-unknown{background:#ffffc4}
.step{border:1px solid #ddd;border-radius:0.4em;padding:0.5em 0.8em;margin:0.7em 0}
.step.refuted{border:3px solid #d00060;background:#fff4f8}.step.consequence{border-left:6px solid #e08000}
.step.repaired{border-style:dashed;border-color:#1b9e77}
blockquote{margin:0.3em 0;padding-left:0.8em;border-left:3px solid #bbb;color:#444}
.small{font-size:0.85em;color:#555}.fails{color:#b00040;font-weight:bold}.loose{color:#a05a00}.finding{font-variant:small-caps;border:1px solid #888;padding:0 4px;border-radius:3px}
"""


def _v(verdict) -> str:
    v = escape(str(verdict))
    return f'<span class="v v-{v}">{v}</span>'


def _code(text) -> str:
    return f"<code>{escape(str(text))}</code>"


def _counts(entry) -> dict:
    c = {v: 0 for v in _ORDER}
    for s in entry["steps"]:
        c[s["verdict"]] = c.get(s["verdict"], 0) + 1
    return c


def _graph_svg(report: dict) -> str:
    """Rebuild the graph from the report's ``graph`` section and draw it (SVG, base64 data URI)."""
    import networkx as nx

    from .graph import draw

    gj = report.get("graph")
    if not gj:
        return "<p>No dependency graph in this report.</p>"
    g = nx.DiGraph()
    verdict = {s["id"]: s["verdict"] for e in report["results"] for s in e["steps"]}
    verdict.update({e["id"]: e["verdict"] for e in report["results"]})
    for n in gj["nodes"]:
        g.add_node(n["id"], kind=n.get("kind", "step"), label=n.get("label", n["id"]),
                   result=n.get("result"), step_kind=n.get("step_kind"), verdict=verdict.get(n["id"]))
    for e in gj["edges"]:
        g.add_edge(e["from"], e["to"], kind=e["kind"])
    svg = draw(g, highlight=set(gj.get("refuted", [])) | set(gj.get("consequences", [])), fmt="svg")
    data = base64.b64encode(svg).decode("ascii")
    return (f'<img alt="dependency graph of steps and results" style="max-width:100%" '
            f'src="data:image/svg+xml;base64,{data}">'
            '<p class="small">Circles: steps (colour = verdict: green proved, pink refuted, orange evidence, '
            'purple cited, yellow unknown); squares: results; thick red outline: a refuted step or a consequence '
            'of one; dashed green arrows: repairs.</p>')


def _findings_html(report: dict) -> list[str]:
    """The findings first, one per root cause, each linking to the steps that are its evidence."""
    found = report.get("findings") or []
    out = ["<h2>Findings</h2>", f"<p>{len(found)} findings, one per root cause; the steps further down are "
           "their evidence.</p>" if found else "<p>No step fails as the paper states it.</p>", "<ul>"]
    for cls in ("false-statement", "false-step", "gap", "imprecise"):
        for f in (x for x in found if x["class"] == cls):
            steps = ", ".join(f'<a href="#{escape(x)}">{escape(x)}</a>' for x in f["steps"])
            fixes = ", ".join(f'<a href="#{escape(x["step"])}">{escape(x["step"])}</a> {_v(x["verdict"])}'
                              for x in f["repaired_by"])
            cons = f["consequences"]
            out.append(f'<li id="{escape(f["id"])}"><span class="finding">{escape(f["class"])}</span> '
                       f'<b>{escape(f["title"])}</b>' + ("" if f["confirmed"] else " (not reproduced)")
                       + f"<br>Steps: {steps}<br>Repair: {escape(f['repair'])}"
                       + (f"<br>Checked: {fixes}" if fixes else "")
                       + (f"<br>Reading that makes it right: {escape(f['reading'])}" if f.get("reading") else "")
                       + (f"<br>Consequences: {escape(cons['text'])}" if cons["text"] else "")
                       + (f"<br><span class=small>Downstream results: {escape(', '.join(cons['results']))}</span>"
                          if cons["results"] else "") + "</li>")
    out.append("</ul>")
    return out


def to_html(report: dict, *, graph: bool = True) -> str:
    """The report as one HTML page (UTF-8 text).  ``graph=False`` leaves the image out."""
    p = report.get("paper", {})
    st = report["settings"]
    cons = set((report.get("graph") or {}).get("consequences", []))
    out = [f"<!DOCTYPE html>\n{MARKER_HTML}", '<html lang="en"><head><meta charset="utf-8">',
           f"<title>lawaudit: {escape(str(p.get('title', 'audit')))}</title>",
           '<meta name="viewport" content="width=device-width, initial-scale=1">', f"<style>{_CSS}</style></head><body>",
           f"<h1>Audit of {escape(str(p.get('title', 'the paper')))}</h1>",
           f"<p>{escape(', '.join(p.get('authors', [])))} ({escape(str(p.get('version', '')))}). Settings: seed "
           f"{escape(str(st['seed']))}, {escape(str(st['dps']))} digits, {escape(str(st['samples']))} samples per step. "
           "Verdicts: proved (a sound procedure), refuted (a certified counterexample), evidence (sampling only), "
           "cited, vacuous, unknown.</p>",
           ]
    out += _findings_html(report)
    out.append("<h2>Results</h2><table><tr><th>result</th><th>verdict</th><th>what it rests on</th>"
               + "".join(f"<th>{v}</th>" for v in _ORDER) + "</tr>")
    for e in report["results"]:
        c = _counts(e)
        pv = e.get("plain_verdict") or {"verdict": e["verdict"], "detail": ""}
        out.append(f'<tr><td><a href="#{escape(e["id"])}">{escape(e["title"])}</a></td><td>{escape(pv["verdict"])}</td>'
                   f'<td class="small">{escape(pv["detail"])}</td>'
                   + "".join(f"<td>{c.get(v, 0)}</td>" for v in _ORDER) + "</tr>")
    out.append("</table>")
    rep = report.get("repairs")
    if rep:
        out.append("<h3>After repairs</h3><ul>")
        for r in rep["results"]:
            out.append(f"<li>{escape(r['statement'])}</li>")
        out.append("</ul>")
        if rep.get("headline"):
            out.append("<h3>Headline constants</h3><table><tr><th>constant</th><th>paper</th><th>after repairs</th>"
                       "<th>survives</th><th>why</th></tr>")
            for h in rep["headline"]:
                out.append(f"<tr><td>{escape(h['constant'])} <span class=\"small\">{escape(h['parameter'])}</span></td>"
                           f"<td>{_code(h['paper'])}</td><td>{_code(h['value'])}</td>"
                           f"<td>{'yes' if h['survives'] else '<span class=fails>no</span>'}</td>"
                           f"<td>{escape(h['detail'])}</td></tr>")
            out.append("</table>")
    if rep:
        if rep.get("stale"):
            out.append("<p>Downstream of a refuted step and not re-derived (their verdicts are for the paper's "
                       "constants): " + ", ".join(_code(x) for x in rep["stale"]) + "</p>")
        out.append(f'<p class="small">Limits: {escape(rep.get("limits", ""))}</p>')
    table = report.get("constants")
    if table is None:
        table = [{"step": s["id"], **c} for e in report["results"] for s in e["steps"] for c in s["constants"]]
    out.append("<h2>Constants</h2><table><tr><th>step</th><th>constant</th><th>claimed</th><th>supported</th>"
               "<th>status</th><th>slack</th><th>engine's tightest (proved)</th><th>refuted at</th></tr>")
    for c in table:
        status = escape(str(c["status"]))
        out.append(f"<tr><td>{escape(c['step'])}</td><td>{escape(c['name'])}</td><td>{_code(c['claimed'])}</td>"
                   f"<td>{_code(c['supported'] or 'none found')}</td><td class=\"{status}\">{status}</td>"
                   f"<td>{escape(str(c.get('slack') or ''))}</td><td>{_code(c.get('tightest') or '')}</td>"
                   f"<td>{_code(c.get('tightest_refuted') or '')}</td></tr>")
    out.append("</table>")
    if graph:
        out.append("<h2>Dependency graph</h2>")
        out.append(_graph_svg(report))
    for e in report["results"]:
        pv = e.get("plain_verdict") or {"verdict": e["verdict"]}
        out.append(f'<h2 id="{escape(e["id"])}">{escape(e["title"])}: {escape(pv["verdict"])}</h2>')
        out.append(f"<p><i>{escape(str(e.get('location', '')))}</i>. <span class=small>Worst verdict of its steps as "
                   f"the paper states them: {_v(e['verdict'])}; after the repairs: "
                   f"{_v(e.get('verdict_after_repairs', e['verdict']))}</span></p><p>{_code(e['statement'])}</p>")
        if e.get("repaired_statement"):
            out.append(f"<p><b>After repairs:</b> {escape(e['repaired_statement'])}</p>")
        for s in e["steps"]:
            cls = ["step"]
            if s["verdict"] == "refuted" and s["kind"] != "repaired":
                cls.append("refuted")
            if s["id"] in cons:
                cls.append("consequence")
            if s["kind"] == "repaired":
                cls.append("repaired")
            out.append(f'<div class="{" ".join(cls)}" id="{escape(s["id"])}">')
            from .coq.attach import badge  # issue 17: "Coq-checked" beside the verdict
            coq = badge(s.get("coq"))
            out.append(f"<b>{escape(s['id'])}</b> {escape(s.get('label') or '')} {_v(s['verdict'])} "
                       + (f'<span class="coq">{escape(coq)}</span> ' if coq else "")
                       + f"<span class=small>({escape(s['kind'])}; {escape(s['method'])})</span>"
                       + (" <b>consequence of a refuted step</b>" if s["id"] in cons else ""))
            out.append(f"<blockquote>{escape(s['quote'])}</blockquote>")
            out.append(f"<div>Claim: {_code(s['claim'])}</div>")
            if s.get("rule"):
                out.append(f"<div>Why: {escape(s['rule'])}</div>")
            if s.get("citation"):
                out.append(f"<div>Cited: {escape(s['citation']['name'])} ({escape(s['citation']['source'])})</div>")
            out.append(f"<div>Checked: {escape(s['detail'])}</div>")
            if s.get("reading") and s["reading"] != "exact":
                out.append(f"<div>Read {'approximately' if s['reading'] == 'approximate' else 'as informal'}"
                           + (f": {escape(s['tolerance'])}" if s.get("tolerance") else "") + "</div>")
            if s["counterexample"]:
                out.append("<div>Counterexample: " + _code(", ".join(f"{k} = {v}" for k, v in s["counterexample"].items()))
                           + "</div>")
            for c in s["constants"]:
                t = c.get("tightest") or {}
                out.append(f"<div>Constant {escape(c['name'])}: claimed {_code(c['claimed'])}, supported "
                           f"{_code(c['supported'] or 'none found')}: <span class=\"{escape(c['status'])}\">{escape(c['status'])}</span>"
                           + (f" <span class=small>(engine: {escape(t.get('detail', ''))})</span>" if t else "") + "</div>")
            if s["implicit_assumptions"]:
                out.append("<div>Implicit assumptions: " + "; ".join(_code(a) for a in s["implicit_assumptions"]) + "</div>")
            if s["depends_on"]:
                out.append("<div>Depends on: " + ", ".join(f'<a href="#{escape(d)}">{escape(d)}</a>' for d in s["depends_on"])
                           + "</div>")
            if s.get("repairs"):
                out.append(f'<div>Repairs: <a href="#{escape(s["repairs"])}">{escape(s["repairs"])}</a></div>')
            out.append("</div>")
    summ = report.get("summary", {})
    out.append("<p>Summary: " + escape(", ".join(f"{summ.get(v, 0)} {v}" for v in _ORDER)) + "</p>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
