"""Whole-page caching for the public pages, made fresh by every change to the desk.

Every cached page is stored with the "generations" it was rendered under,
numbers kept in the cache itself, and is served only while they are current:

- the **desk generation**, which every page depends on. Any save or delete of
  a claim, verdict, source, actor, article or repeat (and any change to a
  claim's actors) bumps it once its transaction commits, so every cached page
  goes stale at once and the very next request renders afresh, on every app
  server that shares the cache. A publish, correction or dismissal shows
  everywhere at the next request, without working out which pages show what.
- the **intake generation**, which only the pages that can show newly arrived
  work depend on: the home page, the claim, actor and article lists and pages,
  search and the sitemaps (`cache_public_page`'s default). A new article, a new
  actor, a new claim not yet checked, or new aliases of an actor bump only it:
  that is what an import writes (it never touches a claim, a verdict or a
  repeat that readers can see), so an import leaves the pages that show only
  published work cached: claim pages, the feeds, /api/claimreview.json, the
  corrections and the methodology (`shows_intake=False` in urls.py). A claim's
  own page is among them: an import never changes an existing claim, and the
  page of a claim that did not exist yet was a 404, which is never stored.

An import of many files (`import_paths`) collects its bumps and sends them at
most every few seconds and once at its end (`bumps_coalesced`), rather than
once per article, so its readers' pages are re-rendered a few times, not once
per file. Bumps made elsewhere (a publish in the review screen) are never
delayed.

Bulk writes (`QuerySet.update()`, `bulk_create()`) send no signals: code that
uses them for public data calls `bump_desk_generation()` itself. The timeout
(FACTCHECK_PAGE_CACHE_SECONDS, default 300) bounds any staleness they miss.

A hit is one round trip (the generations and the page in one get_many); the
page is stored gzip-compressed and sent as stored to a reader whose browser
accepts gzip (every browser and CDN does), inflated for one that does not; it
is answered 304 to a reader who has it (ETag, Last-Modified), and marked for a
CDN (FACTCHECK_CDN_*_SECONDS).

After a bump, the first request for a page renders it afresh while the others
that arrive during that render are answered with the previous copy
(`X-Page-Cache: stale`), rather than all rendering the same page at once on a
few workers (a thundering herd after every publish). See `cache_public_page`
for the bounds: a request that finds no render of its page under way renders
afresh, and a reload never gets a stale copy.

A reader's hit is answered by `PageCacheMiddleware`, high in MIDDLEWARE,
before the session, CSRF, authentication, messages and the rest look at the
request: a hit that went through all of them cost /healthz's whole request
and the cache's work on top. It answers only GET requests that carry neither a
session cookie nor the messages cookie (so from nobody signed in and with
nothing waiting for them); everyone else, and every miss, goes the whole way
to `cache_public_page` as before.

Only anonymous GET requests with no messages waiting are served from and
stored in the cache, and only 200 responses that set no cookie, did not use
the CSRF token (a form page) or a CSP nonce, and did not ask not to be cached. With the
local-memory backend each process has its own cache and generation, so run
several processes (gunicorn workers, an import beside the site) with Redis.

The cache is an optimisation, never a dependency: with Redis unreachable,
hung or full, `RedisCache` (below) answers misses and drops writes, every
page is rendered from the database (`X-Page-Cache: unavailable`), and a bump
that could not be sent is sent once Redis answers again. Pages are keyed on
the query parameters they read (`reads`), so junk parameters share an entry.
"""

import hashlib
import logging
import re
import threading
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache, partial, wraps
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse, QueryDict
from django.urls import Resolver404, get_resolver
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

CACHE_ALIAS = "default"
# Every cached page depends on the desk generation; pages that can show newly imported work on the intake one too.
GENERATION_KEY = "factcheck:desk-generation"
INTAKE_GENERATION_KEY = "factcheck:intake-generation"
ALL_GENERATION_KEYS = (GENERATION_KEY, INTAKE_GENERATION_KEY)
# Headers that change what a URL returns: htmx asks for a fragment of the page.
VARYING_HEADERS = ("HX-Request", "HX-History-Restore-Request", "HX-Target")
# Fields of an actor that no public page shows: the importer adds names it met, and no page changes.
_UNSHOWN_ACTOR_FIELDS = {"aliases", "updated_at"}
# How long one request may re-render a stale page while the others get the previous copy; a render
# that dies without storing its page holds the others back no longer than this.
RENDER_LOCK_SECONDS = 10
# For this long after a change, the pages it made stale are re-rendered one at a time across the site
# (the others are answered with their previous copy meanwhile), so that a few workers are not all
# rendering at once while readers queue; after it, one render per page at a time, so that none stays stale.
ONE_RENDER_AT_A_TIME_SECONDS = 10
# Django's GZipMiddleware's test: any mention of gzip (browsers never send gzip;q=0).
_ACCEPTS_GZIP = re.compile(r"\bgzip\b")
# What a browser's reload sends in Cache-Control (and HTTP/1.0's Pragma).
_RELOAD = re.compile(r"\bno-cache\b|\bmax-age=0+\b")


def _cache():
    return caches[CACHE_ALIAS]


def _page_timeout() -> int:
    return getattr(settings, "FACTCHECK_PAGE_CACHE_SECONDS", 300)


def _cache_is_away() -> bool:
    """True while the cache is leaving Redis alone after a failure (never for the local-memory cache)."""
    return not getattr(_cache(), "is_available", lambda: True)()


def cache_status() -> str:
    """For /readyz: "ok" when the cache answers, "unavailable" when it is away (pages then come from the database)."""
    if _cache_is_away():
        return "unavailable"
    ping = getattr(_cache(), "ping", None)
    return "ok" if ping is None or ping() else "unavailable"


def _generation(key: str) -> int | None:
    """The generation kept under `key`, started afresh if the cache has lost it; None when the cache is away."""
    cache = _cache()
    generation = cache.get(key)
    if generation is None:
        # Not 1: after an eviction, a restart from 1 could meet pages cached
        # under an old 1. The clock is ahead of any number reached by bumps.
        cache.add(key, time.time_ns(), timeout=None)
        generation = cache.get(key)
    return generation


def desk_generation() -> int | None:
    """The current desk generation (every page depends on it)."""
    return _generation(GENERATION_KEY)


def intake_generation() -> int | None:
    """The current intake generation (the pages that can show newly imported work depend on it)."""
    return _generation(INTAKE_GENERATION_KEY)


class _Coalescing(threading.local):
    """This thread's import batch, if one is running: the bumps it holds back and when it last sent them."""

    pending: set[str] | None = None
    every: float = 0.0
    sent_at: float = 0.0


_batch = _Coalescing()


# Bumps this process could not send because Redis was away, sent when it answers again (`_send_unsent_bumps`):
# a Redis that was cut off rather than restarted still holds the pages they make stale.
_unsent_bumps: set[str] = set()
_unsent_lock = threading.Lock()


def _bump(key: str) -> None:
    """Bump one generation now, or hold it back for the import batch running in this thread.

    Never raises for the cache: when Redis is away the bump is kept and sent by
    this process's next bump or cached page once Redis answers again.
    """
    if _batch.pending is not None:
        _batch.pending.add(key)
        if time.monotonic() - _batch.sent_at >= _batch.every:
            _send_pending()
        return
    _send_unsent_bumps()
    cache = _cache()
    try:
        cache.incr(key)
    except ValueError:  # the key is gone: a new start is as good as a bump
        cache.set(key, time.time_ns(), timeout=None)
    except CacheUnavailable:
        with _unsent_lock:
            _unsent_bumps.add(key)
        return
    cache.set(_changed_at_key(key), time.time(), timeout=None)


def _send_unsent_bumps() -> None:
    """Send the bumps kept while Redis was away, if any and if it answers now."""
    if not _unsent_bumps or _cache_is_away():
        return
    with _unsent_lock:
        keys = sorted(_unsent_bumps)
        _unsent_bumps.clear()
    for key in keys:
        _bump(key)  # kept again if Redis went away meanwhile


def _changed_at_key(key: str) -> str:
    """Where the time of the last bump of the generation kept under `key` is kept."""
    return f"{key}:changed-at"


def _send_pending() -> None:
    """Send the bumps this thread's batch held back, and start holding back again."""
    pending, _batch.pending = _batch.pending, None  # so that _bump() sends them
    try:
        for key in sorted(pending or ()):
            _bump(key)
    finally:
        _batch.pending, _batch.sent_at = set(), time.monotonic()


def bump_desk_generation() -> None:
    """Make every cached public page stale (call it after the change has committed)."""
    _bump(GENERATION_KEY)


def bump_intake_generation() -> None:
    """Make stale the cached pages that can show newly imported work (call it after the change has committed)."""
    _bump(INTAKE_GENERATION_KEY)


@contextmanager
def bumps_coalesced(*, every: float) -> Iterator[None]:
    """Within the block, send this thread's bumps at most once every `every` seconds, and the rest at its end.

    For a batch of many commits (an import of many files): the pages its changes
    make stale are re-rendered once per interval rather than once per commit.
    Changes show on public pages up to `every` seconds late (and, after the
    last commit, when the block ends, whether it ends normally or not). Bumps
    from other threads and processes, such as a publish, are not delayed.
    """
    if _batch.pending is not None:  # already inside a batch: it sends them
        yield
        return
    _batch.pending, _batch.every, _batch.sent_at = set(), every, time.monotonic()
    try:
        yield
    finally:
        try:
            _send_pending()
        finally:
            _batch.pending = None  # even when the cache is down: later bumps are sent, not held


def is_intake(model, instance, *, created: bool, update_fields=None) -> bool:
    """True when a saved row is newly arrived work that no page of published work can show.

    A new article or actor (nothing published refers to it yet), a new claim not
    yet checked, or an actor's aliases (shown on no public page). Anything else,
    and every delete, can change a published page.
    """
    from factcheck.models import Actor, Article, Claim

    if created:
        return model in (Article, Actor) or (model is Claim and instance.status == Claim.Status.NEW)
    return model is Actor and update_fields is not None and set(update_fields) <= _UNSHOWN_ACTOR_FIELDS


def _bump_after_save(sender, instance, *, created=False, update_fields=None, using="default", **kwargs) -> None:
    # After commit, or a request arriving between the bump and the commit
    # would cache the old page again under the new generation.
    intake = is_intake(sender, instance, created=created, update_fields=update_fields)
    transaction.on_commit(bump_intake_generation if intake else bump_desk_generation, using=using)


def _bump_after_delete(sender, *, using="default", **kwargs) -> None:
    transaction.on_commit(bump_desk_generation, using=using)


def _bump_after_m2m_commit(sender, *, action, using="default", **kwargs) -> None:
    if action.startswith("post_"):
        transaction.on_commit(bump_desk_generation, using=using)


def watch_desk_changes() -> None:
    """Connect the signals that bump the generations; FactcheckConfig.ready() calls it."""
    from factcheck.models import Actor, Article, Claim, ClaimMatch, Source, Verdict

    for model in (Claim, Verdict, Source, Actor, Article, ClaimMatch):
        post_save.connect(_bump_after_save, sender=model, dispatch_uid=f"page-cache-save-{model.__name__}")
        post_delete.connect(_bump_after_delete, sender=model, dispatch_uid=f"page-cache-delete-{model.__name__}")
    m2m_changed.connect(_bump_after_m2m_commit, sender=Claim.actors.through, dispatch_uid="page-cache-claim-actors")


def _query_read(request, reads: tuple[str, ...]) -> str:
    """The query string as the page reads it: only the parameters in `reads`, in one order whatever the reader's.

    Any other parameter (a tracking tag, a fuzzer's junk) changes nothing the
    page shows, so it must not make an entry of its own: every distinct query
    string did, and a 60-second fuzz left thousands of keys. A parameter given
    twice counts once, with its last value: the one `request.GET.get()` reads
    (a page that reads a list with getlist() would need all of them).
    """
    return urlencode([(name, request.GET[name]) for name in sorted(reads) if name in request.GET])


def _page_key(request, reads: tuple[str, ...] = ()) -> str:
    """The page's key: its address with the query parameters it reads, and the headers it varies on.

    (The generation is stored in the entry.)
    """
    varying = "|".join(f"{name}={request.headers.get(name, '')}" for name in VARYING_HEADERS)
    address = f"{request.scheme}://{request.get_host()}{request.path}?{_query_read(request, reads)}"
    url = hashlib.sha256(f"{address}|{varying}".encode()).hexdigest()
    # "gzip": entries of the earlier format (a zlib body) under the old keys are never read as gzip.
    return f"factcheck:page:gzip:{url}"


def _render_lock_key(page_key: str, generation: tuple[int, ...]) -> str:
    """The key a request holds while it renders the page for this generation.

    Per generation: a render that started before a change (and will store the
    page under the old generation) never makes a request after it wait.
    """
    return f"{page_key}:rendering:{'-'.join(map(str, generation))}"


# The lock of any page's render in the first seconds after a change (ONE_RENDER_AT_A_TIME_SECONDS).
ANY_PAGE = "factcheck:page:any"


def _take_render_lock(page_key: str, generations: dict[str, int], generation_keys: tuple[str, ...]) -> str | None:
    """The lock this request may render its stale page under, or None when it must answer with the previous copy.

    "" (no lock, render) when the cache could not take one: a full Redis must
    not leave every reader on an old copy.

    In the first ONE_RENDER_AT_A_TIME_SECONDS after the change that made the
    page stale, one lock for every page of the current generations: a publish
    makes every page stale at once, and with each page's first request
    rendering it, every worker was rendering while readers of cached pages
    queued (a second at the 99th percentile in the load test). Later, one lock
    per page: a page still stale then is rendered by its next request even
    while other pages are. Each lock is taken with the cache's atomic `add`.
    """
    changed_at = _cache().get_many([_changed_at_key(key) for key in generation_keys])
    if time.time() - max(changed_at.values(), default=0.0) < ONE_RENDER_AT_A_TIME_SECONDS:
        lock = _render_lock_key(ANY_PAGE, tuple(generations.values()))
    else:
        lock = _render_lock_key(page_key, tuple(generations[key] for key in generation_keys))
    taken = _cache().add(lock, 1, RENDER_LOCK_SECONDS)
    if taken is None:  # the cache refused the write (full) or went away: render, with no lock to let go of
        return ""
    return lock if taken else None


def _accepts_gzip(request) -> bool:
    return bool(_ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")))


def _wants_fresh(request) -> bool:
    """True for a reload: browsers send `Cache-Control: max-age=0` (no-cache on a hard reload), which
    forbids a stale answer (RFC 9111, 5.2.1.1): a reader who reloads after a change always sees it."""
    asked = f"{request.headers.get('Cache-Control', '')},{request.headers.get('Pragma', '')}"
    return bool(_RELOAD.search(asked))


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
        # Already encoded by the view: it would be compressed twice.
        and not response.has_header("Content-Encoding")
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
    """A stored page: the generations it was rendered under, headers, gzip-compressed body, and validators.

    Plain bytes and strings rather than a pickled HttpResponse: a hit unpickles
    a few fields instead of rebuilding a response object graph from 20 KB.
    The body is in the gzip format (zlib's with a gzip header), so a hit for a
    reader who accepts gzip sends the stored bytes as they are: inflating the
    ClaimReview feed (150 KB) on every hit and sending it whole made its hit
    twice as costly as the others (BENCHMARKS.md).

    None of these pages carries anything for one reader only (`_may_store`
    refuses a page that used the CSRF token, a CSP nonce, a cookie or the
    session), so compressing them gives BREACH no secret to guess.
    """

    generation: tuple[int, ...]
    headers: tuple[tuple[str, str], ...]
    body: bytes
    etag: str
    last_modified: float

    @classmethod
    def of(cls, response, generation: tuple[int, ...]) -> "_Entry":
        content = response.content
        return cls(
            generation=generation,
            headers=tuple((name, value) for name, value in response.items() if name not in _PER_RESPONSE_HEADERS),
            body=zlib.compress(content, 6, wbits=31),  # 31: the gzip format
            # From the content alone: a page rendered again after a change elsewhere, but the same, still gets 304.
            etag=f'"{hashlib.blake2b(content, digest_size=16).hexdigest()}"',
            last_modified=time.time(),
        )

    def response(self, *, gzipped: bool) -> HttpResponse:
        """The page, with its body as stored when `gzipped`, inflated otherwise."""
        response = HttpResponse(self.body if gzipped else zlib.decompress(self.body, wbits=31))
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


def _validate(request, response, entry: _Entry, *, gzipped: bool, served: str):
    """Finish an answer from the entry: its encoding, ETag and Last-Modified, and 304 when the reader has this copy.

    `response` already holds the gzip body when `gzipped`. The two encodings
    are different representations, so each has its own ETag (Apache's "-gzip"
    suffix) and the answer varies on Accept-Encoding for caches in between.
    `served` is hit, miss or stale (X-Page-Cache). A stale copy is not for a
    CDN to keep: it must ask again before using it.
    """
    etag = f'{entry.etag[:-1]}-gzip"' if gzipped else entry.etag
    if gzipped:
        response["Content-Encoding"] = "gzip"
        response["Content-Length"] = str(len(response.content))
    patch_vary_headers(response, ("Accept-Encoding",))
    response["ETag"] = etag
    response["Last-Modified"] = http_date(entry.last_modified)
    response["Cache-Control"] = "public, no-cache" if served == "stale" else _cache_control()
    answer = get_conditional_response(request, etag=etag, last_modified=int(entry.last_modified), response=response)
    answer["X-Page-Cache"] = served
    return answer


def cache_public_page(view=None, *, shows_intake: bool = True, reads: tuple[str, ...] = ()):
    """Serve the view's page from the cache while the desk has not changed.

    Wrap public views in urls.py: `path("claims/", cache_public_page(ClaimListView.as_view()))`.
    A page that an import cannot change (it shows only published work, or one
    existing claim) says so with `shows_intake=False`, and stays cached while
    articles are imported; any other change to the desk still makes it stale.
    Responses carry `X-Page-Cache: hit`, `miss` or `stale` to show what
    happened, an ETag and Last-Modified, so a reader's browser (or a CDN) that
    has the page gets `304 Not Modified`, and a Cache-Control for a CDN in front.

    A hit is one round trip to the cache: the generations and the page are
    fetched together (`get_many`), and the page is used only when it was
    stored under the current ones.

    When the stored page is from an older generation, the request that takes
    a render lock for the current generation (an atomic `add`, shared by every
    process on the cache) renders it and stores it, then lets go of the lock.
    A request that arrives meanwhile is answered with the stored, older page
    (`stale`) instead of rendering too: after a publish, every page goes stale
    at once, and readers queued behind a few workers all rendering pages
    waited up to a second. In the first ONE_RENDER_AT_A_TIME_SECONDS after the
    change, one lock serves every page, so one stale page is rendered at a
    time across the site and the other workers go on serving; after that,
    each page has its own (`_take_render_lock`). So:

    - a request renders afresh whenever no render for the current generation
      is under way (of any page in the first seconds after a change, of its
      own page later). A render it is spared started after the change (it read
      the new generation);
    - a stale copy is served at most RENDER_LOCK_SECONDS after that render
      began: a lock left by a render that died expires, and the next request
      renders;
    - a reload (`Cache-Control: max-age=0` or `no-cache`) is never answered
      stale, so a reader who reloads after a change sees it;
    - with no stored page at all there is nothing to serve instead, and every
      request renders, as before.

    `reads` names the query parameters the page reads (`?page=`, a list's
    filters): the page is stored under those alone, in one order, and the view
    sees only them, so that a link the page builds from the query string
    (`{% querystring %}`) never carries another reader's junk parameter.
    Every other parameter shares the page's entry.

    When Redis is away (RedisCache's back-off after a failure) the page is
    rendered from the database and neither read nor stored
    (`X-Page-Cache: unavailable`); it is cached again once Redis answers.
    """
    if view is None:
        return partial(cache_public_page, shows_intake=shows_intake, reads=reads)
    generation_keys = (GENERATION_KEY, INTAKE_GENERATION_KEY) if shows_intake else (GENERATION_KEY,)
    reads = tuple(sorted(set(reads)))

    def uncached(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["X-Page-Cache"] = "unavailable"
        return response

    @wraps(view)
    def cached_view(request, *args, **kwargs):
        if not _may_use_cache(request):
            return view(request, *args, **kwargs)
        if _cache_is_away():
            return uncached(request, *args, **kwargs)
        _send_unsent_bumps()
        key = _page_key(request, reads)
        found = _cache().get_many([*ALL_GENERATION_KEYS, key])
        # A generation lost or never set starts afresh, and entries stored under the old one are stale.
        generations = {name: found[name] if name in found else _generation(name) for name in ALL_GENERATION_KEYS}
        if None in generations.values():  # the cache went away meanwhile, or refuses to keep a generation
            return uncached(request, *args, **kwargs)
        generation = tuple(generations[generation_key] for generation_key in generation_keys)
        entry = found.get(key)
        entry = entry if isinstance(entry, _Entry) else None
        gzipped = _accepts_gzip(request)
        if entry and entry.generation == generation:
            return _hit(request, entry)
        lock = _take_render_lock(key, generations, generation_keys) if entry else None
        if entry and lock is None and not _wants_fresh(request):
            # Another request is rendering this page (or, just after a change, another page).
            return _validate(request, entry.response(gzipped=gzipped), entry, gzipped=gzipped, served="stale")
        # The page is rendered from the parameters it is stored under, and nothing else.
        request.GET = QueryDict(_query_read(request, reads))
        request.META["QUERY_STRING"] = request.GET.urlencode()
        try:
            response = view(request, *args, **kwargs)
        except BaseException:
            _release(lock)
            raise
        response["X-Page-Cache"] = "miss"

        def store(rendered):
            try:
                if not _may_store(request, rendered):
                    return None
                entry = _Entry.of(rendered, generation)
                _cache().set(key, entry, _page_timeout())
            finally:
                _release(lock)  # after storing: a request in between gets the stale copy or the new one
            if gzipped:
                rendered.content = entry.body
            return _validate(request, rendered, entry, gzipped=gzipped, served="miss")

        if hasattr(response, "add_post_render_callback"):
            response.add_post_render_callback(store)  # a TemplateResponse renders after the view returns
            return response
        return store(response) or response

    # For PageCacheMiddleware.
    cached_view.page_cache_generation_keys = generation_keys
    cached_view.page_cache_reads = reads
    return cached_view


def _hit(request, entry: _Entry):
    """The stored page, in the encoding the reader accepts, or 304 when they have it."""
    gzipped = _accepts_gzip(request)
    return _validate(request, entry.response(gzipped=gzipped), entry, gzipped=gzipped, served="hit")


@lru_cache(maxsize=1024)
def _cached_page_at(urlconf: str, path: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """(the generations, the query parameters read) of the page at `path`, None when it is not a cached page.

    Remembered per path: a path that is not a cached page (/healthz, the probes
    of a load balancer) then costs a lookup in a dict rather than resolving the
    URLconf on every request.
    """
    try:
        match = get_resolver(urlconf).resolve(path)
    except Resolver404:
        return None
    generation_keys = getattr(match.func, "page_cache_generation_keys", None)
    return (generation_keys, match.func.page_cache_reads) if generation_keys else None


class PageCacheMiddleware:
    """Answer a reader's page-cache hit before the middleware below this one runs.

    Put it just below WhiteNoise (static files are never in the page cache) and
    below SecurityMiddleware and the CSP middleware, which add their headers to
    every answer, this one's included. Everything below it is skipped on an
    early hit: the session, CommonMiddleware, CSRF, authentication, messages,
    X-Frame-Options, django-simple-history, axes and the database-outage page.

    Only a GET that carries neither a session cookie nor the messages cookie is
    answered here. Without a session nobody is signed in (staff always get a
    fresh page) and no message waits in the session; without the messages
    cookie none waits there either. Any other request, and any page that is not
    fresh in the cache (a miss, a stale copy, a reload during a render), goes on
    down to `cache_public_page`, which renders, stores and locks as before, and
    pays a second lookup, next to a render.

    The answer carries what the skipped middleware would have added to a hit:
    `Vary: Cookie` (the session was looked at to know the reader is anonymous),
    Content-Length (CommonMiddleware) and X-Frame-Options. A test compares an
    early hit's headers with a hit through every middleware on every cached page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self._early_hit(request) or self.get_response(request)

    def _early_hit(self, request):
        """The hit for a reader with no session and no message, None when the request goes on down the stack."""
        if request.method != "GET" or settings.SESSION_COOKIE_NAME in request.COOKIES:
            return None
        if CookieStorage.cookie_name in request.COOKIES:
            return None
        page = _cached_page_at(settings.ROOT_URLCONF, request.path_info)
        if not page or _cache_is_away():
            return None
        _send_unsent_bumps()
        generation_keys, reads = page
        key = _page_key(request, reads)
        found = _cache().get_many([*generation_keys, key])
        entry = found.get(key)
        if not isinstance(entry, _Entry) or entry.generation != tuple(found.get(name) for name in generation_keys):
            return None
        return _as_the_skipped_middleware_would(_hit(request, entry))


def _as_the_skipped_middleware_would(response):
    """Add to an early hit what SessionMiddleware, CommonMiddleware and XFrameOptionsMiddleware add to a hit."""
    patch_vary_headers(response, ("Cookie",))
    if not response.has_header("Content-Length"):
        response["Content-Length"] = str(len(response.content))
    if not response.has_header("X-Frame-Options"):
        response["X-Frame-Options"] = getattr(settings, "X_FRAME_OPTIONS", "DENY").upper()
    return response


def _release(lock: str | None) -> None:
    if lock:
        _cache().delete(lock)


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


class CacheUnavailable(Exception):
    """The cache could not count: Redis is away (or refused the write). Raised by `RedisCache.incr` only."""


# Per Redis server: until when (time.monotonic()) this process leaves it alone after a failure, shared by
# every thread's backend instance (Django makes one per thread).
_retry_at: dict[str, float] = {}
# When a refusal (a full Redis) was last logged, at most once a minute per server.
_refused_logged_at: dict[str, float] = {}


class RedisCache(DjangoRedisCache):
    """The cache backend for REDIS_URL: Django's RedisCache with reused clients (see above), that never fails a page.

    The cache is an optimisation, never a dependency. When Redis is unreachable,
    too slow (the OPTIONS' socket_connect_timeout and socket_timeout bound each
    call) or refuses a write (full, with the noeviction policy), a read is a
    miss and a write is dropped, so every page is rendered from the database;
    `incr` raises CacheUnavailable, for the counters to count in the process
    instead (`count_in_cache`). After a connection error or a timeout the
    process leaves Redis alone for RETRY_SECONDS (default 2), answering every
    call at once as above, then tries again: it comes back by itself, and a
    Redis that hangs costs one request its timeouts per back-off, not every
    request. Django's built-in backend has no such option, and django-redis's
    IGNORE_EXCEPTIONS asks the dead server on every call, so a hung Redis would
    cost every request its timeouts.
    """

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _RedisClientReused
        self._server = server if isinstance(server, str) else ",".join(server)
        self._retry_seconds = float(params.get("RETRY_SECONDS", 2))

    def is_available(self) -> bool:
        """False while this process is leaving Redis alone after a failure."""
        return time.monotonic() >= _retry_at.get(self._server, 0.0)

    def ping(self) -> bool:
        """True when Redis answers now (for /readyz)."""
        return self._tolerant(lambda: self._cache.get_client().ping(), False) is True

    def _tolerant(self, call, fallback):
        """What `call` returns, or `fallback` when Redis is away or refuses it (logged once per outage)."""
        if not self.is_available():
            return fallback
        try:
            result = call()
        except (RedisConnectionError, RedisTimeoutError) as error:
            if self._server not in _retry_at:
                logger.warning("Redis at %s is unavailable (%s): serving from the database", self._server, error)
            _retry_at[self._server] = time.monotonic() + self._retry_seconds
            return fallback
        except RedisError as error:  # it answered, but refused: full (OOM with noeviction), a read-only replica
            if time.monotonic() - _refused_logged_at.get(self._server, -60.0) >= 60:
                _refused_logged_at[self._server] = time.monotonic()
                logger.warning("Redis at %s refused a command (%s): pages are not stored", self._server, error)
            return fallback
        if _retry_at.pop(self._server, None) is not None:
            logger.warning("Redis at %s is back: serving from the cache again", self._server)
        return result

    def get(self, key, default=None, version=None):
        return self._tolerant(lambda: super(RedisCache, self).get(key, default, version), default)

    def get_many(self, keys, version=None):
        return self._tolerant(lambda: super(RedisCache, self).get_many(keys, version), {})

    def has_key(self, key, version=None):
        return self._tolerant(lambda: super(RedisCache, self).has_key(key, version), False)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        """True when added, False when the key was there, None when Redis did not answer (away or full)."""
        return self._tolerant(lambda: super(RedisCache, self).add(key, value, timeout, version), None)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._tolerant(lambda: super(RedisCache, self).set(key, value, timeout, version), None)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._tolerant(lambda: super(RedisCache, self).set_many(data, timeout, version), list(data))

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._tolerant(lambda: super(RedisCache, self).touch(key, timeout, version), False)

    def delete(self, key, version=None):
        return self._tolerant(lambda: super(RedisCache, self).delete(key, version), False)

    def delete_many(self, keys, version=None):
        return self._tolerant(lambda: super(RedisCache, self).delete_many(keys, version), None)

    def clear(self):
        return self._tolerant(lambda: super(RedisCache, self).clear(), False)

    def incr(self, key, delta=1, version=None):
        """Django's incr (ValueError for a missing key); CacheUnavailable when Redis could not count."""
        unavailable = object()
        result = self._tolerant(lambda: super(RedisCache, self).incr(key, delta, version), unavailable)
        if result is unavailable:
            raise CacheUnavailable(self._server)
        return result
