# exosh build, test and demo targets. Every target that needs the native
# libraries runs `setup` first, so each one works on a fresh Debian machine.

GO      ?= go
BIN     := bin/exosh
SHARED  ?= $(abspath ../shared)
APT_PKGS := libnetcdf-dev netcdf-bin python3-netcdf4 python3-meshio libexodusii-dev time chromium
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

export EXOSH_SHARED := $(SHARED)

.PHONY: all setup build test demo bench bench-chain fmt vet clean

all: build

# setup installs the Debian packages exosh builds and tests against, only
# when one of them is missing.
setup:
	@missing=""; for p in $(APT_PKGS) pkg-config gcc; do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "setup: installing$$missing"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

build: setup
	$(GO) build -o $(BIN) ./cmd/exosh

vet: setup
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

test: setup vet build
	$(GO) test -count=1 -timeout 12m ./...
	./$(BIN) test scripts/examples

demo: build
	@d=$$(mktemp -d); ./$(BIN) scripts/examples/tour.star $$d; rc=$$?; rm -rf $$d; [ $$rc = 0 ] || exit $$rc
	./$(BIN) scripts/examples/picture.star docs/pictures

# bench prints the figures the issues ask for: the user's chain of 16
# steps in one fresh exosh process per size (scripts/bench/chain.star; sizes that
# need more memory than is available are skipped and say so; the small sizes
# run three times, and a last table sets each step's 512k time against
# issue 10's target and its time per element at the other sizes against
# 512k's), import/export
# against nccopy with peak RSS, start-up and view costs, Python scripts
# against Starlark ones, the area C table over hex cubes of 64k, 512k and
# 1M elements, the area D methods, exosh diff, and the kernels' own
# benchmarks. `make bench-chain CHAIN_SIZES="80 160"` runs only the chain.
bench: setup build bench-chain
	@echo "== Exodus import + export of a 1M-element model, against nccopy"
	$(GO) test -run '^$$' -bench 'ImportExport' -benchtime 3x -timeout 20m ./exodus
	@echo "== The shell: start-up, zero-copy field views, build_hex8_cube"
	@echo "   (StartupPython/Starlark: exosh empty.py/.star; CallsPython/Starlark:"
	@echo "   10,000 get_element_count calls from calls.py/.star, fresh processes)"
	$(GO) test -run '^$$' -bench . -benchmem -timeout 20m ./tests ./builtins
	@echo "== Python scripts in process: 10,000 get_element_count calls, .py against .star"
	$(GO) test -run '^$$' -bench . -benchmem -timeout 10m ./pyrun
	@echo "== Area C methods on hex cubes (1 and 2 threads)"
	EXOSH_BENCH_TABLE=1 $(GO) test ./meshobj -count=1 -run TestBenchTable -v -timeout 30m
	@echo "== Area D cuts on a 512k-element hex cube, in a fresh exosh process (threshold target: 0.1 s)"
	/usr/bin/time -f "whole process: %e s wall, %M KB peak RSS" ./$(BIN) scripts/bench/threshold.star
	@echo "== exosh diff of two 1M-element files (10 steps, one value changed) against importing both"
	$(GO) test -run '^$$' -bench 'Diff1M' -benchtime 1x -timeout 20m ./exodiff
	@echo "== Exterior surfaces: a fresh exosh on a 512k-element hex cube"
	@d=$$(mktemp -d); /usr/bin/time -v ./$(BIN) scripts/bench/surface.star $$d 2>&1 | grep -E ' ms|Elapsed|Maximum resident'; rm -rf $$d
	@echo "== Area D element conversions, 512k-element hex8 cube, each in a fresh process"
	./$(BIN) scripts/bench/area_d_convert.star quadratic && ./$(BIN) scripts/bench/area_d_convert.star hex24tet
	@echo "== count_disconnected_blocks on 512k and 8M-element hex cubes, each in a fresh process (issue 10: time per element at 8M within 1.3x of 512k)"
	./$(BIN) scripts/bench/disconnected.star 80 && ./$(BIN) scripts/bench/disconnected.star 200
	@echo "== Pictures: a fresh exosh drawing hex cubes (export_png 1M and 8M, export_gif 512k x 10 steps, export_html 1M)"
	@d=$$(mktemp -d); /usr/bin/time -v ./$(BIN) scripts/bench/pictures.star $$d 2>&1 | grep -E ' ms|Elapsed|Maximum resident'; \
		ls -l $$d/exosh_bench_cube.html | awk '{printf "export_html file: %.2f MB\n", $$5/1e6}'; rm -rf $$d
	@echo "== Kernels"
	$(GO) test -run '^$$' -bench . -benchmem -timeout 30m ./compute ./compute/expr ./exodus/internal/netcdf

CHAIN_SIZES ?= 80 160 200 300

bench-chain: setup build
	@echo "== The 16-step chain of issue 10, one fresh process per size"
	@echo "   (its steps that grow the process run at this machine's first-touch rate:)"
	$(GO) build -o bin/firsttouch ./scripts/bench/firsttouch && ./bin/firsttouch
	./scripts/bench/chain.sh ./$(BIN) $(CHAIN_SIZES)

fmt:
	gofmt -w $$(git ls-files '*.go')

clean:
	rm -rf bin
