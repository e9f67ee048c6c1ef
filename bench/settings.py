"""Settings for benchmarks: the desk's own, with the page cache off when BENCH_PAGE_CACHE=0.

The public pages are wrapped in cache_public_page in factcheck.urls;
BENCH_PAGE_CACHE=0 swaps in a dummy cache so nothing is served from a cache,
to measure the pages' own cost. Anything else: the desk as it is.
"""

import os

from factcheck.settings import *  # noqa: F403

if os.environ.get("BENCH_PAGE_CACHE") == "0":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
