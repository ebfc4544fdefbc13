# Two commands do all the set-up on a machine with only Python 3.11 and make:
#   make demo   release the course and grade a sample class end to end (demo/)
#   (make release: regenerate release/ and solutions/ only)
#   make test   lint, then the project's tests (real nbgrader autograde on scratch courses)
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
# nbgrader runs `alembic` from PATH when it creates a gradebook.
export PATH := $(BIN):$(PATH)

.PHONY: demo release test lint bench clean

$(VENV)/.installed: pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

demo: $(VENV)/.installed
	$(BIN)/nnbasics demo --answers tests/answers

# After changing a notebook, public checks, data or the student kit (docs/authoring.md).
release: $(VENV)/.installed
	$(BIN)/nnbasics release

lint: $(VENV)/.installed
	$(BIN)/ruff check .

test: lint
	$(BIN)/pytest

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/selfcheck_speed.py
	$(BIN)/python benchmarks/autograde_cost.py
	$(BIN)/python benchmarks/class_speed.py 40 --memory 200

clean:
	rm -rf demo demo.log .pytest_cache
