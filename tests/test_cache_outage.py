"""Redis is an optimisation, never a dependency: without it every public page comes from the database.

Each test points the cache at a Redis of its own: a port nobody listens on
(unreachable), a listener that never answers (slow), or a real redis-server
that the test stops, pauses, fills or starts again (tests/redis_server.py).
"""

import os
import signal
import socket
import threading
import time

import pytest
import redis as redis_py
from django.db import OperationalError, connection
from django.urls import reverse

from tests.redis_server import RedisServer, free_port, needs_redis_server

# Short, so that a test waits out the back-off after a failure in a fraction of a second.
RETRY_SECONDS = 0.3


def point_cache_at(settings, url: str, *, retry_seconds: float = RETRY_SECONDS) -> None:
    settings.CACHES = {
        "default": {
            "BACKEND": "factcheck.cache.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "factcheck",
            "RETRY_SECONDS": retry_seconds,
            "OPTIONS": {"socket_connect_timeout": 0.3, "socket_timeout": 0.3},
        }
    }


@pytest.fixture
def redis_unreachable(settings):
    """Nothing listens on the cache's port: every connection is refused at once."""
    point_cache_at(settings, f"redis://127.0.0.1:{free_port()}/0")


@pytest.fixture
def redis_silent(settings):
    """The cache's port accepts connections and never answers (a hung or overloaded Redis)."""
    listener = socket.create_server(("127.0.0.1", 0))
    accepted = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    # A back-off longer than the test, however slowly the pages render on a busy machine.
    point_cache_at(settings, f"redis://127.0.0.1:{listener.getsockname()[1]}/0", retry_seconds=60)
    yield accepted
    stop.set()
    thread.join()
    for peer in accepted:
        peer.close()
    listener.close()


@pytest.fixture
def redis(settings):
    server = RedisServer().start()
    point_cache_at(settings, server.url)
    yield server
    server.stop()


def public_urls(claim) -> list[str]:
    actor = claim.claimant
    return [
        reverse("factcheck:home"),
        reverse("factcheck:claim_list"),
        reverse("factcheck:claim_list") + "?rating=mostly_true&page=1",
        claim.get_absolute_url(),
        reverse("factcheck:claim_share_card", args=[claim.slug]),
        reverse("factcheck:actor_list"),
        *([actor.get_absolute_url()] if actor else []),
        reverse("factcheck:article_list"),
        claim.article.get_absolute_url(),
        reverse("factcheck:methodology"),
        reverse("factcheck:correction_list"),
        reverse("factcheck:verdict_feed"),
        reverse("factcheck:verdict_atom_feed"),
        reverse("factcheck:claimreview_feed"),
        reverse("factcheck:sitemap"),
        reverse("factcheck:robots_txt"),
        reverse("factcheck:claim_search_api") + "?text=unemployment+fell",
        reverse("factcheck:report"),
        reverse("factcheck:report_checked") + "?message=Unemployment+fell+to+3.9%25+in+March",
    ]


def test_every_public_page_is_served_from_the_database_when_redis_is_unreachable(
    client, published_verdict, redis_unreachable
):
    for url in public_urls(published_verdict.claim):
        response = client.get(url)
        assert response.status_code == 200, url
    assert "Close: the figure was 4.0%." in client.get(published_verdict.claim.get_absolute_url()).content.decode()


def test_a_redis_that_never_answers_costs_one_request_its_timeout_and_the_next_ones_nothing(
    client, published_verdict, redis_silent
):
    url = published_verdict.claim.get_absolute_url()
    started = time.monotonic()
    assert client.get(url).status_code == 200
    assert time.monotonic() - started < 10  # one socket timeout of 0.3 s and a render; never a hung worker
    assert len(redis_silent) == 1
    for _ in range(5):
        assert client.get(url).status_code == 200
    assert len(redis_silent) == 1  # within the back-off, Redis is not asked at all


def test_the_search_limit_still_holds_in_each_process_while_redis_is_away(
    client, published_verdict, redis_unreachable, settings
):
    settings.FACTCHECK_CLAIM_SEARCH_PER_MINUTE = 3
    url = reverse("factcheck:claim_search_api") + "?text=unemployment"
    statuses = [client.get(url, REMOTE_ADDR="192.0.2.1").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    # Another client has its own count.
    assert client.get(url, REMOTE_ADDR="192.0.2.2").status_code == 200


def test_publishing_while_redis_is_away_is_not_an_error(
    submitted_verdict, editor, redis_unreachable, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submitted_verdict.publish(by=editor)
    submitted_verdict.refresh_from_db()
    assert submitted_verdict.published_at is not None


def test_readyz_reports_the_database_and_an_unreachable_cache_apart_and_still_serves(client, db, redis_unreachable):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "unavailable", "serving": True}


def test_readyz_says_ok_for_a_cache_that_answers(client, db):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok", "serving": True}


def test_readyz_is_503_when_the_database_is_down_whatever_the_cache(client, monkeypatch):
    def refuse():
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"database": "unavailable", "cache": "ok", "serving": False}


@needs_redis_server
def test_pages_are_cached_again_by_themselves_once_redis_returns(client, published_verdict, redis):
    url = published_verdict.claim.get_absolute_url()
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"

    redis.stop()
    during = [client.get(url) for _ in range(3)]
    assert [response.status_code for response in during] == [200, 200, 200]
    assert client.get("/readyz").json()["cache"] == "unavailable"

    redis.start()  # empty, as a restarted cache server comes back
    time.sleep(RETRY_SECONDS + 0.1)
    assert client.get("/readyz").json()["cache"] == "ok"
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"


@needs_redis_server
def test_a_change_published_while_redis_did_not_answer_shows_once_it_answers_again(
    client, submitted_verdict, editor, redis, django_capture_on_commit_callbacks
):
    """A Redis cut off (not restarted) keeps its pages: the change's bump, lost then, is sent once it is back."""
    url = submitted_verdict.claim.get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    os.kill(redis.process.pid, signal.SIGSTOP)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            submitted_verdict.publish(by=editor)
        assert "Mostly true" in client.get(url).content.decode()
    finally:
        os.kill(redis.process.pid, signal.SIGCONT)
    time.sleep(RETRY_SECONDS + 0.1)
    for _ in range(2):
        assert "Mostly true" in client.get(url).content.decode()


def fill_to_the_last_bytes(url: str) -> None:
    """Write to the Redis at `url` until it refuses even a few bytes (out of memory, with noeviction)."""
    filling = redis_py.Redis.from_url(url)
    for size in (100_000, 1000, 10):
        try:
            for number in range(10_000):
                filling.set(f"filler:{size}:{number}", "x" * size)
        except redis_py.exceptions.OutOfMemoryError:
            continue
        raise AssertionError(f"Redis took 10,000 values of {size} bytes without filling up")


@needs_redis_server
def test_a_full_redis_leaves_every_page_served(client, published_verdict, settings):
    full = RedisServer(None, "--maxmemory", "2mb", "--maxmemory-policy", "noeviction").start()
    try:
        point_cache_at(settings, full.url)
        fill_to_the_last_bytes(full.url)
        for url in public_urls(published_verdict.claim):
            assert client.get(url).status_code == 200, url
    finally:
        full.stop()
