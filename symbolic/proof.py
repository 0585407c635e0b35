"""How a paper's result is written down: :class:`Result`, :class:`Step`, :class:`Constant`.

A derivation module builds one :class:`Result` whose steps follow the paper's order.  Each
step quotes the paper (``quote``, ``location``, ``label``), says why it should hold
(``rule``, ``citation``), and carries the obligation a backend decides.  Nothing here decides
anything: :mod:`symbolic.audit` runs the steps.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

import sympy

from .domain import Obligation
from .errors import DerivationError
from .kernel import Citation

__all__ = ["Constant", "Step", "Result", "KINDS"]

KINDS = ("verbatim", "repaired", "derived")


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
    claimed/supported or its inverse, >= 1) or ``fails`` (the claim is stronger than supported).
    """

    name: str
    claimed: object
    supported: object
    weaker_when: str = "larger"

    def __post_init__(self):
        if self.weaker_when not in ("larger", "smaller"):
            raise DerivationError(f"Constant {self.name}: weaker_when must be 'larger' or 'smaller'")
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
        return "loose" if larger == (self.weaker_when == "larger") else "fails"

    @property
    def slack(self):
        c, s = self.claimed, self.supported
        if s == 0 or c == 0:
            return None
        r = c / s
        return r if r >= 1 else 1 / r

    def to_json(self) -> dict:
        slack = self.slack
        return {"name": self.name, "claimed": sympy.sstr(self.claimed), "supported": sympy.sstr(self.supported),
                "status": self.status, "weaker_when": self.weaker_when,
                "slack": None if slack is None else sympy.sstr(slack)}


@dataclass
class Step:
    """One step of a proof.

    ``obligation`` is what is checked.  A step with a ``citation`` and no obligation is the use of
    an external theorem (verdict ``cited``).  ``kind`` is ``verbatim`` (what the paper says),
    ``derived`` (a link the paper leaves implicit) or ``repaired`` (a corrected version of the
    step named in ``repairs``).
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

    def __post_init__(self):
        if self.kind not in KINDS:
            raise DerivationError(f"Step {self.slug}: kind {self.kind!r} is not one of {', '.join(KINDS)}")
        if self.kind == "repaired" and not self.repairs:
            raise DerivationError(f"Step {self.slug}: a repaired step must name the step it repairs")
        if self.obligation is None and self.citation is None:
            raise DerivationError(f"Step {self.slug}: needs an obligation to check or a citation")
        if not self.quote.strip():
            raise DerivationError(f"Step {self.slug}: needs the paper's text in quote")

    def claim_latex(self) -> str:
        if self.claim:
            return self.claim
        return self.obligation.latex() if self.obligation is not None else self.citation.statement


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

    def __post_init__(self):
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

    def step_id(self, slug: str) -> str:
        return f"{self.id}/{slug}"
