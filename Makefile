# outcomes — make run (sample pipeline), make test (the suite), make bench (figures, not tests).
SHELL := /bin/bash
SWIFT ?= swift
APT_PACKAGES := libcsv-dev libxlsxwriter-dev libssl-dev
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

# make bench: lead counts and runs per tool (BENCH_SIZES=1000000 BENCH_RUNS=1 make bench for a quick look).
BENCH_SIZES ?= 1000000 5000000
BENCH_RUNS ?= 3
bench: deps
	@mkdir -p .build
	cc -O2 -o .build/csvfloor Benchmarks/floor/csvfloor.c -lcsv -lpthread
	cc -O2 -o .build/diskfloor Benchmarks/floor/diskfloor.c
	BENCH_SIZES="$(BENCH_SIZES)" BENCH_RUNS="$(BENCH_RUNS)" SWIFT="$(SWIFT)" Benchmarks/bench.sh

clean:
	rm -rf .build out

# Hostile inputs (100 MiB field, a million columns, binary, empty, truncated) on the release build.
faults: release
	Benchmarks/faults/run.sh .build/release/outcomes

# Fuzzing, outside CI (Fuzz/README.md): libFuzzer on the CSV, money and date parsers, FUZZ_SECONDS
# each. New corpus entries go to .build-fuzz/corpus/<name>, crashes to .build-fuzz/artifacts/<name>/,
# full logs to .build-fuzz/<name>.log; fails when any target crashes, hangs or breaks an invariant.
# FUZZ_SANITIZERS=fuzzer builds without AddressSanitizer (~45 MB instead of ~550 MB, about the same speed);
# FUZZ_FLAGS='-fork=1 -ignore_crashes=1' keeps fuzzing past a known crash.
FUZZ_SECONDS ?= 600
FUZZ_TARGETS ?= csv money date
FUZZ_SANITIZERS ?= fuzzer,address
FUZZ_FLAGS ?=
fuzz: deps
	$(SWIFT) build -c release --package-path Fuzz -Xswiftc -sanitize=$(FUZZ_SANITIZERS) -Xswiftc -parse-as-library
	@bin=$$($(SWIFT) build -c release --package-path Fuzz --show-bin-path); failed=""; \
	for t in $(FUZZ_TARGETS); do \
	  case $$t in csv) exe=FuzzCSV;; money) exe=FuzzMoney;; date) exe=FuzzDate;; *) echo "unknown fuzz target '$$t'"; exit 2;; esac; \
	  mkdir -p .build-fuzz/corpus/$$t .build-fuzz/artifacts/$$t; \
	  echo "== $$exe, $(FUZZ_SECONDS) s, corpus Fuzz/Corpus/$$t + .build-fuzz/corpus/$$t"; \
	  SWIFT_BACKTRACE=enable=no $$bin/$$exe -max_total_time=$(FUZZ_SECONDS) -timeout=10 -print_final_stats=1 \
	    -artifact_prefix=.build-fuzz/artifacts/$$t/ $(FUZZ_FLAGS) .build-fuzz/corpus/$$t Fuzz/Corpus/$$t \
	    > .build-fuzz/$$t.log 2>&1; status=$$?; \
	  grep -E 'INITED|DONE|Fatal error|ERROR:|SUMMARY|Test unit written|stat::number_of_executed_units|stat::average_exec_per_sec' .build-fuzz/$$t.log; \
	  [ $$status -eq 0 ] || failed="$$failed $$t"; \
	done; \
	if [ -n "$$failed" ]; then echo "make fuzz: failed:$$failed (see .build-fuzz/<name>.log and .build-fuzz/artifacts/)"; exit 1; fi; \
	echo "make fuzz: no crash, hang or broken invariant in $(FUZZ_TARGETS)"
