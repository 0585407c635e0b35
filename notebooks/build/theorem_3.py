"""Build notebooks/theorem_3.ipynb (Theorem 3 and Section 3) with nbformat; outputs are added by
``python -m tools.run_notebooks notebooks/theorem_3.ipynb``."""
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

MD, CODE = new_markdown_cell, new_code_cell

cells = [
    MD(r"""# Theorem 3 and Section 3 — the law of robustness for parametrized classes and deep networks

Bubeck & Sellke, *A Universal Law of Robustness via Isoperimetry* (arXiv:2105.12806v1), Sections 2 and 3.

> **Theorem 3.** If $\mathcal F = \{f_{\boldsymbol w}: \boldsymbol w \in \mathcal W\}$, $\mathcal W \subset \mathbb R^p$,
> $\mathrm{diam}(\mathcal W) \le W$, $\|f_{\boldsymbol w_1} - f_{\boldsymbol w_2}\|_\infty \le J\|\boldsymbol w_1 - \boldsymbol w_2\|$,
> $\mu$ is a mixture of $k$ $c$-isoperimetric measures with $8^4 k \log(8k/\delta) \le n\epsilon^2$ and $\sigma^2 > 0$, then with
> probability at least $1-\delta$, for all $f \in \mathcal F$:
> $$\frac{1}{n} \sum_{i=1}^{n} (f(x_i) - y_i)^2 \le \sigma^2 - \epsilon \implies \operatorname{Lip}(f) \ge \frac{\epsilon}{2^9 \sqrt{c}} \sqrt{\frac{nd}{p \log(60WJ\epsilon^{-1}) + \log(4/\delta)}}.$$

The proof takes an $\frac{\epsilon}{6J}$-net of $W_L = \{\boldsymbol w: \mathrm{Lip}(f_{\boldsymbol w}) \le L\}$, applies Theorem 2 to
the net at $(\epsilon/2, 2L)$, and moves back to all of $\mathcal F$ by a sup-norm approximation. Each step below quotes the
paper and shows the verdict of the engine. Theorem 2 is used as the paper states it (it is audited in its own notebook)."""),
    CODE("""# Fixed settings: the same seed gives the same outputs.
import sympy
sympy.init_printing(use_unicode=False, wrap_line=False)
from derivations import theorem_3 as T3, section_3 as S3
from symbolic.notebook import run, show_findings, show_step, show_summary
SEED, DPS, SAMPLES = 0, 50, 2000
runs = run(T3.RESULT, seed=SEED, dps=DPS, samples=SAMPLES)
show_summary(runs)"""),
    MD(r"""## Findings

What the audit finds, one finding per root cause: its class (`false-statement`, `false-step`, `imprecise`, `gap`), the steps it explains, the repair and whether the repaired proof still gives the stated result. The steps below are the evidence."""),
    CODE("""show_findings(T3.RESULT, runs)"""),
    MD(r"""## The net and its size

A set of diameter $\le W$ lies in a ball of radius $W$ around any of its points, and a maximal $r$-separated subset is an
internal $r$-net with at most $(1 + 2W/r)^p$ points (Vershynin 2018, Lemma 4.2.8 and Proposition 4.2.12). With
$r = \epsilon/(6J)$ this is $(1 + 12WJ/\epsilon)^p$, which is at most the paper's $(60WJ/\epsilon)^p$ only when
$\epsilon \le 48WJ$ — a condition Theorem 3 does not state. Worse, when $60WJ < \epsilon$ the paper's bound is below 1,
while a net of a non-empty $W_L$ has a point (a one-function class $\mathcal W = \{0\}$ realises this for any $W$)."""),
    CODE("""for slug in ["net-definition", "net-size", "net-size-claim"]:
    show_step(runs[slug]); print()"""),
    CODE("""# The counterexample to the claim itself, in exact arithmetic.
from fractions import Fraction as Fr
c = {k: Fr(v) for k, v in runs["net-size-claim"].check.counterexample.items()}
bound = (60 * c["W"] * c["J"] / c["eps"]) ** int(c["p"])
print("(60WJ/eps)^p =", bound, "=", f"{float(bound):.6f}", "< 1 <= size of any net of a non-empty W_L:", bound < 1)"""),
    MD(r"""## Theorem 2 at $(\epsilon/2, 2L)$: the constants $8^4k$ and $8^6$

Theorem 2 states $4k\exp(-n\epsilon^2/(8^3k)) + 2\exp(\log|\mathcal F| - \epsilon^2 nd/(8^4cL^2))$. At $\epsilon' = \epsilon/2$,
$L' = 2L$ the exponents become $n\epsilon^2/(2^{11}k)$ and $\epsilon^2nd/(2^{16}cL^2)$; the paper writes $8^4k = 2^{12}k$ and
$8^6 = 2^{18}$ — weaker, so they hold (loose by 2 and 4). The constants below are computed from Theorem 2's form.
$\mathrm{Lip}(f) \le 2L$ on the net holds because a net of $W_L$ is a subset of it ($W_{L,\epsilon} \subseteq W_L$, then
$\le L$), as the cited definition of an $\epsilon$-net says."""),
    CODE("""for slug in ["theorem-2-first-term", "theorem-2-second-term", "lip-2l"]:
    show_step(runs[slug]); print()
print("supported exponent constants:", T3.SUPPORTED_FIRST, "(first, per k) and", T3.SUPPORTED_SECOND, "(second)")"""),
    MD(r"""## The sup-norm approximation step — a finding

Reduced to one data point (the average of $n$ copies of a point is that point):
$(y-f)^2 - (y-g)^2 = (g-f)(2y-f-g)$ with $|g-f| \le \epsilon/6$ and $|2y-f-g| \le 4$ gives $2\epsilon/3$, not $\epsilon/2$.
The family $y = 1$, $f = -1$, $g = -1 + \epsilon/6$ reaches $2\epsilon/3 - \epsilon^2/36 > \epsilon/2$. An
$\epsilon/(8J)$-net repairs it with every other constant unchanged (its size $(1 + 16WJ/\epsilon)^p \le (60WJ/\epsilon)^p$
when $\epsilon \le 44WJ$)."""),
    CODE("""for slug in ["sup-norm-fit", "sup-norm-fit-supported", "clip-wlog"]:
    show_step(runs[slug]); print()"""),
    CODE("""# Plug the counterexample in by hand, in exact arithmetic.
c = {k: Fr(v) for k, v in runs["sup-norm-fit"].check.counterexample.items()}
print("|f - g| =", abs(c["f"] - c["g"]), "<= eps/6 =", c["eps"] / 6, ":", abs(c["f"] - c["g"]) <= c["eps"] / 6)
print("(y - f)^2 =", (c["y"] - c["f"]) ** 2, "  eps/2 + (y - g)^2 =", c["eps"] / 2 + (c["y"] - c["g"]) ** 2)
print("claim holds:", (c["y"] - c["f"]) ** 2 <= c["eps"] / 2 + (c["y"] - c["g"]) ** 2)"""),
    MD(r"""## Back to all of $\mathcal F$

A function fitting below $\sigma^2 - \epsilon$ has a net neighbour within $\epsilon/6$ in sup norm (first assumption), which
fits below $\sigma^2 - \epsilon/2$ — if the sup-norm step holds (with the repair it does)."""),
    CODE("""for slug in ["event-transfer", "net-approximation"]:
    show_step(runs[slug]); print()"""),
    MD(r"""## The choice of $L$ and the condition on $k$

With $P = p\log(60WJ/\epsilon) + \log(4/\delta)$ and $L = \frac{\epsilon}{2^9\sqrt c}\sqrt{nd/P}$, $\epsilon^2nd/(8^6cL^2) = P$
exactly (since $8^6 = 2^{18}$), so the second term is $2e^{-\log(4/\delta)} = \delta/2$. The condition
$8^4k\log(8k/\delta) \le n\epsilon^2$ makes the first term at most $4k\cdot\delta/(8k) = \delta/2$. Both are checked in
logarithms. $L$ is a real number only if $P > 0$ — which fails for small $WJ/\epsilon$ unless $\epsilon \le 48WJ$ is added."""),
    CODE("""for slug in ["first-term-delta", "second-term-delta", "bound-well-defined", "union-delta", "final-statement"]:
    show_step(runs[slug]); print()"""),
    MD(r"""## Repaired statement

With an $\epsilon/(8J)$-net and the added hypothesis $\epsilon \le 44WJ$, every step holds with the paper's constants
(given Theorem 2 as stated)."""),
    CODE("""for slug in ["net-size-repaired", "net-size-claim-repaired", "sup-norm-fit-repaired", "bound-well-defined-repaired"]:
    show_step(runs[slug]); print()"""),
    MD(r"""# Section 3 — deep networks

Lemma 3.1 gives $J = \overline BQR\sqrt p$ with $\overline B = (W\sqrt{pQ})^D$; the paper takes $J = R(WQp)^D$. The ratio
$R(WQp)^D / (\overline BQR\sqrt p)$ is $Q^{D/2-1}p^{(D-1)/2}$: at least 1 for $D \ge 2$, but $Q^{-1/2} < 1$ at depth 1 with
weight sharing. Independently of Lemma 3.1, a variable output bias forces $J \ge 1$, which $R(WQp)^D$ is not when $R$ is
small. (3.1) and (3.2) are then made explicit: the $\tilde\Omega$ hides $\frac{\epsilon}{2^9\sqrt c}\Lambda^{-1/2}$ with
$\Lambda = \log\frac{240RW^2Qp}{\epsilon\delta}$ for (3.1), and needs $\overline B \ge e$ for (3.2)."""),
    CODE("""runs3 = run(S3.RESULT, seed=SEED, dps=DPS, samples=SAMPLES)
show_summary(runs3)
for slug in runs3:
    print(); show_step(runs3[slug])"""),
    CODE("""# The depth-1 counterexample by hand: Lemma 3.1's J against R(WQp)^D (squares compared exactly).
c = {k: Fr(v) for k, v in runs3["j-choice"].check.counterexample.items()}
D, W, Q, p, R = int(c["D"]), c["W"], c["Q"], c["p"], c["R"]
print("D =", D, " Q =", Q, " (Lemma J)^2 =", (R * W * p * Q) ** 2 * Q, " (paper J)^2 =", (R * W * Q * p) ** 2)"""),
    MD(r"""## What if? Try your own variant of the proof

`what_if(RESULT, {constant: value})` re-checks every step of the result that uses one of its declared constants,
with the value you give, through the same sound procedures as the audit, and says step by step which still hold and
which fail (with a counterexample), then whether the statement survives. Constants are named as in the constants table
(`declared_constants(RESULT)` lists them). Edit the values below and re-run the cell.

A smaller $2^9$ makes the $\delta$ bookkeeping fail (sampling finds a counterexample, certified in arb); given Theorem 2 as stated, $8^6$ could be $2^{16}$."""),
    CODE("""import sympy
from symbolic.whatif import declared_constants, what_if
print(what_if(T3.RESULT, {"2^9": 2**8}))
print()
print(what_if(T3.RESULT, {"8^6": 2**16}))
print()"""),
    CODE("""# NBVAL_IGNORE_OUTPUT
# Wall time of each step (machine dependent, not compared by nbval).
for slug, r in list(runs.items()) + list(runs3.items()):
    print(f"{slug:<32} {r.seconds:6.3f} s")"""),
]

nb = new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
out = Path(__file__).resolve().parents[1] / "theorem_3.ipynb"
nbformat.write(nb, out)
print(out)
