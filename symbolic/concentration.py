"""Concentration tools with their exact constants and sources.

Each tool is a :class:`~symbolic.kernel.Citation` (its exact statement and source) plus a function
returning the bound it gives as a SymPy expression, so that a derivation compares the paper's
constant with the one the tool actually gives.

>>> import sympy
>>> n, eps = sympy.symbols("n eps", positive=True)
>>> hoeffding_exponent(n, eps / 6, 0, 4)
eps**2*n/288
"""
from __future__ import annotations

import sympy

from .kernel import Citation

__all__ = ["HOEFFDING", "hoeffding_exponent", "hoeffding_tail", "UNION_BOUND"]

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


def hoeffding_exponent(n, t, a, b):
    """The exponent ``2 n t^2 / (b - a)^2`` of Hoeffding's one-sided bound (Hoeffding 1963, Thm 2).

    Parameters: ``n`` variables, deviation ``t`` of the mean, range ``[a, b]`` of each variable.
    """
    return sympy.simplify(2 * n * sympy.sympify(t) ** 2 / (sympy.sympify(b) - sympy.sympify(a)) ** 2)


def hoeffding_tail(n, t, a, b, *, two_sided: bool = False):
    """Hoeffding's bound on ``P(mean - E mean <= -t)`` (or ``>= t``); doubled when ``two_sided``."""
    tail = sympy.exp(-hoeffding_exponent(n, t, a, b))
    return 2 * tail if two_sided else tail
