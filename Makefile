# Weft: the two commands a fresh machine needs are `make run` and `make test`; `make install`
# puts weft in PREFIX. Each installs the Debian packages it needs first (with sudo when not
# root): building weft needs only Z3 (libz3-dev; the binary then needs libz3.so.4), testing it
# needs the rest (z3, Unicorn, wabt, binaryen, the Arm GNU toolchain, LLVM).

SWIFT         ?= swift
BUILD_PACKAGES = libz3-dev
TEST_PACKAGES  = z3 libunicorn-dev wabt binaryen gcc-arm-none-eabi libnewlib-arm-none-eabi llvm
PREFIX        ?= /usr/local
DESTDIR       ?=
SUDO          := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
WEFT        := .build/release/weft
EXAMPLE     := examples/gust_poll.wat
OUT         := .build/gust_poll.wasm

.PHONY: all deps build-deps install-packages build install install-files uninstall run test bench bench-build scaling speed format clean differential

all: build

# Install any missing Debian package (skipped entirely when all are present): build-deps what
# building needs, deps what the tests and benches need too.
build-deps:
	@$(MAKE) --no-print-directory install-packages PACKAGES="$(BUILD_PACKAGES)"

deps:
	@$(MAKE) --no-print-directory install-packages PACKAGES="$(BUILD_PACKAGES) $(TEST_PACKAGES)"

install-packages:
	@missing=""; for p in $(PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

# The Swift runtime linked in, and a position-dependent executable: no dynamic relocations
# to apply at each start (about 100,000 of them as PIE: 2-3 ms of CPU a run, a quarter of
# optimizing a small module), for the cost of ASLR of weft's own code.
build: build-deps
	$(SWIFT) build -c release --product weft --static-swift-stdlib -Xswiftc -Xclang-linker -Xswiftc -no-pie

# weft, its manual page and shell completions, and the shipped rules for reference (weft
# carries them built in: the installed binary needs no data files).
install: build
	@$(MAKE) --no-print-directory install-files

# What install copies, from WEFT (a test installs its debug build this way).
install-files:
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d $(DESTDIR)$(PREFIX)/share/weft/rules/proofs \
	  $(DESTDIR)$(PREFIX)/share/doc/weft
	install -m 755 $(WEFT) $(DESTDIR)$(PREFIX)/bin/weft
	python3 docs/man/manpage.py $(WEFT) > $(DESTDIR)$(PREFIX)/share/man/man1/weft.1
	$(WEFT) --generate-completion-script bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/weft
	$(WEFT) --generate-completion-script zsh > $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_weft
	$(WEFT) --generate-completion-script fish > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/weft.fish
	install -m 644 rules/*.weft rules/*.tiles rules/*.wat rules/README.md $(DESTDIR)$(PREFIX)/share/weft/rules
	install -m 644 rules/proofs/*.smt2 $(DESTDIR)$(PREFIX)/share/weft/rules/proofs
	install -m 644 README.md docs/*.md $(DESTDIR)$(PREFIX)/share/doc/weft
	@echo "installed $(DESTDIR)$(PREFIX)/bin/weft ($$($(WEFT) --version | tr '\n' ' '))"

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/weft $(DESTDIR)$(PREFIX)/share/man/man1/weft.1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions/weft $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_weft \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/weft.fish
	rm -rf $(DESTDIR)$(PREFIX)/share/weft $(DESTDIR)$(PREFIX)/share/doc/weft

# The main job on the bundled example: optimize it, validate the output, show the result.
run: build
	@$(MAKE) --no-print-directory install-packages PACKAGES=wabt
	$(WEFT) optimize $(EXAMPLE) -o $(OUT) --stats
	wasm-validate $(OUT) && echo "$(OUT): valid (wasm-validate)"
	wasm-objdump -x -j Export $(OUT) | sed -n '/Export/,$$p'

# Every test: every rule's proof is current and proved again (weft prove --check), then unit
# tests, the spec-suite harness, the mutation test, the CLI, and the bench corpus's reference
# behaviour (which needs the corpus built).
test: deps bench-build
	@[ -d "$${WEFT_SPEC_SUITE:-../shared/testsuite}" ] || echo "note: no spec suite at $${WEFT_SPEC_SUITE:-../shared/testsuite}: the spec-suite tests will be skipped (set WEFT_SPEC_SUITE to the folder of the core suite's .wast files; under CI=true they fail instead)"
	$(SWIFT) build --build-tests
	.build/debug/weft prove --check rules
	$(SWIFT) test --skip-build

# The bench corpus, built four ways (bench/build/), and the measurements (docs/benchmarks.md).
bench-build: deps
	PATH="$(dir $(shell command -v $(SWIFT))):$$PATH" $(MAKE) -C bench build -j2

bench: build bench-build
	WEFT=$(CURDIR)/$(WEFT) $(MAKE) -C bench run

# How weft optimize's time and memory grow with code size, against wasm-opt (bench/scaling.py;
# a few minutes: wasm-opt takes over a minute on the largest chain).
scaling: build
	WEFT=$(CURDIR)/$(WEFT) python3 bench/scaling.py

# CPU time of weft optimize against wasm-opt -Oz on both corpora and random modules, and of
# weft compile on the largest program (bench/speed.py; issue K's measure, a few minutes).
speed: build bench-build
	WEFT=$(CURDIR)/$(WEFT) python3 bench/speed.py

# Differential testing at scale: thousands of random programs, before and after weft, single
# functions of 100,000 operators, and the bench programs compiled under every memory model.
differential:
	$(SWIFT) build --build-tests
	WEFT_DIFFERENTIAL_PROGRAMS=3000 $(SWIFT) test --skip-build --filter DifferentialTests
	WEFT_FUZZ_MODULES=2000 $(SWIFT) test --skip-build --filter BinaryenFuzzTests
	WEFT_COMPILED_FUZZ_MODULES=1000 $(SWIFT) test --skip-build --filter CompiledFuzzTests
	WEFT_PROGRAMS_EVERY_MODEL=1 $(SWIFT) test --skip-build --filter corpusKernelsRunCompiledAsRecorded
	WEFT_COMPILED_PROGRAMS=600 $(SWIFT) test --skip-build --filter randomProgramsRunCompiledAsInWasmKit
	WEFT_STRESS_SIZES=100000 $(SWIFT) test --skip-build --filter BigFunctionTests

format:
	/opt/swift/usr/bin/swift-format format -i -r Sources Tests Package.swift

clean:
	rm -rf .build
