# ssg — the two commands of the README contract: `make build` and `make test`.
#
# Everything is installed by this file from the manifests in deps/: Debian packages
# (deps/apt.txt), pinned Python packages (deps/*.lock). Each step is idempotent.

SHELL := /bin/bash
# The interpreter the venv is made from: the system's python3 where it is 3.11 or newer and can
# make a venv, else python3 on PATH. Debian's is built with profile-guided and link-time
# optimisation; a pyenv build by default is not, and took 1.1 x the CPU for a 10,000-item build
# (bench/RESULTS.md, 2026-11-29 · 解释器). `make PYTHON=...` chooses another.
PYTHON ?= $(shell /usr/bin/python3 -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 11))' \
	>/dev/null 2>&1 && echo /usr/bin/python3 || echo python3)
VENV := .venv
BIN := $(VENV)/bin
# The sample portal is built at a fixed date so that it stays valid for years;
# the end-to-end tests read this line (tests/e2e/conftest.py).
SAMPLE_DATE := 2026-11-20

.PHONY: build test serve check setup setup-test system-deps lint typecheck clean

build: setup
	$(BIN)/ssg build --date $(SAMPLE_DATE) --out public
	@echo
	@echo "示例门户已生成到 $(CURDIR)/public/ (the sample portal is in public/)"
	@echo "本地预览 (preview):  make serve    （保存即刷新 / live reload），然后打开 http://127.0.0.1:8000/"
	@echo "或只看生成结果 (or the built files): $(BIN)/python -m http.server 8000 --bind 127.0.0.1 --directory public"

check: setup
	$(BIN)/ssg check --date $(SAMPLE_DATE)

serve: setup
	$(BIN)/ssg serve --date $(SAMPLE_DATE)

test: setup-test
	$(BIN)/ruff check ssg tests bench
	$(BIN)/ruff format --check ssg tests bench
	$(BIN)/mypy
	$(BIN)/pytest

setup: $(VENV)/.runtime-installed

setup-test: setup system-deps $(VENV)/.test-installed
	@# axe-core and vnu-jar for tests/browser/, from deps/package-lock.json; the stamp skips
	@# npm when node_modules is newer than the lock (vnu-jar's install script is not run).
	@test deps/node_modules/.ssg-installed -nt deps/package-lock.json \
		|| { npm ci --prefix deps --ignore-scripts --no-audit --no-fund \
		&& touch deps/node_modules/.ssg-installed; }

$(VENV)/.runtime-installed: pyproject.toml deps/runtime.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -r deps/runtime.lock
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps -e .
	touch $@

$(VENV)/.test-installed: deps/test.lock $(VENV)/.runtime-installed
	$(BIN)/python -m pip install -q --disable-pip-version-check -r deps/test.lock
	touch $@

system-deps:
	bash deps/install-system.sh

clean:
	rm -rf public .pytest_cache .mypy_cache .ruff_cache
