"""Section 1.1 of Bubeck & Sellke (arXiv:2105.12806v1): the speculative numbers for MNIST and ImageNet.

Every number the section derives is an arithmetic claim; each is checked exactly with the paper's
data as *pinned* variables (a variable whose range is a single value, e.g. ``n: integer,
60000 <= n <= 60000``), so that SymPy cannot collapse the claim to ``True``/``False`` while it is
built and a counterexample names the data.

"Of the order 10^k" needs a rounding convention, which the paper does not state.  We write
``x ~ 10^k`` for ``10^(k - theta) <= x < 10^(k + 1 - theta)``:

* ``theta = 0`` (floor: the leading power of ten; "6 x 10^4 is of the order 10^4");
* ``theta = 1/2`` (nearest power of ten on the log scale; "9 x 10^5 is of the order 10^6").

Findings: with ``n = 6 x 10^4`` and effective dimension ``15``, ``nd = 9 x 10^5 < 10^6``, so the
range "10^6 - 10^7" for "an effective dimension between 15 and 150" is false exactly; it holds
under the nearest-power convention, but under that convention ``n = 6 x 10^4`` is of the order
``10^5``, not the "order 10^4" the paper gives for the rule of thumb.  Neither standard convention
makes both statements true; an unusual one does (``theta = 1/10``, i.e. ``x ~ 10^k`` iff
``0.79 * 10^k <= x < 7.9 * 10^k``).
"""
from __future__ import annotations

import sympy

from symbolic.authoring import Proof
from symbolic.kernel import Citation
from symbolic.proof import Constant

LOC = "Section 1.1 (Speculative implication for real data)"
R = sympy.Rational

# -- the paper's data -----------------------------------------------------------------------------
N_MNIST = 6 * 10 ** 4          # "n = 6 x 10^4 images"
SIDE_MNIST = 28                # "dimension 28^2 = 784"
D_LO, D_HI = 15, 150           # "an effective dimension between 15 and 150"
ND_LO, ND_HI = 10 ** 6, 10 ** 7  # "somewhere in the range 10^6 - 10^7"
OBS_LO, OBS_HI = 2 * 10 ** 5, 3 * 10 ** 6   # "somewhere in the range 2 x 10^5 - 3 x 10^6 parameters"
N_IMAGENET = 14 * 10 ** 6      # "1.4 x 10^7 images"
SIZE_IMAGENET = 2 * 10 ** 5    # "of size roughly 2 x 10^5"
REDUCTION = 10 ** 2            # "a couple of order of magnitudes smaller" read as two orders
P_LO, P_HI = 10 ** 10, 10 ** 11  # "at least 10^10 - 10^11 parameters"
C_LO, C_HI = 10 ** 8, 10 ** 9    # "current neural networks ... between 10^8 - 10^9 parameters"
THETA_ODD = R(1, 10)           # a rounding offset under which every order-of-magnitude claim holds

MMS18 = Citation(
    key="mms18-figure-4",
    name="Madry et al. (2018), Figure 4",
    statement=(r"Robust test accuracy on MNIST against the capacity of the network: a sharp transition from "
               r"about 10\% to about 90\% near $2\times10^5$ parameters, about 95\% near $3\times10^6$."),
    source="A. Madry, A. Makelov, L. Schmidt, D. Tsipras, A. Vladu, Towards deep learning models resistant to "
           "adversarial attacks, ICLR 2018, Figure 4 (third plot from the left) [MMS+18 in the paper]",
)


def pinned(name: str, value) -> str:
    """A variable spec whose range is the single value ``value`` (exact).

    >>> pinned("n", 60000)
    'n: integer, 60000 <= n <= 60000'
    >>> pinned("t", sympy.Rational(1, 10))
    't: real, 1/10 <= t <= 1/10'
    """
    value = sympy.sympify(value)
    kind = "integer" if value.is_integer else "real"
    return f"{name}: {kind}, {value} <= {name} <= {value}"


def order_of(x, k, theta):
    """The relations saying ``x`` is "of the order ``10^k``" under offset ``theta``:
    ``10^(k - theta) <= x < 10^(k + 1 - theta)`` (``theta = 0``: floor; ``1/2``: nearest on log scale).

    For ``theta = 1/2`` both sides are squared (``10^(2k-1) <= x^2 < 10^(2k+1)``, valid for ``x > 0``) so
    that the relations stay polynomial.
    """
    if theta == R(1, 2):
        return [x ** 2 >= 10 ** (2 * k - 1), x ** 2 < 10 ** (2 * k + 1)]
    return [x >= 10 ** (k - theta), x < 10 ** (k + 1 - theta)]


Q_RANGE = (r"while the law of robustness would predict any such model must have at least nd parameters, and this "
           r"latter quantity should be somewhere in the range $10^6 - 10^7$ (corresponding to an effective "
           r"dimension between 15 and 150).")
Q_THUMB = (r"the classical rule of thumb # parameters \simeq # equations (which here would predict a number of "
           r"parameters of the order 10^4).")

proof = Proof("section-1.1", "Section 1.1", location=LOC, order=1.1,
              statement=(r"\text{MNIST: } n = 6\cdot10^4,\ d_{\mathrm{eff}} \in [15, 150] \Rightarrow nd \in [10^6, "
                         r"10^7] \text{ vs. } n \sim 10^4;\quad \text{ImageNet: } nd \in [10^{10}, 10^{11}]"),
              summary="The speculative MNIST and ImageNet numbers, checked as the orders of magnitude they are.")
# the paper's data, pinned; d: any effective dimension in [15, 150]; s: MNIST's side; N, D: ImageNet's size and
# dimension; r: "a couple of orders of magnitude" read as 10^2, rho: any reduction in [28, 280]; plo, phi, clo, chi:
# the predicted and current parameter ranges.  The claims show the data, which the obligations' LaTeX (over pinned
# variables) does not.
n, d, dlo, dhi, theta, obslo, obshi, s, N, D, r, rho, plo, phi, clo, chi = proof.vars(
    pinned("n", N_MNIST), "d: real, 15 <= d <= 150", pinned("dlo", D_LO), pinned("dhi", D_HI),
    pinned("theta", THETA_ODD), pinned("obslo", OBS_LO), pinned("obshi", OBS_HI), pinned("s", SIDE_MNIST),
    pinned("N", N_IMAGENET), pinned("D", SIZE_IMAGENET), pinned("r", REDUCTION), "rho: real, 28 <= rho <= 280",
    pinned("plo", P_LO), pinned("phi", P_HI), pinned("clo", C_LO), pinned("chi", C_HI))

proof.step(
    "mnist-dimension", sympy.Eq(s ** 2, 784), rule="exact integer arithmetic: 28^2 = 784", claim=r"28^2 = 784",
    quote=r"they consider the MNIST dataset which consists of $n=6\times 10^4$ images in dimension $28^2=784$.")
mms18 = proof.cite(
    MMS18, "mms18-figures", rule="empirical figures read off [MMS+18]; outside the scope of a proof audit",
    quote=(r"One can see a sharp transition from roughly 10% accuracy to roughly 90% accuracy at around 2×10^5 "
           r"parameters (capacity scale 4 in their notation). Moreover the robust accuracy keeps climbing up "
           r"with more parameters, to roughly 95% accuracy at roughly 3×10^6 parameters."))
nd_range = proof.step(
    "mnist-nd-range", sympy.And(n * d >= ND_LO, n * d <= ND_HI), quote=Q_RANGE,
    rule="n = 6 x 10^4 and 15 <= d <= 150 give 9 x 10^5 <= nd <= 9 x 10^6; the claim read exactly is "
         "10^6 <= nd <= 10^7 for every effective dimension in [15, 150]",
    claim=r"n = 6\cdot10^4,\ 15 \le d \le 150 \implies 10^6 \le nd \le 10^7",
    constants=[Constant("effective dimension at nd = 10^6", D_LO, R(ND_LO, N_MNIST), weaker_when="larger",
                        tolerance=R(1, 10)),
               Constant("effective dimension at nd = 10^7", D_HI, R(ND_HI, N_MNIST), weaker_when="smaller")],
    on_failure="Say 'an effective dimension between 17 and 166' (nd = 10^6 at d = 50/3), or read the range "
               "as orders of magnitude (mnist-nd-range-approximate).")
nd_approximate = proof.repair(
    nd_range, "mnist-nd-range-approximate", conclusion=sympy.And(n * d >= R(9, 10) * ND_LO, n * d <= ND_HI),
    reading="approximate", tolerance="relative error 1/10 at the lower end of 10^6 - 10^7 (0.05 orders of magnitude)",
    rule="the sentence read as the order-of-magnitude estimate it is: nd in [9 x 10^5, 9 x 10^6] lies in "
         "10^6 - 10^7 up to a relative error 1/10 at the lower end",
    claim=r"n = 6\cdot10^4,\ 15 \le d \le 150 \implies (1 - \tfrac{1}{10})\,10^6 \le nd \le 10^7")
nd_nearest = proof.step(
    "mnist-nd-range-nearest", sympy.And(*order_of(n * dlo, 6, R(1, 2)), *order_of(n * dhi, 7, R(1, 2))),
    kind="derived", quote=Q_RANGE,
    rule="the reading that makes the range right as orders of magnitude: on the nearest-power convention "
         "(x ~ 10^k iff 10^(k-1/2) <= x < 10^(k+1/2), squared) 9 x 10^5 ~ 10^6 and 9 x 10^6 ~ 10^7",
    claim=r"10^{11} \le (6\cdot10^4 \cdot 15)^2 < 10^{13} \ \wedge\ 10^{13} \le (6\cdot10^4 \cdot 150)^2 < 10^{15}")
proof.step(
    "rule-of-thumb", sympy.And(*order_of(n, 4, 0)), quote=Q_THUMB, reading="approximate",
    tolerance="of the order 10^4: the leading power of ten, 10^4 <= n < 10^5",
    rule="# parameters = # equations = n = 6 x 10^4, whose leading power of ten is 10^4",
    claim=r"10^4 \le 6\cdot10^4 < 10^5",
    notes="On the nearest-power scale, which makes the nd range right, 6 x 10^4 would be of the order "
          "10^5; one-convention-for-all gives a single scale on which all three orders are right.")
one_convention = proof.step(
    "one-convention-for-all", sympy.And(*order_of(n * dlo, 6, theta), *order_of(n * dhi, 7, theta),
                                        *order_of(n, 4, theta)), kind="derived", quote=Q_RANGE + " ... " + Q_THUMB,
    rule="one rounding offset theta = 1/10 (x ~ 10^k iff 10^(k-1/10) <= x < 10^(k+9/10)) makes all three "
         "orders of magnitude right: 9 x 10^5 ~ 10^6, 9 x 10^6 ~ 10^7, 6 x 10^4 ~ 10^4 (any theta in "
         "[6 - log10(9 x 10^5), 5 - log10(6 x 10^4)) ~ [0.046, 0.222) would do)",
    claim=(r"\theta = \tfrac{1}{10}:\ 10^{6-\theta} \le 9\cdot10^5 < 10^{7-\theta},\ "
           r"10^{7-\theta} \le 9\cdot10^6 < 10^{8-\theta},\ 10^{4-\theta} \le 6\cdot10^4 < 10^{5-\theta}"))
proof.step(
    "law-vs-rule-of-thumb", sympy.And(n * dlo <= obshi, n * dhi >= obslo, n < obslo), kind="derived",
    quote=(r"While far from perfect, the law of robustness prediction is far more accurate than the classical "
           r"rule of thumb # parameters \simeq # equations"),
    rule="made precise as: the law's range [15n, 150n] meets the observed range [2 x 10^5, 3 x 10^6] while "
         "the rule of thumb n lies below it (by a factor 2 x 10^5 / 6 x 10^4 = 10/3); 'far more accurate' "
         "itself is informal",
    depends_on=[mms18, nd_range, nd_approximate],
    claim=r"15n \le 3\cdot10^6,\ 150n \ge 2\cdot10^5,\ n < 2\cdot10^5 \quad (n = 6\cdot10^4)")
imagenet_nd = proof.step(
    "imagenet-nd", sympy.And(N * D / r >= P_LO, N * D / r <= P_HI),
    quote=(r"one could apply a similar reasoning to the ImageNet dataset, which consists of 1.4×10^7 images of "
           r"size roughly 2×10^5 . Estimating that the effective dimension is a couple of order of magnitudes "
           r"smaller than this size, the law of robustness predicts that to obtain good robust models on "
           r"ImageNet one would need at least $10^{10}-10^{11}$ parameters."),
    rule="'a couple of orders of magnitude' read as two: d = 2 x 10^5 / 10^2 = 2 x 10^3, "
         "nd = 1.4 x 10^7 * 2 x 10^3 = 2.8 x 10^10, inside [10^10, 10^11]",
    claim=r"10^{10} \le 1.4\cdot10^7 \cdot \frac{2\cdot10^5}{10^2} = 2.8\cdot10^{10} \le 10^{11}",
    notes="Read as three orders of magnitude, nd = 2.8 x 10^9 < 10^10; the exact set of reductions that "
          "lands in [10^10, 10^11] is [28, 280] (imagenet-reduction-range).")
proof.step(
    "imagenet-reduction-range", sympy.And(N * D / rho >= P_LO, N * D / rho <= P_HI), kind="derived",
    quote=(r"Estimating that the effective dimension is a couple of order of magnitudes smaller than this "
           r"size, the law of robustness predicts ... at least $10^{10}-10^{11}$ parameters."),
    rule="every reduction factor r in [28, 280] (1.45 to 2.45 orders of magnitude) gives nd in "
         "[10^10, 10^11]; r = 28 and r = 280 hit the ends exactly", depends_on=[imagenet_nd],
    claim=r"28 \le r \le 280 \implies 10^{10} \le \frac{1.4\cdot10^7 \cdot 2\cdot10^5}{r} \le 10^{11}")
proof.step(
    "imagenet-gap", sympy.And(plo > chi, plo / chi >= 10, phi / clo <= 10 ** 3, sympy.Eq(plo * phi / (clo * chi), 10 ** 4)),
    quote=(r"This number is larger than the size of current neural networks trained robustly for this task, "
           r"which sports between 10^8-10^9 parameters. Thus, we arrive at the tantalizing possibility that "
           r"robust models for ImageNet do not exist yet simply because we are a couple orders of magnitude "
           r"off in the current scale of neural networks trained for this task."),
    rule="10^10 > 10^9 (larger); the gap ranges from 10^10/10^9 = 10 to 10^11/10^8 = 10^3 and is exactly "
         "10^2 between the ranges' geometric midpoints", depends_on=[imagenet_nd],
    claim=(r"10^{10} > 10^9,\ 10 \le \text{gap} \le 10^3,\ "
           r"\frac{\sqrt{10^{10}\cdot10^{11}}}{\sqrt{10^8\cdot10^9}} = 10^2"))

FINDINGS = [
    proof.finding(
        "nd-range-rounding", "imprecise",
        "For n = 6 x 10^4 and d in [15, 150], nd runs over [9 x 10^5, 9 x 10^6]: the lower end falls 10% short "
        "of the stated 10^6",
        steps=[nd_range],
        repair="Say 'an effective dimension between 17 and 166' (nd = 10^6 at d = 50/3), or keep the sentence as "
               "the order-of-magnitude estimate it is",
        repaired_by=[nd_approximate, nd_nearest, one_convention],
        reading="as orders of magnitude: nd lies in [0.9 x 10^6, 10^7] (relative error 1/10); on the scale "
                "x ~ 10^k iff 10^(k - 1/10) <= x < 10^(k + 9/10) all three of the section's orders of magnitude "
                "(10^6, 10^7 and the rule of thumb's 10^4) are right",
        consequences="none: the section is, in the paper's words, 'highly speculative in nature', and no result "
                     "uses it"),
]


RESULT = proof.result(FINDINGS)
