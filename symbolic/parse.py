"""Read a formula typed by a person: ``"exp(x) >= 1 + x"`` over declared variables.

The text goes through SymPy's :func:`~sympy.parsing.sympy_parser.parse_expr`, restricted:

* names: only the declared variables and the functions and constants of :data:`FUNCTIONS`
  (``exp, log, sqrt, Abs, Max, Min, sin, cos, tan, ...``, ``pi``, ``E``); no automatic symbols,
  and the evaluation namespace has **no builtins**;
* syntax: numbers, ``+ - * / **`` (``^`` means power), calls of whitelisted functions, and one
  comparison at the top (``<= < >= > == !=``, chains such as ``0 < x <= 1`` become And);
  anything else (attributes, subscripts, strings, keywords, ``//``, ``%``, ``and``/``or``) is
  refused before SymPy sees it;
* numbers are exact: ``1e12`` is ``10**12`` and ``0.1`` is ``1/10`` (the decimal text, not the
  binary float);
* relations are built with ``evaluate=False``, so SymPy never decides one while parsing (its
  numeric comparison is not trusted for verdicts, docs/design.md "Verdicts"); each side is an
  ordinary, exactly evaluated SymPy expression (``sqrt(2)*sqrt(8)`` is ``4``).

**Not for untrusted input.**  The checks above stop accidents, not attackers: SymPy's
parser calls ``eval`` and an expression such as ``2**10**10`` can exhaust memory.

Errors are :class:`~symbolic.errors.ParseError` (one line naming the text and the problem;
undeclared names are listed in the exception's ``undeclared`` attribute) and
:class:`~symbolic.errors.DomainError` for variable declarations (empty ranges included).

>>> D = parse_domain(["x: real, 0 < x <= 1"])
>>> parse_relation("x**2 <= 1e12*x", D)
x**2 <= 1000000000000*x
>>> sorted(map(str, parse_relation("0 < x^2 <= 0.5", D).args))
['0 < x**2', 'x**2 <= 1/2']
>>> parse_relation("sqrt(2)*sqrt(8) - 4 <= 0", D)
0 <= 0
"""
from __future__ import annotations

import ast
import re
import keyword
from typing import Iterable, Sequence

import sympy
from sympy.parsing.sympy_parser import auto_number, convert_xor, parse_expr, rationalize

from .domain import Domain
from .errors import DomainError, ParseError

__all__ = ["FUNCTIONS", "CONSTANTS", "parse_domain", "parse_expression", "parse_relation",
           "parse_check", "used_names", "hidden_conditions"]

#: Whitelisted functions: name in the text -> (SymPy function, allowed numbers of arguments).
FUNCTIONS = {
    "exp": (sympy.exp, (1,)), "log": (sympy.log, (1, 2)), "ln": (sympy.log, (1,)),
    "sqrt": (sympy.sqrt, (1,)), "Abs": (sympy.Abs, (1,)), "abs": (sympy.Abs, (1,)),
    "Max": (sympy.Max, (2, 3, 4, 5, 6, 7, 8)), "Min": (sympy.Min, (2, 3, 4, 5, 6, 7, 8)),
    "max": (sympy.Max, (2, 3, 4, 5, 6, 7, 8)), "min": (sympy.Min, (2, 3, 4, 5, 6, 7, 8)),
    "sin": (sympy.sin, (1,)), "cos": (sympy.cos, (1,)), "tan": (sympy.tan, (1,)),
    "atan": (sympy.atan, (1,)), "sinh": (sympy.sinh, (1,)), "cosh": (sympy.cosh, (1,)),
    "tanh": (sympy.tanh, (1,)), "erf": (sympy.erf, (1,)), "erfc": (sympy.erfc, (1,)),
}
#: Whitelisted constants.
CONSTANTS = {"pi": sympy.pi, "E": sympy.E}

_RESERVED = set(FUNCTIONS) | set(CONSTANTS) | {"Integer", "Rational", "Float"}
_TRANSFORMS = (auto_number, rationalize, convert_xor)
_REL = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!="}
_BINOPS = {ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Pow}
_MAX_LEN = 4000
_MAX_EXPONENT = 10_000


def _globals() -> dict:
    g = {"__builtins__": {}, "Integer": sympy.Integer, "Rational": sympy.Rational}
    g.update({k: f for k, (f, _) in FUNCTIONS.items()})
    g.update(CONSTANTS)
    return g


_UNICODE = {"≥": ">=", "≤": "<=", "≠": "!=", "−": "-", "×": "*", "⩾": ">=", "⩽": "<="}


def unicode_operators(text: str) -> str:
    """``≥ ≤ ≠`` (and the minus sign ``−``, ``×``) as ``>= <= != - *``.

    >>> unicode_operators("0 ≤ x ≠ 1")
    '0 <= x != 1'
    """
    return "".join(_UNICODE.get(ch, ch) for ch in text)


def parse_domain(specs: Iterable[str]) -> Domain:
    """A :class:`~symbolic.domain.Domain` from specs such as ``"x: real, 0 < x <= 1"``.

    Raises
    ------
    DomainError
        An unreadable spec, an empty range, a name declared twice, or a name that is a
        whitelisted function/constant or a Python keyword (it could not be written in a formula).
    """
    specs = [unicode_operators(s) if isinstance(s, str) else s for s in specs]
    for s in specs:
        parts = re.split(r",\s*(?=[A-Za-z_]\w*\s*:)", s) if isinstance(s, str) else [s]
        if len(parts) > 1:
            flags = " ".join(f'--var "{p.strip()}"' for p in parts)
            raise DomainError(f"--var {s!r} declares {len(parts)} variables; use one --var per variable: {flags}")
    D = Domain.parse(specs)
    for v in D:
        if v.name in _RESERVED:
            raise DomainError(f"variable {v.name!r}: the name is a built-in function or constant of "
                              f"the formula language; rename the variable")
        if keyword.iskeyword(v.name):
            raise DomainError(f"variable {v.name!r}: the name is a Python keyword; rename the variable "
                              f"(e.g. {v.name}_)")
    return D


def _show(text: str) -> str:
    return repr(text if len(text) <= 80 else text[:77] + "...")


def _tree(text: str, what: str) -> ast.Expression:
    if not isinstance(text, str):
        raise ParseError(f"{what}: expected text, got {type(text).__name__}")
    if not text.strip():
        raise ParseError(f"{what}: the text is empty")
    if len(text) > _MAX_LEN:
        raise ParseError(f"{what}: the text is longer than {_MAX_LEN} characters")
    try:
        return ast.parse(text.strip().replace("^", "**"), mode="eval")
    except SyntaxError as exc:
        col = f" near column {exc.offset}" if exc.offset else ""
        raise ParseError(f"{what}: cannot read {_show(text)}{col} ({exc.msg})") from None


def used_names(text: str, what: str = "formula") -> set[str]:
    """The names a formula uses (variables and functions alike).

    >>> sorted(used_names("exp(x) >= 1 + y"))
    ['exp', 'x', 'y']
    """
    text = unicode_operators(text) if isinstance(text, str) else text
    return {n.id for n in ast.walk(_tree(text, what)) if isinstance(n, ast.Name)}


def _validate(node, what: str, text: str, declared: set, undeclared: set, top: bool):
    """Refuse every syntax outside the formula language (see the module docstring)."""
    if isinstance(node, ast.Expression):
        return _validate(node.body, what, text, declared, undeclared, True)
    if isinstance(node, ast.Compare):
        if not top:
            raise ParseError(f"{what}: a comparison may only appear at the top of {_show(text)}")
        for op in node.ops:
            if type(op) not in _REL:
                raise ParseError(f"{what}: the comparison {type(op).__name__} is not allowed; "
                                 f"use <=, <, >=, >, == or !=")
        for sub in [node.left] + node.comparators:
            _validate(sub, what, text, declared, undeclared, False)
        return
    if isinstance(node, ast.BinOp):
        if type(node.op) not in _BINOPS:
            sym = {ast.FloorDiv: "//", ast.Mod: "%", ast.MatMult: "@", ast.BitXor: "^",
                   ast.BitAnd: "&", ast.BitOr: "|", ast.LShift: "<<", ast.RShift: ">>"}.get(type(node.op), "?")
            raise ParseError(f"{what}: the operator {sym} is not allowed; use + - * / **")
        if isinstance(node.op, ast.Pow) and isinstance(node.right, ast.Constant) \
                and isinstance(node.right.value, int) and abs(node.right.value) > _MAX_EXPONENT:
            raise ParseError(f"{what}: the exponent {node.right.value} is too large (at most {_MAX_EXPONENT})")
        _validate(node.left, what, text, declared, undeclared, False)
        _validate(node.right, what, text, declared, undeclared, False)
        return
    if isinstance(node, ast.UnaryOp):
        if not isinstance(node.op, (ast.USub, ast.UAdd)):
            raise ParseError(f"{what}: the operator {type(node.op).__name__} is not allowed "
                             f"(use 'and' between separate hypotheses, i.e. several --assume)")
        return _validate(node.operand, what, text, declared, undeclared, False)
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool):
            raise ParseError(f"{what}: {_show(text)} is the constant {node.value}; there is nothing to "
                             f"check (write a relation such as x <= 1)")
        if not isinstance(node.value, (int, float)):
            raise ParseError(f"{what}: the constant {node.value!r} is not a real number")
        return
    if isinstance(node, ast.Name):
        if node.id not in declared and node.id not in CONSTANTS:
            if node.id in FUNCTIONS:
                raise ParseError(f"{what}: {node.id} is a function; call it, e.g. {node.id}(x)")
            undeclared.add(node.id)
        return
    if isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
            name = node.func.id if isinstance(node.func, ast.Name) else ast.unparse(node.func)
            raise ParseError(f"{what}: unknown function {name!r}; allowed: {', '.join(sorted(FUNCTIONS))}")
        if node.keywords or any(isinstance(a, ast.Starred) for a in node.args):
            raise ParseError(f"{what}: {node.func.id}(...) takes plain arguments only")
        arities = FUNCTIONS[node.func.id][1]
        if len(node.args) not in arities:
            raise ParseError(f"{what}: {node.func.id} takes {' or '.join(map(str, arities[:2]))}"
                             f"{'...' if len(arities) > 2 else ''} argument(s), got {len(node.args)}")
        for a in node.args:
            _validate(a, what, text, declared, undeclared, False)
        return
    if isinstance(node, ast.BoolOp):
        raise ParseError(f"{what}: 'and'/'or' are not allowed; give each hypothesis separately "
                         f"(a chain such as 0 < x <= 1 is fine)")
    raise ParseError(f"{what}: {type(node).__name__} syntax is not allowed in {_show(text)}")


def _sympify_side(src: str, domain: Domain, what: str):
    try:
        e = parse_expr(src, local_dict=dict(domain.symbol_map()), global_dict=_globals(),
                       transformations=_TRANSFORMS, evaluate=True)
    except (SyntaxError, TypeError, ValueError, NameError, AttributeError, ZeroDivisionError,
            RecursionError, OverflowError) as exc:
        raise ParseError(f"{what}: SymPy cannot read {_show(src)} ({type(exc).__name__}: "
                         f"{str(exc).splitlines()[0] if str(exc) else 'no message'})") from None
    if isinstance(e, bool) or (isinstance(e, sympy.logic.boolalg.Boolean) and not isinstance(e, sympy.Expr)):
        raise ParseError(f"{what}: {_show(src)} is a truth value, not a number")
    if not isinstance(e, sympy.Expr):
        raise ParseError(f"{what}: {_show(src)} is not a number-valued expression")
    if e.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
        raise ParseError(f"{what}: {_show(src)} is undefined or infinite ({sympy.sstr(e)}): "
                         f"a division by zero or log(0)?")
    if e.has(sympy.I) or (not e.free_symbols and e.is_extended_real is False):
        raise ParseError(f"{what}: {_show(src)} is not real ({sympy.sstr(e)})")
    return e


_BUILD = {"<": sympy.StrictLessThan, "<=": sympy.LessThan, ">": sympy.StrictGreaterThan,
          ">=": sympy.GreaterThan, "==": sympy.Eq, "!=": sympy.Ne}


def _undeclared_error(what: str, names: set, domain: Domain) -> ParseError:
    listed = ", ".join(sorted(names))
    err = ParseError(f"{what}: undeclared variable(s) {listed}; declare each with its kind and range, "
                     f"e.g. '{sorted(names)[0]}: real, 0 < {sorted(names)[0]} <= 1' "
                     f"(declared: {', '.join(domain.names()) or 'none'})")
    err.undeclared = tuple(sorted(names))
    return err


def parse_expression(text: str, domain: Domain, *, what: str = "expression"):
    """A SymPy expression (no comparison) over ``domain``'s symbols.

    >>> parse_expression("0.1 + log(E)", Domain())
    11/10

    Raises
    ------
    ParseError
        Unreadable text, a comparison, an undeclared name, or an undefined/non-real value.
    """
    text = unicode_operators(text) if isinstance(text, str) else text
    tree = _tree(text, what)
    undeclared: set = set()
    _validate(tree, what, text, set(domain.names()), undeclared, True)
    if isinstance(tree.body, ast.Compare):
        raise ParseError(f"{what}: expected an expression, got a comparison in {_show(text)}")
    if undeclared:
        raise _undeclared_error(what, undeclared, domain)
    return _sympify_side(text.strip().replace("^", "**"), domain, what)


def parse_relation(text: str, domain: Domain, *, what: str = "conclusion"):
    """A SymPy relation (or the And of a chain such as ``0 < x <= 1``) over ``domain``'s symbols.

    The relation is built unevaluated (never decided by SymPy here).

    Raises
    ------
    ParseError
        Unreadable text, no comparison, disallowed syntax, undeclared names (listed in the
        error's ``undeclared`` attribute), a side that is undefined (``1/0``) or not real.
    """
    text = unicode_operators(text) if isinstance(text, str) else text
    tree = _tree(text, what)
    undeclared: set = set()
    _validate(tree, what, text, set(domain.names()), undeclared, True)
    if undeclared:
        raise _undeclared_error(what, undeclared, domain)
    body = tree.body
    if not isinstance(body, ast.Compare):
        raise ParseError(f"{what}: {_show(text)} is not a relation; write e.g. 'lhs <= rhs' "
                         f"(relations: <=, <, >=, >, ==, !=)")
    src = text.strip().replace("^", "**")
    sides = [_sympify_side(ast.get_source_segment(src, n), domain, what)
             for n in [body.left] + body.comparators]
    rels = [_BUILD[_REL[type(op)]](a, b, evaluate=False)
            for op, a, b in zip(body.ops, sides[:-1], sides[1:])]
    for r in rels:
        if isinstance(r, sympy.logic.boolalg.BooleanAtom):  # pragma: no cover - evaluate=False keeps them
            raise ParseError(f"{what}: SymPy collapsed {_show(text)} to {r} while parsing; nothing to check")
    return rels[0] if len(rels) == 1 else sympy.And(*rels, evaluate=False)


def parse_check(conclusion: str, assumptions: Sequence[str] = (), variables: Sequence[str] = ()):
    """``(conclusion, hypotheses, domain)`` from text, ready for :func:`symbolic.check`.

    Every name used in any of the texts must be declared in ``variables``; all undeclared names
    are reported at once (``ParseError.undeclared``).

    >>> c, h, D = parse_check("x**2 <= 1e12*x", [], ["x: real, x > 0"])
    >>> c, h, D.names()
    (x**2 <= 1000000000000*x, (), ('x',))

    Raises
    ------
    DomainError
        A variable declaration is unreadable or its range is empty.
    ParseError
        See :func:`parse_relation`.
    """
    domain = parse_domain(variables)
    conclusion = unicode_operators(conclusion) if isinstance(conclusion, str) else conclusion
    assumptions = [unicode_operators(a) if isinstance(a, str) else a for a in assumptions]
    texts = [("conclusion", conclusion)] + [(f"hypothesis {i + 1}", a) for i, a in enumerate(assumptions)]
    missing: set = set()
    for what, t in texts:  # syntax problems first (one at a time), then every undeclared name at once
        _validate(_tree(t, what), what, t, set(domain.names()), missing, True)
    if missing:
        raise _undeclared_error("the formulas use", missing, domain)
    concl = parse_relation(conclusion, domain, what="conclusion")
    hyps = tuple(parse_relation(a, domain, what=f"hypothesis {i + 1}") for i, a in enumerate(assumptions))
    return concl, hyps, domain


def hidden_conditions(text: str, domain: Domain, *, what: str = "conclusion") -> list:
    """Definedness conditions of the text *as written* that SymPy's evaluation removed.

    SymPy simplifies ``x/x`` to ``1`` and ``sqrt(x)**2`` to ``x`` while reading them, which hides
    that the written formula is undefined at ``x = 0`` (resp. for ``x < 0``).  This returns the
    ``(condition, reason)`` pairs (see :func:`symbolic.definedness.definedness_conditions`) of the
    unevaluated text that the evaluated relation no longer carries; :func:`symbolic.check` checks
    them like the others.

    >>> D = parse_domain(["x: real"])
    >>> [sympy.sstr(c) for c, _ in hidden_conditions("x/x == 1", D)]
    ['Ne(x, 0)']
    >>> hidden_conditions("x/2 <= 1/x", D)
    []
    """
    from .definedness import definedness_conditions
    text = unicode_operators(text) if isinstance(text, str) else text
    tree = _tree(text, what)
    _validate(tree, what, text, set(domain.names()), set(), True)
    src = text.strip().replace("^", "**")
    nodes = [tree.body.left] + tree.body.comparators if isinstance(tree.body, ast.Compare) else [tree.body]
    out = []
    for n in nodes:
        seg = ast.get_source_segment(src, n)
        evaluated = _sympify_side(seg, domain, what)
        try:
            raw = parse_expr(seg, local_dict=dict(domain.symbol_map()),
                             global_dict={**_globals(), "Add": sympy.Add, "Mul": sympy.Mul, "Pow": sympy.Pow},
                             transformations=_TRANSFORMS, evaluate=False)
        except Exception:  # the evaluated parse succeeded; an unevaluated failure hides nothing we can see
            continue
        # numeric exponents read unevaluated (1/3 is Mul(1, Pow(3, -1))) are evaluated; nothing else is
        raw = raw.replace(lambda e: isinstance(e, sympy.Pow) and not e.exp.free_symbols and not e.exp.is_Rational,
                          lambda e: sympy.Pow(e.base, e.exp.doit(), evaluate=False))
        kept = {c for c, _ in definedness_conditions(evaluated)}
        for cond, reason in definedness_conditions(raw):
            c = cond.func(cond.lhs.doit(), cond.rhs, evaluate=False)
            if c not in kept and c.lhs.free_symbols:
                kept.add(c)
                out.append((c, f"{reason.split(':')[0]} as written in {seg.strip()!r} (SymPy simplified it away)"
                            f":{reason.split(':', 1)[1] if ':' in reason else ''}"))
    return out
