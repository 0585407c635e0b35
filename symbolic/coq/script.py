"""The proof script of an exported obligation.

The script mirrors the z3 backend's sound abstraction, but every fact is a Coq lemma:

* ``exp u``: ``exp_pos``, ``exp_ineq1_le`` (``1 + u <= exp u``); ``ln u`` (once ``0 < u`` is
  proved): ``ln u <= u - 1`` and ``ln u * u >= u - 1``; ``sqrt u``: ``sqrt_pos`` and, once
  ``0 <= u`` is proved, ``sqrt u ^ 2 = u``; a divisor ``D`` proved positive or non-zero:
  ``0 < / D`` and ``D * / D = 1``;
* monotonicity of ``exp`` and ``ln`` between every two such terms, by a case split on the
  order of their arguments;
* each transcendental constant (``PI``, ``ln 60``, ``sqrt 2``) enclosed between two rationals
  by the Interval library's ``interval`` tactic;
* then ``la_cases`` (splits on ``Rabs``, ``Rmax``, ``Rmin``) and ``la_solve`` (splits the
  goal's conjunctions and disjunctions, then ``lra``, ``nra`` or ``field``).

A step that fails leaves the goal unproved, so coqc rejects the file: the script can never
make a false statement pass (Coq checks it), only fail to prove a true one.
"""
from __future__ import annotations

import sympy

from .terms import Translator

__all__ = ["proof_script", "MAX_SPLITS"]

#: Largest number of monotonicity case splits (each doubles the goals).
MAX_SPLITS = 6

_POS = "first [assumption | lra | nra]"


def _enclosure(c, digits: int = 15) -> tuple[sympy.Rational, sympy.Rational]:
    """Rationals ``lo < c < hi`` about ``10^-digits`` apart (relative), from a 40-digit value."""
    v = sympy.N(c, 40)
    scale = sympy.Integer(10) ** (digits - max(0, int(sympy.floor(sympy.log(abs(v) + 1, 10)))))
    lo = sympy.Rational(sympy.floor(v * scale) - 1, scale)
    hi = sympy.Rational(sympy.ceiling(v * scale) + 1, scale)
    return lo, hi


def _facts(tr: Translator) -> tuple[list[str], bool]:
    """The fact-gathering commands (before the case splits) and whether Interval is needed."""
    out, interval, n = [], False, 0
    for kind, arg in list(tr.atoms):
        n += 1
        fixed = _at_pinned(tr, kind, arg)
        if fixed is not None and ("const", fixed) not in tr.atoms:
            lo, hi = _enclosure(fixed)
            out.append(f"try (assert ({_q(lo)} <= {_pinned_term(tr, fixed)} <= {_q(hi)}) by interval with (i_prec 80)).")
            interval = True
        if kind == "exp":
            u = tr.term(arg)
            out += [f"pose proof (exp_pos {u}).", f"pose proof (exp_ineq1_le {u})."]
        elif kind == "ln":
            u = tr.term(arg)
            out.append(f"try (assert (0 < {u}) as P{n} by {_POS}; pose proof (la_ln_upper _ P{n}); "
                       f"pose proof (la_ln_lower _ P{n})).")
        elif kind == "sqrt":
            u = tr.term(arg)
            out += [f"pose proof (sqrt_pos {u}).",
                    f"try (assert (0 <= {u}) as P{n} by {_POS}; pose proof (la_sqrt_sq _ P{n}))."]
        elif kind == "inv":
            out += [f"try (assert (0 < {arg}) as P{n} by {_POS}; pose proof (la_inv_pos _ P{n})).",
                    f"try (assert ({arg} <> 0) as N{n} by (first [assumption | lra | nra]); "
                    f"pose proof (Rinv_r _ N{n}))."]
        elif kind == "const" and not (arg.is_Rational):
            lo, hi = _enclosure(arg)
            c = tr.term(arg)
            out.append(f"assert ({_q(lo)} <= {c} <= {_q(hi)}) by interval with (i_prec 80).")
            interval = True
    return out, interval


def _at_pinned(tr: Translator, kind: str, arg):
    """The constant an exp/ln/sqrt term becomes once its pinned variables are replaced by their
    values (None when a free variable is left, or the value is rational)."""
    if kind not in ("exp", "ln", "sqrt") or isinstance(arg, str) or not arg.free_symbols:
        return None
    if not all(s.name in tr.pinned for s in arg.free_symbols):
        return None
    value = arg.xreplace({s: tr.pinned[s.name] for s in arg.free_symbols})
    fn = {"exp": sympy.exp, "ln": sympy.log, "sqrt": sympy.sqrt}[kind]
    c = fn(value)
    return None if c.is_Rational or not value.is_Rational or (kind != "exp" and value <= 0) else c


def _pinned_term(tr: Translator, c) -> str:
    """Coq text of the constant ``c`` as it reads after the pinned rewrite (``sqrt 2``)."""
    if c.is_Pow:                              # sqrt(a) is Pow(a, 1/2)
        return f"(sqrt {_q(c.base)})"
    return f"({'exp' if c.func is sympy.exp else 'ln'} {_q(c.args[0])})"


def _q(r) -> str:
    return f"({int(r.p)} / {int(r.q)})" if r.q != 1 else f"({int(r.p)})"


def _splits(tr: Translator) -> list[str]:
    """Case splits giving the order of every two exp (and ln) terms' values, and of each one
    with ``exp 0 = 1`` (``ln 1 = 0``)."""
    out, k = [], 0
    idx = {a: f"P{i + 1}" for i, a in enumerate(tr.atoms)}
    idx[("ln", sympy.Integer(1))] = "Rlt_0_1"
    for kind, unit, lemma_le, lemma_lt in (
            ("exp", sympy.Integer(0), "la_exp_le _ _ C{k}", "exp_increasing _ _ C{k}"),
            ("ln", sympy.Integer(1), "la_ln_le _ _ {i} C{k}", "ln_increasing _ _ {j} C{k}")):
        args = [a for kd, a in tr.atoms if kd == kind]
        args = args + ([unit] if args and unit not in args else [])
        for i in range(len(args)):
            for j in range(i + 1, len(args)):
                k += 1
                if k > MAX_SPLITS:
                    return out
                u1, u2 = tr.term(args[i]), tr.term(args[j])
                le = lemma_le.format(k=k, i=idx.get((kind, args[i]), "P0"), j=idx.get((kind, args[j]), "P0"))
                lt = lemma_lt.format(k=k, i=idx.get((kind, args[i]), "P0"), j=idx.get((kind, args[j]), "P0"))
                out.append(f"all: destruct (Rle_lt_dec {u1} {u2}) as [C{k}|C{k}]; "
                           f"[try pose proof ({le}) | try pose proof ({lt})].")
    if out:
        out.append("all: rewrite ?exp_0, ?ln_1 in *.")
    return out


def _pinned(tr: Translator) -> list[str]:
    """A variable whose range is one point: its value, as hypothesis ``E<i>``."""
    out = []
    for i, (name, value) in enumerate(tr.pinned.items()):
        var = f"(IZR v_{name})" if tr.kinds[name] == "integer" else f"v_{name}"
        out.append(f"assert ({var} = {_q(value)}) as E{i + 1} by lra.")
    return out


def _pinned_rewrite(tr: Translator) -> list[str]:
    """Once every fact is stated, the pinned variables are replaced by their values everywhere."""
    return [f"all: try rewrite E{i + 1} in *." for i in range(len(tr.pinned))]


#: Largest number of monomial sign facts asserted.
MAX_MONOMIALS = 12


def _monomials(tr: Translator, exprs) -> list[str]:
    """``0 <= m`` for the products of two or more non-constant factors in ``exprs`` and in the
    exp and ln arguments (proved factor by factor by ``la_nonneg``; skipped when it fails)."""
    seen, out = [], []
    pool = list(exprs) + [a for kd, a in tr.atoms if kd in ("exp", "ln")]
    for e in pool:
        for sub in sympy.preorder_traversal(e):
            if not isinstance(sub, sympy.Mul):
                continue
            factors = [f for f in sub.args if not f.is_Number]
            if len(factors) < 2:
                continue
            m = sympy.Mul(*factors, evaluate=False)
            if m not in seen:
                seen.append(m)
    for m in seen[:MAX_MONOMIALS]:
        out.append(f"try (assert (0 <= {tr.term(m)}) by la_nonneg).")
    return out


def proof_script(tr: Translator, intro_names: list[str], exprs=()) -> tuple[str, bool]:
    """``(script, needs_interval)`` for a statement already translated by ``tr``.

    ``intro_names``: the names of the binders then the premises, in order; ``exprs``: the SymPy
    conclusion and hypotheses (for the monomial sign facts).
    """
    lines = [f"intros {' '.join(intro_names)}." if intro_names else "idtac."]
    if tr.uses_rpower:
        lines.append("unfold Rpower in *.")
    lines.append("la_prep.")
    lines += _pinned(tr)
    if tr.has_ln:
        lines.append("la_ln_split.")
    facts, interval = _facts(tr)
    lines += facts
    lines += _monomials(tr, exprs)
    lines += _splits(tr)
    lines += _pinned_rewrite(tr)
    if tr.has_piecewise:
        lines.append("all: la_cases.")
    lines.append("all: la_solve.")
    return "\n".join("  " + ln for ln in lines), interval
