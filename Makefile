# Bidra: `make demo` serves a demo on http://127.0.0.1:8000, `make test` runs every check.
# Every step that a fresh machine needs is here; nothing is assumed to be installed by hand.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell sha256sum requirements/lock.txt | cut -c1-12)
PYTEST_WORKERS ?= 2

.PHONY: demo test install sysdeps browser-deps oidc-deps messages migrate lint audit typecheck test-sqlite test-postgres test-faults lock serve clean

demo: install messages migrate ## Install, migrate, load the demo round and serve it
	$(PY) manage.py load_demo
	@echo "Serving Bidra on http://127.0.0.1:8000/ (Ctrl-C stops it)"
	$(PY) manage.py runserver 127.0.0.1:8000

test: install messages browser-deps oidc-deps lint audit typecheck test-sqlite test-postgres test-faults ## Lint, audit, type-check, the suite on SQLite and PostgreSQL, the fault runs
	@echo "All checks passed on SQLite and PostgreSQL."

install: sysdeps $(STAMP)

$(STAMP): requirements/lock.txt
	@$(PYTHON) scripts/check_python.py
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements/lock.txt
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

AXE := tests/browser/node_modules/axe-core/axe.min.js

browser-deps: $(AXE) ## axe-core from the npm registry, at the version in tests/browser/package-lock.json

$(AXE): tests/browser/package-lock.json
	cd tests/browser && npm ci --no-audit --no-fund --silent
	touch $(AXE)

OIDC_PROVIDER := tests/oidc/node_modules/oidc-provider/package.json

oidc-deps: $(OIDC_PROVIDER) ## The OIDC provider that the e-ID log-in tests run (npm, tests/oidc/package-lock.json)

$(OIDC_PROVIDER): tests/oidc/package-lock.json
	cd tests/oidc && npm ci --no-audit --no-fund --silent
	touch $(OIDC_PROVIDER)

sysdeps: ## System packages (gettext for translations); installed with apt when possible
	@sh scripts/sysdeps.sh

messages: install
	$(PY) manage.py compilemessages --ignore=.venv -v0

migrate: install
	$(PY) manage.py migrate --noinput -v1

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: install
	$(VENV)/bin/mypy

audit: install ## Security audit: bandit on bidra/ (config in pyproject.toml), pip-audit on requirements/lock.txt
	$(VENV)/bin/bandit -c pyproject.toml -r bidra -q
	$(PY) scripts/audit_deps.py $(PY)

test-sqlite: install messages browser-deps oidc-deps
	@echo "== Test suite on SQLite =="
	env -u DATABASE_URL $(PY) -m pytest -n $(PYTEST_WORKERS) -q

test-postgres: install messages browser-deps oidc-deps
	@echo "== Test suite on PostgreSQL =="
	@sh scripts/test_postgres.sh $(PY) $(PYTEST_WORKERS)

test-faults: install messages ## gunicorn killed with SIGKILL during submissions; PostgreSQL restarted under load (once)
	@echo "== Fault runs (PostgreSQL at FAULTS_DATABASE_URL, default 127.0.0.1:5432) =="
	$(PY) -m pytest -p no:xdist -q -rP -m faults tests/faults

lock: ## Re-resolve requirements/*.in into requirements/lock.txt
	$(PY) -m pip install --quiet uv
	cd requirements && ../$(VENV)/bin/uv pip compile --quiet --python-version 3.11 dev.in -o lock.txt

serve: install messages migrate
	$(PY) manage.py runserver 127.0.0.1:8000

clean:
	rm -rf $(VENV) var bidra.sqlite3 bidra.sqlite3-*
