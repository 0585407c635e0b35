"""One obligation -> one self-contained Coq file (statement generated, proof script generated).

The statement (:func:`statement`) is::

    forall (v_x : R) (v_n : Z),
      range premises -> hypotheses -> definedness of the hypotheses ->
      (definedness of the conclusion /\\ conclusion)

Every variable ``x`` is bound as ``v_x`` (so that names such as ``R`` or ``exp`` cannot clash
with Coq's); an integer variable is a ``Z`` used through ``IZR``.  The hypotheses presuppose
that they are defined (as the engine reads them); the conclusion must be proved defined (the
engine's ``proved`` says so).  The file carries a digest of the obligation and the statement
(:func:`digest`), so that :mod:`symbolic.coq.runner` can refuse a file altered after export.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

import sympy

from ..domain import Obligation
from .prelude import prelude
from .script import proof_script
from .terms import NotExportable, Translator, definedness

__all__ = ["Exported", "statement", "export", "digest", "THEOREM", "NotExportable"]

THEOREM = "lawaudit_step"


@dataclass(frozen=True)
class Exported:
    """A generated file: ``text`` (the whole ``.v``), its ``statement`` and ``digest``; ``text`` is
    three comment lines, then ``prelude`` (imports, lemmas, tactics), then ``theorem`` (the
    ``Theorem`` with its proof)."""

    text: str
    statement: str
    digest: str
    prelude: str
    theorem: str


def _parts(ob: Obligation):
    """``(binders, premises, goal, translator)`` of the statement, as Coq texts."""
    pinned = {v.name: v.lo for v in ob.domain if v.lo is not None and v.lo == v.hi}
    tr = Translator({v.name: v.kind for v in ob.domain}, pinned)
    binders = " ".join(f"(v_{v.name} : {'Z' if v.kind == 'integer' else 'R'})" for v in ob.domain)
    ranges, hyps, concl = ob.domain.constraints(), list(ob.hypotheses), ob.conclusion
    hyp_defs = [d for h in hyps for d in definedness(h)]
    concl_defs = [d for d in definedness(concl) if d not in hyp_defs]
    premises = [tr.formula(x) for x in ranges + hyps + hyp_defs]
    goal_parts = [tr.formula(d) for d in concl_defs] + [tr.formula(concl)]
    goal = goal_parts[0] if len(goal_parts) == 1 else "(" + " /\\ ".join(goal_parts) + ")"
    return binders, premises, goal, tr


def statement(ob: Obligation) -> str:
    """The Coq proposition stating ``ob`` exactly; raises :class:`NotExportable`."""
    binders, premises, goal, _ = _parts(ob)
    body = "".join(f"\n  {p} ->" for p in premises) + f"\n  {goal}"
    return (f"forall {binders},{body}" if binders else body.strip())


def digest(ob: Obligation, stmt: str) -> str:
    """SHA-256 of the obligation's canonical key and the statement generated from it."""
    return hashlib.sha256((ob.key() + "\n" + stmt).encode()).hexdigest()


def export(ob: Obligation, step_id: str = "") -> Exported:
    """The whole ``.v`` file for ``ob``.

    Raises
    ------
    NotExportable
        The obligation uses a construct outside the fragment (the message says which).
    """
    binders, premises, goal, tr = _parts(ob)
    stmt = statement(ob)
    names = [f"v_{v.name}" for v in ob.domain]
    hyp_names = [f"H{i + 1}" for i in range(len(premises))]
    script, interval = proof_script(tr, names + hyp_names, [ob.conclusion, *ob.hypotheses])
    dig = digest(ob, stmt)
    head = (f"(* lawaudit: {_comment(step_id or 'obligation')} -- generated from the obligation; do not edit *)\n"
            f"(* lawaudit-digest: {dig} *)\n"
            f"(* obligation: {_comment(ob.text())} *)\n")
    pre, theorem = prelude(interval), f"\nTheorem {THEOREM} : {stmt}.\nProof.\n{script}\nQed.\n"
    return Exported(head + pre + theorem, stmt, dig, pre, theorem)


def _comment(text: str) -> str:
    """``text`` made safe inside a one-line Coq comment (no nested comment delimiters, strings or
    line breaks)."""
    return " ".join(text.replace("(*", "( *").replace("*)", "* )").replace('"', "'").split())
