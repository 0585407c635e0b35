"""Equality hypotheses solved for one real variable each, so that sampling lands on them.

Rejection sampling never meets ``t**2 = d eps^2 n / (36 L^2 c)``: the set is thin.  Each
equality is cleared of denominators and, where it is of degree 1 or 2 in one real variable
(degree 1 preferred: its root is a rational function of the others, so points stay exact
rationals), that variable is computed from the others.  The equality then holds by
construction and is dropped from the hypotheses the sampler tests; the solved variable's
range becomes a hypothesis instead.

>>> import sympy
>>> t, c = sympy.symbols("t c", positive=True)
>>> solved, rest = eliminate([sympy.Eq(t**2, 1/c)], {t, c}, real={t, c})
>>> solved
[(c, (t**(-2),))]
"""
from __future__ import annotations

import sympy

__all__ = ["eliminate"]


def _roots(expr, v):
    """Roots of ``expr = 0`` in ``v`` when it is a polynomial of degree 1 or 2 in ``v``, else None."""
    num = sympy.numer(sympy.together(expr))
    try:
        poly = sympy.Poly(sympy.expand(num), v)
    except sympy.PolynomialError:
        return None
    if poly.degree() not in (1, 2) or any(c.has(v) for c in poly.all_coeffs()):
        return None
    coeffs = poly.all_coeffs()
    if poly.degree() == 1:
        return (sympy.cancel(-coeffs[1] / coeffs[0]),)
    a, b, c = coeffs
    disc = sympy.sqrt(b ** 2 - 4 * a * c)
    return tuple((-b + s * disc) / (2 * a) for s in (1, -1))


def eliminate(hypotheses, free: set, *, real: set):
    """Solve equality hypotheses for one variable each.

    Parameters
    ----------
    hypotheses : relations; the ``Eq`` among them are candidates.
    free : the variables that may be solved for (and are then no longer drawn).
    real : the real variables among them (integers are never solved for).

    Returns
    -------
    (solved, rest): ``solved`` lists ``(variable, roots)`` in dependency order, each root an
    expression in the variables still drawn; ``rest`` the hypotheses still to test, with
    ``denominator != 0`` for each solved equality that has one (clearing it must not add points).
    """
    solved: list[tuple] = []
    rest = []
    for h in hypotheses:
        found = _solve_one(h, solved, free, real) if isinstance(h, sympy.Eq) else None
        if found is None:
            rest.append(h)
            continue
        v, roots = found
        den = sympy.denom(sympy.together(h.lhs - h.rhs))
        if den.free_symbols:          # the equality is undefined where its denominator vanishes
            rest.append(sympy.Ne(den, 0, evaluate=False))
        if len(roots) == 1:
            solved = [(s, tuple(r.xreplace({v: roots[0]}) for r in rs)) for s, rs in solved]
        solved.append((v, roots))
    return solved, rest


def _solve_one(h, solved, free, real):
    """``(v, roots)`` for equality ``h`` given the earlier solutions, or None."""
    done = {s for s, _ in solved}
    expr = (h.lhs - h.rhs).xreplace({s: rs[0] for s, rs in solved if len(rs) == 1})
    if expr.free_symbols & done:
        return None
    used_by_two_roots = {x for _, rs in solved if len(rs) > 1 for r in rs for x in r.free_symbols}
    for degree_wanted in (1, 2):
        for v in sorted((expr.free_symbols & free & real) - done, key=str):
            roots = _roots(expr, v)
            if roots is None or len(roots) != degree_wanted:
                continue
            if v in used_by_two_roots or (degree_wanted == 2 and any(v in r.free_symbols
                                                                     for _, rs in solved for r in rs)):
                continue
            return v, roots
    return None
