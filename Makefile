# keyhost: run PowerCLI encryption scripts against a simulated vCenter.
#
#   make run    build keyhost and run the five NKP FAQ scripts on the demo
#               inventory, then verify every key
#   make test   run every test (unit tests and the FAQ acceptance tests)
#   make bench  run the benchmarks

# Building needs Go 1.26 and cgo with OpenSSL's headers (Debian: gcc,
# libssl-dev): the hosts' TPM 2.0 simulator (go-tpm-tools) is C.
GO      ?= go
BIN     := bin/keyhost
STATE   := bin/demo-state.json
DEMO    := cmd/keyhost/demo
# The FAQ scripts: the specification's copy when it sits beside the
# checkout, else the identical copy embedded in the repository.
FAQ     := $(if $(wildcard ../shared/faq/*.ps1),../shared/faq,$(DEMO)/faq)
RUNFAQ  = $(BIN) run --state $(STATE) $(DEMO)/faq-wrapper.ps1 -Script

# Fuzz targets that CI runs for a few seconds each, on top of their seed
# corpora (which plain `go test` already runs): package and target.
FUZZ    := ./ps/lexer:FuzzLexer ./ps/parser:FuzzParse ./engine:FuzzLoad ./engine/crypto:FuzzUnwrap \
           ./engine/kmip/ttlv:FuzzDecode ./engine/kmip:FuzzHandle ./server:FuzzReadRequest \
           ./server:FuzzDecodeValue ./ps/wildcard:FuzzPattern ./engine/nkpbackup:FuzzDecode ./ps/eval:FuzzEval
FUZZTIME ?= 4s

.PHONY: all build run test pykmip fuzz bench vet fmt clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/keyhost

# The demo moves everything from NKP-Primary to NKP-Secondary, one FAQ
# script at a time, on one state file. Scripts 01 and 03 ask for
# confirmation (they pass no -Confirm:$$false); the answer "y" is piped in.
# Script 02 stops at dev04, whose snapshot tree vSphere refuses to rekey:
# that failure is part of the demonstration, so make goes on.
run: build
	@$(BIN) inventory demo -o $(STATE)
	@echo "### Keys before: the demo inventory"
	@$(BIN) inventory show --state $(STATE)
	@echo
	@printf 'y\n' | $(RUNFAQ) $(FAQ)/01-shallow-rekey-one-vm.ps1 -VMName web01
	@$(RUNFAQ) $(FAQ)/02-rekey-all-encrypted-vms.ps1 || echo "(script 02 exited $$?: it stops at the first VM vSphere refuses, as -ErrorAction Stop asks)"
	@printf 'y\n' | $(RUNFAQ) $(FAQ)/03-deep-rekey-one-vm.ps1 -VMName db02
	@$(RUNFAQ) $(FAQ)/04-rekey-vsan-clusters.ps1
	@$(RUNFAQ) $(FAQ)/05-list-encrypted-vms.ps1
	@echo
	@echo "### Keys after: homes rewrapped by NKP-Secondary, DEKs unchanged"
	@$(BIN) inventory show --state $(STATE)
	@echo
	@$(BIN) verify --state $(STATE)

# The KMIP interoperability tests run against Debian's PyKMIP server, a KMS
# nobody here wrote; it is installed when missing (as root, or with sudo).
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

test: pykmip
	$(GO) test ./...
	@$(MAKE) --no-print-directory fuzz

pykmip:
	@command -v pykmip-server >/dev/null 2>&1 || { \
		echo "installing python3-pykmip for the KMIP interoperability tests"; \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive sh -c 'apt-get update -qq && apt-get install -y -qq python3-pykmip' >/dev/null \
		|| echo "WARNING: python3-pykmip could not be installed; the PyKMIP tests will be skipped"; }

# Go's fuzz coordinator now and then ends a short run with "context
# deadline exceeded" and no failing input (a worker still starting when the
# time is up); such a run is repeated once. A run that found a failing input
# fails at once (the input is written under testdata/fuzz).
fuzz:
	@for f in $(FUZZ); do \
		pkg=$${f%%:*}; target=$${f##*:}; \
		echo "fuzz $$pkg $$target ($(FUZZTIME))"; \
		out=$$($(GO) test -run '^$$' -fuzz "^$$target\$$" -fuzztime $(FUZZTIME) $$pkg 2>&1) && { echo "$$out" | tail -1; continue; }; \
		echo "$$out"; \
		case "$$out" in *"Failing input"*) exit 1;; esac; \
		echo "fuzz $$pkg $$target: no failing input; running it again"; \
		$(GO) test -run '^$$' -fuzz "^$$target\$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	done

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

vet:
	$(GO) vet ./...

fmt:
	gofmt -l -w .

clean:
	rm -rf bin
