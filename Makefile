# Each target bootstraps .venv from nothing (Python 3.11 and make are all it needs).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export PYTHONHASHSEED := 0

.PHONY: audit test bench soundness notebooks lab clean

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
	$(BIN)/python -m pytest -q $(XDIST) $(if $(XDIST),--dist loadfile)
	$(BIN)/python -m pytest -q $(XDIST) $(if $(XDIST),--dist loadfile) --nbval --nbval-current-env --nbval-sanitize-with notebooks/sanitize.cfg -p no:cacheprovider notebooks -o addopts=""

# Re-execute every notebook in place (stores fresh outputs; review the diff before committing).
notebooks: $(STAMP)
	$(BIN)/python -m tools.run_notebooks notebooks

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

clean:
	rm -rf $(VENV) reports .pytest_cache
