"""The tightest value of a constant that a step's own argument supports (issue 5, item 1).

A step offers its constant as a :class:`~symbolic.proof.Parameter` of a
:class:`~symbolic.proof.Template` (or the engine infers one, :func:`infer_template`).  The search
looks for the strongest value ``K`` at which the step's obligation is still **proved**, and the
weakest value at which it is **refuted** next to it; both ends are decided by the ordinary sound
pipeline :func:`symbolic.check.check_obligation` (``proved`` only by SymPy / z3 / arb, ``refuted``
only with a re-verified counterexample).  Nothing is typed in:

1. the paper's value is checked;
2. a symbolic candidate: the boundary ``lhs - rhs = 0`` of the conclusion is solved for ``K`` with
   SymPy (``exp(a) <= exp(b)`` through ``a = b``; a hypothesis ``t = ...`` or ``t^2 = ...`` is
   substituted first); a solution free of the step's variables (e.g. the ``288`` of Hoeffding's
   exponent) is then checked like any other value -- a candidate is only ever a value to check;
3. otherwise an exact bisection on rationals, each probe the simplest rational in the middle half
   of the bracket, so that simple thresholds (``1/2``, ``1/4``) are hit exactly;
4. whenever a *simple* value (denominator <= 64) is proved, the value ``tol`` beyond it on the
   stronger side is checked: refuted there makes the bracket ``tol`` wide and the answer exact up
   to ``tol``.

Limits (said in every result): the search assumes the provable values form a half-line on the
parameter's weaker side (it certifies the two ends it reports, not monotonicity in between; when
its own probes contradict it, a proved value stronger than a refuted one, it reports
``non-monotone`` and no value);
an undecided probe (``evidence``/``unknown``) stops the search with the bracket reached so far.
The ``supported`` value reported is always the **proved** end, which is safe to use.

>>> import sympy
>>> from symbolic.domain import Domain, Obligation
>>> from symbolic.proof import Parameter, Template
>>> D = Domain.parse(["x: real, 0 <= x <= 1", "K: real, K >= 0"])
>>> x, K = D.symbols("x K")
>>> t = Template(Obligation(x * (1 - x) <= K, (), D), (Parameter("K", "demo:K", sympy.Rational(1, 3)),))
>>> r = tightest(t, "demo:K")
>>> r.proved, r.status
(1/4, 'loose')
"""
from __future__ import annotations

from dataclasses import dataclass, field

import sympy

from .check import SOUND_ORDER, check_obligation
from .domain import Domain, Obligation, Var
from .errors import LawauditError
from .proof import Parameter, Step, Template

__all__ = ["Probe", "Tightest", "tightest", "infer_template", "step_template", "simplest_between",
           "constant_audit", "TOL", "MAX_PROBES"]

#: relative width at which a bracket counts as exact
TOL = sympy.Rational(1, 2 ** 20)
#: probes per search (each is one call of the check pipeline)
MAX_PROBES = 10
_SIMPLE_DEN = 64
_CACHE: dict = {}


def simplest_between(lo, hi) -> sympy.Rational:
    """The rational with the smallest denominator (then numerator) in the closed ``[lo, hi]``.

    >>> simplest_between(sympy.Rational(5, 12), sympy.Rational(7, 12))
    1/2
    >>> simplest_between(sympy.Rational(-3, 2), sympy.Rational(-4, 3))
    -3/2
    """
    lo, hi = sympy.Rational(lo), sympy.Rational(hi)
    if lo > hi:
        raise LawauditError(f"simplest_between: empty interval [{lo}, {hi}]")
    if lo <= 0 <= hi:
        return sympy.Integer(0)
    if hi < 0:
        return -simplest_between(-hi, -lo)
    fl = sympy.floor(lo)
    if fl == lo:
        return lo
    if fl + 1 <= hi:
        return sympy.Integer(fl + 1)
    return fl + 1 / simplest_between(1 / (hi - fl), 1 / (lo - fl))


@dataclass(frozen=True)
class Probe:
    """One certified look at the step with the constant set to ``value``."""

    value: sympy.Rational
    verdict: str
    method: str
    counterexample: dict | None = None

    def to_json(self) -> dict:
        return {"value": sympy.sstr(self.value), "verdict": self.verdict, "method": self.method,
                "counterexample": self.counterexample}


@dataclass
class Tightest:
    """The outcome of a search for one parameter.

    ``proved`` is the strongest value proved (safe to use), ``refuted`` the weakest value refuted
    next to it (``None`` when none was found); the true threshold lies between them.  ``exact`` is
    true when the bracket is at most ``TOL`` (relative) wide.  ``status`` compares the paper's
    value with ``proved``: ``holds`` (equal and exact), ``loose`` (the paper's value is proved
    and a stronger one too; ``slack`` = the ratio >= 1), ``fails`` (the paper's value is refuted)
    ``proved-not-tight`` (the paper's value is proved but nothing stronger was refuted close to it) or ``unknown`` (the paper's value was not decided).
    """

    parameter: Parameter
    claimed: sympy.Basic
    proved: sympy.Rational | None
    refuted: sympy.Rational | None
    exact: bool
    method: str
    probes: list = field(default_factory=list)
    template_source: str = "declared"
    note: str = ""

    @property
    def claimed_verdict(self) -> str:
        for p in self.probes:
            if p.value == self.claimed:
                return p.verdict
        return "unknown"

    @property
    def status(self) -> str:
        cv = self.claimed_verdict
        if cv == "refuted":
            return "fails"
        if cv != "proved" or self.proved is None:
            return "unknown"
        if self.proved == self.claimed:
            return "holds" if self.exact else "proved-not-tight"
        return "loose"

    @property
    def slack(self):
        c, s = self.claimed, self.proved
        if s is None or s == 0 or c == 0:
            return None
        r = sympy.Abs(c / s)
        return r if r >= 1 else 1 / r

    def detail(self) -> str:
        p = self.parameter
        if self.proved is None:
            return (f"{p.constant}: no value proved ({self.method}); the paper's {sympy.sstr(self.claimed)} is "
                    f"{self.claimed_verdict}")
        where = (f"threshold in ({sympy.sstr(self.refuted)}, {sympy.sstr(self.proved)}]"
                 if self.refuted is not None and self.refuted < self.proved else
                 f"threshold in [{sympy.sstr(self.proved)}, {sympy.sstr(self.refuted)})"
                 if self.refuted is not None else "no value tried on the stronger side was refuted")
        return (f"{p.constant}: paper {sympy.sstr(self.claimed)}, tightest proved {sympy.sstr(self.proved)} "
                f"({where}; {self.method}; {len(self.probes)} probes) -> {self.status}")

    def to_json(self) -> dict:
        slack = self.slack
        return {"parameter": self.parameter.name, "constant": self.parameter.constant,
                "claimed": sympy.sstr(self.claimed),
                "proved": None if self.proved is None else sympy.sstr(self.proved),
                "refuted": None if self.refuted is None else sympy.sstr(self.refuted),
                "exact": self.exact, "status": self.status, "method": self.method,
                "slack": None if slack is None else sympy.sstr(slack),
                "weaker_when": self.parameter.weaker_when, "template": self.template_source,
                "probes": [q.to_json() for q in self.probes], "detail": self.detail(), "note": self.note}


# -- templates --------------------------------------------------------------------------------------

def _count(expr, value) -> int:
    return sum(1 for node in sympy.preorder_traversal(expr) if node.is_Number and node == value)


def infer_template(step: Step, step_id: str = "") -> Template | None:
    """A template for a step that declares :class:`~symbolic.proof.Constant` s but no template.

    For each constant ``c`` (claimed value), the conclusion must contain exactly one number among
    ``c, 1/c, -c, -1/c`` (and no other copy of them); that number is replaced by ``K, 1/K, -K, -1/K``.
    The parameter is local to the step (name ``"<step-id>:<constant name>"``), so it is never
    propagated to other steps: sharing a constant needs a declared template.  Returns ``None``
    when no constant can be placed unambiguously.
    """
    ob = step.obligation
    if ob is None or not step.constants:
        return None
    conclusion, extra, params = ob.conclusion, [], []
    used = set(ob.domain.names())
    for i, c in enumerate(step.constants):
        v = c.claimed
        if not v.is_Rational or v == 0:
            continue
        forms = {v: lambda k: k, 1 / v: lambda k: 1 / k, -v: lambda k: -k, -1 / v: lambda k: -1 / k}
        hits = [(val, f) for val, f in forms.items() if _count(conclusion, val)]
        total = sum(_count(conclusion, val) for val in forms)
        if len(hits) != 1 or total != 1:
            continue
        name = "K" if "K" not in used else f"K{i}"
        while name in used:
            name += "_"
        used.add(name)
        var = Var(name, "real", 0, None, True, False) if v > 0 else Var(name, "real", None, 0, False, True)
        k = var.symbol
        val, form = hits[0]
        conclusion = conclusion.xreplace({val: form(k)})
        extra.append(var)
        params.append(Parameter(name, f"{step_id}:{c.name}", v, c.weaker_when, constant=c.name))
    if not params:
        return None
    try:
        return Template(Obligation(conclusion, ob.hypotheses, Domain(ob.domain.vars + tuple(extra))), tuple(params))
    except LawauditError:
        return None


def step_template(step: Step, step_id: str = "") -> tuple[Template | None, str]:
    """The step's declared template, else an inferred one; with its source
    (``"declared"``, ``"inferred"`` or ``"none"``)."""
    if getattr(step, "template", None) is not None:
        return step.template, "declared"
    t = infer_template(step, step_id)
    return t, ("inferred" if t is not None else "none")


# -- the search -------------------------------------------------------------------------------------

def _candidates(template: Template, p: Parameter, values: dict) -> list:
    """Values of ``p`` where the conclusion's boundary does not depend on the step's variables."""
    others = {q.name: values.get(q.name, q.value) for q in template.parameters if q.name != p.name}
    ob = template.obligation
    smap = ob.domain.symbol_map()
    k = smap[p.symbol]
    subs = {smap[q.symbol]: sympy.nsimplify(v) for q in template.parameters if q.name != p.name
            for v in [others[q.name]]}
    rels = [ob.conclusion] if isinstance(ob.conclusion, sympy.core.relational.Relational) else []
    # equalities among the hypotheses that name a quantity (t = ..., t^2 = ...) are substituted,
    # so that the boundary is written in the step's free variables only
    defs = {}
    for h in ob.hypotheses:
        if isinstance(h, sympy.Eq):
            for a, b in ((h.lhs, h.rhs), (h.rhs, h.lhs)):
                if a.is_Symbol or (a.is_Pow and a.base.is_Symbol and a.exp.is_Integer):
                    defs.setdefault(a, b)
                    break
    out = []
    for rel in rels:
        lhs, rhs = rel.lhs, rel.rhs
        # exp and log are increasing: exp(a) <= exp(b) has the boundary a = b
        while isinstance(lhs, type(rhs)) and isinstance(lhs, (sympy.exp, sympy.log)):
            lhs, rhs = lhs.args[0], rhs.args[0]
        diff = (lhs - rhs).xreplace(defs).xreplace(subs)
        if sympy.count_ops(diff) > 120:
            continue
        try:
            sols = sympy.solve(sympy.Eq(diff, 0), k)
        except Exception:  # SymPy's solver raises many types on what it cannot do; then no candidate
            continue
        for s in sols if isinstance(sols, list) else []:
            s = sympy.nsimplify(s) if s.is_number else s
            if isinstance(s, sympy.Basic) and not s.free_symbols and s.is_Rational:
                out.append(s)
    return out


def _in_range(template: Template, p: Parameter, v) -> bool:
    return template.obligation.domain[p.symbol].contains(v)


def tightest(template: Template, parameter: str, values: dict | None = None, *, seed: int = 0, dps: int = 30,
             samples: int = 300, timeout: float = 5.0, max_probes: int = MAX_PROBES,
             template_source: str = "declared", known: dict | None = None) -> Tightest:
    """Search the tightest value of ``parameter`` (its name, symbol or constant name).

    Parameters
    ----------
    template : the step's :class:`~symbolic.proof.Template`.
    values : values of parameters (by name) to use instead of the paper's, e.g. repairs already
        made; the searched parameter's entry, if any, is the "claimed" value compared against.
    seed, dps, samples, timeout : passed to :func:`symbolic.check.check_obligation` for each probe.
    max_probes : at most this many pipeline calls.
    known : value -> verdict already established by the same pipeline on the same instance (the
        step's own run at the paper's value), reused instead of re-checked.

    Returns
    -------
    Tightest
        Certified ends (``proved``, ``refuted``), the probes made and the status.

    Raises
    ------
    DerivationError
        If ``parameter`` is not a parameter of the template.

    The search's phases are the methods of :class:`_Search`: the values already known, the paper's
    value and the symbolic candidates; a proved value towards the weak end of the bracket; a refuted
    one towards the strong end; bisection between the two certified ends.
    """
    p = template.parameter(parameter)
    values = dict(values or {})
    claimed = sympy.nsimplify(values.get(p.name, p.value))
    key = (template.obligation.key(), tuple(sorted((q.to_json()["name"], q.to_json()["value"]) for q in template.parameters)),
           p.name, tuple(sorted((k, sympy.sstr(v)) for k, v in values.items())), seed, dps, samples, max_probes,
           tuple(sorted((sympy.sstr(k), v) for k, v in (known or {}).items())))
    if key not in _CACHE:
        search = _Search(template, p, values, claimed, dict(seed=seed, dps=dps, samples=samples, timeout=timeout),
                         max_probes)
        search.start(known or {})
        search.find_proved()
        search.find_refuted()
        search.bisect()
        _CACHE[key] = search.result(template_source)
    hit = _CACHE[key]
    return Tightest(p, hit.claimed, hit.proved, hit.refuted, hit.exact, hit.method, list(hit.probes),
                    template_source, hit.note)


class _Search:
    """One tightest-constant search: the probes made and the certified ends so far (``P`` the strongest
    proved value, ``R`` the weakest refuted one, in the order ``d * value``)."""

    def __init__(self, template: Template, p: Parameter, values: dict, claimed, check: dict, max_probes: int):
        self.template, self.p, self.values, self.claimed = template, p, values, claimed
        self.check, self.max_probes = check, max_probes
        self.d = 1 if p.weaker_when == "larger" else -1          # d * value grows towards weaker
        self.probes: list[Probe] = []
        self.seen: dict = {}
        self.P = self.R = None
        self.method, self.stop = "bisection", ""
        self.step_ = max(abs(claimed), sympy.Integer(1)) if claimed.is_Rational else sympy.Integer(1)

    def probe(self, v):
        """The verdict at ``v`` (each value checked once; ``None`` when out of range or out of probes)."""
        v = sympy.Rational(v)
        if v in self.seen:
            return self.seen[v]
        if len(self.probes) >= self.max_probes or not _in_range(self.template, self.p, v):
            return None
        ob = self.template.instantiate({**self.values, self.p.name: v})
        # SymPy's exact backend factors expressions, which explodes on exp(x/q) with a large q
        # (it rewrites them as powers of exp(x/lcm)); z3 and arb stay sound and fast there.
        # The MetiTarski backend is for an auditor's own statements: a probe left undecided by the
        # others is only not certified, and the search makes dozens of them.
        order = tuple(b for b in SOUND_ORDER if b != "metitarski" and (b != "exact" or v.q <= _SIMPLE_DEN))
        ver = check_obligation(ob, **self.check, backends=order)
        pr = Probe(v, ver.verdict, ver.method, ver.counterexample)
        self.probes.append(pr)
        self.seen[v] = pr.verdict
        return pr.verdict

    def note(self, v, verdict):
        d = self.d
        if verdict == "proved" and (self.P is None or d * v < d * self.P):
            self.P = v
        elif verdict == "refuted" and (self.R is None or d * v > d * self.R):
            self.R = v

    def probe_and_note(self, v, tight: bool = True):
        """Probe ``v``, record a decided verdict, and after a proof look just beyond it."""
        verdict = self.probe(v)
        if verdict in ("proved", "refuted"):
            self.note(v, verdict)
            if verdict == "proved" and tight:
                self.tight_probe(v)
        return verdict

    def tight_probe(self, v):
        """After a simple value is proved, look ``tol`` beyond it on the stronger side."""
        if v is None or sympy.Rational(v).q > _SIMPLE_DEN:
            return
        w = v - self.d * TOL * max(1, abs(v))
        if self.R is not None and self.d * w <= self.d * self.R:
            return
        verdict = self.probe(w)
        if verdict in ("proved", "refuted"):
            self.note(w, verdict)

    def start(self, known: dict):
        """The verdicts already established, the paper's value, then the symbolic candidates."""
        for v, verdict in known.items():      # verdicts already established (the step's own run)
            v = sympy.Rational(v)
            if verdict in ("proved", "refuted") and v not in self.seen:
                self.probes.append(Probe(v, verdict, "step verdict"))
                self.seen[v] = verdict
        if self.claimed.is_Rational:
            self.probe_and_note(self.claimed)
        for c in _candidates(self.template, self.p, self.values):
            if (self.P is not None and c == self.P) or not _in_range(self.template, self.p, c):
                continue
            if self.probe_and_note(c) == "proved":
                self.method = "symbolic candidate, certified"

    def _ends(self):
        lo, hi = self.template.bracket(self.p)
        return (hi, lo) if self.d == 1 else (lo, hi)

    def find_proved(self):
        """A proved value: the weak end of the bracket if closed, else halfway towards a bounded weak
        end, else doubling away from the paper's value."""
        weak_end, _ = self._ends()
        var = self.template.obligation.domain[self.p.symbol]
        weak_open = var.hi_open if self.d == 1 else var.lo_open
        tries = 0
        while self.P is None and tries < 6 and len(self.probes) < self.max_probes:
            base = self.R if self.R is not None else (self.claimed if self.claimed.is_Rational else sympy.Integer(1))
            if weak_end is None:
                v = base + self.d * self.step_ * 2 ** tries
            elif tries == 0 and not weak_open:
                v = weak_end
            else:
                v = weak_end + (base - weak_end) / 2 ** tries
                v = simplest_between(*sorted((v, v + (base - v) / 4)))
            tries += 1
            if self.probe_and_note(v, tight=False) is None:
                break

    def find_refuted(self):
        """Walk from the strongest proved value towards the strong end of the bracket until a value is
        refuted: the end itself when it is in range, else halfway towards it (an open end such as K > 0)."""
        _, strong_end = self._ends()
        k = 0
        while self.R is None and self.P is not None and len(self.probes) < self.max_probes and k < 6:
            k += 1
            P = self.P
            if strong_end is not None and _in_range(self.template, self.p, strong_end) and strong_end not in self.seen:
                v = strong_end
            elif strong_end is not None:
                v = simplest_between(*sorted((strong_end + (P - strong_end) / 4, strong_end + 3 * (P - strong_end) / 4)))
            else:
                v = P - self.d * self.step_ * 2 ** (k - 1)
            if v == P or v in self.seen or not _in_range(self.template, self.p, v):
                break
            if self.probe_and_note(v) not in ("proved", "refuted"):
                break

    def bisect(self):
        """Bisection between the certified ends, until they are ``TOL`` apart."""
        while self.P is not None and self.R is not None and len(self.probes) < self.max_probes:
            width = abs(self.P - self.R)
            if width <= TOL * max(1, abs(self.P)):
                break
            a, b = sorted((self.P, self.R))
            m = simplest_between(a + width / 4, b - width / 4)
            verdict = self.probe_and_note(m)
            if verdict not in ("proved", "refuted"):
                self.stop = f"stopped: the value {sympy.sstr(m)} was {verdict or 'not checked'}"
                break

    def result(self, template_source: str) -> Tightest:
        d, probes = self.d, self.probes
        proved_v = [q.value for q in probes if q.verdict == "proved"]
        refuted_v = [q.value for q in probes if q.verdict == "refuted"]
        if proved_v and refuted_v and min(d * v for v in proved_v) <= max(d * v for v in refuted_v):
            # a proved value on the stronger side of a refuted one: the parameter does not behave as a
            # constant with this direction (e.g. an inferred template replaced another copy of the number)
            return Tightest(self.p, self.claimed, None, None, False, "non-monotone", probes, template_source,
                            "the probes contradict the declared direction (a proved value is stronger than a "
                            "refuted one); no tightest value is reported")
        P, R = self.P, self.R
        exact = bool(P is not None and R is not None and abs(P - R) <= TOL * max(1, abs(P)))
        method = "undecided" if P is None else self.method
        stop = self.stop
        if len(probes) >= self.max_probes and not exact and not stop:
            stop = f"stopped after {self.max_probes} probes"
        return Tightest(self.p, self.claimed, P, R, exact, method, probes, template_source, stop)


def clear_cache() -> None:
    """Forget memoised searches (they are keyed by obligation, values and settings)."""
    _CACHE.clear()


def constant_audit(step: Step, step_id: str, verdict: str | None = None, **settings) -> list[Tightest]:
    """Search the constants of the step's template (declared, else inferred): every parameter of an
    inferred one; of a declared one, its own constant (the first parameter) and any parameter whose
    ``constant`` names one of the step's :class:`~symbolic.proof.Constant` s.

    ``verdict`` is the step's own verdict at the paper's values; it is reused for the paper's
    value when the template reproduces the step's obligation exactly (same canonical key).
    Returns one :class:`Tightest` per parameter (empty when the step has no template).
    """
    t, src = step_template(step, step_id)
    if t is None:
        return []
    out = []
    same = step.obligation is not None and t.instantiate().key() == step.obligation.key()
    named = {c.name for c in step.constants}
    # a declared template's own constant (its first parameter) and every parameter the step audits
    # as a Constant; its other parameters are inputs, audited by the steps that state them
    wanted = [p for i, p in enumerate(t.parameters) if src != "declared" or i == 0 or p.constant in named]
    for p in wanted:
        known = {p.value: verdict} if same and verdict in ("proved", "refuted") else None
        out.append(tightest(t, p.name, template_source=src, known=known, **settings))
    return out
