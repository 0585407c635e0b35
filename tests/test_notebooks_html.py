"""``make notebooks-html``: notebook pages whose maths is MathML and that load nothing from a network."""
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[1]


def test_notebook_html_renders_maths_offline():
    from tools.notebooks_html import convert
    page = convert(ROOT / "notebooks" / "lemma_2_1.ipynb")
    assert page.count("<math") > 20 and "LAWAUDITMATH" not in page
    assert "mathjax" not in page.lower()
    assert not re.search(r"<script[^>]*src=[\"']https?://", page)
    assert not re.search(r"<script(?:(?!</script>).)*https?://(?:(?!</script>).)*</script>", page, re.S)
    # a step is shown once: its Markdown rendering, not its plain text as well
    assert page.count("chain-lower-bound</code></strong>") == 1 or page.count("<strong><code>chain-lower-bound") == 1
    assert "chain-lower-bound [verbatim]: refuted" not in page
