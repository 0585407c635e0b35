"""Build notebooks/theorem_2.ipynb (cells only; execute with tools.run_notebooks)."""
import pathlib

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

md, code = new_markdown_cell, new_code_cell
cells = [
    md(r"""# Theorem 2 — the finite-class law of robustness, audited step by step

Bubeck & Sellke, *A Universal Law of Robustness via Isoperimetry* (arXiv:2105.12806v1), Section 2.

> **Theorem 2.** If $\mu = \sum_\ell \alpha_\ell \mu_\ell$ with each $\mu_\ell$ satisfying $c$-isoperimetry and
> $\sigma^2 = \mathbb{E}^\mu[\mathrm{Var}[y|x]] > 0$, then
> $$\mathbb{P}\left(\exists f \in \mathcal{F} : \frac{1}{n} \sum_{i=1}^{n} (y_i - f(x_i))^2 \le \sigma^2 - \epsilon \text{ and } \operatorname{Lip}(f) \le L\right) \le 4k \exp\left(-\frac{n\epsilon^2}{8^3 k}\right) + 2 \exp\left(\log(|\mathcal{F}|) - \frac{\epsilon^2 nd}{8^4 c L^2}\right).$$

Every step of the proof is encoded verbatim in `derivations/theorem_2.py`; the sub-Gaussian parameters are computed
by the rules of `symbolic/concentration.py` (paper's convention: $X$ is $C$-subgaussian when
$\mathbb{P}(|X| \ge t) \le 2e^{-t^2/C}$). Probability bounds are compared through their exponents."""),
    code("""# Fixed settings: the same seed gives the same outputs.
import sympy
sympy.init_printing(use_unicode=False, wrap_line=False)
from derivations import theorem_2 as T2
from symbolic.notebook import run, show_findings, show_step, show_summary
SEED, DPS, SAMPLES = 0, 50, 2000
runs = run(T2.RESULT, seed=SEED, dps=DPS, samples=SAMPLES)
show_summary(runs)"""),
    md(r"""## Findings

What the audit finds, one finding per root cause: its class (`false-statement`, `false-step`, `imprecise`, `gap`), the steps it explains, the repair and whether the repaired proof still gives the stated result. The steps below are the evidence."""),
    code("""show_findings(T2.RESULT, runs)"""),
    md(r"""## Clipping

Replacing $f$ by $\mathrm{clip}(f) = \max(-1, \min(1, f))$ moves every value towards any label $y \in [-1,1]$ and is
1-Lipschitz, so the range of $f$ may be taken in $[-1,1]$."""),
    code("""show_step(runs["clipping"])"""),
    md(r"""## The sub-Gaussian parameters — a finding

Definition 1.1 says $\mathbb{P}(|f - \mathbb{E}f| \ge t) \le 2e^{-dt^2/(2cL^2)}$, i.e. $f - \mathbb{E}f$ is
$2cL^2/d$-subgaussian. Scaling by $\sqrt{d/c}/L$ multiplies the parameter by $d/(cL^2)$: the result is **2**, not 1.
The rules compute the whole chain:"""),
    code("""for X in (T2.Y_RULE, T2.YZ_RULE, T2.S_RULE):
    print(f"{X.name}: {X.parameter}-subgaussian")
    for rule, source in X.trail:
        print(f"    {rule}: {source}")
print("from the paper's stated 1:", T2.YZ_STATED.parameter, "then", T2.S_STATED.parameter)"""),
    md(r"""The stated parameter 1 is tested on the Gaussian $\mathcal{N}(0, I_d/d)$, which satisfies 1-isoperimetry:
with $f = \mathrm{clip}(x_1, -1, 1)$, $d = 16$, $L = 1$, $Y$ is a standard normal clipped at 4, so
$\mathbb{P}(|Y| \ge t) = \operatorname{erfc}(t/\sqrt2)$, which exceeds $2e^{-t^2}$ near $t = 2$. The product with the
noise ("4-subgaussian") fails likewise on a noise with $g \equiv 9/10$ (then $z = -19/10$ with probability $1/20$)."""),
    code("""for slug in ["isoperimetry-subgaussian", "isoperimetry-subgaussian-repaired", "multiplier", "multiplier-repaired"]:
    show_step(runs[slug]); print()"""),
    code("""# The first counterexample by hand, in 30 digits.
import mpmath
mpmath.mp.dps = 30
t = mpmath.mpf(sympy.Rational(runs["isoperimetry-subgaussian"].check.counterexample["t"]))
print("t =", t, " P(|Y| >= t) =", mpmath.nstr(mpmath.erfc(t / mpmath.sqrt(2)), 8),
      " 2 exp(-t^2) =", mpmath.nstr(2 * mpmath.exp(-t ** 2), 8))"""),
    md(r"""## Proposition 1.2 and (2.3)

From the stated 4, Proposition 1.2 gives $18 \cdot 4 = 72 \le 81 = 9^2$: the $(t/9)^2$ line follows (loosely) from its
premise. The 18 is not taken on faith: the cited sources give only an absolute constant, and the engine derives the
factor $K = 4A$ itself from the paper's convention (tail $\to$ moments $\to$ MGF $\to$ Chernoff; see the
Proposition 1.2 notebook). From Definition 1.1 the summand is 8-subgaussian, so the sum is $8K$-subgaussian, within the
paper's $(t/9)^2$; with the paper's 18 it would be $144$-subgaussian, and the rewrite at $t = (\epsilon/6)\sqrt{nd/c}/L$
would need $36 \cdot 144 = 5184 > 8^4$."""),
    code("""print("derived factor K =", T2.PROP_FACTOR, "=", sympy.Float(T2.PROP_FACTOR, 6), " (the paper: 18)")
print("sum from Definition 1.1:", T2.S_RULE.parameter, "-subgaussian =", sympy.Float(T2.S_RULE.parameter, 6), "<= 81")
print("8^4 needed: eps/6 split", T2.D23_RULES, "=", sympy.Float(T2.D23_RULES, 6),
      "; eps/8 split", T2.D23_REPAIRED, "=", sympy.Float(T2.D23_REPAIRED, 6), "; with the paper's 18 at eps/8:",
      T2.D23_REPAIRED_18)
for slug in ["proposition-1-2", "proposition-1-2-from-definition", "proposition-1-2-repaired", "display-2-3"]:
    show_step(runs[slug]); print()"""),
    md(r"""## (2.4), Hoeffding and the union bound for $k = 1$"""),
    code("""for slug in ["display-2-4", "hoeffding-2-4", "split-eps-3", "union-bound-k1", "conclusion-k1"]:
    show_step(runs[slug]); print()"""),
    md(r"""## The case $k > 1$

The max identity is checked per component ($ms \le |s|$ on $[-1,1]$, attained at $m = \pm1$); Cauchy–Schwarz on the
instance $k = 4$. Hoeffding per component is exact ($8$) for a non-empty component, but for an empty one the event
$|0| \ge 0$ is sure — the union bound must run over the non-empty components (same final bound)."""),
    code("""for slug in ["isoperimetry-subgaussian-mixture", "isoperimetry-subgaussian-mixture-repaired", "display-2-5",
             "display-2-5-repaired",
             "max-identity", "rewrite-2-4-mixture", "cauchy-schwarz", "threshold-inclusion", "split-components",
             "hoeffding-component", "hoeffding-component-empty", "hoeffding-component-repaired", "final-k"]:
    show_step(runs[slug]); print()"""),
    md(r"""## The assembled statement and its repair

Lemma 2.1 holds only with $\epsilon/4$ (see the Lemma 2.1 notebook), so the split is $\epsilon/8 + \epsilon/8$. With
the sub-Gaussian parameters Definition 1.1 gives and Proposition 1.2's derived factor, (2.3) and (2.5) need
$64 \cdot 8K \approx 2264 \le 8^4$: **the $8^4$ survives** (with the paper's 18 it would need $9216$). Hoeffding at
$\epsilon/8$ gives exactly $8^3$, so the first term is unchanged: the repaired proof gives Theorem 2 as stated."""),
    code("""for slug in ["statement", "split-eps-4", "display-2-3-repaired", "hoeffding-2-4-repaired-eps8",
             "final-k-repaired-eps8"]:
    show_step(runs[slug]); print()"""),
    md(r"""## Constant audit"""),
    code("""for slug, r in runs.items():
    for c in r.step.constants:
        print(f"{slug:<34} {c.name:<56} claimed {str(c.claimed):>5}  supported {str(c.supported):>5}  {c.status}")"""),
    md(r"""## Monte Carlo cross-check

At $n = 200$, $d = 16$, $L = 1$, $\epsilon = 1/2$ (Gaussian covariates, $g(x) = \frac12\mathrm{clip}(\sqrt d x_2, -1, 1)$,
labels $\pm1$), the frequencies of the events of (2.1)–(2.4) against the paper's bounds (99% Clopper–Pearson).
Monte Carlo is evidence, never a proof; it also catches the "1-subgaussian" claim at $t = 2$."""),
    code("""import numpy as np
from derivations.models import theorem_2_model as MC
setting = MC.Setting(n=200, d=16, L=1.0, g_scale=0.5)
sim = MC.simulate(setting, 20000, seed=SEED, progress=False)
for event in MC.EVENTS:
    out = MC.cross_check(event, setting, 0.5, simulation=sim)
    print(out.verdict, "|", out.detail)
Y = MC.simulate_isoperimetric_variable(MC.Setting(n=1, d=16), 100000, seed=SEED)
hits = int((np.abs(Y) >= 2).sum())
print(MC.compare(hits, Y.size, 2 * sympy.exp(-4), what="|Y| >= 2 vs 1-subgaussian").detail)
print(MC.compare(hits, Y.size, 2 * sympy.exp(-2), what="|Y| >= 2 vs 2-subgaussian").detail)"""),
    code("""# NBVAL_IGNORE_OUTPUT
# Simulated tail of S = sqrt(d/(c n L^2)) sum (f - E f) z_i against the stated and the derived bounds.
%matplotlib inline
import matplotlib.pyplot as plt
ts = np.linspace(0, 6, 121)
emp = np.array([(sim.S >= x).mean() for x in ts])
fig, ax = plt.subplots(figsize=(6, 4))
ax.semilogy(ts, np.maximum(emp, 1e-6), label="simulated P(S >= t)")
ax.semilogy(ts, np.minimum(1, 2 * np.exp(-(ts / 9) ** 2)), label="paper: 2 exp(-(t/9)^2)")
ax.semilogy(ts, np.minimum(1, 2 * np.exp(-ts ** 2 / float(T2.S_RULE.parameter))),
            label="Definition 1.1 + derived Prop 1.2: 2 exp(-t^2/35.4)")
ax.set_xlabel("t"); ax.set_ylabel("probability"); ax.set_ylim(1e-5, 1.5); ax.legend(fontsize=8)
plt.show()"""),
    md(r"""## What if? Try your own variant of the proof

`what_if(RESULT, {constant: value})` re-checks every step of the result that uses one of its declared constants,
with the value you give, through the same sound procedures as the audit, and says step by step which still hold and
which fail (with a counterexample), then whether the statement survives. Constants are named as in the constants table
(`declared_constants(RESULT)` lists them). Edit the values below and re-run the cell.

Halving $8^4$ breaks (2.3) and (2.5) as the paper writes them (with $(t/9)^2$, which needs $2916$ at the $\epsilon/6$
split). The repaired proof, at the $\epsilon/8$ split Lemma 2.1's repair forces, needs about $2264$ with the derived
tail: $2^{11} = 2048$ would not do there either."""),
    code("""import sympy
from symbolic.whatif import declared_constants, what_if
print(what_if(T2.RESULT, {"8^4": 2048}))
print()
print(what_if(T2.RESULT, {"8^4": 2916}))
print()"""),
    code("""# NBVAL_IGNORE_OUTPUT
# Wall time of each step (machine dependent, not compared by nbval).
for slug, r in runs.items():
    print(f"{slug:<42} {r.seconds:6.3f} s")"""),
]
nb = new_notebook(cells=cells, metadata={"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}})
pathlib.Path(__file__).resolve().parents[1].joinpath("theorem_2.ipynb").write_text(nbformat.writes(nb))
