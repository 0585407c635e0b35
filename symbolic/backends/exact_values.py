"""Exact substitution of a point into an expression, refused where SymPy would build huge numbers.

``(60*J*W/eps)**p`` at ``p = 10**6`` is a rational with millions of digits, and ``factorial(p)``
worse: SymPy computes them exactly, for minutes, inside ``xreplace``.  :func:`substitute` refuses
(returns ``None``, so the caller stays undecided at that point) when a power's exponent or the
argument of a factorial-like function is larger than :data:`MAX_EXACT` in absolute value there, or
the power would have more than :data:`MAX_BITS` bits.
"""
from __future__ import annotations

import sympy

__all__ = ["MAX_EXACT", "too_large", "substitute"]

#: The largest exponent, or factorial/gamma argument, evaluated exactly.
MAX_EXACT = 2000
#: The largest size, in bits, of a power evaluated exactly: the exponent's numerator plus its
#: denominator, times the bits of the values in its base (``(sqrt(C) sqrt(u))**(p - 1)`` at a
#: 140-bit ``C`` and ``p = 2236046729/134217728`` has SymPy look for a root of degree 2**27).
MAX_BITS = 100_000

_GROWING = (sympy.factorial, sympy.gamma, sympy.binomial, sympy.RisingFactorial, sympy.FallingFactorial,
            sympy.factorial2)


def _big(value) -> bool:
    return value.is_Number and value.is_finite is not False and abs(value) > MAX_EXACT


def _bits(expr, env) -> int:
    """The bits of the exact values ``expr``'s symbols take in ``env`` (numerators and denominators)."""
    out = 1
    for s in expr.free_symbols & env.keys():
        v = env[s]
        if v.is_Rational:
            out += int(v.p).bit_length() + int(v.q).bit_length()
        else:
            out += 64
    return out


def _huge_power(node, env) -> bool:
    e = node.exp.xreplace(env)
    if not (e.is_Number and e.is_finite is not False):
        return False
    if abs(e) > MAX_EXACT:
        return True
    size = abs(e.p) + e.q if e.is_Rational else abs(e)     # a root of degree q costs like a power q
    return size * _bits(node.base, env) > MAX_BITS


def too_large(expr, env: dict) -> bool:
    """Whether substituting ``env`` (symbol -> exact number) into ``expr`` would evaluate a power
    with an exponent beyond :data:`MAX_EXACT`, or of more than :data:`MAX_BITS` bits, or a
    factorial-like function at an argument beyond :data:`MAX_EXACT`.  Inner terms are looked at
    first, so that a tower ``2**(2**p)`` is caught at ``2**p``."""
    for node in sympy.postorder_traversal(expr):
        if not isinstance(node, sympy.Basic) or not node.free_symbols & env.keys():
            continue
        if node.is_Pow and node.exp.free_symbols and _huge_power(node, env):
            return True
        if isinstance(node, _GROWING) and any(_big(a.xreplace(env)) for a in node.args):
            return True
    return False


def substitute(expr, env: dict):
    """``expr.xreplace(env)``, or ``None`` when :func:`too_large` says it would not finish soon."""
    return None if too_large(expr, env) else expr.xreplace(env)
