"""The one step renderer (symbolic/render.py) and its users: the same step, the same words, in plain
text, Markdown (notebooks) and HTML (report); numbers with short decimals; TeX never shown raw."""
import pytest

from symbolic.render import (claim_markdown, counterexample_text, prose_markdown, short_number, step_html,
                             step_lines, step_markdown, tex_text)

STEP = {"id": "lemma-9.1/first", "label": "(9.1)", "quote": r"all functions in \mathcal{F} map to [-1, 1]",
        "claim": r"\frac{a}{b} \le 1", "kind": "verbatim", "verdict": "refuted", "method": "z3",
        "detail": "z3: counterexample a = 2, b = 1", "counterexample": {"a": "2", "b": "764411175/262144"},
        "constants": [{"name": "8^3", "claimed": "512", "supported": "288", "status": "loose", "slack": "16/9"}],
        "implicit_assumptions": ["$b > 0$"], "repairs": None, "depends_on": [], "rule": "by $a \\le b$",
        "citation": None, "evidence": None, "reading": "exact"}


@pytest.mark.parametrize("value,text", [("512", "512"), ("9437175/3", "9437175/3 ≈ 3.146×10^6"),
                                         ("262145/1048576", "262145/1048576 ≈ 0.25"), ("1/3", "1/3"),
                                         ("eps/4", "eps/4"), ("123456789", "123456789 ≈ 1.235×10^8")])
def test_short_numbers(value, text):
    assert short_number(value) == text


def test_the_same_facts_in_every_form():
    lines = step_lines(STEP)
    md = step_markdown(STEP)
    html = step_html(STEP)
    for form in ("\n".join(lines), md, html):
        assert "counterexample" in form.lower() and "764411175/262144 ≈ 2916" in form
        assert "claimed 512, supported 288 -&gt; loose" in form or "claimed 512, supported 288 -> loose" in form
    assert lines[0] == "(9.1) first [verbatim]: refuted (z3)"
    assert "$\\mathcal{F}$" in md and md.count("$$") == 2
    assert html.startswith('<details class="step refuted" id="lemma-9.1/first">') and "<math" in html


def test_a_cited_statement_is_prose_with_inline_maths():
    cited = r"$N \subset K$ is an $r$-net of $K$ if every point of $K$ is within distance $r$ of $N$"
    assert claim_markdown(cited) == cited and not claim_markdown(cited).startswith("$$")
    assert claim_markdown(r"x \le 1") == r"$$x \le 1$$"
    assert prose_markdown(r"10\% of \mathcal{F}") == r"10% of $\mathcal{F}$"


def test_tex_text_has_no_tex_left():
    text = tex_text(r"\left(\sqrt{\frac{nd}{p}}\right) \ge \widetilde{\Omega}_{x} \quad \mathbb{P}")
    assert "\\" not in text and "{" not in text and "√" in text and "ℙ" in text


def test_counterexample_text():
    assert counterexample_text({"x": "1/2", "d": "15"}) == "x = 1/2, d = 15"


def test_notebook_step_is_shown_once_with_its_plain_text_kept(capsys):
    from derivations.lemma_2_1 import RESULT
    from symbolic.notebook import StepView, run, show_step
    runs = run(RESULT, samples=100)
    view = StepView(runs["claim"])
    assert repr(view).startswith("claim [verbatim]: refuted") and view._repr_markdown_().startswith("**`claim`**")
    show_step(runs["claim"])            # outside Jupyter: the plain text, once
    out = capsys.readouterr().out
    assert out.count("claim [verbatim]: refuted") == 1 and "**`claim`**" not in out


def test_terminal_table_wraps_details_instead_of_cutting_them():
    from symbolic.report import to_table
    long = "counterexample " + ", ".join(f"x{i} = {i}/7" for i in range(40)) + ". What to do: use eps/4."
    step = {**STEP, "detail": long}
    report = {"results": [{"title": "Lemma 9.1", "verdict": "refuted", "steps": [step]}],
              "summary": {v: 0 for v in ("proved", "refuted", "evidence", "cited", "vacuous", "unknown")}}
    text = to_table(report, width=100)
    assert "..." not in text and "What to do: use eps/4." in " ".join(text.split())
    assert all(len(line) <= 100 for line in text.splitlines())
