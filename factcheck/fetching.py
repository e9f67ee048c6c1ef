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
import ssl
import threading
import time
from contextvars import ContextVar
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import certifi
import urllib3
from django.conf import settings
from urllib3.util.ssl_ import create_urllib3_context

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


def _lookup(host: str, port: int, within: float | None) -> list:
    """socket.getaddrinfo(), given up after `within` seconds (a name server can be as slow as a web server).

    The lookup cannot be interrupted, so it runs in a thread of its own that is left to finish alone.
    """
    if within is None:
        return socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    answer: list = []
    done = threading.Event()

    def look_up() -> None:
        try:
            answer.append(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
        except Exception as error:  # handed to the caller's thread
            answer.append(error)
        done.set()

    threading.Thread(target=look_up, name=f"lookup {host}", daemon=True).start()
    if not done.wait(max(within, 0)):
        raise TimeoutError(f"looking up {host} took more than {within:g} seconds")
    if isinstance(answer[0], Exception):
        raise answer[0]
    return answer[0]


def resolve(
    host: str, port: int, *, within: float | None = None
) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    """Every address the host name resolves to; raises RefusedURL when it resolves to none, and TimeoutError
    when the lookup takes more than `within` seconds."""
    try:
        infos = _lookup(host, port, within)
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


def safe_address(host: str, port: int, *, within: float | None = None) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    """The address to connect to for host; raises RefusedURL when any address it resolves to is refused."""
    addresses = resolve(host, port, within=within)
    for address in addresses:
        refusal = refusal_for(address)
        if refusal:
            shown = host if host == str(address) else f"{host} resolves to {address}, which is"
            raise RefusedURL(f"{shown} {refusal}; the desk only fetches pages from public web servers")
    return addresses[0]


class Deadline:
    """The end of one fetch, and the longest wait for any single step (connecting, the next bytes)."""

    def __init__(self, *, total: float, step: float):
        self.total, self.step = total, step
        self.ends = time.monotonic() + total
        self.cut_short = False  # whether the last wait given was shortened to what was left of the total

    def remaining(self) -> float:
        return self.ends - time.monotonic()

    def next_wait(self) -> float:
        """Seconds the next socket operation may wait: the step, or what is left when that is less.
        Raises socket.timeout (TimeoutError) when nothing is left."""
        left = self.remaining()
        if left <= 0:
            self.cut_short = True
            raise TimeoutError(f"the fetch's {self.total:g} seconds are up")
        self.cut_short = left <= self.step
        return min(self.step, left)

    @property
    def passed(self) -> bool:
        """Whether a timeout just seen was the total running out, rather than one slow step."""
        return self.cut_short or self.remaining() <= 0


# The deadline of the fetch running in this thread; read by the sockets below before every read and write.
_deadline: ContextVar[Deadline] = ContextVar("fetch_deadline")


class _DeadlineBound:
    """Sets the socket's timeout to the time left before each read, write and TLS handshake.

    One read returns as soon as any byte arrives, so a per-read timeout alone lets a server sending a
    byte a second hold the fetch for ever; the time left of the fetch's deadline bounds the sum.
    """

    def _bound(self) -> None:
        self.settimeout(_deadline.get().next_wait())

    def recv(self, *args, **kwargs):
        self._bound()
        return super().recv(*args, **kwargs)

    def recv_into(self, *args, **kwargs):
        self._bound()
        return super().recv_into(*args, **kwargs)

    def send(self, *args, **kwargs):
        self._bound()
        return super().send(*args, **kwargs)

    def sendall(self, *args, **kwargs):
        self._bound()
        return super().sendall(*args, **kwargs)


class _DeadlineSocket(_DeadlineBound, socket.socket):
    pass


class _DeadlineSSLSocket(_DeadlineBound, ssl.SSLSocket):
    def do_handshake(self, *args, **kwargs):
        self._bound()  # the whole handshake is one call, bounded as one by CPython's ssl module
        return super().do_handshake(*args, **kwargs)


def _connect(connection) -> socket.socket:
    """A socket connected to the connection's (already checked) address within the deadline."""
    address = connection._dns_host
    sock = _DeadlineSocket(socket.AF_INET6 if ":" in address else socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.settimeout(_deadline.get().next_wait())
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.connect((address, connection.port))
        sock.settimeout(_deadline.get().next_wait())  # the TLS handshake that may follow starts with this
    except TimeoutError as error:
        sock.close()
        raise urllib3.exceptions.ConnectTimeoutError(connection, f"connecting timed out ({error})") from error
    except OSError as error:
        sock.close()
        raise urllib3.exceptions.NewConnectionError(connection, f"failed to connect: {error}") from error
    return sock


class _HTTPConnection(urllib3.connection.HTTPConnection):
    def _new_conn(self) -> socket.socket:
        return _connect(self)


class _HTTPSConnection(urllib3.connection.HTTPSConnection):
    def _new_conn(self) -> socket.socket:
        return _connect(self)


class _HTTPPool(urllib3.HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(urllib3.HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


def _pool(scheme: str, host: str, address, port: int, timeout: float):
    timeouts = urllib3.Timeout(connect=timeout, read=timeout)
    if scheme == "https":
        context = create_urllib3_context(cert_reqs=ssl.CERT_REQUIRED)
        context.sslsocket_class = _DeadlineSSLSocket
        # Connect to the checked address, but verify the certificate (and send SNI) for the host name.
        return _HTTPSPool(
            str(address),
            port,
            timeout=timeouts,
            retries=False,
            maxsize=1,
            server_hostname=host,
            assert_hostname=host,
            cert_reqs="CERT_REQUIRED",
            ca_certs=certifi.where(),
            ssl_context=context,
        )
    return _HTTPPool(str(address), port, timeout=timeouts, retries=False, maxsize=1)


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
    deadline = Deadline(total=settings.FACTCHECK_FETCH_TOTAL_SECONDS, step=settings.FACTCHECK_FETCH_TIMEOUT)
    token = _deadline.set(deadline)
    try:
        return _fetch(url, deadline)
    finally:
        _deadline.reset(token)


def _too_slow(host: str, deadline: Deadline) -> RefusedURL:
    return RefusedURL(f"{host} was too slow: the page took more than {deadline.total:g} seconds to arrive")


def _fetch(url: str, deadline: Deadline) -> FetchedPage:
    timeout = deadline.step
    max_bytes = settings.FACTCHECK_FETCH_MAX_BYTES
    for _ in range(MAX_REDIRECTS + 1):
        scheme, host, port = check_url(url)
        try:
            address = safe_address(host, port, within=deadline.remaining())
        except TimeoutError:
            raise _too_slow(host, deadline) from None
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
            if deadline.passed:
                raise _too_slow(host, deadline) from None
            raise RefusedURL(f"{host} did not answer within {timeout:g} seconds") from None
        except urllib3.exceptions.SSLError as error:
            pool.close()
            if deadline.passed:  # a handshake cut short by the deadline is reported as an SSL error
                raise _too_slow(host, deadline) from None
            raise RefusedURL(f"{host}'s HTTPS certificate could not be verified ({error})") from None
        except urllib3.exceptions.HTTPError as error:
            pool.close()
            if deadline.passed:
                raise _too_slow(host, deadline) from None
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


def _read(response, *, host: str, max_bytes: int, deadline: Deadline) -> bytes:
    chunks, size = [], 0
    try:
        for chunk in response.stream(CHUNK_BYTES):
            size += len(chunk)
            if size > max_bytes:
                raise RefusedURL(f"the page is too large (over the limit of {max_bytes:,} bytes)")
            chunks.append(chunk)
    except urllib3.exceptions.ReadTimeoutError:
        if deadline.passed:
            raise _too_slow(host, deadline) from None
        raise RefusedURL(f"{host} stopped sending the page for more than {deadline.step:g} seconds") from None
    except urllib3.exceptions.ProtocolError as error:
        if deadline.passed:
            raise _too_slow(host, deadline) from None
        raise RefusedURL(f"{host} broke off the page ({error})") from None
    except urllib3.exceptions.DecodeError as error:
        raise RefusedURL(f"{host} sent a page that could not be decompressed ({error})") from None
    return b"".join(chunks)
