"""In-process memo of pure, seeded computations on obligations (the speed work of issue 15).

An audit asks the same question many times: the constant search (:mod:`symbolic.tightest`) checks
instances whose hypotheses are the step's own, the engine's repairs (:mod:`symbolic.propagate`) re-check
what the search already checked, and the definedness gate and the exact backend both send the same
side conditions to z3.  Every such computation is a deterministic function of the obligation's
canonical text (:meth:`symbolic.domain.Obligation.key`) and its settings (seed, samples, digits,
timeout), so inside one audit its answer is computed once and handed out again, unchanged.

Nothing is kept on disk and nothing outlives the :func:`scope` (one audit, one ``explain``); a
backend is never skipped: each answer was computed by that backend, in this process, for a question
with the same canonical text and settings.  Outside a scope (the public :func:`symbolic.check.check`,
the unit tests, the soundness gate) every call computes afresh.  ``LAWAUDIT_NO_MEMO=1`` turns the
memo off everywhere (for measuring today's path).
"""
from __future__ import annotations

import contextlib
import os

__all__ = ["scope", "enable", "active", "cached", "obligation_key", "hypotheses_key"]

_STORE: dict | None = None
_KEYS: dict = {}          # id(obligation) -> (obligation, key, hypotheses key): the object is kept alive


def _disabled() -> bool:
    return os.environ.get("LAWAUDIT_NO_MEMO", "") not in ("", "0")


def active() -> bool:
    """Whether answers are memoised now."""
    return _STORE is not None


@contextlib.contextmanager
def scope():
    """Memoise inside the ``with`` block (re-entrant: an inner scope shares the outer one)."""
    global _STORE
    if _STORE is not None or _disabled():
        yield
        return
    _STORE = {}
    try:
        yield
    finally:
        _STORE = None
        _KEYS.clear()


def enable() -> None:
    """Memoise for the rest of this process (an audit's worker process)."""
    global _STORE
    if _STORE is None and not _disabled():
        _STORE = {}


def _keys(ob):
    hit = _KEYS.get(id(ob))
    if hit is None or hit[0] is not ob:
        import sympy
        parts = [sympy.srepr(h) for h in ob.hypotheses] + [repr(v.to_json()) for v in ob.domain]
        hit = (ob, "|".join([sympy.srepr(ob.conclusion)] + parts), "|".join(parts))
        _KEYS[id(ob)] = hit
    return hit


def obligation_key(ob) -> str:
    """:meth:`Obligation.key`, the same text, computed once per object while memoising."""
    if _STORE is None:
        return ob.key()
    return _keys(ob)[1]


def hypotheses_key(ob) -> str:
    """The canonical text of the hypotheses and the domain (what does not depend on the conclusion)."""
    return _keys(ob)[2]


def cached(kind: str, key, compute):
    """``compute()``, or its earlier answer for the same ``(kind, key)`` inside a scope.
    Exceptions are not memoised (they propagate each time)."""
    if _STORE is None:
        return compute()
    k = (kind, key)
    if k in _STORE:
        return _STORE[k]
    out = compute()
    _STORE[k] = out
    return out
