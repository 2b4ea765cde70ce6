# kg — the two commands: `make demo` and `make test`. Both set up .venv from requirements.lock first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint format bench train lock clean neo4j neo4j-stop

$(STAMP): pyproject.toml requirements.lock scripts/pip.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r scripts/pip.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

## demo: build the seed story on the embedded database, write out/graph.ttl and out/graph.html
demo: $(STAMP)
	@mkdir -p out .kg  # the graph lives in ./.kg: kg finds it as git finds .git
	$(BIN)/kg build --rebuild examples/
	$(BIN)/kg export -f turtle -o out/graph.ttl
	$(BIN)/kg viz -o out/graph.html
	@echo
	@echo "Claims that outcomes have decided (kg explain CLAIM_ID says why):"
	@$(BIN)/kg query "MATCH (c:Claim)-[:SUBJECT]->(s), (c)-[:OBJECT]->(o), (c)-[:ATTRIBUTED_TO {position: 0}]->(src) WHERE c.status <> 'open' AND c.modality <> 'confirmed' RETURN c.status AS status, src.name AS source, s.name AS subject, c.predicate AS predicate, o.name AS object ORDER BY status, source"
	@echo
	@$(BIN)/kg sources
	@echo
	@echo "Wrote out/graph.ttl (Turtle) and out/graph.html (open it in a browser)."
	@echo "Query the graph with Cypher, e.g.:"
	@echo "  $(BIN)/kg query \"MATCH (s:Source)<-[:ATTRIBUTED_TO]-(c:Claim) RETURN s.name, count(c) ORDER BY count(c) DESC\""
	@echo "The database server stays up for the next commands and stops after 10 minutes unused ($(BIN)/kg server stop stops it now)."

## test: the whole test suite (starts its own ArcadeDB and Neo4j servers; browser tests need chromium)
test: $(STAMP)
	$(BIN)/pytest

## neo4j: fetch Neo4j Community 5.26 from Maven Central (once), start it on a free loopback port, write .neo4j/env
neo4j: $(STAMP)
	$(BIN)/python -m scripts.neo4j_server start --home .neo4j

## neo4j-stop: stop the server `make neo4j` started (its data stays in .neo4j/data)
neo4j-stop:
	$(BIN)/python -m scripts.neo4j_server stop --home .neo4j

## lint: ruff and mypy
lint: $(STAMP)
	$(BIN)/ruff check kg loaders ontology tests benchmarks scripts
	$(BIN)/ruff format --check kg loaders ontology tests benchmarks scripts
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format kg loaders ontology tests benchmarks scripts
	$(BIN)/ruff check --fix kg loaders ontology tests benchmarks scripts

## bench: every benchmark (reads ../shared/corpus where it needs real data)
bench: $(STAMP)
	for script in benchmarks/*.py; do $(BIN)/python $$script || exit 1; done

## train: fit the claim model kg/extract/claim_model.json on benchmarks/gold's dev split (needs ../shared/corpus)
train: $(STAMP)
	$(BIN)/python -m kg.extract.train

## lock: re-pin requirements.lock (versions and hashes) from pyproject.toml
lock:
	$(PYTHON) -m venv /tmp/kg-lock-venv
	/tmp/kg-lock-venv/bin/pip install --quiet --dry-run --ignore-installed --report /tmp/kg-lock.json ".[dev,bench]"
	$(PYTHON) scripts/lock.py /tmp/kg-lock.json > requirements.lock

clean:
	rm -rf $(VENV) out .kg
