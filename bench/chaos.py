"""Chaos bench: Redis stopped for 30 s under wrk load, then started again; and junk query strings.

    python -m bench.chaos [--database-url URL] [--claims 20000] [--outage 30] [--connections 64]
                          [--redis-port 6391] [--junk 10000]

Production settings (DEBUG off, gunicorn with as many workers as production
runs, the page cache in Redis), on PostgreSQL (CHAOS_DATABASE_URL or
--database-url, default .../fc_chaos, created and filled with a demo archive
when missing) and a redis-server of its own on --redis-port, started with
`--save '' --appendonly no` (so a restart comes back empty, as a cache does).

wrk drives the public pages with --connections connections; after --before
seconds Redis is stopped for --outage seconds, then started again, and the load
goes on for --after seconds. A Lua script counts, per second, the answers, the
5xx and the page-cache hits; a thread asks /readyz every second. Reported:
5xx (must be 0), requests a second before, during and after the outage, the
seconds from Redis's restart to the first second whose throughput and share of
cache hits are back to nine tenths of what they were before, and what /readyz
said meanwhile.

Then (--junk N, 0 to skip) Redis is emptied and wrk sends N requests to ten
public pages, each with random junk parameters in a random order, and the
page-cache entries left in Redis are counted: only the parameters a page reads
key its entry (factcheck/urls.py), so ten pages make ten entries.
"""

import argparse
import json
import os
import re
import runpy
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import defaultdict
from pathlib import Path

import psycopg
import redis

from bench.server import BROWSER_HEADERS, RESULTS, ROOT, gunicorn, manage, prepare_archive, production_env

TIMELINE_SCRIPT = """
-- Rotates through the public pages; per second (os.time()), counts answers, 5xx, other non-2xx and cache hits.
-- Four flat tables: wrk copies a thread's table of numbers to done(), and crashes on a table of tables.
paths = {%(paths)s}
counter = 0
answers, errors5xx, others, hits = {}, {}, {}, {}
local threads = {}
function setup(thread) table.insert(threads, thread) end
function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
local function add(counts, second) counts[second] = (counts[second] or 0) + 1 end
function response(status, headers, body)
  local now = os.time()
  add(answers, now)
  if status >= 500 then add(errors5xx, now) elseif status >= 300 then add(others, now) end
  if headers["X-Page-Cache"] == "hit" then add(hits, now) end
end
function done(summary, latency, requests)
  for _, thread in ipairs(threads) do
    local e, o, h = thread:get("errors5xx"), thread:get("others"), thread:get("hits")
    for second, count in pairs(thread:get("answers")) do
      local line = string.format("second %%d %%d %%d %%d %%d\\n", second, count, e[second] or 0, o[second] or 0,
                                 h[second] or 0)
      io.write(line)
    end
  end
end
"""

JUNK_SCRIPT = """
-- Ten public pages, each request with two to five random junk parameters in a random order.
paths = {%(paths)s}
counter = 0
local threads = 0
function setup(thread) threads = threads + 1; thread:set("id", threads) end
function init(args) math.randomseed(os.time() * 100 + id) end
function request()
  counter = counter + 1
  local path = paths[(counter %% #paths) + 1]
  local parameters = {}
  for i = 1, math.random(2, 5) do
    table.insert(parameters, string.format("junk%%d=%%d", math.random(1, 1000000), math.random(1, 1000000)))
  end
  local joiner = "?"
  if path:find("?", 1, true) then joiner = "&" end
  return wrk.format("GET", path .. joiner .. table.concat(parameters, "&"))
end
"""


def ensure_postgres_database(url: str) -> None:
    server, name = url.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True, connect_timeout=3) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


class RedisProcess:
    """The bench's own redis-server, stopped and started by its PID."""

    def __init__(self, port: int):
        self.port = port
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port, socket_connect_timeout=0.2)
        for _ in range(100):
            try:
                client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError(f"redis-server did not start on port {self.port}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


def public_paths(env: dict[str, str]) -> list[str]:
    """The pages wrk asks for: the lists, claim, actor and article pages, the feeds and the API."""
    code = (
        "import json; from factcheck.models import Actor, Article, Claim; "
        "claims = [c.get_absolute_url() for c in Claim.objects.published().order_by('-checkworthiness')[:5]]; "
        "actor = Actor.objects.filter(claims_made__isnull=False).first().get_absolute_url(); "
        "article = Article.objects.first().get_absolute_url(); "
        "print(json.dumps(claims + [actor, article]))"
    )
    output = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pages = json.loads(output.strip().splitlines()[-1])
    return [
        "/",
        "/claims/",
        "/claims/?status=published",
        "/claims/?page=3",
        *pages,
        "/corrections/",
        "/methodology/",
        "/api/claimreview.json",
        "/feeds/verdicts/",
    ]


def readyz(base: str) -> tuple[int, str]:
    try:
        # Long: under 64 connections a probe waits its turn behind pages rendered from the database.
        with urllib.request.urlopen(f"{base}/readyz", timeout=30) as response:
            return response.status, json.loads(response.read())["cache"]
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read()).get("cache", "?")
    except OSError as error:
        return 0, repr(error)


def run_wrk(url: str, *, seconds: int, connections: int, script: Path) -> str:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", str(script)]
    for name, value in BROWSER_HEADERS.items():
        command += ["-H", f"{name}: {value}"]
    return subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout


def chaos(base: str, paths: list[str], redis_server: RedisProcess, options) -> list[str]:
    """Run the outage under load; print the report; the failures (empty when every target was met)."""
    script = RESULTS / "chaos.lua"
    script.write_text(TIMELINE_SCRIPT % {"paths": ", ".join(f'"{path}"' for path in paths)})
    for path in paths:  # warm the workers and the cache
        urllib.request.urlopen(base + path, timeout=30).read()
    total = options.before + options.outage + options.after
    outcome: dict[str, str] = {}
    load = threading.Thread(
        target=lambda: outcome.update(
            output=run_wrk(base + "/", seconds=total, connections=options.connections, script=script)
        )
    )
    # (asked at, answered at, status, cache): under load a probe can wait seconds for its turn.
    probes: list[tuple[float, float, int, str]] = []
    probing = threading.Event()

    def probe():
        while not probing.is_set():
            asked = time.time()
            status, cache = readyz(base)
            probes.append((asked, time.time(), status, cache))
            time.sleep(1)

    prober = threading.Thread(target=probe)
    started = time.time()
    load.start()
    prober.start()
    time.sleep(options.before)
    stopped_at = time.time()
    redis_server.stop()
    time.sleep(options.outage)
    redis_server.start()
    restarted_at = time.time()
    load.join()
    probing.set()
    prober.join()

    seconds = defaultdict(lambda: [0, 0, 0, 0])
    for second, *counts in (
        map(int, line.split()[1:]) for line in outcome["output"].splitlines() if line.startswith("second ")
    ):
        for index, count in enumerate(counts):
            seconds[second][index] += count
    (RESULTS / "chaos-timeline.txt").write_text(
        "".join(f"{second - int(started)} {' '.join(map(str, seconds[second]))}\n" for second in sorted(seconds))
    )

    def phase(first: float, last: float) -> tuple[float, float]:
        """Requests a second and share of cache hits over the whole seconds in [first, last)."""
        whole = [second for second in seconds if first <= second and second + 1 <= last]
        answers = sum(seconds[second][0] for second in whole)
        return answers / max(len(whole), 1), sum(seconds[second][3] for second in whole) / max(answers, 1)

    before, before_hits = phase(started + 3, stopped_at)
    during, during_hits = phase(stopped_at + 1, restarted_at)
    after, after_hits = phase(restarted_at + 10, started + total - 1)
    back = next(
        (
            second + 1 - restarted_at
            for second in sorted(seconds)
            if second >= int(restarted_at)
            and seconds[second][0] >= 0.9 * before
            and seconds[second][3] / max(seconds[second][0], 1) >= 0.9 * before_hits
        ),
        None,
    )
    hits_back = next(
        (
            second + 1 - restarted_at
            for second in sorted(seconds)
            if second >= int(restarted_at) and seconds[second][3] / max(seconds[second][0], 1) >= 0.9 * before_hits
        ),
        None,
    )
    errors5xx = sum(counts[1] for counts in seconds.values())
    other = sum(counts[2] for counts in seconds.values())
    answered = sum(counts[0] for counts in seconds.values())
    # Asked once Redis had been down for 3 s, and answered before it was started again.
    outage_probes = [
        (status, cache)
        for asked, answered, status, cache in probes
        if stopped_at + 3 <= asked and answered < restarted_at
    ]
    (RESULTS / "chaos-readyz.txt").write_text(
        "".join(
            f"{asked - started:.1f} {answered - started:.1f} {status} {cache}\n"
            for asked, answered, status, cache in probes
        )
    )
    unavailable = sum(1 for status, cache in outage_probes if (status, cache) == (200, "unavailable"))
    ok_again = next(
        (answered - restarted_at for asked, answered, _, cache in probes if asked > restarted_at and cache == "ok"),
        None,
    )

    workers = options.workers or runpy.run_path(str(ROOT / "gunicorn.conf.py"))["workers"]
    print(f"\nChaos: wrk {options.connections} connections for {total} s on {len(paths)} public pages in turn;")
    print(f"Redis stopped after {options.before} s for {options.outage} s, then started again (empty).")
    print(f"gunicorn {workers} workers, DEBUG off, PostgreSQL, page cache in redis-server :{options.redis_port}\n")
    print("| measure | value |")
    print("| --- | ---: |")
    print(f"| answers | {answered:,} |")
    print(f"| 5xx / other non-2xx | {errors5xx} / {other} |")
    print(f"| requests/s before (cache hits) | {before:,.0f} ({before_hits:.0%}) |")
    print(f"| requests/s while Redis is down (cache hits) | {during:,.0f} ({during_hits:.0%}) |")
    print(f"| requests/s from 10 s after Redis returns (cache hits) | {after:,.0f} ({after_hits:.0%}) |")
    back_text = f"{back:.0f}" if back is not None else "not within the run"
    hits_text = f"{hits_back:.0f}" if hits_back is not None else "not within the run"
    print(
        f"| seconds from Redis's restart to the end of the first second of cache hits (9/10 of before) | {hits_text} |"
    )
    print(
        f"| seconds from Redis's restart to the end of the first second back to 9/10 of before's req/s | {back_text} |"
    )
    print(f"| /readyz while Redis was down: 200 and cache unavailable | {unavailable} of {len(outage_probes)} |")
    ok_text = f"{ok_again:.1f}" if ok_again is not None else "never"
    print(f"| seconds from Redis's restart to /readyz cache ok (first probe asked after it) | {ok_text} |")
    failures = []
    if errors5xx:
        failures.append(f"{errors5xx} 5xx")
    if back is None or back > 10:
        failures.append("cached throughput not back within 10 s")
    if not outage_probes or unavailable != len(outage_probes):
        failures.append("/readyz did not say cache unavailable throughout the outage")
    return failures


def junk(base: str, paths: list[str], redis_server: RedisProcess, options) -> list[str]:
    """Send --junk requests with random junk parameters to ten pages; print the page-cache entries they left."""
    pages = paths[:10]
    client = redis.Redis(port=options.redis_port)
    client.flushdb()
    script = RESULTS / "chaos-junk.lua"
    script.write_text(JUNK_SCRIPT % {"paths": ", ".join(f'"{path}"' for path in pages)})
    # wrk runs for a time, not a count: run it in short bursts until the count is reached.
    sent = 0
    while sent < options.junk:
        output = run_wrk(base + "/", seconds=1, connections=8, script=script)
        sent += int(re.search(r"(\d+) requests in", output).group(1))
        errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
        if errors:
            return [f"{errors.group(1)} non-2xx answers to junk parameters"]
    entries = [key for key in client.scan_iter("*:page:gzip:*") if b":rendering:" not in key]
    print(f"\nJunk query strings: {sent:,} requests to {len(pages)} pages, each with 2-5 random junk parameters")
    print(f"| page-cache entries left in Redis | {len(entries)} |")
    return [] if len(entries) <= 36 else [f"{len(entries)} page-cache entries for {len(pages)} pages"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url", default=os.environ.get("CHAOS_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/fc_chaos")
    )
    parser.add_argument("--claims", type=int, default=20_000, help="Archive size, generated when not there.")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--before", type=int, default=20, help="Seconds of load before Redis is stopped.")
    parser.add_argument("--outage", type=int, default=30, help="Seconds Redis stays stopped.")
    parser.add_argument("--after", type=int, default=30, help="Seconds of load after it is started again.")
    parser.add_argument("--junk", type=int, default=10_000, help="Requests with junk parameters (0: skip).")
    parser.add_argument("--port", type=int, default=8934)
    parser.add_argument("--redis-port", type=int, default=6391)
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: gunicorn.conf.py's, as in production)")
    options = parser.parse_args()
    if not shutil.which("wrk") or not shutil.which("redis-server"):
        sys.exit("needs wrk and redis-server (Debian: apt install wrk redis-server)")

    ensure_postgres_database(options.database_url)
    env = production_env(DATABASE_URL=options.database_url, REDIS_URL=f"redis://127.0.0.1:{options.redis_port}/0")
    prepare_archive(env, claims=options.claims, reuse=True)
    manage("collectstatic", "--no-input", "--verbosity", "0", env=env)
    paths = public_paths(env)
    RESULTS.mkdir(exist_ok=True)
    redis_server = RedisProcess(options.redis_port)
    redis_server.start()
    try:
        with gunicorn(
            port=options.port, env=env, workers=options.workers, log_name="chaos-gunicorn", boot_seconds=180
        ) as base:
            failures = chaos(base, paths, redis_server, options)
            if options.junk:
                failures += junk(base, paths, redis_server, options)
    finally:
        redis_server.stop()
    if failures:
        print("\nFAILED: " + "; ".join(failures))
        sys.exit(1)
    print("\nPassed: no 5xx, cached serving back within 10 s, /readyz said so throughout.")


if __name__ == "__main__":
    main()
