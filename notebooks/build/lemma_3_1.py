"""Build notebooks/lemma_3_1.ipynb (cells only; execute with `python -m tools.run_notebooks`).

Usage: python notebooks/build/lemma_3_1.py
"""
import pathlib

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

OUT = pathlib.Path(__file__).resolve().parents[1] / "lemma_3_1.ipynb"

cells = [
    new_markdown_cell(r"""# Lemma 3.1 — the parametrization of a deep network is Lipschitz

Bubeck & Sellke, *A Universal Law of Robustness via Isoperimetry* (arXiv:2105.12806v1), Section 3.

With $B(\boldsymbol{w}) = \max_{i \in \{0,\dots,D\}} \prod_{j \ne i} \|W_j\|_{op}$:

> **Lemma 3.1.** Let $x \in \mathbb{R}^d$ such that $\|x\| \leq R$, and $\mathbf{w}_1, \mathbf{w}_2 \in \mathbb{R}^p$ such that
> $B(\mathbf{w}_1), B(\mathbf{w}_2) \leq \overline{B}$. Then one has
> $$|f_{\boldsymbol{w}_1}(x) - f_{\boldsymbol{w}_2}(x)| \leq \overline{B}QR\sqrt{p}\|\boldsymbol{w}_1 - \boldsymbol{w}_2\|.$$
> Moreover for any $\mathbf{w} \in [-W, W]^p$ with $W \ge 1$, one has $B(\boldsymbol{w}) \leq (W\sqrt{pQ})^D$.

The paper's class of networks allows **bias terms** and **skip connections**. A claim about every network is refuted
by one network, so each verbatim claim is checked on a small explicit family of the class (scalar depth-2 networks
$f = W_2\,\mathrm{relu}(W_1x + b_1) + b_2$, a net with one skip connection, the scalar chain $W_2 W_1$), where z3 finds
an exact counterexample; every counterexample is plugged back into the real network model `derivations.models.networks`
below. What holds for *all* plain networks is supported by an adversarial search: **evidence**, never *proved*."""),
    new_code_cell(r"""# Fixed settings: the same seed gives the same outputs.
from fractions import Fraction as Fr
import numpy as np
import sympy
sympy.init_printing(use_unicode=False, wrap_line=False)
from derivations.lemma_3_1 import RESULT
from derivations.models import networks
from symbolic.notebook import run, show_findings, show_step, show_summary
SEED, DPS, SAMPLES = 0, 50, 2000
runs = run(RESULT, seed=SEED, dps=DPS, samples=SAMPLES)
show_summary(runs)

def show_experiment(r):
    # a step decided by an adversarial search (no obligation): its verdict and the figures
    s = r.step
    print(f"{s.slug} [{s.kind}]: {r.verdict} ({r.method})")
    print(f"  why:   {s.rule}")
    print(f"  check: {r.detail}")
    ev = r.check.evidence
    if ev is not None:
        print(f"  {ev.points} evaluations; smallest margin 1 - ratio = {ev.min_margin}")

def B_chain(a, c):
    # B of the scalar chain W2 sigma(W1 x): max(|W1||W2|, |W2|, |W1|), exact
    return max(abs(a) * abs(c), abs(a), abs(c))"""),
    new_markdown_cell(r"""## Findings

What the audit finds, one finding per root cause: its class (`false-statement`, `false-step`, `imprecise`, `gap`), the steps it explains, the repair and whether the repaired proof still gives the stated result. The steps below are the evidence."""),
    new_code_cell("""show_findings(RESULT, runs)"""),
    new_markdown_cell(r"""## "$B(\boldsymbol{w})$ is an upper bound on the Lipschitz constant of $x \mapsto f_{\boldsymbol{w}}(x)$"

True for plain layers (each layer is $\|W_j\|_{op}$-Lipschitz), false with a skip connection: the input reaches the
output both through $W_1$ and directly. With $W_1 = (u)$ and $W_2 = (v, s)$ reading $[x; h_1]$ (identity activations),
$f_{\boldsymbol{w}}(x) = (v + su)x$."""),
    new_code_cell(r"""show_step(runs["lipschitz-in-x"])
c = {k: Fr(v) for k, v in runs["lipschitz-in-x"].check.counterexample.items()}
skip = networks.plain_architecture(1, (1, 1), skip=True, activation="identity")
w = [c["u"], c["v"], c["s"]]
slope = skip.forward_exact(w, [Fr(1)]) - skip.forward_exact(w, [Fr(0)])
print(f"network model: f_w(x) = {slope} x, B(w) = {float(skip.B_mp(w, 30)):.6f}")
w = [Fr(1), Fr(3, 5), Fr(4, 5)]
print(f"the simplest case w = (1, 3/5, 4/5): f_w(1) = {skip.forward_exact(w, [Fr(1)])}, B(w) = {float(skip.B_mp(w, 30)):.6f}")"""),
    new_markdown_cell(r"""## The first claim

$B(\boldsymbol{w})$ only sees the matrices $W_j$; the biases enter $f_{\boldsymbol{w}}$ but not the bound. Two parameter
vectors that differ in the output weight $W_2$ change $f$ by $(W_2 - V_2)(W_1x + b_1)$, while the bound
$\overline{B}QR\sqrt{p}\|\boldsymbol{w}_1 - \boldsymbol{w}_2\| = 2\overline{B}R|W_2 - V_2|$ does not see $b_1$. The bound fails
at $R = 1$ (so $R \ge 1$ does not rescue it), and even at $x = 0$."""),
    new_code_cell(r"""show_step(runs["first-claim"])
c = {k: Fr(v) for k, v in runs["first-claim"].check.counterexample.items()}
net = networks.plain_architecture(1, (1, 1), bias=True, activation="relu")
w1, w2, x = [c["W1"], c["W2"], c["b1"], 0], [c["W1"], c["V2"], c["b1"], 0], [c["x"]]
lhs = abs(net.forward_exact(w1, x) - net.forward_exact(w2, x))
print(f"network model: |f_w1(x) - f_w2(x)| = {lhs}; B(w1) = {B_chain(c['W1'], c['W2'])}, B(w2) = {B_chain(c['W1'], c['V2'])}, "
      f"Bbar = {c['Bbar']}; bound Bbar Q R sqrt(p) ||w1 - w2|| = {c['Bbar'] * c['R'] * 2 * abs(c['W2'] - c['V2'])}")"""),
    new_markdown_cell(r"""## The second claim and the norm chain

$\|W_j\|_{op} \le \|W_j\|_F$ (checked for $2\times 2$ matrices through the top eigenvalue of $W_j^TW_j$), and
$\|W_j\|_F^2 = \sum_a m_a w_a^2 \le pQW^2$ since at most $Q$ entries are tied to one parameter. With
$M = W\sqrt{pQ} \ge 1$ every product of $D$ or $D-1$ norms is at most $M^D$ (checked for $D = 3$). The one exception is
degenerate: $Q = 0$ and $D = 1$, where $B = 1$ (empty product) and $(W\sqrt{pQ})^D = 0$."""),
    new_code_cell(r"""for slug in ["opnorm-le-frobenius", "frobenius-le-bound", "second-claim"]:
    show_step(runs[slug]); print()"""),
    new_markdown_cell(r"""## The proof: the gradient step

$\|\nabla g_x(\boldsymbol{w})\|_\infty \le B(\boldsymbol{w})QR$: for $g_x(\boldsymbol{w}) = W_2\,\mathrm{relu}(W_1x + b_1) + b_2$ the
derivative in $b_2$ is $1$, whatever $B(\boldsymbol{w})$ and $R$. Without biases (and $\sigma(0) = 0$, no skip connection)
it holds: proved on the scalar family for any 1-Lipschitz activations, and not violated by an adversarial search over
random plain architectures. The passage to the Euclidean norm ($\sqrt{p}$) is valid."""),
    new_code_cell(r"""show_step(runs["gradient-inf"])
c = {k: Fr(v) for k, v in runs["gradient-inf"].check.counterexample.items()}
g = net.grad_w_exact([c["W1"], c["W2"], c["b1"], 0], [c["x"]])
print("exact backprop: grad g_x(w) =", [str(v) for v in g], f"; B(w) Q R = {B_chain(c['W1'], c['W2']) * c['R']}")
print()
show_step(runs["gradient-l2"])"""),
    new_markdown_cell(r"""## Convexity of $B$ and the segment

Each $\|W_j\|_{op}$ is convex in $\boldsymbol{w}$, but a product of non-negative convex functions is not convex:
on the scalar chain, $B(2, 8) = B(8, 2) = 16 < B(5, 5) = 25$. So "$B \le \overline{B}$ on the entire segment" fails too;
the mean-value step is sound (cited) but is fed a bound that does not hold."""),
    new_code_cell(r"""for slug in ["convexity", "segment-bound", "mean-value"]:
    show_step(runs[slug]); print()
chain = networks.plain_architecture(1, (1, 1), activation="relu")
print("B(2, 8), B(8, 2), B(5, 5) =", B_chain(2, 8), B_chain(8, 2), B_chain(5, 5))
r2 = networks.certify_exact("convexity", chain, [2, 8], w2=[8, 2], t=Fr(1, 2))
print(f"network model, certified: (B(midpoint) / max(B(w1), B(w2)))^2 >= {float(r2):.6f}")"""),
    new_markdown_cell(r"""## Repairs

* $B \ge \mathrm{Lip}(x \mapsto f_{\boldsymbol{w}})$ holds for plain layers (proved on the scalar depth-2 family, any
  1-Lipschitz activation, with biases).
* The gradient step holds without biases (proved on the scalar family; evidence on random plain networks).
* On the segment, $B(\boldsymbol{w}_t) \le \tilde B = \max_i \prod_{j \ne i} \max(\|W_j(\boldsymbol{w}_1)\|_{op}, \|W_j(\boldsymbol{w}_2)\|_{op})$
  (each norm is convex): with it the proof goes through for plain networks, with $\tilde B$ in place of $\overline{B}$.
* The first claim *as stated*, for plain networks: no violation found by the adversarial search — **evidence only**.

A bias-aware version (augmenting $W_j$ by its bias column and $x$ by a constant 1, i.e. $R \to \sqrt{R^2 + 1}$) is
plausible but not checked here."""),
    new_code_cell(r"""for slug in ["lipschitz-in-x-plain", "gradient-inf-plain-scalar", "convexity-norms", "segment-bound-repaired"]:
    show_step(runs[slug]); print()
for slug in ["gradient-inf-plain", "first-claim-plain"]:
    show_experiment(runs[slug]); print()"""),
    new_markdown_cell(r"""## Observed Lipschitz ratios against the bound

Random networks of depth 1–3 ($d = 2$, width 3), three classes: plain (no bias, no skip connection), with biases, and
with skip connections; random $\boldsymbol{w}_1$, a nearby $\boldsymbol{w}_2$ and $\|x\| \le R = 1$. Each point is
$|f_{\boldsymbol{w}_1}(x) - f_{\boldsymbol{w}_2}(x)| / \|\boldsymbol{w}_1 - \boldsymbol{w}_2\|$ against
$\overline{B}QR\sqrt{p}$ with $\overline{B} = \max(B(\boldsymbol{w}_1), B(\boldsymbol{w}_2))$; above the diagonal
violates Lemma 3.1. Random sampling rarely finds violations (the bound has a slack of $\sqrt{p}$); the stars are the
exact counterexample above and the worst case of an adversarial search on a biased net."""),
    new_code_cell(r"""%matplotlib inline
import matplotlib.pyplot as plt
rng = np.random.default_rng(SEED)
classes = {"plain": dict(skip=False, bias=False), "biases": dict(skip=False, bias=True), "skip connections": dict(skip=True, bias=False)}
points = {}
for name, kw in classes.items():
    obs, bnd = [], []
    for k in range(60):
        arch = networks.random_architecture(rng, 1 + k % 3, 3, 2, activations=("relu", "tanh"), **kw)
        for _ in range(5):
            scale = 10 ** rng.uniform(-1.5, 0.5)
            w1 = rng.normal(size=arch.p) * scale
            w2 = w1 + rng.normal(size=arch.p) * scale * 10 ** rng.uniform(-3, 0)
            x = rng.normal(size=arch.d); x *= rng.uniform(0, 1) / np.linalg.norm(x)
            obs.append(networks.lipschitz_observed(arch, w1, w2, x))
            bnd.append(networks.lipschitz_bound(arch, w1, w2, 1.0))
    points[name] = (np.array(obs), np.array(bnd))
    o, b = points[name]
    print(f"{name:<17} {len(o)} samples, above the bound: {int(np.sum(o > b))}, largest ratio {np.max(o / b):.4f}")
worst = networks.adversarial_search(net, np.random.default_rng(SEED), steps=400, check="lipschitz", R=1.0, restarts=2)
print(f"adversarial search on the biased scalar net: ratio {float(worst.recheck_mp(50)):.4f} (mpmath)")
c = {k: Fr(v) for k, v in runs["first-claim"].check.counterexample.items()}
ex_obs = float(lhs / abs(c["W2"] - c["V2"])); ex_bnd = float(c["Bbar"] * c["R"] * 2)

fig, ax = plt.subplots(figsize=(6, 5))
for (name, (o, b)), m in zip(points.items(), ["o", "s", "^"]):
    ax.scatter(b, o, s=10, marker=m, alpha=0.6, label=name)
wb = networks.lipschitz_bound(net, worst.w, worst.w2, 1.0)
ax.scatter([ex_bnd, wb], [ex_obs, networks.lipschitz_observed(net, worst.w, worst.w2, worst.x)], marker="*", s=150,
           color="k", label="biased net: z3 / search")
lo, hi = 1e-4, 1e4
ax.plot([lo, hi], [lo, hi], "k--", lw=1, label="bound")
ax.set(xscale="log", yscale="log", xlim=(lo, hi), ylim=(1e-6, hi), xlabel=r"$\overline{B}QR\sqrt{p}$",
       ylabel=r"$|f_{w_1}(x) - f_{w_2}(x)| / \|w_1 - w_2\|$", title="Lemma 3.1: observed vs bound")
ax.legend(fontsize=8)
plt.show()"""),
    new_markdown_cell(r"""## What if? Try your own variant of the proof

`what_if(RESULT, {constant: value})` re-checks every step of the result that uses one of its declared constants,
with the value you give, through the same sound procedures as the audit, and says step by step which still hold and
which fail (with a counterexample), then whether the statement survives. Constants are named as in the constants table
(`declared_constants(RESULT)` lists them). Edit the values below and re-run the cell.

The second claim needs the full power $D$ of $W\sqrt{pQ}$: with $D - 1$ it fails."""),
    new_code_cell("""import sympy
from symbolic.whatif import declared_constants, what_if
print(what_if(RESULT, {"D": 2}))
print()"""),
    new_code_cell(r"""# NBVAL_IGNORE_OUTPUT
# Wall time of each step (machine dependent, not compared by nbval).
for slug, r in runs.items():
    print(f"{slug:<28} {r.seconds:6.3f} s")"""),
]

nb = new_notebook(cells=cells, metadata={"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                                         "language_info": {"name": "python"}})
nbformat.write(nb, OUT)
print(f"wrote {OUT}")
