"""The audit CLI: reports, schema validation, determinism, --fail-on, and clean errors (exit 2)."""
import json
import subprocess
import sys

import jsonschema
import pytest

from derivations import PAPER
from derivations.lemma_2_1 import RESULT
from symbolic.audit import Settings, audit, strip_timings
from symbolic.cli import main
from symbolic.report import schema, to_markdown, validate

SETTINGS = Settings(seed=0, dps=30, samples=300)


@pytest.fixture(scope="module")
def report():
    return audit([RESULT], SETTINGS, PAPER)


def test_report_follows_the_schema(report):
    validate(report)
    assert report["schema"] == "lawaudit-report/1"
    assert report["paper"]["version"] == "arXiv:2105.12806v1"
    assert report["summary"]["refuted"] == 2 and report["summary"]["proved"] == 11


def test_schema_rejects_a_refuted_step_without_counterexample(report):
    import copy
    bad = copy.deepcopy(report)
    step = next(s for s in bad["results"][0]["steps"] if s["verdict"] == "refuted")
    step["counterexample"] = None
    with pytest.raises(jsonschema.ValidationError):
        validate(bad)
    bad2 = copy.deepcopy(report)
    bad2["results"][0]["steps"][0]["verdict"] = "true"
    with pytest.raises(jsonschema.ValidationError):
        validate(bad2)


def test_schema_covers_the_auditors_sections(report):
    import copy
    assert {"constants", "repairs", "graph"} <= set(report)
    assert report["repairs"]["results"][0]["statement"].startswith("Lemma 2.1 holds with eps/3 (correlation) = 1/4")
    for path, value in ((("repairs", "headline", 0, "survives"), "yes"),
                        (("repairs", "results", 0, "verdict_after_repairs"), "fine"),
                        (("results", 0, "verdict_after_repairs"), "bogus"),
                        (("graph", "edges", 0, "kind"), "calls"),
                        (("constants", 0, "status"), "ok")):
        bad = copy.deepcopy(report)
        node = bad
        for k in path[:-1]:
            node = node[k]
        node[path[-1]] = value
        with pytest.raises(jsonschema.ValidationError):
            validate(bad)


def test_schema_is_shipped_as_package_data():
    assert schema()["$id"] == "lawaudit-report/1"


def test_same_seed_same_report_apart_from_timings(report):
    again = audit([RESULT], SETTINGS, PAPER)
    assert strip_timings(again) == strip_timings(report)


def test_markdown_opens_with_the_findings_then_the_results(report):
    md = to_markdown(report)
    head = md.split("## Lemma 2.1")[0]
    assert head.index("## Findings") < head.index("## Results")
    assert "- **`lemma-2.1/correlation-eps-over-4`** [false-step]" in head
    assert "Checked: lemma-2.1/chain-lower-bound-repaired proved, lemma-2.1/claim-repaired proved." in head
    assert "| Lemma 2.1 | holds with changed constants | eps/3 (correlation) = 1/4 | 11 | 2 |" in head


def test_cli_list(capsys):
    assert main(["--list"]) == 0
    assert "lemma-2.1" in capsys.readouterr().out


def test_cli_json_output_file_and_fail_on(tmp_path, capsys):
    out = tmp_path / "r.json"
    code = main(["lemma-2.1", "--format", "json", "--output", str(out), "--samples", "300", "--dps", "30",
                 "--fail-on", "refuted,unknown"])
    assert code == 1                                  # two verbatim steps are refuted
    data = json.loads(out.read_text())
    validate(data)
    assert "lemma-2.1/claim" in capsys.readouterr().err
    assert main(["lemma-2.1", "--format", "json", "--output", str(out), "--samples", "300", "--dps", "30",
                 "--fail-on", "vacuous", "--no-auditor"]) == 0


def test_cli_reports_folder(tmp_path):
    assert main(["lemma-2.1", "--reports", str(tmp_path / "rep"), "--quiet", "--samples", "300", "--dps", "30",
                 "--no-auditor"]) == 0
    assert (tmp_path / "rep" / "audit.json").exists()
    assert (tmp_path / "rep" / "audit.md").read_text().startswith("<!-- lawaudit report -->")


@pytest.mark.parametrize("argv, message", [
    (["no-such-result"], "no result 'no-such-result'; choose from"),
    (["--seed", "abc"], "--seed must be a whole number"),
    (["--dps", "5"], "--dps must be at least 15"),
    (["--samples", "0"], "--samples must be at least 1"),
    (["--fail-on", "bogus"], "--fail-on takes verdicts"),
    (["--format", "pdf"], "invalid choice: 'pdf'"),
    (["--output", "/nonexistent-dir/x.json"], "does not exist"),
    (["--timeout", "-1"], "--timeout must be a positive, finite number of seconds"),
    (["--timeout", "nan"], "--timeout must be a positive, finite number of seconds"),
    (["--timeout", "inf"], "--timeout must be a positive, finite number of seconds"),
    (["--list", "lemma-2.1"], "--list takes no RESULT"),
    (["explain", "lemma-2.1/claim", "--seed", "-5"], "--seed must be at least 0"),
    (["explain", "lemma-2.1/claim", "--timeout", "0"], "--timeout must be a positive, finite number of seconds"),
])
def test_cli_errors_are_one_line_exit_2(argv, message, capsys):
    with pytest.raises(SystemExit) as exc:
        code = main(argv)
        raise SystemExit(code)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_cli_refuses_to_overwrite_a_file_it_did_not_write(tmp_path, capsys):
    mine = tmp_path / "notes.md"
    mine.write_text("my own notes\n")
    assert main(["lemma-2.1", "--output", str(mine), "--format", "markdown", "--samples", "300"]) == 2
    assert mine.read_text() == "my own notes\n"
    assert "pass --force" in capsys.readouterr().err
    reports = tmp_path / "rep"
    reports.mkdir()
    (reports / "audit.md").write_text("hand-written\n")
    assert main(["lemma-2.1", "--reports", str(reports), "--quiet"]) == 2
    assert (reports / "audit.md").read_text() == "hand-written\n"


def test_console_script_runs_without_traceback(tmp_path):
    exe = [sys.executable, "-m", "symbolic.cli", "--format", "pdf"]
    r = subprocess.run(exe, capture_output=True, text=True)
    assert r.returncode == 2 and "Traceback" not in r.stderr


def test_reports_that_is_a_file_fails_before_the_audit(tmp_path, capsys, monkeypatch):
    import symbolic.audit
    monkeypatch.setattr(symbolic.audit, "audit", lambda *a, **k: pytest.fail("the audit ran"))
    f = tmp_path / "file"
    f.write_text("x")
    assert main(["--reports", str(f)]) == 2
    assert "is a file, not a folder" in capsys.readouterr().err


@pytest.mark.parametrize("fmt,name", [("markdown", "audit.md"), ("html", "audit.html"), ("json", "audit.json")])
def test_output_directory_error_suggests_a_name_for_the_format(tmp_path, capsys, fmt, name):
    assert main(["--format", fmt, "--output", str(tmp_path)]) == 2
    assert f"{tmp_path}/{name}" in capsys.readouterr().err


def test_explain_help_describes_every_option(capsys):
    with pytest.raises(SystemExit):
        main(["explain", "--help"])
    out = capsys.readouterr().out
    for opt in ("--seed SEED", "--dps DPS", "--samples SAMPLES", "--timeout TIMEOUT"):
        line = next(x for x in out.splitlines() if x.strip().startswith(opt))
        assert len(line.split(opt, 1)[1].strip()) > 5, line
