# praksis — set-up, demo, tests and benchmarks. Every target installs what it needs.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
# The LibreOffice converter (unoserver) needs the `uno` module, which only Debian's own
# Python has: it gets a venv of its own on /usr/bin/python3 with the system site-packages.
UNO_VENV := .venv-uno
DEMO := build/demo
WATCH_DEMO := build/innboks-demo

# The tested version of every Python dependency (make lock regenerates them on purpose).
CONSTRAINTS := constraints.txt
UNO_CONSTRAINTS := constraints-uno.txt
LOCK := build/lock

.PHONY: setup system venv uno-venv lock demo watch test test-fast bench bench-instructions i18n clean

setup: system venv uno-venv

# Debian packages: LibreOffice (DOCX -> PDF/A), python3-uno, PDFBox Preflight (PDF/A check),
# poppler (pdftotext/pdftoppm for tests and previews), Carlito (Calibri metrics) and Chromium
# (the overview page tested in a real browser). Installed only when missing.
SYSTEM_PACKAGES := libreoffice-writer-nogui fonts-liberation fonts-crosextra-carlito python3-uno python3-venv \
	libpdfbox2-java libjaxb-api-java libactivation-java poppler-utils default-jre-headless ghostscript \
	chromium
system: .stamps/system
.stamps/system:
	@mkdir -p .stamps
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installerer systempakker: $$missing"; \
		if [ "$$(id -u)" != 0 ]; then SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@touch $@

venv: .stamps/venv
.stamps/venv: pyproject.toml $(CONSTRAINTS)
	@mkdir -p .stamps
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c $(CONSTRAINTS) -e '.[dev]'
	@touch $@

uno-venv: .stamps/uno-venv
.stamps/uno-venv: .stamps/system $(UNO_CONSTRAINTS)
	@mkdir -p .stamps
	@test -x $(UNO_VENV)/bin/python || /usr/bin/python3 -m venv --system-site-packages $(UNO_VENV)
	$(UNO_VENV)/bin/python -m pip install -q -c $(UNO_CONSTRAINTS) 'unoserver>=3.0,<4'
	@touch $@

# New pins, on purpose: install the newest versions pyproject.toml allows into fresh venvs and
# write what came as constraints.txt / constraints-uno.txt (review the diff, run the tests, commit).
lock: .stamps/system
	rm -rf $(LOCK)
	$(PYTHON) -m venv $(LOCK)/venv
	$(LOCK)/venv/bin/python -m pip install -q --upgrade pip
	$(LOCK)/venv/bin/python -m pip install -q -e '.[dev]'
	{ echo "# praksis: tested versions of every Python dependency. Made by «make lock»; «make setup» installs these."; \
	  $(LOCK)/venv/bin/python -m pip freeze --exclude-editable; } > $(CONSTRAINTS)
	/usr/bin/python3 -m venv --system-site-packages $(LOCK)/uno
	$(LOCK)/uno/bin/python -m pip install -q 'unoserver>=3.0,<4'
	{ echo "# praksis: the LibreOffice bridge's venv (.venv-uno). Made by «make lock»; «make setup» installs these."; \
	  $(LOCK)/uno/bin/python -m pip freeze --local; } > $(UNO_CONSTRAINTS)
	rm -rf $(LOCK)
	@echo "Oppdatert $(CONSTRAINTS) og $(UNO_CONSTRAINTS). Kjør testene (make test) før du committer dem."

# The main job on the bundled examples, in a fresh workspace: show the error report for the
# invalid example (exit 1 expected there), ingest the valid files (validate, make the
# documents due, convert to PDF/A, file as Noark case files), list the cases, check fixity.
demo: setup
	rm -rf $(DEMO)
	$(BIN)/praksis init $(DEMO)
	$(BIN)/praksis --root $(DEMO) validate examples/ugyldig.csv || test $$? -eq 1
	$(BIN)/praksis --root $(DEMO) ingest examples/praksisplasser.json examples/praksisliste.csv examples/praksisliste.xlsx
	$(BIN)/praksis --root $(DEMO) list
	$(BIN)/praksis --root $(DEMO) mangler
	$(BIN)/praksis --root $(DEMO) oversikt
	$(BIN)/praksis --root $(DEMO) verify
	$(BIN)/praksis --root $(DEMO) export fiks-arkiv
	$(BIN)/praksis --root $(DEMO) export arkivuttrekk --fra $$(date +%Y)-01-01 --til $$(date +%Y)-12-31
	$(BIN)/praksis --root $(DEMO) export check $(DEMO)/eksport/arkivuttrekk/$$(date +%Y)-01-01_$$(date +%Y)-12-31
	@echo
	@echo "Ferdig. Sakene ligger i $(DEMO)/archive/ (én saksmappe per praksisplass; DOCX og PDF/A"
	@echo "for hver dokumentversjon, f.eks. $(DEMO)/archive/*/*-00001/001-praksisavtale/v1/)."
	@echo "Eksport: $(DEMO)/eksport/fiks-arkiv/ (Fiks Arkiv-bunter) og $(DEMO)/eksport/arkivuttrekk/ (avleveringspakke)."
	@echo "Se én sak med: .venv/bin/praksis --root $(DEMO) show $$(date +%Y)/1"
	@echo "Innboksen: make watch, og legg en fil i $(WATCH_DEMO)/inbox/ (se README)."

# The watched inbox on a workspace of its own (made if missing); Ctrl-C stops it.
watch: setup
	@test -f $(WATCH_DEMO)/config/praksis.toml || $(BIN)/praksis init $(WATCH_DEMO)
	@echo "Legg en fil i $(WATCH_DEMO)/inbox/, f.eks.:  cp examples/praksisliste.xlsx $(WATCH_DEMO)/inbox/"
	$(BIN)/praksis --root $(WATCH_DEMO) watch

test: setup
	$(BIN)/python -m pytest

test-fast: venv
	$(BIN)/python -m pytest -m "not slow"

bench: setup
	$(BIN)/python bench/validate_bench.py
	$(BIN)/python bench/convert_bench.py
	$(BIN)/python bench/ingest_bench.py
	$(BIN)/python bench/watch_bench.py
	$(BIN)/python bench/export_bench.py
	$(BIN)/python bench/signed_bench.py
	$(BIN)/python bench/registry_bench.py
	$(BIN)/python bench/pages_bench.py

# The HR-facing texts in nynorsk (docs/spraak.md): extract the bokmål msgids from pipeline/ into
# praksis.pot, merge them into the nynorsk catalogue (new ones untranslated, changed ones fuzzy),
# and compile it. Translate the new and fuzzy entries in praksis.po, then run it again; the test
# tests/domain/test_texts.py fails while any is left. The compiled .mo is committed.
LOCALE := pipeline/locale
i18n: venv
	$(BIN)/pybabel extract -F babel.cfg --no-location --sort-output --no-wrap \
		--project praksis --version 0.1.0 -o $(LOCALE)/praksis.pot .
	$(BIN)/pybabel update -i $(LOCALE)/praksis.pot -d $(LOCALE) -D praksis -l nn --no-wrap \
		--ignore-obsolete
	$(BIN)/pybabel compile -d $(LOCALE) -D praksis -l nn --statistics

# Validation cost in CPU instructions per row (valgrind): repeatable where timings are not.
bench-instructions: setup
	@command -v valgrind >/dev/null || { if [ "$$(id -u)" != 0 ]; then SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq valgrind; }
	$(BIN)/python bench/validate_instructions.py

clean:
	rm -rf build .stamps $(VENV) $(UNO_VENV)
