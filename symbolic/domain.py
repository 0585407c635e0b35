"""Variables with declared kinds and ranges, and obligations over them.

An :class:`Obligation` is the unit every backend decides: *hypotheses imply
conclusion* for every point of a :class:`Domain`.  It is plain data (SymPy
expressions, no closures) so that it can be replayed, mutated in soundness
tests and exported to other checkers.

Examples
--------
>>> D = Domain.parse(["eps: real, 0 < eps < 1", "n: integer, n >= 1"])
>>> eps, n = D.symbols("eps n")
>>> ob = Obligation(eps**2 <= eps, (), D)
>>> ob.variables()
('eps', 'n')
>>> D["eps"].contains(sympy.Rational(1, 2))
True
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace
from typing import Iterable, Mapping

import sympy
from sympy.logic.boolalg import BooleanAtom

from .errors import DomainError, ObligationError

__all__ = ["Var", "Domain", "Obligation", "as_rational", "DEFAULT_REACH"]

KINDS = ("real", "integer")

#: How far the default regime reaches past a finite end (or from 0) when a range is unbounded:
#: reals up to 10^3, integers up to 10^6 (the paper's n, d, p, k are counts).
DEFAULT_REACH = {"real": sympy.Integer(10) ** 3, "integer": sympy.Integer(10) ** 6}
_NAME = r"[A-Za-z_][A-Za-z_0-9]*"
_OPS = {"<": (True,), "<=": (False,)}


def as_rational(value, *, what: str = "value") -> sympy.Rational:
    """Return ``value`` as an exact SymPy rational.

    Floats are converted through their decimal text (``0.1`` becomes ``1/10``),
    so a bound written by a person means what it says.

    Raises
    ------
    DomainError
        If ``value`` is not a finite real number given exactly.
    """
    if isinstance(value, float):
        value = repr(value)
    try:
        r = sympy.Rational(value) if not isinstance(value, sympy.Basic) else value
    except (TypeError, ValueError, ZeroDivisionError) as exc:
        raise DomainError(f"{what}: {value!r} is not an exact number; write it as an integer, "
                          f"a fraction such as 1/2, or a decimal such as 0.5") from exc
    if not (isinstance(r, sympy.Rational)):
        raise DomainError(f"{what}: {value!r} is not rational; bounds must be exact rationals")
    return r


@dataclass(frozen=True)
class Var:
    """One variable: a name, a kind (``"real"`` or ``"integer"``) and an interval.

    ``lo``/``hi`` are exact rationals or ``None`` for an infinite end; ``lo_open``/
    ``hi_open`` say whether that end is excluded.  The SymPy symbol carries the
    assumptions that follow from the range (``positive``, ``nonnegative``,
    ``integer``), which is all SymPy's assumption system may rely on.

    ``regime`` is the closed finite interval ``(lo, hi)`` the source works in (the paper's
    ``0 < eps < 1``, ``n <= 10^6``); sampling draws its evidence there.  It must lie inside
    the range; ``None`` means the default of :meth:`regime_box`.  The range alone decides
    truth: a regime never restricts what a proof or a refutation covers.
    """

    name: str
    kind: str = "real"
    lo: sympy.Rational | None = None
    hi: sympy.Rational | None = None
    lo_open: bool = False
    hi_open: bool = False
    regime: tuple | None = None

    def __post_init__(self):
        if not re.fullmatch(_NAME, self.name or ""):
            raise DomainError(f"variable name {self.name!r} is not an identifier (letters, digits, _)")
        if self.kind not in KINDS:
            raise DomainError(f"variable {self.name}: kind {self.kind!r} is not one of {', '.join(KINDS)}")
        for end in ("lo", "hi"):
            v = getattr(self, end)
            if v is not None:
                object.__setattr__(self, end, as_rational(v, what=f"variable {self.name}: {end}"))
        if self.is_empty():
            raise DomainError(f"variable {self.name}: the range {self.describe()} is empty")
        if self.regime is not None:
            self._check_regime()

    def _check_regime(self):
        try:
            lo, hi = self.regime
        except (TypeError, ValueError):
            raise DomainError(f"variable {self.name}: regime {self.regime!r} must be a pair (lo, hi)") from None
        lo = as_rational(lo, what=f"variable {self.name}: regime lo")
        hi = as_rational(hi, what=f"variable {self.name}: regime hi")
        if self.kind == "integer" and not (lo.is_Integer and hi.is_Integer):
            raise DomainError(f"variable {self.name}: the regime of an integer has integer ends, "
                              f"got [{lo}, {hi}]")
        object.__setattr__(self, "regime", (lo, hi))
        inside = (lo <= hi and (self.lo is None or lo >= self.lo) and (self.hi is None or hi <= self.hi))
        probe = Var(self.name, self.kind, lo, hi, self.lo_open and lo == self.lo, self.hi_open and hi == self.hi) \
            if inside and not (lo == hi and ((self.lo_open and lo == self.lo) or (self.hi_open and hi == self.hi))) else None
        if probe is None or probe.is_empty():
            raise DomainError(f"variable {self.name}: regime [{lo}, {hi}] is not inside its range "
                              f"{self.describe()}; give a regime within the range")

    def regime_box(self) -> tuple[sympy.Rational, sympy.Rational]:
        """The regime as a closed finite interval ``(lo, hi)`` of exact rationals.

        The declared one, else: a finite range itself; a half-line ``[a, oo)`` gives
        ``[a, max(R, 2a)]`` (``[a, R]`` for ``a < 0``), ``(-oo, b]`` the mirror image, the line ``[-R, R]``,
        with ``R`` from :data:`DEFAULT_REACH` (10^3 for reals, 10^6 for integers).  Open ends of
        the range stay excluded when points are drawn.
        """
        if self.regime is not None:
            return self.regime
        reach = DEFAULT_REACH[self.kind]
        lo, hi = self.lo, self.hi
        if self.kind == "integer":        # the integer ends of the range
            lo = None if lo is None else (sympy.floor(lo) + 1 if self.lo_open else sympy.ceiling(lo))
            hi = None if hi is None else (sympy.ceiling(hi) - 1 if self.hi_open else sympy.floor(hi))
        if lo is None:
            lo = -reach if hi is None or hi >= 0 else min(-reach, 2 * hi)
        if hi is None:
            hi = reach if lo < 0 else max(reach, 2 * lo)
        return sympy.Rational(lo), sympy.Rational(hi)

    # -- the range -------------------------------------------------------------------------
    def is_empty(self) -> bool:
        lo, hi = self.lo, self.hi
        if self.kind == "integer":
            ilo = None if lo is None else (sympy.floor(lo) + 1 if self.lo_open else sympy.ceiling(lo))
            ihi = None if hi is None else (sympy.ceiling(hi) - 1 if self.hi_open else sympy.floor(hi))
            return ilo is not None and ihi is not None and ilo > ihi
        if lo is None or hi is None:
            return False
        return lo > hi or (lo == hi and (self.lo_open or self.hi_open))

    def contains(self, value) -> bool:
        """Exact membership test for a rational ``value``."""
        v = sympy.Rational(value)
        if self.kind == "integer" and v != sympy.floor(v):
            return False
        if self.lo is not None and (v < self.lo or (self.lo_open and v == self.lo)):
            return False
        if self.hi is not None and (v > self.hi or (self.hi_open and v == self.hi)):
            return False
        return True

    @functools.cached_property
    def symbol(self) -> sympy.Symbol:
        """The SymPy symbol (with the assumptions the range gives), made once per variable."""
        assumptions = {"integer": True} if self.kind == "integer" else {"real": True}
        if self.lo is not None:
            if self.lo > 0 or (self.lo == 0 and self.lo_open):
                assumptions["positive"] = True
            elif self.lo >= 0:
                assumptions["nonnegative"] = True
        if self.hi is not None:
            if self.hi < 0 or (self.hi == 0 and self.hi_open):
                assumptions["negative"] = True
            elif self.hi <= 0:
                assumptions["nonpositive"] = True
        return sympy.Symbol(self.name, **assumptions)

    def constraints(self) -> list:
        """The range as SymPy relationals on :attr:`symbol` (empty for an unbounded real)."""
        x, out = self.symbol, []
        if self.lo is not None:
            rel = sympy.StrictGreaterThan if self.lo_open else sympy.GreaterThan
            out.append(rel(x, self.lo, evaluate=False))
        if self.hi is not None:
            rel = sympy.StrictLessThan if self.hi_open else sympy.LessThan
            out.append(rel(x, self.hi, evaluate=False))
        return out

    def describe(self) -> str:
        left = "(-oo" if self.lo is None else ("(" if self.lo_open else "[") + str(self.lo)
        right = "oo)" if self.hi is None else str(self.hi) + (")" if self.hi_open else "]")
        return f"{self.name}: {self.kind} in {left}, {right}"

    def to_json(self) -> dict:
        out = {"name": self.name, "kind": self.kind,
               "lo": None if self.lo is None else str(self.lo),
               "hi": None if self.hi is None else str(self.hi),
               "lo_open": self.lo_open, "hi_open": self.hi_open}
        if self.regime is not None:
            out["regime"] = [str(self.regime[0]), str(self.regime[1])]
        return out

    # -- parsing ---------------------------------------------------------------------------
    @classmethod
    def parse(cls, spec: str) -> "Var":
        """Parse ``"x: real, 0 < x <= 1"``, ``"n: integer, n >= 1"`` or ``"t: positive"``.

        Kinds: ``real``, ``integer``, and the shorthands ``positive`` (real, > 0),
        ``nonnegative`` (real, >= 0), ``unit`` (real in (0, 1)).  Each further comma-separated
        part is a bound: ``a < x``, ``a <= x``, ``x < b``, ``x <= b``, ``x > a``, ``x >= a``
        or ``a < x <= b``; numbers are exact (``1/2``, ``0.5``, ``1e12``).  A part
        ``regime lo..hi`` declares the regime (``"n: integer, n >= 1, regime 1..1e6"``).

        Raises
        ------
        DomainError
            Naming the part that could not be read and the accepted forms.
        """
        if not isinstance(spec, str) or ":" not in spec:
            raise DomainError(f"variable spec {spec!r}: expected 'name: kind[, bounds]', "
                              f"e.g. 'x: real, 0 < x <= 1'")
        name, rest = (s.strip() for s in spec.split(":", 1))
        parts = [p.strip() for p in rest.split(",") if p.strip()]
        if not parts:
            raise DomainError(f"variable spec {spec!r}: missing kind (real, integer, positive, nonnegative, unit)")
        kind, bounds = parts[0], parts[1:]
        lo = hi = None
        lo_open = hi_open = False
        short = {"positive": ("real", 0, True), "nonnegative": ("real", 0, False), "unit": ("real", 0, True)}
        if kind in short:
            kind, lo, lo_open = short[kind]
            if parts[0] == "unit":
                hi, hi_open = 1, True
        elif kind not in KINDS:
            raise DomainError(f"variable {name}: kind {kind!r} is not one of real, integer, positive, "
                              f"nonnegative, unit")
        num = r"([-+]?[0-9][0-9./eE+-]*)"
        regime = None
        for b in [b for b in bounds if b.startswith("regime")]:
            m = re.fullmatch(r"regime\s*" + num + r"\s*\.\.\s*" + num, b)
            if not m:
                raise DomainError(f"variable {name}: cannot read {b!r}; write e.g. 'regime 0..1' "
                                  f"(a closed finite interval inside the range)")
            regime = (as_rational(m.group(1), what=f"variable {name}: regime"),
                      as_rational(m.group(2), what=f"variable {name}: regime"))
        bounds = [b for b in bounds if not b.startswith("regime")]
        for b in bounds:
            b = b.replace(" ", "")
            m2 = re.fullmatch(num + r"(<=|<)" + re.escape(name) + r"(<=|<)" + num, b)
            m_left = re.fullmatch(num + r"(<=|<)" + re.escape(name), b) or re.fullmatch(re.escape(name) + r"(>=|>)" + num, b)
            m_right = re.fullmatch(re.escape(name) + r"(<=|<)" + num, b) or re.fullmatch(num + r"(>=|>)" + re.escape(name), b)
            if m2:
                lo, lo_open = as_rational(m2.group(1), what=f"variable {name}: bound"), m2.group(2) == "<"
                hi, hi_open = as_rational(m2.group(4), what=f"variable {name}: bound"), m2.group(3) == "<"
            elif m_left:
                g = m_left.groups()
                val, op = (g[0], g[1]) if m_left.re.pattern.startswith(num) else (g[1], g[0])
                new = as_rational(val, what=f"variable {name}: bound")
                if lo is None or new >= lo:
                    lo, lo_open = new, op in ("<", ">")
            elif m_right:
                g = m_right.groups()
                op, val = (g[0], g[1]) if m_right.re.pattern.startswith(re.escape(name)) else (g[1], g[0])
                new = as_rational(val, what=f"variable {name}: bound")
                if hi is None or new <= hi:
                    hi, hi_open = new, op in ("<", ">")
            else:
                hint = (" (one --var per variable)" if ":" in b else "")
                raise DomainError(f"variable {name}: cannot read the bound {b!r}{hint}; write e.g. "
                                  f"'0 < {name} <= 1', '{name} >= 1' or '{name} < 10'")
        return cls(name, kind, lo, hi, lo_open, hi_open, regime)


@dataclass(frozen=True)
class Domain:
    """An ordered set of :class:`Var` s.  Immutable; look a variable up by name with ``D["x"]``."""

    vars: tuple[Var, ...] = ()

    def __post_init__(self):
        names = [v.name for v in self.vars]
        dup = {n for n in names if names.count(n) > 1}
        if dup:
            raise DomainError(f"variables declared twice: {', '.join(sorted(dup))}")

    @classmethod
    def parse(cls, specs: Iterable[str]) -> "Domain":
        """A domain from specs such as ``["x: real, 0 < x <= 1", "n: integer, n >= 1"]``."""
        return cls(tuple(Var.parse(s) for s in specs))

    def __getitem__(self, name: str) -> Var:
        for v in self.vars:
            if v.name == name:
                return v
        raise DomainError(f"no variable {name!r} in the domain; declared: {', '.join(self.names()) or 'none'}")

    def __iter__(self):
        return iter(self.vars)

    def __len__(self):
        return len(self.vars)

    def names(self) -> tuple[str, ...]:
        return tuple(v.name for v in self.vars)

    def symbols(self, names: str | None = None):
        """The SymPy symbols, in order; ``names`` (space separated) picks some."""
        if names is None:
            return tuple(v.symbol for v in self.vars)
        picked = tuple(self[n].symbol for n in names.split())
        return picked[0] if len(picked) == 1 else picked

    def symbol_map(self) -> dict[str, sympy.Symbol]:
        return {v.name: v.symbol for v in self.vars}

    def constraints(self) -> list:
        return [c for v in self.vars for c in v.constraints()]

    def contains(self, point: Mapping[str, object]) -> bool:
        return all(v.contains(point[v.name]) for v in self.vars)

    def extend(self, *more: Var | str) -> "Domain":
        extra = tuple(Var.parse(m) if isinstance(m, str) else m for m in more)
        return Domain(self.vars + extra)

    def with_regime(self, **regimes) -> "Domain":
        """The same variables, with regimes ``name=(lo, hi)`` declared (see :class:`Var`).

        Raises
        ------
        DomainError
            An unknown name, or a regime outside the variable's range.
        """
        for name in regimes:
            self[name]
        return Domain(tuple(replace(v, regime=regimes.get(v.name, v.regime)) for v in self.vars))

    def to_json(self) -> list:
        return [v.to_json() for v in self.vars]


def _check_expr(expr, where: str, domain: Domain):
    if isinstance(expr, BooleanAtom) or expr in (True, False):
        raise ObligationError(f"{where} is the constant {expr}: SymPy decided it while building it, "
                              f"so there is nothing to check; state it with symbols or compare exact values")
    if not isinstance(expr, (sympy.core.relational.Relational, sympy.And, sympy.Or, sympy.Not)):
        raise ObligationError(f"{where} must be a relation such as a <= b, got {type(expr).__name__}: {expr}")
    if isinstance(expr, sympy.core.relational.Relational) and isinstance(expr, sympy.Ne):
        pass
    if expr.has(sympy.Float):
        raise ObligationError(f"{where} contains a floating-point number ({expr}); write exact "
                              f"rationals (sympy.Rational) so that verdicts are exact")
    known = set(domain.symbol_map().values())
    unknown = {s for s in expr.free_symbols if s not in known}
    if unknown:
        names = ", ".join(sorted(str(s) for s in unknown))
        declared = {v.name for v in domain}
        hint = (" (a symbol of that name is declared with other assumptions: build it with "
                "domain.symbols(...))") if any(str(s) in declared for s in unknown) else ""
        raise ObligationError(f"{where} uses undeclared symbol(s) {names}{hint}; "
                              f"declared: {', '.join(domain.names()) or 'none'}")


#: How a variable's ASCII name is written in LaTeX (the rest are left to SymPy).
_TEX_NAMES = {"eps": r"\epsilon", "delta": r"\delta", "sigma2": r"{\sigma^2}", "sigma": r"\sigma",
              "mu": r"\mu", "rho": r"\rho", "alpha": r"\alpha", "beta": r"\beta", "gamma": r"\gamma",
              "lam": r"\lambda", "tau": r"\tau", "theta": r"\theta"}


@dataclass(frozen=True)
class Obligation:
    """*hypotheses imply conclusion*, for every point of ``domain``.

    Parameters
    ----------
    conclusion : sympy relational (``<=, <, >=, >, Eq``) or And/Or of them.
    hypotheses : tuple of relationals; together with the domain's ranges they restrict the points.
    domain : :class:`Domain` declaring every free symbol.

    Raises
    ------
    ObligationError
        If a part is not a relation, contains floats, or uses an undeclared symbol.
    """

    conclusion: object
    hypotheses: tuple = ()
    domain: Domain = field(default_factory=Domain)

    def __post_init__(self):
        hyps = tuple(self.hypotheses) if isinstance(self.hypotheses, (list, tuple)) else (self.hypotheses,)
        object.__setattr__(self, "hypotheses", hyps)
        _check_expr(self.conclusion, "conclusion", self.domain)
        for i, h in enumerate(hyps):
            _check_expr(h, f"hypothesis {i + 1}", self.domain)

    def variables(self) -> tuple[str, ...]:
        return self.domain.names()

    def all_hypotheses(self) -> list:
        """Domain ranges followed by the stated hypotheses."""
        return self.domain.constraints() + list(self.hypotheses)

    def latex(self) -> str:
        """The obligation in LaTeX; the usual ASCII names of Greek letters are written as the letters
        (``eps`` as ``\\epsilon``, ``sigma2`` as ``\\sigma^2``, ``delta`` as ``\\delta``, ...)."""
        names = {v.symbol: _TEX_NAMES[v.name] for v in self.domain if v.name in _TEX_NAMES}

        def tex(e):
            return sympy.latex(e, symbol_names=names)
        concl = tex(self.conclusion)
        if not self.hypotheses:
            return concl
        return r" \wedge ".join(tex(h) for h in self.hypotheses) + r" \implies " + concl

    def text(self) -> str:
        concl = sympy.sstr(self.conclusion)
        if not self.hypotheses:
            return concl
        return " and ".join(sympy.sstr(h) for h in self.hypotheses) + "  ==>  " + concl

    def key(self) -> str:
        """A canonical text of the whole obligation (used for digests and replay)."""
        return "|".join([sympy.srepr(self.conclusion)] + [sympy.srepr(h) for h in self.hypotheses]
                        + [repr(v.to_json()) for v in self.domain])

    def to_json(self) -> dict:
        return {"conclusion": sympy.sstr(self.conclusion),
                "hypotheses": [sympy.sstr(h) for h in self.hypotheses],
                "domain": self.domain.to_json()}
