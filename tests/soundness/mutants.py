"""Mutants of every encoded step (issue 6, part 2), generated from the obligations alone.

For each step of each result of :func:`derivations.all_results` that carries an obligation:

* **constants**: each distinct numeric constant of the conclusion and of each hypothesis (a
  rational coefficient or term, not an exponent, not 0 or +-1) multiplied and divided by 2, 1.1
  and 0.9 (all its occurrences in that part at once);
* **relations**: each relation of the conclusion flipped (``<=`` to ``>=``), made strict
  (``<=`` to ``<``) and negated (``<=`` to ``>``, ``Eq`` to ``Ne``); each stated hypothesis
  flipped and made strict;
* **hypotheses**: each stated hypothesis dropped.

A mutant's truth is not known a priori, so each carries a ``kind``:

``weakening``      implied by the original (a hypothesis made strict): true whenever the original is;
``strengthening``  implies the original (conclusion made strict, a hypothesis dropped): truth unknown;
``negation``       the conclusion negated: false whenever the original holds and its hypotheses are
                   satisfiable;
``reversal``       a relation flipped: false as soon as the original's margin is non-zero somewhere;
``perturbation``   a constant scaled: truth unknown.

Which mutants *must* be killed is decided per mutant by an exact witness (see
:mod:`tests.soundness.judge`), never by the kind alone.

>>> import sympy
>>> from symbolic.domain import Domain, Obligation
>>> D = Domain.parse(["x: real, 0 <= x <= 1"])
>>> x = D.symbols("x")
>>> ms = mutate(Obligation(x**2 <= x + sympy.Rational(1, 6), (x >= sympy.Rational(1, 10),), D), "demo")
>>> sorted({m.op.split(":")[0] for m in ms})
['drop-hyp', 'flip', 'hyp-flip', 'hyp-strict', 'negate', 'scale', 'strict']
>>> next(m for m in ms if m.op == "scale:concl:1/6*2").obligation.conclusion
x**2 <= x + 1/3
"""
from __future__ import annotations

from dataclasses import dataclass

import sympy
from sympy.core.relational import Relational

from symbolic.domain import Obligation
from symbolic.errors import LawauditError

__all__ = ["Mutant", "FACTORS", "mutate", "step_mutants", "constants_of"]

R = sympy.Rational
#: The scale factors: multiplied and divided by 2, 1.1 and 0.9.
FACTORS = (("*2", R(2)), ("/2", R(1, 2)), ("*1.1", R(11, 10)), ("/1.1", R(10, 11)),
           ("*0.9", R(9, 10)), ("/0.9", R(10, 9)))

_FLIP = {"<=": sympy.GreaterThan, ">=": sympy.LessThan, "<": sympy.StrictGreaterThan, ">": sympy.StrictLessThan}
_STRICT = {"<=": sympy.StrictLessThan, ">=": sympy.StrictGreaterThan}
_NEGATE = {"<=": sympy.StrictGreaterThan, "<": sympy.GreaterThan, ">=": sympy.StrictLessThan,
           ">": sympy.LessThan, "==": sympy.Ne, "!=": sympy.Eq}


@dataclass(frozen=True)
class Mutant:
    """One mutant: ``id`` is ``<step id>#<op>``; ``op`` names the mutation; ``kind`` is one of
    ``weakening, strengthening, negation, reversal, perturbation`` (module docstring)."""

    id: str
    step_id: str
    op: str
    kind: str
    obligation: Obligation


def constants_of(expr) -> list:
    """The distinct mutable numeric constants of ``expr`` in first-occurrence order: rationals
    other than 0 and +-1 that are not exponents."""
    out = []

    def walk(e):
        if e.is_Rational:
            if e not in (0, 1, -1) and e not in out:
                out.append(e)
            return
        if e.is_Pow:
            walk(e.base)
            return
        for a in e.args:
            walk(a)

    walk(expr)
    return out


def _replace_const(e, c, new):
    if e.is_Rational:
        return new if e == c else e
    if e.is_Pow:
        return sympy.Pow(_replace_const(e.base, c, new), e.exp)
    if not e.args:
        return e
    return e.func(*[_replace_const(a, c, new) for a in e.args])


def _leaves(rel):
    """Paths to the relational leaves of an And/Or/Not tree."""
    if isinstance(rel, Relational):
        return [()]
    return [(i,) + p for i, a in enumerate(rel.args) for p in _leaves(a)]


def _get(rel, path):
    for i in path:
        rel = rel.args[i]
    return rel


def _put(rel, path, new):
    if not path:
        return new
    args = list(rel.args)
    args[path[0]] = _put(args[path[0]], path[1:], new)
    return rel.func(*args)


def _rel_mutations(rel, table):
    out = []
    for path in _leaves(rel):
        leaf = _get(rel, path)
        f = table.get(leaf.rel_op)
        if f is not None:
            out.append((path, _put(rel, path, f(leaf.lhs, leaf.rhs, evaluate=False))))
    return out


def _tag(path):
    return "" if not path else "[" + ".".join(map(str, path)) + "]"


def mutate(ob: Obligation, step_id: str) -> list[Mutant]:
    """Every mutant of ``ob`` (module docstring).  Mutants that SymPy collapses to a constant or
    that are no longer well-formed obligations are skipped (they cannot be stated)."""
    found: list[tuple[str, str, object, tuple]] = []
    concl, hyps = ob.conclusion, list(ob.hypotheses)
    parts = [("concl", concl)] + [(f"hyp{i + 1}", h) for i, h in enumerate(hyps)]

    def with_part(name, new):
        if name == "concl":
            return new, tuple(hyps)
        i = int(name[3:]) - 1
        return concl, tuple(hyps[:i] + [new] + hyps[i + 1:])

    for name, part in parts:
        for c in constants_of(part):
            for label, f in FACTORS:
                new = _replace_const(part, c, c * f)
                found.append((f"scale:{name}:{c}{label}", "perturbation", *with_part(name, new)))
    for path, new in _rel_mutations(concl, _FLIP):
        found.append((f"flip{_tag(path)}", "reversal", new, tuple(hyps)))
    for path, new in _rel_mutations(concl, _STRICT):
        found.append((f"strict{_tag(path)}", "strengthening", new, tuple(hyps)))
    for path, new in _rel_mutations(concl, _NEGATE):
        found.append((f"negate{_tag(path)}", "negation", new, tuple(hyps)))
    for i, h in enumerate(hyps):
        for path, new in _rel_mutations(h, _FLIP):
            found.append((f"hyp-flip:{i + 1}{_tag(path)}", "perturbation", concl,
                          tuple(hyps[:i] + [new] + hyps[i + 1:])))
        for path, new in _rel_mutations(h, _STRICT):
            found.append((f"hyp-strict:{i + 1}{_tag(path)}", "weakening", concl,
                          tuple(hyps[:i] + [new] + hyps[i + 1:])))
        found.append((f"drop-hyp:{i + 1}", "strengthening", concl, tuple(hyps[:i] + hyps[i + 1:])))

    out, seen = [], {ob.key()}
    for op, kind, c, hs in found:
        try:
            m = Obligation(c, hs, ob.domain)
        except LawauditError:
            continue
        if m.key() in seen:          # e.g. scaling a constant SymPy folded away
            continue
        seen.add(m.key())
        out.append(Mutant(f"{step_id}#{op}", step_id, op, kind, m))
    return out


def step_mutants(results=None) -> list[tuple[str, Obligation, list[Mutant]]]:
    """``(step id, original obligation, mutants)`` for every step with an obligation, in paper order.

    ``results`` defaults to :func:`derivations.all_results` (so results added later are covered).
    """
    if results is None:
        from derivations import all_results
        results = all_results()
    out = []
    for res in results:
        for step in res.steps:
            if step.obligation is None:
                continue
            sid = res.step_id(step.slug)
            out.append((sid, step.obligation, mutate(step.obligation, sid)))
    return out
