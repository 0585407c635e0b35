"""``lawaudit check``: verdicts, exit codes and one-line errors, through ``symbolic.cli.main``.

Expected verdicts are established by hand (comment beside each); counterexamples are
re-checked here exactly.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from fractions import Fraction

import pytest

from symbolic.cli import main

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
S = ["--samples", "500"]


def table(out: str) -> dict:
    rows = {}
    for line in out.splitlines():
        key, _, val = line.partition(": ")
        rows[key.strip()] = val
    return rows


def run(capsys, *argv):
    code = main(["check", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_proved_exit_0(capsys):
    # exp is convex and 1 + x is its tangent at 0
    code, out, err = run(capsys, "exp(x) >= 1 + x", "--var", "x: real", *S)
    rows = table(out)
    assert code == 0 and err == ""
    assert rows["verdict"] == "proved" and rows["method"] in ("sympy", "z3", "arb")
    assert rows["counterexample"] == "(none)"
    assert "smallest relative margin 0 at x = 0" in rows["sampling"]          # the tangent point


def test_refuted_exit_1_with_exact_counterexample(capsys):
    # x^2 <= 10^12 x fails for every x > 10^12
    code, out, _ = run(capsys, "x**2 <= 1e12*x", "--var", "x: real, x > 0", *S)
    rows = table(out)
    assert code == 1 and rows["verdict"] == "refuted"
    name, _, value = rows["counterexample"].partition(" = ")
    c = Fraction(value)
    assert name == "x" and c > 0 and c * c > 10**12 * c


def test_evidence_exit_3(capsys):
    # log x <= x/e is true (log(x/e) <= x/e - 1) but tight at the irrational point x = e: no sound
    # backend decides it (sin x <= x, once here, is proved by symbolic/backends/metitarski.py)
    code, out, _ = run(capsys, "log(x) <= x/E", "--var", "x: real, x > 0", *S)
    assert code == 3 and table(out)["verdict"] == "evidence"


def test_unknown_exit_3_names_the_undefined_point(capsys):
    # x**(1/3) is SymPy's principal root: not real at x = -1
    code, out, _ = run(capsys, "x**(1/3) >= 0", "--var", "x: real", *S)
    rows = table(out)
    assert code == 3 and rows["verdict"] == "unknown"
    assert "undefined at x = -1" in rows["detail"]


def test_vacuous_exit_3(capsys):
    # no x in (0, 1) exceeds 3
    code, out, _ = run(capsys, "x > 2", "--assume", "x > 3", "--var", "x: real, 0 < x < 1", *S)
    assert code == 3 and table(out)["verdict"] == "vacuous"


def test_assumptions_and_two_variables(capsys):
    # 0 <= x, y <= 1 gives x y <= 1
    code, out, _ = run(capsys, "x*y <= 1", "--assume", "x <= 1", "--assume", "y <= 1",
                       "--var", "x: nonnegative", "--var", "y: nonnegative", *S)
    rows = table(out)
    assert code == 0 and rows["verdict"] == "proved"
    assert rows["assuming"] == "x <= 1; y <= 1"


def test_pi_squared_refuted_without_variables(capsys):
    # pi^2 = 9.86960440108935861883... > 9.8696044010893586
    code, out, _ = run(capsys, "pi**2 <= 9.8696044010893586", *S)
    assert code == 1 and table(out)["verdict"] == "refuted"


def test_json_format(capsys):
    code, out, _ = run(capsys, "x**2 >= x", "--var", "n: integer", "--var", "x: real", "--format", "json", *S)
    doc = json.loads(out)
    # fails at x = 1/2 for real x
    assert code == 1 and doc["verdict"] == "refuted" and doc["exit_code"] == 1
    assert doc["schema"] == "lawaudit-check/1" and doc["conclusion"] == "x**2 >= x"
    c = Fraction(doc["counterexample"]["x"])
    assert c * c < c
    assert doc["evidence"]["points"] > 0 and doc["settings"]["samples"] == 500


def test_undeclared_variable_exit_2_one_line(capsys):
    code, out, err = run(capsys, "x + y <= 1", "--var", "x: real")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "undeclared variable(s) y" in err and '--var "y: real"' in err


@pytest.mark.parametrize("argv,msg", [
    (["x <= 1", "--var", "x: real, 2 < x < 1"], "empty"),
    (["x <=", "--var", "x: real"], "cannot read"),
    (["True"], "constant True"),
    (["foo(x) <= 1", "--var", "x: real"], "unknown function"),
    (["1/0 <= x", "--var", "x: real"], "undefined or infinite"),
    (["x <= 1", "--var", "x real"], "expected 'name: kind"),
    (["x <= 1", "--var", "x: real", "--samples", "0"], "--samples"),
    (["x <= 1", "--var", "x: real", "--timeout", "-1"], "--timeout"),
    (["x <= 1", "--var", "x: real", "--format", "xml"], "invalid choice"),
])
def test_bad_input_exit_2_one_line(capsys, argv, msg):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert msg in err


def test_help_says_not_for_untrusted_input(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0
    assert "NOT for untrusted input" in out and "3 evidence/unknown/vacuous" in " ".join(out.split())


def test_console_script_subprocess():
    exe = os.path.join(ROOT, ".venv", "bin", "lawaudit")
    if not os.path.exists(exe):
        exe = None
    cmd = ([exe] if exe else [sys.executable, "-m", "symbolic.cli"]) + \
        ["check", "exp(x) >= 1 + x", "--var", "x: real", "--samples", "300"]
    p = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert p.returncode == 0, p.stderr
    assert table(p.stdout)["verdict"] == "proved"


def test_division_simplified_away_is_unknown(capsys):
    # x/x is undefined at x = 0 even though SymPy reads it as 1
    code, out, _ = run(capsys, "x/x == 1", "--var", "x: real", *S)
    assert code == 3 and "undefined at x = 0" in table(out)["detail"]
    code, out, _ = run(capsys, "x/x == 1", "--assume", "x != 0", "--var", "x: real", *S)
    assert code == 0 and table(out)["verdict"] == "proved"


def test_unicode_relations_are_read(capsys):
    code, out, _ = run(capsys, "a ≥ 0", "--var", "a: real, 0 ≤ a")
    assert code == 0 and table(out)["verdict"] == "proved"
    code, out, _ = run(capsys, "a ≠ -1", "--var", "a: real, a ≥ 0")
    assert code == 0


def test_several_variables_in_one_var_say_one_var_per_variable(capsys):
    code, _, err = run(capsys, "a + b >= 0", "--var", "a: real, a >= 0, b: real, b >= 0")
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "use one --var per variable" in err and '--var "a: real, a >= 0" --var "b: real, b >= 0"' in err


def test_check_help_lists_every_exit_code(capsys):
    assert main(["check", "--help"]) == 0
    out = capsys.readouterr().out
    assert all(c in out for c in ("0 proved", "1 refuted", "2 bad", "3 evidence", "4 soundness", "5 internal"))
