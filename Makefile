# Each target bootstraps .venv from nothing (Python 3.11 and make are all it needs).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export PYTHONHASHSEED := 0

.PHONY: audit test bench soundness notebooks notebooks-html lab formal clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test,notebooks]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (lawaudit)" >/dev/null
	touch $(STAMP)

audit: $(STAMP)
	$(BIN)/lawaudit --reports reports
	@echo "Reports written: reports/audit.json, reports/audit.md, reports/audit.html"

# Two pytest-xdist workers (TEST_WORKERS=0: one process), each file's tests in one worker (module
# fixtures are built once); the whole audit (full_report) is computed once and shared (tests/conftest.py).
TEST_WORKERS ?= 2
XDIST = $(if $(filter 0,$(TEST_WORKERS)),,-n $(TEST_WORKERS))

test: $(STAMP)
	@command -v coqc >/dev/null 2>&1 || echo "coq: coqc is not on the PATH, so the Coq tests are skipped (Debian: apt-get install coq libcoq-interval coinor-csdp)"
	@command -v coqc >/dev/null 2>&1 && ! command -v csdp >/dev/null 2>&1 && echo "coq: csdp is not on the PATH, so psatz cannot search and its test is skipped (Debian: apt-get install coinor-csdp)" || true
	$(BIN)/python -m pytest -q $(XDIST) $(if $(XDIST),--dist loadfile)
	$(BIN)/python -m pytest -q $(XDIST) $(if $(XDIST),--dist loadfile) --nbval --nbval-current-env --nbval-sanitize-with notebooks/sanitize.cfg -p no:cacheprovider notebooks -o addopts=""

# Re-execute every notebook in place (stores fresh outputs; review the diff before committing).
notebooks: $(STAMP)
	$(BIN)/python -m tools.run_notebooks notebooks

# The notebooks as HTML pages in build/notebooks/ whose maths renders offline (MathML, no MathJax).
notebooks-html: $(STAMP)
	$(BIN)/python -m tools.notebooks_html notebooks --out build/notebooks

# JupyterLab on 127.0.0.1 in notebooks/, with the project's kernel; it prints its URL with the token.
# A browser opens only where there is a display.
lab: $(STAMP)
	cd notebooks && ../$(BIN)/jupyter lab --ip=127.0.0.1 --ServerApp.root_dir=. \
	  $(if $(DISPLAY),,--no-browser) $(if $(filter 0,$(shell id -u)),--allow-root)

bench: $(STAMP)
	$(BIN)/python -m benchmarks.run

# The whole soundness corpus and every mutant of every encoded step (a fast subset runs in make test).
soundness: $(STAMP)
	$(BIN)/python -m tests.soundness.run

# Every step proved by z3 or SymPy exported to Coq (reports/coq/*.v) and re-checked by coqc (issue 17);
# exit 4 when coqc rejects a proved step.  Needs coqc and csdp (Debian: apt-get install coq libcoq-interval coinor-csdp).
# The Coq record derivations/coq-record.json (what coqc decided, by step and statement digest) is merged
# here; the notebooks read it to show "Coq-checked" beside a verdict (commit it with the notebooks).
formal: $(STAMP)
	@rc=0; $(BIN)/lawaudit --export-coq reports/coq --coq --coq-record derivations/coq-record.json \
	  --reports reports --quiet || rc=$$?; \
	$(BIN)/python -c "import json; c = json.load(open('reports/audit.json'))['coq']; print(f\"Coq-checked: {c['checked']} of {c['proved_by_z3_or_sympy']} steps proved by z3 or SymPy ({c['failed']} failed); coqc {c['wall_seconds']:.0f} s wall\")"; \
	exit $$rc

clean:
	rm -rf $(VENV) reports .pytest_cache
