"""Write a derivation the way the proof reads: variables and constants once, steps linked by handles.

A derivation module builds one :class:`Proof`, declares the paper's variables once
(:meth:`Proof.vars`) and its constants once, as symbols (:meth:`Proof.constant`), then states each
step as the relation it checks (:meth:`Proof.step`, :meth:`Proof.cite`, :meth:`Proof.repair`).
Everything compiles to the objects the audit already runs (:class:`~symbolic.proof.Step`,
:class:`~symbolic.proof.Result`, :class:`~symbolic.proof.Template`,
:class:`~symbolic.proof.Parameter`), so verdicts, reports and repair propagation do not change:

* a step's :class:`~symbolic.domain.Domain` is the declared variables its relations mention, in
  the declared order (the constants' variables follow, in declaration order);
* a step whose relations mention a declared constant is a :class:`~symbolic.proof.Template` (its
  own constant first: ``own=``, else the first mentioned in declaration order); one that mentions
  none is a plain obligation;
* a repair is the repaired step re-checked at new constant ``values`` (every other constant at the
  paper's value), with optional added hypotheses or a changed conclusion;
* a step is linked to the steps it uses by their :class:`Handle` s; a cited step's ``gives`` are
  relations later steps take as hypotheses (``given=``).

Example
-------
>>> proof = Proof("lemma-9.9", "Lemma 9.9", statement="x^2 <= x", location="Section 9",
...               proof_location="Section 9, proof")
>>> x, = proof.vars("x: real, 0 <= x <= 1")
>>> K = proof.constant("K: real, 0 < K <= 2", "lemma-9.9:K", 1, "larger")
>>> sq = proof.step("square", x**2 <= K * x, quote="x^2 <= x", rule="x <= 1")
>>> sq.step.template.parameters[0].name
'lemma-9.9:K'
>>> fixed = proof.repair(sq, values={K: 2}, rule="a weaker constant")
>>> fixed.step.obligation.text()
'x**2 <= 2*x'
>>> [s.slug for s in proof.result().steps]
['square', 'square-repaired']
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterable, Mapping

import sympy

from .domain import Domain, Obligation, Var
from .errors import DerivationError, LawauditError
from .findings import Finding
from .kernel import Citation
from .proof import Parameter, Result, Step, Template, substitute

__all__ = ["Proof", "Handle"]


@dataclass(frozen=True)
class Handle:
    """What :meth:`Proof.step` returns: the compiled :class:`~symbolic.proof.Step`, its result's id,
    the relations it states (``conclusion``, ``hypotheses``, before the constants are set) and what
    it ``gives`` later steps as hypotheses (``given=``).

    ``handle.id`` is ``"<result-id>/<slug>"``; pass the handle itself to ``depends_on=``,
    ``given=``, :meth:`Proof.repair` or :meth:`Proof.finding`.
    """

    result_id: str
    step: Step
    conclusion: object = None
    hypotheses: tuple = ()
    gives: tuple = ()
    variables: tuple | None = None
    where: tuple = ()

    @property
    def slug(self) -> str:
        return self.step.slug

    @property
    def id(self) -> str:
        return f"{self.result_id}/{self.step.slug}"


def _relations(rel) -> tuple:
    """``rel`` as a tuple of relations (one relation, or an iterable of them)."""
    if rel is None:
        return ()
    if isinstance(rel, (list, tuple)):
        return tuple(rel)
    return (rel,)


class Proof:
    """One result under construction: its variables, its constants and its steps in order.

    Parameters
    ----------
    id, title, statement, location : as :class:`~symbolic.proof.Result` (``location`` is where the
        result is stated).
    proof_location : where its proof is (the default ``location`` of a step).
    order, summary : as :class:`~symbolic.proof.Result`.

    Raises
    ------
    DerivationError
        From the methods: a variable declared twice, a relation over an undeclared symbol, a
        handle of an unknown step, a repair value for a constant the step does not use.

    Example
    -------
    >>> p = Proof("lemma-9.8", "Lemma 9.8", statement="...", location="Section 9")
    >>> eps, n = p.vars("eps: real, 0 < eps < 1", "n: integer, n >= 1")
    >>> p.step("bound", eps**2 <= eps, quote="eps^2 <= eps", rule="eps < 1").step.obligation.variables()
    ('eps',)
    """

    def __init__(self, id: str, title: str, *, statement: str, location: str, proof_location: str | None = None,
                 order: float = 0.0, summary: str = ""):
        self.id, self.title, self.statement, self.location = id, title, statement, location
        self.proof_location = proof_location or location
        self.order, self.summary = order, summary
        self._vars: dict[sympy.Symbol, Var] = {}        # declared variables, in order
        self._consts: dict[sympy.Symbol, tuple] = {}    # constant symbol -> (Var, Parameter), in order
        self._handles: list[Handle] = []

    # -- declarations ----------------------------------------------------------------------------
    def _declare(self, spec) -> Var:
        var = Var.parse(spec) if isinstance(spec, str) else spec
        taken = {v.name for v in self._vars.values()} | {v.name for v, _ in self._consts.values()}
        if var.name in taken:
            raise DerivationError(f"{self.id}: {var.name} is declared twice (declare each symbol once per result)")
        return var

    def vars(self, *specs: str) -> tuple:
        """Declare the result's variables once; returns their SymPy symbols, in order.

        ``specs`` are :meth:`~symbolic.domain.Var.parse` specs (``"eps: real, 0 < eps < 1"``).

        Raises
        ------
        DerivationError
            A name declared twice in this result.  (A malformed spec raises ``DomainError``.)

        >>> Proof("lemma-9.7", "L", statement="s", location="x").vars("a: positive", "k: integer, k >= 1")
        (a, k)
        """
        out = []
        for spec in specs:
            var = self._declare(spec)
            self._vars[var.symbol] = var
            out.append(var.symbol)
        return tuple(out)

    def constant(self, spec: str, name: "str | Parameter", value=None, weaker_when: str = "larger", *,
                 audited_as: str | None = None, headline: bool = False) -> sympy.Symbol:
        """Declare a constant of the paper once, as a symbol; returns the symbol.

        ``spec`` declares the symbol and its range (the bracket the tightest-constant search looks
        in), e.g. ``"k60: real, k60 > 0"``.  ``name`` is the constant's shared name
        (``"theorem-3:60"``; steps of any result sharing it share repairs), or an existing
        :class:`~symbolic.proof.Parameter` of another result (then ``value`` and the rest come from
        it).  ``value``, ``weaker_when``, ``audited_as`` (the :class:`~symbolic.proof.Constant` name)
        and ``headline`` are as :class:`~symbolic.proof.Parameter`.

        Raises
        ------
        DerivationError
            A name declared twice, a missing or inexact value, or a bad ``weaker_when``.

        >>> p = Proof("lemma-9.6", "L", statement="s", location="x")
        >>> K = p.constant("K: real, K > 0", "lemma-9.6:K", 3)
        >>> p.parameter(K).value
        3
        """
        var = self._declare(spec)
        if isinstance(name, Parameter):
            param = replace(name, symbol=var.name)
        else:
            if value is None:
                raise DerivationError(f"{self.id}: constant {name} needs the paper's value")
            param = Parameter(var.name, name, value, weaker_when, constant=audited_as, headline=headline)
        self._consts[var.symbol] = (var, param)
        return var.symbol

    def parameter(self, symbol: sympy.Symbol) -> Parameter:
        """The :class:`~symbolic.proof.Parameter` declared for a constant ``symbol``."""
        if symbol not in self._consts:
            raise DerivationError(f"{self.id}: {symbol} is not a declared constant")
        return self._consts[symbol][1]

    def value(self, symbol: sympy.Symbol):
        """The paper's value of a declared constant (to write it where the step does not vary it)."""
        return self.parameter(symbol).value

    # -- compiling relations ---------------------------------------------------------------------
    def _domain_vars(self, slug: str, exprs: Iterable) -> tuple[list, list]:
        """(variables, constants) that ``exprs`` mention, each in declaration order.

        Raises DerivationError naming an undeclared symbol."""
        free = set().union(*[sympy.sympify(e).free_symbols for e in exprs]) if exprs else set()
        unknown = free - set(self._vars) - set(self._consts)
        if unknown:
            names = ", ".join(sorted(str(s) for s in unknown))
            declared = {v.name for v in self._vars.values()} | {v.name for v, _ in self._consts.values()}
            hint = " (declared with other assumptions: use the symbol proof.vars returned)" \
                if any(str(s) in declared for s in unknown) else ""
            raise DerivationError(f"{self.id}/{slug}: undeclared symbol(s) {names}{hint}")
        return ([v for s, v in self._vars.items() if s in free],
                [s for s in self._consts if s in free])

    def _parameters(self, slug: str, consts: list, own, weaker: Mapping, audited_as: Mapping) -> tuple:
        """The template's parameters: ``own`` first, then the rest in declaration order."""
        for s in [own, *weaker, *audited_as]:
            if s is not None and s not in consts:
                raise DerivationError(f"{self.id}/{slug}: {s} is not a constant this step's relations use")
        order = ([own] if own is not None else []) + [s for s in consts if s != own]
        out = []
        for s in order:
            p = self._consts[s][1]
            if s in weaker:
                p = replace(p, weaker_when=weaker[s])
            if s in audited_as:
                p = replace(p, constant=audited_as[s])
            out.append(p)
        return tuple(out)

    def _compile(self, slug: str, conclusion, hypotheses: tuple, *, own=None, weaker=None, audited_as=None,
                 variables=None, where=None) -> dict:
        """``{"obligation": ...}`` or ``{"template": ...}`` for the relations (empty if none)."""
        if conclusion is None:
            if hypotheses:
                raise DerivationError(f"{self.id}/{slug}: hypotheses without a conclusion")
            return {}
        vs, consts = self._domain_vars(slug, (conclusion, *hypotheses))
        if variables is not None:
            vs = self._ordered(slug, variables, vs)
        cvars = [self._consts[s][0] for s in consts]            # in declaration order
        if where:
            vs, cvars, rels = self._narrowed(slug, dict(where), vs, cvars, (conclusion, *hypotheses))
            conclusion, hypotheses = rels[0], rels[1:]
        try:
            if not consts:
                if own or weaker or audited_as:
                    raise DerivationError(f"{self.id}/{slug}: own/weaker/audited_as given, but the step uses no constant")
                return {"obligation": Obligation(conclusion, hypotheses, Domain(tuple(vs)))}
            params = self._parameters(slug, consts, own, weaker or {}, audited_as or {})
            cvars = tuple(cvars)
            return {"template": Template(Obligation(conclusion, hypotheses, Domain(tuple(vs) + cvars)), params)}
        except DerivationError:
            raise
        except LawauditError as exc:
            raise DerivationError(f"{self.id}/{slug}: {exc}") from None

    def _narrowed(self, slug: str, where: dict, vs: list, cvs: list, relations: tuple):
        """``where`` maps declared variables (or constants) to the range this step takes them in (a spec
        of the same name, e.g. ``{d: "d: integer, 2 <= d <= 2"}``, or the integer values of a real): the
        step's variables, its constants' variables and its relations with those symbols renamed."""
        subs, vs, cvs = {}, list(vs), list(cvs)
        for sym, spec in where.items():
            old = self._vars.get(sym) or (self._consts[sym][0] if sym in self._consts else None)
            var = Var.parse(spec) if isinstance(spec, str) else spec
            group = vs if old in vs else cvs
            if old is None or old not in group or var.name != old.name:
                raise DerivationError(f"{self.id}/{slug}: where= restricts a variable the step uses, keeping its "
                                      f"name; got {spec!r} for {sym}")
            group[group.index(old)] = var
            subs[sym] = var.symbol
        with sympy.evaluate(False):       # a renaming of symbols: keep the relations' structure as written
            return vs, cvs, tuple(r.xreplace(subs) for r in relations)

    def _ordered(self, slug: str, variables, used: list) -> list:
        """``variables`` (declared symbols) as the step's variables, in that order: every variable the
        relations use, and possibly others of the setting the obligation is stated over (a
        counterexample then names them too)."""
        unknown = [str(v) for v in variables if v not in self._vars]
        missing = [v.name for v in used if v.symbol not in set(variables)]
        if unknown or missing or len(set(variables)) != len(variables):
            raise DerivationError(f"{self.id}/{slug}: variables= must list declared variables, each once, including "
                                  f"every one the step uses ({', '.join(v.name for v in used)})")
        return [self._vars[v] for v in variables]

    def _deps(self, slug: str, refs) -> list[str]:
        """Handles (or ``"<other-result>/<slug>"`` strings) as ``depends_on`` entries."""
        out = []
        for r in refs:
            if isinstance(r, Handle):
                if r.result_id == self.id and r not in self._handles:
                    raise DerivationError(f"{self.id}/{slug}: depends on a step not added to this proof: {r.slug}")
                out.append(r.slug if r.result_id == self.id else r.id)
            elif isinstance(r, str) and "/" in r:
                out.append(r)
            else:
                raise DerivationError(f"{self.id}/{slug}: depends_on takes step handles (or 'result-id/slug' "
                                      f"of another result), got {r!r}")
        return out

    def obligation(self, conclusion, hypotheses=(), *, variables=None, where: Mapping | None = None) -> Obligation:
        """An :class:`~symbolic.domain.Obligation` over the declared variables, for a step's field that
        takes one directly (an asymptotic step's ``family``); constants are not allowed here.

        >>> p = Proof("lemma-9.3", "L", statement="s", location="x")
        >>> x, = p.vars("x: real, x >= 1")
        >>> p.obligation(x ** 2 >= x).text()
        'x**2 >= x'
        """
        out = self._compile("obligation", conclusion, _relations(hypotheses), variables=variables, where=where)
        if "obligation" not in out:
            raise DerivationError(f"{self.id}: an obligation given directly may not use constants")
        return out["obligation"]

    # -- steps ---------------------------------------------------------------------------------
    def step(self, slug: str, conclusion=None, hypotheses=(), *, quote: str, rule: str, given=(), depends_on=(),
             gives=(), own=None, weaker: Mapping | None = None, audited_as: Mapping | None = None,
             variables=None, where: Mapping | None = None, location: str | None = None, before: Handle | None = None,
             **fields) -> Handle:
        """Add a step checking *hypotheses imply conclusion*; returns its :class:`Handle`.

        ``given``: handles whose ``gives`` are appended to the hypotheses (and which the step
        depends on, before ``depends_on``).  ``gives``: relations this step gives later
        steps.  ``own``: the step's own constant (its template's first parameter); ``weaker`` /
        ``audited_as``: per-use ``weaker_when`` / Constant name of a constant (``{K: "smaller"}``).
        ``variables``: the obligation's variables in order, when they differ from the used ones in
        the declared order.  ``where``:
        ranges this step takes declared variables (or constants: their search bracket) in
        (``{d: "d: integer, 2 <= d <= 2"}``, a case of the proof; same name).  ``before``:
        list the step before that step (e.g. a statement checked from steps stated after it).  Other
        ``fields`` go to :class:`~symbolic.proof.Step` (``label``, ``kind``, ``citation``,
        ``constants``, ``claim`` - by default the obligation's LaTeX - ...).

        Raises
        ------
        DerivationError
            An undeclared symbol (named), an unknown handle, or what :class:`~symbolic.proof.Step`
            rejects.

        >>> p = Proof("lemma-9.5", "L", statement="s", location="x")
        >>> t, = p.vars("t: positive")
        >>> a = p.step("a", t**2 + 1 >= 2*t, quote="q", rule="r", gives=t**2 >= 2*t - 1)
        >>> b = p.step("b", t**2 + 2 >= 2*t, quote="q", rule="r", given=(a,))
        >>> b.step.depends_on, b.step.obligation.text()
        (['a'], 't**2 >= 2*t - 1  ==>  t**2 + 2 >= 2*t')
        """
        hyps = _relations(hypotheses) + tuple(h for g in given for h in g.gives)
        if isinstance(fields.get("repairs"), Handle):          # a repair with its own argument names its step
            fields["repairs"] = self._deps(slug, [fields["repairs"]])[0]
        compiled = self._compile(slug, conclusion, hyps, own=own, weaker=weaker, audited_as=audited_as,
                                 variables=variables, where=where)
        deps = self._deps(slug, (*given, *depends_on))
        try:
            step = Step(slug=slug, quote=quote, rule=rule, location=location or self.proof_location,
                        depends_on=deps, **compiled, **fields)
        except TypeError as exc:
            raise DerivationError(f"{self.id}/{slug}: {exc}") from None
        handle = Handle(self.id, step, conclusion, hyps, _relations(gives),
                        None if variables is None else tuple(variables), tuple((where or {}).items()))
        if before is not None and before not in self._handles:
            raise DerivationError(f"{self.id}/{slug}: before= names a step not added to this proof: {before.slug}")
        self._handles.insert(self._handles.index(before) if before is not None else len(self._handles), handle)
        return handle

    def cite(self, citation: Citation, slug: str, conclusion=None, hypotheses=(), **kw) -> Handle:
        """Use an external result ``citation`` as a step: its instance (optional relations, checked
        like any step) and what it ``gives`` later steps (``gives=``, taken with ``given=``).

        >>> from symbolic.kernel import Citation
        >>> C = Citation(key="k", name="n", statement="s", source="src")
        >>> p = Proof("lemma-9.4", "L", statement="s", location="x")
        >>> q, = p.vars("q: real, 0 <= q <= 1")
        >>> c = p.cite(C, "tool", quote="by the tool", rule="as stated", gives=q <= 1)
        >>> c.step.citation.key, c.gives
        ('k', (q <= 1,))
        """
        return self.step(slug, conclusion, hypotheses, citation=citation, **kw)

    def repair(self, of: Handle, slug: str | None = None, *, values: Mapping | None = None, conclusion=None,
               hypotheses=None, extra_hypotheses=(), rule: str, **fields) -> Handle:
        """The step ``of`` re-checked as a repair (kind ``repaired``, slug ``<slug>-repaired``).

        Its relations are ``of``'s (``conclusion`` / ``hypotheses`` replace them where the repair's
        argument differs, ``extra_hypotheses`` are added) with every constant set: ``values`` maps
        constant symbols to the repaired values, the others take the paper's.  ``quote``,
        ``location``, ``label``, ``citation``, ``depends_on``, ``variables`` and ``where`` default to
        ``of``'s.  With ``keeps_constant=True`` only ``values`` are set and the repair stays a template
        in the other constants (re-checked by the propagation).

        Raises
        ------
        DerivationError
            A value for a symbol that is no constant of the repaired relations, or an unknown step.
        """
        if of not in self._handles:
            raise DerivationError(f"{self.id}: repair of a step not added to this proof: {of.slug}")
        concl = of.conclusion if conclusion is None else conclusion
        hyps = (of.hypotheses if hypotheses is None else _relations(hypotheses)) + _relations(extra_hypotheses)
        values = dict(values or {})
        used = set().union(*[sympy.sympify(e).free_symbols for e in (concl, *hyps)]) if concl is not None else set()
        bad = [s for s in values if s not in self._consts or s not in used]
        if bad:
            raise DerivationError(f"{self.id}/{slug or of.slug + '-repaired'}: repair values for "
                                  f"{', '.join(map(str, bad))}, which the repaired relations use as no constant")
        if concl is not None:     # a repair that keeps its constant stays a template in the others
            keep = fields.get("keeps_constant")
            subs = {s: sympy.nsimplify(values.get(s, p.value)) for s, (_, p) in self._consts.items()
                    if s in used and (s in values or not keep)}
            concl, hyps = substitute(concl, subs), tuple(substitute(h, subs) for h in hyps)
            used = set().union(*[sympy.sympify(e).free_symbols for e in (concl, *hyps)])
        s = of.step
        inherit = {"quote": s.quote, "location": s.location, "label": s.label, "citation": s.citation}
        for k, v in inherit.items():
            fields.setdefault(k, v)
        if of.variables is not None and "variables" not in fields:   # the same order, if the same variables
            used_vars = set().union(*[sympy.sympify(e).free_symbols for e in (concl, *hyps)]) - set(self._consts)
            if used_vars <= set(of.variables):
                fields["variables"] = of.variables
        if of.where and "where" not in fields:      # the same cases, for the symbols the repair still uses
            fields["where"] = {k: v for k, v in of.where if k in used}
        if "depends_on" not in fields and "given" not in fields:
            fields["depends_on"] = [self._handle(d) if "/" not in d else d for d in s.depends_on]
        return self.step(slug or f"{s.slug}-repaired", concl, hyps, rule=rule, kind="repaired", repairs=s.slug,
                         **fields)

    def _handle(self, slug: str) -> Handle:
        return next(h for h in self._handles if h.slug == slug)

    # -- the result ----------------------------------------------------------------------------
    def finding(self, slug: str, cls: str, title: str, *, steps=(), repaired_by=(), **kw) -> Finding:
        """A :class:`~symbolic.findings.Finding` whose ``steps``/``repaired_by`` are handles."""
        return Finding(slug, cls, title, steps=self._deps(slug, steps), repaired_by=self._deps(slug, repaired_by), **kw)

    def result(self, findings=()) -> Result:
        """The compiled :class:`~symbolic.proof.Result` (steps in the order they were added)."""
        return Result(id=self.id, title=self.title, statement=self.statement, location=self.location,
                      steps=[h.step for h in self._handles], order=self.order, summary=self.summary,
                      findings=tuple(findings))
