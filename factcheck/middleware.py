"""When the database goes away, readers get a short "back soon" page.

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

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


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
