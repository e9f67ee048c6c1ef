"""The desk's URLs with its public pages wrapped in cache_public_page (for BENCH_PAGE_CACHE=1).

Probes and the reader form stay as they are: a probe must reach the process
itself, and the form page carries a CSRF token (the decorator would pass it
through anyway, after a cache lookup for nothing).
"""

from django.urls import URLPattern, URLResolver, include, path

from factcheck import urls as desk_urls
from factcheck.cache import cache_public_page

NOT_CACHED = {"healthz", "readyz", "report", "report_thanks", "claim_csv"}


def _cached(pattern: URLPattern) -> URLPattern:
    if pattern.name in NOT_CACHED:
        return pattern
    return URLPattern(pattern.pattern, cache_public_page(pattern.callback), pattern.default_args, pattern.name)


urlpatterns = [
    *(
        pattern
        for pattern in desk_urls.urlpatterns
        if not isinstance(pattern, URLResolver) or pattern.namespace != "factcheck"
    ),
    path("", include(([_cached(pattern) for pattern in desk_urls.desk_patterns], "factcheck"))),
]
