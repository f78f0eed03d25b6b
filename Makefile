# keyhost: run PowerCLI encryption scripts against a simulated vCenter.
#
#   make run    build keyhost and run the five NKP FAQ scripts on the demo
#               inventory, then verify every key
#   make test   run every test (unit tests and the FAQ acceptance tests)
#   make bench  run the benchmarks

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
FUZZ    := ./ps/lexer:FuzzLexer ./ps/parser:FuzzParse ./engine:FuzzLoad ./engine/crypto:FuzzUnwrap
FUZZTIME ?= 4s

.PHONY: all build run test fuzz bench vet fmt clean

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

test:
	$(GO) test ./...
	@$(MAKE) --no-print-directory fuzz

fuzz:
	@for f in $(FUZZ); do \
		pkg=$${f%%:*}; target=$${f##*:}; \
		echo "fuzz $$pkg $$target ($(FUZZTIME))"; \
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
