"""The progress bar (issue 15): drawn on standard error when it is a terminal (a pseudo-terminal
here), silent in a pipe and with --quiet, never on standard output.  No timing is asserted."""
import os
import pty
import fcntl
import json
import select
import struct
import subprocess
import termios
import sys
import textwrap

import pytest

from symbolic import progress
from symbolic.audit import strip_timings

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pseudo-terminals as on Linux")

SCRIPT = textwrap.dedent("""
    import sys
    from symbolic import progress
    if "--quiet" in sys.argv:
        progress.silence()
    with progress.bar(3, "audit") as b:
        for sid in ("lemma-2.1/claim", "lemma-2.1/chain", "theorem-2/sum"):
            progress.note(sid)
            b.update(1)
    print("REPORT ON STDOUT")
""")


def _run(args, tty: bool, env_extra=None):
    """Run ``args`` with standard error on a pseudo-terminal (``tty``) or a pipe; (stdout, stderr)."""
    env = {**os.environ, **(env_extra or {})}
    env.pop("LAWAUDIT_PROGRESS", None)
    if not tty:
        p = subprocess.run(args, capture_output=True, text=True, env=env, timeout=600)
        return p.stdout, p.stderr
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))   # a terminal has a size
    p = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=slave, env=env)
    os.close(slave)
    chunks = []
    while True:
        ready, _, _ = select.select([master], [], [], 1.0)
        if ready:
            try:
                data = os.read(master, 65536)
            except OSError:          # the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        elif p.poll() is not None:
            break
    out = p.stdout.read().decode()
    p.wait(timeout=600)
    os.close(master)
    return out, b"".join(chunks).decode(errors="replace")


def test_bar_on_a_terminal_names_what_it_works_on():
    out, err = _run([sys.executable, "-c", SCRIPT], tty=True)
    assert "audit" in err and "theorem-2/sum" in err and "/3 [" in err
    assert out == "REPORT ON STDOUT\n"             # nothing of the bar on standard output


def test_silent_in_a_pipe_and_with_quiet():
    out, err = _run([sys.executable, "-c", SCRIPT], tty=False)
    assert err == "" and out == "REPORT ON STDOUT\n"
    out, err = _run([sys.executable, "-c", SCRIPT, "--quiet"], tty=True)
    assert "lemma-2.1" not in err and "%" not in err and out == "REPORT ON STDOUT\n"


@pytest.mark.parametrize("jobs", ["1", "2"])        # with 2, the workers name the steps they finish
def test_lawaudit_shows_the_step_ids_on_a_terminal_only(jobs):
    args = [sys.executable, "-m", "symbolic.cli", "section-1.1", "--no-auditor", "--samples", "20", "--dps", "15",
            "--jobs", jobs, "--format", "json"]
    out, err = _run(args, tty=True)
    assert "section-1.1/" in err                    # the bar names the step being decided
    assert out.lstrip().startswith("{") and "\r" not in out
    out2, err2 = _run(args, tty=False)
    assert "section-1.1/" not in err2
    assert strip_timings(json.loads(out2)) == strip_timings(json.loads(out))    # the same report either way


def test_no_bar_in_library_use(capsys):
    with progress.bar(2, "x") as b:
        b.update(2, "done")
    progress.note("nothing open")
    assert capsys.readouterr().err == ""
