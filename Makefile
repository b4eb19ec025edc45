# Everything installs itself: `make run` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: install run lint test test-fast test-slow clean

install: $(VENV)/.installed

# llama-cpp-python compiles on install. Built for "this CPU" (-march=native) it uses AMX where the CPU
# lists it, and crashes (general protection fault in libggml-cpu) on virtual machines that list AMX
# without enabling it; so it is built for AVX2, which every x86-64 machine of the last decade runs. The
# wheel is kept under a name made of its version and flags: a wheel pip cached with other flags is
# never taken instead.
LLAMA := llama-cpp-python==$(shell sed -n 's/.*llama-cpp-python\[server\]==\([0-9.]*\).*/\1/p' pyproject.toml)
LLAMA_CMAKE := -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON \
	-DGGML_AVX512=OFF -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF
WHEELS := $(HOME)/.cache/summarizer/wheels/$(shell echo '$(LLAMA) $(LLAMA_CMAKE)' | sha1sum | cut -c1-12)

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
