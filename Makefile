# Everything a person runs. `make run` and `make test` work on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: train sdtt outside-checks screenshots help run run-prod worker test test-postgres lint format check lock bench bench-matching bench-repeats bench-chaos train-matcher loadtest backup restore clean

help:  ## List the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements-dev.txt
	touch $@

venv: $(VENV)/.installed

# The import worker runs beside the web server and stops with it (Ctrl-C); imports queued while it was
# down are waiting in the database when it starts again.
# It serves as readers get the desk (DEBUG off: the desk's own 404 page, never a debug page), over plain
# http on this machine (DJANGO_LOCAL_TRIAL); the secret key is made once and kept in .trial-secret-key.
# The site and the worker share their page cache in .trial-cache, emptied at each start: pages cached from
# another database, or before a restart, are never served.
run: $(VENV)/.installed  ## Serve the desk on http://127.0.0.1:8000 (SQLite, demo data, demo editor and fact-checker) with its import worker
	$(PY) manage.py migrate --no-input
	$(PY) manage.py import_seeds
	$(PY) manage.py ensure_demo_staff
	test -s .trial-secret-key || $(PY) -c 'import secrets; print(secrets.token_urlsafe(50))' > .trial-secret-key
	export DJANGO_DEBUG=0 DJANGO_LOCAL_TRIAL=1 DJANGO_SECRET_KEY="$$(cat .trial-secret-key)"; \
	export FACTCHECK_ORGANIZATION_URL="$${FACTCHECK_ORGANIZATION_URL:-http://$(HOST):$(PORT)/}"; \
	rm -rf .trial-cache; \
	$(PY) manage.py import_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

worker: $(VENV)/.installed  ## Run the background import worker alone (production: one or more beside gunicorn)
	$(PY) manage.py import_worker --no-reload

# Local trial on plain http:
#   DJANGO_SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))') \
#   DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost DJANGO_SECURE_SSL_REDIRECT=0 \
#   FACTCHECK_ORGANIZATION_NAME="Trial desk" FACTCHECK_ORGANIZATION_URL=http://localhost:8000/ make run-prod
run-prod: $(VENV)/.installed  ## Serve with gunicorn and production settings (set DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS)
	DJANGO_DEBUG=0 $(PY) manage.py check --deploy
	DJANGO_DEBUG=0 $(PY) manage.py collectstatic --no-input --verbosity 0
	DJANGO_DEBUG=0 $(PY) manage.py migrate --no-input
	DJANGO_DEBUG=0 exec $(BIN)/gunicorn --config gunicorn.conf.py --bind $(HOST):$(PORT)

test: $(VENV)/.installed lint  ## Run lint, Django's checks and the whole test suite
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest -n auto

test-postgres: $(VENV)/.installed  ## Run the suite on PostgreSQL (DATABASE_URL defaults to the local server)
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/factcheck} $(PY) -m pytest -n auto

screenshots: $(VENV)/.installed  ## Refresh the README's screenshots in docs/screenshots (needs /usr/bin/chromium)
	SCREENSHOTS_DIR=docs/screenshots $(PY) -m pytest tests/browser -k screenshots

# structured-data-testing-tool, pinned by tools/sdtt/package-lock.json, installed there (never globally).
SDTT := tools/sdtt/node_modules/.bin/sdtt
$(SDTT): tools/sdtt/package.json tools/sdtt/package-lock.json
	cd tools/sdtt && npm ci --no-audit --no-fund --silent
	touch $@

sdtt: $(SDTT)  ## Install structured-data-testing-tool into tools/sdtt (needs npm) for the outside checks

outside-checks: $(VENV)/.installed $(SDTT)  ## ClaimReview/social tags (sdtt), feeds (feedparser), sitemap (xmllint), robots.txt, Nu checker
	$(PY) -m pytest tests/test_structured_data.py tests/test_feeds.py tests/test_discovery.py tests/test_html_valid.py

# The check-worthiness transformer is fine-tuned with PyTorch (CPU) in an environment of its own, from
# requirements-train.txt (CPython 3.11: TRAIN_PYTHON); the desk runs the exported ONNX file without it.
TRAIN_PYTHON ?= python3.11
TRAIN_VENV := .venv-train
$(TRAIN_VENV)/.installed: requirements-train.txt
	test -x $(TRAIN_VENV)/bin/python || $(TRAIN_PYTHON) -m venv $(TRAIN_VENV)
	$(TRAIN_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements-train.txt
	touch $@

train: $(VENV)/.installed $(TRAIN_VENV)/.installed  ## Fine-tune the check-worthiness transformer (needs ../shared/data; about 50 min on 2 cores), then fit the model around it (writes factcheck/data/checkworthiness/)
	$(TRAIN_VENV)/bin/python -m training.checkworthiness_transformer
	$(PY) manage.py train_checkworthiness --with-transformer

lint: $(VENV)/.installed  ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed  ## Apply ruff's fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

lock:  ## Recompile the pinned, hashed lock files from requirements*.in (needs uv)
	uv pip compile --generate-hashes --python-version 3.13 -q --override requirements-overrides.txt requirements.in -o requirements.txt
	uv pip compile --generate-hashes --python-version 3.13 -q --override requirements-overrides.txt requirements-dev.in -o requirements-dev.txt

# Benchmarks need wrk (Debian: apt install wrk), PostgreSQL for the second
# half of `make bench` (BENCH_POSTGRES_URL, default .../fc_bench) and Redis for
# the cached runs and the load test (BENCH_REDIS_URL, REDIS_URL; default db 3).
bench: $(VENV)/.installed  ## Latency, queries and req/s of the public pages at 100,000 claims, SQLite and PostgreSQL (bench-results/bench.md)
	$(PY) -m bench $(BENCH_ARGS)

bench-matching: $(VENV)/.installed  ## Claim matching: MAP@5/MRR on CheckThat! 2022 2A (../shared data) and speed at 100,000 claims
	$(PY) -m bench.claim_matching
	$(PY) -m bench.claim_matching --scale 100000

# A fresh SQLite database in bench-results/ with a demo archive of 3,000 claims, and the worker beside it.
bench-repeats: $(VENV)/.installed  ## Repeats in the live desk: publish then import, import then publish (100 rounds each)
	rm -f bench-results/live-repeats.sqlite3
	$(PY) -m bench.live_repeats --database-url sqlite:///$(CURDIR)/bench-results/live-repeats.sqlite3 --rounds 100

train-matcher: $(VENV)/.installed  ## Refit the claim matcher's meaning adapter and re-ranker (fixed seed) on the CheckThat! train queries
	$(PY) -m bench.claim_matching --train

loadtest: $(VENV)/.installed  ## 60 s of wrk on the public pages while an import and a publish run; fails on any error
	$(PY) -m bench.loadtest $(LOADTEST_ARGS)

# PostgreSQL (CHAOS_DATABASE_URL, default .../fc_chaos, created and filled when missing), and a
# redis-server of its own on port 6391 (CHAOS_ARGS="--redis-port N" for another), never the shared one.
bench-chaos: $(VENV)/.installed  ## Redis stopped 30 s under wrk load (64 connections): 5xx, req/s, recovery; junk query strings
	$(PY) -m bench.chaos $(CHAOS_ARGS)

# The backup holds every table, history, password hashes and sessions: keep it
# somewhere only the desk's operators can read (the file itself is mode 0600).
BACKUP_DIR ?= backups
backup: $(VENV)/.installed  ## Back up the whole desk, history included (BACKUP=path, default backups/desk-<UTC time>.dump)
	$(PY) manage.py backup_desk $(or $(BACKUP),$(BACKUP_DIR)/desk-$$(date -u +%Y%m%dT%H%M%SZ).dump)

restore: $(VENV)/.installed  ## Replace the whole desk with a backup: make restore BACKUP=path (asks first)
	@test -n "$(BACKUP)" || { echo "Say which backup: make restore BACKUP=backups/desk-....dump"; exit 2; }
	$(PY) manage.py restore_desk $(BACKUP)

clean:  ## Remove the virtualenv and local database
	rm -rf $(VENV) tools/sdtt/node_modules db.sqlite3 db.sqlite3-wal db.sqlite3-shm staticfiles .trial-secret-key .trial-cache
