# Two commands do all set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(abspath $(VENV))/bin

.PHONY: demo test venv check pytest bench bench-quick clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

venv: $(VENV)/.installed

# The main job on a sample repository in a temporary folder: init, a new ADR, list, lint.
demo: venv
	@set -e; work=$$(mktemp -d); cd $$work; \
	git init --quiet; \
	echo "\$$ adr init"; $(BIN)/adr init; \
	echo; echo "\$$ adr new \"Use PostgreSQL for the order store\" --no-input ..."; \
	$(BIN)/adr new "Use PostgreSQL for the order store" --no-input --tag storage \
	  --decision-maker "Ana Silva" \
	  --set "Context=Orders are written by the checkout service and read by fulfilment." \
	  --set "Constraints.Users=40,000 shoppers a day, in the EU." \
	  --set "Constraints.Data volume=2 GB today, growing 1 GB a year." \
	  --set "Constraints.Latency=p99 under 50 ms for an order read." \
	  --set "Constraints.Consistency=An order must never be lost once confirmed." \
	  --set "Constraints.Regulatory=GDPR: customer data stays in the EU." \
	  --set "Options considered.Boring option=PostgreSQL: transactions on one server we know." \
	  --set "Options considered=DynamoDB: scales further, but no joins and vendor lock-in." \
	  --set "Decision.Chosen=PostgreSQL." \
	  --set "Decision.Deciding constraint=Consistency: a confirmed order is never lost." \
	  --set "Trade-offs.We give up=Effortless horizontal scale." \
	  --set "Trade-offs.We get=Transactions and plain SQL the team already knows." \
	  --set "Failure modes.Database slow.Users see=Checkout waits up to 200 ms more." \
	  --set "Failure modes.Database slow.Mitigation=Reads time out after 200 ms; checkout retries once." \
	  --set "Failure modes.Database slow.Detected by=The p99 order-read latency alert." \
	  --set "Failure modes.A dependency down.Users see=Nothing: a replica takes over." \
	  --set "Failure modes.A dependency down.Mitigation=Failover to the replica within a minute." \
	  --set "Failure modes.A dependency down.Detected by=The database health check pages on-call." \
	  --set "Failure modes.10x traffic.Users see=Slower order pages at peak." \
	  --set "Failure modes.10x traffic.Mitigation=Read replicas, then partitioning by region." \
	  --set "Failure modes.10x traffic.Detected by=Connection pool saturation on the dashboard." \
	  --set "Consequences=We run and back up PostgreSQL ourselves; a load test at 2x peak runs before launch." \
	  --set "Revisit when.Signal=Order writes exceed 1,000 per second."; \
	echo; echo "\$$ adr list"; $(BIN)/adr list; \
	echo; echo "\$$ adr lint"; $(BIN)/adr lint && echo "(no findings)"; \
	echo; echo "\$$ cat docs/adr/0002-*.md"; cat docs/adr/0002-*.md; \
	echo; echo "(demo repository left in $$work)"

# ruff, mypy and the whole test suite.
test: venv
	$(BIN)/ruff check adr_tool tests bench
	$(BIN)/mypy
	$(BIN)/python -m pytest

bench: venv
	$(BIN)/python -m bench.run

bench-quick: venv
	$(BIN)/python -m bench.run --quick

clean:
	rm -rf $(VENV) dist build .pytest_cache .mypy_cache .ruff_cache
