"""Where a request really comes from when the desk sits behind proxies.

Behind nginx or a load balancer every request arrives from the proxy's
address, so a login lockout by address would lock out everyone at once, or
no one. Each proxy appends the address it received the request from to
X-Forwarded-For; with TRUSTED_PROXY_COUNT proxies in front of the desk, the
client is the entry that many places from the right. Entries further left
come from the client itself and can be forged, so they are never used.
"""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR with no trusted proxy (or a header too short to trust)."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")
