"""The desk's URLs with every public page wrapped in cache_public_page (for BENCH_PAGE_CACHE=1)."""

from django.urls import URLPattern, URLResolver, include, path

from factcheck import urls as desk_urls
from factcheck.cache import cache_public_page


def _cached(pattern: URLPattern) -> URLPattern:
    return URLPattern(pattern.pattern, cache_public_page(pattern.callback), pattern.default_args, pattern.name)


urlpatterns = [
    *(
        pattern
        for pattern in desk_urls.urlpatterns
        if not isinstance(pattern, URLResolver) or pattern.namespace != "factcheck"
    ),
    path("", include(([_cached(pattern) for pattern in desk_urls.desk_patterns], "factcheck"))),
]
