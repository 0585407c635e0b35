"""Section 2 of Bubeck & Sellke (arXiv:2105.12806v1), the finite-class heuristic before Theorem 2.

The paper's informal argument, step by step:

1. isoperimetry makes one of the level sets ``{f <= 0}``, ``{f >= 1}`` small: ``exp(-d/Lip(f)^2)``;
2. ``f`` then fits ``n`` random labels with probability at most ``exp(-nd/Lip(f)^2)``;
3. a union bound over ``N`` functions: ``N exp(-nd/L^2) = exp(log N - nd/L^2)``;
4. so fitting is unlikely when ``L << sqrt(nd/log N)``;
5. a discretised ``p``-parameter family has ``log N = O~(p)``.

The informal parts (1, 5) are ``cited`` with their exact tools; the hidden constants are written out
in derived steps: with ``c``-isoperimetry (Definition 1.1) step 1 gives ``2 exp(-d/(8 c L^2))``, step 2
has the fraction ``q`` of the minority label in the exponent (``exp(-q nd/L^2)``), and "``<<``" is made
precise as ``L^2 <= nd/(K log N)`` with ``K > 1``, giving probability at most ``N^(1-K)``.
"""
from __future__ import annotations

import sympy

from derivations.models.subgaussian import DEFINITION_1_1
from symbolic.concentration import UNION_BOUND
from symbolic.authoring import Proof
from symbolic.kernel import Citation
from symbolic.proof import Constant

LOC = "Section 2 (A finite approach to the law of robustness)"

COVERING = Citation(
    key="covering-euclidean-ball",
    name="covering numbers of a Euclidean ball",
    statement=(r"A Euclidean ball of radius $R$ in $\mathbb{R}^p$ has an $\eta$-net of size at most "
               r"$(1 + 2R/\eta)^p$; a $J$-Lipschitz parametrisation maps an $\eta$-net of the parameters to an "
               r"$J\eta$-net of the functions in sup norm."),
    source="R. Vershynin, High-Dimensional Probability (2018), Corollary 4.2.13 (volumetric bound)",
)

Q_LEVEL = (r"The key insight is that isoperimetry implies that either the 0-level set of f or the 1-level set of f "
           r"must have probability smaller than $\exp\left(-\frac{d}{\operatorname{Lip}(f)^2}\right)$.")
Q_FIT = (r"Thus, the probability that f fits all the f points is at most "
         r"$\exp\left(-\frac{nd}{\operatorname{Lip}(f)^2}\right)$ so long as both labels $g_i \in \{-1,1\}$ "
         r"actually appear a constant fraction of the time.")


proof = Proof("section-2", "Section 2 (finite-class heuristic)", location=LOC, order=1.9,
              statement=(r"N \exp\left(-\frac{nd}{L^2}\right) = \exp\left(\log(N) - \frac{nd}{L^2}\right),\quad "
                         r"L \ll \sqrt{\frac{nd}{\log N}},\quad \log N = \tilde O(p)"),
              summary="The informal union-bound argument that motivates Theorem 2, with its hidden constants "
                      "written out.")
# m: the mean E f; q: the fraction of the minority label; lN, nd: log N and n d as numbers; K: how much "<<" is
m, N, n, d, lN, nd, L, q, K, p, W, J, eps = proof.vars(
    "m: real, 0 <= m <= 1", "N: real, N >= 1", "n: integer, n >= 1", "d: integer, d >= 1", "lN: positive",
    "nd: positive", "L: positive", "q: real, 0 < q <= 1", "K: real, K > 1", "p: integer, p >= 1", "W: positive",
    "J: positive", "eps: real, 0 < eps < 1")

level_sets = proof.cite(
    DEFINITION_1_1, "level-sets", quote=Q_LEVEL, reading="informal",
    rule="isoperimetry (Definition 1.1) applied to f around its mean; informal: the constants are written "
         "out in level-sets-explicit")
proof.cite(
    DEFINITION_1_1, "level-sets-explicit", sympy.Or(1 - m >= sympy.Rational(1, 2), m - 0 >= sympy.Rational(1, 2)),
    kind="derived", quote=Q_LEVEL, reading="informal", depends_on=[level_sets],
    rule="the mean m = E f lies in [0, 1] (f clipped); either 1 - m >= 1/2 (then P(f >= 1) <= "
         "P(f - m >= 1/2)) or m >= 1/2 (then P(f <= 0) <= P(m - f >= 1/2)); Definition 1.1 with t = 1/2 "
         "bounds that level set by 2 exp(-d/(8 c Lip(f)^2))",
    constants=[Constant("exponent constant (c = 1)", 1, sympy.Rational(1, 8), weaker_when="smaller",
                        informal=True)],
    notes="A remark, not a failure: the heuristic's exp(-d/Lip^2) stands for exp(-Omega(d/Lip^2)); "
          "Definition 1.1 gives 2 exp(-d/(8 c Lip^2)), which differs by the factor 2 and by 8c in the "
          "exponent, and the formal proof (Theorem 2) carries the exact constants.")
fit_all_points = proof.step(
    "fit-all-points", sympy.Eq(sympy.Pow(sympy.exp(-d / L ** 2), q * n, evaluate=False),
                               sympy.exp(-q * n * d / L ** 2), evaluate=False), quote=Q_FIT,
    rule="the points are independent, and a fraction q of them carries the label of the small level set: "
         "the probability of fitting all of them is the product (exp(-d/L^2))^(q n) = exp(-q nd/L^2)",
    depends_on=[level_sets],
    implicit_assumptions=[r"a constant fraction $q$ of the labels falls in the small level set; the "
                          r"exponent is $q\,nd/L^2$, and $q$ is dropped in $\exp(-nd/L^2)$",
                          r"footnote 3: unbalanced labels are ignored (their probability is not amplified "
                          r"by the union bound)"])
union_identity = proof.cite(
    UNION_BOUND, "union-identity", sympy.Eq(N * sympy.exp(-n * d / L ** 2), sympy.exp(sympy.log(N) - n * d / L ** 2),
                                            evaluate=False),
    quote=(r"using an union bound³, for a finite function class f of size f0 with f1. L-Lipschitz functions, "
           r"the probability that there exists a function f1 fitting the data is at most "
           r"$$N \exp\left(-\frac{nd}{L^2}\right) = \exp\left(\log(N) - \frac{nd}{L^2}\right)$$"),
    rule="union bound over the N functions, then N = exp(log N)", depends_on=[fit_all_points])
THRESHOLD = proof.step(
    "threshold", lN - nd / L ** 2 <= -(K - 1) * lN, (L ** 2 * K * lN <= nd,),
    quote=(r"Thus we see that, if $L \ll \sqrt{\frac{nd}{\log(N)}}$, then the probability of finding a "
           r"fitting function in \mathcal{F} is very small."),
    rule="'<<' made precise: L^2 <= nd/(K log N) with K > 1 gives log N - nd/L^2 <= -(K - 1) log N, "
         "so the probability is at most N^(1-K)", depends_on=[union_identity])
discretisation = proof.cite(
    COVERING, "discretisation",
    quote=(r"This basically concludes the proof, since via a standard discretization argument, for a smoothly "
           r"parametrized family with p (bounded) parameters one expects $\log(N) = \tilde{O}(p)$."),
    rule="an eps/(6J)-net of a parameter set of diameter W has at most (60 W J/eps)^p points (the "
         "bound used in Theorem 3's proof), which covers the class within eps/6 in sup norm")
proof.step(
    "log-covering", sympy.Eq(sympy.log(sympy.Pow(60 * W * J / eps, p, evaluate=False)),
                             p * sympy.log(60 * W * J / eps), evaluate=False), kind="derived",
    quote=r"one expects $\log(N) = \tilde{O}(p)$.", depends_on=[discretisation],
    rule="log((60 W J/eps)^p) = p log(60 W J/eps): linear in p, the log factor hidden by O~")
RESULT = proof.result()
