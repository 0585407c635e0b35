"""Execute notebooks in place with nbclient so their stored outputs are the reference for nbval.

Usage: python -m tools.run_notebooks [NOTEBOOK_OR_FOLDER ...]   (default: notebooks/)

Runs with PYTHONHASHSEED=0 in the current environment's kernel; a failing cell aborts with the
notebook's name and the cell's error.  Nothing stored depends on the machine or the run: no
timestamps, and cells marked ``# NBVAL_IGNORE_OUTPUT`` (timings) keep no output.
"""
from __future__ import annotations

import argparse
import os
import pathlib
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def execute(path: pathlib.Path, timeout: int = 600) -> None:
    """Run every cell; store no execution timestamps, and no output of a cell marked
    ``# NBVAL_IGNORE_OUTPUT`` (timings: they differ on every run and every machine), so that
    re-executing on any machine leaves the stored notebook unchanged."""
    nb = nbformat.read(path, as_version=4)
    os.environ["PYTHONHASHSEED"] = "0"
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(path.parent.resolve().parent)}})
    client.execute()
    for cell in nb.cells:
        cell.get("metadata", {}).pop("execution", None)
        if cell.cell_type == "code" and "NBVAL_IGNORE_OUTPUT" in cell.source:
            cell.outputs = []
    nbformat.write(nb, path)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("paths", nargs="*", default=["notebooks"], help="notebooks or folders of notebooks")
    args = p.parse_args(argv)
    paths = []
    for raw in args.paths:
        q = pathlib.Path(raw)
        if not q.exists():
            p.error(f"{raw}: no such notebook or folder")
        paths += sorted(q.glob("*.ipynb")) if q.is_dir() else [q]
    for nb in paths:
        print(f"executing {nb}", flush=True)
        try:
            execute(nb)
        except CellExecutionError as exc:
            print(f"{nb}: a cell failed:\n{exc}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
