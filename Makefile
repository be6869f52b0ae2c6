# outcomes — make run (sample pipeline), make test (the suite), make bench (figures, not tests).
SHELL := /bin/bash
SWIFT ?= swift
APT_PACKAGES := libcsv-dev libxlsxwriter-dev
CONFIG ?= debug
BIN = .build/$(CONFIG)/outcomes
PIPELINE ?= Pipelines/ciepec-2026.yaml

.PHONY: all deps build release run validate test golden bench faults fuzz clean

all: build

# Installs the Debian packages that `dpkg -s` shows missing (CI and new machines run as root).
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO="sudo"; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build -c $(CONFIG)

release:
	$(MAKE) build CONFIG=release

run: build
	$(BIN) run $(PIPELINE) --verbose

validate: build
	$(BIN) validate $(PIPELINE)

test: deps
	$(SWIFT) build
	$(SWIFT) test --parallel

# Rewrites the golden outputs of every CLI case from the current build; read the diff before committing.
golden: build
	OUTCOMES_RECORD_GOLDEN=1 $(SWIFT) test --filter GoldenCaseTests || true
	@git status --short Tests

bench: deps
	@echo "make bench: the benchmark suite lands with the performance issue; see README"

clean:
	rm -rf .build out

# Hostile inputs (100 MiB field, a million columns, binary, empty, truncated) on the release build.
faults: release
	Benchmarks/faults/run.sh .build/release/outcomes
