"""Monte Carlo verdicts on probability bounds, with Clopper–Pearson confidence intervals.

A probability bound ``P(event) <= B`` is simulated at concrete parameters (by a model the caller
supplies): the event's empirical frequency ``k / N`` over ``N`` seeded replications gives a
two-sided Clopper–Pearson interval at ``level`` (default 99%).  :func:`compare` turns it into a
verdict:

* ``evidence`` when the upper end is below ``B`` (the bound is consistent with the simulation);
* ``refuted`` when the lower end is above ``B`` — a *statistical* refutation at that confidence
  level, not a certified counterexample (the parameters, seed and counts are reported);
* ``unknown`` otherwise.

It is never ``proved``: Monte Carlo is not among :data:`~symbolic.verdict.SOUND_BACKENDS`.

Clopper–Pearson: C. J. Clopper and E. S. Pearson, Biometrika 26 (1934) 404-413; the beta quantiles
are computed in mpmath (regularized incomplete beta by its continued fraction, Numerical Recipes
3rd ed. §6.4, inverted by bisection).

>>> lo, hi = clopper_pearson(0, 100)
>>> float(lo), round(float(hi), 4)
(0.0, 0.0516)
"""
from __future__ import annotations

import mpmath
import sympy

from ..errors import DerivationError
from ..verdict import Evidence, Outcome

__all__ = ["clopper_pearson", "compare", "BACKEND"]

BACKEND = "monte-carlo"


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
