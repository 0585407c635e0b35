"""Render a ``lawaudit-report/1`` dictionary: terminal table, Markdown, JSON.

:func:`validate` checks a report against the JSON Schema shipped in the package
(``symbolic/schema/lawaudit-report-1.json``) with the ``jsonschema`` library.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from .render import constant_text, step_markdown

__all__ = ["validate", "schema", "to_json", "to_markdown", "to_table", "to_html", "render", "MARKER_MD", "FORMATS"]

MARKER_MD = "<!-- lawaudit report -->"
FORMATS = ("table", "json", "markdown", "html")
_ORDER = ("proved", "refuted", "evidence", "cited", "vacuous", "unknown")


@lru_cache(maxsize=1)
def schema() -> dict:
    """The report's JSON Schema (draft 2020-12)."""
    text = resources.files("symbolic").joinpath("schema/lawaudit-report-1.json").read_text(encoding="utf-8")
    return json.loads(text)


def validate(report: dict) -> None:
    """Raise ``jsonschema.ValidationError`` if ``report`` does not follow ``lawaudit-report/1``."""
    _jsonschema().Draft202012Validator(schema()).validate(report)


def _jsonschema():
    """``jsonschema``, imported on first use.  Its optional IRI format checker is left out
    (``rfc3987_syntax`` compiles a grammar for about 1.4 s on import): the schema uses no ``format``."""
    import sys
    if "jsonschema" in sys.modules or "rfc3987_syntax" in sys.modules:
        import jsonschema
        return jsonschema
    sys.modules["rfc3987_syntax"] = None          # import fails: jsonschema skips that checker
    try:
        import jsonschema
    finally:
        del sys.modules["rfc3987_syntax"]
    return jsonschema


def to_json(report: dict) -> str:
    """Stable JSON text (sorted keys inside steps are not reordered; indentation 2)."""
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


def _counts(entry) -> dict:
    c = {v: 0 for v in _ORDER}
    for s in entry["steps"]:
        c[s["verdict"]] += 1
    return c


def to_table(report: dict, *, width: int = 160) -> str:
    """A plain-text table: one line per step, then the summary."""
    lines = []
    found = report.get("findings") or []
    if found:
        lines.append(f"Findings ({len(found)}, one per root cause):")
        for f in found:
            lines.append(f"  {f['id']}  [{f['class']}]  {f['title']}")
        lines.append("")
    for e in report["results"]:
        pv = e.get("plain_verdict")
        lines.append(f"{e['title']}  [{pv['verdict'] if pv else e['verdict']}]"
                     + (f"  ({pv['detail']})" if pv and pv["detail"] else ""))
        lines.append(f"  {'step':<30} {'label':<6} {'kind':<9} {'verdict':<9} method")
        for s in e["steps"]:
            slug = s["id"].split("/", 1)[1]
            lines.append(f"  {slug:<30} {(s['label'] or ''):<6} {s['kind']:<9} {s['verdict']:<9} {s['method']}")
            lines += _wrap(s["detail"], width)     # whole sentences: a counterexample is never cut
            for c in s["constants"]:
                lines += _wrap(f"constant {constant_text(c)}", width)
        lines.append("")
    summ = report["summary"]
    lines.append("Summary: " + ", ".join(f"{summ[v]} {v}" for v in _ORDER))
    from .coq.attach import summary_line  # issue 17
    lines += [x for x in [summary_line(report)] if x]
    return "\n".join(lines) + "\n"


def _wrap(text: str, width: int) -> list[str]:
    """``text`` wrapped at ``width`` columns, indented, every word kept."""
    import textwrap
    return textwrap.wrap(text, width=max(40, width - 6), initial_indent="      ", subsequent_indent="        ",
                         break_long_words=False, break_on_hyphens=False) or ["      "]


def _md_escape(text: str) -> str:
    return text.replace("|", r"\|").replace("\n", " ")


def by_method(report: dict) -> list[tuple[str, int]]:
    """How many steps each procedure decided (``z3``, ``sympy``, ``arb``, sampling, ...), most first."""
    from collections import Counter
    c = Counter(s["method"] for e in report["results"] for s in e["steps"])
    return sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))


def to_markdown(report: dict) -> str:
    """A Markdown report: a one-screen summary, then one section per result."""
    p = report.get("paper", {})
    out = [MARKER_MD, f"# Audit of {p.get('title', 'the paper')}", "",
           f"{', '.join(p.get('authors', []))} ({p.get('version', '')}). "
           f"Settings: seed {report['settings']['seed']}, {report['settings']['dps']} digits, "
           f"{report['settings']['samples']} samples per step.", ""]
    out += _md_findings(report)
    out += ["", "## Results", "",
            "| result | verdict | what it rests on | " + " | ".join(_ORDER) + " |",
            "|---|---|---|" + "---|" * len(_ORDER)]
    for e in report["results"]:
        c = _counts(e)
        pv = e.get("plain_verdict") or {"verdict": e["verdict"], "detail": ""}
        out.append(f"| {e['title']} | {pv['verdict']} | {_md_escape(pv['detail'])} | "
                   + " | ".join(str(c[v]) for v in _ORDER) + " |")
    out += ["", "Decided by: " + ", ".join(f"{n} {m}" for m, n in by_method(report)) + "."]
    from .coq.attach import summary_line  # issue 17
    out += [f"{x}." for x in [summary_line(report)] if x]
    out += _md_statements(report)
    out += _md_repairs(report)
    loose = [(s, c) for e in report["results"] for s in e["steps"] for c in s["constants"]]
    if loose:
        out += ["", "### Constants", "", "| step | constant | claimed | supported | status | slack | engine's tightest |",
                "|---|---|---|---|---|---|---|"]
        for s, c in loose:
            t = c.get("tightest") or {}
            tight = (f"{t['proved']}" + ("" if t.get("exact") else f" (refuted at {t['refuted']})" if t.get("refuted")
                                          else " (no value refuted)") if t.get("proved") else "")
            slack = c.get("slack") if c["status"] != "holds" else ""
            out.append(f"| {s['id']} | {_md_escape(c['name'])} | {c['claimed']} | {c['supported'] or 'none found'} | {c['status']} | "
                       f"{slack or ''} | {tight} |")
    for e in report["results"]:
        pv = e.get("plain_verdict") or {"verdict": e["verdict"]}
        out += ["", f"## {e['title']} — {pv['verdict']}", "",
                f"*{e.get('location', '')}*. Worst verdict of its steps as the paper states them: {e['verdict']}; "
                f"after the repairs: {e.get('verdict_after_repairs', e['verdict'])}.", "",
                f"$$ {e['statement']} $$", ""]
        for s in e["steps"]:
            out += [f"### `{s['id']}` " + (f"{s['label']} " if s["label"] else "") + f"— {s['verdict']} ({s['kind']})", "",
                    step_markdown(s).split("\n\n", 1)[1], ""]
            if s["depends_on"]:
                out += ["*Depends on:* " + ", ".join(f"`{d}`" for d in s["depends_on"]), ""]
    return "\n".join(out) + "\n"


def finding_line(f: dict) -> str:
    """A finding in one paragraph of plain text (class, title, steps, repair, reading, consequences)."""
    parts = [f"[{f['class']}] {f['title']}" + ("" if f["confirmed"] else " (not reproduced by this audit)") + ".",
             "Steps: " + ", ".join(f["steps"]) + ".", f"Repair: {f['repair']}."]
    if f["repaired_by"]:
        parts.append("Checked: " + ", ".join(f"{x['step']} {x['verdict']}" for x in f["repaired_by"]) + ".")
    if f.get("reading"):
        parts.append(f"Reading that makes it right: {f['reading']}.")
    cons = f["consequences"]
    if cons["text"]:
        parts.append(f"Consequences: {cons['text']}.")
    if cons["results"]:
        parts.append(f"Downstream results: {', '.join(cons['results'])}.")
    return " ".join(p[:-2] + "." if p.endswith("..") else p for p in parts)


def _md_findings(report: dict) -> list:
    """The findings, one per root cause, by class (what the reader sees first)."""
    found = report.get("findings") or []
    out = ["## Findings", "", f"{len(found)} finding{'s' if len(found) != 1 else ''}, one per root cause; the steps "
           "below are their evidence."
           if found else "No step fails as the paper states it.", ""]
    for cls in ("false-statement", "false-step", "gap", "imprecise"):
        for f in (x for x in found if x["class"] == cls):
            out.append(f"- **`{f['id']}`** {_md_escape(finding_line(f))}")
    return out


def _md_statements(report: dict) -> list:
    """The repaired statement of each result and the fate of each headline constant (auditor's view)."""
    rep = report.get("repairs")
    if not rep:
        return []
    out = ["", "### After repairs", ""]
    for r in rep["results"]:
        out.append(f"- {_md_escape(r['statement'])}")
    if rep.get("headline"):
        out += ["", "| headline constant | of | paper | after repairs | survives | why |", "|---|---|---|---|---|---|"]
        for h in rep["headline"]:
            out.append(f"| {_md_escape(h['constant'])} | {h['parameter'].split(':')[0]} | {h['paper']} | {h['value']} | "
                       f"{'yes' if h['survives'] else '**no**'} | {_md_escape(h['detail'])} |")
    return out


def _md_repairs(report: dict) -> list:
    """The ``Repairs`` part of the summary: how each repair was made, what is left unrepaired or stale."""
    rep = report.get("repairs")
    if not rep:
        return []
    out = ["", "### Repairs", ""]
    for x in rep["engine_repairs"]:
        what = ("engine repair of" if x.get("paper_verdict", "refuted") == "refuted" else
                f"re-derived under the upstream repairs ({x.get('paper_verdict')} at the paper's constants):")
        out.append(f"- {what} `{x['repairs']}`: {_md_escape(x['constant'])} = {x['value']} in place of "
                   f"{x['paper']} ({x['verdict']})" + (f"; the derivation's own repair is `{x['hand_repair']}`"
                                                       if x.get("hand_repair") else ""))
    if rep.get("unrepaired"):
        out.append("- refuted with no repair: " + ", ".join(f"`{x}`" for x in rep["unrepaired"]))
    if rep.get("stale"):
        why = rep.get("stale_why", {})
        out.append("- not re-derived (what they use changed or failed, and they were not re-checked): "
                   + "; ".join(f"`{x}`" + (f" ({_md_escape(why[x])})" if x in why else "") for x in rep["stale"]))
    return out


def to_html(report: dict) -> str:
    """The self-contained HTML report (:func:`symbolic.report_html.to_html`)."""
    from .report_html import to_html as html
    return html(report)


def render(report: dict, fmt: str) -> str:
    """``report`` in one of :data:`FORMATS`."""
    return {"json": to_json, "markdown": to_markdown, "table": to_table, "html": to_html}[fmt](report)
