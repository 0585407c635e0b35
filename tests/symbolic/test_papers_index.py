"""``lawaudit --list`` reads the paper's index (``derivations/_index.json``) without building any
result, and only while the index is current; a stale index is never printed."""
import json
import shutil

import symbolic.papers as papers


def test_the_shipped_index_is_current():
    folder = papers._package_dir("derivations")
    data = json.loads((folder / papers.INDEX_FILE).read_text(encoding="utf-8"))
    assert data["digest"] == papers._digest(folder), \
        "derivations/ changed since its index was written: run 'python -m symbolic.papers' and commit _index.json"
    assert data["results"] == papers._entries(papers.load("derivations"))


def test_a_stale_index_is_not_used(tmp_path, monkeypatch):
    pkg = tmp_path / "toypaper"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("PAPER = {'title': 't', 'authors': [], 'version': '1'}\n"
                                     "def all_results():\n    return []\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    papers._load.cache_clear()
    assert papers.index("toypaper") == []
    path = papers.write_index("toypaper")
    data = json.loads(path.read_text())
    data["results"] = [{"id": "stale", "title": "x", "steps": 1, "summary": ""}]
    path.write_text(json.dumps(data))
    assert papers.index("toypaper")[0]["id"] == "stale"        # current digest: read, nothing built
    (pkg / "__init__.py").write_text((pkg / "__init__.py").read_text() + "# edited\n")
    assert papers.index("toypaper") == []                        # sources changed: built afresh
    papers._load.cache_clear()
    shutil.rmtree(pkg)
