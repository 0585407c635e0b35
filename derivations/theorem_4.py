"""Theorem 4 of Bubeck & Sellke (arXiv:2105.12806v1, Section 4) and Remark 4.2: without polynomially
bounded weights, a three-layer network with one real parameter fits random labels.

The checkable claims of the construction, in the paper's order:

1. ``mu(slab) <= 1/10`` for slabs of width ``1/(100 d^{3/2})`` around the coordinate hyperplanes of
   ``S^{d-1}``: proved for every ``d`` (union bound over the ``d`` coordinates, the exact law of one
   coordinate, Wendel's bound on the Gamma ratio); the supported constant is ``1/(50 sqrt(2 pi)) ~ 0.008``.
   :func:`slab_coordinate_probability` evaluates the exact law rigorously in arb for any ``d``.
2. a new point lands in a new cell with probability ``>= 89/100 >= 4/5`` when ``n <= 2^d/100``;
3. "at least ``3n/4`` in a unique cell with probability ``1 - e^{-Omega(n)}``": the inference from the
   4/5 figure alone fails (counting only gives ``3n/5``); splitting slab points from collisions gives it
   with failure probability ``<= e^{-n/25} + e^{-n/125}`` (Chernoff, KL form);
   :func:`simulate_unique_cells` is a seeded simulation.
4. the statement says ``1 - e^{-Omega(d)}``, the proof gives ``1 - e^{-Omega(n)}``: these agree only when
   ``n = Omega(d)``, and the statement allows ``n = 1`` for every ``d >= 7``;
5. the extension is ``100 d^{3/2}``-Lipschitz (differently signed cells are ``2/(100 d^{3/2})`` apart;
   Kirszbraun);
6. (4.1) sums ``i = 1..2^d`` but (4.2) sums ``i = 1..2d``; and (4.2), whose summand does not depend on ``i``
   and uses one function inside and out, is symmetric in the coordinates, so it cannot represent
   ``h_l`` in general (two points of ``S^1`` swapped by the symmetry, with different labels);
7. ``a -> Phi_a`` is 2-Lipschitz in sup norm, not 1-Lipschitz;
8. Remark 4.2: ``2n 2^n`` random functions collect all ``2^n`` restrictions with probability
   ``>= 1 - e^{-n}``; the expected number is ``2^n H_{2^n} <= 2n 2^n`` (:func:`coupon_expected_draws`).
"""
from __future__ import annotations

from fractions import Fraction

import numpy as np
import sympy

from symbolic.authoring import Proof
from symbolic.domain import Domain, Obligation
from symbolic.errors import DomainError
from symbolic.kernel import Citation
from symbolic.proof import Constant, Parameter

LOC = "Section 4, proof of Theorem 4"
STATEMENT_LOC = "Section 4, Theorem 4"
REMARK_LOC = "Section 4, Remark 4.2"
R = sympy.Rational

SLAB_WIDTH = R(1, 100)          # slab_i = {|x_i| <= 1/(100 d^{3/2})}
SLAB_CLAIM = R(1, 10)           # "mu(slab) <= 1/10"
NEW_CELL_CLAIM = R(4, 5)        # "probability at least 4/5 to be in a new cell"
N_FRACTION = R(1, 100)          # "n <= 2^d / 100"
UNIQUE_CLAIM = R(3, 4)          # "at least 3n/4 are in a unique cell"
# the Chernoff exponent of the slab count, as a constant a what-if can move: P(S >= n/5) <= e^{-n/25}
P_SLAB_EXPONENT = Parameter("kslab", "theorem-4:1/25", R(1, 25), "smaller", constant="1/25 (Chernoff exponent)")
SLAB_DEVIATION = R(1, 5)        # slab points: S <= n/5 except with probability e^{-n KL(1/5 || 1/10)}
COLLISION_DEVIATION = R(1, 40)  # collisions: C <= n/40 except with probability e^{-n KL(1/40 || 1/100)}

# -- citations ------------------------------------------------------------------------------------
SPHERE_MARGINAL = Citation(
    key="sphere-marginal",
    name="law of one coordinate of the uniform measure on the sphere",
    statement=(r"If $x$ is uniform on $\mathbb{S}^{d-1}$, $d \ge 2$, then $x_1^2 \sim \mathrm{Beta}(\tfrac12, "
               r"\tfrac{d-1}{2})$: $x_1$ has density $c_d (1-t^2)^{(d-3)/2}$ on $(-1,1)$ with "
               r"$c_d = \Gamma(d/2)/(\sqrt{\pi}\,\Gamma((d-1)/2))$, and "
               r"$\mathbb{P}(|x_1| \le a) = I_{a^2}(\tfrac12, \tfrac{d-1}{2})$."),
    source="x = g/|g| with g standard Gaussian and g_1^2/|g|^2 ~ Beta(1/2, (d-1)/2); e.g. K.-T. Fang, S. Kotz, "
           "K. W. Ng, Symmetric Multivariate and Related Distributions (1990), Chapter 2",
)
WENDEL = Citation(
    key="wendel-1948",
    name="Wendel's inequality for the Gamma function",
    statement=r"For $x > 0$ and $0 < s < 1$: $\Gamma(x+s)/\Gamma(x) \le x^s$.",
    source="J. G. Wendel, Note on the gamma function, Amer. Math. Monthly 55 (1948), 563-564",
)
CHERNOFF = Citation(
    key="chernoff-kl",
    name="Chernoff-Hoeffding bound (relative-entropy form)",
    statement=(r"If $X_1,\dots,X_n \in \{0,1\}$ and $\mathbb{P}(X_k = 1 \mid X_1,\dots,X_{k-1}) \le p$ almost "
               r"surely, then for $p \le t \le 1$: $\mathbb{P}(\sum_k X_k \ge tn) \le \exp(-n\,D(t\|p))$, "
               r"$D(t\|p) = t\log\frac{t}{p} + (1-t)\log\frac{1-t}{1-p}$."),
    source="W. Hoeffding (1963), Theorem 1, for independent variables; the conditional version follows by "
           "coupling with i.i.d. Bernoulli(p) variables (stochastic domination)",
)
KIRSZBRAUN = Citation(
    key="kirszbraun-1934",
    name="Kirszbraun (McShane) extension theorem",
    statement=(r"An $L$-Lipschitz map from a subset of a Hilbert space to a Hilbert space extends to an "
               r"$L$-Lipschitz map on the whole space; for real values $\tilde h(x) = \inf_y (h(y) + L|x-y|)$ "
               r"(McShane), and clipping to $[-1,1]$ keeps the constant."),
    source="M. D. Kirszbraun, Fund. Math. 22 (1934), 77-108; E. J. McShane, Bull. AMS 40 (1934), 837-842",
)
KOLMOGOROV_ARNOLD = Citation(
    key="kolmogorov-arnold",
    name="Kolmogorov-Arnold superposition theorem",
    statement=(r"Every continuous $f$ on $[0,1]^d$ is $f(x) = \sum_{q=0}^{2d} g\left(\sum_{p=1}^{d} \lambda_p "
               r"\psi(x_p + q\alpha)\right)$ with $2d+1$ outer terms, a continuous $g$ depending on $f$, and "
               r"constants $\lambda_p, \alpha$ and a continuous $\psi$ independent of $f$."),
    source="A. N. Kolmogorov, Dokl. Akad. Nauk SSSR 114 (1957); in this form: D. A. Sprecher, Trans. AMS 115 "
           "(1965), 340-355, and G. G. Lorentz, Approximation of Functions (1966), Chapter 11",
)
COUPON = Citation(
    key="coupon-collector",
    name="coupon collector",
    statement=(r"Drawing uniformly from $N$ coupons, the expected number of draws to see all is $N H_N$ with "
               r"$H_N = \sum_{k \le N} 1/k \le \log N + 1$; after $m$ draws some coupon is missing with "
               r"probability at most $N(1-1/N)^m \le N e^{-m/N}$."),
    source="e.g. M. Mitzenmacher and E. Upfal, Probability and Computing, 2nd ed. (2017), Section 2.4.1 "
           "(expectation) and Section 5.4.1 (union bound)",
)


# -- rigorous numerics ------------------------------------------------------------------------------
def slab_half_width(d: int) -> Fraction:
    """``a_d``, with ``a_d^2 = 1/(10^4 d^3)`` exact: the slab ``slab_i = {|x_i| <= a_d}`` has
    ``a_d = 1/(100 d^{3/2})`` (Section 4, proof of Theorem 4).  Returns ``a_d^2`` as a Fraction.

    Raises ``DomainError`` if ``d`` is not a positive integer.

    >>> slab_half_width(4)
    Fraction(1, 640000)
    """
    if not isinstance(d, int) or d < 1:
        raise DomainError(f"slab_half_width: d must be a positive integer, got {d!r}")
    return Fraction(1, 10 ** 4 * d ** 3)


def slab_coordinate_probability(d: int, prec: int = 128):
    """``P(|x_1| <= 1/(100 d^{3/2}))`` for ``x`` uniform on ``S^{d-1}``, as a python-flint ``arb`` ball
    that contains the exact value.

    ``d = 1``: ``S^0 = {-1, 1}`` and the probability is 0.  ``d >= 2``: the regularised incomplete beta
    function ``I_{a^2}(1/2, (d-1)/2)`` (the law of one coordinate, :data:`SPHERE_MARGINAL`), evaluated by
    arb with ``prec`` bits.

    Raises ``DomainError`` if ``d`` is not a positive integer.

    >>> p = slab_coordinate_probability(2)
    >>> from flint import arb
    >>> bool(p < arb(1) / 100) and bool(p > 0)
    True
    """
    from flint import arb, ctx
    a2 = slab_half_width(d)
    if d == 1:
        return arb(0)
    old = ctx.prec
    ctx.prec = prec
    try:
        z = arb(a2.numerator) / a2.denominator
        return z.beta_lower(arb(1) / 2, arb(d - 1) / 2, 1)
    finally:
        ctx.prec = old


def slab_union_bound(d: int, prec: int = 128):
    """``d * P(|x_1| <= 1/(100 d^{3/2}))``, an upper bound on ``mu(slab)`` (union over the ``d`` slabs),
    as an ``arb`` ball.  Raises ``DomainError`` if ``d`` is not a positive integer."""
    return d * slab_coordinate_probability(d, prec)


def slab_bound_certified(d_max: int, bound=Fraction(1, 10), prec: int = 128) -> bool:
    """``True`` iff arb certifies ``d * P(|x_1| <= a_d) < bound`` for every ``d = 1..d_max``
    (an arb comparison is true only when it is certain; an undecided ball gives ``False``).

    Raises ``DomainError`` if ``d_max`` is not a positive integer.
    """
    from flint import arb
    if not isinstance(d_max, int) or d_max < 1:
        raise DomainError(f"slab_bound_certified: d_max must be a positive integer, got {d_max!r}")
    b = arb(Fraction(bound).numerator) / Fraction(bound).denominator
    return all(bool(slab_union_bound(d, prec) < b) for d in range(1, d_max + 1))


def simulate_unique_cells(d: int, n: int, trials: int, seed: int = 0) -> dict:
    """Seeded Monte Carlo of the cell argument: ``n`` uniform points on ``S^{d-1}``, ``trials`` times.

    A point is *unique* if it lies outside the slab and no other point has its sign pattern.
    Returns ``{"d", "n", "trials", "mean_slab_fraction", "min_unique_fraction", "mean_unique_fraction",
    "success_rate"}`` where ``success_rate`` is the fraction of trials with at least ``3n/4`` unique points.
    Evidence only (sampling), never a proof.

    Raises ``DomainError`` for non-positive sizes or ``d > 62`` (sign patterns are packed in int64).
    """
    if min(d, n, trials) < 1 or d > 62:
        raise DomainError(f"simulate_unique_cells: need 1 <= d <= 62, n >= 1, trials >= 1; got {d}, {n}, {trials}")
    rng = np.random.default_rng(seed)
    a = 1.0 / (100.0 * d ** 1.5)
    weights = (1 << np.arange(d, dtype=np.int64))
    slab_frac, unique_frac, ok = [], [], 0
    for _ in range(trials):
        g = rng.standard_normal((n, d))
        x = g / np.linalg.norm(g, axis=1, keepdims=True)
        in_slab = (np.abs(x) <= a).any(axis=1)
        codes = ((x > 0).astype(np.int64) * weights).sum(axis=1)[~in_slab]
        _, counts = np.unique(codes, return_counts=True)
        u = int((counts == 1).sum())
        slab_frac.append(in_slab.mean())
        unique_frac.append(u / n)
        ok += 4 * u >= 3 * n
    return {"d": d, "n": n, "trials": trials, "mean_slab_fraction": float(np.mean(slab_frac)),
            "min_unique_fraction": float(np.min(unique_frac)), "mean_unique_fraction": float(np.mean(unique_frac)),
            "success_rate": ok / trials}


def coupon_expected_draws(n: int) -> Fraction:
    """Exact expected number of uniformly random ``g_l`` needed to realise all ``2^n`` sign assignments on
    ``n`` distinct patterns: ``N H_N`` with ``N = 2^n`` (coupon collector, Remark 4.2).

    >>> coupon_expected_draws(1)
    Fraction(3, 1)
    """
    if not isinstance(n, int) or n < 1 or n > 20:
        raise DomainError(f"coupon_expected_draws: n must be an integer in [1, 20], got {n!r}")
    N = 2 ** n
    return N * sum((Fraction(1, k) for k in range(1, N + 1)), Fraction(0))


def kl(t, p):
    """Relative entropy ``D(t || p)`` of Bernoulli laws, as a SymPy expression (exact arguments)."""
    t, p = sympy.sympify(t), sympy.sympify(p)
    return t * sympy.log(t / p) + (1 - t) * sympy.log((1 - t) / (1 - p))


# -- the proof ------------------------------------------------------------------------------------
proof = Proof("theorem-4", "Theorem 4", location=STATEMENT_LOC, proof_location=LOC, order=4.0,
              statement=(r"\Phi_a(x) = \sum_{\ell=1}^{2^{2^d}} \sigma(a-\ell) \sum_{i=1}^{2^d} \sigma\left(b_\ell + "
                         r"\sum_{j=1}^d \sigma(x_j + b_\ell)\right) \text{ is } O(d^{3/2})\text{-Lipschitz, } a \mapsto "
                         r"\Phi_a \text{ 1-Lipschitz; w.p. } 1 - e^{-\Omega(d)}\ \exists \ell: \Phi_\ell(x_i) = y_i "
                         r"\text{ for } \ge \tfrac{3n}{4} \text{ of } i"),
              summary="A one-parameter three-layer network fitting random labels: the construction's checkable claims.")
# u = 1 - t^2 and e = (d-3)/2 (the density kernel u^e); t = 1/d, or an interpolation weight; s: the slab's measure;
# M = 2^d (or max |sigma_l|, or 2^{2^d}); U, B, S, C: unique, bad, slab and colliding points (U, S: also a window's
# half-width and a sum); m: points in a cell, or an index; c, k: the constants of e^{k - cd}; c0: of n >= c0 d;
# w: the summand of (4.2); x1, x2: a point of S^1; l: an index; a: the parameter (or a slab's half-width); xi, yi,
# r2 = |x - y|^2, dist, dh: two points, their distance and the values' gap; L1, L2, Lam: Lipschitz constants;
# b, h0, h1: a second parameter and two consecutive h_l; N = 2^{2^d}; x: a coordinate; w_l, v_li: Remark 4.1's 2 x 2
(u, e, d, t, s, M, n, k, U, B, S, C, m, c, c0, w, x1, x2, l, a, xi, yi, r2, dist, dh, L1, L2, Lam, b, h0, h1, N, x,
 w1, w2, v11, v12, v21, v22) = proof.vars(
    "u: real, 0 < u <= 1", "e: real, e >= 0", "d: integer, d >= 1", "t: real, 0 <= t <= 1", "s: real, 0 <= s <= 1",
    "M: real, M >= 2", "n: integer, n >= 1", "k: integer, k >= 1", "U: integer, U >= 0", "B: integer, B >= 0",
    "S: real", "C: integer, C >= 0", "m: integer, m >= 1", "c: real, c > 0", "c0: real, c0 > 0", "w: real",
    "x1: real, 3/5 <= x1 <= 3/5", "x2: real, -4/5 <= x2 <= -4/5", "l: integer, l >= 1", "a: real", "xi: real",
    "yi: real", "r2: real, r2 >= 0", "dist: positive", "dh: real, -2 <= dh <= 2", "L1: nonnegative", "L2: nonnegative",
    "Lam: nonnegative", "b: real, 0 <= b <= 1", "h0: real, -1 <= h0 <= 1", "h1: real, -1 <= h1 <= 1",
    "N: integer, N >= 4", "x: real", "w1: real", "w2: real", "v11: real", "v12: real", "v21: real", "v22: real")
KSLAB = proof.constant("kslab: real, 0 < kslab <= 1", P_SLAB_EXPONENT)
D_IS = {i: {d: f"d: integer, {i} <= d <= {i}"} for i in (1, 2)}     # the cases d = 1 and d = 2
A_POSITIVE = {a: "a: positive"}                                     # a as a slab's half-width
A3 = SLAB_WIDTH / d ** R(3, 2)
UNION_EXPR = d * 2 * A3 * sympy.sqrt((d - 1) / (2 * sympy.pi))      # d * 2a * (Wendel bound on c_d)
SLAB_LIMIT = sympy.limit(sympy.sqrt(1 - t) / (50 * sympy.sqrt(2 * sympy.pi)), t, 0)
U_W = N + d * M                                                      # U = N + d M (the window's half-width)
WINDOW = {N: "N: real, N >= 4", M: "M: nonnegative"}


def hat(x):
    """sigma(x) = (1 - |x|)_+, the value the proof prescribes for |x| <= 2^{2^d}."""
    return sympy.Max(1 - sympy.Abs(x), 0)


def _phi(a):
    """Phi_a at a fixed x between consecutive l = 0, 1 (shifted): (1 - a) h_0(x) + a h_1(x) (from (4.3))."""
    return (1 - a) * h0 + a * h1


Q_SLAB = (r"For each coordinate $i \in [d]$, define the slab $\mathtt{slab}_i = \{x \in \mathbb{S}^{d-1} : |x_i| \leq "
          r"\frac{1}{100d^{3/2}}\}$ and set $\mathtt{slab} = \bigcup_{i \in [d]} \mathtt{slab}_i$. Then it is not "
          r"difficult to see that $\mu(\mathtt{slab}) \leq \frac{1}{10}$.")
Q_NEW = (r"If we sample the points x_1,\ldots,x_n sequentially, each point has probability at least $\frac{4}{5}$ "
         r"to be in a new cell")
Q_UNIQUE = (r"each point has probability at least $\frac{4}{5}$ to be in a new cell - this implies that with "
            r"probability $1 - e^{-\Omega(n)}$, at least $\frac{3n}{4}$ are in a unique cell.")
Q_STATEMENT_PROB = (r"Moreover for $n \le \frac{2^d}{100}$, given i.i.d. uniform points $x_1, \ldots, x_n \in "
                    r"\mathbb{S}^{d-1}$ and random labels $y_1, \ldots, y_n \in \{-1, 1\}$, with probability "
                    r"$1 - e^{-\Omega(d)}$ there exists $\ell \in [2^{2^d}]$ such that $\Phi_{\ell}(x_i) = y_i$ for "
                    r"at least $\frac{3n}{4}$ of the values $i \in [n]$.")
Q_KIRSZBRAUN = (r"By the Kirszbraun extension theorem, \tilde{h}_ℓ extends to an $O(d^{3/2})$ -Lipschitz function "
                r"$h_\ell: \mathbb{S}^{d-1} \to [-1,1]$ on the whole sphere.")
Q_42 = (r"The Kolmogorov-Arnold theorem guarantees the existence of an exact representation $$\Phi_{\ell}(x) = "
        r"\sum_{i=1}^{2d} \sigma_{\ell} \left(\sum_{j=1}^{d} \sigma_{\ell}(x_j) \right)$$ $$\tag{4.2}$$ of h_{ℓ} by a "
        r"two-layer neural network for some continuous function $\sigma_{\ell}: \mathbb{R} \to \mathbb{R}$ "
        r"depending on ℓ .")
Q_41 = (r"$$\Phi_a(x) = \sum_{\ell=1}^{2^{2^d}} \sigma(a-\ell) \sum_{i=1}^{2^d} \sigma\left(b_\ell + \sum_{j=1}^d "
        r"\sigma(x_j + b_\ell)\right), \qquad |a| \le 2^{2^d}$$ (4.1)")
Q_PARAM = (r"is always $O(d^{3/2})$ -Lipschitz, and the parametrization $a \to \Phi_a$ is 1-Lipschitz.")
Q_REMARK = (r"Remark 4.2. The construction above can be made more efficient, using only $O(n \cdot 2^n)$ uniformly "
            r"random functions $g_{\ell} : \{-1,1\}^d \to \{-1,1\}$ instead of all $2^{2^{\ell}}$. Indeed by the "
            r"coupon collector problem, this results in all functions from $\{\gamma(x_i) : i \in [n]\} \to "
            r"\{-1,1\}$ being expressable as the restriction of some g_{ℓ} , with high probability.")


# -- 1. the slab ------------------------------------------------------------------------
sphere_marginal = proof.cite(
    SPHERE_MARGINAL, "sphere-marginal", kind="derived", quote=Q_SLAB,
    rule="mu(slab) <= sum_i mu(slab_i) = d P(|x_1| <= a) (union bound and symmetry), and the law of x_1 is "
         "known exactly")
kernel = proof.step(
    "density-kernel-at-most-one", e * sympy.log(u) <= 0, kind="derived", quote=Q_SLAB, depends_on=[sphere_marginal],
    rule="for d >= 3 the density kernel (1 - t^2)^((d-3)/2) = exp(e log u), u = 1 - t^2 in (0, 1], "
         "e = (d-3)/2 >= 0, is at most 1, so P(|x_1| <= a) <= 2 a c_d",
    claim=r"0 < u \le 1,\ e \ge 0 \implies e \log u \le 0 \quad (u^e \le 1)")   # in logarithms
density_constant = proof.cite(
    WENDEL, "density-constant", kind="derived", quote=Q_SLAB, depends_on=[sphere_marginal],
    rule="Wendel with x = (d-1)/2, s = 1/2: c_d = Gamma(d/2)/(sqrt(pi) Gamma((d-1)/2)) <= sqrt((d-1)/(2 pi))")
union_identity = proof.step(
    "slab-union-identity", sympy.Eq(UNION_EXPR, sympy.sqrt(1 - 1 / d) / (50 * sympy.sqrt(2 * sympy.pi)), evaluate=False),
    where={d: "d: integer, d >= 3"}, kind="derived", quote=Q_SLAB, depends_on=[kernel, density_constant],
    rule="d * 2a * sqrt((d-1)/(2 pi)) with a = 1/(100 d^{3/2}) simplifies to sqrt(1 - 1/d)/(50 sqrt(2 pi))",
    claim=(r"d \cdot 2\,\frac{1}{100 d^{3/2}} \sqrt{\frac{d-1}{2\pi}} = "   # SymPy simplifies the left side
           r"\frac{\sqrt{1 - 1/d}}{50\sqrt{2\pi}}"))
slab_measure = proof.step(
    "slab-measure", sympy.sqrt(1 - t) / (50 * sympy.sqrt(2 * sympy.pi)) <= SLAB_CLAIM,
    where={t: "t: real, 0 < t <= 1/3"}, quote=Q_SLAB, depends_on=[union_identity],   # t = 1/d
    rule="for d >= 3: mu(slab) <= sqrt(1 - t)/(50 sqrt(2 pi)) with t = 1/d in (0, 1/3], at most "
         "1/(50 sqrt(2 pi)) ~ 0.00798 (d = 1, 2 below)",
    claim=r"0 < t = \tfrac1d \le \tfrac13 \implies \mu(\mathtt{slab}) \le \frac{\sqrt{1-t}}{50\sqrt{2\pi}} \le \frac{1}{10}",
    constants=[Constant("mu(slab) bound", SLAB_CLAIM, SLAB_LIMIT, weaker_when="larger")],
    notes="slab_coordinate_probability(d) evaluates d P(|x_1| <= a_d) exactly (arb, incomplete beta); "
          "it increases to 1/(50 sqrt(2 pi)) and never exceeds it.")
proof.step(
    "slab-measure-d2", d * 2 * A3 / (sympy.pi * sympy.sqrt(1 - A3 ** 2)) <= SLAB_CLAIM, where=D_IS[2], kind="derived",
    quote=Q_SLAB, depends_on=[sphere_marginal],
    rule="d = 2: the density 1/(pi sqrt(1 - t^2)) is at most 1/(pi sqrt(1 - a^2)) on |t| <= a, so "
         "mu(slab) <= 2 * 2a/(pi sqrt(1 - a^2))",
    claim=r"d = 2:\ d\cdot\frac{2a}{\pi\sqrt{1-a^2}} \le \frac{1}{10},\ a = \frac{1}{100\cdot 2^{3/2}}")   # a named
proof.step(
    "slab-measure-d1", sympy.Lt(SLAB_WIDTH / d ** R(3, 2), 1, evaluate=False), where=D_IS[1], kind="derived",
    quote=Q_SLAB, rule="d = 1: S^0 = {-1, 1} and |x_1| = 1 > 1/100, so the slab is empty",
    claim=r"d = 1:\ \frac{1}{100 d^{3/2}} < 1 = |x_1|")
# -- 2. new cells ---------------------------------------------------------------------------
new_cell = proof.step(
    "new-cell", 1 - s - (k - 1) / M >= NEW_CELL_CLAIM, (s <= SLAB_CLAIM, 100 * n <= M, k <= n), quote=Q_NEW,
    depends_on=[slab_measure],
    rule="the k-th point is not in a new cell only if it is in the slab (probability s <= 1/10) or in one "
         "of the <= k - 1 occupied cells, each inside an orthant of measure 2^-d =: 1/M; with k <= n <= M/100 "
         "that is at most 1/10 + 1/100",
    claim=(r"s \le \tfrac1{10},\ k \le n \le \tfrac{2^d}{100} \implies 1 - s - \frac{k-1}{2^d} \ge \frac45"),  # M = 2^d
    constants=[Constant("new-cell probability", NEW_CELL_CLAIM, 1 - SLAB_CLAIM - N_FRACTION, weaker_when="smaller")],
    implicit_assumptions=[r"each orthant has measure exactly $2^{-d}$ (sign symmetry of the uniform measure)"])
# -- 3. unique cells ----------------------------------------------------------------------------
COUNTS = (n, U, B, S, C)            # the counting setting (a counterexample names every count)
S_COUNT = {S: "S: integer, S >= 0"}  # S as the number of slab points (elsewhere a real sum)
unique_cells = proof.step(
    "unique-cells", U >= UNIQUE_CLAIM * n, (U >= n - 2 * B, B <= (1 - NEW_CELL_CLAIM) * n, U <= n), variables=COUNTS,
    where=S_COUNT,
    quote=Q_UNIQUE, depends_on=[new_cell],
    rule="the inference as written, from the per-point figure alone: with B points not in a new cell, "
         "counting gives U >= n - 2B unique points (a point that collides can also spoil one earlier "
         "point), and B is near n/5 when the new-cell probability is 4/5; that gives 3n/5, not 3n/4",
    on_failure="Split the bad points: slab points (rate <= 1/10) spoil nobody, collisions (rate <= 1/100) "
               "spoil at most one earlier point; see unique-cells-repaired.")
cell_count = proof.step(
    "cell-count", m <= 2 * (m - 1), where={m: "m: integer, m >= 2"}, kind="derived", quote=Q_UNIQUE,
    rule="a cell holding m >= 2 points holds m - 1 collisions and m <= 2(m - 1) points, so the points not "
         "unique number at most S + 2C (S slab points, C collisions): U >= n - S - 2C")
chernoff_slab = proof.cite(
    CHERNOFF, "chernoff-slab", sympy.GreaterThan(kl(SLAB_DEVIATION, SLAB_CLAIM), KSLAB, evaluate=False),
    kind="derived", quote=Q_UNIQUE, depends_on=[slab_measure],
    rule="slab indicators are i.i.d. with mean <= 1/10: P(S >= n/5) <= exp(-n D(1/5 || 1/10)), and "
         "D(1/5 || 1/10) >= 1/25",
    claim=r"D\left(\tfrac15 \,\middle\|\, \tfrac1{10}\right) = \tfrac15\log 2 + \tfrac45\log\tfrac89 \ge \tfrac1{25}")  # D named
chernoff_collision = proof.cite(
    CHERNOFF, "chernoff-collision", kind="derived", quote=Q_UNIQUE, depends_on=[new_cell],
    obligation=Obligation(sympy.GreaterThan(kl(COLLISION_DEVIATION, N_FRACTION), R(1, 125), evaluate=False), (),
                          Domain()),
    rule="a collision at step k has conditional probability <= (k-1)/2^d <= 1/100: "
         "P(C >= n/40) <= exp(-n D(1/40 || 1/100)), and D(1/40 || 1/100) >= 1/125",
    claim=r"D\left(\tfrac1{40} \,\middle\|\, \tfrac1{100}\right) \ge \tfrac1{125}")   # D named
unique_repaired = proof.repair(
    unique_cells, hypotheses=(U >= n - S - 2 * C, S <= SLAB_DEVIATION * n, C <= COLLISION_DEVIATION * n),
    depends_on=[cell_count, chernoff_slab, chernoff_collision],
    rule="outside the two Chernoff events (total probability <= e^{-n/25} + e^{-n/125} = e^{-Omega(n)}), "
         "S <= n/5 and C <= n/40, so U >= n - S - 2C >= 3n/4",
    notes="simulate_unique_cells(d, n, trials, seed) gives seeded Monte Carlo evidence for small d.")
probability_exponent = proof.step(
    "probability-exponent", location=STATEMENT_LOC, quote=Q_STATEMENT_PROB, kind="derived", reading="asymptotic",
    notes="A consistency check between the statement and its proof: the proof's bound e^{-Omega(n)} is "
          "e^{-Omega(d)} only when n >= const * d. The statement itself may still hold by another "
          "argument; what fails is that the proof gives it.",
    rule="the proof bounds the failure probability by e^{-n/25} + e^{-n/125} (unique-cells-repaired); for "
         "this to be e^{-Omega(d)} there must be c > 0 and a prefactor e^k with e^{-n/25} + e^{-n/125} <= "
         "e^k e^{-cd} for every admissible n <= 2^d/100. Along n = 1 (admissible for d >= 7), d -> oo it "
         "fails for every c and k: e^{k - cd} < e^{-1/25} as soon as cd > k + 1/25",
    depends_on=[unique_repaired],
    claim=(r"\exists c > 0,\ k\ \forall d,\ n \le \tfrac{2^d}{100}:\ e^{-n/25} + e^{-n/125} \le e^{k - cd}"),
    family=proof.obligation(sympy.exp(k - c * d) < sympy.exp(-n / 25) + sympy.exp(-n / 125),
                            (c * d > k + sympy.Rational(1, 25),), variables=(d, n, c, k),
                            where={d: "d: integer, d >= 7", n: "n: integer, 1 <= n <= 1", k: "k: real"}),
    family_text="n = 1, d > max(7, (k + 1/25)/c) for each c > 0 and prefactor e^k (d -> oo with n fixed)",
    on_failure="State the theorem with probability 1 - e^{-Omega(n)}, as the proof gives, or add the "
               "hypothesis n >= c0 d (then e^{-n/25} <= e^{-c0 d/25}); for small n the failure probability "
               "of the construction need not decay with d (one point falls in the slab with probability "
               "tending to a positive constant).")
# -- 4. the representation ------------------------------------------------------------------------
extension_gap = proof.step(
    "extension-gap", r2 >= 4 * a ** 2, (xi >= a, yi <= -a, r2 >= (xi - yi) ** 2), where=A_POSITIVE, kind="derived",
    quote=Q_KIRSZBRAUN,
    rule="two points outside the slab in cells of different sign patterns differ in the sign of some "
         "coordinate i: x_i >= a and y_i <= -a, so |x - y|^2 >= (x_i - y_i)^2 >= (2a)^2")
extension_lipschitz = proof.cite(
    KIRSZBRAUN, "extension-lipschitz", sympy.Abs(dh) <= dist / a, (dist >= 2 * a,), where=A_POSITIVE,
    quote=Q_KIRSZBRAUN, depends_on=[extension_gap],
    rule="h~ takes values in {-1, 1} and changes only across a gap >= 2a, so Lip(h~) <= 2/(2a) = 1/a = "
         "100 d^{3/2}; Kirszbraun (McShane, then clipping) keeps the constant",
    claim=r"|h(x) - h(y)| \le 2,\ |x-y| \ge 2a \implies |h(x) - h(y)| \le \tfrac1a |x - y| = 100 d^{3/2}|x-y|")  # dh, dist
display_41 = proof.step(
    "display-4-1", sympy.And(sympy.Abs(m - l) <= N - 1, sympy.Eq(hat(m - l), 1 - sympy.Min(sympy.Abs(m - l), 1),
                                                                   evaluate=False)),
    (m <= N, l <= N), variables=(N, m, l), location=STATEMENT_LOC, label="(4.1)", quote=r"The function Φ_a defined by " + Q_41,
    rule="at an integer a = m in [2^{2^d}] every argument m - l of sigma(a - l) has |m - l| <= 2^{2^d} - 1, "
         "where sigma(x) = (1 - |x|)_+; there sigma(m - l) is 1 for l = m and 0 otherwise, so (4.1) at a = l "
         "is the l-th inner network: the function the statement calls Phi_l",
    claim=(r"m, \ell \in [2^{2^d}]:\ |m - \ell| \le 2^{2^d} - 1,\ \ (1 - |m - \ell|)_+ = "   # N = 2^{2^d}
           r"\mathbb{1}[m = \ell]"),
    notes="For a < 1 (the statement allows |a| <= 2^{2^d}) a - l can fall below -2^{2^d}, where the proof "
          "does not prescribe sigma; the check covers the integer parameters the proof uses.",
    on_failure="Restrict the parameter to integers a in [2^{2^d}] or prescribe sigma on the whole range of a - l.")
index_range = proof.step(
    "index-range", sympy.Eq(2 ** d, 2 * d), where={d: "d: integer, 1 <= d <= 60"}, quote=Q_41 + " ... " + Q_42,
    kind="derived", notes="A consistency check between (4.1) and (4.2), which the paper does not state as an equation.",
    rule="the inner sum of (4.1) runs over i = 1..2^d, that of (4.2) over i = 1..2d; the two agree only "
         "for d = 1, 2 (the Kolmogorov-Arnold theorem has 2d + 1 outer terms)",
    on_failure="Use the same range in (4.1) and (4.2): i = 0..2d (2d + 1 terms), as in Kolmogorov-Arnold.")
ka_points = proof.step(
    "ka-points", sympy.And(sympy.Eq(x1 ** 2 + x2 ** 2, 1), x1 > SLAB_WIDTH / d ** R(3, 2), -x2 > SLAB_WIDTH / d ** R(3, 2)),
    where=D_IS[2], kind="derived", quote=Q_42,
    rule="x = (3/5, -4/5) and x' = (-4/5, 3/5) lie on S^1, outside the slab, in the cells (+,-) and (-,+); "
         "a g_l with g_l(+,-) = 1, g_l(-,+) = -1 gives h_l(x) = 1, h_l(x') = -1",
    claim=r"(\tfrac35)^2 + (\tfrac45)^2 = 1,\quad \tfrac35, \tfrac45 > \frac{1}{100\cdot 2^{3/2}}")   # the pinned point
ka_representation = proof.cite(
    KOLMOGOROV_ARNOLD, "ka-representation", sympy.Eq(2 * d * w, -1), (sympy.Eq(2 * d * w, 1),), where=D_IS[2],
    label="(4.2)", quote=Q_42, depends_on=[ka_points],
    rule="the summand of (4.2) does not depend on i and the inner sum is symmetric in the coordinates, so "
         "(4.2) takes the same value 2d w, w = sigma_l(sigma_l(3/5) + sigma_l(-4/5)), at x and x'; if it "
         "represents h_l at x (2d w = 1) it must also give 2d w = -1 at x'",
    claim=r"d = 2:\ \Phi_\ell(x) = 2d\,w = 1 \implies \Phi_\ell(x') = 2d\,w = -1",   # which points
    on_failure="Use the Kolmogorov-Arnold form with 2d + 1 terms, inner shifts and weights: "
               "Phi_l(x) = sum_{q=0}^{2d} g_l(sum_p lambda_p psi(x_p + q alpha)); the network needs "
               "first-layer weights lambda_p and biases q alpha.")
proof.step(
    "display-4-3", sympy.And(sympy.Eq(hat(a - m), m + 1 - a, evaluate=False), sympy.Eq(hat(a - m - 1), a - m, evaluate=False),
                             sympy.Eq(hat(a - m + 1), 0, evaluate=False), sympy.Eq(hat(a - m - 2), 0, evaluate=False)),
    (m <= a, a <= m + 1, m + 1 <= N), variables=(N, m, a), label="(4.3)", depends_on=[display_41],
    quote=(r"We extend the definition of Φ_{a} to any $a \in \mathbb{R}$ via: $$\Phi_a(x) = "
           r"\sum_{\ell=1}^{2^{2^d}} \sigma(a-\ell)\Phi_{\ell}(x)$$ (4.3) where $\sigma: \mathbb{R} \to "
           r"\mathbb{R}$ satisfies $\sigma(x) = (1-|x|)_+$ for $|x| \leq 2^{2^d}$. This ensures that (4.3) "
           r"extends (4.2)."),
    rule="for m <= a <= m + 1 the hat function gives weight m + 1 - a to Phi_m, a - m to Phi_{m+1} and 0 to "
         "every other l: (4.3) interpolates linearly between consecutive Phi_l and equals Phi_m at a = m",
    claim=(r"m \le a \le m+1:\ \sigma(a - m) = m + 1 - a,\ \sigma(a - m - 1) = a - m,\ "   # sigma named
           r"\sigma(a - m + 1) = \sigma(a - m - 2) = 0"),
    on_failure="Prescribe sigma as the hat function on [-2^{2^d}, 2^{2^d}] (as stated) or re-derive the "
               "interpolation weights.")
u_bound = proof.step(
    "u-bound", sympy.Abs(S) <= U_W, (sympy.Abs(S) <= d * M,), where=WINDOW, variables=(N, d, M, S, x),
    quote=(r"Let $$U = 2^{2^d} + d \cdot \max_{x \in [-1,1], \ell \in [2^{2^d}]} |\sigma_{\ell}(x)|$$ so that "
           r"$\left|\sum_{j=1}^{d} \sigma_{\ell}(x_{j})\right| \leq U$ for all $x \in \mathbb{S}^{d-1}$."),
    rule="on the sphere |x_j| <= 1, so |sigma_l(x_j)| <= M := max_{[-1,1], l} |sigma_l| and, by the triangle "
         "inequality, |sum_j sigma_l(x_j)| <= d M <= 2^{2^d} + d M = U",
    claim=r"\left|\textstyle\sum_{j=1}^d \sigma_\ell(x_j)\right| \le dM \implies \left|\textstyle\sum_{j=1}^d "   # S named
          r"\sigma_\ell(x_j)\right| \le 2^{2^d} + dM = U",
    on_failure="Take U at least d max |sigma_l| on [-1, 1].")
separation = proof.step(
    "separation", sympy.And(10 * l * U + M - U > M, 10 * (l + 1) * U + M - U > 10 * l * U + M + U),
    where={U: "U: real, U >= 2"}, variables=(U, M, l), kind="derived",
    quote=(r"Define real numbers $b_{\ell} = 10\ell U + 2^{2^{d}}$ for $\ell \in [2^{2^{d}}]$ and for all "
           r"$|x| \leq U$ set $$\sigma(x+b_{\ell}) = \sigma_{\ell}(x).$$ Due to the separation of the values "
           r"b_{ℓ} such a function σ certainly exists."),
    rule="the windows [b_l - U, b_l + U] lie right of [-2^{2^d}, 2^{2^d}] (where sigma = (1-|x|)_+) and "
         "are pairwise disjoint: b_1 - U > 2^{2^d} =: M and b_{l+1} - U > b_l + U",
    claim=r"b_\ell - U > 2^{2^d},\quad b_{\ell+1} - U > b_\ell + U")   # b_l written out in the obligation
proof.step(
    "sigma-windows", sympy.And(sympy.Abs(x) <= U_W, sympy.Abs(S) <= U_W), (sympy.Abs(x) <= 1, sympy.Abs(S) <= U_W),
    where=WINDOW, variables=(N, d, M, S, x), depends_on=[u_bound, separation],
    quote=(r"for all $|x| \leq U$ set $$\sigma(x+b_{\ell}) = \sigma_{\ell}(x).$$ Due to the separation of the "
           r"values b_{ℓ} such a function σ certainly exists. Then we have $$\Phi_{\ell}(x) = \sum_{i=1}^{2d} "
           r"\sigma \left(b_{\ell} + \sum_{j=1}^{d} \sigma(x_j + b_{\ell}) \right).$$"),
    rule="both arguments of sigma(. + b_l) lie in the window |.| <= U where sigma(. + b_l) = sigma_l(.): the "
         "coordinates x_j of a point of the sphere (|x_j| <= 1 <= U) and the inner sum (|S| <= U by the "
         "choice of U); so the display is (4.2) term by term",
    claim=r"|x_j| \le 1,\ |S| \le U \implies |x_j| \le U,\ |S| \le U \quad (U = 2^{2^d} + dM)",   # U named
    on_failure="Enlarge the windows: U must bound both |x_j| and the inner sum.")
PHI_LIPSCHITZ_DEPS = [extension_lipschitz, ka_representation]      # and the repaired (4.2), stated below
parametrisation = proof.step(
    "parametrisation-lipschitz", sympy.Abs(_phi(a) - _phi(b)) <= sympy.Abs(a - b), where={a: "a: real, 0 <= a <= 1"},
    location=STATEMENT_LOC, quote=Q_PARAM,
    rule="between consecutive integers (shifted to [0, 1]) Phi_a(x) = (1 - a) h_0(x) + a h_1(x), so "
         "|Phi_a(x) - Phi_b(x)| = |a - b| |h_1(x) - h_0(x)|, and h_1(x) - h_0(x) = 2 where two consecutive "
         "g_l differ",
    claim=r"|\Phi_a(x) - \Phi_b(x)| \le |a - b|",   # Phi named
    constants=[Constant("Lipschitz constant of a -> Phi_a", 1, 2, weaker_when="larger")],
    implicit_assumptions=[r"for $a < 0$, $a - \ell$ reaches below $-2^{2^d}$, where $\sigma$ is not "
                          r"prescribed; $\sigma(x) = 0$ for $x < -2^{2^d}$ is needed (or $a \ge 0$)"],
    on_failure="The parametrisation is 2-Lipschitz in sup norm (J = 2 in Theorem 3's notation).")
parametrisation_repaired = proof.repair(
    parametrisation, conclusion=sympy.Abs(_phi(a) - _phi(b)) <= 2 * sympy.Abs(a - b), rule="|h_1 - h_0| <= 2",
    changes_statement=["a -> Phi_a 2-Lipschitz in sup norm in place of 1-Lipschitz (J = 2 in Theorem 3)"],
    claim=r"|\Phi_a(x) - \Phi_b(x)| \le 2|a - b|")
probability_repaired = proof.repair(
    probability_exponent, conclusion=sympy.exp(-n / 25) + sympy.exp(-n / 125) <= 2 * sympy.exp(-c0 * d / 125),
    hypotheses=(n >= c0 * d,), variables=(n, d, c0), reading="exact", family=None, family_text="", notes="",
    on_failure="", claim=None,
    adds_hypotheses=["n >= c0 d for a constant c0 > 0 (otherwise read 1 - e^{-Omega(n)})"],
    rule="with n >= c0 d the proof's bound is e^{-n/25} + e^{-n/125} <= 2 e^{-n/125} <= 2 e^{-c0 d/125}, "
         "which is e^{-Omega(d)}")
ka_repaired = proof.step(
    "ka-representation-repaired", label="(4.2)", kind="repaired", repairs=ka_representation, quote=Q_42,
    citation=KOLMOGOROV_ARNOLD,
    rule="the Kolmogorov-Arnold theorem in Sprecher's form represents h_l with 2d + 1 outer terms "
         "g_l(sum_p lambda_p psi(x_p + q alpha)), q = 0..2d: a two-layer network whose inner weights and "
         "biases do not depend on l, so one network with the outer sigma(a - l) selects every h_l")
proof.step(
    "phi-lipschitz", t * L1 + (1 - t) * L2 <= Lam, (L1 <= Lam, L2 <= Lam), location=STATEMENT_LOC, quote=Q_PARAM,
    depends_on=[*PHI_LIPSCHITZ_DEPS, ka_repaired], before=parametrisation,
    rule="for a in [l, l+1], Phi_a = (l+1-a) Phi_l + (a-l) Phi_{l+1} is a (sub-)convex combination of "
         "100 d^{3/2}-Lipschitz functions",
    implicit_assumptions=[r"(4.2) represents $h_\ell$ exactly (see ka-representation)"])
index_repaired = proof.step(
    "index-range-repaired", kind="repaired", repairs=index_range, quote=Q_41 + " ... " + Q_42,
    citation=KOLMOGOROV_ARNOLD,
    rule="one range, i = 0..2d, in both (4.1) and (4.2): the 2d + 1 outer terms of the Kolmogorov-Arnold "
         "theorem, for every d")
# -- 5. Remark 4.2 ------------------------------------------------------------------------------
proof.step(
    "remark-4-1", sympy.Eq(w1 * (v11 + v12) + w2 * (v21 + v22), w1 * v11 + w1 * v12 + w2 * v21 + w2 * v22, evaluate=False),
    location="Section 4, Remark 4.1", depends_on=[display_41],
    quote=(r"Remark 4.1. The representation (4.1) is a three-layer neural network because the "
           r"$\sigma(a-\ell)$ terms are just matrix entries for the final layer."),
    rule="for a fixed parameter a the outer sum of (4.1) is linear in the second-layer outputs "
         "v_{l,i} = sigma(b_l + sum_j sigma(x_j + b_l)), with matrix entries w_l = sigma(a - l): layers "
         "sigma(x_j + b_l), sigma(b_l + .), and the linear read-out; distributivity checked on a 2 x 2 instance",
    claim=(r"\sum_{\ell} \sigma(a - \ell) \sum_i v_{\ell,i} = \sum_{\ell, i} \sigma(a - \ell)\, v_{\ell,i} "   # sums
           r"\quad (2 \times 2)"),
    on_failure="Count the layers of (4.1) again: the weights sigma(a - l) must enter linearly.")
# n as a real (the bound is monotone in n); the relations are built unevaluated, since for an integer n >= 1
# SymPy would decide them while building them
COUPON_N = {n: "n: real, n >= 1"}
coupon_expectation = proof.cite(
    COUPON, "coupon-expectation", sympy.Le(n * sympy.log(2) + 1, 2 * n, evaluate=False), where=COUPON_N, location=REMARK_LOC, kind="derived",
    quote=Q_REMARK,
    rule="N = 2^n restrictions, each hit with probability 2^-n by a uniform g_l: expected draws "
         "N H_N <= 2^n (n log 2 + 1) <= 2n 2^n since n log 2 + 1 <= 2n for n >= 1; "
         "coupon_expected_draws(n) gives the exact value",
    claim=r"2^n H_{2^n} \le 2^n (n\log 2 + 1) \le 2n\,2^n \quad (n \ge 1)")   # what the inequality bounds
proof.cite(
    COUPON, "coupon-whp", sympy.Le(n * sympy.log(2) - 2 * n, -n, evaluate=False), where=COUPON_N, location=REMARK_LOC, quote=Q_REMARK,
    depends_on=[coupon_expectation],
    rule="with m = 2n 2^n random g_l, some restriction is missing with probability <= 2^n e^{-m/2^n} = "
         "e^{n log 2 - 2n} <= e^{-n}: O(n 2^n) functions suffice with high probability",
    claim=r"\log\left(2^n e^{-2n}\right) = n\log 2 - 2n \le -n",   # in logarithms
    notes="The remark writes 2^{2^{\\ell}} for the number of all functions; 2^{2^d} is meant.")

FINDINGS = [
    proof.finding(
        "new-cell-not-unique", "false-step",
        "'each point has probability at least 4/5 to be in a new cell' does not give 3n/4 points in unique cells: "
        "a point in a new cell can be joined by a later one",
        steps=[unique_cells],
        repair="Count slab points (rate <= 1/10, they spoil nobody) and collisions (rate <= 1/100, each spoils at "
               "most one earlier point) separately; Chernoff on both gives 3n/4 unique cells with probability "
               "1 - e^{-n/25} - e^{-n/125}",
        repaired_by=[unique_repaired, chernoff_slab, chernoff_collision]),
    proof.finding(
        "probability-omega-n", "false-step",
        "The proof gives failure probability e^{-Omega(n)}, not the stated e^{-Omega(d)}: along n = 1, d -> oo "
        "its bound stays above e^{-1/25}, above any C e^{-cd} eventually",
        steps=[probability_exponent],
        repair="State the theorem with probability 1 - e^{-Omega(n)}, or add the hypothesis n >= c0 d, under "
               "which the proof gives 1 - 2e^{-c0 d/125}",
        repaired_by=[probability_repaired],
        consequences="none downstream: Theorem 4 is a counterexample construction that no other result uses"),
    proof.finding(
        "kolmogorov-arnold-terms", "false-step",
        "(4.2) writes a Kolmogorov-Arnold representation with 2d outer terms and one function sigma_l inside and "
        "outside; the theorem needs 2d + 1 terms with inner shifts and weights, and (4.2) as written fails for d = 2",
        steps=[ka_representation],
        repair="Use Phi_l(x) = sum_{q=0}^{2d} g_l(sum_p lambda_p psi(x_p + q alpha)) (Kolmogorov-Arnold, e.g. in "
               "Sprecher's form); the network then needs first-layer weights lambda_p and biases q alpha, and the "
               "construction goes through",
        repaired_by=[ka_repaired]),
    proof.finding(
        "index-ranges", "imprecise",
        "(4.1) sums i = 1..2^d while (4.2) sums i = 1..2d; the two agree only for d = 1, 2",
        steps=[index_range],
        repair="Use one range in (4.1) and (4.2): i = 0..2d (2d + 1 terms)",
        reading="i = 0..2d in both displays, as the Kolmogorov-Arnold theorem has it",
        repaired_by=[index_repaired]),
    proof.finding(
        "parametrisation-2-lipschitz", "false-step",
        "The parametrisation a -> Phi_a of the construction is 2-Lipschitz in sup norm, not 1-Lipschitz",
        steps=[parametrisation],
        repair="State 2-Lipschitz (J = 2 in Theorem 3's notation): the theorem holds with 2 in place of 1",
        repaired_by=[parametrisation_repaired]),
]

RESULT = proof.result(FINDINGS)
