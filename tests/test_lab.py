"""JupyterLab from the project's environment: it starts on loopback, lists the project's kernel and
the notebooks, and shuts down cleanly (what ``make lab`` runs, on a free port and a private runtime dir)."""
import json
import os
import pathlib
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
JUPYTER = pathlib.Path(sys.executable).with_name("jupyter-lab")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url, token):
    req = urllib.request.Request(url, headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(req, timeout=5) as r:
        return r.status, r.read()


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    if not JUPYTER.exists():
        pytest.skip("JupyterLab is not installed in this environment (pip install -e '.[notebooks]')")
    port, token = _free_port(), "lawaudit-test-token"
    runtime = tmp_path_factory.mktemp("jupyter-runtime")
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(runtime), JUPYTER_CONFIG_DIR=str(runtime / "config"))
    env.pop("DISPLAY", None)
    proc = subprocess.Popen([str(JUPYTER), "--ip=127.0.0.1", f"--port={port}", "--port-retries=0", "--no-browser",
                             f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={ROOT / 'notebooks'}"]
                            + (["--allow-root"] if os.geteuid() == 0 else []),
                            cwd=ROOT / "notebooks", env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            if _get(f"{base}/api/status", token)[0] == 200:
                break
        except (urllib.error.URLError, ConnectionError, OSError):
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            out = proc.stdout.read().decode(errors="replace")[-2000:]
            pytest.fail(f"JupyterLab did not answer on {base}: {out}")
        time.sleep(0.5)
    yield base, token, proc
    if proc.poll() is None:
        proc.kill()
    shutil.rmtree(runtime, ignore_errors=True)


def test_status_kernel_and_notebooks_then_clean_shutdown(lab):
    base, token, proc = lab
    status, body = _get(f"{base}/api/status", token)
    assert status == 200 and "started" in json.loads(body)
    specs = json.loads(_get(f"{base}/api/kernelspecs", token)[1])
    kernel = specs["kernelspecs"]["python3"]["spec"]
    assert kernel["display_name"] == "Python 3 (lawaudit)"        # registered by make into .venv
    assert pathlib.Path(kernel["argv"][0]).resolve().parent == pathlib.Path(sys.executable).resolve().parent
    listing = json.loads(_get(f"{base}/api/contents", token)[1])["content"]
    names = {item["name"] for item in listing if item["type"] == "notebook"}
    assert {"lemma_2_1.ipynb", "theorem_2.ipynb", "theorem_3.ipynb"} <= names
    assert _get(f"{base}/lab", token)[0] == 200
    req = urllib.request.Request(f"{base}/api/shutdown", method="POST", headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(req, timeout=10) as r:
        assert r.status in (200, 204)
    assert proc.wait(timeout=30) == 0
