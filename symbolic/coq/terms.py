"""SymPy expressions -> Coq terms over ``R`` (the Coq standard library's real numbers).

The translation is exact: every SymPy construct is mapped to the Coq function with the same value
wherever SymPy's value is a real number, and :func:`definedness` lists the conditions under which
it is (Coq's functions are total: ``/ 0 = 0``, ``ln 0 = 0``, ``sqrt (-1) = 0``).  Anything else
raises :class:`NotExportable` naming the construct.

=====================  ===========================================================
SymPy                  Coq
=====================  ===========================================================
``p/q`` (rational)     ``(p / q)`` (literals are ``IZR`` of binary integers)
integer variable ``n`` ``(IZR n)`` with ``n : Z``
``a + b``, ``a * b``   ``(a + b)``, ``(a * b)``
``u**k`` (integer k)   ``(u ^ k)``; ``/ (u ^ |k|)`` for k < 0
``u**(p/2)``           ``(sqrt u ^ p)``; ``/ (sqrt u ^ |p|)`` for p < 0
``u**w`` (w symbolic)  ``Rpower u w`` (``exp (w * ln u)``, SymPy's value for ``u > 0``)
``exp, log``           ``exp, ln``
``Abs, Max, Min``      ``Rabs, Rmax, Rmin`` (binary, folded)
``pi``, ``E``          ``PI``, ``exp 1``
=====================  ===========================================================
"""
from __future__ import annotations

import sympy

from ..errors import LawauditError

__all__ = ["NotExportable", "Translator"]


class NotExportable(LawauditError):
    """The obligation uses a construct outside the Coq-checkable fragment (message: which)."""


#: Largest integer exponent written as ``u ^ k`` (beyond it nra would not cope anyway).
MAX_POWER = 64


class Translator:
    """Translate the expressions of one obligation; collects what the proof script needs.

    ``kinds`` maps each variable name to ``"real"`` or ``"integer"``; variable ``x`` is written
    ``v_x`` (so that no name clashes with Coq's).  After translating,
    ``atoms`` holds the transcendental sub-terms met (``("exp", u)``, ``("ln", u)``,
    ``("sqrt", u)``, ``("const", c)``) as SymPy expressions, and ``("inv", text)`` with the Coq
    text of each divisor, in order of first use; ``factor_atoms`` the logarithms of the factors
    of each ``ln`` argument (the terms ``ln (a * b) = ln a + ln b`` brings in).
    """

    def __init__(self, kinds: dict[str, str], pinned: dict | None = None):
        self.kinds = dict(kinds)
        self.pinned = dict(pinned or {})
        self.atoms: list[tuple[str, object]] = []
        self.factor_atoms: list[tuple[str, object]] = []
        self.has_piecewise = False
        self.uses_rpower = False
        self.has_ln = False

    def _atom(self, kind, arg):
        if (kind, arg) not in self.atoms:
            self.atoms.append((kind, arg))

    # -- terms --------------------------------------------------------------------------------
    def term(self, e) -> str:
        """The Coq text of the SymPy expression ``e``; raises :class:`NotExportable`."""
        if e.is_Symbol:
            if e.name not in self.kinds:
                raise NotExportable(f"undeclared symbol {e.name}")
            return f"(IZR v_{e.name})" if self.kinds[e.name] == "integer" else f"v_{e.name}"
        if e.is_Rational:
            return _rational(e)
        if e is sympy.pi:
            self._atom("const", e)
            return "PI"
        if e is sympy.E:
            self._atom("const", e)
            return "(exp 1)"
        if e.is_Add:
            return "(" + " + ".join(self.term(a) for a in e.args) + ")"
        if e.is_Mul:
            return "(" + " * ".join(self.term(a) for a in e.args) + ")"
        if e.is_Pow:
            return self._pow(e)
        return self._function(e)

    def _function(self, e) -> str:
        f, args = e.func, e.args
        if f is sympy.exp:
            self._atom("exp", args[0])
            if not args[0].free_symbols:
                self._atom("const", e)
            return f"(exp {self.term(args[0])})"
        if f is sympy.log:
            if len(args) != 1:
                raise NotExportable(f"log with a base in {sympy.sstr(e)}")
            self._atom("ln", args[0])
            self._ln_factors(args[0])
            self.has_ln = True
            if not args[0].free_symbols:
                self._atom("const", e)
            return f"(ln {self.term(args[0])})"
        if f is sympy.Abs:
            self.has_piecewise = True
            return f"(Rabs {self.term(args[0])})"
        if f in (sympy.Max, sympy.Min):
            self.has_piecewise = True
            name = "Rmax" if f is sympy.Max else "Rmin"
            out = self.term(args[0])
            for a in args[1:]:
                out = f"({name} {out} {self.term(a)})"
            return out
        raise NotExportable(f"the function {f.__name__} (in {sympy.sstr(e)}) has no exact Coq "
                            f"counterpart in the exported fragment (polynomials, exp, ln, sqrt, abs, max, min)")

    def _ln_factors(self, u):
        """Register ``ln f`` for the factors ``f`` of ``u``: the proof script rewrites
        ``ln (a * b)`` into ``ln a + ln b`` where it can prove both positive."""
        for f in (u.args if isinstance(u, sympy.Mul) else ()):
            base = f.base if f.is_Pow and f.exp.is_Integer else f
            atom = ("const", sympy.log(f)) if f.is_Number and f > 0 and f != 1 else \
                ("ln", base) if base.free_symbols else None
            if atom is not None and atom not in self.atoms + self.factor_atoms:
                self.factor_atoms.append(atom)

    def _pow(self, e) -> str:
        b, x = e.base, e.exp
        if x.is_Integer:
            k = int(x)
            if abs(k) > MAX_POWER:
                raise NotExportable(f"the exponent {k} in {sympy.sstr(e)} is too large (at most {MAX_POWER})")
            inner = self.term(b) if abs(k) == 1 else f"({self.term(b)} ^ {abs(k)})"
            if k < 0:
                self._atom("inv", inner)
            return inner if k >= 0 else f"(/ {inner})"
        if x.is_Rational and x.q == 2:
            self._atom("sqrt", b)
            if not b.free_symbols:
                self._atom("const", sympy.sqrt(b))
            p = abs(int(x.p))
            inner = f"(sqrt {self.term(b)})" if p == 1 else f"(sqrt {self.term(b)} ^ {p})"
            if x.p < 0:
                self._atom("inv", inner)
            return inner if x.p > 0 else f"(/ {inner})"
        if x.is_Rational:
            if x > 0:
                raise NotExportable(f"the root {sympy.sstr(e)}: only square roots are exported "
                                    f"(Coq's Rpower differs from SymPy's root at 0)")
        if x.free_symbols or x.is_Rational:
            self.uses_rpower = True
            self._atom("ln", b)
            self._atom("exp", x * sympy.log(b))
            self.has_ln = True
            return f"(Rpower {self.term(b)} {self.term(x)})"
        raise NotExportable(f"the power {sympy.sstr(e)} has a constant irrational exponent")

    # -- formulas -----------------------------------------------------------------------------
    def formula(self, rel) -> str:
        """The Coq proposition of a SymPy relation or And/Or/Not of relations."""
        if isinstance(rel, sympy.And):
            return "(" + " /\\ ".join(self.formula(a) for a in rel.args) + ")"
        if isinstance(rel, sympy.Or):
            return "(" + " \\/ ".join(self.formula(a) for a in rel.args) + ")"
        if isinstance(rel, sympy.Not):
            return f"(~ {self.formula(rel.args[0])})"
        if not isinstance(rel, sympy.core.relational.Relational):
            raise NotExportable(f"{sympy.sstr(rel)} is not a relation")
        op = {"<=": "<=", "<": "<", ">=": ">=", ">": ">", "==": "=", "!=": "<>"}[rel.rel_op]
        return f"({self.term(rel.lhs)} {op} {self.term(rel.rhs)})"


def _rational(r) -> str:
    if r.q == 1:
        return f"({int(r.p)})" if r.p < 0 else f"{int(r.p)}"
    return f"({int(r.p)} / {int(r.q)})"


def definedness(expr) -> list:
    """SymPy relations under which every sub-term of ``expr`` is a real number (in SymPy's sense),
    so that Coq's total functions agree with SymPy there: divisors non-zero, square-root radicands
    non-negative, log arguments and symbolic-power bases positive.  Unlike
    :func:`symbolic.definedness.definedness_conditions`, nothing is left out on the strength of
    SymPy's assumptions: every condition is proved (or assumed) in Coq."""
    out: list = []

    def add(c):
        if c not in out and c is not sympy.true:
            out.append(c)
    for sub in sympy.preorder_traversal(expr):
        if isinstance(sub, sympy.core.relational.Relational) or not isinstance(sub, sympy.Basic):
            continue
        if sub.is_Pow:
            b, x = sub.base, sub.exp
            if x.is_Integer and x < 0:
                add(sympy.Ne(b, 0, evaluate=False))
            elif x.is_Rational and not x.is_Integer:
                add(sympy.StrictGreaterThan(b, 0, evaluate=False) if x < 0 else sympy.GreaterThan(b, 0, evaluate=False))
            elif not x.is_Rational:
                add(sympy.StrictGreaterThan(b, 0, evaluate=False))
        elif isinstance(sub, sympy.log):
            add(sympy.StrictGreaterThan(sub.args[0], 0, evaluate=False))
    # in a canonical order: the traversal of an And follows its arguments' hashes (PYTHONHASHSEED)
    return sorted((c for c in out if not _trivially_true(c)), key=sympy.default_sort_key)


def _trivially_true(c) -> bool:
    """A condition between two rational numbers that holds (decided with Python's exact rationals)."""
    if not (c.lhs.is_Rational and c.rhs.is_Rational):
        return False
    a, b = sympy.Rational(c.lhs), sympy.Rational(c.rhs)
    return {"!=": a != b, ">": a > b, ">=": a >= b}[c.rel_op]
