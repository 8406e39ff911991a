# make site   set up .venv, generate docs/ from seeds/, build site/
# make test   set up .venv (and Chromium for browser tests), lint, run every test
# make serve  preview the site with live reload
# make bench  measure the build, libraries of 16 to 1,024 documents, rebuilds and downloads; writes data/bench.json

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test serve lint chromium clean bench

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/python scripts/build.py
	$(BIN)/mkdocs build --strict

serve: site
	$(BIN)/mkdocs serve

# Not part of the tests: a few minutes; Zensical (a reference line) goes into .venv-zensical.
bench: $(STAMP) chromium
	$(BIN)/python scripts/bench.py
	$(BIN)/python scripts/bench_search.py

# Browser tests drive Debian's Chromium (never a downloaded browser); CJK fonts make screenshots legible.
chromium:
	@if [ ! -x /usr/bin/chromium ] || ! fc-list :lang=zh 2>/dev/null | grep -q .; then \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests

# axe-core for the accessibility audit comes from the npm registry (package-lock.json); Debian's npm if missing.
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq npm >/dev/null; }
	npm ci --no-audit --no-fund
	touch $@

test: $(STAMP) chromium lint node_modules/.installed
	$(BIN)/pytest

clean:
	rm -rf site test-artifacts
