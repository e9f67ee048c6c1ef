"""Settings for benchmarks: the desk's own, with the page cache on or off by BENCH_PAGE_CACHE.

BENCH_PAGE_CACHE=1 applies cache_public_page to every public page through
bench.urls; BENCH_PAGE_CACHE=0 swaps in a dummy cache so nothing is served
from a cache, whatever factcheck.urls applies. Unset: the desk as it is.
"""

import os

from factcheck.settings import *  # noqa: F403

if os.environ.get("BENCH_PAGE_CACHE") == "1":
    ROOT_URLCONF = "bench.urls"
elif os.environ.get("BENCH_PAGE_CACHE") == "0":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
