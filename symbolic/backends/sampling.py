"""Sampling backend: seeded evidence in each variable's regime, and a search for counterexamples.

Never proves anything.  For an :class:`~symbolic.domain.Obligation` it

1. draws exact points of the *regime* (:meth:`symbolic.domain.Var.regime_box`: the range the
   source works in) from a seeded integer generator (:mod:`symbolic.backends.points`); equality
   hypotheses are solved for one variable so that points satisfy them by construction
   (:mod:`symbolic.backends.equalities`), and z3 models given as ``seeds`` join the points;
2. pre-screens them in float64 (:mod:`symbolic.backends.margins`): a float decides a hypothesis
   only when it is clear of rounding, otherwise mpmath decides it at the exact point;
3. walks from the feasible points while staying feasible, until at least :data:`TARGET` points
   satisfy the hypotheses (thin feasible sets are reached from inside), then runs a descent
   towards the smallest margin;
4. draws *stress* points beyond the regime (huge magnitudes, extremely close to open ends),
   reported apart;
5. evaluates the tightest points at ``dps`` digits in mpmath, and re-checks every failing one
   in arb ball arithmetic (:mod:`symbolic.backends.arb_eval`) at exact rationals: only a point
   where every range and hypothesis is certainly true and the conclusion certainly false is a
   counterexample (verdict ``refuted``).

Everything reported is computed from exact points in mpmath or arb, so it is the same on every
CPU: the float path only ranks and filters, with rounding ties broken by the order of drawing.
Margins are relative (:mod:`symbolic.backends.margins`) and shown with 4 significant digits.

Source of the method: the arb check follows F. Johansson, "Arb: efficient arbitrary-precision
midpoint-radius interval arithmetic", IEEE Trans. Computers 66(8), 2017.

>>> import sympy
>>> from symbolic.domain import Domain, Obligation
>>> D = Domain.parse(["x: real, x > 0"])
>>> x = D.symbols("x")
>>> decide(Obligation(sympy.log(x) <= x - 2, (), D)).verdict
'refuted'
>>> ev = decide(Obligation(sympy.exp(x) >= 1 + x, (), D)).evidence
>>> ev.feasible >= 200, ev.regime
(True, {'x': ['0', '1000']})
"""
from __future__ import annotations

import itertools
import math
import time
from fractions import Fraction

import mpmath
import numpy as np
import sympy

from .. import memo
from ..definedness import definedness_conditions
from ..domain import Obligation
from ..errors import BackendError, LawauditError
from ..verdict import Certificate, Evidence, Outcome, describe_evidence
from . import arb_eval, exact_values
from .equalities import eliminate
from .margins import UNDECIDED, Margins
from .points import Axis, cloud, enumerate_all, is_stress, propose, stress_cloud

__all__ = ["decide", "feasible_point", "BACKEND", "TARGET"]

#: The name every Outcome of this backend carries.
BACKEND = "mpmath-sampling"
#: Feasible points the walk aims for (the evidence of a satisfiable step has at least 200).
TARGET = 400

_K_EXACT = 24          # tightest regime points evaluated at full precision
_K_STRESS = 8          # tightest stress points evaluated at full precision
_RESOLVE_DPS = 40      # precision of the re-decisions the float pre-screen leaves open
_MAX_RESOLVE = 2048    # at most this many re-decisions per call (beyond: left out, and said)
_WALK_BATCH = 512
_WALK_ROUNDS = 40
_DESCENT_STARTS = 6
_DESCENT_ROUNDS = 30
_MAX_REFUTE_TRIES = 40


class _Plan:
    """What is drawn (axes), what is solved (equalities), and the compiled margins."""

    def __init__(self, ob: Obligation, *, conclusion=True):
        hyps = list(ob.hypotheses)
        concl = ob.conclusion if conclusion else None
        used = set().union(*[h.free_symbols for h in hyps + ([concl] if concl is not None else [])])
        self.vars = [v for v in ob.domain.vars if v.symbol in used]
        syms = [v.symbol for v in self.vars]
        real = {v.symbol for v in self.vars if v.kind == "real"}
        self.solved, rest = eliminate(hyps, set(syms), real=real)
        solved_syms = {s for s, _ in self.solved}
        self.drawn = [v for v in self.vars if v.symbol not in solved_syms]
        self.axes = [Axis(v) for v in self.drawn]
        # drawn points lie in their ranges by construction; solved values are tested
        ranges = [c for v in self.vars if v.symbol in solved_syms for c in v.constraints()]
        self.symbols = [v.symbol for v in self.drawn] + [s for s, _ in self.solved]
        self.margins = Margins(self.symbols, concl, ranges + rest)
        drawn_syms = [v.symbol for v in self.drawn]
        self._np_roots = [[sympy.lambdify(drawn_syms, r, "numpy") for r in rs] for _, rs in self.solved]
        self._mp_roots = [[sympy.lambdify(drawn_syms, r, "mpmath") for r in rs] for _, rs in self.solved]
        self.solved_regimes = [next(v for v in self.vars if v.symbol == s).regime_box() for s, _ in self.solved]

    # a point: codes of the drawn variables, plus one root choice per solved variable
    def width(self):
        return len(self.axes) + len(self.solved)

    def floats(self, C):
        """Float values (rows in :attr:`symbols` order) of codes ``C`` and whether a solved value leaves its regime."""
        n = C.shape[1]
        drawn = [a.floats(C[i]) for i, a in enumerate(self.axes)]
        rows, outside = list(drawn), np.zeros(n, dtype=bool)
        for j, roots in enumerate(self._np_roots):
            choice = C[len(self.axes) + j].astype(int)
            with np.errstate(all="ignore"):
                vals = [np.broadcast_to(np.asarray(f(*drawn), dtype=float), (n,)) for f in roots] \
                    if drawn else [np.full(n, float(f())) for f in roots]
            v = np.choose(np.clip(choice, 0, len(vals) - 1), vals)
            lo, hi = self.solved_regimes[j]
            outside |= ~((v >= float(lo)) & (v <= float(hi)))
            rows.append(v)
        return np.array(rows).reshape(len(rows), n), outside

    def exact(self, code):
        """The exact point of one column of codes: SymPy numbers in :attr:`symbols` order."""
        drawn = [sympy.Rational(f.numerator, f.denominator)
                 for f in (a.exact(float(c)) for a, c in zip(self.axes, code))]
        env = dict(zip([v.symbol for v in self.drawn], drawn))
        out = list(drawn)
        for j, (_, roots) in enumerate(self.solved):
            root = roots[min(int(code[len(self.axes) + j]), len(roots) - 1)]
            out.append(root.xreplace(env))
        return tuple(out)

    def mp(self, code, dps):
        """The point at ``dps`` digits (mpmath numbers in :attr:`symbols` order)."""
        with mpmath.workdps(dps):
            drawn = [mpmath.mpf(f.numerator) / f.denominator
                     for f in (a.exact(float(c)) for a, c in zip(self.axes, code))]
            out = list(drawn)
            for j, roots in enumerate(self._mp_roots):
                f = roots[min(int(code[len(self.axes) + j]), len(roots) - 1)]
                try:
                    v = f(*drawn)
                    v = v.real if isinstance(v, mpmath.mpc) and v.imag == 0 else v
                except (ArithmeticError, ValueError, TypeError):
                    return None
                if not isinstance(v, mpmath.mpf) and not isinstance(v, (int, float)):
                    return None
                out.append(mpmath.mpf(v))
            return tuple(out)


class _Pool:
    """Every point tried, and the feasible ones with their rank (order of arrival breaks ties)."""

    def __init__(self, plan: _Plan):
        self.plan = plan
        self.seen: set = set()
        self.points = 0
        self.codes: list = []         # feasible columns
        self.rank: list = []
        self.stress: list = []
        self.resolved = 0
        self.exhaustive = False
        self.undecided = 0            # points left out: the float could not decide them, mpmath was not asked

    def add(self, C, resolve=True):
        """Add the columns of codes ``C``; returns ``[(column, pool index)]`` of the new feasible ones.

        Points whose hypotheses the float cannot decide are re-decided in mpmath (at most
        ``_MAX_RESOLVE`` per call of :func:`decide`); with ``resolve=False`` (the descent, a search)
        they are passed over."""
        plan = self.plan
        X, outside = plan.floats(C)
        keep = []
        d = len(plan.axes)
        rows = np.concatenate([X[:d], C[d:]], axis=0).T.tolist() if C.shape[1] else []
        seen = self.seen
        for j, row in enumerate(rows):       # the same point twice (a degenerate regime) counts once
            key = tuple(row)
            if key not in seen:
                seen.add(key)
                keep.append(j)
        if not keep:
            return []
        cols = np.array(keep)
        C, X, outside = C[:, cols], X[:, cols], outside[cols]
        self.points += C.shape[1]
        hyp, _, rank = plan.margins.floats(X)
        feasible = hyp == 1
        for j in np.nonzero(hyp == UNDECIDED)[0] if resolve else ():
            if self.resolved >= _MAX_RESOLVE:
                self.undecided += 1
                continue
            self.resolved += 1
            r = self._exact(C[:, j], _RESOLVE_DPS)
            feasible[j] = r is not None and r[0]
            if feasible[j]:
                rank[j] = float(r[1])
        stress = is_stress(plan.axes, C[:len(plan.axes)]) | outside
        out = []
        for j in np.nonzero(feasible)[0]:
            out.append((int(cols[j]), len(self.codes)))
            self.codes.append(C[:, j])
            self.rank.append(rank[j])
            self.stress.append(bool(stress[j]))
        return out

    def _exact(self, code, dps):
        return self.plan.margins.exact(lambda prec: self.plan.mp(code, prec), dps)

    def regime(self):
        return [j for j, s in enumerate(self.stress) if not s]

    def tightest(self, idx, k):
        """The ``k`` tightest of the feasible points ``idx`` by float rank (ties in arrival order), and
        the first ``k // 3`` that the float could not rank (margins within rounding of 0)."""
        ids = np.array(list(idx), dtype=np.int64)
        if not ids.size:
            return []
        r = np.array([self.rank[j] for j in ids.tolist()], dtype=float)
        nan = np.isnan(r)
        ranked = ids[~nan][np.lexsort((ids[~nan], r[~nan]))]     # by rank, ties by arrival
        unranked = ids[nan].tolist()
        return ranked[:k].tolist() + unranked[:max(1, k // 3) if ranked.size else k]

    def matrix(self, idx):
        return np.array([self.codes[j] for j in idx]).T if idx else np.zeros((self.plan.width(), 0))


def _with_roots(plan, rng, U):
    """Codes of drawn variables ``U`` completed with a random root choice per solved variable."""
    R = [rng.integers(0, len(rs), U.shape[1]).astype(float) for _, rs in plan.solved]
    return np.concatenate([U] + [r[None, :] for r in R], axis=0) if R else U


def _walk(pool, plan, rng, samples):
    """Spread from the feasible regime points until :data:`TARGET` of them (at most ``samples``),
    while staying feasible."""
    d = len(plan.axes)
    target, batch = min(TARGET, samples), min(_WALK_BATCH, max(64, samples // 3))
    for _ in range(_WALK_ROUNDS):
        reg = pool.regime()
        if len(reg) >= target or not reg or d == 0:
            return
        base = pool.matrix(reg)
        pool.add(_with_roots(plan, rng, propose(plan.axes, rng, base[:d], batch)))


def _descend(pool, plan, rng, rounds):
    """From the tightest regime points, keep the moves that lower the (rounded) float margin."""
    d = len(plan.axes)
    reg = pool.regime()
    if d == 0 or not reg:
        return
    current = pool.tightest(reg, _DESCENT_STARTS)
    per = 4 * d + 4
    for _ in range(rounds):
        base = pool.matrix(current)
        props = np.concatenate([propose(plan.axes, rng, base[:d, [k]], per) for k in range(len(current))], axis=1)
        tail = np.repeat(base[d:], per, axis=1)
        added = pool.add(np.concatenate([props, tail], axis=0) if tail.size else props, resolve=False)
        moved = []
        for k, j in enumerate(current):
            new = [i for col, i in added if col // per == k and not pool.stress[i]]
            moved.append(pool.tightest(new + [j], 1)[0])
        if moved == current:
            break
        current = moved


def _seed_codes(plan, seeds):
    """Codes of exact points (z3 models: name -> value text) that lie in the drawn ranges."""
    cols = []
    for s in seeds:
        try:
            vals = [Fraction(str(s[v.name])) for v in plan.drawn]
        except (KeyError, ValueError, ZeroDivisionError):
            continue
        if all(v.contains(sympy.Rational(f.numerator, f.denominator)) for v, f in zip(plan.drawn, vals)):
            cols.append([a.code_of(f) for a, f in zip(plan.axes, vals)])
    if not cols:
        return np.zeros((len(plan.axes), 0))
    return np.array(cols, dtype=float).T


def _explore(ob, plan, seed, samples, seeds):
    rng = np.random.default_rng(seed)
    pool = _Pool(plan)
    d = len(plan.axes)
    S = _seed_codes(plan, seeds)
    every = enumerate_all(plan.axes, samples)
    if every is not None:             # a finite regime: every point of it with every root, nothing drawn
        pool.exhaustive = True
        for choice in itertools.product(*[range(len(rs)) for _, rs in plan.solved]):
            roots = [np.full((1, every.shape[1]), float(c)) for c in choice]
            pool.add(np.concatenate([every] + roots, axis=0))
        if d:
            pool.add(_with_roots(plan, rng, stress_cloud(plan.axes, rng, every, max(samples // 4, 50))))
        return pool
    U = np.concatenate([S, cloud(plan.axes, rng, samples)], axis=1) if d else np.zeros((0, 1))
    pool.add(_with_roots(plan, rng, U))
    for _ in range(3):            # duplicates (simple values, small integer ranges) are topped up
        if not d or pool.points >= samples:
            break
        more = np.array([a.draw(rng, samples - pool.points) for a in plan.axes])
        U = np.concatenate([U, more], axis=1)
        pool.add(_with_roots(plan, rng, more))
    _walk(pool, plan, rng, samples)
    _descend(pool, plan, rng, min(_DESCENT_ROUNDS, max(8, samples // 60)))
    reg = pool.matrix(pool.regime())
    if d:
        pool.add(_with_roots(plan, rng, stress_cloud(plan.axes, rng, reg[:d] if reg.size else U,
                                                     max(samples // 4, 50))))
    return pool


# ---------------------------------------------------------------------------------------
# exact stage: the figures that are reported, and certified counterexamples
# ---------------------------------------------------------------------------------------
def _evaluate(ob, pool, plan, idx, dps):
    """[(index, exact relative margin, holds)] for feasible points ``idx`` at ``dps`` digits.

    A negative margin is checked in arb at the exact point: where arb finds the conclusion
    certainly true, or the margin is below what ``dps`` digits resolve (``10**(-dps/4)``) and arb
    cannot decide, it is rounding and is reported as 0; a failure arb certifies, or a clearly
    negative margin arb cannot decide (a function outside arb), stays negative.
    """
    out = []
    for j in idx:
        r = pool._exact(pool.codes[j], dps)
        if r is None or not r[0]:
            continue
        margin, holds = r[1], r[2]
        if not holds:
            truth = _arb_holds(ob.conclusion, dict(zip(plan.symbols, plan.exact(pool.codes[j]))))
            with mpmath.workdps(dps):
                tiny = abs(margin) <= mpmath.mpf(10) ** (-(dps // 4))
            if truth is True or (truth is None and tiny):
                margin, holds = mpmath.mpf(0), True
        out.append((j, margin, holds))
    return sorted(out, key=lambda e: (e[1], e[0]))


def _short(value) -> str:
    """A number as short text: an exact rational up to 12 characters, else 6 significant digits."""
    value = sympy.sympify(value)
    text = str(value)
    if value.is_Rational and len(text) <= 12:
        return text
    with mpmath.workdps(30):
        return mpmath.nstr(mpmath.mpf(sympy.N(value, 30)), 6, min_fixed=-4, max_fixed=7)


def _margin_text(r) -> str:
    """A relative margin with at most 4 significant digits (``0`` for an exact or noise-level 0);
    formatted by mpmath, so a tiny margin keeps its sign and exponent (``-9.6e-175``)."""
    if r == 0:
        return "0"
    text = mpmath.nstr(r, 4, min_fixed=-4, max_fixed=5)
    return text[:-2] if text.endswith(".0") else text


def _argmin(plan, point) -> dict:
    return {str(s): _short(v) for s, v in zip(plan.symbols, point)}


def _full_point(ob, plan, point) -> dict:
    """Every domain variable -> exact text (variables the obligation does not use: a value of the regime)."""
    env = dict(zip(plan.symbols, point))
    out = {}
    for v in ob.domain.vars:
        if v.symbol in env:
            out[v.name] = str(env[v.symbol])
        else:
            lo, hi = v.regime_box()
            c = next((c for c in (lo, hi, (lo + hi) / 2) if v.contains(c)), lo)
            out[v.name] = str(int(c) if v.kind == "integer" and c == int(c) else c)
    return out


def _significant(f: Fraction, digits: int) -> Fraction:
    """``f`` rounded to ``digits`` significant decimal digits, exactly (ties to even, as ``round``)."""
    if f == 0:
        return f
    n, d = f.numerator, f.denominator
    a = abs(n)

    def at_least(e):            # |f| >= 10**e, in integers
        return a * 10 ** -e >= d if e < 0 else a >= d * 10 ** e

    e = len(str(a)) - len(str(d))
    while not at_least(e):
        e -= 1
    while at_least(e + 1):
        e += 1
    k = e - digits + 1          # the unit is 10**k
    num, den = (n, d * 10 ** k) if k >= 0 else (n * 10 ** -k, d)
    q, rem = divmod(num, den)
    if 2 * rem > den or (2 * rem == den and q % 2 == 1):
        q += 1
    return Fraction(q * 10 ** k) if k >= 0 else Fraction(q, 10 ** -k)


def _roundings(plan, code, point):
    """Exact candidates near a point: its drawn coordinates rounded to 1 and 3 significant digits and
    to short fractions, the solved ones recomputed (so equalities still hold), then the point itself."""
    out = []
    d = len(plan.axes)
    exact = [Fraction(int(v.p), int(v.q)) for v in point[:d]]
    syms = [v.symbol for v in plan.drawn]
    for how in (("sig", 1), ("sig", 3), ("den", 10 ** 2), ("den", 10 ** 6), (None, None)):
        drawn = []
        for a, v, f in zip(plan.axes, point[:d], exact):
            if a.integer or how[0] is None:
                c = f
            else:
                c = _significant(f, how[1]) if how[0] == "sig" else f.limit_denominator(how[1])
            drawn.append(sympy.Rational(c.numerator, c.denominator) if a.contains_fraction(c) else v)
        env = dict(zip(syms, drawn))
        solved = [roots[min(int(code[d + j]), len(roots) - 1)].xreplace(env)
                  for j, (_, roots) in enumerate(plan.solved)]
        cand = tuple(drawn + solved)
        if cand not in out:
            out.append(cand)
    return out


def _text_length(point) -> int:
    """``sum(len(str(v)))`` of a point's coordinates (a rational's text is ``p`` or ``p/q``)."""
    n = 0
    for v in point:
        if v.is_Rational:
            n += len(str(v.p)) + (len(str(v.q)) + 1 if v.q != 1 else 0)
        else:
            n += len(str(v))
    return n


def _certified(ob, plan, point, conclusion_false=True) -> bool:
    """True when arb certifies every range and hypothesis (and, if asked, the negated conclusion) at ``point``."""
    env = dict(zip(plan.symbols, point))
    for v in plan.vars:
        if v.symbol in env and env[v.symbol].is_Rational and not v.contains(env[v.symbol]):
            return False
    rels = [c for v in plan.vars for c in v.constraints()] + list(ob.hypotheses)
    # every divisor non-zero, every fractional power's base >= 0, every log's argument > 0: SymPy's
    # exact arithmetic would otherwise pass through the complex numbers (sqrt(-1)*sqrt(-1) = -1)
    parts = rels + ([ob.conclusion] if conclusion_false else [])
    rels += [c for part in parts for c, _ in definedness_conditions(part)]
    if not all(_arb_holds(h, env) is True for h in rels):
        return False
    return not conclusion_false or _arb_holds(ob.conclusion, env) is False


def _substituted(rel, env):
    """``rel`` with the exact values substituted, kept unevaluated (SymPy must not decide it)."""
    if isinstance(rel, (sympy.And, sympy.Or)):
        return rel.func(*[_substituted(a, env) for a in rel.args], evaluate=False)
    if isinstance(rel, sympy.Not):
        return sympy.Not(_substituted(rel.args[0], env), evaluate=False)
    lhs, rhs = exact_values.substitute(rel.lhs, env), exact_values.substitute(rel.rhs, env)
    if lhs is None or rhs is None:
        raise ValueError("the exact values are too large to substitute")
    return rel.func(lhs, rhs, evaluate=False)


def _arb_holds(rel, env):
    """Three-valued truth of ``rel`` at ``env`` by :func:`arb_eval.holds`, retried on the
    expression with the exact values substituted (SymPy's exact arithmetic closes ``(1/3-1/3)**2``)."""
    v = None
    if all(x.is_Rational for x in env.values()):        # a solved coordinate may be a radical
        try:
            v = arb_eval.holds(rel, env)
        except BackendError:
            v = None
    if v is not None:
        return v
    try:
        return arb_eval.holds(_substituted(rel, env), {})
    except (BackendError, TypeError, ValueError, ZeroDivisionError):
        return None


def _counterexample(ob, plan, pool, failing):
    """The simplest certified counterexample near the failing points, or None."""
    cands, seen = [], set()
    for j in failing:
        code = pool.codes[j]
        for c in _roundings(plan, code, plan.exact(code)):
            if c not in seen:
                seen.add(c)
                cands.append(c)
    cands.sort(key=_text_length)
    for c in cands[:_MAX_REFUTE_TRIES]:
        if _certified(ob, plan, c):
            return c
    return None


# ---------------------------------------------------------------------------------------
# public API
# ---------------------------------------------------------------------------------------
def _validate(where, seed, samples, dps=None):
    if not isinstance(seed, (int, np.integer)) or isinstance(seed, bool):
        raise LawauditError(f"{where}: seed must be an integer, got {seed!r}")
    if not isinstance(samples, (int, np.integer)) or isinstance(samples, bool) or samples < 1:
        raise LawauditError(f"{where}: samples must be a positive integer, got {samples!r}")
    if dps is not None and (not isinstance(dps, (int, np.integer)) or isinstance(dps, bool) or dps < 15):
        raise LawauditError(f"{where}: dps must be an integer >= 15 (significant digits), got {dps!r}")


def _summary(plan, pool, evaluated, dps):
    """(min margin text, argmin, point) of the tightest exactly evaluated point, or (None, None, None)."""
    if not evaluated:
        return None, None, None
    j, r, _ = evaluated[0]
    point = plan.exact(pool.codes[j])
    return _margin_text(r), _argmin(plan, point), point


def _regime(plan) -> dict:
    out = {str(v.symbol): a.regime_text() for v, a in zip(plan.drawn, plan.axes)}
    for (s, _), (lo, hi) in zip(plan.solved, plan.solved_regimes):
        out[str(s)] = [str(lo), str(hi)]
    return out


def decide(ob: Obligation, *, seed: int = 0, dps: int = 50, samples: int = 2000, seeds=()) -> Outcome:
    """Sample ``ob`` in its regime and search it for a counterexample.  Never ``proved``.

    Parameters
    ----------
    ob : the obligation (hypotheses imply conclusion on the domain).
    seed : seed of ``numpy.random.default_rng``; the same seed gives the same Outcome on every
        machine (apart from ``seconds``).
    dps : significant decimal digits of the mpmath evaluation (>= 15).
    samples : number of random regime points drawn before the walk (corners, the walk, the
        descent and stress points come on top).
    seeds : exact points (``{name: value text}``, e.g. z3 models) to start from.

    Returns
    -------
    Outcome with ``backend="mpmath-sampling"`` and verdict

    - ``"refuted"``: ``counterexample`` maps every variable to an exact value (text such as
      ``"3/7"``) at which arb certified every range and hypothesis true and the conclusion false;
    - ``"evidence"``: no counterexample; ``evidence`` gives the points, how many satisfy the
      hypotheses in the regime, the smallest relative margin (4 significant digits) and where,
      the regime, and the same figures for the stress points;
    - ``"unknown"``: no point satisfies the hypotheses, the obligation could not be read, or
      mpmath found a clearly negative margin that arb could not certify.

    ``evidence`` is always filled.

    Raises
    ------
    LawauditError
        If ``seed``, ``dps`` or ``samples`` is not a valid value (names the argument).
    """
    _validate("sampling.decide", seed, samples, dps)
    if memo.active():
        key = (memo.obligation_key(ob), int(seed), int(dps), int(samples),
               tuple(tuple(sorted((str(k), str(v)) for k, v in s.items())) for s in seeds))
        return memo.cached("sampling", key, lambda: _decide(ob, seed, dps, samples, seeds))
    return _decide(ob, seed, dps, samples, seeds)


def _decide(ob, seed, dps, samples, seeds) -> Outcome:
    t0 = time.perf_counter()
    try:
        plan = _Plan(ob)
    except (BackendError, SyntaxError, TypeError, ValueError, NameError, KeyError) as exc:
        return Outcome(BACKEND, "unknown", f"sampling could not compile the obligation: {exc}",
                       evidence=Evidence(0, 0, None, None, dps), seconds=time.perf_counter() - t0)
    pool = _explore(ob, plan, seed, samples, seeds)
    reg = pool.regime()
    stress = [j for j, s in enumerate(pool.stress) if s]
    ev_reg = _evaluate(ob, pool, plan, pool.tightest(reg, _K_EXACT), dps)
    ev_str = _evaluate(ob, pool, plan, pool.tightest(stress, _K_STRESS), dps)
    m_reg, arg_reg, _ = _summary(plan, pool, ev_reg, dps)
    m_str, arg_str, _ = _summary(plan, pool, ev_str, dps)
    stress_ev = {"points": len(stress), "min_margin": m_str, "argmin": arg_str}
    ev = Evidence(pool.points, len(reg), m_reg, arg_reg, dps, regime=_regime(plan), stress=stress_ev,
                  exhaustive=pool.exhaustive and not pool.undecided, undecided=pool.undecided)
    settings = {"seed": int(seed), "samples": int(samples), "dps": int(dps)}
    seconds = lambda: time.perf_counter() - t0     # noqa: E731

    failing = [j for j, _, holds in ev_reg + ev_str if not holds]
    ce = _counterexample(ob, plan, pool, failing) if failing else None
    if ce is not None:
        ce = _full_point(ob, plan, ce)
        return Outcome(BACKEND, "refuted",
                       f"counterexample certified in arb: {_show(ce)} satisfies every hypothesis and "
                       f"violates the conclusion",
                       counterexample=ce,
                       certificate=Certificate(BACKEND, "refuted", {"counterexample": ce, "checked_by": "arb",
                                                                    **settings}),
                       evidence=ev, seconds=seconds())
    if not ev_reg and not ev_str:
        return Outcome(BACKEND, "unknown",
                       f"no sampled point satisfies the hypotheses ({pool.points} points, seed {seed}); "
                       f"they may be unsatisfiable or satisfied only on a set the sampler cannot reach",
                       evidence=ev, seconds=seconds())
    cert = Certificate(BACKEND, "evidence", settings)
    if failing:
        j, r, _ = min((e for e in ev_reg + ev_str if not e[2]), key=lambda e: e[1])
        where = _show(_argmin(plan, plan.exact(pool.codes[j])))
        return Outcome(BACKEND, "unknown",
                       f"mpmath found the negative relative margin {_margin_text(r)} at {where}, but arb could "
                       f"not certify a counterexample there (undecided or unsupported function)",
                       certificate=cert, evidence=ev, seconds=seconds())
    return Outcome(BACKEND, "evidence", describe_evidence(ev), certificate=cert, evidence=ev, seconds=seconds())


def feasible_point(ob: Obligation, *, seed: int = 0, samples: int = 2000) -> dict | None:
    """An exact point satisfying every domain range and hypothesis of ``ob``, or ``None``.

    Used to show that the hypotheses are satisfiable (so that a proof is not vacuous).  The point
    is certified: arb returns ``True`` for every range and hypothesis at the exact values.
    ``None`` means no sampled point could be certified, which does not prove the hypotheses
    unsatisfiable.

    Returns
    -------
    dict mapping each variable name to a SymPy number.

    Raises
    ------
    LawauditError
        If ``seed`` or ``samples`` is not a valid value.
    """
    _validate("sampling.feasible_point", seed, samples)
    if memo.active():
        return memo.cached("feasible", (memo.hypotheses_key(ob), int(seed), int(samples)),
                           lambda: _feasible_point(ob, seed, samples))
    return _feasible_point(ob, seed, samples)


def _feasible_point(ob, seed, samples):
    try:
        plan = _Plan(ob, conclusion=False)
    except (BackendError, SyntaxError, TypeError, ValueError, NameError, KeyError):
        return None
    pool = _explore(ob, plan, seed, samples, ())
    order = pool.tightest(list(range(len(pool.codes))), 200)
    cands, seen = [], set()
    for j in sorted(order, key=lambda j: (pool.stress[j], j)):
        for c in _roundings(plan, pool.codes[j], plan.exact(pool.codes[j])):
            if c not in seen:
                seen.add(c)
                cands.append(c)
    cands.sort(key=_text_length)
    for c in cands[:200]:
        if _certified(ob, plan, c, conclusion_false=False):
            full = _full_point(ob, plan, c)
            return {k: sympy.sympify(v) for k, v in full.items()}
    return None


def _show(point):
    return ", ".join(f"{k} = {v}" for k, v in point.items()) or "(no variables)"
