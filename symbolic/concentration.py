"""Concentration tools with their exact constants and sources: a small sub-Gaussian calculus.

Each tool is a :class:`~symbolic.kernel.Citation` (its exact statement and source) plus a function
returning the bound it gives as a SymPy expression, so that a derivation compares a stated constant
with the one the tool actually gives.

Convention: a scalar random variable ``X`` is *C-subgaussian* when ``P(|X| >= t) <= 2 exp(-t^2 / C)``
for every ``t > 0`` (the variance-proxy convention of e.g. Vershynin 2018, Prop. 2.5.2 (i), with
``C = K_1^2``).  A :class:`SubGaussian` records such a parameter ``C`` (a SymPy expression), whether
the variable is known to have mean zero, and the trail of rules (with their sources) that produced
it.  Every parameter is computed by the rules below, never typed in:

=======================  =====================================================================
:meth:`SubGaussian.assumed`  a hypothesis (from a definition or a cited theorem)
:func:`scale`            ``a X`` is ``a^2 C``-subgaussian
:func:`bounded_multiplier`  ``X Z`` with ``|Z| <= b`` is ``b^2 C``-subgaussian
:func:`centred_sum`      ``n^{-1/2} sum X_i`` is ``factor * C``-subgaussian (factor from a cited result)
:func:`tail`             the tail bound ``2 exp(-t^2/C)`` read back from ``C``
=======================  =====================================================================

plus Hoeffding's inequality (one- and two-sided, for a mean or a sum), the union bound and
Cauchy–Schwarz for sums of square roots.

>>> import sympy
>>> n, eps = sympy.symbols("n eps", positive=True)
>>> hoeffding_exponent(n, eps / 6, 0, 4)
eps**2*n/288
>>> Y = SubGaussian.assumed("Y", 2, "a hypothesis")
>>> centred_sum(bounded_multiplier(Y, 2).centred("E[Z|Y] = 0"), 18, "a cited result").parameter
144
"""
from __future__ import annotations

from dataclasses import dataclass, field

import sympy

from .domain import Domain, Obligation
from .errors import DerivationError
from .kernel import Citation

__all__ = ["HOEFFDING", "UNION_BOUND", "CAUCHY_SCHWARZ", "GAUSSIAN_CONCENTRATION",
           "hoeffding_exponent", "hoeffding_tail", "hoeffding_sum_exponent", "union_bound",
           "SubGaussian", "scale", "bounded_multiplier", "centred_sum", "tail",
           "tail_exponent", "parameter_from_tail", "deviation_for_mean", "cauchy_schwarz_sqrt_sum",
           "gaussian_abs_tail"]

HOEFFDING = Citation(
    key="hoeffding-1963",
    name="Hoeffding's inequality",
    statement=(r"If $X_1,\dots,X_n$ are independent with $a \le X_i \le b$ and $\bar X = \frac1n\sum_i X_i$, "
               r"then for every $t > 0$: $\mathbb{P}(\bar X - \mathbb{E}\bar X \ge t) \le "
               r"\exp\!\left(-\frac{2nt^2}{(b-a)^2}\right)$, and the same bound holds for "
               r"$\mathbb{P}(\bar X - \mathbb{E}\bar X \le -t)$; the two-sided bound is twice it."),
    source="W. Hoeffding, Probability inequalities for sums of bounded random variables, "
           "J. Amer. Statist. Assoc. 58 (1963), Theorem 2; Vershynin (2018), Theorem 2.2.6",
)

UNION_BOUND = Citation(
    key="union-bound",
    name="union bound",
    statement=r"$\mathbb{P}(A_1 \cup \dots \cup A_m) \le \sum_{j} \mathbb{P}(A_j)$ for any events $A_j$.",
    source="Boole's inequality (countable subadditivity of a probability measure)",
)

CAUCHY_SCHWARZ = Citation(
    key="cauchy-schwarz",
    name="Cauchy–Schwarz inequality",
    statement=r"$\left(\sum_{\ell=1}^k a_\ell b_\ell\right)^2 \le \sum_\ell a_\ell^2 \sum_\ell b_\ell^2$; "
              r"with $b_\ell = 1$, $a_\ell = \sqrt{|S_\ell|}$: $\sum_\ell \sqrt{|S_\ell|} \le \sqrt{k \sum_\ell |S_\ell|}$.",
    source="A.-L. Cauchy (1821), H. A. Schwarz (1888); e.g. Steele, The Cauchy-Schwarz Master Class (2004), Ch. 1",
)

GAUSSIAN_CONCENTRATION = Citation(
    key="gaussian-concentration",
    name="Gaussian concentration (Tsirelson-Ibragimov-Sudakov)",
    statement=(r"For $x \sim \mathcal{N}(0, I_d)$ and $L$-Lipschitz $f$: $\mathbb{P}(f(x) - \mathbb{E}f \ge t) \le "
               r"e^{-t^2/(2L^2)}$.  Hence $\mathcal{N}(0, I_d/d)$ satisfies (1.1) with $c = 1$: "
               r"$\mathbb{P}(|f - \mathbb{E}f| \ge t) \le 2e^{-dt^2/(2L^2)}$."),
    source="B. S. Tsirelson, I. A. Ibragimov, V. N. Sudakov (1976); S. Boucheron, G. Lugosi, P. Massart, "
           "Concentration Inequalities (2013), Theorem 5.6",
)


# -- Hoeffding and the union bound -----------------------------------------------------------

def hoeffding_exponent(n, t, a, b):
    """The exponent ``2 n t^2 / (b - a)^2`` of Hoeffding's one-sided bound (Hoeffding 1963, Thm 2).

    Parameters: ``n`` variables, deviation ``t`` of the mean, range ``[a, b]`` of each variable.
    """
    return sympy.simplify(2 * n * sympy.sympify(t) ** 2 / (sympy.sympify(b) - sympy.sympify(a)) ** 2)


def hoeffding_tail(n, t, a, b, *, two_sided: bool = False):
    """Hoeffding's bound on ``P(mean - E mean <= -t)`` (or ``>= t``); doubled when ``two_sided``."""
    tail = sympy.exp(-hoeffding_exponent(n, t, a, b))
    return 2 * tail if two_sided else tail


def hoeffding_sum_exponent(m, s, a, b):
    """Exponent of Hoeffding's bound for the *sum* of ``m >= 1`` variables in ``[a, b]`` deviating by ``s``.

    ``P(|sum - E sum| >= s) <= 2 exp(-2 s^2 / (m (b - a)^2))`` (Hoeffding 1963, Thm 2, with ``t = s/m``).
    The bound needs ``m >= 1``: for ``m = 0`` the sum is 0 and ``P(|0| >= 0) = 1``.

    >>> import sympy
    >>> m, t = sympy.symbols("m t", positive=True)
    >>> hoeffding_sum_exponent(m, t * sympy.sqrt(m), -2, 2)
    t**2/8
    """
    return hoeffding_exponent(m, sympy.sympify(s) / m, a, b)


def union_bound(*bounds, copies=1):
    """The union bound: ``copies * (b_1 + ... + b_m)`` bounds the probability of the union.

    ``copies`` is the number of events sharing each bound (``|F|`` for a finite class, ``k`` for
    ``k`` components).  Source: :data:`UNION_BOUND`.
    """
    if not bounds:
        raise DerivationError("union_bound: needs at least one bound")
    return sympy.sympify(copies) * sympy.Add(*[sympy.sympify(b) for b in bounds])


# -- sub-Gaussian calculus -------------------------------------------------------------------

@dataclass(frozen=True)
class SubGaussian:
    """``X`` is ``parameter``-subgaussian (the module's convention); ``mean_zero`` with its reason.

    ``trail`` lists ``(rule, source)`` pairs, oldest first: how the parameter was obtained.
    Build one with :meth:`assumed` (or a derivation's own constructor) and transform it with the rules.
    """

    name: str
    parameter: object
    mean_zero: str | None = None
    trail: tuple = field(default_factory=tuple)

    def __post_init__(self):
        p = sympy.sympify(self.parameter)
        if p.is_positive is False or p.is_zero:
            raise DerivationError(f"SubGaussian {self.name}: the parameter {p} must be positive")
        object.__setattr__(self, "parameter", sympy.simplify(p))

    @classmethod
    def assumed(cls, name: str, parameter, source: str) -> "SubGaussian":
        """A sub-Gaussian hypothesis stated by a source (not derived)."""
        return cls(name, parameter, None, (("assume", source),))

    def centred(self, reason: str) -> "SubGaussian":
        """The same variable, known to have mean zero (``reason`` says why)."""
        if not reason:
            raise DerivationError(f"centred: {self.name}: give the reason the mean is zero")
        return SubGaussian(self.name, self.parameter, reason, self.trail + (("mean zero", reason),))


def scale(X: SubGaussian, a, name: str | None = None) -> SubGaussian:
    """``a X`` is ``a^2 C``-subgaussian: ``P(|aX| >= t) = P(|X| >= t/|a|) <= 2 exp(-t^2/(a^2 C))``.

    Raises :class:`DerivationError` if ``a`` may be zero.
    """
    a = sympy.sympify(a)
    if a.is_zero or a.is_nonzero is False:
        raise DerivationError(f"scale: the factor {a} must be non-zero")
    return SubGaussian(name or f"({a})*{X.name}", a ** 2 * X.parameter,
                       X.mean_zero, X.trail + ((f"scale by {sympy.sstr(a)}", "P(|aX| >= t) = P(|X| >= t/|a|)"),))


def bounded_multiplier(X: SubGaussian, b, name: str | None = None) -> SubGaussian:
    """``X Z`` with ``|Z| <= b`` almost surely is ``b^2 C``-subgaussian.

    ``{|XZ| >= t} ⊆ {|X| >= t/b}``, so ``P(|XZ| >= t) <= 2 exp(-t^2/(b^2 C))``.  The mean of ``XZ`` is
    not inherited: mark it with :meth:`SubGaussian.centred` when it is zero (e.g. ``E[Z|X] = 0``).
    """
    b = sympy.sympify(b)
    if b.is_positive is not True:
        raise DerivationError(f"bounded_multiplier: the bound {b} on |Z| must be positive")
    return SubGaussian(name or f"{X.name}*Z", b ** 2 * X.parameter, None,
                       X.trail + ((f"bounded multiplier |Z| <= {sympy.sstr(b)}", "{|XZ| >= t} ⊆ {|X| >= t/b}"),))


def centred_sum(X: SubGaussian, factor, source: str, name: str | None = None,
                rule: str = "sum of independent sub-Gaussians") -> SubGaussian:
    """``n^{-1/2} sum X_i`` of independent mean-zero ``C``-subgaussian copies of ``X`` is
    ``factor * C``-subgaussian, by the cited result ``source`` (the factor is the caller's: a theorem
    with an absolute constant gives one, e.g. Vershynin 2018, Prop. 2.6.1).

    Raises :class:`DerivationError` if ``X`` is not known to have mean zero (such results need it).
    """
    if not X.mean_zero:
        raise DerivationError(f"centred_sum: a sum of sub-Gaussians needs mean-zero summands; {X.name} is not "
                              f"known to have mean zero (use .centred(reason))")
    return SubGaussian(name or f"n^(-1/2) sum {X.name}", sympy.sympify(factor) * X.parameter, "sum of mean-zero",
                       X.trail + ((rule, source),))


def tail_exponent(X: SubGaussian, t):
    """The exponent ``t^2 / C`` of the tail bound ``P(|X| >= t) <= 2 exp(-t^2/C)``."""
    return sympy.simplify(sympy.sympify(t) ** 2 / X.parameter)


def tail(X: SubGaussian, t):
    """The tail bound read back from the parameter: ``2 exp(-t^2 / C)`` (bounds ``P(|X| >= t)``,
    hence also ``P(X >= t)``)."""
    return 2 * sympy.exp(-tail_exponent(X, t))


def parameter_from_tail(coefficient):
    """The parameter ``C`` of a tail ``2 exp(-coefficient * t^2)``: ``C = 1 / coefficient``.

    >>> parameter_from_tail(sympy.Rational(1, 81))
    81
    """
    coefficient = sympy.sympify(coefficient)
    if coefficient.is_positive is False or coefficient.is_zero:
        raise DerivationError(f"parameter_from_tail: the coefficient {coefficient} must be positive")
    return sympy.simplify(1 / coefficient)


def deviation_for_mean(n, deviation, normaliser):
    """The ``t`` such that ``(1/n) sum W_i >= deviation`` iff ``normaliser * n^{-1/2} sum W_i >= t``.

    ``t = deviation * sqrt(n) * normaliser``: the rewrite of a deviation of the mean into a deviation
    of the normalised sum ``normaliser * n^{-1/2} sum W_i``.
    """
    return sympy.sympify(deviation) * sympy.sqrt(n) * sympy.sympify(normaliser)


# -- Cauchy–Schwarz and exact tails of witness measures --------------------------------------

def cauchy_schwarz_sqrt_sum(k: int) -> Obligation:
    """``sum_{l<=k} sqrt|S_l| <= sqrt(n k)`` with ``n = sum |S_l|``, as a polynomial obligation for one ``k``.

    With ``s_l = sqrt|S_l| >= 0`` and ``n = s_1^2 + ... + s_k^2`` the claim is
    ``s_1 + ... + s_k <= sqrt(k n)`` (the general case is :data:`CAUCHY_SCHWARZ`).

    Raises :class:`DerivationError` unless ``k`` is an integer >= 1.
    """
    if not isinstance(k, int) or k < 1:
        raise DerivationError(f"cauchy_schwarz_sqrt_sum: k must be an integer >= 1, got {k!r}")
    D = Domain.parse([f"s{i}: real, s{i} >= 0" for i in range(1, k + 1)] + ["n: real, n >= 0"])
    *s, n = D.symbols()
    return Obligation(sympy.Add(*s) <= sympy.sqrt(k * n), (sympy.Eq(n, sympy.Add(*[v ** 2 for v in s])),), D)


def gaussian_abs_tail(t, sd=1):
    """``P(|G| >= t)`` for ``G ~ N(0, sd^2)``: ``erfc(t / (sd sqrt 2))`` (exact)."""
    return sympy.erfc(sympy.sympify(t) / (sympy.sympify(sd) * sympy.sqrt(2)))
