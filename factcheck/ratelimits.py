"""Per-client counts a minute for the rate limits, in the shared cache, and in the process while it is away.

The search API and the reader form's live check count each client's requests
in the cache that every process shares (Redis in production), so the limit
holds for the whole desk. When Redis is away (factcheck.cache.RedisCache) the
count goes on in this process's memory: each process then allows a client the
limit, so with N gunicorn workers a client gets at most N times the limit for
as long as Redis is away, never an unlimited number and never an error. The
local counts are for the current minute only, so they never grow past one
minute's clients.
"""

import threading

from django.core.cache import cache
from django.utils import timezone

from factcheck.cache import CacheUnavailable

# The counts kept in this process while the cache is away: (scope, client) -> count, for one minute.
_local_minute: int | None = None
_local_counts: dict[tuple[str, str], int] = {}
_local_lock = threading.Lock()


def count_this_minute(scope: str, client: str) -> int:
    """Count one more request from `client` under `scope` this minute; the count so far, this one included."""
    minute = int(timezone.now().timestamp()) // 60
    key = f"{scope}:{client}:{minute}"
    try:
        cache.add(key, 0, timeout=120)
        try:
            return cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=120)
            return 1
    except CacheUnavailable:
        return _count_locally(scope, client, minute)


def _count_locally(scope: str, client: str, minute: int) -> int:
    global _local_minute
    with _local_lock:
        if minute != _local_minute:
            _local_minute = minute
            _local_counts.clear()
        _local_counts[scope, client] = _local_counts.get((scope, client), 0) + 1
        return _local_counts[scope, client]
