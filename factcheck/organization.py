"""The organisation that signs the desk's work, and the absolute addresses it publishes under.

Everything the desk hands to the outside world with a full address (feeds,
the sitemap, robots.txt, ClaimReview JSON-LD, canonical links, Open Graph
tags and share cards) is built here from FACTCHECK_ORGANIZATION["url"], never
from the Host header of whoever asked: a crawler fetching the site by its IP
address or through a proxy must still be told the one public address.
"""

from urllib.parse import urlencode, urljoin

from django.conf import settings

from factcheck.pagination import query_int


def organization() -> dict:
    """The organisation's name and public address (settings.FACTCHECK_ORGANIZATION)."""
    return settings.FACTCHECK_ORGANIZATION


def absolute_url(path: str) -> str:
    """`path` (a site path such as reverse() returns) as a full address at the organisation's URL."""
    return urljoin(organization()["url"], path)


def canonical_url(request) -> str:
    """The page's one address for search engines: its path, keeping only a page number past the first.

    Filters, sorting and page sizes make many addresses for the same claims;
    they all point search engines at the plain (paged) list.
    """
    page = query_int(request, "page", 1)
    query = f"?{urlencode({'page': page})}" if page > 1 else ""
    return absolute_url(request.path) + query
