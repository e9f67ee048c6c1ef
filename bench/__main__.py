"""`make bench`: fill a SQLite and a PostgreSQL database with the demo archive and measure the public pages.

    python -m bench [--claims 100000] [--reuse] [--sqlite-only]

For each database: migrate, generate_demo_data (unless --reuse finds the
archive there already), latency and queries per page (bench.pages), then
throughput under gunicorn without and with the page cache (bench.throughput).
Everything printed is also written to bench-results/bench.md.
"""

import argparse
import os
import subprocess
import sys

import psycopg

from bench.server import BIN, RESULTS, ROOT, SQLITE_URL, manage, prepare_archive, production_env

POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/fc_bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/3")


def ensure_postgres_database(url: str) -> bool:
    """Create the benchmark database when missing; False when PostgreSQL does not answer."""
    server, name = url.rsplit("/", 1)
    try:
        with psycopg.connect(f"{server}/postgres", autocommit=True, connect_timeout=3) as connection:
            if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                connection.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError:
        return False
    return True


def run(module: str, *args: str, env: dict[str, str], report) -> None:
    output = subprocess.run(
        [str(BIN / "python"), "-m", module, *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout
    report(output)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--reuse", action="store_true", help="Keep an archive of about that size if there is one.")
    parser.add_argument("--sqlite-only", action="store_true")
    parser.add_argument("--seconds", type=int, default=10, help="wrk seconds per URL and round (3 rounds).")
    options = parser.parse_args()

    RESULTS.mkdir(exist_ok=True)
    results = (RESULTS / "bench.md").open("w")

    def report(text: str) -> None:
        sys.stdout.write(text)
        sys.stdout.flush()
        results.write(text)

    databases = {"SQLite": SQLITE_URL}
    if not options.sqlite_only:
        if ensure_postgres_database(POSTGRES_URL):
            databases["PostgreSQL"] = POSTGRES_URL
        else:
            report(f"\nPostgreSQL at {POSTGRES_URL} does not answer: measured on SQLite only.\n")
    manage("collectstatic", "--no-input", "--verbosity", "0", env=production_env())
    for label, url in databases.items():
        env = production_env(DATABASE_URL=url)
        prepare_archive(env, claims=options.claims, reuse=options.reuse)
        run("bench.pages", "--label", label, env=env, report=report)
        seconds = str(options.seconds)
        run("bench.throughput", "--label", f"{label},", "--seconds", seconds, env=env, report=report)
        cached = {**env, "REDIS_URL": REDIS_URL}
        run("bench.throughput", "--label", f"{label},", "--seconds", seconds, "--cache", env=cached, report=report)
    results.close()


if __name__ == "__main__":
    main()
