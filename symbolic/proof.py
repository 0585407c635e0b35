"""How a paper's result is written down: :class:`Result`, :class:`Step`, :class:`Constant`.

A derivation module builds one :class:`Result` whose steps follow the paper's order.  Each
step quotes the paper (``quote``, ``location``, ``label``), says why it should hold
(``rule``, ``citation``), and carries the obligation a backend decides.  Nothing here decides
anything: :mod:`symbolic.audit` runs the steps.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Sequence

import sympy

from .domain import Domain, Obligation
from .errors import DerivationError
from .findings import Finding
from .kernel import Citation

__all__ = ["Constant", "Step", "Result", "KINDS", "READINGS", "Parameter", "Template", "substitute", "Finding"]

KINDS = ("verbatim", "repaired", "derived")
#: How a step's sentence is read (a referee's reading): exactly, as an order of magnitude or an
#: approximation (``tolerance`` says how close), or as an informal heuristic (its constants are
#: remarks, not claims), or as an asymptotic claim (checked along a family of parameters, never
#: refuted at a point).
READINGS = ("exact", "approximate", "informal", "asymptotic")


@dataclass(frozen=True)
class Constant:
    """A numeric constant a step states, against the value the cited tools support.

    Parameters
    ----------
    name : as the paper writes it, e.g. ``"8^3"``.
    claimed : the paper's value (exact).
    supported : the tightest value the step's own argument supports, **computed** by the engine
        from the cited statement (never typed in).
    weaker_when : ``"larger"`` if a larger value makes the paper's claim weaker (e.g. the 8³ in
        ``exp(-n eps^2 / 8^3)``), ``"smaller"`` otherwise.

    ``status`` is ``holds`` (equal), ``loose`` (claimed on the weaker side; ``slack`` is the ratio
    claimed/supported or its inverse, >= 1) or ``fails`` (the claim is stronger than supported);
    a stronger claim is ``approximate`` instead when it is within the relative ``tolerance`` of an
    order-of-magnitude sentence, and a ``remark`` when the sentence is ``informal``.  ``differs``
    gives the reason when the engine's tightest certified value is not ``supported``.
    """

    name: str
    claimed: object
    supported: object
    weaker_when: str = "larger"
    tolerance: object = None      # relative: |claimed/supported - 1| <= tolerance reads as "approximate"
    informal: bool = False        # a constant of an informal sentence: a mismatch is a "remark"
    differs: str = ""             # why the engine's tightest value is not the supported one, if it is not

    def __post_init__(self):
        if self.weaker_when not in ("larger", "smaller"):
            raise DerivationError(f"Constant {self.name}: weaker_when must be 'larger' or 'smaller'")
        if self.tolerance is not None:
            object.__setattr__(self, "tolerance", sympy.nsimplify(self.tolerance))
        for attr in ("claimed", "supported"):
            v = sympy.nsimplify(getattr(self, attr)) if not isinstance(getattr(self, attr), sympy.Basic) \
                else getattr(self, attr)
            if v.free_symbols:
                raise DerivationError(f"Constant {self.name}: {attr} value {v} still has symbols {v.free_symbols}")
            object.__setattr__(self, attr, v)

    @property
    def status(self) -> str:
        c, s = self.claimed, self.supported
        if sympy.simplify(c - s) == 0:
            return "holds"
        larger = bool((c - s).is_positive) if (c - s).is_positive is not None else None
        if larger is None:
            raise DerivationError(f"Constant {self.name}: cannot compare {c} with {s} exactly")
        if larger == (self.weaker_when == "larger"):
            return "loose"
        if self.informal:
            return "remark"
        if self.tolerance is not None and s != 0 and bool(abs(c / s - 1) <= self.tolerance):
            return "approximate"
        return "fails"

    @property
    def slack(self):
        c, s = self.claimed, self.supported
        if s == 0 or c == 0:
            return None
        r = c / s
        return r if r >= 1 else 1 / r

    def to_json(self) -> dict:
        slack = self.slack
        out = {"name": self.name, "claimed": sympy.sstr(self.claimed), "supported": sympy.sstr(self.supported),
               "status": self.status, "weaker_when": self.weaker_when,
               "slack": None if slack is None else sympy.sstr(slack)}
        if self.tolerance is not None:
            out["tolerance"] = sympy.sstr(self.tolerance)
        if self.differs:
            out["differs"] = self.differs
        return out


@dataclass
class Step:
    """One step of a proof.

    ``obligation`` is what is checked.  A step with a ``citation`` and no obligation is the use of
    an external theorem (verdict ``cited``).  ``kind`` is ``verbatim`` (what the paper says),
    ``derived`` (a link the paper leaves implicit) or ``repaired`` (a corrected version of the
    step named in ``repairs``).

    A step given a ``template`` and no ``obligation`` checks the template at the paper's values
    (:meth:`Template.instantiate`); its constants are then shared with every step, of any result,
    whose template uses a :class:`Parameter` of the same name, and repairs propagate through them.

    ``independent_of`` names shared parameters (``"theorem-2:8^4"``) that the step's argument uses
    but its obligation does not mention, because it is checked for every value of them (e.g. a
    union bound stated over all exponents ``A, B > 0``): a repair of those constants leaves its
    verdict standing, and the propagation says so instead of calling it stale.  Declaring it also
    says that the step involves no other shared constant (it is then never listed as stale).

    ``adds_hypotheses`` (repaired steps): the hypotheses the repair adds to the result's statement, in
    plain words (e.g. ``"eps <= 44 W J"``); the repaired statement quotes them ("provided ...").

    ``changes_statement`` (repaired steps): the constants of the result's statement the repair changes,
    in plain words (e.g. ``"a -> Phi_a is 2-Lipschitz, not 1-Lipschitz"``), when they are not shared
    parameters the propagation moves itself.

    ``keeps_constant`` (repaired steps): the repair proves the step's conclusion with the step's own
    constant (its template's first parameter) at the paper's value, by a better argument (e.g. a
    sharper cited tool).  It must be written through a template that has every parameter of the
    repaired step the propagation moves; while that template is proved under the moved values, the
    propagation lets it stand in and does not move the constant.

    ``experiment`` is for claims no obligation captures (a statement about every neural network, a
    probability simulated by Monte Carlo): a function ``(seed) -> Outcome`` whose verdict is
    ``evidence`` or ``refuted`` (never ``proved``; a refutation must carry its re-checked
    counterexample).  A step with an obligation is decided by it; its experiment is then extra
    evidence shown beside the verdict.

    ``reading`` is how a referee reads the sentence: ``exact``; ``approximate`` (an
    order-of-magnitude sentence, the obligation is its approximate reading and ``tolerance`` says how
    close, in words; a verbatim step that fails read exactly keeps that verdict, and the approximate
    reading is a repaired step beside it); ``informal`` (a heuristic: its constants are compared with the formal
    tools as remarks, never as failures); ``asymptotic`` (an O, Omega, e^{-Omega(d)} claim: when
    ``family`` is given it is the statement that the claimed bound fails along the family of
    parameters ``family_text``, for every value of the hidden constant; a sound proof of it refutes
    the step, with the family as counterexample; otherwise the step is ``unknown``).
    """

    slug: str
    quote: str
    location: str
    rule: str
    obligation: Obligation | None = None
    label: str | None = None
    kind: str = "verbatim"
    claim: str | None = None              # LaTeX; defaults to the obligation's
    citation: Citation | None = None
    depends_on: Sequence[str] = ()
    implicit_assumptions: Sequence[str] = ()
    constants: Sequence[Constant] = ()
    repairs: str | None = None
    on_failure: str = ""
    notes: str = ""
    template: "Template | None" = None   # the obligation with its constants as parameters (optional)
    independent_of: Sequence[str] = ()    # parameter names the obligation holds for every value of
    adds_hypotheses: Sequence[str] = ()   # a repair's new hypotheses on the result's statement (plain text)
    keeps_constant: bool = False          # a repair that keeps the repaired step's own constant (see below)
    changes_statement: Sequence[str] = ()  # a repair's changed constants of the result's statement (plain text)
    experiment: Callable | None = None    # (seed: int) -> Outcome: numeric evidence (see above)
    reading: str = "exact"                # one of READINGS
    tolerance: str = ""                   # approximate reading: how close, in words ("relative error 1/10")
    family: Obligation | None = None      # asymptotic reading: "along this family the claimed bound fails"
    family_text: str = ""                 # the family in words ("n = 1 fixed, d -> oo")

    def __post_init__(self):
        if self.obligation is None and self.template is not None:
            # a step written through a template checks it at the paper's values
            self.obligation = self.template.instantiate()
        elif self.obligation is not None and self.template is not None \
                and self.template.instantiate().key() != self.obligation.key():
            raise DerivationError(f"Step {self.slug}: its template at the paper's values is not its obligation; "
                                  f"give the template alone (the obligation is then derived from it)")
        if self.kind not in KINDS:
            raise DerivationError(f"Step {self.slug}: kind {self.kind!r} is not one of {', '.join(KINDS)}")
        if self.keeps_constant and self.template is None:
            raise DerivationError(f"Step {self.slug}: a repair that keeps a constant is written through a template "
                                  f"(so that it is re-checked with the constants the propagation moves)")
        if (self.keeps_constant or self.changes_statement) and self.kind != "repaired":
            raise DerivationError(f"Step {self.slug}: only a repaired step keeps or changes the statement's constants")
        if self.adds_hypotheses and self.kind != "repaired":
            raise DerivationError(f"Step {self.slug}: only a repaired step adds hypotheses (adds_hypotheses)")
        if self.kind == "repaired" and not self.repairs:
            raise DerivationError(f"Step {self.slug}: a repaired step must name the step it repairs")
        if self.family is not None and (self.reading != "asymptotic" or not self.family_text):
            raise DerivationError(f"Step {self.slug}: a family (with family_text) is given only to an asymptotic reading")
        if self.obligation is None and self.citation is None and self.experiment is None and self.family is None:
            raise DerivationError(f"Step {self.slug}: needs an obligation to check, a citation or an experiment")
        if not self.quote.strip():
            raise DerivationError(f"Step {self.slug}: needs the paper's text in quote")
        if self.reading not in READINGS:
            raise DerivationError(f"Step {self.slug}: reading {self.reading!r} is not one of {', '.join(READINGS)}")
        if self.reading == "approximate" and not self.tolerance:
            raise DerivationError(f"Step {self.slug}: an approximate reading states its tolerance (tolerance=...)")

    def claim_latex(self) -> str:
        if self.claim:
            return self.claim
        if self.obligation is not None:
            return self.obligation.latex()
        return self.citation.statement if self.citation is not None else self.quote


@dataclass
class Result:
    """One result of the paper (a lemma, a theorem, a definition) with its proof steps in order."""

    id: str
    title: str
    statement: str
    location: str
    steps: list[Step] = field(default_factory=list)
    order: float = 0.0
    summary: str = ""
    findings: Sequence["Finding"] = ()   # root causes of its failing steps (symbolic.findings)

    def __post_init__(self):
        if not re.fullmatch(r"[a-z]+-[0-9a-z.]+", self.id or ""):
            raise DerivationError(f"Result {self.id!r}: ids are kind-number in lower case, e.g. lemma-2.1")
        bad = [s.slug for s in self.steps if not re.fullmatch(r"[a-z0-9-]+", s.slug)]
        if bad:
            raise DerivationError(f"Result {self.id}: step ids use lower-case letters, digits and '-' only: {bad}")
        slugs = [s.slug for s in self.steps]
        dup = {s for s in slugs if slugs.count(s) > 1}
        if dup:
            raise DerivationError(f"Result {self.id}: duplicate step ids {sorted(dup)}")
        known = set(slugs)
        for s in self.steps:
            for dep in s.depends_on:
                if "/" not in dep and dep not in known:
                    raise DerivationError(f"Result {self.id}: step {s.slug} depends on unknown step {dep!r}")
            if s.repairs and s.repairs not in known:
                raise DerivationError(f"Result {self.id}: step {s.slug} repairs unknown step {s.repairs!r}")
        for f in self.findings:
            bad = [x for x in (*f.steps, *f.repaired_by) if "/" not in x and x not in known]
            if bad:
                raise DerivationError(f"Result {self.id}: finding {f.slug} names unknown steps {bad}")

    def step_id(self, slug: str) -> str:
        return f"{self.id}/{slug}"


# -- constants as parameters: what the tightest-constant search and repair propagation use ----------

@dataclass(frozen=True)
class Parameter:
    """A constant of the paper that a step's obligation is written through.

    Parameters
    ----------
    symbol : name of the variable that stands for the constant in the :class:`Template`'s
        obligation (declared there as a real variable; its declared range is the search bracket).
    name : the constant's shared name.  Steps (of any result) whose templates use the same
        ``name`` share the constant, so a repair of it is substituted into all of them.  Use
        ``"<result-id>:<NAME>"``, e.g. ``"lemma-2.1:CLAIMED_CORR"``.
    value : the paper's value (exact).
    weaker_when : ``"larger"`` if a larger value makes the step weaker (easier to prove),
        ``"smaller"`` otherwise.  The search assumes the provable values form a half-line on that
        side and reports the two certified ends it found, never more.
    constant : the :class:`Constant` name it is audited under (defaults to ``name``).
    headline : ``True`` for a constant of a result's statement (e.g. Theorem 3's ``2^9``): the
        audit reports whether it survives the repairs.

    Raises
    ------
    DerivationError
        If ``weaker_when`` is not ``"larger"``/``"smaller"`` or ``value`` is not an exact number.
    """

    symbol: str
    name: str
    value: object
    weaker_when: str = "larger"
    constant: str | None = None
    headline: bool = False

    def __post_init__(self):
        if self.weaker_when not in ("larger", "smaller"):
            raise DerivationError(f"Parameter {self.name}: weaker_when must be 'larger' or 'smaller'")
        v = self.value if isinstance(self.value, sympy.Basic) else sympy.nsimplify(self.value)
        if v.free_symbols or not v.is_number or v.has(sympy.Float):
            raise DerivationError(f"Parameter {self.name}: value {self.value!r} is not an exact number")
        object.__setattr__(self, "value", v)
        if self.constant is None:
            object.__setattr__(self, "constant", self.name)

    def to_json(self) -> dict:
        return {"symbol": self.symbol, "name": self.name, "value": sympy.sstr(self.value),
                "weaker_when": self.weaker_when, "constant": self.constant, "headline": self.headline}


def substitute(expr, values: dict):
    """``expr`` with symbols replaced by exact values, **without** letting SymPy decide relations.

    ``values`` maps SymPy symbols to numbers.  Relations are rebuilt with ``evaluate=False`` so that
    a substituted claim such as ``exp(-x/288) <= exp(-x/288)`` stays a claim for a backend to
    decide instead of collapsing to SymPy's ``True``.

    >>> x, K = sympy.symbols("x K", real=True)
    >>> substitute(x <= K * x, {K: 1})
    x <= x
    """
    if isinstance(expr, sympy.core.relational.Relational):
        return type(expr)(expr.lhs.xreplace(values), expr.rhs.xreplace(values), evaluate=False)
    if isinstance(expr, (sympy.And, sympy.Or, sympy.Not)):
        return type(expr)(*[substitute(a, values) for a in expr.args], evaluate=False)
    return expr.xreplace(values)


@dataclass(frozen=True)
class Template:
    """A step's obligation with some constants left as :class:`Parameter` s.

    The **first** parameter is the step's own constant (the one it states, e.g. the ``8^4`` of (2.3));
    a repair of the step moves only that one.  The others are its inputs (e.g. the split ``eps/6`` and
    the ``(t/9)^2`` that (2.3) is computed from), moved only by the steps that state them.

    ``obligation`` is an :class:`~symbolic.domain.Obligation` whose domain declares, besides the
    step's variables, one real variable per parameter (its range is where the tightest-constant
    search looks).  :meth:`instantiate` substitutes values and drops those variables, giving an
    ordinary obligation; with the paper's values it must be the step's own obligation.

    Raises
    ------
    DerivationError
        If a parameter's symbol is not declared in the obligation's domain, or two parameters
        share a symbol or a name.
    """

    obligation: Obligation
    parameters: tuple = ()

    def __post_init__(self):
        params = tuple(self.parameters)
        object.__setattr__(self, "parameters", params)
        names = self.obligation.domain.names()
        syms = [p.symbol for p in params]
        for p in params:
            if p.symbol not in names:
                raise DerivationError(f"Template: parameter {p.name} uses symbol {p.symbol!r}, which the "
                                      f"obligation's domain does not declare ({', '.join(names)})")
        if len(set(syms)) != len(syms) or len({p.name for p in params}) != len(params):
            raise DerivationError(f"Template: parameters must have distinct symbols and names: {syms}")

    def parameter(self, key: str) -> Parameter:
        """The parameter whose ``name``, ``symbol`` or ``constant`` is ``key``."""
        for p in self.parameters:
            if key in (p.name, p.symbol, p.constant):
                return p
        raise DerivationError(f"Template: no parameter {key!r}; "
                              f"parameters: {', '.join(p.name for p in self.parameters)}")

    def bracket(self, p: Parameter):
        """The declared search range ``(lo, hi)`` of ``p`` (``None`` for an infinite end)."""
        v = self.obligation.domain[p.symbol]
        return v.lo, v.hi

    def instantiate(self, values: dict | None = None) -> Obligation:
        """The obligation with every parameter set: ``values`` maps parameter names (or symbols)
        to exact numbers; missing ones take the paper's value."""
        values = dict(values or {})
        dom = self.obligation.domain
        smap = dom.symbol_map()
        subs = {}
        for p in self.parameters:
            v = values.get(p.name, values.get(p.symbol, p.value))
            subs[smap[p.symbol]] = v if isinstance(v, sympy.Basic) else sympy.nsimplify(v)
        keep = Domain(tuple(v for v in dom.vars if v.name not in {p.symbol for p in self.parameters}))
        ob = self.obligation
        return Obligation(substitute(ob.conclusion, subs), tuple(substitute(h, subs) for h in ob.hypotheses), keep)

    def to_json(self) -> dict:
        return {"obligation": self.obligation.to_json(), "parameters": [p.to_json() for p in self.parameters]}
