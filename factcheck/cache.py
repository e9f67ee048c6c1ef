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

Only anonymous GET requests with no messages waiting are served from and
stored in the cache, and only 200 responses that set no cookie, did not use
the CSRF token (a form page) or a CSP nonce, and did not ask not to be cached. With the
local-memory backend each process has its own cache and generation, so run
several processes (gunicorn workers, an import beside the site) with Redis.
"""

import hashlib
import time
from functools import wraps

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

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
    varying = "|".join(f"{name}={request.headers.get(name, '')}" for name in VARYING_HEADERS)
    url = hashlib.sha256(f"{request.build_absolute_uri()}|{varying}".encode()).hexdigest()
    return f"factcheck:page:{desk_generation()}:{url}"


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


def cache_public_page(view):
    """Serve the view's page from the cache while the desk has not changed.

    Wrap public views in urls.py: `path("claims/", cache_public_page(ClaimListView.as_view()))`.
    Responses carry `X-Page-Cache: hit` or `miss` to show what happened.
    """

    @wraps(view)
    def cached_view(request, *args, **kwargs):
        if not _may_use_cache(request):
            return view(request, *args, **kwargs)
        key = _page_key(request)
        response = _cache().get(key)
        if response is not None:
            response["X-Page-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        response["X-Page-Cache"] = "miss"

        def store(rendered):
            if _may_store(request, rendered):
                _cache().set(key, rendered, _page_timeout())

        if hasattr(response, "add_post_render_callback"):
            response.add_post_render_callback(store)  # a TemplateResponse renders after the view returns
        else:
            store(response)
        return response

    return cached_view
