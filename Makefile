# Set-up and checks. `make run` and `make test` work on a fresh machine: they create the venv themselves.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# The interface translations: sources (.ts) in git, compiled catalogues (.qm) built here.
TS := $(wildcard resources/i18n/*.ts)
QM := $(TS:.ts=.qm)

.PHONY: run test lint typecheck imports unit bench sandbox screenshots package clean translations ts

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

translations: $(QM)

$(QM): resources/i18n/%.qm: resources/i18n/%.ts $(STAMP)
	$(BIN)/pyside6-lrelease -silent $< -qm $@

# After changing UI strings: refresh the .ts files from the code and list what is left to translate.
ts: $(STAMP)
	$(BIN)/python tools/update_translations.py

run: $(STAMP) translations
	$(BIN)/xianyu-desktop --demo

sandbox: $(STAMP)
	$(BIN)/xianyu-desktop sandbox

lint: $(STAMP)
	$(BIN)/ruff check xianyu_desktop tests bench
	$(BIN)/ruff format --check xianyu_desktop tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

# The layer contracts of pyproject.toml ([tool.importlinter]).
imports: $(STAMP)
	$(BIN)/lint-imports

unit: $(STAMP) translations
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -n 2 --dist loadgroup

test: lint typecheck imports unit

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python bench/report.py

package: $(STAMP) translations
	$(BIN)/python -m pip install --quiet -e '.[package]'
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN build.spec
	@echo "built dist/xianyu-desktop/xianyu-desktop"

screenshots: $(STAMP)
	$(BIN)/python tools/make_screenshots.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
