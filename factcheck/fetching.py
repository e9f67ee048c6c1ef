"""Fetch a news page for import, refusing anything that would let a URL reach inside the desk's network.

An editor's URL is fetched by the desk's own server, so a careless or hostile
one could make the server read what only it can reach (server-side request
forgery): the cloud's metadata service at 169.254.169.254, a database on
10.0.0.5, the admin of a router, the desk itself on 127.0.0.1. ``fetch_page()``
therefore:

- accepts only ``http`` and ``https`` URLs, without user names or passwords;
- resolves the host name itself and refuses the URL when any address it
  resolves to is not a public one (loopback, private, link-local, carrier-grade
  NAT, multicast, reserved, a cloud metadata address, an IPv4 address mapped
  into IPv6), then connects to exactly the address it checked, so a second
  DNS answer cannot swap in another (DNS rebinding);
- follows at most ``MAX_REDIRECTS`` redirects itself, checking every new
  address the same way;
- refuses a response that is neither HTML (``text/html`` or XHTML) nor a transcript (WebVTT or
  SubRip captions, plain text), one larger
  than ``FACTCHECK_FETCH_MAX_BYTES`` (by its Content-Length or as it streams
  in), and a server slower than ``FACTCHECK_FETCH_TIMEOUT`` seconds to connect
  or to send the next bytes, or than ``FACTCHECK_FETCH_TOTAL_SECONDS`` for the
  whole page;
- never reads proxy settings from the environment, never sends cookies.

``FACTCHECK_FETCH_ALLOWED_NETWORKS`` lists addresses or networks that may be
fetched although they are not public ("127.0.0.1" for tests that serve pages
from this machine, a newsroom's intranet). It is empty by default.

Every refusal is a ``RefusedURL`` whose message says why, for the editor.
"""

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import certifi
import urllib3
from django.conf import settings

MAX_REDIRECTS = 5
MAX_URL_CHARS = 2000
HTML_TYPES = {"text/html", "application/xhtml+xml"}
# A transcript at an address: captions, or a plain-text transcript.
TRANSCRIPT_TYPES = {"text/vtt", "application/x-subrip", "application/x-srt", "text/srt", "text/plain"}
USER_AGENT = "FactcheckDesk/1.0 (article import)"
# Cloud metadata services: AWS, GCP, Azure, OpenStack (169.254.169.254), Alibaba, AWS over IPv6, Oracle.
METADATA_ADDRESSES = {
    ipaddress.ip_address(address)
    for address in ("169.254.169.254", "169.254.170.2", "100.100.100.200", "fd00:ec2::254", "192.0.0.192")
}
CHUNK_BYTES = 64 * 1024


class RefusedURL(ValueError):
    """The URL was not fetched, or its page not accepted; the message says why, for the editor."""


class NotAWebAddress(RefusedURL):
    """What was given is no web address at all ("not a url", "www.example.com/story"): it has no scheme."""


@dataclass(frozen=True)
class FetchedPage:
    url: str  # where the page was finally found, after redirects
    body: bytes
    charset: str
    media_type: str = "text/html"

    @property
    def is_html(self) -> bool:
        return self.media_type in HTML_TYPES

    def text(self) -> str:
        """The page decoded with the charset its server named (UTF-8 when it named none)."""
        try:
            return self.body.decode(self.charset or "utf-8", errors="replace")
        except LookupError:
            return self.body.decode("utf-8", errors="replace")


def allowed_networks() -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    return [ipaddress.ip_network(entry, strict=False) for entry in settings.FACTCHECK_FETCH_ALLOWED_NETWORKS]


def refusal_for(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why the desk must not connect to this address, or None when it may."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    if any(address in network for network in allowed_networks()):
        return None
    if address in METADATA_ADDRESSES:
        return "a cloud metadata address"
    if address.is_loopback:
        return "a loopback address (this server itself)"
    if address.is_link_local:
        return "a link-local address"
    if address.is_unspecified:
        return "an unspecified address"
    if address.is_multicast:
        return "a multicast address"
    if address.is_private:
        return "a private network address"
    if address.is_reserved or not address.is_global:
        return "not a public internet address"
    return None


def check_url(url: str) -> tuple[str, str, int]:
    """(scheme, host, port) of a URL the desk may try to fetch; raises RefusedURL otherwise."""
    if len(url) > MAX_URL_CHARS:
        raise RefusedURL(f"the address is longer than {MAX_URL_CHARS:,} characters")
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as error:
        raise RefusedURL(f"not a valid web address ({error})") from None
    scheme = parts.scheme.lower()
    if "://" not in url or not scheme:
        raise NotAWebAddress("not a web address: give a full address starting with https://")
    if scheme not in {"http", "https"}:
        raise RefusedURL(f"only http:// and https:// addresses can be imported, not {scheme}:// ones")
    if parts.username or parts.password:
        raise RefusedURL("addresses with a user name or password are not fetched")
    if not parts.hostname:
        raise RefusedURL("the address has no host name")
    return scheme, parts.hostname, port or (443 if scheme == "https" else 80)


def resolve(host: str, port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    """Every address the host name resolves to; raises RefusedURL when it resolves to none."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise RefusedURL(f"the host name {host} could not be resolved ({error})") from None
    addresses = []
    for *_, sockaddr in infos:
        address = ipaddress.ip_address(sockaddr[0].split("%", 1)[0])
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise RefusedURL(f"the host name {host} resolves to no address")
    return addresses


def safe_address(host: str, port: int) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    """The address to connect to for host; raises RefusedURL when any address it resolves to is refused."""
    addresses = resolve(host, port)
    for address in addresses:
        refusal = refusal_for(address)
        if refusal:
            shown = host if host == str(address) else f"{host} resolves to {address}, which is"
            raise RefusedURL(f"{shown} {refusal}; the desk only fetches pages from public web servers")
    return addresses[0]


def _pool(scheme: str, host: str, address, port: int, timeout: float):
    timeouts = urllib3.Timeout(connect=timeout, read=timeout)
    if scheme == "https":
        # Connect to the checked address, but verify the certificate (and send SNI) for the host name.
        return urllib3.HTTPSConnectionPool(
            str(address),
            port,
            timeout=timeouts,
            retries=False,
            maxsize=1,
            server_hostname=host,
            assert_hostname=host,
            cert_reqs="CERT_REQUIRED",
            ca_certs=certifi.where(),
        )
    return urllib3.HTTPConnectionPool(str(address), port, timeout=timeouts, retries=False, maxsize=1)


def _content_type(headers) -> tuple[str, str]:
    value = headers.get("Content-Type", "")
    media_type, _, params = value.partition(";")
    charset = ""
    for param in params.split(";"):
        name, _, param_value = param.strip().partition("=")
        if name.lower() == "charset":
            charset = param_value.strip("\"' ")
    return media_type.strip().lower(), charset


def fetch_page(url: str) -> FetchedPage:
    """The HTML page at url, fetched within the limits above; raises RefusedURL saying why not."""
    timeout = settings.FACTCHECK_FETCH_TIMEOUT
    max_bytes = settings.FACTCHECK_FETCH_MAX_BYTES
    deadline = time.monotonic() + settings.FACTCHECK_FETCH_TOTAL_SECONDS
    for _ in range(MAX_REDIRECTS + 1):
        scheme, host, port = check_url(url)
        address = safe_address(host, port)
        parts = urlsplit(url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        host_header = host if port in (80, 443) else f"{host}:{port}"
        if ":" in host and not host.startswith("["):
            host_header = f"[{host}]" if port in (80, 443) else f"[{host}]:{port}"
        pool = _pool(scheme, host, address, port, timeout)
        try:
            response = pool.urlopen(
                "GET",
                target,
                headers={
                    "Host": host_header,
                    "User-Agent": USER_AGENT,
                    "Accept": "text/html,application/xhtml+xml;q=0.9,text/vtt;q=0.8,application/x-subrip;q=0.8,"
                    "text/plain;q=0.5",
                    "Accept-Encoding": "gzip, deflate",
                },
                redirect=False,
                preload_content=False,
                assert_same_host=False,
                decode_content=True,
            )
        except urllib3.exceptions.TimeoutError:
            pool.close()
            raise RefusedURL(f"{host} did not answer within {timeout:g} seconds") from None
        except urllib3.exceptions.SSLError as error:
            pool.close()
            raise RefusedURL(f"{host}'s HTTPS certificate could not be verified ({error})") from None
        except urllib3.exceptions.HTTPError as error:
            pool.close()
            raise RefusedURL(f"{host} could not be reached ({error})") from None
        try:
            if response.status in {301, 302, 303, 307, 308}:
                location = response.headers.get("Location")
                if not location:
                    raise RefusedURL(f"{host} redirected without saying where to")
                url = urljoin(url, location)
                continue
            if response.status != 200:
                raise RefusedURL(f"{host} answered {response.status} {response.reason or ''}".rstrip())
            media_type, charset = _content_type(response.headers)
            if media_type not in HTML_TYPES | TRANSCRIPT_TYPES:
                found = media_type or "not given"
                raise RefusedURL(f"the address is neither a web page nor a transcript (its content type is {found})")
            length = response.headers.get("Content-Length", "")
            if length.isdigit() and int(length) > max_bytes:
                raise RefusedURL(f"the page is too large ({int(length):,} bytes; the limit is {max_bytes:,})")
            body = _read(response, host=host, max_bytes=max_bytes, deadline=deadline)
            return FetchedPage(url=url, body=body, charset=charset, media_type=media_type)
        finally:
            response.release_conn()
            pool.close()
    raise RefusedURL(f"more than {MAX_REDIRECTS} redirects")


def _read(response, *, host: str, max_bytes: int, deadline: float) -> bytes:
    chunks, size = [], 0
    try:
        for chunk in response.stream(CHUNK_BYTES):
            size += len(chunk)
            if size > max_bytes:
                raise RefusedURL(f"the page is too large (over the limit of {max_bytes:,} bytes)")
            if time.monotonic() > deadline:
                raise RefusedURL(
                    f"{host} was too slow: the page took more than "
                    f"{settings.FACTCHECK_FETCH_TOTAL_SECONDS:g} seconds to arrive"
                )
            chunks.append(chunk)
    except urllib3.exceptions.ReadTimeoutError:
        waited = settings.FACTCHECK_FETCH_TIMEOUT
        raise RefusedURL(f"{host} stopped sending the page for more than {waited:g} seconds") from None
    except urllib3.exceptions.ProtocolError as error:
        raise RefusedURL(f"{host} broke off the page ({error})") from None
    except urllib3.exceptions.DecodeError as error:
        raise RefusedURL(f"{host} sent a page that could not be decompressed ({error})") from None
    return b"".join(chunks)
