"""Sampling backend: seeded search for counterexamples, high-precision evidence otherwise.

Never proves anything.  For an :class:`~symbolic.domain.Obligation` it

1. draws a seeded cloud of points from the domain (uniform and log-uniform magnitudes,
   endpoints nudged inside open ends, corners of the box, small and huge integers),
2. pre-screens every point in vectorised NumPy float64 (hypotheses filter the points,
   the conclusion's *margin* ranks them),
3. runs a seeded coordinate search (geometric steps, log scale for signed variables)
   from the tightest points, pushing the margin down,
4. re-evaluates the tightest points in mpmath at ``dps`` significant digits, with a short
   coordinate search there too,
5. turns every point whose conclusion fails into exact rationals and re-checks it in arb
   ball arithmetic (:mod:`symbolic.backends.arb_eval`): every domain range and hypothesis
   certainly true, the conclusion certainly false.  Only such a point is reported as a
   counterexample (verdict ``refuted``); a float or mpmath failure alone never is.

The *margin* of ``a <= b`` or ``a < b`` is ``b - a``; of ``a >= b`` or ``a > b`` it is
``a - b``; of ``Eq(a, b)`` it is ``-|a - b|``; of ``Ne(a, b)`` it is ``|a - b|``; And/Or
take the min/max of their parts.  A relation holds where its margin is ``>= 0``
(``> 0`` when strict).  See DESIGN.md, "Verdicts": sampling gives ``evidence``, never
``proved``.

Source of the method: none beyond DESIGN.md; the arb check follows F. Johansson, "Arb:
efficient arbitrary-precision midpoint-radius interval arithmetic", IEEE Trans. Computers
66(8), 2017.

>>> import sympy
>>> from symbolic.domain import Domain, Obligation
>>> D = Domain.parse(["x: real, x > 0"])
>>> x = D.symbols("x")
>>> decide(Obligation(sympy.log(x) <= x - 2, (), D)).verdict
'refuted'
>>> decide(Obligation(sympy.exp(x) >= 1 + x, (), D)).verdict
'evidence'
"""
from __future__ import annotations

import math
import time
from fractions import Fraction

import mpmath
import numpy as np
import sympy

from ..domain import Obligation, Var
from ..errors import BackendError, LawauditError
from ..verdict import Certificate, Evidence, Outcome
from . import arb_eval

__all__ = ["decide", "feasible_point", "BACKEND"]

#: The name every Outcome of this backend carries.
BACKEND = "mpmath-sampling"

_K_MP = 20            # points re-evaluated in mpmath
_STARTS_NP = 6        # starting points of the float coordinate search
_ITERS_NP = 60
_RANDOM_DIRS = 4
_STARTS_MP = 1        # starting points of the mpmath coordinate search
_ITERS_MP = 6          # the float search explores; mpmath only polishes the tightest point
_MAX_REFUTE_TRIES = 40
_MAX_FEASIBLE_TRIES = 200
_CORNER_CAP = 1024
_LOG_LO, _LOG_HI = -12.0, 12.0


# ---------------------------------------------------------------------------------------
# relations -> margin trees
# ---------------------------------------------------------------------------------------
class _Compiled:
    """Atoms (margin expressions), trees over them, and their float / mpmath evaluators."""

    def __init__(self, symbols, conclusion, hypotheses):
        self.symbols = tuple(symbols)
        self.atoms: list[tuple[sympy.Expr, bool, sympy.Expr]] = []   # (margin, strict, scale)
        self.concl = None if conclusion is None else self._tree(conclusion, negate=False)
        self.hyps = [self._tree(h, negate=False) for h in hypotheses]
        self._np = [self._np_func(m) for m, _, _ in self.atoms]
        self._mp = [sympy.lambdify(self.symbols, m, "mpmath") for m, _, _ in self.atoms]
        self._mp_scale = [sympy.lambdify(self.symbols, s, "mpmath") for _, _, s in self.atoms]

    # -- building ----------------------------------------------------------------------
    def _atom(self, margin, strict, scale):
        self.atoms.append((margin, strict, scale))
        return ("rel", len(self.atoms) - 1)

    def _tree(self, rel, negate):
        if isinstance(rel, sympy.Not):
            return self._tree(rel.args[0], not negate)
        if isinstance(rel, (sympy.And, sympy.Or)):
            conj = isinstance(rel, sympy.And) != negate
            return ("and" if conj else "or", [self._tree(a, negate) for a in rel.args])
        if not isinstance(rel, sympy.core.relational.Relational):
            raise BackendError(f"sampling: cannot read {rel!r} as a relation (<=, <, >=, >, Eq, Ne, And, Or, Not)")
        if negate:
            rel = rel.negated
        a, b, op = rel.lhs, rel.rhs, rel.rel_op
        scale = sympy.Abs(a) + sympy.Abs(b)
        if op in ("<=", "<"):
            return self._atom(b - a, op == "<", scale)
        if op in (">=", ">"):
            return self._atom(a - b, op == ">", scale)
        if op == "==":
            return self._atom(-sympy.Abs(a - b), False, scale)
        if op == "!=":
            return self._atom(sympy.Abs(a - b), True, scale)
        raise BackendError(f"sampling: unsupported relation {op!r} in {rel}")

    def _np_func(self, expr):
        extra = {"erf": np.vectorize(math.erf, otypes=[float]),
                 "erfc": np.vectorize(math.erfc, otypes=[float])}
        fast = sympy.lambdify(self.symbols, expr, [extra, "numpy"])

        def fallback(*cols):      # per point in mpmath at 15 digits: slow, only for odd functions
            slow = sympy.lambdify(self.symbols, expr, "mpmath")
            out = np.empty(len(cols[0]) if cols else 1)
            with mpmath.workdps(15):
                for j in range(out.size):
                    v = _mp_call(slow, [mpmath.mpf(float(c[j])) for c in cols])
                    out[j] = np.nan if v is None else float(v)
            return out

        def f(*cols):
            n = len(cols[0]) if cols else 1
            try:
                with np.errstate(all="ignore"):
                    v = np.asarray(fast(*cols))
                if v.dtype.kind == "c":
                    v = np.where(v.imag == 0, v.real, np.nan)
                v = np.broadcast_to(v.astype(float), (n,)).copy()
            except (NameError, TypeError, AttributeError, ValueError, ZeroDivisionError, OverflowError):
                v = fallback(*cols)
            v[~np.isfinite(v)] = np.nan
            return v
        return f

    # -- float evaluation --------------------------------------------------------------
    def eval_np(self, X):
        """For points ``X`` of shape (d, N): (hypotheses hold, conclusion margin, conclusion holds)."""
        cols = list(X)
        n = X.shape[1]
        vals = [f(*cols) if cols else np.broadcast_to(f(), (n,)) for f in self._np]
        ok = np.ones(n, dtype=bool)
        for h in self.hyps:
            m, t = _tree_np(h, vals, self.atoms)
            ok &= t & ~np.isnan(m)
        if self.concl is None:
            return ok, np.zeros(n), np.ones(n, dtype=bool)
        m, t = _tree_np(self.concl, vals, self.atoms)
        ok &= ~np.isnan(m)
        return ok, m, t

    # -- mpmath evaluation -------------------------------------------------------------
    def eval_mp(self, point, dps):
        """At one exact point (tuple of rationals): (hyps hold, margin, holds), or None if undefined.

        Atoms are evaluated at ``dps`` digits; an atom within rounding noise of 0
        (``|m| <= 10**(-dps/2) * max(1, |a| + |b|)``) is re-evaluated at 2x and 4x ``dps``.
        """
        with mpmath.workdps(dps):
            mp = _mp_point(point)
            vals = [_mp_call(f, mp) for f in self._mp]
            for i, v in enumerate(vals):
                if v is None or abs(v) > mpmath.mpf(10) ** (-(dps // 2)):
                    continue
                sc = _mp_call(self._mp_scale[i], mp)
                if sc is not None and abs(v) > mpmath.mpf(10) ** (-(dps // 2)) * max(1, sc):
                    continue
                for k in (2, 4):
                    with mpmath.workdps(k * dps):
                        w = _mp_call(self._mp[i], _mp_point(point))
                    if w is not None:
                        v = +w          # rounded back to dps digits
                vals[i] = v
            ok = True
            for h in self.hyps:
                r = _tree_mp(h, vals, self.atoms)
                if r is None:
                    return None
                ok = ok and r[1]
            if self.concl is None:
                return ok, mpmath.mpf(0), True
            r = _tree_mp(self.concl, vals, self.atoms)
            if r is None:
                return None
            return ok, r[0], r[1]

    def scale_mp(self, point, dps):
        """``max(1, |a| + |b|)`` over the atoms ``a <op> b`` at an exact point (for noise levels)."""
        with mpmath.workdps(dps):
            mp = _mp_point(point)
            out = mpmath.mpf(1)
            for f in self._mp_scale:
                v = _mp_call(f, mp)
                if v is not None:
                    out = max(out, abs(v))
            return out


def _mp_call(f, point):
    try:
        v = f(*point)
    except (ArithmeticError, ValueError, TypeError, OverflowError):
        return None
    if isinstance(v, mpmath.mpc):
        if v.imag != 0:
            return None
        v = v.real
    try:
        v = mpmath.mpf(v)
    except (TypeError, ValueError):
        return None
    return v if mpmath.isfinite(v) else None


def _tree_np(tree, vals, atoms):
    if tree[0] == "rel":
        m = vals[tree[1]]
        return m, (m > 0) if atoms[tree[1]][1] else (m >= 0)
    parts = [_tree_np(t, vals, atoms) for t in tree[1]]
    if tree[0] == "and":
        m = parts[0][0]
        t = parts[0][1]
        for pm, pt in parts[1:]:
            m, t = np.minimum(m, pm), t & pt
        return m, t
    m, t = parts[0]
    for pm, pt in parts[1:]:
        m, t = np.maximum(m, pm), t | pt
    return m, t


def _tree_mp(tree, vals, atoms):
    if tree[0] == "rel":
        m = vals[tree[1]]
        if m is None:
            return None
        return m, (m > 0) if atoms[tree[1]][1] else (m >= 0)
    parts = [_tree_mp(t, vals, atoms) for t in tree[1]]
    if any(p is None for p in parts):
        return None
    if tree[0] == "and":
        return min(p[0] for p in parts), all(p[1] for p in parts)
    return max(p[0] for p in parts), any(p[1] for p in parts)


# ---------------------------------------------------------------------------------------
# sampling the domain
# ---------------------------------------------------------------------------------------
class _Axis:
    """Float sampling rules for one variable (its range, nudged inside open ends)."""

    def __init__(self, v: Var):
        self.var = v
        self.integer = v.kind == "integer"
        if self.integer:
            lo = None if v.lo is None else (int(sympy.floor(v.lo)) + 1 if v.lo_open else int(sympy.ceiling(v.lo)))
            hi = None if v.hi is None else (int(sympy.ceiling(v.hi)) - 1 if v.hi_open else int(sympy.floor(v.hi)))
            self.lo = None if lo is None else float(lo)
            self.hi = None if hi is None else float(hi)
        else:
            lo = None if v.lo is None else float(v.lo)
            hi = None if v.hi is None else float(v.hi)
            width = None if lo is None or hi is None else hi - lo
            nud = (lambda e: 1e-12 * max(1.0, abs(e))) if width is None else (lambda e: 1e-12 * width)
            if lo is not None and (v.lo_open or lo < v.lo):
                lo = max(lo + nud(lo), float(np.nextafter(lo, np.inf)))
                lo = lo if v.hi is None or lo < float(v.hi) else float(v.lo + (v.hi - v.lo) / 2)
            if hi is not None and (v.hi_open or hi > v.hi):
                hi = min(hi - nud(hi), float(np.nextafter(hi, -np.inf)))
                hi = hi if v.lo is None or hi > float(v.lo) else float(v.lo + (v.hi - v.lo) / 2)
            self.lo, self.hi = lo, hi
        self.width = None if self.lo is None or self.hi is None else self.hi - self.lo
        self.positive = self.lo is not None and self.lo >= 0
        self.negative = self.hi is not None and self.hi <= 0

    def clip(self, x):
        x = np.round(x) if self.integer else x
        lo = -np.inf if self.lo is None else self.lo
        hi = np.inf if self.hi is None else self.hi
        return np.clip(x, lo, hi)

    def corners(self):
        lo, hi = self.lo, self.hi
        if lo is not None and hi is not None:
            out = [lo, hi, lo + (hi - lo) / 2]
        elif lo is not None:
            out = [lo, lo + 1, lo + 1e12]
        elif hi is not None:
            out = [hi, hi - 1, hi - 1e12]
        else:
            out = [-1e12, -1.0, 0.0, 1.0, 1e12]
        return self._uniq(out)

    def specials(self):
        lo, hi = self.lo, self.hi
        offs = [0.0, 1e-12, 1e-6, 1e-3, 0.5, 1.0, 2.0, 3.0, 10.0, 1e3, 1e6, 1e9, 1e12]
        if self.integer:
            offs = [0.0, 1.0, 2.0, 3.0, 10.0, 100.0, 1e3, 1e6, 1e9, 1e12]
        out = []
        if lo is not None and hi is not None:
            w = hi - lo
            out += [lo, hi, lo + w / 2]
            out += [lo + w * r for r in (1e-12, 1e-6, 1e-3, 1 / 3)] + [hi - w * r for r in (1e-12, 1e-6, 1e-3)]
            if self.integer and w <= 64:
                out += [lo + k for k in range(int(w) + 1)]
            else:
                out += [lo + o for o in offs if o < w] + [hi - o for o in offs if o < w]
        elif lo is not None:
            out += [lo + o for o in offs]
        elif hi is not None:
            out += [hi - o for o in offs]
        else:
            out += [s * o for o in offs for s in (1.0, -1.0)]
        out += [c for c in (0.0, 1.0, -1.0, 0.5, 2.0) if self._inside(c)]
        return self._uniq(out)

    def draw(self, rng, n):
        lo, hi = self.lo, self.hi
        mag = 10.0 ** rng.uniform(_LOG_LO, _LOG_HI, n)
        if self.integer:
            mag = np.floor(10.0 ** rng.uniform(0.0, _LOG_HI, n)) - 1.0
        if lo is not None and hi is not None:
            w = hi - lo
            kind = rng.integers(0, 4, n)
            if self.integer:
                uni = np.floor(lo + rng.uniform(0.0, 1.0, n) * (w + 1))
            else:
                uni = lo + rng.uniform(0.0, 1.0, n) * w
            near = 10.0 ** rng.uniform(_LOG_LO, 0.0, n) * w
            x = np.where(kind < 2, uni, np.where(kind == 2, lo + near, hi - near))
        elif lo is not None:
            x = lo + mag
        elif hi is not None:
            x = hi - mag
        else:
            sign = np.where(rng.integers(0, 2, n) == 0, 1.0, -1.0)
            x = sign * mag
        return self.clip(x)

    def move(self, x, s):
        """Coordinate step of relative size ``s`` (array, signed) from ``x``."""
        unit = 1.0 if self.width is None else self.width
        with np.errstate(all="ignore"):
            e = np.exp(np.clip(s, -50.0, 50.0))
            if self.positive:
                y = np.where(x > 0, x * e, np.abs(s) * unit)
            elif self.negative:
                y = np.where(x < 0, x * e, -np.abs(s) * unit)
            else:
                y = x + s * np.maximum(np.abs(x), unit)
            if self.integer:
                y = np.round(y)
                y = np.where(y == x, x + np.sign(s), y)
        return self.clip(y)

    def _inside(self, c):
        return (self.lo is None or c >= self.lo) and (self.hi is None or c <= self.hi) and \
            (not self.integer or c == math.floor(c))

    def _uniq(self, vals):
        out = []
        for c in vals:
            c = float(self.clip(np.array([c]))[0])
            if math.isfinite(c) and c not in out:
                out.append(c)
        return out


def _cloud(axes, rng, samples):
    """Corner points, then random points (each coordinate a special value with prob. 0.15)."""
    d = len(axes)
    if d == 0:
        return np.zeros((0, 1))
    corners = [a.corners() for a in axes]
    total = math.prod(len(c) for c in corners)
    if total <= _CORNER_CAP:
        grid = np.array(np.meshgrid(*corners, indexing="ij")).reshape(d, -1)
    else:
        grid = np.array([np.array(c)[rng.integers(0, len(c), _CORNER_CAP)] for c in corners])
    rand = np.empty((d, samples))
    for i, a in enumerate(axes):
        col = a.draw(rng, samples)
        sp = np.array(a.specials())
        pick = rng.uniform(0.0, 1.0, samples) < 0.15
        col = np.where(pick, sp[rng.integers(0, len(sp), samples)], col)
        rand[i] = col
    return np.concatenate([grid, rand], axis=1)


# ---------------------------------------------------------------------------------------
# searches
# ---------------------------------------------------------------------------------------
def _search_np(comp, axes, rng, X0, m0):
    """Seeded coordinate search in float64 from the columns of ``X0``; returns every feasible point seen."""
    d, B = X0.shape
    X, m = X0.copy(), m0.copy()
    step = np.full(B, 0.5)
    seen_X, seen_m, seen_t, evaluated = [], [], [], 0
    for _ in range(_ITERS_NP):
        cands = []
        for i in range(d):
            for sgn in (1.0, -1.0):
                Y = X.copy()
                Y[i] = axes[i].move(X[i], sgn * step)
                cands.append(Y)
        for _r in range(_RANDOM_DIRS):
            dirs = rng.standard_normal((d, B))
            Y = np.array([axes[i].move(X[i], dirs[i] * step) for i in range(d)])
            cands.append(Y)
        C = np.concatenate(cands, axis=1)          # (d, B * n_cands), candidate c of start b at c*B + b
        ok, mc, tc = comp.eval_np(C)
        evaluated += C.shape[1]
        mc = np.where(ok, mc, np.inf)
        seen_X.append(C[:, ok])
        seen_m.append(mc[ok])
        seen_t.append(tc[ok])
        mc = mc.reshape(len(cands), B)
        best = np.argmin(mc, axis=0)
        bm = mc[best, np.arange(B)]
        better = bm < m
        for b in np.nonzero(better)[0]:
            X[:, b] = C[:, best[b] * B + b]
        m = np.where(better, bm, m)
        step = np.where(better, np.minimum(step * 2.0, 4.0), step * 0.5)
        if np.all(step < 1e-15):
            break
    if seen_X:
        return np.concatenate(seen_X, axis=1), np.concatenate(seen_m), np.concatenate(seen_t), evaluated
    return np.zeros((d, 0)), np.zeros(0), np.zeros(0, dtype=bool), evaluated


def _mp_point(vals):
    return tuple(mpmath.mpf(int(r.p)) / int(r.q) for r in vals)


def _exact_from_float(axes, col):
    return tuple(sympy.Integer(int(c)) if a.integer else sympy.Rational(float(c)) for a, c in zip(axes, col))


def _exact_from_mpf(x, integer):
    if integer:
        return sympy.Integer(int(mpmath.nint(x)))
    man, exp = x.man_exp if x != 0 else (0, 0)
    man, exp = int(man), int(exp)
    return sympy.Rational(man * 2 ** exp) if exp >= 0 else sympy.Rational(man, 2 ** (-exp))


def _search_mp(comp, axes, start, m0, dps):
    """Coordinate search in mpmath from one exact point; returns [(exact point, result)] seen."""
    seen = []
    x, m = start, m0
    step = mpmath.mpf("0.5")
    with mpmath.workdps(dps):
        for _ in range(_ITERS_MP):
            improved = False
            for i, a in enumerate(axes):
                for sgn in (1, -1):
                    xi = mpmath.mpf(int(x[i].p)) / int(x[i].q)
                    if a.positive and xi > 0:
                        yi = xi * mpmath.exp(sgn * step)
                    elif a.negative and xi < 0:
                        yi = xi * mpmath.exp(sgn * step)
                    else:
                        unit = mpmath.mpf(1 if a.width is None else a.width)
                        yi = xi + sgn * step * max(abs(xi), unit)
                    ri = _exact_from_mpf(yi, a.integer)
                    if a.integer and ri == x[i]:
                        ri = x[i] + sgn
                    if not a.var.contains(ri):
                        continue
                    y = x[:i] + (ri,) + x[i + 1:]
                    r = comp.eval_mp(y, dps)
                    if r is None or not r[0]:
                        continue
                    seen.append((y, r))
                    if r[1] < m:
                        x, m, improved = y, r[1], True
            step = min(step * 2, mpmath.mpf(4)) if improved else step / 2
            if step < mpmath.mpf(10) ** (-(dps // 2)):
                break
    return seen


# ---------------------------------------------------------------------------------------
# exact certification
# ---------------------------------------------------------------------------------------
def _roundings(axes, point):
    """Exact candidates near ``point``: short rationals first, then the point itself; each in range."""
    out = []
    for den in (10 ** 2, 10 ** 6, 10 ** 12, None):
        cand = []
        for a, r in zip(axes, point):
            if a.integer:
                c = sympy.Integer(int(sympy.floor(r + sympy.Rational(1, 2))))
            elif den is None:
                c = r
            else:
                c = sympy.Rational(Fraction(int(r.p), int(r.q)).limit_denominator(den))
            if not a.var.contains(c):
                c = _clamp(a, c)
            if c is None:
                break
            cand.append(c)
        else:
            t = tuple(cand)
            if t not in out:
                out.append(t)
    return out


def _clamp(a: "_Axis", c):
    """``c`` moved onto the nearest closed end of the range of ``a`` (None if that end is open)."""
    v = a.var
    if a.integer:
        if a.lo is not None and c < a.lo:
            c = sympy.Integer(int(a.lo))
        if a.hi is not None and c > a.hi:
            c = sympy.Integer(int(a.hi))
    else:
        if v.lo is not None and c < v.lo and not v.lo_open:
            c = v.lo
        if v.hi is not None and c > v.hi and not v.hi_open:
            c = v.hi
    return c if v.contains(c) else None


def _substituted(rel, env):
    """``rel`` with the exact values substituted, kept unevaluated (SymPy must not decide it)."""
    if isinstance(rel, (sympy.And, sympy.Or)):
        return rel.func(*[_substituted(a, env) for a in rel.args], evaluate=False)
    if isinstance(rel, sympy.Not):
        return sympy.Not(_substituted(rel.args[0], env), evaluate=False)
    return rel.func(rel.lhs.xreplace(env), rel.rhs.xreplace(env), evaluate=False)


def _arb_holds(rel, env):
    """Three-valued truth of ``rel`` at ``env`` by :func:`arb_eval.holds`.

    When the balls are undecided at the symbolic expression, the exact values are
    substituted first (exact SymPy arithmetic: ``(1/3 - 1/3)**2`` becomes ``0``,
    ``2**n`` at ``n = 3`` becomes ``8``) and the closed expression is evaluated in arb again.
    """
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


def _certified_feasible(ob, syms, point):
    """True when every domain range and hypothesis certainly holds at the exact ``point``."""
    if not all(v.contains(c) for v, c in zip(ob.domain.vars, point)):
        return False
    env = dict(zip(syms, point))
    return all(_arb_holds(h, env) is True for h in ob.all_hypotheses())


def _certified_counterexample(ob, syms, point):
    """True when arb certifies the hypotheses true and the conclusion false at ``point``."""
    return _certified_feasible(ob, syms, point) and \
        _arb_holds(ob.conclusion, dict(zip(syms, point))) is False


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


def _fmt_point(axes, names, point, dps):
    out = {}
    with mpmath.workdps(dps):
        for a, n, r in zip(axes, names, point):
            out[n] = str(int(r)) if a.integer else mpmath.nstr(mpmath.mpf(int(r.p)) / int(r.q), 17)
    return out


def decide(ob: Obligation, *, seed: int = 0, dps: int = 50, samples: int = 2000) -> Outcome:
    """Search ``ob`` for a counterexample; report evidence when none is found.  Never ``proved``.

    Parameters
    ----------
    ob : the obligation (hypotheses imply conclusion on the domain).
    seed : seed of ``numpy.random.default_rng``; the same seed gives the same Outcome
        (apart from ``seconds``).
    dps : significant decimal digits of the mpmath re-evaluation (>= 15).
    samples : number of random points drawn (corner and local-search points come on top).

    Returns
    -------
    Outcome with ``backend="mpmath-sampling"`` and verdict

    - ``"refuted"``: ``counterexample`` maps every variable to an exact rational (text such
      as ``"3/7"``) at which arb certified every range and hypothesis true and the
      conclusion false;
    - ``"evidence"``: no counterexample; ``evidence`` gives the number of points, how many
      satisfied the hypotheses, the smallest margin (mpmath, ~15 digits) and where;
    - ``"unknown"``: no sampled point satisfies the hypotheses, the obligation could not be
      read, or mpmath found a clearly negative margin that arb could not certify.

    ``evidence`` is always filled.

    Raises
    ------
    LawauditError
        If ``seed``, ``dps`` or ``samples`` is not a valid value (names the argument).
    """
    _validate("sampling.decide", seed, samples, dps)
    t0 = time.perf_counter()
    names = ob.domain.names()
    axes = [_Axis(v) for v in ob.domain.vars]
    syms = ob.domain.symbols()
    try:
        comp = _Compiled(syms, ob.conclusion, ob.all_hypotheses())
    except (BackendError, SyntaxError, TypeError, ValueError, NameError) as exc:
        return Outcome(BACKEND, "unknown", f"sampling could not compile the obligation: {exc}",
                       evidence=Evidence(0, 0, None, None, dps), seconds=time.perf_counter() - t0)
    rng = np.random.default_rng(seed)

    # 1-2. float pre-screen
    X = _cloud(axes, rng, samples)
    ok, m, holds = comp.eval_np(X)
    points, feasible = X.shape[1], int(ok.sum())
    if feasible == 0:
        return Outcome(BACKEND, "unknown",
                       f"no sampled point satisfies the hypotheses ({points} points, seed {seed}); "
                       f"they may be unsatisfiable or satisfied only on a thin set",
                       evidence=Evidence(points, 0, None, None, dps),
                       seconds=time.perf_counter() - t0)
    Xf, mf, tf = X[:, ok], m[ok], holds[ok]

    # 3. float coordinate search from the tightest points
    if len(axes):
        order = np.argsort(mf, kind="stable")
        starts = _distinct_columns(Xf, order, _STARTS_NP)
        Xs, ms, ts, n_eval = _search_np(comp, axes, rng, Xf[:, starts], mf[starts])
        points += n_eval
        feasible += Xs.shape[1]
        Xf, mf, tf = np.concatenate([Xf, Xs], axis=1), np.concatenate([mf, ms]), np.concatenate([tf, ts])
    # beside the tightest points, the first failing ones met (cloud, then search path): they
    # have moderate magnitudes and give short counterexamples
    X_first = Xf[:, np.nonzero(~tf)[0][:_K_MP]]

    # 4. mpmath re-evaluation of the tightest points and of the first failing ones
    order = np.argsort(mf, kind="stable")
    tight = _distinct_columns(Xf, order, _K_MP)
    evaluated: list[tuple[tuple, tuple]] = []
    seen, first = set(), set()
    for k, col in enumerate([Xf[:, j] for j in tight] + list(X_first.T)):
        p = _exact_from_float(axes, col)
        if k >= len(tight):
            first.add(p)
        if p not in seen:
            seen.add(p)
            r = comp.eval_mp(p, dps)
            if r is not None and r[0]:
                evaluated.append((p, r))
    evaluated.sort(key=lambda e: e[1][1])
    # 5. exact certification; if none, a short mpmath search from the tightest points and again
    ce = _certify(ob, comp, syms, axes, evaluated, first, dps)
    if ce is None and axes:
        searched = []
        for p, r in list(evaluated[:_STARTS_MP]):
            searched.extend(_search_mp(comp, axes, p, r[1], dps))
        points += len(searched)
        feasible += len(searched)
        searched.sort(key=lambda e: e[1][1])
        ce = _certify(ob, comp, syms, axes, searched, set(), dps)
        evaluated = sorted(evaluated + searched, key=lambda e: e[1][1])

    clearly_negative = False
    if evaluated:
        best_p, best_r = evaluated[0]
        with mpmath.workdps(dps):
            min_margin = mpmath.nstr(best_r[1], 15)
            noise = mpmath.mpf(10) ** (-(dps // 2)) * comp.scale_mp(best_p, dps)
            clearly_negative = bool(best_r[1] < -noise)
        argmin = _fmt_point(axes, names, best_p, dps)
    else:   # the tightest float points all fail the hypotheses in mpmath: report the float figures
        j = int(order[0])
        min_margin = f"{float(mf[j]):.15g}"
        argmin = {n: f"{float(Xf[i, j]):.17g}" for i, n in enumerate(names)}
    ev = Evidence(points, feasible, min_margin, argmin, dps)
    settings = {"seed": int(seed), "samples": int(samples), "dps": int(dps)}
    if ce is not None:
        ce = {n: str(c) for n, c in zip(names, ce)}
        return Outcome(BACKEND, "refuted",
                       f"counterexample certified in arb: {_show(ce)} satisfies every "
                       f"hypothesis and violates the conclusion (sampled margin {min_margin})",
                       counterexample=ce,
                       certificate=Certificate(BACKEND, "refuted",
                                               {"counterexample": ce, "checked_by": "arb", **settings}),
                       evidence=ev, seconds=time.perf_counter() - t0)
    cert = Certificate(BACKEND, "evidence", settings)
    if clearly_negative:
        return Outcome(BACKEND, "unknown",
                       f"mpmath found a negative margin {min_margin} at {_show(argmin)} but arb could "
                       f"not certify a counterexample there (undecided or unsupported function)",
                       certificate=cert, evidence=ev, seconds=time.perf_counter() - t0)
    detail = (f"{feasible} of {points} sampled points satisfy the hypotheses (conclusion defined); "
              f"smallest margin {min_margin}")
    if any(not r[2] for _, r in evaluated):
        detail += " (negative only at rounding level: no counterexample certified)"
    return Outcome(BACKEND, "evidence", detail, certificate=cert, evidence=ev,
                   seconds=time.perf_counter() - t0)


def _certify(ob, comp, syms, axes, evaluated, first, dps):
    """The simplest exact point near a failing evaluated point that arb certifies, or None.

    ``evaluated`` is sorted by margin; candidates come from the points in ``first`` (moderate
    magnitudes) and the ``_K_MP`` most negative ones, rounded to short rationals first.
    """
    failing = [p for p, r in evaluated if not r[2]]
    failing = [p for p in failing if p in first] + failing[:_K_MP]
    cands, seen = [], set()
    for p in failing:
        for c in _roundings(axes, p):
            if c not in seen:
                seen.add(c)
                cands.append(c)
    cands.sort(key=lambda c: sum(len(str(v)) for v in c))
    tries = 0
    for cand in cands:
        r = comp.eval_mp(cand, dps)
        if r is None or not r[0] or r[2]:
            continue
        tries += 1
        if tries > _MAX_REFUTE_TRIES:
            break
        if _certified_counterexample(ob, syms, cand):
            return cand
    return None


def feasible_point(ob: Obligation, *, seed: int = 0, samples: int = 2000) -> dict | None:
    """An exact point satisfying every domain range and hypothesis of ``ob``, or ``None``.

    Used to show that the hypotheses are satisfiable (so that a proof is not vacuous).
    The point is certified: every range holds exactly and :func:`arb_eval.holds` returns
    ``True`` for every hypothesis at the exact rationals.  ``None`` means no sampled point
    could be certified, which does not prove the hypotheses unsatisfiable.

    Returns
    -------
    dict mapping each variable name to a ``sympy.Rational`` (``sympy.Integer`` for integers).

    Raises
    ------
    LawauditError
        If ``seed`` or ``samples`` is not a valid value.
    """
    _validate("sampling.feasible_point", seed, samples)
    names = ob.domain.names()
    axes = [_Axis(v) for v in ob.domain.vars]
    syms = ob.domain.symbols()
    try:
        comp = _Compiled(syms, None, ob.all_hypotheses())
    except (BackendError, SyntaxError, TypeError, ValueError, NameError):
        return None
    X = _cloud(axes, np.random.default_rng(seed), samples)
    ok, _, _ = comp.eval_np(X)
    cands, seen = [], set()
    for j in np.nonzero(ok)[0][:_MAX_FEASIBLE_TRIES]:
        for c in _roundings(axes, _exact_from_float(axes, X[:, j])):
            if c not in seen:
                seen.add(c)
                cands.append(c)
    cands.sort(key=lambda c: sum(len(str(v)) for v in c))      # simplest first
    for cand in cands[:_MAX_FEASIBLE_TRIES]:
        if _certified_feasible(ob, syms, cand):
            return dict(zip(names, cand))
    return None


def _distinct_columns(X, order, k):
    out, seen = [], set()
    for j in order:
        key = tuple(X[:, j].tolist())
        if key in seen:
            continue
        seen.add(key)
        out.append(int(j))
        if len(out) >= k:
            break
    return np.array(out, dtype=int)


def _show(point):
    return ", ".join(f"{k} = {v}" for k, v in point.items()) or "(no variables)"
