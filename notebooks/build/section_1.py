"""Build notebooks/section_1.ipynb (Theorem 1, Section 1.1, Section 2). Run from the repository root:
``.venv/bin/python notebooks/build/section_1.py`` then execute with ``python -m tools.run_notebooks``."""
import pathlib

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

md, code = new_markdown_cell, new_code_cell
cells = [
    md("""# Section 1 and the heuristic of Section 2 — Theorem 1, the MNIST/ImageNet numbers, the finite-class argument

Bubeck & Sellke, *A Universal Law of Robustness via Isoperimetry* (arXiv:2105.12806v1), Sections 1, 1.1 and 2.

Three results are audited here:

* **`theorem-1`**: the informal law $\\mathrm{Lip}(f) \\ge \\widetilde\\Omega(\\sqrt{nd/p})$ and its restatements in the
  abstract and the introduction, compared with the formal Theorem 3;
* **`section-1.1`**: the speculative numbers for MNIST and ImageNet, each an exact arithmetic claim;
* **`section-2`**: the union-bound heuristic that motivates Theorem 2.

Informal claims ("with high probability", $\\widetilde\\Omega$, "effective dimension") are either `cited` or made explicit:
the quantities they hide become variables of the obligation."""),
    code("""# Fixed settings: the same seed gives the same outputs.
import sympy
sympy.init_printing(use_unicode=False, wrap_line=False)
from derivations import theorem_1, section_1_1, section_2
from symbolic.notebook import run, show_findings, show_step, show_summary
SEED, DPS, SAMPLES = 0, 50, 2000
t1 = run(theorem_1.RESULT, seed=SEED, dps=DPS, samples=SAMPLES)
show_summary(t1)
print()
show_findings(theorem_1.RESULT, t1)"""),
    md("""## Theorem 1: what $\\widetilde\\Omega$ hides

Theorem 3 gives, with probability $1-\\delta$, $\\mathrm{Lip}(f) \\ge \\frac{\\epsilon}{2^9\\sqrt c}\\sqrt{\\frac{nd}{p\\ell + \\lambda}}$ with
$\\ell = \\log(60WJ/\\epsilon)$ and $\\lambda = \\log(4/\\delta)$. This is *exactly* $\\sqrt{nd/p}$ times the factor
$\\epsilon / (2^9\\sqrt c\\,\\sqrt{\\ell + \\lambda/p})$, and with $W, J \\le \\mathrm{poly}(n,d)$ the logarithm $\\ell$ is
$O(\\log(nd) + \\log(1/\\epsilon))$. Theorem 1 never introduces $\\epsilon$, $\\delta$, or Theorem 3's sample-size condition
$8^4 k\\log(8k/\\delta) \\le n\\epsilon^2$: they are listed as implicit assumptions."""),
    code("""for slug in ["informal-statement", "omega-tilde-hidden", "log-factor-expansion", "poly-weights-log"]:
    show_step(t1[slug]); print()"""),
    md("""## The abstract and the introduction

The abstract's "d times more parameters than mere interpolation" is Theorem 3 read backwards: a fitting $f$ with
$\\mathrm{Lip}(f) \\le \\mathrm{Lip}$ forces $p\\ell + \\lambda \\ge \\frac{\\epsilon^2}{2^{18}c\\,\\mathrm{Lip}^2}\\,nd$.

The introduction, in the audited text, says the Lipschitz constant must be larger than $\\sqrt{nd/n}$ $(=\\sqrt d)$.
That has no $p$ in it; it agrees with Theorem 3's $\\sqrt{nd/p}$ only when $p = n$ — most likely a typo."""),
    code("""for slug in ["abstract-d-times", "intro-law", "intro-law-repaired"]:
    show_step(t1[slug]); print()"""),
    md("""## Section 1.1: the MNIST numbers, read as orders of magnitude

The section is, in the paper's words, "highly speculative in nature", and its numbers are orders of magnitude: each is
checked as one, with the tolerance stated, beside the verbatim step, which keeps its exact verdict.
The data: $n = 6\\times10^4$, effective dimension between 15 and 150, so $nd$ runs over $[9\\times10^5, 9\\times10^6]$."""),
    code("""s11 = run(section_1_1.RESULT, seed=SEED, dps=DPS, samples=SAMPLES)
show_summary(s11)
print()
show_findings(section_1_1.RESULT, s11)"""),
    code("""n = section_1_1.N_MNIST
print(f"nd at d = 15 : {n * 15:>12,d}   (paper: 10^6 = {10**6:,d}; relative error {sympy.Rational(10**6 - n * 15, 10**6)})")
print(f"nd at d = 150: {n * 150:>12,d}   (paper: <= 10^7 = {10**7:,d})")
print(f"d giving nd = 10^6 exactly: {sympy.Rational(10**6, n)}")"""),
    code("""for slug in ["mnist-dimension", "mms18-figures", "mnist-nd-range", "mnist-nd-range-approximate", "mnist-nd-range-nearest",
             "rule-of-thumb",
             "one-convention-for-all", "law-vs-rule-of-thumb"]:
    show_step(s11[slug]); print()"""),
    md("""**Finding (imprecise).** Read literally, "$nd$ in $10^6$–$10^7$ for an effective dimension between 15 and 150" misses
at $d = 15$ ($nd = 9\\times10^5$, 10% short); as the order-of-magnitude sentence it is, it holds. On the nearest-power
scale $9\\times10^5 \\sim 10^6$; on the scale $x \\sim 10^k \\iff 10^{k-1/10} \\le x < 10^{k+9/10}$ all three of the
section's orders of magnitude are right (`one-convention-for-all`). None of this changes the paper's qualitative point
(`law-vs-rule-of-thumb`)."""),
    md("""## Section 1.1: ImageNet

$1.4\\times10^7$ images of size $2\\times10^5$, effective dimension "a couple of orders of magnitude smaller". Two orders
give $nd = 2.8\\times10^{10}$, inside $[10^{10}, 10^{11}]$; exactly the reductions $r \\in [28, 280]$ do (three orders would
give $2.8\\times10^9$)."""),
    code("""for slug in ["imagenet-nd", "imagenet-reduction-range", "imagenet-gap"]:
    show_step(s11[slug]); print()"""),
    md("""## Section 2: the finite-class heuristic

$N\\exp(-nd/L^2) = \\exp(\\log N - nd/L^2)$, small when $L \\ll \\sqrt{nd/\\log N}$, with $\\log N = \\widetilde O(p)$. The
isoperimetric step and the discretisation are cited; the constants the heuristic drops are written out: Definition 1.1
gives $2e^{-d/(8cL^2)}$ for the small level set (not $e^{-d/L^2}$), the fraction $q$ of minority labels multiplies the
exponent, and "$\\ll$" becomes $L^2 \\le nd/(K\\log N)$ with $K > 1$, giving probability at most $N^{1-K}$."""),
    code("""s2 = run(section_2.RESULT, seed=SEED, dps=DPS, samples=SAMPLES)
show_summary(s2)
print()
for r in s2.values():
    show_step(r); print()"""),
    md(r"""## What if? Try your own variant of the proof

`what_if(RESULT, {constant: value})` re-checks every step of the result that uses one of its declared constants,
with the value you give, through the same sound procedures as the audit, and says step by step which still hold and
which fail (with a counterexample), then whether the statement survives. Constants are named as in the constants table
(`declared_constants(RESULT)` lists them). Edit the values below and re-run the cell.

Theorem 1 inherits Theorem 3's $2^9$; a larger constant only weakens the bound."""),
    code("""import sympy
from symbolic.whatif import declared_constants, what_if
print(what_if(theorem_1.RESULT, {"2^9": 2**10}))
print()"""),
    code("""# NBVAL_IGNORE_OUTPUT
# Wall time of each step (machine dependent, not compared by nbval).
for runs in (t1, s11, s2):
    for slug, r in runs.items():
        print(f"{slug:<28} {r.seconds:6.3f} s")"""),
]
nb = new_notebook(cells=cells, metadata={
    "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
    "language_info": {"name": "python"}})
out = pathlib.Path(__file__).resolve().parents[1] / "section_1.ipynb"
nbformat.write(nb, out)
print("wrote", out)
