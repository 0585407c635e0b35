"""Lemma 3.1 of Bubeck & Sellke (arXiv:2105.12806v1, Section 3): the parametrization
``w -> f_w`` of a deep network is Lipschitz, with constant ``Bbar Q R sqrt(p)``.

Encoded verbatim, in the paper's order:

1. "B(w) is an upper bound on the Lipschitz constant of ... x -> f_w(x)" (before the lemma);
2. the lemma's two claims, ``|f_w1(x) - f_w2(x)| <= Bbar Q R sqrt(p) ||w1 - w2||`` and
   ``B(w) <= (W sqrt(pQ))^D``;
3. the proof: ``||grad g_x(w)||_inf <= B(w) Q R``, the passage to the Euclidean norm, convexity of
   ``B``, "``B <= Bbar`` on the segment", the mean-value step, and ``||W_j||_op <= ||W_j||_2 <= W sqrt(pQ)``.

How claims about *every* network are checked
-------------------------------------------
A claim is refuted by one network, so a verbatim claim is decided on a small explicit family of
the paper's class (scalar depth-2 networks ``f = W2 relu(W1 x + b1) + b2``, ``d = 1``,
``p = 4``, ``Q = 1``; a skip-connection net; the scalar chain ``W2 W1``) where z3 finds an
exact counterexample.  A counterexample in a sub-family is a counterexample to the claim.
A claim that *holds* is proved only on the family its obligation states (the repaired steps say
which); a statement about all plain networks is supported by an adversarial search over random
architectures (:func:`derivations.models.networks.adversarial_search`), whose verdict is ``evidence``, never
``proved``.

Encodings (each exact, so that z3 gets polynomials and SymPy stays fast):

* ``B(w) <= Bbar`` for the scalar chain is the conjunction ``W1^2 W2^2 <= Bbar^2, W1^2 <= Bbar^2,
  W2^2 <= Bbar^2`` with ``Bbar >= 0`` (``B = max(|W1||W2|, |W2|, |W1|)``, the empty product excluded
  since ``D = 2``).
* A claim ``X <= B(w) * c`` with ``c >= 0`` (``B`` as an upper bound) is stated as
  ``X <= beta * c`` for **every** ``beta >= B(w)``: the two are equivalent because the smallest such
  ``beta`` is ``B(w)``; a counterexample then carries a ``beta >= B(w)``, and the violation at
  ``B(w)`` itself is at least as large.
* ``|u| <= v`` with ``v >= 0`` is ``u^2 <= v^2``.

Findings (with the networks that show them; the author of :mod:`derivations.models.networks` found the same
by search, with the exact networks listed in its docstring):

* "B(w) bounds Lip(x -> f_w)" is false with skip connections (``B = 1``, ``f_w(x) = 7x/5``);
  it holds for plain layers (proved on the scalar depth-2 family, any 1-Lipschitz activation,
  with biases).
* The first claim and the gradient step are false with bias terms (``B`` does not see the
  biases): the bound fails already at ``x = 0``, with ``R = 1``; also with skip connections and
  with an activation with ``sigma(0) != 0`` (softplus) -- see :mod:`derivations.models.networks`.
* ``w -> B(w)`` is not convex for ``D >= 2`` (``B(2, 8) = B(8, 2) = 16 < B(5, 5) = 25``), and
  "``B <= Bbar`` on the segment" is false; the segment is bounded by
  ``Btilde = max_i prod_{j != i} max(||W_j(w1)||_op, ||W_j(w2)||_op)`` instead (each norm is convex).
* The second claim and the norm chain hold (``Q >= 1``).
* For plain networks (no bias, no skip connection, ``sigma(0) = 0``) the first claim itself was
  not violated in any search: ``evidence`` only.

Not checked here: a bias-aware repair (e.g. augmenting ``W_j`` with its bias column and replacing
``R`` by ``sqrt(R^2 + 1)``); see the notes of ``first-claim``.
"""
from __future__ import annotations

import math
import time
from fractions import Fraction

import mpmath
import numpy as np
import sympy
from sympy import And, sqrt

from derivations.models import networks
from symbolic.domain import Domain, Obligation
from symbolic.kernel import Citation
from symbolic.proof import Finding, Parameter, Result, Step, Template
from symbolic.verdict import Evidence, Outcome

LOC = "Section 3, proof of Lemma 3.1"
STATEMENT_LOC = "Section 3, Lemma 3.1"
TEXT_LOC = "Section 3, after the definition of B(w)"

# -- the paper's text ---------------------------------------------------------------------------
Q_LIP_X = (r"Observe that $B(\boldsymbol{w})$ is an upper bound on the Lipschitz constant of the network itself, "
           r"i.e., the map $x\mapsto f_{\boldsymbol{w}}(x)$.")
Q_FIRST = (r"Let $x \in \mathbb{R}^d$ such that $||x|| \leq R$, and $\mathbf{w}_1, \mathbf{w}_2 \in \mathbb{R}^p$ "
           r"such that $B(\mathbf{w}_1), B(\mathbf{w}_2) \leq \overline{B}$. Then one has" "\n\n"
           r"$$|f_{\boldsymbol{w}_1}(x) - f_{\boldsymbol{w}_2}(x)| \leq \overline{B}QR\sqrt{p}||\boldsymbol{w}_1 "
           r"- \boldsymbol{w}_2||.$$")
Q_SECOND = (r"Moreover for any $\mathbf{w} \in [-W, W]^p$ with $W \ge 1$, one has" "\n\n"
            r"$$B(\boldsymbol{w}) \leq (W\sqrt{pQ})^D$$")
Q_GRAD_INF = (r"A standard gradient calculation for multilayer neural networks directly shows that "
              r"$\|\nabla g_x(\boldsymbol{w})\|_{\infty} \leq B(\boldsymbol{w})QR$")
Q_GRAD_L2 = r"so that $\|\nabla g_x(\boldsymbol{w})\| \leq B(\boldsymbol{w})QR\sqrt{p}$."
Q_CONVEX = (r"Moreover, the map $\boldsymbol{w} \mapsto B(\boldsymbol{w})$ is convex since the matrix operator "
            r"norm is convex (and nonnegative)")
Q_SEGMENT = (r"which implies that $B(\boldsymbol{w}) \leq \overline{B}$ on the entire segment "
             r"$[\boldsymbol{w}_1, \boldsymbol{w}_2]$")
Q_MEAN = (r"and thus $\|\nabla g_x(\boldsymbol{w})\| \leq \overline{B}QR\sqrt{p}$ on that segment, which concludes "
          r"the proof of the first claimed inequality.")
Q_NORMS = (r"The second claimed inequality follows directly from $\|W_j\|_{op} \leq \|W_j\|_2 \leq W\sqrt{pQ}$.")

Q_B_DEFINITION = (r"Finally we define" "\n\n" r"$$B(\mathbf{w}) = \max_{i \in \{0,1,\dots,D\}} \prod_{j \in [D], "
                  r"j \neq i} ||W_j||_{op},.$$" "\n\n" r"(The choice i=0 gives the full product while all other choices "
                  r"give the product of D-1 of the D operator norms.)")
QUOTES = (Q_LIP_X, Q_FIRST, Q_SECOND, Q_GRAD_INF, Q_GRAD_L2, Q_CONVEX, Q_SEGMENT, Q_MEAN, Q_NORMS)

NO_BIAS = r"no bias terms $b_{j,\ell}$ ($B(\boldsymbol{w})$ does not see them, yet they enter $f_{\boldsymbol{w}}$)"
NO_SKIP = r"no skip connections: $W_j$ reads only $\mathcal{L}_{j-1}$ (the input reaches layer $j$ only through $W_1,\dots,W_{j-1}$)"
SIGMA0 = r"$\sigma_{j,\ell}(0) = 0$ for every neuron (softplus, with $\sigma(0) = \log 2$, breaks the bound)"
PLAIN = [NO_BIAS, NO_SKIP, SIGMA0]

MEAN_VALUE = Citation(
    key="mean-value-inequality",
    name="Mean-value inequality along a segment (absolutely continuous functions)",
    statement=(r"If $g:\mathbb{R}^p \to \mathbb{R}$ is locally Lipschitz, then $t \mapsto g(w_1 + t(w_2 - w_1))$ is "
               r"absolutely continuous on $[0,1]$, differentiable almost everywhere with derivative "
               r"$\langle \nabla g, w_2 - w_1\rangle$ where $\nabla g$ exists, and "
               r"$|g(w_2) - g(w_1)| \le \operatorname{ess\,sup}_{t} \|\nabla g(w_t)\|\,\|w_2 - w_1\|$."),
    source="Fundamental theorem of calculus for absolutely continuous functions: H. L. Royden and P. M. "
           "Fitzpatrick, Real Analysis, 4th ed. (2010), Section 6.5; with Cauchy-Schwarz for the inner product",
)

# -- families ----------------------------------------------------------------------------------


def _B_le(a, b, beta):
    """``B(a, b) = max(|a||b|, |b|, |a|) <= beta`` for the scalar chain (``beta >= 0``), polynomially."""
    return (a ** 2 * b ** 2 <= beta ** 2, a ** 2 <= beta ** 2, b ** 2 <= beta ** 2)


# skip-connection net, identity activations: W_1 = (u), W_2 = (v, s) reads [x; h_1]: f_w(x) = (v + s u) x.
# B(w) at depth D = 3: the operator norms s_1, s_2, s_3 of W_1, W_2, W_3
OPNORMS = Domain.parse(["s1: nonnegative", "s2: nonnegative", "s3: nonnegative"])
B_NORMS = OPNORMS.symbols()
B_DEPTH = len(B_NORMS)


def b_term(i: int):
    """The i-th product of B(w): the operator norms of W_j for j in [D], j != i (unevaluated)."""
    return sympy.Mul(*[B_NORMS[j - 1] for j in range(1, B_DEPTH + 1) if j != i], evaluate=False)


SKIP = Domain.parse(["u: real", "v: real", "s: real", "beta: real, beta >= 0"])
u_, v_, s_, beta_s = SKIP.symbols()

# first claim: w1 = (W1, W2, b1, b2), w2 = (W1, V2, b1, b2), relu active (W1 x + b1 >= 0).
FIRST = Domain.parse(["W1: real", "b1: real", "W2: real", "V2: real", "x: real", "R: real, R > 0",
                      "Bbar: real, Bbar >= 0"])
W1_f, b1_f, W2_f, V2_f, x_f, R_f, Bb_f = FIRST.symbols()
P_FIRST, Q_FIRST_MULT = 4, 1

# gradient with biases, relu active: grad g_x = (W2 x, W1 x + b1, W2, 1) w.r.t. (W1, W2, b1, b2).
GRAD = Domain.parse(["W1: real", "W2: real", "b1: real", "x: real", "R: real, R > 0", "beta: real, beta >= 0"])
W1_g, W2_g, b1_g, x_g, R_g, beta_g = GRAD.symbols()
GRAD_BIAS = (W2_g * x_g, W1_g * x_g + b1_g, W2_g, sympy.Integer(1))

# gradient without bias, any 1-Lipschitz sigma_1, sigma_2 with sigma(0) = 0:
# g = sigma_2(W2 sigma_1(W1 x)); s1, s2 are the derivatives (|s| <= 1), h = sigma_1(W1 x) (|h| <= |W1 x|).
GRADP = Domain.parse(["W1: real", "W2: real", "x: real", "h: real", "s1: real", "s2: real",
                      "R: real, R > 0", "beta: real, beta >= 0"])
W1_p, W2_p, x_p, h_p, s1_p, s2_p, R_p, beta_p = GRADP.symbols()

L2 = Domain.parse(["g1: real", "g2: real", "g3: real", "g4: real", "m: real, m >= 0"])
G_L2 = L2.symbols("g1 g2 g3 g4")
m_l2 = L2.symbols("m")

# scalar chain f = W2 sigma(W1 x): B(a, c) = max(|a||c|, |a|, |c|); w1 = (a1, c1), w2 = (a2, c2).
CONVEX = Domain.parse(["a1: real", "c1: real", "a2: real", "c2: real", "beta1: real, beta1 >= 0",
                       "beta2: real, beta2 >= 0"])
a1_c, c1_c, a2_c, c2_c, beta1_c, beta2_c = CONVEX.symbols()
SEGMENT = Domain.parse(["a1: real", "c1: real", "a2: real", "c2: real", "t: real, 0 <= t <= 1",
                        "Bbar: real, Bbar >= 0"])
a1_s, c1_s, a2_s, c2_s, t_s, Bb_s = SEGMENT.symbols()
NORMCVX = Domain.parse(["a1: real", "a2: real", "t: real, 0 <= t <= 1", "n1: real, n1 >= 0", "n2: real, n2 >= 0"])
a1_n, a2_n, t_n, n1_n, n2_n = NORMCVX.symbols()
SEG_REP = Domain.parse(["a1: real", "c1: real", "a2: real", "c2: real", "t: real, 0 <= t <= 1",
                        "n1: real, n1 >= 0", "n2: real, n2 >= 0"])
a1_r, c1_r, a2_r, c2_r, t_r, n1_r, n2_r = SEG_REP.symbols()

# depth-2 scalar, any 1-Lipschitz sigma, biases allowed: f(x) - f(y) = W2 (sigma(W1 x + b1) - sigma(W1 y + b1)).
LIPX = Domain.parse(["W1: real", "W2: real", "x: real", "y: real", "h: real", "hp: real", "beta: real, beta >= 0"])
W1_l, W2_l, x_l, y_l, h_l, hp_l, beta_l = LIPX.symbols()

# 2x2 matrix M = [[a, b], [c, d]]: ||M||_op^2 is the top eigenvalue of M^T M.
MAT = Domain.parse(["a: real", "b: real", "c: real", "d: real"])
a_m, b_m, c_m, d_m = MAT.symbols()
TRACE = a_m ** 2 + b_m ** 2 + c_m ** 2 + d_m ** 2          # tr(M^T M) = ||M||_F^2
DET = a_m * d_m - b_m * c_m                                 # det M; det(M^T M) = DET^2
LAMBDA_MAX = (TRACE + sqrt(TRACE ** 2 - 4 * DET ** 2)) / 2  # ||M||_op^2

# a matrix W_j whose variable entries are tied to p = 2 parameters, m_a entries to w_a (m_a <= Q).
FRO = Domain.parse(["Q: integer, Q >= 1", "m1: integer, m1 >= 0", "m2: integer, m2 >= 0",
                    "w1: real", "w2: real", "W: real, W >= 1"])
Q_fr, m1_fr, m2_fr, w1_fr, w2_fr, W_fr = FRO.symbols()

# D = 3 layers with ||W_j||_op = n_j <= W sqrt(pQ).
SECOND = Domain.parse(["p: integer, p >= 1", "Q: integer, Q >= 1", "W: real, W >= 1",
                       "n1: real, n1 >= 0", "n2: real, n2 >= 0", "n3: real, n3 >= 0"])
p_2, Q_2, W_2, n1_2, n2_2, n3_2 = SECOND.symbols()
M_2 = W_2 * sqrt(p_2 * Q_2)
# the power D of (W sqrt(pQ))^D in the second claim (D = 3 here), as a constant a what-if can move
P_POWER = Parameter("kd", "lemma-3.1:D", 3, "larger", constant="D (power of W sqrt(pQ))")
SECOND_K = SECOND.extend("kd: real, 0 <= kd <= 10")
k_d = SECOND_K.symbols("kd")


# -- experiments on random plain networks -------------------------------------------------------

#: Activations with sigma(0) = 0 (all 1-Lipschitz): the plain class of the repaired steps.
PLAIN_ACTIVATIONS = ("relu", "tanh", "abs", "clip", "identity")


def plain_architectures(rng: np.random.Generator) -> list:
    """The plain architectures the experiments search (no bias, no skip, sigma(0) = 0): the scalar
    chains of depth 2 and 3 (where the bound is nearly tight), a width-2 relu net, and a random
    depth-3 net with weight sharing (Q = 2).  Deterministic given ``rng``.  Source: Section 3."""
    return [
        networks.plain_architecture(1, (1, 1), activation="relu"),
        networks.plain_architecture(1, (1, 1, 1), activation="tanh"),
        networks.plain_architecture(2, (2, 1), activation="relu"),
        networks.random_architecture(rng, 3, 2, 1, skip=False, bias=False, share=2,
                                     activations=PLAIN_ACTIVATIONS),
    ]


def _fraction_text(v) -> str:
    return str(Fraction(float(v)))


def _counterexample(res: networks.SearchResult) -> dict:
    name = "w" if res.w2 is None else "w1"
    ce = {f"{name}[{i}]": _fraction_text(v) for i, v in enumerate(res.w)}
    if res.w2 is not None:
        ce.update({f"w2[{i}]": _fraction_text(v) for i, v in enumerate(res.w2)})
    if res.x is not None:
        ce.update({f"x[{i}]": _fraction_text(v) for i, v in enumerate(res.x)})
    if res.R is not None:
        ce["R"] = _fraction_text(res.R)
    ce["architecture"] = f"d={res.arch.d}, widths={res.arch.widths}, activations={res.arch.activations}"
    return ce


def _short_point(res: networks.SearchResult) -> dict:
    """The tightest point's coordinates in 6 significant digits (the exact ones are in the counterexample)."""
    ce = _counterexample(res)
    ce.pop("architecture")
    return {k: mpmath.nstr(mpmath.mpf(sympy.Rational(v)), 6) for k, v in ce.items()}


def _search_box(res: networks.SearchResult) -> dict:
    """Where the search looks: x in the ball of radius R, weights in [-WEIGHT_CAP, WEIGHT_CAP]."""
    cap = str(int(networks.WEIGHT_CAP))
    R = _fraction_text(res.R) if res.R is not None else "1"
    return {k: (["-" + R, R] if k.startswith("x[") else [R, R] if k == "R" else ["-" + cap, cap])
            for k in _short_point(res)}


def search_experiment(check: str, seed: int, steps: int = 240, restarts: int = 3,
                      architectures=None) -> Outcome:
    """Adversarial search for a violation of ``check`` ('lipschitz' or 'grad_inf' of
    :mod:`derivations.models.networks`) over ``architectures(rng)`` (default :func:`plain_architectures`),
    with ``R = 1`` and ``steps`` proposals per architecture.

    Returns an :class:`~symbolic.verdict.Outcome` of backend ``adversarial-search``: ``refuted``
    only when the worst float64 ratio exceeds 1 **and** its mpmath re-check (50 digits) exceeds 1
    **and**, for piecewise-linear activations, the exact rational certificate exceeds 1; otherwise
    ``evidence`` with the largest ratio found (``min_margin = 1 - ratio``).  Never ``proved``.
    Deterministic given ``seed``.  Source: Section 3, Lemma 3.1 and its proof.
    """
    t0 = time.perf_counter()
    rng = np.random.default_rng(seed)
    worst, evals = None, 0
    archs = (architectures or plain_architectures)(rng)
    for arch in archs:
        res = networks.adversarial_search(arch, rng, steps=steps, check=check, R=1.0, restarts=restarts)
        evals += res.evaluations
        if worst is None or res.ratio > worst.ratio:
            worst = res
    mp_ratio = worst.recheck_mp(dps=50)
    if worst.ratio > 1 and mp_ratio > 1:
        cert = worst.certify_exact()
        pl = all(a in networks.PIECEWISE_LINEAR for layer in worst.arch.activations for a in layer)
        if (cert is not None and cert > 1) or (not pl and mp_ratio > 1 + mpmath.mpf(10) ** -30):
            return Outcome("adversarial-search", "refuted",
                           f"violation ratio {mpmath.nstr(mp_ratio, 4)} (mpmath, 50 digits)"
                           + (", certified exactly" if cert is not None else ""),
                           counterexample=_counterexample(worst), seconds=time.perf_counter() - t0)
    detail = (f"no violation in {evals} evaluations over {len(archs)} "
              f"architectures; largest ratio {mpmath.nstr(mp_ratio, 4)} (re-checked in mpmath, 50 digits), on "
              f"widths {worst.arch.widths} with {worst.arch.activations[0][0]}")
    ev = Evidence(points=evals, feasible=evals, min_margin=f"{float(1 - mp_ratio):.4g}",
                  argmin=_short_point(worst), dps=50, regime=_search_box(worst))
    return Outcome("adversarial-search", "evidence", detail, evidence=ev, seconds=time.perf_counter() - t0)


def first_claim_experiment(seed: int) -> Outcome:
    """The first claim of Lemma 3.1 searched on plain networks (:func:`search_experiment`)."""
    return search_experiment("lipschitz", seed)


def gradient_experiment(seed: int) -> Outcome:
    """``||grad g_x(w)||_inf <= B(w) Q R`` searched on plain networks (:func:`search_experiment`)."""
    return search_experiment("grad_inf", seed, steps=150, restarts=2)


# -- the steps ---------------------------------------------------------------------------------


FINDINGS = [
    Finding(
        "b-ignores-biases-and-skips", "false-statement",
        "B(w) is built from the weight matrices alone, so it sees neither the biases nor the skip connections "
        "of the class of Section 3: the lemma's first claim fails for networks with them (counterexample with "
        "one bias and one skip connection), the Lipschitz bound in x fails with a skip connection and the "
        "gradient bound with a bias",
        steps=["first-claim", "lipschitz-in-x", "gradient-inf"],
        repair="Restrict the lemma to plain networks (no biases, no skip connections, sigma(0) = 0), where the "
               "bound on the Lipschitz constant in x is proved and the first claim has evidence only, or make B "
               "account for the biases and the skip connections",
        repaired_by=["lipschitz-in-x-plain", "gradient-inf-plain-scalar", "gradient-inf-plain", "first-claim-plain"],
        consequences="Section 3's J = R(WQp)^D rests on the lemma: with biases it fails (section-3/j-choice-biases)"),
    Finding(
        "b-not-convex", "false-step",
        "B(w) is not convex in w, so B(w1), B(w2) <= Bbar does not bound B on the segment [w1, w2]",
        steps=["convexity", "segment-bound"],
        repair="Bound B on the segment by Btilde = max_i prod_{j != i} max(||W_j(w1)||_op, ||W_j(w2)||_op) "
               "(each norm is convex); the proof then gives the lemma with Btilde in place of Bbar",
        repaired_by=["convexity-norms", "segment-bound-repaired"]),
]

def build() -> Result:
    m1 = (a1_c + a2_c) / 2
    m2 = (c1_c + c2_c) / 2
    S = (beta1_c + beta2_c) / 2
    t1 = (1 - t_s) * a1_s + t_s * a2_s
    t2 = (1 - t_s) * c1_s + t_s * c2_s
    r1 = (1 - t_r) * a1_r + t_r * a2_r
    r2 = (1 - t_r) * c1_r + t_r * c2_r
    f_diff = (W2_f - V2_f) * (W1_f * x_f + b1_f)
    steps = [
        Step(
            slug="b-definition", location="Section 3, definition of B(w)", quote=Q_B_DEFINITION,
            rule="index bookkeeping, checked at depth D = 3: the product over j in [D], j != 0 is over all of [D]; "
                 "for i >= 1 the product misses exactly the i-th norm (times s_i it is the full product)",
            obligation=Obligation(sympy.And(sympy.Eq(b_term(0), sympy.Mul(*B_NORMS), evaluate=False),
                                            *[sympy.Eq(sympy.Mul(b_term(i), B_NORMS[i - 1], evaluate=False),
                                                       sympy.Mul(*B_NORMS), evaluate=False)
                                              for i in range(1, B_DEPTH + 1)]), (), OPNORMS),
            claim=(r"D = 3:\ \prod_{j \ne 0} \|W_j\|_{op} = s_1 s_2 s_3,\quad "
                   r"s_i \prod_{j \ne i} \|W_j\|_{op} = s_1 s_2 s_3\ (i = 1, 2, 3)"),
            on_failure="Fix the index set of B(w): i = 0 must give the full product, i >= 1 the product of D - 1 norms.",
        ),
        Step(
            slug="lipschitz-in-x", location=TEXT_LOC, quote=Q_LIP_X,
            rule="checked on a depth-2 net with a skip connection and identity activations: W_1 = (u), "
                 "W_2 = (v, s) reads [x; h_1], so f_w(x) = (v + s u) x and Lip = |v + s u|; "
                 "B = max(|u| sqrt(v^2+s^2), |u|, sqrt(v^2+s^2)) (B <= beta written polynomially)",
            obligation=Obligation((v_ + s_ * u_) ** 2 <= beta_s ** 2,
                                  (u_ ** 2 * (v_ ** 2 + s_ ** 2) <= beta_s ** 2, u_ ** 2 <= beta_s ** 2,
                                   v_ ** 2 + s_ ** 2 <= beta_s ** 2), SKIP),
            claim=(r"\beta \ge B(w) = \max\left(|u|\sqrt{v^2+s^2},\ |u|,\ \sqrt{v^2+s^2}\right) \implies "
                   r"\operatorname{Lip}(x \mapsto (v + su)x) = |v + su| \le \beta"),
            implicit_assumptions=[NO_SKIP],
            on_failure="True for plain layers (each layer is ||W_j||_op-Lipschitz); with skip connections use "
                       "the sum over paths, or a B built from the norms of the blocks of W_j.",
            notes="The paper's class allows skip connections (connections L_i -> L_j for any i < j); with "
                  "w = (1, 3/5, 4/5): B(w) = 1 and f_w(x) = 7x/5.",
        ),
        Step(
            slug="first-claim", location=STATEMENT_LOC, quote=Q_FIRST,
            rule="checked on the scalar depth-2 relu network f_w(x) = W2 relu(W1 x + b1) + b2 (d = 1, p = 4, "
                 "Q = 1, B(w) = max(|W1||W2|, |W2|, |W1|)), with w1 = (W1, W2, b1, b2) and w2 = (W1, V2, b1, b2) "
                 "differing in the output weight, at inputs where relu is active (W1 x + b1 >= 0); both sides "
                 "squared (they are non-negative)",
            obligation=Obligation(f_diff ** 2 <= Bb_f ** 2 * Q_FIRST_MULT ** 2 * R_f ** 2 * P_FIRST * (W2_f - V2_f) ** 2,
                                  (x_f ** 2 <= R_f ** 2, W1_f * x_f + b1_f >= 0)
                                  + _B_le(W1_f, W2_f, Bb_f) + _B_le(W1_f, V2_f, Bb_f), FIRST),
            claim=(r"|x| \le R,\ B(w_1), B(w_2) \le \overline{B} \implies |(W_2 - V_2)\,\mathrm{relu}(W_1x + b_1)| "
                   r"\le \overline{B}\cdot 1 \cdot R\sqrt{4}\,|W_2 - V_2|"),
            depends_on=["mean-value"], implicit_assumptions=PLAIN,
            on_failure="Restrict the class to plain networks (no biases, no skip connections, sigma(0) = 0), where "
                       "no violation is known (first-claim-plain, evidence), or make B see the biases.",
            notes="Biases enter f_w but not B(w): f changes by (W2 - V2)(W1 x + b1) while the bound only sees "
                  "|W1|, |W2|, |V2|, R.  Assuming R >= 1 does not help (the counterexample has R = 1, x = 0).  The same failure occurs with skip connections (ratio 8/sqrt(3)) and with "
                  "softplus (sigma(0) = log 2; ratio 4 sqrt(2) log 2), see derivations.models.networks.  Unchecked repair "
                  "idea: augment W_j with its bias column ([W_j b_j; 0 1]) and x with a constant 1, i.e. replace "
                  "B by the B of the augmented matrices and R by sqrt(R^2 + 1).",
        ),
        Step(
            slug="second-claim", location=STATEMENT_LOC, quote=Q_SECOND,
            rule="from the norm chain ||W_j||_op <= W sqrt(pQ) =: M and M >= 1 (W >= 1, pQ >= 1): every product "
                 "of D or D - 1 of the norms is <= M^D; checked for D = 3 over all norms n_j in [0, M]",
            template=Template(Obligation(And(n1_2 * n2_2 * n3_2 <= M_2 ** k_d, n2_2 * n3_2 <= M_2 ** k_d,
                                             n1_2 * n3_2 <= M_2 ** k_d, n1_2 * n2_2 <= M_2 ** k_d),
                                         (n1_2 <= M_2, n2_2 <= M_2, n3_2 <= M_2), SECOND_K), (P_POWER,)),
            claim=(r"0 \le n_j \le W\sqrt{pQ},\ W \ge 1 \implies B = \max\left(n_1n_2n_3,\ n_2n_3,\ n_1n_3,\ "
                   r"n_1n_2\right) \le (W\sqrt{pQ})^3"),
            depends_on=["opnorm-le-frobenius", "frobenius-le-bound"],
            implicit_assumptions=[r"$Q \ge 1$: with $Q = 0$ (no variable entry) and $D = 1$, $B(\boldsymbol{w}) = 1$ "
                                  r"(empty product) $> 0 = (W\sqrt{pQ})^D$"],
        ),
        Step(
            slug="gradient-inf", location=LOC, quote=Q_GRAD_INF,
            rule="the gradient of g_x(w) = W2 relu(W1 x + b1) + b2 w.r.t. (W1, W2, b1, b2) where relu is active "
                 "(W1 x + b1 > 0) is (W2 x, W1 x + b1, W2, 1); checked against beta Q R for every beta >= B(w), Q = 1",
            obligation=Obligation(And(*[g ** 2 <= beta_g ** 2 * R_g ** 2 for g in GRAD_BIAS]),
                                  (x_g ** 2 <= R_g ** 2, W1_g * x_g + b1_g > 0) + _B_le(W1_g, W2_g, beta_g), GRAD),
            claim=(r"|x| \le R,\ W_1x + b_1 > 0,\ \beta \ge B(w) \implies \left\|(W_2x,\ W_1x + b_1,\ W_2,\ 1)"
                   r"\right\|_\infty \le \beta \cdot 1 \cdot R"),
            implicit_assumptions=PLAIN,
            on_failure="Holds without biases (gradient-inf-plain-scalar, proved; gradient-inf-plain, evidence).",
            notes="The derivative in the output bias b2 is 1, whatever B(w) and R; the one in b1 is W2, "
                  "which lacks the factor R.",
        ),
        Step(
            slug="gradient-l2", location=LOC, quote=Q_GRAD_L2,
            rule="||v||_2 <= sqrt(p) ||v||_inf: each of the p squared coordinates is at most m^2 (checked for p = 4, "
                 "the family above); valid whatever the truth of the previous step",
            obligation=Obligation(sum(g ** 2 for g in G_L2) <= 4 * m_l2 ** 2,
                                  tuple(g ** 2 <= m_l2 ** 2 for g in G_L2), L2),
            claim=r"|g_i| \le m\ (i = 1..4) \implies \|g\|_2 \le \sqrt{4}\, m",
            depends_on=["gradient-inf"],
        ),
        Step(
            slug="convexity", location=LOC, quote=Q_CONVEX,
            rule="midpoint convexity, which convexity implies, on the scalar chain f = W2 sigma(W1 x) (D = 2): "
                 "B(a, c) = max(|a||c|, |a|, |c|); B((w1 + w2)/2) <= (beta1 + beta2)/2 for every beta_i >= B(w_i). "
                 "Each norm is convex, but a product of convex non-negative functions need not be",
            obligation=Obligation(And(m1 ** 2 * m2 ** 2 <= S ** 2, m1 ** 2 <= S ** 2, m2 ** 2 <= S ** 2),
                                  _B_le(a1_c, c1_c, beta1_c) + _B_le(a2_c, c2_c, beta2_c), CONVEX),
            claim=(r"\beta_i \ge B(w_i) \implies B\left(\tfrac{w_1 + w_2}{2}\right) \le \tfrac{\beta_1 + \beta_2}{2},"
                   r"\quad B(a, c) = \max(|a||c|, |a|, |c|)"),
            on_failure="Not needed in full: the proof only needs a bound of B on the segment (segment-bound-repaired).",
            notes="B(2, 8) = B(8, 2) = 16 but B(5, 5) = 25.  For D = 1, B = max(||W_1||_op, 1) is convex.",
        ),
        Step(
            slug="segment-bound", location=LOC, quote=Q_SEGMENT,
            rule="on the scalar chain: B(w1), B(w2) <= Bbar should give B((1 - t) w1 + t w2) <= Bbar for t in [0, 1]",
            obligation=Obligation(And(t1 ** 2 * t2 ** 2 <= Bb_s ** 2, t1 ** 2 <= Bb_s ** 2, t2 ** 2 <= Bb_s ** 2),
                                  _B_le(a1_s, c1_s, Bb_s) + _B_le(a2_s, c2_s, Bb_s), SEGMENT),
            claim=(r"B(w_1), B(w_2) \le \overline{B} \implies B\left((1-t)w_1 + tw_2\right) \le \overline{B},\quad "
                   r"B(a, c) = \max(|a||c|, |a|, |c|)"),
            depends_on=["convexity"],
            on_failure="Replace Bbar by Btilde = max_i prod_{j != i} max(||W_j(w1)||_op, ||W_j(w2)||_op) "
                       "(segment-bound-repaired).",
        ),
        Step(
            slug="mean-value", location=LOC, quote=Q_MEAN, citation=MEAN_VALUE,
            rule="mean-value inequality for g_x along [w1, w2], with the gradient bound of gradient-l2 and the "
                 "segment bound of segment-bound",
            depends_on=["gradient-l2", "segment-bound"],
            implicit_assumptions=[r"$g_x$ is locally Lipschitz (true: 1-Lipschitz activations) so that "
                                  r"$\nabla g_x$ exists almost everywhere on the segment (relu kinks)"],
        ),
        Step(
            slug="opnorm-le-frobenius", location=LOC, quote=Q_NORMS,
            rule="for M = [[a, b], [c, d]], ||M||_op^2 is the top eigenvalue (T + sqrt(T^2 - 4 det(M)^2))/2 of "
                 "M^T M, with T = tr(M^T M) = ||M||_F^2: it is <= T (the eigenvalues are >= 0 and sum to T)",
            obligation=Obligation(LAMBDA_MAX <= TRACE, (), MAT),
            claim=r"\|M\|_{op}^2 = \tfrac{T + \sqrt{T^2 - 4\det(M)^2}}{2} \le T = \|M\|_F^2,\quad M \in \mathbb{R}^{2\times 2}",
        ),
        Step(
            slug="frobenius-le-bound", location=LOC, quote=Q_NORMS,
            rule="each variable entry of W_j is some w_a with |w_a| <= W, and at most Q entries are tied to one w_a, "
                 "so ||W_j||_F^2 = sum_a m_a w_a^2 with m_a <= Q; checked for p = 2 (all m_a, Q)",
            obligation=Obligation(m1_fr * w1_fr ** 2 + m2_fr * w2_fr ** 2 <= W_fr ** 2 * 2 * Q_fr,
                                  (m1_fr <= Q_fr, m2_fr <= Q_fr, w1_fr ** 2 <= W_fr ** 2, w2_fr ** 2 <= W_fr ** 2), FRO),
            claim=(r"m_a \le Q,\ |w_a| \le W \implies \|W_j\|_F^2 = m_1w_1^2 + m_2w_2^2 \le \left(W\sqrt{pQ}\right)^2,"
                   r"\quad p = 2"),
        ),
        # -- repairs ------------------------------------------------------------------------------
        Step(
            slug="lipschitz-in-x-plain", location=TEXT_LOC, quote=Q_LIP_X, kind="repaired", repairs="lipschitz-in-x",
            adds_hypotheses=["no skip connections"],
            rule="plain depth-2 scalar net f(x) = W2 sigma(W1 x + b1) + b2 with any 1-Lipschitz sigma and biases: "
                 "f(x) - f(y) = W2 (h - h') with |h - h'| <= |W1||x - y|; hence |f(x) - f(y)| <= |W1||W2||x - y| "
                 "<= B(w)|x - y| (layer by layer, the same for any plain network)",
            obligation=Obligation(W2_l ** 2 * (h_l - hp_l) ** 2 <= beta_l ** 2 * (x_l - y_l) ** 2,
                                  ((h_l - hp_l) ** 2 <= W1_l ** 2 * (x_l - y_l) ** 2,) + _B_le(W1_l, W2_l, beta_l), LIPX),
            claim=(r"|h - h'| \le |W_1||x - y|,\ \beta \ge B(w) \implies |W_2(h - h')| \le \beta |x - y|"),
            implicit_assumptions=[NO_SKIP],
        ),
        Step(
            slug="gradient-inf-plain-scalar", location=LOC, quote=Q_GRAD_INF, kind="repaired", repairs="gradient-inf",
            rule="no bias: g_x(w) = sigma_2(W2 sigma_1(W1 x)) with 1-Lipschitz sigma_i, sigma_1(0) = 0; the gradient is "
                 "(s2 W2 s1 x, s2 h) with |s_i| <= 1 and |h| = |sigma_1(W1 x)| <= |W1||x|; checked for every beta >= B(w)",
            obligation=Obligation(And(s2_p ** 2 * W2_p ** 2 * s1_p ** 2 * x_p ** 2 <= beta_p ** 2 * R_p ** 2,
                                      s2_p ** 2 * h_p ** 2 <= beta_p ** 2 * R_p ** 2),
                                  (x_p ** 2 <= R_p ** 2, s1_p ** 2 <= 1, s2_p ** 2 <= 1, h_p ** 2 <= W1_p ** 2 * x_p ** 2)
                                  + _B_le(W1_p, W2_p, beta_p), GRADP),
            claim=(r"|x| \le R,\ |s_i| \le 1,\ |h| \le |W_1x|,\ \beta \ge B(w) \implies "
                   r"\left\|(s_2W_2s_1x,\ s_2h)\right\|_\infty \le \beta \cdot 1 \cdot R"),
            implicit_assumptions=PLAIN,
        ),
        Step(
            slug="gradient-inf-plain", location=LOC, quote=Q_GRAD_INF, kind="repaired", repairs="gradient-inf",
            adds_hypotheses=["no biases", "no skip connections"],
            rule="plain networks (no bias, no skip, sigma(0) = 0, weight sharing allowed): the derivative in an entry of "
                 "W_j is delta_j[k] h_{j-1}[l], bounded by prod_{i != j} ||W_i||_op R; supported by an adversarial "
                 "search over random plain architectures, re-checked in mpmath",
            experiment=gradient_experiment, implicit_assumptions=PLAIN,
            claim=(r"\text{plain networks: } \|x\| \le R \implies \|\nabla g_x(\boldsymbol{w})\|_\infty \le "
                   r"B(\boldsymbol{w})QR"),
        ),
        Step(
            slug="convexity-norms", location=LOC, quote=Q_CONVEX, kind="repaired", repairs="convexity",
            rule="what is true: each factor w -> ||W_j(w)||_op is convex (a norm of a linear function of w) and "
                 "non-negative; B, a maximum of products of them, is not.  Checked for a 1x1 block: "
                 "|(1 - t) a1 + t a2| <= (1 - t) n1 + t n2 for every n_i >= |a_i|",
            obligation=Obligation(((1 - t_n) * a1_n + t_n * a2_n) ** 2 <= ((1 - t_n) * n1_n + t_n * n2_n) ** 2,
                                  (a1_n ** 2 <= n1_n ** 2, a2_n ** 2 <= n2_n ** 2), NORMCVX),
            claim=r"n_i \ge |a_i|,\ t \in [0, 1] \implies |(1-t)a_1 + ta_2| \le (1-t)n_1 + tn_2",
        ),
        Step(
            slug="segment-bound-repaired", location=LOC, quote=Q_SEGMENT, kind="repaired", repairs="segment-bound",
            depends_on=["convexity-norms"],
            rule="each ||W_j(w)||_op is convex in w (W_j is linear in w), so on the segment ||W_j(w_t)||_op <= "
                 "n_j := max(||W_j(w1)||_op, ||W_j(w2)||_op), and every product in B(w_t) is at most the same product "
                 "of the n_j: B(w_t) <= Btilde = max_i prod_{j != i} n_j.  Checked termwise on the scalar chain",
            obligation=Obligation(And(r1 ** 2 * r2 ** 2 <= n1_r ** 2 * n2_r ** 2, r1 ** 2 <= n1_r ** 2, r2 ** 2 <= n2_r ** 2),
                                  (a1_r ** 2 <= n1_r ** 2, a2_r ** 2 <= n1_r ** 2, c1_r ** 2 <= n2_r ** 2,
                                   c2_r ** 2 <= n2_r ** 2), SEG_REP),
            claim=(r"n_1 \ge |a_1|, |a_2|,\ n_2 \ge |c_1|, |c_2| \implies B\left((1-t)w_1 + tw_2\right) \le "
                   r"\max(n_1n_2, n_1, n_2) = \tilde B"),
            notes="With the segment bound Btilde, gradient-inf-plain and mean-value give "
                  "|f_w1(x) - f_w2(x)| <= Btilde Q R sqrt(p) ||w1 - w2|| for plain networks (as strong as the gradient "
                  "step: evidence).  A class defined by per-layer bounds ||W_j||_op <= beta_j has Btilde <= "
                  "max_i prod_{j != i} beta_j.",
        ),
        Step(
            slug="first-claim-plain", location=STATEMENT_LOC, quote=Q_FIRST, kind="repaired", repairs="first-claim",
            adds_hypotheses=["no biases", "no skip connections"],
            rule="the first claim as stated, restricted to plain networks (no bias, no skip connection, sigma(0) = 0, "
                 "weight sharing allowed); adversarial search maximising |f_w1(x) - f_w2(x)| / (Bbar Q R sqrt(p) "
                 "||w1 - w2||) with Bbar = max(B(w1), B(w2)) and R = 1, worst case re-checked in mpmath",
            experiment=first_claim_experiment, implicit_assumptions=PLAIN,
            claim=(r"\text{plain networks: } \|x\| \le R,\ B(\boldsymbol{w}_1), B(\boldsymbol{w}_2) \le \overline{B} "
                   r"\implies |f_{\boldsymbol{w}_1}(x) - f_{\boldsymbol{w}_2}(x)| \le \overline{B}QR\sqrt{p}"
                   r"\|\boldsymbol{w}_1 - \boldsymbol{w}_2\|"),
            depends_on=["gradient-inf-plain", "segment-bound-repaired", "mean-value"],
            notes="The paper's proof does not carry over (B is not convex); the bound with Btilde in place of Bbar "
                  "follows from gradient-inf-plain, segment-bound-repaired and mean-value.",
        ),
    ]
    return Result(
        id="lemma-3.1", title="Lemma 3.1", location=STATEMENT_LOC, order=3.1, steps=steps, findings=FINDINGS,
        statement=(r"\|x\| \le R,\ B(\mathbf{w}_1), B(\mathbf{w}_2) \le \overline{B} \implies |f_{\mathbf{w}_1}(x) - "
                   r"f_{\mathbf{w}_2}(x)| \le \overline{B}QR\sqrt{p}\|\mathbf{w}_1 - \mathbf{w}_2\|;\quad "
                   r"\mathbf{w} \in [-W, W]^p,\ W \ge 1 \implies B(\mathbf{w}) \le (W\sqrt{pQ})^D"),
        summary="The parametrization w -> f_w is Lipschitz: false with biases or skip connections; "
                "evidence only for plain networks; the second claim holds.",
    )


RESULT = build()
