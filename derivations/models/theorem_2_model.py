"""The probability model of Theorem 2's Monte Carlo cross-checks (Section 2, (2.1)-(2.4)).

The model (Theorem 2 with ``k = 1``), chosen so that every quantity of the proof
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

The verdict on each simulated frequency is :func:`symbolic.backends.montecarlo.compare`.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

import mpmath
import numpy as np
import sympy

from symbolic.backends.montecarlo import BACKEND, clopper_pearson, compare
from symbolic.errors import DerivationError
from symbolic.verdict import Outcome

__all__ = ["Setting", "Simulation", "simulate", "simulate_isoperimetric_variable", "clopper_pearson",
           "compare", "stated_bound", "cross_check", "experiment", "EVENTS", "BACKEND"]

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
