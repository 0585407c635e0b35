"""The verdict vocabulary (docs/design.md, "Verdicts") and the records backends return.

One vocabulary everywhere: kernel, JSON, notebooks, CLI.

>>> worst(["proved", "evidence", "cited"])
'evidence'
>>> worst(["proved", "refuted"])
'refuted'
"""
from __future__ import annotations

from dataclasses import dataclass, field, asdict
from typing import Iterable

__all__ = ["VERDICTS", "SOUND_BACKENDS", "Certificate", "Evidence", "Outcome", "Verdict", "worst",
           "describe_evidence"]

#: Every verdict, from the worst to the best.  ``worst`` of a result is its first step verdict here.
VERDICTS = ("refuted", "vacuous", "unknown", "evidence", "cited", "proved")

#: Backends whose ``proved`` is a proof.  Sampling and Monte Carlo are never among them.
SOUND_BACKENDS = frozenset({"sympy", "z3", "arb"})


def worst(verdicts: Iterable[str]) -> str:
    """The worst verdict of a collection (``proved`` for an empty one)."""
    vs = list(verdicts)
    for v in vs:
        if v not in VERDICTS:
            raise ValueError(f"worst: {v!r} is not a verdict; verdicts are {', '.join(VERDICTS)}")
    return min(vs, key=VERDICTS.index) if vs else "proved"


@dataclass(frozen=True)
class Certificate:
    """What a backend hands the kernel so that ``replay`` can re-check a verdict.

    ``backend`` names the procedure (``sympy``, ``z3``, ``arb``, ``mpmath-sampling``, ...);
    ``data`` is JSON-serialisable (an identity's residual, the SMT-LIB query, the boxes).
    """

    backend: str
    verdict: str
    data: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"backend": self.backend, "verdict": self.verdict, "data": self.data}


@dataclass(frozen=True)
class Evidence:
    """Sampling figures: how many points satisfied the hypotheses, and the tightest one.

    ``points`` counts every point tried; ``feasible`` those of the regime that satisfy the
    hypotheses.  ``min_margin`` is the smallest *relative* margin there (for ``a <= b``:
    ``(b - a) / (|a| + |b|)``), as text with at most 4 significant digits, computed at ``dps``
    digits at an exact point; ``argmin`` maps the obligation's own variables to short values at
    that point; ``regime`` maps them to ``[lo, hi]`` (exact text, finite), the box the points
    were drawn from.  ``stress`` gives ``points``, ``min_margin`` and ``argmin`` of the points
    drawn beyond the regime (reported apart; ``None`` when there were none).  ``exhaustive``
    says that the regime is finite (integers, fixed values) and every point of it was checked;
    ``undecided`` counts points left out because the float pre-screen could not decide their
    hypotheses and the budget of mpmath re-decisions was spent (they are in ``points`` only).
    """

    points: int
    feasible: int
    min_margin: str | None
    argmin: dict | None
    dps: int
    regime: dict | None = None
    stress: dict | None = None
    exhaustive: bool = False
    undecided: int = 0

    def to_json(self) -> dict:
        return asdict(self)


def describe_evidence(ev) -> str:
    """One line for sampling figures (an :class:`Evidence` or its JSON): how many points satisfy the
    hypotheses, where they were drawn (the regime), the smallest relative margin and where, and
    the stress points beyond the regime.  Every output (reports, explain, check, notebooks) uses it.

    >>> describe_evidence(Evidence(2000, 1500, "0.25", {"x": "1/2"}, 50, {"x": ["0", "1"]}))
    'sampling (50 digits): 1500 of 2000 points satisfy the hypotheses, drawn with 0 <= x <= 1; smallest relative margin 0.25 at x = 1/2'
    """
    ev = ev.to_json() if isinstance(ev, Evidence) else dict(ev)
    regime = ev.get("regime") or {}
    where = ", ".join(f"{k} = {lo}" if lo == hi else f"{lo} <= {k} <= {hi}" for k, (lo, hi) in regime.items())
    every = "every point of the finite regime: " if ev.get("exhaustive") else ""
    text = (f"sampling ({ev['dps']} digits): {every}{ev['feasible']} of {ev['points']} points satisfy the "
            f"hypotheses" + (f", drawn with {where}" if where else ""))
    if ev.get("min_margin") is None:
        return text + "; no margin evaluated"
    text += f"; smallest relative margin {ev['min_margin']}"
    if ev.get("argmin"):
        text += " at " + ", ".join(f"{k} = {v}" for k, v in ev["argmin"].items())
    if ev.get("undecided"):
        text += f" ({ev['undecided']} points left undecided)"
    stress = ev.get("stress") or {}
    if stress.get("points") and stress.get("min_margin") is not None:
        text += (f"; {stress['points']} stress points beyond the regime, smallest relative margin "
                 f"{stress['min_margin']}")
    return text


@dataclass(frozen=True)
class Outcome:
    """One backend's answer to one obligation."""

    backend: str
    verdict: str                       # proved | refuted | evidence | vacuous | unknown
    detail: str = ""
    counterexample: dict | None = None  # name -> exact value as text
    certificate: Certificate | None = None
    evidence: Evidence | None = None
    seconds: float = 0.0

    def to_json(self) -> dict:
        return {"backend": self.backend, "verdict": self.verdict, "detail": self.detail,
                "counterexample": self.counterexample,
                "certificate": None if self.certificate is None else self.certificate.to_json(),
                "evidence": None if self.evidence is None else self.evidence.to_json(),
                "seconds": round(self.seconds, 4)}


@dataclass(frozen=True)
class Verdict:
    """The verdict on one obligation, as :func:`symbolic.check` returns it.

    Attributes
    ----------
    verdict : one of :data:`VERDICTS`.
    method : the backend that decided it (``sympy``, ``z3``, ``arb``, ``mpmath-sampling``).
    detail : one line a reader can act on.
    counterexample : variable -> exact value (text), for ``refuted``.
    evidence : the sampling figures (always present: every obligation is sampled).
    certificate : what ``replay`` re-checks.
    outcomes : every backend's answer, in the order they ran.
    seconds : wall time spent (not part of the deterministic report).
    """

    verdict: str
    method: str
    detail: str
    counterexample: dict | None
    evidence: Evidence | None
    certificate: Certificate | None
    outcomes: tuple[Outcome, ...] = ()
    seconds: float = 0.0

    def __bool__(self):
        raise TypeError("a Verdict has no truth value; compare v.verdict == 'proved' explicitly")

    def to_json(self) -> dict:
        return {"verdict": self.verdict, "method": self.method, "detail": self.detail,
                "counterexample": self.counterexample,
                "evidence": None if self.evidence is None else self.evidence.to_json(),
                "certificate": None if self.certificate is None else self.certificate.to_json(),
                "outcomes": [o.to_json() for o in self.outcomes],
                "seconds": round(self.seconds, 4)}
