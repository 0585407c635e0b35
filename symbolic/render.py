"""One step renderer for every output: the terminal table, ``explain``, Markdown, HTML and the notebooks.

Everything here reads a step as the report's step entry (:func:`symbolic.audit.step_json`), so the
report, the notebooks and ``lawaudit explain`` say the same thing in the same words.

Mathematics is rendered offline: LaTeX becomes MathML when the page is written (``latex2mathml``;
browsers render MathML natively, no script or font is loaded).  LaTeX that cannot be converted
(a command ``latex2mathml`` does not know) degrades to readable Unicode text, never to raw TeX:

>>> tex_text(r"\\frac{1}{2} \\langle Z, F \\rangle \\le \\mathbb{E}[X]")
'1/2 ⟨Z, F⟩ ≤ 𝔼[X]'
>>> "<math" in math_html(r"\\frac{a}{b}") and "\\\\frac" not in math_html(r"\\frac{a}{b}")
True
>>> math_html(r"\\unknowncommand{x}")
'<span class="tex">unknowncommand x</span>'
>>> short_number("764411175/262144")
'764411175/262144 ≈ 2916'
"""
from __future__ import annotations

import re
from fractions import Fraction
from html import escape

from .verdict import describe_evidence

__all__ = ["tex_text", "math_html", "prose_html", "prose_markdown", "claim_html", "claim_markdown",
           "short_number", "counterexample_text", "constant_text", "step_lines", "step_markdown", "step_html",
           "reading_text", "CSS"]

# -- LaTeX -> readable text (the fallback) -------------------------------------------------------------

_SYMBOLS = {
    "langle": "⟨", "rangle": "⟩", "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "neq": "≠", "ne": "≠",
    "cdot": "·", "times": "×", "in": "∈", "notin": "∉", "subset": "⊂", "subseteq": "⊆", "sum": "Σ", "prod": "Π",
    "infty": "∞", "to": "→", "rightarrow": "→", "Rightarrow": "⇒", "implies": "⇒", "mapsto": "↦", "approx": "≈",
    "sim": "∼", "lesssim": "≲", "gtrsim": "≳", "pm": "±", "forall": "∀", "exists": "∃", "cup": "∪", "cap": "∩",
    "ldots": "…", "dots": "…", "cdots": "⋯", "partial": "∂", "nabla": "∇", "circ": "∘", "|": "‖", "{": "{",
    "}": "}", ",": " ", ";": " ", "!": "", "quad": " ", "qquad": "  ", "lfloor": "⌊", "rfloor": "⌋",
    "lceil": "⌈", "rceil": "⌉", "log": "log", "exp": "exp", "max": "max", "min": "min", "sup": "sup", "inf": "inf",
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε", "eps": "ε",
    "zeta": "ζ", "eta": "η", "theta": "θ", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π",
    "rho": "ρ", "sigma": "σ", "tau": "τ", "phi": "φ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
    "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Sigma": "Σ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
}
_ALPHABETS = {"mathbb": {"E": "𝔼", "P": "ℙ", "R": "ℝ", "N": "ℕ", "Z": "ℤ", "Q": "ℚ", "C": "ℂ"},
              "mathcal": {"F": "ℱ", "N": "𝒩", "L": "ℒ", "H": "ℋ", "B": "ℬ", "E": "ℰ", "M": "ℳ", "P": "𝒫"}}
_GROUP = r"\{((?:[^{}]|\{[^{}]*\})*)\}"


def _atom(text: str) -> str:
    return text if re.fullmatch(r"[\w.]+|\(.*\)", text) else f"({text})"


def tex_text(latex: str) -> str:
    """Readable Unicode text for ``latex``: no backslash, no TeX braces left."""
    t = str(latex)
    t = re.sub(r"\\(?:left|right|big|Big|bigg|Bigg)(?![a-zA-Z])", "", t)
    for cmd in ("text", "mathrm", "operatorname", "textrm", "mathit", "mathbf", "boldsymbol", "textit", "emph"):
        t = re.sub(r"\\" + cmd + _GROUP, r"\1", t)
    for cmd, table in _ALPHABETS.items():
        t = re.sub(r"\\" + cmd + r"\s*(?:\{(\w)\}|(\w))", lambda m, tb=table: tb.get(m[1] or m[2], m[1] or m[2]), t)
    for _ in range(3):   # nested fractions and roots
        t = re.sub(r"\\[dt]?frac" + _GROUP + _GROUP,
                   lambda m: f"{_atom(tex_text(m.group(1)))}/{_atom(tex_text(m.group(2)))}", t)
        t = re.sub(r"\\sqrt" + _GROUP, lambda m: f"√{_atom(tex_text(m.group(1)))}", t)
    t = re.sub(r"\\([a-zA-Z]+|[|{},;!])", lambda m: _SYMBOLS.get(m.group(1), m.group(1) + " "), t)
    t = re.sub(r"\^\{([^{}]*)\}", r"^\1", t)
    t = re.sub(r"_\{([^{}]*)\}", r"_\1", t)
    t = t.replace("{", "").replace("}", "").replace("\\", "").replace("~", " ")
    t = re.sub(r"([⟨(\[])\s+", r"\1", re.sub(r"\s+([⟩)\],])", r"\1", t))
    return re.sub(r"\s+", " ", t).strip()


def math_html(latex: str, display: bool = False) -> str:
    """``latex`` as MathML (``<math>``), or, when it cannot be converted, readable text in ``<span class=tex>``."""
    try:
        from latex2mathml.converter import convert
        out = convert(str(latex), display="block" if display else "inline")
    except Exception:   # latex2mathml raises many kinds of errors on TeX it does not know
        out = None
    if out is None or "\\" in out or "<merror" in out:
        return f'<span class="tex">{escape(tex_text(latex))}</span>'
    return out


_MATH = re.compile(r"(?<!\\)\$\$(.+?)(?<!\\)\$\$|(?<!\\)\$(.+?)(?<!\\)\$", re.S)
_BARE = re.compile(r"\\(?:[a-zA-Z]+|[|{}])(?:" + _GROUP + r")*(?:[_^](?:\{[^{}]*\}|\w))*")


_FUNCTION_NAMES = {"exp", "log", "sup", "inf", "max", "min", "Lip", "poly", "sin", "cos", "diam", "Var", "op"}


def _is_formula(text: str) -> bool:
    """A text with no ``$`` that is one formula (``\\|Z\\|^2 + 2\\langle Z, G \\rangle``): TeX commands
    and no word outside them but function names (``exp``, ``log``, ...)."""
    if "$" in text or "\\" not in text:
        return False
    words = re.findall(r"[A-Za-z]{2,}", re.sub(r"\\[a-zA-Z]+", "", text))
    return all(w in _FUNCTION_NAMES for w in words)


def _split(text: str):
    """``(is_math, display, piece)`` for ``text`` with ``$..$``/``$$..$$`` maths and TeX commands
    written without dollars (``... in \\mathcal{F} map ...``), which are read as inline maths."""
    if _is_formula(text):
        yield True, False, text.strip().rstrip(".")
        return
    pos = 0
    for m in _MATH.finditer(text):
        yield from _split_bare(text[pos:m.start()])
        yield True, m.group(1) is not None, (m.group(1) if m.group(1) is not None else m.group(2))
        pos = m.end()
    yield from _split_bare(text[pos:])


def _split_bare(text: str):
    pos = 0
    for m in _BARE.finditer(text):
        if m.start() > pos:
            yield False, False, text[pos:m.start()]
        yield True, False, m.group(0)
        pos = m.end()
    if pos < len(text):
        yield False, False, text[pos:]


def _unescape(text: str) -> str:
    """TeX's escaped characters in prose (``10\\%``) as the characters themselves."""
    return re.sub(r"\\([%&_#$ ,;!])", lambda m: m.group(1).strip(",;!") or " ", text)


def prose_html(text) -> str:
    """Prose with inline maths as HTML: text escaped, each formula as MathML (or readable text)."""
    return "".join(math_html(p.strip(), d) if is_math else escape(_unescape(p))
                   for is_math, d, p in _split(str(text or "")))


def prose_markdown(text) -> str:
    """Prose for Markdown with LaTeX: TeX commands written without dollars get them (``$\\mathcal{F}$``);
    a display formula inside a sentence becomes inline maths."""
    return "".join(f"${p.strip()}$" if is_math else _unescape(p).replace("$", r"\$")
                   for is_math, _, p in _split(str(text or "")))


def _is_prose(claim: str) -> bool:
    return "$" in claim


def claim_html(claim: str) -> str:
    """A checked claim is one formula (display MathML); a cited statement is prose with its own ``$..$``."""
    return f"<p>{prose_html(claim)}</p>" if _is_prose(claim) else f'<div class="display">{math_html(claim, True)}</div>'


def claim_markdown(claim: str) -> str:
    return prose_markdown(claim).replace("\n", " ") if _is_prose(claim) else f"$${claim}$$"


# -- numbers, counterexamples, constants -----------------------------------------------------------------

def _decimal(q: Fraction) -> str:
    x = float(q)
    if x == 0:
        return "0"
    if 1e-3 <= abs(x) < 1e6:
        return f"{x:.4g}"
    mant, exp = f"{x:.3e}".split("e")
    return f"{float(mant):g}×10^{int(exp)}"


def short_number(value) -> str:
    """An exact value with a short decimal beside it when it is a long fraction or integer
    (``9437175/3 ≈ 3.146×10^6``); anything else is returned as it is."""
    text = str(value)
    if not re.fullmatch(r"-?\d+(/\d+)?", text.strip()) or len(text) <= 6:
        return text
    q = Fraction(text.strip())
    return text if q.denominator == 1 and len(text) <= 7 else f"{text} ≈ {_decimal(q)}"


def counterexample_text(ce) -> str:
    """``x = 1/2, d = 15`` (long values get a decimal beside them)."""
    return ", ".join(f"{k} = {short_number(v)}" for k, v in (ce or {}).items())


def constant_text(c: dict) -> str:
    """One constant of a step: claimed, supported and its status (and the slack when not exact)."""
    slack = f", slack {c['slack']}" if c.get("slack") and c["status"] != "holds" else ""
    return (f"{c['name']}: claimed {short_number(c['claimed'])}, supported "
            f"{short_number(c['supported']) if c.get('supported') else 'none found'} -> {c['status']}{slack}")


def reading_text(s: dict) -> str | None:
    """How a step's sentence is read, when not exactly (``None`` for an exact reading)."""
    how = {"approximate": "as an order of magnitude", "informal": "as an informal heuristic",
           "asymptotic": "as an asymptotic claim, along a family"}.get(s.get("reading") or "exact")
    if how is None:
        return None
    return (f"read {how}" + (f" ({s['tolerance']})" if s.get("tolerance") else "")
            + (f": {s['family']}" if s.get("family") else ""))


def _experiment_text(s: dict) -> str | None:
    exp = s.get("experiment")
    if not exp or s.get("obligation") is None:
        return None
    return f"{exp.get('backend')}: {exp.get('verdict')} — {exp.get('detail')}"


def _short(slug: str) -> str:
    return slug.split("/", 1)[1] if "/" in slug else slug


def _facts(s: dict) -> list[tuple[str, str, str]]:
    """``(label, plain text, kind)`` of everything said about a step after its claim, in order; kind is
    ``prose`` (text with maths), ``plain`` or ``code``."""
    out = [("Why", s.get("rule") or "", "prose")]
    if s.get("citation"):
        out.append(("Cited", f"{s['citation']['name']} — {s['citation']['source']}", "prose"))
    detail = s["detail"] if str(s["detail"]).startswith(str(s["method"])) else f"{s['method']}: {s['detail']}"
    out.append(("Checked", detail, "plain"))
    if s.get("counterexample"):
        out.append(("Counterexample", counterexample_text(s["counterexample"]), "code"))
    if s.get("evidence"):
        out.append(("Evidence beside the verdict", describe_evidence(s["evidence"]), "plain"))
    if _experiment_text(s):
        out.append(("Cross-check", _experiment_text(s), "plain"))
    if reading_text(s):
        out.append(("Reading", reading_text(s), "plain"))
    out += [("Constant", constant_text(c), "plain") for c in s.get("constants") or []]
    if s.get("implicit_assumptions"):
        out.append(("Implicit assumptions", "; ".join(s["implicit_assumptions"]), "prose"))
    if s.get("repairs"):
        out.append(("Repairs", _short(s["repairs"]), "code"))
    return out


def _coq_badge(s: dict) -> str:
    """"Coq-checked" (or "Coq: failed") beside the verdict when the report has the step's Coq status."""
    from .coq.attach import badge
    return badge(s.get("coq"))


def _coq_class(s: dict) -> str:
    return "coq coq-failed" if (s.get("coq") or {}).get("status") == "failed" else "coq"


def _coq_reason(s: dict) -> str:
    """Why coqc rejected a step, or why a proved step was not exported ("" otherwise)."""
    coq = s.get("coq") or {}
    shown = coq.get("status") == "failed" or (coq.get("status") == "not-exported" and s["verdict"] == "proved")
    return f"{coq['status']}: {coq.get('reason', '')}" if shown else ""


def _head(s: dict) -> str:
    return f"{(s.get('label') or '') + ' ' if s.get('label') else ''}{_short(s['id'])} [{s['kind']}]: {s['verdict']}"


def step_lines(s: dict, *, claim_text: str | None = None) -> list[str]:
    """The step as plain text, one fact a line (``claim_text``: e.g. SymPy's text of the obligation)."""
    coq = _coq_badge(s)
    out = [_head(s) + f" ({s['method']}{', ' + coq if coq else ''})", f"  claim: {claim_text or tex_text(s['claim'])}"]
    return out + [f"  {label.lower()}: {text}" for label, text, _ in _facts(s)]


def step_markdown(s: dict) -> str:
    """The step as Markdown with LaTeX maths (notebooks): quote, claim, then one paragraph per fact."""
    coq = _coq_badge(s)
    lines = [f"**{s.get('label') + ' ' if s.get('label') else ''}`{_short(s['id'])}`** ({s['kind']}) — "
             f"**{s['verdict']}** by {s['method']}" + (f" — *{coq}*" if coq else ""), f"> {prose_markdown(s['quote']).replace(chr(10), ' ')}", claim_markdown(s["claim"])]
    for label, text, kind in _facts(s):
        body = prose_markdown(text) if kind == "prose" else f"`{text}`" if kind == "code" else text.replace("$", r"\$")
        lines.append(f"*{label}:* {body}")
    return "\n\n".join(lines)


def step_html(s: dict, *, consequence: bool = False, note: str | None = None) -> str:
    """The step as a collapsed ``<details>`` block (HTML report): its summary line, then quote, claim and facts
    (``note``: why the repairs do not reach it, shown first)."""
    cls = ["step", s["verdict"]] + (["repaired"] if s["kind"] == "repaired" else []) + \
        (["consequence"] if consequence else [])
    sid = escape(s["id"])
    head = (f'<summary><b>{escape(s.get("label") or "")}</b> <code>{escape(_short(s["id"]))}</code> '
            f'<span class="v v-{escape(s["verdict"])}">{escape(s["verdict"])}</span> '
            + (f'<span class="{_coq_class(s)}">{escape(_coq_badge(s))}</span> ' if _coq_badge(s) else "")
            + f'<span class="small">{escape(s["kind"])}, {escape(s["method"])}</span>'
            + (' <span class="fails">uses a refuted step</span>' if consequence else "") + "</summary>")
    body = ([f'<div class="small"><b>Not re-derived after the repairs:</b> {escape(note)}</div>'] if note else []) + \
        [f"<blockquote>{prose_html(s['quote'])}</blockquote>", claim_html(s["claim"])]
    for label, text, kind in _facts(s):
        html = prose_html(text) if kind == "prose" else f"<code>{escape(text)}</code>" if kind == "code" \
            else escape(text)
        body.append(f"<div><b>{escape(label)}:</b> {html}</div>")
    why_coq = _coq_reason(s)
    if why_coq:
        body.append(f"<div><b>Coq:</b> {escape(why_coq)}</div>")
    if s.get("depends_on"):
        body.append("<div><b>Depends on:</b> " + ", ".join(f'<a href="#{escape(d)}">{escape(d)}</a>'
                                                          for d in s["depends_on"]) + "</div>")
    return f'<details class="{" ".join(cls)}" id="{sid}">{head}' + "".join(body) + "</details>"


CSS = """
math{font-size:1.08em}.display{margin:0.3em 0 0.3em 1em;padding:0.15em 0;overflow-x:auto;overflow-y:hidden}
.tex{font-style:italic}
details.step{border:1px solid #ddd;border-radius:0.4em;padding:0.3em 0.8em;margin:0.4em 0}
details.step>summary{cursor:pointer}details.step[open]>summary{margin-bottom:0.4em}
details.step.refuted:not(.repaired){border:2px solid #d00060;background:#fff4f8}
details.step.consequence{border-left:6px solid #e08000}details.step.repaired{border-style:dashed;border-color:#1b9e77}
.coq{font-size:0.85em;color:#1b6e3a;border:1px solid #1b9e77;border-radius:0.3em;padding:0 0.3em}
.coq-failed{color:#a00040;border-color:#d00060;font-weight:bold}
"""
