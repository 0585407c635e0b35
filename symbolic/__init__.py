"""lawaudit's engine: obligations, backends, the trusted kernel and the audit.

It knows nothing about any particular paper; a paper module (:mod:`symbolic.papers`) encodes one.

Public surface (docs/design.md): :func:`symbolic.check` -- one inequality, one honest verdict::

    >>> import symbolic
    >>> symbolic.check("exp(x) >= 1 + x", domain=["x: real"]).verdict
    'proved'

``symbolic.check`` is loaded on first use, so ``import symbolic`` stays light (no SymPy).
The module of the same name stays importable: ``from symbolic.check import check_obligation``.
"""
import sys as _sys
import types as _types

__all__ = ["check"]


class _Package(_types.ModuleType):
    """Keeps ``symbolic.check`` the function even after the submodule ``symbolic.check`` loads.

    Importing a submodule normally rebinds the package attribute of the same name to the
    module; the function is what users call, so that one rebinding is skipped (the module
    remains in ``sys.modules['symbolic.check']``).
    """

    def __setattr__(self, name, value):
        if name == "check" and isinstance(value, _types.ModuleType):
            return
        super().__setattr__(name, value)

    def __getattr__(self, name):
        if name == "check":
            from .check import check as fn
            _types.ModuleType.__setattr__(self, "check", fn)
            return fn
        raise AttributeError(f"module 'symbolic' has no attribute {name!r}")


_sys.modules[__name__].__class__ = _Package
