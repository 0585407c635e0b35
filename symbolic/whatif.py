"""What if a constant had another value?  Re-check a result with other values of its declared constants.

A researcher trying a variant of a proof changes a constant (``8^4 -> 2048``) and wants to know, step
by step, which steps still hold, which fail (with a counterexample) and whether the statement
survives.  :func:`what_if` re-checks every step of the result whose :class:`~symbolic.proof.Template`
uses one of the changed constants, through the same pipeline as the audit
(:func:`symbolic.check.check_obligation`); steps that do not use them are unaffected.

>>> import sympy
>>> from symbolic.domain import Domain, Obligation
>>> from symbolic.proof import Parameter, Result, Step, Template
>>> D = Domain.parse(["x: real, 0 <= x <= 1", "K: real, K > 0"])
>>> x, K = D.symbols("x K")
>>> P = Parameter("K", "demo:K", 2, "larger", constant="2")
>>> step = Step(slug="bound", quote="x^2 <= 2 x", location="demo", rule="x <= 1",
...             template=Template(Obligation(x**2 <= K * x, (), D), (P,)))
>>> R = Result(id="lemma-9.9", title="Lemma 9.9", statement="x^2 <= 2x", location="demo", steps=[step])
>>> print(what_if(R, {"2": sympy.Rational(1, 2)}, samples=200).summary())
With 2 = 1/2 (paper: 2): 1 of the 1 steps of Lemma 9.9 using it is no longer proved: bound (refuted); the proof does not give the statement with this value.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

import sympy

from .check import check_obligation
from .errors import LawauditError
from .proof import Parameter, Result

__all__ = ["what_if", "WhatIf", "declared_constants"]


def declared_constants(result: Result) -> dict[str, Parameter]:
    """The constants ``result``'s steps are written through: shared name -> :class:`Parameter`."""
    out: dict[str, Parameter] = {}
    for s in result.steps:
        if s.template is not None:
            for p in s.template.parameters:
                out.setdefault(p.name, p)
    return out


def _find(result: Result, key: str) -> Parameter:
    """The declared constant called ``key`` (its shared name, its audit label, its symbol, or the
    shared name without the result prefix, e.g. ``8^4`` for ``theorem-2:8^4``)."""
    params = declared_constants(result)
    hits = [p for p in params.values()
            if key in (p.name, p.constant, p.symbol) or p.name.split(":", 1)[-1] == key]
    unique = {p.name: p for p in hits}
    if len(unique) == 1:
        return next(iter(unique.values()))
    listing = "; ".join(f"{p.name.split(':', 1)[-1]} ({p.constant}, paper value {sympy.sstr(p.value)})"
                        for p in params.values()) or "none"
    if not unique:
        raise LawauditError(f"what_if: {result.id} declares no constant {key!r}; declared: {listing}")
    raise LawauditError(f"what_if: {key!r} names several constants of {result.id} "
                        f"({', '.join(sorted(unique))}); use the full name")


def _exact(key: str, value):
    """``value`` as an exact positive-or-any rational; a one-line error naming the constant otherwise."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str, sympy.Basic)) \
            and type(value).__name__ != "Fraction":
        raise LawauditError(f"what_if: the value of {key!r} must be a number such as 2048 or 1/8, got {value!r}")
    try:
        v = sympy.Rational(str(value)) if not isinstance(value, sympy.Basic) else value
    except (TypeError, ValueError):
        raise LawauditError(f"what_if: the value of {key!r} must be a number such as 2048 or 1/8, "
                            f"got {value!r}") from None
    if not v.is_Rational:
        raise LawauditError(f"what_if: the value of {key!r} must be an exact rational, got {value!r}")
    return v


@dataclass
class StepCheck:
    """One re-checked step: its verdict at the paper's values and at the new ones."""

    slug: str
    kind: str
    paper: str
    verdict: str
    method: str
    counterexample: dict | None


@dataclass
class WhatIf:
    """The outcome of :func:`what_if`: the new values, every re-checked step, and the verdict."""

    result: Result
    values: dict                      # Parameter -> new exact value
    steps: list[StepCheck] = field(default_factory=list)
    unaffected: list[str] = field(default_factory=list)

    @property
    def failing(self) -> list[StepCheck]:
        """Re-checked paper steps (not hand-written repairs) not proved at the new values; a step that
        was only sampled (evidence) at the paper's values and still is counts as unchanged."""
        def ok(s):
            return s.verdict in ("proved", "cited") or (s.verdict == "evidence" and s.paper == "evidence")
        return [s for s in self.steps if s.kind != "repaired" and not ok(s)]

    @property
    def holds(self) -> bool:
        return not self.failing

    def summary(self) -> str:
        """One sentence: the values tried, and whether every step of the result that uses them holds."""
        vals = ", ".join(f"{p.constant} = {sympy.sstr(v)} (paper: {sympy.sstr(p.value)})"
                         for p, v in self.values.items())
        used = [s for s in self.steps if s.kind != "repaired"]
        title = self.result.title
        if not used:
            return f"With {vals}: no step of {title} uses it; nothing changes."
        if self.holds:
            one = "the step" if len(used) == 1 else f"all {len(used)} steps"
            return (f"With {vals}: {one} of {title} using it still hold{'s' if len(used) == 1 else ''} "
                    f"({', '.join(s.slug for s in used)}); the statement survives this change.")
        names = ", ".join(f"{s.slug} ({s.verdict})" for s in self.failing)
        return (f"With {vals}: {len(self.failing)} of the {len(used)} steps of {title} using it "
                f"{'is' if len(self.failing) == 1 else 'are'} no longer proved: {names}; the proof does not "
                f"give the statement with this value.")

    def table(self) -> str:
        """Every re-checked step on one line: verdict at the paper's values -> at the new ones."""
        lines = [f"{'step':<40} {'kind':<9} {'paper':<9} {'now':<9} method / counterexample"]
        for s in self.steps:
            ce = ", ".join(f"{k} = {v}" for k, v in (s.counterexample or {}).items())
            lines.append(f"{s.slug:<40} {s.kind:<9} {s.paper:<9} {s.verdict:<9} {s.method}"
                         + (f"; counterexample {ce}" if ce else ""))
        if self.unaffected:
            lines.append(f"not using the changed constants (unchanged): {', '.join(self.unaffected)}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.table() + "\n" + self.summary()


def what_if(result: Result, values: Mapping[str, object], *, seed: int = 0, dps: int = 50,
            samples: int = 2000, timeout: float = 5.0) -> WhatIf:
    """Re-check ``result`` with other values of its declared constants.

    Parameters
    ----------
    result : a :class:`~symbolic.proof.Result` whose steps are written through templates.
    values : constant -> exact value (``{"8^4": 2048}`` or ``{"theorem-2:8^4": 2048}``); a constant
        is named by its shared name, the name without the result prefix, its audit label or its symbol.
    seed, dps, samples, timeout : the checking settings, by default the audit's (as
        :func:`symbolic.check.check`), so the "paper" column is the report's verdict.

    Returns
    -------
    WhatIf
        ``steps`` (each re-checked step with its verdict at the paper's values and at the new
        ones, and a counterexample where it fails), ``unaffected`` (steps not using the changed
        constants), ``holds``, :meth:`WhatIf.summary` and :meth:`WhatIf.table`.

    Raises
    ------
    LawauditError
        An unknown constant (the message lists the declared ones), or a value that is not an exact
        number.
    """
    if not values:
        raise LawauditError("what_if: give at least one constant and its value, e.g. {'8^4': 2048}")
    chosen = {}
    for key, value in values.items():
        chosen[_find(result, str(key))] = _exact(str(key), value)
    names = {p.name: v for p, v in chosen.items()}
    out = WhatIf(result, chosen)
    settings = dict(seed=seed, dps=dps, samples=samples, timeout=timeout)
    for s in result.steps:
        uses = s.template is not None and any(p.name in names for p in s.template.parameters)
        if not uses:
            out.unaffected.append(s.slug)
            continue
        paper = check_obligation(s.template.instantiate(), **settings)
        now = check_obligation(s.template.instantiate({n: v for n, v in names.items()
                                                       if any(p.name == n for p in s.template.parameters)}),
                               **settings)
        out.steps.append(StepCheck(s.slug, s.kind, paper.verdict, now.verdict, now.method, now.counterexample))
    return out
