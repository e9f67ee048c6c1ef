"""Chaos: Redis is stopped under load and started again, with a real web server and a real redis-server.

The desk runs as its own process (runserver on a SQLite file, tests/desk_processes.py)
with its cache in a redis-server of the test's own. Readers ask for the public pages
from several threads throughout. No request may get a 5xx: while Redis is away the
pages come from the database and /readyz says so; once it is back, pages are served
from the cache again without anyone restarting anything.
"""

import http.client
import json
import threading
import time
from collections import Counter

import pytest

from tests.desk_processes import Desk, free_port
from tests.redis_server import RedisServer, needs_redis_server

PAGES = ["/", "/claims/", "/claims/?status=published&utm_source=x", "/methodology/", "/feeds/verdicts/", "/sitemap.xml"]
READERS = 4


class Readers:
    """Threads asking for PAGES over and over; each answer's status and X-Page-Cache, by phase."""

    def __init__(self, port: int):
        self.port = port
        self.phase = "before"
        self.answers: Counter = Counter()
        self.errors: list[str] = []
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._read, args=(n,), daemon=True) for n in range(READERS)]

    def _read(self, number: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        turn = number
        while not self._stop.is_set():
            page = PAGES[turn % len(PAGES)]
            turn += 1
            phase = self.phase
            try:
                connection.request("GET", page, headers={"Accept-Encoding": "gzip"})
                response = connection.getresponse()
                response.read()
                self.answers[phase, response.status, response.getheader("X-Page-Cache")] += 1
            except (OSError, http.client.HTTPException) as error:
                self.errors.append(f"{phase} {page}: {error!r}")
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)

    def __enter__(self):
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=30)

    def count(self, phase: str, *, cache: str | None = None) -> int:
        return sum(n for (at, _, served), n in self.answers.items() if at == phase and cache in (None, served))

    def server_errors(self) -> dict:
        return {key: n for key, n in self.answers.items() if key[1] >= 500}


def readyz(port: int) -> tuple[int, dict]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", "/readyz")
    response = connection.getresponse()
    return response.status, json.loads(response.read())


@pytest.fixture
def redis():
    server = RedisServer().start()
    yield server
    server.stop()


@pytest.fixture
def desk(tmp_path, redis):
    running = Desk(tmp_path, REDIS_URL=redis.url, REDIS_RETRY_SECONDS="1", REDIS_TIMEOUT_MS="250")
    # One process for both: each start of Django costs seconds on a busy machine.
    running.manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.core.management import call_command as run; "
        "run('migrate', verbosity=0); run('generate_demo_data', claims=40)",
        timeout=300,
    )
    yield running
    running.stop()


@needs_redis_server
def test_stopping_redis_under_load_costs_no_request_and_cached_serving_resumes_when_it_returns(desk, redis):
    port = free_port()
    desk.start_web(port)
    with Readers(port) as readers:
        time.sleep(2)
        assert readers.count("before", cache="hit") > 0, readers.answers

        redis.stop()
        readers.phase = "during"
        time.sleep(3)
        status, ready = readyz(port)
        assert (status, ready) == (200, {"database": "ok", "cache": "unavailable", "serving": True})
        assert readers.count("during", cache="unavailable") > 0, readers.answers

        redis.start()
        readers.phase = "after"
        started = time.monotonic()
        while readers.count("after", cache="hit") == 0 and time.monotonic() - started < 10:
            time.sleep(0.1)
        resumed = time.monotonic() - started
        time.sleep(1)

    assert readers.count("after", cache="hit") > 0, f"no cached page in 10 s after Redis returned: {readers.answers}"
    assert resumed < 10
    assert readyz(port) == (200, {"database": "ok", "cache": "ok", "serving": True})
    assert readers.server_errors() == {}, desk.log("web")[-3000:]
    assert readers.errors == []
