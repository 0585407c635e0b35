"""The exact backend: SymPy identities and sign facts under the declared assumptions.

What it may call ``proved``:

* an equation or non-strict inequality whose two sides simplify to the same expression
  (``simplify(lhs - rhs) == 0``);
* nothing else: sign facts from SymPy's assumption system are *not* trusted (it has called
  ``-1/2 + 1/(i + j)`` positive for positive integers ``i, j``); z3 and arb decide inequalities.

What it never does: trust SymPy's numeric evaluation of a relation.  An expression that contains a
constant sub-term other than a rational (``sqrt(2)``, ``log(3)``, ``pi``) is left to the z3 and arb
backends, because SymPy decides the sign of such terms by floating-point evaluation.

It never refutes: it returns ``proved`` or ``unknown``.
"""
from __future__ import annotations

import time

import sympy

from ..domain import Obligation
from ..errors import LawauditError
from ..verdict import Certificate, Outcome

__all__ = ["decide", "replay_certificate"]

BACKEND = "sympy"


def _residual(rel):
    """``(expr, strict)`` with the relation equivalent to ``expr >= 0`` (or ``> 0``); None for Eq."""
    op = rel.rel_op
    if op in (">=", ">"):
        return rel.lhs - rel.rhs, op == ">"
    if op in ("<=", "<"):
        return rel.rhs - rel.lhs, op == "<"
    return None


#: Above this many operations (or with piecewise functions) ``simplify`` is skipped: it can take
#: seconds, and z3 / arb decide such statements better.
_SIMPLIFY_OPS = 150
_PIECEWISE = (sympy.Max, sympy.Min, sympy.Abs, sympy.Piecewise, sympy.Heaviside)


def _simplifiable(expr) -> bool:
    """``simplify`` only on small expressions without piecewise functions, exp or log: on
    ``x + 3 log x - 3 exp(-x) + 3580529/1048576`` it takes two minutes."""
    return (sympy.count_ops(expr) <= _SIMPLIFY_OPS and not expr.has(*_PIECEWISE)
            and not expr.has(sympy.exp, sympy.log))


def _log_normal_form(expr):
    """Logs expanded where the declared signs allow it (``force=False``), then rational normal form."""
    return sympy.cancel(sympy.expand(sympy.expand_log(expr, force=False)))


#: The rewritings an identity may be proved by; a certificate names the one that reduced it to 0.
SIMPLIFIERS = {"expand": sympy.expand, "cancel": sympy.cancel, "simplify": sympy.simplify,
               "log-normal-form": _log_normal_form}


def _reduces(name: str, expr) -> bool:
    try:
        return SIMPLIFIERS[name](expr) == 0
    except (TypeError, ValueError, NotImplementedError, RecursionError):
        return False


def _identity(expr) -> str | None:
    """The name of the first rewriting that reduces ``expr`` to 0 (``None`` if none does)."""
    if _simplifiable(expr):
        names = ("expand", "cancel", "simplify")
    elif expr.has(sympy.exp, sympy.log) and sympy.count_ops(expr) <= _SIMPLIFY_OPS:
        names = ("expand", "log-normal-form")
    else:
        names = ("expand",)
    return next((n for n in names if _reduces(n, expr)), None)


def _difference(rel):
    """The expression an identity proof of ``rel`` reduces to 0 (``None`` for a strict inequality)."""
    if isinstance(rel, sympy.Eq):
        return rel.lhs - rel.rhs
    res = _residual(rel)
    return None if res is None or res[1] else res[0]


def _decide_rel(rel):
    """``(rewriting name or None, how)`` for one relation."""
    expr = _difference(rel)
    name = None if expr is None else _identity(expr)
    if name is None:
        # No "sign from declared assumptions": SymPy's assumption system has called
        # -1/2 + 1/(i + j) positive for positive integers i, j (found in review). Sign facts are
        # left to z3 and arb, which decide them soundly.
        return None, ""
    what = "lhs - rhs simplifies to 0" if isinstance(rel, sympy.Eq) else "both sides simplify to the same expression"
    return name, f"identity: {what} ({name})"


def _undischarged_definedness(ob: Obligation, rels) -> str | None:
    """The first definedness condition of the conclusion (non-zero divisor, non-negative radicand,
    positive log argument) that neither the declared signs nor z3 (under the hypotheses) settle."""
    from ..definedness import definedness_conditions
    from . import smt
    for rel in rels:
        for cond, reason in definedness_conditions(rel):
            try:
                settled = smt.decide(Obligation(cond, ob.hypotheses, ob.domain), timeout=2.0).verdict == "proved"
            except LawauditError:
                settled = False
            if not settled:
                return reason
    return None


def decide(ob: Obligation, **_ignored) -> Outcome:
    """Try to prove ``ob`` exactly.  Returns ``proved`` (with the reason) or ``unknown``.

    The hypotheses are not used (only the symbols' declared signs), which is sound: a fact
    that holds without them holds with them.
    """
    t0 = time.perf_counter()
    concl = ob.conclusion
    rels = list(concl.args) if isinstance(concl, sympy.And) else [concl]
    undefined = _undischarged_definedness(ob, rels)
    if undefined:
        return Outcome(BACKEND, "unknown", "SymPy cannot show the conclusion is defined everywhere ("
                       + undefined + "); left to z3 and arb", seconds=time.perf_counter() - t0)
    hows, names = [], []
    for rel in rels:
        if not isinstance(rel, sympy.core.relational.Relational):
            return Outcome(BACKEND, "unknown", "not a relation or conjunction of relations",
                           seconds=time.perf_counter() - t0)
        name, how = _decide_rel(rel)
        if name is None:
            return Outcome(BACKEND, "unknown", "SymPy could not decide it from identities and declared signs",
                           seconds=time.perf_counter() - t0)
        hows.append(how)
        names.append(name)
    cert = Certificate(BACKEND, "proved", {"reasons": hows, "rewritings": names})
    return Outcome(BACKEND, "proved", "; ".join(hows), certificate=cert, seconds=time.perf_counter() - t0)


def replay_certificate(ob: Obligation, cert: Certificate) -> bool:
    """Re-check ``ob`` by the certificate's rewritings: each relation of the conclusion must be an
    equation or non-strict inequality whose difference the named rewriting reduces to 0 (no search),
    and the conclusion must be defined everywhere on the domain.  True when it re-checks."""
    names = cert.data.get("rewritings") if cert.backend == BACKEND and isinstance(cert.data, dict) else None
    rels = list(ob.conclusion.args) if isinstance(ob.conclusion, sympy.And) else [ob.conclusion]
    if not isinstance(names, list) or len(names) != len(rels) or any(n not in SIMPLIFIERS for n in names):
        return False
    for rel, name in zip(rels, names):
        expr = _difference(rel) if isinstance(rel, sympy.core.relational.Relational) else None
        if expr is None or not _reduces(name, expr):
            return False
    return _undischarged_definedness(ob, rels) is None
