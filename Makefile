# Two commands matter: `make demo` and `make test`. Both install what they need first.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
# The real corpus next to the repo when it is there, else the repo's own sample reports.
DIR     ?= $(if $(wildcard ../shared/corpus),../shared/corpus,workers/samples)
STAMP   := $(VENV)/.installed
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PKGS := redis-server fonts-wqy-microhei chromium

.PHONY: install services demo test test-fast lint bench soak schema clean constraints

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c constraints.txt -e ".[dev]"
	touch $(STAMP)

# The pinned set, after a deliberate dependency change (then commit constraints.txt).
constraints: install
	{ echo "# Pinned runtime and test set for CI, \`make\` and the image (pip install -c constraints.txt ...)."; \
	  echo "# Regenerate after a dependency change: make constraints"; \
	  $(BIN)/pip freeze --exclude-editable | grep -v '^gongkai' | sort -f; } > constraints.txt

# redis-server; a CJK font for the PDF fixtures and the report pages; chromium for the page tests. The S3
# endpoint (moto) comes with the Python deps.
services:
	@missing=""; for p in $(APT_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

demo: install services
	$(BIN)/gongkai demo $(DIR)

test: install services lint
	$(BIN)/python -m pytest -q

test-fast: install
	$(BIN)/python -m pytest -q -m "not integration"

lint: install
	$(BIN)/ruff check workers schemas tests bench
	$(BIN)/mypy workers schemas bench

schema: install
	$(BIN)/python -m workers.schema_export

bench: install services
	$(BIN)/python -m bench.run

soak: install services
	$(BIN)/python -m bench.soak

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
