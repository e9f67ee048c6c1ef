"""Load balancers' probes are answered before the host check and the HTTPS redirect (ProbeMiddleware);
when the database goes away, readers get a short "back soon" page; and the admin's own query
parameters that Django fails on are dropped before they reach it (AdminQueryMiddleware, at the end).

A lost connection (the server restarting, a failover, a network cut) raises
OperationalError or InterfaceError in whichever view was talking to it.
Unhandled, that is a 500 and a traceback in the error mail for something
nobody can fix by reading code. DatabaseUnavailableMiddleware answers 503
with Retry-After instead, so browsers, crawlers and load balancers know to
come back, and it logs the error for the operators.

The page is rendered without the request: no context processor runs, so
showing it never touches the database that just failed. Django closes the
broken connection when the request ends and the next request opens a new one,
so the desk recovers by itself when the database returns.
"""

import logging

from django.conf import settings
from django.contrib.admin.options import TO_FIELD_VAR
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseRedirect
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers

from factcheck import views
from factcheck.pagination import parse_int

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


class ProbeMiddleware:
    """Answer GET /healthz and /readyz for any host; keep it above everything that reads the request's host.

    A load balancer probes each app server itself: by the server's own address, over plain http, without the
    X-Forwarded-Proto header of the requests it forwards. Further down, the host check refused such a probe
    (400: the address is not in ALLOWED_HOSTS), and the HTTPS redirect answered it 301 whatever the database's
    state (SECURE_REDIRECT_EXEMPT now leaves these two paths alone), so a probe could never take an instance
    out. The answers say only whether this process, its database and its cache answer, and are never cached;
    the security middleware above still adds its headers.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        probe = {"/healthz": views.healthz, "/readyz": views.readyz}.get(request.path_info)
        if probe is not None and request.method in ("GET", "HEAD"):
            return probe(request)
        return self.get_response(request)


class DatabaseUnavailableMiddleware:
    """Turn a database outage during a view into a 503 page.

    Only exceptions from views (and template rendering) reach
    process_exception; keep this last in MIDDLEWARE so it is asked first.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception: Exception) -> HttpResponse | None:
        """A 503 response for a lost database, None (Django's usual handling) for anything else."""
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("Database unavailable while serving %s %s", request.method, request.path, exc_info=exception)
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        add_never_cache_headers(response)
        return response


# The admin's date drill-down (date_hierarchy) reads these as datetime(year, month, day), and a year
# after 9998 or one too large for a C long raises from outside Django's own check; these are the
# values it can read.
ADMIN_DATE_PARTS = {"year": range(1, 9999), "month": range(1, 13), "day": range(1, 32)}


def unreadable_admin_parameter(name: str, values: list[str]) -> bool:
    """True for an admin query parameter that Django's admin would fail on rather than refuse."""
    if name == TO_FIELD_VAR:
        # An empty `_to_field` is read as a field named "" by ModelAdmin.get_object.
        return not all(values)
    part = name.rpartition("__")[2]
    if part in ADMIN_DATE_PARTS and "__" in name:
        return any(parse_int(value) not in ADMIN_DATE_PARTS[part] for value in values)
    return False


class AdminQueryMiddleware:
    """Send the admin's own query parameters that it cannot read back to the page without them.

    Two of Django's admin parameters fail with a 500 on a hand-edited value instead of being refused:
    an empty `_to_field` on any change, delete or history page, and a date drill-down
    (`?published_on__year=`) beyond the year 9998. The page is shown again without those parameters,
    as an unfiltered list or the plain form. Only the admin's addresses are looked at.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(f"/{settings.ADMIN_PATH}") and request.method in ("GET", "HEAD"):
            unreadable = [name for name, values in request.GET.lists() if unreadable_admin_parameter(name, values)]
            if unreadable:
                query = request.GET.copy()
                for name in unreadable:
                    del query[name]
                return HttpResponseRedirect(f"{request.path}?{query.urlencode()}" if query else request.path)
        return self.get_response(request)
