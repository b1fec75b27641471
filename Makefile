# marsad: `make demo` and `make test` are all a fresh machine needs.
# The distribution's Python 3.11+ when it has one: Debian and Ubuntu build it with profile-guided
# and link-time optimisation, and marsad runs about 15% faster on it than on a plain source build
# such as pyenv's (docs/speed.md). Any other python3 works too: `make PYTHON=python3.12 test`.
SYSTEM_PYTHON := $(shell /usr/bin/python3 -c 'import sys, ensurepip; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && echo /usr/bin/python3)
PYTHON ?= $(or $(SYSTEM_PYTHON),python3)
VENV := .venv
BIN := $(VENV)/bin
# Names the interpreter the venv was made with: another one makes a new venv.
VENV_MADE_BY := $(VENV)/made-by$(subst /,-,$(shell command -v $(PYTHON)))
SHARED ?= ../shared
SCORE_DB := .score/seeds.db
SCORE_OUT := .score/dossier.jsonl

.PHONY: install demo test score bench kb model clean

$(VENV_MADE_BY):
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	touch $@

$(BIN)/marsad: pyproject.toml requirements.lock $(VENV_MADE_BY)
	$(BIN)/pip install -q --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

# An editable install writes no bytecode, and PYTHONDONTWRITEBYTECODE may forbid writing it on
# import: compile it here (only changed modules), or every command parses marsad's source again.
install: $(BIN)/marsad
	@$(BIN)/python -m compileall -q marsad

demo: install
	rm -f demo.db demo.db-wal demo.db-shm
	$(BIN)/marsad ingest examples/ --db demo.db
	$(BIN)/marsad stats --db demo.db
	$(BIN)/marsad export --format dossier -o dossier.jsonl --db demo.db

test: install
	$(BIN)/python -m pytest -q -p no:cacheprovider

score: install
	@mkdir -p .score && rm -f $(SCORE_DB) $(SCORE_DB)-wal $(SCORE_DB)-shm
	@$(BIN)/marsad ingest $(SHARED)/corpus/seeds --db $(SCORE_DB) > /dev/null
	@$(BIN)/marsad export --format dossier -o $(SCORE_OUT) --db $(SCORE_DB) > /dev/null
	@$(BIN)/python $(SHARED)/tools/score.py --gold $(SHARED)/gold/seeds --pred $(SCORE_OUT)

bench: install
	@# Builds the on-disk caches (marsad/cache.py) if a fresh clone has none yet: a one-off cost of the
	@# first run after an install, not of the runs measured; each of them still loads the caches.
	$(BIN)/python -c "from marsad.pipeline import warm_up; warm_up()"
	$(BIN)/python benchmarks/bench_pipeline.py --sizes 1000 10000 --repeat 3 --until text
	$(BIN)/python benchmarks/bench_pipeline.py --sizes 1000 10000 --repeat 3 --until quotes
	$(BIN)/python benchmarks/bench_pipeline.py --sizes 1000 10000 --repeat 3

kb: install
	$(BIN)/python tools/build_kb.py --data $(SHARED)/data --out marsad/data/kb

model: install
	$(BIN)/python tools/train_ner.py

clean:
	rm -rf .score demo.db demo.db-wal demo.db-shm dossier.jsonl build *.egg-info
