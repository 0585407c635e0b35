"""Monte Carlo cross-checks of probability bounds, with Clopper–Pearson confidence intervals.

A probability bound ``P(event) <= B`` is simulated at concrete parameters: the event's empirical
frequency ``k / N`` over ``N`` seeded replications gives a two-sided Clopper–Pearson interval at
``level`` (default 99%).  The verdict is

* ``evidence`` when the upper end is below ``B`` (the bound is consistent with the simulation);
* ``refuted`` when the lower end is above ``B`` — a *statistical* refutation at that confidence
  level, not a certified counterexample (the parameters, seed and counts are reported);
* ``unknown`` otherwise.

It is never ``proved``: Monte Carlo is not among :data:`~symbolic.verdict.SOUND_BACKENDS`.

The model (Bubeck & Sellke, Theorem 2 with ``k = 1``), chosen so that every quantity of the proof
is explicit:

* covariates ``x ~ N(0, I_d / d)``, which satisfies ``c``-isoperimetry with ``c = 1``
  (:data:`~symbolic.concentration.GAUSSIAN_CONCENTRATION`);
* target ``g(x) = g_scale * clip(sqrt(d) x_2, -1, 1)``, labels ``y in {-1, 1}`` with
  ``P(y = 1 | x) = (1 + g(x)) / 2``, so ``E[y | x] = g(x)`` and the noise ``z = y - g(x)`` has
  ``|z| <= 2``, ``E[z | x] = 0``;
* the fitted function ``f(x) = clip(L x_1, -1, 1)``: linear before clipping, ``L``-Lipschitz, range
  ``[-1, 1]``, ``E f = 0`` by symmetry.

``f`` and ``g`` read only ``x_1`` and ``x_2``, whose coordinates are independent ``N(0, 1/d)``, so
only those two coordinates are drawn (exact, not an approximation).  Needs ``d >= 2``.

Clopper–Pearson: C. J. Clopper and E. S. Pearson, Biometrika 26 (1934) 404-413; the beta quantiles
are computed in mpmath (regularized incomplete beta by its continued fraction, Numerical Recipes
3rd ed. §6.4, inverted by bisection).

>>> lo, hi = clopper_pearson(0, 100)
>>> float(lo), round(float(hi), 4)
(0.0, 0.0516)
"""
from __future__ import annotations

import time
from dataclasses import dataclass

import mpmath
import numpy as np
import sympy

from ..errors import DerivationError
from ..verdict import Evidence, Outcome

__all__ = ["Setting", "Simulation", "simulate", "simulate_isoperimetric_variable", "clopper_pearson",
           "compare", "stated_bound", "cross_check", "experiment", "EVENTS", "BACKEND"]

BACKEND = "monte-carlo"
_CHUNK_DRAWS = 2_000_000   # draws per vectorised chunk (memory ~ 50 MB)


@dataclass(frozen=True)
class Setting:
    """Concrete parameters: ``n`` samples, dimension ``d >= 2``, Lipschitz constant ``L > 0`` of ``f``,
    isoperimetry constant ``c`` (1 for the Gaussian), noise shape ``g_scale`` in ``[0, 1]``.

    Raises :class:`DerivationError` on out-of-range values.
    """

    n: int
    d: int
    L: float = 1.0
    c: float = 1.0
    g_scale: float = 0.5

    def __post_init__(self):
        if int(self.n) != self.n or self.n < 1:
            raise DerivationError(f"Setting: n must be an integer >= 1, got {self.n!r}")
        if int(self.d) != self.d or self.d < 2:
            raise DerivationError(f"Setting: d must be an integer >= 2 (f reads x_1, g reads x_2), got {self.d!r}")
        if not self.L > 0 or not self.c > 0:
            raise DerivationError(f"Setting: L and c must be positive, got L={self.L!r}, c={self.c!r}")
        if not 0 <= self.g_scale <= 1:
            raise DerivationError(f"Setting: g_scale must lie in [0, 1], got {self.g_scale!r}")

    def sigma2(self) -> mpmath.mpf:
        """``sigma^2 = E Var[y|x] = 1 - g_scale^2 E[clip(G, -1, 1)^2]``, ``G ~ N(0, 1)`` (exact formula)."""
        with mpmath.workdps(30):
            clip2 = mpmath.erf(1 / mpmath.sqrt(2)) - mpmath.sqrt(2 / mpmath.pi) * mpmath.exp(-0.5) \
                + mpmath.erfc(1 / mpmath.sqrt(2))
            return 1 - mpmath.mpf(self.g_scale) ** 2 * clip2

    def to_json(self) -> dict:
        return {"n": self.n, "d": self.d, "L": self.L, "c": self.c, "g_scale": self.g_scale}


@dataclass(frozen=True)
class Simulation:
    """Per-replication statistics, each an array of shape ``(reps,)``:

    ``mean_z2 = (1/n) sum z_i^2``, ``mean_zg = (1/n) sum z_i g(x_i)``,
    ``mean_fz = (1/n) sum (f(x_i) - E f) z_i``, ``mean_z = (1/n) sum z_i`` and
    ``S = sqrt(d / (c n L^2)) sum (f(x_i) - E f) z_i`` (Proposition 1.2's variable in Theorem 2).
    """

    setting: Setting
    seed: int
    mean_z2: np.ndarray
    mean_zg: np.ndarray
    mean_fz: np.ndarray
    mean_z: np.ndarray
    S: np.ndarray

    @property
    def reps(self) -> int:
        return int(self.mean_z.shape[0])


def _chunks(reps: int, n: int):
    per = max(1, _CHUNK_DRAWS // n)
    return [min(per, reps - i) for i in range(0, reps, per)]


def _progress(sizes, progress, t_first):
    """A tqdm bar when asked (``True``) or when the run is projected to last over 2 s (``None``)."""
    if progress is False or len(sizes) <= 1:
        return None
    if progress is None and t_first * len(sizes) <= 2.0:
        return None
    from tqdm.auto import tqdm
    return tqdm(total=len(sizes), initial=1, desc="monte-carlo", unit="chunk")


def _draw(rng, s: Setting, m: int):
    x1 = rng.standard_normal((m, s.n)) / np.sqrt(s.d)
    x2 = rng.standard_normal((m, s.n)) / np.sqrt(s.d)
    u = rng.random((m, s.n))
    g = s.g_scale * np.clip(np.sqrt(s.d) * x2, -1.0, 1.0)
    y = np.where(u < (1.0 + g) / 2.0, 1.0, -1.0)
    z = y - g
    f = np.clip(s.L * x1, -1.0, 1.0)     # E f = 0 by symmetry
    return z, g, f


def simulate(setting: Setting, reps: int, *, seed: int = 0, progress: bool | None = None) -> Simulation:
    """Simulate ``reps`` data sets of ``setting.n`` pairs; vectorised in chunks, seeded.

    ``progress``: ``None`` shows a tqdm bar only when the run is projected to take over ~2 s,
    ``False`` never (notebooks, tests), ``True`` always.  Same seed, same output.
    """
    if int(reps) != reps or reps < 1:
        raise DerivationError(f"simulate: reps must be an integer >= 1, got {reps!r}")
    rng = np.random.default_rng(seed)
    s = setting
    out = {k: [] for k in ("mean_z2", "mean_zg", "mean_fz", "mean_z", "S")}
    sizes = _chunks(int(reps), s.n)
    bar = None
    for j, m in enumerate(sizes):
        t0 = time.perf_counter()
        z, g, f = _draw(rng, s, m)
        out["mean_z2"].append((z * z).mean(axis=1))
        out["mean_zg"].append((z * g).mean(axis=1))
        fz = (f * z).sum(axis=1)
        out["mean_fz"].append(fz / s.n)
        out["mean_z"].append(z.mean(axis=1))
        out["S"].append(np.sqrt(s.d / (s.c * s.n * s.L ** 2)) * fz)
        if j == 0:
            bar = _progress(sizes, progress, time.perf_counter() - t0)
        elif bar is not None:
            bar.update(1)
    if bar is not None:
        bar.close()
    return Simulation(s, seed, **{k: np.concatenate(v) for k, v in out.items()})


def simulate_isoperimetric_variable(setting: Setting, reps: int, *, seed: int = 0) -> np.ndarray:
    """``reps`` draws of ``Y = sqrt(d/c) (f(x) - E f) / L`` for one ``x ~ N(0, I_d/d)`` (shape ``(reps,)``).

    With ``c = 1`` and ``L <= sqrt(d) / t``, ``P(|Y| >= t) = erfc(t / sqrt 2)`` exactly (``Y`` is a
    standard normal clipped at ``sqrt(d)/L``).
    """
    rng = np.random.default_rng(seed)
    x1 = rng.standard_normal(int(reps)) / np.sqrt(setting.d)
    return np.sqrt(setting.d / setting.c) * np.clip(setting.L * x1, -1.0, 1.0) / setting.L


# -- Clopper–Pearson ---------------------------------------------------------------------------

def _betainc_cf(a, b, x):
    """Regularized incomplete beta ``I_x(a, b)`` by its continued fraction (modified Lentz)."""
    if x <= 0:
        return mpmath.mpf(0)
    if x >= 1:
        return mpmath.mpf(1)
    if x > (a + 1) / (a + b + 2):
        return 1 - _betainc_cf(b, a, 1 - x)
    front = mpmath.exp(a * mpmath.log(x) + b * mpmath.log1p(-x) - mpmath.log(mpmath.beta(a, b))) / a
    tiny, tol = mpmath.mpf(10) ** (-(mpmath.mp.dps + 10)), mpmath.mpf(10) ** (-(mpmath.mp.dps - 5))
    f, C, D = mpmath.mpf(1), mpmath.mpf(1), mpmath.mpf(0)
    for i in range(200000):
        m = i // 2
        if i == 0:
            num = mpmath.mpf(1)
        elif i % 2 == 0:
            num = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
        else:
            num = -((a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1))
        D = 1 + num * D
        D = 1 / (D if abs(D) > tiny else tiny)
        C = 1 + num / (C if abs(C) > tiny else tiny)
        cd = C * D
        f *= cd
        if abs(1 - cd) < tol:
            return front * (f - 1)
    raise DerivationError(f"clopper_pearson: the incomplete beta I_{x}({a}, {b}) did not converge")


def _beta_quantile(q, a, b):
    lo, hi = mpmath.mpf(0), mpmath.mpf(1)
    for _ in range(200):
        mid = (lo + hi) / 2
        if _betainc_cf(a, b, mid) < q:
            lo = mid
        else:
            hi = mid
        if hi - lo < mpmath.mpf(10) ** (-(mpmath.mp.dps - 3)):
            break
    return (lo + hi) / 2


def clopper_pearson(k: int, N: int, level: float = 0.99):
    """Two-sided Clopper–Pearson interval ``(lo, hi)`` (mpmath numbers) for ``k`` successes in ``N`` trials.

    ``lo = Beta^{-1}(alpha/2; k, N-k+1)`` (0 when k = 0), ``hi = Beta^{-1}(1-alpha/2; k+1, N-k)``
    (1 when k = N), ``alpha = 1 - level``.  Raises :class:`DerivationError` on bad counts.
    """
    if not (0 <= k <= N) or N < 1 or int(k) != k or int(N) != N:
        raise DerivationError(f"clopper_pearson: need integers 0 <= k <= N, N >= 1; got k={k!r}, N={N!r}")
    if not 0 < level < 1:
        raise DerivationError(f"clopper_pearson: level must lie in (0, 1), got {level!r}")
    with mpmath.workdps(30):
        alpha = 1 - mpmath.mpf(repr(level))
        lo = mpmath.mpf(0) if k == 0 else _beta_quantile(alpha / 2, k, N - k + 1)
        hi = mpmath.mpf(1) if k == N else _beta_quantile(1 - alpha / 2, k + 1, N - k)
        return +lo, +hi


def compare(count: int, reps: int, bound, *, level: float = 0.99, what: str = "event",
            parameters: dict | None = None, seconds: float = 0.0) -> Outcome:
    """The Monte Carlo verdict on ``P(event) <= bound`` from ``count`` hits in ``reps`` replications.

    ``bound`` is an exact SymPy number (or a Python number); it is evaluated in mpmath at 30 digits.
    """
    with mpmath.workdps(30):
        B = mpmath.mpf(sympy.N(sympy.sympify(bound), 30)) if not isinstance(bound, mpmath.mpf) else bound
        lo, hi = clopper_pearson(int(count), int(reps), level)
        freq = mpmath.mpf(int(count)) / int(reps)
        pct = f"{100 * level:g}%"
        figures = (f"{what}: {count}/{reps} = {mpmath.nstr(freq, 4)}, {pct} Clopper-Pearson "
                   f"[{mpmath.nstr(lo, 4)}, {mpmath.nstr(hi, 4)}], stated bound {mpmath.nstr(B, 4)}")
        params = {k: str(v) for k, v in (parameters or {}).items()}
        ev = Evidence(points=int(reps), feasible=int(reps), min_margin=f"{float(B - hi):.4g}",
                      argmin=params or None, dps=30, regime={k: [v, v] for k, v in params.items()})
        if hi < B:
            return Outcome(BACKEND, "evidence", figures + " (upper end below the bound)", None, None, ev, seconds)
        if lo > B:
            ce = dict(params, count=str(count), reps=str(reps), level=str(level))
            return Outcome(BACKEND, "refuted", figures + " (lower end above the bound: refuted at this "
                           "confidence level, a statistical not a certified counterexample)", ce, None, ev, seconds)
        return Outcome(BACKEND, "unknown", figures + " (the interval contains the bound)", None, None, ev, seconds)


# -- the events of Lemma 2.1 / Theorem 2 ---------------------------------------------------------

def _events(sim: Simulation, eps: float):
    sig2 = float(sim.setting.sigma2())
    return {
        "(2.1)": sim.mean_z2 <= sig2 - eps / 6,
        "(2.2)": sim.mean_zg <= -eps / 6,
        "(2.3)": sim.mean_fz >= eps / 6,
        "(2.4)": np.abs(sim.mean_z) >= eps / 6,
    }


#: The events simulated, with the paper's text of each.
EVENTS = {
    "(2.1)": r"(1/n) sum z_i^2 <= sigma^2 - eps/6",
    "(2.2)": r"(1/n) sum z_i g(x_i) <= -eps/6",
    "(2.3)": r"(1/n) sum (f(x_i) - E f) z_i >= eps/6",
    "(2.4)": r"|(1/n) sum z_i| >= eps/6",
}


def stated_bound(event: str, setting: Setting, eps) -> sympy.Expr:
    """The paper's bound for ``event`` at these parameters, as an exact SymPy number.

    (2.1), (2.2): ``exp(-n eps^2 / 8^3)``; (2.3): ``2 exp(-eps^2 n d / (8^4 c L^2))``;
    (2.4): Hoeffding as the paper applies it, ``2 exp(-n eps^2 / 8^3)``.
    """
    n, d = sympy.Integer(setting.n), sympy.Integer(setting.d)
    L, c = sympy.Rational(repr(setting.L)), sympy.Rational(repr(setting.c))
    e = sympy.Rational(repr(eps)) if not isinstance(eps, sympy.Basic) else eps
    table = {
        "(2.1)": sympy.exp(-n * e ** 2 / 8 ** 3),
        "(2.2)": sympy.exp(-n * e ** 2 / 8 ** 3),
        "(2.3)": 2 * sympy.exp(-e ** 2 * n * d / (8 ** 4 * c * L ** 2)),
        "(2.4)": 2 * sympy.exp(-n * e ** 2 / 8 ** 3),
    }
    if event not in table:
        raise DerivationError(f"stated_bound: unknown event {event!r}; known: {', '.join(table)}")
    return table[event]


def cross_check(event: str, setting: Setting, eps: float, *, reps: int = 20000, seed: int = 0,
                bound=None, level: float = 0.99, progress: bool | None = None,
                simulation: Simulation | None = None) -> Outcome:
    """Simulate ``event`` ("(2.1)" ... "(2.4)") and compare its frequency with ``bound``
    (default: the paper's :func:`stated_bound`).  Returns an :class:`~symbolic.verdict.Outcome`
    with backend ``monte-carlo``.  A ready ``simulation`` may be passed to reuse the draws.
    """
    if event not in EVENTS:
        raise DerivationError(f"cross_check: unknown event {event!r}; known: {', '.join(EVENTS)}")
    if not 0 < eps:
        raise DerivationError(f"cross_check: eps must be positive, got {eps!r}")
    t0 = time.perf_counter()
    sim = simulation if simulation is not None else simulate(setting, reps, seed=seed, progress=progress)
    hits = int(_events(sim, eps)[event].sum())
    B = stated_bound(event, setting, eps) if bound is None else bound
    params = dict(setting.to_json(), eps=eps, seed=sim.seed)
    return compare(hits, sim.reps, B, level=level, what=f"{event} {EVENTS[event]}", parameters=params,
                   seconds=time.perf_counter() - t0)


#: The concrete parameters of the audit's Monte Carlo cross-checks (the notebook uses the same).
AUDIT_SETTING = Setting(n=200, d=16, L=1.0, g_scale=0.5)
AUDIT_EPS = 0.5
AUDIT_REPS = 5000


def experiment(event: str, *, setting: Setting = AUDIT_SETTING, eps: float = AUDIT_EPS, reps: int = AUDIT_REPS):
    """A step experiment (``symbolic.proof.Step.experiment``): ``seed -> Outcome`` simulating ``event``
    ("(2.1)" ... "(2.4)") at fixed parameters against the paper's bound; evidence, refuted or unknown."""
    if event not in EVENTS:
        raise DerivationError(f"experiment: unknown event {event!r}; known: {', '.join(EVENTS)}")

    def run(seed: int) -> Outcome:
        return cross_check(event, setting, eps, reps=reps, seed=seed, progress=False)
    run.__doc__ = f"Monte Carlo cross-check of {event} at {setting}, eps = {eps}, {reps} replications."
    return run
