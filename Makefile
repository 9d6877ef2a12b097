# Kategoriplaner: every command a developer, an editor or CI needs.
# The first use of any target creates .venv from the pinned requirements.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
ADDR ?= 127.0.0.1:8000
export NO_MKDOCS_2_WARNING := 1

.DEFAULT_GOAL := help
.PHONY: help serve build check rapport granska test lint typecheck unit browser schema bench chromium clean \
	ny-aktivitet ny-upphandlingsbehov ny-person ny-plan

help: ## Visa de här kommandona
	@echo "Användning: make <mål>"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-20s %s\n", $$1, $$2}'

$(VENV)/.site: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.site
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

serve: $(VENV)/.site ## Förhandsvisa på http://127.0.0.1:8000 (annan adress: make serve ADDR=0.0.0.0:8001)
	$(PY) -m mkdocs serve --strict --dev-addr $(ADDR)

build: $(VENV)/.site ## Bygg webbplatsen till site/
	$(PY) -m mkdocs build --strict --clean

check: $(VENV)/.site ## Kontrollera datat i data/ och sidorna i content/
	$(PY) -m macros check

# A make variable as one shell word, whatever it contains: 'it'\''s'.
quote = '$(subst ','\'',$(1))'

# The arguments of `make rapport`, from the variables given on the command line.
report_arguments = $(if $(AKTIVITET),--aktivitet $(call quote,$(AKTIVITET))) \
	$(if $(NYCKELTAL),--nyckeltal $(call quote,$(NYCKELTAL))) $(if $(STATUS),--status $(call quote,$(STATUS))) \
	$(if $(VARDE),--varde $(call quote,$(VARDE))) $(if $(AV),--av $(call quote,$(AV))) \
	$(if $(KOMMENTAR),--kommentar $(call quote,$(KOMMENTAR))) $(if $(PLAN),--plan $(call quote,$(PLAN)))

rapport: $(VENV)/.site ## Lägg till en rapport i uppfoljning.yml: AKTIVITET=9.2.13 STATUS=pågår, eller NYCKELTAL=id VARDE="72 %"
	$(PY) -m macros rapport $(strip $(report_arguments))

BAS ?= origin/main
granska: $(VENV)/.site ## Vad ändringen betyder för planen, som granskaren ser den: [BAS=origin/main]
	$(PY) -m macros granska "$(BAS)"

# Scaffolds: the values come from the command line (make ny-aktivitet PLAN=… NAMN="…") and reach
# the command as environment variables, so that quotes and spaces in a name are passed as written.
ny-aktivitet: $(VENV)/.site ## Ny aktivitet sist i 9.2: PLAN=id NAMN="…" [STRATEGI=id] [ID=id]
	$(PY) -m macros ny aktivitet --plan "$$PLAN" --namn "$$NAMN" $${STRATEGI:+--strategi "$$STRATEGI"} $${ID:+--id "$$ID"}

ny-upphandlingsbehov: $(VENV)/.site ## Nytt upphandlingsbehov: PLAN=id BEHOV="…" UNDERKATEGORI=id LISTA=år [FORLANGNING=ÅÅÅÅ-MM-DD|Snarast]
	$(PY) -m macros ny upphandlingsbehov --plan "$$PLAN" --behov "$$BEHOV" --underkategori "$$UNDERKATEGORI" \
		--lista "$$LISTA" $${FORLANGNING:+--forlangning "$$FORLANGNING"} $${ID:+--id "$$ID"}

ny-person: $(VENV)/.site ## Ny person: NAMN="…" [TITEL="…"] [FORVALTNING=id] [ID=id]
	$(PY) -m macros ny person --namn "$$NAMN" $${TITEL:+--titel "$$TITEL"} $${FORVALTNING:+--forvaltning "$$FORVALTNING"} \
		$${ID:+--id "$$ID"}

ny-plan: $(VENV)/.site ## Ny plan: ID=id NAMN="…" KATEGORI="…" KATEGORILEDARE=id SPONSOR=id START=ÅÅÅÅ-MM
	$(PY) -m macros ny plan --id "$$ID" --namn "$$NAMN" --kategori "$$KATEGORI" --kategoriledare "$$KATEGORILEDARE" \
		--sponsor "$$SPONSOR" --start "$$START" $${AR:+--ar "$$AR"}

schema: $(VENV)/.site ## Skriv om JSON Schema-filerna i schemas/ från modellen
	$(PY) -m macros schema

lint: $(VENV)/.dev ## Kodstil och statisk analys (ruff, mypy)
	$(PY) -m ruff check macros tests
	$(PY) -m ruff format --check macros tests
	$(PY) -m mypy macros

chromium: ## Installera Debians chromium om den saknas (för webbläsartesterna)
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

test: $(VENV)/.dev chromium ## Kör alla kontroller: kod, data, enhetstester, bygge och webbläsartester
	$(MAKE) --no-print-directory lint
	$(PY) -m macros schema --kontrollera
	$(PY) -m macros check
	$(PY) -m pytest

bench: $(VENV)/.dev ## Mät vad kontroll och bygge kostar (skriver BENCHMARKS.md)
	$(PY) -m benchmarks

clean: ## Ta bort byggen och cacher (inte .venv)
	rm -rf site reports .pytest_cache .mypy_cache .ruff_cache
