"""When is a SymPy expression a real number?  The conditions every backend must respect.

``1/u`` needs ``u != 0``; a fractional power needs a non-negative (or positive) base, since SymPy's
``u**(1/3)`` is the principal complex root for ``u < 0``; ``log(u)`` needs ``u > 0``.
"""
from __future__ import annotations

import sympy

__all__ = ["definedness_conditions"]


def definedness_conditions(expr) -> list[tuple[object, str]]:
    """``(condition, reason)`` pairs under which every sub-term of ``expr`` is a real number.

    ``1/u`` needs ``u != 0``; ``u**(p/q)`` (``q > 1``) needs ``u >= 0`` (``u > 0`` when ``p/q < 0``),
    because SymPy's ``u**(1/3)`` is the principal root, which is not real for ``u < 0``; ``u**w``
    with a non-rational exponent needs ``u > 0``; ``log(u)`` needs ``u > 0``.  Conditions that the
    symbols' declared signs settle (SymPy assumptions, which hold on the whole domain) are omitted.

    >>> x = sympy.Symbol("x", real=True)
    >>> [sympy.sstr(c) for c, _ in definedness_conditions(1/x + x**sympy.Rational(1, 3) + sympy.log(x + 2))]
    ['Ne(x, 0)', 'x >= 0', 'x + 2 > 0']
    """
    out, seen = [], set()

    def add(cond, reason):
        if cond is sympy.true or cond in seen:
            return
        seen.add(cond)
        out.append((cond, reason))

    for sub in sympy.preorder_traversal(expr):
        if isinstance(sub, sympy.core.relational.Relational):
            continue
        if sub.is_Pow:
            b, e = sub.base, sub.exp
            if e.is_Integer:
                if e < 0 and b.is_nonzero is not True:
                    add(sympy.Ne(b, 0, evaluate=False), f"{sympy.sstr(sub)}: division by {sympy.sstr(b)}, which must not be 0")
            elif e.is_Rational:
                if e < 0 and b.is_positive is not True:
                    add(sympy.StrictGreaterThan(b, 0, evaluate=False),
                        f"{sympy.sstr(sub)}: a negative fractional power needs {sympy.sstr(b)} > 0")
                elif e > 0 and b.is_nonnegative is not True:
                    add(sympy.GreaterThan(b, 0, evaluate=False),
                        f"{sympy.sstr(sub)}: SymPy's fractional power is the principal root, not real "
                        f"when {sympy.sstr(b)} < 0")
            elif b.is_positive is not True:
                add(sympy.StrictGreaterThan(b, 0, evaluate=False),
                    f"{sympy.sstr(sub)}: a power with a non-rational exponent needs {sympy.sstr(b)} > 0")
        elif isinstance(sub, sympy.tan):
            add(sympy.Ne(sympy.cos(sub.args[0]), 0, evaluate=False),
                f"{sympy.sstr(sub)}: tan has poles where cos({sympy.sstr(sub.args[0])}) = 0")
        elif isinstance(sub, sympy.log):
            u = sub.args[0]
            if u.is_positive is not True:
                add(sympy.StrictGreaterThan(u, 0, evaluate=False), f"{sympy.sstr(sub)}: log needs {sympy.sstr(u)} > 0")
    return out
