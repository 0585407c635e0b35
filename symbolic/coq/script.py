"""The proof script of an exported obligation: a few proof plans, tried in order.

Before any plan, two ``exp`` (``ln``, ``sqrt``) terms whose arguments are equal as polynomials
get one spelling (``replace ... by field``).  Every fact a plan uses is a Coq lemma:

* ``exp u``: ``exp_pos``, ``exp_ineq1_le`` (``1 + u <= exp u``);
* ``ln u``, once ``0 < u`` is proved: ``0 < ln u`` when ``1 < u`` is proved, ``0 <= ln u`` when
  ``1 <= u`` is, ``ln u <= 0`` when ``u <= 1`` is; in the full plan ``ln u <= u - 1`` and
  ``ln u * u >= u - 1``;
* ``sqrt u``: ``sqrt_pos``; ``sqrt u ^ 2 = u`` once ``0 <= u`` is proved, ``1 <= sqrt u`` once
  ``1 <= u`` is;
* a divisor ``D`` proved positive or non-zero: ``0 < / D`` and ``D * / D = 1``;
* monotonicity of ``exp`` and ``ln`` between two such terms whose arguments' order is proved;
* each transcendental constant (``PI``, ``ln 60``, ``sqrt 2``) enclosed between two rationals
  by the Interval library's ``interval`` tactic;
* ``0 <= (x - y)^2`` and ``0 <= (x + y)^2`` for the variables of the quadratic monomials.

The plans, each inside ``solve`` (so that a plan either closes the goal or is undone):

1. **squares** (polynomial statements): the square facts, then ``lra`` over the monomials;
   **bounds** (polynomial statements with squares): ``x^2 <= y^2`` read as ``-y <= x <= y``, and a
   goal ``X^2 <= Y^2`` proved from ``-Y <= X <= Y``; **products**: ``0 <= u^2`` for each squared
   base ``u``, then ``nra`` (which multiplies them with the hypotheses); **conjuncts**: for a
   conjunction, the bounds and squares, then each conjunct in turn, the ones proved before it
   among its hypotheses; **geometric mean** (polynomial statements): ``x y <= T`` for two
   variables multiplied in the conclusion whose squares are bounded by hypotheses with
   ``x^2 y^2 <= T^2``, then ``nra``;
2. for an equation between products of square roots and constants (alone or in a
   conjunction), **squared**: both sides proved non-negative, squared, ``sqrt u ^ 2 = u``, then
   ``field``; **cleared** (polynomial statements, divisions allowed, ``exp``, ``ln`` and square
   roots read as atoms): the conclusion's denominators multiplied out, then ``psatz`` (csdp finds
   a Positivstellensatz certificate, Coq checks it); **logarithms** (an equation between products
   with ``exp``, ``sqrt`` or ``x^y``): ``ln`` of both sides, expanded into sums, then ``field``;
   **lean**: the facts above without case splits, an equation ``x = e`` substituted, then
   ``la_solve`` (which also tries ``exp a <= exp b`` from ``a <= b``, and ``field``); after it,
   the squared plan for ``<=`` and ``>=`` (then ``nra`` or ``psatz``), and **isolated** (one
   square root, linearly): ``sqrt X <= M`` from ``X <= M^2``, or ``M <= sqrt X`` from
   ``M^2 <= X``, then ``lra``; **abstraction**: a product that bounds a variable in a
   hypothesis, and whose powers the conclusion multiplies out, read as one variable (then
   ``nra``, or the product bounded factor by factor);
3. **ln-split** (with logarithms): ``ln`` of products, quotients, powers, square roots and
   ``exp`` rewritten into sums, then the lean facts of the new logarithms;
4. **full**: the ``ln`` rewriting, every fact, a case split on the order of every two ``exp``
   (``ln``) arguments, then ``la_cases`` (``Rabs``, ``Rmax``, ``Rmin``) and ``la_solve``
   (conjunctions and disjunctions split, then ``lra``, ``nra`` or ``field``).

A plan that fails leaves nothing behind, and if every plan fails the goal stays unproved and
coqc rejects the file: the script can never make a false statement pass (Coq checks it), only
fail to prove a true one.
"""
from __future__ import annotations

import itertools

import sympy

from .terms import Translator

__all__ = ["proof_script", "MAX_SPLITS", "MAX_MONOMIALS", "MAX_SQUARES", "MAX_PRODUCT_BASES", "MAX_ORDER_FACTS"]

#: Largest number of monotonicity case splits in the full plan (each doubles the goals).
MAX_SPLITS = 6
#: Largest number of monomial sign facts asserted.
MAX_MONOMIALS = 16
#: Largest number of square facts of the squares plan.
MAX_SQUARES = 80
#: Largest number of squared bases of the products plan (nra multiplies every two hypotheses).
MAX_PRODUCT_BASES = 8
#: Largest number of (non-branching) monotonicity facts of the lean plans.
MAX_ORDER_FACTS = 8

_POS = "first [assumption | lra | nra]"
#: The same without nra, for the optional facts (a failing nra search costs seconds, and most of
#: these facts are false or not needed).
_LINEAR = "first [assumption | lra]"
#: Positivity of a term: also product by product and through inverses.
_POSITIVE = "la_pos"


def proof_script(tr: Translator, intro_names: list[str], exprs=()) -> tuple[str, bool]:
    """``(script, needs_interval)`` for a statement already translated by ``tr``.

    ``intro_names``: the names of the binders then the premises, in order; ``exprs``: the SymPy
    conclusion and hypotheses (for the monomial and square facts).
    """
    head = [f"intros {' '.join(intro_names)}." if intro_names else "idtac."]
    if tr.uses_rpower:
        head.append("unfold Rpower in *.")
    head += ["la_prep."] + _pinned(tr) + _same_arguments(tr)
    plans, interval = _plans(tr, list(exprs))
    body = "all: first\n  [ " + "\n  | ".join(f"solve [ {_chain(p)} ]" for p in plans[:-1])
    body += ("\n  | " if len(plans) > 1 else "") + f"{_chain(plans[-1])} ]."
    if len(plans) == 1:
        body = "all: " + _chain(plans[0]) + "."
    return "\n".join("  " + ln for ln in head) + "\n  " + body, interval


def _chain(tactics: list[str]) -> str:
    """Tactics run one after the other on every goal (``t1; t2; ...``)."""
    return ";\n      ".join(tactics)


def _plans(tr: Translator, exprs: list) -> tuple[list[list[str]], bool]:
    """The plans in order (the last one is the full plan) and whether Interval is needed."""
    finish = _pinned_rewrite(tr) + ["la_tidy"] + (["la_cases"] if tr.has_piecewise else []) + ["la_solve"]
    plans = []
    squares = _squares(tr, exprs)
    if squares:
        plans.append(squares + _pinned_rewrite(tr) + ["la_tidy", "repeat split", "lra"])
    bases = _squared_bases(tr, exprs)
    if bases:
        plans.append(["la_sq_bounds"] + _pinned_rewrite(tr)
                     + ["repeat split", "first [ (apply la_sq_mono; [la_nonneg | split; nra]) | lra | nra ]"])
    if 0 < len(bases) <= MAX_PRODUCT_BASES:
        squared = [f"pose proof (pow2_ge_0 {b})" for b in bases] + _pinned_rewrite(tr)
        plans.append(squared + ["repeat split", "nra"])
        if exprs and isinstance(exprs[0], sympy.And):
            plans.append(["la_sq_bounds"] + squared
                         + ["la_conj ltac:(first [ (apply la_sq_mono; [la_nonneg | split; nra]) | lra | nra ])"])
    products = _product_bounds(tr, exprs)
    if products:
        plans.append(products + ["repeat split", "nra"])
    abstracted = _abstracted(tr, exprs)
    atoms = list(tr.atoms)
    lean, interval = _facts(tr, atoms, lean=True)
    subst = ["la_subst"] if any(isinstance(e, sympy.Eq) for e in exprs[1:]) else []
    if _sqrt_relation(tr, exprs, (sympy.Eq,)):
        plans.append(lean + ["repeat split", f"first [ la_sq_field | la_nz | {_POS} ]"])
    cleared = _cleared(tr, exprs)
    if cleared and _has_functions(tr):
        plans.append(cleared)          # with atoms, before the lean plan (whose nra is slow there)
    if _product_equation(tr, exprs):
        plans.append(lean + ["repeat split", f"first [ la_ln_eq | la_nz | {_POS} ]"])
    if abstracted:
        plans.append(lean + abstracted)
    plans.append(lean + _order_facts(tr, atoms) + _monomials(tr, exprs) + subst + finish)
    if cleared and not _has_functions(tr):
        plans.append(cleared)          # polynomial: after it (psatz R 3 can take long to give up)
    if _sqrt_relation(tr, exprs, (sympy.LessThan, sympy.GreaterThan)):
        plans.append(lean + subst + ["repeat split", f"first [ la_sq_le | la_nz | {_POS} ]"])
    isolated = _sqrt_isolated(tr, exprs)
    if isolated:
        plans.append(lean + isolated)
    if tr.has_ln:
        split_tr, split_exprs = _after_ln_split(tr, exprs)
        facts, more = _facts(split_tr, split_tr.atoms, lean=True)
        interval |= more
        plans.append(["la_ln_split"] + facts + _order_facts(split_tr, split_tr.atoms)
                     + _monomials(split_tr, split_exprs) + subst + finish)
    atoms += tr.factor_atoms
    full, more = _facts(tr, atoms, lean=False)
    interval |= more
    plans.append((["la_ln_split"] if tr.has_ln else []) + full + _monomials(tr, exprs, atoms)
                 + _splits(tr, atoms) + finish)
    return plans, interval


def _after_ln_split(tr: Translator, exprs: list):
    """A translator that has met the atoms of ``exprs`` once ``ln`` of products, quotients and
    powers is expanded into sums (as ``la_ln_split`` rewrites them), and those expressions."""
    split_exprs = [_expand_ln(e) for e in exprs]
    split_tr = Translator(tr.kinds, tr.pinned)
    for e in split_exprs:
        try:
            split_tr.formula(e)
        except Exception:      # an expansion the statement's translator cannot read: no facts from it
            continue
    return split_tr, split_exprs


def _expand_ln(e):
    """``e`` with every ``log`` of a product, quotient or power (symbolic exponents included)
    split into a sum of logarithms."""
    if isinstance(e, (sympy.And, sympy.Or, sympy.Not)):
        return e.func(*[_expand_ln(a) for a in e.args], evaluate=False)
    if isinstance(e, sympy.core.relational.Relational):
        return e.func(*[sympy.expand_log(a, force=True) for a in e.args], evaluate=False)
    return sympy.expand_log(e, force=True)


# -- facts ------------------------------------------------------------------------------------
def _facts(tr: Translator, atoms: list, *, lean: bool) -> tuple[list[str], bool]:
    """The fact-gathering tactics for ``atoms`` and whether Interval is needed.  ``lean``: sign
    facts only (no ``ln u <= u - 1``-type bounds, which slow ``nra`` down)."""
    out, interval = [], False
    for n, (kind, arg) in enumerate(atoms, start=1):
        fixed = _at_pinned(tr, kind, arg)
        if fixed is not None and ("const", fixed) not in atoms:
            lo, hi = _enclosure(fixed)
            out.append(f"try (assert ({_q(lo)} <= {_pinned_term(fixed)} <= {_q(hi)}) by interval with (i_prec 80))")
            interval = True
        if kind == "const" and not arg.is_Rational:
            lo, hi = _enclosure(arg)
            out.append(f"assert ({_q(lo)} <= {tr.term(arg)} <= {_q(hi)}) by interval with (i_prec 80)")
            interval = True
        elif kind != "const":
            out += _atom_facts(tr, kind, arg, n, lean)
    return out, interval


def _atom_facts(tr: Translator, kind: str, arg, n: int, lean: bool) -> list[str]:
    if kind == "inv":
        return [f"try (assert (0 < {arg}) as P{n} by {_POSITIVE}; pose proof (la_inv_pos _ P{n}))",
                f"try (assert ({arg} <> 0) as N{n} by {_POS}; pose proof (Rinv_r _ N{n}))"]
    u = tr.term(arg)
    if kind == "exp":
        return [f"pose proof (exp_pos {u})", f"pose proof (exp_ineq1_le {u})"]
    if kind == "sqrt":
        return [f"pose proof (sqrt_pos {u})",
                f"try (assert (0 <= {u}) as P{n} by {_POS}; pose proof (la_sqrt_sq _ P{n}))"] + \
            ([f"try (assert (1 <= {u}) as G{n} by {_POS}; pose proof (la_sqrt_ge1 _ G{n}))"] if lean else [])
    if not lean:
        return [f"try (assert (0 < {u}) as P{n} by {_POSITIVE}; pose proof (la_ln_upper _ P{n}); "
                f"pose proof (la_ln_lower _ P{n}))"]
    prefixes = [sympy.Mul(*arg.args[:j], evaluate=False) for j in range(2, len(arg.args))] if arg.is_Mul else []
    return [f"try (assert (0 < {u}) as P{n} by {_POSITIVE})"] + \
        [f"try (assert (1 <= {tr.term(m)}) by {_POS})" for m in prefixes] + [
            f"try (assert (1 < {u}) as S{n} by {_POS}; pose proof (la_ln_pos _ S{n}))",
            f"try (assert (1 <= {u}) as G{n} by {_POS}; pose proof (la_ln_nonneg _ G{n}))",
            f"try (assert ({u} <= 1) as L{n} by {_POS}; pose proof (la_ln_nonpos _ P{n} L{n}))"]


def _order_facts(tr: Translator, atoms) -> list[str]:
    """``exp u <= exp v`` and ``ln u <= ln v`` for the pairs of arguments whose order is proved
    (no case split): by ``lra``, and by ``nra`` too when an argument has a division (whose order
    needs ``x * / x = 1``); between polynomials a failing ``nra`` search costs seconds, and
    ``la_solve`` tries ``exp``'s monotonicity itself."""
    out = []
    for kind, lemma in (("exp", "la_exp_le _ _ O{k}"), ("ln", "la_ln_le _ _ P{i} O{k}")):
        idx = [(i, a) for i, (kd, a) in enumerate(atoms, start=1) if kd == kind]
        for x, (i, a) in enumerate(idx):
            for j, b in idx[x + 1:]:
                for lo, hi, p in ((a, b, i), (b, a, j)):
                    if len(out) >= MAX_ORDER_FACTS:
                        return out
                    k = len(out) + 1
                    tactic = _POS if _has_division(lo) or _has_division(hi) else _LINEAR
                    out.append(f"try (assert ({tr.term(lo)} <= {tr.term(hi)}) as O{k} by {tactic}; "
                               f"pose proof ({lemma.format(k=k, i=p)}))")
    return out


def _has_functions(tr: Translator) -> bool:
    """True when the statement has ``exp``, ``ln``, square roots or a constant such as ``PI``
    (divisions alone keep it polynomial for the plans)."""
    return any(kd != "inv" for kd, _ in tr.atoms)


def _conjuncts(exprs) -> tuple:
    """The conjuncts of the conclusion ``exprs[0]`` (itself when it is not a conjunction)."""
    if not exprs:
        return ()
    return exprs[0].args if isinstance(exprs[0], sympy.And) else (exprs[0],)


def _has_division(e) -> bool:
    """True when ``e`` has a power with a negative exponent (a division)."""
    return any(p.is_Pow and p.exp.is_negative for p in sympy.preorder_traversal(e))


def _monomials(tr: Translator, exprs, atoms=None) -> list[str]:
    """``0 <= m`` for the products of two or more non-constant factors in ``exprs``, in their
    expanded forms (with their sub-products), and in the exp and ln arguments (proved factor
    by factor by ``la_nonneg_lin``, which does not call ``nra``; skipped when it fails)."""
    seen, out = [], []
    atoms = tr.atoms if atoms is None else atoms
    args = [a for kd, a in atoms if kd in ("exp", "ln")]
    pool = itertools.chain(_level_order([_expanded(e) for e in exprs]), _level_order(exprs), _level_order(args))
    for sub in pool:
        if isinstance(sub, sympy.Mul):
            factors = [f for f in sub.args if not f.is_Number]
            for size in range(len(factors), 1, -1):
                for part in itertools.combinations(factors, size):
                    m = sympy.Mul(*part, evaluate=False)
                    if m not in seen:
                        seen.append(m)
    for m in seen[:MAX_MONOMIALS]:
        try:
            out.append(f"try (assert (0 <= {tr.term(m)}) by la_nonneg_lin)")
        except Exception:      # a product the translator cannot write: no fact from it
            continue
    return out


def _args(e) -> tuple:
    """``e``'s arguments; a conjunction's or disjunction's sorted (SymPy keeps them in an order
    that follows the hash seed, and the script must not)."""
    return tuple(sorted(e.args, key=sympy.default_sort_key)) if isinstance(e, (sympy.And, sympy.Or)) else e.args


def _subterms(e):
    """The sub-terms of ``e``, depth first, in an order independent of the hash seed."""
    yield e
    for a in _args(e):
        if isinstance(a, sympy.Basic):
            yield from _subterms(a)


def _level_order(exprs):
    """The sub-terms of ``exprs``, shallowest first (a statement's own monomials before those
    inside function arguments)."""
    queue = [e for e in exprs if isinstance(e, sympy.Basic)]
    for e in queue:
        yield e
        queue.extend(a for a in _args(e) if isinstance(a, sympy.Basic))


def _expanded(e):
    """The relation ``e`` with both sides expanded (products of sums multiplied out)."""
    if isinstance(e, sympy.core.relational.Relational):
        return e.func(sympy.expand_mul(e.lhs), sympy.expand_mul(e.rhs), evaluate=False)
    if isinstance(e, (sympy.And, sympy.Or, sympy.Not)):
        return e.func(*[_expanded(a) for a in e.args], evaluate=False)
    return e


def _squares(tr: Translator, exprs) -> list[str]:
    """For a statement without transcendental functions or piecewise terms: ``0 <= x^2`` for its
    variables and ``0 <= (x - y)^2``, ``0 <= (x + y)^2`` for each quadratic monomial ``x*y``
    (empty when there is none, or when the statement is not polynomial)."""
    if tr.has_piecewise or _has_functions(tr):
        return []
    pairs, names = [], set()
    for e in exprs:
        rels = e.atoms(sympy.core.relational.Relational) if isinstance(e, sympy.Basic) else set()
        for rel in sorted(rels, key=sympy.default_sort_key):     # a set: its order follows the hash seed
            for side in (rel.lhs, rel.rhs):
                for mono in sympy.Add.make_args(sympy.expand(side)):
                    syms = sorted((s for s in mono.free_symbols), key=lambda s: s.name)
                    if not mono.is_polynomial(*syms):
                        continue
                    names.update(syms)
                    if len(syms) == 2 and sympy.Poly(mono, *syms).total_degree() == 2 and syms not in pairs:
                        pairs.append(syms)
    if not pairs:
        return []
    out = [f"pose proof (pow2_ge_0 {tr.term(s)})" for s in sorted(names, key=lambda s: s.name)]
    for x, y in pairs:
        out += [f"pose proof (pow2_ge_0 ({tr.term(x)} - {tr.term(y)}))",
                f"pose proof (pow2_ge_0 ({tr.term(x)} + {tr.term(y)}))"]
    return out[:MAX_SQUARES]


def _sqrt_relation(tr: Translator, exprs, kinds) -> bool:
    """True for a conclusion of one of ``kinds`` (or a conjunction with one) whose only
    functions are square roots, divisions and constants: the squared plans square both sides
    once the larger one is proved non-negative (``la_sq_field`` for an equation, ``la_sq_le`` for
    ``<=``, ``>=``)."""
    parts = _conjuncts(exprs)
    return any(isinstance(c, kinds) for c in parts) and not tr.has_piecewise and not tr.uses_rpower \
        and any(kd == "sqrt" for kd, _ in tr.atoms) and all(kd in ("sqrt", "inv", "const") for kd, _ in tr.atoms)


def _product_equation(tr: Translator, exprs) -> bool:
    """True for a conclusion with an equation (or a conjunction with one) between terms with
    ``exp``, ``sqrt`` or powers ``x^y``: the **logarithms** plan proves ``A = B`` from
    ``ln A = ln B`` (``ln_inv``, once ``0 < A`` and ``0 < B``), the logarithms of products,
    quotients, powers and square roots written as sums (``la_ln_split``), then ``field``."""
    parts = _conjuncts(exprs)
    return any(isinstance(c, sympy.Eq) for c in parts) and not tr.has_piecewise \
        and (tr.uses_rpower or any(kd in ("exp", "sqrt") for kd, _ in tr.atoms))


def _square_bounds(exprs) -> dict:
    """``{x: U}`` for the hypotheses ``x^2 <= U`` (``U >= x^2``) and ``a x^2 = b`` among
    ``exprs[1:]``, ``x`` a variable (``U = b / a`` for the equation)."""
    out = {}
    for h in exprs[1:]:
        if isinstance(h, (sympy.LessThan, sympy.GreaterThan)):
            small, big = (h.lhs, h.rhs) if isinstance(h, sympy.LessThan) else (h.rhs, h.lhs)
            if small.is_Pow and small.exp == 2 and small.base.is_Symbol:
                out.setdefault(small.base, big)
        elif isinstance(h, sympy.Eq):
            for x in h.free_symbols:
                diff = sympy.expand(h.lhs - h.rhs)
                a = diff.coeff(x, 2)
                if a != 0 and not a.has(x) and sympy.expand(diff - a * x**2).free_symbols.isdisjoint({x}):
                    out.setdefault(x, sympy.cancel(-(diff - a * x**2) / a))
    return out


def _abstracted(tr: Translator, exprs) -> list[str]:
    """The **abstraction** plan: a product ``P`` of two or more factors that is one side of a
    hypothesis, and whose powers ``P^k`` appear in the conclusion multiplied out (``x^3 y^3``),
    becomes one variable ``M``: ``P^k`` folded (``ring``), ``0 <= M`` and, when every factor is
    at least 1, ``1 <= M`` proved, then ``M`` made opaque (``set``, ``clearbody``) and the
    polynomial goal left proved by ``nra``, or factor by factor (``x y z <= M M M`` from
    ``0 <= x <= M`` and so on: ``Rmult_le_compat``).  Empty when there is no such product."""
    if not exprs or tr.has_piecewise or tr.uses_rpower:
        return []
    sides = [side for h in exprs[1:] if isinstance(h, sympy.core.relational.Relational)
             for side in (h.lhs, h.rhs)]
    subterms = list(sympy.preorder_traversal(exprs[0]))
    for prod in sides:
        factors = [f for f in getattr(prod, "args", ()) if not f.is_Number]
        if not isinstance(prod, sympy.Mul) or len(factors) < 2:
            continue
        powers = sorted({k for k in range(2, 7) if prod ** k in subterms})
        if not powers:
            continue
        m = tr.term(prod)
        out = [f"replace {tr.term(prod ** k)} with ({m} ^ {k}) by ring" for k in powers]
        spread = [f"replace (M ^ {k}) with ({' * '.join(['M'] * k)}) by ring" for k in powers]
        return out + [f"assert (0 <= {m}) by la_nonneg",
                      f"try (assert (1 <= {m}) by (repeat apply la_ge1_mult; la_ge1))",
                      f"set (M := {m}) in *", "clearbody M", "repeat split",
                      f"first [ nra | ({'; '.join(f'try {r}' for r in spread)}; la_prod_le) ]"]
    return []


def _exact_root(u):
    """The polynomial ``T`` with ``T^2 = u`` read off ``u``'s factorisation (a rational square
    times even powers of polynomials), or None."""
    coeff, factors = sympy.factor_list(sympy.cancel(u))
    root = sympy.sqrt(coeff)
    if not root.is_Rational or any(m % 2 for _, m in factors):
        return None
    return sympy.Mul(root, *[f ** (m // 2) for f, m in factors])


def _product_bounds(tr: Translator, exprs) -> list[str]:
    """The **geometric-mean** facts: for two variables ``x``, ``y`` multiplied together in the
    conclusion, with hypotheses ``x^2 <= U`` and ``y^2 <= V`` (or equations for them) where
    ``U V`` is the square of a polynomial ``T``: ``x y <= T``, proved as ``(x y)^2 <= T^2``
    (``la_le_by_sq``, then ``nra``).  Empty when there is no such pair."""
    if not exprs or tr.has_piecewise or _has_functions(tr):
        return []
    bounds = _square_bounds(exprs)
    out, seen = [], set()
    for mono in _subterms(exprs[0]):
        if not isinstance(mono, sympy.Mul):
            continue
        syms = sorted((f for f in mono.args if f.is_Symbol and f in bounds), key=lambda v: v.name)
        for x, y in itertools.combinations(syms, 2):
            t = _exact_root(bounds[x] * bounds[y])
            if (x, y) in seen or t is None:
                continue
            seen.add((x, y))
            out.append(f"try (assert ({tr.term(x)} * {tr.term(y)} <= {tr.term(t)}) "
                       f"by (apply la_le_by_sq; [la_nonneg | nra]))")
    return out


def _sqrt_isolated(tr: Translator, exprs) -> list[str]:
    """The plan for an inequality ``L ~ R`` with one square root ``sqrt X`` in which ``R - L``
    (``L - R`` for ``>=``, ``>``) is ``a + b sqrt X`` with ``a`` free of it and a number ``b``:
    with ``M = a / (-b)``, ``sqrt X <= M`` from ``0 <= M`` and ``X <= M^2`` (``b < 0``), or
    ``M <= sqrt X`` from ``M^2 <= X`` (``b > 0``), each by ``nra`` or ``psatz``; then ``lra``.
    Empty for other statements."""
    if not exprs or tr.has_piecewise or tr.uses_rpower or getattr(exprs[0], "rel_op", None) not in _CLEAR:
        return []
    rel = exprs[0]
    diff = sympy.expand(rel.rhs - rel.lhs if rel.rel_op in ("<=", "<") else rel.lhs - rel.rhs, deep=False)
    roots = {p for p in diff.atoms(sympy.Pow) if p.exp == sympy.Rational(1, 2)}
    if len(roots) != 1:
        return []
    root = roots.pop()
    b = diff.coeff(root)
    a = sympy.expand(diff - b * root, deep=False)
    if not b.is_Number or b == 0 or a.has(root) or a.has(sympy.exp, sympy.log):
        return []
    m, x = tr.term(a / (-b)), tr.term(root.base)
    search = "first [ nra | psatz R 2 ]"
    fact = (f"assert (sqrt {x} <= {m}) by (apply la_sqrt_le_of; {search})" if b < 0 else
            f"assert ({m} <= sqrt {x}) by (apply la_sqrt_ge_of; {search})")
    return ["repeat split", f"first [ ({fact}; lra) | {_POS} | psatz R 2 ]"]


_CLEAR = {">=": "la_clear_ge", ">": "la_clear_gt", "<=": "la_clear_le", "<": "la_clear_lt"}


def _cleared(tr: Translator, exprs) -> list[str]:
    """The Positivstellensatz plan for a polynomial conclusion ``L ~ R`` (divisions allowed; its
    ``exp``, ``ln`` and square-root terms read as opaque atoms; alone or in a conjunction):
    ``L - R`` (``R - L`` for ``<=``, ``<``) is written ``P / M`` with polynomials ``P``, ``M``
    (SymPy's ``together``); once ``0 < M`` (``la_pos``) and ``M (L - R) = P`` (``field``) are
    proved, ``psatz`` (Coq's Positivstellensatz search, csdp finding the certificate that Coq
    then checks) proves ``0 <= P``.  Empty for other statements."""
    if not exprs or tr.has_piecewise or tr.uses_rpower:
        return []
    parts = _conjuncts(exprs)
    rels = [r for r in parts if getattr(r, "rel_op", None) in _CLEAR]
    if len(rels) != 1:
        return []
    rel = rels[0]
    lemma = _CLEAR[rel.rel_op]
    diff = rel.lhs - rel.rhs if rel.rel_op in (">=", ">") else rel.rhs - rel.lhs
    opaque = {sub: sympy.Dummy() for sub in sympy.preorder_traversal(diff)
              if isinstance(sub, (sympy.exp, sympy.log)) or (sub.is_Pow and sub.exp == sympy.Rational(1, 2))}
    num, den = sympy.fraction(sympy.together(diff.xreplace(opaque)))
    num = sympy.expand(num)
    if not (num.is_polynomial() and den.is_polynomial()) or (opaque and den.is_Number):
        return []      # with opaque atoms and nothing to clear, psatz would only redo nra's search
    back = {v: k for k, v in opaque.items()}
    num, den = num.xreplace(back), den.xreplace(back)
    search = "psatz R 2" if opaque else "first [psatz R 2 | psatz R 3]"   # degree 3 over atoms: too slow
    return ["repeat split",
            f"first [ (eapply ({lemma} {tr.term(den)} {tr.term(num)}); "
            f"[ la_pos | field; repeat split; first [ la_nz | {_POS} ] | {search} ]) "
            f"| la_nz | {_POS} ]"]


def _squared_bases(tr: Translator, exprs) -> list[str]:
    """The Coq terms ``u`` of the squares ``u^2`` in a polynomial statement (for the bounds
    plan: ``x^2 <= y^2`` gives ``-y <= x <= y``, and the squares are non-negative)."""
    if tr.has_piecewise or _has_functions(tr):
        return []
    out = []
    for e in exprs:
        for sub in _subterms(e):
            if sub.is_Pow and sub.exp == 2 and not sub.base.is_Number:
                term = tr.term(sub.base)
                if term not in out:
                    out.append(term)
    return out[:MAX_SQUARES]


# -- the full plan's case splits ----------------------------------------------------------------
def _splits(tr: Translator, atoms: list) -> list[str]:
    """Case splits giving the order of every two exp (and ln) terms' values, and of each one
    with ``exp 0 = 1`` (``ln 1 = 0``)."""
    out, k = [], 0
    idx = {a: f"P{i + 1}" for i, a in enumerate(atoms)}
    idx[("ln", sympy.Integer(1))] = "Rlt_0_1"
    for kind, unit, lemma_le, lemma_lt in (
            ("exp", sympy.Integer(0), "la_exp_le _ _ C{k}", "exp_increasing _ _ C{k}"),
            ("ln", sympy.Integer(1), "la_ln_le _ _ {i} C{k}", "ln_increasing _ _ {j} C{k}")):
        args = [a for kd, a in atoms if kd == kind]
        args = args + ([unit] if args and unit not in args else [])
        for i in range(len(args)):
            for j in range(i + 1, len(args)):
                k += 1
                if k > MAX_SPLITS:
                    return out
                u1, u2 = tr.term(args[i]), tr.term(args[j])
                names = dict(k=k, i=idx.get((kind, args[i]), "P0"), j=idx.get((kind, args[j]), "P0"))
                out.append(f"(destruct (Rle_lt_dec {u1} {u2}) as [C{k}|C{k}]; "
                           f"[try pose proof ({lemma_le.format(**names)}) | try pose proof ({lemma_lt.format(**names)})])")
    return out


def _same_arguments(tr: Translator) -> list[str]:
    """One spelling for the arguments of two ``exp`` (``ln``, ``sqrt``) terms that are equal as
    polynomials (``(s/2 - t)^2`` and ``(t - s/2)^2``): the second replaced by the first, the
    equation proved by ``field``, so that ``field`` and ``lra`` see one atom."""
    out = []
    for kind in ("exp", "ln", "sqrt"):
        args = [a for kd, a in tr.atoms if kd == kind and isinstance(a, sympy.Basic)]
        for i, a in enumerate(args):
            for b in args[i + 1:]:
                if a != b and sympy.expand(a - b) == 0:
                    out.append(f"try (replace {tr.term(b)} with {tr.term(a)} in * by field).")
    return out


# -- pinned variables and constants -------------------------------------------------------------
def _pinned(tr: Translator) -> list[str]:
    """A variable whose range is one point: its value, as hypothesis ``E<i>``."""
    out = []
    for i, (name, value) in enumerate(tr.pinned.items()):
        var = f"(IZR v_{name})" if tr.kinds[name] == "integer" else f"v_{name}"
        out.append(f"assert ({var} = {_q(value)}) as E{i + 1} by lra.")
    return out


def _pinned_rewrite(tr: Translator) -> list[str]:
    """Once every fact is stated, the pinned variables are replaced by their values everywhere."""
    return [f"try rewrite E{i + 1} in *" for i in range(len(tr.pinned))]


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


def _pinned_term(c) -> str:
    """Coq text of the constant ``c`` as it reads after the pinned rewrite (``sqrt 2``)."""
    if c.is_Pow:                              # sqrt(a) is Pow(a, 1/2)
        return f"(sqrt {_q(c.base)})"
    return f"({'exp' if c.func is sympy.exp else 'ln'} {_q(c.args[0])})"


def _enclosure(c, digits: int = 15) -> tuple[sympy.Rational, sympy.Rational]:
    """Rationals ``lo < c < hi`` about ``10^-digits`` apart (relative), from a 40-digit value."""
    v = sympy.N(c, 40)
    scale = sympy.Integer(10) ** (digits - max(0, int(sympy.floor(sympy.log(abs(v) + 1, 10)))))
    lo = sympy.Rational(sympy.floor(v * scale) - 1, scale)
    hi = sympy.Rational(sympy.ceiling(v * scale) + 1, scale)
    return lo, hi


def _q(r) -> str:
    return f"({int(r.p)} / {int(r.q)})" if r.q != 1 else f"({int(r.p)})"
