"""Lemma 2.1 of Bubeck & Sellke (arXiv:2105.12806v1, Section 2): beating the noise level
forces correlation with the noise.

Encoded verbatim, in the paper's order:

1. ``|z_i|^2 <= 4`` and (2.1), Hoeffding's inequality for ``(z_i^2)``;
2. ``|z_i g(x_i)| <= 2`` and (2.2), Hoeffding's inequality for ``(z_i g(x_i))``;
3. the vectors ``Z, G, F`` and the fit ``||G + Z - F||^2 = (1/n) sum (y_i - f(x_i))^2``;
4. the claim "``||Z||^2 >= sigma^2 - eps/6`` and ``<Z, G> >= -eps/6`` imply
   ``||G+Z-F||^2 <= sigma^2 - eps  =>  <F, Z> >= eps/3``" and each link of the display that
   proves it;
5. the union bound that assembles the lemma.

Vector claims are checked with ``Z, G, F`` in Gram-Schmidt position: an orthogonal change of basis
(which preserves norms and inner products) maps any three vectors of R^n to
``Z = (a, 0, 0), G = (b1, b2, 0), F = (c1, c2, c3)`` with ``a, b2, c3 >= 0``.  Checking on these six
coordinates is therefore exact and complete (n >= 3), and a counterexample is three actual vectors.

Finding: the last link of the display, ``... >= sigma^2 - eps/3 - 2<Z,F>``, is false: the two
hypotheses only give ``sigma^2 - eps/6 - 2 eps/6 = sigma^2 - eps/2``.  The claim holds with
``eps/4`` in place of ``eps/3`` (repaired steps below).
"""
from __future__ import annotations

import sympy
from sympy import Abs, Eq, Matrix, Rational, exp

from derivations.models import theorem_2_model as MC
from symbolic.authoring import Proof
from symbolic.concentration import HOEFFDING, UNION_BOUND, hoeffding_exponent
from symbolic.kernel import Citation
from symbolic.proof import Constant

LOC = "Section 2, proof of Lemma 2.1"
STATEMENT_LOC = "Section 2, Lemma 2.1"

GRAM = Citation(
    key="gram-schmidt",
    name="Gram-Schmidt position of three vectors",
    statement=(r"For any $u, v, w \in \mathbb{R}^n$, $n \ge 3$, there is an orthogonal map $O$ with "
               r"$Ou = (a,0,0,\dots)$, $Ov = (b_1,b_2,0,\dots)$, $Ow = (c_1,c_2,c_3,0,\dots)$ and "
               r"$a, b_2, c_3 \ge 0$; $O$ preserves all norms and inner products."),
    source="Gram-Schmidt orthogonalisation (QR decomposition); G. H. Golub and C. F. Van Loan, "
           "Matrix Computations, 4th ed. (2013), Theorem 5.2.1",
)

# -- the deviations the proof uses (eps/6 twice): every constant below is computed from these --
T_NOISE = Rational(1, 6)    # (2.1): (1/n) sum z_i^2 <= sigma^2 - eps/6
T_CROSS = Rational(1, 6)    # (2.2): (1/n) sum z_i g(x_i) <= -eps/6
CLAIMED_CHAIN = Rational(1, 3)   # "... >= sigma^2 - eps/3 - 2<Z,F>"
CLAIMED_CORR = Rational(1, 3)    # "<F,Z> >= eps/3"
PAPER_83 = 8 ** 3
STATEMENT = (r"\mathbb{P}\left(\exists f \in \mathcal{F} : \frac{1}{n} \sum_{i=1}^{n} (y_i - f(x_i))^2 \le "
             r"\sigma^2 - \epsilon\right) \le 2 \exp\left(-\frac{n\epsilon^2}{8^3}\right) + \mathbb{P}\left("
             r"\exists f \in \mathcal{F} : \frac{1}{n} \sum_{i=1}^{n} f(x_i) z_i \ge \frac{\epsilon}{3}\right)")

proof = Proof("lemma-2.1", "Lemma 2.1", statement=STATEMENT, location=STATEMENT_LOC, proof_location=LOC, order=2.1,
              summary="Fitting below the noise level forces a correlation with the noise.")
# Regimes (where sampling draws its evidence): eps in (0, 1) and sigma^2 <= 1 as in the paper's setting (y in
# [-1, 1]); the ranges alone decide truth.  y, g, f, z: one label, g(x), f(x) and the noise; q, w: ||G+Z-F||^2 and
# <Z,F>; p1, p2, p3, pfit: the probabilities of (2.1), (2.2), the correlation event and the fit.  The vectors
# Z, G, F are in Gram-Schmidt position, Z = (a, 0, 0), G = (b1, b2, 0), F = (c1, c2, c3).
n, eps, sigma2, y, g, f, z, q, w, a, b1, b2, c1, c2, c3, p1, p2, p3, pfit = proof.vars(
    "n: integer, n >= 1", "eps: real, eps > 0, regime 0..1", "sigma2: real, sigma2 > 0, regime 0..1",
    "y: real, -1 <= y <= 1",
    "g: real, -1 <= g <= 1", "f: real, regime -1..1", "z: real, regime -2..2", "q: real, regime 0..16",
    "w: real, regime -2..2", "a: real, a >= 0, regime 0..2", "b1: real, regime -1..1",
    "b2: real, b2 >= 0, regime 0..1", "c1: real, regime -1..1", "c2: real, regime -1..1",
    "c3: real, c3 >= 0, regime 0..1", "p1: real, 0 <= p1 <= 1", "p2: real, 0 <= p2 <= 1", "p3: real, 0 <= p3 <= 1",
    "pfit: real, 0 <= pfit <= 1")
# the constants as shared parameters: steps of any result whose templates use them are re-derived
# when a repair changes them (symbolic.propagate.propagate)
K83 = proof.constant("k83: real, k83 > 0", "lemma-2.1:8^3", PAPER_83, audited_as="8^3", headline=True)
CHAIN = proof.constant("kchain: real, 0 <= kchain <= 1", "lemma-2.1:CHAIN", CLAIMED_CHAIN,
                       audited_as="eps/3 (chain)")
CORR = proof.constant("kcorr: real, 0 <= kcorr <= 1", "lemma-2.1:CORR", CLAIMED_CORR, "smaller",
                      audited_as="eps/3 (correlation)", headline=True)
P_CORR = proof.parameter(CORR)

Zc, Gc, Fc = Matrix([a, 0, 0]), Matrix([b1, b2, 0]), Matrix([c1, c2, c3])
# The paper's setting bounds the vectors: ||Z||^2 = (1/n) sum z_i^2 <= 4, ||G||^2 <= 1 and ||F||^2 <= 1 (g and the
# clipped f map into [-1, 1]); sigma^2 = E Var[y|x] <= 1; Theorem 3 takes eps in (0, 1).  Counterexamples found
# under these bounds are realisable by data.
IN_SETTING = {eps: "eps: real, 0 < eps < 1", sigma2: "sigma2: real, 0 < sigma2 <= 1"}
SETTING = [r"$0 < \epsilon < 1$ and $\sigma^2 \le 1$ (y takes values in $[-1,1]$)",
           r"$\|Z\|^2 \le 4$, $\|G\|^2 \le 1$, $\|F\|^2 \le 1$ (ranges of $z_i$, $g$ and the clipped $f$)"]


def _ip(u, v):
    """Inner product of two coordinate vectors, expanded."""
    return sympy.expand((u.T * v)[0])


def norm2(x, y_, w_):
    """``||x Z + y G + w F||^2`` in Gram-Schmidt coordinates."""
    v = x * Zc + y_ * Gc + w_ * Fc
    return _ip(v, v)


BOX = (norm2(1, 0, 0) <= 4, norm2(0, 1, 0) <= 1, norm2(0, 0, 1) <= 1)
H_NOISE = norm2(1, 0, 0) >= sigma2 - T_NOISE * eps        # complement of the event in (2.1)
H_CROSS = _ip(Zc, Gc) >= -T_CROSS * eps                    # complement of the event in (2.2)
H_FIT = norm2(1, 1, -1) <= sigma2 - eps                    # ||G + Z - F||^2 <= sigma^2 - eps
ZF = _ip(Zc, Fc)
TAIL = exp(-n * eps ** 2 / K83)                            # the paper's exp(-n eps^2/8^3)


def hoeffding_step(slug, label, quote, lo, hi, depends, event, prob):
    """(2.1) / (2.2): the paper's exp(-n eps^2/8^3) against Hoeffding's bound for range [lo, hi]; the
    instance gives ``prob <= exp(-n eps^2/8^3)`` to the union bound."""
    exponent = hoeffding_exponent(n, T_NOISE * eps, lo, hi)
    return proof.cite(
        HOEFFDING, slug, exp(-exponent) <= TAIL, label=label, quote=quote, depends_on=depends, gives=prob <= TAIL,
        experiment=MC.experiment(event),
        rule=f"Hoeffding's inequality, one-sided, for i.i.d. variables in [{lo}, {hi}] and deviation eps/6",
        constants=[Constant("8^3", PAPER_83, sympy.simplify(n * eps ** 2 / exponent))],
        implicit_assumptions=[r"the pairs $(x_i, y_i)$ are independent (stated: i.i.d.)"],
        on_failure="Replace 8^3 by the supported constant (a smaller denominator) in (2.1)/(2.2) and in the lemma.")


CLAIM_QUOTE = (r"We claim that if $||Z||^2 \ge \sigma^2 - \frac{\epsilon}{6}$ and $\langle Z, G \rangle \ge "
               r"-\frac{\epsilon}{6}$, then for any $f \in \mathcal{F}$ one has $$\|G + Z - F\|^2 \le \sigma^2 - "
               r"\epsilon \Rightarrow \langle F, Z \rangle \ge \frac{\epsilon}{3}$$")
statement = dict(
    quote=(r"Lemma 2.1. One has $$\mathbb{P}\left(\exists f \in \mathcal{F} : \frac{1}{n} \sum_{i=1}^{n} "
           r"(y_i - f(x_i))^2 \le \sigma^2 - \epsilon\right) \le 2 \exp\left(-\frac{n\epsilon^2}{8^3}\right) + "
           r"\mathbb{P}\left(\exists f \in \mathcal{F} : \frac{1}{n} \sum_{i=1}^{n} f(x_i) z_i \ge "
           r"\frac{\epsilon}{3}\right).$$"),
    rule="the event of a fit below sigma^2 - eps lies in the union of the events of (2.1), (2.2) and the "
         "correlation event (the claim), so its probability is at most the sum of theirs; the two Hoeffding "
         "tails are each at most exp(-n eps^2/8^3)",
    # p3 is the correlation event's probability: the claim says which event that is
    claim=(r"\mathbb{P}(\exists f: \text{fit}) \le 2\exp\left(-\frac{n\epsilon^2}{8^3}\right) + "
           r"\mathbb{P}\left(\exists f: \tfrac1n \textstyle\sum_i f(x_i) z_i \ge \tfrac{\epsilon}{3}\right)"),
    implicit_assumptions=[r"the inclusion of events rests on the claim (refuted with $\epsilon/3$; it holds "
                          r"with $\epsilon/4$, see claim-repaired)"],
    on_failure="The union bound itself cannot fail; if the claim is refuted, state the lemma with the "
               "correlation threshold the claim supports (eps/4).")
noise_bounded = proof.step(
    "noise-bounded", (y - g) ** 2 <= 4,
    quote=r"The sequence (z_i^2) is i.i.d., with mean σ^2 , and such that $|z_i|^2 \leq 4$.",
    rule="y_i and g(x_i) = E[y_i | x_i] both lie in [-1, 1], so z_i = y_i - g(x_i) lies in [-2, 2]")
hoeffding_noise = hoeffding_step(
    "hoeffding-noise", "(2.1)", r"Thus Hoeffding's inequality yields: $$\mathbb{P}\left(\frac{1}{n}\sum_{i=1}^{n}"
    r"z_{i}^{2} \leq \sigma^{2} - \frac{\epsilon}{6}\right) \leq \exp\left(-\frac{n\epsilon^{2}}{8^{3}}\right). "
    r"\tag{2.1}$$", 0, 4, [noise_bounded], "(2.1)", p1)
cross_bounded = proof.step(
    "cross-bounded", Abs((y - g) * g) <= 2, rule="|z_i| <= 2 and |g(x_i)| <= 1",
    quote=(r"On the other hand the sequence $(z_i g(x_i))$ is i.i.d., with mean 0 (since "
           r"$\mathbb{E}[z_i|x_i] = 0$), and such that $|z_i g(x_i)| \leq 2$"))
hoeffding_cross = hoeffding_step(
    "hoeffding-cross", "(2.2)", r"Thus Hoeffding's inequality yields: $$\mathbb{P}\left(\frac{1}{n}\sum_{i=1}^{n}"
    r"z_{i}g(x_{i}) \leq -\frac{\epsilon}{6}\right) \leq \exp\left(-\frac{n\epsilon^{2}}{8^{3}}\right). \tag{2.2}$$",
    -2, 2, [cross_bounded], "(2.2)", p2)
fit_as_norm = proof.step(
    "fit-as-norm", Eq((g + z - f) ** 2, (y - f) ** 2), (Eq(z, y - g),), kind="derived",
    quote=(r"Let us write $Z = \frac{1}{\sqrt{n}}(z_1, \dots, z_n), G = \frac{1}{\sqrt{n}}(g(x_1, \dots, "
           r"g(x_n)), \text{ and } F = \frac{1}{\sqrt{n}}(f(x_1), \dots, f(x_n)).$"),
    rule="coordinatewise, g(x_i) + z_i - f(x_i) = y_i - f(x_i) since z_i = y_i - g(x_i); so "
         "||G + Z - F||^2 is the empirical squared loss (1/n) sum (y_i - f(x_i))^2")
expansion = proof.step(
    "expansion", Eq(sum((Gc[i] + Zc[i] - Fc[i]) ** 2 for i in range(3)), sum(Zc[i] ** 2 for i in range(3))
                    + 2 * sum(Zc[i] * (Gc[i] - Fc[i]) for i in range(3)) + sum((Gc[i] - Fc[i]) ** 2 for i in range(3))),
    quote=r"\|G + Z - F\|^2 = \|Z + G - F\|^2 = \|Z\|^2 + 2\langle Z, G - F \rangle + \|G - F\|^2",
    rule="bilinearity and symmetry of the inner product (checked as a polynomial identity in "
         "coordinates; three vectors span at most three dimensions)",
    # the obligation is in coordinates; the claim is the identity of vectors it checks
    claim=r"\|G + Z - F\|^2 = \|Z\|^2 + 2\langle Z, G - F \rangle + \|G - F\|^2")
chain = proof.cite(
    GRAM, "chain-lower-bound", norm2(1, 0, 0) + 2 * _ip(Zc, Gc - Fc) + norm2(0, 1, -1) >= sigma2 - CHAIN * eps - 2 * ZF,
    BOX + (H_NOISE, H_CROSS), where=IN_SETTING, depends_on=[hoeffding_noise, hoeffding_cross, expansion],
    implicit_assumptions=SETTING,
    quote=r"\|Z\|^2 + 2\langle Z, G - F \rangle + \|G - F\|^2 \geq \sigma^2 - \frac{\epsilon}{3} - 2\langle Z, F \rangle.",
    rule="from ||Z||^2 >= sigma^2 - eps/6, <Z, G> >= -eps/6 and ||G - F||^2 >= 0",
    # the obligation is in coordinates; the claim is the display's link it checks
    claim=(r"\|Z\|^2 \ge \sigma^2 - \tfrac{\epsilon}{6},\ \langle Z,G\rangle \ge -\tfrac{\epsilon}{6} \implies "
           r"\|Z\|^2 + 2\langle Z, G - F \rangle + \|G - F\|^2 \geq \sigma^2 - \frac{\epsilon}{3} - 2\langle Z, F \rangle"),
    constants=[Constant("eps/3 (chain)", CLAIMED_CHAIN, T_NOISE + 2 * T_CROSS)],
    on_failure="Use sigma^2 - eps/2 - 2<Z,F>: the two hypotheses contribute eps/6 + 2 eps/6.")
claim_from_chain = proof.step(
    "claim-from-chain", w >= CORR * eps, (q <= sigma2 - eps, q >= sigma2 - CHAIN * eps - 2 * w), kind="derived",
    own=CORR, weaker={CHAIN: "smaller"}, depends_on=[chain],
    quote=r"$$\sigma^2 - \epsilon \geq \|G + Z - F\|^2 = ... \geq \sigma^2 - \frac{\epsilon}{3} - 2\langle Z, F \rangle.$$",
    rule="the display's two ends: sigma^2 - eps >= q >= sigma^2 - eps/3 - 2w gives w >= eps/3 "
         "(q = ||G+Z-F||^2, w = <Z,F>); valid logic, whatever the truth of its last link")
claim = proof.cite(
    GRAM, "claim", ZF >= CORR * eps, BOX + (H_NOISE, H_CROSS, H_FIT), where=IN_SETTING, quote=CLAIM_QUOTE,
    depends_on=[claim_from_chain, fit_as_norm], implicit_assumptions=SETTING,
    rule="the claim itself, checked directly over all vectors Z, G, F (in Gram-Schmidt position)",
    # the obligation is in coordinates; the claim is the paper's sentence
    claim=(r"\|Z\|^2 \ge \sigma^2 - \tfrac{\epsilon}{6},\ \langle Z,G\rangle \ge -\tfrac{\epsilon}{6},\ "
           r"\|G+Z-F\|^2 \le \sigma^2-\epsilon \implies \langle F, Z\rangle \ge \tfrac{\epsilon}{3}"),
    constants=[Constant("eps/3 (correlation)", CLAIMED_CORR, (1 - (T_NOISE + 2 * T_CROSS)) / 2, "smaller")],
    on_failure="The claim holds with eps/4 in place of eps/3 (see claim-repaired); the lemma's last "
               "term becomes P(exists f: (1/n) sum f(x_i) z_i >= eps/4), and Theorem 2 must split eps/4.")
union_bound = proof.cite(
    UNION_BOUND, "union-bound", p1 + p2 <= 2 * TAIL, given=[hoeffding_noise, hoeffding_cross], depends_on=[claim],
    independent_of=[proof.parameter(CORR).name, proof.parameter(CHAIN).name],
    quote=r"This claim together with (2.1) and (2.2) conclude the proof.",
    rule="union bound over the events of (2.1), (2.2) and the correlation event; the two Hoeffding "
         "tails add up to 2 exp(-n eps^2/8^3)",
    # p1, p2 are the two Hoeffding events' probabilities: the claim says which
    claim=(r"\mathbb{P}(\exists f: \text{fit}) \le e^{-n\epsilon^2/8^3} + e^{-n\epsilon^2/8^3} + "
           r"\mathbb{P}(\exists f: \langle F, Z\rangle \ge \tfrac{\epsilon}{3}) = 2e^{-n\epsilon^2/8^3} + \dots"))
# the statement (listed first): the fit's event lies in the union of (2.1), (2.2) and the claim's event
proof.cite(UNION_BOUND, "statement", pfit <= 2 * TAIL + p3,
           (pfit <= p1 + p2 + p3, *hoeffding_noise.gives, *hoeffding_cross.gives), depends_on=[union_bound, claim],
           location=STATEMENT_LOC, independent_of=union_bound.step.independent_of, before=noise_bounded, **statement)
# -- repairs: the same steps with the constants the hypotheses support ----------------------------
# (the obligations are in coordinates; the claims are the vector statements they check)
chain_repaired = proof.repair(
    chain, values={CHAIN: T_NOISE + 2 * T_CROSS}, rule="the same hypotheses give eps/6 + 2(eps/6) = eps/2",
    claim=r"\|Z\|^2 + 2\langle Z, G - F \rangle + \|G - F\|^2 \geq \sigma^2 - \frac{\epsilon}{2} - 2\langle Z, F \rangle")
claim_repaired = proof.repair(
    claim, values={CORR: (1 - (T_NOISE + 2 * T_CROSS)) / 2}, depends_on=[chain_repaired, fit_as_norm],
    rule="sigma^2 - eps >= ||G+Z-F||^2 >= sigma^2 - eps/2 - 2<Z,F> gives <F,Z> >= eps/4",
    claim=(r"\|Z\|^2 \ge \sigma^2 - \tfrac{\epsilon}{6},\ \langle Z,G\rangle \ge -\tfrac{\epsilon}{6},\ "
           r"\|G+Z-F\|^2 \le \sigma^2-\epsilon \implies \langle F, Z\rangle \ge \tfrac{\epsilon}{4}"))

FINDINGS = [
    proof.finding(
        "correlation-eps-over-4", "false-step",
        "The chain of inequalities gives sigma^2 - eps/2 - 2<Z, F> (the two Hoeffding events contribute eps/6 + "
        "2 eps/6), so the claim holds with eps/4, not eps/3",
        steps=[chain, claim],
        repair="Replace eps/3 by eps/4 in the claim and in the lemma's last term; the repaired proof gives the "
               "lemma with P(exists f: (1/n) sum f(x_i) z_i >= eps/4) (a changed constant in the statement)",
        repaired_by=[chain_repaired, claim_repaired],
        consequences="Theorem 2 splits eps/4 into eps/8 + eps/8 instead of eps/3 into eps/6 + eps/6; Hoeffding at "
                     "eps/8 gives exactly 8^3"),
]
RESULT = proof.result(FINDINGS)
