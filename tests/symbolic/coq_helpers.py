"""Shared by the Coq tests: obligations from strings, and the markers that skip coqc tests where
coqc or csdp is missing."""
from __future__ import annotations

import shutil

import pytest
import sympy

from symbolic.coq import runner
from symbolic.coq.export import export
from symbolic.domain import Domain, Obligation

needs_coqc = pytest.mark.skipif(runner.coqc_path() is None, reason="coqc is not on the PATH "
                                "(Debian: apt-get install coq libcoq-interval)")
needs_csdp = pytest.mark.skipif(shutil.which("csdp") is None, reason="csdp is not on the PATH "
                                "(Debian: apt-get install coinor-csdp), so psatz cannot search")


#: coqc's time for a file that must fail: a false statement, or a true one with the plan under test
#: switched off.  The true statements of these tests are checked in 3 s at most on a 2-core machine, and a
#: plan that wrongly closed a false goal would take about as long, so a file still running after more
#: than twice that has failed either way (it was 15-20 s, and six files ran to it: 50 s more CPU).
FALSE_TIMEOUT = 8


def obligation(specs, concl, hyps=()):
    """The obligation ``hyps => concl`` over the variables ``specs`` (``lawaudit check`` syntax)."""
    D = Domain.parse(specs)
    names = D.symbol_map()
    conclusion = sympy.sympify(concl, locals=names)
    if conclusion in (sympy.true, sympy.false):      # an identity SymPy decides: kept as written
        conclusion = sympy.sympify(concl, locals=names, evaluate=False)
    return Obligation(conclusion, tuple(sympy.sympify(h, locals=names) for h in hyps), D)


def check_exported(ob, tmp_path, name="s.v", timeout=120):
    """coqc's outcome on the file exported for ``ob`` (``timeout``: :data:`FALSE_TIMEOUT` where it must fail)."""
    path = tmp_path / name
    path.write_text(export(ob).text)
    return runner.check_file(str(path), ob, timeout=timeout)
