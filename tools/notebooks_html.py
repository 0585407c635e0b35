"""Convert the notebooks to HTML pages whose mathematics renders offline (``make notebooks-html``).

Usage: python -m tools.notebooks_html [NOTEBOOK_OR_FOLDER ...] [--out DIR]   (default: notebooks/ -> build/notebooks/)

nbconvert's pages load MathJax from a network; these do not.  Every formula (``$..$``, ``$$..$$``, in
the Markdown cells and in the stored Markdown outputs) is converted to MathML when the page is written,
with :func:`symbolic.render.math_html` (the renderer of the HTML report; browsers render MathML
natively), and every ``<script>`` that would fetch something is removed.  The stored notebooks are not
changed.
"""
from __future__ import annotations

import argparse
import pathlib
import re
import sys

import nbformat
from nbconvert import HTMLExporter

from symbolic.render import _MATH, math_html, tex_text

_TOKEN = "LAWAUDITMATH{}X"
_CSS = """<style>
math{font-size:1.08em}math[display=block]{margin:0.4em 0;overflow-x:auto;overflow-y:hidden;max-width:100%}
.jp-OutputArea-output{overflow-x:auto}.jp-RenderedHTMLCommon svg{max-width:none}
.jp-OutputArea-output pre{word-break:normal;overflow-wrap:break-word}
</style>"""


def _stash(text: str, store: list, latex: list) -> str:
    """``text`` with every formula replaced by a token (kept in ``store`` as MathML, in ``latex`` as LaTeX)."""
    def sub(m):
        display = m.group(1) is not None
        latex.append((m.group(1) if display else m.group(2)).strip())
        store.append(math_html(latex[-1], display))
        return _TOKEN.format(len(store) - 1)
    return _MATH.sub(sub, text)


def _offline(page: str) -> str:
    """Remove every script that loads from a network (MathJax, require.js) and MathJax's configuration."""
    page = re.sub(r"<script[^>]*\bsrc=[\"']https?://[^>]*>\s*</script>", "", page)
    page = re.sub(r"<script type=\"text/x-mathjax-config\">.*?</script>", "", page, flags=re.S)
    page = re.sub(r"<script>\s*\(?function\s*\(\)\s*\{[^<]*MathJax.*?</script>", "", page, flags=re.S)
    page = re.sub(r"<script type=\"module\">(?:(?!</script>).)*https?://(?:(?!</script>).)*</script>", "", page, flags=re.S)
    page = re.sub(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", "", page, flags=re.S)
    return page.replace("</head>", _CSS + "</head>", 1)


def convert(path: pathlib.Path) -> str:
    """The HTML page of one notebook, maths as MathML, nothing loaded from a network."""
    nb = nbformat.read(path, as_version=4)
    store: list = []
    latex: list = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = _stash(cell.source, store, latex)
        elif cell.cell_type == "code":
            for out in cell.get("outputs", []):
                data = out.get("data", {})
                if "text/markdown" in data:
                    data["text/markdown"] = _stash(data["text/markdown"], store, latex)
    body, _ = HTMLExporter(template_name="lab").from_notebook_node(nb)
    plain = lambda m: tex_text(latex[int(m.group(1))])                                      # noqa: E731
    body = re.sub(r'(?:id|href)="[^"]*"', lambda a: re.sub(r"LAWAUDITMATH(\d+)X", plain, a.group(0)), body)
    body = re.sub(r"LAWAUDITMATH(\d+)X", lambda m: store[int(m.group(1))], body)
    return _offline(body)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("paths", nargs="*", default=["notebooks"], help="notebooks or folders of notebooks")
    p.add_argument("--out", default="build/notebooks", help="folder for the HTML pages (default build/notebooks)")
    args = p.parse_args(argv)
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for raw in args.paths:
        q = pathlib.Path(raw)
        if not q.exists():
            p.error(f"{raw}: no such notebook or folder")
        for nb in (sorted(q.glob("*.ipynb")) if q.is_dir() else [q]):
            target = out / (nb.stem + ".html")
            target.write_text(convert(nb), encoding="utf-8")
            print(f"wrote {target}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
