# Everything installs itself: `make run` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: install run lint test test-fast test-slow clean

install: $(VENV)/.installed

# llama-cpp-python compiles on install, for this CPU (-march=native: AVX-512 reads prompts 1.5x faster
# than an AVX2 build here) but never with AMX: on a virtual machine whose CPU lists AMX without the
# kernel enabling it, ggml's AMX kernels die of a general protection fault at the first matrix
# product. The wheel is kept under a name made of its version, flags and this CPU's features, so a
# wheel built otherwise (or cached by pip) is never taken instead.
LLAMA := llama-cpp-python==$(shell sed -n 's/.*llama-cpp-python\[server\]==\([0-9.]*\).*/\1/p' pyproject.toml)
NO_AMX := -mno-amx-tile -mno-amx-int8 -mno-amx-bf16
LLAMA_CMAKE := $(if $(filter x86_64,$(shell uname -m)),-DCMAKE_C_FLAGS="$(NO_AMX)" -DCMAKE_CXX_FLAGS="$(NO_AMX)")
CPU := $(shell grep -m1 -E '^(flags|Features)' /proc/cpuinfo 2>/dev/null)
WHEELS := $(HOME)/.cache/summarizer/wheels/$(shell echo '$(LLAMA) $(LLAMA_CMAKE) $(CPU)' | sha1sum | cut -c1-12)

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	ls $(WHEELS)/llama_cpp_python-*.whl >/dev/null 2>&1 || CMAKE_ARGS='$(LLAMA_CMAKE)' \
		$(BIN)/python -m pip wheel --quiet --no-cache-dir --no-deps --wheel-dir $(WHEELS) '$(LLAMA)'
	$(BIN)/python -m pip install --quiet --find-links $(WHEELS) -e '.[local,dev]'
	touch $@

# The main job: summarise the sample episode on the embedded default model (no key, no server).
run: install
	$(BIN)/summarizer run examples/sample-episode.txt

lint: install
	$(BIN)/ruff check summarizer tests bench
	$(BIN)/ruff format --check summarizer tests bench
	$(BIN)/mypy

# Lint, then every test, the slow real-model ones included.
test: lint
	$(BIN)/python -m pytest

test-fast: install
	$(BIN)/python -m pytest -m "not slow"

test-slow: install
	$(BIN)/python -m pytest -m slow

clean:
	rm -rf $(VENV) .pytest_cache
