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
from symbolic.authoring import Proof
from symbolic.kernel import Citation
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


STATEMENT = (r"\|x\| \le R,\ B(\mathbf{w}_1), B(\mathbf{w}_2) \le \overline{B} \implies |f_{\mathbf{w}_1}(x) - "
             r"f_{\mathbf{w}_2}(x)| \le \overline{B}QR\sqrt{p}\|\mathbf{w}_1 - \mathbf{w}_2\|;\quad "
             r"\mathbf{w} \in [-W, W]^p,\ W \ge 1 \implies B(\mathbf{w}) \le (W\sqrt{pQ})^D")
proof = Proof("lemma-3.1", "Lemma 3.1", statement=STATEMENT, location=STATEMENT_LOC, proof_location=LOC, order=3.1,
              summary="The parametrization w -> f_w is Lipschitz: false with biases or skip connections; "
                      "evidence only for plain networks; the second claim holds.")
# The families' coordinates.  Skip-connection net, identity activations: W_1 = (u), W_2 = (v, s) reads [x; h_1],
# f_w(x) = (v + s u) x.  Depth-2 scalar nets: weights W1, W2 (V2: a second output weight), bias b1, input x (and
# y), hidden values h, hp, activation derivatives s1, s2.  beta: any bound >= B(w).  Scalar chains w_i = (a_i, c_i).
# Norms: n_j (of layers or blocks), s1, s2, s3 (operator norms, in b-definition); Frobenius: entries w_a tied to m_a
# places; gradient coordinates g_i bounded by m; a 2x2 matrix [[a, b], [c, d]].
(u, v, s, W1, b1, W2, V2, x, y, h, hp, s1, s2, R, beta, a1, c1, a2, c2, beta1, beta2, t, Bbar, p, Q, m1, m2, w1, w2,
 W, n1, n2, n3, g1, g2, g3, g4, m, a, b, c, d, s3) = proof.vars(
    "u: real", "v: real", "s: real", "W1: real", "b1: real", "W2: real", "V2: real", "x: real", "y: real", "h: real",
    "hp: real", "s1: real", "s2: real", "R: real, R > 0", "beta: real, beta >= 0", "a1: real", "c1: real", "a2: real",
    "c2: real", "beta1: real, beta1 >= 0", "beta2: real, beta2 >= 0", "t: real, 0 <= t <= 1", "Bbar: real, Bbar >= 0",
    "p: integer, p >= 1", "Q: integer, Q >= 1", "m1: integer, m1 >= 0", "m2: integer, m2 >= 0", "w1: real",
    "w2: real", "W: real, W >= 1", "n1: real, n1 >= 0", "n2: real, n2 >= 0", "n3: real, n3 >= 0", "g1: real",
    "g2: real", "g3: real", "g4: real", "m: real, m >= 0", "a: real", "b: real", "c: real", "d: real",
    "s3: nonnegative")
# the power D of (W sqrt(pQ))^D in the second claim (D = 3 here), as a constant a what-if can move
KD = proof.constant("kd: real, 0 <= kd <= 10", "lemma-3.1:D", 3, audited_as="D (power of W sqrt(pQ))")
P_POWER = proof.parameter(KD)

# B(w) at depth D = 3: the operator norms s_1, s_2, s_3 of W_1, W_2, W_3 (non-negative there)
B_NORMS = (s1, s2, s3)
B_DEPTH = len(B_NORMS)
NORMS_ARE_NONNEGATIVE = {s1: "s1: nonnegative", s2: "s2: nonnegative"}
P_FIRST, Q_FIRST_MULT = 4, 1                     # the first claim's family: p = 4 parameters, Q = 1
GRAD_BIAS = (W2 * x, W1 * x + b1, W2, sympy.Integer(1))   # grad of W2 relu(W1 x + b1) + b2 where relu is active
G_L2 = (g1, g2, g3, g4)
TRACE = a ** 2 + b ** 2 + c ** 2 + d ** 2          # tr(M^T M) = ||M||_F^2
DET = a * d - b * c                                 # det M; det(M^T M) = DET^2
LAMBDA_MAX = (TRACE + sqrt(TRACE ** 2 - 4 * DET ** 2)) / 2  # ||M||_op^2
M_2 = W * sqrt(p * Q)


def b_term(i: int):
    """The i-th product of B(w): the operator norms of W_j for j in [D], j != i (unevaluated)."""
    return sympy.Mul(*[B_NORMS[j - 1] for j in range(1, B_DEPTH + 1) if j != i], evaluate=False)


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
proof.step(
    "b-definition", sympy.And(sympy.Eq(b_term(0), sympy.Mul(*B_NORMS), evaluate=False),
                              *[sympy.Eq(sympy.Mul(b_term(i), B_NORMS[i - 1], evaluate=False), sympy.Mul(*B_NORMS),
                                         evaluate=False) for i in range(1, B_DEPTH + 1)]),
    where=NORMS_ARE_NONNEGATIVE, location="Section 3, definition of B(w)", quote=Q_B_DEFINITION,
    rule="index bookkeeping, checked at depth D = 3: the product over j in [D], j != 0 is over all of [D]; "
         "for i >= 1 the product misses exactly the i-th norm (times s_i it is the full product)",
    # the obligation is over the norms s_i; the claim names them
    claim=(r"D = 3:\ \prod_{j \ne 0} \|W_j\|_{op} = s_1 s_2 s_3,\quad "
           r"s_i \prod_{j \ne i} \|W_j\|_{op} = s_1 s_2 s_3\ (i = 1, 2, 3)"),
    on_failure="Fix the index set of B(w): i = 0 must give the full product, i >= 1 the product of D - 1 norms.")
lipschitz_in_x = proof.step(
    "lipschitz-in-x", (v + s * u) ** 2 <= beta ** 2, (u ** 2 * (v ** 2 + s ** 2) <= beta ** 2, u ** 2 <= beta ** 2,
                                                      v ** 2 + s ** 2 <= beta ** 2), location=TEXT_LOC, quote=Q_LIP_X,
    rule="checked on a depth-2 net with a skip connection and identity activations: W_1 = (u), "
         "W_2 = (v, s) reads [x; h_1], so f_w(x) = (v + s u) x and Lip = |v + s u|; "
         "B = max(|u| sqrt(v^2+s^2), |u|, sqrt(v^2+s^2)) (B <= beta written polynomially)",
    # the obligation is the squared, polynomial encoding; the claim is what it says of the network
    claim=(r"\beta \ge B(w) = \max\left(|u|\sqrt{v^2+s^2},\ |u|,\ \sqrt{v^2+s^2}\right) \implies "
           r"\operatorname{Lip}(x \mapsto (v + su)x) = |v + su| \le \beta"),
    implicit_assumptions=[NO_SKIP],
    on_failure="True for plain layers (each layer is ||W_j||_op-Lipschitz); with skip connections use "
               "the sum over paths, or a B built from the norms of the blocks of W_j.",
    notes="The paper's class allows skip connections (connections L_i -> L_j for any i < j); with "
          "w = (1, 3/5, 4/5): B(w) = 1 and f_w(x) = 7x/5.")
gradient_inf = proof.step(
    "gradient-inf", And(*[gi ** 2 <= beta ** 2 * R ** 2 for gi in GRAD_BIAS]),
    (x ** 2 <= R ** 2, W1 * x + b1 > 0) + _B_le(W1, W2, beta), variables=(W1, W2, b1, x, R, beta), quote=Q_GRAD_INF,
    rule="the gradient of g_x(w) = W2 relu(W1 x + b1) + b2 w.r.t. (W1, W2, b1, b2) where relu is active "
         "(W1 x + b1 > 0) is (W2 x, W1 x + b1, W2, 1); checked against beta Q R for every beta >= B(w), Q = 1",
    # the obligation is the squared encoding on the family; the claim is the gradient bound
    claim=(r"|x| \le R,\ W_1x + b_1 > 0,\ \beta \ge B(w) \implies \left\|(W_2x,\ W_1x + b_1,\ W_2,\ 1)"
           r"\right\|_\infty \le \beta \cdot 1 \cdot R"),
    implicit_assumptions=PLAIN,
    on_failure="Holds without biases (gradient-inf-plain-scalar, proved; gradient-inf-plain, evidence).",
    notes="The derivative in the output bias b2 is 1, whatever B(w) and R; the one in b1 is W2, "
          "which lacks the factor R.")
gradient_l2 = proof.step(
    "gradient-l2", sum(gi ** 2 for gi in G_L2) <= 4 * m ** 2, tuple(gi ** 2 <= m ** 2 for gi in G_L2),
    quote=Q_GRAD_L2, depends_on=[gradient_inf],
    rule="||v||_2 <= sqrt(p) ||v||_inf: each of the p squared coordinates is at most m^2 (checked for p = 4, "
         "the family above); valid whatever the truth of the previous step",
    claim=r"|g_i| \le m\ (i = 1..4) \implies \|g\|_2 \le \sqrt{4}\, m")   # (squared in the obligation)
midpoint = (a1 + a2) / 2, (c1 + c2) / 2, (beta1 + beta2) / 2
convexity = proof.step(
    "convexity", And(midpoint[0] ** 2 * midpoint[1] ** 2 <= midpoint[2] ** 2, midpoint[0] ** 2 <= midpoint[2] ** 2,
                     midpoint[1] ** 2 <= midpoint[2] ** 2), _B_le(a1, c1, beta1) + _B_le(a2, c2, beta2),
    quote=Q_CONVEX,
    rule="midpoint convexity, which convexity implies, on the scalar chain f = W2 sigma(W1 x) (D = 2): "
         "B(a, c) = max(|a||c|, |a|, |c|); B((w1 + w2)/2) <= (beta1 + beta2)/2 for every beta_i >= B(w_i). "
         "Each norm is convex, but a product of convex non-negative functions need not be",
    # the obligation is the squared encoding of B; the claim is the convexity it tests
    claim=(r"\beta_i \ge B(w_i) \implies B\left(\tfrac{w_1 + w_2}{2}\right) \le \tfrac{\beta_1 + \beta_2}{2},"
           r"\quad B(a, c) = \max(|a||c|, |a|, |c|)"),
    on_failure="Not needed in full: the proof only needs a bound of B on the segment (segment-bound-repaired).",
    notes="B(2, 8) = B(8, 2) = 16 but B(5, 5) = 25.  For D = 1, B = max(||W_1||_op, 1) is convex.")
on_segment = (1 - t) * a1 + t * a2, (1 - t) * c1 + t * c2
segment_bound = proof.step(
    "segment-bound", And(on_segment[0] ** 2 * on_segment[1] ** 2 <= Bbar ** 2, on_segment[0] ** 2 <= Bbar ** 2,
                         on_segment[1] ** 2 <= Bbar ** 2), _B_le(a1, c1, Bbar) + _B_le(a2, c2, Bbar),
    quote=Q_SEGMENT, depends_on=[convexity],
    rule="on the scalar chain: B(w1), B(w2) <= Bbar should give B((1 - t) w1 + t w2) <= Bbar for t in [0, 1]",
    # the obligation is the squared encoding of B
    claim=(r"B(w_1), B(w_2) \le \overline{B} \implies B\left((1-t)w_1 + tw_2\right) \le \overline{B},\quad "
           r"B(a, c) = \max(|a||c|, |a|, |c|)"),
    on_failure="Replace Bbar by Btilde = max_i prod_{j != i} max(||W_j(w1)||_op, ||W_j(w2)||_op) "
               "(segment-bound-repaired).")
mean_value = proof.cite(
    MEAN_VALUE, "mean-value", quote=Q_MEAN, depends_on=[gradient_l2, segment_bound],
    rule="mean-value inequality for g_x along [w1, w2], with the gradient bound of gradient-l2 and the "
         "segment bound of segment-bound",
    implicit_assumptions=[r"$g_x$ is locally Lipschitz (true: 1-Lipschitz activations) so that "
                          r"$\nabla g_x$ exists almost everywhere on the segment (relu kinks)"])
opnorm = proof.step(
    "opnorm-le-frobenius", LAMBDA_MAX <= TRACE, quote=Q_NORMS,
    rule="for M = [[a, b], [c, d]], ||M||_op^2 is the top eigenvalue (T + sqrt(T^2 - 4 det(M)^2))/2 of "
         "M^T M, with T = tr(M^T M) = ||M||_F^2: it is <= T (the eigenvalues are >= 0 and sum to T)",
    claim=r"\|M\|_{op}^2 = \tfrac{T + \sqrt{T^2 - 4\det(M)^2}}{2} \le T = \|M\|_F^2,\quad M \in \mathbb{R}^{2\times 2}")
frobenius = proof.step(
    "frobenius-le-bound", m1 * w1 ** 2 + m2 * w2 ** 2 <= W ** 2 * 2 * Q,
    (m1 <= Q, m2 <= Q, w1 ** 2 <= W ** 2, w2 ** 2 <= W ** 2), quote=Q_NORMS,
    rule="each variable entry of W_j is some w_a with |w_a| <= W, and at most Q entries are tied to one w_a, "
         "so ||W_j||_F^2 = sum_a m_a w_a^2 with m_a <= Q; checked for p = 2 (all m_a, Q)",
    claim=(r"m_a \le Q,\ |w_a| \le W \implies \|W_j\|_F^2 = m_1w_1^2 + m_2w_2^2 \le \left(W\sqrt{pQ}\right)^2,"
           r"\quad p = 2"))   # (the obligation has p = 2 written out)
# the lemma's two claims, listed before the proof (they are checked from the steps above)
second_claim = proof.step(
    "second-claim", And(n1 * n2 * n3 <= M_2 ** KD, n2 * n3 <= M_2 ** KD, n1 * n3 <= M_2 ** KD, n1 * n2 <= M_2 ** KD),
    (n1 <= M_2, n2 <= M_2, n3 <= M_2), location=STATEMENT_LOC, quote=Q_SECOND, depends_on=[opnorm, frobenius],
    before=gradient_inf,
    rule="from the norm chain ||W_j||_op <= W sqrt(pQ) =: M and M >= 1 (W >= 1, pQ >= 1): every product "
         "of D or D - 1 of the norms is <= M^D; checked for D = 3 over all norms n_j in [0, M]",
    claim=(r"0 \le n_j \le W\sqrt{pQ},\ W \ge 1 \implies B = \max\left(n_1n_2n_3,\ n_2n_3,\ n_1n_3,\ "  # B named
           r"n_1n_2\right) \le (W\sqrt{pQ})^3"),
    implicit_assumptions=[r"$Q \ge 1$: with $Q = 0$ (no variable entry) and $D = 1$, $B(\boldsymbol{w}) = 1$ "
                          r"(empty product) $> 0 = (W\sqrt{pQ})^D$"])
first_claim = proof.step(
    "first-claim", ((W2 - V2) * (W1 * x + b1)) ** 2 <= Bbar ** 2 * Q_FIRST_MULT ** 2 * R ** 2 * P_FIRST * (W2 - V2) ** 2,
    (x ** 2 <= R ** 2, W1 * x + b1 >= 0) + _B_le(W1, W2, Bbar) + _B_le(W1, V2, Bbar), location=STATEMENT_LOC,
    quote=Q_FIRST, depends_on=[mean_value], before=second_claim,
    rule="checked on the scalar depth-2 relu network f_w(x) = W2 relu(W1 x + b1) + b2 (d = 1, p = 4, "
         "Q = 1, B(w) = max(|W1||W2|, |W2|, |W1|)), with w1 = (W1, W2, b1, b2) and w2 = (W1, V2, b1, b2) "
         "differing in the output weight, at inputs where relu is active (W1 x + b1 >= 0); both sides "
         "squared (they are non-negative)",
    # the obligation is squared, on the family; the claim is the lemma's inequality there
    claim=(r"|x| \le R,\ B(w_1), B(w_2) \le \overline{B} \implies |(W_2 - V_2)\,\mathrm{relu}(W_1x + b_1)| "
           r"\le \overline{B}\cdot 1 \cdot R\sqrt{4}\,|W_2 - V_2|"),
    implicit_assumptions=PLAIN,
    on_failure="Restrict the class to plain networks (no biases, no skip connections, sigma(0) = 0), where "
               "no violation is known (first-claim-plain, evidence), or make B see the biases.",
    notes="Biases enter f_w but not B(w): f changes by (W2 - V2)(W1 x + b1) while the bound only sees "
          "|W1|, |W2|, |V2|, R.  Assuming R >= 1 does not help (the counterexample has R = 1, x = 0).  The same "
          "failure occurs with skip connections (ratio 8/sqrt(3)) and with "
          "softplus (sigma(0) = log 2; ratio 4 sqrt(2) log 2), see derivations.models.networks.  Unchecked repair "
          "idea: augment W_j with its bias column ([W_j b_j; 0 1]) and x with a constant 1, i.e. replace "
          "B by the B of the augmented matrices and R by sqrt(R^2 + 1).")
# -- repairs: each on the plain class, with its own argument ---------------------------------------------------
lipschitz_in_x_plain = proof.repair(
    lipschitz_in_x, "lipschitz-in-x-plain", conclusion=W2 ** 2 * (h - hp) ** 2 <= beta ** 2 * (x - y) ** 2,
    hypotheses=((h - hp) ** 2 <= W1 ** 2 * (x - y) ** 2,) + _B_le(W1, W2, beta), adds_hypotheses=["no skip connections"],
    rule="plain depth-2 scalar net f(x) = W2 sigma(W1 x + b1) + b2 with any 1-Lipschitz sigma and biases: "
         "f(x) - f(y) = W2 (h - h') with |h - h'| <= |W1||x - y|; hence |f(x) - f(y)| <= |W1||W2||x - y| "
         "<= B(w)|x - y| (layer by layer, the same for any plain network)",
    claim=r"|h - h'| \le |W_1||x - y|,\ \beta \ge B(w) \implies |W_2(h - h')| \le \beta |x - y|",  # (squared)
    implicit_assumptions=[NO_SKIP])
gradient_inf_plain_scalar = proof.repair(
    gradient_inf, "gradient-inf-plain-scalar",
    conclusion=And(s2 ** 2 * W2 ** 2 * s1 ** 2 * x ** 2 <= beta ** 2 * R ** 2, s2 ** 2 * h ** 2 <= beta ** 2 * R ** 2),
    hypotheses=(x ** 2 <= R ** 2, s1 ** 2 <= 1, s2 ** 2 <= 1, h ** 2 <= W1 ** 2 * x ** 2) + _B_le(W1, W2, beta),
    rule="no bias: g_x(w) = sigma_2(W2 sigma_1(W1 x)) with 1-Lipschitz sigma_i, sigma_1(0) = 0; the gradient is "
         "(s2 W2 s1 x, s2 h) with |s_i| <= 1 and |h| = |sigma_1(W1 x)| <= |W1||x|; checked for every beta >= B(w)",
    claim=(r"|x| \le R,\ |s_i| \le 1,\ |h| \le |W_1x|,\ \beta \ge B(w) \implies "   # (squared in the obligation)
           r"\left\|(s_2W_2s_1x,\ s_2h)\right\|_\infty \le \beta \cdot 1 \cdot R"),
    implicit_assumptions=PLAIN)
gradient_inf_plain = proof.step(
    "gradient-inf-plain", quote=Q_GRAD_INF, kind="repaired", repairs=gradient_inf,
    adds_hypotheses=["no biases", "no skip connections"],
    rule="plain networks (no bias, no skip, sigma(0) = 0, weight sharing allowed): the derivative in an entry of "
         "W_j is delta_j[k] h_{j-1}[l], bounded by prod_{i != j} ||W_i||_op R; supported by an adversarial "
         "search over random plain architectures, re-checked in mpmath",
    experiment=gradient_experiment, implicit_assumptions=PLAIN,
    claim=r"\text{plain networks: } \|x\| \le R \implies \|\nabla g_x(\boldsymbol{w})\|_\infty \le B(\boldsymbol{w})QR")
convexity_norms = proof.repair(
    convexity, "convexity-norms", conclusion=((1 - t) * a1 + t * a2) ** 2 <= ((1 - t) * n1 + t * n2) ** 2,
    hypotheses=(a1 ** 2 <= n1 ** 2, a2 ** 2 <= n2 ** 2),
    rule="what is true: each factor w -> ||W_j(w)||_op is convex (a norm of a linear function of w) and "
         "non-negative; B, a maximum of products of them, is not.  Checked for a 1x1 block: "
         "|(1 - t) a1 + t a2| <= (1 - t) n1 + t n2 for every n_i >= |a_i|",
    claim=r"n_i \ge |a_i|,\ t \in [0, 1] \implies |(1-t)a_1 + ta_2| \le (1-t)n_1 + tn_2")   # (squared)
segment_bound_repaired = proof.repair(
    segment_bound, conclusion=And(on_segment[0] ** 2 * on_segment[1] ** 2 <= n1 ** 2 * n2 ** 2,
                                  on_segment[0] ** 2 <= n1 ** 2, on_segment[1] ** 2 <= n2 ** 2),
    hypotheses=(a1 ** 2 <= n1 ** 2, a2 ** 2 <= n1 ** 2, c1 ** 2 <= n2 ** 2, c2 ** 2 <= n2 ** 2),
    depends_on=[convexity_norms],
    rule="each ||W_j(w)||_op is convex in w (W_j is linear in w), so on the segment ||W_j(w_t)||_op <= "
         "n_j := max(||W_j(w1)||_op, ||W_j(w2)||_op), and every product in B(w_t) is at most the same product "
         "of the n_j: B(w_t) <= Btilde = max_i prod_{j != i} n_j.  Checked termwise on the scalar chain",
    claim=(r"n_1 \ge |a_1|, |a_2|,\ n_2 \ge |c_1|, |c_2| \implies B\left((1-t)w_1 + tw_2\right) \le "   # (squared)
           r"\max(n_1n_2, n_1, n_2) = \tilde B"),
    notes="With the segment bound Btilde, gradient-inf-plain and mean-value give "
          "|f_w1(x) - f_w2(x)| <= Btilde Q R sqrt(p) ||w1 - w2|| for plain networks (as strong as the gradient "
          "step: evidence).  A class defined by per-layer bounds ||W_j||_op <= beta_j has Btilde <= "
          "max_i prod_{j != i} beta_j.")
first_claim_plain = proof.step(
    "first-claim-plain", location=STATEMENT_LOC, quote=Q_FIRST, kind="repaired", repairs=first_claim,
    adds_hypotheses=["no biases", "no skip connections"],
    rule="the first claim as stated, restricted to plain networks (no bias, no skip connection, sigma(0) = 0, "
         "weight sharing allowed); adversarial search maximising |f_w1(x) - f_w2(x)| / (Bbar Q R sqrt(p) "
         "||w1 - w2||) with Bbar = max(B(w1), B(w2)) and R = 1, worst case re-checked in mpmath",
    experiment=first_claim_experiment, implicit_assumptions=PLAIN,
    claim=(r"\text{plain networks: } \|x\| \le R,\ B(\boldsymbol{w}_1), B(\boldsymbol{w}_2) \le \overline{B} "
           r"\implies |f_{\boldsymbol{w}_1}(x) - f_{\boldsymbol{w}_2}(x)| \le \overline{B}QR\sqrt{p}"
           r"\|\boldsymbol{w}_1 - \boldsymbol{w}_2\|"),
    depends_on=[gradient_inf_plain, segment_bound_repaired, mean_value],
    notes="The paper's proof does not carry over (B is not convex); the bound with Btilde in place of Bbar "
          "follows from gradient-inf-plain, segment-bound-repaired and mean-value.")

FINDINGS = [
    proof.finding(
        "b-ignores-biases-and-skips", "false-statement",
        "B(w) is built from the weight matrices alone, so it sees neither the biases nor the skip connections "
        "of the class of Section 3: the lemma's first claim fails for networks with them (counterexample with "
        "one bias and one skip connection), the Lipschitz bound in x fails with a skip connection and the "
        "gradient bound with a bias",
        steps=[first_claim, lipschitz_in_x, gradient_inf],
        repair="Restrict the lemma to plain networks (no biases, no skip connections, sigma(0) = 0), where the "
               "bound on the Lipschitz constant in x is proved and the first claim has evidence only, or make B "
               "account for the biases and the skip connections",
        repaired_by=[lipschitz_in_x_plain, gradient_inf_plain_scalar, gradient_inf_plain, first_claim_plain],
        consequences="Section 3's J = R(WQp)^D rests on the lemma: with biases it fails (section-3/j-choice-biases)"),
    proof.finding(
        "b-not-convex", "false-step",
        "B(w) is not convex in w, so B(w1), B(w2) <= Bbar does not bound B on the segment [w1, w2]",
        steps=[convexity, segment_bound],
        repair="Bound B on the segment by Btilde = max_i prod_{j != i} max(||W_j(w1)||_op, ||W_j(w2)||_op) "
               "(each norm is convex); the proof then gives the lemma with Btilde in place of Bbar",
        repaired_by=[convexity_norms, segment_bound_repaired]),
]
RESULT = proof.result(FINDINGS)
