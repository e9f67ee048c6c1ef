"""Whole-page caching for the public pages, made fresh by every change to the desk.

Every cached page's key contains the "desk generation", a number kept in the
cache itself. Any save or delete of a claim, verdict, source, actor or article
(and any change to a claim's actors) bumps the generation once its transaction
commits, so every cached page goes stale at once and the very next request
renders afresh, on every app server that shares the cache. That is coarse on
purpose: a publish changes the claim page, the lists, the actor and article
pages and the feeds, and working out which pages show which object is where
invalidation bugs live. The desk changes a few times a minute; readers read
far more often.

Bulk writes (`QuerySet.update()`, `bulk_create()`) send no signals: code that
uses them for public data calls `bump_desk_generation()` itself. The timeout
(FACTCHECK_PAGE_CACHE_SECONDS, default 300) bounds any staleness they miss.

A hit is one round trip (the generation and the page in one get_many); the
page is stored zlib-compressed, answered 304 to a reader who has it (ETag,
Last-Modified), and marked for a CDN (FACTCHECK_CDN_*_SECONDS).

Only anonymous GET requests with no messages waiting are served from and
stored in the cache, and only 200 responses that set no cookie, did not use
the CSRF token (a form page) or a CSP nonce, and did not ask not to be cached. With the
local-memory backend each process has its own cache and generation, so run
several processes (gunicorn workers, an import beside the site) with Redis.
"""

import hashlib
import time
import zlib
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

CACHE_ALIAS = "default"
GENERATION_KEY = "factcheck:desk-generation"
# Headers that change what a URL returns: htmx asks for a fragment of the page.
VARYING_HEADERS = ("HX-Request", "HX-History-Restore-Request", "HX-Target")


def _cache():
    return caches[CACHE_ALIAS]


def _page_timeout() -> int:
    return getattr(settings, "FACTCHECK_PAGE_CACHE_SECONDS", 300)


def desk_generation() -> int:
    """The current generation, started afresh if the cache has lost it."""
    cache = _cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # Not 1: after an eviction, a restart from 1 could meet pages cached
        # under an old 1. The clock is ahead of any number reached by bumps.
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def bump_desk_generation() -> None:
    """Make every cached public page stale (call it after the change has committed)."""
    cache = _cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # the key is gone: a new start is as good as a bump
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def _bump_after_commit(sender, *, using="default", **kwargs) -> None:
    # After commit, or a request arriving between the bump and the commit
    # would cache the old page again under the new generation.
    transaction.on_commit(bump_desk_generation, using=using)


def _bump_after_m2m_commit(sender, *, action, using="default", **kwargs) -> None:
    if action.startswith("post_"):
        _bump_after_commit(sender, using=using)


def watch_desk_changes() -> None:
    """Connect the signals that bump the generation; FactcheckConfig.ready() calls it."""
    from factcheck.models import Actor, Article, Claim, ClaimMatch, Source, Verdict

    for model in (Claim, Verdict, Source, Actor, Article, ClaimMatch):
        post_save.connect(_bump_after_commit, sender=model, dispatch_uid=f"page-cache-save-{model.__name__}")
        post_delete.connect(_bump_after_commit, sender=model, dispatch_uid=f"page-cache-delete-{model.__name__}")
    m2m_changed.connect(_bump_after_m2m_commit, sender=Claim.actors.through, dispatch_uid="page-cache-claim-actors")


def _page_key(request) -> str:
    """The page's key: its absolute URL and the headers it varies on (the generation is stored in the entry)."""
    varying = "|".join(f"{name}={request.headers.get(name, '')}" for name in VARYING_HEADERS)
    url = hashlib.sha256(f"{request.build_absolute_uri()}|{varying}".encode()).hexdigest()
    return f"factcheck:page:{url}"


def _may_use_cache(request) -> bool:
    user = getattr(request, "user", None)
    return (
        request.method == "GET"
        and not (user and user.is_authenticated)
        # A page showing a message ("Thank you for your report") is for one reader only.
        and not get_messages(request)
    )


def _may_store(request, response) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        # The page rendered a CSRF token (a form): the middleware will set a cookie for this reader only.
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        # The page carries this response's CSP nonce: another response's header would not allow its scripts.
        and not getattr(request, "_csp_nonce", None)
        and not any(word in cache_control for word in ("private", "no-cache", "no-store", "max-age=0"))
        and not (hasattr(request, "session") and request.session.modified)
    )


@dataclass(frozen=True, slots=True)
class _Entry:
    """A stored page: its generation, headers, zlib-compressed body, and validators.

    Plain bytes and strings rather than a pickled HttpResponse: a hit unpickles
    a few fields and inflates about 4 KB instead of rebuilding a response
    object graph from 20 KB.
    """

    generation: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    etag: str
    last_modified: float

    @classmethod
    def of(cls, response, generation: int) -> "_Entry":
        content = response.content
        return cls(
            generation=generation,
            headers=tuple((name, value) for name, value in response.items() if name not in _PER_RESPONSE_HEADERS),
            body=zlib.compress(content, 6),
            # From the content alone: a page rendered again after a change elsewhere, but the same, still gets 304.
            etag=f'"{hashlib.blake2b(content, digest_size=16).hexdigest()}"',
            last_modified=time.time(),
        )

    def response(self) -> HttpResponse:
        response = HttpResponse(zlib.decompress(self.body))
        for name, value in self.headers:
            response[name] = value
        return response


# Set per response by _validate(), or by middleware on the way out.
_PER_RESPONSE_HEADERS = {"ETag", "Last-Modified", "Cache-Control", "X-Page-Cache", "Content-Length"}


def _cache_control() -> str:
    """Browsers revalidate every time (a 304 costs almost nothing); a CDN may serve a copy for
    FACTCHECK_CDN_CACHE_SECONDS and, while it fetches a fresh one, FACTCHECK_CDN_STALE_SECONDS more."""
    return (
        f"public, max-age=0, s-maxage={settings.FACTCHECK_CDN_CACHE_SECONDS}, "
        f"stale-while-revalidate={settings.FACTCHECK_CDN_STALE_SECONDS}"
    )


def _validate(request, response, entry: _Entry):
    """Give the response the entry's ETag and Last-Modified, and answer 304 when the reader has this copy."""
    response["ETag"] = entry.etag
    response["Last-Modified"] = http_date(entry.last_modified)
    response["Cache-Control"] = _cache_control()
    answer = get_conditional_response(
        request, etag=entry.etag, last_modified=int(entry.last_modified), response=response
    )
    answer["X-Page-Cache"] = response["X-Page-Cache"]
    return answer


def cache_public_page(view):
    """Serve the view's page from the cache while the desk has not changed.

    Wrap public views in urls.py: `path("claims/", cache_public_page(ClaimListView.as_view()))`.
    Responses carry `X-Page-Cache: hit` or `miss` to show what happened, an
    ETag and Last-Modified, so a reader's browser (or a CDN) that has the page
    gets `304 Not Modified`, and a Cache-Control for a CDN in front.

    A hit is one round trip to the cache: the desk generation and the page are
    fetched together (`get_many`), and the page is used only when it was
    stored under the current generation.
    """

    @wraps(view)
    def cached_view(request, *args, **kwargs):
        if not _may_use_cache(request):
            return view(request, *args, **kwargs)
        key = _page_key(request)
        found = _cache().get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY)
        if generation is None:
            generation = desk_generation()  # lost or never set: a new start, older entries stale
        entry = found.get(key)
        if isinstance(entry, _Entry) and entry.generation == generation:
            response = entry.response()
            response["X-Page-Cache"] = "hit"
            return _validate(request, response, entry)
        response = view(request, *args, **kwargs)
        response["X-Page-Cache"] = "miss"

        def store(rendered):
            if _may_store(request, rendered):
                entry = _Entry.of(rendered, generation)
                _cache().set(key, entry, _page_timeout())
                return _validate(request, rendered, entry)
            return None

        if hasattr(response, "add_post_render_callback"):
            response.add_post_render_callback(store)  # a TemplateResponse renders after the view returns
            return response
        return store(response) or response

    return cached_view


class _RedisClientReused(RedisCacheClient):
    """Django's Redis client, keeping one `redis.Redis` per connection pool instead of one per call.

    Django builds a new `redis.Redis` for every cache call, and its __init__
    fills a table of about 170 response callbacks: in a profile of 300 page-cache
    hits that was 0.2 of 1.7 s, the largest cost after the socket itself.
    A `redis.Redis` is safe to share between threads (it takes a connection
    from the pool for each command).
    """

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        if id(pool) not in clients:
            clients[id(pool)] = self._client(connection_pool=pool)
        return clients[id(pool)]


class RedisCache(DjangoRedisCache):
    """The cache backend for REDIS_URL: Django's RedisCache with reused clients (see above)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _RedisClientReused
