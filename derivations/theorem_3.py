"""Theorem 3 of Bubeck & Sellke (arXiv:2105.12806v1, Section 2): the law of robustness for a
Lipschitz-parametrized class, from Theorem 2 and an epsilon-net of the parameter set.

Encoded verbatim, in the paper's order:

1. the sets ``W_L`` and the ``eps/(6J)``-net, and the bound ``|W_eps| <= (60 W J / eps)^p`` against
   the volumetric covering bound ``(1 + 2W/r)^p`` (Vershynin 2018, Prop. 4.2.12 / Cor. 4.2.13);
2. Theorem 2 applied to ``F_{L,eps}`` at ``eps/2`` and ``2L``: the constants ``8^4 k`` and ``8^6``
   are computed from Theorem 2's ``8^3 k`` and ``8^4`` (Theorem 2 is quoted, not imported; it is
   audited as ``theorem-2``);
3. the sup-norm approximation step, reduced to one data point (exact);
4. the transfer of the fitting event to the net and the net-approximation sentence;
5. the choice of ``L`` and the condition ``8^4 k log(8k/delta) <= n eps^2``: each of the two terms
   is at most ``delta/2`` (by taking logarithms; exact log expansion of products of positive
   quantities);
6. the final statement.

Findings:

* the sup-norm step is false as stated: ``|f - g| <= eps/6`` only gives ``2 eps/3`` (not ``eps/2``);
  it holds with an ``eps/(8J)``-net (``|f - g| <= eps/8``), which keeps every other constant;
* ``|W_eps| <= (60WJ/eps)^p`` needs ``eps <= 48 W J`` (``eps <= 44 W J`` for the ``eps/(8J)``-net),
  which Theorem 3 does not state: with ``60 W J < eps`` the right side is below 1, while a net of a
  non-empty ``W_L`` has a point; then ``p log(60WJ/eps) + log(4/delta)`` may also be ``<= 0``, and the
  theorem's bound is not a real number;
* ``Lip(f) <= 2L`` on ``F_{L,eps}`` holds because a net of ``W_L`` is a subset of ``W_L`` (Definition 4.2.1
  of the cited source; the volumetric bound provides such a net);
* the constants ``8^4 k`` and ``8^6`` are loose (Theorem 2 at ``eps/2``, ``2L`` gives ``2^11 k`` and
  ``2^16``), given Theorem 2 as stated, which its repaired proof gives with ``8^4`` unchanged (with
  Proposition 1.2's 18 in place of the derived factor, Theorem 2 would need ``9216`` and the second
  exponent ``16 * 9216 = 147456``, still at most ``8^6``; the repairs propagate here
  through the shared parameters ``theorem-2:8^4`` and ``theorem-2:8^3``).
"""
from __future__ import annotations

import itertools
from dataclasses import replace

import sympy

from symbolic.concentration import UNION_BOUND
from symbolic.domain import Domain, Obligation
from symbolic.kernel import Citation
from derivations.theorem_2 import P_83T, P_84
from symbolic.proof import Finding, Constant, Parameter, Result, Step, Template

__all__ = ["RESULT", "build", "THEOREM_2", "COVERING", "thm2_first_exponent", "thm2_second_exponent",
           "lipschitz_bound", "T_NET", "T_NET_REPAIRED"]

LOC = "Section 2, proof of Theorem 3"
STATEMENT_LOC = "Section 2, Theorem 3"

# -- Theorem 2 as the paper states it (Section 2).  Not imported: theorem_2.py is audited separately.
THEOREM_2 = Citation(
    key="bubeck-sellke-theorem-2",
    name="Theorem 2 of the paper (finite function class)",
    statement=(r"If $\mu = \sum_{\ell=1}^k \alpha_\ell \mu_\ell$ with each $\mu_\ell$ satisfying $c$-isoperimetry "
               r"and $\sigma^2 > 0$, then for a finite class $\mathcal{F}$: "
               r"$\mathbb{P}\left(\exists f \in \mathcal{F} : \frac{1}{n} \sum_{i=1}^{n} (y_i - f(x_i))^2 \le "
               r"\sigma^2 - \epsilon \text{ and } \operatorname{Lip}(f) \le L\right) \le 4k \exp\left(-\frac{n"
               r"\epsilon^2}{8^3 k}\right) + 2 \exp\left(\log(|\mathcal{F}|) - \frac{\epsilon^2 nd}{8^4 c L^2}"
               r"\right)$."),
    source="Bubeck & Sellke, arXiv:2105.12806v1, Section 2, Theorem 2 (its proof is audited as theorem-2)",
)

COVERING = Citation(
    key="volumetric-covering",
    name="volumetric bound on internal covering numbers",
    statement=(r"Let $K \subset \mathbb{R}^p$ and $r > 0$. A maximal $r$-separated subset of $K$ is an $r$-net of "
               r"$K$ made of points of $K$ (Lemma 4.2.8), and its size is at most "
               r"$|K + \frac{r}{2}B| / |\frac{r}{2}B|$ (Prop. 4.2.12). If $\mathrm{diam}(K) \le W$ then "
               r"$K \subset w_0 + W B$ for any $w_0 \in K$, so $K$ has an internal $r$-net with at most "
               r"$\left(\frac{W + r/2}{r/2}\right)^p = \left(1 + \frac{2W}{r}\right)^p$ points "
               r"(for $K$ a ball of radius 1 this is Cor. 4.2.13: $(1 + 2/r)^p$)."),
    source="R. Vershynin, High-Dimensional Probability (Cambridge, 2018), Section 4.2: Lemma 4.2.8, "
           "Proposition 4.2.12, Corollary 4.2.13",
)

NET_DEF = Citation(
    key="net-definition",
    name="epsilon-net",
    statement=(r"$N \subset K$ is an $r$-net of $K$ if every point of $K$ is within distance $r$ of a point of $N$ "
               r"(Vershynin's nets are subsets of $K$)."),
    source="R. Vershynin, High-Dimensional Probability (2018), Definition 4.2.1",
)

# -- the quantities the proof uses; every constant below is computed from these -------------
T_NET = sympy.Rational(1, 6)          # net radius eps/(6J), so sup distance eps/6
T_NET_REPAIRED = sympy.Rational(1, 8)  # the repair: an eps/(8J)-net, sup distance eps/8
CLAIMED_FIT_LOSS = sympy.Rational(1, 2)   # "... <= eps/2 + (1/n) sum (y_i - g(x_i))^2"
PAPER_60 = 60
PAPER_FIRST = 8 ** 4                  # 8^4 k in the first exponent
PAPER_SECOND = 8 ** 6                 # 8^6 in the second exponent
PAPER_K_CONDITION = 8 ** 4            # 8^4 k log(8k/delta) <= n eps^2
PAPER_L_CONST = 2 ** 9                # L = eps/(2^9 sqrt(c)) sqrt(...)
EPS_ARG = sympy.Rational(1, 2)        # Theorem 2 is applied at eps' = eps/2 ...
LIP_ARG = 2                           # ... and L' = 2L

# -- the constants as shared parameters (Theorem 2's 8^3 and 8^4 come from derivations/theorem_2.py, so a
# repair there is re-derived here by symbolic.propagate.propagate) -----------------------------------------
P_NET = Parameter("knet", "theorem-3:NET", T_NET, "smaller", constant="eps/6 (net radius times J)")
P_60 = Parameter("k60", "theorem-3:60", PAPER_60, "larger", constant="60", headline=True)
P_FIRST = Parameter("kfirst", "theorem-3:8^4 k", PAPER_FIRST, "larger", constant="8^4 k (as 8^4)", headline=True)
P_SECOND = Parameter("ksecond", "theorem-3:8^6", PAPER_SECOND, "larger", constant="8^6", headline=True)
P_COND = Parameter("kcond", "theorem-3:8^4 (condition)", PAPER_K_CONDITION, "larger",
                   constant="8^4 (condition on k)", headline=True)
P_29 = Parameter("k29", "theorem-3:2^9", PAPER_L_CONST, "larger", constant="2^9 (in L)", headline=True)
#: the logical steps hold for every value of these (their obligations do not mention them)
ALL_CONSTANTS = ("theorem-3:NET", "theorem-3:60", "theorem-3:8^4 k", "theorem-3:8^6", "theorem-3:8^4 (condition)",
                 "theorem-3:2^9", "theorem-2:8^3", "theorem-2:8^4")


def thm2_first_exponent(n, eps, k):
    """Theorem 2's first exponent ``n eps^2 / (8^3 k)`` (Section 2, Theorem 2)."""
    return n * eps ** 2 / (8 ** 3 * k)


def thm2_second_exponent(n, d, eps, c, L):
    """Theorem 2's second exponent ``eps^2 n d / (8^4 c L^2)`` (Section 2, Theorem 2)."""
    return eps ** 2 * n * d / (8 ** 4 * c * L ** 2)


def lipschitz_bound(n, d, p, c, eps, delta, W, J):
    """Theorem 3's lower bound ``eps/(2^9 sqrt(c)) sqrt(nd / (p log(60WJ/eps) + log(4/delta)))``."""
    return eps / (PAPER_L_CONST * sympy.sqrt(c)) * sympy.sqrt(
        n * d / (p * sympy.log(PAPER_60 * W * J / eps) + sympy.log(4 / delta)))


def _lg(e):
    """Expand logarithms of products/quotients/powers of positive quantities (exact; every
    symbol it is applied to is declared positive)."""
    return sympy.expand_log(e, force=True)


# -- domains (small, one per kind of step) ------------------------------------------------------
NET = Domain.parse(["p: integer, p >= 1", "W: real, W > 0", "J: real, J > 0", "eps: real, 0 < eps < 1"])
p_n, W_n, J_n, eps_n = NET.symbols()

THM2 = Domain.parse(["n: integer, n >= 1", "k: integer, k >= 1", "eps: real, 0 < eps < 1"])
n_t, k_t, eps_t = THM2.symbols()

THM2B = Domain.parse(["n: integer, n >= 1", "d: integer, d >= 1", "p: integer, p >= 1", "c: real, c > 0",
                      "eps: real, 0 < eps < 1", "W: real, W > 0", "J: real, J > 0", "L: real, L > 0",
                      "N: integer, N >= 1"])
n_b, d_b, p_b, c_b, eps_b, W_b, J_b, L_b, N_b = THM2B.symbols()

LIP = Domain.parse(["lip: real, lip >= 0", "L: real, L > 0"])
lip_l, L_l = LIP.symbols()


POINT = Domain.parse(["eps: real, 0 < eps < 1", "y: real, -1 <= y <= 1", "f: real, -1 <= f <= 1",
                      "g: real, -1 <= g <= 1"])
eps_p, y_p, f_p, g_p = POINT.symbols()

CLIP = Domain.parse(["y: real, -1 <= y <= 1", "a: real", "b: real"])
y_c, a_c, b_c = CLIP.symbols()

FIT = Domain.parse(["eps: real, 0 < eps < 1", "sigma2: real, sigma2 > 0, regime 0..1", "q: real, q >= 0, regime 0..4",
                    "qn: real, qn >= 0, regime 0..4"])
eps_f, sigma2_f, q_f, qn_f = FIT.symbols()

APPROX = Domain.parse(["eps: real, 0 < eps < 1", "J: real, J > 0", "dist: real, dist >= 0", "sup: real, sup >= 0"])
eps_a, J_a, dist_a, sup_a = APPROX.symbols()

DELTA1 = Domain.parse(["n: integer, n >= 1", "k: integer, k >= 1", "eps: real, 0 < eps < 1",
                       "delta: real, 0 < delta < 1"])
n_1, k_1, eps_1, delta_1 = DELTA1.symbols()

DELTA2 = Domain.parse(["n: integer, n >= 1", "d: integer, d >= 1", "p: integer, p >= 1", "c: real, c > 0",
                       "eps: real, 0 < eps < 1", "delta: real, 0 < delta < 1", "W: real, W > 0",
                       "J: real, J > 0", "L: real, L > 0"])
n_2, d_2, p_2, c_2, eps_2, delta_2, W_2, J_2, L_2 = DELTA2.symbols()

NET_K = NET.extend("knet: real, 0 < knet <= 1", "k60: real, k60 > 0")
knet_n, k60_n = NET_K.symbols("knet k60")
NET_60 = NET.extend("k60: real, k60 > 0")
THM2_K = THM2.extend("k83: real, k83 > 0", "kfirst: real, kfirst > 0")
k83_t, kfirst_t = THM2_K.symbols("k83 kfirst")
THM2B_K = THM2B.extend("k84: real, k84 > 0", "k60: real, k60 > 0", "ksecond: real, ksecond > 0")
k84_b, k60_b, ksecond_b = THM2B_K.symbols("k84 k60 ksecond")
POINT_K = POINT.extend("knet: real, 0 < knet <= 1")
knet_p = POINT_K.symbols("knet")
APPROX_K = APPROX.extend("knet: real, 0 < knet <= 1")
knet_a = APPROX_K.symbols("knet")
DELTA1_K = DELTA1.extend("kfirst: real, kfirst > 0", "kcond: real, kcond > 0")
kfirst_1, kcond_1 = DELTA1_K.symbols("kfirst kcond")
DELTA2_K = DELTA2.extend("ksecond: real, ksecond > 0", "k29: real, k29 > 0")
ksecond_2, k29_2 = DELTA2_K.symbols("ksecond k29")

WELL = Domain.parse(["p: integer, p >= 1", "eps: real, 0 < eps < 1", "delta: real, 0 < delta < 1",
                     "W: real, W > 0", "J: real, J > 0"])
p_w, eps_w, delta_w, W_w, J_w = WELL.symbols()
WELL_K = WELL.extend("k60: real, k60 > 0")
k60_w = WELL_K.symbols("k60")

PROB = Domain.parse(["delta: real, 0 < delta < 1", "pbad: real, 0 <= pbad <= 1", "t1: real, t1 >= 0",
                     "t2: real, t2 >= 0"])
delta_u, pbad_u, t1_u, t2_u = PROB.symbols()


def _max_abs_linear_on_box(expr, box):
    """max |expr| of a linear ``expr`` over a box: attained at a vertex (computed exactly)."""
    names = list(box)
    return max(abs(expr.subs(dict(zip(names, vals)))) for vals in itertools.product(*(box[s] for s in names)))


#: max |2y - f - g| over y, f, g in [-1, 1] (computed at the box's vertices): the factor the
#: sup-norm step multiplies the net's sup distance by, since (y-f)^2 - (y-g)^2 = (g-f)(2y-f-g).
SPREAD = _max_abs_linear_on_box(2 * y_p - f_p - g_p, {y_p: (-1, 1), f_p: (-1, 1), g_p: (-1, 1)})

#: The exponent constants that Theorem 2 gives at eps' = eps/2 and L' = 2L (computed, not typed).
SUPPORTED_FIRST = sympy.simplify(n_t * eps_t ** 2 / (k_t * thm2_first_exponent(n_t, EPS_ARG * eps_t, k_t)))
SUPPORTED_SECOND = sympy.simplify(eps_b ** 2 * n_b * d_b / (
    c_b * L_b ** 2 * thm2_second_exponent(n_b, d_b, EPS_ARG * eps_b, c_b, LIP_ARG * L_b)))


NET_QUOTE = (r"Define $W_L \subseteq W$ by $W_L = \{ \boldsymbol{w} \in \mathcal{W} : \operatorname{Lip}"
             r"(f_{\boldsymbol{w}}) \leq L \}$. Denote $W_{L,\epsilon}$ for an $\frac{\epsilon}{6J}$ -net of W_L .")
SIZE_QUOTE = r"We have in particular $|W_{\epsilon}| \leq (60WJ\epsilon^{-1})^p$."
THM2_QUOTE = (r"We apply Theorem 2 to $\mathcal{F}_{L,\epsilon} = \{ f_{\boldsymbol{w}}, \boldsymbol{w} \in "
              r"W_{L,\epsilon} \}$: $$\mathbb{P}\left(\exists f \in \mathcal{F}_{L,\epsilon} : \frac{1}{n} "
              r"\sum_{i=1}^{n} (y_i - f(x_i))^2 \le \sigma^2 - \frac{\epsilon}{2} \text{ and } \operatorname{Lip}"
              r"(f) \le 2L\right)$$ $$\le 4k \exp\left(-\frac{n\epsilon^2}{8^4 k}\right) + 2 \exp\left(p "
              r"\log(60WJ\epsilon^{-1}) - \frac{\epsilon^2 nd}{8^6 cL^2}\right).$$")
SUP_QUOTE = (r"Observe that if $||f - g||_{\infty} \le \frac{\epsilon}{6}$ and $||g||_{\infty}$, $||f||_{\infty}$, "
             r"$||g||_{\infty} \le 1$, then $\frac{1}{n} \sum_{i=1}^{n} (y_i - f(x_i))^2 \le \frac{\epsilon}{2} + "
             r"\frac{1}{n} \sum_{i=1}^{n} (y_i - g(x_i))^2$.")
CLIP_QUOTE = (r"(We may again assume without loss of generality that all functions in \mathcal{F} map to "
              r"[-1, 1].)")
TRANSFER_QUOTE = (r"Thus we obtain for any L > 0: $$\mathbb{P}\left(\exists f \in \mathcal{F} : \frac{1}{n} "
                  r"\sum_{i=1}^{n} (y_i - f(x_i))^2 \le \sigma^2 - \epsilon \text{ and } \operatorname{Lip}(f) "
                  r"\le L\right)$$ $$\le 4k \exp\left(-\frac{n\epsilon^2}{8^4 k}\right) + 2 \exp\left(p "
                  r"\log(60WJ\epsilon^{-1}) - \frac{\epsilon^2 nd}{8^6 cL^2}\right).$$")
APPROX_QUOTE = (r"The first assumption ensures that for any $\boldsymbol{w} \in \mathcal{W}_L$, there is "
                r"$\boldsymbol{w}' \in \mathcal{W}_{L,\epsilon}$ with $\|f_{\boldsymbol{w}} - f_{\boldsymbol{w}'}"
                r"\|_{\infty} \leq \frac{\epsilon}{6}$.")
DELTA_QUOTE = (r"The second assumption shows the probability just above is at most δ when $L = \frac{\epsilon}"
               r"{2^9\sqrt{c}}\sqrt{\frac{nd}{p\log(60WJ\epsilon^{-1})+\log(4/\delta)}}$.")
K_QUOTE = r"and k is such that $8^4 k \log(8k/\delta) \leq n\epsilon^2$."
FINAL_QUOTE = (r"Then, with probability at least $1 - \delta$ with respect to the sampling of the data, one has "
               r"simultaneously for all $f \in \mathcal{F}$: $$\frac{1}{n} \sum_{i=1}^{n} (f(x_i) - y_i)^2 \le "
               r"\sigma^2 - \epsilon \implies \operatorname{Lip}(f) \ge \frac{\epsilon}{2^9 \sqrt{c}} \sqrt{\frac{nd}"
               r"{p \log(60WJ\epsilon^{-1}) + \log(4/\delta)}}.$$")

SMALL_WJ = r"$\epsilon \le 48 W J$ (so that $1 + 12WJ/\epsilon \le 60WJ/\epsilon$); Theorem 3 does not state it"
INTERNAL = (r"the net is internal: $W_{L,\epsilon} \subseteq W_L$ ($f_{\boldsymbol w}$ is only defined for "
            r"$\boldsymbol w \in \mathcal W$, and $\mathrm{Lip}(f_{\boldsymbol w'}) \le 2L$ needs $\boldsymbol w'$ "
            r"in or near $W_L$ in Lipschitz constant, not only in sup norm)")
NONEMPTY = r"$W_L \neq \emptyset$ (otherwise the event is empty and there is nothing to prove)"
WELL_DEFINED = r"$p \log(60WJ\epsilon^{-1}) + \log(4/\delta) > 0$, so that $L$ is a positive real number"

# Assumption 1 of the statement: diam(W) <= W and ||f_w1 - f_w2||_inf <= J ||w1 - w2||.
PARAMETRISATION = Domain.parse(["W: positive", "J: positive", "dist: real, dist >= 0", "sup: real, sup >= 0"])
W_p, J_p, dist_p, sup_p = PARAMETRISATION.symbols()


FINDINGS = [
    Finding(
        "net-size-needs-eps-small", "gap",
        "|W_eps| <= (60WJ/eps)^p needs eps <= 48WJ, which Theorem 3 does not assume: for 60WJ < eps the bound is "
        "below 1 while a net of a non-empty W_L has a point, and the theorem's log(60WJ/eps) can make its bound "
        "undefined",
        steps=["net-size", "net-size-claim", "bound-well-defined"],
        repair="Add the hypothesis eps <= 44WJ (48WJ with the paper's eps/(6J)-net, 44WJ with the repaired "
               "eps/(8J)-net), or write (1 + 12WJ/eps)^p; the theorem then holds with its constants",
        repaired_by=["net-size-repaired", "net-size-claim-repaired", "bound-well-defined-repaired"],
        consequences="Theorem 1 inherits the hypothesis (it is Theorem 3 read with Omega-tilde)"),
    Finding(
        "sup-norm-two-thirds", "false-step",
        "An eps/(6J)-net gives sup distance eps/6 and a fit loss of 4 eps/6 = 2eps/3, not eps/2",
        steps=["sup-norm-fit"],
        repair="Use an eps/(8J)-net (sup distance eps/8, loss eps/2): the repaired proof gives the stated "
               "theorem with every other constant unchanged (the net size becomes (80WJ/eps)^p-type, absorbed "
               "by the eps <= 44WJ hypothesis of the net-size finding)",
        repaired_by=["sup-norm-fit-repaired"],
        consequences="the net radius changes from eps/(6J) to eps/(8J)"),
]

def build() -> Result:
    steps = [
        Step(
            slug="lipschitz-parametrisation", location=STATEMENT_LOC,
            quote=(r"1. The function class can be written as $\mathcal{F} = \{f_{\boldsymbol{w}}, \boldsymbol{w} \in "
                   r"\mathcal{W}\}$ with $\mathcal{W} \subset \mathbb{R}^p$, diam $(\mathcal{W}) \leq W$ and for any "
                   r"$\boldsymbol{w}_1, \boldsymbol{w}_2 \in \mathcal{W}$, $$||f_{\boldsymbol{w}_1} - "
                   r"f_{\boldsymbol{w}_2}||_{\infty} \le J||\boldsymbol{w}_1 - \boldsymbol{w}_2||.$$"),
            rule="a hypothesis, not a claim; what it gives at once: two parameters are at most diam(W) <= W apart, "
                 "so any two functions of the class are within J W in sup norm (the scale against which the "
                 "net's eps/(6J) mesh and the 60WJ/eps of |W_eps| are measured)",
            obligation=Obligation(sup_p <= J_p * W_p, (dist_p <= W_p, sup_p <= J_p * dist_p), PARAMETRISATION),
            claim=(r"\|\boldsymbol w_1 - \boldsymbol w_2\| \le W,\ \|f_{\boldsymbol w_1} - f_{\boldsymbol w_2}\|_\infty "
                   r"\le J\|\boldsymbol w_1 - \boldsymbol w_2\| \implies \|f_{\boldsymbol w_1} - f_{\boldsymbol w_2}"
                   r"\|_\infty \le JW"),
            on_failure="Cannot fail for J, W > 0; if it does, the encoding of the hypothesis is wrong.",
        ),
        Step(
            slug="net-definition", location=LOC, quote=NET_QUOTE, citation=NET_DEF,
            rule="definition of W_L and of an eps/(6J)-net (a finite set of points of W_L covering it at "
                 "distance eps/(6J))",
            implicit_assumptions=[INTERNAL],
            notes="The net must consist of parameters in W (f_w is undefined elsewhere), and of parameters in "
                  "W_L for Lip(f_w') <= 2L below; the volumetric bound gives such an internal net.",
        ),
        Step(
            slug="net-size", location=LOC, quote=SIZE_QUOTE, citation=COVERING,
            rule="a set of diameter <= W has an internal eps/(6J)-net of at most (1 + 2W/r)^p = (1 + 12WJ/eps)^p "
                 "points (r = eps/(6J)); does that give the paper's (60WJ/eps)^p? Checked in logarithms (log is "
                 "increasing, both sides positive)",
            depends_on=["net-definition"],
            template=Template(Obligation(p_n * sympy.log(1 + 2 * W_n / (knet_n * eps_n / J_n))
                                         <= p_n * sympy.log(k60_n * W_n * J_n / eps_n), (), NET_K),
                              (P_60, replace(P_NET, weaker_when="larger"))),
            claim=r"\left(1 + \frac{12WJ}{\epsilon}\right)^p \le \left(\frac{60WJ}{\epsilon}\right)^p",
            implicit_assumptions=[SMALL_WJ, INTERNAL],
            on_failure="Add the hypothesis eps <= 48WJ (eps <= 44WJ with the eps/(8J)-net of the repair), or "
                       "write (1 + 12WJ/eps)^p in place of (60WJ/eps)^p.",
            notes="The paper writes |W_eps| for |W_{L,eps}|.",
        ),
        Step(
            slug="net-size-claim", location=LOC, quote=SIZE_QUOTE, kind="derived",
            rule="the claim itself: a net of a non-empty W_L has at least one point, so |W_{L,eps}| <= "
                 "(60WJ/eps)^p needs (60WJ/eps)^p >= 1, i.e. p log(60WJ/eps) >= 0. Function class realising any "
                 "counterexample: p = 1, W = {0}, f_0 = 0 (so W_L = {0} for every L > 0, diam = 0 <= W, any J)",
            depends_on=["net-definition"],
            template=Template(Obligation(p_n * sympy.log(k60_n * W_n * J_n / eps_n) >= 0, (), NET_60), (P_60,)),
            claim=r"|W_{L,\epsilon}| \ge 1 \implies \left(\frac{60WJ}{\epsilon}\right)^p \ge 1",
            implicit_assumptions=[SMALL_WJ, NONEMPTY],
            on_failure="Add the hypothesis eps <= 48WJ to Theorem 3 (or 60WJ >= eps at the very least).",
        ),
        Step(
            slug="theorem-2-first-term", location=LOC, quote=THM2_QUOTE, citation=THEOREM_2,
            depends_on=["theorem-2/statement", "net-size"],
            rule="Theorem 2 at eps' = eps/2 gives 4k exp(-n (eps/2)^2/(8^3 k)); the paper writes "
                 "4k exp(-n eps^2/(8^4 k)), which is at least as large (exponents compared exactly)",
            template=Template(Obligation(4 * k_t * sympy.exp(-n_t * (EPS_ARG * eps_t) ** 2 / (k83_t * k_t))
                                         <= 4 * k_t * sympy.exp(-n_t * eps_t ** 2 / (kfirst_t * k_t)), (), THM2_K),
                              (P_FIRST, replace(P_83T, weaker_when="smaller", constant="8^3 (Theorem 2)"))),
            claim=(r"4k \exp\left(-\frac{n(\epsilon/2)^2}{8^3 k}\right) \le 4k \exp\left(-\frac{n\epsilon^2}{8^4 k}"
                   r"\right)"),
            constants=[Constant("8^4 k (as 8^4)", PAPER_FIRST, SUPPORTED_FIRST, weaker_when="larger")],
            notes="Theorem 2 is taken as the paper states it (it is audited separately as theorem-2; if its "
                  "constants change, recompute these from thm2_first_exponent / thm2_second_exponent).",
        ),
        Step(
            slug="theorem-2-second-term", location=LOC, quote=THM2_QUOTE, citation=THEOREM_2,
            depends_on=["theorem-2/statement", "net-size"],
            rule="Theorem 2 at eps' = eps/2, L' = 2L and |F_{L,eps}| = N <= (60WJ/eps)^p gives "
                 "2 exp(log N - (eps/2)^2 nd/(8^4 c (2L)^2)); the paper's term is at least as large (checked on "
                 "the exponents: exp is increasing)",
            template=Template(Obligation(
                sympy.log(N_b) - (EPS_ARG * eps_b) ** 2 * n_b * d_b / (k84_b * c_b * (LIP_ARG * L_b) ** 2)
                <= p_b * sympy.log(k60_b * W_b * J_b / eps_b) - eps_b ** 2 * n_b * d_b / (ksecond_b * c_b * L_b ** 2),
                (sympy.log(N_b) <= p_b * sympy.log(k60_b * W_b * J_b / eps_b),), THM2B_K),
                (P_SECOND, replace(P_84, weaker_when="smaller", constant="8^4 (Theorem 2)"), P_60)),
            claim=(r"\log N \le p\log\frac{60WJ}{\epsilon} \implies 2\exp\left(\log N - \frac{(\epsilon/2)^2 nd}"
                   r"{8^4 c (2L)^2}\right) \le 2\exp\left(p \log\frac{60WJ}{\epsilon} - \frac{\epsilon^2 nd}"
                   r"{8^6 c L^2}\right)"),
            constants=[Constant("8^6", PAPER_SECOND, SUPPORTED_SECOND, weaker_when="larger")],
        ),
        Step(
            slug="lip-2l", location=LOC, quote=THM2_QUOTE,
            rule="for w' in an internal net, w' is in W_L, so Lip(f_w') <= L <= 2L: the Lipschitz condition of "
                 "Theorem 2's event holds with 2L (the factor 2 is slack)",
            depends_on=["net-definition"],
            obligation=Obligation(lip_l <= LIP_ARG * L_l, (lip_l <= L_l,), LIP),
            claim=r"\mathrm{Lip}(f_{\boldsymbol w'}) \le L \implies \mathrm{Lip}(f_{\boldsymbol w'}) \le 2L",
            implicit_assumptions=[INTERNAL],
        ),
        Step(
            slug="sup-norm-fit", location=LOC, quote=SUP_QUOTE,
            rule="reduced to one data point: the average over i of (y_i - f(x_i))^2 - (y_i - g(x_i))^2 is at most "
                 "its largest term, and n copies of one point realise any one-point counterexample. "
                 "(y - f)^2 - (y - g)^2 = (g - f)(2y - f - g) with |g - f| <= eps/6, |2y - f - g| <= 4",
            template=Template(Obligation((y_p - f_p) ** 2 <= CLAIMED_FIT_LOSS * eps_p + (y_p - g_p) ** 2,
                                         (sympy.Abs(f_p - g_p) <= knet_p * eps_p,), POINT_K), (P_NET,)),
            claim=(r"y, f, g \in [-1,1],\ |f - g| \le \frac{\epsilon}{6} \implies (y - f)^2 \le \frac{\epsilon}{2} + "
                   r"(y - g)^2"),
            constants=[Constant("eps/2 (fit loss)", CLAIMED_FIT_LOSS, SPREAD * T_NET, weaker_when="larger")],
            on_failure="Use an eps/(8J)-net (sup distance eps/8, loss 4 eps/8 = eps/2; see sup-norm-fit-repaired), "
                       "which keeps every other constant; keeping eps/6 gives a loss of 2 eps/3 and Theorem 2 "
                       "at eps/3, where 8^4 k no longer suffices (9 * 8^3 = 4608 > 8^4).",
            notes="Tight family: y = 1, f = -1, g = -1 + eps/6 gives (y-f)^2 - (y-g)^2 = 2eps/3 - eps^2/36 > eps/2.",
        ),
        Step(
            slug="sup-norm-fit-supported", location=LOC, quote=SUP_QUOTE, kind="derived",
            rule="what the step's own argument supports: |g - f| |2y - f - g| <= (eps/6) * 4 = 2 eps/3",
            template=Template(Obligation((y_p - f_p) ** 2 <= SPREAD * knet_p * eps_p + (y_p - g_p) ** 2,
                                         (sympy.Abs(f_p - g_p) <= knet_p * eps_p,), POINT_K), (P_NET,)),
            claim=(r"y, f, g \in [-1,1],\ |f - g| \le \frac{\epsilon}{6} \implies (y - f)^2 \le \frac{2\epsilon}{3} + "
                   r"(y - g)^2"),
        ),
        Step(
            slug="clip-wlog", location=LOC, quote=CLIP_QUOTE, kind="derived",
            rule="clipping to [-1, 1] is 1-Lipschitz (so the parametrization stays J-Lipschitz in sup norm and "
                 "Lip(clip o f) <= Lip(f)) and moves every value toward every label y in [-1, 1]",
            obligation=Obligation(sympy.And(
                (y_c - sympy.Max(-1, sympy.Min(1, a_c))) ** 2 <= (y_c - a_c) ** 2,
                sympy.Abs(sympy.Max(-1, sympy.Min(1, a_c)) - sympy.Max(-1, sympy.Min(1, b_c))) <= sympy.Abs(a_c - b_c)),
                (), CLIP),
            claim=(r"y \in [-1,1] \implies (y - \mathrm{clip}(a))^2 \le (y - a)^2 \ \wedge\ "
                   r"|\mathrm{clip}(a) - \mathrm{clip}(b)| \le |a - b|"),
        ),
        Step(
            slug="event-transfer", location=LOC, quote=TRANSFER_QUOTE,
            independent_of=ALL_CONSTANTS,
            rule="if f = f_w (w in W_L) fits below sigma^2 - eps, its net neighbour f_w' (||f_w - f_w'|| <= eps/6) "
                 "fits below sigma^2 - eps/2 by the sup-norm step (q: fit of f_w, qn: fit of f_w'); so the event "
                 "is contained in Theorem 2's event for F_{L,eps}",
            depends_on=["sup-norm-fit", "net-approximation", "lip-2l", "theorem-2-first-term",
                        "theorem-2-second-term"],
            obligation=Obligation(qn_f <= sigma2_f - EPS_ARG * eps_f,
                                  (q_f <= sigma2_f - eps_f, qn_f <= CLAIMED_FIT_LOSS * eps_f + q_f), FIT),
            claim=(r"q \le \sigma^2 - \epsilon,\ q' \le \frac{\epsilon}{2} + q \implies q' \le \sigma^2 - "
                   r"\frac{\epsilon}{2}"),
            notes="Valid logic; its second hypothesis is the sup-norm step, which is false with eps/6 and true "
                  "with the eps/(8J)-net of the repair.",
        ),
        Step(
            slug="net-approximation", location=LOC, quote=APPROX_QUOTE,
            rule="for w in W_L a net point w' has ||w - w'|| <= eps/(6J); the first assumption gives "
                 "||f_w - f_w'||_inf <= J ||w - w'||",
            depends_on=["net-definition"],
            template=Template(Obligation(sup_a <= knet_a * eps_a,
                                         (dist_a <= knet_a * eps_a / J_a, sup_a <= J_a * dist_a), APPROX_K), (P_NET,)),
            claim=(r"\|\boldsymbol w - \boldsymbol w'\| \le \frac{\epsilon}{6J},\ \|f_{\boldsymbol w} - "
                   r"f_{\boldsymbol w'}\|_\infty \le J\|\boldsymbol w - \boldsymbol w'\| \implies \|f_{\boldsymbol w}"
                   r" - f_{\boldsymbol w'}\|_\infty \le \frac{\epsilon}{6}"),
        ),
        Step(
            slug="first-term-delta", location=LOC, quote=DELTA_QUOTE + " … " + K_QUOTE,
            rule="8^4 k log(8k/delta) <= n eps^2 gives n eps^2/(8^4 k) >= log(8k/delta), so "
                 "4k exp(-n eps^2/(8^4 k)) <= 4k delta/(8k) = delta/2; checked in logarithms (log is increasing, "
                 "both sides positive), logs of products expanded exactly",
            depends_on=["theorem-2-first-term"],
            template=Template(Obligation(
                _lg(sympy.log(4 * k_1) - n_1 * eps_1 ** 2 / (kfirst_1 * k_1) - sympy.log(delta_1 / 2)) <= 0,
                (kcond_1 * k_1 * _lg(sympy.log(8 * k_1 / delta_1)) <= n_1 * eps_1 ** 2,), DELTA1_K),
                (P_COND, replace(P_FIRST, weaker_when="smaller"))),
            claim=(r"8^4 k \log(8k/\delta) \le n\epsilon^2 \implies 4k\exp\left(-\frac{n\epsilon^2}{8^4 k}\right) "
                   r"\le \frac{\delta}{2}"),
            constants=[Constant("8^4 (condition on k)", PAPER_K_CONDITION, SUPPORTED_FIRST, weaker_when="larger",
                                differs="the engine varies the condition's constant with the exponent kept at the "
                                        "paper's 8^4 k, where the condition needs a value in (3687, 4096]; the "
                                        "supported 2^11 goes with the exponent Theorem 2 gives at eps/2 (2^11 k, "
                                        "theorem-2-first-term), where the condition needs exactly 2^11")],
            notes="With Theorem 2's own exponent at eps/2 (2^11 k), the condition 2^11 k log(8k/delta) <= n eps^2 "
                  "suffices; the paper's 8^4 = 2^12 is loose by 2.",
        ),
        Step(
            slug="second-term-delta", location=LOC, quote=DELTA_QUOTE,
            rule="with L at most the chosen value, L^2 <= eps^2 nd/(2^18 c P) where P = p log(60WJ/eps) + "
                 "log(4/delta) > 0; since 8^6 = 2^18, eps^2 nd/(8^6 c L^2) >= P and the second term is at most "
                 "2 exp(-log(4/delta)) = delta/2 (equality at the chosen L); checked in logarithms",
            depends_on=["theorem-2-second-term"],
            template=Template(Obligation(
                _lg(sympy.log(2) + p_2 * sympy.log(PAPER_60 * W_2 * J_2 / eps_2)
                    - eps_2 ** 2 * n_2 * d_2 / (ksecond_2 * c_2 * L_2 ** 2) - sympy.log(delta_2 / 2)) <= 0,
                (_lg(p_2 * sympy.log(PAPER_60 * W_2 * J_2 / eps_2) + sympy.log(4 / delta_2)) > 0,
                 k29_2 ** 2 * c_2 * _lg(p_2 * sympy.log(PAPER_60 * W_2 * J_2 / eps_2)
                                        + sympy.log(4 / delta_2)) * L_2 ** 2 <= eps_2 ** 2 * n_2 * d_2),
                DELTA2_K), (P_29, replace(P_SECOND, weaker_when="smaller"))),
            claim=(r"P > 0,\ L \le \frac{\epsilon}{2^9\sqrt c}\sqrt{\frac{nd}{P}} \implies 2\exp\left(p\log\frac{60WJ}"
                   r"{\epsilon} - \frac{\epsilon^2 nd}{8^6 c L^2}\right) \le \frac{\delta}{2},\quad P = p\log\frac{60WJ}"
                   r"{\epsilon} + \log\frac{4}{\delta}"),
            constants=[Constant("2^9 (in L)", PAPER_L_CONST, sympy.sqrt(PAPER_SECOND), weaker_when="larger")],
            implicit_assumptions=[WELL_DEFINED],
            notes="Given Theorem 2 as stated (its repaired proof keeps 8^4), 2^16 would do in place of 8^6 and "
                  "then 2^8 in place of 2^9; with Proposition 1.2's 18 in place of the derived factor Theorem 2 "
                  "would need 9216 and the second exponent 147456 > 2^16, so 8^6 and 2^9 are safe either way "
                  "(2^9 is exact for 8^6: (2^9)^2 = 8^6).",
        ),
        Step(
            slug="bound-well-defined", location=STATEMENT_LOC, quote=FINAL_QUOTE, kind="derived",
            rule="the bound is a real number only if p log(60WJ/eps) + log(4/delta) > 0; Theorem 3 allows any "
                 "W >= diam(W) and J, and eps, delta in (0, 1)",
            template=Template(Obligation(p_w * sympy.log(k60_w * W_w * J_w / eps_w) + sympy.log(4 / delta_w) > 0,
                                         (), WELL_K), (P_60,)),
            claim=r"p \log(60WJ\epsilon^{-1}) + \log(4/\delta) > 0",
            on_failure="Assume eps <= 48WJ (then 60WJ/eps > 1 and the sum is positive), or state the bound with "
                       "log(1 + 12WJ/eps), which is always positive.",
        ),
        Step(
            slug="union-delta", location=LOC, quote=DELTA_QUOTE, citation=UNION_BOUND,
            independent_of=ALL_CONSTANTS,
            rule="the bad event has probability at most the sum of the two terms, each at most delta/2; its "
                 "complement has probability at least 1 - delta",
            depends_on=["event-transfer", "first-term-delta", "second-term-delta"],
            obligation=Obligation(1 - pbad_u >= 1 - delta_u,
                                  (pbad_u <= t1_u + t2_u, t1_u <= delta_u / 2, t2_u <= delta_u / 2), PROB),
            claim=(r"\mathbb{P}(\text{bad}) \le t_1 + t_2,\ t_1, t_2 \le \frac{\delta}{2} \implies 1 - "
                   r"\mathbb{P}(\text{bad}) \ge 1 - \delta"),
        ),
        Step(
            slug="final-statement", location=STATEMENT_LOC, quote=FINAL_QUOTE,
            independent_of=ALL_CONSTANTS,
            rule="outside the bad event (probability >= 1 - delta), no f fits below sigma^2 - eps with "
                 "Lip(f) <= L at the chosen L, i.e. every such f has Lip(f) > L >= the stated bound",
            depends_on=["union-delta", "bound-well-defined", "net-size", "sup-norm-fit"],
            obligation=Obligation(lip_l >= L_l, (lip_l > L_l,), LIP),
            claim=(r"\neg(\mathrm{fit} \wedge \mathrm{Lip}(f) \le L) \wedge \mathrm{fit} \implies \mathrm{Lip}(f) "
                   r"\ge L = \frac{\epsilon}{2^9 \sqrt{c}} \sqrt{\frac{nd}{p \log(60WJ\epsilon^{-1}) + \log(4/\delta)}}"),
            implicit_assumptions=[SMALL_WJ, WELL_DEFINED, INTERNAL],
            notes="The last logical step holds; the theorem as stated inherits the failures of net-size, "
                  "sup-norm-fit and bound-well-defined. With the repairs (eps/(8J)-net, eps <= 44WJ) every "
                  "step holds with the paper's constants.",
        ),
        # -- repairs ------------------------------------------------------------------------------
        Step(
            slug="net-size-repaired", location=LOC, quote=SIZE_QUOTE, kind="repaired", repairs="net-size",
            adds_hypotheses=["eps <= 44 W J"],
            citation=COVERING,
            rule="with an eps/(8J)-net (the repair of sup-norm-fit) the volumetric bound is (1 + 16WJ/eps)^p, "
                 "which is at most (60WJ/eps)^p when eps <= 44WJ",
            depends_on=["net-definition"],
            obligation=Obligation(p_n * sympy.log(1 + 2 * W_n / (T_NET_REPAIRED * eps_n / J_n))
                                  <= p_n * sympy.log(PAPER_60 * W_n * J_n / eps_n),
                                  (eps_n <= (PAPER_60 - 2 / T_NET_REPAIRED) * W_n * J_n,), NET),
            claim=(r"\epsilon \le 44WJ \implies \left(1 + \frac{16WJ}{\epsilon}\right)^p \le "
                   r"\left(\frac{60WJ}{\epsilon}\right)^p"),
            implicit_assumptions=[r"$\epsilon \le 44WJ$ (added hypothesis)", INTERNAL],
        ),
        Step(
            slug="sup-norm-fit-repaired", location=LOC, quote=SUP_QUOTE, kind="repaired", repairs="sup-norm-fit",
            rule="with an eps/(8J)-net: |g - f| |2y - f - g| <= (eps/8) * 4 = eps/2",
            obligation=Obligation((y_p - f_p) ** 2 <= CLAIMED_FIT_LOSS * eps_p + (y_p - g_p) ** 2,
                                  (sympy.Abs(f_p - g_p) <= T_NET_REPAIRED * eps_p,), POINT),
            claim=(r"y, f, g \in [-1,1],\ |f - g| \le \frac{\epsilon}{8} \implies (y - f)^2 \le \frac{\epsilon}{2} + "
                   r"(y - g)^2"),
            constants=[Constant("eps/2 (fit loss, eps/(8J)-net)", CLAIMED_FIT_LOSS, SPREAD * T_NET_REPAIRED,
                                weaker_when="larger")],
        ),
        Step(
            slug="net-size-claim-repaired", location=LOC, quote=SIZE_QUOTE, kind="repaired", repairs="net-size-claim",
            adds_hypotheses=["eps <= 44 W J"],
            rule="under the added hypothesis eps <= 44WJ, 60WJ/eps > 1, so (60WJ/eps)^p >= 1",
            obligation=Obligation(p_n * sympy.log(PAPER_60 * W_n * J_n / eps_n) >= 0,
                                  (eps_n <= (PAPER_60 - 2 / T_NET_REPAIRED) * W_n * J_n,), NET),
            claim=r"\epsilon \le 44WJ \implies \left(\frac{60WJ}{\epsilon}\right)^p \ge 1",
        ),
        Step(
            slug="bound-well-defined-repaired", location=STATEMENT_LOC, quote=FINAL_QUOTE, kind="repaired",
            adds_hypotheses=["eps <= 44 W J"],
            repairs="bound-well-defined",
            rule="under the added hypothesis eps <= 44WJ, 60WJ/eps > 1 and log(4/delta) > 0",
            obligation=Obligation(p_w * sympy.log(PAPER_60 * W_w * J_w / eps_w) + sympy.log(4 / delta_w) > 0,
                                  (eps_w <= (PAPER_60 - 2 / T_NET_REPAIRED) * W_w * J_w,), WELL),
            claim=r"\epsilon \le 44WJ \implies p \log(60WJ\epsilon^{-1}) + \log(4/\delta) > 0",
        ),
    ]
    return Result(
        id="theorem-3", title="Theorem 3", location=STATEMENT_LOC, order=2.3, steps=steps, findings=FINDINGS,
        statement=(r"\frac{1}{n} \sum_{i=1}^{n} (f(x_i) - y_i)^2 \le \sigma^2 - \epsilon \implies "
                   r"\operatorname{Lip}(f) \ge \frac{\epsilon}{2^9 \sqrt{c}} \sqrt{\frac{nd}{p \log(60WJ\epsilon^{-1}) "
                   r"+ \log(4/\delta)}} \text{ for all } f \in \mathcal{F}, \text{ with probability } \ge 1 - \delta"),
        summary="The law of robustness for a Lipschitz-parametrized class: an eps-net of the parameters and "
                "Theorem 2 on the net.",
    )


RESULT = build()
